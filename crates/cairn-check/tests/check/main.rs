//! The plan-health checks on the demo plan and on plans made to break one rule each.

use cairn_check::{Finding, Severity, check};

fn print(findings: &[Finding]) {
    for f in findings {
        println!("{}\t{}\t{}\t{:?}\t{}", f.severity, f.code, f.path, f.ids, f.message);
    }
}

#[test]
fn demo() {
    let plan = cairn_core::demo_plan();
    let findings = check(&plan).expect("checks");
    print(&findings);
    assert!(findings.iter().any(|f| f.severity == Severity::Error));
}

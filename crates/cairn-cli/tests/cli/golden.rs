//! Golden files of the `cairn` command line: every JSON output, and the text outputs other tools
//! parse (TAB-separated lists, the budget CSV, the tables, the one-line values and errors), on
//! fixed inputs, compared byte for byte with `crates/cairn-cli/tests/golden/`. A change to one of
//! these contracts is then a visible diff, never a side effect of a refactor.
//!
//! To accept an intended change, rewrite the files and review the diff before committing it:
//!
//! ```text
//! CAIRN_BLESS=1 cargo test -p cairn-cli --test cli golden
//! ```
//!
//! Each case runs the real binary in a fresh directory holding the fixtures (`demo.json`: the demo
//! plan; `edge.json`: the demo plan with a violated dependency, dates past the horizon, spend
//! outside it and an initiative without a theme; `cycle.json`: a plan whose dependencies form a
//! cycle; `risks.json`: the demo plan with a register of edge cases (`risks_plan`); `batch.jsonl`: `cairn calc --batch` requests) and names them by relative paths, so no
//! temporary path reaches the output. `<case>` holds standard output; `<case>.stderr` standard
//! error, when there is any. The exit code of each case is in [`CASES`]: a change to it is a change
//! to this file.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// One run of `cairn`: the golden file of its standard output, its arguments, its exit code and
/// what it reads on standard input.
struct Case {
    golden: &'static str,
    args: &'static [&'static str],
    code: i32,
    stdin: Option<&'static str>,
}

const fn case(golden: &'static str, args: &'static [&'static str], code: i32) -> Case {
    Case { golden, args, code, stdin: None }
}

const CASES: &[Case] = &[
    // `cairn calc`: one value a line, errors `#CODE: message`, usage errors exit with 2.
    case("calc-npv.txt", &["calc", "NPV", "0.1", "-10000,3000,4200,6800"], 0),
    case("calc-pmt-percent.txt", &["calc", "PMT", "8%", "10", "-10000"], 0),
    case(
        "calc-xirr-dates.txt",
        &["calc", "XIRR", "-10000,2750,4250,3250,2750", "2008-01-01,2008-03-01,2008-10-30,2009-02-15,2009-04-01"],
        0,
    ),
    case("calc-vdb-bool.txt", &["calc", "VDB", "2400", "300", "10", "0", "1", "2", "FALSE"], 0),
    case("calc-irr-num.txt", &["calc", "IRR", "1,2,3"], 1),
    case("calc-bad-date.txt", &["calc", "XNPV", "0.1", "-1000,1100", "2020-01-01,2020-02-30"], 1),
    case("calc-unknown.txt", &["calc", "NOPE", "1"], 1),
    case("calc-no-function.txt", &["calc"], 2),
    case("calc-batch-extra.txt", &["calc", "--batch", "batch.jsonl", "more"], 2),
    case("calc-help.txt", &["calc", "--help"], 0),
    case("calc-batch.jsonl", &["calc", "--batch", "batch.jsonl"], 0),
    case("calc-batch-equals.jsonl", &["calc", "--batch=batch.jsonl"], 0),
    Case {
        golden: "calc-batch-stdin.jsonl",
        args: &["calc", "--batch", "-"],
        code: 0,
        stdin: Some("{\"function\": \"FV\", \"args\": [0.05, 10, -100]}\n\n{\"function\": \"NPV\"}\n"),
    },
    // `cairn mcda`: JSON answers; a bad matrix exits with 1 naming the row and column.
    case("mcda-ahp.json", &["mcda", "ahp", "1,3,5;1/3,1,3;1/5,1/3,1"], 0),
    case(
        "mcda-ahp-inconsistent.json",
        &["mcda", "ahp", "1,9,1/9;1/9,1,9;9,1/9,1", "--weights", "geometric-mean", "--random-index", "alonso-lamata"],
        0,
    ),
    case(
        "mcda-ahp-tummala-ling.json",
        &["mcda", "ahp", "1,2,4,3;1/2,1,2,2;1/4,1/2,1,1;1/3,1/2,1,1", "--random-index", "tummala-ling"],
        0,
    ),
    case("mcda-ahp-bad-entry.txt", &["mcda", "ahp", "1,a;1,1"], 1),
    case("mcda-ahp-not-square.txt", &["mcda", "ahp", "1,3;1"], 1),
    case("mcda-ahp-out-of-scale.txt", &["mcda", "ahp", "1,12;1/12,1"], 1),
    case(
        "mcda-topsis.json",
        &["mcda", "topsis", "--matrix", "7,9,9;8,7,8", "--weights", "0.5,0.3,0.2", "--types", "max,max,min"],
        0,
    ),
    case(
        "mcda-topsis-minmax.json",
        &[
            "mcda",
            "topsis",
            "--matrix",
            "-1,250,3;2,300,1/2;4,180,2",
            "--weights",
            "2,1,1",
            "--types",
            "benefit,cost,1",
            "--normalization",
            "minmax",
        ],
        0,
    ),
    case(
        "mcda-topsis-bad-types.txt",
        &["mcda", "topsis", "--matrix", "7,9;8,7", "--weights", "0.5,0.5", "--types", "max,up"],
        1,
    ),
    case(
        "mcda-topsis-bad-weight.txt",
        &["mcda", "topsis", "--matrix", "7,9;8,7", "--weights", "0.5,x", "--types", "max,min"],
        1,
    ),
    case(
        "mcda-topsis-mismatch.txt",
        &["mcda", "topsis", "--matrix", "7,9;8,7", "--weights", "0.5,0.3,0.2", "--types", "max,min"],
        1,
    ),
    // `cairn roadmap`: the schedule as a table or JSON, the budget as CSV or JSON.
    case("roadmap-schedule.txt", &["roadmap", "schedule", "demo.json"], 0),
    case("roadmap-schedule.json", &["roadmap", "schedule", "demo.json", "--format", "json"], 0),
    case("roadmap-budget.csv", &["roadmap", "budget", "demo.json"], 0),
    case("roadmap-budget.json", &["roadmap", "budget", "demo.json", "--format", "json"], 0),
    case("roadmap-schedule-edge.txt", &["roadmap", "schedule", "edge.json", "--format", "table"], 0),
    case("roadmap-schedule-edge.json", &["roadmap", "schedule", "edge.json", "--format", "json"], 0),
    case("roadmap-budget-edge.csv", &["roadmap", "budget", "edge.json", "--format", "csv"], 0),
    case("roadmap-budget-edge.json", &["roadmap", "budget", "edge.json", "--format", "json"], 0),
    case("roadmap-schedule-cycle.txt", &["roadmap", "schedule", "cycle.json"], 1),
    case("roadmap-budget-not-a-plan.txt", &["roadmap", "budget", "batch.jsonl"], 1),
    // `cairn roadmap confidence`: schedule risk, the default 10,000 runs and seed, a few runs
    // from another seed as JSON and as a table, a scenario, and one line for each bad input.
    case("roadmap-confidence-default.json", &["roadmap", "confidence", "demo.json", "--format", "json"], 0),
    case(
        "roadmap-confidence.json",
        &["roadmap", "confidence", "demo.json", "--runs", "500", "--seed", "7", "--format", "json"],
        0,
    ),
    case("roadmap-confidence.txt", &["roadmap", "confidence", "demo.json", "--runs", "500", "--seed", "7"], 0),
    case(
        "roadmap-confidence-scenario.json",
        &[
            "roadmap",
            "confidence",
            "demo.json",
            "--runs",
            "300",
            "--scenario",
            "Budget cut 15 % from FY2028",
            "--format",
            "json",
        ],
        0,
    ),
    case(
        "roadmap-confidence-edge.json",
        &["roadmap", "confidence", "edge.json", "--runs", "200", "--format", "json"],
        0,
    ),
    case("roadmap-confidence-no-runs.txt", &["roadmap", "confidence", "demo.json", "--runs", "0"], 1),
    case("roadmap-confidence-runs-nan.txt", &["roadmap", "confidence", "demo.json", "--runs", "ten"], 1),
    case("roadmap-confidence-bad-seed.txt", &["roadmap", "confidence", "demo.json", "--seed", "-1"], 1),
    case("roadmap-confidence-unknown-scenario.txt", &["roadmap", "confidence", "demo.json", "--scenario", "nope"], 1),
    case("roadmap-confidence-missing.txt", &["roadmap", "confidence", "missing.json"], 1),
    case("roadmap-confidence-cycle.txt", &["roadmap", "confidence", "cycle.json"], 1),
    // `cairn check`: plan-health findings as a table (the default) or JSON, of the plan or of a
    // scenario; exit 0 whatever they find, 1 with one line when the input is bad.
    case("check.txt", &["check", "demo.json"], 0),
    case("check.json", &["check", "demo.json", "--format", "json"], 0),
    case("check-edge.json", &["check", "edge.json", "--format", "json"], 0),
    case("check-scenario.json", &["check", "demo.json", "--scenario", "Cautious benefits", "--format", "json"], 0),
    case("check-unknown-scenario.txt", &["check", "demo.json", "--scenario", "nope"], 1),
    // `cairn report`: a layout it does not know is refused on one line naming `--layout`.
    case("report-bad-layout.txt", &["report", "demo.json", "--layout", "slides", "-o", "deck.pdf"], 1),
    case("check-not-a-plan.txt", &["check", "batch.jsonl", "--format", "json"], 1),
    case("check-cycle.txt", &["check", "cycle.json"], 1),
    // `cairn scenario`: the TAB-separated list; comparisons as a table or JSON.
    case("scenario-list.txt", &["scenario", "list", "demo.json"], 0),
    case("scenario-list-edge.txt", &["scenario", "list", "edge.json"], 0),
    case("scenario-compare.txt", &["scenario", "compare", "demo.json", "plan", "Cautious benefits"], 0),
    case(
        "scenario-compare.json",
        &["scenario", "compare", "demo.json", "plan", "Cautious benefits", "--format", "json"],
        0,
    ),
    case(
        "scenario-compare-three.txt",
        &["scenario", "compare", "demo.json", "plan", "scenario-budget-cut", "baseline-approved"],
        0,
    ),
    case(
        "scenario-compare-three.json",
        &["scenario", "compare", "demo.json", "plan", "scenario-budget-cut", "baseline-approved", "--format", "json"],
        0,
    ),
    case(
        "scenario-compare-edge.txt",
        &["scenario", "compare", "edge.json", "plan", "scenario-cautious", "--format", "table"],
        0,
    ),
    case(
        "scenario-compare-edge.json",
        &["scenario", "compare", "edge.json", "plan", "scenario-cautious", "--format", "json"],
        0,
    ),
    case("scenario-compare-unknown.txt", &["scenario", "compare", "demo.json", "plan", "Nope"], 1),
    case("scenario-list-cycle.txt", &["scenario", "list", "cycle.json"], 1),
    // `cairn case metrics`: the short list as JSON (the default) or a table; a case without a
    // short list is business as usual at zero and itself; an unknown case or scenario exits 1.
    case("case-metrics.json", &["case", "metrics", "demo.json", "case-erp"], 0),
    case("case-metrics.txt", &["case", "metrics", "demo.json", "ERP replacement", "--format", "table"], 0),
    case("case-metrics-implicit.json", &["case", "metrics", "implicit.json", "case-cloud", "--format", "json"], 0),
    case(
        "case-metrics-scenario.json",
        &["case", "metrics", "demo.json", "case-erp", "--scenario", "Cautious benefits"],
        0,
    ),
    // `cairn risk list`: the register as CSV (the default) or JSON; a text cell that a
    // spreadsheet would read as a formula is neutralised; a bad format or a missing file exits 1.
    case("risk-list.csv", &["risk", "list", "demo.json"], 0),
    case("risk-list.json", &["risk", "list", "demo.json", "--format", "json"], 0),
    case("risk-list-edge.csv", &["risk", "list", "risks.json", "--format", "csv"], 0),
    case("risk-list-edge.json", &["risk", "list", "risks.json", "--format", "json"], 0),
    case("risk-list-bad-format.txt", &["risk", "list", "demo.json", "--format", "xml"], 1),
    case("risk-list-missing.txt", &["risk", "list", "missing.json"], 1),
    case("case-metrics-unknown.txt", &["case", "metrics", "demo.json", "nope"], 1),
    case("case-metrics-unknown-scenario.txt", &["case", "metrics", "demo.json", "case-erp", "--scenario", "nope"], 1),
    case("case-simulate.json", &["case", "simulate", "demo.json", "case-erp"], 0),
    case(
        "case-simulate.txt",
        &["case", "simulate", "demo.json", "case-cloud", "--runs", "2000", "--seed", "7", "--format", "table"],
        0,
    ),
    case(
        "case-simulate-scenario.json",
        &[
            "case",
            "simulate",
            "demo.json",
            "case-erp",
            "--scenario",
            "Cautious benefits",
            "--runs",
            "5000",
            "--format",
            "json",
        ],
        0,
    ),
    case("case-simulate-unknown.txt", &["case", "simulate", "demo.json", "nope"], 1),
    case("case-simulate-unknown-scenario.txt", &["case", "simulate", "demo.json", "case-erp", "--scenario", "nope"], 1),
    case("case-simulate-zero-runs.txt", &["case", "simulate", "demo.json", "case-erp", "--runs", "0"], 1),
];

/// `cairn calc --batch` requests: values of every argument kind, and every kind of error line.
const BATCH: &str = r#"{"function": "NPV", "args": [0.1, [-10000, 3000, 4200, 6800]]}
{"function": "irr", "args": [[-100, 39, 59, 55, 20]]}
{"function": "XIRR", "args": [[-10000, 2750, 4250, 3250, 2750], ["2008-01-01", "2008-03-01", "2008-10-30", "2009-02-15", "2009-04-01"]]}
{"function": "XNPV", "args": [0.1, [-1000, 1100], ["2020-01-01", "2021-01-01"]]}
{"function": "VDB", "args": [2400, 300, 10, 0, 1, 2, false]}
{"function": "PMT", "args": [0.1, 0, 1000]}
{"function": "IRR", "args": [[1, 2, 3]]}
{"function": "NOPE", "args": []}
{"function": "NPV", "args": [0.1, [1, "2020-01-01"]]}
{"function": "NPV", "args": [null, [1]]}
{"function": "PMT", "args": [0.1]}
{"function": "XIRR", "args": [[-1, 2], ["2020-01-01", "2020-13-01"]]}
{"function": "N\nPV", "args": []}
not json
[1, 2]

   
{"function": "DB", "args": [10000, 1000, 1e18, 1e18]}
{"function": "IRR", "args": [[-1e308, 1e308, 1e308]]}
{"function": "NPV", "args": [0.1, []]}
{"function": "IRR", "args": [[-1600, 10000, -10000], 3]}
"#;

/// The demo plan as a plan file under `id`, changed by `edit`.
fn plan_file(id: &str, edit: impl FnOnce(&mut cairn_core::Plan)) -> String {
    let mut plan = cairn_core::demo_plan();
    plan.id = cairn_core::Id::new(id).expect("id");
    edit(&mut plan);
    cairn_core::write_plan_file(&plan, chrono::DateTime::UNIX_EPOCH)
}

/// The demo plan whose data-centre exit states no short list: the exit's own lines (what staying
/// pays is left out), so the case is business as usual at zero and itself.
fn implicit_plan(plan: &mut cairn_core::Plan) {
    let case = plan.business_cases.iter_mut().find(|c| c.id.as_str() == "case-cloud").expect("the cloud case");
    case.lines.retain(|l| l.options.is_empty() || l.options.iter().any(|o| o.as_str() == "exit"));
    for line in &mut case.lines {
        line.options.clear();
    }
    case.options.clear();
}

/// The demo plan with what the demo lacks: a dependency its dates break, an initiative past the
/// horizon, spend outside the horizon and an initiative without a theme.
fn edge_plan(plan: &mut cairn_core::Plan) {
    let find = |plan: &cairn_core::Plan, id: &str| {
        plan.initiatives.iter().position(|x| x.id.as_str() == id).expect("a demo initiative")
    };
    let month = |text: &str| text.parse::<cairn_core::YearMonth>().expect("month");
    // ERP wave 1 planned to start with its own procurement, which it depends on.
    let erp = find(plan, "erp-finance");
    let selection = find(plan, "erp-selection");
    plan.initiative_mut(erp).start = plan.initiative_mut(selection).start;
    // The network refresh runs past the horizon and carries spend beyond it, without a theme.
    let wan = find(plan, "sd-wan");
    plan.initiative_mut(wan).end = month("2032-03");
    plan.initiative_mut(wan).theme = None;
    if let cairn_core::Budget::Entered { years } = &mut plan.initiative_mut(wan).budget {
        years.push(cairn_core::BudgetYear {
            year: cairn_core::FiscalYear(2032),
            capex: "125000.50".parse().expect("decimal"),
            opex: "0.25".parse().expect("decimal"),
        });
    }
}

/// The demo plan with register entries the demo lacks: a title and an owner a spreadsheet would
/// read as formulas, a comma and a quote in a title, an opportunity above its category's
/// appetite (never flagged), an occurred threat (flagged) and a risk without links or owner.
fn risks_plan(plan: &mut cairn_core::Plan) {
    plan.risks.truncate(3);
    plan.risks[0].title = "=HYPERLINK(\"http://x\",\"ransomware\")".into();
    plan.risks[0].owner = "@CISO".into();
    plan.risks[1].title = "Data migration, \"quality\"".into();
    plan.risks[1].status = cairn_core::RiskStatus::Occurred;
    plan.risks[1].residual = cairn_core::Rating { likelihood: 5, impact: 3 };
    let mut opportunity = plan.risks[2].clone();
    opportunity.id = cairn_core::Id::new("opp-big").expect("id");
    opportunity.kind = cairn_core::RiskKind::Opportunity;
    opportunity.response = cairn_core::Response::Exploit;
    opportunity.residual = cairn_core::Rating { likelihood: 5, impact: 5 };
    opportunity.links = cairn_core::RiskLinks::default();
    opportunity.owner = String::new();
    plan.risks.push(opportunity);
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden")
}

fn run(dir: &Path, case: &Case) -> (i32, String, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_cairn"))
        .args(case.args)
        .current_dir(dir)
        .env("CAIRN_DATA_DIR", dir.join("data"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cairn runs");
    if let Some(text) = case.stdin {
        child.stdin.take().expect("stdin").write_all(text.as_bytes()).expect("write stdin");
    }
    drop(child.stdin.take());
    let out = child.wait_with_output().expect("cairn finishes");
    let text = |bytes: Vec<u8>| String::from_utf8(bytes).expect("cairn writes UTF-8");
    (out.status.code().unwrap_or(-1), text(out.stdout), text(out.stderr))
}

#[test]
fn every_output_matches_its_golden_file() {
    let tmp = tempfile::tempdir().expect("tmp");
    let dir = tmp.path();
    std::fs::write(dir.join("demo.json"), plan_file("riverton-it-strategy", |_| {})).expect("demo");
    std::fs::write(dir.join("edge.json"), plan_file("edge", edge_plan)).expect("edge");
    std::fs::write(dir.join("implicit.json"), plan_file("implicit", implicit_plan)).expect("implicit");
    std::fs::write(dir.join("risks.json"), plan_file("risks", risks_plan)).expect("risks");
    let cycle = plan_file("cycle", |_| {}).replacen(
        "\"dependencies\": [],",
        "\"dependencies\": [{\"on\": \"legacy-decom\"}],",
        1,
    );
    std::fs::write(dir.join("cycle.json"), cycle).expect("cycle");
    std::fs::write(dir.join("batch.jsonl"), BATCH).expect("batch");

    let golden = golden_dir();
    let bless = std::env::var_os("CAIRN_BLESS").is_some();
    if bless {
        std::fs::create_dir_all(&golden).expect("mkdir golden");
    }
    let mut expected_files = std::collections::BTreeSet::new();
    let mut failures = Vec::new();
    for case in CASES {
        let (code, stdout, stderr) = run(dir, case);
        if code != case.code {
            failures.push(format!("{}: exit code {code}, expected {}; stderr: {stderr}", case.golden, case.code));
        }
        let stderr_name = format!("{}.stderr", case.golden);
        for (name, actual) in [(case.golden.to_owned(), stdout), (stderr_name, stderr)] {
            let path = golden.join(&name);
            // An empty standard error has no file; an empty standard output has an empty one.
            let wanted = !actual.is_empty() || !name.ends_with(".stderr");
            if wanted {
                expected_files.insert(name.clone());
            }
            if bless {
                if wanted {
                    std::fs::write(&path, &actual).expect("write golden");
                } else if path.exists() {
                    std::fs::remove_file(&path).expect("remove golden");
                }
                continue;
            }
            let committed = std::fs::read_to_string(&path).unwrap_or_default();
            if committed != actual {
                failures.push(format!(
                    "{name} differs from the golden file:\n--- committed\n{committed}\n--- now\n{actual}\n---"
                ));
            }
        }
    }
    // Every golden file belongs to a case: a case removed takes its files with it.
    let present: std::collections::BTreeSet<String> = std::fs::read_dir(&golden)
        .expect("tests/golden")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    for stale in present.difference(&expected_files) {
        if bless {
            std::fs::remove_file(golden.join(stale)).expect("remove stale golden");
        } else {
            failures.push(format!("{stale}: no case writes it"));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n\n{} failure(s); if the change is intended: CAIRN_BLESS=1 cargo test -p cairn-cli --test cli golden",
        failures.join("\n\n"),
        failures.len()
    );
}

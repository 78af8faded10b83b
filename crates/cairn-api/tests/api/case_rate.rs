//! A case given its own discount rate with a reason in its settings (the Assumptions form): the
//! plan's schedule no longer applies to it, the rate sentence says why, and undo restores it.

use super::{now, open};

#[test]
fn a_case_keeps_its_own_rate_only_with_a_reason() {
    let dir = tempfile::tempdir().expect("tmp");
    let cairn = open(dir.path(), true);
    let plan = cairn.list_plans().expect("plans")[0].id.clone();
    let figures = |cairn: &cairn_api::Cairn| {
        let r = cairn.evaluate_case(&plan, "case-erp", 20.0).expect("evaluate");
        (r.metrics[0].value.expect("npv"), r.rate)
    };
    // The demo's ERP case follows the plan's 5 % nominal; its own 6 % is not used.
    let (plan_npv, sentence) = figures(&cairn);
    assert!(sentence.starts_with("Discounted at 5 % a year, nominal terms: the plan's schedule"), "{sentence}");
    let mut settings = cairn.get_case(&plan, "case-erp").expect("case").settings;
    assert_eq!((settings.discount_rate.as_str(), settings.rate_reason.as_str()), ("6", ""));

    // A new rate without a reason changes nothing the board sees.
    settings.discount_rate = "7".into();
    cairn.update_case_settings(&plan, "case-erp", &settings, now()).expect("saved");
    assert_eq!(figures(&cairn).0, plan_npv);

    // With a reason the case is discounted at its own 7 %, and says why.
    settings.rate_reason = "  The CFO's hurdle rate for ERP projects.  ".into();
    let saved = cairn.update_case_settings(&plan, "case-erp", &settings, now()).expect("saved");
    assert_eq!(saved.settings.rate_reason, "The CFO's hurdle rate for ERP projects.");
    let (own_npv, sentence) = figures(&cairn);
    assert!(own_npv < plan_npv, "7 % discounts the later savings more: {own_npv} against {plan_npv}");
    assert_eq!(
        sentence,
        "Discounted at 7 % a year, nominal terms: the case's own rate, for the reason it gives: “The CFO's hurdle \
         rate for ERP projects”."
    );

    // An empty reason hands the case back to the plan; undo restores the reason.
    settings.rate_reason = " ".into();
    cairn.update_case_settings(&plan, "case-erp", &settings, now()).expect("saved");
    assert_eq!(figures(&cairn).0, plan_npv);
    cairn.undo(now()).expect("undo");
    assert_eq!(figures(&cairn).0, own_npv);
}

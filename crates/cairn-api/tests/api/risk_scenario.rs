//! The risk register in a scenario: an edit there is stored as the scenario's overrides (the
//! probability and impacts, the response and residual), leaves the plan's register as it was,
//! reads in words on the Scenarios page, is one undo step, and refuses the plan's own fields and
//! bad values by the register form's field names.

use cairn_api::risk_dto::*;

use super::{now, open};

#[test]
fn a_risk_edited_in_a_scenario_changes_only_the_scenario() {
    let dir = tempfile::tempdir().expect("tmp");
    let cairn = open(dir.path(), true);
    let plan = cairn.list_plans().expect("plans")[0].id.clone();
    let scenario = "scenario-cautious";
    let before = cairn.risk_register(&plan).expect("register");
    let i = before.risks.iter().position(|r| r.risk.id == "risk-ransomware").expect("demo risk");
    let row = &before.risks[i];
    assert_eq!(cairn.risk_register_in(&plan, Some(scenario)).expect("in the scenario"), before);
    let overrides_before = |cairn: &cairn_api::Cairn| {
        cairn
            .list_scenarios(&plan)
            .expect("scenarios")
            .scenarios
            .into_iter()
            .find(|s| s.id == scenario)
            .expect("the scenario")
            .overrides
    };
    let listed = overrides_before(&cairn);

    let mut edited = row.risk.clone();
    edited.probability = Some("60".into());
    edited.response = ResponseDto::Transfer;
    edited.residual = RatingDto { likelihood: 2, impact: 3 };
    let view = cairn.edit_risk_in(&plan, scenario, "risk-ransomware", &edited, now()).expect("recorded");
    let shown = &view.risks[i];
    assert_eq!(shown.risk.probability.as_deref(), Some("60"));
    assert_eq!((shown.risk.response, shown.residual_score, shown.above_appetite), (ResponseDto::Transfer, 6, false));
    assert_eq!(cairn.risk_register(&plan).expect("the plan's"), before, "the plan's register is untouched");
    let words = overrides_before(&cairn);
    assert_eq!(words.len(), listed.len() + 2, "{words:?}");
    assert!(words.contains(&format!("risk “{}”: transfer, residual 2 × 3 = 6", row.risk.title)), "{words:?}");
    assert!(words.contains(&format!("risk “{}” is 60 % likely, with other impacts", row.risk.title)), "{words:?}");

    // Edited back to the plan's values: nothing left to differ.
    cairn.edit_risk_in(&plan, scenario, "risk-ransomware", &row.risk, now()).expect("back");
    assert_eq!(overrides_before(&cairn), listed);
    cairn.undo(now()).expect("undo");
    assert_eq!(overrides_before(&cairn).len(), listed.len() + 2);
    cairn.undo(now()).expect("undo");
    assert_eq!(overrides_before(&cairn), listed);

    // The plan's own fields are refused by name; bad values by the form's field, nothing saved.
    let mut renamed = row.risk.clone();
    renamed.owner = "Someone else".into();
    let err = cairn.edit_risk_in(&plan, scenario, "risk-ransomware", &renamed, now()).expect_err("refused");
    assert_eq!(err.field.as_deref(), Some(format!("risks[{i}].owner").as_str()), "{}", err.message);
    assert!(err.message.contains("switch to the plan"), "{}", err.message);
    let mut bad = row.risk.clone();
    bad.probability = Some("150".into());
    let err = cairn.edit_risk_in(&plan, scenario, "risk-ransomware", &bad, now()).expect_err("refused");
    assert_eq!(err.field.as_deref(), Some(format!("risks[{i}].probability").as_str()), "{}", err.message);
    let mut bad = row.risk.clone();
    bad.response = ResponseDto::Exploit;
    let err = cairn.edit_risk_in(&plan, scenario, "risk-ransomware", &bad, now()).expect_err("refused");
    assert_eq!(err.field.as_deref(), Some(format!("risks[{i}].response").as_str()), "{}", err.message);
    assert_eq!(overrides_before(&cairn), listed);
    let err = cairn.edit_risk_in(&plan, "no-such-scenario", "risk-ransomware", &row.risk, now()).expect_err("unknown");
    assert_eq!(err.code, cairn_api::ErrorCode::NotFound);
}

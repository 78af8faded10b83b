//! The risk register edited as the Risks page does: the view's scores and appetite flags, add,
//! update and delete each one undoable step, refusals named by field, and links forgotten when
//! what they name is deleted.

use cairn_api::risk_dto::*;

use super::{now, open};

#[test]
fn the_register_shows_scores_and_appetite_and_each_edit_is_one_undo_step() {
    let dir = tempfile::tempdir().expect("tmp");
    let cairn = open(dir.path(), true);
    let plan = cairn.list_plans().expect("plans")[0].id.clone();
    let view = cairn.risk_register(&plan).expect("register");
    assert_eq!((view.likelihood.len(), view.impact.len()), (5, 5));
    let ransomware = view.risks.iter().find(|r| r.risk.id == "risk-ransomware").expect("demo risk");
    assert_eq!((ransomware.inherent_score, ransomware.residual_score), (20, 12));
    assert_eq!((ransomware.appetite, ransomware.above_appetite), (Some(8), true));
    let count = view.risks.len();

    // Added: a fresh id from the title, at the end.
    let mut dto = ransomware.risk.clone();
    dto.title = "Ransomware at a supplier".into();
    dto.residual = RatingDto { likelihood: 2, impact: 4 };
    let added = cairn.add_risk(&plan, &dto, now()).expect("added");
    let row = added.risks.last().expect("a row");
    assert_eq!((row.risk.id.as_str(), row.residual_score, row.above_appetite), ("ransomware-at-a-supplier", 8, false));

    // Refused by field, nothing saved.
    let mut bad = row.risk.clone();
    bad.response = ResponseDto::Exploit;
    let err = cairn.update_risk(&plan, "ransomware-at-a-supplier", &bad, now()).expect_err("refused");
    assert_eq!(err.field.as_deref(), Some(format!("risks[{count}].response").as_str()), "{}", err.message);

    // Updated, then deleted; each undo takes back one step.
    let mut changed = row.risk.clone();
    changed.residual = RatingDto { likelihood: 3, impact: 4 };
    let updated = cairn.update_risk(&plan, "ransomware-at-a-supplier", &changed, now()).expect("updated");
    assert!(updated.risks.last().expect("row").above_appetite);
    cairn.delete_risk(&plan, "ransomware-at-a-supplier", now()).expect("deleted");
    assert_eq!(cairn.risk_register(&plan).expect("register").risks.len(), count);
    cairn.undo(now()).expect("undo delete");
    assert!(cairn.risk_register(&plan).expect("register").risks.last().expect("row").above_appetite);
    cairn.undo(now()).expect("undo update");
    assert!(!cairn.risk_register(&plan).expect("register").risks.last().expect("row").above_appetite);
    cairn.undo(now()).expect("undo add");
    assert_eq!(cairn.risk_register(&plan).expect("register").risks.len(), count);
    let err = cairn.delete_risk(&plan, "nope", now()).expect_err("unknown");
    assert_eq!(err.code, cairn_api::ErrorCode::NotFound);
}

#[test]
fn deleting_a_case_or_an_option_forgets_the_risks_links_to_it() {
    let dir = tempfile::tempdir().expect("tmp");
    let cairn = open(dir.path(), true);
    let plan = cairn.list_plans().expect("plans")[0].id.clone();
    // A copy of the portal case funds no initiative, so it can be deleted; a risk that names it
    // (with a benefit impact on it) forgets it.
    let copy = cairn.duplicate_case(&plan, "case-portal", now()).expect("copied").id;
    let view = cairn.risk_register(&plan).expect("register");
    let mut dto = view.risks.iter().find(|r| r.risk.id == "risk-portal-adoption").expect("demo risk").risk.clone();
    dto.links.business_cases = vec![copy.clone()];
    if let Some(b) = &mut dto.benefit {
        b.case.clone_from(&copy);
    }
    cairn.update_risk(&plan, "risk-portal-adoption", &dto, now()).expect("linked to the copy");
    cairn.delete_case(&plan, &copy, now()).expect("case deleted");
    cairn.remove_option(&plan, "study-service-desk", "sd-managed", now()).expect("option removed");
    let view = cairn.risk_register(&plan).expect("register");
    let portal = view.risks.iter().find(|r| r.risk.id == "risk-portal-adoption").expect("demo risk");
    assert!(portal.risk.links.business_cases.is_empty() && portal.risk.benefit.is_none());
    for row in &view.risks {
        assert!(row.risk.links.sourcing_options.iter().all(|o| o.option != "sd-managed"), "{}", row.risk.id);
    }
}

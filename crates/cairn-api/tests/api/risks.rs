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

#[test]
fn the_scale_and_appetite_are_one_undoable_edit_validated_by_field() {
    let dir = tempfile::tempdir().expect("tmp");
    let cairn = open(dir.path(), true);
    let plan = cairn.list_plans().expect("plans")[0].id.clone();
    let view = cairn.risk_register(&plan).expect("register");
    let settings = |v: &RiskRegisterDto| RiskSettingsDto {
        likelihood: v.likelihood.clone(),
        impact: v.impact.clone(),
        categories: v.categories.clone(),
    };
    let before = settings(&view);
    let flagged = |v: &RiskRegisterDto| v.risks.iter().filter(|r| r.above_appetite).count();
    let flagged_before = flagged(&view);
    assert!(flagged_before > 0, "the demo has risks above appetite");

    // Every appetite raised to 25 clears every flag; a new category gets an id from its name;
    // the impact thresholds change.
    let mut dto = before.clone();
    for c in &mut dto.categories {
        c.appetite = Some(25);
    }
    dto.categories.push(RiskCategoryDto { id: String::new(), name: "Reputation".into(), appetite: Some(10) });
    dto.impact[1].from = "250,000".into();
    dto.impact[1].from_months = Some("2".into());
    dto.likelihood[0].label = "Remote".into();
    let after = cairn.update_risk_settings(&plan, &dto, now()).expect("saved");
    assert_eq!(flagged(&after), 0);
    assert_eq!(after.categories.last().map(|c| c.id.as_str()), Some("reputation"));
    assert_eq!((after.impact[1].from.as_str(), after.impact[1].from_months.as_deref()), ("250000", Some("2")));
    assert_eq!(after.likelihood[0].label, "Remote");

    // Refused by field, nothing saved: an appetite off the scale, thresholds out of order, an
    // unreadable amount, a category still in use dropped.
    let refused = |dto: &RiskSettingsDto, field: &str| {
        let err = cairn.update_risk_settings(&plan, dto, now()).expect_err("refused");
        assert_eq!(err.field.as_deref(), Some(field), "{}", err.message);
        err.message
    };
    let mut bad = settings(&after);
    bad.categories[0].appetite = Some(30);
    refused(&bad, "settings.risk.categories[0].appetite");
    let mut bad = settings(&after);
    bad.impact[3].from = "100".into();
    refused(&bad, "settings.risk.scale.impact[3].from_amount");
    let mut bad = settings(&after);
    bad.likelihood[2].from = "lots".into();
    refused(&bad, "settings.risk.scale.likelihood[2].from_percent");
    let mut bad = settings(&after);
    bad.categories.retain(|c| c.id != "cyber");
    let message = refused(&bad, "settings.risk.categories");
    assert!(message.contains("\"Cyber\" is the category of"), "{message}");
    assert_eq!(cairn.risk_register(&plan).expect("register"), after);

    // One undo restores the scale and every appetite.
    cairn.undo(now()).expect("undo");
    let undone = cairn.risk_register(&plan).expect("register");
    assert_eq!(settings(&undone), before);
    assert_eq!(flagged(&undone), flagged_before);
}

#[test]
fn the_choices_name_every_initiative_case_and_option() {
    let dir = tempfile::tempdir().expect("tmp");
    let cairn = open(dir.path(), true);
    let plan = cairn.list_plans().expect("plans")[0].id.clone();
    let choices = cairn.risk_choices(&plan).expect("choices");
    let view = cairn.risk_register(&plan).expect("register");
    // Every link of the demo's register is among the choices.
    for row in &view.risks {
        let l = &row.risk.links;
        assert!(l.initiatives.iter().all(|i| choices.initiatives.iter().any(|c| &c.id == i)), "{}", row.risk.id);
        assert!(l.business_cases.iter().all(|i| choices.business_cases.iter().any(|c| &c.id == i)));
        assert!(
            l.sourcing_options
                .iter()
                .all(|o| choices.sourcing_options.iter().any(|c| c.study == o.study && c.option == o.option))
        );
    }
    let erp = choices.business_cases.iter().find(|c| c.id == "case-erp").expect("the ERP case");
    assert_eq!(erp.name, "ERP replacement");
    assert!(choices.sourcing_options.iter().any(|o| o.option == "sd-managed" && !o.study_name.is_empty()));
}

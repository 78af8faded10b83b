//! A case's form beside its assumptions (mandatory reason, residual, sunk costs, optimism bias,
//! short list) and a line's links (options, activity, starting milestone, in service), saved
//! through the use cases: every field kept, every refusal named by field, nothing lost.

use cairn_api::case_form_dto::*;
use cairn_api::policy_dto::ActivityDto;

use super::{now, open};

#[test]
fn the_short_list_and_a_line_s_links_are_saved_and_kept() {
    let dir = tempfile::tempdir().expect("tmp");
    let cairn = open(dir.path(), true);
    let plan = cairn.list_plans().expect("plans")[0].id.clone();
    // The demo's ERP case with its short list removed through the form, which takes the options
    // off the lines that named them: a case without a short list.
    let demo = cairn.get_case(&plan, "case-erp").expect("case");
    assert_eq!(demo.settings.appraisal.options.len(), 3);
    assert!(demo.lines.iter().any(|l| !l.options.is_empty()));
    let mut none = demo.settings.clone();
    none.appraisal.options.clear();
    let case = cairn.update_case_settings(&plan, "case-erp", &none, now()).expect("short list removed");
    assert_eq!(case.settings.appraisal.options, vec![]);
    assert!(case.lines.iter().all(|l| l.options.is_empty()), "no line names a removed option");
    let npv = |c: &cairn_api::Cairn| c.evaluate_case(&plan, "case-erp", 20.0).expect("evaluate").metrics[0].value;
    let before = npv(&cairn);
    let choices = cairn.case_form_choices(&plan).expect("choices");
    assert!(choices.milestones.iter().any(|m| m.initiative == "erp-finance" && m.milestone == "Finance go-live"));
    assert_eq!(choices.project_types.len(), 6);
    assert_eq!(choices.factors.len(), 21);

    // A short list, sunk costs (never in the NPV) and a mandatory reason.
    let mut settings = case.settings.clone();
    let option =
        |name: &str, role| CaseOptionDto { id: String::new(), name: name.into(), role, description: String::new() };
    settings.appraisal.options = vec![
        option("Business as usual", OptionRoleDto::Bau),
        option("ERP replacement", OptionRoleDto::Preferred),
        option("Extend the current ERP", OptionRoleDto::Alternative),
    ];
    settings.appraisal.sunk_costs =
        vec![SunkCostDto { name: "Discovery".into(), amount: "250,000".into(), note: "FY2026".into() }];
    let saved = cairn.update_case_settings(&plan, "case-erp", &settings, now()).expect("saved");
    let ids: Vec<&str> = saved.settings.appraisal.options.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(ids, ["business-as-usual", "erp-replacement", "extend-the-current-erp"]);
    assert_eq!(saved.settings.appraisal.sunk_costs[0].amount, "250000");
    assert_eq!(npv(&cairn), before, "sunk costs and a short list whose preferred option has every line change nothing");
    let list = cairn.evaluate_case(&plan, "case-erp", 20.0).expect("evaluate").short_list;
    assert!(list.stated);
    assert_eq!(list.options.len(), 3);

    // A capital line in the alternative, in service at a month, paying for development; a benefit
    // starting at the finance go-live.
    let capex = saved.lines.iter().position(|l| l.category == cairn_api::case_dto::CategoryDto::CapexImplementation);
    let mut line = saved.lines[capex.expect("a capex line")].clone();
    line.options = vec!["erp-replacement".into(), "extend-the-current-erp".into()];
    line.activity = Some(ActivityDto::Development);
    line.in_service = Some(InServiceDto::At { month: "2028-07".into() });
    let after = cairn.save_line(&plan, "case-erp", &line, now()).expect("line saved");
    let kept = after.lines.iter().find(|l| l.id == line.id).expect("line");
    assert_eq!((kept.activity, kept.in_service.clone()), (line.activity, line.in_service.clone()));
    assert_eq!(kept.options, line.options);
    let benefit = after.lines.iter().position(|l| l.register.is_some() || l.benefit_class.is_some()).expect("benefit");
    let mut b = after.lines[benefit].clone();
    b.starts_at = Some(MilestoneLinkDto { initiative: "erp-finance".into(), milestone: "Finance go-live".into() });
    let after = cairn.save_line(&plan, "case-erp", &b, now()).expect("benefit saved");
    assert_eq!(after.lines[benefit].starts_at, b.starts_at);
    // Saving the line again without touching the links keeps them.
    let again = cairn.save_line(&plan, "case-erp", &after.lines[benefit], now()).expect("saved again");
    assert_eq!(again.lines[benefit].starts_at, b.starts_at);

    // A milestone the plan lacks is refused by field; nothing changes.
    let mut lost = b.clone();
    lost.starts_at = Some(MilestoneLinkDto { initiative: "erp-finance".into(), milestone: "No such".into() });
    let e = cairn.save_line(&plan, "case-erp", &lost, now()).expect_err("no such milestone");
    assert!(e.field.as_deref().is_some_and(|f| f.contains("starts_at")), "{e:?}");

    // Removing the alternative takes it off the line that named it.
    let mut settings = again.settings.clone();
    settings.appraisal.options.pop();
    let trimmed = cairn.update_case_settings(&plan, "case-erp", &settings, now()).expect("removed");
    assert_eq!(trimmed.lines.iter().find(|l| l.id == line.id).expect("line").options, ["erp-replacement"]);
}

#[test]
fn a_bad_field_is_named_and_nothing_is_lost() {
    let dir = tempfile::tempdir().expect("tmp");
    let cairn = open(dir.path(), true);
    let plan = cairn.list_plans().expect("plans")[0].id.clone();
    let case = cairn.get_case(&plan, "case-erp").expect("case");
    let refused = |settings: &cairn_api::case_dto::CaseSettingsDto| {
        let e = cairn.update_case_settings(&plan, "case-erp", settings, now()).expect_err("refused");
        assert_eq!(cairn.get_case(&plan, "case-erp").expect("case"), case, "nothing saved");
        e.field.unwrap_or_default()
    };
    let mut s = case.settings.clone();
    s.appraisal.sunk_costs = vec![SunkCostDto { name: "Discovery".into(), amount: "lots".into(), note: String::new() }];
    assert_eq!(refused(&s), "sunk_costs[0].amount");

    let mut s = case.settings.clone();
    s.appraisal.optimism = Some(OptimismDto { project_type: "castles".into(), mitigations: vec![] });
    assert_eq!(refused(&s), "optimism_bias.project_type");

    let mut s = case.settings.clone();
    s.appraisal.optimism = Some(OptimismDto {
        project_type: "equipment_development".into(),
        mitigations: vec![MitigationDto { factor: "technology".into(), mitigated: "50".into(), reason: " ".into() }],
    });
    assert_eq!(refused(&s), "business_cases[0].optimism_bias.mitigations[0].reason");

    let mut s = case.settings.clone();
    let option =
        |name: &str, role| CaseOptionDto { id: String::new(), name: name.into(), role, description: String::new() };
    s.appraisal.options =
        vec![option("Business as usual", OptionRoleDto::Bau), option("Alternative", OptionRoleDto::Alternative)];
    assert_eq!(refused(&s), "business_cases[0].options");

    let mut s = case.settings.clone();
    s.appraisal.residual = ResidualDto::Perpetuity { annual: "100,000".into(), growth: "two".into() };
    assert_eq!(refused(&s), "residual.growth");

    // A mandatory case with an optimism bias whose factor has its reason is saved.
    let mut s = case.settings.clone();
    s.appraisal.mandatory = "The current ERP is out of support from 2028".into();
    s.appraisal.optimism = Some(OptimismDto {
        project_type: "equipment_development".into(),
        mitigations: vec![MitigationDto {
            factor: "technology".into(),
            mitigated: "50".into(),
            reason: "proven product".into(),
        }],
    });
    s.appraisal.residual = ResidualDto::BookValue;
    let saved = cairn.update_case_settings(&plan, "case-erp", &s, now()).expect("saved");
    assert_eq!(saved.settings.appraisal, s.appraisal);
}

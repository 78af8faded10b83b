//! Sourcing-study use cases: edits are undoable steps, evaluation follows, errors name fields.

use cairn_api::ErrorCode;
use cairn_api::sourcing_dto::{
    CriterionInputDto, DirectionDto, JudgementDto, OptionInputDto, SourcingKindDto, StudyHeaderDto, WeightDto,
};

use crate::{now, open};

fn demo() -> (tempfile::TempDir, cairn_api::Cairn, String) {
    let dir = tempfile::tempdir().expect("tmp");
    let cairn = open(dir.path(), true);
    let plan = cairn.list_plans().expect("plans")[0].id.clone();
    (dir, cairn, plan)
}

#[test]
fn the_demo_studies_evaluate_with_robustness() {
    let (_dir, cairn, plan) = demo();
    let list = cairn.list_studies(&plan).expect("list");
    assert_eq!(list.len(), 2);
    assert_eq!(list[0].chosen.as_deref(), Some("Hybrid"));
    for s in &list {
        let r = cairn.evaluate_study(&plan, &s.id, 2_000).expect("evaluate");
        assert_eq!(r.rankings.len(), 3);
        assert_eq!(r.years, ["FY2027", "FY2028", "FY2029", "FY2030", "FY2031"]);
        let robust = r.robustness.as_ref().expect("robustness");
        assert!((robust.p_first_weighted_sum.iter().sum::<f64>() - 1.0).abs() < 1e-9);
        assert_eq!(robust.break_even.len(), r.criteria.len());
        let winner = r.options.iter().find(|o| o.id == r.winner).expect("winner");
        assert!(
            r.draft_recommendation.starts_with(&format!("Recommend {}", winner.name)),
            "{}",
            r.draft_recommendation
        );
        for o in &r.options {
            assert!((o.pv_by_year.iter().sum::<f64>() - o.pv_tco).abs() < 1e-6);
        }
    }
    let email = cairn.evaluate_study(&plan, "study-email", 1_000).expect("evaluate");
    assert!(email.ahp.as_ref().is_some_and(|a| a.consistent), "the demo's judgements are consistent");
}

#[test]
fn changing_a_weight_changes_the_ranking_and_undo_restores_it() {
    let (_dir, cairn, plan) = demo();
    let study = "study-service-desk";
    let before = cairn.evaluate_study(&plan, study, 1_000).expect("evaluate");
    // All weight on total cost: the cheapest option in present value must win.
    let s = cairn.get_study(&plan, study).expect("study");
    let weights: Vec<WeightDto> = s
        .criteria
        .iter()
        .map(|c| WeightDto {
            criterion: c.id.clone(),
            weight: if c.derived_from_cost { "100".into() } else { "0".into() },
        })
        .collect();
    cairn.set_weights(&plan, study, &weights, now()).expect("weights");
    let after = cairn.evaluate_study(&plan, study, 1_000).expect("evaluate");
    let cheapest =
        after.options.iter().min_by(|a, b| a.pv_tco.total_cmp(&b.pv_tco)).map(|o| o.id.clone()).expect("options");
    assert_eq!(after.winner, cheapest);
    assert_eq!(cairn.history().expect("history").undo.as_deref(), Some("Set weights"));
    cairn.undo(now()).expect("undo");
    assert_eq!(cairn.evaluate_study(&plan, study, 1_000).expect("evaluate"), before);
}

#[test]
fn options_criteria_scores_and_choices_are_edited() {
    let (_dir, cairn, plan) = demo();
    let s = cairn.create_study(&plan, "Data centre", "Hosting of city applications", now()).expect("create");
    assert_eq!(s.criteria.len(), 9);
    let input = OptionInputDto {
        name: "Colocation".into(),
        kind: SourcingKindDto::Custom,
        description: String::new(),
        transition: "250,000".into(),
        run_per_year: "900000".into(),
        escalation: "3".into(),
        exit: "50000".into(),
        headcount_change: "-2".into(),
        contract_years: Some(5),
    };
    let s = cairn.add_option(&plan, &s.id, &input, now()).expect("add option");
    let s = cairn
        .add_option(
            &plan,
            &s.id,
            &OptionInputDto { name: "Public cloud".into(), kind: SourcingKindDto::Cloud, ..input.clone() },
            now(),
        )
        .expect("add");
    assert_eq!(s.options.len(), 2);
    assert_eq!(s.options[0].scores.len(), 8, "every scored criterion starts at the middle");
    assert!(s.options[0].scores.iter().all(|x| x.value == "5"));
    let option = s.options[1].id.clone();
    let s = cairn.set_score(&plan, &s.id, &option, "scalability", "9", "Elastic capacity", now()).expect("score");
    assert_eq!(s.options[1].scores.iter().find(|x| x.criterion == "scalability").map(|x| x.value.as_str()), Some("9"));
    let err = cairn.set_score(&plan, &s.id, &option, "scalability", "11", "", now()).expect_err("off the scale");
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidInput, Some("options[1].scores")));
    let err = cairn.set_score(&plan, &s.id, &option, "total-cost", "3", "", now()).expect_err("derived");
    assert!(err.message.contains("derived"), "{}", err.message);

    let c = CriterionInputDto {
        name: "Energy use".into(),
        description: String::new(),
        direction: DirectionDto::Cost,
        weight: "5".into(),
    };
    let s = cairn.add_criterion(&plan, &s.id, &c, now()).expect("criterion");
    assert_eq!(s.criteria.len(), 10);
    assert!(s.options.iter().all(|o| o.scores.len() == 9));
    let s = cairn.remove_criterion(&plan, &s.id, "energy-use", now()).expect("remove");
    assert_eq!(s.criteria.len(), 9);
    // Total cost is derived from the TCO and cannot be removed (only weighted down to 0).
    let err = cairn.remove_criterion(&plan, &s.id, "total-cost", now()).expect_err("derived");
    assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidInput, Some("criterion")));
    assert!(err.message.contains("weight of 0"), "{}", err.message);

    let s = cairn.choose_option(&plan, &s.id, Some(&option), now()).expect("choose");
    assert_eq!(s.chosen.as_deref(), Some(option.as_str()));
    let s = cairn.set_recommendation(&plan, &s.id, "Move to the public cloud.", now()).expect("text");
    assert_eq!(s.recommendation, "Move to the public cloud.");
    let s = cairn.remove_option(&plan, &s.id, &option, now()).expect("remove option");
    assert_eq!(s.chosen, None, "removing the chosen option clears the choice");

    let bad = OptionInputDto { run_per_year: "-5".into(), ..input.clone() };
    let err = cairn.update_option(&plan, &s.id, &s.options[0].id, &bad, now()).expect_err("negative cost");
    assert_eq!(err.field.as_deref(), Some("sourcing_studies[2].options[0].costs.run_per_year"));
    let header = StudyHeaderDto { discount_rate: "abc".into(), ..s.header.clone() };
    let err = cairn.update_study(&plan, &s.id, &header, now()).expect_err("rate");
    assert_eq!(err.field.as_deref(), Some("discount_rate"));
    assert_eq!(cairn.get_study(&plan, "nope").expect_err("missing").code, ErrorCode::NotFound);

    cairn.delete_study(&plan, &s.id, now()).expect("delete");
    assert_eq!(cairn.list_studies(&plan).expect("list").len(), 2);
    cairn.undo(now()).expect("undo");
    assert_eq!(cairn.list_studies(&plan).expect("list").len(), 3);
}

#[test]
fn pairwise_judgements_give_weights_and_a_live_consistency_ratio() {
    let (_dir, cairn, plan) = demo();
    let study = "study-service-desk";
    let j = |more: &str, less: &str, intensity: u8| JudgementDto { more: more.into(), less: less.into(), intensity };
    // Inconsistent: quality > security > control, but control ≫ quality.
    let bad = [j("service-quality", "security", 5), j("security", "control", 5), j("control", "service-quality", 9)];
    let preview = cairn.preview_judgements(&plan, study, &bad).expect("preview");
    assert!(!preview.consistent && preview.cr > 0.1);
    assert!(preview.most_inconsistent.is_some());
    assert_eq!(cairn.history().expect("history").undo, None, "a preview stores nothing");
    let good = [j("service-quality", "security", 3), j("security", "control", 3), j("service-quality", "control", 9)];
    let s = cairn.set_judgements(&plan, study, &good, now()).expect("judgements");
    assert_eq!(s.weighting, cairn_api::sourcing_dto::WeightingDto::Pairwise);
    let w = |id: &str| s.criteria.iter().find(|c| c.id == id).and_then(|c| c.effective_weight).expect("weight");
    assert!(w("service-quality") > w("security") && w("security") > w("control"));
    let r = cairn.evaluate_study(&plan, study, 500).expect("evaluate");
    assert!(r.ahp.is_some());
    let err = cairn.set_judgements(&plan, study, &[j("service-quality", "nope", 3)], now()).expect_err("unknown");
    assert_eq!(err.code, ErrorCode::NotFound);
    let err = cairn.set_judgements(&plan, study, &[j("security", "control", 12)], now()).expect_err("scale");
    assert_eq!(err.field.as_deref(), Some("sourcing_studies[0].judgements[0].intensity"));
}

#[test]
fn a_scenario_can_choose_another_option() {
    use cairn_core::{Id, Override};
    let (_dir, cairn, plan) = demo();
    let mut p = cairn.plan(&plan).expect("plan");
    p.scenarios.push(cairn_core::Scenario {
        id: Id::new("managed").expect("id"),
        name: "Managed".into(),
        description: String::new(),
        parent: None,
        overrides: vec![Override::StudyChoice {
            study: Id::new("study-service-desk").expect("id"),
            option: Id::new("sd-managed").expect("id"),
        }],
    });
    let resolved = cairn_core::resolve(&p, "managed").expect("resolve");
    assert_eq!(resolved.sourcing_studies[0].chosen.as_ref().map(|c| c.as_str()), Some("sd-managed"));
    assert!(cairn_core::stale_overrides(&p, &p.scenarios[p.scenarios.len() - 1]).is_empty());
}

#[test]
fn choosing_in_a_scenario_is_the_scenarios_override_and_the_plan_keeps_its_choice() {
    let (_dir, cairn, plan) = demo();
    let study = "study-service-desk";
    let planned = cairn.get_study(&plan, study).expect("study");
    let other = planned
        .options
        .iter()
        .map(|o| o.id.clone())
        .find(|o| Some(o) != planned.chosen.as_ref())
        .expect("another option");
    let scenario = cairn
        .create_scenario(
            &plan,
            &cairn_api::scenario_dto::NewScenarioDto {
                name: "Managed desk".into(),
                description: String::new(),
                parent: String::new(),
            },
            now(),
        )
        .expect("scenario")
        .scenarios
        .into_iter()
        .find(|s| s.name == "Managed desk")
        .expect("created")
        .id;
    let chosen = cairn.choose_option_in(&plan, Some(&scenario), study, Some(&other), now()).expect("choose");
    assert_eq!(chosen.chosen.as_deref(), Some(other.as_str()));
    assert_eq!(chosen.parent_chosen, Some(planned.chosen.clone().unwrap_or_default()), "says what the plan chose");
    assert_eq!(cairn.get_study(&plan, study).expect("plan").chosen, planned.chosen, "the plan keeps its choice");
    let listed = cairn.list_studies_in(&plan, Some(&scenario)).expect("list");
    let name = planned.options.iter().find(|o| o.id == other).map(|o| o.input.name.clone());
    assert_eq!(listed.iter().find(|s| s.id == study).and_then(|s| s.chosen.clone()), name);
    assert!(cairn.evaluate_study_in(&plan, Some(&scenario), study, 100).is_ok());
    // One undo step; choosing the parent's own option again drops the override.
    assert_eq!(cairn.history().expect("history").undo.as_deref(), Some("Choose option in scenario “Managed desk”"));
    let back = cairn.choose_option_in(&plan, Some(&scenario), study, planned.chosen.as_deref(), now()).expect("back");
    assert_eq!(back.parent_chosen, None);
    let p = cairn.plan(&plan).expect("plan");
    let s = p.scenarios.iter().find(|s| s.id.as_str() == scenario).expect("scenario");
    assert!(s.overrides.is_empty(), "{:?}", s.overrides);
    let err = cairn.choose_option_in(&plan, Some(&scenario), study, Some("nope"), now()).expect_err("unknown");
    assert_eq!(err.code, ErrorCode::NotFound);
    let err = cairn.choose_option_in(&plan, Some("nope"), study, Some(&other), now()).expect_err("no scenario");
    assert_eq!(err.code, ErrorCode::NotFound);
}

/// A study follows the plan's discount schedule as a case does: with a typed 3 % nominal schedule
/// its costs are discounted at 3 %, not its own 4 %; with a reason of its own it keeps its rate.
#[test]
fn a_study_follows_the_plans_schedule_unless_it_gives_a_reason() {
    use cairn_core::{AppraisalPolicy, DiscountPolicy, DiscountPreset, PriceBasis};
    let dir = tempfile::tempdir().expect("tmp");
    let cairn = open(dir.path(), false);
    let mut plan = cairn_core::demo_plan();
    plan.settings.appraisal = AppraisalPolicy {
        discount: Some(DiscountPolicy {
            preset: DiscountPreset::Typed { basis: PriceBasis::Nominal, rates: vec![rust_decimal::dec!(0.03)] },
            source: "Treasury".into(),
            as_of: chrono::NaiveDate::from_ymd_opt(2026, 9, 30).expect("date"),
            confirmed: true,
        }),
        ..AppraisalPolicy::default()
    };
    plan.sourcing_studies[1].rate_reason = Some("the supplier finances it at 4 %".into());
    cairn.import_plan_text(&cairn_core::write_plan_file(&plan, now()), "policy.json", now()).expect("imports");
    let id = plan.id.as_str();
    for (study, rate) in [(&plan.sourcing_studies[0], 0.03_f64), (&plan.sourcing_studies[1], 0.04)] {
        let r = cairn.evaluate_study(id, study.id.as_str(), 500).expect("evaluate");
        for o in &r.options {
            let pv: f64 = o.costs_by_year.iter().enumerate().map(|(k, v)| v / (1.0 + rate).powi(k as i32 + 1)).sum();
            assert!((pv - o.pv_tco).abs() < 1e-6 * pv, "{}: {} at {rate}: {pv} vs {}", study.name, o.name, o.pv_tco);
        }
    }
}

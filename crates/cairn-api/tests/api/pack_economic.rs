//! The board pack's economic case of each business case and its appendix, as `report_input`
//! fills them: every figure is `cairn_case::appraise`'s in the plan's context, the ranking the
//! case page's sentence, the rate `AppraisalPolicy::rate_for`'s with the engine's rates.

use cairn_api::{ReportOptions, report_input};
use cairn_case::{Context, Metric};
use cairn_core::{DiscountPolicy, OptionRole, Plan, PriceBasis, demo_plan};
use cairn_report::Figure;
use chrono::NaiveDate;

fn options() -> ReportOptions {
    let mut o = ReportOptions::new(NaiveDate::from_ymd_opt(2027, 3, 1).expect("date"));
    o.fonts = cairn_api::FontSource::None;
    o
}

fn same(f: &Figure, m: &Metric, zero: bool) -> bool {
    match (f, m) {
        (Figure::Money(v), _) if zero => *v == 0.0,
        (Figure::Money(a) | Figure::Ratio(a) | Figure::Percent(a), Metric::Value(b)) => a == b,
        (Figure::NotAvailable(a), Metric::NotAvailable(b)) => a == b,
        _ => false,
    }
}

fn check_against_appraise(plan: &Plan) {
    let input = report_input(plan, &options()).expect("input");
    let ctx = Context::of(plan);
    for (case, section) in plan.business_cases.iter().zip(&input.cases) {
        let a = cairn_case::appraise(case, &ctx).expect("appraise");
        let e = &section.economic;
        assert_eq!(e.options.len(), a.options.len(), "{}: every option", case.name);
        assert!(e.note.is_none());
        for (k, (view, o)) in e.options.iter().zip(&a.options).enumerate() {
            let m = &o.evaluation.metrics;
            let zero = cairn_case::is_zero_option(&o.evaluation);
            assert_eq!(view.name, o.option.name);
            assert_eq!(view.role, o.option.role.label());
            assert!(same(&view.pv_costs, &m.tco_present_value, zero), "{}: PV costs", view.name);
            assert!(same(&view.pv_benefits, &m.benefits_present_value, zero));
            assert!(same(&view.pv_cash_releasing, &m.cash_releasing.benefits_present_value, zero));
            assert!(same(&view.npv, &m.npv, zero));
            assert!(same(&view.npv_cash_releasing, &m.cash_releasing.npv, zero));
            assert!(same(&view.bcr, &m.benefit_cost_ratio, false));
            match (&view.npsv, &o.npsv) {
                (Some(f), Some(m)) => assert!(same(f, m, false), "{}: NPSV", view.name),
                (None, None) => assert_eq!(o.option.role, OptionRole::Bau),
                other => panic!("{}: NPSV {other:?}", view.name),
            }
            match (&view.incremental_irr, &o.incremental_irr) {
                (Some(f), Some(m)) => assert!(same(f, m, false), "{}: incremental IRR", view.name),
                (None, None) => {}
                other => panic!("{}: incremental IRR {other:?}", view.name),
            }
            let rank = a.order.iter().position(|i| *i == k).map(|p| p as u32 + 1);
            let rank = if o.option.role == OptionRole::Bau { None } else { rank };
            assert_eq!(view.rank, rank, "{}", view.name);
        }
        // The ranking sentence is the case page's.
        assert!(!e.ranking.is_empty());
        let schedule = cairn_case::case_schedule(&plan.settings.appraisal, case).expect("schedule");
        let rates = schedule.rates().to_vec();
        assert_eq!(e.rate, cairn_core::narrative::policy::case_rate(&plan.settings.appraisal, case, Ok(&rates)));
        assert!(e.rate.contains(plan.settings.appraisal.basis.label()), "{}", e.rate);
    }
}

#[test]
fn each_case_s_economic_case_is_its_appraisal() {
    check_against_appraise(&demo_plan());
    let plan = demo_plan();
    check_against_appraise(&plan);
    let input = report_input(&plan, &options()).expect("input");
    let erp = &input.cases[0].economic;
    let names: Vec<&str> = erp.options.iter().map(|o| o.name.as_str()).collect();
    assert_eq!(names, ["Keep the current system", "Cloud ERP for finance, then payroll", "Replace finance only"]);
    // The ERP is mandatory: ranked by cost; the data-centre exit is not: ranked by NPSV, against
    // its own business as usual.
    assert!(
        erp.ranking.contains("so its options are ranked by present value of cost, lowest first"),
        "{}",
        erp.ranking
    );
    let cloud = &input.cases[1].economic;
    assert!(cloud.ranking.starts_with("Options are ranked by net present social value"), "{}", cloud.ranking);
    assert_eq!(cloud.options[0].name, plan.business_cases[1].options[0].name);
    assert_eq!(plan.business_cases[1].options[0].role, OptionRole::Bau);
    // A case without a short list has the implicit business as usual.
    let mut bare = plan.clone();
    let case = &mut bare.business_cases[1];
    case.options.clear();
    for line in &mut case.lines {
        line.options.clear();
    }
    check_against_appraise(&bare);
    let input = report_input(&bare, &options()).expect("input");
    assert_eq!(input.cases[1].economic.options[0].name, cairn_core::IMPLICIT_BAU_NAME);
}

#[test]
fn a_plan_wide_schedule_is_named_with_its_source_in_the_economic_case_and_the_appendix() {
    let mut plan = demo_plan();
    plan.settings.appraisal.basis = PriceBasis::Real;
    plan.settings.appraisal.discount = Some(DiscountPolicy { confirmed: true, ..DiscountPolicy::green_book() });
    for case in &mut plan.business_cases {
        case.prices = PriceBasis::Real;
    }
    check_against_appraise(&plan);
    let input = report_input(&plan, &options()).expect("input");
    for section in &input.cases {
        let rate = &section.economic.rate;
        assert!(rate.starts_with("Discounted at 3.5 % a year, real terms: the plan's schedule"), "{rate}");
        assert!(rate.contains(cairn_core::appraisal::GREEN_BOOK_SOURCE), "{rate}");
    }
    let row = |label: &str| input.appendix.iter().find(|(l, _)| l == label).map(|(_, t)| t.as_str()).expect(label);
    assert!(row("Appraisal basis").starts_with("Real"));
    assert!(row("Discount schedule").starts_with("The Green Book schedule"), "{}", row("Discount schedule"));
    for case in &plan.business_cases {
        assert!(row(&format!("Discount rate — {}", case.name)).contains("the plan's schedule"));
    }
    for study in &plan.sourcing_studies {
        // A study follows the plan's schedule as a case does.
        assert!(row(&format!("Discount rate — {} (sourcing study)", study.name)).contains("the plan's schedule"));
    }
}

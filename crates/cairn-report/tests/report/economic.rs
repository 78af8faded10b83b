//! Each business case's economic-case page and the appendix's appraisal policy, read back from
//! the PDF and held to `cairn_case::appraise` in the plan's context, formatted as the pack
//! formats money, ratios and percentages.

use cairn_case::{Context, Metric};
use cairn_core::{
    ContributoryFactor, DiscountPolicy, InflationAssumption, InflationRates, Mitigation, OptimismBias, Plan,
    PriceBasis, ProjectType, demo_plan,
};
use cairn_report::format::{money, percent};
use rust_decimal::Decimal;

use super::{check, options, usd};

/// The demo, whose cases state their short lists, under a confirmed Green Book policy in real terms
/// with 2 % inflation; the
/// ERP case states its own rate with a reason and carries an IT project's optimism bias.
fn policy_plan() -> Plan {
    let mut plan = demo_plan();
    let a = &mut plan.settings.appraisal;
    a.basis = PriceBasis::Real;
    a.discount = Some(DiscountPolicy { confirmed: true, ..DiscountPolicy::green_book() });
    a.inflation = Some(InflationAssumption {
        rates: InflationRates::Flat { rate: Decimal::new(2, 2) },
        source: "OBR, GDP deflator forecast, March 2026".into(),
    });
    for case in &mut plan.business_cases {
        case.prices = PriceBasis::Real;
    }
    for study in &mut plan.sourcing_studies {
        study.prices = PriceBasis::Real;
    }
    let erp = &mut plan.business_cases[0];
    erp.rate_reason = Some("The loan that funds it is at 6 %".into());
    erp.optimism_bias = Some(OptimismBias {
        project_type: ProjectType::EquipmentDevelopment,
        mitigations: vec![Mitigation {
            factor: ContributoryFactor::ALL[0],
            mitigated: Decimal::ONE,
            reason: "A single fixed-price contract".into(),
            contribution: None,
        }],
    });
    plan
}

/// A money figure of an option as the page prints it: zero for an option without amounts.
fn shown(m: &Metric, zero: bool) -> String {
    if zero {
        return money(0.0, &usd());
    }
    m.value().map_or("—".to_owned(), |v| money(v, &usd()))
}

/// The page of each case's economic case holds every option of its appraisal with its figures.
fn check_economic_pages(plan: &Plan) {
    let pack = check(plan, &options(), &["Options against business as usual", "Optimism bias"]);
    let ctx = Context::of(plan);
    for case in &plan.business_cases {
        let title = format!("{}: economic case", case.name);
        let pages: Vec<&String> = pack.pages.iter().filter(|p| p.contains(&title)).collect();
        assert_eq!(pages.len(), 1, "one economic-case page for {}", case.name);
        let page = pages[0];
        let a = cairn_case::appraise(case, &ctx).expect("appraise");
        assert_eq!(a.options.len(), case.short_list().len());
        for o in &a.options {
            let m = &o.evaluation.metrics;
            let zero = cairn_case::is_zero_option(&o.evaluation);
            // Option names are column titles and may wrap: each word is on the page.
            for word in o.option.name.split_whitespace() {
                assert!(page.contains(word), "{}: no \"{word}\" of {}", case.name, o.option.name);
            }
            let mut figures = vec![
                shown(&m.tco_present_value, zero),
                shown(&m.benefits_present_value, zero),
                shown(&m.cash_releasing.benefits_present_value, zero),
                shown(&m.npv, zero),
                shown(&m.cash_releasing.npv, zero),
            ];
            if let Some(v) = m.benefit_cost_ratio.value() {
                figures.push(format!("{v:.2}"));
            }
            if let Some(v) = o.npsv.as_ref().and_then(Metric::value) {
                figures.push(money(v, &usd()));
            }
            if let Some(v) = o.incremental_irr.as_ref().and_then(Metric::value) {
                figures.push(percent(v, 2));
            }
            for f in figures {
                assert!(page.contains(&f), "{}: {} lacks {f}: {page}", case.name, o.option.name);
            }
        }
    }
}

#[test]
fn every_demo_case_has_an_economic_case_page_with_the_appraisals_figures() {
    let plan = demo_plan();
    check_economic_pages(&plan);
    let pack = check(&plan, &options(), &[]);
    // A case's economic case: its page and the next (its optimism bias may start a page).
    let page = |name: &str| {
        let at = pack.pages.iter().position(|p| p.contains(&format!("{name}: economic case"))).expect("page");
        pack.pages[at..pack.pages.len().min(at + 2)].join(" ")
    };
    for case in &plan.business_cases {
        let page = page(&case.name);
        // Each demo case states its business as usual and is discounted at the plan's typed rate.
        assert!(!case.options.is_empty() && page.contains("Business as usual"), "{page}");
        assert!(!page.contains("not stated: taken as zero"), "{page}");
        assert!(
            page.contains("Discounted at 5 % a year, nominal terms: the plan's schedule, the typed rates"),
            "{page}"
        );
        if case.mandatory.is_some() {
            assert!(page.contains("so its options are ranked by present value of cost, lowest first"), "{page}");
        } else {
            assert!(page.contains("Options are ranked by net present social value (NPSV)"), "{page}");
        }
        if case.optimism_bias.is_none() {
            assert!(page.contains("None applied: the case states no project type"), "{page}");
        } else {
            let e = cairn_case::evaluate_in(case, &Context::of(&plan)).expect("evaluate");
            let bias = e.optimism.expect("the bias applied");
            let applied = cairn_core::text::percent_exact(bias.cost.applied.round_dp(3));
            assert!(page.contains(&format!("the uplift applied is {applied} of capex")), "{page}");
        }
    }

    // The demo without its short lists, its policy and the ERP's mandate: business as usual is
    // taken as zero, said so, the case is its own option, and each case is discounted at its own
    // rate.
    let mut bare = demo_plan();
    bare.settings.appraisal = cairn_core::AppraisalPolicy::default();
    for case in &mut bare.business_cases {
        case.options.clear();
        case.mandatory = None;
        case.optimism_bias = None;
        for line in &mut case.lines {
            line.options.clear();
        }
    }
    check_economic_pages(&bare);
    let pack = check(&bare, &options(), &[]);
    for case in &bare.business_cases {
        let page = pack.pages.iter().find(|p| p.contains(&format!("{}: economic case", case.name))).expect("page");
        assert!(page.contains("Business as usual (not stated: taken as zero)"), "{page}");
        assert!(page.contains("The case states no options: business as usual is taken as zero"), "{page}");
        assert!(page.contains("None applied: the case states no project type"), "{page}");
        assert!(page.contains("nominal terms: the case's own rate: the plan sets no discount schedule"), "{page}");
    }
}

#[test]
fn a_short_list_shows_every_option_its_ranking_and_the_bias_applied() {
    let plan = policy_plan();
    check_economic_pages(&plan);
    let pack = check(&plan, &options(), &[]);
    let erp = &plan.business_cases[0];
    let page = pack.pages.iter().find(|p| p.contains(&format!("{}: economic case", erp.name))).expect("page");
    // The ERP is mandatory: ranked by cost; the data-centre exit is not: ranked by NPSV.
    assert!(erp.mandatory.is_some() && plan.business_cases[1].mandatory.is_none());
    assert!(page.contains("so its options are ranked by present value of cost, lowest first"), "{page}");
    let cloud = &plan.business_cases[1];
    let cloud_page = pack.pages.iter().find(|p| p.contains(&format!("{}: economic case", cloud.name))).expect("page");
    assert!(cloud_page.contains("Options are ranked by net present social value (NPSV) against business as usual"));
    assert!(
        page.contains("Discounted at 6 % a year, real terms: the case's own rate, for the reason it gives: “The loan that funds it is at 6 %”")
    );
    let e = cairn_case::evaluate_in(erp, &Context::of(&plan)).expect("evaluate");
    let bias = e.optimism.expect("the bias applied");
    let applied = cairn_core::text::percent_exact(bias.cost.applied.round_dp(3));
    assert!(page.contains(&format!("the uplift applied is {applied} of capex")), "{page}");
    assert!(page.contains("A single fixed-price contract"), "{page}");
    // The other cases take the plan's schedule, with its source and date.
    let other = &plan.business_cases[1];
    let page = pack.pages.iter().find(|p| p.contains(&format!("{}: economic case", other.name))).expect("page");
    assert!(page.contains("Discounted at 3.5 % a year, real terms: the plan's schedule, the Green Book schedule"));
    assert!(page.contains("as of 30 March 2022, confirmed"), "{page}");
}

#[test]
fn the_appendix_states_the_policy_and_every_case_s_and_study_s_rate() {
    for plan in [demo_plan(), policy_plan()] {
        let input = cairn_api::report_input(&plan, &options()).expect("input");
        let row = |label: &str| {
            input.appendix.iter().find(|(l, _)| l == label).map(|(_, t)| t.clone()).unwrap_or_else(|| panic!("{label}"))
        };
        let basis = plan.settings.appraisal.basis.label();
        assert!(row("Appraisal basis").to_lowercase().starts_with(basis), "{}", row("Appraisal basis"));
        for label in ["Discount schedule", "Inflation", "Benefits counted", "Capitalisation", "Recommendations"] {
            assert!(!row(label).is_empty(), "{label}");
        }
        for case in &plan.business_cases {
            let text = row(&format!("Discount rate — {}", case.name));
            assert!(text.contains(&format!("{basis} terms")), "{text}");
            assert!(text.contains("own rate") || text.contains("the plan's schedule"), "{text}");
        }
        for study in &plan.sourcing_studies {
            let text = row(&format!("Discount rate — {} (sourcing study)", study.name));
            // Its own rate, or the plan's schedule, by the rule a case follows.
            let own = matches!(plan.settings.appraisal.rate_for_study(study), cairn_core::CaseRate::Own { .. });
            if own {
                assert!(text.contains(&cairn_core::text::percent_exact(study.discount_rate)), "{text}");
                assert!(text.contains("the study's own rate"), "{text}");
            } else {
                assert!(text.contains("the plan's schedule"), "{text}");
            }
        }
        let pack = check(&plan, &options(), &["Appraisal basis", "Discount schedule", "Capitalisation"]);
        let appendix = pack.pages.iter().filter(|p| p.contains("Value and method")).cloned().collect::<String>();
        for study in &plan.sourcing_studies {
            assert!(appendix.contains(&format!("{} (sourcing study)", study.name)), "{appendix}");
        }
    }
    let plan = policy_plan();
    let input = cairn_api::report_input(&plan, &options()).expect("input");
    let text = |label: &str| input.appendix.iter().find(|(l, _)| l == label).map(|(_, t)| t.clone()).expect("row");
    assert!(text("Discount schedule").contains("3.5 % a year for years 0–30"));
    assert!(text("Discount schedule").contains("rates as of 30 March 2022; confirmed against the source"));
    assert!(text("Inflation").contains("OBR, GDP deflator forecast, March 2026"));
    assert!(text(&format!("Discount rate — {}", plan.business_cases[0].name)).contains("The loan that funds it"));
    for study in &plan.sourcing_studies {
        let row = text(&format!("Discount rate — {} (sourcing study)", study.name));
        assert!(
            row.contains("PV TCO discounted at 3.5 % a year, real terms: the plan's schedule, the Green Book"),
            "{row}"
        );
    }
}

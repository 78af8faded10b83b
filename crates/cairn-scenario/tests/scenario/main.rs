//! Scenarios resolved, compared and measured against baselines.

use cairn_core::{Id, Override, Scenario, demo_plan, resolve, validate};
use cairn_scenario::{compare, differences, variant};
use proptest::prelude::*;

fn scenario(id: &str, parent: Option<&str>, overrides: Vec<Override>) -> Scenario {
    Scenario {
        id: Id::new(id).expect("id"),
        name: id.into(),
        description: String::new(),
        parent: parent.map(|p| Id::new(p).expect("id")),
        overrides,
    }
}

/// Each case: the overrides of a child of the demo's "Cautious benefits" scenario, and the
/// differences expected from the plan (as `what` texts).
fn check(name: &str, overrides: Vec<Override>, expected: &[&str]) {
    let mut plan = demo_plan();
    plan.scenarios.push(scenario("child", Some("scenario-cautious"), overrides));
    assert_eq!(validate(&plan), [], "{name}");
    let c = compare(&plan, &["plan", "child"]).unwrap_or_else(|e| panic!("{name}: {e}"));
    let whats: Vec<&str> = c.differences[0].iter().map(|d| d.what.as_str()).collect();
    assert_eq!(whats, expected, "{name}");
}

#[test]
fn children_inherit_and_override() {
    let erp = || Id::new("case-erp").expect("id");
    let realised = [
        "Business case “ERP replacement”: benefit realisation",
        "Business case “Data-centre exit to cloud”: benefit realisation",
        "Business case “Citizen services portal”: benefit realisation",
    ];
    check(
        "inherits its parent",
        Vec::new(),
        &["Business case “ERP replacement”: discount rate", realised[0], realised[1], realised[2]],
    );
    check(
        "puts the rate back",
        vec![Override::CaseDiscountRate { case: erp(), rate: rust_decimal::Decimal::new(6, 2) }],
        &realised,
    );
}

#[test]
fn comparison_figures_match_the_case_engine() {
    let plan = demo_plan();
    let c = compare(&plan, &["plan", "Cautious benefits", "Board approved, October 2026"]).expect("compare");
    assert_eq!(c.variants.len(), 3);
    let npv: f64 = plan
        .business_cases
        .iter()
        .map(|k| cairn_case::evaluate(k).expect("eval").metrics.npv.value().expect("npv"))
        .sum();
    assert!((c.variants[0].portfolio_npv - npv).abs() < 1e-6);
    assert!(c.variants[1].portfolio_npv < c.variants[0].portfolio_npv, "cautious is worse");
    assert_eq!(c.variants[0].spend.len(), 5, "one row per fiscal year of the horizon");
    // Spend by year adds up each case's capex and opex rows by fiscal year, Year 0 in the case's
    // first year; a case without a Year 0 column is not shifted a year early.
    for (i, fy) in plan.settings.horizon.fiscal_years().enumerate() {
        let mut expected = rust_decimal::Decimal::ZERO;
        for k in &plan.business_cases {
            let e = cairn_case::evaluate(k).expect("eval");
            for col in &e.columns {
                let year = match col.at {
                    cairn_core::CaseYear::Upfront => k.first_year,
                    cairn_core::CaseYear::Year(y) => y,
                };
                if year == fy {
                    expected += e.totals.capex[col.period] + e.totals.opex[col.period];
                }
            }
        }
        let s = &c.variants[0].spend[i];
        let got: rust_decimal::Decimal = s.capex.parse::<rust_decimal::Decimal>().expect("capex")
            + s.opex.parse::<rust_decimal::Decimal>().expect("opex");
        assert_eq!(got, expected, "{}", s.year);
    }
    // The baseline differs from the plan in the ERP discount rate only.
    let whats: Vec<&str> = c.differences[1].iter().map(|d| d.what.as_str()).collect();
    assert_eq!(whats, ["Business case “ERP replacement”: discount rate"]);
    assert_eq!((c.differences[1][0].from.as_str(), c.differences[1][0].to.as_str()), ("6 %", "5.5 %"));
    let err = compare(&plan, &["plan"]).expect_err("one is not a comparison");
    assert!(err.0.contains("2 to 4"));
    let err = variant(&plan, "Nope").expect_err("unknown");
    assert!(err.0.contains("Cautious benefits"), "{err}");
}

#[test]
fn parents_must_exist_and_not_loop() {
    let mut plan = demo_plan();
    plan.scenarios.push(scenario("a", Some("b"), Vec::new()));
    plan.scenarios.push(scenario("b", Some("a"), Vec::new()));
    plan.scenarios.push(scenario("c", Some("missing"), Vec::new()));
    let paths: Vec<String> = validate(&plan).into_iter().map(|p| p.path).collect();
    assert_eq!(paths, ["scenarios[1].parent", "scenarios[2].parent", "scenarios[3].parent"]);
}

proptest! {
    /// A scenario without overrides equals its parent, at any depth.
    #[test]
    fn no_overrides_equals_the_parent(depth in 1usize..5) {
        let mut plan = demo_plan();
        let mut parent = "scenario-cautious".to_owned();
        for d in 0..depth {
            let id = format!("s{d}");
            plan.scenarios.push(scenario(&id, Some(&parent), Vec::new()));
            parent = id;
        }
        let leaf = resolve(&plan, &parent).expect("resolves");
        let cautious = resolve(&plan, "scenario-cautious").expect("resolves");
        prop_assert_eq!(leaf, cautious);
        prop_assert!(differences(&resolve(&plan, "scenario-cautious").expect("r"), &resolve(&plan, &parent).expect("r")).is_empty());
    }

    /// Deleting a scenario never touches the plan or its baselines.
    #[test]
    fn deleting_a_scenario_leaves_the_baseline(which in 0usize..2) {
        let mut plan = demo_plan();
        plan.scenarios.push(scenario("extra", None, Vec::new()));
        let baselines = plan.baselines.clone();
        let cases = plan.business_cases.clone();
        plan.scenarios.remove(which);
        prop_assert_eq!(&plan.baselines, &baselines);
        prop_assert_eq!(&plan.business_cases, &cases);
    }
}
mod budget_cut;

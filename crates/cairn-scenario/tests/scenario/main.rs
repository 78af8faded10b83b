//! Scenarios resolved, compared, changed and measured against baselines.

mod ops;
mod overrides;
mod variance;

use cairn_core::{Budget, BudgetYear, FiscalYear, Id, Override, Plan, Scenario, demo_plan, resolve, validate};
use cairn_scenario::{compare, differences, variant};
use rust_decimal::Decimal;

/// A scenario with its id as its name.
pub fn scenario(id: &str, parent: Option<&str>, overrides: Vec<Override>) -> Scenario {
    Scenario {
        id: Id::new(id).expect("id"),
        name: id.into(),
        description: String::new(),
        parent: parent.map(|p| Id::new(p).expect("id")),
        overrides,
    }
}

/// An id from a literal.
pub fn id(text: &str) -> Id {
    Id::new(text).expect("id")
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

fn entered(years: &[(i32, i64, i64)]) -> Budget {
    Budget::Entered {
        years: years
            .iter()
            .map(|&(y, c, o)| BudgetYear { year: FiscalYear(y), capex: Decimal::from(c), opex: Decimal::from(o) })
            .collect(),
    }
}

#[test]
fn children_inherit_and_override() {
    let erp = || id("case-erp");
    let realised = [
        "Business case “ERP replacement”: benefit realisation",
        "Business case “Data-centre exit to cloud”: benefit realisation",
        "Business case “Citizen services portal”: benefit realisation",
    ];
    check("inherits its parent", Vec::new(), &realised);
    let all = ["Business case “ERP replacement”: discount rate", realised[0], realised[1], realised[2]];
    check("changes a rate", vec![Override::CaseDiscountRate { case: erp(), rate: Decimal::new(7, 2) }], &all);
    check("keeps the rate", vec![Override::CaseDiscountRate { case: erp(), rate: Decimal::new(6, 2) }], &realised);
    check(
        "budgets an initiative otherwise",
        vec![Override::InitiativeBudget { initiative: id("sd-wan"), budget: entered(&[(2028, 1_000_000, 0)]) }],
        &["Initiative “Wide-area network refresh (SD-WAN)”: budget", realised[0], realised[1], realised[2]],
    );
}

#[test]
fn a_budget_override_changes_the_roadmap_spend() {
    let mut plan = demo_plan();
    let budget = entered(&[(2028, 2_000_000, 100_000)]);
    plan.scenarios.push(scenario(
        "dearer",
        None,
        vec![Override::InitiativeBudget { initiative: id("sd-wan"), budget: budget.clone() }],
    ));
    assert_eq!(validate(&plan), []);
    let c = compare(&plan, &["plan", "dearer"]).expect("compare");
    // SD-WAN was 1,020,000 in FY2027 and 940,000 in FY2028.
    let fy = |v: usize, k: usize| c.variants[v].spend[k].total;
    assert_eq!(fy(1, 0) - fy(0, 0), Decimal::from(-1_020_000));
    assert_eq!(fy(1, 1) - fy(0, 1), Decimal::from(2_100_000 - 940_000));
    let d = &c.differences[0][0];
    assert_eq!(d.from, "1,600,000 capex + 360,000 opex in FY2027–FY2028");
    assert_eq!(d.to, "2,000,000 capex + 100,000 opex in FY2028");
    // The file format round-trips it.
    let text = cairn_core::write_plan_file(&plan, chrono::DateTime::UNIX_EPOCH);
    assert!(text.contains("\"kind\": \"initiative_budget\""), "{text}");
    assert_eq!(cairn_core::read_plan_file(&text).expect("reads").plan, plan);
}

#[test]
fn budget_overrides_are_validated_and_stale_ones_reported() {
    let mut plan = demo_plan();
    plan.scenarios.push(scenario(
        "bad",
        None,
        vec![
            Override::InitiativeBudget { initiative: id("sd-wan"), budget: entered(&[(2028, -5, 0), (2028, 1, 1)]) },
            Override::InitiativeBudget { initiative: id("gone"), budget: entered(&[]) },
            Override::InitiativeBudget {
                initiative: id("sd-wan"),
                budget: Budget::BusinessCase { case: id("no-such-case") },
            },
        ],
    ));
    let paths: Vec<String> = validate(&plan).into_iter().map(|p| p.path).collect();
    assert_eq!(
        paths,
        ["scenarios[2].overrides[0].budget.years[0].capex", "scenarios[2].overrides[0].budget.years[1].year"]
    );
    let last = &plan.scenarios[2];
    assert_eq!(cairn_core::stale_overrides(&plan, last), [1, 2]);
}

#[test]
fn comparison_uses_the_roadmap_rollup_and_the_case_engine() {
    let plan = demo_plan();
    let c = compare(&plan, &["plan", "Cautious benefits", "Board approved, June 2026"]).expect("compare");
    assert_eq!(c.variants.len(), 3);
    let npv: f64 = plan
        .business_cases
        .iter()
        .map(|k| {
            cairn_case::evaluate_in(k, &cairn_case::Context::of(&plan)).expect("eval").metrics.npv.value().expect("npv")
        })
        .sum();
    assert!((c.variants[0].portfolio_npv - npv).abs() < 1e-6);
    assert!(c.variants[1].portfolio_npv < c.variants[0].portfolio_npv, "cautious is worse");
    // Spend is the roadmap's budget rollup, ceilings and all: the same figures as the roadmap
    // page's budget table and the board pack.
    let rollup = cairn_roadmap::budget(&plan).expect("rollup");
    assert_eq!(c.variants[0].spend.len(), 5, "one row per fiscal year of the horizon");
    for (s, y) in c.variants[0].spend.iter().zip(&rollup.years) {
        assert_eq!((&s.year, s.capex, s.opex, s.total), (&y.label, y.capex, y.opex, y.total));
        assert_eq!((s.ceiling, s.over_by), (y.ceiling, y.over_by));
    }
    let over: Vec<&str> = c.variants[0].over_ceiling.iter().map(|y| y.year.as_str()).collect();
    assert_eq!(over, ["FY2027", "FY2029"], "the demo's ceilings break in FY2027 and FY2029");
    assert_eq!(c.variants[0].spend_total, rollup.total);
    // End date and critical path are the schedule's.
    let schedule = cairn_roadmap::schedule(&plan).expect("schedule");
    assert_eq!(c.variants[0].roadmap_end, schedule.finish.map(|m| m.to_string()));
    let path: Vec<String> = c.variants[0].critical_path.iter().map(|p| p.id.clone()).collect();
    let expected: Vec<String> = schedule.critical_path.iter().map(ToString::to_string).collect();
    assert_eq!(path, expected);
    assert!(!path.is_empty());
    // Each case's metrics, with the reason when one is missing.
    for (k, f) in plan.business_cases.iter().zip(&c.variants[0].cases) {
        let e = cairn_case::evaluate_in(k, &cairn_case::Context::of(&plan)).expect("eval");
        assert_eq!(
            (f.npv, f.irr, f.payback_years),
            (e.metrics.npv.value(), e.metrics.irr.value(), e.metrics.payback_years.value())
        );
        assert_eq!(f.irr.is_none(), f.irr_note.is_some());
    }
    let err = compare(&plan, &["plan"]).expect_err("one is not a comparison");
    assert!(err.0.contains("2 to 4"));
    let err = variant(&plan, "Nope").expect_err("unknown");
    assert!(err.0.contains("Cautious benefits"), "{err}");
}

#[test]
fn differences_name_what_from_and_to() {
    let plan = demo_plan();
    let baseline = variant(&plan, "baseline-approved").expect("baseline").plan;
    let plan_only = variant(&plan, "plan").expect("plan").plan;
    let got: Vec<(String, String, String)> =
        differences(&baseline, &plan_only).into_iter().map(|d| (d.what, d.from, d.to)).collect();
    let t = |a: &str, b: &str, c: &str| (a.to_owned(), b.to_owned(), c.to_owned());
    assert_eq!(
        got,
        [
            t("Initiative “City data platform”: dates", "2027-04 – 2028-06", "2027-04 – 2028-09"),
            t(
                "Initiative “City data platform”: budget",
                "1,100,000 capex + 780,000 opex in FY2027–FY2028",
                "1,100,000 capex + 780,000 opex in FY2027–FY2029"
            ),
            t("Initiative “Agile funding model”", "—", "added"),
            t("Business case “ERP replacement”: discount rate", "5.5 %", "6 %"),
        ]
    );
}

/// The demo's budget cut: from FY2028 on the roadmap's spend fits within 85 % of the plan's
/// ceilings, which the scenario holds as its own (so its headroom is measured against them),
/// only proposed initiatives (not yet started) are deferred or dropped, and no dependency is
/// broken.
#[test]
fn the_demo_budget_cut_fits_85_percent_of_the_ceilings() {
    let plan = demo_plan();
    assert_eq!(validate(&plan), []);
    let cut = resolve(&plan, "scenario-budget-cut").expect("resolves");
    assert_eq!(validate(&cut), [], "the cut plan is a valid plan");
    let rollup = cairn_roadmap::budget(&cut).expect("rollup");
    let before = cairn_roadmap::budget(&plan).expect("rollup");
    for (y, planned) in rollup.years.iter().zip(&before.years).filter(|(y, _)| y.year.0 >= 2028) {
        let ceiling = planned.ceiling.expect("the demo has a ceiling every year");
        let limit = ceiling * Decimal::new(85, 2);
        assert_eq!(y.ceiling, Some(limit), "{}: the scenario's own ceiling", y.label);
        assert_eq!(y.over_by, None, "{}", y.label);
        for (cell, planned) in y.themes.iter().zip(&planned.themes).filter(|(c, _)| c.theme.is_some()) {
            assert_eq!(cell.ceiling, planned.ceiling.map(|c| c * Decimal::new(85, 2)), "{} {:?}", y.label, cell.theme);
            assert_eq!(cell.over_by, None, "{} {:?}", y.label, cell.theme);
        }
        assert!(
            y.total <= limit,
            "{}: {} > {limit}; all: {:?}",
            y.label,
            y.total,
            rollup.years.iter().map(|y| (y.year.0, y.total)).collect::<Vec<_>>()
        );
    }
    // It is a cut: FY2028 on, the plan as it stands breaks that limit somewhere.
    assert!(
        before.years.iter().filter(|y| y.year.0 >= 2028).any(|y| y.total > y.ceiling.expect("c") * Decimal::new(85, 2))
    );
    let schedule = cairn_roadmap::schedule(&cut).expect("schedule");
    assert_eq!(schedule.violations, [], "no dependency is broken");
    // FY2027 keeps the plan's ceilings.
    assert_eq!(rollup.years[0].ceiling, before.years[0].ceiling);
    for s in &plan.scenarios[1].overrides {
        let (kind, target) = s.target();
        if let Override::BudgetCeiling { year, .. } = s {
            assert_eq!(kind, "budget ceiling");
            assert!(year.0 >= 2028, "{s:?}");
            continue;
        }
        let target = target.expect("an initiative's id");
        let x = plan.initiatives.iter().find(|x| &x.id == target).expect("an initiative");
        // Not yet started: proposed or approved, starting after the demo's "today" (December 2026).
        assert!(
            matches!(x.status, cairn_core::InitiativeStatus::Proposed | cairn_core::InitiativeStatus::Approved)
                && x.start > "2026-12".parse().expect("month"),
            "{} has started",
            x.name
        );
        // Nothing left in the cut depended on what it drops.
        if matches!(s, Override::InitiativeIncluded { .. }) {
            assert!(plan.initiatives.iter().all(|y| y.dependencies.iter().all(|d| &d.on != target)), "{}", x.name);
        }
    }
    // A deferral is what the budget-cut helper's rule makes of it: dates, milestones, budget
    // years and FTE quarters moved by the same whole years.
    for x in cut.initiatives.iter().filter(|x| plan.initiatives.iter().any(|p| p.id == x.id && p.start != x.start)) {
        let planned = plan.initiatives.iter().find(|p| p.id == x.id).expect("planned");
        let years = u8::try_from(planned.start.months_until(x.start) / 12).expect("whole years later");
        let deferred = cairn_scenario::budget_cut::defer_initiative(&plan, planned, years).expect("defers");
        assert_eq!(
            (x.start, x.end, &x.milestones, &x.fte),
            (deferred.start, deferred.end, &deferred.milestones, &deferred.fte)
        );
        assert_eq!(
            cairn_roadmap::initiative_budget(&cut, x).ok(),
            cairn_roadmap::initiative_budget(&cut, &deferred).ok(),
            "{}",
            x.name
        );
    }
}

#[test]
fn parents_must_exist_and_not_loop() {
    let mut plan = demo_plan();
    plan.scenarios.push(scenario("a", Some("b"), Vec::new()));
    plan.scenarios.push(scenario("b", Some("a"), Vec::new()));
    plan.scenarios.push(scenario("c", Some("missing"), Vec::new()));
    let paths: Vec<String> = validate(&plan).into_iter().map(|p| p.path).collect();
    assert_eq!(paths, ["scenarios[2].parent", "scenarios[3].parent", "scenarios[4].parent"]);
}

/// The plan without its scenarios and baselines.
pub fn bare(plan: &Plan) -> Plan {
    let mut p = plan.clone();
    p.scenarios.clear();
    p.baselines.clear();
    p
}
mod budget_cut;

#[test]
fn an_fte_override_moves_the_demand_and_is_listed() {
    let mut plan = demo_plan();
    let sd_wan = plan.initiatives.iter().find(|x| x.id.as_str() == "sd-wan").expect("sd-wan").clone();
    assert!(!sd_wan.fte.is_empty(), "the demo's SD-WAN needs people");
    let later: Vec<cairn_core::QuarterFte> =
        sd_wan.fte.iter().map(|q| cairn_core::QuarterFte { year: FiscalYear(q.year.0 + 1), ..q.clone() }).collect();
    plan.scenarios.push(scenario(
        "later",
        None,
        vec![Override::InitiativeFte { initiative: id("sd-wan"), fte: later.clone() }],
    ));
    assert_eq!(validate(&plan), []);
    let demand = |p: &Plan| -> Vec<Decimal> {
        cairn_roadmap::capacity(p).expect("capacity").quarters.iter().map(|q| q.demand).collect()
    };
    let (before, after) = (demand(&plan), demand(&resolve(&plan, "later").expect("resolve")));
    assert_eq!(before.iter().sum::<Decimal>(), after.iter().sum::<Decimal>(), "moved inside the horizon, not lost");
    assert_ne!(before, after);
    let c = compare(&plan, &["plan", "later"]).expect("compare");
    let d = &c.differences[0][0];
    assert_eq!(d.what, "Initiative “Wide-area network refresh (SD-WAN)”: FTE demand");
    assert_ne!(d.from, d.to);
    assert!(d.to.contains("FY2028"), "{}", d.to);
    // The file format round-trips it; a bad quarter is refused by path.
    let text = cairn_core::write_plan_file(&plan, chrono::DateTime::UNIX_EPOCH);
    assert_eq!(cairn_core::read_plan_file(&text).expect("reads").plan, plan);
    if let Some(Override::InitiativeFte { fte, .. }) = plan.scenarios.last_mut().and_then(|s| s.overrides.first_mut()) {
        fte[0].quarter = 5;
    }
    let paths: Vec<String> = validate(&plan).into_iter().map(|p| p.path).collect();
    assert_eq!(paths, ["scenarios[2].overrides[0].fte[0].quarter"]);
}

//! Variance against a baseline, case by case through one `check`.

use cairn_core::{Plan, demo_plan};
use cairn_scenario::{Variance, variance, variant};
use rust_decimal::Decimal;

/// What a case expects: (initiative id, end slip in months); (fiscal year, capex change, opex
/// change) for the years that changed; added ids; removed ids.
struct Expected<'a> {
    slips: &'a [(&'a str, i32)],
    cost: &'a [(i32, i64, i64)],
    added: &'a [&'a str],
    removed: &'a [&'a str],
}

fn check(name: &str, baseline: &Plan, plan: &Plan, expected: Expected<'_>) -> Variance {
    let v = variance(baseline, plan).unwrap_or_else(|e| panic!("{name}: {e}"));
    let slips: Vec<(&str, i32)> = v.slips.iter().map(|s| (s.id.as_str(), s.end_months)).collect();
    assert_eq!(slips, expected.slips, "{name}: slips");
    let cost: Vec<(i32, Decimal, Decimal)> = v
        .cost
        .iter()
        .filter(|c| !c.total_change.is_zero() || !c.capex_change.is_zero())
        .map(|c| (c.fiscal_year, c.capex_change, c.opex_change))
        .collect();
    let want: Vec<(i32, Decimal, Decimal)> =
        expected.cost.iter().map(|&(y, c, o)| (y, Decimal::from(c), Decimal::from(o))).collect();
    assert_eq!(cost, want, "{name}: cost");
    // Each year's change is now minus then, and the total adds them up.
    for c in &v.cost {
        assert_eq!(c.capex_change, c.capex - c.baseline_capex, "{name} {}", c.year);
        assert_eq!(c.opex_change, c.opex - c.baseline_opex, "{name} {}", c.year);
    }
    assert_eq!(v.total_change, v.cost.iter().map(|c| c.total_change).sum::<Decimal>(), "{name}");
    let added: Vec<&str> = v.added.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(added, expected.added, "{name}: added");
    let removed: Vec<&str> = v.removed.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(removed, expected.removed, "{name}: removed");
    v
}

#[test]
fn variance_cases() {
    let plan = demo_plan();
    let now = variant(&plan, "plan").expect("plan").plan;
    let baseline = variant(&plan, "baseline-approved").expect("baseline").plan;
    let none = Expected { slips: &[], cost: &[], added: &[], removed: &[] };
    check("the plan against itself", &now, &now, none);
    // The demo: the data platform slipped three months, moving 380,000 opex from FY2028 into
    // FY2029; agile funding (60,000 opex in FY2028, 40,000 in FY2029) was added since; and the
    // plan's appraisal policy (GASB 51/96), which the approved plan did not have, expenses the
    // ERP's data conversion and training that it capitalised (FY2027 650,000 + 300,000, FY2028
    // 150,000): capex becomes opex, the total unchanged.
    let v = check(
        "the demo's baseline",
        &baseline,
        &now,
        Expected {
            slips: &[("data-platform", 3)],
            cost: &[
                (2027, -950_000, 950_000),
                (2028, -150_000, -380_000 + 60_000 + 150_000),
                (2029, 0, 380_000 + 40_000),
            ],
            added: &["agile-funding"],
            removed: &[],
        },
    );
    assert_eq!(v.total_change, Decimal::from(100_000));
    assert_eq!((v.slips[0].baseline_end.as_str(), v.slips[0].end.as_str()), ("2028-06", "2028-09"));
    // The budget cut against the baseline: the cut's drops show as removed, the deferrals as
    // slips of 12 months.
    let cut = variant(&plan, "Budget cut 15 % from FY2028").expect("cut").plan;
    check(
        "the budget cut",
        &baseline,
        &cut,
        Expected {
            slips: &[("crm-311", 12), ("data-platform", 3), ("council-dashboards", 12), ("product-teams", 12)],
            // As above, the ERP's conversion and training expensed; and the dashboards' year moves.
            cost: &[
                (2027, -950_000, 950_000),
                (2028, -880_000 - 150_000, -880_000 + 150_000 - 120_000),
                (2029, -1_590_000 - 80_000, 40_000 - 140_000),
                (2030, -560_000 + 80_000, -170_000 + 260_000),
            ],
            added: &[],
            removed: &["workplace-devices", "digital-permits", "open-data"],
        },
    );
    // Reversed, what was removed is added.
    check(
        "reversed",
        &now,
        &baseline,
        Expected {
            slips: &[("data-platform", -3)],
            cost: &[
                (2027, 950_000, -950_000),
                (2028, 150_000, 380_000 - 60_000 - 150_000),
                (2029, 0, -380_000 - 40_000),
            ],
            added: &[],
            removed: &["agile-funding"],
        },
    );
}

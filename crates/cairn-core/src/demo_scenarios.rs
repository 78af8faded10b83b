//! The demo plan's scenario and baseline.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::fiscal::{FiscalYear, YearMonth};
use crate::plan::{Id, Plan};
use crate::roadmap::{Budget, BudgetYear, QuarterFte};
use crate::scenario::{Baseline, Override, Scenario, take_baseline};

fn id(text: &str) -> Id {
    Id::new(text).unwrap_or_else(|_| Id::new("invalid-demo-id").unwrap_or_else(|e| unreachable!("{e}")))
}

fn month(text: &str) -> YearMonth {
    text.parse().unwrap_or_else(|_| YearMonth::new(2026, 7).unwrap_or_else(|e| unreachable!("{e}")))
}

fn thousands(k: i64) -> Decimal {
    Decimal::from(k) * Decimal::from(1000)
}

/// A proposed initiative pushed back: new dates, and its budget and FTE demand moved by the same
/// number of fiscal years (the amounts stay as entered).
fn defer(plan: &Plan, initiative: &str, start: &str, end: &str, years: &[(i32, i64, i64)]) -> [Override; 3] {
    let planned = plan.initiatives.iter().find(|x| x.id.as_str() == initiative);
    let by = planned.map_or(0, |x| x.start.months_until(month(start)) / 12);
    let fte = planned
        .map(|x| x.fte.iter().map(|q| QuarterFte { year: FiscalYear(q.year.0 + by), ..q.clone() }).collect())
        .unwrap_or_default();
    [
        Override::InitiativeDates { initiative: id(initiative), start: month(start), end: month(end) },
        Override::InitiativeFte { initiative: id(initiative), fte },
        Override::InitiativeBudget {
            initiative: id(initiative),
            budget: Budget::Entered {
                years: years
                    .iter()
                    .map(|&(fy, capex, opex)| BudgetYear {
                        year: FiscalYear(fy),
                        capex: thousands(capex),
                        opex: thousands(opex),
                    })
                    .collect(),
            },
        },
    ]
}

fn drop(initiative: &str) -> Override {
    Override::InitiativeIncluded { initiative: id(initiative), included: false }
}

/// The demo's scenarios: a cautious one over the business cases (benefits realised at 80 %; the
/// cases follow the plan's discount policy, which a scenario does not change), and a 15 % budget cut from FY2028 that defers or drops
/// lower-priority initiatives not yet started, so that the roadmap's spend from FY2028 on fits
/// within 85 % of the ceilings without breaking a dependency; the scenario holds those 85 %
/// ceilings, so its budget is measured against them.
pub fn demo_scenarios(plan: &Plan) -> Vec<Scenario> {
    let mut cut = Vec::new();
    // The 311 CRM (priority 72) and the product-team pilot (57) wait a year.
    cut.extend(defer(plan, "crm-311", "2028-10", "2030-03", &[(2029, 880, 260), (2030, 240, 330)]));
    cut.extend(defer(plan, "product-teams", "2028-07", "2029-06", &[(2029, 0, 240)]));
    // The council dashboards (58) wait a year too, for the portal's optimism uplift in FY2028.
    cut.extend(defer(plan, "council-dashboards", "2029-01", "2030-06", &[(2029, 0, 120), (2030, 80, 260)]));
    // The device refresh (40), open data (45), agile funding (48) and digital permits (68) are
    // dropped for now; nothing left in the plan depends on them.
    cut.extend(["workplace-devices", "open-data", "agile-funding", "digital-permits"].map(drop));
    // The cut itself: every ceiling from FY2028 on, the portfolio's and the themes', at 85 %, so
    // the scenario's headroom is measured against what the council will fund.
    let keep = Decimal::new(85, 2);
    cut.extend(plan.settings.roadmap.budget_ceilings.iter().filter(|c| c.year >= FiscalYear(2028)).filter_map(|c| {
        Some(Override::BudgetCeiling {
            year: c.year,
            theme: c.theme.clone(),
            amount: c.amount.checked_mul(keep)?.normalize(),
        })
    }));
    let budget_cut = Scenario {
        id: id("scenario-budget-cut"),
        name: "Budget cut 15 % from FY2028".into(),
        description: "The council's medium-term financial plan cuts IT capital and operating budgets by 15 % \
                      from FY2028: lower-priority initiatives not yet started are deferred or dropped so that \
                      spend from FY2028 on stays within 85 % of the ceilings."
            .into(),
        parent: None,
        overrides: cut,
    };
    vec![
        Scenario {
            id: id("scenario-cautious"),
            name: "Cautious benefits".into(),
            description: "Benefits realised at 80 % of plan across the cases: the CFO's stress test.".into(),
            parent: None,
            overrides: ["case-erp", "case-cloud", "case-portal"]
                .iter()
                .map(|c| Override::CaseBenefitRealisation { case: id(c), realisation: Decimal::new(8, 1) })
                .collect(),
        },
        budget_cut,
    ]
}

/// The board's approval in June 2026, before FY2027 began: the plan as it then stood, when the
/// ERP case was discounted at 5.5 %, the data platform was to finish in June 2028 with all its
/// money spent by FY2028 (it has since slipped three months into FY2029), and agile funding
/// had not been proposed.
pub fn demo_baselines(plan: &Plan) -> Vec<Baseline> {
    let taken_on = NaiveDate::from_ymd_opt(2026, 6, 23).unwrap_or(NaiveDate::MIN);
    let mut baseline = take_baseline(plan, id("baseline-approved"), "Board approved, June 2026", taken_on);
    let then = &mut baseline.plan;
    // The plan had no appraisal policy then: each case was discounted at its own rate.
    then.settings.appraisal = crate::appraisal::AppraisalPolicy::default();
    if let Some(erp) = then.business_cases.iter_mut().find(|c| c.id.as_str() == "case-erp") {
        erp.discount_rate = Decimal::new(55, 3);
    }
    if let Some(x) =
        then.initiatives.iter_mut().find(|x| x.id.as_str() == "data-platform").map(std::sync::Arc::make_mut)
    {
        x.end = month("2028-06");
        x.budget = Budget::Entered {
            years: vec![
                BudgetYear { year: FiscalYear(2027), capex: thousands(420), opex: thousands(90) },
                BudgetYear { year: FiscalYear(2028), capex: thousands(680), opex: thousands(690) },
            ],
        };
        for m in &mut x.milestones {
            if m.month > x.end {
                m.month = x.end;
            }
        }
    }
    then.initiatives.retain(|x| x.id.as_str() != "agile-funding");
    vec![baseline]
}

//! The demo plan, and synthetic plans for benchmarks.
//!
//! The demo is a realistic IT strategy of a mid-sized city government, so that a new user (and
//! every screenshot) starts from something a CIO recognises. Later features add its initiatives,
//! business cases, sourcing studies and scenarios here.

use crate::fiscal::{FiscalCalendar, FiscalYear, YearMonth};
use crate::money::Currency;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::sync::Arc;

use crate::plan::{Goal, Horizon, Id, Initiative, InitiativeStatus, Plan, PlanSettings, Theme};
use crate::roadmap::{Budget, BudgetYear, Dependency, DependencyKind, QuarterFte};

/// The demo plan's id.
pub const DEMO_PLAN_ID: &str = "riverton-it-strategy";

fn id(text: &str) -> Id {
    // Every id below is a literal written to the id rules; a typo fails the demo's tests.
    Id::new(text).unwrap_or_else(|_| Id::new("invalid-demo-id").unwrap_or_else(|e| unreachable!("{e}")))
}

/// The plan-health findings the demo's CIO stands by, each with the reason the board reads
/// (`cairn check` on the demo lists them as accepted). What the checks found and was wrong has
/// been corrected in the data instead: benefits after go-live, the lease saving after the lease
/// ends, the SOC's dates covering its run years, the open-data hypercare quarter.
fn demo_accepted_findings() -> Vec<crate::plan::AcceptedFinding> {
    let accept = |code: &str, path: &str, reason: &str| crate::plan::AcceptedFinding {
        code: code.into(),
        path: path.into(),
        reason: reason.into(),
    };
    let run_cost = "Run cost of the live service after delivery: the business case counts it over its appraisal \
                    life, and the roadmap's budget carries it.";
    vec![
        accept(
            "ceiling-breach",
            "settings.roadmap.budget_ceilings[0]",
            "FY2027 is the ERP and data-centre build year: the board is asked to fund the excess from the \
             transformation reserve, or to adopt the budget-cut scenario.",
        ),
        accept(
            "ceiling-breach",
            "settings.roadmap.budget_ceilings[2]",
            "FY2029 carries the ERP HR wave and the final migration wave: the board is asked to fund the excess \
             or to defer the digital skills academy by a year.",
        ),
        accept(
            "ceiling-breach",
            "settings.roadmap.budget_ceilings[5]",
            "The SOC and zero-trust set-up fall in the same year; the cyber ceiling holds from FY2028.",
        ),
        accept(
            "capacity-breach",
            "settings.roadmap.fte_capacity[5]",
            "Peak of the ERP and migration waves: the gap is filled by the partners' staff under their contracts.",
        ),
        accept(
            "capacity-breach",
            "settings.roadmap.fte_capacity[8]",
            "Peak of the ERP HR wave and the last migration wave: the gap is filled by the partners' staff under \
             their contracts.",
        ),
        accept(
            "unappraised-spend",
            "initiatives[7].budget",
            "A mandatory control (cyber insurance and the state audit office's 2026 finding), bought through the \
             regional security framework after a three-quote comparison rather than a return-based case.",
        ),
        accept("case-outside-initiative", "business_cases[0].lines[4].amounts", run_cost),
        accept("case-outside-initiative", "business_cases[0].lines[7].amounts", run_cost),
        accept("case-outside-initiative", "business_cases[1].lines[3].amounts", run_cost),
        accept("case-outside-initiative", "business_cases[1].lines[5].amounts", run_cost),
        accept("case-outside-initiative", "business_cases[2].lines[2].amounts", run_cost),
        accept("case-outside-initiative", "business_cases[2].lines[3].amounts", run_cost),
    ]
}

fn goal(key: &str, name: &str, description: &str) -> Goal {
    Goal { id: id(key), name: name.into(), description: description.into() }
}

fn theme(key: &str, name: &str, description: &str) -> Theme {
    Theme { id: id(key), name: name.into(), description: description.into() }
}

/// The City of Riverton's IT strategy, FY2027–FY2031, fiscal year starting in July, in USD.
pub fn demo_plan() -> Plan {
    let mut plan = Plan {
        id: id(DEMO_PLAN_ID),
        name: "IT Strategy FY2027–FY2031".into(),
        organisation: "City of Riverton".into(),
        settings: PlanSettings {
            currency: Currency::USD,
            fiscal_calendar: FiscalCalendar::default(),
            horizon: Horizon { first_year: FiscalYear(2027), years: 5 },
            roadmap: crate::demo_roadmap::demo_roadmap_settings(),
            accepted_findings: demo_accepted_findings(),
            appraisal: demo_policy(),
            risk: crate::risk::RiskSettings::default(),
        },
        goals: vec![
            goal(
                "goal-resilient",
                "Resilient services",
                "Critical city services stay available through outages, cyber attacks and disasters, with tested recovery within agreed times.",
            ),
            goal(
                "goal-digital",
                "Digital-first citizen services",
                "Residents and businesses can complete the city's most used transactions online, on any device, in one visit.",
            ),
            goal(
                "goal-efficiency",
                "Cost efficiency",
                "Run costs fall as a share of the IT budget, freeing funds for change; every major spend (over the $2.5M delegated limit) has a business case.",
            ),
            goal(
                "goal-data",
                "Data-driven decisions",
                "Council and departments decide with trusted, timely data shared across the organisation.",
            ),
        ],
        themes: vec![
            theme(
                "theme-cloud",
                "Cloud and infrastructure modernisation",
                "Exit the ageing data centre, move workloads to cloud and modern hosting, renew networks.",
            ),
            theme(
                "theme-cyber",
                "Cybersecurity and resilience",
                "Zero-trust access, security operations, backup and disaster recovery.",
            ),
            theme(
                "theme-citizen",
                "Digital citizen services",
                "The resident portal, online payments and permits, 311 and case management.",
            ),
            theme("theme-data", "Data and analytics", "A city data platform, open data and performance dashboards."),
            theme(
                "theme-erp",
                "ERP and back office",
                "Replace the 20-year-old finance, payroll and procurement systems.",
            ),
            theme(
                "theme-workforce",
                "Workforce and culture",
                "Digital skills, product teams and modern ways of working for IT and the business.",
            ),
        ],
        initiatives: crate::demo_roadmap::demo_initiatives(&FiscalCalendar::default())
            .into_iter()
            .map(Arc::new)
            .collect(),
        business_cases: crate::demo_cases::demo_cases(),
        sourcing_studies: crate::demo_sourcing::demo_sourcing_studies(),
        scenarios: Vec::new(),
        baselines: Vec::new(),
        risks: Vec::new(),
    };
    // Each case belongs to the initiative whose budget it supplies.
    for x in &plan.initiatives {
        if let crate::roadmap::Budget::BusinessCase { case } = &x.budget
            && let Some(c) = plan.business_cases.iter_mut().find(|c| &c.id == case)
        {
            c.initiatives.push(x.id.clone());
        }
    }
    // The scenarios defer initiatives with their FTE demand, which they take from the plan.
    plan.scenarios = crate::demo_scenarios::demo_scenarios(&plan);
    // The baseline freezes the plan as the board approved it, so it is taken from the plan.
    plan.baselines = crate::demo_scenarios::demo_baselines(&plan);
    crate::demo_risks::add_demo_register(&mut plan);
    plan
}

/// A plan with `initiatives` synthetic initiatives spread over the demo's themes and horizon:
/// the load that benchmarks and stress tests measure against.
pub fn synthetic_plan(plan_id: &str, initiatives: usize) -> Plan {
    let mut plan = demo_plan();
    plan.initiatives.clear();
    for case in &mut plan.business_cases {
        case.forget_initiatives(|_| true);
    }
    for risk in &mut plan.risks {
        risk.forget_initiatives(|_| true);
    }
    plan.baselines.clear();
    // The demo's accepted findings name its own initiatives and figures.
    plan.settings.accepted_findings.clear();
    plan.id = id(plan_id);
    plan.name = format!("Synthetic plan with {initiatives} initiatives");
    let first = YearMonth::new(2026, 7).unwrap_or_else(|e| unreachable!("{e}"));
    let statuses = [InitiativeStatus::Proposed, InitiativeStatus::Approved, InitiativeStatus::InProgress];
    for n in 0..initiatives {
        let offset = i32::try_from(n % 48).unwrap_or(0);
        let length = i32::try_from(3 + n % 18).unwrap_or(3);
        let start = first.add_months(offset).unwrap_or(first);
        let end = start.add_months(length).unwrap_or(start);
        let theme = &plan.themes[n % plan.themes.len()];
        let goal = &plan.goals[n % plan.goals.len()];
        let mut x = Initiative::new(
            id(&format!("init-{n:05}")),
            format!("Initiative {n}: modernise service line {}", n % 97),
            start,
            end,
        );
        x.description = "Replace the legacy platform, migrate data, retire the old contract and train staff.".into();
        x.theme = Some(theme.id.clone());
        x.owner = format!("Owner {}", n % 23);
        x.status = statuses[n % statuses.len()];
        x.goals = vec![goal.id.clone()];
        x.priority = Some(u8::try_from(n * 37 % 101).unwrap_or(50));
        // About two dependencies each, on earlier initiatives of the same programme of 25: an
        // acyclic network as wide and as deep as a real portfolio's (~10,400 links for 5,000).
        for (back, kind) in
            [(3, DependencyKind::StartToStart), (7, DependencyKind::FinishToStart), (13, DependencyKind::StartToStart)]
        {
            if n % 25 >= back {
                x.dependencies.push(Dependency { on: id(&format!("init-{:05}", n - back)), kind, lag_months: 0 });
            }
        }
        let fy = plan.settings.fiscal_calendar.fiscal_year_of(start);
        let k = i64::try_from(n % 50).unwrap_or(0);
        x.budget = Budget::Entered {
            years: vec![
                BudgetYear {
                    year: fy,
                    capex: Decimal::from(100_000 + 1_000 * k),
                    opex: Decimal::from(20_000 + 500 * k),
                },
                BudgetYear { year: FiscalYear(fy.0 + 1), capex: Decimal::ZERO, opex: Decimal::from(40_000 + 700 * k) },
            ],
        };
        let q = plan.settings.fiscal_calendar.quarter_of(start);
        x.fte = vec![QuarterFte { year: q.year, quarter: q.quarter, fte: Decimal::from(2 + k % 5) }];
        plan.initiatives.push(Arc::new(x));
    }
    plan
}

/// A small deterministic random number generator (SplitMix64): enough to spread a generated
/// plan's dates, links and amounts, and the same seed gives the same plan on every machine.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0; the slight bias of a modulo does not matter here).
    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }

    fn small(&mut self, n: usize) -> i32 {
        i32::try_from(self.below(n)).unwrap_or(0)
    }
}

/// A valid plan with `initiatives` initiatives and about twice as many dependencies, spread at
/// random (seeded) over the horizon: [`synthetic_plan`] with its regular pattern broken up.
/// Dependencies point to any earlier initiative (so the network is acyclic, but its chains run
/// across the whole portfolio, not within programmes of 25), with both kinds and small lags;
/// dates, amounts, FTE, priorities, risks and milestones vary; about one initiative in twenty
/// takes its budget from one of the demo's business cases; and beside the demo's "cautious"
/// scenario there are two that move, leave out and put on hold about one initiative in a
/// hundred each (the second a child of the first). It has no baseline. This is the load the
/// end-to-end benchmarks (import, open, edit, schedule) measure against.
pub fn random_plan(plan_id: &str, initiatives: usize, seed: u64) -> Plan {
    use crate::roadmap::{Milestone, MilestoneKind, RiskRating};
    use crate::scenario::{Override, Scenario};

    let mut plan = synthetic_plan(plan_id, initiatives);
    plan.name = format!("Random plan with {initiatives} initiatives (seed {seed})");
    let mut rng = SplitMix(seed ^ 0x00C0_FFEE);
    let first = YearMonth::new(2026, 7).unwrap_or_else(|e| unreachable!("{e}"));
    let cal = plan.settings.fiscal_calendar.clone();
    let cases: Vec<Id> = plan.business_cases.iter().map(|c| c.id.clone()).collect();
    let statuses = [
        InitiativeStatus::Proposed,
        InitiativeStatus::Approved,
        InitiativeStatus::InProgress,
        InitiativeStatus::OnHold,
        InitiativeStatus::Done,
    ];
    let risks = [RiskRating::Low, RiskRating::Medium, RiskRating::High, RiskRating::VeryHigh];
    let kinds = [DependencyKind::FinishToStart, DependencyKind::StartToStart];
    for n in 0..plan.initiatives.len() {
        // Within the five-year horizon: starts in the first four years, lasts 1 to 24 months.
        let start = first.add_months(rng.small(48)).unwrap_or(first);
        let end = start.add_months(rng.small(24)).unwrap_or(start);
        let fy = cal.fiscal_year_of(start);
        let k = i64::try_from(rng.below(400)).unwrap_or(0);
        let budget = if !cases.is_empty() && rng.below(20) == 0 {
            Budget::BusinessCase { case: cases[rng.below(cases.len())].clone() }
        } else {
            let years = (0..1 + rng.small(3))
                .map(|y| BudgetYear {
                    year: FiscalYear(fy.0 + y),
                    capex: Decimal::from(if y == 0 { 50_000 + 2_500 * k } else { 0 }),
                    opex: Decimal::from(10_000 + 400 * k + 5_000 * i64::from(y)),
                })
                .collect();
            Budget::Entered { years }
        };
        // Two dependencies on distinct earlier initiatives, where there are two.
        let mut dependencies: Vec<Dependency> = Vec::new();
        while dependencies.len() < 2.min(n) {
            let on = rng.below(n);
            let on = &plan.initiatives[on].id;
            if dependencies.iter().all(|d| &d.on != on) {
                dependencies.push(Dependency { on: on.clone(), kind: kinds[rng.below(2)], lag_months: rng.small(3) });
            }
        }
        let q = cal.quarter_of(start);
        let fte = (0..1 + rng.below(4))
            .filter_map(|j| {
                let month = start.add_months(i32::try_from(j * 3).ok()?).ok()?;
                let q = cal.quarter_of(month);
                Some(QuarterFte {
                    year: q.year,
                    quarter: q.quarter,
                    fte: Decimal::new(5 + i64::from(rng.small(60)), 1),
                })
            })
            .collect::<Vec<_>>();
        let x = plan.initiative_mut(n);
        x.start = start;
        x.end = end;
        x.status = statuses[rng.below(statuses.len())];
        x.priority = Some(u8::try_from(rng.below(101)).unwrap_or(50));
        x.risk = Some(risks[rng.below(risks.len())]);
        x.dependencies = dependencies;
        x.budget = budget;
        x.fte =
            if fte.is_empty() { vec![QuarterFte { year: q.year, quarter: q.quarter, fte: Decimal::ONE }] } else { fte };
        x.milestones = if n % 3 == 0 {
            vec![Milestone { name: "Go-live".into(), month: end, kind: MilestoneKind::GoLive }]
        } else {
            Vec::new()
        };
        if let Budget::BusinessCase { case } = &plan.initiatives[n].budget
            && let Some(c) = plan.business_cases.iter_mut().find(|c| &c.id == case)
        {
            c.initiatives.push(plan.initiatives[n].id.clone());
        }
    }
    // The demo's case-level scenario stays; its roadmap one named the demo's initiatives.
    plan.scenarios.retain(|s| s.id.as_str() == "scenario-cautious");
    let count = plan.initiatives.len();
    let mut deferrals = Vec::new();
    for _ in 0..count / 100 {
        let x = &plan.initiatives[rng.below(count)];
        let by = 3 + rng.small(9);
        if let (Ok(start), Ok(end)) = (x.start.add_months(by), x.end.add_months(by)) {
            deferrals.push(Override::InitiativeDates { initiative: x.id.clone(), start, end });
        }
    }
    for _ in 0..count / 100 {
        let x = &plan.initiatives[rng.below(count)];
        deferrals.push(Override::InitiativeIncluded { initiative: x.id.clone(), included: false });
    }
    let on_hold = (0..count / 100)
        .map(|_| Override::InitiativeStatus {
            initiative: plan.initiatives[rng.below(count)].id.clone(),
            status: InitiativeStatus::OnHold,
        })
        .collect();
    plan.scenarios.push(Scenario {
        id: id("scenario-deferrals"),
        name: "Deferrals".into(),
        description: "About one initiative in a hundred starts later, and as many are left out.".into(),
        parent: None,
        overrides: deferrals,
    });
    plan.scenarios.push(Scenario {
        id: id("scenario-on-hold"),
        name: "Deferrals, some on hold".into(),
        description: "The deferrals, and about one initiative in a hundred put on hold.".into(),
        parent: Some(id("scenario-deferrals")),
        overrides: on_hold,
    });
    plan
}

/// The demo's appraisal policy: nominal, as the cases' lines escalate; discounted at the city's
/// cost of long-term borrowing; CPI from the budget office to state real equivalents; costs
/// capitalised as GASB 51 and 96 require of a government; the headline is the simulation's
/// expected NPV, and a case proceeds when its median NPV is positive and its chance of a loss is
/// at most one in five.
fn demo_policy() -> crate::appraisal::AppraisalPolicy {
    use crate::appraisal::*;
    AppraisalPolicy {
        basis: PriceBasis::Nominal,
        discount: Some(DiscountPolicy {
            preset: DiscountPreset::Typed { basis: PriceBasis::Nominal, rates: vec![Decimal::new(5, 2)] },
            source: "Riverton Finance Department: the city's cost of 20-year borrowing (AA general obligation bonds)"
                .into(),
            as_of: NaiveDate::from_ymd_opt(2026, 9, 30).unwrap_or(NaiveDate::MIN),
            confirmed: true,
        }),
        inflation: Some(InflationAssumption {
            rates: InflationRates::Flat { rate: Decimal::new(25, 3) },
            source: "Riverton Budget Office: CPI assumption of the 2027–2031 financial plan".into(),
        }),
        benefits_counted: BenefitClasses::default(),
        capitalisation: Capitalisation::standard(AccountingStandard::Gasb51And96),
        headline: HeadlineBasis::ExpectedValue,
        decision_rule: DecisionRule {
            measure: NpvMeasure::P50,
            min_npv: Decimal::ZERO,
            chance_of_loss: ChanceOfLossLimit { comparison: Comparison::AtMost, value: Decimal::new(2, 1) },
            mandatory: MandatoryRule::LeastPvCost,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::validate;

    #[test]
    fn demo_and_synthetic_plans_are_valid() {
        assert_eq!(validate(&demo_plan()), []);
        let big = synthetic_plan("big", 500);
        assert_eq!(validate(&big), []);
        assert_eq!(big.initiatives.len(), 500);
    }

    #[test]
    fn random_plans_are_valid_with_two_dependencies_each() {
        for (n, seed) in [(0, 1), (1, 2), (2, 3), (3_000, 4)] {
            let plan = random_plan("random", n, seed);
            assert_eq!(validate(&plan), [], "{n} initiatives, seed {seed}");
            assert_eq!(plan.initiatives.len(), n);
            let dependencies: usize = plan.initiatives.iter().map(|x| x.dependencies.len()).sum();
            // The first has none, the second one, every other two.
            assert_eq!(dependencies, if n >= 2 { 2 * n - 3 } else { 0 });
        }
        assert_eq!(random_plan("random", 300, 9), random_plan("random", 300, 9));
        assert_ne!(random_plan("random", 300, 9), random_plan("random", 300, 10));
    }
}

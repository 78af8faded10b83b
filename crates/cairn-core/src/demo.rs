//! The demo plan, and synthetic plans for benchmarks.
//!
//! The demo is a realistic IT strategy of a mid-sized city government, so that a new user (and
//! every screenshot) starts from something a CIO recognises. Later features add its initiatives,
//! business cases, sourcing studies and scenarios here.

use crate::fiscal::{FiscalCalendar, FiscalYear, YearMonth};
use crate::money::Currency;
use rust_decimal::Decimal;

use crate::plan::{Goal, Horizon, Id, Initiative, InitiativeStatus, Plan, PlanSettings, Theme};
use crate::roadmap::{Budget, BudgetYear, Dependency, DependencyKind, QuarterFte};

/// The demo plan's id.
pub const DEMO_PLAN_ID: &str = "riverton-it-strategy";

fn id(text: &str) -> Id {
    // Every id below is a literal written to the id rules; a typo fails the demo's tests.
    Id::new(text).unwrap_or_else(|_| Id::new("invalid-demo-id").unwrap_or_else(|e| unreachable!("{e}")))
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
                "Run costs fall as a share of the IT budget, freeing funds for change; every major spend has a business case.",
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
        initiatives: crate::demo_roadmap::demo_initiatives(&FiscalCalendar::default()),
        business_cases: crate::demo_cases::demo_cases(),
        sourcing_studies: crate::demo_sourcing::demo_sourcing_studies(),
        scenarios: Vec::new(),
        baselines: Vec::new(),
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
    plan
}

/// A plan with `initiatives` synthetic initiatives spread over the demo's themes and horizon:
/// the load that benchmarks and stress tests measure against.
pub fn synthetic_plan(plan_id: &str, initiatives: usize) -> Plan {
    let mut plan = demo_plan();
    plan.initiatives.clear();
    for case in &mut plan.business_cases {
        case.initiatives.clear();
    }
    plan.baselines.clear();
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
        plan.initiatives.push(x);
    }
    plan
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
}

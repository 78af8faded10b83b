//! The demo plan's scenario and baseline.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::plan::{Id, Plan};
use crate::scenario::{Baseline, Override, Scenario, take_baseline};

fn id(text: &str) -> Id {
    Id::new(text).unwrap_or_else(|_| Id::new("invalid-demo-id").unwrap_or_else(|e| unreachable!("{e}")))
}

/// A cautious scenario over the business cases: benefits realised at 80 % and the ERP case
/// discounted at 7 %.
pub fn demo_scenarios() -> Vec<Scenario> {
    vec![Scenario {
        id: id("scenario-cautious"),
        name: "Cautious benefits".into(),
        description: "Benefits realised at 80 % of plan across the cases, and the ERP case discounted at 7 % \
                      as the CFO's stress test."
            .into(),
        parent: None,
        overrides: ["case-erp", "case-cloud", "case-portal"]
            .iter()
            .map(|c| Override::CaseBenefitRealisation { case: id(c), realisation: Decimal::new(8, 1) })
            .chain(std::iter::once(Override::CaseDiscountRate { case: id("case-erp"), rate: Decimal::new(7, 2) }))
            .collect(),
    }]
}

/// The board's approval in October 2026: the plan as it then stood, when the ERP case was
/// discounted at 5.5 % and the portal build was quoted lower.
pub fn demo_baselines(plan: &Plan) -> Vec<Baseline> {
    let taken_on = NaiveDate::from_ymd_opt(2026, 10, 14).unwrap_or(NaiveDate::MIN);
    let mut baseline = take_baseline(plan, id("baseline-approved"), "Board approved, October 2026", taken_on);
    if let Some(erp) = baseline.plan.business_cases.iter_mut().find(|c| c.id.as_str() == "case-erp") {
        erp.discount_rate = Decimal::new(55, 3);
    }
    vec![baseline]
}

//! Scenarios and baselines.
//!
//! A [`Scenario`] is a named variant of the plan that stores only its differences
//! ([`Override`]s) from its parent: the plan itself (the baseline of every scenario) or another
//! scenario. Resolving a scenario applies its ancestors' overrides first, then its own, to the
//! current plan, so an edit of the plan flows into every scenario except where one overrides it.
//!
//! A [`Baseline`] is a frozen copy of the plan, costs included ("Board approved, March 2027"),
//! kept to measure variance against.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::case::LineAmounts;
use crate::duration::DurationRange;
use crate::fiscal::{FiscalYear, YearMonth};
use crate::plan::{Id, InitiativeStatus, Plan, positions_by_id};
use crate::risk::{BenefitImpact, CostImpact, DelayImpact, Rating, Response};
use crate::roadmap::{Budget, BudgetCeiling, QuarterFte};

/// A what-if variant of the plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Unique among the plan's scenarios.
    pub id: Id,
    /// Short name, e.g. "Budget cut 15 % from FY2028".
    pub name: String,
    /// What the scenario explores.
    #[serde(default)]
    pub description: String,
    /// The scenario it varies; `None` varies the plan itself.
    #[serde(default)]
    pub parent: Option<Id>,
    /// Its differences from the parent, applied in order (a later one wins on the same target).
    #[serde(default)]
    pub overrides: Vec<Override>,
}

/// One difference of a scenario from its parent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Override {
    /// An initiative moves or changes length.
    InitiativeDates {
        /// The initiative.
        initiative: Id,
        /// New first month.
        start: YearMonth,
        /// New last month.
        end: YearMonth,
    },
    /// An initiative's status changes.
    InitiativeStatus {
        /// The initiative.
        initiative: Id,
        /// New status.
        status: InitiativeStatus,
    },
    /// An initiative is left out of the scenario (or put back with `included: true`).
    InitiativeIncluded {
        /// The initiative.
        initiative: Id,
        /// Whether it is in.
        included: bool,
    },
    /// An initiative's budget: capex and opex by fiscal year, or a linked business case.
    InitiativeBudget {
        /// The initiative.
        initiative: Id,
        /// Its budget in the scenario.
        budget: Budget,
    },
    /// An initiative's FTE demand by fiscal quarter (a deferral moves it with the dates).
    InitiativeFte {
        /// The initiative.
        initiative: Id,
        /// Its demand in the scenario, replacing the parent's.
        fte: Vec<QuarterFte>,
    },
    /// A business case's discount rate.
    CaseDiscountRate {
        /// The case.
        case: Id,
        /// The rate as a fraction.
        #[serde(deserialize_with = "crate::exact::decimal")]
        rate: Decimal,
    },
    /// A business case's benefit realisation.
    CaseBenefitRealisation {
        /// The case.
        case: Id,
        /// The share as a fraction (1 = as planned).
        #[serde(deserialize_with = "crate::exact::decimal")]
        realisation: Decimal,
    },
    /// A business-case line's amounts.
    CaseLineAmounts {
        /// The case.
        case: Id,
        /// The line.
        line: Id,
        /// Its amounts in the scenario.
        amounts: LineAmounts,
    },
    /// The option a sourcing study recommends in this scenario.
    StudyChoice {
        /// The study.
        study: Id,
        /// The chosen option.
        option: Id,
    },
    /// An initiative's duration range for schedule risk: its own three points, or (`None`) the
    /// plan's spread around its planned duration.
    InitiativeDurationRange {
        /// The initiative.
        initiative: Id,
        /// Its range in the scenario.
        #[serde(default)]
        range: Option<DurationRange>,
    },
    /// A risk's quantities: the chance it occurs and what it would cost, delay and take from a
    /// case's benefits (what the simulations draw). Each replaces the parent's, absent ones too.
    RiskQuantities {
        /// The risk.
        risk: Id,
        /// The chance it occurs, in percent.
        #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::exact::option_decimal")]
        probability: Option<Decimal>,
        /// What it costs (or saves) if it occurs.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cost: Option<CostImpact>,
        /// How late (or early) it makes one of its linked initiatives.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        delay: Option<DelayImpact>,
        /// What share of one of its linked cases' benefits it takes (or adds).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        benefit: Option<BenefitImpact>,
    },
    /// A risk's response, and the residual rating the response leaves.
    RiskResponse {
        /// The risk.
        risk: Id,
        /// The response in the scenario.
        response: Response,
        /// The residual likelihood and impact with that response.
        residual: Rating,
    },
    /// A budget ceiling for one fiscal year: the portfolio's, or one theme's. It sets the
    /// ceiling where the parent has one for that year and scope, and adds it where it has none.
    BudgetCeiling {
        /// The fiscal year.
        year: FiscalYear,
        /// The theme it limits; `None` (or absent in the file) for the whole portfolio.
        #[serde(default)]
        theme: Option<Id>,
        /// The most that may be spent (capex plus opex) in the scenario.
        #[serde(deserialize_with = "crate::exact::decimal")]
        amount: Decimal,
    },
}

impl Override {
    /// What kind of item the override changes, and which one: `None` for the plan's settings
    /// (a portfolio budget ceiling).
    pub fn target(&self) -> (&'static str, Option<&Id>) {
        match self {
            Override::InitiativeDates { initiative, .. }
            | Override::InitiativeStatus { initiative, .. }
            | Override::InitiativeIncluded { initiative, .. }
            | Override::InitiativeBudget { initiative, .. }
            | Override::InitiativeFte { initiative, .. }
            | Override::InitiativeDurationRange { initiative, .. } => ("initiative", Some(initiative)),
            Override::RiskQuantities { risk, .. } | Override::RiskResponse { risk, .. } => ("risk", Some(risk)),
            Override::CaseDiscountRate { case, .. }
            | Override::CaseBenefitRealisation { case, .. }
            | Override::CaseLineAmounts { case, .. } => ("business case", Some(case)),
            Override::StudyChoice { study, .. } => ("sourcing study", Some(study)),
            Override::BudgetCeiling { theme, .. } => ("budget ceiling", theme.as_ref()),
        }
    }
}

/// A frozen copy of the plan to compare against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Baseline {
    /// Unique among the plan's baselines.
    pub id: Id,
    /// E.g. "Board approved, March 2027".
    pub name: String,
    /// The day it was taken.
    pub taken_on: NaiveDate,
    /// The plan as it was, without its scenarios and baselines.
    pub plan: Box<Plan>,
}

/// Why a scenario cannot be resolved.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScenarioError {
    /// No scenario has this id.
    #[error("no scenario has the id \"{0}\"")]
    NotFound(String),
    /// The parents form a loop.
    #[error("scenario \"{0}\" is its own ancestor")]
    Cycle(String),
}

/// The chain from the root ancestor down to `id`.
pub fn lineage<'p>(plan: &'p Plan, id: &str) -> Result<Vec<&'p Scenario>, ScenarioError> {
    let mut chain = Vec::new();
    let mut next = Some(id.to_owned());
    while let Some(current) = next {
        if chain.iter().any(|s: &&Scenario| s.id.as_str() == current) {
            return Err(ScenarioError::Cycle(current));
        }
        let s = plan.scenarios.iter().find(|s| s.id.as_str() == current).ok_or(ScenarioError::NotFound(current))?;
        chain.push(s);
        next = s.parent.as_ref().map(|p| p.to_string());
    }
    chain.reverse();
    Ok(chain)
}

/// Applies overrides to a plan. An override whose target no longer exists (the initiative was
/// deleted from the plan) is skipped: the plan's edit wins, and [`stale_overrides`] lists it.
///
/// Initiatives are found through an index built once, and the initiatives left out are removed
/// in one pass at the end (with the dependencies on them and the business cases' links): a
/// scenario may hold overrides for thousands of initiatives, and a scan of the plan per
/// override made resolving it quadratic. Leaving out is final within one application (an
/// override cannot put an initiative back), so removing at the end gives the same plan.
pub fn apply_overrides(plan: &mut Plan, overrides: &[Override]) {
    let at: HashMap<Id, usize> = if overrides.iter().any(|o| o.target().0 == "initiative") {
        positions_by_id(&plan.initiatives, |x| &x.id).into_iter().map(|(id, k)| (id.clone(), k)).collect()
    } else {
        HashMap::new()
    };
    // Positions stay valid throughout: nothing is removed until the end.
    let initiative = |id: &Id| at.get(id).copied();
    let mut left_out: HashSet<&Id> = HashSet::new();
    for o in overrides {
        match o {
            Override::InitiativeDates { initiative: id, start, end } => {
                if let Some(k) = initiative(id) {
                    let x = plan.initiative_mut(k);
                    // Moved whole, it takes its milestones along (as a move in the plan does);
                    // resized, it keeps them where they are.
                    let by = x.start.months_until(*start);
                    if by != 0 && x.start.months_until(x.end) == start.months_until(*end) {
                        for m in &mut x.milestones {
                            if let Ok(month) = m.month.add_months(by) {
                                m.month = month;
                            }
                        }
                    }
                    x.start = *start;
                    x.end = *end;
                }
            }
            Override::InitiativeStatus { initiative: id, status } => {
                if let Some(k) = initiative(id) {
                    plan.initiative_mut(k).status = *status;
                }
            }
            Override::InitiativeIncluded { initiative: id, included } => {
                // The plan a scenario resolves to stays a valid plan: nothing may keep naming an
                // initiative the scenario leaves out (see `left_out` below).
                if !included {
                    left_out.insert(id);
                }
            }
            Override::InitiativeBudget { initiative: id, budget } => {
                if let Some(k) = initiative(id) {
                    plan.initiative_mut(k).budget = budget.clone();
                }
            }
            Override::InitiativeFte { initiative: id, fte } => {
                if let Some(k) = initiative(id) {
                    plan.initiative_mut(k).fte.clone_from(fte);
                }
            }
            Override::InitiativeDurationRange { initiative: id, range } => {
                if let Some(k) = initiative(id) {
                    plan.initiative_mut(k).duration_range = *range;
                }
            }
            Override::RiskQuantities { risk, probability, cost, delay, benefit } => {
                if let Some(r) = plan.risks.iter_mut().find(|r| &r.id == risk) {
                    r.set_quantities(*probability, *cost, delay.as_ref(), benefit.as_ref());
                }
            }
            Override::RiskResponse { risk, response, residual } => {
                if let Some(r) = plan.risks.iter_mut().find(|r| &r.id == risk) {
                    r.response = *response;
                    r.residual = *residual;
                }
            }
            Override::CaseDiscountRate { case, rate } => {
                if let Some(c) = plan.business_cases.iter_mut().find(|c| &c.id == case) {
                    c.discount_rate = *rate;
                }
            }
            Override::CaseBenefitRealisation { case, realisation } => {
                if let Some(c) = plan.business_cases.iter_mut().find(|c| &c.id == case) {
                    c.benefit_realisation = *realisation;
                }
            }
            Override::CaseLineAmounts { case, line, amounts } => {
                if let Some(l) = plan
                    .business_cases
                    .iter_mut()
                    .find(|c| &c.id == case)
                    .and_then(|c| c.lines.iter_mut().find(|l| &l.id == line))
                {
                    l.amounts = amounts.clone();
                }
            }
            Override::StudyChoice { study, option } => {
                if let Some(s) = plan.sourcing_studies.iter_mut().find(|s| &s.id == study)
                    && s.options.iter().any(|o| &o.id == option)
                {
                    s.chosen = Some(option.clone());
                }
            }
            Override::BudgetCeiling { year, theme, amount } => {
                // A theme's ceiling is skipped once the theme is gone (the plan's edit wins).
                if theme.as_ref().is_some_and(|t| !plan.themes.iter().any(|x| &x.id == t)) {
                    continue;
                }
                let ceilings = &mut plan.settings.roadmap.budget_ceilings;
                match ceilings.iter_mut().find(|c| c.year == *year && c.theme == *theme) {
                    Some(c) => c.amount = *amount,
                    None => ceilings.push(BudgetCeiling { year: *year, theme: theme.clone(), amount: *amount }),
                }
            }
        }
    }
    if !left_out.is_empty() {
        plan.initiatives.retain(|x| !left_out.contains(&x.id));
        for x in &mut plan.initiatives {
            // Only an initiative that names one left out is copied to change it.
            if x.dependencies.iter().any(|d| left_out.contains(&d.on)) {
                Arc::make_mut(x).dependencies.retain(|d| !left_out.contains(&d.on));
            }
        }
        for c in &mut plan.business_cases {
            c.forget_initiatives(|i| left_out.contains(i));
        }
        for r in &mut plan.risks {
            r.forget_initiatives(|i| left_out.contains(i));
        }
    }
}

/// The plan as a scenario sees it: the plan with every ancestor's overrides and then the
/// scenario's own applied; scenarios and baselines are not part of the result.
pub fn resolve(plan: &Plan, id: &str) -> Result<Plan, ScenarioError> {
    let chain = lineage(plan, id)?;
    let mut out = plan.without_variants();
    for s in chain {
        apply_overrides(&mut out, &s.overrides);
    }
    Ok(out)
}

/// Overrides whose target is gone from the plan, by index.
pub fn stale_overrides(plan: &Plan, scenario: &Scenario) -> Vec<usize> {
    // Sets built once: a scenario may hold overrides for thousands of initiatives.
    let initiatives: HashSet<&Id> = plan.initiatives.iter().map(|x| &x.id).collect();
    let has_initiative = |id: &Id| initiatives.contains(id);
    let has_case = |id: &Id| plan.business_cases.iter().any(|c| &c.id == id);
    scenario
        .overrides
        .iter()
        .enumerate()
        .filter(|(_, o)| match o {
            Override::InitiativeDates { initiative, .. }
            | Override::InitiativeStatus { initiative, .. }
            | Override::InitiativeIncluded { initiative, .. }
            | Override::InitiativeFte { initiative, .. }
            | Override::InitiativeDurationRange { initiative, .. } => !has_initiative(initiative),
            Override::RiskQuantities { risk, .. } | Override::RiskResponse { risk, .. } => {
                !plan.risks.iter().any(|r| &r.id == risk)
            }
            Override::InitiativeBudget { initiative, budget } => {
                !has_initiative(initiative) || matches!(budget, Budget::BusinessCase { case } if !has_case(case))
            }
            Override::CaseDiscountRate { case, .. } | Override::CaseBenefitRealisation { case, .. } => !has_case(case),
            Override::CaseLineAmounts { case, line, .. } => {
                !plan.business_cases.iter().any(|c| &c.id == case && c.lines.iter().any(|l| &l.id == line))
            }
            Override::StudyChoice { study, option } => {
                !plan.sourcing_studies.iter().any(|s| &s.id == study && s.options.iter().any(|o| &o.id == option))
            }
            // A theme's ceiling outlives nothing once the theme is gone; a portfolio ceiling
            // always has its target.
            Override::BudgetCeiling { theme, .. } => {
                theme.as_ref().is_some_and(|t| !plan.themes.iter().any(|x| &x.id == t))
            }
        })
        .map(|(i, _)| i)
        .collect()
}

/// A baseline of the plan as it is now.
pub fn take_baseline(plan: &Plan, id: Id, name: &str, taken_on: NaiveDate) -> Baseline {
    Baseline { id, name: name.to_owned(), taken_on, plan: Box::new(plan.without_variants()) }
}

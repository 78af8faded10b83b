//! What a case is appraised in, beyond its own fields: the plan's appraisal policy, its fiscal
//! calendar, the months of the roadmap's milestones a case's lines link to and the months its
//! initiatives run, and the register's quantified risks linked to its cases.
//!
//! The engine is pure: it never reads the plan. The caller builds a [`Context`] from the plan
//! (or from a scenario's resolved plan, so a milestone moved in a scenario moves the case in that
//! scenario only) with [`Context::of`], and passes it to [`crate::evaluate_in`]. `Context::default()`
//! is the context of a plan without a policy and without milestones: what [`crate::evaluate`] uses,
//! and what Cairn computed before policies existed.

use std::collections::BTreeMap;

use cairn_core::{AppraisalPolicy, FiscalCalendar, Id, Plan, Risk, RiskStatus, YearMonth};

/// A milestone as a case's line names it: the initiative it belongs to and its name (names are
/// unique within an initiative; validation holds them so).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MilestoneKey {
    /// The initiative.
    pub initiative: Id,
    /// The milestone's name within it.
    pub milestone: String,
}

/// The plan around a case (see the module's documentation).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Context {
    /// The plan's appraisal policy.
    pub policy: AppraisalPolicy,
    /// When the plan's fiscal years start: a month-accurate date falls in a fiscal year by it.
    pub calendar: FiscalCalendar,
    /// The month of every milestone of the plan's initiatives.
    pub milestones: BTreeMap<MilestoneKey, YearMonth>,
    /// Each initiative's first and last month of work: the works duration optimism bias
    /// lengthens is the span of the initiatives a case funds (`crate::optimism`).
    pub works: BTreeMap<Id, (YearMonth, YearMonth)>,
    /// The register's quantified risks linked to a case and not closed: what the simulation
    /// draws as events of the cases they are linked to (the `register` module).
    pub risks: Vec<Risk>,
}

impl Context {
    /// The context of `plan`'s cases: its policy, its calendar, its milestones' months and its
    /// initiatives' months of work.
    pub fn of(plan: &Plan) -> Context {
        let milestones = plan
            .initiatives
            .iter()
            .flat_map(|i| {
                i.milestones
                    .iter()
                    .map(|m| (MilestoneKey { initiative: i.id.clone(), milestone: m.name.clone() }, m.month))
            })
            .collect();
        let works = plan.initiatives.iter().map(|i| (i.id.clone(), (i.start, i.end))).collect();
        let risks = plan
            .risks
            .iter()
            .filter(|r| {
                r.status != RiskStatus::Closed
                    && !r.links.business_cases.is_empty()
                    && (r.cost.is_some() || r.benefit.is_some())
            })
            .cloned()
            .collect();
        Context {
            policy: plan.settings.appraisal.clone(),
            calendar: plan.settings.fiscal_calendar.clone(),
            milestones,
            works,
            risks,
        }
    }

    /// The month of a milestone, `None` when the plan has no such milestone.
    pub fn milestone(&self, initiative: &Id, milestone: &str) -> Option<YearMonth> {
        self.milestones.get(&MilestoneKey { initiative: initiative.clone(), milestone: milestone.to_owned() }).copied()
    }
}

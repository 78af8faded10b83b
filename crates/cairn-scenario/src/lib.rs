//! Scenarios side by side, operations on scenarios, and variance against a baseline.
//!
//! - [`variant`] resolves a name ("plan", a scenario's id or name, a baseline's id or name) to the
//!   plan as that variant sees it.
//! - [`compare`] evaluates 2–4 variants on the roadmap's figures (spend per fiscal year against
//!   the ceilings, as `cairn_roadmap::budget` counts it, so the comparison agrees with the
//!   roadmap and the board pack), each business case's NPV, IRR and payback, the portfolio NPV,
//!   the schedule's end and critical path, and every difference from the first variant.
//! - [`differences`] lists what changed between two plans, from what, to what.
//! - [`variance`] measures a plan against a baseline: slips, cost by fiscal year, added and
//!   removed initiatives.
//! - [`rename`], [`duplicate`], [`delete`] and [`promote`] change the plan's scenarios; none of
//!   them touches a baseline.
//! - [`overrides`] is the life of a scenario's overrides (record, replace, drop repeats, apply,
//!   describe, carry over on promote and delete) that every producer goes through.
//!
//! ```
//! let plan = cairn_core::demo_plan();
//! let c = cairn_scenario::compare(&plan, &["plan", "Cautious benefits"]).expect("compares");
//! assert!(c.variants[1].portfolio_npv < c.variants[0].portfolio_npv);
//! ```

pub mod budget_cut;
mod compare;
mod ops;
pub mod overrides;
mod variance;

pub use compare::{
    CaseFigures, Comparison, Difference, PathStep, VariantFigures, YearSpend, budget_text, compare, compare_variants,
    differences, figures, fte_text,
};
pub use ops::{OpError, Promotion, delete, duplicate, promote, rename};
pub use variance::{CostChange, Named, Slip, Variance, variance};

use cairn_core::{Plan, resolve};

/// Why a comparison cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioError(pub String);

impl std::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ScenarioError {}

/// The name of the plan itself among variants.
pub const PLAN: &str = "plan";

/// A named variant resolved to a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// What the user called it.
    pub label: String,
    /// The plan as the variant sees it.
    pub plan: Plan,
}

/// Resolves `name`: "plan" (the plan itself), a scenario (id or name, case-insensitive) or a
/// baseline (id or name).
pub fn variant(plan: &Plan, name: &str) -> Result<Variant, ScenarioError> {
    let wanted = name.trim();
    if wanted.eq_ignore_ascii_case(PLAN) {
        return Ok(Variant { label: "Plan".into(), plan: plan.without_variants() });
    }
    let matches = |id: &str, n: &str| id == wanted || n.eq_ignore_ascii_case(wanted);
    if let Some(s) = plan.scenarios.iter().find(|s| matches(s.id.as_str(), &s.name)) {
        let resolved = resolve(plan, s.id.as_str()).map_err(|e| ScenarioError(e.to_string()))?;
        return Ok(Variant { label: s.name.clone(), plan: resolved });
    }
    if let Some(b) = plan.baselines.iter().find(|b| matches(b.id.as_str(), &b.name)) {
        return Ok(Variant { label: format!("{} (baseline)", b.name), plan: (*b.plan).clone() });
    }
    let known: Vec<String> = std::iter::once(PLAN.to_owned())
        .chain(plan.scenarios.iter().map(|s| s.name.clone()))
        .chain(plan.baselines.iter().map(|b| b.name.clone()))
        .collect();
    Err(ScenarioError(format!("no scenario or baseline is called \"{wanted}\"; known: {}", known.join(", "))))
}

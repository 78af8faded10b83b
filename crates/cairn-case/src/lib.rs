//! The business-case engine: from a [`cairn_core::BusinessCase`] to the figures a CFO checks.
//!
//! - [`evaluate_in`] (in the plan's [`Context`]; [`evaluate`] outside any plan): the yearly
//!   table (every line, each category, capex, opex, benefits, net, cumulative, discounted), the
//!   P&L view (depreciation, tax) and the metrics (NPV, IRR or why there is none, MIRR, payback,
//!   discounted payback, ROI, benefit-cost ratio, TCO).
//! - [`sensitivity_in`] ([`sensitivity`] outside any plan): the tornado (each driver moved low
//!   and high, ordered by NPV swing) and the break-evens (benefit realisation and discount rate
//!   at which NPV is zero).
//! - [`Simulation`] (`Simulation::new_in`): Monte Carlo risk over the lines' uncertainties, seeded
//!   and reproducible, in parallel, with progress and cancel; each line's effect is the
//!   evaluation's, so timing, depreciation, capitalisation and optimism bias count as they do in
//!   the figures.
//! - [`case_schedule`]: the discount rate of each year of a case under the plan's appraisal
//!   policy (its own rate, the Green Book's, an A-94 table's, a WACC or typed rates, converted by
//!   Fisher with [`case_inflation`] when stated in the other basis): what [`evaluate_in`], the
//!   sensitivity and the simulation discount at. The default policy gives each case its own rate.
//! - Timing ([`timed_line`], [`shift_row`], [`move_row`]): a benefit line that starts at a
//!   roadmap milestone is its entered profile moved by whole months to it; the milestones' months
//!   come from the [`Context`] (`Context::of(plan)`, so a scenario's moved milestone moves its
//!   case only). Depreciation (module `depreciation`): from the next fiscal year, or for a line
//!   with an in-service date month by month from that month (the whole-year SLN/VDB schedule
//!   spread over months); the capex/opex split follows the policy's capitalisation. The residual
//!   value (none, book value, perpetuity) is a row added to the net flow in the last year; sunk
//!   costs are totalled and never counted (module `residual`). docs/business-cases.md, "Timing,
//!   depreciation and residual value" and "Capitalisation", has every formula.
//! - [`OptimismUplift`] (`Evaluation::optimism`): a case's optimism bias applied (HM Treasury's
//!   supplementary guidance, Mott MacDonald 2002): the cost uplift from the upper bound reduced
//!   by the mitigated contributory factors, never below the lower bound ([`uplifts`]), as its own
//!   capex (or, outsourcing, opex) row in the totals, and the works duration uplift as a delay of
//!   every benefit by [`shift_row`].
//! - [`shift_row`]: moves yearly amounts later by whole months, the one primitive of timing.
//! - [`decide`]: the plan's decision rule (`cairn_core::DecisionRule`) applied to a case's
//!   [`CaseFigures`] (most likely, expected, P50 and P80 NPVs, chance of loss, tornado, a
//!   mandatory case's options by cost): proceed, proceed with conditions, review, rework, the
//!   least-cost option of a mandatory case, or why no recommendation, and its key risks, as
//!   `cairn_core::narrative` findings the app and the pack write the same way.
//!
//! ## Decimal and f64
//! Amounts are `Decimal` and every sum (per column, per category, totals, depreciation, tax) is
//! done in `Decimal` with overflow checked. Discounting and root-finding follow the spreadsheet in
//! f64: the yearly cash flow crosses into f64 by `cairn_core::to_f64`, and from there the
//! functions of `cairn-finance` (its discount factors included) compute exactly what Excel and
//! LibreOffice compute from the same row. NPV is `flow[0] + NPV(rate, flow[1..])`: the upfront column at t = 0, each fiscal year
//! at its end.

mod context;
mod decide;
mod depreciation;
mod evaluate;
mod iman_conover;
mod optimism;
mod options;
mod percentile;
mod policy;
mod register;
mod residual;
mod sensitivity;
mod simulate;
mod simulate_summary;
mod timing;

pub use context::{Context, MilestoneKey};
pub use decide::{Advice, CaseFigures, MandatoryFigures, SimulatedNpv, cash_releasing_risk, decide};
pub use evaluate::{
    CashReleasing, Column, Evaluation, LineRow, Metric, Metrics, Pnl, Row, Totals, evaluate, evaluate_in, line_values,
};
pub use optimism::{OptimismUplift, Uplift, WorksBasis, uplifts};
pub use options::{
    Appraisal, LineOrigin, OptionAppraisal, Ranking, appraise, evaluate_preferred, is_zero_option, option_case,
    relative_case,
};
pub use percentile::nearest_rank;
pub use policy::{case_inflation, case_schedule, study_schedule, wacc_rate};
pub use register::cost_profile;
pub use sensitivity::{BreakEvens, Sensitivity, TornadoBar, sensitivity, sensitivity_in};
pub use simulate::{
    BLOCK, Cancelled, Confidence, Contribution, EVENT_STREAMS, EventInput, Simulation, SimulationResult,
    SimulationSettings,
};
pub use timing::{Timed, move_row, shift_row, timed_line};

use rust_decimal::Decimal;

/// Why a case cannot be evaluated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaseError {
    /// A sum overflowed (amounts beyond any budget).
    #[error("{field}: the amounts are too large to add up")]
    Overflow {
        /// Where, e.g. `lines[3]` or `totals.capex`.
        field: String,
    },
    /// A setting the arithmetic cannot use (validation normally catches these first).
    #[error("{field}: {reason}")]
    Invalid {
        /// The field.
        field: String,
        /// Why.
        reason: String,
    },
}

impl CaseError {
    pub(crate) fn overflow(field: impl Into<String>) -> CaseError {
        CaseError::Overflow { field: field.into() }
    }

    pub(crate) fn invalid(field: impl Into<String>, reason: impl Into<String>) -> CaseError {
        CaseError::Invalid { field: field.into(), reason: reason.into() }
    }
}

/// A decimal as f64 for discounting and root-finding, by `cairn_core::to_f64` (the nearest
/// double, as a spreadsheet cell holding the same figure would have). A value without one is an
/// error naming `field`, never a NaN carried into the figures.
pub(crate) fn float(value: Decimal, field: &str) -> Result<f64, CaseError> {
    cairn_core::to_f64(value).map_err(|e| CaseError::invalid(field, e.to_string()))
}

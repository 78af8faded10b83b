//! Cairn's roadmap engine. Pure: a [`Plan`](cairn_core::Plan) in, figures out.
//!
//! - [`schedule`]: the critical path method over the initiatives' months and dependencies:
//!   early and late start and finish, total float, the critical path, violated dependencies and
//!   dates outside the horizon.
//! - [`Network`]: the critical path method's two passes, shared by [`schedule`] and schedule risk
//!   analysis (`cairn-risk`), which runs them once per simulated run.
//! - [`reschedule`]: moving one initiative, and every dependent that must move with it.
//! - [`initiatives_to_csv`] and [`initiatives_from_csv`]: the documented CSV exchange;
//!   [`spreadsheet_text`]: how every text cell Cairn writes for a spreadsheet is kept from being
//!   read as a formula.
//! - [`budget`] and [`capacity`]: spend per fiscal year by theme (capex and opex) against the
//!   ceilings, and FTE demand per fiscal quarter against capacity.
//!
//! Time is counted in whole months ([`YearMonth`](cairn_core::YearMonth)); an initiative from
//! 2027-01 to 2027-03 lasts three months. A planned start is a "start no earlier than"
//! constraint, as a manually scheduled task is in MS Project: the early start is the later of
//! the planned start and what the predecessors allow.

mod cpm;
mod project;
mod rollup;
mod schedule;
mod table;

pub use cpm::{LAST_MONTH_INDEX, Network};
pub use project::{ProjectProblem, initiatives_from_project_xml, initiatives_to_project_xml};
pub use rollup::{
    BudgetCell, BudgetRollup, BudgetYearRollup, CapacityQuarter, CapacityRollup, InitiativeBudgets, budget, capacity,
    initiative_budget,
};
pub use schedule::{Move, Schedule, ScheduleRow, Violation, Warning, apply_moves, reschedule, schedule};
pub use table::{CsvProblem, from_spreadsheet_text, initiatives_from_csv, initiatives_to_csv, spreadsheet_text};

use cairn_core::Id;

/// Why a roadmap cannot be scheduled or rolled up. Plan validation refuses these first; the
/// engine checks again so that it never loops or panics on a plan that skipped validation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RoadmapError {
    /// The dependencies form a cycle; the initiatives' names, in order.
    #[error("the dependencies form a cycle: {}", cycle_text(.0))]
    Cycle(Vec<String>),
    /// A dependency names an initiative the plan does not have.
    #[error("initiative \"{initiative}\" depends on \"{on}\", which is not in the plan")]
    MissingPredecessor {
        /// The dependent's name.
        initiative: String,
        /// The missing id.
        on: Id,
    },
    /// No initiative has this id.
    #[error("no initiative has the id \"{0}\"")]
    UnknownInitiative(String),
    /// A date moved outside the months Cairn plans in.
    #[error("initiative \"{initiative}\": {reason}")]
    Date {
        /// The initiative's name.
        initiative: String,
        /// Why.
        reason: String,
    },
    /// Sums beyond any budget, or a linked business case that cannot be evaluated.
    #[error("{field}: {reason}")]
    Amount {
        /// Where, e.g. `initiatives[3].budget`.
        field: String,
        /// Why.
        reason: String,
    },
}

fn cycle_text(names: &[String]) -> String {
    let mut parts: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    if let Some(first) = parts.first().cloned() {
        parts.push(first);
    }
    parts.join(" → ")
}

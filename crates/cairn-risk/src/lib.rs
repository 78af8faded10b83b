//! Cairn's schedule risk analysis. Pure: a [`Plan`](cairn_core::Plan) in, figures out.
//!
//! [`simulate`] runs the roadmap many times. In each run every initiative's duration is drawn
//! from its three points ([`cairn_core::Initiative::three_point`]: its own range, else the plan's
//! spread around its planned duration) by the triangular distribution, rounded half up to whole
//! months and never below one; the [`Delays`] given (a risk register's, later) are added; and
//! the roadmap is scheduled by [`cairn_roadmap::Network`]'s passes, the same critical path
//! method as `roadmap schedule` (dependencies, lags, a planned start as "start no earlier than").
//! The result, [`ScheduleRisk`], gives P50, P80 and P90 of every initiative's finish, of every
//! milestone and of the roadmap's finish, each initiative's criticality index (the share of runs
//! in which it had no total float) and the S-curve of the roadmap's finish.
//!
//! Percentiles are by nearest rank ([`nearest_rank`]), the one method of Cairn's risk figures.
//! Each run `r` draws from its own ChaCha8 stream (`seed`, stream `r`), so the results are the
//! same for a seed and a number of runs whatever the number of threads. docs/risk.md, "Schedule
//! risk", says how to reproduce a run by hand.
//!
//! ```
//! let plan = cairn_core::demo_plan();
//! let risk = cairn_risk::simulate(&plan, cairn_risk::Options { runs: 500, seed: 7 }, &cairn_risk::NoDelays)?;
//! let finish = risk.finish.expect("the demo has initiatives");
//! assert!(finish.p50 <= finish.p80 && finish.p80 <= finish.p90);
//! # Ok::<(), cairn_risk::RiskError>(())
//! ```

mod joint;
mod percentile;
mod register;
mod simulate;

pub use joint::{AmountConfidence, Jcl, PortfolioConfidence, YearConfidence, portfolio_confidence};
pub use percentile::{Histogram, nearest_rank, percentile};
pub use register::{RegisterRisks, delay_months};
pub use simulate::{
    Confidence, CurvePoint, DEFAULT_RUNS, DEFAULT_SEED, Delays, InitiativeRisk, MAX_RUNS, MilestoneRisk, NoDelays,
    Options, ScheduleRisk, simulate, triangular, whole_months,
};

/// The random stream a run draws from, for a [`Delays`] implementation.
pub use rand_chacha::ChaCha8Rng;

/// Why a roadmap's schedule risk cannot be simulated.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RiskError {
    /// The roadmap cannot be scheduled at all (a cycle, a missing predecessor).
    #[error(transparent)]
    Roadmap(#[from] cairn_roadmap::RoadmapError),
    /// The number of runs is out of range.
    #[error("runs must be from 1 to {max}, not {0}", max = MAX_RUNS)]
    Runs(u32),
    /// A run pushed an initiative past the last month Cairn schedules.
    #[error("initiative \"{initiative}\": run {run} ends past the last month Cairn schedules")]
    PastLastMonth {
        /// The initiative's name.
        initiative: String,
        /// The run (from 0).
        run: u32,
    },
    /// A register risk's figure cannot be simulated.
    #[error("risk \"{risk}\": {reason}")]
    Register {
        /// The risk's id.
        risk: String,
        /// Why.
        reason: String,
    },
    /// A month outside the years Cairn counts.
    #[error("{what}: {reason}")]
    Month {
        /// What the month is of.
        what: String,
        /// Why.
        reason: String,
    },
}

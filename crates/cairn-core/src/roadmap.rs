//! The roadmap's parts of an initiative and of the plan's settings: milestones, dependencies,
//! budgets by fiscal year, FTE demand by quarter, budget ceilings and capacity.
//!
//! Dates on the roadmap are months ([`YearMonth`]): a CIO plans "go-live March 2028", and the
//! timeline snaps to months. Budgets are exact decimals in the plan's currency, split into capex
//! and opex per fiscal year, or taken from a linked business case's cost lines. The scheduling and
//! rollup arithmetic lives in the `cairn-roadmap` crate; this module only holds the data.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::duration::DurationSpread;
use crate::fiscal::{FiscalQuarter, FiscalYear, YearMonth};
use crate::plan::Id;

/// What a milestone marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneKind {
    /// A decision the board or a governance body takes (e.g. "approve full business case").
    DecisionGate,
    /// A service goes live.
    GoLive,
    /// Anything else worth a diamond on the timeline.
    #[default]
    Other,
}

/// A dated point inside (or at the edge of) an initiative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// Short name, e.g. "Go-live wave 1".
    pub name: String,
    /// The month it falls in.
    pub month: YearMonth,
    /// What it marks.
    #[serde(default)]
    pub kind: MilestoneKind,
}

/// How a dependency links two initiatives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DependencyKind {
    /// The successor starts after the predecessor finishes (plus the lag).
    #[default]
    FinishToStart,
    /// The successor starts once the predecessor has started (plus the lag).
    StartToStart,
}

/// A link from a predecessor to the initiative that holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dependency {
    /// The predecessor's id.
    pub on: Id,
    /// Finish-to-start or start-to-start.
    #[serde(default)]
    pub kind: DependencyKind,
    /// Months between the predecessor's finish (or start) and this initiative's start; negative
    /// for an overlap, never more negative than the predecessor is long, and at most
    /// [`Dependency::MAX_LAG_MONTHS`].
    #[serde(default)]
    pub lag_months: i32,
}

impl Dependency {
    /// The longest lag accepted: 30 years, the longest horizon a plan covers
    /// ([`crate::Horizon::MAX_YEARS`]). A longer wait would start the successor after the end of
    /// any plan it could be part of; it is a typing slip, not a plan.
    pub const MAX_LAG_MONTHS: i32 = 360;
}

/// How risky an initiative is judged to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskRating {
    /// Routine delivery.
    Low,
    /// Some unknowns.
    Medium,
    /// Significant delivery or technical risk.
    High,
    /// Could fail outright; needs close board attention.
    VeryHigh,
}

/// One fiscal year of an initiative's budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetYear {
    /// The fiscal year.
    pub year: FiscalYear,
    /// Capital expenditure in that year.
    #[serde(default)]
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub capex: Decimal,
    /// Operating expenditure in that year.
    #[serde(default)]
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub opex: Decimal,
}

/// Where an initiative's budget comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "from", rename_all = "snake_case", deny_unknown_fields)]
pub enum Budget {
    /// Amounts entered per fiscal year.
    Entered {
        /// At most one entry per fiscal year.
        #[serde(default)]
        years: Vec<BudgetYear>,
    },
    /// The cost lines of a linked business case (capex and opex categories, by fiscal year;
    /// the upfront column counts in the case's first year).
    BusinessCase {
        /// The business case's id.
        case: Id,
    },
}

impl Default for Budget {
    fn default() -> Self {
        Budget::Entered { years: Vec::new() }
    }
}

impl Budget {
    /// Whether nothing is budgeted.
    pub fn is_empty(&self) -> bool {
        matches!(self, Budget::Entered { years } if years.is_empty())
    }
}

/// Full-time equivalents in one fiscal quarter: an initiative's demand or the plan's capacity.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuarterFte {
    /// The fiscal year.
    pub year: FiscalYear,
    /// The quarter, 1 to 4.
    pub quarter: u8,
    /// Full-time equivalents, e.g. 2.5.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub fte: Decimal,
}

impl QuarterFte {
    /// The fiscal quarter this entry is for.
    pub fn fiscal_quarter(&self) -> FiscalQuarter {
        FiscalQuarter { year: self.year, quarter: self.quarter }
    }
}

/// An annual budget ceiling: for the whole portfolio, or for one theme.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetCeiling {
    /// The fiscal year.
    pub year: FiscalYear,
    /// The theme it limits; `None` for the whole portfolio.
    #[serde(default)]
    pub theme: Option<Id>,
    /// The most that may be spent (capex plus opex).
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub amount: Decimal,
}

/// The roadmap's settings: budget ceilings and delivery capacity.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoadmapSettings {
    /// Annual ceilings, total and per theme.
    #[serde(default)]
    pub budget_ceilings: Vec<BudgetCeiling>,
    /// FTE capacity by fiscal quarter.
    #[serde(default)]
    pub fte_capacity: Vec<QuarterFte>,
    /// The total budget (capex plus opex over all years) above which an initiative should have a
    /// business case; `None` takes [`RoadmapSettings::DEFAULT_APPRAISAL_THRESHOLD`]. Left out of
    /// the file when not set, so a plan that never set it is written as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[serde(deserialize_with = "crate::exact::option_decimal")]
    pub appraisal_threshold: Option<Decimal>,
    /// The duration range of every initiative that states none (schedule risk analysis). Left
    /// out of the file when it is the default, so a plan that never set it is written as before.
    #[serde(default, skip_serializing_if = "DurationSpread::is_default")]
    pub duration_spread: DurationSpread,
}

impl RoadmapSettings {
    /// The appraisal threshold when a plan sets none: 1,000,000 in the plan's currency, the
    /// order of the delegated limits above which public bodies ask for a full business case.
    pub const DEFAULT_APPRAISAL_THRESHOLD: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

    /// The appraisal threshold in force: the plan's, or the default.
    pub fn appraisal_threshold(&self) -> Decimal {
        self.appraisal_threshold.unwrap_or(Self::DEFAULT_APPRAISAL_THRESHOLD)
    }
}

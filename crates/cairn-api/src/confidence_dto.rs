//! Transport types of schedule risk (`cairn_risk`): the roadmap's confidence view. Months travel
//! as "YYYY-MM", shares (criticality, the S-curve) as numbers from 0 to 1.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// P50, P80 and P90 of a month over the runs (nearest rank: the ⌈p·N⌉-th smallest of N runs).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConfidenceDto {
    /// Half the runs are at or before it.
    pub p50: String,
    /// 80 % of the runs are at or before it.
    pub p80: String,
    /// 90 % of the runs are at or before it.
    pub p90: String,
}

/// One initiative's simulated finish.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct InitiativeConfidenceDto {
    /// The initiative's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its planned last month.
    pub planned_finish: String,
    /// Its last month of work over the runs.
    pub finish: ConfidenceDto,
    /// The share of runs in which it was critical (no total float), 0 to 1.
    pub criticality: f64,
}

/// One milestone's simulated month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MilestoneConfidenceDto {
    /// The initiative it belongs to.
    pub initiative: String,
    /// Its name.
    pub name: String,
    /// Its planned month.
    pub planned: String,
    /// Its month over the runs.
    pub month: ConfidenceDto,
}

/// A point of the S-curve.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CurvePointDto {
    /// The month.
    pub month: String,
    /// The share of runs in which the roadmap finished in it or before, 0 to 1.
    pub probability: f64,
}

/// The roadmap's schedule risk: what the Confidence view shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ScheduleRiskDto {
    /// How many runs.
    pub runs: u32,
    /// The seed (at most 2⁵³ − 1, so that it is exact as a JavaScript number).
    #[ts(type = "number")]
    pub seed: u64,
    /// The roadmap's planned finish (`roadmap schedule`'s); `null` without initiatives.
    pub planned_finish: Option<String>,
    /// The roadmap's finish over the runs; `null` without initiatives.
    pub finish: Option<ConfidenceDto>,
    /// Every initiative, in the plan's order.
    pub initiatives: Vec<InitiativeConfidenceDto>,
    /// Every milestone, by initiative.
    pub milestones: Vec<MilestoneConfidenceDto>,
    /// The roadmap's finish, month by month.
    pub s_curve: Vec<CurvePointDto>,
}

/// Settings of a Confidence view run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScheduleRiskSettingsDto {
    /// How many runs, 1 to 1,000,000.
    pub runs: u32,
    /// The seed, 0 to 2⁵³ − 1.
    #[ts(type = "number")]
    pub seed: u64,
}

/// A roadmap bar's risk chip: the linked risks that are not closed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RiskChipDto {
    /// The initiative's id.
    pub initiative: String,
    /// How many linked risks are open (or occurred).
    pub open: u32,
    /// How many of them are above their category's appetite.
    pub above_appetite: u32,
}

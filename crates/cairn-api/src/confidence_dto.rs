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

/// P50, P80 and P90 of an amount over the runs (nearest rank), in the plan's currency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AmountConfidenceDto {
    /// Half the runs spend it or less.
    pub p50: f64,
    /// 80 % of the runs spend it or less.
    pub p80: f64,
    /// 90 % of the runs spend it or less.
    pub p90: f64,
}

/// One fiscal year's spend over the runs against its ceiling.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct YearConfidenceDto {
    /// The fiscal year, e.g. 2027.
    pub fy: i32,
    /// Its label, e.g. "FY2027".
    pub label: String,
    /// The portfolio's ceiling that year; `null` when the plan sets none.
    pub ceiling: Option<f64>,
    /// The spend as planned (the budget page's total of the year).
    pub planned: f64,
    /// The spend at P50.
    pub p50: f64,
    /// At P80.
    pub p80: f64,
    /// At P90.
    pub p90: f64,
    /// The share of runs whose spend exceeds the ceiling, 0 to 1; `null` without a ceiling.
    pub prob_breach: Option<f64>,
}

/// The joint confidence level: a finish month and a total cost met together by `probability`
/// of the runs (docs/risk.md, "Joint cost and schedule confidence").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct JclDto {
    /// The share aimed at: 0.7.
    pub level: f64,
    /// The percentile of both the finish and the cost that reaches it (70 or more).
    pub percentile: u32,
    /// The finish month, "YYYY-MM".
    pub finish: String,
    /// The total cost.
    pub cost: f64,
    /// The share of runs that finish by `finish` and cost at most `cost`, 0 to 1.
    pub probability: f64,
}

/// A finish month and a total cost to test, and the share of runs that meet both.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct JointTargetDto {
    /// The month, "YYYY-MM".
    pub finish: String,
    /// The total cost, in the plan's currency.
    pub cost: f64,
    /// The share of runs that finish by the end of `finish` and cost at most `cost` (0 to 1;
    /// ignored when sent).
    pub probability: f64,
}

/// Joint cost and schedule confidence: each fiscal year's spend against its ceiling and the
/// joint confidence of finish and cost, from the schedule risk's own runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct PortfolioConfidenceDto {
    /// How many runs.
    pub runs: u32,
    /// The seed (at most 2⁵³ − 1).
    #[ts(type = "number")]
    pub seed: u64,
    /// The plan's currency (ISO 4217), which every amount is in.
    pub currency: String,
    /// Every fiscal year of the horizon.
    pub years: Vec<YearConfidenceDto>,
    /// The total cost as planned: every initiative's spend, in the horizon or not.
    pub planned_cost: f64,
    /// The total cost over the runs.
    pub cost: AmountConfidenceDto,
    /// The roadmap's planned finish; `null` without initiatives.
    pub planned_finish: Option<String>,
    /// The roadmap's finish over the runs; `null` without initiatives.
    pub finish: Option<ConfidenceDto>,
    /// The joint confidence level at 70 %; `null` without initiatives.
    pub jcl: Option<JclDto>,
    /// The target asked about, with its joint probability; `null` when none was.
    pub target: Option<JointTargetDto>,
}

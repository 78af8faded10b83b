//! Transport types of a business case's decision (issue 17, item 7): the four NPV figures side
//! by side, the headline under the plan's policy, and the recommendation and key risks in the
//! words the board pack prints (`cairn_core::narrative`, from `cairn_case::decide`).

use serde::Serialize;
use ts_rs::TS;

/// One of the four NPV figures.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct NpvFigureDto {
    /// "most_likely", "expected", "p50" or "p80".
    pub key: String,
    /// "Most likely NPV", "Expected NPV", "P50 NPV", "P80 NPV".
    pub label: String,
    /// What it is: "lines as entered", "mean of the runs", "80 % of runs at or above"…
    pub meaning: String,
    /// The figure, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub value: Option<f64>,
    /// Why there is none.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub note: Option<String>,
    /// Whether it is the headline under the plan's policy.
    pub headline: bool,
}

/// A case's decision, as the board pack states it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CaseDecisionDto {
    /// Most likely, expected, P50 and P80, in that order.
    pub figures: Vec<NpvFigureDto>,
    /// The headline's label under the plan's policy ("Most likely NPV", "Expected NPV").
    pub headline_label: String,
    /// The chance of a negative NPV over the runs, when simulated.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub chance_of_loss: Option<f64>,
    /// How many runs (the board pack's), and the seed.
    pub runs: u32,
    /// The seed.
    pub seed: u32,
    /// The recommendation in one sentence; none when the case has no NPV.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub recommendation: Option<String>,
    /// The key risks, one sentence each.
    pub risks: Vec<String>,
    /// The plan's decision rule in words.
    pub rule: String,
}

//! What the board pack's risk section shows: plain view data, already computed.

use cairn_core::YearMonth;

/// The risk section: the register against the board's appetite, the roadmap's schedule
/// confidence and each simulated case's NPV S-curve.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RiskSection {
    /// The register; `None` when the plan has none (`register_note` says so).
    pub register: Option<RegisterView>,
    /// Why there is no register.
    pub register_note: String,
    /// The roadmap's schedule confidence; `None` without initiatives or when it cannot be
    /// simulated (`schedule_note` says why).
    pub schedule: Option<ScheduleView>,
    /// Why there is no schedule confidence.
    pub schedule_note: String,
    /// Each fiscal year's spend against its ceiling and the joint confidence level; `None`
    /// when it cannot be simulated (`budget_note` says why).
    pub budget: Option<BudgetConfidenceView>,
    /// Why there is no budget confidence.
    pub budget_note: String,
    /// Each case with a simulation, in the plan's order.
    pub case_curves: Vec<CaseCurveView>,
    /// How the cases' curves were made, or why there are none.
    pub case_curves_note: String,
}

/// The register: the heat maps, the top risks, the breaches of appetite.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RegisterView {
    /// The register in a sentence.
    pub summary: String,
    /// How the heat maps read.
    pub heat_note: String,
    /// The likelihood levels' labels, level 1 first.
    pub likelihood: Vec<String>,
    /// The impact levels' labels, level 1 first.
    pub impact: Vec<String>,
    /// Risks not closed by inherent rating: `inherent[l − 1][i − 1]` at likelihood l, impact i.
    pub inherent: Vec<Vec<u32>>,
    /// The same by residual rating.
    pub residual: Vec<Vec<u32>>,
    /// Of `residual`, the risks above appetite.
    pub residual_above: Vec<Vec<u32>>,
    /// Each category: name, appetite, risks not closed, above appetite.
    pub appetites: Vec<(String, Option<u8>, usize, usize)>,
    /// The threats not closed with the highest residual scores, highest first.
    pub top: Vec<TopRiskView>,
    /// Each risk above appetite, in a sentence; or the sentence saying there is none.
    pub breaches: Vec<String>,
}

/// One of the top risks.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TopRiskView {
    /// Its title.
    pub title: String,
    /// Its category's name.
    pub category: String,
    /// Who owns it.
    pub owner: String,
    /// The response ("reduce").
    pub response: String,
    /// Inherent score, 1 to 25.
    pub inherent: u8,
    /// Residual score, 1 to 25.
    pub residual: u8,
    /// Whether it is above its category's appetite.
    pub above: bool,
}

/// The roadmap's schedule confidence.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleView {
    /// How many runs.
    pub runs: u32,
    /// The seed.
    pub seed: u64,
    /// The roadmap's planned finish.
    pub planned: YearMonth,
    /// P50, P80 and P90 of the roadmap's finish.
    pub p50: YearMonth,
    /// See `p50`.
    pub p80: YearMonth,
    /// See `p50`.
    pub p90: YearMonth,
    /// The key milestones: name, initiative's name, planned, P50, P80.
    pub milestones: Vec<(String, String, YearMonth, YearMonth, YearMonth)>,
    /// The S-curve: each month from the earliest run's finish to the latest's and the share of
    /// runs finished by its end.
    pub curve: Vec<(YearMonth, f64)>,
    /// The finish in words.
    pub summary: String,
    /// How it was simulated.
    pub method: String,
}

/// A case's NPV S-curve.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseCurveView {
    /// The case's name.
    pub name: String,
    /// The base case's NPV (the case page's).
    pub base: f64,
    /// P50 of the NPV (nearest rank).
    pub p50: f64,
    /// P80 of the NPV (nearest rank, 80 % of runs at or below).
    pub p80: f64,
    /// The NPV at 0, 1, … 100 % of runs.
    pub curve: Vec<f64>,
    /// The curve in a sentence.
    pub summary: String,
}

/// One fiscal year's spend over the runs against its ceiling.
#[derive(Debug, Clone, PartialEq)]
pub struct YearSpendView {
    /// "FY2027".
    pub label: String,
    /// The portfolio's ceiling; `None` when the year has none.
    pub ceiling: Option<f64>,
    /// The spend as planned.
    pub planned: f64,
    /// P50 of the spend (nearest rank).
    pub p50: f64,
    /// P80 of the spend.
    pub p80: f64,
    /// The share of runs spending more than the ceiling; `None` without a ceiling.
    pub breach: Option<f64>,
}

/// The portfolio's spend by fiscal year over the schedule's runs, and the joint confidence.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BudgetConfidenceView {
    /// Every fiscal year of the horizon.
    pub years: Vec<YearSpendView>,
    /// The chance of breaching in a sentence.
    pub summary: String,
    /// The joint confidence level in a sentence; empty without one.
    pub jcl: String,
    /// How it was simulated.
    pub method: String,
}

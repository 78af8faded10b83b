//! Transport types of sourcing studies. Amounts travel as exact decimal text, rates and weights
//! as percent text ("25" is 25 %), scores as decimal text ("7.5"), converted in Rust; computed
//! figures (PV TCO, closeness, probabilities) travel as numbers.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A study in the list.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct StudySummaryDto {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The service under study.
    pub service: String,
    /// Number of options.
    pub options: u32,
    /// Number of criteria.
    pub criteria: u32,
    /// The chosen option's name, if one is chosen.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub chosen: Option<String>,
}

/// A sourcing model (see `cairn_core::SourcingKind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SourcingKindDto {
    /// In-house.
    InHouse,
    /// Outsourced / managed service.
    ManagedService,
    /// SaaS.
    Saas,
    /// IaaS / PaaS cloud.
    Cloud,
    /// Hybrid.
    Hybrid,
    /// Shared service.
    SharedService,
    /// Custom.
    Custom,
}

/// A kind with its label, for pickers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SourcingKindInfoDto {
    /// The kind.
    pub kind: SourcingKindDto,
    /// "Outsourced / managed service".
    pub label: String,
}

/// Whether more of a criterion is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DirectionDto {
    /// More is better.
    Benefit,
    /// More is worse.
    Cost,
}

/// How the weights are set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum WeightingDto {
    /// Typed per criterion.
    Direct,
    /// From pairwise judgements (AHP).
    Pairwise,
}

/// A criterion as edited.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CriterionDto {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// What a high score means.
    pub description: String,
    /// Benefit or cost.
    pub direction: DirectionDto,
    /// Derived from the options' present-value TCO (not scored).
    pub derived_from_cost: bool,
    /// The typed weight, percent text of the typed weights' total ("25").
    pub weight: String,
    /// The weight every method uses (typed or from AHP), as a fraction summing to 1; `None`
    /// when the weights cannot be computed (all zero).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub effective_weight: Option<f64>,
}

/// A criterion's fields, for adding or editing one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CriterionInputDto {
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Benefit or cost.
    pub direction: DirectionDto,
    /// Typed weight in percent ("10").
    pub weight: String,
}

/// "`more` is `intensity` times as important as `less`".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct JudgementDto {
    /// Criterion id.
    pub more: String,
    /// Criterion id.
    pub less: String,
    /// 1 to 9.
    pub intensity: u8,
}

/// One typed weight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WeightDto {
    /// Criterion id.
    pub criterion: String,
    /// Percent text ("12.5").
    pub weight: String,
}

/// An option's score on one criterion.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScoreDto {
    /// Criterion id.
    pub criterion: String,
    /// Decimal text, 1 to 10.
    pub value: String,
    /// Why.
    pub rationale: String,
}

/// An option's fields, for adding or editing one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OptionInputDto {
    /// Name.
    pub name: String,
    /// Sourcing model.
    pub kind: SourcingKindDto,
    /// Description.
    pub description: String,
    /// One-off transition cost, decimal text.
    pub transition: String,
    /// Run cost in the first year, decimal text.
    pub run_per_year: String,
    /// Annual escalation of the run cost, percent text.
    pub escalation: String,
    /// Exit cost at the end of the horizon, decimal text.
    pub exit: String,
    /// Change in own headcount, FTE, decimal text ("-12").
    pub headcount_change: String,
    /// Contract term in years; `null` for none.
    pub contract_years: Option<u8>,
}

/// An option as edited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OptionDto {
    /// Its id.
    pub id: String,
    /// Its fields.
    pub input: OptionInputDto,
    /// Its scores, one per scored criterion in the criteria's order (a missing score has
    /// an empty value).
    pub scores: Vec<ScoreDto>,
}

/// A study's header fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StudyHeaderDto {
    /// Name.
    pub name: String,
    /// The service under study.
    pub service: String,
    /// The question and its context.
    pub description: String,
    /// Discount rate in percent ("4").
    pub discount_rate: String,
}

/// A whole study as edited.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct StudyDto {
    /// Its id.
    pub id: String,
    /// Its header.
    pub header: StudyHeaderDto,
    /// Direct or pairwise.
    pub weighting: WeightingDto,
    /// Criteria in order.
    pub criteria: Vec<CriterionDto>,
    /// Pairwise judgements.
    pub judgements: Vec<JudgementDto>,
    /// Options in order.
    pub options: Vec<OptionDto>,
    /// The chosen option's id (in a scenario, the scenario's choice).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub chosen: Option<String>,
    /// Shown in a scenario whose choice differs from its parent's: the parent's chosen option
    /// id, or "" when the parent has chosen none.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub parent_chosen: Option<String>,
    /// The recommendation text.
    pub recommendation: String,
    /// The plan's currency code.
    pub currency: String,
    /// The horizon's fiscal-year labels.
    pub years: Vec<String>,
    /// The sourcing models, for the kind picker.
    pub kinds: Vec<SourcingKindInfoDto>,
}

/// The judgement to revisit.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct InconsistentJudgementDto {
    /// Criterion id of the row.
    pub row: String,
    /// Criterion id of the column.
    pub column: String,
    /// The value the matrix holds (row over column).
    pub value: f64,
    /// The scale value the weights imply.
    pub suggested: f64,
}

/// The AHP analysis of pairwise judgements.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AhpDto {
    /// Weights per criterion, in the criteria's order, summing to 1.
    pub weights: Vec<f64>,
    /// λmax.
    pub lambda_max: f64,
    /// Consistency index.
    pub ci: f64,
    /// Consistency ratio.
    pub cr: f64,
    /// CR ≤ 0.10.
    pub consistent: bool,
    /// When inconsistent, the judgement to revisit first.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub most_inconsistent: Option<InconsistentJudgementDto>,
}

/// One option's costs and value for money.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct OptionResultDto {
    /// Option id.
    pub id: String,
    /// Option name.
    pub name: String,
    /// Kind label.
    pub kind: String,
    /// Nominal cost per fiscal year.
    pub costs_by_year: Vec<f64>,
    /// Present value of each year's cost.
    pub pv_by_year: Vec<f64>,
    /// Nominal TCO, exact decimal text.
    pub tco: String,
    /// Present-value TCO.
    pub pv_tco: f64,
    /// Weighted quality score 1 to 10.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub quality: Option<f64>,
    /// PV TCO per quality point.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub cost_per_point: Option<f64>,
    /// Headcount change, decimal text.
    pub headcount_change: String,
    /// Per criterion, the option's normalised performance 0 to 1 (1 = best option on it), for
    /// the radar chart.
    pub profile: Vec<f64>,
}

/// One method's ranking.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RankingDto {
    /// "weighted_sum", "ahp" or "topsis".
    pub method: String,
    /// "Weighted sum".
    pub label: String,
    /// Score per option (the method's own scale, higher is better).
    pub scores: Vec<f64>,
    /// Rank per option, 1 = best.
    pub ranks: Vec<u32>,
}

/// Where the winner changes as one criterion's weight moves.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BreakEvenDto {
    /// Criterion id.
    pub criterion: String,
    /// Criterion name.
    pub name: String,
    /// Its weight now (fraction).
    pub current: f64,
    /// The weight at which another option wins; `None`: the winner holds from 0 to 100 %.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub weight: Option<f64>,
    /// The option that wins past it, or, when `tie`, only ties with the winner there.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub new_winner: Option<String>,
    /// Whether `new_winner` only ties with the winner (equal scores), never overtaking it.
    pub tie: bool,
}

/// The robustness of the winner.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RobustnessDto {
    /// Per criterion, weighted sum.
    pub break_even: Vec<BreakEvenDto>,
    /// Probability of ranking first per option, weighted sum.
    pub p_first_weighted_sum: Vec<f64>,
    /// Probability of ranking first per option, TOPSIS.
    pub p_first_topsis: Vec<f64>,
    /// Mean rank per option, weighted sum.
    pub mean_rank_weighted_sum: Vec<f64>,
    /// Per option: removing it reverses the others' order under the weighted sum.
    pub reversal_weighted_sum: Vec<bool>,
    /// Per option: removing it reverses the others' order under TOPSIS.
    pub reversal_topsis: Vec<bool>,
    /// Adding a copy of the last-ranked option reorders the others under the weighted sum.
    pub reversal_on_copy_weighted_sum: bool,
    /// The same under TOPSIS.
    pub reversal_on_copy_topsis: bool,
    /// Random weightings drawn.
    pub samples: u32,
    /// Dirichlet concentration.
    pub concentration: f64,
}

/// Everything the results view shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct StudyResultDto {
    /// Fiscal-year labels.
    pub years: Vec<String>,
    /// Criteria names in order.
    pub criteria: Vec<String>,
    /// The weights every method used, summing to 1.
    pub weights: Vec<f64>,
    /// Per option.
    pub options: Vec<OptionResultDto>,
    /// Weighted sum, AHP, TOPSIS.
    pub rankings: Vec<RankingDto>,
    /// Every method puts the same option first.
    pub agree_on_winner: bool,
    /// Every method ranks every option the same.
    pub agree_on_ranking: bool,
    /// The weighted-sum winner's id.
    pub winner: String,
    /// The AHP analysis when weights come from judgements.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ahp: Option<AhpDto>,
    /// Robustness, with two or more options.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub robustness: Option<RobustnessDto>,
    /// A recommendation paragraph drafted from the figures, for the CIO to edit.
    pub draft_recommendation: String,
    /// How costs are timed and discounted.
    pub convention: String,
}

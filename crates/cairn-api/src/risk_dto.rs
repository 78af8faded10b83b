//! Transport types of the risk register (`cairn_core::Risk`, `cairn_core::RiskSettings`), as the
//! Risks page shows and edits it. Percentages travel as percent text ("30" is 30 %), amounts
//! and months as decimal text, months of the calendar as "YYYY-MM", dates as "YYYY-MM-DD"; Rust
//! reads them and names the field of anything it cannot read by its path in the plan
//! (`risks[3].cost.min`). Scores and the appetite flag are computed in Rust, never in the page.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Threat or opportunity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RiskKindDto {
    /// A negative effect.
    Threat,
    /// A positive effect.
    Opportunity,
}

/// The response to a risk: avoid, reduce, transfer or accept a threat; exploit, enhance, share
/// or accept an opportunity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ResponseDto {
    /// Stop the activity.
    Avoid,
    /// Act on likelihood or impact.
    Reduce,
    /// Pass the impact on.
    Transfer,
    /// Take it as it is.
    Accept,
    /// Make the opportunity certain.
    Exploit,
    /// Raise its likelihood or benefit.
    Enhance,
    /// Take it with a partner.
    Share,
}

/// Where a risk stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RiskStatusDto {
    /// Live.
    Open,
    /// Happened; now an issue.
    Occurred,
    /// No longer a risk.
    Closed,
}

/// A likelihood and an impact, 1 to 5 each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RatingDto {
    /// 1 to 5.
    pub likelihood: u8,
    /// 1 to 5.
    pub impact: u8,
}

/// An action on a risk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RiskActionDto {
    /// What is to be done.
    pub text: String,
    /// Who does it.
    pub owner: String,
    /// By when, "YYYY-MM-DD", or null.
    pub due: Option<String>,
    /// Whether it is done.
    pub done: bool,
}

/// A linked sourcing option.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OptionLinkDto {
    /// The study's id.
    pub study: String,
    /// The option's id within the study.
    pub option: String,
}

/// What a risk bears on, by id.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
pub struct RiskLinksDto {
    /// Initiatives' ids.
    pub initiatives: Vec<String>,
    /// Business cases' ids.
    pub business_cases: Vec<String>,
    /// Sourcing options.
    pub sourcing_options: Vec<OptionLinkDto>,
}

/// Three points as text: lowest, most likely, highest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ThreePointDto {
    /// Lowest.
    pub min: String,
    /// Most likely.
    pub most_likely: String,
    /// Highest.
    pub max: String,
}

/// When a cost impact falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum CostTimingDto {
    /// In one fiscal year.
    Year {
        /// The fiscal year's number (2028 for FY2028).
        year: i32,
    },
    /// Evenly over fiscal years `from` to `to`, both included.
    Spread {
        /// The first.
        from: i32,
        /// The last.
        to: i32,
    },
}

/// A cost impact: the total in the plan's currency, as three amounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CostImpactDto {
    /// When it falls.
    pub timing: CostTimingDto,
    /// How much in all.
    pub amount: ThreePointDto,
}

/// A delay on one linked initiative, in months.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DelayImpactDto {
    /// The initiative's id.
    pub initiative: String,
    /// Months.
    pub months: ThreePointDto,
}

/// A benefit impact on one linked case, in percent of its benefits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BenefitImpactDto {
    /// The case's id.
    pub case: String,
    /// Percent of the case's benefits.
    pub percent: ThreePointDto,
}

/// One risk, whole: what the editor shows and sends back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RegisterRiskDto {
    /// Its id; ignored when adding (made from the title).
    pub id: String,
    /// Short title.
    pub title: String,
    /// Threat or opportunity.
    pub kind: RiskKindDto,
    /// Why it could happen.
    pub cause: String,
    /// What could happen.
    pub event: String,
    /// What it would do.
    pub effect: String,
    /// The category's id.
    pub category: String,
    /// Who owns it.
    pub owner: String,
    /// Before controls.
    pub inherent: RatingDto,
    /// After controls.
    pub residual: RatingDto,
    /// The response.
    pub response: ResponseDto,
    /// The actions.
    pub actions: Vec<RiskActionDto>,
    /// The first month it could occur, "YYYY-MM", or null.
    pub proximity: Option<String>,
    /// Where it stands.
    pub status: RiskStatusDto,
    /// Next review, "YYYY-MM-DD", or null.
    pub review: Option<String>,
    /// What it bears on.
    pub links: RiskLinksDto,
    /// The chance it occurs, percent text, or null.
    pub probability: Option<String>,
    /// Its cost (or saving), or null.
    pub cost: Option<CostImpactDto>,
    /// Its delay (or gain) on an initiative, or null.
    pub delay: Option<DelayImpactDto>,
    /// Its effect on a case's benefits, or null.
    pub benefit: Option<BenefitImpactDto>,
}

/// A row of the register: the risk with the figures Rust computes for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RiskRowDto {
    /// The risk.
    pub risk: RegisterRiskDto,
    /// Its category's name.
    pub category_name: String,
    /// Inherent likelihood × impact, 1 to 25.
    pub inherent_score: u8,
    /// Residual likelihood × impact, 1 to 25.
    pub residual_score: u8,
    /// Its category's appetite, if stated.
    pub appetite: Option<u8>,
    /// Whether its residual score is beyond appetite (`cairn_core::RiskSettings::above_appetite`).
    pub above_appetite: bool,
}

/// A level of the scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ScaleLevelDto {
    /// 1 to 5.
    pub level: u8,
    /// Its name.
    pub label: String,
    /// What it means.
    pub description: String,
    /// Likelihood: the lowest probability of the level, percent text. Impact: the lowest cost,
    /// decimal text in the plan's currency.
    pub from: String,
    /// Impact only: the lowest delay of the level in months, decimal text; null for likelihood.
    pub from_months: Option<String>,
}

/// A category with its appetite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RiskCategoryDto {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// The highest residual score accepted, or null.
    pub appetite: Option<u8>,
}

/// The register as the Risks page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RiskRegisterDto {
    /// The plan's currency, for the impact thresholds.
    pub currency: String,
    /// Likelihood levels 1 to 5.
    pub likelihood: Vec<ScaleLevelDto>,
    /// Impact levels 1 to 5.
    pub impact: Vec<ScaleLevelDto>,
    /// The categories.
    pub categories: Vec<RiskCategoryDto>,
    /// The risks, in the plan's order.
    pub risks: Vec<RiskRowDto>,
}

/// The plan's scale and categories as the Risks page edits them: the levels and categories of
/// [`RiskRegisterDto`] sent back. A category whose id is empty is new: its id is made from its
/// name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RiskSettingsDto {
    /// Likelihood levels 1 to 5 (`from`: the lowest probability, percent text).
    pub likelihood: Vec<ScaleLevelDto>,
    /// Impact levels 1 to 5 (`from`: the lowest cost; `from_months`: the lowest delay).
    pub impact: Vec<ScaleLevelDto>,
    /// The categories with their appetite, in the order the register offers them.
    pub categories: Vec<RiskCategoryDto>,
}

/// An initiative or business case a risk may link to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RiskLinkChoiceDto {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
}

/// A sourcing option a risk may link to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RiskOptionChoiceDto {
    /// The study's id.
    pub study: String,
    /// The study's name.
    pub study_name: String,
    /// The option's id within the study.
    pub option: String,
    /// The option's name.
    pub option_name: String,
}

/// What a risk may link to, in the plan's order: the lists the editor picks from and the
/// names the register shows for a link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RiskChoicesDto {
    /// The roadmap's initiatives.
    pub initiatives: Vec<RiskLinkChoiceDto>,
    /// The business cases.
    pub business_cases: Vec<RiskLinkChoiceDto>,
    /// Every option of every sourcing study.
    pub sourcing_options: Vec<RiskOptionChoiceDto>,
}

//! Transport types of scenarios, baselines and comparisons.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A scenario in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ScenarioSummaryDto {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// What it explores.
    pub description: String,
    /// The parent scenario's id; `None` when it varies the plan itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub parent: Option<String>,
    /// Its overrides, described.
    pub overrides: Vec<String>,
    /// How many overrides target something the plan no longer has.
    pub stale: u32,
}

/// A baseline in the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BaselineSummaryDto {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// "2026-10-14".
    pub taken_on: String,
}

/// Scenarios and baselines of a plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ScenariosDto {
    /// Scenarios.
    pub scenarios: Vec<ScenarioSummaryDto>,
    /// Baselines.
    pub baselines: Vec<BaselineSummaryDto>,
}

/// A new scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewScenarioDto {
    /// Its name.
    pub name: String,
    /// What it explores.
    pub description: String,
    /// The scenario it varies; empty varies the plan.
    pub parent: String,
}

/// Roadmap spend in one fiscal year, as the roadmap's budget table counts it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct YearSpendDto {
    /// "FY2028".
    pub year: String,
    /// Capex (decimal text).
    pub capex: String,
    /// Opex (decimal text).
    pub opex: String,
    /// Capex plus opex (decimal text).
    pub total: String,
    /// The portfolio ceiling (decimal text), if one is set.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ceiling: Option<String>,
    /// How far the total exceeds the ceiling (decimal text), if it does.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub over_by: Option<String>,
}

/// A case's key metrics in one variant.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CaseFiguresDto {
    /// Case id.
    pub id: String,
    /// Case name.
    pub name: String,
    /// NPV.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub npv: Option<f64>,
    /// IRR as a fraction.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub irr: Option<f64>,
    /// Why there is no IRR.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub irr_note: Option<String>,
    /// Payback in years.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub payback_years: Option<f64>,
    /// Why there is no payback.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub payback_note: Option<String>,
}

/// An initiative on the critical path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PathStepDto {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
}

/// One variant's figures.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct VariantDto {
    /// Label.
    pub label: String,
    /// Roadmap spend per fiscal year of the horizon, against the portfolio ceilings.
    pub spend: Vec<YearSpendDto>,
    /// Spend over the horizon (decimal text).
    pub spend_total: String,
    /// The years over the portfolio ceiling, e.g. ["FY2027"].
    pub over_ceiling: Vec<String>,
    /// Each case.
    pub cases: Vec<CaseFiguresDto>,
    /// Sum of NPVs.
    pub portfolio_npv: f64,
    /// Initiatives.
    pub initiatives: u32,
    /// When the roadmap ends by the schedule ("2031-06").
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub roadmap_end: Option<String>,
    /// The critical path in delivery order.
    pub critical_path: Vec<PathStepDto>,
    /// Dependencies the variant's dates break.
    pub violations: u32,
    /// Remarks.
    pub notes: Vec<String>,
}

/// One difference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DifferenceDto {
    /// What changed.
    pub what: String,
    /// From.
    pub from: String,
    /// To.
    pub to: String,
}

/// A comparison of 2–4 variants.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ComparisonDto {
    /// The variants in order.
    pub variants: Vec<VariantDto>,
    /// Differences of each later variant from the first.
    pub differences: Vec<Vec<DifferenceDto>>,
}

/// An override to add to a scenario; rates in percent text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum OverrideDto {
    /// A case's discount rate.
    CaseDiscountRate {
        /// Case id.
        case: String,
        /// Percent, e.g. "7".
        rate: String,
    },
    /// A case's benefit realisation.
    CaseBenefitRealisation {
        /// Case id.
        case: String,
        /// Percent, e.g. "80".
        realisation: String,
    },
    /// An initiative's dates.
    InitiativeDates {
        /// Initiative id.
        initiative: String,
        /// "2027-07".
        start: String,
        /// "2028-06".
        end: String,
    },
    /// An initiative left out (or back in).
    InitiativeIncluded {
        /// Initiative id.
        initiative: String,
        /// Whether it is in.
        included: bool,
    },
    /// An initiative's budget by fiscal year (capex and opex entered), or its linked case.
    InitiativeBudget {
        /// Initiative id.
        initiative: String,
        /// The business case whose costs are the budget; when set, `years` is ignored.
        #[serde(skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        case: Option<String>,
        /// Capex and opex per fiscal year (decimal text; empty is zero).
        years: Vec<crate::roadmap_dto::BudgetYearDto>,
    },
    /// An initiative's duration range for schedule risk, in whole months: optimistic and
    /// pessimistic both given (the most likely optional: the planned duration), or neither
    /// (the plan's spread around its planned duration).
    InitiativeDurationRange {
        /// Initiative id.
        initiative: String,
        /// The shortest it could take.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        optimistic_months: Option<u32>,
        /// The most likely; absent: the planned duration.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        most_likely_months: Option<u32>,
        /// The longest it could take.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        pessimistic_months: Option<u32>,
    },
    /// A fiscal year's budget ceiling in the scenario: the portfolio's, or one theme's.
    BudgetCeiling {
        /// The fiscal year (2028 for FY2028), within the plan's horizon.
        year: i32,
        /// Theme id; absent or empty for the portfolio.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        #[ts(optional)]
        theme: Option<String>,
        /// The ceiling (capex plus opex), decimal text, e.g. "10,625,000".
        amount: String,
    },
}

/// A promoted scenario: the scenarios afterwards, and what the promotion did to the others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PromotionDto {
    /// The scenarios and baselines now.
    pub scenarios: ScenariosDto,
    /// Names of the scenarios that now vary the plan directly (the promoted one's children).
    pub reparented: Vec<String>,
    /// Names of the scenarios that took overrides keeping them as they were.
    pub compensated: Vec<String>,
    /// What could not be kept for them, in words.
    pub not_restored: Vec<String>,
}

/// An initiative whose dates moved since the baseline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SlipDto {
    /// Initiative id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// First month in the baseline ("2027-07").
    pub baseline_start: String,
    /// Last month in the baseline.
    pub baseline_end: String,
    /// First month now.
    pub start: String,
    /// Last month now.
    pub end: String,
    /// Months the start moved (positive: later).
    pub start_months: i32,
    /// Months the end moved (positive: a slip).
    pub end_months: i32,
}

/// Roadmap cost of one fiscal year in the baseline and now (decimal text).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CostChangeDto {
    /// "FY2028".
    pub year: String,
    /// Capex in the baseline.
    pub baseline_capex: String,
    /// Opex in the baseline.
    pub baseline_opex: String,
    /// Capex now.
    pub capex: String,
    /// Opex now.
    pub opex: String,
    /// Capex and opex in the baseline.
    pub baseline_total: String,
    /// Capex and opex now.
    pub total: String,
    /// Capex change.
    pub capex_change: String,
    /// Opex change.
    pub opex_change: String,
    /// Capex and opex change together.
    pub total_change: String,
}

/// An initiative by id and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NamedDto {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
}

/// What changed since a baseline, in the plan or in a scenario.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VarianceDto {
    /// The baseline's name.
    pub baseline: String,
    /// The day it was taken ("2026-06-15").
    pub taken_on: String,
    /// What is measured against it: "Plan" or the scenario's name.
    pub against: String,
    /// Initiatives whose dates moved.
    pub slips: Vec<SlipDto>,
    /// Cost by fiscal year.
    pub cost: Vec<CostChangeDto>,
    /// Total cost change (decimal text).
    pub total_change: String,
    /// Initiatives added since.
    pub added: Vec<NamedDto>,
    /// Initiatives removed since.
    pub removed: Vec<NamedDto>,
}

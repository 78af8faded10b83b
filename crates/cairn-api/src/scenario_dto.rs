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

/// Spend in one fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct YearSpendDto {
    /// "FY2028".
    pub year: String,
    /// Capex (decimal text).
    pub capex: String,
    /// Opex (decimal text).
    pub opex: String,
}

/// A case's figures in one variant.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CaseFiguresDto {
    /// Case id.
    pub id: String,
    /// Case name.
    pub name: String,
    /// NPV.
    #[ts(optional)]
    pub npv: Option<f64>,
    /// IRR.
    #[ts(optional)]
    pub irr: Option<f64>,
    /// Payback in years.
    #[ts(optional)]
    pub payback_years: Option<f64>,
}

/// One variant's figures.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct VariantDto {
    /// Label.
    pub label: String,
    /// Business-case spend per fiscal year.
    pub spend: Vec<YearSpendDto>,
    /// Each case.
    pub cases: Vec<CaseFiguresDto>,
    /// Sum of NPVs.
    pub portfolio_npv: f64,
    /// Initiatives.
    pub initiatives: u32,
    /// Last month of the roadmap.
    #[ts(optional)]
    pub roadmap_end: Option<String>,
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
}

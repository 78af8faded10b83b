//! Transport types of the budget-cut helper.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How the ceilings are given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BudgetCutModeDto {
    /// "Cut X % from FY N".
    Percent,
    /// Explicit ceilings per fiscal year.
    Ceilings,
}

/// What an initiative's value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BudgetCutValueDto {
    /// Priority score.
    Priority,
    /// NPV of the linked business case.
    Npv,
}

/// One explicit ceiling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BudgetCutCeilingDto {
    /// The fiscal year's number (2028 for FY2028).
    pub year: i32,
    /// A theme's id; empty for the portfolio total.
    pub theme: String,
    /// The amount (decimal text).
    pub amount: String,
}

/// What the CIO asks the helper.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BudgetCutRequestDto {
    /// Percent cut or explicit ceilings.
    pub mode: BudgetCutModeDto,
    /// X of "cut X % from FY N" (percent mode), e.g. "15".
    pub percent: String,
    /// N of "cut X % from FY N" (percent mode), e.g. 2028.
    pub from_year: i32,
    /// The ceilings (ceilings mode).
    pub ceilings: Vec<BudgetCutCeilingDto>,
    /// Priority or NPV.
    pub value: BudgetCutValueDto,
    /// The longest deferral in fiscal years, 0 to 10.
    pub max_deferral_years: u8,
    /// Ids of initiatives that must stay as planned.
    pub pinned: Vec<String>,
}

/// How good the proposal is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BudgetCutOutcomeDto {
    /// Proven optimal.
    Optimal,
    /// Feasible, within a proven gap of optimal (the node budget ran out).
    Gap,
    /// Nothing meets the ceilings.
    Infeasible,
    /// The plan already fits: nothing to cut.
    AlreadyFits,
}

/// What happens to one initiative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BudgetCutChoiceDto {
    /// Deferred.
    Defer,
    /// Left out.
    Drop,
}

/// One decision with its reasoning.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BudgetCutDecisionDto {
    /// The initiative's id.
    pub initiative: String,
    /// Its name.
    pub name: String,
    /// Defer or drop.
    pub choice: BudgetCutChoiceDto,
    /// Years deferred (0 when dropped).
    pub years: u8,
    /// New first month ("2028-07"), when deferred.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub start: Option<String>,
    /// New last month, when deferred.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub end: Option<String>,
    /// Value as planned (points or currency units).
    pub value_before: f64,
    /// Value after the decision.
    pub value_after: f64,
    /// The sentence to show.
    pub reason: String,
}

/// One fiscal year (or one theme's ceiling in it), before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BudgetCutYearDto {
    /// "FY2028".
    pub year: String,
    /// "Total" or the theme's name.
    pub scope: String,
    /// Planned spend (decimal text).
    pub before: String,
    /// Spend as proposed (decimal text).
    pub after: String,
    /// The ceiling to meet (decimal text), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ceiling: Option<String>,
    /// Whether the planned spend breaks the ceiling.
    pub over_before: bool,
    /// Whether the proposed spend breaks it (only when nothing fits).
    pub over_after: bool,
}

/// The helper's proposal.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct BudgetCutProposalDto {
    /// Optimal, gap, infeasible or already fitting.
    pub outcome: BudgetCutOutcomeDto,
    /// One sentence: what the proposal does and how good it is.
    pub summary: String,
    /// The proven upper bound on the value, when the outcome is a gap.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub bound: Option<f64>,
    /// Why nothing fits, when infeasible.
    pub reasons: Vec<String>,
    /// The initiatives deferred or dropped, in plan order.
    pub decisions: Vec<BudgetCutDecisionDto>,
    /// Per fiscal year (and theme ceiling), before and after.
    pub years: Vec<BudgetCutYearDto>,
    /// "priority points" or a currency code.
    pub value_unit: String,
    /// Value as planned.
    pub value_before: f64,
    /// Value kept.
    pub value_after: f64,
    /// Nodes the exact search visited.
    pub nodes: u32,
    /// Remarks (fixed initiatives, unscored ones…).
    pub notes: Vec<String>,
    /// The plan's currency code.
    pub currency: String,
    /// A name for the scenario, e.g. "Budget cut 15 % from FY2028".
    pub default_name: String,
}

/// The scenario a proposal was accepted into.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BudgetCutAcceptedDto {
    /// The new scenario's id.
    pub scenario_id: String,
    /// Its name.
    pub name: String,
    /// How many overrides it holds.
    pub overrides: u32,
}

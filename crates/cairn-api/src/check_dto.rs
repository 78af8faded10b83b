//! Transport types of the plan-health panel: the findings of `cairn_check` over a plan or a
//! scenario (`Cairn::plan_health`).

use serde::Serialize;
use ts_rs::TS;

/// One finding of a plan-health check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FindingDto {
    /// The check's stable code, e.g. "ceiling-breach" (docs/checks.md).
    pub code: String,
    /// "error", "warning" or "info".
    pub severity: String,
    /// The JSON path of the field at fault, e.g. "initiatives[3].budget.years[2]".
    pub path: String,
    /// The ids of the items involved (initiatives, business cases, themes).
    pub ids: Vec<String>,
    /// What is wrong, in one line, with the figures.
    pub message: String,
    /// The same in a few words a board reads: "FY2027 is $1.2M over its ceiling of $19M".
    pub headline: String,
    /// Why it stands, when the plan accepts it; absent while it is open.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub accepted: Option<String>,
    /// Where the app shows the field at fault.
    pub target: FindingTargetDto,
}

/// Where the app shows a finding's field: a page, the item to select on it, the part to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FindingTargetDto {
    /// "roadmap", "cases" or "settings".
    pub page: String,
    /// The initiative or business case to select, by id.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub item: Option<String>,
    /// The part of the page: "budget" or "capacity" on the roadmap.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub section: Option<String>,
}

/// Every finding over a plan (or a scenario of it), errors first, then warnings, then info; by
/// code and path within each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PlanHealthDto {
    /// The scenario checked, by id; none for the plan itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub scenario: Option<String>,
    /// How many open (not accepted) findings of each severity.
    pub errors: u32,
    /// See `errors`.
    pub warnings: u32,
    /// See `errors`.
    pub infos: u32,
    /// How many findings the plan accepts, whatever their severity.
    pub accepted: u32,
    /// The findings, in order.
    pub findings: Vec<FindingDto>,
}

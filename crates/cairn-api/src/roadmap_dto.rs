//! Transport types of the roadmap. Months travel as "YYYY-MM"; amounts as exact decimal text
//! ("650000"), FTE as decimal text ("2.5"); enums as snake_case words.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Where an initiative stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StatusDto {
    /// Not yet approved.
    Proposed,
    /// Approved, not started.
    Approved,
    /// Under way.
    InProgress,
    /// Finished.
    Done,
    /// Paused.
    OnHold,
    /// Stopped for good.
    Cancelled,
}

/// How risky an initiative is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RiskDto {
    /// Routine.
    Low,
    /// Some unknowns.
    Medium,
    /// Significant.
    High,
    /// Could fail outright.
    VeryHigh,
}

/// What a milestone marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MilestoneKindDto {
    /// A decision gate.
    DecisionGate,
    /// A go-live.
    GoLive,
    /// Anything else.
    Other,
}

/// How a dependency links two initiatives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DependencyKindDto {
    /// Starts after the predecessor finishes.
    FinishToStart,
    /// Starts after the predecessor starts.
    StartToStart,
}

/// A milestone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct MilestoneDto {
    /// Name.
    pub name: String,
    /// "YYYY-MM".
    pub month: String,
    /// What it marks.
    pub kind: MilestoneKindDto,
}

/// A dependency on a predecessor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DependencyDto {
    /// The predecessor's id.
    pub on: String,
    /// Finish-to-start or start-to-start.
    pub kind: DependencyKindDto,
    /// Lag in months; negative overlaps.
    pub lag_months: i32,
}

/// One fiscal year of an entered budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BudgetYearDto {
    /// The fiscal year, e.g. 2027.
    pub year: i32,
    /// Capex (decimal text; empty is zero).
    pub capex: String,
    /// Opex (decimal text; empty is zero).
    pub opex: String,
}

/// FTE in one fiscal quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct QuarterFteDto {
    /// The fiscal year.
    pub year: i32,
    /// 1 to 4.
    pub quarter: u8,
    /// FTE (decimal text).
    pub fte: String,
}

/// An initiative as the editor sends it; an empty `id` creates one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InitiativeInputDto {
    /// Its id; empty for a new initiative.
    pub id: String,
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Theme id, or none.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub theme: Option<String>,
    /// Owner.
    pub owner: String,
    /// Status.
    pub status: StatusDto,
    /// First month, "YYYY-MM".
    pub start: String,
    /// Last month (inclusive), "YYYY-MM".
    pub end: String,
    /// Goal ids.
    pub goals: Vec<String>,
    /// Milestones.
    pub milestones: Vec<MilestoneDto>,
    /// Dependencies.
    pub dependencies: Vec<DependencyDto>,
    /// Priority 0–100, or none.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub priority: Option<u8>,
    /// Risk, or none.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub risk: Option<RiskDto>,
    /// The business case whose costs are the budget; when set, `budget` is ignored.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub budget_case: Option<String>,
    /// Capex and opex by fiscal year.
    pub budget: Vec<BudgetYearDto>,
    /// FTE demand by quarter.
    pub fte: Vec<QuarterFteDto>,
}

/// An initiative's place in the critical-path schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ScheduleDto {
    /// Early start, "YYYY-MM".
    pub early_start: String,
    /// Early finish.
    pub early_finish: String,
    /// Late start.
    pub late_start: String,
    /// Late finish.
    pub late_finish: String,
    /// Total float in months.
    pub total_float: i32,
    /// Whether it is critical.
    pub critical: bool,
}

/// An initiative with its schedule and its budget as rolled up (a linked case's figures
/// included).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct InitiativeDto {
    /// Everything the editor edits.
    pub input: InitiativeInputDto,
    /// Its schedule.
    pub schedule: ScheduleDto,
    /// Its budget by fiscal year as counted (from its case when linked).
    pub budget: Vec<BudgetYearDto>,
    /// Capex plus opex over all years (decimal text).
    pub budget_total: String,
    /// The plan's label of its fiscal years, e.g. "FY2027–FY2028".
    pub years_label: String,
}

/// An initiative as the timeline draws it: what a bar, its swimlane, its arrows and its
/// milestones need, and no more (a roadmap of 5,000 initiatives is about a fifth the size of
/// their whole records).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TimelineItemDto {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
    /// Owner (the timeline's filter searches it).
    #[serde(skip_serializing_if = "String::is_empty")]
    #[ts(as = "Option<String>", optional)]
    pub owner: String,
    /// Theme id, or none.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub theme: Option<String>,
    /// Goal ids.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<String>>", optional)]
    pub goals: Vec<String>,
    /// Status.
    pub status: StatusDto,
    /// First month, "YYYY-MM".
    pub start: String,
    /// Last month (inclusive), "YYYY-MM".
    pub end: String,
    /// Total float in months.
    pub total_float: i32,
    /// Whether it is on the critical path.
    pub critical: bool,
    /// Milestones.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<MilestoneDto>>", optional)]
    pub milestones: Vec<MilestoneDto>,
    /// Dependencies on predecessors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<DependencyDto>>", optional)]
    pub dependencies: Vec<DependencyDto>,
}

/// What a move changed on the timeline: the initiatives whose dates, float or place on the
/// critical path differ from before the move; the violated dependencies and the warnings when
/// they differ; and the roadmap's other parts (calendar, critical path, budget, capacity) whole,
/// with `items`, `violations` and `warnings` left empty. The page replaces those items by id and
/// keeps the rest; a move never adds, removes or reorders initiatives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RoadmapPatchDto {
    /// The initiatives that changed, in the plan's order.
    pub changed: Vec<TimelineItemDto>,
    /// Every violated dependency after the move, when the list is not the same as before it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub violations: Option<Vec<ViolationDto>>,
    /// Every warning after the move, when the list is not the same as before it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub warnings: Option<Vec<RoadmapWarningDto>>,
    /// The roadmap after the move, without its items, violations and warnings.
    pub roadmap: RoadmapDto,
}

/// A labelled id: a theme, goal or case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LabelDto {
    /// Id.
    pub id: String,
    /// Name.
    pub name: String,
}

/// A fiscal year or quarter on the timeline's header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PeriodDto {
    /// "FY2027" or "Q1".
    pub label: String,
    /// Its first month, "YYYY-MM".
    pub first_month: String,
    /// How many months it spans.
    pub months: u8,
}

/// A dependency the planned dates break.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ViolationDto {
    /// The dependent.
    pub initiative: String,
    /// The predecessor.
    pub on: String,
    /// The earliest start allowed, "YYYY-MM".
    pub earliest_start: String,
    /// A sentence for the CIO.
    pub message: String,
}

/// A warning about one initiative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RoadmapWarningDto {
    /// The initiative.
    pub initiative: String,
    /// A sentence for the CIO.
    pub message: String,
}

/// One theme's spend in one fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BudgetCellDto {
    /// Theme id, or none for initiatives without a theme.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub theme: Option<String>,
    /// Capex (decimal text).
    pub capex: String,
    /// Opex (decimal text).
    pub opex: String,
    /// Total (decimal text).
    pub total: String,
    /// Ceiling (decimal text), if set.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub ceiling: Option<String>,
    /// Amount over the ceiling (decimal text), if over.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub over_by: Option<String>,
    /// Amount left under the ceiling (decimal text), if within it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub headroom: Option<String>,
}

/// One fiscal year of spend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BudgetRowDto {
    /// "FY2027".
    pub label: String,
    /// The fiscal year.
    pub year: i32,
    /// One cell per lane of [`BudgetDto::lanes`].
    pub themes: Vec<BudgetCellDto>,
    /// The year over all themes, against the portfolio ceiling.
    pub all: BudgetCellDto,
}

/// Spend per fiscal year by theme against the ceilings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BudgetDto {
    /// The lanes (themes, then "No theme" when needed).
    pub lanes: Vec<LabelDto>,
    /// One row per fiscal year of the horizon.
    pub rows: Vec<BudgetRowDto>,
    /// Spend over the horizon (decimal text).
    pub total: String,
    /// Spend budgeted outside the horizon (decimal text).
    pub outside_horizon: String,
}

/// FTE demand and capacity in one quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CapacityDto {
    /// "FY2027 Q1".
    pub label: String,
    /// Demand (decimal text).
    pub demand: String,
    /// Capacity (decimal text), if set.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub capacity: Option<String>,
    /// Demand beyond capacity (decimal text), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub over_by: Option<String>,
}

/// The whole roadmap view: initiatives with their schedule, the calendar, budget and capacity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RoadmapDto {
    /// ISO currency code.
    pub currency: String,
    /// The horizon's first month, "YYYY-MM".
    pub first_month: String,
    /// The horizon's last month.
    pub last_month: String,
    /// Fiscal years of the horizon.
    pub years: Vec<PeriodDto>,
    /// Fiscal quarters of the horizon ("Q1".."Q4").
    pub quarters: Vec<PeriodDto>,
    /// Themes (swimlanes).
    pub themes: Vec<LabelDto>,
    /// Strategic goals.
    pub goals: Vec<LabelDto>,
    /// Business cases an initiative may take its budget from.
    pub cases: Vec<LabelDto>,
    /// Initiatives in the plan's order, as the timeline draws them. The editor asks for one
    /// initiative's whole record ([`InitiativeDto`]) when it opens it.
    pub items: Vec<TimelineItemDto>,
    /// The critical path, ids in delivery order.
    pub critical_path: Vec<String>,
    /// The first planned start, when there are initiatives.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub start: Option<String>,
    /// When the roadmap finishes, when there are initiatives.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub finish: Option<String>,
    /// Violated dependencies.
    pub violations: Vec<ViolationDto>,
    /// Dates outside the horizon.
    pub warnings: Vec<RoadmapWarningDto>,
    /// Spend against ceilings.
    pub budget: BudgetDto,
    /// FTE against capacity.
    pub capacity: Vec<CapacityDto>,
    /// The scenario shown, when not the plan itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub scenario: Option<LabelDto>,
    /// The variant the roadmap is set against, when one was asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub overlay: Option<OverlayDto>,
}

/// Where an initiative ran in the variant the roadmap is set against: drawn as a ghost bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct GhostBarDto {
    /// The initiative.
    pub id: String,
    /// Its first month there, "YYYY-MM".
    pub start: String,
    /// Its last month there.
    pub end: String,
    /// How many months later it starts now (negative: earlier).
    pub slip_months: i32,
}

/// Spend in one fiscal year of the variant set against, and the change to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OverlayYearDto {
    /// The fiscal year.
    pub year: i32,
    /// Spend there (decimal text).
    pub total: String,
    /// Spend now minus spend there (decimal text; negative when less).
    pub change: String,
}

/// The roadmap set against another variant: the plan, a scenario or a baseline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OverlayDto {
    /// E.g. "Board approved, June 2026 (baseline)".
    pub label: String,
    /// Initiatives whose dates differ.
    pub bars: Vec<GhostBarDto>,
    /// Initiatives shown here that the other variant does not have (names).
    pub only_here: Vec<String>,
    /// Initiatives the other variant has that are not shown here (names).
    pub only_there: Vec<String>,
    /// Spend by fiscal year there, and the change.
    pub years: Vec<OverlayYearDto>,
}

/// An initiative a move would shift.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MoveDto {
    /// The initiative.
    pub id: String,
    /// Its name.
    pub name: String,
    /// New first month.
    pub start: String,
    /// New last month.
    pub end: String,
    /// Months it moves (positive: later).
    pub by_months: i32,
}

/// What moving an initiative to new dates would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct MovePreviewDto {
    /// The moved initiative first, then every dependent that must follow.
    pub moves: Vec<MoveDto>,
    /// Predecessors the new dates would break (the move is allowed; the timeline flags it).
    pub violations: Vec<ViolationDto>,
}

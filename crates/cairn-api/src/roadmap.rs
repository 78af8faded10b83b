//! Roadmap use cases: the timeline view with its schedule, budget and capacity; editing,
//! moving (with the dependents that must follow) and deleting initiatives, each one undoable step.

use cairn_core::{
    Budget, BudgetYear, Dependency, DependencyKind, FiscalYear, Id, Initiative, InitiativeStatus, Milestone,
    MilestoneKind, Plan, QuarterFte, RiskRating,
};
use cairn_roadmap::RoadmapError;
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use std::sync::Arc;

use crate::cases::fresh_id;
use crate::codec::{decimal_text as text, parse_amount, parse_id, parse_month};
use crate::roadmap_dto::*;
use crate::roadmap_variant;
use crate::{ApiError, Cairn, ErrorCode};

fn status_to(s: InitiativeStatus) -> StatusDto {
    match s {
        InitiativeStatus::Proposed => StatusDto::Proposed,
        InitiativeStatus::Approved => StatusDto::Approved,
        InitiativeStatus::InProgress => StatusDto::InProgress,
        InitiativeStatus::Done => StatusDto::Done,
        InitiativeStatus::OnHold => StatusDto::OnHold,
        InitiativeStatus::Cancelled => StatusDto::Cancelled,
    }
}

fn status_from(s: StatusDto) -> InitiativeStatus {
    match s {
        StatusDto::Proposed => InitiativeStatus::Proposed,
        StatusDto::Approved => InitiativeStatus::Approved,
        StatusDto::InProgress => InitiativeStatus::InProgress,
        StatusDto::Done => InitiativeStatus::Done,
        StatusDto::OnHold => InitiativeStatus::OnHold,
        StatusDto::Cancelled => InitiativeStatus::Cancelled,
    }
}

fn risk_to(r: RiskRating) -> RiskDto {
    match r {
        RiskRating::Low => RiskDto::Low,
        RiskRating::Medium => RiskDto::Medium,
        RiskRating::High => RiskDto::High,
        RiskRating::VeryHigh => RiskDto::VeryHigh,
    }
}

fn risk_from(r: RiskDto) -> RiskRating {
    match r {
        RiskDto::Low => RiskRating::Low,
        RiskDto::Medium => RiskRating::Medium,
        RiskDto::High => RiskRating::High,
        RiskDto::VeryHigh => RiskRating::VeryHigh,
    }
}

fn milestone_kind_to(k: MilestoneKind) -> MilestoneKindDto {
    match k {
        MilestoneKind::DecisionGate => MilestoneKindDto::DecisionGate,
        MilestoneKind::GoLive => MilestoneKindDto::GoLive,
        MilestoneKind::Other => MilestoneKindDto::Other,
    }
}

fn milestone_kind_from(k: MilestoneKindDto) -> MilestoneKind {
    match k {
        MilestoneKindDto::DecisionGate => MilestoneKind::DecisionGate,
        MilestoneKindDto::GoLive => MilestoneKind::GoLive,
        MilestoneKindDto::Other => MilestoneKind::Other,
    }
}

fn dependency_kind_to(k: DependencyKind) -> DependencyKindDto {
    match k {
        DependencyKind::FinishToStart => DependencyKindDto::FinishToStart,
        DependencyKind::StartToStart => DependencyKindDto::StartToStart,
    }
}

fn dependency_kind_from(k: DependencyKindDto) -> DependencyKind {
    match k {
        DependencyKindDto::FinishToStart => DependencyKind::FinishToStart,
        DependencyKindDto::StartToStart => DependencyKind::StartToStart,
    }
}

/// A roadmap error as the UI sees it.
pub(crate) fn roadmap_error(e: RoadmapError) -> ApiError {
    match e {
        RoadmapError::UnknownInitiative(_) => ApiError::new(ErrorCode::NotFound, e.to_string()),
        RoadmapError::Cycle(_) | RoadmapError::MissingPredecessor { .. } => {
            ApiError::invalid("dependencies", e.to_string())
        }
        RoadmapError::Date { .. } => ApiError::invalid("start", e.to_string()),
        RoadmapError::Amount { ref field, .. } => ApiError::invalid(field.clone(), e.to_string()),
    }
}

fn milestones_of(x: &Initiative) -> Vec<MilestoneDto> {
    x.milestones
        .iter()
        .map(|m| MilestoneDto { name: m.name.clone(), month: m.month.to_string(), kind: milestone_kind_to(m.kind) })
        .collect()
}

fn dependencies_of(x: &Initiative) -> Vec<DependencyDto> {
    x.dependencies
        .iter()
        .map(|d| DependencyDto { on: d.on.to_string(), kind: dependency_kind_to(d.kind), lag_months: d.lag_months })
        .collect()
}

fn input_of(x: &Initiative) -> InitiativeInputDto {
    let (budget_case, budget) = match &x.budget {
        Budget::Entered { years } => (
            None,
            years.iter().map(|y| BudgetYearDto { year: y.year.0, capex: text(y.capex), opex: text(y.opex) }).collect(),
        ),
        Budget::BusinessCase { case } => (Some(case.to_string()), Vec::new()),
    };
    InitiativeInputDto {
        id: x.id.to_string(),
        name: x.name.clone(),
        description: x.description.clone(),
        theme: x.theme.as_ref().map(ToString::to_string),
        owner: x.owner.clone(),
        status: status_to(x.status),
        start: x.start.to_string(),
        end: x.end.to_string(),
        goals: x.goals.iter().map(ToString::to_string).collect(),
        milestones: milestones_of(x),
        dependencies: dependencies_of(x),
        priority: x.priority,
        risk: x.risk.map(risk_to),
        budget_case,
        budget,
        fte: x.fte.iter().map(|q| QuarterFteDto { year: q.year.0, quarter: q.quarter, fte: text(q.fte) }).collect(),
    }
}

/// Builds an initiative from the editor's input; fields are named as in the form
/// (`start`, `budget[1].capex`, `dependencies[0].on`).
fn initiative_from(input: &InitiativeInputDto, id: Id) -> Result<Initiative, ApiError> {
    let start = parse_month(&input.start, "start")?;
    let end = parse_month(&input.end, "end")?;
    let mut x = Initiative::new(id, input.name.trim(), start, end);
    x.description = input.description.trim().to_owned();
    x.theme = match input.theme.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(t) => Some(parse_id(t, "theme")?),
    };
    x.owner = input.owner.trim().to_owned();
    x.status = status_from(input.status);
    x.goals =
        input.goals.iter().enumerate().map(|(j, g)| parse_id(g, &format!("goals[{j}]"))).collect::<Result<_, _>>()?;
    x.milestones = input
        .milestones
        .iter()
        .enumerate()
        .map(|(j, m)| {
            Ok(Milestone {
                name: m.name.trim().to_owned(),
                month: parse_month(&m.month, &format!("milestones[{j}].month"))?,
                kind: milestone_kind_from(m.kind),
            })
        })
        .collect::<Result<_, ApiError>>()?;
    x.dependencies = input
        .dependencies
        .iter()
        .enumerate()
        .map(|(j, d)| {
            Ok(Dependency {
                on: parse_id(&d.on, &format!("dependencies[{j}].on"))?,
                kind: dependency_kind_from(d.kind),
                lag_months: d.lag_months,
            })
        })
        .collect::<Result<_, ApiError>>()?;
    x.priority = input.priority;
    x.risk = input.risk.map(risk_from);
    x.budget = match input.budget_case.as_deref().map(str::trim) {
        Some(case) if !case.is_empty() => Budget::BusinessCase { case: parse_id(case, "budget_case")? },
        _ => {
            let mut years = Vec::new();
            for (j, y) in input.budget.iter().enumerate() {
                let capex = parse_amount(&y.capex, &format!("budget[{j}].capex"))?;
                let opex = parse_amount(&y.opex, &format!("budget[{j}].opex"))?;
                if !(capex.is_zero() && opex.is_zero()) {
                    years.push(BudgetYear { year: FiscalYear(y.year), capex, opex });
                }
            }
            Budget::Entered { years }
        }
    };
    let mut fte = Vec::new();
    for (j, q) in input.fte.iter().enumerate() {
        let value = parse_amount(&q.fte, &format!("fte[{j}].fte"))?;
        if !value.is_zero() {
            fte.push(QuarterFte { year: FiscalYear(q.year), quarter: q.quarter, fte: value });
        }
    }
    x.fte = fte;
    Ok(x)
}

/// An initiative as the timeline draws it.
pub(crate) fn item_of(x: &Initiative, row: &cairn_roadmap::ScheduleRow) -> TimelineItemDto {
    TimelineItemDto {
        id: x.id.to_string(),
        name: x.name.clone(),
        owner: x.owner.clone(),
        theme: x.theme.as_ref().map(ToString::to_string),
        goals: x.goals.iter().map(ToString::to_string).collect(),
        status: status_to(x.status),
        start: x.start.to_string(),
        end: x.end.to_string(),
        total_float: row.total_float,
        critical: row.critical,
        milestones: milestones_of(x),
        dependencies: dependencies_of(x),
    }
}

/// One initiative's whole record, as the editor opens it: its input, its place in the
/// critical-path schedule and its budget as counted (from its business case when linked).
pub fn initiative_dto(plan: &Plan, id: &str) -> Result<InitiativeDto, ApiError> {
    let Some(at) = plan.initiatives.iter().position(|x| x.id.as_str() == id) else {
        return Err(ApiError::new(ErrorCode::NotFound, format!("no initiative has the id \"{id}\"")));
    };
    let x = &plan.initiatives[at];
    let schedule = cairn_roadmap::schedule(plan).map_err(roadmap_error)?;
    let row = schedule
        .rows
        .get(at)
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("the schedule has no row for \"{id}\"")))?;
    let cal = &plan.settings.fiscal_calendar;
    let budget = cairn_roadmap::InitiativeBudgets::new(plan).of(x).map_err(roadmap_error)?;
    let mut total = Decimal::ZERO;
    for y in budget.iter() {
        total = total
            .checked_add(y.capex)
            .and_then(|t| t.checked_add(y.opex))
            .ok_or_else(|| ApiError::invalid("budget", "the amounts are too large to add up"))?;
    }
    let first = budget.iter().map(|y| y.year).min();
    let last = budget.iter().map(|y| y.year).max();
    let years_label = match (first, last) {
        (Some(a), Some(b)) if a == b => cal.label(a),
        (Some(a), Some(b)) => format!("{}–{}", cal.label(a), cal.label(b)),
        _ => String::new(),
    };
    Ok(InitiativeDto {
        input: input_of(x),
        schedule: ScheduleDto {
            early_start: row.early_start.to_string(),
            early_finish: row.early_finish.to_string(),
            late_start: row.late_start.to_string(),
            late_finish: row.late_finish.to_string(),
            total_float: row.total_float,
            critical: row.critical,
        },
        budget: budget
            .iter()
            .map(|y| BudgetYearDto { year: y.year.0, capex: text(y.capex), opex: text(y.opex) })
            .collect(),
        budget_total: text(total),
        years_label,
    })
}

/// The roadmap view of a plan.
pub fn roadmap_dto(plan: &Plan) -> Result<RoadmapDto, ApiError> {
    let schedule = cairn_roadmap::schedule(plan).map_err(roadmap_error)?;
    roadmap_view(plan, &schedule, true)
}

/// The roadmap view of a plan from its schedule; with `whole` false the timeline's items, the
/// violations and the warnings are left out (a move's patch sends only what changed).
pub(crate) fn roadmap_view(
    plan: &Plan,
    schedule: &cairn_roadmap::Schedule,
    whole: bool,
) -> Result<RoadmapDto, ApiError> {
    let cal = &plan.settings.fiscal_calendar;
    let horizon = &plan.settings.horizon;
    let bad_calendar = |e: cairn_core::CalendarError| ApiError::invalid("settings.horizon", e.to_string());
    let first_month = cal.first_month(horizon.first_year).map_err(bad_calendar)?;
    let last_month = cal.last_month(horizon.last_year()).map_err(bad_calendar)?;
    let mut years = Vec::new();
    let mut quarters = Vec::new();
    for fy in horizon.fiscal_years() {
        let first = cal.first_month(fy).map_err(bad_calendar)?;
        years.push(PeriodDto { label: cal.label(fy), first_month: first.to_string(), months: 12 });
        for q in 0..4u8 {
            let m = first.add_months(i32::from(q) * 3).map_err(bad_calendar)?;
            quarters.push(PeriodDto { label: format!("Q{}", q + 1), first_month: m.to_string(), months: 3 });
        }
    }
    let rollup = cairn_roadmap::budget(plan).map_err(roadmap_error)?;
    let capacity = cairn_roadmap::capacity(plan).map_err(roadmap_error)?;
    let names = Names::new(plan);
    let name_of = |id: &Id| names.of(id);

    let items = if whole {
        plan.initiatives.iter().zip(&schedule.rows).map(|(x, row)| item_of(x, row)).collect()
    } else {
        Vec::new()
    };
    let lanes: Vec<LabelDto> = rollup
        .themes
        .iter()
        .map(|t| match t {
            Some(id) => LabelDto {
                id: id.to_string(),
                name: plan.themes.iter().find(|x| &x.id == id).map_or(id.to_string(), |x| x.name.clone()),
            },
            None => LabelDto { id: String::new(), name: "No theme".into() },
        })
        .collect();
    let cell =
        |theme: Option<String>, capex, opex, total, ceiling: Option<Decimal>, over_by: Option<Decimal>| BudgetCellDto {
            theme,
            capex: text(capex),
            opex: text(opex),
            total: text(total),
            ceiling: ceiling.map(text),
            over_by: over_by.map(text),
            // Headroom: the ceiling less the spend, when within it (both are checked sums, and a
            // ceiling at least the total cannot overflow by subtraction).
            headroom: ceiling.filter(|c| over_by.is_none() && *c >= total).map(|c| text(c - total)),
        };
    let budget = BudgetDto {
        lanes,
        rows: rollup
            .years
            .iter()
            .map(|y| BudgetRowDto {
                label: y.label.clone(),
                year: y.year.0,
                themes: y
                    .themes
                    .iter()
                    .map(|c| {
                        cell(c.theme.as_ref().map(ToString::to_string), c.capex, c.opex, c.total, c.ceiling, c.over_by)
                    })
                    .collect(),
                all: cell(None, y.capex, y.opex, y.total, y.ceiling, y.over_by),
            })
            .collect(),
        total: text(rollup.total),
        outside_horizon: text(rollup.outside_horizon),
    };
    Ok(RoadmapDto {
        currency: plan.settings.currency.code().to_owned(),
        first_month: first_month.to_string(),
        last_month: last_month.to_string(),
        years,
        quarters,
        themes: plan.themes.iter().map(|t| LabelDto { id: t.id.to_string(), name: t.name.clone() }).collect(),
        goals: plan.goals.iter().map(|g| LabelDto { id: g.id.to_string(), name: g.name.clone() }).collect(),
        cases: plan.business_cases.iter().map(|c| LabelDto { id: c.id.to_string(), name: c.name.clone() }).collect(),
        items,
        critical_path: schedule.critical_path.iter().map(ToString::to_string).collect(),
        start: schedule.start.map(|m| m.to_string()),
        finish: schedule.finish.map(|m| m.to_string()),
        violations: if whole { violation_dtos(schedule, &name_of) } else { Vec::new() },
        warnings: if whole { warning_dtos(schedule, &name_of) } else { Vec::new() },
        budget,
        scenario: None,
        overlay: None,
        capacity: capacity
            .quarters
            .iter()
            .map(|q| CapacityDto {
                label: q.label.clone(),
                demand: text(q.demand),
                capacity: q.capacity.map(text),
                over_by: q.over_by.map(text),
            })
            .collect(),
    })
}

/// Initiatives' names by id, found through an index built once: a roadmap can name thousands of
/// initiatives in its violations, warnings and moves.
/// The index is built on the first name asked for: a roadmap with nothing to report (no
/// violation, no warning) names nobody and need not index thousands of initiatives.
pub(crate) struct Names<'p> {
    plan: &'p Plan,
    at: std::cell::OnceCell<std::collections::HashMap<&'p Id, usize>>,
}

impl<'p> Names<'p> {
    pub(crate) fn new(plan: &'p Plan) -> Names<'p> {
        Names { plan, at: std::cell::OnceCell::new() }
    }

    /// The initiative's name, or its id when the plan has no such initiative.
    pub(crate) fn of(&self, id: &Id) -> String {
        let at = self.at.get_or_init(|| cairn_core::positions_by_id(&self.plan.initiatives, |x| &x.id));
        at.get(id).map_or(id.to_string(), |&k| self.plan.initiatives[k].name.clone())
    }
}

pub(crate) fn violation_dtos(
    schedule: &cairn_roadmap::Schedule,
    name_of: &impl Fn(&Id) -> String,
) -> Vec<ViolationDto> {
    schedule.violations.iter().map(|v| violation_dto(v, name_of)).collect()
}

pub(crate) fn warning_dtos(
    schedule: &cairn_roadmap::Schedule,
    name_of: &impl Fn(&Id) -> String,
) -> Vec<RoadmapWarningDto> {
    schedule
        .warnings
        .iter()
        .map(|w| RoadmapWarningDto {
            initiative: w.initiative.to_string(),
            message: format!("“{}” {}", name_of(&w.initiative), w.message),
        })
        .collect()
}

pub(crate) fn violation_dto(v: &cairn_roadmap::Violation, name_of: &impl Fn(&Id) -> String) -> ViolationDto {
    ViolationDto {
        initiative: v.initiative.to_string(),
        on: v.on.to_string(),
        earliest_start: v.earliest_start.to_string(),
        message: format!(
            "“{}” starts in {} but depends on “{}”, which allows {} at the earliest",
            name_of(&v.initiative),
            v.planned_start,
            name_of(&v.on),
            v.earliest_start
        ),
    }
}

/// Rewrites a validation error about `initiatives[i].field` so that it names the initiative and
/// the form's field.
fn about_initiative(plan: &Plan, e: ApiError) -> ApiError {
    let Some(field) = e.field.clone() else { return e };
    let Some(rest) = field.strip_prefix("initiatives[") else { return e };
    let Some((index, tail)) = rest.split_once(']') else { return e };
    let Some(x) = index.parse::<usize>().ok().and_then(|i| plan.initiatives.get(i)) else { return e };
    let form_field = tail.trim_start_matches('.');
    // `check` words it "<path>: <reason>".
    let reason = e.message.strip_prefix(&format!("{field}: ")).unwrap_or(&e.message);
    ApiError {
        code: e.code,
        message: cairn_core::text::one_line(&format!(
            "Initiative “{}”, {}: {reason}",
            x.name,
            if form_field.is_empty() { "dependencies" } else { form_field }
        ))
        .into_owned(),
        field: Some(if form_field.is_empty() { "dependencies".into() } else { form_field.into() }),
    }
}

impl Cairn {
    /// The plan's initiatives as CSV (columns documented in `docs/roadmap.md`).
    pub fn export_initiatives_csv(&self, plan_id: &str) -> Result<String, ApiError> {
        Ok(cairn_roadmap::initiatives_to_csv(&*self.store.load(plan_id)?))
    }

    /// Writes the plan's initiatives as a CSV file (whole or not at all).
    pub fn export_initiatives_csv_file(&self, plan_id: &str, path: &std::path::Path) -> Result<(), ApiError> {
        crate::write_file_atomically(path, self.export_initiatives_csv(plan_id)?.as_bytes())
    }

    /// Imports initiatives from CSV as one undoable step: rows whose id the plan has replace
    /// that initiative, the others are added. Every bad row is reported by line and column and
    /// nothing is imported while there is one.
    pub fn import_initiatives_csv(
        &self,
        plan_id: &str,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<RoadmapDto, ApiError> {
        let plan = self.store.load(plan_id)?;
        let initiatives = cairn_roadmap::initiatives_from_csv(&plan, text).map_err(|problems| {
            let shown: Vec<String> = problems.iter().take(12).map(ToString::to_string).collect();
            let more = problems.len().saturating_sub(shown.len());
            let tail = if more > 0 { format!("; and {more} more") } else { String::new() };
            ApiError::new(
                ErrorCode::InvalidFile,
                format!(
                    "Nothing was imported. The CSV has {} problem{}: {}{tail}",
                    problems.len(),
                    if problems.len() == 1 { "" } else { "s" },
                    shown.join("; ")
                ),
            )
        })?;
        let count = initiatives.len().saturating_sub(plan.initiatives.len());
        self.replace_initiatives(plan_id, &format!("Import initiatives from CSV ({count} new)"), initiatives, now)
    }

    /// Stores imported initiatives as one undoable step; a plan rule they break imports nothing.
    fn replace_initiatives(
        &self,
        plan_id: &str,
        description: &str,
        initiatives: Vec<Arc<Initiative>>,
        now: DateTime<Utc>,
    ) -> Result<RoadmapDto, ApiError> {
        let result = self.edit(plan_id, description, now, |p| {
            p.initiatives = initiatives;
            Ok(())
        });
        match result {
            Ok(_) => self.roadmap(plan_id, None, None),
            Err(e) => Err(ApiError::new(ErrorCode::InvalidFile, format!("Nothing was imported: {}", e.message))),
        }
    }

    /// Imports initiatives from a CSV file; see [`Cairn::import_initiatives_csv`].
    pub fn import_initiatives_csv_file(
        &self,
        plan_id: &str,
        path: &std::path::Path,
        now: DateTime<Utc>,
    ) -> Result<RoadmapDto, ApiError> {
        let text = crate::read_text(path, crate::FileKind::Csv)?;
        self.import_initiatives_csv(plan_id, &text, now)
    }

    /// Writes the plan's initiatives, milestones and dependencies as MS Project XML (MSPDI).
    pub fn export_initiatives_project_file(&self, plan_id: &str, path: &std::path::Path) -> Result<(), ApiError> {
        let xml = cairn_roadmap::initiatives_to_project_xml(&*self.store.load(plan_id)?);
        crate::write_file_atomically(path, xml.as_bytes())
    }

    /// Imports initiatives, milestones and dependencies from an MS Project XML file as one
    /// undoable step; every problem is reported by task and nothing is imported while there is one.
    pub fn import_initiatives_project_file(
        &self,
        plan_id: &str,
        path: &std::path::Path,
        now: DateTime<Utc>,
    ) -> Result<RoadmapDto, ApiError> {
        let xml = crate::read_text(path, crate::FileKind::Project)?;
        let plan = self.store.load(plan_id)?;
        let initiatives = cairn_roadmap::initiatives_from_project_xml(&plan, &xml).map_err(|problems| {
            let shown: Vec<String> = problems.iter().take(12).map(ToString::to_string).collect();
            ApiError::new(
                ErrorCode::InvalidFile,
                format!("Nothing was imported from {}: {}", path.display(), shown.join("; ")),
            )
        })?;
        self.replace_initiatives(plan_id, "Import initiatives from MS Project", initiatives, now)
    }

    /// The roadmap view: initiatives with their schedule, budget against ceilings, capacity —
    /// of the plan, or of a scenario (`scenario`: its id). `overlay` sets it against another
    /// variant (`"plan"`, a scenario or a baseline, by id or name): ghost bars and the change of
    /// spend by fiscal year.
    pub fn roadmap(
        &self,
        plan_id: &str,
        scenario: Option<&str>,
        overlay: Option<&str>,
    ) -> Result<RoadmapDto, ApiError> {
        let plan = self.store.load(plan_id)?;
        let shown = roadmap_variant::shown(&plan, scenario)?;
        let schedule = self.schedule.get(&plan, scenario, &shown)?;
        let mut dto = roadmap_view(&shown, &schedule, true)?;
        if let Some(id) = scenario {
            dto.scenario = Some(LabelDto { id: id.to_owned(), name: roadmap_variant::scenario_name(&plan, id)? });
        }
        if let Some(name) = overlay.map(str::trim).filter(|n| !n.is_empty()) {
            let other = cairn_scenario::variant(&plan, name).map_err(|e| ApiError::invalid("overlay", e.0))?;
            dto.overlay = Some(roadmap_variant::overlay(other.label, &shown, &other.plan)?);
        }
        Ok(dto)
    }

    /// One initiative's whole record (of the plan, or as a scenario has it), for the editor.
    pub fn initiative(&self, plan_id: &str, scenario: Option<&str>, id: &str) -> Result<InitiativeDto, ApiError> {
        let plan = self.store.load(plan_id)?;
        let shown = roadmap_variant::shown(&plan, scenario)?;
        initiative_dto(&shown, id)
    }

    /// Edits the plan's initiatives (or, in a scenario, the scenario's overrides) as one
    /// undoable step, naming the initiative in errors.
    fn edit_roadmap(
        &self,
        plan_id: &str,
        scenario: Option<&str>,
        description: &str,
        now: DateTime<Utc>,
        change: impl FnOnce(&mut Plan) -> Result<(), ApiError>,
    ) -> Result<RoadmapDto, ApiError> {
        self.store_roadmap_edit(plan_id, scenario, description, now, change)?;
        self.roadmap(plan_id, scenario, None)
    }

    /// Stores an edit of the roadmap (see [`Cairn::edit_roadmap`]) without answering with it.
    pub(crate) fn store_roadmap_edit(
        &self,
        plan_id: &str,
        scenario: Option<&str>,
        description: &str,
        now: DateTime<Utc>,
        change: impl FnOnce(&mut Plan) -> Result<(), ApiError>,
    ) -> Result<(), ApiError> {
        let description = match scenario {
            Some(id) => {
                format!(
                    "{description} in scenario “{}”",
                    roadmap_variant::scenario_name(&*self.store.load(plan_id)?, id)?
                )
            }
            None => description.to_owned(),
        };
        self.edit_with(plan_id, &description, now, change, about_initiative)?;
        Ok(())
    }

    /// Adds an initiative (empty `id`) or replaces one. In a scenario only its dates and status
    /// may change (they become the scenario's overrides); any other field is refused by name.
    pub fn save_initiative(
        &self,
        plan_id: &str,
        scenario: Option<&str>,
        input: &InitiativeInputDto,
        now: DateTime<Utc>,
    ) -> Result<RoadmapDto, ApiError> {
        let name = input.name.trim();
        if let Some(sid) = scenario {
            let plan = self.store.load(plan_id)?;
            let shown = roadmap_variant::resolved(&plan, Some(sid))?;
            let Some(current) = shown.initiatives.iter().find(|x| x.id.as_str() == input.id) else {
                let scenario_name = roadmap_variant::scenario_name(&plan, sid)?;
                return Err(ApiError::invalid(
                    "name",
                    format!(
                        "initiatives are added to the plan, not to the scenario “{scenario_name}”: switch to the plan to add one"
                    ),
                ));
            };
            let edited = initiative_from(input, current.id.clone())?;
            let changes =
                roadmap_variant::panel_changes(&roadmap_variant::scenario_name(&plan, sid)?, current, &edited)?;
            let id = current.id.clone();
            return self.edit_roadmap(plan_id, scenario, &format!("Edit initiative “{name}”"), now, |p| {
                roadmap_variant::record(p, sid, changes.into_iter().map(|c| (id.clone(), c)).collect())
            });
        }
        let verb = if input.id.is_empty() { "Add" } else { "Edit" };
        self.edit_roadmap(plan_id, None, &format!("{verb} initiative “{name}”"), now, |p| {
            match p.initiatives.iter().position(|x| x.id.as_str() == input.id) {
                Some(i) => {
                    let id = p.initiatives[i].id.clone();
                    p.initiatives[i] = initiative_from(input, id)?.into();
                }
                None if input.id.is_empty() => {
                    let id = fresh_id(name, "initiative", p.initiatives.iter().map(|x| &x.id))?;
                    let x = initiative_from(input, id)?;
                    p.initiatives.push(x.into());
                }
                None => {
                    return Err(ApiError::new(
                        ErrorCode::NotFound,
                        format!("no initiative has the id \"{}\"", input.id),
                    ));
                }
            }
            Ok(())
        })
    }

    /// Deletes an initiative, with the dependencies on it and its links from business cases.
    /// In a scenario it is left out of the scenario instead; the plan keeps it.
    pub fn delete_initiative(
        &self,
        plan_id: &str,
        scenario: Option<&str>,
        id: &str,
        now: DateTime<Utc>,
    ) -> Result<RoadmapDto, ApiError> {
        let plan = self.store.load(plan_id)?;
        let shown = roadmap_variant::shown(&plan, scenario)?;
        let Some(x) = shown.initiatives.iter().find(|x| x.id.as_str() == id) else {
            return Err(ApiError::new(ErrorCode::NotFound, format!("no initiative has the id \"{id}\"")));
        };
        let name = x.name.clone();
        if let Some(sid) = scenario {
            let dependents: Vec<String> = shown
                .initiatives
                .iter()
                .filter(|d| d.dependencies.iter().any(|dep| dep.on == x.id))
                .map(|d| format!("“{}”", d.name))
                .collect();
            if !dependents.is_empty() {
                return Err(ApiError::invalid(
                    "dependencies",
                    format!(
                        "“{name}” cannot be left out of the scenario on its own: {} depend{} on it; leave {} out first",
                        dependents.join(", "),
                        if dependents.len() == 1 { "s" } else { "" },
                        if dependents.len() == 1 { "it" } else { "them" }
                    ),
                ));
            }
            let target = x.id.clone();
            return self.edit_roadmap(plan_id, scenario, &format!("Leave out “{name}”"), now, |p| {
                roadmap_variant::record(p, sid, vec![(target, roadmap_variant::Change::Included(false))])
            });
        }
        self.edit_roadmap(plan_id, None, &format!("Delete initiative “{name}”"), now, |p| {
            p.initiatives.retain(|x| x.id.as_str() != id);
            for x in &mut p.initiatives {
                if x.dependencies.iter().any(|d| d.on.as_str() == id) {
                    Arc::make_mut(x).dependencies.retain(|d| d.on.as_str() != id);
                }
            }
            for c in &mut p.business_cases {
                c.forget_initiatives(|i| i.as_str() == id);
            }
            for r in &mut p.risks {
                r.forget_initiatives(|i| i.as_str() == id);
            }
            Ok(())
        })
    }
}

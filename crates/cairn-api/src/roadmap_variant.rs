//! The roadmap in a scenario, and set against another variant of the plan.
//!
//! In a scenario the timeline shows the scenario's resolved plan, and an edit there is stored
//! as the scenario's overrides (dates, status, inclusion), never as a change to the plan: the
//! plan and every other scenario stay as they were. An override that would only repeat what
//! the scenario's parent already says is dropped, so a scenario lists only real differences.
//!
//! An overlay sets the roadmap against another variant — the plan, a scenario or a baseline:
//! ghost bars where an initiative's dates differ, and the change of spend by fiscal year.

use cairn_core::{Id, Initiative, InitiativeStatus, Override, Plan, ScenarioError, YearMonth};
use rust_decimal::Decimal;

use crate::roadmap_dto::{GhostBarDto, OverlayDto, OverlayYearDto};
use crate::{ApiError, ErrorCode};

pub(crate) fn scenario_error(e: ScenarioError) -> ApiError {
    match e {
        ScenarioError::NotFound(_) => ApiError::new(ErrorCode::NotFound, e.to_string()),
        ScenarioError::Cycle(_) => ApiError::invalid("scenario", e.to_string()),
    }
}

/// The plan as the scenario sees it (`None`: the plan itself, without scenarios and baselines).
pub(crate) fn resolved(plan: &Plan, scenario: Option<&str>) -> Result<Plan, ApiError> {
    match scenario {
        Some(id) => cairn_core::resolve(plan, id).map_err(scenario_error),
        None => Ok(plan.without_variants()),
    }
}

/// The plan as the scenario sees it, for reading: [`resolved`] for a scenario, and for the plan
/// itself the stored plan as it is, not a copy (a plan of thousands of initiatives takes
/// milliseconds to copy). Its scenarios and baselines are then still there; the roadmap's views
/// and moves and the cases' summaries read only its settings, themes, goals, initiatives and
/// business cases.
pub(crate) fn shown<'p>(plan: &'p Plan, scenario: Option<&str>) -> Result<std::borrow::Cow<'p, Plan>, ApiError> {
    match scenario {
        Some(_) => resolved(plan, scenario).map(std::borrow::Cow::Owned),
        None => Ok(std::borrow::Cow::Borrowed(plan)),
    }
}

/// The scenario's name, for history entries and messages.
pub(crate) fn scenario_name(plan: &Plan, scenario: &str) -> Result<String, ApiError> {
    plan.scenarios
        .iter()
        .find(|s| s.id.as_str() == scenario)
        .map(|s| s.name.clone())
        .ok_or_else(|| scenario_error(ScenarioError::NotFound(scenario.to_owned())))
}

/// What the scenario's parent says, which its own overrides differ from.
pub(crate) fn parent_of(plan: &Plan, scenario: &str) -> Result<Plan, ApiError> {
    cairn_scenario::overrides::parent_of(plan, scenario).map_err(scenario_error)
}

/// One initiative-level difference to record in a scenario.
pub(crate) enum Change {
    Dates { start: YearMonth, end: YearMonth },
    Status(InitiativeStatus),
    Included(bool),
}

impl Change {
    fn into_override(self, initiative: Id) -> Override {
        match self {
            Change::Dates { start, end } => Override::InitiativeDates { initiative, start, end },
            Change::Status(status) => Override::InitiativeStatus { initiative, status },
            Change::Included(included) => Override::InitiativeIncluded { initiative, included },
        }
    }
}

/// Records `changes` as the scenario's own overrides, replacing its earlier ones on the same
/// initiative and aspect, and dropping those that only repeat its parent
/// (`cairn_scenario::overrides::record_in`).
pub(crate) fn record(plan: &mut Plan, scenario: &str, changes: Vec<(Id, Change)>) -> Result<(), ApiError> {
    let edits = changes.into_iter().map(|(initiative, change)| change.into_override(initiative));
    cairn_scenario::overrides::record_in(plan, scenario, edits).map_err(scenario_error)
}

/// The differences a scenario may hold for an initiative edited in the side panel: dates and
/// status. Any other field that differs is refused by name.
pub(crate) fn panel_changes(
    scenario_name: &str,
    current: &Initiative,
    edited: &Initiative,
) -> Result<Vec<Change>, ApiError> {
    let mut rest = edited.clone();
    rest.start = current.start;
    rest.end = current.end;
    rest.status = current.status;
    if rest != *current {
        let field = differing_field(current, &rest);
        return Err(ApiError::invalid(
            field,
            format!(
                "in the scenario “{scenario_name}” only an initiative's dates and status can differ from the plan; \
                 switch to the plan to change its {}",
                field.replace('_', " ")
            ),
        ));
    }
    let mut out = Vec::new();
    if edited.start != current.start || edited.end != current.end {
        out.push(Change::Dates { start: edited.start, end: edited.end });
    }
    if edited.status != current.status {
        out.push(Change::Status(edited.status));
    }
    Ok(out)
}

fn differing_field(a: &Initiative, b: &Initiative) -> &'static str {
    if a.name != b.name {
        "name"
    } else if a.description != b.description {
        "description"
    } else if a.theme != b.theme {
        "theme"
    } else if a.owner != b.owner {
        "owner"
    } else if a.goals != b.goals {
        "goals"
    } else if a.milestones != b.milestones {
        "milestones"
    } else if a.dependencies != b.dependencies {
        "dependencies"
    } else if a.priority != b.priority {
        "priority"
    } else if a.risk != b.risk {
        "risk"
    } else if a.budget != b.budget {
        "budget"
    } else {
        "fte"
    }
}

/// The roadmap `current` set against `other` (labelled `label`): ghost bars where dates
/// differ, initiatives only one side has, and spend by fiscal year with its change.
pub(crate) fn overlay(label: String, current: &Plan, other: &Plan) -> Result<OverlayDto, ApiError> {
    // Each side's initiatives by id, built once: thousands of initiatives are matched pairwise.
    let here_at = cairn_core::positions_by_id(&current.initiatives, |x| &x.id);
    let there_at = cairn_core::positions_by_id(&other.initiatives, |x| &x.id);
    let bars = current
        .initiatives
        .iter()
        .filter_map(|x| {
            let o = &other.initiatives[*there_at.get(&x.id)?];
            (o.start != x.start || o.end != x.end).then(|| GhostBarDto {
                id: x.id.to_string(),
                start: o.start.to_string(),
                end: o.end.to_string(),
                slip_months: o.start.months_until(x.start),
            })
        })
        .collect();
    let only_here =
        current.initiatives.iter().filter(|x| !there_at.contains_key(&x.id)).map(|x| x.name.clone()).collect();
    let only_there =
        other.initiatives.iter().filter(|o| !here_at.contains_key(&o.id)).map(|o| o.name.clone()).collect();
    let roadmap_error = |e: cairn_roadmap::RoadmapError| ApiError::invalid("overlay", e.to_string());
    let here = cairn_roadmap::budget(current).map_err(roadmap_error)?;
    let there = cairn_roadmap::budget(other).map_err(roadmap_error)?;
    let mut years = Vec::new();
    for y in &here.years {
        let before = there.years.iter().find(|t| t.year == y.year).map_or(Decimal::ZERO, |t| t.total);
        let change = y.total.checked_sub(before).ok_or_else(|| {
            ApiError::invalid("overlay", format!("the change of spend in {} is too large to compute", y.label))
        })?;
        years.push(OverlayYearDto {
            year: y.year.0,
            total: crate::codec::decimal_text(before),
            change: crate::codec::decimal_text(change),
        });
    }
    Ok(OverlayDto { label, bars, only_here, only_there, years })
}

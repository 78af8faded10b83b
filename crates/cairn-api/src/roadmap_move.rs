//! Moving initiatives on the timeline: what a move would do (its preview) and the move itself,
//! answered with what changed (`RoadmapPatchDto`). The schedule before a move is the one the
//! page's last view computed, remembered by [`ScheduleMemo`].

use cairn_core::{Id, Initiative, Plan, YearMonth};
use chrono::{DateTime, Utc};
use std::sync::Arc;

use crate::codec::parse_month;
use crate::roadmap::{Names, item_of, roadmap_error, roadmap_view, violation_dto, violation_dtos, warning_dtos};
use crate::roadmap_dto::*;
use crate::roadmap_variant;
use crate::{ApiError, Cairn};

/// The schedule of the roadmap a page last asked for: the plan as stored (held, so that its
/// address names that version and no other), the scenario it was shown in, and its schedule.
/// A move needs the schedule before it to say what changed; the page's last view has it.
#[derive(Debug, Default)]
pub(crate) struct ScheduleMemo(std::sync::Mutex<Option<Remembered>>);

/// The plan as stored, the scenario shown, and that roadmap's schedule.
type Remembered = (Arc<Plan>, Option<String>, Arc<cairn_roadmap::Schedule>);

impl ScheduleMemo {
    /// The schedule of `shown` (`stored` as `scenario` shows it), computed unless remembered.
    pub(crate) fn get(
        &self,
        stored: &Arc<Plan>,
        scenario: Option<&str>,
        shown: &Plan,
    ) -> Result<Arc<cairn_roadmap::Schedule>, ApiError> {
        if let Some((plan, sid, schedule)) = &*self.lock()
            && Arc::ptr_eq(plan, stored)
            && sid.as_deref() == scenario
        {
            return Ok(Arc::clone(schedule));
        }
        let schedule = Arc::new(cairn_roadmap::schedule(shown).map_err(roadmap_error)?);
        *self.lock() = Some((Arc::clone(stored), scenario.map(str::to_owned), Arc::clone(&schedule)));
        Ok(schedule)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Remembered>> {
        // What it holds is always whole (one assignment), so a panic elsewhere cannot spoil it.
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Cairn {
    /// What moving an initiative to new dates would do (in the plan or a scenario): every
    /// dependent that must follow, and any predecessor the new dates would break. Nothing is saved.
    pub fn preview_move(
        &self,
        plan_id: &str,
        scenario: Option<&str>,
        id: &str,
        start: &str,
        end: &str,
    ) -> Result<MovePreviewDto, ApiError> {
        let stored = self.store.load(plan_id)?;
        let plan = roadmap_variant::shown(&stored, scenario)?;
        preview(&plan, id, parse_month(start, "start")?, parse_month(end, "end")?)
    }

    /// Moves an initiative and every dependent that must follow, as one undoable step. In a
    /// scenario the new dates are the scenario's overrides; the plan keeps its dates. Answers
    /// with what changed on the timeline (see [`RoadmapPatchDto`]), not the whole roadmap.
    pub fn move_initiative(
        &self,
        plan_id: &str,
        scenario: Option<&str>,
        id: &str,
        start: &str,
        end: &str,
        now: DateTime<Utc>,
    ) -> Result<RoadmapPatchDto, ApiError> {
        let stored = self.store.load(plan_id)?;
        let plan = roadmap_variant::shown(&stored, scenario)?;
        let (start, end) = (parse_month(start, "start")?, parse_month(end, "end")?);
        let moves = cairn_roadmap::reschedule(&plan, id, start, end).map_err(roadmap_error)?;
        let before = self.schedule.get(&stored, scenario, &plan)?;
        let name = plan.initiatives.iter().find(|x| x.id.as_str() == id).map_or(id.to_owned(), |x| x.name.clone());
        let followers = match moves.len().saturating_sub(1) {
            0 => String::new(),
            1 => " and 1 dependent".to_owned(),
            n => format!(" and {n} dependents"),
        };
        let description = format!("Move “{name}” to {start}–{end}{followers}");
        if let Some(sid) = scenario {
            let changes = moves
                .iter()
                .map(|m| (m.id.clone(), roadmap_variant::Change::Dates { start: m.start, end: m.end }))
                .collect();
            self.store_roadmap_edit(plan_id, scenario, &description, now, |p| {
                roadmap_variant::record(p, sid, changes)
            })?;
        } else {
            self.store_roadmap_edit(plan_id, None, &description, now, |p| {
                cairn_roadmap::apply_moves(p, &moves).map_err(roadmap_error)
            })?;
        }
        let stored_after = self.store.load(plan_id)?;
        let after = roadmap_variant::shown(&stored_after, scenario)?;
        let schedule = self.schedule.get(&stored_after, scenario, &after)?;
        let mut roadmap = roadmap_view(&after, &schedule, false)?;
        if let Some(sid) = scenario {
            roadmap.scenario =
                Some(LabelDto { id: sid.to_owned(), name: roadmap_variant::scenario_name(&stored_after, sid)? });
        }
        let changed = changed_items(&plan, &before, &after, &schedule);
        // Unchanged, the patch leaves the violations and warnings out. A move renames nobody, so
        // the same violations and warnings read the same.
        let names = Names::new(&after);
        let name_of = |id: &Id| names.of(id);
        let violations = (schedule.violations != before.violations).then(|| violation_dtos(&schedule, &name_of));
        let warnings = (schedule.warnings != before.warnings).then(|| warning_dtos(&schedule, &name_of));
        Ok(RoadmapPatchDto { changed, violations, warnings, roadmap })
    }
}

/// The timeline items of `after` that differ from `before` in what an edit of dates can change
/// (start, end, float, criticality), or that are new. A move keeps the initiatives in their
/// order, so the two are compared row by row; a row whose id differs is looked up by id (in an
/// index built the first time).
fn changed_items(
    before: &Plan,
    before_schedule: &cairn_roadmap::Schedule,
    after: &Plan,
    after_schedule: &cairn_roadmap::Schedule,
) -> Vec<TimelineItemDto> {
    let index = std::cell::OnceCell::new();
    let old = |k: usize, x: &Initiative| -> Option<(YearMonth, YearMonth, i32, bool)> {
        let at = match before.initiatives.get(k) {
            Some(o) if o.id == x.id => Some(k),
            _ => index.get_or_init(|| cairn_core::positions_by_id(&before.initiatives, |o| &o.id)).get(&x.id).copied(),
        }?;
        let row = before_schedule.rows.get(at)?;
        let o = &before.initiatives[at];
        Some((o.start, o.end, row.total_float, row.critical))
    };
    after
        .initiatives
        .iter()
        .zip(&after_schedule.rows)
        .enumerate()
        .filter(|(k, (x, row))| old(*k, x) != Some((x.start, x.end, row.total_float, row.critical)))
        .map(|(_, (x, row))| item_of(x, row))
        .collect()
}

fn preview(plan: &Plan, id: &str, start: YearMonth, end: YearMonth) -> Result<MovePreviewDto, ApiError> {
    let moves = cairn_roadmap::reschedule(plan, id, start, end).map_err(roadmap_error)?;
    let names = Names::new(plan);
    let name_of = |id: &Id| names.of(id);
    // The schedule reads the settings and the initiatives: only those are copied to move them.
    let mut moved = Plan { initiatives: plan.initiatives.clone(), ..Plan::from_header(plan.header()) };
    cairn_roadmap::apply_moves(&mut moved, &moves).map_err(roadmap_error)?;
    let violations = cairn_roadmap::schedule(&moved)
        .map_err(roadmap_error)?
        .violations
        .iter()
        .filter(|v| v.initiative.as_str() == id)
        .map(|v| violation_dto(v, &name_of))
        .collect();
    Ok(MovePreviewDto {
        moves: moves
            .iter()
            .map(|m| MoveDto {
                id: m.id.to_string(),
                name: name_of(&m.id),
                start: m.start.to_string(),
                end: m.end.to_string(),
                by_months: m.by_months,
            })
            .collect(),
        violations,
    })
}

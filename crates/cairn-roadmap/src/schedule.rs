//! The critical path method over months, and moving initiatives with their dependents.

use std::collections::HashMap;

use cairn_core::{Id, Initiative, Plan, YearMonth};
use serde::Serialize;

use crate::RoadmapError;
use crate::cpm::{LAST_MONTH_INDEX as LAST_INDEX, Network, allowed_start};

/// One initiative's place in the schedule. Months are inclusive: an early finish of 2027-03
/// means work runs to the end of March.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScheduleRow {
    /// The initiative.
    pub id: Id,
    /// The earliest it can start: the later of its planned start and what its predecessors allow.
    pub early_start: YearMonth,
    /// `early_start` plus its duration.
    pub early_finish: YearMonth,
    /// The latest it can start without delaying the roadmap's finish.
    pub late_start: YearMonth,
    /// The latest it can finish without delaying the roadmap's finish.
    pub late_finish: YearMonth,
    /// Months it can slip without delaying the finish (never negative).
    pub total_float: i32,
    /// Whether it has no float.
    pub critical: bool,
}

/// A dependency the planned dates break.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// The dependent initiative.
    pub initiative: Id,
    /// The predecessor.
    pub on: Id,
    /// The earliest start the dependency allows.
    pub earliest_start: YearMonth,
    /// The planned start, earlier than that.
    pub planned_start: YearMonth,
}

/// Something worth a warning that does not stop scheduling.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Warning {
    /// The initiative.
    pub initiative: Id,
    /// What, in plain words.
    pub message: String,
}

/// The schedule of a whole roadmap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Schedule {
    /// One row per initiative, in the plan's order.
    pub rows: Vec<ScheduleRow>,
    /// The first planned start (`None` for a roadmap without initiatives).
    pub start: Option<YearMonth>,
    /// The latest early finish: when the roadmap ends.
    pub finish: Option<YearMonth>,
    /// A chain of critical initiatives through driving dependencies, in delivery order, ending at
    /// the finish.
    pub critical_path: Vec<Id>,
    /// Dependencies the planned dates break.
    pub violations: Vec<Violation>,
    /// Dates outside the plan's horizon.
    pub warnings: Vec<Warning>,
}

/// The month index as `YYYY-MM`, also past the years a [`YearMonth`] holds.
fn month_text(index: i32) -> String {
    format!("{:04}-{:02}", index.div_euclid(12), index.rem_euclid(12) + 1)
}

fn month(index: i32, who: &Initiative) -> Result<YearMonth, RoadmapError> {
    YearMonth::from_index(index).map_err(|e| RoadmapError::Date { initiative: who.name.clone(), reason: e.to_string() })
}

/// Schedules the plan's initiatives by the critical path method.
pub fn schedule(plan: &Plan) -> Result<Schedule, RoadmapError> {
    let xs = &plan.initiatives;
    let net = Network::new(xs)?;
    let n = xs.len();
    let duration: Vec<i32> = xs.iter().map(|x| x.months().max(1)).collect();
    let planned: Vec<i32> = xs.iter().map(|x| x.start.index()).collect();
    let mut es = vec![0i32; n];
    let mut ef = vec![0i32; n];
    let finish = net.early_dates(&planned, &duration, &mut es, &mut ef);
    // Validation refuses such a plan (`cairn_core::validate`); one that skipped it is told which
    // dependency pushes which initiative out, not that a valid date is invalid. The first
    // initiative in dependency order past the last month is the one to name: its predecessors
    // all fit.
    if let Some(&k) = net.order.iter().find(|&&k| ef[k] > LAST_INDEX) {
        let reason = match net.driver(k, planned[k], &es, &ef) {
            Some(l) => format!(
                "its dependency on \"{}\" (lag {} months) moves it to {} – {}, past {}, the last month Cairn schedules",
                xs[l.other].name,
                l.lag,
                month_text(es[k]),
                month_text(ef[k]),
                month_text(LAST_INDEX)
            ),
            None => format!("it ends after {}, the last month Cairn schedules", month_text(LAST_INDEX)),
        };
        return Err(RoadmapError::Date { initiative: xs[k].name.clone(), reason });
    }
    let mut ls = vec![0i32; n];
    let mut lf = vec![0i32; n];
    if let Some(finish) = finish {
        net.late_dates(&duration, finish, &mut ls, &mut lf);
    }
    let mut rows = Vec::with_capacity(n);
    for (k, x) in xs.iter().enumerate() {
        let total_float = ls[k] - es[k];
        rows.push(ScheduleRow {
            id: x.id.clone(),
            early_start: month(es[k], x)?,
            early_finish: month(ef[k], x)?,
            late_start: month(ls[k], x)?,
            late_finish: month(lf[k], x)?,
            total_float,
            critical: total_float == 0,
        });
    }

    // The critical path: the longest chain of critical initiatives linked by driving
    // dependencies (a predecessor whose finish or start sets the successor's early start) that
    // ends at the finish; on a tie, the one ending with the initiative first in the plan.
    let mut critical_path = Vec::new();
    if let Some(finish) = finish {
        let critical = |k: usize| ls[k] == es[k];
        // links[k]: the length of the longest driving critical chain ending at k, and its previous link.
        let mut links: Vec<(usize, Option<usize>)> = vec![(0, None); n];
        for &k in &net.order {
            if !critical(k) {
                continue;
            }
            links[k] = (1, None);
            for l in net.preds(k) {
                let p = l.other;
                let drives = critical(p) && allowed_start(l, es[p], ef[p]) == es[k];
                // Longer chains win; on a tie, the predecessor first in the plan.
                let better =
                    links[p].0 + 1 > links[k].0 || (links[p].0 + 1 == links[k].0 && links[k].1.is_some_and(|q| p < q));
                if drives && better {
                    links[k] = (links[p].0 + 1, Some(p));
                }
            }
        }
        let last =
            (0..n).filter(|&k| critical(k) && ef[k] == finish).max_by_key(|&k| (links[k].0, std::cmp::Reverse(k)));
        let mut at = last;
        while let Some(k) = at {
            critical_path.push(xs[k].id.clone());
            at = links[k].1;
        }
        critical_path.reverse();
    }

    let mut violations = Vec::new();
    for (k, x) in xs.iter().enumerate() {
        for l in net.preds(k) {
            let p = &xs[l.other];
            let earliest = allowed_start(l, p.start.index(), p.end.index());
            if x.start.index() < earliest {
                violations.push(Violation {
                    initiative: x.id.clone(),
                    on: p.id.clone(),
                    earliest_start: month(earliest, x)?,
                    planned_start: x.start,
                });
            }
        }
    }

    let cal = &plan.settings.fiscal_calendar;
    let horizon = &plan.settings.horizon;
    let first = cal.first_month(horizon.first_year).ok();
    let last = cal.last_month(horizon.last_year()).ok();
    let mut warnings = Vec::new();
    for x in xs {
        let label = |m: YearMonth| cal.label(cal.fiscal_year_of(m));
        if let Some(first) = first
            && x.start < first
        {
            warnings.push(Warning {
                initiative: x.id.clone(),
                message: format!("starts in {} ({}), before the plan's horizon", x.start, label(x.start)),
            });
        }
        if let Some(last) = last
            && x.end > last
        {
            warnings.push(Warning {
                initiative: x.id.clone(),
                message: format!("ends in {} ({}), after the plan's horizon", x.end, label(x.end)),
            });
        }
    }

    Ok(Schedule {
        rows,
        start: xs.iter().map(|x| x.start).min(),
        finish: finish.and_then(|f| YearMonth::from_index(f).ok()),
        critical_path,
        violations,
        warnings,
    })
}

/// An initiative's new dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Move {
    /// The initiative.
    pub id: Id,
    /// Its new first month.
    pub start: YearMonth,
    /// Its new last month.
    pub end: YearMonth,
    /// Months it moved (positive: later).
    pub by_months: i32,
}

/// Applies `moves` (from [`reschedule`]) to the plan. An initiative that moves whole (its length
/// unchanged) takes its milestones along, as a task's milestones follow it in MS Project; one
/// that is resized keeps its milestones where they are.
pub fn apply_moves(plan: &mut Plan, moves: &[Move]) -> Result<(), RoadmapError> {
    // A move can carry thousands of dependents along: find each through an index, not a scan.
    let at: HashMap<Id, usize> =
        cairn_core::positions_by_id(&plan.initiatives, |x| &x.id).into_iter().map(|(id, k)| (id.clone(), k)).collect();
    for m in moves {
        let Some(x) = at.get(&m.id).map(|&k| plan.initiative_mut(k)) else {
            return Err(RoadmapError::UnknownInitiative(m.id.to_string()));
        };
        let whole = x.start.months_until(x.end) == m.start.months_until(m.end);
        let by = x.start.months_until(m.start);
        if whole && by != 0 {
            for k in 0..x.milestones.len() {
                let shifted = month(x.milestones[k].month.index() + by, x)?;
                x.milestones[k].month = shifted;
            }
        }
        x.start = m.start;
        x.end = m.end;
    }
    Ok(())
}

/// Gives initiative `id` new dates and pushes every dependent that the move would otherwise
/// violate later, just enough to respect its dependencies and their lags, keeping each one's
/// duration. Dependents that still fit stay where they are; nothing is pulled earlier. Returns
/// the moved initiative first, then every dependent that must move, in dependency order.
pub fn reschedule(plan: &Plan, id: &str, start: YearMonth, end: YearMonth) -> Result<Vec<Move>, RoadmapError> {
    let xs = &plan.initiatives;
    let target =
        xs.iter().position(|x| x.id.as_str() == id).ok_or_else(|| RoadmapError::UnknownInitiative(id.into()))?;
    if end < start {
        return Err(RoadmapError::Date {
            initiative: xs[target].name.clone(),
            reason: format!("would end ({end}) before it starts ({start})"),
        });
    }
    let net = Network::new(xs)?;
    let mut starts: Vec<i32> = xs.iter().map(|x| x.start.index()).collect();
    let mut ends: Vec<i32> = xs.iter().map(|x| x.end.index()).collect();
    starts[target] = start.index();
    ends[target] = end.index();
    // Only what lies downstream of the moved initiative may move.
    let mut downstream = vec![false; xs.len()];
    downstream[target] = true;
    let mut moved = vec![target];
    for &k in &net.order {
        if k == target || !net.preds(k).iter().any(|l| downstream[l.other]) {
            continue;
        }
        downstream[k] = true;
        let needed = net.preds(k).iter().map(|l| allowed_start(l, starts[l.other], ends[l.other])).max();
        if let Some(needed) = needed
            && needed > starts[k]
        {
            let shift = needed - starts[k];
            starts[k] = needed;
            ends[k] = ends[k].saturating_add(shift);
            moved.push(k);
        }
    }
    moved
        .into_iter()
        .map(|k| {
            Ok(Move {
                id: xs[k].id.clone(),
                start: month(starts[k], &xs[k])?,
                end: month(ends[k], &xs[k])?,
                by_months: starts[k] - xs[k].start.index(),
            })
        })
        .collect()
}

//! How long an initiative may take: the three-point estimate schedule risk analysis draws from
//! (docs/risk.md, "Schedule risk").
//!
//! An initiative may state its own range ([`DurationRange`], in whole months); one that does not
//! takes the plan's default spread ([`DurationSpread`], percentages below and above its planned
//! duration). The most likely duration is the planned one (start to end) unless stated. The
//! simulation itself lives in the `cairn-risk` crate; this module holds the data and its rules.

use serde::{Deserialize, Serialize};

use std::collections::HashMap;

use crate::optimism::{BOUNDS, ProjectType};
use crate::plan::{Id, Initiative, Plan};
use crate::scenario::{Override, Scenario};
use crate::validate::Checker;

/// An initiative's duration as three points, in whole months.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DurationRange {
    /// The shortest it could take, at least one month.
    pub optimistic_months: u32,
    /// The most likely; `None` is the planned duration (start to end, inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub most_likely_months: Option<u32>,
    /// The longest it could take.
    pub pessimistic_months: u32,
}

/// The range of every initiative that states none, as percentages of its planned duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DurationSpread {
    /// The optimistic duration is this much shorter than planned (0 to 99).
    pub below_percent: u32,
    /// The pessimistic duration is this much longer than planned.
    pub above_percent: u32,
}

impl Default for DurationSpread {
    /// Planned to 54 % longer: the Green Book finds planned durations optimistic, so a plan
    /// rarely finishes early (nothing below), and 54 % is its upper bound of the works-duration
    /// uplift for equipment and development projects, the class IT projects fall in
    /// ([`BOUNDS`], read from there rather than copied).
    fn default() -> Self {
        let above = BOUNDS
            .iter()
            .find(|b| b.project_type == ProjectType::EquipmentDevelopment)
            .and_then(|b| b.duration)
            .map_or(0, |d| u32::from(d.upper_percent));
        DurationSpread { below_percent: 0, above_percent: above }
    }
}

impl DurationSpread {
    /// The largest spread above accepted: ten times the planned duration.
    pub const MAX_ABOVE_PERCENT: u32 = 1_000;

    /// Whether it is the default (left out of the plan file then).
    pub fn is_default(&self) -> bool {
        *self == DurationSpread::default()
    }
}

/// The three points an initiative's duration is drawn from, in months (not rounded: a spread
/// of the planned duration may fall between whole months).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DurationPoints {
    /// The shortest.
    pub optimistic: f64,
    /// The most likely.
    pub most_likely: f64,
    /// The longest.
    pub pessimistic: f64,
}

impl Initiative {
    /// The three points of its duration: its own range, else the plan's spread around its
    /// planned duration. The most likely is the planned duration unless stated.
    pub fn three_point(&self, spread: &DurationSpread) -> DurationPoints {
        let planned = f64::from(self.months().max(1));
        match &self.duration_range {
            Some(r) => DurationPoints {
                optimistic: f64::from(r.optimistic_months),
                most_likely: r.most_likely_months.map_or(planned, f64::from),
                pessimistic: f64::from(r.pessimistic_months),
            },
            None => DurationPoints {
                optimistic: planned * (1.0 - f64::from(spread.below_percent) / 100.0),
                most_likely: planned,
                pessimistic: planned * (1.0 + f64::from(spread.above_percent) / 100.0),
            },
        }
    }
}

/// The largest pessimistic duration accepted: 30 years, the longest horizon.
pub const MAX_DURATION_MONTHS: u32 = 360;

/// An initiative's range: at least one month, optimistic ≤ most likely ≤ pessimistic (the most
/// likely being the planned duration when not stated), at most [`MAX_DURATION_MONTHS`].
pub(crate) fn range(c: &mut Checker, at: &dyn Fn(&str) -> String, x: &Initiative) {
    let Some(r) = &x.duration_range else { return };
    let planned = u32::try_from(x.months()).unwrap_or(1).max(1);
    let most_likely = r.most_likely_months.unwrap_or(planned);
    let named = if r.most_likely_months.is_some() { "most likely" } else { "planned" };
    if r.optimistic_months < 1 {
        c.fail(at("duration_range.optimistic_months"), "must be at least 1 month");
    } else if r.optimistic_months > most_likely {
        c.fail(
            at("duration_range.optimistic_months"),
            format!("{} months is longer than the {named} duration ({most_likely} months)", r.optimistic_months),
        );
    }
    if r.pessimistic_months < most_likely {
        c.fail(
            at("duration_range.pessimistic_months"),
            format!("{} months is shorter than the {named} duration ({most_likely} months)", r.pessimistic_months),
        );
    }
    if r.pessimistic_months > MAX_DURATION_MONTHS {
        c.fail(
            at("duration_range.pessimistic_months"),
            format!(
                "{} months is longer than Cairn accepts: at most {MAX_DURATION_MONTHS} months",
                r.pessimistic_months
            ),
        );
    }
}

/// The ranges a scenario leaves the initiatives its own overrides move or re-range: the range
/// its lineage applies last (the plan's, or an override's) must fit the dates it applies last,
/// as the plan's own must fit the plan's dates. A problem is named at the scenario's last
/// override of that initiative: its `range`, or the `end` of its dates.
pub(crate) fn scenario_ranges(c: &mut Checker, plan: &Plan, i: usize, s: &Scenario) {
    let mut last: HashMap<&Id, usize> = HashMap::new();
    for (k, o) in s.overrides.iter().enumerate() {
        if let Override::InitiativeDates { initiative, .. } | Override::InitiativeDurationRange { initiative, .. } = o {
            last.insert(initiative, k);
        }
    }
    if last.is_empty() {
        return;
    }
    // Loops and missing parents are reported with the parent.
    let Ok(chain) = crate::scenario::lineage(plan, s.id.as_str()) else { return };
    let mut now: HashMap<&Id, Initiative> =
        plan.initiatives.iter().filter(|x| last.contains_key(&x.id)).map(|x| (&x.id, Initiative::clone(x))).collect();
    for o in chain.iter().flat_map(|s| &s.overrides) {
        match o {
            Override::InitiativeDates { initiative, start, end } => {
                if let Some(x) = now.get_mut(initiative) {
                    (x.start, x.end) = (*start, *end);
                }
            }
            Override::InitiativeDurationRange { initiative, range } => {
                if let Some(x) = now.get_mut(initiative) {
                    x.duration_range = *range;
                }
            }
            _ => {}
        }
    }
    let mut order: Vec<(usize, &Id)> = last.iter().map(|(id, &k)| (k, *id)).collect();
    order.sort_unstable_by_key(|&(k, _)| k);
    for (k, id) in order {
        let Some(x) = now.get(id) else { continue };
        let dates = matches!(s.overrides[k], Override::InitiativeDates { .. });
        let at = |field: &str| match field.strip_prefix("duration_range.") {
            Some(rest) if !dates => format!("scenarios[{i}].overrides[{k}].range.{rest}"),
            _ => format!("scenarios[{i}].overrides[{k}].end"),
        };
        range(c, &at, x);
    }
}

/// The plan's spread: below 100 % (a duration stays positive), above at most
/// [`DurationSpread::MAX_ABOVE_PERCENT`].
pub(crate) fn spread(c: &mut Checker, s: &DurationSpread) {
    let path = "settings.roadmap.duration_spread";
    if s.below_percent >= 100 {
        c.fail(format!("{path}.below_percent"), format!("must be below 100, not {}", s.below_percent));
    }
    if s.above_percent > DurationSpread::MAX_ABOVE_PERCENT {
        c.fail(
            format!("{path}.above_percent"),
            format!("must be at most {}, not {}", DurationSpread::MAX_ABOVE_PERCENT, s.above_percent),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Id, YearMonth};

    fn initiative(months: i32, range: Option<DurationRange>) -> Initiative {
        let start: YearMonth = "2027-01".parse().expect("month");
        let end = start.add_months(months - 1).expect("end");
        Initiative { duration_range: range, ..Initiative::new(Id::new("x").expect("id"), "X", start, end) }
    }

    #[test]
    fn default_spread_is_the_green_books_equipment_and_development_upper_bound() {
        assert_eq!(DurationSpread::default(), DurationSpread { below_percent: 0, above_percent: 54 });
    }

    #[test]
    fn three_points_come_from_the_range_or_the_spread() {
        let spread = DurationSpread { below_percent: 10, above_percent: 50 };
        let p = initiative(10, None).three_point(&spread);
        assert_eq!((p.optimistic, p.most_likely, p.pessimistic), (9.0, 10.0, 15.0));
        let r = DurationRange { optimistic_months: 8, most_likely_months: None, pessimistic_months: 14 };
        let p = initiative(10, Some(r)).three_point(&spread);
        assert_eq!((p.optimistic, p.most_likely, p.pessimistic), (8.0, 10.0, 14.0));
        let r = DurationRange { most_likely_months: Some(12), ..r };
        assert_eq!(initiative(10, Some(r)).three_point(&spread).most_likely, 12.0);
    }
}

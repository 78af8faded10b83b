//! The register's quantified risks linked to a case, as the simulation's events (docs/risk.md,
//! "Register risks in the simulations").
//!
//! Each risk of [`Context::risks`] linked to the case and counted by
//! [`cairn_core::Risk::simulated_probability`] (not closed, an occurred one certain, a
//! probability of 0 left out) gives up to two events that occur together: its cost impact, a
//! triangular amount spread over the case's years by its timing, and its benefit impact on this
//! case, a triangular percentage of the net cash flow the case's own benefit lines bring. A
//! threat costs and takes benefits away; an opportunity saves and adds.

use cairn_core::{BusinessCase, CostTiming, FiscalYear, LineKind, RiskKind};

use crate::options::LineOrigin;
use crate::simulate::{EventInput, difference, rows};
use crate::{CaseError, Context, float};

/// The share of a cost impact in each period (period 0 the upfront column): all in one fiscal
/// year, or evenly over the years of a spread; a year outside the case's years counts in none.
pub fn cost_profile(timing: CostTiming, first_year: FiscalYear, periods: usize) -> Vec<f64> {
    let (from, to) = match timing {
        CostTiming::Year { year } => (year.0, year.0),
        CostTiming::Spread { from, to } => (from.0, to.0.max(from.0)),
    };
    let share = 1.0 / f64::from(to - from + 1);
    let mut profile = vec![0.0; periods];
    for y in from..=to {
        let period = i64::from(y) - i64::from(first_year.0) + 1;
        if let Some(slot) = usize::try_from(period).ok().filter(|&p| p >= 1).and_then(|p| profile.get_mut(p)) {
            *slot = share;
        }
    }
    profile
}

/// The events of the register's risks linked to `case` (the case as simulated: its preferred
/// option against business as usual when it has a short list, `origins` saying which lines are
/// business as usual's), numbered from `offset` among the simulation's events.
pub(crate) fn register_events(
    case: &BusinessCase,
    origins: Option<&[LineOrigin]>,
    ctx: &Context,
    periods: usize,
    offset: usize,
) -> Result<Vec<EventInput>, CaseError> {
    let mut events = Vec::new();
    let mut benefits: Option<Vec<f64>> = None;
    for r in ctx.risks.iter().filter(|r| r.links.business_cases.contains(&case.id)) {
        let Some(percent) = r.simulated_probability() else { continue };
        let at = format!("risks \"{}\"", r.id);
        let probability = float(percent, &format!("{at}.probability"))? / 100.0;
        let sign = if r.kind == RiskKind::Threat { 1.0 } else { -1.0 };
        let points = |t: &cairn_core::ThreePoint, field: &str| -> Result<(f64, f64, f64), CaseError> {
            let f = format!("{at}.{field}");
            Ok((float(t.min, &f)?, float(t.most_likely, &f)?, float(t.max, &f)?))
        };
        let mut first = None;
        if let Some(c) = &r.cost {
            let profile: Vec<f64> =
                cost_profile(c.timing, case.first_year, periods).into_iter().map(|s| sign * s).collect();
            let (low, mode, high) = points(&c.amount, "cost.amount")?;
            first = Some(offset + events.len());
            events.push(EventInput {
                name: format!("{} (cost)", r.title),
                probability,
                low,
                mode,
                high,
                profile,
                cost: true,
                joins: None,
            });
        }
        if let Some(b) = r.benefit.as_ref().filter(|b| b.case == case.id) {
            let per_percent = match &benefits {
                Some(b) => b.clone(),
                None => {
                    let own = benefit_flow(case, origins, ctx)?;
                    benefits = Some(own.clone());
                    own
                }
            };
            let (low, mode, high) = points(&b.percent, "benefit.percent")?;
            events.push(EventInput {
                name: format!("{} (benefits)", r.title),
                probability,
                low,
                mode,
                high,
                profile: per_percent.iter().map(|v| -sign * v / 100.0).collect(),
                cost: false,
                joins: first,
            });
        }
    }
    Ok(events)
}

/// What the case's own benefit lines (not business as usual's) add to its net cash flow in each
/// period: the case's flow less the flow without them. The evaluation is linear in each line's
/// amounts, so a share `x` of every benefit line's amount changes the flow by `x` times this.
fn benefit_flow(case: &BusinessCase, origins: Option<&[LineOrigin]>, ctx: &Context) -> Result<Vec<f64>, CaseError> {
    let own = |k: usize| origins.and_then(|o| o.get(k)).is_none_or(|o| !o.bau);
    let kept = case
        .lines
        .iter()
        .enumerate()
        .filter(|(k, l)| !(l.category.kind() == LineKind::Benefit && own(*k)))
        .map(|(_, l)| l.clone())
        .collect();
    let (with, _) = rows(case, ctx)?;
    let (without, _) = rows(&BusinessCase { lines: kept, ..case.clone() }, ctx)?;
    difference(&with, &without, "benefits")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cost_falls_in_its_years() {
        let fy = FiscalYear;
        // Case from FY2027, five years: periods 0 (upfront) and 1..=5.
        assert_eq!(cost_profile(CostTiming::Year { year: fy(2028) }, fy(2027), 6), vec![0.0, 0.0, 1.0, 0.0, 0.0, 0.0]);
        let third = 1.0 / 3.0;
        assert_eq!(
            cost_profile(CostTiming::Spread { from: fy(2030), to: fy(2032) }, fy(2027), 6),
            vec![0.0, 0.0, 0.0, 0.0, third, third]
        );
        assert_eq!(cost_profile(CostTiming::Year { year: fy(2026) }, fy(2027), 6), vec![0.0; 6]);
    }
}

//! The checks themselves: each a function over [`Derived`] adding [`Finding`]s. Their codes,
//! severities, rules and paths are documented in docs/checks.md.

use std::collections::HashMap;

use cairn_core::{FiscalYear, Id, Initiative, LineKind, MilestoneKind, YearMonth, positions_by_id};
use rust_decimal::Decimal;

use crate::{Derived, Finding, Severity};

pub(crate) const CEILING_BREACH: &str = "ceiling-breach";
pub(crate) const DEPENDENCY_VIOLATION: &str = "dependency-violation";
pub(crate) const CAPACITY_BREACH: &str = "capacity-breach";
pub(crate) const BENEFIT_BEFORE_IN_SERVICE: &str = "benefit-before-in-service";
pub(crate) const CASE_OUTSIDE_INITIATIVE: &str = "case-outside-initiative";
pub(crate) const BUDGET_OUTSIDE_DATES: &str = "budget-outside-dates";
pub(crate) const UNAPPRAISED_SPEND: &str = "unappraised-spend";
pub(crate) const MILESTONE_OUTSIDE_INITIATIVE: &str = "milestone-outside-initiative";
pub(crate) const SCENARIO_RATE_UNUSED: &str = "scenario-rate-unused";

/// A decimal figure with no trailing zeros: FTE "63", "2.5".
fn figure(d: Decimal) -> String {
    d.normalize().to_string()
}

/// `part` as a share of `whole`, rounded to a tenth of a percent: "47.1 %".
fn share(part: Decimal, whole: Decimal) -> String {
    match part.checked_div(whole) {
        Some(f) if !whole.is_zero() => cairn_core::text::percent_exact(f.round_dp(3)),
        _ => cairn_core::text::NOT_A_NUMBER.to_owned(),
    }
}

/// A sum of amounts, or `None` past the largest decimal (never for a validated plan).
fn sum(amounts: impl IntoIterator<Item = Decimal>) -> Option<Decimal> {
    amounts.into_iter().try_fold(Decimal::ZERO, Decimal::checked_add)
}

/// Fiscal years as a range: "FY2030" or "FY2030–FY2033".
fn years(d: &Derived<'_>, first: FiscalYear, last: FiscalYear) -> String {
    if first == last { d.year(first) } else { format!("{}–{}", d.year(first), d.year(last)) }
}

/// The fiscal years an initiative's dates touch.
fn fiscal_span(d: &Derived<'_>, x: &Initiative) -> (FiscalYear, FiscalYear) {
    let cal = &d.plan.settings.fiscal_calendar;
    (cal.fiscal_year_of(x.start), cal.fiscal_year_of(x.end))
}

/// An initiative's dates in words: "2027-01 to 2027-12 (FY2027–FY2028)".
fn dates(d: &Derived<'_>, x: &Initiative) -> String {
    let (first, last) = fiscal_span(d, x);
    format!("{} to {} ({})", x.start, x.end, years(d, first, last))
}

/// Spend over a ceiling, for the portfolio and for each theme with one.
pub(crate) fn ceiling_breach(d: &Derived<'_>, out: &mut Vec<Finding>) {
    let at = d.ceiling_positions();
    let path = |year: FiscalYear, theme: Option<&Id>| {
        at.get(&(year, theme)).map_or_else(
            || "settings.roadmap.budget_ceilings".to_owned(),
            |k| format!("settings.roadmap.budget_ceilings[{k}]"),
        )
    };
    for y in &d.budget.years {
        if let (Some(over), Some(ceiling)) = (y.over_by, y.ceiling) {
            out.push(Finding {
                code: CEILING_BREACH,
                severity: Severity::Error,
                path: path(y.year, None),
                ids: Vec::new(),
                message: format!(
                    "{} spend of {} is {} over the portfolio ceiling of {}",
                    y.label,
                    d.money(y.total),
                    d.money(over),
                    d.money(ceiling)
                ),
                headline: format!("{} is {} over its ceiling of {}", y.label, d.compact(over), d.compact(ceiling)),
                accepted: None,
            });
        }
        for cell in &y.themes {
            if let (Some(over), Some(ceiling), Some(theme)) = (cell.over_by, cell.ceiling, &cell.theme) {
                out.push(Finding {
                    code: CEILING_BREACH,
                    severity: Severity::Error,
                    path: path(y.year, Some(theme)),
                    ids: vec![theme.clone()],
                    message: format!(
                        "{} spend on \"{}\" of {} is {} over its ceiling of {}",
                        y.label,
                        d.theme_name(theme),
                        d.money(cell.total),
                        d.money(over),
                        d.money(ceiling)
                    ),
                    headline: format!(
                        "{} spend on {} is {} over its ceiling of {}",
                        y.label,
                        d.theme_name(theme),
                        d.compact(over),
                        d.compact(ceiling)
                    ),
                    accepted: None,
                });
            }
        }
    }
}

/// The schedule's violated dependencies: a planned start earlier than a predecessor allows.
pub(crate) fn dependency_violation(d: &Derived<'_>, out: &mut Vec<Finding>) {
    if d.schedule.violations.is_empty() {
        return;
    }
    let at = positions_by_id(&d.plan.initiatives, |x| &x.id);
    let name = |id: &Id| at.get(id).map_or_else(|| id.to_string(), |&k| d.plan.initiatives[k].name.clone());
    for v in &d.schedule.violations {
        let path = match at.get(&v.initiative) {
            Some(&i) => match d.plan.initiatives[i].dependencies.iter().position(|dep| dep.on == v.on) {
                Some(j) => format!("initiatives[{i}].dependencies[{j}]"),
                None => format!("initiatives[{i}].start"),
            },
            None => "initiatives".to_owned(),
        };
        out.push(Finding {
            code: DEPENDENCY_VIOLATION,
            severity: Severity::Error,
            path,
            ids: vec![v.initiative.clone(), v.on.clone()],
            message: format!(
                "\"{}\" is planned to start in {}, but its dependency on \"{}\" allows {} at the earliest",
                name(&v.initiative),
                v.planned_start,
                name(&v.on),
                v.earliest_start
            ),
            headline: format!("{} is planned to start before {} allows it", name(&v.initiative), name(&v.on)),
            accepted: None,
        });
    }
}

/// FTE demand over capacity, quarter by quarter.
pub(crate) fn capacity_breach(d: &Derived<'_>, out: &mut Vec<Finding>) {
    let mut at: HashMap<(FiscalYear, u8), usize> = HashMap::new();
    for (k, q) in d.plan.settings.roadmap.fte_capacity.iter().enumerate() {
        at.entry((q.year, q.quarter)).or_insert(k);
    }
    for q in &d.capacity.quarters {
        if let (Some(over), Some(capacity)) = (q.over_by, q.capacity) {
            out.push(Finding {
                code: CAPACITY_BREACH,
                severity: Severity::Warning,
                path: at.get(&(q.year, q.quarter)).map_or_else(
                    || "settings.roadmap.fte_capacity".to_owned(),
                    |k| format!("settings.roadmap.fte_capacity[{k}]"),
                ),
                ids: Vec::new(),
                message: format!(
                    "{}: FTE demand of {} is {} over the capacity of {}",
                    q.label,
                    figure(q.demand),
                    figure(over),
                    figure(capacity)
                ),
                headline: format!(
                    "{} needs {} FTE against the {} available",
                    q.label,
                    figure(q.demand),
                    figure(capacity)
                ),
                accepted: None,
            });
        }
    }
}

/// When an initiative's service is in: its first go-live milestone, else its end; and how that
/// reads in a message.
fn in_service(x: &Initiative) -> (YearMonth, String) {
    let go_live = x.milestones.iter().filter(|m| m.kind == MilestoneKind::GoLive).min_by_key(|m| m.month);
    match go_live {
        Some(m) => (m.month, format!("goes live in {} (\"{}\")", m.month, m.name)),
        None => (x.end, format!("ends in {} with no go-live milestone", x.end)),
    }
}

/// A linked case's benefit lines that start before the initiative's service is in.
pub(crate) fn benefit_before_in_service(d: &Derived<'_>, out: &mut Vec<Finding>) {
    let cal = &d.plan.settings.fiscal_calendar;
    for link in &d.links {
        let (x, case) = (&d.plan.initiatives[link.initiative], &d.plan.business_cases[link.case]);
        let Some(lines) = &d.case_lines[link.case] else { continue };
        let (live, live_text) = in_service(x);
        let live_year = cal.fiscal_year_of(live);
        for (l, (line, amounts)) in case.lines.iter().zip(lines).enumerate() {
            if line.category.kind() != LineKind::Benefit {
                continue;
            }
            let Some(&(first, amount)) = amounts.first() else { continue };
            // A line that starts at a milestone starts in that month; any other at its year's start.
            let linked = line.starts_at.as_ref().and_then(|m| d.ctx.milestone(&m.initiative, &m.milestone));
            let year_start = linked.or_else(|| cal.first_month(first).ok());
            let (severity, why) = if first < live_year {
                (Severity::Warning, "a year that ends before the initiative".to_owned())
            } else if first == live_year && year_start.is_some_and(|m| m < live) {
                let months = year_start.map_or(0, |m| m.months_until(live));
                (Severity::Info, format!("{months} months of that year before the initiative"))
            } else {
                continue;
            };
            out.push(Finding {
                code: BENEFIT_BEFORE_IN_SERVICE,
                severity,
                path: format!("business_cases[{}].lines[{l}].amounts", link.case),
                ids: vec![case.id.clone(), x.id.clone()],
                message: format!(
                    "Benefit \"{}\" of case \"{}\" starts in {} ({}), {} \"{}\" {}",
                    line.name,
                    case.name,
                    d.year(first),
                    d.money(amount),
                    why,
                    x.name,
                    live_text
                ),
                headline: format!(
                    "{} counts \"{}\" from {}, before {} is in service",
                    case.name,
                    line.name,
                    d.year(first),
                    x.name
                ),
                accepted: None,
            });
        }
    }
}

/// A linked case's cost lines with amounts in fiscal years outside the initiative's dates.
pub(crate) fn case_outside_initiative(d: &Derived<'_>, out: &mut Vec<Finding>) {
    for link in &d.links {
        let (x, case) = (&d.plan.initiatives[link.initiative], &d.plan.business_cases[link.case]);
        let Some(lines) = &d.case_lines[link.case] else { continue };
        let (first, last) = fiscal_span(d, x);
        for (l, (line, amounts)) in case.lines.iter().zip(lines).enumerate() {
            // Only what going ahead adds is the initiative's spend: a cost business as usual also
            // has continues whatever is chosen, and another option's is not chosen.
            if line.category.kind() == LineKind::Benefit || !case.adds(line) {
                continue;
            }
            let mut parts = Vec::new();
            for (outside, side) in [
                (amounts.iter().filter(|(fy, _)| *fy < first).collect::<Vec<_>>(), "before"),
                (amounts.iter().filter(|(fy, _)| *fy > last).collect::<Vec<_>>(), "after"),
            ] {
                let (Some(&&(from, _)), Some(&&(to, _))) = (outside.first(), outside.last()) else { continue };
                let total = sum(outside.iter().map(|(_, a)| *a))
                    .map_or_else(|| cairn_core::text::NOT_A_NUMBER.to_owned(), |t| d.money(t));
                parts.push(format!("{total} in {} ({side} its dates)", years(d, from, to)));
            }
            if parts.is_empty() {
                continue;
            }
            out.push(Finding {
                code: CASE_OUTSIDE_INITIATIVE,
                severity: Severity::Warning,
                path: format!("business_cases[{}].lines[{l}].amounts", link.case),
                ids: vec![case.id.clone(), x.id.clone()],
                message: format!(
                    "Cost \"{}\" of case \"{}\" has {}; \"{}\" runs {}",
                    line.name,
                    case.name,
                    parts.join(" and "),
                    x.name,
                    dates(d, x)
                ),
                headline: format!("{} books \"{}\" outside {}'s dates", case.name, line.name, x.name),
                accepted: None,
            });
        }
    }
}

/// Entered budget amounts in fiscal years outside the initiative's dates.
pub(crate) fn budget_outside_dates(d: &Derived<'_>, out: &mut Vec<Finding>) {
    for (i, x) in d.plan.initiatives.iter().enumerate() {
        let cairn_core::Budget::Entered { years: entered } = &x.budget else { continue };
        let (first, last) = fiscal_span(d, x);
        for (j, y) in entered.iter().enumerate() {
            if (first..=last).contains(&y.year) {
                continue;
            }
            let Some(amount) = y.capex.checked_add(y.opex) else { continue };
            if amount.is_zero() {
                continue;
            }
            out.push(Finding {
                code: BUDGET_OUTSIDE_DATES,
                severity: Severity::Warning,
                path: format!("initiatives[{i}].budget.years[{j}]"),
                ids: vec![x.id.clone()],
                message: format!(
                    "\"{}\" budgets {} in {}, but runs {}",
                    x.name,
                    d.money(amount),
                    d.year(y.year),
                    dates(d, x)
                ),
                headline: format!("{} budgets {} in {}, outside its dates", x.name, d.compact(amount), d.year(y.year)),
                accepted: None,
            });
        }
    }
}

/// Initiatives over the appraisal threshold that no business case covers, with their share of
/// the plan's spend; and the share of the plan's spend that no case covers at all. Shares are of
/// the roadmap's spend over the horizon (the budget page's and the board pack's total).
pub(crate) fn unappraised_spend(d: &Derived<'_>, out: &mut Vec<Finding>) {
    let threshold = d.plan.settings.roadmap.appraisal_threshold();
    let whole = d.budget.total;
    let horizon = &d.plan.settings.horizon;
    let plan_spend =
        format!("the plan's {} over {}", d.money(whole), years(d, horizon.first_year, horizon.last_year()));
    let mut flagged = Vec::new();
    let mut uncovered = Vec::new();
    for (i, x) in d.plan.initiatives.iter().enumerate() {
        if d.has_case[i] {
            continue;
        }
        uncovered.push(d.in_horizon[i]);
        let total = d.totals[i];
        if total <= threshold {
            continue;
        }
        flagged.push(d.in_horizon[i]);
        out.push(Finding {
            code: UNAPPRAISED_SPEND,
            severity: Severity::Warning,
            path: format!("initiatives[{i}].budget"),
            ids: vec![x.id.clone()],
            message: format!(
                "\"{}\" spends {}, over the appraisal threshold of {}, with no business case: {} of {plan_spend}",
                x.name,
                d.money(total),
                d.money(threshold),
                share(d.in_horizon[i], whole),
            ),
            headline: format!("{} ({}) has no business case", x.name, d.compact(total)),
            accepted: None,
        });
    }
    let (Some(uncovered), Some(over)) = (sum(uncovered), sum(flagged.iter().copied())) else { return };
    if uncovered.is_zero() {
        return;
    }
    let count = if flagged.len() == 1 { "1 initiative".to_owned() } else { format!("{} initiatives", flagged.len()) };
    out.push(Finding {
        code: UNAPPRAISED_SPEND,
        severity: Severity::Info,
        path: "initiatives".to_owned(),
        ids: Vec::new(),
        message: format!(
            "{} of {plan_spend} ({}) has no business case; {count} over the appraisal threshold of {} hold {} ({})",
            d.money(uncovered),
            share(uncovered, whole),
            d.money(threshold),
            d.money(over),
            share(over, whole),
        ),
        headline: format!("{} of the plan's spend has no business case", share(uncovered, whole)),
        accepted: None,
    });
}

/// Milestones dated before an initiative starts or after it ends.
pub(crate) fn milestone_outside_initiative(d: &Derived<'_>, out: &mut Vec<Finding>) {
    for (i, x) in d.plan.initiatives.iter().enumerate() {
        for (j, m) in x.milestones.iter().enumerate() {
            if m.month >= x.start && m.month <= x.end {
                continue;
            }
            out.push(Finding {
                code: MILESTONE_OUTSIDE_INITIATIVE,
                severity: Severity::Warning,
                path: format!("initiatives[{i}].milestones[{j}].month"),
                ids: vec![x.id.clone()],
                message: format!(
                    "Milestone \"{}\" of \"{}\" is in {}, outside the initiative's {} to {}",
                    m.name, x.name, m.month, x.start, x.end
                ),
                headline: format!("{}'s milestone \"{}\" falls outside its dates", x.name, m.name),
                accepted: None,
            });
        }
    }
}

/// A scenario's discount rate for a case that follows the plan's discount schedule: the case is
/// discounted at the schedule in every scenario (docs/business-cases.md, "Which rate a case is
/// discounted at"), so the override changes no figure.
pub(crate) fn scenario_rate_unused(d: &Derived<'_>, out: &mut Vec<Finding>) {
    let policy = &d.plan.settings.appraisal;
    for (i, x) in d.plan.scenarios.iter().enumerate() {
        for (k, o) in x.overrides.iter().enumerate() {
            let cairn_core::Override::CaseDiscountRate { case, rate } = o else { continue };
            let Some(c) = d.plan.business_cases.iter().find(|c| &c.id == case) else { continue };
            if !matches!(policy.rate_for(c), cairn_core::CaseRate::Policy(_)) {
                continue;
            }
            out.push(Finding {
                code: SCENARIO_RATE_UNUSED,
                severity: Severity::Warning,
                path: format!("scenarios[{i}].overrides[{k}].rate"),
                ids: vec![case.clone(), x.id.clone()],
                message: format!(
                    "Scenario \"{}\" discounts case \"{}\" at {}, but the case follows the plan's discount \
                     schedule, in every scenario: the override changes no figure (give the case its own rate, \
                     with a reason, for a scenario to vary it)",
                    x.name,
                    c.name,
                    cairn_core::text::percent_exact(*rate)
                ),
                headline: format!(
                    "Scenario \"{}\": {}'s rate is the plan's, not {}",
                    x.name,
                    c.name,
                    cairn_core::text::percent_exact(*rate)
                ),
                accepted: None,
            });
        }
    }
}

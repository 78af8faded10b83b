//! Views of a plan that is not stored — one read from a file with [`crate::read_plan_at`] — for
//! the command line: the roadmap's schedule and budget, and a comparison of variants. They run
//! the engines the app's use cases run, with the same error mapping ([`crate::roadmap_dto`],
//! [`crate::Cairn::compare_scenarios`]); the scenarios of such a plan are
//! [`crate::scenarios_dto`], as the app lists them.

use cairn_core::{Id, Plan};

use crate::cli_dto::*;
use crate::roadmap::roadmap_error;
use crate::{ApiError, scenarios};

fn theme_name<'a>(plan: &'a Plan, theme: Option<&Id>) -> &'a str {
    match theme {
        Some(id) => plan.themes.iter().find(|t| &t.id == id).map_or("", |t| t.name.as_str()),
        None => "No theme",
    }
}

/// The critical-path schedule of a plan's roadmap (`cairn roadmap schedule`).
pub fn roadmap_schedule(plan: &Plan) -> Result<CliScheduleDto, ApiError> {
    let s = cairn_roadmap::schedule(plan).map_err(roadmap_error)?;
    let text = |m: cairn_core::YearMonth| m.to_string();
    // Names through an index built once: a search of the plan per row made this quadratic.
    let at = cairn_core::positions_by_id(&plan.initiatives, |x| &x.id);
    let name = |id: &Id| at.get(id).map_or_else(|| id.to_string(), |&k| plan.initiatives[k].name.clone());
    Ok(CliScheduleDto {
        start: s.start.map(text),
        finish: s.finish.map(text),
        initiatives: s
            .rows
            .iter()
            .map(|r| CliScheduleRowDto {
                id: r.id.to_string(),
                name: name(&r.id),
                early_start: text(r.early_start),
                early_finish: text(r.early_finish),
                late_start: text(r.late_start),
                late_finish: text(r.late_finish),
                total_float_months: r.total_float,
                critical: r.critical,
            })
            .collect(),
        critical_path: s.critical_path.iter().map(ToString::to_string).collect(),
        violations: s
            .violations
            .iter()
            .map(|v| CliViolationDto {
                initiative: v.initiative.to_string(),
                on: v.on.to_string(),
                earliest_start: text(v.earliest_start),
                planned_start: text(v.planned_start),
            })
            .collect(),
        warnings: s
            .warnings
            .iter()
            .map(|w| CliWarningDto { initiative: w.initiative.to_string(), message: w.message.clone() })
            .collect(),
    })
}

/// Spend per fiscal year and theme against the ceilings (`cairn roadmap budget`).
pub fn roadmap_budget(plan: &Plan) -> Result<CliBudgetDto, ApiError> {
    let b = cairn_roadmap::budget(plan).map_err(roadmap_error)?;
    let id = |theme: &Option<Id>| theme.as_ref().map(ToString::to_string);
    Ok(CliBudgetDto {
        currency: plan.settings.currency.code().to_owned(),
        themes: b
            .themes
            .iter()
            .map(|t| CliThemeDto { id: id(t), name: theme_name(plan, t.as_ref()).to_owned() })
            .collect(),
        years: b
            .years
            .into_iter()
            .map(|y| CliBudgetYearDto {
                year: y.year.0,
                label: y.label,
                themes: y
                    .themes
                    .into_iter()
                    .map(|c| CliBudgetCellDto {
                        theme: id(&c.theme),
                        capex: c.capex,
                        opex: c.opex,
                        total: c.total,
                        ceiling: c.ceiling,
                        over_by: c.over_by,
                    })
                    .collect(),
                capex: y.capex,
                opex: y.opex,
                total: y.total,
                ceiling: y.ceiling,
                over_by: y.over_by,
            })
            .collect(),
        total: b.total,
        outside_horizon: b.outside_horizon,
    })
}

/// Compares 2–4 variants of a plan — `plan`, scenario or baseline ids or names — side by side
/// (`cairn scenario compare`).
pub fn scenario_comparison(plan: &Plan, names: &[String]) -> Result<CliComparisonDto, ApiError> {
    let c = scenarios::compare(plan, names)?;
    let year = |s: &cairn_scenario::YearSpend| CliYearSpendDto {
        year: s.year.clone(),
        fiscal_year: s.fiscal_year,
        capex: s.capex,
        opex: s.opex,
        total: s.total,
        ceiling: s.ceiling,
        over_by: s.over_by,
    };
    Ok(CliComparisonDto {
        variants: c
            .variants
            .into_iter()
            .map(|v| CliVariantDto {
                label: v.label,
                spend: v.spend.iter().map(year).collect(),
                spend_total: v.spend_total,
                over_ceiling: v.over_ceiling.iter().map(year).collect(),
                cases: v
                    .cases
                    .into_iter()
                    .map(|k| CliCaseFiguresDto {
                        id: k.id,
                        name: k.name,
                        npv: k.npv,
                        irr: k.irr,
                        irr_note: k.irr_note,
                        payback_years: k.payback_years,
                        payback_note: k.payback_note,
                    })
                    .collect(),
                portfolio_npv: v.portfolio_npv,
                initiatives: v.initiatives,
                roadmap_end: v.roadmap_end,
                critical_path: v.critical_path.into_iter().map(|p| CliPathStepDto { id: p.id, name: p.name }).collect(),
                violations: v.violations,
                notes: v.notes,
            })
            .collect(),
        differences: c
            .differences
            .into_iter()
            .map(|ds| ds.into_iter().map(|d| CliDifferenceDto { what: d.what, from: d.from, to: d.to }).collect())
            .collect(),
        currency: plan.settings.currency.code().to_owned(),
    })
}

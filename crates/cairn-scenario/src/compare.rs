//! 2–4 variants side by side, on the same figures as the roadmap and the board pack: the
//! roadmap's budget rollup (capex and opex per fiscal year against the portfolio ceilings), each
//! business case's key metrics and the portfolio NPV, the schedule's end and critical path, and
//! every difference from the first variant.

use cairn_core::{Budget, FiscalYear, Id, Plan, text};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::{ScenarioError, Variant, variant};

/// One fiscal year of a variant's roadmap spend, as `cairn_roadmap::budget` counts it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct YearSpend {
    /// "FY2028".
    pub year: String,
    /// The fiscal year's number (2028 for FY2028, by the year it ends in).
    pub fiscal_year: i32,
    /// Capital expenditure over all themes.
    pub capex: Decimal,
    /// Operating expenditure over all themes.
    pub opex: Decimal,
    /// Capex plus opex.
    pub total: Decimal,
    /// The portfolio ceiling, if one is set.
    pub ceiling: Option<Decimal>,
    /// How far the total exceeds the ceiling, if it does.
    pub over_by: Option<Decimal>,
}

/// One business case's key metrics.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseFigures {
    /// The case's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// NPV at the case's discount rate, when there is one.
    pub npv: Option<f64>,
    /// IRR, when there is a single one.
    pub irr: Option<f64>,
    /// Why there is no IRR, when there is none.
    pub irr_note: Option<String>,
    /// Simple payback in years, when paid back.
    pub payback_years: Option<f64>,
    /// Why there is no payback, when there is none.
    pub payback_note: Option<String>,
}

/// An initiative on the critical path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PathStep {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
}

/// One variant's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VariantFigures {
    /// Its label.
    pub label: String,
    /// Roadmap spend per fiscal year of the horizon.
    pub spend: Vec<YearSpend>,
    /// Spend over the horizon.
    pub spend_total: Decimal,
    /// The years over the portfolio ceiling, in order (a subset of `spend`).
    pub over_ceiling: Vec<YearSpend>,
    /// Each business case, in the plan's order.
    pub cases: Vec<CaseFigures>,
    /// Sum of the cases' NPVs (a case without an NPV counts as zero and is named in `notes`).
    pub portfolio_npv: f64,
    /// Initiatives in the variant.
    pub initiatives: usize,
    /// When the roadmap ends by the schedule (the latest early finish, "2031-06").
    pub roadmap_end: Option<String>,
    /// The critical path, in delivery order.
    pub critical_path: Vec<PathStep>,
    /// Dependencies the variant's dates break.
    pub violations: usize,
    /// Remarks, e.g. a case without an NPV.
    pub notes: Vec<String>,
}

/// A difference between two plans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Difference {
    /// What changed, e.g. "Initiative “Cloud landing zone”: dates".
    pub what: String,
    /// The value before ("—" when added).
    pub from: String,
    /// The value after ("—" when removed).
    pub to: String,
}

/// A comparison of 2–4 variants.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// Each variant, in the order asked.
    pub variants: Vec<VariantFigures>,
    /// For each variant after the first, its differences from the first.
    pub differences: Vec<Vec<Difference>>,
}

/// The figures of one resolved variant.
pub fn figures(v: &Variant) -> Result<VariantFigures, ScenarioError> {
    let plan = &v.plan;
    let fail = |e: cairn_roadmap::RoadmapError| ScenarioError(format!("{}: {e}", v.label));
    let rollup = cairn_roadmap::budget(plan).map_err(fail)?;
    let schedule = cairn_roadmap::schedule(plan).map_err(fail)?;
    let spend: Vec<YearSpend> = rollup
        .years
        .iter()
        .map(|y| YearSpend {
            year: y.label.clone(),
            fiscal_year: y.year.0,
            capex: y.capex,
            opex: y.opex,
            total: y.total,
            ceiling: y.ceiling,
            over_by: y.over_by,
        })
        .collect();
    let mut cases = Vec::new();
    let mut notes = Vec::new();
    let mut portfolio = 0.0;
    // Each case in this variant's plan: its policy, and its milestones as the variant moved them.
    let ctx = cairn_case::Context::of(plan);
    for case in &plan.business_cases {
        match cairn_case::evaluate_in(case, &ctx) {
            Ok(e) => {
                let npv = e.metrics.npv.value();
                match npv {
                    Some(n) => portfolio += n,
                    None => notes.push(format!("“{}” has no NPV and counts as zero", case.name)),
                }
                let why = |m: &cairn_case::Metric| match m {
                    cairn_case::Metric::Value(_) => None,
                    cairn_case::Metric::NotAvailable(why) => Some(why.clone()),
                };
                cases.push(CaseFigures {
                    id: case.id.to_string(),
                    name: case.name.clone(),
                    npv,
                    irr: e.metrics.irr.value(),
                    irr_note: why(&e.metrics.irr),
                    payback_years: e.metrics.payback_years.value(),
                    payback_note: why(&e.metrics.payback_years),
                });
            }
            Err(err) => notes.push(format!("“{}” cannot be evaluated: {err}", case.name)),
        }
    }
    if rollup.outside_horizon > Decimal::ZERO {
        let amount = cairn_core::text::money_whole(rollup.outside_horizon, plan.settings.currency.code());
        notes.push(format!("A further {amount} is budgeted outside the plan's horizon"));
    }
    let at = cairn_core::positions_by_id(&plan.initiatives, |x| &x.id);
    let name_of = |id: &Id| at.get(id).map_or(id.to_string(), |&k| plan.initiatives[k].name.clone());
    Ok(VariantFigures {
        label: v.label.clone(),
        over_ceiling: spend.iter().filter(|y| y.over_by.is_some()).cloned().collect(),
        spend,
        spend_total: rollup.total,
        cases,
        portfolio_npv: portfolio,
        initiatives: plan.initiatives.len(),
        roadmap_end: schedule.finish.map(|m| m.to_string()),
        critical_path: schedule
            .critical_path
            .iter()
            .map(|id| PathStep { id: id.to_string(), name: name_of(id) })
            .collect(),
        violations: schedule.violations.len(),
        notes,
    })
}

fn pct(d: Decimal) -> String {
    cairn_core::text::percent_exact(d)
}

/// An initiative's FTE demand in words: "2.5 FTE over FY2028 Q1 – FY2028 Q4", or "none".
pub fn fte_text(plan: &Plan, fte: &[cairn_core::QuarterFte]) -> String {
    let quarters: Vec<_> = fte.iter().filter(|q| !q.fte.is_zero()).collect();
    let (Some(first), Some(last)) =
        (quarters.iter().map(|q| (q.year, q.quarter)).min(), quarters.iter().map(|q| (q.year, q.quarter)).max())
    else {
        return "none".into();
    };
    let peak = quarters.iter().map(|q| q.fte).max().unwrap_or_default().normalize();
    let label = |(year, quarter): (FiscalYear, u8)| format!("{} Q{quarter}", plan.year_label(year));
    if first == last {
        format!("{peak} FTE in {}", label(first))
    } else {
        format!("up to {peak} FTE over {} – {}", label(first), label(last))
    }
}

/// An initiative's budget in words: "1,250,000 capex + 300,000 opex over FY2027–FY2028", or the
/// linked case.
pub fn budget_text(plan: &Plan, budget: &Budget) -> String {
    match budget {
        Budget::BusinessCase { case } => {
            let name = plan.business_cases.iter().find(|c| &c.id == case).map_or(case.to_string(), |c| c.name.clone());
            format!("from “{name}”")
        }
        Budget::Entered { years } if years.is_empty() => "none".into(),
        Budget::Entered { years } => {
            let capex = years.iter().try_fold(Decimal::ZERO, |a, y| a.checked_add(y.capex));
            let opex = years.iter().try_fold(Decimal::ZERO, |a, y| a.checked_add(y.opex));
            let first = years.iter().map(|y| y.year).min().unwrap_or(FiscalYear(0));
            let last = years.iter().map(|y| y.year).max().unwrap_or(FiscalYear(0));
            let span = if first == last {
                plan.year_label(first)
            } else {
                format!("{}–{}", plan.year_label(first), plan.year_label(last))
            };
            match (capex, opex) {
                (Some(c), Some(o)) => format!("{} capex + {} opex in {span}", text::grouped(c), text::grouped(o)),
                _ => format!("amounts too large to add up in {span}"),
            }
        }
    }
}

/// Every difference between two plans that a board would ask about: initiatives added, removed,
/// moved, re-statused or budgeted differently; business cases added, removed, or with another
/// discount rate, benefit realisation or line amounts; sourcing studies with another choice;
/// budget ceilings set, changed or taken away.
pub fn differences(before: &Plan, after: &Plan) -> Vec<Difference> {
    let mut out = Vec::new();
    let d = |what: String, from: String, to: String| Difference { what, from, to };
    // Each side's initiatives by id, built once: thousands of initiatives are matched pairwise.
    let in_before = cairn_core::positions_by_id(&before.initiatives, |x| &x.id);
    let in_after = cairn_core::positions_by_id(&after.initiatives, |x| &x.id);
    for x in &before.initiatives {
        match in_after.get(&x.id).map(|&k| &after.initiatives[k]) {
            None => out.push(d(format!("Initiative “{}”", x.name), "in the plan".into(), "removed".into())),
            Some(y) => {
                if (x.start, x.end) != (y.start, y.end) {
                    out.push(d(
                        format!("Initiative “{}”: dates", x.name),
                        format!("{} – {}", x.start, x.end),
                        format!("{} – {}", y.start, y.end),
                    ));
                }
                if x.status != y.status {
                    out.push(d(
                        format!("Initiative “{}”: status", x.name),
                        x.status.label().into(),
                        y.status.label().into(),
                    ));
                }
                if x.budget != y.budget {
                    out.push(d(
                        format!("Initiative “{}”: budget", x.name),
                        budget_text(before, &x.budget),
                        budget_text(after, &y.budget),
                    ));
                }
                if x.fte != y.fte {
                    out.push(d(
                        format!("Initiative “{}”: FTE demand", x.name),
                        fte_text(before, &x.fte),
                        fte_text(after, &y.fte),
                    ));
                }
            }
        }
    }
    for y in after.initiatives.iter().filter(|y| !in_before.contains_key(&y.id)) {
        out.push(d(format!("Initiative “{}”", y.name), "—".into(), "added".into()));
    }
    for x in &before.business_cases {
        match after.business_cases.iter().find(|y| y.id == x.id) {
            None => out.push(d(format!("Business case “{}”", x.name), "in the plan".into(), "removed".into())),
            Some(y) => {
                if x.discount_rate != y.discount_rate {
                    out.push(d(
                        format!("Business case “{}”: discount rate", x.name),
                        pct(x.discount_rate),
                        pct(y.discount_rate),
                    ));
                }
                if x.benefit_realisation != y.benefit_realisation {
                    out.push(d(
                        format!("Business case “{}”: benefit realisation", x.name),
                        pct(x.benefit_realisation),
                        pct(y.benefit_realisation),
                    ));
                }
                for (i, lx) in x.lines.iter().enumerate() {
                    match y.lines.iter().position(|ly| ly.id == lx.id) {
                        None => out.push(d(
                            format!("Business case “{}”: line “{}”", x.name, lx.name),
                            "in the case".into(),
                            "removed".into(),
                        )),
                        Some(j) if lx.amounts != y.lines[j].amounts => {
                            let total = |c: &cairn_core::BusinessCase, k: usize| {
                                cairn_case::line_values(c, k)
                                    .ok()
                                    .and_then(|v| v.iter().try_fold(Decimal::ZERO, |a, b| a.checked_add(*b)))
                                    .map_or_else(|| "—".into(), |t| format!("{} in total", t.normalize()))
                            };
                            out.push(d(
                                format!("Business case “{}”: line “{}”", x.name, lx.name),
                                total(x, i),
                                total(y, j),
                            ));
                        }
                        Some(_) => {}
                    }
                }
            }
        }
    }
    for y in after.business_cases.iter().filter(|y| !before.business_cases.iter().any(|x| x.id == y.id)) {
        out.push(d(format!("Business case “{}”", y.name), "—".into(), "added".into()));
    }
    for x in &before.sourcing_studies {
        if let Some(y) = after.sourcing_studies.iter().find(|y| y.id == x.id)
            && x.chosen != y.chosen
        {
            let option = |s: &cairn_core::sourcing::SourcingStudy| {
                s.chosen.as_ref().map_or_else(
                    || "none".to_owned(),
                    |c| s.options.iter().find(|o| &o.id == c).map_or(c.to_string(), |o| o.name.clone()),
                )
            };
            out.push(d(format!("Sourcing study “{}”: chosen option", x.name), option(x), option(y)));
        }
    }
    ceiling_differences(before, after, &mut out);
    out
}

/// Budget ceilings set, changed or taken away, by fiscal year and scope, in the first plan's
/// order and then the added ones in the second's.
fn ceiling_differences(before: &Plan, after: &Plan, out: &mut Vec<Difference>) {
    let code = before.settings.currency.code();
    let find = |p: &Plan, year: FiscalYear, theme: Option<&Id>| {
        p.settings
            .roadmap
            .budget_ceilings
            .iter()
            .find(|c| c.year == year && c.theme.as_ref() == theme)
            .map(|c| c.amount)
    };
    let what = |p: &Plan, year: FiscalYear, theme: Option<&Id>| {
        let scope = match theme {
            None => "portfolio".to_owned(),
            Some(t) => p.themes.iter().find(|x| &x.id == t).map_or(t.to_string(), |x| format!("“{}”", x.name)),
        };
        format!("Budget ceiling {} {scope}", p.year_label(year))
    };
    let money = |a: Option<Decimal>| a.map_or_else(|| "none".to_owned(), |a| text::money_whole(a, code));
    for c in &before.settings.roadmap.budget_ceilings {
        let now = find(after, c.year, c.theme.as_ref());
        if now != Some(c.amount) {
            out.push(Difference {
                what: what(before, c.year, c.theme.as_ref()),
                from: money(Some(c.amount)),
                to: money(now),
            });
        }
    }
    for c in &after.settings.roadmap.budget_ceilings {
        if find(before, c.year, c.theme.as_ref()).is_none() {
            out.push(Difference {
                what: what(after, c.year, c.theme.as_ref()),
                from: money(None),
                to: money(Some(c.amount)),
            });
        }
    }
}

/// Compares 2–4 variants by name (see [`variant`]).
pub fn compare(plan: &Plan, names: &[&str]) -> Result<Comparison, ScenarioError> {
    if !(2..=4).contains(&names.len()) {
        return Err(ScenarioError(format!("compare 2 to 4 scenarios, not {}", names.len())));
    }
    let variants = names.iter().map(|n| variant(plan, n)).collect::<Result<Vec<_>, _>>()?;
    compare_variants(&variants)
}

/// Compares 2–4 variants already resolved.
pub fn compare_variants(variants: &[Variant]) -> Result<Comparison, ScenarioError> {
    if !(2..=4).contains(&variants.len()) {
        return Err(ScenarioError(format!("compare 2 to 4 scenarios, not {}", variants.len())));
    }
    let first = &variants[0].plan;
    Ok(Comparison {
        variants: variants.iter().map(figures).collect::<Result<_, _>>()?,
        differences: variants[1..].iter().map(|v| differences(first, &v.plan)).collect(),
    })
}

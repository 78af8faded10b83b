//! Scenarios side by side, and variance against a baseline.
//!
//! - [`variant`] resolves a name ("plan", a scenario's id or name, a baseline's id or name) to the
//!   plan as that variant sees it.
//! - [`compare`] evaluates 2–4 variants: business-case spend per fiscal year (capex, opex),
//!   each case's NPV, IRR and payback, the portfolio NPV, the roadmap's last month, and every
//!   difference from the first variant.
//! - [`differences`] lists what changed between two plans, from what, to what; it is also the
//!   variance of the plan against a baseline.

pub mod budget_cut;

use std::collections::BTreeMap;

use cairn_core::{FiscalYear, LineKind, Plan, resolve};
use rust_decimal::Decimal;
use serde::Serialize;

/// Why a comparison cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScenarioError(pub String);

impl std::fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ScenarioError {}

/// The name of the plan itself among variants.
pub const PLAN: &str = "plan";

/// A named variant resolved to a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    /// What the user called it.
    pub label: String,
    /// The plan as the variant sees it.
    pub plan: Plan,
}

/// Resolves `name`: "plan" (the plan itself), a scenario (id or name, case-insensitive) or a
/// baseline (id or name).
pub fn variant(plan: &Plan, name: &str) -> Result<Variant, ScenarioError> {
    let wanted = name.trim();
    if wanted.eq_ignore_ascii_case(PLAN) {
        let mut p = plan.clone();
        p.scenarios.clear();
        p.baselines.clear();
        return Ok(Variant { label: "Plan".into(), plan: p });
    }
    let matches = |id: &str, n: &str| id == wanted || n.eq_ignore_ascii_case(wanted);
    if let Some(s) = plan.scenarios.iter().find(|s| matches(s.id.as_str(), &s.name)) {
        let resolved = resolve(plan, s.id.as_str()).map_err(|e| ScenarioError(e.to_string()))?;
        return Ok(Variant { label: s.name.clone(), plan: resolved });
    }
    if let Some(b) = plan.baselines.iter().find(|b| matches(b.id.as_str(), &b.name)) {
        return Ok(Variant { label: format!("{} (baseline)", b.name), plan: (*b.plan).clone() });
    }
    let known: Vec<String> = std::iter::once(PLAN.to_owned())
        .chain(plan.scenarios.iter().map(|s| s.name.clone()))
        .chain(plan.baselines.iter().map(|b| b.name.clone()))
        .collect();
    Err(ScenarioError(format!("no scenario or baseline is called \"{wanted}\"; known: {}", known.join(", "))))
}

/// Spend in one fiscal year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearSpend {
    /// "FY2028".
    pub year: String,
    /// Capital expenditure (decimal text).
    pub capex: String,
    /// Operating expenditure (decimal text).
    pub opex: String,
}

/// One business case's headline figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseFigures {
    /// The case's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// NPV, when there is one.
    pub npv: Option<f64>,
    /// IRR, when there is a single one.
    pub irr: Option<f64>,
    /// Simple payback in years, when paid back.
    pub payback_years: Option<f64>,
}

/// One variant's figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VariantFigures {
    /// Its label.
    pub label: String,
    /// Business-case capex and opex per fiscal year of the plan's horizon (a Year 0 column
    /// counts in the case's first year, as it is spent when that year starts).
    pub spend: Vec<YearSpend>,
    /// Each case.
    pub cases: Vec<CaseFigures>,
    /// Sum of the cases' NPVs (cases without an NPV count as zero and are named in `notes`).
    pub portfolio_npv: f64,
    /// Initiatives in the variant.
    pub initiatives: usize,
    /// The roadmap's last month ("2031-06"), when it has initiatives.
    pub roadmap_end: Option<String>,
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

fn figures(v: &Variant) -> VariantFigures {
    let plan = &v.plan;
    let mut spend: BTreeMap<i32, (Decimal, Decimal)> =
        plan.settings.horizon.fiscal_years().map(|fy| (fy.0, (Decimal::ZERO, Decimal::ZERO))).collect();
    let mut cases = Vec::new();
    let mut notes = Vec::new();
    let mut portfolio = 0.0;
    for case in &plan.business_cases {
        match cairn_case::evaluate(case) {
            Ok(e) => {
                let npv = e.metrics.npv.value();
                match npv {
                    Some(n) => portfolio += n,
                    None => notes.push(format!("“{}” has no NPV and counts as zero", case.name)),
                }
                for (line, row) in case.lines.iter().zip(&e.lines) {
                    let kind = line.category.kind();
                    if kind == LineKind::Benefit {
                        continue;
                    }
                    // A line's amounts are indexed by period (0 = Year 0, present even when the
                    // case has no upfront column); the columns say which periods are shown.
                    for column in &e.columns {
                        let Some(amount) = row.amounts.get(column.period) else { continue };
                        // Year 0 is spent as the first fiscal year starts: count it in that year.
                        let year = match column.at {
                            cairn_core::CaseYear::Upfront => case.first_year.0,
                            cairn_core::CaseYear::Year(FiscalYear(y)) => y,
                        };
                        if let Some((capex, opex)) = spend.get_mut(&year) {
                            let slot = if kind == LineKind::Capex { capex } else { opex };
                            *slot = slot.checked_add(*amount).unwrap_or(*slot);
                        }
                    }
                }
                cases.push(CaseFigures {
                    id: case.id.to_string(),
                    name: case.name.clone(),
                    npv,
                    irr: e.metrics.irr.value(),
                    payback_years: e.metrics.payback_years.value(),
                });
            }
            Err(err) => notes.push(format!("“{}” cannot be evaluated: {err}", case.name)),
        }
    }
    let roadmap_end = plan.initiatives.iter().map(|x| x.end).max().map(|m| m.to_string());
    VariantFigures {
        label: v.label.clone(),
        spend: spend
            .into_iter()
            .map(|(y, (capex, opex))| YearSpend {
                year: plan.year_label(FiscalYear(y)),
                capex: capex.normalize().to_string(),
                opex: opex.normalize().to_string(),
            })
            .collect(),
        cases,
        portfolio_npv: portfolio,
        initiatives: plan.initiatives.len(),
        roadmap_end,
        notes,
    }
}

fn pct(d: Decimal) -> String {
    format!("{} %", (d * Decimal::ONE_HUNDRED).normalize())
}

/// Every difference between two plans that a board would ask about: initiatives added, removed,
/// moved or re-statused; business cases added, removed, or with another discount rate, benefit
/// realisation or line amounts; goals and themes added or removed.
pub fn differences(before: &Plan, after: &Plan) -> Vec<Difference> {
    let mut out = Vec::new();
    let d = |what: String, from: String, to: String| Difference { what, from, to };
    for x in &before.initiatives {
        match after.initiatives.iter().find(|y| y.id == x.id) {
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
                        format!("{:?}", x.status),
                        format!("{:?}", y.status),
                    ));
                }
            }
        }
    }
    for y in after.initiatives.iter().filter(|y| !before.initiatives.iter().any(|x| x.id == y.id)) {
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
                                    .map(|v| {
                                        v.iter().copied().fold(Decimal::ZERO, |a, b| a.checked_add(b).unwrap_or(a))
                                    })
                                    .map(|t| format!("{} in total", t.normalize()))
                                    .unwrap_or_else(|_| "—".into())
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
    out
}

/// Compares 2–4 variants by name (see [`variant`]).
pub fn compare(plan: &Plan, names: &[&str]) -> Result<Comparison, ScenarioError> {
    if !(2..=4).contains(&names.len()) {
        return Err(ScenarioError(format!("compare 2 to 4 scenarios, not {}", names.len())));
    }
    let variants = names.iter().map(|n| variant(plan, n)).collect::<Result<Vec<_>, _>>()?;
    let first = &variants[0].plan;
    Ok(Comparison {
        variants: variants.iter().map(figures).collect(),
        differences: variants[1..].iter().map(|v| differences(first, &v.plan)).collect(),
    })
}

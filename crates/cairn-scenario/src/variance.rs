//! Variance of a plan (or a scenario) against a baseline: initiatives that slipped, roadmap cost
//! by fiscal year then and now, initiatives added and removed.

use std::collections::BTreeMap;

use cairn_core::{FiscalYear, Plan};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::ScenarioError;

/// An initiative whose dates moved since the baseline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Slip {
    /// Its id.
    pub id: String,
    /// Its name now.
    pub name: String,
    /// Start and end in the baseline ("2027-07").
    pub baseline_start: String,
    /// The baseline's last month.
    pub baseline_end: String,
    /// Start now.
    pub start: String,
    /// End now.
    pub end: String,
    /// Months the start moved (positive: later).
    pub start_months: i32,
    /// Months the end moved (positive: later, a slip).
    pub end_months: i32,
}

/// Roadmap cost of one fiscal year, in the baseline and now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CostChange {
    /// "FY2028".
    pub year: String,
    /// The fiscal year's number.
    pub fiscal_year: i32,
    /// Capex in the baseline.
    pub baseline_capex: Decimal,
    /// Opex in the baseline.
    pub baseline_opex: Decimal,
    /// Capex now.
    pub capex: Decimal,
    /// Opex now.
    pub opex: Decimal,
    /// Capex and opex in the baseline.
    pub baseline_total: Decimal,
    /// Capex and opex now.
    pub total: Decimal,
    /// Capex now minus capex then.
    pub capex_change: Decimal,
    /// Opex now minus opex then.
    pub opex_change: Decimal,
    /// Both changes together.
    pub total_change: Decimal,
}

/// An initiative added or removed since the baseline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Named {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
}

/// What changed since a baseline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Variance {
    /// Initiatives whose dates moved, in the plan's order.
    pub slips: Vec<Slip>,
    /// Cost per fiscal year of either horizon, in order.
    pub cost: Vec<CostChange>,
    /// Total cost change over those years.
    pub total_change: Decimal,
    /// Initiatives in the plan but not in the baseline.
    pub added: Vec<Named>,
    /// Initiatives in the baseline but not in the plan.
    pub removed: Vec<Named>,
}

fn too_large(year: &str) -> ScenarioError {
    ScenarioError(format!("{year}: the amounts are too large to compare"))
}

fn sub(a: Decimal, b: Decimal, year: &str) -> Result<Decimal, ScenarioError> {
    a.checked_sub(b).ok_or_else(|| too_large(year))
}

fn add(a: Decimal, b: Decimal, year: &str) -> Result<Decimal, ScenarioError> {
    a.checked_add(b).ok_or_else(|| too_large(year))
}

/// The variance of `plan` against `baseline` (both as resolved plans): dates slipped per
/// initiative in months, roadmap cost by fiscal year (capex and opex, as `cairn_roadmap::budget`
/// counts it), initiatives added and removed.
pub fn variance(baseline: &Plan, plan: &Plan) -> Result<Variance, ScenarioError> {
    let mut slips = Vec::new();
    let mut removed = Vec::new();
    // Each side's initiatives by id, built once: thousands of initiatives are matched pairwise.
    let in_plan = cairn_core::positions_by_id(&plan.initiatives, |x| &x.id);
    let in_baseline = cairn_core::positions_by_id(&baseline.initiatives, |x| &x.id);
    for b in &baseline.initiatives {
        match in_plan.get(&b.id).map(|&k| (k, &plan.initiatives[k])) {
            None => removed.push(Named { id: b.id.to_string(), name: b.name.clone() }),
            Some((k, x)) if (x.start, x.end) != (b.start, b.end) => slips.push((
                k,
                Slip {
                    id: x.id.to_string(),
                    name: x.name.clone(),
                    baseline_start: b.start.to_string(),
                    baseline_end: b.end.to_string(),
                    start: x.start.to_string(),
                    end: x.end.to_string(),
                    start_months: x.start.index() - b.start.index(),
                    end_months: x.end.index() - b.end.index(),
                },
            )),
            Some(_) => {}
        }
    }
    // Slips in the plan's order, so the table reads like the roadmap.
    slips.sort_by_key(|&(k, _)| k);
    let slips: Vec<Slip> = slips.into_iter().map(|(_, s)| s).collect();
    let added = plan
        .initiatives
        .iter()
        .filter(|x| !in_baseline.contains_key(&x.id))
        .map(|x| Named { id: x.id.to_string(), name: x.name.clone() })
        .collect();
    let fail = |which: &str, e: cairn_roadmap::RoadmapError| ScenarioError(format!("{which}: {e}"));
    let then = cairn_roadmap::budget(baseline).map_err(|e| fail("the baseline", e))?;
    let now = cairn_roadmap::budget(plan).map_err(|e| fail("the plan", e))?;
    let mut years: BTreeMap<i32, [Decimal; 4]> = BTreeMap::new();
    for y in &then.years {
        let row = years.entry(y.year.0).or_default();
        row[0] = y.capex;
        row[1] = y.opex;
    }
    for y in &now.years {
        let row = years.entry(y.year.0).or_default();
        row[2] = y.capex;
        row[3] = y.opex;
    }
    let mut cost = Vec::with_capacity(years.len());
    let mut total_change = Decimal::ZERO;
    for (fy, [bc, bo, c, o]) in years {
        let year = plan.year_label(FiscalYear(fy));
        let capex_change = sub(c, bc, &year)?;
        let opex_change = sub(o, bo, &year)?;
        let change = add(capex_change, opex_change, &year)?;
        total_change = add(total_change, change, &year)?;
        cost.push(CostChange {
            baseline_total: add(bc, bo, &year)?,
            total: add(c, o, &year)?,
            year,
            fiscal_year: fy,
            baseline_capex: bc,
            baseline_opex: bo,
            capex: c,
            opex: o,
            capex_change,
            opex_change,
            total_change: change,
        });
    }
    Ok(Variance { slips, cost, total_change, added, removed })
}

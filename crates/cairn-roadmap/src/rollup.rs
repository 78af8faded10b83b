//! Spend per fiscal year by theme against the ceilings, and FTE demand against capacity.
//!
//! Sums are exact decimals with checked arithmetic: an overflow is an error naming the field.

use std::collections::HashMap;

use cairn_core::{Budget, BudgetYear, CaseYear, FiscalYear, Id, Initiative, Plan};
use rust_decimal::Decimal;
use serde::Serialize;

use crate::RoadmapError;

/// One theme's spend in one fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BudgetCell {
    /// The theme; `None` for initiatives without one.
    pub theme: Option<Id>,
    /// Capital expenditure.
    pub capex: Decimal,
    /// Operating expenditure.
    pub opex: Decimal,
    /// Capex plus opex.
    pub total: Decimal,
    /// The theme's ceiling that year, if one is set.
    pub ceiling: Option<Decimal>,
    /// How far the total exceeds the ceiling (positive), if it does.
    pub over_by: Option<Decimal>,
}

/// One fiscal year of the portfolio's spend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BudgetYearRollup {
    /// The fiscal year.
    pub year: FiscalYear,
    /// Its label, e.g. "FY2027".
    pub label: String,
    /// One cell per theme, in [`BudgetRollup::themes`] order.
    pub themes: Vec<BudgetCell>,
    /// Capex over all themes.
    pub capex: Decimal,
    /// Opex over all themes.
    pub opex: Decimal,
    /// Capex plus opex.
    pub total: Decimal,
    /// The portfolio ceiling, if one is set.
    pub ceiling: Option<Decimal>,
    /// How far the total exceeds the ceiling, if it does.
    pub over_by: Option<Decimal>,
}

/// Spend per fiscal year of the horizon, by theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BudgetRollup {
    /// The swimlanes: the plan's themes in order, then `None` when some initiative has no theme.
    pub themes: Vec<Option<Id>>,
    /// One entry per fiscal year of the horizon.
    pub years: Vec<BudgetYearRollup>,
    /// Spend over all the horizon's years.
    pub total: Decimal,
    /// Spend budgeted in fiscal years outside the horizon (not in `years`).
    pub outside_horizon: Decimal,
}

fn add(a: Decimal, b: Decimal, field: impl FnOnce() -> String) -> Result<Decimal, RoadmapError> {
    a.checked_add(b)
        .ok_or_else(|| RoadmapError::Amount { field: field(), reason: "the amounts are too large to add up".into() })
}

/// An initiative's budget by fiscal year: as entered, or from its business case's capex and opex
/// lines (the upfront column counted in the case's first fiscal year).
pub fn initiative_budget(plan: &Plan, x: &Initiative) -> Result<Vec<BudgetYear>, RoadmapError> {
    match &x.budget {
        Budget::Entered { years } => Ok(years.clone()),
        Budget::BusinessCase { case } => case_budget(plan, &cairn_case::Context::of(plan), case, &x.name),
    }
}

/// [`initiative_budget`] for many initiatives of one plan: each linked business case is
/// evaluated once, however many initiatives it funds (evaluating it per initiative made a
/// roadmap of thousands of case-funded initiatives evaluate the same case thousands of times).
pub struct InitiativeBudgets<'p> {
    plan: &'p Plan,
    cases: HashMap<&'p Id, Vec<BudgetYear>>,
    /// The plan's context for its cases, built at the first case-funded initiative.
    ctx: Option<cairn_case::Context>,
}

impl<'p> InitiativeBudgets<'p> {
    /// An empty cache over `plan`.
    pub fn new(plan: &'p Plan) -> InitiativeBudgets<'p> {
        InitiativeBudgets { plan, cases: HashMap::new(), ctx: None }
    }

    /// `x`'s budget by fiscal year, as [`initiative_budget`] gives it.
    pub fn of<'x>(&mut self, x: &'x Initiative) -> Result<std::borrow::Cow<'x, [BudgetYear]>, RoadmapError>
    where
        'p: 'x,
    {
        match &x.budget {
            Budget::Entered { years } => Ok(std::borrow::Cow::Borrowed(years)),
            Budget::BusinessCase { case } => {
                let plan = self.plan;
                let ctx = self.ctx.get_or_insert_with(|| cairn_case::Context::of(plan));
                let Some(c) = plan.business_cases.iter().find(|c| &c.id == case) else {
                    return case_budget(plan, ctx, case, &x.name).map(std::borrow::Cow::Owned);
                };
                if !self.cases.contains_key(&c.id) {
                    // An error names this initiative, as `initiative_budget` would; it is not kept.
                    let years = case_budget(plan, ctx, case, &x.name)?;
                    self.cases.insert(&c.id, years);
                }
                Ok(std::borrow::Cow::Owned(self.cases.get(&c.id).cloned().unwrap_or_default()))
            }
        }
    }
}

/// The capex and opex of the case's preferred option (business as usual not netted: the budget is
/// what going ahead spends) by fiscal year, evaluated in its plan's context (its capitalisation
/// policy, its optimism-bias uplift).
fn case_budget(plan: &Plan, ctx: &cairn_case::Context, case: &Id, who: &str) -> Result<Vec<BudgetYear>, RoadmapError> {
    let field = || format!("initiative \"{who}\": budget");
    let Some(c) = plan.business_cases.iter().find(|c| &c.id == case) else {
        return Err(RoadmapError::Amount { field: field(), reason: format!("no business case has the id \"{case}\"") });
    };
    let evaluation = cairn_case::evaluate_preferred(c, ctx)
        .map_err(|e| RoadmapError::Amount { field: field(), reason: e.to_string() })?;
    let mut years: Vec<BudgetYear> = Vec::new();
    for (k, column) in evaluation.columns.iter().enumerate() {
        let year = match column.at {
            CaseYear::Upfront => c.first_year,
            CaseYear::Year(fy) => fy,
        };
        let capex = evaluation.totals.capex.get(k).copied().unwrap_or_default();
        let opex = evaluation.totals.opex.get(k).copied().unwrap_or_default();
        match years.iter_mut().find(|y| y.year == year) {
            Some(y) => {
                y.capex = add(y.capex, capex, field)?;
                y.opex = add(y.opex, opex, field)?;
            }
            None => years.push(BudgetYear { year, capex, opex }),
        }
    }
    Ok(years)
}

/// Spend per fiscal year by theme, capex and opex, against the plan's ceilings.
pub fn budget(plan: &Plan) -> Result<BudgetRollup, RoadmapError> {
    let horizon = &plan.settings.horizon;
    let cal = &plan.settings.fiscal_calendar;
    let mut themes: Vec<Option<Id>> = plan.themes.iter().map(|t| Some(t.id.clone())).collect();
    let known: HashMap<&Id, usize> = plan.themes.iter().enumerate().map(|(k, t)| (&t.id, k)).collect();
    if plan.initiatives.iter().any(|x| x.theme.as_ref().is_none_or(|t| !known.contains_key(t))) {
        themes.push(None);
    }
    let first = horizon.first_year.0;
    let year_count = usize::from(horizon.years);
    // cells[year][theme] = (capex, opex)
    let mut cells = vec![vec![(Decimal::ZERO, Decimal::ZERO); themes.len()]; year_count];
    let mut outside_horizon = Decimal::ZERO;
    let mut budgets = InitiativeBudgets::new(plan);
    for (i, x) in plan.initiatives.iter().enumerate() {
        let lane = x.theme.as_ref().and_then(|t| known.get(t).copied()).unwrap_or(themes.len() - 1);
        let years = budgets.of(x)?;
        let field = || format!("initiatives[{i}].budget");
        for y in years.iter() {
            let slot = usize::try_from(y.year.0 - first).ok().filter(|&k| k < year_count);
            match slot {
                Some(k) => {
                    let cell = &mut cells[k][lane];
                    cell.0 = add(cell.0, y.capex, field)?;
                    cell.1 = add(cell.1, y.opex, field)?;
                }
                None => outside_horizon = add(add(outside_horizon, y.capex, field)?, y.opex, field)?,
            }
        }
    }
    let ceiling = |year: FiscalYear, theme: Option<&Id>| {
        plan.settings
            .roadmap
            .budget_ceilings
            .iter()
            .find(|c| c.year == year && c.theme.as_ref() == theme)
            .map(|c| c.amount)
    };
    let over = |total: Decimal, ceiling: Option<Decimal>| ceiling.filter(|c| total > *c).map(|c| total - c);
    let mut years = Vec::with_capacity(year_count);
    let mut total = Decimal::ZERO;
    for (k, row) in cells.into_iter().enumerate() {
        let year = FiscalYear(first + i32::try_from(k).unwrap_or(0));
        let field = || format!("budget.{}", cal.label(year));
        let (mut capex, mut opex) = (Decimal::ZERO, Decimal::ZERO);
        let mut out = Vec::with_capacity(themes.len());
        for (theme, (c, o)) in themes.iter().zip(row) {
            capex = add(capex, c, field)?;
            opex = add(opex, o, field)?;
            let cell_total = add(c, o, field)?;
            let cap = theme.as_ref().and_then(|t| ceiling(year, Some(t)));
            out.push(BudgetCell {
                theme: theme.clone(),
                capex: c,
                opex: o,
                total: cell_total,
                ceiling: cap,
                over_by: over(cell_total, cap),
            });
        }
        let year_total = add(capex, opex, field)?;
        total = add(total, year_total, field)?;
        let cap = ceiling(year, None);
        years.push(BudgetYearRollup {
            year,
            label: cal.label(year),
            themes: out,
            capex,
            opex,
            total: year_total,
            ceiling: cap,
            over_by: over(year_total, cap),
        });
    }
    Ok(BudgetRollup { themes, years, total, outside_horizon })
}

/// FTE demand and capacity in one fiscal quarter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CapacityQuarter {
    /// The fiscal year.
    pub year: FiscalYear,
    /// 1 to 4.
    pub quarter: u8,
    /// E.g. "FY2027 Q1".
    pub label: String,
    /// The initiatives' demand.
    pub demand: Decimal,
    /// The plan's capacity, if set.
    pub capacity: Option<Decimal>,
    /// Demand beyond capacity, if any.
    pub over_by: Option<Decimal>,
}

/// FTE demand per quarter of the horizon against capacity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CapacityRollup {
    /// Every quarter of the horizon, in order.
    pub quarters: Vec<CapacityQuarter>,
}

/// FTE demand per fiscal quarter of the horizon against the plan's capacity.
pub fn capacity(plan: &Plan) -> Result<CapacityRollup, RoadmapError> {
    let horizon = &plan.settings.horizon;
    let cal = &plan.settings.fiscal_calendar;
    let first = horizon.first_year.0;
    let count = usize::from(horizon.years) * 4;
    let slot = |year: FiscalYear, quarter: u8| {
        usize::try_from((year.0 - first) * 4 + i32::from(quarter) - 1)
            .ok()
            .filter(|&k| k < count && (1..=4).contains(&quarter))
    };
    let mut demand = vec![Decimal::ZERO; count];
    for (i, x) in plan.initiatives.iter().enumerate() {
        for q in &x.fte {
            if let Some(k) = slot(q.year, q.quarter) {
                demand[k] = add(demand[k], q.fte, || format!("initiatives[{i}].fte"))?;
            }
        }
    }
    let mut capacity = vec![None; count];
    for q in &plan.settings.roadmap.fte_capacity {
        if let Some(k) = slot(q.year, q.quarter) {
            capacity[k] = Some(q.fte);
        }
    }
    let quarters = (0..count)
        .map(|k| {
            let year = FiscalYear(first + i32::try_from(k / 4).unwrap_or(0));
            let quarter = u8::try_from(k % 4 + 1).unwrap_or(1);
            let q = cairn_core::FiscalQuarter { year, quarter };
            CapacityQuarter {
                year,
                quarter,
                label: cal.quarter_label(q),
                demand: demand[k],
                capacity: capacity[k],
                over_by: capacity[k].filter(|c| demand[k] > *c).map(|c| demand[k] - c),
            }
        })
        .collect();
    Ok(CapacityRollup { quarters })
}

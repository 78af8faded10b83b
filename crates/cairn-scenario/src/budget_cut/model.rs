//! The problem as the solver sees it, built from the plan: the ceilings to meet, each
//! initiative's choices with their value and spend per ceiling, and the dependencies as
//! difference constraints over whole years. Money becomes integer millionths here, once.

use std::collections::{BTreeMap, HashMap, HashSet};

use cairn_core::{
    Budget, BudgetYear, DependencyKind, FiscalYear, Id, Initiative, InitiativeStatus, Plan, QuarterFte, YearMonth,
};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use super::{CutError, CutRequest, CutTarget, PRIORITY_TENTHS_LOST_PER_YEAR, UNSCORED_PRIORITY, ValueBasis, err};

/// Integer millionths of the currency unit: the solver's one money representation.
pub(super) const UNIT_DIGITS: u32 = 6;

/// `amount` in integer millionths, rounded up (costs) or down (ceilings).
pub fn to_units(amount: Decimal, up: bool, field: &str) -> Result<i128, CutError> {
    let scaled = amount
        .checked_mul(Decimal::from(10i64.pow(UNIT_DIGITS)))
        .ok_or_else(|| err(field, "the amount is too large"))?;
    let rounded = if up { scaled.ceil() } else { scaled.floor() };
    rounded.to_i128().ok_or_else(|| err(field, "the amount is too large"))
}

/// An initiative deferred by `years` fiscal years: dates, milestones, budget years and FTE
/// quarters move by 12·years months; a budget taken from a business case becomes the case's
/// cost years, shifted, as entered amounts (the case itself is not changed).
pub fn defer_initiative(plan: &Plan, x: &Initiative, years: u8) -> Result<Initiative, CutError> {
    let months = 12 * i32::from(years);
    let field = || format!("initiative \"{}\"", x.name);
    let shift = |m: cairn_core::YearMonth| m.add_months(months).map_err(|e| err(field(), e.to_string()));
    let mut out = x.clone();
    out.start = shift(x.start)?;
    out.end = shift(x.end)?;
    for m in &mut out.milestones {
        m.month = shift(m.month)?;
    }
    let by = i32::from(years);
    let budget = cairn_roadmap::initiative_budget(plan, x).map_err(|e| err(field(), e.to_string()))?;
    out.budget = Budget::Entered {
        years: budget
            .into_iter()
            .map(|y| BudgetYear { year: FiscalYear(y.year.0 + by), capex: y.capex, opex: y.opex })
            .collect(),
    };
    if matches!(x.budget, Budget::Entered { .. }) && years == 0 {
        out.budget = x.budget.clone();
    }
    out.fte =
        x.fte.iter().map(|q| QuarterFte { year: FiscalYear(q.year.0 + by), quarter: q.quarter, fte: q.fte }).collect();
    Ok(out)
}

/// A constraint of the solver: one fiscal year's ceiling, total or for one theme.
#[derive(Debug, Clone)]
pub(super) struct Ceiling {
    pub(super) year: FiscalYear,
    pub(super) theme: Option<Id>,
    pub(super) amount: Decimal,
    pub(super) units: i128,
}

impl Ceiling {
    /// What the ceiling's spend is divided by for the prices (its units, at least 1), so that
    /// every ceiling weighs about 1 whatever its size.
    pub(super) fn scale(&self) -> f64 {
        float(self.units).max(1.0)
    }
}

/// One initiative as the solver sees it.
pub(super) struct Item {
    /// Position in the plan.
    pub(super) index: usize,
    /// Allowed deferral years (labels 0..=max_defer; `drop` is label `max_defer + 1`).
    pub(super) max_defer: u8,
    /// Whether it may move at all.
    pub(super) fixed: bool,
    /// Objective per label: its value.
    pub(super) objective: Vec<i128>,
    /// Value per label in value units.
    pub(super) value: Vec<i128>,
    /// Sparse costs: (ceiling, cost per label).
    pub(super) costs: Vec<(usize, Vec<i128>)>,
}

/// The label value of a drop: later than any deferral, so a dependent of a dropped initiative
/// must be dropped too.
const DROP_VALUE: i32 = 1_000;

impl Item {
    pub(super) fn labels(&self) -> usize {
        if self.fixed { 1 } else { usize::from(self.max_defer) + 2 }
    }
    pub(super) fn label_value(&self, p: usize) -> i32 {
        if p <= usize::from(self.max_defer) { i32::try_from(p).unwrap_or(0) } else { DROP_VALUE }
    }
    pub(super) fn choice(&self, p: usize) -> super::Choice {
        match p {
            0 => super::Choice::Keep,
            p if p <= usize::from(self.max_defer) => super::Choice::Defer(u8::try_from(p).unwrap_or(u8::MAX)),
            _ => super::Choice::Drop,
        }
    }
}

/// `d_succ ≥ d_pred − gap` over label values.
#[derive(Clone, Copy)]
pub(super) struct Link {
    pub(super) pred: usize,
    pub(super) succ: usize,
    pub(super) gap: i32,
}

impl Link {
    /// Whether `chosen` keeps this dependency.
    pub(super) fn holds(&self, items: &[Item], chosen: &[usize]) -> bool {
        items[self.succ].label_value(chosen[self.succ]) >= items[self.pred].label_value(chosen[self.pred]) - self.gap
    }
}

/// The problem the search solves: the items and ceilings, each item's dependencies, and the
/// spend in the units the prices work in. It never changes during the search.
pub(super) struct Problem<'a> {
    pub(super) items: &'a [Item],
    pub(super) ceilings: &'a [Ceiling],
    /// Per item, its links as predecessor and as successor.
    pub(super) as_pred: Vec<Vec<Link>>,
    pub(super) as_succ: Vec<Vec<Link>>,
    /// Ceiling amounts divided by their scale (about 1), for the prices.
    pub(super) limit: Vec<f64>,
    /// Per item, its costs divided by each ceiling's scale: (ceiling, per label).
    pub(super) norm: Vec<Vec<(usize, Vec<f64>)>>,
    /// The fraction of a value unit the bounds count in (a power of two): fine enough that
    /// rounding each initiative's priced objective costs the bound well under one value unit.
    pub(super) grain: i128,
}

/// The most the whole objective may reach in grains: the closure's integer flow has room up to
/// 2^61.
pub(super) const GRAINS_LIMIT: i128 = 1 << 56;

impl<'a> Problem<'a> {
    pub(super) fn new(items: &'a [Item], links: &[Link], ceilings: &'a [Ceiling]) -> Problem<'a> {
        let n = items.len();
        let mut as_pred = vec![Vec::new(); n];
        let mut as_succ = vec![Vec::new(); n];
        for l in links {
            as_pred[l.pred].push(*l);
            as_succ[l.succ].push(*l);
        }
        // The grain: up to 2^20 per value unit, while the whole objective stays below 2^56 of it.
        let total = objective_span(items);
        let mut grain: i128 = 1 << 20;
        while grain > 1 && total.saturating_mul(grain) > GRAINS_LIMIT {
            grain /= 2;
        }
        Problem {
            items,
            ceilings,
            as_pred,
            as_succ,
            limit: ceilings.iter().map(|c| float(c.units) / c.scale()).collect(),
            norm: items
                .iter()
                .map(|it| {
                    it.costs
                        .iter()
                        .map(|(c, per)| (*c, per.iter().map(|v| float(*v) / ceilings[*c].scale()).collect()))
                        .collect()
                })
                .collect(),
            grain,
        }
    }

    /// Each ceiling's price times its normalised cost for item `i` at label `p`.
    pub(super) fn penalty(&self, i: usize, p: usize, lambda: &[f64]) -> f64 {
        self.norm[i].iter().map(|(c, per)| lambda[*c] * per[p]).sum()
    }

    /// The spend of `labels` per ceiling, in units.
    pub(super) fn spend(&self, labels: &[usize]) -> Vec<i128> {
        let mut spend = vec![0i128; self.ceilings.len()];
        for (it, &p) in self.items.iter().zip(labels) {
            for (c, per) in &it.costs {
                spend[*c] += per[p];
            }
        }
        spend
    }

    /// Whether `labels` meets every ceiling.
    pub(super) fn fits(&self, labels: &[usize]) -> bool {
        self.spend(labels).iter().zip(self.ceilings).all(|(s, c)| *s <= c.units)
    }

    /// The objective of `labels`.
    pub(super) fn value(&self, labels: &[usize]) -> i128 {
        self.items.iter().zip(labels).map(|(it, &p)| it.objective[p]).sum()
    }
}

/// The sum over items of their largest objective in absolute value (at least 1).
pub(super) fn objective_span(items: &[Item]) -> i128 {
    items.iter().map(|it| it.objective.iter().map(|v| v.abs()).max().unwrap_or(0)).sum::<i128>().max(1)
}

pub(super) fn committed(status: InitiativeStatus) -> bool {
    matches!(status, InitiativeStatus::InProgress | InitiativeStatus::Done | InitiativeStatus::Cancelled)
}

/// The ceilings the solver must meet, validated.
pub(super) fn ceilings(
    plan: &Plan,
    target: &CutTarget,
    planned: &cairn_roadmap::BudgetRollup,
) -> Result<Vec<Ceiling>, CutError> {
    let horizon = &plan.settings.horizon;
    let in_horizon = |fy: FiscalYear| fy >= horizon.first_year && fy <= horizon.last_year();
    let mut out = Vec::new();
    let mut push = |year: FiscalYear, theme: Option<Id>, amount: Decimal, field: &str| -> Result<(), CutError> {
        let units = to_units(amount, false, field)?;
        out.push(Ceiling { year, theme, amount, units });
        Ok(())
    };
    match target {
        CutTarget::Percent { percent, from } => {
            if *percent < Decimal::ZERO || *percent > Decimal::ONE_HUNDRED {
                return Err(err("percent", "must be between 0 and 100"));
            }
            if !in_horizon(*from) {
                return Err(err(
                    "from",
                    format!(
                        "{} is not in the plan's horizon ({} to {})",
                        plan.year_label(*from),
                        plan.year_label(horizon.first_year),
                        plan.year_label(horizon.last_year())
                    ),
                ));
            }
            let keep = Decimal::ONE - *percent / Decimal::ONE_HUNDRED;
            let scale = |v: Decimal| v.checked_mul(keep).ok_or_else(|| err("percent", "the amounts are too large"));
            for y in &planned.years {
                let field = format!("ceilings.{}", y.label);
                if y.year >= *from {
                    push(y.year, None, scale(y.ceiling.unwrap_or(y.total))?, &field)?;
                } else if let Some(c) = y.ceiling {
                    push(y.year, None, c.max(y.total), &field)?;
                }
                for cell in &y.themes {
                    let (Some(theme), Some(c)) = (&cell.theme, cell.ceiling) else { continue };
                    let amount = if y.year >= *from { scale(c)? } else { c.max(cell.total) };
                    push(y.year, Some(theme.clone()), amount, &field)?;
                }
            }
        }
        CutTarget::Ceilings(list) => {
            let mut seen = HashSet::new();
            for (k, c) in list.iter().enumerate() {
                if !in_horizon(c.year) {
                    return Err(err(
                        format!("ceilings[{k}].year"),
                        format!("{} is not in the plan's horizon", plan.year_label(c.year)),
                    ));
                }
                if c.amount < Decimal::ZERO {
                    return Err(err(format!("ceilings[{k}].amount"), "a ceiling cannot be negative"));
                }
                if let Some(t) = &c.theme
                    && !plan.themes.iter().any(|x| &x.id == t)
                {
                    return Err(err(format!("ceilings[{k}].theme"), format!("no theme has the id \"{t}\"")));
                }
                if !seen.insert((c.year, c.theme.clone())) {
                    return Err(err(format!("ceilings[{k}]"), "this year and theme already has a ceiling"));
                }
                push(c.year, c.theme.clone(), c.amount, &format!("ceilings[{k}].amount"))?;
            }
        }
    }
    Ok(out)
}

/// Each initiative as the solver sees it (its choices, their value and their spend against each
/// ceiling), and the names of those that may not move (committed or pinned).
pub(super) fn items(
    plan: &Plan,
    request: &CutRequest,
    pinned: &HashSet<&Id>,
    ceilings: &[Ceiling],
    values: &[i128],
) -> Result<(Vec<Item>, Vec<String>), CutError> {
    let horizon = &plan.settings.horizon;
    let cal = &plan.settings.fiscal_calendar;
    // Lanes exactly as the rollup assigns them: a theme the plan does not know counts as none.
    let known: HashSet<&Id> = plan.themes.iter().map(|t| &t.id).collect();
    let lane = |x: &Initiative| x.theme.as_ref().filter(|t| known.contains(t)).cloned();
    let last_month: YearMonth = cal.last_month(horizon.last_year()).map_err(|e| err("plan", e.to_string()))?;

    let mut items = Vec::with_capacity(plan.initiatives.len());
    let mut fixed_names = Vec::new();
    let mut budgets = cairn_roadmap::InitiativeBudgets::new(plan);
    let funding = Funding::new(plan);
    for (i, x) in plan.initiatives.iter().enumerate() {
        let fixed = pinned.contains(&x.id) || committed(x.status);
        if fixed {
            fixed_names.push(x.name.clone());
        }
        let mut max_defer = 0u8;
        if !fixed {
            for k in 1..=request.max_deferral_years {
                match x.end.add_months(12 * i32::from(k)) {
                    Ok(e) if e <= last_month => max_defer = k,
                    _ => break,
                }
            }
        }
        let base: BTreeMap<i32, Decimal> = {
            let years = budgets.of(x).map_err(|e| err("plan", e.to_string()))?;
            let mut m = BTreeMap::new();
            for y in years.iter() {
                let field = format!("initiatives[{i}].budget");
                let v = y.capex.checked_add(y.opex).ok_or_else(|| err(&field, "the amounts are too large"))?;
                let slot: &mut Decimal = m.entry(y.year.0).or_default();
                *slot = slot.checked_add(v).ok_or_else(|| err(&field, "the amounts are too large"))?;
            }
            m
        };
        let x_lane = lane(x);
        let labels = if fixed { 1 } else { usize::from(max_defer) + 2 };
        let mut costs = Vec::new();
        for (c, ceiling) in ceilings.iter().enumerate() {
            if ceiling.theme.is_some() && ceiling.theme != x_lane {
                continue;
            }
            let mut per_label = Vec::with_capacity(labels);
            for p in 0..labels {
                let cost = if p <= usize::from(max_defer) {
                    let from = ceiling.year.0 - i32::try_from(p).unwrap_or(0);
                    match base.get(&from) {
                        Some(v) => to_units(*v, true, &format!("initiatives[{i}].budget"))?,
                        None => 0,
                    }
                } else {
                    0
                };
                per_label.push(cost);
            }
            if per_label.iter().any(|&v| v != 0) {
                costs.push((c, per_label));
            }
        }
        let keep_value = values[i];
        let mut value = Vec::with_capacity(labels);
        let mut objective = Vec::with_capacity(labels);
        for p in 0..labels {
            let v = if p <= usize::from(max_defer) {
                deferred_value(&funding, x, keep_value, request.value, u8::try_from(p).unwrap_or(0))
            } else {
                0
            };
            value.push(v);
            objective.push(v);
        }
        items.push(Item { index: i, max_defer, fixed, objective, value, costs });
    }
    Ok((items, fixed_names))
}

/// Dependencies as difference constraints over whole years: the successor's label value may
/// trail its predecessor's by the whole years of slack the dependency has in the plan.
pub(super) fn links(plan: &Plan) -> Vec<Link> {
    let index: HashMap<&Id, usize> = plan.initiatives.iter().enumerate().map(|(k, x)| (&x.id, k)).collect();
    let mut links = Vec::new();
    for (j, x) in plan.initiatives.iter().enumerate() {
        for d in &x.dependencies {
            let Some(&i) = index.get(&d.on) else { continue };
            let p = &plan.initiatives[i];
            let allowed = match d.kind {
                DependencyKind::FinishToStart => p.end.index() + 1 + d.lag_months,
                DependencyKind::StartToStart => p.start.index() + d.lag_months,
            };
            let slack = (x.start.index() - allowed).max(0);
            links.push(Link { pred: i, succ: j, gap: slack / 12 });
        }
    }
    links
}

/// Each initiative's value as planned, in value units.
pub(super) fn values(plan: &Plan, basis: ValueBasis, notes: &mut Vec<String>) -> Result<Vec<i128>, CutError> {
    let mut out = Vec::with_capacity(plan.initiatives.len());
    let mut unscored = 0;
    let mut npv_cache: HashMap<&Id, Option<f64>> = HashMap::new();
    // The plan's context is built once, at the first case read (its policy, milestones, works).
    let mut ctx: Option<cairn_case::Context> = None;
    let mut without = Vec::new();
    let funding = Funding::new(plan);
    for x in &plan.initiatives {
        match basis {
            ValueBasis::Priority => {
                let p = x.priority.unwrap_or_else(|| {
                    unscored += 1;
                    UNSCORED_PRIORITY
                });
                out.push(i128::from(p.min(100)) * 10);
            }
            ValueBasis::Npv => {
                let npv = match funding.case_of(x) {
                    Some(case) => *npv_cache.entry(&case.id).or_insert_with(|| {
                        let ctx = ctx.get_or_insert_with(|| cairn_case::Context::of(plan));
                        cairn_case::evaluate_in(case, ctx).ok().and_then(|e| e.metrics.npv.value())
                    }),
                    None => None,
                };
                match npv {
                    Some(v) if v.is_finite() => out.push(v.max(0.0).round().to_i128().unwrap_or(0)),
                    _ => {
                        without.push(x.name.clone());
                        out.push(0);
                    }
                }
            }
        }
    }
    if unscored > 0 {
        notes.push(format!(
            "{unscored} initiative{} without a priority score count{} as {UNSCORED_PRIORITY}.",
            if unscored == 1 { "" } else { "s" },
            if unscored == 1 { "s" } else { "" }
        ));
    }
    if !without.is_empty() {
        notes.push(format!(
            "{} initiative{} without a business case NPV count{} as worth 0 and move only when needed.",
            without.len(),
            if without.len() == 1 { "" } else { "s" },
            if without.len() == 1 { "s" } else { "" }
        ));
    }
    Ok(out)
}

/// One of the solver's integers (millionths, grains, value units) as f64, for the bounds and the
/// prices: the nearest double, as `as` rounds. Every i128 has one (|v| < 2^127, far below
/// `f64::MAX`), so unlike a decimal's conversion (`cairn_core::to_f64`) this cannot fail.
pub(super) fn float(v: i128) -> f64 {
    v as f64
}

/// A value in value units as the CIO reads it: priority points (from tenths) or currency units.
pub(super) fn display(basis: ValueBasis, v: i128) -> f64 {
    let v = float(v);
    match basis {
        ValueBasis::Priority => v / 10.0,
        ValueBasis::Npv => v,
    }
}

/// The business case behind each initiative: the one its budget comes from, or else the first
/// case that lists it. Built once per proposal: asking every case's list for every initiative
/// made the model quadratic in a plan with thousands of case-funded initiatives.
struct Funding<'p> {
    plan: &'p Plan,
    listed_in: HashMap<&'p Id, &'p cairn_core::BusinessCase>,
}

impl<'p> Funding<'p> {
    fn new(plan: &'p Plan) -> Funding<'p> {
        let mut listed_in = HashMap::new();
        for c in &plan.business_cases {
            for id in &c.initiatives {
                listed_in.entry(id).or_insert(c);
            }
        }
        Funding { plan, listed_in }
    }

    fn case_of(&self, x: &Initiative) -> Option<&'p cairn_core::BusinessCase> {
        match &x.budget {
            Budget::BusinessCase { case } => self.plan.business_cases.iter().find(|c| &c.id == case),
            Budget::Entered { .. } => self.listed_in.get(&x.id).copied(),
        }
    }
}

/// The value kept when deferred `years` years.
fn deferred_value(funding: &Funding<'_>, x: &Initiative, keep: i128, basis: ValueBasis, years: u8) -> i128 {
    if years == 0 {
        return keep;
    }
    match basis {
        ValueBasis::Priority => {
            // `keep` is in tenths: each year loses a tenth of the score.
            let lost = keep * i128::from(PRIORITY_TENTHS_LOST_PER_YEAR) * i128::from(years) / 10;
            (keep - lost).max(0)
        }
        ValueBasis::Npv => {
            // Discounted at the linked case's rate, by `cairn-finance` as every NPV is; without a
            // case (or with a rate that has no f64, which no decimal lacks) it is not discounted.
            let rate = funding.case_of(x).and_then(|c| cairn_core::to_f64(c.discount_rate).ok()).unwrap_or(0.0);
            let factor = cairn_finance::compound(rate, f64::from(years));
            let v = float(keep) / if factor > 0.0 { factor } else { 1.0 };
            v.round().to_i128().unwrap_or(0).min(keep)
        }
    }
}

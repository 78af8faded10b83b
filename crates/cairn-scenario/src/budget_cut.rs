//! The budget-cut helper: which initiatives to defer or drop so that spend fits the ceilings,
//! keeping as much value as possible — solved exactly, with the reasoning in words.
//!
//! # The problem
//! Each initiative that may move (not in progress, done or cancelled, and not pinned by the CIO)
//! is kept as planned, deferred by 1..=K whole fiscal years (its dates, milestones, budget years
//! and FTE quarters shift by 12·k months; its end may not pass the plan's horizon), or dropped.
//! Every FS/SS dependency with its lag must stay as satisfied as it is in the plan: a deferred
//! successor must still start after what its (possibly deferred) predecessor allows, and a
//! dependent of a dropped initiative is dropped too. Spend per fiscal year — total and per theme,
//! with the same rules as `cairn_roadmap::budget` (a linked case's cost lines by fiscal year) —
//! must fit the ceilings. Value (priority score, or NPV of the linked business case) is
//! maximised exactly. Among proposals of equal value (initiatives worth nothing, e.g. without a
//! business case in NPV mode), the one found is then trimmed: every change that is not needed —
//! one that can be undone (kept, or deferred less) without breaking a ceiling or dependency or
//! losing value — is undone, so each change left is needed on its own.
//!
//! # Why the answer is exact
//! Dependencies between whole-year shifts become difference constraints `d_j ≥ d_i − g` over each
//! initiative's ordered choices (keep < defer 1 < … < drop), where `g` is how many whole years of
//! slack the dependency has in the plan. A depth-first branch and bound fixes one initiative at a
//! time (the most valuable first), propagates those constraints (bounds consistency), and prunes
//! a node when (a) the least spend its remaining choices allow already exceeds a ceiling, or (b)
//! an upper bound on the value of every completion of the node is no better than the best
//! proposal found.
//!
//! The bound is Lagrangian: the ceilings are moved into the objective with prices λ ≥ 0, the
//! dependencies and the node's remaining choices are kept. For fixed λ what is left — each
//! initiative's value minus its priced spend, maximised under `d_j ≥ d_i − g` — is a
//! maximum-weight closure problem (one node per initiative and step "label ≥ k", each step
//! implying the one below; "pred's label ≥ k" implying "succ's label ≥ q"), solved exactly by a
//! minimum cut (module `closure`, Dinic's algorithm over integers). For any λ ≥ 0, Σ λ·C plus that
//! maximum bounds every completion that meets the ceilings (weak duality), so pruning with it
//! is exact whatever λ is; λ only decides how tight it is. Because the closure problem is
//! totally unimodular, the best λ gives the linear-programming relaxation's bound. λ is
//! optimised by subgradient steps at the root and re-used, with a few more steps, at each node.
//! Two cheaper bounds (the same prices with the dependencies left out, and λ = 0) are kept
//! incrementally and tried first. Bounds are computed in integers — in 2⁻²⁰ of a value unit,
//! the constant rounded up and each priced value rounded up — so floating-point error can only
//! loosen them, never prune an optimum. Choices whose bound alone is no better than the best
//! proposal are removed at the root (reduced-cost fixing). The relaxation's choices, repaired to
//! meet the ceilings and improved by local search, give the first proposals. When the search
//! ends the incumbent is optimal; if the node budget is hit first, the result says so and gives
//! the proven bound on the value (the gap), never silently a heuristic answer.
//!
//! # Numbers
//! Money stays `Decimal` everywhere except inside the solver, which works in integer millionths of
//! the currency unit ([`to_units`]): costs rounded up and ceilings down, so a proposal the solver
//! finds feasible is feasible in exact decimals (checked again with `cairn_roadmap::budget` on the
//! plan as proposed). Value is an integer: tenths of a priority point, or whole currency units of
//! NPV (the one f64 → integer conversion of values).
//!
//! See `docs/budget-cut.md` for the rules in the CIO's words.

mod closure;

use std::collections::{BTreeMap, HashMap, HashSet};

use cairn_core::{
    Budget, BudgetCeiling, BudgetYear, DependencyKind, FiscalYear, Id, Initiative, InitiativeStatus, Override, Plan,
    QuarterFte,
};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

/// The longest deferral the helper considers, in fiscal years.
pub const MAX_DEFERRAL_YEARS: u8 = 10;

/// The default node budget of the search (about 2 s on 300 initiatives, where a node solves one
/// to three maximum-closure problems; the benchmark is proven optimal in about 19,000 nodes):
/// past it, the answer is the best proposal found with its proven gap.
pub const DEFAULT_NODE_LIMIT: u64 = 100_000;

/// Share of a priority score kept per year of deferral is `1 − DEFERRAL_LOSS_PER_YEAR` per year
/// (linearly: a two-year deferral keeps 80 %). In tenths of the score: each year costs one tenth.
pub const PRIORITY_TENTHS_LOST_PER_YEAR: i64 = 1;

/// The priority an initiative without a score counts with: the middle of the 0–100 scale.
pub const UNSCORED_PRIORITY: u8 = 50;

/// What the spend must fit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CutTarget {
    /// "Cut X % from FY N": for every fiscal year from N on, the ceiling becomes (1 − X) × the
    /// plan's ceiling, or (1 − X) × the planned spend where the plan has no ceiling; theme
    /// ceilings from N on shrink by the same share. Earlier years may not get worse: their
    /// ceilings stay, raised to the planned spend where the plan already breaks them.
    Percent {
        /// X in percent, 0 to 100.
        percent: Decimal,
        /// N.
        from: FiscalYear,
    },
    /// Exactly these ceilings (total when `theme` is `None`, else per theme), nothing else.
    Ceilings(Vec<BudgetCeiling>),
}

/// How an initiative's value is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueBasis {
    /// The priority score (0–100; unscored counts as [`UNSCORED_PRIORITY`]); each year of
    /// deferral loses a tenth of it.
    Priority,
    /// The NPV of the linked business case (its budget's case, or the case that lists the
    /// initiative), floored at zero; each year of deferral discounts it one more year at the
    /// case's rate. Initiatives without a case (or whose case has no NPV) are worth 0, so they
    /// move only when that is needed (unneeded changes are undone).
    Npv,
}

/// What the CIO asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CutRequest {
    /// The ceilings to meet.
    pub target: CutTarget,
    /// What value means.
    pub value: ValueBasis,
    /// The longest deferral, 0 to [`MAX_DEFERRAL_YEARS`] years (0: drop or keep only).
    pub max_deferral_years: u8,
    /// Initiatives that must stay as planned.
    pub pinned: Vec<Id>,
    /// The search's node budget (see [`DEFAULT_NODE_LIMIT`]).
    pub node_limit: u64,
}

/// Bad input, naming the field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CutError {
    /// E.g. `percent`, `ceilings[2].amount`, `pinned[0]`.
    pub field: String,
    /// Why, in words.
    pub message: String,
}

impl std::fmt::Display for CutError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for CutError {}

fn err(field: impl Into<String>, message: impl Into<String>) -> CutError {
    CutError { field: field.into(), message: message.into() }
}

/// What happens to one initiative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Choice {
    /// As planned.
    Keep,
    /// Later by this many fiscal years.
    Defer(u8),
    /// Left out.
    Drop,
}

/// One initiative's decision and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// The initiative.
    pub initiative: Id,
    /// Its name.
    pub name: String,
    /// What happens to it.
    pub choice: Choice,
    /// Its value as planned and after the decision, in display units (points or currency).
    pub value_before: f64,
    /// See `value_before`.
    pub value_after: f64,
    /// New first and last month, when deferred.
    pub dates: Option<(cairn_core::YearMonth, cairn_core::YearMonth)>,
    /// The sentence the CIO reads.
    pub reason: String,
}

/// One ceiling (or one year's total) before and after.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearLine {
    /// The fiscal year.
    pub year: FiscalYear,
    /// "FY2028".
    pub label: String,
    /// The theme, `None` for the portfolio total.
    pub theme: Option<Id>,
    /// The theme's name ("Total" for the portfolio).
    pub theme_name: String,
    /// Planned spend.
    pub before: Decimal,
    /// Spend as proposed (equal to `before` when there is no feasible proposal).
    pub after: Decimal,
    /// The ceiling the helper had to meet, if any.
    pub ceiling: Option<Decimal>,
}

/// How good the proposal is.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The best possible: nothing else meets the ceilings with more value.
    Optimal,
    /// The node budget ran out: the proposal meets every ceiling and dependency, and no proposal
    /// can have more than `bound` value.
    Gap {
        /// The proven upper bound on the value, in display units.
        bound: f64,
    },
    /// Nothing meets the ceilings.
    Infeasible {
        /// Why, in sentences.
        reasons: Vec<String>,
    },
    /// Nothing to cut: the plan already fits.
    AlreadyFits,
}

/// The helper's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    /// Optimal, gap, infeasible or already fitting.
    pub outcome: Outcome,
    /// The initiatives that change, in plan order.
    pub decisions: Vec<Decision>,
    /// Every fiscal year's total, and every theme ceiling, before and after.
    pub years: Vec<YearLine>,
    /// What "value" is measured in ("priority points" or the currency code).
    pub value_unit: String,
    /// The value of the initiatives as planned.
    pub value_before: f64,
    /// The value kept.
    pub value_after: f64,
    /// Nodes the search visited.
    pub nodes: u64,
    /// Remarks: fixed initiatives, unscored ones, cases without NPV, horizon limits.
    pub notes: Vec<String>,
}

impl Proposal {
    /// The scenario overrides that carry the proposal out: for each deferral its new dates and
    /// its budget moved by the same whole years (so the scenario's spend is where the proposal
    /// counted it), and "left out" for each drop. FTE demand has no override and stays in its
    /// quarters.
    pub fn overrides(&self, plan: &Plan) -> Result<Vec<Override>, CutError> {
        let mut out = Vec::new();
        for d in &self.decisions {
            match (d.choice, d.dates) {
                (Choice::Defer(years), Some((start, end))) => {
                    out.push(Override::InitiativeDates { initiative: d.initiative.clone(), start, end });
                    let x =
                        plan.initiatives.iter().find(|x| x.id == d.initiative).ok_or_else(|| {
                            err("initiative", format!("no initiative has the id \"{}\"", d.initiative))
                        })?;
                    let deferred = defer_initiative(plan, x, years)?;
                    out.push(Override::InitiativeBudget { initiative: d.initiative.clone(), budget: deferred.budget });
                    if !deferred.fte.is_empty() {
                        out.push(Override::InitiativeFte { initiative: d.initiative.clone(), fte: deferred.fte });
                    }
                }
                (Choice::Drop, _) => {
                    out.push(Override::InitiativeIncluded { initiative: d.initiative.clone(), included: false });
                }
                _ => {}
            }
        }
        Ok(out)
    }
}

/// Integer millionths of the currency unit: the solver's one money representation.
const UNIT_DIGITS: u32 = 6;

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
struct Ceiling {
    year: FiscalYear,
    theme: Option<Id>,
    amount: Decimal,
    units: i128,
}

/// One initiative as the solver sees it.
struct Item {
    /// Position in the plan.
    index: usize,
    /// Allowed deferral years (labels 0..=max_defer; `drop` is label `max_defer + 1`).
    max_defer: u8,
    /// Whether it may move at all.
    fixed: bool,
    /// Objective per label: its value.
    objective: Vec<i128>,
    /// Value per label in value units.
    value: Vec<i128>,
    /// Sparse costs: (ceiling, cost per label).
    costs: Vec<(usize, Vec<i128>)>,
}

const DROP_VALUE: i32 = 1_000;

impl Item {
    fn labels(&self) -> usize {
        if self.fixed { 1 } else { usize::from(self.max_defer) + 2 }
    }
    fn label_value(&self, p: usize) -> i32 {
        if p <= usize::from(self.max_defer) { i32::try_from(p).unwrap_or(0) } else { DROP_VALUE }
    }
    fn choice(&self, p: usize) -> Choice {
        match p {
            0 => Choice::Keep,
            p if p <= usize::from(self.max_defer) => Choice::Defer(u8::try_from(p).unwrap_or(u8::MAX)),
            _ => Choice::Drop,
        }
    }
}

/// `d_succ ≥ d_pred − gap` over label values.
#[derive(Clone, Copy)]
struct Link {
    pred: usize,
    succ: usize,
    gap: i32,
}

/// Proposes which initiatives to defer or drop so that the plan fits the ceilings.
pub fn propose(plan: &Plan, request: &CutRequest) -> Result<Proposal, CutError> {
    if request.max_deferral_years > MAX_DEFERRAL_YEARS {
        return Err(err("max_deferral_years", format!("must be between 0 and {MAX_DEFERRAL_YEARS}")));
    }
    if request.node_limit == 0 {
        return Err(err("node_limit", "must be at least 1"));
    }
    let horizon = &plan.settings.horizon;
    let cal = &plan.settings.fiscal_calendar;
    let planned = cairn_roadmap::budget(plan).map_err(|e| err("plan", e.to_string()))?;
    let sched = cairn_roadmap::schedule(plan).map_err(|e| err("plan", e.to_string()))?;
    let mut pinned = HashSet::new();
    for (k, id) in request.pinned.iter().enumerate() {
        if !plan.initiatives.iter().any(|x| &x.id == id) {
            return Err(err(format!("pinned[{k}]"), format!("no initiative has the id \"{id}\"")));
        }
        pinned.insert(id);
    }
    let ceilings = ceilings(plan, &request.target, &planned)?;
    let mut notes = Vec::new();

    // Lanes exactly as the rollup assigns them: a theme the plan does not know counts as none.
    let known: HashSet<&Id> = plan.themes.iter().map(|t| &t.id).collect();
    let lane = |x: &Initiative| x.theme.as_ref().filter(|t| known.contains(t)).cloned();
    let last_month = cal.last_month(horizon.last_year()).map_err(|e| err("plan", e.to_string()))?;

    // Values.
    let values = values(plan, request.value, &mut notes)?;
    let unit = match request.value {
        ValueBasis::Priority => "priority points".to_owned(),
        ValueBasis::Npv => plan.settings.currency.code().to_owned(),
    };
    let display = |v: i128| -> f64 {
        let v = v.to_f64().unwrap_or(0.0);
        match request.value {
            ValueBasis::Priority => v / 10.0,
            ValueBasis::Npv => v,
        }
    };

    // Items.
    let mut items = Vec::with_capacity(plan.initiatives.len());
    let mut fixed_names = Vec::new();
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
            let years = cairn_roadmap::initiative_budget(plan, x).map_err(|e| err("plan", e.to_string()))?;
            let mut m = BTreeMap::new();
            for y in years {
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
                deferred_value(plan, x, keep_value, request.value, u8::try_from(p).unwrap_or(0))
            } else {
                0
            };
            value.push(v);
            objective.push(v);
        }
        items.push(Item { index: i, max_defer, fixed, objective, value, costs });
    }
    if !fixed_names.is_empty() {
        notes.push(format!(
            "{} initiative{} stay as planned (in progress, done, cancelled or pinned).",
            fixed_names.len(),
            if fixed_names.len() == 1 { "" } else { "s" }
        ));
    }

    // Dependencies as difference constraints over whole years.
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

    let before_value: i128 = items.iter().map(|it| it.value[0]).sum();
    let already = ceilings.iter().enumerate().all(|(c, ceiling)| {
        let spend: i128 =
            items.iter().flat_map(|it| it.costs.iter().filter(|(k, _)| *k == c).map(|(_, per)| per[0])).sum();
        spend <= ceiling.units
    });
    let mut search = Search::new(&items, &links, &ceilings);
    let outcome;
    let mut chosen: Vec<usize> = vec![0; items.len()];
    if already {
        outcome = Outcome::AlreadyFits;
    } else if !search.propagate_all() {
        outcome = Outcome::Infeasible { reasons: vec!["the dependencies cannot all be kept".into()] };
    } else if let Some(reasons) = search.root_infeasible(plan, &items, &ceilings) {
        outcome = Outcome::Infeasible { reasons };
    } else {
        search.node_limit = request.node_limit;
        search.solve();
        search.nodes = search.nodes.max(1);
        match &search.best {
            None if !search.aborted => {
                outcome = Outcome::Infeasible {
                    reasons: vec![
                        "No combination of deferrals and drops meets every ceiling at once, although each ceiling can be met on its own: dependencies and the plan's horizon tie the years together. Allow longer deferrals, unpin initiatives or raise a ceiling."
                            .into(),
                    ],
                }
            }
            None => {
                outcome = Outcome::Infeasible {
                    reasons: vec![format!(
                        "The search stopped after {} nodes without finding a proposal that meets every ceiling; raise the node budget.",
                        search.nodes
                    )],
                }
            }
            Some((_, labels)) => {
                chosen.clone_from(labels);
                undo_unneeded(&items, &links, &ceilings, &mut chosen);
                outcome = if search.aborted {
                    let bound_value = search.open_bound.max(search.best.as_ref().map_or(i128::MIN, |b| b.0));
                    Outcome::Gap { bound: display(bound_value) }
                } else {
                    Outcome::Optimal
                };
            }
        }
    }
    let nodes = search.nodes;

    // The plan as proposed, checked with the roadmap's own rules.
    let feasible = matches!(outcome, Outcome::Optimal | Outcome::Gap { .. });
    let mut after_plan = plan.clone();
    let mut decisions = Vec::new();
    if feasible {
        let mut kept = Vec::with_capacity(plan.initiatives.len());
        for (it, &p) in items.iter().zip(&chosen) {
            let x = &plan.initiatives[it.index];
            match it.choice(p) {
                Choice::Keep => kept.push(x.clone()),
                Choice::Defer(k) => kept.push(defer_initiative(plan, x, k)?),
                Choice::Drop => {}
            }
        }
        after_plan.initiatives = kept;
    }
    let after = cairn_roadmap::budget(&after_plan).map_err(|e| err("plan", e.to_string()))?;
    if feasible {
        check_after(plan, &after_plan, &sched, &after, &ceilings)?;
    }
    let years = year_lines(plan, &planned, &after, &ceilings);
    let after_value: i128 =
        if feasible { items.iter().zip(&chosen).map(|(it, &p)| it.value[p]).sum() } else { before_value };
    if feasible {
        for (it, &p) in items.iter().zip(&chosen) {
            if p == 0 {
                continue;
            }
            let x = &plan.initiatives[it.index];
            let choice = it.choice(p);
            let dates = match choice {
                Choice::Defer(k) => {
                    let m = 12 * i32::from(k);
                    Some((
                        x.start.add_months(m).map_err(|e| err("plan", e.to_string()))?,
                        x.end.add_months(m).map_err(|e| err("plan", e.to_string()))?,
                    ))
                }
                _ => None,
            };
            let reason = reason(plan, &items, &chosen, it, p, &ceilings, request.value, &display);
            decisions.push(Decision {
                initiative: x.id.clone(),
                name: x.name.clone(),
                choice,
                value_before: display(it.value[0]),
                value_after: display(it.value[p]),
                dates,
                reason,
            });
        }
    }
    Ok(Proposal {
        outcome,
        decisions,
        years,
        value_unit: unit,
        value_before: display(before_value),
        value_after: display(after_value),
        nodes,
        notes,
    })
}

/// Among proposals of the same value, undoes every change that is not needed: over and over,
/// each changed initiative (least spend first) is kept, or deferred less, when that still meets
/// every ceiling and dependency and loses no value. Every change left is then needed on its own.
fn undo_unneeded(items: &[Item], links: &[Link], ceilings: &[Ceiling], chosen: &mut [usize]) {
    let mut spend = vec![0i128; ceilings.len()];
    for (it, &p) in items.iter().zip(chosen.iter()) {
        for (c, per) in &it.costs {
            spend[*c] += per[p];
        }
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    let size = |i: usize| items[i].costs.iter().map(|(_, per)| per[0]).sum::<i128>();
    order.sort_by_key(|&i| (size(i), i));
    loop {
        let mut improved = false;
        for &i in &order {
            let current = chosen[i];
            if current == 0 {
                continue;
            }
            for p in 0..current {
                if items[i].value[p] < items[i].value[current] {
                    continue;
                }
                chosen[i] = p;
                let fits =
                    items[i].costs.iter().all(|(c, per)| spend[*c] + per[p] - per[current] <= ceilings[*c].units);
                let linked = links.iter().filter(|l| l.pred == i || l.succ == i).all(|l| {
                    items[l.succ].label_value(chosen[l.succ]) >= items[l.pred].label_value(chosen[l.pred]) - l.gap
                });
                if fits && linked {
                    for (c, per) in &items[i].costs {
                        spend[*c] += per[p] - per[current];
                    }
                    improved = true;
                    break;
                }
                chosen[i] = current;
            }
        }
        if !improved {
            return;
        }
    }
}

fn committed(status: InitiativeStatus) -> bool {
    matches!(status, InitiativeStatus::InProgress | InitiativeStatus::Done | InitiativeStatus::Cancelled)
}

/// The ceilings the solver must meet, validated.
fn ceilings(plan: &Plan, target: &CutTarget, planned: &cairn_roadmap::BudgetRollup) -> Result<Vec<Ceiling>, CutError> {
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

/// Each initiative's value as planned, in value units.
fn values(plan: &Plan, basis: ValueBasis, notes: &mut Vec<String>) -> Result<Vec<i128>, CutError> {
    let mut out = Vec::with_capacity(plan.initiatives.len());
    let mut unscored = 0;
    let mut npv_cache: HashMap<&Id, Option<f64>> = HashMap::new();
    let mut without = Vec::new();
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
                let npv = match linked_case(plan, x) {
                    Some(case) => *npv_cache
                        .entry(&case.id)
                        .or_insert_with(|| cairn_case::evaluate(case).ok().and_then(|e| e.metrics.npv.value())),
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

fn linked_case<'p>(plan: &'p Plan, x: &Initiative) -> Option<&'p cairn_core::BusinessCase> {
    match &x.budget {
        Budget::BusinessCase { case } => plan.business_cases.iter().find(|c| &c.id == case),
        Budget::Entered { .. } => plan.business_cases.iter().find(|c| c.initiatives.contains(&x.id)),
    }
}

/// The value kept when deferred `years` years.
fn deferred_value(plan: &Plan, x: &Initiative, keep: i128, basis: ValueBasis, years: u8) -> i128 {
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
            let rate = linked_case(plan, x).and_then(|c| c.discount_rate.to_f64()).unwrap_or(0.0);
            let factor = (1.0 + rate).powi(i32::from(years));
            let v = keep.to_f64().unwrap_or(0.0) / if factor > 0.0 { factor } else { 1.0 };
            v.round().to_i128().unwrap_or(0).min(keep)
        }
    }
}

/// Confirms with `cairn_roadmap` that the plan as proposed meets every ceiling and breaks no
/// dependency the plan did not already break (and none worse).
fn check_after(
    plan: &Plan,
    after_plan: &Plan,
    before: &cairn_roadmap::Schedule,
    after: &cairn_roadmap::BudgetRollup,
    ceilings: &[Ceiling],
) -> Result<(), CutError> {
    for c in ceilings {
        let Some(y) = after.years.iter().find(|y| y.year == c.year) else { continue };
        let spend = match &c.theme {
            None => y.total,
            Some(t) => {
                y.themes.iter().find(|cell| cell.theme.as_ref() == Some(t)).map_or(Decimal::ZERO, |cell| cell.total)
            }
        };
        if spend > c.amount {
            return Err(err("proposal", format!("internal error: {} would spend {spend} over {}", y.label, c.amount)));
        }
    }
    let sched = cairn_roadmap::schedule(after_plan).map_err(|e| err("plan", e.to_string()))?;
    for v in &sched.violations {
        let was = before.violations.iter().find(|w| w.initiative == v.initiative && w.on == v.on);
        let worse = match was {
            None => true,
            Some(w) => v.planned_start.months_until(v.earliest_start) > w.planned_start.months_until(w.earliest_start),
        };
        if worse {
            let _ = plan;
            return Err(err(
                "proposal",
                format!("internal error: the proposal breaks the dependency of {} on {}", v.initiative, v.on),
            ));
        }
    }
    Ok(())
}

fn year_lines(
    plan: &Plan,
    before: &cairn_roadmap::BudgetRollup,
    after: &cairn_roadmap::BudgetRollup,
    ceilings: &[Ceiling],
) -> Vec<YearLine> {
    let theme_name = |t: &Id| plan.themes.iter().find(|x| &x.id == t).map_or(t.to_string(), |x| x.name.clone());
    let mut out = Vec::new();
    for (b, a) in before.years.iter().zip(&after.years) {
        out.push(YearLine {
            year: b.year,
            label: b.label.clone(),
            theme: None,
            theme_name: "Total".into(),
            before: b.total,
            after: a.total,
            ceiling: ceilings.iter().find(|c| c.year == b.year && c.theme.is_none()).map(|c| c.amount),
        });
        for c in ceilings.iter().filter(|c| c.year == b.year) {
            let Some(t) = &c.theme else { continue };
            let cell = |r: &cairn_roadmap::BudgetYearRollup| {
                r.themes.iter().find(|x| x.theme.as_ref() == Some(t)).map_or(Decimal::ZERO, |x| x.total)
            };
            out.push(YearLine {
                year: b.year,
                label: b.label.clone(),
                theme: Some(t.clone()),
                theme_name: theme_name(t),
                before: cell(b),
                after: cell(a),
                ceiling: Some(c.amount),
            });
        }
    }
    out
}

/// A short amount for sentences, as the app writes it: "$1.2M", "−$600K" (`cairn_core::text`).
fn short_money(amount: Decimal, currency: cairn_core::Currency) -> String {
    cairn_core::text::compact_money(amount.to_f64().unwrap_or(0.0), currency.code())
}

fn years_text(k: u8) -> String {
    match k {
        1 => "one year".into(),
        2 => "two years".into(),
        3 => "three years".into(),
        k => format!("{k} years"),
    }
}

#[allow(clippy::too_many_arguments)]
fn reason(
    plan: &Plan,
    items: &[Item],
    chosen: &[usize],
    it: &Item,
    p: usize,
    ceilings: &[Ceiling],
    basis: ValueBasis,
    display: &dyn Fn(i128) -> f64,
) -> String {
    let x = &plan.initiatives[it.index];
    let cur = plan.settings.currency;
    let cal = &plan.settings.fiscal_calendar;
    // Spend moved, per fiscal year of the ceilings (total ceilings when there are, else themes).
    let mut delta: BTreeMap<i32, i128> = BTreeMap::new();
    let totals: Vec<usize> = {
        let t: Vec<usize> = (0..ceilings.len()).filter(|&c| ceilings[c].theme.is_none()).collect();
        if t.is_empty() { (0..ceilings.len()).collect() } else { t }
    };
    for (c, per) in &it.costs {
        if totals.contains(c) {
            *delta.entry(ceilings[*c].year.0).or_default() += per[p] - per[0];
        }
    }
    let amount = |u: i128| Decimal::from_i128_with_scale(u, UNIT_DIGITS);
    let frees: Vec<String> = delta
        .iter()
        .filter(|(_, d)| **d < 0)
        .map(|(y, d)| format!("{} in {}", short_money(amount(-d), cur), cal.label(FiscalYear(*y))))
        .collect();
    let adds: Vec<String> = delta
        .iter()
        .filter(|(_, d)| **d > 0)
        .map(|(y, d)| format!("{} in {}", short_money(amount(*d), cur), cal.label(FiscalYear(*y))))
        .collect();
    let value = |v: i128| match basis {
        ValueBasis::Priority => {
            let d = display(v);
            if (d - d.round()).abs() < 1e-9 { format!("{d:.0}") } else { format!("{d:.1}") }
        }
        ValueBasis::Npv => short_money(Decimal::from_i128_with_scale(v, 0), cur),
    };
    let what = match basis {
        ValueBasis::Priority => "value",
        ValueBasis::Npv => "NPV",
    };
    let mut s = match it.choice(p) {
        Choice::Defer(k) => {
            let start = x.start.add_months(12 * i32::from(k)).unwrap_or(x.start);
            format!("Defer “{}” {} to {} (starts {start})", x.name, years_text(k), cal.label(cal.fiscal_year_of(start)))
        }
        Choice::Drop => {
            let pred_dropped = x.dependencies.iter().find_map(|d| {
                items.iter().zip(chosen).find_map(|(o, &q)| {
                    let y = &plan.initiatives[o.index];
                    (y.id == d.on && matches!(o.choice(q), Choice::Drop)).then(|| y.name.clone())
                })
            });
            match pred_dropped {
                Some(n) => format!("Drop “{}” (it depends on “{n}”, which is dropped)", x.name),
                None => format!("Drop “{}”", x.name),
            }
        }
        Choice::Keep => format!("Keep “{}”", x.name),
    };
    if !frees.is_empty() {
        s.push_str(&format!(": frees {}", frees.join(", ")));
    }
    if !adds.is_empty() {
        s.push_str(&format!("{} adds {}", if frees.is_empty() { ":" } else { ";" }, adds.join(", ")));
    }
    s.push_str(&format!("; {what} {} → {}.", value(it.value[0]), value(it.value[p])));
    s
}

/// Rounds of subgradient steps on the prices at the root, each followed by a repair of the
/// priced choices into a proposal.
const ROOT_ROUNDS: u32 = 4;
/// Subgradient steps per root round.
const ROOT_ITERATIONS: usize = 40;
/// Subgradient steps at a node that its parent's prices do not prune, and the first step's size
/// (a multiple of Polyak's).
const NODE_ITERATIONS: usize = 2;
const NODE_STEP: f64 = 1.5;
/// Rounds of the local search on a proposal, and how many of the best moves up and down each
/// round pairs.
const IMPROVE_ROUNDS: usize = 200;
const IMPROVE_UPS: usize = 64;
const IMPROVE_DOWNS: usize = 256;

/// The Lagrangian relaxation solved at one node.
struct Relaxed {
    /// No completion of the node has more value (in value units).
    bound: i128,
    /// The same in floating point, unrounded, for the price updates.
    estimate: f64,
    /// The relaxation's choice per item (it meets the dependencies, not always the ceilings).
    labels: Vec<usize>,
    /// Per ceiling, the spend of those choices divided by the ceiling's scale.
    used: Vec<f64>,
}

/// Depth-first branch and bound over the items' labels.
struct Search<'a> {
    items: &'a [Item],
    ceilings: &'a [Ceiling],
    /// Per item, its links as predecessor and as successor.
    as_pred: Vec<Vec<Link>>,
    as_succ: Vec<Vec<Link>>,
    /// Allowed labels, as bit masks.
    dom: Vec<u32>,
    /// Reduced objective per item and label, in `grain`ths of a value unit (rounded up).
    reduced: Vec<Vec<i128>>,
    /// Σ λ·C in `grain`ths of a value unit, rounded up.
    constant: i128,
    /// The fraction of a value unit the bounds count in (a power of two): fine enough that
    /// rounding each initiative's priced objective costs the bound well under one value unit.
    grain: i128,
    /// Ceiling amounts divided by their scale (about 1), for the prices.
    limit: Vec<f64>,
    /// The maximum-closure network, reused node after node, and its answer.
    flow: closure::Closure,
    members: Vec<bool>,
    /// Per item, its objective per label in grains; empty when the values are too large for the
    /// closure's integers even at one grain per unit (then only the quick bounds are used).
    scaled: Vec<Vec<i64>>,
    /// Per item and link as predecessor: per label k of the predecessor, the least label the
    /// successor then needs (`u8::MAX`: none will do).
    need: Vec<Vec<Vec<u8>>>,
    /// Scratch: each item's first closure node.
    first: Vec<usize>,
    /// The items with a choice left when the search starts; the others never move again, and
    /// their value and spend are summed once in `settled`.
    movable: Vec<usize>,
    settled: (i128, Vec<f64>),
    /// Per item, its costs divided by each ceiling's scale: (ceiling, per label).
    norm: Vec<Vec<(usize, Vec<f64>)>>,
    /// Per item, the best reduced objective over its domain.
    best_r: Vec<i128>,
    sum_best: i128,
    /// The same at λ = 0 (ceilings ignored): tighter where the ceilings have slack.
    best_0: Vec<i128>,
    sum_0: i128,
    /// Per ceiling, the least spend the domains allow.
    min_spend: Vec<i128>,
    trail: Vec<(usize, u32)>,
    order: Vec<usize>,
    best: Option<(i128, Vec<usize>)>,
    nodes: u64,
    node_limit: u64,
    aborted: bool,
    open_bound: i128,
}

fn lowest(mask: u32) -> usize {
    mask.trailing_zeros() as usize
}
fn highest(mask: u32) -> usize {
    31 - mask.leading_zeros() as usize
}

impl<'a> Search<'a> {
    fn new(items: &'a [Item], links: &[Link], ceilings: &'a [Ceiling]) -> Search<'a> {
        let n = items.len();
        let mut as_pred = vec![Vec::new(); n];
        let mut as_succ = vec![Vec::new(); n];
        for l in links {
            as_pred[l.pred].push(*l);
            as_succ[l.succ].push(*l);
        }
        let dom: Vec<u32> = items.iter().map(|it| (1u32 << it.labels()) - 1).collect();
        // The grain: up to 2^20 per value unit, while the whole objective stays below 2^56 of it
        // (the closure's integer flow has room up to 2^61).
        let total: i128 =
            items.iter().map(|it| it.objective.iter().map(|v| v.abs()).max().unwrap_or(0)).sum::<i128>().max(1);
        let mut grain: i128 = 1 << 20;
        while grain > 1 && total.saturating_mul(grain) > (1i128 << 56) {
            grain /= 2;
        }
        let mut s = Search {
            items,
            ceilings,
            as_pred,
            as_succ,
            dom,
            reduced: items.iter().map(|it| it.objective.iter().map(|v| v.saturating_mul(grain)).collect()).collect(),
            constant: 0,
            grain,
            limit: ceilings.iter().map(|c| c.units.to_f64().unwrap_or(0.0) / scale(c)).collect(),
            flow: closure::Closure::default(),
            members: Vec::new(),
            scaled: if total.saturating_mul(grain) > (1i128 << 56) {
                Vec::new()
            } else {
                items
                    .iter()
                    .map(|it| {
                        it.objective.iter().map(|v| i64::try_from(v.saturating_mul(grain)).unwrap_or(0)).collect()
                    })
                    .collect()
            },
            need: Vec::new(),
            first: Vec::new(),
            movable: (0..n).collect(),
            settled: (0, vec![0.0; ceilings.len()]),
            norm: items
                .iter()
                .map(|it| {
                    it.costs
                        .iter()
                        .map(|(c, per)| {
                            (*c, per.iter().map(|v| v.to_f64().unwrap_or(0.0) / scale(&ceilings[*c])).collect())
                        })
                        .collect()
                })
                .collect(),
            best_r: vec![0; n],
            sum_best: 0,
            best_0: vec![0; n],
            sum_0: 0,
            min_spend: vec![0; ceilings.len()],
            trail: Vec::new(),
            order: (0..n).collect(),
            best: None,
            nodes: 0,
            node_limit: DEFAULT_NODE_LIMIT,
            aborted: false,
            open_bound: i128::MIN,
        };
        s.need = s
            .as_pred
            .iter()
            .enumerate()
            .map(|(i, ls)| {
                ls.iter()
                    .map(|l| {
                        let succ = &items[l.succ];
                        (0..items[i].labels())
                            .map(|k| {
                                let need = items[i].label_value(k) - l.gap;
                                (0..succ.labels())
                                    .find(|q| succ.label_value(*q) >= need)
                                    .and_then(|q| u8::try_from(q).ok())
                                    .unwrap_or(u8::MAX)
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect();
        s.recompute();
        s
    }

    fn best_in(&self, i: usize, mask: u32) -> i128 {
        (0..self.items[i].labels())
            .filter(|p| mask & (1 << p) != 0)
            .map(|p| self.reduced[i][p])
            .max()
            .unwrap_or(i128::MIN / 4)
    }

    fn min_cost(per: &[i128], mask: u32) -> i128 {
        per.iter().enumerate().filter(|(p, _)| mask & (1 << p) != 0).map(|(_, c)| *c).min().unwrap_or(0)
    }

    fn best_value_in(&self, i: usize, mask: u32) -> i128 {
        (0..self.items[i].labels())
            .filter(|p| mask & (1 << p) != 0)
            .map(|p| self.items[i].objective[p])
            .max()
            .unwrap_or(i128::MIN / 4)
    }

    fn recompute(&mut self) {
        self.sum_best = 0;
        self.sum_0 = 0;
        for i in 0..self.items.len() {
            self.best_r[i] = self.best_in(i, self.dom[i]);
            self.sum_best += self.best_r[i];
            self.best_0[i] = self.best_value_in(i, self.dom[i]);
            self.sum_0 += self.best_0[i];
        }
        self.min_spend = vec![0; self.ceilings.len()];
        for (i, it) in self.items.iter().enumerate() {
            for (c, per) in &it.costs {
                self.min_spend[*c] += Self::min_cost(per, self.dom[i]);
            }
        }
    }

    /// Narrows item `i` to `mask`, keeping the aggregates; the old domain goes on the trail.
    fn set(&mut self, i: usize, mask: u32) {
        let old = self.dom[i];
        self.trail.push((i, old));
        self.apply(i, old, mask);
    }

    fn apply(&mut self, i: usize, old: u32, mask: u32) {
        self.dom[i] = mask;
        let b = self.best_in(i, mask);
        self.sum_best += b - self.best_r[i];
        self.best_r[i] = b;
        let b0 = self.best_value_in(i, mask);
        self.sum_0 += b0 - self.best_0[i];
        self.best_0[i] = b0;
        for (c, per) in &self.items[i].costs {
            self.min_spend[*c] += Self::min_cost(per, mask) - Self::min_cost(per, old);
        }
    }

    fn undo_to(&mut self, mark: usize) {
        while self.trail.len() > mark {
            if let Some((i, old)) = self.trail.pop() {
                let cur = self.dom[i];
                self.apply(i, cur, old);
            }
        }
    }

    /// Keeps only the choices of item `j` whose label value `keep` accepts; a narrowed item is
    /// queued for propagation. False when none is left.
    fn narrow(&mut self, j: usize, keep: impl Fn(i32) -> bool, queue: &mut Vec<usize>) -> bool {
        let it = &self.items[j];
        let mut mask = self.dom[j];
        for p in 0..it.labels() {
            if mask & (1 << p) != 0 && !keep(it.label_value(p)) {
                mask &= !(1 << p);
            }
        }
        if mask != self.dom[j] {
            if mask == 0 {
                return false;
            }
            self.set(j, mask);
            queue.push(j);
        }
        true
    }

    /// Bounds consistency on `d_succ ≥ d_pred − gap`, starting from `queue`. False when a
    /// domain empties.
    fn propagate(&mut self, mut queue: Vec<usize>) -> bool {
        while let Some(i) = queue.pop() {
            // i as predecessor: successors' lower bound.
            let lo_i = self.items[i].label_value(lowest(self.dom[i]));
            for l in self.as_pred[i].clone() {
                let need = lo_i - l.gap;
                if !self.narrow(l.succ, |v| v >= need, &mut queue) {
                    return false;
                }
            }
            // i as successor: predecessors' upper bound.
            let hi_i = self.items[i].label_value(highest(self.dom[i]));
            for l in self.as_succ[i].clone() {
                let cap = hi_i + l.gap;
                if !self.narrow(l.pred, |v| v <= cap, &mut queue) {
                    return false;
                }
            }
        }
        true
    }

    fn propagate_all(&mut self) -> bool {
        let all = (0..self.items.len()).collect();
        let ok = self.propagate(all);
        self.trail.clear();
        ok
    }

    fn root_infeasible(&self, plan: &Plan, items: &[Item], ceilings: &[Ceiling]) -> Option<Vec<String>> {
        let cur = plan.settings.currency;
        let mut reasons = Vec::new();
        for (c, ceiling) in ceilings.iter().enumerate() {
            if self.min_spend[c] <= ceiling.units {
                continue;
            }
            let committed: i128 = items
                .iter()
                .filter(|it| it.fixed)
                .map(|it| it.costs.iter().filter(|(k, _)| *k == c).map(|(_, per)| per[0]).sum::<i128>())
                .sum();
            let amount = |u: i128| Decimal::from_i128_with_scale(u, UNIT_DIGITS);
            let label = plan.year_label(ceiling.year);
            let what = match &ceiling.theme {
                None => label.clone(),
                Some(t) => format!(
                    "{label} ({})",
                    plan.themes.iter().find(|x| &x.id == t).map_or(t.to_string(), |x| x.name.clone())
                ),
            };
            let mut s = format!(
                "{what}: even deferring or dropping everything that may move leaves {} against a ceiling of {}, over by {}",
                short_money(amount(self.min_spend[c]), cur),
                short_money(ceiling.amount, cur),
                short_money(amount(self.min_spend[c] - ceiling.units), cur)
            );
            if committed > ceiling.units {
                s.push_str(&format!(
                    "; the committed initiatives (in progress, done, cancelled or pinned) alone spend {}, over by {}",
                    short_money(amount(committed), cur),
                    short_money(amount(committed - ceiling.units), cur)
                ));
            }
            s.push('.');
            reasons.push(s);
        }
        if reasons.is_empty() { None } else { Some(reasons) }
    }

    /// The least of two quick upper bounds: the Lagrangian one at the root's prices with the
    /// dependencies left out (each initiative at its best priced choice), and the one at λ = 0
    /// (every initiative at its best remaining choice, ceilings ignored). Each is updated in
    /// constant time as domains narrow; the node's closure bound (`lagrange`) is tighter.
    fn bound(&self) -> i128 {
        self.constant.saturating_add(self.sum_best).div_euclid(self.grain).min(self.sum_0)
    }

    fn feasible_now(&self) -> bool {
        self.min_spend.iter().zip(self.ceilings).all(|(s, c)| *s <= c.units)
    }

    /// Sets the prices (subgradient optimisation of the Lagrangian dual, dependencies kept),
    /// seeds the best proposal from the priced choices, removes the choices that provably cannot
    /// lead to a better one, orders the branching and searches.
    fn solve(&mut self) {
        let start: Vec<usize> = self.dom.iter().map(|m| lowest(*m)).collect();
        self.greedy_from(start);
        // A warm start: the prices of the bound without the dependencies, which is cheap.
        let mut lambda = self.multipliers();
        let mut relaxed = self.lagrange(&lambda);
        if let Some(r) = &relaxed {
            let labels = r.labels.clone();
            self.greedy_from(labels);
        }
        for round in 0..ROOT_ROUNDS {
            let Some(r) = relaxed.as_mut() else { break };
            self.improve_prices(&mut lambda, r, ROOT_ITERATIONS, 1.0 / f64::from(1 + round));
            let labels = r.labels.clone();
            self.greedy_from(labels);
        }
        self.set_multipliers(&lambda);
        if relaxed.is_some() {
            self.settle();
            if !self.fix_by_bound(&lambda) {
                return;
            }
        }
        self.settle();
        // What each initiative weighs on the ceilings at the prices, to break ties below.
        let mut weight = vec![0f64; self.items.len()];
        for (i, norm) in self.norm.iter().enumerate() {
            for (c, per) in norm {
                weight[i] += lambda[*c] * per[0];
            }
        }
        // The most valuable first (a wrong choice there costs most, so its bound falls most),
        // then what weighs most on the ceilings. Initiatives worth nothing come last: their
        // choices never change the value.
        let worthless = |i: usize| self.items[i].objective.iter().all(|v| *v == 0);
        let items = self.items;
        self.order.sort_by(|a, b| {
            worthless(*a)
                .cmp(&worthless(*b))
                .then(items[*b].objective[0].cmp(&items[*a].objective[0]))
                .then(weight[*b].total_cmp(&weight[*a]))
                .then(a.cmp(b))
        });
        self.dfs(0, &lambda, None);
    }

    /// Takes the items without a choice left out of the relaxation's loops for good.
    fn settle(&mut self) {
        let mut value = 0;
        let mut used = vec![0f64; self.ceilings.len()];
        self.movable.clear();
        for i in 0..self.items.len() {
            if self.dom[i].count_ones() > 1 {
                self.movable.push(i);
                continue;
            }
            let p = lowest(self.dom[i]);
            value += self.items[i].objective[p];
            for (c, per) in &self.norm[i] {
                used[*c] += per[p];
            }
        }
        self.settled = (value, used);
    }

    /// Reduced-cost fixing at the root: each remaining choice of each initiative is tried on its
    /// own; when the bound with it (dependencies propagated, at the root's prices) is no better
    /// than the best proposal, no better proposal makes that choice, and it is removed for the
    /// whole search. False when no choice is left somewhere: then nothing beats the best proposal.
    fn fix_by_bound(&mut self, lambda: &[f64]) -> bool {
        let Some(best) = self.best.as_ref().map(|b| b.0) else { return true };
        for i in 0..self.items.len() {
            let mask = self.dom[i];
            if mask.count_ones() < 2 {
                continue;
            }
            let mut keep = mask;
            for p in (0..self.items[i].labels()).filter(|p| mask & (1 << p) != 0) {
                let mark = self.trail.len();
                self.set(i, 1 << p);
                let dead = !self.propagate(vec![i])
                    || !self.feasible_now()
                    || self.bound() <= best
                    || self.lagrange(lambda).is_some_and(|r| r.bound <= best);
                self.undo_to(mark);
                if dead {
                    keep &= !(1 << p);
                }
            }
            if keep == 0 {
                return false;
            }
            if keep != mask {
                self.set(i, keep);
                if !self.propagate(vec![i]) {
                    return false;
                }
            }
            self.trail.clear();
        }
        true
    }

    /// Each ceiling's price times its normalised cost for item `i` at label `p`.
    fn penalty(&self, i: usize, p: usize, lambda: &[f64]) -> f64 {
        self.norm[i].iter().map(|(c, per)| lambda[*c] * per[p]).sum()
    }

    /// The Lagrangian relaxation of the node: the ceilings priced at `lambda`, the dependencies
    /// and the node's remaining choices kept, solved exactly as a maximum-weight closure.
    ///
    /// The closure has one node per initiative and label step `k` (label ≥ k); the label steps
    /// of an initiative imply the ones below, and `d_succ ≥ d_pred − g` becomes "pred's label ≥ k
    /// implies succ's label ≥ q". Every completion of the node meets its dependencies and, if it
    /// meets the ceilings, has value ≤ Σ λ·C + Σ (value − λ·cost) of its own choices ≤ the
    /// closure's optimum plus Σ λ·C (weak duality). `None` when the weights do not fit the
    /// flow's integers (the caller keeps its other bounds); a bound of `i128::MIN` when no
    /// completion meets the dependencies.
    fn lagrange(&mut self, lambda: &[f64]) -> Option<Relaxed> {
        let n = self.items.len();
        if self.scaled.len() != n {
            return None;
        }
        let grain = self.grain.to_f64().unwrap_or(1.0);
        let constant: f64 = lambda.iter().zip(&self.limit).map(|(l, c)| l * c).sum();
        let mut total = up(constant * grain);
        // Items with one label left are summed once: their value, and their spend priced.
        let mut first = std::mem::take(&mut self.first);
        first.clear();
        first.resize(n, 0);
        let mut count = 0usize;
        let (mut settled_value, mut settled_used) = self.settled.clone();
        for &i in &self.movable {
            let (lo, hi) = (lowest(self.dom[i]), highest(self.dom[i]));
            first[i] = count;
            count += hi - lo;
            if lo == hi {
                settled_value += self.items[i].objective[lo];
                for (c, per) in &self.norm[i] {
                    settled_used[*c] += per[lo];
                }
            }
        }
        let settled_penalty: f64 = settled_used.iter().zip(lambda).map(|(u, l)| u * l).sum();
        total = total
            .saturating_add(settled_value.saturating_mul(self.grain))
            .saturating_sub(down(settled_penalty * grain));
        let mut estimate = constant + settled_value.to_f64().unwrap_or(0.0) - settled_penalty;
        self.flow.reset(count);
        let mut red = [0i64; 16];
        let mut positive: i128 = 0;
        for &i in &self.movable {
            let (lo, hi) = (lowest(self.dom[i]), highest(self.dom[i]));
            if lo == hi {
                continue;
            }
            // Labels between lo and hi that the domain lacks are allowed here: a relaxation.
            for (p, r) in red.iter_mut().enumerate().take(hi + 1).skip(lo) {
                // A penalty is rounded down, and capped, which only raises the bound.
                let penalty = (self.penalty(i, p, lambda) * grain).min(PENALTY_CAP);
                *r = self.scaled[i][p] - down_i64(penalty);
            }
            total = total.saturating_add(i128::from(red[lo]));
            for k in lo + 1..=hi {
                let w = red[k] - red[k - 1];
                positive += i128::from(w.max(0));
                let v = first[i] + k - lo - 1;
                self.flow.weight(v, w);
                if k > lo + 1 {
                    self.flow.implies(v, v - 1);
                }
            }
        }
        if positive > 1i128 << 60 {
            self.first = first;
            return None;
        }
        let infeasible =
            || Relaxed { bound: i128::MIN, estimate: f64::NEG_INFINITY, labels: Vec::new(), used: Vec::new() };
        for &i in &self.movable {
            let (lo_i, hi_i) = (lowest(self.dom[i]), highest(self.dom[i]));
            if hi_i == 0 {
                continue;
            }
            for (l, qs) in self.as_pred[i].iter().zip(&self.need[i]) {
                let j = l.succ;
                let (lo_j, hi_j) = (lowest(self.dom[j]), highest(self.dom[j]));
                for (k, &q) in qs.iter().enumerate().take(hi_i + 1).skip(1) {
                    let q = usize::from(q);
                    if q <= lo_j {
                    } else if q <= hi_j {
                        let to = first[j] + q - lo_j - 1;
                        if k <= lo_i {
                            self.flow.force_in(to);
                        } else {
                            self.flow.implies(first[i] + k - lo_i - 1, to);
                        }
                    } else if k <= lo_i {
                        self.first = first;
                        return Some(infeasible());
                    } else {
                        self.flow.force_out(first[i] + k - lo_i - 1);
                    }
                }
            }
        }
        let mut members = std::mem::take(&mut self.members);
        let value = self.flow.solve(&mut members);
        let Some(value) = value else {
            self.members = members;
            self.first = first;
            return Some(infeasible());
        };
        total = total.saturating_add(i128::from(value));
        let mut labels: Vec<usize> = self.dom.iter().map(|d| lowest(*d)).collect();
        let mut used = settled_used;
        for &i in &self.movable {
            let (lo, hi) = (lowest(self.dom[i]), highest(self.dom[i]));
            if lo == hi {
                continue;
            }
            let p = lo + (lo + 1..=hi).filter(|k| members[first[i] + k - lo - 1]).count();
            labels[i] = p;
            estimate += self.items[i].objective[p].to_f64().unwrap_or(0.0) - self.penalty(i, p, lambda);
            for (c, per) in &self.norm[i] {
                used[*c] += per[p];
            }
        }
        self.members = members;
        self.first = first;
        Some(Relaxed { bound: total.div_euclid(self.grain), estimate, labels, used })
    }

    /// Subgradient steps on the prices from `lambda` (Polyak's step towards the best proposal's
    /// value), keeping the lowest bound found in `lambda` and `relaxed`.
    fn improve_prices(&mut self, lambda: &mut Vec<f64>, relaxed: &mut Relaxed, iterations: usize, theta: f64) {
        let mut theta = theta;
        let mut at = lambda.clone();
        let mut current_used = relaxed.used.clone();
        let mut current_estimate = relaxed.estimate;
        let mut stale = 0;
        for _ in 0..iterations {
            let target = self.best.as_ref().map_or(current_estimate * 0.9, |b| b.0.to_f64().unwrap_or(0.0));
            if relaxed.bound <= self.best.as_ref().map_or(i128::MIN, |b| b.0) {
                return;
            }
            let g: Vec<f64> = current_used.iter().zip(&self.limit).map(|(u, c)| u - c).collect();
            let norm: f64 = g.iter().zip(at.iter()).map(|(v, l)| if *l <= 0.0 && *v < 0.0 { 0.0 } else { v * v }).sum();
            if norm < 1e-18 {
                return;
            }
            let step = theta * (current_estimate - target).max(1e-3) / norm;
            for (l, v) in at.iter_mut().zip(&g) {
                *l = (*l + step * v).max(0.0);
            }
            let Some(r) = self.lagrange(&at) else { return };
            current_used.clone_from(&r.used);
            current_estimate = r.estimate;
            if r.bound < relaxed.bound || (r.bound == relaxed.bound && r.estimate < relaxed.estimate) {
                *relaxed = r;
                lambda.clone_from(&at);
                stale = 0;
            } else {
                stale += 1;
                if stale >= 5 {
                    theta /= 2.0;
                    stale = 0;
                    at.clone_from(lambda);
                    current_used.clone_from(&relaxed.used);
                    current_estimate = relaxed.estimate;
                }
            }
        }
    }

    /// Whether `labels` meets every ceiling.
    fn fits(&self, labels: &[usize]) -> bool {
        let mut spend = vec![0i128; self.ceilings.len()];
        for (it, &p) in self.items.iter().zip(labels) {
            for (c, per) in &it.costs {
                spend[*c] += per[p];
            }
        }
        spend.iter().zip(self.ceilings).all(|(s, c)| *s <= c.units)
    }

    /// Takes `labels` (dependencies met) as the best proposal if it fits and is better.
    fn offer(&mut self, labels: &[usize]) {
        let value: i128 = self.items.iter().zip(labels).map(|(it, &p)| it.objective[p]).sum();
        if self.best.as_ref().is_none_or(|b| value > b.0) && self.fits(labels) {
            self.best = Some((value, labels.to_vec()));
        }
    }

    /// Item `i` moved to label `p` in `chosen`, with every other item moved as little as the
    /// dependencies then need (successors pushed later, predecessors pulled earlier): the moves,
    /// or `None` when a domain does not allow them.
    fn shift(&self, chosen: &[usize], i: usize, p: usize) -> Option<Vec<(usize, usize)>> {
        let items = self.items;
        let mut moves: Vec<(usize, usize)> = vec![(i, p)];
        let label =
            |moves: &[(usize, usize)], k: usize| moves.iter().rev().find(|(j, _)| *j == k).map_or(chosen[k], |m| m.1);
        let mut queue = vec![i];
        while let Some(k) = queue.pop() {
            let v = items[k].label_value(label(&moves, k));
            for l in &self.as_pred[k] {
                let j = l.succ;
                let lj = label(&moves, j);
                if items[j].label_value(lj) >= v - l.gap {
                    continue;
                }
                let q = (lj..items[j].labels())
                    .find(|q| self.dom[j] & (1 << q) != 0 && items[j].label_value(*q) >= v - l.gap)?;
                moves.push((j, q));
                queue.push(j);
            }
            for l in &self.as_succ[k] {
                let j = l.pred;
                let lj = label(&moves, j);
                if items[j].label_value(lj) <= v + l.gap {
                    continue;
                }
                let q =
                    (0..=lj).rev().find(|q| self.dom[j] & (1 << q) != 0 && items[j].label_value(*q) <= v + l.gap)?;
                moves.push((j, q));
                queue.push(j);
            }
        }
        // The last move of each item wins.
        let mut out: Vec<(usize, usize)> = Vec::with_capacity(moves.len());
        for &(k, q) in moves.iter().rev() {
            if !out.iter().any(|(j, _)| *j == k) {
                out.push((k, q));
            }
        }
        Some(out)
    }

    /// Whether `chosen` meets every dependency of the items in `moved`.
    fn linked(&self, chosen: &[usize], moved: &[(usize, usize)]) -> bool {
        let items = self.items;
        moved.iter().all(|&(k, _)| {
            let ok = |l: &Link| {
                items[l.succ].label_value(chosen[l.succ]) >= items[l.pred].label_value(chosen[l.pred]) - l.gap
            };
            self.as_pred[k].iter().all(ok) && self.as_succ[k].iter().all(ok)
        })
    }

    /// Local search on a proposal that meets the ceilings: moves an initiative (with what the
    /// dependencies drag along) to a choice of more value when that still fits, or pairs such a
    /// move with one that frees room at a smaller loss; the best gain first, until none is left.
    fn improve(&self, chosen: &mut [usize]) {
        let items = self.items;
        let m = self.ceilings.len();
        let mut spend = vec![0i128; m];
        for (it, &p) in items.iter().zip(chosen.iter()) {
            for (c, per) in &it.costs {
                spend[*c] += per[p];
            }
        }
        struct Move {
            moves: Vec<(usize, usize)>,
            gain: i128,
            delta: Vec<i128>,
        }
        for _ in 0..items.len().min(IMPROVE_ROUNDS) {
            let mut ups = Vec::new();
            let mut downs = Vec::new();
            for i in 0..items.len() {
                for p in (0..items[i].labels()).filter(|p| *p != chosen[i] && self.dom[i] & (1 << p) != 0) {
                    let Some(moves) = self.shift(chosen, i, p) else { continue };
                    let mut gain = 0;
                    let mut delta = vec![0i128; m];
                    for &(k, q) in &moves {
                        gain += items[k].objective[q] - items[k].objective[chosen[k]];
                        for (c, per) in &items[k].costs {
                            delta[*c] += per[q] - per[chosen[k]];
                        }
                    }
                    let mv = Move { moves, gain, delta };
                    if mv.gain > 0 {
                        ups.push(mv);
                    } else if mv.delta.iter().any(|d| *d < 0) {
                        downs.push(mv);
                    }
                }
            }
            // The largest gains, paired with the smallest losses: enough on real portfolios, and
            // bounded on large ones.
            ups.sort_by_key(|u| std::cmp::Reverse(u.gain));
            downs.sort_by_key(|d| std::cmp::Reverse(d.gain));
            ups.truncate(IMPROVE_UPS);
            downs.truncate(IMPROVE_DOWNS);
            let fits = |d: &[i128]| (0..m).all(|c| spend[c] + d[c] <= self.ceilings[c].units);
            let mut best: Option<(i128, Vec<(usize, usize)>)> = None;
            for u in &ups {
                if best.as_ref().is_some_and(|b| b.0 >= u.gain) {
                    continue;
                }
                if fits(&u.delta) {
                    best = Some((u.gain, u.moves.clone()));
                    continue;
                }
                for d in &downs {
                    let net = u.gain + d.gain;
                    if net <= 0 || best.as_ref().is_some_and(|b| b.0 >= net) {
                        continue;
                    }
                    let both: Vec<i128> = (0..m).map(|c| u.delta[c] + d.delta[c]).collect();
                    if !fits(&both) || d.moves.iter().any(|(k, _)| u.moves.iter().any(|(j, _)| j == k)) {
                        continue;
                    }
                    let mut trial = chosen.to_vec();
                    for &(k, q) in u.moves.iter().chain(&d.moves) {
                        trial[k] = q;
                    }
                    let all: Vec<(usize, usize)> = u.moves.iter().chain(&d.moves).copied().collect();
                    if self.linked(&trial, &all) {
                        best = Some((net, all));
                    }
                }
            }
            let Some((_, moves)) = best else { return };
            for (k, q) in moves {
                for (c, per) in &items[k].costs {
                    spend[*c] += per[q] - per[chosen[k]];
                }
                chosen[k] = q;
            }
        }
    }

    /// A proposal to prune against: from `start` (choices that meet the dependencies: the least
    /// change every initiative allows, or the relaxation's choices), take one step at a time
    /// (one more year of deferral, or a drop, with the dependents it pushes), always the step
    /// that removes most overspend per unit of value lost, until every ceiling is met; then
    /// improve it by local search. It only seeds the search; the search decides what is optimal.
    fn greedy_from(&mut self, start: Vec<usize>) {
        let items = self.items;
        let n = items.len();
        let mut chosen = start;
        let mut spend = vec![0i128; self.ceilings.len()];
        for (it, &p) in items.iter().zip(&chosen) {
            for (c, per) in &it.costs {
                spend[*c] += per[p];
            }
        }
        let over = |spend: &[i128]| -> f64 {
            spend
                .iter()
                .zip(self.ceilings)
                .map(|(s, c)| ((s - c.units).max(0)).to_f64().unwrap_or(0.0) / scale(c))
                .sum()
        };
        for _ in 0..(n * 12 + 1) {
            let now = over(&spend);
            if now <= 0.0 {
                self.improve(&mut chosen);
                self.offer(&chosen);
                return;
            }
            let mut best: Option<(f64, Vec<(usize, usize)>)> = None;
            for i in 0..n {
                let cur = chosen[i];
                for next in (cur + 1..items[i].labels()).filter(|p| self.dom[i] & (1 << p) != 0) {
                    // The step and every dependent it pushes.
                    let mut moves: Vec<(usize, usize)> = vec![(i, next)];
                    let mut label: HashMap<usize, usize> = HashMap::from([(i, next)]);
                    let mut queue = vec![i];
                    let mut ok = true;
                    while let Some(k) = queue.pop() {
                        let v = items[k].label_value(label[&k]);
                        for l in &self.as_pred[k] {
                            let j = l.succ;
                            let lj = label.get(&j).copied().unwrap_or(chosen[j]);
                            if items[j].label_value(lj) >= v - l.gap {
                                continue;
                            }
                            match (lj..items[j].labels())
                                .find(|p| self.dom[j] & (1 << p) != 0 && items[j].label_value(*p) >= v - l.gap)
                            {
                                Some(p) => {
                                    label.insert(j, p);
                                    moves.push((j, p));
                                    queue.push(j);
                                }
                                None => ok = false,
                            }
                        }
                    }
                    if !ok {
                        continue;
                    }
                    let mut trial = spend.clone();
                    let mut lost = 0i128;
                    for (k, p) in label.iter() {
                        for (c, per) in &items[*k].costs {
                            trial[*c] += per[*p] - per[chosen[*k]];
                        }
                        lost += items[*k].objective[chosen[*k]] - items[*k].objective[*p];
                    }
                    let gain = now - over(&trial);
                    if gain <= 0.0 {
                        continue;
                    }
                    let score = gain / (lost.max(0).to_f64().unwrap_or(0.0) + 1.0);
                    if best.as_ref().is_none_or(|b| score > b.0) {
                        best = Some((score, label.into_iter().collect()));
                    }
                }
            }
            let Some((_, steps)) = best else { return };
            for (k, p) in steps {
                for (c, per) in &items[k].costs {
                    spend[*c] += per[p] - per[chosen[k]];
                }
                chosen[k] = p;
            }
        }
    }

    fn set_multipliers(&mut self, lambda: &[f64]) {
        // Σ λ·C, and each label's objective minus λ·cost, rounded up with a margin for the
        // floating-point error, so that the integer bound is never below the true one.
        let grain = self.grain.to_f64().unwrap_or(1.0);
        let constant: f64 = lambda.iter().zip(&self.limit).map(|(l, c)| l * c).sum();
        self.constant = up(constant * grain);
        for (i, it) in self.items.iter().enumerate() {
            for p in 0..it.labels() {
                let penalty_down = down(self.penalty(i, p, lambda) * grain);
                self.reduced[i][p] = it.objective[p].saturating_mul(self.grain).saturating_sub(penalty_down);
            }
        }
        self.recompute();
    }

    /// Subgradient optimisation of the Lagrangian dual (dependencies relaxed) at the root.
    fn multipliers(&self) -> Vec<f64> {
        let m = self.ceilings.len();
        let obj: Vec<Vec<f64>> =
            self.items.iter().map(|it| it.objective.iter().map(|v| v.to_f64().unwrap_or(0.0)).collect()).collect();
        // A rough price scale: the largest objective per unit of normalised ceiling.
        let mut lambda = vec![0f64; m];
        let mut best = (f64::INFINITY, lambda.clone());
        let target = self.items.iter().map(|it| it.objective[0].to_f64().unwrap_or(0.0)).sum::<f64>() * 0.5;
        let mut theta = 2.0;
        let mut stale = 0;
        for _ in 0..300 {
            let mut ub = 0f64;
            let mut used = vec![0f64; m];
            for (l, c) in lambda.iter().zip(self.ceilings) {
                ub += l * c.units.to_f64().unwrap_or(0.0) / scale(c);
            }
            for (i, (it, obj_i)) in self.items.iter().zip(&obj).enumerate() {
                let mut arg = 0;
                let mut val = f64::NEG_INFINITY;
                for p in 0..it.labels() {
                    if self.dom[i] & (1 << p) == 0 {
                        continue;
                    }
                    let mut r = obj_i[p];
                    for (c, per) in &it.costs {
                        r -= lambda[*c] * per[p].to_f64().unwrap_or(0.0) / scale(&self.ceilings[*c]);
                    }
                    if r > val {
                        val = r;
                        arg = p;
                    }
                }
                ub += val;
                for (c, per) in &it.costs {
                    used[*c] += per[arg].to_f64().unwrap_or(0.0) / scale(&self.ceilings[*c]);
                }
            }
            if ub < best.0 - 1e-9 {
                best = (ub, lambda.clone());
                stale = 0;
            } else {
                stale += 1;
                if stale >= 15 {
                    theta /= 2.0;
                    stale = 0;
                }
            }
            let g: Vec<f64> = (0..m)
                .map(|c| used[c] - self.ceilings[c].units.to_f64().unwrap_or(0.0) / scale(&self.ceilings[c]))
                .collect();
            let norm: f64 =
                g.iter().enumerate().map(|(c, v)| if lambda[c] <= 0.0 && *v < 0.0 { 0.0 } else { v * v }).sum();
            if norm < 1e-12 || theta < 1e-6 {
                break;
            }
            let lower = self.best.as_ref().map_or(target.min(ub), |b| b.0.to_f64().unwrap_or(0.0));
            let step = theta * (ub - lower).max(ub.abs() * 1e-4 + 1.0) / norm;
            for c in 0..m {
                lambda[c] = (lambda[c] + step * g[c]).max(0.0);
            }
        }
        best.1
    }

    /// One node: bounds, then a branch on the next item with a choice left. `inherited` is the
    /// parent's relaxation when this node takes the relaxation's own choice for the item
    /// branched on: it is then still the relaxation's optimum here, so it is not solved again.
    fn dfs(&mut self, depth: usize, lambda: &[f64], inherited: Option<Relaxed>) {
        if self.aborted {
            return;
        }
        self.nodes += 1;
        if self.nodes > self.node_limit {
            // What is left open here is bounded by the parent's bound, which the parent records
            // as it unwinds (the root is never cut off: the limit is at least 1).
            self.aborted = true;
            return;
        }
        let mut ub = self.bound();
        let best = |s: &Self| s.best.as_ref().map_or(i128::MIN, |b| b.0);
        if ub <= best(self) || !self.feasible_now() {
            return;
        }
        // The bound with the dependencies kept, at the parent's prices, then a few steps more.
        let mut prices = lambda.to_vec();
        let mut order: Option<Vec<usize>> = None;
        let mut parent: Option<Relaxed> = None;
        let relaxed = match inherited {
            Some(r) => Some(r),
            None => self.lagrange(&prices),
        };
        if let Some(mut r) = relaxed {
            if r.bound == i128::MIN {
                return;
            }
            if r.bound > best(self) {
                self.improve_prices(&mut prices, &mut r, NODE_ITERATIONS, NODE_STEP);
            }
            ub = ub.min(r.bound);
            self.offer(&r.labels);
            if ub <= best(self) {
                return;
            }
            order = Some(r.labels.clone());
            parent = Some(r);
        }
        // The next item with a choice left.
        let mut at = depth;
        while at < self.order.len() && self.dom[self.order[at]].count_ones() == 1 {
            at += 1;
        }
        if at == self.order.len() {
            let labels: Vec<usize> = self.dom.iter().map(|m| lowest(*m)).collect();
            let value: i128 = self.items.iter().zip(&labels).map(|(it, &p)| it.objective[p]).sum();
            if self.best.as_ref().is_none_or(|b| value > b.0) {
                self.best = Some((value, labels));
            }
            return;
        }
        let i = self.order[at];
        let mask = self.dom[i];
        let mut labels: Vec<usize> = (0..self.items[i].labels()).filter(|p| mask & (1 << p) != 0).collect();
        // The relaxation's choice first, then by priced value.
        let first = order.as_ref().map(|o| o[i]);
        labels.sort_by(|a, b| {
            (Some(*b) == first)
                .cmp(&(Some(*a) == first))
                .then(self.reduced[i][*b].cmp(&self.reduced[i][*a]))
                .then(a.cmp(b))
        });
        for p in labels {
            let mark = self.trail.len();
            self.set(i, 1 << p);
            if self.propagate(vec![i]) {
                let same = if Some(p) == first { parent.take() } else { None };
                self.dfs(at, &prices, same);
            }
            self.undo_to(mark);
            if self.aborted {
                self.open_bound = self.open_bound.max(ub);
                return;
            }
        }
    }
}

fn scale(c: &Ceiling) -> f64 {
    c.units.to_f64().unwrap_or(1.0).max(1.0)
}

fn up(v: f64) -> i128 {
    (v + v.abs() * 1e-9 + 1.0).ceil().to_i128().unwrap_or(i128::MAX / 4)
}

/// The largest penalty the closure counts, in grains: weights stay far from its infinity.
const PENALTY_CAP: f64 = (1u64 << 58) as f64;

fn down_i64(v: f64) -> i64 {
    (v - v.abs() * 1e-9 - 1.0).floor().to_i64().unwrap_or(0)
}

fn down(v: f64) -> i128 {
    (v - v.abs() * 1e-9 - 1.0).floor().to_i128().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::{Ceiling, Item, Link, Search};
    use cairn_core::FiscalYear;
    use proptest::prelude::*;
    use rust_decimal::Decimal;

    /// A random solver instance: items (max deferral, fixed, value, cost per label for two
    /// ceilings), links (pred, succ, gap) and the ceilings' amounts.
    type Instance = (Vec<(u8, bool, i128, Vec<(i128, i128)>)>, Vec<(usize, usize, i32)>, (i128, i128));

    fn arb_instance() -> impl Strategy<Value = Instance> {
        let item = (0u8..=2, prop::bool::weighted(0.15), 0i128..=100, prop::collection::vec((0i128..40, 0i128..40), 4));
        (
            prop::collection::vec(item, 1..=7),
            prop::collection::vec((0usize..7, 0usize..7, 0i32..=2), 0..=8),
            (0i128..120, 0i128..120),
        )
    }

    fn build(inst: &Instance) -> (Vec<Item>, Vec<Link>, Vec<Ceiling>) {
        let (rows, links, (c0, c1)) = inst;
        let n = rows.len();
        let items: Vec<Item> = rows
            .iter()
            .enumerate()
            .map(|(index, (max_defer, fixed, keep, costs))| {
                let labels = if *fixed { 1 } else { usize::from(*max_defer) + 2 };
                let value: Vec<i128> = (0..labels)
                    .map(|p| {
                        if p <= usize::from(*max_defer) { keep - keep * i128::try_from(p).unwrap_or(0) / 10 } else { 0 }
                    })
                    .collect();
                // Costs by label: the drop spends nothing.
                let per = |k: usize| -> Vec<i128> {
                    (0..labels)
                        .map(|p| {
                            if p <= usize::from(*max_defer) { if k == 0 { costs[p].0 } else { costs[p].1 } } else { 0 }
                        })
                        .collect()
                };
                Item {
                    index,
                    max_defer: *max_defer,
                    fixed: *fixed,
                    objective: value.clone(),
                    value,
                    costs: vec![(0, per(0)), (1, per(1))],
                }
            })
            .collect();
        let links = links
            .iter()
            .filter(|(a, b, _)| *a < n && *b < n && a != b)
            .map(|&(pred, succ, gap)| Link { pred, succ, gap })
            .collect();
        let ceiling = |units: i128| Ceiling { year: FiscalYear(2028), theme: None, amount: Decimal::ZERO, units };
        (items, links, vec![ceiling(*c0), ceiling(*c1)])
    }

    /// The best value over every combination that meets the links and the ceilings.
    fn brute(items: &[Item], links: &[Link], ceilings: &[Ceiling]) -> Option<i128> {
        let mut pick = vec![0usize; items.len()];
        let mut best = None;
        loop {
            let linked = links
                .iter()
                .all(|l| items[l.succ].label_value(pick[l.succ]) >= items[l.pred].label_value(pick[l.pred]) - l.gap);
            let fits = ceilings.iter().enumerate().all(|(c, ceiling)| {
                items
                    .iter()
                    .zip(&pick)
                    .map(|(it, &p)| it.costs.iter().filter(|(k, _)| *k == c).map(|(_, per)| per[p]).sum::<i128>())
                    .sum::<i128>()
                    <= ceiling.units
            });
            if linked && fits {
                let v: i128 = items.iter().zip(&pick).map(|(it, &p)| it.objective[p]).sum();
                if best.is_none_or(|b| v > b) {
                    best = Some(v);
                }
            }
            let mut k = 0;
            loop {
                if k == pick.len() {
                    return best;
                }
                pick[k] += 1;
                if pick[k] < items[k].labels() {
                    break;
                }
                pick[k] = 0;
                k += 1;
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(400))]

        /// The search equals brute force, and the closure bound at the root is never below the
        /// optimum, whatever the prices.
        #[test]
        fn search_and_bound_against_brute_force(inst in arb_instance(), prices in prop::collection::vec(0f64..500.0, 2)) {
            let (items, links, ceilings) = build(&inst);
            let expected = brute(&items, &links, &ceilings);
            let mut search = Search::new(&items, &links, &ceilings);
            if !search.propagate_all() {
                prop_assert_eq!(expected, None);
                return Ok(());
            }
            if let (Some(opt), Some(r)) = (expected, search.lagrange(&prices)) {
                prop_assert!(r.bound >= opt, "bound {} below the optimum {}", r.bound, opt);
            }
            search.solve();
            prop_assert_eq!(search.best.as_ref().map(|b| b.0), expected);
        }
    }
}

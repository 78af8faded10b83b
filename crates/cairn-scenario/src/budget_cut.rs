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

mod bound;
mod closure;
mod incumbent;
mod model;
mod reasons;
mod search;

use std::collections::HashSet;

use cairn_core::{BudgetCeiling, FiscalYear, Id, Override, Plan};
use rust_decimal::Decimal;

use model::{Ceiling, display};
#[cfg(test)]
use model::{Item, Link};
pub use model::{defer_initiative, to_units};
use search::Search;

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
    /// The ceilings the cut sets, which a scenario accepting it holds: in percent mode every
    /// ceiling from the first cut year on (the portfolio's, or the planned spend's share where
    /// the plan has none, and each theme's); in ceilings mode the ceilings asked for. Earlier
    /// years' ceilings, which the helper only kept from getting worse, are not among them.
    pub ceilings: Vec<BudgetCeiling>,
}

impl Proposal {
    /// The scenario overrides that carry the proposal out: for each deferral its new dates, its
    /// budget and FTE demand moved by the same whole years (so the scenario's spend is where the
    /// proposal counted it), "left out" for each drop, and the cut's [`ceilings`](Self::ceilings)
    /// (so the scenario's headroom is measured against them). `plan` is the plan the proposal
    /// was computed on, the new scenario's parent: the overrides are recorded against it
    /// (`crate::overrides::record_all`), so a ceiling equal to the parent's is not kept.
    pub fn overrides(&self, plan: &Plan) -> Result<Vec<Override>, CutError> {
        let at = cairn_core::positions_by_id(&plan.initiatives, |x| &x.id);
        let mut edits = Vec::new();
        for d in &self.decisions {
            let out = &mut edits;
            match (d.choice, d.dates) {
                (Choice::Defer(years), Some((start, end))) => {
                    out.push(Override::InitiativeDates { initiative: d.initiative.clone(), start, end });
                    let x = at
                        .get(&d.initiative)
                        .map(|&k| &plan.initiatives[k])
                        .ok_or_else(|| err("initiative", format!("no initiative has the id \"{}\"", d.initiative)))?;
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
        edits.extend(self.ceilings.iter().map(|c| Override::BudgetCeiling {
            year: c.year,
            theme: c.theme.clone(),
            amount: c.amount,
        }));
        let mut out = Vec::with_capacity(edits.len());
        crate::overrides::record_all(&mut out, plan, edits);
        Ok(out)
    }
}

/// Proposes which initiatives to defer or drop so that the plan fits the ceilings.
pub fn propose(plan: &Plan, request: &CutRequest) -> Result<Proposal, CutError> {
    if request.max_deferral_years > MAX_DEFERRAL_YEARS {
        return Err(err("max_deferral_years", format!("must be between 0 and {MAX_DEFERRAL_YEARS}")));
    }
    if request.node_limit == 0 {
        return Err(err("node_limit", "must be at least 1"));
    }
    let planned = cairn_roadmap::budget(plan).map_err(|e| err("plan", e.to_string()))?;
    let sched = cairn_roadmap::schedule(plan).map_err(|e| err("plan", e.to_string()))?;
    let mut pinned = HashSet::new();
    let initiatives: HashSet<&Id> = plan.initiatives.iter().map(|x| &x.id).collect();
    for (k, id) in request.pinned.iter().enumerate() {
        if !initiatives.contains(id) {
            return Err(err(format!("pinned[{k}]"), format!("no initiative has the id \"{id}\"")));
        }
        pinned.insert(id);
    }
    let ceilings = model::ceilings(plan, &request.target, &planned)?;
    let cut_ceilings = ceilings
        .iter()
        .filter(|c| match request.target {
            CutTarget::Percent { from, .. } => c.year >= from,
            CutTarget::Ceilings(_) => true,
        })
        .map(|c| BudgetCeiling { year: c.year, theme: c.theme.clone(), amount: c.amount })
        .collect();
    let mut notes = Vec::new();
    let values = model::values(plan, request.value, &mut notes)?;
    let unit = match request.value {
        ValueBasis::Priority => "priority points".to_owned(),
        ValueBasis::Npv => plan.settings.currency.code().to_owned(),
    };
    let display = |v: i128| display(request.value, v);
    let (items, fixed_names) = model::items(plan, request, &pinned, &ceilings, &values)?;
    if !fixed_names.is_empty() {
        notes.push(format!(
            "{} initiative{} stay as planned (in progress, done, cancelled or pinned).",
            fixed_names.len(),
            if fixed_names.len() == 1 { "" } else { "s" }
        ));
    }
    let links = model::links(plan);

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
    } else if let Some(reasons) = reasons::root_infeasible(plan, &items, &ceilings, search.min_spend()) {
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
                incumbent::undo_unneeded(&items, &links, &ceilings, &mut chosen);
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
                Choice::Defer(k) => kept.push(defer_initiative(plan, x, k)?.into()),
                Choice::Drop => {}
            }
        }
        after_plan.initiatives = kept;
    }
    let after = cairn_roadmap::budget(&after_plan).map_err(|e| err("plan", e.to_string()))?;
    if feasible {
        check_after(&after_plan, &sched, &after, &ceilings)?;
    }
    let years = year_lines(plan, &planned, &after, &ceilings);
    let after_value: i128 =
        if feasible { items.iter().zip(&chosen).map(|(it, &p)| it.value[p]).sum() } else { before_value };
    if feasible {
        let reasons =
            reasons::Reasons { plan, items: &items, ceilings: &ceilings, chosen: &chosen, basis: request.value };
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
            decisions.push(Decision {
                initiative: x.id.clone(),
                name: x.name.clone(),
                choice,
                value_before: display(it.value[0]),
                value_after: display(it.value[p]),
                dates,
                reason: reasons.decision(it, p),
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
        ceilings: cut_ceilings,
    })
}

/// Confirms with `cairn_roadmap` that the plan as proposed meets every ceiling and breaks no
/// dependency the plan did not already break (and none worse).
fn check_after(
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
    // The plan's violations by (initiative, predecessor), the first of a pair kept as a search
    // would find it: a plan can break thousands of dependencies.
    let mut was_broken: std::collections::HashMap<(&Id, &Id), &cairn_roadmap::Violation> =
        std::collections::HashMap::with_capacity(before.violations.len());
    for w in &before.violations {
        was_broken.entry((&w.initiative, &w.on)).or_insert(w);
    }
    for v in &sched.violations {
        let was = was_broken.get(&(&v.initiative, &v.on));
        let worse = match was {
            None => true,
            Some(w) => v.planned_start.months_until(v.earliest_start) > w.planned_start.months_until(w.earliest_start),
        };
        if worse {
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

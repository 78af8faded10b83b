//! The depth-first branch and bound over the items' labels: domains narrowed by bounds
//! consistency on the dependencies (with a trail to undo), prices set at the root, reduced-cost
//! fixing, and a node budget past which the answer carries its proven gap.

use super::DEFAULT_NODE_LIMIT;
use super::bound::{QuickBounds, Relaxation, Relaxed, Steps, highest, lowest, multipliers};
use super::incumbent;
use super::model::{Ceiling, Item, Link, Problem};

/// Rounds of subgradient steps on the prices at the root, each followed by a repair of the
/// priced choices into a proposal.
const ROOT_ROUNDS: u32 = 4;
/// Subgradient steps per root round.
const ROOT_ITERATIONS: usize = 40;
/// Subgradient steps at a node that its parent's prices do not prune, and the first step's size
/// (a multiple of Polyak's).
const NODE_STEPS: Steps = Steps { iterations: 2, theta: 1.5 };

/// Depth-first branch and bound over the items' labels.
pub(super) struct Search<'a> {
    problem: Problem<'a>,
    /// Allowed labels per item, as bit masks.
    dom: Vec<u32>,
    /// Each narrowing's item and its domain before, to undo on the way back up.
    trail: Vec<(usize, u32)>,
    /// Bounds and least spend kept up to date as the domains narrow.
    quick: QuickBounds,
    /// The closure bound of a node.
    relaxation: Relaxation,
    /// The items in branching order.
    order: Vec<usize>,
    /// The best proposal so far: its value and labels.
    pub(super) best: Option<(i128, Vec<usize>)>,
    /// Nodes visited, and the budget.
    pub(super) nodes: u64,
    pub(super) node_limit: u64,
    /// Whether the node budget ran out, and then the highest bound of what was left open.
    pub(super) aborted: bool,
    pub(super) open_bound: i128,
}

impl<'a> Search<'a> {
    pub(super) fn new(items: &'a [Item], links: &[Link], ceilings: &'a [Ceiling]) -> Search<'a> {
        let n = items.len();
        let problem = Problem::new(items, links, ceilings);
        let dom: Vec<u32> = items.iter().map(|it| (1u32 << it.labels()) - 1).collect();
        let quick = QuickBounds::new(&problem, &dom);
        let relaxation = Relaxation::new(&problem);
        Search {
            problem,
            dom,
            trail: Vec::new(),
            quick,
            relaxation,
            order: (0..n).collect(),
            best: None,
            nodes: 0,
            node_limit: DEFAULT_NODE_LIMIT,
            aborted: false,
            open_bound: i128::MIN,
        }
    }

    /// Per ceiling, the least spend the choices left allow.
    pub(super) fn min_spend(&self) -> &[i128] {
        self.quick.min_spend()
    }

    /// The closure bound of the current node at prices `lambda`.
    pub(super) fn lagrange(&mut self, lambda: &[f64]) -> Option<Relaxed> {
        self.relaxation.solve(&self.problem, &self.dom, lambda)
    }

    fn best_value(&self) -> Option<i128> {
        self.best.as_ref().map(|b| b.0)
    }

    /// Narrows item `i` to `mask`, keeping the aggregates; the old domain goes on the trail.
    fn set(&mut self, i: usize, mask: u32) {
        let old = self.dom[i];
        self.trail.push((i, old));
        self.apply(i, old, mask);
    }

    fn apply(&mut self, i: usize, old: u32, mask: u32) {
        self.dom[i] = mask;
        self.quick.narrowed(&self.problem, i, old, mask);
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
        let it = &self.problem.items[j];
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
        let items = self.problem.items;
        while let Some(i) = queue.pop() {
            // i as predecessor: successors' lower bound.
            let lo_i = items[i].label_value(lowest(self.dom[i]));
            for k in 0..self.problem.as_pred[i].len() {
                let l = self.problem.as_pred[i][k];
                let need = lo_i - l.gap;
                if !self.narrow(l.succ, |v| v >= need, &mut queue) {
                    return false;
                }
            }
            // i as successor: predecessors' upper bound.
            let hi_i = items[i].label_value(highest(self.dom[i]));
            for k in 0..self.problem.as_succ[i].len() {
                let l = self.problem.as_succ[i][k];
                let cap = hi_i + l.gap;
                if !self.narrow(l.pred, |v| v <= cap, &mut queue) {
                    return false;
                }
            }
        }
        true
    }

    /// Propagates every dependency once, for good. False when no choices meet them all.
    pub(super) fn propagate_all(&mut self) -> bool {
        let all = (0..self.problem.items.len()).collect();
        let ok = self.propagate(all);
        self.trail.clear();
        ok
    }

    /// Takes `labels` (dependencies met) as the best proposal if it fits and is better.
    fn offer(&mut self, labels: &[usize]) {
        let value = self.problem.value(labels);
        if self.best.as_ref().is_none_or(|b| value > b.0) && self.problem.fits(labels) {
            self.best = Some((value, labels.to_vec()));
        }
    }

    /// Offers the greedy repair of `start`, improved by local search.
    fn seed(&mut self, start: Vec<usize>) {
        if let Some(labels) = incumbent::greedy(&self.problem, &self.dom, start) {
            self.offer(&labels);
        }
    }

    fn improve_prices(&mut self, lambda: &mut Vec<f64>, relaxed: &mut Relaxed, steps: Steps) {
        let best = self.best_value();
        self.relaxation.improve_prices(&self.problem, &self.dom, best, lambda, relaxed, steps);
    }

    /// Sets the prices (subgradient optimisation of the Lagrangian dual, dependencies kept),
    /// seeds the best proposal from the priced choices, removes the choices that provably cannot
    /// lead to a better one, orders the branching and searches.
    pub(super) fn solve(&mut self) {
        let start: Vec<usize> = self.dom.iter().map(|m| lowest(*m)).collect();
        self.seed(start);
        // A warm start: the prices of the bound without the dependencies, which is cheap.
        let mut lambda = multipliers(&self.problem, &self.dom, self.best_value());
        let mut relaxed = self.lagrange(&lambda);
        if let Some(r) = &relaxed {
            let labels = r.labels.clone();
            self.seed(labels);
        }
        for round in 0..ROOT_ROUNDS {
            let Some(r) = relaxed.as_mut() else { break };
            let steps = Steps { iterations: ROOT_ITERATIONS, theta: 1.0 / f64::from(1 + round) };
            self.improve_prices(&mut lambda, r, steps);
            let labels = r.labels.clone();
            self.seed(labels);
        }
        self.quick.set_prices(&self.problem, &self.dom, &lambda);
        if relaxed.is_some() {
            self.relaxation.settle(&self.problem, &self.dom);
            if !self.fix_by_bound(&lambda) {
                return;
            }
        }
        self.relaxation.settle(&self.problem, &self.dom);
        // What each initiative weighs on the ceilings at the prices, to break ties below.
        let mut weight = vec![0f64; self.problem.items.len()];
        for (i, norm) in self.problem.norm.iter().enumerate() {
            for (c, per) in norm {
                weight[i] += lambda[*c] * per[0];
            }
        }
        // The most valuable first (a wrong choice there costs most, so its bound falls most),
        // then what weighs most on the ceilings. Initiatives worth nothing come last: their
        // choices never change the value.
        let items = self.problem.items;
        let worthless = |i: usize| items[i].objective.iter().all(|v| *v == 0);
        self.order.sort_by(|a, b| {
            worthless(*a)
                .cmp(&worthless(*b))
                .then(items[*b].objective[0].cmp(&items[*a].objective[0]))
                .then(weight[*b].total_cmp(&weight[*a]))
                .then(a.cmp(b))
        });
        self.dfs(0, &lambda, None);
    }

    /// Reduced-cost fixing at the root: each remaining choice of each initiative is tried on its
    /// own; when the bound with it (dependencies propagated, at the root's prices) is no better
    /// than the best proposal, no better proposal makes that choice, and it is removed for the
    /// whole search. False when no choice is left somewhere: then nothing beats the best proposal.
    fn fix_by_bound(&mut self, lambda: &[f64]) -> bool {
        let Some(best) = self.best_value() else { return true };
        for i in 0..self.problem.items.len() {
            let mask = self.dom[i];
            if mask.count_ones() < 2 {
                continue;
            }
            let mut keep = mask;
            for p in (0..self.problem.items[i].labels()).filter(|p| mask & (1 << p) != 0) {
                let mark = self.trail.len();
                self.set(i, 1 << p);
                let dead = !self.propagate(vec![i])
                    || !self.quick.feasible(&self.problem)
                    || self.quick.value(&self.problem) <= best
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
        let mut ub = self.quick.value(&self.problem);
        let best = |s: &Self| s.best_value().unwrap_or(i128::MIN);
        if ub <= best(self) || !self.quick.feasible(&self.problem) {
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
                self.improve_prices(&mut prices, &mut r, NODE_STEPS);
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
            let value = self.problem.value(&labels);
            if self.best.as_ref().is_none_or(|b| value > b.0) {
                self.best = Some((value, labels));
            }
            return;
        }
        let i = self.order[at];
        let mask = self.dom[i];
        let mut labels: Vec<usize> = (0..self.problem.items[i].labels()).filter(|p| mask & (1 << p) != 0).collect();
        // The relaxation's choice first, then by priced value.
        let first = order.as_ref().map(|o| o[i]);
        let reduced = &self.quick.reduced[i];
        labels.sort_by(|a, b| {
            (Some(*b) == first).cmp(&(Some(*a) == first)).then(reduced[*b].cmp(&reduced[*a])).then(a.cmp(b))
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

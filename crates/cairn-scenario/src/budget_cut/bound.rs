//! Upper bounds on the value of every completion of a search node, and the ceilings' prices
//! that make them tight.
//!
//! - [`QuickBounds`]: two bounds kept up to date in constant time as domains narrow (the
//!   Lagrangian one at fixed prices with the dependencies left out, and the one at λ = 0), and
//!   the least spend per ceiling the domains allow.
//! - [`Relaxation`]: the Lagrangian relaxation with the dependencies kept, solved exactly as a
//!   maximum-weight closure (module `closure`), and the subgradient steps on its prices.
//! - [`multipliers`]: the warm start of the prices, with the dependencies relaxed.
//!
//! Bounds are counted in integer grains of a value unit, rounded so that floating-point error
//! can only loosen them, never prune an optimum.

use rust_decimal::prelude::ToPrimitive;

use super::closure::Closure;
use super::model::{GRAINS_LIMIT, Problem, float, objective_span};

/// The Lagrangian relaxation solved at one node.
pub(super) struct Relaxed {
    /// No completion of the node has more value (in value units).
    pub(super) bound: i128,
    /// The same in floating point, unrounded, for the price updates.
    pub(super) estimate: f64,
    /// The relaxation's choice per item (it meets the dependencies, not always the ceilings).
    pub(super) labels: Vec<usize>,
    /// Per ceiling, the spend of those choices divided by the ceiling's scale.
    pub(super) used: Vec<f64>,
}

/// How many subgradient steps to take on the prices, and the first step's size (a multiple of
/// Polyak's).
#[derive(Clone, Copy)]
pub(super) struct Steps {
    pub(super) iterations: usize,
    pub(super) theta: f64,
}

pub(super) fn lowest(mask: u32) -> usize {
    mask.trailing_zeros() as usize
}

pub(super) fn highest(mask: u32) -> usize {
    31 - mask.leading_zeros() as usize
}

/// Bounds kept incrementally over the domains (bit masks of the labels each item has left).
pub(super) struct QuickBounds {
    /// Reduced objective per item and label, in grains of a value unit (rounded up).
    pub(super) reduced: Vec<Vec<i128>>,
    /// Σ λ·C in grains of a value unit, rounded up.
    constant: i128,
    /// Per item, the best reduced objective over its domain, and their sum.
    best_r: Vec<i128>,
    sum_best: i128,
    /// The same at λ = 0 (ceilings ignored): tighter where the ceilings have slack.
    best_0: Vec<i128>,
    sum_0: i128,
    /// Per ceiling, the least spend the domains allow.
    min_spend: Vec<i128>,
}

impl QuickBounds {
    /// At λ = 0, over `dom`.
    pub(super) fn new(problem: &Problem<'_>, dom: &[u32]) -> QuickBounds {
        let n = problem.items.len();
        let grain = problem.grain;
        let mut q = QuickBounds {
            reduced: problem
                .items
                .iter()
                .map(|it| it.objective.iter().map(|v| v.saturating_mul(grain)).collect())
                .collect(),
            constant: 0,
            best_r: vec![0; n],
            sum_best: 0,
            best_0: vec![0; n],
            sum_0: 0,
            min_spend: vec![0; problem.ceilings.len()],
        };
        q.recompute(problem, dom);
        q
    }

    fn best_in(&self, problem: &Problem<'_>, i: usize, mask: u32) -> i128 {
        (0..problem.items[i].labels())
            .filter(|p| mask & (1 << p) != 0)
            .map(|p| self.reduced[i][p])
            .max()
            .unwrap_or(i128::MIN / 4)
    }

    fn min_cost(per: &[i128], mask: u32) -> i128 {
        per.iter().enumerate().filter(|(p, _)| mask & (1 << p) != 0).map(|(_, c)| *c).min().unwrap_or(0)
    }

    fn best_value_in(problem: &Problem<'_>, i: usize, mask: u32) -> i128 {
        (0..problem.items[i].labels())
            .filter(|p| mask & (1 << p) != 0)
            .map(|p| problem.items[i].objective[p])
            .max()
            .unwrap_or(i128::MIN / 4)
    }

    fn recompute(&mut self, problem: &Problem<'_>, dom: &[u32]) {
        self.sum_best = 0;
        self.sum_0 = 0;
        for (i, &mask) in dom.iter().enumerate() {
            self.best_r[i] = self.best_in(problem, i, mask);
            self.sum_best += self.best_r[i];
            self.best_0[i] = Self::best_value_in(problem, i, mask);
            self.sum_0 += self.best_0[i];
        }
        self.min_spend = vec![0; problem.ceilings.len()];
        for (i, it) in problem.items.iter().enumerate() {
            for (c, per) in &it.costs {
                self.min_spend[*c] += Self::min_cost(per, dom[i]);
            }
        }
    }

    /// Item `i`'s domain went from `old` to `mask`.
    pub(super) fn narrowed(&mut self, problem: &Problem<'_>, i: usize, old: u32, mask: u32) {
        let b = self.best_in(problem, i, mask);
        self.sum_best += b - self.best_r[i];
        self.best_r[i] = b;
        let b0 = Self::best_value_in(problem, i, mask);
        self.sum_0 += b0 - self.best_0[i];
        self.best_0[i] = b0;
        for (c, per) in &problem.items[i].costs {
            self.min_spend[*c] += Self::min_cost(per, mask) - Self::min_cost(per, old);
        }
    }

    /// The least of the two quick upper bounds: the Lagrangian one at the root's prices with the
    /// dependencies left out (each initiative at its best priced choice), and the one at λ = 0
    /// (every initiative at its best remaining choice, ceilings ignored). The node's closure
    /// bound ([`Relaxation::solve`]) is tighter.
    pub(super) fn value(&self, problem: &Problem<'_>) -> i128 {
        self.constant.saturating_add(self.sum_best).div_euclid(problem.grain).min(self.sum_0)
    }

    /// Whether the least spend the domains allow meets every ceiling.
    pub(super) fn feasible(&self, problem: &Problem<'_>) -> bool {
        self.min_spend.iter().zip(problem.ceilings).all(|(s, c)| *s <= c.units)
    }

    /// Per ceiling, the least spend the domains allow.
    pub(super) fn min_spend(&self) -> &[i128] {
        &self.min_spend
    }

    /// Prices the objective at `lambda`: Σ λ·C, and each label's objective minus λ·cost, rounded
    /// up with a margin for the floating-point error, so that the integer bound is never below
    /// the true one.
    pub(super) fn set_prices(&mut self, problem: &Problem<'_>, dom: &[u32], lambda: &[f64]) {
        let grain = float(problem.grain);
        let constant: f64 = lambda.iter().zip(&problem.limit).map(|(l, c)| l * c).sum();
        self.constant = up(constant * grain);
        for (i, it) in problem.items.iter().enumerate() {
            for p in 0..it.labels() {
                let penalty_down = down(problem.penalty(i, p, lambda) * grain);
                self.reduced[i][p] = it.objective[p].saturating_mul(problem.grain).saturating_sub(penalty_down);
            }
        }
        self.recompute(problem, dom);
    }
}

/// The Lagrangian relaxation with the dependencies kept: the maximum-closure network, reused
/// node after node, and what it needs beside the problem.
pub(super) struct Relaxation {
    /// Per item, its objective per label in grains; empty when the values are too large for the
    /// closure's integers even at one grain per unit (then only the quick bounds are used).
    scaled: Vec<Vec<i64>>,
    /// Per item and link as predecessor: per label k of the predecessor, the least label the
    /// successor then needs (`u8::MAX`: none will do).
    need: Vec<Vec<Vec<u8>>>,
    flow: Closure,
    /// Scratch: the closure's answer, and each item's first closure node.
    members: Vec<bool>,
    first: Vec<usize>,
    /// The items with a choice left when the search starts; the others never move again, and
    /// their value and spend are summed once in `settled`.
    movable: Vec<usize>,
    settled: (i128, Vec<f64>),
}

impl Relaxation {
    pub(super) fn new(problem: &Problem<'_>) -> Relaxation {
        let items = problem.items;
        let grain = problem.grain;
        let n = items.len();
        let need = problem
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
        Relaxation {
            scaled: if objective_span(items).saturating_mul(grain) > GRAINS_LIMIT {
                Vec::new()
            } else {
                items
                    .iter()
                    .map(|it| {
                        it.objective.iter().map(|v| i64::try_from(v.saturating_mul(grain)).unwrap_or(0)).collect()
                    })
                    .collect()
            },
            need,
            flow: Closure::default(),
            members: Vec::new(),
            first: Vec::new(),
            movable: (0..n).collect(),
            settled: (0, vec![0.0; problem.ceilings.len()]),
        }
    }

    /// Takes the items without a choice left out of the relaxation's loops for good.
    pub(super) fn settle(&mut self, problem: &Problem<'_>, dom: &[u32]) {
        let mut value = 0;
        let mut used = vec![0f64; problem.ceilings.len()];
        self.movable.clear();
        for (i, &mask) in dom.iter().enumerate() {
            if mask.count_ones() > 1 {
                self.movable.push(i);
                continue;
            }
            let p = lowest(mask);
            value += problem.items[i].objective[p];
            for (c, per) in &problem.norm[i] {
                used[*c] += per[p];
            }
        }
        self.settled = (value, used);
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
    pub(super) fn solve(&mut self, problem: &Problem<'_>, dom: &[u32], lambda: &[f64]) -> Option<Relaxed> {
        let n = problem.items.len();
        if self.scaled.len() != n {
            return None;
        }
        let grain = float(problem.grain);
        let constant: f64 = lambda.iter().zip(&problem.limit).map(|(l, c)| l * c).sum();
        let mut total = up(constant * grain);
        // Items with one label left are summed once: their value, and their spend priced.
        let mut first = std::mem::take(&mut self.first);
        first.clear();
        first.resize(n, 0);
        let mut count = 0usize;
        let (mut settled_value, mut settled_used) = self.settled.clone();
        for &i in &self.movable {
            let (lo, hi) = (lowest(dom[i]), highest(dom[i]));
            first[i] = count;
            count += hi - lo;
            if lo == hi {
                settled_value += problem.items[i].objective[lo];
                for (c, per) in &problem.norm[i] {
                    settled_used[*c] += per[lo];
                }
            }
        }
        let settled_penalty: f64 = settled_used.iter().zip(lambda).map(|(u, l)| u * l).sum();
        total = total
            .saturating_add(settled_value.saturating_mul(problem.grain))
            .saturating_sub(down(settled_penalty * grain));
        let mut estimate = constant + float(settled_value) - settled_penalty;
        self.flow.reset(count);
        let mut red = [0i64; 16];
        let mut positive: i128 = 0;
        for &i in &self.movable {
            let (lo, hi) = (lowest(dom[i]), highest(dom[i]));
            if lo == hi {
                continue;
            }
            // Labels between lo and hi that the domain lacks are allowed here: a relaxation.
            for (p, r) in red.iter_mut().enumerate().take(hi + 1).skip(lo) {
                // A penalty is rounded down, and capped, which only raises the bound.
                let penalty = (problem.penalty(i, p, lambda) * grain).min(PENALTY_CAP);
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
            let (lo_i, hi_i) = (lowest(dom[i]), highest(dom[i]));
            if hi_i == 0 {
                continue;
            }
            for (l, qs) in problem.as_pred[i].iter().zip(&self.need[i]) {
                let j = l.succ;
                let (lo_j, hi_j) = (lowest(dom[j]), highest(dom[j]));
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
        let mut labels: Vec<usize> = dom.iter().map(|d| lowest(*d)).collect();
        let mut used = settled_used;
        for &i in &self.movable {
            let (lo, hi) = (lowest(dom[i]), highest(dom[i]));
            if lo == hi {
                continue;
            }
            let p = lo + (lo + 1..=hi).filter(|k| members[first[i] + k - lo - 1]).count();
            labels[i] = p;
            estimate += float(problem.items[i].objective[p]) - problem.penalty(i, p, lambda);
            for (c, per) in &problem.norm[i] {
                used[*c] += per[p];
            }
        }
        self.members = members;
        self.first = first;
        Some(Relaxed { bound: total.div_euclid(problem.grain), estimate, labels, used })
    }

    /// Subgradient steps on the prices from `lambda` (Polyak's step towards `best`, the best
    /// proposal's value), keeping the lowest bound found in `lambda` and `relaxed`.
    pub(super) fn improve_prices(
        &mut self,
        problem: &Problem<'_>,
        dom: &[u32],
        best: Option<i128>,
        lambda: &mut Vec<f64>,
        relaxed: &mut Relaxed,
        steps: Steps,
    ) {
        let mut theta = steps.theta;
        let mut at = lambda.clone();
        let mut current_used = relaxed.used.clone();
        let mut current_estimate = relaxed.estimate;
        let mut stale = 0;
        for _ in 0..steps.iterations {
            let target = best.map_or(current_estimate * 0.9, float);
            if relaxed.bound <= best.unwrap_or(i128::MIN) {
                return;
            }
            let g: Vec<f64> = current_used.iter().zip(&problem.limit).map(|(u, c)| u - c).collect();
            let norm: f64 = g.iter().zip(at.iter()).map(|(v, l)| if *l <= 0.0 && *v < 0.0 { 0.0 } else { v * v }).sum();
            if norm < 1e-18 {
                return;
            }
            let step = theta * (current_estimate - target).max(1e-3) / norm;
            for (l, v) in at.iter_mut().zip(&g) {
                *l = (*l + step * v).max(0.0);
            }
            let Some(r) = self.solve(problem, dom, &at) else { return };
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
}

/// Subgradient optimisation of the Lagrangian dual at the root with the dependencies relaxed
/// (each initiative at its best priced choice): cheap, and a warm start for [`Relaxation`]'s
/// prices. `best` is the best proposal's value, if any.
pub(super) fn multipliers(problem: &Problem<'_>, dom: &[u32], best: Option<i128>) -> Vec<f64> {
    let items = problem.items;
    let ceilings = problem.ceilings;
    let m = ceilings.len();
    let obj: Vec<Vec<f64>> = items.iter().map(|it| it.objective.iter().map(|v| float(*v)).collect()).collect();
    // A rough price scale: the largest objective per unit of normalised ceiling.
    let mut lambda = vec![0f64; m];
    let mut best_prices = (f64::INFINITY, lambda.clone());
    let target = items.iter().map(|it| float(it.objective[0])).sum::<f64>() * 0.5;
    let mut theta = 2.0;
    let mut stale = 0;
    for _ in 0..300 {
        let mut ub = 0f64;
        let mut used = vec![0f64; m];
        for (l, c) in lambda.iter().zip(ceilings) {
            ub += l * float(c.units) / c.scale();
        }
        for (i, (it, obj_i)) in items.iter().zip(&obj).enumerate() {
            let mut arg = 0;
            let mut val = f64::NEG_INFINITY;
            for p in 0..it.labels() {
                if dom[i] & (1 << p) == 0 {
                    continue;
                }
                let mut r = obj_i[p];
                for (c, per) in &it.costs {
                    r -= lambda[*c] * float(per[p]) / ceilings[*c].scale();
                }
                if r > val {
                    val = r;
                    arg = p;
                }
            }
            ub += val;
            for (c, per) in &it.costs {
                used[*c] += float(per[arg]) / ceilings[*c].scale();
            }
        }
        if ub < best_prices.0 - 1e-9 {
            best_prices = (ub, lambda.clone());
            stale = 0;
        } else {
            stale += 1;
            if stale >= 15 {
                theta /= 2.0;
                stale = 0;
            }
        }
        let g: Vec<f64> = (0..m).map(|c| used[c] - float(ceilings[c].units) / ceilings[c].scale()).collect();
        let norm: f64 = g.iter().enumerate().map(|(c, v)| if lambda[c] <= 0.0 && *v < 0.0 { 0.0 } else { v * v }).sum();
        if norm < 1e-12 || theta < 1e-6 {
            break;
        }
        let lower = best.map_or(target.min(ub), float);
        let step = theta * (ub - lower).max(ub.abs() * 1e-4 + 1.0) / norm;
        for c in 0..m {
            lambda[c] = (lambda[c] + step * g[c]).max(0.0);
        }
    }
    best_prices.1
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

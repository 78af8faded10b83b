//! Proposals to prune against, and the final trim: a greedy repair of choices that break the
//! ceilings, a local search that improves a proposal, and the undoing of every change that is
//! not needed. They only seed the search and tidy its answer; the search decides what is
//! optimal.

use std::collections::HashMap;

use super::model::{Ceiling, Item, Link, Problem, float};

/// Rounds of the local search on a proposal, and how many of the best moves up and down each
/// round pairs.
const IMPROVE_ROUNDS: usize = 200;
const IMPROVE_UPS: usize = 64;
const IMPROVE_DOWNS: usize = 256;

/// From `start` (choices that meet the dependencies: the least change every initiative allows,
/// or the relaxation's choices), takes one step at a time (one more year of deferral, or a drop,
/// with the dependents it pushes), always the step that removes most overspend per unit of value
/// lost, until every ceiling is met; then improves the result by local search. `None` when no
/// step within the domains `dom` gets there.
pub(super) fn greedy(problem: &Problem<'_>, dom: &[u32], start: Vec<usize>) -> Option<Vec<usize>> {
    let items = problem.items;
    let n = items.len();
    let mut chosen = start;
    let mut spend = problem.spend(&chosen);
    let over = |spend: &[i128]| -> f64 {
        spend.iter().zip(problem.ceilings).map(|(s, c)| float((s - c.units).max(0)) / c.scale()).sum()
    };
    for _ in 0..(n * 12 + 1) {
        let now = over(&spend);
        if now <= 0.0 {
            improve(problem, dom, &mut chosen);
            return Some(chosen);
        }
        let mut best: Option<(f64, Vec<(usize, usize)>)> = None;
        for i in 0..n {
            let cur = chosen[i];
            for next in (cur + 1..items[i].labels()).filter(|p| dom[i] & (1 << p) != 0) {
                // The step and every dependent it pushes.
                let mut moves: Vec<(usize, usize)> = vec![(i, next)];
                let mut label: HashMap<usize, usize> = HashMap::from([(i, next)]);
                let mut queue = vec![i];
                let mut ok = true;
                while let Some(k) = queue.pop() {
                    let v = items[k].label_value(label[&k]);
                    for l in &problem.as_pred[k] {
                        let j = l.succ;
                        let lj = label.get(&j).copied().unwrap_or(chosen[j]);
                        if items[j].label_value(lj) >= v - l.gap {
                            continue;
                        }
                        match (lj..items[j].labels())
                            .find(|p| dom[j] & (1 << p) != 0 && items[j].label_value(*p) >= v - l.gap)
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
                let score = gain / (float(lost.max(0)) + 1.0);
                if best.as_ref().is_none_or(|b| score > b.0) {
                    best = Some((score, label.into_iter().collect()));
                }
            }
        }
        let (_, steps) = best?;
        for (k, p) in steps {
            for (c, per) in &items[k].costs {
                spend[*c] += per[p] - per[chosen[k]];
            }
            chosen[k] = p;
        }
    }
    None
}

/// Item `i` moved to label `p` in `chosen`, with every other item moved as little as the
/// dependencies then need (successors pushed later, predecessors pulled earlier): the moves,
/// or `None` when a domain does not allow them.
fn shift(problem: &Problem<'_>, dom: &[u32], chosen: &[usize], i: usize, p: usize) -> Option<Vec<(usize, usize)>> {
    let items = problem.items;
    let mut moves: Vec<(usize, usize)> = vec![(i, p)];
    let label =
        |moves: &[(usize, usize)], k: usize| moves.iter().rev().find(|(j, _)| *j == k).map_or(chosen[k], |m| m.1);
    let mut queue = vec![i];
    while let Some(k) = queue.pop() {
        let v = items[k].label_value(label(&moves, k));
        for l in &problem.as_pred[k] {
            let j = l.succ;
            let lj = label(&moves, j);
            if items[j].label_value(lj) >= v - l.gap {
                continue;
            }
            let q =
                (lj..items[j].labels()).find(|q| dom[j] & (1 << q) != 0 && items[j].label_value(*q) >= v - l.gap)?;
            moves.push((j, q));
            queue.push(j);
        }
        for l in &problem.as_succ[k] {
            let j = l.pred;
            let lj = label(&moves, j);
            if items[j].label_value(lj) <= v + l.gap {
                continue;
            }
            let q = (0..=lj).rev().find(|q| dom[j] & (1 << q) != 0 && items[j].label_value(*q) <= v + l.gap)?;
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
fn linked(problem: &Problem<'_>, chosen: &[usize], moved: &[(usize, usize)]) -> bool {
    moved.iter().all(|&(k, _)| {
        let ok = |l: &Link| l.holds(problem.items, chosen);
        problem.as_pred[k].iter().all(ok) && problem.as_succ[k].iter().all(ok)
    })
}

/// Local search on a proposal that meets the ceilings: moves an initiative (with what the
/// dependencies drag along) to a choice of more value when that still fits, or pairs such a
/// move with one that frees room at a smaller loss; the best gain first, until none is left.
fn improve(problem: &Problem<'_>, dom: &[u32], chosen: &mut [usize]) {
    let items = problem.items;
    let m = problem.ceilings.len();
    let mut spend = problem.spend(chosen);
    struct Move {
        moves: Vec<(usize, usize)>,
        gain: i128,
        delta: Vec<i128>,
    }
    for _ in 0..items.len().min(IMPROVE_ROUNDS) {
        let mut ups = Vec::new();
        let mut downs = Vec::new();
        for i in 0..items.len() {
            for p in (0..items[i].labels()).filter(|p| *p != chosen[i] && dom[i] & (1 << p) != 0) {
                let Some(moves) = shift(problem, dom, chosen, i, p) else { continue };
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
        let fits = |d: &[i128]| (0..m).all(|c| spend[c] + d[c] <= problem.ceilings[c].units);
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
                if linked(problem, &trial, &all) {
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

/// Among proposals of the same value, undoes every change that is not needed: over and over,
/// each changed initiative (least spend first) is kept, or deferred less, when that still meets
/// every ceiling and dependency and loses no value. Every change left is then needed on its own.
pub(super) fn undo_unneeded(items: &[Item], links: &[Link], ceilings: &[Ceiling], chosen: &mut [usize]) {
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
                let linked = links.iter().filter(|l| l.pred == i || l.succ == i).all(|l| l.holds(items, chosen));
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

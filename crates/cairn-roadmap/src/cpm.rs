//! The critical path method's two passes over a dependency network, in month indices
//! ([`YearMonth::index`](cairn_core::YearMonth::index)). [`schedule`](crate::schedule) runs them
//! once over the planned durations; schedule risk analysis (`cairn-risk`) runs them once per
//! simulated run over drawn durations, so both follow the same rules by construction.
//!
//! The rules: an initiative's early start is the later of its planned start (a "start no
//! earlier than" constraint) and what each predecessor allows — finish + 1 + lag for
//! finish-to-start, start + lag for start-to-start; its early finish is early start + duration −
//! 1 (months are inclusive). The roadmap finishes at the latest early finish. The late pass
//! works back from that finish: a late start is the earliest of finish − duration + 1 and what
//! each successor's late start allows. Total float is late start − early start; an initiative
//! with none is critical.

use std::collections::HashMap;
use std::sync::Arc;

use cairn_core::{DependencyKind, Initiative, YearMonth};

use crate::RoadmapError;

/// A link in month arithmetic: the successor's start ≥ the predecessor's finish + 1 + lag
/// (finish-to-start) or start + lag (start-to-start).
#[derive(Clone, Copy)]
pub(crate) struct Link {
    pub(crate) other: usize,
    pub(crate) kind: DependencyKind,
    pub(crate) lag: i32,
}

/// The earliest start `link` allows a successor, given the predecessor's start and finish.
/// Saturating: a plan that skipped validation may hold any lag, and must not overflow.
pub(crate) fn allowed_start(link: &Link, start: i32, finish: i32) -> i32 {
    match link.kind {
        DependencyKind::FinishToStart => finish.saturating_add(1).saturating_add(link.lag),
        DependencyKind::StartToStart => start.saturating_add(link.lag),
    }
}

/// The last month index the schedule can reach (December of [`YearMonth::MAX_YEAR`]).
pub const LAST_MONTH_INDEX: i32 = YearMonth::MAX_YEAR * 12 + 11;

/// The dependency network of a plan's initiatives, indexed by their position in the plan: built
/// once, then scheduled as often as needed. The links are held flat (one array for all
/// predecessors, one for all successors), so a pass reads memory in order.
pub struct Network {
    /// `pred_links[pred_at[k]..pred_at[k + 1]]` are initiative `k`'s predecessors.
    pred_at: Vec<usize>,
    pred_links: Vec<Link>,
    /// `succ_links[succ_at[k]..succ_at[k + 1]]` are initiative `k`'s successors.
    succ_at: Vec<usize>,
    succ_links: Vec<Link>,
    /// Every initiative, predecessors first.
    pub(crate) order: Vec<usize>,
}

fn flatten(lists: Vec<Vec<Link>>) -> (Vec<usize>, Vec<Link>) {
    let mut at = Vec::with_capacity(lists.len() + 1);
    at.push(0);
    let mut links = Vec::with_capacity(lists.iter().map(Vec::len).sum());
    for list in lists {
        links.extend(list);
        at.push(links.len());
    }
    (at, links)
}

impl Network {
    /// The network of `initiatives`' dependencies; a missing predecessor or a cycle is refused
    /// by name.
    pub fn new(initiatives: &[Arc<Initiative>]) -> Result<Network, RoadmapError> {
        let index: HashMap<&cairn_core::Id, usize> = initiatives.iter().enumerate().map(|(k, x)| (&x.id, k)).collect();
        let n = initiatives.len();
        let mut preds = vec![Vec::new(); n];
        let mut succs = vec![Vec::new(); n];
        for (k, x) in initiatives.iter().enumerate() {
            for d in &x.dependencies {
                let Some(&p) = index.get(&d.on) else {
                    return Err(RoadmapError::MissingPredecessor { initiative: x.name.clone(), on: d.on.clone() });
                };
                preds[k].push(Link { other: p, kind: d.kind, lag: d.lag_months });
                succs[p].push(Link { other: k, kind: d.kind, lag: d.lag_months });
            }
        }
        // Kahn's algorithm: a node is ready once all its predecessors are placed.
        let mut waiting: Vec<usize> = preds.iter().map(Vec::len).collect();
        let mut order: Vec<usize> = (0..n).filter(|&k| waiting[k] == 0).collect();
        let mut next = 0;
        while next < order.len() {
            let k = order[next];
            next += 1;
            for s in &succs[k] {
                waiting[s.other] -= 1;
                if waiting[s.other] == 0 {
                    order.push(s.other);
                }
            }
        }
        if order.len() < n {
            return Err(RoadmapError::Cycle(
                find_cycle(&preds, &waiting).into_iter().map(|k| initiatives[k].name.clone()).collect(),
            ));
        }
        let (pred_at, pred_links) = flatten(preds);
        let (succ_at, succ_links) = flatten(succs);
        Ok(Network { pred_at, pred_links, succ_at, succ_links, order })
    }

    /// How many initiatives it links.
    pub fn len(&self) -> usize {
        self.order.len()
    }

    /// Whether it has no initiatives.
    pub fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    /// Initiative `k`'s predecessors.
    pub(crate) fn preds(&self, k: usize) -> &[Link] {
        &self.pred_links[self.pred_at[k]..self.pred_at[k + 1]]
    }

    /// Initiative `k`'s successors.
    pub(crate) fn succs(&self, k: usize) -> &[Link] {
        &self.succ_links[self.succ_at[k]..self.succ_at[k + 1]]
    }

    /// The forward pass: each initiative's early start and finish (month indices) from its
    /// planned start (start no earlier than) and its duration in months (at least one), written
    /// into `es` and `ef`; returns the roadmap's finish, the latest early finish (`None` without
    /// initiatives). Arithmetic saturates; a finish past [`LAST_MONTH_INDEX`] is the caller's to
    /// refuse.
    pub fn early_dates(&self, planned_start: &[i32], duration: &[i32], es: &mut [i32], ef: &mut [i32]) -> Option<i32> {
        let mut finish = None;
        for &k in &self.order {
            let mut start = planned_start[k];
            for l in self.preds(k) {
                start = start.max(allowed_start(l, es[l.other], ef[l.other]));
            }
            es[k] = start;
            ef[k] = start.saturating_add(duration[k] - 1);
            finish = Some(finish.map_or(ef[k], |f: i32| f.max(ef[k])));
        }
        finish
    }

    /// The backward pass: each initiative's late start and finish (month indices) that keep the
    /// roadmap's `finish`, written into `ls` and `lf`.
    pub fn late_dates(&self, duration: &[i32], finish: i32, ls: &mut [i32], lf: &mut [i32]) {
        for &k in self.order.iter().rev() {
            let mut late_start = finish - duration[k] + 1;
            for l in self.succs(k) {
                // ls − 1 − lag − duration + 1 and ls − lag, saturating for a lag no validation bounded.
                late_start = late_start.min(match l.kind {
                    DependencyKind::FinishToStart => ls[l.other].saturating_sub(l.lag).saturating_sub(duration[k]),
                    DependencyKind::StartToStart => ls[l.other].saturating_sub(l.lag),
                });
            }
            ls[k] = late_start;
            lf[k] = late_start.saturating_add(duration[k] - 1);
        }
    }

    /// The predecessor link that set initiative `k`'s early start past its planned start (the
    /// first of equals), if any: what the schedule names when that start runs out of months.
    pub(crate) fn driver(&self, k: usize, planned_start: i32, es: &[i32], ef: &[i32]) -> Option<&Link> {
        let mut start = planned_start;
        let mut driver = None;
        for l in self.preds(k) {
            let allowed = allowed_start(l, es[l.other], ef[l.other]);
            if allowed > start {
                start = allowed;
                driver = Some(l);
            }
        }
        driver
    }
}

/// A cycle among the nodes Kahn's algorithm could not place: from any of them, following
/// unplaced predecessors must revisit a node.
fn find_cycle(preds: &[Vec<Link>], waiting: &[usize]) -> Vec<usize> {
    let Some(start) = (0..waiting.len()).find(|&k| waiting[k] > 0) else { return Vec::new() };
    let mut seen_at = HashMap::new();
    let mut path = Vec::new();
    let mut node = start;
    loop {
        if let Some(&at) = seen_at.get(&node) {
            let mut cycle: Vec<usize> = path[at..].to_vec();
            cycle.reverse();
            return cycle;
        }
        seen_at.insert(node, path.len());
        path.push(node);
        match preds[node].iter().find(|l| waiting[l.other] > 0) {
            Some(l) => node = l.other,
            None => return path,
        }
    }
}

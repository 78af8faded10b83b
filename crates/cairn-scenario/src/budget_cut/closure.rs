//! Maximum-weight closure by minimum cut: the budget-cut solver's bound with the dependencies
//! kept.
//!
//! A closure is a set of nodes that contains, with each node, every node it implies. The
//! heaviest closure is the source side of a minimum cut in the graph where the source feeds each
//! node of positive weight with that weight, each node of negative weight drains to the sink with
//! minus its weight, and each implication is an edge of infinite capacity (Picard, 1976). The
//! maximum flow is found with Dinic's algorithm over integers, so the answer is exact.

/// A capacity no cut can afford: larger than the sum of all finite capacities the solver uses.
const INFINITE: i64 = i64::MAX / 4;

/// A reusable flow network for one closure problem at a time.
#[derive(Default)]
pub(super) struct Closure {
    /// Node count including the source (`n`) and the sink (`n + 1`).
    nodes: usize,
    head: Vec<usize>,
    /// Per edge: its head node, residual capacity and the next edge out of the same tail.
    to: Vec<usize>,
    cap: Vec<i64>,
    next: Vec<usize>,
    level: Vec<i32>,
    cursor: Vec<usize>,
    queue: Vec<usize>,
    path: Vec<usize>,
    /// The sum of the positive weights.
    positive: i64,
}

const NONE: usize = usize::MAX;

impl Closure {
    /// Starts a problem over `n` nodes, all of weight 0 and without implications.
    pub(super) fn reset(&mut self, n: usize) {
        self.nodes = n + 2;
        self.head.clear();
        self.head.resize(self.nodes, NONE);
        self.to.clear();
        self.cap.clear();
        self.next.clear();
        self.positive = 0;
    }

    fn source(&self) -> usize {
        self.nodes - 2
    }

    fn sink(&self) -> usize {
        self.nodes - 1
    }

    fn edge(&mut self, a: usize, b: usize, cap: i64) {
        for (from, to, c) in [(a, b, cap), (b, a, 0)] {
            self.to.push(to);
            self.cap.push(c);
            self.next.push(self.head[from]);
            self.head[from] = self.to.len() - 1;
        }
    }

    /// Adds `w` to the weight of node `v` (weights must stay well below `i64::MAX / 4` in sum).
    pub(super) fn weight(&mut self, v: usize, w: i64) {
        if w > 0 {
            self.positive += w;
            let s = self.source();
            self.edge(s, v, w);
        } else if w < 0 {
            let t = self.sink();
            self.edge(v, t, -w);
        }
    }

    /// Node `a` in the closure forces node `b` in.
    pub(super) fn implies(&mut self, a: usize, b: usize) {
        self.edge(a, b, INFINITE);
    }

    /// Node `v` is in every closure.
    pub(super) fn force_in(&mut self, v: usize) {
        let s = self.source();
        self.edge(s, v, INFINITE);
    }

    /// Node `v` is in no closure.
    pub(super) fn force_out(&mut self, v: usize) {
        let t = self.sink();
        self.edge(v, t, INFINITE);
    }

    /// The weight of the heaviest closure, and its members (`None` when the forced nodes cannot
    /// all be honoured).
    pub(super) fn solve(&mut self, members: &mut Vec<bool>) -> Option<i64> {
        let (s, t) = (self.source(), self.sink());
        let mut flow: i64 = 0;
        while self.levels(s, t) {
            self.cursor.clone_from(&self.head);
            flow = flow.saturating_add(self.blocking(s, t));
            if flow >= INFINITE {
                return None;
            }
        }
        if flow >= INFINITE {
            return None;
        }
        // The source side of the minimum cut: what the source still reaches, which the last
        // search (the one that missed the sink, so went everywhere) has levelled.
        members.clear();
        members.resize(self.nodes - 2, false);
        for (v, m) in members.iter_mut().enumerate() {
            *m = self.level[v] >= 0;
        }
        Some(self.positive - flow)
    }

    /// Breadth-first levels from the source over residual edges; true when the sink is reached.
    /// Stops once the sink has its level: every node of a lower level has its own by then, and
    /// augmenting paths use no other.
    fn levels(&mut self, s: usize, t: usize) -> bool {
        self.level.clear();
        self.level.resize(self.nodes, -1);
        self.level[s] = 0;
        self.queue.clear();
        self.queue.push(s);
        let mut k = 0;
        while k < self.queue.len() {
            let v = self.queue[k];
            k += 1;
            let mut e = self.head[v];
            while e != NONE {
                let w = self.to[e];
                if self.cap[e] > 0 && self.level[w] < 0 {
                    self.level[w] = self.level[v] + 1;
                    if w == t {
                        return true;
                    }
                    self.queue.push(w);
                }
                e = self.next[e];
            }
        }
        self.level[t] >= 0
    }

    /// A blocking flow along increasing levels (iterative, so deep graphs cannot overflow the
    /// stack): after each augmenting path the search resumes before its first saturated edge.
    /// Returns the flow pushed, stopping early once it reaches `INFINITE`.
    fn blocking(&mut self, s: usize, t: usize) -> i64 {
        let mut path = std::mem::take(&mut self.path);
        path.clear();
        let mut total: i64 = 0;
        let mut v = s;
        loop {
            if v == t {
                let f = path.iter().map(|&e| self.cap[e]).min().unwrap_or(0);
                let mut cut = path.len();
                for (k, &e) in path.iter().enumerate() {
                    self.cap[e] -= f;
                    self.cap[e ^ 1] += f;
                    if self.cap[e] == 0 && cut == path.len() {
                        cut = k;
                    }
                }
                total = total.saturating_add(f);
                if total >= INFINITE || f == 0 {
                    break;
                }
                path.truncate(cut);
                v = path.last().map_or(s, |&e| self.to[e]);
                continue;
            }
            let mut advanced = false;
            while self.cursor[v] != NONE {
                let e = self.cursor[v];
                let w = self.to[e];
                if self.cap[e] > 0 && self.level[w] == self.level[v] + 1 {
                    path.push(e);
                    v = w;
                    advanced = true;
                    break;
                }
                self.cursor[v] = self.next[e];
            }
            if !advanced {
                // A dead end: retreat and skip the edge that led here.
                self.level[v] = -1;
                match path.pop() {
                    None => break,
                    Some(e) => {
                        v = self.to[e ^ 1];
                        self.cursor[v] = self.next[e];
                    }
                }
            }
        }
        self.path = path;
        total
    }
}

#[cfg(test)]
mod tests {
    use super::Closure;
    use proptest::prelude::*;

    /// The heaviest closure by trying every subset.
    fn brute(weights: &[i64], implies: &[(usize, usize)], forced: &[(usize, bool)]) -> Option<i64> {
        let n = weights.len();
        let mut best = None;
        for set in 0u32..(1 << n) {
            let has = |v: usize| set & (1 << v) != 0;
            if implies.iter().any(|&(a, b)| has(a) && !has(b)) || forced.iter().any(|&(v, inside)| has(v) != inside) {
                continue;
            }
            let w: i64 = (0..n).filter(|&v| has(v)).map(|v| weights[v]).sum();
            if best.is_none_or(|b| w > b) {
                best = Some(w);
            }
        }
        best
    }

    fn check(weights: &[i64], implies: &[(usize, usize)], forced: &[(usize, bool)]) {
        let mut c = Closure::default();
        c.reset(weights.len());
        for (v, &w) in weights.iter().enumerate() {
            c.weight(v, w);
        }
        for &(a, b) in implies {
            c.implies(a, b);
        }
        for &(v, inside) in forced {
            if inside { c.force_in(v) } else { c.force_out(v) }
        }
        let mut members = Vec::new();
        let got = c.solve(&mut members);
        let expected = brute(weights, implies, forced);
        assert_eq!(got, expected, "{weights:?} {implies:?} {forced:?}");
        if let Some(value) = got {
            // The members are a closure of that weight.
            let has = |v: usize| members[v];
            assert!(implies.iter().all(|&(a, b)| !has(a) || has(b)));
            assert!(forced.iter().all(|&(v, inside)| has(v) == inside));
            assert_eq!((0..weights.len()).filter(|&v| has(v)).map(|v| weights[v]).sum::<i64>(), value);
        }
    }

    #[test]
    fn hand_checked() {
        check(&[], &[], &[]);
        check(&[5], &[], &[]);
        check(&[-5], &[], &[]);
        check(&[5, -3], &[(0, 1)], &[]);
        check(&[5, -7], &[(0, 1)], &[]);
        check(&[5, -7, 4], &[(0, 1), (2, 1)], &[]);
        check(&[-1], &[], &[(0, true)]);
        check(&[3, -1], &[(0, 1)], &[(1, false)]);
        check(&[3, -1], &[(0, 1)], &[(0, true), (1, false)]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Min cut against every subset on small random graphs.
        #[test]
        fn equals_brute_force(
            weights in prop::collection::vec(-20i64..20, 1..=10),
            edges in prop::collection::vec((0usize..10, 0usize..10), 0..20),
            forced in prop::collection::vec((0usize..10, any::<bool>()), 0..3),
        ) {
            let n = weights.len();
            let implies: Vec<(usize, usize)> = edges.into_iter().map(|(a, b)| (a % n, b % n)).filter(|(a, b)| a != b).collect();
            let forced: Vec<(usize, bool)> = forced.into_iter().map(|(v, f)| (v % n, f)).collect();
            check(&weights, &implies, &forced);
        }
    }
}

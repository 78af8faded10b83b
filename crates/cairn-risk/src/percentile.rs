//! The one percentile method of Cairn's risk figures, nearest rank: the P-th percentile of N runs
//! is the ⌈P·N/100⌉-th smallest (at least the first). It is always one of the runs' own values,
//! never an interpolation, so a month stays a month.
//!
//! Runs are tallied in a [`Histogram`] of whole months: adding counts is exact and the same in
//! any order, which keeps the results independent of how the runs were split among threads.

/// The rank (1-based) of the `percent`-th percentile among `n` values by nearest rank:
/// ⌈percent·n/100⌉, at least 1. Integer arithmetic, so P80 of 10 runs is exactly the 8th.
pub fn nearest_rank(percent: u32, n: u64) -> u64 {
    (u64::from(percent) * n).div_ceil(100).max(1)
}

/// The `percent`-th percentile of `values` by nearest rank (`None` when empty).
pub fn percentile(values: &[i32], percent: u32) -> Option<i32> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let rank = nearest_rank(percent, sorted.len() as u64);
    sorted.get(usize::try_from(rank).ok()?.checked_sub(1)?).copied()
}

/// How many runs gave each month index: `counts[i]` runs gave `base + i`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Histogram {
    base: i32,
    counts: Vec<u64>,
}

impl Histogram {
    /// Counts one run at month index `value`.
    #[inline]
    pub fn add(&mut self, value: i32) {
        // Most runs fall inside the months already seen.
        let at = value.wrapping_sub(self.base) as u32 as usize;
        match self.counts.get_mut(at) {
            Some(c) if value >= self.base => *c += 1,
            _ => {
                let at = self.reach(value);
                self.counts[at] += 1;
            }
        }
    }

    /// Adds another tally's counts to this one.
    pub fn merge(&mut self, other: &Histogram) {
        let Some(last) = other.last() else { return };
        let first = self.reach(other.base);
        self.reach(last);
        for (i, &c) in other.counts.iter().enumerate() {
            self.counts[first + i] += c;
        }
    }

    /// Makes room for `value` and returns its place in `counts`.
    fn reach(&mut self, value: i32) -> usize {
        if self.counts.is_empty() {
            self.base = value;
        } else if value < self.base {
            let more = (i64::from(self.base) - i64::from(value)) as usize;
            self.counts.splice(0..0, std::iter::repeat_n(0, more));
            self.base = value;
        }
        let at = (i64::from(value) - i64::from(self.base)) as usize;
        if at >= self.counts.len() {
            self.counts.resize(at + 1, 0);
        }
        at
    }

    /// The highest value counted so far.
    fn last(&self) -> Option<i32> {
        let len = i32::try_from(self.counts.len()).ok()?;
        (len > 0).then(|| self.base + len - 1)
    }

    /// How many runs were counted.
    pub fn runs(&self) -> u64 {
        self.counts.iter().sum()
    }

    /// The `percent`-th percentile by nearest rank (`None` when nothing was counted).
    pub fn percentile(&self, percent: u32) -> Option<i32> {
        let rank = nearest_rank(percent, self.runs());
        let mut seen = 0;
        for (i, &c) in self.counts.iter().enumerate() {
            seen += c;
            if c > 0 && seen >= rank {
                return Some(self.base + i32::try_from(i).ok()?);
            }
        }
        None
    }

    /// Each month index from the first counted to the last, with the share of runs at or before
    /// it: the S-curve.
    pub fn cumulative(&self) -> Vec<(i32, f64)> {
        let n = self.runs();
        let mut seen = 0;
        let mut out = Vec::with_capacity(self.counts.len());
        for (i, &c) in self.counts.iter().enumerate() {
            seen += c;
            if let Ok(i) = i32::try_from(i) {
                out.push((self.base + i, seen as f64 / n as f64));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(values: &[i32], percent: u32, rank: u64, want: i32) {
        assert_eq!(nearest_rank(percent, values.len() as u64), rank, "rank of P{percent} of {values:?}");
        assert_eq!(percentile(values, percent), Some(want), "P{percent} of {values:?}");
        let mut h = Histogram::default();
        values.iter().for_each(|&v| h.add(v));
        assert_eq!(h.percentile(percent), Some(want), "P{percent} of {values:?} by histogram");
    }

    #[test]
    fn nearest_rank_on_hand_checked_samples() {
        // Sorted 1..=10: P50 is the ⌈5⌉ = 5th, P80 the 8th, P90 the 9th, P95 the ⌈9.5⌉ = 10th.
        let ten = [7, 3, 10, 1, 9, 2, 8, 4, 6, 5];
        check(&ten, 50, 5, 5);
        check(&ten, 80, 8, 8);
        check(&ten, 90, 9, 9);
        check(&ten, 95, 10, 10);
        check(&ten, 100, 10, 10);
        // P0 is the smallest, not a rank of zero.
        check(&ten, 0, 1, 1);
        // One run: every percentile is that run.
        check(&[42], 50, 1, 42);
        check(&[42], 90, 1, 42);
        // Three runs 4, 4, 9: P50 is the ⌈1.5⌉ = 2nd (4), P80 the ⌈2.4⌉ = 3rd (9).
        check(&[9, 4, 4], 50, 2, 4);
        check(&[9, 4, 4], 80, 3, 9);
        // Four runs: P50 is exactly the 2nd, never an average of the 2nd and 3rd.
        check(&[10, 20, 30, 40], 50, 2, 20);
        check(&[10, 20, 30, 40], 80, 4, 40);
        // Seven runs: P80 is ⌈5.6⌉ = 6th, P90 ⌈6.3⌉ = 7th.
        check(&[-3, 0, 1, 1, 2, 5, 8], 80, 6, 5);
        check(&[-3, 0, 1, 1, 2, 5, 8], 90, 7, 8);
        assert_eq!(percentile(&[], 50), None);
        assert_eq!(Histogram::default().percentile(50), None);
    }

    #[test]
    fn histograms_merge_in_any_order_and_grow_both_ways() {
        let mut a = Histogram::default();
        [5, 7, 7].iter().for_each(|&v| a.add(v));
        let mut b = Histogram::default();
        [2, 9].iter().for_each(|&v| b.add(v));
        let mut ab = a.clone();
        ab.merge(&b);
        let mut ba = b.clone();
        ba.merge(&a);
        assert_eq!(ab, ba);
        assert_eq!(ab.runs(), 5);
        assert_eq!(
            ab.cumulative(),
            vec![(2, 0.2), (3, 0.2), (4, 0.2), (5, 0.4), (6, 0.4), (7, 0.8), (8, 0.8), (9, 1.0)]
        );
        assert_eq!(ab.percentile(50), Some(7));
        let mut empty = Histogram::default();
        empty.merge(&a);
        assert_eq!(empty, a);
    }
}

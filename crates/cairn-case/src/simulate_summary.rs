//! What a simulation's runs add up to: the NPV's moments, percentiles (PERCENTILE.INC for the
//! histogram-side figures the case page has always shown, nearest rank for the confidence levels,
//! `crate::percentile`), the chance of loss, the P80 contingency, and each input's rank
//! correlation with the NPV.

use rayon::prelude::*;

use crate::percentile::nearest_rank;
use crate::simulate::{Confidence, Contribution, SimulationResult, SimulationSettings};

/// PERCENTILE.INC on sorted values.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let h = p * (sorted.len() - 1) as f64;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// A key whose unsigned order is the order of the floats (for finite values).
fn order_key(v: f64) -> u64 {
    let bits = v.to_bits();
    if bits >> 63 == 1 { !bits } else { bits | (1 << 63) }
}

/// Sorts (key, index) pairs by key: an LSD radix sort in four 16-bit passes, several times
/// faster than a comparison sort on the 100,000 draws of a simulation.
fn radix_sort(mut items: Vec<(u64, u32)>) -> Vec<(u64, u32)> {
    let mut buffer = vec![(0u64, 0u32); items.len()];
    for pass in 0..4 {
        let shift = pass * 16;
        let mut counts = vec![0usize; 1 << 16];
        for (k, _) in &items {
            counts[((k >> shift) & 0xFFFF) as usize] += 1;
        }
        if counts.contains(&items.len()) {
            continue; // every key has the same digit here: nothing to reorder
        }
        let mut start = 0;
        for c in counts.iter_mut() {
            let n = *c;
            *c = start;
            start += n;
        }
        for item in &items {
            let slot = &mut counts[((item.0 >> shift) & 0xFFFF) as usize];
            buffer[*slot] = *item;
            *slot += 1;
        }
        std::mem::swap(&mut items, &mut buffer);
    }
    items
}

/// Ranks (1-based, ties averaged).
pub(crate) fn ranks(values: &[f64]) -> Vec<f64> {
    // A start-delay input is 0 or 1 in every run: its ranks follow from counting, no sort.
    if values.iter().all(|v| *v == 0.0 || *v == 1.0) {
        let zeros = values.iter().filter(|v| **v == 0.0).count();
        let low = (zeros as f64 + 1.0) / 2.0;
        let high = zeros as f64 + (values.len() - zeros) as f64 / 2.0 + 0.5;
        return values.iter().map(|v| if *v == 0.0 { low } else { high }).collect();
    }
    let keyed: Vec<(u64, u32)> = values.iter().enumerate().map(|(i, v)| (order_key(*v), i as u32)).collect();
    let order = radix_sort(keyed);
    let mut out = vec![0.0; values.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && order[j + 1].0 == order[i].0 {
            j += 1;
        }
        let rank = (i + j) as f64 / 2.0 + 1.0;
        for item in &order[i..=j] {
            out[item.1 as usize] = rank;
        }
        i = j + 1;
    }
    out
}

/// Spearman's rank correlation: Pearson's of the ranks; `None` when either does not vary.
#[cfg(test)]
pub(crate) fn spearman(a: &[f64], b: &[f64]) -> Option<f64> {
    pearson(&ranks(a), &ranks(b))
}

pub(crate) fn pearson(a: &[f64], b: &[f64]) -> Option<f64> {
    let n = a.len() as f64;
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for (x, y) in a.iter().zip(b) {
        let (dx, dy) = (x - ma, y - mb);
        sab += dx * dy;
        saa += dx * dx;
        sbb += dy * dy;
    }
    (saa > 0.0 && sbb > 0.0).then(|| (sab / (saa * sbb).sqrt()).clamp(-1.0, 1.0))
}

/// The base and simulated present values of cost, for the contingency.
pub(crate) struct Costs {
    pub(crate) base: f64,
    pub(crate) runs: Vec<f64>,
}

pub(crate) fn summarise(
    settings: SimulationSettings,
    base_npv: f64,
    npvs: Vec<f64>,
    costs: Costs,
    names: &[String],
    draws: &[Vec<f64>],
) -> SimulationResult {
    let n = npvs.len();
    let mut sorted = npvs.clone();
    sorted.sort_unstable_by(f64::total_cmp);
    let mean = npvs.iter().sum::<f64>() / n as f64;
    let sd = if n > 1 { (npvs.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt() } else { 0.0 };
    let (min, max) = (sorted[0], sorted[n - 1]);
    let percentiles = [5u8, 10, 50, 90, 95].iter().map(|p| (*p, percentile(&sorted, f64::from(*p) / 100.0))).collect();
    let probability_negative = npvs.iter().filter(|v| **v < 0.0).count() as f64 / n as f64;
    let rank = |p: u32| nearest_rank(&sorted, p).unwrap_or(f64::NAN);
    let confidence = Confidence { p10: rank(10), p50: rank(50), p80: rank(80), p90: rank(90) };
    let mut cost_sorted = costs.runs;
    cost_sorted.sort_unstable_by(f64::total_cmp);
    let pv_cost_p80 = nearest_rank(&cost_sorted, 80).unwrap_or(f64::NAN);
    let bins = 30usize;
    let (edges, counts) = if max > min {
        let width = (max - min) / bins as f64;
        let edges: Vec<f64> = (0..=bins).map(|i| min + width * i as f64).collect();
        let mut counts = vec![0u32; bins];
        for v in &npvs {
            let b = (((v - min) / width) as usize).min(bins - 1);
            counts[b] += 1;
        }
        (edges, counts)
    } else {
        (vec![min, max], vec![n as u32])
    };
    let s_curve = (0..=100).map(|p| percentile(&sorted, f64::from(p) / 100.0)).collect();
    let npv_ranks = ranks(&npvs);
    // On the caller's rayon pool, like the runs.
    let mut contributions: Vec<Contribution> = names
        .par_iter()
        .zip(draws)
        .map(|(name, d)| Contribution { input: name.clone(), rank_correlation: pearson(&ranks(d), &npv_ranks) })
        .collect();
    contributions.sort_by(|a, b| {
        let key = |c: &Contribution| c.rank_correlation.map_or(-1.0, f64::abs);
        key(b).total_cmp(&key(a))
    });
    SimulationResult {
        settings,
        base_npv,
        mean,
        sd,
        min,
        max,
        percentiles,
        probability_negative,
        confidence,
        base_pv_cost: costs.base,
        pv_cost_p80,
        contingency_p80: pv_cost_p80 - costs.base,
        histogram_edges: edges,
        histogram_counts: counts,
        s_curve,
        contributions,
        npvs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentile_inc_interpolates() {
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(percentile(&v, 0.0), 1.0);
        assert_eq!(percentile(&v, 1.0), 4.0);
        assert!((percentile(&v, 0.5) - 2.5).abs() < 1e-12);
        assert!((percentile(&v, 0.1) - 1.3).abs() < 1e-12);
    }

    #[test]
    fn ranks_average_ties() {
        assert_eq!(ranks(&[10.0, 20.0, 10.0, 5.0]), [2.5, 4.0, 2.5, 1.0]);
        // The counting path for 0/1 inputs agrees with the sort.
        assert_eq!(ranks(&[1.0, 0.0, 1.0, 0.0, 0.0]), [4.5, 2.0, 4.5, 2.0, 2.0]);
        assert_eq!(ranks(&[0.0, 0.0]), [1.5, 1.5]);
        assert_eq!(ranks(&[1.0]), [1.0]);
    }
}

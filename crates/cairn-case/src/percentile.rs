//! The one percentile method of the simulations: nearest rank. The `p`th percentile of `N` runs
//! is the ⌈p·N/100⌉-th smallest (at least the first): a value some run actually took, with `p` %
//! of runs at or below it. Computed in integers, so no rounding of `p·N` can move it a rank.

/// The `percent`th percentile (0 to 100) of values sorted ascending, by nearest rank; `None` for
/// no values.
pub fn nearest_rank(sorted: &[f64], percent: u32) -> Option<f64> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    let rank = (percent.min(100) as usize * n).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

#[cfg(test)]
mod tests {
    use super::nearest_rank;

    #[test]
    fn nearest_rank_on_tiny_samples_by_hand() {
        // Five runs: P10 is the ⌈0.5⌉ = 1st, P50 the ⌈2.5⌉ = 3rd, P80 the ⌈4⌉ = 4th, P90 the
        // ⌈4.5⌉ = 5th.
        let five = [10.0, 20.0, 30.0, 40.0, 50.0];
        let got: Vec<f64> = [0, 10, 50, 80, 90, 100].iter().filter_map(|p| nearest_rank(&five, *p)).collect();
        assert_eq!(got, [10.0, 10.0, 30.0, 40.0, 50.0, 50.0]);
        // Ten runs: P80 is exactly the 8th, P10 the 1st, P50 the 5th, P90 the 9th.
        let ten: Vec<f64> = (1..=10).map(f64::from).collect();
        let got: Vec<f64> = [10, 50, 80, 90].iter().filter_map(|p| nearest_rank(&ten, *p)).collect();
        assert_eq!(got, [1.0, 5.0, 8.0, 9.0]);
        // Thirty runs: 0.1 × 30 in floating point is 3.0000000000000004; the 3rd is right.
        let thirty: Vec<f64> = (1..=30).map(f64::from).collect();
        assert_eq!(nearest_rank(&thirty, 10), Some(3.0));
        assert_eq!(nearest_rank(&[7.0], 80), Some(7.0));
        assert_eq!(nearest_rank(&[], 50), None);
    }
}

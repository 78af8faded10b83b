//! Rank correlation of independent draws by Iman and Conover's method (R. L. Iman and W. J.
//! Conover, "A distribution-free approach to inducing rank correlation among input variables",
//! Commun. Statist. B11(3), 1982), as @RISK and Crystal Ball do it.
//!
//! For `n` runs of `k` variables: each variable's `n` van der Waerden scores `Φ⁻¹(i / (n + 1))`
//! in a random order form a score matrix `X`; with `E = F Fᵀ` the correlation of its columns and
//! `C = P Pᵀ` the target, `T = X (P F⁻¹)ᵀ` has correlation `C` exactly. Each variable's draws are
//! then reordered so that their ranks are the ranks of its column of `T`: the draws themselves —
//! and so each variable's distribution — are unchanged, only which run gets which draw.

use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Below this a Cholesky pivot is taken as zero: the matrix is semi-definite there.
const PIVOT: f64 = 1e-12;

/// The standard normal quantile `Φ⁻¹(p)` for `0 < p < 1`: Acklam's rational approximation
/// (relative error below 1.2e-9), ample for scores that only set an order.
pub(crate) fn inverse_normal(p: f64) -> f64 {
    const A: [f64; 6] = [
        -3.969_683_028_665_376e1,
        2.209_460_984_245_205e2,
        -2.759_285_104_469_687e2,
        1.383_577_518_672_69e2,
        -3.066_479_806_614_716e1,
        2.506_628_277_459_239,
    ];
    const B: [f64; 5] = [
        -5.447_609_879_822_406e1,
        1.615_858_368_580_409e2,
        -1.556_989_798_598_866e2,
        6.680_131_188_771_972e1,
        -1.328_068_155_288_572e1,
    ];
    const C: [f64; 6] = [
        -7.784_894_002_430_293e-3,
        -3.223_964_580_411_365e-1,
        -2.400_758_277_161_838,
        -2.549_732_539_343_734,
        4.374_664_141_464_968,
        2.938_163_982_698_783,
    ];
    const D: [f64; 4] =
        [7.784_695_709_041_462e-3, 3.224_671_290_700_398e-1, 2.445_134_137_142_996, 3.754_408_661_907_416];
    const LOW: f64 = 0.02425;
    let tail = |q: f64| {
        (((((C[0] * q + C[1]) * q + C[2]) * q + C[3]) * q + C[4]) * q + C[5])
            / ((((D[0] * q + D[1]) * q + D[2]) * q + D[3]) * q + 1.0)
    };
    if p < LOW {
        tail((-2.0 * p.ln()).sqrt())
    } else if p <= 1.0 - LOW {
        let q = p - 0.5;
        let r = q * q;
        (((((A[0] * r + A[1]) * r + A[2]) * r + A[3]) * r + A[4]) * r + A[5]) * q
            / (((((B[0] * r + B[1]) * r + B[2]) * r + B[3]) * r + B[4]) * r + 1.0)
    } else {
        -tail((-2.0 * (1.0 - p).ln()).sqrt())
    }
}

/// The lower Cholesky factor of a symmetric positive semi-definite `k × k` matrix (row-major),
/// a zero pivot giving a zero column; `None` when a pivot is negative (not semi-definite).
fn cholesky(a: &[f64], k: usize) -> Option<Vec<f64>> {
    let mut l = vec![0.0; k * k];
    for j in 0..k {
        let s = a[j * k + j] - (0..j).map(|m| l[j * k + m] * l[j * k + m]).sum::<f64>();
        if s < -1e-9 {
            return None;
        }
        if s <= PIVOT {
            continue;
        }
        let d = s.sqrt();
        l[j * k + j] = d;
        for i in j + 1..k {
            let t = a[i * k + j] - (0..j).map(|m| l[i * k + m] * l[j * k + m]).sum::<f64>();
            l[i * k + j] = t / d;
        }
    }
    Some(l)
}

/// The inverse of a lower-triangular matrix with a non-zero diagonal; `None` otherwise.
fn lower_inverse(l: &[f64], k: usize) -> Option<Vec<f64>> {
    let mut inv = vec![0.0; k * k];
    for c in 0..k {
        for i in c..k {
            let d = l[i * k + i];
            if d.abs() <= PIVOT {
                return None;
            }
            let rhs = if i == c { 1.0 } else { 0.0 };
            let s = (c..i).map(|m| l[i * k + m] * inv[m * k + c]).sum::<f64>();
            inv[i * k + c] = (rhs - s) / d;
        }
    }
    Some(inv)
}

/// A target rank-correlation matrix, prepared once for every block of runs.
#[derive(Debug, Clone)]
pub(crate) struct RankCorrelation {
    k: usize,
    /// `P`, the target's lower Cholesky factor, row-major.
    target: Vec<f64>,
    /// The van der Waerden scores for `n` runs, kept for the usual block size.
    scores: Vec<f64>,
}

impl RankCorrelation {
    /// Prepares a target (square, symmetric, positive semi-definite: validated by the caller);
    /// `None` when it is not semi-definite.
    pub(crate) fn new(target: &[Vec<f64>], block: usize) -> Option<RankCorrelation> {
        let k = target.len();
        let flat: Vec<f64> = target.iter().flatten().copied().collect();
        if flat.len() != k * k {
            return None;
        }
        Some(RankCorrelation { k, target: cholesky(&flat, k)?, scores: scores(block) })
    }

    /// Reorders each of the `k` columns of draws (each of the same length `n`) so that their
    /// rank correlations are the target's, to within what `n` runs allow.
    pub(crate) fn apply(&self, columns: &mut [Vec<f64>], rng: &mut ChaCha8Rng) {
        let k = self.k;
        let n = columns.first().map_or(0, Vec::len);
        if columns.len() != k || n < 2 || columns.iter().any(|c| c.len() != n) {
            return;
        }
        let fresh;
        let scores = if self.scores.len() == n {
            &self.scores
        } else {
            fresh = scores(n);
            &fresh
        };
        // X: each column a random permutation of the scores (Fisher–Yates).
        let mut x: Vec<Vec<f64>> = Vec::with_capacity(k);
        for _ in 0..k {
            let mut column = scores.clone();
            for i in (1..n).rev() {
                column.swap(i, rng.random_range(0..=i));
            }
            x.push(column);
        }
        // E: the scores' correlation (each column has mean 0 and the same sum of squares).
        let ss: f64 = scores.iter().map(|s| s * s).sum();
        let mut e = vec![0.0; k * k];
        for i in 0..k {
            e[i * k + i] = 1.0;
            for j in 0..i {
                let c = x[i].iter().zip(&x[j]).map(|(a, b)| a * b).sum::<f64>() / ss;
                e[i * k + j] = c;
                e[j * k + i] = c;
            }
        }
        // M = P F⁻¹; without a usable F (a degenerate sample), P alone.
        let m = match cholesky(&e, k).and_then(|f| lower_inverse(&f, k)) {
            Some(f_inv) => {
                let mut m = vec![0.0; k * k];
                for i in 0..k {
                    for j in 0..k {
                        m[i * k + j] = (0..k).map(|l| self.target[i * k + l] * f_inv[l * k + j]).sum();
                    }
                }
                m
            }
            None => self.target.clone(),
        };
        let mut keyed: Vec<(f64, u32)> = vec![(0.0, 0); n];
        let mut sorted = Vec::with_capacity(n);
        for (j, column) in columns.iter_mut().enumerate() {
            // T's column j, keyed by run.
            for (r, slot) in keyed.iter_mut().enumerate() {
                let t = (0..k).map(|l| m[j * k + l] * x[l][r]).sum::<f64>();
                *slot = (t, r as u32);
            }
            keyed.sort_unstable_by(|a, b| a.0.total_cmp(&b.0));
            sorted.clear();
            sorted.extend_from_slice(column);
            sorted.sort_unstable_by(f64::total_cmp);
            for ((_, run), value) in keyed.iter().zip(&sorted) {
                column[*run as usize] = *value;
            }
        }
    }
}

/// The van der Waerden scores `Φ⁻¹(i / (n + 1))`, `i = 1…n`.
fn scores(n: usize) -> Vec<f64> {
    (1..=n).map(|i| inverse_normal(i as f64 / (n as f64 + 1.0))).collect()
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;

    use super::*;

    #[test]
    fn the_normal_quantile_matches_tables() {
        assert_eq!(inverse_normal(0.5), 0.0);
        for (p, z) in [(0.975, 1.959_963_985), (0.841_344_746, 1.0), (0.001, -3.090_232_306), (0.999_9, 3.719_016_485)]
        {
            assert!((inverse_normal(p) - z).abs() < 1e-8, "{p}: {}", inverse_normal(p));
            assert!((inverse_normal(1.0 - p) + z).abs() < 1e-8);
        }
    }

    #[test]
    fn cholesky_of_a_semi_definite_matrix_reproduces_it() {
        // Two perfectly correlated variables and a third: rank 2.
        let a = [1.0, 1.0, 0.5, 1.0, 1.0, 0.5, 0.5, 0.5, 1.0];
        let l = cholesky(&a, 3).expect("semi-definite");
        for i in 0..3 {
            for j in 0..3 {
                let v: f64 = (0..3).map(|m| l[i * 3 + m] * l[j * 3 + m]).sum();
                assert!((v - a[i * 3 + j]).abs() < 1e-12);
            }
        }
        assert_eq!(cholesky(&[1.0, 2.0, 2.0, 1.0], 2), None);
        let inv = lower_inverse(&[2.0, 0.0, 1.0, 4.0], 2).expect("invertible");
        assert_eq!(inv, [0.5, 0.0, -0.125, 0.25]);
    }

    /// Iman–Conover over ten blocks of 1,024 runs (each its own stream, as the simulation runs
    /// them) reaches the target's rank correlations between five inputs of different shapes to
    /// within three standard errors of Spearman's rho for N runs, 3 / √(N − 1) ≈ 0.030 at
    /// N = 10,240 (the error of a sample's rank correlation about the population's).
    #[test]
    fn iman_conover_reaches_the_target_rank_correlations() {
        use rand_distr::{Distribution as _, Exp, Normal, Triangular, Uniform};
        let target = vec![
            vec![1.0, 0.6, 0.3, 0.0, -0.3],
            vec![0.6, 1.0, 0.5, 0.2, 0.0],
            vec![0.3, 0.5, 1.0, 0.4, 0.1],
            vec![0.0, 0.2, 0.4, 1.0, 0.5],
            vec![-0.3, 0.0, 0.1, 0.5, 1.0],
        ];
        assert!(cairn_core::case_risk::is_positive_semi_definite(&target));
        let ic = RankCorrelation::new(&target, 1024).expect("valid");
        let mut all: Vec<Vec<f64>> = vec![Vec::new(); 5];
        for block in 0..10u64 {
            let mut rng = ChaCha8Rng::seed_from_u64(42);
            rng.set_stream(block);
            let uniform = Uniform::new(0.8, 1.2).expect("uniform");
            let tri = Triangular::new(0.9, 1.6, 1.0).expect("triangular");
            let normal = Normal::new(1.0, 0.1).expect("normal");
            let exp = Exp::new(2.0).expect("exponential");
            let mut columns: Vec<Vec<f64>> = vec![
                (0..1024).map(|_| uniform.sample(&mut rng)).collect(),
                (0..1024).map(|_| tri.sample(&mut rng)).collect(),
                (0..1024).map(|_| normal.sample(&mut rng)).collect(),
                (0..1024).map(|_| exp.sample(&mut rng)).collect(),
                (0..1024).map(|_| uniform.sample(&mut rng)).collect(),
            ];
            ic.apply(&mut columns, &mut rng);
            for (a, c) in all.iter_mut().zip(columns) {
                a.extend(c);
            }
        }
        let n = all[0].len() as f64;
        let bound = 3.0 / (n - 1.0).sqrt();
        for i in 0..5 {
            for j in 0..i {
                let rho = crate::simulate_summary::spearman(&all[i], &all[j]).expect("varies");
                assert!((rho - target[i][j]).abs() < bound, "({i}, {j}): {rho} against {}", target[i][j]);
            }
        }
    }

    #[test]
    fn reordering_keeps_every_draw() {
        let target = vec![vec![1.0, 0.8], vec![0.8, 1.0]];
        let ic = RankCorrelation::new(&target, 10).expect("valid");
        let mut columns = vec![(0..10).map(f64::from).collect::<Vec<_>>(), (10..20).map(f64::from).collect()];
        ic.apply(&mut columns, &mut ChaCha8Rng::seed_from_u64(1));
        for (c, start) in columns.iter_mut().zip([0.0, 10.0]) {
            c.sort_by(f64::total_cmp);
            assert_eq!(*c, (0..10).map(|v| f64::from(v) + start).collect::<Vec<_>>());
        }
    }
}

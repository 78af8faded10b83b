//! The analytic hierarchy process: weights from a pairwise-comparison matrix on Saaty's 1–9
//! scale, with the consistency ratio and the judgement that contributes most to inconsistency.

use crate::error::{McdaError, entry};

/// Tables of the random index RI(n), the mean consistency index of random matrices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RandomIndex {
    /// Saaty's classic table (the default; what most published work uses).
    Saaty,
    /// Tummala and Ling (1998), as in pymcdm.
    TummalaLing,
    /// Alonso and Lamata (2006), from 100,000 matrices.
    AlonsoLamata,
}

impl RandomIndex {
    /// RI(n) for n = 1..=15; `None` past the table.
    pub fn value(self, n: usize) -> Option<f64> {
        const SAATY: [f64; 15] =
            [0.0, 0.0, 0.58, 0.9, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49, 1.51, 1.48, 1.56, 1.57, 1.59];
        const TUMMALA_LING: [f64; 15] = [
            0.0, 0.0, 0.5799, 0.8921, 1.1159, 1.2358, 1.3322, 1.3952, 1.4537, 1.4882, 1.5117, 1.5356, 1.5571, 1.5714,
            1.5831,
        ];
        const ALONSO_LAMATA: [f64; 15] = [
            0.0, 0.0, 0.5245, 0.8815, 1.1086, 1.2479, 1.3417, 1.4056, 1.4499, 1.4854, 1.5141, 1.5365, 1.5551, 1.5713,
            1.5838,
        ];
        let table = match self {
            RandomIndex::Saaty => &SAATY,
            RandomIndex::TummalaLing => &TUMMALA_LING,
            RandomIndex::AlonsoLamata => &ALONSO_LAMATA,
        };
        n.checked_sub(1).and_then(|i| table.get(i)).copied()
    }
}

/// How weights are derived from the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeightMethod {
    /// Saaty's principal right eigenvector (the default).
    Eigenvector,
    /// The normalised geometric means of the rows.
    GeometricMean,
}

/// The judgement that contributes most to inconsistency, and the value that would fit.
#[derive(Debug, Clone, PartialEq)]
pub struct Judgement {
    /// 1-based row.
    pub row: usize,
    /// 1-based column.
    pub column: usize,
    /// The value given.
    pub value: f64,
    /// The value on Saaty's scale closest to what the weights imply (`w_row / w_column`).
    pub suggested: f64,
}

/// The result of an AHP analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Ahp {
    /// Criterion weights, summing to 1.
    pub weights: Vec<f64>,
    /// The principal eigenvalue (n for a perfectly consistent matrix).
    pub lambda_max: f64,
    /// Consistency index (λmax − n) / (n − 1).
    pub ci: f64,
    /// Consistency ratio CI / RI(n); 0 for n ≤ 2.
    pub cr: f64,
    /// The RI(n) used.
    pub random_index: f64,
    /// CR ≤ 0.10 (Saaty's rule).
    pub consistent: bool,
    /// When not consistent, the judgement to revisit first.
    pub most_inconsistent: Option<Judgement>,
}

/// Saaty's scale: 1–9 and their reciprocals.
fn on_scale(v: f64) -> bool {
    let tolerance = 1e-6;
    (1.0 - tolerance..=9.0 + tolerance).contains(&v) || (1.0 / 9.0 - tolerance..=1.0 + tolerance).contains(&v)
}

/// The scale value nearest to `v` on a log scale.
fn nearest_on_scale(v: f64) -> f64 {
    let candidates = (1..=9).map(f64::from).flat_map(|k| [k, 1.0 / k]);
    candidates.min_by(|a, b| (a.ln() - v.ln()).abs().total_cmp(&(b.ln() - v.ln()).abs())).unwrap_or(1.0)
}

/// Checks a pairwise-comparison matrix: square, positive, on Saaty's scale, reciprocal, ones on
/// the diagonal.
pub fn check_pairwise(matrix: &[Vec<f64>]) -> Result<(), McdaError> {
    let n = matrix.len();
    if n == 0 {
        return Err(McdaError::Shape("the matrix is empty".into()));
    }
    for (i, row) in matrix.iter().enumerate() {
        if row.len() != n {
            return Err(McdaError::Shape(format!(
                "the matrix is not square: row {} has {} entries, expected {n}",
                i + 1,
                row.len()
            )));
        }
        for (j, v) in row.iter().enumerate() {
            if !v.is_finite() || *v <= 0.0 {
                return Err(entry(i, j, format!("{v} is not a positive number")));
            }
            if !on_scale(*v) {
                return Err(entry(i, j, format!("{v} is off Saaty's scale (1 to 9, or 1/9 to 1)")));
            }
        }
        if (row[i] - 1.0).abs() > 1e-6 {
            return Err(entry(i, i, format!("the diagonal must be 1, not {}", row[i])));
        }
    }
    for (i, row) in matrix.iter().enumerate() {
        for (j, other) in matrix.iter().enumerate().skip(i + 1) {
            let (a, b) = (row[j], other[i]);
            if (a * b - 1.0).abs() > 1e-3 {
                return Err(entry(
                    j,
                    i,
                    format!("must be the reciprocal of row {}, column {} (1/{a}), not {b}", i + 1, j + 1),
                ));
            }
        }
    }
    Ok(())
}

/// Runs AHP with the given weight method and random-index table.
pub fn ahp(matrix: &[Vec<f64>], method: WeightMethod, table: RandomIndex) -> Result<Ahp, McdaError> {
    check_pairwise(matrix)?;
    let n = matrix.len();
    let weights = match method {
        WeightMethod::Eigenvector => principal_eigenvector(matrix),
        WeightMethod::GeometricMean => {
            let means: Vec<f64> =
                matrix.iter().map(|row| (row.iter().map(|v| v.ln()).sum::<f64>() / n as f64).exp()).collect();
            let total: f64 = means.iter().sum();
            means.iter().map(|m| m / total).collect()
        }
    };
    // λmax from A·w: with w summing to 1, Σ(A·w) is the eigenvalue for the eigenvector, and
    // the usual estimate for other weight vectors.
    let lambda_max: f64 = matrix.iter().map(|row| row.iter().zip(&weights).map(|(a, w)| a * w).sum::<f64>()).sum();
    let ci = if n > 1 { ((lambda_max - n as f64) / (n as f64 - 1.0)).max(0.0) } else { 0.0 };
    let random_index =
        table.value(n).ok_or_else(|| McdaError::Shape(format!("AHP supports up to 15 criteria, not {n}")))?;
    let cr = if random_index > 0.0 { ci / random_index } else { 0.0 };
    let consistent = cr <= 0.10;
    let most_inconsistent = (!consistent).then(|| worst_judgement(matrix, &weights)).flatten();
    Ok(Ahp { weights, lambda_max, ci, cr, random_index, consistent, most_inconsistent })
}

/// Power iteration to the principal eigenvector, normalised to sum to 1. A positive reciprocal
/// matrix has a unique positive principal eigenvector (Perron–Frobenius), so this converges.
fn principal_eigenvector(matrix: &[Vec<f64>]) -> Vec<f64> {
    let n = matrix.len();
    let mut w = vec![1.0 / n as f64; n];
    for _ in 0..10_000 {
        let mut next: Vec<f64> = matrix.iter().map(|row| row.iter().zip(&w).map(|(a, x)| a * x).sum()).collect();
        let total: f64 = next.iter().sum();
        next.iter_mut().for_each(|x| *x /= total);
        let change = next.iter().zip(&w).map(|(a, b)| (a - b).abs()).fold(0.0, f64::max);
        w = next;
        if change < 1e-15 {
            break;
        }
    }
    w
}

/// The judgement furthest from what the weights imply: the largest |ln(a_ij · w_j / w_i)|.
fn worst_judgement(matrix: &[Vec<f64>], weights: &[f64]) -> Option<Judgement> {
    let mut worst: Option<(f64, usize, usize)> = None;
    for (i, row) in matrix.iter().enumerate() {
        for (j, value) in row.iter().enumerate().skip(i + 1) {
            let deviation = (value * weights[j] / weights[i]).ln().abs();
            if worst.is_none_or(|(d, _, _)| deviation > d) {
                worst = Some((deviation, i, j));
            }
        }
    }
    worst.map(|(_, i, j)| Judgement {
        row: i + 1,
        column: j + 1,
        value: matrix[i][j],
        suggested: nearest_on_scale(weights[i] / weights[j]),
    })
}

//! Ranking options on weighted criteria: the weighted sum model and TOPSIS.

use crate::error::{McdaError, check_matrix, normalised_weights};

/// Whether more of a criterion is better (quality) or worse (cost, risk).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// More is better.
    Benefit,
    /// Less is better.
    Cost,
}

/// How TOPSIS makes criteria comparable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Normalization {
    /// x / ‖column‖₂ (Hwang and Yoon's classic; the default).
    Vector,
    /// (x − min) / (max − min) for benefits, (max − x) / (max − min) for costs.
    MinMax,
}

impl Normalization {
    /// The name recorded with every result.
    pub fn name(self) -> &'static str {
        match self {
            Normalization::Vector => "vector",
            Normalization::MinMax => "minmax",
        }
    }
}

/// Ranks from scores, higher score first: 1 = best. Ties share the better rank's order by
/// option index, so the result is deterministic.
pub fn ranks(scores: &[f64]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by(|a, b| scores[*b].total_cmp(&scores[*a]).then(a.cmp(b)));
    let mut ranks = vec![0; scores.len()];
    for (position, option) in order.into_iter().enumerate() {
        ranks[option] = position + 1;
    }
    ranks
}

/// A weighted-sum result.
#[derive(Debug, Clone, PartialEq)]
pub struct Wsm {
    /// Σ weight × normalised score per option, in 0..=1.
    pub scores: Vec<f64>,
    /// 1 = best.
    pub ranks: Vec<usize>,
}

/// Weighted sum with linear max normalisation (Hwang and Yoon): a benefit scores x / max, a
/// cost min / x, so every criterion is on 0..=1 with 1 the best option. Costs must be positive.
pub fn wsm(matrix: &[Vec<f64>], weights: &[f64], directions: &[Direction]) -> Result<Wsm, McdaError> {
    let n = directions.len();
    check_matrix(matrix, n)?;
    let w = normalised_weights(weights, n)?;
    let mut scores = vec![0.0; matrix.len()];
    for j in 0..n {
        let column: Vec<f64> = matrix.iter().map(|r| r[j]).collect();
        if let Some(i) = column.iter().position(|v| *v < 0.0 || (directions[j] == Direction::Cost && *v == 0.0)) {
            return Err(crate::error::entry(i, j, "the weighted sum needs positive values (and costs above 0)"));
        }
        let max = column.iter().copied().fold(0.0, f64::max);
        let min = column.iter().copied().fold(f64::INFINITY, f64::min);
        for (i, v) in column.iter().enumerate() {
            let normalised = match directions[j] {
                Direction::Benefit if max > 0.0 => v / max,
                Direction::Benefit => 1.0,
                Direction::Cost => min / v,
            };
            scores[i] += w[j] * normalised;
        }
    }
    Ok(Wsm { ranks: ranks(&scores), scores })
}

/// A TOPSIS result.
#[derive(Debug, Clone, PartialEq)]
pub struct Topsis {
    /// Relative closeness to the ideal, 0..=1 (1 = the ideal itself).
    pub closeness: Vec<f64>,
    /// Euclidean distance to the positive ideal.
    pub d_plus: Vec<f64>,
    /// Euclidean distance to the negative ideal.
    pub d_minus: Vec<f64>,
    /// 1 = best.
    pub ranks: Vec<usize>,
    /// The normalisation used.
    pub normalization: Normalization,
}

/// TOPSIS: weighted normalised scores, distances to the best and worst value of each
/// criterion, closeness = D⁻ / (D⁺ + D⁻). A criterion on which every option scores the same
/// cannot separate them and contributes nothing (instead of dividing by zero); if no criterion
/// separates them, every option has closeness 0.5.
pub fn topsis(
    matrix: &[Vec<f64>],
    weights: &[f64],
    directions: &[Direction],
    normalization: Normalization,
) -> Result<Topsis, McdaError> {
    let n = directions.len();
    check_matrix(matrix, n)?;
    let w = normalised_weights(weights, n)?;
    let m = matrix.len();
    let mut weighted = vec![vec![0.0; n]; m];
    let mut best = vec![0.0; n];
    let mut worst = vec![0.0; n];
    for j in 0..n {
        let column: Vec<f64> = matrix.iter().map(|r| r[j]).collect();
        let max = column.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let min = column.iter().copied().fold(f64::INFINITY, f64::min);
        let norm = column.iter().map(|v| v * v).sum::<f64>().sqrt();
        for i in 0..m {
            let v = column[i];
            weighted[i][j] = w[j]
                * match normalization {
                    Normalization::Vector if norm > 0.0 => v / norm,
                    Normalization::MinMax if max > min => match directions[j] {
                        Direction::Benefit => (v - min) / (max - min),
                        Direction::Cost => (max - v) / (max - min),
                    },
                    _ => 0.0,
                };
        }
        let values = weighted.iter().map(|r| r[j]);
        let (hi, lo) = values.fold((f64::NEG_INFINITY, f64::INFINITY), |(h, l), v| (h.max(v), l.min(v)));
        // After min-max both directions are "more is better"; after vector normalisation a
        // cost's ideal is its smallest value.
        let (b, wo) = match (normalization, directions[j]) {
            (Normalization::Vector, Direction::Cost) => (lo, hi),
            _ => (hi, lo),
        };
        best[j] = b;
        worst[j] = wo;
    }
    let distance =
        |row: &[f64], target: &[f64]| row.iter().zip(target).map(|(a, b)| (a - b).powi(2)).sum::<f64>().sqrt();
    let d_plus: Vec<f64> = weighted.iter().map(|r| distance(r, &best)).collect();
    let d_minus: Vec<f64> = weighted.iter().map(|r| distance(r, &worst)).collect();
    let closeness: Vec<f64> =
        d_plus.iter().zip(&d_minus).map(|(p, q)| if p + q > 0.0 { q / (p + q) } else { 0.5 }).collect();
    Ok(Topsis { ranks: ranks(&closeness), closeness, d_plus, d_minus, normalization })
}

//! What a business case's Monte Carlo simulation needs beyond each line's own uncertainty: how
//! often a line's multiplier is drawn ([`Draw`]), the rank correlations between lines
//! ([`Correlation`]) and an uncertain discount rate ([`CaseSimulation::discount_rate`]).
//!
//! A correlation matrix must be symmetric, with ones on its diagonal, entries from −1 to 1, and
//! positive semi-definite (no set of variables can have correlations that are not). A matrix that
//! is not is refused with the nearest one that is, by Higham's alternating projections
//! ([`nearest_correlation`]; N. J. Higham, "Computing the nearest correlation matrix — a problem
//! from finance", IMA J. Numer. Anal. 22, 2002).

use nalgebra::{DMatrix, SymmetricEigen};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::case::Distribution;
use crate::plan::Id;

/// How often a line's multiplier is drawn in a simulated run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Draw {
    /// Once for the whole case: the line over- or under-runs as a whole (every case before the
    /// choice existed).
    #[default]
    Once,
    /// Independently for each year of the case: over- and under-runs of different years offset.
    EachYear,
}

impl Draw {
    /// Whether it is the default, [`Draw::Once`] (left out of the file then).
    pub fn is_once(&self) -> bool {
        *self == Draw::Once
    }
}

/// A case's simulation settings beyond its lines: left out of the file when empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseSimulation {
    /// Rank correlations between uncertain lines (Iman–Conover); `None`: independent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub correlation: Option<Correlation>,
    /// The discount rate's uncertainty: a multiplier of every year's rate, in percent (100 = the
    /// rate as appraised), drawn once per run — the same scaling as the sensitivity analysis's
    /// "every rate ±x %". `None`: the rate is certain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount_rate: Option<Distribution>,
}

impl CaseSimulation {
    /// Whether nothing is set (left out of the file then).
    pub fn is_empty(&self) -> bool {
        self.correlation.is_none() && self.discount_rate.is_none()
    }
}

/// A rank-correlation matrix between some of a case's uncertain lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correlation {
    /// The lines, by id: row and column `i` of the matrix are `lines[i]`. Each has an
    /// uncertainty, all drawn the same way ([`Draw`]).
    pub lines: Vec<Id>,
    /// The matrix, row by row: `matrix[i][j]` is the rank correlation of `lines[i]` and
    /// `lines[j]`.
    #[serde(deserialize_with = "matrix")]
    pub matrix: Vec<Vec<Decimal>>,
}

fn matrix<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Vec<Decimal>>, D::Error> {
    #[derive(Deserialize)]
    struct Row(#[serde(deserialize_with = "crate::exact::decimals")] Vec<Decimal>);
    Ok(Vec::<Row>::deserialize(d)?.into_iter().map(|r| r.0).collect())
}

/// The least eigenvalue a matrix may have and still count as positive semi-definite: room for
/// the rounding of correlations typed to a few decimals, far below any that changes a draw.
pub const PSD_TOLERANCE: f64 = 1e-9;

/// The floor the nearest matrix's eigenvalues are lifted to, so that the matrix offered, written
/// to six decimals, is still accepted.
const OFFER_FLOOR: f64 = 1e-5;

fn to_matrix(m: &[Vec<f64>]) -> DMatrix<f64> {
    let n = m.len();
    DMatrix::from_fn(n, n, |i, j| m[i][j])
}

/// The least eigenvalue of a symmetric matrix (square, given row by row); `None` when empty.
///
/// nalgebra's `SymmetricEigen` (Householder tridiagonalisation and implicit QR): a numerically
/// careful decomposition that is not worth writing by hand, in a pure-Rust crate with no system
/// BLAS/LAPACK to install.
pub fn least_eigenvalue(m: &[Vec<f64>]) -> Option<f64> {
    if m.is_empty() || m.iter().any(|r| r.len() != m.len()) {
        return None;
    }
    SymmetricEigen::new(to_matrix(m)).eigenvalues.iter().copied().reduce(f64::min)
}

/// Whether a symmetric matrix is positive semi-definite (least eigenvalue ≥ −[`PSD_TOLERANCE`]).
pub fn is_positive_semi_definite(m: &[Vec<f64>]) -> bool {
    least_eigenvalue(m).is_some_and(|l| l >= -PSD_TOLERANCE)
}

/// The correlation matrix nearest (in the Frobenius norm) to a symmetric matrix with a unit
/// diagonal: Higham's alternating projections with Dykstra's correction, onto the positive
/// semi-definite matrices (eigenvalues below a small floor lifted to it) and the unit-diagonal
/// ones, until they agree to 1e-12 or 1,000 rounds. Rounded to six decimals, exactly symmetric
/// with ones on the diagonal, so the matrix offered can be typed back as it reads.
pub fn nearest_correlation(m: &[Vec<f64>]) -> Vec<Vec<f64>> {
    let n = m.len();
    if n == 0 || m.iter().any(|r| r.len() != n) {
        return m.to_vec();
    }
    let mut y = to_matrix(m);
    let mut correction = DMatrix::<f64>::zeros(n, n);
    for _ in 0..1000 {
        let r = &y - &correction;
        let eigen = SymmetricEigen::new(r.clone());
        let lifted = eigen.eigenvalues.map(|v| v.max(OFFER_FLOOR));
        let x = &eigen.eigenvectors * DMatrix::from_diagonal(&lifted) * eigen.eigenvectors.transpose();
        correction = &x - &r;
        let mut next = x.clone();
        for i in 0..n {
            next[(i, i)] = 1.0;
        }
        let moved = (&next - &x).norm();
        y = next;
        if moved < 1e-12 {
            break;
        }
    }
    (0..n)
        .map(|i| {
            (0..n)
                .map(|j| match i.cmp(&j) {
                    std::cmp::Ordering::Equal => 1.0,
                    // The upper triangle mirrors the lower, so the offer is exactly symmetric.
                    _ => {
                        let v = (y[(i.max(j), i.min(j))] * 1e6).round() / 1e6;
                        v.clamp(-1.0, 1.0)
                    }
                })
                .collect()
        })
        .collect()
}

/// A matrix written as it would be typed: `[[1, 0.5], [0.5, 1]]`.
pub fn matrix_text(m: &[Vec<f64>]) -> String {
    let rows: Vec<String> = m
        .iter()
        .map(|r| format!("[{}]", r.iter().map(|v| format!("{}", v + 0.0)).collect::<Vec<_>>().join(", ")))
        .collect();
    format!("[{}]", rows.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_matrix_is_semi_definite_and_its_own_nearest() {
        let m = vec![vec![1.0, 0.5, 0.2], vec![0.5, 1.0, 0.3], vec![0.2, 0.3, 1.0]];
        assert!(is_positive_semi_definite(&m));
        assert_eq!(nearest_correlation(&m), m);
        // Perfect correlation is semi-definite (eigenvalue 0), not refused.
        assert!(is_positive_semi_definite(&[vec![1.0, 1.0], vec![1.0, 1.0]]));
    }

    #[test]
    fn the_nearest_of_an_impossible_matrix_is_accepted_as_offered() {
        // a ~ b, b ~ c strongly, a and c opposed: no three variables can do that.
        let bad = vec![vec![1.0, 0.9, -0.9], vec![0.9, 1.0, 0.9], vec![-0.9, 0.9, 1.0]];
        assert!(!is_positive_semi_definite(&bad));
        let near = nearest_correlation(&bad);
        assert!(is_positive_semi_definite(&near), "{near:?}");
        for (i, row) in near.iter().enumerate() {
            assert_eq!(row[i], 1.0);
            for (j, v) in row.iter().enumerate() {
                assert_eq!(*v, near[j][i]);
            }
        }
        // Higham's example (IMA J. Numer. Anal. 2002, section 4): A = tridiag(−1, 2, −1) of
        // order 4, whose nearest correlation matrix he gives as 1, −0.8084, 0.1916, 0.1068 in its
        // first row and −0.6562 at (2, 3). The diagonal is set to 1 whatever it was, and flipping
        // the signs of rows and columns 2 and 4 maps A's pattern to this one, so here: 0.8084,
        // 0.1916, −0.1068 and 0.6562 (to his four decimals).
        let pattern = vec![
            vec![1.0, 1.0, 0.0, 0.0],
            vec![1.0, 1.0, 1.0, 0.0],
            vec![0.0, 1.0, 1.0, 1.0],
            vec![0.0, 0.0, 1.0, 1.0],
        ];
        let near = nearest_correlation(&pattern);
        assert!(is_positive_semi_definite(&near));
        for (got, want) in [(near[0][1], 0.8084), (near[0][2], 0.1916), (near[0][3], -0.1068), (near[1][2], 0.6562)] {
            assert!((got - want).abs() < 1e-4, "{near:?}");
        }
        assert_eq!(near[0][1], near[2][3]);
    }

    #[test]
    fn matrices_are_written_as_typed() {
        assert_eq!(matrix_text(&[vec![1.0, 0.5], vec![0.5, 1.0]]), "[[1, 0.5], [0.5, 1]]");
    }
}

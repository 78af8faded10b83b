//! Why an analysis cannot be run; every message names the row, column or criterion (1-based,
//! as people count).

/// An input the methods cannot work with.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum McdaError {
    /// The matrix's shape is wrong.
    #[error("{0}")]
    Shape(String),
    /// An entry is out of range (row and column 1-based).
    #[error("row {row}, column {column}: {reason}")]
    Entry {
        /// 1-based row.
        row: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        reason: String,
    },
    /// Weights that are negative, not finite, or all zero.
    #[error("weights: {0}")]
    Weights(String),
}

pub(crate) fn entry(row: usize, column: usize, reason: impl Into<String>) -> McdaError {
    McdaError::Entry { row: row + 1, column: column + 1, reason: reason.into() }
}

/// Checks a decision matrix (options × criteria): rectangular, non-empty, finite.
pub(crate) fn check_matrix(matrix: &[Vec<f64>], criteria: usize) -> Result<(), McdaError> {
    if matrix.is_empty() {
        return Err(McdaError::Shape("the matrix has no options (rows)".into()));
    }
    if criteria == 0 {
        return Err(McdaError::Shape("there are no criteria".into()));
    }
    for (i, row) in matrix.iter().enumerate() {
        if row.len() != criteria {
            return Err(McdaError::Shape(format!(
                "row {} has {} values; expected {criteria}, one per criterion",
                i + 1,
                row.len()
            )));
        }
        if let Some(j) = row.iter().position(|v| !v.is_finite()) {
            return Err(entry(i, j, "not a finite number"));
        }
    }
    Ok(())
}

/// Checks weights and returns them normalised to sum to 1.
pub(crate) fn normalised_weights(weights: &[f64], criteria: usize) -> Result<Vec<f64>, McdaError> {
    if weights.len() != criteria {
        return Err(McdaError::Weights(format!("{} weights for {criteria} criteria", weights.len())));
    }
    if let Some(j) = weights.iter().position(|w| !w.is_finite() || *w < 0.0) {
        return Err(McdaError::Weights(format!("criterion {} has a negative or non-finite weight", j + 1)));
    }
    let total: f64 = weights.iter().sum();
    if total <= 0.0 {
        return Err(McdaError::Weights("all weights are zero".into()));
    }
    Ok(weights.iter().map(|w| w / total).collect())
}

//! Multi-criteria analysis on matrices typed as text (`cairn mcda`): AHP weights and
//! consistency of a pairwise-comparison matrix, TOPSIS closeness and ranks of options. Pure: no
//! store. (A sourcing study's own analysis is [`crate::Cairn::evaluate_study`].)
//!
//! A matrix is written row by row, rows separated by `;`, entries by `,`, fractions allowed:
//! `"1,3,5;1/3,1,3;1/5,1/3,1"`. A bad entry is an [`crate::ErrorCode::InvalidInput`] error naming the
//! row and column, its `field` the argument at fault (`matrix`, `weights` or `types`).

use cairn_sourcing::{Direction, McdaError, Normalization, RandomIndex, WeightMethod};

use crate::ApiError;
use crate::cli_dto::{CliAhpDto, CliJudgementDto, CliTopsisDto};

/// The random-index table a consistency ratio is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RandomIndexDto {
    /// Saaty's classic table.
    #[default]
    Saaty,
    /// Tummala and Ling (1998).
    TummalaLing,
    /// Alonso and Lamata (2006).
    AlonsoLamata,
}

/// How AHP derives weights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WeightMethodDto {
    /// The principal eigenvector.
    #[default]
    Eigenvector,
    /// The normalised geometric means of the rows.
    GeometricMean,
}

/// How TOPSIS makes criteria comparable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NormalizationDto {
    /// x / ‖column‖.
    #[default]
    Vector,
    /// (x − min) / (max − min).
    MinMax,
}

/// AHP on a pairwise-comparison matrix on Saaty's 1–9 scale.
pub fn ahp(matrix: &str, weights: WeightMethodDto, random_index: RandomIndexDto) -> Result<CliAhpDto, ApiError> {
    let m = parse_matrix(matrix)?;
    let table = match random_index {
        RandomIndexDto::Saaty => RandomIndex::Saaty,
        RandomIndexDto::TummalaLing => RandomIndex::TummalaLing,
        RandomIndexDto::AlonsoLamata => RandomIndex::AlonsoLamata,
    };
    let method = match weights {
        WeightMethodDto::Eigenvector => WeightMethod::Eigenvector,
        WeightMethodDto::GeometricMean => WeightMethod::GeometricMean,
    };
    let a = cairn_sourcing::ahp(&m, method, table).map_err(mcda_error)?;
    Ok(CliAhpDto {
        weights: a.weights,
        lambda_max: a.lambda_max,
        ci: a.ci,
        cr: a.cr,
        random_index: a.random_index,
        consistent: a.consistent,
        most_inconsistent: a.most_inconsistent.map(|j| CliJudgementDto {
            row: j.row,
            column: j.column,
            value: j.value,
            suggested: j.suggested,
        }),
    })
}

/// TOPSIS on options (rows) × criteria (columns): one weight per criterion (`"0.5,0.3,0.2"`,
/// normalised to sum 1) and one type per criterion (`"max,max,min"`; `benefit`/`cost` and
/// `1`/`-1` too).
pub fn topsis(
    matrix: &str,
    weights: &str,
    types: &str,
    normalization: NormalizationDto,
) -> Result<CliTopsisDto, ApiError> {
    let m = parse_matrix(matrix)?;
    let w = parse_list(weights, "weights")?;
    let d = types
        .split(',')
        .enumerate()
        .map(|(i, t)| match t.trim().to_ascii_lowercase().as_str() {
            "max" | "benefit" | "1" => Ok(Direction::Benefit),
            "min" | "cost" | "-1" => Ok(Direction::Cost),
            other => Err(ApiError::invalid("types", format!("types: entry {} is \"{other}\"; use max or min", i + 1))),
        })
        .collect::<Result<Vec<_>, _>>()?;
    let n = match normalization {
        NormalizationDto::Vector => Normalization::Vector,
        NormalizationDto::MinMax => Normalization::MinMax,
    };
    let t = cairn_sourcing::topsis(&m, &w, &d, n).map_err(mcda_error)?;
    Ok(CliTopsisDto {
        closeness: t.closeness,
        ranks: t.ranks,
        d_plus: t.d_plus,
        d_minus: t.d_minus,
        normalization: t.normalization.name(),
    })
}

fn mcda_error(e: McdaError) -> ApiError {
    let field = match e {
        McdaError::Weights(_) => "weights",
        McdaError::Shape(_) | McdaError::Entry { .. } => "matrix",
    };
    ApiError::invalid(field, e.to_string())
}

/// A number or a fraction `a/b`.
fn parse_entry(text: &str) -> Option<f64> {
    let t = text.trim();
    let value = match t.split_once('/') {
        Some((a, b)) => a.trim().parse::<f64>().ok()? / b.trim().parse::<f64>().ok()?,
        None => t.parse::<f64>().ok()?,
    };
    value.is_finite().then_some(value)
}

fn parse_matrix(text: &str) -> Result<Vec<Vec<f64>>, ApiError> {
    text.split(';')
        .enumerate()
        .map(|(i, row)| {
            row.split(',')
                .enumerate()
                .map(|(j, e)| {
                    parse_entry(e).ok_or_else(|| {
                        ApiError::invalid(
                            "matrix",
                            format!("row {}, column {}: \"{}\" is not a number", i + 1, j + 1, e.trim()),
                        )
                    })
                })
                .collect()
        })
        .collect()
}

fn parse_list(text: &str, name: &str) -> Result<Vec<f64>, ApiError> {
    text.split(',')
        .enumerate()
        .map(|(i, e)| {
            parse_entry(e).ok_or_else(|| {
                ApiError::invalid(name, format!("{name}: entry {} \"{}\" is not a number", i + 1, e.trim()))
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    #[test]
    fn matrices_parse_with_fractions_and_name_bad_entries() {
        assert_eq!(parse_matrix("1,3;1/3,1"), Ok(vec![vec![1.0, 3.0], vec![1.0 / 3.0, 1.0]]));
        assert_eq!(parse_matrix("1,x;1,1"), Err(ApiError::invalid("matrix", "row 1, column 2: \"x\" is not a number")));
        assert!(parse_matrix("1,1/0;1,1").is_err());
    }

    #[test]
    fn errors_name_the_argument_at_fault() {
        let field = |r: Result<CliTopsisDto, ApiError>| r.expect_err("refused").field;
        assert_eq!(field(topsis("7,9;8,7", "0.5,x", "max,min", NormalizationDto::Vector)), Some("weights".into()));
        assert_eq!(field(topsis("7,9;8,7", "0.5,0.5", "max,up", NormalizationDto::Vector)), Some("types".into()));
        assert_eq!(field(topsis("7,9;8", "0.5,0.5", "max,min", NormalizationDto::Vector)), Some("matrix".into()));
        let e = ahp("1,12;1/12,1", WeightMethodDto::default(), RandomIndexDto::default()).expect_err("off scale");
        assert_eq!((e.code, e.field.as_deref()), (ErrorCode::InvalidInput, Some("matrix")));
    }
}

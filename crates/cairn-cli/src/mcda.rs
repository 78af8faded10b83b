//! `cairn mcda`: AHP and TOPSIS from the command line, answering in JSON (a contract other tools
//! rely on).
//!
//! - `cairn mcda ahp "1,3,5;1/3,1,3;1/5,1/3,1"`: rows separated by `;`, entries by `,`,
//!   fractions allowed. Prints `{"weights": [...], "lambda_max": x, "ci": x, "cr": x,
//!   "random_index": x, "consistent": bool, "most_inconsistent": {...} | null}`.
//! - `cairn mcda topsis --matrix "7,9,9;8,7,8" --weights 0.5,0.3,0.2 --types max,max,min
//!   [--normalization vector|minmax]`: prints `{"closeness": [...], "ranks": [...],
//!   "d_plus": [...], "d_minus": [...], "normalization": "vector"}` (rank 1 = best).
//!
//! A bad matrix exits with 1 and one line naming the row and column; usage errors exit with 2.

use std::process::ExitCode;

use cairn_sourcing::{Direction, Normalization, RandomIndex, WeightMethod, ahp, topsis};
use clap::{Subcommand, ValueEnum};
use serde_json::json;

/// The `cairn mcda` subcommands.
#[derive(Subcommand)]
pub enum McdaCommand {
    /// Criterion weights from a pairwise-comparison matrix on Saaty's 1–9 scale.
    Ahp {
        /// Rows separated by ';', entries by ',', fractions allowed: "1,3,5;1/3,1,3;1/5,1/3,1".
        matrix: String,
        /// The random-index table for the consistency ratio.
        #[arg(long, value_enum, default_value_t = RiTable::Saaty)]
        random_index: RiTable,
        /// How weights are derived.
        #[arg(long, value_enum, default_value_t = Weighting::Eigenvector)]
        weights: Weighting,
    },
    /// Closeness to the ideal and ranks of options (rows) on criteria (columns).
    Topsis {
        /// Options × criteria: rows separated by ';', entries by ','.
        #[arg(long, allow_hyphen_values = true)]
        matrix: String,
        /// One weight per criterion, comma-separated.
        #[arg(long)]
        weights: String,
        /// One of max (benefit) or min (cost) per criterion, comma-separated.
        #[arg(long)]
        types: String,
        /// How criteria are made comparable.
        #[arg(long, value_enum, default_value_t = NormalizationArg::Vector)]
        normalization: NormalizationArg,
    },
}

/// Random-index tables.
#[derive(Clone, Copy, ValueEnum)]
pub enum RiTable {
    /// Saaty's classic table.
    Saaty,
    /// Tummala and Ling (1998).
    TummalaLing,
    /// Alonso and Lamata (2006).
    AlonsoLamata,
}

/// Weight derivations.
#[derive(Clone, Copy, ValueEnum)]
pub enum Weighting {
    /// Principal eigenvector.
    Eigenvector,
    /// Row geometric means.
    GeometricMean,
}

/// TOPSIS normalisations.
#[derive(Clone, Copy, ValueEnum)]
pub enum NormalizationArg {
    /// x / ‖column‖.
    Vector,
    /// (x − min) / (max − min).
    Minmax,
}

/// Runs a `cairn mcda` subcommand.
pub fn run(command: &McdaCommand) -> ExitCode {
    match execute(command) {
        Ok(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("error: {}", cairn_core::text::one_line(&message));
            ExitCode::FAILURE
        }
    }
}

/// The JSON answer, or the one-line error.
pub fn execute(command: &McdaCommand) -> Result<String, String> {
    match command {
        McdaCommand::Ahp { matrix, random_index, weights } => {
            let m = parse_matrix(matrix)?;
            let table = match random_index {
                RiTable::Saaty => RandomIndex::Saaty,
                RiTable::TummalaLing => RandomIndex::TummalaLing,
                RiTable::AlonsoLamata => RandomIndex::AlonsoLamata,
            };
            let method = match weights {
                Weighting::Eigenvector => WeightMethod::Eigenvector,
                Weighting::GeometricMean => WeightMethod::GeometricMean,
            };
            let a = ahp(&m, method, table).map_err(|e| e.to_string())?;
            let worst = a
                .most_inconsistent
                .map(|j| json!({ "row": j.row, "column": j.column, "value": j.value, "suggested": j.suggested }));
            Ok(json!({
                "weights": a.weights,
                "lambda_max": a.lambda_max,
                "ci": a.ci,
                "cr": a.cr,
                "random_index": a.random_index,
                "consistent": a.consistent,
                "most_inconsistent": worst,
            })
            .to_string())
        }
        McdaCommand::Topsis { matrix, weights, types, normalization } => {
            let m = parse_matrix(matrix)?;
            let w = parse_list(weights, "weights")?;
            let d = types
                .split(',')
                .enumerate()
                .map(|(i, t)| match t.trim().to_ascii_lowercase().as_str() {
                    "max" | "benefit" | "1" => Ok(Direction::Benefit),
                    "min" | "cost" | "-1" => Ok(Direction::Cost),
                    other => Err(format!("types: entry {} is \"{other}\"; use max or min", i + 1)),
                })
                .collect::<Result<Vec<_>, _>>()?;
            let n = match normalization {
                NormalizationArg::Vector => Normalization::Vector,
                NormalizationArg::Minmax => Normalization::MinMax,
            };
            let t = topsis(&m, &w, &d, n).map_err(|e| e.to_string())?;
            Ok(json!({
                "closeness": t.closeness,
                "ranks": t.ranks,
                "d_plus": t.d_plus,
                "d_minus": t.d_minus,
                "normalization": t.normalization.name(),
            })
            .to_string())
        }
    }
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

fn parse_matrix(text: &str) -> Result<Vec<Vec<f64>>, String> {
    text.split(';')
        .enumerate()
        .map(|(i, row)| {
            row.split(',')
                .enumerate()
                .map(|(j, e)| {
                    parse_entry(e)
                        .ok_or_else(|| format!("row {}, column {}: \"{}\" is not a number", i + 1, j + 1, e.trim()))
                })
                .collect()
        })
        .collect()
}

fn parse_list(text: &str, name: &str) -> Result<Vec<f64>, String> {
    text.split(',')
        .enumerate()
        .map(|(i, e)| parse_entry(e).ok_or_else(|| format!("{name}: entry {} \"{}\" is not a number", i + 1, e.trim())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matrices_parse_with_fractions_and_name_bad_entries() {
        assert_eq!(parse_matrix("1,3;1/3,1"), Ok(vec![vec![1.0, 3.0], vec![1.0 / 3.0, 1.0]]));
        assert_eq!(parse_matrix("1,x;1,1"), Err("row 1, column 2: \"x\" is not a number".into()));
        assert!(parse_matrix("1,1/0;1,1").is_err());
    }
}

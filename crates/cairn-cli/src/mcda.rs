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
//! Parsing and computing are [`cairn_api::mcda`]'s; the JSON is its DTOs.

use cairn_api::ApiError;
use cairn_api::mcda::{self, NormalizationDto, RandomIndexDto, WeightMethodDto};
use clap::{Subcommand, ValueEnum};

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

/// Runs a `cairn mcda` subcommand: the answer as one line of JSON.
pub fn run(command: &McdaCommand) -> Result<(), ApiError> {
    match command {
        McdaCommand::Ahp { matrix, random_index, weights } => {
            let table = match random_index {
                RiTable::Saaty => RandomIndexDto::Saaty,
                RiTable::TummalaLing => RandomIndexDto::TummalaLing,
                RiTable::AlonsoLamata => RandomIndexDto::AlonsoLamata,
            };
            let method = match weights {
                Weighting::Eigenvector => WeightMethodDto::Eigenvector,
                Weighting::GeometricMean => WeightMethodDto::GeometricMean,
            };
            crate::print_json(&mcda::ahp(matrix, method, table)?, false)
        }
        McdaCommand::Topsis { matrix, weights, types, normalization } => {
            let n = match normalization {
                NormalizationArg::Vector => NormalizationDto::Vector,
                NormalizationArg::Minmax => NormalizationDto::MinMax,
            };
            crate::print_json(&mcda::topsis(matrix, weights, types, n)?, false)
        }
    }
}

//! `cairn case`: the business cases of a plan file.
//!
//! - `cairn case list FILE`: one line per case, in the plan's order, `<id>\t<name>` (the name on
//!   one line: control characters escaped). Other tools number the cases by this order.
//! - `cairn case metrics FILE CASE [--scenario NAME] [--format json|table]`: the case's short
//!   list appraised (`cairn_api::case_metrics`). JSON (the default): `{"basis", "options": [{"id",
//!   "name", "role", "pv_costs", "pv_benefits", "pv_cash_releasing_benefits", "npv",
//!   "npv_cash_releasing", "bcr", "irr", "npsv", "payback_years"}]}`, amounts as decimal strings,
//!   a figure that does not exist `null`. Table: a line naming the basis, then one line per option
//!   with amounts to the cent. An unknown case or scenario exits 1 with one line naming it.

use std::path::PathBuf;

use cairn_api::ApiError;
use cairn_api::cli_dto::CliCaseMetricsDto;
use cairn_api::text::one_line;
use clap::{Subcommand, ValueEnum};

/// The `cairn case` subcommands.
#[derive(Subcommand)]
pub enum CaseCommand {
    /// List the business cases of a plan file, one `<id>\t<name>` line each.
    List {
        /// The plan file.
        file: PathBuf,
    },
    /// Appraise a case's short list: each option's present values, NPV, BCR, IRR, NPSV and payback.
    Metrics {
        /// The plan file.
        file: PathBuf,
        /// The case, by id or name.
        case: String,
        /// Appraise the case as this scenario (or baseline) resolves, by id or name.
        #[arg(long)]
        scenario: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
}

/// Output formats of `cairn case metrics`.
#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// JSON for tools (the default).
    Json,
    /// Aligned text for people.
    Table,
}

/// Runs a `cairn case` command.
pub fn run(command: &CaseCommand) -> Result<(), ApiError> {
    match command {
        CaseCommand::List { file } => {
            for case in &cairn_api::read_plan_at(file)?.plan.business_cases {
                crate::out::outln!("{}\t{}", case.id, one_line(&case.name))?;
            }
        }
        CaseCommand::Metrics { file, case, scenario, format } => {
            let plan = cairn_api::read_plan_at(file)?.plan;
            let metrics = cairn_api::case_metrics(&plan, case, scenario.as_deref())?;
            match format {
                Format::Json => crate::print_json(&metrics, true)?,
                Format::Table => crate::out::out!("{}", table(&metrics))?,
            }
        }
    }
    Ok(())
}

/// The table: the basis, then one line per option in aligned columns.
fn table(m: &CliCaseMetricsDto) -> String {
    let cents = |v: &Option<String>| {
        v.as_deref().and_then(|t| t.parse::<f64>().ok()).map_or_else(|| "—".to_owned(), |v| format!("{v:.2}"))
    };
    let number = |v: Option<f64>, f: fn(f64) -> String| v.map_or_else(|| "—".to_owned(), f);
    let header = [
        "id",
        "name",
        "role",
        "pv_costs",
        "pv_benefits",
        "pv_cash_benefits",
        "npv",
        "npv_cash",
        "bcr",
        "irr",
        "npsv",
        "payback",
    ];
    let rows: Vec<Vec<String>> = m
        .options
        .iter()
        .map(|o| {
            vec![
                one_line(&o.id).into_owned(),
                one_line(&o.name).into_owned(),
                o.role.clone(),
                cents(&o.pv_costs),
                cents(&o.pv_benefits),
                cents(&o.pv_cash_releasing_benefits),
                cents(&o.npv),
                cents(&o.npv_cash_releasing),
                number(o.bcr, |v| format!("{v:.2}")),
                number(o.irr, |v| format!("{:.1} %", v * 100.0)),
                cents(&o.npsv),
                number(o.payback_years, |v| format!("{v:.2}")),
            ]
        })
        .collect();
    let chars = |t: &str| t.chars().count();
    let widths: Vec<usize> = (0..header.len())
        .map(|k| rows.iter().map(|r| chars(&r[k])).chain([chars(header[k])]).max().unwrap_or(0))
        .collect();
    let line = |cells: Vec<&str>| {
        let mut out = String::new();
        for (k, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            // Text left, figures right.
            if k < 3 {
                out.push_str(&format!("{cell:<w$}"))
            } else {
                out.push_str(&format!("{cell:>w$}"))
            }
            out.push_str(if k + 1 < cells.len() { "  " } else { "\n" });
        }
        out
    };
    let mut out = format!("basis: {}\n", m.basis);
    out.push_str(&line(header.to_vec()));
    for r in &rows {
        out.push_str(&line(r.iter().map(String::as_str).collect()));
    }
    out
}

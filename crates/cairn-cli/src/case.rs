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
//! - `cairn case simulate FILE CASE [--runs N] [--seed S] [--scenario NAME] [--format
//!   json|table]`: the case's Monte Carlo simulation (`cairn_api::case_simulate`; docs/risk.md,
//!   "Business-case simulation"), CASE and `--scenario` found as `case metrics` finds them. JSON
//!   (the default): `{"runs", "seed", "npv": {"mean", "p10", "p50", "p80", "p90"},
//!   "prob_npv_negative", "contingency_p80"}`, numbers, amounts in the plan's currency to the
//!   cent, percentiles by nearest rank. Table: one figure a line. Defaults: 10,000 runs, seed
//!   20270701. An unknown case or scenario, or runs outside 100 to 1,000,000, exits 1 with one
//!   line.

use std::path::PathBuf;

use cairn_api::ApiError;
use cairn_api::cli_dto::{CliCaseMetricsDto, CliCaseSimulationDto};
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
    /// Simulate a case (Monte Carlo): NPV mean and P10/P50/P80/P90, the chance of a negative
    /// NPV, and the contingency a P80 budget needs.
    Simulate {
        /// The plan file.
        file: PathBuf,
        /// The case, by id or name.
        case: String,
        /// Number of runs, 100 to 1,000,000 (10,000 when not given).
        #[arg(long, allow_hyphen_values = true)]
        runs: Option<String>,
        /// The seed: the same seed gives the same figures (20270701 when not given).
        #[arg(long, allow_hyphen_values = true)]
        seed: Option<String>,
        /// Simulate the case as this scenario (or baseline) resolves, by id or name.
        #[arg(long)]
        scenario: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Json)]
        format: Format,
    },
}

/// Output formats of `cairn case metrics` and `cairn case simulate`.
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
        CaseCommand::Simulate { file, case, runs, seed, scenario, format } => {
            // Read as text, as `cairn roadmap confidence` reads them: a bad one exits 1 with one
            // line naming the option (clap's usage errors exit 2).
            let (runs, seed) = cairn_api::parse_runs_and_seed(runs.as_deref(), seed.as_deref(), 100)?;
            let plan = cairn_api::read_plan_at(file)?.plan;
            let r = cairn_api::case_simulate(&plan, case, scenario.as_deref(), runs, seed)?;
            match format {
                Format::Json => crate::print_json(&r, true)?,
                Format::Table => crate::out::out!("{}", simulation_table(&r))?,
            }
        }
    }
    Ok(())
}

/// The simulation as a table: one figure a line, amounts to the cent.
fn simulation_table(r: &CliCaseSimulationDto) -> String {
    let rows = [
        ("runs", r.runs.to_string()),
        ("seed", r.seed.to_string()),
        ("npv_mean", format!("{:.2}", r.npv.mean)),
        ("npv_p10", format!("{:.2}", r.npv.p10)),
        ("npv_p50", format!("{:.2}", r.npv.p50)),
        ("npv_p80", format!("{:.2}", r.npv.p80)),
        ("npv_p90", format!("{:.2}", r.npv.p90)),
        ("prob_npv_negative", format!("{:.4}", r.prob_npv_negative)),
        ("contingency_p80", format!("{:.2}", r.contingency_p80)),
    ];
    let width = rows.iter().map(|(k, _)| k.len()).max().unwrap_or(0);
    let figures = rows.iter().map(|(_, v)| v.len()).max().unwrap_or(0);
    rows.iter().map(|(k, v)| format!("{k:<width$}  {v:>figures$}\n")).collect()
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

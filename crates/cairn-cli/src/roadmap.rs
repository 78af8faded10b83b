//! `cairn roadmap`: the schedule and the budget of a plan file's roadmap.
//!
//! - `cairn roadmap schedule FILE [--format json|table]`: per initiative its early and late start
//!   and finish, total float in months and whether it is critical; then the critical path in
//!   order, violated dependencies and dates outside the horizon.
//! - `cairn roadmap budget FILE [--format json|csv]`: fiscal year × theme, capex, opex, total,
//!   ceiling and over (positive) or under (negative) the ceiling; one `All themes` row per year
//!   against the portfolio ceiling. Amounts are exact decimals in the plan's currency.
//! - `cairn roadmap confidence FILE [--runs N] [--seed S] [--scenario NAME] [--format json|table]`:
//!   schedule risk (docs/risk.md, "Schedule risk"). JSON `{"runs", "seed", "finish": {"p50",
//!   "p80", "p90"}, "initiatives": [{"id", "finish_p50", "finish_p80", "finish_p90",
//!   "criticality"}]}`, months as `YYYY-MM`, criticality from 0 to 1; 10,000 runs and seed
//!   20270701 unless given. `--scenario` takes a scenario or baseline by id or name, as `cairn
//!   check` does. A bad `--runs` or `--seed`, an unknown scenario or a missing file exits 1 with
//!   one line.
//!
//! The figures are [`cairn_api::roadmap_schedule`]'s, [`cairn_api::roadmap_budget`]'s and
//! [`cairn_api::roadmap_confidence`]'s; the JSON
//! is their DTOs, the table and the CSV are written here.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use cairn_api::ApiError;
use cairn_api::cli_dto::{CliBudgetDto, CliConfidenceDto, CliScheduleDto};
use cairn_api::text::one_line;
use clap::{Subcommand, ValueEnum};
use rust_decimal::Decimal;

/// The `cairn roadmap` subcommands.
#[derive(Subcommand)]
pub enum RoadmapCommand {
    /// The critical-path schedule: early/late dates, float, the critical path.
    Schedule {
        /// The plan file.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ScheduleFormat::Table)]
        format: ScheduleFormat,
    },
    /// Spend per fiscal year and theme against the ceilings.
    Budget {
        /// The plan file.
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = BudgetFormat::Csv)]
        format: BudgetFormat,
    },
    /// Schedule risk: P50, P80 and P90 finish of the roadmap and of each initiative, and each
    /// initiative's criticality, over simulated runs of three-point durations.
    Confidence {
        /// The plan file.
        file: PathBuf,
        /// How many runs (1 to 1,000,000; 10,000 when not given).
        #[arg(long, allow_hyphen_values = true)]
        runs: Option<String>,
        /// The seed of the runs' random streams (20270701 when not given).
        #[arg(long, allow_hyphen_values = true)]
        seed: Option<String>,
        /// Simulate the plan as this scenario (or baseline) resolves, by id or name.
        #[arg(long)]
        scenario: Option<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ScheduleFormat::Table)]
        format: ScheduleFormat,
    },
}

/// Output formats of `cairn roadmap schedule`.
#[derive(Clone, Copy, ValueEnum)]
pub enum ScheduleFormat {
    /// Aligned text for people.
    Table,
    /// JSON for tools.
    Json,
}

/// Output formats of `cairn roadmap budget`.
#[derive(Clone, Copy, ValueEnum)]
pub enum BudgetFormat {
    /// JSON for tools.
    Json,
    /// Comma-separated values with a header row.
    Csv,
}

/// Runs a `cairn roadmap` command.
pub fn run(command: &RoadmapCommand) -> Result<(), ApiError> {
    match command {
        RoadmapCommand::Schedule { file, format } => {
            let s = cairn_api::roadmap_schedule(&cairn_api::read_plan_at(file)?.plan)?;
            match format {
                ScheduleFormat::Json => crate::print_json(&s, true)?,
                ScheduleFormat::Table => crate::out::out!("{}", schedule_table(&s))?,
            }
        }
        RoadmapCommand::Budget { file, format } => {
            let b = cairn_api::roadmap_budget(&cairn_api::read_plan_at(file)?.plan)?;
            match format {
                BudgetFormat::Json => crate::print_json(&b, true)?,
                BudgetFormat::Csv => crate::out::out!("{}", budget_csv(&b))?,
            }
        }
        RoadmapCommand::Confidence { file, runs, seed, scenario, format } => {
            // Options are read here, as text, so that a bad one exits 1 with one line like any
            // other bad input (clap's usage errors exit 2).
            let (runs, seed) = cairn_api::parse_runs_and_seed(runs.as_deref(), seed.as_deref(), 1)?;
            let plan = cairn_api::read_plan_at(file)?.plan;
            let c = cairn_api::roadmap_confidence(&plan, scenario.as_deref(), runs, seed)?;
            match format {
                ScheduleFormat::Json => crate::print_json(&c, true)?,
                ScheduleFormat::Table => crate::out::out!("{}", confidence_table(&c))?,
            }
        }
    }
    Ok(())
}

/// Initiatives' names by id, through an index built once: the table names initiatives on the
/// critical path and in every violation and warning, and a search of the rows per name made
/// printing a large schedule quadratic.
fn names_by_id(s: &CliScheduleDto) -> HashMap<&str, &str> {
    let mut names = HashMap::with_capacity(s.initiatives.len());
    for r in &s.initiatives {
        names.entry(r.id.as_str()).or_insert(r.name.as_str());
    }
    names
}

/// An initiative's name for a line of the table (its id if the schedule has no such row):
/// control characters escaped.
fn name_line<'a>(names: &HashMap<&'a str, &'a str>, id: &'a str) -> std::borrow::Cow<'a, str> {
    one_line(names.get(id).copied().unwrap_or(id))
}

fn schedule_table(s: &CliScheduleDto) -> String {
    let names = names_by_id(s);
    let mut out = String::new();
    let width = s.initiatives.iter().map(|r| one_line(&r.name).chars().count()).max().unwrap_or(10).clamp(10, 60);
    let _ =
        writeln!(out, "{:<width$}  Early start  Early finish  Late start  Late finish  Float  Critical", "Initiative");
    for r in &s.initiatives {
        let name: String = one_line(&r.name).chars().take(width).collect();
        let _ = writeln!(
            out,
            "{name:<width$}  {:<11}  {:<12}  {:<10}  {:<11}  {:>5}  {}",
            r.early_start,
            r.early_finish,
            r.late_start,
            r.late_finish,
            r.total_float_months,
            if r.critical { "yes" } else { "no" }
        );
    }
    if let (Some(start), Some(finish)) = (&s.start, &s.finish) {
        let _ = writeln!(out, "\nRoadmap: {start} to {finish}");
    }
    let path: Vec<std::borrow::Cow<'_, str>> = s.critical_path.iter().map(|id| name_line(&names, id)).collect();
    let _ = writeln!(out, "Critical path: {}", if path.is_empty() { "none".to_owned() } else { path.join(" → ") });
    for v in &s.violations {
        let _ = writeln!(
            out,
            "Violated: \"{}\" starts {} but \"{}\" allows {} at the earliest",
            name_line(&names, &v.initiative),
            v.planned_start,
            name_line(&names, &v.on),
            v.earliest_start
        );
    }
    for w in &s.warnings {
        let _ = writeln!(out, "Warning: \"{}\" {}", name_line(&names, &w.initiative), one_line(&w.message));
    }
    out
}

fn confidence_table(c: &CliConfidenceDto) -> String {
    let mut out = String::new();
    let width = c.initiatives.iter().map(|r| r.id.chars().count()).max().unwrap_or(10).clamp(10, 40);
    let _ = writeln!(out, "{:<width$}  Finish P50  Finish P80  Finish P90  Criticality", "Initiative");
    for r in &c.initiatives {
        let id: String = one_line(&r.id).chars().take(width).collect();
        let _ = writeln!(
            out,
            "{id:<width$}  {:<10}  {:<10}  {:<10}  {:>10.1} %",
            r.finish_p50,
            r.finish_p80,
            r.finish_p90,
            r.criticality * 100.0
        );
    }
    if let Some(f) = &c.finish {
        let _ = writeln!(out, "\nRoadmap finish: P50 {}, P80 {}, P90 {}", f.p50, f.p80, f.p90);
    }
    let _ = writeln!(out, "{} runs, seed {}", c.runs, c.seed);
    out
}

/// A text cell: marked so a spreadsheet shows it as text, never as a formula
/// ([`cairn_api::spreadsheet_text`]), and quoted when it needs it (RFC 4180). Numbers are
/// written as they are.
pub(crate) fn csv_field(text: &str) -> String {
    let text = cairn_api::spreadsheet_text(text);
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text.into_owned() }
}

/// A swimlane's name by its theme id (`None`: "No theme").
fn theme_name<'a>(b: &'a CliBudgetDto, theme: Option<&str>) -> &'a str {
    b.themes.iter().find(|t| t.id.as_deref() == theme).map_or("", |t| t.name.as_str())
}

fn budget_csv(b: &CliBudgetDto) -> String {
    let mut out = String::from("fiscal_year,theme_id,theme,capex,opex,total,ceiling,over_under\n");
    let opt = |d: Option<Decimal>| d.map(|d| d.normalize().to_string()).unwrap_or_default();
    let over_under = |total: Decimal, ceiling: Option<Decimal>| ceiling.and_then(|c| total.checked_sub(c));
    for y in &b.years {
        for cell in &y.themes {
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{},{}",
                csv_field(&y.label),
                csv_field(cell.theme.as_deref().unwrap_or_default()),
                csv_field(theme_name(b, cell.theme.as_deref())),
                cell.capex.normalize(),
                cell.opex.normalize(),
                cell.total.normalize(),
                opt(cell.ceiling),
                opt(over_under(cell.total, cell.ceiling)),
            );
        }
        let _ = writeln!(
            out,
            "{},,All themes,{},{},{},{},{}",
            csv_field(&y.label),
            y.capex.normalize(),
            y.opex.normalize(),
            y.total.normalize(),
            opt(y.ceiling),
            opt(over_under(y.total, y.ceiling)),
        );
    }
    out
}

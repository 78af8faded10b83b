//! `cairn roadmap`: the schedule and the budget of a plan file's roadmap.
//!
//! - `cairn roadmap schedule FILE [--format json|table]`: per initiative its early and late start
//!   and finish, total float in months and whether it is critical; then the critical path in
//!   order, violated dependencies and dates outside the horizon.
//! - `cairn roadmap budget FILE [--format json|csv]`: fiscal year × theme, capex, opex, total,
//!   ceiling and over (positive) or under (negative) the ceiling; one `All themes` row per year
//!   against the portfolio ceiling. Amounts are exact decimals in the plan's currency.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use cairn_core::text::one_line;
use cairn_core::{Id, Plan};
use cairn_roadmap::{BudgetRollup, Schedule};
use clap::{Subcommand, ValueEnum};
use rust_decimal::Decimal;
use serde_json::json;

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

fn read(file: &std::path::Path) -> Result<Plan, String> {
    cairn_api::read_plan_at(file).map(|f| f.plan).map_err(|e| e.message)
}

/// Runs a `cairn roadmap` command.
pub fn run(command: &RoadmapCommand) -> ExitCode {
    let result = match command {
        RoadmapCommand::Schedule { file, format } => read(file).and_then(|plan| {
            let s = cairn_roadmap::schedule(&plan).map_err(|e| e.to_string())?;
            match format {
                ScheduleFormat::Json => println!("{}", schedule_json(&plan, &s)),
                ScheduleFormat::Table => print!("{}", schedule_table(&plan, &s)),
            }
            Ok(())
        }),
        RoadmapCommand::Budget { file, format } => read(file).and_then(|plan| {
            let b = cairn_roadmap::budget(&plan).map_err(|e| e.to_string())?;
            match format {
                BudgetFormat::Json => println!("{}", budget_json(&plan, &b)),
                BudgetFormat::Csv => print!("{}", budget_csv(&plan, &b)),
            }
            Ok(())
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("cairn roadmap: {}", one_line(&message));
            ExitCode::FAILURE
        }
    }
}

/// Initiatives' names by id, through an index built once: a schedule names every initiative, and
/// a search of the plan per name made printing it quadratic.
struct Names<'a> {
    plan: &'a Plan,
    at: std::collections::HashMap<&'a Id, usize>,
}

impl<'a> Names<'a> {
    fn new(plan: &'a Plan) -> Names<'a> {
        Names { plan, at: cairn_core::positions_by_id(&plan.initiatives, |x| &x.id) }
    }

    /// The initiative's name, or its id when the plan has no such initiative.
    fn of<'b>(&self, id: &'b Id) -> &'b str
    where
        'a: 'b,
    {
        self.at.get(id).map_or(id.as_str(), |&k| self.plan.initiatives[k].name.as_str())
    }
}

fn schedule_json(plan: &Plan, s: &Schedule) -> String {
    let names = Names::new(plan);
    let rows: Vec<serde_json::Value> = s
        .rows
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": names.of(&r.id),
                "early_start": r.early_start,
                "early_finish": r.early_finish,
                "late_start": r.late_start,
                "late_finish": r.late_finish,
                "total_float_months": r.total_float,
                "critical": r.critical,
            })
        })
        .collect();
    let value = json!({
        "start": s.start,
        "finish": s.finish,
        "initiatives": rows,
        "critical_path": s.critical_path,
        "violations": s.violations,
        "warnings": s.warnings,
    });
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// An initiative's name for a line of the table: control characters escaped.
fn name_line<'a>(names: &Names<'a>, id: &'a Id) -> std::borrow::Cow<'a, str> {
    one_line(names.of(id))
}

fn schedule_table(plan: &Plan, s: &Schedule) -> String {
    let names = Names::new(plan);
    let mut out = String::new();
    let width = s.rows.iter().map(|r| name_line(&names, &r.id).chars().count()).max().unwrap_or(10).clamp(10, 60);
    let _ =
        writeln!(out, "{:<width$}  Early start  Early finish  Late start  Late finish  Float  Critical", "Initiative");
    for r in &s.rows {
        let name: String = name_line(&names, &r.id).chars().take(width).collect();
        let _ = writeln!(
            out,
            "{name:<width$}  {:<11}  {:<12}  {:<10}  {:<11}  {:>5}  {}",
            r.early_start.to_string(),
            r.early_finish.to_string(),
            r.late_start.to_string(),
            r.late_finish.to_string(),
            r.total_float,
            if r.critical { "yes" } else { "no" }
        );
    }
    if let (Some(start), Some(finish)) = (s.start, s.finish) {
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

fn theme_name<'a>(plan: &'a Plan, theme: Option<&Id>) -> &'a str {
    match theme {
        Some(id) => plan.themes.iter().find(|t| &t.id == id).map_or("", |t| t.name.as_str()),
        None => "No theme",
    }
}

fn budget_json(plan: &Plan, b: &BudgetRollup) -> String {
    let themes: Vec<serde_json::Value> =
        b.themes.iter().map(|t| json!({ "id": t, "name": theme_name(plan, t.as_ref()) })).collect();
    let value = json!({
        "currency": plan.settings.currency.code(),
        "themes": themes,
        "years": b.years,
        "total": b.total,
        "outside_horizon": b.outside_horizon,
    });
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// A text cell: marked so a spreadsheet shows it as text, never as a formula
/// ([`cairn_roadmap::spreadsheet_text`]), and quoted when it needs it (RFC 4180). Numbers are
/// written as they are.
fn csv_field(text: &str) -> String {
    let text = cairn_roadmap::spreadsheet_text(text);
    if text.contains([',', '"', '\n', '\r']) { format!("\"{}\"", text.replace('"', "\"\"")) } else { text.into_owned() }
}

fn budget_csv(plan: &Plan, b: &BudgetRollup) -> String {
    let mut out = String::from("fiscal_year,theme_id,theme,capex,opex,total,ceiling,over_under\n");
    let opt = |d: Option<Decimal>| d.map(|d| d.normalize().to_string()).unwrap_or_default();
    let over_under = |total: Decimal, ceiling: Option<Decimal>| ceiling.and_then(|c| total.checked_sub(c));
    for y in &b.years {
        for cell in &y.themes {
            let _ = writeln!(
                out,
                "{},{},{},{},{},{},{},{}",
                csv_field(&y.label),
                csv_field(cell.theme.as_ref().map(Id::as_str).unwrap_or_default()),
                csv_field(theme_name(plan, cell.theme.as_ref())),
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

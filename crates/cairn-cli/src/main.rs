//! `cairn`: Cairn's command-line tool. A thin layer over `cairn-api`; its commands and output
//! lines are a contract other tools rely on (see README.md, "Command line").

mod calc;
mod case;
mod check;
mod mcda;
mod out;
mod report;
mod risk;
mod roadmap;
mod scenario;

use std::path::PathBuf;
use std::process::ExitCode;

use cairn_api::text::one_line;
use cairn_api::{ApiError, Cairn, ErrorCode, OpenOptions, default_data_dir};
use chrono::Utc;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cairn", version, about = "Cairn: IT strategy, business cases and sourcing, offline.")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write the demo plan (City of Riverton, FY2027–FY2031) as a plan file.
    Demo {
        /// Where to write it.
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// Store the plan in a plan file; the last line printed is `imported <id>`.
    Import {
        /// The plan file.
        file: PathBuf,
    },
    /// List stored plans, one `<id>\t<name>` line each.
    Plans,
    /// Write a stored plan as a plan file.
    Export {
        /// The plan's id (see `cairn plans`).
        id: String,
        /// Where to write it.
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// List the automatic backups (no argument), or restore one: the database is set aside as
    /// `db.damaged-<time>` (never deleted) and the plans and undo history are rebuilt from the
    /// backup. Prints `set aside <path>` (when there was a database), then
    /// `restored <n> plans from backup <name> (<date>)`.
    Restore {
        /// The backup's name as listed (`20261122T150000Z`) or its folder.
        backup: Option<String>,
    },
    /// Evaluate a spreadsheet financial function: `cairn calc NPV 0.1 -10000,3000,4200,6800`;
    /// `cairn calc --batch FILE` (or `-`) answers one JSON request a line.
    Calc {
        /// The function's name and arguments, or `--batch FILE`.
        #[arg(allow_hyphen_values = true, trailing_var_arg = true, value_name = "FUNCTION ARG")]
        args: Vec<String>,
    },
    /// Multi-criteria analysis: AHP weights and consistency, TOPSIS closeness and ranks (JSON).
    Mcda {
        #[command(subcommand)]
        command: mcda::McdaCommand,
    },
    /// The roadmap of a plan file: its critical-path schedule, or its budget against ceilings.
    Roadmap {
        #[command(subcommand)]
        command: roadmap::RoadmapCommand,
    },
    /// The board pack of a plan file as a PDF: `cairn report FILE -o OUT.pdf [--layout pack|deck]
    /// [--paper a4|letter] [--scenario NAME] [--sections LIST] [--label TEXT]`; `--layout deck`
    /// writes the 16:9 board deck.
    Report(report::ReportArgs),
    /// Plan-health checks of a plan file (docs/checks.md): `cairn check FILE [--scenario NAME]
    /// [--format table|json]`; table by default. Exits 0 whenever the checks ran, whatever they
    /// found.
    Check(check::CheckArgs),
    /// Business cases of a plan file: `cairn case list FILE` prints `<id>\t<name>` for each.
    Case {
        #[command(subcommand)]
        command: case::CaseCommand,
    },
    /// Scenarios of a plan file: list them, or compare 2–4 variants side by side.
    Scenario {
        #[command(subcommand)]
        command: scenario::ScenarioCommand,
    },
    /// The risk register of a plan file: `cairn risk list FILE [--format json|csv]`, csv by
    /// default (docs/risk.md).
    Risk {
        #[command(subcommand)]
        command: risk::RiskCommand,
    },
}

fn main() -> ExitCode {
    // `cairn calc` reads its arguments itself (negative numbers, `--batch FILE`, `-`): they are
    // a contract of their own, so clap does not get to reinterpret them.
    let argv: Vec<String> = std::env::args().collect();
    if argv.get(1).map(String::as_str) == Some("calc") {
        return calc::run(&argv[2..]);
    }
    let cli = Cli::parse();
    // Each command's errors start as they always have: `cairn roadmap: …`, `cairn scenario: …`,
    // else `error: …`.
    let (prefix, result) = match cli.command {
        Command::Calc { args } => return calc::run(&args),
        Command::Mcda { command } => ("error", mcda::run(&command)),
        Command::Scenario { command } => ("cairn scenario", scenario::run(&command)),
        Command::Case { command } => ("cairn case", case::run(&command)),
        Command::Risk { command } => ("cairn risk", risk::run(&command)),
        Command::Roadmap { command } => ("cairn roadmap", roadmap::run(&command)),
        Command::Check(args) => ("cairn check", check::run(&args)),
        command => ("error", run(command)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if out::closed(&e) => ExitCode::SUCCESS,
        Err(e) => fail(prefix, &e),
    }
}

/// The one place an API error becomes what the command line shows: one line on standard error,
/// `<prefix>: <message>`, and the exit code for its [`ErrorCode`].
fn fail(prefix: &str, e: &ApiError) -> ExitCode {
    eprintln!("{prefix}: {}", one_line(&e.message));
    ExitCode::from(exit_code(e.code))
}

/// The exit code of a failure: 1, whatever the code (README.md, "Command line"); 2 is for usage
/// errors, which clap and `cairn calc` report before any call into the API. A new [`ErrorCode`]
/// must be placed here.
fn exit_code(code: ErrorCode) -> u8 {
    match code {
        ErrorCode::NotFound
        | ErrorCode::InvalidInput
        | ErrorCode::InvalidFile
        | ErrorCode::UnsupportedVersion
        | ErrorCode::AlreadyOpen
        | ErrorCode::DatabaseDamaged
        | ErrorCode::DiskFull
        | ErrorCode::Io
        | ErrorCode::NoBackup
        | ErrorCode::Cancelled => 1,
    }
}

/// Prints an API DTO as JSON: indented (`roadmap`, `scenario`) or on one line (`mcda`).
fn print_json(dto: &impl serde::Serialize, pretty: bool) -> Result<(), ApiError> {
    let text = if pretty { serde_json::to_string_pretty(dto) } else { serde_json::to_string(dto) };
    // A DTO of numbers, text and lists always serializes; this is never reached.
    let text = text.map_err(|e| ApiError::new(ErrorCode::InvalidInput, format!("cannot write JSON: {e}")))?;
    out::outln!("{text}")
}

fn open() -> Result<Cairn, ApiError> {
    let dir = default_data_dir()?;
    Ok(Cairn::open(&dir, OpenOptions { seed_demo: false }, Utc::now())?.0)
}

/// An RFC 3339 time as the CLI writes it: `2026-11-22 09:00 UTC`.
fn when(rfc3339: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(rfc3339)
        .map_or_else(|_| rfc3339.to_owned(), |t| t.with_timezone(&Utc).format("%Y-%m-%d %H:%M UTC").to_string())
}

fn plans_count(n: usize) -> String {
    if n == 1 { "1 plan".to_owned() } else { format!("{n} plans") }
}

fn run(command: Command) -> Result<(), ApiError> {
    match command {
        Command::Demo { output } => {
            cairn_api::write_demo_plan_file(&output, Utc::now())?;
            out::outln!("wrote {}", one_line(&output.display().to_string()))?;
        }
        Command::Import { file } => {
            let cairn = open()?;
            let imported = cairn.import_plan_file(&file, Utc::now())?;
            if let Some(old) = &imported.renamed_from {
                out::outln!(
                    "a plan with the id \"{old}\" already exists; stored this one as \"{}\"",
                    imported.plan.id
                )?;
            }
            out::outln!("imported {}", imported.plan.id)?;
        }
        Command::Plans => {
            // One line per plan whatever a stored name holds (a plan stored before names were
            // refused control characters): a tab or a line break is written escaped.
            for plan in open()?.list_plans()? {
                out::outln!("{}\t{}", plan.id, one_line(&plan.name))?;
            }
        }
        Command::Export { id, output } => {
            open()?.export_plan_file(&id, &output, Utc::now())?;
            out::outln!("wrote {}", one_line(&output.display().to_string()))?;
        }
        Command::Restore { backup: None } => {
            let dir = default_data_dir()?;
            let backups = Cairn::backups(&dir)?;
            if backups.is_empty() {
                return Err(ApiError::new(
                    cairn_api::ErrorCode::NoBackup,
                    format!("No backup was found in {}", dir.join("backups").display()),
                ));
            }
            for b in backups {
                out::outln!("{}\t{}\t{}", b.name, when(&b.taken_at), plans_count(b.plans))?;
            }
        }
        Command::Restore { backup: Some(name) } => {
            let dir = default_data_dir()?;
            let restored = Cairn::restore_backup(&dir, &name, Utc::now())?;
            if let Some(aside) = &restored.set_aside {
                out::outln!("set aside {}", aside.display())?;
            }
            out::outln!(
                "restored {} from backup {} ({})",
                plans_count(restored.plans),
                restored.backup.name,
                when(&restored.backup.taken_at)
            )?;
        }
        Command::Report(args) => report::run(&args)?,
        // Handled in `main`: `calc` has its own exit codes, the others their own error prefix.
        Command::Calc { .. }
        | Command::Mcda { .. }
        | Command::Scenario { .. }
        | Command::Case { .. }
        | Command::Risk { .. }
        | Command::Roadmap { .. }
        | Command::Check(_) => {}
    }
    Ok(())
}

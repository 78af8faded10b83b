//! `cairn report FILE -o OUT.pdf [--layout pack|deck] [--paper a4|letter] [--scenario NAME]
//! [--sections LIST] [--label TEXT] [--logo IMAGE]`: the board pack of a plan file as a PDF, or
//! with `--layout deck` the 16:9 board deck from the same figures. The last line printed
//! is `wrote OUT.pdf (<bytes> bytes)`; errors go to stderr with exit code 1.

use std::path::PathBuf;

use cairn_api::{ApiError, ReportOptions, parse_layout, parse_paper, parse_sections, write_report};
use chrono::Utc;
use clap::Args;

/// The arguments of `cairn report`.
#[derive(Args)]
pub struct ReportArgs {
    /// The plan file.
    file: PathBuf,
    /// Where to write the PDF.
    #[arg(short = 'o', long = "output")]
    output: PathBuf,
    /// Layout: pack (the board pack on A4 or Letter) or deck (16:9 slides).
    #[arg(long, default_value = "pack")]
    layout: String,
    /// Paper size of the pack: a4 or letter.
    #[arg(long, default_value = "a4")]
    paper: String,
    /// Render the plan as this scenario (or baseline) resolves, by id or name.
    #[arg(long)]
    scenario: Option<String>,
    /// Comma-separated sections: summary, goals, roadmap, budget, cases, risks, sourcing,
    /// scenarios, appendix (default: all).
    #[arg(long)]
    sections: Option<String>,
    /// The confidentiality label on the cover and every page.
    #[arg(long, default_value = "Board confidential")]
    label: String,
    /// A PNG or JPEG logo for the cover.
    #[arg(long)]
    logo: Option<PathBuf>,
}

/// Runs `cairn report`.
pub fn run(args: &ReportArgs) -> Result<(), ApiError> {
    let plan = cairn_api::read_plan_at(&args.file)?.plan;
    let mut options = ReportOptions::new(Utc::now().date_naive());
    // The flag is named, so the one error line says which argument to fix.
    options.layout =
        parse_layout(&args.layout).map_err(|e| ApiError { message: format!("--layout: {}", e.message), ..e })?;
    options.paper = parse_paper(&args.paper)?;
    options.scenario.clone_from(&args.scenario);
    if let Some(list) = &args.sections {
        options.sections = parse_sections(list)?;
    }
    options.label.clone_from(&args.label);
    if let Some(logo) = &args.logo {
        options.logo = Some(cairn_api::read_logo(logo)?);
    }
    let bytes = write_report(&plan, &options, &args.output)?;
    crate::out::outln!("wrote {} ({bytes} bytes)", cairn_api::text::one_line(&args.output.display().to_string()))
}

//! `cairn check FILE [--scenario NAME] [--format table|json]`: the plan-health findings of a plan
//! file (docs/checks.md), or of one of its scenarios or baselines by id or name.
//!
//! - JSON: `{"findings": [{"code", "severity", "path", "ids", "message"}]}`, errors first, then
//!   warnings, then info; by code, then path, within each. [`cairn_api::plan_check`]'s DTO.
//! - Table (the default, as `cairn roadmap schedule` and `cairn scenario compare` default to the
//!   table for people): a header line, then one line per finding, `severity`, `code`, `path`
//!   and `ids` (comma-separated) in columns as wide as their widest entry, then the message; and
//!   a last line counting them, `<e> errors, <w> warnings, <i> info`.
//!
//! The command exits 0 whenever the checks ran, whatever they found, and 1 with one line on
//! standard error when the file cannot be read or the scenario is unknown.

use std::path::PathBuf;

use cairn_api::ApiError;
use cairn_api::cli_dto::CliCheckDto;
use cairn_api::text::one_line;
use clap::{Args, ValueEnum};

/// The arguments of `cairn check`.
#[derive(Args)]
pub struct CheckArgs {
    /// The plan file.
    file: PathBuf,
    /// Check the plan as this scenario (or baseline) resolves, by id or name.
    #[arg(long)]
    scenario: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Table)]
    format: Format,
}

/// Output formats of `cairn check`.
#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// Aligned text for people.
    Table,
    /// JSON for tools.
    Json,
}

/// Runs `cairn check`.
pub fn run(args: &CheckArgs) -> Result<(), ApiError> {
    let plan = cairn_api::read_plan_at(&args.file)?.plan;
    let found = cairn_api::plan_check(&plan, args.scenario.as_deref())?;
    match args.format {
        Format::Json => crate::print_json(&found, true)?,
        Format::Table => crate::out::out!("{}", table(&found))?,
    }
    Ok(())
}

fn table(c: &CliCheckDto) -> String {
    let header = ["severity", "code", "path", "ids"];
    let rows: Vec<[String; 4]> = c
        .findings
        .iter()
        .map(|f| {
            [
                f.severity.clone(),
                f.code.clone(),
                one_line(&f.path).into_owned(),
                one_line(&f.ids.join(",")).into_owned(),
            ]
        })
        .collect();
    let chars = |t: &str| t.chars().count();
    let widths: Vec<usize> = (0..header.len())
        .map(|k| rows.iter().map(|r| chars(&r[k])).chain([chars(header[k])]).max().unwrap_or(0))
        .collect();
    let line = |cells: [&str; 4], message: &str| {
        let mut out = String::new();
        for (cell, w) in cells.iter().zip(&widths) {
            out.push_str(&format!("{cell:<w$}  "));
        }
        out.push_str(message);
        out.push('\n');
        out
    };
    let mut out = line(header, "message");
    for (r, f) in rows.iter().zip(&c.findings) {
        out.push_str(&line([&r[0], &r[1], &r[2], &r[3]], &one_line(&f.message)));
    }
    let n = |s: &str| c.findings.iter().filter(|f| f.severity == s).count();
    let plural = |k: usize, one: &str, many: &str| format!("{k} {}", if k == 1 { one } else { many });
    out.push_str(&format!(
        "{}, {}, {} info\n",
        plural(n("error"), "error", "errors"),
        plural(n("warning"), "warning", "warnings"),
        n("info")
    ));
    out
}

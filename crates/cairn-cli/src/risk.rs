//! `cairn risk`: the risk register of a plan file (docs/risk.md, "Command line").
//!
//! - `cairn risk list FILE [--format json|csv]`: one record per risk, in the plan's order, with
//!   `id`, `title`, `category`, `owner`, `inherent_score`, `residual_score`, `above_appetite` and
//!   `links` ([`cairn_api::risk_list`]). CSV (the default, as for `cairn roadmap budget`, the
//!   other `json|csv` command): a header row, then one row per risk; `above_appetite` is `true` or
//!   `false`; `links` is one cell of space-separated `initiative:<id>`, `case:<id>` and
//!   `option:<study>/<option>` tokens. JSON: an array of objects, `links` an object of three
//!   arrays (`initiatives`, `business_cases`, `sourcing_options` as `study/option`). A format
//!   other than these exits 1 with one line naming `--format`.

use std::fmt::Write as _;
use std::path::PathBuf;

use cairn_api::cli_dto::CliRiskDto;
use cairn_api::{ApiError, ErrorCode};
use clap::Subcommand;

/// The `cairn risk` subcommands.
#[derive(Subcommand)]
pub enum RiskCommand {
    /// List the risks of a plan file with their scores, appetite flag and links.
    List {
        /// The plan file.
        file: PathBuf,
        /// Output format: csv (the default) or json.
        #[arg(long, default_value = "csv")]
        format: String,
    },
}

/// Runs a `cairn risk` command.
pub fn run(command: &RiskCommand) -> Result<(), ApiError> {
    match command {
        RiskCommand::List { file, format } => {
            // The format is read before the file, so a bad value is named whatever the file.
            let json = match format.as_str() {
                "json" => true,
                "csv" => false,
                other => {
                    return Err(ApiError::new(
                        ErrorCode::InvalidInput,
                        format!("--format: unknown format \"{other}\": use json or csv"),
                    ));
                }
            };
            let risks = cairn_api::risk_list(&cairn_api::read_plan_at(file)?.plan);
            if json {
                crate::print_json(&risks, true)?;
            } else {
                crate::out::out!("{}", csv(&risks))?;
            }
        }
    }
    Ok(())
}

/// A text cell: formula-neutralised and quoted as the budget CSV's are.
fn cell(text: &str) -> String {
    crate::roadmap::csv_field(text)
}

fn csv(risks: &[CliRiskDto]) -> String {
    let mut out = String::from("id,title,category,owner,inherent_score,residual_score,above_appetite,links\n");
    for r in risks {
        let links: Vec<String> = r
            .links
            .initiatives
            .iter()
            .map(|i| format!("initiative:{i}"))
            .chain(r.links.business_cases.iter().map(|c| format!("case:{c}")))
            .chain(r.links.sourcing_options.iter().map(|o| format!("option:{o}")))
            .collect();
        let _ = writeln!(
            out,
            "{},{},{},{},{},{},{},{}",
            cell(&r.id),
            cell(&r.title),
            cell(&r.category),
            cell(&r.owner),
            r.inherent_score,
            r.residual_score,
            r.above_appetite,
            cell(&links.join(" ")),
        );
    }
    out
}

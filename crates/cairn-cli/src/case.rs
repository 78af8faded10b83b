//! `cairn case`: the business cases of a plan file.
//!
//! - `cairn case list FILE`: one line per case, in the plan's order, `<id>\t<name>` (the name on
//!   one line: control characters escaped). Other tools number the cases by this order.

use std::path::PathBuf;

use cairn_api::ApiError;
use cairn_api::text::one_line;
use clap::Subcommand;

/// The `cairn case` subcommands.
#[derive(Subcommand)]
pub enum CaseCommand {
    /// List the business cases of a plan file, one `<id>\t<name>` line each.
    List {
        /// The plan file.
        file: PathBuf,
    },
}

/// Runs a `cairn case` command.
pub fn run(command: &CaseCommand) -> Result<(), ApiError> {
    match command {
        CaseCommand::List { file } => {
            for case in &cairn_api::read_plan_at(file)?.plan.business_cases {
                crate::out::outln!("{}\t{}", case.id, one_line(&case.name))?;
            }
        }
    }
    Ok(())
}

//! Writes a plan file made by `cairn_core::random_plan`, the load the end-to-end benchmarks use,
//! so that the `cairn` CLI can be timed on the same plans:
//!
//! ```sh
//! cargo run --release -p cairn-core --example random_plan_file -- 10000 plan-10000.json [SEED]
//! ```

#![allow(missing_docs)]

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(n), Some(out)) = (args.first().and_then(|n| n.parse::<usize>().ok()), args.get(1)) else {
        eprintln!("usage: random_plan_file INITIATIVES OUT.json [SEED]");
        return ExitCode::FAILURE;
    };
    let seed = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(1);
    let plan = cairn_core::random_plan(&format!("random-{n}"), n, seed);
    let text = cairn_core::write_plan_file(&plan, chrono::DateTime::UNIX_EPOCH);
    if let Err(e) = std::fs::write(out, &text) {
        eprintln!("cannot write {out}: {e}");
        return ExitCode::FAILURE;
    }
    let dependencies: usize = plan.initiatives.iter().map(|x| x.dependencies.len()).sum();
    println!("{n} initiatives, {dependencies} dependencies, {} bytes -> {out}", text.len());
    ExitCode::SUCCESS
}

//! Tidy tests: the invariants ARCHITECTURE.md states, held over the source tree (as
//! rust-analyzer's tidy tests do), so that a change that breaks one fails `cargo test` with the
//! file and the line instead of waiting for a reviewer.
//!
//! "Source" is a crate's `src/`; the code of a trailing `#[cfg(test)]` module (our convention:
//! unit tests at the end of the file) is not the crate's behaviour and is left out. That a
//! command is declared, granted and called in step is checked where the command list is
//! generated: `src-tauri`'s test `every_command_is_granted_and_called_once` (decision 0008).

use std::path::{Path, PathBuf};

/// The repository's root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("the repository")
}

/// Every crate of the workspace with its directory: `crates/*`, `src-tauri`, `tests/e2e`,
/// `tools/*`.
fn crates() -> Vec<(String, PathBuf)> {
    let root = root();
    let mut dirs: Vec<PathBuf> = ["crates", "tools"]
        .iter()
        .flat_map(|d| std::fs::read_dir(root.join(d)).expect("a crates folder"))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("Cargo.toml").is_file())
        .collect();
    dirs.push(root.join("src-tauri"));
    dirs.push(root.join("tests/e2e"));
    dirs.sort();
    dirs.into_iter()
        .map(|dir| {
            let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).expect("Cargo.toml");
            let name = manifest
                .lines()
                .find_map(|l| l.strip_prefix("name = \""))
                .and_then(|l| l.strip_suffix('"'))
                .expect("a package name")
                .to_owned();
            (name, dir)
        })
        .collect()
}

/// The pure domain crates: no I/O, no clock, no environment.
const DOMAIN: &[&str] = &[
    "cairn-core",
    "cairn-finance",
    "cairn-case",
    "cairn-scenario",
    "cairn-roadmap",
    "cairn-check",
    "cairn-sourcing",
    "cairn-report",
];

/// A source file: its path from the root and its lines before a trailing `#[cfg(test)]`.
struct Source {
    path: String,
    lines: Vec<String>,
}

fn sources(dir: &Path) -> Vec<Source> {
    let mut files = Vec::new();
    collect_rs(&dir.join("src"), &mut files);
    files.sort();
    let root = root();
    files
        .into_iter()
        .map(|file| {
            let text = std::fs::read_to_string(&file).expect("a source file");
            let lines = text.lines().take_while(|l| l.trim() != "#[cfg(test)]").map(str::to_owned).collect();
            Source { path: file.strip_prefix(&root).unwrap_or(&file).display().to_string(), lines }
        })
        .collect()
}

fn collect_rs(dir: &Path, into: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            collect_rs(&path, into);
        } else if path.extension().is_some_and(|x| x == "rs") {
            into.push(path);
        }
    }
}

/// The code of a line: what precedes a `//` comment (string literals holding `//` are rare
/// enough in these patterns not to matter).
fn code(line: &str) -> &str {
    line.split("//").next().unwrap_or_default()
}

/// `file:line: text` for every line of `crates` whose code contains one of `patterns`.
fn find(crates: &[(String, PathBuf)], patterns: &[&str]) -> Vec<String> {
    let mut hits = Vec::new();
    for (_, dir) in crates {
        for source in sources(dir) {
            for (n, line) in source.lines.iter().enumerate() {
                if patterns.iter().any(|p| code(line).contains(p)) {
                    hits.push(format!("{}:{}: {}", source.path, n + 1, line.trim()));
                }
            }
        }
    }
    hits
}

/// The names of a manifest's dependencies in every `[…dependencies]` table.
fn dependencies(dir: &Path) -> Vec<String> {
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).expect("Cargo.toml");
    let mut in_deps = false;
    let mut names = Vec::new();
    for line in manifest.lines().map(str::trim) {
        if line.starts_with('[') {
            in_deps = line.ends_with("dependencies]");
        } else if in_deps && let Some((name, _)) = line.split_once('=') {
            names.push(name.trim().split('.').next().unwrap_or_default().to_owned());
        }
    }
    names
}

fn others(except: &[&str]) -> Vec<(String, PathBuf)> {
    crates().into_iter().filter(|(name, _)| !except.contains(&name.as_str())).collect()
}

#[test]
fn only_cairn_store_names_sled() {
    let mut found: Vec<String> = others(&["cairn-store"])
        .iter()
        .filter(|(_, dir)| dependencies(dir).iter().any(|d| d == "sled"))
        .map(|(name, _)| format!("{name}/Cargo.toml depends on sled"))
        .collect();
    found.extend(find(&others(&["cairn-store"]), &["sled::", "use sled"]));
    assert!(found.is_empty(), "only cairn-store may name sled (ARCHITECTURE.md):\n{}", found.join("\n"));
}

#[test]
fn only_cairn_api_derives_ts() {
    let mut found: Vec<String> = others(&["cairn-api"])
        .iter()
        .filter(|(_, dir)| dependencies(dir).iter().any(|d| d == "ts-rs"))
        .map(|(name, _)| format!("{name}/Cargo.toml depends on ts-rs"))
        .collect();
    found.extend(find(&others(&["cairn-api"]), &["ts_rs", "#[ts("]));
    // A `derive(…)` naming `TS` as a word.
    for (_, dir) in others(&["cairn-api"]) {
        for source in sources(&dir) {
            for (n, line) in source.lines.iter().enumerate() {
                let code = code(line);
                if code.contains("derive(") && code.split(|c: char| !c.is_alphanumeric() && c != '_').any(|w| w == "TS")
                {
                    found.push(format!("{}:{}: {}", source.path, n + 1, line.trim()));
                }
            }
        }
    }
    assert!(found.is_empty(), "only cairn-api knows the UI's transport (ARCHITECTURE.md):\n{}", found.join("\n"));
}

#[test]
fn domain_crates_do_no_io_and_never_read_the_clock() {
    let domain: Vec<_> = crates().into_iter().filter(|(name, _)| DOMAIN.contains(&name.as_str())).collect();
    assert_eq!(domain.len(), DOMAIN.len(), "a domain crate was renamed: update DOMAIN");
    let found = find(
        &domain,
        &[
            "std::fs",
            "std::net",
            "std::process",
            "std::env",
            "std::io::stdin",
            "std::io::stdout",
            "File::",
            "Utc::now",
            "Local::now",
            "SystemTime",
            "Instant::now",
            "println!",
            "eprintln!",
        ],
    );
    assert!(
        found.is_empty(),
        "a domain crate does no I/O and never reads the clock; time is passed in (ARCHITECTURE.md):\n{}",
        found.join("\n")
    );
    for (name, dir) in &domain {
        let io: Vec<_> = dependencies(dir)
            .into_iter()
            .filter(|d| ["sled", "tempfile", "directories", "tauri"].contains(&d.as_str()))
            .collect();
        // A dev-dependency may be a test's; only the crate's own dependencies count.
        let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).expect("Cargo.toml");
        let own = manifest.split("[dev-dependencies]").next().unwrap_or_default();
        let io: Vec<_> = io.into_iter().filter(|d| own.contains(&format!("\n{d}"))).collect();
        assert!(io.is_empty(), "{name} depends on {io:?}, which do I/O");
    }
}

/// Where a `Decimal` amount may become an `f64`: `cairn_core::to_f64` (in `money.rs`), the one
/// conversion, with an explicit failure, that every caller of cairn-finance's f64 arithmetic
/// goes through (ARCHITECTURE.md). Whole numbers (counts, integer millionths) are not amounts.
const F64_BOUNDARY: &[&str] = &["crates/cairn-core/src/money.rs"];

#[test]
fn amounts_become_f64_only_at_the_named_boundary() {
    let mut found = find(&crates(), &[".to_f64()", "Decimal::to_f64", "f64::try_from("]);
    found.retain(|hit| !F64_BOUNDARY.iter().any(|b| hit.starts_with(&format!("{b}:"))));
    assert!(
        found.is_empty(),
        "money is Decimal; it becomes f64 only at cairn-finance's boundary (ARCHITECTURE.md):\n{}",
        found.join("\n")
    );
}

/// Source files allowed past the limit, with the reason.
const LONG_FILES: &[(&str, &str)] = &[];

#[test]
fn no_source_file_passes_800_lines() {
    let mut long = Vec::new();
    for (_, dir) in crates() {
        for source in sources(&dir) {
            if source.lines.len() > 800 && !LONG_FILES.iter().any(|(p, _)| *p == source.path) {
                long.push(format!("{}: {} lines before its tests", source.path, source.lines.len()));
            }
        }
    }
    assert!(
        long.is_empty(),
        "split these by what they do (or allow one in LONG_FILES, with why):\n{}",
        long.join("\n")
    );
}

#[test]
fn the_codemap_names_every_crate_and_every_api_module() {
    let map = std::fs::read_to_string(root().join("ARCHITECTURE.md")).expect("ARCHITECTURE.md");
    let mut missing = Vec::new();
    for (name, dir) in crates() {
        let rel = dir.strip_prefix(root()).unwrap_or(&dir).display().to_string();
        if !map.contains(&format!("`{rel}`")) && !map.contains(&format!("`{rel}` (")) {
            missing.push(format!("crate {name} (`{rel}`)"));
        }
    }
    let api = root().join("crates/cairn-api/src");
    for source in sources(&root().join("crates/cairn-api")) {
        let file = Path::new(&source.path);
        let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        if stem != "lib" && stem != "mod" && file.parent().is_some_and(|p| root().join(p) == api) {
            let named = map.contains(&format!("`{stem}`")) || map.contains(&format!("`{stem}.rs`"));
            if !named {
                missing.push(format!("cairn-api module `{stem}`"));
            }
        }
    }
    assert!(missing.is_empty(), "ARCHITECTURE.md's codemap does not name:\n{}", missing.join("\n"));
}

#[test]
fn the_cli_writes_standard_output_only_through_its_out_module() {
    let cli: Vec<_> = crates().into_iter().filter(|(name, _)| name == "cairn-cli").collect();
    let mut found = find(&cli, &["println!(", "print!("]);
    // `eprintln!` and `eprint!` write to standard error, which a closed pipe does not reach.
    found.retain(|hit| !hit.contains("eprintln!(") && !hit.contains("eprint!("));
    assert!(
        found.is_empty(),
        "the CLI writes through `out!`/`outln!` (crates/cairn-cli/src/out.rs), so that `cairn … | head` \
         ends quietly instead of panicking:\n{}",
        found.join("\n")
    );
}

/// A case is evaluated in its plan's context (its appraisal policy, its milestones, its
/// initiatives' months) everywhere outside the engine: the context-free entry points are the
/// engine's own and its tests', so no screen, page or rollup shows a figure the case page does
/// not (ARCHITECTURE.md, "one engine call").
#[test]
fn cases_are_evaluated_in_their_plans_context() {
    let found = find(
        &others(&["cairn-case"]),
        &["cairn_case::evaluate(", "cairn_case::sensitivity(", "Simulation::new(", "case::evaluate(case"],
    );
    assert!(
        found.is_empty(),
        "evaluate a case with evaluate_in / sensitivity_in / Simulation::new_in and Context::of(plan):\n{}",
        found.join("\n")
    );
}

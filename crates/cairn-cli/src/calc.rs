//! `cairn calc`: spreadsheet financial functions from the command line. Other tools depend on
//! this contract; change it only with them.
//!
//! [`run`] receives everything after `cairn calc`, raw:
//!
//! - `cairn calc FUNCTION ARG...` prints the value on one line with full double precision
//!   (Rust's `{}` for `f64`: the shortest text that reads back as the same number). Arguments
//!   come in the spreadsheet's order: numbers (`-0.5`, `1e6`, `8%`), lists comma-separated
//!   (`-10000,3000,4200`), dates ISO (`2026-07-01`), date lists comma-separated, `TRUE`/`FALSE`.
//!   A function error prints `#CODE: message` on standard error and exits with 1; a usage error
//!   (no function) exits with 2.
//! - `cairn calc --batch FILE` (`-` = standard input) reads one JSON request a line,
//!   `{"function": "NPV", "args": [0.1, [-10000, 3000, 4200, 6800]]}` (strings are ISO dates,
//!   lists of strings are date lists, booleans allowed), and writes exactly one line per line
//!   read, in the same order: `{"value":1188.4434123352228}` or
//!   `{"error":"#NUM!","message":"..."}` (compact JSON; values with full double precision).
//!   A line that is not a valid request gets an error line (`#VALUE!`, or `#NAME?` for an
//!   unknown function) and the batch goes on. Blank lines get a `#VALUE!` line too, by choice:
//!   callers can then zip answers with requests by line number without knowing our rules.
//!
//! Reading the arguments and evaluating are [`cairn_api::calc`]'s; this module reads the lines,
//! writes the answers and picks the exit code.

use std::io::{BufRead, BufWriter, Write};
use std::process::ExitCode;

use cairn_api::calc::{FUNCTIONS, answer_line, evaluate};
use cairn_api::text::one_line;

const USAGE: &str = "usage: cairn calc FUNCTION ARG...   (lists comma-separated, dates 2026-07-01)\n       \
                     cairn calc --batch FILE           (one JSON request a line; - = standard input)";

/// Runs `cairn calc` with the arguments that follow `calc` and returns the exit code: 0 on
/// success, 1 when the function has no value (or the batch input cannot be read), 2 on a usage
/// error.
pub fn run(args: &[String]) -> ExitCode {
    // A `--` separator, if the caller's parser passes one through, carries no meaning here.
    let args = match args.split_first() {
        Some((first, rest)) if first == "--" => rest,
        _ => args,
    };
    match args.first().map(String::as_str) {
        None => usage_error("no function given"),
        Some("-h" | "--help") => crate::out::done(crate::out::outln!("{USAGE}\nfunctions: {}", FUNCTIONS.join(", "))),
        Some("--batch") => match &args[1..] {
            [file] => run_batch(file),
            [] => usage_error("--batch needs a FILE (or - for standard input)"),
            _ => usage_error("--batch FILE takes no other arguments"),
        },
        Some(flag) if flag.starts_with("--batch=") => match &args[1..] {
            [] => run_batch(&flag["--batch=".len()..]),
            _ => usage_error("--batch FILE takes no other arguments"),
        },
        Some(_) => run_one(args),
    }
}

fn usage_error(reason: &str) -> ExitCode {
    eprintln!("{}\n{USAGE}", one_line(reason));
    ExitCode::from(2)
}

fn run_one(args: &[String]) -> ExitCode {
    let Some((function, rest)) = args.split_first() else {
        return usage_error("no function given");
    };
    match evaluate(function, rest) {
        Ok(value) => crate::out::done(crate::out::outln!("{value}")),
        Err(e) => {
            eprintln!("{}: {}", e.error, one_line(&e.message));
            ExitCode::FAILURE
        }
    }
}

fn run_batch(file: &str) -> ExitCode {
    if file == "-" {
        return answer_all(std::io::stdin().lock());
    }
    match std::fs::File::open(file) {
        Ok(f) => answer_all(std::io::BufReader::with_capacity(1 << 16, f)),
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", one_line(file));
            ExitCode::FAILURE
        }
    }
}

/// Answers every line of `input`, one output line each, through one buffered writer (a flush
/// per line would cost more than the calculation).
fn answer_all(mut input: impl BufRead) -> ExitCode {
    let mut out = BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    // Lines are read as bytes so that a line that is not UTF-8 still gets its own error line
    // instead of ending the batch.
    let mut buffer = Vec::with_capacity(256);
    loop {
        buffer.clear();
        match input.read_until(b'\n', &mut buffer) {
            Ok(0) => break,
            Ok(_) => {}
            Err(e) => {
                eprintln!("error: reading the batch input: {e}");
                return ExitCode::FAILURE;
            }
        }
        let line = buffer.strip_suffix(b"\n").unwrap_or(&buffer);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        // The answer as compact JSON (values with full double precision, a message's line
        // breaks escaped): exactly one line.
        let written = serde_json::to_writer(&mut out, &answer_line(line))
            .map_err(std::io::Error::from)
            .and_then(|()| out.write_all(b"\n"));
        if written.is_err() {
            // The reader went away (e.g. `| head`); nothing more can be delivered.
            return ExitCode::FAILURE;
        }
    }
    if out.flush().is_err() { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// The answer line (without newline) for one request line, as [`answer_all`] writes it.
#[cfg(test)]
fn batch_line(line: &str) -> String {
    serde_json::to_string(&answer_line(line.as_bytes())).expect("an answer serializes")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn check_line(line: &str, expected: &str) {
        assert_eq!(batch_line(line), expected, "{line:?}");
    }

    fn check_error(line: &str, code: &str, words: &str) {
        let answer: Value = serde_json::from_str(&batch_line(line)).expect("the answer is JSON");
        assert_eq!(answer["error"], code, "{line:?}: {answer}");
        let message = answer["message"].as_str().expect("a message");
        assert!(message.contains(words), "{line:?}: {message:?} lacks {words:?}");
    }

    #[test]
    fn batch_lines_answer_with_full_precision() {
        let npv = batch_line(r#"{"function": "NPV", "args": [0.1, [-10000, 3000, 4200, 6800]]}"#);
        assert!(npv.starts_with(r#"{"value":1188.44341233522"#) && npv.ends_with('}'), "{npv}");
        check_line(r#"{"function": "irr", "args": [[-100, 39, 59, 55, 20]]}"#, r#"{"value":0.2809484211599611}"#);
        check_line(r#"{"function": "IRR", "args": [[-1600, 10000, -10000], 3]}"#, r#"{"value":4.0}"#);
        check_line(r#"{"function": "VDB", "args": [2400, 300, 10, 0, 1, 2, false]}"#, r#"{"value":480.0}"#);
        let xirr = batch_line(
            r#"{"function": "XIRR", "args": [[-10000, 2750, 4250, 3250, 2750], ["2008-01-01", "2008-03-01", "2008-10-30", "2009-02-15", "2009-04-01"]]}"#,
        );
        assert!(xirr.starts_with(r#"{"value":0.3733625335"#), "{xirr}");
        let xnpv = batch_line(r#"{"function": "XNPV", "args": [0.1, [-1000, 1100], ["2020-01-01", "2021-01-01"]]}"#);
        assert!(xnpv.starts_with(r#"{"value":-0.2610896904"#), "{xnpv}");
    }

    #[test]
    fn bad_batch_lines_get_an_error_line() {
        check_error("", "#VALUE!", "blank");
        check_error("   ", "#VALUE!", "blank");
        check_error("{not json", "#VALUE!", "not valid JSON");
        check_error("[1, 2]", "#VALUE!", "\"function\"");
        check_error(r#"{"function": "NPV"}"#, "#VALUE!", "\"args\"");
        check_error(r#"{"function": "NOPE", "args": []}"#, "#NAME?", "unknown function");
        check_error(r#"{"function": "IRR", "args": [[1, 2, 3]]}"#, "#NUM!", "one positive and one negative");
        check_error(r#"{"function": "PMT", "args": [0.1, 0, 1000]}"#, "#DIV/0!", "nper");
        check_error(r#"{"function": "NPV", "args": [0.1, [1, "2020-01-01"]]}"#, "#VALUE!", "argument 2");
        check_error(r#"{"function": "NPV", "args": [null, [1]]}"#, "#VALUE!", "argument 1");
        check_error(r#"{"function": "XNPV", "args": [0.1, [1, 2], []]}"#, "#NUM!", "same length");
        check_error(r#"{"function": "PMT", "args": [0.1]}"#, "#VALUE!", "takes 3 to 5 arguments");
        check_error(
            r#"{"function": "XIRR", "args": [[-1, 2], ["2020-01-01", "2020-13-01"]]}"#,
            "#VALUE!",
            "2020-13-01",
        );
    }

    #[test]
    fn every_batch_line_gets_exactly_one_answer_line() {
        // Messages quote the offending input; a newline inside one must not split the answer.
        let answer = batch_line("{\"function\": \"N\\nPV\", \"args\": []}");
        assert_eq!(answer.lines().count(), 1, "{answer}");
    }
}

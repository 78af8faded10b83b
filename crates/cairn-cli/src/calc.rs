//! `cairn calc`: spreadsheet financial functions from the command line (a contract other tools
//! rely on).
//!
//! - `cairn calc FUNCTION ARG...` prints the value on one line with full double precision.
//!   Lists are comma-separated (`-10000,3000,4200`), dates ISO (`2026-07-01`), `TRUE`/`FALSE`.
//!   An error prints `#CODE: message` on standard error and exits with 1; a usage error exits 2.
//! - `cairn calc --batch FILE` (`-` = standard input) reads one JSON request a line,
//!   `{"function": "NPV", "args": [0.1, [-10000, 3000, 4200, 6800]]}` (strings are ISO dates,
//!   lists of strings date lists), and writes one line per line read, in order:
//!   `{"value": 1188.4434123352228}` or `{"error": "#NUM!", "message": "..."}`. A line that is
//!   not a valid request (blank lines included, so that line counts always match) gets an error
//!   line; the batch never stops early.

use std::io::{BufRead, BufWriter, Write};
use std::path::Path;
use std::process::ExitCode;

use cairn_finance::{Arg, FinanceError, call};
use chrono::NaiveDate;
use serde_json::Value;

/// Runs `cairn calc` with the arguments after `calc`.
pub fn run(batch: Option<&Path>, args: &[String]) -> ExitCode {
    match batch {
        Some(path) => run_batch(path, args),
        None => run_one(args),
    }
}

fn run_one(args: &[String]) -> ExitCode {
    let Some((function, rest)) = args.split_first() else {
        eprintln!("usage: cairn calc FUNCTION ARG... (functions: {})", cairn_finance::FUNCTIONS.join(", "));
        return ExitCode::from(2);
    };
    let parsed: Result<Vec<Arg>, FinanceError> = rest.iter().enumerate().map(|(i, a)| parse_arg(a, i + 1)).collect();
    match parsed.and_then(|args| call(function, &args)) {
        Ok(value) => {
            println!("{value}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: {}", e.code(), e.message());
            ExitCode::FAILURE
        }
    }
}

fn run_batch(path: &Path, extra: &[String]) -> ExitCode {
    if !extra.is_empty() {
        eprintln!("usage: cairn calc --batch FILE takes no other arguments");
        return ExitCode::from(2);
    }
    let input: Box<dyn BufRead> = if path == Path::new("-") {
        Box::new(std::io::stdin().lock())
    } else {
        match std::fs::File::open(path) {
            Ok(f) => Box::new(std::io::BufReader::new(f)),
            Err(e) => {
                eprintln!("error: {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
        }
    };
    let mut out = BufWriter::new(std::io::stdout().lock());
    for line in input.lines() {
        let answer = match line {
            Ok(line) => batch_line(&line),
            Err(e) => error_json("#VALUE!", &format!("the line cannot be read: {e}")),
        };
        if writeln!(out, "{answer}").is_err() {
            // The reader went away (e.g. `| head`); nothing more can be delivered.
            return ExitCode::FAILURE;
        }
    }
    if out.flush().is_err() { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// The answer line for one request line.
pub fn batch_line(line: &str) -> String {
    match evaluate_request(line) {
        Ok(value) => serde_json::json!({ "value": value }).to_string(),
        Err(e) => error_json(e.code(), e.message()),
    }
}

fn error_json(code: &str, message: &str) -> String {
    serde_json::json!({ "error": code, "message": message }).to_string()
}

fn evaluate_request(line: &str) -> Result<f64, FinanceError> {
    if line.trim().is_empty() {
        return Err(FinanceError::Value("empty line: expected {\"function\": ..., \"args\": [...]}".into()));
    }
    let request: Value =
        serde_json::from_str(line).map_err(|e| FinanceError::Value(format!("the line is not valid JSON: {e}")))?;
    let function = request
        .get("function")
        .and_then(Value::as_str)
        .ok_or_else(|| FinanceError::Value("\"function\" must be the function's name".into()))?;
    let args = request
        .get("args")
        .and_then(Value::as_array)
        .ok_or_else(|| FinanceError::Value("\"args\" must be a list".into()))?;
    let args: Vec<Arg> = args.iter().enumerate().map(|(i, v)| json_arg(v, i + 1)).collect::<Result<_, _>>()?;
    call(function, &args)
}

fn json_arg(value: &Value, position: usize) -> Result<Arg, FinanceError> {
    let bad = || FinanceError::Value(format!("argument {position} must be a number, a date, TRUE/FALSE or a list"));
    match value {
        Value::Number(n) => n.as_f64().map(Arg::Number).ok_or_else(bad),
        Value::Bool(b) => Ok(Arg::Bool(*b)),
        Value::String(s) => parse_date(s, position).map(Arg::Date),
        Value::Array(items) if items.iter().all(Value::is_string) => items
            .iter()
            .map(|d| parse_date(d.as_str().unwrap_or_default(), position))
            .collect::<Result<_, _>>()
            .map(Arg::Dates),
        Value::Array(items) => {
            items.iter().map(|x| x.as_f64().ok_or_else(bad)).collect::<Result<_, _>>().map(Arg::Numbers)
        }
        Value::Null | Value::Object(_) => Err(bad()),
    }
}

fn parse_date(text: &str, position: usize) -> Result<NaiveDate, FinanceError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| FinanceError::Value(format!("argument {position}: \"{text}\" is not a date (write 2026-07-01)")))
}

fn parse_number(text: &str, position: usize) -> Result<f64, FinanceError> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| FinanceError::Value(format!("argument {position}: \"{text}\" is not a number")))
}

/// One command-line argument: a number, a date, TRUE/FALSE, or a comma-separated list of
/// numbers or of dates.
fn parse_arg(text: &str, position: usize) -> Result<Arg, FinanceError> {
    let t = text.trim();
    if t.eq_ignore_ascii_case("true") || t.eq_ignore_ascii_case("false") {
        return Ok(Arg::Bool(t.eq_ignore_ascii_case("true")));
    }
    if t.contains(',') {
        let parts: Vec<&str> = t.split(',').collect();
        if parts.iter().all(|p| p.trim().len() == 10 && p.trim().as_bytes().get(4) == Some(&b'-')) {
            return parts.iter().map(|p| parse_date(p, position)).collect::<Result<_, _>>().map(Arg::Dates);
        }
        return parts.iter().map(|p| parse_number(p, position)).collect::<Result<_, _>>().map(Arg::Numbers);
    }
    if t.len() == 10 && t.as_bytes().get(4) == Some(&b'-') {
        return parse_date(t, position).map(Arg::Date);
    }
    parse_number(t, position).map(Arg::Number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arguments_parse_like_the_spreadsheet_reads_them() {
        assert_eq!(parse_arg("-10000,3000", 1), Ok(Arg::Numbers(vec![-10000.0, 3000.0])));
        assert_eq!(parse_arg("-0.5", 1), Ok(Arg::Number(-0.5)));
        assert_eq!(parse_arg("TRUE", 1), Ok(Arg::Bool(true)));
        assert!(matches!(parse_arg("2026-07-01", 1), Ok(Arg::Date(_))));
        assert!(matches!(parse_arg("2026-07-01,2027-01-01", 1), Ok(Arg::Dates(d)) if d.len() == 2));
        assert!(parse_arg("1,x", 2).expect_err("bad").message().contains("argument 2"));
    }

    #[test]
    fn batch_lines_answer_or_explain() {
        // The spreadsheet shows 15 significant digits: 1188.44341233522.
        let npv = batch_line(r#"{"function": "NPV", "args": [0.1, [-10000, 3000, 4200, 6800]]}"#);
        assert!(npv.starts_with(r#"{"value":1188.44341233522"#), "{npv}");
        assert!(batch_line(r#"{"function": "IRR", "args": [[1, 2, 3]]}"#).starts_with(r##"{"error":"#NUM!""##));
        assert!(batch_line("{not json").starts_with(r##"{"error":"#VALUE!""##));
        assert!(batch_line("").starts_with(r##"{"error":"#VALUE!""##));
        assert!(batch_line(r#"{"function": "NOPE", "args": []}"#).starts_with(r##"{"error":"#NAME?""##));
        let xirr = batch_line(
            r#"{"function": "XIRR", "args": [[-10000, 2750, 4250, 3250, 2750], ["2008-01-01", "2008-03-01", "2008-10-30", "2009-02-15", "2009-04-01"]]}"#,
        );
        assert!(xirr.starts_with(r#"{"value":0.3733625335"#), "{xirr}");
    }
}

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
//! [`batch_line`] is the pure core of the batch mode, one request line to one answer line.

use std::io::{BufRead, BufWriter, Write};
use std::process::ExitCode;

use cairn_core::text::one_line;
use cairn_finance::{Arg, FinanceError, call};
use chrono::NaiveDate;
use serde_json::Value;

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
        Some("-h" | "--help") => {
            println!("{USAGE}\nfunctions: {}", cairn_finance::FUNCTIONS.join(", "));
            ExitCode::SUCCESS
        }
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
    match evaluate_command_line(function, rest) {
        Ok(value) => {
            println!("{value}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: {}", e.code(), one_line(e.message()));
            ExitCode::FAILURE
        }
    }
}

fn evaluate_command_line(function: &str, args: &[String]) -> Result<f64, FinanceError> {
    let args = args.iter().enumerate().map(|(i, a)| parse_arg(a, i + 1)).collect::<Result<Vec<_>, _>>()?;
    call(function, &args)
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
        let answer = match std::str::from_utf8(line) {
            Ok(text) => batch_line(text),
            Err(_) => error_json(&FinanceError::Value("the line is not UTF-8 text".into())),
        };
        if out.write_all(answer.as_bytes()).and_then(|()| out.write_all(b"\n")).is_err() {
            // The reader went away (e.g. `| head`); nothing more can be delivered.
            return ExitCode::FAILURE;
        }
    }
    if out.flush().is_err() { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}

/// The answer line (without newline) for one request line: `{"value":…}` or
/// `{"error":"#CODE","message":"…"}`. Never fails: a bad request is answered with an error line.
pub fn batch_line(line: &str) -> String {
    match evaluate_request(line) {
        Ok(value) => {
            // serde_json writes the shortest text that reads back as the same double.
            let number = serde_json::to_string(&value).unwrap_or_else(|_| "null".into());
            format!("{{\"value\":{number}}}")
        }
        Err(e) => error_json(&e),
    }
}

fn error_json(error: &FinanceError) -> String {
    serde_json::json!({ "error": error.code(), "message": error.message() }).to_string()
}

fn evaluate_request(line: &str) -> Result<f64, FinanceError> {
    // Most lines are well-formed: read them straight into typed arguments, which is several
    // times faster than building a `serde_json::Value` tree. Anything unusual is read again the
    // slow way, which names exactly what is wrong.
    if let Ok(request) = serde_json::from_str::<FastRequest>(line) {
        let args =
            request.args.into_iter().enumerate().map(|(i, a)| a.into_arg(i + 1)).collect::<Result<Vec<_>, _>>()?;
        return call(&request.function, &args);
    }
    if line.trim().is_empty() {
        return Err(FinanceError::Value("the line is blank; expected {\"function\": \"NPV\", \"args\": [...]}".into()));
    }
    let request: Value =
        serde_json::from_str(line).map_err(|e| FinanceError::Value(format!("the line is not valid JSON: {e}")))?;
    let function = request
        .get("function")
        .and_then(Value::as_str)
        .ok_or_else(|| FinanceError::Value("\"function\" must be the function's name, a string".into()))?;
    let args = request
        .get("args")
        .and_then(Value::as_array)
        .ok_or_else(|| FinanceError::Value("\"args\" must be a list of arguments".into()))?;
    let args = args.iter().enumerate().map(|(i, v)| json_arg(v, i + 1)).collect::<Result<Vec<_>, _>>()?;
    call(function, &args)
}

/// One JSON argument: a number, a boolean, an ISO date string, a list of numbers or a list of
/// date strings. An empty list is an empty list of numbers (the dispatcher accepts it where
/// dates are expected too).
fn json_arg(value: &Value, position: usize) -> Result<Arg, FinanceError> {
    let bad = || {
        FinanceError::Value(format!(
            "argument {position} must be a number, a date string, true/false, or a list of numbers or of dates"
        ))
    };
    match value {
        Value::Number(n) => n.as_f64().map(Arg::Number).ok_or_else(bad),
        Value::Bool(b) => Ok(Arg::Bool(*b)),
        Value::String(s) => parse_date(s, position).map(Arg::Date),
        Value::Array(items) if !items.is_empty() && items.iter().all(Value::is_string) => items
            .iter()
            .map(|d| parse_date(d.as_str().unwrap_or_default(), position))
            .collect::<Result<_, _>>()
            .map(Arg::Dates),
        Value::Array(items) => items
            .iter()
            .map(|x| {
                x.as_f64().ok_or_else(|| {
                    FinanceError::Value(format!("argument {position}: a list must hold only numbers or only dates"))
                })
            })
            .collect::<Result<_, _>>()
            .map(Arg::Numbers),
        Value::Null | Value::Object(_) => Err(bad()),
    }
}

/// A well-formed request, deserialized without an intermediate JSON tree.
#[derive(serde::Deserialize)]
struct FastRequest {
    function: String,
    args: Vec<FastArg>,
}

/// One argument of a [`FastRequest`]; a list mixing numbers and strings is not one (the slow
/// path reports it).
enum FastArg {
    Number(f64),
    Bool(bool),
    Date(String),
    Numbers(Vec<f64>),
    Dates(Vec<String>),
}

impl FastArg {
    fn into_arg(self, position: usize) -> Result<Arg, FinanceError> {
        Ok(match self {
            FastArg::Number(n) => Arg::Number(n),
            FastArg::Bool(b) => Arg::Bool(b),
            FastArg::Date(d) => Arg::Date(parse_date(&d, position)?),
            FastArg::Numbers(v) => Arg::Numbers(v),
            FastArg::Dates(v) => Arg::Dates(v.iter().map(|d| parse_date(d, position)).collect::<Result<_, _>>()?),
        })
    }
}

impl<'de> serde::Deserialize<'de> for FastArg {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(FastArgVisitor)
    }
}

struct FastArgVisitor;

impl<'de> serde::de::Visitor<'de> for FastArgVisitor {
    type Value = FastArg;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a number, a boolean, a date string, or a list of numbers or of date strings")
    }

    fn visit_bool<E>(self, v: bool) -> Result<FastArg, E> {
        Ok(FastArg::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<FastArg, E> {
        Ok(FastArg::Number(v as f64))
    }

    fn visit_u64<E>(self, v: u64) -> Result<FastArg, E> {
        Ok(FastArg::Number(v as f64))
    }

    fn visit_f64<E>(self, v: f64) -> Result<FastArg, E> {
        Ok(FastArg::Number(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<FastArg, E> {
        Ok(FastArg::Date(v.to_owned()))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<FastArg, A::Error> {
        let Some(first) = seq.next_element::<FastItem>()? else {
            return Ok(FastArg::Numbers(Vec::new()));
        };
        let mixed = || serde::de::Error::custom("a list mixes numbers and dates");
        match first {
            FastItem::Number(n) => {
                let mut numbers = Vec::with_capacity(seq.size_hint().unwrap_or(15) + 1);
                numbers.push(n);
                while let Some(item) = seq.next_element::<FastItem>()? {
                    let FastItem::Number(n) = item else { return Err(mixed()) };
                    numbers.push(n);
                }
                Ok(FastArg::Numbers(numbers))
            }
            FastItem::Text(d) => {
                let mut dates = vec![d];
                while let Some(item) = seq.next_element::<FastItem>()? {
                    let FastItem::Text(d) = item else { return Err(mixed()) };
                    dates.push(d);
                }
                Ok(FastArg::Dates(dates))
            }
        }
    }
}

/// An element of a list argument.
enum FastItem {
    Number(f64),
    Text(String),
}

impl<'de> serde::Deserialize<'de> for FastItem {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ItemVisitor;
        impl serde::de::Visitor<'_> for ItemVisitor {
            type Value = FastItem;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number or a date string")
            }
            fn visit_i64<E>(self, v: i64) -> Result<FastItem, E> {
                Ok(FastItem::Number(v as f64))
            }
            fn visit_u64<E>(self, v: u64) -> Result<FastItem, E> {
                Ok(FastItem::Number(v as f64))
            }
            fn visit_f64<E>(self, v: f64) -> Result<FastItem, E> {
                Ok(FastItem::Number(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<FastItem, E> {
                Ok(FastItem::Text(v.to_owned()))
            }
        }
        deserializer.deserialize_any(ItemVisitor)
    }
}

fn parse_date(text: &str, position: usize) -> Result<NaiveDate, FinanceError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| FinanceError::Value(format!("argument {position}: \"{text}\" is not a date (write 2026-07-01)")))
}

/// A number as typed: `-0.5`, `1e6`, or a percentage `8%` (0.08), as the spreadsheet reads it.
fn parse_number(text: &str, position: usize) -> Result<f64, FinanceError> {
    let t = text.trim();
    let (digits, scale) = match t.strip_suffix('%') {
        Some(d) => (d.trim_end(), 100.0),
        None => (t, 1.0),
    };
    digits
        .parse::<f64>()
        .ok()
        .map(|v| v / scale)
        .filter(|v| v.is_finite())
        .ok_or_else(|| FinanceError::Value(format!("argument {position}: \"{text}\" is not a number")))
}

/// Whether `text` has the shape of an ISO date (`2026-07-01`); the date itself is checked when
/// it is parsed, so that `2026-02-30` is reported as a bad date, not as a bad number.
fn looks_like_date(text: &str) -> bool {
    let b = text.trim().as_bytes();
    b.len() == 10 && b[0].is_ascii_digit() && b[4] == b'-' && b[7] == b'-'
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
        if parts.iter().all(|p| looks_like_date(p)) {
            return parts.iter().map(|p| parse_date(p, position)).collect::<Result<_, _>>().map(Arg::Dates);
        }
        return parts.iter().map(|p| parse_number(p, position)).collect::<Result<_, _>>().map(Arg::Numbers);
    }
    if looks_like_date(t) {
        return parse_date(t, position).map(Arg::Date);
    }
    parse_number(t, position).map(Arg::Number)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
    }

    fn check_arg(text: &str, expected: Arg) {
        assert_eq!(parse_arg(text, 1), Ok(expected), "{text:?}");
    }

    #[test]
    fn command_line_arguments_parse_like_the_spreadsheet_reads_them() {
        check_arg("-10000,3000,4200,6800", Arg::Numbers(vec![-10000.0, 3000.0, 4200.0, 6800.0]));
        check_arg("-0.5", Arg::Number(-0.5));
        check_arg("1e6", Arg::Number(1e6));
        check_arg("8%", Arg::Number(0.08));
        check_arg("7", Arg::Number(7.0));
        check_arg("TRUE", Arg::Bool(true));
        check_arg("false", Arg::Bool(false));
        check_arg("2026-07-01", Arg::Date(date("2026-07-01")));
        check_arg("2026-07-01,2027-01-01", Arg::Dates(vec![date("2026-07-01"), date("2027-01-01")]));
        // A negative number of ten characters is still a number, not a date.
        check_arg("-1000.5678", Arg::Number(-1000.5678));
    }

    #[test]
    fn bad_command_line_arguments_name_their_position() {
        for (text, words) in [
            ("1,x", "argument 2: \"x\""),
            ("1,,2", "argument 2: \"\""),
            ("inf", "argument 2: \"inf\" is not a number"),
            ("2026-02-30", "\"2026-02-30\" is not a date"),
            ("2026-07-01,12", "argument 2: \"2026-07-01\" is not a number"),
        ] {
            let error = parse_arg(text, 2).expect_err(text);
            assert_eq!(error.code(), "#VALUE!");
            assert!(error.message().contains(words), "{text}: {error}");
        }
    }

    #[test]
    fn a_command_line_evaluates_to_the_spreadsheet_value() {
        let args: Vec<String> = ["0.1", "-10000,3000,4200,6800"].map(String::from).to_vec();
        // The spreadsheet shows 15 significant digits: 1188.44341233522.
        let npv = evaluate_command_line("npv", &args).expect("NPV");
        assert!((npv - 1188.4434123352228).abs() < 1e-9, "{npv}");
        let args: Vec<String> = ["1,2,3"].map(String::from).to_vec();
        assert_eq!(evaluate_command_line("IRR", &args).map_err(|e| e.code()), Err("#NUM!"));
    }

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

//! Spreadsheet financial functions for callers that pass text: `cairn calc FUNCTION ARG...`
//! ([`evaluate`]) and `cairn calc --batch`, one JSON request a line ([`answer_line`]). Pure: no
//! store, no I/O.
//!
//! Arguments come in the spreadsheet's order. On a command line: numbers (`-0.5`, `1e6`, `8%`),
//! lists comma-separated (`-10000,3000,4200`), dates ISO (`2026-07-01`), date lists
//! comma-separated, `TRUE`/`FALSE`. In a request, `{"function": "NPV", "args": [0.1, [-10000,
//! 3000, 4200, 6800]]}`: strings are ISO dates, lists of strings are date lists, booleans allowed.
//!
//! A function without a value is not a failure of the call but the spreadsheet's answer, as a cell
//! shows `#NUM!`: it comes back as a [`CalcErrorDto`] with the spreadsheet's code
//! ([`CalcErrorCode`]); a request that cannot be read is `#VALUE!` (`#NAME?` for an unknown
//! function).

use chrono::NaiveDate;
use serde_json::Value;

use cairn_finance::{Arg, FinanceError, call};

use crate::cli_dto::{CalcAnswerDto, CalcErrorCode, CalcErrorDto};

/// The functions' names, in alphabetical order.
pub const FUNCTIONS: &[&str] = cairn_finance::FUNCTIONS;

/// Evaluates `function` on command-line arguments, each read as the spreadsheet reads a typed
/// value (see the module's documentation).
pub fn evaluate(function: &str, args: &[String]) -> Result<f64, CalcErrorDto> {
    evaluate_command_line(function, args).map_err(|e| error_dto(&e))
}

/// The answer to one `--batch` request line (without its line break). Never fails: a line that
/// is not UTF-8, not JSON or not a request is answered with a `#VALUE!` error, so that callers
/// can zip answers with requests by line number. A blank line gets a `#VALUE!` answer too.
pub fn answer_line(line: &[u8]) -> CalcAnswerDto {
    let result = match std::str::from_utf8(line) {
        Ok(text) => evaluate_request(text),
        Err(_) => Err(FinanceError::Value("the line is not UTF-8 text".into())),
    };
    match result {
        Ok(value) => CalcAnswerDto::Value { value },
        Err(e) => CalcAnswerDto::Error(error_dto(&e)),
    }
}

fn error_dto(e: &FinanceError) -> CalcErrorDto {
    let error = match e {
        FinanceError::Num(_) => CalcErrorCode::Num,
        FinanceError::Div0(_) => CalcErrorCode::Div0,
        FinanceError::Value(_) => CalcErrorCode::Value,
        FinanceError::Name(_) => CalcErrorCode::Name,
    };
    CalcErrorDto { error, message: e.message().to_owned() }
}

fn evaluate_command_line(function: &str, args: &[String]) -> Result<f64, FinanceError> {
    let args = args.iter().enumerate().map(|(i, a)| parse_arg(a, i + 1)).collect::<Result<Vec<_>, _>>()?;
    call(function, &args)
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
        let npv = evaluate("npv", &args).expect("NPV");
        assert!((npv - 1188.4434123352228).abs() < 1e-9, "{npv}");
        let args: Vec<String> = ["1,2,3"].map(String::from).to_vec();
        assert_eq!(evaluate("IRR", &args).map_err(|e| e.error.as_str()), Err("#NUM!"));
    }

    #[test]
    fn answers_carry_the_spreadsheet_code_and_serialize_as_the_batch_line() {
        let line = |text: &str| serde_json::to_string(&answer_line(text.as_bytes())).expect("JSON");
        assert_eq!(line(r#"{"function": "IRR", "args": [[-1600, 10000, -10000], 3]}"#), r#"{"value":4.0}"#);
        assert_eq!(
            line(r#"{"function": "PMT", "args": [0.1, 0, 1000]}"#),
            r##"{"error":"#DIV/0!","message":"nper must not be 0"}"##
        );
        assert_eq!(
            answer_line(b"\xff{}"),
            CalcAnswerDto::Error(CalcErrorDto {
                error: CalcErrorCode::Value,
                message: "the line is not UTF-8 text".into()
            })
        );
    }
}

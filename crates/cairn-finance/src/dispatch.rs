//! Calling a function by its spreadsheet name with spreadsheet-style arguments, for `cairn calc`
//! and anything else that takes formulas from outside.

use chrono::NaiveDate;

use crate::error::FinanceError;
use crate::{cashflow, depreciation, tvm};

/// One argument as a spreadsheet passes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Arg {
    /// A number.
    Number(f64),
    /// A range of numbers.
    Numbers(Vec<f64>),
    /// A date.
    Date(NaiveDate),
    /// A range of dates.
    Dates(Vec<NaiveDate>),
    /// TRUE or FALSE.
    Bool(bool),
}

/// The names `call` knows, in alphabetical order.
pub const FUNCTIONS: &[&str] = &[
    "DB",
    "DDB",
    "DISCOUNTED_PAYBACK",
    "FV",
    "IPMT",
    "IRR",
    "MIRR",
    "NPER",
    "NPV",
    "PAYBACK",
    "PMT",
    "PPMT",
    "PV",
    "RATE",
    "SLN",
    "SYD",
    "VDB",
    "XIRR",
    "XNPV",
];

struct Args<'a> {
    function: &'a str,
    args: &'a [Arg],
    names: &'a [&'a str],
    required: usize,
}

impl<'a> Args<'a> {
    fn new(function: &'a str, args: &'a [Arg], names: &'a [&'a str], required: usize) -> Result<Self, FinanceError> {
        if args.len() < required || args.len() > names.len() {
            let range =
                if required == names.len() { format!("{required}") } else { format!("{required} to {}", names.len()) };
            return Err(FinanceError::Value(format!(
                "{function}({}) takes {range} arguments, not {}",
                names.join(", "),
                args.len()
            )));
        }
        Ok(Args { function, args, names, required })
    }

    fn name(&self, i: usize) -> &str {
        self.names.get(i).copied().unwrap_or("argument")
    }

    fn number(&self, i: usize) -> Result<f64, FinanceError> {
        match self.args.get(i) {
            Some(Arg::Number(n)) => Ok(*n),
            Some(Arg::Bool(b)) => Ok(if *b { 1.0 } else { 0.0 }),
            Some(Arg::Numbers(v)) if v.len() == 1 => Ok(v[0]),
            Some(_) => Err(FinanceError::Value(format!("{}: {} must be a number", self.function, self.name(i)))),
            None => Err(FinanceError::Value(format!("{}: {} is missing", self.function, self.name(i)))),
        }
    }

    fn number_or(&self, i: usize, default: f64) -> Result<f64, FinanceError> {
        if i >= self.args.len() && i >= self.required { Ok(default) } else { self.number(i) }
    }

    fn optional(&self, i: usize) -> Result<Option<f64>, FinanceError> {
        if i >= self.args.len() { Ok(None) } else { self.number(i).map(Some) }
    }

    fn numbers(&self, i: usize) -> Result<Vec<f64>, FinanceError> {
        match self.args.get(i) {
            Some(Arg::Numbers(v)) => Ok(v.clone()),
            Some(Arg::Number(n)) => Ok(vec![*n]),
            _ => Err(FinanceError::Value(format!("{}: {} must be a list of numbers", self.function, self.name(i)))),
        }
    }

    fn dates(&self, i: usize) -> Result<Vec<NaiveDate>, FinanceError> {
        match self.args.get(i) {
            Some(Arg::Dates(v)) => Ok(v.clone()),
            Some(Arg::Date(d)) => Ok(vec![*d]),
            // An empty JSON list carries no type; let the length check report it.
            Some(Arg::Numbers(v)) if v.is_empty() => Ok(Vec::new()),
            _ => Err(FinanceError::Value(format!("{}: {} must be a list of dates", self.function, self.name(i)))),
        }
    }

    fn flag_or(&self, i: usize, default: bool) -> Result<bool, FinanceError> {
        match self.args.get(i) {
            None => Ok(default),
            Some(Arg::Bool(b)) => Ok(*b),
            Some(Arg::Number(n)) => Ok(*n != 0.0),
            Some(_) => Err(FinanceError::Value(format!("{}: {} must be TRUE or FALSE", self.function, self.name(i)))),
        }
    }
}

/// Evaluates `name(args…)` with the spreadsheet's argument order, defaults and errors. Names
/// are case-insensitive.
pub fn call(name: &str, args: &[Arg]) -> Result<f64, FinanceError> {
    let upper = name.trim().to_ascii_uppercase();
    let f = upper.as_str();
    let a = |names: &'static [&'static str], required: usize| Args::new(f, args, names, required);
    match f {
        "NPV" => {
            // NPV(rate, value1, [value2], …): each value may be a number or a list.
            if args.len() < 2 {
                return Err(FinanceError::Value(format!(
                    "NPV(rate, values) takes at least 2 arguments, not {}",
                    args.len()
                )));
            }
            let Some(Arg::Number(rate)) = args.first() else {
                return Err(FinanceError::Value("NPV: rate must be a number".into()));
            };
            let mut values = Vec::new();
            for (i, arg) in args.iter().enumerate().skip(1) {
                match arg {
                    Arg::Number(n) => values.push(*n),
                    Arg::Numbers(v) => values.extend_from_slice(v),
                    _ => {
                        return Err(FinanceError::Value(format!(
                            "NPV: value{i} must be a number or a list of numbers"
                        )));
                    }
                }
            }
            cashflow::npv(*rate, &values)
        }
        "IRR" => {
            let x = a(&["values", "guess"], 1)?;
            cashflow::irr(&x.numbers(0)?, x.optional(1)?)
        }
        "MIRR" => {
            let x = a(&["values", "finance_rate", "reinvest_rate"], 3)?;
            cashflow::mirr(&x.numbers(0)?, x.number(1)?, x.number(2)?)
        }
        "XNPV" => {
            let x = a(&["rate", "values", "dates"], 3)?;
            cashflow::xnpv(x.number(0)?, &x.numbers(1)?, &x.dates(2)?)
        }
        "XIRR" => {
            let x = a(&["values", "dates", "guess"], 2)?;
            cashflow::xirr(&x.numbers(0)?, &x.dates(1)?, x.optional(2)?)
        }
        "PAYBACK" => cashflow::payback(&a(&["values"], 1)?.numbers(0)?),
        "DISCOUNTED_PAYBACK" => {
            let x = a(&["rate", "values"], 2)?;
            cashflow::discounted_payback(x.number(0)?, &x.numbers(1)?)
        }
        "PMT" => {
            let x = a(&["rate", "nper", "pv", "fv", "type"], 3)?;
            tvm::pmt(x.number(0)?, x.number(1)?, x.number(2)?, x.number_or(3, 0.0)?, x.number_or(4, 0.0)?)
        }
        "FV" => {
            let x = a(&["rate", "nper", "pmt", "pv", "type"], 3)?;
            tvm::fv(x.number(0)?, x.number(1)?, x.number(2)?, x.number_or(3, 0.0)?, x.number_or(4, 0.0)?)
        }
        "PV" => {
            let x = a(&["rate", "nper", "pmt", "fv", "type"], 3)?;
            tvm::pv(x.number(0)?, x.number(1)?, x.number(2)?, x.number_or(3, 0.0)?, x.number_or(4, 0.0)?)
        }
        "IPMT" | "PPMT" => {
            let x = a(&["rate", "per", "nper", "pv", "fv", "type"], 4)?;
            let g = if f == "IPMT" { tvm::ipmt } else { tvm::ppmt };
            g(x.number(0)?, x.number(1)?, x.number(2)?, x.number(3)?, x.number_or(4, 0.0)?, x.number_or(5, 0.0)?)
        }
        "NPER" => {
            let x = a(&["rate", "pmt", "pv", "fv", "type"], 3)?;
            tvm::nper(x.number(0)?, x.number(1)?, x.number(2)?, x.number_or(3, 0.0)?, x.number_or(4, 0.0)?)
        }
        "RATE" => {
            let x = a(&["nper", "pmt", "pv", "fv", "type", "guess"], 3)?;
            tvm::rate(
                x.number(0)?,
                x.number(1)?,
                x.number(2)?,
                x.number_or(3, 0.0)?,
                x.number_or(4, 0.0)?,
                x.number_or(5, 0.1)?,
            )
        }
        "SLN" => {
            let x = a(&["cost", "salvage", "life"], 3)?;
            depreciation::sln(x.number(0)?, x.number(1)?, x.number(2)?)
        }
        "SYD" => {
            let x = a(&["cost", "salvage", "life", "per"], 4)?;
            depreciation::syd(x.number(0)?, x.number(1)?, x.number(2)?, x.number(3)?)
        }
        "DDB" => {
            let x = a(&["cost", "salvage", "life", "period", "factor"], 4)?;
            depreciation::ddb(x.number(0)?, x.number(1)?, x.number(2)?, x.number(3)?, x.number_or(4, 2.0)?)
        }
        "DB" => {
            let x = a(&["cost", "salvage", "life", "period", "month"], 4)?;
            depreciation::db(x.number(0)?, x.number(1)?, x.number(2)?, x.number(3)?, x.number_or(4, 12.0)?)
        }
        "VDB" => {
            let x = a(&["cost", "salvage", "life", "start_period", "end_period", "factor", "no_switch"], 5)?;
            depreciation::vdb(
                x.number(0)?,
                x.number(1)?,
                x.number(2)?,
                x.number(3)?,
                x.number(4)?,
                x.number_or(5, 2.0)?,
                x.flag_or(6, false)?,
            )
        }
        _ => Err(FinanceError::Name(format!("unknown function \"{name}\"; known: {}", FUNCTIONS.join(", ")))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(value: f64) -> Arg {
        Arg::Number(value)
    }

    fn list(values: &[f64]) -> Arg {
        Arg::Numbers(values.to_vec())
    }

    /// `name(short)` and `name(full)` agree: the omitted arguments take the spreadsheet's defaults.
    fn check_defaults(name: &str, short: &[Arg], full: &[Arg]) {
        let (a, b) = (call(name, short), call(name, full));
        assert!(a.is_ok() && a == b, "{name}: {a:?} with defaults, {b:?} spelled out");
    }

    fn check_error(name: &str, args: &[Arg], code: &str, words: &str) {
        let error = call(name, args).expect_err("an error");
        assert_eq!(error.code(), code, "{name}: {error}");
        assert!(error.message().contains(words), "{name}: {error} lacks {words:?}");
    }

    #[test]
    fn omitted_arguments_take_the_spreadsheet_defaults() {
        check_defaults("PMT", &[n(0.01), n(12.0), n(1000.0)], &[n(0.01), n(12.0), n(1000.0), n(0.0), n(0.0)]);
        check_defaults("FV", &[n(0.01), n(12.0), n(-100.0)], &[n(0.01), n(12.0), n(-100.0), n(0.0), n(0.0)]);
        check_defaults("PV", &[n(0.01), n(12.0), n(-100.0)], &[n(0.01), n(12.0), n(-100.0), n(0.0), n(0.0)]);
        check_defaults("NPER", &[n(0.01), n(-100.0), n(1000.0)], &[n(0.01), n(-100.0), n(1000.0), n(0.0), n(0.0)]);
        let ipmt = [n(0.01), n(2.0), n(12.0), n(1000.0)];
        check_defaults("IPMT", &ipmt, &[n(0.01), n(2.0), n(12.0), n(1000.0), n(0.0), n(0.0)]);
        check_defaults("PPMT", &ipmt, &[n(0.01), n(2.0), n(12.0), n(1000.0), n(0.0), n(0.0)]);
        check_defaults(
            "RATE",
            &[n(12.0), n(-100.0), n(1000.0)],
            &[n(12.0), n(-100.0), n(1000.0), n(0.0), n(0.0), n(0.1)],
        );
        let flows = list(&[-100.0, 39.0, 59.0, 55.0, 20.0]);
        check_defaults("IRR", std::slice::from_ref(&flows), &[flows.clone(), n(0.1)]);
        let dates = Arg::Dates(vec![
            NaiveDate::from_ymd_opt(2020, 1, 1).unwrap_or_default(),
            NaiveDate::from_ymd_opt(2021, 1, 1).unwrap_or_default(),
        ]);
        check_defaults("XIRR", &[list(&[-1.0, 1.2]), dates.clone()], &[list(&[-1.0, 1.2]), dates, n(0.1)]);
        let asset = [n(2400.0), n(300.0), n(10.0), n(2.0)];
        check_defaults("DDB", &asset, &[n(2400.0), n(300.0), n(10.0), n(2.0), n(2.0)]);
        check_defaults("DB", &asset, &[n(2400.0), n(300.0), n(10.0), n(2.0), n(12.0)]);
        let vdb = [n(2400.0), n(300.0), n(10.0), n(1.0), n(3.0)];
        check_defaults("VDB", &vdb, &[n(2400.0), n(300.0), n(10.0), n(1.0), n(3.0), n(2.0), Arg::Bool(false)]);
    }

    #[test]
    fn names_are_case_insensitive_and_npv_takes_several_value_arguments() {
        let flows = [-10000.0, 3000.0, 4200.0, 6800.0];
        let expected = call("NPV", &[n(0.1), list(&flows)]);
        assert_eq!(call("npv", &[n(0.1), list(&flows)]), expected);
        assert_eq!(call(" Npv ", &[n(0.1), list(&flows[..2]), n(flows[2]), list(&flows[3..])]), expected);
        assert_eq!(call("payback", &[list(&[-100.0, 50.0, 50.0])]), Ok(2.0));
        // A single cell is a one-element range and the other way round, as in the spreadsheet.
        assert_eq!(call("SLN", &[list(&[30000.0]), n(7500.0), n(10.0)]), Ok(2250.0));
        assert_eq!(call("VDB", &[n(2400.0), n(300.0), n(10.0), n(0.0), n(1.0), n(2.0), n(1.0)]), Ok(480.0));
    }

    #[test]
    fn wrong_counts_and_types_are_value_errors_naming_the_argument() {
        check_error("PMT", &[n(0.1)], "#VALUE!", "PMT(rate, nper, pv, fv, type) takes 3 to 5 arguments, not 1");
        check_error("SLN", &[n(1.0), n(2.0), n(3.0), n(4.0)], "#VALUE!", "takes 3 arguments, not 4");
        check_error("NPV", &[n(0.1)], "#VALUE!", "at least 2 arguments");
        check_error("NPV", &[list(&[0.1]), n(1.0)], "#VALUE!", "rate must be a number");
        check_error("NPV", &[n(0.1), Arg::Bool(true)], "#VALUE!", "value1");
        check_error("IRR", &[Arg::Bool(true)], "#VALUE!", "values must be a list of numbers");
        check_error(
            "MIRR",
            &[list(&[-1.0, 2.0]), list(&[0.1, 0.2]), n(0.1)],
            "#VALUE!",
            "finance_rate must be a number",
        );
        check_error("XNPV", &[n(0.1), list(&[1.0]), n(1.0)], "#VALUE!", "dates must be a list of dates");
        check_error("VDB", &[n(1.0), n(0.0), n(5.0), n(0.0), n(1.0), n(2.0), list(&[1.0])], "#VALUE!", "no_switch");
        check_error("SUM", &[n(1.0)], "#NAME?", "unknown function \"SUM\"");
    }
}

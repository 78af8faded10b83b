//! Cash-flow functions: NPV, IRR, MIRR, XNPV, XIRR, every IRR of a flow, and payback.

use chrono::NaiveDate;

use crate::error::{FinanceError, check_finite, check_rate, check_values, finite, num};

/// NPV(rate, values): `Σ values[i] / (1 + rate)^(i + 1)`. As in the spreadsheet, the first
/// value is discounted one whole period; add a time-0 outlay outside: `NPV(r, v) + v0`.
pub fn npv(rate: f64, values: &[f64]) -> Result<f64, FinanceError> {
    check_rate(rate, "rate")?;
    check_values(values, "values")?;
    // Each value is divided by (1 + rate)^(i + 1) computed afresh, as the spreadsheet does, so
    // that every printed digit agrees (a running product drifts by a few units in the last place).
    let factor = 1.0 + rate;
    let sum: f64 = values.iter().enumerate().map(|(i, v)| v / factor.powf((i + 1) as f64)).sum();
    finite(sum, "NPV")
}

/// The value at `rate` of flows whose first element is at time 0, and its derivative.
fn npv0_and_slope(rate: f64, values: &[f64]) -> (f64, f64) {
    let factor = 1.0 + rate;
    let (mut f, mut df) = (0.0, 0.0);
    let mut discount = 1.0;
    for (i, v) in values.iter().enumerate() {
        f += v / discount;
        // d/dr v·(1+r)^−i = −i·v·(1+r)^−(i+1)
        df -= (i as f64) * v / (discount * factor);
        discount *= factor;
    }
    (f, df)
}

fn has_both_signs(values: &[f64]) -> bool {
    values.iter().any(|v| *v > 0.0) && values.iter().any(|v| *v < 0.0)
}

/// Newton's method as the spreadsheet runs it: from `guess`, until the step is negligible.
fn newton(guess: f64, f: impl Fn(f64) -> (f64, f64), what: &str) -> Result<f64, FinanceError> {
    let mut r = guess;
    for _ in 0..200 {
        let (value, slope) = f(r);
        if value == 0.0 {
            return Ok(r);
        }
        if slope == 0.0 || !slope.is_finite() || !value.is_finite() {
            break;
        }
        let next = r - value / slope;
        if !next.is_finite() || next <= -1.0 {
            break;
        }
        if (next - r).abs() <= 1e-14 * next.abs().max(1.0) {
            return Ok(next);
        }
        r = next;
    }
    Err(num(format!("{what} did not converge from the guess {guess}; try another guess")))
}

/// IRR(values, [guess]): the rate at which the flows' NPV (first value at time 0) is zero,
/// found by Newton's method from `guess` (default 0.1) like the spreadsheet; a flow with several
/// IRRs gives the one the iteration reaches (see [`irr_all`]).
pub fn irr(values: &[f64], guess: Option<f64>) -> Result<f64, FinanceError> {
    check_values(values, "values")?;
    let guess = guess.unwrap_or(0.1);
    check_finite(guess, "guess")?;
    if !has_both_signs(values) {
        return Err(num("values must contain at least one positive and one negative value"));
    }
    newton(guess, |r| npv0_and_slope(r, values), "IRR")
}

/// Every real IRR above −100 % of a flow (first value at time 0), ascending. More than one
/// means IRR alone is misleading and MIRR should be used; none means it is undefined.
///
/// The NPV is sampled on a grid dense near −100 % and stretching to very high rates (in the
/// variable `x = ln(1 + r)`), and each sign change is refined by bisection then Newton. Roots
/// where the NPV only touches zero without crossing are found when a grid point lands on them.
pub fn irr_all(values: &[f64]) -> Result<Vec<f64>, FinanceError> {
    check_values(values, "values")?;
    if !has_both_signs(values) {
        return Ok(Vec::new());
    }
    let f = |x: f64| npv0_and_slope(x.exp_m1(), values).0;
    let (lo, hi, steps) = (-12.0_f64, 7.0_f64, 4000);
    let step = (hi - lo) / f64::from(steps);
    let mut roots: Vec<f64> = Vec::new();
    let mut x0 = lo;
    let mut f0 = f(x0);
    for i in 1..=steps {
        let x1 = lo + step * f64::from(i);
        let f1 = f(x1);
        if f0 == 0.0 {
            roots.push(x0.exp_m1());
        } else if f0.is_finite() && f1.is_finite() && f0.signum() != f1.signum() && f1 != 0.0 {
            let (mut a, mut b, mut fa) = (x0, x1, f0);
            for _ in 0..200 {
                let m = 0.5 * (a + b);
                let fm = f(m);
                if fm == 0.0 || (b - a).abs() < 1e-15 {
                    a = m;
                    b = m;
                    break;
                }
                if fm.signum() == fa.signum() {
                    a = m;
                    fa = fm;
                } else {
                    b = m;
                }
            }
            let r = (0.5 * (a + b)).exp_m1();
            roots.push(newton(r, |r| npv0_and_slope(r, values), "IRR").unwrap_or(r));
        }
        x0 = x1;
        f0 = f1;
    }
    roots.sort_by(f64::total_cmp);
    roots.dedup_by(|a, b| (*a - *b).abs() <= 1e-9 * a.abs().max(1.0));
    Ok(roots)
}

/// What can be said of a flow's IRR.
#[derive(Debug, Clone, PartialEq)]
pub enum IrrOutcome {
    /// Exactly one IRR.
    Unique(f64),
    /// No IRR: the flows never change sign, or the NPV never reaches zero.
    Undefined,
    /// Several IRRs (ascending); quote MIRR instead.
    Multiple(Vec<f64>),
}

/// Classifies a flow's IRRs for people: "this case has two IRRs (4 % and 25 %); use MIRR".
pub fn irr_outcome(values: &[f64]) -> Result<IrrOutcome, FinanceError> {
    let mut roots = irr_all(values)?;
    Ok(match roots.len() {
        0 => IrrOutcome::Undefined,
        1 => IrrOutcome::Unique(roots.remove(0)),
        _ => IrrOutcome::Multiple(roots),
    })
}

/// MIRR(values, finance_rate, reinvest_rate): negative flows discounted to time 0 at the
/// finance rate, positive flows compounded to the end at the reinvestment rate.
pub fn mirr(values: &[f64], finance_rate: f64, reinvest_rate: f64) -> Result<f64, FinanceError> {
    check_values(values, "values")?;
    check_rate(finance_rate, "finance_rate")?;
    check_rate(reinvest_rate, "reinvest_rate")?;
    let n = values.len();
    if n < 2 {
        return Err(FinanceError::Div0("values must span at least two periods".into()));
    }
    let last = (n - 1) as f64;
    let (mut pv_neg, mut fv_pos) = (0.0, 0.0);
    for (i, v) in values.iter().enumerate() {
        let t = i as f64;
        if *v < 0.0 {
            pv_neg += v / (1.0 + finance_rate).powf(t);
        } else {
            fv_pos += v * (1.0 + reinvest_rate).powf(last - t);
        }
    }
    if pv_neg == 0.0 {
        return Err(FinanceError::Div0("values must contain at least one negative value".into()));
    }
    if fv_pos == 0.0 {
        return Err(FinanceError::Div0("values must contain at least one positive value".into()));
    }
    finite((fv_pos / -pv_neg).powf(1.0 / last) - 1.0, "MIRR")
}

/// Years from the first date as the spreadsheet counts them: days / 365.
fn year_fractions(values: &[f64], dates: &[NaiveDate]) -> Result<Vec<f64>, FinanceError> {
    check_values(values, "values")?;
    if dates.len() != values.len() {
        return Err(num(format!("values ({}) and dates ({}) must have the same length", values.len(), dates.len())));
    }
    let first = dates[0];
    dates
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let days = (*d - first).num_days();
            if days < 0 {
                Err(num(format!("dates[{i}] ({d}) is before the first date ({first})")))
            } else {
                Ok(days as f64 / 365.0)
            }
        })
        .collect()
}

/// XNPV(rate, values, dates): `Σ values[i] / (1 + rate)^((dates[i] − dates[0]) / 365)`.
pub fn xnpv(rate: f64, values: &[f64], dates: &[NaiveDate]) -> Result<f64, FinanceError> {
    check_rate(rate, "rate")?;
    let years = year_fractions(values, dates)?;
    let sum: f64 = values.iter().zip(&years).map(|(v, t)| v / (1.0 + rate).powf(*t)).sum();
    finite(sum, "XNPV")
}

/// XIRR(values, dates, [guess]): the rate at which XNPV is zero, by Newton's method from
/// `guess` (default 0.1).
pub fn xirr(values: &[f64], dates: &[NaiveDate], guess: Option<f64>) -> Result<f64, FinanceError> {
    let years = year_fractions(values, dates)?;
    let guess = guess.unwrap_or(0.1);
    check_finite(guess, "guess")?;
    if !has_both_signs(values) {
        return Err(num("values must contain at least one positive and one negative value"));
    }
    let f = |r: f64| {
        let (mut f, mut df) = (0.0, 0.0);
        for (v, t) in values.iter().zip(&years) {
            let d = (1.0 + r).powf(*t);
            f += v / d;
            df -= t * v / (d * (1.0 + r));
        }
        (f, df)
    };
    newton(guess, f, "XIRR")
}

/// Periods until the cumulative flow (values[0] at time 0) turns non-negative, interpolating
/// linearly inside the period where it crosses; 0 when values[0] is already non-negative.
fn payback_of(flows: impl Iterator<Item = f64>) -> Result<f64, FinanceError> {
    let mut cumulative = 0.0;
    for (i, v) in flows.enumerate() {
        let before = cumulative;
        cumulative += v;
        if cumulative >= 0.0 {
            if i == 0 {
                return Ok(0.0);
            }
            return finite((i - 1) as f64 + (-before) / v, "PAYBACK");
        }
    }
    Err(num("the investment is never paid back within these periods"))
}

/// PAYBACK(values): simple payback in periods (Cairn's function; see [`payback_of`]).
pub fn payback(values: &[f64]) -> Result<f64, FinanceError> {
    check_values(values, "values")?;
    payback_of(values.iter().copied())
}

/// DISCOUNTED_PAYBACK(rate, values): payback of the flows discounted at `rate`, values[0] at
/// time 0.
pub fn discounted_payback(rate: f64, values: &[f64]) -> Result<f64, FinanceError> {
    check_rate(rate, "rate")?;
    check_values(values, "values")?;
    payback_of(values.iter().enumerate().map(|(i, v)| v / (1.0 + rate).powf(i as f64)))
}

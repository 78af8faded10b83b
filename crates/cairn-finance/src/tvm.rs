//! Time value of money: PV, FV, PMT, IPMT, PPMT, NPER, RATE with the spreadsheet's sign
//! convention (money paid out is negative) and `type` (0 = payments at the end of each period,
//! 1 = at the beginning).

use crate::cashflow::{IRR_ITERATION, newton};
use crate::error::{FinanceError, check_finite, finite, num};

fn check_type(kind: f64) -> Result<bool, FinanceError> {
    if kind == 0.0 {
        Ok(false)
    } else if kind == 1.0 {
        Ok(true)
    } else {
        Err(num(format!("type must be 0 (end of period) or 1 (beginning), not {kind}")))
    }
}

fn check_all(args: &[(f64, &str)]) -> Result<(), FinanceError> {
    args.iter().try_for_each(|(v, n)| check_finite(*v, n))
}

/// `(1 + rate)^nper`, computed so that small rates keep their precision.
fn growth(rate: f64, nper: f64) -> f64 {
    (nper * rate.ln_1p()).exp()
}

/// `((1 + rate)^nper − 1) / rate`, the annuity factor; `nper` when the rate is zero.
fn annuity(rate: f64, nper: f64) -> f64 {
    if rate == 0.0 { nper } else { (nper * rate.ln_1p()).exp_m1() / rate }
}

/// PMT(rate, nper, pv, [fv], [type]): the payment per period of a loan or annuity.
pub fn pmt(rate: f64, nper: f64, pv: f64, fv: f64, kind: f64) -> Result<f64, FinanceError> {
    check_all(&[(rate, "rate"), (nper, "nper"), (pv, "pv"), (fv, "fv")])?;
    let begin = check_type(kind)?;
    if nper == 0.0 {
        return Err(FinanceError::Div0("nper must not be 0".into()));
    }
    if rate <= -1.0 {
        return Err(num(format!("rate must be greater than -1, not {rate}")));
    }
    if rate == 0.0 {
        return finite(-(pv + fv) / nper, "PMT");
    }
    let g = growth(rate, nper);
    let timing = if begin { 1.0 + rate } else { 1.0 };
    finite(-(fv + pv * g) / (timing * annuity(rate, nper)), "PMT")
}

/// FV(rate, nper, pmt, [pv], [type]): the future value of an investment.
pub fn fv(rate: f64, nper: f64, pmt: f64, pv: f64, kind: f64) -> Result<f64, FinanceError> {
    check_all(&[(rate, "rate"), (nper, "nper"), (pmt, "pmt"), (pv, "pv")])?;
    let begin = check_type(kind)?;
    if rate <= -1.0 {
        return Err(num(format!("rate must be greater than -1, not {rate}")));
    }
    let timing = if begin { 1.0 + rate } else { 1.0 };
    finite(-(pv * growth(rate, nper) + pmt * timing * annuity(rate, nper)), "FV")
}

/// PV(rate, nper, pmt, [fv], [type]): the present value of an investment.
pub fn pv(rate: f64, nper: f64, pmt: f64, fv: f64, kind: f64) -> Result<f64, FinanceError> {
    check_all(&[(rate, "rate"), (nper, "nper"), (pmt, "pmt"), (fv, "fv")])?;
    let begin = check_type(kind)?;
    if rate <= -1.0 {
        return Err(num(format!("rate must be greater than -1, not {rate}")));
    }
    let timing = if begin { 1.0 + rate } else { 1.0 };
    finite(-(fv + pmt * timing * annuity(rate, nper)) / growth(rate, nper), "PV")
}

/// IPMT(rate, per, nper, pv, [fv], [type]): the interest part of payment number `per`.
pub fn ipmt(rate: f64, per: f64, nper: f64, pv: f64, fv: f64, kind: f64) -> Result<f64, FinanceError> {
    check_all(&[(per, "per")])?;
    let begin = check_type(kind)?;
    if per < 1.0 || per > nper {
        return Err(num(format!("per must be between 1 and nper ({nper}), not {per}")));
    }
    let payment = pmt(rate, nper, pv, fv, kind)?;
    // The balance before payment `per`, times the rate; with payments at the beginning of the
    // period the first payment carries no interest.
    let interest = if per == 1.0 {
        if begin { 0.0 } else { -pv }
    } else if begin {
        self::fv(rate, per - 2.0, payment, pv, 1.0)? - payment
    } else {
        self::fv(rate, per - 1.0, payment, pv, 0.0)?
    };
    finite(interest * rate, "IPMT")
}

/// PPMT(rate, per, nper, pv, [fv], [type]): the principal part of payment number `per`.
pub fn ppmt(rate: f64, per: f64, nper: f64, pv: f64, fv: f64, kind: f64) -> Result<f64, FinanceError> {
    let payment = pmt(rate, nper, pv, fv, kind)?;
    finite(payment - ipmt(rate, per, nper, pv, fv, kind)?, "PPMT")
}

/// NPER(rate, pmt, pv, [fv], [type]): how many periods an investment takes.
pub fn nper(rate: f64, pmt: f64, pv: f64, fv: f64, kind: f64) -> Result<f64, FinanceError> {
    check_all(&[(rate, "rate"), (pmt, "pmt"), (pv, "pv"), (fv, "fv")])?;
    let begin = check_type(kind)?;
    if rate <= -1.0 {
        return Err(num(format!("rate must be greater than -1, not {rate}")));
    }
    if rate == 0.0 {
        if pmt == 0.0 {
            return Err(FinanceError::Div0("pmt must not be 0 when rate is 0".into()));
        }
        return finite(-(pv + fv) / pmt, "NPER");
    }
    let timing = if begin { 1.0 + rate } else { 1.0 };
    let num_ = pmt * timing - fv * rate;
    let den = pmt * timing + pv * rate;
    if den == 0.0 || num_ / den <= 0.0 {
        return Err(num("no number of periods reaches fv with these payments"));
    }
    finite((num_ / den).ln() / rate.ln_1p(), "NPER")
}

/// RATE(nper, pmt, pv, [fv], [type], [guess]): the rate per period, by Newton's method from
/// `guess` (0.1 in the spreadsheet) as the spreadsheet does: at most 20 steps to within 1e-7,
/// else `#NUM!`.
pub fn rate(nper: f64, pmt: f64, pv: f64, fv: f64, kind: f64, guess: f64) -> Result<f64, FinanceError> {
    check_all(&[(nper, "nper"), (pmt, "pmt"), (pv, "pv"), (fv, "fv"), (guess, "guess")])?;
    let begin = check_type(kind)?;
    if nper <= 0.0 {
        return Err(num(format!("nper must be greater than 0, not {nper}")));
    }
    if guess <= -1.0 {
        return Err(num(format!("guess must be greater than -1 (-100 %), not {guess}")));
    }
    let t = if begin { 1.0 } else { 0.0 };
    // f(r) = pv·(1+r)^n + pmt·(1 + r·t)·((1+r)^n − 1)/r + fv
    let f = |r: f64| pv * growth(r, nper) + pmt * (1.0 + r * t) * annuity(r, nper) + fv;
    // The slope by central difference: the closed form cancels badly near r = 0, and Newton
    // only needs the slope roughly right (the value decides where the root is).
    let value_and_slope = |r: f64| {
        let h = 1e-6 * r.abs().max(1e-3);
        let slope = if r - h > -1.0 { (f(r + h) - f(r - h)) / (2.0 * h) } else { (f(r + h) - f(r)) / h };
        (f(r), slope)
    };
    newton(guess, &IRR_ITERATION, value_and_slope, "RATE")
}

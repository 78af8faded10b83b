//! Time value of money: PV, FV, PMT, IPMT, PPMT, NPER, RATE with the spreadsheet's sign
//! convention (money paid out is negative) and `type` (0 = payments at the end of each period,
//! 1 = at the beginning).

use crate::cashflow::{Iteration, newton};
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

/// `PMT(rate, nper, pv, [fv], [type])`: the payment per period of a loan or annuity.
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

/// `FV(rate, nper, pmt, [pv], [type])`: the future value of an investment.
pub fn fv(rate: f64, nper: f64, pmt: f64, pv: f64, kind: f64) -> Result<f64, FinanceError> {
    check_all(&[(rate, "rate"), (nper, "nper"), (pmt, "pmt"), (pv, "pv")])?;
    let begin = check_type(kind)?;
    if rate <= -1.0 {
        return Err(num(format!("rate must be greater than -1, not {rate}")));
    }
    let timing = if begin { 1.0 + rate } else { 1.0 };
    finite(-(pv * growth(rate, nper) + pmt * timing * annuity(rate, nper)), "FV")
}

/// `PV(rate, nper, pmt, [fv], [type])`: the present value of an investment.
pub fn pv(rate: f64, nper: f64, pmt: f64, fv: f64, kind: f64) -> Result<f64, FinanceError> {
    check_all(&[(rate, "rate"), (nper, "nper"), (pmt, "pmt"), (fv, "fv")])?;
    let begin = check_type(kind)?;
    if rate <= -1.0 {
        return Err(num(format!("rate must be greater than -1, not {rate}")));
    }
    let timing = if begin { 1.0 + rate } else { 1.0 };
    finite(-(fv + pmt * timing * annuity(rate, nper)) / growth(rate, nper), "PV")
}

/// `IPMT(rate, per, nper, pv, [fv], [type])`: the interest part of payment number `per`.
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

/// `PPMT(rate, per, nper, pv, [fv], [type])`: the principal part of payment number `per`.
pub fn ppmt(rate: f64, per: f64, nper: f64, pv: f64, fv: f64, kind: f64) -> Result<f64, FinanceError> {
    let payment = pmt(rate, nper, pv, fv, kind)?;
    finite(payment - ipmt(rate, per, nper, pv, fv, kind)?, "PPMT")
}

/// `NPER(rate, pmt, pv, [fv], [type])`: how many periods an investment takes.
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

/// Newton's method for RATE: LibreOffice Calc allows 150 steps (Excel documents 20, yet solves a
/// 30-year mortgage from its 10 % guess, which takes this iteration about 40); converged when a
/// step is below 1e-7.
const RATE_ITERATION: Iteration = Iteration { iterations: 150, tolerance: 1e-7 };

/// `RATE(nper, pmt, pv, [fv], [type], [guess])`: the rate per period, by Newton's method from
/// `guess` (0.1 in the spreadsheet) as the spreadsheet does; `#NUM!` when it does not converge.
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
    // The loan's balance after nper periods: pv·(1+r)^n + pmt·(1 + r·t)·((1+r)^n − 1)/r + fv.
    // From a guess above the answer this is convex and Newton walks down to the root without
    // overshooting (slowly from far away: hence the 150 steps). Discounting it to today would
    // make it concave there, and Newton would jump below −100 %.
    let f = |r: f64| pv * growth(r, nper) + pmt * (1.0 + r * t) * annuity(r, nper) + fv;
    // The slope by central difference: the closed form cancels badly near r = 0, and Newton
    // only needs the slope roughly right (the value decides where the root is).
    let value_and_slope = |r: f64| {
        let h = 1e-6 * r.abs().max(1e-3);
        let slope = if r - h > -1.0 { (f(r + h) - f(r - h)) / (2.0 * h) } else { (f(r + h) - f(r)) / h };
        (f(r), slope)
    };
    newton(guess, &RATE_ITERATION, value_and_slope, "RATE")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `actual` agrees with a figure the spreadsheet's documentation shows to `decimals` places.
    fn check(actual: Result<f64, FinanceError>, shown: f64, decimals: i32) {
        let actual = actual.expect("a value");
        assert!((actual - shown).abs() <= 0.5 * 10f64.powi(-decimals), "{actual} is not {shown}");
    }

    #[test]
    fn loan_functions_match_the_spreadsheet_documentation() {
        check(pmt(0.08 / 12.0, 10.0, 10000.0, 0.0, 0.0), -1037.03, 2);
        check(pmt(0.08 / 12.0, 10.0, 10000.0, 0.0, 1.0), -1030.16, 2);
        check(pmt(0.06 / 12.0, 18.0 * 12.0, 0.0, 50000.0, 0.0), -129.08, 2);
        check(fv(0.06 / 12.0, 10.0, -200.0, -500.0, 1.0), 2581.40, 2);
        check(fv(0.12 / 12.0, 12.0, -1000.0, 0.0, 0.0), 12682.50, 2);
        check(pv(0.08 / 12.0, 12.0 * 20.0, 500.0, 0.0, 0.0), -59777.15, 2);
        check(nper(0.12 / 12.0, -100.0, -1000.0, 10000.0, 1.0), 59.6738657, 7);
        check(nper(0.12 / 12.0, -100.0, -1000.0, 10000.0, 0.0), 60.0821228538, 10);
        check(nper(0.12 / 12.0, -100.0, -1000.0, 0.0, 0.0), -9.57859404, 8);
        check(rate(48.0, -200.0, 8000.0, 0.0, 0.0, 0.1), 0.00770147, 8);
        check(ipmt(0.1 / 12.0, 1.0, 36.0, 8000.0, 0.0, 0.0), -66.67, 2);
        check(ipmt(0.1, 3.0, 3.0, 8000.0, 0.0, 0.0), -292.45, 2);
        check(ppmt(0.1 / 12.0, 1.0, 24.0, 2000.0, 0.0, 0.0), -75.62, 2);
        check(ppmt(0.08, 10.0, 10.0, 200000.0, 0.0, 0.0), -27598.05, 2);
    }

    #[test]
    fn zero_rate_and_payments_in_advance() {
        assert_eq!(pmt(0.0, 10.0, 1000.0, 0.0, 0.0), Ok(-100.0));
        assert_eq!(fv(0.0, 10.0, -100.0, 0.0, 0.0), Ok(1000.0));
        assert_eq!(pv(0.0, 10.0, -100.0, 0.0, 0.0), Ok(1000.0));
        assert_eq!(nper(0.0, -100.0, 1000.0, 0.0, 0.0), Ok(10.0));
        // The first payment in advance carries no interest.
        assert_eq!(ipmt(0.1, 1.0, 10.0, 1000.0, 0.0, 1.0), Ok(0.0));
        let payment = pmt(0.1, 10.0, 1000.0, 0.0, 1.0).expect("pmt");
        assert_eq!(ppmt(0.1, 1.0, 10.0, 1000.0, 0.0, 1.0), Ok(payment));
        // RATE recovers the rate PMT was computed with.
        let payment = pmt(0.005, 360.0, 250_000.0, 0.0, 0.0).expect("pmt");
        let r = rate(360.0, payment, 250_000.0, 0.0, 0.0, 0.1).expect("rate");
        assert!((r - 0.005).abs() < 1e-15, "{r}");
    }

    #[test]
    fn bad_arguments_are_named() {
        let check_error = |result: Result<f64, FinanceError>, code: &str, words: &str| {
            let error = result.expect_err("an error");
            assert_eq!(error.code(), code, "{error}");
            assert!(error.message().contains(words), "{error} lacks {words:?}");
        };
        check_error(pmt(0.1, 0.0, 1000.0, 0.0, 0.0), "#DIV/0!", "nper");
        check_error(pmt(-1.0, 10.0, 1000.0, 0.0, 0.0), "#NUM!", "rate must be greater than -1");
        check_error(pmt(0.1, 10.0, 1000.0, 0.0, 2.0), "#NUM!", "type must be 0");
        check_error(pmt(f64::NAN, 10.0, 1000.0, 0.0, 0.0), "#VALUE!", "rate");
        check_error(ipmt(0.1, 0.0, 10.0, 1000.0, 0.0, 0.0), "#NUM!", "per must be between 1 and nper");
        check_error(ipmt(0.1, 11.0, 10.0, 1000.0, 0.0, 0.0), "#NUM!", "per must be between 1 and nper");
        check_error(nper(0.0, 0.0, 1000.0, 0.0, 0.0), "#DIV/0!", "pmt");
        check_error(nper(0.1, -50.0, 1000.0, 0.0, 0.0), "#NUM!", "no number of periods");
        check_error(rate(0.0, -100.0, 1000.0, 0.0, 0.0, 0.1), "#NUM!", "nper must be greater than 0");
        check_error(rate(10.0, 100.0, 1000.0, 0.0, 0.0, 0.1), "#NUM!", "RATE did not converge");
        check_error(pv(0.1, 1e6, -1.0, 0.0, 0.0), "#NUM!", "too large");
    }
}

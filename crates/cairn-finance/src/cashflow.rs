//! Cash-flow functions: NPV, IRR, MIRR, XNPV, XIRR, every IRR of a flow, and payback.

use chrono::NaiveDate;

use crate::error::{FinanceError, check_finite, check_rate, check_values, finite, num};

/// `(1 + rate)^t`: what an amount at the end of period `t` is divided by to bring it to t = 0.
/// Computed afresh for each `t` (`powf`), as the spreadsheet's NPV computes it, so that every
/// figure Cairn discounts agrees with [`npv`] to the last bit. This is the bare arithmetic the
/// functions here share, for callers that have checked the rate (above −1) themselves.
pub fn compound(rate: f64, t: f64) -> f64 {
    (1.0 + rate).powf(t)
}

/// `1 / (1 + rate)^t`: the discount factor of period `t` (see [`compound`]).
pub fn discount_factor(rate: f64, t: f64) -> f64 {
    1.0 / compound(rate, t)
}

/// `NPV(rate, values)`: `Σ values[i] / (1 + rate)^(i + 1)`. As in the spreadsheet, the first
/// value is discounted one whole period; add a time-0 outlay outside: `NPV(r, v) + v0`.
pub fn npv(rate: f64, values: &[f64]) -> Result<f64, FinanceError> {
    check_rate(rate, "rate")?;
    check_values(values, "values")?;
    // Each value is divided by (1 + rate)^(i + 1) computed afresh, as the spreadsheet does, so
    // that every printed digit agrees (a running product drifts by a few units in the last place).
    let sum: f64 = values.iter().enumerate().map(|(i, v)| v / compound(rate, (i + 1) as f64)).sum();
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

/// How the spreadsheet runs Newton's method for one function: at most `iterations` steps, and
/// converged once a step is no larger than `tolerance`. Excel documents 20 steps to 0.00001 %
/// (1e-7) for IRR and RATE and 100 steps to 0.000001 % (1e-8) for XIRR; beyond those a
/// spreadsheet shows #NUM!, and so do we.
pub(crate) struct Iteration {
    pub(crate) iterations: u32,
    pub(crate) tolerance: f64,
}

pub(crate) const IRR_ITERATION: Iteration = Iteration { iterations: 20, tolerance: 1e-7 };
const XIRR_ITERATION: Iteration = Iteration { iterations: 100, tolerance: 1e-8 };

/// Newton's method as the spreadsheet runs it, from `guess`. `f` returns the function's value
/// and slope. Once the spreadsheet would stop, a few more steps polish the root to full double
/// precision: from that close, Newton cannot move to another root, and the digits after the
/// spreadsheet's 15 shown should be right rather than wherever its tolerance left them.
/// A value or slope that overflows is #NUM! (never a step of 0 that looks like convergence).
pub(crate) fn newton(
    guess: f64,
    rule: &Iteration,
    f: impl Fn(f64) -> (f64, f64),
    what: &str,
) -> Result<f64, FinanceError> {
    let fail = || {
        num(format!(
            "{what} did not converge from the guess {guess} within {} iterations; try a guess nearer the answer",
            rule.iterations
        ))
    };
    let step = |r: f64| -> Result<f64, FinanceError> {
        let (value, slope) = f(r);
        // An overflowed value or slope makes the step meaningless: an infinite slope gives a
        // step of 0, which would pass for convergence and return the rate it stood on (the
        // guess). The spreadsheet shows #NUM! when its arithmetic overflows; so do we.
        if !value.is_finite() || !slope.is_finite() {
            return Err(num(format!(
                "{what} cannot be computed: at the rate {r} the discounted values are too large to represent"
            )));
        }
        if value == 0.0 {
            return Ok(r);
        }
        let next = r - value / slope;
        // A step to -100 % or below leaves the domain where the discount factors are defined.
        if next.is_finite() && next > -1.0 { Ok(next) } else { Err(fail()) }
    };
    let mut r = guess;
    let mut converged = false;
    for _ in 0..rule.iterations {
        let next = step(r)?;
        let moved = (next - r).abs();
        r = next;
        if moved <= rule.tolerance {
            converged = true;
            break;
        }
    }
    if !converged {
        return Err(fail());
    }
    let mut last_move = f64::INFINITY;
    for _ in 0..8 {
        let Ok(next) = step(r) else { break };
        let moved = (next - r).abs();
        // Rounding noise: once the steps stop shrinking, the root is as good as doubles allow.
        if moved >= last_move {
            break;
        }
        r = next;
        last_move = moved;
        if moved <= f64::EPSILON * r.abs() {
            break;
        }
    }
    finite(r, what)
}

/// `IRR(values, [guess])`: the rate at which the flows' NPV (first value at time 0) is zero,
/// found by Newton's method from `guess` (default 0.1) like the spreadsheet: at most 20 steps,
/// else #NUM!. A flow with several IRRs gives the one the iteration reaches from the guess (see
/// [`irr_all`] and [`irr_outcome`] to find them all).
pub fn irr(values: &[f64], guess: Option<f64>) -> Result<f64, FinanceError> {
    check_values(values, "values")?;
    let guess = guess.unwrap_or(0.1);
    check_finite(guess, "guess")?;
    if guess <= -1.0 {
        return Err(num(format!("guess must be greater than -1 (-100 %), not {guess}")));
    }
    if !has_both_signs(values) {
        return Err(num("values must contain at least one positive and one negative value"));
    }
    newton(guess, &IRR_ITERATION, |r| npv0_and_slope(r, values), "IRR")
}

/// Every real IRR above −100 % of a flow (first value at time 0), ascending. Two or more mean
/// the IRR alone is misleading (quote MIRR); none means it is undefined.
///
/// # Method
///
/// With `d = 1 / (1 + r)`, the NPV is the polynomial `P(d) = Σ values[i]·dⁱ` and the IRRs are
/// its roots with `d > 0`. They are isolated exactly rather than searched for on a grid, which
/// could step over two close roots or a root where the NPV only touches zero:
///
/// - Descartes' rule of signs: no sign change in the coefficients means no positive root, one
///   sign change means exactly one.
/// - Otherwise the roots of `P′` (found the same way, recursively) cut `(0, ∞)` into pieces on
///   which `P` is monotone, so each piece holds at most one root, present exactly when `P`
///   changes sign across it; that root is found by bisection to the last representable digit.
///   A critical point where `P` is zero within rounding is itself a (multiple) root.
/// - Cauchy's bounds confine the positive roots to a finite interval; `P` is evaluated scaled
///   by `max(1, d)ⁿ` so that large `d` (rates near −100 %) cannot overflow.
///
/// Roots closer together than rounding can tell apart (about 1e-8 relative for a double root)
/// are reported once. Leading or trailing zero flows change nothing.
pub fn irr_all(values: &[f64]) -> Result<Vec<f64>, FinanceError> {
    check_values(values, "values")?;
    let mut roots: Vec<f64> = positive_roots(values.to_vec()).into_iter().map(|d| 1.0 / d - 1.0).collect();
    // d ascending is r descending.
    roots.reverse();
    roots.dedup();
    Ok(roots)
}

/// The coefficients without zero terms at either end: a factor `dᵐ` has no positive root, and
/// zero high terms do not raise the degree.
fn trim(coefficients: &mut Vec<f64>) {
    while coefficients.last() == Some(&0.0) {
        coefficients.pop();
    }
    let zeros = coefficients.iter().take_while(|c| **c == 0.0).count();
    coefficients.drain(..zeros);
}

fn sign_changes(coefficients: &[f64]) -> usize {
    let signs: Vec<bool> = coefficients.iter().filter(|c| **c != 0.0).map(|c| *c > 0.0).collect();
    signs.windows(2).filter(|w| w[0] != w[1]).count()
}

/// `P(d) / max(1, d)ⁿ` and the same for `Σ |cᵢ|·dⁱ` (the size rounding errors scale with). The
/// scaling keeps both finite for any `d > 0` without changing the sign of `P`.
fn scaled(coefficients: &[f64], d: f64) -> (f64, f64) {
    let (mut value, mut size) = (0.0, 0.0);
    if d <= 1.0 {
        for c in coefficients.iter().rev() {
            value = value * d + c;
            size = size * d + c.abs();
        }
    } else {
        let e = 1.0 / d;
        for c in coefficients {
            value = value * e + c;
            size = size * e + c.abs();
        }
    }
    (value, size)
}

/// The positive roots of `Σ coefficients[i]·dⁱ`, ascending (see [`irr_all`]).
fn positive_roots(mut c: Vec<f64>) -> Vec<f64> {
    trim(&mut c);
    let n = c.len().saturating_sub(1);
    let changes = sign_changes(&c);
    if n == 0 || changes == 0 {
        return Vec::new();
    }
    // Cauchy: every root has |d| < 1 + max|cᵢ / cₙ|, and (for the reversed polynomial)
    // |d| > 1 / (1 + max|cᵢ / c₀|). Doubling keeps the bounds strictly outside; the clamps keep
    // them finite when coefficients span more than the range of a double.
    let (first, last) = (c[0].abs(), c[n].abs());
    let high = 2.0 * (1.0 + c[..n].iter().map(|x| x.abs() / last).fold(0.0, f64::max));
    let low = 0.5 / (1.0 + c[1..].iter().map(|x| x.abs() / first).fold(0.0, f64::max));
    let (low, high) = (low.clamp(1e-300, 1.0), high.clamp(1.0, 1e300));
    if changes == 1 {
        return bisect(&c, low, high).into_iter().collect();
    }
    // The derivative, rescaled so that repeated differentiation cannot overflow (a positive
    // factor does not move the roots).
    let mut slope: Vec<f64> = c.iter().enumerate().skip(1).map(|(i, x)| i as f64 * x).collect();
    let largest = slope.iter().fold(0.0_f64, |m, x| m.max(x.abs()));
    if largest > 0.0 && largest.is_finite() {
        slope.iter_mut().for_each(|x| *x /= largest);
    }
    let mut points = vec![(low, false)];
    for critical in positive_roots(slope) {
        if critical > low && critical < high {
            let (value, size) = scaled(&c, critical);
            // Zero within the rounding of the evaluation: a root where P touches zero.
            let touches = value.abs() <= 4.0 * (n as f64 + 1.0) * f64::EPSILON * size;
            points.push((critical, touches));
        }
    }
    points.push((high, false));
    let mut roots = Vec::new();
    for pair in points.windows(2) {
        let ((a, a_root), (b, b_root)) = (pair[0], pair[1]);
        if a_root {
            roots.push(a);
        }
        // P is monotone between consecutive critical points: next to a root it has no other.
        if !a_root && !b_root {
            roots.extend(bisect(&c, a, b));
        }
    }
    roots
}

/// The root of `Σ c[i]·dⁱ` in `[a, b]` if the polynomial changes sign there, by bisection
/// until no double lies strictly between the ends.
fn bisect(c: &[f64], mut a: f64, mut b: f64) -> Option<f64> {
    let sign = |d: f64| scaled(c, d).0.signum();
    let (sa, sb) = (sign(a), sign(b));
    if scaled(c, a).0 == 0.0 {
        return Some(a);
    }
    if scaled(c, b).0 == 0.0 {
        return Some(b);
    }
    if sa == sb {
        return None;
    }
    // Each halving of a bounded interval of doubles gains a bit; 2,200 halvings exhaust the range.
    for _ in 0..2200 {
        // Halve in the logarithm while the ends are orders of magnitude apart, so that roots
        // near d = 0 (very high rates) get as many correct digits as the others.
        let m = if b > 4.0 * a { a.sqrt() * b.sqrt() } else { a + 0.5 * (b - a) };
        if m <= a || m >= b {
            break;
        }
        let (value, _) = scaled(c, m);
        if value == 0.0 {
            return Some(m);
        }
        if value.signum() == sa {
            a = m;
        } else {
            b = m;
        }
    }
    Some(a + 0.5 * (b - a))
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

/// `MIRR(values, finance_rate, reinvest_rate)`: negative flows discounted to time 0 at the
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

/// `XNPV(rate, values, dates)`: `Σ values[i] / (1 + rate)^((dates[i] − dates[0]) / 365)`.
pub fn xnpv(rate: f64, values: &[f64], dates: &[NaiveDate]) -> Result<f64, FinanceError> {
    check_rate(rate, "rate")?;
    let years = year_fractions(values, dates)?;
    let sum: f64 = values.iter().zip(&years).map(|(v, t)| v / (1.0 + rate).powf(*t)).sum();
    finite(sum, "XNPV")
}

/// `XIRR(values, dates, [guess])`: the rate at which XNPV is zero, by Newton's method from
/// `guess` (default 0.1).
pub fn xirr(values: &[f64], dates: &[NaiveDate], guess: Option<f64>) -> Result<f64, FinanceError> {
    let years = year_fractions(values, dates)?;
    let guess = guess.unwrap_or(0.1);
    check_finite(guess, "guess")?;
    if guess <= -1.0 {
        return Err(num(format!("guess must be greater than -1 (-100 %), not {guess}")));
    }
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
    newton(guess, &XIRR_ITERATION, f, "XIRR")
}

/// Periods until the cumulative flow (values[0] at time 0) turns non-negative after having been
/// negative, interpolating linearly inside the period where it crosses (the period's flow is
/// taken as arriving evenly). A flow whose cumulative sum is never negative pays back at once
/// (0); leading zeros are no investment yet, so they do not count as paid back. Should the
/// cumulative sum dip below zero again later, the first crossing is still the payback, as in
/// the textbook definition; the flows themselves show the later dip.
fn payback_of(flows: impl Iterator<Item = f64>) -> Result<f64, FinanceError> {
    let mut cumulative = 0.0;
    let mut invested = false;
    for (i, v) in flows.enumerate() {
        let before = cumulative;
        cumulative += v;
        if cumulative < 0.0 {
            invested = true;
        } else if invested {
            // `before < 0 <= before + v`, so `v > 0` and the fraction lies in (0, 1].
            return finite((i - 1) as f64 + (-before) / v, "PAYBACK");
        }
    }
    if invested { Err(num("the investment is never paid back within these periods")) } else { Ok(0.0) }
}

/// `PAYBACK(values)`: simple payback in periods, Cairn's function (no spreadsheet has one):
/// `values[0]` at time 0, the first time the cumulative flow turns non-negative, interpolated
/// linearly inside the crossing period; `#NUM!` when it never does. A flow that is never
/// negative in total pays back at once (0).
pub fn payback(values: &[f64]) -> Result<f64, FinanceError> {
    check_values(values, "values")?;
    payback_of(values.iter().copied())
}

/// `DISCOUNTED_PAYBACK(rate, values)`: [`payback`] of the flows discounted at `rate`
/// (`values[i] / (1 + rate)^i`, `values[0]` at time 0, undiscounted).
pub fn discounted_payback(rate: f64, values: &[f64]) -> Result<f64, FinanceError> {
    check_rate(rate, "rate")?;
    check_values(values, "values")?;
    payback_of(values.iter().enumerate().map(|(i, v)| v / compound(rate, i as f64)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(actual: f64, expected: f64, tolerance: f64) -> bool {
        (actual - expected).abs() <= tolerance * expected.abs().max(1.0)
    }

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("test date")
    }

    /// `irr_all(values)` equals `expected` root by root.
    fn check_roots(values: &[f64], expected: &[f64]) {
        let roots = irr_all(values).expect("irr_all");
        assert!(
            roots.len() == expected.len() && roots.iter().zip(expected).all(|(a, e)| close(*a, *e, 1e-9)),
            "irr_all({values:?}) = {roots:?}, expected {expected:?}"
        );
    }

    fn check_error(result: Result<f64, FinanceError>, code: &str, words: &str) {
        let error = result.expect_err("an error");
        assert_eq!(error.code(), code, "{error}");
        assert!(error.message().contains(words), "{error} lacks {words:?}");
    }

    #[test]
    fn npv_discounts_the_first_value_one_period() {
        assert!(close(npv(0.1, &[-10000.0, 3000.0, 4200.0, 6800.0]).expect("npv"), 1188.4434123352228, 1e-12));
        assert_eq!(npv(0.0, &[1.0, 2.0, 3.0]), Ok(6.0));
        assert_eq!(npv(1.0, &[2.0]), Ok(1.0));
        check_error(npv(-1.0, &[1.0]), "#NUM!", "rate must be greater than -1");
        check_error(npv(0.1, &[]), "#VALUE!", "values must contain at least one number");
        check_error(npv(0.1, &[1.0, f64::NAN]), "#VALUE!", "values[1]");
        check_error(npv(f64::INFINITY, &[1.0]), "#VALUE!", "rate");
        check_error(npv(-0.999_999, &[1e300, 1e300]), "#NUM!", "too large");
    }

    #[test]
    fn irr_follows_newton_from_the_guess() {
        let flows = [-70000.0, 12000.0, 15000.0];
        assert!(close(irr(&flows, Some(-0.1)).expect("irr"), -0.44350694133474056, 1e-12));
        // Two IRRs: the guess decides which one, as in the spreadsheet.
        let two = [-1600.0, 10000.0, -10000.0];
        assert!(close(irr(&two, None).expect("irr"), 0.25, 1e-14));
        assert!(close(irr(&two, Some(3.0)).expect("irr"), 4.0, 1e-14));
        check_error(irr(&[1.0, 2.0, 3.0], None), "#NUM!", "one positive and one negative");
        check_error(irr(&[-1.0, 2.0], Some(-1.0)), "#NUM!", "guess must be greater than -1");
        check_error(irr(&[], None), "#VALUE!", "values");
        // The only IRR is near -100 %, too far for 20 Newton steps from 10 %: the spreadsheet
        // shows #NUM! there, and irr_all still finds it.
        check_error(irr(&[-1e6, 1.0, 1.0], None), "#NUM!", "did not converge");
        assert_eq!(irr_all(&[-1e6, 1.0, 1.0]).expect("roots").len(), 1);
    }

    #[test]
    fn an_overflow_is_num_never_the_guess() {
        // At the guess 10 % the slope's 2 × 1e308 overflows; the step of 0 it gave once passed
        // for convergence and IRR printed 0.1.
        check_error(irr(&[-1e308, 1e308, 1e308], None), "#NUM!", "too large to represent");
        check_error(irr(&[-1e308, 1e308, 1e308], Some(0.5)), "#NUM!", "too large to represent");
        let dates = [date("2020-01-01"), date("2021-01-01"), date("2022-01-02")];
        check_error(xirr(&[-1e308, 1e308, 1e308], &dates, None), "#NUM!", "too large to represent");
        // The same flows scaled down have an IRR (the golden ratio − 1): it is the size, not
        // the shape, that the arithmetic cannot carry.
        assert!(close(irr(&[-1.0, 1.0, 1.0], None).expect("irr"), 0.6180339887498949, 1e-12));
    }

    proptest::proptest! {
        /// IRR does not depend on the flows' scale. Scaled by a power of two, every step of
        /// Newton's method scales exactly, so the answer is the same rate to the last bit, or
        /// #NUM! where the arithmetic overflows; never another rate (such as the guess).
        #[test]
        fn irr_at_any_scale_is_the_irr_or_num(
            flows in proptest::collection::vec(-1000.0..1000.0_f64, 2..8),
            exponent in -600i32..=1023,
            guess in proptest::prop_oneof![proptest::strategy::Just(0.1), -0.5..2.0_f64],
        ) {
            use proptest::prelude::*;
            let Ok(expected) = irr(&flows, Some(guess)) else { return Ok(()) };
            let scale = 2f64.powi(exponent);
            let scaled: Vec<f64> = flows.iter().map(|v| v * scale).collect();
            // Exact scaling: no flow overflows or becomes subnormal.
            prop_assume!(scaled.iter().all(|v| *v == 0.0 || v.is_normal()));
            prop_assume!(scaled.iter().zip(&flows).all(|(s, v)| s / scale == *v));
            match irr(&scaled, Some(guess)) {
                Ok(r) => prop_assert_eq!(r, expected, "scale 2^{}", exponent),
                Err(e) => prop_assert_eq!(e.code(), "#NUM!"),
            }
        }
    }

    #[test]
    fn irr_all_finds_every_root() {
        check_roots(&[-100.0, 39.0, 59.0, 55.0, 20.0], &[0.2809484211599611]);
        check_roots(&[-1600.0, 10000.0, -10000.0], &[0.25, 4.0]);
        check_roots(&[-5.0, 10.5, 1.0, -8.0, 1.0], &[-0.870201247485, 0.0885983385278, 0.709559527686]);
        check_roots(&[-100.0, 100.0, 0.0, -7.0], &[-0.678894373632, -0.0832996661849]);
        check_roots(
            &[-1678.87, 771.96, 1814.05, 3520.3, 3552.95, 3584.99, 4789.91, -1.0],
            &[-0.999791260428, 1.00426984872],
        );
        // Leading and trailing zeros change nothing; a high rate is found too.
        check_roots(&[0.0, 0.0, -1.0, 1000.0, 0.0], &[999.0]);
        check_roots(&[-1.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 1024.0], &[1.0]);
        // No sign change: no IRR.
        check_roots(&[1.0, 2.0, 3.0], &[]);
        check_roots(&[0.0, 0.0], &[]);
        check_roots(&[-5.0], &[]);
    }

    #[test]
    fn irr_all_finds_roots_a_grid_would_step_over() {
        // NPV = -(1 - d)² with d = 1/(1+r): it touches zero at r = 0 without crossing.
        check_roots(&[-1.0, 2.0, -1.0], &[0.0]);
        // A triple root at r = 0.
        check_roots(&[-1.0, 3.0, -3.0, 1.0], &[0.0]);
        // Two roots 0.01 percentage point apart: (d − 1/1.1)(d − 1/1.1001).
        let (d1, d2) = (1.0 / 1.1, 1.0 / 1.1001);
        check_roots(&[d1 * d2, -(d1 + d2), 1.0], &[0.1, 0.1001]);
    }

    #[test]
    fn irr_all_agrees_with_irr_on_a_long_monthly_flow() {
        let mut flows = vec![-100_000.0];
        flows.extend(std::iter::repeat_n(1_000.0, 360));
        let roots = irr_all(&flows).expect("roots");
        let newton = irr(&flows, Some(0.01)).expect("irr");
        assert!(roots.len() == 1 && close(roots[0], newton, 1e-12), "{roots:?} vs {newton}");
    }

    #[test]
    fn irr_outcome_classifies() {
        assert_eq!(irr_outcome(&[1.0, 2.0]), Ok(IrrOutcome::Undefined));
        assert!(matches!(irr_outcome(&[-1.0, 1.1]), Ok(IrrOutcome::Unique(r)) if close(r, 0.1, 1e-14)));
        assert!(matches!(irr_outcome(&[-1600.0, 10000.0, -10000.0]), Ok(IrrOutcome::Multiple(v)) if v.len() == 2));
    }

    #[test]
    fn mirr_needs_both_signs_and_two_periods() {
        let flows = [-120000.0, 39000.0, 30000.0, 21000.0, 37000.0, 46000.0];
        assert!(close(mirr(&flows, 0.1, 0.12).expect("mirr"), 0.12609413036590514, 1e-12));
        check_error(mirr(&[1.0, 2.0], 0.1, 0.1), "#DIV/0!", "negative");
        check_error(mirr(&[-1.0, -2.0], 0.1, 0.1), "#DIV/0!", "positive");
        check_error(mirr(&[-1.0], 0.1, 0.1), "#DIV/0!", "two periods");
        check_error(mirr(&[-1.0, 2.0], -1.0, 0.1), "#NUM!", "finance_rate");
    }

    #[test]
    fn xnpv_and_xirr_count_days_over_365() {
        let dates = [date("2020-01-01"), date("2021-01-01"), date("2022-01-01")];
        assert!(close(xnpv(0.1, &[-1000.0, 1100.0], &dates[..2]).expect("xnpv"), -0.26108969043879904, 1e-12));
        assert!(close(xirr(&[-1000.0, 1000.0, 1000.0], &dates, None).expect("xirr"), 0.6164943046828671, 1e-12));
        check_error(xnpv(0.1, &[1.0, 2.0], &dates), "#NUM!", "same length");
        check_error(xnpv(0.1, &[1.0, 2.0], &[dates[1], dates[0]]), "#NUM!", "before the first date");
        check_error(xirr(&[-1.0, 2.0], &[dates[1], dates[0]], None), "#NUM!", "before the first date");
        check_error(xirr(&[1.0, 2.0], &dates[..2], None), "#NUM!", "one positive and one negative");
        check_error(xnpv(-1.5, &[1.0], &dates[..1]), "#NUM!", "rate");
    }

    #[test]
    fn payback_interpolates_inside_the_crossing_period() {
        let check = |values: &[f64], expected: f64| {
            let actual = payback(values).expect("payback");
            assert!(close(actual, expected, 1e-12), "PAYBACK({values:?}) = {actual}, expected {expected}");
        };
        check(&[-1000.0, 300.0, 400.0, 500.0, 200.0], 2.6);
        check(&[-100.0, 100.0], 1.0);
        check(&[100.0, 50.0], 0.0);
        check(&[0.0, -100.0, 60.0, 60.0], 2.0 + 40.0 / 60.0);
        // The first crossing counts, even if the sum dips again later.
        check(&[-100.0, 150.0, -200.0, 200.0], 100.0 / 150.0);
        check_error(payback(&[-100.0, 50.0]), "#NUM!", "never paid back");
        check_error(payback(&[]), "#VALUE!", "values");
        let discounted = discounted_payback(0.1, &[-1000.0, 300.0, 400.0, 500.0, 200.0]).expect("payback");
        assert!(close(discounted, 3.154, 1e-12), "{discounted}");
        check_error(discounted_payback(0.1, &[-1000.0, 300.0, 400.0, 500.0]), "#NUM!", "never paid back");
        check_error(discounted_payback(-1.0, &[-1.0, 2.0]), "#NUM!", "rate");
    }
}

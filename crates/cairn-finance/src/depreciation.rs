//! Depreciation: SLN, SYD, DDB, DB and VDB, with the spreadsheet's rules (DB rounds its rate to
//! three decimals; VDB switches to straight line when that gives more, unless told not to).

use crate::error::{FinanceError, check_finite, finite, num};

fn check_all(args: &[(f64, &str)]) -> Result<(), FinanceError> {
    args.iter().try_for_each(|(v, n)| check_finite(*v, n))
}

/// `SLN(cost, salvage, life)`: straight-line depreciation per period.
pub fn sln(cost: f64, salvage: f64, life: f64) -> Result<f64, FinanceError> {
    check_all(&[(cost, "cost"), (salvage, "salvage"), (life, "life")])?;
    if life == 0.0 {
        return Err(FinanceError::Div0("life must not be 0".into()));
    }
    finite((cost - salvage) / life, "SLN")
}

/// `SYD(cost, salvage, life, per)`: sum-of-years'-digits depreciation for period `per`.
pub fn syd(cost: f64, salvage: f64, life: f64, per: f64) -> Result<f64, FinanceError> {
    check_all(&[(cost, "cost"), (salvage, "salvage"), (life, "life"), (per, "per")])?;
    if life <= 0.0 {
        return Err(num(format!("life must be greater than 0, not {life}")));
    }
    if per <= 0.0 || per > life {
        return Err(num(format!("per must be between 1 and life ({life}), not {per}")));
    }
    finite((cost - salvage) * (life - per + 1.0) * 2.0 / (life * (life + 1.0)), "SYD")
}

/// Declining-balance depreciation of one period, without argument checks (shared by DDB and VDB).
fn ddb_period(cost: f64, salvage: f64, life: f64, period: f64, factor: f64) -> f64 {
    let mut rate = factor / life;
    let before = if rate >= 1.0 {
        rate = 1.0;
        if period == 1.0 { cost } else { 0.0 }
    } else {
        cost * (1.0 - rate).powf(period - 1.0)
    };
    let after = cost * (1.0 - rate).powf(period);
    let depreciation = if after < salvage { before - salvage } else { before - after };
    depreciation.max(0.0)
}

/// `DDB(cost, salvage, life, period, [factor])`: declining balance at `factor / life` (factor 2
/// by default, "double declining"), never below salvage.
pub fn ddb(cost: f64, salvage: f64, life: f64, period: f64, factor: f64) -> Result<f64, FinanceError> {
    check_all(&[(cost, "cost"), (salvage, "salvage"), (life, "life"), (period, "period"), (factor, "factor")])?;
    if cost < 0.0 || salvage < 0.0 {
        return Err(num("cost and salvage must not be negative"));
    }
    if life <= 0.0 || factor <= 0.0 {
        return Err(num("life and factor must be greater than 0"));
    }
    if period <= 0.0 || period > life {
        return Err(num(format!("period must be between 1 and life ({life}), not {period}")));
    }
    finite(ddb_period(cost, salvage, life, period, factor), "DDB")
}

/// `DB(cost, salvage, life, period, [month])`: fixed-declining balance with the rate
/// `1 − (salvage / cost)^(1 / life)` rounded to three decimals, a first year of `month` months
/// (12 by default) and, when that is short, a last period `life + 1` for the rest.
pub fn db(cost: f64, salvage: f64, life: f64, period: f64, month: f64) -> Result<f64, FinanceError> {
    check_all(&[(cost, "cost"), (salvage, "salvage"), (life, "life"), (period, "period"), (month, "month")])?;
    if cost < 0.0 || salvage < 0.0 {
        return Err(num("cost and salvage must not be negative"));
    }
    if life <= 0.0 {
        return Err(num(format!("life must be greater than 0, not {life}")));
    }
    if !(1.0..=12.0).contains(&month) {
        return Err(num(format!("month must be between 1 and 12, not {month}")));
    }
    let last = if month < 12.0 { life + 1.0 } else { life };
    if period < 1.0 || period > last || period.fract() != 0.0 {
        return Err(num(format!("period must be a whole number from 1 to {last}, not {period}")));
    }
    if cost == 0.0 {
        return Ok(0.0);
    }
    // The spreadsheet rounds the rate to three decimals before using it.
    let rate = ((1.0 - (salvage / cost).powf(1.0 / life)) * 1000.0).round() / 1000.0;
    let first = cost * rate * month / 12.0;
    if period == 1.0 {
        return finite(first, "DB");
    }
    let mut total = first;
    let mut depreciation = 0.0;
    let mut p = 2.0;
    while p <= period {
        depreciation =
            if p == life + 1.0 { (cost - total) * rate * (12.0 - month) / 12.0 } else { (cost - total) * rate };
        total += depreciation;
        p += 1.0;
    }
    finite(depreciation, "DB")
}

/// Depreciation of the first `periods` periods (possibly fractional) of an asset whose
/// remaining life is `life_left`, switching to straight line when that is larger.
fn declining_with_switch(cost: f64, salvage: f64, life: f64, life_left: f64, periods: f64, factor: f64) -> f64 {
    let last = periods.ceil();
    let mut remaining = cost - salvage;
    let mut straight = 0.0;
    let mut switched = false;
    let mut total = 0.0;
    let mut i = 1.0;
    while i <= last {
        let mut term = if switched {
            straight
        } else {
            let declining = ddb_period(cost, salvage, life, i, factor);
            straight = remaining / (life_left - (i - 1.0));
            if straight > declining {
                switched = true;
                straight
            } else {
                remaining -= declining;
                declining
            }
        };
        if i == last {
            term *= periods + 1.0 - last;
        }
        total += term;
        i += 1.0;
    }
    total
}

/// `VDB(cost, salvage, life, start, end, [factor], [no_switch])`: declining-balance depreciation
/// between `start` and `end` (fractions of periods allowed), switching to straight line when it
/// gives more unless `no_switch`.
pub fn vdb(
    cost: f64,
    salvage: f64,
    life: f64,
    start: f64,
    end: f64,
    factor: f64,
    no_switch: bool,
) -> Result<f64, FinanceError> {
    check_all(&[
        (cost, "cost"),
        (salvage, "salvage"),
        (life, "life"),
        (start, "start"),
        (end, "end"),
        (factor, "factor"),
    ])?;
    if cost < 0.0 || salvage < 0.0 || salvage > cost {
        return Err(num("cost and salvage must not be negative, and salvage must not exceed cost"));
    }
    if life <= 0.0 || factor <= 0.0 {
        return Err(num("life and factor must be greater than 0"));
    }
    if start < 0.0 || end < start || end > life {
        return Err(num(format!("start and end must satisfy 0 <= start <= end <= life ({life})")));
    }
    let (int_start, int_end) = (start.floor(), end.ceil());
    if no_switch {
        let mut total = 0.0;
        let mut i = int_start + 1.0;
        while i <= int_end {
            let mut term = ddb_period(cost, salvage, life, i, factor);
            if i == int_start + 1.0 {
                term *= end.min(int_start + 1.0) - start;
            } else if i == int_end {
                term *= end + 1.0 - int_end;
            }
            total += term;
            i += 1.0;
        }
        return finite(total, "VDB");
    }
    // Partial first and last periods are computed on whole periods and the unused parts taken off.
    let mut partial = 0.0;
    if start != int_start {
        let value = cost - declining_with_switch(cost, salvage, life, life, int_start, factor);
        partial += (start - int_start) * declining_with_switch(value, salvage, life, life - int_start, 1.0, factor);
    }
    if end != int_end {
        let before = int_end - 1.0;
        let value = cost - declining_with_switch(cost, salvage, life, life, before, factor);
        partial += (int_end - end) * declining_with_switch(value, salvage, life, life - before, 1.0, factor);
    }
    let value = cost - declining_with_switch(cost, salvage, life, life, int_start, factor);
    let whole = declining_with_switch(value, salvage, life, life - int_start, int_end - int_start, factor);
    finite(whole - partial, "VDB")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `actual` agrees with a figure the spreadsheet's documentation shows to cents.
    fn check(actual: Result<f64, FinanceError>, shown: f64) {
        let actual = actual.expect("a value");
        assert!((actual - shown).abs() <= 0.005, "{actual} is not {shown}");
    }

    #[test]
    fn straight_line_and_sum_of_years() {
        check(sln(30000.0, 7500.0, 10.0), 2250.0);
        check(syd(30000.0, 7500.0, 10.0, 1.0), 4090.91);
        check(syd(30000.0, 7500.0, 10.0, 10.0), 409.09);
    }

    #[test]
    fn declining_balance_matches_the_spreadsheet_documentation() {
        check(ddb(2400.0, 300.0, 3650.0, 1.0, 2.0), 1.32);
        check(ddb(2400.0, 300.0, 120.0, 1.0, 2.0), 40.0);
        check(ddb(2400.0, 300.0, 10.0, 1.0, 2.0), 480.0);
        check(ddb(2400.0, 300.0, 10.0, 2.0, 1.5), 306.0);
        check(ddb(2400.0, 300.0, 10.0, 10.0, 2.0), 22.12);
        // DB with a first year of 7 months and the rest in period 7.
        for (period, shown) in
            [186083.33, 259639.42, 176814.44, 120410.64, 81999.64, 55841.76, 15845.10].into_iter().enumerate()
        {
            check(db(1_000_000.0, 100_000.0, 6.0, period as f64 + 1.0, 7.0), shown);
        }
    }

    #[test]
    fn variable_declining_balance_matches_the_spreadsheet_documentation() {
        check(vdb(2400.0, 300.0, 3650.0, 0.0, 1.0, 2.0, false), 1.32);
        check(vdb(2400.0, 300.0, 120.0, 0.0, 1.0, 2.0, false), 40.0);
        check(vdb(2400.0, 300.0, 10.0, 0.0, 1.0, 2.0, false), 480.0);
        check(vdb(2400.0, 300.0, 120.0, 6.0, 18.0, 2.0, false), 396.31);
        check(vdb(2400.0, 300.0, 120.0, 6.0, 18.0, 1.5, false), 311.81);
        check(vdb(2400.0, 300.0, 10.0, 0.0, 0.875, 1.5, false), 315.0);
    }

    #[test]
    fn vdb_over_the_whole_life_depreciates_to_salvage() {
        // With the switch to straight line the asset reaches salvage; without it, declining
        // balance alone leaves some value undepreciated.
        let total = vdb(2400.0, 300.0, 10.0, 0.0, 10.0, 1.0, false).expect("vdb");
        assert!((total - 2100.0).abs() < 1e-9, "{total}");
        let no_switch = vdb(2400.0, 300.0, 10.0, 0.0, 10.0, 1.0, true).expect("vdb");
        assert!(no_switch < 2100.0, "{no_switch}");
        // Year by year, the pieces add up to the whole.
        let years: f64 =
            (0..10).map(|y| vdb(2400.0, 300.0, 10.0, f64::from(y), f64::from(y) + 1.0, 1.0, false).expect("vdb")).sum();
        assert!((years - total).abs() < 1e-9, "{years} vs {total}");
    }

    #[test]
    fn bad_arguments_are_named() {
        let check_error = |result: Result<f64, FinanceError>, code: &str, words: &str| {
            let error = result.expect_err("an error");
            assert_eq!(error.code(), code, "{error}");
            assert!(error.message().contains(words), "{error} lacks {words:?}");
        };
        check_error(sln(1.0, 0.0, 0.0), "#DIV/0!", "life");
        check_error(syd(1.0, 0.0, 5.0, 6.0), "#NUM!", "per must be between 1 and life");
        check_error(ddb(-1.0, 0.0, 5.0, 1.0, 2.0), "#NUM!", "must not be negative");
        check_error(ddb(1.0, 0.0, 5.0, 1.0, 0.0), "#NUM!", "factor");
        check_error(db(1.0, 0.0, 5.0, 1.0, 13.0), "#NUM!", "month must be between 1 and 12");
        check_error(db(1.0, 0.0, 5.0, 6.0, 12.0), "#NUM!", "period must be a whole number from 1 to 5");
        check_error(vdb(1.0, 0.0, 5.0, 3.0, 2.0, 2.0, false), "#NUM!", "start and end");
        check_error(vdb(1.0, 0.0, 5.0, 0.0, f64::INFINITY, 2.0, false), "#VALUE!", "end");
    }
}

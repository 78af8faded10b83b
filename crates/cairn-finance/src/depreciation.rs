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

/// Declining balance as a book value: what is left of `cost` after `periods` whole periods of
/// [`ddb_period`]. Each period's depreciation is the fall of this value
/// (`ddb_period(p) = book(p − 1) − book(p)`: the charge stops at salvage and an asset already
/// at or below salvage is not depreciated), so a run of periods costs one subtraction however
/// long it is.
#[derive(Clone, Copy)]
struct DecliningBalance {
    cost: f64,
    salvage: f64,
    life: f64,
    factor: f64,
    /// `1 − factor / life`, or 0 when the rate is 100 % or more (all in the first period).
    keep: f64,
    /// The value the book never falls below: salvage, or the cost when that is lower.
    floor: f64,
}

impl DecliningBalance {
    fn new(cost: f64, salvage: f64, life: f64, factor: f64) -> Self {
        let rate = (factor / life).min(1.0);
        DecliningBalance { cost, salvage, life, factor, keep: 1.0 - rate, floor: salvage.min(cost) }
    }

    /// The book value after `periods` whole periods (the cost for 0).
    fn book(&self, periods: f64) -> f64 {
        (self.cost * self.keep.powf(periods)).max(self.floor)
    }

    /// The depreciation of period `period` alone, exactly as DDB computes it.
    fn period(&self, period: f64) -> f64 {
        ddb_period(self.cost, self.salvage, self.life, period, self.factor)
    }

    /// The depreciation of periods `first..=last` (0 when `last < first`).
    fn periods(&self, first: f64, last: f64) -> f64 {
        if last < first { 0.0 } else { (self.book(first - 1.0) - self.book(last)).max(0.0) }
    }
}

/// The first whole number `p` in `[low, high]` for which `holds(p)` is true, given that it is
/// false below some point and true from there on; `None` if it is false at `high`. Bisection
/// over doubles: at most about 2,100 steps for any range a double can hold, so a life of 1e308
/// periods costs no more than one of 10.
fn first_where(low: f64, high: f64, holds: impl Fn(f64) -> bool) -> Option<f64> {
    if high < low || !holds(high) {
        return None;
    }
    if holds(low) {
        return Some(low);
    }
    // Invariant: holds(high) and !holds(low).
    let (mut low, mut high) = (low, high);
    for _ in 0..2200 {
        let middle = (low + (high - low) / 2.0).floor();
        if middle <= low || middle >= high {
            break;
        }
        if holds(middle) {
            high = middle;
        } else {
            low = middle;
        }
    }
    Some(high)
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

/// The longest life DB accepts: LibreOffice Calc answers a longer one with an error (its
/// `ScDB` refuses `life > 1200`), and Cairn shows #NUM! there too. With the rate rounded to
/// three decimals, DB over a longer life would charge nothing or the same 0.1 % a period.
pub const DB_MAX_LIFE: f64 = 1200.0;

/// `DB(cost, salvage, life, period, [month])`: fixed-declining balance with the rate
/// `1 − (salvage / cost)^(1 / life)` rounded to three decimals, a first year of `month` months
/// (12 by default) and, when that is short, a last period `life + 1` for the rest. A life over
/// [`DB_MAX_LIFE`] (1,200 periods) is #NUM!, as in LibreOffice Calc; so the walk to `period`
/// takes at most 1,200 steps.
pub fn db(cost: f64, salvage: f64, life: f64, period: f64, month: f64) -> Result<f64, FinanceError> {
    check_all(&[(cost, "cost"), (salvage, "salvage"), (life, "life"), (period, "period"), (month, "month")])?;
    if cost < 0.0 || salvage < 0.0 {
        return Err(num("cost and salvage must not be negative"));
    }
    if life <= 0.0 {
        return Err(num(format!("life must be greater than 0, not {life}")));
    }
    if life > DB_MAX_LIFE {
        return Err(num(format!(
            "life must be at most {DB_MAX_LIFE} periods for DB (as in LibreOffice Calc), not {life}"
        )));
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
///
/// The spreadsheet walks the periods one by one: declining balance while it gives at least
/// the straight line over the life left (`remaining / (life_left − (p − 1))`), then that
/// straight-line amount for every period after, the last one taken in proportion to the part
/// of it inside `periods`. The same result is found here without the walk, so that a life of
/// 1e18 periods costs microseconds and not centuries: the declining part is a fall of book
/// value ([`DecliningBalance`]), the straight-line part is one amount times a count, and the
/// period of the switch is found by bisection. While the book is above salvage, whether the
/// straight line gives more changes only once, from no to yes (straight line over the life
/// left grows relative to the declining charge as the life left shrinks); once the
/// declining charge stops at salvage, the straight line can give more only in a last
/// fraction of a period, which is checked on its own.
fn declining_with_switch(cost: f64, salvage: f64, life: f64, life_left: f64, periods: f64, factor: f64) -> f64 {
    let last = periods.ceil();
    if last < 1.0 {
        return 0.0;
    }
    let balance = DecliningBalance::new(cost, salvage, life, factor);
    // What is left to depreciate at the start of period `p`, and whether the straight line
    // over the life left then gives more than declining balance.
    let remaining = |p: f64| balance.book(p - 1.0) - salvage;
    let straight = |p: f64| remaining(p) / (life_left - (p - 1.0));
    let switches = |p: f64| straight(p) > balance.period(p);
    // The first period whose declining charge stops at salvage (the book would fall below it).
    let at_salvage = first_where(1.0, last, |p| cost * balance.keep.powf(p) < salvage);
    let before_salvage = at_salvage.map_or(last, |p| p - 1.0);
    let switch = first_where(1.0, before_salvage, switches).or(at_salvage.filter(|p| switches(*p)));
    match switch {
        Some(p) => balance.periods(1.0, p - 1.0) + straight(p) * (periods + 1.0 - p),
        None => balance.periods(1.0, last - 1.0) + balance.period(last) * (periods + 1.0 - last),
    }
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
        // Declining balance alone, period by period as the spreadsheet adds them up: the first
        // and last periods in proportion to their part inside [start, end], the whole periods
        // between as one fall of book value.
        let balance = DecliningBalance::new(cost, salvage, life, factor);
        let first = int_start + 1.0;
        if int_end < first {
            return Ok(0.0);
        }
        let mut total = balance.period(first) * (end.min(first) - start);
        if int_end > first {
            total += balance.periods(first + 1.0, int_end - 1.0) + balance.period(int_end) * (end + 1.0 - int_end);
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
    use proptest::prelude::*;

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

    /// The spreadsheet's VDB as LibreOffice Calc writes it (`ScVDB`, `ScInterVDB`): period by
    /// period, with a loop counter. The oracle for the closed form on lives a loop can walk.
    fn walked_switch(cost: f64, salvage: f64, life: f64, life_left: f64, periods: f64, factor: f64) -> f64 {
        let last = periods.ceil();
        let (mut remaining, mut straight, mut switched, mut total) = (cost - salvage, 0.0, false, 0.0);
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

    fn walked_vdb(cost: f64, salvage: f64, life: f64, start: f64, end: f64, factor: f64, no_switch: bool) -> f64 {
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
            return total;
        }
        let mut partial = 0.0;
        if start != int_start {
            let value = cost - walked_switch(cost, salvage, life, life, int_start, factor);
            partial += (start - int_start) * walked_switch(value, salvage, life, life - int_start, 1.0, factor);
        }
        if end != int_end {
            let before = int_end - 1.0;
            let value = cost - walked_switch(cost, salvage, life, life, before, factor);
            partial += (int_end - end) * walked_switch(value, salvage, life, life - before, 1.0, factor);
        }
        let value = cost - walked_switch(cost, salvage, life, life, int_start, factor);
        walked_switch(value, salvage, life, life - int_start, int_end - int_start, factor) - partial
    }

    proptest! {
        /// Without the walk, VDB gives what the walk gives, to within rounding (1e-11 of the
        /// cost), over lives up to 1,500 periods (whole or not), any span, factor and switch.
        #[test]
        fn vdb_equals_the_spreadsheets_period_by_period_walk(
            cost in 0.0..1e7_f64,
            salvage_share in prop_oneof![Just(0.0), 0.0..1.0_f64],
            life in prop_oneof![(1u32..60).prop_map(f64::from), 0.5..60.0_f64, 60.0..1500.0_f64],
            span in (0.0..1.0_f64, 0.0..1.0_f64),
            factor in prop_oneof![Just(2.0), 0.2..6.0_f64],
            no_switch: bool,
        ) {
            let salvage = cost * salvage_share;
            let (a, b) = (span.0.min(span.1) * life, span.0.max(span.1) * life);
            // Whole-period spans too, as the spreadsheet is mostly called.
            let (start, end) = if cost > 5e6 { (a.floor(), b.ceil().min(life)) } else { (a, b) };
            let closed = vdb(cost, salvage, life, start, end, factor, no_switch).expect("vdb");
            let walked = walked_vdb(cost, salvage, life, start, end, factor, no_switch);
            prop_assert!(
                // Rounding is relative to the amounts summed, i.e. to the cost: the walk can
                // leave an ulp of it undepreciated where the closed form reaches salvage.
                (closed - walked).abs() <= 1e-11 * cost.max(1.0),
                "VDB({cost}, {salvage}, {life}, {start}, {end}, {factor}, {no_switch}) = {closed}, walked {walked}"
            );
        }

        /// Any life a double can hold is answered by construction (bisection, no walk): a value
        /// between 0 and cost − salvage, or #NUM! for DB past its 1,200 periods.
        #[test]
        fn any_life_up_to_1e308_is_answered(
            exponent in 0.0..308.0_f64,
            span in (0.0..1.0_f64, 0.0..1.0_f64),
            no_switch: bool,
        ) {
            let life = 10f64.powf(exponent);
            let (start, end) = (span.0.min(span.1) * life, span.0.max(span.1) * life);
            let value = vdb(10_000.0, 1_000.0, life, start, end, 2.0, no_switch).expect("vdb");
            prop_assert!((-1e-6..=9_000.0 * (1.0 + 1e-9)).contains(&value), "VDB over {life}: {value}");
            let period = (span.0 * life).ceil().max(1.0);
            match db(10_000.0, 1_000.0, life, period, 12.0) {
                Ok(v) => prop_assert!(life <= 1200.0 && (0.0..=10_000.0).contains(&v)),
                Err(e) => prop_assert!(e.code() == "#NUM!"),
            }
        }
    }

    #[test]
    fn lives_no_loop_could_walk_are_refused_or_computed_in_closed_form() {
        // DB: LibreOffice Calc refuses a life over 1,200 periods; so does Cairn.
        for (life, period) in [(1e18, 1e18), (1e9, 1e9), (1200.5, 2.0), (1201.0, 1.0)] {
            let error = db(10_000.0, 1_000.0, life, period, 12.0).expect_err("past 1,200 periods");
            assert_eq!(error.code(), "#NUM!", "{error}");
            assert!(error.message().contains("at most 1200"), "{error}");
        }
        // At 1,200 periods the rate rounds to 0.2 %: the last period charges 10,000 × 0.2 % × 0.998^1199.
        check(db(10_000.0, 1_000.0, 1200.0, 1200.0, 12.0), 20.0 * 0.998_f64.powi(1199));
        assert!(db(10_000.0, 1_000.0, 1200.0, 1201.0, 6.0).is_ok());
        // VDB with the switch over the whole life reaches salvage: cost − salvage in all.
        check(vdb(10_000.0, 1_000.0, 1e9, 0.0, 1e9, 2.0, false), 9_000.0);
        check(vdb(10_000.0, 1_000.0, 1e18, 0.0, 1e18, 2.0, false), 9_000.0);
        // Without the switch: the fall of book value, cost − max(cost·(1 − 2/life)^end, salvage).
        let book = |life: f64, end: f64| (10_000.0 * (1.0 - 2.0 / life).powf(end)).max(1_000.0);
        check(vdb(10_000.0, 1_000.0, 1e9, 0.0, 1e9, 2.0, true), 10_000.0 - book(1e9, 1e9));
        check(vdb(10_000.0, 1_000.0, 1e9, 0.0, 1e9, 2.0, true), 10_000.0 - 10_000.0 * (-2.0_f64).exp());
        // At 1e18 periods 1 − 2/life rounds to 1 in the spreadsheet's formula: no declining charge.
        check(vdb(10_000.0, 1_000.0, 1e18, 0.0, 1e18, 2.0, true), 10_000.0 - book(1e18, 1e18));
        check(vdb(10_000.0, 1_000.0, 1e18, 0.0, 1e18, 2.0, true), 0.0);
        // A slice far into a long life, and the smallest and largest lives a double holds.
        let slice = vdb(10_000.0, 1_000.0, 1e12, 4e11, 4e11 + 1.0, 2.0, false).expect("vdb");
        assert!(slice > 0.0 && slice < 1e-7, "{slice}");
        assert!(vdb(10_000.0, 1_000.0, f64::MAX, 0.0, f64::MAX, 2.0, false).is_ok());
        // A life too short for a double to divide by is #NUM! (an overflow), as the walk gave.
        let tiny = vdb(10_000.0, 1_000.0, f64::MIN_POSITIVE, 0.0, f64::MIN_POSITIVE, 2.0, false);
        assert!(tiny.as_ref().map_or_else(|e| e.code() == "#NUM!", |v| v.is_finite()), "{tiny:?}");
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

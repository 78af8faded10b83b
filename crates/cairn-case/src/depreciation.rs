//! Depreciation: the P&L view's charge for the capitalised costs, and the book value left when
//! the case ends.
//!
//! Two rules, by line (docs/business-cases.md, "Timing, depreciation and residual value"):
//! - **Without an in-service date** (every case before them): each period's capitalised spend is
//!   depreciated from the next fiscal year (upfront spend from the case's first) over the useful
//!   life, in whole years. The lines are summed first, as they always were, so such a case's
//!   figures are the same to the last digit.
//! - **With an in-service date** (`LineItem::in_service`, a month or a milestone's month): the
//!   line's spend up to and including the fiscal year it goes into service is one asset whose
//!   life starts in that month. Its whole-year schedule (year *k* of its life is
//!   `SLN(cost, 0, life)` or `VDB(cost, 0, life, k − 1, k, 2, FALSE)`) is spread evenly over the
//!   twelve months of each year of life and booked to the fiscal years those months fall in:
//!   with the asset in service `r` months after its fiscal year starts, fiscal year *j* of its
//!   life (j = 1 the in-service year) is charged `(12 − r)/12 × year_j + r/12 × year_(j−1)`. For
//!   straight line that is `annual × (12 − r)/12` in the first year, `annual` in between and the
//!   rest in year `life + 1`. This is [`crate::shift_row`] of the schedule by `r` months: the one
//!   month-shift primitive. Spend in a later fiscal year (an addition after go-live) follows the
//!   first rule.
//!
//! No salvage value: the charges of an asset add up to its cost exactly (the last takes the
//! rounding remainder). What falls past the case's last year is its closing book value.

use cairn_core::{BusinessCase, DepreciationMethod, InService, LineKind};
use rust_decimal::Decimal;

use crate::evaluate::LineRow;
use crate::timing::{effective_kind, resolve};
use crate::{CaseError, Context, Row, shift_row};

fn add(a: Decimal, b: Decimal, field: &str) -> Result<Decimal, CaseError> {
    a.checked_add(b).ok_or_else(|| CaseError::overflow(field))
}

/// The depreciation of a case's capex (`capex`: the capitalised total per period, upfront first,
/// with any optimism-bias uplift; `lines` as the evaluation generated them): the charge per period
/// and the book value left at the end. The lines with an in-service date are taken out of the
/// total and depreciated from it; the rest of the total follows the rule without a date, so a
/// case without dates is depreciated exactly as before.
pub(crate) fn depreciation_in(
    case: &BusinessCase,
    ctx: &Context,
    lines: &[LineRow],
    capex: &[Decimal],
) -> Result<(Row, Decimal), CaseError> {
    let periods = case.periods();
    let mut pooled = capex.to_vec();
    let mut charges = vec![Decimal::ZERO; periods];
    let mut closing = Decimal::ZERO;
    for row in lines {
        let Some(line) = case.lines.get(row.index) else { continue };
        if effective_kind(line, ctx) != LineKind::Capex {
            continue;
        }
        let Some(service) = &line.in_service else { continue };
        for (p, v) in pooled.iter_mut().zip(&row.amounts) {
            *p = p.checked_sub(*v).ok_or_else(|| CaseError::overflow("depreciation"))?;
        }
        let field = || format!("lines[{}].in_service", row.index);
        let month = match service {
            InService::At { month } => *month,
            InService::Milestone(link) => resolve(ctx, link, &field())?,
        };
        let fy = ctx.calendar.fiscal_year_of(month);
        let start = ctx.calendar.first_month(fy).map_err(|e| CaseError::invalid(field(), e.to_string()))?;
        let offset = fy.0.checked_sub(case.first_year.0).ok_or_else(|| CaseError::overflow(field()))?;
        let Ok(offset) = usize::try_from(offset) else {
            let why = format!("{month} is before the case's first year {}", ctx.calendar.label(case.first_year));
            return Err(CaseError::invalid(field(), why));
        };
        let service_period = offset + 1;
        let months = u32::try_from(start.months_until(month)).map_err(|_| CaseError::overflow(field()))?;
        let (cost, later) = row.amounts.split_at(row.amounts.len().min(service_period + 1));
        let cost = cost.iter().try_fold(Decimal::ZERO, |s, v| add(s, *v, "depreciation"))?;
        let (c, b) = in_service(case.depreciation.method, cost, life(case), service_period, months, periods)?;
        add_into(&mut charges, &c)?;
        closing = add(closing, b, "depreciation")?;
        // Spend after the in-service year: from the next year, as without a date.
        let mut additions = vec![Decimal::ZERO; periods];
        for (slot, v) in additions.iter_mut().skip(service_period + 1).zip(later) {
            *slot = *v;
        }
        let (c, b) = depreciation(case, &additions)?;
        add_into(&mut charges, &c)?;
        closing = add(closing, b, "depreciation")?;
    }
    let (c, b) = depreciation(case, &pooled)?;
    add_into(&mut charges, &c)?;
    closing = add(closing, b, "depreciation")?;
    Ok((charges, closing))
}

fn add_into(into: &mut [Decimal], from: &[Decimal]) -> Result<(), CaseError> {
    for (a, b) in into.iter_mut().zip(from) {
        *a = add(*a, *b, "depreciation")?;
    }
    Ok(())
}

fn life(case: &BusinessCase) -> usize {
    usize::from(case.depreciation.life_years.max(1))
}

/// One asset of `cost` in service `months` into the fiscal year of period `service_period`: its
/// charges in each of the case's `periods` and what is left after them (see the module's
/// documentation).
pub(crate) fn in_service(
    method: DepreciationMethod,
    cost: Decimal,
    life: usize,
    service_period: usize,
    months: u32,
    periods: usize,
) -> Result<(Row, Decimal), CaseError> {
    if cost.is_zero() {
        return Ok((vec![Decimal::ZERO; periods], Decimal::ZERO));
    }
    // The whole-year schedule placed from the in-service year, then moved by the months into it;
    // one spare year holds the part of the last year of life that moves past it.
    let length = periods.max(service_period + life + 1);
    let mut placed = vec![Decimal::ZERO; length];
    for (k, charge) in schedule(method, cost, life)?.into_iter().enumerate() {
        placed[service_period + k] = charge;
    }
    let (moved, beyond) = shift_row(&placed, months)?;
    let charges = moved[..periods].to_vec();
    let rest = moved[periods..].iter().try_fold(beyond, |s, v| add(s, *v, "depreciation"))?;
    Ok((charges, rest))
}

/// Depreciation per period of capex `spend` (per period), following the case's policy: each
/// period's capex is depreciated from the next period over the useful life, no salvage.
/// Returns the charges within the case and the book value left at its end.
pub(crate) fn depreciation(case: &BusinessCase, spend: &[Decimal]) -> Result<(Row, Decimal), CaseError> {
    let life = life(case);
    let periods = spend.len();
    let mut charges = vec![Decimal::ZERO; periods];
    let mut closing = Decimal::ZERO;
    let field = "depreciation";
    for (p, &cost) in spend.iter().enumerate() {
        if cost.is_zero() {
            continue;
        }
        let schedule = schedule(case.depreciation.method, cost, life)?;
        for (k, charge) in schedule.into_iter().enumerate() {
            let at = p + 1 + k;
            if at < periods {
                charges[at] = add(charges[at], charge, field)?;
            } else {
                closing = add(closing, charge, field)?;
            }
        }
    }
    Ok((charges, closing))
}

/// A cost's charge in each year of its life.
pub(crate) fn schedule(method: DepreciationMethod, cost: Decimal, life: usize) -> Result<Vec<Decimal>, CaseError> {
    let life_d = Decimal::from(life);
    match method {
        DepreciationMethod::StraightLine => {
            let each = cost.checked_div(life_d).ok_or_else(|| CaseError::overflow("depreciation"))?;
            // The last year takes the rounding remainder so the charges add up to the cost.
            let mut out = vec![each; life];
            let rest = cost - each * Decimal::from(life - 1);
            if let Some(last) = out.last_mut() {
                *last = rest;
            }
            Ok(out)
        }
        DepreciationMethod::DecliningBalance => {
            // VDB with factor 2: double-declining, switching to straight line once that is larger.
            let rate = Decimal::TWO / life_d;
            let mut book = cost;
            let mut out = Vec::with_capacity(life);
            for k in 0..life {
                let remaining = Decimal::from(life - k);
                let declining = book * rate;
                let straight = book / remaining;
                let charge = if k + 1 == life { book } else { declining.max(straight).min(book) };
                book -= charge;
                out.push(charge);
            }
            Ok(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    fn to_f64(value: Decimal) -> f64 {
        crate::float(value, "test").expect("every decimal has an f64")
    }

    #[test]
    fn straight_line_adds_up_to_the_cost() {
        let s = schedule(DepreciationMethod::StraightLine, dec!(100), 3).expect("schedule");
        assert_eq!(s.iter().copied().sum::<Decimal>(), dec!(100));
        assert_eq!(s[0], dec!(100) / dec!(3));
    }

    #[test]
    fn declining_balance_matches_vdb() {
        // VDB(10000, 0, 5, k-1, k, 2, FALSE) for k = 1..5: 4000, 2400, 1440, 1080, 1080.
        let s = schedule(DepreciationMethod::DecliningBalance, dec!(10000), 5).expect("schedule");
        assert_eq!(s, [dec!(4000), dec!(2400), dec!(1440), dec!(1080), dec!(1080)]);
        for (k, charge) in s.iter().enumerate() {
            let vdb = cairn_finance::vdb(10000.0, 0.0, 5.0, k as f64, k as f64 + 1.0, 2.0, false).expect("vdb");
            assert!((to_f64(*charge) - vdb).abs() < 1e-9, "year {k}: {charge} vs {vdb}");
        }
    }

    #[test]
    fn in_service_mid_year_straight_line() {
        // 1,200,000 in service 3 months into period 1, 5 years: 240,000 a year; 9/12 of it in the
        // first year (180,000), 240,000 in the next four, 60,000 in the sixth.
        let (c, rest) = in_service(DepreciationMethod::StraightLine, dec!(1200000), 5, 1, 3, 7).expect("in service");
        assert_eq!(c, [dec!(0), dec!(180000), dec!(240000), dec!(240000), dec!(240000), dec!(240000), dec!(60000)]);
        assert_eq!(rest, dec!(0));
        // The same case ending after four years leaves 300,000 on the books.
        let (c, rest) = in_service(DepreciationMethod::StraightLine, dec!(1200000), 5, 1, 3, 5).expect("in service");
        assert_eq!(c.iter().copied().sum::<Decimal>() + rest, dec!(1200000));
        assert_eq!(rest, dec!(300000));
    }

    #[test]
    fn in_service_declining_balance_allocates_vdb_years_by_month() {
        // 10,000 over 5 years, in service 4 months into the year: fiscal year j is charged
        // 8/12 × VDB(…, j−1, j) + 4/12 × VDB(…, j−2, j−1).
        let (c, rest) = in_service(DepreciationMethod::DecliningBalance, dec!(10000), 5, 1, 4, 8).expect("in service");
        let vdb = |k: f64| {
            if (1.0..=5.0).contains(&k) {
                cairn_finance::vdb(10000.0, 0.0, 5.0, k - 1.0, k, 2.0, false).expect("vdb")
            } else {
                0.0
            }
        };
        for (j, charge) in c.iter().enumerate().skip(1) {
            let expected = 8.0 / 12.0 * vdb(j as f64) + 4.0 / 12.0 * vdb(j as f64 - 1.0);
            assert!((to_f64(*charge) - expected).abs() < 1e-9, "year {j}: {charge} vs {expected}");
        }
        assert_eq!(c.iter().copied().sum::<Decimal>() + rest, dec!(10000));
    }

    #[test]
    fn at_the_start_of_a_year_is_whole_years() {
        let (c, _) = in_service(DepreciationMethod::StraightLine, dec!(500), 5, 2, 0, 8).expect("in service");
        assert_eq!(c, [dec!(0), dec!(0), dec!(100), dec!(100), dec!(100), dec!(100), dec!(100), dec!(0)]);
    }
}

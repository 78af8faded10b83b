//! Moving yearly amounts by whole months: the one primitive behind every date-driven change of a
//! case's timing (a benefit that starts at a milestone, an asset's depreciation from its
//! in-service month, optimism bias's delay of the benefits).
//!
//! A case's periods are fiscal years. An amount in a year is taken as spread evenly over its twelve
//! months; moved `m` months later, the part in the last `m mod 12` months of the year lands in the
//! year after the one `m div 12` years on, and the rest in that year. In a spreadsheet, with the
//! amounts in row 2 from column B and `q = INT(m/12)`, `r = MOD(m,12)`, the moved amount of a year is
//! `(12 − r)/12` of the amount `q` columns back plus `r/12` of the amount `q + 1` columns back.
//! In Decimal, the later part is the amount less the earlier part, so nothing is lost to rounding:
//! the moved row and what falls past the case's last year add up to the row's total exactly.
//! [`move_row`] also moves earlier, the mirror image: the first `r` months of a year land in the
//! year before.
//!
//! **A benefit that starts at a milestone** (`LineItem::starts_at`, [`timed_line`]): its amounts as
//! entered (typed, one-off or recurring) are a profile whose first year with an amount starts at
//! that year's first month; the profile is moved by the months from there to the milestone's
//! month. A recurring benefit of `A` a year from FY2029 with go-live in the fourth month of FY2029
//! books `9/12 × A` in FY2029 and `A` a year after (without escalation); the last `3/12 × A`
//! falls past the case's end when the profile reaches it. When the roadmap moves the milestone
//! by `k` months, the benefit moves by `k` months (a property test holds this).

use cairn_core::{
    BusinessCase, CaseYear, FiscalYear, LineAmounts, LineItem, LineKind, MilestoneLink, YearAmount, YearMonth,
};
use rust_decimal::Decimal;

use crate::{CaseError, Context, Row};

/// A line's amounts per period after its timing: what the case books, and what falls past its last
/// year.
#[derive(Debug, Clone, PartialEq)]
pub struct Timed {
    /// Per period, upfront (0) first, as entered (before benefit realisation).
    pub amounts: Row,
    /// What moved past the case's last year; never counted.
    pub beyond: Decimal,
    /// For a line that starts at a milestone, that milestone's month: the month its first amount
    /// begins.
    pub starts: Option<YearMonth>,
}

/// Line `index` of `case` per period, moved to start at its milestone in `ctx` when it names one
/// (see the module's documentation). A milestone `ctx` does not know, or one before the case's
/// first fiscal year, is an error naming the field.
pub fn timed_line(case: &BusinessCase, index: usize, ctx: &Context) -> Result<Timed, CaseError> {
    let amounts = crate::line_values(case, index)?;
    let line = &case.lines[index];
    let Some(link) = &line.starts_at else {
        return Ok(Timed { amounts, beyond: Decimal::ZERO, starts: None });
    };
    let field = format!("lines[{index}].starts_at");
    if line.category.kind() != LineKind::Benefit {
        return Err(CaseError::invalid(field, "only a benefit starts at a milestone"));
    }
    let month = resolve(ctx, link, &field)?;
    let Some(first) = amounts.iter().position(|a| !a.is_zero()) else {
        return Ok(Timed { amounts, beyond: Decimal::ZERO, starts: Some(month) });
    };
    if first == 0 {
        let why = "the line's first amount is in the upfront column: a benefit that starts at a milestone starts in a fiscal year";
        return Err(CaseError::invalid(field, why));
    }
    let calendar = &ctx.calendar;
    if calendar.fiscal_year_of(month) < case.first_year {
        let why = format!("{month} is before the case's first year {}", calendar.label(case.first_year));
        return Err(CaseError::invalid(field, why));
    }
    let first_year =
        cairn_core::FiscalYear(case.first_year.0 + i32::try_from(first).map_err(|_| CaseError::overflow(&field))? - 1);
    let anchor = calendar.first_month(first_year).map_err(|e| CaseError::invalid(&field, e.to_string()))?;
    let (amounts, beyond) = move_row(&amounts, anchor.months_until(month))?;
    Ok(Timed { amounts, beyond, starts: Some(month) })
}

/// Line `index` of `case` as it is timed in `ctx`, moved `months` later still, as a line of typed
/// amounts that names no milestone (so the move stays when it is evaluated again): the late
/// start of the sensitivity's "benefits one year late" and of a simulated benefit delay. What
/// moves past the case's last year is lost.
pub(crate) fn line_moved(case: &BusinessCase, index: usize, ctx: &Context, months: u32) -> Result<LineItem, CaseError> {
    let (moved, _) = shift_row(&timed_line(case, index, ctx)?.amounts, months)?;
    let mut line = case.lines[index].clone();
    let amounts = moved
        .into_iter()
        .enumerate()
        .filter(|(_, amount)| !amount.is_zero())
        .map(|(p, amount)| {
            let at = match p {
                0 => CaseYear::Upfront,
                // p is at most the case's years (validated to 50 at most).
                p => CaseYear::Year(FiscalYear(case.first_year.0 + p as i32 - 1)),
            };
            YearAmount { at, amount }
        })
        .collect();
    line.amounts = LineAmounts::Entered { amounts };
    line.starts_at = None;
    Ok(line)
}

/// The month of the milestone `link` names, or an error naming `field`.
pub(crate) fn resolve(ctx: &Context, link: &MilestoneLink, field: &str) -> Result<YearMonth, CaseError> {
    ctx.milestone(&link.initiative, &link.milestone).ok_or_else(|| {
        let why =
            format!("initiative \"{}\" has no milestone named \"{}\" in this plan", link.initiative, link.milestone);
        CaseError::invalid(format!("{field}.milestone"), why)
    })
}

/// How a line counts under the plan's capitalisation policy: a capitalised cost is capex
/// (depreciated in the P&L view), an expensed one opex, whatever its category says
/// (`cairn_core::Capitalisation::capitalises`).
pub(crate) fn effective_kind(line: &LineItem, ctx: &Context) -> LineKind {
    match line.category.kind() {
        LineKind::Benefit => LineKind::Benefit,
        _ if ctx.policy.capitalisation.capitalises(line.category, line.activity) => LineKind::Capex,
        _ => LineKind::Opex,
    }
}

/// `row` moved `months` later, or earlier when negative: the moved row and what falls beyond its
/// last period. Moving earlier is the mirror image of [`shift_row`]; nothing may fall before the
/// first period (an error: callers move only as far as the row's first amount allows).
pub fn move_row(row: &[Decimal], months: i32) -> Result<(Row, Decimal), CaseError> {
    if months >= 0 {
        return shift_row(row, months.unsigned_abs());
    }
    let reversed: Row = row.iter().rev().copied().collect();
    let (moved, before) = shift_row(&reversed, months.unsigned_abs())?;
    if !before.is_zero() {
        return Err(CaseError::invalid("timing", "amounts would move before the case's first column"));
    }
    Ok((moved.into_iter().rev().collect(), Decimal::ZERO))
}

/// `row` moved `months` later (see the module's documentation): the moved row, and what falls
/// beyond its last period.
pub fn shift_row(row: &[Decimal], months: u32) -> Result<(Row, Decimal), CaseError> {
    let overflow = || CaseError::overflow("timing");
    let whole = usize::try_from(months / 12).map_err(|_| overflow())?;
    let part = Decimal::from(months % 12);
    let mut out = vec![Decimal::ZERO; row.len()];
    let mut beyond = Decimal::ZERO;
    let mut put = |at: usize, amount: Decimal| -> Result<(), CaseError> {
        let slot = if at < out.len() { &mut out[at] } else { &mut beyond };
        *slot = slot.checked_add(amount).ok_or_else(overflow)?;
        Ok(())
    };
    for (p, &amount) in row.iter().enumerate() {
        if amount.is_zero() {
            continue;
        }
        let later = amount.checked_mul(part).ok_or_else(overflow)? / Decimal::from(12);
        let at = p.checked_add(whole).ok_or_else(overflow)?;
        put(at, amount - later)?;
        if !later.is_zero() {
            put(at + 1, later)?;
        }
    }
    Ok((out, beyond))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn whole_years_move_columns() {
        let (row, beyond) = shift_row(&[dec!(0), dec!(100), dec!(200)], 12).expect("shift");
        assert_eq!(row, [dec!(0), dec!(0), dec!(100)]);
        assert_eq!(beyond, dec!(200));
    }

    #[test]
    fn months_split_a_year_and_keep_the_total() {
        let (row, beyond) = shift_row(&[dec!(120), dec!(120), dec!(120)], 3).expect("shift");
        assert_eq!(row, [dec!(90), dec!(120), dec!(120)]);
        assert_eq!(beyond, dec!(30));
        let (row, beyond) = shift_row(&[dec!(100), dec!(0)], 7).expect("shift");
        assert_eq!(row.iter().sum::<Decimal>() + beyond, dec!(100));
        assert_eq!(row[1], dec!(100) * dec!(7) / dec!(12));
    }

    #[test]
    fn earlier_is_the_mirror_image() {
        let (row, beyond) = move_row(&[dec!(0), dec!(0), dec!(120), dec!(120)], -15).expect("move");
        assert_eq!(row, [dec!(30), dec!(120), dec!(90), dec!(0)]);
        assert_eq!(beyond, Decimal::ZERO);
        assert!(move_row(&[dec!(0), dec!(120)], -13).is_err());
        assert_eq!(move_row(&[dec!(1), dec!(2)], 3).expect("move"), shift_row(&[dec!(1), dec!(2)], 3).expect("shift"));
    }

    #[test]
    fn no_move_is_the_row() {
        let (row, beyond) = shift_row(&[dec!(1), dec!(2)], 0).expect("shift");
        assert_eq!(row, [dec!(1), dec!(2)]);
        assert_eq!(beyond, Decimal::ZERO);
    }
}

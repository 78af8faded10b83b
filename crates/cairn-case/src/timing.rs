//! Moving yearly amounts by whole months: the one primitive behind every date-driven change of a
//! case's timing (a benefit that starts at a milestone, optimism bias's delay of the benefits).
//!
//! A case's periods are fiscal years. An amount in a year is taken as spread evenly over its twelve
//! months; moved `m` months later, the part in the last `m mod 12` months of the year lands in the
//! year after the one `m div 12` years on, and the rest in that year. In a spreadsheet, with the
//! amounts in row 2 from column B and `q = INT(m/12)`, `r = MOD(m,12)`, the moved amount of a year is
//! `(12 − r)/12` of the amount `q` columns back plus `r/12` of the amount `q + 1` columns back.
//! In Decimal, the later part is the amount less the earlier part, so nothing is lost to rounding:
//! the moved row and what falls past the case's last year add up to the row's total exactly.

use rust_decimal::Decimal;

use crate::{CaseError, Row};

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
    fn no_move_is_the_row() {
        let (row, beyond) = shift_row(&[dec!(1), dec!(2)], 0).expect("shift");
        assert_eq!(row, [dec!(1), dec!(2)]);
        assert_eq!(beyond, Decimal::ZERO);
    }
}

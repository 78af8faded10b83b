//! What a case counts at its end and what it only shows: the residual (terminal) value, an
//! inflow in the case's last year, and the total of its sunk costs, which no flow or figure
//! counts (docs/business-cases.md, "Timing, depreciation and residual value").
//!
//! - `none`: nothing.
//! - `book_value`: the closing book value of the capitalised costs (what the P&L view has not
//!   depreciated by the end of the case's last year).
//! - `perpetuity`: `annual ÷ (rate − growth)`, the value at the end of the last year of `annual`
//!   a year from the year after, growing by `growth` (Gordon's formula), at the rate the case's
//!   last year is discounted at; refused when `growth ≥ rate`.
//!
//! The residual is not taxed and not a benefit: it is its own row, added to the net cash flow, so
//! it counts in the NPV, IRR, MIRR, paybacks and the total net (and so the ROI), and not in the
//! present value of the benefits or the benefit-cost ratio.

use cairn_core::{BusinessCase, CaseRate, ResidualValue};
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;

use crate::{CaseError, Context, Row};

/// The residual value per period (zero but in the last), given the closing book value.
pub(crate) fn residual_row(case: &BusinessCase, ctx: &Context, closing_book_value: Decimal) -> Result<Row, CaseError> {
    let mut row = vec![Decimal::ZERO; case.periods()];
    let value = match &case.residual {
        ResidualValue::None => return Ok(row),
        ResidualValue::BookValue => closing_book_value,
        ResidualValue::Perpetuity { .. } if case.prices != ctx.policy.basis => {
            let why = format!(
                "a perpetuity is valued in the plan's basis, and the case states {} prices in a {} plan: state its \
                 lines in {} prices",
                case.prices.label(),
                ctx.policy.basis.label(),
                ctx.policy.basis.label()
            );
            return Err(CaseError::invalid("residual", why));
        }
        ResidualValue::Perpetuity { annual, growth } => {
            let rate = last_rate(case, ctx)?;
            if *growth >= rate {
                let why = format!("{growth} must be below the discount rate of the case's last year ({rate})");
                return Err(CaseError::invalid("residual.growth", why));
            }
            annual.checked_div(rate - growth).ok_or_else(|| CaseError::overflow("residual"))?
        }
    };
    if let Some(last) = row.last_mut() {
        *last = value;
    }
    Ok(row)
}

/// The rate the case's last year is discounted at: its own rate exactly when the policy says so,
/// otherwise the schedule's rate of that year.
fn last_rate(case: &BusinessCase, ctx: &Context) -> Result<Decimal, CaseError> {
    if let CaseRate::Own { rate, .. } = ctx.policy.rate_for(case) {
        return Ok(rate);
    }
    let schedule = crate::case_schedule(&ctx.policy, case)?;
    let last = usize::from(case.years).saturating_sub(1);
    schedule
        .rate(last)
        .and_then(Decimal::from_f64)
        .ok_or_else(|| CaseError::invalid("residual", "the case's discount schedule has no rate for its last year"))
}

/// The sum of the case's sunk costs.
pub(crate) fn sunk_total(case: &BusinessCase) -> Result<Decimal, CaseError> {
    case.sunk_costs
        .iter()
        .try_fold(Decimal::ZERO, |s, c| s.checked_add(c.amount).ok_or_else(|| CaseError::overflow("sunk_costs")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn perpetuity_is_gordons_formula_at_the_last_year() {
        let mut case = cairn_core::demo_plan().business_cases[0].clone();
        case.discount_rate = dec!(0.06);
        case.residual = ResidualValue::Perpetuity { annual: dec!(100), growth: dec!(0.02) };
        let row = residual_row(&case, &Context::default(), dec!(7)).expect("residual");
        assert_eq!(row.last(), Some(&dec!(2500)));
        assert_eq!(row.iter().copied().sum::<Decimal>(), dec!(2500));
        case.residual = ResidualValue::Perpetuity { annual: dec!(100), growth: dec!(0.06) };
        let err = residual_row(&case, &Context::default(), dec!(7)).expect_err("growth at the rate");
        assert!(err.to_string().starts_with("residual.growth:"), "{err}");
        case.residual = ResidualValue::BookValue;
        assert_eq!(residual_row(&case, &Context::default(), dec!(7)).expect("residual").last(), Some(&dec!(7)));
    }
}

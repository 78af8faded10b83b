//! A case's discount schedule under the plan's appraisal policy: the one place a
//! `cairn_core::AppraisalPolicy` becomes `cairn_finance` arithmetic (docs/business-cases.md,
//! "Appraisal policy").
//!
//! [`case_schedule`] answers, for each year of the case, the rate it is discounted at, in the
//! policy's basis: the case's own rate (when it gives a reason, or the plan has no schedule), the
//! Green Book's declining rate, an A-94 table's rate at the case's length, a WACC, or typed
//! rates, converted by Fisher year by year when the schedule is stated in the other basis.
//! [`case_inflation`] is the inflation of each of the case's years (year *t* is fiscal year
//! `first_year + t − 1`). `evaluate` does not use them yet: it discounts at the case's own rate,
//! which is what the default policy gives, bit for bit (tested).

use cairn_core::{
    AppraisalPolicy, BusinessCase, CaseRate, DiscountPreset, FiscalYear, Horizon, InflationRates, PriceBasis,
    SourcingStudy,
};
use cairn_finance::{DiscountSchedule, FinanceError, Inflation, Maturity, WaccParts, maturity_rate, wacc};

use crate::{CaseError, float};

/// What is discounted: a business case or a sourcing study, by what [`schedule_of`] needs.
struct Appraised<'a> {
    rate: CaseRate<'a>,
    prices: PriceBasis,
    first_year: FiscalYear,
    years: u8,
    name: &'a str,
}

/// The schedule `case` is discounted at under `policy`, one rate per fiscal year of the case, in
/// the policy's basis.
pub fn case_schedule(policy: &AppraisalPolicy, case: &BusinessCase) -> Result<DiscountSchedule, CaseError> {
    schedule_of(
        policy,
        &Appraised {
            rate: policy.rate_for(case),
            prices: case.prices,
            first_year: case.first_year,
            years: case.years,
            name: &case.name,
        },
    )
}

/// The schedule a sourcing study's costs are discounted at under `policy`, one rate per fiscal
/// year of the plan's horizon (the study's years), in the policy's basis: by the same rule as a
/// case's ([`AppraisalPolicy::rate_for_study`]).
pub fn study_schedule(
    policy: &AppraisalPolicy,
    study: &SourcingStudy,
    horizon: &Horizon,
) -> Result<DiscountSchedule, CaseError> {
    schedule_of(
        policy,
        &Appraised {
            rate: policy.rate_for_study(study),
            prices: study.prices,
            first_year: horizon.first_year,
            years: horizon.years,
            name: &study.name,
        },
    )
}

fn schedule_of(policy: &AppraisalPolicy, x: &Appraised) -> Result<DiscountSchedule, CaseError> {
    let years = usize::from(x.years);
    let field = "settings.appraisal.discount";
    let fail = |e: FinanceError| CaseError::invalid(field, e.message().to_owned());
    let (schedule, basis) = match x.rate {
        CaseRate::Own { rate, .. } => {
            // The own rate is in the basis of the flows: a real case in a nominal plan has its
            // flows and its rate converted alike (`price_index`).
            (DiscountSchedule::flat(float(rate, "discount_rate")?, years).map_err(fail)?, x.prices)
        }
        CaseRate::Policy(discount) => match &discount.preset {
            DiscountPreset::GreenBook => (DiscountSchedule::green_book(years).map_err(fail)?, PriceBasis::Real),
            DiscountPreset::A94 { table } => {
                let rows = table
                    .iter()
                    .enumerate()
                    .map(|(k, row)| {
                        let rate = if policy.basis == PriceBasis::Real { row.real } else { row.nominal };
                        Ok(Maturity {
                            years: f64::from(row.years),
                            rate: float(rate, &format!("{field}.preset.table[{k}]"))?,
                        })
                    })
                    .collect::<Result<Vec<_>, CaseError>>()?;
                let rate = maturity_rate(&rows, f64::from(x.years)).map_err(fail)?;
                (DiscountSchedule::flat(rate, years).map_err(fail)?, policy.basis)
            }
            DiscountPreset::Wacc(p) => {
                let rate = wacc_rate(p, &format!("{field}.preset"), field)?;
                (DiscountSchedule::flat(rate, years).map_err(fail)?, PriceBasis::Nominal)
            }
            DiscountPreset::Typed { basis, rates } => {
                let Some(last) = rates.last() else {
                    return Err(CaseError::invalid(format!("{field}.preset.rates"), "has no rate"));
                };
                // Years past the last typed rate take the last.
                let rates = (0..years)
                    .map(|k| float(*rates.get(k).unwrap_or(last), &format!("{field}.preset.rates[{k}]")))
                    .collect::<Result<Vec<_>, _>>()?;
                (DiscountSchedule::per_year(rates).map_err(fail)?, *basis)
            }
        },
    };
    if basis == policy.basis {
        return Ok(schedule);
    }
    let Some(inflation) = inflation_over(policy, x.first_year, x.years, x.name)? else {
        return Err(CaseError::invalid(
            "settings.appraisal.inflation",
            format!(
                "the schedule is {} and the policy {}: an inflation assumption is needed",
                basis.label(),
                policy.basis.label()
            ),
        ));
    };
    let converted = match policy.basis {
        PriceBasis::Nominal => schedule.to_nominal(&inflation),
        PriceBasis::Real => schedule.to_real(&inflation),
    };
    converted.map_err(|e| CaseError::invalid("settings.appraisal.inflation", e.message().to_owned()))
}

/// What each period's amount of `case` is multiplied by to state it in the policy's basis: `None`
/// when the case's prices are already in it. A case in real prices (prices at the start of its
/// first year, t = 0) in a nominal plan: period t's amount × `(1 + i_1) × … × (1 + i_t)`, `i_k`
/// the inflation of the case's k-th fiscal year, the upfront column (t = 0) as it is. The same
/// inflation converts the real discount rates by Fisher, so the case's NPV is the same in either
/// basis (tested). A nominal case in a real plan is refused by validation.
pub(crate) fn price_index(case: &BusinessCase, ctx: &crate::Context) -> Result<Option<crate::Row>, CaseError> {
    let policy = &ctx.policy;
    if case.prices == policy.basis {
        return Ok(None);
    }
    let field = "settings.appraisal.inflation";
    if case.prices == PriceBasis::Nominal {
        let why = "the case's flows are nominal and the plan's policy is real: restate them in real prices";
        return Err(CaseError::invalid("prices", why));
    }
    let Some(assumption) = &policy.inflation else {
        return Err(CaseError::invalid(field, "converts the case's real prices to nominal: give one"));
    };
    let mut index = Vec::with_capacity(case.periods());
    let mut level = rust_decimal::Decimal::ONE;
    index.push(level);
    for k in 0..i32::from(case.years) {
        let fy = FiscalYear(case.first_year.0 + k);
        let rate = assumption.rates.rate_in(fy).ok_or_else(|| {
            CaseError::invalid(
                format!("{field}.rates"),
                format!("has no rate for {}, a year of \"{}\"", fy.0, case.name),
            )
        })?;
        level = level.checked_mul(rust_decimal::Decimal::ONE + rate).ok_or_else(|| CaseError::overflow(field))?;
        index.push(level);
    }
    Ok(Some(index))
}

/// A WACC from its parts (`cairn_finance::wacc`): a part without an f64 is an error naming
/// `parts_field.<part>`, a WACC the parts cannot give one naming `field`.
pub fn wacc_rate(p: &cairn_core::WaccParts, parts_field: &str, field: &str) -> Result<f64, CaseError> {
    let part = |value, name: &str| float(value, &format!("{parts_field}.{name}"));
    let parts = WaccParts {
        risk_free_rate: part(p.risk_free_rate, "risk_free_rate")?,
        beta: part(p.beta, "beta")?,
        equity_risk_premium: part(p.equity_risk_premium, "equity_risk_premium")?,
        cost_of_debt: part(p.cost_of_debt, "cost_of_debt")?,
        tax_rate: part(p.tax_rate, "tax_rate")?,
        equity_weight: part(p.equity_weight, "equity_weight")?,
        debt_weight: part(p.debt_weight, "debt_weight")?,
    };
    Ok(wacc(&parts).map_err(|e| CaseError::invalid(field, e.message().to_owned()))?.rate)
}

/// The policy's inflation over `case`'s years (`None` without an assumption): a flat rate, or
/// the series' rate of each fiscal year of the case, which must cover them all.
pub fn case_inflation(policy: &AppraisalPolicy, case: &BusinessCase) -> Result<Option<Inflation>, CaseError> {
    inflation_over(policy, case.first_year, case.years, &case.name)
}

/// The policy's inflation over `years` fiscal years from `first_year` of what `name` names.
fn inflation_over(
    policy: &AppraisalPolicy,
    first_year: FiscalYear,
    years: u8,
    name: &str,
) -> Result<Option<Inflation>, CaseError> {
    let field = "settings.appraisal.inflation.rates";
    let Some(assumption) = &policy.inflation else { return Ok(None) };
    let inflation = match &assumption.rates {
        InflationRates::Flat { rate } => Inflation::Flat(float(*rate, &format!("{field}.rate"))?),
        rates @ InflationRates::PerYear { .. } => {
            let first = first_year.0;
            let per_year = (0..i32::from(years))
                .map(|k| {
                    let fy = FiscalYear(first + k);
                    let rate = rates.rate_in(fy).ok_or_else(|| {
                        CaseError::invalid(field, format!("has no rate for {}, a year of \"{}\"", fy.0, name))
                    })?;
                    float(rate, field)
                })
                .collect::<Result<Vec<_>, _>>()?;
            Inflation::PerYear(per_year)
        }
    };
    Ok(Some(inflation))
}

#[cfg(test)]
mod tests {
    use super::*;
    use cairn_core::{A94Row, DiscountPolicy, InflationAssumption, InflationYear, demo_plan};
    use rust_decimal::dec;

    fn with(discount: DiscountPreset, basis: PriceBasis) -> AppraisalPolicy {
        AppraisalPolicy {
            basis,
            discount: Some(DiscountPolicy { preset: discount, confirmed: true, ..DiscountPolicy::green_book() }),
            ..AppraisalPolicy::default()
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-15
    }

    /// Without a schedule (every plan before policies) a case is discounted at its own rate, and
    /// its present value is the NPV `evaluate` reports, to the last bit.
    #[test]
    fn the_default_policy_is_the_case_rate() {
        let mut plan = demo_plan();
        plan.settings.appraisal = AppraisalPolicy::default();
        let ctx = crate::Context::of(&plan);
        for case in &plan.business_cases {
            let schedule = case_schedule(&AppraisalPolicy::default(), case).expect("schedule");
            let rate = float(case.discount_rate, "rate").expect("rate");
            assert_eq!(schedule, DiscountSchedule::flat(rate, usize::from(case.years)).expect("flat"));
            let e = crate::evaluate_in(case, &ctx).expect("evaluates");
            assert_eq!(Some(schedule.present_value(&e.flows).expect("pv")), e.metrics.npv.value(), "{}", case.name);
        }
    }

    /// The default decision rule is the rule Cairn applied before policies: proceed only when the
    /// most likely NPV is above zero and the chance of a loss is below 10 % (`decide`'s tests
    /// hold it to that rule, case by case).
    #[test]
    fn the_default_decision_rule_is_the_rule_before_policies() {
        let rule = cairn_core::DecisionRule::default();
        assert_eq!(rule.measure, cairn_core::NpvMeasure::MostLikely);
        assert!(rule.min_npv.is_zero());
        assert_eq!(rule.chance_of_loss.comparison, cairn_core::Comparison::Below);
        assert_eq!(float(rule.chance_of_loss.value, "limit").expect("limit"), 0.10);
    }

    #[test]
    fn each_preset_gives_its_rates() {
        let case = &demo_plan().business_cases[0]; // ten years from FY2027
        assert_eq!(case.years, 10);
        let real = with(DiscountPreset::GreenBook, PriceBasis::Real);
        assert_eq!(case_schedule(&real, case).expect("green book").rates(), &[0.035; 10]);
        // A-94 at ten years: the 10-year row's rate in the policy's basis.
        let table = vec![
            A94Row { years: 7, real: dec!(0.020), nominal: dec!(0.040) },
            A94Row { years: 20, real: dec!(0.033), nominal: dec!(0.053) },
        ];
        // 10 years: 3/13 of the way from 7 to 20 → 2.0 % + 1.3 % × 3/13 = 2.3 % real, 4.3 % nominal.
        let a94 =
            case_schedule(&with(DiscountPreset::A94 { table: table.clone() }, PriceBasis::Real), case).expect("a94");
        assert!(a94.rates().iter().all(|r| close(*r, 0.023)), "{:?}", a94.rates());
        let a94 = case_schedule(&with(DiscountPreset::A94 { table }, PriceBasis::Nominal), case).expect("a94");
        assert!(a94.rates().iter().all(|r| close(*r, 0.043)), "{:?}", a94.rates());
        // WACC: 0.6 × 10 % + 0.4 × 4.5 % = 7.8 %.
        let parts = cairn_core::WaccParts {
            risk_free_rate: dec!(0.04),
            beta: dec!(1.2),
            equity_risk_premium: dec!(0.05),
            cost_of_debt: dec!(0.06),
            tax_rate: dec!(0.25),
            equity_weight: dec!(60),
            debt_weight: dec!(40),
        };
        let w = case_schedule(&with(DiscountPreset::Wacc(parts), PriceBasis::Nominal), case).expect("wacc");
        assert!(w.rates().iter().all(|r| (r - 0.078).abs() < 1e-15), "{:?}", w.rates());
        // Typed: years past the last typed rate take the last.
        let typed = DiscountPreset::Typed { basis: PriceBasis::Nominal, rates: vec![dec!(0.06), dec!(0.05)] };
        let t = case_schedule(&with(typed, PriceBasis::Nominal), case).expect("typed");
        assert_eq!(t.rates()[..3], [0.06, 0.05, 0.05]);
        assert_eq!(t.years(), 10);
        // A case with its own rate and a reason keeps it under any schedule.
        // (Its rate is in the basis of its flows: real in this real plan.)
        let mut own = case.clone();
        own.rate_reason = Some("The lender sets it.".into());
        own.prices = PriceBasis::Real;
        assert_eq!(case_schedule(&real, &own).expect("own").rates(), &[0.06; 10]);
    }

    /// The Green Book (real) in a nominal policy: each year's rate made nominal with that fiscal
    /// year's inflation, (1 + 3.5 %)(1 + i) − 1.
    #[test]
    fn a_real_schedule_in_a_nominal_policy_is_converted_by_fiscal_year() {
        let case = &demo_plan().business_cases[0];
        let mut policy = with(DiscountPreset::GreenBook, PriceBasis::Nominal);
        let err = case_schedule(&policy, case).expect_err("no inflation");
        assert!(err.to_string().starts_with("settings.appraisal.inflation: the schedule is real"), "{err}");
        let years = (2027..2037)
            .map(|y| InflationYear { year: FiscalYear(y), rate: if y == 2027 { dec!(0.04) } else { dec!(0.02) } });
        policy.inflation = Some(InflationAssumption {
            rates: InflationRates::PerYear { years: years.collect() },
            source: "CPI".into(),
        });
        let s = case_schedule(&policy, case).expect("converted");
        assert!(close(s.rates()[0], 1.035 * 1.04 - 1.0), "{}", s.rates()[0]);
        assert!(close(s.rates()[1], 1.035 * 1.02 - 1.0), "{}", s.rates()[1]);
        let short = AppraisalPolicy {
            inflation: Some(InflationAssumption {
                rates: InflationRates::PerYear {
                    years: vec![InflationYear { year: FiscalYear(2027), rate: dec!(0.02) }],
                },
                source: "CPI".into(),
            }),
            ..policy
        };
        let err = case_schedule(&short, case).expect_err("short series");
        assert_eq!(
            err.to_string(),
            "settings.appraisal.inflation.rates: has no rate for 2028, a year of \"ERP replacement\""
        );
    }
}

//! The rules of the plan's appraisal policy (`settings.appraisal`) and of how each business case and
//! sourcing study stands to it: a schedule is confirmed and sourced, its rates are in range, a conversion
//! between nominal and real has an inflation assumption covering the years it needs, and a real
//! policy never discounts a case whose flows are nominal.

use std::collections::HashSet;

use rust_decimal::{Decimal, dec};

use crate::appraisal::{
    AppraisalPolicy, Capitalisation, DiscountPolicy, DiscountPreset, InflationAssumption, InflationRates, PriceBasis,
    WaccParts,
};
use crate::plan::Plan;
use crate::validate::Checker;

const AT: &str = "settings.appraisal";

/// The longest typed schedule: more years than any case (30) or the Green Book's bands need.
pub const MAX_TYPED_RATES: usize = 100;

/// Every rule of the policy and of each case against it.
pub(crate) fn appraisal(c: &mut Checker, plan: &Plan) {
    let policy = &plan.settings.appraisal;
    if let Some(discount) = &policy.discount {
        discount_policy(c, discount);
    }
    if let Some(inflation) = &policy.inflation {
        inflation_assumption(c, inflation);
    }
    // The schedule's own basis differs from the policy's: its rates are converted by Fisher,
    // which needs inflation.
    if let Some(discount) = &policy.discount
        && let Some(basis) = discount.preset.basis()
        && basis != policy.basis
        && policy.inflation.is_none()
    {
        c.fail(
            format!("{AT}.inflation"),
            format!(
                "{} is {} and the policy's basis is {}: give an inflation assumption to convert its rates",
                discount.preset.label(),
                basis.label(),
                policy.basis.label()
            ),
        );
    }
    let counted = &policy.benefits_counted;
    if !(counted.cash_releasing || counted.non_cash_releasing || counted.wider) {
        c.fail(format!("{AT}.benefits_counted"), "must count at least one class of benefit");
    }
    if let Capitalisation::Standard { capitalised, .. } = &policy.capitalisation {
        let mut seen = HashSet::new();
        for (k, activity) in capitalised.iter().enumerate() {
            if !seen.insert(activity) {
                c.fail(format!("{AT}.capitalisation.capitalised[{k}]"), "is listed twice");
            }
        }
    }
    let limit = &policy.decision_rule.chance_of_loss;
    c.fraction(format!("{AT}.decision_rule.chance_of_loss.value"), limit.value, dec!(0), dec!(1), "a probability");
    c.amount(format!("{AT}.decision_rule.min_npv"), policy.decision_rule.min_npv);
    for (i, x) in plan.business_cases.iter().enumerate() {
        let case = Appraised {
            at: format!("business_cases[{i}]"),
            kind: "case",
            name: &x.name,
            rate_reason: x.rate_reason.as_deref(),
            prices: x.prices,
            first_year: x.first_year.0,
            years: x.years,
        };
        appraised(c, policy, &case);
    }
    // A study's costs fall in the plan's horizon.
    let horizon = &plan.settings.horizon;
    for (i, x) in plan.sourcing_studies.iter().enumerate() {
        let study = Appraised {
            at: format!("sourcing_studies[{i}]"),
            kind: "study",
            name: &x.name,
            rate_reason: x.rate_reason.as_deref(),
            prices: x.prices,
            first_year: horizon.first_year.0,
            years: horizon.years,
        };
        appraised(c, policy, &study);
    }
}

fn discount_policy(c: &mut Checker, d: &DiscountPolicy) {
    let at = format!("{AT}.discount");
    c.name(format!("{at}.source"), &d.source, true);
    if !d.confirmed {
        c.fail(
            format!("{at}.confirmed"),
            format!(
                "{} ({}, as of {}) is not confirmed: check its rates against the source and confirm them before the plan uses them",
                d.preset.label(),
                d.source,
                d.as_of
            ),
        );
    }
    let rate = |c: &mut Checker, path: String, value: Decimal| {
        c.fraction(path, value, dec!(-0.99), dec!(1), "a discount rate");
    };
    match &d.preset {
        DiscountPreset::GreenBook => {}
        DiscountPreset::A94 { table } => {
            if table.is_empty() {
                c.fail(
                    format!("{at}.preset.table"),
                    "must have at least one maturity (OMB's: 3, 5, 7, 10, 20, 30 years)",
                );
            }
            for (k, row) in table.iter().enumerate() {
                let p = |field: &str| format!("{at}.preset.table[{k}].{field}");
                if !(1..=100).contains(&row.years) {
                    c.fail(p("years"), format!("must be from 1 to 100 years, not {}", row.years));
                } else if k > 0 && row.years <= table[k - 1].years {
                    c.fail(
                        p("years"),
                        format!("maturities must increase, but {} follows {} years", row.years, table[k - 1].years),
                    );
                }
                rate(c, p("real"), row.real);
                rate(c, p("nominal"), row.nominal);
            }
        }
        DiscountPreset::Wacc(parts) => wacc(c, &format!("{at}.preset"), parts),
        DiscountPreset::Typed { rates, .. } => {
            if rates.is_empty() {
                c.fail(format!("{at}.preset.rates"), "must have at least one rate (one rate: a flat rate)");
            }
            if rates.len() > MAX_TYPED_RATES {
                c.fail(
                    format!("{at}.preset.rates"),
                    format!("has {} rates; a schedule may type at most {MAX_TYPED_RATES}", rates.len()),
                );
            }
            for (k, r) in rates.iter().enumerate() {
                rate(c, format!("{at}.preset.rates[{k}]"), *r);
            }
        }
    }
}

/// A WACC's parts each in range, and the WACC they make (computed exactly, with checked
/// arithmetic) a discount rate Cairn accepts.
fn wacc(c: &mut Checker, at: &str, p: &WaccParts) {
    let before = c.count();
    c.fraction(format!("{at}.risk_free_rate"), p.risk_free_rate, dec!(-0.99), dec!(1), "a risk-free rate");
    c.fraction(format!("{at}.equity_risk_premium"), p.equity_risk_premium, dec!(0), dec!(1), "an equity risk premium");
    c.fraction(format!("{at}.cost_of_debt"), p.cost_of_debt, dec!(-0.99), dec!(1), "a cost of debt");
    c.fraction(format!("{at}.tax_rate"), p.tax_rate, dec!(0), dec!(0.99), "a tax rate");
    if !(dec!(-5)..=dec!(5)).contains(&p.beta) {
        c.fail(format!("{at}.beta"), format!("must be between -5 and 5, not {}", p.beta));
    }
    for (field, weight) in [("equity_weight", p.equity_weight), ("debt_weight", p.debt_weight)] {
        if weight < Decimal::ZERO {
            c.fail(format!("{at}.{field}"), "must not be negative");
        }
        c.amount(format!("{at}.{field}"), weight);
    }
    if p.equity_weight.is_zero() && p.debt_weight.is_zero() {
        c.fail(format!("{at}.equity_weight"), "equity and debt cannot both weigh nothing");
    }
    if c.count() > before {
        return;
    }
    // E/(E+D) × (rf + β × ERP) + D/(E+D) × Kd × (1 − t), as cairn_finance::wacc computes it.
    let total = p.equity_weight.checked_add(p.debt_weight);
    let cost_of_equity = p.beta.checked_mul(p.equity_risk_premium).and_then(|x| x.checked_add(p.risk_free_rate));
    let debt_after_tax = p.cost_of_debt.checked_mul(Decimal::ONE - p.tax_rate);
    let rate = (|| {
        let total = total?;
        let equity = p.equity_weight.checked_mul(cost_of_equity?)?;
        let debt = p.debt_weight.checked_mul(debt_after_tax?)?;
        equity.checked_add(debt)?.checked_div(total)
    })();
    match rate {
        Some(rate) => {
            c.fraction(at.to_owned(), rate, dec!(-0.99), dec!(1), "a discount rate (the WACC its parts make)")
        }
        None => c.fail(at.to_owned(), "the WACC its parts make is too large to compute"),
    }
}

fn inflation_assumption(c: &mut Checker, x: &InflationAssumption) {
    let at = format!("{AT}.inflation");
    c.name(format!("{at}.source"), &x.source, true);
    match &x.rates {
        InflationRates::Flat { rate } => {
            c.fraction(format!("{at}.rates.rate"), *rate, dec!(-0.5), dec!(1), "an inflation rate");
        }
        InflationRates::PerYear { years } => {
            if years.is_empty() {
                c.fail(format!("{at}.rates.years"), "must have at least one fiscal year");
            }
            for (k, y) in years.iter().enumerate() {
                let p = |field: &str| format!("{at}.rates.years[{k}].{field}");
                if k > 0 && y.year <= years[k - 1].year {
                    c.fail(
                        p("year"),
                        format!("years must increase, each once, but {} follows {}", y.year.0, years[k - 1].year.0),
                    );
                }
                c.fraction(p("rate"), y.rate, dec!(-0.5), dec!(1), "an inflation rate");
            }
        }
    }
}

/// What the policy appraises: a business case or a sourcing study.
struct Appraised<'a> {
    /// Its path, e.g. `business_cases[0]`.
    at: String,
    /// "case" or "study", as the messages say it.
    kind: &'static str,
    name: &'a str,
    rate_reason: Option<&'a str>,
    prices: PriceBasis,
    /// The fiscal years its flows fall in: first, and how many.
    first_year: i32,
    years: u8,
}

/// A case or study against the policy: its reason, its flows' basis, and the inflation it needs.
fn appraised(c: &mut Checker, policy: &AppraisalPolicy, x: &Appraised) {
    let at = &x.at;
    if let Some(reason) = x.rate_reason {
        if reason.trim().is_empty() {
            c.fail(
                format!("{at}.rate_reason"),
                format!(
                    "must say why the {} uses its own rate rather than the plan's: the board pack prints it",
                    x.kind
                ),
            );
        }
        c.text(format!("{at}.rate_reason"), reason);
    }
    let mut needs_inflation = false;
    match (policy.basis, x.prices) {
        (PriceBasis::Real, PriceBasis::Nominal) => c.fail(
            format!("{at}.prices"),
            format!(
                "\"{}\" states its flows in nominal prices, but the plan's appraisal policy is real: a real rate on \
                 nominal flows overstates every later year; restate the {} in real prices or appraise the plan in \
                 nominal terms",
                x.name, x.kind
            ),
        ),
        (PriceBasis::Nominal, PriceBasis::Real) => {
            needs_inflation = true;
            if policy.inflation.is_none() {
                c.fail(
                    format!("{at}.prices"),
                    format!(
                        "\"{}\" states its flows in real prices and the plan's policy is nominal: give the policy an \
                         inflation assumption to convert them",
                        x.name
                    ),
                );
            }
        }
        _ => {}
    }
    // The plan's schedule converted by Fisher needs the inflation of each of its years.
    let follows_schedule = x.rate_reason.is_none()
        && policy.discount.as_ref().and_then(|d| d.preset.basis()).is_some_and(|b| b != policy.basis);
    if needs_inflation || follows_schedule {
        let Some(InflationAssumption { rates: rates @ InflationRates::PerYear { .. }, .. }) = &policy.inflation else {
            return;
        };
        let missing = (x.first_year..x.first_year.saturating_add(i32::from(x.years)))
            .find(|y| rates.rate_in(crate::fiscal::FiscalYear(*y)).is_none());
        if let Some(year) = missing {
            c.fail(
                format!("{AT}.inflation.rates.years"),
                format!("has no rate for {year}, a year of \"{}\", whose flows or rate it converts", x.name),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::appraisal::{A94Row, BenefitClasses, InflationYear};
    use crate::demo::demo_plan;
    use crate::fiscal::FiscalYear;
    use crate::validate::validate;

    /// Applies `edit` to the demo plan, without the demo's own policy (each test states the one it
    /// checks), and expects exactly these problems, path and reason.
    fn check(edit: impl FnOnce(&mut Plan), expected: &[&str]) {
        let mut plan = demo_plan();
        plan.settings.appraisal = AppraisalPolicy::default();
        edit(&mut plan);
        let problems: Vec<String> = validate(&plan).into_iter().map(|p| p.to_string()).collect();
        assert_eq!(problems, expected);
    }

    fn confirmed(preset: DiscountPreset) -> DiscountPolicy {
        DiscountPolicy { preset, confirmed: true, ..DiscountPolicy::green_book() }
    }

    fn flat_inflation() -> Option<InflationAssumption> {
        Some(InflationAssumption { rates: InflationRates::Flat { rate: dec!(0.02) }, source: "CPI target".into() })
    }

    #[test]
    fn the_demo_and_a_full_policy_are_valid() {
        assert_eq!(validate(&demo_plan()), [], "the demo with its policy");
        check(|_| {}, &[]);
        check(|p| p.settings.appraisal = crate::appraisal::tests::full_policy(), &[]);
    }

    #[test]
    fn a_real_policy_refuses_nominal_flows_by_case() {
        check(
            |p| {
                p.settings.appraisal.basis = PriceBasis::Real;
                p.business_cases[1].prices = PriceBasis::Real;
                p.business_cases[2].prices = PriceBasis::Real;
                p.sourcing_studies[0].prices = PriceBasis::Real;
            },
            &[
                "business_cases[0].prices: \"ERP replacement\" states its flows in nominal prices, but the plan's \
                 appraisal policy is real: a real rate on nominal flows overstates every later year; restate the case \
                 in real prices or appraise the plan in nominal terms",
                "sourcing_studies[1].prices: \"Email and collaboration\" states its flows in nominal prices, \
                 but the plan's appraisal policy is real: a real rate on nominal flows overstates every later year; \
                 restate the study in real prices or appraise the plan in nominal terms",
            ],
        );
        // A real policy with a real schedule and real cases is fine.
        check(
            |p| {
                p.settings.appraisal.basis = PriceBasis::Real;
                p.settings.appraisal.discount = Some(confirmed(DiscountPreset::GreenBook));
                for x in &mut p.business_cases {
                    x.prices = PriceBasis::Real;
                }
                for x in &mut p.sourcing_studies {
                    x.prices = PriceBasis::Real;
                }
            },
            &[],
        );
    }

    #[test]
    fn an_unconfirmed_preset_is_refused() {
        check(
            |p| p.settings.appraisal.discount = Some(DiscountPolicy::green_book()),
            &[
                "settings.appraisal.discount.confirmed: the Green Book schedule (HM Treasury, The Green Book: \
                 appraisal and evaluation in central government (2022), Annex A6, as of 2022-03-30) is not confirmed: \
                 check its rates against the source and confirm them before the plan uses them",
                // The Green Book is real, the policy nominal: conversion needs inflation.
                "settings.appraisal.inflation: the Green Book schedule is real and the policy's basis is nominal: \
                 give an inflation assumption to convert its rates",
            ],
        );
        check(
            |p| {
                p.settings.appraisal.discount = Some(confirmed(DiscountPreset::GreenBook));
                p.settings.appraisal.inflation = flat_inflation();
            },
            &[],
        );
    }

    #[test]
    fn rates_out_of_range() {
        check(
            |p| {
                let table = vec![
                    A94Row { years: 3, real: dec!(0.024), nominal: dec!(1.5) },
                    A94Row { years: 3, real: dec!(0.025), nominal: dec!(0.04) },
                ];
                let mut d = confirmed(DiscountPreset::A94 { table });
                d.source = " ".into();
                p.settings.appraisal.discount = Some(d);
            },
            &[
                "settings.appraisal.discount.source: must not be empty",
                "settings.appraisal.discount.preset.table[0].nominal: 150 % is not a discount rate Cairn accepts: use -99 % to 100 %",
                "settings.appraisal.discount.preset.table[1].years: maturities must increase, but 3 follows 3 years",
            ],
        );
        check(
            |p| {
                let rates = vec![dec!(0.05), dec!(-1)];
                p.settings.appraisal.discount =
                    Some(confirmed(DiscountPreset::Typed { basis: PriceBasis::Nominal, rates }));
                p.settings.appraisal.inflation = Some(InflationAssumption {
                    rates: InflationRates::PerYear {
                        years: vec![
                            InflationYear { year: FiscalYear(2028), rate: dec!(0.02) },
                            InflationYear { year: FiscalYear(2027), rate: dec!(2) },
                        ],
                    },
                    source: "CPI".into(),
                });
                p.settings.appraisal.benefits_counted =
                    BenefitClasses { cash_releasing: false, non_cash_releasing: false, wider: false };
                p.settings.appraisal.decision_rule.chance_of_loss.value = dec!(1.2);
            },
            &[
                "settings.appraisal.discount.preset.rates[1]: -100 % is not a discount rate Cairn accepts: use -99 % to 100 %",
                "settings.appraisal.inflation.rates.years[1].year: years must increase, each once, but 2027 follows 2028",
                "settings.appraisal.inflation.rates.years[1].rate: 200 % is not an inflation rate Cairn accepts: use -50 % to 100 %",
                "settings.appraisal.benefits_counted: must count at least one class of benefit",
                "settings.appraisal.decision_rule.chance_of_loss.value: 120 % is not a probability Cairn accepts: use 0 % to 100 %",
            ],
        );
    }

    #[test]
    fn wacc_parts_and_the_rate_they_make() {
        let parts = WaccParts {
            risk_free_rate: dec!(0.04),
            beta: dec!(1.2),
            equity_risk_premium: dec!(0.05),
            cost_of_debt: dec!(0.06),
            tax_rate: dec!(0.25),
            equity_weight: dec!(60),
            debt_weight: dec!(40),
        };
        let with = |parts: WaccParts| {
            move |p: &mut Plan| p.settings.appraisal.discount = Some(confirmed(DiscountPreset::Wacc(parts)))
        };
        check(with(parts.clone()), &[]);
        check(
            with(WaccParts { beta: dec!(7), tax_rate: dec!(1), debt_weight: dec!(-1), ..parts.clone() }),
            &[
                "settings.appraisal.discount.preset.tax_rate: 100 % is not a tax rate Cairn accepts: use 0 % to 99 %",
                "settings.appraisal.discount.preset.beta: must be between -5 and 5, not 7",
                "settings.appraisal.discount.preset.debt_weight: must not be negative",
            ],
        );
        // Each part in range, the WACC they make is not: 1 + 5 × 1 = 600 %.
        check(
            with(WaccParts {
                risk_free_rate: dec!(1),
                beta: dec!(5),
                equity_risk_premium: dec!(1),
                debt_weight: dec!(0),
                ..parts
            }),
            &[
                "settings.appraisal.discount.preset: 600 % is not a discount rate (the WACC its parts make) Cairn accepts: use -99 % to 100 %",
            ],
        );
    }

    #[test]
    fn real_flows_in_a_nominal_plan_need_inflation_for_each_year() {
        check(
            |p| p.business_cases[0].prices = PriceBasis::Real,
            &[
                "business_cases[0].prices: \"ERP replacement\" states its flows in real prices and the plan's policy is \
               nominal: give the policy an inflation assumption to convert them",
            ],
        );
        check(
            |p| {
                p.business_cases[0].prices = PriceBasis::Real;
                let years = (2027..2030).map(|y| InflationYear { year: FiscalYear(y), rate: dec!(0.02) }).collect();
                p.settings.appraisal.inflation =
                    Some(InflationAssumption { rates: InflationRates::PerYear { years }, source: "CPI".into() });
            },
            &["settings.appraisal.inflation.rates.years: has no rate for 2030, a year of \"ERP replacement\", whose \
               flows or rate it converts"],
        );
    }

    #[test]
    fn a_case_with_its_own_rate_gives_a_reason() {
        check(
            |p| p.business_cases[0].rate_reason = Some("  ".into()),
            &["business_cases[0].rate_reason: must say why the case uses its own rate rather than the plan's: the \
               board pack prints it"],
        );
        check(|p| p.business_cases[0].rate_reason = Some("The lender sets the rate.".into()), &[]);
        check(
            |p| p.sourcing_studies[0].rate_reason = Some(String::new()),
            &["sourcing_studies[0].rate_reason: must say why the study uses its own rate rather than the plan's: the \
               board pack prints it"],
        );
    }
}

//! The plan's appraisal policy as the settings page edits it: `cairn_core::AppraisalPolicy` to
//! and from [`AppraisalPolicyDto`], every field read by its path in the plan
//! (`settings.appraisal.…`), the change one undoable, validated edit; and the WACC its parts make,
//! computed by `cairn_finance::wacc` for the page to show while the parts are typed.

use cairn_core::appraisal::Capitalisation;
use cairn_core::text::Places;
use cairn_core::{
    A94Row, AccountingStandard, AppraisalPolicy, BenefitClasses, ChanceOfLossLimit, Comparison, CostActivity,
    DecisionRule, DiscountPolicy, DiscountPreset, FiscalYear, HeadlineBasis, InflationAssumption, InflationRates,
    InflationYear, NpvMeasure, PriceBasis, WaccParts,
};
use chrono::{DateTime, NaiveDate, Utc};

use crate::codec::{decimal_text, parse_amount, parse_number, parse_percent, percent_text};
use crate::policy_dto::*;
use crate::{ApiError, Cairn};

const AT: &str = "settings.appraisal";

fn basis_to(b: PriceBasis) -> BasisDto {
    match b {
        PriceBasis::Real => BasisDto::Real,
        PriceBasis::Nominal => BasisDto::Nominal,
    }
}

fn basis_from(b: BasisDto) -> PriceBasis {
    match b {
        BasisDto::Real => PriceBasis::Real,
        BasisDto::Nominal => PriceBasis::Nominal,
    }
}

macro_rules! activities {
    ($($v:ident),*) => {
        fn activity_to(a: CostActivity) -> ActivityDto {
            match a { $(CostActivity::$v => ActivityDto::$v,)* }
        }
        fn activity_from(a: ActivityDto) -> CostActivity {
            match a { $(ActivityDto::$v => CostActivity::$v,)* }
        }
    };
}

activities!(
    PreliminaryProject,
    Hardware,
    SoftwarePurchase,
    SoftwareSubscription,
    Development,
    DataConversion,
    Training,
    PostImplementation
);

fn standard_to(s: AccountingStandard) -> StandardDto {
    match s {
        AccountingStandard::Gasb51And96 => StandardDto::Gasb51And96,
        AccountingStandard::Asc350_40 => StandardDto::Asc350_40,
        AccountingStandard::Ias38 => StandardDto::Ias38,
    }
}

fn standard_from(s: StandardDto) -> AccountingStandard {
    match s {
        StandardDto::Gasb51And96 => AccountingStandard::Gasb51And96,
        StandardDto::Asc350_40 => AccountingStandard::Asc350_40,
        StandardDto::Ias38 => AccountingStandard::Ias38,
    }
}

fn wacc_to(p: &WaccParts) -> WaccPartsDto {
    WaccPartsDto {
        risk_free_rate: percent_text(p.risk_free_rate),
        beta: decimal_text(p.beta),
        equity_risk_premium: percent_text(p.equity_risk_premium),
        cost_of_debt: percent_text(p.cost_of_debt),
        tax_rate: percent_text(p.tax_rate),
        equity_weight: decimal_text(p.equity_weight),
        debt_weight: decimal_text(p.debt_weight),
    }
}

fn wacc_from(p: &WaccPartsDto, at: &str) -> Result<WaccParts, ApiError> {
    let f = |name: &str| format!("{at}.{name}");
    Ok(WaccParts {
        risk_free_rate: parse_percent(&p.risk_free_rate, &f("risk_free_rate"))?,
        beta: parse_number(&p.beta, &f("beta"), "a beta (a plain number, e.g. 1.1)")?,
        equity_risk_premium: parse_percent(&p.equity_risk_premium, &f("equity_risk_premium"))?,
        cost_of_debt: parse_percent(&p.cost_of_debt, &f("cost_of_debt"))?,
        tax_rate: parse_percent(&p.tax_rate, &f("tax_rate"))?,
        equity_weight: parse_number(&p.equity_weight, &f("equity_weight"), "a weight (an amount or a share)")?,
        debt_weight: parse_number(&p.debt_weight, &f("debt_weight"), "a weight (an amount or a share)")?,
    })
}

/// The policy as the page edits it.
pub(crate) fn policy_dto(p: &AppraisalPolicy) -> AppraisalPolicyDto {
    let discount = p.discount.as_ref().map(|d| DiscountPolicyDto {
        preset: match &d.preset {
            DiscountPreset::GreenBook => DiscountPresetDto::GreenBook,
            DiscountPreset::A94 { table } => DiscountPresetDto::A94 {
                table: table
                    .iter()
                    .map(|r| A94RowDto { years: r.years, real: percent_text(r.real), nominal: percent_text(r.nominal) })
                    .collect(),
            },
            DiscountPreset::Wacc(parts) => DiscountPresetDto::Wacc { parts: wacc_to(parts) },
            DiscountPreset::Typed { basis, rates } => DiscountPresetDto::Typed {
                basis: basis_to(*basis),
                rates: rates.iter().map(|r| percent_text(*r)).collect(),
            },
        },
        source: d.source.clone(),
        as_of: d.as_of.format("%Y-%m-%d").to_string(),
        confirmed: d.confirmed,
    });
    let inflation = p.inflation.as_ref().map(|i| InflationDto {
        rates: match &i.rates {
            InflationRates::Flat { rate } => InflationRatesDto::Flat { rate: percent_text(*rate) },
            InflationRates::PerYear { years } => InflationRatesDto::PerYear {
                years: years.iter().map(|y| InflationYearDto { year: y.year.0, rate: percent_text(y.rate) }).collect(),
            },
        },
        source: i.source.clone(),
    });
    let rule = &p.decision_rule;
    AppraisalPolicyDto {
        basis: basis_to(p.basis),
        discount,
        inflation,
        benefits_counted: BenefitsCountedDto {
            cash_releasing: p.benefits_counted.cash_releasing,
            non_cash_releasing: p.benefits_counted.non_cash_releasing,
            wider: p.benefits_counted.wider,
        },
        capitalisation: match &p.capitalisation {
            Capitalisation::ByCategory => CapitalisationDto::ByCategory,
            Capitalisation::Standard { standard, capitalised } => CapitalisationDto::Standard {
                standard: standard_to(*standard),
                capitalised: capitalised.iter().map(|a| activity_to(*a)).collect(),
            },
        },
        headline: match p.headline {
            HeadlineBasis::MostLikely => HeadlineDto::MostLikely,
            HeadlineBasis::ExpectedValue => HeadlineDto::ExpectedValue,
        },
        decision_rule: DecisionRuleDto {
            measure: match rule.measure {
                NpvMeasure::MostLikely => MeasureDto::MostLikely,
                NpvMeasure::Expected => MeasureDto::Expected,
                NpvMeasure::P50 => MeasureDto::P50,
            },
            min_npv: decimal_text(rule.min_npv),
            chance_of_loss: percent_text(rule.chance_of_loss.value),
            comparison: match rule.chance_of_loss.comparison {
                Comparison::Below => LimitComparisonDto::Below,
                Comparison::AtMost => LimitComparisonDto::AtMost,
            },
        },
    }
}

/// The policy the page sent, every field read by its path; the rules (a confirmed schedule,
/// rates in range, inflation where a conversion needs it) are `cairn_core::validate`'s, applied
/// by the edit.
pub(crate) fn policy_from_dto(dto: &AppraisalPolicyDto, keep: &AppraisalPolicy) -> Result<AppraisalPolicy, ApiError> {
    let discount = match &dto.discount {
        None => None,
        Some(d) => {
            let at = format!("{AT}.discount");
            let preset = match &d.preset {
                DiscountPresetDto::GreenBook => DiscountPreset::GreenBook,
                DiscountPresetDto::A94 { table } => DiscountPreset::A94 {
                    table: table
                        .iter()
                        .enumerate()
                        .map(|(k, r)| {
                            Ok(A94Row {
                                years: r.years,
                                real: parse_percent(&r.real, &format!("{at}.preset.table[{k}].real"))?,
                                nominal: parse_percent(&r.nominal, &format!("{at}.preset.table[{k}].nominal"))?,
                            })
                        })
                        .collect::<Result<_, ApiError>>()?,
                },
                DiscountPresetDto::Wacc { parts } => DiscountPreset::Wacc(wacc_from(parts, &format!("{at}.preset"))?),
                DiscountPresetDto::Typed { basis, rates } => DiscountPreset::Typed {
                    basis: basis_from(*basis),
                    rates: rates
                        .iter()
                        .enumerate()
                        .map(|(k, r)| parse_percent(r, &format!("{at}.preset.rates[{k}]")))
                        .collect::<Result<_, _>>()?,
                },
            };
            let as_of = NaiveDate::parse_from_str(d.as_of.trim(), "%Y-%m-%d").map_err(|_| {
                ApiError::invalid(
                    format!("{at}.as_of"),
                    format!("\"{}\" is not a date: write it as YYYY-MM-DD, e.g. 2026-09-30", d.as_of),
                )
            })?;
            Some(DiscountPolicy { preset, source: d.source.trim().to_owned(), as_of, confirmed: d.confirmed })
        }
    };
    let inflation = match &dto.inflation {
        None => None,
        Some(i) => {
            let at = format!("{AT}.inflation.rates");
            let rates = match &i.rates {
                InflationRatesDto::Flat { rate } => {
                    InflationRates::Flat { rate: parse_percent(rate, &format!("{at}.rate"))? }
                }
                InflationRatesDto::PerYear { years } => InflationRates::PerYear {
                    years: years
                        .iter()
                        .enumerate()
                        .map(|(k, y)| {
                            Ok(InflationYear {
                                year: FiscalYear(y.year),
                                rate: parse_percent(&y.rate, &format!("{at}.years[{k}].rate"))?,
                            })
                        })
                        .collect::<Result<_, ApiError>>()?,
                },
            };
            Some(InflationAssumption { rates, source: i.source.trim().to_owned() })
        }
    };
    let rule = &dto.decision_rule;
    let min_npv = parse_amount(&rule.min_npv, &format!("{AT}.decision_rule.min_npv"))?;
    let limit = parse_percent(&rule.chance_of_loss, &format!("{AT}.decision_rule.chance_of_loss.value"))?;
    Ok(AppraisalPolicy {
        basis: basis_from(dto.basis),
        discount,
        inflation,
        benefits_counted: BenefitClasses {
            cash_releasing: dto.benefits_counted.cash_releasing,
            non_cash_releasing: dto.benefits_counted.non_cash_releasing,
            wider: dto.benefits_counted.wider,
        },
        capitalisation: match &dto.capitalisation {
            CapitalisationDto::ByCategory => Capitalisation::ByCategory,
            CapitalisationDto::Standard { standard, capitalised } => Capitalisation::Standard {
                standard: standard_from(*standard),
                capitalised: capitalised.iter().map(|a| activity_from(*a)).collect(),
            },
        },
        headline: match dto.headline {
            HeadlineDto::MostLikely => HeadlineBasis::MostLikely,
            HeadlineDto::ExpectedValue => HeadlineBasis::ExpectedValue,
        },
        decision_rule: DecisionRule {
            measure: match rule.measure {
                MeasureDto::MostLikely => NpvMeasure::MostLikely,
                MeasureDto::Expected => NpvMeasure::Expected,
                MeasureDto::P50 => NpvMeasure::P50,
            },
            min_npv,
            chance_of_loss: ChanceOfLossLimit {
                comparison: match rule.comparison {
                    LimitComparisonDto::Below => Comparison::Below,
                    LimitComparisonDto::AtMost => Comparison::AtMost,
                },
                value: limit,
            },
            // The page does not edit how a mandatory case is judged: there is one rule.
            mandatory: keep.decision_rule.mandatory,
        },
    })
}

/// The WACC `parts` make, as the page shows it ("7.92 %"): `cairn_finance::wacc`, the function
/// the engine discounts with. A part that cannot be read is named by its path.
pub fn wacc_rate(parts: &WaccPartsDto) -> Result<String, ApiError> {
    let at = format!("{AT}.discount.preset");
    let p = wacc_from(parts, &at)?;
    wacc_text(&p, &at)
}

fn wacc_text(p: &WaccParts, at: &str) -> Result<String, ApiError> {
    // The engine's own computation from the parts, as the case's schedule makes it.
    let rate = cairn_case::wacc_rate(p, at, at).map_err(|e| match e {
        cairn_case::CaseError::Invalid { field, reason } => ApiError::invalid(field, reason),
        cairn_case::CaseError::Overflow { field } => ApiError::invalid(field, "the amounts are too large"),
    })?;
    Ok(cairn_core::text::percent(rate, Places::AtMost(2)))
}

fn green_book() -> GreenBookDto {
    let preset = DiscountPolicy::green_book();
    let mut from = 0u32;
    let bands = cairn_finance::GREEN_BOOK_BANDS
        .iter()
        .map(|(last, rate)| {
            let years = if *last == u32::MAX { format!("{from} and later") } else { format!("{from}–{last}") };
            from = last.saturating_add(1);
            BandDto { years, rate: cairn_core::text::percent(*rate, Places::AtMost(1)) }
        })
        .collect();
    GreenBookDto { bands, source: preset.source, as_of: preset.as_of.format("%Y-%m-%d").to_string() }
}

fn view(plan: &cairn_core::Plan) -> AppraisalPolicyViewDto {
    let policy = &plan.settings.appraisal;
    let wacc = match policy.discount.as_ref().map(|d| &d.preset) {
        Some(DiscountPreset::Wacc(parts)) => wacc_text(parts, &format!("{AT}.discount.preset")).ok(),
        _ => None,
    };
    let problems = cairn_core::validate(plan)
        .into_iter()
        .filter(|p| p.path.starts_with(AT))
        .map(|p| PolicyProblemDto { field: p.path, message: p.reason })
        .collect();
    AppraisalPolicyViewDto {
        policy: policy_dto(policy),
        green_book: green_book(),
        wacc,
        standards: AccountingStandard::ALL
            .iter()
            .map(|s| StandardInfoDto {
                standard: standard_to(*s),
                label: s.label().to_owned(),
                default_capitalised: s.default_capitalised().iter().map(|a| activity_to(*a)).collect(),
            })
            .collect(),
        activities: CostActivity::ALL
            .iter()
            .map(|a| ActivityInfoDto { activity: activity_to(*a), label: a.label().to_owned() })
            .collect(),
        problems,
    }
}

impl Cairn {
    /// The plan's appraisal policy, with the Green Book's bands, the WACC its parts make, the
    /// standards and activities to choose from, and any rule the stored policy breaks.
    pub fn appraisal_policy(&self, plan_id: &str) -> Result<AppraisalPolicyViewDto, ApiError> {
        let plan = self.store.load(plan_id)?;
        Ok(view(&plan))
    }

    /// Replaces the plan's appraisal policy, as one undoable step; refused, naming the field, when
    /// a value cannot be read or the plan would break a rule (an unconfirmed schedule, a real
    /// policy over nominal cases…). Every case is appraised by the new policy from then on.
    pub fn update_appraisal_policy(
        &self,
        plan_id: &str,
        dto: &AppraisalPolicyDto,
        now: DateTime<Utc>,
    ) -> Result<AppraisalPolicyViewDto, ApiError> {
        self.edit(plan_id, "Change the appraisal policy", now, |p| {
            p.settings.appraisal = policy_from_dto(dto, &p.settings.appraisal)?;
            Ok(())
        })?;
        self.appraisal_policy(plan_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_policy_travels_both_ways() {
        let mut full = AppraisalPolicy {
            discount: Some(DiscountPolicy { confirmed: true, ..DiscountPolicy::green_book() }),
            ..AppraisalPolicy::default()
        };
        for preset in [
            DiscountPreset::GreenBook,
            DiscountPreset::A94 {
                table: vec![A94Row { years: 3, real: rust_decimal::dec!(0.024), nominal: rust_decimal::dec!(0.041) }],
            },
            DiscountPreset::Typed { basis: PriceBasis::Real, rates: vec![rust_decimal::dec!(0.035)] },
        ] {
            if let Some(d) = &mut full.discount {
                d.preset = preset;
            }
            full.capitalisation = Capitalisation::standard(AccountingStandard::Ias38);
            let back = policy_from_dto(&policy_dto(&full), &full).expect("reads");
            assert_eq!(back, full);
        }
    }

    #[test]
    fn the_green_book_bands_read_as_the_guidance() {
        let g = green_book();
        assert_eq!((g.bands[0].years.as_str(), g.bands[0].rate.as_str()), ("0–30", "3.5 %"));
        assert_eq!((g.bands[1].years.as_str(), g.bands[1].rate.as_str()), ("31–75", "3 %"));
        assert_eq!(g.bands[5].years, "301 and later");
        assert_eq!(g.as_of, DiscountPolicy::green_book().as_of.format("%Y-%m-%d").to_string());
    }

    #[test]
    fn the_wacc_is_cairn_finance_s() {
        let parts = WaccPartsDto {
            risk_free_rate: "4".into(),
            beta: "1.2".into(),
            equity_risk_premium: "5".into(),
            cost_of_debt: "6".into(),
            tax_rate: "25".into(),
            equity_weight: "60".into(),
            debt_weight: "40".into(),
        };
        // 0.6 × (4 % + 1.2 × 5 %) + 0.4 × 6 % × 0.75 = 6 % + 1.8 % = 7.8 %.
        assert_eq!(wacc_rate(&parts).expect("wacc"), "7.8 %");
        let bad = WaccPartsDto { beta: "high".into(), ..parts };
        let e = wacc_rate(&bad).expect_err("a word");
        assert_eq!(e.field.as_deref(), Some("settings.appraisal.discount.preset.beta"));
    }
}

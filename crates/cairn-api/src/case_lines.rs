//! A business case's lines as the line editor exchanges them: categories and benefit classes
//! with their labels, and a line to and from its DTO (amounts, uncertainty, benefit class, and
//! the benefits-register entry), every field checked by name.

use cairn_core::{
    BenefitClass, BenefitDelay, BenefitRecord, BusinessCase, Distribution, FiscalYear, Id, LineAmounts, LineCategory,
    LineItem, LineKind, Uncertainty, YearAmount,
};
use rust_decimal::Decimal;

use crate::ApiError;
use crate::case_dto::*;
use crate::cases::{column_key, columns_len, columns_of, parse_column};
use crate::codec::{
    decimal_text as amount_text, parse_amount, parse_id, parse_percent, parse_percent_of_plan, percent_text,
};

macro_rules! categories {
    ($($v:ident),*) => {
        fn category_from(c: CategoryDto) -> LineCategory {
            match c { $(CategoryDto::$v => LineCategory::$v,)* }
        }
        fn category_to(c: LineCategory) -> CategoryDto {
            match c { $(LineCategory::$v => CategoryDto::$v,)* }
        }
    };
}

categories!(
    CapexHardware,
    CapexSoftware,
    CapexImplementation,
    CapexOther,
    OpexLicences,
    OpexStaff,
    OpexSupport,
    OpexHosting,
    OpexOther,
    BenefitCostSavings,
    BenefitCostAvoidance,
    BenefitRevenue,
    BenefitProductivity,
    BenefitRiskReduction
);

fn class_from(c: BenefitClassDto) -> BenefitClass {
    match c {
        BenefitClassDto::CashReleasing => BenefitClass::CashReleasing,
        BenefitClassDto::NonCashReleasing => BenefitClass::NonCashReleasing,
        BenefitClassDto::Wider => BenefitClass::Wider,
    }
}

fn class_to(c: BenefitClass) -> BenefitClassDto {
    match c {
        BenefitClass::CashReleasing => BenefitClassDto::CashReleasing,
        BenefitClass::NonCashReleasing => BenefitClassDto::NonCashReleasing,
        BenefitClass::Wider => BenefitClassDto::Wider,
    }
}

/// The benefit classes, cash-releasing first, for the line editor.
pub fn benefit_classes() -> Vec<BenefitClassInfoDto> {
    BenefitClass::ALL.iter().map(|c| BenefitClassInfoDto { class: class_to(*c), label: c.label().to_owned() }).collect()
}

pub(crate) fn kind_name(k: LineKind) -> &'static str {
    match k {
        LineKind::Capex => "capex",
        LineKind::Opex => "opex",
        LineKind::Benefit => "benefit",
    }
}

/// Every line category with its label, in the grid's order.
pub fn case_categories() -> Vec<CategoryInfoDto> {
    LineCategory::ALL
        .iter()
        .map(|c| CategoryInfoDto {
            category: category_to(*c),
            label: c.label().to_owned(),
            kind: kind_name(c.kind()).to_owned(),
            default_benefit_class: c.default_benefit_class().map(class_to),
        })
        .collect()
}

pub(crate) fn line_dto(case: &BusinessCase, line: &LineItem) -> LineDto {
    let (activity, starts_at, in_service) = crate::case_form::line_links(line);
    let amounts = match &line.amounts {
        LineAmounts::Entered { amounts } => {
            let mut values = vec![String::new(); columns_len(case)];
            for a in amounts {
                if let Some(p) = case.period_of(a.at) {
                    let i = if case.upfront { p } else { p.wrapping_sub(1) };
                    if let Some(v) = values.get_mut(i) {
                        *v = amount_text(a.amount);
                    }
                }
            }
            AmountsDto::Entered { values }
        }
        LineAmounts::OneOff { at, amount } => {
            AmountsDto::OneOff { column: column_key(*at), amount: amount_text(*amount) }
        }
        LineAmounts::Recurring { from, to, amount, escalation } => AmountsDto::Recurring {
            from: from.0,
            to: to.0,
            amount: amount_text(*amount),
            escalation: escalation.map(percent_text).unwrap_or_default(),
        },
    };
    let uncertainty = line.uncertainty.as_ref().map(|u| {
        let p = amount_text;
        let (distribution, low, mode, high) = match &u.distribution {
            Distribution::Triangular { min, mode, max } => ("triangular", p(*min), p(*mode), p(*max)),
            Distribution::Pert { min, mode, max } => ("pert", p(*min), p(*mode), p(*max)),
            Distribution::Uniform { min, max } => ("uniform", p(*min), String::new(), p(*max)),
            Distribution::Normal { mean, sd } => ("normal", p(*mean), p(*sd), String::new()),
        };
        UncertaintyDto {
            distribution: distribution.into(),
            low,
            mode,
            high,
            delay_probability: u.delay.as_ref().map(|d| percent_text(d.probability)).unwrap_or_default(),
            delay_years: u.delay.as_ref().map_or(1, |d| d.years),
            each_year: (u.draw == cairn_core::Draw::EachYear).then_some(true),
        }
    });
    LineDto {
        id: line.id.to_string(),
        name: line.name.clone(),
        category: category_to(line.category),
        amounts,
        uncertainty,
        note: line.note.clone(),
        benefit_class: line.benefit_class().map(class_to),
        register: line.register.as_ref().map(|r| BenefitRecordDto {
            owner: r.owner.clone(),
            measure: r.measure.clone(),
            baseline: r.baseline.clone(),
            target: r.target.clone(),
            measured: r.measured.clone(),
            waits_for: r.waits_for.as_ref().map(ToString::to_string).unwrap_or_default(),
        }),
        options: line.options.iter().map(ToString::to_string).collect(),
        activity,
        starts_at,
        in_service,
    }
}

pub(crate) fn line_from_dto(case: &BusinessCase, dto: &LineDto, index: usize, id: Id) -> Result<LineItem, ApiError> {
    let at = |f: &str| format!("lines[{index}].{f}");
    let amounts = match &dto.amounts {
        AmountsDto::Entered { values } => {
            let cols = columns_of(case);
            if values.len() != cols.len() {
                return Err(ApiError::invalid(
                    at("amounts"),
                    format!("has {} values for {} columns", values.len(), cols.len()),
                ));
            }
            let mut amounts = Vec::new();
            for (v, c) in values.iter().zip(cols) {
                let amount = parse_amount(v, &at("amounts"))?;
                if !amount.is_zero() {
                    amounts.push(YearAmount { at: c, amount });
                }
            }
            LineAmounts::Entered { amounts }
        }
        AmountsDto::OneOff { column, amount } => LineAmounts::OneOff {
            at: parse_column(column, &at("amounts.at"))?,
            amount: parse_amount(amount, &at("amounts.amount"))?,
        },
        AmountsDto::Recurring { from, to, amount, escalation } => LineAmounts::Recurring {
            from: FiscalYear(*from),
            to: FiscalYear(*to),
            amount: parse_amount(amount, &at("amounts.amount"))?,
            escalation: if escalation.trim().is_empty() {
                None
            } else {
                Some(parse_percent(escalation, &at("amounts.escalation"))?)
            },
        },
    };
    let uncertainty = match &dto.uncertainty {
        None => None,
        Some(u) => {
            let f = |s: &str, field: &str| -> Result<Decimal, ApiError> {
                parse_percent_of_plan(s, &at(&format!("uncertainty.distribution.{field}")))
            };
            let distribution = match u.distribution.as_str() {
                "triangular" => Distribution::Triangular {
                    min: f(&u.low, "min")?,
                    mode: f(&u.mode, "mode")?,
                    max: f(&u.high, "max")?,
                },
                "pert" => {
                    Distribution::Pert { min: f(&u.low, "min")?, mode: f(&u.mode, "mode")?, max: f(&u.high, "max")? }
                }
                "uniform" => Distribution::Uniform { min: f(&u.low, "min")?, max: f(&u.high, "max")? },
                "normal" => Distribution::Normal { mean: f(&u.low, "mean")?, sd: f(&u.mode, "sd")? },
                other => {
                    return Err(ApiError::invalid(
                        at("uncertainty.distribution"),
                        format!("\"{other}\" is not a distribution (triangular, pert, uniform or normal)"),
                    ));
                }
            };
            let p = u.delay_probability.trim();
            let delay = if p.is_empty() {
                None
            } else {
                let probability = parse_percent(p, &at("uncertainty.delay.probability"))?;
                (!probability.is_zero()).then_some(BenefitDelay { probability, years: u.delay_years })
            };
            let draw = if u.each_year == Some(true) { cairn_core::Draw::EachYear } else { cairn_core::Draw::Once };
            Some(Uncertainty { distribution, delay, draw })
        }
    };
    let category = category_from(dto.category);
    // Kept only where it differs from the category's, so a plan file names a class only when
    // someone chose one.
    let benefit_class = match (dto.benefit_class.map(class_from), category.default_benefit_class()) {
        (Some(_), None) => {
            return Err(ApiError::invalid(
                at("benefit_class"),
                format!("only a benefit has a benefit class, and {} is a cost", category.label()),
            ));
        }
        (Some(class), Some(default)) if class != default => Some(class),
        _ => None,
    };
    let register = match &dto.register {
        None => None,
        Some(_) if category.default_benefit_class().is_none() => {
            return Err(ApiError::invalid(
                at("register"),
                format!("only a benefit has a benefits-register entry, and {} is a cost", category.label()),
            ));
        }
        Some(r) => {
            let waits_for = r.waits_for.trim();
            let record = BenefitRecord {
                owner: r.owner.trim().to_owned(),
                measure: r.measure.trim().to_owned(),
                baseline: r.baseline.trim().to_owned(),
                target: r.target.trim().to_owned(),
                measured: r.measured.trim().to_owned(),
                waits_for: if waits_for.is_empty() {
                    None
                } else {
                    Some(parse_id(waits_for, &at("register.waits_for"))?)
                },
            };
            // An entry with nothing in it is no entry.
            (record != BenefitRecord::default()).then_some(record)
        }
    };
    let mut item = LineItem {
        id,
        name: dto.name.trim().to_owned(),
        category,
        amounts,
        uncertainty,
        note: dto.note.clone(),
        benefit_class,
        register,
        starts_at: None,
        in_service: None,
        activity: None,
        options: dto
            .options
            .iter()
            .enumerate()
            .map(|(k, o)| parse_id(o, &at(&format!("options[{k}]"))))
            .collect::<Result<_, _>>()?,
    };
    crate::case_form::set_line_links(&mut item, &at, dto.activity, dto.starts_at.as_ref(), dto.in_service.as_ref())?;
    Ok(item)
}

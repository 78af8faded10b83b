//! Sensitivity: the tornado and the break-evens.

use cairn_core::{
    AppraisalPolicy, BusinessCase, CaseRate, DiscountPolicy, DiscountPreset, LineAmounts, LineCategory, LineKind,
};
use rust_decimal::Decimal;
use rust_decimal::prelude::FromPrimitive;

use crate::evaluate::{Metric, evaluate_in};
use crate::{CaseError, Context, float};

/// One driver of the tornado.
#[derive(Debug, Clone, PartialEq)]
pub struct TornadoBar {
    /// What moved, e.g. "Capex – implementation" or "Discount rate".
    pub driver: String,
    /// The low setting in words, e.g. "−20 %" or "5.6 %".
    pub low_label: String,
    /// The high setting in words.
    pub high_label: String,
    /// NPV with the driver at its low setting.
    pub npv_low: f64,
    /// NPV with the driver at its high setting.
    pub npv_high: f64,
    /// `|npv_high − npv_low|`.
    pub swing: f64,
}

/// Where the NPV crosses zero.
#[derive(Debug, Clone, PartialEq)]
pub struct BreakEvens {
    /// The share of planned benefits (1 = all) at which NPV is zero.
    pub benefit_realisation: Metric,
    /// The discount rate at which NPV is zero (the IRR), or why there is no single one.
    pub discount_rate: Metric,
}

/// The tornado and the break-evens.
#[derive(Debug, Clone, PartialEq)]
pub struct Sensitivity {
    /// NPV as planned.
    pub base_npv: f64,
    /// The relative move applied to each driver (0.2 = ±20 %).
    pub swing: f64,
    /// The drivers, largest swing first.
    pub bars: Vec<TornadoBar>,
    /// The break-evens.
    pub break_evens: BreakEvens,
}

fn npv_of(case: &BusinessCase, ctx: &Context) -> Result<Option<f64>, CaseError> {
    Ok(evaluate_in(case, ctx)?.metrics.npv.value())
}

fn scale_amounts(amounts: &mut LineAmounts, factor: Decimal) -> Result<(), CaseError> {
    let mul = |a: &mut Decimal| -> Result<(), CaseError> {
        *a = a.checked_mul(factor).ok_or_else(|| CaseError::overflow("sensitivity"))?;
        Ok(())
    };
    match amounts {
        LineAmounts::Entered { amounts } => amounts.iter_mut().try_for_each(|a| mul(&mut a.amount)),
        LineAmounts::OneOff { amount, .. } | LineAmounts::Recurring { amount, .. } => mul(amount),
    }
}

/// The case with every line matching `which` scaled by `factor`.
fn scaled(
    case: &BusinessCase,
    which: impl Fn(LineCategory) -> bool,
    factor: Decimal,
) -> Result<BusinessCase, CaseError> {
    let mut out = case.clone();
    for line in out.lines.iter_mut().filter(|l| which(l.category)) {
        scale_amounts(&mut line.amounts, factor)?;
    }
    Ok(out)
}

/// The case with every benefit starting `years` later than it is timed in `ctx` (amounts pushed
/// past the end are lost; a benefit that starts at a milestone starts that many years after it).
pub(crate) fn benefits_delayed(case: &BusinessCase, ctx: &Context, years: u32) -> Result<BusinessCase, CaseError> {
    let mut out = case.clone();
    for (index, line) in case.lines.iter().enumerate() {
        if line.category.kind() == LineKind::Benefit {
            out.lines[index] = crate::timing::line_moved(case, index, ctx, 12 * years)?;
        }
    }
    Ok(out)
}

/// The case and context with every year's discount rate multiplied by `factor`: the case's own
/// rate exactly (in `Decimal`, as the spreadsheet's rate cell would hold it), or the plan's
/// schedule, as the rates the case is discounted at after any conversion, typed in the policy's
/// basis.
fn at_scaled_rates(case: &BusinessCase, ctx: &Context, factor: Decimal) -> Result<(BusinessCase, Context), CaseError> {
    let overflow = || CaseError::overflow("discount_rate");
    if let CaseRate::Own { rate, .. } = ctx.policy.rate_for(case) {
        let mut c = case.clone();
        c.discount_rate = rate.checked_mul(factor).ok_or_else(overflow)?;
        return Ok((c, ctx.clone()));
    }
    let factor = float(factor, "swing")?;
    let rates = crate::case_schedule(&ctx.policy, case)?
        .rates()
        .iter()
        .map(|r| Decimal::from_f64(r * factor).ok_or_else(overflow))
        .collect::<Result<Vec<_>, _>>()?;
    let preset = DiscountPreset::Typed { basis: ctx.policy.basis, rates };
    let discount = ctx.policy.discount.clone().map(|d| DiscountPolicy { preset, ..d });
    let policy = AppraisalPolicy { discount, ..ctx.policy.clone() };
    Ok((case.clone(), Context { policy, ..ctx.clone() }))
}

/// A setting of the tornado in words: "20 %", "5.6 %".
fn percent_label(v: f64) -> String {
    cairn_core::text::percent(v, cairn_core::text::Places::AtMost(2))
}

/// [`sensitivity_in`] outside any plan (no appraisal policy, no milestones).
pub fn sensitivity(case: &BusinessCase, swing: Decimal) -> Result<Sensitivity, CaseError> {
    sensitivity_in(case, swing, &Context::default())
}

/// The tornado with each driver moved by `±swing` (0.2 = ±20 %) and the break-evens, of the case
/// as it is evaluated in its plan's context (`crate::evaluate_in`).
pub fn sensitivity_in(case: &BusinessCase, swing: Decimal, ctx: &Context) -> Result<Sensitivity, CaseError> {
    if !(Decimal::ZERO < swing && swing < Decimal::ONE) {
        return Err(CaseError::invalid("swing", "must be above 0 % and below 100 %"));
    }
    // A case with a short list moves the drivers of its preferred option against business as
    // usual (`crate::options`).
    let appraised = crate::options::appraised_case(case).map(|(c, _)| c);
    let case = appraised.as_ref().unwrap_or(case);
    let base = evaluate_in(case, ctx)?;
    let swing_f64 = float(swing, "swing")?;
    let Some(base_npv) = base.metrics.npv.value() else {
        return Ok(Sensitivity {
            base_npv: 0.0,
            swing: swing_f64,
            bars: Vec::new(),
            break_evens: BreakEvens {
                benefit_realisation: Metric::NotAvailable("the case has no costs or benefits yet".into()),
                discount_rate: base.metrics.irr.clone(),
            },
        });
    };
    let (low, high) = (Decimal::ONE - swing, Decimal::ONE + swing);
    let swing_label = percent_label(swing_f64);
    let mut bars = Vec::new();
    let mut bar = |driver: String, low_label: String, high_label: String, l: Option<f64>, h: Option<f64>| {
        if let (Some(npv_low), Some(npv_high)) = (l, h) {
            bars.push(TornadoBar {
                driver,
                low_label,
                high_label,
                npv_low,
                npv_high,
                swing: (npv_high - npv_low).abs(),
            });
        }
    };
    let mut categories: Vec<LineCategory> = case.lines.iter().map(|l| l.category).collect();
    categories.sort();
    categories.dedup();
    for category in categories {
        let l = npv_of(&scaled(case, |c| c == category, low)?, ctx)?;
        let h = npv_of(&scaled(case, |c| c == category, high)?, ctx)?;
        bar(category.label().to_owned(), format!("−{swing_label}"), format!("+{swing_label}"), l, h);
    }
    let at_rates = |factor: Decimal| -> Result<(Option<f64>, String), CaseError> {
        let (c, ctx) = at_scaled_rates(case, ctx, factor)?;
        let schedule = crate::case_schedule(&ctx.policy, &c)?;
        // One rate: the rate itself; a schedule whose rate changes: how far it moved.
        let label = match schedule.rates() {
            [first, rest @ ..] if rest.iter().all(|r| r.to_bits() == first.to_bits()) => percent_label(*first),
            _ if factor < Decimal::ONE => format!("every rate −{swing_label}"),
            _ => format!("every rate +{swing_label}"),
        };
        Ok((npv_of(&c, &ctx)?, label))
    };
    let ((l, rl_label), (h, rh_label)) = (at_rates(low)?, at_rates(high)?);
    bar("Discount rate".into(), rl_label, rh_label, l, h);
    if case.lines.iter().any(|l| l.category.kind() == LineKind::Benefit) {
        let delayed = npv_of(&benefits_delayed(case, ctx, 1)?, ctx)?;
        bar(
            "Benefits start one year late".into(),
            "one year late".into(),
            "as planned".into(),
            delayed,
            Some(base_npv),
        );
    }
    bars.sort_by(|a, b| b.swing.total_cmp(&a.swing));

    let realisation = |s: Decimal| -> Result<Option<f64>, CaseError> {
        let mut c = case.clone();
        c.benefit_realisation = s;
        npv_of(&c, ctx)
    };
    let benefit_realisation = match (realisation(Decimal::ZERO)?, realisation(Decimal::ONE)?) {
        (Some(n0), Some(n1)) if n1 != n0 => {
            let s = -n0 / (n1 - n0);
            if s < 0.0 {
                Metric::NotAvailable("the NPV is positive even if no benefit is realised".into())
            } else {
                Metric::Value(s)
            }
        }
        _ => Metric::NotAvailable("the case has no benefits".into()),
    };
    Ok(Sensitivity {
        base_npv,
        swing: swing_f64,
        bars,
        break_evens: BreakEvens { benefit_realisation, discount_rate: base.metrics.irr.clone() },
    })
}

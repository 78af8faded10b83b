//! `cairn case metrics`: a case's short list appraised, for other tools (README.md, "Command
//! line"). Every figure is `cairn_case::appraise`'s, in the plan's context (or the scenario's);
//! [`CliCaseMetricsDto`] is the contract.

use cairn_case::{Context, Metric};
use cairn_core::Plan;

use crate::cli_dto::{CliCaseMetricsDto, CliOptionMetricsDto};
use crate::{ApiError, ErrorCode};

/// An amount as a decimal string: the shortest text that reads back as the same f64 (Rust's
/// `Display` of an f64 never uses an exponent).
fn amount(m: &Metric) -> Option<String> {
    m.value().map(|v| if v == 0.0 { "0".to_owned() } else { v.to_string() })
}

/// The short list of `case` (an id or a name) in `plan`, or in the plan as `scenario` resolves.
pub fn case_metrics(plan: &Plan, case: &str, scenario: Option<&str>) -> Result<CliCaseMetricsDto, ApiError> {
    let resolved = crate::check::plan_as(plan, scenario)?;
    let plan = &*resolved;
    let found = find_case(plan, case)?;
    let ctx = Context::of(plan);
    let appraisal = cairn_case::appraise(found, &ctx)
        .map_err(|e| ApiError::new(ErrorCode::InvalidInput, format!("\"{}\": {e}", found.name)))?;
    let options = appraisal
        .options
        .iter()
        .map(|o| {
            let m = &o.evaluation.metrics;
            // An option with no amounts (business as usual taken as zero) is worth exactly zero.
            let zero = cairn_case::is_zero_option(&o.evaluation);
            let npv = |metric: &Metric| if zero { Some("0".to_owned()) } else { amount(metric) };
            CliOptionMetricsDto {
                id: o.option.id.to_string(),
                name: o.option.name.clone(),
                role: o.option.role.key().to_owned(),
                pv_costs: amount(&m.tco_present_value),
                pv_benefits: amount(&m.benefits_present_value),
                pv_cash_releasing_benefits: amount(&m.cash_releasing.benefits_present_value),
                npv: npv(&m.npv),
                npv_cash_releasing: npv(&m.cash_releasing.npv),
                bcr: m.benefit_cost_ratio.value(),
                irr: m.irr.value(),
                npsv: o.npsv.as_ref().and_then(amount),
                payback_years: m.payback_years.value(),
            }
        })
        .collect();
    Ok(CliCaseMetricsDto { basis: ctx.policy.basis.label().to_owned(), options })
}

/// The case `case` names in `plan`: by id, else by name.
pub(crate) fn find_case<'a>(plan: &'a Plan, case: &str) -> Result<&'a cairn_core::BusinessCase, ApiError> {
    plan.business_cases
        .iter()
        .find(|c| c.id.as_str() == case)
        .or_else(|| plan.business_cases.iter().find(|c| c.name == case))
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no business case has the id or name \"{case}\"")))
}

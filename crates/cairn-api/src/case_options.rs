//! The case page's options table: a case's short list appraised by `cairn_case::appraise` in its
//! plan's context, as [`ShortListDto`].

use cairn_case::{Appraisal, Metric, OptionAppraisal, Ranking};
use cairn_core::narrative::options::{RankingRule, implicit_bau, ranking_rule};
use cairn_core::{BusinessCase, OptionRole, Plan};

use crate::ApiError;
use crate::case_dto::{OptionRowDto, ShortListDto};
use crate::cases::{case_error, metric};

/// The short list of `case` in `plan`.
pub(crate) fn short_list(plan: &Plan, case: &BusinessCase) -> Result<ShortListDto, ApiError> {
    let ctx = cairn_case::Context::of(plan);
    let appraisal = cairn_case::appraise(case, &ctx).map_err(|err| case_error(err, "business_case"))?;
    Ok(dto(case, &appraisal, ctx.policy.basis.label()))
}

/// How `case`'s short list is ranked and why, in the words the case page and the pack both show.
pub(crate) fn ranking_sentence(case: &BusinessCase, a: &Appraisal) -> String {
    match a.ranking {
        Ranking::Npsv if case.options.is_empty() => implicit_bau().to_owned(),
        Ranking::Npsv => ranking_rule(RankingRule::Npsv),
        Ranking::PvCostMandatory => ranking_rule(RankingRule::Mandatory(case.mandatory.as_deref().unwrap_or(""))),
        Ranking::PvCostEqualBenefits => ranking_rule(RankingRule::EqualBenefits),
    }
}

/// An option's rank among the options other than business as usual (`None` for business as
/// usual), from the appraisal's order.
pub(crate) fn rank(a: &Appraisal, k: usize) -> Option<u32> {
    if a.options.get(k)?.option.role == OptionRole::Bau {
        return None;
    }
    a.order.iter().position(|i| *i == k).and_then(|p| u32::try_from(p + 1).ok())
}

/// An option's money figure as shown: an option with no amounts (business as usual taken as
/// zero) is worth exactly zero.
pub(crate) fn option_money(o: &OptionAppraisal, value: &Metric) -> Metric {
    if cairn_case::is_zero_option(&o.evaluation) { Metric::Value(0.0) } else { value.clone() }
}

fn dto(case: &BusinessCase, a: &Appraisal, basis: &str) -> ShortListDto {
    let ranking = ranking_sentence(case, a);
    let options = a
        .options
        .iter()
        .enumerate()
        .map(|(k, o)| {
            let m = &o.evaluation.metrics;
            let money = |key: &str, label: &str, value: &Metric| metric(key, label, "money", &option_money(o, value));
            OptionRowDto {
                id: o.option.id.to_string(),
                name: o.option.name.clone(),
                role: o.option.role.key().to_owned(),
                role_label: o.option.role.label().to_owned(),
                rank: rank(a, k),
                pv_costs: money("pv_costs", "PV of costs", &m.tco_present_value),
                pv_benefits: money("pv_benefits", "PV of benefits", &m.benefits_present_value),
                pv_cash_releasing_benefits: money(
                    "pv_cash_releasing_benefits",
                    "PV of cash-releasing benefits",
                    &m.cash_releasing.benefits_present_value,
                ),
                npv: money("npv", "NPV", &m.npv),
                npv_cash_releasing: money("npv_cash_releasing", "NPV, cash-releasing only", &m.cash_releasing.npv),
                bcr: metric("bcr", "Benefit-cost ratio", "ratio", &m.benefit_cost_ratio),
                irr: metric("irr", "IRR", "percent", &m.irr),
                npsv: o.npsv.as_ref().map(|v| metric("npsv", "NPSV against business as usual", "money", v)),
                incremental_irr: o
                    .incremental_irr
                    .as_ref()
                    .map(|v| metric("incremental_irr", "Incremental IRR", "percent", v)),
            }
        })
        .collect();
    ShortListDto { stated: !case.options.is_empty(), options, ranking, basis: basis.to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case_dto::MetricDto;

    fn value(m: &MetricDto) -> Option<f64> {
        m.value
    }

    #[test]
    fn a_case_without_a_short_list_is_business_as_usual_at_zero_and_itself() {
        // The demo's ERP case without its short list and its mandate, discounted at its own rate
        // (no policy).
        let mut plan = cairn_core::demo_plan();
        plan.settings.appraisal = cairn_core::AppraisalPolicy::default();
        let case = &mut plan.business_cases[0];
        case.options.clear();
        case.mandatory = None;
        for line in &mut case.lines {
            line.options.clear();
        }
        let case = &plan.business_cases[0];
        let list = short_list(&plan, case).expect("short list");
        assert!(!list.stated);
        assert_eq!(list.basis, "nominal");
        assert_eq!(list.options.len(), 2);
        assert_eq!(value(&list.options[0].npv), Some(0.0));
        assert_eq!(list.options[0].rank, None);
        assert_eq!(list.options[1].rank, Some(1));
        let ctx = cairn_case::Context::of(&plan);
        let npv = cairn_case::evaluate_in(case, &ctx).expect("evaluate").metrics.npv.value();
        assert_eq!(list.options[1].npsv.as_ref().and_then(value), npv);
        assert_eq!(list.ranking, implicit_bau());
    }

    #[test]
    fn the_demo_s_erp_case_states_its_short_list_and_ranks_it_by_cost() {
        let plan = cairn_core::demo_plan();
        let case = &plan.business_cases[0];
        let list = short_list(&plan, case).expect("short list");
        assert!(list.stated);
        assert_eq!(list.options.len(), case.options.len());
        // Business as usual is the baseline; the preferred option has the least PV of cost of
        // the others, as the plan's rule for a mandatory case asks.
        assert_eq!(list.options[0].rank, None);
        assert_eq!(list.options[1].rank, Some(1));
        assert_eq!(list.options[2].rank, Some(2));
        assert!(list.ranking.contains("ranked by present value of cost"), "{}", list.ranking);
    }
}

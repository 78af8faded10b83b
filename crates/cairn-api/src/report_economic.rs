//! The board pack's economic case of each business case and the appendix's statement of the
//! appraisal policy (issue 17, item 8).
//!
//! Every figure comes from the engine calls the case page makes, in the plan's context
//! (`cairn_case::Context::of`): the short list from `cairn_case::appraise` (the case page's
//! options table, `case_options`), the rate of each year from `cairn_case::case_schedule`, the
//! optimism bias from `cairn_case::evaluate_in`. Every sentence is `cairn_core::narrative`'s: the
//! ranking (`narrative::options`, through `case_options::ranking_sentence`, as the case page),
//! the rate, the policy and the optimism bias (`narrative::policy`).

use cairn_case::{Context, Metric, OptionAppraisal, WorksBasis};
use cairn_core::narrative::{self, policy};
use cairn_core::text::{self, CurrencyFormat};
use cairn_core::{BusinessCase, Plan};
use cairn_report::{EconomicView, Figure, OptionView};

use crate::ReportOptions;
use crate::case_options::{option_money, rank, ranking_sentence};

/// A metric as a figure of the given kind, or why there is none.
fn figure(m: &Metric, as_figure: fn(f64) -> Figure) -> Figure {
    match m {
        Metric::Value(v) => as_figure(*v),
        Metric::NotAvailable(why) => Figure::NotAvailable(why.clone()),
    }
}

fn option_view(o: &OptionAppraisal, rank: Option<u32>) -> OptionView {
    let m = &o.evaluation.metrics;
    let money = |value: &Metric| figure(&option_money(o, value), Figure::Money);
    OptionView {
        name: o.option.name.clone(),
        role: o.option.role.label().to_owned(),
        rank,
        pv_costs: money(&m.tco_present_value),
        pv_benefits: money(&m.benefits_present_value),
        pv_cash_releasing: money(&m.cash_releasing.benefits_present_value),
        npv: money(&m.npv),
        npv_cash_releasing: money(&m.cash_releasing.npv),
        bcr: figure(&m.benefit_cost_ratio, Figure::Ratio),
        npsv: o.npsv.as_ref().map(|v| figure(v, Figure::Money)),
        incremental_irr: o.incremental_irr.as_ref().map(|v| figure(v, Figure::Percent)),
    }
}

/// The rates `case`'s years are discounted at under the plan's policy, or why there are none.
fn schedule(plan: &Plan, case: &BusinessCase) -> Result<Vec<f64>, String> {
    cairn_case::case_schedule(&plan.settings.appraisal, case).map(|s| s.rates().to_vec()).map_err(|e| e.to_string())
}

/// The rate sentence's input: the schedule's rates, or why there are none.
fn rates(s: &Result<Vec<f64>, String>) -> Result<&[f64], &str> {
    s.as_deref().map_err(String::as_str)
}

/// The case's economic case in `plan` (the resolved plan the pack is for).
pub(crate) fn economic_view(plan: &Plan, case: &BusinessCase) -> EconomicView {
    let ctx = Context::of(plan);
    let currency = CurrencyFormat::of(plan.settings.currency);
    let mut view = EconomicView {
        rate: policy::case_rate(&ctx.policy, case, rates(&schedule(plan, case))),
        ..EconomicView::default()
    };
    match cairn_case::appraise(case, &ctx) {
        Ok(a) => {
            view.options = a.options.iter().enumerate().map(|(k, o)| option_view(o, rank(&a, k))).collect();
            view.ranking = ranking_sentence(case, &a);
        }
        Err(err) => view.note = Some(narrative::case_not_evaluated(&err)),
    }
    let bias = case.optimism_bias.as_ref();
    view.optimism = match cairn_case::evaluate_in(case, &ctx) {
        Ok(e) => {
            let uplift = |x: cairn_case::Uplift| (x.upper, x.lower, x.reduction, x.applied);
            let applied = e.optimism.and_then(|u| {
                Some(policy::Uplifted {
                    cost_kind: u.cost_kind,
                    cost: uplift(u.cost),
                    duration: u.duration.map(uplift),
                    cost_total: cairn_core::to_f64(u.cost_total).ok()?,
                    works_months: u.works_months,
                    works_from_initiatives: matches!(u.works_basis, WorksBasis::Initiatives { .. }),
                    delay_months: u.delay_months,
                    benefits_beyond: cairn_core::to_f64(u.benefits_beyond).ok()?,
                })
            });
            policy::optimism(bias, applied.as_ref(), &currency)
        }
        // The case cannot be evaluated: its figures say why, and so does this part.
        Err(err) => vec![narrative::case_not_evaluated(&err)],
    };
    view.mitigations = bias
        .map(|b| {
            b.mitigations
                .iter()
                .map(|m| (m.factor.label().to_owned(), text::percent_exact(m.mitigated), m.reason.clone()))
                .collect()
        })
        .unwrap_or_default();
    view
}

/// The pack's appendix: the assumptions and methods, with the plan's appraisal policy in full and
/// the rate each case and each sourcing study is discounted at and why.
pub(crate) fn appendix(plan: &Plan, options: &ReportOptions) -> Vec<(String, String)> {
    let policy = &plan.settings.appraisal;
    let mut rows: Vec<(String, String)> =
        plan.business_cases.iter().map(|c| policy::case_rate_row(policy, c, rates(&schedule(plan, c)))).collect();
    rows.extend(plan.sourcing_studies.iter().map(|s| policy::study_rate_row(policy, s)));
    narrative::assumptions(
        plan,
        rows,
        crate::REPORT_SWING_PERCENT,
        options.simulation.iterations,
        options.simulation.seed,
    )
}

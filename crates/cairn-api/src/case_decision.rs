//! A business case's decision under the plan's rule: the one function the board pack and the
//! case page both call, so the recommendation is the same text from the same function
//! (issue 17, item 7). [`decided`] gathers the figures the rule reads (the most likely NPV, the
//! simulation's expected, P50 and P80, the tornado, a mandatory case's options by cost) and
//! applies `cairn_case::decide`; [`Cairn::case_decision_in`] computes them as the pack does
//! (the tornado at ±[`REPORT_SWING_PERCENT`] %, the pack's runs and seed) for the app.

use cairn_case::{Advice, CaseFigures, Evaluation, MandatoryFigures, SimulatedNpv, Simulation, SimulationResult};
use cairn_case::{SimulationSettings, TornadoBar};
use cairn_core::narrative::{self, NpvFigure, decision};
use cairn_core::text::CurrencyFormat;
use cairn_core::{BusinessCase, Plan};
use rust_decimal::Decimal;

use crate::decision_dto::{CaseDecisionDto, NpvFigureDto};
use crate::{ApiError, Cairn, ErrorCode, REPORT_SWING_PERCENT};

/// The figures the rule read and its advice.
pub(crate) struct Decided {
    /// What the rule read.
    pub figures: CaseFigures,
    /// Its answer, with the cash-releasing risk added.
    pub advice: Advice,
}

/// The plan's rule on `case`, from its evaluation (`None` when it cannot be evaluated), its
/// tornado and its simulation (`None` when not simulated).
pub(crate) fn decided(
    plan: &Plan,
    case: &BusinessCase,
    e: Option<&Evaluation>,
    bars: &[TornadoBar],
    simulation: Option<&SimulationResult>,
) -> Decided {
    // A mandatory case is judged on its options' costs; should its appraisal fail, it has no
    // costs to rank, and the rule says so rather than judge it by NPV.
    let mandatory = case.mandatory.as_ref().map(|reason| {
        cairn_case::appraise(case, &cairn_case::Context::of(plan))
            .ok()
            .and_then(|a| MandatoryFigures::of(case, &a))
            .unwrap_or_else(|| MandatoryFigures {
                reason: reason.clone(),
                by_cost: Vec::new(),
                preferred: String::new(),
            })
    });
    let figures = CaseFigures {
        most_likely: e.and_then(|e| e.metrics.npv.value()),
        simulated: simulation.and_then(SimulatedNpv::of),
        irr: e.and_then(|e| e.metrics.irr.value()),
        bars: bars.to_vec(),
        mandatory,
    };
    let mut advice = cairn_case::decide(&plan.settings.appraisal.decision_rule, &figures);
    let cash = e.and_then(|e| e.metrics.cash_releasing.npv.value());
    advice.risks.extend(cairn_case::cash_releasing_risk(figures.most_likely, cash));
    Decided { figures, advice }
}

/// Why a figure is missing: the simulated ones of a case that was not simulated.
pub(crate) fn missing_note(figure: NpvFigure, figures: &CaseFigures) -> Option<String> {
    match (figure, figures.npv(figure)) {
        (_, Some(_)) => None,
        (NpvFigure::MostLikely, None) => Some("the case cannot be evaluated".into()),
        (_, None) => Some(decision::NOT_SIMULATED.into()),
    }
}

/// The figure the headline is under the policy's basis.
pub(crate) fn headline_figure(basis: cairn_core::HeadlineBasis) -> NpvFigure {
    match basis {
        cairn_core::HeadlineBasis::MostLikely => NpvFigure::MostLikely,
        cairn_core::HeadlineBasis::ExpectedValue => NpvFigure::Expected,
    }
}

/// The JSON key of a figure.
fn key(figure: NpvFigure) -> &'static str {
    match figure {
        NpvFigure::MostLikely => "most_likely",
        NpvFigure::Expected => "expected",
        NpvFigure::P50 => "p50",
        NpvFigure::P80 => "p80",
    }
}

/// The decision as the app shows it.
pub(crate) fn decision_dto(plan: &Plan, case: &BusinessCase, settings: SimulationSettings) -> CaseDecisionDto {
    let ctx = cairn_case::Context::of(plan);
    let e = cairn_case::evaluate_in(case, &ctx).ok();
    let npv = e.as_ref().and_then(|e| e.metrics.npv.value());
    let bars = match npv {
        Some(_) => cairn_case::sensitivity_in(case, Decimal::new(i64::from(REPORT_SWING_PERCENT), 2), &ctx)
            .map(|s| s.bars)
            .unwrap_or_default(),
        None => Vec::new(),
    };
    let simulation = case
        .lines
        .iter()
        .any(|l| l.uncertainty.is_some())
        .then(|| Simulation::new_in(case, &ctx).ok().and_then(|s| s.run(settings, &|_, _| true).ok()))
        .flatten();
    let d = decided(plan, case, e.as_ref(), &bars, simulation.as_ref());
    let currency = CurrencyFormat::of(plan.settings.currency);
    let headline = plan.settings.appraisal.headline;
    let headline_figure = headline_figure(headline);
    CaseDecisionDto {
        figures: NpvFigure::ALL
            .iter()
            .map(|f| NpvFigureDto {
                key: key(*f).into(),
                label: f.label().into(),
                meaning: f.meaning().into(),
                value: d.figures.npv(*f),
                note: missing_note(*f, &d.figures),
                headline: *f == headline_figure,
            })
            .collect(),
        headline_label: decision::headline_label(headline).into(),
        chance_of_loss: d.figures.simulated.map(|s| s.chance_of_loss),
        runs: settings.iterations,
        seed: u32::try_from(settings.seed).unwrap_or(u32::MAX),
        recommendation: d
            .advice
            .recommendation
            .as_ref()
            .map(|r| narrative::case_recommendation(&case.name, r, &currency)),
        risks: d.advice.risks.iter().map(|r| narrative::case_risk(&case.name, r, &currency)).collect(),
        rule: decision::decision_rule(&plan.settings.appraisal.decision_rule, REPORT_SWING_PERCENT, &currency),
    }
}

impl Cairn {
    /// The decision on the case `case_id` as the plan or a scenario has it: the four NPV figures,
    /// the headline and the recommendation the board pack prints, computed as the pack computes
    /// them (its runs and seed).
    pub fn case_decision_in(
        &self,
        plan_id: &str,
        scenario: Option<&str>,
        case_id: &str,
    ) -> Result<CaseDecisionDto, ApiError> {
        let plan = self.plan_in(plan_id, scenario)?;
        let case =
            plan.business_cases.iter().find(|c| c.id.as_str() == case_id).ok_or_else(|| {
                ApiError::new(ErrorCode::NotFound, format!("no business case has the id \"{case_id}\""))
            })?;
        Ok(decision_dto(&plan, case, SimulationSettings::default()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ReportOptions, report_input};
    use cairn_core::{ChanceOfLossLimit, Comparison, DecisionRule, HeadlineBasis, NpvMeasure, demo_plan};
    use rust_decimal::dec;

    /// The case page's recommendation is the sentence the pack prints, case by case, under the
    /// default policy and under the example (P50, at most 20 %, expected-value headline).
    #[test]
    fn the_app_and_the_pack_say_the_same_thing() {
        let mut p50 = demo_plan();
        p50.settings.appraisal.headline = HeadlineBasis::ExpectedValue;
        p50.settings.appraisal.decision_rule = DecisionRule {
            measure: NpvMeasure::P50,
            chance_of_loss: ChanceOfLossLimit { comparison: Comparison::AtMost, value: dec!(0.2) },
            ..DecisionRule::default()
        };
        let mut mandatory = demo_plan();
        mandatory.business_cases[0].mandatory = Some("the vendor ends support in 2029".into());
        let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).expect("date");
        for plan in [demo_plan(), p50, mandatory] {
            let options = ReportOptions::new(date);
            let input = report_input(&plan, &options).expect("input");
            for (case, section) in plan.business_cases.iter().zip(&input.cases) {
                let d = decision_dto(&plan, case, options.simulation);
                let said = d.recommendation.clone().expect("a recommendation");
                assert_eq!(section.decision.as_ref(), Some(&said), "{}", case.name);
                assert!(input.summary.recommendations.contains(&said), "{said}");
                let shown: Vec<Option<f64>> = section.npv_figures.iter().map(|f| f.value).collect();
                let app: Vec<Option<f64>> = d.figures.iter().map(|f| f.value).collect();
                assert_eq!(shown, app, "{}", case.name);
                assert_eq!(
                    section.npv_figures.iter().position(|f| f.headline),
                    d.figures.iter().position(|f| f.headline)
                );
            }
        }
    }

    /// A mandatory case is never told to rework, whatever its NPV.
    #[test]
    fn a_mandatory_case_gets_its_least_cost_option() {
        let mut plan = demo_plan();
        plan.business_cases[0].mandatory = Some("the vendor ends support in 2029".into());
        let case = &plan.business_cases[0];
        let d = decision_dto(&plan, case, SimulationSettings { iterations: 500, seed: 1 });
        let said = d.recommendation.expect("a recommendation");
        assert!(said.starts_with(&format!("Go ahead with “{}”", case.name)), "{said}");
        assert!(said.contains("the case is mandatory (the vendor ends support in 2029)"), "{said}");
    }
}

use super::*;
use cairn_core::{ChanceOfLossLimit, Comparison, NpvMeasure};
use rust_decimal::dec;

const ML: NpvMeasure = NpvMeasure::MostLikely;

fn bar(driver: &str, npv_low: f64, npv_high: f64) -> TornadoBar {
    TornadoBar {
        driver: driver.into(),
        low_label: "−20 %".into(),
        high_label: "+20 %".into(),
        npv_low,
        npv_high,
        swing: (npv_high - npv_low).abs(),
    }
}

fn sim(expected: f64, p50: f64, p80: f64, chance_of_loss: f64) -> SimulatedNpv {
    SimulatedNpv { expected, p50, p80, chance_of_loss, runs: 1000 }
}

/// The rule as `advise` applied it before policies, kept as the reference the default rule must
/// reproduce: (NPV, IRR, chance of loss with runs, bars).
fn advise_before_policies(npv: Option<f64>, irr: Option<f64>, loss: Option<(f64, u32)>, bars: &[TornadoBar]) -> Advice {
    let mut risks = Vec::new();
    let Some(npv) = npv else {
        return Advice { risks: vec![CaseRisk::NoNpv], recommendation: None };
    };
    if npv < 0.0 {
        risks.push(CaseRisk::NegativeNpv { npv });
    }
    let material = loss.filter(|(p, _)| *p >= 0.10);
    if let Some((probability, runs)) = material {
        risks.push(CaseRisk::ChanceOfLoss { probability, runs });
    }
    if npv < 0.0 {
        return Advice { risks, recommendation: Some(CaseRecommendation::Rework { measure: ML, npv }) };
    }
    let mut review = Vec::new();
    if npv == 0.0 {
        review.push(CaseConcern::NoMargin);
    }
    if let Some((probability, runs)) = material {
        review.push(CaseConcern::ChanceOfLoss { probability, runs, threshold: 0.10, comparison: Comparison::Below });
    }
    let conditions = if npv > 0.0 { turning_negative(bars) } else { Vec::new() };
    risks.extend(conditions.iter().filter_map(|c| match c {
        CaseConcern::TurnsNegative { driver, setting, npv } => {
            Some(CaseRisk::TurnsNegative { driver: driver.clone(), setting: setting.clone(), npv: *npv })
        }
        _ => None,
    }));
    let recommendation = if !review.is_empty() {
        review.extend(conditions);
        CaseRecommendation::Review { measure: ML, npv, concerns: review }
    } else if !conditions.is_empty() {
        CaseRecommendation::ProceedWithConditions { measure: ML, npv, irr, concerns: conditions }
    } else {
        CaseRecommendation::Proceed { measure: ML, npv, irr }
    };
    Advice { risks, recommendation: Some(recommendation) }
}

fn figures(npv: Option<f64>, irr: Option<f64>, simulated: Option<SimulatedNpv>, bars: &[TornadoBar]) -> CaseFigures {
    CaseFigures { most_likely: npv, simulated, irr, bars: bars.to_vec(), mandatory: None }
}

/// The default rule against the reference, on figures at and around each of its edges.
#[test]
fn the_default_rule_gives_the_advice_before_policies() {
    let bars = [bar("Benefit realisation", 10.0, 200.0), bar("Capex – software", 150.0, -20.0)];
    for npv in [None, Some(-5.0), Some(0.0), Some(100.0)] {
        for chance in [None, Some(0.0), Some(0.0999), Some(0.10), Some(0.5)] {
            for bars in [&bars[..1], &bars[..]] {
                // A simulation whose mean and median agree in sign with the NPV: the one
                // addition (no "Proceed" beside a negative expected NPV) cannot apply.
                let s = chance.map(|c| sim(npv.unwrap_or(0.0), npv.unwrap_or(0.0), -1.0, c));
                let got = decide(&DecisionRule::default(), &figures(npv, Some(0.1), s, bars));
                let want = advise_before_policies(npv, Some(0.1), chance.map(|c| (c, 1000)), bars);
                assert_eq!(got, want, "npv {npv:?}, chance {chance:?}, {} bars", bars.len());
            }
        }
    }
}

/// On the demo plan's cases, evaluated, tested for sensitivity and simulated as the pack does.
#[test]
fn the_default_rule_gives_the_advice_before_policies_on_the_demo_cases() {
    let mut plan = cairn_core::demo_plan();
    plan.settings.appraisal = cairn_core::AppraisalPolicy::default(); // the demo states its own rule
    let ctx = crate::Context::of(&plan);
    for case in &plan.business_cases {
        let e = crate::evaluate_in(case, &ctx).expect("evaluates");
        let bars = crate::sensitivity_in(case, dec!(0.2), &ctx).expect("sensitivity").bars;
        let settings = crate::SimulationSettings { iterations: 2_000, seed: 7 };
        let r = crate::Simulation::new_in(case, &ctx).expect("simulation").run(settings, &|_, _| true).expect("runs");
        let npv = e.metrics.npv.value();
        let f = CaseFigures {
            most_likely: npv,
            simulated: SimulatedNpv::of(&r),
            irr: e.metrics.irr.value(),
            bars: bars.clone(),
            mandatory: None,
        };
        let want = advise_before_policies(npv, e.metrics.irr.value(), Some((r.probability_negative, 2_000)), &bars);
        assert_eq!(decide(&DecisionRule::default(), &f), want, "{}", case.name);
    }
}

#[test]
fn a_positive_case_proceeds_only_when_no_figure_shown_turns_it_negative() {
    let bars = [bar("Benefit realisation", 10.0, 200.0), bar("Capex – software", 150.0, 50.0)];
    let a =
        decide(&DecisionRule::default(), &figures(Some(100.0), Some(0.12), Some(sim(90.0, 95.0, 20.0, 0.05)), &bars));
    assert_eq!(a.recommendation, Some(CaseRecommendation::Proceed { measure: ML, npv: 100.0, irr: Some(0.12) }));
    assert!(a.risks.is_empty());
}

#[test]
fn every_bar_is_checked_and_a_cost_fails_at_its_high_setting() {
    let bars = [bar("Benefit realisation", 5.0, 300.0), bar("Capex – software", 180.0, -20.0)];
    let a = decide(&DecisionRule::default(), &figures(Some(100.0), None, None, &bars));
    let concern =
        CaseConcern::TurnsNegative { driver: "Capex – software".into(), setting: "+20 %".into(), npv: -20.0 };
    assert_eq!(
        a.recommendation,
        Some(CaseRecommendation::ProceedWithConditions { measure: ML, npv: 100.0, irr: None, concerns: vec![concern] })
    );
}

/// The example: proceed when the P50 NPV is above zero and the chance of a negative NPV
/// is at most 20 %.
fn p50_rule() -> DecisionRule {
    DecisionRule {
        measure: NpvMeasure::P50,
        min_npv: dec!(0),
        chance_of_loss: ChanceOfLossLimit { comparison: Comparison::AtMost, value: dec!(0.2) },
        mandatory: MandatoryRule::LeastPvCost,
    }
}

#[test]
fn a_rule_on_the_p50_reads_the_p50_and_its_own_limit() {
    let rule = p50_rule();
    let at_limit = decide(&rule, &figures(Some(500.0), None, Some(sim(300.0, 250.0, 0.0, 0.2)), &[]));
    assert_eq!(
        at_limit.recommendation,
        Some(CaseRecommendation::Proceed { measure: NpvMeasure::P50, npv: 250.0, irr: None })
    );
    // The data-centre exit of the issue: a 41.6 % chance of a negative NPV is never "Proceed".
    let above = decide(&rule, &figures(Some(500.0), None, Some(sim(300.0, 250.0, -90.0, 0.416)), &[]));
    let chance =
        CaseConcern::ChanceOfLoss { probability: 0.416, runs: 1000, threshold: 0.2, comparison: Comparison::AtMost };
    assert_eq!(
        above.recommendation,
        Some(CaseRecommendation::Review { measure: NpvMeasure::P50, npv: 250.0, concerns: vec![chance] })
    );
    assert_eq!(above.risks, [CaseRisk::ChanceOfLoss { probability: 0.416, runs: 1000 }]);
    let negative = decide(&rule, &figures(Some(500.0), None, Some(sim(-10.0, -20.0, -90.0, 0.55)), &[]));
    assert!(matches!(
        negative.recommendation,
        Some(CaseRecommendation::Rework { measure: NpvMeasure::P50, npv: -20.0 })
    ));
}

#[test]
fn a_simulated_measure_without_a_simulation_gives_no_recommendation_and_says_why() {
    let a = decide(&p50_rule(), &figures(Some(500.0), None, None, &[]));
    assert_eq!(
        a.recommendation,
        Some(CaseRecommendation::Undecided { reason: Undecided::NotSimulated { measure: NpvMeasure::P50 } })
    );
}

#[test]
fn never_proceed_beside_a_negative_npv_shown_with_it() {
    // The rule reads the P50, which is positive; the most likely NPV beside it is not.
    let rule = DecisionRule {
        chance_of_loss: ChanceOfLossLimit { comparison: Comparison::AtMost, value: dec!(0.3) },
        ..p50_rule()
    };
    let a = decide(&rule, &figures(Some(-40.0), None, Some(sim(20.0, 30.0, -5.0, 0.25)), &[]));
    let other = CaseConcern::OtherNegative { figure: NpvFigure::MostLikely, npv: -40.0 };
    assert_eq!(
        a.recommendation,
        Some(CaseRecommendation::Review { measure: NpvMeasure::P50, npv: 30.0, concerns: vec![other] })
    );
    assert_eq!(a.risks, [CaseRisk::NegativeNpv { npv: -40.0 }]);
}

#[test]
fn a_minimum_npv_is_held_to() {
    let rule = DecisionRule { min_npv: dec!(100), ..DecisionRule::default() };
    let a = decide(&rule, &figures(Some(100.0), None, None, &[]));
    let below = CaseConcern::BelowMinimum { measure: ML, npv: 100.0, min: 100.0 };
    assert_eq!(a.recommendation, Some(CaseRecommendation::Review { measure: ML, npv: 100.0, concerns: vec![below] }));
    let a = decide(&rule, &figures(Some(100.01), None, None, &[]));
    assert!(matches!(a.recommendation, Some(CaseRecommendation::Proceed { .. })));
}

fn mandatory(by_cost: &[(&str, Option<f64>)], preferred: &str) -> MandatoryFigures {
    MandatoryFigures {
        reason: "support ends in 2029".into(),
        by_cost: by_cost.iter().map(|(n, c)| ((*n).to_owned(), *c)).collect(),
        preferred: preferred.into(),
    }
}

#[test]
fn a_mandatory_case_goes_ahead_by_its_least_cost_option_whatever_its_npv() {
    let f = CaseFigures {
        most_likely: Some(-2_700_000.0),
        mandatory: Some(mandatory(&[("SaaS", Some(9.0e6)), ("On premises", Some(11.0e6))], "SaaS")),
        ..CaseFigures::default()
    };
    let a = decide(&DecisionRule::default(), &f);
    assert_eq!(
        a.recommendation,
        Some(CaseRecommendation::LeastCost {
            reason: "support ends in 2029".into(),
            option: "SaaS".into(),
            pv_cost: 9.0e6,
            compared: 2,
            concerns: vec![]
        })
    );
    assert_eq!(a.risks, [CaseRisk::NegativeNpv { npv: -2_700_000.0 }], "the NPV is still told, as a figure");
    // The preferred option is not the least-cost one: said as a concern.
    let f = CaseFigures {
        most_likely: Some(1.0),
        mandatory: Some(mandatory(&[("SaaS", Some(9.0e6)), ("On premises", Some(11.0e6))], "On premises")),
        ..CaseFigures::default()
    };
    let Some(CaseRecommendation::LeastCost { option, concerns, .. }) =
        decide(&DecisionRule::default(), &f).recommendation
    else {
        panic!("least cost expected");
    };
    assert_eq!(option, "SaaS");
    assert_eq!(
        concerns,
        [CaseConcern::NotLeastCost {
            preferred: "On premises".into(),
            pv_cost: Some(11.0e6),
            least: "SaaS".into(),
            least_pv_cost: 9.0e6
        }]
    );
    let f = CaseFigures {
        most_likely: Some(1.0),
        mandatory: Some(mandatory(&[("SaaS", None)], "SaaS")),
        ..CaseFigures::default()
    };
    assert_eq!(
        decide(&DecisionRule::default(), &f).recommendation,
        Some(CaseRecommendation::Undecided { reason: Undecided::NoCostRanking })
    );
}

#[test]
fn the_headline_follows_the_policy_and_never_guesses() {
    let f = figures(Some(100.0), None, Some(sim(60.0, 70.0, -5.0, 0.1)), &[]);
    assert_eq!(f.headline(HeadlineBasis::MostLikely), Some(100.0));
    assert_eq!(f.headline(HeadlineBasis::ExpectedValue), Some(60.0));
    assert_eq!(figures(Some(100.0), None, None, &[]).headline(HeadlineBasis::ExpectedValue), None);
    assert_eq!(f.npv(NpvFigure::P80), Some(-5.0));
}

/// P80 is the NPV 80 % of runs reach or exceed: PERCENTILE.INC at 0.2 of the runs.
#[test]
fn p80_is_the_twentieth_percentile() {
    let plan = cairn_core::demo_plan();
    let case = &plan.business_cases[0];
    let settings = crate::SimulationSettings { iterations: 1_000, seed: 3 };
    let r = crate::Simulation::new_in(case, &crate::Context::of(&plan))
        .expect("simulation")
        .run(settings, &|_, _| true)
        .expect("runs");
    let s = SimulatedNpv::of(&r).expect("figures");
    let at_or_above = r.npvs.iter().filter(|v| **v >= s.p80).count();
    assert!((800..=801).contains(&at_or_above), "{at_or_above} of 1,000 runs at or above P80");
    let p50 = r.percentiles.iter().find(|(p, _)| *p == 50).map(|(_, v)| *v);
    assert_eq!(Some(s.p50), p50);
}

#[test]
fn cash_releasing_risk_only_when_the_npv_is_not_already_negative() {
    assert_eq!(cash_releasing_risk(Some(10.0), Some(-2.0)), Some(CaseRisk::NoCashReturn { npv: -2.0 }));
    assert_eq!(cash_releasing_risk(Some(10.0), Some(0.0)), None);
    assert_eq!(cash_releasing_risk(Some(-1.0), Some(-2.0)), None, "the negative NPV is the risk");
    assert_eq!(cash_releasing_risk(None, Some(-2.0)), None);
}

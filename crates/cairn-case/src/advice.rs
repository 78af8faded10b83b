//! The decision rule applied to an evaluated business case: proceed, proceed with conditions,
//! review or rework, and which of its figures are key risks. The findings are
//! `cairn_core::narrative` types, which the narrative writes as sentences; the board pack's
//! executive summary lists them and its appendix states the rule
//! (`cairn_core::narrative::decision_rule`).
//!
//! The rule (until a full appraisal rule replaces it) is that a recommendation never contradicts
//! a figure printed beside it:
//! - no NPV: no recommendation, and a key risk;
//! - a negative NPV: rework or stop;
//! - an NPV of exactly zero, or a simulated chance of a negative NPV of at least
//!   [`MATERIAL_CHANCE_OF_LOSS`]: review, naming that figure;
//! - otherwise, when any sensitivity the pack shows (every tornado bar, the one-year benefit delay
//!   among them) turns the NPV negative: proceed with conditions, naming each such sensitivity;
//! - otherwise: proceed.

use cairn_core::narrative::{CaseConcern, CaseRecommendation, CaseRisk};

use crate::TornadoBar;

/// From this share of Monte Carlo runs with a negative NPV, the chance of a loss is a key risk
/// and the case is reviewed rather than recommended.
pub const MATERIAL_CHANCE_OF_LOSS: f64 = 0.10;

/// What the board is told about one case.
#[derive(Debug, Clone, PartialEq)]
pub struct Advice {
    /// Its key risks, in the order they are listed.
    pub risks: Vec<CaseRisk>,
    /// The recommendation; `None` when the case has no NPV to decide on.
    pub recommendation: Option<CaseRecommendation>,
}

/// The key risk of a case that creates value only through benefits that release no cash: its
/// NPV is not negative, but counting its cash-releasing benefits alone it is. (A negative NPV is
/// already a key risk of its own.) It informs the board; the decision rule above is unchanged.
pub fn cash_releasing_risk(npv: Option<f64>, npv_cash_releasing: Option<f64>) -> Option<CaseRisk> {
    match (npv, npv_cash_releasing) {
        (Some(npv), Some(cash)) if npv >= 0.0 && cash < 0.0 => Some(CaseRisk::NoCashReturn { npv: cash }),
        _ => None,
    }
}

/// Each tornado bar whose worse setting turns the NPV negative, as (driver, setting, NPV).
fn turning_negative(bars: &[TornadoBar]) -> Vec<CaseConcern> {
    bars.iter()
        .filter_map(|b| {
            let (setting, npv) =
                if b.npv_low <= b.npv_high { (&b.low_label, b.npv_low) } else { (&b.high_label, b.npv_high) };
            (npv < 0.0).then(|| CaseConcern::TurnsNegative { driver: b.driver.clone(), setting: setting.clone(), npv })
        })
        .collect()
}

/// The rule (see the module's documentation). `chance_of_loss` is the share of runs with a
/// negative NPV and the number of runs, when the case was simulated; `bars` is the whole tornado
/// the pack shows, the benefit-delay bar included.
pub fn advise(npv: Option<f64>, irr: Option<f64>, chance_of_loss: Option<(f64, u32)>, bars: &[TornadoBar]) -> Advice {
    let mut risks = Vec::new();
    let Some(npv) = npv else {
        risks.push(CaseRisk::NoNpv);
        return Advice { risks, recommendation: None };
    };
    if npv < 0.0 {
        risks.push(CaseRisk::NegativeNpv { npv });
    }
    let material = chance_of_loss.filter(|(p, _)| *p >= MATERIAL_CHANCE_OF_LOSS);
    if let Some((probability, runs)) = material {
        risks.push(CaseRisk::ChanceOfLoss { probability, runs });
    }
    if npv < 0.0 {
        return Advice { risks, recommendation: Some(CaseRecommendation::Rework { npv }) };
    }
    let mut review = Vec::new();
    if npv == 0.0 {
        review.push(CaseConcern::NoMargin);
    }
    if let Some((probability, runs)) = material {
        review.push(CaseConcern::ChanceOfLoss { probability, runs, threshold: MATERIAL_CHANCE_OF_LOSS });
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
        CaseRecommendation::Review { npv, concerns: review }
    } else if !conditions.is_empty() {
        CaseRecommendation::ProceedWithConditions { npv, irr, concerns: conditions }
    } else {
        CaseRecommendation::Proceed { npv, irr }
    };
    Advice { risks, recommendation: Some(recommendation) }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn a_positive_case_proceeds_only_when_no_figure_shown_turns_it_negative() {
        let bars = [bar("Benefit realisation", 10.0, 200.0), bar("Capex – software", 150.0, 50.0)];
        let a = advise(Some(100.0), Some(0.12), Some((0.05, 1000)), &bars);
        assert_eq!(a.recommendation, Some(CaseRecommendation::Proceed { npv: 100.0, irr: Some(0.12) }));
        assert!(a.risks.is_empty());
    }

    #[test]
    fn every_bar_is_checked_not_only_the_widest_and_a_cost_fails_at_its_high_setting() {
        // The second bar, a cost, turns the NPV negative at +20 %: the widest does not.
        let bars = [bar("Benefit realisation", 5.0, 300.0), bar("Capex – software", 180.0, -20.0)];
        let a = advise(Some(100.0), None, Some((0.05, 1000)), &bars);
        let concern =
            CaseConcern::TurnsNegative { driver: "Capex – software".into(), setting: "+20 %".into(), npv: -20.0 };
        assert_eq!(
            a.recommendation,
            Some(CaseRecommendation::ProceedWithConditions { npv: 100.0, irr: None, concerns: vec![concern] })
        );
        assert_eq!(
            a.risks,
            [CaseRisk::TurnsNegative { driver: "Capex – software".into(), setting: "+20 %".into(), npv: -20.0 }]
        );
    }

    #[test]
    fn a_material_chance_of_loss_asks_for_review_at_the_threshold_and_not_below() {
        let at = advise(Some(100.0), Some(0.2), Some((MATERIAL_CHANCE_OF_LOSS, 1000)), &[bar("Opex", -30.0, 200.0)]);
        let chance = CaseConcern::ChanceOfLoss { probability: 0.10, runs: 1000, threshold: MATERIAL_CHANCE_OF_LOSS };
        let turns = CaseConcern::TurnsNegative { driver: "Opex".into(), setting: "−20 %".into(), npv: -30.0 };
        assert_eq!(at.recommendation, Some(CaseRecommendation::Review { npv: 100.0, concerns: vec![chance, turns] }));
        assert_eq!(
            at.risks,
            [
                CaseRisk::ChanceOfLoss { probability: 0.10, runs: 1000 },
                CaseRisk::TurnsNegative { driver: "Opex".into(), setting: "−20 %".into(), npv: -30.0 }
            ]
        );
        let below = advise(Some(100.0), Some(0.2), Some((0.0999, 1000)), &[]);
        assert_eq!(below.recommendation, Some(CaseRecommendation::Proceed { npv: 100.0, irr: Some(0.2) }));
        let zero = advise(Some(0.0), None, None, &[]);
        assert_eq!(
            zero.recommendation,
            Some(CaseRecommendation::Review { npv: 0.0, concerns: vec![CaseConcern::NoMargin] })
        );
    }

    #[test]
    fn a_negative_or_missing_npv_is_a_risk() {
        let a = advise(Some(-5.0), None, None, &[bar("Benefit realisation", -50.0, 10.0)]);
        assert_eq!(a.recommendation, Some(CaseRecommendation::Rework { npv: -5.0 }));
        assert_eq!(a.risks, [CaseRisk::NegativeNpv { npv: -5.0 }]);
        let a = advise(None, None, None, &[]);
        assert_eq!(cash_releasing_risk(Some(10.0), Some(-2.0)), Some(CaseRisk::NoCashReturn { npv: -2.0 }));
        assert_eq!(cash_releasing_risk(Some(10.0), Some(0.0)), None);
        assert_eq!(cash_releasing_risk(Some(-1.0), Some(-2.0)), None, "the negative NPV is the risk");
        assert_eq!(cash_releasing_risk(None, Some(-2.0)), None);
        assert_eq!((a.recommendation, a.risks), (None, vec![CaseRisk::NoNpv]));
    }
}

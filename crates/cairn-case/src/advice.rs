//! The decision rule applied to an evaluated business case: proceed or rework, and which of its
//! figures are key risks. The findings are `cairn_core::narrative` types, which the narrative
//! writes as sentences; the board pack's executive summary lists them.

use cairn_core::narrative::{CaseRecommendation, CaseRisk};

use crate::TornadoBar;

/// From this share of Monte Carlo runs with a negative NPV, the chance of a loss is a key risk.
pub const MATERIAL_CHANCE_OF_LOSS: f64 = 0.10;

/// What the board is told about one case.
#[derive(Debug, Clone, PartialEq)]
pub struct Advice {
    /// Its key risks, in the order they are listed.
    pub risks: Vec<CaseRisk>,
    /// Proceed or rework; `None` when the case has no NPV to decide on.
    pub recommendation: Option<CaseRecommendation>,
}

/// The rule. A negative NPV is a risk and asks for rework; an NPV of zero or more, to proceed
/// (quoting the IRR when there is one); no NPV at all is a risk. A chance of a negative NPV of
/// at least [`MATERIAL_CHANCE_OF_LOSS`] over the simulated runs is a risk, and so is the
/// strongest driver of the tornado when its low setting turns a positive NPV negative.
///
/// `chance_of_loss` is the share of runs with a negative NPV and the number of runs, when the
/// case was simulated; `strongest` is the first bar of the tornado.
pub fn advise(
    npv: Option<f64>,
    irr: Option<f64>,
    chance_of_loss: Option<(f64, u32)>,
    strongest: Option<&TornadoBar>,
) -> Advice {
    let mut risks = Vec::new();
    let recommendation = match npv {
        Some(npv) if npv < 0.0 => {
            risks.push(CaseRisk::NegativeNpv { npv });
            Some(CaseRecommendation::Rework { npv })
        }
        Some(npv) => Some(CaseRecommendation::Proceed { npv, irr }),
        None => {
            risks.push(CaseRisk::NoNpv);
            None
        }
    };
    if let Some((probability, runs)) = chance_of_loss.filter(|(p, _)| *p >= MATERIAL_CHANCE_OF_LOSS) {
        risks.push(CaseRisk::ChanceOfLoss { probability, runs });
    }
    if let (Some(top), Some(base)) = (strongest, npv) {
        let low = top.npv_low.min(top.npv_high);
        if low < 0.0 && base > 0.0 {
            risks.push(CaseRisk::TurnsNegative {
                driver: top.driver.clone(),
                low_label: top.low_label.clone(),
                npv: low,
            });
        }
    }
    Advice { risks, recommendation }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bar(npv_low: f64, npv_high: f64) -> TornadoBar {
        TornadoBar {
            driver: "Benefit realisation".into(),
            low_label: "−20 %".into(),
            high_label: "+20 %".into(),
            npv_low,
            npv_high,
            swing: (npv_high - npv_low).abs(),
        }
    }

    #[test]
    fn a_positive_case_proceeds_unless_its_figures_say_otherwise() {
        let a = advise(Some(100.0), Some(0.12), Some((0.05, 1000)), Some(&bar(10.0, 200.0)));
        assert_eq!(a.recommendation, Some(CaseRecommendation::Proceed { npv: 100.0, irr: Some(0.12) }));
        assert!(a.risks.is_empty());
        let a = advise(Some(100.0), None, Some((0.10, 1000)), Some(&bar(-30.0, 200.0)));
        assert_eq!(
            a.risks,
            [
                CaseRisk::ChanceOfLoss { probability: 0.10, runs: 1000 },
                CaseRisk::TurnsNegative {
                    driver: "Benefit realisation".into(), low_label: "−20 %".into(), npv: -30.0
                }
            ]
        );
    }

    #[test]
    fn a_negative_or_missing_npv_is_a_risk() {
        let a = advise(Some(-5.0), None, None, Some(&bar(-50.0, 10.0)));
        assert_eq!(a.recommendation, Some(CaseRecommendation::Rework { npv: -5.0 }));
        assert_eq!(a.risks, [CaseRisk::NegativeNpv { npv: -5.0 }]);
        let a = advise(None, None, None, None);
        assert_eq!((a.recommendation, a.risks), (None, vec![CaseRisk::NoNpv]));
    }
}

//! The plan's decision rule applied to a case's figures (issue 17, item 7): what the board is
//! advised, and which figures are key risks. The rule is data, `cairn_core::DecisionRule` in the
//! plan's appraisal policy; [`decide`] reads it. The findings are `cairn_core::narrative` types,
//! written as sentences there, so the app and the pack say the same thing
//! (docs/business-cases.md, "Recommendation").
//!
//! - A mandatory case (it states why it must go ahead) is judged by cost-effectiveness
//!   (`MandatoryRule::LeastPvCost`): go ahead with the option of least present value of cost,
//!   named, whatever the NPV; when the preferred option is not that one, it is a concern.
//! - Otherwise the rule reads one NPV (`cairn_core::NpvMeasure`): the most likely, or the simulation's
//!   expected (mean) or P50. A simulated measure of a case that was not simulated gives no
//!   recommendation, with the reason, rather than a guess.
//! - That NPV negative: rework or stop. Not above the rule's minimum (zero: exactly zero), the
//!   simulated chance of a negative NPV breaking the rule's limit, or (when nothing else stops a
//!   "Proceed") another NPV shown beside it negative: review, naming each.
//! - Otherwise, a sensitivity the pack shows turning the NPV negative: proceed with conditions;
//!   else proceed.
//!
//! With the default rule this is the rule Cairn applied before policies (tested against it),
//! with one addition: a "Proceed" is never given beside a negative expected or P50 NPV.

use cairn_core::narrative::{CaseConcern, CaseRecommendation, CaseRisk, NpvFigure, Undecided};
use cairn_core::{BusinessCase, DecisionRule, HeadlineBasis, MandatoryRule, OptionRole};

use crate::{Appraisal, SimulationResult, TornadoBar};

/// What the board is told about one case.
#[derive(Debug, Clone, PartialEq)]
pub struct Advice {
    /// Its key risks, in the order they are listed.
    pub risks: Vec<CaseRisk>,
    /// The recommendation; `None` when the case has no NPV to decide on.
    pub recommendation: Option<CaseRecommendation>,
}

/// The simulated NPV figures of a case.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SimulatedNpv {
    /// The mean of the runs.
    pub expected: f64,
    /// The median (PERCENTILE.INC at 0.5).
    pub p50: f64,
    /// The NPV 80 % of runs reach or exceed: the 20th percentile (PERCENTILE.INC at 0.2).
    pub p80: f64,
    /// The share of runs with a negative NPV.
    pub chance_of_loss: f64,
    /// How many runs.
    pub runs: u32,
}

impl SimulatedNpv {
    /// The figures of a simulation result; `None` when it holds no S-curve (no runs).
    pub fn of(r: &SimulationResult) -> Option<SimulatedNpv> {
        // The S-curve is PERCENTILE.INC at 0, 1, …, 100 %, the percentiles' own interpolation.
        Some(SimulatedNpv {
            expected: r.mean,
            p50: *r.s_curve.get(50)?,
            p80: *r.s_curve.get(20)?,
            chance_of_loss: r.probability_negative,
            runs: r.settings.iterations,
        })
    }
}

/// A mandatory case's options by present value of cost.
#[derive(Debug, Clone, PartialEq)]
pub struct MandatoryFigures {
    /// Why it must go ahead.
    pub reason: String,
    /// The options other than business as usual, least present value of cost first (the
    /// appraisal's order), with that cost when it could be computed.
    pub by_cost: Vec<(String, Option<f64>)>,
    /// The preferred option's name.
    pub preferred: String,
}

impl MandatoryFigures {
    /// The figures of a mandatory `case` from its appraisal; `None` when it is not mandatory.
    /// A case with no short list has one option, itself: it is named by the case's name.
    pub fn of(case: &BusinessCase, appraisal: &Appraisal) -> Option<MandatoryFigures> {
        let reason = case.mandatory.clone()?;
        let name = |k: usize| {
            let o = &appraisal.options[k].option;
            if case.options.is_empty() { case.name.clone() } else { o.name.clone() }
        };
        let by_cost = appraisal
            .order
            .iter()
            .filter(|k| *k < &appraisal.options.len())
            .map(|&k| (name(k), appraisal.options[k].evaluation.metrics.tco_present_value.value()))
            .collect();
        let preferred = (0..appraisal.options.len())
            .find(|k| appraisal.options[*k].option.role == OptionRole::Preferred)
            .map(name)
            .unwrap_or_else(|| case.name.clone());
        Some(MandatoryFigures { reason, by_cost, preferred })
    }
}

/// Everything the rule reads about a case.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CaseFigures {
    /// The NPV of the lines as entered; `None` when the case cannot be evaluated.
    pub most_likely: Option<f64>,
    /// The simulation's figures, when the case was simulated.
    pub simulated: Option<SimulatedNpv>,
    /// The IRR, when there is one.
    pub irr: Option<f64>,
    /// The whole tornado the pack shows, the benefit-delay bar included.
    pub bars: Vec<TornadoBar>,
    /// A mandatory case's options by cost.
    pub mandatory: Option<MandatoryFigures>,
}

impl CaseFigures {
    /// One of the four NPV figures, when the case has it.
    pub fn npv(&self, figure: NpvFigure) -> Option<f64> {
        match figure {
            NpvFigure::MostLikely => self.most_likely,
            NpvFigure::Expected => self.simulated.map(|s| s.expected),
            NpvFigure::P50 => self.simulated.map(|s| s.p50),
            NpvFigure::P80 => self.simulated.map(|s| s.p80),
        }
    }

    /// The headline NPV under the policy's basis: `None` when it needs a simulation the case
    /// does not have (the expected NPV is never replaced by the most likely one unannounced).
    pub fn headline(&self, basis: HeadlineBasis) -> Option<f64> {
        match basis {
            HeadlineBasis::MostLikely => self.most_likely,
            HeadlineBasis::ExpectedValue => self.npv(NpvFigure::Expected),
        }
    }
}

/// The key risk of a case that creates value only through benefits that release no cash: its
/// NPV is not negative, but counting its cash-releasing benefits alone it is. (A negative NPV is
/// already a key risk of its own.) It informs the board; the decision rule is unchanged.
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

/// The rule applied (see the module's documentation).
pub fn decide(rule: &DecisionRule, figures: &CaseFigures) -> Advice {
    let mut risks = Vec::new();
    let Some(most_likely) = figures.most_likely else {
        risks.push(CaseRisk::NoNpv);
        return Advice { risks, recommendation: None };
    };
    if most_likely < 0.0 {
        risks.push(CaseRisk::NegativeNpv { npv: most_likely });
    }
    if let Some(m) = &figures.mandatory {
        return Advice { risks, recommendation: Some(least_cost(rule.mandatory, m)) };
    }
    let measure = rule.measure;
    let Some(npv) = figures.npv(NpvFigure::of(measure)) else {
        let reason = Undecided::NotSimulated { measure };
        return Advice { risks, recommendation: Some(CaseRecommendation::Undecided { reason }) };
    };
    let (Ok(min), Ok(limit)) = (cairn_core::to_f64(rule.min_npv), cairn_core::to_f64(rule.chance_of_loss.value)) else {
        let reason = Undecided::RuleNotReadable;
        return Advice { risks, recommendation: Some(CaseRecommendation::Undecided { reason }) };
    };
    let comparison = rule.chance_of_loss.comparison;
    let passes = |p: f64| match comparison {
        cairn_core::Comparison::Below => p < limit,
        cairn_core::Comparison::AtMost => p <= limit,
    };
    let breaking = figures.simulated.filter(|s| !passes(s.chance_of_loss));
    if let Some(s) = breaking {
        risks.push(CaseRisk::ChanceOfLoss { probability: s.chance_of_loss, runs: s.runs });
    }
    if npv < 0.0 {
        return Advice { risks, recommendation: Some(CaseRecommendation::Rework { measure, npv }) };
    }
    let mut review = Vec::new();
    if npv <= min {
        review.push(if npv == 0.0 && min == 0.0 {
            CaseConcern::NoMargin
        } else {
            CaseConcern::BelowMinimum { measure, npv, min }
        });
    }
    if let Some(s) = breaking {
        review.push(CaseConcern::ChanceOfLoss {
            probability: s.chance_of_loss,
            runs: s.runs,
            threshold: limit,
            comparison,
        });
    }
    if review.is_empty() {
        // Never "Proceed" beside a negative NPV shown with it.
        let shown = [NpvFigure::MostLikely, NpvFigure::Expected, NpvFigure::P50];
        review.extend(shown.into_iter().filter(|f| *f != NpvFigure::of(measure)).filter_map(|figure| {
            figures.npv(figure).filter(|v| *v < 0.0).map(|npv| CaseConcern::OtherNegative { figure, npv })
        }));
    }
    let conditions = if npv > min { turning_negative(&figures.bars) } else { Vec::new() };
    risks.extend(conditions.iter().filter_map(|c| match c {
        CaseConcern::TurnsNegative { driver, setting, npv } => {
            Some(CaseRisk::TurnsNegative { driver: driver.clone(), setting: setting.clone(), npv: *npv })
        }
        _ => None,
    }));
    let irr = figures.irr;
    let recommendation = if !review.is_empty() {
        review.extend(conditions);
        CaseRecommendation::Review { measure, npv, concerns: review }
    } else if !conditions.is_empty() {
        CaseRecommendation::ProceedWithConditions { measure, npv, irr, concerns: conditions }
    } else {
        CaseRecommendation::Proceed { measure, npv, irr }
    };
    Advice { risks, recommendation: Some(recommendation) }
}

/// A mandatory case: the least-cost option, and whether the preferred option is it.
fn least_cost(rule: MandatoryRule, m: &MandatoryFigures) -> CaseRecommendation {
    match rule {
        MandatoryRule::LeastPvCost => {
            let costed: Vec<(&String, f64)> = m.by_cost.iter().filter_map(|(n, c)| c.map(|c| (n, c))).collect();
            let Some(&(least, least_pv_cost)) = costed.first() else {
                return CaseRecommendation::Undecided { reason: Undecided::NoCostRanking };
            };
            let mut concerns = Vec::new();
            if *least != m.preferred {
                let pv_cost = m.by_cost.iter().find(|(n, _)| *n == m.preferred).and_then(|(_, c)| *c);
                concerns.push(CaseConcern::NotLeastCost {
                    preferred: m.preferred.clone(),
                    pv_cost,
                    least: least.clone(),
                    least_pv_cost,
                });
            }
            CaseRecommendation::LeastCost {
                reason: m.reason.clone(),
                option: least.clone(),
                pv_cost: least_pv_cost,
                compared: costed.len(),
                concerns,
            }
        }
    }
}

#[cfg(test)]
#[path = "decide_tests.rs"]
mod tests;

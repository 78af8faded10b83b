//! Evaluating a `cairn_core::SourcingStudy`: each option's costs by fiscal year (nominal and
//! present value), the decision matrix with the total-cost criterion derived from the PV TCO,
//! the weights (typed or from AHP), rankings by three methods and whether they agree, cost per
//! score point, and the robustness of the winner.
//!
//! Money stays `Decimal` (checked: an overflow is an error naming the option) until the yearly
//! costs are discounted; it becomes `f64` by `cairn_core::to_f64`, and discounting follows
//! `cairn_finance::npv` (year *i* of the horizon at t = *i*, as the spreadsheet's
//! `NPV(rate, FY1…FYn)`, each year's factor from `cairn_finance::compound`).
//!
//! The three methods share the study's weights:
//! - the weighted sum (linear max normalisation, [`crate::wsm`]);
//! - AHP's distributive synthesis: each criterion's values as shares of their column total (a
//!   cost's reciprocals), weighted and summed, as AHP rates alternatives against each criterion;
//! - TOPSIS with vector normalisation ([`crate::topsis`]).

use cairn_core::{CriterionBasis, CriterionDirection, FiscalYear, Horizon, SourcingStudy, Weighting};
use cairn_finance::DiscountSchedule;
use rust_decimal::Decimal;

use crate::{
    Ahp, BreakEven, Direction, McdaError, Method, Normalization, RandomIndex, RankReversal, WeightMethod,
    WeightUncertainty, ahp, break_even_weights, rank_reversal_on_removal, ranks, topsis, weight_uncertainty, wsm,
};

/// Why a study cannot be evaluated; `field` is a JSON path inside the study.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StudyError {
    /// Something is missing or out of range.
    #[error("{field}: {reason}")]
    Invalid {
        /// Where, e.g. `options[1].scores`.
        field: String,
        /// What is wrong.
        reason: String,
    },
    /// Amounts too large to add up.
    #[error("{field}: the amounts are too large to add up")]
    Overflow {
        /// Where.
        field: String,
    },
}

fn invalid(field: impl Into<String>, reason: impl Into<String>) -> StudyError {
    StudyError::Invalid { field: field.into(), reason: reason.into() }
}

fn mcda(field: &str) -> impl Fn(McdaError) -> StudyError + '_ {
    move |e| invalid(field, e.to_string())
}

/// How the robustness analysis samples weights.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RobustnessSettings {
    /// Random weightings drawn.
    pub samples: usize,
    /// Dirichlet concentration: larger is tighter around the study's weights. At 50, a weight
    /// of 20 % varies with a standard deviation of about 5.6 points.
    pub concentration: f64,
    /// The random seed: the same seed gives the same answer.
    pub seed: u64,
}

impl Default for RobustnessSettings {
    fn default() -> Self {
        RobustnessSettings { samples: 10_000, concentration: 50.0, seed: 2027 }
    }
}

/// The ranking methods a study is evaluated with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StudyMethod {
    /// Weighted sum, linear max normalisation.
    WeightedSum,
    /// AHP distributive synthesis.
    Ahp,
    /// TOPSIS, vector normalisation.
    Topsis,
}

impl StudyMethod {
    /// Every method, in the order results list them.
    pub const ALL: [StudyMethod; 3] = [StudyMethod::WeightedSum, StudyMethod::Ahp, StudyMethod::Topsis];

    /// The method's name as shown.
    pub fn label(self) -> &'static str {
        match self {
            StudyMethod::WeightedSum => "Weighted sum",
            StudyMethod::Ahp => "AHP (distributive)",
            StudyMethod::Topsis => "TOPSIS (vector)",
        }
    }
}

/// One option's costs over the horizon.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionCosts {
    /// Nominal cost per fiscal year of the horizon.
    pub by_year: Vec<Decimal>,
    /// Σ nominal costs.
    pub tco: Decimal,
    /// Each year's cost discounted to the start of the horizon.
    pub pv_by_year: Vec<f64>,
    /// `NPV(rate, by_year)`: the present-value TCO the total-cost criterion uses.
    pub pv_tco: f64,
}

/// One method's result.
#[derive(Debug, Clone, PartialEq)]
pub struct MethodRanking {
    /// The method.
    pub method: StudyMethod,
    /// Score per option (higher is better; each method's own scale).
    pub scores: Vec<f64>,
    /// Rank per option, 1 = best.
    pub ranks: Vec<usize>,
}

/// How robust the winner is.
#[derive(Debug, Clone, PartialEq)]
pub struct Robustness {
    /// Per criterion, the weighted-sum weight at which the winner changes.
    pub break_even: Vec<BreakEven>,
    /// Probability of ranking first under random weightings, weighted sum.
    pub weighted_sum: WeightUncertainty,
    /// The same under TOPSIS.
    pub topsis: WeightUncertainty,
    /// Rank reversal when each option is removed, weighted sum.
    pub reversal_weighted_sum: Vec<RankReversal>,
    /// Rank reversal when each option is removed, TOPSIS.
    pub reversal_topsis: Vec<RankReversal>,
    /// Whether adding a copy of the last-ranked option changes the others' order (Belton and
    /// Gear's test of an added, irrelevant option), weighted sum.
    pub reversal_on_copy_weighted_sum: bool,
    /// The same under TOPSIS.
    pub reversal_on_copy_topsis: bool,
    /// The settings used.
    pub settings: RobustnessSettings,
}

/// Everything a study's results show.
#[derive(Debug, Clone, PartialEq)]
pub struct StudyEvaluation {
    /// The fiscal years of the horizon.
    pub years: Vec<FiscalYear>,
    /// Costs per option.
    pub costs: Vec<OptionCosts>,
    /// The decision matrix (options × criteria): scores, and the PV TCO for the cost criterion.
    pub matrix: Vec<Vec<f64>>,
    /// Each criterion's direction.
    pub directions: Vec<Direction>,
    /// The weights every method used, summing to 1.
    pub weights: Vec<f64>,
    /// The AHP analysis of the pairwise judgements, when the study is weighted that way.
    pub ahp: Option<Ahp>,
    /// The weighted mean of the scored criteria, 1 to 10 (a cost-direction score s counts as
    /// 11 − s); `None` when no scored criterion carries weight.
    pub quality: Vec<Option<f64>>,
    /// PV TCO ÷ quality: what a point of quality costs.
    pub cost_per_point: Vec<Option<f64>>,
    /// One ranking per method, in [`StudyMethod::ALL`]'s order.
    pub rankings: Vec<MethodRanking>,
    /// Every method ranks the same option first.
    pub agree_on_winner: bool,
    /// Every method ranks every option the same.
    pub agree_on_ranking: bool,
    /// The robustness analysis; `None` with fewer than two options.
    pub robustness: Option<Robustness>,
}

/// A decimal as `f64` for discounting and the decision matrix, by `cairn_core::to_f64`; a value
/// without one is an error naming `field`, never a NaN carried into the ranking.
pub(crate) fn float(value: Decimal, field: &str) -> Result<f64, StudyError> {
    cairn_core::to_f64(value).map_err(|e| invalid(field, e.to_string()))
}

/// The study's own rate in every year of `horizon`: its schedule in a plan without an appraisal
/// policy (a plan's policy gives it `cairn_case::study_schedule`).
pub fn own_schedule(study: &SourcingStudy, horizon: &Horizon) -> Result<DiscountSchedule, StudyError> {
    let rate = float(study.discount_rate, "discount_rate")?;
    DiscountSchedule::flat(rate, usize::from(horizon.years)).map_err(|e| invalid("discount_rate", e.to_string()))
}

/// Each option's costs by fiscal year over `horizon`: transition in the first year, run cost
/// escalated from the first year, exit in the last; discounted by `discount`, one rate per year
/// of the horizon (the plan's schedule or the study's own rate: `cairn_case::study_schedule`).
/// Year k's cost is divided by the schedule's divisor of year k, `(1 + rate)^k` at one rate:
/// the spreadsheet's `NPV(rate, costs)` to the last bit.
pub fn option_costs(
    study: &SourcingStudy,
    horizon: &Horizon,
    discount: &DiscountSchedule,
) -> Result<Vec<OptionCosts>, StudyError> {
    let n = usize::from(horizon.years);
    if n == 0 {
        return Err(invalid("settings.horizon.years", "the plan's horizon has no years"));
    }
    if discount.years() < n {
        let why = format!("covers {} years and the horizon has {n}", discount.years());
        return Err(invalid("discount_rate", why));
    }
    let divisors = discount.divisors();
    let mut out = Vec::with_capacity(study.options.len());
    for (i, o) in study.options.iter().enumerate() {
        let field = format!("options[{i}].costs");
        let overflow = || StudyError::Overflow { field: field.clone() };
        let growth = Decimal::ONE.checked_add(o.costs.escalation).ok_or_else(overflow)?;
        let mut by_year = Vec::with_capacity(n);
        let mut factor = Decimal::ONE;
        for k in 0..n {
            if k > 0 {
                factor = factor.checked_mul(growth).ok_or_else(overflow)?;
            }
            let mut cost = o.costs.run_per_year.checked_mul(factor).ok_or_else(overflow)?;
            if k == 0 {
                cost = cost.checked_add(o.costs.transition).ok_or_else(overflow)?;
            }
            if k + 1 == n {
                cost = cost.checked_add(o.costs.exit).ok_or_else(overflow)?;
            }
            by_year.push(cost);
        }
        let tco = by_year.iter().try_fold(Decimal::ZERO, |a, b| a.checked_add(*b)).ok_or_else(overflow)?;
        let values: Vec<f64> = by_year.iter().map(|v| float(*v, &field)).collect::<Result<_, _>>()?;
        let pv_by_year: Vec<f64> = values.iter().zip(&divisors[1..]).map(|(v, d)| v / d).collect();
        let pv_tco = pv_by_year.iter().sum::<f64>();
        if !pv_tco.is_finite() {
            return Err(invalid("discount_rate", "the present value of the costs is not a finite number"));
        }
        out.push(OptionCosts { by_year, tco, pv_by_year, pv_tco });
    }
    Ok(out)
}

/// The study's weights, normalised to sum to 1, and the AHP analysis when they come from the
/// pairwise judgements.
pub fn study_weights(study: &SourcingStudy) -> Result<(Vec<f64>, Option<Ahp>), StudyError> {
    if study.criteria.is_empty() {
        return Err(invalid("criteria", "the study has no criteria"));
    }
    match study.weighting {
        Weighting::Direct => {
            let raw: Vec<f64> = study
                .criteria
                .iter()
                .enumerate()
                .map(|(j, c)| float(c.weight, &format!("criteria[{j}].weight")))
                .collect::<Result<_, _>>()?;
            let total: f64 = raw.iter().sum();
            if !(total.is_finite() && total > 0.0) {
                return Err(invalid("criteria", "every weight is zero: give at least one criterion a weight"));
            }
            Ok((raw.iter().map(|w| w / total).collect(), None))
        }
        Weighting::Pairwise => {
            let matrix = pairwise_matrix(study);
            let a = ahp(&matrix, WeightMethod::Eigenvector, RandomIndex::Saaty).map_err(mcda("judgements"))?;
            Ok((a.weights.clone(), Some(a)))
        }
    }
}

/// The pairwise-comparison matrix of the study's criteria, in their order.
pub fn pairwise_matrix(study: &SourcingStudy) -> Vec<Vec<f64>> {
    let c = &study.criteria;
    c.iter()
        .map(|a| c.iter().map(|b| if a.id == b.id { 1.0 } else { study.pairwise_entry(&a.id, &b.id) }).collect())
        .collect()
}

/// AHP's distributive synthesis: each column as shares of its total (reciprocals for a cost),
/// weighted and summed. Values must be positive.
pub fn ahp_synthesis(matrix: &[Vec<f64>], weights: &[f64], directions: &[Direction]) -> Vec<f64> {
    let mut scores = vec![0.0; matrix.len()];
    for (j, (w, d)) in weights.iter().zip(directions).enumerate() {
        let value = |row: &Vec<f64>| match d {
            Direction::Benefit => row[j],
            Direction::Cost => 1.0 / row[j],
        };
        let total: f64 = matrix.iter().map(value).sum();
        if total > 0.0 {
            for (s, row) in scores.iter_mut().zip(matrix) {
                *s += w * value(row) / total;
            }
        }
    }
    scores
}

/// Adds a copy of the last-ranked option and reports whether the original options' relative
/// order changes: an option nobody would choose should not reorder the others.
fn reversal_on_copy(
    method: Method,
    matrix: &[Vec<f64>],
    weights: &[f64],
    directions: &[Direction],
) -> Result<bool, StudyError> {
    let before = ranks(&crate::scores(method, matrix, weights, directions).map_err(mcda("options"))?);
    let Some(last) = before.iter().position(|r| *r == matrix.len()) else { return Ok(false) };
    let mut with_copy = matrix.to_vec();
    with_copy.push(matrix[last].clone());
    let after = ranks(&crate::scores(method, &with_copy, weights, directions).map_err(mcda("options"))?);
    Ok(crate::relative_order_changed(&before, &after[..matrix.len()]))
}

/// Evaluates a study over the plan's horizon.
pub fn evaluate_study(
    study: &SourcingStudy,
    horizon: &Horizon,
    discount: &DiscountSchedule,
    settings: RobustnessSettings,
) -> Result<StudyEvaluation, StudyError> {
    if study.options.is_empty() {
        return Err(invalid("options", "the study has no options"));
    }
    let (weights, ahp_result) = study_weights(study)?;
    let costs = option_costs(study, horizon, discount)?;
    let directions: Vec<Direction> = study
        .criteria
        .iter()
        .map(|c| match c.direction {
            CriterionDirection::Benefit => Direction::Benefit,
            CriterionDirection::Cost => Direction::Cost,
        })
        .collect();
    let mut matrix = Vec::with_capacity(study.options.len());
    for (i, o) in study.options.iter().enumerate() {
        let mut row = Vec::with_capacity(study.criteria.len());
        for c in &study.criteria {
            let v = match c.basis {
                CriterionBasis::PresentValueTco => {
                    let pv = costs[i].pv_tco;
                    if !(pv.is_finite() && pv > 0.0) {
                        return Err(invalid(
                            format!("options[{i}].costs"),
                            format!("{} has no costs; the total-cost criterion compares costs above zero", o.name),
                        ));
                    }
                    pv
                }
                CriterionBasis::Scores => match o.score(&c.id) {
                    Some(s) => float(s.value, &format!("options[{i}].scores"))?,
                    None => {
                        return Err(invalid(
                            format!("options[{i}].scores"),
                            format!("{} has no score for \"{}\"", o.name, c.name),
                        ));
                    }
                },
            };
            row.push(v);
        }
        matrix.push(row);
    }

    let w = wsm(&matrix, &weights, &directions).map_err(mcda("options"))?;
    let a = ahp_synthesis(&matrix, &weights, &directions);
    let t = topsis(&matrix, &weights, &directions, Normalization::Vector).map_err(mcda("options"))?;
    let rankings = vec![
        MethodRanking { method: StudyMethod::WeightedSum, ranks: w.ranks, scores: w.scores },
        MethodRanking { method: StudyMethod::Ahp, ranks: ranks(&a), scores: a },
        MethodRanking { method: StudyMethod::Topsis, ranks: t.ranks, scores: t.closeness },
    ];
    let winner = |r: &MethodRanking| r.ranks.iter().position(|k| *k == 1);
    let agree_on_winner = rankings.iter().all(|r| winner(r) == winner(&rankings[0]));
    let agree_on_ranking = rankings.iter().all(|r| r.ranks == rankings[0].ranks);

    let scored: Vec<usize> =
        (0..study.criteria.len()).filter(|j| study.criteria[*j].basis == CriterionBasis::Scores).collect();
    let scored_weight: f64 = scored.iter().map(|j| weights[*j]).sum();
    let quality: Vec<Option<f64>> = matrix
        .iter()
        .map(|row| {
            (scored_weight > 0.0).then(|| {
                scored
                    .iter()
                    .map(|j| {
                        let s = row[*j];
                        weights[*j] * if directions[*j] == Direction::Cost { 11.0 - s } else { s }
                    })
                    .sum::<f64>()
                    / scored_weight
            })
        })
        .collect();
    let cost_per_point =
        quality.iter().zip(&costs).map(|(q, c)| q.filter(|q| *q > 0.0).map(|q| c.pv_tco / q)).collect();

    let robustness = if matrix.len() >= 2 {
        let ws = Method::WeightedSum;
        let tv = Method::Topsis(Normalization::Vector);
        let (samples, k, seed) = (settings.samples, settings.concentration, settings.seed);
        Some(Robustness {
            break_even: break_even_weights(ws, &matrix, &weights, &directions).map_err(mcda("criteria"))?,
            weighted_sum: weight_uncertainty(ws, &matrix, &weights, &directions, k, samples, seed)
                .map_err(mcda("criteria"))?,
            topsis: weight_uncertainty(tv, &matrix, &weights, &directions, k, samples, seed)
                .map_err(mcda("criteria"))?,
            reversal_weighted_sum: rank_reversal_on_removal(ws, &matrix, &weights, &directions)
                .map_err(mcda("options"))?,
            reversal_topsis: rank_reversal_on_removal(tv, &matrix, &weights, &directions).map_err(mcda("options"))?,
            reversal_on_copy_weighted_sum: reversal_on_copy(ws, &matrix, &weights, &directions)?,
            reversal_on_copy_topsis: reversal_on_copy(tv, &matrix, &weights, &directions)?,
            settings,
        })
    } else {
        None
    };

    Ok(StudyEvaluation {
        years: horizon.fiscal_years().collect(),
        costs,
        matrix,
        directions,
        weights,
        ahp: ahp_result,
        quality,
        cost_per_point,
        rankings,
        agree_on_winner,
        agree_on_ranking,
        robustness,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use cairn_core::demo_plan;

    #[test]
    fn demo_studies_evaluate() {
        let plan = demo_plan();
        for s in &plan.sourcing_studies {
            let e = evaluate_study(
                s,
                &plan.settings.horizon,
                &own_schedule(s, &plan.settings.horizon).expect("rate"),
                RobustnessSettings { samples: 500, ..Default::default() },
            )
            .expect("evaluates");
            assert_eq!(e.rankings.len(), 3);
            assert!((e.weights.iter().sum::<f64>() - 1.0).abs() < 1e-12);
            if let Some(a) = &e.ahp {
                assert!(a.consistent, "the demo's judgements are consistent: CR {}", a.cr);
            }
            // The demo recommends what its own figures rank first, under every method.
            let chosen = s.options.iter().position(|o| Some(&o.id) == s.chosen.as_ref()).expect("chosen");
            for r in &e.rankings {
                assert_eq!(r.ranks[chosen], 1, "{}: {:?} ranks {:?}", s.name, r.method, r.ranks);
            }
        }
    }

    #[test]
    fn a_copy_never_reorders_the_weighted_sum() {
        // Copying an existing option changes no column's maximum or minimum, so the weighted
        // sum's scores stay the same; TOPSIS's column norms do change.
        let m = vec![vec![7.0, 9.0, 9.0], vec![8.0, 7.0, 8.0], vec![9.0, 6.0, 8.0], vec![6.0, 7.0, 8.0]];
        let w = [0.5, 0.3, 0.2];
        let d = [Direction::Benefit, Direction::Benefit, Direction::Cost];
        assert!(!reversal_on_copy(Method::WeightedSum, &m, &w, &d).expect("wsm"));
        reversal_on_copy(Method::Topsis(Normalization::Vector), &m, &w, &d).expect("topsis");
    }

    #[test]
    fn costs_follow_the_timing_convention() {
        let plan = demo_plan();
        let s = &plan.sourcing_studies[0];
        let horizon = &plan.settings.horizon;
        let c = option_costs(s, horizon, &own_schedule(s, horizon).expect("rate")).expect("costs");
        let o = &s.options[1];
        // Year 1: run + transition; year 5: escalated run + exit.
        assert_eq!(c[1].by_year[0], o.costs.run_per_year + o.costs.transition);
        let growth = Decimal::ONE + o.costs.escalation;
        assert_eq!(c[1].by_year[4], o.costs.run_per_year * growth * growth * growth * growth + o.costs.exit);
        let pv: f64 = c[1].pv_by_year.iter().sum();
        assert!((pv - c[1].pv_tco).abs() < 1e-6);
    }
}

//! Sourcing studies between the domain and the transport: a study and its results as the
//! Sourcing page shows them, and the options and judgements it sends back.

use cairn_core::narrative;
use cairn_core::text::CurrencyFormat;
use cairn_core::{
    CostProfile, CriterionBasis, CriterionDirection, Id, Judgement, Plan, Score, SourcingKind, SourcingOption,
    SourcingStudy, Weighting,
};
use cairn_sourcing::StudyMethod;
use cairn_sourcing::study::StudyEvaluation;
use rust_decimal::Decimal;

use crate::codec::{decimal_text as text, parse_amount, parse_id, parse_number, parse_percent, percent_text};
use crate::sourcing::{criterion_index, study_error};
use crate::sourcing_dto::*;
use crate::{ApiError, SOURCING_CONVENTION};

macro_rules! kinds {
    ($($v:ident),*) => {
        fn kind_from(k: SourcingKindDto) -> SourcingKind {
            match k { $(SourcingKindDto::$v => SourcingKind::$v,)* }
        }
        fn kind_to(k: SourcingKind) -> SourcingKindDto {
            match k { $(SourcingKind::$v => SourcingKindDto::$v,)* }
        }
    };
}
kinds!(InHouse, ManagedService, Saas, Cloud, Hybrid, SharedService, Custom);

pub(crate) fn direction_from(d: DirectionDto) -> CriterionDirection {
    match d {
        DirectionDto::Benefit => CriterionDirection::Benefit,
        DirectionDto::Cost => CriterionDirection::Cost,
    }
}

fn direction_to(d: CriterionDirection) -> DirectionDto {
    match d {
        CriterionDirection::Benefit => DirectionDto::Benefit,
        CriterionDirection::Cost => DirectionDto::Cost,
    }
}

/// A count on the wire.
pub(crate) fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Every sourcing model with its label.
pub(crate) fn kinds() -> Vec<SourcingKindInfoDto> {
    SourcingKind::ALL.iter().map(|k| SourcingKindInfoDto { kind: kind_to(*k), label: k.label().into() }).collect()
}

fn option_input(o: &SourcingOption) -> OptionInputDto {
    OptionInputDto {
        name: o.name.clone(),
        kind: kind_to(o.kind),
        description: o.description.clone(),
        transition: text(o.costs.transition),
        run_per_year: text(o.costs.run_per_year),
        escalation: percent_text(o.costs.escalation),
        exit: text(o.costs.exit),
        headcount_change: text(o.headcount_change),
        contract_years: o.contract_years,
    }
}

/// A study as the Sourcing page edits it.
pub(crate) fn study_dto(plan: &Plan, s: &SourcingStudy) -> StudyDto {
    let effective = cairn_sourcing::study::study_weights(s).ok().map(|(w, _)| w);
    let typed_total: Decimal = s.criteria.iter().map(|c| c.weight).fold(Decimal::ZERO, |a, b| a.saturating_add(b));
    let criteria = s
        .criteria
        .iter()
        .enumerate()
        .map(|(j, c)| CriterionDto {
            id: c.id.to_string(),
            name: c.name.clone(),
            description: c.description.clone(),
            direction: direction_to(c.direction),
            derived_from_cost: c.basis == CriterionBasis::PresentValueTco,
            weight: if typed_total > Decimal::ZERO {
                percent_text((c.weight / typed_total).round_dp(4))
            } else {
                "0".into()
            },
            effective_weight: effective.as_ref().and_then(|w| w.get(j).copied()),
        })
        .collect();
    let options = s
        .options
        .iter()
        .map(|o| OptionDto {
            id: o.id.to_string(),
            input: option_input(o),
            scores: s
                .criteria
                .iter()
                .filter(|c| c.basis == CriterionBasis::Scores)
                .map(|c| {
                    let score = o.score(&c.id);
                    ScoreDto {
                        criterion: c.id.to_string(),
                        value: score.map(|x| text(x.value)).unwrap_or_default(),
                        rationale: score.map(|x| x.rationale.clone()).unwrap_or_default(),
                    }
                })
                .collect(),
        })
        .collect();
    StudyDto {
        id: s.id.to_string(),
        header: StudyHeaderDto {
            name: s.name.clone(),
            service: s.service.clone(),
            description: s.description.clone(),
            discount_rate: percent_text(s.discount_rate),
        },
        weighting: match s.weighting {
            Weighting::Direct => WeightingDto::Direct,
            Weighting::Pairwise => WeightingDto::Pairwise,
        },
        criteria,
        judgements: s
            .judgements
            .iter()
            .map(|j| JudgementDto { more: j.more.to_string(), less: j.less.to_string(), intensity: j.intensity })
            .collect(),
        options,
        chosen: s.chosen.as_ref().map(ToString::to_string),
        parent_chosen: None,
        recommendation: s.recommendation.clone(),
        currency: plan.settings.currency.code().to_owned(),
        years: plan.settings.horizon.fiscal_years().map(|fy| plan.year_label(fy)).collect(),
        kinds: kinds(),
    }
}

/// The AHP analysis of a study's judgements, criteria by id.
pub(crate) fn ahp_dto(s: &SourcingStudy, a: &cairn_sourcing::Ahp) -> AhpDto {
    let id = |one_based: usize| {
        one_based.checked_sub(1).and_then(|k| s.criteria.get(k)).map(|c| c.id.to_string()).unwrap_or_default()
    };
    AhpDto {
        weights: a.weights.clone(),
        lambda_max: a.lambda_max,
        ci: a.ci,
        cr: a.cr,
        consistent: a.consistent,
        most_inconsistent: a.most_inconsistent.as_ref().map(|j| InconsistentJudgementDto {
            row: id(j.row),
            column: id(j.column),
            value: j.value,
            suggested: j.suggested,
        }),
    }
}

/// The amounts of a study's results as the charts' numbers (`cairn_core::to_f64`); an amount
/// without one (no decimal lacks one) refuses the evaluation rather than drawing a wrong point.
fn numbers(values: &[Decimal], at: &str) -> Result<Vec<f64>, ApiError> {
    values.iter().map(|v| cairn_core::to_f64(*v).map_err(|e| ApiError::invalid(at, e.to_string()))).collect()
}

/// The recommendation paragraph drafted from the figures (`cairn_sourcing::recommend`, written
/// by `cairn_core::narrative`), for the CIO to edit.
fn draft(plan: &Plan, s: &SourcingStudy, e: &StudyEvaluation, at: &str) -> Result<String, ApiError> {
    let Some(r) = cairn_sourcing::recommend(s, e).map_err(|err| study_error(err, at))? else {
        return Ok(String::new());
    };
    let h = &plan.settings.horizon;
    let years = format!("{}–{}", plan.year_label(h.first_year), plan.year_label(h.last_year()));
    Ok(narrative::study_recommendation(&r, &years, &CurrencyFormat::of(plan.settings.currency)))
}

/// Everything the results view shows; `at` is the study's path in the plan, for errors.
pub(crate) fn result_dto(
    plan: &Plan,
    s: &SourcingStudy,
    e: &StudyEvaluation,
    at: &str,
) -> Result<StudyResultDto, ApiError> {
    // The radar's profile: each criterion scaled so the best option is 1 and, for a cost, the
    // cheapest or least risky is 1 (min / x), as the weighted sum normalises.
    let profile = |i: usize| -> Vec<f64> {
        (0..e.directions.len())
            .map(|j| {
                let column = e.matrix.iter().map(|r| r[j]);
                let v = e.matrix[i][j];
                match e.directions[j] {
                    cairn_sourcing::Direction::Benefit => {
                        let max = column.fold(0.0, f64::max);
                        if max > 0.0 { v / max } else { 0.0 }
                    }
                    cairn_sourcing::Direction::Cost => {
                        let min = column.fold(f64::INFINITY, f64::min);
                        if v > 0.0 { min / v } else { 0.0 }
                    }
                }
            })
            .collect()
    };
    let options = s
        .options
        .iter()
        .enumerate()
        .map(|(i, o)| {
            Ok(OptionResultDto {
                id: o.id.to_string(),
                name: o.name.clone(),
                kind: o.kind.label().into(),
                costs_by_year: numbers(&e.costs[i].by_year, &format!("{at}.options[{i}].costs"))?,
                pv_by_year: e.costs[i].pv_by_year.clone(),
                tco: text(e.costs[i].tco),
                pv_tco: e.costs[i].pv_tco,
                quality: e.quality[i],
                cost_per_point: e.cost_per_point[i],
                headcount_change: text(o.headcount_change),
                profile: profile(i),
            })
        })
        .collect::<Result<_, ApiError>>()?;
    let rankings = e
        .rankings
        .iter()
        .map(|r| RankingDto {
            method: match r.method {
                StudyMethod::WeightedSum => "weighted_sum",
                StudyMethod::Ahp => "ahp",
                StudyMethod::Topsis => "topsis",
            }
            .into(),
            label: r.method.label().into(),
            scores: r.scores.clone(),
            ranks: r.ranks.iter().map(|k| count(*k)).collect(),
        })
        .collect();
    let winner = e.rankings[0].ranks.iter().position(|k| *k == 1).map(|w| s.options[w].id.to_string());
    let robustness = e.robustness.as_ref().map(|r| RobustnessDto {
        break_even: r
            .break_even
            .iter()
            .map(|b| BreakEvenDto {
                criterion: s.criteria[b.criterion].id.to_string(),
                name: s.criteria[b.criterion].name.clone(),
                current: e.weights[b.criterion],
                weight: b.weight,
                new_winner: b.new_winner.map(|k| s.options[k].name.clone()),
                tie: b.tie,
            })
            .collect(),
        p_first_weighted_sum: r.weighted_sum.p_first.clone(),
        p_first_topsis: r.topsis.p_first.clone(),
        mean_rank_weighted_sum: r.weighted_sum.mean_rank.clone(),
        reversal_weighted_sum: r.reversal_weighted_sum.iter().map(|x| x.reversed).collect(),
        reversal_topsis: r.reversal_topsis.iter().map(|x| x.reversed).collect(),
        reversal_on_copy_weighted_sum: r.reversal_on_copy_weighted_sum,
        reversal_on_copy_topsis: r.reversal_on_copy_topsis,
        samples: count(r.settings.samples),
        concentration: r.settings.concentration,
    });
    Ok(StudyResultDto {
        years: e.years.iter().map(|fy| plan.year_label(*fy)).collect(),
        criteria: s.criteria.iter().map(|c| c.name.clone()).collect(),
        weights: e.weights.clone(),
        options,
        rankings,
        agree_on_winner: e.agree_on_winner,
        agree_on_ranking: e.agree_on_ranking,
        winner: winner.unwrap_or_default(),
        ahp: e.ahp.as_ref().map(|a| ahp_dto(s, a)),
        robustness,
        draft_recommendation: draft(plan, s, e, at)?,
        convention: SOURCING_CONVENTION.into(),
    })
}

/// An option from what the page sent, every field checked; `at` is its path in the plan.
pub(crate) fn option_from(
    input: &OptionInputDto,
    id: Id,
    scores: Vec<Score>,
    at: &str,
) -> Result<SourcingOption, ApiError> {
    let f = |field: &str| format!("{at}.{field}");
    Ok(SourcingOption {
        id,
        name: input.name.trim().to_owned(),
        kind: kind_from(input.kind),
        description: input.description.clone(),
        costs: CostProfile {
            transition: parse_amount(&input.transition, &f("costs.transition"))?,
            run_per_year: parse_amount(&input.run_per_year, &f("costs.run_per_year"))?,
            escalation: if input.escalation.trim().is_empty() {
                Decimal::ZERO
            } else {
                parse_percent(&input.escalation, &f("costs.escalation"))?
            },
            exit: parse_amount(&input.exit, &f("costs.exit"))?,
        },
        headcount_change: if input.headcount_change.trim().is_empty() {
            Decimal::ZERO
        } else {
            parse_number(&input.headcount_change, &f("headcount_change"), "a number of FTE (e.g. -12 or 2.5)")?
        },
        contract_years: input.contract_years,
        scores,
    })
}

/// The pairwise judgements the page sent, equal pairs left out, every criterion checked.
pub(crate) fn judgements_from(s: &SourcingStudy, list: &[JudgementDto]) -> Result<Vec<Judgement>, ApiError> {
    list.iter()
        .enumerate()
        .filter(|(_, j)| j.intensity != 1)
        .map(|(k, j)| {
            let more = parse_id(&j.more, &format!("judgements[{k}].more"))?;
            let less = parse_id(&j.less, &format!("judgements[{k}].less"))?;
            criterion_index(s, more.as_str())?;
            criterion_index(s, less.as_str())?;
            Ok(Judgement { more, less, intensity: j.intensity })
        })
        .collect()
}

//! The recommendation a study's figures support, next to the ranking it follows: the option the
//! weighted sum ranks first, whether AHP and TOPSIS agree, what it costs against the cheapest
//! option, the runner-up, and how robust the win is. The finding is a
//! `cairn_core::narrative::StudyRecommendation`; the narrative drafts it as the paragraph the CIO
//! edits.

use cairn_core::SourcingStudy;
use cairn_core::narrative::{StudyRecommendation, TippingPoint, WinRobustness};

use crate::StudyError;
use crate::study::{StudyEvaluation, float};

/// The recommendation of an evaluated study: the weighted sum's winner with the figures that
/// support or qualify it; `None` when the weighted sum ranks no option first.
pub fn recommend(study: &SourcingStudy, e: &StudyEvaluation) -> Result<Option<StudyRecommendation>, StudyError> {
    let by_rank = |ranks: &[usize], k: usize| ranks.iter().position(|x| *x == k);
    let Some(ws) = e.rankings.first() else { return Ok(None) };
    let Some(w) = by_rank(&ws.ranks, 1) else { return Ok(None) };
    let (Some(option), Some(costs)) = (study.options.get(w), e.costs.get(w)) else { return Ok(None) };
    let disagreement = (!e.agree_on_winner).then(|| {
        e.rankings[1..]
            .iter()
            .filter_map(|r| {
                by_rank(&r.ranks, 1)
                    .filter(|x| *x != w)
                    .map(|x| (study.options[x].name.clone(), r.method.label().to_owned()))
            })
            .collect()
    });
    let cheapest = (0..study.options.len()).min_by(|a, b| e.costs[*a].pv_tco.total_cmp(&e.costs[*b].pv_tco));
    let above_cheapest =
        cheapest.filter(|c| *c != w).map(|c| (costs.pv_tco - e.costs[c].pv_tco, study.options[c].name.clone()));
    let robustness = e.robustness.as_ref().map(|r| {
        let tipping_point = r
            .break_even
            .iter()
            .filter_map(|b| b.weight.zip(b.new_winner).map(|(x, o)| (b, x, o, (x - e.weights[b.criterion]).abs())))
            .min_by(|a, b| a.3.total_cmp(&b.3))
            .map(|(b, x, o, _)| TippingPoint {
                criterion: study.criteria[b.criterion].name.clone(),
                from: e.weights[b.criterion],
                to: x,
                option: study.options[o].name.clone(),
                tie: b.tie,
            });
        WinRobustness { p_first: r.weighted_sum.p_first[w], samples: r.weighted_sum.samples, tipping_point }
    });
    Ok(Some(StudyRecommendation {
        option: option.name.clone(),
        kind: option.kind,
        service: if study.service.is_empty() { study.name.clone() } else { study.service.clone() },
        disagreement,
        pv_tco: costs.pv_tco,
        tco: float(costs.tco, &format!("options[{w}].costs"))?,
        above_cheapest,
        runner_up: by_rank(&ws.ranks, 2).map(|x| study.options[x].name.clone()),
        robustness,
        headcount_change: option.headcount_change,
    }))
}

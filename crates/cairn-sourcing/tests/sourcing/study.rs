//! Whole studies: the weights every method uses sum to 1, a consistent set of judgements has
//! CR 0, and the PV TCO follows the spreadsheet's NPV.

use cairn_core::{Horizon, Id, Judgement, Weighting, demo_plan};
use cairn_sourcing::{RobustnessSettings, evaluate_study, study::study_weights};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn settings() -> RobustnessSettings {
    RobustnessSettings { samples: 200, ..RobustnessSettings::default() }
}

#[test]
fn pv_tco_is_the_spreadsheet_npv() {
    let plan = demo_plan();
    let s = &plan.sourcing_studies[0];
    let e = evaluate_study(
        s,
        &plan.settings.horizon,
        &cairn_sourcing::own_schedule(s, &plan.settings.horizon).expect("rate"),
        settings(),
    )
    .expect("evaluates");
    // In-house: 150,000 + 1,610,000 in FY2027, then 1,610,000 × 1.035^k, at 4 %:
    // =NPV(0.04, 1760000, 1666350, 1724672.25, 1785035.78, 1847512.03) in LibreOffice Calc.
    let flows = [1_760_000.0, 1_666_350.0, 1_724_672.25, 1_785_035.778_75, 1_847_512.031_006_25];
    let npv: f64 = flows.iter().enumerate().map(|(k, v)| v / 1.04f64.powi(k as i32 + 1)).sum();
    assert!((e.costs[0].pv_tco - npv).abs() < 1e-6, "{} vs {npv}", e.costs[0].pv_tco);
    assert_eq!(e.costs[0].tco, "8783570.05975625".parse::<Decimal>().expect("decimal"));
}

#[test]
fn a_missing_score_is_named() {
    let plan = demo_plan();
    let mut s = plan.sourcing_studies[0].clone();
    s.options[2].scores.retain(|x| x.criterion.as_str() != "security");
    let err = evaluate_study(
        &s,
        &plan.settings.horizon,
        &cairn_sourcing::own_schedule(&s, &plan.settings.horizon).expect("rate"),
        settings(),
    )
    .expect_err("missing");
    assert_eq!(err.to_string(), "options[2].scores: Hybrid has no score for \"Security and compliance\"");
}

#[test]
fn all_weight_on_cost_picks_the_cheapest() {
    let plan = demo_plan();
    let mut s = plan.sourcing_studies[0].clone();
    for c in &mut s.criteria {
        c.weight = if c.id.as_str() == "total-cost" { Decimal::ONE } else { Decimal::ZERO };
    }
    let e = evaluate_study(
        &s,
        &plan.settings.horizon,
        &cairn_sourcing::own_schedule(&s, &plan.settings.horizon).expect("rate"),
        settings(),
    )
    .expect("evaluates");
    let cheapest = (0..3).min_by(|a, b| e.costs[*a].pv_tco.total_cmp(&e.costs[*b].pv_tco)).expect("options");
    for r in &e.rankings {
        assert_eq!(r.ranks[cheapest], 1, "{:?}", r.method);
    }
    assert!(e.agree_on_winner);
}

proptest! {
    /// Whatever the typed weights, the weights used sum to 1.
    #[test]
    fn typed_weights_sum_to_one(raw in proptest::collection::vec(0u32..1000, 9)) {
        prop_assume!(raw.iter().any(|w| *w > 0));
        let mut s = demo_plan().sourcing_studies[0].clone();
        for (c, w) in s.criteria.iter_mut().zip(&raw) {
            c.weight = Decimal::new(i64::from(*w), 3);
        }
        let (w, _) = study_weights(&s).expect("weights");
        prop_assert!((w.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        prop_assert!(w.iter().all(|x| *x >= 0.0));
    }

    /// Judgements from priorities that are exact multiples on Saaty's scale are perfectly
    /// consistent: CR 0, and the AHP weights are the priorities normalised.
    #[test]
    fn consistent_judgements_have_cr_zero(p in proptest::collection::vec(1u8..=3, 2..9)) {
        let mut s = demo_plan().sourcing_studies[0].clone();
        s.criteria.truncate(p.len());
        s.weighting = Weighting::Pairwise;
        s.judgements.clear();
        for i in 0..p.len() {
            for j in i + 1..p.len() {
                // Only pairs whose ratio is a whole number are exactly on the scale.
                let (more, less, a, b) = if p[i] >= p[j] { (i, j, p[i], p[j]) } else { (j, i, p[j], p[i]) };
                prop_assume!(a % b == 0);
                if a > b {
                    s.judgements.push(Judgement {
                        more: s.criteria[more].id.clone(),
                        less: s.criteria[less].id.clone(),
                        intensity: a / b,
                    });
                }
            }
        }
        let (w, ahp) = study_weights(&s).expect("weights");
        let ahp = ahp.expect("pairwise");
        prop_assert!(ahp.cr.abs() < 1e-9);
        let total: f64 = p.iter().map(|x| f64::from(*x)).sum();
        for (got, want) in w.iter().zip(&p) {
            prop_assert!((got - f64::from(*want) / total).abs() < 1e-9);
        }
    }

    /// The evaluation's weights sum to 1 and every method ranks each option exactly once.
    #[test]
    fn evaluations_are_well_formed(years in 1u8..=30, rate in 0i64..=20) {
        let plan = demo_plan();
        let mut s = plan.sourcing_studies[1].clone();
        s.discount_rate = Decimal::new(rate, 2);
        let horizon = Horizon { first_year: plan.settings.horizon.first_year, years };
        let e = evaluate_study(&s, &horizon, &cairn_sourcing::own_schedule(&s, &horizon).expect("rate"), settings()).expect("evaluates");
        prop_assert!((e.weights.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        for r in &e.rankings {
            let mut ranks = r.ranks.clone();
            ranks.sort_unstable();
            prop_assert_eq!(ranks, (1..=s.options.len()).collect::<Vec<_>>());
        }
        prop_assert_eq!(e.costs[0].by_year.len(), usize::from(years));
    }
}

#[test]
fn ids_in_judgements_must_exist_for_the_matrix() {
    let mut s = demo_plan().sourcing_studies[1].clone();
    s.judgements.push(Judgement {
        more: Id::new("gone").expect("id"),
        less: Id::new("security").expect("id"),
        intensity: 9,
    });
    // An unknown id is a validation error; the matrix simply has no entry for it.
    let m = cairn_sourcing::study::pairwise_matrix(&s);
    assert_eq!(m.len(), s.criteria.len());
}

/// The demo's service desk study: with all the weight on security, Keep in-house only reaches
/// Hybrid's score (both are best on security); it never overtakes it. The break-even says so.
#[test]
fn a_tie_at_a_break_even_is_reported_as_a_tie() {
    let plan = demo_plan();
    let s = &plan.sourcing_studies[0];
    let e = evaluate_study(
        s,
        &plan.settings.horizon,
        &cairn_sourcing::own_schedule(s, &plan.settings.horizon).expect("rate"),
        settings(),
    )
    .expect("evaluates");
    let r = e.robustness.as_ref().expect("robustness");
    let j = s.criteria.iter().position(|c| c.id.as_str() == "security").expect("security");
    let winner = e.rankings[0].ranks.iter().position(|k| *k == 1).expect("a winner");
    let in_house = s.options.iter().position(|o| o.name == "Keep in-house").expect("in-house");
    assert_eq!(s.options[winner].name, "Hybrid");
    let b = &r.break_even[j];
    assert_eq!(b.new_winner, Some(in_house));
    assert!(b.tie, "Keep in-house ties with Hybrid at {:?}; it never wins", b.weight);
    let at = b.weight.expect("a break-even weight");
    assert!(at > 0.999, "{at}");
    // Below it Hybrid leads alone; at 100 % both score the same.
    let directions: Vec<cairn_sourcing::Direction> = e.directions.clone();
    let score = |w: f64| {
        cairn_sourcing::wsm(&e.matrix, &cairn_sourcing::with_weight(&e.weights, j, w), &directions).expect("wsm").scores
    };
    for k in 0..1000 {
        let w = e.weights[j] + (1.0 - e.weights[j]) * f64::from(k) / 1000.0;
        let x = score(w);
        assert!(x[winner] > x[in_house], "at {w}: {x:?}");
    }
    let x = score(1.0);
    assert!((x[winner] - x[in_house]).abs() < 1e-12, "{x:?}");
    // Every break-even of the study says what its scores show: a tie is equal scores at its
    // weight; a win is the other option ahead just past it (Total cost: Managed service).
    for b in r.break_even.iter().filter(|b| b.weight.is_some()) {
        let (w, other) = (b.weight.expect("weight"), b.new_winner.expect("option"));
        let past = w + (w - e.weights[b.criterion]).signum() * 1e-6;
        let x = cairn_sourcing::wsm(
            &e.matrix,
            &cairn_sourcing::with_weight(&e.weights, b.criterion, past.clamp(0.0, 1.0)),
            &directions,
        )
        .expect("wsm")
        .scores;
        if b.tie {
            assert!((x[other] - x[winner]).abs() < 1e-6, "criterion {}: {x:?}", b.criterion);
        } else {
            assert!(x[other] > x[winner], "criterion {}: {x:?}", b.criterion);
        }
    }
    assert!(r.break_even.iter().any(|b| b.weight.is_some() && !b.tie));
}

//! Sourcing benchmarks: a study of 10 options × 12 criteria. The robustness analysis with
//! 10,000 Dirichlet samples must take under 50 ms (issue #5); the whole evaluation (costs,
//! three methods, break-even weights, 10,000 samples under both the weighted sum and TOPSIS,
//! rank reversal) is measured too.
//!
//! Measured on the 2-core development machine, shared with two other builds (criterion means):
//! robustness with 10,000 samples 10.8 ms; the whole evaluation 40.9 ms.

use std::hint::black_box;

use cairn_core::{
    CostProfile, Criterion as StudyCriterion, CriterionBasis, CriterionDirection, FiscalYear, Horizon, Id, Score,
    SourcingKind, SourcingOption, SourcingStudy, Weighting,
};
use cairn_sourcing::study::pairwise_matrix;
use cairn_sourcing::{Method, RobustnessSettings, evaluate_study, weight_uncertainty};
use criterion::{Criterion, criterion_group, criterion_main};
use rust_decimal::Decimal;

fn study() -> SourcingStudy {
    let id = |s: String| Id::new(s).unwrap_or_else(|e| panic!("{e}"));
    let criteria: Vec<StudyCriterion> = (0..12)
        .map(|j| StudyCriterion {
            id: id(format!("c{j}")),
            name: format!("Criterion {j}"),
            description: String::new(),
            direction: if j % 4 == 3 { CriterionDirection::Cost } else { CriterionDirection::Benefit },
            basis: if j == 0 { CriterionBasis::PresentValueTco } else { CriterionBasis::Scores },
            weight: Decimal::new(5 + (j * 7) % 11, 2),
        })
        .collect();
    let criteria: Vec<StudyCriterion> = criteria
        .into_iter()
        .map(|mut c| {
            if c.basis == CriterionBasis::PresentValueTco {
                c.direction = CriterionDirection::Cost;
            }
            c
        })
        .collect();
    let options = (0..10i64)
        .map(|i| SourcingOption {
            id: id(format!("o{i}")),
            name: format!("Option {i}"),
            kind: SourcingKind::ALL[(i % 7) as usize],
            description: String::new(),
            costs: CostProfile {
                transition: Decimal::from(100_000 + 37_000 * i),
                run_per_year: Decimal::from(1_000_000 + 53_000 * ((i * 7) % 10)),
                escalation: Decimal::new(2 + i % 3, 2),
                exit: Decimal::from(20_000 * i),
            },
            headcount_change: Decimal::from(-i),
            contract_years: Some(5),
            scores: criteria
                .iter()
                .skip(1)
                .enumerate()
                .map(|(j, c)| Score {
                    criterion: c.id.clone(),
                    value: Decimal::from(1 + (i as usize * 3 + j * 5) % 10),
                    rationale: String::new(),
                })
                .collect(),
        })
        .collect();
    SourcingStudy {
        id: id("bench".into()),
        name: "Bench".into(),
        service: String::new(),
        description: String::new(),
        discount_rate: Decimal::new(4, 2),
        rate_reason: None,
        prices: cairn_core::PriceBasis::Nominal,
        weighting: Weighting::Direct,
        criteria,
        judgements: Vec::new(),
        options,
        chosen: None,
        recommendation: String::new(),
    }
}

fn benches(c: &mut Criterion) {
    let s = study();
    let horizon = Horizon { first_year: FiscalYear(2027), years: 5 };
    let settings = RobustnessSettings::default();
    let rate = cairn_sourcing::own_schedule(&s, &horizon).unwrap_or_else(|e| panic!("{e}"));
    let e = evaluate_study(&s, &horizon, &rate, settings).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(pairwise_matrix(&s).len(), 12);
    c.bench_function("robustness: 10 options x 12 criteria, 10,000 samples (weighted sum)", |b| {
        b.iter(|| {
            weight_uncertainty(Method::WeightedSum, &e.matrix, &e.weights, &e.directions, 50.0, 10_000, 7)
                .unwrap_or_else(|e| panic!("{e}"))
        })
    });
    c.bench_function("evaluate study: 10 x 12, 10,000 samples, both methods", |b| {
        b.iter(|| evaluate_study(black_box(&s), &horizon, &rate, settings).unwrap_or_else(|e| panic!("{e}")))
    });
}

criterion_group! {
    name = group;
    config = Criterion::default().sample_size(20);
    targets = benches
}
criterion_main!(group);

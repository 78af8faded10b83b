//! Schedule risk benchmarks: 10,000 runs over 1,000 initiatives with ~2,000 dependencies (target
//! < 300 ms on 2 cores), and over 10,000 initiatives with ~20,000 dependencies; joint cost and
//! schedule confidence over the same plans.

#![allow(missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn bench(c: &mut Criterion, initiatives: usize, samples: usize) {
    // Each initiative depends on two earlier ones of its programme where it can (`synthetic_plan`).
    let plan = cairn_core::synthetic_plan("bench", initiatives);
    let dependencies: usize = plan.initiatives.iter().map(|x| x.dependencies.len()).sum();
    assert!(dependencies >= initiatives * 2 - 25, "{dependencies} dependencies");
    let options = cairn_risk::Options { runs: 10_000, seed: cairn_risk::DEFAULT_SEED };
    let mut group = c.benchmark_group("schedule risk");
    group.sample_size(samples);
    group.bench_function(format!("10,000 runs, {initiatives} initiatives, {dependencies} dependencies"), |b| {
        b.iter(|| cairn_risk::simulate(black_box(&plan), options, &cairn_risk::NoDelays).expect("simulate"))
    });
    group.finish();
}

fn schedule_risk(c: &mut Criterion) {
    bench(c, 1_000, 20);
    bench(c, 10_000, 10);
}

/// Joint cost and schedule confidence: the same runs with every initiative's spend moved by its
/// slip and the fiscal years tallied.
fn joint(c: &mut Criterion, initiatives: usize, samples: usize) {
    let plan = cairn_core::synthetic_plan("bench", initiatives);
    let options = cairn_risk::Options { runs: 10_000, seed: cairn_risk::DEFAULT_SEED };
    let mut group = c.benchmark_group("joint confidence");
    group.sample_size(samples);
    group.bench_function(format!("10,000 runs, {initiatives} initiatives"), |b| {
        b.iter(|| cairn_risk::portfolio_confidence(black_box(&plan), options).expect("joint"))
    });
    group.finish();
}

fn joint_confidence(c: &mut Criterion) {
    joint(c, 1_000, 10);
    joint(c, 10_000, 10);
}

criterion_group!(benches, schedule_risk, joint_confidence);
criterion_main!(benches);

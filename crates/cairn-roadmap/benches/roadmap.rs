//! Roadmap engine benchmarks: schedule and rollups of 5,000 initiatives with ~10,000 dependencies
//! (target < 20 ms).

#![allow(missing_docs)]

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn schedule_and_rollups(c: &mut Criterion) {
    // 5,000 initiatives, each depending on two earlier ones where it can: 9,980 dependencies.
    let plan = cairn_core::synthetic_plan("bench", 5_000);
    let dependencies: usize = plan.initiatives.iter().map(|x| x.dependencies.len()).sum();
    assert!(dependencies >= 9_900, "{dependencies} dependencies");
    c.bench_function("schedule + budget + capacity, 5,000 initiatives and ~10,000 dependencies", |b| {
        b.iter(|| {
            let s = cairn_roadmap::schedule(black_box(&plan)).expect("schedule");
            let budget = cairn_roadmap::budget(&plan).expect("budget");
            let capacity = cairn_roadmap::capacity(&plan).expect("capacity");
            black_box((s, budget, capacity))
        })
    });
}

criterion_group!(benches, schedule_and_rollups);
criterion_main!(benches);

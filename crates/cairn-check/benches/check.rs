//! Plan-health check benchmarks: every check over `cairn_core::random_plan` of 1,000, 5,000 and
//! 10,000 initiatives (target at 5,000: < 20 ms), the derived data (schedule, rollups, case
//! lines) included, as a caller pays it.

#![allow(missing_docs)]

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::hint::black_box;

fn checks(c: &mut Criterion) {
    let mut group = c.benchmark_group("plan health checks");
    for n in [1_000, 5_000, 10_000] {
        let plan = cairn_core::random_plan("bench", n, 7);
        group.bench_with_input(BenchmarkId::new("random_plan", n), &plan, |b, plan| {
            b.iter(|| black_box(cairn_check::check(black_box(plan)).expect("checks run")))
        });
    }
    group.finish();
}

criterion_group!(benches, checks);
criterion_main!(benches);

//! Financial function benchmarks: IRR of 10 flows (target < 2 µs), NPV, XIRR, and irr_all (every
//! IRR, which the app runs once per displayed case).

use std::hint::black_box;

use cairn_finance::{irr, irr_all, npv, xirr};
use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};

fn benches(c: &mut Criterion) {
    let flows = [
        -1_000_000.0,
        120_000.0,
        150_000.0,
        180_000.0,
        200_000.0,
        210_000.0,
        220_000.0,
        230_000.0,
        240_000.0,
        250_000.0,
    ];
    c.bench_function("IRR of 10 flows", |b| b.iter(|| irr(black_box(&flows), None)));
    c.bench_function("irr_all of 10 flows", |b| b.iter(|| irr_all(black_box(&flows))));
    let two_roots = [-1600.0, 10000.0, -10000.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];
    c.bench_function("irr_all of 10 flows with two IRRs", |b| b.iter(|| irr_all(black_box(&two_roots))));
    c.bench_function("NPV of 10 flows", |b| b.iter(|| npv(black_box(0.07), black_box(&flows))));
    let dates: Vec<NaiveDate> =
        (0..10).map(|i| NaiveDate::from_ymd_opt(2027 + i, 7, 1).unwrap_or(NaiveDate::MIN)).collect();
    c.bench_function("XIRR of 10 dated flows", |b| b.iter(|| xirr(black_box(&flows), black_box(&dates), None)));
}

criterion_group!(finance, benches);
criterion_main!(finance);

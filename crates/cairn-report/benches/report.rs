//! Board-pack benchmarks, from plan to PDF bytes (cases evaluated, tornado, a 10,000-run Monte
//! Carlo per uncertain case, layout, font subsetting): the demo plan (target < 0.5 s, < 2 MB),
//! the demo's 16:9 deck (`board_pack/deck`, target < 0.1 s) and a plan with 100 initiatives and
//! 10 business cases (target < 2 s).

use std::hint::black_box;
use std::time::Duration;

use cairn_api::{ReportOptions, build_report, report_input};
use cairn_core::{Id, Plan, demo_plan, synthetic_plan};
use cairn_report::{Layout, render_deck};
use criterion::{Criterion, criterion_group, criterion_main};

fn options() -> ReportOptions {
    ReportOptions::new(chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap_or_default())
}

/// The synthetic plan's 100 initiatives and the demo's business cases copied to ten.
fn large_plan() -> Plan {
    let mut plan = synthetic_plan("bench", 100);
    let demo = demo_plan().business_cases;
    plan.business_cases = (0..10)
        .map(|i| {
            let mut c = demo[i % demo.len()].clone();
            c.id = Id::new(format!("case-{i}")).unwrap_or_else(|e| panic!("{e}"));
            c.name = format!("{} {}", c.name, i + 1);
            c
        })
        .collect();
    plan
}

fn bench(c: &mut Criterion) {
    let demo = demo_plan();
    let large = large_plan();
    let o = options();
    for (name, plan) in [("demo", &demo), ("large", &large)] {
        let size = build_report(plan, &o).map(|b| b.len()).unwrap_or(0);
        eprintln!("{name} pack: {size} bytes");
    }
    let mut g = c.benchmark_group("board_pack");
    g.sample_size(10).measurement_time(Duration::from_secs(8));
    g.bench_function("demo", |b| b.iter(|| build_report(black_box(&demo), &o)));
    // The 16:9 deck of the demo, from plan to PDF bytes (the same input as the pack's).
    let mut deck = o.clone();
    deck.layout = Layout::Deck;
    g.bench_function("deck", |b| b.iter(|| build_report(black_box(&demo), &deck)));
    // The deck's own share: laying out and saving the slides from an input built once (building
    // the input evaluates the cases, their tornado and a 10,000-run Monte Carlo each).
    if let Ok(input) = report_input(&demo, &deck) {
        g.bench_function("deck_layout", |b| b.iter(|| render_deck(black_box(&input))));
    }
    g.bench_function("100_initiatives_10_cases", |b| b.iter(|| build_report(black_box(&large), &o)));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

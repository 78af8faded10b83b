//! Store benchmarks against the targets of the foundation issue, on a 5,000-initiative plan:
//! loading a data directory < 50 ms, one durable edit < 5 ms (median), importing the plan's
//! file < 200 ms.

use std::hint::black_box;

use cairn_core::{read_plan_file, synthetic_plan, write_plan_file};
use cairn_store::Store;
use chrono::DateTime;
use criterion::{Criterion, criterion_group, criterion_main};

const ITEMS: usize = 5_000;

fn benches(c: &mut Criterion) {
    let now = DateTime::UNIX_EPOCH;
    let plan = synthetic_plan("big", ITEMS);
    let file_text = write_plan_file(&plan, now);

    let dir = tempfile::tempdir().expect("tmp");
    {
        let (store, _) = Store::open(dir.path(), now).expect("open");
        store.create(&plan, "Add", now).expect("create");
    }
    c.bench_function("load data directory with a 5,000-item plan", |b| {
        b.iter(|| {
            let (store, _) = Store::open(dir.path(), now).expect("open");
            let summaries = store.plans().expect("plans");
            black_box(store.load(&summaries[0].id).expect("load"));
        })
    });

    let (store, _) = Store::open(dir.path(), now).expect("open");
    let mut edited = (*store.load("big").expect("load")).clone();
    let mut n = 0usize;
    // The edited copy is made in the untimed setup: what is timed is diffing against the
    // stored plan, the transaction with its history entry, and the flush to disk.
    c.bench_function("one durable edit of a 5,000-item plan", |b| {
        b.iter_batched(
            || {
                n += 1;
                edited.initiative_mut((n * 7) % ITEMS).name = format!("Edited {n}");
                edited.clone()
            },
            |plan| store.save(plan, "Rename an initiative", now).expect("save"),
            criterion::BatchSize::LargeInput,
        )
    });
    drop(store);

    let mut group = c.benchmark_group("import");
    group.sample_size(20);
    group.bench_function("import the 5,000-item plan file", |b| {
        b.iter_with_setup(
            || {
                let dir = tempfile::tempdir().expect("tmp");
                let (store, _) = Store::open(dir.path(), now).expect("open");
                (dir, store)
            },
            |(dir, store)| {
                let file = read_plan_file(&file_text).expect("valid");
                store.create(&file.plan, "Import", now).expect("create");
                (dir, store)
            },
        )
    });
    group.finish();
}

criterion_group!(store, benches);
criterion_main!(store);

//! End-to-end benchmarks: what a user waits for, through the API the app and the CLI call, on
//! random plans (`cairn_core::random_plan`: N initiatives, about 2N dependencies, scenarios) of
//! 1,000 and 10,000 initiatives. Issue 15's targets at 10,000: importing a plan file < 400 ms,
//! its schedule as JSON < 150 ms, one edit (validation included) < 20 ms, opening the plan in
//! the app < 300 ms; and 10,000 / 1,000 at most 12 for each, or the path is not linear.
//!
//! `cargo bench -p cairn-api --bench end_to_end` (about two minutes); one path:
//! `cargo bench -p cairn-api --bench end_to_end -- open/10000`.

#![allow(missing_docs)]

use std::hint::black_box;
use std::path::Path;
use std::time::{Duration, Instant};

use cairn_api::{Cairn, OpenOptions};
use chrono::{DateTime, Utc};
use criterion::{BatchSize, BenchmarkId, Criterion, criterion_group, criterion_main};

const SIZES: [usize; 2] = [1_000, 10_000];

fn now() -> DateTime<Utc> {
    DateTime::UNIX_EPOCH
}

fn open(dir: &Path) -> Cairn {
    Cairn::open(dir, OpenOptions { seed_demo: false }, now()).expect("open").0
}

fn plan_id(n: usize) -> String {
    format!("random-{n}")
}

/// A plan file of `n` initiatives on disk, and a data directory holding that plan.
struct Fixture {
    _files: tempfile::TempDir,
    file: std::path::PathBuf,
    data: tempfile::TempDir,
}

fn fixture(n: usize) -> Fixture {
    let files = tempfile::tempdir().expect("tmp");
    let file = files.path().join(format!("random-{n}.cairn.json"));
    let plan = cairn_core::random_plan(&plan_id(n), n, 1);
    std::fs::write(&file, cairn_core::write_plan_file(&plan, now())).expect("write the plan file");
    let data = tempfile::tempdir().expect("tmp");
    let cairn = open(data.path());
    cairn.import_plan_file(&file, now()).expect("import");
    drop(cairn);
    Fixture { _files: files, file, data }
}

/// Settings for a size: few samples for the large plans, so the whole run stays short.
fn group_for<'a>(
    c: &'a mut Criterion,
    name: &str,
    n: usize,
) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut group = c.benchmark_group(name);
    if n >= 10_000 {
        group.sample_size(10).measurement_time(Duration::from_secs(5)).warm_up_time(Duration::from_secs(1));
    } else {
        group.sample_size(20).measurement_time(Duration::from_secs(3)).warm_up_time(Duration::from_secs(1));
    }
    group
}

fn end_to_end(c: &mut Criterion) {
    for n in SIZES {
        let f = fixture(n);
        let id = plan_id(n);

        // `cairn import FILE`: open a fresh data directory, read and check the file, store the
        // plan, close (which writes the backup holding it).
        let mut group = group_for(c, "import", n);
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let dir = tempfile::tempdir().expect("tmp");
                    let started = Instant::now();
                    let cairn = open(dir.path());
                    black_box(cairn.import_plan_file(&f.file, now()).expect("import"));
                    drop(cairn);
                    total += started.elapsed();
                }
                total
            })
        });
        group.finish();

        // Opening the plan in the app: the calls the app makes at start (src/lib/session's
        // `start`, the Roadmap page and the scenario switcher) on a data directory opened cold,
        // each answer serialised as the app receives it.
        let mut group = group_for(c, "open", n);
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let started = Instant::now();
                    let cairn = open(f.data.path());
                    let json = |v: &dyn erased::Json| black_box(v.json().len());
                    json(&cairn.list_plans().expect("plans"));
                    json(&cairn.get_plan(&id).expect("plan"));
                    json(&cairn.history().expect("history"));
                    json(&cairn_api::currencies());
                    json(&cairn.list_scenarios(&id).expect("scenarios"));
                    json(&cairn.roadmap(&id, None, None).expect("roadmap"));
                    total += started.elapsed();
                    drop(cairn);
                }
                total
            })
        });
        group.finish();

        // One edit through the API: load, change, validate the whole plan, store durably with its
        // undo entry. `rename` is an edit of the plan; `initiative` is the side panel's save of one
        // initiative, which also returns the roadmap view the page redraws.
        let cairn = open(f.data.path());
        let mut group = group_for(c, "edit", n);
        let mut k = 0u64;
        group.bench_function(BenchmarkId::new("rename", n), |b| {
            b.iter(|| {
                k += 1;
                black_box(cairn.rename_plan(&id, &format!("Renamed {k}"), now()).expect("rename"))
            })
        });
        let middle = cairn.roadmap(&id, None, None).expect("roadmap").items[n / 2].id.clone();
        let input = cairn.initiative(&id, None, &middle).expect("initiative").input;
        group.bench_function(BenchmarkId::new("initiative", n), |b| {
            b.iter_batched(
                || {
                    k += 1;
                    let mut edited = input.clone();
                    edited.name = format!("Edited {k}");
                    edited
                },
                |edited| black_box(cairn.save_initiative(&id, None, &edited, now()).expect("save")),
                BatchSize::SmallInput,
            )
        });
        // A drop on the timeline: the initiative in the middle moved a month later and back, its
        // dependents following, stored as one undoable step; the answer is what changed.
        let mut later = true;
        group.bench_function(BenchmarkId::new("move", n), |b| {
            b.iter(|| {
                let (start, end) = if later { ("2027-08", "2028-07") } else { ("2027-07", "2028-06") };
                later = !later;
                black_box(cairn.move_initiative(&id, None, &middle, start, end, now()).expect("move"))
            })
        });
        group.finish();
        drop(cairn);

        // `cairn roadmap schedule FILE --format json`, as the CLI runs it: read and check the plan
        // file, schedule it through the API, write the JSON it prints.
        let mut group = group_for(c, "schedule_json", n);
        group.bench_function(BenchmarkId::from_parameter(n), |b| {
            b.iter(|| {
                let plan = cairn_api::read_plan_at(&f.file).expect("read").plan;
                let schedule = cairn_api::roadmap_schedule(&plan).expect("schedule");
                black_box(serde_json::to_string_pretty(&schedule).expect("json").len())
            })
        });
        group.finish();
    }
}

/// Serialising any answer as the app's transport does.
mod erased {
    pub trait Json {
        fn json(&self) -> String;
    }

    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> String {
            serde_json::to_string(self).unwrap_or_default()
        }
    }
}

criterion_group!(benches, end_to_end);
criterion_main!(benches);

//! Comparing 4 scenarios of a 1,000-initiative plan, against the scenario issue's target of
//! under 100 ms: resolving each variant, its budget rollup, schedule and business cases, and the
//! differences from the first.

use std::hint::black_box;

use cairn_core::{Id, Override, Scenario, synthetic_plan};
use criterion::{Criterion, criterion_group, criterion_main};

fn id(text: &str) -> Id {
    Id::new(text).expect("id")
}

fn benches(c: &mut Criterion) {
    let mut plan = synthetic_plan("big", 1_000);
    // Three scenarios, each moving or leaving out a tenth of the initiatives; the third varies
    // the second, so its overrides stack.
    for (k, parent) in [(1usize, None), (2, None), (3, Some("s2"))] {
        let overrides = plan
            .initiatives
            .iter()
            .enumerate()
            .filter(|(n, _)| n % 10 == k)
            .map(|(n, x)| {
                if n % 20 == k {
                    Override::InitiativeIncluded { initiative: x.id.clone(), included: false }
                } else {
                    Override::InitiativeDates {
                        initiative: x.id.clone(),
                        start: x.start.add_months(6).expect("month"),
                        end: x.end.add_months(6).expect("month"),
                    }
                }
            })
            .collect();
        plan.scenarios.push(Scenario {
            id: id(&format!("s{k}")),
            name: format!("Scenario {k}"),
            description: String::new(),
            parent: parent.map(id),
            overrides,
        });
    }
    assert!(cairn_core::validate(&plan).is_empty(), "the bench plan is valid");
    c.bench_function("compare 4 scenarios of a 1,000-initiative plan", |b| {
        b.iter(|| black_box(cairn_scenario::compare(&plan, &["plan", "s1", "s2", "s3"]).expect("compare")))
    });
}

criterion_group!(compare, benches);
criterion_main!(compare);

//! Schedule risk: collapsed ranges reproduce `roadmap schedule` exactly, the same seed gives the
//! same figures on any number of threads, delays are added, and properties hold on random plans.

use cairn_core::{DurationRange, DurationSpread, Plan, YearMonth, demo_plan, random_plan, synthetic_plan};
use cairn_risk::{ChaCha8Rng, Delays, NoDelays, Options, RiskError, ScheduleRisk, simulate};
use proptest::prelude::*;

/// Every initiative's range collapsed to its planned duration: each run is the plan's schedule.
fn collapsed(mut plan: Plan) -> Plan {
    for k in 0..plan.initiatives.len() {
        let x = plan.initiative_mut(k);
        let months = u32::try_from(x.months()).expect("months");
        x.duration_range =
            Some(DurationRange { optimistic_months: months, most_likely_months: None, pessimistic_months: months });
    }
    plan
}

fn run(plan: &Plan, runs: u32, seed: u64) -> ScheduleRisk {
    simulate(plan, Options { runs, seed }, &NoDelays).expect("simulate")
}

/// With every range collapsed, every run is `roadmap schedule`: each initiative's P50, P80 and
/// P90 finish is its early finish, it is critical in every run or none exactly as the schedule
/// says, the roadmap finishes when the schedule does, and each milestone keeps its offset from
/// its initiative's early start.
fn check_matches_schedule(what: &str, plan: &Plan) {
    let s = cairn_roadmap::schedule(plan).expect("schedule");
    let risk = run(plan, 40, 3);
    assert_eq!(risk.initiatives.len(), s.rows.len(), "{what}");
    for (r, row) in risk.initiatives.iter().zip(&s.rows) {
        assert_eq!(r.id, row.id, "{what}");
        let f = r.finish;
        assert_eq!((f.p50, f.p80, f.p90), (row.early_finish, row.early_finish, row.early_finish), "{what}: {}", r.id);
        assert_eq!(r.criticality, if row.critical { 1.0 } else { 0.0 }, "{what}: {}", r.id);
    }
    let finish = risk.finish.expect("a finish");
    assert_eq!(Some(finish.p50), s.finish, "{what}");
    assert_eq!(Some(finish.p90), s.finish, "{what}");
    assert_eq!(risk.s_curve.len(), 1, "{what}: one month holds every run");
    assert_eq!(risk.s_curve[0].probability, 1.0, "{what}");
    let mut milestones = risk.milestones.iter();
    for (x, row) in plan.initiatives.iter().zip(&s.rows) {
        let slip = x.start.months_until(row.early_start);
        for m in &x.milestones {
            let r = milestones.next().expect("every milestone");
            assert_eq!((&r.initiative, &r.name), (&x.id, &m.name), "{what}");
            let want = m.month.add_months(slip).expect("month");
            assert_eq!((r.month.p50, r.month.p90), (want, want), "{what}: {} {}", x.id, m.name);
        }
    }
    assert!(milestones.next().is_none(), "{what}");
}

#[test]
fn collapsed_ranges_reproduce_the_roadmap_schedule() {
    check_matches_schedule("the demo", &collapsed(demo_plan()));
    check_matches_schedule("synthetic, 300", &collapsed(synthetic_plan("s", 300)));
    check_matches_schedule("random, 300", &collapsed(random_plan("r", 300, 11)));
    // A plan-wide spread of nothing collapses every range too.
    let mut plan = random_plan("r", 200, 5);
    plan.settings.roadmap.duration_spread = DurationSpread { below_percent: 0, above_percent: 0 };
    check_matches_schedule("random, no spread", &plan);
}

#[test]
fn the_same_seed_gives_the_same_figures_on_any_number_of_threads() {
    let plan = random_plan("r", 150, 2);
    let on = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("pool");
        pool.install(|| run(&plan, 1_500, 99))
    };
    let one = on(1);
    assert_eq!(one, on(3), "3 threads");
    assert_eq!(one, on(4), "4 threads");
    assert_eq!(one, run(&plan, 1_500, 99), "the global pool");
    assert_ne!(one, run(&plan, 1_500, 100), "another seed draws other durations");
    let finish = one.finish.expect("finish");
    assert!(finish.p50 < finish.p90, "the default spread spreads the finish: {finish:?}");
}

/// Two months more for initiative 0 in every run, and in odd runs one more for initiative 1
/// when the run's stream says so: a risk register's delays, simplified.
struct Late;

impl Delays for Late {
    fn draw(&self, run: u64, rng: &mut ChaCha8Rng, extra: &mut [i32]) {
        extra[0] = 2;
        if run % 2 == 1 && rand_chacha::rand_core::RngCore::next_u32(rng).is_multiple_of(2) {
            extra[1] = 1;
        }
    }
}

#[test]
fn delays_lengthen_the_initiatives_they_hit() {
    let plan = collapsed(demo_plan());
    let delayed = simulate(&plan, Options { runs: 20, seed: 1 }, &Late).expect("simulate");
    // The same plan with initiative 0 two months longer, scheduled once.
    let mut longer = plan.clone();
    let x = longer.initiative_mut(0);
    x.end = x.end.add_months(2).expect("end");
    x.duration_range = None;
    let months = u32::try_from(x.months()).expect("months");
    x.duration_range =
        Some(DurationRange { optimistic_months: months, most_likely_months: None, pessimistic_months: months });
    let s = cairn_roadmap::schedule(&longer).expect("schedule");
    assert_eq!(delayed.initiatives[0].finish.p90, s.rows[0].early_finish);
    // Initiative 1 is a month later in some runs only: at P90, not at P50 (about half the odd runs).
    let plain = run(&plan, 20, 1);
    let (p, d) = (plain.initiatives[1].finish, delayed.initiatives[1].finish);
    assert!(d.p90 >= p.p90 && d.p50 >= p.p50, "{p:?} {d:?}");
    assert_eq!(delayed, simulate(&plan, Options { runs: 20, seed: 1 }, &Late).expect("again"), "seeded");
}

#[test]
fn bad_runs_and_cycles_are_refused_by_name() {
    let plan = demo_plan();
    let err = simulate(&plan, Options { runs: 0, seed: 1 }, &NoDelays).expect_err("no runs");
    assert_eq!(err.to_string(), "runs must be from 1 to 1000000, not 0");
    let mut cyclic = demo_plan();
    let (a, b) = (cyclic.initiatives[0].id.clone(), cyclic.initiatives[1].id.clone());
    let fs = cairn_core::DependencyKind::FinishToStart;
    cyclic.initiative_mut(0).dependencies.push(cairn_core::Dependency { on: b, kind: fs, lag_months: 0 });
    cyclic.initiative_mut(1).dependencies.push(cairn_core::Dependency { on: a, kind: fs, lag_months: 0 });
    match simulate(&cyclic, Options { runs: 5, seed: 1 }, &NoDelays) {
        Err(RiskError::Roadmap(e)) => assert!(e.to_string().starts_with("the dependencies form a cycle"), "{e}"),
        other => panic!("a cycle is refused: {other:?}"),
    }
    let empty = Plan { initiatives: Vec::new(), ..demo_plan() };
    let risk = run(&empty, 10, 1);
    assert_eq!((risk.finish, risk.initiatives.len(), risk.s_curve.len()), (None, 0, 0));
}

fn month_of(m: YearMonth) -> i32 {
    m.index()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]
    /// On random plans and spreads: P50 ≤ P80 ≤ P90, criticality within [0, 1], the S-curve
    /// rising to 1, and with nothing below the planned durations, no finish before the
    /// deterministic schedule's.
    #[test]
    fn percentiles_are_ordered_and_nothing_finishes_before_the_plan(
        size in 1usize..60, seed in 0u64..1_000, above in 0u32..200, runs in 1u32..300,
    ) {
        let mut plan = random_plan("p", size, seed);
        plan.settings.roadmap.duration_spread = DurationSpread { below_percent: 0, above_percent: above };
        let s = cairn_roadmap::schedule(&plan).expect("schedule");
        let risk = run(&plan, runs, seed);
        for (r, row) in risk.initiatives.iter().zip(&s.rows) {
            prop_assert!(r.finish.p50 <= r.finish.p80 && r.finish.p80 <= r.finish.p90);
            prop_assert!((0.0..=1.0).contains(&r.criticality));
            prop_assert!(r.finish.p50 >= row.early_finish, "{} before {}", r.finish.p50, row.early_finish);
        }
        for m in &risk.milestones {
            prop_assert!(m.month.p50 <= m.month.p80 && m.month.p80 <= m.month.p90);
        }
        let finish = risk.finish.expect("finish");
        prop_assert!(finish.p50 <= finish.p80 && finish.p80 <= finish.p90);
        let first = risk.s_curve.first().expect("a curve");
        prop_assert!(Some(first.month) >= s.finish);
        prop_assert_eq!(risk.s_curve.last().map(|p| p.probability), Some(1.0));
        for w in risk.s_curve.windows(2) {
            prop_assert!(w[0].probability <= w[1].probability);
            prop_assert_eq!(month_of(w[1].month), month_of(w[0].month) + 1);
        }
        // The roadmap's P90 is the P90 of the curve: the first month with 90 % of runs.
        let p90 = risk.s_curve.iter().find(|p| p.probability * f64::from(runs) >= (0.9 * f64::from(runs)).ceil() - 1e-9);
        prop_assert_eq!(p90.map(|p| p.month), Some(finish.p90));
    }
}

/// A register risk of the demo's, open, certain, with a delay of exactly `months` on `initiative`.
fn delay_risk(plan: &Plan, initiative: &str, months: i64) -> cairn_core::Risk {
    use cairn_core::{DelayImpact, Id, RiskLinks, RiskStatus, ThreePoint};
    let mut r = plan.risks[0].clone();
    let id = Id::new(initiative).expect("id");
    r.status = RiskStatus::Open;
    r.links = RiskLinks { initiatives: vec![id.clone()], ..RiskLinks::default() };
    r.probability = Some(rust_decimal::Decimal::from(100));
    let m = rust_decimal::Decimal::from(months);
    r.delay = Some(DelayImpact { initiative: id, months: ThreePoint { min: m, most_likely: m, max: m } });
    r.cost = None;
    r.benefit = None;
    r
}

/// A certain register delay of k months on an initiative: with every range collapsed, every run
/// is the schedule of the plan with that initiative k months longer (P50 = P90 = that schedule's
/// finish for every initiative): the initiative and what hangs on it finish k months later.
#[test]
fn a_certain_register_delay_moves_the_initiative_and_its_dependents() {
    let mut plan = collapsed(demo_plan());
    plan.risks.clear();
    let first = plan.initiatives[0].id.to_string();
    let before = cairn_roadmap::schedule(&plan).expect("schedule");
    plan.risks.push(delay_risk(&demo_plan(), &first, 3));
    let delays = cairn_risk::RegisterRisks::of(&plan).expect("risks");
    let risk = simulate(&plan, Options { runs: 50, seed: 9 }, &delays).expect("simulate");
    let mut longer = plan.clone();
    let x = longer.initiative_mut(0);
    x.end = x.end.add_months(3).expect("end");
    let months = u32::try_from(x.months()).expect("months");
    x.duration_range =
        Some(DurationRange { optimistic_months: months, most_likely_months: None, pessimistic_months: months });
    let s = cairn_roadmap::schedule(&longer).expect("schedule");
    let mut moved = 0;
    for ((r, row), was) in risk.initiatives.iter().zip(&s.rows).zip(&before.rows) {
        assert_eq!((r.finish.p50, r.finish.p90), (row.early_finish, row.early_finish), "{}", r.id);
        moved += usize::from(row.early_finish == was.early_finish.add_months(3).expect("month"));
    }
    assert_eq!(risk.initiatives[0].finish.p50, before.rows[0].early_finish.add_months(3).expect("month"));
    assert!(moved >= 2, "the initiative and at least one dependent move by 3 months");
    // Probability 0 (and a closed risk) draw nothing that counts: the plain figures.
    plan.risks[0].probability = Some(rust_decimal::Decimal::ZERO);
    let none = cairn_risk::RegisterRisks::of(&plan).expect("risks");
    assert!(none.is_empty());
    assert_eq!(simulate(&plan, Options { runs: 50, seed: 9 }, &none).expect("simulate"), run(&plan, 50, 9));
}

/// Joint confidence: with every range collapsed and no risk, every run spends each fiscal year
/// exactly as the budget plans it; a certain cost of 1,000,000 in the horizon's second year adds
/// that much there in every run; and the finish is the schedule risk's own with the register.
#[test]
fn joint_confidence_spends_as_planned_when_nothing_varies() {
    let mut plan = collapsed(demo_plan());
    plan.risks.clear();
    let budget = cairn_roadmap::budget(&plan).expect("budget");
    let r = cairn_risk::portfolio_confidence(&plan, Options { runs: 40, seed: 2 }).expect("joint");
    for (y, b) in r.years.iter().zip(&budget.years) {
        let planned = cairn_core::to_f64(b.total).expect("f64");
        assert!((y.spend.p50 - planned).abs() < 1e-6 && (y.spend.p90 - planned).abs() < 1e-6, "{y:?}");
        assert_eq!(y.prob_breach, b.ceiling.map(|c| if b.total > c { 1.0 } else { 0.0 }));
    }
    let jcl = r.jcl70.expect("jcl");
    assert_eq!((jcl.percentile, jcl.probability), (70, 1.0));
    let mut risk = delay_risk(&demo_plan(), plan.initiatives[0].id.as_str(), 0);
    risk.delay = None;
    let million = rust_decimal::Decimal::from(1_000_000);
    let second = cairn_core::FiscalYear(plan.settings.horizon.first_year.0 + 1);
    risk.cost = Some(cairn_core::CostImpact {
        timing: cairn_core::CostTiming::Year { year: second },
        amount: cairn_core::ThreePoint { min: million, most_likely: million, max: million },
    });
    plan.risks.push(risk);
    let with = cairn_risk::portfolio_confidence(&plan, Options { runs: 40, seed: 2 }).expect("joint");
    assert!((with.years[1].spend.p50 - r.years[1].spend.p50 - 1e6).abs() < 1e-6);
    assert!((with.cost.p90 - r.cost.p90 - 1e6).abs() < 1e-6);
    // Ranges and the demo's register: the finish is the schedule risk's with the register.
    let demo = demo_plan();
    let options = Options { runs: 500, seed: 4 };
    let joint = cairn_risk::portfolio_confidence(&demo, options).expect("joint");
    let delays = cairn_risk::RegisterRisks::of(&demo).expect("risks");
    assert!(!delays.is_empty());
    assert_eq!(joint.finish, simulate(&demo, options, &delays).expect("simulate").finish);
    let jcl = joint.jcl70.expect("jcl");
    assert!(jcl.probability >= 0.7 && jcl.percentile >= 70);
    assert!((joint.joint_probability(jcl.finish, jcl.cost) - jcl.probability).abs() < 1e-12);
}

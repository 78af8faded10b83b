//! The upgraded simulation (issue 18, item 3): draws each year, Iman–Conover correlation, an
//! uncertain discount rate, discrete events, nearest-rank confidence levels and the P80
//! contingency; and that none of it depends on the number of threads.

use cairn_case::{EventInput, Simulation, SimulationResult, SimulationSettings, evaluate};
use cairn_core::{BusinessCase, CaseSimulation, Correlation, Distribution, Draw, Id, LineCategory};
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::{case, dec, line, uncertain, yearly};

fn pct(v: i64) -> Decimal {
    Decimal::from(v)
}

fn run(c: &BusinessCase, events: &[EventInput], iterations: u32, seed: u64) -> SimulationResult {
    let sim = Simulation::with_events(c, &cairn_case::Context::default(), events).expect("prepares");
    sim.run(SimulationSettings { iterations, seed }, &|_, _| true).expect("runs")
}

/// Five years: a build upfront, two running costs and a benefit, each uncertain as given, the
/// running costs drawn as `draw` says.
fn four_lines(draw: Draw, width: i64, build: f64, save: f64) -> BusinessCase {
    use LineCategory::*;
    let tri = |w: i64| Distribution::Triangular { min: pct(100 - w), mode: pct(100), max: pct(100 + w) };
    let mut lines = vec![
        uncertain(line("build", CapexImplementation, &[(None, build)]), tri(width), None),
        uncertain(yearly("run", OpexStaff, 2027, 2031, (save / 4.0).round(), None), tri(width), None),
        uncertain(yearly("subs", OpexLicences, 2027, 2031, (save / 5.0).round(), None), tri(width), None),
        uncertain(yearly("save", BenefitProductivity, 2027, 2031, save, None), tri(width), None),
    ];
    for l in &mut lines[1..3] {
        if let Some(u) = &mut l.uncertainty {
            u.draw = draw;
        }
    }
    case(true, 0.05, lines)
}

fn correlate(c: &mut BusinessCase, lines: &[&str], rho: &str) {
    let n = lines.len();
    let rho: Decimal = rho.parse().expect("decimal");
    c.simulation.correlation = Some(Correlation {
        lines: lines.iter().map(|l| Id::new(*l).expect("id")).collect(),
        matrix: (0..n).map(|i| (0..n).map(|j| if i == j { Decimal::ONE } else { rho }).collect()).collect(),
    });
}

fn certain_cost(name: &str, probability: f64, amount: f64, profile: Vec<f64>) -> EventInput {
    EventInput {
        name: name.into(),
        probability,
        low: amount,
        mode: amount,
        high: amount,
        profile,
        cost: true,
        joins: None,
    }
}

/// Everything new at zero width — each-year draws, a correlation, a rate multiplier of exactly
/// 100 %, an event that never occurs — still reproduces the page's NPV to the last bit, and the
/// P80 contingency is exactly zero.
#[test]
fn nothing_varying_is_the_page_npv_with_every_new_input() {
    let mut c = four_lines(Draw::EachYear, 0, 1_000_000.0, 400_000.0);
    correlate(&mut c, &["run", "subs"], "0.7");
    c.simulation.discount_rate = Some(Distribution::Pert { min: pct(100), mode: pct(100), max: pct(100) });
    let npv = evaluate(&c).expect("evaluates").metrics.npv.value().expect("npv");
    let never = certain_cost("never", 0.0, 50_000.0, vec![0.0, 1.0]);
    let r = run(&c, &[never], 3_000, 11);
    assert!(r.npvs.iter().all(|v| v.to_bits() == npv.to_bits()));
    assert_eq!(r.contingency_p80, 0.0);
    assert_eq!((r.confidence.p10, r.confidence.p90), (npv, npv));
}

/// The same seed gives the same result on a pool of one thread and of four.
#[test]
fn the_result_does_not_depend_on_the_number_of_threads() {
    let mut c = four_lines(Draw::EachYear, 20, 1_000_000.0, 400_000.0);
    correlate(&mut c, &["run", "subs"], "0.6");
    c.simulation.discount_rate = Some(Distribution::Uniform { min: pct(70), max: pct(130) });
    let events = [EventInput {
        name: "Supplier fails".into(),
        probability: 0.2,
        low: 10_000.0,
        mode: 40_000.0,
        high: 150_000.0,
        profile: vec![0.0, 0.5, 0.5],
        cost: true,
        joins: None,
    }];
    let on = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("pool");
        pool.install(|| run(&c, &events, 5_000, 99))
    };
    let one = on(1);
    assert_eq!(one, on(4));
    assert_eq!(one, on(3));
    assert_ne!(one.npvs, run(&c, &events, 5_000, 100).npvs);
}

/// A certain event, by hand: 1,000 of cost in year 1 at 5 % lowers every run's NPV by
/// 1,000 / 1.05 and needs that much contingency; an event that never occurs changes nothing.
#[test]
fn events_by_hand() {
    let c = four_lines(Draw::Once, 0, 1_000_000.0, 400_000.0);
    let npv = evaluate(&c).expect("evaluates").metrics.npv.value().expect("npv");
    let r = run(&c, &[certain_cost("sure", 1.0, 1_000.0, vec![0.0, 1.0])], 200, 1);
    let pv = 1_000.0 / 1.05;
    assert!(r.npvs.iter().all(|v| (v - (npv - pv)).abs() < 1e-6), "{} {}", r.npvs[0], npv - pv);
    assert!((r.contingency_p80 - pv).abs() < 1e-6);
    assert_eq!(r.probability_negative, if npv - pv < 0.0 { 1.0 } else { 0.0 });
    // An opportunity raises the NPV and leaves the cost alone.
    let gain = EventInput { cost: false, ..certain_cost("gain", 1.0, 1_000.0, vec![1.0]) };
    let r = run(&c, &[gain], 200, 1);
    assert!(r.npvs.iter().all(|v| (v - (npv + 1_000.0)).abs() < 1e-6));
    assert_eq!(r.contingency_p80, 0.0);
    let bad = certain_cost("bad", 1.5, 1.0, vec![1.0]);
    let err = Simulation::with_events(&c, &cairn_case::Context::default(), &[bad]).err().expect("refused");
    assert!(err.to_string().contains("events[0].probability"), "{err}");
}

/// A rate multiplier fixed at 200 % discounts every run exactly as the case at twice its rate.
#[test]
fn the_rate_multiplier_scales_the_rate() {
    let mut c = four_lines(Draw::Once, 0, 1_000_000.0, 400_000.0);
    c.simulation.discount_rate = Some(Distribution::Uniform { min: pct(200), max: pct(200) });
    let mut doubled = c.clone();
    doubled.discount_rate = dec(0.10);
    doubled.simulation = CaseSimulation::default();
    let want = evaluate(&doubled).expect("evaluates").metrics.npv.value().expect("npv");
    let r = run(&c, &[], 100, 3);
    assert!(r.npvs.iter().all(|v| v.to_bits() == want.to_bits()), "{} {want}", r.npvs[0]);
}

/// The P80 contingency of one upfront cost of 1,000,000 drawn uniformly from 50 % to 150 %: the
/// 80th percentile of the multiplier is 1.3, so 300,000, to within three standard errors of a
/// sample's 80th percentile, 3 × √(0.8 × 0.2 / N) ÷ density 1 × 1,000,000 = 12,000 at N = 10,000.
#[test]
fn the_p80_contingency_by_hand() {
    let mut c = case(true, 0.05, vec![line("build", LineCategory::CapexImplementation, &[(None, 1_000_000.0)])]);
    c.lines[0].uncertainty = Some(cairn_core::Uncertainty {
        distribution: Distribution::Uniform { min: pct(50), max: pct(150) },
        delay: None,
        draw: Draw::Once,
    });
    let r = run(&c, &[], 10_000, 5);
    assert!((r.base_pv_cost - 1_000_000.0).abs() < 1e-6);
    assert!((r.contingency_p80 - 300_000.0).abs() < 12_000.0, "{}", r.contingency_p80);
    // NPV is minus the cost: its P80 (80 % of runs at or below) is minus the 20th percentile of cost.
    assert!((r.confidence.p80 + 700_000.0).abs() < 12_000.0, "{}", r.confidence.p80);
}

/// Correlating two costs positively widens the NPV's spread; negatively narrows it.
#[test]
fn correlation_moves_the_spread() {
    let sd = |rho: Option<&str>| {
        let mut c = four_lines(Draw::Once, 30, 1_000_000.0, 400_000.0);
        if let Some(rho) = rho {
            correlate(&mut c, &["run", "subs"], rho);
        }
        run(&c, &[], 20_000, 8).sd
    };
    let (neg, none, pos) = (sd(Some("-0.9")), sd(None), sd(Some("0.9")));
    assert!(neg < none && none < pos, "{neg} {none} {pos}");
}

#[test]
fn a_correlation_the_engine_cannot_use_is_refused_by_path() {
    let mut c = four_lines(Draw::Once, 10, 1_000_000.0, 400_000.0);
    c.lines[1].uncertainty.as_mut().expect("uncertain").draw = Draw::EachYear;
    correlate(&mut c, &["run", "subs"], "0.5");
    let err = Simulation::new(&c).err().expect("refused");
    assert!(err.to_string().contains("simulation.correlation.lines"), "{err}");
    let mut c = four_lines(Draw::Once, 10, 1_000_000.0, 400_000.0);
    correlate(&mut c, &["run", "subs", "build"], "-0.9");
    let err = Simulation::new(&c).err().expect("refused");
    assert!(err.to_string().contains("simulation.correlation.matrix"), "{err}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// Drawing the running costs (the only uncertain lines) each year rather than once keeps the
    /// mean (to within four standard errors of the difference of two means) and narrows the
    /// spread: independent years partly offset each other.
    #[test]
    fn each_year_keeps_the_mean_and_narrows_the_spread(
        seed in any::<u64>(), width in 10i64..60, build in 1e5f64..5e6, save in 1e5f64..2e6,
    ) {
        let (build, save) = (build.round(), save.round());
        let n = 20_000u32;
        // Only the running costs vary: the build and the benefit, drawn once either way, would
        // otherwise dominate the spread and hide the difference in sampling noise.
        let only_running = |draw| {
            let mut c = four_lines(draw, width, build, save);
            c.lines[0].uncertainty = None;
            c.lines[3].uncertainty = None;
            c
        };
        let once = run(&only_running(Draw::Once), &[], n, seed);
        let each = run(&only_running(Draw::EachYear), &[], n, seed);
        let se = ((once.sd.powi(2) + each.sd.powi(2)) / f64::from(n)).sqrt();
        prop_assert!((once.mean - each.mean).abs() < 4.0 * se, "{} {} (se {se})", once.mean, each.mean);
        prop_assert!(each.sd < once.sd, "{} {}", each.sd, once.sd);
    }

    /// P10 ≤ P50 ≤ P80 ≤ P90, each an NPV some run had, and P(NPV < 0) is a probability.
    #[test]
    fn confidence_levels_are_ordered(
        seed in any::<u64>(), width in 0i64..90, build in 1e4f64..5e6, save in 1e4f64..2e6, rho in -0.9f64..0.9,
        runs in 100u32..3_000, each in any::<bool>(),
    ) {
        let mut c = four_lines(if each { Draw::EachYear } else { Draw::Once }, width, build.round(), save.round());
        correlate(&mut c, &["run", "subs"], &format!("{:.2}", rho));
        let r = run(&c, &[], runs, seed);
        let k = r.confidence;
        prop_assert!(k.p10 <= k.p50 && k.p50 <= k.p80 && k.p80 <= k.p90, "{k:?}");
        prop_assert!([k.p10, k.p50, k.p80, k.p90].iter().all(|p| r.npvs.contains(p)));
        prop_assert!((0.0..=1.0).contains(&r.probability_negative));
        prop_assert!(r.contingency_p80.is_finite());
    }
}

/// A register risk linked to the case, from the demo's first risk: open, no delay or benefit.
fn register_risk(probability: &str, amount: i64, year: i32) -> cairn_core::Risk {
    use cairn_core::{CostImpact, CostTiming, FiscalYear, RiskLinks, RiskStatus, ThreePoint};
    let mut r = cairn_core::demo_plan().risks[0].clone();
    r.status = RiskStatus::Open;
    r.links = RiskLinks { business_cases: vec![Id::new("c").expect("id")], ..RiskLinks::default() };
    r.probability = Some(probability.parse().expect("decimal"));
    let a = Decimal::from(amount);
    r.cost = Some(CostImpact {
        timing: CostTiming::Year { year: FiscalYear(year) },
        amount: ThreePoint { min: a, most_likely: a, max: a },
    });
    r.delay = None;
    r.benefit = None;
    r
}

fn run_in(c: &BusinessCase, risks: Vec<cairn_core::Risk>, iterations: u32, seed: u64) -> SimulationResult {
    let ctx = cairn_case::Context { risks, ..cairn_case::Context::default() };
    let sim = Simulation::new_in(c, &ctx).expect("prepares");
    sim.run(SimulationSettings { iterations, seed }, &|_, _| true).expect("runs")
}

/// A certain register risk of a fixed 1,000 in FY2029 (the case's third year at 5 %) lowers
/// every run's NPV by exactly 1,000 / 1.05³, the lines still drawn as without it; a probability
/// of 0, or a closed risk, changes nothing, bit for bit.
#[test]
fn register_risks_enter_the_case_simulation() {
    let c = four_lines(Draw::EachYear, 20, 1_000_000.0, 400_000.0);
    let plain = run_in(&c, Vec::new(), 3_000, 5);
    let sure = run_in(&c, vec![register_risk("100", 1_000, 2029)], 3_000, 5);
    let pv = 1_000.0 / 1.05f64.powi(3);
    for (a, b) in plain.npvs.iter().zip(&sure.npvs) {
        assert!((a - pv - b).abs() < 1e-6, "{a} {b}");
    }
    let never = run_in(&c, vec![register_risk("0", 1_000, 2029)], 3_000, 5);
    assert_eq!(never, plain);
    let mut closed = register_risk("100", 1_000, 2029);
    closed.status = cairn_core::RiskStatus::Closed;
    let ctx = cairn_case::Context { risks: vec![closed], ..cairn_case::Context::default() };
    // `Context::of` leaves closed risks out; a context that holds one still draws nothing for it.
    let r = Simulation::new_in(&c, &ctx)
        .expect("prepares")
        .run(SimulationSettings { iterations: 3_000, seed: 5 }, &|_, _| true);
    assert_eq!(r.expect("runs"), plain);
    // An opportunity of the same figures saves as much; one outside the case's years does nothing.
    let mut save = register_risk("100", 1_000, 2029);
    save.kind = cairn_core::RiskKind::Opportunity;
    save.response = cairn_core::Response::Exploit;
    let saved = run_in(&c, vec![save], 3_000, 5);
    assert!(plain.npvs.iter().zip(&saved.npvs).all(|(a, b)| (a + pv - b).abs() < 1e-6));
    let outside = run_in(&c, vec![register_risk("100", 1_000, 2040)], 3_000, 5);
    assert_eq!(outside.npvs, plain.npvs);
}

/// A certain loss of 10 % of the case's benefits lowers every run's NPV by 10 % of what the
/// benefit lines bring when nothing else varies, and occurs with the risk's cost impact.
#[test]
fn a_benefit_impact_takes_its_share_of_the_benefits() {
    use cairn_core::{BenefitImpact, ThreePoint};
    let c = four_lines(Draw::Once, 0, 1_000_000.0, 400_000.0);
    let mut without_benefits = c.clone();
    without_benefits.lines.retain(|l| l.id.as_str() != "save");
    let npv = evaluate(&c).expect("evaluates").metrics.npv.value().expect("npv");
    let rest = evaluate(&without_benefits).expect("evaluates").metrics.npv.value().expect("npv");
    let mut r = register_risk("100", 0, 2029);
    let ten = Decimal::from(10);
    r.benefit = Some(BenefitImpact {
        case: Id::new("c").expect("id"),
        percent: ThreePoint { min: ten, most_likely: ten, max: ten },
    });
    let hit = run_in(&c, vec![r], 200, 2);
    let want = npv - 0.1 * (npv - rest);
    assert!(hit.npvs.iter().all(|v| (v - want).abs() < 1e-6), "{} {want}", hit.npvs[0]);
    assert!(hit.contributions.iter().any(|x| x.input.ends_with("(benefits)")));
}

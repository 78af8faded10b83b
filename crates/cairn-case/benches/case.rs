//! Business-case benchmarks: evaluating a 20-line, 10-year case (target < 50 µs), a Monte Carlo
//! of 100,000 iterations on it (target < 150 ms on 2 cores), and appraising it as a short list of
//! four options (target < 200 µs, issue 17); and the risk model of issue 18: 100,000 runs of a
//! 20-line, 10-year case drawn each year, five lines rank-correlated by a 5×5 matrix and five
//! discrete events (target < 150 ms on 2 cores, and at least twice as fast as the same model in
//! vectorised numpy: `tools/bench_case_sim_vs_numpy.py`, which builds this case the same way).

use std::hint::black_box;
use std::time::Duration;

use cairn_case::{Context, EventInput, Simulation, SimulationSettings, appraise, evaluate, evaluate_in};
use cairn_core::{
    BenefitDelay, BusinessCase, CaseOption, CaseYear, Correlation, Depreciation, DepreciationMethod, Distribution,
    Draw, FiscalYear, Id, LineAmounts, LineCategory, LineItem, OptionRole, Uncertainty, YearAmount,
};
use criterion::{Criterion, criterion_group, criterion_main};
use rust_decimal::Decimal;

/// Twenty lines over ten years with an upfront column: six capex, seven opex, seven benefits,
/// typed and generated, every line uncertain, the benefits with a chance of starting late.
fn twenty_line_case() -> BusinessCase {
    let id = |s: String| Id::new(s).unwrap_or_else(|e| panic!("{e}"));
    let d = |v: i64| Decimal::from(v);
    let mut lines = Vec::new();
    let categories = [
        LineCategory::CapexHardware,
        LineCategory::CapexSoftware,
        LineCategory::CapexImplementation,
        LineCategory::OpexLicences,
        LineCategory::OpexStaff,
        LineCategory::OpexSupport,
        LineCategory::BenefitCostSavings,
        LineCategory::BenefitProductivity,
    ];
    for n in 0..20i64 {
        let category = match n {
            0..=5 => categories[(n % 3) as usize],
            6..=12 => categories[3 + (n % 3) as usize],
            _ => categories[6 + (n % 2) as usize],
        };
        let amounts = if n % 2 == 0 {
            LineAmounts::Entered {
                amounts: (0..10)
                    .map(|y| YearAmount {
                        at: CaseYear::Year(FiscalYear(2027 + y)),
                        amount: d(10_000 * (n + 1) + 500 * i64::from(y)),
                    })
                    .chain(std::iter::once(YearAmount { at: CaseYear::Upfront, amount: d(50_000) }))
                    .collect(),
            }
        } else {
            LineAmounts::Recurring {
                from: FiscalYear(2028),
                to: FiscalYear(2036),
                amount: d(40_000 + 1_000 * n),
                escalation: None,
            }
        };
        let benefit = n >= 13;
        lines.push(LineItem {
            id: id(format!("line-{n}")),
            name: format!("Line {n}"),
            category,
            amounts,
            uncertainty: Some(Uncertainty {
                distribution: if n % 2 == 0 {
                    Distribution::Pert { min: d(80), mode: d(100), max: d(130) }
                } else {
                    Distribution::Triangular { min: d(90), mode: d(100), max: d(125) }
                },
                delay: benefit.then(|| BenefitDelay { probability: Decimal::new(25, 2), years: 1 }),
                draw: Draw::Once,
            }),
            note: String::new(),
            benefit_class: None,
            register: None,
            starts_at: None,
            in_service: None,
            activity: None,
            options: Vec::new(),
        });
    }
    BusinessCase {
        id: id("bench".into()),
        name: "Bench".into(),
        description: String::new(),
        sponsor: String::new(),
        initiatives: Vec::new(),
        first_year: FiscalYear(2027),
        years: 10,
        upfront: true,
        discount_rate: Decimal::new(6, 2),
        rate_reason: None,
        prices: cairn_core::PriceBasis::Nominal,
        escalation: Decimal::new(3, 2),
        tax_rate: Some(Decimal::new(21, 2)),
        depreciation: Depreciation { method: DepreciationMethod::StraightLine, life_years: 5 },
        benefit_realisation: Decimal::ONE,
        optimism_bias: None,
        simulation: Default::default(),
        lines,
        residual: cairn_core::ResidualValue::None,
        sunk_costs: Vec::new(),
        options: Vec::new(),
        mandatory: None,
    }
}

/// The twenty lines as a short list of four options: business as usual, do minimum, preferred
/// and an alternative. Each option has five lines of its own; one of the preferred option's lines
/// is shared with the alternative and one of business as usual's with do minimum, so the relative
/// cases both drop shared lines and negate business as usual's.
fn four_option_case() -> BusinessCase {
    let id = |s: &str| Id::new(s).unwrap_or_else(|e| panic!("{e}"));
    let mut case = twenty_line_case();
    let roles = [
        ("bau", OptionRole::Bau),
        ("minimum", OptionRole::DoMinimum),
        ("preferred", OptionRole::Preferred),
        ("alternative", OptionRole::Alternative),
    ];
    case.options = roles
        .iter()
        .map(|(key, role)| CaseOption { id: id(key), name: (*key).into(), role: *role, description: String::new() })
        .collect();
    for (n, line) in case.lines.iter_mut().enumerate() {
        // Five lines each, dealt by 7n mod 20 so that each option mixes categories: business as
        // usual capex and opex, the other three capex, opex and benefits.
        let own = roles[(n * 7 % 20) / 5].0;
        line.options = vec![id(own)];
        match n {
            3 => line.options.push(id("minimum")),
            10 => line.options.push(id("alternative")),
            _ => {}
        }
    }
    case
}

/// The risk model's case, as `tools/bench_case_sim_vs_numpy.py` rebuilds it: twenty lines over
/// fiscal years 2027–2036 at 3.5 %, no upfront column, no tax. Line `n` < 12 is a cost of
/// 20,000 × (n + 1) + 1,000 × y in year y (0–9), triangular 90–100–125 % of plan; line n ≥ 12
/// a benefit of 60,000 × (n − 11) + 2,000 × y, triangular 70–100–110 %. Every line is drawn each
/// year; lines 0–4 are correlated by [`RISK_MATRIX`].
pub fn risk_case() -> BusinessCase {
    let mut case = twenty_line_case();
    case.discount_rate = Decimal::new(35, 3);
    for (n, line) in case.lines.iter_mut().enumerate() {
        let n = n as i64;
        let benefit = n >= 12;
        line.category = if benefit { LineCategory::BenefitCostSavings } else { LineCategory::OpexSupport };
        line.amounts = LineAmounts::Entered {
            amounts: (0..10)
                .map(|y| YearAmount {
                    at: CaseYear::Year(FiscalYear(2027 + y as i32)),
                    amount: Decimal::from(if benefit {
                        60_000 * (n - 11) + 2_000 * y
                    } else {
                        20_000 * (n + 1) + 1_000 * y
                    }),
                })
                .collect(),
        };
        let (min, max) = if benefit { (70, 110) } else { (90, 125) };
        let distribution =
            Distribution::Triangular { min: Decimal::from(min), mode: Decimal::ONE_HUNDRED, max: Decimal::from(max) };
        line.uncertainty = Some(Uncertainty { distribution, delay: None, draw: Draw::EachYear });
    }
    case.simulation.correlation = Some(Correlation {
        lines: case.lines[..5].iter().map(|l| l.id.clone()).collect(),
        matrix: RISK_MATRIX.iter().map(|r| r.iter().map(|v| Decimal::new(*v, 1)).collect()).collect(),
    });
    case
}

/// The correlation of lines 0–4, in tenths.
pub const RISK_MATRIX: [[i64; 5]; 5] =
    [[10, 6, 3, 0, -3], [6, 10, 5, 2, 0], [3, 5, 10, 4, 1], [0, 2, 4, 10, 5], [-3, 0, 1, 5, 10]];

/// Five cost events: event k occurs with probability 0.1 + 0.05 k, costs triangular
/// 50,000 (k + 1) – 100,000 (k + 1) – 300,000 (k + 1), all in fiscal year 2028 + k (period k + 2).
pub fn risk_events() -> Vec<EventInput> {
    (0..5)
        .map(|k| {
            let scale = (k + 1) as f64;
            let mut profile = vec![0.0; k + 3];
            profile[k + 2] = 1.0;
            EventInput {
                name: format!("Event {k}"),
                probability: 0.1 + 0.05 * k as f64,
                low: 50_000.0 * scale,
                mode: 100_000.0 * scale,
                high: 300_000.0 * scale,
                profile,
                cost: true,
                joins: None,
            }
        })
        .collect()
}

fn benches(c: &mut Criterion) {
    let case = twenty_line_case();
    c.bench_function("evaluate a 20-line 10-year case", |b| b.iter(|| evaluate(black_box(&case))));
    let options = four_option_case();
    let ctx = Context::default();
    c.bench_function("appraise a 4-option 20-line 10-year case", |b| b.iter(|| appraise(black_box(&options), &ctx)));
    c.bench_function("evaluate_in the preferred option against business as usual", |b| {
        b.iter(|| evaluate_in(black_box(&options), &ctx))
    });
    let sim = Simulation::new(&case).unwrap_or_else(|e| panic!("{e}"));
    let mut group = c.benchmark_group("Monte Carlo");
    group.sample_size(10).measurement_time(Duration::from_secs(8));
    group.bench_function("100,000 iterations of the 20-line case", |b| {
        b.iter(|| sim.run(black_box(SimulationSettings { iterations: 100_000, seed: 1 }), &|_, _| true))
    });
    let risk =
        Simulation::with_events(&risk_case(), &Context::default(), &risk_events()).unwrap_or_else(|e| panic!("{e}"));
    let two = rayon::ThreadPoolBuilder::new().num_threads(2).build().unwrap_or_else(|e| panic!("{e}"));
    group.bench_function("case simulation 100,000 runs per-year 5x5 correlation 5 events on 2 threads", |b| {
        b.iter(|| {
            two.install(|| risk.run(black_box(SimulationSettings { iterations: 100_000, seed: 1 }), &|_, _| true))
        })
    });
    group.finish();
}

criterion_group!(case_benches, benches);
criterion_main!(case_benches);

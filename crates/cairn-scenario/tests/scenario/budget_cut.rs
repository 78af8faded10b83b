//! The budget-cut helper against brute-force enumeration, hand-checked cases and properties.

use cairn_core::{
    Budget, BudgetCeiling, BudgetYear, Dependency, DependencyKind, FiscalYear, Horizon, Id, Initiative,
    InitiativeStatus, Plan, YearMonth, synthetic_plan,
};
use cairn_scenario::budget_cut::{
    Choice, CutRequest, CutTarget, DEFAULT_NODE_LIMIT, Outcome, Proposal, ValueBasis, defer_initiative, propose,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn id(s: &str) -> Id {
    Id::new(s).expect("id")
}

fn ym(y: i32, m: u8) -> YearMonth {
    YearMonth::new(y, m).expect("month")
}

/// An initiative of a small test plan: `spend` in thousands per fiscal year from FY2027 (index 0).
struct X {
    name: &'static str,
    priority: u8,
    start: YearMonth,
    end: YearMonth,
    spend: Vec<(i32, i64)>,
    status: InitiativeStatus,
    deps: Vec<(&'static str, DependencyKind, i32)>,
}

fn x(name: &'static str, priority: u8, start: YearMonth, end: YearMonth, spend: &[(i32, i64)]) -> X {
    X { name, priority, start, end, spend: spend.to_vec(), status: InitiativeStatus::Proposed, deps: Vec::new() }
}

/// A plan over FY2027–FY2029 (July starts) with no ceilings and no business cases.
fn plan(xs: Vec<X>) -> Plan {
    let mut p = synthetic_plan("cut", 0);
    p.settings.horizon = Horizon { first_year: FiscalYear(2027), years: 3 };
    p.settings.roadmap.budget_ceilings.clear();
    p.scenarios.clear();
    for c in &mut p.business_cases {
        c.initiatives.clear();
    }
    for d in xs {
        let mut i = Initiative::new(id(d.name), d.name, d.start, d.end);
        i.priority = Some(d.priority);
        i.status = d.status;
        i.budget = Budget::Entered {
            years: d
                .spend
                .iter()
                .map(|&(y, k)| BudgetYear { year: FiscalYear(y), capex: Decimal::from(k * 1000), opex: Decimal::ZERO })
                .collect(),
        };
        i.dependencies =
            d.deps.iter().map(|&(on, kind, lag)| Dependency { on: id(on), kind, lag_months: lag }).collect();
        p.initiatives.push(i.into());
    }
    p
}

fn ceilings(list: &[(i32, i64)]) -> CutTarget {
    CutTarget::Ceilings(
        list.iter()
            .map(|&(y, k)| BudgetCeiling { year: FiscalYear(y), theme: None, amount: Decimal::from(k * 1000) })
            .collect(),
    )
}

fn request(target: CutTarget, max_deferral_years: u8) -> CutRequest {
    CutRequest {
        target,
        value: ValueBasis::Priority,
        max_deferral_years,
        pinned: Vec::new(),
        node_limit: DEFAULT_NODE_LIMIT,
    }
}

type Limits = [(FiscalYear, Option<Id>, Decimal)];

/// The options of each initiative: `Some(k)` defers k years (0 keeps), `None` drops.
fn options(plan: &Plan, req: &CutRequest) -> Vec<Vec<Option<u8>>> {
    let horizon_end = plan.settings.fiscal_calendar.last_month(plan.settings.horizon.last_year()).expect("end");
    plan.initiatives
        .iter()
        .map(|x| {
            let fixed = req.pinned.contains(&x.id)
                || matches!(
                    x.status,
                    InitiativeStatus::InProgress | InitiativeStatus::Done | InitiativeStatus::Cancelled
                );
            if fixed {
                return vec![Some(0)];
            }
            let mut o: Vec<Option<u8>> = (0..=req.max_deferral_years)
                .filter(|&k| k == 0 || x.end.add_months(12 * i32::from(k)).expect("m") <= horizon_end)
                .map(Some)
                .collect();
            o.push(None);
            o
        })
        .collect()
}

/// The value of one combination, checked independently with the roadmap engine's budget rollup
/// and schedule; `None` when it breaks a ceiling or a dependency.
fn evaluate(plan: &Plan, limits: &Limits, pick: &[Option<u8>]) -> Option<f64> {
    let before = cairn_roadmap::schedule(plan).expect("schedule");
    let mut after = plan.clone();
    after.initiatives.clear();
    let mut value = 0.0;
    let mut dropped = Vec::new();
    for (x, choice) in plan.initiatives.iter().zip(pick) {
        match choice {
            Some(d) => {
                after.initiatives.push(defer_initiative(plan, x, *d).expect("defer").into());
                value += f64::from(x.priority.unwrap_or(50)) * (1.0 - 0.1 * f64::from(*d));
            }
            None => dropped.push(x.id.clone()),
        }
    }
    // A dependent of a dropped initiative must be dropped too.
    if after.initiatives.iter().any(|x| x.dependencies.iter().any(|d| dropped.contains(&d.on))) {
        return None;
    }
    let b = cairn_roadmap::budget(&after).expect("budget");
    let fits = limits.iter().all(|(y, t, amount)| {
        let row = b.years.iter().find(|r| r.year == *y).expect("year");
        let spend = match t {
            None => row.total,
            Some(t) => row.themes.iter().find(|c| c.theme.as_ref() == Some(t)).map_or(Decimal::ZERO, |c| c.total),
        };
        spend <= *amount
    });
    let s = cairn_roadmap::schedule(&after).expect("schedule");
    let deps = s.violations.iter().all(|v| {
        before.violations.iter().any(|w| {
            w.initiative == v.initiative
                && w.on == v.on
                && v.planned_start.months_until(v.earliest_start) <= w.planned_start.months_until(w.earliest_start)
        })
    });
    (fits && deps).then_some(value)
}

/// The best value over every combination; `None` when none fits.
fn brute(plan: &Plan, req: &CutRequest, limits: &Limits) -> Option<f64> {
    let options = options(plan, req);
    let mut pick = vec![0usize; options.len()];
    let mut best: Option<f64> = None;
    loop {
        let choice: Vec<Option<u8>> = pick.iter().zip(&options).map(|(&k, o)| o[k]).collect();
        if let Some(v) = evaluate(plan, limits, &choice)
            && best.is_none_or(|b| v > b + 1e-9)
        {
            best = Some(v);
        }
        let mut k = 0;
        loop {
            if k == pick.len() {
                return best;
            }
            pick[k] += 1;
            if pick[k] < options[k].len() {
                break;
            }
            pick[k] = 0;
            k += 1;
        }
    }
}

/// The proposal's choice for every initiative of the plan.
fn picks(plan: &Plan, p: &Proposal) -> Vec<Option<u8>> {
    plan.initiatives
        .iter()
        .map(|x| match p.decisions.iter().find(|d| d.initiative == x.id).map(|d| d.choice) {
            None | Some(Choice::Keep) => Some(0),
            Some(Choice::Defer(k)) => Some(k),
            Some(Choice::Drop) => None,
        })
        .collect()
}

/// The limits a proposal reports (its year lines with a ceiling).
fn limits(p: &Proposal) -> Vec<(FiscalYear, Option<Id>, Decimal)> {
    p.years.iter().filter_map(|y| y.ceiling.map(|c| (y.year, y.theme.clone(), c))).collect()
}

/// The proposal must equal brute force: same value, same number of changes, or both infeasible.
fn check(name: &str, plan: &Plan, req: &CutRequest) -> Proposal {
    let p = propose(plan, req).unwrap_or_else(|e| panic!("{name}: {e}"));
    let expected = brute(plan, req, &limits(&p));
    match (&p.outcome, expected) {
        (Outcome::Infeasible { .. }, None) => {}
        (Outcome::Optimal | Outcome::AlreadyFits, Some(value)) => {
            assert!((p.value_after - value).abs() < 1e-9, "{name}: value {} vs brute force {value}", p.value_after);
            let mine = picks(plan, &p);
            assert_eq!(
                evaluate(plan, &limits(&p), &mine).map(|v| (v - value).abs() < 1e-9),
                Some(true),
                "{name}: valid"
            );
            // Every change is needed: undoing any one alone (keeping, or deferring less) breaks
            // a ceiling or a dependency.
            for (k, choice) in mine.iter().enumerate() {
                let lesser: Vec<Option<u8>> = match choice {
                    Some(0) => continue,
                    Some(d) => (0..*d).map(Some).collect(),
                    None => (0..=req.max_deferral_years).map(Some).collect(),
                };
                for l in lesser {
                    if options(plan, req)[k].contains(&l) {
                        let mut other = mine.clone();
                        other[k] = l;
                        assert_eq!(evaluate(plan, &limits(&p), &other), None, "{name}: change {k} is not needed");
                    }
                }
            }
            for y in &p.years {
                if let Some(c) = y.ceiling {
                    assert!(y.after <= c, "{name}: {} {} over {c}", y.label, y.after);
                }
            }
        }
        (o, e) => panic!("{name}: outcome {o:?}, brute force {e:?}"),
    }
    p
}

fn choices(p: &Proposal) -> Vec<(String, Choice)> {
    p.decisions.iter().map(|d| (d.initiative.to_string(), d.choice)).collect()
}

#[test]
fn known_optima() {
    use DependencyKind::*;
    let fy27 = (ym(2026, 7), ym(2027, 6));
    let fy28 = (ym(2027, 7), ym(2028, 6));
    // Table: name, initiatives, ceilings (thousands per fiscal year), max deferral, expected choices.
    type Case = (&'static str, Vec<X>, Vec<(i32, i64)>, u8, Vec<(&'static str, Choice)>);
    let cases: Vec<Case> = vec![
        (
            "dropping the cheapest low-priority initiative is enough",
            vec![
                x("a", 90, fy28.0, fy28.1, &[(2028, 500)]),
                x("b", 20, fy28.0, fy28.1, &[(2028, 100)]),
                x("c", 60, fy28.0, fy28.1, &[(2028, 300)]),
            ],
            vec![(2028, 820)],
            0,
            vec![("b", Choice::Drop)],
        ),
        (
            "deferral beats dropping",
            vec![x("a", 90, fy28.0, fy28.1, &[(2028, 500)]), x("b", 70, fy28.0, fy28.1, &[(2028, 300)])],
            vec![(2028, 600), (2029, 600)],
            1,
            vec![("b", Choice::Defer(1))],
        ),
        (
            "a dependent must go with its predecessor",
            vec![
                x("base", 30, fy27.0, fy27.1, &[(2027, 400)]),
                X { deps: vec![("base", FinishToStart, 0)], ..x("top", 40, fy28.0, fy28.1, &[(2028, 100)]) },
                x("other", 50, fy27.0, fy27.1, &[(2027, 300)]),
            ],
            vec![(2027, 350)],
            0,
            vec![("base", Choice::Drop), ("top", Choice::Drop)],
        ),
        (
            "a deferred predecessor pushes its dependent",
            vec![
                x("base", 90, fy27.0, fy27.1, &[(2027, 400)]),
                X { deps: vec![("base", FinishToStart, 0)], ..x("top", 80, fy28.0, fy28.1, &[(2028, 100)]) },
            ],
            vec![(2027, 100)],
            1,
            vec![("base", Choice::Defer(1)), ("top", Choice::Defer(1))],
        ),
        (
            "in-progress work is never moved",
            vec![
                X { status: InitiativeStatus::InProgress, ..x("run", 10, fy28.0, fy28.1, &[(2028, 500)]) },
                x("new", 95, fy28.0, fy28.1, &[(2028, 200)]),
            ],
            vec![(2028, 600)],
            0,
            vec![("new", Choice::Drop)],
        ),
        ("nothing to cut", vec![x("a", 50, fy28.0, fy28.1, &[(2028, 100)])], vec![(2028, 100)], 1, vec![]),
        (
            "two small drops beat one big one",
            vec![
                x("big", 70, fy28.0, fy28.1, &[(2028, 300)]),
                x("s1", 30, fy28.0, fy28.1, &[(2028, 150)]),
                x("s2", 30, fy28.0, fy28.1, &[(2028, 150)]),
            ],
            vec![(2028, 300)],
            0,
            vec![("s1", Choice::Drop), ("s2", Choice::Drop)],
        ),
        (
            "slack lets a dependent stay while its predecessor is deferred",
            vec![
                x("base", 60, fy27.0, ym(2026, 9), &[(2027, 300)]),
                X { deps: vec![("base", FinishToStart, 0)], ..x("late", 60, ym(2028, 7), ym(2029, 6), &[(2029, 100)]) },
            ],
            vec![(2027, 0)],
            1,
            vec![("base", Choice::Defer(1))],
        ),
    ];
    for (name, xs, limits, max, expected) in cases {
        let p = plan(xs);
        let proposal = check(name, &p, &request(ceilings(&limits), max));
        let want: Vec<(String, Choice)> = expected.iter().map(|(n, c)| ((*n).to_owned(), *c)).collect();
        assert_eq!(choices(&proposal), want, "{name}");
    }
}

/// Cases where a bound that left the dependencies out would keep a valuable dependent while
/// dropping or deferring its cheap predecessor, and so promise more than any proposal can. The
/// bound keeps them, so its root already equals the optimum: one node proves it.
#[test]
fn the_bound_keeps_the_dependencies() {
    use DependencyKind::*;
    let fy28 = (ym(2027, 7), ym(2028, 6));
    let fy29 = (ym(2028, 7), ym(2029, 6));
    type Case = (&'static str, Vec<X>, Vec<(i32, i64)>, u8, Vec<(&'static str, Choice)>);
    let cases: Vec<Case> = vec![
        (
            "dropping the cheap predecessor would drop its valuable dependent too",
            vec![
                x("a", 90, fy28.0, fy28.1, &[(2028, 300)]),
                x("base", 20, fy28.0, fy28.1, &[(2028, 300)]),
                X { deps: vec![("base", FinishToStart, 0)], ..x("top", 80, fy29.0, fy29.1, &[(2029, 100)]) },
            ],
            vec![(2028, 300)],
            0,
            vec![("a", Choice::Drop)],
        ),
        (
            "two dependents go with their predecessor",
            vec![
                x("a", 95, fy28.0, fy28.1, &[(2028, 300)]),
                x("base", 10, fy28.0, fy28.1, &[(2028, 300)]),
                X { deps: vec![("base", FinishToStart, 0)], ..x("t1", 50, fy29.0, fy29.1, &[(2029, 100)]) },
                X { deps: vec![("base", StartToStart, 12)], ..x("t2", 50, fy29.0, fy29.1, &[(2029, 100)]) },
            ],
            vec![(2028, 300)],
            0,
            vec![("a", Choice::Drop)],
        ),
        (
            "deferring the predecessor pushes its dependent past the horizon",
            vec![
                x("a", 90, fy28.0, fy28.1, &[(2028, 300)]),
                x("base", 30, fy28.0, fy28.1, &[(2028, 300)]),
                X { deps: vec![("base", FinishToStart, 0)], ..x("top", 90, fy29.0, fy29.1, &[(2029, 100)]) },
            ],
            vec![(2028, 300)],
            1,
            vec![("a", Choice::Defer(1))],
        ),
    ];
    for (name, xs, limits, max, expected) in cases {
        let p = plan(xs);
        let mut req = request(ceilings(&limits), max);
        req.node_limit = 1;
        let proposal = check(name, &p, &req);
        assert_eq!(proposal.outcome, Outcome::Optimal, "{name}");
        let want: Vec<(String, Choice)> = expected.iter().map(|(n, c)| ((*n).to_owned(), *c)).collect();
        assert_eq!(choices(&proposal), want, "{name}");
    }
}

#[test]
fn infeasible_when_committed_work_alone_breaks_a_ceiling() {
    let p = plan(vec![
        X { status: InitiativeStatus::InProgress, ..x("run", 10, ym(2027, 7), ym(2028, 6), &[(2028, 500)]) },
        x("new", 95, ym(2027, 7), ym(2028, 6), &[(2028, 200)]),
    ]);
    let proposal = check("committed", &p, &request(ceilings(&[(2028, 400)]), 1));
    let Outcome::Infeasible { reasons } = &proposal.outcome else { panic!("{:?}", proposal.outcome) };
    assert!(reasons[0].contains("FY2028"), "{reasons:?}");
    assert!(reasons[0].contains("committed initiatives"), "{reasons:?}");
    assert!(reasons[0].contains("$100K"), "{reasons:?}");
    assert!(proposal.decisions.is_empty());
}

#[test]
fn reasoning_names_what_is_freed_and_the_value() {
    let p = plan(vec![
        x("a", 90, ym(2027, 7), ym(2028, 6), &[(2028, 500)]),
        x("b", 70, ym(2027, 7), ym(2028, 6), &[(2028, 1200)]),
    ]);
    let proposal = propose(&p, &request(ceilings(&[(2028, 600), (2029, 1300)]), 1)).expect("proposal");
    assert_eq!(proposal.outcome, Outcome::Optimal);
    assert_eq!(proposal.decisions.len(), 1);
    let r = &proposal.decisions[0].reason;
    assert_eq!(
        r,
        "Defer “b” one year to FY2029 (starts 2028-07): frees $1.2M in FY2028; adds $1.2M in FY2029; value 70 → 63."
    );
    let overrides = proposal.overrides(&p).expect("overrides");
    assert_eq!(
        overrides[0],
        cairn_core::Override::InitiativeDates { initiative: id("b"), start: ym(2028, 7), end: ym(2029, 6) }
    );
    // The budget moves with it, so the scenario's spend is where the proposal counted it.
    let mut after = p.clone();
    cairn_core::apply_overrides(&mut after, &overrides);
    let total = |plan: &cairn_core::Plan, fy: i32| {
        let rollup = cairn_roadmap::budget(plan).expect("rollup");
        rollup.years.iter().find(|y| y.year.0 == fy).map_or(rust_decimal::Decimal::ZERO, |y| y.total)
    };
    let freed = total(&p, 2028) - total(&after, 2028);
    assert!(freed > rust_decimal::Decimal::ZERO, "FY2028 spend falls");
    assert_eq!(total(&after, 2029) - total(&p, 2029), freed, "and reappears in FY2029");
}

#[test]
fn percent_cuts_scale_ceilings_or_planned_spend() {
    let mut p = plan(vec![
        x("a", 90, ym(2026, 7), ym(2027, 6), &[(2027, 1000)]),
        x("b", 50, ym(2027, 7), ym(2028, 6), &[(2028, 1000)]),
        x("c", 40, ym(2028, 7), ym(2029, 6), &[(2029, 1000)]),
    ]);
    p.settings.roadmap.budget_ceilings.push(BudgetCeiling {
        year: FiscalYear(2029),
        theme: None,
        amount: Decimal::from(2_000_000),
    });
    let req = request(CutTarget::Percent { percent: Decimal::from(20), from: FiscalYear(2028) }, 0);
    let proposal = check("percent", &p, &req);
    let ceiling =
        |y: i32| proposal.years.iter().find(|l| l.year == FiscalYear(y) && l.theme.is_none()).and_then(|l| l.ceiling);
    assert_eq!(ceiling(2027), None, "no ceiling and before the cut: unconstrained");
    assert_eq!(ceiling(2028), Some(Decimal::from(800_000)), "80 % of planned spend");
    assert_eq!(ceiling(2029), Some(Decimal::from(1_600_000)), "80 % of the ceiling");
    assert_eq!(choices(&proposal), [("b".to_owned(), Choice::Drop)]);
    // The scenario accepting it holds the cut ceilings (not FY2027, before the cut), so its
    // budget is measured against them: FY2029's replaces the plan's, FY2028's is new.
    let cut = |y: i32, k: i64| cairn_core::Override::BudgetCeiling {
        year: FiscalYear(y),
        theme: None,
        amount: Decimal::from(k * 1000),
    };
    let overrides = proposal.overrides(&p).expect("overrides");
    assert_eq!(overrides[1..], [cut(2028, 800), cut(2029, 1600)]);
    let mut after = p.clone();
    cairn_core::apply_overrides(&mut after, &overrides);
    let rollup = cairn_roadmap::budget(&after).expect("rollup");
    let headroom: Vec<_> = rollup.years.iter().map(|y| y.ceiling.map(|c| c - y.total)).collect();
    assert_eq!(headroom, [None, Some(Decimal::from(800_000)), Some(Decimal::from(600_000))]);
}

#[test]
fn bad_input_names_the_field() {
    let p = plan(vec![x("a", 90, ym(2026, 7), ym(2027, 6), &[(2027, 1000)])]);
    let field = |req: CutRequest| propose(&p, &req).expect_err("bad").field;
    assert_eq!(
        field(request(CutTarget::Percent { percent: Decimal::from(101), from: FiscalYear(2028) }, 1)),
        "percent"
    );
    assert_eq!(field(request(CutTarget::Percent { percent: Decimal::from(-1), from: FiscalYear(2028) }, 1)), "percent");
    assert_eq!(field(request(CutTarget::Percent { percent: Decimal::from(10), from: FiscalYear(2040) }, 1)), "from");
    assert_eq!(field(request(ceilings(&[(2027, -1)]), 1)), "ceilings[0].amount");
    assert_eq!(field(request(ceilings(&[(2027, 1), (2035, 1)]), 1)), "ceilings[1].year");
    assert_eq!(field(request(ceilings(&[(2027, 1)]), 11)), "max_deferral_years");
    let mut req = request(ceilings(&[(2027, 1)]), 1);
    req.pinned = vec![id("nope")];
    assert_eq!(field(req), "pinned[0]");
}

#[test]
fn the_demo_plan_cut_15_percent_from_fy2028() {
    let plan = cairn_core::demo_plan();
    for value in [ValueBasis::Priority, ValueBasis::Npv] {
        let req = CutRequest {
            target: CutTarget::Percent { percent: Decimal::from(15), from: FiscalYear(2028) },
            value,
            max_deferral_years: 2,
            pinned: Vec::new(),
            node_limit: DEFAULT_NODE_LIMIT,
        };
        let p = propose(&plan, &req).expect("proposal");
        match &p.outcome {
            Outcome::Optimal => {
                assert!(!p.decisions.is_empty(), "{value:?}");
                for y in &p.years {
                    if let Some(c) = y.ceiling {
                        assert!(y.after <= c, "{value:?} {} {}", y.label, y.theme_name);
                    }
                }
            }
            Outcome::Infeasible { reasons } => assert!(!reasons.is_empty()),
            other => panic!("{value:?}: {other:?}"),
        }
    }
}

#[test]
fn a_node_budget_reports_the_gap_never_a_silent_heuristic() {
    let mut plan = synthetic_plan("gap", 120);
    plan.settings.roadmap.budget_ceilings.clear();
    let mut req = CutRequest {
        target: CutTarget::Percent { percent: Decimal::from(8), from: FiscalYear(2028) },
        value: ValueBasis::Priority,
        max_deferral_years: 2,
        pinned: Vec::new(),
        node_limit: 50,
    };
    let limited = propose(&plan, &req).expect("proposal");
    req.node_limit = DEFAULT_NODE_LIMIT;
    let full = propose(&plan, &req).expect("proposal");
    assert_eq!(full.outcome, Outcome::Optimal);
    match limited.outcome {
        Outcome::Gap { bound } => {
            assert!(bound + 1e-9 >= full.value_after, "the bound {bound} holds the optimum {}", full.value_after);
            assert!(limited.value_after <= full.value_after + 1e-9);
        }
        Outcome::Infeasible { .. } => assert!(limited.decisions.is_empty()),
        Outcome::Optimal => assert!((limited.value_after - full.value_after).abs() < 1e-9),
        Outcome::AlreadyFits => panic!("an 8 % cut must cut"),
    }
}

/// The size a CIO has: the benchmark's 300 initiatives over five years (a third in progress,
/// about two dependencies each), cut 15 % from FY2028, is proven optimal within the default
/// node budget, and the proposal fits every ceiling. (`cargo bench` measures its time.)
#[test]
fn three_hundred_initiatives_are_proven_optimal() {
    let mut plan = synthetic_plan("cut-300", 300);
    plan.settings.roadmap.budget_ceilings.clear();
    let req = CutRequest {
        target: CutTarget::Percent { percent: Decimal::from(15), from: FiscalYear(2028) },
        value: ValueBasis::Priority,
        max_deferral_years: 2,
        pinned: Vec::new(),
        node_limit: DEFAULT_NODE_LIMIT,
    };
    let p = propose(&plan, &req).expect("proposal");
    assert_eq!(p.outcome, Outcome::Optimal, "{} nodes, value {}", p.nodes, p.value_after);
    assert_eq!(p.value_after, 13_280.4);
    assert!(p.years.iter().all(|y| y.ceiling.is_none_or(|c| y.after <= c)), "every ceiling holds");
}

/// A random small plan: up to 5 initiatives over FY2027–FY2029, some in progress, with FS/SS
/// dependencies on earlier ones, and a random cut.
fn arb_case() -> impl Strategy<Value = (Plan, CutRequest)> {
    let one = (0i32..24, 0i32..14, 0u8..=100, 1i64..9, prop::bool::weighted(0.15), 0usize..4, 0i32..4, 1i64..5);
    (prop::collection::vec(one, 1..=5), 0u32..=60, 2027i32..=2029, 0u8..=2).prop_map(|(rows, pct, from, max)| {
        let mut xs = Vec::new();
        let names = ["i0", "i1", "i2", "i3", "i4"];
        for (k, (offset, len, priority, spend, running, dep, lag, spend2)) in rows.into_iter().enumerate() {
            let start = ym(2026, 7).add_months(offset).expect("m");
            let end = start.add_months(len).expect("m");
            let fy = |m: YearMonth| cairn_core::FiscalCalendar::default().fiscal_year_of(m).0;
            let mut spend_years = vec![(fy(start), spend * 100)];
            if fy(end) != fy(start) {
                spend_years.push((fy(end), spend2 * 100));
            }
            let mut item = x(names[k], priority, start, end, &spend_years);
            if running {
                item.status = InitiativeStatus::InProgress;
            }
            if k > 0 && dep < 3 {
                let kind = if dep == 0 { DependencyKind::StartToStart } else { DependencyKind::FinishToStart };
                item.deps.push((names[(k - 1) - (k - 1).min(dep)], kind, lag));
            }
            xs.push(item);
        }
        let req = request(CutTarget::Percent { percent: Decimal::from(pct), from: FiscalYear(from) }, max);
        (plan(xs), req)
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// The proposal never breaks a ceiling or a dependency, and its value equals brute force.
    #[test]
    fn proposals_fit_and_equal_brute_force((plan, req) in arb_case()) {
        let p = check("random", &plan, &req);
        // The overrides, applied as a scenario, leave out what is dropped and move what is deferred.
        let mut after = plan.clone();
        cairn_core::apply_overrides(&mut after, &p.overrides(&plan).expect("overrides"));
        for d in &p.decisions {
            let x = after.initiatives.iter().find(|x| x.id == d.initiative);
            match d.choice {
                Choice::Drop => prop_assert!(x.is_none()),
                Choice::Defer(_) => prop_assert_eq!(x.map(|x| (x.start, x.end)), d.dates),
                Choice::Keep => prop_assert!(false, "a decision changes something"),
            }
        }
        // The scenario holds the ceilings it was cut to, and fits them.
        if !matches!(p.outcome, Outcome::Infeasible { .. }) {
            let rollup = cairn_roadmap::budget(&after).expect("rollup");
            for c in &p.ceilings {
                let y = rollup.years.iter().find(|y| y.year == c.year).expect("in the horizon");
                prop_assert_eq!(y.ceiling, Some(c.amount));
                prop_assert_eq!(y.over_by, None);
            }
        }
        // No dependent survives its dropped predecessor.
        for x in &after.initiatives {
            for dep in &x.dependencies {
                prop_assert!(after.initiatives.iter().any(|y| y.id == dep.on), "{} lost {}", x.id, dep.on);
            }
        }
    }
}

//! The roadmap engine: hand-checked critical-path cases, moves, rollups, and properties.

use cairn_core::{
    Budget, BudgetCeiling, BudgetYear, Dependency, DependencyKind, FiscalYear, Id, Initiative, Plan, QuarterFte,
    YearMonth, demo_plan,
};
use cairn_roadmap::{RoadmapError, budget, capacity, reschedule, schedule};
use proptest::prelude::*;
use rust_decimal::Decimal;

use DependencyKind::{FinishToStart as FS, StartToStart as SS};

fn ym(text: &str) -> YearMonth {
    text.parse().expect("month")
}

fn id(text: &str) -> Id {
    Id::new(text).expect("id")
}

/// A dependency written as (predecessor, kind, lag in months).
type Dep<'a> = (&'a str, DependencyKind, i32);
/// An initiative written as (id, start, end, dependencies).
type Row<'a> = (&'a str, &'a str, &'a str, &'a [Dep<'a>]);

/// A plan holding only these initiatives.
fn plan(rows: &[Row<'_>]) -> Plan {
    let mut p = demo_plan();
    p.business_cases.clear();
    p.scenarios.clear();
    p.baselines.clear();
    p.risks.clear(); // they name the demo's initiatives and cases
    p.initiatives = rows
        .iter()
        .map(|(key, start, end, deps)| {
            let mut x = Initiative::new(id(key), key.to_uppercase(), ym(start), ym(end));
            x.dependencies =
                deps.iter().map(|&(on, kind, lag_months)| Dependency { on: id(on), kind, lag_months }).collect();
            x.into()
        })
        .collect();
    p
}

/// Expected: per initiative (early start, early finish, late start, late finish, float), the
/// critical path, and the (initiative, predecessor, earliest start) of each violation.
struct Expected<'a> {
    rows: &'a [(&'a str, &'a str, &'a str, &'a str, i32)],
    critical_path: &'a [&'a str],
    finish: &'a str,
    violations: &'a [(&'a str, &'a str, &'a str)],
}

fn check(name: &str, p: &Plan, want: Expected<'_>) {
    let s = schedule(p).unwrap_or_else(|e| panic!("{name}: {e}"));
    for (row, &(es, ef, ls, lf, float)) in s.rows.iter().zip(want.rows) {
        let got = (row.early_start, row.early_finish, row.late_start, row.late_finish, row.total_float);
        assert_eq!(got, (ym(es), ym(ef), ym(ls), ym(lf), float), "{name}: {}", row.id);
        assert_eq!(row.critical, float == 0, "{name}: {}", row.id);
    }
    let path: Vec<&str> = s.critical_path.iter().map(Id::as_str).collect();
    assert_eq!(path, want.critical_path, "{name}: critical path");
    assert_eq!(s.finish, Some(ym(want.finish)), "{name}: finish");
    let violations: Vec<(&str, &str, YearMonth)> =
        s.violations.iter().map(|v| (v.initiative.as_str(), v.on.as_str(), v.earliest_start)).collect();
    let expected: Vec<(&str, &str, YearMonth)> = want.violations.iter().map(|&(a, b, m)| (a, b, ym(m))).collect();
    assert_eq!(violations, expected, "{name}: violations");
}

#[test]
fn critical_path_cases() {
    // A (3 months) then B (2 months); C (1 month) is free. B is planned too early: violated.
    check(
        "finish-to-start chain",
        &plan(&[
            ("a", "2027-01", "2027-03", &[]),
            ("b", "2027-01", "2027-02", &[("a", FS, 0)]),
            ("c", "2027-01", "2027-01", &[]),
        ]),
        Expected {
            rows: &[
                ("2027-01", "2027-03", "2027-01", "2027-03", 0),
                ("2027-04", "2027-05", "2027-04", "2027-05", 0),
                ("2027-01", "2027-01", "2027-05", "2027-05", 4),
            ],
            critical_path: &["a", "b"],
            finish: "2027-05",
            violations: &[("b", "a", "2027-04")],
        },
    );
    // B may start two months after A starts; A (6 months) drives the finish, B has 2 months of float.
    check(
        "start-to-start with lag",
        &plan(&[("a", "2027-01", "2027-06", &[]), ("b", "2027-03", "2027-04", &[("a", SS, 2)])]),
        Expected {
            rows: &[("2027-01", "2027-06", "2027-01", "2027-06", 0), ("2027-03", "2027-04", "2027-05", "2027-06", 2)],
            critical_path: &["a"],
            finish: "2027-06",
            violations: &[],
        },
    );
    // A negative lag overlaps B with A's last month.
    check(
        "finish-to-start with overlap",
        &plan(&[("a", "2027-01", "2027-03", &[]), ("b", "2027-03", "2027-04", &[("a", FS, -1)])]),
        Expected {
            rows: &[("2027-01", "2027-03", "2027-01", "2027-03", 0), ("2027-03", "2027-04", "2027-03", "2027-04", 0)],
            critical_path: &["a", "b"],
            finish: "2027-04",
            violations: &[],
        },
    );
    // B is planned to start in June, later than A allows: its planned start drives it, and A
    // has three months of float.
    check(
        "planned start as start-no-earlier-than",
        &plan(&[("a", "2027-01", "2027-02", &[]), ("b", "2027-06", "2027-06", &[("a", FS, 0)])]),
        Expected {
            rows: &[("2027-01", "2027-02", "2027-04", "2027-05", 3), ("2027-06", "2027-06", "2027-06", "2027-06", 0)],
            critical_path: &["b"],
            finish: "2027-06",
            violations: &[],
        },
    );
    // A diamond: D needs both B (long) and C (short); the path runs through B.
    check(
        "diamond",
        &plan(&[
            ("a", "2027-01", "2027-02", &[]),
            ("b", "2027-03", "2027-08", &[("a", FS, 0)]),
            ("c", "2027-03", "2027-04", &[("a", FS, 0)]),
            ("d", "2027-09", "2027-10", &[("b", FS, 0), ("c", FS, 1)]),
        ]),
        Expected {
            rows: &[
                ("2027-01", "2027-02", "2027-01", "2027-02", 0),
                ("2027-03", "2027-08", "2027-03", "2027-08", 0),
                ("2027-03", "2027-04", "2027-06", "2027-07", 3),
                ("2027-09", "2027-10", "2027-09", "2027-10", 0),
            ],
            critical_path: &["a", "b", "d"],
            finish: "2027-10",
            violations: &[],
        },
    );
}

#[test]
fn an_empty_roadmap_schedules_to_nothing() {
    let s = schedule(&plan(&[])).expect("schedule");
    assert!(s.rows.is_empty() && s.critical_path.is_empty());
    assert_eq!((s.start, s.finish), (None, None));
}

#[test]
fn cycles_and_missing_predecessors_are_named() {
    let p = plan(&[
        ("a", "2027-01", "2027-02", &[("c", FS, 0)]),
        ("b", "2027-01", "2027-02", &[("a", FS, 0)]),
        ("c", "2027-01", "2027-02", &[("b", SS, 0)]),
        ("d", "2027-01", "2027-02", &[]),
    ]);
    let err = schedule(&p).expect_err("cycle");
    let RoadmapError::Cycle(names) = &err else { panic!("{err}") };
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(sorted, ["A", "B", "C"]);
    assert!(err.to_string().starts_with("the dependencies form a cycle: \""), "{err}");

    let p = plan(&[("a", "2027-01", "2027-02", &[("ghost", FS, 0)])]);
    assert_eq!(
        schedule(&p).expect_err("missing").to_string(),
        "initiative \"A\" depends on \"ghost\", which is not in the plan"
    );
}

#[test]
fn moving_an_initiative_pushes_only_the_dependents_that_must_move() {
    let p = plan(&[
        ("a", "2027-01", "2027-03", &[]),
        ("b", "2027-04", "2027-05", &[("a", FS, 0)]),
        ("c", "2027-09", "2027-09", &[("a", FS, 0)]),
        ("d", "2027-07", "2027-07", &[("b", FS, 1)]),
        ("e", "2027-01", "2027-12", &[]),
    ]);
    let moves = reschedule(&p, "a", ym("2027-03"), ym("2027-05")).expect("move");
    let got: Vec<(&str, YearMonth, YearMonth, i32)> =
        moves.iter().map(|m| (m.id.as_str(), m.start, m.end, m.by_months)).collect();
    // A moves two months; B must follow (June); D must then start in September (lag 1);
    // C (September) still fits; E is unrelated.
    assert_eq!(
        got,
        [
            ("a", ym("2027-03"), ym("2027-05"), 2),
            ("b", ym("2027-06"), ym("2027-07"), 2),
            ("d", ym("2027-09"), ym("2027-09"), 2)
        ]
    );
    // Moving earlier pulls nothing.
    let moves = reschedule(&p, "a", ym("2026-11"), ym("2027-01")).expect("move");
    assert_eq!(moves.len(), 1);
    assert!(matches!(reschedule(&p, "zz", ym("2027-01"), ym("2027-02")), Err(RoadmapError::UnknownInitiative(_))));
    assert!(matches!(reschedule(&p, "a", ym("2027-03"), ym("2027-02")), Err(RoadmapError::Date { .. })));
}

#[test]
fn milestones_follow_a_moved_initiative_but_not_a_resized_one() {
    use cairn_core::{Milestone, MilestoneKind};
    let mut p = plan(&[("a", "2027-01", "2027-03", &[]), ("b", "2027-04", "2027-06", &[("a", FS, 0)])]);
    for x in p.initiatives.iter_mut().map(std::sync::Arc::make_mut) {
        x.milestones.push(Milestone { name: "Go-live".into(), month: x.end, kind: MilestoneKind::GoLive });
    }
    // A moves whole two months later and pushes B: both go-lives follow.
    let moves = reschedule(&p, "a", ym("2027-03"), ym("2027-05")).expect("move");
    let mut moved = p.clone();
    cairn_roadmap::apply_moves(&mut moved, &moves).expect("apply");
    let go_live = |p: &Plan, k: usize| p.initiatives[k].milestones[0].month;
    assert_eq!((go_live(&moved, 0), go_live(&moved, 1)), (ym("2027-05"), ym("2027-08")));
    // Resizing A (a later end only) keeps its milestone; B, pushed whole, takes its own along.
    let moves = reschedule(&p, "a", ym("2027-01"), ym("2027-04")).expect("resize");
    let mut resized = p.clone();
    cairn_roadmap::apply_moves(&mut resized, &moves).expect("apply");
    assert_eq!((go_live(&resized, 0), go_live(&resized, 1)), (ym("2027-03"), ym("2027-07")));
}

#[test]
fn budget_rolls_up_by_theme_against_ceilings() {
    let mut p =
        plan(&[("a", "2027-01", "2027-12", &[]), ("b", "2027-01", "2027-12", &[]), ("c", "2027-01", "2027-12", &[])]);
    let k = |n: i64| Decimal::from(n * 1000);
    p.initiative_mut(0).theme = Some(id("theme-cyber"));
    p.initiative_mut(0).budget = Budget::Entered {
        years: vec![
            BudgetYear { year: FiscalYear(2027), capex: k(100), opex: k(50) },
            BudgetYear { year: FiscalYear(2028), capex: k(0), opex: k(60) },
            BudgetYear { year: FiscalYear(2040), capex: k(7), opex: k(0) },
        ],
    };
    p.initiative_mut(1).theme = Some(id("theme-cyber"));
    p.initiative_mut(1).budget =
        Budget::Entered { years: vec![BudgetYear { year: FiscalYear(2027), capex: k(10), opex: k(5) }] };
    p.initiative_mut(2).budget =
        Budget::Entered { years: vec![BudgetYear { year: FiscalYear(2028), capex: k(30), opex: k(0) }] };
    p.settings.roadmap.budget_ceilings = vec![
        BudgetCeiling { year: FiscalYear(2027), theme: Some(id("theme-cyber")), amount: k(120) },
        BudgetCeiling { year: FiscalYear(2028), theme: None, amount: k(100) },
    ];
    let b = budget(&p).expect("budget");
    // Six themes and a lane for C, which has none.
    assert_eq!(b.themes.len(), 7);
    assert_eq!(b.themes[6], None);
    let fy27 = &b.years[0];
    assert_eq!(fy27.label, "FY2027");
    let cyber = &fy27.themes[1];
    assert_eq!((cyber.capex, cyber.opex, cyber.total), (k(110), k(55), k(165)));
    assert_eq!((cyber.ceiling, cyber.over_by), (Some(k(120)), Some(k(45))));
    assert_eq!((fy27.total, fy27.ceiling, fy27.over_by), (k(165), None, None));
    let fy28 = &b.years[1];
    assert_eq!((fy28.capex, fy28.opex, fy28.total, fy28.over_by), (k(30), k(60), k(90), None));
    assert_eq!(fy28.themes[6].total, k(30));
    assert_eq!(b.total, k(255));
    assert_eq!(b.outside_horizon, k(7));

    // Overflow is an error, not a panic.
    p.initiative_mut(1).budget =
        Budget::Entered { years: vec![BudgetYear { year: FiscalYear(2027), capex: Decimal::MAX, opex: Decimal::MAX }] };
    assert!(matches!(budget(&p), Err(RoadmapError::Amount { .. })));
}

#[test]
fn the_demo_roadmap_schedules_and_breaks_its_ceilings_on_purpose() {
    let p = demo_plan();
    let s = schedule(&p).expect("schedule");
    assert_eq!(s.rows.len(), p.initiatives.len());
    assert!(s.violations.is_empty(), "{:?}", s.violations);
    assert!(!s.critical_path.is_empty());
    assert_eq!(s.finish, Some(ym("2031-06")));
    let b = budget(&p).expect("budget");
    let over: Vec<&str> = b.years.iter().filter(|y| y.over_by.is_some()).map(|y| y.label.as_str()).collect();
    assert!(!over.is_empty() && over.len() < 5, "years over the ceiling: {over:?}");
    // The linked business cases' costs are in (what going ahead adds): ERP capex in FY2027
    // includes its upfront column.
    let erp = p.business_cases.iter().find(|c| c.id.as_str() == "case-erp").expect("erp");
    let evaluation = cairn_case::evaluate_preferred(erp, &cairn_case::Context::of(&p)).expect("evaluate");
    let erp_fy27 = evaluation.totals.costs[0] + evaluation.totals.costs[1];
    assert_eq!(b.years[0].themes[4].total, erp_fy27 + Decimal::from(450_000));
    let c = capacity(&p).expect("capacity");
    assert_eq!(c.quarters.len(), 20);
    assert_eq!(c.quarters[0].label, "FY2027 Q1");
    assert!(c.quarters.iter().any(|q| q.over_by.is_some()), "some quarter is over capacity");
    let sum: Decimal = p
        .initiatives
        .iter()
        .flat_map(|x| &x.fte)
        .filter(|q| q.year == FiscalYear(2027) && q.quarter == 1)
        .map(|q: &QuarterFte| q.fte)
        .sum();
    assert_eq!(c.quarters[0].demand, sum);
}

/// A random acyclic roadmap: initiative k may depend on any earlier one.
fn arb_plan() -> impl Strategy<Value = Plan> {
    proptest::collection::vec(
        (0i32..24, 1i32..12, proptest::collection::vec((0usize..100, any::<bool>(), -3i32..4), 0..3)),
        1..25,
    )
    .prop_map(|rows| {
        let mut p = plan(&[]);
        for (k, (offset, months, deps)) in rows.into_iter().enumerate() {
            let start = ym("2027-01").add_months(offset).expect("month");
            let end = start.add_months(months - 1).expect("month");
            let mut x = Initiative::new(id(&format!("i{k}")), format!("I{k}"), start, end);
            for (on, ss, lag) in deps {
                if k == 0 {
                    break;
                }
                let on = on % k;
                let on_id = id(&format!("i{on}"));
                if x.dependencies.iter().any(|d| d.on == on_id) {
                    continue;
                }
                let lag = lag.max(-p.initiatives[on].months());
                x.dependencies.push(Dependency { on: on_id, kind: if ss { SS } else { FS }, lag_months: lag });
            }
            p.initiatives.push(x.into());
        }
        p
    })
}

proptest! {
    #[test]
    fn float_is_never_negative_and_the_critical_path_reaches_the_finish(p in arb_plan()) {
        let s = schedule(&p).expect("schedule");
        for row in &s.rows {
            prop_assert!(row.total_float >= 0);
            prop_assert!(row.early_start >= p.initiatives.iter().find(|x| x.id == row.id).expect("row").start);
        }
        let finish = s.finish.expect("finish");
        let row = |id: &Id| s.rows.iter().find(|r| &r.id == id).expect("row");
        let last = s.critical_path.last().expect("a critical path");
        prop_assert_eq!(row(last).early_finish, finish);
        // Every link of the chain is a dependency, and its head starts at its own planned start
        // (nothing earlier drives it).
        for pair in s.critical_path.windows(2) {
            let x = p.initiatives.iter().find(|x| x.id == pair[1]).expect("initiative");
            prop_assert!(x.dependencies.iter().any(|d| d.on == pair[0]));
        }
        let head = p.initiatives.iter().find(|x| x.id == s.critical_path[0]).expect("head");
        prop_assert_eq!(row(&head.id).early_start, head.start);
        prop_assert!(s.critical_path.iter().all(|id| row(id).critical));
    }

    #[test]
    fn with_one_start_date_the_critical_chain_spans_the_project(mut p in arb_plan()) {
        for x in p.initiatives.iter_mut().map(std::sync::Arc::make_mut) {
            let months = x.months();
            x.start = ym("2027-01");
            x.end = x.start.add_months(months - 1).expect("month");
        }
        let s = schedule(&p).expect("schedule");
        let row = |id: &Id| s.rows.iter().find(|r| &r.id == id).expect("row");
        prop_assert_eq!(row(&s.critical_path[0]).early_start, ym("2027-01"));
        prop_assert_eq!(Some(row(s.critical_path.last().expect("last")).early_finish), s.finish);
    }

    #[test]
    fn moving_within_float_keeps_the_finish(p in arb_plan(), pick in 0usize..100, by in 1i32..12) {
        let s = schedule(&p).expect("schedule");
        let k = pick % p.initiatives.len();
        let float = s.rows[k].total_float;
        prop_assume!(float > 0);
        let shift = by.min(float);
        let mut moved = p.clone();
        // Move its planned dates to its early start plus the shift: still within its float.
        let x = moved.initiative_mut(k);
        let months = x.months();
        x.start = s.rows[k].early_start.add_months(shift).expect("month");
        x.end = x.start.add_months(months - 1).expect("month");
        prop_assert_eq!(schedule(&moved).expect("schedule").finish, s.finish);
    }

    #[test]
    fn a_move_leaves_no_dependent_violated(p in arb_plan(), pick in 0usize..100, by in -6i32..12) {
        let k = pick % p.initiatives.len();
        let x = &p.initiatives[k];
        let moves = reschedule(&p, x.id.as_str(), x.start.add_months(by).expect("month"), x.end.add_months(by).expect("month")).expect("move");
        let before = schedule(&p).expect("schedule");
        let mut moved = p.clone();
        for m in &moves {
            let y = moved.initiatives.iter_mut().find(|y| y.id == m.id).map(std::sync::Arc::make_mut).expect("moved");
            prop_assert_eq!(y.months(), m.start.months_until(m.end) + 1);
            y.start = m.start;
            y.end = m.end;
        }
        let after = schedule(&moved).expect("schedule");
        // Violations after the move are the moved initiative's own (it may be dragged before a
        // predecessor; the timeline flags that) or were already there before it.
        for v in after.violations.iter().filter(|v| v.initiative != p.initiatives[k].id) {
            prop_assert!(before.violations.iter().any(|w| w.initiative == v.initiative && w.on == v.on), "{v:?}");
        }
    }
}

#[test]
fn csv_round_trips_the_demo_roadmap() {
    let p = demo_plan();
    let text = cairn_roadmap::initiatives_to_csv(&p);
    let header = text.lines().next().expect("header");
    assert_eq!(
        header,
        "id,name,theme,owner,status,start,end,goals,priority,risk,depends_on,budget_case,capex_2027,opex_2027,\
         capex_2028,opex_2028,capex_2029,opex_2029,capex_2030,opex_2030,capex_2031,opex_2031,description"
    );
    assert!(text.contains("citizen-portal,Resident portal (MyRiverton),theme-citizen"), "{text}");
    assert!(text.contains("cloud-landing-zone;identity SS+9"), "{text}");
    // Importing the export over an empty roadmap gives the same initiatives back (milestones
    // and FTE are not in the CSV).
    let mut empty = p.clone();
    empty.initiatives.clear();
    let back = cairn_roadmap::initiatives_from_csv(&empty, &text).expect("import");
    let strip = |xs: &[std::sync::Arc<Initiative>]| -> Vec<Initiative> {
        xs.iter()
            .map(|x| {
                let mut x = (**x).clone();
                x.milestones.clear();
                x.fte.clear();
                x
            })
            .collect()
    };
    assert_eq!(strip(&back), strip(&p.initiatives));
    // Importing over the plan itself replaces by id and keeps milestones and FTE.
    assert_eq!(cairn_roadmap::initiatives_from_csv(&p, &text).expect("import"), p.initiatives);
}

/// (text as stored, cell as written to a spreadsheet file)
const SPREADSHEET_TEXT: [(&str, &str); 13] = [
    ("=HYPERLINK(\"http://evil.example\",\"Click\")", "'=HYPERLINK(\"http://evil.example\",\"Click\")"),
    ("+1+2", "'+1+2"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1)", "'@SUM(A1)"),
    ("\tcmd", "'\tcmd"),
    ("\rcmd", "'\rcmd"),
    // Apostrophes and then a formula character: one more, so the import gives back the same.
    ("'=already", "''=already"),
    ("''+x", "'''+x"),
    // Anything else is left as it is, an apostrophe a person typed included.
    ("'quoted'", "'quoted'"),
    ("a=b", "a=b"),
    ("Resident portal", "Resident portal"),
    ("", ""),
    ("−5 (a true minus sign)", "−5 (a true minus sign)"),
];

#[test]
fn spreadsheet_text_marks_formula_starts_and_is_undone_exactly() {
    for (text, cell) in SPREADSHEET_TEXT {
        assert_eq!(cairn_roadmap::spreadsheet_text(text), cell, "{text:?}");
        assert_eq!(cairn_roadmap::from_spreadsheet_text(cell), text, "{cell:?}");
    }
}

proptest! {
    #[test]
    fn spreadsheet_text_never_starts_a_formula_and_round_trips(text in "['=+@\t\r-]{0,3}\\PC{0,8}") {
        let cell = cairn_roadmap::spreadsheet_text(&text);
        prop_assert!(!cell.starts_with(['=', '+', '-', '@', '\t', '\r']), "{cell:?}");
        prop_assert_eq!(cairn_roadmap::from_spreadsheet_text(&cell), text.as_str());
    }
}

#[test]
fn csv_text_cells_are_never_formulas_and_numbers_stay_numbers() {
    let mut p = plan(&[("a", "2027-01", "2027-06", &[])]);
    let x = p.initiative_mut(0);
    x.name = "=HYPERLINK(\"http://evil.example\",\"Click\")".into();
    x.owner = "@SUM(1+1)".into();
    x.description = "-2+3 and\ttabs".into();
    x.budget = Budget::Entered {
        years: vec![BudgetYear {
            year: FiscalYear(2027),
            capex: Decimal::from(1_250_000),
            opex: Decimal::from(-40_000),
        }],
    };
    let text = cairn_roadmap::initiatives_to_csv(&p);
    let row = text.lines().nth(1).expect("row");
    assert!(
        row.starts_with(
            "a,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"Click\"\")\",,'@SUM(1+1),proposed,2027-01,2027-06,"
        ),
        "{row}"
    );
    // Amounts are numbers, a negative one too; the description is text.
    assert!(row.ends_with(",1250000,-40000,,,,,,,,,'-2+3 and\ttabs"), "{row}");
    // The import reads back what the export wrote.
    let back = cairn_roadmap::initiatives_from_csv(&p, &text).expect("import");
    assert_eq!(back, p.initiatives);
}

#[test]
fn a_bad_csv_names_every_line_and_column_and_imports_nothing() {
    let p = plan(&[]);
    let text = "id,name,start,end,status,priority,depends_on,capex_2027\n\
                a,Alpha,2027-01,2027-06,approved,50,,100000\n\
                b,,2027-13,2027-06,sideways,150,a XX,12x\n\
                a,Again,2027-01,2027-02,,,,\n\
                ,New one,2027-02,2027-04,,,a SS-1,\"1,250,000\"\n";
    let problems = cairn_roadmap::initiatives_from_csv(&p, text).expect_err("bad rows");
    let got: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        got,
        [
            "line 3, column \"name\": must not be empty",
            "line 3, column \"start\": month must be between 1 and 12, not 13",
            "line 4, column \"id\": \"a\" appears twice in the file",
        ]
    );
    // Fix line 3's dates: the remaining problems of that row all show.
    let text = text.replace("b,,2027-13", "b,,2027-01");
    let got: Vec<String> =
        cairn_roadmap::initiatives_from_csv(&p, &text).expect_err("bad").iter().map(ToString::to_string).collect();
    assert_eq!(
        got,
        [
            "line 3, column \"name\": must not be empty",
            "line 3, column \"status\": \"sideways\" is not a status: use proposed, approved, in_progress, done, on_hold or cancelled",
            "line 3, column \"priority\": \"150\" is not a priority from 0 to 100",
            "line 3, column \"depends_on\": \"a XX\": write the kind as FS or SS, e.g. \"a SS+2\"",
            "line 3, column \"capex_2027\": \"12x\" is not an amount (e.g. 1250000 or 1,250,000.50)",
            "line 4, column \"id\": \"a\" appears twice in the file",
        ]
    );
    let missing = cairn_roadmap::initiatives_from_csv(&p, "id,name\nx,y\n").expect_err("columns");
    assert_eq!(missing[0].to_string(), "line 1, column \"start\": this column is required");
    // A good file: a new id from the name, amounts with separators.
    let good = "id,name,start,end,depends_on,capex_2027\na,Alpha,2027-01,2027-06,,100000\n,New one,2027-02,2027-04,a SS-1,\"1,250,000\"\n";
    let xs = cairn_roadmap::initiatives_from_csv(&p, good).expect("good");
    assert_eq!(xs[1].id.as_str(), "new-one");
    assert_eq!(xs[1].dependencies, [Dependency { on: id("a"), kind: SS, lag_months: -1 }]);
    assert_eq!(
        xs[1].budget,
        Budget::Entered {
            years: vec![BudgetYear { year: FiscalYear(2027), capex: Decimal::from(1_250_000), opex: Decimal::ZERO }]
        }
    );
}

#[test]
fn ms_project_xml_round_trips_initiatives_milestones_and_dependencies() {
    let p = demo_plan();
    let xml = cairn_roadmap::initiatives_to_project_xml(&p);
    assert!(xml.contains("<Project xmlns=\"http://schemas.microsoft.com/project\">"));
    assert!(xml.contains("<WBS>erp-finance</WBS>"));
    assert!(xml.contains("<Start>2027-04-01T08:00:00</Start>"));
    assert!(xml.contains("<Finish>2029-03-31T17:00:00</Finish>"));
    // Into an empty roadmap: names, dates, milestones and dependencies come back.
    let mut empty = p.clone();
    empty.initiatives.clear();
    let back = cairn_roadmap::initiatives_from_project_xml(&empty, &xml).expect("import");
    assert_eq!(back.len(), p.initiatives.len());
    for (a, b) in back.iter().zip(&p.initiatives) {
        assert_eq!((&a.id, &a.name, a.start, a.end, &a.description), (&b.id, &b.name, b.start, b.end, &b.description));
        assert_eq!(a.dependencies, b.dependencies, "{}", a.id);
        assert_eq!(a.milestones, b.milestones, "{}", a.id);
    }
    // Over the plan itself: nothing changes.
    assert_eq!(cairn_roadmap::initiatives_from_project_xml(&p, &xml).expect("import"), p.initiatives);
    // Bad files are named, not panicked on.
    let err = cairn_roadmap::initiatives_from_project_xml(&p, "<nope/>").expect_err("not a project");
    assert!(err[0].to_string().contains("not an MS Project XML file"));
    let err = cairn_roadmap::initiatives_from_project_xml(
        &p,
        "<Project><Tasks><Task><ID>7</ID><Name>X</Name></Task></Tasks></Project>",
    )
    .expect_err("no dates");
    assert_eq!(err[0].to_string(), "task 7: a task needs a start and a finish date (YYYY-MM-DD…)");
    assert!(cairn_roadmap::initiatives_from_project_xml(&p, "not xml <").is_err());
}

/// The plan, scheduled without validation: the error names the dependency that pushes B
/// out, not a date the file holds.
#[test]
fn a_schedule_past_the_last_month_names_the_dependency() {
    let p = plan(&[("a", "2200-01", "2200-12", &[]), ("b", "2199-01", "2199-12", &[("a", FS, 12)])]);
    let err = schedule(&p).expect_err("past 2200-12").to_string();
    assert_eq!(
        err,
        "initiative \"B\": its dependency on \"A\" (lag 12 months) moves it to 2202-01 – 2202-12, past 2200-12, \
         the last month Cairn schedules"
    );
    // A lag no validation bounded neither overflows nor panics.
    let p = plan(&[("a", "2027-01", "2027-12", &[]), ("b", "2027-01", "2027-12", &[("a", FS, i32::MAX)])]);
    assert!(matches!(schedule(&p), Err(RoadmapError::Date { .. })));
    let p = plan(&[("a", "2027-01", "2027-12", &[]), ("b", "2027-01", "2027-12", &[("a", SS, i32::MIN)])]);
    assert!(schedule(&p).is_ok());
    assert!(reschedule(&p, "a", ym("2027-02"), ym("2028-01")).is_ok());
}

/// A random roadmap at the end of the years Cairn plans in, with lags up to the bound.
fn arb_late_plan() -> impl Strategy<Value = Plan> {
    proptest::collection::vec(
        (0i32..120, 1i32..60, proptest::collection::vec((0usize..100, any::<bool>(), -3i32..=360), 0..3)),
        1..12,
    )
    .prop_map(|rows| {
        let mut p = plan(&[]);
        for (k, (offset, months, deps)) in rows.into_iter().enumerate() {
            let start = ym("2190-01").add_months(offset).expect("month");
            let end = YearMonth::from_index((start.index() + months - 1).min(ym("2199-12").index())).expect("month");
            let mut x = Initiative::new(id(&format!("i{k}")), format!("I{k}"), start, end);
            for (on, ss, lag) in deps {
                if k == 0 {
                    break;
                }
                let on_id = id(&format!("i{}", on % k));
                if x.dependencies.iter().any(|d| d.on == on_id) {
                    continue;
                }
                let lag = lag.max(-p.initiatives[on % k].months());
                x.dependencies.push(Dependency { on: on_id, kind: if ss { SS } else { FS }, lag_months: lag });
            }
            p.initiatives.push(x.into());
        }
        p
    })
}

proptest! {
    /// Validation and the scheduler agree: a plan is refused for its schedule exactly when the
    /// schedule would reach past 2199-12 (or fail), so the app, the CLI and the pack, which all
    /// validate first, never meet a plan they cannot schedule.
    #[test]
    fn validation_refuses_exactly_the_schedules_past_the_last_month(p in arb_late_plan()) {
        let refused = cairn_core::validate(&p).iter().any(|problem| problem.reason.contains("the last month a plan reaches"));
        let out = match schedule(&p) {
            Ok(s) => s.finish.is_some_and(|f| f > ym("2199-12")),
            Err(_) => true,
        };
        prop_assert_eq!(refused, out);
        if !refused {
            prop_assert!(cairn_core::validate(&p).is_empty(), "{:?}", cairn_core::validate(&p));
        }
    }
}

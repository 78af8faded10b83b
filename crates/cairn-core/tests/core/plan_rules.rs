//! Plan files that broke a rule yet were read (issue 14, items 4, 7 and 8): each is now refused
//! with one line naming the field by its JSON path.

use cairn_core::{
    Currency, Dependency, DependencyKind, Id, Initiative, Override, Plan, Scenario, YearMonth, demo_plan,
    read_plan_file, write_plan_file,
};
use rust_decimal::Decimal;

fn id(text: &str) -> Id {
    Id::new(text).expect("id")
}

fn ym(text: &str) -> YearMonth {
    text.parse().expect("month")
}

fn dep(on: &str, kind: DependencyKind, lag_months: i32) -> Dependency {
    Dependency { on: id(on), kind, lag_months }
}

/// Writes `plan` as a plan file, reads it back and expects exactly one problem: a one-line error
/// starting with `path: reason…`.
fn check(what: &str, plan: &Plan, path: &str, reason: &str) {
    check_more(what, plan, path, reason, 0);
}

/// As [`check`], with `more` problems after the first.
fn check_more(what: &str, plan: &Plan, path: &str, reason: &str, more: usize) {
    let text = write_plan_file(plan, chrono::DateTime::UNIX_EPOCH);
    let err = read_plan_file(&text).expect_err(what).to_string();
    let want = format!("{path}: {reason}");
    assert!(err.starts_with(&want), "{what}:\n  got  {err}\n  want {want}…");
    match more {
        0 => assert!(!err.contains("more problem"), "{what}: only this problem: {err}"),
        1 => assert!(err.ends_with(" (and 1 more problem)"), "{what}: {err}"),
        n => assert!(err.ends_with(&format!(" (and {n} more problems)")), "{what}: {err}"),
    }
    assert!(!err.contains(|c: char| c.is_control()), "{what}: one line: {err:?}");
}

fn reads(what: &str, plan: &Plan) {
    let text = write_plan_file(plan, chrono::DateTime::UNIX_EPOCH);
    if let Err(e) = read_plan_file(&text) {
        panic!("{what}: {e}");
    }
}

/// The demo plan with its baseline changed by `edit`.
fn baseline(edit: impl FnOnce(&mut Plan)) -> Plan {
    let mut plan = demo_plan();
    edit(&mut plan.baselines[0].plan);
    plan
}

#[test]
fn a_baseline_obeys_every_rule_of_a_plan() {
    reads("the demo", &demo_plan());
    let b = "$.plan.baselines[0].plan";
    // Demo initiative 0 is the landing zone, 1 the data-centre exit that follows it.
    check(
        "a cycle",
        &baseline(|p| p.initiative_mut(0).dependencies.push(dep("dc-exit", DependencyKind::FinishToStart, 0))),
        &format!("{b}.initiatives[1].dependencies"),
        "the dependencies form a cycle",
    );
    check(
        "a missing dependency",
        &baseline(|p| p.initiative_mut(1).dependencies.push(dep("ghost", DependencyKind::FinishToStart, 0))),
        &format!("{b}.initiatives[1].dependencies[1].on"),
        "no initiative has the id \"ghost\"",
    );
    check(
        "a duplicate id",
        &baseline(|p| p.themes.push(p.themes[0].clone())),
        &format!("{b}.themes[6].id"),
        "duplicate id",
    );
    check(
        "start month 13",
        &baseline(|p| p.settings.fiscal_calendar.start_month = 13),
        &format!("{b}.settings.fiscal_calendar.start_month"),
        "must be a month from 1 to 12, not 13",
    );
    check(
        "an end before its start",
        &baseline(|p| p.initiative_mut(3).end = p.initiative_mut(3).start.add_months(-1).expect("month")),
        &format!("{b}.initiatives[3].end"),
        "ends (",
    );
    check(
        "another currency",
        &baseline(|p| p.settings.currency = Currency::from_code("EUR").expect("EUR")),
        &format!("{b}.settings.currency"),
        "is EUR, but the plan is in USD",
    );
    check(
        "an amount over 1e15",
        &baseline(|p| p.settings.roadmap.budget_ceilings[0].amount = Decimal::from(2_000_000_000_000_000_i64)),
        &format!("{b}.settings.roadmap.budget_ceilings[0].amount"),
        "is too large",
    );
    check(
        "an AHP judgement of 0",
        &baseline(|p| p.sourcing_studies[1].judgements[0].intensity = 0),
        &format!("{b}.sourcing_studies[1].judgements[0].intensity"),
        "must be on Saaty's scale, 1 to 9, not 0",
    );
    // The landing zone moved to 2199 pushes each of the four initiatives that follow it out.
    check_more(
        "a schedule past the last month",
        &baseline(|p| {
            p.initiative_mut(0).start = ym("2199-01");
            p.initiative_mut(0).end = ym("2199-12");
        }),
        &format!("{b}.initiatives[1].dependencies[0]"),
        "the dependency on \"Cloud landing zone and operating model\" (finish-to-start, lag 0 months) moves \"Data-centre exit to cloud\" to 2200-01 – 2202-03",
        3,
    );
}

/// A plan holding only these initiatives: (id, start, end, dependencies).
fn roadmap(rows: &[(&str, &str, &str, Vec<Dependency>)]) -> Plan {
    let mut p = Plan::from_header(demo_plan().header());
    p.settings.roadmap = Default::default();
    p.initiatives = rows
        .iter()
        .map(|(key, start, end, deps)| {
            let mut x = Initiative::new(id(key), key.to_uppercase(), ym(start), ym(end));
            x.dependencies.clone_from(deps);
            x.into()
        })
        .collect();
    p
}

#[test]
fn a_schedule_that_leaves_the_years_cairn_plans_in_is_refused_by_the_dependency_that_pushes_it() {
    use DependencyKind::{FinishToStart as FS, StartToStart as SS};
    // The plan: B follows A (2199) by a year.
    check(
        "B finish-to-start on A, lag 12",
        &roadmap(&[("a", "2199-01", "2199-12", vec![]), ("b", "2199-01", "2199-12", vec![dep("a", FS, 12)])]),
        "$.plan.initiatives[1].dependencies[0]",
        "the dependency on \"A\" (finish-to-start, lag 12 months) moves \"B\" to 2201-01 – 2201-12, past 2199-12, \
         the last month a plan reaches; shorten the lag or plan \"A\" earlier",
    );
    // Both lags are named, and so is the push past 2199 that the second one makes.
    check_more(
        "two lags of 1,200 months",
        &roadmap(&[
            ("a", "2027-01", "2027-12", vec![]),
            ("b", "2027-01", "2027-12", vec![dep("a", FS, 1200)]),
            ("c", "2027-01", "2027-12", vec![dep("b", FS, 1200)]),
        ]),
        "$.plan.initiatives[1].dependencies[0].lag_months",
        "a lag of 1200 months is longer than Cairn accepts: at most 360 months",
        2,
    );
    // Lags each within bounds, the chain not: only the cause is named, not C's successor D.
    check(
        "a chain of 30-year lags",
        &roadmap(&[
            ("a", "2150-01", "2150-12", vec![]),
            ("b", "2150-01", "2150-12", vec![dep("a", FS, 360)]),
            ("c", "2150-01", "2150-12", vec![dep("b", FS, 360)]),
            ("d", "2150-01", "2150-12", vec![dep("c", SS, 0)]),
        ]),
        "$.plan.initiatives[2].dependencies[0]",
        "the dependency on \"B\" (finish-to-start, lag 360 months) moves \"C\" to 2212-01 – 2212-12",
    );
    check(
        "start-to-start",
        &roadmap(&[("a", "2199-01", "2199-12", vec![]), ("b", "2190-01", "2190-12", vec![dep("a", SS, 6)])]),
        "$.plan.initiatives[1].dependencies[0]",
        "the dependency on \"A\" (start-to-start, lag 6 months) moves \"B\" to 2199-07 – 2200-06",
    );
    // Up to the last month is fine.
    reads(
        "ending in 2199-12",
        &roadmap(&[("a", "2198-01", "2198-12", vec![]), ("b", "2190-01", "2190-12", vec![dep("a", FS, 0)])]),
    );
    reads(
        "a lag of 360 months",
        &roadmap(&[("a", "2027-01", "2027-12", vec![]), ("b", "2027-01", "2027-12", vec![dep("a", FS, 360)])]),
    );

    // A scenario that moves A into 2199 pushes B out in the scenario only.
    let mut plan = roadmap(&[("a", "2190-01", "2190-12", vec![]), ("b", "2190-01", "2190-12", vec![dep("a", FS, 12)])]);
    reads("the plan itself", &plan);
    plan.scenarios.push(Scenario {
        id: id("late"),
        name: "Late".into(),
        description: String::new(),
        parent: None,
        overrides: vec![Override::InitiativeDates { initiative: id("a"), start: ym("2199-01"), end: ym("2199-12") }],
    });
    check(
        "a scenario",
        &plan,
        "$.plan.scenarios[0].overrides",
        "in this scenario, the dependency on \"A\" (finish-to-start, lag 12 months) moves \"B\" to 2201-01 – 2201-12",
    );
    // Left out, A pushes nothing.
    plan.scenarios[0].overrides.push(Override::InitiativeIncluded { initiative: id("a"), included: false });
    reads("a scenario without A", &plan);
}

#[test]
fn control_characters_never_make_a_second_line_of_error() {
    let text = write_plan_file(&demo_plan(), chrono::DateTime::UNIX_EPOCH);
    let first_status = text.find("\"status\": \"").expect("a status");
    let value_start = first_status + "\"status\": \"".len();
    let value_end = value_start + text[value_start..].find('"').expect("end of status");
    let forged = format!("{}approved\\nerror: all good{}", &text[..value_start], &text[value_end..]);
    let err = read_plan_file(&forged).expect_err("not a status").to_string();
    assert!(err.starts_with("$.plan.initiatives[0].status: unknown variant `approved\\nerror: all good`"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err:?}");

    let named = text.replacen("\"name\": \"Cloud landing zone", "\"name\": \"Cloud\\tlanding zone", 1);
    let err = read_plan_file(&named).expect_err("a tab in a name").to_string();
    assert!(
        err.starts_with(
            "$.plan.initiatives[0].name: must be one line without control characters, but character 6 is a tab (U+0009)"
        ),
        "{err}"
    );
    // Descriptions keep their line breaks.
    let described = text.replacen("\"description\": \"", "\"description\": \"Two\\nlines, \\ttabbed. ", 1);
    assert!(read_plan_file(&described).is_ok());
}

/// The demo plan with initiative 0's duration range set (it is planned to last `months()`).
fn with_range(optimistic: u32, most_likely: Option<u32>, pessimistic: u32) -> Plan {
    let mut plan = demo_plan();
    let x = plan.initiative_mut(0);
    x.duration_range = Some(cairn_core::DurationRange {
        optimistic_months: optimistic,
        most_likely_months: most_likely,
        pessimistic_months: pessimistic,
    });
    plan
}

#[test]
fn a_duration_range_is_ordered_and_bounded() {
    let planned = u32::try_from(demo_plan().initiatives[0].months()).expect("months");
    let at = "$.plan.initiatives[0].duration_range";
    reads("a range around the planned duration", &with_range(1, None, planned + 6));
    reads("a stated most likely", &with_range(1, Some(planned + 2), planned + 6));
    reads("a collapsed range", &with_range(planned, None, planned));
    check("no duration", &with_range(0, None, planned), &format!("{at}.optimistic_months"), "must be at least 1 month");
    check(
        "optimistic past the planned",
        &with_range(planned + 1, None, planned + 2),
        &format!("{at}.optimistic_months"),
        &format!("{} months is longer than the planned duration ({planned} months)", planned + 1),
    );
    check(
        "pessimistic before the most likely",
        &with_range(1, Some(planned), planned - 1),
        &format!("{at}.pessimistic_months"),
        &format!("{} months is shorter than the most likely duration ({planned} months)", planned - 1),
    );
    check(
        "too long",
        &with_range(1, None, 361),
        &format!("{at}.pessimistic_months"),
        "361 months is longer than Cairn accepts: at most 360 months",
    );
}

#[test]
fn the_duration_spread_keeps_a_duration_positive() {
    let spread = |below, above| {
        let mut plan = demo_plan();
        plan.settings.roadmap.duration_spread =
            cairn_core::DurationSpread { below_percent: below, above_percent: above };
        plan
    };
    reads("a spread", &spread(20, 100));
    let at = "$.plan.settings.roadmap.duration_spread";
    check("all below", &spread(100, 10), &format!("{at}.below_percent"), "must be below 100, not 100");
    check("far above", &spread(0, 1001), &format!("{at}.above_percent"), "must be at most 1000, not 1001");
}

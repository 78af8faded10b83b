//! Budget-cut helper use cases: a proposal on the demo plan, accepted into one undoable scenario;
//! bad input names the field.

use cairn_api::ErrorCode;
use cairn_api::budget_cut_dto::{
    BudgetCutCeilingDto, BudgetCutModeDto, BudgetCutOutcomeDto, BudgetCutRequestDto, BudgetCutValueDto,
};

use crate::{now, open};

fn demo() -> (tempfile::TempDir, cairn_api::Cairn, String) {
    let dir = tempfile::tempdir().expect("tmp");
    let cairn = open(dir.path(), true);
    let plan = cairn.list_plans().expect("plans")[0].id.clone();
    (dir, cairn, plan)
}

fn cut(percent: &str, from_year: i32) -> BudgetCutRequestDto {
    BudgetCutRequestDto {
        mode: BudgetCutModeDto::Percent,
        percent: percent.into(),
        from_year,
        ceilings: Vec::new(),
        value: BudgetCutValueDto::Priority,
        max_deferral_years: 2,
        pinned: Vec::new(),
    }
}

#[test]
fn a_proposal_is_accepted_into_one_undoable_scenario() {
    let (_dir, cairn, plan) = demo();
    let before = cairn.plan(&plan).expect("plan");
    let p = cairn.propose_budget_cut(&plan, None, &cut("15", 2028)).expect("proposal");
    assert_eq!(p.outcome, BudgetCutOutcomeDto::Optimal, "{}", p.summary);
    assert!(!p.decisions.is_empty());
    assert_eq!(p.default_name, "Budget cut 15 % from FY2028");
    for y in &p.years {
        assert!(!y.over_after, "{} {}", y.year, y.scope);
    }
    assert_eq!(cairn.plan(&plan).expect("plan"), before, "proposing stores nothing");

    let done = cairn.accept_budget_cut(&plan, None, &cut("15", 2028), "Cut 15", now()).expect("accept");
    // A drop is one override; a deferral two (its dates, and its budget moved with them), and a
    // third when it needs people (its FTE demand moved with them).
    let deferred: Vec<_> = p.decisions.iter().filter(|d| d.start.is_some()).collect();
    let with_fte = deferred
        .iter()
        .filter(|d| before.initiatives.iter().any(|x| x.id.as_str() == d.initiative && !x.fte.is_empty()))
        .count();
    assert!(with_fte > 0, "the demo's deferrals need people");
    // And the cut ceilings: the portfolio's and the cybersecurity theme's, FY2028 to FY2031.
    let ceilings = 8;
    assert_eq!(done.overrides as usize, p.decisions.len() + deferred.len() + with_fte + ceilings);
    let after = cairn.plan(&plan).expect("plan");
    let s = after.scenarios.iter().find(|s| s.id.as_str() == done.scenario_id).expect("stored");
    assert_eq!(s.name, "Cut 15");
    assert_eq!(s.parent, None);
    assert_eq!(after.initiatives, before.initiatives, "the plan itself is untouched");
    // Resolved, the scenario leaves out the drops and moves the deferrals.
    let resolved = cairn_core::resolve(&after, &done.scenario_id).expect("resolve");
    for d in &p.decisions {
        let x = resolved.initiatives.iter().find(|x| x.id.as_str() == d.initiative);
        match d.start.as_deref() {
            None => assert!(x.is_none(), "{} dropped", d.name),
            Some(start) => {
                let x = x.expect("deferred, not dropped");
                assert_eq!(x.start.to_string(), start);
                // Its FTE demand moved by the same whole years as its dates.
                let planned = before.initiatives.iter().find(|p| p.id == x.id).expect("planned");
                let years = planned.start.months_until(x.start) / 12;
                let moved: Vec<_> = planned.fte.iter().map(|q| (q.year.0 + years, q.quarter, q.fte)).collect();
                assert_eq!(x.fte.iter().map(|q| (q.year.0, q.quarter, q.fte)).collect::<Vec<_>>(), moved, "{}", d.name);
            }
        }
    }
    // The scenario holds 85 % of every ceiling from FY2028 on as its own (the plan's before),
    // and its roadmap spend fits them.
    let r = cairn.roadmap(&plan, Some(&done.scenario_id), None).expect("scenario roadmap");
    let planned = cairn.roadmap(&plan, None, None).expect("plan roadmap");
    let dec = |t: &str| t.parse::<rust_decimal::Decimal>().expect("decimal");
    for (row, planned) in r.budget.rows.iter().zip(&planned.budget.rows) {
        let cells = std::iter::once((&row.all, &planned.all)).chain(row.themes.iter().zip(&planned.themes));
        for (cell, planned) in cells {
            let expected = match planned.ceiling.as_deref() {
                Some(c) if row.year >= 2028 => Some(dec(c) * rust_decimal::Decimal::new(85, 2)),
                other => other.map(dec),
            };
            assert_eq!(cell.ceiling.as_deref().map(dec), expected, "{} {:?}", row.label, cell.theme);
            if row.year >= 2028
                && let Some(ceiling) = &cell.ceiling
            {
                assert!(dec(&cell.total) <= dec(ceiling), "{}: {} > {ceiling}", row.label, cell.total);
            }
        }
    }
    // One undo removes the scenario.
    cairn.undo(now()).expect("undo");
    assert_eq!(cairn.plan(&plan).expect("plan").scenarios, before.scenarios);

    // A proposal on a scenario becomes that scenario's child.
    let parent = before.scenarios[0].id.to_string();
    let child =
        cairn.accept_budget_cut(&plan, Some(parent.clone()), &cut("15", 2028), "Cut on top", now()).expect("accept");
    let stored = cairn.plan(&plan).expect("plan");
    let s = stored.scenarios.iter().find(|s| s.id.as_str() == child.scenario_id).expect("stored");
    assert_eq!(s.parent.as_ref().map(ToString::to_string), Some(parent));
}

#[test]
fn bad_input_names_the_field() {
    let (_dir, cairn, plan) = demo();
    let field = |req: &BudgetCutRequestDto| {
        let e = cairn.propose_budget_cut(&plan, None, req).expect_err("bad");
        assert_eq!(e.code, ErrorCode::InvalidInput, "{e:?}");
        e.field.unwrap_or_default()
    };
    assert_eq!(field(&cut("150", 2028)), "percent");
    assert_eq!(field(&cut("-5", 2028)), "percent");
    assert_eq!(field(&cut("ten", 2028)), "percent");
    assert_eq!(field(&cut("15", 2045)), "from_year");
    let mut r = cut("15", 2028);
    r.mode = BudgetCutModeDto::Ceilings;
    r.ceilings = vec![BudgetCutCeilingDto { year: 2028, theme: String::new(), amount: "-1".into() }];
    assert_eq!(field(&r), "ceilings[0].amount");
    r.ceilings = vec![BudgetCutCeilingDto { year: 2099, theme: String::new(), amount: "1".into() }];
    assert_eq!(field(&r), "ceilings[0].year");
    r.ceilings = vec![BudgetCutCeilingDto { year: 2028, theme: "theme-nope".into(), amount: "1".into() }];
    assert_eq!(field(&r), "ceilings[0].theme");
    let mut r = cut("15", 2028);
    r.max_deferral_years = 11;
    assert_eq!(field(&r), "max_deferral_years");
    r.max_deferral_years = 1;
    r.pinned = vec!["nobody".into()];
    assert_eq!(field(&r), "pinned[0]");
    let e = cairn.propose_budget_cut(&plan, Some("no-such".into()), &cut("15", 2028)).expect_err("unknown");
    assert_eq!(e.code, ErrorCode::NotFound);
    let e = cairn.accept_budget_cut(&plan, None, &cut("15", 2028), "  ", now()).expect_err("no name");
    assert_eq!(e.field.as_deref(), Some("name"));
    let mut roomy = cut("15", 2028);
    roomy.mode = BudgetCutModeDto::Ceilings;
    roomy.ceilings = vec![BudgetCutCeilingDto { year: 2028, theme: String::new(), amount: "1000000000".into() }];
    let p = cairn.propose_budget_cut(&plan, None, &roomy).expect("proposal");
    assert_eq!(p.outcome, BudgetCutOutcomeDto::AlreadyFits);
    let e = cairn.accept_budget_cut(&plan, None, &roomy, "Nothing", now()).expect_err("nothing to accept");
    assert_eq!(e.field.as_deref(), Some("request"));
}

/// The demo's budget-cut scenario is measured against its own 85 % ceilings: FY2028's spend,
/// $10,593,250 before the portal carried optimism bias, plus its uplift on FY2028's $650,000 of
/// build (200 % × 2/21 unmitigated: $650,000 × 4/21 = $123,809.52), less the council dashboards'
/// $120,000 the cut defers to FY2029, is $10,597,059.52: under its own $10,625,000 ceiling by
/// $27,940.48.
#[test]
fn the_demo_cut_scenario_has_its_own_headroom() {
    let (_dir, cairn, plan) = demo();
    let r = cairn.roadmap(&plan, Some("scenario-budget-cut"), None).expect("scenario roadmap");
    let fy2028 = r.budget.rows.iter().find(|row| row.year == 2028).expect("FY2028");
    let dec = |t: &str| t.parse::<rust_decimal::Decimal>().expect("decimal");
    assert_eq!(fy2028.all.ceiling.as_deref().map(dec), Some(rust_decimal::Decimal::from(10_625_000)));
    assert_eq!(dec(&fy2028.all.total), dec("10597059.523809523809523809524"));
    assert_eq!(fy2028.all.over_by, None);
    assert_eq!(fy2028.all.headroom.as_deref().map(dec), Some(dec("27940.476190476190476190476")));
    let c = cairn.compare_scenarios(&plan, &["plan".into(), "scenario-budget-cut".into()]).expect("compare");
    let ceiling = |v: usize| c.variants[v].spend.iter().find(|y| y.year == "FY2028").and_then(|y| y.ceiling.clone());
    assert_eq!(ceiling(0).as_deref().map(dec), Some(rust_decimal::Decimal::from(12_500_000)));
    assert_eq!(ceiling(1).as_deref().map(dec), Some(rust_decimal::Decimal::from(10_625_000)));
    assert!(
        c.differences[0]
            .iter()
            .any(|d| d.what == "Budget ceiling FY2028 portfolio" && d.from == "$12,500,000" && d.to == "$10,625,000")
    );
}

//! The plan-health checks on the demo plan, and on the demo changed to break (or mend) one rule
//! at a time: each case names the findings the change adds and removes, by severity, code and
//! path.

use std::collections::{BTreeMap, BTreeSet};

use cairn_check::{CHECKS, Finding, Severity, check};
use cairn_core::{
    Budget, BudgetYear, Dependency, FiscalYear, Id, Milestone, MilestoneKind, Plan, YearMonth, demo_plan,
};
use rust_decimal::Decimal;

type Key = (Severity, &'static str, String);

fn month(text: &str) -> YearMonth {
    text.parse().expect("month")
}

fn at(plan: &Plan, id: &str) -> usize {
    plan.initiatives.iter().position(|x| x.id.as_str() == id).expect("a demo initiative")
}

fn id(text: &str) -> Id {
    Id::new(text).expect("id")
}

/// The demo plan as the issue found it, before its data were corrected and its deliberate
/// findings accepted: what these tests were written against, each correction undone.
fn as_filed() -> Plan {
    let mut plan = demo_plan();
    plan.settings.accepted_findings.clear();
    plan.settings.roadmap.appraisal_threshold = None;
    let cal = plan.settings.fiscal_calendar.clone();
    let refit = |plan: &mut Plan, key: &str, end: &str, fte: i64| {
        let k = at(plan, key);
        let x = plan.initiative_mut(k);
        x.end = month(end);
        let mut quarters: Vec<cairn_core::FiscalQuarter> = Vec::new();
        for m in 0..x.months() {
            let q = cal.quarter_of(x.start.add_months(m).expect("month"));
            if quarters.last() != Some(&q) {
                quarters.push(q);
            }
        }
        x.fte = quarters
            .into_iter()
            .map(|q| cairn_core::QuarterFte { year: q.year, quarter: q.quarter, fte: Decimal::from(fte) })
            .collect();
    };
    refit(&mut plan, "soc", "2027-12", 2);
    refit(&mut plan, "open-data", "2029-06", 2);
    let dc = at(&plan, "dc-exit");
    for m in &mut plan.initiative_mut(dc).milestones {
        if m.name == "Data-centre lease ends" {
            m.month = month("2029-06");
        }
    }
    for (case, line) in [("case-erp", "close"), ("case-cloud", "lease")] {
        let c = plan.business_cases.iter_mut().find(|c| c.id.as_str() == case).expect("demo case");
        let l = c.lines.iter_mut().find(|l| l.id.as_str() == line).expect("demo line");
        if let cairn_core::LineAmounts::Recurring { from, .. } = &mut l.amounts {
            *from = FiscalYear(2028);
        }
        l.starts_at = None; // set by a date, not by the go-live
    }
    // Nor did the disaster-recovery benefit wait for its migration wave.
    plan.business_cases[1].lines[6].starts_at = None;
    plan
}

fn findings(plan: &Plan) -> Vec<Finding> {
    assert!(cairn_core::validate(plan).is_empty(), "the edited plan is valid: {:?}", cairn_core::validate(plan));
    check(plan).expect("checks run")
}

/// How many findings of each severity, code and path.
fn counts(findings: &[Finding]) -> BTreeMap<Key, i32> {
    let mut out = BTreeMap::new();
    for f in findings {
        *out.entry((f.severity, f.code, f.path.clone())).or_insert(0) += 1;
    }
    out
}

/// The demo changed by `edit` has exactly the demo's findings plus `added` minus `removed`
/// (counted: two findings on one path, for two initiatives a case is linked to, are two).
fn check_edit(
    edit: impl FnOnce(&mut Plan),
    added: &[(Severity, &'static str, &str)],
    removed: &[(Severity, &'static str, &str)],
) {
    let before = counts(&findings(&as_filed()));
    let mut plan = as_filed();
    edit(&mut plan);
    let after = counts(&findings(&plan));
    let mut got: BTreeMap<Key, i32> = after.clone();
    for (k, n) in &before {
        *got.entry(k.clone()).or_insert(0) -= n;
    }
    let mut want: BTreeMap<Key, i32> = BTreeMap::new();
    for &(s, c, p) in added {
        *want.entry((s, c, p.to_owned())).or_insert(0) += 1;
    }
    for &(s, c, p) in removed {
        *want.entry((s, c, p.to_owned())).or_insert(0) -= 1;
    }
    got.retain(|_, n| *n != 0);
    assert_eq!(got, want, "findings added (+) and removed (−)");
}

const E: Severity = Severity::Error;
const W: Severity = Severity::Warning;
const I: Severity = Severity::Info;

#[test]
fn the_corrected_demo_stands_by_every_error_and_warning_it_still_has() {
    let found = findings(&demo_plan());
    let open: Vec<String> = found
        .iter()
        .filter(|f| f.severity != I && f.accepted.is_none())
        .map(|f| format!("{} {} {}", f.severity, f.code, f.path))
        .collect();
    assert_eq!(open, Vec::<String>::new(), "every error and warning left is accepted with a reason");
    assert!(found.iter().all(|f| f.code != cairn_check::ACCEPTANCE_UNMATCHED), "no stale acceptance");
    // What was wrong is mended in the data, not accepted.
    for gone in ["benefit-before-in-service", "budget-outside-dates"] {
        assert!(found.iter().all(|f| f.code != gone || f.severity == I), "{gone} left");
    }
    assert_eq!(found.iter().filter(|f| f.severity != I).count(), 12);
}

#[test]
fn the_demo_shows_what_the_issue_found() {
    let found = findings(&as_filed());
    let message = |code: &str, path: &str| {
        found.iter().find(|f| f.code == code && f.path == path).map(|f| f.message.clone()).unwrap_or_default()
    };
    // FY2027 $1.54M over its ceiling (the portal's optimism uplift is budgeted too).
    assert_eq!(
        message("ceiling-breach", "settings.roadmap.budget_ceilings[0]"),
        "FY2027 spend of $20,541,905 is $1,541,905 over the portfolio ceiling of $19,000,000"
    );
    // FTE demand 63 and 64 against 60.
    assert_eq!(
        message("capacity-breach", "settings.roadmap.fte_capacity[5]"),
        "FY2028 Q2: FTE demand of 63 is 3 over the capacity of 60"
    );
    assert_eq!(
        message("capacity-breach", "settings.roadmap.fte_capacity[8]"),
        "FY2029 Q1: FTE demand of 64 is 4 over the capacity of 60"
    );
    // ERP productivity benefits a whole year before the 2028-07 go-live.
    assert_eq!(
        message("benefit-before-in-service", "business_cases[0].lines[15].amounts"),
        "Benefit \"Faster month-end close (staff time)\" of case \"ERP replacement\" starts in FY2028 ($760,000), \
         a year that ends before the initiative \"ERP wave 1: finance and procurement\" goes live in 2028-07 \
         (\"Finance go-live\")"
    );
    // The SOC's bar ends 2027-12 but its budget runs to FY2031.
    let soc = found.iter().filter(|f| f.code == "budget-outside-dates" && f.ids == [id("soc")]).count();
    assert_eq!(soc, 3);
    // 47 % of the $55.4M investment has no case.
    assert_eq!(
        message("unappraised-spend", "initiatives"),
        "$25,960,000 of the plan's $55,400,406 over FY2027–FY2031 (46.9 %) has no business case; 9 initiatives \
         over the appraisal threshold of $1,000,000 hold $18,390,000 (33.2 %)"
    );
    // The cloud case's benefit (disaster recovery; its lease and power savings are what staying
    // pays) starts in the fiscal year of its first go-live, before it.
    assert_eq!(
        found
            .iter()
            .filter(|f| f.code == "benefit-before-in-service" && f.severity == I && f.ids[0] == id("case-cloud"))
            .count(),
        1
    );
    // 27: the short lists made the savings of the ERP and the cloud exit what business as usual
    // pays, which no longer start before a go-live.
    assert_eq!(found.len(), 27);
}

#[test]
fn findings_are_sorted_by_severity_code_and_path() {
    let found = findings(&demo_plan());
    for pair in found.windows(2) {
        let key = |f: &Finding| (f.severity, f.code, f.path.clone());
        assert!(key(&pair[0]) <= key(&pair[1]), "{:?} before {:?}", key(&pair[0]), key(&pair[1]));
    }
    let codes: BTreeSet<&str> = CHECKS.iter().map(|c| c.code).collect();
    assert_eq!(codes.len(), CHECKS.len(), "codes are unique");
    for f in &found {
        assert!(codes.contains(f.code), "{} is a registered code", f.code);
        assert!(!f.message.contains('\n'), "one line: {}", f.message);
    }
}

#[test]
fn each_check_finds_what_breaks_its_rule_and_nothing_else() {
    // A milestone after its initiative ends.
    check_edit(
        |p| {
            let i = at(p, "sd-wan");
            p.initiative_mut(i).milestones[0].month = month("2028-04");
        },
        &[(W, "milestone-outside-initiative", "initiatives[2].milestones[0].month")],
        &[],
    );
    // ERP wave 1 planned to start with its own procurement, which must finish first.
    check_edit(
        |p| {
            let (erp, selection) = (at(p, "erp-finance"), at(p, "erp-selection"));
            p.initiative_mut(erp).start = p.initiative_mut(selection).start;
        },
        &[(E, "dependency-violation", "initiatives[20].dependencies[0]")],
        &[],
    );
    // Budget before the initiative starts.
    check_edit(
        |p| {
            let i = at(p, "sd-wan");
            if let Budget::Entered { years } = &mut p.initiative_mut(i).budget {
                years.insert(0, BudgetYear { year: FiscalYear(2026), capex: Decimal::from(5), opex: Decimal::ZERO });
            }
        },
        &[(W, "budget-outside-dates", "initiatives[2].budget.years[0]")],
        &[],
    );
    // A zero budget year outside the dates is no finding.
    check_edit(
        |p| {
            let i = at(p, "sd-wan");
            if let Budget::Entered { years } = &mut p.initiative_mut(i).budget {
                years.push(BudgetYear { year: FiscalYear(2031), capex: Decimal::ZERO, opex: Decimal::ZERO });
            }
        },
        &[],
        &[],
    );
    // The data-centre exit starting in FY2028: its case's FY2027 costs fall before it.
    check_edit(
        |p| {
            let i = at(p, "dc-exit");
            p.initiative_mut(i).start = month("2027-08");
        },
        &[
            (W, "case-outside-initiative", "business_cases[1].lines[0].amounts"),
            (W, "case-outside-initiative", "business_cases[1].lines[1].amounts"),
            (W, "case-outside-initiative", "business_cases[1].lines[2].amounts"),
            (W, "case-outside-initiative", "business_cases[1].lines[4].amounts"),
        ],
        // Lines 3 and 5 (run costs to FY2033) were already flagged; their messages change only.
        &[],
    );
    // The same with a short list whose business as usual shares the migration factory: a cost
    // business as usual also pays continues whatever is chosen, so only what going ahead adds is
    // held to the initiative's dates.
    check_edit(
        |p| {
            let i = at(p, "dc-exit");
            p.initiative_mut(i).start = month("2027-08");
            let option = |key: &str, role| cairn_core::CaseOption {
                id: id(key),
                name: key.into(),
                role,
                description: String::new(),
            };
            let case = &mut p.business_cases[1];
            case.options =
                vec![option("stay", cairn_core::OptionRole::Bau), option("exit", cairn_core::OptionRole::Preferred)];
            case.lines[0].options = vec![id("stay"), id("exit")];
        },
        &[
            (W, "case-outside-initiative", "business_cases[1].lines[1].amounts"),
            (W, "case-outside-initiative", "business_cases[1].lines[2].amounts"),
            (W, "case-outside-initiative", "business_cases[1].lines[4].amounts"),
        ],
        // Nor is it the initiative's budget: FY2027 falls $2.1M, under its ceiling.
        &[(E, "ceiling-breach", "settings.roadmap.budget_ceilings[0]")],
    );
    // A benefit that starts at the go-live milestone starts in its month, not before it.
    check_edit(
        |p| {
            let link = cairn_core::MilestoneLink { initiative: id("dc-exit"), milestone: "Wave 1 migrated".into() };
            p.business_cases[1].lines[6].starts_at = Some(link);
        },
        &[],
        &[(I, "benefit-before-in-service", "business_cases[1].lines[6].amounts")],
    );
    // A case listing an initiative links them as a case-funded budget does: the network refresh
    // gets a case (no unappraised spend) and the portal case's costs are set against its dates.
    // Its benefits start at the portal's public launch, whatever initiatives the case lists.
    check_edit(
        |p| p.business_cases[2].initiatives.push(id("sd-wan")),
        &[
            (W, "case-outside-initiative", "business_cases[2].lines[2].amounts"),
            (W, "case-outside-initiative", "business_cases[2].lines[3].amounts"),
        ],
        &[(W, "unappraised-spend", "initiatives[2].budget")],
    );
}

#[test]
fn benefits_are_set_against_the_first_go_live_or_else_the_end() {
    // Without its go-live the ERP's service is in at its end, 2029-03: the productivity benefit
    // from FY2029 (July 2028), as the corrected demo books it, starts 8 months before it (a
    // note), where from FY2028 as filed it started a whole year before the go-live (a warning).
    check_edit(
        |p| {
            let i = at(p, "erp-finance");
            p.initiative_mut(i).milestones.retain(|m| m.kind != MilestoneKind::GoLive);
            for line in &mut p.business_cases[0].lines {
                line.in_service = None; // its go-live is gone: in service by the default rule
            }
            if let cairn_core::LineAmounts::Recurring { from, .. } = &mut p.business_cases[0].lines[15].amounts {
                *from = FiscalYear(2029);
            }
        },
        &[(I, "benefit-before-in-service", "business_cases[0].lines[15].amounts")],
        &[(W, "benefit-before-in-service", "business_cases[0].lines[15].amounts")],
    );
    // An earlier go-live counts: a pilot live in 2027-06 puts the productivity benefit after it.
    check_edit(
        |p| {
            let i = at(p, "erp-finance");
            p.initiative_mut(i).milestones.push(Milestone {
                name: "Pilot".into(),
                month: month("2027-06"),
                kind: MilestoneKind::GoLive,
            });
        },
        &[],
        &[(W, "benefit-before-in-service", "business_cases[0].lines[15].amounts")],
    );
    // A milestone of another kind is not a go-live.
    check_edit(
        |p| {
            let i = at(p, "erp-finance");
            p.initiative_mut(i).milestones.push(Milestone {
                name: "Pilot".into(),
                month: month("2027-06"),
                kind: MilestoneKind::Other,
            });
        },
        &[],
        &[],
    );
}

#[test]
fn the_appraisal_threshold_is_the_plans_own() {
    let flagged =
        |plan: &Plan| findings(plan).iter().filter(|f| f.code == "unappraised-spend" && f.severity == W).count();
    let mut plan = as_filed();
    assert_eq!(flagged(&plan), 9, "the default, 1,000,000");
    plan.settings.roadmap.appraisal_threshold = Some(Decimal::from(2_000_000));
    assert_eq!(flagged(&plan), 2, "the ERP's second wave and the SOC");
    // Exactly at the threshold is not over it.
    plan.settings.roadmap.appraisal_threshold = Some(Decimal::from(2_350_000));
    assert_eq!(flagged(&plan), 1);
    plan.settings.roadmap.appraisal_threshold = Some(Decimal::ZERO);
    assert_eq!(flagged(&plan), 23, "every initiative with a budget and no case");
}

#[test]
fn mended_ceilings_and_capacity_leave_no_breach() {
    check_edit(
        |p| {
            for c in &mut p.settings.roadmap.budget_ceilings {
                c.amount = Decimal::from(100_000_000);
            }
            for q in &mut p.settings.roadmap.fte_capacity {
                q.fte = Decimal::from(100);
            }
        },
        &[],
        &[
            (E, "ceiling-breach", "settings.roadmap.budget_ceilings[0]"),
            (E, "ceiling-breach", "settings.roadmap.budget_ceilings[2]"),
            (E, "ceiling-breach", "settings.roadmap.budget_ceilings[5]"),
            (W, "capacity-breach", "settings.roadmap.fte_capacity[5]"),
            (W, "capacity-breach", "settings.roadmap.fte_capacity[8]"),
        ],
    );
}

#[test]
fn a_plan_that_cannot_be_scheduled_is_an_error_not_a_panic() {
    let mut plan = demo_plan();
    let first = plan.initiatives[0].id.clone();
    let last = plan.initiatives.len() - 1;
    let last_id = plan.initiatives[last].id.clone();
    plan.initiative_mut(0).dependencies.push(dependency(&last_id));
    plan.initiative_mut(last).dependencies.push(dependency(&first));
    let err = check(&plan).expect_err("a cycle");
    assert!(err.to_string().contains("cycle"), "{err}");
}

fn dependency(on: &Id) -> Dependency {
    Dependency { on: on.clone(), kind: cairn_core::DependencyKind::FinishToStart, lag_months: 0 }
}

#[test]
fn a_large_random_plan_is_checked() {
    let plan = cairn_core::random_plan("random", 1_000, 3);
    let found = check(&plan).expect("checks run");
    assert!(!found.is_empty());
    for f in &found {
        assert!(
            f.path.starts_with("initiatives") || f.path.starts_with("business_cases") || f.path.starts_with("settings")
        );
    }
}

#[test]
fn an_accepted_finding_keeps_its_place_with_its_reason_and_a_stale_one_is_reported() {
    let mut plan = as_filed();
    let accept = |code: &str, path: &str, reason: &str| cairn_core::AcceptedFinding {
        code: code.into(),
        path: path.into(),
        reason: reason.into(),
    };
    plan.settings.accepted_findings = vec![
        accept("ceiling-breach", "settings.roadmap.budget_ceilings[0]", "The board is asked to fund it."),
        accept("ceiling-breach", "settings.roadmap.budget_ceilings[4]", "FY2031 was over once."),
    ];
    let before = findings(&as_filed());
    let after = findings(&plan);
    assert_eq!(after.len(), before.len() + 1, "nothing hidden; one stale acceptance added");
    let fy2027 = after.iter().find(|f| f.path == "settings.roadmap.budget_ceilings[0]").expect("still listed");
    assert_eq!(fy2027.severity, E, "accepting does not lower the severity");
    assert_eq!(fy2027.accepted.as_deref(), Some("The board is asked to fund it."));
    assert_eq!(fy2027.headline, "FY2027 is $1.5M over its ceiling of $19M");
    assert!(after.iter().filter(|f| f.path != fy2027.path).all(|f| f.accepted.is_none()));
    let stale = after.iter().find(|f| f.code == cairn_check::ACCEPTANCE_UNMATCHED).expect("stale one reported");
    assert_eq!((stale.severity, stale.path.as_str()), (I, "settings.accepted_findings[1]"));
    assert!(stale.message.contains("settings.roadmap.budget_ceilings[4] no longer occurs"), "{}", stale.message);
}

/// A scenario's rate for a case is flagged when the case follows the plan's discount schedule
/// (the demo's cases do: the override would change no figure), and not once the case has its
/// own rate with a reason, nor in a plan without a schedule.
#[test]
fn a_scenario_rate_the_plans_schedule_overrides_is_flagged() {
    let rate = |p: &mut Plan| {
        let o = cairn_core::Override::CaseDiscountRate { case: id("case-erp"), rate: Decimal::new(8, 2) };
        p.scenarios[0].overrides.push(o);
    };
    let k = demo_plan().scenarios[0].overrides.len();
    let path = format!("scenarios[0].overrides[{k}].rate");
    let found = findings(&{
        let mut p = demo_plan();
        rate(&mut p);
        p
    });
    let f = found.iter().find(|f| f.code == "scenario-rate-unused").expect("flagged");
    assert_eq!((f.severity, f.path.as_str()), (W, path.as_str()));
    assert_eq!(
        f.message,
        "Scenario \"Cautious benefits\" discounts case \"ERP replacement\" at 8 %, but the case follows the plan's \
         discount schedule, in every scenario: the override changes no figure (give the case its own rate, with a \
         reason, for a scenario to vary it)"
    );
    for mend in [
        |p: &mut Plan| p.business_cases[0].rate_reason = Some("The CFO's hurdle rate for ERP projects.".into()),
        |p: &mut Plan| p.settings.appraisal = cairn_core::AppraisalPolicy::default(),
    ] {
        let mut p = demo_plan();
        rate(&mut p);
        mend(&mut p);
        assert!(findings(&p).iter().all(|f| f.code != "scenario-rate-unused"));
    }
}

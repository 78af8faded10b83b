//! Schedule risk through the boundary: the app's confidence view of a stored plan or scenario
//! and the CLI's contract give the same figures, and bad input is refused by field.

use cairn_api::ErrorCode;
use cairn_core::DEMO_PLAN_ID;

use super::open;

#[test]
fn the_confidence_view_and_the_cli_agree_and_refuse_bad_input() {
    let dir = tempfile::tempdir().expect("tmp");
    let cairn = open(dir.path(), true);
    let view = cairn.schedule_risk(DEMO_PLAN_ID, None, 400, 7).expect("view");
    let plan = cairn.plan(DEMO_PLAN_ID).expect("plan");
    let cli = cairn_api::roadmap_confidence(&plan, None, 400, 7).expect("cli");
    assert_eq!((view.runs, view.seed), (cli.runs, cli.seed));
    let (v, c) = (view.finish.as_ref().expect("finish"), cli.finish.as_ref().expect("finish"));
    assert_eq!((&v.p50, &v.p80, &v.p90), (&c.p50, &c.p80, &c.p90));
    assert_eq!(view.initiatives.len(), cli.initiatives.len());
    for (v, c) in view.initiatives.iter().zip(&cli.initiatives) {
        assert_eq!((&v.id, &v.finish.p80, v.criticality), (&c.id, &c.finish_p80, c.criticality));
        assert!(v.finish.p50 >= v.planned_finish, "{}: the default spread never shortens", v.id);
    }
    let curve = view.s_curve.last().expect("a curve");
    assert_eq!(curve.probability, 1.0);
    assert!(!view.milestones.is_empty(), "the demo's milestones");
    // A scenario by id for the app, by name for the command line.
    let scenario = plan.scenarios.iter().find(|s| s.id.as_str() == "scenario-budget-cut").expect("scenario");
    let in_view = cairn.schedule_risk(DEMO_PLAN_ID, Some(scenario.id.as_str()), 200, 1).expect("scenario");
    let in_cli = cairn_api::roadmap_confidence(&plan, Some(&scenario.name), 200, 1).expect("scenario");
    let ids = |v: Vec<&str>| v.join(",");
    assert_eq!(
        ids(in_view.initiatives.iter().map(|x| x.id.as_str()).collect()),
        ids(in_cli.initiatives.iter().map(|x| x.id.as_str()).collect())
    );
    assert_eq!(in_view.finish.map(|f| f.p90), in_cli.finish.map(|f| f.p90));
    let refused = |runs, seed, field: &str| {
        let e = cairn.schedule_risk(DEMO_PLAN_ID, None, runs, seed).expect_err(field);
        assert_eq!((e.code, e.field.as_deref()), (ErrorCode::InvalidInput, Some(field)), "{}", e.message);
    };
    refused(0, 1, "runs");
    refused(10, cairn_api::MAX_SEED + 1, "seed");
}

/// Joint confidence through the boundary: one row per fiscal year of the horizon, percentiles in
/// order, the JCL met by at least 70 % of runs, its finish the schedule risk's figures agree
/// with, a target answered, and bad input refused by field.
#[test]
fn portfolio_confidence_answers_the_confidence_view() {
    let dir = tempfile::tempdir().expect("tmp");
    let cairn = open(dir.path(), true);
    let plan = cairn.plan(DEMO_PLAN_ID).expect("plan");
    let c = cairn.portfolio_confidence(DEMO_PLAN_ID, None, 500, 7, None).expect("joint");
    assert_eq!(c.years.len(), usize::from(plan.settings.horizon.years));
    for y in &c.years {
        assert!(y.p50 <= y.p80 && y.p80 <= y.p90, "{y:?}");
        assert_eq!(y.prob_breach.is_some(), y.ceiling.is_some());
    }
    let jcl = c.jcl.as_ref().expect("jcl");
    assert!(jcl.probability >= 0.7 && jcl.percentile >= 70);
    let schedule = cairn.schedule_risk(DEMO_PLAN_ID, None, 500, 7).expect("schedule");
    assert_eq!(c.finish, schedule.finish);
    let target =
        cairn_api::confidence_dto::JointTargetDto { finish: jcl.finish.clone(), cost: jcl.cost, probability: 0.0 };
    let asked = cairn.portfolio_confidence(DEMO_PLAN_ID, None, 500, 7, Some(&target)).expect("target");
    assert_eq!(asked.target.map(|t| t.probability), Some(jcl.probability));
    let bad = cairn_api::confidence_dto::JointTargetDto { finish: "2027-13".into(), ..target };
    let e = cairn.portfolio_confidence(DEMO_PLAN_ID, None, 500, 7, Some(&bad)).expect_err("bad month");
    assert_eq!(e.field.as_deref(), Some("target.finish"));
    let e = cairn.portfolio_confidence(DEMO_PLAN_ID, None, 0, 7, None).expect_err("no runs");
    assert_eq!(e.field.as_deref(), Some("runs"));
}

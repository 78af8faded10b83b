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

//! Plan health: the app's panel (`Cairn::plan_health`) and `cairn check` (`plan_check`) give the
//! same findings from the one engine, for the plan and for a scenario; a bad scenario is a clear
//! error.

use cairn_api::ErrorCode;

use crate::open;

#[test]
fn the_panel_and_the_command_line_agree() {
    let dir = tempfile::tempdir().expect("tmp");
    let cairn = open(dir.path(), true);
    let id = cairn.list_plans().expect("plans")[0].id.clone();
    let health = cairn.plan_health(&id, None).expect("health");
    let counts = cairn.plan_health_counts(&id, None).expect("counts");
    assert!(counts.findings.is_empty());
    assert_eq!(
        (counts.errors, counts.warnings, counts.infos, counts.accepted),
        (health.errors, health.warnings, health.infos, health.accepted)
    );
    // The demo stands by its 3 errors and 9 warnings with reasons: none is open.
    let infos: Vec<&str> = health.findings.iter().filter(|f| f.accepted.is_none()).map(|f| f.code.as_str()).collect();
    // The one open finding is the summary of spend without a business case: the demo's benefits
    // start at their initiatives' go-live milestones, so none starts before its service is in.
    assert_eq!(infos, ["unappraised-spend"]);
    assert_eq!((health.errors, health.warnings, health.infos, health.accepted), (0, 0, 1, 12));
    assert_eq!(health.scenario, None);
    let plan = cairn.plan(&id).expect("plan");
    let cli = cairn_api::plan_check(&plan, None).expect("check");
    let same: Vec<_> = cli.findings.iter().map(|f| (&f.code, &f.severity, &f.path, &f.ids, &f.message)).collect();
    // The command line's message carries the reason of an accepted finding at its end.
    let messages: Vec<String> = health
        .findings
        .iter()
        .map(|f| match &f.accepted {
            Some(reason) => format!("{} (accepted: {reason})", f.message),
            None => f.message.clone(),
        })
        .collect();
    let panel: Vec<_> =
        health.findings.iter().zip(&messages).map(|(f, m)| (&f.code, &f.severity, &f.path, &f.ids, m)).collect();
    assert_eq!(same, panel);
    // Each finding links to where the app shows its field.
    let soc = health.findings.iter().find(|f| f.code == "unappraised-spend" && f.ids == ["soc"]).expect("the SOC");
    assert_eq!((soc.target.page.as_str(), soc.target.item.as_deref()), ("roadmap", Some("soc")));
    let ceiling = health.findings.iter().find(|f| f.code == "ceiling-breach").expect("a ceiling");
    assert_eq!((ceiling.target.page.as_str(), ceiling.target.section.as_deref()), ("roadmap", Some("budget")));
    let run = health.findings.iter().find(|f| f.code == "case-outside-initiative").expect("a run cost");
    assert_eq!((run.target.page.as_str(), run.target.item.as_deref()), ("cases", Some("case-erp")));

    // A scenario is checked as it resolves: the budget cut defers spend out of the broken years.
    let scenario = plan.scenarios.iter().find(|s| s.name.starts_with("Budget cut")).expect("the demo's cut");
    let cut = cairn.plan_health(&id, Some(scenario.id.as_str())).expect("scenario health");
    assert_eq!(cut.scenario.as_deref(), Some(scenario.id.as_str()));
    let by_name = cairn_api::plan_check(&plan, Some(&scenario.name)).expect("by name");
    assert_eq!(by_name.findings.len(), cut.findings.len());
    assert_ne!(cut.findings, health.findings);

    let err = cairn.plan_health(&id, Some("no-such-scenario")).expect_err("unknown scenario");
    assert_eq!(err.code, ErrorCode::NotFound);
    let err = cairn_api::plan_check(&plan, Some("no such")).expect_err("unknown scenario");
    assert_eq!(err.code, ErrorCode::NotFound);
    assert!(!err.message.contains('\n'));
}

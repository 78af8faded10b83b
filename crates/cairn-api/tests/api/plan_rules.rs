//! Plans stored before a rule existed, and the one-line messages (issue 14, item 7).

use cairn_api::{Cairn, ErrorCode, OpenOptions};

use super::now;

/// A plan whose names hold line breaks, stored as an older Cairn could, keeps taking edits (its
/// old problems do not block them, so they can be fixed one at a time); an edit that brings a
/// new problem is refused with a one-line message naming the field.
#[test]
fn an_edit_may_not_add_a_problem_but_old_ones_do_not_block_it() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut plan = cairn_core::demo_plan();
    plan.initiative_mut(0).name = "Cloud\nlanding zone".into();
    plan.initiative_mut(2).name = "Two\tlines".into();
    plan.baselines[0].plan.initiative_mut(1).name = "Frozen\nname".into();
    {
        let (store, _) = cairn_store::Store::open(dir.path(), now()).expect("store");
        store.create(&plan, "an older Cairn", now()).expect("stored");
    }
    assert_eq!(cairn_core::validate(&plan).len(), 3);
    let cairn = Cairn::open(dir.path(), OpenOptions { seed_demo: false }, now()).expect("open").0;
    let id = plan.id.as_str();
    assert_eq!(cairn.plan(id).expect("opens"), plan);
    assert!(cairn.export_plan_text(id, now()).expect("exports").contains("\"name\": \"Cloud\\nlanding zone\""));

    cairn.rename_plan(id, "Digital City 2031", now()).expect("an unrelated edit");
    let err = cairn.rename_plan(id, "Digital\nCity", now()).expect_err("a new problem");
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert_eq!(err.field.as_deref(), Some("name"));
    assert_eq!(
        err.message,
        "Plan name: must be one line without control characters, but character 8 is a line break (U+000A)"
    );
    assert_eq!(cairn.plan(id).expect("plan").name, "Digital City 2031", "nothing saved");
}

/// A message quoting a file's value is one line, in the API as in the CLI.
#[test]
fn import_errors_are_one_line() {
    let dir = tempfile::tempdir().expect("tmp");
    let cairn = Cairn::open(dir.path(), OpenOptions { seed_demo: false }, now()).expect("open").0;
    let text = cairn_core::write_plan_file(&cairn_core::demo_plan(), now()).replacen(
        "\"status\": \"approved\"",
        "\"status\": \"approved\\nerror: all good\"",
        1,
    );
    let err = cairn.import_plan_text(&text, "bad\nname.json", now()).expect_err("bad status");
    assert_eq!(err.code, ErrorCode::InvalidFile);
    assert!(err.message.starts_with("bad\\nname.json: $.plan.initiatives["), "{}", err.message);
    assert!(err.message.contains("unknown variant `approved\\nerror: all good`"), "{}", err.message);
    assert!(!err.message.contains('\n'));
}

//! The Cairn desktop app: a thin Tauri shell over `cairn-api`.
//!
//! - [`state::AppState`] holds the open data directory (or why it could not be opened).
//! - [`commands`] are the functions the UI invokes; each is one call into `cairn-api`.
//! - [`sourcing_commands`] are the sourcing-study commands, one call each into `cairn-api`.
//! - [`board_pack_commands`] preview, save and open the board pack (opening only what it saved).
//! - [`files`]: the native file dialogs, shown from Rust, that choose every file a command reads
//!   or writes (the page never names a path).
//! - [`budget_cut_commands`] are the budget-cut helper's commands, one call each into `cairn-api`.
//! - [`menu`] builds the native menu; its items reach the UI as a `menu` event.
//!
//! No rule lives here: validation, arithmetic and storage are in the crates below.

pub mod board_pack_commands;
pub mod budget_cut_commands;
pub mod commands;
pub mod files;
pub mod menu;
pub mod sourcing_commands;
pub mod state;

use std::process::ExitCode;

use tauri::Runtime;

/// Registers the state, who answers the file dialogs, and every command on a builder; shared by
/// [`run`] and the tests.
pub fn attach<R: Runtime>(
    builder: tauri::Builder<R>,
    state: state::AppState,
    chooser: files::Chooser,
) -> tauri::Builder<R> {
    let builder = builder.manage(chooser);
    builder.manage(state).manage(cairn_api::WrittenPacks::default()).invoke_handler(tauri::generate_handler![
        commands::startup_status,
        commands::restore_newest_backup,
        commands::list_plans,
        commands::get_plan,
        commands::create_plan,
        commands::rename_plan,
        commands::update_settings,
        commands::duplicate_plan,
        commands::delete_plan,
        commands::import_plan_file,
        commands::export_plan_file,
        commands::history,
        commands::undo,
        commands::redo,
        commands::currencies,
        commands::report_sections,
        commands::roadmap,
        commands::save_initiative,
        commands::delete_initiative,
        commands::preview_move,
        commands::move_initiative,
        commands::export_initiatives_csv_file,
        commands::import_initiatives_csv_file,
        commands::export_initiatives_project_file,
        commands::import_initiatives_project_file,
        commands::case_categories,
        commands::list_cases,
        commands::get_case,
        commands::create_case,
        commands::update_case_settings,
        commands::duplicate_case,
        commands::delete_case,
        commands::save_line,
        commands::delete_line,
        commands::set_cells,
        commands::evaluate_case,
        commands::simulate_case,
        commands::cancel_simulation,
        commands::list_scenarios,
        commands::create_scenario,
        commands::add_scenario_override,
        commands::delete_scenario,
        commands::take_baseline,
        commands::compare_scenarios,
        sourcing_commands::sourcing_kinds,
        sourcing_commands::list_studies,
        sourcing_commands::get_study,
        sourcing_commands::create_study,
        sourcing_commands::update_study,
        sourcing_commands::delete_study,
        sourcing_commands::add_option,
        sourcing_commands::update_option,
        sourcing_commands::remove_option,
        sourcing_commands::add_criterion,
        sourcing_commands::update_criterion,
        sourcing_commands::remove_criterion,
        sourcing_commands::set_score,
        sourcing_commands::set_weights,
        sourcing_commands::set_judgements,
        sourcing_commands::preview_judgements,
        sourcing_commands::evaluate_study,
        sourcing_commands::choose_option,
        sourcing_commands::set_recommendation,
        board_pack_commands::preview_board_pack,
        board_pack_commands::save_board_pack,
        board_pack_commands::open_board_pack,
        commands::rename_scenario,
        commands::duplicate_scenario,
        commands::promote_scenario,
        commands::baseline_variance,
        budget_cut_commands::propose_budget_cut,
        budget_cut_commands::accept_budget_cut,
    ])
}

/// Starts the app; returns when the last window closes.
pub fn run() -> ExitCode {
    if let Some(message) = missing_display() {
        eprintln!("{message}");
        return ExitCode::FAILURE;
    }
    let state = state::AppState::open(chrono::Utc::now());
    let app = attach(tauri::Builder::default(), state, files::Chooser::from_env())
        .plugin(tauri_plugin_dialog::init())
        .menu(menu::build)
        .on_menu_event(menu::forward)
        .run(tauri::generate_context!());
    match app {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Cairn could not start: {e}");
            ExitCode::FAILURE
        }
    }
}

/// On Linux, GTK aborts without a display; say so plainly instead.
fn missing_display() -> Option<String> {
    if !cfg!(target_os = "linux") {
        return None;
    }
    let set = |v: &str| std::env::var_os(v).is_some_and(|x| !x.is_empty());
    if set("DISPLAY") || set("WAYLAND_DISPLAY") {
        None
    } else {
        Some(
            "Cairn needs a graphical display, and none was found (DISPLAY and WAYLAND_DISPLAY are not set).\n\
             On a machine without a screen, run it under a virtual display: xvfb-run -a make run"
                .to_owned(),
        )
    }
}

#[cfg(test)]
mod tests {
    //! The commands through Tauri's IPC on the mock runtime: what the UI sends, what it gets.

    use serde_json::{Value, json};
    use tauri::ipc::{CallbackFn, InvokeBody};
    use tauri::test::{INVOKE_KEY, get_ipc_response, mock_builder, mock_context, noop_assets};
    use tauri::webview::InvokeRequest;

    use super::*;

    struct Harness {
        _dir: tempfile::TempDir,
        app: tauri::App<tauri::test::MockRuntime>,
        webview: tauri::WebviewWindow<tauri::test::MockRuntime>,
    }

    fn harness() -> Harness {
        let dir = tempfile::tempdir().expect("tmp");
        let state = state::AppState::open_at(dir.path().to_owned(), chrono::Utc::now());
        let app = attach(mock_builder(), state, files::Chooser::answering(None))
            .build(mock_context(noop_assets()))
            .expect("mock app");
        let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("mock window");
        Harness { _dir: dir, app, webview }
    }

    /// Invokes `cmd` with JSON `args` as the UI would; Ok(value) or Err(error value).
    fn call(h: &Harness, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().expect("url"),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&h.webview, request).map(|body| body.deserialize::<Value>().expect("json reply"))
    }

    #[test]
    fn the_ui_sees_the_demo_plan_and_can_rename_and_undo() {
        let h = harness();
        let status = call(&h, "startup_status", json!({})).expect("status");
        assert_eq!(status["state"], "ready");
        assert_eq!(status["fresh"], true);
        let plans = call(&h, "list_plans", json!({})).expect("plans");
        let id = plans[0]["id"].as_str().expect("id").to_owned();
        let plan = call(&h, "get_plan", json!({ "id": id })).expect("plan");
        assert_eq!(plan["organisation"], "City of Riverton");
        assert_eq!(plan["fiscal_years"][0]["label"], "FY2027");
        let renamed = call(&h, "rename_plan", json!({ "id": id, "name": "Board draft" })).expect("rename");
        assert_eq!(renamed["name"], "Board draft");
        assert_eq!(call(&h, "history", json!({})).expect("history")["undo"], "Rename plan to \"Board draft\"");
        let undone = call(&h, "undo", json!({})).expect("undo");
        assert_eq!(undone["plan_id"], id.as_str());
        assert_eq!(call(&h, "get_plan", json!({ "id": id })).expect("plan")["name"], "IT Strategy FY2027–FY2031");
    }

    #[test]
    fn errors_reach_the_ui_as_code_message_and_field() {
        let h = harness();
        let plans = call(&h, "list_plans", json!({})).expect("plans");
        let id = plans[0]["id"].as_str().expect("id").to_owned();
        let err = call(&h, "rename_plan", json!({ "id": id, "name": " " })).expect_err("refused");
        assert_eq!(err["code"], "invalid_input");
        assert_eq!(err["field"], "name");
        assert!(err["message"].as_str().is_some_and(|m| m.contains("must not be empty")));
        let err = call(&h, "get_plan", json!({ "id": "missing" })).expect_err("missing");
        assert_eq!(err["code"], "not_found");
    }

    #[test]
    fn files_are_the_ones_the_user_chose_never_ones_the_page_names() {
        use tauri::Manager;
        let h = harness();
        let dir = h._dir.path();
        let plans = call(&h, "list_plans", json!({})).expect("plans");
        let plan = plans[0]["id"].as_str().expect("id").to_owned();
        let chooser = h.app.state::<files::Chooser>();
        // A file the page would like replaced, and one it would like read.
        let victim = dir.join("victim.txt");
        std::fs::write(&victim, "precious").expect("write");
        let chosen = dir.join("chosen.out");
        chooser.set_answer(Some(chosen.clone()));

        // Every file command refuses a path from the page, with a code, touching nothing.
        for (cmd, mut args) in [
            ("import_plan_file", json!({})),
            ("export_plan_file", json!({ "id": plan })),
            ("export_initiatives_csv_file", json!({ "plan": plan })),
            ("import_initiatives_csv_file", json!({ "plan": plan })),
            ("export_initiatives_project_file", json!({ "plan": plan })),
            ("import_initiatives_project_file", json!({ "plan": plan })),
        ] {
            args["path"] = json!(victim);
            let err = call(&h, cmd, args).expect_err(cmd);
            assert_eq!((&err["code"], &err["field"]), (&json!("invalid_input"), &json!("path")), "{cmd}");
            assert!(!chosen.exists(), "{cmd}");
        }
        assert_eq!(std::fs::read_to_string(&victim).expect("read"), "precious");

        // The user cancels: nothing is read or written.
        chooser.set_answer(None);
        assert_eq!(call(&h, "export_plan_file", json!({ "id": plan })).expect("cancel"), Value::Null);
        assert_eq!(call(&h, "import_plan_file", json!({})).expect("cancel"), Value::Null);

        // The user chooses: the command reads or writes that file, and says which.
        let exported = dir.join("plan.cairn.json");
        chooser.set_answer(Some(exported.clone()));
        let written = call(&h, "export_plan_file", json!({ "id": plan })).expect("export");
        assert_eq!(written, json!(exported.display().to_string()));
        assert!(std::fs::read_to_string(&exported).expect("read").contains(&plan));
        let imported = call(&h, "import_plan_file", json!({})).expect("import");
        assert_eq!(imported["plan"]["id"], format!("{plan}-2"));

        let csv = dir.join("initiatives.csv");
        chooser.set_answer(Some(csv.clone()));
        assert_eq!(
            call(&h, "export_initiatives_csv_file", json!({ "plan": plan })).expect("csv"),
            json!(csv.display().to_string())
        );
        let roadmap = call(&h, "import_initiatives_csv_file", json!({ "plan": plan })).expect("csv import");
        assert!(roadmap["initiatives"].as_array().is_some_and(|xs| !xs.is_empty()));
        let xml = dir.join("roadmap.xml");
        chooser.set_answer(Some(xml.clone()));
        assert_eq!(
            call(&h, "export_initiatives_project_file", json!({ "plan": plan })).expect("xml"),
            json!(xml.display().to_string())
        );
        let roadmap = call(&h, "import_initiatives_project_file", json!({ "plan": plan })).expect("xml import");
        assert!(roadmap["initiatives"].as_array().is_some_and(|xs| !xs.is_empty()));
        assert_eq!(std::fs::read_to_string(&victim).expect("read"), "precious");
    }

    #[test]
    fn a_second_instance_starts_and_explains() {
        let h = harness();
        let dir = h._dir.path().to_owned();
        let second = state::AppState::open_at(dir, chrono::Utc::now());
        match second.startup() {
            cairn_api::dto::StartupDto::Failed { error, .. } => {
                assert_eq!(error.code, cairn_api::ErrorCode::AlreadyOpen);
                assert!(error.message.starts_with("Cairn is already open with this data directory"));
            }
            other => panic!("expected a failure, got {other:?}"),
        }
    }

    #[test]
    fn the_ui_proposes_a_budget_cut_and_accepts_it_as_a_scenario() {
        let h = harness();
        call(&h, "startup_status", json!({})).expect("status");
        let plans = call(&h, "list_plans", json!({})).expect("plans");
        let plan = plans[0]["id"].as_str().expect("id").to_owned();
        let request = json!({
            "mode": "percent", "percent": "15", "from_year": 2028, "ceilings": [],
            "value": "priority", "max_deferral_years": 2, "pinned": []
        });
        let p = call(&h, "propose_budget_cut", json!({ "plan": plan, "scenario": null, "request": request }))
            .expect("proposal");
        assert_eq!(p["outcome"], "optimal");
        assert_eq!(p["default_name"], "Budget cut 15 % from FY2028");
        let done =
            call(&h, "accept_budget_cut", json!({ "plan": plan, "scenario": null, "request": request, "name": "Cut" }))
                .expect("accepted");
        assert_eq!(done["name"], "Cut");
        let bad = json!({
            "mode": "percent", "percent": "150", "from_year": 2028, "ceilings": [],
            "value": "priority", "max_deferral_years": 2, "pinned": []
        });
        let err = call(&h, "propose_budget_cut", json!({ "plan": plan, "scenario": null, "request": bad }))
            .expect_err("refused");
        assert_eq!(err["field"], "percent");
    }

    #[test]
    fn the_ui_evaluates_a_sourcing_study_and_gets_field_errors() {
        let h = harness();
        call(&h, "startup_status", json!({})).expect("status");
        let plans = call(&h, "list_plans", json!({})).expect("plans");
        let plan = plans[0]["id"].as_str().expect("id").to_owned();
        let studies = call(&h, "list_studies", json!({ "plan": plan })).expect("studies");
        assert_eq!(studies.as_array().map(Vec::len), Some(2));
        let args = json!({ "plan": plan, "study": "study-service-desk", "samples": 500 });
        let r = call(&h, "evaluate_study", args).expect("evaluate");
        assert_eq!(r["rankings"].as_array().map(Vec::len), Some(3));
        assert_eq!(r["winner"], "sd-hybrid");
        let args = json!({
            "plan": plan, "study": "study-service-desk", "option": "sd-hybrid",
            "criterion": "security", "value": "12", "rationale": ""
        });
        let err = call(&h, "set_score", args).expect_err("off the scale");
        assert_eq!(err["code"], "invalid_input");
        assert_eq!(err["field"], "options[2].scores");
    }
}

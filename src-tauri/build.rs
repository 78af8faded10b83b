//! Declares Cairn's commands to Tauri's access control, so each one gets an `allow-<name>`
//! permission and the capability file can grant them to the main window one by one.

const COMMANDS: &[&str] = &[
    "startup_status",
    "restore_newest_backup",
    "list_plans",
    "get_plan",
    "create_plan",
    "rename_plan",
    "update_settings",
    "duplicate_plan",
    "delete_plan",
    "import_plan_file",
    "export_plan_file",
    "history",
    "undo",
    "redo",
    "currencies",
    "case_categories",
    "list_cases",
    "get_case",
    "create_case",
    "update_case_settings",
    "duplicate_case",
    "delete_case",
    "save_line",
    "delete_line",
    "set_cells",
    "evaluate_case",
    "simulate_case",
    "cancel_simulation",
    "list_scenarios",
    "create_scenario",
    "add_scenario_override",
    "delete_scenario",
    "take_baseline",
    "compare_scenarios",
    "sourcing_kinds",
    "list_studies",
    "get_study",
    "create_study",
    "update_study",
    "delete_study",
    "add_option",
    "update_option",
    "remove_option",
    "add_criterion",
    "update_criterion",
    "remove_criterion",
    "set_score",
    "set_weights",
    "set_judgements",
    "preview_judgements",
    "evaluate_study",
    "choose_option",
    "set_recommendation",
];

fn main() {
    let attributes = tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(COMMANDS));
    if let Err(e) = tauri_build::try_build(attributes) {
        // The build script's only way to fail a build is to panic with the reason.
        panic!("tauri build step failed: {e:#}");
    }
}

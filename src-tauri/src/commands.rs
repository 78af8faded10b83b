//! The commands the UI invokes. Each is one call into `cairn-api`; argument names become the
//! camelCase keys of `invoke` in `ui/src/lib/api.ts`. The file commands first ask the user for
//! the file in a native dialog shown from Rust ([`crate::files`]): the page never names a path.

use cairn_api::ApiError;
use cairn_api::case_dto::{
    BenefitClassInfoDto, CaseDto, CaseResultDto, CaseSettingsDto, CaseSummaryDto, CategoryInfoDto, CellDto, LineDto,
    SimulationDto, SimulationProgressDto, SimulationSettingsDto,
};
use cairn_api::case_form_dto::CaseFormChoicesDto;
use cairn_api::check_dto::PlanHealthDto;
use cairn_api::confidence_dto::{RiskChipDto, ScheduleRiskDto, ScheduleRiskSettingsDto};
use cairn_api::decision_dto::CaseDecisionDto;
use cairn_api::dto::{
    BackupDto, CurrencyDto, HistoryDto, ImportedDto, NewPlanDto, PlanDto, PlanSummaryDto, ReplayedDto, SettingsDto,
    StartupDto,
};
use cairn_api::policy_dto::{AppraisalPolicyDto, AppraisalPolicyViewDto, WaccPartsDto};
use cairn_api::report_dto::ReportSectionDto;
use cairn_api::roadmap_dto::{InitiativeDto, InitiativeInputDto, MovePreviewDto, RoadmapDto, RoadmapPatchDto};
use cairn_api::scenario_dto::{ComparisonDto, NewScenarioDto, OverrideDto, ScenariosDto};
use chrono::Utc;
use serde_json::Value;
use tauri::{AppHandle, Emitter, Runtime, State};

use crate::files::{Chooser, csv_file, plan_file, project_file, refuse_page_path};
use crate::state::AppState;

type Reply<T> = Result<T, ApiError>;

/// How the start went (ready, or the reason and a backup to offer).
#[tauri::command]
pub fn startup_status(state: State<'_, AppState>) -> StartupDto {
    state.startup()
}

/// Restores the newest backup over a damaged database.
#[tauri::command]
pub fn restore_newest_backup(state: State<'_, AppState>) -> Reply<BackupDto> {
    state.restore_newest_backup(Utc::now())
}

/// Every stored plan.
#[tauri::command]
pub fn list_plans(state: State<'_, AppState>) -> Reply<Vec<PlanSummaryDto>> {
    state.with(|c| c.list_plans())
}

/// One plan.
#[tauri::command]
pub fn get_plan(state: State<'_, AppState>, id: String) -> Reply<PlanDto> {
    state.with(|c| c.get_plan(&id))
}

/// Creates a plan.
#[tauri::command]
pub fn create_plan(state: State<'_, AppState>, plan: NewPlanDto) -> Reply<PlanDto> {
    state.with(|c| c.create_plan(&plan, Utc::now()))
}

/// Renames a plan.
#[tauri::command]
pub fn rename_plan(state: State<'_, AppState>, id: String, name: String) -> Reply<PlanDto> {
    state.with(|c| c.rename_plan(&id, &name, Utc::now()))
}

/// Changes a plan's organisation and settings.
#[tauri::command]
pub fn update_settings(
    state: State<'_, AppState>,
    id: String,
    organisation: String,
    settings: SettingsDto,
) -> Reply<PlanDto> {
    state.with(|c| c.update_settings(&id, &organisation, &settings, Utc::now()))
}

/// The plan's appraisal policy, as the settings page shows it.
#[tauri::command]
pub fn appraisal_policy(state: State<'_, AppState>, plan: String) -> Reply<AppraisalPolicyViewDto> {
    state.with(|c| c.appraisal_policy(&plan))
}

/// Replaces the plan's appraisal policy (undoable).
#[tauri::command]
pub fn update_appraisal_policy(
    state: State<'_, AppState>,
    plan: String,
    policy: AppraisalPolicyDto,
) -> Reply<AppraisalPolicyViewDto> {
    state.with(|c| c.update_appraisal_policy(&plan, &policy, Utc::now()))
}

/// The WACC a policy's parts make, while they are typed.
#[tauri::command]
pub fn wacc_rate(parts: WaccPartsDto) -> Reply<String> {
    cairn_api::wacc_rate(&parts)
}

/// Copies a plan.
#[tauri::command]
pub fn duplicate_plan(state: State<'_, AppState>, id: String, name: Option<String>) -> Reply<PlanDto> {
    state.with(|c| c.duplicate_plan(&id, name.as_deref(), Utc::now()))
}

/// Deletes a plan (undoable).
#[tauri::command]
pub fn delete_plan(state: State<'_, AppState>, id: String) -> Reply<()> {
    state.with(|c| c.delete_plan(&id, Utc::now()))
}

/// Asks the user for a plan file and imports it; `None` when they cancel. `path` is refused
/// (the page never names a file).
#[tauri::command]
pub async fn import_plan_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    chooser: State<'_, Chooser>,
    path: Option<Value>,
) -> Reply<Option<ImportedDto>> {
    refuse_page_path(path.as_ref())?;
    let Some(file) = chooser.choose(&app, plan_file(None)).await? else { return Ok(None) };
    state.with(|c| c.import_plan_file(&file, Utc::now())).map(Some)
}

/// Asks the user where to export the plan and writes it there; the path written, or `None`
/// when they cancel.
#[tauri::command]
pub async fn export_plan_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    chooser: State<'_, Chooser>,
    id: String,
    path: Option<Value>,
) -> Reply<Option<String>> {
    refuse_page_path(path.as_ref())?;
    let Some(file) = chooser.choose(&app, plan_file(Some(format!("{id}.cairn.json")))).await? else {
        return Ok(None);
    };
    state.with(|c| c.export_plan_file(&id, &file, Utc::now()))?;
    Ok(Some(file.display().to_string()))
}

/// What undo and redo would do.
#[tauri::command]
pub async fn history(state: State<'_, AppState>) -> Reply<HistoryDto> {
    state.with_off_thread(|c| c.history()).await
}

/// Undoes the last change.
#[tauri::command]
pub fn undo(state: State<'_, AppState>) -> Reply<Option<ReplayedDto>> {
    state.with(|c| c.undo(Utc::now()))
}

/// Redoes the last undone change.
#[tauri::command]
pub fn redo(state: State<'_, AppState>) -> Reply<Option<ReplayedDto>> {
    state.with(|c| c.redo(Utc::now()))
}

/// Every ISO 4217 currency.
#[tauri::command]
pub fn currencies() -> Vec<CurrencyDto> {
    cairn_api::currencies()
}

/// Line categories with labels.
#[tauri::command]
pub fn case_categories() -> Vec<CategoryInfoDto> {
    cairn_api::case_categories()
}

/// Benefit classes with labels.
#[tauri::command]
pub fn benefit_classes() -> Vec<BenefitClassInfoDto> {
    cairn_api::benefit_classes()
}

/// A plan's business cases with headline figures.
#[tauri::command]
pub fn list_cases(state: State<'_, AppState>, plan: String, scenario: Option<String>) -> Reply<Vec<CaseSummaryDto>> {
    state.with(|c| c.list_cases_in(&plan, scenario.as_deref()))
}

/// One business case as edited.
#[tauri::command]
pub fn get_case(state: State<'_, AppState>, plan: String, scenario: Option<String>, case: String) -> Reply<CaseDto> {
    state.with(|c| c.get_case_in(&plan, scenario.as_deref(), &case))
}

/// Creates a business case.
#[tauri::command]
pub fn create_case(state: State<'_, AppState>, plan: String, name: String) -> Reply<CaseDto> {
    state.with(|c| c.create_case(&plan, &name, Utc::now()))
}

/// What a case's form and line dialog choose from (project types, factors, roles, milestones).
#[tauri::command]
pub fn case_form_choices(state: State<'_, AppState>, plan: String) -> Reply<CaseFormChoicesDto> {
    state.with(|c| c.case_form_choices(&plan))
}

/// Changes a case's settings.
#[tauri::command]
pub fn update_case_settings(
    state: State<'_, AppState>,
    plan: String,
    case: String,
    settings: CaseSettingsDto,
) -> Reply<CaseDto> {
    state.with(|c| c.update_case_settings(&plan, &case, &settings, Utc::now()))
}

/// Copies a case.
#[tauri::command]
pub fn duplicate_case(state: State<'_, AppState>, plan: String, case: String) -> Reply<CaseDto> {
    state.with(|c| c.duplicate_case(&plan, &case, Utc::now()))
}

/// Deletes a case (undoable).
#[tauri::command]
pub fn delete_case(state: State<'_, AppState>, plan: String, case: String) -> Reply<()> {
    state.with(|c| c.delete_case(&plan, &case, Utc::now()))
}

/// Adds or replaces a line.
#[tauri::command]
pub fn save_line(state: State<'_, AppState>, plan: String, case: String, line: LineDto) -> Reply<CaseDto> {
    state.with(|c| c.save_line(&plan, &case, &line, Utc::now()))
}

/// Deletes a line.
#[tauri::command]
pub fn delete_line(state: State<'_, AppState>, plan: String, case: String, line: String) -> Reply<CaseDto> {
    state.with(|c| c.delete_line(&plan, &case, &line, Utc::now()))
}

/// Sets typed or pasted cells as one undoable step.
#[tauri::command]
pub fn set_cells(state: State<'_, AppState>, plan: String, case: String, cells: Vec<CellDto>) -> Reply<CaseDto> {
    state.with(|c| c.set_cells(&plan, &case, &cells, Utc::now()))
}

/// Tables, metrics and tornado of a case.
#[tauri::command]
pub fn evaluate_case(
    state: State<'_, AppState>,
    plan: String,
    scenario: Option<String>,
    case: String,
    swing: f64,
) -> Reply<CaseResultDto> {
    state.with(|c| c.evaluate_case_in(&plan, scenario.as_deref(), &case, swing))
}

/// A case's four NPV figures, headline and recommendation under the plan's decision rule, as
/// the board pack states them (its simulation runs on a worker thread).
#[tauri::command]
pub async fn case_decision(
    state: State<'_, AppState>,
    plan: String,
    scenario: Option<String>,
    case: String,
) -> Reply<CaseDecisionDto> {
    state.with_off_thread(move |c| c.case_decision_in(&plan, scenario.as_deref(), &case)).await
}

/// Runs a case's Monte Carlo simulation on a worker thread, sending `case-simulation-progress`
/// events; [`cancel_simulation`] stops it.
#[tauri::command]
pub async fn simulate_case<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    plan: String,
    scenario: Option<String>,
    case: String,
    settings: SimulationSettingsDto,
) -> Reply<SimulationDto> {
    let simulation = state.with(|c| c.prepare_simulation_in(&plan, scenario.as_deref(), &case))?;
    let cancel = state.simulation_cancel();
    cancel.store(false, std::sync::atomic::Ordering::Relaxed);
    let run = move || {
        cairn_api::run_simulation(&simulation, settings, &|done, total| {
            // Progress is best-effort: a closed window must not stop the run.
            let _ = app.emit("case-simulation-progress", SimulationProgressDto { done, total });
            !cancel.load(std::sync::atomic::Ordering::Relaxed)
        })
    };
    tauri::async_runtime::spawn_blocking(run)
        .await
        .unwrap_or_else(|e| Err(ApiError::new(cairn_api::ErrorCode::Io, format!("the simulation stopped: {e}"))))
}

/// Cancels the running simulation.
#[tauri::command]
pub fn cancel_simulation(state: State<'_, AppState>) {
    state.simulation_cancel().store(true, std::sync::atomic::Ordering::Relaxed);
}

/// Runs the roadmap's schedule risk (the Confidence view) on a worker thread, sending
/// `schedule-risk-progress` events; [`cancel_schedule_risk`] stops it.
#[tauri::command]
pub async fn schedule_risk<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    plan: String,
    scenario: Option<String>,
    settings: ScheduleRiskSettingsDto,
) -> Reply<ScheduleRiskDto> {
    let shown = state.with(|c| c.schedule_plan(&plan, scenario.as_deref()))?;
    let cancel = state.schedule_cancel();
    cancel.store(false, std::sync::atomic::Ordering::Relaxed);
    let run = move || {
        cairn_api::run_schedule_risk(&shown, settings.runs, settings.seed, &|done, total| {
            // Progress is best-effort: a closed window must not stop the run.
            let _ = app.emit("schedule-risk-progress", SimulationProgressDto { done, total });
            !cancel.load(std::sync::atomic::Ordering::Relaxed)
        })
    };
    tauri::async_runtime::spawn_blocking(run)
        .await
        .unwrap_or_else(|e| Err(ApiError::new(cairn_api::ErrorCode::Io, format!("the simulation stopped: {e}"))))
}

/// Cancels the running schedule risk simulation.
#[tauri::command]
pub fn cancel_schedule_risk(state: State<'_, AppState>) {
    state.schedule_cancel().store(true, std::sync::atomic::Ordering::Relaxed);
}

/// The roadmap's risk chips: initiatives with linked risks that are not closed.
#[tauri::command]
pub fn roadmap_risk_chips(
    state: State<'_, AppState>,
    plan: String,
    scenario: Option<String>,
) -> Reply<Vec<RiskChipDto>> {
    state.with(|c| c.roadmap_risk_chips(&plan, scenario.as_deref()))
}

/// The plan's scenarios and baselines.
#[tauri::command]
pub async fn list_scenarios(state: State<'_, AppState>, plan: String) -> Reply<ScenariosDto> {
    state.with_off_thread(move |c| c.list_scenarios(&plan)).await
}

/// Creates a scenario.
#[tauri::command]
pub fn create_scenario(state: State<'_, AppState>, plan: String, scenario: NewScenarioDto) -> Reply<ScenariosDto> {
    state.with(|c| c.create_scenario(&plan, &scenario, Utc::now()))
}

/// Adds an override to a scenario.
#[tauri::command]
pub fn add_scenario_override(
    state: State<'_, AppState>,
    plan: String,
    scenario: String,
    change: OverrideDto,
) -> Reply<ScenariosDto> {
    state.with(|c| c.add_scenario_override(&plan, &scenario, &change, Utc::now()))
}

/// Deletes a scenario.
#[tauri::command]
pub fn delete_scenario(state: State<'_, AppState>, plan: String, scenario: String) -> Reply<ScenariosDto> {
    state.with(|c| c.delete_scenario(&plan, &scenario, Utc::now()))
}

/// Freezes the plan as a baseline.
#[tauri::command]
pub fn take_baseline(state: State<'_, AppState>, plan: String, name: String) -> Reply<ScenariosDto> {
    state.with(|c| c.take_baseline(&plan, &name, Utc::now()))
}

/// Compares 2–4 variants.
#[tauri::command]
pub fn compare_scenarios(state: State<'_, AppState>, plan: String, variants: Vec<String>) -> Reply<ComparisonDto> {
    state.with(|c| c.compare_scenarios(&plan, &variants))
}

/// Every plan-health finding over the plan or a scenario (docs/checks.md), for the panel; run
/// again by the UI after every change (`counts_only` while the panel is closed: the badge).
#[tauri::command]
pub async fn plan_health(
    state: State<'_, AppState>,
    plan: String,
    scenario: Option<String>,
    counts_only: Option<bool>,
) -> Reply<PlanHealthDto> {
    state
        .with_off_thread(move |c| match counts_only {
            Some(true) => c.plan_health_counts(&plan, scenario.as_deref()),
            _ => c.plan_health(&plan, scenario.as_deref()),
        })
        .await
}

/// The roadmap of the plan or a scenario: initiatives as the timeline draws them, budget
/// against ceilings, capacity; set against another variant when `overlay` names one. The
/// roadmap commands run off the main thread, so the window keeps drawing frames meanwhile.
#[tauri::command]
pub async fn roadmap(
    state: State<'_, AppState>,
    plan: String,
    scenario: Option<String>,
    overlay: Option<String>,
) -> Reply<RoadmapDto> {
    state.with_off_thread(move |c| c.roadmap(&plan, scenario.as_deref(), overlay.as_deref())).await
}

/// One initiative's whole record, for the editor.
#[tauri::command]
pub async fn initiative(
    state: State<'_, AppState>,
    plan: String,
    scenario: Option<String>,
    initiative: String,
) -> Reply<InitiativeDto> {
    state.with_off_thread(move |c| c.initiative(&plan, scenario.as_deref(), &initiative)).await
}

/// Adds (empty id) or replaces an initiative; in a scenario, changes its dates or status there.
#[tauri::command]
pub fn save_initiative(
    state: State<'_, AppState>,
    plan: String,
    scenario: Option<String>,
    initiative: InitiativeInputDto,
) -> Reply<RoadmapDto> {
    state.with(|c| c.save_initiative(&plan, scenario.as_deref(), &initiative, Utc::now()))
}

/// Deletes an initiative (undoable); in a scenario, leaves it out of the scenario.
#[tauri::command]
pub fn delete_initiative(
    state: State<'_, AppState>,
    plan: String,
    scenario: Option<String>,
    initiative: String,
) -> Reply<RoadmapDto> {
    state.with(|c| c.delete_initiative(&plan, scenario.as_deref(), &initiative, Utc::now()))
}

/// What moving an initiative would do, while it is dragged. Saves nothing.
#[tauri::command]
pub async fn preview_move(
    state: State<'_, AppState>,
    plan: String,
    scenario: Option<String>,
    initiative: String,
    start: String,
    end: String,
) -> Reply<MovePreviewDto> {
    state.with_off_thread(move |c| c.preview_move(&plan, scenario.as_deref(), &initiative, &start, &end)).await
}

/// Moves an initiative and the dependents that must follow, as one undoable step (in a
/// scenario, as the scenario's overrides); answers with what changed on the timeline.
#[tauri::command]
pub async fn move_initiative(
    state: State<'_, AppState>,
    plan: String,
    scenario: Option<String>,
    initiative: String,
    start: String,
    end: String,
) -> Reply<RoadmapPatchDto> {
    let now = Utc::now();
    state.with_off_thread(move |c| c.move_initiative(&plan, scenario.as_deref(), &initiative, &start, &end, now)).await
}

/// Asks the user where to write the plan's initiatives as CSV and writes them; the path
/// written, or `None` when they cancel.
#[tauri::command]
pub async fn export_initiatives_csv_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    chooser: State<'_, Chooser>,
    plan: String,
    path: Option<Value>,
) -> Reply<Option<String>> {
    refuse_page_path(path.as_ref())?;
    let Some(file) = chooser.choose(&app, csv_file(Some(format!("{plan}-initiatives.csv")))).await? else {
        return Ok(None);
    };
    state.with(|c| c.export_initiatives_csv_file(&plan, &file))?;
    Ok(Some(file.display().to_string()))
}

/// Asks the user for a CSV file and imports its initiatives, all or nothing; `None` when they
/// cancel.
#[tauri::command]
pub async fn import_initiatives_csv_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    chooser: State<'_, Chooser>,
    plan: String,
    path: Option<Value>,
) -> Reply<Option<RoadmapDto>> {
    refuse_page_path(path.as_ref())?;
    let Some(file) = chooser.choose(&app, csv_file(None)).await? else { return Ok(None) };
    state.with(|c| c.import_initiatives_csv_file(&plan, &file, Utc::now())).map(Some)
}

/// Every section a board pack can hold.
#[tauri::command]
pub fn report_sections() -> Vec<ReportSectionDto> {
    cairn_api::report_sections()
}

/// Asks the user where to write the plan's initiatives as MS Project XML and writes them; the
/// path written, or `None` when they cancel.
#[tauri::command]
pub async fn export_initiatives_project_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    chooser: State<'_, Chooser>,
    plan: String,
    path: Option<Value>,
) -> Reply<Option<String>> {
    refuse_page_path(path.as_ref())?;
    let Some(file) = chooser.choose(&app, project_file(Some(format!("{plan}-roadmap.xml")))).await? else {
        return Ok(None);
    };
    state.with(|c| c.export_initiatives_project_file(&plan, &file))?;
    Ok(Some(file.display().to_string()))
}

/// Asks the user for an MS Project XML file and imports its initiatives, all or nothing;
/// `None` when they cancel.
#[tauri::command]
pub async fn import_initiatives_project_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    chooser: State<'_, Chooser>,
    plan: String,
    path: Option<Value>,
) -> Reply<Option<RoadmapDto>> {
    refuse_page_path(path.as_ref())?;
    let Some(file) = chooser.choose(&app, project_file(None)).await? else { return Ok(None) };
    state.with(|c| c.import_initiatives_project_file(&plan, &file, Utc::now())).map(Some)
}

/// Renames a scenario.
#[tauri::command]
pub fn rename_scenario(
    state: State<'_, AppState>,
    plan: String,
    scenario: String,
    name: String,
) -> Reply<ScenariosDto> {
    state.with(|c| c.rename_scenario(&plan, &scenario, &name, Utc::now()))
}

/// Copies a scenario with its overrides.
#[tauri::command]
pub fn duplicate_scenario(
    state: State<'_, AppState>,
    plan: String,
    scenario: String,
    name: String,
) -> Reply<ScenariosDto> {
    state.with(|c| c.duplicate_scenario(&plan, &scenario, &name, Utc::now()))
}

/// Makes a scenario the plan.
#[tauri::command]
pub fn promote_scenario(
    state: State<'_, AppState>,
    plan: String,
    scenario: String,
) -> Reply<cairn_api::scenario_dto::PromotionDto> {
    state.with(|c| c.promote_scenario(&plan, &scenario, Utc::now()))
}

/// The plan's (or a scenario's) variance against a baseline.
#[tauri::command]
pub fn baseline_variance(
    state: State<'_, AppState>,
    plan: String,
    baseline: String,
    scenario: Option<String>,
) -> Reply<cairn_api::scenario_dto::VarianceDto> {
    state.with(|c| c.baseline_variance(&plan, &baseline, scenario.as_deref()))
}

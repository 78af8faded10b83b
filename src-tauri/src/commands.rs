//! The commands the UI invokes. Each is one call into `cairn-api`; argument names become the
//! camelCase keys of `invoke` in `ui/src/lib/api.ts`.

use std::path::PathBuf;

use cairn_api::ApiError;
use cairn_api::dto::{
    BackupDto, CurrencyDto, HistoryDto, ImportedDto, NewPlanDto, PlanDto, PlanSummaryDto, ReplayedDto, SettingsDto,
    StartupDto,
};
use chrono::Utc;
use tauri::State;

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

/// Imports a plan file chosen in the native open dialog.
#[tauri::command]
pub fn import_plan_file(state: State<'_, AppState>, path: PathBuf) -> Reply<ImportedDto> {
    state.with(|c| c.import_plan_file(&path, Utc::now()))
}

/// Exports a plan to the path chosen in the native save dialog.
#[tauri::command]
pub fn export_plan_file(state: State<'_, AppState>, id: String, path: PathBuf) -> Reply<()> {
    state.with(|c| c.export_plan_file(&id, &path, Utc::now()))
}

/// What undo and redo would do.
#[tauri::command]
pub fn history(state: State<'_, AppState>) -> Reply<HistoryDto> {
    state.with(|c| c.history())
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

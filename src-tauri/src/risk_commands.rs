//! The risk register's commands (the Risks page). Each is one call into `cairn-api`; argument
//! names become the camelCase keys of `invoke` in `ui/src/lib/api.ts`.

use cairn_api::ApiError;
use cairn_api::risk_dto::{RegisterRiskDto, RiskChoicesDto, RiskRegisterDto, RiskSettingsDto};
use chrono::Utc;
use tauri::State;

use crate::state::AppState;

type Reply<T> = Result<T, ApiError>;

/// The risk register, the plan's or as a scenario resolves it: scale, categories and every risk
/// with its scores and appetite flag.
#[tauri::command]
pub fn risk_register(state: State<'_, AppState>, plan: String, scenario: Option<String>) -> Reply<RiskRegisterDto> {
    state.with(|c| c.risk_register_in(&plan, scenario.as_deref()))
}

/// What a risk may link to: the plan's initiatives, business cases and sourcing options.
#[tauri::command]
pub fn risk_choices(state: State<'_, AppState>, plan: String) -> Reply<RiskChoicesDto> {
    state.with(|c| c.risk_choices(&plan))
}

/// Adds a risk (undoable).
#[tauri::command]
pub fn add_risk(state: State<'_, AppState>, plan: String, risk: RegisterRiskDto) -> Reply<RiskRegisterDto> {
    state.with(|c| c.add_risk(&plan, &risk, Utc::now()))
}

/// Replaces the risk `id` in the plan, or records its differences in the scenario shown
/// (undoable).
#[tauri::command]
pub fn update_risk(
    state: State<'_, AppState>,
    plan: String,
    scenario: Option<String>,
    id: String,
    risk: RegisterRiskDto,
) -> Reply<RiskRegisterDto> {
    state.with(|c| c.save_risk_in(&plan, scenario.as_deref(), &id, &risk, Utc::now()))
}

/// Deletes the risk `id` (undoable).
#[tauri::command]
pub fn delete_risk(state: State<'_, AppState>, plan: String, id: String) -> Reply<RiskRegisterDto> {
    state.with(|c| c.delete_risk(&plan, &id, Utc::now()))
}

/// Replaces the plan's risk scale and categories with their appetite (undoable).
#[tauri::command]
pub fn update_risk_settings(
    state: State<'_, AppState>,
    plan: String,
    settings: RiskSettingsDto,
) -> Reply<RiskRegisterDto> {
    state.with(|c| c.update_risk_settings(&plan, &settings, Utc::now()))
}

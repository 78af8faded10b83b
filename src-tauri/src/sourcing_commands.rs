//! The sourcing-study commands. Each is one call into `cairn-api`; argument names become the
//! camelCase keys of `invoke` in `ui/src/lib/api.ts`.

use cairn_api::ApiError;
use cairn_api::sourcing_dto::{
    AhpDto, CriterionInputDto, JudgementDto, OptionInputDto, StudyDto, StudyHeaderDto, StudyResultDto, StudySummaryDto,
    WeightDto,
};
use chrono::Utc;
use tauri::State;

use crate::state::AppState;

type Reply<T> = Result<T, ApiError>;

/// A plan's sourcing studies, as the plan (`scenario` null) or a scenario has them.
#[tauri::command]
pub fn list_studies(state: State<'_, AppState>, plan: String, scenario: Option<String>) -> Reply<Vec<StudySummaryDto>> {
    state.with(|c| c.list_studies_in(&plan, scenario.as_deref()))
}

/// One study as the plan or a scenario has it.
#[tauri::command]
pub fn get_study(state: State<'_, AppState>, plan: String, scenario: Option<String>, study: String) -> Reply<StudyDto> {
    state.with(|c| c.get_study_in(&plan, scenario.as_deref(), &study))
}

/// Creates a study with the default criteria.
#[tauri::command]
pub fn create_study(state: State<'_, AppState>, plan: String, name: String, service: String) -> Reply<StudyDto> {
    state.with(|c| c.create_study(&plan, &name, &service, Utc::now()))
}

/// Changes a study's header.
#[tauri::command]
pub fn update_study(
    state: State<'_, AppState>,
    plan: String,
    study: String,
    header: StudyHeaderDto,
) -> Reply<StudyDto> {
    state.with(|c| c.update_study(&plan, &study, &header, Utc::now()))
}

/// Deletes a study (undoable).
#[tauri::command]
pub fn delete_study(state: State<'_, AppState>, plan: String, study: String) -> Reply<()> {
    state.with(|c| c.delete_study(&plan, &study, Utc::now()))
}

/// Adds an option.
#[tauri::command]
pub fn add_option(state: State<'_, AppState>, plan: String, study: String, input: OptionInputDto) -> Reply<StudyDto> {
    state.with(|c| c.add_option(&plan, &study, &input, Utc::now()))
}

/// Changes an option.
#[tauri::command]
pub fn update_option(
    state: State<'_, AppState>,
    plan: String,
    study: String,
    option: String,
    input: OptionInputDto,
) -> Reply<StudyDto> {
    state.with(|c| c.update_option(&plan, &study, &option, &input, Utc::now()))
}

/// Removes an option.
#[tauri::command]
pub fn remove_option(state: State<'_, AppState>, plan: String, study: String, option: String) -> Reply<StudyDto> {
    state.with(|c| c.remove_option(&plan, &study, &option, Utc::now()))
}

/// Adds a criterion.
#[tauri::command]
pub fn add_criterion(
    state: State<'_, AppState>,
    plan: String,
    study: String,
    input: CriterionInputDto,
) -> Reply<StudyDto> {
    state.with(|c| c.add_criterion(&plan, &study, &input, Utc::now()))
}

/// Changes a criterion.
#[tauri::command]
pub fn update_criterion(
    state: State<'_, AppState>,
    plan: String,
    study: String,
    criterion: String,
    input: CriterionInputDto,
) -> Reply<StudyDto> {
    state.with(|c| c.update_criterion(&plan, &study, &criterion, &input, Utc::now()))
}

/// Removes a criterion.
#[tauri::command]
pub fn remove_criterion(state: State<'_, AppState>, plan: String, study: String, criterion: String) -> Reply<StudyDto> {
    state.with(|c| c.remove_criterion(&plan, &study, &criterion, Utc::now()))
}

/// Sets a score and its rationale.
#[tauri::command]
pub fn set_score(
    state: State<'_, AppState>,
    plan: String,
    study: String,
    option: String,
    criterion: String,
    value: String,
    rationale: String,
) -> Reply<StudyDto> {
    state.with(|c| c.set_score(&plan, &study, &option, &criterion, &value, &rationale, Utc::now()))
}

/// Types the weights.
#[tauri::command]
pub fn set_weights(
    state: State<'_, AppState>,
    plan: String,
    study: String,
    weights: Vec<WeightDto>,
) -> Reply<StudyDto> {
    state.with(|c| c.set_weights(&plan, &study, &weights, Utc::now()))
}

/// Sets the pairwise judgements (AHP weighting).
#[tauri::command]
pub fn set_judgements(
    state: State<'_, AppState>,
    plan: String,
    study: String,
    judgements: Vec<JudgementDto>,
) -> Reply<StudyDto> {
    state.with(|c| c.set_judgements(&plan, &study, &judgements, Utc::now()))
}

/// AHP weights and CR of judgements being edited, without storing them.
#[tauri::command]
pub fn preview_judgements(
    state: State<'_, AppState>,
    plan: String,
    study: String,
    judgements: Vec<JudgementDto>,
) -> Reply<AhpDto> {
    state.with(|c| c.preview_judgements(&plan, &study, &judgements))
}

/// Rankings, costs and robustness of a study, as the plan or a scenario has it.
#[tauri::command]
pub fn evaluate_study(
    state: State<'_, AppState>,
    plan: String,
    scenario: Option<String>,
    study: String,
    samples: u32,
) -> Reply<StudyResultDto> {
    state.with(|c| c.evaluate_study_in(&plan, scenario.as_deref(), &study, samples))
}

/// Chooses the recommended option (`null` clears it); in a scenario, the scenario's choice
/// (`null` follows the parent again).
#[tauri::command]
pub fn choose_option(
    state: State<'_, AppState>,
    plan: String,
    scenario: Option<String>,
    study: String,
    option: Option<String>,
) -> Reply<StudyDto> {
    state.with(|c| c.choose_option_in(&plan, scenario.as_deref(), &study, option.as_deref(), Utc::now()))
}

/// Replaces the recommendation text.
#[tauri::command]
pub fn set_recommendation(
    state: State<'_, AppState>,
    plan: String,
    study: String,
    recommendation: String,
) -> Reply<StudyDto> {
    state.with(|c| c.set_recommendation(&plan, &study, &recommendation, Utc::now()))
}

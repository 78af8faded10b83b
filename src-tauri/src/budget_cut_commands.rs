//! The budget-cut helper's commands. Each is one call into `cairn-api`; argument names become
//! the camelCase keys of `invoke` in `ui/src/lib/api.ts`.

use cairn_api::ApiError;
use cairn_api::budget_cut_dto::{BudgetCutAcceptedDto, BudgetCutProposalDto, BudgetCutRequestDto};
use chrono::Utc;
use tauri::State;

use crate::state::AppState;

type Reply<T> = Result<T, ApiError>;

/// Proposes deferrals and drops that fit the ceilings (off the UI thread: the search may take a
/// moment on a large plan).
#[tauri::command]
pub async fn propose_budget_cut(
    state: State<'_, AppState>,
    plan: String,
    scenario: Option<String>,
    request: BudgetCutRequestDto,
) -> Reply<BudgetCutProposalDto> {
    state.with(|c| c.propose_budget_cut(&plan, scenario, &request))
}

/// Recomputes the proposal and stores it as a new scenario named `name`.
#[tauri::command]
pub async fn accept_budget_cut(
    state: State<'_, AppState>,
    plan: String,
    scenario: Option<String>,
    request: BudgetCutRequestDto,
    name: String,
) -> Reply<BudgetCutAcceptedDto> {
    state.with(|c| c.accept_budget_cut(&plan, scenario, &request, &name, Utc::now()))
}

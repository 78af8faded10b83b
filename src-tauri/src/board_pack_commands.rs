//! The Board pack page's commands: preview the pack, save it, and open a saved pack in the
//! system's PDF viewer. Each is one call into `cairn-api`; building a pack runs on a worker
//! thread so the window stays responsive.
//!
//! Opening is done here, in Rust, and only for a file [`WrittenPacks`] says this session saved:
//! the UI is granted no opener or shell permission at all.

use std::path::PathBuf;

use cairn_api::report_dto::{BoardPackDto, BoardPackRequestDto};
use cairn_api::{ApiError, ErrorCode, WrittenPacks};
use tauri::State;
use tauri::ipc::Response;

use crate::state::AppState;

type Reply<T> = Result<T, ApiError>;

/// Runs a pack build off the UI thread.
async fn off_thread<T: Send + 'static>(work: impl FnOnce() -> Reply<T> + Send + 'static) -> Reply<T> {
    tauri::async_runtime::spawn_blocking(work)
        .await
        .unwrap_or_else(|e| Err(ApiError::new(ErrorCode::Io, format!("the board pack stopped: {e}"))))
}

/// The PDF the export would write, as raw bytes (an `ArrayBuffer` in the UI, not JSON).
#[tauri::command]
pub async fn preview_board_pack(
    state: State<'_, AppState>,
    plan: String,
    request: BoardPackRequestDto,
) -> Reply<Response> {
    let today = chrono::Local::now().date_naive();
    let stored = state.with(|c| c.plan(&plan))?;
    off_thread(move || cairn_api::preview_board_pack(&stored, &request, today)).await.map(Response::new)
}

/// Builds the board pack and writes it to `path` (chosen in the native save dialog), and
/// remembers it as a file this session may open.
#[tauri::command]
pub async fn save_board_pack(
    state: State<'_, AppState>,
    packs: State<'_, WrittenPacks>,
    plan: String,
    request: BoardPackRequestDto,
    path: PathBuf,
) -> Reply<BoardPackDto> {
    let today = chrono::Local::now().date_naive();
    let stored = state.with(|c| c.plan(&plan))?;
    let packs = packs.inner().clone();
    off_thread(move || packs.write(&stored, &request, &path, today)).await
}

/// Opens a board pack saved in this session in the system's PDF viewer; any other path is
/// refused.
#[tauri::command]
pub fn open_board_pack(packs: State<'_, WrittenPacks>, path: PathBuf) -> Reply<()> {
    let file = packs.openable(&path)?;
    open::that_detached(&file).map_err(|e| {
        ApiError::new(ErrorCode::Io, format!("The system could not open {} in a PDF viewer: {e}.", file.display()))
    })
}

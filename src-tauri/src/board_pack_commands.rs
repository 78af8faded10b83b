//! The Board pack page's commands: preview the pack, save it, and open a saved pack in the
//! system's PDF viewer. Each is one call into `cairn-api`; building a pack runs on a worker
//! thread ([`AppState::with_off_thread`]) so the window stays responsive.
//!
//! Where the pack is saved is asked in a native dialog shown from Rust ([`crate::files`]); the
//! page never names the path. Opening is done here, in Rust, and only for a file
//! [`WrittenPacks`] says this session saved: the UI is granted no opener or shell permission at
//! all.

use std::path::PathBuf;

use cairn_api::report_dto::{BoardPackDto, BoardPackRequestDto};
use cairn_api::{ApiError, ErrorCode, WrittenPacks};
use tauri::ipc::Response;
use tauri::{AppHandle, Runtime, State};

use crate::files::{Chooser, pdf_file, refuse_page_path};
use crate::state::AppState;

type Reply<T> = Result<T, ApiError>;

/// The PDF the export would write, as raw bytes (an `ArrayBuffer` in the UI, not JSON).
#[tauri::command]
pub async fn preview_board_pack(
    state: State<'_, AppState>,
    plan: String,
    request: BoardPackRequestDto,
) -> Reply<Response> {
    let today = chrono::Local::now().date_naive();
    state.with_off_thread(move |c| c.preview_board_pack(&plan, &request, today)).await.map(Response::new)
}

/// Asks the user where to save the board pack (a native dialog shown from Rust), builds it,
/// writes it there and remembers it as a file this session may open; `None` when they cancel.
/// `path` is refused: the page never names a file.
#[tauri::command]
pub async fn save_board_pack<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    packs: State<'_, WrittenPacks>,
    chooser: State<'_, Chooser>,
    plan: String,
    request: BoardPackRequestDto,
    path: Option<serde_json::Value>,
) -> Reply<Option<BoardPackDto>> {
    refuse_page_path(path.as_ref())?;
    let today = chrono::Local::now().date_naive();
    let Some(file) = chooser.choose(&app, pdf_file(format!("{plan}-board-pack.pdf"))).await? else {
        return Ok(None);
    };
    let packs = packs.inner().clone();
    state.with_off_thread(move |c| c.save_board_pack(&plan, &request, &file, today, &packs)).await.map(Some)
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

#[cfg(test)]
mod tests {
    //! The commands through Tauri's IPC on the mock runtime, as the Board pack page calls them.

    use serde_json::{Value, json};
    use tauri::Manager;
    use tauri::ipc::{CallbackFn, InvokeBody, InvokeResponseBody};
    use tauri::test::{INVOKE_KEY, get_ipc_response, mock_builder, mock_context, noop_assets};
    use tauri::webview::InvokeRequest;

    use super::*;

    fn invoke(
        webview: &tauri::WebviewWindow<tauri::test::MockRuntime>,
        cmd: &str,
        args: Value,
    ) -> Result<InvokeResponseBody, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().expect("url"),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(webview, request)
    }

    #[test]
    fn the_page_previews_saves_and_may_open_only_what_it_saved() {
        let dir = tempfile::tempdir().expect("tmp");
        let state = AppState::open_at(dir.path().join("data"), chrono::Utc::now());
        let app = crate::attach(mock_builder(), state, Chooser::answering(None))
            .build(mock_context(noop_assets()))
            .expect("mock app");
        let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("window");
        let plans = invoke(&webview, "list_plans", json!({})).expect("plans").deserialize::<Value>().expect("json");
        let plan = plans[0]["id"].as_str().expect("id").to_owned();
        let request = json!({ "paper": "a4", "sections": ["summary"], "label": "Board confidential" });

        // The preview arrives as raw bytes, not as a JSON array of numbers.
        match invoke(&webview, "preview_board_pack", json!({ "plan": plan, "request": request })).expect("preview") {
            InvokeResponseBody::Raw(bytes) => assert!(bytes.starts_with(b"%PDF-")),
            InvokeResponseBody::Json(text) => panic!("expected raw bytes, got JSON of {} characters", text.len()),
        }
        let bad = json!({ "paper": "a3", "sections": [], "label": "" });
        let err = invoke(&webview, "preview_board_pack", json!({ "plan": plan, "request": bad })).expect_err("a3");
        assert_eq!(err["field"], "paper");

        // A file the app did not save is refused, even a PDF.
        let other = dir.path().join("other.pdf");
        std::fs::write(&other, b"%PDF-1.7").expect("write");
        let err = invoke(&webview, "open_board_pack", json!({ "path": other })).expect_err("refused");
        assert_eq!(err["code"], "invalid_input");
        assert_eq!(err["field"], "path");

        // The page cannot say where to save: a path it passes is refused, and nothing is written.
        let path = dir.path().join("board.pdf");
        let err = invoke(&webview, "save_board_pack", json!({ "plan": plan, "request": request, "path": other }))
            .expect_err("a page's path");
        assert_eq!((&err["code"], &err["field"]), (&json!("invalid_input"), &json!("path")));
        assert_eq!(std::fs::read(&other).expect("read"), b"%PDF-1.7");
        // The user cancels the dialog: nothing is written.
        let cancelled = invoke(&webview, "save_board_pack", json!({ "plan": plan, "request": request }))
            .expect("cancel")
            .deserialize::<Value>()
            .expect("json");
        assert_eq!(cancelled, Value::Null);
        assert!(!path.exists());

        // The file the user chose is written and remembered in the app's state as one it may open.
        app.state::<Chooser>().set_answer(Some(path.clone()));
        let saved = invoke(&webview, "save_board_pack", json!({ "plan": plan, "request": request }))
            .expect("save")
            .deserialize::<Value>()
            .expect("json");
        assert!(saved["bytes"].as_u64().is_some_and(|n| n > 1000));
        assert_eq!(saved["path"], path.display().to_string());
        let packs = app.state::<WrittenPacks>();
        assert_eq!(packs.openable(&path).expect("openable"), path.canonicalize().expect("canonical"));
        assert!(packs.openable(&other).is_err());
    }
}

//! Which file a command reads or writes is the user's choice, made in a native dialog that Rust
//! shows. The page never names a path: a script in the webview could otherwise read or replace
//! any file the user can (issue 14). The commands that touch files (`commands.rs`: plan, CSV
//! and MS Project import and export; `board_pack_commands.rs`: save the pack) take no path; they
//! ask [`Chooser`] and act on its answer, or do nothing when the user cancels.
//!
//! A page that still passes a `path` is refused with [`ErrorCode::InvalidInput`] on `path`
//! ([`refuse_page_path`]) rather than having it silently ignored.
//!
//! **Test seam.** WebDriver cannot drive a native dialog. When the environment variable
//! [`DIALOG_ANSWER_VAR`] names a file as the app starts, every file dialog "answers" with that
//! file instead of showing itself. Only the process that launches the app can set it, never a
//! page; and only debug builds (which the end-to-end tests run) read it: a release build always
//! shows the dialog. The unit tests use [`Chooser::answering`].

use std::path::PathBuf;
use std::sync::Mutex;

use cairn_api::{ApiError, ErrorCode};
use tauri::{AppHandle, Runtime};

/// The environment variable the end-to-end tests set to the file every dialog answers with.
pub const DIALOG_ANSWER_VAR: &str = "CAIRN_E2E_DIALOG_ANSWER";

/// What the user is asked to choose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileChoice {
    /// The dialog's title, e.g. "Import a plan file".
    pub title: &'static str,
    /// The filter's name, e.g. "Cairn plan".
    pub filter: &'static str,
    /// The file name extensions it shows, without dots.
    pub extensions: &'static [&'static str],
    /// `None` to open an existing file; to save, the file name suggested.
    pub save_as: Option<String>,
}

/// The plan file dialogs.
pub fn plan_file(save_as: Option<String>) -> FileChoice {
    let title = if save_as.is_some() { "Export the plan file" } else { "Import a plan file" };
    FileChoice { title, filter: "Cairn plan", extensions: &["json"], save_as }
}

/// The initiatives CSV dialogs.
pub fn csv_file(save_as: Option<String>) -> FileChoice {
    let title = if save_as.is_some() { "Export initiatives as CSV" } else { "Import initiatives from CSV" };
    FileChoice { title, filter: "CSV (comma-separated values)", extensions: &["csv"], save_as }
}

/// The MS Project XML dialogs.
pub fn project_file(save_as: Option<String>) -> FileChoice {
    let title = if save_as.is_some() { "Export as MS Project XML" } else { "Import from MS Project XML" };
    FileChoice { title, filter: "MS Project XML", extensions: &["xml"], save_as }
}

/// The board pack's save dialog.
pub fn pdf_file(save_as: String) -> FileChoice {
    FileChoice { title: "Save the board pack", filter: "PDF document", extensions: &["pdf"], save_as: Some(save_as) }
}

/// Who answers the file dialogs: the user, or (tests only) a fixed answer.
#[derive(Debug)]
pub enum Chooser {
    /// The native dialog of tauri-plugin-dialog, shown from Rust.
    Native,
    /// No dialog: this answer (`None`: the user cancelled). For tests.
    Answer(Mutex<Option<PathBuf>>),
}

impl Chooser {
    /// The app's chooser: the native dialog, or in a debug build the file [`DIALOG_ANSWER_VAR`]
    /// names.
    pub fn from_env() -> Chooser {
        #[cfg(debug_assertions)]
        if let Some(file) = std::env::var_os(DIALOG_ANSWER_VAR).filter(|v| !v.is_empty()) {
            return Chooser::answering(Some(PathBuf::from(file)));
        }
        Chooser::Native
    }

    /// A chooser that answers every dialog with `answer` without showing one.
    pub fn answering(answer: Option<PathBuf>) -> Chooser {
        Chooser::Answer(Mutex::new(answer))
    }

    /// Changes the answer of an answering chooser (tests).
    pub fn set_answer(&self, answer: Option<PathBuf>) {
        if let Chooser::Answer(slot) = self {
            *slot.lock().unwrap_or_else(|p| p.into_inner()) = answer;
        }
    }

    /// The file the user chose, or `None` when they cancelled.
    pub async fn choose<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        choice: FileChoice,
    ) -> Result<Option<PathBuf>, ApiError> {
        match self {
            Chooser::Answer(slot) => Ok(slot.lock().unwrap_or_else(|p| p.into_inner()).clone()),
            Chooser::Native => {
                let app = app.clone();
                // The dialog blocks until the user answers: never on the UI thread.
                let picked = tauri::async_runtime::spawn_blocking(move || native(&app, choice))
                    .await
                    .map_err(|e| ApiError::new(ErrorCode::Io, format!("The file dialog stopped: {e}.")))?;
                picked
                    .map(|p| {
                        p.into_path()
                            .map_err(|e| ApiError::new(ErrorCode::Io, format!("The file dialog gave no path: {e}.")))
                    })
                    .transpose()
            }
        }
    }
}

/// Shows the native dialog and waits for the user.
fn native<R: Runtime>(app: &AppHandle<R>, choice: FileChoice) -> Option<tauri_plugin_dialog::FilePath> {
    use tauri_plugin_dialog::DialogExt;
    let dialog = app.dialog().file().set_title(choice.title).add_filter(choice.filter, choice.extensions);
    // As the plugin's own `open` and `save` do: modal to the window where the platform supports it.
    #[cfg(any(windows, target_os = "macos"))]
    let dialog = match tauri::Manager::get_webview_window(app, "main") {
        Some(window) => dialog.set_parent(&window),
        None => dialog,
    };
    match choice.save_as {
        Some(name) => dialog.set_file_name(name).blocking_save_file(),
        None => dialog.blocking_pick_file(),
    }
}

/// Refuses a path passed by the page: files are chosen in a dialog Rust shows, never named by
/// the page.
pub fn refuse_page_path(path: Option<&serde_json::Value>) -> Result<(), ApiError> {
    match path {
        None => Ok(()),
        Some(_) => Err(ApiError::invalid(
            "path",
            "Cairn asks the user which file to read or write in its own dialog; a page cannot name a path.",
        )),
    }
}

//! Errors as the UI sees them: a stable code to branch on, a message to show, and the field
//! at fault when there is one. The UI maps codes; it never matches message text.

use cairn_store::StoreError;
use serde::Serialize;
use ts_rs::TS;

/// What kind of failure; stable across releases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The plan or item asked for does not exist.
    NotFound,
    /// An edit breaks a rule; `field` names the field.
    InvalidInput,
    /// A plan file cannot be read: bad JSON, wrong types, broken rules.
    InvalidFile,
    /// A file or database written by a newer Cairn.
    UnsupportedVersion,
    /// Another Cairn has the data directory open.
    AlreadyOpen,
    /// The database is damaged or missing; a backup can be restored.
    DatabaseDamaged,
    /// The disk is full; the message says whether the change was kept (it is not, unless the
    /// disk filled while the change was being written).
    DiskFull,
    /// Reading or writing a file or the database failed.
    Io,
    /// A restore was asked for but there is no usable backup.
    NoBackup,
    /// A long-running task was cancelled by the user.
    Cancelled,
}

/// An error crossing to the UI or the CLI.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{message}")]
pub struct ApiError {
    /// What kind of failure.
    pub code: ErrorCode,
    /// A sentence for a person.
    pub message: String,
    /// The field at fault (a JSON path inside the plan, e.g. `settings.horizon.years`).
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl ApiError {
    /// An error without a field. The message is one line: control characters a name or a
    /// file brought in are escaped ([`cairn_core::text::one_line`]).
    pub fn new(code: ErrorCode, message: impl Into<String>) -> ApiError {
        ApiError { code, message: one_line(message.into()), field: None }
    }

    /// An invalid-input error about one field; the message is one line, as for [`ApiError::new`].
    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> ApiError {
        ApiError { code: ErrorCode::InvalidInput, message: one_line(message.into()), field: Some(field.into()) }
    }

    /// An I/O error about a file, naming it.
    pub fn file_io(path: &std::path::Path, err: &std::io::Error) -> ApiError {
        let code = if err.kind() == std::io::ErrorKind::StorageFull { ErrorCode::DiskFull } else { ErrorCode::Io };
        ApiError::new(code, format!("{}: {err}", path.display()))
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        let code = match &e {
            StoreError::AlreadyOpen { .. } => ErrorCode::AlreadyOpen,
            StoreError::Corrupt { .. } | StoreError::Missing { .. } | StoreError::Data { .. } => {
                ErrorCode::DatabaseDamaged
            }
            StoreError::TooNew { .. } => ErrorCode::UnsupportedVersion,
            StoreError::PlanNotFound(_) => ErrorCode::NotFound,
            StoreError::PlanExists(_) => ErrorCode::InvalidInput,
            StoreError::DiskFull(_) | StoreError::DiskFilledMidWrite(_) => ErrorCode::DiskFull,
            StoreError::Io(_) => ErrorCode::Io,
            StoreError::NoBackup(_) | StoreError::BadBackup { .. } | StoreError::UnknownBackup { .. } => {
                ErrorCode::NoBackup
            }
        };
        let message = match &e {
            // The store's wording is for logs; people need the fact first, the detail last.
            StoreError::Corrupt { dir, detail, newest } => format!(
                "The database in {} is damaged and cannot be read ({detail}). Nothing has been changed or deleted. {}.",
                dir.join("db").display(),
                capitalised(&cairn_store::restore_hint(newest.as_ref(), dir))
            ),
            StoreError::Missing { dir, newest } => format!(
                "The database in {} is missing, but backups exist. {}.",
                dir.join("db").display(),
                capitalised(&cairn_store::restore_hint(Some(newest), dir))
            ),
            _ => capitalised(&e.to_string()),
        };
        ApiError::new(code, message)
    }
}

fn one_line(message: String) -> String {
    match cairn_core::text::one_line(&message) {
        std::borrow::Cow::Borrowed(_) => message,
        std::borrow::Cow::Owned(escaped) => escaped,
    }
}

/// Messages are sentences: the first letter upper-case.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

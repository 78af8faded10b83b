//! Store errors, each with a message a person can act on.

use std::path::{Path, PathBuf};

use crate::backup::{Backup, newest_backup};

/// Why a store operation failed. Nothing is half-written when one of these is returned: every
/// mutation is a single transaction.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Another process holds the data directory.
    #[error("Cairn is already open with this data directory ({})", .dir.display())]
    AlreadyOpen {
        /// The data directory.
        dir: PathBuf,
    },
    /// The database files cannot be read as a database.
    #[error("the database in {} is damaged and cannot be read ({detail}); nothing has been changed or deleted; {}", .dir.join("db").display(), restore_hint(.newest.as_ref(), .dir))]
    Corrupt {
        /// The data directory.
        dir: PathBuf,
        /// What the storage engine reported.
        detail: String,
        /// The newest backup, which a restore would use.
        newest: Option<Backup>,
    },
    /// The database is gone but backups exist: not a first run.
    #[error("the database in {} is missing, but backups exist; {}", .dir.join("db").display(), restore_hint(Some(.newest), .dir))]
    Missing {
        /// The data directory.
        dir: PathBuf,
        /// The newest backup.
        newest: Backup,
    },
    /// Written by a newer Cairn.
    #[error(
        "this data directory was written by a newer Cairn (storage version {found}); this Cairn reads versions up to {supported}"
    )]
    TooNew {
        /// The stored schema version.
        found: u32,
        /// The newest this build reads.
        supported: u32,
    },
    /// No plan has that id.
    #[error("no plan has the id \"{0}\"")]
    PlanNotFound(String),
    /// A plan with that id is already stored.
    #[error("a plan with the id \"{0}\" already exists")]
    PlanExists(String),
    /// The disk has no room left; the change was not saved.
    #[error("the disk is full: the change was not saved ({0})")]
    DiskFull(String),
    /// The disk filled while sled was writing a change out, after the change was applied: whether
    /// the change is on the disk shows only when the database is opened again. The store
    /// refuses further changes until then.
    #[error(
        "the disk filled while the change was being written, so it may not have been kept: free some space and open Cairn again to see what was kept ({0})"
    )]
    DiskFilledMidWrite(String),
    /// Any other input/output failure.
    #[error("could not read or write the data directory: {0}")]
    Io(String),
    /// A stored record does not decode; the database holds data this code did not write.
    #[error("stored data under \"{key}\" cannot be read: {detail}")]
    Data {
        /// The record's key, printable.
        key: String,
        /// Why it does not decode.
        detail: String,
    },
    /// There is no backup to restore from.
    #[error("no backup was found in {}", .0.display())]
    NoBackup(PathBuf),
    /// No backup has that name.
    #[error("there is no backup \"{name}\" in {} (list them with `cairn restore`)", .dir.display())]
    UnknownBackup {
        /// The name asked for.
        name: String,
        /// The backups folder.
        dir: PathBuf,
    },
    /// A backup file could not be read as a plan.
    #[error("backup file {} cannot be read: {detail}", .path.display())]
    BadBackup {
        /// The file.
        path: PathBuf,
        /// Why.
        detail: String,
    },
}

/// ENOSPC on Linux and macOS; `ErrorKind::StorageFull` covers it where the platform maps it.
const NO_SPACE: i32 = 28;

impl StoreError {
    pub(crate) fn from_io(err: &std::io::Error) -> StoreError {
        if err.kind() == std::io::ErrorKind::StorageFull || err.raw_os_error() == Some(NO_SPACE) {
            // sled re-wraps the OS error with its Debug text as the message; name it plainly.
            StoreError::DiskFull("no space left on the device".to_owned())
        } else {
            StoreError::Io(err.to_string())
        }
    }

    pub(crate) fn from_sled(err: sled::Error, dir: &std::path::Path) -> StoreError {
        match err {
            sled::Error::Io(io) => StoreError::from_io(&io),
            sled::Error::Corruption { .. } => StoreError::corrupt(dir, engine_detail(&err)),
            other => StoreError::Io(other.to_string()),
        }
    }

    /// At open, anything but an I/O failure means the files are not a database this code can
    /// read: sled reports damaged files as corruption, as "unsupported" or as a bug.
    pub(crate) fn from_sled_open(err: sled::Error, dir: &std::path::Path) -> StoreError {
        match err {
            sled::Error::Io(io) => StoreError::from_io(&io),
            other => StoreError::corrupt(dir, engine_detail(&other)),
        }
    }

    /// A damaged database, with the newest backup that could replace it.
    pub(crate) fn corrupt(dir: &Path, detail: impl Into<String>) -> StoreError {
        StoreError::Corrupt { dir: dir.to_owned(), detail: detail.into(), newest: newest_backup(dir) }
    }

    /// The newest backup a restore would use, when the error offers one.
    pub fn newest_backup(&self) -> Option<&Backup> {
        match self {
            StoreError::Corrupt { newest, .. } => newest.as_ref(),
            StoreError::Missing { newest, .. } => Some(newest),
            _ => None,
        }
    }

    pub(crate) fn data(key: &[u8], detail: impl ToString) -> StoreError {
        StoreError::Data { key: printable(key), detail: detail.to_string() }
    }
}

/// What sled said, without its empty backtrace: "Read corrupted data at file offset None
/// backtrace ()" becomes "read corrupted data at file offset None".
fn engine_detail(err: &sled::Error) -> String {
    let text = err.to_string();
    let text = text.split(" backtrace ").next().unwrap_or(&text).trim();
    let mut chars = text.chars();
    let plain = match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    };
    format!("storage engine: {plain}")
}

/// How to get out: which backup to restore and how, in one clause.
pub fn restore_hint(newest: Option<&Backup>, dir: &Path) -> String {
    match newest {
        Some(b) => format!(
            "the newest backup is from {} ({}); restore it with \"Restore from backup\" in the app or `cairn restore {}`, which sets the database aside (never deleting it) and rebuilds your plans from the backup",
            b.taken_at.format("%Y-%m-%d %H:%M UTC"),
            b.path.display(),
            b.name()
        ),
        None => format!(
            "there is no backup in {} to restore from; the files are kept as they are for a specialist to examine",
            crate::backups_dir(dir).display()
        ),
    }
}

/// Keys separate their parts with NUL bytes; show them as `/`.
pub(crate) fn printable(key: &[u8]) -> String {
    String::from_utf8_lossy(key).replace('\0', "/")
}

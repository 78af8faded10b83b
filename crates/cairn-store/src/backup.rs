//! Automatic backups: each plan written as a plan file, one folder per backup.
//!
//! `backups/20261122T150000Z/<plan-id>.cairn.json`. A backup is written on open when the
//! newest is a day old or more; the newest [`KEEP_BACKUPS`] are kept. Each backup is written
//! into a temporary folder and renamed into place, so a folder with a backup's name is complete.

use std::fs;
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};

use crate::error::StoreError;

/// How many backups are kept.
pub const KEEP_BACKUPS: usize = 10;

const STAMP: &str = "%Y%m%dT%H%M%SZ";

/// A backup on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    /// When it was taken.
    pub taken_at: DateTime<Utc>,
    /// Its folder.
    pub path: PathBuf,
}

/// The backups folder of a data directory.
pub fn backups_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("backups")
}

/// Every complete backup, newest first.
pub fn list_backups(data_dir: &Path) -> Result<Vec<Backup>, StoreError> {
    let dir = backups_dir(data_dir);
    let entries = match fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(StoreError::from_io(&e)),
    };
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| StoreError::from_io(&e))?;
        let name = entry.file_name();
        // Temporary folders start with '.' and fail to parse, so they are never listed.
        if let Some(taken) = name.to_str().and_then(|n| NaiveDateTime::parse_from_str(n, STAMP).ok()) {
            out.push(Backup { taken_at: taken.and_utc(), path: entry.path() });
        }
    }
    out.sort_by_key(|b| std::cmp::Reverse(b.taken_at));
    Ok(out)
}

/// Whether a backup is due: none yet, or the newest is a day old or more.
pub(crate) fn due(data_dir: &Path, now: DateTime<Utc>) -> Result<bool, StoreError> {
    Ok(list_backups(data_dir)?.first().is_none_or(|b| now - b.taken_at >= TimeDelta::days(1)))
}

/// Writes `files` (name, contents) as a backup taken at `now`, then prunes old backups.
pub(crate) fn write(data_dir: &Path, now: DateTime<Utc>, files: &[(String, String)]) -> Result<PathBuf, StoreError> {
    let io = |e: std::io::Error| StoreError::from_io(&e);
    let root = backups_dir(data_dir);
    fs::create_dir_all(&root).map_err(io)?;
    let name = now.format(STAMP).to_string();
    let tmp = root.join(format!(".{name}.partial"));
    if tmp.exists() {
        fs::remove_dir_all(&tmp).map_err(io)?;
    }
    fs::create_dir(&tmp).map_err(io)?;
    for (file, text) in files {
        let path = tmp.join(file);
        fs::write(&path, text).map_err(io)?;
        fs::File::open(&path).and_then(|f| f.sync_all()).map_err(io)?;
    }
    let dest = root.join(&name);
    if dest.exists() {
        fs::remove_dir_all(&dest).map_err(io)?;
    }
    fs::rename(&tmp, &dest).map_err(io)?;
    for old in list_backups(data_dir)?.into_iter().skip(KEEP_BACKUPS) {
        fs::remove_dir_all(&old.path).map_err(io)?;
    }
    Ok(dest)
}

/// The plan files of a backup, in name order.
pub fn backup_files(backup: &Backup) -> Result<Vec<PathBuf>, StoreError> {
    let mut files: Vec<PathBuf> = fs::read_dir(&backup.path)
        .map_err(|e| StoreError::from_io(&e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    Ok(files)
}

//! Automatic backups: each plan written as a plan file, plus the undo history, one folder per
//! backup.
//!
//! ```text
//! backups/20261122T150000Z/<plan-id>.cairn.json   every plan, as a plan file
//! backups/20261122T150000Z/undo-history.jsonl     the undo history (cursor, then one entry a line)
//! ```
//!
//! A backup holds what was committed: it is taken after a change, never before it. The first
//! change after [`BACKUP_EVERY`] without a backup is backed up at once; later changes are
//! backed up when the store closes (so a CLI command leaves a backup that includes its change)
//! or with the next change after another [`BACKUP_EVERY`]. A backup is named by the time of the
//! last change it holds. The snapshot is taken under the store's lock (cheap: cached plans and
//! the history's bytes) and written by a background thread, so an edit does not wait for files.
//!
//! Each backup is written into a temporary folder and renamed into place, so a folder with a
//! backup's name is complete. Kept: the newest [`KEEP_RECENT`] backups, plus the newest backup
//! of each of the [`KEEP_DAILY`] most recent earlier days that have one — at most
//! `KEEP_RECENT + KEEP_DAILY` folders.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, Sender};
use std::sync::{Arc, Mutex, MutexGuard};
use std::thread::JoinHandle;

use cairn_core::Plan;
use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::error::StoreError;
use crate::history::Entry;

/// How many of the newest backups are kept.
pub const KEEP_RECENT: usize = 10;

/// How many earlier days keep their newest backup, beyond the [`KEEP_RECENT`] newest.
pub const KEEP_DAILY: usize = 7;

/// The most backups kept at once.
pub const KEEP_BACKUPS: usize = KEEP_RECENT + KEEP_DAILY;

/// After a backup, changes within this time wait for the next backup (at close, or with the
/// first change after it).
pub const BACKUP_EVERY: TimeDelta = TimeDelta::minutes(10);

/// The undo history's file in a backup folder.
pub const HISTORY_FILE: &str = "undo-history.jsonl";

const PLAN_SUFFIX: &str = ".cairn.json";

const STAMP: &str = "%Y%m%dT%H%M%SZ";

/// A backup on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    /// When it was taken: the time of the last change it holds.
    pub taken_at: DateTime<Utc>,
    /// Its folder.
    pub path: PathBuf,
}

impl Backup {
    /// Its name: the folder's name, `20261122T150000Z`, which `cairn restore` accepts.
    pub fn name(&self) -> String {
        self.taken_at.format(STAMP).to_string()
    }
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
        if let Some(taken) = name.to_str().and_then(parse_name) {
            out.push(Backup { taken_at: taken, path: entry.path() });
        }
    }
    out.sort_by_key(|b| std::cmp::Reverse(b.taken_at));
    Ok(out)
}

fn parse_name(name: &str) -> Option<DateTime<Utc>> {
    NaiveDateTime::parse_from_str(name, STAMP).ok().map(|t| t.and_utc())
}

/// The newest backup, if any can be listed.
pub fn newest_backup(data_dir: &Path) -> Option<Backup> {
    list_backups(data_dir).ok()?.into_iter().next()
}

/// The backup named `name` (as listed, `20261122T150000Z`) or at the path `name`.
pub fn find_backup(data_dir: &Path, name: &str) -> Result<Backup, StoreError> {
    let list = list_backups(data_dir)?;
    if let Some(b) = list.iter().find(|b| b.name() == name) {
        return Ok(b.clone());
    }
    let path = Path::new(name);
    if path.is_dir() {
        let canonical = fs::canonicalize(path).map_err(|e| StoreError::from_io(&e))?;
        for b in &list {
            if fs::canonicalize(&b.path).is_ok_and(|p| p == canonical) {
                return Ok(b.clone());
            }
        }
        // A backup folder copied elsewhere: its name still carries its time.
        if let Some(taken_at) = canonical.file_name().and_then(|n| n.to_str()).and_then(parse_name) {
            return Ok(Backup { taken_at, path: canonical });
        }
    }
    Err(StoreError::UnknownBackup { name: name.to_owned(), dir: backups_dir(data_dir) })
}

/// The plan files of a backup, in name order.
pub fn backup_files(backup: &Backup) -> Result<Vec<PathBuf>, StoreError> {
    let mut files: Vec<PathBuf> = fs::read_dir(&backup.path)
        .map_err(|e| StoreError::from_io(&e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.ends_with(PLAN_SUFFIX)))
        .collect();
    files.sort();
    Ok(files)
}

/// What a backup holds, taken under the store's lock so that plans and history agree.
pub(crate) struct Snapshot {
    pub at: DateTime<Utc>,
    pub plans: Vec<Arc<Plan>>,
    pub cursor: u64,
    pub head: u64,
    /// History entries as stored (JSON), by sequence number.
    pub history: Vec<(u64, sled::IVec)>,
}

/// The first line of the history file.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct HistoryHead {
    pub cursor: u64,
    pub head: u64,
}

/// Every later line of the history file.
#[derive(Debug, Deserialize)]
pub(crate) struct HistoryLine {
    pub seq: u64,
    pub entry: Entry,
}

/// A backup's undo history, as read back for a restore.
pub(crate) struct SavedHistory {
    pub head: HistoryHead,
    pub entries: Vec<HistoryLine>,
}

/// Reads a backup's history file; `None` when the backup has none (older backups).
pub(crate) fn read_history(backup: &Backup) -> Result<Option<SavedHistory>, StoreError> {
    let path = backup.path.join(HISTORY_FILE);
    let text = match fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(StoreError::from_io(&e)),
    };
    let bad = |line: usize, e: serde_json::Error| StoreError::BadBackup {
        path: path.clone(),
        detail: format!("line {}: {e}", line + 1),
    };
    let mut lines = text.lines().enumerate();
    let Some((_, first)) = lines.next() else { return Ok(None) };
    let head: HistoryHead = serde_json::from_str(first).map_err(|e| bad(0, e))?;
    let mut entries = Vec::new();
    for (n, line) in lines {
        entries.push(serde_json::from_str(line).map_err(|e| bad(n, e))?);
    }
    Ok(Some(SavedHistory { head, entries }))
}

/// Writes a snapshot as a backup folder, then prunes old backups.
pub(crate) fn write(data_dir: &Path, snapshot: &Snapshot) -> Result<PathBuf, StoreError> {
    let io = |e: std::io::Error| StoreError::from_io(&e);
    let root = backups_dir(data_dir);
    fs::create_dir_all(&root).map_err(io)?;
    let name = snapshot.at.format(STAMP).to_string();
    // Unique per write: the writer thread and `Store::backup_now` may write the same name.
    static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let tmp = root.join(format!(".{name}.{}-{n}.partial", std::process::id()));
    if tmp.exists() {
        fs::remove_dir_all(&tmp).map_err(io)?;
    }
    let written = (|| {
        fs::create_dir(&tmp)?;
        for plan in &snapshot.plans {
            let text = cairn_core::write_plan_file(plan, snapshot.at);
            write_synced(&tmp.join(format!("{}{PLAN_SUFFIX}", plan.id)), text.as_bytes())?;
        }
        let mut history = serde_json::to_vec(&HistoryHead { cursor: snapshot.cursor, head: snapshot.head })
            .map_err(std::io::Error::other)?;
        for (seq, entry) in &snapshot.history {
            // Entries are stored as one-line JSON by this crate; they are copied as they are.
            write!(history, "\n{{\"seq\":{seq},\"entry\":")?;
            history.extend_from_slice(entry);
            history.push(b'}');
        }
        history.push(b'\n');
        write_synced(&tmp.join(HISTORY_FILE), &history)
    })();
    if let Err(e) = written {
        // A backup that could not be completed (a full disk) leaves no partial folder behind.
        let _ = fs::remove_dir_all(&tmp);
        return Err(io(e));
    }
    let dest = root.join(&name);
    if dest.exists() {
        fs::remove_dir_all(&dest).map_err(io)?;
    }
    fs::rename(&tmp, &dest).map_err(io)?;
    prune(data_dir)?;
    Ok(dest)
}

fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = fs::File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}

/// Removes the backups that [`KEEP_RECENT`] and [`KEEP_DAILY`] do not keep.
fn prune(data_dir: &Path) -> Result<(), StoreError> {
    // Folders left half-written by a process that was killed (one process holds the data
    // directory at a time, so another process's partial folder is abandoned).
    let mine = format!(".{}-", std::process::id());
    if let Ok(entries) = fs::read_dir(backups_dir(data_dir)) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.starts_with('.') && name.ends_with(".partial") && !name.contains(&mine) {
                let _ = fs::remove_dir_all(entry.path());
            }
        }
    }
    let all = list_backups(data_dir)?;
    for old in to_prune(&all) {
        fs::remove_dir_all(&old.path).map_err(|e| StoreError::from_io(&e))?;
    }
    Ok(())
}

/// Which of `all` (newest first) are past keeping: beyond the [`KEEP_RECENT`] newest, only the
/// newest backup of each of [`KEEP_DAILY`] earlier days (days the newest do not cover) stays.
fn to_prune(all: &[Backup]) -> Vec<&Backup> {
    let recent_days: Vec<chrono::NaiveDate> = all.iter().take(KEEP_RECENT).map(|b| b.taken_at.date_naive()).collect();
    let mut daily_days: Vec<chrono::NaiveDate> = Vec::new();
    let mut out = Vec::new();
    for b in all.iter().skip(KEEP_RECENT) {
        let day = b.taken_at.date_naive();
        if !recent_days.contains(&day) && !daily_days.contains(&day) && daily_days.len() < KEEP_DAILY {
            // Newest first, so the first seen of a day is its newest.
            daily_days.push(day);
        } else {
            out.push(b);
        }
    }
    out
}

/// When backups are due, and the thread that writes them.
pub(crate) struct Writer {
    /// The database's `meta` tree, where a completed backup notes the change it holds.
    meta: sled::Tree,
    tx: Option<Sender<Snapshot>>,
    thread: Option<JoinHandle<()>>,
    schedule: Mutex<Schedule>,
}

#[derive(Debug, Default)]
pub(crate) struct Schedule {
    /// The time of the newest backup written or sent to be written.
    pub last: Option<DateTime<Utc>>,
    /// The time of the newest change not yet in a backup.
    pub pending: Option<DateTime<Utc>>,
}

impl Writer {
    pub fn start(
        data_dir: &Path,
        meta: &sled::Tree,
        last: Option<DateTime<Utc>>,
        pending: Option<DateTime<Utc>>,
    ) -> Writer {
        let (tx, rx) = std::sync::mpsc::channel::<Snapshot>();
        let dir = data_dir.to_owned();
        let thread_meta = meta.clone();
        let thread = std::thread::Builder::new()
            .name("cairn-store-backup".into())
            .spawn(move || run(&dir, &thread_meta, &rx))
            .ok();
        // Without the thread (spawning failed), snapshots are written by the caller.
        Writer {
            meta: meta.clone(),
            tx: thread.is_some().then_some(tx),
            thread,
            schedule: Mutex::new(Schedule { last, pending }),
        }
    }

    pub fn schedule(&self) -> MutexGuard<'_, Schedule> {
        self.schedule.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Hands a snapshot to the writer thread (or writes it here when there is none).
    pub fn send(&self, data_dir: &Path, snapshot: Snapshot) {
        let unsent = match &self.tx {
            Some(tx) => tx.send(snapshot).err().map(|e| e.0),
            None => Some(snapshot),
        };
        if let Some(snapshot) = unsent {
            // A backup that fails (a full disk) must not fail the change it follows.
            let _ = write_noted(data_dir, &self.meta, &snapshot);
        }
    }

    /// Waits until every snapshot sent has been written.
    pub fn finish(&mut self) {
        drop(self.tx.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The writer thread: writes every snapshot sent, in order. Each is a restore point the user may
/// want (snapshots come at most every [`BACKUP_EVERY`], and at close), so none is skipped for a
/// newer one: which backups exist must not depend on how fast the thread runs.
fn run(dir: &Path, meta: &sled::Tree, rx: &Receiver<Snapshot>) {
    while let Ok(snapshot) = rx.recv() {
        // Best effort: a backup that fails is retried with the next change or at close.
        let _ = write_noted(dir, meta, &snapshot);
    }
}

/// [`write`], then notes in `meta` (`KEY_BACKED_UP`) the exact time of the change the backup
/// holds, so that the next open knows it is backed up. Best effort: without the note (a failed
/// flush) the next open goes by the backup's name and may back the change up once more.
pub(crate) fn write_noted(dir: &Path, meta: &sled::Tree, snapshot: &Snapshot) -> Result<PathBuf, StoreError> {
    let written = write(dir, snapshot)?;
    if meta.insert(crate::history::KEY_BACKED_UP, &snapshot.at.timestamp_millis().to_be_bytes()).is_ok() {
        let _ = meta.flush();
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32, hour: u32) -> Backup {
        let taken_at = chrono::NaiveDate::from_ymd_opt(2026, 11, day)
            .and_then(|d| d.and_hms_opt(hour, 0, 0))
            .map(|t| t.and_utc())
            .unwrap_or_default();
        Backup { taken_at, path: PathBuf::from(format!("{day}-{hour}")) }
    }

    #[test]
    fn pruning_keeps_the_newest_and_one_a_day_before_them() {
        // Newest first: 12 backups on the 30th, then four a day from the 29th back to the 1st.
        let mut all: Vec<Backup> = (0..12).rev().map(|h| at(30, h)).collect();
        for day in (1..30).rev() {
            for h in (0..4).rev() {
                all.push(at(day, h));
            }
        }
        let pruned: Vec<&Backup> = to_prune(&all);
        let kept: Vec<&Backup> = all.iter().filter(|b| !pruned.contains(b)).collect();
        assert_eq!(kept.len(), KEEP_BACKUPS);
        assert_eq!(
            kept[..KEEP_RECENT].iter().map(|b| b.taken_at).collect::<Vec<_>>(),
            all[..KEEP_RECENT].iter().map(|b| b.taken_at).collect::<Vec<_>>()
        );
        // The daily ones: the last (newest) of each of the 7 days before the 30th.
        let daily: Vec<String> = kept[KEEP_RECENT..].iter().map(|b| b.path.display().to_string()).collect();
        assert_eq!(daily, ["29-3", "28-3", "27-3", "26-3", "25-3", "24-3", "23-3"]);
    }

    #[test]
    fn few_backups_are_all_kept() {
        let all: Vec<Backup> = (1..=5).rev().map(|d| at(d, 1)).collect();
        assert!(to_prune(&all).is_empty());
    }
}

//! Cairn's durable storage: the only crate that knows about sled.
//!
//! [`Store`] keeps plans in a data directory:
//!
//! ```text
//! <data dir>/cairn.lock   held exclusively while a Cairn has the directory open
//! <data dir>/db/          the sled database (schema version in `meta`)
//! <data dir>/backups/     one folder per automatic backup: plan files and the undo history
//! ```
//!
//! Every mutation is one sled transaction over the plan records, the history and the undo
//! cursor, flushed to disk before the call returns. The history makes undo and redo survive a
//! restart. Time is passed in by the caller; this crate never reads the clock: a backup is named
//! by the time of the last change it holds (see `backup`).
//!
//! ```
//! # fn main() -> Result<(), cairn_store::StoreError> {
//! let dir = tempfile::tempdir().unwrap();
//! let now = chrono::DateTime::UNIX_EPOCH;
//! let (store, opened) = cairn_store::Store::open(dir.path(), now)?;
//! assert!(opened.fresh);
//! store.create(&cairn_core::demo_plan(), "Add the demo plan", now)?;
//! assert_eq!(store.plans()?.len(), 1);
//! store.undo(now)?;
//! assert!(store.plans()?.is_empty());
//! # Ok(()) }
//! ```

mod backup;
mod error;
mod headroom;
mod history;
mod records;
mod schema;

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

use cairn_core::{Plan, PlanHeader};
use chrono::{DateTime, Utc};
use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError};

pub use backup::{
    BACKUP_EVERY, Backup, HISTORY_FILE, KEEP_BACKUPS, KEEP_DAILY, KEEP_RECENT, backup_files, backups_dir, find_backup,
    list_backups, newest_backup,
};
pub use error::{StoreError, restore_hint};
pub use history::{HISTORY_LIMIT, HistoryState, Replayed};
pub use schema::SCHEMA_VERSION;

use history::{Entry, KEY_BACKED_UP, KEY_CURSOR, KEY_HEAD, KEY_LAST_CHANGE, decode_u64, seq_key};
use records::{Change, TreeName};

/// A plan's id and names, for lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanSummary {
    /// The plan's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its organisation.
    pub organisation: String,
}

/// What opening found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    /// The database was created by this open (a new data directory).
    pub fresh: bool,
    /// The schema version found before any migration (`None` when fresh).
    pub migrated_from: Option<u32>,
}

/// An open data directory. Cheap to share between threads: operations lock internally.
pub struct Store {
    dir: PathBuf,
    db: sled::Db,
    meta: sled::Tree,
    headers: sled::Tree,
    records: sled::Tree,
    history: sled::Tree,
    /// Plans as last loaded or saved. Mutations go through this lock, which also makes a
    /// read-modify-write of one plan atomic with respect to other callers.
    cache: Mutex<HashMap<String, Arc<Plan>>>,
    /// Replaced plans are freed on a background thread: freeing thousands of items costs
    /// about a millisecond that the caller of an edit need not wait for.
    reclaim: std::sync::mpsc::Sender<Arc<Plan>>,
    /// When a backup is due, and the thread that writes it.
    backups: backup::Writer,
    /// Held for the store's life; the OS releases it if the process dies.
    _lock: File,
    /// Set when the disk was too full to open the database in place: a copy of it, opened in
    /// the system's temporary folder, that serves reads while every change is refused.
    read_only: Option<ReadOnlyCopy>,
    /// Set when the disk filled while a change was being written out: the database in memory
    /// may hold more than the disk, so no further change is accepted until it is opened again.
    unsure: std::sync::atomic::AtomicBool,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("dir", &self.dir).finish_non_exhaustive()
    }
}

impl Store {
    /// Opens (creating if needed) the data directory `dir`, migrating an older schema.
    ///
    /// Fails with [`StoreError::AlreadyOpen`] when another process has it open, with
    /// [`StoreError::Corrupt`] when the database cannot be read (nothing is changed then; see
    /// [`restore_newest_backup`]), and with [`StoreError::TooNew`] for a newer schema.
    ///
    /// A data directory whose database is gone while backups remain fails with
    /// [`StoreError::Missing`] instead of starting empty: a first run has no backups.
    pub fn open(dir: &Path, now: DateTime<Utc>) -> Result<(Store, Opened), StoreError> {
        Store::open_with(dir, now, false)
    }

    fn open_with(dir: &Path, now: DateTime<Utc>, restoring: bool) -> Result<(Store, Opened), StoreError> {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::from_io(&e))?;
        let lock = lock_dir(dir)?;
        let db_path = dir.join("db");
        let existed = db_path.exists();
        // sled's data file is `db/db`; without it sled would start an empty database.
        if !restoring
            && !db_path.join("db").exists()
            && let Some(newest) = list_backups(dir)?.into_iter().next()
        {
            return Err(StoreError::Missing { dir: dir.to_owned(), newest });
        }
        let config = sled::Config::new().path(&db_path).cache_capacity(64 * 1024 * 1024);
        // sled writes when it opens, and an open that runs out of room damages the database
        // (see `headroom`). Without room for those writes, or when they fail anyway, reading
        // must still work: open a copy elsewhere, read-only, and leave this one untouched.
        let (db, read_only) = match room_to_open(&db_path, dir).and_then(|()| open_sled(&config, dir)) {
            Ok(db) => (db, None),
            Err(StoreError::DiskFull(_)) if existed && !restoring => {
                let copy = ReadOnlyCopy::make(&db_path)?;
                let config = sled::Config::new().path(&copy.path).cache_capacity(64 * 1024 * 1024);
                (open_sled(&config, dir)?, Some(copy))
            }
            Err(e) => return Err(e),
        };
        let sled_err = |e| StoreError::from_sled(e, dir);
        let meta = db.open_tree(schema::META).map_err(sled_err)?;
        let found = schema::read_version(&meta, dir)?;
        let opened = match found {
            None if existed && db.tree_names().len() > 2 => {
                return Err(StoreError::corrupt(dir, "the schema version is missing"));
            }
            None => {
                schema::write_version(&meta, SCHEMA_VERSION, dir)?;
                db.flush().map_err(sled_err)?;
                Opened { fresh: true, migrated_from: None }
            }
            Some(v) if v > SCHEMA_VERSION => return Err(StoreError::TooNew { found: v, supported: SCHEMA_VERSION }),
            Some(v) => {
                schema::migrate(&db, v, dir)?;
                Opened { fresh: false, migrated_from: (v < SCHEMA_VERSION).then_some(v) }
            }
        };
        let headers = db.open_tree(schema::HEADERS).map_err(sled_err)?;
        let newest = list_backups(dir)?.first().map(|b| b.taken_at);
        let backed_up = read_time(meta.get(KEY_BACKED_UP).map_err(sled_err)?);
        let pending = match read_time(meta.get(KEY_LAST_CHANGE).map_err(sled_err)?) {
            // A change after the newest backup: the process that made it did not close (killed).
            // The newest backup's name has whole seconds; the note of the change it holds (when
            // it is that backup's) says whether a change within its second is in it.
            Some(changed) => newest
                .is_none_or(|b| {
                    changed > b && !backed_up.is_some_and(|done| done.timestamp() == b.timestamp() && changed <= done)
                })
                .then_some(changed),
            // A database from before backups followed changes: the daily rule it had.
            None => {
                (!headers.is_empty() && newest.is_none_or(|b| now - b >= chrono::TimeDelta::days(1))).then_some(now)
            }
        };
        let backups = backup::Writer::start(dir, &meta, newest, None);
        let store = Store {
            dir: dir.to_owned(),
            headers,
            records: db.open_tree(schema::RECORDS).map_err(sled_err)?,
            history: db.open_tree(schema::HISTORY).map_err(sled_err)?,
            meta,
            db,
            cache: Mutex::new(HashMap::new()),
            reclaim: reclaimer(),
            backups,
            _lock: lock,
            read_only,
            unsure: std::sync::atomic::AtomicBool::new(false),
        };
        if let Some(at) = pending.filter(|_| store.read_only.is_none()) {
            let mut cache = store.lock_cache();
            store.back_up(&mut cache, at);
        }
        Ok((store, opened))
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Whether the store was opened read-only because the disk was full: reads work, every
    /// change fails with [`StoreError::DiskFull`].
    pub fn is_read_only(&self) -> bool {
        self.read_only.is_some()
    }

    fn sled_err(&self, e: sled::Error) -> StoreError {
        StoreError::from_sled(e, &self.dir)
    }

    /// A record that does not decode means the database is damaged: say so, with the backup.
    fn damaged(&self, e: StoreError) -> StoreError {
        match e {
            StoreError::Data { key, detail } => {
                StoreError::corrupt(&self.dir, format!("stored data under \"{key}\" cannot be read: {detail}"))
            }
            other => other,
        }
    }

    fn lock_cache(&self) -> MutexGuard<'_, HashMap<String, Arc<Plan>>> {
        // A panic while holding the lock leaves the cache possibly stale, never the database:
        // clear it and carry on rather than poison every later call.
        self.cache.lock().unwrap_or_else(|poisoned| {
            let mut guard = poisoned.into_inner();
            guard.clear();
            guard
        })
    }

    /// Every stored plan, by name.
    pub fn plans(&self) -> Result<Vec<PlanSummary>, StoreError> {
        self.plans_inner().map_err(|e| self.damaged(e))
    }

    fn plans_inner(&self) -> Result<Vec<PlanSummary>, StoreError> {
        let mut out = Vec::new();
        for entry in self.headers.iter() {
            let (key, value) = entry.map_err(|e| self.sled_err(e))?;
            let h: PlanHeader = serde_json::from_slice(&value).map_err(|e| StoreError::data(&key, e))?;
            out.push(PlanSummary { id: h.id.to_string(), name: h.name, organisation: h.organisation });
        }
        out.sort_by(|a, b| a.name.to_lowercase().cmp(&b.name.to_lowercase()).then_with(|| a.id.cmp(&b.id)));
        Ok(out)
    }

    /// Whether a plan with this id is stored.
    pub fn contains(&self, id: &str) -> Result<bool, StoreError> {
        self.headers.contains_key(id).map_err(|e| self.sled_err(e))
    }

    /// Loads a plan.
    pub fn load(&self, id: &str) -> Result<Arc<Plan>, StoreError> {
        let mut cache = self.lock_cache();
        self.load_locked(&mut cache, id).map_err(|e| self.damaged(e))
    }

    fn load_locked(&self, cache: &mut HashMap<String, Arc<Plan>>, id: &str) -> Result<Arc<Plan>, StoreError> {
        if let Some(plan) = cache.get(id) {
            return Ok(plan.clone());
        }
        let header = self
            .headers
            .get(id)
            .map_err(|e| self.sled_err(e))?
            .ok_or_else(|| StoreError::PlanNotFound(id.to_owned()))?;
        let recs = self.records.scan_prefix(records::plan_prefix(id)).map(|r| r.map_err(|e| self.sled_err(e)));
        let plan = Arc::new(records::assemble(&header, recs)?);
        cache.insert(id.to_owned(), plan.clone());
        Ok(plan)
    }

    /// Stores a new plan.
    pub fn create(&self, plan: &Plan, description: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
        let mut cache = self.lock_cache();
        if self.contains(plan.id.as_str())? {
            return Err(StoreError::PlanExists(plan.id.to_string()));
        }
        let changes = records::all_records(plan)?;
        self.commit(plan.id.as_str(), description, now, changes)?;
        cache.insert(plan.id.to_string(), Arc::new(plan.clone()));
        self.after_change(&mut cache, now);
        Ok(())
    }

    /// Stores a plan outside the history, so undo cannot remove it: for the demo plan that a new
    /// data directory starts with.
    pub fn seed(&self, plan: &Plan, now: DateTime<Utc>) -> Result<(), StoreError> {
        let mut cache = self.lock_cache();
        if self.contains(plan.id.as_str())? {
            return Err(StoreError::PlanExists(plan.id.to_string()));
        }
        self.transact(&records::all_records(plan)?, 0, now, |_, _| Ok(()))?;
        cache.insert(plan.id.to_string(), Arc::new(plan.clone()));
        self.after_change(&mut cache, now);
        Ok(())
    }

    /// Replaces a stored plan by `plan` (same id), writing only the records that changed.
    /// Returns `false` (and records nothing) when nothing changed.
    /// Takes the plan by value so that it becomes the cached copy without another clone.
    pub fn save(&self, plan: Plan, description: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let mut cache = self.lock_cache();
        let old = self.load_locked(&mut cache, plan.id.as_str())?;
        let changes = records::diff(Some(&old), Some(&plan))?;
        if changes.is_empty() {
            return Ok(false);
        }
        self.commit(plan.id.as_str(), description, now, changes)?;
        let replaced = cache.insert(plan.id.to_string(), Arc::new(plan));
        self.after_change(&mut cache, now);
        drop(cache);
        for old in [Some(old), replaced].into_iter().flatten() {
            // If the reclaimer is gone the plan is simply freed here.
            let _ = self.reclaim.send(old);
        }
        Ok(true)
    }

    /// Deletes a plan (undoable).
    pub fn delete(&self, id: &str, description: &str, now: DateTime<Utc>) -> Result<(), StoreError> {
        let mut cache = self.lock_cache();
        let old = self.load_locked(&mut cache, id)?;
        let changes = records::diff(Some(&old), None)?;
        self.commit(id, description, now, changes)?;
        cache.remove(id);
        self.after_change(&mut cache, now);
        Ok(())
    }

    /// Writes `changes` and their history entry in one transaction, then flushes.
    fn commit(
        &self,
        plan_id: &str,
        description: &str,
        now: DateTime<Utc>,
        changes: Vec<Change>,
    ) -> Result<(), StoreError> {
        let cursor = decode_u64(self.meta.get(KEY_CURSOR).map_err(|e| self.sled_err(e))?);
        let old_head = decode_u64(self.meta.get(KEY_HEAD).map_err(|e| self.sled_err(e))?);
        let seq = cursor + 1;
        let entry = Entry { at: now, description: description.to_owned(), plan_id: plan_id.to_owned(), changes };
        let encoded =
            serde_json::to_vec(&entry).map_err(|e| StoreError::Io(format!("cannot encode the history entry: {e}")))?;
        self.transact(&entry.changes, encoded.len(), now, |meta, history| {
            history.insert(&seq_key(seq), encoded.as_slice())?;
            meta.insert(KEY_CURSOR, &seq.to_be_bytes())?;
            meta.insert(KEY_HEAD, &seq.to_be_bytes())?;
            Ok(())
        })?;
        // Outside the transaction: the redo branch beyond the new head, and entries past the
        // history limit, are unreachable now; removing them is housekeeping.
        for stale in (seq + 1)..=old_head {
            self.history.remove(seq_key(stale)).map_err(|e| self.sled_err(e))?;
        }
        if seq > HISTORY_LIMIT {
            self.history.remove(seq_key(seq - HISTORY_LIMIT)).map_err(|e| self.sled_err(e))?;
        }
        Ok(())
    }

    /// Applies record changes plus `also` (on meta and history, writing about `also_bytes`)
    /// atomically, with the time of the change, then flushes. The disk's room is checked
    /// first (see [`headroom::room_for_change`]): a change refused for want of room leaves
    /// nothing behind, while one that fills the disk as it is flushed leaves it uncertain.
    fn transact(
        &self,
        changes: &[Change],
        also_bytes: usize,
        now: DateTime<Utc>,
        also: impl Fn(
            &sled::transaction::TransactionalTree,
            &sled::transaction::TransactionalTree,
        ) -> Result<(), ConflictableTransactionError<()>>,
    ) -> Result<(), StoreError> {
        if self.read_only.is_some() {
            return Err(StoreError::DiskFull(format!(
                "there was no room on the disk of {} when Cairn opened it, so your plans are open read-only; free some space and open Cairn again",
                self.dir.display()
            )));
        }
        if self.unsure.load(std::sync::atomic::Ordering::Acquire) {
            return Err(StoreError::DiskFilledMidWrite(
                "an earlier change filled the disk; no change is accepted until Cairn is opened again".to_owned(),
            ));
        }
        let bytes = changes
            .iter()
            .map(|c| c.key.len() + c.after.as_ref().map_or(0, Vec::len))
            .fold(also_bytes, usize::saturating_add);
        headroom::room_for_change(&self.dir.join("db"), u64::try_from(bytes).unwrap_or(u64::MAX))?;
        (&self.headers, &self.records, &self.meta, &self.history)
            .transaction(|(headers, recs, meta, history)| {
                for c in changes {
                    let tree = match c.tree {
                        TreeName::Header => headers,
                        TreeName::Record => recs,
                    };
                    match &c.after {
                        Some(v) => tree.insert(c.key.as_slice(), v.as_slice())?,
                        None => tree.remove(c.key.as_slice())?,
                    };
                }
                meta.insert(KEY_LAST_CHANGE, &now.timestamp_millis().to_be_bytes())?;
                also(meta, history)
            })
            .map_err(|e| match e {
                TransactionError::Storage(e) => self.sled_err(e),
                TransactionError::Abort(()) => StoreError::Io("the change was cancelled".into()),
            })?;
        if let Err(e) = self.db.flush() {
            return Err(match self.sled_err(e) {
                StoreError::DiskFull(detail) => {
                    self.unsure.store(true, std::sync::atomic::Ordering::Release);
                    StoreError::DiskFilledMidWrite(detail)
                }
                other => other,
            });
        }
        Ok(())
    }

    fn entry(&self, seq: u64) -> Result<Option<Entry>, StoreError> {
        if seq == 0 {
            return Ok(None);
        }
        let key = seq_key(seq);
        match self.history.get(key).map_err(|e| self.sled_err(e))? {
            None => Ok(None),
            Some(bytes) => serde_json::from_slice(&bytes).map(Some).map_err(|e| StoreError::data(&key, e)),
        }
    }

    fn cursor_and_head(&self) -> Result<(u64, u64), StoreError> {
        let cursor = decode_u64(self.meta.get(KEY_CURSOR).map_err(|e| self.sled_err(e))?);
        let head = decode_u64(self.meta.get(KEY_HEAD).map_err(|e| self.sled_err(e))?);
        Ok((cursor, head))
    }

    /// What undo and redo would do now.
    pub fn history_state(&self) -> Result<HistoryState, StoreError> {
        self.history_state_inner().map_err(|e| self.damaged(e))
    }

    fn history_state_inner(&self) -> Result<HistoryState, StoreError> {
        let (cursor, head) = self.cursor_and_head()?;
        let undo = self.entry(cursor)?.map(|e| e.description);
        let redo = if cursor < head { self.entry(cursor + 1)?.map(|e| e.description) } else { None };
        Ok(HistoryState { undo, redo })
    }

    /// Reverses the last change; `None` when there is nothing to undo.
    pub fn undo(&self, now: DateTime<Utc>) -> Result<Option<Replayed>, StoreError> {
        let mut cache = self.lock_cache();
        let (cursor, _) = self.cursor_and_head()?;
        let Some(entry) = self.entry(cursor).map_err(|e| self.damaged(e))? else { return Ok(None) };
        let reversed: Vec<Change> = entry.changes.iter().rev().map(Change::reversed).collect();
        let back = cursor - 1;
        self.transact(&reversed, 0, now, |meta, _| {
            meta.insert(KEY_CURSOR, &back.to_be_bytes())?;
            Ok(())
        })?;
        cache.remove(&entry.plan_id);
        self.after_change(&mut cache, now);
        Ok(Some(Replayed { description: entry.description, plan_id: entry.plan_id }))
    }

    /// Reapplies the last undone change; `None` when there is nothing to redo.
    pub fn redo(&self, now: DateTime<Utc>) -> Result<Option<Replayed>, StoreError> {
        let mut cache = self.lock_cache();
        let (cursor, head) = self.cursor_and_head()?;
        if cursor >= head {
            return Ok(None);
        }
        let Some(entry) = self.entry(cursor + 1).map_err(|e| self.damaged(e))? else { return Ok(None) };
        let forward = cursor + 1;
        self.transact(&entry.changes, 0, now, |meta, _| {
            meta.insert(KEY_CURSOR, &forward.to_be_bytes())?;
            Ok(())
        })?;
        cache.remove(&entry.plan_id);
        self.after_change(&mut cache, now);
        Ok(Some(Replayed { description: entry.description, plan_id: entry.plan_id }))
    }

    /// After a committed change at `now` (the cache lock held, so plans and history agree):
    /// back up at once when the last backup is [`BACKUP_EVERY`] old, else note the change for
    /// the next backup (at close, or with a later change).
    fn after_change(&self, cache: &mut HashMap<String, Arc<Plan>>, now: DateTime<Utc>) {
        if self.read_only.is_some() {
            return;
        }
        let due = {
            let mut schedule = self.backups.schedule();
            schedule.pending = Some(schedule.pending.map_or(now, |p| p.max(now)));
            schedule.last.is_none_or(|last| now - last >= BACKUP_EVERY)
        };
        if due {
            self.back_up(cache, now);
        }
    }

    /// Takes a snapshot of every plan and the history for a backup named `at`, and hands it to
    /// the writer. A failure (the database cannot be read) leaves the change pending.
    fn back_up(&self, cache: &mut HashMap<String, Arc<Plan>>, at: DateTime<Utc>) {
        if let Ok(snapshot) = self.snapshot(cache, at) {
            {
                let mut schedule = self.backups.schedule();
                schedule.last = Some(schedule.last.map_or(at, |l| l.max(at)));
                schedule.pending = None;
            }
            self.backups.send(&self.dir, snapshot);
        }
    }

    fn snapshot(
        &self,
        cache: &mut HashMap<String, Arc<Plan>>,
        at: DateTime<Utc>,
    ) -> Result<backup::Snapshot, StoreError> {
        let mut plans = Vec::new();
        for key in self.headers.iter().keys() {
            let key = key.map_err(|e| self.sled_err(e))?;
            let id = std::str::from_utf8(&key).map_err(|e| StoreError::data(&key, e))?;
            plans.push(self.load_locked(cache, id)?);
        }
        let (cursor, head) = self.cursor_and_head()?;
        let mut history = Vec::new();
        for entry in self.history.iter() {
            let (key, value) = entry.map_err(|e| self.sled_err(e))?;
            let seq = <[u8; 8]>::try_from(key.as_ref())
                .map(u64::from_be_bytes)
                .map_err(|_| StoreError::data(&key, "not a sequence number"))?;
            history.push((seq, value));
        }
        Ok(backup::Snapshot { at, plans, cursor, head, history })
    }

    /// Writes a backup of every plan and the undo history now, named `now`, and waits for it.
    pub fn backup_now(&self, now: DateTime<Utc>) -> Result<PathBuf, StoreError> {
        let mut cache = self.lock_cache();
        let snapshot = self.snapshot(&mut cache, now).map_err(|e| self.damaged(e))?;
        let written = backup::write_noted(&self.dir, &self.meta, &snapshot)?;
        let mut schedule = self.backups.schedule();
        schedule.last = Some(schedule.last.map_or(now, |l| l.max(now)));
        Ok(written)
    }

    /// Writes the plans and history of a backup into this store, which was just created: the
    /// plans are not changes of their own, so undo goes back into the backup's history and
    /// never removes a restored plan.
    fn fill_from(
        &self,
        plans: &[Plan],
        history: Option<backup::SavedHistory>,
        at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let mut changes = Vec::new();
        for plan in plans {
            changes.extend(records::all_records(plan)?);
        }
        let (cursor, head, entries) = match history {
            Some(h) => {
                let mut encoded = Vec::with_capacity(h.entries.len());
                for line in h.entries {
                    let bytes = serde_json::to_vec(&line.entry)
                        .map_err(|e| StoreError::Io(format!("cannot encode the history entry: {e}")))?;
                    encoded.push((line.seq, bytes));
                }
                (h.head.cursor, h.head.head, encoded)
            }
            None => (0, 0, Vec::new()),
        };
        let mut cache = self.lock_cache();
        let history_bytes = entries.iter().map(|(_, bytes)| bytes.len()).sum();
        self.transact(&changes, history_bytes, at, |meta, history| {
            for (seq, bytes) in &entries {
                history.insert(&seq_key(*seq), bytes.as_slice())?;
            }
            meta.insert(KEY_CURSOR, &cursor.to_be_bytes())?;
            meta.insert(KEY_HEAD, &head.to_be_bytes())?;
            Ok(())
        })?;
        cache.clear();
        // The backup holds exactly this: nothing is pending.
        let mut schedule = self.backups.schedule();
        schedule.last = Some(schedule.last.map_or(at, |l| l.max(at)));
        schedule.pending = None;
        Ok(())
    }
}

impl Drop for Store {
    /// Backs up the changes not yet in a backup and waits for the writer, so that a process
    /// that exits after a change leaves a backup holding it.
    fn drop(&mut self) {
        let pending = self.backups.schedule().pending.take();
        if let Some(at) = pending {
            let mut cache = self.lock_cache();
            self.back_up(&mut cache, at);
        }
        self.backups.finish();
    }
}

/// A copy of the database in the system's temporary folder, removed when the store closes.
#[derive(Debug)]
struct ReadOnlyCopy {
    path: PathBuf,
}

impl ReadOnlyCopy {
    fn make(db: &Path) -> Result<ReadOnlyCopy, StoreError> {
        static COPIES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = COPIES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("cairn-read-only-{}-{n}", std::process::id()));
        let copy = ReadOnlyCopy { path };
        copy_db(db, &copy.path).map_err(|e| {
            StoreError::DiskFull(format!(
                "there is no room on the disk of {}, and a read-only copy in {} could not be made either ({e}); free some space and try again",
                db.display(),
                copy.path.display()
            ))
        })?;
        Ok(copy)
    }
}

impl Drop for ReadOnlyCopy {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// Copies sled's folder, leaving out a snapshot it was still generating when the disk filled.
fn copy_db(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_string_lossy().ends_with(".generating") {
            continue;
        }
        let dest = to.join(&name);
        if entry.file_type()?.is_dir() {
            copy_db(&entry.path(), &dest)?;
        } else {
            std::fs::copy(entry.path(), dest)?;
        }
    }
    Ok(())
}

fn read_time(bytes: Option<sled::IVec>) -> Option<DateTime<Utc>> {
    let millis = bytes.and_then(|b| <[u8; 8]>::try_from(b.as_ref()).ok()).map(i64::from_be_bytes)?;
    DateTime::from_timestamp_millis(millis)
}

/// A thread that frees what it is sent; it ends when the store (the sender) is dropped.
fn reclaimer() -> std::sync::mpsc::Sender<Arc<Plan>> {
    let (tx, rx) = std::sync::mpsc::channel::<Arc<Plan>>();
    let spawned = std::thread::Builder::new().name("cairn-store-reclaim".into()).spawn(move || {
        for plan in rx {
            drop(plan);
        }
    });
    // Without the thread, sends fail and plans are freed by the caller: slower, still correct.
    drop(spawned);
    tx
}

/// Opens sled's files. We hold `cairn.lock`, so no other Cairn has them; if sled still reports
/// its own file lock taken, it is a store this process just closed whose background threads
/// have not yet let go (sled releases the lock when its last internal handle drops). Wait a
/// little for that instead of failing a reopen.
fn open_sled(config: &sled::Config, dir: &Path) -> Result<sled::Db, StoreError> {
    const PATIENCE: std::time::Duration = std::time::Duration::from_secs(5);
    let started = std::time::Instant::now();
    loop {
        // sled asserts on some kinds of damaged files instead of returning an error; a damaged
        // file must give the user a message and the offer of a backup, not a crash.
        let opened = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| config.open()))
            .map_err(|_| StoreError::corrupt(dir, "the storage engine failed to read its files"))?;
        match opened {
            Ok(db) => return Ok(db),
            Err(sled::Error::Io(io)) if sled_lock_busy(&io) && started.elapsed() < PATIENCE => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(e) => return Err(StoreError::from_sled_open(e, dir)),
        }
    }
}

/// `Err(DiskFull)` when the disk has no room for what sled writes on opening the database in
/// `db`. A database not there yet, or files that cannot be measured, are left to sled.
fn room_to_open(db: &Path, dir: &Path) -> Result<(), StoreError> {
    if !db.join("db").is_file() {
        return Ok(());
    }
    match headroom::needed(db) {
        Ok(bytes) => headroom::reserve(dir, bytes),
        Err(_) => Ok(()),
    }
}

/// sled 0.34 reports its file lock taken only as an `Other` error with this wording.
pub fn sled_lock_busy(err: &std::io::Error) -> bool {
    err.kind() == std::io::ErrorKind::Other && err.to_string().starts_with("could not acquire lock")
}

fn lock_dir(dir: &Path) -> Result<File, StoreError> {
    let path = dir.join("cairn.lock");
    let file =
        OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(|e| StoreError::from_io(&e))?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(StoreError::AlreadyOpen { dir: dir.to_owned() }),
        Err(std::fs::TryLockError::Error(e)) => Err(StoreError::from_io(&e)),
    }
}

/// Sets the database aside (renamed `db.damaged-<time>`, never deleted) and rebuilds the data
/// directory from the newest backup. Call only after the user agreed. Returns the open store
/// and the backup used.
pub fn restore_newest_backup(dir: &Path, now: DateTime<Utc>) -> Result<(Store, Backup), StoreError> {
    let backup = list_backups(dir)?.into_iter().next().ok_or_else(|| StoreError::NoBackup(backups_dir(dir)))?;
    restore_backup(dir, &backup, now)
}

/// What a restore did.
#[derive(Debug)]
pub struct Restored {
    /// The open store, rebuilt from the backup.
    pub store: Store,
    /// Where the database that was there went (`None` when there was none).
    pub set_aside: Option<PathBuf>,
    /// How many plans the backup held.
    pub plans: usize,
}

/// Sets the database aside (renamed `db.damaged-<time>`, never deleted) and rebuilds the data
/// directory from `backup`: its plans, and its undo history so that undo continues where it
/// was (a restored plan is not a new change that undo would remove). Call only after the user
/// agreed. Every plan file is read before anything is moved; a backup that cannot be read
/// changes nothing.
pub fn restore_backup(dir: &Path, backup: &Backup, now: DateTime<Utc>) -> Result<(Store, Backup), StoreError> {
    restore(dir, backup, now).map(|r| (r.store, backup.clone()))
}

/// [`restore_backup`], saying what it set aside and how many plans it restored.
pub fn restore(dir: &Path, backup: &Backup, now: DateTime<Utc>) -> Result<Restored, StoreError> {
    let mut plans = Vec::new();
    for path in backup_files(backup)? {
        let text = std::fs::read_to_string(&path).map_err(|e| StoreError::from_io(&e))?;
        let file = cairn_core::read_plan_file(&text)
            .map_err(|e| StoreError::BadBackup { path: path.clone(), detail: e.to_string() })?;
        plans.push(file.plan);
    }
    let history = backup::read_history(backup)?;
    let mut set_aside = None;
    {
        // Hold the lock while moving the database so no other Cairn opens it meanwhile.
        let _lock = lock_dir(dir)?;
        let db = dir.join("db");
        if db.exists() {
            let stamp = now.format("%Y%m%dT%H%M%SZ");
            let mut aside = dir.join(format!("db.damaged-{stamp}"));
            let mut n = 1;
            while aside.exists() {
                n += 1;
                aside = dir.join(format!("db.damaged-{stamp}-{n}"));
            }
            std::fs::rename(&db, &aside).map_err(|e| StoreError::from_io(&e))?;
            set_aside = Some(aside);
        }
    }
    let (store, _) = Store::open_with(dir, now, true)?;
    store.fill_from(&plans, history, backup.taken_at)?;
    Ok(Restored { store, set_aside, plans: plans.len() })
}

//! Cairn's durable storage: the only crate that knows about sled.
//!
//! [`Store`] keeps plans in a data directory:
//!
//! ```text
//! <data dir>/cairn.lock   held exclusively while a Cairn has the directory open
//! <data dir>/db/          the sled database (schema version in `meta`)
//! <data dir>/backups/     one folder of plan files per automatic backup
//! ```
//!
//! Every mutation is one sled transaction over the plan records, the history and the undo
//! cursor, flushed to disk before the call returns. The history makes undo and redo survive a
//! restart. Time is passed in by the caller; this crate never reads the clock.
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

pub use backup::{Backup, KEEP_BACKUPS, backup_files, backups_dir, list_backups};
pub use error::StoreError;
pub use history::{HISTORY_LIMIT, HistoryState, Replayed};
pub use schema::SCHEMA_VERSION;

use history::{Entry, KEY_CURSOR, KEY_HEAD, decode_u64, seq_key};
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
    /// Held for the store's life; the OS releases it if the process dies.
    _lock: File,
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
    pub fn open(dir: &Path, _now: DateTime<Utc>) -> Result<(Store, Opened), StoreError> {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::from_io(&e))?;
        let lock = lock_dir(dir)?;
        let db_path = dir.join("db");
        let existed = db_path.exists();
        let config = sled::Config::new().path(&db_path).cache_capacity(64 * 1024 * 1024);
        let db = open_sled(&config, dir)?;
        let sled_err = |e| StoreError::from_sled(e, dir);
        let meta = db.open_tree(schema::META).map_err(sled_err)?;
        let found = schema::read_version(&meta, dir)?;
        let opened = match found {
            None if existed && db.tree_names().len() > 2 => {
                return Err(StoreError::Corrupt {
                    dir: dir.to_owned(),
                    detail: "the schema version is missing".into(),
                });
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
        let store = Store {
            dir: dir.to_owned(),
            headers: db.open_tree(schema::HEADERS).map_err(sled_err)?,
            records: db.open_tree(schema::RECORDS).map_err(sled_err)?,
            history: db.open_tree(schema::HISTORY).map_err(sled_err)?,
            meta,
            db,
            cache: Mutex::new(HashMap::new()),
            reclaim: reclaimer(),
            _lock: lock,
        };
        Ok((store, opened))
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn sled_err(&self, e: sled::Error) -> StoreError {
        StoreError::from_sled(e, &self.dir)
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
        self.load_locked(&mut cache, id)
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
        Ok(())
    }

    /// Stores a plan outside the history, so undo cannot remove it: for the demo plan that a new
    /// data directory starts with.
    pub fn seed(&self, plan: &Plan) -> Result<(), StoreError> {
        let mut cache = self.lock_cache();
        if self.contains(plan.id.as_str())? {
            return Err(StoreError::PlanExists(plan.id.to_string()));
        }
        self.transact(&records::all_records(plan)?, |_, _| Ok(()))?;
        cache.insert(plan.id.to_string(), Arc::new(plan.clone()));
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
        self.transact(&entry.changes, |meta, history| {
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

    /// Applies record changes plus `also` (on meta and history) atomically, then flushes.
    fn transact(
        &self,
        changes: &[Change],
        also: impl Fn(
            &sled::transaction::TransactionalTree,
            &sled::transaction::TransactionalTree,
        ) -> Result<(), ConflictableTransactionError<()>>,
    ) -> Result<(), StoreError> {
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
                also(meta, history)
            })
            .map_err(|e| match e {
                TransactionError::Storage(e) => self.sled_err(e),
                TransactionError::Abort(()) => StoreError::Io("the change was cancelled".into()),
            })?;
        self.db.flush().map_err(|e| self.sled_err(e))?;
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
        let (cursor, head) = self.cursor_and_head()?;
        let undo = self.entry(cursor)?.map(|e| e.description);
        let redo = if cursor < head { self.entry(cursor + 1)?.map(|e| e.description) } else { None };
        Ok(HistoryState { undo, redo })
    }

    /// Reverses the last change; `None` when there is nothing to undo.
    pub fn undo(&self, _now: DateTime<Utc>) -> Result<Option<Replayed>, StoreError> {
        let mut cache = self.lock_cache();
        let (cursor, _) = self.cursor_and_head()?;
        let Some(entry) = self.entry(cursor)? else { return Ok(None) };
        let reversed: Vec<Change> = entry.changes.iter().rev().map(Change::reversed).collect();
        let back = cursor - 1;
        self.transact(&reversed, |meta, _| {
            meta.insert(KEY_CURSOR, &back.to_be_bytes())?;
            Ok(())
        })?;
        cache.remove(&entry.plan_id);
        Ok(Some(Replayed { description: entry.description, plan_id: entry.plan_id }))
    }

    /// Reapplies the last undone change; `None` when there is nothing to redo.
    pub fn redo(&self, _now: DateTime<Utc>) -> Result<Option<Replayed>, StoreError> {
        let mut cache = self.lock_cache();
        let (cursor, head) = self.cursor_and_head()?;
        if cursor >= head {
            return Ok(None);
        }
        let Some(entry) = self.entry(cursor + 1)? else { return Ok(None) };
        let forward = cursor + 1;
        self.transact(&entry.changes, |meta, _| {
            meta.insert(KEY_CURSOR, &forward.to_be_bytes())?;
            Ok(())
        })?;
        cache.remove(&entry.plan_id);
        Ok(Some(Replayed { description: entry.description, plan_id: entry.plan_id }))
    }

    /// Writes a backup of every plan if the newest backup is more than a day old (or there is
    /// none and there are plans). Returns the backup's folder when one was written.
    pub fn backup_if_due(&self, now: DateTime<Utc>) -> Result<Option<PathBuf>, StoreError> {
        if !backup::due(&self.dir, now)? {
            return Ok(None);
        }
        let plans = self.plans()?;
        if plans.is_empty() {
            return Ok(None);
        }
        self.backup_now(now).map(Some)
    }

    /// Writes a backup of every plan now.
    pub fn backup_now(&self, now: DateTime<Utc>) -> Result<PathBuf, StoreError> {
        let mut files = Vec::new();
        for summary in self.plans()? {
            let plan = self.load(&summary.id)?;
            files.push((format!("{}.cairn.json", summary.id), cairn_core::write_plan_file(&plan, now)));
        }
        backup::write(&self.dir, now, &files)
    }
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
        let opened = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| config.open())).map_err(|_| {
            StoreError::Corrupt { dir: dir.to_owned(), detail: "the storage engine failed to read its files".into() }
        })?;
        match opened {
            Ok(db) => return Ok(db),
            Err(sled::Error::Io(io)) if sled_lock_busy(&io) && started.elapsed() < PATIENCE => {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            Err(e) => return Err(StoreError::from_sled_open(e, dir)),
        }
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

/// Sets a damaged database aside (renamed `db.damaged-<time>`, never deleted) and rebuilds the
/// data directory from the newest backup. Call only after the user agreed. Returns the open
/// store and the backup used.
pub fn restore_newest_backup(dir: &Path, now: DateTime<Utc>) -> Result<(Store, Backup), StoreError> {
    let backup = list_backups(dir)?.into_iter().next().ok_or_else(|| StoreError::NoBackup(backups_dir(dir)))?;
    let mut plans = Vec::new();
    for path in backup_files(&backup)? {
        let text = std::fs::read_to_string(&path).map_err(|e| StoreError::from_io(&e))?;
        let file = cairn_core::read_plan_file(&text)
            .map_err(|e| StoreError::BadBackup { path: path.clone(), detail: e.to_string() })?;
        plans.push(file.plan);
    }
    {
        // Hold the lock while moving the damaged database so no other Cairn opens it meanwhile.
        let _lock = lock_dir(dir)?;
        let db = dir.join("db");
        if db.exists() {
            let aside = dir.join(format!("db.damaged-{}", now.format("%Y%m%dT%H%M%SZ")));
            std::fs::rename(&db, &aside).map_err(|e| StoreError::from_io(&e))?;
        }
    }
    let (store, _) = Store::open(dir, now)?;
    let when = backup.taken_at.format("%Y-%m-%d %H:%M UTC");
    for plan in &plans {
        store.create(plan, &format!("Restore \"{}\" from the backup of {when}", plan.name), now)?;
    }
    Ok((store, backup))
}

//! The stored schema version and the numbered steps that migrate one version to the next.
//!
//! - Version 1: tree `planid_plan`, plan id → the whole plan as JSON. No history.
//! - Version 2: plans split into header and item records (see `records`), with the change
//!   history in `seq_change` and the undo cursor in `meta`. Splitting made an edit of a large
//!   plan write only what changed.
//!
//! A step runs in one transaction per plan and the version is bumped only after every plan is
//! moved, so an interrupted migration is simply run again at the next open.

use sled::Transactional;

use crate::error::StoreError;
use crate::records;

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = 2;

pub(crate) const META: &str = "meta";
pub(crate) const KEY_SCHEMA_VERSION: &[u8] = b"schema_version";
pub(crate) const V1_PLANS: &str = "planid_plan";
pub(crate) const HEADERS: &str = "planid_header";
pub(crate) const RECORDS: &str = "planid_record";
pub(crate) const HISTORY: &str = "seq_change";

pub(crate) fn read_version(meta: &sled::Tree, dir: &std::path::Path) -> Result<Option<u32>, StoreError> {
    let Some(bytes) = meta.get(KEY_SCHEMA_VERSION).map_err(|e| StoreError::from_sled(e, dir))? else {
        return Ok(None);
    };
    let array: [u8; 4] = bytes.as_ref().try_into().map_err(|_| StoreError::data(KEY_SCHEMA_VERSION, "not 4 bytes"))?;
    Ok(Some(u32::from_be_bytes(array)))
}

pub(crate) fn write_version(meta: &sled::Tree, version: u32, dir: &std::path::Path) -> Result<(), StoreError> {
    meta.insert(KEY_SCHEMA_VERSION, &version.to_be_bytes()).map_err(|e| StoreError::from_sled(e, dir))?;
    Ok(())
}

/// Brings a database from `from` up to [`SCHEMA_VERSION`], one numbered step at a time.
pub(crate) fn migrate(db: &sled::Db, from: u32, dir: &std::path::Path) -> Result<(), StoreError> {
    let meta = db.open_tree(META).map_err(|e| StoreError::from_sled(e, dir))?;
    let mut version = from;
    while version < SCHEMA_VERSION {
        match version {
            1 => migrate_1_to_2(db, dir)?,
            other => return Err(StoreError::data(KEY_SCHEMA_VERSION, format!("no migration from version {other}"))),
        }
        version += 1;
        write_version(&meta, version, dir)?;
        db.flush().map_err(|e| StoreError::from_sled(e, dir))?;
    }
    Ok(())
}

/// Version 1 → 2: split each whole-plan value into records.
fn migrate_1_to_2(db: &sled::Db, dir: &std::path::Path) -> Result<(), StoreError> {
    let sled_err = |e| StoreError::from_sled(e, dir);
    let old = db.open_tree(V1_PLANS).map_err(sled_err)?;
    let headers = db.open_tree(HEADERS).map_err(sled_err)?;
    let recs = db.open_tree(RECORDS).map_err(sled_err)?;
    for entry in old.iter() {
        let (key, value) = entry.map_err(sled_err)?;
        let plan: cairn_core::Plan = serde_json::from_slice(&value).map_err(|e| StoreError::data(&key, e))?;
        let changes = records::all_records(&plan)?;
        (&headers, &recs, &old)
            .transaction(|(h, r, o)| {
                for c in &changes {
                    let tree = match c.tree {
                        records::TreeName::Header => h,
                        records::TreeName::Record => r,
                    };
                    if let Some(after) = &c.after {
                        tree.insert(c.key.as_slice(), after.as_slice())?;
                    }
                }
                o.remove(&key)?;
                Ok(())
            })
            .map_err(|e: sled::transaction::TransactionError<()>| match e {
                sled::transaction::TransactionError::Storage(e) => sled_err(e),
                sled::transaction::TransactionError::Abort(()) => StoreError::Io("migration aborted".into()),
            })?;
    }
    db.drop_tree(V1_PLANS).map_err(sled_err)?;
    Ok(())
}

//! The change history: every mutation, with enough to reverse it.
//!
//! Entries live in `seq_change` under big-endian sequence numbers (so they sort in order).
//! `meta` holds two numbers: `history_cursor`, the last applied entry, and `history_head`, the
//! last entry that can be redone. Undo applies the cursor's entry backwards and steps back;
//! redo steps forward. A new mutation after an undo writes at `cursor + 1` and moves the head
//! there, which discards the redo branch in the same transaction; the stale entries beyond the
//! head are deleted afterwards, outside it, since nothing reads them.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::records::Change;

pub(crate) const KEY_CURSOR: &[u8] = b"history_cursor";
pub(crate) const KEY_HEAD: &[u8] = b"history_head";
/// The time of the last change (milliseconds since 1970, big-endian), for backups.
pub(crate) const KEY_LAST_CHANGE: &[u8] = b"last_change";
/// The time of the last change the newest backup holds (milliseconds since 1970, big-endian),
/// written once that backup is complete on disk. A backup's name keeps whole seconds only: by
/// its name alone, a change at 12:00:00.300 looked newer than its own backup `…T120000Z`, and
/// every open backed the same change up again (all plans written, 10,000 initiatives or not).
pub(crate) const KEY_BACKED_UP: &[u8] = b"backed_up";

/// How many entries are kept; older ones are pruned (undo reaches back this far).
pub const HISTORY_LIMIT: u64 = 500;

/// One recorded mutation.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct Entry {
    pub at: DateTime<Utc>,
    pub description: String,
    pub plan_id: String,
    pub changes: Vec<Change>,
}

/// What undo and redo would do now.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct HistoryState {
    /// The description of the change undo would reverse.
    pub undo: Option<String>,
    /// The description of the change redo would reapply.
    pub redo: Option<String>,
}

/// A change that undo or redo just applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replayed {
    /// The change's description, e.g. "Rename plan to …".
    pub description: String,
    /// The plan it affected.
    pub plan_id: String,
}

pub(crate) fn seq_key(seq: u64) -> [u8; 8] {
    seq.to_be_bytes()
}

pub(crate) fn decode_u64(bytes: Option<sled::IVec>) -> u64 {
    bytes.and_then(|b| <[u8; 8]>::try_from(b.as_ref()).ok()).map_or(0, u64::from_be_bytes)
}

//! Room on the disk for what sled writes when it opens an existing database.
//!
//! Opening is not read-only for sled: recovery zeroes the torn tail of the log, fills the
//! current segment and writes a new snapshot. On a full disk the zeroing succeeds (those
//! blocks are already the file's) and the writes after it fail, which leaves a database that no
//! longer reads: the plans written last before the disk filled were lost that way (issue 14,
//! item 13). So before sled may open the database in place, Cairn writes, then removes, a file
//! as large as what sled's open can need. When that fails for want of space, the store opens
//! a copy read-only instead and the database on the full disk is not touched.

use std::io::Write;
use std::path::Path;

use crate::StoreError;

/// sled 0.34's default segment size, used when the database's `conf` does not name one.
const DEFAULT_SEGMENT: u64 = 512 * 1024;
/// Slack for sled's own bookkeeping files and the snapshot growing by the recovered tail.
const SLACK: u64 = 64 * 1024;
const NAME: &str = "headroom.tmp";

/// The bytes sled can write when it opens the database in `db`: the rest of the segment the
/// log ends in, and a new snapshot (at most twice the largest one there, plus slack).
pub(crate) fn needed(db: &Path) -> std::io::Result<u64> {
    let segment = segment_size(db);
    let log = std::fs::metadata(db.join("db"))?.len();
    let rest_of_segment = match log % segment {
        0 => 0,
        used => segment - used,
    };
    let mut snapshot = 0;
    for entry in std::fs::read_dir(db)? {
        let entry = entry?;
        if entry.file_name().to_string_lossy().starts_with("snap.") {
            snapshot = snapshot.max(entry.metadata()?.len());
        }
    }
    Ok(rest_of_segment + 2 * snapshot + SLACK)
}

/// Whether `bytes` can be written in `dir` now: writes them to a scratch file and removes it.
/// `Err(DiskFull)` when they cannot; another I/O failure is returned as it is.
pub(crate) fn reserve(dir: &Path, bytes: u64) -> Result<(), StoreError> {
    let path = dir.join(NAME);
    let result = write_zeros(&path, bytes);
    // The file is scratch whatever happened; removing it gives the space back to sled.
    let _ = std::fs::remove_file(&path);
    result.map_err(|e| StoreError::from_io(&e))
}

fn write_zeros(path: &Path, bytes: u64) -> std::io::Result<()> {
    let mut file = std::fs::File::create(path)?;
    let chunk = [0u8; 64 * 1024];
    let mut left = bytes;
    while left > 0 {
        let n = usize::try_from(left.min(chunk.len() as u64)).unwrap_or(chunk.len());
        file.write_all(&chunk[..n])?;
        left -= n as u64;
    }
    // Delayed allocation can defer ENOSPC to the flush; ask for it now.
    file.sync_data()
}

/// `Err(DiskFull)` unless the disk of the database in `db` has room for a change of `bytes`
/// before any of it is written. sled writes a change when it flushes, after the change is
/// applied in memory; running out of room then leaves it unknown whether the change is on the
/// disk. So ask first, generously: the change may start a new segment of the log, and sled may
/// rewrite the tree nodes it touches as well as append it.
pub(crate) fn room_for_change(db: &Path, bytes: u64) -> Result<(), StoreError> {
    let needed = segment_size(db).saturating_add(bytes.saturating_mul(2)).saturating_add(SLACK);
    match fs2::available_space(db) {
        Ok(free) if free < needed => Err(StoreError::DiskFull(format!(
            "{} free on the disk of {}; this change needs about {}",
            size_text(free),
            db.display(),
            size_text(needed)
        ))),
        // Free space that cannot be measured is left to the write itself.
        _ => Ok(()),
    }
}

/// Bytes for a person: kB below a megabyte, MB with one decimal above.
fn size_text(bytes: u64) -> String {
    if bytes < 1_000_000 { format!("{} kB", bytes.div_ceil(1000)) } else { format!("{:.1} MB", bytes as f64 / 1e6) }
}

/// The `segment_size` in sled's `conf` file, or sled's default.
fn segment_size(db: &Path) -> u64 {
    std::fs::read_to_string(db.join("conf"))
        .ok()
        .and_then(|conf| {
            conf.lines().find_map(|l| l.strip_prefix("segment_size:")).and_then(|v| v.trim().parse::<u64>().ok())
        })
        .filter(|&s| s > 0)
        .unwrap_or(DEFAULT_SEGMENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_sled_may_write_on_open_is_the_rest_of_the_segment_and_a_snapshot() {
        let dir = tempfile::tempdir().expect("tmp");
        let db = dir.path();
        std::fs::write(db.join("conf"), "segment_size: 1000\nuse_compression: false\n").expect("conf");
        std::fs::write(db.join("db"), vec![1u8; 2300]).expect("log");
        std::fs::write(db.join("snap.00000000000000AB"), vec![1u8; 40]).expect("snap");
        std::fs::write(db.join("snap.00000000000000CD"), vec![1u8; 70]).expect("snap");
        assert_eq!(needed(db).expect("needed"), 700 + 140 + SLACK);
        std::fs::write(db.join("db"), vec![1u8; 3000]).expect("log");
        assert_eq!(needed(db).expect("needed"), 140 + SLACK);
        std::fs::remove_file(db.join("conf")).expect("rm");
        assert_eq!(needed(db).expect("needed"), DEFAULT_SEGMENT - 3000 + 140 + SLACK);
    }

    #[test]
    fn reserving_leaves_nothing_behind() {
        let dir = tempfile::tempdir().expect("tmp");
        reserve(dir.path(), 200_000).expect("room");
        assert_eq!(std::fs::read_dir(dir.path()).expect("dir").count(), 0);
    }
}

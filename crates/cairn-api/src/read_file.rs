//! Reading the files a user picks (plan files, initiative CSV, MS Project XML): only regular
//! files, never more than a limit, so that `/dev/zero`, a named pipe or a 10 GB file is refused
//! in a moment instead of filling memory or waiting forever.

use std::fs::{File, Metadata};
use std::io::Read;
use std::path::Path;

use crate::{ApiError, ErrorCode};

/// The largest plan file read: `cairn_core::file::MAX_PLAN_FILE_BYTES` (16 MiB).
pub const MAX_PLAN_FILE_BYTES: usize = cairn_core::file::MAX_PLAN_FILE_BYTES;

/// The largest initiatives CSV read: 16 MiB, some 50,000 rows of long descriptions.
pub const MAX_CSV_FILE_BYTES: usize = 16 * 1024 * 1024;

/// The largest MS Project XML file read: 64 MiB. MSPDI repeats calendars, assignments and
/// extended attributes around every task, so a project file is many times the size of the
/// initiatives it holds; 64 MiB holds tens of thousands of tasks.
pub const MAX_PROJECT_FILE_BYTES: usize = 64 * 1024 * 1024;

/// The largest cover logo read: 8 MiB, far above any PNG or JPEG a cover needs.
pub const MAX_LOGO_FILE_BYTES: usize = 8 * 1024 * 1024;

/// Reads and checks a plan file at `path` without storing it (`cairn roadmap`, `scenario` and
/// `report` work on files): a regular file of at most 16 MiB, then [`cairn_core::read_plan_file`].
pub fn read_plan_at(path: &Path) -> Result<cairn_core::PlanFile, ApiError> {
    let text = read_text(path, FileKind::Plan)?;
    cairn_core::read_plan_file(&text).map_err(|e| plan_file_error(&path.display().to_string(), &e))
}

/// Reads a cover logo (PNG or JPEG bytes): a regular file of at most 8 MiB.
pub fn read_logo(path: &Path) -> Result<Vec<u8>, ApiError> {
    read_bytes(path, FileKind::Logo)
}

/// A plan file's error as the API reports it, the file named first.
pub(crate) fn plan_file_error(source: &str, e: &cairn_core::PlanFileError) -> ApiError {
    let code = match e {
        cairn_core::PlanFileError::TooNew { .. } => ErrorCode::UnsupportedVersion,
        _ => ErrorCode::InvalidFile,
    };
    ApiError::new(code, format!("{source}: {e}"))
}

/// What kind of file is read, for the limit and the messages.
#[derive(Debug, Clone, Copy)]
pub(crate) enum FileKind {
    /// A Cairn plan file (UTF-8 JSON).
    Plan,
    /// An initiatives CSV file.
    Csv,
    /// An MS Project XML (MSPDI) file.
    Project,
    /// A PNG or JPEG logo.
    Logo,
}

impl FileKind {
    fn limit(self) -> usize {
        match self {
            FileKind::Plan => MAX_PLAN_FILE_BYTES,
            FileKind::Csv => MAX_CSV_FILE_BYTES,
            FileKind::Project => MAX_PROJECT_FILE_BYTES,
            FileKind::Logo => MAX_LOGO_FILE_BYTES,
        }
    }

    fn name(self) -> &'static str {
        match self {
            FileKind::Plan => "a plan file",
            FileKind::Csv => "a CSV file",
            FileKind::Project => "an MS Project XML file",
            FileKind::Logo => "a logo",
        }
    }

    fn encoding(self) -> &'static str {
        match self {
            FileKind::Plan => "plan files are UTF-8 JSON",
            FileKind::Csv => "CSV files are read as UTF-8",
            FileKind::Project => "MS Project XML files are read as UTF-8",
            FileKind::Logo => "logos are PNG or JPEG",
        }
    }
}

/// Reads a regular file of at most the kind's limit as UTF-8 text. A directory, device, named
/// pipe or socket is refused before it is opened for reading (opening a named pipe would wait
/// for a writer); the opened file is checked again, and reading stops one byte past the limit,
/// so a file that grows or is swapped meanwhile cannot make it read without end.
pub(crate) fn read_text(path: &Path, kind: FileKind) -> Result<String, ApiError> {
    let bytes = read_bytes(path, kind)?;
    String::from_utf8(bytes).map_err(|e| {
        ApiError::new(
            ErrorCode::InvalidFile,
            format!(
                "{}: not a text file: byte {} is not UTF-8 ({})",
                path.display(),
                e.utf8_error().valid_up_to() + 1,
                kind.encoding()
            ),
        )
    })
}

/// The bytes of a regular file of at most the kind's limit (see [`read_text`]).
fn read_bytes(path: &Path, kind: FileKind) -> Result<Vec<u8>, ApiError> {
    let limit = kind.limit();
    let before = std::fs::metadata(path).map_err(|e| ApiError::file_io(path, &e))?;
    regular(path, &before, kind)?;
    if before.len() > limit as u64 {
        return Err(too_large(path, kind, before.len()));
    }
    let file = File::open(path).map_err(|e| ApiError::file_io(path, &e))?;
    let opened = file.metadata().map_err(|e| ApiError::file_io(path, &e))?;
    regular(path, &opened, kind)?;
    let expected = usize::try_from(opened.len()).map_or(limit, |n| n.min(limit));
    let mut bytes = Vec::with_capacity(expected);
    file.take(limit as u64 + 1).read_to_end(&mut bytes).map_err(|e| ApiError::file_io(path, &e))?;
    if bytes.len() > limit {
        return Err(too_large(path, kind, bytes.len() as u64));
    }
    Ok(bytes)
}

fn regular(path: &Path, meta: &Metadata, kind: FileKind) -> Result<(), ApiError> {
    if meta.is_file() {
        return Ok(());
    }
    Err(ApiError::new(
        ErrorCode::InvalidFile,
        format!("{}: {}, not a regular file; choose {}", path.display(), describe(meta), kind.name()),
    ))
}

#[cfg(unix)]
fn describe(meta: &Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_dir() {
        "a directory"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_fifo() {
        "a named pipe"
    } else if t.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn describe(meta: &Metadata) -> &'static str {
    if meta.is_dir() { "a directory" } else { "a special file" }
}

fn too_large(path: &Path, kind: FileKind, bytes: u64) -> ApiError {
    let mib = |n: u64| n as f64 / (1024.0 * 1024.0);
    ApiError::new(
        ErrorCode::InvalidFile,
        format!(
            "{}: the file is {:.1} MiB or more; {} may be at most {} MiB, and nothing was read",
            path.display(),
            mib(bytes),
            kind.name(),
            kind.limit() / (1024 * 1024)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_regular_file_up_to_the_limit() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("ok.csv");
        std::fs::write(&path, "a,b\n").expect("write");
        assert_eq!(read_text(&path, FileKind::Csv), Ok("a,b\n".to_owned()));

        let at_limit = dir.path().join("at-limit.csv");
        std::fs::write(&at_limit, vec![b' '; MAX_CSV_FILE_BYTES]).expect("write");
        assert_eq!(read_text(&at_limit, FileKind::Csv).map(|t| t.len()), Ok(MAX_CSV_FILE_BYTES));

        let over = dir.path().join("over.json");
        std::fs::write(&over, vec![b' '; MAX_PLAN_FILE_BYTES + 1]).expect("write");
        let err = read_text(&over, FileKind::Plan).expect_err("too large");
        assert_eq!(err.code, ErrorCode::InvalidFile);
        assert!(err.message.contains("a plan file may be at most 16 MiB"), "{}", err.message);
    }

    #[test]
    fn refuses_what_is_not_a_regular_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let err = read_text(dir.path(), FileKind::Plan).expect_err("a directory");
        assert_eq!(err.code, ErrorCode::InvalidFile);
        assert!(err.message.contains("a directory, not a regular file; choose a plan file"), "{}", err.message);
        #[cfg(unix)]
        {
            let err = read_text(Path::new("/dev/zero"), FileKind::Plan).expect_err("a device");
            assert!(err.message.contains("/dev/zero: a device, not a regular file"), "{}", err.message);
            // Opening a named pipe for reading would wait for a writer: it is refused unopened.
            let fifo = dir.path().join("pipe");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("run mkfifo");
            assert!(made.success(), "mkfifo failed");
            let err = read_text(&fifo, FileKind::Plan).expect_err("a named pipe");
            assert!(err.message.contains("a named pipe, not a regular file"), "{}", err.message);
        }
    }

    #[test]
    fn names_the_first_byte_that_is_not_utf8() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("latin1.json");
        std::fs::write(&path, b"{\"name\": \"Caf\xe9\"}").expect("write");
        let err = read_text(&path, FileKind::Plan).expect_err("not UTF-8");
        assert!(err.message.contains("byte 14 is not UTF-8 (plan files are UTF-8 JSON)"), "{}", err.message);
    }
}

//! Standard output. A reader that stops reading early (`cairn plans | head -1`) is not a failure
//! of the command: what it asked for has been done and the rest is unwanted, so the command ends
//! quietly with success, as Unix tools do, where `println!` would panic. Any other failure to
//! write (a full disk under `> file`) is an error on one line.

use std::io::Write as _;
use std::process::ExitCode;

use cairn_api::{ApiError, ErrorCode};

/// The message of the error that means "the reader went away"; [`closed`] recognises it.
const CLOSED: &str = "standard output was closed by its reader";

/// Writes to standard output and flushes.
pub fn write(args: std::fmt::Arguments<'_>) -> Result<(), ApiError> {
    let mut out = std::io::stdout().lock();
    match out.write_fmt(args).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Err(ApiError::new(ErrorCode::Io, CLOSED)),
        Err(e) => Err(ApiError::new(ErrorCode::Io, format!("cannot write to standard output: {e}"))),
    }
}

/// Whether `e` only says that the reader of standard output went away.
pub fn closed(e: &ApiError) -> bool {
    e.code == ErrorCode::Io && e.message == CLOSED
}

/// The exit code after writing an answer: success when written (or no longer wanted), else the
/// error on one line and failure.
pub fn done(written: Result<(), ApiError>) -> ExitCode {
    match written {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if closed(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}", cairn_api::text::one_line(&e.message));
            ExitCode::FAILURE
        }
    }
}

/// `print!` that does not panic: see the module.
macro_rules! out {
    ($($t:tt)*) => { $crate::out::write(format_args!($($t)*)) };
}

/// `println!` that does not panic: see the module.
macro_rules! outln {
    ($($t:tt)*) => { $crate::out::write(format_args!("{}\n", format_args!($($t)*))) };
}

pub(crate) use {out, outln};

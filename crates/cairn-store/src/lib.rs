//! cairn-store: being written.

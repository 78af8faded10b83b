//! cairn-api: being written.

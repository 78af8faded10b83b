//! cairn-core: being written.

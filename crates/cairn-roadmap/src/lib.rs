//! cairn-roadmap: placeholder, being written.

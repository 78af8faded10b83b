//! cairn-finance: placeholder, being written.

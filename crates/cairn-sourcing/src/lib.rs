//! cairn-sourcing: placeholder, being written.

//! Nothing to build: the tidy tests are in `tests/tidy.rs` (see ARCHITECTURE.md, "Invariants").

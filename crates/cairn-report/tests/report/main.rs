//! Placeholder until the read-back tests land.

//! Transport types of the board pack page.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What the Board pack page asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BoardPackRequestDto {
    /// "a4" or "letter" (the pack's paper; the deck is always 16:9).
    pub paper: String,
    /// "pack" (the default, when absent) or "deck".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub layout: Option<String>,
    /// Render the plan as this scenario or baseline (id or name); none for the plan itself.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub scenario: Option<String>,
    /// Section keys to include (see [`ReportSectionDto`]); empty for all.
    pub sections: Vec<String>,
    /// The confidentiality label on the cover and every page.
    pub label: String,
}

/// A section the pack can hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReportSectionDto {
    /// Its key, e.g. "cases".
    pub key: String,
    /// Its title, e.g. "Business cases".
    pub title: String,
}

/// A written board pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BoardPackDto {
    /// Where it was written.
    pub path: String,
    /// Its size in bytes.
    pub bytes: u64,
}

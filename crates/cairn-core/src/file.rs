//! The plan file: a plan as a self-describing JSON document.
//!
//! ```json
//! { "format": "cairn-plan", "version": 1, "exported_at": "2026-11-22T15:00:00Z", "plan": { … } }
//! ```
//!
//! Reading checks the format marker, refuses a newer version with a message saying which
//! versions this Cairn reads, migrates an older version step by step, then deserialises and
//! validates. Every error names the JSON path of the field and the reason. `docs/plan-format.md`
//! and `docs/schema/plan.schema.json` describe the format for other tools.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::plan::Plan;
use crate::text::one_line;
use crate::validate::validate;

/// The value of the `format` field.
pub const PLAN_FORMAT: &str = "cairn-plan";

/// The version this Cairn writes, and the newest it reads.
pub const PLAN_FORMAT_VERSION: u32 = 1;

/// One step of migration: turns a document of version `n` into version `n + 1`. The step for
/// version `n` is at index `n - 1`; the list grows by one entry each time the format changes.
type Migration = fn(&mut Value) -> Result<(), PlanFileError>;
const MIGRATIONS: &[Migration] = &[];

/// A plan read from, or to be written to, a plan file.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanFile {
    /// When the file was written, if it says.
    pub exported_at: Option<DateTime<Utc>>,
    /// The plan.
    pub plan: Plan,
}

/// Why a plan file cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanFileError {
    /// Not well-formed JSON (truncated, a stray character...).
    #[error("line {line}, column {column}: {reason}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What the JSON parser expected.
        reason: String,
    },
    /// Well-formed JSON that breaks the format or a plan rule.
    #[error("{path}: {reason}")]
    Invalid {
        /// JSON path of the offending field, e.g. `$.plan.settings.currency`.
        path: String,
        /// What is wrong.
        reason: String,
    },
    /// Written by a newer Cairn.
    #[error(
        "$.version: this file is plan format version {found}, but this Cairn reads versions 1 to {supported}; open it with a newer Cairn"
    )]
    TooNew {
        /// The file's version.
        found: u64,
        /// The newest version this Cairn reads.
        supported: u32,
    },
}

impl PlanFileError {
    /// The path and the reason quote the file (an unknown variant, a key), so both are made one
    /// line: a value holding a newline cannot forge a second line of error.
    fn invalid(path: impl Into<String>, reason: impl Into<String>) -> PlanFileError {
        let (path, reason) = (path.into(), reason.into());
        PlanFileError::Invalid { path: one_line(&path).into_owned(), reason: one_line(&reason).into_owned() }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Body {
    #[serde(rename = "format")]
    _format: String,
    #[serde(rename = "version")]
    _version: u64,
    #[serde(default)]
    exported_at: Option<DateTime<Utc>>,
    plan: Plan,
}

#[derive(Serialize)]
struct BodyOut<'a> {
    format: &'static str,
    version: u32,
    exported_at: String,
    plan: &'a Plan,
}

/// Reads a plan file's text: format check, version check and migration, deserialisation and
/// validation. The first problem found is reported; when there are more, the message says how
/// many.
pub fn read_plan_file(text: &str) -> Result<PlanFile, PlanFileError> {
    let mut doc: Value = serde_json::from_str(text).map_err(|e| PlanFileError::Syntax {
        line: e.line(),
        column: e.column(),
        reason: one_line(&strip_position(&e.to_string())).into_owned(),
    })?;
    let root = doc.as_object().ok_or_else(|| PlanFileError::invalid("$", "a plan file is a JSON object"))?;
    match root.get("format") {
        Some(Value::String(f)) if f == PLAN_FORMAT => {}
        Some(Value::String(f)) => {
            return Err(PlanFileError::invalid("$.format", format!("expected \"{PLAN_FORMAT}\", found \"{f}\"")));
        }
        Some(_) => return Err(PlanFileError::invalid("$.format", format!("must be the string \"{PLAN_FORMAT}\""))),
        None => {
            return Err(PlanFileError::invalid(
                "$.format",
                format!("missing: this is not a Cairn plan file (expected \"format\": \"{PLAN_FORMAT}\")"),
            ));
        }
    }
    let version = root
        .get("version")
        .and_then(Value::as_u64)
        .filter(|v| *v >= 1)
        .ok_or_else(|| PlanFileError::invalid("$.version", "must be a whole number from 1"))?;
    if version > u64::from(PLAN_FORMAT_VERSION) {
        return Err(PlanFileError::TooNew { found: version, supported: PLAN_FORMAT_VERSION });
    }
    // Migrate older documents one version at a time, so each step stays small and tested.
    for step in version..u64::from(PLAN_FORMAT_VERSION) {
        let index = usize::try_from(step - 1).map_err(|_| PlanFileError::invalid("$.version", "out of range"))?;
        let migrate = MIGRATIONS
            .get(index)
            .ok_or_else(|| PlanFileError::invalid("$.version", format!("no migration from version {step}")))?;
        migrate(&mut doc)?;
        if let Some(obj) = doc.as_object_mut() {
            obj.insert("version".into(), Value::from(step + 1));
        }
    }
    let body: Body = serde_path_to_error::deserialize(&doc).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { "$".to_owned() } else { format!("$.{path}") };
        PlanFileError::invalid(path, e.into_inner().to_string())
    })?;
    let problems = validate(&body.plan);
    if let Some(first) = problems.first() {
        let more = match problems.len() - 1 {
            0 => String::new(),
            1 => " (and 1 more problem)".to_owned(),
            n => format!(" (and {n} more problems)"),
        };
        return Err(PlanFileError::invalid(format!("$.plan.{}", first.path), format!("{}{more}", first.reason)));
    }
    Ok(PlanFile { exported_at: body.exported_at, plan: body.plan })
}

/// Writes a plan file's text (pretty-printed, ending in a newline) in the current version.
pub fn write_plan_file(plan: &Plan, exported_at: DateTime<Utc>) -> String {
    let body = BodyOut {
        format: PLAN_FORMAT,
        version: PLAN_FORMAT_VERSION,
        exported_at: exported_at.to_rfc3339_opts(SecondsFormat::Secs, true),
        plan,
    };
    // Serialising plain data with string keys cannot fail; fall back to an empty object rather
    // than panic should that ever change.
    let mut text = serde_json::to_string_pretty(&body).unwrap_or_else(|_| "{}".to_owned());
    text.push('\n');
    text
}

/// serde_json appends " at line L column C"; the position is reported in its own fields.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_owned(),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_plan;

    fn demo_text() -> String {
        write_plan_file(&demo_plan(), DateTime::UNIX_EPOCH)
    }

    /// Replaces `from` by `to` in the demo file and expects an error whose text contains `expected`.
    fn check(from: &str, to: &str, expected: &str) {
        let text = demo_text();
        assert!(text.contains(from), "{from:?} not in demo file");
        let err = read_plan_file(&text.replacen(from, to, 1)).expect_err("should fail").to_string();
        assert!(err.contains(expected), "{err:?} does not contain {expected:?}");
    }

    #[test]
    fn round_trip() {
        let text = demo_text();
        let file = read_plan_file(&text).expect("demo reads");
        assert_eq!(file.plan, demo_plan());
        assert_eq!(write_plan_file(&file.plan, DateTime::UNIX_EPOCH), text);
    }

    #[test]
    fn bad_files() {
        check(
            "\"currency\": \"USD\"",
            "\"currency\": \"XYZ\"",
            "$.plan.settings.currency: unknown currency code \"XYZ\"",
        );
        check("\"years\": 5", "\"years\": \"five\"", "$.plan.settings.horizon.years: invalid type: string \"five\"");
        check("\"format\": \"cairn-plan\"", "\"format\": \"other\"", "$.format: expected \"cairn-plan\"");
        check("\"version\": 1", "\"version\": 99", "version 99, but this Cairn reads versions 1 to 1");
        check("\"version\": 1", "\"version\": 0", "$.version: must be a whole number from 1");
        check(
            "\"id\": \"goal-digital\"",
            "\"id\": \"goal-resilient\"",
            "$.plan.goals[1].id: duplicate id \"goal-resilient\"",
        );
        check("\"organisation\"", "\"organization\"", "$.plan.organization: unknown field `organization`");
        check(
            "\"start_month\": 7",
            "\"start_month\": 13",
            "$.plan.settings.fiscal_calendar.start_month: must be a month",
        );
    }

    #[test]
    fn syntax_errors_have_positions() {
        let text = demo_text();
        let err = read_plan_file(&text[..text.len() / 2]).expect_err("truncated").to_string();
        assert!(err.starts_with("line "), "{err}");
        assert!(err.contains("EOF while parsing"), "{err}");
        assert!(read_plan_file("[]").expect_err("array").to_string().contains("JSON object"));
    }
}

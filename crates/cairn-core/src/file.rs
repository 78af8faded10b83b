//! The plan file: a plan as a self-describing JSON document.
//!
//! ```json
//! { "format": "cairn-plan", "version": 2, "exported_at": "2026-11-22T15:00:00Z", "plan": { … } }
//! ```
//!
//! Reading checks the format marker, refuses a newer version with a message saying which
//! versions this Cairn reads, migrates an older version step by step, then deserialises and
//! validates. Every error names the JSON path of the field and the reason. `docs/plan-format.md`
//! and `docs/schema/plan.schema.json` describe the format for other tools.

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::appraisal::LEGACY_RATE_REASON;
use crate::exact::quoted;
use crate::json::JsonError;
use crate::plan::Plan;
use crate::text::one_line;
use crate::validate::validate;

/// The value of the `format` field.
pub const PLAN_FORMAT: &str = "cairn-plan";

/// The version this Cairn writes, and the newest it reads. Version 2 added the plan's appraisal
/// policy (`settings.appraisal`) and a case's `rate_reason` and `prices`; a version 1 file is
/// migrated by [`v1_to_v2`].
pub const PLAN_FORMAT_VERSION: u32 = 2;

/// The largest plan file Cairn reads: 16 MiB. The demo plan, with its business cases, sourcing
/// studies, scenarios and a baseline, is about 100 KiB, and a plan of 2,000 initiatives with
/// full descriptions and a dozen baselines stays below it; a file read whole is held about five
/// times over while it is parsed, checked and stored, so a limit of tens of MiB keeps an import
/// well inside a laptop's memory. Readers of files stop reading at this many bytes plus one.
pub const MAX_PLAN_FILE_BYTES: usize = 16 * 1024 * 1024;

/// One step of migration: turns a document of version `n` into version `n + 1`. The step for
/// version `n` is at index `n - 1`; the list grows by one entry each time the format changes.
type Migration = fn(&mut Value) -> Result<(), PlanFileError>;
const MIGRATIONS: &[Migration] = &[v1_to_v2];

/// Version 1 → 2: a version 1 plan had no appraisal policy, and each case and sourcing study was
/// discounted at the rate it stated. Each (the plan's and its baselines') keeps that rate as its
/// own, with the reason [`LEGACY_RATE_REASON`], so its figures stay the same under any policy set later; the
/// policy is left out, which reads as the default (nominal, every case at its own rate). A part
/// that is not the expected shape is left alone for deserialisation to report by path.
fn v1_to_v2(doc: &mut Value) -> Result<(), PlanFileError> {
    fn cases_of(plan: &mut Value) {
        for collection in ["business_cases", "sourcing_studies"] {
            let Some(items) = plan.get_mut(collection).and_then(Value::as_array_mut) else { continue };
            for item in items.iter_mut().filter_map(Value::as_object_mut) {
                if item.get("rate_reason").is_none_or(Value::is_null) {
                    item.insert("rate_reason".into(), Value::from(LEGACY_RATE_REASON));
                }
            }
        }
    }
    let Some(plan) = doc.get_mut("plan") else { return Ok(()) };
    cases_of(plan);
    if let Some(baselines) = plan.get_mut("baselines").and_then(Value::as_array_mut) {
        for baseline in baselines {
            if let Some(frozen) = baseline.get_mut("plan") {
                cases_of(frozen);
            }
        }
    }
    Ok(())
}

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
    /// Larger than [`MAX_PLAN_FILE_BYTES`].
    #[error("the file is larger than the {} MiB a plan file may be; nothing was read", MAX_PLAN_FILE_BYTES / (1024 * 1024))]
    TooLarge {
        /// How many bytes were offered (the file's size, or the limit plus one when the reading stopped there).
        bytes: u64,
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
    /// An error at a path. Both parts may quote the file (a key, a misspelt value), so control
    /// characters are escaped and a very long part is cut: the message stays one readable line.
    fn invalid(path: impl Into<String>, reason: impl Into<String>) -> PlanFileError {
        PlanFileError::Invalid { path: shown(&path.into()), reason: shown(&reason.into()) }
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
    if text.len() > MAX_PLAN_FILE_BYTES {
        return Err(PlanFileError::TooLarge { bytes: text.len() as u64 });
    }
    let body = match read_current(text) {
        Some(body) => body,
        None => read_body(text)?,
    };
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

/// A file of the current version read straight into the model, or `None` to take the careful
/// way ([`read_body`]), which also says what is wrong. Straight reading is about twice as fast
/// on a large plan, and gives the same plan: every object of a plan file is a struct (or an
/// internally tagged enum) that refuses unknown fields, and serde refuses a field given twice
/// in those, so a file read this way has no repeated key; numbers and strings reach the same
/// `Deserialize` code either way; and the format and version are checked here as `read_body`
/// checks them. Whatever this refuses, `read_body` reads again to report it by path.
fn read_current(text: &str) -> Option<Body> {
    let body: Body = serde_json::from_str(text).ok()?;
    (body._format == PLAN_FORMAT && body._version == u64::from(PLAN_FORMAT_VERSION)).then_some(body)
}

/// The file as a document: format check, version check and migration, then deserialisation,
/// every error with the JSON path of the field.
fn read_body(text: &str) -> Result<Body, PlanFileError> {
    let mut doc: Value = crate::json::parse(text).map_err(|e| match e {
        JsonError::Syntax { line, column, reason } => PlanFileError::Syntax { line, column, reason: shown(&reason) },
        JsonError::DuplicateKey { path, key } => PlanFileError::invalid(
            path,
            format!("the key {} appears twice in this object; a key may appear once", quoted(&key)),
        ),
    })?;
    let root = doc.as_object().ok_or_else(|| PlanFileError::invalid("$", "a plan file is a JSON object"))?;
    match root.get("format") {
        Some(Value::String(f)) if f == PLAN_FORMAT => {}
        Some(Value::String(f)) => {
            return Err(PlanFileError::invalid("$.format", format!("expected \"{PLAN_FORMAT}\", found {}", quoted(f))));
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
    serde_path_to_error::deserialize(&doc).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { "$".to_owned() } else { format!("$.{path}") };
        PlanFileError::invalid(path, e.into_inner().to_string())
    })
}

/// `text` made one line ([`one_line`]: control characters escaped as `\n`, `\u{7}`), cut after
/// 300 characters.
fn shown(text: &str) -> String {
    const SHOWN: usize = 300;
    match text.char_indices().nth(SHOWN) {
        Some((end, _)) => format!("{}…", one_line(&text[..end])),
        None => one_line(text).into_owned(),
    }
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

    /// The demo as version 1 knew it: without the appraisal policy, which version 2 brought.
    fn version_1_demo() -> crate::Plan {
        let mut plan = demo_plan();
        plan.settings.appraisal = crate::appraisal::AppraisalPolicy::default();
        plan
    }

    /// A version 1 file: the demo as an older Cairn wrote it (no policy, no reasons).
    pub(crate) fn version_1_text() -> String {
        let text = write_plan_file(&version_1_demo(), DateTime::UNIX_EPOCH);
        assert!(!text.contains("rate_reason") && !text.contains("\"appraisal\""), "the demo sets no policy");
        text.replacen("\"version\": 2", "\"version\": 1", 1)
    }

    /// Migrating version 1 gives each case (the plan's and every baseline's) its stated rate as its
    /// own, with the legacy reason, and changes nothing else: the default policy, every amount and
    /// rate as it was. Written again it is version 2, and reads back the same.
    #[test]
    fn version_1_migrates_each_case_to_its_own_rate() {
        let file = read_plan_file(&version_1_text()).expect("version 1 reads");
        let mut expected = version_1_demo();
        let legacy = |cases: &mut Vec<crate::case::BusinessCase>| {
            for x in cases {
                x.rate_reason = Some(LEGACY_RATE_REASON.to_owned());
            }
        };
        let legacy_studies = |studies: &mut Vec<crate::plan::SourcingStudy>| {
            for x in studies {
                x.rate_reason = Some(LEGACY_RATE_REASON.to_owned());
            }
        };
        legacy(&mut expected.business_cases);
        legacy_studies(&mut expected.sourcing_studies);
        assert!(!expected.sourcing_studies.is_empty(), "the demo has studies to migrate");
        assert!(!expected.baselines.is_empty(), "the demo has a baseline to migrate");
        for b in &mut expected.baselines {
            legacy(&mut b.plan.business_cases);
            legacy_studies(&mut b.plan.sourcing_studies);
        }
        assert_eq!(file.plan, expected);
        assert!(file.plan.settings.appraisal.is_default());
        for (migrated, before) in file.plan.business_cases.iter().zip(&version_1_demo().business_cases) {
            assert_eq!(
                file.plan.settings.appraisal.rate_for(migrated),
                crate::appraisal::CaseRate::Own { rate: before.discount_rate, reason: LEGACY_RATE_REASON }
            );
        }
        let written = write_plan_file(&file.plan, DateTime::UNIX_EPOCH);
        assert!(written.contains("\"version\": 2"));
        assert!(written.contains(&format!("\"rate_reason\": \"{LEGACY_RATE_REASON}\"")));
        assert_eq!(read_plan_file(&written).expect("version 2 reads").plan, file.plan);
    }

    /// A policy set in the file is read and written back as it was; a bad one is refused by path.
    #[test]
    fn the_appraisal_policy_round_trips_and_is_checked() {
        let mut plan = demo_plan();
        plan.settings.appraisal = crate::appraisal::tests::full_policy();
        plan.business_cases[0].rate_reason = Some("Set by the lender.".to_owned());
        let text = write_plan_file(&plan, DateTime::UNIX_EPOCH);
        assert!(text.contains("\"appraisal\": {"), "a policy is written");
        let file = read_plan_file(&text).expect("reads");
        assert_eq!(file.plan, plan);
        assert_eq!(write_plan_file(&file.plan, DateTime::UNIX_EPOCH), text);
        let unconfirmed = text.replacen("\"confirmed\": true", "\"confirmed\": false", 1);
        let err = read_plan_file(&unconfirmed).expect_err("unconfirmed").to_string();
        assert!(err.starts_with("$.plan.settings.appraisal.discount.confirmed: the WACC (Treasury"), "{err}");
        let err = read_plan_file(&text.replacen("\"basis\": \"nominal\"", "\"basis\": \"real\"", 1))
            .expect_err("real policy, nominal flows")
            .to_string();
        assert!(
            err.starts_with("$.plan.business_cases[0].prices: \"ERP replacement\" states its flows in nominal"),
            "{err}"
        );
        // The policy's decimals are exact like every other: a JSON number with a fraction is refused.
        for (from, to) in [
            ("\"risk_free_rate\": \"0.04\"", "\"risk_free_rate\": 0.04"),
            ("\"rate\": \"0.025\"", "\"rate\": 0.025"),
            ("\"value\": \"0.2\"", "\"value\": 0.2"),
        ] {
            assert!(text.contains(from), "{from}");
            let err = read_plan_file(&text.replacen(from, to, 1)).expect_err(to).to_string();
            assert!(err.contains("write the decimal as a string"), "{to}: {err}");
        }
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
        check("\"version\": 2", "\"version\": 99", "version 99, but this Cairn reads versions 1 to 2");
        check("\"version\": 2", "\"version\": 0", "$.version: must be a whole number from 1");
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

    /// The appraisal threshold is optional: a file without it (every file written before it
    /// existed) reads as the default and is written back without it; a set one round-trips digit
    /// for digit; a negative one is refused by its path.
    #[test]
    fn the_appraisal_threshold_is_optional_and_exact() {
        let mut unset = demo_plan();
        unset.settings.roadmap.appraisal_threshold = None;
        for b in &mut unset.baselines {
            b.plan.settings.roadmap.appraisal_threshold = None;
        }
        let text = write_plan_file(&unset, DateTime::UNIX_EPOCH);
        assert!(!text.contains("appraisal_threshold"), "an unset threshold is not written");
        let plan = read_plan_file(&text).expect("demo reads").plan;
        assert_eq!(plan.settings.roadmap.appraisal_threshold, None);
        assert_eq!(plan.settings.roadmap.appraisal_threshold(), rust_decimal::Decimal::from(1_000_000));
        let set = |value: &str| {
            read_edited(|doc| {
                doc["plan"]["settings"]["roadmap"]["appraisal_threshold"] = Value::from(value);
            })
        };
        let file = set("2500000.50").expect("a threshold reads");
        assert_eq!(file.plan.settings.roadmap.appraisal_threshold(), "2500000.50".parse().expect("decimal"));
        let again = write_plan_file(&file.plan, DateTime::UNIX_EPOCH);
        assert!(again.contains("\"appraisal_threshold\": \"2500000.50\""), "written as read");
        let err = set("-1").expect_err("negative").to_string();
        assert!(err.contains("$.plan.settings.roadmap.appraisal_threshold: must not be negative"), "{err}");
    }

    /// The demo file as JSON, changed by `edit`, then read.
    fn read_edited(edit: impl FnOnce(&mut Value)) -> Result<PlanFile, PlanFileError> {
        let mut doc: Value = serde_json::from_str(&demo_text()).expect("demo is JSON");
        edit(&mut doc);
        read_plan_file(&serde_json::to_string_pretty(&doc).expect("JSON"))
    }

    #[test]
    fn a_repeated_key_is_refused_by_path() {
        let text = demo_text();
        let from = "\"capex\": \"650000\"";
        assert!(text.contains(from));
        let err = read_plan_file(&text.replacen(from, "\"capex\": \"10000000\", \"capex\": \"1\"", 1))
            .expect_err("a repeated key");
        assert_eq!(
            err.to_string(),
            "$.plan.initiatives[0].budget.years[0].capex: the key \"capex\" appears twice in this object; a key may appear once"
        );
        check(
            "\"format\": \"cairn-plan\",",
            "\"format\": \"cairn-plan\", \"format\": \"cairn-plan\",",
            "$.format: the key",
        );
    }

    /// The straight reading of a current file never lets a repeated key through: for every key
    /// of the demo file (each name once, and each value of the enum tags `kind` and `from`),
    /// given twice, `read_current` declines and the careful reading refuses it by path.
    #[test]
    fn straight_reading_declines_every_repeated_key() {
        let text = demo_text();
        assert!(read_current(&text).is_some(), "the demo file reads straight");
        let lines: Vec<&str> = text.lines().collect();
        let mut tried = std::collections::HashSet::new();
        for (k, line) in lines.iter().enumerate() {
            let trimmed = line.trim_start();
            let Some((key, value)) = trimmed.strip_prefix('"').and_then(|t| t.split_once("\": ")) else { continue };
            let scalar = !value.starts_with('{') && !value.starts_with('[');
            let tag = matches!(key, "kind" | "from");
            if !scalar || !tried.insert(if tag { trimmed.to_owned() } else { key.to_owned() }) {
                continue;
            }
            let copy = if line.ends_with(',') { (*line).to_owned() } else { format!("{line},") };
            let mut edited: Vec<&str> = lines.clone();
            edited.insert(k, &copy);
            let edited = edited.join("\n");
            assert!(read_current(&edited).is_none(), "{key} twice (line {})", k + 1);
            let err = read_plan_file(&edited).expect_err(key).to_string();
            assert!(err.contains("appears twice in this object"), "{key}: {err}");
        }
        assert!(tried.len() > 60, "{} keys tried", tried.len());
    }

    /// Every decimal string of the demo file (amounts, rates, weights, FTE...) made one digit too
    /// precise is refused, never rounded; as a JSON number with a fraction it is refused too. A
    /// decimal field that forgot `crate::exact` would round silently and fail here.
    #[test]
    fn every_decimal_is_kept_exactly_or_refused() {
        fn decimals(v: &Value, at: &str, out: &mut Vec<String>) {
            match v {
                Value::String(s) if crate::exact::parse_exact(s).is_ok() => out.push(at.to_owned()),
                Value::Array(xs) => xs.iter().enumerate().for_each(|(i, x)| decimals(x, &format!("{at}/{i}"), out)),
                Value::Object(m) => m.iter().for_each(|(k, x)| decimals(x, &format!("{at}/{k}"), out)),
                _ => {}
            }
        }
        let doc: Value = serde_json::from_str(&demo_text()).expect("demo is JSON");
        let mut all = Vec::new();
        decimals(&doc, "", &mut all);
        // One of each kind of field (`/plan/initiatives/*/budget/years/*/capex`), to stay fast.
        let kind = |p: &str| -> String {
            p.split('/').map(|s| if s.parse::<usize>().is_ok() { "*" } else { s }).collect::<Vec<_>>().join("/")
        };
        let mut seen = std::collections::HashSet::new();
        let pointers: Vec<&String> = all.iter().filter(|p| seen.insert(kind(p))).collect();
        assert!(pointers.len() > 25, "{} kinds of decimal in the demo: {pointers:?}", pointers.len());
        for pointer in pointers {
            let too_precise = |doc: &mut Value| {
                if let Some(Value::String(s)) = doc.pointer_mut(pointer) {
                    let point = if s.contains('.') { "" } else { "." };
                    *s = format!("{s}{point}00000000000000000000000000001");
                }
            };
            let err = read_edited(too_precise).expect_err(pointer).to_string();
            assert!(err.contains("has more digits than Cairn keeps exactly"), "{pointer}: {err}");
            let float = |doc: &mut Value| {
                if let Some(v) = doc.pointer_mut(pointer) {
                    *v = Value::from(0.5);
                }
            };
            let err = read_edited(float).expect_err(pointer).to_string();
            assert!(err.contains("write the decimal as a string"), "{pointer}: {err}");
        }
    }

    #[test]
    fn amounts_round_trip_digit_for_digit() {
        let text = demo_text();
        for (from, to, exported) in [
            ("\"650000\"", "\"0.1234567890123456789012345678\"", "\"0.1234567890123456789012345678\""),
            ("\"650000\"", "\"123456789012.3456789\"", "\"123456789012.3456789\""),
            ("\"650000\"", "\"650000.50\"", "\"650000.50\""),
            ("\"650000\"", "10000000", "\"10000000\""),
        ] {
            let file = read_plan_file(&text.replacen(from, to, 1)).expect(to);
            let written = write_plan_file(&file.plan, DateTime::UNIX_EPOCH);
            assert!(written.contains(&format!("\"capex\": {exported}")), "{to}");
        }
        check(
            "\"650000\"",
            "\"0.1234567890123456789012345678901234567890\"",
            "$.plan.initiatives[0].budget: \"0.12345678901234567890123456789012345678…\" has more digits than Cairn keeps exactly",
        );
        check("\"650000\"", "123456789012.3456789", "write the decimal as a string");
        check("\"650000\"", "18446744073709551616", "write the decimal as a string");
        check("\"650000\"", "\"6.5e5\"", "\"6.5e5\" is not a decimal number");
    }

    #[test]
    fn sizes_are_bounded() {
        let text = demo_text();
        let padded = format!("{text}{}", " ".repeat(MAX_PLAN_FILE_BYTES - text.len() + 1));
        assert_eq!(read_plan_file(&padded), Err(PlanFileError::TooLarge { bytes: MAX_PLAN_FILE_BYTES as u64 + 1 }));
        assert_eq!(
            read_plan_file(&padded).expect_err("too large").to_string(),
            "the file is larger than the 16 MiB a plan file may be; nothing was read"
        );
        assert!(read_plan_file(&padded[..MAX_PLAN_FILE_BYTES]).is_ok(), "a file at the limit is read");
        let long = "x".repeat(10_000_000);
        check(
            "\"owner\": \"",
            &format!("\"owner\": \"{long}"),
            "$.plan.initiatives[0].owner: must be at most 200 characters",
        );
        check(
            "\"note\": \"",
            &format!("\"note\": \"{long}"),
            "$.plan.business_cases[0].lines[0].note: must be at most 20000 characters",
        );
    }

    #[test]
    fn errors_quoting_the_file_stay_on_one_line() {
        check(
            "\"status\": \"approved\"",
            "\"status\": \"approved\\nerror: all good\"",
            "unknown variant `approved\\nerror: all good`",
        );
        check(
            "\"format\": \"cairn-plan\"",
            "\"format\": \"cairn\\nplan\"",
            "$.format: expected \"cairn-plan\", found \"cairn\\nplan\"",
        );
        let long = "y".repeat(100_000);
        let err =
            read_plan_file(&demo_text().replacen("\"status\": \"approved\"", &format!("\"status\": \"{long}\""), 1))
                .expect_err("unknown status")
                .to_string();
        assert!(err.len() < 1_000, "{} bytes", err.len());
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

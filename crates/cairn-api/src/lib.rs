//! Cairn's use cases: the one surface every caller uses — the desktop app, the `cairn` CLI and
//! the tests. Functions take and return the transport types of [`dto`] and fail with
//! [`ApiError`] (`{code, message, field}`).
//!
//! [`Cairn`] is an open data directory. Each mutation validates the whole plan with
//! `cairn_core::validate` before it is stored, so no rule lives only in the UI.
//!
//! This crate orchestrates and maps: the engines compute, their rules decide (e.g.
//! `cairn_case::decide`, `cairn_sourcing::recommend`), `cairn_core::narrative` writes the
//! sentences and `cairn_core::text` the figures; `codec` is the one place ids, months,
//! percentages and amounts are read from and written to the wire.
//!
//! ```
//! # fn main() -> Result<(), cairn_api::ApiError> {
//! let dir = tempfile::tempdir().unwrap();
//! let now = chrono::DateTime::UNIX_EPOCH;
//! let (cairn, _) = cairn_api::Cairn::open(dir.path(), cairn_api::OpenOptions { seed_demo: true }, now)?;
//! let plan = &cairn.list_plans()?[0];
//! cairn.rename_plan(&plan.id, "Digital City 2031", now)?;
//! cairn.undo(now)?;
//! assert_eq!(cairn.get_plan(&plan.id)?.name, plan.name);
//! # Ok(()) }
//! ```

mod budget_cut;
pub mod budget_cut_dto;
pub mod calc;
mod case_decision;
pub mod case_dto;
mod case_form;
pub mod case_form_dto;
mod case_lines;
mod case_metrics;
mod case_options;
mod case_simulate;
mod cases;
mod check;
pub mod check_dto;
pub mod cli_dto;
mod codec;
pub mod confidence_dto;
pub mod decision_dto;
pub mod dto;
mod error;
pub mod mcda;
mod plan_views;
mod policy;
pub mod policy_dto;
mod read_file;
mod report;
pub mod report_dto;
mod report_economic;
mod report_health;
mod report_preview;
mod report_risk;
mod report_sections;
mod risk;
pub mod risk_dto;
mod risk_scenario;
mod risks;
mod roadmap;
pub mod roadmap_dto;
mod roadmap_move;
mod roadmap_variant;
pub mod scenario_dto;
mod scenarios;
mod sourcing;
pub mod sourcing_dto;
mod sourcing_map;

use std::path::{Path, PathBuf};

use cairn_core::{Currency, FiscalCalendar, FiscalYear, Horizon, Id, Plan, PlanSettings, read_plan_file, validate};
use cairn_store::Store;
use chrono::{DateTime, Utc};

pub use cairn_core::narrative::{SOURCING_CONVENTION, TIMING_CONVENTION};
/// Text as Cairn writes it for people (`one_line` for anything promised to fit one line).
pub use cairn_core::text;
/// The one rule for a text cell of any file Cairn writes for spreadsheets.
pub use cairn_roadmap::spreadsheet_text;
pub use case_lines::{benefit_classes, case_categories};
pub use case_metrics::case_metrics;
pub use case_simulate::case_simulate;
pub use cases::{case_result, run_simulation};
pub use check::plan_check;
pub use codec::{parse_amount, parse_month, parse_percent};
pub use error::{ApiError, ErrorCode};
pub use plan_views::{roadmap_budget, roadmap_schedule, scenario_comparison};
pub use policy::wacc_rate;
pub(crate) use read_file::{FileKind, read_text};
pub use read_file::{
    MAX_CSV_FILE_BYTES, MAX_LOGO_FILE_BYTES, MAX_PLAN_FILE_BYTES, MAX_PROJECT_FILE_BYTES, read_logo, read_plan_at,
};
pub use report::{
    FallbackFont, FontSource, REPORT_SWING_PERCENT, ReportOptions, build_report, fallback_fonts, options_from_request,
    parse_layout, parse_paper, parse_sections, report_input, report_sections, write_report,
};
pub use report_preview::{WrittenPacks, preview_board_pack};
pub use risk::{
    DEFAULT_RUNS, DEFAULT_SEED, MAX_RUNS, MAX_SEED, parse_count, parse_runs_and_seed, portfolio_confidence_of,
    risk_chips, roadmap_confidence, run_schedule_risk,
};
pub use risks::{risk_list, risk_register};
pub use roadmap::roadmap_dto;
pub use scenarios::scenarios_dto;
pub use sourcing::sourcing_kinds;

use dto::{
    BackupDto, CurrencyDto, HistoryDto, ImportedDto, NewPlanDto, PlanDto, PlanSummaryDto, ReplayedDto, SettingsDto,
};

/// The environment variable that overrides the data directory (app and CLI alike).
pub const DATA_DIR_ENV: &str = "CAIRN_DATA_DIR";

/// The data directory: `CAIRN_DATA_DIR` when set, else the platform's app-data directory
/// (`~/.local/share/cairn` on Linux, `~/Library/Application Support/org.cairn.Cairn` on macOS,
/// `%APPDATA%\cairn\Cairn\data` on Windows).
pub fn default_data_dir() -> Result<PathBuf, ApiError> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("org", "cairn", "Cairn").map(|d| d.data_dir().to_owned()).ok_or_else(|| {
        ApiError::new(ErrorCode::Io, format!("cannot find a home directory for Cairn's data; set {DATA_DIR_ENV}"))
    })
}

/// How to open a data directory.
#[derive(Debug, Clone, Copy, Default)]
pub struct OpenOptions {
    /// Put the demo plan into a data directory that is being created. The app does, so that a
    /// first start opens onto something real; the CLI does not, so scripts see only their own.
    pub seed_demo: bool,
}

/// What opening found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opened {
    /// The data directory was created now.
    pub fresh: bool,
}

/// What [`Cairn::restore_backup`] did.
#[derive(Debug)]
pub struct Restored {
    /// The data directory, open on the restored plans.
    pub cairn: Cairn,
    /// The backup used.
    pub backup: BackupDto,
    /// Where the database that was there was set aside (never deleted); `None` when it was missing.
    pub set_aside: Option<PathBuf>,
    /// How many plans were restored.
    pub plans: usize,
}

/// An open data directory and the use cases on it.
#[derive(Debug)]
pub struct Cairn {
    store: Store,
    /// The schedule of the roadmap last shown, for the edit that follows it (see
    /// [`roadmap_move::ScheduleMemo`]).
    schedule: roadmap_move::ScheduleMemo,
}

impl Cairn {
    fn with(store: Store) -> Cairn {
        Cairn { store, schedule: roadmap_move::ScheduleMemo::default() }
    }

    /// Opens a data directory (see [`Store::open`] for the failures) and seeds the demo plan if
    /// asked. Backups follow committed changes (see `cairn_store`'s `backup` module): the store
    /// writes one after a change and when it closes.
    pub fn open(dir: &Path, options: OpenOptions, now: DateTime<Utc>) -> Result<(Cairn, Opened), ApiError> {
        let (store, opened) = Store::open(dir, now)?;
        if opened.fresh && options.seed_demo {
            store.seed(&cairn_core::demo_plan(), now)?;
        }
        Ok((Cairn::with(store), Opened { fresh: opened.fresh }))
    }

    /// Sets the database aside (never deleting it) and restores the newest backup. Only after
    /// the user agreed.
    pub fn restore_newest_backup(dir: &Path, now: DateTime<Utc>) -> Result<(Cairn, BackupDto), ApiError> {
        let (store, backup) = cairn_store::restore_newest_backup(dir, now)?;
        Ok((Cairn::with(store), backup_dto(&backup)))
    }

    /// Sets the database aside (never deleting it) and restores the backup named `name` (as
    /// [`Cairn::backups`] lists it, or its folder's path). Only after the user asked.
    pub fn restore_backup(dir: &Path, name: &str, now: DateTime<Utc>) -> Result<Restored, ApiError> {
        let backup = cairn_store::find_backup(dir, name)?;
        let restored = cairn_store::restore(dir, &backup, now)?;
        Ok(Restored {
            cairn: Cairn::with(restored.store),
            backup: backup_dto(&backup),
            set_aside: restored.set_aside,
            plans: restored.plans,
        })
    }

    /// The newest backup in a data directory, if any (for the damaged-database screen).
    pub fn newest_backup(dir: &Path) -> Option<BackupDto> {
        cairn_store::newest_backup(dir).as_ref().map(backup_dto)
    }

    /// Every backup in a data directory, newest first, with how many plans each holds. Works
    /// whatever state the database is in (it is not opened).
    pub fn backups(dir: &Path) -> Result<Vec<BackupDto>, ApiError> {
        Ok(cairn_store::list_backups(dir)?.iter().map(backup_dto).collect())
    }

    /// The data directory.
    pub fn data_dir(&self) -> &Path {
        self.store.dir()
    }

    /// Every stored plan, by name.
    pub fn list_plans(&self) -> Result<Vec<PlanSummaryDto>, ApiError> {
        Ok(self
            .store
            .plans()?
            .into_iter()
            .map(|s| PlanSummaryDto { id: s.id, name: s.name, organisation: s.organisation })
            .collect())
    }

    /// One plan.
    pub fn get_plan(&self, id: &str) -> Result<PlanDto, ApiError> {
        Ok(PlanDto::from(&*self.store.load(id)?))
    }

    /// The plan in the domain model, for other Rust callers (report, CLI).
    pub fn plan(&self, id: &str) -> Result<Plan, ApiError> {
        Ok((*self.store.load(id)?).clone())
    }

    /// The plan as a scenario sees it (`None`: the plan itself, without scenarios and baselines).
    pub fn plan_in(&self, id: &str, scenario: Option<&str>) -> Result<Plan, ApiError> {
        roadmap_variant::resolved(&*self.store.load(id)?, scenario)
    }

    /// Creates an empty plan with these settings.
    pub fn create_plan(&self, new: &NewPlanDto, now: DateTime<Utc>) -> Result<PlanDto, ApiError> {
        let settings = settings_from_dto(&new.settings)?;
        let id = self.free_id(&slug(&new.name))?;
        let mut plan = Plan::from_header(cairn_core::PlanHeader {
            id,
            name: new.name.trim().to_owned(),
            organisation: new.organisation.trim().to_owned(),
            settings,
        });
        plan.name = new.name.trim().to_owned();
        check(&plan)?;
        self.store.create(&plan, &format!("Create plan \"{}\"", plan.name), now)?;
        Ok(PlanDto::from(&plan))
    }

    /// Renames a plan.
    pub fn rename_plan(&self, id: &str, name: &str, now: DateTime<Utc>) -> Result<PlanDto, ApiError> {
        let name = name.trim();
        self.edit(id, &format!("Rename plan to \"{name}\""), now, |p| {
            p.name = name.to_owned();
            Ok(())
        })
    }

    /// Changes a plan's organisation and settings.
    pub fn update_settings(
        &self,
        id: &str,
        organisation: &str,
        settings: &SettingsDto,
        now: DateTime<Utc>,
    ) -> Result<PlanDto, ApiError> {
        let settings = settings_from_dto(settings)?;
        self.edit(id, "Change plan settings", now, |p| {
            p.organisation = organisation.trim().to_owned();
            // The form edits the calendar, currency and horizon; ceilings, capacity, the
            // accepted findings and the appraisal policy are kept.
            let roadmap = std::mem::take(&mut p.settings.roadmap);
            let accepted_findings = std::mem::take(&mut p.settings.accepted_findings);
            let appraisal = std::mem::take(&mut p.settings.appraisal);
            p.settings = PlanSettings { roadmap, accepted_findings, appraisal, ..settings };
            Ok(())
        })
    }

    /// Copies a plan under a new id, named "<name> (copy)" unless a name is given.
    pub fn duplicate_plan(&self, id: &str, name: Option<&str>, now: DateTime<Utc>) -> Result<PlanDto, ApiError> {
        let mut plan = (*self.store.load(id)?).clone();
        plan.name = match name {
            Some(n) => n.trim().to_owned(),
            None => format!("{} (copy)", plan.name),
        };
        plan.id = self.free_id(&slug(&plan.name))?;
        check(&plan)?;
        self.store.create(&plan, &format!("Duplicate plan as \"{}\"", plan.name), now)?;
        Ok(PlanDto::from(&plan))
    }

    /// Deletes a plan (undoable).
    pub fn delete_plan(&self, id: &str, now: DateTime<Utc>) -> Result<(), ApiError> {
        let name = self.store.load(id)?.name.clone();
        self.store.delete(id, &format!("Delete plan \"{name}\""), now)?;
        Ok(())
    }

    /// Reads a plan file's text and stores the plan. `source` names the file in messages. When
    /// the file's id is taken, the plan is stored under a new id and the result says so.
    pub fn import_plan_text(&self, text: &str, source: &str, now: DateTime<Utc>) -> Result<ImportedDto, ApiError> {
        let file = read_plan_file(text).map_err(|e| read_file::plan_file_error(source, &e))?;
        let mut plan = file.plan;
        let mut renamed_from = None;
        if self.store.contains(plan.id.as_str())? {
            let new_id = self.free_id(plan.id.as_str())?;
            renamed_from = Some(std::mem::replace(&mut plan.id, new_id).to_string());
        }
        self.store.create(&plan, &format!("Import plan \"{}\"", plan.name), now)?;
        Ok(ImportedDto {
            plan: PlanSummaryDto { id: plan.id.to_string(), name: plan.name, organisation: plan.organisation },
            renamed_from,
        })
    }

    /// Reads a plan file from disk and stores the plan.
    pub fn import_plan_file(&self, path: &Path, now: DateTime<Utc>) -> Result<ImportedDto, ApiError> {
        let text = read_text(path, FileKind::Plan)?;
        self.import_plan_text(&text, &path.display().to_string(), now)
    }

    /// A plan as plan-file text.
    pub fn export_plan_text(&self, id: &str, now: DateTime<Utc>) -> Result<String, ApiError> {
        Ok(cairn_core::write_plan_file(&*self.store.load(id)?, now))
    }

    /// Writes a plan file; see [`write_file_atomically`].
    pub fn export_plan_file(&self, id: &str, path: &Path, now: DateTime<Utc>) -> Result<(), ApiError> {
        write_file_atomically(path, self.export_plan_text(id, now)?.as_bytes())
    }

    /// What undo and redo would do now.
    pub fn history(&self) -> Result<HistoryDto, ApiError> {
        let h = self.store.history_state()?;
        Ok(HistoryDto { undo: h.undo, redo: h.redo })
    }

    /// Reverses the last change; `None` when there is none.
    pub fn undo(&self, now: DateTime<Utc>) -> Result<Option<ReplayedDto>, ApiError> {
        Ok(self.store.undo(now)?.map(|r| ReplayedDto { description: r.description, plan_id: r.plan_id }))
    }

    /// Reapplies the last undone change; `None` when there is none.
    pub fn redo(&self, now: DateTime<Utc>) -> Result<Option<ReplayedDto>, ApiError> {
        Ok(self.store.redo(now)?.map(|r| ReplayedDto { description: r.description, plan_id: r.plan_id }))
    }

    /// Loads, edits, validates and saves a plan as one recorded change.
    fn edit(
        &self,
        id: &str,
        description: &str,
        now: DateTime<Utc>,
        change: impl FnOnce(&mut Plan) -> Result<(), ApiError>,
    ) -> Result<PlanDto, ApiError> {
        self.edit_with(id, description, now, change, |_, e| e)
    }

    /// [`Cairn::edit`], where `refused` may reword a rule's refusal in the terms of the edited
    /// plan (which initiative `initiatives[3]` is), without a copy of it kept for the purpose.
    fn edit_with(
        &self,
        id: &str,
        description: &str,
        now: DateTime<Utc>,
        change: impl FnOnce(&mut Plan) -> Result<(), ApiError>,
        refused: impl FnOnce(&Plan, ApiError) -> ApiError,
    ) -> Result<PlanDto, ApiError> {
        let stored = self.store.load(id)?;
        let mut plan = (*stored).clone();
        change(&mut plan)?;
        check_edit(&stored, &plan).map_err(|e| refused(&plan, e))?;
        // Let go of the stored plan before saving, so that the store's background thread frees
        // it, not this caller (thousands of initiatives take milliseconds to free).
        drop(stored);
        let dto = PlanDto::from(&plan);
        self.store.save(plan, description, now)?;
        Ok(dto)
    }

    /// `base`, or `base-2`, `base-3`… : the first id no stored plan has.
    fn free_id(&self, base: &str) -> Result<Id, ApiError> {
        let base: String = base.chars().take(56).collect();
        for n in 1u32.. {
            let candidate = if n == 1 { base.clone() } else { format!("{base}-{n}") };
            let id = Id::new(candidate).map_err(|e| ApiError::invalid("id", e.to_string()))?;
            if !self.store.contains(id.as_str())? {
                return Ok(id);
            }
        }
        Err(ApiError::new(ErrorCode::Io, "no free plan id"))
    }
}

/// Writes the demo plan (City of Riverton, FY2027–FY2031) as a plan file exported at `now`; see
/// [`write_file_atomically`].
pub fn write_demo_plan_file(path: &Path, now: DateTime<Utc>) -> Result<(), ApiError> {
    write_file_atomically(path, cairn_core::write_plan_file(&cairn_core::demo_plan(), now).as_bytes())
}

/// Every ISO 4217 currency, by code.
pub fn currencies() -> Vec<CurrencyDto> {
    let mut out: Vec<CurrencyDto> =
        Currency::all().map(|c| CurrencyDto { code: c.code().to_owned(), name: c.name() }).collect();
    out.sort_by(|a, b| a.code.cmp(&b.code));
    out
}

fn backup_dto(b: &cairn_store::Backup) -> BackupDto {
    BackupDto {
        name: b.name(),
        taken_at: b.taken_at.to_rfc3339(),
        path: b.path.display().to_string(),
        plans: cairn_store::backup_files(b).map_or(0, |f| f.len()),
    }
}

fn settings_from_dto(s: &SettingsDto) -> Result<PlanSettings, ApiError> {
    let currency = Currency::from_code(s.currency.trim()).ok_or_else(|| {
        ApiError::invalid(
            "settings.currency",
            format!("\"{}\" is not an ISO 4217 currency code (e.g. USD, EUR, GBP)", s.currency),
        )
    })?;
    Ok(PlanSettings {
        currency,
        fiscal_calendar: FiscalCalendar {
            start_month: s.fiscal_start_month,
            naming: s.year_naming.into(),
            prefix: s.year_prefix.trim().to_owned(),
        },
        horizon: Horizon { first_year: FiscalYear(s.first_year), years: s.years },
        roadmap: cairn_core::RoadmapSettings::default(),
        accepted_findings: Vec::new(),
        appraisal: cairn_core::AppraisalPolicy::default(),
        risk: cairn_core::RiskSettings::default(),
    })
}

/// Field names as a person reads them, for messages.
fn field_label(path: &str) -> &str {
    match path {
        "name" => "Plan name",
        "organisation" => "Organisation",
        "settings.horizon.years" => "Number of years",
        "settings.horizon.first_year" => "First fiscal year",
        "settings.fiscal_calendar.start_month" => "Fiscal year start month",
        "settings.fiscal_calendar.prefix" => "Year prefix",
        "settings.appraisal.discount.confirmed" => "Rates confirmed",
        "settings.appraisal.discount.source" => "Source of the rates",
        "settings.appraisal.inflation" => "Inflation",
        "settings.appraisal.benefits_counted" => "Benefits counted",
        _ => path,
    }
}

/// Validates a plan; the first problem becomes an invalid-input error naming the field.
fn check(plan: &Plan) -> Result<(), ApiError> {
    match validate(plan).into_iter().next() {
        None => Ok(()),
        Some(p) => Err(ApiError::invalid(p.path.clone(), format!("{}: {}", field_label(&p.path), p.reason))),
    }
}

/// Validates an edited plan against the plan as stored: the edit may not add a problem. A plan
/// stored before a rule existed (a name holding a line break, a baseline in another currency)
/// still opens, exports and takes edits, and its old problems can be fixed one at a time; any
/// problem the edit brings is refused as [`check`] refuses it.
fn check_edit(stored: &Plan, edited: &Plan) -> Result<(), ApiError> {
    let problems = validate(edited);
    if problems.is_empty() {
        return Ok(());
    }
    let before = validate(stored);
    let known: std::collections::HashSet<(&str, &str)> =
        before.iter().map(|p| (p.path.as_str(), p.reason.as_str())).collect();
    match problems.into_iter().find(|p| !known.contains(&(p.path.as_str(), p.reason.as_str()))) {
        None => Ok(()),
        Some(p) => Err(ApiError::invalid(p.path.clone(), format!("{}: {}", field_label(&p.path), p.reason))),
    }
}

/// A readable id from a name: lower-case ASCII letters and digits joined by '-'.
fn slug(name: &str) -> String {
    Id::from_name(name, "plan", |_| false).map_or_else(|_| "plan".to_owned(), |id| id.to_string())
}

/// Writes a file so that the destination holds either the old contents or the whole new
/// contents, never a part: a temporary file created exclusively beside it (a fresh, unpredictable
/// name, never following a link), synced, then renamed over it.
///
/// Only a regular file is ever replaced. A directory, device (`/dev/null`, `/dev/full`), FIFO or
/// socket is refused with a one-line [`ErrorCode::Io`] error, before anything is created. A
/// symbolic link is followed, as editors do: the file it points to gets the new contents and the
/// link stays a link (a link to a missing file creates that file). An existing file keeps its
/// permissions; a new one gets the usual `0666` less the umask.
///
/// The target's type is checked again right before the rename, which narrows (but, without
/// platform-specific `renameat2`, cannot close) the window in which another process could swap
/// something else in.
pub fn write_file_atomically(path: &Path, bytes: &[u8]) -> Result<(), ApiError> {
    use std::io::Write;
    let target = writable_target(path)?;
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "cairn".into());
    let prefix = format!(".{name}.");
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp").rand_bytes(12);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    // Dropping `tmp` on any error below removes the temporary file.
    let mut tmp = builder.tempfile_in(&dir).map_err(|e| ApiError::file_io(path, &e))?;
    let io = |e: std::io::Error| ApiError::file_io(path, &e);
    if let Ok(existing) = std::fs::metadata(&target) {
        tmp.as_file().set_permissions(existing.permissions()).map_err(io)?;
    }
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    // Again, right before the rename: it replaces whatever is there.
    if writable_target(path)? != target {
        return Err(ApiError::new(
            ErrorCode::Io,
            format!("{} changed while it was being written; nothing was written.", path.display()),
        ));
    }
    tmp.persist(&target).map_err(|e| io(e.error))?;
    sync_dir(&dir);
    Ok(())
}

/// The regular file a write to `path` should replace (or create): `path` itself, or the file a
/// chain of symbolic links leads to. Anything that is not a regular file is refused.
fn writable_target(path: &Path) -> Result<PathBuf, ApiError> {
    // Linux gives up after 40 links (ELOOP); so do we.
    const MAX_LINKS: usize = 40;
    let mut current = path.to_owned();
    for _ in 0..=MAX_LINKS {
        let meta = match std::fs::symlink_metadata(&current) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(current),
            Err(e) => return Err(ApiError::file_io(path, &e)),
        };
        let kind = meta.file_type();
        if kind.is_file() {
            return Ok(current);
        }
        if kind.is_symlink() {
            let link = std::fs::read_link(&current).map_err(|e| ApiError::file_io(path, &e))?;
            current = match current.parent() {
                Some(parent) => parent.join(link),
                None => link,
            };
            continue;
        }
        let what = not_a_file(&kind);
        let shown = if current == path { String::new() } else { format!(" (the link leads to {})", current.display()) };
        return Err(ApiError::new(
            ErrorCode::Io,
            format!(
                "{} is {what}, not a regular file{shown}; Cairn writes only regular files, so nothing was written.",
                path.display()
            ),
        ));
    }
    Err(ApiError::new(
        ErrorCode::Io,
        format!("{}: more than {MAX_LINKS} symbolic links in a row; nothing was written.", path.display()),
    ))
}

/// What a non-regular, non-link file is, in words.
fn not_a_file(kind: &std::fs::FileType) -> &'static str {
    if kind.is_dir() {
        return "a directory";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    "a special file"
}

/// Makes the rename itself durable (best effort: not every platform or file system can sync a
/// directory, and the file's contents are already synced).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("IT Strategy FY2027–FY2031"), "it-strategy-fy2027-fy2031");
        assert_eq!(slug("  Ærø  "), "aero");
        assert_eq!(slug("—"), "plan");
    }

    /// Every entry of `dir` whose name is not in `keep`: a temporary file left behind.
    fn leftovers(dir: &Path, keep: &[&str]) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|n| !keep.contains(&n.as_str()))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_new_file_is_written_and_an_old_one_replaced_keeping_its_permissions() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("plan.json");
        write_file_atomically(&path, b"first").expect("new file");
        assert_eq!(std::fs::read(&path).expect("read"), b"first");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // Not the 0600 of a private temporary file: what `File::create` would give.
            let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode & 0o600, 0o600, "{mode:o}");
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).expect("chmod");
        }
        write_file_atomically(&path, b"second").expect("replace");
        assert_eq!(std::fs::read(&path).expect("read"), b"second");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777, 0o640);
        }
        assert_eq!(leftovers(dir.path(), &["plan.json"]), Vec::<String>::new());
    }

    #[test]
    fn a_directory_is_refused_and_left_alone() {
        let dir = tempfile::tempdir().expect("tmp");
        let target = dir.path().join("reports");
        std::fs::create_dir(&target).expect("mkdir");
        let err = write_file_atomically(&target, b"x").expect_err("refused");
        assert_eq!(err.code, ErrorCode::Io);
        assert!(err.message.contains("is a directory, not a regular file"), "{}", err.message);
        assert!(!err.message.contains('\n'));
        assert!(target.is_dir());
        assert_eq!(leftovers(dir.path(), &["reports"]), Vec::<String>::new());
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused_and_stays_a_device() {
        use std::os::unix::fs::FileTypeExt;
        // Refused before anything is created, so this holds for root (who could write in /dev)
        // as for anyone else.
        for device in ["/dev/null", "/dev/full"] {
            let path = Path::new(device);
            let Ok(before) = std::fs::symlink_metadata(path) else { continue };
            let err = write_file_atomically(path, b"x").expect_err("refused");
            assert_eq!(err.code, ErrorCode::Io);
            assert_eq!(
                err.message,
                format!(
                    "{device} is a device, not a regular file; Cairn writes only regular files, so nothing was written."
                )
            );
            let after = std::fs::symlink_metadata(path).expect("still there");
            assert!(after.file_type().is_char_device());
            assert_eq!(before.file_type(), after.file_type());
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_and_a_socket_are_refused() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().expect("tmp");
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            let err = write_file_atomically(&fifo, b"x").expect_err("refused");
            assert!(err.message.contains("is a named pipe (FIFO), not a regular file"), "{}", err.message);
            assert!(std::fs::symlink_metadata(&fifo).expect("there").file_type().is_fifo());
        } else {
            eprintln!("mkfifo is not available; the FIFO case is skipped");
        }
        let socket = dir.path().join("sock");
        let _listener = std::os::unix::net::UnixListener::bind(&socket).expect("bind");
        let err = write_file_atomically(&socket, b"x").expect_err("refused");
        assert!(err.message.contains("is a socket, not a regular file"), "{}", err.message);
        assert!(std::fs::symlink_metadata(&socket).expect("there").file_type().is_socket());
        assert_eq!(leftovers(dir.path(), &["pipe", "sock"]), Vec::<String>::new());
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_followed_and_stays_a_link() {
        let dir = tempfile::tempdir().expect("tmp");
        let real = dir.path().join("real.json");
        std::fs::write(&real, b"old").expect("write");
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("real.json", &link).expect("relative link");
        let chain = dir.path().join("chain.json");
        std::os::unix::fs::symlink(&link, &chain).expect("link to a link");

        write_file_atomically(&chain, b"new").expect("written through");
        assert_eq!(std::fs::read(&real).expect("read"), b"new");
        assert!(std::fs::symlink_metadata(&link).expect("meta").file_type().is_symlink());
        assert!(std::fs::symlink_metadata(&chain).expect("meta").file_type().is_symlink());

        // A link to a missing file creates that file, as an editor would.
        let dangling = dir.path().join("dangling.json");
        std::os::unix::fs::symlink("created.json", &dangling).expect("dangling link");
        write_file_atomically(&dangling, b"made").expect("created");
        assert_eq!(std::fs::read(dir.path().join("created.json")).expect("read"), b"made");
        assert!(std::fs::symlink_metadata(&dangling).expect("meta").file_type().is_symlink());

        // A link to something that is not a regular file is refused, naming where it leads.
        let to_dir = dir.path().join("to-dir");
        std::os::unix::fs::symlink(dir.path(), &to_dir).expect("link to dir");
        let err = write_file_atomically(&to_dir, b"x").expect_err("refused");
        assert!(err.message.contains("is a directory, not a regular file (the link leads to"), "{}", err.message);
        let to_null = dir.path().join("to-null");
        std::os::unix::fs::symlink("/dev/null", &to_null).expect("link to device");
        let err = write_file_atomically(&to_null, b"x").expect_err("refused");
        assert!(err.message.contains("is a device"), "{}", err.message);

        // A loop of links ends in an error, not a hang.
        let a = dir.path().join("a");
        let b = dir.path().join("b");
        std::os::unix::fs::symlink(&b, &a).expect("a");
        std::os::unix::fs::symlink(&a, &b).expect("b");
        let err = write_file_atomically(&a, b"x").expect_err("loop");
        assert!(err.message.contains("symbolic links in a row"), "{}", err.message);
        assert_eq!(
            leftovers(
                dir.path(),
                &[
                    "real.json",
                    "link.json",
                    "chain.json",
                    "dangling.json",
                    "created.json",
                    "to-dir",
                    "to-null",
                    "a",
                    "b"
                ]
            ),
            Vec::<String>::new()
        );
    }

    #[test]
    fn currencies_are_listed() {
        let list = currencies();
        assert!(list.iter().any(|c| c.code == "USD"));
        assert!(list.iter().any(|c| c.code == "EUR"));
        assert!(list.len() > 150);
    }
}

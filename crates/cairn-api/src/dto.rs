//! Transport types: what crosses to the UI (as JSON through Tauri) and the CLI. TypeScript
//! declarations are generated from these into `ui/src/bindings/`; a test fails when the
//! committed files drift from them.

use cairn_core::{FiscalYearNaming, Plan};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A plan in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PlanSummaryDto {
    /// The plan's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its organisation.
    pub organisation: String,
}

/// How fiscal years are named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum YearNamingDto {
    /// FY2027 = July 2026–June 2027.
    EndYear,
    /// FY2026 = April 2026–March 2027.
    StartYear,
}

impl From<FiscalYearNaming> for YearNamingDto {
    fn from(n: FiscalYearNaming) -> Self {
        match n {
            FiscalYearNaming::EndYear => YearNamingDto::EndYear,
            FiscalYearNaming::StartYear => YearNamingDto::StartYear,
        }
    }
}

impl From<YearNamingDto> for FiscalYearNaming {
    fn from(n: YearNamingDto) -> Self {
        match n {
            YearNamingDto::EndYear => FiscalYearNaming::EndYear,
            YearNamingDto::StartYear => FiscalYearNaming::StartYear,
        }
    }
}

/// A plan's settings, as edited on the settings page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SettingsDto {
    /// ISO 4217 code.
    pub currency: String,
    /// First month of the fiscal year, 1–12.
    pub fiscal_start_month: u8,
    /// How years are named.
    pub year_naming: YearNamingDto,
    /// Label prefix, usually "FY".
    pub year_prefix: String,
    /// First fiscal year of the horizon (2027 for FY2027).
    pub first_year: i32,
    /// Number of fiscal years.
    pub years: u8,
}

/// A fiscal year of the horizon, with its months.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct FiscalYearDto {
    /// "FY2027".
    pub label: String,
    /// First month, "2026-07".
    pub first_month: String,
    /// Last month, "2027-06".
    pub last_month: String,
}

/// A goal or a theme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct NamedItemDto {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its description.
    pub description: String,
}

/// How many items a plan's later sections hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PlanCountsDto {
    /// Roadmap initiatives.
    pub initiatives: u32,
    /// Business cases.
    pub business_cases: u32,
    /// Sourcing studies.
    pub sourcing_studies: u32,
    /// Scenarios.
    pub scenarios: u32,
}

/// A whole plan as the UI shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PlanDto {
    /// The plan's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its organisation.
    pub organisation: String,
    /// Its settings.
    pub settings: SettingsDto,
    /// The currency's English name, e.g. "US Dollar".
    pub currency_name: String,
    /// Digits after the decimal point for amounts in this currency.
    pub currency_digits: u32,
    /// The horizon's fiscal years in order.
    pub fiscal_years: Vec<FiscalYearDto>,
    /// Strategic goals.
    pub goals: Vec<NamedItemDto>,
    /// Themes.
    pub themes: Vec<NamedItemDto>,
    /// Sizes of the later sections.
    pub counts: PlanCountsDto,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl From<&Plan> for PlanDto {
    fn from(p: &Plan) -> Self {
        let s = &p.settings;
        let cal = &s.fiscal_calendar;
        let fiscal_years = s
            .horizon
            .fiscal_years()
            .map(|fy| FiscalYearDto {
                label: cal.label(fy),
                first_month: cal.first_month(fy).map(|m| m.to_string()).unwrap_or_default(),
                last_month: cal.last_month(fy).map(|m| m.to_string()).unwrap_or_default(),
            })
            .collect();
        PlanDto {
            id: p.id.to_string(),
            name: p.name.clone(),
            organisation: p.organisation.clone(),
            settings: SettingsDto {
                currency: s.currency.code().to_owned(),
                fiscal_start_month: cal.start_month,
                year_naming: cal.naming.into(),
                year_prefix: cal.prefix.clone(),
                first_year: s.horizon.first_year.0,
                years: s.horizon.years,
            },
            currency_name: s.currency.name(),
            currency_digits: s.currency.minor_digits(),
            fiscal_years,
            goals: p
                .goals
                .iter()
                .map(|g| NamedItemDto {
                    id: g.id.to_string(),
                    name: g.name.clone(),
                    description: g.description.clone(),
                })
                .collect(),
            themes: p
                .themes
                .iter()
                .map(|t| NamedItemDto {
                    id: t.id.to_string(),
                    name: t.name.clone(),
                    description: t.description.clone(),
                })
                .collect(),
            counts: PlanCountsDto {
                initiatives: count(p.initiatives.len()),
                business_cases: count(p.business_cases.len()),
                sourcing_studies: count(p.sourcing_studies.len()),
                scenarios: count(p.scenarios.len()),
            },
        }
    }
}

/// What a new plan starts with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct NewPlanDto {
    /// Its name.
    pub name: String,
    /// Its organisation.
    pub organisation: String,
    /// Its settings.
    pub settings: SettingsDto,
}

/// What undo and redo would do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct HistoryDto {
    /// Description of the change undo would reverse.
    pub undo: Option<String>,
    /// Description of the change redo would reapply.
    pub redo: Option<String>,
}

/// A change that undo or redo applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReplayedDto {
    /// What the change was.
    pub description: String,
    /// The plan it touched (it may no longer exist).
    pub plan_id: String,
}

/// The result of an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ImportedDto {
    /// The stored plan.
    pub plan: PlanSummaryDto,
    /// Set when the file's id was taken and the plan was stored under a new one.
    pub renamed_from: Option<String>,
}

/// A currency for pickers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CurrencyDto {
    /// ISO 4217 code.
    pub code: String,
    /// English name.
    pub name: String,
}

/// A backup the user may restore.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BackupDto {
    /// Its name (`20261122T150000Z`), which `cairn restore` takes.
    pub name: String,
    /// When it was taken (the time of the last change it holds), RFC 3339.
    pub taken_at: String,
    /// Its folder.
    pub path: String,
    /// How many plans it holds.
    pub plans: usize,
}

/// How the app's start went, for the first screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum StartupDto {
    /// Ready; the data directory and whether it was just created.
    Ready {
        /// The data directory.
        data_dir: String,
        /// Created by this start (the demo plan was added).
        fresh: bool,
    },
    /// Not ready: what went wrong, and the backup that could be restored (for a damaged database).
    Failed {
        /// The data directory.
        data_dir: String,
        /// What went wrong.
        error: ApiErrorDto,
        /// The newest backup, when a restore is possible.
        newest_backup: Option<BackupDto>,
    },
}

/// [`crate::ApiError`] as data (the same JSON shape).
pub type ApiErrorDto = crate::error::ApiError;

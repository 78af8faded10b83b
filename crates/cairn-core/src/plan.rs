//! The plan: what a CIO's IT strategy is made of.
//!
//! A [`Plan`] holds its settings (currency, fiscal calendar, planning horizon), strategic goals,
//! themes (the roadmap's swimlanes) and the collections that later features fill in: initiatives,
//! business cases, sourcing studies and scenarios. Every item has an [`Id`] unique within its
//! collection, so that edits, history and links between items refer to ids, never positions.

use std::collections::HashMap;
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize};

use crate::appraisal::AppraisalPolicy;
use crate::case::BusinessCase;
use crate::duration::DurationRange;
use crate::fiscal::{FiscalCalendar, FiscalYear, YearMonth};
use crate::money::Currency;
use crate::risk::{Risk, RiskSettings};
use crate::roadmap::{Budget, Dependency, Milestone, QuarterFte, RiskRating, RoadmapSettings};
use crate::scenario::{Baseline, Scenario};
pub use crate::sourcing::SourcingStudy;

/// An identifier: 1–64 characters of ASCII letters, digits, `-`, `_` and `.`, starting with a
/// letter or digit. Stable across renames and used as the storage key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Id(String);

/// Why text is not a valid [`Id`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{0}\" is not a valid id: use 1 to 64 letters, digits, '-', '_' or '.', starting with a letter or digit")]
pub struct IdError(pub String);

impl Id {
    /// Checks and wraps an id.
    pub fn new(text: impl Into<String>) -> Result<Id, IdError> {
        let text = text.into();
        let ok = (1..=64).contains(&text.len())
            && text.starts_with(|c: char| c.is_ascii_alphanumeric())
            && text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if ok { Ok(Id(text)) } else { Err(IdError(text)) }
    }

    /// The id's text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A readable id made from a name, free among `taken`: lower-case ASCII letters and digits
    /// joined by single hyphens, Latin letters transliterated (é → e, ß → ss, ø → o, ł → l),
    /// at most 40 characters before a `-2`, `-3`… suffix that makes it unique; `fallback`
    /// (e.g. "initiative") when the name has no letter or digit to use.
    pub fn from_name(name: &str, fallback: &str, taken: impl Fn(&str) -> bool) -> Result<Id, IdError> {
        let mut base = String::new();
        for c in name.chars() {
            let piece = transliterate(c);
            if piece.is_empty() {
                if !base.is_empty() && !base.ends_with('-') {
                    base.push('-');
                }
            } else {
                base.push_str(&piece);
            }
        }
        let mut base: String = base.trim_matches('-').chars().take(40).collect();
        base.truncate(base.trim_end_matches('-').len());
        if base.is_empty() {
            base = fallback.to_owned();
        }
        let mut n = 1u32;
        loop {
            let candidate = if n == 1 { base.clone() } else { format!("{base}-{n}") };
            if !taken(&candidate) {
                return Id::new(candidate);
            }
            n = n.checked_add(1).ok_or_else(|| IdError(base.clone()))?;
        }
    }
}

/// A character as lower-case ASCII letters or digits, or nothing (a separator).
fn transliterate(c: char) -> String {
    if c.is_ascii_alphanumeric() {
        return c.to_ascii_lowercase().to_string();
    }
    let s = match c.to_lowercase().next().unwrap_or(c) {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        _ => "",
    };
    s.to_owned()
}

impl fmt::Display for Id {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An id hashes and compares as its text, so a map keyed by ids can be searched with a `&str`
/// (an id that arrived as text from the UI or a file) without making an `Id` first.
impl std::borrow::Borrow<str> for Id {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for Id {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Id::new(String::deserialize(d)?).map_err(serde::de::Error::custom)
    }
}

/// The fiscal years a plan covers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Horizon {
    /// The first fiscal year, by its name's number (2027 for FY2027).
    pub first_year: FiscalYear,
    /// How many fiscal years, 1 to [`Horizon::MAX_YEARS`].
    pub years: u8,
}

impl Horizon {
    /// The longest horizon Cairn plans over; infrastructure cases rarely go past 20 years.
    pub const MAX_YEARS: u8 = 30;

    /// The last fiscal year covered.
    pub fn last_year(&self) -> FiscalYear {
        FiscalYear(self.first_year.0 + i32::from(self.years) - 1)
    }

    /// Every fiscal year covered, in order.
    pub fn fiscal_years(&self) -> impl Iterator<Item = FiscalYear> + '_ {
        (0..i32::from(self.years)).map(|i| FiscalYear(self.first_year.0 + i))
    }
}

/// A plan's settings: what every figure and date in it is measured in.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanSettings {
    /// The currency of every amount in the plan.
    pub currency: Currency,
    /// When fiscal years start and how they are named.
    pub fiscal_calendar: FiscalCalendar,
    /// The fiscal years the plan covers.
    pub horizon: Horizon,
    /// Budget ceilings and delivery capacity.
    #[serde(default)]
    pub roadmap: RoadmapSettings,
    /// Plan-health findings the plan's owner has looked at and stands by, each with the reason
    /// the board is given (`cairn_check` marks them accepted; they stay in every list). Left out
    /// of the file when empty, so a plan that accepted nothing is written as before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepted_findings: Vec<AcceptedFinding>,
    /// How every business case is appraised: basis, discount schedule, inflation, the benefits
    /// counted, capitalisation, the headline and the decision rule. Left out of the file when it
    /// is the default (each case at its own rate, as before policies existed).
    #[serde(default, skip_serializing_if = "AppraisalPolicy::is_default")]
    pub appraisal: AppraisalPolicy,
    /// The risk register's 5 × 5 scale and its categories with their appetite. Left out of the
    /// file when it is the default, so a plan without a register is written as before.
    #[serde(default, skip_serializing_if = "RiskSettings::is_default")]
    pub risk: RiskSettings,
}

/// A plan-health finding accepted on purpose: which one (its check's code and the JSON path of
/// the field at fault, as `cairn check` prints them) and why it stands.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AcceptedFinding {
    /// The check's code, e.g. `ceiling-breach`.
    pub code: String,
    /// The finding's path, e.g. `settings.roadmap.budget_ceilings[0]`.
    pub path: String,
    /// Why it stands, in a sentence a board reads.
    pub reason: String,
}

/// A strategic goal the IT strategy serves, e.g. "Resilient services".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// Unique among the plan's goals.
    pub id: Id,
    /// Short name.
    pub name: String,
    /// What achieving it means, in a sentence or two.
    #[serde(default)]
    pub description: String,
}

/// A theme of the strategy; the roadmap's swimlanes, e.g. "Cybersecurity and resilience".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    /// Unique among the plan's themes.
    pub id: Id,
    /// Short name.
    pub name: String,
    /// What the theme covers.
    #[serde(default)]
    pub description: String,
}

/// Where an initiative stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InitiativeStatus {
    /// Not yet approved.
    #[default]
    Proposed,
    /// Approved, not started.
    Approved,
    /// Under way.
    InProgress,
    /// Finished.
    Done,
    /// Paused.
    OnHold,
    /// Stopped for good.
    Cancelled,
}

impl InitiativeStatus {
    /// The status in words, as a board member reads it: "In progress".
    pub fn label(self) -> &'static str {
        match self {
            InitiativeStatus::Proposed => "Proposed",
            InitiativeStatus::Approved => "Approved",
            InitiativeStatus::InProgress => "In progress",
            InitiativeStatus::Done => "Done",
            InitiativeStatus::OnHold => "On hold",
            InitiativeStatus::Cancelled => "Cancelled",
        }
    }
}

/// A piece of work on the roadmap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Initiative {
    /// Unique among the plan's initiatives.
    pub id: Id,
    /// Short name.
    pub name: String,
    /// What it delivers.
    #[serde(default)]
    pub description: String,
    /// The theme (swimlane) it belongs to.
    #[serde(default)]
    pub theme: Option<Id>,
    /// Who is accountable.
    #[serde(default)]
    pub owner: String,
    /// Where it stands.
    #[serde(default)]
    pub status: InitiativeStatus,
    /// First month of work.
    pub start: YearMonth,
    /// Last month of work (inclusive): an initiative from 2026-07 to 2026-07 lasts one month.
    pub end: YearMonth,
    /// The strategic goals it serves.
    #[serde(default)]
    pub goals: Vec<Id>,
    /// Dated points: decision gates, go-lives.
    #[serde(default)]
    pub milestones: Vec<Milestone>,
    /// What must happen first.
    #[serde(default)]
    pub dependencies: Vec<Dependency>,
    /// A priority score from 0 (lowest) to 100 (highest), used to rank what to fund first.
    #[serde(default)]
    pub priority: Option<u8>,
    /// The delivery risk.
    #[serde(default)]
    pub risk: Option<RiskRating>,
    /// Capex and opex by fiscal year, or a linked business case's costs.
    #[serde(default)]
    pub budget: Budget,
    /// Staff demand by fiscal quarter.
    #[serde(default)]
    pub fte: Vec<QuarterFte>,
    /// How long it may take, as three points for schedule risk analysis; `None` takes the
    /// plan's `settings.roadmap.duration_spread` around its planned duration. Left out of the
    /// file when not set, so a plan that never set it is written as before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_range: Option<DurationRange>,
}

impl Initiative {
    /// An initiative with a name and dates and nothing else: the start of every new one.
    pub fn new(id: Id, name: impl Into<String>, start: YearMonth, end: YearMonth) -> Initiative {
        Initiative {
            id,
            name: name.into(),
            description: String::new(),
            theme: None,
            owner: String::new(),
            status: InitiativeStatus::default(),
            start,
            end,
            goals: Vec::new(),
            milestones: Vec::new(),
            dependencies: Vec::new(),
            priority: None,
            risk: None,
            budget: Budget::default(),
            fte: Vec::new(),
            duration_range: None,
        }
    }

    /// How many months it lasts (at least one).
    pub fn months(&self) -> i32 {
        self.start.months_until(self.end) + 1
    }
}

/// A whole IT strategy plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// Unique among the stored plans.
    pub id: Id,
    /// The plan's title, e.g. "IT Strategy FY2027–FY2031".
    pub name: String,
    /// Whose plan it is, e.g. "City of Riverton".
    #[serde(default)]
    pub organisation: String,
    /// Currency, fiscal calendar and horizon.
    pub settings: PlanSettings,
    /// Strategic goals.
    #[serde(default)]
    pub goals: Vec<Goal>,
    /// Themes (swimlanes).
    #[serde(default)]
    pub themes: Vec<Theme>,
    /// Roadmap initiatives. Each is shared (`Arc`): copying a plan — for an edit, a scenario, a
    /// baseline — copies pointers, and an edit replaces only the initiatives it changes
    /// (`Arc::make_mut`). A plan of 10,000 initiatives is copied in microseconds, not
    /// milliseconds; the file and the store see plain initiatives.
    #[serde(default)]
    pub initiatives: Vec<Arc<Initiative>>,
    /// Business cases.
    #[serde(default)]
    pub business_cases: Vec<BusinessCase>,
    /// Sourcing studies.
    #[serde(default)]
    pub sourcing_studies: Vec<SourcingStudy>,
    /// What-if scenarios.
    #[serde(default)]
    pub scenarios: Vec<Scenario>,
    /// Frozen copies of the plan to measure variance against.
    #[serde(default)]
    pub baselines: Vec<Baseline>,
    /// The risk register. Left out of the file when empty, so a plan without risks is written
    /// as before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub risks: Vec<Risk>,
}

/// A plan without its collections: what changes when the plan is renamed or its settings edited.
/// Storage keeps it apart from the items so that such an edit writes a few hundred bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanHeader {
    /// See [`Plan::id`].
    pub id: Id,
    /// See [`Plan::name`].
    pub name: String,
    /// See [`Plan::organisation`].
    pub organisation: String,
    /// See [`Plan::settings`].
    pub settings: PlanSettings,
}

impl Plan {
    /// The plan's header (a copy of everything but the collections).
    pub fn header(&self) -> PlanHeader {
        PlanHeader {
            id: self.id.clone(),
            name: self.name.clone(),
            organisation: self.organisation.clone(),
            settings: self.settings.clone(),
        }
    }

    /// A plan with this header and no items.
    pub fn from_header(header: PlanHeader) -> Plan {
        Plan {
            id: header.id,
            name: header.name,
            organisation: header.organisation,
            settings: header.settings,
            goals: Vec::new(),
            themes: Vec::new(),
            initiatives: Vec::new(),
            business_cases: Vec::new(),
            sourcing_studies: Vec::new(),
            scenarios: Vec::new(),
            baselines: Vec::new(),
            risks: Vec::new(),
        }
    }

    /// Replaces the header fields, keeping the items.
    pub fn set_header(&mut self, header: PlanHeader) {
        self.id = header.id;
        self.name = header.name;
        self.organisation = header.organisation;
        self.settings = header.settings;
    }

    /// The initiative at `k`, to change: shared with no other copy of the plan from here on
    /// (`Arc::make_mut` copies it only if another copy still holds it). Panics if `k` is out of
    /// range, as indexing does.
    pub fn initiative_mut(&mut self, k: usize) -> &mut Initiative {
        Arc::make_mut(&mut self.initiatives[k])
    }

    /// A copy of the plan itself, without its scenarios and baselines: what a scenario resolves
    /// from and a baseline freezes. Those are left out, not copied and then dropped: a baseline
    /// is a whole plan, and every scenario shown or edited starts from this copy.
    pub fn without_variants(&self) -> Plan {
        Plan {
            id: self.id.clone(),
            name: self.name.clone(),
            organisation: self.organisation.clone(),
            settings: self.settings.clone(),
            goals: self.goals.clone(),
            themes: self.themes.clone(),
            initiatives: self.initiatives.clone(),
            business_cases: self.business_cases.clone(),
            sourcing_studies: self.sourcing_studies.clone(),
            scenarios: Vec::new(),
            baselines: Vec::new(),
            risks: self.risks.clone(),
        }
    }

    /// A fiscal-year label in this plan's calendar, e.g. "FY2027".
    pub fn year_label(&self, fy: FiscalYear) -> String {
        self.settings.fiscal_calendar.label(fy)
    }
}

/// The positions of a collection's items by id, built once (O(n)) so that looking items up by id
/// inside a loop costs O(1) each instead of a scan: with thousands of initiatives, a scan per
/// lookup made whole-plan operations quadratic. Where an id repeats (a plan that skipped
/// validation) the first position is kept, as a search in order would find it.
pub fn positions_by_id<'a, T>(items: &'a [T], id: impl Fn(&'a T) -> &'a Id) -> HashMap<&'a Id, usize> {
    let mut out = HashMap::with_capacity(items.len());
    for (k, x) in items.iter().enumerate() {
        out.entry(id(x)).or_insert(k);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked() {
        assert!(Id::new("goal-1").is_ok());
        assert!(Id::new("a.b_c").is_ok());
        for bad in ["", "-x", "has space", "é", &"x".repeat(65)] {
            assert!(Id::new(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn ids_are_made_from_names() {
        let none = |_: &str| false;
        let check = |name: &str, want: &str| {
            assert_eq!(Id::from_name(name, "item", none).map(|i| i.to_string()), Ok(want.to_owned()), "{name:?}");
        };
        check("IT Strategy FY2027–FY2031", "it-strategy-fy2027-fy2031");
        check("  Ærø kommune  ", "aero-kommune");
        check("Straße & Łódź — Café", "strasse-lodz-cafe");
        check("—", "item");
        check("", "item");
        check(&"Long name ".repeat(10), "long-name-long-name-long-name-long-name");
        let taken = ["erp", "erp-2"];
        assert_eq!(Id::from_name("ERP", "x", |c| taken.contains(&c)).map(|i| i.to_string()), Ok("erp-3".into()));
    }

    #[test]
    fn header_round_trips() {
        let plan = crate::demo::demo_plan();
        let mut rebuilt = Plan::from_header(plan.header());
        rebuilt.goals.clone_from(&plan.goals);
        rebuilt.themes.clone_from(&plan.themes);
        rebuilt.initiatives.clone_from(&plan.initiatives);
        rebuilt.business_cases.clone_from(&plan.business_cases);
        rebuilt.sourcing_studies.clone_from(&plan.sourcing_studies);
        rebuilt.scenarios.clone_from(&plan.scenarios);
        rebuilt.baselines.clone_from(&plan.baselines);
        rebuilt.risks.clone_from(&plan.risks);
        assert_eq!(rebuilt, plan);
    }

    #[test]
    fn positions_by_id_keep_the_first_of_a_repeated_id() {
        let plan = crate::demo::demo_plan();
        let mut xs = plan.initiatives.clone();
        xs.push(xs[1].clone());
        let at = positions_by_id(&xs, |x| &x.id);
        assert_eq!(at.len(), plan.initiatives.len());
        assert_eq!(at[&xs[1].id], 1);
        assert_eq!(at[&xs[0].id], 0);
    }
}

//! What the board pack shows: plain view data, already computed.
//!
//! The caller (`cairn-api`) evaluates business cases, compares scenarios and sums budgets; this
//! crate only lays the figures out. Every section that has no data is `None` or empty, and the
//! pack then says so in one line instead of leaving the section out silently.

use std::sync::Arc;

use cairn_core::MetricKey;
use cairn_core::YearMonth;

pub use crate::input_risk::RiskSection;
use cairn_core::narrative::CaseRecommendation;
pub use cairn_core::text::CurrencyFormat;
use chrono::NaiveDate;
use rust_decimal::Decimal;

/// Paper sizes a board pack prints on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Paper {
    /// ISO A4, 210 × 297 mm.
    #[default]
    A4,
    /// US Letter, 8.5 × 11 in.
    Letter,
}

impl Paper {
    /// Portrait width and height in millimetres.
    pub fn size_mm(self) -> (f32, f32) {
        match self {
            Paper::A4 => (210.0, 297.0),
            Paper::Letter => (215.9, 279.4),
        }
    }
}

/// How a report is laid out: the paginated board pack or the 16:9 board deck, both from the
/// same [`ReportInput`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// The board pack on A4 or US Letter ([`crate::render`]).
    #[default]
    Pack,
    /// The 16:9 board deck, one message a slide ([`crate::render_deck`]).
    Deck,
}

impl Layout {
    /// Every layout.
    pub const ALL: [Layout; 2] = [Layout::Pack, Layout::Deck];

    /// The name used on the command line (`--layout deck`) and by the app.
    pub fn key(self) -> &'static str {
        match self {
            Layout::Pack => "pack",
            Layout::Deck => "deck",
        }
    }

    /// Looks a layout up by its [`key`](Layout::key), ignoring case and surrounding space.
    pub fn from_key(key: &str) -> Option<Layout> {
        let key = key.trim();
        Layout::ALL.into_iter().find(|l| l.key().eq_ignore_ascii_case(key))
    }
}

/// The sections of a pack, in the order they appear.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SectionKind {
    /// Investment by year, portfolio NPV, key risks, recommendations.
    Summary,
    /// The strategic goals.
    Goals,
    /// The roadmap timeline by theme.
    Roadmap,
    /// Budget by fiscal year.
    Budget,
    /// One part per business case.
    Cases,
    /// The risk register, schedule confidence and the cases' NPV S-curves.
    Risks,
    /// One part per sourcing study.
    Sourcing,
    /// Scenarios side by side.
    Scenarios,
    /// Assumptions and methods.
    Appendix,
}

impl SectionKind {
    /// Every section, in pack order.
    pub const ALL: [SectionKind; 9] = [
        SectionKind::Summary,
        SectionKind::Goals,
        SectionKind::Roadmap,
        SectionKind::Budget,
        SectionKind::Cases,
        SectionKind::Risks,
        SectionKind::Sourcing,
        SectionKind::Scenarios,
        SectionKind::Appendix,
    ];

    /// The name used on the command line (`--sections summary,cases`).
    pub fn key(self) -> &'static str {
        match self {
            SectionKind::Summary => "summary",
            SectionKind::Goals => "goals",
            SectionKind::Roadmap => "roadmap",
            SectionKind::Budget => "budget",
            SectionKind::Cases => "cases",
            SectionKind::Risks => "risks",
            SectionKind::Sourcing => "sourcing",
            SectionKind::Scenarios => "scenarios",
            SectionKind::Appendix => "appendix",
        }
    }

    /// The section's title in the pack.
    pub fn title(self) -> &'static str {
        match self {
            SectionKind::Summary => "Executive summary",
            SectionKind::Goals => "Strategic goals",
            SectionKind::Roadmap => "Roadmap",
            SectionKind::Budget => "Budget by fiscal year",
            SectionKind::Cases => "Business cases",
            SectionKind::Risks => "Risk",
            SectionKind::Sourcing => "Sourcing studies",
            SectionKind::Scenarios => "Scenario comparison",
            SectionKind::Appendix => "Appendix: assumptions and methods",
        }
    }

    /// Looks a section up by its [`key`](SectionKind::key), ignoring case and surrounding space.
    pub fn from_key(key: &str) -> Option<SectionKind> {
        let key = key.trim();
        SectionKind::ALL.into_iter().find(|s| s.key().eq_ignore_ascii_case(key))
    }
}

/// Everything a board pack shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportInput {
    /// The plan's title.
    pub plan_name: String,
    /// Whose plan it is.
    pub organisation: String,
    /// The date printed on the cover (passed in: this crate reads no clock).
    pub date: NaiveDate,
    /// "Board confidential" or similar, printed on the cover and every page.
    pub label: String,
    /// The scenario the pack shows, when not the plan itself.
    pub scenario: Option<String>,
    /// Paper size.
    pub paper: Paper,
    /// A PNG or JPEG logo for the cover.
    pub logo: Option<Vec<u8>>,
    /// The plan's currency.
    pub currency: CurrencyFormat,
    /// Which sections to include; they are always printed in [`SectionKind::ALL`] order.
    pub sections: Vec<SectionKind>,
    /// The executive summary.
    pub summary: SummarySection,
    /// The strategic goals.
    pub goals: Vec<GoalView>,
    /// The roadmap.
    pub roadmap: RoadmapSection,
    /// The budget.
    pub budget: BudgetSection,
    /// One per business case.
    pub cases: Vec<CaseSection>,
    /// The risk section.
    pub risks: RiskSection,
    /// One per sourcing study.
    pub sourcing: Vec<SourcingSection>,
    /// Scenarios side by side; `None` when the plan has none to compare.
    pub scenarios: Option<ScenarioSection>,
    /// Assumptions and methods, as term and explanation.
    pub appendix: Vec<(String, String)>,
    /// Fonts to draw the characters Source Sans 3 lacks (CJK, emoji), tried in order; empty for
    /// a plan in Latin, Greek or Cyrillic script. The caller finds them ([`crate::missing_chars`]
    /// says which characters to look for); a character none has is drawn as a boxed "?".
    pub fallback_fonts: Vec<FallbackFont>,
    /// The document's language, a BCP 47 tag written to the PDF catalog ("en").
    pub language: String,
}

/// A font file's face that draws characters the pack's own typeface lacks.
#[derive(Clone, PartialEq, Eq)]
pub struct FallbackFont {
    /// Its family name, for messages ("Noto Sans CJK JP").
    pub name: String,
    /// The font file's bytes (TrueType or OpenType, a collection included).
    pub bytes: Arc<[u8]>,
    /// The face's index in a collection; 0 otherwise.
    pub index: u32,
}

impl std::fmt::Debug for FallbackFont {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FallbackFont")
            .field("name", &self.name)
            .field("bytes", &self.bytes.len())
            .field("index", &self.index)
            .finish()
    }
}

/// Capex and opex in one fiscal year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearInvestment {
    /// "FY2027".
    pub year: String,
    /// Capital expenditure.
    pub capex: Decimal,
    /// Operating expenditure.
    pub opex: Decimal,
}

/// The executive summary.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SummarySection {
    /// Investment by fiscal year of the horizon.
    pub investment: Vec<YearInvestment>,
    /// The sum of the business cases' headline NPVs; `None` when there are no cases.
    pub portfolio_npv: Option<f64>,
    /// What that sum is, under the plan's headline basis; empty: "Sum of the business cases'
    /// NPVs".
    pub portfolio_note: String,
    /// How many business cases, initiatives, sourcing studies and scenarios the plan has.
    pub counts: Vec<(String, usize)>,
    /// Key risks, one sentence each.
    pub key_risks: Vec<String>,
    /// Recommendations, one sentence each.
    pub recommendations: Vec<String>,
    /// The plan-health findings a board must hear, most severe first, one sentence each in
    /// words a board reads ("FY2027 is $1.18M over its ceiling"); written by
    /// `cairn_core::narrative` from `cairn_check` findings.
    pub findings: Vec<SummaryFinding>,
    /// The decisions the board is asked to take, one sentence each.
    pub decisions: Vec<String>,
}

/// One plan-health finding as the executive summary states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryFinding {
    /// `true` for an error (the plan is inconsistent), `false` for a warning.
    pub error: bool,
    /// The sentence.
    pub text: String,
    /// Why it stands, when the plan explains a deliberate finding; empty otherwise.
    pub explanation: String,
}

/// A strategic goal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalView {
    /// Its name.
    pub name: String,
    /// What achieving it means.
    pub description: String,
    /// The initiatives serving it, by name.
    pub initiatives: Vec<String>,
    /// The same initiatives by theme, in the plan's theme order ("No theme" last): theme name
    /// and its initiatives serving this goal (the deck's strategy on a page).
    pub themes: Vec<(String, Vec<String>)>,
}

/// The roadmap: initiatives on a monthly time axis, grouped by theme.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RoadmapSection {
    /// The fiscal years of the horizon: label and the index of its first month on the axis
    /// (0-based, months from the axis start); the axis ends after the last year's 12 months.
    pub years: Vec<(String, u32)>,
    /// Total months on the axis.
    pub months: u32,
    /// The axis's first month (the first fiscal year's first month), to place a date on it.
    pub start: Option<YearMonth>,
    /// One lane per theme, in the plan's order; initiatives without a theme come last.
    pub lanes: Vec<RoadmapLane>,
    /// The report's date on the axis, in months from the axis start (15 March of the axis's
    /// third month is about 2.45), when it falls on the axis: the "today" line.
    pub today: Option<f32>,
}

/// One theme's initiatives.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RoadmapLane {
    /// The theme's name.
    pub name: String,
    /// Its initiatives, by start.
    pub bars: Vec<RoadmapBar>,
}

/// Where an initiative stands, as the legend shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BarStatus {
    /// Not yet approved.
    Proposed,
    /// Approved, not started.
    Approved,
    /// Under way.
    InProgress,
    /// Finished.
    Done,
    /// Paused.
    OnHold,
    /// Stopped.
    Cancelled,
}

impl BarStatus {
    /// Every status, in legend order.
    pub const ALL: [BarStatus; 6] = [
        BarStatus::Proposed,
        BarStatus::Approved,
        BarStatus::InProgress,
        BarStatus::Done,
        BarStatus::OnHold,
        BarStatus::Cancelled,
    ];

    /// The legend's label.
    pub fn label(self) -> &'static str {
        match self {
            BarStatus::Proposed => "Proposed",
            BarStatus::Approved => "Approved",
            BarStatus::InProgress => "In progress",
            BarStatus::Done => "Done",
            BarStatus::OnHold => "On hold",
            BarStatus::Cancelled => "Cancelled",
        }
    }
}

/// One initiative on the roadmap.
#[derive(Debug, Clone, PartialEq)]
pub struct RoadmapBar {
    /// Its name.
    pub name: String,
    /// First month, as an index on the axis (may be negative: it started before the horizon).
    pub start: i32,
    /// Last month (inclusive), as an index on the axis.
    pub end: i32,
    /// Its status.
    pub status: BarStatus,
    /// "2026-07 – 2027-12", printed beside the name.
    pub dates: String,
    /// The initiative's id, by which other bars name it in `after`.
    pub id: String,
    /// Its milestones: short name and month, as an index on the axis.
    pub milestones: Vec<(String, i32)>,
    /// The ids of the initiatives it depends on (finish to start or start to start).
    pub after: Vec<String>,
}

/// Capex or opex.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SpendKind {
    /// Capital expenditure.
    Capex,
    /// Operating expenditure.
    Opex,
}

/// The budget by fiscal year. Today it is filled from the business cases' cost lines; the
/// roadmap's initiative budgets can fill the same rows (one per initiative and kind) later.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BudgetSection {
    /// The fiscal years, as column labels.
    pub years: Vec<String>,
    /// One row per source (a business case or an initiative) and kind.
    pub rows: Vec<BudgetRow>,
    /// A ceiling per fiscal year, when the plan sets one (same length as `years`).
    pub ceilings: Vec<Option<Decimal>>,
    /// Where the figures come from, in a sentence.
    pub source: String,
    /// The themes that have a ceiling in some year, in the plan's order: their ceilings against
    /// their spend.
    pub theme_ceilings: Vec<ThemeCeiling>,
}

/// One theme's ceilings against its spend, per fiscal year of [`BudgetSection::years`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ThemeCeiling {
    /// The theme's name.
    pub theme: String,
    /// Its ceiling in each year, when set.
    pub ceilings: Vec<Option<Decimal>>,
    /// Its spend (capex and opex) in each year.
    pub spend: Vec<Decimal>,
}

/// One row of the budget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetRow {
    /// What it is, e.g. the business case's name.
    pub name: String,
    /// Capex or opex.
    pub kind: SpendKind,
    /// One amount per fiscal year (same length as [`BudgetSection::years`]).
    pub amounts: Vec<Decimal>,
}

/// A figure or why there is none.
#[derive(Debug, Clone, PartialEq)]
pub enum Figure {
    /// An amount of money.
    Money(f64),
    /// A fraction shown as a percentage (0.12 → "12.00 %").
    Percent(f64),
    /// A number of years.
    Years(f64),
    /// A plain ratio (1.42 → "1.42").
    Ratio(f64),
    /// No value, and why.
    NotAvailable(String),
}

/// A row of a yearly table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmountRow {
    /// The row's label.
    pub label: String,
    /// One amount per column.
    pub amounts: Vec<Decimal>,
    /// A total or subtotal row, printed in bold.
    pub strong: bool,
}

/// One bar of a tornado.
#[derive(Debug, Clone, PartialEq)]
pub struct TornadoView {
    /// The driver, e.g. "Benefit realisation".
    pub driver: String,
    /// The low setting, e.g. "−20 %".
    pub low_label: String,
    /// The high setting.
    pub high_label: String,
    /// NPV at the low setting.
    pub npv_low: f64,
    /// NPV at the high setting.
    pub npv_high: f64,
}

/// A Monte Carlo result.
#[derive(Debug, Clone, PartialEq)]
pub struct RiskView {
    /// Runs.
    pub iterations: u32,
    /// Seed.
    pub seed: u64,
    /// Mean NPV.
    pub mean: f64,
    /// Percentiles (P5, P10, P50, P90, P95…) of NPV.
    pub percentiles: Vec<(u8, f64)>,
    /// The chance that NPV is negative, as a fraction.
    pub probability_negative: f64,
    /// Histogram bin edges (one more than counts).
    pub edges: Vec<f64>,
    /// Histogram counts.
    pub counts: Vec<u32>,
    /// The S-curve: the NPV at 0, 1, … 100 % of runs (`PERCENTILE.INC`, as the case page draws it).
    pub s_curve: Vec<f64>,
    /// P50 and P80 of the NPV by nearest rank (80 % of runs at or below P80).
    pub p50: f64,
    /// See `p50`.
    pub p80: f64,
}

/// One of a case's four NPV figures.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NpvFigureView {
    /// "Most likely NPV", "P80 NPV"…
    pub label: String,
    /// What it is ("80 % of runs at or above").
    pub meaning: String,
    /// The figure, when there is one.
    pub value: Option<f64>,
    /// Why there is none.
    pub note: String,
    /// Whether it is the headline under the plan's appraisal policy.
    pub headline: bool,
}

/// One business case.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseSection {
    /// Its name.
    pub name: String,
    /// The investment in a sentence or two.
    pub description: String,
    /// Who sponsors it.
    pub sponsor: String,
    /// Headline metrics in display order (`MetricKey::ALL`'s: NPV first, then IRR…), each with
    /// its figure; the label is the key's.
    pub metrics: Vec<(MetricKey, Figure)>,
    /// Column labels of the yearly table ("Year 0", "FY2027"…).
    pub columns: Vec<String>,
    /// Yearly table rows (categories, totals, net, cumulative).
    pub rows: Vec<AmountRow>,
    /// The chart's points, t = 0, 1, 2…: "Year 0" (or "Start" when the case has no upfront
    /// column) and each fiscal year's label.
    pub periods: Vec<String>,
    /// Cumulative net cash at each point of `periods`.
    pub cumulative: Vec<f64>,
    /// Cumulative discounted cash at each point of `periods`.
    pub cumulative_discounted: Vec<f64>,
    /// Simple payback in years from the start, when paid back.
    pub payback_years: Option<f64>,
    /// The base NPV the tornado swings around.
    pub base_npv: Option<f64>,
    /// Tornado bars, largest swing first.
    pub tornado: Vec<TornadoView>,
    /// The Monte Carlo result, when the case has uncertain lines.
    pub risk: Option<RiskView>,
    /// Why a part is missing (e.g. "no line has an uncertainty"), one sentence each.
    pub notes: Vec<String>,
    /// What the board is advised to do (`cairn_case::decide`, the plan's rule); `None` without
    /// an NPV.
    pub recommendation: Option<CaseRecommendation>,
    /// The recommendation in one sentence, as the executive summary lists it.
    pub decision: Option<String>,
    /// The four NPV figures side by side (most likely, expected, P50, P80).
    pub npv_figures: Vec<NpvFigureView>,
    /// Its capital and operating expenditure over all its years (the deck's "major" rule).
    pub investment: Decimal,
    /// Its benefits register: one row per benefit line, in the case's order.
    pub benefits: Vec<BenefitRow>,
    /// Its economic case, on a page of its own.
    pub economic: EconomicView,
}

/// A case's economic case (HM Treasury Green Book): its short list side by side against
/// business as usual, how the options rank, the optimism bias applied and the discount rate.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EconomicView {
    /// The options, in the short list's order (business as usual first when it is stated so).
    pub options: Vec<OptionView>,
    /// How the options are ranked and why, in a sentence.
    pub ranking: String,
    /// The optimism bias applied, sentence by sentence ("None applied…" when the case has none).
    pub optimism: Vec<String>,
    /// The contributory factors the case assessed: factor, how far mitigated, why.
    pub mitigations: Vec<(String, String, String)>,
    /// The discount rate, its basis and its source, in a sentence.
    pub rate: String,
    /// Why the short list could not be appraised, when it could not (`options` is then empty).
    pub note: Option<String>,
}

/// One option of a short list appraised.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionView {
    /// Its name.
    pub name: String,
    /// Its role: "Business as usual", "Do minimum", "Preferred", "Alternative".
    pub role: String,
    /// Its rank among the options other than business as usual; `None` for business as usual.
    pub rank: Option<u32>,
    /// Present value of costs.
    pub pv_costs: Figure,
    /// Present value of all benefits counted.
    pub pv_benefits: Figure,
    /// Present value of cash-releasing benefits.
    pub pv_cash_releasing: Figure,
    /// NPV counting every benefit.
    pub npv: Figure,
    /// NPV counting cash-releasing benefits only.
    pub npv_cash_releasing: Figure,
    /// Benefit-cost ratio.
    pub bcr: Figure,
    /// Net present social value against business as usual; `None` for business as usual.
    pub npsv: Option<Figure>,
    /// IRR of the difference from business as usual; `None` for business as usual.
    pub incremental_irr: Option<Figure>,
}

/// A benefit in a case's benefits register; empty text where nothing was recorded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BenefitRow {
    /// The line's name.
    pub name: String,
    /// How it counts: "Cash-releasing", "Non-cash-releasing" or "Wider (societal)".
    pub class: String,
    /// Who realises it.
    pub owner: String,
    /// The measure.
    pub measure: String,
    /// The measure today.
    pub baseline: String,
    /// The measure aimed for.
    pub target: String,
    /// When it is measured.
    pub measured: String,
    /// The name of the initiative it waits for.
    pub waits_for: String,
}

/// One sourcing study. The sourcing model is being built: options, criteria, scores and TCO
/// are filled once it has them; until then a study shows its name, service and a note.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SourcingSection {
    /// Its name.
    pub name: String,
    /// The service under study.
    pub service: String,
    /// The options compared (in-house, outsourced, cloud…).
    pub options: Vec<String>,
    /// The criteria with their weights (fractions summing to 1).
    pub criteria: Vec<(String, f64)>,
    /// Scores: one row per criterion, one column per option.
    pub scores: Vec<Vec<f64>>,
    /// The ranking: option and overall score, best first.
    pub ranking: Vec<(String, f64)>,
    /// Total cost of ownership by option.
    pub tco: Vec<(String, Decimal)>,
    /// Robustness findings, one sentence each.
    pub robustness: Vec<String>,
    /// Criteria (by index) whose "scores" are amounts of money (the present-value TCO).
    pub money_criteria: Vec<usize>,
    /// Criteria (by index) on which a lower score is better (cost, risk).
    pub lower_is_better: Vec<usize>,
    /// The rate the present-value TCO is discounted at, as a fraction.
    pub discount_rate: Option<f64>,
    /// The consistency ratio of the pairwise judgements, when the weights come from them (AHP).
    pub consistency_ratio: Option<f64>,
    /// The recommendation the CIO wrote, empty when none (`robustness` quotes it last).
    pub recommendation: String,
}

/// Variants side by side.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ScenarioSection {
    /// The variants, the first being the reference.
    pub variants: Vec<VariantView>,
    /// For each variant after the first: what differs from the first (what, from, to).
    pub differences: Vec<Vec<(String, String, String)>>,
    /// What moved since the plan's latest baseline, when it has one.
    pub baseline: Option<BaselineView>,
}

/// The plan now against its latest baseline.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct BaselineView {
    /// The baseline's name.
    pub name: String,
    /// The day it was taken.
    pub taken_on: Option<NaiveDate>,
    /// Roadmap spend (capex and opex) over the fiscal years of either horizon: then and now.
    pub spend: (Decimal, Decimal),
    /// The roadmap's last month: then and now.
    pub end: (Option<String>, Option<String>),
    /// Months the roadmap's end moved (positive: later).
    pub end_months: Option<i32>,
    /// Portfolio NPV: then and now.
    pub npv: (f64, f64),
    /// Initiatives: then and now.
    pub initiatives: (usize, usize),
    /// Initiatives whose dates moved, added and removed since the baseline.
    pub slipped: usize,
    /// Initiatives added since the baseline.
    pub added: usize,
    /// Initiatives removed since the baseline.
    pub removed: usize,
}

/// One variant's figures.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct VariantView {
    /// Its name.
    pub label: String,
    /// Portfolio NPV.
    pub portfolio_npv: f64,
    /// Roadmap spend per fiscal year (as the roadmap's budget counts it): label, capex, opex.
    pub spend: Vec<(String, Decimal, Decimal)>,
    /// Each case's NPV and IRR, by case name.
    pub cases: Vec<(String, Option<f64>, Option<f64>)>,
    /// Initiatives in the variant.
    pub initiatives: usize,
    /// The roadmap's last month.
    pub roadmap_end: Option<String>,
    /// Fiscal years over the portfolio ceiling: label and how far over.
    pub over_ceiling: Vec<(String, Decimal)>,
    /// The critical path's initiatives, in delivery order.
    pub critical_path: Vec<String>,
}

impl VariantView {
    /// Its roadmap spend (capex plus opex) in fiscal year `year`, in whole units; "—" when the
    /// year is not in its horizon. The pack's and the deck's scenario tables both show it.
    pub(crate) fn spend_in(&self, year: &str, currency: &CurrencyFormat) -> String {
        self.spend
            .iter()
            .find(|s| s.0 == year)
            .map_or("—".into(), |s| crate::format::money_whole(s.1.saturating_add(s.2), currency))
    }

    /// The fiscal years it is over the ceiling and by how much ("FY2027: $1,180,000; …"), or
    /// "none".
    pub(crate) fn over_ceiling_text(&self, currency: &CurrencyFormat) -> String {
        if self.over_ceiling.is_empty() {
            return "none".into();
        }
        self.over_ceiling
            .iter()
            .map(|(y, by)| format!("{y}: {}", crate::format::money_whole(*by, currency)))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

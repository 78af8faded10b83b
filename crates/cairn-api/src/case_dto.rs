//! Transport types of business cases. Amounts travel as exact decimal text ("1250000.50");
//! rates as percent text ("6" is 6 %), converted to fractions in Rust so that no percentage is
//! ever multiplied in floating point. Computed figures (NPV, IRR…) travel as numbers.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A business case in the list, with its headline figures.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CaseSummaryDto {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its description.
    pub description: String,
    /// Its sponsor.
    pub sponsor: String,
    /// "FY2027–FY2036".
    pub years_label: String,
    /// NPV, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub npv: Option<f64>,
    /// IRR as a fraction, when there is a single one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub irr: Option<f64>,
    /// Total cost of ownership (decimal text).
    pub tco: String,
    /// Number of lines.
    pub lines: u32,
}

/// How capex is depreciated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DepreciationMethodDto {
    /// Straight line.
    StraightLine,
    /// Double-declining balance switching to straight line.
    DecliningBalance,
}

/// A case's settings, as edited in its header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CaseSettingsDto {
    /// Name.
    pub name: String,
    /// Description.
    pub description: String,
    /// Sponsor.
    pub sponsor: String,
    /// First fiscal year, e.g. 2027.
    pub first_year: i32,
    /// Number of fiscal years.
    pub years: u8,
    /// Whether there is an upfront (year 0) column.
    pub upfront: bool,
    /// The case's own discount rate in percent, e.g. "6": used when the plan sets no discount
    /// schedule, or when `rate_reason` says why the case keeps its own.
    pub discount_rate: String,
    /// Why the case is discounted at its own rate instead of the plan's schedule (the pack prints
    /// it); empty: the case follows the plan's policy.
    pub rate_reason: String,
    /// Default escalation of recurring lines in percent.
    pub escalation: String,
    /// Tax rate in percent; empty when no tax applies.
    pub tax_rate: String,
    /// Depreciation method.
    pub depreciation_method: DepreciationMethodDto,
    /// Useful life in years.
    pub life_years: u8,
    /// Benefit realisation in percent, "100" as planned.
    pub benefit_realisation: String,
    /// Linked initiative ids.
    pub initiatives: Vec<String>,
    /// Why it is mandatory, its residual value, sunk costs, optimism bias and short list.
    pub appraisal: crate::case_form_dto::CaseAppraisalDto,
}

/// A line's category (see `cairn_core::LineCategory`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CategoryDto {
    /// Capex – hardware.
    CapexHardware,
    /// Capex – software.
    CapexSoftware,
    /// Capex – implementation.
    CapexImplementation,
    /// Capex – other.
    CapexOther,
    /// Opex – licences and subscriptions.
    OpexLicences,
    /// Opex – staff.
    OpexStaff,
    /// Opex – support and maintenance.
    OpexSupport,
    /// Opex – hosting.
    OpexHosting,
    /// Opex – other.
    OpexOther,
    /// Benefit – cost savings.
    BenefitCostSavings,
    /// Benefit – cost avoidance.
    BenefitCostAvoidance,
    /// Benefit – revenue.
    BenefitRevenue,
    /// Benefit – productivity.
    BenefitProductivity,
    /// Benefit – risk reduction.
    BenefitRiskReduction,
}

/// How a benefit counts (see `cairn_core::BenefitClass`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BenefitClassDto {
    /// Money that leaves a budget or arrives as income.
    CashReleasing,
    /// Value that frees no money: time, capacity, risk reduced.
    NonCashReleasing,
    /// Value to others than the organisation.
    Wider,
}

/// A benefit class with its label, for pickers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BenefitClassInfoDto {
    /// The class.
    pub class: BenefitClassDto,
    /// "Cash-releasing".
    pub label: String,
}

/// A category with its label and kind, for pickers and grouping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CategoryInfoDto {
    /// The category.
    pub category: CategoryDto,
    /// "Capex – implementation".
    pub label: String,
    /// "capex", "opex" or "benefit".
    pub kind: String,
    /// For a benefit category: the class its lines have unless they say otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub default_benefit_class: Option<BenefitClassDto>,
}

/// How a line's amounts are set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AmountsDto {
    /// Typed per column: `values[i]` for `CaseDto::columns[i]`, decimal text, "" = zero.
    Entered {
        /// One per column.
        values: Vec<String>,
    },
    /// One amount in one column (a column key: "upfront" or "2028").
    OneOff {
        /// Column key.
        column: String,
        /// Decimal text.
        amount: String,
    },
    /// Every year from `from` to `to`, escalating.
    Recurring {
        /// First fiscal year.
        from: i32,
        /// Last fiscal year.
        to: i32,
        /// Decimal text, the first year's amount.
        amount: String,
        /// Escalation in percent; empty follows the case's.
        escalation: String,
    },
}

/// A distribution of the line's multiplier, in percent of plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UncertaintyDto {
    /// "triangular", "pert", "uniform" or "normal".
    pub distribution: String,
    /// Min (mean for normal), percent text.
    pub low: String,
    /// Most likely (unused for uniform; sd for normal), percent text.
    pub mode: String,
    /// Max (unused for normal), percent text.
    pub high: String,
    /// Probability of a late start in percent ("" or "0" for none; benefits only).
    pub delay_probability: String,
    /// Years late.
    pub delay_years: u8,
    /// Drawn afresh each year rather than once per run (`cairn_core::Draw`); absent: once.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub each_year: Option<bool>,
}

/// A line as edited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LineDto {
    /// Its id; empty for a new line.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its category.
    pub category: CategoryDto,
    /// Its amounts.
    pub amounts: AmountsDto,
    /// Its uncertainty, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub uncertainty: Option<UncertaintyDto>,
    /// A note on the source of the figures.
    pub note: String,
    /// For a benefit: how it counts (its category's class unless set otherwise). A cost has
    /// none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub benefit_class: Option<BenefitClassDto>,
    /// For a benefit: its benefits-register entry, when it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub register: Option<BenefitRecordDto>,
    /// The ids of the short-list options the line belongs to; empty: the preferred option.
    #[serde(default)]
    pub options: Vec<String>,
    /// For a cost: what it pays for (the capitalisation policy reads it); null for none.
    #[serde(default)]
    pub activity: Option<crate::policy_dto::ActivityDto>,
    /// For a benefit: the roadmap milestone it starts at; null for none.
    #[serde(default)]
    pub starts_at: Option<crate::case_form_dto::MilestoneLinkDto>,
    /// For a capital cost: when its asset goes into service; null: from the next fiscal year.
    #[serde(default)]
    pub in_service: Option<crate::case_form_dto::InServiceDto>,
}

/// A benefit's entry in the case's benefits register (see `cairn_core::BenefitRecord`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BenefitRecordDto {
    /// Who is accountable for realising it.
    pub owner: String,
    /// How it is measured (the KPI).
    pub measure: String,
    /// The measure today.
    pub baseline: String,
    /// The measure aimed for.
    pub target: String,
    /// When it is measured.
    pub measured: String,
    /// The id of the initiative it waits for; "" for none.
    pub waits_for: String,
}

/// A column of a case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ColumnDto {
    /// "upfront" or the fiscal year's number, "2028".
    pub key: String,
    /// "Year 0" or "FY2028".
    pub label: String,
}

/// A whole case as edited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CaseDto {
    /// Its id.
    pub id: String,
    /// Its settings.
    pub settings: CaseSettingsDto,
    /// Its columns in order.
    pub columns: Vec<ColumnDto>,
    /// Its lines.
    pub lines: Vec<LineDto>,
    /// Each line's amounts per column after generation (decimal text), as the grid shows them.
    pub line_values: Vec<Vec<String>>,
    /// The initiatives the case funds, then any other one a benefit waits for, with their names.
    pub initiatives: Vec<crate::roadmap_dto::LabelDto>,
}

/// One cell typed or pasted into the grid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CellDto {
    /// The line's id.
    pub line: String,
    /// The column key.
    pub column: String,
    /// What was typed: "1,250,000", "1250000.5", "(300)", "" for zero.
    pub value: String,
}

/// A figure or why there is none.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct MetricDto {
    /// "npv", "npv_cash_releasing", "irr", "mirr", "payback", "discounted_payback", "roi", "bcr",
    /// "tco", "tco_pv".
    pub key: String,
    /// "Net present value".
    pub label: String,
    /// "money", "percent", "years" or "ratio".
    pub unit: String,
    /// The value, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub value: Option<f64>,
    /// Why there is none ("n/a: …"), or a remark.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub note: Option<String>,
}

/// A row of the yearly table.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RowDto {
    /// Stable key: "capex", "net", "category:opex_staff", "line:saas"…
    pub key: String,
    /// Label.
    pub label: String,
    /// "line", "category", "total", "net", "derived".
    pub style: String,
    /// One per column (decimal text for amounts; numbers as text for derived rows).
    pub values: Vec<String>,
    /// The row's total, when it has a meaningful one.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub total: Option<String>,
}

/// A bar of the tornado.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TornadoBarDto {
    /// The driver.
    pub driver: String,
    /// Its low setting.
    pub low_label: String,
    /// Its high setting.
    pub high_label: String,
    /// NPV at low.
    pub npv_low: f64,
    /// NPV at high.
    pub npv_high: f64,
}

/// Sensitivity results.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SensitivityDto {
    /// NPV as planned.
    pub base_npv: f64,
    /// Swing in percent.
    pub swing_percent: f64,
    /// Largest swing first.
    pub bars: Vec<TornadoBarDto>,
    /// Break-even benefit realisation.
    pub break_even_realisation: MetricDto,
    /// Break-even discount rate.
    pub break_even_rate: MetricDto,
}

/// Everything the case page shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CaseResultDto {
    /// Column labels.
    pub columns: Vec<ColumnDto>,
    /// Headline metrics.
    pub metrics: Vec<MetricDto>,
    /// Every IRR of the flow, ascending.
    pub irrs: Vec<f64>,
    /// The cash view: categories, capex, opex, benefits, tax, net, cumulative, discounted.
    pub cash: Vec<RowDto>,
    /// The P&L view.
    pub pnl: Vec<RowDto>,
    /// Costs per column (numbers, for charts).
    pub chart_costs: Vec<f64>,
    /// Benefits per column (numbers, for charts).
    pub chart_benefits: Vec<f64>,
    /// Cumulative cash per column (numbers, for charts).
    pub chart_cumulative: Vec<f64>,
    /// Cumulative discounted cash per column.
    pub chart_cumulative_discounted: Vec<f64>,
    /// Sensitivity.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub sensitivity: Option<SensitivityDto>,
    /// The timing convention in words.
    pub convention: String,
    /// The rate the figures are discounted at, their basis (real or nominal) and why: the
    /// economic-case page's sentence, e.g. "Discounted at 6 % a year, nominal terms: the case's
    /// own rate: the plan sets no discount schedule."
    pub rate: String,
    /// The case's short list appraised: each option's figures and its NPSV against business as
    /// usual.
    pub short_list: ShortListDto,
}

/// How to run a simulation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SimulationSettingsDto {
    /// Number of runs.
    pub iterations: u32,
    /// The seed (as a number below 2^53 so JavaScript keeps it exact).
    pub seed: u32,
}

/// An input's contribution to the NPV's spread.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ContributionDto {
    /// The input.
    pub input: String,
    /// Rank correlation with NPV.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub rank_correlation: Option<f64>,
}

/// A simulation's results.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SimulationDto {
    /// Runs.
    pub iterations: u32,
    /// Seed.
    pub seed: u32,
    /// Deterministic NPV.
    pub base_npv: f64,
    /// Mean NPV.
    pub mean: f64,
    /// Standard deviation.
    pub sd: f64,
    /// P5, P10, P50, P90, P95 as (percentile, NPV).
    pub percentiles: Vec<(u8, f64)>,
    /// Share of runs with NPV < 0.
    pub probability_negative: f64,
    /// P10, P50, P80 and P90 of the NPV by nearest rank (the ⌈p·N⌉-th smallest run; `p80`: 80 %
    /// of runs at or below), as `(percentile, NPV)`.
    pub confidence: Vec<(u8, f64)>,
    /// The present value of the case's costs as planned.
    pub base_pv_cost: f64,
    /// The 80th percentile (nearest rank) of the runs' present value of cost.
    pub pv_cost_p80: f64,
    /// What a budget at P80 needs on top of the planned cost: `pv_cost_p80 − base_pv_cost`.
    pub contingency_p80: f64,
    /// Histogram bin edges.
    pub histogram_edges: Vec<f64>,
    /// Histogram counts.
    pub histogram_counts: Vec<u32>,
    /// The S-curve: NPV at percentiles 0..=100 (PERCENTILE.INC).
    pub s_curve: Vec<f64>,
    /// Contributions, strongest first.
    pub contributions: Vec<ContributionDto>,
    /// Uncertain inputs in the case (0: the simulation only repeats the plan).
    pub inputs: u32,
}

/// Progress of a running simulation, sent as the `case-simulation-progress` event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
pub struct SimulationProgressDto {
    /// Runs done.
    pub done: u32,
    /// Runs in all.
    pub total: u32,
}

/// A case's short list appraised (`cairn_case::appraise`): what the case page's options table
/// shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ShortListDto {
    /// Whether the case states its options (otherwise business as usual is taken as zero).
    pub stated: bool,
    /// Each option, in the short list's order.
    pub options: Vec<OptionRowDto>,
    /// How the options are ranked and why, in a sentence.
    pub ranking: String,
    /// "real" or "nominal": the appraisal's basis.
    pub basis: String,
}

/// One option's figures.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct OptionRowDto {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// "bau", "do_minimum", "preferred" or "alternative".
    pub role: String,
    /// "Business as usual", "Do minimum", "Preferred", "Alternative".
    pub role_label: String,
    /// Its place in the ranking (1 = best); none for business as usual.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub rank: Option<u32>,
    /// Present value of its costs, of its benefits and of its cash-releasing benefits.
    pub pv_costs: MetricDto,
    /// Present value of its benefits.
    pub pv_benefits: MetricDto,
    /// Present value of its cash-releasing benefits.
    pub pv_cash_releasing_benefits: MetricDto,
    /// Its NPV.
    pub npv: MetricDto,
    /// Its NPV counting cash-releasing benefits only.
    pub npv_cash_releasing: MetricDto,
    /// PV benefits ÷ PV costs.
    pub bcr: MetricDto,
    /// Its IRR.
    pub irr: MetricDto,
    /// Its NPV against business as usual; none for business as usual.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub npsv: Option<MetricDto>,
    /// The IRR of its flow less business as usual's; none for business as usual.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub incremental_irr: Option<MetricDto>,
}

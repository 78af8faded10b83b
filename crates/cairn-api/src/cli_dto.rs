//! What the `cairn` command line prints as JSON: a contract other tools rely on (README.md,
//! "Command line"), golden-tested byte for byte in `crates/cairn-cli/tests/golden/`.
//!
//! These types are the contract, not the domain types they are filled from: a field added to or
//! renamed in `cairn_roadmap`, `cairn_scenario` or `cairn_sourcing` changes nothing here. Field
//! order is output order. They keep the shapes the CLI printed before it went through this crate,
//! which differ from the app's DTOs on purpose: amounts are exact decimals as the engine holds
//! them (`"7443250.000"`, not normalised), a missing value is `null` (never left out), and a year
//! of spend carries its `fiscal_year` number. They are not sent to the UI and have no TypeScript
//! binding.

use rust_decimal::Decimal;
use serde::Serialize;

/// A spreadsheet error code, as Excel and LibreOffice Calc show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CalcErrorCode {
    /// `#NUM!`: an argument is out of range, or an iteration found no answer.
    #[serde(rename = "#NUM!")]
    Num,
    /// `#DIV/0!`: the formula divides by zero.
    #[serde(rename = "#DIV/0!")]
    Div0,
    /// `#VALUE!`: an argument has the wrong type or count, or a request cannot be read.
    #[serde(rename = "#VALUE!")]
    Value,
    /// `#NAME?`: no function has that name.
    #[serde(rename = "#NAME?")]
    Name,
}

impl CalcErrorCode {
    /// The code as the spreadsheet writes it: `"#NUM!"`.
    pub fn as_str(self) -> &'static str {
        match self {
            CalcErrorCode::Num => "#NUM!",
            CalcErrorCode::Div0 => "#DIV/0!",
            CalcErrorCode::Value => "#VALUE!",
            CalcErrorCode::Name => "#NAME?",
        }
    }
}

impl std::fmt::Display for CalcErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a spreadsheet function has no value: `{"error":"#NUM!","message":"…"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CalcErrorDto {
    /// The spreadsheet's code.
    pub error: CalcErrorCode,
    /// What is wrong, naming the argument (it may hold a control character a request brought
    /// in; JSON escapes it, a line of text must pass it through `one_line`).
    pub message: String,
}

/// The answer to one `cairn calc --batch` line: `{"value":1188.4434123352216}` (full double
/// precision) or a [`CalcErrorDto`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum CalcAnswerDto {
    /// The function's value.
    Value {
        /// Always finite.
        value: f64,
    },
    /// Why there is none.
    Error(CalcErrorDto),
}

/// The judgement of an AHP matrix that contributes most to inconsistency.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CliJudgementDto {
    /// 1-based row.
    pub row: usize,
    /// 1-based column.
    pub column: usize,
    /// The value given.
    pub value: f64,
    /// The scale value the weights imply.
    pub suggested: f64,
}

/// `cairn mcda ahp`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CliAhpDto {
    /// Criterion weights, summing to 1.
    pub weights: Vec<f64>,
    /// λmax.
    pub lambda_max: f64,
    /// Consistency index.
    pub ci: f64,
    /// Consistency ratio.
    pub cr: f64,
    /// The random index RI(n) used.
    pub random_index: f64,
    /// CR ≤ 0.10.
    pub consistent: bool,
    /// When inconsistent, the judgement to revisit first; `null` otherwise.
    pub most_inconsistent: Option<CliJudgementDto>,
}

/// `cairn mcda topsis`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CliTopsisDto {
    /// Relative closeness to the ideal per option, 0..=1.
    pub closeness: Vec<f64>,
    /// Ranks per option, 1 = best.
    pub ranks: Vec<usize>,
    /// Distance to the positive ideal.
    pub d_plus: Vec<f64>,
    /// Distance to the negative ideal.
    pub d_minus: Vec<f64>,
    /// `"vector"` or `"minmax"`.
    pub normalization: &'static str,
}

/// One initiative's row of `cairn roadmap schedule --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CliScheduleRowDto {
    /// The initiative's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// "2027-04".
    pub early_start: String,
    /// "2029-03".
    pub early_finish: String,
    /// The latest start that does not delay the finish.
    pub late_start: String,
    /// The latest finish that does not delay the finish.
    pub late_finish: String,
    /// Months it can slip.
    pub total_float_months: i32,
    /// Whether it has no float.
    pub critical: bool,
}

/// A dependency the planned dates break.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CliViolationDto {
    /// The dependent initiative's id.
    pub initiative: String,
    /// The predecessor's id.
    pub on: String,
    /// The earliest start the dependency allows.
    pub earliest_start: String,
    /// The planned start, earlier than that.
    pub planned_start: String,
}

/// A date outside the plan's horizon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CliWarningDto {
    /// The initiative's id.
    pub initiative: String,
    /// What, in plain words.
    pub message: String,
}

/// `cairn roadmap schedule --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CliScheduleDto {
    /// The first planned start; `null` without initiatives.
    pub start: Option<String>,
    /// When the roadmap ends; `null` without initiatives.
    pub finish: Option<String>,
    /// One row per initiative, in the plan's order.
    pub initiatives: Vec<CliScheduleRowDto>,
    /// The critical path's initiative ids, in delivery order.
    pub critical_path: Vec<String>,
    /// Dependencies the planned dates break.
    pub violations: Vec<CliViolationDto>,
    /// Dates outside the horizon.
    pub warnings: Vec<CliWarningDto>,
}

/// A swimlane of the budget: a theme, or `{"id": null, "name": "No theme"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CliThemeDto {
    /// The theme's id; `null` for initiatives without one.
    pub id: Option<String>,
    /// Its name.
    pub name: String,
}

/// One theme's spend in one fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CliBudgetCellDto {
    /// The theme's id; `null` for initiatives without one.
    pub theme: Option<String>,
    /// Capital expenditure.
    pub capex: Decimal,
    /// Operating expenditure.
    pub opex: Decimal,
    /// Capex plus opex.
    pub total: Decimal,
    /// The theme's ceiling that year, if set.
    pub ceiling: Option<Decimal>,
    /// How far the total exceeds the ceiling, if it does.
    pub over_by: Option<Decimal>,
}

/// One fiscal year of the budget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CliBudgetYearDto {
    /// The fiscal year's number, 2027 for FY2027.
    pub year: i32,
    /// "FY2027".
    pub label: String,
    /// One cell per theme, in `themes` order.
    pub themes: Vec<CliBudgetCellDto>,
    /// Capex over all themes.
    pub capex: Decimal,
    /// Opex over all themes.
    pub opex: Decimal,
    /// Capex plus opex.
    pub total: Decimal,
    /// The portfolio ceiling, if set.
    pub ceiling: Option<Decimal>,
    /// How far the total exceeds the ceiling, if it does.
    pub over_by: Option<Decimal>,
}

/// `cairn roadmap budget --format json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CliBudgetDto {
    /// The plan's currency, "USD".
    pub currency: String,
    /// The swimlanes, in order.
    pub themes: Vec<CliThemeDto>,
    /// One entry per fiscal year of the horizon.
    pub years: Vec<CliBudgetYearDto>,
    /// Spend over the horizon.
    pub total: Decimal,
    /// Spend budgeted outside the horizon.
    pub outside_horizon: Decimal,
}

/// One fiscal year of a variant's roadmap spend.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CliYearSpendDto {
    /// "FY2028".
    pub year: String,
    /// 2028.
    pub fiscal_year: i32,
    /// Capex over all themes.
    pub capex: Decimal,
    /// Opex over all themes.
    pub opex: Decimal,
    /// Capex plus opex.
    pub total: Decimal,
    /// The portfolio ceiling, if set.
    pub ceiling: Option<Decimal>,
    /// How far the total exceeds the ceiling, if it does.
    pub over_by: Option<Decimal>,
}

/// One business case's key metrics in a variant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CliCaseFiguresDto {
    /// The case's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// NPV, when there is one.
    pub npv: Option<f64>,
    /// IRR as a fraction, when there is a single one.
    pub irr: Option<f64>,
    /// Why there is no IRR.
    pub irr_note: Option<String>,
    /// Simple payback in years.
    pub payback_years: Option<f64>,
    /// Why there is no payback.
    pub payback_note: Option<String>,
}

/// An initiative on the critical path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CliPathStepDto {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
}

/// One variant of `cairn scenario compare --format json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CliVariantDto {
    /// "Plan", a scenario's name, or a baseline's name with " (baseline)".
    pub label: String,
    /// Roadmap spend per fiscal year of the horizon.
    pub spend: Vec<CliYearSpendDto>,
    /// Spend over the horizon.
    pub spend_total: Decimal,
    /// The years over the portfolio ceiling, in order (whole entries of `spend`).
    pub over_ceiling: Vec<CliYearSpendDto>,
    /// Each business case, in the plan's order.
    pub cases: Vec<CliCaseFiguresDto>,
    /// Sum of the cases' NPVs.
    pub portfolio_npv: f64,
    /// Initiatives in the variant.
    pub initiatives: usize,
    /// When the roadmap ends ("2031-06").
    pub roadmap_end: Option<String>,
    /// The critical path, in delivery order.
    pub critical_path: Vec<CliPathStepDto>,
    /// Dependencies the variant's dates break.
    pub violations: usize,
    /// Remarks.
    pub notes: Vec<String>,
}

/// One difference of a variant from the first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CliDifferenceDto {
    /// What changed.
    pub what: String,
    /// The value before.
    pub from: String,
    /// The value after.
    pub to: String,
}

/// `cairn scenario compare --format json`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CliComparisonDto {
    /// The variants in the order asked.
    pub variants: Vec<CliVariantDto>,
    /// For each variant after the first, its differences from the first.
    pub differences: Vec<Vec<CliDifferenceDto>>,
    /// The plan's currency ("USD"), for a table's headings; not part of the JSON.
    #[serde(skip)]
    pub currency: String,
}

/// `cairn check`: `{"findings": [{"code", "severity", "path", "ids", "message"}]}`, errors first,
/// then warnings, then info; by code, then path, within each (docs/checks.md).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CliCheckDto {
    /// The findings, in order.
    pub findings: Vec<CliFindingDto>,
}

/// One finding of `cairn check`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CliFindingDto {
    /// The check's stable code, kebab-case, e.g. `ceiling-breach`.
    pub code: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// The JSON path of the field at fault inside the plan, e.g. `initiatives[3].budget.years[2]`.
    pub path: String,
    /// The ids of the items involved.
    pub ids: Vec<String>,
    /// What is wrong, in one line, with the figures.
    pub message: String,
}

/// `cairn case metrics` as JSON: the basis of the appraisal and each option of the case's short
/// list (README.md, "Command line"). Amounts are decimal strings of the engine's figure (the
/// shortest text that reads back as the same f64); ratios, rates and years are numbers; a figure
/// that does not exist is `null`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CliCaseMetricsDto {
    /// `"real"` or `"nominal"`: the plan's appraisal basis.
    pub basis: String,
    /// Each option, in the short list's order (business as usual first when the case states no
    /// short list).
    pub options: Vec<CliOptionMetricsDto>,
}

/// One option's figures in `cairn case metrics`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CliOptionMetricsDto {
    /// The option's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// `"bau"`, `"do_minimum"`, `"preferred"` or `"alternative"`.
    pub role: String,
    /// Present value of its costs.
    pub pv_costs: Option<String>,
    /// Present value of its benefits (every class).
    pub pv_benefits: Option<String>,
    /// Present value of its cash-releasing benefits.
    pub pv_cash_releasing_benefits: Option<String>,
    /// Its net present value.
    pub npv: Option<String>,
    /// Its NPV counting cash-releasing benefits only.
    pub npv_cash_releasing: Option<String>,
    /// PV benefits ÷ PV costs.
    pub bcr: Option<f64>,
    /// Its IRR, when it has exactly one.
    pub irr: Option<f64>,
    /// Its net present value against business as usual; `null` for business as usual.
    pub npsv: Option<String>,
    /// Years until its cumulative cash flow turns non-negative.
    pub payback_years: Option<f64>,
}

/// `cairn roadmap confidence --format json`: schedule risk through the roadmap.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CliConfidenceDto {
    /// How many runs.
    pub runs: u32,
    /// The seed.
    pub seed: u64,
    /// The roadmap's finish over the runs; `null` without initiatives.
    pub finish: Option<CliFinishDto>,
    /// One row per initiative, in the plan's order.
    pub initiatives: Vec<CliConfidenceRowDto>,
}

/// P50, P80 and P90 of the roadmap's finish, `YYYY-MM`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CliFinishDto {
    /// Half the runs finish in it or before.
    pub p50: String,
    /// 80 % of the runs.
    pub p80: String,
    /// 90 % of the runs.
    pub p90: String,
}

/// One initiative's simulated finish and criticality.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CliConfidenceRowDto {
    /// The initiative's id.
    pub id: String,
    /// P50 of its last month of work, `YYYY-MM`.
    pub finish_p50: String,
    /// P80.
    pub finish_p80: String,
    /// P90.
    pub finish_p90: String,
    /// The share of runs in which it was critical, 0 to 1.
    pub criticality: f64,
}

/// `cairn case simulate` as JSON (README.md, "Command line"; docs/risk.md, "Business-case
/// simulation"): `{"runs", "seed", "npv": {"mean", "p10", "p50", "p80", "p90"},
/// "prob_npv_negative", "contingency_p80"}`. Amounts are numbers in the plan's currency, to the
/// cent; percentiles by nearest rank (`p80`: 80 % of runs at or below).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CliCaseSimulationDto {
    /// Runs simulated.
    pub runs: u32,
    /// The seed.
    pub seed: u64,
    /// The NPV's mean and percentiles.
    pub npv: CliNpvDistributionDto,
    /// The share of runs with NPV < 0.
    pub prob_npv_negative: f64,
    /// The 80th percentile of the runs' present value of cost less the planned present value
    /// of cost: what a budget at P80 needs on top of the plan.
    pub contingency_p80: f64,
}

/// The NPV's distribution in `cairn case simulate`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct CliNpvDistributionDto {
    /// Mean.
    pub mean: f64,
    /// 10th percentile.
    pub p10: f64,
    /// Median.
    pub p50: f64,
    /// 80th percentile.
    pub p80: f64,
    /// 90th percentile.
    pub p90: f64,
}

/// One risk of `cairn risk list` (docs/risk.md, "Command line").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CliRiskDto {
    /// The risk's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its category's id.
    pub category: String,
    /// Its owner (empty when none).
    pub owner: String,
    /// Inherent likelihood × impact, 1 to 25.
    pub inherent_score: u8,
    /// Residual likelihood × impact, 1 to 25.
    pub residual_score: u8,
    /// Whether the residual score is above its category's appetite.
    pub above_appetite: bool,
    /// What it bears on.
    pub links: CliRiskLinksDto,
}

/// A risk's links in `cairn risk list`: every key always present, each an array of ids in the
/// plan's order; a sourcing option is `study/option` (ids hold no `/`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CliRiskLinksDto {
    /// Initiatives' ids.
    pub initiatives: Vec<String>,
    /// Business cases' ids.
    pub business_cases: Vec<String>,
    /// Sourcing options as `study/option`.
    pub sourcing_options: Vec<String>,
}

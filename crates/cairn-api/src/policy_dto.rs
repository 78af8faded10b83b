//! Transport types of the plan's appraisal policy (`cairn_core::AppraisalPolicy`), as the
//! settings page shows and edits it. Rates travel as percent text ("3.5" is 3.5 %), amounts and
//! plain numbers (a beta, a weight) as decimal text, dates as "YYYY-MM-DD"; Rust reads them and
//! names the field of anything it cannot read by its path in the plan
//! (`settings.appraisal.discount.preset.rates[2]`).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Real or nominal prices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum BasisDto {
    /// Prices of one base year, inflation removed.
    Real,
    /// Money of the day.
    Nominal,
}

/// The plan's appraisal policy as edited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppraisalPolicyDto {
    /// The basis every case is appraised in.
    pub basis: BasisDto,
    /// The plan's discount schedule; null: every case keeps the rate it states.
    pub discount: Option<DiscountPolicyDto>,
    /// Inflation, to convert between nominal and real; null when nothing needs converting.
    pub inflation: Option<InflationDto>,
    /// Which classes of benefit the headline figures count.
    pub benefits_counted: BenefitsCountedDto,
    /// Which costs are capitalised.
    pub capitalisation: CapitalisationDto,
    /// Which NPV is the headline.
    pub headline: HeadlineDto,
    /// When a case is recommended.
    pub decision_rule: DecisionRuleDto,
}

/// A discount schedule with where it comes from and whether the user has confirmed it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DiscountPolicyDto {
    /// The schedule.
    pub preset: DiscountPresetDto,
    /// Where its rates come from.
    pub source: String,
    /// The date the rates are as of, "YYYY-MM-DD".
    pub as_of: String,
    /// Whether the user has checked the rates against the source and accepted them.
    pub confirmed: bool,
}

/// Where the plan's discount rates come from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DiscountPresetDto {
    /// The UK Green Book's declining real rate (its bands: `AppraisalPolicyViewDto::green_book`).
    GreenBook,
    /// An OMB Circular A-94 table by maturity.
    A94 {
        /// The rows, in increasing maturity.
        table: Vec<A94RowDto>,
    },
    /// A corporate WACC from its parts.
    Wacc {
        /// The parts.
        parts: WaccPartsDto,
    },
    /// Rates typed in.
    Typed {
        /// Whether the rates are real or nominal.
        basis: BasisDto,
        /// Year 1's rate first, percent text; later years take the last.
        rates: Vec<String>,
    },
}

/// One maturity of an A-94 table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct A94RowDto {
    /// The maturity in years, 1 to 100.
    pub years: u8,
    /// The real rate, percent text.
    pub real: String,
    /// The nominal rate, percent text.
    pub nominal: String,
}

/// A WACC's parts: rates in percent text, the beta and the weights as plain numbers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WaccPartsDto {
    /// Risk-free rate, percent.
    pub risk_free_rate: String,
    /// Equity beta, a plain number.
    pub beta: String,
    /// Equity risk premium, percent.
    pub equity_risk_premium: String,
    /// Pre-tax cost of debt, percent.
    pub cost_of_debt: String,
    /// Tax rate, percent.
    pub tax_rate: String,
    /// Equity's weight: an amount or a share.
    pub equity_weight: String,
    /// Debt's weight: an amount or a share.
    pub debt_weight: String,
}

/// The inflation assumption and its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InflationDto {
    /// The rates.
    pub rates: InflationRatesDto,
    /// Where they come from.
    pub source: String,
}

/// One rate for every year, or a rate per fiscal year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum InflationRatesDto {
    /// The same rate every year.
    Flat {
        /// Percent text.
        rate: String,
    },
    /// A rate for each fiscal year.
    PerYear {
        /// The years in order.
        years: Vec<InflationYearDto>,
    },
}

/// One fiscal year's inflation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct InflationYearDto {
    /// The fiscal year's number, e.g. 2028.
    pub year: i32,
    /// Percent text.
    pub rate: String,
}

/// Which classes of benefit the headline counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct BenefitsCountedDto {
    /// Cash-releasing benefits.
    pub cash_releasing: bool,
    /// Non-cash-releasing benefits.
    pub non_cash_releasing: bool,
    /// Wider (societal) benefits.
    pub wider: bool,
}

/// Which costs are capitalised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum CapitalisationDto {
    /// By each line's category: capex capitalised, opex expensed.
    ByCategory,
    /// By an accounting standard's list of capitalised activities.
    Standard {
        /// The standard.
        standard: StandardDto,
        /// The activities capitalised.
        capitalised: Vec<ActivityDto>,
    },
}

/// An accounting standard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub enum StandardDto {
    /// GASB Statements 51 and 96.
    #[serde(rename = "gasb_51_96")]
    Gasb51And96,
    /// FASB ASC 350-40.
    #[serde(rename = "asc_350_40")]
    Asc350_40,
    /// IAS 38.
    #[serde(rename = "ias_38")]
    Ias38,
}

/// What a cost pays for (see `cairn_core::CostActivity`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ActivityDto {
    /// Planning, evaluating options.
    PreliminaryProject,
    /// Hardware.
    Hardware,
    /// Software bought outright.
    SoftwarePurchase,
    /// A subscription.
    SoftwareSubscription,
    /// Design, build, test.
    Development,
    /// Data conversion.
    DataConversion,
    /// Training.
    Training,
    /// Support after go-live.
    PostImplementation,
}

/// Which NPV is the headline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum HeadlineDto {
    /// The lines as entered.
    MostLikely,
    /// The simulation's mean.
    ExpectedValue,
}

/// The NPV a decision rule reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum MeasureDto {
    /// The lines as entered.
    MostLikely,
    /// The simulation's mean.
    Expected,
    /// The simulation's median.
    P50,
}

/// How the chance of loss is held to its limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LimitComparisonDto {
    /// Strictly below.
    Below,
    /// At or below.
    AtMost,
}

/// The decision rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DecisionRuleDto {
    /// The NPV read.
    pub measure: MeasureDto,
    /// The NPV must be above this, decimal text in the plan's currency.
    pub min_npv: String,
    /// The limit on the chance of a negative NPV, percent text.
    pub chance_of_loss: String,
    /// Whether the limit itself passes.
    pub comparison: LimitComparisonDto,
}

/// A band of the Green Book's declining rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct BandDto {
    /// "0–30", "301 and later".
    pub years: String,
    /// "3.5 %".
    pub rate: String,
}

/// The Green Book preset as it stands: bands, source and date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct GreenBookDto {
    /// Its bands.
    pub bands: Vec<BandDto>,
    /// Its source.
    pub source: String,
    /// Its date, "YYYY-MM-DD".
    pub as_of: String,
}

/// An accounting standard with its label and the activities it capitalises by default.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StandardInfoDto {
    /// The standard.
    pub standard: StandardDto,
    /// "IAS 38 (IFRS)".
    pub label: String,
    /// What it capitalises by default.
    pub default_capitalised: Vec<ActivityDto>,
}

/// A cost activity with its label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ActivityInfoDto {
    /// The activity.
    pub activity: ActivityDto,
    /// "Data conversion".
    pub label: String,
}

/// A rule the stored policy breaks, by field (a plan file may bring one in).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct PolicyProblemDto {
    /// Its path, e.g. `settings.appraisal.discount.confirmed`.
    pub field: String,
    /// What is wrong.
    pub message: String,
}

/// What the settings page shows of the appraisal policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct AppraisalPolicyViewDto {
    /// The policy as stored.
    pub policy: AppraisalPolicyDto,
    /// The Green Book preset's bands, source and date.
    pub green_book: GreenBookDto,
    /// The WACC the stored parts make ("7.92 %"), when the schedule is a WACC.
    pub wacc: Option<String>,
    /// The accounting standards.
    pub standards: Vec<StandardInfoDto>,
    /// The cost activities.
    pub activities: Vec<ActivityInfoDto>,
    /// What the stored policy breaks, if anything.
    pub problems: Vec<PolicyProblemDto>,
}

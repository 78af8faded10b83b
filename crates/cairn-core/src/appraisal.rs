//! The plan's appraisal policy: one set of rules every business case is appraised by.
//!
//! An [`AppraisalPolicy`] sits in the plan's settings, once. It states the basis of the appraisal
//! (real or nominal prices), the discount schedule ([`DiscountPolicy`]: the UK Green Book's
//! declining rate, an OMB Circular A-94 table the user keeps, a corporate WACC from its parts, or
//! rates typed in — each with its source and date and confirmed by the user), the inflation
//! assumption that converts between nominal and real, which classes of benefit the headline
//! counts, which costs are capitalised, the basis of the headline figure and the decision rule.
//!
//! A plan without a policy has [`AppraisalPolicy::default`]: nominal, no plan-wide schedule, so
//! every case is discounted at the rate it states — exactly what Cairn did before policies
//! existed. A case may always state its own rate with a reason ([`BusinessCase::rate_reason`]);
//! [`AppraisalPolicy::rate_for`] says which rate a case is appraised at, and why.
//!
//! This module holds data and its meaning; the arithmetic (discount factors, interpolation,
//! WACC, Fisher) is `cairn_finance`'s, and the rules are in `validate_appraisal`.
//! docs/business-cases.md, "Appraisal policy", gives every formula.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::case::{BusinessCase, LineCategory, LineKind};
use crate::fiscal::FiscalYear;
use crate::sourcing::SourcingStudy;

/// The reason given to each case of a plan file written before plans had an appraisal policy
/// (format version 1): its rate was stated by the case, and stays the case's own.
pub const LEGACY_RATE_REASON: &str = "stated before the plan had an appraisal policy";

/// Where the Green Book preset's rates come from.
pub const GREEN_BOOK_SOURCE: &str =
    "HM Treasury, The Green Book: appraisal and evaluation in central government (2022), Annex A6";

/// Whether amounts and rates are in real terms (prices of one base year) or nominal terms (the
/// money of the day, inflation included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PriceBasis {
    /// Prices as at the start of the case (t = 0): inflation removed.
    Real,
    /// Money of the day: what will be paid and received. Cases written before policies existed
    /// escalate their lines, so their flows are nominal.
    #[default]
    Nominal,
}

impl PriceBasis {
    /// "real" or "nominal", as a sentence uses it.
    pub fn label(self) -> &'static str {
        match self {
            PriceBasis::Real => "real",
            PriceBasis::Nominal => "nominal",
        }
    }

    /// Whether this is [`PriceBasis::Nominal`] (the default, left out of the file).
    pub fn is_nominal(&self) -> bool {
        *self == PriceBasis::Nominal
    }
}

/// The plan's appraisal policy (see the module's documentation).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppraisalPolicy {
    /// The basis every case is appraised in: a real policy discounts real flows at real rates.
    #[serde(default)]
    pub basis: PriceBasis,
    /// The plan's discount schedule; `None`: every case keeps the rate it states.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount: Option<DiscountPolicy>,
    /// Inflation, to convert between nominal and real; `None` when nothing needs converting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inflation: Option<InflationAssumption>,
    /// Which classes of benefit the headline figures count.
    #[serde(default)]
    pub benefits_counted: BenefitClasses,
    /// Which costs are capitalised (and so depreciated) and which are expensed.
    #[serde(default)]
    pub capitalisation: Capitalisation,
    /// Which figure is the headline NPV.
    #[serde(default)]
    pub headline: HeadlineBasis,
    /// When a case is recommended.
    #[serde(default)]
    pub decision_rule: DecisionRule,
}

/// The rate a case (or a sourcing study) is appraised at, and why (see
/// [`AppraisalPolicy::rate_for`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseRate<'a> {
    /// The case's own `discount_rate`, for this reason (the case's `rate_reason`, or
    /// [`LEGACY_RATE_REASON`] when the plan has no schedule).
    Own {
        /// The rate, as a fraction.
        rate: Decimal,
        /// Why the case uses its own rate; the board pack prints it.
        reason: &'a str,
    },
    /// The plan's schedule.
    Policy(&'a DiscountPolicy),
}

impl AppraisalPolicy {
    /// Whether this is the policy of a plan that never set one (left out of the file).
    pub fn is_default(&self) -> bool {
        *self == AppraisalPolicy::default()
    }

    /// The rate `case` is appraised at: its own when it states a reason for one, or when the plan
    /// has no schedule (as every plan before policies); otherwise the plan's schedule.
    pub fn rate_for<'a>(&'a self, case: &'a BusinessCase) -> CaseRate<'a> {
        self.rate_of(case.discount_rate, case.rate_reason.as_deref())
    }

    /// The rate a sourcing study's costs are discounted at, by the same rule as a case's.
    pub fn rate_for_study<'a>(&'a self, study: &'a SourcingStudy) -> CaseRate<'a> {
        self.rate_of(study.discount_rate, study.rate_reason.as_deref())
    }

    fn rate_of<'a>(&'a self, rate: Decimal, reason: Option<&'a str>) -> CaseRate<'a> {
        match (reason, &self.discount) {
            (Some(reason), _) => CaseRate::Own { rate, reason },
            (None, None) => CaseRate::Own { rate, reason: LEGACY_RATE_REASON },
            (None, Some(policy)) => CaseRate::Policy(policy),
        }
    }
}

/// A discount schedule with its provenance: the user keeps the source and date, and confirms the
/// rates before the plan uses them (an unconfirmed schedule is refused by validation).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiscountPolicy {
    /// The schedule.
    pub preset: DiscountPreset,
    /// Where its rates come from, e.g. "OMB Circular A-94, Appendix C (2024 revision)".
    pub source: String,
    /// The date the rates are as of (an A-94 table's, a WACC's market data's).
    pub as_of: NaiveDate,
    /// Whether the user has checked the rates against the source and accepted them.
    #[serde(default)]
    pub confirmed: bool,
}

impl DiscountPolicy {
    /// The Green Book's schedule, with its source and the 2022 edition's date (published 30 March
    /// 2022), not yet confirmed: the user checks the rates against the edition in force.
    pub fn green_book() -> DiscountPolicy {
        DiscountPolicy {
            preset: DiscountPreset::GreenBook,
            source: GREEN_BOOK_SOURCE.to_owned(),
            as_of: NaiveDate::from_ymd_opt(2022, 3, 30).unwrap_or_default(),
            confirmed: false,
        }
    }
}

/// Where a plan's discount rates come from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum DiscountPreset {
    /// The UK Green Book's social time preference rate, real: 3.5 % for years 0–30, 3.0 % for
    /// 31–75, 2.5 % for 76–125, 2.0 % for 126–200, 1.5 % for 201–300, 1.0 % beyond, factors
    /// chained year by year (`cairn_finance::GREEN_BOOK_BANDS`).
    GreenBook,
    /// An OMB Circular A-94 Appendix C table the user keeps: real and nominal rates by maturity,
    /// read at the case's length (interpolated linearly; the shortest maturity's rate below it,
    /// the longest's above it) in the policy's basis.
    A94 {
        /// The rows, in increasing maturity (OMB's: 3, 5, 7, 10, 20 and 30 years).
        table: Vec<A94Row>,
    },
    /// A corporate weighted average cost of capital from its parts: nominal, as market rates are.
    Wacc(WaccParts),
    /// Rates typed in.
    Typed {
        /// Whether the rates are real or nominal.
        basis: PriceBasis,
        /// Year 1's rate first; years past the last take the last (one rate: a flat rate).
        #[serde(deserialize_with = "crate::exact::decimals")]
        rates: Vec<Decimal>,
    },
}

impl DiscountPreset {
    /// The basis its rates are stated in; `None` for an A-94 table, which has both.
    pub fn basis(&self) -> Option<PriceBasis> {
        match self {
            DiscountPreset::GreenBook => Some(PriceBasis::Real),
            DiscountPreset::A94 { .. } => None,
            DiscountPreset::Wacc(_) => Some(PriceBasis::Nominal),
            DiscountPreset::Typed { basis, .. } => Some(*basis),
        }
    }

    /// Its name, as a sentence uses it: "the Green Book schedule".
    pub fn label(&self) -> &'static str {
        match self {
            DiscountPreset::GreenBook => "the Green Book schedule",
            DiscountPreset::A94 { .. } => "the OMB A-94 table",
            DiscountPreset::Wacc(_) => "the WACC",
            DiscountPreset::Typed { .. } => "the typed rates",
        }
    }
}

/// One maturity of an OMB A-94 table.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct A94Row {
    /// The maturity in years, 1 to 100.
    pub years: u8,
    /// The real rate at that maturity, as a fraction.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub real: Decimal,
    /// The nominal rate at that maturity, as a fraction.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub nominal: Decimal,
}

/// A WACC's parts, as fractions (0.04 is 4 %) but `beta`, a plain number, and the weights, any
/// non-negative amounts or shares (normalised to sum to 1).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WaccParts {
    /// The risk-free rate (a government bond's yield).
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub risk_free_rate: Decimal,
    /// The equity beta.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub beta: Decimal,
    /// The equity risk premium over the risk-free rate.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub equity_risk_premium: Decimal,
    /// The pre-tax cost of debt.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub cost_of_debt: Decimal,
    /// The tax rate interest is deducted at.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub tax_rate: Decimal,
    /// Equity's weight.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub equity_weight: Decimal,
    /// Debt's weight.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub debt_weight: Decimal,
}

/// The inflation assumption and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InflationAssumption {
    /// The rates.
    pub rates: InflationRates,
    /// Where they come from, e.g. "OBR, GDP deflator forecast, March 2026".
    pub source: String,
}

/// Inflation: one rate for every year, or a rate per fiscal year (a GDP deflator or CPI series).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum InflationRates {
    /// The same rate every year, as a fraction.
    Flat {
        /// The annual rate.
        #[serde(deserialize_with = "crate::exact::decimal")]
        rate: Decimal,
    },
    /// A rate for each fiscal year: prices rise by `rate` during that year.
    PerYear {
        /// The years, each once, in order.
        years: Vec<InflationYear>,
    },
}

impl InflationRates {
    /// The inflation during fiscal year `fy`, or `None` when a series does not cover it.
    pub fn rate_in(&self, fy: FiscalYear) -> Option<Decimal> {
        match self {
            InflationRates::Flat { rate } => Some(*rate),
            InflationRates::PerYear { years } => years.iter().find(|y| y.year == fy).map(|y| y.rate),
        }
    }
}

/// One fiscal year's inflation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InflationYear {
    /// The fiscal year.
    pub year: FiscalYear,
    /// Inflation during it, as a fraction.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub rate: Decimal,
}

/// The Green Book's classes of benefit, and whether the headline counts each. All are counted by
/// default, as before policies existed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BenefitClasses {
    /// Cash-releasing: budgets that fall, revenue that rises.
    #[serde(default = "yes")]
    pub cash_releasing: bool,
    /// Non-cash-releasing: time saved, capacity freed, valued but not banked.
    #[serde(default = "yes")]
    pub non_cash_releasing: bool,
    /// Wider and societal: benefits to others than the organisation.
    #[serde(default = "yes")]
    pub wider: bool,
}

impl Default for BenefitClasses {
    fn default() -> Self {
        BenefitClasses { cash_releasing: true, non_cash_releasing: true, wider: true }
    }
}

fn yes() -> bool {
    true
}

/// Which costs are capitalised.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(tag = "rule", rename_all = "snake_case", deny_unknown_fields)]
pub enum Capitalisation {
    /// Each line's category says: `capex_*` lines are capitalised, `opex_*` lines expensed (as
    /// before policies existed).
    #[default]
    ByCategory,
    /// An accounting standard's rule, as the list of cost activities capitalised.
    Standard {
        /// The standard followed.
        standard: AccountingStandard,
        /// The activities capitalised; every other is expensed.
        capitalised: Vec<CostActivity>,
    },
}

impl Capitalisation {
    /// A standard's defaults (see [`AccountingStandard::default_capitalised`]).
    pub fn standard(standard: AccountingStandard) -> Capitalisation {
        Capitalisation::Standard { standard, capitalised: standard.default_capitalised().to_vec() }
    }

    /// Whether a cost of `category` paying for `activity` is capitalised (depreciated in the P&L
    /// view, counted as capex) rather than expensed. By category: its `capex_*` categories. By a
    /// standard: a line stating its activity is capitalised when the activity is on the list; a
    /// line stating none follows its category. A benefit is never capitalised.
    pub fn capitalises(&self, category: LineCategory, activity: Option<CostActivity>) -> bool {
        match (category.kind(), self, activity) {
            (LineKind::Benefit, _, _) => false,
            (_, Capitalisation::Standard { capitalised, .. }, Some(activity)) => capitalised.contains(&activity),
            (kind, _, _) => kind == LineKind::Capex,
        }
    }
}

/// An accounting standard for software and IT costs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum AccountingStandard {
    /// US state and local government: GASB Statement 51 (intangible assets, internally generated
    /// software) and Statement 96 (subscription-based IT arrangements).
    #[serde(rename = "gasb_51_96")]
    Gasb51And96,
    /// US companies: FASB ASC 350-40 (internal-use software).
    #[serde(rename = "asc_350_40")]
    Asc350_40,
    /// Companies reporting under IFRS: IAS 38 (intangible assets).
    #[serde(rename = "ias_38")]
    Ias38,
}

impl AccountingStandard {
    /// Every standard, in the order the settings page offers them.
    pub const ALL: [AccountingStandard; 3] =
        [AccountingStandard::Gasb51And96, AccountingStandard::Asc350_40, AccountingStandard::Ias38];

    /// Its name as people read it: "GASB 51/96".
    pub fn label(self) -> &'static str {
        match self {
            AccountingStandard::Gasb51And96 => "GASB 51/96 (US state and local government)",
            AccountingStandard::Asc350_40 => "ASC 350-40 (US companies)",
            AccountingStandard::Ias38 => "IAS 38 (IFRS)",
        }
    }

    /// The activities capitalised by default. Under all three, preliminary (planning and
    /// evaluation) work, training, data conversion and post-implementation support are expensed;
    /// hardware, software bought outright and development in the application development stage
    /// are capitalised. A subscription is capitalised under GASB 96 (a subscription asset) and
    /// expensed as a service contract under ASC 350-40 and IAS 38. These are defaults to start
    /// from; the list is the organisation's to set with its auditor.
    pub fn default_capitalised(self) -> &'static [CostActivity] {
        use CostActivity::*;
        match self {
            AccountingStandard::Gasb51And96 => &[Hardware, SoftwarePurchase, SoftwareSubscription, Development],
            AccountingStandard::Asc350_40 | AccountingStandard::Ias38 => &[Hardware, SoftwarePurchase, Development],
        }
    }
}

/// What a cost pays for, in the stages the standards distinguish.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CostActivity {
    /// Planning, evaluating options, choosing a supplier.
    PreliminaryProject,
    /// Servers, devices, network equipment.
    Hardware,
    /// Software bought outright or a perpetual licence.
    SoftwarePurchase,
    /// A software or cloud subscription.
    SoftwareSubscription,
    /// Design, configuration, coding, integration and testing.
    Development,
    /// Converting and loading the old system's data.
    DataConversion,
    /// Training staff.
    Training,
    /// Support and maintenance after go-live.
    PostImplementation,
}

impl CostActivity {
    /// Every activity, in the stages' order.
    pub const ALL: [CostActivity; 8] = [
        CostActivity::PreliminaryProject,
        CostActivity::Hardware,
        CostActivity::SoftwarePurchase,
        CostActivity::SoftwareSubscription,
        CostActivity::Development,
        CostActivity::DataConversion,
        CostActivity::Training,
        CostActivity::PostImplementation,
    ];

    /// Its name as people read it.
    pub fn label(self) -> &'static str {
        match self {
            CostActivity::PreliminaryProject => "Preliminary project (planning, evaluation)",
            CostActivity::Hardware => "Hardware",
            CostActivity::SoftwarePurchase => "Software bought outright",
            CostActivity::SoftwareSubscription => "Software or cloud subscription",
            CostActivity::Development => "Development (design, build, test)",
            CostActivity::DataConversion => "Data conversion",
            CostActivity::Training => "Training",
            CostActivity::PostImplementation => "Post-implementation support",
        }
    }
}

/// Which NPV is the headline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HeadlineBasis {
    /// The NPV of the lines as entered (the deterministic figure), as before policies existed.
    #[default]
    MostLikely,
    /// The mean NPV of the case's Monte Carlo simulation.
    ExpectedValue,
}

/// Which NPV a decision rule reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NpvMeasure {
    /// The NPV of the lines as entered.
    #[default]
    MostLikely,
    /// The simulation's mean.
    Expected,
    /// The simulation's median.
    P50,
}

/// When a case is recommended, as data. The default is the rule Cairn applied before policies
/// existed: proceed when the most likely NPV is above zero and the simulated chance of a negative
/// NPV is below 10 % (`cairn_case::decide` applies it).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionRule {
    /// The NPV the rule reads.
    #[serde(default)]
    pub measure: NpvMeasure,
    /// The NPV must be above this (in the plan's currency) to proceed.
    #[serde(default, deserialize_with = "crate::exact::decimal")]
    pub min_npv: Decimal,
    /// The limit on the simulated chance of a negative NPV.
    #[serde(default)]
    pub chance_of_loss: ChanceOfLossLimit,
    /// How a mandatory case (one that must go ahead) is judged.
    #[serde(default)]
    pub mandatory: MandatoryRule,
}

impl Default for DecisionRule {
    fn default() -> Self {
        DecisionRule {
            measure: NpvMeasure::MostLikely,
            min_npv: Decimal::ZERO,
            chance_of_loss: ChanceOfLossLimit::default(),
            mandatory: MandatoryRule::LeastPvCost,
        }
    }
}

/// A limit on the chance of a negative NPV: "below 10 %" or "at most 20 %".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChanceOfLossLimit {
    /// Whether the limit itself passes.
    pub comparison: Comparison,
    /// The limit, as a fraction from 0 to 1.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub value: Decimal,
}

impl Default for ChanceOfLossLimit {
    fn default() -> Self {
        ChanceOfLossLimit { comparison: Comparison::Below, value: Decimal::new(10, 2) }
    }
}

impl ChanceOfLossLimit {
    /// Whether a chance of loss passes the limit.
    pub fn passes(&self, chance: Decimal) -> bool {
        match self.comparison {
            Comparison::Below => chance < self.value,
            Comparison::AtMost => chance <= self.value,
        }
    }
}

/// How a figure is held to a limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Comparison {
    /// Strictly below the limit.
    Below,
    /// At or below the limit.
    AtMost,
}

/// How a mandatory case is judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MandatoryRule {
    /// By the least present value of costs among its options (cost-effectiveness), not by NPV.
    #[default]
    LeastPvCost,
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::demo::demo_plan;
    use rust_decimal::dec;

    /// A plan without a policy discounts each case at its own rate, as before policies; a
    /// schedule takes over every case that gives no reason of its own.
    #[test]
    fn which_rate_a_case_is_appraised_at() {
        let plan = demo_plan();
        let case = &plan.business_cases[0];
        let policy = AppraisalPolicy::default();
        assert_eq!(policy.rate_for(case), CaseRate::Own { rate: case.discount_rate, reason: LEGACY_RATE_REASON });
        let scheduled = AppraisalPolicy { discount: Some(DiscountPolicy::green_book()), ..AppraisalPolicy::default() };
        assert_eq!(scheduled.rate_for(case), CaseRate::Policy(&DiscountPolicy::green_book()));
        let mut own = case.clone();
        own.rate_reason = Some("the lender's rate".to_owned());
        assert_eq!(scheduled.rate_for(&own), CaseRate::Own { rate: case.discount_rate, reason: "the lender's rate" });
        let study = &plan.sourcing_studies[0];
        assert_eq!(
            policy.rate_for_study(study),
            CaseRate::Own { rate: study.discount_rate, reason: LEGACY_RATE_REASON }
        );
        assert_eq!(scheduled.rate_for_study(study), CaseRate::Policy(&DiscountPolicy::green_book()));
    }

    #[test]
    fn the_default_reproduces_the_rule_before_policies() {
        let rule = DecisionRule::default();
        assert!(rule.chance_of_loss.passes(dec!(0.0999)));
        assert!(!rule.chance_of_loss.passes(dec!(0.10)), "10 % was a key risk before policies");
        let at_most = ChanceOfLossLimit { comparison: Comparison::AtMost, value: dec!(0.2) };
        assert!(at_most.passes(dec!(0.2)));
        assert!(!at_most.passes(dec!(0.2001)));
        assert!(AppraisalPolicy::default().is_default());
        assert_eq!(Capitalisation::default(), Capitalisation::ByCategory);
    }

    #[test]
    fn standards_expense_training_and_data_conversion() {
        for standard in [AccountingStandard::Gasb51And96, AccountingStandard::Asc350_40, AccountingStandard::Ias38] {
            let list = standard.default_capitalised();
            assert!(!list.contains(&CostActivity::Training), "{standard:?}");
            assert!(!list.contains(&CostActivity::DataConversion), "{standard:?}");
            assert!(list.contains(&CostActivity::Development), "{standard:?}");
        }
        assert!(AccountingStandard::Gasb51And96.default_capitalised().contains(&CostActivity::SoftwareSubscription));
        assert!(!AccountingStandard::Ias38.default_capitalised().contains(&CostActivity::SoftwareSubscription));
    }

    /// Every part of a full policy is written and read back as it was.
    #[test]
    fn a_full_policy_round_trips() {
        let policy = full_policy();
        let text = serde_json::to_string(&policy).expect("JSON");
        let back: AppraisalPolicy = serde_json::from_str(&text).expect("reads");
        assert_eq!(back, policy);
        for preset in [
            DiscountPreset::GreenBook,
            DiscountPreset::A94 { table: vec![A94Row { years: 3, real: dec!(0.024), nominal: dec!(0.041) }] },
            DiscountPreset::Typed { basis: PriceBasis::Real, rates: vec![dec!(0.035), dec!(0.03)] },
        ] {
            let p = DiscountPolicy { preset, ..DiscountPolicy::green_book() };
            let back: DiscountPolicy = serde_json::from_str(&serde_json::to_string(&p).expect("JSON")).expect("reads");
            assert_eq!(back, p);
        }
        let err = serde_json::from_str::<DiscountPreset>(r#"{"kind": "typed", "basis": "real", "rates": [0.035]}"#)
            .expect_err("a float rate");
        assert!(err.to_string().contains("write the decimal as a string"), "{err}");
    }

    pub(crate) fn full_policy() -> AppraisalPolicy {
        AppraisalPolicy {
            basis: PriceBasis::Nominal,
            discount: Some(DiscountPolicy {
                preset: DiscountPreset::Wacc(WaccParts {
                    risk_free_rate: dec!(0.04),
                    beta: dec!(1.2),
                    equity_risk_premium: dec!(0.05),
                    cost_of_debt: dec!(0.06),
                    tax_rate: dec!(0.25),
                    equity_weight: dec!(60),
                    debt_weight: dec!(40),
                }),
                source: "Treasury, cost of capital paper".to_owned(),
                as_of: NaiveDate::from_ymd_opt(2026, 9, 30).expect("date"),
                confirmed: true,
            }),
            inflation: Some(InflationAssumption {
                rates: InflationRates::PerYear {
                    years: (2027..=2040).map(|y| InflationYear { year: FiscalYear(y), rate: dec!(0.025) }).collect(),
                },
                source: "Central bank forecast".to_owned(),
            }),
            benefits_counted: BenefitClasses { cash_releasing: true, non_cash_releasing: false, wider: false },
            capitalisation: Capitalisation::standard(AccountingStandard::Gasb51And96),
            headline: HeadlineBasis::ExpectedValue,
            decision_rule: DecisionRule {
                measure: NpvMeasure::P50,
                min_npv: Decimal::ZERO,
                chance_of_loss: ChanceOfLossLimit { comparison: Comparison::AtMost, value: dec!(0.2) },
                mandatory: MandatoryRule::LeastPvCost,
            },
        }
    }
}

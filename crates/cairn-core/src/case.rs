//! Business cases: the cost-benefit model of one investment.
//!
//! A [`BusinessCase`] covers consecutive fiscal years, optionally preceded by an upfront
//! "year 0" column. Its [`LineItem`]s are costs (capex, opex) or benefits, each in a
//! [`LineCategory`], with amounts typed per year or generated ([`LineAmounts`]). Amounts are
//! entered as positive figures in the plan's currency; the category gives the sign.
//!
//! Timing convention: the upfront column is at t = 0 (undiscounted); fiscal year *i* of the case
//! (counting from 1) is at the end of that year, t = *i*. This is what a spreadsheet's
//! `=B1 + NPV(rate, C1:L1)` does with the upfront amount in B1.
//!
//! The arithmetic lives in `cairn-case`; this module holds the data and its rules.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::appraisal::CostActivity;
use crate::case_timing::{InService, MilestoneLink, ResidualValue, SunkCost};
use crate::fiscal::FiscalYear;
use crate::plan::Id;

/// A business case for one investment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BusinessCase {
    /// Unique among the plan's business cases.
    pub id: Id,
    /// Short name, e.g. "ERP replacement".
    pub name: String,
    /// The investment in a sentence or two.
    #[serde(default)]
    pub description: String,
    /// Who sponsors the case.
    #[serde(default)]
    pub sponsor: String,
    /// The roadmap initiatives this case funds.
    #[serde(default)]
    pub initiatives: Vec<Id>,
    /// The first fiscal year of the case.
    pub first_year: FiscalYear,
    /// How many fiscal years it covers, 1 to [`BusinessCase::MAX_YEARS`].
    pub years: u8,
    /// Whether the case has an upfront column (year 0, at t = 0, undiscounted) before its first
    /// fiscal year.
    #[serde(default)]
    pub upfront: bool,
    /// The case's own discount rate as a fraction (0.07 is 7 %), in the basis of its flows
    /// ([`BusinessCase::prices`]). It is the rate the case is appraised at when the plan's
    /// appraisal policy has no schedule, or when the case gives a [`BusinessCase::rate_reason`]
    /// (`AppraisalPolicy::rate_for`).
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub discount_rate: Decimal,
    /// Why the case is appraised at its own `discount_rate` rather than the plan's schedule; the
    /// board pack prints it. `None`: the case follows the plan's policy. Cases of plan files
    /// written before policies existed read [`crate::appraisal::LEGACY_RATE_REASON`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_reason: Option<String>,
    /// Whether the case's amounts are in real or nominal prices. Left out of the file when
    /// nominal, the basis of every case written before policies existed (their lines escalate).
    #[serde(default, skip_serializing_if = "crate::appraisal::PriceBasis::is_nominal")]
    pub prices: crate::appraisal::PriceBasis,
    /// The default annual escalation of recurring lines that do not set their own, as a fraction.
    #[serde(default)]
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub escalation: Decimal,
    /// The tax rate on (benefits − opex − depreciation), as a fraction; `None` when the
    /// organisation pays no tax, as most public bodies.
    #[serde(default)]
    #[serde(deserialize_with = "crate::exact::option_decimal")]
    pub tax_rate: Option<Decimal>,
    /// How capex is depreciated in the P&L view.
    #[serde(default)]
    pub depreciation: Depreciation,
    /// The share of every benefit expected to be realised, as a fraction (1 = as planned).
    /// Scenarios and the break-even analysis move it.
    #[serde(default = "one")]
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub benefit_realisation: Decimal,
    /// Costs and benefits.
    #[serde(default)]
    pub lines: Vec<LineItem>,
    /// What the investment is worth when the case ends, an inflow in its last year; none when
    /// left out of the file.
    #[serde(default, skip_serializing_if = "ResidualValue::is_none")]
    pub residual: ResidualValue,
    /// Money already spent: shown, never in a flow or a figure.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sunk_costs: Vec<SunkCost>,
    /// The short list of options (`crate::options`); empty in a case that states none, read as
    /// business as usual at zero and the case as its preferred option.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<crate::options::CaseOption>,
    /// Why the case must go ahead (a legal duty, a system out of support), when it must: it is
    /// then judged by the least present value of cost among its options, not by NPV.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mandatory: Option<String>,
    /// Optimism bias (HM Treasury supplementary guidance): the project type whose uplift the
    /// case carries and the contributory factors it has mitigated. `None`: no uplift, as every
    /// case before it existed; left out of the file then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub optimism_bias: Option<crate::optimism::OptimismBias>,
    /// The simulation's correlations and uncertain discount rate (`crate::case_risk`); left out
    /// of the file when empty.
    #[serde(default, skip_serializing_if = "crate::case_risk::CaseSimulation::is_empty")]
    pub simulation: crate::case_risk::CaseSimulation,
}

fn one() -> Decimal {
    Decimal::ONE
}

impl BusinessCase {
    /// The longest case Cairn evaluates.
    pub const MAX_YEARS: u8 = 30;

    /// Forgets the initiatives `gone` names (deleted, or left out by a scenario): the case no
    /// longer funds them, and a benefit that waited for one waits for nothing named.
    pub fn forget_initiatives(&mut self, gone: impl Fn(&Id) -> bool) {
        self.initiatives.retain(|i| !gone(i));
        for line in &mut self.lines {
            if let Some(r) = &mut line.register
                && r.waits_for.as_ref().is_some_and(&gone)
            {
                r.waits_for = None;
            }
            // A timing link goes with its initiative: the benefit keeps its entered profile, the
            // asset its rule without a date.
            if line.starts_at.as_ref().is_some_and(|m| gone(&m.initiative)) {
                line.starts_at = None;
            }
            if let Some(crate::case_timing::InService::Milestone(m)) = &line.in_service
                && gone(&m.initiative)
            {
                line.in_service = None;
            }
        }
    }

    /// The case's last fiscal year.
    pub fn last_year(&self) -> FiscalYear {
        FiscalYear(self.first_year.0 + i32::from(self.years) - 1)
    }

    /// How many periods the case's cash flow has: the upfront column (always present in the
    /// flow, zero when the case has none) and one per fiscal year.
    pub fn periods(&self) -> usize {
        usize::from(self.years) + 1
    }

    /// The period (t) of a column: 0 for upfront, `i + 1` for the case's fiscal year `i`
    /// (counted from 0). `None` when the year is outside the case.
    pub fn period_of(&self, at: CaseYear) -> Option<usize> {
        match at {
            CaseYear::Upfront => Some(0),
            CaseYear::Year(fy) => {
                let offset = fy.0.checked_sub(self.first_year.0)?;
                let offset = usize::try_from(offset).ok()?;
                (offset < usize::from(self.years)).then_some(offset + 1)
            }
        }
    }
}

/// How capex is depreciated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Depreciation {
    /// The method.
    pub method: DepreciationMethod,
    /// Useful life in years, 1 to 50.
    pub life_years: u8,
}

impl Default for Depreciation {
    /// Five-year straight line, the most common policy for IT equipment and software.
    fn default() -> Self {
        Depreciation { method: DepreciationMethod::StraightLine, life_years: 5 }
    }
}

/// A depreciation method. Capex spent in a period is depreciated from the next fiscal year
/// (upfront capex from the case's first year), with no salvage value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DepreciationMethod {
    /// Equal amounts over the life (the spreadsheet's SLN).
    StraightLine,
    /// Double-declining balance, switching to straight line when that is larger, so the asset
    /// is fully depreciated over its life (the spreadsheet's VDB with factor 2).
    DecliningBalance,
}

/// The three kinds of line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    /// Capital expenditure: depreciated in the P&L view.
    Capex,
    /// Operating expenditure.
    Opex,
    /// A benefit (a positive flow).
    Benefit,
}

/// What a line is, in the categories a CFO expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LineCategory {
    /// Capex: servers, devices, network equipment.
    CapexHardware,
    /// Capex: software bought outright or capitalised licences.
    CapexSoftware,
    /// Capex: implementation, integration, data migration, capitalised project staff.
    CapexImplementation,
    /// Capex: anything else capitalised.
    CapexOther,
    /// Opex: licences and subscriptions.
    OpexLicences,
    /// Opex: staff.
    OpexStaff,
    /// Opex: support and maintenance.
    OpexSupport,
    /// Opex: hosting and cloud consumption.
    OpexHosting,
    /// Opex: anything else.
    OpexOther,
    /// Benefit: costs that stop (cashable savings).
    BenefitCostSavings,
    /// Benefit: costs that would otherwise have arisen.
    BenefitCostAvoidance,
    /// Benefit: new or protected revenue.
    BenefitRevenue,
    /// Benefit: staff time released, valued.
    BenefitProductivity,
    /// Benefit: expected loss avoided (probability × impact).
    BenefitRiskReduction,
}

impl LineCategory {
    /// Every category, in the order the grid groups them.
    pub const ALL: [LineCategory; 14] = [
        LineCategory::CapexHardware,
        LineCategory::CapexSoftware,
        LineCategory::CapexImplementation,
        LineCategory::CapexOther,
        LineCategory::OpexLicences,
        LineCategory::OpexStaff,
        LineCategory::OpexSupport,
        LineCategory::OpexHosting,
        LineCategory::OpexOther,
        LineCategory::BenefitCostSavings,
        LineCategory::BenefitCostAvoidance,
        LineCategory::BenefitRevenue,
        LineCategory::BenefitProductivity,
        LineCategory::BenefitRiskReduction,
    ];

    /// Capex, opex or benefit.
    pub fn kind(self) -> LineKind {
        use LineCategory::*;
        match self {
            CapexHardware | CapexSoftware | CapexImplementation | CapexOther => LineKind::Capex,
            OpexLicences | OpexStaff | OpexSupport | OpexHosting | OpexOther => LineKind::Opex,
            BenefitCostSavings | BenefitCostAvoidance | BenefitRevenue | BenefitProductivity | BenefitRiskReduction => {
                LineKind::Benefit
            }
        }
    }

    /// How a benefit in this category counts unless its line says otherwise (HM Treasury Green
    /// Book): savings, avoided costs and revenue are cash-releasing (budget or income that
    /// would otherwise not be there); time saved and risk reduced are valued but release no
    /// cash. `None` for a cost.
    pub fn default_benefit_class(self) -> Option<BenefitClass> {
        use LineCategory::*;
        match self.kind() {
            LineKind::Capex | LineKind::Opex => None,
            LineKind::Benefit => Some(match self {
                BenefitProductivity | BenefitRiskReduction => BenefitClass::NonCashReleasing,
                _ => BenefitClass::CashReleasing,
            }),
        }
    }

    /// The label people read, e.g. "Capex – implementation".
    pub fn label(self) -> &'static str {
        use LineCategory::*;
        match self {
            CapexHardware => "Capex – hardware",
            CapexSoftware => "Capex – software",
            CapexImplementation => "Capex – implementation",
            CapexOther => "Capex – other",
            OpexLicences => "Opex – licences and subscriptions",
            OpexStaff => "Opex – staff",
            OpexSupport => "Opex – support and maintenance",
            OpexHosting => "Opex – hosting",
            OpexOther => "Opex – other",
            BenefitCostSavings => "Benefit – cost savings",
            BenefitCostAvoidance => "Benefit – cost avoidance",
            BenefitRevenue => "Benefit – revenue",
            BenefitProductivity => "Benefit – productivity",
            BenefitRiskReduction => "Benefit – risk reduction",
        }
    }
}

/// How a benefit counts in an appraisal (HM Treasury Green Book, "benefits by kind").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BenefitClass {
    /// Money that leaves a budget or arrives as income: it can be spent elsewhere.
    CashReleasing,
    /// Value to the organisation that frees no money: staff time redeployed, capacity, risk
    /// reduced.
    NonCashReleasing,
    /// Value to others than the organisation: citizens, businesses, society.
    Wider,
}

impl BenefitClass {
    /// Every class, cash-releasing first.
    pub const ALL: [BenefitClass; 3] =
        [BenefitClass::CashReleasing, BenefitClass::NonCashReleasing, BenefitClass::Wider];

    /// Its stable key, as the plan file writes it.
    pub fn key(self) -> &'static str {
        match self {
            BenefitClass::CashReleasing => "cash_releasing",
            BenefitClass::NonCashReleasing => "non_cash_releasing",
            BenefitClass::Wider => "wider",
        }
    }

    /// The label people read.
    pub fn label(self) -> &'static str {
        match self {
            BenefitClass::CashReleasing => "Cash-releasing",
            BenefitClass::NonCashReleasing => "Non-cash-releasing",
            BenefitClass::Wider => "Wider (societal)",
        }
    }
}

/// A column of a case: the upfront year 0 or a fiscal year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseYear {
    /// Year 0, at t = 0.
    Upfront,
    /// A fiscal year, at its end.
    Year(FiscalYear),
}

/// An amount in one column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YearAmount {
    /// The column.
    pub at: CaseYear,
    /// The amount, positive; the line's category gives the sign.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub amount: Decimal,
}

/// How a line's amounts are set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum LineAmounts {
    /// Typed in per column; columns not listed are zero.
    Entered {
        /// The amounts, at most one per column.
        amounts: Vec<YearAmount>,
    },
    /// One amount in one column.
    OneOff {
        /// The column.
        at: CaseYear,
        /// The amount.
        #[serde(deserialize_with = "crate::exact::decimal")]
        amount: Decimal,
    },
    /// An amount every fiscal year from `from` to `to` inclusive, growing by `escalation` a
    /// year: `amount × (1 + escalation)^(year − from)`.
    Recurring {
        /// The first year.
        from: FiscalYear,
        /// The last year (inclusive).
        to: FiscalYear,
        /// The amount in the first year.
        #[serde(deserialize_with = "crate::exact::decimal")]
        amount: Decimal,
        /// The annual escalation as a fraction; `None` follows the case's escalation.
        #[serde(default)]
        #[serde(deserialize_with = "crate::exact::option_decimal")]
        escalation: Option<Decimal>,
    },
}

/// A cost or benefit line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineItem {
    /// Unique among the case's lines.
    pub id: Id,
    /// What it is, e.g. "ERP subscription".
    pub name: String,
    /// Its category.
    pub category: LineCategory,
    /// Its amounts.
    pub amounts: LineAmounts,
    /// How uncertain the amounts are, for the Monte Carlo analysis; `None` when taken as certain.
    #[serde(default)]
    pub uncertainty: Option<Uncertainty>,
    /// A note on the source or assumption behind the figures.
    #[serde(default)]
    pub note: String,
    /// For a benefit: how it counts, when not as its category's
    /// [`LineCategory::default_benefit_class`]. A cost has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benefit_class: Option<BenefitClass>,
    /// For a benefit: its entry in the case's benefits register (who realises it, how it is
    /// measured, what it waits for). A cost has none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub register: Option<BenefitRecord>,
    /// For a benefit: the milestone it starts at. Its amounts, as entered, are moved by the months
    /// from the start of their first fiscal year to the milestone's month (`cairn-case`'s timing).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub starts_at: Option<MilestoneLink>,
    /// For a capitalised cost: when its asset goes into service, the month its depreciation
    /// starts. `None`: each year's spend is depreciated from the next fiscal year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_service: Option<InService>,
    /// For a cost: what it pays for. Under a capitalisation policy that follows a standard, the
    /// line is capitalised when its activity is on the standard's list; a line without one follows
    /// its category (`capex_*` capitalised).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<CostActivity>,
    /// The options of the case's short list this line belongs to (a line the options share
    /// lists each); empty: the preferred option alone.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: Vec<Id>,
}

/// A benefit's entry in its case's benefits register: what a benefits-management review (HM
/// Treasury Green Book, IPA) asks of each benefit before it is counted on.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BenefitRecord {
    /// Who is accountable for realising it, e.g. "Director of Finance".
    #[serde(default)]
    pub owner: String,
    /// How it is measured (the KPI), e.g. "Working days to close the month".
    #[serde(default)]
    pub measure: String,
    /// The measure today, e.g. "12 days".
    #[serde(default)]
    pub baseline: String,
    /// The measure aimed for, e.g. "5 days by FY2030".
    #[serde(default)]
    pub target: String,
    /// When it is measured, e.g. "Monthly from go-live".
    #[serde(default)]
    pub measured: String,
    /// The roadmap initiative whose delivery it waits for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waits_for: Option<Id>,
}

impl LineItem {
    /// How the line counts as a benefit: its own class, or its category's; `None` for a cost.
    pub fn benefit_class(&self) -> Option<BenefitClass> {
        self.category.default_benefit_class().map(|default| self.benefit_class.unwrap_or(default))
    }
}

/// The uncertainty of a line: a multiplier of its planned amounts, in percent of plan (100 = as
/// planned), drawn once per simulated run and applied to every year of the line (or drawn afresh
/// each year, [`Uncertainty::draw`]); optionally, for
/// benefits, a chance that they start later.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Uncertainty {
    /// The distribution of the multiplier.
    pub distribution: Distribution,
    /// For benefits: a chance that the line starts later (its amounts shift to later years;
    /// amounts shifted past the case's end are lost).
    #[serde(default)]
    pub delay: Option<BenefitDelay>,
    /// Whether the multiplier is drawn once per run or each year (`crate::case_risk`).
    #[serde(default, skip_serializing_if = "crate::case_risk::Draw::is_once")]
    pub draw: crate::case_risk::Draw,
}

/// A distribution of a percentage of plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Distribution {
    /// Triangular from `min` to `max` with its peak at `mode`.
    Triangular {
        /// Lowest, % of plan.
        #[serde(deserialize_with = "crate::exact::decimal")]
        min: Decimal,
        /// Most likely, % of plan.
        #[serde(deserialize_with = "crate::exact::decimal")]
        mode: Decimal,
        /// Highest, % of plan.
        #[serde(deserialize_with = "crate::exact::decimal")]
        max: Decimal,
    },
    /// PERT (a Beta distribution with shape 4) from `min` to `max` around `mode`: the estimators'
    /// three-point favourite, with thinner tails than triangular.
    Pert {
        /// Lowest, % of plan.
        #[serde(deserialize_with = "crate::exact::decimal")]
        min: Decimal,
        /// Most likely, % of plan.
        #[serde(deserialize_with = "crate::exact::decimal")]
        mode: Decimal,
        /// Highest, % of plan.
        #[serde(deserialize_with = "crate::exact::decimal")]
        max: Decimal,
    },
    /// Every value from `min` to `max` equally likely.
    Uniform {
        /// Lowest, % of plan.
        #[serde(deserialize_with = "crate::exact::decimal")]
        min: Decimal,
        /// Highest, % of plan.
        #[serde(deserialize_with = "crate::exact::decimal")]
        max: Decimal,
    },
    /// Normal with this mean and standard deviation.
    Normal {
        /// Mean, % of plan.
        #[serde(deserialize_with = "crate::exact::decimal")]
        mean: Decimal,
        /// Standard deviation, % of plan.
        #[serde(deserialize_with = "crate::exact::decimal")]
        sd: Decimal,
    },
}

/// A chance that a benefit starts late.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BenefitDelay {
    /// The probability of the delay, as a fraction.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub probability: Decimal,
    /// How many years late, 1 to 10.
    pub years: u8,
}

/// A business case's headline figures, by name: the one list, in the one order, that the case
/// page and the board pack show (`cairn-case` computes them, `Metrics::get` answers by key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MetricKey {
    /// Net present value at the case's discount rate.
    Npv,
    /// The net present value counting only the cash-releasing benefits.
    NpvCashReleasing,
    /// Internal rate of return.
    Irr,
    /// Modified IRR (the discount rate as finance and reinvestment rate).
    Mirr,
    /// Simple payback in years.
    Payback,
    /// Payback of the discounted flow.
    DiscountedPayback,
    /// Return on investment, undiscounted.
    Roi,
    /// Present value of benefits ÷ present value of costs.
    BenefitCostRatio,
    /// Total cost of ownership, undiscounted.
    Tco,
    /// The present value of the costs.
    TcoPresentValue,
}

/// What a metric measures, and so how it is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetricUnit {
    /// An amount in the plan's currency.
    Money,
    /// A fraction shown as a percentage.
    Percent,
    /// A number of years.
    Years,
    /// A plain ratio.
    Ratio,
}

impl MetricUnit {
    /// Its stable key: `money`, `percent`, `years` or `ratio`.
    pub fn key(self) -> &'static str {
        match self {
            MetricUnit::Money => "money",
            MetricUnit::Percent => "percent",
            MetricUnit::Years => "years",
            MetricUnit::Ratio => "ratio",
        }
    }
}

impl MetricKey {
    /// Every headline figure, in the order the case page and the board pack show them.
    pub const ALL: [MetricKey; 10] = [
        MetricKey::Npv,
        MetricKey::NpvCashReleasing,
        MetricKey::Irr,
        MetricKey::Mirr,
        MetricKey::Payback,
        MetricKey::DiscountedPayback,
        MetricKey::Roi,
        MetricKey::BenefitCostRatio,
        MetricKey::Tco,
        MetricKey::TcoPresentValue,
    ];

    /// Its stable key, e.g. `npv` or `tco_pv`.
    pub fn key(self) -> &'static str {
        match self {
            MetricKey::Npv => "npv",
            MetricKey::NpvCashReleasing => "npv_cash_releasing",
            MetricKey::Irr => "irr",
            MetricKey::Mirr => "mirr",
            MetricKey::Payback => "payback",
            MetricKey::DiscountedPayback => "discounted_payback",
            MetricKey::Roi => "roi",
            MetricKey::BenefitCostRatio => "bcr",
            MetricKey::Tco => "tco",
            MetricKey::TcoPresentValue => "tco_pv",
        }
    }

    /// The label people read, e.g. "Net present value".
    pub fn label(self) -> &'static str {
        match self {
            MetricKey::Npv => "Net present value",
            MetricKey::NpvCashReleasing => "NPV, cash-releasing only",
            MetricKey::Irr => "Internal rate of return",
            MetricKey::Mirr => "Modified IRR",
            MetricKey::Payback => "Payback",
            MetricKey::DiscountedPayback => "Discounted payback",
            MetricKey::Roi => "Return on investment",
            MetricKey::BenefitCostRatio => "Benefit-cost ratio",
            MetricKey::Tco => "Total cost of ownership",
            MetricKey::TcoPresentValue => "TCO, present value",
        }
    }

    /// What it measures.
    pub fn unit(self) -> MetricUnit {
        match self {
            MetricKey::Npv | MetricKey::NpvCashReleasing | MetricKey::Tco | MetricKey::TcoPresentValue => {
                MetricUnit::Money
            }
            MetricKey::Irr | MetricKey::Mirr | MetricKey::Roi => MetricUnit::Percent,
            MetricKey::Payback | MetricKey::DiscountedPayback => MetricUnit::Years,
            MetricKey::BenefitCostRatio => MetricUnit::Ratio,
        }
    }
}

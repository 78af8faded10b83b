//! The demo plan's business cases: three investments a city CIO takes to the board, with the
//! kind of figures and uncertainties their finance teams would sign off.

use rust_decimal::Decimal;

use crate::case::{
    BenefitDelay, BenefitRecord, BusinessCase, CaseYear, Depreciation, DepreciationMethod, Distribution, LineAmounts,
    LineCategory, LineItem, Uncertainty, YearAmount,
};
use crate::fiscal::FiscalYear;
use crate::plan::Id;

fn id(text: &str) -> Id {
    Id::new(text).unwrap_or_else(|_| Id::new("invalid-demo-id").unwrap_or_else(|e| unreachable!("{e}")))
}

fn d(thousands: i64) -> Decimal {
    Decimal::from(thousands) * Decimal::ONE_THOUSAND
}

fn pct(v: i64) -> Decimal {
    Decimal::new(v, 3)
}

struct Line(LineItem);

impl Line {
    fn new(key: &str, name: &str, category: LineCategory, amounts: LineAmounts) -> Line {
        Line(LineItem {
            id: id(key),
            name: name.into(),
            category,
            amounts,
            uncertainty: None,
            note: String::new(),
            benefit_class: None,
            register: None,
            starts_at: None,
            in_service: None,
            activity: None,
            options: Vec::new(),
        })
    }

    /// Its benefits-register entry: owner, measure, baseline, target, when measured, and the
    /// initiative it waits for.
    fn record(
        mut self,
        owner: &str,
        measure: &str,
        baseline: &str,
        target: &str,
        measured: &str,
        waits_for: &str,
    ) -> Line {
        self.0.register = Some(BenefitRecord {
            owner: owner.into(),
            measure: measure.into(),
            baseline: baseline.into(),
            target: target.into(),
            measured: measured.into(),
            waits_for: Some(id(waits_for)),
        });
        self
    }

    fn note(mut self, note: &str) -> Line {
        self.0.note = note.into();
        self
    }

    fn pert(mut self, min: i64, mode: i64, max: i64) -> Line {
        let (min, mode, max) = (Decimal::from(min), Decimal::from(mode), Decimal::from(max));
        self.0.uncertainty = Some(Uncertainty {
            distribution: Distribution::Pert { min, mode, max },
            delay: None,
            draw: Default::default(),
        });
        self
    }

    fn triangular(mut self, min: i64, mode: i64, max: i64) -> Line {
        let (min, mode, max) = (Decimal::from(min), Decimal::from(mode), Decimal::from(max));
        self.0.uncertainty = Some(Uncertainty {
            distribution: Distribution::Triangular { min, mode, max },
            delay: None,
            draw: Default::default(),
        });
        self
    }

    fn uniform(mut self, min: i64, max: i64) -> Line {
        let (min, max) = (Decimal::from(min), Decimal::from(max));
        self.0.uncertainty = Some(Uncertainty {
            distribution: Distribution::Uniform { min, max },
            delay: None,
            draw: Default::default(),
        });
        self
    }

    fn late(mut self, probability_percent: i64, years: u8) -> Line {
        if let Some(u) = &mut self.0.uncertainty {
            u.delay = Some(BenefitDelay { probability: Decimal::new(probability_percent, 2), years });
        }
        self
    }
}

fn at(year: i32, thousands: i64) -> YearAmount {
    YearAmount { at: CaseYear::Year(FiscalYear(year)), amount: d(thousands) }
}

fn upfront(thousands: i64) -> YearAmount {
    YearAmount { at: CaseYear::Upfront, amount: d(thousands) }
}

fn entered(amounts: Vec<YearAmount>) -> LineAmounts {
    LineAmounts::Entered { amounts }
}

fn once(year: i32, thousands: i64) -> LineAmounts {
    LineAmounts::OneOff { at: CaseYear::Year(FiscalYear(year)), amount: d(thousands) }
}

fn yearly(from: i32, to: i32, thousands: i64) -> LineAmounts {
    LineAmounts::Recurring { from: FiscalYear(from), to: FiscalYear(to), amount: d(thousands), escalation: None }
}

fn yearly_at(from: i32, to: i32, thousands: i64, escalation_permille: i64) -> LineAmounts {
    LineAmounts::Recurring {
        from: FiscalYear(from),
        to: FiscalYear(to),
        amount: d(thousands),
        escalation: Some(pct(escalation_permille)),
    }
}

/// The three demo cases.
pub fn demo_cases() -> Vec<BusinessCase> {
    use LineCategory::*;
    vec![
        BusinessCase {
            id: id("case-erp"),
            name: "ERP replacement".into(),
            description: "Replace the 1998 on-premises finance, payroll and procurement system with a cloud ERP, \
                          retiring the mainframe and its custom interfaces."
                .into(),
            sponsor: "Chief Financial Officer".into(),
            initiatives: Vec::new(),
            first_year: FiscalYear(2027),
            years: 10,
            upfront: true,
            discount_rate: pct(60),
            rate_reason: None,
            prices: crate::appraisal::PriceBasis::Nominal,
            escalation: pct(30),
            tax_rate: None,
            depreciation: Depreciation { method: DepreciationMethod::StraightLine, life_years: 7 },
            benefit_realisation: Decimal::ONE,
            optimism_bias: None,
            simulation: Default::default(),
            lines: [
                Line::new(
                    "impl",
                    "Implementation partner",
                    CapexImplementation,
                    entered(vec![upfront(1_800), at(2027, 2_400), at(2028, 600)]),
                )
                .note("Fixed-price bid from the preferred supplier, with a 15 % contingency.")
                .pert(95, 100, 140),
                Line::new("migration", "Data migration and cleansing", CapexImplementation, once(2027, 650))
                    .pert(90, 100, 160),
                Line::new(
                    "change",
                    "Change management and training",
                    CapexOther,
                    entered(vec![at(2027, 300), at(2028, 150)]),
                )
                .triangular(90, 100, 130),
                Line::new("saas", "ERP subscription (2,400 users)", OpexLicences, yearly(2027, 2036, 950))
                    .note("Quoted list price less 22 % public-sector discount; 3 % annual uplift capped by contract.")
                    .triangular(95, 100, 110),
                Line::new(
                    "backfill",
                    "Backfill for finance staff on the project",
                    OpexStaff,
                    entered(vec![at(2027, 420), at(2028, 210)]),
                ),
                Line::new("support", "Application support contract", OpexSupport, yearly(2028, 2036, 220))
                    .uniform(90, 115),
                Line::new(
                    "legacy",
                    "Legacy licences and maintenance retired",
                    BenefitCostSavings,
                    yearly(2029, 2036, 1_150),
                )
                .note("Current maintenance contracts; notice can be given at go-live.")
                .pert(85, 100, 105)
                .late(25, 1)
                .record("Chief Information Officer", "Legacy licence and maintenance spend", "$1.15M a year", "None from FY2029", "At each contract's notice date", "erp-finance"),
                Line::new("mainframe", "Mainframe hosting exit", BenefitCostAvoidance, yearly(2029, 2036, 680))
                    .pert(90, 100, 105)
                    .late(25, 1)
                    .record("Chief Information Officer", "Mainframe hosting charges", "$680k a year", "None from FY2029", "Yearly, from the hosting invoices", "erp-finance"),
                Line::new("upgrade", "Avoided legacy platform upgrade", BenefitCostAvoidance, once(2029, 2_200))
                    .note("Vendor's quote for the mandatory 2029 upgrade of the current system.")
                    .record("Chief Financial Officer", "Mandatory 2029 upgrade of the current system", "$2.2M quoted", "Not bought", "At the 2029 upgrade date", "erp-finance"),
                Line::new("close", "Faster month-end close (staff time)", BenefitProductivity, yearly(2029, 2036, 760))
                    .note("14 FTE-days a month released across finance at the loaded rate, from the finance go-live (July 2028).")
                    .pert(40, 90, 110)
                    .late(30, 1)
                    .record("Director of Finance", "Working days to close the month", "12 days", "5 days by FY2030", "Monthly from the finance go-live", "erp-finance"),
            ]
            .into_iter()
            .map(|l| l.0)
            .collect(),
            residual: crate::case_timing::ResidualValue::None,
            sunk_costs: Vec::new(),
            options: Vec::new(),
            mandatory: None,
        },
        BusinessCase {
            id: id("case-cloud"),
            name: "Data-centre exit to cloud".into(),
            description: "Migrate 340 workloads from the city-owned data centre to a public cloud landing zone and \
                          close the facility when its lease ends in June 2028."
                .into(),
            sponsor: "Chief Information Officer".into(),
            initiatives: Vec::new(),
            first_year: FiscalYear(2027),
            years: 7,
            upfront: true,
            discount_rate: pct(50),
            rate_reason: None,
            prices: crate::appraisal::PriceBasis::Nominal,
            escalation: pct(25),
            tax_rate: None,
            depreciation: Depreciation { method: DepreciationMethod::DecliningBalance, life_years: 5 },
            benefit_realisation: Decimal::ONE,
            optimism_bias: None,
            simulation: Default::default(),
            lines: [
                Line::new(
                    "factory",
                    "Migration factory (partner)",
                    CapexImplementation,
                    entered(vec![upfront(1_200), at(2027, 900)]),
                )
                .pert(90, 100, 150),
                Line::new("network", "Network and security upgrades", CapexHardware, once(2027, 350))
                    .triangular(95, 100, 120),
                Line::new("landing", "Landing zone and tooling", CapexSoftware, once(2027, 280)),
                Line::new("consumption", "Cloud consumption", OpexHosting, yearly_at(2027, 2033, 1_250, 40))
                    .note("Sized from the discovery tool's right-sizing report; reserved instances after year 1.")
                    .triangular(85, 105, 145),
                Line::new("dual", "Dual running during migration", OpexHosting, once(2027, 520))
                    .triangular(90, 100, 150),
                Line::new("ops", "Cloud operations and FinOps staff", OpexStaff, yearly(2027, 2033, 310)),
                Line::new(
                    "lease",
                    "Data-centre lease and facilities exit",
                    BenefitCostSavings,
                    yearly(2029, 2033, 1_450),
                )
                .note("Lease ends June 2028, so the saving starts in FY2029; renewal quote for comparison.")
                .pert(95, 100, 100)
                .record("Director of Property", "Data-centre lease and facilities cost", "$1.45M a year", "None from FY2029", "Yearly, from the property accounts", "dc-exit"),
                Line::new(
                    "refresh",
                    "Server and storage refresh avoided",
                    BenefitCostAvoidance,
                    entered(vec![at(2028, 2_900), at(2031, 1_100)]),
                )
                .pert(80, 100, 110)
                .record("Chief Information Officer", "Server and storage refresh spend", "$2.9M due FY2028, $1.1M FY2031", "Not bought", "At each planned refresh date", "dc-exit"),
                Line::new("power", "Power and cooling", BenefitCostSavings, yearly(2028, 2033, 360)).uniform(85, 110)
                    .record("Director of Property", "Data-centre power and cooling bills", "$360k a year", "None after the exit", "Quarterly, from the utility bills", "dc-exit"),
                Line::new("dr", "Disaster-recovery risk reduced", BenefitRiskReduction, yearly(2028, 2033, 400))
                    .note("Expected loss: 8 % annual chance of a 5-day outage at the council's estimated cost.")
                    .pert(30, 100, 160)
                    .late(20, 1)
                    .record("Chief Information Security Officer", "Time to restore critical services after losing the site", "5 days", "4 hours", "At each yearly recovery test", "dc-exit"),
            ]
            .into_iter()
            .map(|l| l.0)
            .collect(),
            residual: crate::case_timing::ResidualValue::None,
            sunk_costs: Vec::new(),
            options: Vec::new(),
            mandatory: None,
        },
        BusinessCase {
            id: id("case-portal"),
            name: "Citizen services portal".into(),
            description: "One online account for residents' 40 most used transactions — permits, payments, requests — \
                          replacing phone and paper channels where people prefer."
                .into(),
            sponsor: "Director of Customer Services".into(),
            initiatives: Vec::new(),
            first_year: FiscalYear(2027),
            years: 8,
            upfront: false,
            discount_rate: pct(50),
            rate_reason: None,
            prices: crate::appraisal::PriceBasis::Nominal,
            escalation: pct(25),
            tax_rate: None,
            depreciation: Depreciation { method: DepreciationMethod::StraightLine, life_years: 5 },
            benefit_realisation: Decimal::ONE,
            optimism_bias: None,
            simulation: Default::default(),
            lines: [
                Line::new(
                    "build",
                    "Portal build and integration",
                    CapexImplementation,
                    entered(vec![at(2027, 1_600), at(2028, 650)]),
                )
                .pert(90, 100, 145),
                Line::new("platform", "Identity and payments platform", CapexSoftware, once(2027, 300)),
                Line::new("licences", "Platform licences", OpexLicences, yearly(2027, 2034, 280))
                    .triangular(95, 100, 115),
                Line::new("support", "Support and continuous improvement", OpexSupport, yearly(2028, 2034, 190)),
                Line::new(
                    "deflection",
                    "Contact-centre calls deflected",
                    BenefitCostSavings,
                    entered(vec![
                        at(2028, 300),
                        at(2029, 650),
                        at(2030, 900),
                        at(2031, 1_000),
                        at(2032, 1_000),
                        at(2033, 1_000),
                        at(2034, 1_000),
                    ]),
                )
                .note("Take-up curve from comparable cities: 20 % of calls online in year 1, 60 % by year 4.")
                .pert(50, 95, 120)
                .late(30, 1)
                .record("Director of Customer Services", "Calls to the contact centre a month", "38,000", "15,000 by FY2031", "Monthly", "citizen-portal"),
                Line::new("paper", "Paper, print and postage", BenefitCostSavings, yearly(2028, 2034, 140))
                    .uniform(80, 110)
                    .record("Director of Customer Services", "Print and postage spend", "$210k a year", "$70k a year from FY2028", "Quarterly, from the print contract", "citizen-portal"),
                Line::new("collections", "Faster fee and permit collections", BenefitRevenue, yearly(2028, 2034, 110))
                    .pert(60, 100, 120)
                    .record("Chief Financial Officer", "Days from a fee falling due to its payment", "21 days", "7 days", "Quarterly", "citizen-portal"),
                Line::new(
                    "backoffice",
                    "Back-office rekeying eliminated",
                    BenefitProductivity,
                    yearly(2029, 2034, 420),
                )
                .pert(40, 90, 110)
                .late(35, 1)
                .record("Director of Customer Services", "Hours a month spent rekeying applications", "1,100 hours", "100 hours by FY2030", "Quarterly from go-live", "citizen-portal"),
            ]
            .into_iter()
            .map(|l| l.0)
            .collect(),
            residual: crate::case_timing::ResidualValue::None,
            sunk_costs: Vec::new(),
            options: Vec::new(),
            mandatory: None,
        },
    ]
}

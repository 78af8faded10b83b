//! The demo plan's roadmap: 26 initiatives across the six themes, with dependencies, milestones,
//! budgets (three taken from the business cases) and FTE demand, budget ceilings that FY2027 and
//! FY2029 break, and a capacity that the busiest quarters exceed.

use rust_decimal::Decimal;

use crate::fiscal::{FiscalCalendar, FiscalYear, YearMonth};
use crate::plan::{Id, Initiative, InitiativeStatus};
use crate::roadmap::{
    Budget, BudgetCeiling, BudgetYear, Dependency, DependencyKind, Milestone, MilestoneKind, QuarterFte, RiskRating,
    RoadmapSettings,
};

fn id(text: &str) -> Id {
    Id::new(text).unwrap_or_else(|_| Id::new("invalid-demo-id").unwrap_or_else(|e| unreachable!("{e}")))
}

fn month(text: &str) -> YearMonth {
    text.parse().unwrap_or_else(|_| YearMonth::new(2026, 7).unwrap_or_else(|e| unreachable!("{e}")))
}

fn thousands(k: i64) -> Decimal {
    Decimal::from(k) * Decimal::from(1000)
}

/// One row of the demo roadmap, written compactly.
struct Row {
    id: &'static str,
    name: &'static str,
    theme: &'static str,
    owner: &'static str,
    status: InitiativeStatus,
    dates: (&'static str, &'static str),
    goals: &'static [&'static str],
    priority: u8,
    risk: RiskRating,
    /// (fiscal year, capex in thousands, opex in thousands); empty when `case` is set.
    budget: &'static [(i32, i64, i64)],
    case: Option<&'static str>,
    /// FTE in every quarter the initiative runs.
    fte: i64,
    deps: &'static [(&'static str, DependencyKind, i32)],
    milestones: &'static [(&'static str, &'static str, MilestoneKind)],
    description: &'static str,
}

use DependencyKind::{FinishToStart as FS, StartToStart as SS};
use InitiativeStatus::{Approved, InProgress, Proposed};
use MilestoneKind::{DecisionGate as Gate, GoLive, Other};
use RiskRating::{High, Low, Medium, VeryHigh};

const ROWS: &[Row] = &[
    // Cloud and infrastructure modernisation
    Row {
        id: "cloud-landing-zone",
        name: "Cloud landing zone and operating model",
        theme: "theme-cloud",
        owner: "Head of Infrastructure",
        status: InProgress,
        dates: ("2026-07", "2027-03"),
        goals: &["goal-resilient", "goal-efficiency"],
        priority: 90,
        risk: Medium,
        budget: &[(2027, 650, 280)],
        case: None,
        fte: 6,
        deps: &[],
        milestones: &[("Landing zone accepted", "2027-03", GoLive)],
        description: "Secure, governed cloud foundations: accounts, networking, identity, guardrails and FinOps.",
    },
    Row {
        id: "dc-exit",
        name: "Data-centre exit to cloud",
        theme: "theme-cloud",
        owner: "Head of Infrastructure",
        status: Approved,
        dates: ("2027-04", "2029-06"),
        goals: &["goal-resilient", "goal-efficiency"],
        priority: 85,
        risk: High,
        budget: &[],
        case: Some("case-cloud"),
        fte: 8,
        deps: &[("cloud-landing-zone", FS, 0)],
        milestones: &[("Wave 1 migrated", "2027-12", GoLive), ("Data-centre lease ends", "2028-06", Other)],
        description: "Migrate 240 workloads in three waves and hand back the Elm Street data centre.",
    },
    Row {
        id: "sd-wan",
        name: "Wide-area network refresh (SD-WAN)",
        theme: "theme-cloud",
        owner: "Network Manager",
        status: Approved,
        dates: ("2026-10", "2028-03"),
        goals: &["goal-resilient"],
        priority: 70,
        risk: Medium,
        budget: &[(2027, 900, 120), (2028, 700, 240)],
        case: None,
        fte: 3,
        deps: &[],
        milestones: &[("All 42 sites cut over", "2028-03", GoLive)],
        description: "Replace end-of-life routers at 42 city sites with managed SD-WAN.",
    },
    Row {
        id: "collaboration",
        name: "Email and collaboration to SaaS",
        theme: "theme-cloud",
        owner: "Head of End-User Services",
        status: Approved,
        dates: ("2027-01", "2027-12"),
        goals: &["goal-efficiency"],
        priority: 65,
        risk: Low,
        budget: &[(2027, 150, 310), (2028, 90, 420)],
        case: None,
        fte: 4,
        deps: &[("cloud-landing-zone", SS, 3), ("identity", SS, 4)],
        milestones: &[("Mailboxes migrated", "2027-10", GoLive)],
        description: "Move 3,400 mailboxes and file shares to a SaaS suite; retire on-premises Exchange.",
    },
    Row {
        id: "workplace-devices",
        name: "Modern workplace devices",
        theme: "theme-cloud",
        owner: "Head of End-User Services",
        status: Proposed,
        dates: ("2028-07", "2029-12"),
        goals: &["goal-efficiency"],
        priority: 40,
        risk: Low,
        budget: &[(2029, 1_100, 150), (2030, 600, 150)],
        case: None,
        fte: 3,
        deps: &[("collaboration", FS, 6)],
        milestones: &[],
        description: "Replace 2,800 ageing desktops with managed laptops on a four-year refresh.",
    },
    // Cybersecurity and resilience
    Row {
        id: "identity",
        name: "Identity and access management consolidation",
        theme: "theme-cyber",
        owner: "Chief Information Security Officer",
        status: InProgress,
        dates: ("2026-07", "2027-09"),
        goals: &["goal-resilient"],
        priority: 95,
        risk: Medium,
        budget: &[(2027, 420, 260), (2028, 60, 180)],
        case: None,
        fte: 4,
        deps: &[],
        milestones: &[("Single sign-on for all staff", "2027-06", GoLive)],
        description: "One identity for every member of staff; multi-factor authentication everywhere.",
    },
    Row {
        id: "zero-trust",
        name: "Zero-trust access",
        theme: "theme-cyber",
        owner: "Chief Information Security Officer",
        status: Approved,
        dates: ("2026-11", "2028-06"),
        goals: &["goal-resilient"],
        priority: 88,
        risk: High,
        budget: &[(2027, 380, 220), (2028, 260, 340)],
        case: None,
        fte: 3,
        deps: &[("identity", SS, 4)],
        milestones: &[("VPN retired", "2028-06", Other)],
        description: "Replace the VPN with identity-aware access to every application.",
    },
    Row {
        id: "soc",
        name: "24×7 security operations centre",
        theme: "theme-cyber",
        owner: "Chief Information Security Officer",
        status: Approved,
        dates: ("2027-01", "2031-06"),
        goals: &["goal-resilient"],
        priority: 92,
        risk: Medium,
        budget: &[(2027, 120, 480), (2028, 0, 950), (2029, 0, 980), (2030, 0, 1_010), (2031, 0, 1_040)],
        case: None,
        fte: 1,
        deps: &[],
        milestones: &[("Managed SOC live", "2027-06", GoLive)],
        description: "Set up (2027) and run a managed detection and response service watching city systems around the clock; the service runs to the end of the plan.",
    },
    Row {
        id: "backup-dr",
        name: "Immutable backup and disaster recovery",
        theme: "theme-cyber",
        owner: "Head of Infrastructure",
        status: InProgress,
        dates: ("2026-07", "2027-06"),
        goals: &["goal-resilient"],
        priority: 93,
        risk: Medium,
        budget: &[(2027, 780, 160)],
        case: None,
        fte: 3,
        deps: &[],
        milestones: &[("Recovery of tier-1 systems proven", "2027-06", Gate)],
        description: "Ransomware-proof backups and a secondary recovery site for tier-1 services.",
    },
    Row {
        id: "dr-testing",
        name: "Disaster-recovery testing programme",
        theme: "theme-cyber",
        owner: "Head of Infrastructure",
        status: Approved,
        dates: ("2027-07", "2031-06"),
        goals: &["goal-resilient"],
        priority: 60,
        risk: Low,
        budget: &[(2028, 0, 90), (2029, 0, 90), (2030, 0, 95), (2031, 0, 95)],
        case: None,
        fte: 1,
        deps: &[("backup-dr", FS, 0)],
        milestones: &[],
        description: "Twice-yearly recovery exercises with departments, reported to the audit committee.",
    },
    // Digital citizen services
    Row {
        id: "citizen-portal",
        name: "Resident portal (MyRiverton)",
        theme: "theme-citizen",
        owner: "Chief Digital Officer",
        status: Approved,
        dates: ("2027-04", "2028-12"),
        goals: &["goal-digital"],
        priority: 87,
        risk: Medium,
        budget: &[],
        case: Some("case-portal"),
        fte: 7,
        deps: &[("cloud-landing-zone", FS, 0), ("identity", SS, 9)],
        milestones: &[("Beta with 1,000 residents", "2027-11", Other), ("Public launch", "2028-04", GoLive)],
        description: "One account for residents to pay, apply, book and report, on any device.",
    },
    Row {
        id: "online-payments",
        name: "Online payments and e-billing",
        theme: "theme-citizen",
        owner: "Chief Digital Officer",
        status: Approved,
        dates: ("2027-10", "2028-09"),
        goals: &["goal-digital", "goal-efficiency"],
        priority: 75,
        risk: Medium,
        budget: &[(2028, 520, 180), (2029, 0, 210)],
        case: None,
        fte: 3,
        deps: &[("citizen-portal", SS, 6)],
        milestones: &[("Utility bills online", "2028-06", GoLive)],
        description: "Card, bank and wallet payments for every city charge; paperless billing.",
    },
    Row {
        id: "digital-permits",
        name: "Digital permits and licensing",
        theme: "theme-citizen",
        owner: "Director of Planning",
        status: Proposed,
        dates: ("2028-07", "2029-12"),
        goals: &["goal-digital"],
        priority: 68,
        risk: High,
        budget: &[(2029, 950, 240), (2030, 200, 260)],
        case: None,
        fte: 5,
        deps: &[("citizen-portal", SS, 12), ("erp-finance", SS, 12)],
        milestones: &[("Building permits online", "2029-09", GoLive)],
        description: "Apply, pay and track building permits and business licences online.",
    },
    Row {
        id: "crm-311",
        name: "311 and case management (CRM)",
        theme: "theme-citizen",
        owner: "Director of Customer Services",
        status: Proposed,
        dates: ("2027-10", "2029-03"),
        goals: &["goal-digital"],
        priority: 72,
        risk: Medium,
        budget: &[(2028, 880, 260), (2029, 240, 330)],
        case: None,
        fte: 5,
        deps: &[("citizen-portal", SS, 3)],
        milestones: &[("Contact centre on the new CRM", "2028-10", GoLive)],
        description: "One view of every resident request across phone, web, app and counter.",
    },
    Row {
        id: "accessibility",
        name: "Accessibility and plain-language overhaul",
        theme: "theme-citizen",
        owner: "Chief Digital Officer",
        status: Approved,
        dates: ("2027-04", "2027-12"),
        goals: &["goal-digital"],
        priority: 55,
        risk: Low,
        budget: &[(2027, 0, 140), (2028, 0, 120)],
        case: None,
        fte: 2,
        deps: &[],
        milestones: &[],
        description: "WCAG 2.2 AA across city websites and forms; content rewritten in plain language.",
    },
    // Data and analytics
    Row {
        id: "data-platform",
        name: "City data platform",
        theme: "theme-data",
        owner: "Chief Data Officer",
        status: Approved,
        dates: ("2027-04", "2028-09"),
        goals: &["goal-data"],
        priority: 78,
        risk: Medium,
        budget: &[(2027, 420, 90), (2028, 680, 310), (2029, 0, 380)],
        case: None,
        fte: 5,
        deps: &[("cloud-landing-zone", FS, 0)],
        milestones: &[("First departmental data products", "2028-03", GoLive)],
        description: "A governed cloud data platform fed by finance, permits, 311 and asset systems.",
    },
    Row {
        id: "data-governance",
        name: "Data governance and master data",
        theme: "theme-data",
        owner: "Chief Data Officer",
        status: InProgress,
        dates: ("2027-01", "2028-06"),
        goals: &["goal-data"],
        priority: 62,
        risk: Low,
        budget: &[(2027, 0, 160), (2028, 0, 210)],
        case: None,
        fte: 2,
        deps: &[],
        milestones: &[("Data owners appointed", "2027-06", Gate)],
        description: "Data owners, a city glossary and golden records for residents, properties and assets.",
    },
    Row {
        id: "open-data",
        name: "Open data portal",
        theme: "theme-data",
        owner: "Chief Data Officer",
        status: Proposed,
        dates: ("2028-10", "2029-09"),
        goals: &["goal-data", "goal-digital"],
        priority: 45,
        risk: Low,
        budget: &[(2029, 180, 120), (2030, 0, 90)],
        case: None,
        fte: 2,
        deps: &[("data-platform", FS, 0)],
        milestones: &[("Portal launched", "2029-06", GoLive)],
        description: "Publish 150 data sets with an API, refreshed from the data platform; a quarter of hypercare follows the launch.",
    },
    Row {
        id: "council-dashboards",
        name: "Performance dashboards for council",
        theme: "theme-data",
        owner: "Chief Data Officer",
        status: Proposed,
        dates: ("2028-01", "2029-06"),
        goals: &["goal-data"],
        priority: 58,
        risk: Low,
        budget: &[(2028, 0, 120), (2029, 80, 260)],
        case: None,
        fte: 3,
        deps: &[("data-platform", SS, 9)],
        milestones: &[("First quarterly performance report", "2028-10", Other)],
        description: "Live service and financial performance for council members and the public.",
    },
    // ERP and back office
    Row {
        id: "erp-selection",
        name: "ERP procurement and vendor selection",
        theme: "theme-erp",
        owner: "Chief Financial Officer",
        status: InProgress,
        dates: ("2026-07", "2027-03"),
        goals: &["goal-efficiency"],
        priority: 89,
        risk: Medium,
        budget: &[(2027, 0, 450)],
        case: None,
        fte: 4,
        deps: &[],
        milestones: &[("Council awards contract", "2027-03", Gate)],
        description: "Requirements, market engagement, evaluation and award for the new ERP.",
    },
    Row {
        id: "erp-finance",
        name: "ERP wave 1: finance and procurement",
        theme: "theme-erp",
        owner: "Chief Financial Officer",
        status: Approved,
        dates: ("2027-04", "2029-03"),
        goals: &["goal-efficiency", "goal-data"],
        priority: 86,
        risk: VeryHigh,
        budget: &[],
        case: Some("case-erp"),
        fte: 12,
        deps: &[("erp-selection", FS, 0)],
        milestones: &[("Design authority sign-off", "2027-09", Gate), ("Finance go-live", "2028-07", GoLive)],
        description: "General ledger, purchasing, accounts payable and budgeting on the new ERP.",
    },
    Row {
        id: "erp-hr",
        name: "ERP wave 2: HR and payroll",
        theme: "theme-erp",
        owner: "Director of People",
        status: Proposed,
        dates: ("2028-07", "2030-06"),
        goals: &["goal-efficiency"],
        priority: 74,
        risk: High,
        budget: &[(2029, 900, 380), (2030, 650, 420)],
        case: None,
        fte: 9,
        deps: &[("erp-finance", SS, 15)],
        milestones: &[("First parallel payroll run", "2030-01", Gate), ("Payroll go-live", "2030-04", GoLive)],
        description: "HR, time and payroll for 3,900 staff, replacing the 1998 payroll system.",
    },
    Row {
        id: "legacy-decom",
        name: "Legacy system decommissioning",
        theme: "theme-erp",
        owner: "Head of Applications",
        status: Proposed,
        dates: ("2030-07", "2031-06"),
        goals: &["goal-efficiency"],
        priority: 50,
        risk: Low,
        budget: &[(2031, 0, 260)],
        case: None,
        fte: 3,
        deps: &[("erp-hr", FS, 0), ("dc-exit", FS, 0)],
        milestones: &[("Mainframe switched off", "2031-03", Other)],
        description: "Archive records and switch off the mainframe and 14 legacy finance and HR systems.",
    },
    // Workforce and culture
    Row {
        id: "digital-skills",
        name: "Digital skills academy",
        theme: "theme-workforce",
        owner: "Director of People",
        status: InProgress,
        dates: ("2026-10", "2031-06"),
        goals: &["goal-digital", "goal-efficiency"],
        priority: 52,
        risk: Low,
        budget: &[(2027, 0, 180), (2028, 0, 220), (2029, 0, 220), (2030, 0, 220), (2031, 0, 220)],
        case: None,
        fte: 2,
        deps: &[],
        milestones: &[],
        description: "Cloud, data and product skills for 400 IT and business staff.",
    },
    Row {
        id: "product-teams",
        name: "Product teams pilot",
        theme: "theme-workforce",
        owner: "Chief Information Officer",
        status: Approved,
        dates: ("2027-07", "2028-06"),
        goals: &["goal-digital"],
        priority: 57,
        risk: Medium,
        budget: &[(2028, 0, 240)],
        case: None,
        fte: 4,
        deps: &[],
        milestones: &[("Pilot review to the board", "2028-06", Gate)],
        description: "Three long-lived product teams for permits, payments and 311.",
    },
    Row {
        id: "agile-funding",
        name: "Agile funding model",
        theme: "theme-workforce",
        owner: "Chief Financial Officer",
        status: Proposed,
        dates: ("2028-01", "2028-12"),
        goals: &["goal-efficiency"],
        priority: 48,
        risk: Medium,
        budget: &[(2028, 0, 60), (2029, 0, 40)],
        case: None,
        fte: 1,
        deps: &[("product-teams", SS, 6)],
        milestones: &[("Council adopts product funding", "2028-12", Gate)],
        description: "Fund persistent product teams instead of one-off projects, with quarterly reviews.",
    },
];

/// The demo roadmap's initiatives, in swimlane order.
pub fn demo_initiatives(calendar: &FiscalCalendar) -> Vec<Initiative> {
    ROWS.iter()
        .map(|row| {
            let mut x = Initiative::new(id(row.id), row.name, month(row.dates.0), month(row.dates.1));
            x.description = row.description.into();
            x.theme = Some(id(row.theme));
            x.owner = row.owner.into();
            x.status = row.status;
            x.goals = row.goals.iter().map(|g| id(g)).collect();
            x.priority = Some(row.priority);
            x.risk = Some(row.risk);
            x.budget = match row.case {
                Some(case) => Budget::BusinessCase { case: id(case) },
                None => Budget::Entered {
                    years: row
                        .budget
                        .iter()
                        .map(|&(fy, capex, opex)| BudgetYear {
                            year: FiscalYear(fy),
                            capex: thousands(capex),
                            opex: thousands(opex),
                        })
                        .collect(),
                },
            };
            x.dependencies =
                row.deps.iter().map(|&(on, kind, lag_months)| Dependency { on: id(on), kind, lag_months }).collect();
            x.milestones = row
                .milestones
                .iter()
                .map(|&(name, at, kind)| Milestone { name: name.into(), month: month(at), kind })
                .collect();
            // Staff demand in every quarter the initiative runs.
            let mut quarters = Vec::new();
            for k in 0..x.months() {
                let Ok(m) = x.start.add_months(k) else { break };
                let q = calendar.quarter_of(m);
                if quarters.last() != Some(&q) {
                    quarters.push(q);
                }
            }
            x.fte = quarters
                .into_iter()
                .map(|q| QuarterFte { year: q.year, quarter: q.quarter, fte: Decimal::from(row.fte) })
                .collect();
            x
        })
        .collect()
}

/// Portfolio ceilings that FY2027 (the ERP and data-centre build year) and FY2029 break, a
/// $2.5M cybersecurity ceiling that FY2027 breaks, and 60 FTE of delivery capacity in every
/// quarter, which the busiest quarters of FY2028 and FY2029 exceed.
pub fn demo_roadmap_settings() -> RoadmapSettings {
    let portfolio = [(2027, 19_000), (2028, 12_500), (2029, 10_000), (2030, 9_000), (2031, 8_000)];
    let mut budget_ceilings: Vec<BudgetCeiling> = portfolio
        .iter()
        .map(|&(fy, k)| BudgetCeiling { year: FiscalYear(fy), theme: None, amount: thousands(k) })
        .collect();
    budget_ceilings.extend(portfolio.iter().map(|&(fy, _)| BudgetCeiling {
        year: FiscalYear(fy),
        theme: Some(id("theme-cyber")),
        amount: thousands(2_500),
    }));
    let fte_capacity = (2027..=2031)
        .flat_map(|fy| (1..=4).map(move |q| QuarterFte { year: FiscalYear(fy), quarter: q, fte: Decimal::from(60) }))
        .collect();
    // The council's delegated limit: spend above it needs a full business case.
    RoadmapSettings {
        budget_ceilings,
        fte_capacity,
        appraisal_threshold: Some(thousands(2_500)),
        duration_spread: Default::default(),
    }
}

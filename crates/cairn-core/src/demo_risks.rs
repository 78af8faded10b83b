//! The demo plan's risk register: what the City of Riverton's CIO would put in front of the
//! board for this strategy — sixteen threats and opportunities linked to the roadmap, the
//! business cases and the sourcing options they bear on, quantified where the city's finance
//! team could put figures on them, with the board's appetite per category.
//!
//! The register was started after the board approved the baseline, so it is added last: the
//! baseline's frozen plan has none.

use chrono::NaiveDate;
use rust_decimal::{Decimal, dec};

use crate::fiscal::{FiscalYear, YearMonth};
use crate::plan::{Id, Plan};
use crate::risk::{
    BenefitImpact, CostImpact, CostTiming, DelayImpact, OptionLink, Rating, Response, Risk, RiskAction, RiskCategory,
    RiskKind, RiskLinks, RiskSettings, RiskStatus, ThreePoint,
};

fn id(text: &str) -> Id {
    // Every id below is a literal written to the id rules; a typo fails the demo's tests.
    Id::new(text).unwrap_or_else(|_| Id::new("invalid-demo-id").unwrap_or_else(|e| unreachable!("{e}")))
}

fn ids(texts: &[&str]) -> Vec<Id> {
    texts.iter().map(|t| id(t)).collect()
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

fn month(y: i32, m: u8) -> Option<YearMonth> {
    YearMonth::new(y, m).ok()
}

fn points(min: Decimal, most_likely: Decimal, max: Decimal) -> ThreePoint {
    ThreePoint { min, most_likely, max }
}

fn action(text: &str, owner: &str, due: Option<NaiveDate>, done: bool) -> RiskAction {
    RiskAction { text: text.into(), owner: owner.into(), due, done }
}

fn in_year(year: i32, amount: ThreePoint) -> Option<CostImpact> {
    Some(CostImpact { timing: CostTiming::Year { year: FiscalYear(year) }, amount })
}

fn spread(from: i32, to: i32, amount: ThreePoint) -> Option<CostImpact> {
    Some(CostImpact { timing: CostTiming::Spread { from: FiscalYear(from), to: FiscalYear(to) }, amount })
}

/// A threat with its words and ratings; the rest is filled in by the caller.
#[allow(clippy::too_many_arguments)]
fn threat(
    key: &str,
    title: &str,
    category: &str,
    owner: &str,
    words: [&str; 3],
    inherent: (u8, u8),
    residual: (u8, u8),
    response: Response,
) -> Risk {
    let [cause, event, effect] = words;
    Risk {
        id: id(key),
        title: title.into(),
        kind: RiskKind::Threat,
        cause: cause.into(),
        event: event.into(),
        effect: effect.into(),
        category: id(category),
        owner: owner.into(),
        inherent: Rating { likelihood: inherent.0, impact: inherent.1 },
        residual: Rating { likelihood: residual.0, impact: residual.1 },
        response,
        actions: Vec::new(),
        proximity: None,
        status: RiskStatus::Open,
        review: date(2027, 1, 15),
        links: RiskLinks::default(),
        probability: None,
        cost: None,
        delay: None,
        benefit: None,
    }
}

fn links(initiatives: &[&str], cases: &[&str], options: &[(&str, &str)]) -> RiskLinks {
    RiskLinks {
        initiatives: ids(initiatives),
        business_cases: ids(cases),
        sourcing_options: options.iter().map(|(s, o)| OptionLink { study: id(s), option: id(o) }).collect(),
    }
}

/// The board's appetite per category, a category of the city's own (public trust), and its
/// impact scale: the default one with "Major" starting at the council's $2.5M delegated limit.
fn demo_risk_settings() -> RiskSettings {
    let mut s = RiskSettings::default();
    let appetite = [
        ("cyber", 8),
        ("delivery", 12),
        ("financial", 10),
        ("supplier", 10),
        ("compliance-legal", 6),
        ("workforce", 12),
        ("technology", 12),
    ];
    for c in &mut s.categories {
        c.appetite = appetite.iter().find(|(k, _)| c.id.as_str() == *k).map(|(_, a)| *a);
    }
    s.categories.push(RiskCategory { id: id("public-trust"), name: "Public trust".into(), appetite: Some(8) });
    if let Some(major) = s.scale.impact.get_mut(3) {
        major.from_amount = dec!(2500000);
        major.description = "Above the council's $2.5M delegated limit; a service visibly affected.".into();
    }
    s
}

/// Adds the register and its settings to the demo plan.
pub(crate) fn add_demo_register(plan: &mut Plan) {
    plan.settings.risk = demo_risk_settings();
    plan.risks = demo_risks();
}

fn demo_risks() -> Vec<Risk> {
    let ciso = "Chief Information Security Officer";
    let erp_director = "ERP programme director";
    let infra = "Infrastructure manager";
    let mut out = Vec::new();

    let mut r = threat(
        "risk-ransomware",
        "Ransomware on unpatched systems",
        "cyber",
        ciso,
        [
            "Legacy servers in the data centre and end-of-life workstations miss critical patches; patching windows are negotiated service by service.",
            "A ransomware group encrypts city systems through an unpatched, internet-facing vulnerability.",
            "Permits, payments and 311 down for days; recovery, forensic and overtime costs; breach notifications; migration teams pulled into recovery.",
        ],
        (4, 5),
        (3, 4),
        Response::Reduce,
    );
    r.actions = vec![
        action(
            "Patch critical vulnerabilities on internet-facing systems within 14 days",
            infra,
            date(2026, 12, 31),
            false,
        ),
        action(
            "Immutable backups of every tier-1 system, restored in a quarterly test",
            "Backup and DR lead",
            date(2027, 6, 30),
            false,
        ),
        action("Ransomware tabletop exercise with the executive team", ciso, date(2026, 9, 30), true),
    ];
    r.proximity = month(2026, 7);
    r.review = date(2026, 12, 15);
    r.links = links(&["backup-dr", "soc", "zero-trust", "dc-exit"], &[], &[]);
    r.probability = Some(dec!(25));
    r.cost = in_year(2027, points(dec!(750000), dec!(2000000), dec!(6000000)));
    r.delay = Some(DelayImpact { initiative: id("dc-exit"), months: points(dec!(1), dec!(2), dec!(4)) });
    out.push(r);

    let mut r = threat(
        "risk-erp-data",
        "ERP data migration quality",
        "delivery",
        erp_director,
        [
            "Twenty years of finance and payroll data with duplicate vendors, inconsistent cost centres and no named data owners.",
            "Migrated data fails reconciliation at the finance go-live cutover rehearsals.",
            "Go-live slips; old and new systems run in parallel; the ERP case's benefits start later.",
        ],
        (4, 4),
        (3, 3),
        Response::Reduce,
    );
    r.actions = vec![
        action(
            "Data cleansing sprints with a named owner per data domain",
            "Finance systems lead",
            date(2027, 9, 30),
            false,
        ),
        action(
            "Three full cutover rehearsals, each reconciled and signed off by the controller",
            erp_director,
            date(2028, 12, 31),
            false,
        ),
    ];
    r.proximity = month(2028, 6);
    r.links = links(&["erp-finance", "data-governance"], &["case-erp"], &[]);
    r.probability = Some(dec!(40));
    r.cost = spread(2028, 2029, points(dec!(300000), dec!(600000), dec!(1500000)));
    r.delay = Some(DelayImpact { initiative: id("erp-finance"), months: points(dec!(1), dec!(3), dec!(6)) });
    r.benefit = Some(BenefitImpact { case: id("case-erp"), percent: points(dec!(2), dec!(5), dec!(10)) });
    out.push(r);

    let mut r = threat(
        "risk-supplier-insolvency",
        "Insolvency of the managed service desk provider",
        "supplier",
        "Head of commercial",
        [
            "The managed service desk option relies on a regional provider with thin margins and rising wage costs.",
            "The provider enters administration during the contract.",
            "Service desk disrupted; emergency re-procurement and a second transition; knowledge lost.",
        ],
        (2, 4),
        (2, 3),
        Response::Transfer,
    );
    r.actions = vec![
        action(
            "Financial health check of bidders and annual credit monitoring",
            "Head of commercial",
            date(2027, 3, 31),
            false,
        ),
        action(
            "Step-in rights, an escrowed knowledge base and an exit plan in the contract",
            "City attorney",
            date(2027, 3, 31),
            false,
        ),
    ];
    r.links = links(&[], &[], &[("study-service-desk", "sd-managed")]);
    r.probability = Some(dec!(8));
    r.cost = in_year(2029, points(dec!(250000), dec!(400000), dec!(900000)));
    out.push(r);

    let mut r = threat(
        "risk-key-staff",
        "Loss of key staff",
        "workforce",
        "Deputy CIO",
        [
            "Private-sector pay for cloud, security and ERP skills is 20 % to 30 % above the city's scales; a few people hold undocumented knowledge of legacy systems.",
            "Two or more key engineers or architects leave during the migration waves.",
            "Migration and ERP work slow down; contractors at premium rates; legacy knowledge lost.",
        ],
        (4, 3),
        (3, 3),
        Response::Reduce,
    );
    r.actions = vec![
        action("Retention allowances for named critical roles", "HR director", date(2026, 12, 31), false),
        action("Legacy systems' knowledge written into runbooks", infra, date(2027, 12, 31), false),
    ];
    r.links = links(&["dc-exit", "erp-finance", "digital-skills"], &[], &[]);
    r.probability = Some(dec!(50));
    r.cost = spread(2027, 2029, points(dec!(200000), dec!(450000), dec!(900000)));
    r.delay = Some(DelayImpact { initiative: id("dc-exit"), months: points(dec!(1), dec!(2), dec!(4)) });
    out.push(r);

    let mut r = threat(
        "risk-stateramp",
        "StateRAMP/FedRAMP authorisation of the cloud landing zone slips",
        "compliance-legal",
        ciso,
        [
            "Criminal-justice and payment workloads may run only on services authorised at Moderate under StateRAMP (or FedRAMP); some of the landing zone's services are still in review.",
            "Authorisation is not granted before the migration waves that need it.",
            "Regulated workloads cannot move and the data-centre exit waits for them.",
        ],
        (3, 4),
        (2, 4),
        Response::Reduce,
    );
    r.actions = vec![
        action(
            "Limit the first waves to services already authorised at Moderate",
            "Cloud platform lead",
            date(2027, 3, 31),
            false,
        ),
        action("Monthly authorisation status review with the provider", ciso, None, false),
    ];
    r.proximity = month(2027, 4);
    r.links = links(&["cloud-landing-zone", "dc-exit"], &["case-cloud"], &[]);
    r.probability = Some(dec!(30));
    r.delay = Some(DelayImpact { initiative: id("dc-exit"), months: points(dec!(2), dec!(4), dec!(9)) });
    out.push(r);

    let mut r = threat(
        "risk-dc-lease",
        "Data-centre lease extension if the exit is late",
        "financial",
        "Chief Financial Officer",
        [
            "The data-centre lease ends in June 2029 and can be extended only by whole years at the landlord's rate.",
            "The last migration wave is not finished when the lease ends.",
            "A year's extension at a premium rate; the cloud case's lease saving starts a year later.",
        ],
        (3, 4),
        (2, 4),
        Response::Reduce,
    );
    r.actions = vec![
        action("Negotiate a month-by-month holdover clause", "Head of property", date(2027, 12, 31), false),
        action("Move the last wave's non-critical systems first", infra, date(2028, 12, 31), false),
    ];
    r.proximity = month(2029, 1);
    r.links = links(&["dc-exit"], &["case-cloud"], &[]);
    r.probability = Some(dec!(25));
    r.cost = in_year(2030, points(dec!(900000), dec!(1200000), dec!(1600000)));
    r.benefit = Some(BenefitImpact { case: id("case-cloud"), percent: points(dec!(3), dec!(6), dec!(10)) });
    out.push(r);

    let mut r = threat(
        "risk-erp-customisation",
        "ERP customised beyond the standard product",
        "delivery",
        erp_director,
        [
            "Departments ask to reproduce today's processes rather than adopt the product's.",
            "Customisations exceed the design authority's 10 % allowance.",
            "Build cost and every future upgrade cost more; the HR wave starts late.",
        ],
        (4, 3),
        (2, 3),
        Response::Reduce,
    );
    r.actions = vec![action(
        "Design authority approves every customisation against the standard process",
        erp_director,
        None,
        false,
    )];
    r.links = links(&["erp-finance", "erp-hr"], &["case-erp"], &[]);
    r.probability = Some(dec!(35));
    r.cost = spread(2028, 2030, points(dec!(250000), dec!(500000), dec!(1200000)));
    out.push(r);

    let mut r = threat(
        "risk-portal-adoption",
        "Low take-up of the resident portal",
        "delivery",
        "Director of customer services",
        [
            "Residents are used to the phone and the counter; some have no broadband or need help online.",
            "Online take-up stays below 40 % two years after launch.",
            "The portal case's channel-shift savings are not realised.",
        ],
        (3, 3),
        (2, 3),
        Response::Reduce,
    );
    r.actions = vec![action(
        "Assisted digital help in libraries and at the counter",
        "Director of customer services",
        None,
        false,
    )];
    r.links = links(&["citizen-portal", "accessibility"], &["case-portal"], &[]);
    r.probability = Some(dec!(30));
    r.benefit = Some(BenefitImpact { case: id("case-portal"), percent: points(dec!(10), dec!(20), dec!(35)) });
    out.push(r);

    let mut r = threat(
        "risk-cloud-costs",
        "Cloud consumption above the business case",
        "financial",
        "Cloud platform lead",
        [
            "Workloads are moved as they are, without rightsizing, and there is no FinOps practice yet.",
            "Monthly cloud bills run above forecast after migration.",
            "Run costs exceed the cloud case's opex lines.",
        ],
        (4, 3),
        (3, 3),
        Response::Reduce,
    );
    r.actions = vec![
        action("FinOps practice: budgets and alerts per department", "Cloud platform lead", date(2027, 6, 30), false),
        action("Reserved capacity for steady workloads after six months' use", "Cloud platform lead", None, false),
    ];
    r.links = links(&["dc-exit", "cloud-landing-zone"], &["case-cloud"], &[]);
    r.probability = Some(dec!(45));
    r.cost = spread(2029, 2031, points(dec!(300000), dec!(750000), dec!(1800000)));
    out.push(r);

    let mut r = threat(
        "risk-storage-failure",
        "End-of-life storage fails before migration",
        "technology",
        infra,
        [
            "The data centre's storage arrays have been out of vendor support since 2025.",
            "A storage controller fails and no replacement part is available.",
            "Hosted services down for days; emergency hardware bought for a data centre being closed.",
        ],
        (3, 4),
        (2, 4),
        Response::Reduce,
    );
    r.actions = vec![action("Third-party hardware support with four-hour parts", infra, date(2026, 10, 31), true)];
    r.links = links(&["dc-exit", "backup-dr"], &[], &[]);
    r.probability = Some(dec!(15));
    r.cost = in_year(2028, points(dec!(150000), dec!(300000), dec!(700000)));
    out.push(r);

    let mut r = threat(
        "risk-privacy",
        "Personal data exposed by the data platform",
        "compliance-legal",
        "Chief Data Officer",
        [
            "Data from many departments is joined in one platform while access rules are still being defined.",
            "Personal data is shared beyond its lawful purpose, or published by mistake as open data.",
            "Regulator action, notifications to residents, loss of trust in the city's data.",
        ],
        (3, 4),
        (2, 3),
        Response::Reduce,
    );
    r.actions = vec![action("Privacy impact assessment before each dataset is shared", "Privacy officer", None, false)];
    r.links = links(&["data-platform", "data-governance", "open-data"], &[], &[]);
    r.probability = Some(dec!(10));
    r.cost = in_year(2029, points(dec!(100000), dec!(250000), dec!(1000000)));
    out.push(r);

    let mut r = threat(
        "risk-email-cutover",
        "Email migration disrupts council business",
        "technology",
        "Workplace services manager",
        [
            "Thirty years of shared mailboxes, delegations and council archives.",
            "Mail, calendars or archives are unavailable or incomplete after the cutover weekend.",
            "Council meetings and statutory deadlines disrupted; loss of confidence in the programme.",
        ],
        (3, 2),
        (2, 2),
        Response::Reduce,
    );
    r.links = links(&["collaboration"], &[], &[("study-email", "mail-saas")]);
    out.push(r);

    let mut r = threat(
        "risk-cyber-insurance",
        "Cyber insurance premium rise or ransomware exclusion",
        "financial",
        "Risk manager",
        [
            "Insurers tighten terms for public bodies after ransomware claims; gaps in multi-factor authentication count against the city.",
            "At renewal the premium rises sharply or ransomware cover is excluded.",
            "An unbudgeted premium, or losses the city bears itself.",
        ],
        (3, 3),
        (2, 3),
        Response::Reduce,
    );
    r.links = links(&["zero-trust", "identity"], &[], &[]);
    r.probability = Some(dec!(35));
    r.cost = spread(2028, 2031, points(dec!(80000), dec!(150000), dec!(300000)));
    out.push(r);

    let mut r = threat(
        "risk-outage-trust",
        "A failed go-live in front of residents",
        "public-trust",
        "Director of communications",
        [
            "Resident-facing services change in the same years as the back office, with little room to rehearse.",
            "Payments or permits fail visibly at a go-live.",
            "Press coverage, complaints to council members, lower take-up of online services.",
        ],
        (3, 3),
        (3, 3),
        Response::Reduce,
    );
    r.links = links(&["online-payments", "digital-permits"], &[], &[]);
    out.push(r);

    let mut r = threat(
        "risk-bid-protest",
        "Bid protest delays the ERP contract award",
        "compliance-legal",
        "Head of procurement",
        [
            "A large contract and a losing bidder with a history of protests.",
            "A protest suspends the award.",
            "Wave 1 starts late.",
        ],
        (2, 3),
        (1, 2),
        Response::Reduce,
    );
    r.status = RiskStatus::Closed;
    r.links = links(&["erp-selection", "erp-finance"], &["case-erp"], &[]);
    out.push(r);

    let mut r = threat(
        "opp-state-grant",
        "State digital-government grant for the resident portal",
        "financial",
        "Grants officer",
        [
            "The state's digital-government fund opens a round for resident-facing services in 2027.",
            "Riverton's bid for the portal's accessibility and payments work succeeds.",
            "Part of the portal's build is paid for by the grant.",
        ],
        (3, 3),
        (3, 3),
        Response::Enhance,
    );
    r.kind = RiskKind::Opportunity;
    r.actions =
        vec![action("Bid with the accessibility audit as evidence", "Grants officer", date(2027, 2, 28), false)];
    r.links = links(&["citizen-portal", "accessibility"], &["case-portal"], &[]);
    r.probability = Some(dec!(40));
    r.cost = in_year(2028, points(dec!(200000), dec!(400000), dec!(600000)));
    out.push(r);

    let mut r = threat(
        "opp-shared-soc",
        "Share the security operations centre with the county",
        "cyber",
        ciso,
        [
            "The county plans its own security operations centre in the same years.",
            "The county joins the city's centre under an interlocal agreement.",
            "The centre's run cost is shared; round-the-clock cover for less.",
        ],
        (2, 3),
        (2, 3),
        Response::Share,
    );
    r.kind = RiskKind::Opportunity;
    r.links = links(&["soc"], &[], &[]);
    r.probability = Some(dec!(25));
    r.cost = spread(2029, 2031, points(dec!(300000), dec!(600000), dec!(900000)));
    out.push(r);

    out
}

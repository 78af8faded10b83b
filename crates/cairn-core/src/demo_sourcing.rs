//! The demo plan's sourcing studies: Riverton's service desk (in-house, managed service or
//! hybrid) and email and collaboration (on-premises or SaaS), costed in USD over FY2027–FY2031
//! for about 3,200 staff. Figures are typical of a US city of 250,000 residents in 2026.

use rust_decimal::{Decimal, dec};

use crate::plan::Id;
use crate::sourcing::{
    CostProfile, Judgement, Score, SourcingKind, SourcingOption, SourcingStudy, Weighting, default_criteria,
};

fn id(text: &str) -> Id {
    // Every id below is a literal written to the id rules; a typo fails the demo's tests.
    Id::new(text).unwrap_or_else(|_| Id::new("invalid-demo-id").unwrap_or_else(|e| unreachable!("{e}")))
}

/// An option; `scores` are (criterion id, score, rationale) in any order.
#[allow(clippy::too_many_arguments)]
fn option(
    key: &str,
    name: &str,
    kind: SourcingKind,
    description: &str,
    costs: [Decimal; 4],
    headcount_change: Decimal,
    contract_years: Option<u8>,
    scores: &[(&str, Decimal, &str)],
) -> SourcingOption {
    let [transition, run_per_year, escalation, exit] = costs;
    SourcingOption {
        id: id(key),
        name: name.into(),
        kind,
        description: description.into(),
        costs: CostProfile { transition, run_per_year, escalation, exit },
        headcount_change,
        contract_years,
        scores: scores
            .iter()
            .map(|(criterion, value, rationale)| Score {
                criterion: id(criterion),
                value: *value,
                rationale: (*rationale).into(),
            })
            .collect(),
    }
}

/// Pairwise judgements from relative priorities: each pair is judged by the ratio of their
/// priorities rounded to Saaty's scale, which keeps the matrix near-consistent (CR well below
/// 0.10), as a careful steering group's judgements would be.
fn judgements_from(priorities: &[(&str, u8)]) -> Vec<Judgement> {
    let mut out = Vec::new();
    for (i, (a, pa)) in priorities.iter().enumerate() {
        for (b, pb) in priorities.iter().skip(i + 1) {
            let (more, less, ratio) = if pa >= pb {
                (a, b, f64::from(*pa) / f64::from(*pb))
            } else {
                (b, a, f64::from(*pb) / f64::from(*pa))
            };
            let intensity = ratio.round().clamp(1.0, 9.0) as u8;
            if intensity > 1 {
                out.push(Judgement { more: id(more), less: id(less), intensity });
            }
        }
    }
    out
}

fn service_desk() -> SourcingStudy {
    use SourcingKind::{Hybrid, InHouse, ManagedService};
    SourcingStudy {
        id: id("study-service-desk"),
        name: "Service desk sourcing".into(),
        service: "IT service desk (level 1 and 2, walk-up, after-hours)".into(),
        description: "The service desk contract for the ITSM tool ends in June 2027 and four of fourteen analysts \
            retire within two years. Should the desk stay in-house, move to a managed service, or go hybrid?"
            .into(),
        discount_rate: dec!(0.04),
        rate_reason: None,
        prices: crate::appraisal::PriceBasis::Nominal,
        weighting: Weighting::Direct,
        criteria: default_criteria(),
        judgements: Vec::new(),
        options: vec![
            option(
                "sd-in-house",
                "Keep in-house",
                InHouse,
                "Fourteen city analysts, business hours plus on-call; the ITSM tool is re-procured.",
                [dec!(150_000), dec!(1_610_000), dec!(0.035), dec!(0)],
                dec!(0),
                None,
                &[
                    (
                        "service-quality",
                        dec!(6),
                        "First-contact resolution is 64 % against an industry 70 %; users rate the desk 3.9 of 5 but after-hours cover is on-call only.",
                    ),
                    (
                        "security",
                        dec!(8),
                        "Staff are vetted city employees with CJIS clearance for police systems; no third-party access to manage.",
                    ),
                    (
                        "control",
                        dec!(9),
                        "Priorities, scripts and staffing change by a manager's decision, without a contract change.",
                    ),
                    (
                        "scalability",
                        dec!(3),
                        "Peaks (tax season, elections, a cyber incident) need overtime; adding an analyst takes a 4-month hiring cycle.",
                    ),
                    (
                        "time-to-value",
                        dec!(7),
                        "Nothing to transition, but no after-hours cover until the new ITSM tool and its self-service portal go live in FY2028.",
                    ),
                    ("lock-in", dec!(2), "No provider to leave; only the ITSM tool is bought in, on a five-year term."),
                    (
                        "skills",
                        dec!(3),
                        "Four analysts retire by 2028; the city's pay band is 12 % below the regional market and two vacancies took 7 months to fill.",
                    ),
                    ("delivery-risk", dec!(3), "The status quo, but the ITSM tool refresh and four retirements must be managed at once."),
                ],
            ),
            option(
                "sd-managed",
                "Managed service",
                ManagedService,
                "A provider runs a 24/7 desk from a US delivery centre at a per-user monthly price; two city staff manage the contract.",
                [dec!(420_000), dec!(1_440_000), dec!(0.03), dec!(250_000)],
                dec!(-12),
                Some(5),
                &[
                    (
                        "service-quality",
                        dec!(7),
                        "24/7 cover and contractual service levels (80 % first-contact resolution) with credits; local knowledge is lost at first.",
                    ),
                    (
                        "security",
                        dec!(6),
                        "Provider is SOC 2 Type II; CJIS needs named, fingerprinted staff, which limits the provider pool and must be audited.",
                    ),
                    (
                        "control",
                        dec!(4),
                        "Changes go through contract change control; scope outside the catalogue is charged.",
                    ),
                    (
                        "scalability",
                        dec!(9),
                        "Volume bands in the contract absorb peaks; the provider staffs up in days.",
                    ),
                    ("time-to-value", dec!(5), "Procurement and a 4-month transition: improvement from mid-FY2028."),
                    (
                        "lock-in",
                        dec!(7),
                        "Knowledge, scripts and the ITSM instance sit with the provider; exit needs a re-procurement and a parallel run.",
                    ),
                    ("skills", dec!(9), "Staffing is the provider's problem; the city keeps two contract managers."),
                    (
                        "delivery-risk",
                        dec!(7),
                        "Twelve posts move out (redeployment or severance, union consultation); transitions often dip service for 3 months.",
                    ),
                ],
            ),
            option(
                "sd-hybrid",
                "Hybrid",
                Hybrid,
                "City staff keep level 2, walk-up and VIP support; a provider takes level 1 calls after hours and at peaks.",
                [dec!(180_000), dec!(1_520_000), dec!(0.032), dec!(90_000)],
                dec!(-6),
                Some(3),
                &[
                    (
                        "service-quality",
                        dec!(8),
                        "After-hours and overflow cover with local level 2 keeps knowledge of city systems close to users.",
                    ),
                    (
                        "security",
                        dec!(8),
                        "Level 1 provider only resets passwords and triages, with no access to CJIS systems; that work stays with vetted city staff.",
                    ),
                    (
                        "control",
                        dec!(7),
                        "The city runs the desk and its priorities; the provider's scope is narrow and easy to change.",
                    ),
                    ("scalability", dec!(7), "Overflow contract absorbs peaks; level 2 growth still needs hiring."),
                    ("time-to-value", dec!(7), "A smaller procurement; overflow live within 3 months of award."),
                    (
                        "lock-in",
                        dec!(4),
                        "A commodity level 1 contract with a 3-year term; several providers can take it over.",
                    ),
                    (
                        "skills",
                        dec!(7),
                        "Retirements are absorbed by moving level 1 out; the city still recruits level 2 analysts.",
                    ),
                    (
                        "delivery-risk",
                        dec!(4),
                        "Six posts move out, mostly by not refilling retirements; two teams to coordinate.",
                    ),
                ],
            ),
        ],
        chosen: Some(id("sd-hybrid")),
        recommendation: "Adopt the hybrid model: keep level 2, walk-up and CJIS work in-house and contract level 1 \
            after-hours and overflow support for three years. It scores highest on the weighted criteria, covers \
            after-hours and peaks without overtime, and moves six posts out by not refilling retirements rather than by \
            severance. The managed service is cheaper to run but costs more to enter and to leave."
            .into(),
    }
}

fn email() -> SourcingStudy {
    use SourcingKind::{InHouse, Saas};
    // The steering group judged the criteria pairwise instead of typing weights.
    let judgements = judgements_from(&[
        ("security", 5),
        ("total-cost", 4),
        ("service-quality", 4),
        ("lock-in", 3),
        ("delivery-risk", 3),
        ("scalability", 2),
        ("control", 2),
        ("skills", 2),
        ("time-to-value", 1),
    ]);
    SourcingStudy {
        id: id("study-email"),
        name: "Email and collaboration".into(),
        service: "Email, calendars, file sharing and chat for 3,200 staff".into(),
        description: "Exchange 2016 and the file servers leave extended support in October 2025 and the hardware \
            is seven years old. Refresh on premises, or move to a government-cloud SaaS suite?"
            .into(),
        discount_rate: dec!(0.04),
        rate_reason: None,
        prices: crate::appraisal::PriceBasis::Nominal,
        weighting: Weighting::Pairwise,
        criteria: default_criteria(),
        judgements,
        options: vec![
            option(
                "mail-on-prem",
                "Refresh on premises",
                InHouse,
                "New servers and storage in the city data centre, current on-premises mail and file server licences, run by the infrastructure team.",
                [dec!(650_000), dec!(820_000), dec!(0.03), dec!(60_000)],
                dec!(0),
                None,
                &[
                    ("service-quality", dec!(5), "99.5 % availability in the last two years; mobile access and co-authoring are limited."),
                    ("security", dec!(5), "Patching depends on a three-person team; two critical mail-server vulnerabilities took 11 days to patch in 2024."),
                    ("control", dec!(9), "Full control of configuration, retention and data location."),
                    ("scalability", dec!(4), "Storage quotas of 2 GB; growth means buying hardware."),
                    ("time-to-value", dec!(6), "Nine-month refresh project; users see little change."),
                    ("lock-in", dec!(3), "Standard protocols and formats; the hardware is the only sunk cost."),
                    ("skills", dec!(3), "On-premises messaging skills are getting scarce; one of the three engineers leaves in 2027."),
                    ("delivery-risk", dec!(4), "A like-for-like migration the team has done before, but on a tight support deadline."),
                ],
            ),
            option(
                "mail-saas",
                "SaaS suite (government cloud)",
                Saas,
                "A government-community-cloud productivity suite: mail, calendars, file sharing, chat and meetings, per-user subscription.",
                [dec!(480_000), dec!(1_150_000), dec!(0.04), dec!(300_000)],
                dec!(-2),
                Some(3),
                &[
                    ("service-quality", dec!(9), "Financially backed 99.9 % availability, mobile access and co-authoring; 50 GB mailboxes."),
                    ("security", dec!(8), "FedRAMP High and CJIS-ready government tenant, MFA and data-loss prevention included; configuration still the city's job."),
                    ("control", dec!(6), "Retention, legal hold and data location configurable; update timing and features are the vendor's."),
                    ("scalability", dec!(9), "Licences scale per user each month; storage grows with the subscription."),
                    ("time-to-value", dec!(8), "Mail moves in six waves over five months; chat and meetings from the first wave."),
                    ("lock-in", dec!(7), "Files, chat history and workflows are hard to extract; prices rose 10 to 15 % at the last two renewals."),
                    ("skills", dec!(8), "Administration skills are common in the market and in the team's training plan."),
                    ("delivery-risk", dec!(5), "Identity and archive migration are the hard part; a partner with government references reduces the risk."),
                ],
            ),
        ],
        chosen: Some(id("mail-saas")),
        recommendation: "Move email and collaboration to the government-cloud SaaS suite. It costs more over five years \
            in present value, but it ranks first under every method on the steering group's priorities (security first, \
            then cost and service quality), it removes an unsupported platform and a scarce-skills risk, and it frees two \
            infrastructure posts for the cloud migration. Negotiate a price cap at renewal to contain the lock-in risk."
            .into(),
    }
}

/// The demo plan's sourcing studies.
pub(crate) fn demo_sourcing_studies() -> Vec<SourcingStudy> {
    vec![service_desk(), email()]
}

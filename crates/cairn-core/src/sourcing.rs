//! Sourcing studies: which sourcing model (in-house, managed service, SaaS, cloud, hybrid,
//! shared service) should deliver a service, compared on weighted criteria and on cost.
//!
//! A [`SourcingStudy`] names the service under study and holds its [`SourcingOption`]s, each
//! with a [`CostProfile`] over the plan's horizon, and its [`Criterion`]s, each with a
//! direction and a weight. Weights are typed directly or derived from pairwise
//! [`Judgement`]s (AHP), as [`Weighting`] says. Every option scores every scored criterion
//! (1 to 10) with a written rationale; the total-cost criterion ([`CriterionBasis::PresentValueTco`])
//! is not scored but derived from the option's present-value TCO.
//!
//! Cost timing: the plan's horizon gives the fiscal years; year *i* (from 1) is at the end of
//! that year, t = *i*, as the spreadsheet's `NPV(rate, FY1…FYn)` does. The one-off transition
//! cost falls in the first year, the exit cost in the last (the price of leaving at the end of
//! the horizon, so lock-in is costed), and the run cost in every year, escalated from the first.
//!
//! The arithmetic lives in `cairn-sourcing`; this module holds the data and its rules.

use rust_decimal::{Decimal, dec};
use serde::{Deserialize, Serialize};

use crate::plan::Id;

/// A sourcing study: the options for delivering one service and how they compare.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcingStudy {
    /// Unique among the plan's sourcing studies.
    pub id: Id,
    /// Short name, e.g. "Service desk sourcing".
    pub name: String,
    /// The service or capability under study, e.g. "Service desk".
    #[serde(default)]
    pub service: String,
    /// The question and its context, in a sentence or two.
    #[serde(default)]
    pub description: String,
    /// The rate at which costs are discounted, as a fraction: 0.05 is 5 %.
    #[serde(default = "default_discount_rate")]
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub discount_rate: Decimal,
    /// Why the study is discounted at its own `discount_rate` rather than the plan's schedule
    /// (`AppraisalPolicy::rate_for_study`); `None`: it follows the plan's policy. Studies of plan
    /// files written before policies existed read [`crate::appraisal::LEGACY_RATE_REASON`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rate_reason: Option<String>,
    /// Whether the options' costs are in real or nominal prices; left out of the file when nominal,
    /// the basis of every study written before policies existed (their run costs escalate).
    #[serde(default, skip_serializing_if = "crate::appraisal::PriceBasis::is_nominal")]
    pub prices: crate::appraisal::PriceBasis,
    /// Whether the criteria's weights are typed or derived from the pairwise judgements.
    #[serde(default)]
    pub weighting: Weighting,
    /// What the options are compared on.
    #[serde(default)]
    pub criteria: Vec<Criterion>,
    /// Pairwise judgements between criteria (AHP); a pair not judged counts as equally important.
    #[serde(default)]
    pub judgements: Vec<Judgement>,
    /// The options under study.
    #[serde(default)]
    pub options: Vec<SourcingOption>,
    /// The option the study recommends, once chosen.
    #[serde(default)]
    pub chosen: Option<Id>,
    /// The recommendation as the board reads it.
    #[serde(default)]
    pub recommendation: String,
}

/// The discount rate of a study that does not name one: 5 %, applied to its costs as stated
/// (nominal by default, `SourcingStudy::prices`). A plan with a discount schedule discounts the
/// study at the schedule instead, unless the study gives a reason for its own rate.
pub const DEFAULT_DISCOUNT_RATE: Decimal = dec!(0.05);

fn default_discount_rate() -> Decimal {
    DEFAULT_DISCOUNT_RATE
}

/// How a study's criterion weights are set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Weighting {
    /// Each criterion's `weight` as typed (normalised to sum to 1).
    #[default]
    Direct,
    /// From the pairwise judgements: AHP's principal eigenvector.
    Pairwise,
}

/// What a criterion's value is for an option.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CriterionBasis {
    /// A score from 1 to 10 with a rationale, given per option.
    #[default]
    Scores,
    /// The option's present-value TCO, computed from its cost profile; never typed in.
    PresentValueTco,
}

/// Whether more of a criterion is better or worse.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CriterionDirection {
    /// More is better (quality, flexibility).
    #[default]
    Benefit,
    /// More is worse (cost, risk).
    Cost,
}

/// One criterion the options are compared on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// Unique among the study's criteria.
    pub id: Id,
    /// Short name, e.g. "Service quality".
    pub name: String,
    /// What a high score means.
    #[serde(default)]
    pub description: String,
    /// Whether more is better.
    #[serde(default)]
    pub direction: CriterionDirection,
    /// Scored, or derived from cost.
    #[serde(default)]
    pub basis: CriterionBasis,
    /// The weight when weights are typed, as a fraction; the study's weights are normalised to
    /// sum to 1, so 0.2 of a total of 1 is 20 %.
    #[serde(default)]
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub weight: Decimal,
}

/// "`more` is `intensity` times as important as `less`", on Saaty's scale 1 to 9.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Judgement {
    /// The criterion judged more (or equally) important.
    pub more: Id,
    /// The other criterion.
    pub less: Id,
    /// 1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely more important (2, 4,
    /// 6, 8 between).
    pub intensity: u8,
}

/// The sourcing models Cairn knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourcingKind {
    /// Delivered by the organisation's own staff.
    #[default]
    InHouse,
    /// Outsourced to a provider as a managed service.
    ManagedService,
    /// Software as a service.
    Saas,
    /// Infrastructure or platform as a service in a public cloud.
    Cloud,
    /// Part in-house, part with a provider.
    Hybrid,
    /// Shared with other bodies (a shared-service centre, another government).
    SharedService,
    /// Anything else; the option's name says what.
    Custom,
}

impl SourcingKind {
    /// Every kind, in the order the editor offers them.
    pub const ALL: [SourcingKind; 7] = [
        SourcingKind::InHouse,
        SourcingKind::ManagedService,
        SourcingKind::Saas,
        SourcingKind::Cloud,
        SourcingKind::Hybrid,
        SourcingKind::SharedService,
        SourcingKind::Custom,
    ];

    /// The kind as people name it.
    pub fn label(self) -> &'static str {
        match self {
            SourcingKind::InHouse => "In-house",
            SourcingKind::ManagedService => "Outsourced / managed service",
            SourcingKind::Saas => "SaaS",
            SourcingKind::Cloud => "IaaS / PaaS cloud",
            SourcingKind::Hybrid => "Hybrid",
            SourcingKind::SharedService => "Shared service",
            SourcingKind::Custom => "Custom",
        }
    }
}

/// What an option costs over the plan's horizon, in the plan's currency (positive amounts).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CostProfile {
    /// One-off cost of moving to the option (procurement, transition, migration, severance),
    /// in the first year.
    #[serde(default)]
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub transition: Decimal,
    /// Run cost in the first year (staff, fees, licences, hosting).
    #[serde(default)]
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub run_per_year: Decimal,
    /// Annual escalation of the run cost, as a fraction: 0.03 is 3 % a year.
    #[serde(default)]
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub escalation: Decimal,
    /// Cost of leaving the option at the end of the horizon (exit, re-procurement, data
    /// extraction), in the last year.
    #[serde(default)]
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub exit: Decimal,
}

/// One way of delivering the service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourcingOption {
    /// Unique among the study's options.
    pub id: Id,
    /// Short name, e.g. "Managed service".
    pub name: String,
    /// The sourcing model.
    #[serde(default)]
    pub kind: SourcingKind,
    /// What the option is, in a sentence or two.
    #[serde(default)]
    pub description: String,
    /// Its costs over the horizon.
    #[serde(default)]
    pub costs: CostProfile,
    /// Change in the organisation's own headcount, in full-time equivalents (−12 moves twelve
    /// posts out).
    #[serde(default)]
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub headcount_change: Decimal,
    /// The contract term in years, when there is a contract.
    #[serde(default)]
    pub contract_years: Option<u8>,
    /// Its scores on the scored criteria.
    #[serde(default)]
    pub scores: Vec<Score>,
}

/// An option's score on one criterion, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Score {
    /// The criterion.
    pub criterion: Id,
    /// From [`Score::MIN`] to [`Score::MAX`]; on a cost-direction criterion (a risk) higher is
    /// worse.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub value: Decimal,
    /// Why this score: the evidence a board member can check.
    #[serde(default)]
    pub rationale: String,
}

impl Score {
    /// The lowest score.
    pub const MIN: Decimal = dec!(1);
    /// The highest score.
    pub const MAX: Decimal = dec!(10);
    /// The score new options and criteria start with: the middle of the scale.
    pub const NEUTRAL: Decimal = dec!(5);
}

impl SourcingStudy {
    /// The most criteria a study may have: AHP's random-index table ends at 15.
    pub const MAX_CRITERIA: usize = 15;
    /// The most options a study may have.
    pub const MAX_OPTIONS: usize = 20;
    /// The longest contract term accepted, in years.
    pub const MAX_CONTRACT_YEARS: u8 = 30;

    /// An option by id.
    pub fn option(&self, id: &str) -> Option<&SourcingOption> {
        self.options.iter().find(|o| o.id.as_str() == id)
    }

    /// A criterion by id.
    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id.as_str() == id)
    }

    /// The intensity with which criterion `a` is preferred to `b` as a matrix entry: `k` when a
    /// judgement says a is k times as important, `1/k` when it says b is, 1 when none does.
    pub fn pairwise_entry(&self, a: &Id, b: &Id) -> f64 {
        for j in &self.judgements {
            let k = f64::from(j.intensity.max(1));
            if &j.more == a && &j.less == b {
                return k;
            }
            if &j.more == b && &j.less == a {
                return 1.0 / k;
            }
        }
        1.0
    }
}

impl SourcingOption {
    /// The option's score on a criterion, if given.
    pub fn score(&self, criterion: &Id) -> Option<&Score> {
        self.scores.iter().find(|s| &s.criterion == criterion)
    }
}

/// The nine criteria a new study starts with, with weights summing to 1: (id, name,
/// description, direction, basis, weight).
pub fn default_criteria() -> Vec<Criterion> {
    use CriterionBasis::{PresentValueTco, Scores};
    use CriterionDirection::{Benefit, Cost};
    let rows: [(&str, &str, &str, CriterionDirection, CriterionBasis, Decimal); 9] = [
        (
            "total-cost",
            "Total cost",
            "Present value of the option's costs over the horizon.",
            Cost,
            PresentValueTco,
            dec!(0.25),
        ),
        (
            "service-quality",
            "Service quality",
            "Meets the service levels users need, reliably.",
            Benefit,
            Scores,
            dec!(0.15),
        ),
        (
            "security",
            "Security and compliance",
            "Protects data and meets legal and audit duties.",
            Benefit,
            Scores,
            dec!(0.12),
        ),
        (
            "control",
            "Control and flexibility",
            "The organisation can change the service when its needs change.",
            Benefit,
            Scores,
            dec!(0.10),
        ),
        (
            "scalability",
            "Scalability",
            "Grows and shrinks with demand without a new project.",
            Benefit,
            Scores,
            dec!(0.08),
        ),
        ("time-to-value", "Time to value", "How soon users see the improvement.", Benefit, Scores, dec!(0.07)),
        (
            "lock-in",
            "Vendor lock-in and exit risk",
            "How hard and costly it is to leave (higher is worse).",
            Cost,
            Scores,
            dec!(0.08),
        ),
        (
            "skills",
            "Skills availability",
            "The people needed can be hired, kept or bought.",
            Benefit,
            Scores,
            dec!(0.07),
        ),
        (
            "delivery-risk",
            "Delivery risk",
            "The chance the move fails, runs late or disrupts the service (higher is worse).",
            Cost,
            Scores,
            dec!(0.08),
        ),
    ];
    rows.into_iter()
        .filter_map(|(id, name, description, direction, basis, weight)| {
            Some(Criterion {
                id: Id::new(id).ok()?,
                name: name.into(),
                description: description.into(),
                direction,
                basis,
                weight,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_placeholder_studies_still_load() {
        let s: SourcingStudy =
            serde_json::from_str(r#"{"id":"sd","name":"Service desk","service":"Service desk"}"#).expect("loads");
        assert_eq!(s.discount_rate, DEFAULT_DISCOUNT_RATE);
        assert!(s.criteria.is_empty() && s.options.is_empty() && s.chosen.is_none());
        assert_eq!(s.weighting, Weighting::Direct);
    }

    #[test]
    fn default_criteria_weights_sum_to_one() {
        let c = default_criteria();
        assert_eq!(c.len(), 9);
        assert_eq!(c.iter().map(|c| c.weight).sum::<Decimal>(), Decimal::ONE);
        assert_eq!(c.iter().filter(|c| c.basis == CriterionBasis::PresentValueTco).count(), 1);
    }

    #[test]
    fn pairwise_entries_are_reciprocal() {
        let id = |s: &str| Id::new(s).expect("id");
        let mut s: SourcingStudy = serde_json::from_str(r#"{"id":"s","name":"S"}"#).expect("loads");
        s.judgements.push(Judgement { more: id("a"), less: id("b"), intensity: 3 });
        assert_eq!(s.pairwise_entry(&id("a"), &id("b")), 3.0);
        assert!((s.pairwise_entry(&id("b"), &id("a")) - 1.0 / 3.0).abs() < 1e-15);
        assert_eq!(s.pairwise_entry(&id("a"), &id("c")), 1.0);
    }
}

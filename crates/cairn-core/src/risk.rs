//! The risk register: threats and opportunities to the plan, in the vocabulary of ISO 31000 and
//! the UK Orange Book (cause → event → effect, inherent and residual ratings, response, owner,
//! actions, proximity, appetite).
//!
//! A [`Risk`] is rated on the plan's 5 × 5 scale ([`RiskScale`], held once in
//! [`RiskSettings`] in the plan's settings): likelihood 1–5 times impact 1–5 gives a score of 1
//! to 25, before controls (inherent) and after them (residual). Each category carries the board's
//! appetite, the highest residual score it accepts; [`RiskSettings::above_appetite`] is the one
//! rule that flags a risk beyond it. A risk may also be quantified for simulation: a probability,
//! a cost impact, a delay on a linked initiative and a benefit impact on a linked case, each as
//! three points (docs/risk.md).

use chrono::NaiveDate;
use rust_decimal::{Decimal, dec};
use serde::{Deserialize, Serialize};

use crate::fiscal::{FiscalYear, YearMonth};
use crate::plan::Id;

/// Whether a risk threatens the plan or could improve it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskKind {
    /// An uncertain event with a negative effect.
    #[default]
    Threat,
    /// An uncertain event with a positive effect.
    Opportunity,
}

/// How a risk is responded to. A threat is avoided, reduced, transferred or accepted; an
/// opportunity is exploited, enhanced, shared or accepted ([`Response::fits`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    /// Stop the activity that gives rise to the threat.
    Avoid,
    /// Act on its likelihood or impact (also "treat", "mitigate").
    Reduce,
    /// Pass the impact to a third party (insurance, contract).
    Transfer,
    /// Take it as it is, within appetite, and watch it (threat or opportunity).
    Accept,
    /// Make the opportunity certain to happen.
    Exploit,
    /// Raise its likelihood or its benefit.
    Enhance,
    /// Take it with a partner better placed to realise it.
    Share,
}

impl Response {
    /// Every response, in the order the register offers them.
    pub const ALL: [Response; 7] = [
        Response::Avoid,
        Response::Reduce,
        Response::Transfer,
        Response::Accept,
        Response::Exploit,
        Response::Enhance,
        Response::Share,
    ];

    /// Whether the response applies to a risk of this kind.
    pub fn fits(self, kind: RiskKind) -> bool {
        match self {
            Response::Accept => true,
            Response::Avoid | Response::Reduce | Response::Transfer => kind == RiskKind::Threat,
            Response::Exploit | Response::Enhance | Response::Share => kind == RiskKind::Opportunity,
        }
    }

    /// The response as the file writes it: "reduce".
    pub fn key(self) -> &'static str {
        match self {
            Response::Avoid => "avoid",
            Response::Reduce => "reduce",
            Response::Transfer => "transfer",
            Response::Accept => "accept",
            Response::Exploit => "exploit",
            Response::Enhance => "enhance",
            Response::Share => "share",
        }
    }
}

/// Where a risk stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskStatus {
    /// Live: assessed, owned and reviewed.
    #[default]
    Open,
    /// The event happened: managed as an issue, kept in the register for the record.
    Occurred,
    /// No longer a risk (passed, avoided or resolved).
    Closed,
}

/// A likelihood and an impact on the plan's scale, each 1 to [`RiskScale::LEVELS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rating {
    /// 1 (rare) to 5 (almost certain).
    pub likelihood: u8,
    /// 1 (minimal) to 5 (severe).
    pub impact: u8,
}

impl Rating {
    /// Likelihood × impact: 1 to 25 on a valid rating.
    pub fn score(self) -> u8 {
        self.likelihood.saturating_mul(self.impact)
    }
}

/// An action that treats the risk.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskAction {
    /// What is to be done.
    pub text: String,
    /// Who does it.
    #[serde(default)]
    pub owner: String,
    /// By when, if agreed.
    #[serde(default)]
    pub due: Option<NaiveDate>,
    /// Whether it is done.
    #[serde(default)]
    pub done: bool,
}

/// A sourcing option, named by its study and its id within the study.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionLink {
    /// The sourcing study.
    pub study: Id,
    /// The option within it.
    pub option: Id,
}

/// What a risk bears on, by id.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskLinks {
    /// Roadmap initiatives.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub initiatives: Vec<Id>,
    /// Business cases.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub business_cases: Vec<Id>,
    /// Options of sourcing studies.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sourcing_options: Vec<OptionLink>,
}

/// Three points of an estimate: lowest, most likely, highest (`min ≤ most_likely ≤ max`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThreePoint {
    /// Lowest.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub min: Decimal,
    /// Most likely.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub most_likely: Decimal,
    /// Highest.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub max: Decimal,
}

/// When a cost impact falls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum CostTiming {
    /// All in one fiscal year.
    Year {
        /// The fiscal year.
        year: FiscalYear,
    },
    /// Spread evenly over the fiscal years `from` to `to`, both included.
    Spread {
        /// The first fiscal year.
        from: FiscalYear,
        /// The last fiscal year.
        to: FiscalYear,
    },
}

/// The money a risk costs if it occurs (a threat), or saves (an opportunity), in the plan's
/// currency: the three points are the total, whatever the timing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CostImpact {
    /// When it falls.
    pub timing: CostTiming,
    /// How much in all, never negative.
    pub amount: ThreePoint,
}

/// The months a risk delays one of its linked initiatives if it occurs (a threat), or gains it
/// (an opportunity).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DelayImpact {
    /// The initiative, one of the risk's linked initiatives.
    pub initiative: Id,
    /// Months, 0 to [`DelayImpact::MAX_MONTHS`].
    pub months: ThreePoint,
}

impl DelayImpact {
    /// The longest delay a risk may state: ten years.
    pub const MAX_MONTHS: Decimal = dec!(120);
}

/// The share of one linked case's benefits a risk takes away if it occurs (a threat), or adds
/// (an opportunity): a percentage of every benefit line's amount, in every year.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BenefitImpact {
    /// The business case, one of the risk's linked cases.
    pub case: Id,
    /// Percent of the case's benefits, 0 to 100 ("25" is 25 %).
    pub percent: ThreePoint,
}

/// One entry of the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    /// Unique among the plan's risks.
    pub id: Id,
    /// A short title.
    pub title: String,
    /// Threat or opportunity.
    #[serde(default)]
    pub kind: RiskKind,
    /// Why it could happen.
    #[serde(default)]
    pub cause: String,
    /// What could happen.
    #[serde(default)]
    pub event: String,
    /// What it would do to the plan.
    #[serde(default)]
    pub effect: String,
    /// Its category: the id of one of the plan's [`RiskCategory`]s.
    pub category: Id,
    /// Who is accountable for it.
    #[serde(default)]
    pub owner: String,
    /// Before any control.
    pub inherent: Rating,
    /// With the controls and actions in place.
    pub residual: Rating,
    /// The chosen response.
    pub response: Response,
    /// What is being done about it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<RiskAction>,
    /// The first month the event could occur.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub proximity: Option<YearMonth>,
    /// Where it stands.
    #[serde(default)]
    pub status: RiskStatus,
    /// When it is next reviewed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review: Option<NaiveDate>,
    /// What it bears on.
    #[serde(default)]
    pub links: RiskLinks,
    /// The chance it occurs, in percent ("30" is 30 %), for simulation.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "crate::exact::option_decimal")]
    pub probability: Option<Decimal>,
    /// What it costs (or saves) if it occurs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<CostImpact>,
    /// How late (or early) it makes a linked initiative if it occurs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay: Option<DelayImpact>,
    /// What share of a linked case's benefits it takes (or adds) if it occurs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub benefit: Option<BenefitImpact>,
}

impl Risk {
    /// Whether it carries any quantified impact.
    pub fn is_quantified(&self) -> bool {
        self.cost.is_some() || self.delay.is_some() || self.benefit.is_some()
    }

    /// Sets what the simulations draw (a scenario's `risk_quantities` override): the chance and
    /// the impacts. A delay on an initiative, or a benefit impact on a case, that the risk does
    /// not link is dropped, as a linked one that goes is ([`Risk::forget_initiatives`]).
    pub fn set_quantities(
        &mut self,
        probability: Option<Decimal>,
        cost: Option<CostImpact>,
        delay: Option<&DelayImpact>,
        benefit: Option<&BenefitImpact>,
    ) {
        self.probability = probability;
        self.cost = cost;
        self.delay = delay.filter(|d| self.links.initiatives.contains(&d.initiative)).cloned();
        self.benefit = benefit.filter(|b| self.links.business_cases.contains(&b.case)).cloned();
    }

    /// The chance, in percent, with which the risk enters a simulation (docs/risk.md, "Register
    /// risks in the simulations"): `None` when it does not — closed, unquantified, or a
    /// probability of 0 — 100 when it has occurred (its impacts are now certain; their three
    /// points say how large), else its probability, the current estimate with the controls in
    /// place (the residual one: the register keeps one probability, maintained as the risk is).
    pub fn simulated_probability(&self) -> Option<Decimal> {
        if self.status == RiskStatus::Closed || !self.is_quantified() {
            return None;
        }
        let p = self.probability?;
        if self.status == RiskStatus::Occurred {
            return Some(dec!(100));
        }
        (p > Decimal::ZERO).then_some(p)
    }

    /// Forgets the initiatives `gone` names (deleted, or left out by a scenario); a delay on one
    /// goes with it.
    pub fn forget_initiatives(&mut self, gone: impl Fn(&Id) -> bool) {
        self.links.initiatives.retain(|i| !gone(i));
        if self.delay.as_ref().is_some_and(|d| gone(&d.initiative)) {
            self.delay = None;
        }
    }

    /// Forgets the business cases `gone` names; a benefit impact on one goes with it.
    pub fn forget_cases(&mut self, gone: impl Fn(&Id) -> bool) {
        self.links.business_cases.retain(|i| !gone(i));
        if self.benefit.as_ref().is_some_and(|b| gone(&b.case)) {
            self.benefit = None;
        }
    }

    /// Forgets the sourcing options `gone` names by study and option (a removed option, or every
    /// option of a deleted study).
    pub fn forget_options(&mut self, gone: impl Fn(&Id, &Id) -> bool) {
        self.links.sourcing_options.retain(|o| !gone(&o.study, &o.option));
    }
}

/// One level of the likelihood scale.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LikelihoodLevel {
    /// Its name, e.g. "Possible".
    pub label: String,
    /// What it means, e.g. "Could occur during the plan".
    #[serde(default)]
    pub description: String,
    /// The lowest probability of the level, in percent: a probability belongs to the highest
    /// level whose threshold it reaches. Level 1's is 0.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub from_percent: Decimal,
}

/// One level of the impact scale, with the thresholds that place an impact on it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ImpactLevel {
    /// Its name, e.g. "Major".
    pub label: String,
    /// What it means, e.g. "A critical service down for days".
    #[serde(default)]
    pub description: String,
    /// The lowest cost of the level, in the plan's currency. Level 1's is 0.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub from_amount: Decimal,
    /// The lowest delay of the level, in months. Level 1's is 0.
    #[serde(deserialize_with = "crate::exact::decimal")]
    pub from_months: Decimal,
}

/// The plan's 5 × 5 scale: five likelihood and five impact levels, lowest first.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskScale {
    /// Levels 1 to 5 of likelihood.
    pub likelihood: Vec<LikelihoodLevel>,
    /// Levels 1 to 5 of impact.
    pub impact: Vec<ImpactLevel>,
}

impl RiskScale {
    /// How many levels each axis has.
    pub const LEVELS: u8 = 5;

    /// The likelihood level a probability (in percent) falls in: the highest whose threshold it
    /// reaches (1 when none).
    pub fn likelihood_of(&self, percent: Decimal) -> u8 {
        level(self.likelihood.iter().map(|l| percent >= l.from_percent))
    }

    /// The impact level of a cost and a delay: the higher of the levels each reaches.
    pub fn impact_of(&self, amount: Decimal, months: Decimal) -> u8 {
        let by_amount = level(self.impact.iter().map(|l| amount >= l.from_amount));
        let by_months = level(self.impact.iter().map(|l| months >= l.from_months));
        by_amount.max(by_months)
    }
}

/// The 1-based number of the last level reached, 1 when none is.
fn level(reached: impl Iterator<Item = bool>) -> u8 {
    let mut out = 1;
    for (k, ok) in reached.enumerate() {
        if ok {
            out = u8::try_from(k + 1).unwrap_or(u8::MAX);
        }
    }
    out
}

impl Default for RiskScale {
    /// A public-sector scale: likelihood bands of 5, 20, 50 and 80 %; impact thresholds of
    /// 100 thousand, 500 thousand, 2 million and 10 million in the plan's currency, and of 1, 3, 6
    /// and 12 months.
    fn default() -> RiskScale {
        let l = |label: &str, description: &str, from_percent: Decimal| LikelihoodLevel {
            label: label.into(),
            description: description.into(),
            from_percent,
        };
        let i = |label: &str, description: &str, from_amount: Decimal, from_months: Decimal| ImpactLevel {
            label: label.into(),
            description: description.into(),
            from_amount,
            from_months,
        };
        RiskScale {
            likelihood: vec![
                l("Rare", "May occur only in exceptional circumstances (under 5 %).", dec!(0)),
                l("Unlikely", "Could occur, but not expected during the plan (5 % to 20 %).", dec!(5)),
                l("Possible", "Might occur during the plan (20 % to 50 %).", dec!(20)),
                l("Likely", "Will probably occur during the plan (50 % to 80 %).", dec!(50)),
                l("Almost certain", "Expected to occur during the plan (80 % or more).", dec!(80)),
            ],
            impact: vec![
                i("Minimal", "Absorbed within the team's budget and schedule.", dec!(0), dec!(0)),
                i("Minor", "Absorbed within the programme's contingency.", dec!(100000), dec!(1)),
                i("Moderate", "Needs the CIO's decision to absorb.", dec!(500000), dec!(3)),
                i("Major", "Needs the executive's decision; a service visibly affected.", dec!(2000000), dec!(6)),
                i(
                    "Severe",
                    "Needs the board's decision; critical services or the plan's goals at stake.",
                    dec!(10000000),
                    dec!(12),
                ),
            ],
        }
    }
}

/// A category of risk, with the board's appetite for it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskCategory {
    /// Unique among the categories; what a risk names.
    pub id: Id,
    /// Its name, e.g. "Cyber".
    pub name: String,
    /// The highest residual score (1 to 25) the board accepts in the category; none: no
    /// appetite stated, so nothing in it is flagged.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub appetite: Option<u8>,
}

/// The plan's risk settings: the scale and the categories with their appetite.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskSettings {
    /// The 5 × 5 scale.
    #[serde(default)]
    pub scale: RiskScale,
    /// The categories a risk may be in: the seven of [`RiskSettings::default`] and any the plan
    /// adds.
    #[serde(default = "default_categories")]
    pub categories: Vec<RiskCategory>,
}

/// The seven categories every plan starts with (ids, then names).
pub const DEFAULT_CATEGORIES: [(&str, &str); 7] = [
    ("cyber", "Cyber"),
    ("delivery", "Delivery"),
    ("financial", "Financial"),
    ("supplier", "Supplier"),
    ("compliance-legal", "Compliance and legal"),
    ("workforce", "Workforce"),
    ("technology", "Technology"),
];

fn default_categories() -> Vec<RiskCategory> {
    DEFAULT_CATEGORIES
        .iter()
        .filter_map(|(id, name)| Some(RiskCategory { id: Id::new(*id).ok()?, name: (*name).into(), appetite: None }))
        .collect()
}

impl Default for RiskSettings {
    fn default() -> RiskSettings {
        RiskSettings { scale: RiskScale::default(), categories: default_categories() }
    }
}

impl RiskSettings {
    /// Whether these are the defaults (left out of the plan file).
    pub fn is_default(&self) -> bool {
        *self == RiskSettings::default()
    }

    /// The appetite of a category, if it states one.
    pub fn appetite(&self, category: &Id) -> Option<u8> {
        self.categories.iter().find(|c| &c.id == category).and_then(|c| c.appetite)
    }

    /// The one rule for a risk beyond appetite: a threat that is not closed, whose residual
    /// score is above its category's appetite. An opportunity is never beyond appetite (appetite
    /// bounds the exposure the board accepts), nor is a risk in a category without one.
    pub fn above_appetite(&self, risk: &Risk) -> bool {
        risk.kind == RiskKind::Threat
            && risk.status != RiskStatus::Closed
            && self.appetite(&risk.category).is_some_and(|a| risk.residual.score() > a)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn risk(kind: RiskKind, category: &str, residual: (u8, u8), status: RiskStatus) -> Risk {
        Risk {
            id: Id::new("r").expect("id"),
            title: "A risk".into(),
            kind,
            cause: String::new(),
            event: String::new(),
            effect: String::new(),
            category: Id::new(category).expect("id"),
            owner: String::new(),
            inherent: Rating { likelihood: 5, impact: 5 },
            residual: Rating { likelihood: residual.0, impact: residual.1 },
            response: Response::Accept,
            actions: Vec::new(),
            proximity: None,
            status,
            review: None,
            links: RiskLinks::default(),
            probability: None,
            cost: None,
            delay: None,
            benefit: None,
        }
    }

    #[test]
    fn appetite_flags_only_open_threats_above_it() {
        let mut s = RiskSettings::default();
        s.categories[0].appetite = Some(8); // cyber
        let check = |kind, category: &str, residual, status, want: bool| {
            assert_eq!(s.above_appetite(&risk(kind, category, residual, status)), want, "{category} {residual:?}");
        };
        check(RiskKind::Threat, "cyber", (3, 3), RiskStatus::Open, true);
        check(RiskKind::Threat, "cyber", (2, 4), RiskStatus::Open, false); // 8: at appetite
        check(RiskKind::Threat, "cyber", (3, 3), RiskStatus::Occurred, true);
        check(RiskKind::Threat, "cyber", (3, 3), RiskStatus::Closed, false);
        check(RiskKind::Opportunity, "cyber", (5, 5), RiskStatus::Open, false);
        check(RiskKind::Threat, "delivery", (5, 5), RiskStatus::Open, false); // no appetite stated
    }

    #[test]
    fn responses_fit_their_kind() {
        let threat: Vec<_> = Response::ALL.iter().filter(|r| r.fits(RiskKind::Threat)).map(|r| r.key()).collect();
        let opportunity: Vec<_> =
            Response::ALL.iter().filter(|r| r.fits(RiskKind::Opportunity)).map(|r| r.key()).collect();
        assert_eq!(threat, ["avoid", "reduce", "transfer", "accept"]);
        assert_eq!(opportunity, ["accept", "exploit", "enhance", "share"]);
    }

    #[test]
    fn levels_follow_the_thresholds() {
        let s = RiskScale::default();
        for (percent, want) in
            [(dec!(0), 1), (dec!(4.99), 1), (dec!(5), 2), (dec!(49), 3), (dec!(80), 5), (dec!(100), 5)]
        {
            assert_eq!(s.likelihood_of(percent), want, "{percent} %");
        }
        for (amount, months, want) in [
            (dec!(0), dec!(0), 1),
            (dec!(99999), dec!(0), 1),
            (dec!(100000), dec!(0), 2),
            (dec!(0), dec!(6), 4),
            (dec!(750000), dec!(2), 3),
            (dec!(20000000), dec!(0), 5),
        ] {
            assert_eq!(s.impact_of(amount, months), want, "{amount} {months}");
        }
    }

    #[test]
    fn forgetting_a_link_takes_its_impact_with_it() {
        let plan = crate::demo::demo_plan();
        let mut r = plan.risks.iter().find(|r| r.id.as_str() == "risk-erp-data").expect("demo risk").clone();
        r.forget_initiatives(|i| i.as_str() == "data-governance");
        assert_eq!(r.links.initiatives, [Id::new("erp-finance").expect("id")]);
        assert!(r.delay.is_some(), "the delay is on erp-finance");
        r.forget_initiatives(|i| i.as_str() == "erp-finance");
        assert!(r.links.initiatives.is_empty() && r.delay.is_none());
        r.forget_cases(|c| c.as_str() == "case-erp");
        assert!(r.links.business_cases.is_empty() && r.benefit.is_none());
        let mut r = plan.risks.iter().find(|r| !r.links.sourcing_options.is_empty()).expect("demo risk").clone();
        r.forget_options(|s, _| s.as_str() == "study-service-desk");
        assert!(r.links.sourcing_options.is_empty());
    }

    #[test]
    fn scores_multiply() {
        assert_eq!(Rating { likelihood: 4, impact: 5 }.score(), 20);
        assert_eq!(Rating { likelihood: 1, impact: 1 }.score(), 1);
    }
}

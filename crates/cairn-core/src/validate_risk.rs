//! The risk register's rules: the plan's scale and categories (`settings.risk`) and every risk
//! (`risks[i]`), each problem named by its JSON path in the plan (docs/risk.md).

use std::collections::{HashMap, HashSet};

use rust_decimal::{Decimal, dec};

use crate::plan::{Horizon, Id, Plan};
use crate::risk::{CostTiming, DelayImpact, Rating, Response, Risk, RiskKind, RiskScale, RiskSettings, ThreePoint};
use crate::validate::{Checker, MAX_TEXT_CHARS};

/// The highest score on the 5 × 5 scale.
const MAX_SCORE: u8 = RiskScale::LEVELS * RiskScale::LEVELS;

/// Checks the risk settings and the register.
pub(crate) fn risks(c: &mut Checker, plan: &Plan) {
    let categories = settings(c, &plan.settings.risk);
    c.unique("risks", plan.risks.iter().map(|r| &r.id));
    let scope = Scope::new(plan, categories);
    for (i, r) in plan.risks.iter().enumerate() {
        risk(c, &format!("risks[{i}]"), r, &scope);
    }
}

/// What a risk may name: its category, and the plan's initiatives, cases and sourcing options.
struct Scope<'a> {
    categories: HashSet<&'a Id>,
    initiatives: HashSet<&'a Id>,
    cases: HashSet<&'a Id>,
    options: HashMap<&'a Id, HashSet<&'a Id>>,
}

impl<'a> Scope<'a> {
    fn new(plan: &'a Plan, categories: HashSet<&'a Id>) -> Scope<'a> {
        Scope {
            categories,
            initiatives: plan.initiatives.iter().map(|x| &x.id).collect(),
            cases: plan.business_cases.iter().map(|x| &x.id).collect(),
            options: plan.sourcing_studies.iter().map(|s| (&s.id, s.options.iter().map(|o| &o.id).collect())).collect(),
        }
    }
}

/// The scale and the categories; returns the categories' ids.
fn settings<'a>(c: &mut Checker, s: &'a RiskSettings) -> HashSet<&'a Id> {
    let at = "settings.risk";
    let levels = usize::from(RiskScale::LEVELS);
    if s.scale.likelihood.len() != levels {
        c.fail(
            format!("{at}.scale.likelihood"),
            format!("has {} levels; the scale has exactly {levels}", s.scale.likelihood.len()),
        );
    }
    if s.scale.impact.len() != levels {
        c.fail(
            format!("{at}.scale.impact"),
            format!("has {} levels; the scale has exactly {levels}", s.scale.impact.len()),
        );
    }
    let likelihood: Vec<Decimal> = s.scale.likelihood.iter().map(|l| l.from_percent).collect();
    for (k, l) in s.scale.likelihood.iter().enumerate() {
        let p = |field: &str| format!("{at}.scale.likelihood[{k}].{field}");
        c.name(p("label"), &l.label, true);
        c.text(p("description"), &l.description);
        if !(dec!(0)..=dec!(100)).contains(&l.from_percent) {
            c.fail(p("from_percent"), format!("{} % is not a probability: use 0 to 100", l.from_percent.normalize()));
        }
    }
    thresholds(c, &likelihood, |k| format!("{at}.scale.likelihood[{k}].from_percent"));
    let amounts: Vec<Decimal> = s.scale.impact.iter().map(|l| l.from_amount).collect();
    let months: Vec<Decimal> = s.scale.impact.iter().map(|l| l.from_months).collect();
    for (k, l) in s.scale.impact.iter().enumerate() {
        let p = |field: &str| format!("{at}.scale.impact[{k}].{field}");
        c.name(p("label"), &l.label, true);
        c.text(p("description"), &l.description);
        c.amount(p("from_amount"), l.from_amount);
    }
    thresholds(c, &amounts, |k| format!("{at}.scale.impact[{k}].from_amount"));
    thresholds(c, &months, |k| format!("{at}.scale.impact[{k}].from_months"));
    let ids = c.unique(&format!("{at}.categories"), s.categories.iter().map(|x| &x.id));
    for (k, x) in s.categories.iter().enumerate() {
        c.name(format!("{at}.categories[{k}].name"), &x.name, true);
        if let Some(a) = x.appetite
            && !(1..=MAX_SCORE).contains(&a)
        {
            c.fail(format!("{at}.categories[{k}].appetite"), format!("{a} is not a score: use 1 to {MAX_SCORE}"));
        }
    }
    ids
}

/// A scale's thresholds: the first is 0, each above the one before.
fn thresholds(c: &mut Checker, values: &[Decimal], path: impl Fn(usize) -> String) {
    if let Some(first) = values.first()
        && !first.is_zero()
    {
        c.fail(path(0), format!("is {}, but level 1 starts at 0", first.normalize()));
    }
    for (k, pair) in values.windows(2).enumerate() {
        if pair[1] <= pair[0] {
            c.fail(
                path(k + 1),
                format!(
                    "is {}, but each level starts above the one before ({})",
                    pair[1].normalize(),
                    pair[0].normalize()
                ),
            );
        }
    }
}

fn risk(c: &mut Checker, at: &str, r: &Risk, scope: &Scope<'_>) {
    let p = |field: &str| format!("{at}.{field}");
    c.name(p("title"), &r.title, true);
    c.name(p("owner"), &r.owner, false);
    for (field, text) in [("cause", &r.cause), ("event", &r.event), ("effect", &r.effect)] {
        if text.len() > MAX_TEXT_CHARS && text.chars().count() > MAX_TEXT_CHARS {
            c.fail(p(field), format!("must be at most {MAX_TEXT_CHARS} characters"));
        }
    }
    if !scope.categories.contains(&r.category) {
        c.fail(p("category"), format!("no risk category has the id \"{}\"", r.category));
    }
    rating(c, &p("inherent"), r.inherent);
    rating(c, &p("residual"), r.residual);
    response(c, &p("response"), r.kind, r.response);
    for (j, a) in r.actions.iter().enumerate() {
        c.name(format!("{at}.actions[{j}].text"), &a.text, true);
        c.name(format!("{at}.actions[{j}].owner"), &a.owner, false);
    }
    if let Some(month) = r.proximity {
        c.month_in_range(p("proximity"), month);
    }
    links(c, at, r, scope);
    quantities(c, at, r);
}

/// A response that fits the risk's kind.
pub(crate) fn response(c: &mut Checker, at: &str, kind: RiskKind, response: Response) {
    if !response.fits(kind) {
        let kind = match kind {
            RiskKind::Threat => "a threat: use avoid, reduce, transfer or accept",
            RiskKind::Opportunity => "an opportunity: use exploit, enhance, share or accept",
        };
        c.fail(at, format!("\"{}\" is not a response to {kind}", response.key()));
    }
}

/// A likelihood and an impact on the scale.
pub(crate) fn rating(c: &mut Checker, at: &str, r: Rating) {
    for (field, value) in [("likelihood", r.likelihood), ("impact", r.impact)] {
        if !(1..=RiskScale::LEVELS).contains(&value) {
            c.fail(format!("{at}.{field}"), format!("{value} is not on the scale: use 1 to {}", RiskScale::LEVELS));
        }
    }
}

fn links(c: &mut Checker, at: &str, r: &Risk, scope: &Scope<'_>) {
    let mut seen = HashSet::new();
    for (j, id) in r.links.initiatives.iter().enumerate() {
        let path = || format!("{at}.links.initiatives[{j}]");
        if !scope.initiatives.contains(id) {
            c.fail(path(), format!("no initiative has the id \"{id}\""));
        } else if !seen.insert(id) {
            c.fail(path(), format!("links \"{id}\" twice"));
        }
    }
    let mut seen = HashSet::new();
    for (j, id) in r.links.business_cases.iter().enumerate() {
        let path = || format!("{at}.links.business_cases[{j}]");
        if !scope.cases.contains(id) {
            c.fail(path(), format!("no business case has the id \"{id}\""));
        } else if !seen.insert(id) {
            c.fail(path(), format!("links \"{id}\" twice"));
        }
    }
    let mut seen = HashSet::new();
    for (j, o) in r.links.sourcing_options.iter().enumerate() {
        let path = |field: &str| format!("{at}.links.sourcing_options[{j}].{field}");
        match scope.options.get(&o.study) {
            None => c.fail(path("study"), format!("no sourcing study has the id \"{}\"", o.study)),
            Some(options) if !options.contains(&o.option) => c.fail(
                path("option"),
                format!("the sourcing study \"{}\" has no option with the id \"{}\"", o.study, o.option),
            ),
            Some(_) if !seen.insert((&o.study, &o.option)) => {
                c.fail(path("option"), format!("links \"{}\" of \"{}\" twice", o.option, o.study));
            }
            Some(_) => {}
        }
    }
}

/// The chance and the impacts: in range, ordered, and on what the risk links.
pub(crate) fn quantities(c: &mut Checker, at: &str, r: &Risk) {
    let p = |field: &str| format!("{at}.{field}");
    if let Some(probability) = r.probability
        && !(dec!(0)..=dec!(100)).contains(&probability)
    {
        c.fail(p("probability"), format!("{} % is not a probability: use 0 to 100", probability.normalize()));
    }
    if r.probability.is_none() && r.is_quantified() {
        c.fail(p("probability"), "is needed when the risk states a cost, delay or benefit impact");
    }
    if let Some(cost) = &r.cost {
        three_points(c, &p("cost.amount"), cost.amount, crate::validate::MAX_AMOUNT, "an amount");
        // Any year a plan can name, as a case's years: a cost past the horizon is kept (a
        // horizon shortened later does not make the register invalid) and counts in no year of
        // the plan's spend.
        let (first, last) = (Horizon::MIN_FIRST_YEAR, Horizon::MAX_FIRST_YEAR + i32::from(Horizon::MAX_YEARS) - 1);
        let year = |c: &mut Checker, field: &str, y: crate::fiscal::FiscalYear| {
            if !(first..=last).contains(&y.0) {
                c.fail(
                    format!("{at}.cost.timing.{field}"),
                    format!("{} is outside the fiscal years Cairn plans in ({first} to {last})", y.0),
                );
            }
        };
        match cost.timing {
            CostTiming::Year { year: y } => year(c, "year", y),
            CostTiming::Spread { from, to } => {
                year(c, "from", from);
                year(c, "to", to);
                if to < from {
                    c.fail(format!("{at}.cost.timing.to"), format!("{} is before the first year, {}", to.0, from.0));
                }
            }
        }
    }
    if let Some(delay) = &r.delay {
        three_points(c, &p("delay.months"), delay.months, DelayImpact::MAX_MONTHS, "a delay in months");
        if !r.links.initiatives.contains(&delay.initiative) {
            c.fail(
                p("delay.initiative"),
                format!("\"{}\" is not one of the risk's linked initiatives", delay.initiative),
            );
        }
    }
    if let Some(benefit) = &r.benefit {
        three_points(c, &p("benefit.percent"), benefit.percent, dec!(100), "a percentage of benefits");
        if !r.links.business_cases.contains(&benefit.case) {
            c.fail(p("benefit.case"), format!("\"{}\" is not one of the risk's linked business cases", benefit.case));
        }
    }
}

/// Three points: each from 0 to `max`, and in order.
fn three_points(c: &mut Checker, at: &str, t: ThreePoint, max: Decimal, what: &str) {
    for (field, value) in [("min", t.min), ("most_likely", t.most_likely), ("max", t.max)] {
        if value < Decimal::ZERO || value > max {
            c.fail(
                format!("{at}.{field}"),
                format!("{} is not {what} Cairn accepts: use 0 to {}", value.normalize(), max.normalize()),
            );
        }
    }
    if t.most_likely < t.min {
        c.fail(
            format!("{at}.most_likely"),
            format!("{} is below the minimum, {}", t.most_likely.normalize(), t.min.normalize()),
        );
    }
    if t.max < t.most_likely {
        c.fail(
            format!("{at}.max"),
            format!("{} is below the most likely, {}", t.max.normalize(), t.most_likely.normalize()),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The problems of the demo plan after `edit`, as `path: reason` lines.
    fn check(edit: impl FnOnce(&mut Plan), want: &[&str]) {
        let mut plan = crate::demo::demo_plan();
        edit(&mut plan);
        let mut c = Checker::new();
        risks(&mut c, &plan);
        let got: Vec<String> = c.problems().iter().map(ToString::to_string).collect();
        assert_eq!(got, want);
    }

    fn id(text: &str) -> Id {
        Id::new(text).expect("id")
    }

    #[test]
    fn the_demo_register_is_valid() {
        check(|_| {}, &[]);
    }

    #[test]
    fn ratings_appetite_and_scale() {
        check(
            |p| {
                p.risks[0].inherent.likelihood = 0;
                p.risks[0].residual.impact = 6;
                p.settings.risk.categories[1].appetite = Some(26);
                p.settings.risk.scale.impact[2].from_months = dec!(1);
                p.settings.risk.scale.likelihood[0].from_percent = dec!(1);
                p.settings.risk.scale.likelihood.pop();
            },
            &[
                "settings.risk.scale.likelihood: has 4 levels; the scale has exactly 5",
                "settings.risk.scale.likelihood[0].from_percent: is 1, but level 1 starts at 0",
                "settings.risk.scale.impact[2].from_months: is 1, but each level starts above the one before (1)",
                "settings.risk.categories[1].appetite: 26 is not a score: use 1 to 25",
                "risks[0].inherent.likelihood: 0 is not on the scale: use 1 to 5",
                "risks[0].residual.impact: 6 is not on the scale: use 1 to 5",
            ],
        );
    }

    #[test]
    fn links_name_what_exists() {
        check(
            |p| {
                let r = &mut p.risks[1];
                r.links.initiatives = vec![id("dc-exit"), id("gone"), id("dc-exit")];
                r.links.business_cases = vec![id("case-nope")];
                r.links.sourcing_options = vec![
                    crate::risk::OptionLink { study: id("study-email"), option: id("sd-hybrid") },
                    crate::risk::OptionLink { study: id("study-nope"), option: id("x") },
                ];
                r.delay = None;
                r.benefit = None;
                r.category = id("weather");
            },
            &[
                "risks[1].category: no risk category has the id \"weather\"",
                "risks[1].links.initiatives[1]: no initiative has the id \"gone\"",
                "risks[1].links.initiatives[2]: links \"dc-exit\" twice",
                "risks[1].links.business_cases[0]: no business case has the id \"case-nope\"",
                "risks[1].links.sourcing_options[0].option: the sourcing study \"study-email\" has no option with the id \"sd-hybrid\"",
                "risks[1].links.sourcing_options[1].study: no sourcing study has the id \"study-nope\"",
            ],
        );
    }

    #[test]
    fn quantities_are_ordered_bounded_and_linked() {
        check(
            |p| {
                let r = &mut p.risks[0];
                r.probability = Some(dec!(120));
                r.response = crate::risk::Response::Exploit;
                r.cost = Some(crate::risk::CostImpact {
                    timing: CostTiming::Spread { from: crate::FiscalYear(2030), to: crate::FiscalYear(2029) },
                    amount: ThreePoint { min: dec!(-1), most_likely: dec!(5), max: dec!(4) },
                });
                r.delay = Some(DelayImpact {
                    initiative: id("open-data"),
                    months: ThreePoint { min: dec!(1), most_likely: dec!(2), max: dec!(121) },
                });
                r.benefit = None;
            },
            &[
                "risks[0].response: \"exploit\" is not a response to a threat: use avoid, reduce, transfer or accept",
                "risks[0].probability: 120 % is not a probability: use 0 to 100",
                "risks[0].cost.amount.min: -1 is not an amount Cairn accepts: use 0 to 1000000000000000",
                "risks[0].cost.amount.max: 4 is below the most likely, 5",
                "risks[0].cost.timing.to: 2029 is before the first year, 2030",
                "risks[0].delay.months.max: 121 is not a delay in months Cairn accepts: use 0 to 120",
                "risks[0].delay.initiative: \"open-data\" is not one of the risk's linked initiatives",
            ],
        );
        check(
            |p| {
                let r = &mut p.risks[0];
                r.probability = None;
                r.cost = Some(crate::risk::CostImpact {
                    timing: CostTiming::Year { year: crate::FiscalYear(1900) },
                    amount: ThreePoint { min: dec!(1), most_likely: dec!(1), max: dec!(1) },
                });
            },
            &[
                "risks[0].probability: is needed when the risk states a cost, delay or benefit impact",
                "risks[0].cost.timing.year: 1900 is outside the fiscal years Cairn plans in (1901 to 2228)",
            ],
        );
    }
}

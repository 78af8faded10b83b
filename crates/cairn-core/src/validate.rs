//! Validation of a whole plan: the rules a plan obeys wherever it comes from (a file, an edit,
//! a migration). Each problem names the field by its JSON path inside the plan, so a file error
//! and an edit error read the same way.

use std::collections::HashSet;
use std::fmt;

use rust_decimal::{Decimal, dec};

use crate::case::LineAmounts;
use crate::fiscal::YearMonth;
use crate::plan::{Horizon, Id, Plan};
use crate::roadmap::Budget;
use crate::scenario::{Override, ScenarioError};
use crate::sourcing::{CriterionBasis, CriterionDirection, Score, SourcingStudy};

/// One broken rule: where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// JSON path inside the plan, e.g. `initiatives[3].end`.
    pub path: String,
    /// What is wrong, in plain words.
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

/// The longest name Cairn accepts; long enough for any real title, short enough for a page.
pub const MAX_NAME_CHARS: usize = 200;

pub(crate) struct Checker {
    problems: Vec<Problem>,
}

/// Where a problem is: a path as text, or a closure that writes it. The checks take either, and a
/// closure is called only when there is a problem to report: writing the path of every field
/// checked (tens of thousands in a plan of 10,000 initiatives) was most of validation's time.
pub(crate) trait PathText {
    fn text(self) -> String;
}

impl PathText for String {
    fn text(self) -> String {
        self
    }
}

impl PathText for &str {
    fn text(self) -> String {
        self.to_owned()
    }
}

impl<F: FnOnce() -> String> PathText for F {
    fn text(self) -> String {
        self()
    }
}

#[cfg(test)]
impl Checker {
    pub(crate) fn new() -> Checker {
        Checker { problems: Vec::new() }
    }

    pub(crate) fn problems(self) -> Vec<Problem> {
        self.problems
    }
}

impl Checker {
    /// Records a problem. Its reason quotes names and values from the plan, so it is made one
    /// line here ([`crate::text::one_line`]): a name holding a newline cannot split an error.
    pub(crate) fn fail(&mut self, path: impl PathText, reason: impl Into<String>) {
        let reason = reason.into();
        let reason = match crate::text::one_line(&reason) {
            std::borrow::Cow::Borrowed(_) => reason,
            std::borrow::Cow::Owned(escaped) => escaped,
        };
        self.problems.push(Problem { path: path.text(), reason });
    }

    /// How many problems are recorded so far: a check can skip what depends on parts that failed.
    pub(crate) fn count(&self) -> usize {
        self.problems.len()
    }

    pub(crate) fn name(&mut self, path: impl PathText, name: &str, required: bool) {
        if required && name.trim().is_empty() {
            self.fail(path, "must not be empty");
        } else if name.len() > MAX_NAME_CHARS && name.chars().count() > MAX_NAME_CHARS {
            // At most MAX_NAME_CHARS bytes means at most as many characters: counted only past that.
            self.fail(path, format!("must be at most {MAX_NAME_CHARS} characters"));
        }
    }

    /// Ids must be unique within a collection; returns the set for reference checks.
    pub(crate) fn unique<'a>(&mut self, collection: &str, ids: impl Iterator<Item = &'a Id>) -> HashSet<&'a Id> {
        let mut seen = HashSet::new();
        for (i, id) in ids.enumerate() {
            if !seen.insert(id) {
                self.fail(format!("{collection}[{i}].id"), format!("duplicate id \"{id}\""));
            }
        }
        seen
    }

    pub(crate) fn fraction(&mut self, path: impl PathText, value: Decimal, min: Decimal, max: Decimal, what: &str) {
        if !(min..=max).contains(&value) {
            let pct = |d: Decimal| (d * dec!(100)).normalize();
            self.fail(
                path,
                format!("{} % is not {what} Cairn accepts: use {} % to {} %", pct(value), pct(min), pct(max)),
            );
        }
    }

    pub(crate) fn text(&mut self, path: impl PathText, text: &str) {
        if text.len() > MAX_TEXT_CHARS && text.chars().count() > MAX_TEXT_CHARS {
            self.fail(path, format!("must be at most {MAX_TEXT_CHARS} characters"));
        }
    }

    pub(crate) fn amount(&mut self, path: impl PathText, value: Decimal) {
        if value.abs() > MAX_AMOUNT {
            self.fail(path, "is too large: amounts are limited to 1,000,000,000,000,000");
        }
    }

    pub(crate) fn month_in_range(&mut self, path: impl PathText, month: YearMonth) {
        if !(Horizon::MIN_FIRST_YEAR..=Horizon::MAX_FIRST_YEAR).contains(&month.year()) {
            self.fail(path, format!("{month} is outside the years Cairn plans in"));
        }
    }
}

impl Horizon {
    /// The earliest first fiscal year accepted.
    pub const MIN_FIRST_YEAR: i32 = 1901;
    /// The latest first fiscal year accepted.
    pub const MAX_FIRST_YEAR: i32 = 2199;
}

/// Every problem with a plan; empty when it is valid. A baseline's frozen plan obeys the same
/// rules, reported under `baselines[i].plan.`.
pub fn validate(plan: &Plan) -> Vec<Problem> {
    let mut c = Checker { problems: Vec::new() };
    c.name("name", &plan.name, true);
    c.name("organisation", &plan.organisation, false);

    let cal = &plan.settings.fiscal_calendar;
    if cal.check().is_err() {
        c.fail(
            "settings.fiscal_calendar.start_month",
            format!("must be a month from 1 to 12, not {}", cal.start_month),
        );
    }
    if cal.prefix.chars().count() > 8 {
        c.fail("settings.fiscal_calendar.prefix", "must be at most 8 characters");
    }
    let horizon = &plan.settings.horizon;
    if !(Horizon::MIN_FIRST_YEAR..=Horizon::MAX_FIRST_YEAR).contains(&horizon.first_year.0) {
        c.fail(
            "settings.horizon.first_year",
            format!("must be between {} and {}", Horizon::MIN_FIRST_YEAR, Horizon::MAX_FIRST_YEAR),
        );
    }
    if !(1..=Horizon::MAX_YEARS).contains(&horizon.years) {
        c.fail("settings.horizon.years", format!("must be between 1 and {}", Horizon::MAX_YEARS));
    }

    accepted_findings(&mut c, &plan.settings.accepted_findings);

    let goals = c.unique("goals", plan.goals.iter().map(|g| &g.id));
    for (i, g) in plan.goals.iter().enumerate() {
        c.name(format!("goals[{i}].name"), &g.name, true);
    }
    let themes = c.unique("themes", plan.themes.iter().map(|t| &t.id));
    for (i, t) in plan.themes.iter().enumerate() {
        c.name(format!("themes[{i}].name"), &t.name, true);
    }
    let initiatives = c.unique("initiatives", plan.initiatives.iter().map(|x| &x.id));
    for (i, x) in plan.initiatives.iter().enumerate() {
        let at = |field: &str| format!("initiatives[{i}].{field}");
        c.name(|| at("name"), &x.name, true);
        c.month_in_range(|| at("start"), x.start);
        c.month_in_range(|| at("end"), x.end);
        if x.end < x.start {
            c.fail(at("end"), format!("ends ({}) before it starts ({})", x.end, x.start));
        }
        if let Some(theme) = &x.theme
            && !themes.contains(theme)
        {
            c.fail(at("theme"), format!("no theme has the id \"{theme}\""));
        }
        for (j, goal) in x.goals.iter().enumerate() {
            if !goals.contains(goal) {
                c.fail(format!("initiatives[{i}].goals[{j}]"), format!("no goal has the id \"{goal}\""));
            }
        }
    }
    let cases: HashSet<&Id> = plan.business_cases.iter().map(|x| &x.id).collect();
    let resolved = crate::validate_roadmap::Resolved::new(&plan.initiatives);
    crate::validate_roadmap::initiatives(&mut c, plan, &cases, resolved.as_ref());
    crate::validate_roadmap::settings(&mut c, plan, &themes);
    crate::validate_length::free_text(&mut c, plan);
    c.unique("business_cases", plan.business_cases.iter().map(|x| &x.id));
    let scope = crate::validate_case::CaseScope::new(plan, &initiatives);
    for (i, x) in plan.business_cases.iter().enumerate() {
        let at = format!("business_cases[{i}]");
        crate::validate_case::business_case(&mut c, &at, x, &scope);
        crate::validate_case::end_values(&mut c, &at, x, &scope);
    }
    crate::validate_appraisal::appraisal(&mut c, plan);
    crate::validate_risk::risks(&mut c, plan);
    c.unique("sourcing_studies", plan.sourcing_studies.iter().map(|x| &x.id));
    for (i, x) in plan.sourcing_studies.iter().enumerate() {
        sourcing_study(&mut c, &format!("sourcing_studies[{i}]"), x);
    }
    let scenarios = c.unique("scenarios", plan.scenarios.iter().map(|x| &x.id));
    for (i, x) in plan.scenarios.iter().enumerate() {
        let at = |field: &str| format!("scenarios[{i}].{field}");
        c.name(at("name"), &x.name, true);
        if let Some(parent) = &x.parent {
            if !scenarios.contains(parent) {
                c.fail(at("parent"), format!("no scenario has the id \"{parent}\""));
            } else if matches!(crate::scenario::lineage(plan, x.id.as_str()), Err(ScenarioError::Cycle(_))) {
                c.fail(at("parent"), "the scenarios' parents form a loop");
            }
        }
        for (k, o) in x.overrides.iter().enumerate() {
            let p = |field: &str| format!("scenarios[{i}].overrides[{k}].{field}");
            match o {
                Override::InitiativeDates { start, end, .. } => {
                    c.month_in_range(p("start"), *start);
                    c.month_in_range(p("end"), *end);
                    if end < start {
                        c.fail(p("end"), format!("ends ({end}) before it starts ({start})"));
                    }
                }
                // A target that is gone (the initiative or its linked case was deleted) is not an
                // error: the override is skipped and reported by `stale_overrides`, as the
                // other kinds are. The amounts themselves obey the initiative budget's rules.
                Override::InitiativeBudget { budget: budget @ Budget::Entered { .. }, .. } => {
                    crate::validate_roadmap::budget(&mut c, plan, &|| p("budget"), budget, &cases);
                }
                Override::InitiativeBudget { budget: Budget::BusinessCase { .. }, .. } => {}
                Override::InitiativeFte { fte, .. } => crate::validate_roadmap::quarters(&mut c, &|| p("fte"), fte),
                Override::CaseDiscountRate { rate, .. } => {
                    c.fraction(p("rate"), *rate, dec!(-0.99), dec!(1), "a discount rate");
                }
                Override::CaseBenefitRealisation { realisation, .. } => {
                    c.fraction(p("realisation"), *realisation, dec!(0), dec!(5), "a benefit realisation");
                }
                Override::CaseLineAmounts { amounts, .. } => match amounts {
                    LineAmounts::Entered { amounts } => {
                        for a in amounts {
                            c.amount(p("amounts"), a.amount);
                        }
                    }
                    LineAmounts::OneOff { amount, .. } | LineAmounts::Recurring { amount, .. } => {
                        c.amount(p("amounts"), *amount);
                    }
                },
                // As the plan's own ceilings: never negative; a theme that is gone makes it stale.
                Override::BudgetCeiling { amount, .. } => {
                    if *amount < Decimal::ZERO {
                        c.fail(p("amount"), "must not be negative");
                    }
                    c.amount(p("amount"), *amount);
                }
                Override::RiskQuantities { risk, probability, cost, delay, benefit } => {
                    // Read as the risk they replace in would be: a target that is gone makes the
                    // override stale, as the other kinds.
                    // A delay or benefit on what the risk no longer links is dropped when applied
                    // (`Risk::set_quantities`), so it is no error either: the plan's links win.
                    if let Some(r) = plan.risks.iter().find(|r| &r.id == risk) {
                        let mut r = r.clone();
                        r.set_quantities(*probability, *cost, delay.as_ref(), benefit.as_ref());
                        crate::validate_risk::quantities(&mut c, &format!("scenarios[{i}].overrides[{k}]"), &r);
                    }
                }
                Override::RiskResponse { risk, response, residual } => {
                    let at = format!("scenarios[{i}].overrides[{k}]");
                    crate::validate_risk::rating(&mut c, &format!("{at}.residual"), *residual);
                    if let Some(r) = plan.risks.iter().find(|r| &r.id == risk) {
                        crate::validate_risk::response(&mut c, &format!("{at}.response"), r.kind, *response);
                    }
                }
                Override::InitiativeStatus { .. }
                | Override::InitiativeIncluded { .. }
                | Override::InitiativeDurationRange { .. }
                | Override::StudyChoice { .. } => {}
            }
        }
        crate::duration::scenario_ranges(&mut c, plan, i, x);
    }
    crate::validate_text::control_characters(&mut c, plan);
    crate::validate_roadmap::schedule_range(&mut c, plan, resolved.as_ref());
    c.unique("baselines", plan.baselines.iter().map(|x| &x.id));
    for (i, x) in plan.baselines.iter().enumerate() {
        c.name(format!("baselines[{i}].name"), &x.name, true);
        if !x.plan.scenarios.is_empty() || !x.plan.baselines.is_empty() {
            c.fail(format!("baselines[{i}].plan"), "a baseline holds the plan without scenarios and baselines");
            continue;
        }
        // A baseline is a plan: variance and comparison read it as they read the plan, so it obeys
        // every rule the plan does, and it is measured in the plan's currency.
        let (was, is) = (x.plan.settings.currency, plan.settings.currency);
        if was != is {
            c.fail(
                format!("baselines[{i}].plan.settings.currency"),
                format!(
                    "is {}, but the plan is in {}: a baseline is compared with the plan, so it must be in the plan's currency",
                    was.code(),
                    is.code()
                ),
            );
        }
        for p in validate(&x.plan) {
            c.problems.push(Problem { path: format!("baselines[{i}].plan.{}", p.path), reason: p.reason });
        }
    }
    c.problems
}

/// The largest amount a line may hold: a thousand trillion, far beyond any IT budget, and small
/// enough that sums over thousands of lines and years neither overflow nor lose a cent in f64.
pub const MAX_AMOUNT: Decimal = dec!(1_000_000_000_000_000);

/// The longest rationale, description or recommendation text: a page.
pub const MAX_TEXT_CHARS: usize = 20_000;

fn sourcing_study(c: &mut Checker, at: &str, x: &SourcingStudy) {
    let f = |field: &str| format!("{at}.{field}");
    c.name(f("name"), &x.name, true);
    c.name(f("service"), &x.service, false);
    c.text(f("description"), &x.description);
    c.text(f("recommendation"), &x.recommendation);
    c.fraction(f("discount_rate"), x.discount_rate, dec!(-0.99), dec!(1), "a discount rate");
    if x.criteria.len() > SourcingStudy::MAX_CRITERIA {
        c.fail(
            f("criteria"),
            format!("has {} criteria; a study may have at most {}", x.criteria.len(), SourcingStudy::MAX_CRITERIA),
        );
    }
    if x.options.len() > SourcingStudy::MAX_OPTIONS {
        c.fail(
            f("options"),
            format!("has {} options; a study may have at most {}", x.options.len(), SourcingStudy::MAX_OPTIONS),
        );
    }
    let criteria = c.unique(&f("criteria"), x.criteria.iter().map(|k| &k.id));
    let mut cost_criteria = 0;
    for (j, k) in x.criteria.iter().enumerate() {
        let p = |field: &str| format!("{at}.criteria[{j}].{field}");
        c.name(p("name"), &k.name, true);
        c.text(p("description"), &k.description);
        c.fraction(p("weight"), k.weight, dec!(0), dec!(1), "a weight");
        if k.basis == CriterionBasis::PresentValueTco {
            cost_criteria += 1;
            if cost_criteria > 1 {
                c.fail(p("basis"), "only one criterion can be the total cost");
            }
            if k.direction != CriterionDirection::Cost {
                c.fail(p("direction"), "the total cost is a cost: less is better");
            }
        }
    }
    let mut pairs = HashSet::new();
    for (j, judgement) in x.judgements.iter().enumerate() {
        let p = |field: &str| format!("{at}.judgements[{j}].{field}");
        for (field, id) in [("more", &judgement.more), ("less", &judgement.less)] {
            if !criteria.contains(id) {
                c.fail(p(field), format!("no criterion has the id \"{id}\""));
            }
        }
        if judgement.more == judgement.less {
            c.fail(p("less"), "a criterion cannot be compared with itself");
        }
        if !(1..=9).contains(&judgement.intensity) {
            c.fail(p("intensity"), format!("must be on Saaty's scale, 1 to 9, not {}", judgement.intensity));
        }
        let key = if judgement.more < judgement.less {
            (&judgement.more, &judgement.less)
        } else {
            (&judgement.less, &judgement.more)
        };
        if !pairs.insert(key) {
            c.fail(p("less"), format!("\"{}\" and \"{}\" are already compared", judgement.more, judgement.less));
        }
    }
    let options = c.unique(&f("options"), x.options.iter().map(|o| &o.id));
    for (j, o) in x.options.iter().enumerate() {
        let p = |field: &str| format!("{at}.options[{j}].{field}");
        c.name(p("name"), &o.name, true);
        c.text(p("description"), &o.description);
        for (field, amount) in [
            ("costs.transition", o.costs.transition),
            ("costs.run_per_year", o.costs.run_per_year),
            ("costs.exit", o.costs.exit),
        ] {
            c.amount(p(field), amount);
            if amount.is_sign_negative() && !amount.is_zero() {
                c.fail(p(field), "must not be negative: enter costs as positive amounts");
            }
        }
        c.fraction(p("costs.escalation"), o.costs.escalation, dec!(-0.99), dec!(1), "an escalation rate");
        if o.headcount_change.abs() > dec!(100_000) {
            c.fail(p("headcount_change"), "must be between -100,000 and 100,000 FTE");
        }
        if let Some(years) = o.contract_years
            && !(1..=SourcingStudy::MAX_CONTRACT_YEARS).contains(&years)
        {
            c.fail(p("contract_years"), format!("must be between 1 and {} years", SourcingStudy::MAX_CONTRACT_YEARS));
        }
        let mut scored = HashSet::new();
        for (k, score) in o.scores.iter().enumerate() {
            let s = |field: &str| format!("{at}.options[{j}].scores[{k}].{field}");
            match x.criterion(score.criterion.as_str()) {
                None => c.fail(s("criterion"), format!("no criterion has the id \"{}\"", score.criterion)),
                Some(k) if k.basis == CriterionBasis::PresentValueTco => {
                    c.fail(s("criterion"), format!("\"{}\" is derived from the costs and is not scored", k.name));
                }
                Some(_) => {}
            }
            if !scored.insert(&score.criterion) {
                c.fail(s("criterion"), format!("\"{}\" is scored twice", score.criterion));
            }
            if !(Score::MIN..=Score::MAX).contains(&score.value) {
                c.fail(s("value"), format!("must be between {} and {}, not {}", Score::MIN, Score::MAX, score.value));
            }
            c.text(s("rationale"), &score.rationale);
        }
    }
    if let Some(chosen) = &x.chosen
        && !options.contains(chosen)
    {
        c.fail(f("chosen"), format!("no option has the id \"{chosen}\""));
    }
}

/// An accepted finding names a check's code and a finding's path, once each pair, and gives the
/// reason the board reads (required: a finding accepted without a reason is not explained).
fn accepted_findings(c: &mut Checker, accepted: &[crate::plan::AcceptedFinding]) {
    let mut seen = HashSet::new();
    for (k, a) in accepted.iter().enumerate() {
        let at = |field: &str| format!("settings.accepted_findings[{k}].{field}");
        if a.code.is_empty() || !a.code.chars().all(|ch| ch.is_ascii_lowercase() || ch == '-') {
            c.fail(at("code"), "must be a check's code, in lower case with hyphens, e.g. \"ceiling-breach\"");
        }
        c.name(at("path"), &a.path, true);
        if a.reason.trim().is_empty() {
            c.fail(at("reason"), "must say why the finding stands: the board reads it");
        }
        c.text(at("reason"), &a.reason);
        if !seen.insert((&a.code, &a.path)) {
            c.fail(at("path"), format!("\"{}\" at \"{}\" is already accepted", a.code, a.path));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_plan;

    /// Applies `edit` to the demo plan and expects exactly the problem paths given.
    fn check(edit: impl FnOnce(&mut Plan), expected: &[&str]) {
        let mut plan = demo_plan();
        edit(&mut plan);
        let paths: Vec<String> = validate(&plan).into_iter().map(|p| p.path).collect();
        assert_eq!(paths, expected);
    }

    #[test]
    fn rules() {
        check(|_| {}, &[]);
        check(|p| p.name = "  ".into(), &["name"]);
        check(|p| p.name = "x".repeat(201), &["name"]);
        check(|p| p.settings.horizon.years = 0, &["settings.horizon.years"]);
        check(|p| p.settings.horizon.years = 31, &["settings.horizon.years"]);
        check(|p| p.settings.fiscal_calendar.start_month = 13, &["settings.fiscal_calendar.start_month"]);
        check(|p| p.themes.push(p.themes[0].clone()), &["themes[6].id"]);
    }

    #[test]
    fn only_a_benefit_has_a_benefit_class() {
        use crate::case::BenefitClass;
        // The ERP case's first line is a cost; a benefit may say how it counts.
        check(
            |p| p.business_cases[0].lines[0].benefit_class = Some(BenefitClass::Wider),
            &["business_cases[0].lines[0].benefit_class"],
        );
        check(
            |p| {
                let benefit =
                    p.business_cases[0].lines.iter_mut().find(|l| l.category.default_benefit_class().is_some());
                benefit.expect("a benefit").benefit_class = Some(BenefitClass::Wider);
            },
            &[],
        );
        check(
            |p| p.business_cases[0].lines[0].register = Some(crate::case::BenefitRecord::default()),
            &["business_cases[0].lines[0].register"],
        );
        check(
            |p| {
                let benefit = p.business_cases[0].lines.iter_mut().find(|l| l.register.is_some()).expect("a record");
                let r = benefit.register.as_mut().expect("record");
                r.waits_for = Some(Id::new("nowhere").expect("id"));
                r.owner = "x".repeat(201);
            },
            &["business_cases[0].lines[15].register.owner", "business_cases[0].lines[15].register.waits_for"],
        );
    }

    #[test]
    fn roadmap_rules() {
        use crate::roadmap::{Budget, Dependency, DependencyKind};
        let dep = |on: &str, lag_months| Dependency {
            on: Id::new(on).expect("id"),
            kind: DependencyKind::FinishToStart,
            lag_months,
        };
        // demo initiative 0 is the landing zone (9 months), 1 the data-centre exit that follows it.
        check(|p| p.initiative_mut(0).dependencies.push(dep("dc-exit", 0)), &["initiatives[1].dependencies"]);
        check(|p| p.initiative_mut(1).dependencies.push(dep("ghost", 0)), &["initiatives[1].dependencies[1].on"]);
        check(|p| p.initiative_mut(1).dependencies[0].lag_months = -10, &["initiatives[1].dependencies[0].lag_months"]);
        check(|p| p.initiative_mut(1).dependencies[0].lag_months = -9, &[]);
        check(|p| p.initiative_mut(1).dependencies.push(dep("dc-exit", 0)), &["initiatives[1].dependencies[1].on"]);
        check(|p| p.initiative_mut(0).priority = Some(101), &["initiatives[0].priority"]);
        check(
            |p| p.initiative_mut(0).budget = Budget::BusinessCase { case: Id::new("nope").expect("id") },
            &["initiatives[0].budget.case"],
        );
        check(
            |p| {
                if let Budget::Entered { years } = &mut p.initiative_mut(0).budget {
                    years[0].capex = Decimal::NEGATIVE_ONE;
                    years.push(years[0].clone());
                }
            },
            &[
                "initiatives[0].budget.years[0].capex",
                "initiatives[0].budget.years[1].year",
                "initiatives[0].budget.years[1].capex",
            ],
        );
        check(|p| p.initiative_mut(0).fte[0].quarter = 5, &["initiatives[0].fte[0].quarter"]);
        check(
            |p| p.settings.roadmap.budget_ceilings[0].amount = Decimal::NEGATIVE_ONE,
            &["settings.roadmap.budget_ceilings[0].amount"],
        );
        // A scenario's ceiling obeys the plan's ceiling rules; a theme that is gone only makes it stale.
        let ceiling = |amount: Decimal, theme: &str| crate::Override::BudgetCeiling {
            year: crate::FiscalYear(2028),
            theme: Some(Id::new(theme).expect("id")),
            amount,
        };
        check(
            |p| p.scenarios[0].overrides.push(ceiling(Decimal::NEGATIVE_ONE, "theme-cyber")),
            &["scenarios[0].overrides[3].amount"],
        );
        check(|p| p.scenarios[0].overrides.push(ceiling(Decimal::ONE, "gone")), &[]);
        check(
            |p| p.settings.roadmap.appraisal_threshold = Some(Decimal::NEGATIVE_ONE),
            &["settings.roadmap.appraisal_threshold"],
        );
        check(|p| p.settings.roadmap.appraisal_threshold = Some(Decimal::ZERO), &[]);
        let accept = |code: &str, path: &str, reason: &str| crate::plan::AcceptedFinding {
            code: code.into(),
            path: path.into(),
            reason: reason.into(),
        };
        check(
            |p| {
                p.settings.accepted_findings =
                    vec![accept("ceiling-breach", "settings.roadmap.budget_ceilings[0]", "Agreed.")]
            },
            &[],
        );
        check(
            |p| p.settings.accepted_findings = vec![accept("Ceiling breach", "", " ")],
            &[
                "settings.accepted_findings[0].code",
                "settings.accepted_findings[0].path",
                "settings.accepted_findings[0].reason",
            ],
        );
        check(
            |p| {
                let a = accept("capacity-breach", "settings.roadmap.fte_capacity[5]", "Contractors.");
                p.settings.accepted_findings = vec![a.clone(), a];
            },
            &["settings.accepted_findings[1].path"],
        );
        check(
            |p| p.settings.roadmap.fte_capacity.push(p.settings.roadmap.fte_capacity[0].clone()),
            &["settings.roadmap.fte_capacity[20].quarter"],
        );
        let mut plan = demo_plan();
        plan.initiative_mut(0).dependencies.push(dep("dc-exit", 0));
        let problems = validate(&plan);
        assert_eq!(
            problems[0].reason,
            "the dependencies form a cycle: \"Data-centre exit to cloud\" → \"Cloud landing zone and operating model\" → \"Data-centre exit to cloud\""
        );
        check(|p| p.goals[0].name = String::new(), &["goals[0].name"]);
    }

    #[test]
    fn sourcing_rules() {
        use crate::sourcing::{CriterionBasis, CriterionDirection, Judgement};
        let id = |s: &str| Id::new(s).expect("id");
        check(|p| p.sourcing_studies[0].name = String::new(), &["sourcing_studies[0].name"]);
        check(|p| p.sourcing_studies[0].discount_rate = dec!(2), &["sourcing_studies[0].discount_rate"]);
        check(|p| p.sourcing_studies[0].chosen = Some(id("nope")), &["sourcing_studies[0].chosen"]);
        check(|p| p.sourcing_studies[0].criteria[2].weight = dec!(-0.1), &["sourcing_studies[0].criteria[2].weight"]);
        check(
            |p| p.sourcing_studies[0].criteria[0].direction = CriterionDirection::Benefit,
            &["sourcing_studies[0].criteria[0].direction"],
        );
        check(
            |p| p.sourcing_studies[0].criteria[1].basis = CriterionBasis::PresentValueTco,
            &[
                "sourcing_studies[0].criteria[1].basis",
                "sourcing_studies[0].criteria[1].direction",
                "sourcing_studies[0].options[0].scores[0].criterion",
                "sourcing_studies[0].options[1].scores[0].criterion",
                "sourcing_studies[0].options[2].scores[0].criterion",
            ],
        );
        check(
            |p| p.sourcing_studies[0].options[1].costs.run_per_year = dec!(-1),
            &["sourcing_studies[0].options[1].costs.run_per_year"],
        );
        check(
            |p| p.sourcing_studies[0].options[1].costs.escalation = dec!(1.5),
            &["sourcing_studies[0].options[1].costs.escalation"],
        );
        check(
            |p| p.sourcing_studies[0].options[1].contract_years = Some(0),
            &["sourcing_studies[0].options[1].contract_years"],
        );
        check(
            |p| p.sourcing_studies[0].options[1].scores[2].value = dec!(11),
            &["sourcing_studies[0].options[1].scores[2].value"],
        );
        check(
            |p| p.sourcing_studies[0].options[1].scores[2].criterion = id("total-cost"),
            &["sourcing_studies[0].options[1].scores[2].criterion"],
        );
        check(
            |p| p.sourcing_studies[0].options[1].scores[2].criterion = id("service-quality"),
            &["sourcing_studies[0].options[1].scores[2].criterion"],
        );
        // The chosen option (the hybrid) is gone too.
        check(
            |p| p.sourcing_studies[0].options[2].id = id("sd-in-house"),
            &["sourcing_studies[0].options[2].id", "sourcing_studies[0].chosen"],
        );
        check(
            |p| {
                let j = &mut p.sourcing_studies[1].judgements;
                j.clear();
                j.push(Judgement { more: id("lock-in"), less: id("lock-in"), intensity: 10 });
                j.push(Judgement { more: id("nope"), less: id("security"), intensity: 3 });
                j.push(Judgement { more: id("total-cost"), less: id("security"), intensity: 3 });
                j.push(Judgement { more: id("security"), less: id("total-cost"), intensity: 2 });
            },
            &[
                "sourcing_studies[1].judgements[0].less",
                "sourcing_studies[1].judgements[0].intensity",
                "sourcing_studies[1].judgements[1].more",
                "sourcing_studies[1].judgements[3].less",
            ],
        );
    }

    #[test]
    fn initiative_rules() {
        let mut plan = demo_plan();
        let start: YearMonth = "2027-01".parse().expect("month");
        let mut x =
            crate::plan::Initiative::new(Id::new("x").expect("id"), "X", start, "2026-12".parse().expect("month"));
        x.theme = Some(Id::new("nope").expect("id"));
        x.goals = vec![Id::new("missing").expect("id")];
        plan.initiatives.push(x.into());
        let n = plan.initiatives.len() - 1;
        let paths: Vec<String> = validate(&plan).into_iter().map(|p| p.path).collect();
        assert_eq!(
            paths,
            [format!("initiatives[{n}].end"), format!("initiatives[{n}].theme"), format!("initiatives[{n}].goals[0]")]
        );
    }

    /// A scenario's risk and duration-range overrides obey the register's and the range's rules,
    /// named at the override; a range must fit the dates the scenario gives the initiative.
    #[test]
    fn risk_and_range_overrides() {
        use crate::risk::{Rating, Response};
        let n = demo_plan().scenarios.len();
        let with = |overrides: Vec<Override>| {
            move |p: &mut Plan| {
                p.scenarios.push(crate::Scenario {
                    id: Id::new("x").expect("id"),
                    name: "X".into(),
                    description: String::new(),
                    parent: None,
                    overrides,
                });
            }
        };
        let plan = demo_plan();
        let threat = plan.risks.iter().find(|r| r.delay.is_some()).expect("a risk with a delay");
        let quantities = |probability: Decimal| Override::RiskQuantities {
            risk: threat.id.clone(),
            probability: Some(probability),
            cost: threat.cost,
            delay: threat.delay.clone(),
            benefit: threat.benefit.clone(),
        };
        check(with(vec![quantities(Decimal::from(40))]), &[]);
        check(with(vec![quantities(Decimal::from(140))]), &[&format!("scenarios[{n}].overrides[0].probability")]);
        let response = |response: Response, likelihood: u8| Override::RiskResponse {
            risk: threat.id.clone(),
            response,
            residual: Rating { likelihood, impact: 2 },
        };
        check(with(vec![response(Response::Transfer, 2)]), &[]);
        check(
            with(vec![response(Response::Exploit, 6)]),
            &[
                &format!("scenarios[{n}].overrides[0].residual.likelihood"),
                &format!("scenarios[{n}].overrides[0].response"),
            ],
        );
        // A gone risk only makes the override stale.
        let mut gone = quantities(Decimal::from(140));
        if let Override::RiskQuantities { risk, .. } = &mut gone {
            *risk = Id::new("no-such-risk").expect("id");
        }
        check(with(vec![gone]), &[]);
        let x = &plan.initiatives[0];
        let planned = u32::try_from(x.months()).expect("months");
        let range = |pessimistic: u32| Override::InitiativeDurationRange {
            initiative: x.id.clone(),
            range: Some(crate::DurationRange {
                optimistic_months: 1,
                most_likely_months: None,
                pessimistic_months: pessimistic,
            }),
        };
        check(with(vec![range(planned + 3)]), &[]);
        check(with(vec![range(planned - 1)]), &[&format!("scenarios[{n}].overrides[0].range.pessimistic_months")]);
        // Lengthened by the scenario beyond the range it gives: named at the dates, the later.
        let longer = Override::InitiativeDates {
            initiative: x.id.clone(),
            start: x.start,
            end: x.end.add_months(6).expect("month"),
        };
        check(with(vec![range(planned + 3), longer.clone()]), &[&format!("scenarios[{n}].overrides[1].end")]);
        check(
            with(vec![longer, range(planned + 3)]),
            &[&format!("scenarios[{n}].overrides[1].range.pessimistic_months")],
        );
    }
}

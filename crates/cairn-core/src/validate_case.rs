//! A business case's rules: its settings, its lines (columns inside the case, amounts, the
//! uncertainty's distribution), a benefit's class and benefits-register entry, its optimism bias,
//! its links to the roadmap's milestones (a benefit's start, an asset's service date), a cost's
//! activity, its residual value and sunk costs.

use std::collections::{HashMap, HashSet};

use rust_decimal::{Decimal, dec};

use crate::appraisal::{Capitalisation, CaseRate};
use crate::case::{BusinessCase, CaseYear, Distribution, LineAmounts, LineItem, LineKind};
use crate::case_timing::{InService, MilestoneLink, ResidualValue};
use crate::fiscal::{FiscalCalendar, YearMonth};
use crate::optimism::{OptimismBias, ProjectType};
use crate::options::OptionRole;
use crate::plan::{Horizon, Id, Plan};
use crate::validate::Checker;

/// What a case's rules need from the rest of the plan, built once for all its cases.
pub(crate) struct CaseScope<'a> {
    plan: &'a Plan,
    initiatives: &'a HashSet<&'a Id>,
    /// Every milestone's month, by initiative and name.
    milestones: HashMap<(&'a Id, &'a str), YearMonth>,
}

impl<'a> CaseScope<'a> {
    pub(crate) fn new(plan: &'a Plan, initiatives: &'a HashSet<&'a Id>) -> CaseScope<'a> {
        let milestones = plan
            .initiatives
            .iter()
            .flat_map(|i| i.milestones.iter().map(move |m| ((&i.id, m.name.as_str()), m.month)))
            .collect();
        CaseScope { plan, initiatives, milestones }
    }

    fn calendar(&self) -> &FiscalCalendar {
        &self.plan.settings.fiscal_calendar
    }

    fn capitalisation(&self) -> &Capitalisation {
        &self.plan.settings.appraisal.capitalisation
    }
}

pub(crate) fn business_case(c: &mut Checker, at: &str, x: &BusinessCase, scope: &CaseScope) {
    let initiatives = scope.initiatives;
    let f = |field: &str| format!("{at}.{field}");
    c.name(f("name"), &x.name, true);
    c.name(f("sponsor"), &x.sponsor, false);
    if !(Horizon::MIN_FIRST_YEAR..=Horizon::MAX_FIRST_YEAR).contains(&x.first_year.0) {
        c.fail(f("first_year"), format!("must be between {} and {}", Horizon::MIN_FIRST_YEAR, Horizon::MAX_FIRST_YEAR));
    }
    if !(1..=BusinessCase::MAX_YEARS).contains(&x.years) {
        c.fail(f("years"), format!("must be between 1 and {}", BusinessCase::MAX_YEARS));
    }
    c.fraction(f("discount_rate"), x.discount_rate, dec!(-0.99), dec!(1), "a discount rate");
    c.fraction(f("escalation"), x.escalation, dec!(-0.99), dec!(1), "an escalation rate");
    if let Some(tax) = x.tax_rate {
        c.fraction(f("tax_rate"), tax, dec!(0), dec!(0.99), "a tax rate");
    }
    c.fraction(f("benefit_realisation"), x.benefit_realisation, dec!(0), dec!(5), "a benefit realisation");
    if !(1..=50).contains(&x.depreciation.life_years) {
        c.fail(f("depreciation.life_years"), "must be between 1 and 50 years");
    }
    for (j, id) in x.initiatives.iter().enumerate() {
        if !initiatives.contains(id) {
            c.fail(f(&format!("initiatives[{j}]")), format!("no initiative has the id \"{id}\""));
        }
    }
    short_list(c, at, x);
    if let Some(reason) = &x.mandatory {
        c.name(f("mandatory"), reason, true);
    }
    let options: HashSet<&Id> = x.options.iter().map(|o| &o.id).collect();
    if let Some(bias) = &x.optimism_bias {
        optimism_bias(c, &f("optimism_bias"), bias);
    }
    c.unique(&f("lines"), x.lines.iter().map(|l| &l.id));
    for (j, line) in x.lines.iter().enumerate() {
        let l = |field: &str| format!("{at}.lines[{j}].{field}");
        c.name(l("name"), &line.name, true);
        for (k, id) in line.options.iter().enumerate() {
            if x.options.is_empty() {
                c.fail(l(&format!("options[{k}]")), "names an option, but the case states no short list");
            } else if !options.contains(id) {
                c.fail(l(&format!("options[{k}]")), format!("the case has no option with the id \"{id}\""));
            } else if line.options[..k].contains(id) {
                c.fail(l(&format!("options[{k}]")), format!("names \"{id}\" twice"));
            }
        }
        let cost = line.category.default_benefit_class().is_none();
        if line.benefit_class.is_some() && cost {
            c.fail(
                l("benefit_class"),
                format!("only a benefit has a benefit class, and {} is a cost", line.category.label()),
            );
        }
        if let Some(r) = &line.register {
            if cost {
                c.fail(
                    l("register"),
                    format!("only a benefit has a benefits-register entry, and {} is a cost", line.category.label()),
                );
            }
            for (field, text) in [
                ("owner", &r.owner),
                ("measure", &r.measure),
                ("baseline", &r.baseline),
                ("target", &r.target),
                ("measured", &r.measured),
            ] {
                c.name(l(&format!("register.{field}")), text, false);
            }
            if let Some(id) = &r.waits_for
                && !initiatives.contains(id)
            {
                c.fail(l("register.waits_for"), format!("no initiative has the id \"{id}\""));
            }
        }
        let column = |c: &mut Checker, path: String, when: CaseYear| {
            if when == CaseYear::Upfront && !x.upfront {
                c.fail(path, "is the upfront column, which this case does not have");
            } else if let CaseYear::Year(fy) = when
                && x.period_of(when).is_none()
            {
                c.fail(path, format!("{} is outside the case's years", fy.0));
            }
        };
        match &line.amounts {
            LineAmounts::Entered { amounts } => {
                let mut seen = HashSet::new();
                for (k, a) in amounts.iter().enumerate() {
                    let p = |field: &str| format!("{at}.lines[{j}].amounts.amounts[{k}].{field}");
                    column(c, p("at"), a.at);
                    if !seen.insert(a.at) {
                        c.fail(p("at"), "appears twice; give each year one amount");
                    }
                    c.amount(p("amount"), a.amount);
                }
            }
            LineAmounts::OneOff { at: when, amount } => {
                column(c, l("amounts.at"), *when);
                c.amount(l("amounts.amount"), *amount);
            }
            LineAmounts::Recurring { from, to, amount, escalation } => {
                column(c, l("amounts.from"), CaseYear::Year(*from));
                column(c, l("amounts.to"), CaseYear::Year(*to));
                if to < from {
                    c.fail(l("amounts.to"), format!("ends ({}) before it starts ({})", to.0, from.0));
                }
                c.amount(l("amounts.amount"), *amount);
                if let Some(e) = escalation {
                    c.fraction(l("amounts.escalation"), *e, dec!(-0.99), dec!(1), "an escalation rate");
                }
            }
        }
        timing(c, &l, x, line, scope);
        if let Some(u) = &line.uncertainty {
            distribution(c, &l("uncertainty.distribution"), &u.distribution);
            if let Some(delay) = &u.delay {
                if line.category.kind() != LineKind::Benefit {
                    c.fail(l("uncertainty.delay"), "only benefits can start late");
                }
                c.fraction(l("uncertainty.delay.probability"), delay.probability, dec!(0), dec!(1), "a probability");
                if !(1..=10).contains(&delay.years) {
                    c.fail(l("uncertainty.delay.years"), "must be between 1 and 10 years");
                }
            }
        }
    }
    crate::validate_case_risk::simulation(c, at, x);
}

/// A stated short list: unique ids, named options, business as usual and one preferred option.
fn short_list(c: &mut Checker, at: &str, x: &BusinessCase) {
    if x.options.is_empty() {
        return;
    }
    c.unique(&format!("{at}.options"), x.options.iter().map(|o| &o.id));
    for (k, o) in x.options.iter().enumerate() {
        c.name(format!("{at}.options[{k}].name"), &o.name, true);
        c.text(format!("{at}.options[{k}].description"), &o.description);
    }
    let count = |role: OptionRole| x.options.iter().filter(|o| o.role == role).count();
    let field = format!("{at}.options");
    match count(OptionRole::Bau) {
        0 => c.fail(
            field.clone(),
            "has no business-as-usual option: every option is measured against it (it may have no lines: costs and \
             benefits as today, taken as zero)",
        ),
        1 => {}
        n => c.fail(field.clone(), format!("has {n} business-as-usual options; keep one")),
    }
    match count(OptionRole::Preferred) {
        0 => c.fail(field.clone(), "has no preferred option; mark the one the case recommends"),
        1 => {}
        n => c.fail(field.clone(), format!("has {n} preferred options; mark one")),
    }
    if count(OptionRole::DoMinimum) > 1 {
        c.fail(field, "has more than one do-minimum option; keep one");
    }
}

/// A case's optimism bias: each factor assessed once, its mitigation factor 0–1 with a reason,
/// and stated contributions all or none, each 0–100 %, adding up to at most 100 % of the upper
/// bound (cost and duration apart); outsourcing has no duration uplift to contribute to.
fn optimism_bias(c: &mut Checker, at: &str, bias: &OptimismBias) {
    let stated = bias.mitigations.iter().filter(|m| m.contribution.is_some()).count();
    let mixed = stated > 0 && stated < bias.mitigations.len();
    let mut seen = HashSet::new();
    let (mut cost, mut duration) = (Decimal::ZERO, Decimal::ZERO);
    for (k, m) in bias.mitigations.iter().enumerate() {
        let p = |field: &str| format!("{at}.mitigations[{k}].{field}");
        if !seen.insert(m.factor) {
            c.fail(p("factor"), format!("\"{}\" appears twice; assess each factor once", m.factor.label()));
        }
        c.fraction(p("mitigated"), m.mitigated, dec!(0), dec!(1), "a mitigation factor");
        if m.reason.trim().is_empty() {
            c.fail(
                p("reason"),
                format!(
                    "give the reason \"{}\" is mitigated as far as stated: what was done, or why it does not arise",
                    m.factor.label()
                ),
            );
        }
        c.text(p("reason"), &m.reason);
        match &m.contribution {
            None if mixed => c.fail(
                p("contribution"),
                "state this factor's share of the upper bound too: either every factor assessed states one or none does",
            ),
            None => {}
            Some(share) => {
                c.fraction(p("contribution.cost"), share.cost, dec!(0), dec!(1), "a share of the upper bound");
                c.fraction(p("contribution.duration"), share.duration, dec!(0), dec!(1), "a share of the upper bound");
                if bias.project_type == ProjectType::Outsourcing && !share.duration.is_zero() {
                    c.fail(p("contribution.duration"), "outsourcing has no works duration uplift; leave it at 0 %");
                }
                cost = cost.saturating_add(share.cost);
                duration = duration.saturating_add(share.duration);
            }
        }
    }
    for (what, sum) in [("cost", cost), ("duration", duration)] {
        if sum > Decimal::ONE {
            let pct = (sum * dec!(100)).normalize();
            c.fail(
                format!("{at}.mitigations"),
                format!("the factors' {what} contributions add up to {pct} % of the upper bound; at most 100 %"),
            );
        }
    }
}

/// A line's links to dates and its activity: `starts_at` on a benefit, `in_service` on a
/// capitalised cost, `activity` on a cost; each month inside the case's fiscal years.
fn timing(c: &mut Checker, l: &dyn Fn(&str) -> String, x: &BusinessCase, line: &LineItem, scope: &CaseScope) {
    let label = line.category.label();
    let kind = line.category.kind();
    if let Some(link) = &line.starts_at {
        if kind != LineKind::Benefit {
            c.fail(l("starts_at"), format!("only a benefit starts at a milestone, and {label} is a cost"));
        } else if first_column(&line.amounts) == Some(CaseYear::Upfront) {
            c.fail(l("starts_at"), "the line's first amount is in the upfront column: a benefit that starts at a milestone starts in a fiscal year");
        }
        if let Some(month) = milestone(c, &l("starts_at"), link, scope) {
            within(c, l("starts_at.milestone"), x, month, scope);
        }
    }
    if let Some(service) = &line.in_service {
        if kind == LineKind::Benefit {
            c.fail(l("in_service"), format!("only a capitalised cost goes into service, and {label} is a benefit"));
        } else if !scope.capitalisation().capitalises(line.category, line.activity) {
            c.fail(
                l("in_service"),
                "the line is expensed under the plan's capitalisation policy, so it has no in-service date",
            );
        }
        match service {
            InService::At { month } => within(c, l("in_service.month"), x, *month, scope),
            InService::Milestone(link) => {
                if let Some(month) = milestone(c, &l("in_service"), link, scope) {
                    within(c, l("in_service.milestone"), x, month, scope);
                }
            }
        }
    }
    if line.activity.is_some() && kind == LineKind::Benefit {
        c.fail(l("activity"), format!("only a cost pays for an activity, and {label} is a benefit"));
    }
}

/// The column of a line's first amount, `None` when it has none.
fn first_column(amounts: &LineAmounts) -> Option<CaseYear> {
    match amounts {
        LineAmounts::Entered { amounts } => amounts.iter().filter(|a| !a.amount.is_zero()).map(|a| a.at).min(),
        LineAmounts::OneOff { at, amount } => (!amount.is_zero()).then_some(*at),
        LineAmounts::Recurring { from, amount, .. } => (!amount.is_zero()).then_some(CaseYear::Year(*from)),
    }
}

/// The month of the milestone `link` names, or its problem recorded under `at`.
fn milestone(c: &mut Checker, at: &str, link: &MilestoneLink, scope: &CaseScope) -> Option<YearMonth> {
    if !scope.initiatives.contains(&link.initiative) {
        c.fail(format!("{at}.initiative"), format!("no initiative has the id \"{}\"", link.initiative));
        return None;
    }
    let month = scope.milestones.get(&(&link.initiative, link.milestone.as_str())).copied();
    if month.is_none() {
        c.fail(
            format!("{at}.milestone"),
            format!("initiative \"{}\" has no milestone named \"{}\"", link.initiative, link.milestone),
        );
    }
    month
}

/// A month must fall in one of the case's fiscal years.
fn within(c: &mut Checker, at: String, x: &BusinessCase, month: YearMonth, scope: &CaseScope) {
    let calendar = scope.calendar();
    let fy = calendar.fiscal_year_of(month);
    if fy < x.first_year {
        let first = calendar.label(x.first_year);
        c.fail(at, format!("{month} falls in {}, before the case's first year {first}", calendar.label(fy)));
    } else if fy > x.last_year() {
        let last = calendar.label(x.last_year());
        c.fail(at, format!("{month} falls in {}, after the case's last year {last}", calendar.label(fy)));
    }
}

/// The residual value and the sunk costs.
pub(crate) fn end_values(c: &mut Checker, at: &str, x: &BusinessCase, scope: &CaseScope) {
    if let ResidualValue::Perpetuity { annual, growth } = &x.residual {
        c.amount(format!("{at}.residual.annual"), *annual);
        if annual.is_sign_negative() {
            c.fail(format!("{at}.residual.annual"), "must not be negative");
        }
        c.fraction(format!("{at}.residual.growth"), *growth, dec!(-0.99), dec!(1), "a growth rate");
        if let CaseRate::Own { rate, .. } = scope.plan.settings.appraisal.rate_for(x)
            && *growth >= rate
        {
            c.fail(
                format!("{at}.residual.growth"),
                format!(
                    "{} % must be below the discount rate ({} %): a perpetuity growing as fast as money is discounted has no value",
                    (growth * dec!(100)).normalize(),
                    (rate * dec!(100)).normalize()
                ),
            );
        }
    }
    for (k, sunk) in x.sunk_costs.iter().enumerate() {
        let s = |field: &str| format!("{at}.sunk_costs[{k}].{field}");
        c.name(s("name"), &sunk.name, true);
        c.amount(s("amount"), sunk.amount);
        if sunk.amount.is_sign_negative() {
            c.fail(s("amount"), "must not be negative");
        }
        c.text(s("note"), &sunk.note);
    }
}

pub(crate) fn distribution(c: &mut Checker, at: &str, d: &Distribution) {
    let percent = |c: &mut Checker, field: &str, v: Decimal| {
        if !(Decimal::ZERO..=dec!(1000)).contains(&v) {
            c.fail(format!("{at}.{field}"), format!("must be between 0 % and 1000 % of plan, not {v} %"));
        }
    };
    match *d {
        Distribution::Triangular { min, mode, max } | Distribution::Pert { min, mode, max } => {
            percent(c, "min", min);
            percent(c, "mode", mode);
            percent(c, "max", max);
            if !(min <= mode && mode <= max) {
                c.fail(format!("{at}.mode"), format!("must lie between min ({min} %) and max ({max} %)"));
            } else if min == max && matches!(d, Distribution::Pert { .. }) && min != mode {
                c.fail(format!("{at}.max"), "must be above min");
            }
        }
        Distribution::Uniform { min, max } => {
            percent(c, "min", min);
            percent(c, "max", max);
            if max < min {
                c.fail(format!("{at}.max"), format!("must not be below min ({min} %)"));
            }
        }
        Distribution::Normal { mean, sd } => {
            percent(c, "mean", mean);
            if !(Decimal::ZERO..=dec!(500)).contains(&sd) {
                c.fail(format!("{at}.sd"), format!("must be between 0 % and 500 %, not {sd} %"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::demo::demo_plan;
    use crate::optimism::{Contribution, ContributoryFactor, Mitigation, OptimismBias, ProjectType};
    use crate::options::{CaseOption, OptionRole};
    use crate::plan::{Id, Plan};
    use crate::validate::validate;
    use rust_decimal::dec;

    fn problems(edit: impl FnOnce(&mut Plan)) -> Vec<String> {
        let mut plan = demo_plan();
        edit(&mut plan);
        validate(&plan).into_iter().map(|p| format!("{}: {}", p.path, p.reason)).collect()
    }

    fn option(id: &str, role: OptionRole) -> CaseOption {
        CaseOption { id: Id::new(id).expect("id"), name: id.to_uppercase(), role, description: String::new() }
    }

    /// The demo's ERP case with its short list taken away.
    fn without_short_list(plan: &mut Plan) -> &mut crate::case::BusinessCase {
        let case = &mut plan.business_cases[0];
        case.options.clear();
        case.mandatory = None;
        for line in &mut case.lines {
            line.options.clear();
        }
        case
    }

    #[test]
    fn a_short_list_has_business_as_usual_and_one_preferred_option_and_lines_name_its_options() {
        assert_eq!(
            problems(|p| {
                let case = without_short_list(p);
                case.options = vec![option("a", OptionRole::Alternative), option("b", OptionRole::Preferred)];
                case.options.push(option("c", OptionRole::Preferred));
                case.lines[0].options = vec![Id::new("zz").expect("id"), Id::new("a").expect("id")];
                case.lines[1].options = vec![Id::new("a").expect("id"), Id::new("a").expect("id")];
                case.mandatory = Some(" ".into());
            }),
            [
                "business_cases[0].options: has no business-as-usual option: every option is measured against it (it \
                 may have no lines: costs and benefits as today, taken as zero)",
                "business_cases[0].options: has 2 preferred options; mark one",
                "business_cases[0].mandatory: must not be empty",
                "business_cases[0].lines[0].options[0]: the case has no option with the id \"zz\"",
                "business_cases[0].lines[1].options[1]: names \"a\" twice",
            ]
        );
        assert_eq!(
            problems(|p| without_short_list(p).lines[2].options = vec![Id::new("bau").expect("id")]),
            ["business_cases[0].lines[2].options[0]: names an option, but the case states no short list"]
        );
        assert!(
            problems(|p| {
                let case = without_short_list(p);
                case.options = vec![option("bau", OptionRole::Bau), option("new", OptionRole::Preferred)];
                case.lines[0].options = vec![Id::new("bau").expect("id"), Id::new("new").expect("id")];
            })
            .is_empty()
        );
    }

    /// Gives the demo's first case an optimism bias of `project_type` with `mitigations`, and
    /// expects exactly the problems given (path, then a word of the message).
    fn check(project_type: ProjectType, mitigations: Vec<Mitigation>, expected: &[(&str, &str)]) {
        let mut plan: Plan = demo_plan();
        plan.business_cases[0].optimism_bias = Some(OptimismBias { project_type, mitigations });
        let problems = validate(&plan);
        let at = "business_cases[0].optimism_bias.";
        assert_eq!(problems.len(), expected.len(), "{problems:?}");
        for (p, (path, word)) in problems.iter().zip(expected) {
            assert_eq!(p.path, format!("{at}{path}"));
            assert!(p.reason.contains(word), "{}: {}", p.path, p.reason);
        }
    }

    fn m(factor: ContributoryFactor, mitigated: rust_decimal::Decimal, reason: &str) -> Mitigation {
        Mitigation { factor, mitigated, reason: reason.into(), contribution: None }
    }

    fn share(mut x: Mitigation, cost: rust_decimal::Decimal, duration: rust_decimal::Decimal) -> Mitigation {
        x.contribution = Some(Contribution { cost, duration });
        x
    }

    #[test]
    fn optimism_bias_rules() {
        use ContributoryFactor::*;
        use ProjectType::*;
        check(EquipmentDevelopment, Vec::new(), &[]);
        check(EquipmentDevelopment, vec![m(Technology, dec!(0.5), "a proven product")], &[]);
        check(EquipmentDevelopment, vec![m(Technology, dec!(1.5), "x")], &[("mitigations[0].mitigated", "150 %")]);
        check(EquipmentDevelopment, vec![m(Technology, dec!(-0.1), "x")], &[("mitigations[0].mitigated", "0 %")]);
        check(EquipmentDevelopment, vec![m(Political, dec!(1), "  ")], &[("mitigations[0].reason", "give the reason")]);
        check(
            EquipmentDevelopment,
            vec![m(Political, dec!(1), "a"), m(Political, dec!(0), "b")],
            &[("mitigations[1].factor", "twice")],
        );
        check(
            EquipmentDevelopment,
            vec![share(m(Political, dec!(1), "a"), dec!(0.3), dec!(0.2)), m(Economic, dec!(1), "b")],
            &[("mitigations[1].contribution", "every factor")],
        );
        check(
            EquipmentDevelopment,
            vec![
                share(m(Political, dec!(1), "a"), dec!(0.6), dec!(0.2)),
                share(m(Economic, dec!(1), "b"), dec!(0.5), dec!(0.2)),
            ],
            &[("mitigations", "110 %")],
        );
        check(
            Outsourcing,
            vec![share(m(Political, dec!(1), "a"), dec!(0.3), dec!(0.2))],
            &[("mitigations[0].contribution.duration", "no works duration")],
        );
        check(
            StandardBuildings,
            vec![share(m(Political, dec!(1), "a"), dec!(1.2), dec!(0))],
            &[("mitigations[0].contribution.cost", "120 %"), ("mitigations", "120 %")],
        );
    }
}

#[cfg(test)]
mod timing_tests {
    use rust_decimal::dec;

    use crate::appraisal::{AccountingStandard, Capitalisation, CostActivity};
    use crate::case_timing::{InService, MilestoneLink, ResidualValue, SunkCost};
    use crate::demo::demo_plan;
    use crate::fiscal::YearMonth;
    use crate::plan::{Id, Plan};
    use crate::validate::validate;

    /// Applies `edit` to the demo plan under the default appraisal policy (each case at its own
    /// rate, the default capitalisation) and expects exactly these problems, path and reason.
    fn check(edit: impl FnOnce(&mut Plan), expected: &[&str]) {
        let mut plan = demo_plan();
        plan.settings.appraisal = crate::appraisal::AppraisalPolicy::default();
        edit(&mut plan);
        let problems: Vec<String> = validate(&plan).into_iter().map(|p| format!("{}: {}", p.path, p.reason)).collect();
        assert_eq!(problems, expected);
    }

    fn link(initiative: &str, milestone: &str) -> MilestoneLink {
        MilestoneLink { initiative: Id::new(initiative).expect("id"), milestone: milestone.into() }
    }

    fn month(text: &str) -> YearMonth {
        text.parse().expect("month")
    }

    // The demo's ERP case (business_cases[0]) covers FY2027–FY2036 with an upfront column; line 0
    // is capex (implementation, upfront first), line 4 the subscription (opex), line 15 a benefit
    // from FY2029. Its initiative "erp-finance" goes live in 2028-07 (FY2029, a July year).

    #[test]
    fn a_benefit_starts_at_a_milestone_of_the_case_years() {
        check(|p| p.business_cases[0].lines[15].starts_at = Some(link("erp-finance", "Finance go-live")), &[]);
        check(
            |p| p.business_cases[0].lines[15].starts_at = Some(link("nowhere", "Finance go-live")),
            &["business_cases[0].lines[15].starts_at.initiative: no initiative has the id \"nowhere\""],
        );
        check(
            |p| p.business_cases[0].lines[15].starts_at = Some(link("erp-finance", "Go live")),
            &[
                "business_cases[0].lines[15].starts_at.milestone: initiative \"erp-finance\" has no milestone named \"Go live\"",
            ],
        );
        check(
            |p| p.business_cases[0].lines[0].starts_at = Some(link("erp-finance", "Finance go-live")),
            &[
                "business_cases[0].lines[0].starts_at: only a benefit starts at a milestone, and Capex – implementation is a cost",
            ],
        );
        check(
            |p| {
                p.business_cases[0].first_year = crate::FiscalYear(2030);
                p.business_cases[0].years = 7;
                p.business_cases[0].lines.retain(|l| l.id.as_str() == "close");
                p.business_cases[0].lines[0].amounts = crate::LineAmounts::Recurring {
                    from: crate::FiscalYear(2030),
                    to: crate::FiscalYear(2036),
                    amount: dec!(1),
                    escalation: None,
                };
                p.business_cases[0].lines[0].starts_at = Some(link("erp-finance", "Finance go-live"));
            },
            &[
                "business_cases[0].lines[0].starts_at.milestone: 2028-07 falls in FY2029, before the case's first year FY2030",
            ],
        );
        check(|p| p.business_cases[0].lines[15].starts_at = Some(link("legacy-decom", "Mainframe switched off")), &[]);
        check(
            |p| {
                p.business_cases[0].years = 3;
                p.business_cases[0].lines.retain(|l| l.id.as_str() == "close");
                p.business_cases[0].lines[0].amounts =
                    crate::LineAmounts::OneOff { at: crate::CaseYear::Year(crate::FiscalYear(2029)), amount: dec!(1) };
                p.business_cases[0].lines[0].starts_at = Some(link("legacy-decom", "Mainframe switched off"));
            },
            &[
                "business_cases[0].lines[0].starts_at.milestone: 2031-03 falls in FY2031, after the case's last year FY2029",
            ],
        );
    }

    #[test]
    fn a_capitalised_cost_goes_into_service() {
        check(|p| p.business_cases[0].lines[0].in_service = Some(InService::At { month: month("2028-07") }), &[]);
        check(
            |p| {
                p.business_cases[0].lines[0].in_service =
                    Some(InService::Milestone(link("erp-finance", "Finance go-live")))
            },
            &[],
        );
        check(
            |p| p.business_cases[0].lines[0].in_service = Some(InService::At { month: month("2040-01") }),
            &[
                "business_cases[0].lines[0].in_service.month: 2040-01 falls in FY2040, after the case's last year FY2036",
            ],
        );
        check(
            |p| p.business_cases[0].lines[0].in_service = Some(InService::Milestone(link("erp-finance", "Nope"))),
            &[
                "business_cases[0].lines[0].in_service.milestone: initiative \"erp-finance\" has no milestone named \"Nope\"",
            ],
        );
        check(
            |p| p.business_cases[0].lines[4].in_service = Some(InService::At { month: month("2028-07") }),
            &[
                "business_cases[0].lines[4].in_service: the line is expensed under the plan's capitalisation policy, so it has no in-service date",
            ],
        );
        check(
            |p| p.business_cases[0].lines[15].in_service = Some(InService::At { month: month("2028-07") }),
            &[
                "business_cases[0].lines[15].in_service: only a capitalised cost goes into service, and Benefit – productivity is a benefit",
            ],
        );
        // Under GASB 96 a subscription is capitalised: the subscription line may go into service.
        check(
            |p| {
                p.settings.appraisal.capitalisation = Capitalisation::standard(AccountingStandard::Gasb51And96);
                p.business_cases[0].lines[4].activity = Some(CostActivity::SoftwareSubscription);
                p.business_cases[0].lines[4].in_service = Some(InService::At { month: month("2028-07") });
            },
            &[],
        );
    }

    #[test]
    fn only_a_cost_pays_for_an_activity() {
        check(|p| p.business_cases[0].lines[0].activity = Some(CostActivity::Development), &[]);
        check(
            |p| p.business_cases[0].lines[15].activity = Some(CostActivity::Training),
            &[
                "business_cases[0].lines[15].activity: only a cost pays for an activity, and Benefit – productivity is a benefit",
            ],
        );
    }

    #[test]
    fn residual_value_and_sunk_costs() {
        check(|p| p.business_cases[0].residual = ResidualValue::BookValue, &[]);
        check(
            |p| p.business_cases[0].residual = ResidualValue::Perpetuity { annual: dec!(100), growth: dec!(0.02) },
            &[],
        );
        // The ERP case is appraised at its own 6 %.
        check(
            |p| p.business_cases[0].residual = ResidualValue::Perpetuity { annual: dec!(100), growth: dec!(0.06) },
            &[
                "business_cases[0].residual.growth: 6 % must be below the discount rate (6 %): a perpetuity growing as fast as money is discounted has no value",
            ],
        );
        check(
            |p| {
                p.business_cases[0].sunk_costs =
                    vec![SunkCost { name: " ".into(), amount: dec!(-1), note: String::new() }];
            },
            &[
                "business_cases[0].sunk_costs[0].name: must not be empty",
                "business_cases[0].sunk_costs[0].amount: must not be negative",
            ],
        );
    }
}

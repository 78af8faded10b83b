//! A business case's rules: its settings, its lines (columns inside the case, amounts, the
//! uncertainty's distribution), a benefit's class and benefits-register entry, its links to the
//! roadmap's milestones (a benefit's start, an asset's service date), a cost's activity, its
//! residual value and sunk costs.

use std::collections::{HashMap, HashSet};

use rust_decimal::{Decimal, dec};

use crate::appraisal::{Capitalisation, CaseRate};
use crate::case::{BusinessCase, CaseYear, Distribution, LineAmounts, LineItem, LineKind};
use crate::case_timing::{InService, MilestoneLink, ResidualValue};
use crate::fiscal::{FiscalCalendar, YearMonth};
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
    c.unique(&f("lines"), x.lines.iter().map(|l| &l.id));
    for (j, line) in x.lines.iter().enumerate() {
        let l = |field: &str| format!("{at}.lines[{j}].{field}");
        c.name(l("name"), &line.name, true);
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

fn distribution(c: &mut Checker, at: &str, d: &Distribution) {
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
    use rust_decimal::dec;

    use crate::appraisal::{AccountingStandard, Capitalisation, CostActivity};
    use crate::case_timing::{InService, MilestoneLink, ResidualValue, SunkCost};
    use crate::demo::demo_plan;
    use crate::fiscal::YearMonth;
    use crate::plan::{Id, Plan};
    use crate::validate::validate;

    /// Applies `edit` to the demo plan and expects exactly these problems, path and reason.
    fn check(edit: impl FnOnce(&mut Plan), expected: &[&str]) {
        let mut plan = demo_plan();
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
    // is capex (implementation, upfront first), line 3 the subscription (opex), line 6 a benefit
    // from FY2029. Its initiative "erp-finance" goes live in 2028-07 (FY2029, a July year).

    #[test]
    fn a_benefit_starts_at_a_milestone_of_the_case_years() {
        check(|p| p.business_cases[0].lines[6].starts_at = Some(link("erp-finance", "Finance go-live")), &[]);
        check(
            |p| p.business_cases[0].lines[6].starts_at = Some(link("nowhere", "Finance go-live")),
            &["business_cases[0].lines[6].starts_at.initiative: no initiative has the id \"nowhere\""],
        );
        check(
            |p| p.business_cases[0].lines[6].starts_at = Some(link("erp-finance", "Go live")),
            &[
                "business_cases[0].lines[6].starts_at.milestone: initiative \"erp-finance\" has no milestone named \"Go live\"",
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
                p.business_cases[0].lines.retain(|l| l.id.as_str() == "legacy");
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
        check(|p| p.business_cases[0].lines[6].starts_at = Some(link("legacy-decom", "Mainframe switched off")), &[]);
        check(
            |p| {
                p.business_cases[0].years = 3;
                p.business_cases[0].lines.retain(|l| l.id.as_str() == "legacy");
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
            |p| p.business_cases[0].lines[3].in_service = Some(InService::At { month: month("2028-07") }),
            &[
                "business_cases[0].lines[3].in_service: the line is expensed under the plan's capitalisation policy, so it has no in-service date",
            ],
        );
        check(
            |p| p.business_cases[0].lines[6].in_service = Some(InService::At { month: month("2028-07") }),
            &[
                "business_cases[0].lines[6].in_service: only a capitalised cost goes into service, and Benefit – cost savings is a benefit",
            ],
        );
        // Under GASB 96 a subscription is capitalised: the subscription line may go into service.
        check(
            |p| {
                p.settings.appraisal.capitalisation = Capitalisation::standard(AccountingStandard::Gasb51And96);
                p.business_cases[0].lines[3].activity = Some(CostActivity::SoftwareSubscription);
                p.business_cases[0].lines[3].in_service = Some(InService::At { month: month("2028-07") });
            },
            &[],
        );
    }

    #[test]
    fn only_a_cost_pays_for_an_activity() {
        check(|p| p.business_cases[0].lines[0].activity = Some(CostActivity::Development), &[]);
        check(
            |p| p.business_cases[0].lines[6].activity = Some(CostActivity::Training),
            &[
                "business_cases[0].lines[6].activity: only a cost pays for an activity, and Benefit – cost savings is a benefit",
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

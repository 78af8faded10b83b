//! Validation of a whole plan: the rules a plan obeys wherever it comes from (a file, an edit,
//! a migration). Each problem names the field by its JSON path inside the plan, so a file error
//! and an edit error read the same way.

use std::collections::HashSet;
use std::fmt;

use crate::fiscal::YearMonth;
use crate::plan::{Horizon, Id, Plan};

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

struct Checker {
    problems: Vec<Problem>,
}

impl Checker {
    fn fail(&mut self, path: impl Into<String>, reason: impl Into<String>) {
        self.problems.push(Problem { path: path.into(), reason: reason.into() });
    }

    fn name(&mut self, path: String, name: &str, required: bool) {
        if required && name.trim().is_empty() {
            self.fail(path, "must not be empty");
        } else if name.chars().count() > MAX_NAME_CHARS {
            self.fail(path, format!("must be at most {MAX_NAME_CHARS} characters"));
        }
    }

    /// Ids must be unique within a collection; returns the set for reference checks.
    fn unique<'a>(&mut self, collection: &str, ids: impl Iterator<Item = &'a Id>) -> HashSet<&'a Id> {
        let mut seen = HashSet::new();
        for (i, id) in ids.enumerate() {
            if !seen.insert(id) {
                self.fail(format!("{collection}[{i}].id"), format!("duplicate id \"{id}\""));
            }
        }
        seen
    }

    fn month_in_range(&mut self, path: String, month: YearMonth) {
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

/// Every problem with a plan; empty when it is valid.
pub fn validate(plan: &Plan) -> Vec<Problem> {
    let mut c = Checker { problems: Vec::new() };
    c.name("name".into(), &plan.name, true);
    c.name("organisation".into(), &plan.organisation, false);

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

    let goals = c.unique("goals", plan.goals.iter().map(|g| &g.id));
    for (i, g) in plan.goals.iter().enumerate() {
        c.name(format!("goals[{i}].name"), &g.name, true);
    }
    let themes = c.unique("themes", plan.themes.iter().map(|t| &t.id));
    for (i, t) in plan.themes.iter().enumerate() {
        c.name(format!("themes[{i}].name"), &t.name, true);
    }
    c.unique("initiatives", plan.initiatives.iter().map(|x| &x.id));
    for (i, x) in plan.initiatives.iter().enumerate() {
        let at = |field: &str| format!("initiatives[{i}].{field}");
        c.name(at("name"), &x.name, true);
        c.month_in_range(at("start"), x.start);
        c.month_in_range(at("end"), x.end);
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
    c.unique("business_cases", plan.business_cases.iter().map(|x| &x.id));
    for (i, x) in plan.business_cases.iter().enumerate() {
        c.name(format!("business_cases[{i}].name"), &x.name, true);
    }
    c.unique("sourcing_studies", plan.sourcing_studies.iter().map(|x| &x.id));
    for (i, x) in plan.sourcing_studies.iter().enumerate() {
        c.name(format!("sourcing_studies[{i}].name"), &x.name, true);
    }
    c.unique("scenarios", plan.scenarios.iter().map(|x| &x.id));
    for (i, x) in plan.scenarios.iter().enumerate() {
        c.name(format!("scenarios[{i}].name"), &x.name, true);
    }
    c.problems
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
        check(|p| p.themes[1].id = p.themes[0].id.clone(), &["themes[1].id"]);
        check(|p| p.goals[0].name = String::new(), &["goals[0].name"]);
    }

    #[test]
    fn initiative_rules() {
        let mut plan = demo_plan();
        let start: YearMonth = "2027-01".parse().expect("month");
        plan.initiatives.push(crate::plan::Initiative {
            id: Id::new("x").expect("id"),
            name: "X".into(),
            description: String::new(),
            theme: Some(Id::new("nope").expect("id")),
            owner: String::new(),
            status: Default::default(),
            start,
            end: "2026-12".parse().expect("month"),
            goals: vec![Id::new("missing").expect("id")],
        });
        let n = plan.initiatives.len() - 1;
        let paths: Vec<String> = validate(&plan).into_iter().map(|p| p.path).collect();
        assert_eq!(
            paths,
            [format!("initiatives[{n}].end"), format!("initiatives[{n}].theme"), format!("initiatives[{n}].goals[0]")]
        );
    }
}

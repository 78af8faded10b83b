//! Cairn's plan-health checks. Pure: a [`Plan`] in, [`Finding`]s out.
//!
//! One engine serves every surface (the app's panel, the board pack, `cairn check`): [`check`]
//! computes the data the checks share once ([`Derived`]: each initiative's budget by fiscal year,
//! the budget and capacity rollups, the schedule, the links between business cases and
//! initiatives), then runs every entry of [`CHECKS`] over it and sorts what they find by
//! severity, code and path. A later feature adds a check by adding one [`Check`] to the list;
//! docs/checks.md documents each code.
//!
//! Every finding names the JSON path of the field at fault, written as validation writes paths
//! (`initiatives[3].budget.years[2]`), the ids involved, and a one-line message whose figures are
//! written by `cairn_core::text`, as the app writes them.

mod checks;
mod derived;

use std::fmt;

use cairn_core::{Id, Plan};

pub use derived::{CaseLink, Derived, LineYears};

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The plan as it stands cannot be carried out: a ceiling broken, a dependency broken.
    Error,
    /// Something a reviewer would send back: figures that contradict the plan's dates.
    Warning,
    /// Worth a look; often fine once explained.
    Info,
}

impl Severity {
    /// The severity as the JSON and tables write it: `error`, `warning`, `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing a check found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The check's stable code, kebab-case, e.g. `ceiling-breach`.
    pub code: &'static str,
    /// How much it matters.
    pub severity: Severity,
    /// The JSON path of the field at fault inside the plan, e.g. `initiatives[3].budget.years[2]`.
    pub path: String,
    /// The ids of the items involved (initiatives, business cases, themes), most specific first.
    pub ids: Vec<Id>,
    /// What is wrong, in one line, with the figures.
    pub message: String,
    /// The same in a few words a board reads, with compact figures: "FY2027 is $1.18M over its
    /// ceiling of $19M". The board pack's executive summary lists these.
    pub headline: String,
    /// Why the finding stands, when the plan accepts it (`settings.accepted_findings`); `None`
    /// while it is open.
    pub accepted: Option<String>,
}

/// An accepted finding that no check finds any more: its code or path is stale.
pub const ACCEPTANCE_UNMATCHED: &str = "acceptance-unmatched";

/// Why the checks could not run: the plan's roadmap cannot be scheduled or rolled up (a plan
/// that skipped validation: a dependency cycle, amounts too large to add).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct CheckError(#[from] pub cairn_roadmap::RoadmapError);

/// One check: a code, what it looks for, and the function that looks.
pub struct Check {
    /// The stable code of its findings.
    pub code: &'static str,
    /// The rule in a sentence (docs/checks.md says more).
    pub rule: &'static str,
    /// Adds its findings for the plan to the list.
    pub run: fn(&Derived<'_>, &mut Vec<Finding>),
}

/// Every check, run in this order (findings are sorted afterwards, so the order here does not
/// show). Add a new check here and in docs/checks.md.
pub const CHECKS: &[Check] = &[
    Check {
        code: checks::CEILING_BREACH,
        rule: "a fiscal year's spend, for the portfolio or a theme, is over its budget ceiling",
        run: checks::ceiling_breach,
    },
    Check {
        code: checks::DEPENDENCY_VIOLATION,
        rule: "an initiative is planned to start before a dependency allows",
        run: checks::dependency_violation,
    },
    Check {
        code: checks::CAPACITY_BREACH,
        rule: "a fiscal quarter's FTE demand is over the plan's capacity",
        run: checks::capacity_breach,
    },
    Check {
        code: checks::BENEFIT_BEFORE_IN_SERVICE,
        rule: "a linked business case's benefit starts before the initiative's service is in",
        run: checks::benefit_before_in_service,
    },
    Check {
        code: checks::CASE_OUTSIDE_INITIATIVE,
        rule: "a linked business case has costs in fiscal years outside the initiative's dates",
        run: checks::case_outside_initiative,
    },
    Check {
        code: checks::BUDGET_OUTSIDE_DATES,
        rule: "an initiative's entered budget has amounts in fiscal years outside its dates",
        run: checks::budget_outside_dates,
    },
    Check {
        code: checks::UNAPPRAISED_SPEND,
        rule: "an initiative's total budget is over the plan's appraisal threshold and no business case covers it",
        run: checks::unappraised_spend,
    },
    Check {
        code: checks::MILESTONE_OUTSIDE_INITIATIVE,
        rule: "a milestone falls outside its initiative's start and end",
        run: checks::milestone_outside_initiative,
    },
    Check {
        code: checks::SCENARIO_RATE_UNUSED,
        rule: "a scenario sets the discount rate of a case that follows the plan's discount schedule",
        run: checks::scenario_rate_unused,
    },
];

/// Every check of [`CHECKS`] over `plan`, sorted by severity (errors first), then code, then
/// path (as text), then message.
pub fn check(plan: &Plan) -> Result<Vec<Finding>, CheckError> {
    let derived = Derived::new(plan)?;
    Ok(run(&derived, CHECKS))
}

/// `checks` over already derived data, sorted as [`check`] sorts.
pub fn run(derived: &Derived<'_>, checks: &[Check]) -> Vec<Finding> {
    let mut findings = Vec::new();
    for c in checks {
        (c.run)(derived, &mut findings);
    }
    // Unstable is enough: findings equal in all four are the same line; it sorts in place,
    // without the merge buffer, thousands of findings on a large plan.
    accept(derived.plan, &mut findings);
    findings.sort_unstable_by(|a, b| {
        (a.severity, a.code, &a.path, &a.message).cmp(&(b.severity, b.code, &b.path, &b.message))
    });
    findings
}

/// Marks the findings the plan accepts (`settings.accepted_findings`, by code and path) with the
/// reason, and reports each acceptance that matches no finding, so a stale one is seen and
/// removed instead of silently excusing a later finding at the same path.
fn accept(plan: &Plan, findings: &mut Vec<Finding>) {
    let accepted = &plan.settings.accepted_findings;
    if accepted.is_empty() {
        return;
    }
    let mut used = vec![false; accepted.len()];
    for f in findings.iter_mut() {
        if let Some(k) = accepted.iter().position(|a| a.code == f.code && a.path == f.path) {
            used[k] = true;
            f.accepted = Some(accepted[k].reason.clone());
        }
    }
    for (k, a) in accepted.iter().enumerate() {
        if used[k] {
            continue;
        }
        findings.push(Finding {
            code: ACCEPTANCE_UNMATCHED,
            severity: Severity::Info,
            path: format!("settings.accepted_findings[{k}]"),
            ids: Vec::new(),
            message: format!(
                "The accepted finding \"{}\" at {} no longer occurs: remove it from the plan's accepted findings",
                a.code, a.path
            ),
            headline: format!("An accepted \"{}\" finding no longer occurs", a.code),
            accepted: None,
        });
    }
}

//! Plan health: the one check engine (`cairn_check`) over a stored plan or scenario for the
//! app's panel ([`Cairn::plan_health`]), and over a plan read from a file for `cairn check`
//! ([`plan_check`]). Both run the same checks in the same order; only the transport differs.

use cairn_core::Plan;

use crate::check_dto::{FindingDto, FindingTargetDto, PlanHealthDto};
use crate::cli_dto::{CliCheckDto, CliFindingDto};
use crate::roadmap::roadmap_error;
use crate::{ApiError, Cairn, ErrorCode, roadmap_variant};

fn findings(plan: &Plan) -> Result<Vec<cairn_check::Finding>, ApiError> {
    cairn_check::check(plan).map_err(|e| roadmap_error(e.0))
}

fn count(findings: &[cairn_check::Finding], keep: impl Fn(&cairn_check::Finding) -> bool) -> u32 {
    u32::try_from(findings.iter().filter(|f| keep(f)).count()).unwrap_or(u32::MAX)
}

/// Where the app shows the field at `path`: the roadmap for an initiative (selected), its
/// budget or capacity for a ceiling or a quarter's capacity; the case page for a business case
/// (selected); the settings for the plan's accepted findings.
fn target(path: &str, ids: &[cairn_core::Id]) -> FindingTargetDto {
    let on = |page: &str, item: Option<&cairn_core::Id>, section: Option<&str>| FindingTargetDto {
        page: page.to_owned(),
        item: item.map(ToString::to_string),
        section: section.map(str::to_owned),
    };
    if path.starts_with("business_cases") {
        on("cases", ids.first(), None)
    } else if path.starts_with("settings.roadmap.budget_ceilings") {
        on("roadmap", None, Some("budget"))
    } else if path.starts_with("settings.roadmap.fte_capacity") {
        on("roadmap", None, Some("capacity"))
    } else if path.starts_with("settings") {
        on("settings", None, None)
    } else {
        on("roadmap", ids.first(), None)
    }
}

/// A finding as `cairn check` prints it: the five keys of its contract, an accepted finding's
/// reason at the end of its message.
fn cli_message(f: &cairn_check::Finding) -> String {
    match &f.accepted {
        Some(reason) => format!("{} (accepted: {})", f.message, cairn_core::text::one_line(reason)),
        None => f.message.clone(),
    }
}

impl Cairn {
    /// The counts of [`Cairn::plan_health`] without the findings: what the top bar's badge shows
    /// while the panel is closed (a plan of thousands of initiatives can have thousands of findings).
    pub fn plan_health_counts(&self, plan_id: &str, scenario: Option<&str>) -> Result<PlanHealthDto, ApiError> {
        let mut health = self.plan_health(plan_id, scenario)?;
        health.findings.clear();
        Ok(health)
    }

    /// Every plan-health finding over the stored plan, or over one of its scenarios
    /// (`scenario`: its id), for the app's panel.
    pub fn plan_health(&self, plan_id: &str, scenario: Option<&str>) -> Result<PlanHealthDto, ApiError> {
        let plan = self.store.load(plan_id)?;
        let shown = roadmap_variant::shown(&plan, scenario)?;
        let found = findings(&shown)?;
        Ok(PlanHealthDto {
            scenario: scenario.map(str::to_owned),
            errors: count(&found, |f| f.accepted.is_none() && f.severity == cairn_check::Severity::Error),
            warnings: count(&found, |f| f.accepted.is_none() && f.severity == cairn_check::Severity::Warning),
            infos: count(&found, |f| f.accepted.is_none() && f.severity == cairn_check::Severity::Info),
            accepted: count(&found, |f| f.accepted.is_some()),
            findings: found
                .into_iter()
                .map(|f| FindingDto {
                    code: f.code.to_owned(),
                    severity: f.severity.as_str().to_owned(),
                    target: target(&f.path, &f.ids),
                    path: f.path,
                    ids: f.ids.iter().map(ToString::to_string).collect(),
                    message: f.message,
                    headline: f.headline,
                    accepted: f.accepted,
                })
                .collect(),
        })
    }
}

/// `plan` as the command line's `--scenario NAME` resolves it (a scenario or baseline by id or
/// name; the plan itself without one); an unknown name is `NotFound`, naming the known ones.
pub(crate) fn plan_as<'a>(plan: &'a Plan, scenario: Option<&str>) -> Result<std::borrow::Cow<'a, Plan>, ApiError> {
    match scenario {
        Some(name) => cairn_scenario::variant(plan, name)
            .map(|v| std::borrow::Cow::Owned(v.plan))
            .map_err(|e| ApiError::new(ErrorCode::NotFound, e.to_string())),
        None => Ok(std::borrow::Cow::Borrowed(plan)),
    }
}

/// Every plan-health finding over a plan read from a file (`cairn check`), or over one of its
/// scenarios or baselines by id or name, as `cairn report --scenario` resolves it.
pub fn plan_check(plan: &Plan, scenario: Option<&str>) -> Result<CliCheckDto, ApiError> {
    let checked = &*plan_as(plan, scenario)?;
    Ok(CliCheckDto {
        findings: findings(checked)?
            .into_iter()
            .map(|f| CliFindingDto {
                code: f.code.to_owned(),
                severity: f.severity.as_str().to_owned(),
                message: cli_message(&f),
                path: f.path,
                ids: f.ids.iter().map(ToString::to_string).collect(),
            })
            .collect(),
    })
}

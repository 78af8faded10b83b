//! Plan health: the one check engine (`cairn_check`) over a stored plan or scenario for the
//! app's panel ([`Cairn::plan_health`]), and over a plan read from a file for `cairn check`
//! ([`plan_check`]). Both run the same checks in the same order; only the transport differs.

use cairn_core::Plan;

use crate::check_dto::{FindingDto, PlanHealthDto};
use crate::cli_dto::{CliCheckDto, CliFindingDto};
use crate::roadmap::roadmap_error;
use crate::{ApiError, Cairn, ErrorCode, roadmap_variant};

fn findings(plan: &Plan) -> Result<Vec<cairn_check::Finding>, ApiError> {
    cairn_check::check(plan).map_err(|e| roadmap_error(e.0))
}

fn count(findings: &[cairn_check::Finding], severity: cairn_check::Severity) -> u32 {
    u32::try_from(findings.iter().filter(|f| f.severity == severity).count()).unwrap_or(u32::MAX)
}

impl Cairn {
    /// Every plan-health finding over the stored plan, or over one of its scenarios
    /// (`scenario`: its id), for the app's panel.
    pub fn plan_health(&self, plan_id: &str, scenario: Option<&str>) -> Result<PlanHealthDto, ApiError> {
        let plan = self.store.load(plan_id)?;
        let shown = roadmap_variant::shown(&plan, scenario)?;
        let found = findings(&shown)?;
        Ok(PlanHealthDto {
            scenario: scenario.map(str::to_owned),
            errors: count(&found, cairn_check::Severity::Error),
            warnings: count(&found, cairn_check::Severity::Warning),
            infos: count(&found, cairn_check::Severity::Info),
            findings: found
                .into_iter()
                .map(|f| FindingDto {
                    code: f.code.to_owned(),
                    severity: f.severity.as_str().to_owned(),
                    path: f.path,
                    ids: f.ids.iter().map(ToString::to_string).collect(),
                    message: f.message,
                })
                .collect(),
        })
    }
}

/// Every plan-health finding over a plan read from a file (`cairn check`), or over one of its
/// scenarios or baselines by id or name, as `cairn report --scenario` resolves it.
pub fn plan_check(plan: &Plan, scenario: Option<&str>) -> Result<CliCheckDto, ApiError> {
    let variant;
    let checked = match scenario {
        Some(name) => {
            variant =
                cairn_scenario::variant(plan, name).map_err(|e| ApiError::new(ErrorCode::NotFound, e.to_string()))?;
            &variant.plan
        }
        None => plan,
    };
    Ok(CliCheckDto {
        findings: findings(checked)?
            .into_iter()
            .map(|f| CliFindingDto {
                code: f.code.to_owned(),
                severity: f.severity.as_str().to_owned(),
                path: f.path,
                ids: f.ids.iter().map(ToString::to_string).collect(),
                message: f.message,
            })
            .collect(),
    })
}

//! The risk register in a scenario (docs/scenarios.md, docs/risk.md): the register as the
//! scenario resolves it, and an edit made there stored as the scenario's overrides — a risk's
//! probability and impacts, its response and residual rating — never as a change to the plan.
//! Everything else about a risk (its title, owner, links…) is the plan's, and an edit of it in a
//! scenario is refused by name, as the roadmap's side panel refuses a scenario's budget edit.

use cairn_core::{Override, Plan, Risk};
use chrono::{DateTime, Utc};

use crate::risk_dto::{RegisterRiskDto, RiskRegisterDto};
use crate::risks::{risk_from, risk_register};
use crate::roadmap_variant::{resolved, scenario_error, scenario_name, shown};
use crate::{ApiError, Cairn, ErrorCode};

/// The first field other than the probability, impacts, response and residual in which
/// `edited` differs from `current`, as the file names it.
fn fixed_field(current: &Risk, edited: &Risk) -> Option<&'static str> {
    let c = current;
    let e = edited;
    [
        ("title", c.title != e.title),
        ("kind", c.kind != e.kind),
        ("cause", c.cause != e.cause),
        ("event", c.event != e.event),
        ("effect", c.effect != e.effect),
        ("category", c.category != e.category),
        ("owner", c.owner != e.owner),
        ("inherent", c.inherent != e.inherent),
        ("actions", c.actions != e.actions),
        ("proximity", c.proximity != e.proximity),
        ("status", c.status != e.status),
        ("review", c.review != e.review),
        ("links", c.links != e.links),
    ]
    .into_iter()
    .find_map(|(field, differs)| differs.then_some(field))
}

/// The overrides that give `risk` in a scenario what `edited` says.
fn overrides(edited: &Risk) -> [Override; 2] {
    [
        Override::RiskQuantities {
            risk: edited.id.clone(),
            probability: edited.probability,
            cost: edited.cost,
            delay: edited.delay.clone(),
            benefit: edited.benefit.clone(),
        },
        Override::RiskResponse { risk: edited.id.clone(), response: edited.response, residual: edited.residual },
    ]
}

/// A rule's refusal of one of the scenario's risk overrides, named as the register's form names
/// the field: `scenarios[2].overrides[5].cost.amount.max` becomes `risks[3].cost.amount.max`.
fn as_register_field(plan: &Plan, scenario: &str, mut e: ApiError) -> ApiError {
    let Some(field) = e.field.as_deref() else { return e };
    let Some(s) = plan.scenarios.iter().position(|s| s.id.as_str() == scenario) else { return e };
    let prefix = format!("scenarios[{s}].overrides[");
    let Some(rest) = field.strip_prefix(&prefix) else { return e };
    let Some((k, rest)) = rest.split_once("].") else { return e };
    let Some(o) = k.parse::<usize>().ok().and_then(|k| plan.scenarios[s].overrides.get(k)) else { return e };
    if let Override::RiskQuantities { risk, .. } | Override::RiskResponse { risk, .. } = o
        && let Some(j) = plan.risks.iter().position(|r| &r.id == risk)
    {
        e.field = Some(format!("risks[{j}].{rest}"));
    }
    e
}

impl Cairn {
    /// The risk register as the scenario sees it (`None`: the plan's own).
    pub fn risk_register_in(&self, plan_id: &str, scenario: Option<&str>) -> Result<RiskRegisterDto, ApiError> {
        let plan = self.store.load(plan_id)?;
        Ok(risk_register(&*shown(&plan, scenario)?))
    }

    /// Saves the risk `risk_id` as the Risks page edited it: in the plan ([`Cairn::update_risk`]),
    /// or in the scenario shown ([`Cairn::edit_risk_in`]).
    pub fn save_risk_in(
        &self,
        plan_id: &str,
        scenario: Option<&str>,
        risk_id: &str,
        dto: &RegisterRiskDto,
        now: DateTime<Utc>,
    ) -> Result<RiskRegisterDto, ApiError> {
        match scenario {
            Some(s) => self.edit_risk_in(plan_id, s, risk_id, dto, now),
            None => self.update_risk(plan_id, risk_id, dto, now),
        }
    }

    /// Stores the risk `risk_id`, edited as the scenario `scenario_id` shows it, as that
    /// scenario's overrides (one undoable step): its probability and impacts, and its response
    /// and residual rating, may differ from the plan's; an edit of any other field is refused by
    /// name. Differences that only repeat the scenario's parent are not kept.
    pub fn edit_risk_in(
        &self,
        plan_id: &str,
        scenario_id: &str,
        risk_id: &str,
        dto: &RegisterRiskDto,
        now: DateTime<Utc>,
    ) -> Result<RiskRegisterDto, ApiError> {
        let stored = self.store.load(plan_id)?;
        let name = scenario_name(&stored, scenario_id)?;
        drop(stored);
        let title = dto.title.trim().to_owned();
        self.edit_with(
            plan_id,
            &format!("Edit risk \"{title}\" in the scenario \"{name}\""),
            now,
            |p| {
                let shown = resolved(p, Some(scenario_id))?;
                let i = shown.risks.iter().position(|r| r.id.as_str() == risk_id).ok_or_else(|| {
                    ApiError::new(ErrorCode::NotFound, format!("This plan has no risk with the id \"{risk_id}\""))
                })?;
                let current = &shown.risks[i];
                let edited = risk_from(dto, current.id.clone(), &format!("risks[{i}]"))?;
                if let Some(field) = fixed_field(current, &edited) {
                    return Err(ApiError::invalid(
                        format!("risks[{i}].{field}"),
                        format!(
                            "in the scenario “{name}” only a risk's probability, impacts, response and residual rating \
                             can differ from the plan; switch to the plan to change its {field}"
                        ),
                    ));
                }
                cairn_scenario::overrides::record_in(p, scenario_id, overrides(&edited)).map_err(scenario_error)
            },
            |p, e| as_register_field(p, scenario_id, e),
        )?;
        self.risk_register_in(plan_id, Some(scenario_id))
    }
}

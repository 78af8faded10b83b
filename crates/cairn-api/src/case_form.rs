//! The parts of a business case its form edits beside the assumptions — why it is mandatory, its
//! residual value, sunk costs, optimism bias and short list — and a line's links to the roadmap
//! (the milestone a benefit starts at, when a capital cost goes into service) and its activity,
//! to and from their DTOs, every field read by its path; and what the form chooses from.
//! The rules (one business-as-usual and one preferred option, a reason for each mitigation, a
//! milestone the plan has) are `cairn_core::validate`'s, applied by the edit.

use cairn_core::optimism::{ContributoryFactor, Mitigation, OptimismBias, ProjectType};
use cairn_core::{
    BusinessCase, CaseOption, CostActivity, Id, InService, LineItem, MilestoneLink, OptionRole, Plan, ResidualValue,
    SunkCost,
};

use crate::case_form_dto::*;
use crate::codec::{decimal_text, parse_amount, parse_id, parse_month, parse_percent, percent_text};
use crate::policy_dto::ActivityDto;
use crate::{ApiError, Cairn};

fn key_of<T: serde::Serialize>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

fn from_key<T: serde::de::DeserializeOwned>(key: &str, field: &str, what: &str) -> Result<T, ApiError> {
    serde_json::from_value(serde_json::Value::String(key.trim().to_owned()))
        .map_err(|_| ApiError::invalid(field, format!("\"{key}\" is not {what}")))
}

fn role_to(r: OptionRole) -> OptionRoleDto {
    match r {
        OptionRole::Bau => OptionRoleDto::Bau,
        OptionRole::DoMinimum => OptionRoleDto::DoMinimum,
        OptionRole::Preferred => OptionRoleDto::Preferred,
        OptionRole::Alternative => OptionRoleDto::Alternative,
    }
}

fn role_from(r: OptionRoleDto) -> OptionRole {
    match r {
        OptionRoleDto::Bau => OptionRole::Bau,
        OptionRoleDto::DoMinimum => OptionRole::DoMinimum,
        OptionRoleDto::Preferred => OptionRole::Preferred,
        OptionRoleDto::Alternative => OptionRole::Alternative,
    }
}

/// The case's form fields beside its assumptions.
pub(crate) fn appraisal_dto(case: &BusinessCase) -> CaseAppraisalDto {
    CaseAppraisalDto {
        mandatory: case.mandatory.clone().unwrap_or_default(),
        residual: match &case.residual {
            ResidualValue::None => ResidualDto::None,
            ResidualValue::BookValue => ResidualDto::BookValue,
            ResidualValue::Perpetuity { annual, growth } => {
                ResidualDto::Perpetuity { annual: decimal_text(*annual), growth: percent_text(*growth) }
            }
        },
        sunk_costs: case
            .sunk_costs
            .iter()
            .map(|s| SunkCostDto { name: s.name.clone(), amount: decimal_text(s.amount), note: s.note.clone() })
            .collect(),
        optimism: case.optimism_bias.as_ref().map(|b| OptimismDto {
            project_type: b.project_type.key().to_owned(),
            mitigations: b
                .mitigations
                .iter()
                .map(|m| MitigationDto {
                    factor: key_of(&m.factor),
                    mitigated: percent_text(m.mitigated),
                    reason: m.reason.clone(),
                })
                .collect(),
        }),
        options: case
            .options
            .iter()
            .map(|o| CaseOptionDto {
                id: o.id.to_string(),
                name: o.name.clone(),
                role: role_to(o.role),
                description: o.description.clone(),
            })
            .collect(),
    }
}

/// Applies the form's fields to `case`. A new option (empty id) gets a fresh id from its name; an
/// option removed is taken off the lines that named it, so no line is left pointing at nothing.
/// A mitigation keeps the share of the upper bound it stated (the form does not edit it).
pub(crate) fn apply_appraisal(case: &mut BusinessCase, dto: &CaseAppraisalDto) -> Result<(), ApiError> {
    let residual = match &dto.residual {
        ResidualDto::None => ResidualValue::None,
        ResidualDto::BookValue => ResidualValue::BookValue,
        ResidualDto::Perpetuity { annual, growth } => ResidualValue::Perpetuity {
            annual: parse_amount(annual, "residual.annual")?,
            growth: if growth.trim().is_empty() {
                rust_decimal::Decimal::ZERO
            } else {
                parse_percent(growth, "residual.growth")?
            },
        },
    };
    let sunk_costs = dto
        .sunk_costs
        .iter()
        .enumerate()
        .map(|(k, s)| {
            Ok(SunkCost {
                name: s.name.trim().to_owned(),
                amount: parse_amount(&s.amount, &format!("sunk_costs[{k}].amount"))?,
                note: s.note.trim().to_owned(),
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let optimism_bias = match &dto.optimism {
        None => None,
        Some(o) => {
            let project_type =
                ProjectType::ALL.into_iter().find(|t| t.key() == o.project_type.trim()).ok_or_else(|| {
                    ApiError::invalid(
                        "optimism_bias.project_type",
                        format!("\"{}\" is not a project type of the guidance", o.project_type),
                    )
                })?;
            let old = case.optimism_bias.as_ref().map(|b| b.mitigations.as_slice()).unwrap_or_default();
            let mitigations = o
                .mitigations
                .iter()
                .enumerate()
                .map(|(k, m)| {
                    let at = |f: &str| format!("optimism_bias.mitigations[{k}].{f}");
                    let factor: ContributoryFactor =
                        from_key(&m.factor, &at("factor"), "a contributory factor of the guidance")?;
                    Ok(Mitigation {
                        factor,
                        mitigated: parse_percent(&m.mitigated, &at("mitigated"))?,
                        reason: m.reason.trim().to_owned(),
                        contribution: old.iter().find(|x| x.factor == factor).and_then(|x| x.contribution),
                    })
                })
                .collect::<Result<Vec<_>, ApiError>>()?;
            Some(OptimismBias { project_type, mitigations })
        }
    };
    let mut options: Vec<CaseOption> = Vec::with_capacity(dto.options.len());
    for (k, o) in dto.options.iter().enumerate() {
        let id = if o.id.trim().is_empty() {
            let taken: Vec<Id> =
                case.options.iter().map(|x| x.id.clone()).chain(options.iter().map(|x| x.id.clone())).collect();
            crate::cases::fresh_id(&o.name, "option", taken.iter())
                .map_err(|e| ApiError::invalid(format!("options[{k}].name"), e.message))?
        } else {
            parse_id(&o.id, &format!("options[{k}].id"))?
        };
        options.push(CaseOption {
            id,
            name: o.name.trim().to_owned(),
            role: role_from(o.role),
            description: o.description.trim().to_owned(),
        });
    }
    for line in &mut case.lines {
        line.options.retain(|id| options.iter().any(|o| &o.id == id));
    }
    let mandatory = dto.mandatory.trim();
    case.mandatory = (!mandatory.is_empty()).then(|| mandatory.to_owned());
    case.residual = residual;
    case.sunk_costs = sunk_costs;
    case.optimism_bias = optimism_bias;
    case.options = options;
    Ok(())
}

fn link_to(l: &MilestoneLink) -> MilestoneLinkDto {
    MilestoneLinkDto { initiative: l.initiative.to_string(), milestone: l.milestone.clone() }
}

fn link_from(l: &MilestoneLinkDto, at: &str) -> Result<MilestoneLink, ApiError> {
    Ok(MilestoneLink {
        initiative: parse_id(&l.initiative, &format!("{at}.initiative"))?,
        milestone: l.milestone.trim().to_owned(),
    })
}

/// A line's links and activity, as the line dialog shows them.
pub(crate) fn line_links(line: &LineItem) -> (Option<ActivityDto>, Option<MilestoneLinkDto>, Option<InServiceDto>) {
    let activity = line.activity.and_then(|a| from_key::<ActivityDto>(&key_of(&a), "", "").ok());
    let in_service = line.in_service.as_ref().map(|s| match s {
        InService::At { month } => InServiceDto::At { month: month.to_string() },
        InService::Milestone(l) => {
            InServiceDto::Milestone { initiative: l.initiative.to_string(), milestone: l.milestone.clone() }
        }
    });
    (activity, line.starts_at.as_ref().map(link_to), in_service)
}

/// Sets a line's links and activity from the dialog, each field read by its path `lines[i].…`.
pub(crate) fn set_line_links(
    line: &mut LineItem,
    at: &dyn Fn(&str) -> String,
    activity: Option<ActivityDto>,
    starts_at: Option<&MilestoneLinkDto>,
    in_service: Option<&InServiceDto>,
) -> Result<(), ApiError> {
    line.activity = match activity {
        None => None,
        Some(a) => Some(from_key::<CostActivity>(&key_of(&a), &at("activity"), "a cost activity")?),
    };
    line.starts_at = starts_at.map(|l| link_from(l, &at("starts_at"))).transpose()?;
    line.in_service = match in_service {
        None => None,
        Some(InServiceDto::At { month }) => Some(InService::At { month: parse_month(month, &at("in_service.month"))? }),
        Some(InServiceDto::Milestone { initiative, milestone }) => Some(InService::Milestone(link_from(
            &MilestoneLinkDto { initiative: initiative.clone(), milestone: milestone.clone() },
            &at("in_service"),
        )?)),
    };
    Ok(())
}

fn choice(key: String, label: &str, note: String) -> ChoiceDto {
    ChoiceDto { key, label: label.to_owned(), note }
}

fn choices(plan: &Plan) -> CaseFormChoicesDto {
    CaseFormChoicesDto {
        project_types: ProjectType::ALL
            .iter()
            .map(|t| {
                let b = t.bounds();
                let note =
                    format!("upper bound {} % on {}", b.cost.upper_percent, crate::case_lines::kind_name(b.cost_kind));
                choice(t.key().to_owned(), t.label(), note)
            })
            .collect(),
        factors: ContributoryFactor::ALL
            .iter()
            .map(|f| choice(key_of(f), f.label(), f.area().label().to_owned()))
            .collect(),
        roles: [OptionRole::Bau, OptionRole::DoMinimum, OptionRole::Preferred, OptionRole::Alternative]
            .iter()
            .map(|r| choice(r.key().to_owned(), r.label(), String::new()))
            .collect(),
        activities: CostActivity::ALL.iter().map(|a| choice(key_of(a), a.label(), String::new())).collect(),
        milestones: plan
            .initiatives
            .iter()
            .flat_map(|i| {
                i.milestones.iter().map(move |m| MilestoneChoiceDto {
                    initiative: i.id.to_string(),
                    initiative_name: i.name.clone(),
                    milestone: m.name.clone(),
                    month: m.month.to_string(),
                })
            })
            .collect(),
    }
}

impl Cairn {
    /// What a case's form and line dialog choose from: project types, contributory factors, option
    /// roles, cost activities and the plan's milestones.
    pub fn case_form_choices(&self, plan_id: &str) -> Result<CaseFormChoicesDto, ApiError> {
        Ok(choices(&*self.store.load(plan_id)?))
    }
}

//! Scenario and baseline use cases.

use cairn_core::{Id, Override, Plan, Scenario, stale_overrides, take_baseline};
use chrono::{DateTime, Utc};

use crate::scenario_dto::*;
use crate::{ApiError, Cairn, ErrorCode};

fn describe(plan: &Plan, o: &Override) -> String {
    let initiative = |id: &Id| plan.initiatives.iter().find(|x| &x.id == id).map_or(id.to_string(), |x| x.name.clone());
    let case = |id: &Id| plan.business_cases.iter().find(|x| &x.id == id).map_or(id.to_string(), |x| x.name.clone());
    let pct = |d: rust_decimal::Decimal| format!("{} %", (d * rust_decimal::Decimal::ONE_HUNDRED).normalize());
    match o {
        Override::InitiativeDates { initiative: i, start, end } => format!("“{}” runs {start} – {end}", initiative(i)),
        Override::InitiativeStatus { initiative: i, status } => format!("“{}” is {status:?}", initiative(i)),
        Override::InitiativeIncluded { initiative: i, included } => {
            format!("“{}” is {}", initiative(i), if *included { "included" } else { "left out" })
        }
        Override::CaseDiscountRate { case: c, rate } => format!("“{}” discounted at {}", case(c), pct(*rate)),
        Override::CaseBenefitRealisation { case: c, realisation } => {
            format!("“{}” realises {} of its benefits", case(c), pct(*realisation))
        }
        Override::CaseLineAmounts { case: c, line, .. } => format!("“{}”: other amounts for line {line}", case(c)),
        Override::StudyChoice { study, option } => format!("Sourcing study {study} chooses {option}"),
    }
}

fn fresh_id(name: &str, taken: &[&Id]) -> Result<Id, ApiError> {
    let base: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let base = if base.is_empty() { "scenario".to_owned() } else { base.chars().take(40).collect() };
    for n in 1u32..10_000 {
        let candidate = if n == 1 { base.clone() } else { format!("{base}-{n}") };
        if !taken.iter().any(|id| id.as_str() == candidate) {
            return Id::new(candidate).map_err(|e| ApiError::invalid("id", e.to_string()));
        }
    }
    Err(ApiError::invalid("id", "no free id"))
}

impl Cairn {
    /// The plan's scenarios (with their overrides in words) and baselines.
    pub fn list_scenarios(&self, plan_id: &str) -> Result<ScenariosDto, ApiError> {
        let plan = self.store.load(plan_id)?;
        Ok(ScenariosDto {
            scenarios: plan
                .scenarios
                .iter()
                .map(|s| ScenarioSummaryDto {
                    id: s.id.to_string(),
                    name: s.name.clone(),
                    description: s.description.clone(),
                    parent: s.parent.as_ref().map(ToString::to_string),
                    overrides: s.overrides.iter().map(|o| describe(&plan, o)).collect(),
                    stale: u32::try_from(stale_overrides(&plan, s).len()).unwrap_or(u32::MAX),
                })
                .collect(),
            baselines: plan
                .baselines
                .iter()
                .map(|b| BaselineSummaryDto {
                    id: b.id.to_string(),
                    name: b.name.clone(),
                    taken_on: b.taken_on.to_string(),
                })
                .collect(),
        })
    }

    /// Creates an empty scenario (it equals its parent until overrides are added).
    pub fn create_scenario(
        &self,
        plan_id: &str,
        new: &NewScenarioDto,
        now: DateTime<Utc>,
    ) -> Result<ScenariosDto, ApiError> {
        let name = new.name.trim().to_owned();
        self.edit(plan_id, &format!("Create scenario \"{name}\""), now, |p| {
            let taken: Vec<&Id> = p.scenarios.iter().map(|s| &s.id).collect();
            let id = fresh_id(&name, &taken)?;
            let parent = if new.parent.trim().is_empty() {
                None
            } else {
                Some(Id::new(new.parent.trim()).map_err(|e| ApiError::invalid("parent", e.to_string()))?)
            };
            p.scenarios.push(Scenario {
                id,
                name: name.clone(),
                description: new.description.clone(),
                parent,
                overrides: Vec::new(),
            });
            Ok(())
        })?;
        self.list_scenarios(plan_id)
    }

    /// Adds an override to a scenario (replacing one of the same kind on the same target).
    pub fn add_override(
        &self,
        plan_id: &str,
        scenario_id: &str,
        o: Override,
        now: DateTime<Utc>,
    ) -> Result<ScenariosDto, ApiError> {
        self.edit(plan_id, "Change a scenario", now, |p| {
            let s = p.scenarios.iter_mut().find(|s| s.id.as_str() == scenario_id).ok_or_else(|| {
                ApiError::new(ErrorCode::NotFound, format!("no scenario has the id \"{scenario_id}\""))
            })?;
            let same =
                |a: &Override| std::mem::discriminant(a) == std::mem::discriminant(&o) && a.target() == o.target();
            s.overrides.retain(|a| !same(a));
            s.overrides.push(o);
            Ok(())
        })?;
        self.list_scenarios(plan_id)
    }

    /// Deletes a scenario; its children then vary the deleted scenario's parent. The plan and
    /// the baselines are untouched.
    pub fn delete_scenario(
        &self,
        plan_id: &str,
        scenario_id: &str,
        now: DateTime<Utc>,
    ) -> Result<ScenariosDto, ApiError> {
        self.edit(plan_id, "Delete a scenario", now, |p| {
            let i = p.scenarios.iter().position(|s| s.id.as_str() == scenario_id).ok_or_else(|| {
                ApiError::new(ErrorCode::NotFound, format!("no scenario has the id \"{scenario_id}\""))
            })?;
            let removed = p.scenarios.remove(i);
            for child in p.scenarios.iter_mut().filter(|s| s.parent.as_ref() == Some(&removed.id)) {
                // A child keeps what it inherited by taking the removed scenario's overrides first.
                let mut overrides = removed.overrides.clone();
                overrides.append(&mut child.overrides);
                child.overrides = overrides;
                child.parent.clone_from(&removed.parent);
            }
            Ok(())
        })?;
        self.list_scenarios(plan_id)
    }

    /// Freezes the plan as it is now as a baseline.
    pub fn take_baseline(&self, plan_id: &str, name: &str, now: DateTime<Utc>) -> Result<ScenariosDto, ApiError> {
        let name = name.trim().to_owned();
        self.edit(plan_id, &format!("Take baseline \"{name}\""), now, |p| {
            let taken: Vec<&Id> = p.baselines.iter().map(|b| &b.id).collect();
            let id = fresh_id(&format!("baseline {name}"), &taken)?;
            let baseline = take_baseline(p, id, &name, now.date_naive());
            p.baselines.push(baseline);
            Ok(())
        })?;
        self.list_scenarios(plan_id)
    }

    /// Compares 2–4 variants: "plan", scenario or baseline ids or names.
    pub fn compare_scenarios(&self, plan_id: &str, names: &[String]) -> Result<ComparisonDto, ApiError> {
        let plan = self.store.load(plan_id)?;
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let c = cairn_scenario::compare(&plan, &refs).map_err(|e| ApiError::invalid("variants", e.0))?;
        Ok(ComparisonDto {
            variants: c
                .variants
                .into_iter()
                .map(|v| VariantDto {
                    label: v.label,
                    spend: v
                        .spend
                        .into_iter()
                        .map(|s| YearSpendDto { year: s.year, capex: s.capex, opex: s.opex })
                        .collect(),
                    cases: v
                        .cases
                        .into_iter()
                        .map(|k| CaseFiguresDto {
                            id: k.id,
                            name: k.name,
                            npv: k.npv,
                            irr: k.irr,
                            payback_years: k.payback_years,
                        })
                        .collect(),
                    portfolio_npv: v.portfolio_npv,
                    initiatives: u32::try_from(v.initiatives).unwrap_or(u32::MAX),
                    roadmap_end: v.roadmap_end,
                    notes: v.notes,
                })
                .collect(),
            differences: c
                .differences
                .into_iter()
                .map(|ds| ds.into_iter().map(|d| DifferenceDto { what: d.what, from: d.from, to: d.to }).collect())
                .collect(),
        })
    }
}

fn id_of(text: &str, field: &str) -> Result<Id, ApiError> {
    Id::new(text.trim()).map_err(|e| ApiError::invalid(field, e.to_string()))
}

fn month(text: &str, field: &str) -> Result<cairn_core::YearMonth, ApiError> {
    text.trim().parse().map_err(|_| ApiError::invalid(field, format!("\"{text}\" is not a month (YYYY-MM)")))
}

impl Cairn {
    /// Adds an override given in transport form.
    pub fn add_scenario_override(
        &self,
        plan_id: &str,
        scenario_id: &str,
        o: &OverrideDto,
        now: DateTime<Utc>,
    ) -> Result<ScenariosDto, ApiError> {
        let core = match o {
            OverrideDto::CaseDiscountRate { case, rate } => {
                Override::CaseDiscountRate { case: id_of(case, "case")?, rate: crate::parse_percent(rate, "rate")? }
            }
            OverrideDto::CaseBenefitRealisation { case, realisation } => Override::CaseBenefitRealisation {
                case: id_of(case, "case")?,
                realisation: crate::parse_percent(realisation, "realisation")?,
            },
            OverrideDto::InitiativeDates { initiative, start, end } => Override::InitiativeDates {
                initiative: id_of(initiative, "initiative")?,
                start: month(start, "start")?,
                end: month(end, "end")?,
            },
            OverrideDto::InitiativeIncluded { initiative, included } => {
                Override::InitiativeIncluded { initiative: id_of(initiative, "initiative")?, included: *included }
            }
        };
        self.add_override(plan_id, scenario_id, core, now)
    }
}

//! Scenario and baseline use cases.

use cairn_core::{Id, Override, Plan, Scenario, stale_overrides, take_baseline};
use chrono::{DateTime, Utc};

use crate::codec::{decimal_text, parse_id as id_of, parse_month as month};
use crate::scenario_dto::*;
use crate::{ApiError, Cairn, ErrorCode};

fn fresh_id(name: &str, taken: &[&Id]) -> Result<Id, ApiError> {
    crate::cases::fresh_id(name, "scenario", taken.iter().copied())
}

/// A new ceiling's year and theme name what the plan has: a year of its horizon (the budget
/// shows no other) and one of its themes.
fn ceiling_scope(plan: &Plan, year: cairn_core::FiscalYear, theme: Option<&Id>) -> Result<(), ApiError> {
    let horizon = &plan.settings.horizon;
    if year < horizon.first_year || year > horizon.last_year() {
        return Err(ApiError::invalid(
            "year",
            format!(
                "{} is not in the plan's horizon ({} to {})",
                plan.year_label(year),
                plan.year_label(horizon.first_year),
                plan.year_label(horizon.last_year())
            ),
        ));
    }
    if let Some(t) = theme
        && !plan.themes.iter().any(|x| &x.id == t)
    {
        return Err(ApiError::invalid("theme", format!("no theme has the id \"{t}\"")));
    }
    Ok(())
}

impl Cairn {
    /// The plan's scenarios (with their overrides in words) and baselines.
    pub fn list_scenarios(&self, plan_id: &str) -> Result<ScenariosDto, ApiError> {
        Ok(scenarios_dto(&*self.store.load(plan_id)?))
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
            let parent = if new.parent.trim().is_empty() { None } else { Some(id_of(&new.parent, "parent")?) };
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

    /// Adds an override to a scenario, replacing one on the same target and aspect; one that
    /// only repeats the scenario's parent is not kept (`cairn_scenario::overrides::record_in`).
    pub fn add_override(
        &self,
        plan_id: &str,
        scenario_id: &str,
        o: Override,
        now: DateTime<Utc>,
    ) -> Result<ScenariosDto, ApiError> {
        self.edit(plan_id, "Change a scenario", now, |p| {
            if let Override::BudgetCeiling { year, theme, .. } = &o {
                ceiling_scope(p, *year, theme.as_ref())?;
            }
            cairn_scenario::overrides::record_in(p, scenario_id, [o]).map_err(|e| match e {
                cairn_core::ScenarioError::NotFound(_) => ApiError::new(ErrorCode::NotFound, e.to_string()),
                cairn_core::ScenarioError::Cycle(_) => ApiError::invalid("scenario", e.to_string()),
            })
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
            cairn_scenario::delete(p, scenario_id).map_err(op_error)?;
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
        Ok(comparison_dto(compare(&*self.store.load(plan_id)?, names)?))
    }

    /// Renames a scenario (one undo step).
    pub fn rename_scenario(
        &self,
        plan_id: &str,
        scenario_id: &str,
        name: &str,
        now: DateTime<Utc>,
    ) -> Result<ScenariosDto, ApiError> {
        self.edit(plan_id, &format!("Rename scenario to \"{}\"", name.trim()), now, |p| {
            cairn_scenario::rename(p, scenario_id, name).map_err(op_error)
        })?;
        self.list_scenarios(plan_id)
    }

    /// Copies a scenario with its overrides under a new id (one undo step). A blank name
    /// becomes "Copy of …".
    pub fn duplicate_scenario(
        &self,
        plan_id: &str,
        scenario_id: &str,
        name: &str,
        now: DateTime<Utc>,
    ) -> Result<ScenariosDto, ApiError> {
        let plan = self.store.load(plan_id)?;
        let source =
            plan.scenarios.iter().find(|s| s.id.as_str() == scenario_id).ok_or_else(|| {
                ApiError::new(ErrorCode::NotFound, format!("no scenario has the id \"{scenario_id}\""))
            })?;
        let name = if name.trim().is_empty() { format!("Copy of {}", source.name) } else { name.trim().to_owned() };
        self.edit(plan_id, &format!("Duplicate scenario as \"{name}\""), now, |p| {
            let taken: Vec<&Id> = p.scenarios.iter().map(|s| &s.id).collect();
            let id = fresh_id(&name, &taken)?;
            cairn_scenario::duplicate(p, scenario_id, id, &name).map_err(op_error)?;
            Ok(())
        })?;
        self.list_scenarios(plan_id)
    }

    /// Makes a scenario's resolved plan the plan (one undo step): the scenario disappears, its
    /// children vary the new plan, the other scenarios keep what they had where an override can
    /// say so; baselines are untouched.
    pub fn promote_scenario(
        &self,
        plan_id: &str,
        scenario_id: &str,
        now: DateTime<Utc>,
    ) -> Result<PromotionDto, ApiError> {
        let plan = self.store.load(plan_id)?;
        let name =
            plan.scenarios.iter().find(|s| s.id.as_str() == scenario_id).map(|s| s.name.clone()).ok_or_else(|| {
                ApiError::new(ErrorCode::NotFound, format!("no scenario has the id \"{scenario_id}\""))
            })?;
        let mut promotion = cairn_scenario::Promotion::default();
        self.edit(plan_id, &format!("Promote scenario \"{name}\" to the plan"), now, |p| {
            promotion = cairn_scenario::promote(p, scenario_id).map_err(op_error)?;
            Ok(())
        })?;
        let scenarios = self.list_scenarios(plan_id)?;
        let plan = self.store.load(plan_id)?;
        let names = |ids: &[Id]| -> Vec<String> {
            ids.iter()
                .map(|id| plan.scenarios.iter().find(|s| &s.id == id).map_or(id.to_string(), |s| s.name.clone()))
                .collect()
        };
        Ok(PromotionDto {
            reparented: names(&promotion.reparented),
            compensated: names(&promotion.compensated),
            not_restored: promotion.not_restored,
            scenarios,
        })
    }

    /// The variance of the plan (or of a scenario, by id or name) against a baseline.
    pub fn baseline_variance(
        &self,
        plan_id: &str,
        baseline_id: &str,
        scenario: Option<&str>,
    ) -> Result<VarianceDto, ApiError> {
        let plan = self.store.load(plan_id)?;
        let baseline =
            plan.baselines.iter().find(|b| b.id.as_str() == baseline_id).ok_or_else(|| {
                ApiError::new(ErrorCode::NotFound, format!("no baseline has the id \"{baseline_id}\""))
            })?;
        let against = scenario.map(str::trim).filter(|s| !s.is_empty()).unwrap_or(cairn_scenario::PLAN);
        if plan.baselines.iter().any(|b| b.id.as_str() == against || b.name.eq_ignore_ascii_case(against)) {
            return Err(ApiError::invalid(
                "scenario",
                "measure the plan or a scenario against a baseline, not a baseline",
            ));
        }
        let v = cairn_scenario::variant(&plan, against).map_err(|e| ApiError::invalid("scenario", e.0))?;
        let x = cairn_scenario::variance(&baseline.plan, &v.plan).map_err(|e| ApiError::invalid("baseline", e.0))?;
        let text = decimal_text;
        let named = |n: cairn_scenario::Named| NamedDto { id: n.id, name: n.name };
        Ok(VarianceDto {
            baseline: baseline.name.clone(),
            taken_on: baseline.taken_on.to_string(),
            against: v.label,
            slips: x
                .slips
                .into_iter()
                .map(|s| SlipDto {
                    id: s.id,
                    name: s.name,
                    baseline_start: s.baseline_start,
                    baseline_end: s.baseline_end,
                    start: s.start,
                    end: s.end,
                    start_months: s.start_months,
                    end_months: s.end_months,
                })
                .collect(),
            cost: x
                .cost
                .into_iter()
                .map(|c| CostChangeDto {
                    year: c.year,
                    baseline_capex: text(c.baseline_capex),
                    baseline_opex: text(c.baseline_opex),
                    capex: text(c.capex),
                    opex: text(c.opex),
                    baseline_total: text(c.baseline_total),
                    total: text(c.total),
                    capex_change: text(c.capex_change),
                    opex_change: text(c.opex_change),
                    total_change: text(c.total_change),
                })
                .collect(),
            total_change: text(x.total_change),
            added: x.added.into_iter().map(named).collect(),
            removed: x.removed.into_iter().map(named).collect(),
        })
    }
}

/// The scenarios (with their overrides in words) and baselines of a plan: of a stored one
/// ([`Cairn::list_scenarios`]) or of one read from a file (`cairn scenario list`).
pub fn scenarios_dto(plan: &Plan) -> ScenariosDto {
    ScenariosDto {
        scenarios: plan
            .scenarios
            .iter()
            .map(|s| ScenarioSummaryDto {
                id: s.id.to_string(),
                name: s.name.clone(),
                description: s.description.clone(),
                parent: s.parent.as_ref().map(ToString::to_string),
                overrides: cairn_scenario::overrides::describe_all(plan, &s.overrides),
                stale: u32::try_from(stale_overrides(plan, s).len()).unwrap_or(u32::MAX),
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
    }
}

/// Compares 2–4 variants of a plan, by id or name; the app's comparison and the command line's
/// are both this one.
pub(crate) fn compare(plan: &Plan, names: &[String]) -> Result<cairn_scenario::Comparison, ApiError> {
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    cairn_scenario::compare(plan, &refs).map_err(|e| ApiError::invalid("variants", e.0))
}

fn op_error(e: cairn_scenario::OpError) -> ApiError {
    match e {
        cairn_scenario::OpError::NotFound(_) => ApiError::new(ErrorCode::NotFound, e.to_string()),
        cairn_scenario::OpError::Invalid { field, reason } => ApiError::invalid(field, reason),
    }
}

/// The comparison in transport form; the board pack reads the same engine figures.
pub(crate) fn comparison_dto(c: cairn_scenario::Comparison) -> ComparisonDto {
    let text = decimal_text;
    let year = |s: &cairn_scenario::YearSpend| YearSpendDto {
        year: s.year.clone(),
        capex: text(s.capex),
        opex: text(s.opex),
        total: text(s.total),
        ceiling: s.ceiling.map(text),
        over_by: s.over_by.map(text),
    };
    ComparisonDto {
        variants: c
            .variants
            .into_iter()
            .map(|v| VariantDto {
                label: v.label,
                spend: v.spend.iter().map(year).collect(),
                spend_total: text(v.spend_total),
                over_ceiling: v.over_ceiling.iter().map(|y| y.year.clone()).collect(),
                cases: v
                    .cases
                    .into_iter()
                    .map(|k| CaseFiguresDto {
                        id: k.id,
                        name: k.name,
                        npv: k.npv,
                        irr: k.irr,
                        irr_note: k.irr_note,
                        payback_years: k.payback_years,
                        payback_note: k.payback_note,
                    })
                    .collect(),
                portfolio_npv: v.portfolio_npv,
                initiatives: u32::try_from(v.initiatives).unwrap_or(u32::MAX),
                roadmap_end: v.roadmap_end,
                critical_path: v.critical_path.into_iter().map(|p| PathStepDto { id: p.id, name: p.name }).collect(),
                violations: u32::try_from(v.violations).unwrap_or(u32::MAX),
                notes: v.notes,
            })
            .collect(),
        differences: c
            .differences
            .into_iter()
            .map(|ds| ds.into_iter().map(|d| DifferenceDto { what: d.what, from: d.from, to: d.to }).collect())
            .collect(),
    }
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
            OverrideDto::InitiativeDurationRange {
                initiative,
                optimistic_months,
                most_likely_months,
                pessimistic_months,
            } => {
                let range = match (optimistic_months, pessimistic_months) {
                    (Some(o), Some(p)) => Some(cairn_core::DurationRange {
                        optimistic_months: *o,
                        most_likely_months: *most_likely_months,
                        pessimistic_months: *p,
                    }),
                    (None, None) if most_likely_months.is_none() => None,
                    (None, _) => {
                        return Err(ApiError::invalid(
                            "optimistic_months",
                            "give the shortest duration too, or no range at all for the plan's spread",
                        ));
                    }
                    (Some(_), None) => {
                        return Err(ApiError::invalid(
                            "pessimistic_months",
                            "give the longest duration too, or no range at all for the plan's spread",
                        ));
                    }
                };
                Override::InitiativeDurationRange { initiative: id_of(initiative, "initiative")?, range }
            }
            OverrideDto::InitiativeIncluded { initiative, included } => {
                Override::InitiativeIncluded { initiative: id_of(initiative, "initiative")?, included: *included }
            }
            OverrideDto::InitiativeBudget { initiative, case, years } => {
                let budget = match case.as_deref().map(str::trim) {
                    Some(case) if !case.is_empty() => cairn_core::Budget::BusinessCase { case: id_of(case, "case")? },
                    _ => {
                        let mut entered = Vec::new();
                        for (j, y) in years.iter().enumerate() {
                            let capex = crate::codec::parse_amount(&y.capex, &format!("years[{j}].capex"))?;
                            let opex = crate::codec::parse_amount(&y.opex, &format!("years[{j}].opex"))?;
                            if !(capex.is_zero() && opex.is_zero()) {
                                entered.push(cairn_core::BudgetYear {
                                    year: cairn_core::FiscalYear(y.year),
                                    capex,
                                    opex,
                                });
                            }
                        }
                        cairn_core::Budget::Entered { years: entered }
                    }
                };
                Override::InitiativeBudget { initiative: id_of(initiative, "initiative")?, budget }
            }
            OverrideDto::BudgetCeiling { year, theme, amount } => {
                if amount.trim().is_empty() {
                    return Err(ApiError::invalid("amount", "give the ceiling an amount"));
                }
                let amount = crate::codec::parse_amount(amount, "amount")?;
                if amount.is_sign_negative() && !amount.is_zero() {
                    return Err(ApiError::invalid("amount", "a ceiling cannot be negative"));
                }
                let theme = match theme.as_deref().map(str::trim) {
                    Some(t) if !t.is_empty() => Some(id_of(t, "theme")?),
                    _ => None,
                };
                Override::BudgetCeiling { year: cairn_core::FiscalYear(*year), theme, amount }
            }
        };
        self.add_override(plan_id, scenario_id, core, now)
    }
}

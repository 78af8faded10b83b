//! The budget-cut helper's use cases: propose which initiatives to defer or drop to fit the
//! ceilings (`cairn_scenario::budget_cut`), and accept a proposal into a new scenario.

use cairn_core::{BudgetCeiling, FiscalYear, Id, Plan, Scenario, narrative, resolve};
use cairn_scenario::budget_cut::{
    Choice, CutError, CutRequest, CutTarget, DEFAULT_NODE_LIMIT, Outcome, Proposal, ValueBasis, propose,
};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use crate::budget_cut_dto::*;
use crate::codec::{decimal_text as text, parse_id};
use crate::{ApiError, Cairn, ErrorCode};

fn cut_error(e: CutError) -> ApiError {
    // The engine's field names follow the request's, except the percent mode's year.
    let field = if e.field == "from" { "from_year".to_owned() } else { e.field };
    ApiError::invalid(field, e.message)
}

/// The engine's request from the transport one, every field checked.
fn request(plan: &Plan, dto: &BudgetCutRequestDto) -> Result<CutRequest, ApiError> {
    let target = match dto.mode {
        BudgetCutModeDto::Percent => {
            let percent = crate::parse_percent(&dto.percent, "percent")? * Decimal::ONE_HUNDRED;
            CutTarget::Percent { percent, from: FiscalYear(dto.from_year) }
        }
        BudgetCutModeDto::Ceilings => {
            let mut list = Vec::with_capacity(dto.ceilings.len());
            for (k, c) in dto.ceilings.iter().enumerate() {
                let amount = crate::parse_amount(&c.amount, &format!("ceilings[{k}].amount"))?;
                let theme = match c.theme.trim() {
                    "" => None,
                    t => Some(parse_id(t, &format!("ceilings[{k}].theme"))?),
                };
                list.push(BudgetCeiling { year: FiscalYear(c.year), theme, amount });
            }
            if list.is_empty() {
                return Err(ApiError::invalid("ceilings", "give at least one ceiling"));
            }
            CutTarget::Ceilings(list)
        }
    };
    let mut pinned = Vec::with_capacity(dto.pinned.len());
    for (k, p) in dto.pinned.iter().enumerate() {
        pinned.push(parse_id(p, &format!("pinned[{k}]"))?);
    }
    let _ = plan;
    Ok(CutRequest {
        target,
        value: match dto.value {
            BudgetCutValueDto::Priority => ValueBasis::Priority,
            BudgetCutValueDto::Npv => ValueBasis::Npv,
        },
        max_deferral_years: dto.max_deferral_years,
        pinned,
        node_limit: DEFAULT_NODE_LIMIT,
    })
}

/// The plan as the scenario (by id) sees it, or the plan itself.
fn variant(plan: &Plan, scenario: Option<&str>) -> Result<Plan, ApiError> {
    match scenario.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(plan.clone()),
        Some(id) => resolve(plan, id).map_err(|e| ApiError {
            field: Some("scenario".into()),
            ..ApiError::new(ErrorCode::NotFound, e.to_string())
        }),
    }
}

fn default_name(plan: &Plan, dto: &BudgetCutRequestDto) -> String {
    match dto.mode {
        BudgetCutModeDto::Percent => {
            format!(
                "Budget cut {} % from {}",
                dto.percent.trim().trim_end_matches('%').trim(),
                plan.year_label(FiscalYear(dto.from_year))
            )
        }
        BudgetCutModeDto::Ceilings => "Budget cut to ceilings".into(),
    }
}

fn proposal_dto(plan: &Plan, p: &Proposal, dto: &BudgetCutRequestDto) -> BudgetCutProposalDto {
    let (outcome, bound, reasons) = match &p.outcome {
        Outcome::Optimal => (BudgetCutOutcomeDto::Optimal, None, Vec::new()),
        Outcome::Gap { bound } => (BudgetCutOutcomeDto::Gap, Some(*bound), Vec::new()),
        Outcome::Infeasible { reasons } => (BudgetCutOutcomeDto::Infeasible, None, reasons.clone()),
        Outcome::AlreadyFits => (BudgetCutOutcomeDto::AlreadyFits, None, Vec::new()),
    };
    let deferred = p.decisions.iter().filter(|d| matches!(d.choice, Choice::Defer(_))).count();
    let dropped = p.decisions.iter().filter(|d| d.choice == Choice::Drop).count();
    let (after, before, unit) = (p.value_after, p.value_before, &p.value_unit);
    let summary = match &p.outcome {
        Outcome::Optimal => narrative::cut_optimal(deferred, dropped, after, before, unit),
        Outcome::Gap { bound } => narrative::cut_within_gap(deferred, dropped, after, before, *bound, unit),
        Outcome::Infeasible { .. } => narrative::CUT_INFEASIBLE.into(),
        Outcome::AlreadyFits => narrative::CUT_ALREADY_FITS.into(),
    };
    BudgetCutProposalDto {
        outcome,
        summary,
        bound,
        reasons,
        decisions: p
            .decisions
            .iter()
            .map(|d| BudgetCutDecisionDto {
                initiative: d.initiative.to_string(),
                name: d.name.clone(),
                choice: if d.choice == Choice::Drop { BudgetCutChoiceDto::Drop } else { BudgetCutChoiceDto::Defer },
                years: match d.choice {
                    Choice::Defer(k) => k,
                    _ => 0,
                },
                start: d.dates.map(|(s, _)| s.to_string()),
                end: d.dates.map(|(_, e)| e.to_string()),
                value_before: d.value_before,
                value_after: d.value_after,
                reason: d.reason.clone(),
            })
            .collect(),
        years: p
            .years
            .iter()
            .map(|y| BudgetCutYearDto {
                year: y.label.clone(),
                scope: y.theme_name.clone(),
                before: text(y.before),
                after: text(y.after),
                ceiling: y.ceiling.map(text),
                over_before: y.ceiling.is_some_and(|c| y.before > c),
                over_after: y.ceiling.is_some_and(|c| y.after > c),
            })
            .collect(),
        value_unit: p.value_unit.clone(),
        value_before: p.value_before,
        value_after: p.value_after,
        nodes: u32::try_from(p.nodes).unwrap_or(u32::MAX),
        notes: p.notes.clone(),
        currency: plan.settings.currency.code().to_owned(),
        default_name: default_name(plan, dto),
    }
}

/// A free scenario id from a name.
fn scenario_id(plan: &Plan, name: &str) -> Result<Id, ApiError> {
    let base = crate::slug(name);
    let base: String = if base.is_empty() { "budget-cut".into() } else { base.chars().take(56).collect() };
    for n in 1u32..10_000 {
        let candidate = if n == 1 { base.clone() } else { format!("{base}-{n}") };
        if !plan.scenarios.iter().any(|s| s.id.as_str() == candidate) {
            return Id::new(candidate).map_err(|e| ApiError::invalid("name", e.to_string()));
        }
    }
    Err(ApiError::invalid("name", "no free scenario id"))
}

impl Cairn {
    /// Proposes which initiatives to defer or drop so that the plan (or the scenario, by id)
    /// fits the ceilings asked for, maximising value; nothing is stored.
    pub fn propose_budget_cut(
        &self,
        plan_id: &str,
        scenario: Option<String>,
        dto: &BudgetCutRequestDto,
    ) -> Result<BudgetCutProposalDto, ApiError> {
        let stored = self.store.load(plan_id)?;
        let plan = variant(&stored, scenario.as_deref())?;
        let req = request(&plan, dto)?;
        let p = propose(&plan, &req).map_err(cut_error)?;
        Ok(proposal_dto(&plan, &p, dto))
    }

    /// Recomputes the proposal from the request (never trusting a copy from the screen) and
    /// stores it as a new scenario named `name` whose parent is the scenario it was computed on:
    /// new dates for each deferral, "left out" for each drop. One store write, one undo step.
    pub fn accept_budget_cut(
        &self,
        plan_id: &str,
        scenario: Option<String>,
        dto: &BudgetCutRequestDto,
        name: &str,
        now: DateTime<Utc>,
    ) -> Result<BudgetCutAcceptedDto, ApiError> {
        let name = name.trim().to_owned();
        if name.is_empty() {
            return Err(ApiError::invalid("name", "give the scenario a name"));
        }
        let stored = self.store.load(plan_id)?;
        if stored.scenarios.iter().any(|s| s.name.eq_ignore_ascii_case(&name)) {
            return Err(ApiError::invalid("name", format!("a scenario is already called \"{name}\"")));
        }
        let parent = scenario.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
        let plan = variant(&stored, parent.as_deref())?;
        let req = request(&plan, dto)?;
        let p = propose(&plan, &req).map_err(cut_error)?;
        let summary = proposal_dto(&plan, &p, dto).summary;
        match &p.outcome {
            Outcome::Optimal | Outcome::Gap { .. } => {}
            Outcome::Infeasible { reasons } => {
                return Err(ApiError::invalid("request", format!("nothing to accept: {}", reasons.join(" "))));
            }
            Outcome::AlreadyFits => {
                return Err(ApiError::invalid("request", "nothing to accept: the plan already fits these ceilings"));
            }
        }
        let overrides = p.overrides(&plan).map_err(cut_error)?;
        let count = u32::try_from(overrides.len()).unwrap_or(u32::MAX);
        let id = scenario_id(&stored, &name)?;
        let parent_id = match parent {
            None => None,
            Some(pid) => Some(parse_id(&pid, "scenario")?),
        };
        let new_id = id.clone();
        self.edit(plan_id, &format!("Create scenario \"{name}\" from the budget-cut helper"), now, |plan| {
            plan.scenarios.push(Scenario {
                id: new_id,
                name: name.clone(),
                description: format!("Proposed by the budget-cut helper. {summary}"),
                parent: parent_id,
                overrides,
            });
            Ok(())
        })?;
        Ok(BudgetCutAcceptedDto { scenario_id: id.to_string(), name, overrides: count })
    }
}

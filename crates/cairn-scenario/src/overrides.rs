//! The life of a scenario's overrides, in one place: every producer — roadmap edits, the
//! Scenarios page, sourcing choices, the budget-cut helper, promote and delete — goes through
//! here, so a new kind of override is added once.
//!
//! - [`slot`]: what an override sets (its kind and target). A scenario holds at most one
//!   override per slot; a later one replaces it.
//! - [`repeats`]: whether an override only says what the scenario's parent already says.
//! - [`record`] / [`record_in`]: replace the override in the same slot, and keep the new one only
//!   when it differs from the parent, so a scenario lists only real differences.
//! - [`forget`]: take a slot back to what the parent says.
//! - [`apply`] (`cairn_core::apply_overrides`): what a scenario resolves to.
//! - [`describe`]: an override in words, for the Scenarios page.
//! - [`difference`] and [`inherit`]: the overrides that take one plan back to another, and
//!   overrides a scenario takes over from a parent that goes (promote, delete).

use std::collections::HashMap;

pub use cairn_core::apply_overrides as apply;
use cairn_core::{Budget, FiscalYear, Id, Initiative, Override, Plan, ScenarioError, positions_by_id, resolve};

/// What an override sets: its kind and its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Slot<'a> {
    /// An initiative's dates.
    InitiativeDates(&'a Id),
    /// An initiative's status.
    InitiativeStatus(&'a Id),
    /// Whether an initiative is in.
    InitiativeIncluded(&'a Id),
    /// An initiative's budget.
    InitiativeBudget(&'a Id),
    /// An initiative's FTE demand.
    InitiativeFte(&'a Id),
    /// An initiative's duration range.
    InitiativeDurationRange(&'a Id),
    /// A risk's probability and impacts.
    RiskQuantities(&'a Id),
    /// A risk's response and residual rating.
    RiskResponse(&'a Id),
    /// A business case's discount rate.
    CaseDiscountRate(&'a Id),
    /// A business case's benefit realisation.
    CaseBenefitRealisation(&'a Id),
    /// One line of a business case: (case, line).
    CaseLineAmounts(&'a Id, &'a Id),
    /// A sourcing study's chosen option.
    StudyChoice(&'a Id),
    /// A fiscal year's budget ceiling: the portfolio's (`None`) or one theme's.
    BudgetCeiling(FiscalYear, Option<&'a Id>),
}

/// The slot `o` sets.
pub fn slot(o: &Override) -> Slot<'_> {
    match o {
        Override::InitiativeDates { initiative, .. } => Slot::InitiativeDates(initiative),
        Override::InitiativeStatus { initiative, .. } => Slot::InitiativeStatus(initiative),
        Override::InitiativeIncluded { initiative, .. } => Slot::InitiativeIncluded(initiative),
        Override::InitiativeBudget { initiative, .. } => Slot::InitiativeBudget(initiative),
        Override::InitiativeFte { initiative, .. } => Slot::InitiativeFte(initiative),
        Override::InitiativeDurationRange { initiative, .. } => Slot::InitiativeDurationRange(initiative),
        Override::RiskQuantities { risk, .. } => Slot::RiskQuantities(risk),
        Override::RiskResponse { risk, .. } => Slot::RiskResponse(risk),
        Override::CaseDiscountRate { case, .. } => Slot::CaseDiscountRate(case),
        Override::CaseBenefitRealisation { case, .. } => Slot::CaseBenefitRealisation(case),
        Override::CaseLineAmounts { case, line, .. } => Slot::CaseLineAmounts(case, line),
        Override::StudyChoice { study, .. } => Slot::StudyChoice(study),
        Override::BudgetCeiling { year, theme, .. } => Slot::BudgetCeiling(*year, theme.as_ref()),
    }
}

/// Whether `o` only says what `parent` (the plan as the scenario's parent resolves) already
/// says, so that keeping it would change nothing. An override whose target the parent lacks
/// differs from it (it is kept, and listed as stale), except "left out", which the parent then
/// already says.
pub fn repeats(parent: &Plan, o: &Override) -> bool {
    repeats_with(parent, o, |id| parent.initiatives.iter().find(|x| &x.id == id).map(|x| &**x))
}

/// [`repeats`], finding the parent's initiatives with `initiative` (a scan for one override, an
/// index built once for many).
fn repeats_with<'p>(parent: &'p Plan, o: &Override, initiative: impl Fn(&Id) -> Option<&'p Initiative>) -> bool {
    let case = |id: &Id| parent.business_cases.iter().find(|c| &c.id == id);
    let risk = |id: &Id| parent.risks.iter().find(|r| &r.id == id);
    match o {
        Override::InitiativeDates { initiative: i, start, end } => {
            initiative(i).is_some_and(|x| x.start == *start && x.end == *end)
        }
        Override::InitiativeStatus { initiative: i, status } => initiative(i).is_some_and(|x| x.status == *status),
        Override::InitiativeIncluded { initiative: i, included } => initiative(i).is_some() == *included,
        Override::InitiativeBudget { initiative: i, budget } => initiative(i).is_some_and(|x| x.budget == *budget),
        Override::InitiativeFte { initiative: i, fte } => initiative(i).is_some_and(|x| x.fte == *fte),
        Override::InitiativeDurationRange { initiative: i, range } => {
            initiative(i).is_some_and(|x| x.duration_range == *range)
        }
        Override::RiskQuantities { risk: r, probability, cost, delay, benefit } => risk(r).is_some_and(|x| {
            let mut set = x.clone();
            set.set_quantities(*probability, *cost, delay.as_ref(), benefit.as_ref());
            set == *x
        }),
        Override::RiskResponse { risk: r, response, residual } => {
            risk(r).is_some_and(|x| x.response == *response && x.residual == *residual)
        }
        Override::CaseDiscountRate { case: c, rate } => case(c).is_some_and(|x| x.discount_rate == *rate),
        Override::CaseBenefitRealisation { case: c, realisation } => {
            case(c).is_some_and(|x| x.benefit_realisation == *realisation)
        }
        Override::CaseLineAmounts { case: c, line, amounts } => {
            case(c).and_then(|x| x.lines.iter().find(|l| &l.id == line)).is_some_and(|l| l.amounts == *amounts)
        }
        Override::StudyChoice { study, option } => {
            parent.sourcing_studies.iter().find(|s| &s.id == study).is_some_and(|s| s.chosen.as_ref() == Some(option))
        }
        // Where the parent has no ceiling for that year and scope, setting one is a difference.
        Override::BudgetCeiling { year, theme, amount } => parent
            .settings
            .roadmap
            .budget_ceilings
            .iter()
            .any(|c| c.year == *year && c.theme == *theme && c.amount == *amount),
    }
}

/// Records `o` among a scenario's `overrides`: the override in the same slot goes, and `o` is
/// kept only when it differs from `parent`.
pub fn record(overrides: &mut Vec<Override>, parent: &Plan, o: Override) {
    let s = slot(&o);
    overrides.retain(|a| slot(a) != s);
    if !repeats(parent, &o) {
        overrides.push(o);
    }
}

/// Records each of `edits` in order, as [`record`] one after the other would, in time linear in
/// the overrides, the edits and the parent's initiatives (a move in a scenario or an accepted
/// budget cut records thousands at once): the overrides in the slots the edits set go, and of
/// the edits the last in each slot is kept, in their order, when it differs from `parent`.
pub fn record_all(overrides: &mut Vec<Override>, parent: &Plan, edits: impl IntoIterator<Item = Override>) {
    let edits: Vec<Override> = edits.into_iter().collect();
    let kept = kept(parent, &edits);
    replace(overrides, edits, &kept);
}

/// Which of `edits` [`record_all`] keeps: the last in its slot, when it differs from `parent`.
fn kept(parent: &Plan, edits: &[Override]) -> Vec<bool> {
    let initiatives = positions_by_id(&parent.initiatives, |x| &x.id);
    let find = |id: &Id| initiatives.get(id).map(|&k| &*parent.initiatives[k]);
    let mut last: HashMap<Slot<'_>, usize> = HashMap::with_capacity(edits.len());
    for (k, o) in edits.iter().enumerate() {
        last.insert(slot(o), k);
    }
    edits.iter().enumerate().map(|(k, o)| last.get(&slot(o)) == Some(&k) && !repeats_with(parent, o, find)).collect()
}

/// The overrides in the slots `edits` set go; the edits `kept` marks are added, in order.
fn replace(overrides: &mut Vec<Override>, edits: Vec<Override>, kept: &[bool]) {
    {
        let slots: std::collections::HashSet<Slot<'_>> = edits.iter().map(slot).collect();
        overrides.retain(|a| !slots.contains(&slot(a)));
    }
    overrides.extend(edits.into_iter().zip(kept).filter_map(|(o, &keep)| keep.then_some(o)));
}

/// Takes `slot` back to what the parent says: the override there, if any, goes.
pub fn forget(overrides: &mut Vec<Override>, s: Slot<'_>) {
    overrides.retain(|a| slot(a) != s);
}

/// The plan as the scenario `id`'s parent sees it: the plan itself (without scenarios and
/// baselines) or the parent scenario resolved.
pub fn parent_of(plan: &Plan, id: &str) -> Result<Plan, ScenarioError> {
    let s =
        plan.scenarios.iter().find(|s| s.id.as_str() == id).ok_or_else(|| ScenarioError::NotFound(id.to_owned()))?;
    match &s.parent {
        Some(parent) => resolve(plan, parent.as_str()),
        None => Ok(plan.without_variants()),
    }
}

/// Records each of `edits`, in order, in the scenario `id` of `plan` (see [`record`]).
pub fn record_in(plan: &mut Plan, id: &str, edits: impl IntoIterator<Item = Override>) -> Result<(), ScenarioError> {
    let edits: Vec<Override> = edits.into_iter().collect();
    let kept = {
        let s = plan
            .scenarios
            .iter()
            .find(|s| s.id.as_str() == id)
            .ok_or_else(|| ScenarioError::NotFound(id.to_owned()))?;
        match &s.parent {
            Some(parent) => kept(&resolve(plan, parent.as_str())?, &edits),
            // The plan itself is the parent (its scenarios and baselines play no part): read in
            // place, not copied.
            None => kept(plan, &edits),
        }
    };
    let target = plan
        .scenarios
        .iter_mut()
        .find(|s| s.id.as_str() == id)
        .ok_or_else(|| ScenarioError::NotFound(id.to_owned()))?;
    replace(&mut target.overrides, edits, &kept);
    Ok(())
}

/// A scenario whose parent goes (deleted, or promoted to be the plan) takes `earlier` — the
/// parent's overrides, or those restoring what the promotion changed — before its own, so that
/// it resolves as before; its own, applied later, still win.
pub fn inherit(overrides: &mut Vec<Override>, earlier: Vec<Override>) {
    let own = std::mem::replace(overrides, earlier);
    overrides.extend(own);
}

/// The overrides that take `now` back to `then` on everything an override can express; and, in
/// words, what they cannot (an initiative left out cannot be put back by an override, nor a
/// budget ceiling `then` did not have taken away).
pub fn difference(then: &Plan, now: &Plan) -> (Vec<Override>, Vec<String>) {
    let mut out = Vec::new();
    let mut lost = Vec::new();
    let in_now = positions_by_id(&now.initiatives, |x| &x.id);
    for b in &then.initiatives {
        let Some(x) = in_now.get(&b.id).map(|&k| &now.initiatives[k]) else {
            lost.push(format!("initiative “{}” is no longer in the plan", b.name));
            continue;
        };
        if (x.start, x.end) != (b.start, b.end) {
            out.push(Override::InitiativeDates { initiative: b.id.clone(), start: b.start, end: b.end });
        }
        if x.status != b.status {
            out.push(Override::InitiativeStatus { initiative: b.id.clone(), status: b.status });
        }
        if x.budget != b.budget {
            out.push(Override::InitiativeBudget { initiative: b.id.clone(), budget: b.budget.clone() });
        }
        if x.fte != b.fte {
            out.push(Override::InitiativeFte { initiative: b.id.clone(), fte: b.fte.clone() });
        }
        if x.duration_range != b.duration_range {
            out.push(Override::InitiativeDurationRange { initiative: b.id.clone(), range: b.duration_range });
        }
    }
    for b in &then.risks {
        let Some(r) = now.risks.iter().find(|r| r.id == b.id) else {
            lost.push(format!("risk “{}” is no longer in the register", b.title));
            continue;
        };
        if b.delay.as_ref().is_some_and(|d| !r.links.initiatives.contains(&d.initiative)) {
            lost.push(format!("risk “{}” no longer links the initiative its delay fell on", b.title));
        }
        if b.benefit.as_ref().is_some_and(|d| !r.links.business_cases.contains(&d.case)) {
            lost.push(format!("risk “{}” no longer links the business case its benefit impact fell on", b.title));
        }
        if (r.probability, r.cost, &r.delay, &r.benefit) != (b.probability, b.cost, &b.delay, &b.benefit) {
            out.push(Override::RiskQuantities {
                risk: b.id.clone(),
                probability: b.probability,
                cost: b.cost,
                delay: b.delay.clone(),
                benefit: b.benefit.clone(),
            });
        }
        if (r.response, r.residual) != (b.response, b.residual) {
            out.push(Override::RiskResponse { risk: b.id.clone(), response: b.response, residual: b.residual });
        }
    }
    for b in &then.business_cases {
        let Some(c) = now.business_cases.iter().find(|c| c.id == b.id) else { continue };
        if c.discount_rate != b.discount_rate {
            out.push(Override::CaseDiscountRate { case: b.id.clone(), rate: b.discount_rate });
        }
        if c.benefit_realisation != b.benefit_realisation {
            out.push(Override::CaseBenefitRealisation { case: b.id.clone(), realisation: b.benefit_realisation });
        }
        for l in &b.lines {
            if c.lines.iter().any(|m| m.id == l.id && m.amounts != l.amounts) {
                out.push(Override::CaseLineAmounts {
                    case: b.id.clone(),
                    line: l.id.clone(),
                    amounts: l.amounts.clone(),
                });
            }
        }
    }
    for b in &then.sourcing_studies {
        let Some(s) = now.sourcing_studies.iter().find(|s| s.id == b.id) else { continue };
        if s.chosen != b.chosen {
            match &b.chosen {
                Some(option) => out.push(Override::StudyChoice { study: b.id.clone(), option: option.clone() }),
                None => lost.push(format!("sourcing study “{}” had no chosen option", b.name)),
            }
        }
    }
    let ceilings = |p: &Plan| {
        p.settings
            .roadmap
            .budget_ceilings
            .iter()
            .map(|c| ((c.year, c.theme.clone()), c.amount))
            .collect::<HashMap<_, _>>()
    };
    let in_now = ceilings(now);
    for b in &then.settings.roadmap.budget_ceilings {
        if in_now.get(&(b.year, b.theme.clone())) != Some(&b.amount) {
            out.push(Override::BudgetCeiling { year: b.year, theme: b.theme.clone(), amount: b.amount });
        }
    }
    let in_then = ceilings(then);
    for c in now.settings.roadmap.budget_ceilings.iter().filter(|c| !in_then.contains_key(&(c.year, c.theme.clone()))) {
        lost.push(format!("{} had no budget ceiling", ceiling_scope(then, c.year, c.theme.as_ref())));
    }
    (out, lost)
}

/// An override in words, naming what `plan` calls its target: "“ERP replacement” discounted at
/// 8 %".
pub fn describe(plan: &Plan, o: &Override) -> String {
    describe_with(plan, o, |id| plan.initiatives.iter().find(|x| &x.id == id).map(|x| &**x))
}

/// Each of `overrides` in words ([`describe`]), the initiatives found through an index built once:
/// a scenario may hold overrides for thousands of initiatives.
pub fn describe_all(plan: &Plan, overrides: &[Override]) -> Vec<String> {
    let initiatives = positions_by_id(&plan.initiatives, |x| &x.id);
    let find = |id: &Id| initiatives.get(id).map(|&k| &*plan.initiatives[k]);
    overrides.iter().map(|o| describe_with(plan, o, find)).collect()
}

fn describe_with<'p>(plan: &'p Plan, o: &Override, find: impl Fn(&Id) -> Option<&'p Initiative>) -> String {
    let initiative = |id: &Id| find(id).map_or(id.to_string(), |x| x.name.clone());
    let case = |id: &Id| plan.business_cases.iter().find(|x| &x.id == id).map_or(id.to_string(), |x| x.name.clone());
    let risk = |id: &Id| plan.risks.iter().find(|x| &x.id == id).map_or(id.to_string(), |x| x.title.clone());
    let pct = cairn_core::text::percent_exact;
    match o {
        Override::InitiativeDates { initiative: i, start, end } => format!("“{}” runs {start} – {end}", initiative(i)),
        Override::InitiativeStatus { initiative: i, status } => format!("“{}” is {}", initiative(i), status.label()),
        Override::InitiativeIncluded { initiative: i, included } => {
            format!("“{}” is {}", initiative(i), if *included { "included" } else { "left out" })
        }
        Override::InitiativeBudget { initiative: i, budget } => match budget {
            Budget::Entered { years } if years.is_empty() => format!("“{}” has no budget", initiative(i)),
            Budget::Entered { .. } => format!("“{}” budgeted at {}", initiative(i), crate::budget_text(plan, budget)),
            Budget::BusinessCase { .. } => format!("“{}” budgeted {}", initiative(i), crate::budget_text(plan, budget)),
        },
        Override::CaseDiscountRate { case: c, rate } => format!("“{}” discounted at {}", case(c), pct(*rate)),
        Override::CaseBenefitRealisation { case: c, realisation } => {
            format!("“{}” realises {} of its benefits", case(c), pct(*realisation))
        }
        Override::CaseLineAmounts { case: c, line, .. } => {
            let name = plan
                .business_cases
                .iter()
                .find(|x| &x.id == c)
                .and_then(|x| x.lines.iter().find(|l| &l.id == line))
                .map_or(line.to_string(), |l| l.name.clone());
            format!("“{}”: other amounts for “{name}”", case(c))
        }
        Override::InitiativeFte { initiative: i, fte } => {
            format!("“{}” needs {}", initiative(i), crate::fte_text(plan, fte))
        }
        Override::InitiativeDurationRange { initiative: i, range } => match range {
            Some(r) => {
                let likely = r.most_likely_months.map_or_else(|| "planned".to_owned(), |m| m.to_string());
                format!("“{}” takes {}–{likely}–{} months", initiative(i), r.optimistic_months, r.pessimistic_months)
            }
            None => format!("“{}” takes the plan's duration spread", initiative(i)),
        },
        Override::RiskQuantities { risk: r, probability, .. } => match probability {
            Some(p) => format!("risk “{}” is {} % likely, with other impacts", risk(r), p.normalize()),
            None => format!("risk “{}” is not quantified", risk(r)),
        },
        Override::RiskResponse { risk: r, response, residual } => format!(
            "risk “{}”: {}, residual {} × {} = {}",
            risk(r),
            response.key(),
            residual.likelihood,
            residual.impact,
            residual.score()
        ),
        Override::StudyChoice { study, option } => {
            let s = plan.sourcing_studies.iter().find(|s| &s.id == study);
            let o = s.and_then(|s| s.option(option.as_str())).map_or(option.to_string(), |o| o.name.clone());
            format!("“{}” chooses {o}", s.map_or(study.to_string(), |s| s.name.clone()))
        }
        Override::BudgetCeiling { year, theme, amount } => {
            let money = cairn_core::text::money_whole(*amount, plan.settings.currency.code());
            format!("{} ceiling of {money}", ceiling_scope(plan, *year, theme.as_ref()))
        }
    }
}

/// Whose ceiling in which year, in words: "FY2028 portfolio" or "FY2028 “Cybersecurity”".
fn ceiling_scope(plan: &Plan, year: FiscalYear, theme: Option<&Id>) -> String {
    let label = plan.year_label(year);
    match theme {
        None => format!("{label} portfolio"),
        Some(t) => {
            let name = plan.themes.iter().find(|x| &x.id == t).map_or(t.to_string(), |x| x.name.clone());
            format!("{label} “{name}”")
        }
    }
}

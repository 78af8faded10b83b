//! What a CIO does to scenarios, as pure functions on the plan: rename, duplicate, delete and
//! promote. None of them touches a baseline.

use cairn_core::{Id, Plan, Scenario, resolve};

use crate::overrides;

/// Why an operation on a scenario was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpError {
    /// No scenario has this id.
    NotFound(String),
    /// A value is not acceptable; the field it came from and why.
    Invalid {
        /// The field, e.g. "name".
        field: &'static str,
        /// Why, in plain words.
        reason: String,
    },
}

impl std::fmt::Display for OpError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpError::NotFound(id) => write!(f, "no scenario has the id \"{id}\""),
            OpError::Invalid { field, reason } => write!(f, "{field}: {reason}"),
        }
    }
}

impl std::error::Error for OpError {}

fn position(plan: &Plan, id: &str) -> Result<usize, OpError> {
    plan.scenarios.iter().position(|s| s.id.as_str() == id).ok_or_else(|| OpError::NotFound(id.to_owned()))
}

/// A scenario's name: not blank, and unlike every other scenario's (names resolve variants, so
/// two alike would be ambiguous).
fn check_name(plan: &Plan, name: &str, except: Option<&str>) -> Result<String, OpError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(OpError::Invalid { field: "name", reason: "a scenario needs a name".into() });
    }
    if name.chars().count() > cairn_core::MAX_NAME_CHARS {
        return Err(OpError::Invalid {
            field: "name",
            reason: format!("must be at most {} characters", cairn_core::MAX_NAME_CHARS),
        });
    }
    if name.eq_ignore_ascii_case(crate::PLAN) {
        return Err(OpError::Invalid { field: "name", reason: "\"plan\" names the plan itself".into() });
    }
    if plan.scenarios.iter().any(|s| Some(s.id.as_str()) != except && s.name.trim().eq_ignore_ascii_case(name)) {
        return Err(OpError::Invalid { field: "name", reason: format!("another scenario is called \"{name}\"") });
    }
    Ok(name.to_owned())
}

/// Renames a scenario.
pub fn rename(plan: &mut Plan, id: &str, name: &str) -> Result<(), OpError> {
    let i = position(plan, id)?;
    let name = check_name(plan, name, Some(id))?;
    plan.scenarios[i].name = name;
    Ok(())
}

/// Copies a scenario (its parent, description and overrides) under a new id and name; returns
/// the copy's position.
pub fn duplicate(plan: &mut Plan, id: &str, new_id: Id, name: &str) -> Result<usize, OpError> {
    let i = position(plan, id)?;
    if plan.scenarios.iter().any(|s| s.id == new_id) {
        return Err(OpError::Invalid { field: "id", reason: format!("a scenario already has the id \"{new_id}\"") });
    }
    let name = check_name(plan, name, None)?;
    let source = &plan.scenarios[i];
    let copy = Scenario {
        id: new_id,
        name,
        description: source.description.clone(),
        parent: source.parent.clone(),
        overrides: source.overrides.clone(),
    };
    plan.scenarios.insert(i + 1, copy);
    Ok(i + 1)
}

/// Deletes a scenario. Its children then vary the deleted scenario's parent, taking the deleted
/// scenario's overrides first so that they resolve as before. The plan and the baselines are
/// untouched.
pub fn delete(plan: &mut Plan, id: &str) -> Result<Scenario, OpError> {
    let i = position(plan, id)?;
    let removed = plan.scenarios.remove(i);
    for child in plan.scenarios.iter_mut().filter(|s| s.parent.as_ref() == Some(&removed.id)) {
        overrides::inherit(&mut child.overrides, removed.overrides.clone());
        child.parent.clone_from(&removed.parent);
    }
    Ok(removed)
}

/// What promoting a scenario did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Promotion {
    /// Scenarios now varying the plan itself (the promoted scenario's children).
    pub reparented: Vec<Id>,
    /// Scenarios that took overrides restoring what the promotion changed under them.
    pub compensated: Vec<Id>,
    /// What could not be restored for them, in words (e.g. an initiative the promoted scenario
    /// left out).
    pub not_restored: Vec<String>,
}

/// Makes a scenario's resolved plan the plan. The promoted scenario disappears; its children
/// vary the new plan directly, so they resolve as before; every other scenario that varied the
/// plan itself takes overrides that put back what the promotion changed, so that it too resolves
/// as before wherever an override can say so. Baselines are untouched.
pub fn promote(plan: &mut Plan, id: &str) -> Result<Promotion, OpError> {
    position(plan, id)?;
    let resolved = resolve(plan, id).map_err(|e| OpError::Invalid { field: "scenario", reason: e.to_string() })?;
    let (restore, lost) = overrides::difference(plan, &resolved);
    let old = std::mem::replace(plan, resolved);
    plan.scenarios = old.scenarios;
    plan.baselines = old.baselines;
    let promoted = plan.scenarios.remove(position(plan, id)?);
    let mut out = Promotion::default();
    for s in &mut plan.scenarios {
        if s.parent.as_ref() == Some(&promoted.id) {
            s.parent = None;
            out.reparented.push(s.id.clone());
        } else if s.parent.is_none() && !restore.is_empty() {
            overrides::inherit(&mut s.overrides, restore.clone());
            out.compensated.push(s.id.clone());
        }
    }
    let lost_for_someone = plan.scenarios.iter().any(|s| !out.reparented.contains(&s.id));
    if lost_for_someone {
        out.not_restored = lost;
    }
    Ok(out)
}

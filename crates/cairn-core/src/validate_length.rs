//! Length limits on the plan's free text that the other rules do not already bound: the
//! descriptions of goals, themes, initiatives, business cases and scenarios, business-case line
//! notes (a page each, `MAX_TEXT_CHARS`) and initiative owners (a name, `MAX_NAME_CHARS`). Names,
//! sponsors, services, rationales and the sourcing texts are bounded where they are checked.
//!
//! Without them a 10 MB description imported and was then carried through every save, undo
//! entry and backup. Counting is in characters (Unicode scalar values), as the UI counts.

use crate::plan::Plan;
use crate::validate::{Checker, MAX_TEXT_CHARS};

pub(crate) fn free_text(c: &mut Checker, plan: &Plan) {
    for (i, g) in plan.goals.iter().enumerate() {
        page(c, || format!("goals[{i}].description"), &g.description);
    }
    for (i, t) in plan.themes.iter().enumerate() {
        page(c, || format!("themes[{i}].description"), &t.description);
    }
    for (i, x) in plan.initiatives.iter().enumerate() {
        page(c, || format!("initiatives[{i}].description"), &x.description);
        c.name(|| format!("initiatives[{i}].owner"), &x.owner, false);
    }
    for (i, x) in plan.business_cases.iter().enumerate() {
        page(c, || format!("business_cases[{i}].description"), &x.description);
        for (j, line) in x.lines.iter().enumerate() {
            page(c, || format!("business_cases[{i}].lines[{j}].note"), &line.note);
        }
    }
    for (i, x) in plan.scenarios.iter().enumerate() {
        page(c, || format!("scenarios[{i}].description"), &x.description);
    }
}

/// A text of at most a page; the path is only written when it is needed.
fn page(c: &mut Checker, path: impl FnOnce() -> String, text: &str) {
    // A text of at most MAX_TEXT_CHARS characters has at most 4 bytes a character: skip the count.
    if text.len() > MAX_TEXT_CHARS && text.chars().count() > MAX_TEXT_CHARS {
        c.fail(path(), format!("must be at most {MAX_TEXT_CHARS} characters"));
    }
}

#[cfg(test)]
mod tests {
    use crate::demo::demo_plan;
    use crate::validate::{MAX_NAME_CHARS, MAX_TEXT_CHARS, validate};

    /// Sets one text of the demo plan to `chars` characters and returns the problems' paths and reasons.
    fn check(set: impl FnOnce(&mut crate::Plan, String), chars: usize) -> Vec<String> {
        let mut plan = demo_plan();
        set(&mut plan, "é".repeat(chars));
        validate(&plan).into_iter().map(|p| p.to_string()).collect()
    }

    #[test]
    fn free_text_is_bounded_by_field() {
        type Setter = fn(&mut crate::Plan, String);
        let pages: [(Setter, &str); 6] = [
            (|p, t| p.goals[0].description = t, "goals[0].description"),
            (|p, t| p.themes[1].description = t, "themes[1].description"),
            (|p, t| p.initiative_mut(2).description = t, "initiatives[2].description"),
            (|p, t| p.business_cases[0].description = t, "business_cases[0].description"),
            (|p, t| p.business_cases[0].lines[1].note = t, "business_cases[0].lines[1].note"),
            (|p, t| p.scenarios[0].description = t, "scenarios[0].description"),
        ];
        for (set, path) in pages {
            assert_eq!(check(set, MAX_TEXT_CHARS), Vec::<String>::new(), "{path} at the limit");
            assert_eq!(check(set, MAX_TEXT_CHARS + 1), [format!("{path}: must be at most 20000 characters")]);
        }
        let owner: Setter = |p, t| p.initiative_mut(3).owner = t;
        assert_eq!(check(owner, MAX_NAME_CHARS), Vec::<String>::new());
        assert_eq!(check(owner, 10_000_000), ["initiatives[3].owner: must be at most 200 characters"]);
    }
}

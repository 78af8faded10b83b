//! Control characters in a plan's text. A one-line field (a name, an owner, a sponsor, a year
//! prefix…) is printed on one line — a row of `cairn plans`, a table cell, an error message, a
//! bar on the timeline — so it holds no control character at all: no line break, no tab, no
//! terminal escape, no Unicode line separator. A multi-line field (a description, a note, a
//! rationale, a recommendation) may hold line breaks (`\n`, `\r`) and tabs, and nothing else of
//! the kind. The same test, [`crate::text::breaks_line`], decides what output escapes.

use crate::plan::Plan;
use crate::text::breaks_line;
use crate::validate::{Checker, PathText};

/// Checks every text field of the plan (a baseline's plan is checked when it is validated).
pub(crate) fn control_characters(c: &mut Checker, plan: &Plan) {
    let mut t = Text { c };
    t.line("name", &plan.name);
    t.line("organisation", &plan.organisation);
    t.line("settings.fiscal_calendar.prefix", &plan.settings.fiscal_calendar.prefix);
    for (k, a) in plan.settings.accepted_findings.iter().enumerate() {
        t.line(|| format!("settings.accepted_findings[{k}].path"), &a.path);
        t.lines(|| format!("settings.accepted_findings[{k}].reason"), &a.reason);
    }
    for (i, g) in plan.goals.iter().enumerate() {
        t.line(|| format!("goals[{i}].name"), &g.name);
        t.lines(|| format!("goals[{i}].description"), &g.description);
    }
    for (i, x) in plan.themes.iter().enumerate() {
        t.line(|| format!("themes[{i}].name"), &x.name);
        t.lines(|| format!("themes[{i}].description"), &x.description);
    }
    for (i, x) in plan.initiatives.iter().enumerate() {
        t.line(|| format!("initiatives[{i}].name"), &x.name);
        t.line(|| format!("initiatives[{i}].owner"), &x.owner);
        t.lines(|| format!("initiatives[{i}].description"), &x.description);
        for (j, m) in x.milestones.iter().enumerate() {
            t.line(|| format!("initiatives[{i}].milestones[{j}].name"), &m.name);
        }
    }
    let policy = &plan.settings.appraisal;
    if let Some(d) = &policy.discount {
        t.line("settings.appraisal.discount.source", &d.source);
    }
    if let Some(x) = &policy.inflation {
        t.line("settings.appraisal.inflation.source", &x.source);
    }
    for (i, x) in plan.business_cases.iter().enumerate() {
        t.line(|| format!("business_cases[{i}].name"), &x.name);
        if let Some(reason) = &x.rate_reason {
            t.lines(|| format!("business_cases[{i}].rate_reason"), reason);
        }
        t.line(|| format!("business_cases[{i}].sponsor"), &x.sponsor);
        t.lines(|| format!("business_cases[{i}].description"), &x.description);
        for (j, l) in x.lines.iter().enumerate() {
            t.line(|| format!("business_cases[{i}].lines[{j}].name"), &l.name);
            t.lines(|| format!("business_cases[{i}].lines[{j}].note"), &l.note);
            if let Some(r) = &l.register {
                let at = |field: &str| format!("business_cases[{i}].lines[{j}].register.{field}");
                for (field, text) in [
                    ("owner", &r.owner),
                    ("measure", &r.measure),
                    ("baseline", &r.baseline),
                    ("target", &r.target),
                    ("measured", &r.measured),
                ] {
                    t.line(|| at(field), text);
                }
            }
        }
    }
    for (i, x) in plan.sourcing_studies.iter().enumerate() {
        if let Some(reason) = &x.rate_reason {
            t.lines(|| format!("sourcing_studies[{i}].rate_reason"), reason);
        }
        let at = |field: &str| format!("sourcing_studies[{i}].{field}");
        t.line(|| at("name"), &x.name);
        t.line(|| at("service"), &x.service);
        t.lines(|| at("description"), &x.description);
        t.lines(|| at("recommendation"), &x.recommendation);
        for (j, k) in x.criteria.iter().enumerate() {
            t.line(|| at(&format!("criteria[{j}].name")), &k.name);
            t.lines(|| at(&format!("criteria[{j}].description")), &k.description);
        }
        for (j, o) in x.options.iter().enumerate() {
            t.line(|| at(&format!("options[{j}].name")), &o.name);
            t.lines(|| at(&format!("options[{j}].description")), &o.description);
            for (k, score) in o.scores.iter().enumerate() {
                t.lines(|| at(&format!("options[{j}].scores[{k}].rationale")), &score.rationale);
            }
        }
    }
    for (i, x) in plan.scenarios.iter().enumerate() {
        t.line(|| format!("scenarios[{i}].name"), &x.name);
        t.lines(|| format!("scenarios[{i}].description"), &x.description);
    }
    for (i, x) in plan.baselines.iter().enumerate() {
        t.line(|| format!("baselines[{i}].name"), &x.name);
    }
    risks(&mut t, plan);
}

/// The risk register's text: its scale's and categories' names, and each risk's.
fn risks(t: &mut Text<'_>, plan: &Plan) {
    let s = &plan.settings.risk;
    for (k, l) in s.scale.likelihood.iter().enumerate() {
        t.line(|| format!("settings.risk.scale.likelihood[{k}].label"), &l.label);
        t.lines(|| format!("settings.risk.scale.likelihood[{k}].description"), &l.description);
    }
    for (k, l) in s.scale.impact.iter().enumerate() {
        t.line(|| format!("settings.risk.scale.impact[{k}].label"), &l.label);
        t.lines(|| format!("settings.risk.scale.impact[{k}].description"), &l.description);
    }
    for (k, x) in s.categories.iter().enumerate() {
        t.line(|| format!("settings.risk.categories[{k}].name"), &x.name);
    }
    for (i, r) in plan.risks.iter().enumerate() {
        let at = |field: &str| format!("risks[{i}].{field}");
        t.line(|| at("title"), &r.title);
        t.line(|| at("owner"), &r.owner);
        t.lines(|| at("cause"), &r.cause);
        t.lines(|| at("event"), &r.event);
        t.lines(|| at("effect"), &r.effect);
        for (j, a) in r.actions.iter().enumerate() {
            t.line(|| at(&format!("actions[{j}].text")), &a.text);
            t.line(|| at(&format!("actions[{j}].owner")), &a.owner);
        }
    }
}

struct Text<'a> {
    c: &'a mut Checker,
}

impl Text<'_> {
    /// A one-line field: no control character at all.
    fn line(&mut self, path: impl PathText, text: &str) {
        if let Some((at, ch)) = text.chars().enumerate().find(|&(_, ch)| breaks_line(ch)) {
            self.c.fail(
                path,
                format!("must be one line without control characters, but character {} is {}", at + 1, describe(ch)),
            );
        }
    }

    /// A multi-line field: line breaks and tabs, no other control character.
    fn lines(&mut self, path: impl PathText, text: &str) {
        let allowed = |ch: char| matches!(ch, '\n' | '\r' | '\t');
        if let Some((at, ch)) = text.chars().enumerate().find(|&(_, ch)| breaks_line(ch) && !allowed(ch)) {
            self.c.fail(
                path,
                format!(
                    "may hold line breaks and tabs but no other control character, and character {} is {}",
                    at + 1,
                    describe(ch)
                ),
            );
        }
    }
}

/// A control character named for a person: "a line break (U+000A)".
fn describe(ch: char) -> String {
    let what = match ch {
        '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}' => "a line break",
        '\t' => "a tab",
        '\u{1b}' => "an escape (a terminal command)",
        _ => "a control character",
    };
    format!("{what} (U+{:04X})", u32::from(ch))
}

#[cfg(test)]
mod tests {
    use crate::demo::demo_plan;
    use crate::plan::Plan;
    use crate::validate::validate;

    /// Applies `edit` to the demo plan and expects exactly these problems (path, reason start).
    fn check(edit: impl FnOnce(&mut Plan), expected: &[(&str, &str)]) {
        let mut plan = demo_plan();
        edit(&mut plan);
        let problems = validate(&plan);
        let got: Vec<(&str, &str)> = problems.iter().map(|p| (p.path.as_str(), p.reason.as_str())).collect();
        assert_eq!(got.len(), expected.len(), "{got:?}");
        for ((path, reason), (want_path, want_reason)) in got.iter().zip(expected) {
            assert_eq!(path, want_path);
            assert!(reason.starts_with(want_reason), "{reason:?} does not start with {want_reason:?}");
            assert!(!reason.contains(|c: char| c.is_control()), "the reason is one line: {reason:?}");
        }
    }

    #[test]
    fn one_line_fields_refuse_control_characters() {
        let one_line = "must be one line without control characters, but character ";
        check(|p| p.name = "IT\tStrategy".into(), &[("name", &format!("{one_line}3 is a tab (U+0009)"))]);
        check(
            |p| p.initiative_mut(2).name = "Cloud\nerror: all good".into(),
            &[("initiatives[2].name", &format!("{one_line}6 is a line break (U+000A)"))],
        );
        check(
            |p| p.initiative_mut(0).owner = "\u{1b}[2JCIO".into(),
            &[("initiatives[0].owner", &format!("{one_line}1 is an escape"))],
        );
        check(
            |p| p.settings.fiscal_calendar.prefix = "F\u{7f}".into(),
            &[("settings.fiscal_calendar.prefix", one_line)],
        );
        check(|p| p.goals[1].name.push('\u{2028}'), &[("goals[1].name", one_line)]);
        check(
            |p| p.initiative_mut(0).milestones[0].name.push('\r'),
            &[("initiatives[0].milestones[0].name", one_line)],
        );
        check(|p| p.business_cases[0].sponsor.push('\u{85}'), &[("business_cases[0].sponsor", one_line)]);
        check(|p| p.business_cases[0].lines[1].name.push('\n'), &[("business_cases[0].lines[1].name", one_line)]);
        check(
            |p| p.sourcing_studies[0].options[2].name.push('\t'),
            &[("sourcing_studies[0].options[2].name", one_line)],
        );
        check(
            |p| p.sourcing_studies[1].criteria[0].name.push('\n'),
            &[("sourcing_studies[1].criteria[0].name", one_line)],
        );
        check(|p| p.sourcing_studies[0].service.push('\n'), &[("sourcing_studies[0].service", one_line)]);
        check(|p| p.scenarios[0].name.push('\n'), &[("scenarios[0].name", one_line)]);
        check(|p| p.baselines[0].name.push('\n'), &[("baselines[0].name", one_line)]);
        check(|p| p.themes[3].name.push('\u{0}'), &[("themes[3].name", one_line)]);
        check(
            |p| p.baselines[0].plan.initiative_mut(1).name.push('\n'),
            &[("baselines[0].plan.initiatives[1].name", one_line)],
        );
    }

    #[test]
    fn multi_line_fields_keep_line_breaks_and_tabs() {
        check(
            |p| {
                p.initiative_mut(0).description = "Phase 1:\n\t- landing zone\r\n\t- identity".into();
                p.goals[0].description = "Two\nlines".into();
                p.business_cases[0].lines[0].note = "Quote A\tQuote B\n".into();
                p.sourcing_studies[0].recommendation = "Go hybrid.\n\nReview in 2029.".into();
                p.sourcing_studies[0].options[0].scores[0].rationale = "a\nb".into();
                p.scenarios[1].description = "a\nb".into();
            },
            &[],
        );
        let other = "may hold line breaks and tabs but no other control character, and character ";
        check(
            |p| p.initiative_mut(0).description = "ok\n\u{1b}[31m".into(),
            &[("initiatives[0].description", &format!("{other}4 is an escape"))],
        );
        check(|p| p.themes[0].description.push('\u{7}'), &[("themes[0].description", other)]);
        check(|p| p.business_cases[1].description.push('\u{0}'), &[("business_cases[1].description", other)]);
        check(|p| p.business_cases[1].lines[0].note.push('\u{2028}'), &[("business_cases[1].lines[0].note", other)]);
        check(|p| p.sourcing_studies[0].description.push('\u{8}'), &[("sourcing_studies[0].description", other)]);
        check(
            |p| p.sourcing_studies[0].criteria[1].description.push('\u{8}'),
            &[("sourcing_studies[0].criteria[1].description", other)],
        );
        check(
            |p| p.sourcing_studies[0].options[1].description.push('\u{8}'),
            &[("sourcing_studies[0].options[1].description", other)],
        );
        check(
            |p| p.sourcing_studies[0].options[1].scores[0].rationale.push('\u{8}'),
            &[("sourcing_studies[0].options[1].scores[0].rationale", other)],
        );
        check(|p| p.sourcing_studies[1].recommendation.push('\u{8}'), &[("sourcing_studies[1].recommendation", other)]);
        check(|p| p.scenarios[0].description.push('\u{8}'), &[("scenarios[0].description", other)]);
    }
}

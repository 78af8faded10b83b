//! A business case's short list of options (HM Treasury Green Book, the economic case; OMB
//! Circular A-11's alternatives analysis): business as usual, the counterfactual every option is
//! measured against, do minimum, the preferred option and its alternatives, each appraised the
//! same way over the case's years with its own lines (a line shared by options lists them all).
//!
//! A case written before options existed has none stated: it is read as the implicit pair
//! [`BusinessCase::short_list`] gives, business as usual with no lines (zero, said so) and the
//! case itself as the preferred option with every line. Its figures do not change.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::case::{BusinessCase, LineItem};
use crate::plan::Id;

/// The part an option plays in the short list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OptionRole {
    /// Business as usual: what happens without the investment (the counterfactual). Required.
    Bau,
    /// The least that meets the need (Green Book "do minimum").
    DoMinimum,
    /// The option the case recommends. Exactly one.
    Preferred,
    /// Another option appraised beside the preferred one.
    Alternative,
}

impl OptionRole {
    /// The role as the command line and the file spell it: `bau`, `do_minimum`, `preferred`,
    /// `alternative`.
    pub fn key(self) -> &'static str {
        match self {
            OptionRole::Bau => "bau",
            OptionRole::DoMinimum => "do_minimum",
            OptionRole::Preferred => "preferred",
            OptionRole::Alternative => "alternative",
        }
    }

    /// The role in a sentence or a column: "Business as usual", "Do minimum", …
    pub fn label(self) -> &'static str {
        match self {
            OptionRole::Bau => "Business as usual",
            OptionRole::DoMinimum => "Do minimum",
            OptionRole::Preferred => "Preferred",
            OptionRole::Alternative => "Alternative",
        }
    }
}

/// One option of a case's short list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseOption {
    /// Unique among the case's options; lines name it.
    pub id: Id,
    /// Short name, e.g. "Extend the current ERP's support".
    pub name: String,
    /// Its part in the short list.
    pub role: OptionRole,
    /// What the option is, in a sentence or two.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
}

/// The id of business as usual in a case that states no options.
pub const IMPLICIT_BAU_ID: &str = "bau";
/// The id of the preferred option in a case that states no options.
pub const IMPLICIT_PREFERRED_ID: &str = "preferred";
/// What the implicit business as usual is called: the case states no counterfactual, so it is
/// taken as zero, and the name says so wherever it is shown.
pub const IMPLICIT_BAU_NAME: &str = "Business as usual (not stated: taken as zero)";

impl BusinessCase {
    /// The short list: the options the case states, or, when it states none, business as usual
    /// at zero ([`IMPLICIT_BAU_NAME`]) and the case itself as the preferred option.
    pub fn short_list(&self) -> Cow<'_, [CaseOption]> {
        if !self.options.is_empty() {
            return Cow::Borrowed(&self.options);
        }
        let id = |text: &str| Id::new(text).unwrap_or_else(|_| self.id.clone());
        Cow::Owned(vec![
            CaseOption {
                id: id(IMPLICIT_BAU_ID),
                name: IMPLICIT_BAU_NAME.to_owned(),
                role: OptionRole::Bau,
                description: String::new(),
            },
            CaseOption {
                id: id(IMPLICIT_PREFERRED_ID),
                name: self.name.clone(),
                role: OptionRole::Preferred,
                description: String::new(),
            },
        ])
    }

    /// Whether `line` belongs to option `option` of this case: a line that names no option
    /// belongs to the preferred one (every line of a case written before options existed).
    pub fn line_in(&self, line: &LineItem, option: &CaseOption) -> bool {
        if line.options.is_empty() { option.role == OptionRole::Preferred } else { line.options.contains(&option.id) }
    }

    /// Whether `line` is spending (or a return) that going ahead adds: a line of the preferred
    /// option that business as usual does not also have. A line both have is today's cost
    /// continuing, already in the budget; a line of another option only is not chosen. The
    /// roadmap's budget of the initiatives the case funds counts these lines, and the plan check
    /// holds them to those initiatives' dates. Every line of a case without a short list adds.
    pub fn adds(&self, line: &LineItem) -> bool {
        let list = self.short_list();
        let of = |role: OptionRole| list.iter().filter(move |o| o.role == role);
        of(OptionRole::Preferred).any(|o| self.line_in(line, o)) && !of(OptionRole::Bau).any(|o| self.line_in(line, o))
    }

    /// Whether business as usual has lines of its own (so the preferred option is measured
    /// against something other than zero).
    pub fn bau_has_lines(&self) -> bool {
        self.options
            .iter()
            .filter(|o| o.role == OptionRole::Bau)
            .any(|bau| self.lines.iter().any(|l| self.line_in(l, bau)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_plan;

    /// The demo's ERP case without its short list.
    fn without_options() -> crate::case::BusinessCase {
        let mut case = demo_plan().business_cases[0].clone();
        case.options.clear();
        for line in &mut case.lines {
            line.options.clear();
        }
        case
    }

    #[test]
    fn a_case_without_options_is_bau_at_zero_and_itself_preferred() {
        let case = &without_options();
        let list = case.short_list();
        assert_eq!(list.len(), 2);
        assert_eq!((list[0].role, list[0].name.as_str()), (OptionRole::Bau, IMPLICIT_BAU_NAME));
        assert_eq!((list[1].role, list[1].name.as_str()), (OptionRole::Preferred, case.name.as_str()));
        assert!(case.lines.iter().all(|l| case.line_in(l, &list[1]) && !case.line_in(l, &list[0])));
        assert!(!case.bau_has_lines());
    }

    /// What going ahead adds: the preferred option's own lines, not those business as usual also
    /// has, nor another option's.
    #[test]
    fn going_ahead_adds_the_preferred_lines_business_as_usual_lacks() {
        let mut case = without_options();
        assert!(case.lines.iter().all(|l| case.adds(l)), "every line of a case without a short list adds");
        let option = |key: &str, role| CaseOption {
            id: Id::new(key).expect("id"),
            name: key.into(),
            role,
            description: String::new(),
        };
        case.options = vec![
            option("keep", OptionRole::Bau),
            option("new", OptionRole::Preferred),
            option("lite", OptionRole::Alternative),
        ];
        let ids = |keys: &[&str]| keys.iter().map(|k| Id::new(*k).expect("id")).collect::<Vec<_>>();
        case.lines[0].options = ids(&["keep", "new"]);
        case.lines[1].options = ids(&["keep"]);
        case.lines[2].options = ids(&["lite"]);
        case.lines[3].options = ids(&["new", "lite"]);
        let adds: Vec<bool> = case.lines.iter().take(5).map(|l| case.adds(l)).collect();
        assert_eq!(adds, [false, false, false, true, true], "line 4 names no option: the preferred one's");
    }

    #[test]
    fn roles_have_keys() {
        let keys: Vec<_> = [OptionRole::Bau, OptionRole::DoMinimum, OptionRole::Preferred, OptionRole::Alternative]
            .iter()
            .map(|r| r.key())
            .collect();
        assert_eq!(keys, ["bau", "do_minimum", "preferred", "alternative"]);
        assert_eq!(serde_json::to_string(&OptionRole::DoMinimum).expect("json"), "\"do_minimum\"");
    }
}

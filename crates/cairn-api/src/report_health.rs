//! The board pack's plan health: which findings of the one check engine (`cairn_check`) the
//! executive summary states, and the decisions the board is asked to take. The rule:
//!
//! - every error, each on its own line;
//! - warnings by check, most telling first (capacity, unappraised spend, benefits before
//!   service, then the rest): one or two open findings of a check are listed, more are counted
//!   in one line; accepted findings are listed with their reason (several of one check with the
//!   same reason counted in one line with it), since the plan chose to stand by them and the
//!   board must see why;
//! - at most [`MAX_LINES`] lines; the rest are counted, and named in the app and `cairn check`.
//!
//! Decisions sought, in order: funding each fiscal year over its portfolio ceiling, delivery
//! capacity for the quarters over it, business cases for unappraised initiatives over the
//! threshold, then each business case's recommendation (best NPV first). Sentences come from
//! `cairn_core::narrative`; figures from `cairn_roadmap` and `cairn_case::decide`.

use cairn_check::{Finding, Severity};
use cairn_core::narrative::{self, CaseRecommendation};
use cairn_core::{Plan, text::CurrencyFormat};
use cairn_report::SummaryFinding;

/// The most lines the summary gives plan health.
pub(crate) const MAX_LINES: usize = 10;

/// Warning codes in the order the summary states them, with how a group of them reads.
const WARNINGS: &[(&str, &str)] = &[
    ("capacity-breach", "fiscal quarters need more FTE than the plan's delivery capacity"),
    ("unappraised-spend", "initiatives over the appraisal threshold have no business case"),
    ("benefit-before-in-service", "business-case benefits start before their initiative is in service"),
    ("budget-outside-dates", "initiative budget years fall outside the initiatives' dates"),
    ("case-outside-initiative", "business-case cost lines fall outside their initiatives' dates"),
    ("milestone-outside-initiative", "milestones fall outside their initiatives' dates"),
];

fn line(f: &Finding) -> SummaryFinding {
    SummaryFinding {
        error: f.severity == Severity::Error,
        text: narrative::health_line(&f.headline, f.accepted.as_deref()),
        explanation: f.accepted.clone().unwrap_or_default(),
    }
}

/// The findings the summary states, in order (see the module's rule).
pub(crate) fn summary_findings(found: &[Finding]) -> Vec<SummaryFinding> {
    let mut out: Vec<SummaryFinding> = found.iter().filter(|f| f.severity == Severity::Error).map(line).collect();
    let warnings: Vec<&Finding> = found.iter().filter(|f| f.severity == Severity::Warning).collect();
    let rank = |code: &str| WARNINGS.iter().position(|(c, _)| *c == code).unwrap_or(WARNINGS.len());
    let mut codes: Vec<&str> = warnings.iter().map(|f| f.code).collect();
    codes.sort_by_key(|c| (rank(c), *c));
    codes.dedup();
    for code in codes {
        let of_code: Vec<&&Finding> = warnings.iter().filter(|f| f.code == code).collect();
        let (accepted, open): (Vec<&&Finding>, Vec<&&Finding>) = of_code.iter().partition(|f| f.accepted.is_some());
        let what = WARNINGS.iter().find(|(c, _)| *c == code).map_or_else(
            || cairn_check::CHECKS.iter().find(|c| c.code == code).map_or(code, |c| c.rule),
            |(_, what)| *what,
        );
        // Accepted ones with one reason: listed when alone, else counted with the reason.
        let mut reasons: Vec<&str> = Vec::new();
        for r in accepted.iter().filter_map(|f| f.accepted.as_deref()) {
            if !reasons.contains(&r) {
                reasons.push(r);
            }
        }
        for reason in reasons {
            let alike: Vec<&&&Finding> = accepted.iter().filter(|f| f.accepted.as_deref() == Some(reason)).collect();
            match alike.as_slice() {
                [one] => out.push(line(one)),
                _ => out.push(SummaryFinding {
                    error: false,
                    text: narrative::health_line(
                        narrative::health_group(alike.len(), what).trim_end_matches('.'),
                        Some(reason),
                    ),
                    explanation: reason.to_owned(),
                }),
            }
        }
        if open.len() <= 2 {
            out.extend(open.iter().map(|f| line(f)));
            continue;
        }
        // The unappraised share is its own finding (info): it says what the count means.
        let share = (code == "unappraised-spend")
            .then(|| found.iter().find(|f| f.code == code && f.severity == Severity::Info))
            .flatten();
        let text = match share {
            Some(s) => {
                format!("{} {}", narrative::health_line(&s.headline, None), narrative::health_group(open.len(), what))
            }
            None => narrative::health_group(open.len(), what),
        };
        out.push(SummaryFinding { error: false, text, explanation: String::new() });
    }
    let total = out.len();
    if total > MAX_LINES {
        out.truncate(MAX_LINES - 1);
        out.push(SummaryFinding {
            error: false,
            text: narrative::health_more(total - out.len()),
            explanation: String::new(),
        });
    }
    out
}

/// The decisions the board is asked to take (see the module's rule). `cases` are the business
/// cases' names and recommendations, best NPV first.
pub(crate) fn decisions(
    plan: &Plan,
    found: &[Finding],
    cases: &[(&str, Option<&CaseRecommendation>)],
    currency: &CurrencyFormat,
) -> Vec<String> {
    let mut out = Vec::new();
    if let Ok(budget) = cairn_roadmap::budget(plan) {
        for y in &budget.years {
            if let (Some(over), Some(ceiling)) = (y.over_by, y.ceiling) {
                out.push(narrative::decide_ceiling(&y.label, over, ceiling, currency));
            }
        }
    }
    if let Ok(capacity) = cairn_roadmap::capacity(plan) {
        let over: Vec<String> =
            capacity.quarters.iter().filter(|q| q.over_by.is_some()).map(|q| q.label.clone()).collect();
        if !over.is_empty() {
            out.push(narrative::decide_capacity(&over));
        }
    }
    let unappraised = found
        .iter()
        .filter(|f| f.code == "unappraised-spend" && f.severity == Severity::Warning && f.accepted.is_none())
        .count();
    if unappraised > 0 {
        out.push(narrative::decide_unappraised(unappraised, plan.settings.roadmap.appraisal_threshold(), currency));
    }
    out.extend(cases.iter().filter_map(|(name, r)| r.map(|r| narrative::decide_case(name, r))));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(severity: Severity, code: &'static str, path: &str, accepted: Option<&str>) -> Finding {
        Finding {
            code,
            severity,
            path: path.into(),
            ids: Vec::new(),
            message: String::new(),
            headline: format!("{code} at {path}"),
            accepted: accepted.map(str::to_owned),
        }
    }

    fn texts(found: &[Finding]) -> Vec<String> {
        summary_findings(found).into_iter().map(|f| f.text).collect()
    }

    #[test]
    fn errors_each_then_warnings_by_check_listed_counted_or_accepted() {
        use Severity::{Error as E, Info as I, Warning as W};
        let found = vec![
            finding(E, "ceiling-breach", "c0", Some("Fund it")),
            finding(E, "dependency-violation", "d0", None),
            finding(W, "case-outside-initiative", "x0", Some("Run cost.")),
            finding(W, "case-outside-initiative", "x1", Some("Run cost.")),
            finding(W, "case-outside-initiative", "x2", Some("Other.")),
            finding(W, "capacity-breach", "q0", None),
            finding(W, "unappraised-spend", "u0", None),
            finding(W, "unappraised-spend", "u1", None),
            finding(W, "unappraised-spend", "u2", None),
            finding(I, "unappraised-spend", "initiatives", None),
            finding(I, "benefit-before-in-service", "b0", None),
        ];
        assert_eq!(
            texts(&found),
            [
                "ceiling-breach at c0. Accepted: Fund it.",
                "dependency-violation at d0.",
                "capacity-breach at q0.",
                "unappraised-spend at initiatives. 3 initiatives over the appraisal threshold have no business case.",
                "2 business-case cost lines fall outside their initiatives' dates. Accepted: Run cost.",
                "case-outside-initiative at x2. Accepted: Other.",
            ]
        );
        let errors: Vec<bool> = summary_findings(&found).iter().map(|f| f.error).collect();
        assert_eq!(errors, [true, true, false, false, false, false]);
    }

    #[test]
    fn at_most_ten_lines_and_the_rest_counted() {
        let found: Vec<Finding> =
            (0..14).map(|k| finding(Severity::Error, "ceiling-breach", &format!("c{k:02}"), None)).collect();
        let lines = texts(&found);
        assert_eq!(lines.len(), MAX_LINES);
        assert_eq!(lines[MAX_LINES - 1], narrative::health_more(5));
        assert_eq!(lines[MAX_LINES - 2], "ceiling-breach at c08.");
    }
}

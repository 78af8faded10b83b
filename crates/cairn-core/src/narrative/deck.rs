//! The board deck's action titles: each slide's message in one sentence made from its figures
//! ("FY2027 runs $1,180,000 over its ceiling", "“ERP renewal” returns an NPV of $4,212,345.67:
//! proceed with conditions"), never its topic. Figures are written as the board pack writes the
//! same figure, so the deck and the pack read the same numbers.

use rust_decimal::Decimal;

use super::{CaseRecommendation, count, money};
use crate::text::{self, CurrencyFormat};

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", count(n as u64), if n == 1 { one } else { many })
}

/// Names in prose: "A", "A and B", "A, B and C".
fn listed(names: &[String]) -> String {
    match names.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// The decisions slide: `decisions` the board is asked to take, `errors` plan-health errors it
/// must hear, and, when no decision is written, the `recommendations` shown instead.
pub fn decisions_title(decisions: usize, errors: usize, recommendations: usize) -> String {
    let errors = match errors {
        0 => String::new(),
        n => format!("; {} in the plan to resolve first", plural(n, "error", "errors")),
    };
    match (decisions, recommendations) {
        (0, 0) if errors.is_empty() => "No decision is sought yet: the plan has no business case to decide on".into(),
        (0, 0) => format!("No decision is sought yet{errors}"),
        (0, r) => format!("The board is asked to act on {}{errors}", plural(r, "recommendation", "recommendations")),
        (d, _) => format!("The board is asked for {}{errors}", plural(d, "decision", "decisions")),
    }
}

/// The strategy slide: how many goals, initiatives and themes, and the goals no initiative
/// serves yet (by name).
pub fn strategy_title(goals: usize, initiatives: usize, themes: usize, unserved: &[String]) -> String {
    if goals == 0 {
        return "The plan states no strategic goal yet".into();
    }
    let base = format!(
        "{} served by {} in {}",
        plural(goals, "goal is", "goals are"),
        plural(initiatives, "initiative", "initiatives"),
        plural(themes, "theme", "themes")
    );
    match unserved {
        [] => base,
        [one] => format!("{base}; “{one}” has no initiative yet"),
        many => format!("{base}; {} have no initiative yet", plural(many.len(), "goal", "goals")),
    }
}

/// The roadmap slide: initiatives and themes, the fiscal years they span, and how many are
/// under way.
pub fn roadmap_title(initiatives: usize, themes: usize, from: &str, to: &str, in_progress: usize) -> String {
    if initiatives == 0 {
        return "The roadmap is empty: the plan has no initiatives yet".into();
    }
    let span = if from == to { format!("in {from}") } else { format!("from {from} to {to}") };
    let under_way = match in_progress {
        0 => "none under way yet".to_owned(),
        n => format!("{} under way", count(n as u64)),
    };
    format!(
        "{} in {} run {span}; {under_way}",
        plural(initiatives, "initiative", "initiatives"),
        plural(themes, "theme", "themes")
    )
}

/// The budget slide. `over` holds each fiscal year over its ceiling and by how much, in year
/// order; `ceilings` whether any year has one; `total` the investment over the horizon and
/// `peak` the year investing most.
pub fn budget_title(
    over: &[(String, Decimal)],
    ceilings: bool,
    total: Decimal,
    peak: Option<&str>,
    currency: &CurrencyFormat,
) -> String {
    let whole = |v: Decimal| text::money_whole(v, &currency.code);
    if let Some((year, by)) = over.iter().max_by(|a, b| a.1.cmp(&b.1)) {
        return match over.len() {
            1 => format!("{year} runs {} over its ceiling", whole(*by)),
            n => format!("{} run over their ceilings, {year} most, by {}", plural(n, "year", "years"), whole(*by)),
        };
    }
    if total.is_zero() {
        return "No investment is budgeted in the plan's horizon yet".into();
    }
    let peak = peak.map(|p| format!(", most in {p}")).unwrap_or_default();
    if ceilings {
        format!("Every year keeps within its ceiling: {} over the horizon{peak}", whole(total))
    } else {
        format!("{} over the horizon{peak}; no ceiling is set", whole(total))
    }
}

/// A business case's slide, from the recommendation `cairn_case::decide` made (`None` when the
/// case has no NPV to decide on).
pub fn case_title(name: &str, recommendation: Option<&CaseRecommendation>, currency: &CurrencyFormat) -> String {
    match recommendation {
        Some(CaseRecommendation::Proceed { measure, npv, .. }) => {
            format!("“{name}” returns {} of {}: proceed", a_npv(*measure), money(*npv, currency))
        }
        Some(CaseRecommendation::ProceedWithConditions { measure, npv, .. }) => {
            format!("“{name}” returns {} of {}: proceed with conditions", a_npv(*measure), money(*npv, currency))
        }
        Some(CaseRecommendation::Review { measure, npv, .. }) => {
            format!("“{name}” has {} of {}: review before deciding", a_npv(*measure), money(*npv, currency))
        }
        Some(CaseRecommendation::Rework { measure, npv }) => {
            format!("“{name}” destroys value at {} of {}: rework or stop", a_npv(*measure), money(*npv, currency))
        }
        Some(CaseRecommendation::LeastCost { option, pv_cost, .. }) => {
            format!("“{name}” is mandatory: go ahead by “{option}”, the least cost at {}", money(*pv_cost, currency))
        }
        Some(CaseRecommendation::Undecided { .. }) => format!("“{name}” cannot be decided by the rule yet"),
        None => format!("“{name}” has no NPV to decide on yet"),
    }
}

/// "an NPV", "a P50 NPV", "an expected NPV".
fn a_npv(measure: crate::NpvMeasure) -> String {
    let words = super::decision::npv_words(measure);
    let article = if words.starts_with(['N', 'e']) { "an" } else { "a" };
    format!("{article} {words}")
}

/// Why the deck shows only some business cases: `shown` of `total`, the largest by investment.
pub fn cases_shown(shown: usize, total: usize) -> String {
    format!(
        "The deck shows the {} business cases with the largest investment, of {}; the board pack shows every one.",
        count(shown as u64),
        count(total as u64)
    )
}

/// A sourcing study's slide: its ranking (option and score, best first, scores written as the
/// pack writes them).
pub fn sourcing_title(study: &str, ranking: &[(String, String)]) -> String {
    match ranking {
        [] => format!("“{study}” has no option scored yet"),
        [(first, score)] => format!("“{first}” is the only option scored for “{study}”, at {score}"),
        [(first, s1), (second, s2), ..] if s1 == s2 => {
            format!("“{first}” and “{second}” tie for “{study}” at {s1}: the board must choose")
        }
        [(first, s1), (second, s2), ..] => {
            format!("Choose “{first}” for “{study}”: it scores {s1} against {s2} for “{second}”")
        }
    }
}

/// The risks slide: how many key risks stand against the portfolio NPV.
pub fn risks_title(risks: usize, portfolio_npv: Option<f64>, currency: &CurrencyFormat) -> String {
    match (risks, portfolio_npv) {
        (0, _) => "No business case shows a material risk of losing value".into(),
        (n, Some(npv)) => format!(
            "{} stand against the portfolio NPV of {}",
            plural(n, "key risk", "key risks"),
            money(npv, currency)
        ),
        (n, None) => format!("{} need the board's attention", plural(n, "key risk", "key risks")),
    }
}

/// The scenario slide: the variant with the highest portfolio NPV and which run over a
/// ceiling. `variants` is (label, portfolio NPV, years over a ceiling), the reference first.
pub fn scenarios_title(variants: &[(String, f64, usize)], currency: &CurrencyFormat) -> String {
    let Some(best) = variants.iter().max_by(|a, b| a.1.total_cmp(&b.1)) else {
        return "No scenario to compare yet".into();
    };
    // Variants whose NPV reads the same as the best share it: a tie is said as a tie.
    let best_text = money(best.1, currency);
    let leaders: Vec<String> =
        variants.iter().filter(|v| money(v.1, currency) == best_text).map(|v| format!("“{}”", v.0)).collect();
    let over: Vec<String> = variants.iter().filter(|v| v.2 > 0).map(|v| format!("“{}”", v.0)).collect();
    let ceilings = match over.len() {
        0 => "every variant keeps within its ceilings".to_owned(),
        n if n == variants.len() => "every variant runs over a ceiling".to_owned(),
        1 => format!("{} runs over a ceiling", listed(&over)),
        _ => format!("{} run over a ceiling", listed(&over)),
    };
    if leaders.len() > 1 {
        format!("{} share the highest portfolio NPV, {best_text}; {ceilings}", listed(&leaders))
    } else {
        format!("“{}” has the highest portfolio NPV, {best_text}; {ceilings}", best.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    fn usd() -> CurrencyFormat {
        CurrencyFormat { code: "USD".into(), minor_digits: 2 }
    }

    #[test]
    fn budget_titles_state_the_year_over_or_the_total() {
        let cur = usd();
        let one = [("FY2027".to_owned(), dec!(1180000))];
        assert_eq!(budget_title(&one, true, dec!(9), None, &cur), "FY2027 runs $1,180,000 over its ceiling");
        let two = [("FY2027".to_owned(), dec!(10)), ("FY2028".to_owned(), dec!(300000.4))];
        assert_eq!(
            budget_title(&two, true, dec!(9), None, &cur),
            "2 years run over their ceilings, FY2028 most, by $300,000"
        );
        assert_eq!(
            budget_title(&[], true, dec!(2500000), Some("FY2027"), &cur),
            "Every year keeps within its ceiling: $2,500,000 over the horizon, most in FY2027"
        );
        assert_eq!(budget_title(&[], false, dec!(5), None, &cur), "$5 over the horizon; no ceiling is set");
        assert_eq!(
            budget_title(&[], false, Decimal::ZERO, None, &cur),
            "No investment is budgeted in the plan's horizon yet"
        );
    }

    #[test]
    fn case_titles_carry_the_npv_and_the_verdict() {
        let cur = usd();
        let proceed = CaseRecommendation::ProceedWithConditions {
            measure: crate::NpvMeasure::MostLikely,
            npv: 4_200_000.0,
            irr: None,
            concerns: Vec::new(),
        };
        assert_eq!(
            case_title("ERP", Some(&proceed), &cur),
            "“ERP” returns an NPV of $4,200,000.00: proceed with conditions"
        );
        let rework = CaseRecommendation::Rework { measure: crate::NpvMeasure::MostLikely, npv: -5.0 };
        assert_eq!(case_title("X", Some(&rework), &cur), "“X” destroys value at an NPV of −$5.00: rework or stop");
        assert_eq!(case_title("Y", None, &cur), "“Y” has no NPV to decide on yet");
    }

    #[test]
    fn sourcing_titles_report_a_tie_as_a_tie() {
        let r = |v: &[(&str, &str)]| v.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect::<Vec<_>>();
        assert_eq!(
            sourcing_title("Desk", &r(&[("Managed", "0.612"), ("In-house", "0.388")])),
            "Choose “Managed” for “Desk”: it scores 0.612 against 0.388 for “In-house”"
        );
        assert_eq!(
            sourcing_title("Desk", &r(&[("A", "0.500"), ("B", "0.500")])),
            "“A” and “B” tie for “Desk” at 0.500: the board must choose"
        );
        assert_eq!(sourcing_title("Desk", &[]), "“Desk” has no option scored yet");
    }

    #[test]
    fn other_titles_count_and_name() {
        let cur = usd();
        assert_eq!(
            decisions_title(2, 1, 5),
            "The board is asked for 2 decisions; 1 error in the plan to resolve first"
        );
        assert_eq!(decisions_title(0, 0, 3), "The board is asked to act on 3 recommendations");
        assert_eq!(decisions_title(0, 0, 0), "No decision is sought yet: the plan has no business case to decide on");
        assert_eq!(
            strategy_title(3, 12, 4, &["Resilience".into()]),
            "3 goals are served by 12 initiatives in 4 themes; “Resilience” has no initiative yet"
        );
        assert_eq!(
            roadmap_title(1, 1, "FY2027", "FY2027", 0),
            "1 initiative in 1 theme run in FY2027; none under way yet"
        );
        assert_eq!(risks_title(2, Some(1.5), &cur), "2 key risks stand against the portfolio NPV of $1.50");
        assert_eq!(
            scenarios_title(&[("Plan".into(), 1.0, 1), ("Lean".into(), 2.0, 0), ("Bold".into(), 0.0, 2)], &cur),
            "“Lean” has the highest portfolio NPV, $2.00; “Plan” and “Bold” run over a ceiling"
        );
        assert_eq!(scenarios_title(&[], &cur), "No scenario to compare yet");
        assert_eq!(
            scenarios_title(&[("Plan".into(), 2.0, 0), ("Lean".into(), 2.001, 0), ("Bold".into(), 1.0, 0)], &cur),
            "“Plan” and “Lean” share the highest portfolio NPV, $2.00; every variant keeps within its ceilings"
        );
        assert_eq!(
            cases_shown(8, 11),
            "The deck shows the 8 business cases with the largest investment, of 11; the board pack shows every one."
        );
    }
}

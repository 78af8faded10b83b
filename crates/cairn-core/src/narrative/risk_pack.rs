//! The board pack's risk section in words: the register's state against the board's appetite,
//! each breach, the roadmap's schedule confidence and a case's NPV S-curve. The figures come
//! from `cairn_core::risk` (scores, the appetite rule), `cairn_risk` (schedule risk) and
//! `cairn_case::Simulation`; this module only writes them.

use super::{count, money};
use crate::YearMonth;
use crate::text::{CurrencyFormat, Places, percent};

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// A month as the pack writes it: "Mar 2027".
pub fn month(m: YearMonth) -> String {
    let name = MONTHS.get(usize::from(m.month().saturating_sub(1))).copied().unwrap_or("");
    format!("{name} {}", m.year())
}

fn plural(n: usize, one: &str, many: &str) -> String {
    // `count` writes a table's zero as a dash; a sentence says "0".
    let n_text = if n == 0 { "0".to_owned() } else { count(n as u64) };
    format!("{n_text} {}", if n == 1 { one } else { many })
}

/// The register in one sentence: "The register holds 15 risks not closed (13 threats, 2
/// opportunities); 4 threats are above the board's appetite."
pub fn register(threats: usize, opportunities: usize, above: usize) -> String {
    let total = threats + opportunities;
    if total == 0 {
        return "The register holds no risk that is not closed.".into();
    }
    let kinds =
        format!("{}, {}", plural(threats, "threat", "threats"), plural(opportunities, "opportunity", "opportunities"));
    let verdict = match above {
        0 => "none is above the board's appetite".to_owned(),
        1 => "1 threat is above the board's appetite".to_owned(),
        n => format!("{} threats are above the board's appetite", count(n as u64)),
    };
    format!("The register holds {} not closed ({kinds}); {verdict}.", plural(total, "risk", "risks"))
}

/// Why there is no register to show.
pub const NO_REGISTER: &str = "The plan has no risk register yet.";

/// How the heat maps read.
pub const HEAT_MAPS: &str = "Each cell counts the risks not closed at that likelihood and impact; its colour is the \
    score, likelihood × impact. A red outline on the residual map marks a cell holding a risk above its category's \
    appetite (the highest residual score the board accepts).";

/// One breach: "Ransomware on unpatched systems (Cyber): residual score 12 against an appetite
/// of 8."
pub fn breach(title: &str, category: &str, residual: u8, appetite: u8) -> String {
    format!("{title} ({category}): residual score {residual} against an appetite of {appetite}.")
}

/// When no risk is above appetite.
pub const NO_BREACH: &str = "No risk is above the board's appetite.";

/// The roadmap's finish over the runs: "The roadmap is planned to finish in Jun 2031. Half the
/// runs finish by Sep 2031 and 80 % by Dec 2031, 6 months after the planned finish."
pub fn schedule(planned: YearMonth, p50: YearMonth, p80: YearMonth) -> String {
    let late = planned.months_until(p80);
    let after = match late {
        0 => "the planned finish itself".to_owned(),
        1 => "1 month after the planned finish".to_owned(),
        n if n > 1 => format!("{n} months after the planned finish"),
        n => format!("{} months before the planned finish", -n),
    };
    format!(
        "The roadmap is planned to finish in {}. Half the runs finish by {} and 80 % by {}, {after}.",
        month(planned),
        month(p50),
        month(p80)
    )
}

/// Why there is no schedule confidence.
pub fn no_schedule(error: &dyn std::fmt::Display) -> String {
    format!("No schedule confidence: {error}.")
}

/// How the schedule was simulated and where the method is.
pub fn schedule_method(runs: u32, seed: u64) -> String {
    format!(
        "{} runs, seed {seed}: each initiative's duration drawn from its three points (triangular, whole months), \
         scheduled by the roadmap's critical path rules. P50 and P80 are nearest-rank percentiles: the month by which \
         half, or 80 %, of the runs had finished.",
        count(u64::from(runs))
    )
}

/// A case's S-curve in one sentence: "Half the runs give an NPV of at most $1,200,000.00 and
/// 80 % at most $2,000,000.00, against a base case of $1,500,000.00."
pub fn case_curve(base: f64, p50: f64, p80: f64, currency: &CurrencyFormat) -> String {
    format!(
        "Half the runs give an NPV of at most {} and 80 % at most {}, against a base case of {}.",
        money(p50, currency),
        money(p80, currency),
        money(base, currency)
    )
}

/// How the cases' S-curves were made.
pub fn case_curves_method(runs: u32, seed: u64) -> String {
    format!(
        "Each curve is the case's Monte Carlo simulation ({} runs, seed {seed}), the one its risk page shows: the share \
         of runs whose NPV is at or below each amount. P50 and P80 are nearest rank (80 % of runs at or below P80; the \
         case's decision figures read P80 the other way, as the NPV 80 % of runs reach).",
        count(u64::from(runs))
    )
}

/// The chance of breaching each fiscal year's ceiling in one sentence, from `(label, chance)` of
/// every year with a ceiling: "Of the 5 fiscal years with a ceiling, FY2027 is the likeliest to
/// spend more than it, in 62 % of runs; 2 years breach it in more than 20 % of runs."
pub fn budget(years: &[(String, f64)]) -> String {
    let Some((label, top)) = years.iter().fold(None::<&(String, f64)>, |best, y| match best {
        Some(b) if b.1 >= y.1 => Some(b),
        _ => Some(y),
    }) else {
        return "No fiscal year has a budget ceiling, so there is no ceiling to breach.".into();
    };
    let n = years.len();
    if *top <= 0.0 {
        return format!(
            "No run spends more than the ceiling in any of the {}.",
            plural(n, "fiscal year with a ceiling", "fiscal years with a ceiling")
        );
    }
    let likely = years.iter().filter(|y| y.1 > 0.2).count();
    let likely = match likely {
        0 => "no year breaches it in more than 20 % of runs".to_owned(),
        1 => "1 year breaches it in more than 20 % of runs".to_owned(),
        k => format!("{} years breach it in more than 20 % of runs", count(k as u64)),
    };
    format!(
        "Of the {}, {label} is the likeliest to spend more than its ceiling, in {} of runs; {likely}.",
        plural(n, "fiscal year with a ceiling", "fiscal years with a ceiling"),
        percent(*top, Places::AtMost(1))
    )
}

/// The joint confidence level in one sentence: "At the joint confidence level of 70 % the
/// roadmap finishes by Apr 2033 and costs at most $61,200,000.00 (both their P72): 70.4 % of
/// runs meet both."
pub fn jcl(percentile: u32, finish: YearMonth, cost: f64, probability: f64, currency: &CurrencyFormat) -> String {
    format!(
        "At the joint confidence level of 70 % the roadmap finishes by {} and costs at most {} (both their P{percentile}): \
         {} of runs meet both. NASA budgets programmes at this level.",
        month(finish),
        money(cost, currency),
        percent(probability, Places::AtMost(1))
    )
}

/// How the budget's confidence was simulated.
pub fn budget_method(runs: u32, seed: u64) -> String {
    format!(
        "The schedule's own {} runs (seed {seed}): each initiative's spend moves with its simulated start, and each \
         quantified risk's cost falls in its years when the risk occurs (docs/risk.md, “Joint cost and schedule \
         confidence”). A year breaches when its spend is above its ceiling; P50 and P80 are nearest rank.",
        count(u64::from(runs))
    )
}

/// When no case has uncertain lines.
pub const NO_CASE_CURVES: &str = "No business case has an uncertain line, so none has an NPV S-curve.";

#[cfg(test)]
mod tests {
    use super::*;

    fn m(y: i32, mo: u8) -> YearMonth {
        YearMonth::new(y, mo).expect("month")
    }

    #[test]
    fn sentences_carry_their_figures() {
        assert_eq!(
            register(13, 2, 4),
            "The register holds 15 risks not closed (13 threats, 2 opportunities); 4 threats are above the board's appetite."
        );
        assert_eq!(
            register(1, 0, 0),
            "The register holds 1 risk not closed (1 threat, 0 opportunities); none is above the board's appetite."
        );
        assert_eq!(
            schedule(m(2031, 6), m(2031, 9), m(2031, 12)),
            "The roadmap is planned to finish in Jun 2031. Half the runs finish by Sep 2031 and 80 % by Dec 2031, 6 months after the planned finish."
        );
        assert!(schedule(m(2031, 6), m(2031, 6), m(2031, 6)).ends_with("the planned finish itself."));
        assert_eq!(
            breach("Ransomware", "Cyber", 12, 8),
            "Ransomware (Cyber): residual score 12 against an appetite of 8."
        );
        let years = |v: &[f64]| v.iter().enumerate().map(|(k, p)| (format!("FY{}", 2027 + k), *p)).collect::<Vec<_>>();
        assert_eq!(
            budget(&years(&[0.62, 0.31, 0.04, 0.0, 0.2])),
            "Of the 5 fiscal years with a ceiling, FY2027 is the likeliest to spend more than its ceiling, in 62 % of runs; 2 years breach it in more than 20 % of runs."
        );
        assert_eq!(
            budget(&years(&[0.0, 0.0])),
            "No run spends more than the ceiling in any of the 2 fiscal years with a ceiling."
        );
        assert_eq!(budget(&[]), "No fiscal year has a budget ceiling, so there is no ceiling to breach.");
        assert!(budget(&years(&[0.05])).ends_with("in 5 % of runs; no year breaches it in more than 20 % of runs."));
        let usd = CurrencyFormat { code: "USD".into(), minor_digits: 2 };
        assert_eq!(
            jcl(72, m(2033, 4), 61_200_000.0, 0.704, &usd),
            "At the joint confidence level of 70 % the roadmap finishes by Apr 2033 and costs at most $61,200,000.00 (both their P72): 70.4 % of runs meet both. NASA budgets programmes at this level."
        );
        assert_eq!(
            case_curve(1_500_000.0, 1_200_000.0, 2_000_000.0, &usd),
            "Half the runs give an NPV of at most $1,200,000.00 and 80 % at most $2,000,000.00, against a base case of $1,500,000.00."
        );
    }
}

//! The sentences of the decision rule (issue 17, item 7): the NPV figures' names (most likely,
//! expected, P50, P80, and what P80 means), the headline's basis, the rule stated from the
//! plan's appraisal policy, a mandatory case's least-cost recommendation and why a rule cannot
//! decide. `cairn_case::decide` chooses what applies; this module only writes it.

use crate::text::{self, CurrencyFormat};
use crate::{Comparison, DecisionRule, HeadlineBasis, MandatoryRule, NpvMeasure};

use super::{CaseConcern, money};

/// What "P80" means in Cairn, as the pack's appendix and the docs state it.
pub const P80_CONVENTION: &str = "P80 is the NPV that 80 % of the simulated runs reach or exceed (the 20th \
    percentile of NPV, PERCENTILE.INC at 0.2): a conservative figure, read as a cost estimate's P80 is read, the \
    value the outcome does at least as well as four times in five. P50 is the median, and the expected NPV the \
    mean of the runs. The risk chart's P10, P50 and P90 are percentiles of NPV (P10: 10 % of runs below it).";

/// One of the four NPV figures the app and the pack show side by side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NpvFigure {
    /// The NPV of the lines as entered.
    MostLikely,
    /// The simulation's mean.
    Expected,
    /// The simulation's median.
    P50,
    /// The NPV 80 % of runs reach or exceed ([`P80_CONVENTION`]).
    P80,
}

impl NpvFigure {
    /// The four, in the order they are shown.
    pub const ALL: [NpvFigure; 4] = [NpvFigure::MostLikely, NpvFigure::Expected, NpvFigure::P50, NpvFigure::P80];

    /// A tile's or a column's label; [`NpvFigure::meaning`] goes with it wherever it is shown.
    pub fn label(self) -> &'static str {
        match self {
            NpvFigure::MostLikely => "Most likely NPV",
            NpvFigure::Expected => "Expected NPV",
            NpvFigure::P50 => "P50 NPV",
            NpvFigure::P80 => "P80 NPV",
        }
    }

    /// What the figure is, short enough for a tile.
    pub fn meaning(self) -> &'static str {
        match self {
            NpvFigure::MostLikely => "the lines as entered",
            NpvFigure::Expected => "the mean of the runs",
            NpvFigure::P50 => "the median: half the runs above",
            NpvFigure::P80 => "80 % of runs at or above",
        }
    }

    /// The figure a decision rule's measure reads.
    pub fn of(measure: NpvMeasure) -> NpvFigure {
        match measure {
            NpvMeasure::MostLikely => NpvFigure::MostLikely,
            NpvMeasure::Expected => NpvFigure::Expected,
            NpvMeasure::P50 => NpvFigure::P50,
        }
    }

    fn words(self) -> &'static str {
        match self {
            NpvFigure::MostLikely => "most likely NPV",
            NpvFigure::Expected => "expected NPV",
            NpvFigure::P50 => "P50 NPV",
            NpvFigure::P80 => "P80 NPV",
        }
    }
}

/// Why a decision rule gives no recommendation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undecided {
    /// The rule reads a simulated NPV and the case was not simulated.
    NotSimulated {
        /// The NPV the rule reads.
        measure: NpvMeasure,
    },
    /// A mandatory case whose options' present values of cost could not be computed.
    NoCostRanking,
    /// The rule's limits could not be read as numbers.
    RuleNotReadable,
}

/// The NPV a rule reads, as a recommendation names it: "NPV" for the most likely one (the NPV
/// the case's figures show), "P50 NPV" or "expected NPV" otherwise.
pub fn npv_words(measure: NpvMeasure) -> &'static str {
    match measure {
        NpvMeasure::MostLikely => "NPV",
        other => NpvFigure::of(other).words(),
    }
}

/// The headline NPV's label under the policy's basis.
pub fn headline_label(basis: HeadlineBasis) -> &'static str {
    match basis {
        HeadlineBasis::MostLikely => NpvFigure::MostLikely.label(),
        HeadlineBasis::ExpectedValue => NpvFigure::Expected.label(),
    }
}

/// The headline's basis, as the pack's appendix states it.
pub fn headline_basis(basis: HeadlineBasis) -> String {
    match basis {
        HeadlineBasis::MostLikely => "The most likely NPV: the lines as entered, every uncertainty at its plan \
            value. The simulation's expected, P50 and P80 NPVs are shown beside it."
            .to_owned(),
        HeadlineBasis::ExpectedValue => "The expected NPV: the mean of the case's simulated runs. A case that is \
            not simulated has no expected NPV, and says so; its most likely NPV is shown beside it."
            .to_owned(),
    }
}

/// What the portfolio NPV sums under the headline's basis; `missing` cases have no headline
/// figure (not evaluated, or not simulated under an expected-value headline).
pub fn portfolio_note(basis: HeadlineBasis, missing: usize) -> String {
    let what = match basis {
        HeadlineBasis::MostLikely => "Sum of the cases' most likely NPVs",
        HeadlineBasis::ExpectedValue => "Sum of the cases' expected NPVs",
    };
    match missing {
        0 => what.to_owned(),
        1 => format!("{what}; 1 case has none"),
        n => format!("{what}; {n} cases have none"),
    }
}

/// Why a case's figure is not shown: the simulated figures of a case that was not simulated.
pub const NOT_SIMULATED: &str = "not simulated: no line has an uncertainty";

/// The decision rule, stated from the plan's policy for the pack's appendix and the app:
/// `swing_percent` is the tornado's move.
pub fn decision_rule(rule: &DecisionRule, swing_percent: u32, currency: &CurrencyFormat) -> String {
    let words = npv_words(rule.measure);
    let measure = NpvFigure::of(rule.measure).words();
    let min = crate::to_f64(rule.min_npv).unwrap_or(0.0);
    let above = if rule.min_npv.is_zero() { "positive".to_owned() } else { format!("above {}", money(min, currency)) };
    let limit = text::percent_exact(rule.chance_of_loss.value);
    let (passes, fails) = match rule.chance_of_loss.comparison {
        Comparison::Below => (format!("below {limit}"), format!("{limit} or more")),
        Comparison::AtMost => (format!("at most {limit}"), format!("above {limit}")),
    };
    let margin = if rule.min_npv.is_zero() { "zero".to_owned() } else { format!("not above {}", money(min, currency)) };
    let simulated = match rule.measure {
        NpvMeasure::MostLikely => String::new(),
        _ => format!(" A case that is not simulated gets no recommendation: its {measure} needs the simulation."),
    };
    let mandatory = match rule.mandatory {
        MandatoryRule::LeastPvCost => {
            "A mandatory case is judged by cost-effectiveness, not NPV: go ahead with the \
            option with the least present value of cost, named, and say so when the preferred option is not it."
        }
    };
    format!(
        "The rule reads the {measure}. “Proceed” only when the {words} is {above}, the simulated chance of a \
         negative NPV (when the case is simulated) is {passes}, no other NPV shown beside it (most likely, \
         expected, P50) is negative, and no sensitivity shown on the case's page — any tornado bar at \
         ±{swing_percent} %, the benefits starting one year late — turns the NPV negative. “Proceed with \
         conditions” when only such a sensitivity does (each is named); “Review” when the {words} is {margin}, \
         the chance of a negative NPV is {fails} or another NPV shown is negative; “Rework or stop” when the \
         {words} is negative.{simulated} {mandatory}"
    )
}

/// The clause of a concern this module adds to [`super::CaseConcern`]; `None` for the others.
pub(super) fn concern(concern: &CaseConcern, currency: &CurrencyFormat) -> Option<String> {
    match concern {
        CaseConcern::BelowMinimum { measure, npv, min } => Some(format!(
            "its {} of {} is not above the rule's minimum of {}",
            npv_words(*measure),
            money(*npv, currency),
            money(*min, currency)
        )),
        CaseConcern::OtherNegative { figure, npv } => {
            Some(format!("its {} is negative ({})", figure.words(), money(*npv, currency)))
        }
        CaseConcern::NotLeastCost { preferred, pv_cost, least, least_pv_cost } => {
            let cost = pv_cost.map(|v| format!(" ({})", money(v, currency))).unwrap_or_default();
            Some(format!(
                "its preferred option “{preferred}”{cost} is not the least-cost one: “{least}” costs {} in present value",
                money(*least_pv_cost, currency)
            ))
        }
        _ => None,
    }
}

/// A mandatory case's recommendation: go ahead with its least-cost option. `concerns` is the
/// clauses already written.
pub(super) fn least_cost(
    name: &str,
    reason: &str,
    option: &str,
    pv_cost: f64,
    compared: usize,
    concerns: &str,
    currency: &CurrencyFormat,
) -> String {
    let reason = reason.trim_end_matches('.');
    let of = if compared > 1 {
        format!("the least present value of cost of its {} options", compared)
    } else {
        "its only option appraised; no alternative was costed against it".to_owned()
    };
    let tail = if concerns.is_empty() { String::new() } else { format!(" Note: {concerns}.") };
    // A case without a short list is its own only option: it is not named twice.
    let by = if option == name { String::new() } else { format!(" by “{option}”") };
    format!(
        "Go ahead with “{name}”{by} (PV of cost {}, {of}): the case is mandatory ({reason}), so it is judged by \
         cost, not NPV.{tail}",
        money(pv_cost, currency),
    )
}

/// Why there is no recommendation.
pub(super) fn undecided(name: &str, reason: &Undecided) -> String {
    match reason {
        Undecided::NotSimulated { measure } => format!(
            "No recommendation on “{name}”: the decision rule reads the {}, which needs a simulation, and no line of \
             the case has an uncertainty.",
            NpvFigure::of(*measure).words()
        ),
        Undecided::NoCostRanking => format!(
            "No recommendation on “{name}”: it is mandatory and judged by least present value of cost, which could \
             not be computed for its options."
        ),
        Undecided::RuleNotReadable => {
            format!("No recommendation on “{name}”: the decision rule's limits are not readable.")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ChanceOfLossLimit;
    use rust_decimal::dec;

    fn usd() -> CurrencyFormat {
        CurrencyFormat { code: "USD".into(), minor_digits: 2 }
    }

    #[test]
    fn the_rule_is_stated_from_the_policy() {
        let default = decision_rule(&DecisionRule::default(), 20, &usd());
        assert!(default.contains("reads the most likely NPV"), "{default}");
        assert!(default.contains("the NPV is positive"), "{default}");
        assert!(default.contains("is below 10 %"), "{default}");
        assert!(default.contains("least present value of cost"), "{default}");
        assert!(!default.contains("not simulated gets no recommendation"), "{default}");
        let p50 = DecisionRule {
            measure: NpvMeasure::P50,
            min_npv: dec!(0),
            chance_of_loss: ChanceOfLossLimit { comparison: Comparison::AtMost, value: dec!(0.2) },
            mandatory: MandatoryRule::LeastPvCost,
        };
        let p50 = decision_rule(&p50, 20, &usd());
        assert!(p50.contains("“Proceed” only when the P50 NPV is positive"), "{p50}");
        assert!(p50.contains("is at most 20 %"), "{p50}");
        assert!(p50.contains("is above 20 % or another NPV"), "{p50}");
        assert!(p50.contains("its P50 NPV needs the simulation"), "{p50}");
        let min = DecisionRule { min_npv: dec!(250000), ..DecisionRule::default() };
        let min = decision_rule(&min, 20, &usd());
        assert!(min.contains("is above $250,000.00"), "{min}");
    }

    #[test]
    fn labels_say_which_npv() {
        assert_eq!((NpvFigure::P80.label(), NpvFigure::P80.meaning()), ("P80 NPV", "80 % of runs at or above"));
        assert_eq!(headline_label(HeadlineBasis::ExpectedValue), "Expected NPV");
        assert_eq!(npv_words(NpvMeasure::MostLikely), "NPV");
        assert_eq!(npv_words(NpvMeasure::P50), "P50 NPV");
    }

    #[test]
    fn a_mandatory_case_names_its_least_cost_option() {
        let s = least_cost("ERP", "the vendor ends support in 2029.", "Replace with SaaS", 1.5e6, 3, "", &usd());
        assert_eq!(
            s,
            "Go ahead with “ERP” by “Replace with SaaS” (PV of cost $1,500,000.00, the least present value of cost of \
             its 3 options): the case is mandatory (the vendor ends support in 2029), so it is judged by cost, not NPV."
        );
        let s = least_cost("ERP", "support ends", "ERP", 2.0, 1, "", &usd());
        assert_eq!(
            s,
            "Go ahead with “ERP” (PV of cost $2.00, its only option appraised; no alternative was costed against it): \
             the case is mandatory (support ends), so it is judged by cost, not NPV."
        );
        let s = undecided("Cloud", &Undecided::NotSimulated { measure: NpvMeasure::Expected });
        assert!(s.contains("reads the expected NPV, which needs a simulation"), "{s}");
    }
}

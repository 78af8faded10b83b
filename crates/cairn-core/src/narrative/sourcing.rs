//! The sentences about a sourcing study: its winner and how robust the win is (methods agree,
//! first under random weights, the weight at which another option wins), and the recommendation
//! the CIO wrote. `cairn_sourcing::recommend` finds what applies; this module only writes it.

use rust_decimal::Decimal;

use crate::SourcingKind;
use crate::text::{self, CurrencyFormat, Places};

use super::count;

/// What a sourcing study's figures say about its winner; `cairn_sourcing::recommend` finds it.
#[derive(Debug, Clone, PartialEq)]
pub struct StudyRecommendation {
    /// The option the weighted sum ranks first.
    pub option: String,
    /// Its sourcing model.
    pub kind: SourcingKind,
    /// What is sourced: the study's service, or its name when it names none.
    pub service: String,
    /// `None` when the weighted sum, AHP and TOPSIS agree on the winner; otherwise each other
    /// method's own first choice, as (option, method).
    pub disagreement: Option<Vec<(String, String)>>,
    /// The winner's present-value TCO.
    pub pv_tco: f64,
    /// The winner's nominal TCO.
    pub tco: f64,
    /// `None` when the winner costs least in present value; otherwise how much more it costs than
    /// the cheapest option, and that option.
    pub above_cheapest: Option<(f64, String)>,
    /// The option the weighted sum ranks second.
    pub runner_up: Option<String>,
    /// How robust the win is, when there are options to compare.
    pub robustness: Option<WinRobustness>,
    /// The winner's change to the organisation's own headcount, in FTE.
    pub headcount_change: Decimal,
}

/// How robust a study's winner is.
#[derive(Debug, Clone, PartialEq)]
pub struct WinRobustness {
    /// The share of random weightings under which it ranks first.
    pub p_first: f64,
    /// How many weightings were drawn.
    pub samples: usize,
    /// The nearest weight change that alters the winner; `None` when no single weight change
    /// does.
    pub tipping_point: Option<TippingPoint>,
}

/// The nearest single weight change at which a study's winner stops being first alone.
#[derive(Debug, Clone, PartialEq)]
pub struct TippingPoint {
    /// The criterion whose weight moves.
    pub criterion: String,
    /// Its weight now.
    pub from: f64,
    /// The weight at which another option reaches the winner's score.
    pub to: f64,
    /// That option.
    pub option: String,
    /// Whether it only ties with the winner there, never overtaking it.
    pub tie: bool,
}

/// The recommendation paragraph drafted from a study's figures, for the CIO to edit. `years` is
/// the horizon, e.g. "FY2027–FY2031".
pub fn study_recommendation(r: &StudyRecommendation, years: &str, currency: &CurrencyFormat) -> String {
    let money = |v: f64| text::money_words(v, &currency.code);
    let percent = |p: f64| text::percent(p, Places::Fixed(0));
    let label = r.kind.label();
    let (option, service) = (&r.option, &r.service);
    // "Hybrid (hybrid)" says nothing: name the model only when the option's name does not.
    let mut out = if option.to_lowercase().contains(&label.to_lowercase()) {
        format!("Recommend {option} for {service}. ")
    } else {
        format!("Recommend {option} ({}) for {service}. ", label.to_lowercase())
    };
    out.push_str(&match &r.disagreement {
        None => "It ranks first under the weighted sum, AHP and TOPSIS. ".to_owned(),
        Some(others) => {
            let others: Vec<String> = others.iter().map(|(o, method)| format!("{o} under {method}")).collect();
            format!("It ranks first under the weighted sum; the methods disagree ({} ranks first). ", others.join(", "))
        }
    });
    out.push_str(&format!("Its present-value cost over {years} is {} ({} nominal)", money(r.pv_tco), money(r.tco)));
    match &r.above_cheapest {
        Some((more, cheapest)) => {
            out.push_str(&format!(", {} more than the cheapest option, {cheapest}. ", money(*more)));
        }
        None => out.push_str(", the lowest of the options. "),
    }
    if let Some(second) = &r.runner_up {
        out.push_str(&format!("The closest alternative is {second}. "));
    }
    if let Some(rb) = &r.robustness {
        out.push_str(&format!(
            "It ranks first in {} of {} weightings drawn around the agreed weights",
            percent(rb.p_first),
            text::grouped(Decimal::from(rb.samples))
        ));
        match &rb.tipping_point {
            Some(t) if t.tie => out.push_str(&format!(
                "; no single weight change makes another option win: only if the weight of {} moves from {} to {} \
                 does {} tie with it.",
                t.criterion,
                percent(t.from),
                percent(t.to),
                t.option
            )),
            Some(t) => out.push_str(&format!(
                "; the choice changes only if the weight of {} moves from {} to {}.",
                t.criterion,
                percent(t.from),
                percent(t.to)
            )),
            None => out.push_str("; no single weight change alters the winner."),
        }
    }
    if !r.headcount_change.is_zero() {
        let verb = if r.headcount_change.is_sign_negative() { "falls" } else { "rises" };
        out.push_str(&format!(
            " The organisation's own headcount {verb} by {} FTE.",
            r.headcount_change.abs().normalize()
        ));
    }
    out
}

/// Why a study shows no ranking: `error` is the engine's reason.
pub fn study_not_evaluated(error: &dyn std::fmt::Display) -> String {
    format!("The study cannot be evaluated: {error}.")
}

/// Whether the three ranking methods agree on the winner.
pub fn methods_agree(agree: bool) -> String {
    if agree {
        "The weighted sum, AHP and TOPSIS agree on the winner.".to_owned()
    } else {
        "The weighted sum, AHP and TOPSIS do not agree on the winner: read the ranking with care.".to_owned()
    }
}

/// How often `option` ranks first when the weights are drawn at random around the chosen ones.
pub fn first_under_random_weights(option: &str, p_first: f64, samples: usize) -> String {
    format!(
        "With the weights varied at random around the chosen ones ({} samples), “{option}” ranks first in {} of them.",
        count(samples as u64),
        text::percent(p_first, Places::Fixed(0))
    )
}

/// The weight of `criterion` at which `other` would win instead of `winner`, or, when `tie`
/// (the break-even shows equal scores and no overtaking), would only tie with it.
pub fn break_even_weight(criterion: &str, weight: f64, current: f64, other: &str, winner: &str, tie: bool) -> String {
    let (weight, current) = (text::percent(weight, Places::Fixed(0)), text::percent(current, Places::Fixed(0)));
    if tie {
        format!("If “{criterion}” weighed {weight} instead of {current}, “{other}” would tie with “{winner}”.")
    } else {
        format!("If “{criterion}” weighed {weight} instead of {current}, “{other}” would win.")
    }
}

/// The recommendation the CIO wrote, as the pack quotes it.
pub fn written_recommendation(recommendation: &str) -> String {
    format!("Recommendation: {}", recommendation.trim())
}

//! Sentences written from figures: the one place the app, the board pack and the CLI put
//! figures into words, so a case, a study or a proposal reads the same wherever it appears.
//!
//! Figures are written by [`crate::text`]. The rules that choose what to say live beside the
//! decision they apply (`cairn_case::decide` for a business case, `cairn_sourcing::recommend`
//! for a sourcing study) and hand their findings here as the plain types below; this module
//! only writes them. `cairn-api` and `cairn-report` call it; neither writes such a sentence
//! itself.

use rust_decimal::Decimal;

use crate::text::{self, CurrencyFormat, Places};
use crate::{Comparison, NpvMeasure, Plan};

pub mod decision;
pub mod deck;
pub mod options;
pub mod policy;
pub mod risk_pack;
mod sourcing;

pub use decision::{NpvFigure, Undecided};
pub use sourcing::{
    StudyRecommendation, TippingPoint, WinRobustness, break_even_weight, first_under_random_weights, methods_agree,
    study_not_evaluated, study_recommendation, written_recommendation,
};

/// The timing convention of a business case, as the UI and the board pack state it.
pub const TIMING_CONVENTION: &str = "Amounts in Year 0 are at the start (t = 0, not discounted); each fiscal year's \
    amounts are at its end (t = 1, 2, …). NPV = Year 0 + NPV(rate, FY1…FYn), as in Excel. Capex is depreciated from \
    the year after it is spent.";

/// How a sourcing study's costs are timed, as the UI and the board pack state it.
pub const SOURCING_CONVENTION: &str = "Costs run over the plan's horizon: the transition cost falls in the first \
    year, the run cost in every year (escalated from the first), the exit cost in the last. Each fiscal year's costs \
    are at its end, so PV TCO = NPV(rate, FY1…FYn), as in Excel. The total-cost criterion is the PV TCO.";

fn money(value: f64, currency: &CurrencyFormat) -> String {
    text::money(value, &currency.code, currency.minor_digits)
}

/// A count as the pack writes it: "2,000".
fn count(n: u64) -> String {
    text::amount(Decimal::from(n), 0)
}

// ---- Business cases ----------------------------------------------------------------------

/// What the board should know about a business case; `cairn_case::decide` decides which apply.
#[derive(Debug, Clone, PartialEq)]
pub enum CaseRisk {
    /// The case destroys value as planned.
    NegativeNpv {
        /// Its NPV.
        npv: f64,
    },
    /// The case has no NPV: it cannot be evaluated as entered.
    NoNpv,
    /// The NPV is not negative, but counting only the cash-releasing benefits it is.
    NoCashReturn {
        /// The NPV with cash-releasing benefits alone.
        npv: f64,
    },
    /// The Monte Carlo runs give a material chance of a negative NPV.
    ChanceOfLoss {
        /// The share of runs with a negative NPV.
        probability: f64,
        /// How many runs.
        runs: u32,
    },
    /// A sensitivity the pack shows (a tornado driver at its worse setting, or the benefits
    /// starting a year late) turns a positive NPV negative.
    TurnsNegative {
        /// The driver, e.g. "Benefit – cost savings" or "Benefits start one year late".
        driver: String,
        /// The setting that turns it negative, e.g. "−20 %", "+20 %" or "one year late".
        setting: String,
        /// The NPV at that setting.
        npv: f64,
    },
}

/// A figure that keeps a case with a non-negative NPV from a plain "Proceed";
/// `cairn_case::decide` finds them.
#[derive(Debug, Clone, PartialEq)]
pub enum CaseConcern {
    /// The NPV is exactly zero: the case only breaks even.
    NoMargin,
    /// The simulated chance of a negative NPV is at or above the threshold.
    ChanceOfLoss {
        /// The share of runs with a negative NPV.
        probability: f64,
        /// How many runs.
        runs: u32,
        /// The limit it is held against (the decision rule's `chance_of_loss`).
        threshold: f64,
        /// Whether the limit itself passes (`AtMost`) or not (`Below`).
        comparison: Comparison,
    },
    /// The NPV the rule reads is not above the rule's minimum (and not negative).
    BelowMinimum {
        /// The NPV the rule reads.
        measure: NpvMeasure,
        /// That NPV.
        npv: f64,
        /// The minimum it must exceed.
        min: f64,
    },
    /// Another NPV shown beside the one the rule reads is negative.
    OtherNegative {
        /// Which.
        figure: NpvFigure,
        /// Its value.
        npv: f64,
    },
    /// A mandatory case's preferred option is not the one with the least present value of cost.
    NotLeastCost {
        /// The preferred option.
        preferred: String,
        /// Its present value of cost, when known.
        pv_cost: Option<f64>,
        /// The least-cost option.
        least: String,
        /// Its present value of cost.
        least_pv_cost: f64,
    },
    /// A sensitivity the pack shows turns the NPV negative.
    TurnsNegative {
        /// The driver, e.g. "Benefit – cost savings" or "Benefits start one year late".
        driver: String,
        /// The setting that turns it negative, e.g. "−20 %" or "one year late".
        setting: String,
        /// The NPV at that setting.
        npv: f64,
    },
}

/// What the board is advised to do with a business case; `cairn_case::decide` decides.
#[derive(Debug, Clone, PartialEq)]
pub enum CaseRecommendation {
    /// Go ahead: the NPV is positive and no figure shown beside it says otherwise.
    Proceed {
        /// The NPV the rule reads (`crate::DecisionRule::measure`).
        measure: NpvMeasure,
        /// That NPV.
        npv: f64,
        /// Its IRR, when it has one.
        irr: Option<f64>,
    },
    /// Go ahead on conditions: the NPV is positive and the chance of a loss below the threshold,
    /// but a sensitivity shown turns the NPV negative (each is named).
    ProceedWithConditions {
        /// The NPV the rule reads.
        measure: NpvMeasure,
        /// That NPV.
        npv: f64,
        /// Its IRR, when it has one.
        irr: Option<f64>,
        /// The sensitivities that turn it negative (`CaseConcern::TurnsNegative`).
        concerns: Vec<CaseConcern>,
    },
    /// Review before deciding: the NPV is not negative, but it is zero or the simulated chance of
    /// a negative NPV is material (each figure is named, with any sensitivity turning it negative).
    Review {
        /// The NPV the rule reads.
        measure: NpvMeasure,
        /// That NPV.
        npv: f64,
        /// What prevents a recommendation to proceed.
        concerns: Vec<CaseConcern>,
    },
    /// Rework or stop: the NPV the rule reads is negative.
    Rework {
        /// The NPV the rule reads.
        measure: NpvMeasure,
        /// That NPV.
        npv: f64,
    },
    /// A mandatory case judged by cost-effectiveness: go ahead with the option of least present
    /// value of cost, whatever its NPV (`crate::MandatoryRule::LeastPvCost`).
    LeastCost {
        /// Why the case must go ahead.
        reason: String,
        /// The option with the least present value of cost.
        option: String,
        /// Its present value of cost.
        pv_cost: f64,
        /// How many options (other than business as usual) were compared.
        compared: usize,
        /// What the board should know: the preferred option is not the least-cost one.
        concerns: Vec<CaseConcern>,
    },
    /// The rule cannot decide: no recommendation, and why.
    Undecided {
        /// Why.
        reason: Undecided,
    },
}

/// A key risk of the case `name`, in one sentence.
pub fn case_risk(name: &str, risk: &CaseRisk, currency: &CurrencyFormat) -> String {
    match risk {
        CaseRisk::NegativeNpv { npv } => {
            format!("“{name}” destroys value as planned: its NPV is {}.", money(*npv, currency))
        }
        CaseRisk::NoNpv => format!("“{name}” has no NPV: it cannot be evaluated as entered."),
        CaseRisk::NoCashReturn { npv } => format!(
            "“{name}” does not pay back in cash: counting only its cash-releasing benefits, its NPV is {}.",
            money(*npv, currency)
        ),
        CaseRisk::ChanceOfLoss { probability, runs } => {
            let chance = text::percent(*probability, Places::Fixed(1));
            format!(
                "“{name}”: {} {chance} chance of a negative NPV over {} simulated runs.",
                a_or_an(&chance),
                count(u64::from(*runs))
            )
        }
        CaseRisk::TurnsNegative { driver, setting, npv } => {
            format!("“{name}” turns negative {}: NPV {}.", sensitivity_words(driver, setting), money(*npv, currency))
        }
    }
}

/// The article for a number as it is read: "an 85.2 %", "an 11 %", "an 18,000", but "a 110 %",
/// "a 1.5 %".
fn a_or_an(number: &str) -> &'static str {
    let whole: &str = number.split(['.', ',', ' ', '\u{a0}', '\u{202f}']).next().unwrap_or("");
    if whole.starts_with('8') || whole == "11" || whole == "18" { "an" } else { "a" }
}

/// A sensitivity in words after "turns negative": "with benefit – cost savings at −20 %", or
/// "if benefits start one year late" when the driver already says its setting.
fn sensitivity_words(driver: &str, setting: &str) -> String {
    let driver = driver.to_lowercase();
    if driver.contains(&setting.to_lowercase()) {
        format!("if {driver}")
    } else {
        format!("with {driver} at {setting}")
    }
}

/// What keeps a case from a plain "Proceed", in clauses joined by "; ": the zero NPV, the
/// chance of a loss, then every sensitivity that turns the NPV negative in one clause.
fn concerns(list: &[CaseConcern], currency: &CurrencyFormat) -> String {
    let mut clauses = Vec::new();
    let mut turns = Vec::new();
    for c in list {
        match c {
            CaseConcern::NoMargin => clauses.push("its NPV is zero, so it only breaks even".to_owned()),
            CaseConcern::ChanceOfLoss { probability, runs, threshold, comparison } => {
                let chance = text::percent(*probability, Places::Fixed(1));
                let limit = text::percent(*threshold, Places::AtMost(1));
                let breaks = match comparison {
                    Comparison::Below => format!("is at or above the {limit} threshold"),
                    Comparison::AtMost => format!("is above the {limit} limit"),
                };
                clauses.push(format!(
                    "{} {chance} chance of a negative NPV over {} simulated runs {breaks}",
                    a_or_an(&chance),
                    count(u64::from(*runs)),
                ))
            }
            CaseConcern::TurnsNegative { driver, setting, npv } => {
                turns.push(format!("{} (NPV {})", sensitivity_words(driver, setting), money(*npv, currency)))
            }
            other => clauses.extend(decision::concern(other, currency)),
        }
    }
    if let Some((last, first)) = turns.split_last() {
        let list = if first.is_empty() { last.clone() } else { format!("{} or {last}", first.join(", ")) };
        clauses.push(format!("it turns negative {list}"));
    }
    clauses.join("; ")
}

fn npv_irr(measure: NpvMeasure, npv: f64, irr: Option<f64>, currency: &CurrencyFormat) -> String {
    let irr = irr.map(|v| format!(", IRR {}", text::percent(v, Places::Fixed(2)))).unwrap_or_default();
    format!("{} {}{irr}", decision::npv_words(measure), money(npv, currency))
}

/// The recommendation on the case `name`, in one sentence.
pub fn case_recommendation(name: &str, recommendation: &CaseRecommendation, currency: &CurrencyFormat) -> String {
    match recommendation {
        CaseRecommendation::Proceed { measure, npv, irr } => {
            format!("Proceed with “{name}” ({}).", npv_irr(*measure, *npv, *irr, currency))
        }
        CaseRecommendation::ProceedWithConditions { measure, npv, irr, concerns: c } => {
            format!(
                "Proceed with conditions on “{name}” ({}): {}.",
                npv_irr(*measure, *npv, *irr, currency),
                concerns(c, currency)
            )
        }
        CaseRecommendation::Review { measure, npv, concerns: c } => {
            format!(
                "Review “{name}” before deciding ({} {}): {}.",
                decision::npv_words(*measure),
                money(*npv, currency),
                concerns(c, currency)
            )
        }
        CaseRecommendation::Rework { measure, npv } => {
            format!(
                "Rework or stop “{name}”: its {} is negative ({}).",
                decision::npv_words(*measure),
                money(*npv, currency)
            )
        }
        CaseRecommendation::LeastCost { reason, option, pv_cost, compared, concerns: c } => {
            let c = concerns(c, currency);
            decision::least_cost(name, reason, option, *pv_cost, *compared, &c, currency)
        }
        CaseRecommendation::Undecided { reason } => decision::undecided(name, reason),
    }
}

/// The recommendation when the plan has no initiatives.
pub const BUILD_THE_ROADMAP: &str = "Build the roadmap: the plan has no initiatives yet.";

/// Why a case shows no figures: `error` is the engine's reason.
pub fn case_not_evaluated(error: &dyn std::fmt::Display) -> String {
    format!("This case cannot be evaluated: {error}.")
}

/// Why a case has no tornado.
pub fn no_sensitivity(error: &dyn std::fmt::Display) -> String {
    format!("No sensitivity analysis: {error}.")
}

/// Why a case has no Monte Carlo risk.
pub fn no_risk_analysis(error: &dyn std::fmt::Display) -> String {
    format!("No risk analysis: {error}.")
}

/// The payback under the cumulative cash chart.
pub fn payback(years: Option<f64>) -> String {
    match years {
        Some(p) => format!("Simple payback after {} from the start of the case.", text::years(p)),
        None => "The case does not pay back within its years.".to_owned(),
    }
}

/// The Monte Carlo figures in one line, every amount in one style (the pack's exact money, as
/// the NPV beside it): "Mean $621,277.96  ·  P10 −$775,912.40  ·  …  ·  chance of a negative
/// NPV 12.5 %" (P10, P50 and P90 where the percentiles hold them).
pub fn risk_figures(
    mean: f64,
    percentiles: &[(u8, f64)],
    probability_negative: f64,
    currency: &CurrencyFormat,
) -> String {
    let mut parts = vec![format!("Mean {}", money(mean, currency))];
    for (p, v) in percentiles {
        if [10, 50, 90].contains(p) {
            parts.push(format!("P{p} {}", money(*v, currency)));
        }
    }
    parts.push(format!("chance of a negative NPV {}", text::percent(probability_negative, Places::Fixed(1))));
    parts.join("  ·  ")
}

/// How the Monte Carlo chart was made.
pub fn risk_runs(iterations: u32, seed: u64) -> String {
    format!("{} runs, seed {seed}; red bars are runs with a negative NPV.", count(u64::from(iterations)))
}

// ---- Plan health and the decisions sought ------------------------------------------------

/// A plan-health finding as the executive summary lists it: its headline, and when the plan
/// accepts it, the reason.
pub fn health_line(headline: &str, accepted: Option<&str>) -> String {
    match accepted {
        Some(reason) => format!("{headline}. Accepted: {}", reason.trim().trim_end_matches('.').to_owned() + "."),
        None => format!("{headline}."),
    }
}

/// Several findings of one check in one line: "7 business-case cost lines fall outside their
/// initiatives' dates" is written by the caller's `what`; this adds the count.
pub fn health_group(count: usize, what: &str) -> String {
    format!("{count} {what}.")
}

/// How many findings the summary leaves to the plan-health list.
pub fn health_more(count: usize) -> String {
    if count == 1 {
        "1 more finding is listed by the plan-health check (the app's Plan health panel, or cairn check).".to_owned()
    } else {
        format!(
            "{count} more findings are listed by the plan-health check (the app's Plan health panel, or cairn check)."
        )
    }
}

/// The decision a portfolio ceiling breach asks of the board.
pub fn decide_ceiling(year: &str, over: Decimal, ceiling: Decimal, currency: &CurrencyFormat) -> String {
    format!(
        "Fund {year}'s {} above its {} ceiling, or defer work to bring {year} within it.",
        text::compact_money(crate::to_f64(over).unwrap_or(f64::NAN), &currency.code),
        text::compact_money(crate::to_f64(ceiling).unwrap_or(f64::NAN), &currency.code)
    )
}

/// The decision quarters over delivery capacity ask of the board.
pub fn decide_capacity(quarters: &[String]) -> String {
    format!(
        "Approve extra delivery capacity (contractors or a partner) for {}, or re-phase work out of {}.",
        quarters.join(" and "),
        if quarters.len() == 1 { "that quarter" } else { "those quarters" }
    )
}

/// The decision initiatives over the appraisal threshold without a business case ask for.
pub fn decide_unappraised(count: usize, threshold: Decimal, currency: &CurrencyFormat) -> String {
    format!(
        "Commission business cases for the {} over the {} appraisal threshold that have none, before their funds are released.",
        if count == 1 { "initiative".to_owned() } else { format!("{count} initiatives") },
        text::compact_money(crate::to_f64(threshold).unwrap_or(f64::NAN), &currency.code)
    )
}

/// The decision a business case's recommendation asks of the board.
pub fn decide_case(name: &str, recommendation: &CaseRecommendation) -> String {
    match recommendation {
        CaseRecommendation::Proceed { .. } => format!("Approve “{name}”."),
        CaseRecommendation::ProceedWithConditions { .. } => format!("Approve “{name}” with the conditions below."),
        CaseRecommendation::Review { .. } => format!("Defer “{name}” until it is reviewed."),
        CaseRecommendation::Rework { .. } => format!("Send “{name}” back for rework, or stop it."),
        CaseRecommendation::LeastCost { option, .. } => {
            format!("Approve “{name}”, a mandatory case, by its least-cost option “{option}”.")
        }
        CaseRecommendation::Undecided { .. } => format!("Defer “{name}”: the decision rule cannot be applied yet."),
    }
}

// ---- Budget ------------------------------------------------------------------------------

/// Why the budget section has no figures.
pub fn budget_not_rolled_up(error: &dyn std::fmt::Display) -> String {
    format!("The budget cannot be rolled up: {error}.")
}

/// Where the budget section's figures come from; `outside_horizon` is what initiatives budget
/// beyond the plan's horizon.
pub fn budget_source(outside_horizon: Decimal, currency: &CurrencyFormat) -> String {
    let outside = if outside_horizon.is_zero() {
        String::new()
    } else {
        format!(
            " A further {} is budgeted outside the plan's horizon.",
            text::money_whole(outside_horizon, &currency.code)
        )
    };
    format!(
        "Source: the initiatives' budgets by theme (taken from the linked business case where there is \
         one: its cost lines by fiscal year, a Year 0 amount in the case's first year), against the plan's \
         portfolio ceilings.{outside}"
    )
}

// ---- Budget cut --------------------------------------------------------------------------

/// A budget-cut value in its unit: "1785.9 points", "6925301 USD".
fn cut_value(v: f64, unit: &str) -> String {
    if unit == "priority points" { format!("{v:.1} points") } else { format!("{v:.0} {unit}") }
}

/// A proven-optimal budget-cut proposal in one sentence.
pub fn cut_optimal(deferred: usize, dropped: usize, value_after: f64, value_before: f64, unit: &str) -> String {
    let kept = if value_before > 0.0 { value_after / value_before } else { 1.0 };
    format!(
        "Optimal: defer {deferred} and drop {dropped} initiative{}; value kept {} of {} ({}).",
        if deferred + dropped == 1 { "" } else { "s" },
        cut_value(value_after, unit),
        cut_value(value_before, unit),
        text::percent(kept, Places::Fixed(1))
    )
}

/// The best budget-cut proposal found within the search budget, and how much any could keep.
pub fn cut_within_gap(
    deferred: usize,
    dropped: usize,
    value_after: f64,
    value_before: f64,
    bound: f64,
    unit: &str,
) -> String {
    format!(
        "Best found within the search budget: defer {deferred} and drop {dropped}; value kept {} of {}; no proposal \
         can keep more than {}.",
        cut_value(value_after, unit),
        cut_value(value_before, unit),
        cut_value(bound, unit)
    )
}

/// No budget-cut proposal meets the ceilings.
pub const CUT_INFEASIBLE: &str = "No combination of deferrals and drops meets the ceilings.";

/// The plan fits the ceilings already.
pub const CUT_ALREADY_FITS: &str = "The plan already fits these ceilings: nothing to defer or drop.";

// ---- Appendix ----------------------------------------------------------------------------

fn currency_of(plan: &Plan) -> CurrencyFormat {
    CurrencyFormat::of(plan.settings.currency)
}

/// The pack's assumptions and methods, as (assumption, value and method): the plan's currency,
/// calendar and timing, its appraisal policy in full ([`policy::policy_rows`]), the rate of each
/// case and sourcing study (`rates`, from [`policy::case_rate_row`] and
/// [`policy::study_rate_row`] with the engine's figures), and how sensitivity (±`swing_percent` %), Monte Carlo
/// (`runs`, `seed`), spend and sourcing are computed, the headline NPV's basis and the
/// recommendations' rule, both from the plan's appraisal policy ([`decision::decision_rule`]).
pub fn assumptions(
    plan: &Plan,
    rates: Vec<(String, String)>,
    swing_percent: u32,
    runs: u32,
    seed: u64,
) -> Vec<(String, String)> {
    let s = &plan.settings;
    let cal = &s.fiscal_calendar;
    let month = chrono::Month::try_from(cal.start_month).map(|m| m.name().to_owned()).unwrap_or_default();
    let mut out = vec![
        (
            "Currency".to_owned(),
            format!("{} ({}); every amount in the plan is in this currency.", s.currency.code(), s.currency.name()),
        ),
        (
            "Fiscal calendar".to_owned(),
            format!(
                "Fiscal years start in {month} and are labelled as {}; the horizon is {}–{} ({} years).",
                plan.year_label(s.horizon.first_year),
                plan.year_label(s.horizon.first_year),
                plan.year_label(s.horizon.last_year()),
                s.horizon.years
            ),
        ),
        ("NPV timing".to_owned(), TIMING_CONVENTION.to_owned()),
    ];
    out.extend(policy::policy_rows(plan));
    out.extend([
        ("Headline NPV".to_owned(), decision::headline_basis(plan.settings.appraisal.headline)),
        (
            "Recommendations".to_owned(),
            decision::decision_rule(&plan.settings.appraisal.decision_rule, swing_percent, &currency_of(plan)),
        ),
    ]);
    out.extend(rates);
    out.extend([
        (
            "Sensitivity".to_owned(),
            format!(
                "Each driver (cost and benefit categories, the discount rate) is moved ±{swing_percent} % with \
                 everything else held; bars are ordered by NPV swing."
            ),
        ),
        (
            "Monte Carlo".to_owned(),
            format!(
                "{} runs with seed {seed}: each uncertain line's amounts are multiplied by a draw from its distribution \
                 (triangular, PERT, uniform or normal, in % of plan), once per run; benefits may start later with \
                 their stated probability. The same seed gives the same result.",
                count(u64::from(runs))
            ),
        ),
        ("P80".to_owned(), decision::P80_CONVENTION.to_owned()),
        (
            "Spend by fiscal year".to_owned(),
            "Every initiative's capex and opex by fiscal year, as the roadmap rolls it up: amounts entered for the \
             initiative, or the capex and opex lines of its linked business case, where a Year 0 amount counts in \
             the case's first fiscal year, as it is spent when that year starts. Benefits are not netted off. The \
             executive summary, the budget section and the scenario comparison use these same figures."
                .to_owned(),
        ),
        (
            "Sourcing analysis".to_owned(),
            "Criteria weights by AHP (principal eigenvector); judgements are consistent enough when the consistency \
             ratio CR = CI / RI is below 0.10, with Saaty's random index RI for the matrix size. Options are ranked \
             by weighted sum and TOPSIS."
                .to_owned(),
        ),
    ]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::SourcingKind;

    #[test]
    fn a_number_takes_the_article_it_is_read_with() {
        for (n, article) in [
            ("85.2 %", "an"),
            ("8 %", "an"),
            ("11 %", "an"),
            ("18.0 %", "an"),
            ("18,000", "an"),
            ("11,500", "an"),
            ("1.5 %", "a"),
            ("110 %", "a"),
            ("1,100", "a"),
            ("50.4 %", "a"),
            ("0.0 %", "a"),
        ] {
            assert_eq!(a_or_an(n), article, "{n}");
        }
    }
    use rust_decimal::dec;

    fn usd() -> CurrencyFormat {
        CurrencyFormat { code: "USD".into(), minor_digits: 2 }
    }

    #[test]
    fn risk_figures_write_every_amount_in_one_style() {
        let line =
            risk_figures(621_277.96, &[(5, -1.0), (10, -775_912.4), (50, 674_417.0), (90, 2_000_000.0)], 0.271, &usd());
        assert_eq!(
            line,
            "Mean $621,277.96  ·  P10 −$775,912.40  ·  P50 $674,417.00  ·  P90 $2,000,000.00  ·  chance of a negative NPV 27.1 %"
        );
    }

    #[test]
    fn case_sentences() {
        const ML: NpvMeasure = NpvMeasure::MostLikely;
        let u = usd();
        assert_eq!(
            case_recommendation(
                "ERP",
                &CaseRecommendation::Proceed { measure: ML, npv: 1_250_000.0, irr: Some(0.1337) },
                &u
            ),
            "Proceed with “ERP” (NPV $1,250,000.00, IRR 13.37 %)."
        );
        assert_eq!(
            case_recommendation("ERP", &CaseRecommendation::Rework { measure: ML, npv: -5.0 }, &u),
            "Rework or stop “ERP”: its NPV is negative (−$5.00)."
        );
        assert_eq!(
            case_risk("ERP", &CaseRisk::ChanceOfLoss { probability: 0.125, runs: 10_000 }, &u),
            "“ERP”: a 12.5 % chance of a negative NPV over 10,000 simulated runs."
        );
        assert_eq!(payback(None), "The case does not pay back within its years.");
        let late = CaseConcern::TurnsNegative {
            driver: "Benefits start one year late".into(),
            setting: "one year late".into(),
            npv: -748_608.02,
        };
        let hosting =
            CaseConcern::TurnsNegative { driver: "Opex – hosting".into(), setting: "+20 %".into(), npv: -69_079.6 };
        assert_eq!(
            case_recommendation(
                "DC exit",
                &CaseRecommendation::ProceedWithConditions {
                    measure: ML,
                    npv: 10.0,
                    irr: None,
                    concerns: vec![hosting.clone(), late.clone()]
                },
                &u
            ),
            "Proceed with conditions on “DC exit” (NPV $10.00): it turns negative with opex – hosting at +20 % (NPV \
             −$69,079.60) or if benefits start one year late (NPV −$748,608.02)."
        );
        let chance = CaseConcern::ChanceOfLoss {
            probability: 0.416,
            runs: 10_000,
            threshold: 0.1,
            comparison: Comparison::Below,
        };
        let review = CaseRecommendation::Review { measure: ML, npv: 10.0, concerns: vec![chance, late] };
        assert_eq!(
            case_recommendation("DC exit", &review, &u),
            "Review “DC exit” before deciding (NPV $10.00): a 41.6 % chance of a negative NPV over 10,000 simulated \
             runs is at or above the 10 % threshold; it turns negative if benefits start one year late (NPV \
             −$748,608.02)."
        );
        assert_eq!(
            case_risk(
                "DC exit",
                &CaseRisk::TurnsNegative { driver: "Opex – hosting".into(), setting: "+20 %".into(), npv: -1.0 },
                &u
            ),
            "“DC exit” turns negative with opex – hosting at +20 %: NPV −$1.00."
        );
    }

    /// A rule on the P50 says so, and an "at most" limit is broken only above it.
    #[test]
    fn case_sentences_under_another_rule() {
        let u = usd();
        let chance = CaseConcern::ChanceOfLoss {
            probability: 0.416,
            runs: 10_000,
            threshold: 0.2,
            comparison: Comparison::AtMost,
        };
        let review = CaseRecommendation::Review { measure: NpvMeasure::P50, npv: 10.0, concerns: vec![chance] };
        assert_eq!(
            case_recommendation("DC exit", &review, &u),
            "Review “DC exit” before deciding (P50 NPV $10.00): a 41.6 % chance of a negative NPV over 10,000 \
             simulated runs is above the 20 % limit."
        );
        let least = CaseRecommendation::LeastCost {
            reason: "support ends".into(),
            option: "SaaS".into(),
            pv_cost: 9.0,
            compared: 2,
            concerns: vec![CaseConcern::NotLeastCost {
                preferred: "On premises".into(),
                pv_cost: Some(11.0),
                least: "SaaS".into(),
                least_pv_cost: 9.0,
            }],
        };
        assert_eq!(
            case_recommendation("ERP", &least, &u),
            "Go ahead with “ERP” by “SaaS” (PV of cost $9.00, the least present value of cost of its 2 options): the \
             case is mandatory (support ends), so it is judged by cost, not NPV. Note: its preferred option “On \
             premises” ($11.00) is not the least-cost one: “SaaS” costs $9.00 in present value."
        );
    }

    #[test]
    fn a_tie_is_said_as_a_tie() {
        assert_eq!(
            break_even_weight("Security and compliance", 1.0, 0.12, "Keep in-house", "Hybrid", true),
            "If “Security and compliance” weighed 100 % instead of 12 %, “Keep in-house” would tie with “Hybrid”."
        );
        assert_eq!(
            break_even_weight("Total cost", 0.96, 0.25, "Managed service", "Hybrid", false),
            "If “Total cost” weighed 96 % instead of 25 %, “Managed service” would win."
        );
    }

    #[test]
    fn a_drafted_recommendation_names_the_model_once() {
        let r = StudyRecommendation {
            option: "Hybrid".into(),
            kind: SourcingKind::Hybrid,
            service: "Service desk".into(),
            disagreement: None,
            pv_tco: 7_440_000.0,
            tco: 850_000.0,
            above_cheapest: None,
            runner_up: None,
            robustness: Some(WinRobustness { p_first: 0.834, samples: 2_000, tipping_point: None }),
            headcount_change: dec!(-6.0),
        };
        assert_eq!(
            study_recommendation(&r, "FY2027–FY2031", &usd()),
            "Recommend Hybrid for Service desk. It ranks first under the weighted sum, AHP and TOPSIS. Its \
             present-value cost over FY2027–FY2031 is USD 7.44 million (USD 850,000 nominal), the lowest of the \
             options. It ranks first in 83 % of 2,000 weightings drawn around the agreed weights; no single weight \
             change alters the winner. The organisation's own headcount falls by 6 FTE."
        );
    }
}

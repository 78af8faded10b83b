//! The sentences of the plan's appraisal policy (issue 17, item 8): the policy stated in full for
//! the pack's appendix (basis, discount schedule with its source, date and confirmation, the
//! schedule's rates or formula, inflation, the benefits counted, capitalisation), the rate each
//! case and sourcing study is discounted at and why, and a case's optimism bias as applied. The
//! figures are the engines' (`cairn_case::case_schedule`, `cairn_case::OptimismUplift`): the
//! caller hands them in, this module only writes them.

use rust_decimal::Decimal;

use crate::appraisal::{
    AccountingStandard, AppraisalPolicy, BenefitClasses, Capitalisation, CaseRate, CostActivity, DiscountPolicy,
    DiscountPreset, InflationRates, LEGACY_RATE_REASON, PriceBasis,
};
use crate::optimism::OptimismBias;
use crate::text::{self, Places};
use crate::{BusinessCase, LineKind, Plan, SourcingStudy};

/// A rate as the pack writes one the engine computed: at most three decimals, "3.5 %".
fn rate(fraction: f64) -> String {
    text::percent(fraction, Places::AtMost(3))
}

/// "real" or "nominal" terms, as a sentence says it.
fn terms(basis: PriceBasis) -> String {
    format!("{} terms", basis.label())
}

/// The basis of the appraisal, as the appendix states it.
pub fn basis(basis: PriceBasis) -> String {
    match basis {
        PriceBasis::Real => {
            "Real: every case's amounts are in prices as at the start of the case (t = 0), inflation removed, and are \
            discounted at real rates. A case whose flows are nominal is refused."
                .to_owned()
        }
        PriceBasis::Nominal => "Nominal: amounts are the money of the day (inflation included, as lines escalate), \
            discounted at nominal rates. A case stated in real prices is converted with the inflation assumption."
            .to_owned(),
    }
}

/// The plan's discount schedule stated in full: what it is, its rates or formula, its source,
/// its date and whether it is confirmed; or that there is none.
pub fn discount_schedule(discount: Option<&DiscountPolicy>, policy_basis: PriceBasis) -> String {
    let Some(d) = discount else {
        return "None set: each business case and sourcing study is discounted at the rate it states (below)."
            .to_owned();
    };
    let rates = match &d.preset {
        DiscountPreset::GreenBook => "HM Treasury's social time preference rate, real: 3.5 % a year for years 0–30, \
            3 % for 31–75, 2.5 % for 76–125, 2 % for 126–200, 1.5 % for 201–300 and 1 % beyond; the factors chain \
            year by year, DF(t) = DF(t − 1) / (1 + r(t))."
            .to_owned(),
        DiscountPreset::A94 { table } => {
            let rows: Vec<String> = table
                .iter()
                .map(|r| {
                    format!(
                        "{} years: real {}, nominal {}",
                        r.years,
                        text::percent_exact(r.real),
                        text::percent_exact(r.nominal)
                    )
                })
                .collect();
            format!(
                "An OMB Circular A-94 Appendix C table by maturity ({}). A case of L years is discounted at one rate, \
                 the {} column's at maturity L, interpolated linearly between maturities (r = r_a + (r_b − r_a) × \
                 (L − a) / (b − a)); the shortest maturity's rate below it, the longest's above it.",
                rows.join("; "),
                policy_basis.label()
            )
        }
        DiscountPreset::Wacc(p) => format!(
            "A corporate weighted average cost of capital, nominal, from its parts: risk-free rate {}, beta {}, \
             equity risk premium {}, pre-tax cost of debt {}, tax rate {}, weights equity {} : debt {}. Cost of \
             equity Ke = risk-free rate + beta × premium; WACC = E/V × Ke + D/V × cost of debt × (1 − tax rate), \
             the weights normalised to sum to 1.",
            text::percent_exact(p.risk_free_rate),
            p.beta.normalize(),
            text::percent_exact(p.equity_risk_premium),
            text::percent_exact(p.cost_of_debt),
            text::percent_exact(p.tax_rate),
            p.equity_weight.normalize(),
            p.debt_weight.normalize(),
        ),
        DiscountPreset::Typed { basis, rates } => match rates.as_slice() {
            [one] => format!("Typed in, {}: {} a year.", terms(*basis), text::percent_exact(*one)),
            many => {
                let each: Vec<String> = many
                    .iter()
                    .enumerate()
                    .map(|(k, r)| format!("year {} {}", k + 1, text::percent_exact(*r)))
                    .collect();
                format!(
                    "Typed in, {}: {}; later years take the last; the factors chain year by year.",
                    terms(*basis),
                    each.join(", ")
                )
            }
        },
    };
    let converted = match d.preset.basis() {
        Some(b) if b != policy_basis => format!(
            " Its rates are {} and the appraisal {}: each year's rate is converted by Fisher, (1 + n) = (1 + r) × \
             (1 + i), with the inflation assumption.",
            b.label(),
            policy_basis.label()
        ),
        _ => String::new(),
    };
    let confirmed =
        if d.confirmed { "confirmed against the source" } else { "not confirmed: check the rates against the source" };
    format!(
        "{}: {rates}{converted} Source: {}; rates as of {}; {confirmed}.",
        capitalise(d.preset.label()),
        d.source.trim().trim_end_matches('.'),
        d.as_of.format("%-d %B %Y"),
    )
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The inflation assumption and its source, with the fiscal years' labels `label` gives.
pub fn inflation(policy: &AppraisalPolicy, label: &dyn Fn(crate::FiscalYear) -> String) -> String {
    let Some(i) = &policy.inflation else {
        return "None stated: nothing is converted between real and nominal terms.".to_owned();
    };
    let rates = match &i.rates {
        InflationRates::Flat { rate } => format!("{} a year", text::percent_exact(*rate)),
        InflationRates::PerYear { years } => {
            let each: Vec<String> =
                years.iter().map(|y| format!("{} {}", label(y.year), text::percent_exact(y.rate))).collect();
            each.join(", ")
        }
    };
    format!(
        "{rates}. Source: {}. It converts between real and nominal terms by Fisher: nominal rate = (1 + real) × \
         (1 + inflation) − 1, and a year's nominal amount = its real amount × the price index.",
        i.source.trim().trim_end_matches('.')
    )
}

/// Which classes of benefit the headline figures count.
pub fn benefits_counted(classes: &BenefitClasses) -> String {
    let all = [
        (classes.cash_releasing, "cash-releasing"),
        (classes.non_cash_releasing, "non-cash-releasing (time saved, capacity freed)"),
        (classes.wider, "wider and societal"),
    ];
    let counted: Vec<&str> = all.iter().filter(|(on, _)| *on).map(|(_, w)| *w).collect();
    let left: Vec<&str> = all.iter().filter(|(on, _)| !*on).map(|(_, w)| *w).collect();
    if left.is_empty() {
        return "Every class of benefit counts in the headline figures: cash-releasing, non-cash-releasing (time \
                saved, capacity freed) and wider and societal. The NPV counting cash-releasing benefits alone is \
                shown beside it."
            .to_owned();
    }
    format!(
        "The headline figures count {} benefits; {} benefits are not counted. The NPV counting cash-releasing \
         benefits alone is shown beside it.",
        counted.join(" and "),
        left.join(" and ")
    )
}

fn standard_words(standard: AccountingStandard) -> &'static str {
    match standard {
        AccountingStandard::Gasb51And96 => "GASB Statements 51 and 96 (US state and local government)",
        AccountingStandard::Asc350_40 => "FASB ASC 350-40 (internal-use software)",
        AccountingStandard::Ias38 => "IAS 38 (intangible assets, IFRS)",
    }
}

fn activity_words(activity: CostActivity) -> &'static str {
    match activity {
        CostActivity::PreliminaryProject => "preliminary project work",
        CostActivity::Hardware => "hardware",
        CostActivity::SoftwarePurchase => "software bought outright",
        CostActivity::SoftwareSubscription => "software subscriptions",
        CostActivity::Development => "development",
        CostActivity::DataConversion => "data conversion",
        CostActivity::Training => "training",
        CostActivity::PostImplementation => "post-implementation support",
    }
}

/// Which costs are capitalised (and depreciated) and which expensed.
pub fn capitalisation(rule: &Capitalisation) -> String {
    match rule {
        Capitalisation::ByCategory => "By line category: capex lines are capitalised and depreciated from the year \
            after they are spent, opex lines are expensed."
            .to_owned(),
        Capitalisation::Standard { standard, capitalised } => {
            let list: Vec<&str> = capitalised.iter().map(|a| activity_words(*a)).collect();
            let list = if list.is_empty() { "none".to_owned() } else { list.join(", ") };
            format!(
                "{}: the activities capitalised are {list}; every other activity is expensed. A line that names no \
                 activity follows its category (capex capitalised, opex expensed).",
                standard_words(*standard)
            )
        }
    }
}

/// The appendix's rows stating the policy in full, before the rate of each case and study.
/// The headline's basis and the decision rule have rows of their own (`super::decision`).
pub fn policy_rows(plan: &Plan) -> Vec<(String, String)> {
    let p = &plan.settings.appraisal;
    vec![
        ("Appraisal basis".to_owned(), basis(p.basis)),
        ("Discount schedule".to_owned(), discount_schedule(p.discount.as_ref(), p.basis)),
        ("Inflation".to_owned(), inflation(p, &|fy| plan.year_label(fy))),
        ("Benefits counted".to_owned(), benefits_counted(&p.benefits_counted)),
        ("Capitalisation".to_owned(), capitalisation(&p.capitalisation)),
    ]
}

/// The rates a case's years are discounted at, as the engine computed them
/// (`cairn_case::case_schedule`): "3.5 % a year" when they are all equal, "from 3.5 % in year 1
/// to 3 % in year 40" when not; or why there are none.
fn schedule_words(rates: Result<&[f64], &str>) -> String {
    match rates {
        Ok([]) => "no rate (the case has no years)".to_owned(),
        Ok(all @ [first, .., last]) if all.iter().any(|r| r != first) => {
            format!("from {} in year 1 to {} in year {}", rate(*first), rate(*last), all.len())
        }
        Ok([first, ..]) => format!("{} a year", rate(*first)),
        Err(why) => format!("a rate that cannot be computed ({})", why.trim_end_matches('.')),
    }
}

/// Why a case or study is discounted at its own rate.
fn own_reason(policy: &AppraisalPolicy, reason: &str, what: &str) -> String {
    if reason == LEGACY_RATE_REASON {
        if policy.discount.is_none() {
            format!("the {what}'s own rate: the plan sets no discount schedule")
        } else {
            format!("the {what}'s own rate, {LEGACY_RATE_REASON}")
        }
    } else {
        format!("the {what}'s own rate, for the reason it gives: “{}”", reason.trim().trim_end_matches('.'))
    }
}

/// The rate a case is discounted at and why, from [`AppraisalPolicy::rate_for`] and the rates
/// the engine computed for its years (`cairn_case::case_schedule`, in the policy's basis): the
/// economic-case page's sentence.
pub fn case_rate(policy: &AppraisalPolicy, case: &BusinessCase, rates: Result<&[f64], &str>) -> String {
    format!("Discounted at {}.", rate_and_why(policy, policy.rate_for(case), case.years, "case", rates))
}

/// "6 % a year, nominal terms: the case's own rate …" or "… the plan's schedule, …": what a case
/// or a study (`what`) of `years` years is discounted at, in the policy's basis, and why.
fn rate_and_why(
    policy: &AppraisalPolicy,
    rate: CaseRate<'_>,
    years: u8,
    what: &str,
    rates: Result<&[f64], &str>,
) -> String {
    let at = schedule_words(rates);
    let basis = terms(policy.basis);
    match rate {
        CaseRate::Own { reason, .. } => format!("{at}, {basis}: {}", own_reason(policy, reason, what)),
        CaseRate::Policy(d) => {
            let how = match &d.preset {
                DiscountPreset::A94 { .. } => {
                    format!(", its {} rate at the {what}'s length of {years} years", policy.basis.label())
                }
                other => match other.basis() {
                    Some(b) if b != policy.basis => {
                        format!(
                            ", its {} rates converted to {} with the inflation assumption",
                            b.label(),
                            policy.basis.label()
                        )
                    }
                    _ => String::new(),
                },
            };
            let confirmed = if d.confirmed { "confirmed" } else { "not confirmed" };
            format!(
                "{at}, {basis}: the plan's schedule, {}{how} ({}, as of {}, {confirmed})",
                d.preset.label(),
                d.source.trim().trim_end_matches('.'),
                d.as_of.format("%-d %B %Y"),
            )
        }
    }
}

/// The appendix's row of a case's rate: [`case_rate`] with its escalation, benefit realisation
/// and tax.
pub fn case_rate_row(policy: &AppraisalPolicy, case: &BusinessCase, rates: Result<&[f64], &str>) -> (String, String) {
    (
        format!("Discount rate — {}", case.name),
        format!(
            "{} Escalation {}; benefit realisation {}; tax {}.",
            case_rate(policy, case, rates),
            text::percent_exact(case.escalation),
            text::percent_exact(case.benefit_realisation),
            case.tax_rate.map_or("none".to_owned(), text::percent_exact)
        ),
    )
}

/// The appendix's row of a sourcing study's rate: its costs' present value over the plan's
/// horizon, at the rates the engine computed (`cairn_case::study_schedule`: the plan's schedule,
/// or the study's own rate, by [`AppraisalPolicy::rate_for_study`]), and why.
pub fn study_rate_row(
    policy: &AppraisalPolicy,
    study: &SourcingStudy,
    years: u8,
    rates: Result<&[f64], &str>,
) -> (String, String) {
    (
        format!("Discount rate — {} (sourcing study)", study.name),
        format!("PV TCO discounted at {}.", rate_and_why(policy, policy.rate_for_study(study), years, "study", rates)),
    )
}

/// What a case's optimism bias did, as the engine applied it (`cairn_case::OptimismUplift`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Uplifted {
    /// The costs the cost uplift falls on.
    pub cost_kind: LineKind,
    /// The cost uplift: upper bound, lower bound, the share the mitigations took off, applied.
    pub cost: (Decimal, Decimal, Decimal, Decimal),
    /// The same for the works duration; `None` for outsourcing.
    pub duration: Option<(Decimal, Decimal, Decimal, Decimal)>,
    /// The cost uplift's total over the case.
    pub cost_total: f64,
    /// The works months the duration uplift lengthens, and whether they are the span of the
    /// initiatives the case funds (else the months before its first benefit year).
    pub works_months: u32,
    /// Whether the works months are the funded initiatives' span.
    pub works_from_initiatives: bool,
    /// How many months later every benefit starts.
    pub delay_months: u32,
    /// The benefits moved past the case's last year.
    pub benefits_beyond: f64,
}

/// The optimism bias applied to a case, sentence by sentence; one sentence saying none was
/// applied when the case has none (`bias` and `applied` are `None`).
pub fn optimism(
    bias: Option<&OptimismBias>,
    applied: Option<&Uplifted>,
    currency: &text::CurrencyFormat,
) -> Vec<String> {
    let (Some(bias), Some(u)) = (bias, applied) else {
        let it = crate::ProjectType::EquipmentDevelopment.bounds().cost;
        return vec![format!(
            "None applied: the case states no project type, so its costs and timings are appraised as entered \
             (HM Treasury's guidance would start an IT project at a {} % capex uplift).",
            it.upper_percent
        )];
    };
    let pct = |d: Decimal| text::percent_exact(d.round_dp(3));
    let on = if u.cost_kind == LineKind::Opex { "opex" } else { "capex" };
    let (upper, lower, reduction, applied) = u.cost;
    let floor = if upper * (Decimal::ONE - reduction) < lower { ", held at the lower bound" } else { "" };
    let money = |v: f64| text::money(v, &currency.code, 0);
    let mut out = vec![format!(
        "Project type {}: HM Treasury's upper bound is {} of {on} (lower bound {}); the mitigations below take {} \
         off it, so the uplift applied is {} of {on}{floor}: {} added to the case's {on}.",
        bias.project_type.label(),
        pct(upper),
        pct(lower),
        pct(reduction),
        pct(applied),
        money(u.cost_total),
    )];
    match u.duration {
        Some((upper, lower, reduction, applied)) => {
            let works = if u.works_from_initiatives {
                "the span of the initiatives the case funds"
            } else {
                "the months before its first benefit year"
            };
            let beyond = if u.benefits_beyond > 0.0 {
                format!(
                    "; {} of benefits move past the case's last year and leave the appraisal",
                    money(u.benefits_beyond)
                )
            } else {
                String::new()
            };
            out.push(format!(
                "Works duration: upper bound {} (lower {}), reduced by {} to {} of {} months of works ({works}): \
                 every benefit starts {} later{beyond}.",
                pct(upper),
                pct(lower),
                pct(reduction),
                pct(applied),
                u.works_months,
                months(u.delay_months),
            ));
        }
        None => {
            out.push("The guidance gives outsourcing no works duration uplift: benefits are not delayed.".to_owned())
        }
    }
    let stated = bias.mitigations.iter().any(|m| m.contribution.is_some());
    out.push(if bias.mitigations.is_empty() {
        "No contributory factor is shown to be mitigated, so the upper bound applies.".to_owned()
    } else if stated {
        "Each factor assessed states its share of the upper bound; the reduction is the sum of share × mitigation."
            .to_owned()
    } else {
        format!(
            "{} of the guidance's 21 contributory factors assessed; each weighs 1/21 and a factor not assessed counts \
             as not mitigated.",
            bias.mitigations.len()
        )
    });
    out
}

fn months(n: u32) -> String {
    if n == 1 { "1 month".to_owned() } else { format!("{n} months") }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::appraisal::{DiscountPolicy, tests::full_policy};
    use crate::demo::demo_plan;

    #[test]
    fn a_plan_without_a_policy_says_each_case_keeps_its_rate() {
        let mut plan = demo_plan();
        plan.settings.appraisal = crate::appraisal::AppraisalPolicy::default();
        let policy = &plan.settings.appraisal;
        let case = &plan.business_cases[0];
        assert_eq!(
            case_rate(policy, case, Ok(&[0.06; 5])),
            "Discounted at 6 % a year, nominal terms: the case's own rate: the plan sets no discount schedule."
        );
        let (label, text) = study_rate_row(policy, &plan.sourcing_studies[0], 5, Ok(&[0.04; 5]));
        assert!(label.ends_with("(sourcing study)"), "{label}");
        assert!(text.contains("the study's own rate: the plan sets no discount schedule"), "{text}");
        assert!(discount_schedule(None, PriceBasis::Nominal).starts_with("None set"));
    }

    #[test]
    fn a_schedule_names_its_source_date_and_confirmation() {
        let mut plan = demo_plan();
        plan.settings.appraisal.basis = PriceBasis::Real;
        plan.settings.appraisal.discount = Some(DiscountPolicy { confirmed: true, ..DiscountPolicy::green_book() });
        let policy = &plan.settings.appraisal;
        let case = &plan.business_cases[0];
        let text = case_rate(policy, case, Ok(&[0.035; 5]));
        assert!(
            text.starts_with("Discounted at 3.5 % a year, real terms: the plan's schedule, the Green Book"),
            "{text}"
        );
        assert!(text.contains("as of 30 March 2022, confirmed"), "{text}");
        let full = discount_schedule(policy.discount.as_ref(), policy.basis);
        assert!(full.contains("3.5 % a year for years 0–30"), "{full}");
        assert!(full.contains("confirmed against the source"), "{full}");
        let mut own = case.clone();
        own.rate_reason = Some("The lender's rate.".into());
        assert!(
            case_rate(policy, &own, Ok(&[0.06]))
                .ends_with("the case's own rate, for the reason it gives: “The lender's rate”.")
        );
        let declining = [0.035, 0.035, 0.03];
        assert!(case_rate(policy, case, Ok(&declining)).contains("from 3.5 % in year 1 to 3 % in year 3"));
        assert!(case_rate(policy, case, Err("no rate for 2031")).contains("cannot be computed (no rate for 2031)"));
    }

    #[test]
    fn a_full_policy_is_stated_part_by_part() {
        let mut plan = demo_plan();
        plan.settings.appraisal = full_policy();
        let rows = policy_rows(&plan);
        let text = |label: &str| rows.iter().find(|(l, _)| l == label).map(|(_, t)| t.clone()).expect(label);
        assert!(text("Appraisal basis").starts_with("Nominal"));
        let wacc = text("Discount schedule");
        assert!(wacc.contains("risk-free rate 4 %, beta 1.2"), "{wacc}");
        assert!(wacc.contains("Treasury, cost of capital paper; rates as of 30 September 2026"), "{wacc}");
        assert!(text("Inflation").contains("2.5 %") && text("Inflation").contains("Central bank forecast"));
        assert!(text("Benefits counted").contains("not counted"));
        assert!(text("Capitalisation").starts_with("GASB Statements 51 and 96"));
        assert!(text("Capitalisation").contains("software subscriptions"));
    }

    #[test]
    fn no_bias_says_none_applied() {
        let cur = text::CurrencyFormat { code: "USD".into(), minor_digits: 2 };
        assert!(optimism(None, None, &cur)[0].starts_with("None applied"));
    }
}

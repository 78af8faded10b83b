//! The short list appraised the same way (HM Treasury Green Book, the economic case).
//!
//! Each option is its own lines evaluated as a case ([`option_case`]): present values of costs
//! and benefits, NPV, benefit-cost ratio, IRR, payback, each on the same discount schedule. Each
//! option other than business as usual is also measured against it: its **net present social
//! value** (NPSV) is the NPV of the difference of the two cash flows, year by year, which is
//! `NPV(option) − NPV(business as usual)` (equal up to the last bits of the f64 sums), and its
//! **incremental IRR** the IRR of that difference, when it has exactly one.
//!
//! The case itself is its preferred option against business as usual ([`relative_case`]): the
//! preferred option's lines and, counted negatively, business as usual's (the costs it avoids
//! and the benefits it gives up); a line both options share cancels and is left out. Its NPV is
//! the preferred option's NPSV. A case that states no short list, or whose business as usual
//! has no lines, is its lines as they are: the figures of a case written before options existed
//! do not change.
//!
//! **Ranking.** By NPSV, highest first; but when the case is mandatory, or when the options
//! other than business as usual have the same present value of benefits (to the cent), by
//! present value of cost, lowest first (cost-effectiveness), and the appraisal says which.

use cairn_core::{BusinessCase, CaseOption, LineAmounts, LineItem, OptionRole};
use cairn_finance::IrrOutcome;
use rust_decimal::Decimal;

use crate::evaluate::{evaluate_lines, evaluate_plain};
use crate::{CaseError, Context, Evaluation, Metric};

/// One option's figures.
#[derive(Debug, Clone, PartialEq)]
pub struct OptionAppraisal {
    /// The option.
    pub option: CaseOption,
    /// Its own lines evaluated.
    pub evaluation: Evaluation,
    /// Its net present value against business as usual; `None` for business as usual itself.
    pub npsv: Option<Metric>,
    /// The IRR of its cash flow less business as usual's, or why there is none; `None` for
    /// business as usual itself.
    pub incremental_irr: Option<Metric>,
}

/// How the options are ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ranking {
    /// By NPSV, highest first.
    Npsv,
    /// By present value of cost, lowest first, because the case must go ahead.
    PvCostMandatory,
    /// By present value of cost, lowest first, because every option delivers the same benefits.
    PvCostEqualBenefits,
}

/// The short list appraised.
#[derive(Debug, Clone, PartialEq)]
pub struct Appraisal {
    /// Each option, in the short list's order.
    pub options: Vec<OptionAppraisal>,
    /// How they are ranked.
    pub ranking: Ranking,
    /// The options other than business as usual, best first, as indexes into `options`; those
    /// whose ranking figure cannot be computed come last.
    pub order: Vec<usize>,
}

/// `case`'s lines that belong to `option`, as a case of their own (no short list).
pub fn option_case(case: &BusinessCase, option: &CaseOption) -> BusinessCase {
    let lines = case.lines.iter().filter(|l| case.line_in(l, option)).cloned().collect();
    BusinessCase { lines, options: Vec::new(), ..case.clone() }
}

/// Where a line of a [`relative_case`] comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineOrigin {
    /// Its index among the case's lines.
    pub index: usize,
    /// Whether it is a business-as-usual line, counted negatively.
    pub bau: bool,
}

/// `option` against business as usual as one case without a short list: the option's lines, and
/// business as usual's lines negated (a line in both is left out), none naming an option. `None` when `option` is business as usual.
pub fn relative_case(case: &BusinessCase, option: &CaseOption) -> Option<(BusinessCase, Vec<LineOrigin>)> {
    if option.role == OptionRole::Bau {
        return None;
    }
    let list = case.short_list();
    let bau = list.iter().find(|o| o.role == OptionRole::Bau);
    let mut lines = Vec::new();
    let mut origins = Vec::new();
    for (index, line) in case.lines.iter().enumerate() {
        let in_option = case.line_in(line, option);
        let in_bau = bau.is_some_and(|b| case.line_in(line, b));
        if in_option && !in_bau {
            lines.push(LineItem { options: Vec::new(), ..line.clone() });
            origins.push(LineOrigin { index, bau: false });
        } else if in_bau && !in_option {
            lines.push(LineItem { options: Vec::new(), ..negated(line) });
            origins.push(LineOrigin { index, bau: true });
        }
    }
    Some((BusinessCase { lines, options: Vec::new(), ..case.clone() }, origins))
}

/// A line with every amount negated: what an option avoids (a cost) or gives up (a benefit).
fn negated(line: &LineItem) -> LineItem {
    let mut line = line.clone();
    match &mut line.amounts {
        LineAmounts::Entered { amounts } => amounts.iter_mut().for_each(|a| a.amount = -a.amount),
        LineAmounts::OneOff { amount, .. } | LineAmounts::Recurring { amount, .. } => *amount = -*amount,
    }
    line
}

/// The case as it is appraised: its preferred option against business as usual, with where
/// each line comes from; `None` when that is the case's lines as they are (no short list).
pub(crate) fn appraised_case(case: &BusinessCase) -> Option<(BusinessCase, Vec<LineOrigin>)> {
    if case.options.is_empty() {
        return None;
    }
    let preferred = case.options.iter().find(|o| o.role == OptionRole::Preferred)?;
    relative_case(case, preferred)
}

/// What going ahead adds, on its own: the preferred option's lines that business as usual does
/// not also have (`BusinessCase::adds`), business as usual not netted. The roadmap's budget of
/// the initiatives the case funds and the pack's spend by year count it. A case without a short
/// list is its lines as they are (then this is [`crate::evaluate_in`]).
pub fn evaluate_preferred(case: &BusinessCase, ctx: &Context) -> Result<Evaluation, CaseError> {
    if case.options.is_empty() {
        return evaluate_plain(case, ctx);
    }
    let lines = case.lines.iter().filter(|l| case.adds(l)).cloned().collect();
    evaluate_plain(&BusinessCase { lines, options: Vec::new(), ..case.clone() }, ctx)
}

/// Appraises every option of the case's short list (see the module's documentation).
pub fn appraise(case: &BusinessCase, ctx: &Context) -> Result<Appraisal, CaseError> {
    let list = case.short_list().into_owned();
    let bau_index = list.iter().position(|o| o.role == OptionRole::Bau);
    let mut options: Vec<OptionAppraisal> = Vec::with_capacity(list.len());
    for option in &list {
        let evaluation = evaluate_plain(&option_case(case, option), ctx)?;
        options.push(OptionAppraisal { option: option.clone(), evaluation, npsv: None, incremental_irr: None });
    }
    if let Some(b) = bau_index {
        let bau_flows = options[b].evaluation.flows.clone();
        for (k, option) in list.iter().enumerate() {
            let Some((relative, _)) = relative_case(case, option) else { continue };
            // Only its NPV is read: the pass without the non-cash-releasing benefits is not needed.
            let incremental = evaluate_lines(&relative, ctx)?;
            options[k].npsv = Some(incremental.metrics.npv.clone());
            let difference: Vec<f64> = options[k].evaluation.flows.iter().zip(&bau_flows).map(|(a, b)| a - b).collect();
            options[k].incremental_irr = Some(incremental_irr(case, &difference));
        }
    }
    let others: Vec<usize> = (0..options.len()).filter(|k| Some(*k) != bau_index).collect();
    let pv = |k: &usize, f: fn(&Evaluation) -> &Metric| f(&options[*k].evaluation).value();
    let benefits: Vec<Option<f64>> = others.iter().map(|k| pv(k, |e| &e.metrics.benefits_present_value)).collect();
    let equal_benefits = others.len() > 1
        && benefits.iter().all(|b| b.is_some())
        && benefits.windows(2).all(|w| matches!(w, [Some(a), Some(b)] if (a - b).abs() < 0.005));
    let ranking = if case.mandatory.is_some() {
        Ranking::PvCostMandatory
    } else if equal_benefits {
        Ranking::PvCostEqualBenefits
    } else {
        Ranking::Npsv
    };
    let key = |k: &usize| -> Option<f64> {
        match ranking {
            Ranking::Npsv => options[*k].npsv.as_ref().and_then(Metric::value).map(|v| -v),
            _ => pv(k, |e| &e.metrics.tco_present_value),
        }
    };
    let mut order = others;
    // Stable: options with equal figures keep the short list's order; no figure comes last.
    order.sort_by(|a, b| match (key(a), key(b)) {
        (Some(x), Some(y)) => x.total_cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    Ok(Appraisal { options, ranking, order })
}

/// The IRR of an option's flow less business as usual's, as the case's IRR is quoted: from the
/// first fiscal year when the case has no upfront column.
fn incremental_irr(case: &BusinessCase, difference: &[f64]) -> Metric {
    let row = if case.upfront { difference } else { difference.get(1..).unwrap_or(&[]) };
    if row.iter().all(|v| *v == 0.0) {
        return Metric::NotAvailable("the option's cash flow is business as usual's".into());
    }
    match cairn_finance::irr_outcome(row) {
        Ok(IrrOutcome::Unique(root)) => Metric::Value(cairn_finance::irr(row, None).unwrap_or(root)),
        Ok(IrrOutcome::Multiple(_)) => {
            Metric::NotAvailable("the difference from business as usual has more than one IRR".into())
        }
        Ok(IrrOutcome::Undefined) => {
            Metric::NotAvailable("the difference from business as usual never changes sign, so it has no IRR".into())
        }
        Err(e) => Metric::NotAvailable(format!("the incremental IRR cannot be computed: {}", e.message())),
    }
}

/// Whether every amount of the case is zero: used to say "taken as zero".
pub fn is_zero_option(evaluation: &Evaluation) -> bool {
    evaluation.totals.costs.iter().chain(&evaluation.totals.benefits).all(Decimal::is_zero)
}

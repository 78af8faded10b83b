//! The deterministic evaluation: yearly table, P&L view and metrics.

use cairn_core::text::Places;
use cairn_core::{BenefitClass, BusinessCase, CaseYear, FiscalYear, LineAmounts, LineCategory, LineKind, MetricKey};
use cairn_finance::{DiscountSchedule, IrrOutcome};
use rust_decimal::{Decimal, MathematicalOps};

use crate::{CaseError, Context, float};

/// A column of the yearly table.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Upfront or the fiscal year.
    pub at: CaseYear,
    /// The period in the cash flow: 0 for upfront, `i` for the case's `i`-th year.
    pub period: usize,
}

/// Amounts per column, in the order of [`Evaluation::columns`].
pub type Row = Vec<Decimal>;

/// One line's amounts per column, after generation (and, for benefits, realisation).
#[derive(Debug, Clone, PartialEq)]
pub struct LineRow {
    /// The line's index in the case.
    pub index: usize,
    /// Its category.
    pub category: LineCategory,
    /// Amounts per column, positive as entered; benefits scaled by the case's realisation.
    pub amounts: Row,
    /// Their sum.
    pub total: Decimal,
    /// Whether this is a business-as-usual line counted against the preferred option (its
    /// amounts negated: a cost the option avoids, a benefit it gives up).
    pub bau: bool,
}

/// The yearly totals.
#[derive(Debug, Clone, PartialEq)]
pub struct Totals {
    /// Per category present in the case, in [`LineCategory::ALL`] order.
    pub by_category: Vec<(LineCategory, Row)>,
    /// Capital expenditure.
    pub capex: Row,
    /// Operating expenditure.
    pub opex: Row,
    /// Capex + opex.
    pub costs: Row,
    /// Benefits.
    pub benefits: Row,
    /// Tax paid (negative: relief), zero without a tax rate.
    pub tax: Row,
    /// The residual (terminal) value, in the last column: `cairn_core::ResidualValue`.
    pub residual: Row,
    /// The cash flow: benefits − costs − tax + residual.
    pub net: Row,
    /// Running sum of `net`.
    pub cumulative: Row,
    /// `1 / (1 + rate)^t`.
    pub discount_factor: Vec<f64>,
    /// `net × discount_factor`.
    pub discounted: Vec<f64>,
    /// Running sum of `discounted`.
    pub cumulative_discounted: Vec<f64>,
    /// The case's sunk costs, shown and never counted in a flow or a metric.
    pub sunk_costs: Decimal,
}

/// The P&L view: capex replaced by its depreciation.
#[derive(Debug, Clone, PartialEq)]
pub struct Pnl {
    /// Depreciation charged per column.
    pub depreciation: Row,
    /// Benefits − opex − depreciation: the operating result before tax.
    pub operating_result: Row,
    /// Tax on the operating result (negative: relief).
    pub tax: Row,
    /// Operating result after tax.
    pub after_tax: Row,
    /// Book value of the capex not yet depreciated when the case ends.
    pub closing_book_value: Decimal,
}

/// A figure, or why there is none.
#[derive(Debug, Clone, PartialEq)]
pub enum Metric {
    /// The value.
    Value(f64),
    /// No value, and why, in words a CFO accepts.
    NotAvailable(String),
}

impl Metric {
    /// The value, if any.
    pub fn value(&self) -> Option<f64> {
        match self {
            Metric::Value(v) => Some(*v),
            Metric::NotAvailable(_) => None,
        }
    }

    fn from(
        result: Result<f64, cairn_finance::FinanceError>,
        why: impl FnOnce(&cairn_finance::FinanceError) -> String,
    ) -> Metric {
        match result {
            Ok(v) if v.is_finite() => Metric::Value(v),
            Ok(_) => Metric::NotAvailable("the result is not a finite number".into()),
            Err(e) => Metric::NotAvailable(why(&e)),
        }
    }
}

/// The headline figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Metrics {
    /// Net present value at the case's discount rate.
    pub npv: Metric,
    /// Internal rate of return (the spreadsheet's IRR), or why it is not quoted.
    pub irr: Metric,
    /// Every IRR of the flow, ascending (several when the flow changes sign more than once).
    pub irrs: Vec<f64>,
    /// MIRR with the discount rate as both finance and reinvestment rate.
    pub mirr: Metric,
    /// Years until the cumulative cash flow turns non-negative, counted from t = 0.
    pub payback_years: Metric,
    /// The same on the discounted flow.
    pub discounted_payback_years: Metric,
    /// (Total benefits − total costs − tax) ÷ total costs, undiscounted.
    pub roi: Metric,
    /// Present value of benefits ÷ present value of costs.
    pub benefit_cost_ratio: Metric,
    /// Total cost of ownership: capex + opex, undiscounted.
    pub tco: Decimal,
    /// The present value of the costs.
    pub tco_present_value: Metric,
    /// The present value of the benefits.
    pub benefits_present_value: Metric,
    /// Total benefits, undiscounted.
    pub total_benefits: Decimal,
    /// Total net cash flow, undiscounted.
    pub total_net: Decimal,
    /// The same case with its cash-releasing benefits alone (HM Treasury Green Book: what
    /// frees money that can be spent elsewhere); see [`CashReleasing`].
    pub cash_releasing: CashReleasing,
}

/// A case's figures counting only the benefits that release cash: the case evaluated as if its
/// non-cash-releasing and wider benefit lines were not there (costs, tax and realisation as
/// they are). Equal to the whole case's figures when every benefit releases cash.
#[derive(Debug, Clone, PartialEq)]
pub struct CashReleasing {
    /// Net present value.
    pub npv: Metric,
    /// The present value of the cash-releasing benefits.
    pub benefits_present_value: Metric,
    /// Their present value ÷ the present value of the costs.
    pub benefit_cost_ratio: Metric,
}

impl Metrics {
    /// The headline figure `key` names (`MetricKey::ALL` is the list the case page and the board
    /// pack show). The TCO, an exact total, is given as f64 here; should it have none, it is
    /// "not available", said so.
    pub fn get(&self, key: MetricKey) -> Metric {
        match key {
            MetricKey::Npv => self.npv.clone(),
            MetricKey::NpvCashReleasing => self.cash_releasing.npv.clone(),
            MetricKey::Irr => self.irr.clone(),
            MetricKey::Mirr => self.mirr.clone(),
            MetricKey::Payback => self.payback_years.clone(),
            MetricKey::DiscountedPayback => self.discounted_payback_years.clone(),
            MetricKey::Roi => self.roi.clone(),
            MetricKey::BenefitCostRatio => self.benefit_cost_ratio.clone(),
            MetricKey::Tco => match cairn_core::to_f64(self.tco) {
                Ok(v) => Metric::Value(v),
                Err(e) => Metric::NotAvailable(format!("the total cost {e}")),
            },
            MetricKey::TcoPresentValue => self.tco_present_value.clone(),
        }
    }
}

/// Everything [`evaluate`] computes.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// The columns: upfront (when the case has it) and each fiscal year.
    pub columns: Vec<Column>,
    /// Each line's amounts.
    pub lines: Vec<LineRow>,
    /// The cash view.
    pub totals: Totals,
    /// The P&L view.
    pub pnl: Pnl,
    /// The metrics.
    pub metrics: Metrics,
    /// The cash flow as it entered the f64 functions: one value per period, t = 0 first (zero
    /// when the case has no upfront column).
    pub flows: Vec<f64>,
    /// The case's optimism bias, when it has one: its uplift rows are in the totals (capex or
    /// opex, benefits) beside the lines, not in `lines` or `by_category`.
    pub optimism: Option<crate::OptimismUplift>,
}

fn add(a: Decimal, b: Decimal, field: &str) -> Result<Decimal, CaseError> {
    a.checked_add(b).ok_or_else(|| CaseError::overflow(field))
}

fn add_rows(into: &mut [Decimal], from: &[Decimal], field: &str) -> Result<(), CaseError> {
    for (a, b) in into.iter_mut().zip(from) {
        *a = add(*a, *b, field)?;
    }
    Ok(())
}

/// One line's amounts per period (0 = upfront, i = the case's i-th year), generated from its
/// typed or generated amounts, before benefit realisation.
pub fn line_values(case: &BusinessCase, index: usize) -> Result<Row, CaseError> {
    if index >= case.lines.len() {
        return Err(CaseError::invalid(format!("lines[{index}]"), "no such line"));
    }
    line_periods(case, index)
}

pub(crate) fn line_periods(case: &BusinessCase, index: usize) -> Result<Row, CaseError> {
    let line = &case.lines[index];
    let field = || format!("lines[{index}].amounts");
    let mut out = vec![Decimal::ZERO; case.periods()];
    let outside = |at: CaseYear| {
        let what = match at {
            CaseYear::Upfront => "the upfront column, which the case does not have".to_owned(),
            CaseYear::Year(fy) => format!("{} is outside the case's years", fy.0),
        };
        CaseError::invalid(field(), what)
    };
    let period = |at: CaseYear| -> Result<usize, CaseError> {
        if at == CaseYear::Upfront && !case.upfront {
            return Err(outside(at));
        }
        case.period_of(at).ok_or_else(|| outside(at))
    };
    match &line.amounts {
        LineAmounts::Entered { amounts } => {
            for a in amounts {
                let p = period(a.at)?;
                // The field's name is built only on overflow: this runs for every amount.
                out[p] = out[p].checked_add(a.amount).ok_or_else(|| CaseError::overflow(field()))?;
            }
        }
        LineAmounts::OneOff { at, amount } => out[period(*at)?] = *amount,
        LineAmounts::Recurring { from, to, amount, escalation } => {
            let growth = Decimal::ONE + escalation.unwrap_or(case.escalation);
            let first = period(CaseYear::Year(*from))?;
            let last = period(CaseYear::Year(*to))?;
            for (k, p) in (first..=last).enumerate() {
                let k = i64::try_from(k).map_err(|_| CaseError::overflow(field()))?;
                let factor = growth.checked_powi(k).ok_or_else(|| CaseError::overflow(field()))?;
                out[p] = amount.checked_mul(factor).ok_or_else(|| CaseError::overflow(field()))?;
            }
        }
    }
    Ok(out)
}

/// How a case's flows are discounted: at one rate (the spreadsheet's `NPV`, to the last bit), or
/// by a schedule whose rate changes from year to year (`cairn_finance::DiscountSchedule`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Discount {
    /// Every year at this rate.
    Flat(f64),
    /// A rate per year.
    Schedule(DiscountSchedule),
}

impl Discount {
    /// A schedule whose rates are all the same is one rate.
    pub(crate) fn of(schedule: DiscountSchedule) -> Discount {
        match schedule.rates() {
            [first, rest @ ..] if rest.iter().all(|r| r.to_bits() == first.to_bits()) => Discount::Flat(*first),
            [] => Discount::Flat(0.0),
            _ => Discount::Schedule(schedule),
        }
    }

    /// The rate of year 1.
    pub(crate) fn first_rate(&self) -> f64 {
        match self {
            Discount::Flat(rate) => *rate,
            Discount::Schedule(s) => s.rate(0).unwrap_or(0.0),
        }
    }

    /// The discount factor of each period, t = 0 first.
    pub(crate) fn factors(&self, periods: usize) -> Vec<f64> {
        match self {
            Discount::Flat(rate) => (0..periods).map(|t| cairn_finance::discount_factor(*rate, t as f64)).collect(),
            Discount::Schedule(s) => s.factors().into_iter().take(periods).collect(),
        }
    }

    /// What the amount of each period is divided by, t = 0 (1) first: `(1 + rate)^t` at one rate
    /// (`cairn_finance::compound`, as `cairn_finance::npv`), the schedule's divisors otherwise.
    pub(crate) fn divisors(&self, periods: usize) -> Vec<f64> {
        match self {
            Discount::Flat(rate) => (0..periods).map(|t| cairn_finance::compound(*rate, t as f64)).collect(),
            Discount::Schedule(s) => s.divisors().into_iter().take(periods).collect(),
        }
    }

    /// The value at t = 0 of `flows`, the first at t = 0.
    pub(crate) fn present_value(&self, flows: &[f64]) -> Result<f64, cairn_finance::FinanceError> {
        match self {
            Discount::Flat(rate) => present_value(*rate, flows),
            Discount::Schedule(s) => s.present_value(flows),
        }
    }

    /// Years until the cumulative discounted flow turns non-negative.
    fn discounted_payback(&self, flows: &[f64]) -> Result<f64, cairn_finance::FinanceError> {
        match self {
            Discount::Flat(rate) => cairn_finance::discounted_payback(*rate, flows),
            Discount::Schedule(s) => {
                let discounted: Vec<f64> = flows.iter().zip(s.divisors()).map(|(v, d)| v / d).collect();
                cairn_finance::payback(&discounted)
            }
        }
    }
}

/// `v[0] + NPV(rate, v[1..])`: the value at t = 0 of a flow whose first element is at t = 0.
pub(crate) fn present_value(rate: f64, flows: &[f64]) -> Result<f64, cairn_finance::FinanceError> {
    match flows.split_first() {
        None => Ok(0.0),
        Some((first, [])) => Ok(*first),
        Some((first, rest)) => Ok(first + cairn_finance::npv(rate, rest)?),
    }
}

/// A rate in a sentence, as the note on several IRRs lists them: "4 %", "25.3 %".
fn percent(v: f64) -> String {
    cairn_core::text::percent(v, Places::AtMost(1))
}

/// Evaluates a case in the default context (no appraisal policy, no milestones): each case at its
/// own rate, as before policies existed. See [`evaluate_in`].
pub fn evaluate(case: &BusinessCase) -> Result<Evaluation, CaseError> {
    evaluate_in(case, &Context::default())
}

/// Evaluates a case in its plan's context: the yearly table, the P&L view and the metrics of
/// its preferred option against business as usual (`crate::options`; a case without a short
/// list is its lines as they are).
pub fn evaluate_in(case: &BusinessCase, ctx: &Context) -> Result<Evaluation, CaseError> {
    let Some((relative, origins)) = crate::options::appraised_case(case) else {
        return evaluate_plain(case, ctx);
    };
    let mut evaluation = evaluate_plain(&relative, ctx)?;
    for row in &mut evaluation.lines {
        if let Some(origin) = origins.get(row.index) {
            row.index = origin.index;
            row.bau = origin.bau;
        }
    }
    Ok(evaluation)
}

/// [`evaluate_in`] of a case's lines as they are, whatever options they belong to.
pub(crate) fn evaluate_plain(case: &BusinessCase, ctx: &Context) -> Result<Evaluation, CaseError> {
    let mut evaluation = evaluate_lines(case, ctx)?;
    let counts = |l: &cairn_core::LineItem| l.benefit_class().is_none_or(|c| c == BenefitClass::CashReleasing);
    if !case.lines.iter().all(counts) {
        let cash_only =
            BusinessCase { lines: case.lines.iter().filter(|l| counts(l)).cloned().collect(), ..case.clone() };
        let m = evaluate_lines(&cash_only, ctx)?.metrics;
        evaluation.metrics.cash_releasing = CashReleasing {
            npv: m.npv,
            benefits_present_value: m.benefits_present_value,
            benefit_cost_ratio: m.benefit_cost_ratio,
        };
    }
    Ok(evaluation)
}

/// How `case` is discounted in `ctx`: its rate, or the plan's schedule (`crate::case_schedule`).
pub(crate) fn discount_in(case: &BusinessCase, ctx: &Context) -> Result<Discount, CaseError> {
    Ok(Discount::of(crate::case_schedule(&ctx.policy, case)?))
}

/// [`evaluate`] with every benefit counted (the cash-releasing figures are the whole case's).
pub(crate) fn evaluate_lines(case: &BusinessCase, ctx: &Context) -> Result<Evaluation, CaseError> {
    let periods = case.periods();
    if case.years == 0 || case.years > BusinessCase::MAX_YEARS {
        return Err(CaseError::invalid("years", format!("must be between 1 and {}", BusinessCase::MAX_YEARS)));
    }
    let columns: Vec<Column> = (0..periods)
        .filter(|p| *p > 0 || case.upfront)
        .map(|p| Column {
            at: if p == 0 { CaseYear::Upfront } else { CaseYear::Year(FiscalYear(case.first_year.0 + p as i32 - 1)) },
            period: p,
        })
        .collect();

    let zero = || vec![Decimal::ZERO; periods];
    let mut lines = Vec::with_capacity(case.lines.len());
    let mut by_category: Vec<(LineCategory, Row)> = Vec::new();
    let (mut capex, mut opex, mut benefits) = (zero(), zero(), zero());
    let prices = crate::policy::price_index(case, ctx)?;
    for (index, line) in case.lines.iter().enumerate() {
        let mut amounts = crate::timing::timed_line(case, index, ctx)?.amounts;
        if let Some(prices) = &prices {
            for (a, level) in amounts.iter_mut().zip(prices) {
                *a = a.checked_mul(*level).ok_or_else(|| CaseError::overflow(format!("lines[{index}]")))?;
            }
        }
        if line.category.kind() == LineKind::Benefit {
            for a in &mut amounts {
                *a = a
                    .checked_mul(case.benefit_realisation)
                    .ok_or_else(|| CaseError::overflow(format!("lines[{index}]")))?;
            }
        }
        let total = amounts.iter().try_fold(Decimal::ZERO, |s, a| {
            s.checked_add(*a).ok_or_else(|| CaseError::overflow(format!("lines[{index}]")))
        })?;
        let target = match crate::timing::effective_kind(line, ctx) {
            LineKind::Capex => &mut capex,
            LineKind::Opex => &mut opex,
            LineKind::Benefit => &mut benefits,
        };
        add_rows(target, &amounts, "totals")?;
        match by_category.iter_mut().find(|(c, _)| *c == line.category) {
            Some((_, row)) => add_rows(row, &amounts, "totals")?,
            None => by_category.push((line.category, amounts.clone())),
        }
        lines.push(LineRow { index, category: line.category, amounts, total, bau: false });
    }
    by_category.sort_by_key(|(c, _)| *c);
    let optimism = crate::optimism::apply(case, ctx, &mut capex, &mut opex, &mut benefits)?;

    let mut costs = capex.clone();
    add_rows(&mut costs, &opex, "totals.costs")?;
    let (depreciation_row, closing_book_value) = crate::depreciation::depreciation_in(case, ctx, &lines, &capex)?;
    let residual = crate::residual::residual_row(case, ctx, closing_book_value)?;
    let tax_rate = case.tax_rate.unwrap_or(Decimal::ZERO);
    let mut operating_result = zero();
    let mut tax = zero();
    let mut after_tax = zero();
    let mut net = zero();
    let mut cumulative = zero();
    let mut running = Decimal::ZERO;
    for p in 0..periods {
        let field = "totals.net";
        let result = benefits[p]
            .checked_sub(opex[p])
            .and_then(|r| r.checked_sub(depreciation_row[p]))
            .ok_or_else(|| CaseError::overflow(field))?;
        operating_result[p] = result;
        tax[p] = result.checked_mul(tax_rate).ok_or_else(|| CaseError::overflow(field))?;
        after_tax[p] = result - tax[p];
        net[p] = benefits[p]
            .checked_sub(costs[p])
            .and_then(|n| n.checked_sub(tax[p]))
            .and_then(|n| n.checked_add(residual[p]))
            .ok_or_else(|| CaseError::overflow(field))?;
        running = add(running, net[p], field)?;
        cumulative[p] = running;
    }

    let discount = discount_in(case, ctx)?;
    let flows: Vec<f64> = net.iter().map(|v| float(*v, "totals.net")).collect::<Result<_, _>>()?;
    let discount_factor = discount.factors(periods);
    let discounted: Vec<f64> = flows.iter().zip(&discount_factor).map(|(v, d)| v * d).collect();
    let cumulative_discounted = discounted
        .iter()
        .scan(0.0, |s, v| {
            *s += v;
            Some(*s)
        })
        .collect();

    let metrics = metrics(case, &discount, &flows, &costs, &benefits, &net)?;
    // Keep only the columns the case shows (drop the empty upfront period when it has none).
    let shown = |row: Row| -> Row { if case.upfront { row } else { row[1..].to_vec() } };
    let shown_f = |row: Vec<f64>| -> Vec<f64> { if case.upfront { row } else { row[1..].to_vec() } };
    Ok(Evaluation {
        columns,
        lines: lines.into_iter().map(|l| LineRow { amounts: shown(l.amounts), ..l }).collect(),
        totals: Totals {
            by_category: by_category.into_iter().map(|(c, r)| (c, shown(r))).collect(),
            capex: shown(capex),
            opex: shown(opex),
            costs: shown(costs),
            benefits: shown(benefits),
            tax: shown(tax.clone()),
            net: shown(net),
            cumulative: shown(cumulative),
            discount_factor: shown_f(discount_factor),
            discounted: shown_f(discounted),
            cumulative_discounted: shown_f(cumulative_discounted),
            residual: shown(residual),
            sunk_costs: crate::residual::sunk_total(case)?,
        },
        pnl: Pnl {
            depreciation: shown(depreciation_row),
            operating_result: shown(operating_result),
            tax: shown(tax),
            after_tax: shown(after_tax),
            closing_book_value,
        },
        metrics,
        flows,
        optimism,
    })
}

fn metrics(
    case: &BusinessCase,
    discount: &Discount,
    flows: &[f64],
    costs: &[Decimal],
    benefits: &[Decimal],
    net: &[Decimal],
) -> Result<Metrics, CaseError> {
    let sum = |row: &[Decimal], field: &str| row.iter().try_fold(Decimal::ZERO, |s, a| add(s, *a, field));
    let tco = sum(costs, "tco")?;
    let total_benefits = sum(benefits, "benefits")?;
    let total_net = sum(net, "net")?;
    // The spreadsheet's row: with an upfront column, B..L; without, C..L (t = 1 first).
    let row = if case.upfront { flows } else { &flows[1..] };
    let has_flow = flows.iter().any(|v| *v != 0.0);

    let npv = if has_flow {
        Metric::from(discount.present_value(flows), |e| format!("NPV cannot be computed: {}", e.message()))
    } else {
        Metric::NotAvailable("the case has no costs or benefits yet".into())
    };

    let (irr, irrs) = match cairn_finance::irr_outcome(row) {
        _ if !has_flow => (Metric::NotAvailable("the case has no costs or benefits yet".into()), Vec::new()),
        Ok(IrrOutcome::Unique(root)) => {
            // Quote the spreadsheet's IRR (Newton from 10 %), which the CFO will reproduce; the
            // bracketing root stands in should Newton fail to converge where Excel also would not.
            let value = cairn_finance::irr(row, None).unwrap_or(root);
            (Metric::Value(value), vec![root])
        }
        Ok(IrrOutcome::Multiple(roots)) => {
            let list: Vec<String> = roots.iter().map(|r| percent(*r)).collect();
            let count = match roots.len() {
                2 => "two".to_owned(),
                3 => "three".to_owned(),
                n => n.to_string(),
            };
            let why = format!("this case has {count} IRRs ({}); use MIRR", list.join(" and "));
            (Metric::NotAvailable(why), roots)
        }
        Ok(IrrOutcome::Undefined) => {
            let why = if row.iter().all(|v| *v >= 0.0) || row.iter().all(|v| *v <= 0.0) {
                "the cash flow never changes sign, so there is no rate at which NPV is zero"
            } else {
                "no rate makes the NPV zero"
            };
            (Metric::NotAvailable(why.into()), Vec::new())
        }
        Err(e) => (Metric::NotAvailable(format!("IRR cannot be computed: {}", e.message())), Vec::new()),
    };

    let mirr = if !has_flow {
        Metric::NotAvailable("the case has no costs or benefits yet".into())
    } else if let Discount::Schedule(_) = discount {
        Metric::NotAvailable("MIRR needs one rate, and this case's discount rate changes from year to year".into())
    } else {
        Metric::from(cairn_finance::mirr(row, discount.first_rate(), discount.first_rate()), |e| match e {
            cairn_finance::FinanceError::Div0(_) => "MIRR needs both costs and benefits in the cash flow".to_owned(),
            other => format!("MIRR cannot be computed: {}", other.message()),
        })
    };

    let never = |e: &cairn_finance::FinanceError| match e {
        cairn_finance::FinanceError::Num(_) => "not paid back within the case's years".to_owned(),
        other => other.message().to_owned(),
    };
    let (payback_years, discounted_payback_years) = if has_flow {
        (Metric::from(cairn_finance::payback(flows), never), Metric::from(discount.discounted_payback(flows), never))
    } else {
        let none = || Metric::NotAvailable("the case has no costs or benefits yet".into());
        (none(), none())
    };

    let roi = if tco.is_zero() {
        Metric::NotAvailable("the case has no costs".into())
    } else {
        Metric::Value(float(total_net, "net")? / float(tco, "tco")?)
    };
    let cost_flows: Vec<f64> = costs.iter().map(|v| float(*v, "totals.costs")).collect::<Result<_, _>>()?;
    let benefit_flows: Vec<f64> = benefits.iter().map(|v| float(*v, "totals.benefits")).collect::<Result<_, _>>()?;
    let pv = |v: &[f64]| Metric::from(discount.present_value(v), |e| e.message().to_owned());
    let tco_present_value = pv(&cost_flows);
    let benefits_present_value = pv(&benefit_flows);
    let benefit_cost_ratio = match (&benefits_present_value, &tco_present_value) {
        (_, Metric::Value(c)) if *c == 0.0 => Metric::NotAvailable("the case has no costs".into()),
        (Metric::Value(b), Metric::Value(c)) => Metric::Value(b / c),
        _ => Metric::NotAvailable("the present values cannot be computed".into()),
    };
    let cash_releasing = CashReleasing {
        npv: npv.clone(),
        benefits_present_value: benefits_present_value.clone(),
        benefit_cost_ratio: benefit_cost_ratio.clone(),
    };
    Ok(Metrics {
        cash_releasing,
        npv,
        irr,
        irrs,
        mirr,
        payback_years,
        discounted_payback_years,
        roi,
        benefit_cost_ratio,
        tco,
        tco_present_value,
        benefits_present_value,
        total_benefits,
        total_net,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_labels() {
        assert_eq!(percent(0.04), "4 %");
        assert_eq!(percent(0.2534), "25.3 %");
    }
}

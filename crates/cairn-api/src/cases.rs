//! Business-case use cases: list, edit (each edit one undoable step), evaluate, simulate.

use cairn_case::{Metric, Simulation, SimulationSettings};
use cairn_core::narrative::TIMING_CONVENTION;
use cairn_core::{
    BusinessCase, CaseYear, Depreciation, DepreciationMethod, FiscalYear, Id, LineAmounts, MetricKey, Plan, YearAmount,
};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use crate::case_dto::*;
use crate::case_lines::{kind_name, line_dto, line_from_dto};
use crate::codec::{decimal_text as amount_text, parse_amount, parse_id, parse_percent, percent_text};
use crate::{ApiError, Cairn, ErrorCode};

pub(crate) fn column_key(at: CaseYear) -> String {
    match at {
        CaseYear::Upfront => "upfront".into(),
        CaseYear::Year(fy) => fy.0.to_string(),
    }
}

pub(crate) fn parse_column(key: &str, field: &str) -> Result<CaseYear, ApiError> {
    if key == "upfront" {
        return Ok(CaseYear::Upfront);
    }
    key.trim()
        .parse::<i32>()
        .map(|y| CaseYear::Year(FiscalYear(y)))
        .map_err(|_| ApiError::invalid(field, format!("\"{key}\" is not a column (\"upfront\" or a fiscal year)")))
}

fn columns(plan: &Plan, case: &BusinessCase) -> Vec<ColumnDto> {
    let mut out = Vec::new();
    if case.upfront {
        out.push(ColumnDto { key: "upfront".into(), label: "Year 0".into() });
    }
    for i in 0..i32::from(case.years) {
        let fy = FiscalYear(case.first_year.0 + i);
        out.push(ColumnDto { key: fy.0.to_string(), label: plan.year_label(fy) });
    }
    out
}

fn shown<T: Clone>(case: &BusinessCase, periods: &[T]) -> Vec<T> {
    if case.upfront { periods.to_vec() } else { periods.get(1..).unwrap_or_default().to_vec() }
}

pub(crate) fn case_error(e: cairn_case::CaseError, at: &str) -> ApiError {
    match e {
        cairn_case::CaseError::Overflow { field } => {
            ApiError::invalid(format!("{at}.{field}"), "the amounts are too large to add up")
        }
        cairn_case::CaseError::Invalid { field, reason } => ApiError::invalid(format!("{at}.{field}"), reason),
    }
}

pub(crate) fn columns_len(case: &BusinessCase) -> usize {
    usize::from(case.years) + usize::from(case.upfront)
}

fn settings_dto(case: &BusinessCase) -> CaseSettingsDto {
    CaseSettingsDto {
        name: case.name.clone(),
        description: case.description.clone(),
        sponsor: case.sponsor.clone(),
        first_year: case.first_year.0,
        years: case.years,
        upfront: case.upfront,
        discount_rate: percent_text(case.discount_rate),
        rate_reason: case.rate_reason.clone().unwrap_or_default(),
        escalation: percent_text(case.escalation),
        tax_rate: case.tax_rate.map(percent_text).unwrap_or_default(),
        depreciation_method: match case.depreciation.method {
            DepreciationMethod::StraightLine => DepreciationMethodDto::StraightLine,
            DepreciationMethod::DecliningBalance => DepreciationMethodDto::DecliningBalance,
        },
        life_years: case.depreciation.life_years,
        benefit_realisation: percent_text(case.benefit_realisation),
        initiatives: case.initiatives.iter().map(ToString::to_string).collect(),
        appraisal: crate::case_form::appraisal_dto(case),
    }
}

fn case_dto(plan: &Plan, case: &BusinessCase) -> CaseDto {
    let line_values = (0..case.lines.len())
        .map(|i| match cairn_case::line_values(case, i) {
            Ok(v) => shown(case, &v).into_iter().map(amount_text).collect(),
            Err(_) => vec![String::new(); columns_len(case)],
        })
        .collect();
    // The initiatives the case funds, then any other a benefit waits for: what a benefit's
    // "waits for" may name, with the names people read.
    let mut ids: Vec<&Id> = case.initiatives.iter().collect();
    for r in case.lines.iter().filter_map(|l| l.register.as_ref()) {
        if let Some(id) = &r.waits_for
            && !ids.contains(&id)
        {
            ids.push(id);
        }
    }
    let wanted: std::collections::HashSet<&Id> = ids.iter().copied().collect();
    let names: std::collections::HashMap<&Id, &str> =
        plan.initiatives.iter().filter(|x| wanted.contains(&x.id)).map(|x| (&x.id, x.name.as_str())).collect();
    let initiatives = ids
        .into_iter()
        .map(|id| crate::roadmap_dto::LabelDto {
            id: id.to_string(),
            name: names.get(id).map_or_else(|| id.to_string(), |n| (*n).to_owned()),
        })
        .collect();
    CaseDto {
        id: case.id.to_string(),
        settings: settings_dto(case),
        columns: columns(plan, case),
        lines: case.lines.iter().map(|l| line_dto(case, l)).collect(),
        line_values,
        initiatives,
    }
}

fn find<'p>(plan: &'p Plan, case_id: &str) -> Result<(usize, &'p BusinessCase), ApiError> {
    plan.business_cases
        .iter()
        .enumerate()
        .find(|(_, c)| c.id.as_str() == case_id)
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no business case has the id \"{case_id}\"")))
}

fn case_mut<'p>(plan: &'p mut Plan, case_id: &str) -> Result<&'p mut BusinessCase, ApiError> {
    plan.business_cases
        .iter_mut()
        .find(|c| c.id.as_str() == case_id)
        .ok_or_else(|| ApiError::new(ErrorCode::NotFound, format!("no business case has the id \"{case_id}\"")))
}

/// A fresh id from a name, unique among `taken` (gathered into a set first: among thousands of
/// initiatives, each candidate `-2`, `-3`… is then checked at once, not by a scan).
pub(crate) fn fresh_id<'a>(name: &str, prefix: &str, taken: impl Iterator<Item = &'a Id>) -> Result<Id, ApiError> {
    let taken: std::collections::HashSet<&str> = taken.map(Id::as_str).collect();
    Id::from_name(name, prefix, |c| taken.contains(c)).map_err(|e| ApiError::invalid("id", e.to_string()))
}

pub(crate) fn columns_of(case: &BusinessCase) -> Vec<CaseYear> {
    let mut out = Vec::new();
    if case.upfront {
        out.push(CaseYear::Upfront);
    }
    out.extend((0..i32::from(case.years)).map(|i| CaseYear::Year(FiscalYear(case.first_year.0 + i))));
    out
}

pub(crate) fn metric(key: &str, label: &str, unit: &str, m: &Metric) -> MetricDto {
    let (value, note) = match m {
        Metric::Value(v) => (Some(*v), None),
        Metric::NotAvailable(why) => (None, Some(why.clone())),
    };
    MetricDto { key: key.into(), label: label.into(), unit: unit.into(), value, note }
}

fn row(key: &str, label: &str, style: &str, values: Vec<String>, total: Option<String>) -> RowDto {
    RowDto { key: key.into(), label: label.into(), style: style.into(), values, total }
}

fn decimal_row(values: &[Decimal]) -> (Vec<String>, Option<String>) {
    let total: Decimal = values.iter().copied().fold(Decimal::ZERO, |a, b| a.checked_add(b).unwrap_or(a));
    (values.iter().map(|v| amount_text(*v)).collect(), Some(amount_text(total)))
}

fn float_row(values: &[f64]) -> Vec<String> {
    values.iter().map(|v| format!("{v}")).collect()
}

/// Amounts as the charts' numbers (`cairn_core::to_f64`); an amount without one (no decimal
/// lacks one) refuses the evaluation rather than drawing a wrong point.
fn to_numbers(values: &[Decimal]) -> Result<Vec<f64>, ApiError> {
    values
        .iter()
        .map(|v| cairn_core::to_f64(*v).map_err(|e| ApiError::invalid("business_case", e.to_string())))
        .collect()
}

fn result_dto(plan: &Plan, case: &BusinessCase, swing: Decimal) -> Result<CaseResultDto, ApiError> {
    // The case in its plan: the policy's rates, its milestones, its capitalisation.
    let ctx = cairn_case::Context::of(plan);
    let e = cairn_case::evaluate_in(case, &ctx).map_err(|err| case_error(err, "business_case"))?;
    let m = &e.metrics;
    let metrics = MetricKey::ALL.iter().map(|k| metric(k.key(), k.label(), k.unit().key(), &m.get(*k))).collect();
    let t = &e.totals;
    let mut cash = Vec::new();
    for l in &e.lines {
        let line = &case.lines[l.index];
        let (values, total) = decimal_row(&l.amounts);
        // A business-as-usual line counts against the preferred option, negated.
        let label = match (l.bau, l.category.kind()) {
            (false, _) => line.name.clone(),
            (true, cairn_core::LineKind::Benefit) => format!("Business as usual, given up: {}", line.name),
            (true, _) => format!("Business as usual, avoided: {}", line.name),
        };
        cash.push(row(&format!("line:{}", line.id), &label, "line", values, total));
    }
    for (c, r) in &t.by_category {
        let (values, total) = decimal_row(r);
        cash.push(row(&format!("category:{}", kind_name(c.kind())), c.label(), "category", values, total));
    }
    for (key, label, style, r) in [
        ("capex", "Capital expenditure", "total", &t.capex),
        ("opex", "Operating expenditure", "total", &t.opex),
        ("costs", "Total costs", "total", &t.costs),
        ("benefits", "Total benefits", "total", &t.benefits),
        ("tax", "Tax", "total", &t.tax),
        ("net", "Net cash flow", "net", &t.net),
    ] {
        if key == "tax" && case.tax_rate.is_none() {
            continue;
        }
        let (values, total) = decimal_row(r);
        cash.push(row(key, label, style, values, total));
    }
    cash.push(row(
        "cumulative",
        "Cumulative cash flow",
        "derived",
        t.cumulative.iter().map(|v| amount_text(*v)).collect(),
        None,
    ));
    cash.push(row("discount_factor", "Discount factor", "derived", float_row(&t.discount_factor), None));
    cash.push(row("discounted", "Discounted cash flow", "derived", float_row(&t.discounted), None));
    cash.push(row(
        "cumulative_discounted",
        "Cumulative discounted cash flow",
        "derived",
        float_row(&t.cumulative_discounted),
        None,
    ));
    let p = &e.pnl;
    let mut pnl = Vec::new();
    for (key, label, style, r) in [
        ("benefits", "Benefits", "total", &t.benefits),
        ("opex", "Operating expenditure", "total", &t.opex),
        ("depreciation", "Depreciation", "total", &p.depreciation),
        ("operating_result", "Operating result", "net", &p.operating_result),
        ("tax", "Tax", "total", &p.tax),
        ("after_tax", "Result after tax", "net", &p.after_tax),
    ] {
        let (values, total) = decimal_row(r);
        pnl.push(row(key, label, style, values, total));
    }
    let sensitivity = if e.metrics.npv.value().is_some() {
        let s = cairn_case::sensitivity_in(case, swing, &ctx).map_err(|err| case_error(err, "business_case"))?;
        Some(SensitivityDto {
            base_npv: s.base_npv,
            swing_percent: s.swing * 100.0,
            bars: s
                .bars
                .into_iter()
                .map(|b| TornadoBarDto {
                    driver: b.driver,
                    low_label: b.low_label,
                    high_label: b.high_label,
                    npv_low: b.npv_low,
                    npv_high: b.npv_high,
                })
                .collect(),
            break_even_realisation: metric(
                "break_even_realisation",
                "Benefits needed to break even",
                "percent",
                &s.break_evens.benefit_realisation,
            ),
            break_even_rate: metric(
                "break_even_rate",
                "Discount rate at which NPV = 0",
                "percent",
                &s.break_evens.discount_rate,
            ),
        })
    } else {
        None
    };
    Ok(CaseResultDto {
        columns: columns(plan, case),
        metrics,
        irrs: m.irrs.clone(),
        cash,
        pnl,
        chart_costs: to_numbers(&t.costs)?,
        chart_benefits: to_numbers(&t.benefits)?,
        chart_cumulative: to_numbers(&t.cumulative)?,
        chart_cumulative_discounted: t.cumulative_discounted.clone(),
        sensitivity,
        convention: TIMING_CONVENTION.into(),
        rate: crate::report_economic::rate_sentence(plan, case),
        short_list: crate::case_options::short_list(plan, case)?,
    })
}

/// What the case page shows of the case `case_id` of `plan` (yearly tables, metrics, the tornado
/// at `±swing_percent`): [`Cairn::evaluate_case`] on a plan already read, for the board pack's
/// checks and the CLI.
pub fn case_result(plan: &Plan, case_id: &str, swing_percent: f64) -> Result<CaseResultDto, ApiError> {
    let (_, case) = find(plan, case_id)?;
    let swing = Decimal::try_from(swing_percent / 100.0)
        .map_err(|_| ApiError::invalid("swing", "must be a percentage between 1 and 99"))?;
    if !(1.0..=99.0).contains(&swing_percent) {
        return Err(ApiError::invalid("swing", "must be a percentage between 1 and 99"));
    }
    result_dto(plan, case, swing)
}

fn summary(plan: &Plan, ctx: &cairn_case::Context, case: &BusinessCase) -> CaseSummaryDto {
    let e = cairn_case::evaluate_in(case, ctx).ok();
    CaseSummaryDto {
        id: case.id.to_string(),
        name: case.name.clone(),
        description: case.description.clone(),
        sponsor: case.sponsor.clone(),
        years_label: format!("{}–{}", plan.year_label(case.first_year), plan.year_label(case.last_year())),
        npv: e.as_ref().and_then(|e| e.metrics.npv.value()),
        irr: e.as_ref().and_then(|e| e.metrics.irr.value()),
        tco: e.as_ref().map(|e| amount_text(e.metrics.tco)).unwrap_or_default(),
        lines: u32::try_from(case.lines.len()).unwrap_or(u32::MAX),
    }
}

/// Runs a prepared simulation; `progress(done, total)` returns `false` to cancel. Runs without
/// the data directory, so the app can run it on a worker thread while the plan stays editable.
pub fn run_simulation(
    simulation: &Simulation,
    settings: SimulationSettingsDto,
    progress: &(dyn Fn(u32, u32) -> bool + Sync),
) -> Result<SimulationDto, ApiError> {
    if !(100..=1_000_000).contains(&settings.iterations) {
        return Err(ApiError::invalid("iterations", "must be between 100 and 1,000,000"));
    }
    let r = simulation
        .run(SimulationSettings { iterations: settings.iterations, seed: u64::from(settings.seed) }, progress)
        .map_err(|e| ApiError::new(ErrorCode::Cancelled, e.to_string()))?;
    Ok(SimulationDto {
        iterations: settings.iterations,
        seed: settings.seed,
        base_npv: r.base_npv,
        mean: r.mean,
        sd: r.sd,
        percentiles: r.percentiles,
        probability_negative: r.probability_negative,
        confidence: vec![
            (10, r.confidence.p10),
            (50, r.confidence.p50),
            (80, r.confidence.p80),
            (90, r.confidence.p90),
        ],
        base_pv_cost: r.base_pv_cost,
        pv_cost_p80: r.pv_cost_p80,
        contingency_p80: r.contingency_p80,
        histogram_edges: r.histogram_edges,
        histogram_counts: r.histogram_counts,
        s_curve: r.s_curve,
        contributions: r
            .contributions
            .into_iter()
            .map(|c| ContributionDto { input: c.input, rank_correlation: c.rank_correlation })
            .collect(),
        inputs: u32::try_from(simulation.input_count()).unwrap_or(u32::MAX),
    })
}

impl Cairn {
    /// A plan's business cases with their headline figures.
    pub fn list_cases(&self, plan_id: &str) -> Result<Vec<CaseSummaryDto>, ApiError> {
        self.list_cases_in(plan_id, None)
    }

    /// The business cases as a scenario has them (its discount rates, realisation and amounts).
    pub fn list_cases_in(&self, plan_id: &str, scenario: Option<&str>) -> Result<Vec<CaseSummaryDto>, ApiError> {
        let stored = self.store.load(plan_id)?;
        let plan = crate::roadmap_variant::shown(&stored, scenario)?;
        let ctx = cairn_case::Context::of(&plan);
        Ok(plan.business_cases.iter().map(|c| summary(&plan, &ctx, c)).collect())
    }

    /// One case as edited.
    pub fn get_case(&self, plan_id: &str, case_id: &str) -> Result<CaseDto, ApiError> {
        self.get_case_in(plan_id, None, case_id)
    }

    /// One case as the plan or a scenario has it.
    pub fn get_case_in(&self, plan_id: &str, scenario: Option<&str>, case_id: &str) -> Result<CaseDto, ApiError> {
        let plan = self.plan_in(plan_id, scenario)?;
        let (_, case) = find(&plan, case_id)?;
        Ok(case_dto(&plan, case))
    }

    /// The case in the domain model, for other Rust callers (report, CLI).
    pub fn case(&self, plan_id: &str, case_id: &str) -> Result<BusinessCase, ApiError> {
        let plan = self.store.load(plan_id)?;
        Ok(find(&plan, case_id)?.1.clone())
    }

    fn edit_case(
        &self,
        plan_id: &str,
        case_id: &str,
        description: &str,
        now: DateTime<Utc>,
        change: impl FnOnce(&mut BusinessCase) -> Result<(), ApiError>,
    ) -> Result<CaseDto, ApiError> {
        self.edit(plan_id, description, now, |p| change(case_mut(p, case_id)?))?;
        self.get_case(plan_id, case_id)
    }

    /// Creates a case over the plan's horizon with an upfront column and a 5 % discount rate.
    pub fn create_case(&self, plan_id: &str, name: &str, now: DateTime<Utc>) -> Result<CaseDto, ApiError> {
        let name = name.trim().to_owned();
        let mut new_id = None;
        self.edit(plan_id, &format!("Create business case \"{name}\""), now, |p| {
            let id = fresh_id(&name, "case", p.business_cases.iter().map(|c| &c.id))?;
            new_id = Some(id.clone());
            p.business_cases.push(BusinessCase {
                id,
                name: name.clone(),
                description: String::new(),
                sponsor: String::new(),
                initiatives: Vec::new(),
                first_year: p.settings.horizon.first_year,
                years: p.settings.horizon.years,
                upfront: true,
                discount_rate: Decimal::new(5, 2),
                rate_reason: None,
                prices: cairn_core::PriceBasis::Nominal,
                escalation: Decimal::ZERO,
                tax_rate: None,
                depreciation: Depreciation::default(),
                benefit_realisation: Decimal::ONE,
                optimism_bias: None,
                simulation: Default::default(),
                lines: Vec::new(),
                residual: cairn_core::ResidualValue::None,
                sunk_costs: Vec::new(),
                options: Vec::new(),
                mandatory: None,
            });
            Ok(())
        })?;
        let id = new_id.ok_or_else(|| ApiError::new(ErrorCode::Io, "the case was not created"))?;
        self.get_case(plan_id, id.as_str())
    }

    /// Changes a case's settings. Amounts typed into years the case no longer covers are
    /// refused with the line named, never silently dropped.
    pub fn update_case_settings(
        &self,
        plan_id: &str,
        case_id: &str,
        s: &CaseSettingsDto,
        now: DateTime<Utc>,
    ) -> Result<CaseDto, ApiError> {
        let initiatives = s.initiatives.iter().map(|i| parse_id(i, "initiatives")).collect::<Result<Vec<_>, _>>()?;
        let discount_rate = parse_percent(&s.discount_rate, "discount_rate")?;
        let escalation =
            if s.escalation.trim().is_empty() { Decimal::ZERO } else { parse_percent(&s.escalation, "escalation")? };
        let tax_rate = if s.tax_rate.trim().is_empty() { None } else { Some(parse_percent(&s.tax_rate, "tax_rate")?) };
        let benefit_realisation = parse_percent(&s.benefit_realisation, "benefit_realisation")?;
        self.edit_case(plan_id, case_id, &format!("Change settings of business case \"{}\"", s.name.trim()), now, |c| {
            c.name = s.name.trim().to_owned();
            c.description = s.description.clone();
            c.sponsor = s.sponsor.trim().to_owned();
            c.first_year = FiscalYear(s.first_year);
            c.years = s.years;
            c.upfront = s.upfront;
            c.discount_rate = discount_rate;
            let reason = s.rate_reason.trim();
            c.rate_reason = (!reason.is_empty()).then(|| reason.to_owned());
            c.escalation = escalation;
            c.tax_rate = tax_rate;
            c.depreciation = Depreciation {
                method: match s.depreciation_method {
                    DepreciationMethodDto::StraightLine => DepreciationMethod::StraightLine,
                    DepreciationMethodDto::DecliningBalance => DepreciationMethod::DecliningBalance,
                },
                life_years: s.life_years,
            };
            c.benefit_realisation = benefit_realisation;
            c.initiatives = initiatives;
            crate::case_form::apply_appraisal(c, &s.appraisal)
        })
    }

    /// Copies a case as "<name> (copy)".
    pub fn duplicate_case(&self, plan_id: &str, case_id: &str, now: DateTime<Utc>) -> Result<CaseDto, ApiError> {
        let mut new_id = None;
        self.edit(plan_id, "Duplicate business case", now, |p| {
            let (_, case) = find(p, case_id)?;
            let mut copy = case.clone();
            copy.name = format!("{} (copy)", case.name);
            copy.id = fresh_id(&copy.name, "case", p.business_cases.iter().map(|c| &c.id))?;
            new_id = Some(copy.id.clone());
            p.business_cases.push(copy);
            Ok(())
        })?;
        let id = new_id.ok_or_else(|| ApiError::new(ErrorCode::Io, "the case was not copied"))?;
        self.get_case(plan_id, id.as_str())
    }

    /// Deletes a case (undoable).
    pub fn delete_case(&self, plan_id: &str, case_id: &str, now: DateTime<Utc>) -> Result<(), ApiError> {
        let name = self.case(plan_id, case_id)?.name;
        self.edit(plan_id, &format!("Delete business case \"{name}\""), now, |p| {
            p.business_cases.retain(|c| c.id.as_str() != case_id);
            for r in &mut p.risks {
                r.forget_cases(|c| c.as_str() == case_id);
            }
            Ok(())
        })?;
        Ok(())
    }

    /// Adds a line (empty id) or replaces the line with the same id, keeping its place.
    pub fn save_line(
        &self,
        plan_id: &str,
        case_id: &str,
        line: &LineDto,
        now: DateTime<Utc>,
    ) -> Result<CaseDto, ApiError> {
        let verb = if line.id.is_empty() { "Add" } else { "Edit" };
        self.edit_case(plan_id, case_id, &format!("{verb} line \"{}\"", line.name.trim()), now, |c| {
            match c.lines.iter().position(|l| l.id.as_str() == line.id) {
                Some(i) => {
                    let id = c.lines[i].id.clone();
                    c.lines[i] = line_from_dto(c, line, i, id)?;
                }
                None if line.id.is_empty() => {
                    let id = fresh_id(&line.name, "line", c.lines.iter().map(|l| &l.id))?;
                    let item = line_from_dto(c, line, c.lines.len(), id)?;
                    c.lines.push(item);
                }
                None => {
                    return Err(ApiError::new(ErrorCode::NotFound, format!("no line has the id \"{}\"", line.id)));
                }
            }
            Ok(())
        })
    }

    /// Deletes a line.
    pub fn delete_line(
        &self,
        plan_id: &str,
        case_id: &str,
        line_id: &str,
        now: DateTime<Utc>,
    ) -> Result<CaseDto, ApiError> {
        self.edit_case(plan_id, case_id, "Delete line", now, |c| {
            let before = c.lines.len();
            c.lines.retain(|l| l.id.as_str() != line_id);
            if c.lines.len() == before {
                return Err(ApiError::new(ErrorCode::NotFound, format!("no line has the id \"{line_id}\"")));
            }
            Ok(())
        })
    }

    /// Sets cells typed or pasted into the grid, as one undoable step. A generated line
    /// (one-off or recurring) that receives a cell becomes typed values, keeping its other years.
    pub fn set_cells(
        &self,
        plan_id: &str,
        case_id: &str,
        cells: &[CellDto],
        now: DateTime<Utc>,
    ) -> Result<CaseDto, ApiError> {
        let what = if cells.len() == 1 { "Edit a cell".to_owned() } else { format!("Paste {} cells", cells.len()) };
        self.edit_case(plan_id, case_id, &what, now, |c| {
            for (k, cell) in cells.iter().enumerate() {
                let index = c.lines.iter().position(|l| l.id.as_str() == cell.line).ok_or_else(|| {
                    ApiError::new(ErrorCode::NotFound, format!("no line has the id \"{}\"", cell.line))
                })?;
                let field = format!("lines[{index}].amounts");
                let at = parse_column(&cell.column, &format!("cells[{k}].column"))?;
                let period = c.period_of(at).filter(|p| *p > 0 || c.upfront).ok_or_else(|| {
                    ApiError::invalid(
                        format!("cells[{k}].column"),
                        format!("the case has no column \"{}\"", cell.column),
                    )
                })?;
                let amount = parse_amount(&cell.value, &field)
                    .map_err(|e| ApiError::invalid(field.clone(), format!("{}: {}", c.lines[index].name, e.message)))?;
                let mut values = cairn_case::line_values(c, index).map_err(|e| case_error(e, "business_case"))?;
                values[period] = amount;
                let columns = columns_of(c);
                let amounts = columns
                    .into_iter()
                    .filter_map(|col| {
                        let p = c.period_of(col)?;
                        (!values[p].is_zero()).then(|| YearAmount { at: col, amount: values[p] })
                    })
                    .collect();
                c.lines[index].amounts = LineAmounts::Entered { amounts };
            }
            Ok(())
        })
    }

    /// Everything the case page shows: yearly tables, metrics and the tornado at `±swing_percent`.
    pub fn evaluate_case(&self, plan_id: &str, case_id: &str, swing_percent: f64) -> Result<CaseResultDto, ApiError> {
        self.evaluate_case_in(plan_id, None, case_id, swing_percent)
    }

    /// [`Cairn::evaluate_case`] of the case as the plan or a scenario has it.
    pub fn evaluate_case_in(
        &self,
        plan_id: &str,
        scenario: Option<&str>,
        case_id: &str,
        swing_percent: f64,
    ) -> Result<CaseResultDto, ApiError> {
        let plan = self.plan_in(plan_id, scenario)?;
        case_result(&plan, case_id, swing_percent)
    }

    /// Prepares a case's Monte Carlo simulation; run it with [`run_simulation`].
    pub fn prepare_simulation(&self, plan_id: &str, case_id: &str) -> Result<Simulation, ApiError> {
        self.prepare_simulation_in(plan_id, None, case_id)
    }

    /// [`Cairn::prepare_simulation`] of the case as the plan or a scenario has it.
    pub fn prepare_simulation_in(
        &self,
        plan_id: &str,
        scenario: Option<&str>,
        case_id: &str,
    ) -> Result<Simulation, ApiError> {
        let plan = self.plan_in(plan_id, scenario)?;
        let (i, case) = find(&plan, case_id)?;
        Simulation::new_in(case, &cairn_case::Context::of(&plan))
            .map_err(|e| case_error(e, &format!("business_cases[{i}]")))
    }
}

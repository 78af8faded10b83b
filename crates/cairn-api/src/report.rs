//! The board pack use case: from a [`Plan`] to the view data of [`cairn_report::ReportInput`]
//! (cases evaluated with `cairn-case`, scenarios compared with `cairn-scenario`), to the PDF,
//! to a file written atomically.
//!
//! Every figure comes from the same engines the app's pages call, so the pack and the screen
//! agree: NPV, IRR and payback from `cairn_case::evaluate`, the tornado from
//! `cairn_case::sensitivity` at the app's default ±20 %, the risk from `cairn_case::Simulation`
//! with the app's default runs and seed. The scenario section is `cairn_scenario::compare`, the
//! same comparison the app's compare page shows: roadmap spend by fiscal year as
//! `cairn_roadmap::budget` counts it, against the ceilings.

use std::path::Path;

use cairn_case::{Advice, Metric, Simulation, SimulationSettings};
use cairn_core::narrative;
use cairn_core::{CaseYear, FiscalYear, InitiativeStatus, LineKind, MetricKey, MetricUnit, Plan};
use cairn_report::{
    AmountRow, BarStatus, BudgetRow, BudgetSection, CaseSection, CurrencyFormat, Figure, GoalView, Paper, ReportInput,
    RiskView, RoadmapBar, RoadmapLane, RoadmapSection, ScenarioSection, SectionKind, SourcingSection, SpendKind,
    SummarySection, ThemeCeiling, TornadoView, VariantView, YearInvestment,
};
use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::{ApiError, Cairn, ErrorCode, write_file_atomically};

/// The tornado's swing, as on the business-case page by default.
pub const REPORT_SWING_PERCENT: u32 = 20;

/// What to put in a pack and how.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportOptions {
    /// A4 or US Letter.
    pub paper: Paper,
    /// Render the plan as this scenario (or baseline) resolves, by id or name.
    pub scenario: Option<String>,
    /// The sections to include; empty means all.
    pub sections: Vec<SectionKind>,
    /// The confidentiality label on the cover and every page.
    pub label: String,
    /// A PNG or JPEG logo for the cover.
    pub logo: Option<Vec<u8>>,
    /// The date on the cover.
    pub date: NaiveDate,
    /// Monte Carlo runs and seed for the risk charts.
    pub simulation: SimulationSettings,
}

impl ReportOptions {
    /// Every section, A4, "Board confidential", the app's simulation defaults.
    pub fn new(date: NaiveDate) -> ReportOptions {
        ReportOptions {
            paper: Paper::A4,
            scenario: None,
            sections: Vec::new(),
            label: "Board confidential".into(),
            logo: None,
            date,
            simulation: SimulationSettings::default(),
        }
    }
}

/// Parses `a4` or `letter`.
pub fn parse_paper(text: &str) -> Result<Paper, ApiError> {
    match text.trim().to_ascii_lowercase().as_str() {
        "a4" => Ok(Paper::A4),
        "letter" | "us-letter" => Ok(Paper::Letter),
        other => Err(ApiError::invalid("paper", format!("unknown paper size \"{other}\": use a4 or letter"))),
    }
}

/// Parses a comma-separated list of sections (`summary,cases,appendix`).
pub fn parse_sections(list: &str) -> Result<Vec<SectionKind>, ApiError> {
    let mut out = Vec::new();
    for key in list.split(',').map(str::trim).filter(|k| !k.is_empty()) {
        let kind = SectionKind::from_key(key).ok_or_else(|| {
            let known: Vec<&str> = SectionKind::ALL.iter().map(|s| s.key()).collect();
            ApiError::invalid("sections", format!("unknown section \"{key}\"; known: {}", known.join(", ")))
        })?;
        if !out.contains(&kind) {
            out.push(kind);
        }
    }
    if out.is_empty() {
        return Err(ApiError::invalid("sections", "name at least one section"));
    }
    Ok(out)
}

/// A metric as the pack shows it: its figure by its unit, or why there is none.
fn metric_figure(key: MetricKey, m: Metric) -> Figure {
    match m {
        Metric::Value(v) => match key.unit() {
            MetricUnit::Money => Figure::Money(v),
            MetricUnit::Percent => Figure::Percent(v),
            MetricUnit::Years => Figure::Years(v),
            MetricUnit::Ratio => Figure::Ratio(v),
        },
        Metric::NotAvailable(why) => Figure::NotAvailable(why),
    }
}

fn status(s: InitiativeStatus) -> BarStatus {
    match s {
        InitiativeStatus::Proposed => BarStatus::Proposed,
        InitiativeStatus::Approved => BarStatus::Approved,
        InitiativeStatus::InProgress => BarStatus::InProgress,
        InitiativeStatus::Done => BarStatus::Done,
        InitiativeStatus::OnHold => BarStatus::OnHold,
        InitiativeStatus::Cancelled => BarStatus::Cancelled,
    }
}

fn sum(values: impl IntoIterator<Item = Decimal>) -> Decimal {
    values.into_iter().fold(Decimal::ZERO, Decimal::saturating_add)
}

/// One evaluated case with what the pack needs from it.
struct Evaluated {
    section: CaseSection,
    npv: Option<f64>,
    /// Capex and opex by fiscal year of the horizon (Year 0 counted in the case's first year,
    /// as the roadmap counts a linked case's budget).
    spend: Vec<(Decimal, Decimal)>,
    /// What the board is told about it (`cairn_case::advise`).
    advice: Advice,
}

fn evaluate_case(plan: &Plan, case: &cairn_core::BusinessCase, options: &ReportOptions) -> Evaluated {
    let years: Vec<FiscalYear> = plan.settings.horizon.fiscal_years().collect();
    let mut section = CaseSection {
        name: case.name.clone(),
        description: case.description.clone(),
        sponsor: case.sponsor.clone(),
        metrics: Vec::new(),
        columns: Vec::new(),
        rows: Vec::new(),
        periods: Vec::new(),
        cumulative: Vec::new(),
        cumulative_discounted: Vec::new(),
        payback_years: None,
        base_npv: None,
        tornado: Vec::new(),
        risk: None,
        notes: Vec::new(),
    };
    let mut spend = vec![(Decimal::ZERO, Decimal::ZERO); years.len()];
    let e = match cairn_case::evaluate(case) {
        Ok(e) => e,
        Err(err) => {
            section.notes.push(narrative::case_not_evaluated(&err));
            return Evaluated { section, npv: None, spend, advice: cairn_case::advise(None, None, None, &[]) };
        }
    };
    let m = &e.metrics;
    section.metrics = MetricKey::ALL.iter().map(|k| (*k, metric_figure(*k, m.get(*k)))).collect();
    let label = |at: CaseYear| match at {
        CaseYear::Upfront => "Year 0".to_owned(),
        CaseYear::Year(fy) => plan.year_label(fy),
    };
    section.columns = e.columns.iter().map(|c| label(c.at)).collect();
    section.columns.push("Total".into());
    let t = &e.totals;
    // Every row of the evaluation holds one amount per shown column already (a case without
    // Year 0 has no upfront cell): it is printed as it is, never looked up again by period.
    let row = |label: &str, r: &[Decimal], strong: bool, total: bool| -> AmountRow {
        let mut amounts: Vec<Decimal> = r.iter().copied().take(e.columns.len()).collect();
        amounts.resize(e.columns.len(), Decimal::ZERO);
        amounts.push(if total { sum(r.iter().copied()) } else { Decimal::ZERO });
        AmountRow { label: label.to_owned(), amounts, strong }
    };
    for (c, r) in &t.by_category {
        section.rows.push(row(c.label(), r, false, true));
    }
    section.rows.push(row("Capital expenditure", &t.capex, true, true));
    section.rows.push(row("Operating expenditure", &t.opex, true, true));
    section.rows.push(row("Total benefits", &t.benefits, true, true));
    if case.tax_rate.is_some() {
        section.rows.push(row("Tax", &t.tax, false, true));
    }
    section.rows.push(row("Net cash flow", &t.net, true, true));
    section.rows.push(row("Cumulative cash flow", &t.cumulative, false, false));
    section.periods = (0..case.periods())
        .map(|p| {
            if p == 0 {
                if case.upfront { "Year 0".to_owned() } else { "Start".to_owned() }
            } else {
                plan.year_label(FiscalYear(case.first_year.0 + p as i32 - 1))
            }
        })
        .collect();
    // The chart's points are t = 0, 1, 2…; the evaluation's rows are its columns, so a case
    // without Year 0 starts at 0 before its first year ("Start"), and the payback marker, counted
    // from t = 0, falls where the line crosses zero. Should an amount have no f64 (no decimal
    // lacks one), the chart says "No cash flow to chart" rather than drawing a wrong point.
    let start = if case.upfront { None } else { Some(0.0) };
    section.cumulative = t
        .cumulative
        .iter()
        .map(|d| cairn_core::to_f64(*d))
        .collect::<Result<Vec<f64>, _>>()
        .map(|points| start.into_iter().chain(points).collect())
        .unwrap_or_default();
    section.cumulative_discounted = start.into_iter().chain(t.cumulative_discounted.iter().copied()).collect();
    section.payback_years = m.payback_years.value();
    let npv = m.npv.value();
    section.base_npv = npv;
    let mut bars = Vec::new();
    if npv.is_some() {
        match cairn_case::sensitivity(case, Decimal::new(i64::from(REPORT_SWING_PERCENT), 2)) {
            Ok(s) => {
                bars = s.bars.clone();
                section.tornado = s
                    .bars
                    .into_iter()
                    .map(|b| TornadoView {
                        driver: b.driver,
                        low_label: b.low_label,
                        high_label: b.high_label,
                        npv_low: b.npv_low,
                        npv_high: b.npv_high,
                    })
                    .collect();
            }
            Err(err) => section.notes.push(narrative::no_sensitivity(&err)),
        }
    }
    let mut chance_of_loss = None;
    if case.lines.iter().any(|l| l.uncertainty.is_some()) {
        match Simulation::new(case).map(|s| s.run(options.simulation, &|_, _| true)) {
            Ok(Ok(r)) => {
                chance_of_loss = Some((r.probability_negative, options.simulation.iterations));
                section.risk = Some(RiskView {
                    iterations: r.settings.iterations,
                    seed: r.settings.seed,
                    mean: r.mean,
                    percentiles: r.percentiles,
                    probability_negative: r.probability_negative,
                    edges: r.histogram_edges,
                    counts: r.histogram_counts,
                });
            }
            Ok(Err(err)) => section.notes.push(narrative::no_risk_analysis(&err)),
            Err(err) => section.notes.push(narrative::no_risk_analysis(&err)),
        }
    }
    for (line, lr) in case.lines.iter().zip(&e.lines) {
        let kind = line.category.kind();
        if kind == LineKind::Benefit {
            continue;
        }
        for (c, &amount) in e.columns.iter().zip(&lr.amounts) {
            let year = match c.at {
                CaseYear::Upfront => case.first_year,
                CaseYear::Year(fy) => fy,
            };
            let Some(slot) = years.iter().position(|y| *y == year) else { continue };
            let cell = &mut spend[slot];
            if kind == LineKind::Capex {
                cell.0 = cell.0.saturating_add(amount);
            } else {
                cell.1 = cell.1.saturating_add(amount);
            }
        }
    }
    let advice = cairn_case::advise(npv, m.irr.value(), chance_of_loss, &bars);
    Evaluated { section, npv, spend, advice }
}

fn roadmap(plan: &Plan, date: NaiveDate) -> RoadmapSection {
    let calendar = &plan.settings.fiscal_calendar;
    let horizon = &plan.settings.horizon;
    let Ok(axis_start) = calendar.first_month(horizon.first_year) else {
        return RoadmapSection::default();
    };
    let years: Vec<(String, u32)> = horizon
        .fiscal_years()
        .enumerate()
        .map(|(i, fy)| (plan.year_label(fy), u32::try_from(i * 12).unwrap_or(u32::MAX)))
        .collect();
    let origin = axis_start.index();
    let bar = |x: &cairn_core::Initiative| RoadmapBar {
        name: x.name.clone(),
        start: x.start.index() - origin,
        end: x.end.index() - origin,
        status: status(x.status),
        dates: format!("{} – {}", x.start, x.end),
        id: x.id.to_string(),
        milestones: x.milestones.iter().map(|m| (m.name.clone(), m.month.index() - origin)).collect(),
        after: x.dependencies.iter().map(|d| d.on.to_string()).collect(),
    };
    let mut lanes: Vec<RoadmapLane> = plan
        .themes
        .iter()
        .map(|t| RoadmapLane {
            name: t.name.clone(),
            bars: plan.initiatives.iter().filter(|x| x.theme.as_ref() == Some(&t.id)).map(|x| bar(x)).collect(),
        })
        .collect();
    let orphans: Vec<RoadmapBar> = plan
        .initiatives
        .iter()
        .filter(|x| x.theme.as_ref().is_none_or(|id| !plan.themes.iter().any(|t| &t.id == id)))
        .map(|x| bar(x))
        .collect();
    lanes.push(RoadmapLane { name: "No theme".into(), bars: orphans });
    lanes.retain(|l| !l.bars.is_empty());
    for lane in &mut lanes {
        lane.bars.sort_by_key(|b| (b.start, b.end));
    }
    let months = u32::from(horizon.years) * 12;
    RoadmapSection { today: today_on_axis(axis_start, months, date), months, years, lanes }
}

/// Where `date` falls on a monthly axis starting at `axis_start` and `months` long: whole months
/// since the start plus the fraction of its month gone by, or `None` off the axis.
fn today_on_axis(axis_start: cairn_core::YearMonth, months: u32, date: NaiveDate) -> Option<f32> {
    use chrono::Datelike;
    let month = u8::try_from(date.month()).ok()?;
    let at = cairn_core::YearMonth::new(date.year(), month).ok()?.index() - axis_start.index();
    let days = date.with_day(1)?.checked_add_months(chrono::Months::new(1))?.pred_opt()?.day();
    let offset = at as f32 + (date.day() - 1) as f32 / days as f32;
    (offset >= 0.0 && offset <= months as f32).then_some(offset)
}

fn scenarios(plan: &Plan) -> Option<ScenarioSection> {
    if plan.scenarios.is_empty() {
        return None;
    }
    let mut names: Vec<&str> = vec![cairn_scenario::PLAN];
    names.extend(plan.scenarios.iter().take(3).map(|s| s.id.as_str()));
    let c = cairn_scenario::compare(plan, &names).ok()?;
    Some(ScenarioSection {
        variants: c
            .variants
            .iter()
            .map(|v| VariantView {
                label: v.label.clone(),
                portfolio_npv: v.portfolio_npv,
                spend: v.spend.iter().map(|s| (s.year.clone(), s.capex, s.opex)).collect(),
                cases: v.cases.iter().map(|c| (c.name.clone(), c.npv, c.irr)).collect(),
                initiatives: v.initiatives,
                roadmap_end: v.roadmap_end.clone(),
                over_ceiling: v.over_ceiling.iter().filter_map(|y| y.over_by.map(|by| (y.year.clone(), by))).collect(),
                critical_path: v.critical_path.iter().map(|p| p.name.clone()).collect(),
            })
            .collect(),
        differences: c
            .differences
            .iter()
            .map(|d| d.iter().map(|x| (x.what.clone(), x.from.clone(), x.to.clone())).collect())
            .collect(),
    })
}

/// The view data of a plan's board pack.
pub fn report_input(plan: &Plan, options: &ReportOptions) -> Result<ReportInput, ApiError> {
    let stored = plan;
    let (plan, scenario) = match &options.scenario {
        Some(name) => {
            let v =
                cairn_scenario::variant(plan, name).map_err(|e| ApiError::new(ErrorCode::NotFound, e.to_string()))?;
            (v.plan, Some(v.label))
        }
        None => (plan.clone(), None),
    };
    let currency = CurrencyFormat::of(plan.settings.currency);
    let years: Vec<FiscalYear> = plan.settings.horizon.fiscal_years().collect();
    let evaluated: Vec<Evaluated> = plan.business_cases.iter().map(|c| evaluate_case(&plan, c, options)).collect();

    // Investment by fiscal year is the roadmap's portfolio spend (every initiative's capex and
    // opex, linked cases' cost lines included), the same figures as the budget section and the
    // scenario comparison; a plan whose roadmap cannot be rolled up falls back to its cases.
    let investment: Vec<YearInvestment> = match cairn_roadmap::budget(&plan) {
        Ok(rollup) => rollup
            .years
            .iter()
            .map(|y| YearInvestment { year: y.label.clone(), capex: y.capex, opex: y.opex })
            .collect(),
        Err(_) => years
            .iter()
            .enumerate()
            .map(|(i, fy)| YearInvestment {
                year: plan.year_label(*fy),
                capex: sum(evaluated.iter().map(|e| e.spend[i].0)),
                opex: sum(evaluated.iter().map(|e| e.spend[i].1)),
            })
            .collect(),
    };
    let portfolio_npv = (!evaluated.is_empty()).then(|| evaluated.iter().filter_map(|e| e.npv).sum());

    // The cases' advice, the best NPV first.
    let mut by_npv: Vec<&Evaluated> = evaluated.iter().collect();
    by_npv.sort_by(|a, b| b.npv.unwrap_or(f64::MIN).total_cmp(&a.npv.unwrap_or(f64::MIN)));
    let mut key_risks = Vec::new();
    let mut recommendations = Vec::new();
    for e in &by_npv {
        let name = &e.section.name;
        key_risks.extend(e.advice.risks.iter().map(|r| narrative::case_risk(name, r, &currency)));
        recommendations
            .extend(e.advice.recommendation.iter().map(|r| narrative::case_recommendation(name, r, &currency)));
    }
    if plan.initiatives.is_empty() {
        recommendations.push(narrative::BUILD_THE_ROADMAP.into());
    }
    let counts = vec![
        ("Business cases".to_owned(), plan.business_cases.len()),
        ("Initiatives".to_owned(), plan.initiatives.len()),
    ];

    let goals = plan
        .goals
        .iter()
        .map(|g| GoalView {
            name: g.name.clone(),
            description: g.description.clone(),
            initiatives: plan.initiatives.iter().filter(|x| x.goals.contains(&g.id)).map(|x| x.name.clone()).collect(),
        })
        .collect();

    let budget = budget_section(&plan);
    let sourcing = plan.sourcing_studies.iter().map(|s| sourcing_section(&plan, s)).collect();

    let sections = if options.sections.is_empty() { SectionKind::ALL.to_vec() } else { options.sections.clone() };
    Ok(ReportInput {
        plan_name: plan.name.clone(),
        organisation: plan.organisation.clone(),
        date: options.date,
        label: options.label.trim().to_owned(),
        scenario,
        paper: options.paper,
        logo: options.logo.clone(),
        currency: currency.clone(),
        sections,
        summary: SummarySection {
            investment,
            portfolio_npv,
            counts,
            key_risks,
            recommendations,
            findings: Vec::new(),
            decisions: Vec::new(),
        },
        goals,
        roadmap: roadmap(&plan, options.date),
        budget,
        cases: evaluated.into_iter().map(|e| e.section).collect(),
        sourcing,
        // Scenarios are compared on the plan as stored: a pack rendered as one scenario still
        // shows where it stands among the others.
        scenarios: scenarios(stored),
        appendix: narrative::assumptions(
            &plan,
            REPORT_SWING_PERCENT,
            options.simulation.iterations,
            options.simulation.seed,
            cairn_case::MATERIAL_CHANCE_OF_LOSS,
        ),
    })
}

/// The budget by fiscal year as the roadmap rolls it up: each theme's capex and opex (linked
/// business cases' cost lines included), against the portfolio ceilings.
fn budget_section(plan: &Plan) -> BudgetSection {
    let rollup = match cairn_roadmap::budget(plan) {
        Ok(r) => r,
        Err(e) => {
            // A pack is still produced; the section says why it has no figures.
            let years: Vec<String> = plan.settings.horizon.fiscal_years().map(|fy| plan.year_label(fy)).collect();
            return BudgetSection {
                ceilings: vec![None; years.len()],
                years,
                rows: Vec::new(),
                source: narrative::budget_not_rolled_up(&e),
                theme_ceilings: Vec::new(),
            };
        }
    };
    let theme_name = |t: &Option<cairn_core::Id>| match t {
        Some(id) => plan.themes.iter().find(|x| &x.id == id).map_or(id.to_string(), |x| x.name.clone()),
        None => "No theme".to_owned(),
    };
    let mut rows = Vec::new();
    for (k, theme) in rollup.themes.iter().enumerate() {
        for kind in [SpendKind::Capex, SpendKind::Opex] {
            let amounts: Vec<Decimal> = rollup
                .years
                .iter()
                .map(|y| {
                    y.themes.get(k).map_or(Decimal::ZERO, |c| if kind == SpendKind::Capex { c.capex } else { c.opex })
                })
                .collect();
            if amounts.iter().any(|a| !a.is_zero()) {
                rows.push(BudgetRow { name: theme_name(theme), kind, amounts });
            }
        }
    }
    // Each theme with a ceiling in some year (the scenario's own ceilings when the pack shows
    // a scenario: `plan` is the resolved variant), against its spend.
    let theme_ceilings = rollup
        .themes
        .iter()
        .enumerate()
        .filter(|(k, _)| rollup.years.iter().any(|y| y.themes.get(*k).is_some_and(|c| c.ceiling.is_some())))
        .map(|(k, theme)| ThemeCeiling {
            theme: theme_name(theme),
            ceilings: rollup.years.iter().map(|y| y.themes.get(k).and_then(|c| c.ceiling)).collect(),
            spend: rollup.years.iter().map(|y| y.themes.get(k).map_or(Decimal::ZERO, |c| c.total)).collect(),
        })
        .collect();
    BudgetSection {
        theme_ceilings,
        years: rollup.years.iter().map(|y| y.label.clone()).collect(),
        rows,
        ceilings: rollup.years.iter().map(|y| y.ceiling).collect(),
        source: narrative::budget_source(rollup.outside_horizon, &CurrencyFormat::of(plan.settings.currency)),
    }
}

/// A sourcing study as the board sees it: options, weighted criteria, scores, the ranking,
/// TCO per option and how robust the winner is.
fn sourcing_section(plan: &Plan, study: &cairn_core::SourcingStudy) -> SourcingSection {
    let mut section = SourcingSection {
        name: study.name.clone(),
        service: study.service.clone(),
        options: study.options.iter().map(|o| o.name.clone()).collect(),
        criteria: study.criteria.iter().map(|c| (c.name.clone(), 0.0)).collect(),
        ..Default::default()
    };
    let e = match cairn_sourcing::evaluate_study(
        study,
        &plan.settings.horizon,
        cairn_sourcing::RobustnessSettings::default(),
    ) {
        Ok(e) => e,
        Err(err) => {
            section.robustness.push(narrative::study_not_evaluated(&err));
            return section;
        }
    };
    section.criteria = study.criteria.iter().zip(&e.weights).map(|(c, w)| (c.name.clone(), *w)).collect();
    section.money_criteria = study
        .criteria
        .iter()
        .enumerate()
        .filter(|(_, c)| c.basis == cairn_core::CriterionBasis::PresentValueTco)
        .map(|(i, _)| i)
        .collect();
    // Scores: one row per criterion, one column per option.
    section.scores = (0..study.criteria.len())
        .map(|j| e.matrix.iter().map(|row| row.get(j).copied().unwrap_or(f64::NAN)).collect())
        .collect();
    if let Some(ranking) = e.rankings.first() {
        let mut order: Vec<usize> = (0..study.options.len()).collect();
        order.sort_by_key(|&i| ranking.ranks.get(i).copied().unwrap_or(usize::MAX));
        section.ranking = order
            .iter()
            .map(|&i| (study.options[i].name.clone(), ranking.scores.get(i).copied().unwrap_or(f64::NAN)))
            .collect();
    }
    section.tco = study.options.iter().zip(&e.costs).map(|(o, c)| (o.name.clone(), c.tco)).collect();
    section.robustness.push(narrative::methods_agree(e.agree_on_winner));
    if let Some(r) = &e.robustness {
        let best = r
            .weighted_sum
            .p_first
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map(|(i, p)| (study.options[i].name.clone(), *p));
        if let Some((name, p)) = best {
            section.robustness.push(narrative::first_under_random_weights(&name, p, r.settings.samples));
        }
        for b in r.break_even.iter().filter(|b| b.weight.is_some()).take(3) {
            if let (Some(w), Some(c), Some(winner)) =
                (b.weight, study.criteria.get(b.criterion), b.new_winner.and_then(|i| study.options.get(i)))
            {
                let current = e.weights.get(b.criterion).copied().unwrap_or(0.0);
                let leader = e.rankings.first().and_then(|r| r.ranks.iter().position(|k| *k == 1));
                let leader = leader.and_then(|i| study.options.get(i)).map_or("", |o| o.name.as_str());
                section.robustness.push(narrative::break_even_weight(&c.name, w, current, &winner.name, leader, b.tie));
            }
        }
    }
    if !study.recommendation.trim().is_empty() {
        section.robustness.push(narrative::written_recommendation(&study.recommendation));
    }
    section
}

/// The PDF of a plan's board pack.
pub fn build_report(plan: &Plan, options: &ReportOptions) -> Result<Vec<u8>, ApiError> {
    let input = report_input(plan, options)?;
    cairn_report::render(&input).map_err(|e| match e {
        cairn_report::ReportError::Logo(_) => ApiError::invalid("logo", capitalise(&e.to_string())),
        cairn_report::ReportError::Font(_) => ApiError::new(ErrorCode::Io, capitalise(&e.to_string())),
    })
}

/// Builds the pack and writes it to `path` (a temporary file renamed over it, so the
/// destination never holds half a PDF). Returns the file's size in bytes.
pub fn write_report(plan: &Plan, options: &ReportOptions, path: &Path) -> Result<u64, ApiError> {
    let bytes = build_report(plan, options)?;
    write_file_atomically(path, &bytes)?;
    Ok(bytes.len() as u64)
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// The options the Board pack page asked for, checked.
pub fn options_from_request(
    request: &crate::report_dto::BoardPackRequestDto,
    today: NaiveDate,
) -> Result<ReportOptions, ApiError> {
    let mut options = ReportOptions::new(today);
    options.paper = parse_paper(&request.paper)?;
    if !request.sections.is_empty() {
        options.sections = parse_sections(&request.sections.join(","))?;
    }
    options.scenario = request.scenario.clone().filter(|s| !s.trim().is_empty() && s != cairn_scenario::PLAN);
    options.label = request.label.trim().to_owned();
    Ok(options)
}

/// Every section a pack can hold, in the pack's order.
pub fn report_sections() -> Vec<crate::report_dto::ReportSectionDto> {
    SectionKind::ALL
        .iter()
        .map(|s| crate::report_dto::ReportSectionDto { key: s.key().to_owned(), title: s.title().to_owned() })
        .collect()
}

impl Cairn {
    /// Writes the board pack the page asked for (dated `today`) to `path`.
    pub fn export_board_pack(
        &self,
        plan_id: &str,
        request: &crate::report_dto::BoardPackRequestDto,
        path: &Path,
        today: NaiveDate,
    ) -> Result<crate::report_dto::BoardPackDto, ApiError> {
        let options = options_from_request(request, today)?;
        let bytes = self.board_pack(plan_id, &options, path)?;
        Ok(crate::report_dto::BoardPackDto { path: path.display().to_string(), bytes })
    }

    /// Writes the board pack of a stored plan to `path`; returns the file's size in bytes.
    pub fn board_pack(&self, plan_id: &str, options: &ReportOptions, path: &Path) -> Result<u64, ApiError> {
        let plan = self.plan(plan_id)?;
        write_report(&plan, options, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn today_falls_on_the_axis_by_month_and_day() {
        let start = cairn_core::YearMonth::new(2026, 7).expect("month");
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).expect("date");
        assert_eq!(today_on_axis(start, 60, day(2026, 7, 1)), Some(0.0));
        // 1 March 2027 is 8 months in; 16 April 2027 is 9 months and half of April in.
        assert_eq!(today_on_axis(start, 60, day(2027, 3, 1)), Some(8.0));
        assert_eq!(today_on_axis(start, 60, day(2027, 4, 16)), Some(9.5));
        assert_eq!(today_on_axis(start, 60, day(2026, 6, 30)), None, "before the axis");
        assert_eq!(today_on_axis(start, 60, day(2031, 7, 2)), None, "after the axis");
    }
}

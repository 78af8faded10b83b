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
use cairn_core::narrative::{self, NpvFigure};
use cairn_core::{CaseYear, FiscalYear, InitiativeStatus, MetricKey, MetricUnit, Plan};
pub use cairn_report::FallbackFont;
use cairn_report::{
    AmountRow, BarStatus, CaseSection, CurrencyFormat, Figure, GoalView, Layout, NpvFigureView, Paper, ReportInput,
    RiskView, RoadmapBar, RoadmapLane, RoadmapSection, ScenarioSection, SectionKind, SummarySection, TornadoView,
    VariantView, YearInvestment,
};
use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::{ApiError, Cairn, ErrorCode, write_file_atomically};

/// The tornado's swing, as on the business-case page by default.
pub const REPORT_SWING_PERCENT: u32 = 20;

/// What to put in a pack and how.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportOptions {
    /// The board pack (A4 or Letter, `paper` applies) or the 16:9 deck.
    pub layout: Layout,
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
    /// Where to find fonts for characters the pack's typeface lacks (CJK, emoji).
    pub fonts: FontSource,
}

/// Where a pack finds fonts for the characters Source Sans 3 lacks. They are looked for only
/// when the pack has such characters: a plan in Latin script costs nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FontSource {
    /// The fonts installed on this computer.
    System,
    /// Only the fonts in these folders.
    Dirs(Vec<std::path::PathBuf>),
    /// None: such characters are drawn as a boxed "?".
    None,
}

impl ReportOptions {
    /// Every section, A4, "Board confidential", the app's simulation defaults.
    pub fn new(date: NaiveDate) -> ReportOptions {
        ReportOptions {
            layout: Layout::Pack,
            paper: Paper::A4,
            scenario: None,
            sections: Vec::new(),
            label: "Board confidential".into(),
            logo: None,
            date,
            simulation: SimulationSettings::default(),
            fonts: FontSource::System,
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

/// Parses `pack` or `deck`.
pub fn parse_layout(text: &str) -> Result<Layout, ApiError> {
    Layout::from_key(text).ok_or_else(|| {
        let known: Vec<&str> = Layout::ALL.iter().map(|l| l.key()).collect();
        ApiError::invalid("layout", format!("unknown layout \"{}\": use {}", text.trim(), known.join(" or ")))
    })
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
    /// Its headline NPV under the plan's policy.
    npv: Option<f64>,
    /// Capex and opex by fiscal year of the horizon (Year 0 counted in the case's first year,
    /// as the roadmap counts a linked case's budget).
    spend: Vec<(Decimal, Decimal)>,
    /// What the board is told about it (`cairn_case::decide`, through `case_decision`).
    advice: Advice,
}

/// The case's benefits register as the pack prints it: every benefit line, recorded or not (a
/// reviewer looks for the benefits nobody owns).
fn benefit_rows(plan: &Plan, case: &cairn_core::BusinessCase) -> Vec<cairn_report::BenefitRow> {
    // The names of the initiatives waited for, found in one pass over the plan's initiatives.
    let wanted: std::collections::HashSet<&cairn_core::Id> =
        case.lines.iter().filter_map(|l| l.register.as_ref()?.waits_for.as_ref()).collect();
    let names: std::collections::HashMap<&cairn_core::Id, &str> =
        plan.initiatives.iter().filter(|x| wanted.contains(&x.id)).map(|x| (&x.id, x.name.as_str())).collect();
    case.lines
        .iter()
        .filter_map(|l| {
            let class = l.benefit_class()?;
            let r = l.register.clone().unwrap_or_default();
            let waits_for = r
                .waits_for
                .as_ref()
                .map_or_else(String::new, |id| names.get(id).map_or_else(|| id.to_string(), |n| (*n).to_owned()));
            Some(cairn_report::BenefitRow {
                name: l.name.clone(),
                class: class.label().to_owned(),
                owner: r.owner,
                measure: r.measure,
                baseline: r.baseline,
                target: r.target,
                measured: r.measured,
                waits_for,
            })
        })
        .collect()
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
        recommendation: None,
        decision: None,
        npv_figures: Vec::new(),
        investment: Decimal::ZERO,
        benefits: benefit_rows(plan, case),
        economic: crate::report_economic::economic_view(plan, case),
    };
    let mut spend = vec![(Decimal::ZERO, Decimal::ZERO); years.len()];
    // The case in its plan: the policy's rates, its milestones, its capitalisation.
    let ctx = cairn_case::Context::of(plan);
    let e = match cairn_case::evaluate_in(case, &ctx) {
        Ok(e) => e,
        Err(err) => {
            section.notes.push(narrative::case_not_evaluated(&err));
            let d = crate::case_decision::decided(plan, case, None, &[], None);
            let currency = CurrencyFormat::of(plan.settings.currency);
            section.decision =
                d.advice.recommendation.as_ref().map(|r| narrative::case_recommendation(&case.name, r, &currency));
            section.recommendation.clone_from(&d.advice.recommendation);
            return Evaluated { section, npv: None, spend, advice: d.advice };
        }
    };
    let m = &e.metrics;
    // What going ahead spends: the preferred option's own costs (business as usual not netted),
    // as the roadmap's budget counts them.
    let preferred = cairn_case::evaluate_preferred(case, &ctx).ok();
    let own = preferred.as_ref().unwrap_or(&e);
    section.investment = sum(own.totals.capex.iter().chain(&own.totals.opex).map(|a| a.abs()));
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
        match cairn_case::sensitivity_in(case, Decimal::new(i64::from(REPORT_SWING_PERCENT), 2), &ctx) {
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
    let mut simulated = None;
    if case.lines.iter().any(|l| l.uncertainty.is_some()) {
        match Simulation::new_in(case, &ctx).map(|s| s.run(options.simulation, &|_, _| true)) {
            Ok(Ok(r)) => {
                section.risk = Some(RiskView {
                    iterations: r.settings.iterations,
                    seed: r.settings.seed,
                    mean: r.mean,
                    percentiles: r.percentiles.clone(),
                    probability_negative: r.probability_negative,
                    edges: r.histogram_edges.clone(),
                    counts: r.histogram_counts.clone(),
                    s_curve: r.s_curve.clone(),
                    p50: r.confidence.p50,
                    p80: r.confidence.p80,
                });
                simulated = Some(r);
            }
            Ok(Err(err)) => section.notes.push(narrative::no_risk_analysis(&err)),
            Err(err) => section.notes.push(narrative::no_risk_analysis(&err)),
        }
    }
    // What going ahead spends by year: the preferred option's capex and opex as the roadmap's
    // budget counts them (business as usual not netted; the policy's capitalisation; any
    // optimism-bias uplift).
    if let Some(preferred) = &preferred {
        for (k, c) in preferred.columns.iter().enumerate() {
            let year = match c.at {
                CaseYear::Upfront => case.first_year,
                CaseYear::Year(fy) => fy,
            };
            let Some(slot) = years.iter().position(|y| *y == year) else { continue };
            let cell = &mut spend[slot];
            let amount = |row: &[Decimal]| row.get(k).copied().unwrap_or_default();
            cell.0 = cell.0.saturating_add(amount(&preferred.totals.capex));
            cell.1 = cell.1.saturating_add(amount(&preferred.totals.opex));
        }
    }
    let d = crate::case_decision::decided(plan, case, Some(&e), &bars, simulated.as_ref());
    let currency = CurrencyFormat::of(plan.settings.currency);
    let headline = crate::case_decision::headline_figure(plan.settings.appraisal.headline);
    section.npv_figures = NpvFigure::ALL
        .iter()
        .map(|f| NpvFigureView {
            label: f.label().into(),
            meaning: f.meaning().into(),
            value: d.figures.npv(*f),
            note: crate::case_decision::missing_note(*f, &d.figures).unwrap_or_default(),
            headline: *f == headline,
        })
        .collect();
    section.decision =
        d.advice.recommendation.as_ref().map(|r| narrative::case_recommendation(&case.name, r, &currency));
    section.recommendation.clone_from(&d.advice.recommendation);
    let headline_npv = d.figures.headline(plan.settings.appraisal.headline);
    Evaluated { section, npv: headline_npv, spend, advice: d.advice }
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
    RoadmapSection { today: today_on_axis(axis_start, months, date), start: Some(axis_start), months, years, lanes }
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
    let baseline = since_baseline(plan);
    if plan.scenarios.is_empty() {
        return baseline.map(|b| ScenarioSection { baseline: Some(b), ..Default::default() });
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
        baseline,
    })
}

/// The plan against its latest baseline (the last taken; of two taken the same day, the later
/// in the plan): `cairn_scenario::variance` for spend and initiatives, the scenario comparison
/// for the end date and NPV, as the app's baseline views compute them. `None` without a
/// baseline or when they cannot be computed (the section then shows the scenarios only).
fn since_baseline(plan: &Plan) -> Option<cairn_report::BaselineView> {
    let b = plan.baselines.iter().enumerate().max_by_key(|(i, b)| (b.taken_on, *i)).map(|(_, b)| b)?;
    let v = cairn_scenario::variance(&b.plan, plan).ok()?;
    let c = cairn_scenario::compare(plan, &[b.id.as_str(), cairn_scenario::PLAN]).ok()?;
    let (then, now) = (c.variants.first()?, c.variants.get(1)?);
    let end_months = match (&then.roadmap_end, &now.roadmap_end) {
        (Some(a), Some(z)) => {
            let month = |t: &str| t.parse::<cairn_core::YearMonth>().ok().map(|m| m.index());
            month(z).zip(month(a)).map(|(z, a)| z - a)
        }
        _ => None,
    };
    let total = |f: &dyn Fn(&cairn_scenario::CostChange) -> Decimal| {
        v.cost.iter().map(f).try_fold(Decimal::ZERO, |acc, x| acc.checked_add(x))
    };
    Some(cairn_report::BaselineView {
        name: b.name.clone(),
        taken_on: Some(b.taken_on),
        spend: (total(&|x| x.baseline_total)?, total(&|x| x.total)?),
        end: (then.roadmap_end.clone(), now.roadmap_end.clone()),
        end_months,
        npv: (then.portfolio_npv, now.portfolio_npv),
        initiatives: (b.plan.initiatives.len(), plan.initiatives.len()),
        slipped: v.slips.len(),
        added: v.added.len(),
        removed: v.removed.len(),
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
    let portfolio_note = narrative::decision::portfolio_note(
        plan.settings.appraisal.headline,
        evaluated.iter().filter(|e| e.npv.is_none()).count(),
    );

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
    // Plan health: the same checks as the app's panel and `cairn check`, over the variant shown.
    // A plan the checks cannot run on is one whose budget cannot be rolled up: the budget
    // section says why.
    let found = cairn_check::check(&plan).unwrap_or_default();
    let findings = crate::report_health::summary_findings(&found);
    let case_decisions: Vec<(&str, Option<&narrative::CaseRecommendation>)> =
        by_npv.iter().map(|e| (e.section.name.as_str(), e.advice.recommendation.as_ref())).collect();
    let decisions = crate::report_health::decisions(&plan, &found, &case_decisions, &currency);
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
            themes: crate::report_sections::goal_themes(&plan, &g.id),
        })
        .collect();

    let budget = crate::report_sections::budget_section(&plan);
    let sourcing = plan.sourcing_studies.iter().map(|s| crate::report_sections::sourcing_section(&plan, s)).collect();

    let sections = if options.sections.is_empty() { SectionKind::ALL.to_vec() } else { options.sections.clone() };
    let cases: Vec<CaseSection> = evaluated.into_iter().map(|e| e.section).collect();
    // The risk section's simulation runs only when the pack shows it.
    let risks = if sections.contains(&SectionKind::Risks) {
        crate::report_risk::risk_section(&plan, &cases, options)
    } else {
        cairn_report::RiskSection::default()
    };
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
            portfolio_note,
            counts,
            key_risks,
            recommendations,
            findings,
            decisions,
        },
        goals,
        roadmap: roadmap(&plan, options.date),
        budget,
        cases,
        risks,
        sourcing,
        // Scenarios are compared on the plan as stored: a pack rendered as one scenario still
        // shows where it stands among the others.
        scenarios: scenarios(stored),
        appendix: crate::report_economic::appendix(&plan, options),
        // Filled by `build_report`, and only when the pack has characters Source Sans 3 lacks.
        fallback_fonts: Vec::new(),
        // The pack's own words are English; a plan records no locale of its own.
        language: "en".into(),
    })
}

fn report_error(e: cairn_report::ReportError) -> ApiError {
    match e {
        cairn_report::ReportError::Logo(_) => ApiError::invalid("logo", capitalise(&e.to_string())),
        cairn_report::ReportError::Font(_) | cairn_report::ReportError::Write(_) => {
            ApiError::new(ErrorCode::Io, capitalise(&e.to_string()))
        }
    }
}

/// The PDF of a plan's board pack, or of its board deck when `options.layout` asks for it.
pub fn build_report(plan: &Plan, options: &ReportOptions) -> Result<Vec<u8>, ApiError> {
    let mut input = report_input(plan, options)?;
    let draw = |input: &ReportInput| match options.layout {
        Layout::Pack => cairn_report::render_traced(input).map(|r| (r.pdf, r.missing)),
        Layout::Deck => cairn_report::render_deck_traced(input),
    };
    let (pdf, missing) = draw(&input).map_err(report_error)?;
    if missing.is_empty() || options.fonts == FontSource::None {
        return Ok(pdf);
    }
    // Only a pack with characters Source Sans 3 lacks looks for fonts, and is drawn again with
    // the ones found: a plan in Latin script is laid out once and reads no font file.
    let mut db = fontdb::Database::new();
    match &options.fonts {
        FontSource::System => db.load_system_fonts(),
        FontSource::Dirs(dirs) => dirs.iter().for_each(|d| db.load_fonts_dir(d)),
        FontSource::None => {}
    }
    input.fallback_fonts = fallback_fonts(&db, &missing);
    if input.fallback_fonts.is_empty() {
        return Ok(pdf);
    }
    draw(&input).map(|(pdf, _)| pdf).map_err(report_error)
}

/// The fonts of `db` that draw the `missing` characters, fewest first: each pick is the face
/// covering most of the characters still missing (a regular upright face, then the family's
/// name, breaking ties, so the choice does not depend on the order fonts were found in). Only
/// faces with outlines count (a colour-bitmap emoji font draws nothing in a PDF). Only the
/// chosen faces' files are read whole.
pub fn fallback_fonts(db: &fontdb::Database, missing: &std::collections::BTreeSet<char>) -> Vec<FallbackFont> {
    struct Candidate {
        id: fontdb::ID,
        name: String,
        regular: bool,
        covers: std::collections::BTreeSet<char>,
    }
    let mut candidates: Vec<Candidate> = db
        .faces()
        .filter_map(|face| {
            let covers = db.with_face_data(face.id, |data, index| {
                let f = ttf_parser::Face::parse(data, index).ok()?;
                let t = f.tables();
                if t.glyf.is_none() && t.cff.is_none() && t.cff2.is_none() {
                    return None;
                }
                Some(missing.iter().copied().filter(|c| f.glyph_index(*c).is_some()).collect())
            })??;
            let name = face.families.first().map_or_else(|| face.post_script_name.clone(), |f| f.0.clone());
            let regular = face.style == fontdb::Style::Normal && face.weight == fontdb::Weight::NORMAL;
            Some(Candidate { id: face.id, name, regular, covers })
        })
        .filter(|c: &Candidate| !c.covers.is_empty())
        .collect();
    candidates.sort_by(|a, b| b.regular.cmp(&a.regular).then_with(|| a.name.cmp(&b.name)));
    let mut left = missing.clone();
    let mut chosen = Vec::new();
    while !left.is_empty() {
        let best = candidates
            .iter()
            .enumerate()
            .map(|(k, c)| (k, c.covers.intersection(&left).count()))
            .filter(|(_, n)| *n > 0)
            .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)));
        let Some((k, _)) = best else { break };
        let c = candidates.remove(k);
        let loaded = db.with_face_data(c.id, |data, index| (std::sync::Arc::<[u8]>::from(data), index));
        if let Some((bytes, index)) = loaded {
            left.retain(|ch| !c.covers.contains(ch));
            chosen.push(FallbackFont { name: c.name, bytes, index });
        }
    }
    chosen
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
    if let Some(layout) = &request.layout {
        options.layout = parse_layout(layout)?;
    }
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

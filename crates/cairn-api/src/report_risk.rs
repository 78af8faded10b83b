//! The board pack's risk section: the register against the board's appetite (scores and the
//! flag by `cairn_core::risk`'s one rule, as `Cairn::risk_register` and `cairn risk list` give
//! them), the roadmap's schedule confidence (`cairn_risk::simulate` through `risk::simulate`, as
//! the Confidence view and `cairn roadmap confidence` run it) and each case's NPV S-curve (the
//! case's own simulation, the one its page and the case section show). Sentences are
//! `cairn_core::narrative::risk_pack`'s.

use cairn_core::narrative::risk_pack as words;
use cairn_core::{MilestoneKind, Plan, RiskKind, RiskStatus};
use cairn_report::{
    BudgetConfidenceView, CaseCurveView, CaseSection, RegisterView, RiskSection, ScheduleView, TopRiskView,
    YearSpendView,
};

use crate::report::ReportOptions;

/// How many risks the top-risks table lists.
pub(crate) const TOP_RISKS: usize = 10;

/// How many milestones the schedule table lists at most.
const KEY_MILESTONES: usize = 12;

pub(crate) fn risk_section(plan: &Plan, cases: &[CaseSection], options: &ReportOptions) -> RiskSection {
    let mut out = RiskSection::default();
    if plan.risks.is_empty() {
        out.register_note = words::NO_REGISTER.into();
    } else {
        out.register = Some(register(plan));
    }
    let runs = options.simulation.iterations;
    let seed = options.simulation.seed;
    if plan.initiatives.is_empty() {
        out.schedule_note = "No initiatives in this plan: there is no schedule to simulate.".into();
    } else {
        match schedule(plan, runs, seed) {
            Ok(s) => out.schedule = Some(s),
            Err(e) => out.schedule_note = words::no_schedule(&e.message),
        }
    }
    let currency = cairn_report::CurrencyFormat::of(plan.settings.currency);
    if plan.initiatives.is_empty() {
        out.budget_note = "No initiatives in this plan: there is no spend to simulate.".into();
    } else {
        match crate::risk::portfolio_confidence_of(plan, runs, seed, None) {
            Ok(c) => out.budget = Some(budget(&c, &currency)),
            Err(e) => out.budget_note = words::no_schedule(&e.message),
        }
    }
    out.case_curves = cases
        .iter()
        .filter_map(|c| {
            let r = c.risk.as_ref()?;
            let base = c.base_npv?;
            Some(CaseCurveView {
                name: c.name.clone(),
                base,
                p50: r.p50,
                p80: r.p80,
                curve: r.s_curve.clone(),
                summary: words::case_curve(base, r.p50, r.p80, &currency),
            })
        })
        .collect();
    out.case_curves_note = match cases.iter().find_map(|c| c.risk.as_ref()) {
        Some(r) => words::case_curves_method(r.iterations, r.seed),
        None => words::NO_CASE_CURVES.into(),
    };
    out
}

fn register(plan: &Plan) -> RegisterView {
    let settings = &plan.settings.risk;
    let live: Vec<&cairn_core::Risk> = plan.risks.iter().filter(|r| r.status != RiskStatus::Closed).collect();
    let mut inherent = vec![vec![0u32; 5]; 5];
    let mut residual = vec![vec![0u32; 5]; 5];
    let mut residual_above = vec![vec![0u32; 5]; 5];
    let cell = |m: &mut Vec<Vec<u32>>, r: cairn_core::Rating| {
        let (l, i) = (usize::from(r.likelihood.clamp(1, 5)) - 1, usize::from(r.impact.clamp(1, 5)) - 1);
        if let Some(c) = m.get_mut(l).and_then(|row| row.get_mut(i)) {
            *c = c.saturating_add(1);
        }
    };
    let category = |id: &cairn_core::Id| {
        settings.categories.iter().find(|c| &c.id == id).map_or_else(|| id.to_string(), |c| c.name.clone())
    };
    let mut above = 0;
    for r in &live {
        cell(&mut inherent, r.inherent);
        cell(&mut residual, r.residual);
        if settings.above_appetite(r) {
            above += 1;
            cell(&mut residual_above, r.residual);
        }
    }
    let threats = live.iter().filter(|r| r.kind == RiskKind::Threat).count();
    let appetites = settings
        .categories
        .iter()
        .map(|c| {
            let mine = live.iter().filter(|r| r.category == c.id);
            let n = mine.clone().count();
            let over = mine.filter(|r| settings.above_appetite(r)).count();
            (c.name.clone(), c.appetite, n, over)
        })
        .filter(|(_, appetite, n, _)| *n > 0 || appetite.is_some())
        .collect();
    let mut top: Vec<&cairn_core::Risk> = live.iter().copied().filter(|r| r.kind == RiskKind::Threat).collect();
    // Highest residual first, then highest inherent; the plan's order breaks ties (stable sort).
    top.sort_by(|a, b| b.residual.score().cmp(&a.residual.score()).then(b.inherent.score().cmp(&a.inherent.score())));
    let top = top
        .iter()
        .take(crate::report_risk::TOP_RISKS)
        .map(|r| TopRiskView {
            title: r.title.clone(),
            category: category(&r.category),
            owner: r.owner.clone(),
            response: r.response.key().to_owned(),
            inherent: r.inherent.score(),
            residual: r.residual.score(),
            above: settings.above_appetite(r),
        })
        .collect();
    let mut breaches: Vec<String> = live
        .iter()
        .filter(|r| settings.above_appetite(r))
        .filter_map(|r| {
            let appetite = settings.appetite(&r.category)?;
            Some(words::breach(&r.title, &category(&r.category), r.residual.score(), appetite))
        })
        .collect();
    if breaches.is_empty() {
        breaches.push(words::NO_BREACH.into());
    }
    RegisterView {
        summary: words::register(threats, live.len() - threats, above),
        heat_note: words::HEAT_MAPS.into(),
        likelihood: settings.scale.likelihood.iter().map(|l| l.label.clone()).collect(),
        impact: settings.scale.impact.iter().map(|l| l.label.clone()).collect(),
        inherent,
        residual,
        residual_above,
        appetites,
        top,
        breaches,
    }
}

fn schedule(plan: &Plan, runs: u32, seed: u64) -> Result<ScheduleView, crate::ApiError> {
    let risk = crate::risk::simulate(plan, runs, seed)?;
    let planned = cairn_roadmap::schedule(plan).map_err(crate::roadmap::roadmap_error)?.finish;
    let (Some(planned), Some(finish)) = (planned, risk.finish) else {
        return Err(crate::ApiError::invalid("initiatives", "the roadmap has no finish"));
    };
    let kinds: Vec<(MilestoneKind, &str)> =
        plan.initiatives.iter().flat_map(|x| x.milestones.iter().map(move |m| (m.kind, x.name.as_str()))).collect();
    let rows = |keep: &dyn Fn(MilestoneKind) -> bool| -> Vec<(String, String, _, _, _)> {
        risk.milestones
            .iter()
            .zip(&kinds)
            .filter(|(_, (kind, _))| keep(*kind))
            .take(KEY_MILESTONES)
            .map(|(m, (_, initiative))| (m.name.clone(), (*initiative).to_owned(), m.planned, m.month.p50, m.month.p80))
            .collect()
    };
    // Key milestones: the go-lives (what benefits wait for); every milestone when none is one.
    let mut milestones = rows(&|k| k == MilestoneKind::GoLive);
    if milestones.is_empty() {
        milestones = rows(&|_| true);
    }
    Ok(ScheduleView {
        runs: risk.runs,
        seed: risk.seed,
        planned,
        p50: finish.p50,
        p80: finish.p80,
        p90: finish.p90,
        milestones,
        curve: risk.s_curve.iter().map(|p| (p.month, p.probability)).collect(),
        summary: words::schedule(planned, finish.p50, finish.p80),
        method: words::schedule_method(risk.runs, risk.seed),
    })
}

fn budget(
    c: &crate::confidence_dto::PortfolioConfidenceDto,
    currency: &cairn_report::CurrencyFormat,
) -> BudgetConfidenceView {
    let with_ceiling: Vec<(String, f64)> =
        c.years.iter().filter_map(|y| y.prob_breach.map(|p| (y.label.clone(), p))).collect();
    let jcl = c.jcl.as_ref().and_then(|j| {
        let finish = j.finish.parse::<cairn_core::YearMonth>().ok()?;
        Some(words::jcl(j.percentile, finish, j.cost, j.probability, currency))
    });
    BudgetConfidenceView {
        years: c
            .years
            .iter()
            .map(|y| YearSpendView {
                label: y.label.clone(),
                ceiling: y.ceiling,
                planned: y.planned,
                p50: y.p50,
                p80: y.p80,
                breach: y.prob_breach,
            })
            .collect(),
        summary: words::budget(&with_ceiling),
        jcl: jcl.unwrap_or_default(),
        method: words::budget_method(c.runs, c.seed),
    }
}

//! Schedule risk through the roadmap (`cairn_risk::simulate`, with the register's delays): the
//! confidence view of a stored plan or scenario for the app, and `cairn roadmap confidence` for a
//! plan file; and joint cost and schedule confidence (`cairn_risk::portfolio_confidence`).

use cairn_core::{Plan, YearMonth};
use cairn_risk::{Confidence, Options, PortfolioConfidence, RegisterRisks, RiskError, ScheduleRisk};

use crate::cli_dto::{CliConfidenceDto, CliConfidenceRowDto, CliFinishDto};
use crate::confidence_dto::*;
use crate::roadmap::roadmap_error;
use crate::{ApiError, Cairn, ErrorCode};

pub use cairn_risk::{DEFAULT_RUNS, DEFAULT_SEED, MAX_RUNS};

/// The largest seed accepted: 2⁵³ − 1, exact as a JavaScript number and in any JSON reader.
pub const MAX_SEED: u64 = (1 << 53) - 1;

fn risk_error(e: RiskError) -> ApiError {
    match e {
        RiskError::Roadmap(e) => roadmap_error(e),
        RiskError::Runs(_) => ApiError::invalid("runs", e.to_string()),
        RiskError::PastLastMonth { .. } | RiskError::Month { .. } => ApiError::invalid("initiatives", e.to_string()),
        RiskError::Register { .. } => ApiError::invalid("risks", e.to_string()),
    }
}

fn check_seed(seed: u64) -> Result<(), ApiError> {
    if seed > MAX_SEED {
        return Err(ApiError::invalid("seed", format!("seed must be from 0 to {MAX_SEED}, not {seed}")));
    }
    Ok(())
}

/// Simulates `plan`'s roadmap `runs` times from `seed`, with the delays of its register's risks.
fn simulate(plan: &Plan, runs: u32, seed: u64) -> Result<ScheduleRisk, ApiError> {
    check_seed(seed)?;
    let delays = RegisterRisks::of(plan).map_err(risk_error)?;
    cairn_risk::simulate(plan, Options { runs, seed }, &delays).map_err(risk_error)
}

/// An amount to the cent, as the DTOs give amounts.
fn cents(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// The joint cost and schedule confidence of `plan` as the DTO gives it, with the joint
/// probability of `target` (a finish month and a total cost) when one is asked about.
pub fn portfolio_confidence_of(
    plan: &Plan,
    runs: u32,
    seed: u64,
    target: Option<&JointTargetDto>,
) -> Result<PortfolioConfidenceDto, ApiError> {
    check_seed(seed)?;
    let r: PortfolioConfidence = cairn_risk::portfolio_confidence(plan, Options { runs, seed }).map_err(risk_error)?;
    let planned = cairn_roadmap::schedule(plan).map_err(roadmap_error)?;
    let cal = &plan.settings.fiscal_calendar;
    let amounts = |a: &cairn_risk::AmountConfidence| AmountConfidenceDto {
        p50: cents(a.p50),
        p80: cents(a.p80),
        p90: cents(a.p90),
    };
    let target = match target {
        Some(t) => {
            let month = crate::codec::parse_month(&t.finish, "target.finish")?;
            if !t.cost.is_finite() {
                return Err(ApiError::invalid("target.cost", "must be a number"));
            }
            Some(JointTargetDto {
                finish: month.to_string(),
                cost: t.cost,
                probability: r.joint_probability(month, t.cost),
            })
        }
        None => None,
    };
    Ok(PortfolioConfidenceDto {
        runs: r.runs,
        seed: r.seed,
        currency: plan.settings.currency.code().to_owned(),
        years: r
            .years
            .iter()
            .map(|y| YearConfidenceDto {
                fy: y.year.0,
                label: cal.label(y.year),
                ceiling: y.ceiling.map(cents),
                planned: cents(y.planned),
                p50: cents(y.spend.p50),
                p80: cents(y.spend.p80),
                p90: cents(y.spend.p90),
                prob_breach: y.prob_breach,
            })
            .collect(),
        planned_cost: cents(r.planned_cost),
        cost: amounts(&r.cost),
        planned_finish: planned.finish.map(|m| m.to_string()),
        finish: r.finish.as_ref().map(confidence),
        jcl: r.jcl70.map(|j| JclDto {
            level: j.level,
            percentile: j.percentile,
            finish: j.finish.to_string(),
            cost: cents(j.cost),
            probability: j.probability,
        }),
        target,
    })
}

fn confidence(c: &Confidence) -> ConfidenceDto {
    ConfidenceDto { p50: c.p50.to_string(), p80: c.p80.to_string(), p90: c.p90.to_string() }
}

/// The confidence view's DTO of a simulated plan.
fn view(plan: &Plan, risk: &ScheduleRisk) -> Result<ScheduleRiskDto, ApiError> {
    let planned = cairn_roadmap::schedule(plan).map_err(roadmap_error)?;
    let text = |m: YearMonth| m.to_string();
    Ok(ScheduleRiskDto {
        runs: risk.runs,
        seed: risk.seed,
        planned_finish: planned.finish.map(text),
        finish: risk.finish.as_ref().map(confidence),
        initiatives: risk
            .initiatives
            .iter()
            .zip(plan.initiatives.iter().zip(&planned.rows))
            .map(|(r, (x, row))| InitiativeConfidenceDto {
                id: r.id.to_string(),
                name: x.name.clone(),
                planned_finish: text(row.early_finish),
                finish: confidence(&r.finish),
                criticality: r.criticality,
            })
            .collect(),
        milestones: risk
            .milestones
            .iter()
            .map(|m| MilestoneConfidenceDto {
                initiative: m.initiative.to_string(),
                name: m.name.clone(),
                planned: text(m.planned),
                month: confidence(&m.month),
            })
            .collect(),
        s_curve: risk
            .s_curve
            .iter()
            .map(|p| CurvePointDto { month: text(p.month), probability: p.probability })
            .collect(),
    })
}

impl Cairn {
    /// The schedule risk of a stored plan's roadmap, or of one of its scenarios (`scenario`: its
    /// id), for the roadmap's Confidence view.
    pub fn schedule_risk(
        &self,
        plan_id: &str,
        scenario: Option<&str>,
        runs: u32,
        seed: u64,
    ) -> Result<ScheduleRiskDto, ApiError> {
        let plan = self.plan(plan_id)?;
        let shown = crate::roadmap_variant::shown(&plan, scenario)?;
        view(&shown, &simulate(&shown, runs, seed)?)
    }

    /// The joint cost and schedule confidence of a stored plan or one of its scenarios
    /// (`scenario`: its id), for the roadmap's Confidence view and the board pack: each fiscal
    /// year's spend against its ceiling, and the joint confidence level, with the joint
    /// probability of `target` when one is given.
    pub fn portfolio_confidence(
        &self,
        plan_id: &str,
        scenario: Option<&str>,
        runs: u32,
        seed: u64,
        target: Option<&JointTargetDto>,
    ) -> Result<PortfolioConfidenceDto, ApiError> {
        let plan = self.plan(plan_id)?;
        let shown = crate::roadmap_variant::shown(&plan, scenario)?;
        portfolio_confidence_of(&shown, runs, seed, target)
    }
}

/// The schedule risk of a plan read from a file (`cairn roadmap confidence`), or of one of its
/// scenarios or baselines by id or name, as `cairn check --scenario` resolves it.
pub fn roadmap_confidence(
    plan: &Plan,
    scenario: Option<&str>,
    runs: u32,
    seed: u64,
) -> Result<CliConfidenceDto, ApiError> {
    let plan = crate::check::plan_as(plan, scenario)?;
    let risk = simulate(&plan, runs, seed)?;
    let finish =
        |c: &Confidence| CliFinishDto { p50: c.p50.to_string(), p80: c.p80.to_string(), p90: c.p90.to_string() };
    Ok(CliConfidenceDto {
        runs: risk.runs,
        seed: risk.seed,
        finish: risk.finish.as_ref().map(finish),
        initiatives: risk
            .initiatives
            .iter()
            .map(|r| CliConfidenceRowDto {
                id: r.id.to_string(),
                finish_p50: r.finish.p50.to_string(),
                finish_p80: r.finish.p80.to_string(),
                finish_p90: r.finish.p90.to_string(),
                criticality: r.criticality,
            })
            .collect(),
    })
}

/// A number of runs or a seed typed on the command line: a whole number within `max`, else an
/// error naming the option.
pub fn parse_count(option: &str, text: &str, min: u64, max: u64) -> Result<u64, ApiError> {
    match text.trim().parse::<u64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(ApiError::new(
            ErrorCode::InvalidInput,
            format!("{option} must be a whole number from {min} to {max}, not \"{text}\""),
        )),
    }
}

/// `--runs` and `--seed` as a simulation command reads them (`cairn case simulate`, `cairn
/// roadmap confidence`): whole numbers, runs from `min_runs` to [`MAX_RUNS`] (10,000 when not
/// given), seeds from 0 to [`MAX_SEED`] (20270701 when not given); a bad one is refused on one
/// line naming the option, the same way for every command.
pub fn parse_runs_and_seed(runs: Option<&str>, seed: Option<&str>, min_runs: u32) -> Result<(u32, u64), ApiError> {
    let runs = match runs {
        Some(text) => parse_count("--runs", text, u64::from(min_runs), u64::from(MAX_RUNS))?,
        None => u64::from(DEFAULT_RUNS),
    };
    let seed = match seed {
        Some(text) => parse_count("--seed", text, 0, MAX_SEED)?,
        None => DEFAULT_SEED,
    };
    Ok((u32::try_from(runs).unwrap_or(MAX_RUNS), seed))
}

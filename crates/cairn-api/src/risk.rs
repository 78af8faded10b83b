//! Schedule risk through the roadmap (`cairn_risk::simulate`, with the register's delays): the
//! confidence view of a stored plan or scenario for the app, and `cairn roadmap confidence` for a
//! plan file; and joint cost and schedule confidence (`cairn_risk::portfolio_confidence`).

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use cairn_core::{Plan, YearMonth};
use cairn_risk::{
    ChaCha8Rng, Confidence, Delays, Options, PortfolioConfidence, RegisterRisks, RiskError, ScheduleRisk,
};

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
pub(crate) fn simulate(plan: &Plan, runs: u32, seed: u64) -> Result<ScheduleRisk, ApiError> {
    let delays = RegisterRisks::of(plan).map_err(risk_error)?;
    simulate_with(plan, runs, seed, &delays)
}

fn simulate_with(plan: &Plan, runs: u32, seed: u64, delays: &dyn Delays) -> Result<ScheduleRisk, ApiError> {
    check_seed(seed)?;
    cairn_risk::simulate(plan, Options { runs, seed }, delays).map_err(risk_error)
}

/// Progress is reported after every this many runs (and after the last).
const PROGRESS_STEP: u32 = 1_024;

/// The delays given, counting the runs as the engine draws them, for progress. `cairn_risk`
/// calls a [`Delays`] once per run and offers no other hook; the count changes no draw, so the
/// figures are the engine's own. A cancel is remembered and answered when the engine returns
/// (it has no point at which to stop: 10,000 runs of 1,000 initiatives take under a second).
struct Counting<'a> {
    inner: &'a dyn Delays,
    total: u32,
    done: AtomicU32,
    cancelled: AtomicBool,
    progress: &'a (dyn Fn(u32, u32) -> bool + Sync),
}

impl Delays for Counting<'_> {
    fn draw(&self, run: u64, rng: &mut ChaCha8Rng, extra: &mut [i32]) {
        self.inner.draw(run, rng, extra);
        let done = self.done.fetch_add(1, Ordering::Relaxed).saturating_add(1);
        if (done.is_multiple_of(PROGRESS_STEP) || done == self.total)
            && !self.cancelled.load(Ordering::Relaxed)
            && !(self.progress)(done, self.total)
        {
            self.cancelled.store(true, Ordering::Relaxed);
        }
    }
}

/// Runs the schedule risk of `plan` (a plan or scenario as [`Cairn::schedule_plan`] resolved
/// it), with its register's delays, without the data directory, so the app runs it on a worker
/// thread; `progress(done, total)` returns `false` to cancel, answered with
/// [`ErrorCode::Cancelled`].
pub fn run_schedule_risk(
    plan: &Plan,
    runs: u32,
    seed: u64,
    progress: &(dyn Fn(u32, u32) -> bool + Sync),
) -> Result<ScheduleRiskDto, ApiError> {
    let delays = RegisterRisks::of(plan).map_err(risk_error)?;
    let counting =
        Counting { inner: &delays, total: runs, done: AtomicU32::new(0), cancelled: AtomicBool::new(false), progress };
    let risk = simulate_with(plan, runs, seed, &counting)?;
    if counting.cancelled.load(Ordering::Relaxed) {
        return Err(ApiError::new(ErrorCode::Cancelled, "the schedule risk simulation was cancelled"));
    }
    view(plan, &risk)
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
    /// The plan or scenario whose schedule risk the Confidence view asks for, resolved now, so
    /// that [`run_schedule_risk`] runs on a worker thread without the data directory.
    pub fn schedule_plan(&self, plan_id: &str, scenario: Option<&str>) -> Result<Plan, ApiError> {
        let plan = self.plan(plan_id)?;
        Ok(crate::roadmap_variant::shown(&plan, scenario)?.into_owned())
    }

    /// The roadmap's risk chips: for each initiative with linked risks that are not closed, how
    /// many and how many of them are above appetite (`RiskSettings::above_appetite`), in the
    /// plan's order of initiatives. One pass over the register.
    pub fn roadmap_risk_chips(&self, plan_id: &str, scenario: Option<&str>) -> Result<Vec<RiskChipDto>, ApiError> {
        let plan = self.plan(plan_id)?;
        let shown = crate::roadmap_variant::shown(&plan, scenario)?;
        Ok(risk_chips(&shown))
    }
}

/// [`Cairn::roadmap_risk_chips`] of a plan.
pub fn risk_chips(plan: &Plan) -> Vec<RiskChipDto> {
    let mut counts: std::collections::HashMap<&cairn_core::Id, (u32, u32)> = std::collections::HashMap::new();
    for r in plan.risks.iter().filter(|r| r.status != cairn_core::RiskStatus::Closed) {
        let above = u32::from(plan.settings.risk.above_appetite(r));
        for id in &r.links.initiatives {
            let c = counts.entry(id).or_default();
            c.0 = c.0.saturating_add(1);
            c.1 = c.1.saturating_add(above);
        }
    }
    plan.initiatives
        .iter()
        .filter_map(|x| {
            let (open, above_appetite) = counts.get(&x.id)?;
            Some(RiskChipDto { initiative: x.id.to_string(), open: *open, above_appetite: *above_appetite })
        })
        .collect()
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_with_progress_gives_the_engines_figures_and_a_cancel_is_answered() {
        let plan = cairn_core::demo_plan();
        let plain = view(&plan, &simulate(&plan, 3_000, 7).expect("simulate")).expect("view");
        let seen = std::sync::Mutex::new(Vec::new());
        let counted = run_schedule_risk(&plan, 3_000, 7, &|done, total| {
            seen.lock().expect("lock").push((done, total));
            true
        })
        .expect("run");
        assert_eq!(counted, plain, "counting runs changes no figure");
        let mut seen = seen.into_inner().expect("lock");
        seen.sort_unstable();
        assert_eq!(seen, vec![(1_024, 3_000), (2_048, 3_000), (3_000, 3_000)]);
        let e = run_schedule_risk(&plan, 3_000, 7, &|_, _| false).expect_err("cancelled");
        assert_eq!(e.code, ErrorCode::Cancelled);
    }

    #[test]
    fn chips_count_the_linked_risks_not_closed_and_those_above_appetite() {
        let mut plan = cairn_core::demo_plan();
        let chips = risk_chips(&plan);
        let of = |chips: &[RiskChipDto], id: &str| chips.iter().find(|c| c.initiative == id).cloned();
        // The data-centre exit: ransomware (above the cyber appetite), key staff, StateRAMP
        // (above), the lease, cloud costs, storage.
        let dc = of(&chips, "dc-exit").expect("dc-exit has risks");
        assert_eq!((dc.open, dc.above_appetite), (6, 2));
        for r in &mut plan.risks {
            if r.id.as_str() == "risk-ransomware" {
                r.status = cairn_core::RiskStatus::Closed;
            }
        }
        let dc = of(&risk_chips(&plan), "dc-exit").expect("dc-exit still has risks");
        assert_eq!((dc.open, dc.above_appetite), (5, 1), "a closed risk is no chip");
        assert!(of(&chips, "erp-finance").is_some_and(|c| c.open > 0 && c.above_appetite == 0));
        plan.risks.clear();
        assert!(risk_chips(&plan).is_empty());
    }
}

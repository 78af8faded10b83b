//! Monte Carlo risk analysis.
//!
//! Each uncertain line draws a multiplier of its planned amounts from its distribution: once per
//! run (the same in every year of the line: a line over- or under-runs as a whole) or, when its
//! uncertainty says so (`cairn_core::Draw::EachYear`), afresh for every year; a benefit with a
//! delay also draws whether it starts late. Lines named in the case's correlation matrix are
//! drawn as usual and then paired across runs by Iman–Conover (`crate::iman_conover`) so their
//! rank correlations are the matrix's, year by year when drawn each year. An uncertain discount
//! rate draws a multiplier of every year's rate once per run. Discrete events
//! ([`EventInput`], the seam for the quantified risks of a register) each occur with their
//! probability and add an impact drawn from three points.
//!
//! The run's cash flow is the planned flow plus each line's change, so a run in which every
//! multiplier is exactly 1, the rate's too, nothing is late and no event occurs reproduces the
//! deterministic NPV to the last bit.
//!
//! Runs are split into blocks of [`BLOCK`] iterations; block `k` draws from ChaCha8 seeded with
//! the seed, stream `k` (and Iman–Conover pairs the draws within the block). The result therefore
//! depends on the seed and the iteration count only, never on how many threads ran the blocks.

use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use cairn_core::{BusinessCase, Distribution, Draw, LineItem, LineKind};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution as _, Normal, Pert, Triangular, Uniform};
use rayon::prelude::*;
use rust_decimal::Decimal;

use crate::evaluate::{Discount, discount_in, evaluate_lines};
use crate::iman_conover::RankCorrelation;
use crate::simulate_summary::{Costs, summarise};
use crate::{CaseError, Context, float};

/// Iterations per block (the unit of seeding, progress and cancel).
pub const BLOCK: u32 = 1024;

/// How to run a simulation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SimulationSettings {
    /// Number of runs, 100 to 1,000,000.
    pub iterations: u32,
    /// The seed: the same seed gives the same result.
    pub seed: u64,
}

impl Default for SimulationSettings {
    fn default() -> Self {
        SimulationSettings { iterations: 10_000, seed: 20_270_701 }
    }
}

/// The simulation was cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the simulation was cancelled")]
pub struct Cancelled;

enum Sampler {
    Constant(f64),
    Triangular(Triangular<f64>),
    Pert(Pert<f64>),
    Uniform(Uniform<f64>),
    Normal(Normal<f64>),
}

impl Sampler {
    fn new(d: &Distribution, field: &str) -> Result<Sampler, CaseError> {
        let bad = |why: String| CaseError::invalid(field, why);
        let pct = |v: Decimal| -> Result<f64, CaseError> { Ok(float(v, field)? / 100.0) };
        Ok(match *d {
            Distribution::Triangular { min, mode, max } | Distribution::Pert { min, mode, max } if min == max => {
                if mode != min {
                    return Err(bad("the most likely value must lie between min and max".into()));
                }
                Sampler::Constant(pct(min)?)
            }
            Distribution::Triangular { min, mode, max } => {
                Sampler::Triangular(Triangular::new(pct(min)?, pct(max)?, pct(mode)?).map_err(|e| bad(e.to_string()))?)
            }
            Distribution::Pert { min, mode, max } => {
                Sampler::Pert(Pert::new(pct(min)?, pct(max)?).with_mode(pct(mode)?).map_err(|e| bad(e.to_string()))?)
            }
            Distribution::Uniform { min, max } if min == max => Sampler::Constant(pct(min)?),
            Distribution::Uniform { min, max } => {
                Sampler::Uniform(Uniform::new_inclusive(pct(min)?, pct(max)?).map_err(|e| bad(e.to_string()))?)
            }
            Distribution::Normal { mean, sd } if sd.is_zero() => Sampler::Constant(pct(mean)?),
            Distribution::Normal { mean, sd } => {
                Sampler::Normal(Normal::new(pct(mean)?, pct(sd)?).map_err(|e| bad(e.to_string()))?)
            }
        })
    }

    fn sample(&self, rng: &mut ChaCha8Rng) -> f64 {
        match self {
            Sampler::Constant(v) => *v,
            Sampler::Triangular(d) => d.sample(rng),
            Sampler::Pert(d) => d.sample(rng),
            Sampler::Uniform(d) => d.sample(rng),
            Sampler::Normal(d) => d.sample(rng),
        }
    }
}

/// A discrete event the simulation draws besides the lines: the seam through which the
/// quantified risks linked to a case (a risk register's probability and three-point impact)
/// enter a run. It occurs in a run with `probability`; when it does, an amount drawn from the
/// triangular distribution `low`–`mode`–`high` (plan currency, not negative) is spread over the
/// case's periods by `profile` (the share of the amount in each period of the net cash flow,
/// period 0 being the upfront column, whether or not the case shows one).
#[derive(Debug, Clone, PartialEq)]
pub struct EventInput {
    /// What it is, e.g. "Supplier insolvency".
    pub name: String,
    /// The chance it occurs in a run, 0 to 1.
    pub probability: f64,
    /// The least impact, in the plan's currency.
    pub low: f64,
    /// The most likely impact.
    pub mode: f64,
    /// The greatest impact.
    pub high: f64,
    /// The share of the impact in each period (at most the case's periods).
    pub profile: Vec<f64>,
    /// A cost (lowers the net flow, raises the present value of cost) or, when `false`, a benefit
    /// (an opportunity: raises the net flow). A negative share works the other way: a cost event
    /// with negative shares is a saving (raises the flow, lowers the cost), a benefit event with
    /// negative shares a loss of benefits (lowers the flow, leaves the cost).
    pub cost: bool,
    /// `Some(j)`: the event occurs exactly when the earlier event `j` does (one risk with two
    /// impacts, e.g. a cost and a loss of benefits), drawing no occurrence of its own.
    pub joins: Option<usize>,
}

/// The stream offset of the events' draws: block `k`'s events draw from stream `EVENT_STREAMS +
/// k` of the seed, so adding, removing or changing an event never changes the lines' draws.
pub const EVENT_STREAMS: u64 = 1 << 32;

struct Event {
    name: String,
    probability: f64,
    joins: Option<usize>,
    impact: Sampler,
    profile: Vec<f64>,
    cost: bool,
}

struct Input {
    name: String,
    sampler: Sampler,
    each_year: bool,
    /// The line's planned effect on the cash flow, per period.
    effect: Vec<f64>,
    /// Its planned effect on the costs, per period (zero for a benefit).
    cost: Vec<f64>,
    /// The chance of a late start and the effects on the flow and on the costs when late.
    delay: Option<(f64, Vec<f64>, Vec<f64>)>,
    /// Its column in the correlated group, when the matrix names it.
    correlated: Option<usize>,
}

/// One block's results: its NPVs, its present values of cost and each input's draws.
type Block = (Vec<f64>, Vec<f64>, Vec<Vec<f64>>);

/// A case prepared for simulation: owns what it needs, so it can run on another thread while
/// the case is edited.
pub struct Simulation {
    /// What year t = 1…n is divided by: `(1 + rate)^t` by `cairn_finance::compound`, as
    /// `cairn_finance::npv` computes them, or the schedule's chained divisors.
    powers: Vec<f64>,
    /// How the case is discounted, to scale by an uncertain rate.
    discount: Discount,
    base: Vec<f64>,
    base_cost: Vec<f64>,
    base_npv: f64,
    base_pv_cost: f64,
    inputs: Vec<Input>,
    /// The correlated lines' target, and whether they are drawn each year.
    correlation: Option<(RankCorrelation, bool)>,
    /// The multiplier of every year's rate.
    rate: Option<Sampler>,
    events: Vec<Event>,
}

/// How much an input drives the NPV.
#[derive(Debug, Clone, PartialEq)]
pub struct Contribution {
    /// The input, e.g. "ERP subscription" or "Staff time released (start delay)".
    pub input: String,
    /// Spearman's rank correlation of the input's draws with the NPV, −1 to 1; `None` when the
    /// input did not vary.
    pub rank_correlation: Option<f64>,
}

/// The NPV at four confidence levels, by nearest rank (`crate::nearest_rank`): `p80` is the
/// NPV 80 % of runs are at or below.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Confidence {
    /// 10th percentile.
    pub p10: f64,
    /// Median.
    pub p50: f64,
    /// 80th percentile.
    pub p80: f64,
    /// 90th percentile.
    pub p90: f64,
}

/// What a simulation found.
#[derive(Debug, Clone, PartialEq)]
pub struct SimulationResult {
    /// The settings it ran with.
    pub settings: SimulationSettings,
    /// The deterministic NPV.
    pub base_npv: f64,
    /// Mean NPV.
    pub mean: f64,
    /// Standard deviation of the NPV (sample, n − 1).
    pub sd: f64,
    /// Lowest NPV.
    pub min: f64,
    /// Highest NPV.
    pub max: f64,
    /// Percentiles (5, 10, 50, 90, 95), interpolated as the spreadsheet's PERCENTILE.INC.
    pub percentiles: Vec<(u8, f64)>,
    /// Share of runs with NPV < 0.
    pub probability_negative: f64,
    /// P10, P50, P80 and P90 of the NPV by nearest rank.
    pub confidence: Confidence,
    /// The present value of the case's costs as planned.
    pub base_pv_cost: f64,
    /// The 80th percentile (nearest rank) of the runs' present value of cost.
    pub pv_cost_p80: f64,
    /// What a budget at P80 needs on top of the planned cost: `pv_cost_p80 − base_pv_cost`.
    pub contingency_p80: f64,
    /// Histogram: bin edges (`bins + 1` values) and counts.
    pub histogram_edges: Vec<f64>,
    /// Runs per bin.
    pub histogram_counts: Vec<u32>,
    /// The S-curve: NPV at each percentile 0, 1, …, 100 (PERCENTILE.INC).
    pub s_curve: Vec<f64>,
    /// Each input's contribution, strongest first.
    pub contributions: Vec<Contribution>,
    /// Every run's NPV, in run order.
    pub npvs: Vec<f64>,
}

/// `with − base` per period, as f64: what a line adds to a row.
pub(crate) fn difference(with: &[Decimal], base: &[Decimal], field: &str) -> Result<Vec<f64>, CaseError> {
    with.iter()
        .zip(base)
        .map(|(w, b)| w.checked_sub(*b).ok_or_else(|| CaseError::overflow(field)).and_then(|d| float(d, field)))
        .collect()
}

/// The case with `line` added: its net cash flow less the case's is that line's effect (the
/// evaluation is linear in each line's amounts: realisation, tax, depreciation from the line's
/// own in-service date, the capitalisation policy and an optimism-bias uplift all scale with it).
fn with_line(case: &BusinessCase, line: LineItem) -> BusinessCase {
    let mut out = case.clone();
    out.lines.push(line);
    out
}

/// The net cash flow and the costs per period, with period 0 the upfront column (zero when the
/// case shows none).
pub(crate) fn rows(case: &BusinessCase, ctx: &Context) -> Result<(Vec<Decimal>, Vec<Decimal>), CaseError> {
    let totals = evaluate_lines(case, ctx)?.totals;
    let full = |row: Vec<Decimal>| if case.upfront { row } else { std::iter::once(Decimal::ZERO).chain(row).collect() };
    Ok((full(totals.net), full(totals.costs)))
}

/// The correlation the case states, as a target for Iman–Conover over its lines' inputs.
fn correlation(
    case: &BusinessCase,
    inputs: &mut [(usize, Input)],
) -> Result<Option<(RankCorrelation, bool)>, CaseError> {
    let Some(c) = &case.simulation.correlation else { return Ok(None) };
    let field = "simulation.correlation";
    let bad = |why: &str| CaseError::invalid(format!("{field}.lines"), why.to_owned());
    let mut each_year = None;
    for (column, id) in c.lines.iter().enumerate() {
        let Some(line) = case.lines.iter().position(|l| &l.id == id) else {
            return Err(bad(&format!("no uncertain line \"{id}\" in the case")));
        };
        let Some((_, input)) = inputs.iter_mut().find(|(l, _)| *l == line) else {
            return Err(bad(&format!("line \"{id}\" has no uncertainty to correlate")));
        };
        if input.correlated.is_some() {
            return Err(bad(&format!("names line \"{id}\" twice")));
        }
        if each_year.is_some_and(|e| e != input.each_year) {
            return Err(bad("must all be drawn the same way (once, or each year)"));
        }
        each_year = Some(input.each_year);
        input.correlated = Some(column);
    }
    let matrix: Vec<Vec<f64>> = c
        .matrix
        .iter()
        .enumerate()
        .map(|(i, r)| r.iter().map(|v| float(*v, &format!("{field}.matrix[{i}]"))).collect())
        .collect::<Result<_, _>>()?;
    if matrix.len() != c.lines.len() || !cairn_core::case_risk::is_positive_semi_definite(&matrix) {
        return Err(CaseError::invalid(
            format!("{field}.matrix"),
            "is not a correlation matrix of its lines (validate the plan for the nearest one)",
        ));
    }
    let target = RankCorrelation::new(&matrix, BLOCK as usize)
        .ok_or_else(|| CaseError::invalid(format!("{field}.matrix"), "is not positive semi-definite"))?;
    Ok(Some((target, each_year.unwrap_or(false))))
}

impl Simulation {
    /// Prepares a case outside any plan (no appraisal policy, no milestones); see
    /// [`Simulation::new_in`].
    pub fn new(case: &BusinessCase) -> Result<Simulation, CaseError> {
        Simulation::new_in(case, &Context::default())
    }

    /// Prepares a case in its plan's context with no events: [`Simulation::with_events`].
    pub fn new_in(case: &BusinessCase, ctx: &Context) -> Result<Simulation, CaseError> {
        Simulation::with_events(case, ctx, &[])
    }

    /// Prepares a case in its plan's context: evaluates it as [`crate::evaluate_in`] does and
    /// each uncertain line's effect on the net cash flow and on the costs, found by evaluating
    /// the case with a second copy of the line (and, for a benefit that may start late, with a
    /// copy moved whole years later), so a line's timing, depreciation, capitalisation and
    /// optimism bias are those of the evaluation. Runs are discounted as the case is: at its rate
    /// or the plan's schedule, scaled by the uncertain rate's multiplier when it has one.
    /// `events` are drawn in every run besides the lines (errors name them `events[i]`), then the
    /// events of the register's risks linked to the case (`Context::risks`).
    pub fn with_events(case: &BusinessCase, ctx: &Context, events: &[EventInput]) -> Result<Simulation, CaseError> {
        // A case with a short list is simulated as it is appraised: its preferred option against
        // business as usual (`crate::options`), line by line.
        let appraised = crate::options::appraised_case(case);
        let origins = appraised.as_ref().map(|(_, o)| &o[..]);
        let case = appraised.as_ref().map_or(case, |(c, _)| c);
        let (planned, planned_cost) = rows(case, ctx)?;
        let to_f64 = |row: &[Decimal], field: &str| -> Result<Vec<f64>, CaseError> {
            row.iter().map(|v| float(*v, field)).collect()
        };
        let base = to_f64(&planned, "totals.net")?;
        let base_cost = to_f64(&planned_cost, "totals.costs")?;
        let discount = discount_in(case, ctx)?;
        let pv =
            |flows: &[f64]| discount.present_value(flows).map_err(|e| CaseError::invalid("discount_rate", e.message()));
        let (base_npv, base_pv_cost) = (pv(&base)?, pv(&base_cost)?);
        let mut inputs = Vec::new();
        for (index, line) in case.lines.iter().enumerate() {
            let Some(u) = &line.uncertainty else { continue };
            let field = format!("lines[{index}].uncertainty");
            let sampler = Sampler::new(&u.distribution, &format!("{field}.distribution"))?;
            let (net, cost) = rows(&with_line(case, line.clone()), ctx)?;
            let effect = difference(&net, &planned, &field)?;
            let cost = difference(&cost, &planned_cost, &field)?;
            let delay = match &u.delay {
                Some(d) if line.category.kind() == LineKind::Benefit && d.years > 0 => {
                    let late = crate::timing::line_moved(case, index, ctx, 12 * u32::from(d.years))?;
                    let (net, late_cost) = rows(&with_line(case, late), ctx)?;
                    let late = difference(&net, &planned, &field)?;
                    let late_cost = difference(&late_cost, &planned_cost, &field)?;
                    Some((float(d.probability, &field)?, late, late_cost))
                }
                _ => None,
            };
            let each_year = u.draw == Draw::EachYear;
            let input = Input { name: line.name.clone(), sampler, each_year, effect, cost, delay, correlated: None };
            inputs.push((index, input));
        }
        let correlation = correlation(case, &mut inputs)?;
        let inputs = inputs.into_iter().map(|(_, i)| i).collect();
        let rate = match &case.simulation.discount_rate {
            Some(d) => Some(Sampler::new(d, "simulation.discount_rate")?),
            None => None,
        };
        let register = crate::register::register_events(case, origins, ctx, base.len(), events.len())?;
        let events = events
            .iter()
            .chain(&register)
            .enumerate()
            .map(|(i, e)| event(e, i, base.len()))
            .collect::<Result<_, _>>()?;
        // What each year is divided by: `(1 + rate)^t` by `cairn_finance::compound` at one rate,
        // as `cairn_finance::npv` computes them.
        let powers = discount.divisors(base.len()).into_iter().skip(1).collect();
        Ok(Simulation { powers, discount, base, base_cost, base_npv, base_pv_cost, inputs, correlation, rate, events })
    }

    /// `flows[0] + NPV(rate, flows[1..])` with the discount powers computed once: the same
    /// operations in the same order as `cairn_finance::npv`, so the same bits.
    fn present_value(flows: &[f64], powers: &[f64]) -> f64 {
        match flows.split_first() {
            None => 0.0,
            Some((first, [])) => *first,
            Some((first, rest)) => first + rest.iter().zip(powers).map(|(v, p)| v / p).sum::<f64>(),
        }
    }

    /// The divisors at every year's rate times `m`: the case's own when `m` is 1.
    fn scaled_powers(&self, m: f64) -> Option<Vec<f64>> {
        if m == 1.0 {
            return None;
        }
        let scaled = match &self.discount {
            Discount::Flat(r) => Discount::Flat(r * m),
            Discount::Schedule(s) => Discount::Schedule(
                cairn_finance::DiscountSchedule::per_year(s.rates().iter().map(|r| r * m).collect()).ok()?,
            ),
        };
        Some(scaled.divisors(self.base.len()).into_iter().skip(1).collect())
    }

    /// The deterministic NPV the simulation varies around.
    pub fn base_npv(&self) -> f64 {
        self.base_npv
    }

    /// How many uncertain inputs the case has (lines, the discount rate and events).
    pub fn input_count(&self) -> usize {
        self.inputs.len() + usize::from(self.rate.is_some()) + self.events.len()
    }

    /// The correlated lines' draws for a block: `[slot][column][run]`, one slot per period when
    /// drawn each year, paired by Iman–Conover slot by slot.
    fn correlated_draws(&self, count: usize, rng: &mut ChaCha8Rng) -> Vec<Vec<Vec<f64>>> {
        let Some((target, each_year)) = &self.correlation else { return Vec::new() };
        let mut group: Vec<&Input> = self.inputs.iter().filter(|i| i.correlated.is_some()).collect();
        group.sort_by_key(|i| i.correlated);
        let slots = if *each_year { self.base.len() } else { 1 };
        (0..slots)
            .map(|_| {
                let mut columns: Vec<Vec<f64>> =
                    group.iter().map(|i| (0..count).map(|_| i.sampler.sample(rng)).collect()).collect();
                target.apply(&mut columns, rng);
                columns
            })
            .collect()
    }

    /// Runs one block: NPVs, present values of cost and the draws of each input (multiplier,
    /// each year's mean when drawn each year; late 0/1 where it can be; the rate's multiplier;
    /// each event's impact, 0 when it did not occur).
    // `run` indexes the correlated draws three levels down (`[slot][column][run]`), not a slice.
    #[allow(clippy::needless_range_loop)]
    fn block(&self, settings: SimulationSettings, index: u32, draws: &mut [Vec<f64>]) -> (Vec<f64>, Vec<f64>) {
        let start = index * BLOCK;
        let count = BLOCK.min(settings.iterations - start) as usize;
        let mut rng = ChaCha8Rng::seed_from_u64(settings.seed);
        rng.set_stream(u64::from(index));
        let mut event_rng = ChaCha8Rng::seed_from_u64(settings.seed);
        event_rng.set_stream(EVENT_STREAMS + u64::from(index));
        let mut occurred = vec![false; self.events.len()];
        let correlated = self.correlated_draws(count, &mut rng);
        let periods = self.base.len();
        let mut npvs = Vec::with_capacity(count);
        let mut costs = Vec::with_capacity(count);
        let mut flows = self.base.clone();
        let mut cost = self.base_cost.clone();
        let mut year = Vec::with_capacity(periods);
        for run in 0..count {
            flows.copy_from_slice(&self.base);
            cost.copy_from_slice(&self.base_cost);
            let mut column = 0;
            for input in &self.inputs {
                let draw = |slot: usize, rng: &mut ChaCha8Rng| match input.correlated {
                    Some(c) => correlated[slot][c][run],
                    None => input.sampler.sample(rng),
                };
                // Once: one multiplier for every period; each year: one per period (the buffer
                // is reused run after run).
                let once = if input.each_year { None } else { Some(draw(0, &mut rng)) };
                if input.each_year {
                    year.clear();
                    year.extend((0..periods).map(|t| draw(t, &mut rng)));
                }
                draws[column].push(once.unwrap_or_else(|| year.iter().sum::<f64>() / periods as f64));
                column += 1;
                let (mut effect, mut cost_effect) = (&input.effect, &input.cost);
                if let Some((p, late, late_cost)) = &input.delay {
                    let is_late = rng.random::<f64>() < *p;
                    draws[column].push(if is_late { 1.0 } else { 0.0 });
                    column += 1;
                    if is_late {
                        (effect, cost_effect) = (late, late_cost);
                    }
                }
                let year = &year;
                let m = |t: usize| once.unwrap_or_else(|| year[t]);
                for (t, ((f, e), planned)) in flows.iter_mut().zip(effect).zip(&input.effect).enumerate() {
                    *f += m(t) * e - planned;
                }
                for (t, ((f, e), planned)) in cost.iter_mut().zip(cost_effect).zip(&input.cost).enumerate() {
                    *f += m(t) * e - planned;
                }
            }
            let scaled = match &self.rate {
                Some(s) => {
                    let m = s.sample(&mut rng);
                    draws[column].push(m);
                    column += 1;
                    self.scaled_powers(m)
                }
                None => None,
            };
            for (k, e) in self.events.iter().enumerate() {
                let occurs = match e.joins {
                    Some(j) => occurred.get(j).copied().unwrap_or(false),
                    None => event_rng.random::<f64>() < e.probability,
                };
                occurred[k] = occurs;
                let amount = if occurs { e.impact.sample(&mut event_rng) } else { 0.0 };
                draws[column].push(amount);
                column += 1;
                if occurs {
                    let sign = if e.cost { -1.0 } else { 1.0 };
                    for (t, share) in e.profile.iter().enumerate() {
                        flows[t] += sign * amount * share;
                        if e.cost {
                            cost[t] += amount * share;
                        }
                    }
                }
            }
            let powers = scaled.as_deref().unwrap_or(&self.powers);
            npvs.push(Self::present_value(&flows, powers));
            costs.push(Self::present_value(&cost, powers));
        }
        (npvs, costs)
    }

    fn columns(&self) -> Vec<String> {
        let mut names = Vec::new();
        for input in &self.inputs {
            names.push(input.name.clone());
            if input.delay.is_some() {
                names.push(format!("{} (start delay)", input.name));
            }
        }
        if self.rate.is_some() {
            names.push("Discount rate".to_owned());
        }
        names.extend(self.events.iter().map(|e| e.name.clone()));
        names
    }

    /// Runs the simulation on the current rayon pool (every core by default). `progress(done,
    /// total)` is called after each block (from worker threads); returning `false` cancels.
    pub fn run(
        &self,
        settings: SimulationSettings,
        progress: &(dyn Fn(u32, u32) -> bool + Sync),
    ) -> Result<SimulationResult, Cancelled> {
        let iterations = settings.iterations.max(1);
        let settings = SimulationSettings { iterations, ..settings };
        let blocks = iterations.div_ceil(BLOCK);
        let names = self.columns();
        let done = AtomicU32::new(0);
        let cancelled = AtomicBool::new(false);
        let parts: Vec<Option<Block>> = (0..blocks)
            .into_par_iter()
            .map(|index| {
                if cancelled.load(Ordering::Relaxed) {
                    return None;
                }
                let mut draws = vec![Vec::with_capacity(BLOCK as usize); names.len()];
                let (npvs, costs) = self.block(settings, index, &mut draws);
                let count = npvs.len() as u32;
                let now = done.fetch_add(count, Ordering::Relaxed) + count;
                if !progress(now, iterations) {
                    cancelled.store(true, Ordering::Relaxed);
                }
                Some((npvs, costs, draws))
            })
            .collect();
        if cancelled.load(Ordering::Relaxed) {
            return Err(Cancelled);
        }
        let mut npvs = Vec::with_capacity(iterations as usize);
        let mut costs = Vec::with_capacity(iterations as usize);
        let mut draws: Vec<Vec<f64>> = vec![Vec::with_capacity(iterations as usize); names.len()];
        for (n, c, d) in parts.into_iter().flatten() {
            npvs.extend(n);
            costs.extend(c);
            for (all, part) in draws.iter_mut().zip(d) {
                all.extend(part);
            }
        }
        let costs = Costs { base: self.base_pv_cost, runs: costs };
        Ok(summarise(settings, self.base_npv, npvs, costs, &names, &draws))
    }
}

/// An event checked and prepared: `events[i]` names it in errors.
fn event(e: &EventInput, i: usize, periods: usize) -> Result<Event, CaseError> {
    let at = |f: &str| format!("events[{i}].{f}");
    if e.joins.is_some_and(|j| j >= i) {
        return Err(CaseError::invalid(at("joins"), "must name an earlier event"));
    }
    if !(0.0..=1.0).contains(&e.probability) {
        return Err(CaseError::invalid(at("probability"), "must be between 0 and 1"));
    }
    if !(e.low.is_finite()
        && e.mode.is_finite()
        && e.high.is_finite()
        && 0.0 <= e.low
        && e.low <= e.mode
        && e.mode <= e.high)
    {
        return Err(CaseError::invalid(at("mode"), "must lie between low and high, neither negative"));
    }
    if e.profile.len() > periods || e.profile.iter().any(|s| !s.is_finite()) {
        return Err(CaseError::invalid(at("profile"), format!("must give at most {periods} finite shares")));
    }
    let impact = if e.low == e.high {
        Sampler::Constant(e.low)
    } else {
        Sampler::Triangular(
            Triangular::new(e.low, e.high, e.mode).map_err(|x| CaseError::invalid(at("mode"), x.to_string()))?,
        )
    };
    Ok(Event {
        name: e.name.clone(),
        probability: e.probability,
        joins: e.joins,
        impact,
        profile: e.profile.clone(),
        cost: e.cost,
    })
}

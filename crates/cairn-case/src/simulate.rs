//! Monte Carlo risk analysis.
//!
//! Each uncertain line draws a multiplier of its planned amounts once per run (the same in every
//! year of the line: a line over- or under-runs as a whole) from its distribution, independently
//! of the other lines; a benefit with a delay also draws whether it starts late. The run's cash
//! flow is the planned flow plus each line's change, so a run in which every multiplier is exactly
//! 1 and nothing is late reproduces the deterministic NPV to the last bit.
//!
//! Runs are split into blocks of [`BLOCK`] iterations; block `k` draws from ChaCha8 seeded with
//! the seed, stream `k`. The result therefore depends on the seed and the iteration count only,
//! never on how many threads ran the blocks.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};

use cairn_core::{BusinessCase, Distribution, LineItem, LineKind};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution as _, Normal, Pert, Triangular, Uniform};
use rust_decimal::Decimal;

use crate::evaluate::{discount_in, net_flow};
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

struct Input {
    name: String,
    sampler: Sampler,
    /// The line's planned effect on the cash flow, per period.
    effect: Vec<f64>,
    /// The chance of a late start and the effect when late.
    delay: Option<(f64, Vec<f64>)>,
}

/// One block's results: its index, its NPVs and each input's draws.
type Block = (u32, Vec<f64>, Vec<Vec<f64>>);

/// A case prepared for simulation: owns what it needs, so it can run on another thread while
/// the case is edited.
pub struct Simulation {
    /// What year t = 1…n is divided by: `(1 + rate)^t` by `cairn_finance::compound`, as
    /// `cairn_finance::npv` computes them, or the schedule's chained divisors.
    powers: Vec<f64>,
    base: Vec<f64>,
    base_npv: f64,
    inputs: Vec<Input>,
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
    /// Histogram: bin edges (`bins + 1` values) and counts.
    pub histogram_edges: Vec<f64>,
    /// Runs per bin.
    pub histogram_counts: Vec<u32>,
    /// The S-curve: NPV at each percentile 0, 1, …, 100.
    pub s_curve: Vec<f64>,
    /// Each input's contribution, strongest first.
    pub contributions: Vec<Contribution>,
    /// Every run's NPV, in run order.
    pub npvs: Vec<f64>,
}

/// `with − base` per period, as f64: what a line adds to the net cash flow.
fn difference(with: &[Decimal], base: &[Decimal], field: &str) -> Result<Vec<f64>, CaseError> {
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

impl Simulation {
    /// Prepares a case outside any plan (no appraisal policy, no milestones); see
    /// [`Simulation::new_in`].
    pub fn new(case: &BusinessCase) -> Result<Simulation, CaseError> {
        Simulation::new_in(case, &Context::default())
    }

    /// Prepares a case in its plan's context: evaluates it as [`crate::evaluate_in`] does and
    /// each uncertain line's effect on the net cash flow, found by evaluating the case with a
    /// second copy of the line (and, for a benefit that may start late, with a copy moved whole
    /// years later), so a line's timing, depreciation, capitalisation and optimism bias are
    /// those of the evaluation. Runs are discounted as the case is: at its rate or the plan's
    /// schedule.
    pub fn new_in(case: &BusinessCase, ctx: &Context) -> Result<Simulation, CaseError> {
        // A case with a short list is simulated as it is appraised: its preferred option against
        // business as usual (`crate::options`), line by line.
        let appraised = crate::options::appraised_case(case).map(|(c, _)| c);
        let case = appraised.as_ref().unwrap_or(case);
        let planned = net_flow(case, ctx)?;
        let base: Vec<f64> = planned.iter().map(|v| float(*v, "totals.net")).collect::<Result<_, _>>()?;
        let discount = discount_in(case, ctx)?;
        let base_npv = discount.present_value(&base).map_err(|e| CaseError::invalid("discount_rate", e.message()))?;
        let mut inputs = Vec::new();
        for (index, line) in case.lines.iter().enumerate() {
            let Some(u) = &line.uncertainty else { continue };
            let field = format!("lines[{index}].uncertainty");
            let sampler = Sampler::new(&u.distribution, &format!("{field}.distribution"))?;
            let effect = difference(&net_flow(&with_line(case, line.clone()), ctx)?, &planned, &field)?;
            let delay = match &u.delay {
                Some(d) if line.category.kind() == LineKind::Benefit && d.years > 0 => {
                    let late = crate::timing::line_moved(case, index, ctx, 12 * u32::from(d.years))?;
                    let late = difference(&net_flow(&with_line(case, late), ctx)?, &planned, &field)?;
                    Some((float(d.probability, &field)?, late))
                }
                _ => None,
            };
            inputs.push(Input { name: line.name.clone(), sampler, effect, delay });
        }
        // What each year is divided by: `(1 + rate)^t` by `cairn_finance::compound` at one rate,
        // as `cairn_finance::npv` computes them.
        let powers = discount.divisors(base.len()).into_iter().skip(1).collect();
        Ok(Simulation { powers, base, base_npv, inputs })
    }

    /// `flows[0] + NPV(rate, flows[1..])` with the discount powers computed once: the same
    /// operations in the same order as `cairn_finance::npv`, so the same bits.
    fn present_value(&self, flows: &[f64]) -> f64 {
        match flows.split_first() {
            None => 0.0,
            Some((first, [])) => *first,
            Some((first, rest)) => first + rest.iter().zip(&self.powers).map(|(v, p)| v / p).sum::<f64>(),
        }
    }

    /// The deterministic NPV the simulation varies around.
    pub fn base_npv(&self) -> f64 {
        self.base_npv
    }

    /// How many uncertain inputs the case has.
    pub fn input_count(&self) -> usize {
        self.inputs.len()
    }

    /// Runs one block: NPVs and the draws of each input (multiplier; late 0/1 where it can be).
    fn block(&self, settings: SimulationSettings, index: u32, draws: &mut [Vec<f64>]) -> Vec<f64> {
        let start = index * BLOCK;
        let count = BLOCK.min(settings.iterations - start) as usize;
        let mut rng = ChaCha8Rng::seed_from_u64(settings.seed);
        rng.set_stream(u64::from(index));
        let mut npvs = Vec::with_capacity(count);
        let mut flows = self.base.clone();
        for _ in 0..count {
            flows.copy_from_slice(&self.base);
            let mut column = 0;
            for input in &self.inputs {
                let m = input.sampler.sample(&mut rng);
                draws[column].push(m);
                column += 1;
                let mut effect = &input.effect;
                if let Some((p, late)) = &input.delay {
                    let is_late = rng.random::<f64>() < *p;
                    draws[column].push(if is_late { 1.0 } else { 0.0 });
                    column += 1;
                    if is_late {
                        effect = late;
                    }
                }
                for ((f, e), planned) in flows.iter_mut().zip(effect).zip(&input.effect) {
                    *f += m * e - planned;
                }
            }
            npvs.push(self.present_value(&flows));
        }
        npvs
    }

    fn columns(&self) -> Vec<String> {
        let mut names = Vec::new();
        for input in &self.inputs {
            names.push(input.name.clone());
            if input.delay.is_some() {
                names.push(format!("{} (start delay)", input.name));
            }
        }
        names
    }

    /// Runs the simulation on every core. `progress(done, total)` is called after each block
    /// (from worker threads); returning `false` cancels.
    pub fn run(
        &self,
        settings: SimulationSettings,
        progress: &(dyn Fn(u32, u32) -> bool + Sync),
    ) -> Result<SimulationResult, Cancelled> {
        let iterations = settings.iterations.max(1);
        let settings = SimulationSettings { iterations, ..settings };
        let blocks = iterations.div_ceil(BLOCK);
        let names = self.columns();
        let next = AtomicUsize::new(0);
        let done = AtomicU32::new(0);
        let cancelled = AtomicBool::new(false);
        let results: Mutex<Vec<Block>> = Mutex::new(Vec::with_capacity(blocks as usize));
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 16).min(blocks as usize);
        let work = || {
            loop {
                if cancelled.load(Ordering::Relaxed) {
                    return;
                }
                let index = next.fetch_add(1, Ordering::Relaxed) as u32;
                if index >= blocks {
                    return;
                }
                let mut draws = vec![Vec::with_capacity(BLOCK as usize); names.len()];
                let npvs = self.block(settings, index, &mut draws);
                let count = npvs.len() as u32;
                if let Ok(mut r) = results.lock() {
                    r.push((index, npvs, draws));
                }
                let now = done.fetch_add(count, Ordering::Relaxed) + count;
                if !progress(now, iterations) {
                    cancelled.store(true, Ordering::Relaxed);
                }
            }
        };
        std::thread::scope(|s| {
            for _ in 1..threads {
                s.spawn(work);
            }
            work();
        });
        if cancelled.load(Ordering::Relaxed) {
            return Err(Cancelled);
        }
        let mut parts = results.into_inner().unwrap_or_else(|e| e.into_inner());
        parts.sort_by_key(|(i, _, _)| *i);
        let mut npvs = Vec::with_capacity(iterations as usize);
        let mut draws: Vec<Vec<f64>> = vec![Vec::with_capacity(iterations as usize); names.len()];
        for (_, n, d) in parts {
            npvs.extend(n);
            for (all, part) in draws.iter_mut().zip(d) {
                all.extend(part);
            }
        }
        Ok(summarise(settings, self.base_npv, npvs, &names, &draws))
    }
}

/// PERCENTILE.INC on sorted values.
fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let h = p * (sorted.len() - 1) as f64;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// A key whose unsigned order is the order of the floats (for finite values).
fn order_key(v: f64) -> u64 {
    let bits = v.to_bits();
    if bits >> 63 == 1 { !bits } else { bits | (1 << 63) }
}

/// Sorts (key, index) pairs by key: an LSD radix sort in four 16-bit passes, several times
/// faster than a comparison sort on the 100,000 draws of a simulation.
fn radix_sort(mut items: Vec<(u64, u32)>) -> Vec<(u64, u32)> {
    let mut buffer = vec![(0u64, 0u32); items.len()];
    for pass in 0..4 {
        let shift = pass * 16;
        let mut counts = vec![0usize; 1 << 16];
        for (k, _) in &items {
            counts[((k >> shift) & 0xFFFF) as usize] += 1;
        }
        if counts.contains(&items.len()) {
            continue; // every key has the same digit here: nothing to reorder
        }
        let mut start = 0;
        for c in counts.iter_mut() {
            let n = *c;
            *c = start;
            start += n;
        }
        for item in &items {
            let slot = &mut counts[((item.0 >> shift) & 0xFFFF) as usize];
            buffer[*slot] = *item;
            *slot += 1;
        }
        std::mem::swap(&mut items, &mut buffer);
    }
    items
}

/// Ranks (1-based, ties averaged).
fn ranks(values: &[f64]) -> Vec<f64> {
    // A start-delay input is 0 or 1 in every run: its ranks follow from counting, no sort.
    if values.iter().all(|v| *v == 0.0 || *v == 1.0) {
        let zeros = values.iter().filter(|v| **v == 0.0).count();
        let low = (zeros as f64 + 1.0) / 2.0;
        let high = zeros as f64 + (values.len() - zeros) as f64 / 2.0 + 0.5;
        return values.iter().map(|v| if *v == 0.0 { low } else { high }).collect();
    }
    let keyed: Vec<(u64, u32)> = values.iter().enumerate().map(|(i, v)| (order_key(*v), i as u32)).collect();
    let order = radix_sort(keyed);
    let mut out = vec![0.0; values.len()];
    let mut i = 0;
    while i < order.len() {
        let mut j = i;
        while j + 1 < order.len() && order[j + 1].0 == order[i].0 {
            j += 1;
        }
        let rank = (i + j) as f64 / 2.0 + 1.0;
        for item in &order[i..=j] {
            out[item.1 as usize] = rank;
        }
        i = j + 1;
    }
    out
}

fn pearson(a: &[f64], b: &[f64]) -> Option<f64> {
    let n = a.len() as f64;
    let (ma, mb) = (a.iter().sum::<f64>() / n, b.iter().sum::<f64>() / n);
    let (mut sab, mut saa, mut sbb) = (0.0, 0.0, 0.0);
    for (x, y) in a.iter().zip(b) {
        let (dx, dy) = (x - ma, y - mb);
        sab += dx * dy;
        saa += dx * dx;
        sbb += dy * dy;
    }
    (saa > 0.0 && sbb > 0.0).then(|| (sab / (saa * sbb).sqrt()).clamp(-1.0, 1.0))
}

fn summarise(
    settings: SimulationSettings,
    base_npv: f64,
    npvs: Vec<f64>,
    names: &[String],
    draws: &[Vec<f64>],
) -> SimulationResult {
    let n = npvs.len();
    let mut sorted = npvs.clone();
    sorted.sort_unstable_by(f64::total_cmp);
    let mean = npvs.iter().sum::<f64>() / n as f64;
    let sd = if n > 1 { (npvs.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt() } else { 0.0 };
    let (min, max) = (sorted[0], sorted[n - 1]);
    let percentiles = [5u8, 10, 50, 90, 95].iter().map(|p| (*p, percentile(&sorted, f64::from(*p) / 100.0))).collect();
    let probability_negative = npvs.iter().filter(|v| **v < 0.0).count() as f64 / n as f64;
    let bins = 30usize;
    let (edges, counts) = if max > min {
        let width = (max - min) / bins as f64;
        let edges: Vec<f64> = (0..=bins).map(|i| min + width * i as f64).collect();
        let mut counts = vec![0u32; bins];
        for v in &npvs {
            let b = (((v - min) / width) as usize).min(bins - 1);
            counts[b] += 1;
        }
        (edges, counts)
    } else {
        (vec![min, max], vec![n as u32])
    };
    let s_curve = (0..=100).map(|p| percentile(&sorted, f64::from(p) / 100.0)).collect();
    let npv_ranks = ranks(&npvs);
    let mut contributions: Vec<Contribution> = std::thread::scope(|s| {
        let handles: Vec<_> = names
            .iter()
            .zip(draws)
            .map(|(name, d)| {
                let npv_ranks = &npv_ranks;
                s.spawn(move || Contribution { input: name.clone(), rank_correlation: pearson(&ranks(d), npv_ranks) })
            })
            .collect();
        handles
            .into_iter()
            .zip(names)
            .map(|(h, name)| h.join().unwrap_or(Contribution { input: name.clone(), rank_correlation: None }))
            .collect()
    });
    contributions.sort_by(|a, b| {
        let key = |c: &Contribution| c.rank_correlation.map_or(-1.0, f64::abs);
        key(b).total_cmp(&key(a))
    });
    SimulationResult {
        settings,
        base_npv,
        mean,
        sd,
        min,
        max,
        percentiles,
        probability_negative,
        histogram_edges: edges,
        histogram_counts: counts,
        s_curve,
        contributions,
        npvs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentile_inc_interpolates() {
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(percentile(&v, 0.0), 1.0);
        assert_eq!(percentile(&v, 1.0), 4.0);
        assert!((percentile(&v, 0.5) - 2.5).abs() < 1e-12);
        assert!((percentile(&v, 0.1) - 1.3).abs() < 1e-12);
    }

    #[test]
    fn ranks_average_ties() {
        assert_eq!(ranks(&[10.0, 20.0, 10.0, 5.0]), [2.5, 4.0, 2.5, 1.0]);
        // The counting path for 0/1 inputs agrees with the sort.
        assert_eq!(ranks(&[1.0, 0.0, 1.0, 0.0, 0.0]), [4.5, 2.0, 4.5, 2.0, 2.0]);
        assert_eq!(ranks(&[0.0, 0.0]), [1.5, 1.5]);
        assert_eq!(ranks(&[1.0]), [1.0]);
    }
}

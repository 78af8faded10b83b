//! The simulation: each run draws every initiative's duration, adds the delays given, and
//! schedules the roadmap by [`cairn_roadmap::Network`]'s passes, the ones `roadmap schedule`
//! runs; the runs are tallied by month.

use std::sync::Arc;

use cairn_core::{DurationPoints, Id, Initiative, Plan, YearMonth};
use cairn_roadmap::{LAST_MONTH_INDEX, Network};
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};
use rayon::prelude::*;

use crate::RiskError;
use crate::percentile::Histogram;

/// The seed when none is given: 20,270,701, the one the business-case simulation uses
/// (`cairn_case::SimulationSettings`), so every simulation in Cairn has one documented default.
pub const DEFAULT_SEED: u64 = 20_270_701;

/// The number of runs when none is given.
pub const DEFAULT_RUNS: u32 = 10_000;

/// The most runs accepted.
pub const MAX_RUNS: u32 = 1_000_000;

/// Runs are handed to threads in blocks of this many. Each run has its own random stream, so
/// the block size, like the number of threads, changes nothing in the results.
pub(crate) const BLOCK: u32 = 256;

/// Extra months each initiative takes in a run, beyond its drawn duration: the delays of the
/// risks linked to it (a risk register's quantified delays). The sum is never below one month.
pub trait Delays: Sync {
    /// Writes run `run`'s extra months per initiative (plan order) into `extra`, which holds
    /// zeros. `rng` is the run's own stream, positioned after the durations' draws, so drawing
    /// delays never changes the durations.
    fn draw(&self, run: u64, rng: &mut ChaCha8Rng, extra: &mut [i32]);
}

/// No delays: durations only.
pub struct NoDelays;

impl Delays for NoDelays {
    fn draw(&self, _run: u64, _rng: &mut ChaCha8Rng, _extra: &mut [i32]) {}
}

/// How many runs and from which seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// How many runs, 1 to [`MAX_RUNS`].
    pub runs: u32,
    /// The seed of every run's random stream.
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options { runs: DEFAULT_RUNS, seed: DEFAULT_SEED }
    }
}

/// P50, P80 and P90 of a month over the runs, by nearest rank ([`crate::nearest_rank`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Confidence {
    /// Half the runs are at or before it.
    pub p50: YearMonth,
    /// 80 % of the runs are at or before it.
    pub p80: YearMonth,
    /// 90 % of the runs are at or before it.
    pub p90: YearMonth,
}

/// One initiative's simulated finish and criticality.
#[derive(Debug, Clone, PartialEq)]
pub struct InitiativeRisk {
    /// The initiative.
    pub id: Id,
    /// Its early finish (the last month of work) over the runs.
    pub finish: Confidence,
    /// The share of runs in which it was critical (no total float), 0 to 1.
    pub criticality: f64,
}

/// One milestone's simulated month.
#[derive(Debug, Clone, PartialEq)]
pub struct MilestoneRisk {
    /// The initiative it belongs to.
    pub initiative: Id,
    /// Its name.
    pub name: String,
    /// Its planned month.
    pub planned: YearMonth,
    /// Its month over the runs.
    pub month: Confidence,
}

/// A point of the S-curve: the share of runs in which the roadmap finished by the end of `month`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CurvePoint {
    /// The month.
    pub month: YearMonth,
    /// The share of runs finished in it or before, 0 to 1.
    pub probability: f64,
}

/// The schedule risk of a roadmap.
#[derive(Debug, Clone, PartialEq)]
pub struct ScheduleRisk {
    /// How many runs.
    pub runs: u32,
    /// The seed.
    pub seed: u64,
    /// The roadmap's finish (the latest early finish) over the runs; `None` without initiatives.
    pub finish: Option<Confidence>,
    /// Every initiative, in the plan's order.
    pub initiatives: Vec<InitiativeRisk>,
    /// Every milestone, by initiative in the plan's order, then as the initiative lists them.
    pub milestones: Vec<MilestoneRisk>,
    /// The roadmap's finish month by month, from the earliest run's to the latest's.
    pub s_curve: Vec<CurvePoint>,
}

/// A milestone's place in its initiative: `offset` months after the planned start, which lasts
/// `planned` months.
struct MilestonePlace {
    initiative: usize,
    offset: i32,
    planned: i32,
}

impl MilestonePlace {
    /// Its month in a run where its initiative runs from `es` to `ef` (`duration` months). A
    /// milestone within the planned dates falls after the same share of the work —
    /// es + ⌈(offset + 1)·duration / planned⌉ − 1, so one in the last month stays in the last
    /// month; one before the start keeps its distance from the start, one after the end its
    /// distance from the end. With the planned duration each keeps its offset from the start.
    fn month(&self, es: i32, ef: i32, duration: i32) -> i32 {
        if self.offset < 0 {
            es.saturating_add(self.offset)
        } else if self.offset >= self.planned {
            ef.saturating_add(self.offset - (self.planned - 1))
        } else {
            let share = (i64::from(self.offset) + 1) * i64::from(duration);
            let months = share.div_euclid(i64::from(self.planned)) + i64::from(share % i64::from(self.planned) != 0);
            es.saturating_add(i32::try_from(months).unwrap_or(i32::MAX)).saturating_sub(1)
        }
    }
}

/// The roadmap as the runs see it, built once.
pub(crate) struct Model<'a> {
    pub(crate) initiatives: &'a [Arc<Initiative>],
    net: Network,
    pub(crate) planned_start: Vec<i32>,
    points: Vec<Triangle>,
    milestones: Vec<MilestonePlace>,
}

/// What a block of runs counted.
struct Tally {
    finish: Vec<Histogram>,
    critical: Vec<u64>,
    milestones: Vec<Histogram>,
    roadmap: Histogram,
}

impl Tally {
    fn new(initiatives: usize, milestones: usize) -> Tally {
        Tally {
            finish: vec![Histogram::default(); initiatives],
            critical: vec![0; initiatives],
            milestones: vec![Histogram::default(); milestones],
            roadmap: Histogram::default(),
        }
    }

    fn merge(&mut self, other: &Tally) {
        self.finish.iter_mut().zip(&other.finish).for_each(|(a, b)| a.merge(b));
        self.critical.iter_mut().zip(&other.critical).for_each(|(a, b)| *a += b);
        self.milestones.iter_mut().zip(&other.milestones).for_each(|(a, b)| a.merge(b));
        self.roadmap.merge(&other.roadmap);
    }
}

/// A uniform draw in [0, 1) from the next 64 bits of the stream: the top 53 bits over 2⁵³.
pub(crate) fn uniform(rng: &mut ChaCha8Rng) -> f64 {
    (rng.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// The triangular distribution's inverse distribution function at `u`: the duration whose share
/// of draws at or below it is `u`.
pub fn triangular(p: &DurationPoints, u: f64) -> f64 {
    Triangle::new(p).at(u)
}

/// A triangular distribution with what its inverse needs worked out once per initiative.
#[derive(Clone, Copy)]
pub(crate) struct Triangle {
    a: f64,
    b: f64,
    /// b − a, the width.
    width: f64,
    /// m − a: a draw with u·width below it falls left of the mode.
    left: f64,
    /// (b − a)(m − a) and (b − a)(b − m).
    left_area: f64,
    right_area: f64,
}

impl Triangle {
    pub(crate) fn new(p: &DurationPoints) -> Triangle {
        let (a, m, b) = (p.optimistic, p.most_likely, p.pessimistic);
        let width = b - a;
        Triangle { a, b, width, left: m - a, left_area: width * (m - a), right_area: width * (b - m) }
    }

    #[inline]
    pub(crate) fn at(&self, u: f64) -> f64 {
        if self.width <= 0.0 {
            self.a
        } else if u * self.width < self.left {
            self.a + (u * self.left_area).sqrt()
        } else {
            self.b - ((1.0 - u) * self.right_area).sqrt()
        }
    }
}

/// A drawn duration in whole months: rounded half up, never below one month.
pub fn whole_months(x: f64) -> i32 {
    let rounded = (x + 0.5).floor();
    // A range is at most 360 months (validation) or ten times a planned duration: far inside i32.
    if rounded.is_finite() && rounded >= 1.0 { rounded.min(f64::from(i32::MAX)) as i32 } else { 1 }
}

impl Model<'_> {
    pub(crate) fn new(plan: &Plan) -> Result<Model<'_>, RiskError> {
        let initiatives = &plan.initiatives[..];
        let net = Network::new(initiatives)?;
        let spread = &plan.settings.roadmap.duration_spread;
        let mut milestones = Vec::new();
        for (k, x) in initiatives.iter().enumerate() {
            for m in &x.milestones {
                milestones.push(MilestonePlace {
                    initiative: k,
                    offset: x.start.months_until(m.month),
                    planned: x.months().max(1),
                });
            }
        }
        Ok(Model {
            initiatives,
            net,
            planned_start: initiatives.iter().map(|x| x.start.index()).collect(),
            points: initiatives.iter().map(|x| Triangle::new(&x.three_point(spread))).collect(),
            milestones,
        })
    }

    /// Runs `first..end`, each from its own stream of `seed`.
    fn block(&self, seed: u64, first: u32, end: u32, delays: &dyn Delays) -> Result<Tally, RiskError> {
        let n = self.initiatives.len();
        let mut tally = Tally::new(n, self.milestones.len());
        let mut b = Buffers::new(n);
        let seeded = ChaCha8Rng::seed_from_u64(seed);
        for run in first..end {
            let draw = &mut |rng: &mut ChaCha8Rng, extra: &mut [i32]| delays.draw(u64::from(run), rng, extra);
            let Some(finish) = self.run(&seeded, run, &mut b, draw)? else { continue };
            self.net.late_dates(&b.duration, finish, &mut b.ls, &mut b.lf);
            for k in 0..n {
                tally.finish[k].add(b.ef[k]);
                tally.critical[k] += u64::from(b.ls[k] == b.es[k]);
            }
            for (h, m) in tally.milestones.iter_mut().zip(&self.milestones) {
                let k = m.initiative;
                h.add(m.month(b.es[k], b.ef[k], b.duration[k]));
            }
            tally.roadmap.add(finish);
        }
        Ok(tally)
    }

    /// Run `run`: draws the durations from the run's stream, then `extra` (the delays, from the
    /// same stream after the durations), and schedules the early dates into `b`. The roadmap's
    /// finish, `None` without initiatives.
    pub(crate) fn run(
        &self,
        seeded: &ChaCha8Rng,
        run: u32,
        b: &mut Buffers,
        extra: &mut dyn FnMut(&mut ChaCha8Rng, &mut [i32]),
    ) -> Result<Option<i32>, RiskError> {
        let n = self.initiatives.len();
        let mut rng = seeded.clone();
        rng.set_stream(u64::from(run));
        for (d, p) in b.duration.iter_mut().zip(&self.points) {
            *d = whole_months(p.at(uniform(&mut rng)));
        }
        b.extra.fill(0);
        extra(&mut rng, &mut b.extra);
        for (d, e) in b.duration.iter_mut().zip(&b.extra) {
            *d = d.saturating_add(*e).max(1);
        }
        let Some(finish) = self.net.early_dates(&self.planned_start, &b.duration, &mut b.es, &mut b.ef) else {
            return Ok(None);
        };
        if finish > LAST_MONTH_INDEX {
            let k = (0..n).find(|&k| b.ef[k] > LAST_MONTH_INDEX).unwrap_or(0);
            return Err(RiskError::PastLastMonth { initiative: self.initiatives[k].name.clone(), run });
        }
        Ok(Some(finish))
    }
}

/// One run's working arrays, reused run after run.
pub(crate) struct Buffers {
    pub(crate) duration: Vec<i32>,
    extra: Vec<i32>,
    pub(crate) es: Vec<i32>,
    pub(crate) ef: Vec<i32>,
    ls: Vec<i32>,
    lf: Vec<i32>,
}

impl Buffers {
    pub(crate) fn new(n: usize) -> Buffers {
        Buffers {
            duration: vec![0; n],
            extra: vec![0; n],
            es: vec![0; n],
            ef: vec![0; n],
            ls: vec![0; n],
            lf: vec![0; n],
        }
    }
}

pub(crate) fn month(index: i32, who: &str) -> Result<YearMonth, RiskError> {
    YearMonth::from_index(index).map_err(|e| RiskError::Month { what: who.to_owned(), reason: e.to_string() })
}

fn confidence(h: &Histogram, who: &str) -> Result<Confidence, RiskError> {
    let at = |p| h.percentile(p).ok_or_else(|| RiskError::Month { what: who.to_owned(), reason: "no runs".into() });
    Ok(Confidence { p50: month(at(50)?, who)?, p80: month(at(80)?, who)?, p90: month(at(90)?, who)? })
}

/// Simulates `options.runs` runs of the plan's roadmap (docs/risk.md, "Schedule risk"), on the
/// current rayon thread pool; the results are the same whatever its number of threads.
pub fn simulate(plan: &Plan, options: Options, delays: &dyn Delays) -> Result<ScheduleRisk, RiskError> {
    if !(1..=MAX_RUNS).contains(&options.runs) {
        return Err(RiskError::Runs(options.runs));
    }
    let model = Model::new(plan)?;
    let blocks: Vec<(u32, u32)> =
        (0..options.runs.div_ceil(BLOCK)).map(|b| (b * BLOCK, ((b + 1) * BLOCK).min(options.runs))).collect();
    let tallies: Vec<Result<Tally, RiskError>> =
        blocks.par_iter().map(|&(first, end)| model.block(options.seed, first, end, delays)).collect();
    // Counts add up the same in any order; the first failing block (by run) is the one reported.
    let mut total = Tally::new(model.initiatives.len(), model.milestones.len());
    for t in tallies {
        total.merge(&t?);
    }
    let xs = model.initiatives;
    let runs = f64::from(options.runs);
    let mut initiatives = Vec::with_capacity(xs.len());
    for (k, x) in xs.iter().enumerate() {
        initiatives.push(InitiativeRisk {
            id: x.id.clone(),
            finish: confidence(&total.finish[k], &x.name)?,
            criticality: total.critical[k] as f64 / runs,
        });
    }
    let mut milestones = Vec::with_capacity(model.milestones.len());
    let named = xs.iter().flat_map(|x| x.milestones.iter().map(move |m| (x, m)));
    for ((x, m), h) in named.zip(&total.milestones) {
        let who = format!("{}: {}", x.name, m.name);
        milestones.push(MilestoneRisk {
            initiative: x.id.clone(),
            name: m.name.clone(),
            planned: m.month,
            month: confidence(h, &who)?,
        });
    }
    let finish = if xs.is_empty() { None } else { Some(confidence(&total.roadmap, "the roadmap")?) };
    let s_curve = total
        .roadmap
        .cumulative()
        .into_iter()
        .map(|(m, probability)| Ok(CurvePoint { month: month(m, "the roadmap")?, probability }))
        .collect::<Result<_, RiskError>>()?;
    Ok(ScheduleRisk { runs: options.runs, seed: options.seed, finish, initiatives, milestones, s_curve })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn triangular_inverts_its_distribution() {
        let p = DurationPoints { optimistic: 2.0, most_likely: 4.0, pessimistic: 10.0 };
        // F(m) = (m − a)/(b − a) = 0.25: the mode sits at the quarter.
        assert_eq!(triangular(&p, 0.0), 2.0);
        assert_eq!(triangular(&p, 0.25), 4.0);
        // u = 0.5: b − √(0.5·8·6) = 10 − √24.
        assert!((triangular(&p, 0.5) - (10.0 - 24f64.sqrt())).abs() < 1e-12);
        // u = 0.125: a + √(0.125·8·2) = 2 + √2.
        assert!((triangular(&p, 0.125) - (2.0 + 2f64.sqrt())).abs() < 1e-12);
        let flat = DurationPoints { optimistic: 6.0, most_likely: 6.0, pessimistic: 6.0 };
        assert_eq!(triangular(&flat, 0.7), 6.0);
    }

    #[test]
    fn durations_round_half_up_to_at_least_a_month() {
        for (x, want) in [(2.5, 3), (2.49, 2), (3.5, 4), (0.2, 1), (0.5, 1), (1.5, 2), (-3.0, 1), (f64::NAN, 1)] {
            assert_eq!(whole_months(x), want, "{x}");
        }
    }

    #[test]
    fn a_milestone_falls_after_the_same_share_of_the_work() {
        // Planned 10 months from index 100; a gate after 5 months (offset 4), a go-live in the
        // last month (offset 9), one a month before the start and one two months after the end.
        let place = |offset| MilestonePlace { initiative: 0, offset, planned: 10 };
        // As planned: offsets kept.
        assert_eq!(place(4).month(100, 109, 10), 104);
        assert_eq!(place(9).month(100, 109, 10), 109);
        // Fifteen months from 103: ⌈5·15/10⌉ = 8 months in, 110; the go-live at the end, 117.
        assert_eq!(place(4).month(103, 117, 15), 110);
        assert_eq!(place(9).month(103, 117, 15), 117);
        assert_eq!(place(-1).month(103, 117, 15), 102);
        assert_eq!(place(11).month(103, 117, 15), 119);
        // Four months: ⌈5·4/10⌉ = 2 months in.
        assert_eq!(place(4).month(100, 103, 4), 101);
    }
}

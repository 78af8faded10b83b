//! Joint cost and schedule confidence (docs/risk.md, "Joint cost and schedule confidence"): the
//! schedule's runs, with what hangs on their dates. In each run every initiative's spend by
//! fiscal year (cairn-roadmap's budget engine: entered, or from its business case) moves by the
//! months its early start slipped from the planned start, and the costs of the register's risks
//! that occurred are added in their fiscal years. The runs give each fiscal year's spend as a
//! distribution against its ceiling and the joint confidence of a finish month and a total cost.

use cairn_core::{FiscalYear, Plan, YearMonth};
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::SeedableRng;
use rayon::prelude::*;

use crate::percentile::nearest_rank;
use crate::register::RegisterRisks;
use crate::simulate::{BLOCK, Buffers, Model, month};
use crate::{Confidence, MAX_RUNS, Options, RiskError};

/// P50, P80 and P90 of an amount over the runs, by nearest rank.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AmountConfidence {
    /// Half the runs spend it or less.
    pub p50: f64,
    /// 80 % of the runs spend it or less.
    pub p80: f64,
    /// 90 % of the runs spend it or less.
    pub p90: f64,
}

/// One fiscal year of the horizon.
#[derive(Debug, Clone, PartialEq)]
pub struct YearConfidence {
    /// The fiscal year.
    pub year: FiscalYear,
    /// The portfolio's ceiling that year, if the plan sets one.
    pub ceiling: Option<f64>,
    /// The spend as planned (`cairn_roadmap::budget`'s total of the year).
    pub planned: f64,
    /// The spend over the runs.
    pub spend: AmountConfidence,
    /// The share of runs whose spend exceeds the ceiling; `None` without a ceiling.
    pub prob_breach: Option<f64>,
}

/// The joint confidence level: a finish month and a total cost that the stated share of runs
/// both meet.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Jcl {
    /// The share aimed at, e.g. 0.7.
    pub level: f64,
    /// The percentile `q` of both marginals that reaches it: the least `q` from the level up
    /// with P(finish ≤ Pq finish and cost ≤ Pq cost) ≥ level.
    pub percentile: u32,
    /// The finish month: the `q`-th percentile of the roadmap's finish.
    pub finish: YearMonth,
    /// The total cost: the `q`-th percentile of the runs' total cost.
    pub cost: f64,
    /// The share of runs that finish by `finish` and cost at most `cost`.
    pub probability: f64,
}

/// The joint cost and schedule confidence of a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PortfolioConfidence {
    /// How many runs.
    pub runs: u32,
    /// The seed.
    pub seed: u64,
    /// Every fiscal year of the horizon.
    pub years: Vec<YearConfidence>,
    /// The total cost as planned: every initiative's spend, inside the horizon or not.
    pub planned_cost: f64,
    /// The total cost over the runs.
    pub cost: AmountConfidence,
    /// The roadmap's finish over the runs (`None` without initiatives): the schedule risk's own.
    pub finish: Option<Confidence>,
    /// The joint confidence level at 70 % (`None` without initiatives).
    pub jcl70: Option<Jcl>,
    /// Every run's (finish month index, total cost), in run order.
    pub outcomes: Vec<(i32, f64)>,
}

impl PortfolioConfidence {
    /// The share of runs that finish by the end of `by` and cost at most `cost`.
    pub fn joint_probability(&self, by: YearMonth, cost: f64) -> f64 {
        let by = by.index();
        let n = self.outcomes.iter().filter(|(f, c)| *f <= by && *c <= cost).count();
        n as f64 / self.outcomes.len().max(1) as f64
    }

    /// The joint confidence level at `level` (0 to 1) by the rule of [`Jcl::percentile`].
    pub fn jcl(&self, level: f64) -> Result<Option<Jcl>, RiskError> {
        jcl(&self.outcomes, level)
    }
}

/// The `percent`-th percentile of sorted `values` by nearest rank.
fn at_rank<T: Copy>(sorted: &[T], percent: u32) -> Option<T> {
    let rank = nearest_rank(percent, sorted.len() as u64);
    sorted.get(usize::try_from(rank).ok()?.checked_sub(1)?).copied()
}

fn amounts(mut values: Vec<f64>) -> AmountConfidence {
    values.sort_unstable_by(f64::total_cmp);
    let at = |p| at_rank(&values, p).unwrap_or(0.0);
    AmountConfidence { p50: at(50), p80: at(80), p90: at(90) }
}

fn jcl(outcomes: &[(i32, f64)], level: f64) -> Result<Option<Jcl>, RiskError> {
    if outcomes.is_empty() || !(0.0..=1.0).contains(&level) {
        return Ok(None);
    }
    let mut finishes: Vec<i32> = outcomes.iter().map(|o| o.0).collect();
    finishes.sort_unstable();
    let mut costs: Vec<f64> = outcomes.iter().map(|o| o.1).collect();
    costs.sort_unstable_by(f64::total_cmp);
    let n = outcomes.len() as f64;
    let first = (level * 100.0).ceil().clamp(0.0, 100.0) as u32;
    for q in first..=100 {
        let (Some(f), Some(c)) = (at_rank(&finishes, q), at_rank(&costs, q)) else { return Ok(None) };
        let both = outcomes.iter().filter(|(x, y)| *x <= f && *y <= c).count() as f64 / n;
        if both >= level || q == 100 {
            let finish = month(f, "the roadmap")?;
            return Ok(Some(Jcl { level, percentile: q, finish, cost: c, probability: both }));
        }
    }
    Ok(None)
}

/// What the runs need of the plan's spend, built once.
struct Spend {
    first_year: i32,
    years: usize,
    /// Each initiative's planned spend: (fiscal year, amount).
    initiatives: Vec<Vec<(i32, f64)>>,
}

impl Spend {
    /// Adds `amount` spent in fiscal year `year`, moved `slip` months later, to `spend` (one
    /// slot per horizon year, then one for everything outside): the year's amount is spread
    /// evenly over its twelve months, so a slip of s = 12a + r months puts (12 − r)/12 of it in
    /// year + a and r/12 in year + a + 1.
    #[inline]
    fn add(&self, spend: &mut [f64], year: i32, amount: f64, slip: i32) {
        let (a, r) = (slip.div_euclid(12), slip.rem_euclid(12));
        if r == 0 {
            self.put(spend, year.saturating_add(a), amount);
        } else {
            let later = amount * f64::from(r) / 12.0;
            self.put(spend, year.saturating_add(a), amount - later);
            self.put(spend, year.saturating_add(a).saturating_add(1), later);
        }
    }

    #[inline]
    fn put(&self, spend: &mut [f64], year: i32, amount: f64) {
        let slot = usize::try_from(i64::from(year) - i64::from(self.first_year)).ok().filter(|&k| k < self.years);
        spend[slot.unwrap_or(self.years)] += amount;
    }
}

/// The joint cost and schedule confidence of `plan` (module documentation), from the same runs,
/// streams and register draws as [`crate::simulate`] with [`RegisterRisks`]: its finish
/// percentiles are the schedule risk's own.
pub fn portfolio_confidence(plan: &Plan, options: Options) -> Result<PortfolioConfidence, RiskError> {
    if !(1..=MAX_RUNS).contains(&options.runs) {
        return Err(RiskError::Runs(options.runs));
    }
    let rollup = cairn_roadmap::budget(plan)?;
    let model = Model::new(plan)?;
    let register = RegisterRisks::of(plan)?;
    let money = |v, what: &str| {
        cairn_core::to_f64(v).map_err(|e| RiskError::Month { what: what.to_owned(), reason: e.to_string() })
    };
    let mut budgets = cairn_roadmap::InitiativeBudgets::new(plan);
    let mut initiatives = Vec::with_capacity(plan.initiatives.len());
    for x in &plan.initiatives {
        let years = budgets.of(x)?;
        let mut out = Vec::with_capacity(years.len());
        for y in years.iter() {
            let total = y.capex.checked_add(y.opex).ok_or_else(|| RiskError::Month {
                what: format!("initiative \"{}\": budget", x.name),
                reason: "the amounts are too large to add up".into(),
            })?;
            out.push((y.year.0, money(total, &x.name)?));
        }
        initiatives.push(out);
    }
    let spend = Spend { first_year: plan.settings.horizon.first_year.0, years: rollup.years.len(), initiatives };
    let width = spend.years + 1;
    let blocks: Vec<(u32, u32)> =
        (0..options.runs.div_ceil(BLOCK)).map(|b| (b * BLOCK, ((b + 1) * BLOCK).min(options.runs))).collect();
    type Part = (Vec<f64>, Vec<(i32, f64)>);
    let parts: Vec<Result<Part, RiskError>> = blocks
        .par_iter()
        .map(|&(first, end)| {
            let n = model.initiatives.len();
            let mut b = Buffers::new(n);
            let seeded = ChaCha8Rng::seed_from_u64(options.seed);
            let mut years = Vec::with_capacity((end - first) as usize * width);
            let mut outcomes = Vec::with_capacity((end - first) as usize);
            let mut row = vec![0.0; width];
            for run in first..end {
                row.fill(0.0);
                let mut risk_costs: Vec<(i32, f64)> = Vec::new();
                let draw = &mut |rng: &mut ChaCha8Rng, extra: &mut [i32]| {
                    register.draw_run(rng, extra, &mut |y, a| risk_costs.push((y, a)));
                };
                let finish = model.run(&seeded, run, &mut b, draw)?;
                for (k, planned) in spend.initiatives.iter().enumerate() {
                    let slip = b.es[k] - model.planned_start[k];
                    for &(year, amount) in planned {
                        spend.add(&mut row, year, amount, slip);
                    }
                }
                for (year, amount) in risk_costs {
                    spend.put(&mut row, year, amount);
                }
                let total: f64 = row.iter().sum();
                years.extend_from_slice(&row[..spend.years]);
                outcomes.push((finish.unwrap_or(i32::MIN), total));
            }
            Ok((years, outcomes))
        })
        .collect();
    let mut years_runs: Vec<Vec<f64>> = vec![Vec::with_capacity(options.runs as usize); spend.years];
    let mut outcomes = Vec::with_capacity(options.runs as usize);
    for part in parts {
        let (years, o) = part?;
        for chunk in years.chunks_exact(spend.years.max(1)) {
            for (all, v) in years_runs.iter_mut().zip(chunk) {
                all.push(*v);
            }
        }
        outcomes.extend(o);
    }
    let runs = f64::from(options.runs);
    let mut years = Vec::with_capacity(spend.years);
    for (y, values) in rollup.years.iter().zip(years_runs) {
        let ceiling = y.ceiling.map(|c| money(c, &y.label)).transpose()?;
        let prob_breach = ceiling.map(|c| values.iter().filter(|v| **v > c).count() as f64 / runs);
        years.push(YearConfidence {
            year: y.year,
            ceiling,
            planned: money(y.total, &y.label)?,
            spend: amounts(values),
            prob_breach,
        });
    }
    let planned_cost = money(rollup.total, "the budget")? + money(rollup.outside_horizon, "the budget")?;
    let cost = amounts(outcomes.iter().map(|o| o.1).collect());
    let (finish, jcl70) = if model.initiatives.is_empty() {
        (None, None)
    } else {
        let mut f: Vec<i32> = outcomes.iter().map(|o| o.0).collect();
        f.sort_unstable();
        let at = |p| at_rank(&f, p).map_or_else(|| Err(RiskError::Runs(0)), |m| month(m, "the roadmap"));
        (Some(Confidence { p50: at(50)?, p80: at(80)?, p90: at(90)? }), jcl(&outcomes, 0.7)?)
    };
    Ok(PortfolioConfidence {
        runs: options.runs,
        seed: options.seed,
        years,
        planned_cost,
        cost,
        finish,
        jcl70,
        outcomes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_slip_moves_spend_by_twelfths() {
        let spend = Spend { first_year: 2027, years: 3, initiatives: Vec::new() };
        let mut row = vec![0.0; 4];
        spend.add(&mut row, 2027, 1200.0, 0);
        assert_eq!(row, vec![1200.0, 0.0, 0.0, 0.0]);
        row.fill(0.0);
        spend.add(&mut row, 2027, 1200.0, 3);
        assert_eq!(row, vec![900.0, 300.0, 0.0, 0.0]);
        row.fill(0.0);
        spend.add(&mut row, 2028, 1200.0, 14);
        assert_eq!(row, vec![0.0, 0.0, 1000.0, 200.0]);
    }

    #[test]
    fn the_jcl_takes_the_least_common_percentile() {
        // Ten runs: finish and cost rise together, so the 70th percentiles of both are met by
        // exactly 7 runs.
        let base = 2027 * 12;
        let together: Vec<(i32, f64)> = (0..10).map(|k| (base + k, 1000.0 + f64::from(k))).collect();
        let j = jcl(&together, 0.7).expect("months").expect("jcl");
        assert_eq!((j.percentile, j.cost, j.probability), (70, 1006.0, 0.7));
        // Opposed: the earliest finish costs the most. At rank r (the r-th smallest of each),
        // runs r − 1 … 10 − r fail one or the other, so 2r − 10 meet both: 4 at P70 (r = 7),
        // 8 at r = 9, first reached at q = 81 (⌈8.1⌉ = 9): finish 108, cost 1008.
        let opposed: Vec<(i32, f64)> = (0..10).map(|k| (base + k, 1009.0 - f64::from(k))).collect();
        let j = jcl(&opposed, 0.7).expect("months").expect("jcl");
        assert_eq!((j.percentile, j.cost, j.probability), (81, 1008.0, 0.8));
    }
}

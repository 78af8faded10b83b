//! The register's quantified risks as the runs see them (docs/risk.md, "Register risks in the
//! simulations"): each occurs in a run with its probability ([`cairn_core::Risk::simulated_probability`]);
//! when it does, its delay adds whole months to its initiative's duration (an opportunity's
//! takes them away) and its cost falls on the portfolio in its fiscal years.

use cairn_core::{DurationPoints, Plan, RiskKind, ThreePoint};

use crate::RiskError;
use crate::simulate::{Delays, Triangle, uniform};
use rand_chacha::ChaCha8Rng;

/// One risk that enters the runs.
struct Quantified {
    probability: f64,
    /// 1 for a threat, −1 for an opportunity.
    sign: i32,
    /// The initiative (plan order) and the months' three points.
    delay: Option<(usize, Triangle)>,
    /// The fiscal years and their shares, and the amount's three points.
    cost: Option<(Vec<(i32, f64)>, Triangle)>,
}

/// The register's risks that enter a roadmap's runs: those counted by
/// [`cairn_core::Risk::simulated_probability`] with a delay on an initiative of the plan, or a
/// cost and a link to at least one of its initiatives. As [`Delays`], the extra months of
/// schedule risk; [`crate::portfolio_confidence`] also takes their costs from the same draws.
pub struct RegisterRisks {
    risks: Vec<Quantified>,
}

/// A delay drawn in months: rounded half up, as a duration is, but zero stays zero.
pub fn delay_months(x: f64) -> i32 {
    let rounded = (x + 0.5).floor();
    if rounded.is_finite() && rounded >= 0.0 { rounded.min(f64::from(i32::MAX)) as i32 } else { 0 }
}

impl RegisterRisks {
    /// The plan's risks that enter its runs, in the register's order.
    pub fn of(plan: &Plan) -> Result<RegisterRisks, RiskError> {
        let index = cairn_core::positions_by_id(&plan.initiatives, |x| &x.id);
        let mut risks = Vec::new();
        for r in &plan.risks {
            let Some(percent) = r.simulated_probability() else { continue };
            let bad = |what: &str, e: cairn_core::ToF64Error| RiskError::Register {
                risk: r.id.to_string(),
                reason: format!("{what}: {e}"),
            };
            let f = |v, what: &str| cairn_core::to_f64(v).map_err(|e| bad(what, e));
            let triangle = |t: &ThreePoint, what: &str| -> Result<Triangle, RiskError> {
                Ok(Triangle::new(&DurationPoints {
                    optimistic: f(t.min, what)?,
                    most_likely: f(t.most_likely, what)?,
                    pessimistic: f(t.max, what)?,
                }))
            };
            let delay = match &r.delay {
                Some(d) => match index.get(&d.initiative) {
                    Some(&k) => Some((k, triangle(&d.months, "delay.months")?)),
                    None => None,
                },
                None => None,
            };
            let linked = r.links.initiatives.iter().any(|i| index.contains_key(i));
            let cost = match &r.cost {
                Some(c) if linked => {
                    let (from, to) = match c.timing {
                        cairn_core::CostTiming::Year { year } => (year.0, year.0),
                        cairn_core::CostTiming::Spread { from, to } => (from.0, to.0.max(from.0)),
                    };
                    let share = 1.0 / f64::from(to - from + 1);
                    Some(((from..=to).map(|y| (y, share)).collect(), triangle(&c.amount, "cost.amount")?))
                }
                _ => None,
            };
            if delay.is_none() && cost.is_none() {
                continue;
            }
            let sign = if r.kind == RiskKind::Threat { 1 } else { -1 };
            risks.push(Quantified { probability: f(percent, "probability")? / 100.0, sign, delay, cost });
        }
        Ok(RegisterRisks { risks })
    }

    /// Whether no risk enters the runs.
    pub fn is_empty(&self) -> bool {
        self.risks.is_empty()
    }

    /// One run's draws, after the durations': for each risk in order, a word for whether it
    /// occurs (u < probability), one for its delay when it has one and one for its cost when it
    /// has one, drawn whether or not it occurs. Adds the delays to `extra` and hands each cost
    /// that occurs, year by year, to `cost(fiscal year, signed amount)`.
    pub(crate) fn draw_run(&self, rng: &mut ChaCha8Rng, extra: &mut [i32], cost: &mut dyn FnMut(i32, f64)) {
        for r in &self.risks {
            let occurs = uniform(rng) < r.probability;
            if let Some((k, t)) = &r.delay {
                let months = delay_months(t.at(uniform(rng)));
                if occurs && let Some(e) = extra.get_mut(*k) {
                    *e = e.saturating_add(r.sign * months);
                }
            }
            if let Some((years, t)) = &r.cost {
                let amount = t.at(uniform(rng));
                if occurs {
                    for &(y, share) in years {
                        cost(y, f64::from(r.sign) * amount * share);
                    }
                }
            }
        }
    }
}

impl Delays for RegisterRisks {
    fn draw(&self, _run: u64, rng: &mut ChaCha8Rng, extra: &mut [i32]) {
        self.draw_run(rng, extra, &mut |_, _| {});
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_round_half_up_and_zero_stays_zero() {
        for (x, want) in [(0.0, 0), (0.49, 0), (0.5, 1), (2.5, 3), (-1.0, 0), (f64::NAN, 0)] {
            assert_eq!(delay_months(x), want, "{x}");
        }
    }
}

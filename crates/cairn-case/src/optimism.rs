//! Optimism bias applied to a case (HM Treasury, *Supplementary Green Book Guidance: Optimism
//! Bias*; Mott MacDonald, *Review of Large Public Procurement in the UK*, 2002; the bounds are
//! `cairn_core::optimism::BOUNDS`).
//!
//! **The uplift.** Each uplift (cost, and works duration where the type has one) starts at the
//! type's upper bound and is reduced by the share the mitigated contributory factors take off:
//!
//! ```text
//! reduction = Σ contribution_f × mitigated_f      (capped at 100 %)
//! applied   = MAX(upper × (1 − reduction), lower)
//! ```
//!
//! `mitigated_f` is the guidance's mitigation factor (0–1). `contribution_f` is the factor's share
//! of the upper bound as the case states it; when it states none, every one of the 21 factors
//! of `ContributoryFactor::ALL` weighs 1/21, so `reduction = Σ mitigated_f / 21` and a factor not
//! assessed counts as not mitigated. The lower bound is a floor: the guidance expects the
//! uplift to approach it once the project's risks are managed (at contract award), and Cairn
//! never lets a case's own assessment take it lower (the guidance notes lower values can be
//! achieved; showing that is evidence for the organisation's own figures, not for this rule).
//!
//! **Where it lands.** The cost uplift is its own row, `applied ×` the case's capex row (opex for
//! outsourcing, the one type whose uplift the guidance measures on operating costs), added to
//! the capex (opex) totals, so it is discounted, taxed and (capex) depreciated as capex is. The
//! duration uplift moves every benefit later by `ROUND(applied × works months, 0)` months with
//! [`crate::shift_row`]; the works months are the span of the initiatives the case funds (first
//! month of the earliest to last month of the latest, as the context has them), or, for a case
//! that funds none the context knows, the months from the start of its first fiscal year to the
//! start of the first year in which it books a benefit. Costs are not moved.

use cairn_core::optimism::Bounds;
use cairn_core::{BusinessCase, LineKind, OptimismBias, ProjectType, YearMonth};
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use crate::{CaseError, Context, Row, shift_row};

/// One uplift: the guidance's bounds, the reduction the case's mitigations earn, and what applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Uplift {
    /// The upper bound, as a fraction (2 is 200 %).
    pub upper: Decimal,
    /// The lower bound, the floor.
    pub lower: Decimal,
    /// The share of the upper bound the mitigated factors take off, 0 to 1.
    pub reduction: Decimal,
    /// The uplift applied: `MAX(upper × (1 − reduction), lower)`.
    pub applied: Decimal,
    /// Whether the lower bound held it: `upper × (1 − reduction)` fell below it.
    pub at_floor: bool,
}

impl Uplift {
    fn of(bounds: Bounds, reduction: Decimal) -> Uplift {
        let (upper, lower) = (bounds.upper(), bounds.lower());
        // Both factors lie in [0, 2]: the product cannot overflow.
        let reduced = upper * (Decimal::ONE - reduction);
        Uplift { upper, lower, reduction, applied: reduced.max(lower), at_floor: reduced < lower }
    }

    /// What the mitigations took off the upper bound: `upper − applied`.
    pub fn reduced_by(&self) -> Decimal {
        self.upper - self.applied
    }
}

/// Which uplift a reduction is for: a factor states its share of each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Measure {
    Cost,
    Duration,
}

/// The reduction of one uplift (see the module's documentation), always within 0 to 1: each
/// mitigation factor is taken within 0 to 1 and the sum capped, whatever the input (validation
/// refuses values outside those ranges before a plan is stored).
fn reduction(bias: &OptimismBias, measure: Measure) -> Decimal {
    let stated = bias.mitigations.iter().any(|m| m.contribution.is_some());
    let sum = bias.mitigations.iter().fold(Decimal::ZERO, |sum, m| {
        let mitigated = m.mitigated.clamp(Decimal::ZERO, Decimal::ONE);
        let weight = match (&m.contribution, measure) {
            (Some(c), Measure::Cost) => c.cost,
            (Some(c), Measure::Duration) => c.duration,
            // A factor without a share where others state theirs adds nothing (validation refuses
            // the mixture).
            (None, _) if stated => Decimal::ZERO,
            (None, _) => Decimal::ONE,
        };
        sum.saturating_add(weight.clamp(Decimal::ZERO, Decimal::ONE) * mitigated)
    });
    let share = if stated { sum } else { sum / Decimal::from(cairn_core::ContributoryFactor::ALL.len()) };
    share.clamp(Decimal::ZERO, Decimal::ONE)
}

/// The cost uplift and the works duration uplift (`None` for outsourcing) of a case's bias.
pub fn uplifts(bias: &OptimismBias) -> (Uplift, Option<Uplift>) {
    let bounds = bias.project_type.bounds();
    let cost = Uplift::of(bounds.cost, reduction(bias, Measure::Cost));
    let duration = bounds.duration.map(|d| Uplift::of(d, reduction(bias, Measure::Duration)));
    (cost, duration)
}

/// What the works duration uplift lengthens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorksBasis {
    /// The span of the initiatives the case funds.
    Initiatives {
        /// The first month of work of the earliest.
        first: YearMonth,
        /// The last month of work of the latest.
        last: YearMonth,
    },
    /// The case funds no initiative the context knows: the months before its first benefit year.
    BenefitStart,
}

/// A case's optimism bias as evaluated: the uplifts and the rows they add (columns as shown).
#[derive(Debug, Clone, PartialEq)]
pub struct OptimismUplift {
    /// The case's project type.
    pub project_type: ProjectType,
    /// The costs the cost uplift applies to: capex, or opex for outsourcing.
    pub cost_kind: LineKind,
    /// The cost uplift.
    pub cost: Uplift,
    /// The works duration uplift; `None` for outsourcing.
    pub duration: Option<Uplift>,
    /// The cost uplift per column: the case's capex (opex) row × `cost.applied`, included in
    /// the capex (opex) totals.
    pub cost_row: Row,
    /// Its sum.
    pub cost_total: Decimal,
    /// The works duration the duration uplift lengthens, in months.
    pub works_months: u32,
    /// Where the works months come from.
    pub works_basis: WorksBasis,
    /// How many months later every benefit starts: `ROUND(duration.applied × works_months, 0)`.
    pub delay_months: u32,
    /// The benefits moved, per column: the delayed benefits less the benefits as entered
    /// (negative where they leave, positive where they land). Included in the benefit totals.
    pub benefit_shift: Row,
    /// The benefits moved past the case's last year: no longer in the appraisal.
    pub benefits_beyond: Decimal,
}

impl OptimismUplift {
    /// The cost uplift's row label, e.g. "Optimism bias: capex uplift 120 %".
    pub fn cost_label(&self) -> String {
        let what = if self.cost_kind == LineKind::Opex { "opex" } else { "capex" };
        let pct = cairn_core::text::percent_exact(self.cost.applied.round_dp(3));
        format!("Optimism bias: {what} uplift {pct}")
    }
}

/// Applies the case's optimism bias, if it has one, to its yearly totals (every period, the
/// upfront one first): the cost uplift is added to `capex` (or `opex`), the benefits are
/// delayed. Returns what it did, its rows cut to the columns the case shows.
pub(crate) fn apply(
    case: &BusinessCase,
    ctx: &Context,
    capex: &mut Row,
    opex: &mut Row,
    benefits: &mut Row,
) -> Result<Option<OptimismUplift>, CaseError> {
    let Some(bias) = &case.optimism_bias else { return Ok(None) };
    let overflow = || CaseError::overflow("optimism_bias");
    let (cost, duration) = uplifts(bias);
    let cost_kind = bias.project_type.bounds().cost_kind;
    let target = if cost_kind == LineKind::Opex { opex } else { capex };
    let cost_row: Row =
        target.iter().map(|a| a.checked_mul(cost.applied)).collect::<Option<_>>().ok_or_else(overflow)?;
    for (t, u) in target.iter_mut().zip(&cost_row) {
        *t = t.checked_add(*u).ok_or_else(overflow)?;
    }
    let cost_total = cost_row.iter().try_fold(Decimal::ZERO, |s, a| s.checked_add(*a)).ok_or_else(overflow)?;

    let (works_months, works_basis) = works(case, ctx, benefits);
    let delay_months = match duration {
        Some(d) => (d.applied * Decimal::from(works_months))
            .round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)
            .to_u32()
            .ok_or_else(overflow)?,
        None => 0,
    };
    let (delayed, benefits_beyond) = shift_row(benefits, delay_months)?;
    let benefit_shift: Row = delayed
        .iter()
        .zip(benefits.iter())
        .map(|(d, b)| d.checked_sub(*b))
        .collect::<Option<_>>()
        .ok_or_else(overflow)?;
    *benefits = delayed;

    let shown = |row: Row| if case.upfront { row } else { row.into_iter().skip(1).collect() };
    Ok(Some(OptimismUplift {
        project_type: bias.project_type,
        cost_kind,
        cost,
        duration,
        cost_row: shown(cost_row),
        cost_total,
        works_months,
        works_basis,
        delay_months,
        benefit_shift: shown(benefit_shift),
        benefits_beyond,
    }))
}

/// The works duration in months (see the module's documentation), and where it comes from.
fn works(case: &BusinessCase, ctx: &Context, benefits: &[Decimal]) -> (u32, WorksBasis) {
    let spans: Vec<(YearMonth, YearMonth)> =
        case.initiatives.iter().filter_map(|id| ctx.works.get(id)).copied().collect();
    if let (Some(first), Some(last)) = (spans.iter().map(|s| s.0).min(), spans.iter().map(|s| s.1).max()) {
        let months = u32::try_from(first.months_until(last).saturating_add(1)).unwrap_or(0);
        return (months, WorksBasis::Initiatives { first, last });
    }
    // Period p ≥ 1 is the case's fiscal year p, which starts 12 × (p − 1) months after its first.
    let months = match benefits.iter().position(|b| !b.is_zero()) {
        Some(p) if p >= 1 => u32::try_from(12 * (p - 1)).unwrap_or(u32::MAX),
        _ => 0,
    };
    (months, WorksBasis::BenefitStart)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cairn_core::{Contribution, ContributoryFactor, Mitigation};
    use rust_decimal::dec;

    fn bias(project_type: ProjectType, mitigated: &[Decimal]) -> OptimismBias {
        OptimismBias {
            project_type,
            mitigations: mitigated
                .iter()
                .zip(ContributoryFactor::ALL)
                .map(|(m, factor)| Mitigation { factor, mitigated: *m, reason: "r".into(), contribution: None })
                .collect(),
        }
    }

    #[test]
    fn no_mitigation_is_the_upper_bound() {
        let (cost, duration) = uplifts(&bias(ProjectType::EquipmentDevelopment, &[]));
        assert_eq!((cost.applied, cost.reduction, cost.at_floor), (dec!(2), dec!(0), false));
        assert_eq!(duration.map(|d| d.applied), Some(dec!(0.54)));
        let (cost, duration) = uplifts(&bias(ProjectType::Outsourcing, &[]));
        assert_eq!(cost.applied, dec!(0.41));
        assert_eq!(duration, None);
    }

    #[test]
    fn equal_weights_over_every_factor() {
        // 8 factors fully and one at 0.4: 8.4 of 21 = 40 %; 200 % × 60 % = 120 %, 54 % × 60 % = 32.4 %.
        let mut m = vec![dec!(1); 8];
        m.push(dec!(0.4));
        let (cost, duration) = uplifts(&bias(ProjectType::EquipmentDevelopment, &m));
        assert_eq!(cost.reduction, dec!(0.4));
        assert_eq!(cost.applied, dec!(1.2));
        assert_eq!(cost.reduced_by(), dec!(0.8));
        assert_eq!(duration.map(|d| d.applied), Some(dec!(0.324)));
    }

    #[test]
    fn full_mitigation_stops_at_the_lower_bound() {
        let (cost, duration) = uplifts(&bias(ProjectType::NonStandardBuildings, &[dec!(1); 21]));
        assert_eq!((cost.applied, cost.at_floor), (dec!(0.04), true));
        assert_eq!(duration.map(|d| d.applied), Some(dec!(0.02)));
        // Outsourcing's lower bound is 0 %: full mitigation removes the uplift.
        assert_eq!(uplifts(&bias(ProjectType::Outsourcing, &[dec!(1); 21])).0.applied, dec!(0));
    }

    /// The guidance's own worked example (non-standard building, works duration at outline
    /// business case): contributions 5, 2, 22, 5, 3 % mitigated 1, 1, 0.4, 1, 1 take 23.8 % off
    /// the 39 % upper bound: (100 % − 23.8 %) × 39 % = 29.718 %.
    #[test]
    fn stated_contributions_follow_the_guidance_s_example() {
        use ContributoryFactor::*;
        let rows = [
            (PoorContractorCapabilities, dec!(0.05), dec!(1)),
            (DesignComplexity, dec!(0.02), dec!(1)),
            (InadequacyOfTheBusinessCase, dec!(0.22), dec!(0.4)),
            (PoorProjectIntelligence, dec!(0.05), dec!(1)),
            (SiteCharacteristics, dec!(0.03), dec!(1)),
        ];
        let bias = OptimismBias {
            project_type: ProjectType::NonStandardBuildings,
            mitigations: rows
                .iter()
                .map(|(factor, share, mitigated)| Mitigation {
                    factor: *factor,
                    mitigated: *mitigated,
                    reason: "r".into(),
                    contribution: Some(Contribution { cost: Decimal::ZERO, duration: *share }),
                })
                .collect(),
        };
        let (cost, duration) = uplifts(&bias);
        assert_eq!(cost.applied, dec!(0.51));
        let duration = duration.expect("buildings have a duration uplift");
        assert_eq!(duration.reduction, dec!(0.238));
        assert_eq!(duration.applied, dec!(0.29718));
    }

    #[test]
    fn out_of_range_input_stays_within_the_bounds() {
        let (cost, _) = uplifts(&bias(ProjectType::StandardBuildings, &[dec!(-5), dec!(30)]));
        assert!(cost.applied >= dec!(0.02) && cost.applied <= dec!(0.24));
    }
}

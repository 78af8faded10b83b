//! What the checks share, computed once per run: no check schedules, rolls up or evaluates a
//! business case itself, so adding a check costs what its own rule costs.

use std::borrow::Cow;
use std::collections::HashMap;

use cairn_core::{Budget, BudgetYear, FiscalYear, Id, Plan, positions_by_id};
use cairn_roadmap::{BudgetRollup, CapacityRollup, InitiativeBudgets, RoadmapError, Schedule};
use rust_decimal::Decimal;

/// A business case linked to an initiative: the initiative takes its budget from the case, or
/// the case lists the initiative among those it funds (either is a link; a pair is listed once).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CaseLink {
    /// The initiative's position in `plan.initiatives`.
    pub initiative: usize,
    /// The case's position in `plan.business_cases`.
    pub case: usize,
}

/// One line of a business case: its non-zero amounts by fiscal year, in year order.
pub type LineYears = Vec<(FiscalYear, Decimal)>;

/// The plan and the figures every check reads.
pub struct Derived<'p> {
    /// The plan checked.
    pub plan: &'p Plan,
    /// Each initiative's budget by fiscal year, as the roadmap counts it (a case-funded one's
    /// from its case's cost lines), in `plan.initiatives` order.
    pub budgets: Vec<Cow<'p, [BudgetYear]>>,
    /// Each initiative's total budget (capex plus opex, every year).
    pub totals: Vec<Decimal>,
    /// Each initiative's spend in the horizon's fiscal years, in `plan.initiatives` order.
    pub in_horizon: Vec<Decimal>,
    /// Every link between a case and an initiative, in initiative then case order.
    pub links: Vec<CaseLink>,
    /// Whether some business case covers the initiative, in `plan.initiatives` order.
    pub has_case: Vec<bool>,
    /// For each linked case (`None` for the others, and for a case whose lines cannot be
    /// generated, which validation refuses): each line's amounts by fiscal year, the upfront
    /// column counted in the case's first year as the roadmap counts it.
    pub case_lines: Vec<Option<Vec<LineYears>>>,
    /// The plan around its cases (policy, milestones' months): a line that starts at a milestone
    /// is timed by it here as in the figures.
    pub ctx: cairn_case::Context,
    /// Spend per fiscal year and theme against the ceilings.
    pub budget: BudgetRollup,
    /// FTE demand per quarter against capacity.
    pub capacity: CapacityRollup,
    /// The critical-path schedule (its violated dependencies).
    pub schedule: Schedule,
}

impl<'p> Derived<'p> {
    /// Computes everything once; fails only where the roadmap engine does (a plan that skipped
    /// validation).
    pub fn new(plan: &'p Plan) -> Result<Derived<'p>, RoadmapError> {
        let schedule = cairn_roadmap::schedule(plan)?;
        let budget = cairn_roadmap::budget(plan)?;
        let capacity = cairn_roadmap::capacity(plan)?;

        let mut cache = InitiativeBudgets::new(plan);
        let mut budgets = Vec::with_capacity(plan.initiatives.len());
        let mut totals = Vec::with_capacity(plan.initiatives.len());
        let mut in_horizon = Vec::with_capacity(plan.initiatives.len());
        let horizon = &plan.settings.horizon;
        let horizon = horizon.first_year..=horizon.last_year();
        for (i, x) in plan.initiatives.iter().enumerate() {
            let years = cache.of(x)?;
            let field = || format!("initiatives[{i}].budget");
            let (mut total, mut inside) = (Decimal::ZERO, Decimal::ZERO);
            for y in years.iter() {
                let spend = add(y.capex, y.opex, field)?;
                total = add(total, spend, field)?;
                if horizon.contains(&y.year) {
                    inside = add(inside, spend, field)?;
                }
            }
            totals.push(total);
            in_horizon.push(inside);
            budgets.push(years);
        }

        let cases = positions_by_id(&plan.business_cases, |c| &c.id);
        let initiatives = positions_by_id(&plan.initiatives, |x| &x.id);
        let mut links = Vec::new();
        for (i, x) in plan.initiatives.iter().enumerate() {
            if let Budget::BusinessCase { case } = &x.budget
                && let Some(&c) = cases.get(case)
            {
                links.push(CaseLink { initiative: i, case: c });
            }
        }
        for (c, case) in plan.business_cases.iter().enumerate() {
            for id in &case.initiatives {
                if let Some(&i) = initiatives.get(id) {
                    links.push(CaseLink { initiative: i, case: c });
                }
            }
        }
        links.sort_unstable();
        links.dedup();

        let mut has_case = vec![false; plan.initiatives.len()];
        let ctx = cairn_case::Context::of(plan);
        let mut case_lines = vec![None; plan.business_cases.len()];
        for link in &links {
            has_case[link.initiative] = true;
            if case_lines[link.case].is_none() {
                case_lines[link.case] = line_years(plan, &ctx, link.case);
            }
        }
        Ok(Derived { plan, budgets, totals, in_horizon, links, has_case, case_lines, ctx, budget, capacity, schedule })
    }

    /// The plan's currency code, for `cairn_core::text`.
    pub fn currency(&self) -> &'static str {
        self.plan.settings.currency.code()
    }

    /// A fiscal year's label in the plan's calendar, e.g. "FY2027".
    pub fn year(&self, fy: FiscalYear) -> String {
        self.plan.year_label(fy)
    }

    /// An exact amount as the app writes it, in whole units: "$1,180,000".
    pub fn money(&self, amount: Decimal) -> String {
        cairn_core::text::money_whole(amount, self.currency())
    }

    /// An amount as a board reads it: "$1.18M", "$320K".
    pub fn compact(&self, amount: Decimal) -> String {
        // Every decimal converts; the exact amount is the fallback rather than a guess.
        cairn_core::to_f64(amount)
            .map_or_else(|_| self.money(amount), |v| cairn_core::text::compact_money(v, self.currency()))
    }

    /// The id of the initiative at `i`.
    pub fn initiative_id(&self, i: usize) -> Id {
        self.plan.initiatives[i].id.clone()
    }

    /// A theme's name, for a message (its id when no theme has it).
    pub fn theme_name(&self, id: &Id) -> String {
        self.plan.themes.iter().find(|t| &t.id == id).map_or_else(|| id.to_string(), |t| t.name.clone())
    }

    /// Where each budget ceiling is in the settings, by fiscal year and scope.
    pub fn ceiling_positions(&self) -> HashMap<(FiscalYear, Option<&Id>), usize> {
        let mut at = HashMap::new();
        for (k, c) in self.plan.settings.roadmap.budget_ceilings.iter().enumerate() {
            at.entry((c.year, c.theme.as_ref())).or_insert(k);
        }
        at
    }
}

fn add(a: Decimal, b: Decimal, field: impl FnOnce() -> String) -> Result<Decimal, RoadmapError> {
    a.checked_add(b)
        .ok_or_else(|| RoadmapError::Amount { field: field(), reason: "the amounts are too large to add up".into() })
}

/// Each line of the case at `c` by fiscal year (non-zero amounts only, in year order).
fn line_years(plan: &Plan, ctx: &cairn_case::Context, c: usize) -> Option<Vec<LineYears>> {
    let case = plan.business_cases.get(c)?;
    let mut out = Vec::with_capacity(case.lines.len());
    for index in 0..case.lines.len() {
        let row = cairn_case::timed_line(case, index, ctx).ok()?.amounts;
        let mut years: LineYears = Vec::new();
        for (period, amount) in row.into_iter().enumerate() {
            if amount.is_zero() {
                continue;
            }
            let fy = match period {
                // The upfront column counts in the case's first year, as the roadmap counts it.
                0 => case.first_year,
                p => FiscalYear(case.first_year.0 + i32::try_from(p - 1).ok()?),
            };
            match years.last_mut() {
                Some((last, sum)) if *last == fy => *sum = sum.checked_add(amount)?,
                _ => years.push((fy, amount)),
            }
        }
        out.push(years);
    }
    Some(out)
}

//! The reasoning in the CIO's words: why each initiative is deferred or dropped (what it frees
//! and adds per fiscal year, what value it keeps), and why no proposal can meet a ceiling.
//! Amounts are written by `cairn_core::text`, as the charts and the pack write them.

use std::collections::BTreeMap;

use cairn_core::{FiscalYear, Plan};
use rust_decimal::Decimal;

use super::model::{Ceiling, Item, UNIT_DIGITS, display};
use super::{Choice, ValueBasis};

/// A short amount for sentences, as the app writes it: "$1.2M", "−$600K" (`cairn_core::text`);
/// an amount without an f64 (none today) is written exactly, in whole units.
fn short_money(amount: Decimal, currency: cairn_core::Currency) -> String {
    match cairn_core::to_f64(amount) {
        Ok(v) => cairn_core::text::compact_money(v, currency.code()),
        Err(_) => cairn_core::text::money_whole(amount, currency.code()),
    }
}

/// An amount in the solver's integer millionths.
fn amount(units: i128) -> Decimal {
    Decimal::from_i128_with_scale(units, UNIT_DIGITS)
}

fn years_text(k: u8) -> String {
    match k {
        1 => "one year".into(),
        2 => "two years".into(),
        3 => "three years".into(),
        k => format!("{k} years"),
    }
}

/// Why the ceilings cannot be met whatever moves: one sentence per ceiling that the least spend
/// the choices allow (`min_spend`, per ceiling) still breaks, with what the committed
/// initiatives alone spend when they break it. `None` when every ceiling can be met on its own.
pub(super) fn root_infeasible(
    plan: &Plan,
    items: &[Item],
    ceilings: &[Ceiling],
    min_spend: &[i128],
) -> Option<Vec<String>> {
    let cur = plan.settings.currency;
    let mut reasons = Vec::new();
    for (c, ceiling) in ceilings.iter().enumerate() {
        if min_spend[c] <= ceiling.units {
            continue;
        }
        let committed: i128 = items
            .iter()
            .filter(|it| it.fixed)
            .map(|it| it.costs.iter().filter(|(k, _)| *k == c).map(|(_, per)| per[0]).sum::<i128>())
            .sum();
        let label = plan.year_label(ceiling.year);
        let what = match &ceiling.theme {
            None => label.clone(),
            Some(t) => format!(
                "{label} ({})",
                plan.themes.iter().find(|x| &x.id == t).map_or(t.to_string(), |x| x.name.clone())
            ),
        };
        let mut s = format!(
            "{what}: even deferring or dropping everything that may move leaves {} against a ceiling of {}, over by {}",
            short_money(amount(min_spend[c]), cur),
            short_money(ceiling.amount, cur),
            short_money(amount(min_spend[c] - ceiling.units), cur)
        );
        if committed > ceiling.units {
            s.push_str(&format!(
                "; the committed initiatives (in progress, done, cancelled or pinned) alone spend {}, over by {}",
                short_money(amount(committed), cur),
                short_money(amount(committed - ceiling.units), cur)
            ));
        }
        s.push('.');
        reasons.push(s);
    }
    if reasons.is_empty() { None } else { Some(reasons) }
}

/// Writes the sentence of each decision of one proposal.
pub(super) struct Reasons<'a> {
    pub(super) plan: &'a Plan,
    pub(super) items: &'a [Item],
    pub(super) ceilings: &'a [Ceiling],
    /// The proposal: each item's label.
    pub(super) chosen: &'a [usize],
    pub(super) basis: ValueBasis,
}

impl Reasons<'_> {
    /// Why `it` takes label `p`: "Defer “CRM” one year to FY2029 (starts 2028-07): frees $1.2M in
    /// FY2028; adds $1.2M in FY2029; value 80 → 72."
    pub(super) fn decision(&self, it: &Item, p: usize) -> String {
        let plan = self.plan;
        let x = &plan.initiatives[it.index];
        let cur = plan.settings.currency;
        let cal = &plan.settings.fiscal_calendar;
        let ceilings = self.ceilings;
        // Spend moved, per fiscal year of the ceilings (total ceilings when there are, else themes).
        let mut delta: BTreeMap<i32, i128> = BTreeMap::new();
        let totals: Vec<usize> = {
            let t: Vec<usize> = (0..ceilings.len()).filter(|&c| ceilings[c].theme.is_none()).collect();
            if t.is_empty() { (0..ceilings.len()).collect() } else { t }
        };
        for (c, per) in &it.costs {
            if totals.contains(c) {
                *delta.entry(ceilings[*c].year.0).or_default() += per[p] - per[0];
            }
        }
        let frees: Vec<String> = delta
            .iter()
            .filter(|(_, d)| **d < 0)
            .map(|(y, d)| format!("{} in {}", short_money(amount(-d), cur), cal.label(FiscalYear(*y))))
            .collect();
        let adds: Vec<String> = delta
            .iter()
            .filter(|(_, d)| **d > 0)
            .map(|(y, d)| format!("{} in {}", short_money(amount(*d), cur), cal.label(FiscalYear(*y))))
            .collect();
        let value = |v: i128| match self.basis {
            ValueBasis::Priority => {
                let d = display(self.basis, v);
                if (d - d.round()).abs() < 1e-9 { format!("{d:.0}") } else { format!("{d:.1}") }
            }
            ValueBasis::Npv => short_money(Decimal::from_i128_with_scale(v, 0), cur),
        };
        let what = match self.basis {
            ValueBasis::Priority => "value",
            ValueBasis::Npv => "NPV",
        };
        let mut s = match it.choice(p) {
            Choice::Defer(k) => {
                let start = x.start.add_months(12 * i32::from(k)).unwrap_or(x.start);
                format!(
                    "Defer “{}” {} to {} (starts {start})",
                    x.name,
                    years_text(k),
                    cal.label(cal.fiscal_year_of(start))
                )
            }
            Choice::Drop => {
                let pred_dropped = x.dependencies.iter().find_map(|d| {
                    self.items.iter().zip(self.chosen).find_map(|(o, &q)| {
                        let y = &plan.initiatives[o.index];
                        (y.id == d.on && matches!(o.choice(q), Choice::Drop)).then(|| y.name.clone())
                    })
                });
                match pred_dropped {
                    Some(n) => format!("Drop “{}” (it depends on “{n}”, which is dropped)", x.name),
                    None => format!("Drop “{}”", x.name),
                }
            }
            Choice::Keep => format!("Keep “{}”", x.name),
        };
        if !frees.is_empty() {
            s.push_str(&format!(": frees {}", frees.join(", ")));
        }
        if !adds.is_empty() {
            s.push_str(&format!("{} adds {}", if frees.is_empty() { ":" } else { ";" }, adds.join(", ")));
        }
        s.push_str(&format!("; {what} {} → {}.", value(it.value[0]), value(it.value[p])));
        s
    }
}

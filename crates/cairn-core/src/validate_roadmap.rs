//! The roadmap's rules: milestones, dependencies (no cycles, no missing predecessors, no lag
//! that overlaps more than the predecessor lasts), budgets, FTE demand, ceilings and capacity.

use std::collections::{HashMap, HashSet};

use rust_decimal::{Decimal, dec};

use crate::plan::{Id, Plan};
use crate::roadmap::{Budget, QuarterFte};
use crate::validate::Checker;

/// The largest FTE figure accepted in one quarter; beyond any IT organisation.
const MAX_FTE: Decimal = dec!(1_000_000);

pub(crate) fn initiatives(c: &mut Checker, plan: &Plan, cases: &HashSet<&Id>) {
    let months: HashMap<&Id, i32> = plan.initiatives.iter().map(|x| (&x.id, x.months())).collect();
    for (i, x) in plan.initiatives.iter().enumerate() {
        let at = |field: &str| format!("initiatives[{i}].{field}");
        for (j, m) in x.milestones.iter().enumerate() {
            c.name(at(&format!("milestones[{j}].name")), &m.name, true);
            c.month_in_range(at(&format!("milestones[{j}].month")), m.month);
        }
        let mut seen = HashSet::new();
        for (j, d) in x.dependencies.iter().enumerate() {
            let path = at(&format!("dependencies[{j}]"));
            if d.on == x.id {
                c.fail(format!("{path}.on"), "an initiative cannot depend on itself");
                continue;
            }
            if !seen.insert(&d.on) {
                c.fail(format!("{path}.on"), format!("depends on \"{}\" twice", d.on));
            }
            match months.get(&d.on) {
                None => c.fail(format!("{path}.on"), format!("no initiative has the id \"{}\"", d.on)),
                Some(&length) if d.lag_months < -length => c.fail(
                    format!("{path}.lag_months"),
                    format!("a lag of {} months overlaps more than \"{}\" lasts ({length} months)", d.lag_months, d.on),
                ),
                Some(_) if d.lag_months > 1200 => {
                    c.fail(format!("{path}.lag_months"), "must be at most 1,200 months");
                }
                Some(_) => {}
            }
        }
        if let Some(p) = x.priority
            && p > 100
        {
            c.fail(at("priority"), format!("must be from 0 to 100, not {p}"));
        }
        budget(c, plan, &at("budget"), &x.budget, cases);
        quarters(c, &at("fte"), &x.fte);
    }
    if let Some(cycle) = dependency_cycle(plan) {
        let names: Vec<String> = cycle.iter().map(|&k| format!("\"{}\"", plan.initiatives[k].name)).collect();
        let first = cycle.first().copied().unwrap_or(0);
        c.fail(
            format!("initiatives[{first}].dependencies"),
            format!(
                "the dependencies form a cycle: {} → {}",
                names.join(" → "),
                names.first().cloned().unwrap_or_default()
            ),
        );
    }
}

/// A budget's rules, wherever it is held (an initiative, a scenario's override): one entry per
/// fiscal year, amounts not negative and in range, a linked business case that exists.
pub(crate) fn budget(c: &mut Checker, plan: &Plan, path: &str, budget: &Budget, cases: &HashSet<&Id>) {
    match budget {
        Budget::Entered { years } => {
            let mut seen = HashSet::new();
            for (j, y) in years.iter().enumerate() {
                let path = format!("{path}.years[{j}]");
                if !seen.insert(y.year) {
                    c.fail(format!("{path}.year"), format!("{} appears twice", plan.year_label(y.year)));
                }
                for (field, v) in [("capex", y.capex), ("opex", y.opex)] {
                    if v < Decimal::ZERO {
                        c.fail(format!("{path}.{field}"), "must not be negative");
                    }
                    c.amount(format!("{path}.{field}"), v);
                }
            }
        }
        Budget::BusinessCase { case } => {
            if !cases.contains(case) {
                c.fail(format!("{path}.case"), format!("no business case has the id \"{case}\""));
            }
        }
    }
}

pub(crate) fn settings(c: &mut Checker, plan: &Plan, themes: &HashSet<&Id>) {
    let roadmap = &plan.settings.roadmap;
    let mut seen = HashSet::new();
    for (i, ceiling) in roadmap.budget_ceilings.iter().enumerate() {
        let path = format!("settings.roadmap.budget_ceilings[{i}]");
        if let Some(theme) = &ceiling.theme
            && !themes.contains(theme)
        {
            c.fail(format!("{path}.theme"), format!("no theme has the id \"{theme}\""));
        }
        if !seen.insert((ceiling.year, ceiling.theme.as_ref())) {
            c.fail(
                format!("{path}.year"),
                format!("{} has two ceilings for the same scope", plan.year_label(ceiling.year)),
            );
        }
        if ceiling.amount < Decimal::ZERO {
            c.fail(format!("{path}.amount"), "must not be negative");
        }
        c.amount(format!("{path}.amount"), ceiling.amount);
    }
    quarters(c, "settings.roadmap.fte_capacity", &roadmap.fte_capacity);
}

pub(crate) fn quarters(c: &mut Checker, path: &str, entries: &[QuarterFte]) {
    let mut seen = HashSet::new();
    for (j, q) in entries.iter().enumerate() {
        if !(1..=4).contains(&q.quarter) {
            c.fail(format!("{path}[{j}].quarter"), format!("must be 1 to 4, not {}", q.quarter));
        } else if !seen.insert((q.year, q.quarter)) {
            c.fail(format!("{path}[{j}].quarter"), "appears twice");
        }
        if q.fte < Decimal::ZERO || q.fte > MAX_FTE {
            c.fail(format!("{path}[{j}].fte"), "must be from 0 to 1,000,000");
        }
    }
}

/// The initiatives (by index) of one dependency cycle, in order, or `None` when there is none.
/// Iterative depth-first search: plans with thousands of initiatives must not overflow the stack.
pub(crate) fn dependency_cycle(plan: &Plan) -> Option<Vec<usize>> {
    let index: HashMap<&Id, usize> = plan.initiatives.iter().enumerate().map(|(k, x)| (&x.id, k)).collect();
    // Edges from an initiative to its predecessors (a self-dependency is reported on its own); a cycle that way is a cycle either way.
    let preds: Vec<Vec<usize>> = plan
        .initiatives
        .iter()
        .map(|x| x.dependencies.iter().filter(|d| d.on != x.id).filter_map(|d| index.get(&d.on).copied()).collect())
        .collect();
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut mark = vec![Mark::New; preds.len()];
    for root in 0..preds.len() {
        if mark[root] != Mark::New {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        mark[root] = Mark::Open;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&p) = preds[node].get(*next) {
                *next += 1;
                match mark[p] {
                    Mark::New => {
                        mark[p] = Mark::Open;
                        stack.push((p, 0));
                    }
                    Mark::Open => {
                        let from = stack.iter().position(|&(n, _)| n == p).unwrap_or(0);
                        // The stack runs successor → predecessor; reverse to read in delivery order.
                        let mut cycle: Vec<usize> = stack[from..].iter().map(|&(n, _)| n).collect();
                        cycle.reverse();
                        return Some(cycle);
                    }
                    Mark::Done => {}
                }
            } else {
                mark[node] = Mark::Done;
                stack.pop();
            }
        }
    }
    None
}

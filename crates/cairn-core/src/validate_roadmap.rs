//! The roadmap's rules: milestones, dependencies (no cycles, no missing predecessors, no lag
//! that overlaps more than the predecessor lasts, no schedule past the last month a plan
//! reaches), budgets, FTE demand, ceilings and capacity.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rust_decimal::{Decimal, dec};

use crate::plan::{Horizon, Id, Initiative, Plan};
use crate::roadmap::{Budget, Dependency, DependencyKind, QuarterFte};
use crate::scenario::Override;
use crate::validate::Checker;

/// Up to this many entries, a repeat is found by scanning the earlier ones (no set to allocate
/// for the usual handful of dependencies, years or quarters, thousands of times in a large plan);
/// past it, by a hash set, so a long list stays linear.
const SCAN: usize = 16;

/// The largest FTE figure accepted in one quarter; beyond any IT organisation.
const MAX_FTE: Decimal = dec!(1_000_000);

/// Each dependency's predecessor by position (`None`: no initiative has its id), resolved once
/// through one index and read by the dependency rules, the cycle search and the schedule-range
/// check, instead of each building its own map and looking every dependency up again. The
/// dependencies of initiative `k` are `at[first[k]..first[k + 1]]`. Built only when every id is
/// unique: where one repeats, those rules have always found different twins (the lengths and
/// the cycle search the last, the schedule range the first), and they keep their own lookups.
pub(crate) struct Resolved {
    first: Vec<usize>,
    at: Vec<Option<usize>>,
}

impl Resolved {
    pub(crate) fn new(xs: &[Arc<Initiative>]) -> Option<Resolved> {
        let index = crate::plan::positions_by_id(xs, |x| &x.id);
        if index.len() != xs.len() {
            return None;
        }
        let mut first = Vec::with_capacity(xs.len() + 1);
        first.push(0);
        let mut at = Vec::with_capacity(xs.iter().map(|x| x.dependencies.len()).sum());
        for x in xs {
            at.extend(x.dependencies.iter().map(|d| index.get(&d.on).copied()));
            first.push(at.len());
        }
        Some(Resolved { first, at })
    }

    /// The predecessors of initiative `k`'s dependencies, in order.
    fn of(&self, k: usize) -> &[Option<usize>] {
        &self.at[self.first[k]..self.first[k + 1]]
    }
}

pub(crate) fn initiatives(c: &mut Checker, plan: &Plan, cases: &HashSet<&Id>, resolved: Option<&Resolved>) {
    let months: HashMap<&Id, i32> = match resolved {
        Some(_) => HashMap::new(),
        None => plan.initiatives.iter().map(|x| (&x.id, x.months())).collect(),
    };
    for (i, x) in plan.initiatives.iter().enumerate() {
        let at = |field: &str| format!("initiatives[{i}].{field}");
        for (j, m) in x.milestones.iter().enumerate() {
            c.name(|| at(&format!("milestones[{j}].name")), &m.name, true);
            c.month_in_range(|| at(&format!("milestones[{j}].month")), m.month);
        }
        // Paths are written only for a problem (see `PathText`).
        let mut seen = (x.dependencies.len() > SCAN).then(HashSet::new);
        for (j, d) in x.dependencies.iter().enumerate() {
            let path = |field: &str| at(&format!("dependencies[{j}].{field}"));
            if d.on == x.id {
                c.fail(path("on"), "an initiative cannot depend on itself");
                continue;
            }
            let again = match &mut seen {
                Some(seen) => !seen.insert(&d.on),
                // A self-dependency before is none of these: `d.on` is not the initiative itself.
                None => x.dependencies[..j].iter().any(|e| e.on == d.on),
            };
            if again {
                c.fail(path("on"), format!("depends on \"{}\" twice", d.on));
            }
            let length = match resolved {
                Some(r) => r.of(i)[j].map(|p| plan.initiatives[p].months()),
                None => months.get(&d.on).copied(),
            };
            match length {
                None => c.fail(path("on"), format!("no initiative has the id \"{}\"", d.on)),
                Some(length) if d.lag_months < -length => c.fail(
                    path("lag_months"),
                    format!("a lag of {} months overlaps more than \"{}\" lasts ({length} months)", d.lag_months, d.on),
                ),
                Some(_) if d.lag_months > Dependency::MAX_LAG_MONTHS => c.fail(
                    path("lag_months"),
                    format!(
                        "a lag of {} months is longer than Cairn accepts: at most {} months (30 years, the longest horizon)",
                        d.lag_months,
                        Dependency::MAX_LAG_MONTHS
                    ),
                ),
                Some(_) => {}
            }
        }
        if let Some(p) = x.priority
            && p > 100
        {
            c.fail(at("priority"), format!("must be from 0 to 100, not {p}"));
        }
        budget(c, plan, &|| at("budget"), &x.budget, cases);
        quarters(c, &|| at("fte"), &x.fte);
        crate::duration::range(c, &at, x);
    }
    if let Some(cycle) = dependency_cycle(plan, resolved) {
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
/// `path` writes the budget's path, for a problem only.
pub(crate) fn budget(c: &mut Checker, plan: &Plan, path: &dyn Fn() -> String, budget: &Budget, cases: &HashSet<&Id>) {
    match budget {
        Budget::Entered { years } => {
            let mut seen = (years.len() > SCAN).then(HashSet::new);
            for (j, y) in years.iter().enumerate() {
                let at = |field: &str| format!("{}.years[{j}].{field}", path());
                let again = match &mut seen {
                    Some(seen) => !seen.insert(y.year),
                    None => years[..j].iter().any(|z| z.year == y.year),
                };
                if again {
                    c.fail(at("year"), format!("{} appears twice", plan.year_label(y.year)));
                }
                for (field, v) in [("capex", y.capex), ("opex", y.opex)] {
                    if v < Decimal::ZERO {
                        c.fail(at(field), "must not be negative");
                    }
                    c.amount(|| at(field), v);
                }
            }
        }
        Budget::BusinessCase { case } => {
            if !cases.contains(case) {
                c.fail(format!("{}.case", path()), format!("no business case has the id \"{case}\""));
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
    quarters(c, &|| "settings.roadmap.fte_capacity".to_owned(), &roadmap.fte_capacity);
    crate::duration::spread(c, &roadmap.duration_spread);
    if let Some(threshold) = roadmap.appraisal_threshold {
        let path = "settings.roadmap.appraisal_threshold";
        if threshold < Decimal::ZERO {
            c.fail(path.to_owned(), "must not be negative");
        }
        c.amount(path.to_owned(), threshold);
    }
}

/// `path` writes the entries' path, for a problem only.
pub(crate) fn quarters(c: &mut Checker, path: &dyn Fn() -> String, entries: &[QuarterFte]) {
    let mut seen = (entries.len() > SCAN).then(HashSet::new);
    for (j, q) in entries.iter().enumerate() {
        if !(1..=4).contains(&q.quarter) {
            c.fail(format!("{}[{j}].quarter", path()), format!("must be 1 to 4, not {}", q.quarter));
        } else if match &mut seen {
            Some(seen) => !seen.insert((q.year, q.quarter)),
            // An earlier entry with the same year and quarter had a valid quarter, as this one.
            None => entries[..j].iter().any(|e| (e.year, e.quarter) == (q.year, q.quarter)),
        } {
            c.fail(format!("{}[{j}].quarter", path()), "appears twice");
        }
        if q.fte < Decimal::ZERO || q.fte > MAX_FTE {
            c.fail(format!("{}[{j}].fte", path()), "must be from 0 to 1,000,000");
        }
    }
}

/// The initiatives (by index) of one dependency cycle, in order, or `None` when there is none.
/// Iterative depth-first search: plans with thousands of initiatives must not overflow the stack.
pub(crate) fn dependency_cycle(plan: &Plan, resolved: Option<&Resolved>) -> Option<Vec<usize>> {
    let xs = &plan.initiatives;
    let index: HashMap<&Id, usize> = match resolved {
        Some(_) => HashMap::new(),
        None => xs.iter().enumerate().map(|(k, x)| (&x.id, k)).collect(),
    };
    // Edges from an initiative to its predecessors (a self-dependency is reported on its own); a
    // cycle that way is a cycle either way. Flat: those of `k` are `pred[first[k]..first[k + 1]]`.
    let mut first = Vec::with_capacity(xs.len() + 1);
    first.push(0);
    let mut pred: Vec<usize> = Vec::new();
    for (k, x) in xs.iter().enumerate() {
        for (j, d) in x.dependencies.iter().enumerate() {
            if d.on == x.id {
                continue;
            }
            let p = match resolved {
                Some(r) => r.of(k)[j],
                None => index.get(&d.on).copied(),
            };
            pred.extend(p);
        }
        first.push(pred.len());
    }
    let preds = |k: usize| &pred[first[k]..first[k + 1]];
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut mark = vec![Mark::New; xs.len()];
    for root in 0..xs.len() {
        if mark[root] != Mark::New {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        mark[root] = Mark::Open;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&p) = preds(node).get(*next) {
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

/// The last month a schedule may reach: December of the last year a plan's dates may name, so
/// every date the scheduler computes is one a plan file could hold.
const LAST_MONTH: i64 = Horizon::MAX_FIRST_YEAR as i64 * 12 + 11;

/// A month index (months since January of year 0) as `YYYY-MM`, also past the years a
/// [`crate::YearMonth`] holds.
fn month_text(index: i64) -> String {
    format!("{:04}-{:02}", index.div_euclid(12), index.rem_euclid(12) + 1)
}

/// A dependency that pushes an initiative's early dates past [`LAST_MONTH`] while its
/// predecessor itself stays within: the cause, not every initiative downstream of it.
struct Push {
    initiative: usize,
    dependency: usize,
    predecessor: usize,
    start: i64,
    finish: i64,
}

/// One dependency as a link from its predecessor: the successor, the dependency's position in
/// the successor's list, and what it asks.
#[derive(Clone, Copy)]
struct Link {
    successor: usize,
    dependency: usize,
    kind: DependencyKind,
    lag: i64,
}

/// Every dependency whose predecessor `index` finds, as links grouped by predecessor (in the
/// order of successors and their dependencies), in flat arrays: built once and walked by the
/// plan's check and each scenario's without looking an id up again.
struct Network {
    /// `links[first[p]..first[p + 1]]` leave initiative `p`.
    first: Vec<usize>,
    links: Vec<Link>,
}

impl Network {
    fn new(xs: &[Arc<Initiative>], index: &HashMap<&Id, usize>) -> Network {
        Network::build(xs, |_, _, d| index.get(&d.on).copied())
    }

    /// The network of dependencies already resolved (every id unique: `index` would find the same).
    fn from_resolved(xs: &[Arc<Initiative>], resolved: &Resolved) -> Network {
        Network::build(xs, |k, j, _| resolved.of(k)[j])
    }

    /// `predecessor(k, j, d)`: the position of the initiative that dependency `j` of `k` names.
    fn build(xs: &[Arc<Initiative>], predecessor: impl Fn(usize, usize, &Dependency) -> Option<usize>) -> Network {
        let n = xs.len();
        let mut edges: Vec<(usize, Link)> = Vec::new();
        for (k, x) in xs.iter().enumerate() {
            for (j, d) in x.dependencies.iter().enumerate() {
                if let Some(p) = predecessor(k, j, d)
                    && p != k
                {
                    let link = Link { successor: k, dependency: j, kind: d.kind, lag: i64::from(d.lag_months) };
                    edges.push((p, link));
                }
            }
        }
        let mut first = vec![0usize; n + 1];
        for &(p, _) in &edges {
            first[p + 1] += 1;
        }
        for p in 0..n {
            first[p + 1] += first[p];
        }
        let mut next = first.clone();
        let mut links =
            vec![Link { successor: 0, dependency: 0, kind: DependencyKind::FinishToStart, lag: 0 }; edges.len()];
        for (p, link) in edges {
            links[next[p]] = link;
            next[p] += 1;
        }
        Network { first, links }
    }

    fn from(&self, p: usize) -> &[Link] {
        &self.links[self.first[p]..self.first[p + 1]]
    }
}

/// The first position of each included initiative's id (`dates[k]` is `Some`).
fn included_index<'a>(xs: &'a [Arc<Initiative>], dates: &[Option<(i64, i64)>]) -> HashMap<&'a Id, usize> {
    let mut index: HashMap<&Id, usize> = HashMap::with_capacity(xs.len());
    for (k, x) in xs.iter().enumerate() {
        if dates[k].is_some() {
            index.entry(&x.id).or_insert(k);
        }
    }
    index
}

/// The forward pass of the critical path method, as `cairn_roadmap::schedule` makes it (a planned
/// start is "start no earlier than"; finish-to-start: the predecessor's finish + 1 + lag;
/// start-to-start: its start + lag), in O(initiatives + dependencies), in 64-bit months so that
/// no chain of lags overflows. `dates[k]` is the initiative's planned start and end, or `None`
/// when it is left out (a scenario); `net` links the included initiatives (a link to or from one
/// left out is skipped). Missing predecessors and cycles are reported by [`initiatives`]; here
/// they are skipped.
fn pushed_out(xs: &[Arc<Initiative>], dates: &[Option<(i64, i64)>], net: &Network) -> Vec<Push> {
    let n = xs.len();
    let linked = |p: usize, l: &Link| dates[p].is_some() && dates[l.successor].is_some();
    // waiting[k]: predecessors not yet placed.
    let mut waiting = vec![0usize; n];
    for p in 0..n {
        for l in net.from(p) {
            if linked(p, l) {
                waiting[l.successor] += 1;
            }
        }
    }
    let mut early: Vec<Option<(i64, i64)>> = vec![None; n];
    let mut driver: Vec<Option<(usize, usize)>> = vec![None; n];
    let mut ready: Vec<usize> = (0..n).filter(|&k| dates[k].is_some() && waiting[k] == 0).collect();
    let mut pushes = Vec::new();
    while let Some(k) = ready.pop() {
        let Some((start, end)) = dates[k] else { continue };
        let length = (end - start + 1).max(1);
        let es = match driver[k] {
            Some(_) => early[k].map_or(start, |(es, _)| es.max(start)),
            None => start,
        };
        let ef = es + length - 1;
        early[k] = Some((es, ef));
        // Pushed by a dependency (its own dates past the range are `month_in_range`'s to report).
        if ef > LAST_MONTH
            && es > start
            && let Some((p, j)) = driver[k]
            && early[p].is_some_and(|(_, pf)| pf <= LAST_MONTH)
        {
            pushes.push(Push { initiative: k, dependency: j, predecessor: p, start: es, finish: ef });
        }
        for l in net.from(k) {
            if !linked(k, l) {
                continue;
            }
            let s = l.successor;
            let allowed = match l.kind {
                DependencyKind::FinishToStart => ef + 1 + l.lag,
                DependencyKind::StartToStart => es + l.lag,
            };
            // The successor's early start so far is kept in `early[s].0` until it is placed.
            if early[s].is_none_or(|(so_far, _)| allowed > so_far) {
                early[s] = Some((allowed, allowed));
                driver[s] = Some((k, l.dependency));
            }
            waiting[s] -= 1;
            if waiting[s] == 0 {
                ready.push(s);
            }
        }
    }
    pushes.sort_by_key(|p| p.initiative);
    pushes
}

/// What a push means, in words: "its dependency on "A" (finish-to-start, lag 12 months) moves
/// it to 2200-01 – 2201-12, past 2199-12, the last month a plan reaches".
fn push_reason(xs: &[Arc<Initiative>], p: &Push) -> String {
    let d = &xs[p.initiative].dependencies[p.dependency];
    let kind = match d.kind {
        DependencyKind::FinishToStart => "finish-to-start",
        DependencyKind::StartToStart => "start-to-start",
    };
    format!(
        "the dependency on \"{}\" ({kind}, lag {} months) moves \"{}\" to {} – {}, past {}, the last month a plan reaches; shorten the lag or plan \"{}\" earlier",
        xs[p.predecessor].name,
        d.lag_months,
        xs[p.initiative].name,
        month_text(p.start),
        month_text(p.finish),
        month_text(LAST_MONTH),
        xs[p.predecessor].name,
    )
}

/// No schedule — of the plan, or of a scenario that moves or leaves out initiatives — may run
/// past the last month a plan reaches: the scheduler, the roadmap page, the board pack and
/// `cairn roadmap schedule` would otherwise fail on a plan that was accepted. Each dependency
/// that pushes an initiative out is named; a scenario is named with the first one it causes.
pub(crate) fn schedule_range(c: &mut Checker, plan: &Plan, resolved: Option<&Resolved>) {
    let xs = &plan.initiatives;
    let planned: Vec<Option<(i64, i64)>> =
        xs.iter().map(|x| Some((i64::from(x.start.index()), i64::from(x.end.index())))).collect();
    // The network is built once and shared by the plan and its scenarios, which differ only in
    // dates and in who is left out. Where an id repeats (a plan that breaks that rule), which of
    // its initiatives a dependency names depends on who is left out: then each builds its own.
    let (shared, unique) = match resolved {
        Some(r) => (Network::from_resolved(xs, r), true),
        None => {
            let all = included_index(xs, &planned);
            (Network::new(xs, &all), all.len() == xs.len())
        }
    };
    let pushes = pushed_out(xs, &planned, &shared);
    for p in &pushes {
        c.fail(format!("initiatives[{}].dependencies[{}]", p.initiative, p.dependency), push_reason(xs, p));
    }
    if !pushes.is_empty() {
        // Every scenario inherits the plan's dates; the plan's own cause is the one to fix.
        return;
    }
    let position: HashMap<&Id, usize> = xs.iter().enumerate().map(|(k, x)| (&x.id, k)).collect();
    for (i, s) in plan.scenarios.iter().enumerate() {
        // A scenario whose parents are missing or loop is reported with its parent.
        let Ok(chain) = crate::scenario::lineage(plan, s.id.as_str()) else { continue };
        let mut dates = planned.clone();
        let mut changed = false;
        for o in chain.iter().flat_map(|s| &s.overrides) {
            match o {
                Override::InitiativeDates { initiative, start, end } => {
                    if let Some(&k) = position.get(initiative)
                        && dates[k].is_some()
                    {
                        dates[k] = Some((i64::from(start.index()), i64::from(end.index())));
                        changed = true;
                    }
                }
                Override::InitiativeIncluded { initiative, included: false } => {
                    if let Some(&k) = position.get(initiative) {
                        dates[k] = None;
                        changed = true;
                    }
                }
                _ => {}
            }
        }
        if !changed {
            continue;
        }
        let own;
        let net = if unique {
            &shared
        } else {
            own = Network::new(xs, &included_index(xs, &dates));
            &own
        };
        if let Some(p) = pushed_out(xs, &dates, net).first() {
            c.fail(format!("scenarios[{i}].overrides"), format!("in this scenario, {}", push_reason(xs, p)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fiscal::FiscalYear;
    use crate::roadmap::BudgetYear;
    use crate::validate::validate;

    /// Problem paths after `edit` on a synthetic plan of 40 initiatives.
    fn paths(edit: impl FnOnce(&mut Plan)) -> Vec<String> {
        let mut plan = crate::demo::synthetic_plan("repeats", 40);
        edit(&mut plan);
        validate(&plan).into_iter().map(|p| p.path).collect()
    }

    /// A repeat is found in a short list (scanned) as in a long one (a set), at the same place.
    #[test]
    fn repeats_are_found_in_short_and_long_lists_alike() {
        for many in [false, true] {
            let extra = if many { SCAN + 4 } else { 2 };
            let got = paths(|p| {
                let ids: Vec<Id> = p.initiatives[..extra + 1].iter().map(|x| x.id.clone()).collect();
                let x = p.initiatives.last_mut().map(Arc::make_mut).expect("initiatives");
                x.dependencies = ids[..extra]
                    .iter()
                    .map(|on| Dependency { on: on.clone(), kind: DependencyKind::FinishToStart, lag_months: -1 })
                    .collect();
                x.dependencies.push(x.dependencies[1].clone());
                let fy = x.start.year();
                let years: Vec<BudgetYear> = (0..extra)
                    .map(|k| BudgetYear {
                        year: FiscalYear(fy + i32::try_from(k).unwrap_or(0)),
                        capex: Decimal::ONE,
                        opex: Decimal::ZERO,
                    })
                    .collect();
                x.budget = Budget::Entered { years: [years.clone(), vec![years[0].clone()]].concat() };
                x.fte = (0..extra)
                    .map(|k| QuarterFte {
                        year: FiscalYear(fy),
                        quarter: 1 + u8::try_from(k % 4).unwrap_or(0),
                        fte: Decimal::ONE,
                    })
                    .collect();
            });
            let n = 39;
            let mut want = vec![format!("initiatives[{n}].dependencies[{extra}].on")];
            want.push(format!("initiatives[{n}].budget.years[{extra}].year"));
            // Quarters repeat from the fifth entry on.
            want.extend((4..extra).map(|j| format!("initiatives[{n}].fte[{j}].quarter")));
            assert_eq!(got, want, "{} entries", extra);
        }
    }

    /// Dependencies resolved once give the problems each rule's own lookups give.
    #[test]
    fn resolved_dependencies_give_the_same_problems() {
        fn dep(on: &Id, lag_months: i32) -> Dependency {
            Dependency { on: on.clone(), kind: DependencyKind::FinishToStart, lag_months }
        }
        type Edit = fn(&mut Plan);
        let edits: [Edit; 5] = [
            |_| {},
            |p| {
                let ghost = Id::new("ghost").expect("id");
                p.initiative_mut(5).dependencies.push(dep(&ghost, 0));
            },
            |p| {
                // A cycle: the first initiative now depends on the last, which depends on earlier ones.
                let last = p.initiatives[p.initiatives.len() - 1].id.clone();
                p.initiative_mut(0).dependencies.push(dep(&last, 0));
            },
            |p| {
                let on = p.initiatives[3].id.clone();
                p.initiative_mut(200).dependencies = vec![dep(&on, -100)];
            },
            |p| {
                // Pushed past the last month a plan reaches, in the plan and in a scenario.
                let on = p.initiatives[10].id.clone();
                p.initiative_mut(250).dependencies.push(dep(&on, Dependency::MAX_LAG_MONTHS));
                p.initiative_mut(10).start = "2190-01".parse().expect("month");
                p.initiative_mut(10).end = "2190-06".parse().expect("month");
            },
        ];
        for (n, edit) in edits.iter().enumerate() {
            let mut plan = crate::demo::random_plan("resolved", 300, 7);
            edit(&mut plan);
            let cases: HashSet<&Id> = plan.business_cases.iter().map(|x| &x.id).collect();
            let run = |resolved: Option<&Resolved>| {
                let mut c = Checker::new();
                initiatives(&mut c, &plan, &cases, resolved);
                schedule_range(&mut c, &plan, resolved);
                c.problems()
            };
            let resolved = Resolved::new(&plan.initiatives).expect("unique ids");
            let problems = run(Some(&resolved));
            assert_eq!(problems, run(None), "edit {n}");
            assert_eq!(problems.is_empty(), n == 0, "edit {n}: {problems:?}");
        }
    }
}

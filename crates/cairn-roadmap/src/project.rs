//! Initiatives, milestones and dependencies as an MS Project XML file (MSPDI, the public schema
//! `http://schemas.microsoft.com/project`), for exchange with MS Project and the tools that read
//! its files.
//!
//! The mapping:
//! - each initiative is a task at outline level 1; its `WBS` code is the initiative's id, so that
//!   a file exported, edited in MS Project and imported again updates the same initiatives;
//!   `Start` is the first day of its first month at 08:00, `Finish` the last day of its last month
//!   at 17:00; `Notes` is its description; it is manually scheduled with a "start no earlier
//!   than" constraint on its start, as Cairn schedules it;
//! - each milestone is a zero-length task (`Milestone` 1) right after its initiative, named
//!   "Initiative — milestone", with the same outline level;
//! - each dependency is a `PredecessorLink` (`Type` 1 finish-to-start, 3 start-to-start) with its
//!   lag in months (`LagFormat` 11; `LinkLag` in tenths of a minute, a month being 20 days of
//!   8 hours, as `DaysPerMonth` and `MinutesPerDay` in the file say).
//!
//! On import, dates are read to the month; a task's other fields in Cairn (theme, budget, FTE…)
//! are kept when its `WBS` names an initiative the plan has.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::Arc;

use cairn_core::{Dependency, DependencyKind, Id, Initiative, Milestone, MilestoneKind, Plan, YearMonth};

/// Minutes in a month as the exported file defines it: 20 days of 480 minutes.
const MINUTES_PER_MONTH: i64 = 20 * 480;

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids most control characters even when escaped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

fn days_in_month(m: YearMonth) -> u32 {
    let next = m.add_months(1).unwrap_or(m);
    let first = chrono::NaiveDate::from_ymd_opt(m.year(), u32::from(m.month()), 1);
    let after = chrono::NaiveDate::from_ymd_opt(next.year(), u32::from(next.month()), 1);
    match (first, after) {
        (Some(a), Some(b)) if b > a => u32::try_from((b - a).num_days()).unwrap_or(30),
        _ => 31,
    }
}

fn start_of(m: YearMonth) -> String {
    format!("{:04}-{:02}-01T08:00:00", m.year(), m.month())
}

fn finish_of(m: YearMonth) -> String {
    format!("{:04}-{:02}-{:02}T17:00:00", m.year(), m.month(), days_in_month(m))
}

fn milestone_date(m: YearMonth) -> String {
    format!("{:04}-{:02}-15T08:00:00", m.year(), m.month())
}

/// The plan's initiatives, milestones and dependencies as MSPDI XML.
pub fn initiatives_to_project_xml(plan: &Plan) -> String {
    let mut uid: HashMap<&Id, usize> = HashMap::new();
    let mut next = 1;
    for x in &plan.initiatives {
        uid.insert(&x.id, next);
        next += 1 + x.milestones.len();
    }
    let project_start = plan.initiatives.iter().map(|x| x.start).min();
    let mut out = String::new();
    let _ = writeln!(out, r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#);
    let _ = writeln!(out, r#"<Project xmlns="http://schemas.microsoft.com/project">"#);
    let _ = writeln!(out, "  <SaveVersion>14</SaveVersion>");
    let _ = writeln!(out, "  <Name>{}.xml</Name>", escape(plan.id.as_str()));
    let _ = writeln!(out, "  <Title>{}</Title>", escape(&plan.name));
    let _ = writeln!(out, "  <Company>{}</Company>", escape(&plan.organisation));
    if let Some(start) = project_start {
        let _ = writeln!(out, "  <StartDate>{}</StartDate>", start_of(start));
    }
    let _ = writeln!(out, "  <ScheduleFromStart>1</ScheduleFromStart>");
    let _ = writeln!(out, "  <MinutesPerDay>480</MinutesPerDay>");
    let _ = writeln!(out, "  <MinutesPerWeek>2400</MinutesPerWeek>");
    let _ = writeln!(out, "  <DaysPerMonth>20</DaysPerMonth>");
    let _ = writeln!(out, "  <Tasks>");
    let mut id = 1;
    for x in &plan.initiatives {
        let this = uid.get(&x.id).copied().unwrap_or(0);
        let _ = writeln!(out, "    <Task>");
        let _ = writeln!(out, "      <UID>{this}</UID>");
        let _ = writeln!(out, "      <ID>{id}</ID>");
        let _ = writeln!(out, "      <Name>{}</Name>", escape(&x.name));
        let _ = writeln!(out, "      <WBS>{}</WBS>", escape(x.id.as_str()));
        let _ = writeln!(out, "      <OutlineLevel>1</OutlineLevel>");
        let _ = writeln!(out, "      <Manual>1</Manual>");
        let _ = writeln!(out, "      <Start>{}</Start>", start_of(x.start));
        let _ = writeln!(out, "      <Finish>{}</Finish>", finish_of(x.end));
        let _ = writeln!(out, "      <Milestone>0</Milestone>");
        let _ = writeln!(out, "      <Summary>0</Summary>");
        let _ = writeln!(out, "      <ConstraintType>4</ConstraintType>");
        let _ = writeln!(out, "      <ConstraintDate>{}</ConstraintDate>", start_of(x.start));
        if !x.description.is_empty() {
            let _ = writeln!(out, "      <Notes>{}</Notes>", escape(&x.description));
        }
        for d in &x.dependencies {
            let Some(p) = uid.get(&d.on) else { continue };
            let kind = match d.kind {
                DependencyKind::FinishToStart => 1,
                DependencyKind::StartToStart => 3,
            };
            let _ = writeln!(out, "      <PredecessorLink>");
            let _ = writeln!(out, "        <PredecessorUID>{p}</PredecessorUID>");
            let _ = writeln!(out, "        <Type>{kind}</Type>");
            let _ = writeln!(out, "        <LinkLag>{}</LinkLag>", i64::from(d.lag_months) * MINUTES_PER_MONTH * 10);
            let _ = writeln!(out, "        <LagFormat>11</LagFormat>");
            let _ = writeln!(out, "      </PredecessorLink>");
        }
        let _ = writeln!(out, "    </Task>");
        id += 1;
        for (k, m) in x.milestones.iter().enumerate() {
            let kind = match m.kind {
                MilestoneKind::DecisionGate => "decision_gate",
                MilestoneKind::GoLive => "go_live",
                MilestoneKind::Other => "other",
            };
            let _ = writeln!(out, "    <Task>");
            let _ = writeln!(out, "      <UID>{}</UID>", this + 1 + k);
            let _ = writeln!(out, "      <ID>{id}</ID>");
            let _ = writeln!(out, "      <Name>{} — {}</Name>", escape(&x.name), escape(&m.name));
            let _ = writeln!(out, "      <WBS>{}.{}</WBS>", escape(x.id.as_str()), k + 1);
            let _ = writeln!(out, "      <OutlineLevel>1</OutlineLevel>");
            let _ = writeln!(out, "      <Manual>1</Manual>");
            let _ = writeln!(out, "      <Start>{}</Start>", milestone_date(m.month));
            let _ = writeln!(out, "      <Finish>{}</Finish>", milestone_date(m.month));
            let _ = writeln!(out, "      <Duration>PT0H0M0S</Duration>");
            let _ = writeln!(out, "      <Milestone>1</Milestone>");
            let _ = writeln!(out, "      <Summary>0</Summary>");
            let _ = writeln!(out, "      <Notes>cairn:{kind}</Notes>");
            let _ = writeln!(out, "    </Task>");
            id += 1;
        }
    }
    let _ = writeln!(out, "  </Tasks>");
    let _ = writeln!(out, "</Project>");
    out
}

/// Why an MSPDI file cannot be imported: the task (by its `ID`, or its position) and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectProblem {
    /// The task's `ID` (or 1-based position when it has none); 0 for the file as a whole.
    pub task: u64,
    /// What is wrong.
    pub reason: String,
}

impl std::fmt::Display for ProjectProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.task == 0 { f.write_str(&self.reason) } else { write!(f, "task {}: {}", self.task, self.reason) }
    }
}

fn month_of(text: &str) -> Option<YearMonth> {
    let year = text.get(0..4)?.parse().ok()?;
    let month = text.get(5..7)?.parse().ok()?;
    (text.as_bytes().get(4) == Some(&b'-')).then_some(())?;
    YearMonth::new(year, month).ok()
}

struct Parsed<'a> {
    number: u64,
    uid: String,
    name: String,
    wbs: String,
    start: Option<&'a str>,
    finish: Option<&'a str>,
    milestone: bool,
    summary: bool,
    notes: String,
    links: Vec<(String, u8, i64, Option<u8>)>,
}

/// The trimmed text of a node's first child element called `name`.
fn child<'a>(node: roxmltree::Node<'a, 'a>, name: &str) -> Option<&'a str> {
    node.children().find(|c| c.tag_name().name() == name).and_then(|c| c.text()).map(str::trim)
}

/// Reads initiatives from MSPDI XML: tasks become initiatives (matched to the plan's by `WBS`,
/// keeping their other fields), milestone tasks attach to the initiative task before them,
/// summary tasks are skipped. Returns the plan's new list of initiatives or every problem.
pub fn initiatives_from_project_xml(plan: &Plan, xml: &str) -> Result<Vec<Arc<Initiative>>, Vec<ProjectProblem>> {
    let doc = roxmltree::Document::parse(xml)
        .map_err(|e| vec![ProjectProblem { task: 0, reason: format!("not an XML file: {e}") }])?;
    let root = doc.root_element();
    if root.tag_name().name() != "Project" {
        return Err(vec![ProjectProblem {
            task: 0,
            reason: "not an MS Project XML file (no <Project> element)".into(),
        }]);
    }
    let mut tasks = Vec::new();
    if let Some(list) = root.children().find(|c| c.tag_name().name() == "Tasks") {
        for (k, t) in list.children().filter(|c| c.tag_name().name() == "Task").enumerate() {
            let number = child(t, "ID").and_then(|v| v.parse().ok()).unwrap_or(k as u64 + 1);
            let links = t
                .children()
                .filter(|c| c.tag_name().name() == "PredecessorLink")
                .map(|l| {
                    (
                        child(l, "PredecessorUID").unwrap_or("").to_owned(),
                        child(l, "Type").and_then(|v| v.parse().ok()).unwrap_or(1),
                        child(l, "LinkLag").and_then(|v| v.parse().ok()).unwrap_or(0),
                        child(l, "LagFormat").and_then(|v| v.parse().ok()),
                    )
                })
                .collect();
            tasks.push(Parsed {
                number,
                uid: child(t, "UID").unwrap_or("").to_owned(),
                name: child(t, "Name").unwrap_or("").to_owned(),
                wbs: child(t, "WBS").unwrap_or("").to_owned(),
                start: child(t, "Start"),
                finish: child(t, "Finish"),
                milestone: child(t, "Milestone") == Some("1"),
                summary: child(t, "Summary") == Some("1") || child(t, "OutlineLevel") == Some("0"),
                notes: child(t, "Notes").unwrap_or("").to_owned(),
                links,
            });
        }
    }
    let mut problems = Vec::new();
    let mut out: Vec<Arc<Initiative>> = plan.initiatives.clone();
    let mut by_uid: HashMap<String, Id> = HashMap::new();
    let mut fresh: Vec<(usize, &Parsed<'_>)> = Vec::new();
    let mut current: Option<usize> = None;
    let mut milestones: HashMap<usize, Vec<Milestone>> = HashMap::new();
    // Every id taken, with its position in `out`: a file of thousands of tasks looks each one up.
    let mut taken: HashMap<Id, usize> =
        cairn_core::positions_by_id(&out, |x| &x.id).into_iter().map(|(id, k)| (id.clone(), k)).collect();
    for t in &tasks {
        if t.summary {
            continue;
        }
        let mut fail = |reason: String| problems.push(ProjectProblem { task: t.number, reason });
        if t.milestone {
            let Some(owner) = current else {
                fail("a milestone before any task: Cairn keeps milestones on initiatives".into());
                continue;
            };
            let Some(month) = t.start.and_then(month_of) else {
                fail("the milestone has no start date (YYYY-MM-DD…)".into());
                continue;
            };
            let name = t.name.rsplit_once(" — ").map_or(t.name.as_str(), |(_, m)| m).to_owned();
            let kind = match t.notes.as_str() {
                "cairn:decision_gate" => MilestoneKind::DecisionGate,
                "cairn:go_live" => MilestoneKind::GoLive,
                _ => MilestoneKind::Other,
            };
            milestones.entry(owner).or_default().push(Milestone { name, month, kind });
            continue;
        }
        let (Some(start), Some(end)) = (t.start.and_then(month_of), t.finish.and_then(month_of)) else {
            fail("a task needs a start and a finish date (YYYY-MM-DD…)".into());
            current = None;
            continue;
        };
        if t.name.is_empty() {
            fail("a task needs a name".into());
        }
        let id = match Id::new(t.wbs.as_str()) {
            Ok(id) if !t.wbs.is_empty() => id,
            _ => match Id::from_name(&t.name, "task", |c| taken.contains_key(c)) {
                Ok(id) => id,
                Err(e) => {
                    fail(e.to_string());
                    current = None;
                    continue;
                }
            },
        };
        let index = match taken.get(&id).copied() {
            Some(i) => {
                let x = Arc::make_mut(&mut out[i]);
                x.name.clone_from(&t.name);
                x.start = start;
                x.end = end;
                if !t.notes.is_empty() {
                    x.description.clone_from(&t.notes);
                }
                i
            }
            None => {
                let mut x = Initiative::new(id.clone(), t.name.clone(), start, end);
                x.description.clone_from(&t.notes);
                taken.insert(id.clone(), out.len());
                out.push(Arc::new(x));
                out.len() - 1
            }
        };
        by_uid.insert(t.uid.clone(), id);
        fresh.push((index, t));
        current = Some(index);
    }
    for (index, t) in &fresh {
        let mut deps = Vec::new();
        for (uid, kind, lag, format) in &t.links {
            let Some(on) = by_uid.get(uid) else {
                problems.push(ProjectProblem {
                    task: t.number,
                    reason: format!("a predecessor (UID {uid}) that is not an imported task"),
                });
                continue;
            };
            let kind = match kind {
                1 => DependencyKind::FinishToStart,
                3 => DependencyKind::StartToStart,
                other => {
                    problems.push(ProjectProblem {
                        task: t.number,
                        reason: format!("link type {other} (finish-to-finish or start-to-finish): Cairn has finish-to-start and start-to-start"),
                    });
                    continue;
                }
            };
            // Tenths of a minute to months of 20 working days (elapsed formats count calendar
            // time: a month of 30 days of 24 hours).
            let per_month =
                if matches!(format, Some(4 | 6 | 8 | 10 | 12)) { 30 * 24 * 60 * 10 } else { MINUTES_PER_MONTH * 10 };
            let months = (*lag as f64 / per_month as f64).round();
            // `as` saturates: a lag beyond what Cairn accepts is kept as it is (up to i32) and
            // refused by the plan's validation by its path, never silently shortened.
            deps.push(Dependency { on: on.clone(), kind, lag_months: months as i32 });
        }
        let x = Arc::make_mut(&mut out[*index]);
        x.dependencies = deps;
        if let Some(ms) = milestones.remove(index) {
            x.milestones = ms;
        } else {
            x.milestones.clear();
        }
    }
    if problems.is_empty() { Ok(out) } else { Err(problems) }
}

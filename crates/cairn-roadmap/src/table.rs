//! Initiatives as CSV, for spreadsheets and other tools.
//!
//! The contract is documented in `docs/roadmap.md`. Columns (a header row first; UTF-8; RFC 4180
//! quoting):
//!
//! | column | content |
//! |---|---|
//! | `id` | the initiative's id; empty on import to make one from the name |
//! | `name` | required |
//! | `theme` | a theme id, or empty |
//! | `owner` | free text |
//! | `status` | `proposed`, `approved`, `in_progress`, `done`, `on_hold`, `cancelled` |
//! | `start`, `end` | months, `YYYY-MM`; `end` inclusive |
//! | `goals` | goal ids separated by `;` |
//! | `priority` | 0–100, or empty |
//! | `risk` | `low`, `medium`, `high`, `very_high`, or empty |
//! | `depends_on` | predecessors separated by `;`: `id` (finish-to-start), `id FS+2`, `id SS-1` (kind and lag in months) |
//! | `budget_case` | a business case whose costs are the budget, or empty |
//! | `capex_YYYY`, `opex_YYYY` | the budget of fiscal year YYYY, exact decimals; one pair per year of the horizon on export, any years on import |
//! | `description` | free text |
//!
//! Milestones and FTE demand are not in the CSV (the MS Project file carries milestones); an
//! import keeps those of the initiatives it replaces by id.
//!
//! Text cells go through [`spreadsheet_text`], so that a name such as `=HYPERLINK(…)` reaches a
//! spreadsheet as text, never as a formula; the import undoes it with [`from_spreadsheet_text`].
//!
//! An import is all or nothing: every problem is reported by line and column, and nothing is
//! imported while there is one.

use std::borrow::Cow;
use std::collections::HashMap;
use std::str::FromStr;
use std::sync::Arc;

use cairn_core::{
    Budget, BudgetYear, Dependency, DependencyKind, FiscalYear, Id, Initiative, InitiativeStatus, Plan, RiskRating,
    YearMonth,
};
use rust_decimal::Decimal;

/// The characters that make a spreadsheet read a cell as a formula (or, for tab and carriage
/// return, that some strip before doing so): OWASP's list for CSV injection.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `text` is some apostrophes followed by a formula character: the texts
/// [`spreadsheet_text`] marks.
fn marked_as_text(text: &str) -> bool {
    text.trim_start_matches('\'').starts_with(FORMULA_STARTS)
}

/// A text cell as every file Cairn writes for spreadsheets (CSV today, xlsx later) must hold it,
/// so that a spreadsheet shows it as text and never runs it as a formula: a text starting with
/// `=`, `+`, `-`, `@`, tab or carriage return gets a leading apostrophe (OWASP's rule against
/// CSV injection). So does one that is apostrophes followed by such a character, so that
/// [`from_spreadsheet_text`] gives back exactly what was written. Any other text is unchanged.
///
/// Numbers never go through this: a negative amount is written as `-1250`, a number.
pub fn spreadsheet_text(text: &str) -> Cow<'_, str> {
    if marked_as_text(text) { Cow::Owned(format!("'{text}")) } else { Cow::Borrowed(text) }
}

/// The text [`spreadsheet_text`] was given: one leading apostrophe is removed when what follows
/// is apostrophes and then a formula character. Any other cell is unchanged, so an apostrophe a
/// person typed at the start of an ordinary name stays.
pub fn from_spreadsheet_text(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if marked_as_text(rest) => rest,
        _ => cell,
    }
}

/// One problem in an imported CSV: where and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsvProblem {
    /// The line in the file, 1-based (the header is line 1).
    pub line: u64,
    /// The column's header name.
    pub column: String,
    /// What is wrong.
    pub reason: String,
}

impl std::fmt::Display for CsvProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}, column \"{}\": {}", self.line, self.column, self.reason)
    }
}

const STATUSES: [(&str, InitiativeStatus); 6] = [
    ("proposed", InitiativeStatus::Proposed),
    ("approved", InitiativeStatus::Approved),
    ("in_progress", InitiativeStatus::InProgress),
    ("done", InitiativeStatus::Done),
    ("on_hold", InitiativeStatus::OnHold),
    ("cancelled", InitiativeStatus::Cancelled),
];
const RISKS: [(&str, RiskRating); 4] = [
    ("low", RiskRating::Low),
    ("medium", RiskRating::Medium),
    ("high", RiskRating::High),
    ("very_high", RiskRating::VeryHigh),
];

fn status_word(s: InitiativeStatus) -> &'static str {
    STATUSES.iter().find(|(_, v)| *v == s).map_or("proposed", |(w, _)| w)
}

fn dependency_text(d: &Dependency) -> String {
    match (d.kind, d.lag_months) {
        (DependencyKind::FinishToStart, 0) => d.on.to_string(),
        (DependencyKind::FinishToStart, lag) => format!("{} FS{lag:+}", d.on),
        (DependencyKind::StartToStart, lag) => format!("{} SS{lag:+}", d.on),
    }
}

/// The plan's initiatives as CSV, budgets for every fiscal year of the horizon.
pub fn initiatives_to_csv(plan: &Plan) -> String {
    let years: Vec<i32> = plan.settings.horizon.fiscal_years().map(|y| y.0).collect();
    let mut header: Vec<String> = [
        "id",
        "name",
        "theme",
        "owner",
        "status",
        "start",
        "end",
        "goals",
        "priority",
        "risk",
        "depends_on",
        "budget_case",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    for y in &years {
        header.push(format!("capex_{y}"));
        header.push(format!("opex_{y}"));
    }
    header.push("description".into());
    let mut w = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(Vec::new());
    let _ = w.write_record(&header);
    for x in &plan.initiatives {
        let text = |t: String| spreadsheet_text(&t).into_owned();
        // Text through `spreadsheet_text`; months, the priority and amounts are numbers.
        let mut row = vec![
            text(x.id.to_string()),
            text(x.name.clone()),
            text(x.theme.as_ref().map(ToString::to_string).unwrap_or_default()),
            text(x.owner.clone()),
            text(status_word(x.status).to_owned()),
            x.start.to_string(),
            x.end.to_string(),
            text(x.goals.iter().map(ToString::to_string).collect::<Vec<_>>().join(";")),
            x.priority.map(|p| p.to_string()).unwrap_or_default(),
            text(
                x.risk
                    .and_then(|r| RISKS.iter().find(|(_, v)| *v == r))
                    .map(|(w, _)| (*w).to_owned())
                    .unwrap_or_default(),
            ),
            text(x.dependencies.iter().map(dependency_text).collect::<Vec<_>>().join(";")),
        ];
        match &x.budget {
            Budget::BusinessCase { case } => {
                row.push(text(case.to_string()));
                row.extend(years.iter().flat_map(|_| [String::new(), String::new()]));
            }
            Budget::Entered { years: entered } => {
                row.push(String::new());
                for y in &years {
                    let e = entered.iter().find(|b| b.year.0 == *y);
                    let amount = |d: Option<Decimal>| {
                        d.filter(|d| !d.is_zero()).map(|d| d.normalize().to_string()).unwrap_or_default()
                    };
                    row.push(amount(e.map(|b| b.capex)));
                    row.push(amount(e.map(|b| b.opex)));
                }
            }
        }
        row.push(text(x.description.clone()));
        let _ = w.write_record(&row);
    }
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

fn parse_dependency(text: &str) -> Result<Dependency, String> {
    let mut parts = text.split_whitespace();
    let id = parts.next().ok_or("an empty dependency")?;
    let on = Id::new(id).map_err(|e| e.to_string())?;
    let (kind, lag_months) = match parts.next() {
        None => (DependencyKind::FinishToStart, 0),
        Some(spec) => {
            let upper = spec.to_ascii_uppercase();
            let (kind, rest) = if let Some(rest) = upper.strip_prefix("FS") {
                (DependencyKind::FinishToStart, rest)
            } else if let Some(rest) = upper.strip_prefix("SS") {
                (DependencyKind::StartToStart, rest)
            } else {
                return Err(format!("\"{text}\": write the kind as FS or SS, e.g. \"{id} SS+2\""));
            };
            let lag = if rest.is_empty() {
                0
            } else {
                rest.parse::<i32>().map_err(|_| format!("\"{text}\": the lag must be whole months, e.g. +2 or -1"))?
            };
            (kind, lag)
        }
    };
    if parts.next().is_some() {
        return Err(format!("\"{text}\": separate dependencies with ';'"));
    }
    Ok(Dependency { on, kind, lag_months })
}

/// Reads initiatives from CSV. Rows with an id already in the plan replace that initiative
/// (keeping its milestones and FTE demand); the others are added. Returns the plan's new list of
/// initiatives, or every problem found. The caller validates the whole plan (cycles, references)
/// before saving, so that nothing is half-imported.
pub fn initiatives_from_csv(plan: &Plan, text: &str) -> Result<Vec<Arc<Initiative>>, Vec<CsvProblem>> {
    let mut r = csv::ReaderBuilder::new().flexible(false).trim(csv::Trim::All).from_reader(text.as_bytes());
    let mut problems = Vec::new();
    let header: Vec<String> = match r.headers() {
        Ok(h) => h.iter().map(|s| s.trim_start_matches('\u{feff}').to_ascii_lowercase()).collect(),
        Err(e) => return Err(vec![CsvProblem { line: 1, column: String::new(), reason: e.to_string() }]),
    };
    let col: HashMap<&str, usize> = header.iter().enumerate().map(|(i, h)| (h.as_str(), i)).collect();
    for required in ["name", "start", "end"] {
        if !col.contains_key(required) {
            problems.push(CsvProblem { line: 1, column: required.into(), reason: "this column is required".into() });
        }
    }
    let mut budget_columns = Vec::new();
    for (i, h) in header.iter().enumerate() {
        let money = h.strip_prefix("capex_").map(|y| (y, true)).or_else(|| h.strip_prefix("opex_").map(|y| (y, false)));
        if let Some((year, capex)) = money {
            match year.parse::<i32>() {
                Ok(y) => budget_columns.push((i, FiscalYear(y), capex)),
                Err(_) => problems.push(CsvProblem {
                    line: 1,
                    column: h.clone(),
                    reason: "name budget columns capex_YYYY or opex_YYYY".into(),
                }),
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut out = plan.initiatives.clone();
    // Every id taken, with its position in `out`: a file of thousands of rows looks each one up.
    let mut taken: std::collections::HashMap<Id, usize> =
        cairn_core::positions_by_id(&out, |x| &x.id).into_iter().map(|(id, k)| (id.clone(), k)).collect();
    let mut in_file = std::collections::HashSet::new();
    for record in r.records() {
        let record = match record {
            Ok(rec) => rec,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(CsvProblem { line, column: String::new(), reason: e.to_string() });
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        // Text cells as `spreadsheet_text` wrote them; amounts are read as they are.
        let get = |name: &str| from_spreadsheet_text(col.get(name).and_then(|&i| record.get(i)).unwrap_or(""));
        let mut fail = |column: &str, reason: String| problems.push(CsvProblem { line, column: column.into(), reason });
        let name = get("name").to_owned();
        if name.is_empty() {
            fail("name", "must not be empty".into());
        }
        let month = |column: &str| YearMonth::from_str(get(column)).map_err(|e| (column.to_owned(), e.to_string()));
        let (start, end) = match (month("start"), month("end")) {
            (Ok(s), Ok(e)) => (s, e),
            (s, e) => {
                for (column, reason) in [s.err(), e.err()].into_iter().flatten() {
                    fail(&column, reason);
                }
                continue;
            }
        };
        let id = match get("id") {
            "" => Id::from_name(&name, "initiative", |c| taken.contains_key(c)).ok(),
            text => match Id::new(text) {
                Ok(id) => Some(id),
                Err(e) => {
                    fail("id", e.to_string());
                    None
                }
            },
        };
        let Some(id) = id else { continue };
        if !in_file.insert(id.clone()) {
            fail("id", format!("\"{id}\" appears twice in the file"));
            continue;
        }
        let existing = taken.get(&id).copied();
        let mut x = Initiative::new(id.clone(), name, start, end);
        if let Some(k) = existing {
            x.milestones = out[k].milestones.clone();
            x.fte = out[k].fte.clone();
        }
        let theme = get("theme");
        if !theme.is_empty() {
            match Id::new(theme) {
                Ok(t) => x.theme = Some(t),
                Err(e) => fail("theme", e.to_string()),
            }
        }
        x.owner = get("owner").to_owned();
        x.description = get("description").to_owned();
        match get("status") {
            "" => {}
            s => match STATUSES.iter().find(|(w, _)| w.eq_ignore_ascii_case(s)) {
                Some((_, v)) => x.status = *v,
                None => fail(
                    "status",
                    format!("\"{s}\" is not a status: use proposed, approved, in_progress, done, on_hold or cancelled"),
                ),
            },
        }
        for g in get("goals").split(';').map(str::trim).filter(|g| !g.is_empty()) {
            match Id::new(g) {
                Ok(goal) => x.goals.push(goal),
                Err(e) => fail("goals", e.to_string()),
            }
        }
        match get("priority") {
            "" => {}
            p => match p.parse::<u8>() {
                Ok(v) if v <= 100 => x.priority = Some(v),
                _ => fail("priority", format!("\"{p}\" is not a priority from 0 to 100")),
            },
        }
        match get("risk") {
            "" => {}
            s => match RISKS.iter().find(|(w, _)| w.eq_ignore_ascii_case(s)) {
                Some((_, v)) => x.risk = Some(*v),
                None => fail("risk", format!("\"{s}\" is not a risk rating: use low, medium, high or very_high")),
            },
        }
        for d in get("depends_on").split(';').map(str::trim).filter(|d| !d.is_empty()) {
            match parse_dependency(d) {
                Ok(dep) => x.dependencies.push(dep),
                Err(reason) => fail("depends_on", reason),
            }
        }
        match get("budget_case") {
            "" => {
                let mut years: Vec<BudgetYear> = Vec::new();
                for &(i, year, capex) in &budget_columns {
                    let cell = record.get(i).unwrap_or("");
                    if cell.is_empty() {
                        continue;
                    }
                    let cleaned: String = cell.chars().filter(|c| !matches!(c, ',' | ' ' | '$' | '€' | '£')).collect();
                    let Ok(amount) = Decimal::from_str(&cleaned) else {
                        fail(&header[i], format!("\"{cell}\" is not an amount (e.g. 1250000 or 1,250,000.50)"));
                        continue;
                    };
                    let entry = match years.iter_mut().position(|y| y.year == year) {
                        Some(k) => &mut years[k],
                        None => {
                            years.push(BudgetYear { year, capex: Decimal::ZERO, opex: Decimal::ZERO });
                            let last = years.len() - 1;
                            &mut years[last]
                        }
                    };
                    if capex {
                        entry.capex = amount;
                    } else {
                        entry.opex = amount;
                    }
                }
                x.budget = Budget::Entered { years };
            }
            case => match Id::new(case) {
                Ok(case) => x.budget = Budget::BusinessCase { case },
                Err(e) => fail("budget_case", e.to_string()),
            },
        }
        match existing {
            Some(k) => out[k] = Arc::new(x),
            None => {
                taken.insert(id, out.len());
                out.push(Arc::new(x));
            }
        }
    }
    if problems.is_empty() { Ok(out) } else { Err(problems) }
}

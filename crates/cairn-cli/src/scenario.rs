//! `cairn scenario`: list a plan file's scenarios and baselines, and compare variants.
//!
//! - `cairn scenario list FILE`: one line per scenario, `<id>\t<name>\t<parent>\t<n> overrides`
//!   (`<parent>` is `plan` or a scenario id), then one per baseline,
//!   `<id>\t<name>\tbaseline\t<taken on>`.
//! - `cairn scenario compare FILE A B [C D] [--format table|json]`: A… are `plan`, scenario or
//!   baseline ids or names. The table shows the roadmap's spend by fiscal year (capex + opex,
//!   against the portfolio ceiling, with the years over it), the portfolio NPV, each case's NPV,
//!   IRR and payback, the roadmap's end and critical path, and every difference from A; JSON
//!   carries the same figures (amounts as decimal text).
//!
//! The scenarios are [`cairn_api::scenarios_dto`]'s, as the app lists them; the comparison is
//! [`cairn_api::scenario_comparison`]'s, whose DTO is the JSON.

use std::path::PathBuf;

use cairn_api::ApiError;
use cairn_api::cli_dto::CliComparisonDto;
use cairn_api::text::{self, Places, one_line};
use clap::{Subcommand, ValueEnum};
use rust_decimal::Decimal;

/// The `cairn scenario` subcommands.
#[derive(Subcommand)]
pub enum ScenarioCommand {
    /// List the scenarios and baselines of a plan file.
    List {
        /// The plan file.
        file: PathBuf,
    },
    /// Compare two to four variants: `plan`, scenarios or baselines, by id or name.
    Compare {
        /// The plan file.
        file: PathBuf,
        /// The variants, the first being the reference for differences.
        #[arg(num_args = 2..=4, required = true)]
        variants: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
}

/// Output formats.
#[derive(Clone, Copy, ValueEnum)]
pub enum Format {
    /// Aligned text for people.
    Table,
    /// JSON for tools.
    Json,
}

/// Runs a `cairn scenario` command.
pub fn run(command: &ScenarioCommand) -> Result<(), ApiError> {
    match command {
        ScenarioCommand::List { file } => {
            let list = cairn_api::scenarios_dto(&cairn_api::read_plan_at(file)?.plan);
            for s in &list.scenarios {
                let parent = s.parent.as_deref().unwrap_or("plan");
                crate::out::outln!("{}\t{}\t{}\t{} overrides", s.id, one_line(&s.name), parent, s.overrides.len())?;
            }
            for b in &list.baselines {
                crate::out::outln!("{}\t{}\tbaseline\t{}", b.id, one_line(&b.name), b.taken_on)?;
            }
        }
        ScenarioCommand::Compare { file, variants, format } => {
            let c = cairn_api::scenario_comparison(&cairn_api::read_plan_at(file)?.plan, variants)?;
            match format {
                Format::Json => crate::print_json(&c, true)?,
                Format::Table => crate::out::out!("{}", table(&c))?,
            }
        }
    }
    Ok(())
}

/// A computed amount (an NPV) in whole units for the table, the currency named in the row's
/// label: "1,250,000", "−3" (`cairn_core::text`, as every other figure Cairn writes).
fn money(v: f64) -> String {
    ascii_minus(text::whole(v))
}

/// An exact amount, rounded to whole units (half away from zero) for the table.
fn amount(d: Decimal) -> String {
    ascii_minus(text::grouped(d))
}

/// The table keeps the ASCII hyphen for a negative figure where the app writes "−": its text
/// is a contract that scripts parse (the golden tests hold it), unlike the app's sentences.
fn ascii_minus(figure: String) -> String {
    figure.replace('\u{2212}', "-")
}

/// Rows of a text table: a label, then one cell per variant.
#[derive(Default)]
struct Rows(Vec<(String, Vec<String>)>);

impl std::ops::AddAssign<(String, Vec<String>)> for Rows {
    /// Every label and cell is made one line: a name cannot break the table.
    fn add_assign(&mut self, (label, cells): (String, Vec<String>)) {
        let cells = cells.iter().map(|c| one_line(c).into_owned()).collect();
        self.0.push((one_line(&label).into_owned(), cells));
    }
}

impl Rows {
    /// Labels left-aligned, cells right-aligned, every column as wide as its widest entry: no
    /// name or figure is cut.
    fn render(&self) -> String {
        let chars = |t: &str| t.chars().count();
        let label_w = self.0.iter().map(|(l, _)| chars(l)).max().unwrap_or(0);
        let columns = self.0.iter().map(|(_, c)| c.len()).max().unwrap_or(0);
        let widths: Vec<usize> = (0..columns)
            .map(|k| self.0.iter().filter_map(|(_, c)| c.get(k)).map(|t| chars(t)).max().unwrap_or(0))
            .collect();
        let mut out = String::new();
        for (label, cells) in &self.0 {
            let mut line = format!("{label:<label_w$}");
            for (cell, w) in cells.iter().zip(&widths) {
                line.push_str(&format!("   {cell:>w$}"));
            }
            out += line.trim_end();
            out.push('\n');
        }
        out
    }
}

fn table(c: &CliComparisonDto) -> String {
    let currency = &c.currency;
    let row = |label: &str, cells: Vec<String>| (label.to_owned(), cells);
    let mut rows = Rows::default();
    rows += row("", c.variants.iter().map(|v| v.label.clone()).collect());
    rows += row(&format!("Portfolio NPV ({currency})"), c.variants.iter().map(|v| money(v.portfolio_npv)).collect());
    rows += row("Initiatives", c.variants.iter().map(|v| v.initiatives.to_string()).collect());
    rows +=
        row("Roadmap ends", c.variants.iter().map(|v| v.roadmap_end.clone().unwrap_or_else(|| "—".into())).collect());
    rows += row(
        "Years over the ceiling",
        c.variants
            .iter()
            .map(|v| {
                if v.over_ceiling.is_empty() {
                    "none".into()
                } else {
                    v.over_ceiling.iter().map(|y| y.year.clone()).collect::<Vec<_>>().join(", ")
                }
            })
            .collect(),
    );
    if let Some(first) = c.variants.first() {
        for (i, year) in first.spend.iter().enumerate() {
            let cells = c
                .variants
                .iter()
                .map(|v| v.spend.get(i).map_or("—".into(), |s| format!("{} + {}", amount(s.capex), amount(s.opex))))
                .collect();
            rows += row(&format!("{} spend, capex + opex ({currency})", year.year), cells);
            let limits = c
                .variants
                .iter()
                .map(|v| match v.spend.get(i) {
                    Some(s) => match (s.ceiling, s.over_by) {
                        (Some(cap), Some(over)) => format!("{} OVER by {}", amount(cap), amount(over)),
                        (Some(cap), None) => amount(cap),
                        (None, _) => "—".into(),
                    },
                    None => "—".into(),
                })
                .collect();
            rows += row(&format!("{} ceiling", year.year), limits);
        }
        rows += row(&format!("Total spend ({currency})"), c.variants.iter().map(|v| amount(v.spend_total)).collect());
        for (i, case) in first.cases.iter().enumerate() {
            let cells = c
                .variants
                .iter()
                .map(|v| match v.cases.get(i) {
                    Some(k) => format!(
                        "{} / {} / {}",
                        k.npv.map_or("n/a".into(), money),
                        k.irr.map_or("n/a".into(), |r| ascii_minus(text::percent(r, Places::Fixed(1)))),
                        k.payback_years.map_or("n/a".into(), |y| format!("{y:.1} y"))
                    ),
                    None => "—".into(),
                })
                .collect();
            rows += row(&format!("{} (NPV / IRR / payback)", case.name), cells);
        }
    }
    let mut out = rows.render();
    for v in &c.variants {
        out += &format!("\nCritical path of “{}”: ", one_line(&v.label));
        if v.critical_path.is_empty() {
            out += "none\n";
        } else {
            out += &one_line(&v.critical_path.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(" → "));
            out.push('\n');
        }
        for note in &v.notes {
            out += &format!("  note: {}\n", one_line(note));
        }
    }
    for (k, diffs) in c.differences.iter().enumerate() {
        let label = c.variants.get(k + 1).map_or("", |v| v.label.as_str());
        out += &format!("\nDifferences of “{}” from “{}”:\n", one_line(label), one_line(&c.variants[0].label));
        if diffs.is_empty() {
            out += "  none\n";
        }
        for d in diffs {
            out += &format!("  {}: {} → {}\n", one_line(&d.what), one_line(&d.from), one_line(&d.to));
        }
    }
    out
}

//! A business case's economic case (HM Treasury Green Book), on a page of its own after the
//! case: the short list side by side — present values of costs, of all benefits and of the
//! cash-releasing ones, NPV counting all benefits and cash-releasing ones only, BCR, NPSV against
//! business as usual and the incremental IRR — how the options rank, the optimism bias applied
//! and the discount rate with its basis and source. Every figure and sentence is the caller's
//! (`cairn-api`, from `cairn_case::appraise` and `cairn_core::narrative`).

use crate::canvas::{Align, ink};
use crate::fonts::Style;
use crate::input::{CaseSection, Figure, OptionView, ReportInput};
use crate::layout::{BODY, Col, Doc, HEADING_H, Row};
use crate::sections::figure_text;

/// Options per table: a longer short list continues in a second table below.
const PER_TABLE: usize = 4;

/// The row labels of the options table, with whether each is a total (bold).
const ROWS: [(&str, bool); 10] = [
    ("Role", false),
    ("Rank", false),
    ("PV of costs", false),
    ("PV of benefits, all counted", false),
    ("PV of cash-releasing benefits", false),
    ("NPV, all benefits", true),
    ("NPV, cash-releasing benefits only", false),
    ("Benefit-cost ratio", false),
    ("NPSV against business as usual", true),
    ("Incremental IRR", false),
];

/// What business as usual shows where the others are measured against it.
const BASELINE: &str = "baseline";

/// The figure of row `k` (of [`ROWS`]) of an option, as a cell; `None` for the text rows.
fn figure(o: &OptionView, k: usize) -> Option<Option<&Figure>> {
    Some(match k {
        2 => Some(&o.pv_costs),
        3 => Some(&o.pv_benefits),
        4 => Some(&o.pv_cash_releasing),
        5 => Some(&o.npv),
        6 => Some(&o.npv_cash_releasing),
        7 => Some(&o.bcr),
        8 => o.npsv.as_ref(),
        9 => o.incremental_irr.as_ref(),
        _ => return None,
    })
}

fn cell(o: &OptionView, k: usize, input: &ReportInput) -> String {
    match (k, figure(o, k)) {
        (0, _) => o.role.clone(),
        (1, _) => o.rank.map_or_else(|| BASELINE.to_owned(), |r| r.to_string()),
        (_, Some(Some(f))) => figure_text(f, input),
        (_, Some(None)) => BASELINE.to_owned(),
        (_, None) => String::new(),
    }
}

/// The case's economic case, on a new page numbered as the case's `part`.
pub(crate) fn economic_case(doc: &mut Doc<'_>, input: &ReportInput, c: &CaseSection, part: &str) {
    let e = &c.economic;
    doc.part_page(part, &format!("{}: economic case", c.name));
    doc.paragraph(&e.rate, BODY, Style::Regular, ink::TEXT);
    doc.subheading("Options against business as usual");
    if e.options.is_empty() {
        doc.absent(e.note.as_deref().unwrap_or("The short list could not be appraised."));
    } else {
        options(doc, input, &e.options);
    }
    if !e.ranking.is_empty() {
        doc.paragraph(&e.ranking, BODY, Style::Bold, ink::TEXT);
    }
    let w = doc.width();
    let cols = [
        Col::wrapping("Contributory factor", w * 0.30, 2),
        Col::new("Mitigated", w * 0.13, Align::Right),
        Col::wrapping("Why", w * 0.57, 6),
    ];
    let rows: Vec<Row> =
        e.mitigations.iter().map(|(f, m, why)| Row::new(vec![f.clone(), m.clone(), why.clone()])).collect();
    // The bias applied and the factors that reduce it are read together: when they fit on a page
    // but not below the options, they start the next page rather than leave the table's last
    // rows alone on one.
    let sentences: f32 = e.optimism.iter().map(|t| doc.paragraph_height(t, BODY, Style::Regular)).sum();
    let table = if rows.is_empty() { 0.0 } else { doc.table_height(&cols, &rows) };
    doc.keep_together(HEADING_H + sentences + table);
    doc.subheading("Optimism bias");
    for sentence in &e.optimism {
        doc.paragraph(sentence, BODY, Style::Regular, ink::TEXT);
    }
    if !rows.is_empty() {
        doc.table(&cols, &rows);
    }
}

/// The options side by side, [`PER_TABLE`] to a table, then why any figure is missing.
fn options(doc: &mut Doc<'_>, input: &ReportInput, options: &[OptionView]) {
    let w = doc.width();
    let label_w = (w * 0.30).max(130.0);
    for chunk in options.chunks(PER_TABLE) {
        let fw = ((w - label_w) / chunk.len() as f32).min(110.0);
        let mut cols = vec![Col::wrapping(
            format!("{} (PV at the case's rate)", input.currency.code),
            w - fw * chunk.len() as f32,
            2,
        )];
        cols.extend(chunk.iter().map(|o| Col { lines: 3, ..Col::new(o.name.clone(), fw, Align::Right) }));
        let rows: Vec<Row> = ROWS
            .iter()
            .enumerate()
            .map(|(k, (label, strong))| {
                let mut cells = vec![(*label).to_owned()];
                cells.extend(chunk.iter().map(|o| cell(o, k, input)));
                if *strong { Row::strong(cells) } else { Row::new(cells) }
            })
            .collect();
        doc.table(&cols, &rows);
    }
    for note in missing(options) {
        doc.paragraph(&note, 8.0, Style::Italic, ink::MUTED);
    }
}

/// "—" explained: for each figure and reason, the options it holds for.
fn missing(options: &[OptionView]) -> Vec<String> {
    let mut notes: Vec<(usize, String, Vec<&str>)> = Vec::new();
    for o in options {
        for k in 0..ROWS.len() {
            let Some(Some(Figure::NotAvailable(why))) = figure(o, k) else { continue };
            match notes.iter_mut().find(|(r, w, _)| *r == k && w == why) {
                Some((_, _, names)) => names.push(&o.name),
                None => notes.push((k, why.clone(), vec![&o.name])),
            }
        }
    }
    notes.sort_by_key(|(k, _, _)| *k);
    notes
        .into_iter()
        .map(|(k, why, names)| format!("{} — {}: {}.", ROWS[k].0, names.join(", "), why.trim_end_matches('.')))
        .collect()
}

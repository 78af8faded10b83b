//! The pack's scenario page: variants side by side, what differs from the first, the critical
//! path once when every variant shares it, and the plan against its latest baseline.

use crate::canvas::{Align, ink};
use crate::fonts::Style;
use crate::format::{money, money_whole, percent};
use crate::input::ReportInput;
use crate::layout::{Col, Doc, Row};
use crate::sections::money_in_units;

/// Scenarios side by side, with every difference from the first.
pub(crate) fn scenarios(doc: &mut Doc<'_>, input: &ReportInput) {
    let Some(sc) = &input.scenarios else {
        doc.absent("No scenarios in this plan to compare.");
        return;
    };
    if let Some(b) = &sc.baseline {
        since_baseline(doc, input, b);
    }
    if sc.variants.is_empty() {
        doc.absent("No scenarios in this plan to compare.");
        return;
    }
    let cur = &input.currency;
    let w = doc.width();
    let n = sc.variants.len();
    let label_w = w * 0.36;
    let fw = (w - label_w) / n as f32;
    let mut cols = vec![Col::wrapping("", label_w, 2)];
    // Values wrap (years over the ceiling, the critical path) rather than lose their ends.
    cols.extend(sc.variants.iter().map(|v| Col::wrapping(v.label.clone(), fw, 6)));
    for c in cols.iter_mut().skip(1) {
        c.align = Align::Right;
    }
    let mut rows = Vec::new();
    let mut row = |label: String, f: &dyn Fn(&crate::input::VariantView) -> String, strong: bool| {
        let mut v = vec![label];
        v.extend(sc.variants.iter().map(f));
        rows.push(if strong { Row::strong(v) } else { Row::new(v) });
    };
    row("Portfolio NPV".into(), &|v| money(v.portfolio_npv, cur), false);
    let case_names: Vec<String> =
        sc.variants.first().map(|v| v.cases.iter().map(|c| c.0.clone()).collect()).unwrap_or_default();
    for name in &case_names {
        row(
            format!("NPV — {name}"),
            &|v| v.cases.iter().find(|c| &c.0 == name).and_then(|c| c.1).map_or("—".into(), |x| money(x, cur)),
            false,
        );
    }
    for name in &case_names {
        row(
            format!("IRR — {name}"),
            &|v| v.cases.iter().find(|c| &c.0 == name).and_then(|c| c.2).map_or("—".into(), |x| percent(x, 2)),
            false,
        );
    }
    let years: Vec<String> =
        sc.variants.first().map(|v| v.spend.iter().map(|s| s.0.clone()).collect()).unwrap_or_default();
    for y in &years {
        row(format!("Roadmap spend {y} (capex + opex)"), &|v| v.spend_in(y, cur), false);
    }
    row("Over the ceiling".into(), &|v| v.over_ceiling_text(cur), false);
    row("Initiatives".into(), &|v| v.initiatives.to_string(), false);
    row("Roadmap ends".into(), &|v| v.roadmap_end.clone().unwrap_or_else(|| "—".into()), false);
    // The critical path once when every variant shares it (below the table); otherwise the
    // first variant's in full and, for each other, only how it differs.
    let path = |v: &crate::input::VariantView| {
        if v.critical_path.is_empty() { "—".to_owned() } else { v.critical_path.join(" → ") }
    };
    let reference = sc.variants.first().map(|v| v.critical_path.clone()).unwrap_or_default();
    let shared = sc.variants.iter().all(|v| v.critical_path == reference);
    if !shared {
        let first_label = sc.variants.first().map_or(String::new(), |v| v.label.clone());
        let mut cells = vec!["Critical path".to_owned()];
        cells.extend(sc.variants.iter().enumerate().map(|(i, v)| {
            if i == 0 {
                path(v)
            } else if v.critical_path == reference {
                format!("as in {first_label}")
            } else {
                path_difference(&reference, &v.critical_path)
            }
        }));
        rows.push(Row::new(cells));
    }
    doc.table(&cols, &rows);
    if shared {
        let text = if reference.is_empty() {
            "Critical path: none in any variant.".to_owned()
        } else {
            format!("Critical path, the same in every variant: {}.", reference.join(" → "))
        };
        doc.paragraph(&text, 8.5, Style::Regular, ink::TEXT);
    }
    let first = sc.variants.first().map_or("", |v| v.label.as_str());
    for (v, diffs) in sc.variants.iter().skip(1).zip(&sc.differences) {
        doc.subheading(&format!("{} compared with {first}", v.label));
        if diffs.is_empty() {
            doc.absent("No differences.");
            continue;
        }
        let cols = [
            Col::wrapping("What changes", w * 0.5, 3),
            Col::wrapping("From", w * 0.25, 2),
            Col::wrapping("To", w * 0.25, 2),
        ];
        let rows: Vec<Row> = diffs.iter().map(|(a, b, c)| Row::new(vec![a.clone(), b.clone(), c.clone()])).collect();
        doc.table(&cols, &rows);
    }
}

/// How a critical path differs from the reference: the initiatives it adds and drops, or
/// that it holds the same ones in another order.
fn path_difference(reference: &[String], path: &[String]) -> String {
    let added: Vec<&str> = path.iter().filter(|p| !reference.contains(p)).map(String::as_str).collect();
    let dropped: Vec<&str> = reference.iter().filter(|p| !path.contains(p)).map(String::as_str).collect();
    let mut parts = Vec::new();
    if !added.is_empty() {
        parts.push(format!("adds {}", added.join(", ")));
    }
    if !dropped.is_empty() {
        parts.push(format!("drops {}", dropped.join(", ")));
    }
    if parts.is_empty() {
        return format!("same initiatives, in the order {}", path.join(" → "));
    }
    parts.join("; ")
}

/// What moved since the plan's latest baseline: spend, end date, NPV, initiatives.
fn since_baseline(doc: &mut Doc<'_>, input: &ReportInput, b: &crate::input::BaselineView) {
    let cur = &input.currency;
    let taken = b.taken_on.map(|d| format!(", taken {}", d.format("%-d %B %Y"))).unwrap_or_default();
    doc.subheading(&format!("Since the baseline “{}”{taken}", b.name));
    let w = doc.width();
    let cols = [
        Col::wrapping("", w * 0.34, 2),
        Col::new("Baseline", w * 0.22, Align::Right),
        Col::new("Plan now", w * 0.22, Align::Right),
        Col::new("Change", w * 0.22, Align::Right),
    ];
    let plus = |negative: bool, zero: bool, body: String| {
        if zero {
            "no change".to_owned()
        } else if negative {
            body
        } else {
            format!("+{body}")
        }
    };
    let spend_change = b.spend.1.saturating_sub(b.spend.0);
    let npv_change = b.npv.1 - b.npv.0;
    let npv_change_text = money_in_units(npv_change, cur);
    let end_change = match b.end_months {
        Some(0) => "no change".to_owned(),
        Some(m) => {
            format!("{}{} month{}", if m > 0 { "+" } else { "\u{2212}" }, m.abs(), if m.abs() == 1 { "" } else { "s" })
        }
        None => "—".to_owned(),
    };
    let mut moved = Vec::new();
    if b.slipped > 0 {
        moved.push(format!("{} moved", b.slipped));
    }
    if b.added > 0 {
        moved.push(format!("{} added", b.added));
    }
    if b.removed > 0 {
        moved.push(format!("{} removed", b.removed));
    }
    let rows = vec![
        Row::new(vec![
            "Roadmap spend over the horizon (capex + opex)".into(),
            money_whole(b.spend.0, cur),
            money_whole(b.spend.1, cur),
            plus(spend_change.is_sign_negative(), spend_change.round().is_zero(), money_whole(spend_change, cur)),
        ]),
        Row::new(vec![
            "Roadmap ends".into(),
            b.end.0.clone().unwrap_or_else(|| "—".into()),
            b.end.1.clone().unwrap_or_else(|| "—".into()),
            end_change,
        ]),
        Row::new(vec![
            "Portfolio NPV".into(),
            money_in_units(b.npv.0, cur),
            money_in_units(b.npv.1, cur),
            plus(npv_change < 0.0, npv_change.abs() < 0.5, npv_change_text),
        ]),
        Row::new(vec![
            "Initiatives".into(),
            b.initiatives.0.to_string(),
            b.initiatives.1.to_string(),
            if moved.is_empty() { "no change".into() } else { moved.join(", ") },
        ]),
    ];
    doc.table(&cols, &rows);
}

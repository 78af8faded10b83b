//! The pack's pages, section by section. A section without data says so in one line.

use cairn_core::{MetricKey, narrative};
use rust_decimal::Decimal;

use crate::canvas::{Align, ink};
use crate::charts::{self, Area};
use crate::fonts::Style;
use crate::format::{amount, chart_value, money, money_whole, percent, years};

/// A rate with at most one decimal: 0.072 → "7.2 %", 0.05 → "5 %".
fn percent_at_most(fraction: f64) -> String {
    cairn_core::text::percent(fraction, cairn_core::text::Places::AtMost(1))
}
use crate::input::{CaseSection, Figure, ReportInput, SectionKind, SpendKind};
use crate::layout::{BODY, Col, Doc, Row};

/// Minimum width of a figures column; a table with more columns is split into several.
const MIN_FIGURE_COL: f32 = 56.0;

/// The cover page.
pub(crate) fn cover(doc: &mut Doc<'_>, input: &ReportInput, logo: Option<(printpdf::XObjectId, f32, f32)>) {
    let fonts = doc.fonts;
    doc.new_page(false);
    let (x, w) = (doc.left(), doc.width());
    let page = doc.page();
    let pw = page.w;
    page.rect(0.0, 0.0, pw, 22.0, ink::NAVY);
    if let Some((id, px_w, px_h)) = logo {
        // Fit the logo in 50 × 22 mm, keeping its proportions.
        let (max_w, max_h) = (crate::canvas::mm(50.0), crate::canvas::mm(22.0));
        let scale = (max_w / px_w).min(max_h / px_h);
        let lh = px_h * scale;
        let top = crate::canvas::mm(32.0);
        page.ops.push(printpdf::Op::UseXobject {
            id,
            transform: printpdf::XObjectTransform {
                translate_x: Some(printpdf::Pt(x)),
                translate_y: Some(printpdf::Pt(page.h - top - lh)),
                scale_x: Some(scale),
                scale_y: Some(scale),
                dpi: Some(72.0),
                ..Default::default()
            },
        });
    }
    let mut y = crate::canvas::mm(100.0);
    if !input.organisation.trim().is_empty() {
        page.text_in(fonts, x, w, y, 12.0, Style::Bold, ink::STEEL, Align::Left, &input.organisation.to_uppercase());
        y += 26.0;
    }
    let title = if input.plan_name.trim().is_empty() { "Untitled plan" } else { input.plan_name.as_str() };
    for line in fonts.wrap(Style::Bold, title, 28.0, w, 4) {
        y += 28.0;
        page.text(fonts, x, y, 28.0, Style::Bold, ink::NAVY, &line);
        y += 6.0;
    }
    y += 22.0;
    page.text(fonts, x, y, 15.0, Style::Regular, ink::TEXT, "Board pack");
    if let Some(s) = &input.scenario {
        y += 20.0;
        page.text_in(
            fonts,
            x,
            w,
            y,
            11.0,
            Style::Italic,
            ink::MUTED,
            Align::Left,
            &format!("As in the scenario “{s}”"),
        );
    }
    y += 18.0;
    page.line(x, y, x + 60.0, y, ink::NAVY, 1.5, false);
    y += 22.0;
    page.text(fonts, x, y, 11.0, Style::Regular, ink::TEXT, &input.date.format("%-d %B %Y").to_string());
    if !input.label.trim().is_empty() {
        y += 26.0;
        let label = fonts.ellipsis(Style::Bold, &input.label, 10.0, w - 16.0);
        let lw = fonts.width(Style::Bold, &label, 10.0);
        page.rect_stroke(x, y - 13.0, lw + 16.0, 19.0, ink::RED, 0.8);
        page.text(fonts, x + 8.0, y, 10.0, Style::Bold, ink::RED, &label);
    }
    let bottom = page.h - crate::canvas::mm(32.0);
    page.text_in(
        fonts,
        x,
        w,
        bottom,
        8.0,
        Style::Regular,
        ink::MUTED,
        Align::Left,
        &format!("Amounts in {} unless stated otherwise.", input.currency.code),
    );
}

/// An amount rounded to whole units of the currency: "$6,925,301".
pub(crate) fn money_in_units(value: f64, currency: &crate::input::CurrencyFormat) -> String {
    cairn_core::text::money(value, &currency.code, 0)
}

/// A score as it was entered: 6 → "6", 6.5 → "6.5" (at most four decimals).
fn score_text(value: f64) -> String {
    if !value.is_finite() {
        return "—".into();
    }
    let text = format!("{value:.4}");
    let text = text.trim_end_matches('0').trim_end_matches('.');
    if text == "-0" { "0".into() } else { text.replace('-', "\u{2212}") }
}

pub(crate) fn figure_text(f: &Figure, input: &ReportInput) -> String {
    match f {
        Figure::Money(v) => money(*v, &input.currency),
        Figure::Percent(v) => percent(*v, 2),
        Figure::Years(v) => years(*v),
        Figure::Ratio(v) => format!("{v:.2}"),
        Figure::NotAvailable(_) => "—".into(),
    }
}

/// Key-figure cards, four to a row.
fn cards(doc: &mut Doc<'_>, items: &[(String, String, String)]) {
    let fonts = doc.fonts;
    let per_row = 4;
    let gap = 8.0;
    let cw = (doc.width() - gap * (per_row as f32 - 1.0)) / per_row as f32;
    let ch = 50.0;
    for chunk in items.chunks(per_row) {
        doc.ensure(ch + 8.0);
        let (x0, y) = (doc.left(), doc.y);
        let page = doc.page();
        for (k, (label, value, note)) in chunk.iter().enumerate() {
            let x = x0 + k as f32 * (cw + gap);
            page.rect(x, y, cw, ch, ink::SHADE);
            page.rect(x, y, 2.5, ch, ink::NAVY);
            page.text_in(fonts, x + 9.0, cw - 14.0, y + 13.0, 7.5, Style::Regular, ink::MUTED, Align::Left, label);
            let color = if value.starts_with(crate::format::MINUS) { ink::RED } else { ink::NAVY };
            let size = if fonts.width(Style::Bold, value, 15.0) > cw - 14.0 { 11.5 } else { 15.0 };
            page.text_in(fonts, x + 9.0, cw - 14.0, y + 32.0, size, Style::Bold, color, Align::Left, value);
            if !note.is_empty() {
                page.text_in(fonts, x + 9.0, cw - 14.0, y + 44.0, 6.5, Style::Italic, ink::MUTED, Align::Left, note);
            }
        }
        doc.y += ch + 10.0;
    }
}

/// A table of a label column and figure columns, split into several tables when the figure
/// columns do not fit the page's width; each part repeats the label column.
fn wide_table(doc: &mut Doc<'_>, label: &str, columns: &[String], rows: &[(String, Vec<String>, bool)]) {
    let width = doc.width();
    let min_label = 130.0;
    let per = (((width - min_label) / MIN_FIGURE_COL).floor() as usize).max(1);
    let parts = columns.len().div_ceil(per).max(1);
    // Spread the columns evenly over the parts rather than leaving a lone column at the end.
    let per = columns.len().div_ceil(parts).max(1);
    let chunks: Vec<(usize, usize)> =
        (0..columns.len()).step_by(per).map(|s| (s, (s + per).min(columns.len()))).collect();
    for (s, e) in &chunks {
        let n = e - s;
        let fw = ((width - min_label) / n as f32).min(78.0);
        let label_w = width - fw * n as f32;
        let mut cols = vec![Col::wrapping(label, label_w, 3)];
        cols.extend(columns[*s..*e].iter().map(|c| Col::new(c.clone(), fw, Align::Right)));
        let body: Vec<Row> = rows
            .iter()
            .map(|(l, cells, strong)| {
                let mut v = vec![l.clone()];
                v.extend(cells.get(*s..(*e).min(cells.len())).unwrap_or_default().iter().cloned());
                if *strong { Row::strong(v) } else { Row::new(v) }
            })
            .collect();
        doc.table(&cols, &body);
    }
}

/// The executive summary.
pub(crate) fn summary(doc: &mut Doc<'_>, input: &ReportInput) {
    let s = &input.summary;
    let cur = &input.currency;
    let total: Decimal =
        s.investment.iter().map(|y| y.capex.saturating_add(y.opex)).fold(Decimal::ZERO, Decimal::saturating_add);
    let mut items = vec![
        (
            "Portfolio NPV".to_owned(),
            // Whole units, as every figure on this page (the table states its unit).
            s.portfolio_npv.map_or("—".to_owned(), |v| money_in_units(v, cur)),
            if s.portfolio_npv.is_none() {
                "No business cases".to_owned()
            } else if s.portfolio_note.is_empty() {
                "Sum of the business cases' NPVs".to_owned()
            } else {
                s.portfolio_note.clone()
            },
        ),
        (
            "Investment over the horizon".to_owned(),
            money_whole(total, cur),
            "Capex and opex of every initiative".to_owned(),
        ),
    ];
    items.extend(s.counts.iter().map(|(label, n)| (label.clone(), n.to_string(), String::new())));
    cards(doc, &items);
    doc.subheading("Decisions sought");
    if s.decisions.is_empty() {
        doc.absent("No decisions sought: no ceiling or capacity is exceeded and no business case awaits approval.");
    } else {
        doc.bullets(&s.decisions);
    }
    doc.subheading("Plan health");
    if s.findings.is_empty() {
        doc.absent("No plan-health findings: budgets, dates, benefits and capacity agree across the plan.");
    } else {
        let lines: Vec<String> = s.findings.iter().map(|f| f.text.clone()).collect();
        doc.bullets(&lines);
    }
    doc.subheading("Investment by fiscal year");
    if s.investment.is_empty() || total.is_zero() {
        doc.absent("No investment to show: no initiative has a budget in the plan's horizon.");
    } else {
        let mut columns: Vec<String> = s.investment.iter().map(|y| y.year.clone()).collect();
        columns.push("Total".into());
        let row = |f: &dyn Fn(&crate::input::YearInvestment) -> Decimal| -> Vec<String> {
            let mut v: Vec<String> = s.investment.iter().map(|y| amount(f(y), 0)).collect();
            v.push(amount(s.investment.iter().map(f).fold(Decimal::ZERO, Decimal::saturating_add), 0));
            v
        };
        let rows = vec![
            ("Capex".to_owned(), row(&|y| y.capex), false),
            ("Opex".to_owned(), row(&|y| y.opex), false),
            ("Total investment".to_owned(), row(&|y| y.capex.saturating_add(y.opex)), true),
        ];
        wide_table(doc, &format!("{} (whole units)", cur.code), &columns, &rows);
    }
    // The key risks and the recommendations are read side by side: when both fit on a page but
    // not below the table, they start the next page together, rather than leaving the last
    // recommendations alone on a page of their own.
    if !s.key_risks.is_empty() && !s.recommendations.is_empty() {
        doc.keep_together(doc.headed_bullets_height(&s.key_risks) + doc.headed_bullets_height(&s.recommendations));
    }
    doc.subheading("Key risks");
    if s.key_risks.is_empty() {
        doc.absent("No key risks identified: no business case has a negative NPV or a material chance of one.");
    } else {
        doc.bullets(&s.key_risks);
    }
    doc.subheading("Recommendations");
    if s.recommendations.is_empty() {
        doc.absent("No recommendations: the plan has no business cases to decide on yet.");
    } else {
        doc.bullets(&s.recommendations);
    }
}

/// The strategic goals.
pub(crate) fn goals(doc: &mut Doc<'_>, input: &ReportInput) {
    if input.goals.is_empty() {
        doc.absent("No strategic goals in this plan.");
        return;
    }
    let fonts = doc.fonts;
    for (i, g) in input.goals.iter().enumerate() {
        doc.ensure(70.0);
        let (x, w, y) = (doc.left(), doc.width(), doc.y);
        let page = doc.page();
        page.text(fonts, x, y + 12.0, 12.0, Style::Bold, ink::STEEL, &format!("{}", i + 1));
        let lines = fonts.wrap(Style::Bold, &g.name, 12.0, w - 22.0, 2);
        for (k, line) in lines.iter().enumerate() {
            page.text(fonts, x + 22.0, y + 12.0 + k as f32 * 15.0, 12.0, Style::Bold, ink::NAVY, line);
        }
        doc.y = y + 12.0 + lines.len() as f32 * 15.0;
        if !g.description.trim().is_empty() {
            doc.paragraph(&g.description, BODY, Style::Regular, ink::TEXT);
        }
        let served = if g.initiatives.is_empty() {
            "No initiative serves this goal yet.".to_owned()
        } else {
            format!(
                "Served by {} initiative{}: {}",
                g.initiatives.len(),
                if g.initiatives.len() == 1 { "" } else { "s" },
                g.initiatives.join(", ")
            )
        };
        let lines = fonts.wrap(Style::Italic, &served, 8.5, w, 3);
        for line in lines {
            doc.ensure(12.0);
            let y = doc.y + 8.5;
            doc.page().text(fonts, x, y, 8.5, Style::Italic, ink::MUTED, &line);
            doc.y += 11.5;
        }
        doc.gap(6.0);
        let y = doc.y;
        doc.page().line(x, y, x + w, y, ink::RULE, 0.3, false);
        doc.gap(10.0);
    }
}

/// The budget by fiscal year: stacked chart and table.
pub(crate) fn budget(doc: &mut Doc<'_>, input: &ReportInput) {
    let b = &input.budget;
    let cur = &input.currency;
    let n = b.years.len();
    let nonzero = b.rows.iter().any(|r| r.amounts.iter().any(|a| !a.is_zero()));
    if n == 0 || !nonzero {
        doc.absent("No budget figures: no initiative has a budget in the plan's horizon.");
        if !b.source.is_empty() {
            doc.paragraph(&b.source, 8.0, Style::Italic, ink::MUTED);
        }
        return;
    }
    let sum = |kind: Option<SpendKind>| -> Vec<Decimal> {
        (0..n)
            .map(|i| {
                b.rows
                    .iter()
                    .filter(|r| kind.is_none_or(|k| r.kind == k))
                    .map(|r| r.amounts.get(i).copied().unwrap_or_default())
                    .fold(Decimal::ZERO, Decimal::saturating_add)
            })
            .collect()
    };
    let (capex, opex, total) = (sum(Some(SpendKind::Capex)), sum(Some(SpendKind::Opex)), sum(None));
    let h = 210.0;
    doc.ensure(h);
    let area = Area { x: doc.left(), y: doc.y, w: doc.width(), h };
    let fonts = doc.fonts;
    let series = [
        ("Capex", ink::NAVY, capex.iter().map(|d| chart_value(*d)).collect::<Vec<_>>()),
        ("Opex", ink::STEEL, opex.iter().map(|d| chart_value(*d)).collect::<Vec<_>>()),
    ];
    let ceilings: Vec<Option<f64>> = b.ceilings.iter().map(|c| c.map(chart_value)).collect();
    charts::stacked_bars(doc.page(), fonts, area, &b.years, &series, &ceilings, cur);
    doc.y += h + 14.0;
    let mut columns = b.years.clone();
    columns.push("Total".into());
    let with_total = |v: &[Decimal]| -> Vec<String> {
        let mut out: Vec<String> = v.iter().map(|a| amount(*a, 0)).collect();
        out.push(amount(v.iter().copied().fold(Decimal::ZERO, Decimal::saturating_add), 0));
        out
    };
    let mut rows = Vec::new();
    for kind in [SpendKind::Capex, SpendKind::Opex] {
        for r in b.rows.iter().filter(|r| r.kind == kind && r.amounts.iter().any(|a| !a.is_zero())) {
            let k = if kind == SpendKind::Capex { "capex" } else { "opex" };
            rows.push((format!("{} — {k}", r.name), with_total(&r.amounts), false));
        }
    }
    rows.push(("Capex".into(), with_total(&capex), true));
    rows.push(("Opex".into(), with_total(&opex), true));
    rows.push(("Total".into(), with_total(&total), true));
    if b.ceilings.iter().any(Option::is_some) {
        let mut c: Vec<String> = b.ceilings.iter().map(|c| c.map_or("–".into(), |v| amount(v, 0))).collect();
        c.push(String::new());
        rows.push(("Ceiling".into(), c, false));
        let mut room: Vec<String> = b
            .ceilings
            .iter()
            .zip(&total)
            .map(|(c, t)| c.map_or("–".into(), |v| amount(v.saturating_sub(*t), 0)))
            .collect();
        room.push(String::new());
        rows.push(("Headroom (ceiling − total)".into(), room, false));
    }
    wide_table(doc, &format!("{} (whole units)", cur.code), &columns, &rows);
    if !b.theme_ceilings.is_empty() {
        doc.subheading("Theme ceilings");
        let mut rows = Vec::new();
        for t in &b.theme_ceilings {
            let cell = |i: usize, f: &dyn Fn(Decimal, Decimal) -> Decimal| -> String {
                match t.ceilings.get(i).copied().flatten() {
                    Some(c) => amount(f(c, t.spend.get(i).copied().unwrap_or_default()), 0),
                    None => "–".into(),
                }
            };
            let per_year = |f: &dyn Fn(Decimal, Decimal) -> Decimal| -> Vec<String> {
                let mut v: Vec<String> = (0..n).map(|i| cell(i, f)).collect();
                v.push(String::new());
                v
            };
            rows.push((format!("{} — ceiling", t.theme), per_year(&|c, _| c), false));
            rows.push((format!("{} — spend", t.theme), with_total(&t.spend), false));
            rows.push((format!("{} — headroom", t.theme), per_year(&|c, s| c.saturating_sub(s)), true));
        }
        wide_table(doc, &format!("{} (whole units)", cur.code), &columns, &rows);
    }
    if !b.source.is_empty() {
        doc.paragraph(&b.source, 8.0, Style::Italic, ink::MUTED);
    }
}

/// The business cases: an overview, then one part per case.
pub(crate) fn cases(doc: &mut Doc<'_>, input: &ReportInput, number: usize) {
    if input.cases.is_empty() {
        doc.absent("No business cases in this plan.");
        return;
    }
    let cur = &input.currency;
    let w = doc.width();
    let cols = [
        Col::wrapping("Business case", w * 0.30, 2),
        Col::new(headline_title(input), w * 0.17, Align::Right),
        Col::new("NPV, cash only", w * 0.19, Align::Right),
        Col::new("IRR", w * 0.11, Align::Right),
        Col::new("Payback", w * 0.12, Align::Right),
        Col::new("BCR", w * 0.11, Align::Right),
    ];
    let pick = |c: &CaseSection, key: MetricKey| -> String {
        c.metrics.iter().find(|(k, _)| *k == key).map_or("—".into(), |(_, f)| figure_text(f, input))
    };
    let rows: Vec<Row> = input
        .cases
        .iter()
        .map(|c| {
            Row::new(vec![
                c.name.clone(),
                c.npv_figures
                    .iter()
                    .find(|f| f.headline)
                    .map_or_else(|| pick(c, MetricKey::Npv), |f| f.value.map_or("—".into(), |v| money(v, cur))),
                pick(c, MetricKey::NpvCashReleasing),
                pick(c, MetricKey::Irr),
                pick(c, MetricKey::Payback),
                pick(c, MetricKey::BenefitCostRatio),
            ])
        })
        .collect();
    doc.table(&cols, &rows);
    for (i, c) in input.cases.iter().enumerate() {
        let part = format!("{number}.{}", i + 1);
        doc.part(&part, &c.name);
        case(doc, input, c, cur);
        crate::sections_economic::economic_case(doc, input, c, &part);
    }
}

fn case(doc: &mut Doc<'_>, input: &ReportInput, c: &CaseSection, cur: &crate::input::CurrencyFormat) {
    let fonts = doc.fonts;
    if !c.description.trim().is_empty() {
        doc.paragraph(&c.description, BODY, Style::Regular, ink::TEXT);
    }
    if !c.sponsor.trim().is_empty() {
        doc.paragraph(&format!("Sponsor: {}", c.sponsor), 8.5, Style::Italic, ink::MUTED);
    }
    let items: Vec<(String, String, String)> = c
        .metrics
        .iter()
        .map(|(key, f)| {
            let note = match f {
                Figure::NotAvailable(why) => why.clone(),
                _ => String::new(),
            };
            (key.label().to_owned(), figure_text(f, input), note)
        })
        .collect();
    doc.gap(4.0);
    cards(doc, &items);
    npv_figures(doc, c, cur);
    doc.subheading("Cash flow by year");
    if c.columns.is_empty() || c.rows.is_empty() {
        doc.absent("This case has no lines yet.");
    } else {
        let rows: Vec<(String, Vec<String>, bool)> = c
            .rows
            .iter()
            .map(|r| (r.label.clone(), r.amounts.iter().map(|a| amount(*a, 0)).collect(), r.strong))
            .collect();
        wide_table(doc, &format!("{} (whole units)", cur.code), &c.columns, &rows);
    }
    doc.subheading("Cumulative cash and payback");
    if c.cumulative.is_empty() {
        doc.absent("No cash flow to chart.");
    } else {
        let h = doc.chart_height(170.0, 120.0, 20.0);
        doc.ensure(h + 20.0);
        let area = Area { x: doc.left(), y: doc.y, w: doc.width(), h };
        charts::cumulative(
            doc.page(),
            fonts,
            area,
            &c.periods,
            &c.cumulative,
            &c.cumulative_discounted,
            c.payback_years,
            cur,
        );
        doc.y += h + 6.0;
        doc.paragraph(&narrative::payback(c.payback_years), 8.5, Style::Italic, ink::MUTED);
    }
    // Every bar is drawn (at most one per line category, the discount rate and the benefit
    // delay): the recommendation is held against each of them (`cairn_case::decide`).
    // The sensitivity and risk charts are measured together: when both do not fit below the
    // cash-flow chart but fit on a page, they start one together rather than the risk chart
    // being left alone on the last page.
    let tornado_h = if c.tornado.is_empty() { 20.0 } else { 19.0 + 46.0 + 22.0 * c.tornado.len() as f32 + 8.0 };
    let risk_h = if c.risk.is_some() { 19.0 + 150.0 + 6.0 + 40.0 } else { 20.0 };
    doc.keep_together(tornado_h + risk_h);
    doc.subheading("Sensitivity of NPV");
    match (c.base_npv, c.tornado.is_empty()) {
        (Some(base), false) => {
            let bars: Vec<(String, String, String, f64, f64)> = c
                .tornado
                .iter()
                .map(|t| (t.driver.clone(), t.low_label.clone(), t.high_label.clone(), t.npv_low, t.npv_high))
                .collect();
            let h = 46.0 + 22.0 * bars.len() as f32;
            doc.ensure(h + 10.0);
            let area = Area { x: doc.left(), y: doc.y, w: doc.width(), h };
            charts::tornado(doc.page(), fonts, area, base, &bars, cur);
            doc.y += h + 8.0;
        }
        _ => doc.absent("No sensitivity analysis: the case has no NPV or no drivers to move."),
    }
    doc.subheading("Risk: NPV over Monte Carlo runs");
    match &c.risk {
        Some(r) => {
            let h = doc.chart_height(150.0, 110.0, 40.0);
            doc.ensure(h + 40.0);
            let area = Area { x: doc.left(), y: doc.y, w: doc.width(), h };
            let pct = |p: u8| r.percentiles.iter().find(|(q, _)| *q == p).map(|(_, v)| *v);
            let marks: Vec<(String, f64)> =
                [10u8, 50, 90].iter().filter_map(|p| pct(*p).map(|v| (format!("P{p}"), v))).collect();
            charts::histogram(doc.page(), fonts, area, &r.edges, &r.counts, &marks, c.base_npv, cur);
            doc.y += h + 6.0;
            let figures = narrative::risk_figures(r.mean, &r.percentiles, r.probability_negative, cur);
            doc.paragraph(&figures, 8.5, Style::Regular, ink::TEXT);
            doc.paragraph(&narrative::risk_runs(r.iterations, r.seed), 8.0, Style::Italic, ink::MUTED);
        }
        None => doc.absent("No risk analysis: no line of this case has an uncertainty."),
    }
    for note in &c.notes {
        doc.paragraph(note, 8.0, Style::Italic, ink::MUTED);
    }
    benefits_register(doc, c);
}

/// The overview table's NPV column: the headline's label under the plan's policy.
fn headline_title(input: &ReportInput) -> String {
    let label = input.cases.iter().flat_map(|c| &c.npv_figures).find(|f| f.headline).map(|f| f.label.as_str());
    label.unwrap_or("NPV").to_owned()
}

/// The four NPV figures side by side, the headline marked, and the recommendation the plan's
/// rule gives (the sentence the executive summary lists).
fn npv_figures(doc: &mut Doc<'_>, c: &CaseSection, cur: &crate::input::CurrencyFormat) {
    if c.npv_figures.is_empty() {
        return;
    }
    let items: Vec<(String, String, String)> = c
        .npv_figures
        .iter()
        .map(|f| {
            let label = if f.headline { format!("{} · headline", f.label) } else { f.label.clone() };
            let value = f.value.map_or("—".into(), |v| money(v, cur));
            let note = if f.value.is_some() { f.meaning.clone() } else { f.note.clone() };
            (label, value, note)
        })
        .collect();
    doc.keep_together(19.0 + 60.0 + 40.0);
    doc.subheading("NPV: most likely, expected, P50 and P80");
    cards(doc, &items);
    if let Some(decision) = &c.decision {
        doc.paragraph(&format!("Recommendation: {decision}"), 9.0, Style::Bold, ink::TEXT);
    }
}

/// Who realises each benefit, how it is measured and what it waits for; "—" where nothing is
/// recorded, so a benefit nobody owns shows.
fn benefits_register(doc: &mut Doc<'_>, c: &CaseSection) {
    if c.benefits.is_empty() {
        return;
    }
    doc.subheading("Benefits register");
    let w = doc.width();
    let cols = [
        Col::wrapping("Benefit", w * 0.20, 3),
        Col::wrapping("Counts as", w * 0.16, 2),
        Col::wrapping("Owner", w * 0.14, 3),
        Col::wrapping("Measure: baseline → target", w * 0.22, 4),
        Col::wrapping("Measured", w * 0.13, 3),
        Col::wrapping("Waits for", w * 0.15, 3),
    ];
    let or_dash = |s: &str| if s.trim().is_empty() { "—".to_owned() } else { s.to_owned() };
    let rows: Vec<Row> = c
        .benefits
        .iter()
        .map(|b| {
            let measure =
                match (b.measure.trim().is_empty(), b.baseline.trim().is_empty() && b.target.trim().is_empty()) {
                    (true, true) => "—".to_owned(),
                    (false, true) => b.measure.clone(),
                    (_, false) => format!("{}: {} → {}", or_dash(&b.measure), or_dash(&b.baseline), or_dash(&b.target)),
                };
            Row::new(vec![
                b.name.clone(),
                b.class.clone(),
                or_dash(&b.owner),
                measure,
                or_dash(&b.measured),
                or_dash(&b.waits_for),
            ])
        })
        .collect();
    doc.table(&cols, &rows);
}

/// The sourcing studies.
pub(crate) fn sourcing(doc: &mut Doc<'_>, input: &ReportInput) {
    if input.sourcing.is_empty() {
        doc.absent("No sourcing studies in this plan.");
        return;
    }
    let cur = &input.currency;
    let w = doc.width();
    for s in &input.sourcing {
        doc.subheading(&s.name);
        if !s.service.trim().is_empty() {
            doc.paragraph(&format!("Service: {}", s.service), 8.5, Style::Italic, ink::MUTED);
        }
        if s.options.is_empty() {
            doc.absent("No options have been scored for this study yet.");
            continue;
        }
        if !s.criteria.is_empty() {
            let n = s.options.len();
            let label_w = w * 0.34;
            let fw = (w - label_w - 50.0) / n as f32;
            let mut cols = vec![Col::wrapping("Criterion", label_w, 2), Col::new("Weight", 50.0, Align::Right)];
            cols.extend(s.options.iter().map(|o| Col::new(o.clone(), fw, Align::Right)));
            let rows: Vec<Row> = s
                .criteria
                .iter()
                .enumerate()
                .map(|(i, (name, weight))| {
                    let money_criterion = s.money_criteria.contains(&i);
                    let mut label = name.clone();
                    if money_criterion {
                        label.push_str(&match s.discount_rate {
                            Some(r) => format!(" (present value at {})", percent_at_most(r)),
                            None => " (present value)".to_owned(),
                        });
                    }
                    if s.lower_is_better.contains(&i) {
                        label.push_str(" ↓ lower is better");
                    }
                    let mut v = vec![label, percent(*weight, 1)];
                    v.extend((0..n).map(|j| {
                        s.scores.get(i).and_then(|r| r.get(j)).map_or("—".into(), |x| {
                            if money_criterion { money_in_units(*x, cur) } else { score_text(*x) }
                        })
                    }));
                    Row::new(v)
                })
                .collect();
            doc.table(&cols, &rows);
            if let Some(cr) = s.consistency_ratio {
                // cairn-sourcing's rule: judgements with a CR above 0.10 are to be revisited.
                let verdict = if cr > 0.10 {
                    "above 0.10: revisit the pairwise judgements"
                } else if format!("{cr:.2}") == "0.10" {
                    "at the 0.10 limit"
                } else {
                    "acceptable below 0.10"
                };
                doc.paragraph(
                    &format!("Weights from pairwise judgements (AHP). Consistency ratio {cr:.2} ({verdict})."),
                    8.0,
                    Style::Italic,
                    ink::MUTED,
                );
            }
        }
        if !s.ranking.is_empty() {
            let cols = [
                Col::new("Rank", 40.0, Align::Left),
                Col::wrapping("Option", w - 140.0, 2),
                Col::new("Score", 100.0, Align::Right),
            ];
            let rows: Vec<Row> = s
                .ranking
                .iter()
                .enumerate()
                .map(|(i, (o, score))| Row::new(vec![(i + 1).to_string(), o.clone(), format!("{score:.3}")]))
                .collect();
            doc.table(&cols, &rows);
        }
        if !s.tco.is_empty() {
            let cols =
                [Col::wrapping("Option", w - 160.0, 2), Col::new("TCO, nominal (whole units)", 160.0, Align::Right)];
            let rows: Vec<Row> = s.tco.iter().map(|(o, t)| Row::new(vec![o.clone(), money_whole(*t, cur)])).collect();
            doc.table(&cols, &rows);
        }
        if !s.robustness.is_empty() {
            doc.bullets(&s.robustness);
        }
    }
}

/// Assumptions and methods.
pub(crate) fn appendix(doc: &mut Doc<'_>, input: &ReportInput) {
    if input.appendix.is_empty() {
        doc.absent("No assumptions recorded.");
        return;
    }
    let w = doc.width();
    let cols = [Col::wrapping("Assumption", w * 0.28, 3), Col::wrapping("Value and method", w * 0.72, 12)];
    let rows: Vec<Row> = input.appendix.iter().map(|(a, b)| Row::new(vec![a.clone(), b.clone()])).collect();
    doc.table(&cols, &rows);
}

/// The sections' one-line titles for the contents when a section is included.
pub(crate) fn title(kind: SectionKind) -> &'static str {
    kind.title()
}

//! The risk section: the register's 5 × 5 heat maps (inherent and residual, appetite marked),
//! the categories' appetite, the top risks, the breaches of appetite, the roadmap's schedule
//! confidence with its S-curve, and each simulated case's NPV S-curve with the base case marked.
//! Every figure and sentence comes in the input (`cairn-api` fills it from the engines and
//! `cairn_core::narrative::risk_pack`).

use cairn_core::narrative::risk_pack::month;

use crate::canvas::{Align, Rgb8, ink};
use crate::charts::{self, Area};
use crate::fonts::Style;
use crate::format::{ChartMoney, compact_money, money};
use crate::input::ReportInput;
use crate::input_risk::{BudgetConfidenceView, CaseCurveView, RegisterView, ScheduleView};
use crate::layout::{BODY, Col, Doc, Row};

/// A heat map's cell height and the room its labels take.
const CELL_H: f32 = 22.0;
const LEFT_LABELS: f32 = 62.0;
const HEAT_H: f32 = 28.0 + 5.0 * CELL_H + 30.0;

/// A cell's fill by its score (likelihood × impact): low, medium, high, very high.
pub(crate) fn score_fill(score: u32) -> Rgb8 {
    match score {
        0..=4 => Rgb8(0xDC, 0xEB, 0xDD),
        5..=9 => Rgb8(0xF6, 0xE6, 0xB8),
        10..=14 => Rgb8(0xF2, 0xC0, 0x94),
        _ => Rgb8(0xE4, 0x95, 0x8C),
    }
}

/// The whole section.
pub(crate) fn risks(doc: &mut Doc<'_>, input: &ReportInput) {
    let r = &input.risks;
    doc.subheading("Risk register");
    match &r.register {
        Some(reg) => register(doc, reg),
        None => doc.absent(&r.register_note),
    }
    doc.subheading("Schedule confidence");
    match &r.schedule {
        Some(s) => schedule(doc, s),
        None => doc.absent(&r.schedule_note),
    }
    doc.subheading("Budget confidence");
    match &r.budget {
        Some(b) => budget(doc, b, input),
        None => doc.absent(&r.budget_note),
    }
    doc.subheading("Business cases: NPV S-curves");
    if r.case_curves.is_empty() {
        doc.absent(&r.case_curves_note);
    } else {
        doc.paragraph(&r.case_curves_note, 8.0, Style::Italic, ink::MUTED);
        for c in &r.case_curves {
            case_curve(doc, c, input);
        }
    }
}

fn register(doc: &mut Doc<'_>, reg: &RegisterView) {
    doc.paragraph(&reg.summary, BODY, Style::Regular, ink::TEXT);
    doc.ensure(HEAT_H + 6.0);
    let (x, w) = (doc.left(), doc.width());
    let half = (w - 24.0) / 2.0;
    let top = doc.y;
    let fonts = doc.fonts;
    let page = doc.page();
    heat_map(
        page,
        fonts,
        Area { x, y: top, w: half, h: HEAT_H },
        "Inherent (before controls)",
        reg,
        &reg.inherent,
        None,
    );
    heat_map(
        page,
        fonts,
        Area { x: x + half + 24.0, y: top, w: half, h: HEAT_H },
        "Residual (with controls), appetite marked",
        reg,
        &reg.residual,
        Some(&reg.residual_above),
    );
    doc.y = top + HEAT_H + 4.0;
    doc.paragraph(&reg.heat_note, 8.0, Style::Italic, ink::MUTED);

    if !reg.appetites.is_empty() {
        let cols = [
            Col::wrapping("Category", w * 0.40, 2),
            Col::new("Appetite (highest residual score)", w * 0.30, Align::Right),
            Col::new("Risks", w * 0.12, Align::Right),
            Col::new("Above appetite", w * 0.18, Align::Right),
        ];
        let rows: Vec<Row> = reg
            .appetites
            .iter()
            .map(|(name, appetite, n, above)| {
                Row::new(vec![
                    name.clone(),
                    appetite.map_or("none stated".into(), |a| a.to_string()),
                    n.to_string(),
                    above.to_string(),
                ])
            })
            .collect();
        doc.table(&cols, &rows);
    }

    doc.subheading("Top risks by residual score");
    if reg.top.is_empty() {
        doc.absent("No threat is open.");
    } else {
        let cols = [
            Col::wrapping("Risk", w * 0.31, 2),
            Col::wrapping("Category", w * 0.15, 2),
            Col::wrapping("Owner", w * 0.18, 2),
            Col::new("Response", w * 0.11, Align::Left),
            Col::new("Inherent", w * 0.10, Align::Right),
            Col::new("Residual", w * 0.15, Align::Right),
        ];
        let rows: Vec<Row> = reg
            .top
            .iter()
            .map(|t| {
                let residual = if t.above { format!("{} · above", t.residual) } else { t.residual.to_string() };
                let cells = vec![
                    t.title.clone(),
                    t.category.clone(),
                    if t.owner.trim().is_empty() { "—".into() } else { t.owner.clone() },
                    t.response.clone(),
                    t.inherent.to_string(),
                    residual,
                ];
                if t.above { Row::strong(cells) } else { Row::new(cells) }
            })
            .collect();
        doc.table(&cols, &rows);
    }

    doc.subheading("Appetite breaches");
    doc.bullets(&reg.breaches);
}

/// A 5 × 5 grid: likelihood up the side (5 at the top), impact along the bottom; each cell the
/// number of risks in it, coloured by its score; with `above`, the cells holding a risk above
/// appetite outlined in red with how many.
#[allow(clippy::too_many_arguments)]
fn heat_map(
    page: &mut crate::canvas::Page,
    fonts: &crate::fonts::Fonts,
    a: Area,
    title: &str,
    reg: &RegisterView,
    counts: &[Vec<u32>],
    above: Option<&Vec<Vec<u32>>>,
) {
    page.text_in(fonts, a.x, a.w, a.y + 10.0, 8.5, Style::Bold, ink::NAVY, Align::Left, title);
    let grid_x = a.x + LEFT_LABELS;
    let grid_y = a.y + 28.0;
    let cw = (a.w - LEFT_LABELS) / 5.0;
    for l in 1..=5u32 {
        let row = 5 - l;
        let y = grid_y + row as f32 * CELL_H;
        let label = reg.likelihood.get(l as usize - 1).map_or(String::new(), |s| format!("{l} {s}"));
        page.text_in(
            fonts,
            a.x,
            LEFT_LABELS - 4.0,
            y + CELL_H / 2.0 + 2.5,
            6.5,
            Style::Regular,
            ink::MUTED,
            Align::Right,
            &label,
        );
        for i in 1..=5u32 {
            let x = grid_x + (i - 1) as f32 * cw;
            page.rect(x, y, cw, CELL_H, score_fill(l * i));
            page.rect_stroke(x, y, cw, CELL_H, ink::WHITE, 1.0);
            let n = counts.get(l as usize - 1).and_then(|r| r.get(i as usize - 1)).copied().unwrap_or(0);
            let over = above.and_then(|m| m.get(l as usize - 1)?.get(i as usize - 1).copied()).unwrap_or(0);
            if over > 0 {
                page.rect_stroke(x + 1.2, y + 1.2, cw - 2.4, CELL_H - 2.4, ink::RED, 1.6);
            }
            if n > 0 {
                page.text_in(
                    fonts,
                    x,
                    cw,
                    y + CELL_H / 2.0 + 3.5,
                    10.0,
                    Style::Bold,
                    ink::TEXT,
                    Align::Center,
                    &n.to_string(),
                );
            }
        }
    }
    let bottom = grid_y + 5.0 * CELL_H;
    for i in 1..=5usize {
        let x = grid_x + (i - 1) as f32 * cw;
        let label = reg.impact.get(i - 1).map_or(String::new(), |s| format!("{i} {s}"));
        page.text_in(fonts, x, cw, bottom + 9.0, 6.5, Style::Regular, ink::MUTED, Align::Center, &label);
    }
    page.text_in(
        fonts,
        grid_x,
        a.w - LEFT_LABELS,
        bottom + 20.0,
        7.0,
        Style::Italic,
        ink::MUTED,
        Align::Center,
        "Impact →",
    );
    page.text_in(
        fonts,
        a.x,
        LEFT_LABELS - 4.0,
        grid_y - 4.0,
        7.0,
        Style::Italic,
        ink::MUTED,
        Align::Right,
        "Likelihood ↑",
    );
}

fn schedule(doc: &mut Doc<'_>, s: &ScheduleView) {
    doc.paragraph(&s.summary, BODY, Style::Regular, ink::TEXT);
    let w = doc.width();
    let cols = [
        Col::wrapping("Milestone", w * 0.30, 2),
        Col::wrapping("Initiative", w * 0.31, 2),
        Col::new("Planned", w * 0.13, Align::Right),
        Col::new("P50", w * 0.13, Align::Right),
        Col::new("P80", w * 0.13, Align::Right),
    ];
    let mut rows: Vec<Row> = s
        .milestones
        .iter()
        .map(|(name, initiative, planned, p50, p80)| {
            Row::new(vec![name.clone(), initiative.clone(), month(*planned), month(*p50), month(*p80)])
        })
        .collect();
    rows.push(Row::strong(vec![
        "The roadmap's end".into(),
        "Every initiative".into(),
        month(s.planned),
        month(s.p50),
        month(s.p80),
    ]));
    doc.table(&cols, &rows);
    let h = doc.chart_height(170.0, 130.0, 30.0);
    doc.ensure(h + 30.0);
    let area = Area { x: doc.left(), y: doc.y, w: doc.width(), h };
    let origin = s.planned.index().min(s.curve.first().map_or(i32::MAX, |c| c.0.index()));
    let mut points: Vec<(f64, f64)> = Vec::with_capacity(s.curve.len() + 1);
    if s.curve.first().is_some_and(|c| c.0.index() > origin) {
        points.push((f64::from(origin), 0.0));
    }
    points.extend(s.curve.iter().map(|(m, p)| (f64::from(m.index() + 1), *p)));
    // Each month's share is reached at its end: the curve steps up at the month's right edge.
    let first = f64::from(origin);
    let last = points.last().map_or(first, |p| p.0);
    let months = (last - first).max(1.0);
    let every = [1.0, 2.0, 3.0, 6.0, 12.0, 24.0].into_iter().find(|e| months / e <= 9.0).unwrap_or(24.0);
    let mut ticks = Vec::new();
    let mut t = first;
    while t <= last {
        if let Ok(m) = cairn_core::YearMonth::from_index(t as i32) {
            ticks.push((t, month(m)));
        }
        t += every;
    }
    let at_end = |m: cairn_core::YearMonth| f64::from(m.index() + 1);
    let marks = vec![
        (format!("Planned {}", month(s.planned)), at_end(s.planned), ink::TEAL),
        (format!("P50 {}", month(s.p50)), at_end(s.p50), ink::NAVY),
        (format!("P80 {}", month(s.p80)), at_end(s.p80), ink::RED),
    ];
    let fonts = doc.fonts;
    charts::s_curve(doc.page(), fonts, area, &points, true, &ticks, &marks);
    doc.y += h + 4.0;
    doc.paragraph(&s.method, 8.0, Style::Italic, ink::MUTED);
}

fn budget(doc: &mut Doc<'_>, b: &BudgetConfidenceView, input: &ReportInput) {
    let cur = &input.currency;
    doc.paragraph(&b.summary, BODY, Style::Regular, ink::TEXT);
    let w = doc.width();
    let cols = [
        Col::new("Fiscal year", w * 0.16, Align::Left),
        Col::new("Ceiling", w * 0.18, Align::Right),
        Col::new("Planned", w * 0.18, Align::Right),
        Col::new("P50", w * 0.16, Align::Right),
        Col::new("P80", w * 0.16, Align::Right),
        Col::new("Over ceiling", w * 0.16, Align::Right),
    ];
    let rows: Vec<Row> = b
        .years
        .iter()
        .map(|y| {
            let cells = vec![
                y.label.clone(),
                y.ceiling.map_or_else(|| "—".to_owned(), |c| money(c, cur)),
                money(y.planned, cur),
                money(y.p50, cur),
                money(y.p80, cur),
                y.breach.map_or_else(|| "—".to_owned(), |p| crate::format::percent(p, 1)),
            ];
            if y.breach.is_some_and(|p| p > 0.2) { Row::strong(cells) } else { Row::new(cells) }
        })
        .collect();
    doc.table(&cols, &rows);
    if !b.jcl.is_empty() {
        doc.paragraph(&b.jcl, BODY, Style::Regular, ink::TEXT);
    }
    doc.paragraph(&b.method, 8.0, Style::Italic, ink::MUTED);
}

fn case_curve(doc: &mut Doc<'_>, c: &CaseCurveView, input: &ReportInput) {
    let cur = &input.currency;
    let h = doc.chart_height(150.0, 120.0, 40.0);
    doc.keep_together(14.0 + h + 30.0);
    doc.ensure(14.0 + h);
    let (x, w) = (doc.left(), doc.width());
    let y = doc.y + 10.0;
    let fonts = doc.fonts;
    doc.page().text_in(fonts, x, w, y, 9.5, Style::Bold, ink::TEXT, Align::Left, &c.name);
    doc.y = y + 4.0;
    let n = c.curve.len().saturating_sub(1).max(1) as f64;
    let points: Vec<(f64, f64)> = c.curve.iter().enumerate().map(|(p, v)| (*v, p as f64 / n)).collect();
    let lo = points.iter().map(|p| p.0).chain([c.base, c.p50, c.p80]).fold(f64::INFINITY, f64::min);
    let hi = points.iter().map(|p| p.0).chain([c.base, c.p50, c.p80]).fold(f64::NEG_INFINITY, f64::max);
    let t: Vec<f64> = charts::ticks(lo, hi).into_iter().filter(|v| *v >= lo && *v <= hi).collect();
    let style = ChartMoney::for_ticks(&t, cur);
    let ticks: Vec<(f64, String)> = t.iter().map(|v| (*v, style.format(*v))).collect();
    let marks = vec![
        (format!("Base case {}", compact_money(c.base, cur)), c.base, ink::TEAL),
        (format!("P50 {}", compact_money(c.p50, cur)), c.p50, ink::NAVY),
        (format!("P80 {}", compact_money(c.p80, cur)), c.p80, ink::AMBER),
    ];
    let area = Area { x, y: doc.y, w, h };
    charts::s_curve(doc.page(), fonts, area, &points, false, &ticks, &marks);
    doc.y += h + 4.0;
    doc.paragraph(&c.summary, 8.5, Style::Regular, ink::TEXT);
}

//! Vector charts: stacked bars, cumulative cash with payback, tornado, risk histogram. Each
//! draws inside a box given in points from the page's top-left corner.

use crate::canvas::{Align, Page, Rgb8, ink};
use crate::fonts::{Fonts, Style};
use crate::format::{ChartMoney, compact_money};
use crate::input::CurrencyFormat;

/// A label's box on the page, in points from the top-left corner, so that placement can be
/// checked (and tested) without drawing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Bounds {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Bounds {
    /// Whether two boxes share any area.
    pub(crate) fn overlaps(&self, o: &Bounds) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }

    /// Whether the segment from `a` to `b` passes through the box (Liang–Barsky clipping).
    pub(crate) fn crosses(&self, a: (f32, f32), b: (f32, f32)) -> bool {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1);
        let (mut t0, mut t1) = (0.0f32, 1.0f32);
        for (p, q) in
            [(-dx, a.0 - self.x), (dx, self.x + self.w - a.0), (-dy, a.1 - self.y), (dy, self.y + self.h - a.1)]
        {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let r = q / p;
                if p < 0.0 {
                    t0 = t0.max(r);
                } else {
                    t1 = t1.min(r);
                }
                if t0 > t1 {
                    return false;
                }
            }
        }
        true
    }

    /// Whether any segment of the polyline passes through the box.
    pub(crate) fn crosses_line(&self, points: &[(f32, f32)]) -> bool {
        points.windows(2).any(|w| self.crosses(w[0], w[1]))
    }
}

/// The boxes of a legend's entries drawn from (`x`, `y`), as [`legend`] draws them.
pub(crate) fn legend_bounds(fonts: &Fonts, x: f32, y: f32, names: &[&str]) -> Vec<Bounds> {
    let mut cx = x;
    names
        .iter()
        .map(|name| {
            let w = 10.0 + fonts.width(Style::Regular, name, 8.0);
            let b = Bounds { x: cx, y: y - 7.0, w, h: 9.0 };
            cx += w + 14.0;
            b
        })
        .collect()
}

/// A chart's box.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Area {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

const AXIS: f32 = 7.0;

/// Round tick values covering `lo..=hi` (about five steps of 1, 2, 2.5 or 5 × 10^n).
pub(crate) fn ticks(lo: f64, hi: f64) -> Vec<f64> {
    let (lo, hi) = if hi > lo { (lo, hi) } else { (lo - 1.0, lo + 1.0) };
    let raw = (hi - lo) / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0].iter().map(|m| m * mag).find(|s| *s >= raw).unwrap_or(10.0 * mag);
    let first = (lo / step).floor() * step;
    let mut out = Vec::new();
    let mut v = first;
    while v <= hi + step * 0.5 && out.len() < 20 {
        out.push(v);
        if v >= hi {
            break;
        }
        v += step;
    }
    out
}

/// A value axis: horizontal grid lines with compact money labels at the left; returns the
/// function mapping a value to y.
fn value_axis(
    page: &mut Page,
    fonts: &Fonts,
    a: Area,
    lo: f64,
    hi: f64,
    cur: &CurrencyFormat,
) -> impl Fn(f64) -> f32 + use<> {
    let t = ticks(lo.min(0.0), hi.max(0.0));
    let (tlo, thi) = (t.first().copied().unwrap_or(0.0), t.last().copied().unwrap_or(1.0));
    let span = if thi > tlo { thi - tlo } else { 1.0 };
    let (top, h) = (a.y, a.h);
    let map = move |v: f64| top + h - ((v - tlo) / span) as f32 * h;
    let style = ChartMoney::for_ticks(&t, cur);
    for v in &t {
        let y = map(*v);
        let color = if v.abs() < 1e-9 { ink::MUTED } else { ink::RULE };
        page.line(a.x, y, a.x + a.w, y, color, if v.abs() < 1e-9 { 0.6 } else { 0.3 }, false);
        page.text_in(
            fonts,
            a.x - 48.0,
            44.0,
            y + 2.5,
            AXIS,
            Style::Regular,
            ink::MUTED,
            Align::Right,
            &style.format(*v),
        );
    }
    map
}

/// A small legend: coloured squares and names, in a row from (`x`, `y`).
pub(crate) fn legend(page: &mut Page, fonts: &Fonts, x: f32, y: f32, items: &[(&str, Rgb8)]) {
    let mut cx = x;
    for (name, color) in items {
        page.rect(cx, y - 6.5, 7.0, 7.0, *color);
        page.text(fonts, cx + 10.0, y, 8.0, Style::Regular, ink::TEXT, name);
        cx += 10.0 + fonts.width(Style::Regular, name, 8.0) + 14.0;
    }
}

/// Where a stacked-bar chart's parts go: the plot, the legend's entries, each column's labels
/// (its total, and "over by" when it exceeds its ceiling) and each ceiling's dashed segment.
pub(crate) struct StackedLayout {
    /// The plotting area under the legend and the labels' room.
    pub plot: Area,
    /// The legend's entries, the ceiling's entry last when there are ceilings.
    pub legend: Vec<Bounds>,
    /// Per column: its labels' text, box and whether it is a warning (over the ceiling).
    pub labels: Vec<Vec<(String, Bounds, bool)>>,
    /// Per column: the ceiling's segment (x from, x to, y), when it has one.
    pub ceilings: Vec<Option<(f32, f32, f32)>>,
    /// Per column: the bar's x and width.
    pub bars: Vec<(f32, f32)>,
    /// The highest value the axis must show.
    pub hi: f64,
}

const LABEL_SIZE: f32 = AXIS;

/// Lays out a stacked-bar chart: each column's labels sit above both its bar and its ceiling
/// line, stacked upward, in room kept between the legend and the plot.
pub(crate) fn stacked_layout(
    fonts: &Fonts,
    a: Area,
    series_names: &[&str],
    totals: &[f64],
    ceilings: &[Option<f64>],
    cur: &CurrencyFormat,
) -> StackedLayout {
    let n = totals.len().max(1);
    let hi = totals.iter().copied().chain(ceilings.iter().flatten().copied()).fold(0.0, f64::max) * 1.05;
    // Two label lines fit between the legend (ending at a.y + 9) and the highest bar.
    let plot = Area { x: a.x + 50.0, y: a.y + 36.0, w: a.w - 50.0, h: a.h - 54.0 };
    let t = ticks(0.0, hi.max(0.0));
    let (tlo, thi) = (t.first().copied().unwrap_or(0.0), t.last().copied().unwrap_or(1.0));
    let span = if thi > tlo { thi - tlo } else { 1.0 };
    let map = |v: f64| plot.y + plot.h - ((v - tlo) / span) as f32 * plot.h;
    // Totals in the axis's style; "over by" exactly enough to read ("$251.1K").
    let style = ChartMoney::for_ticks(&t, cur);
    let mut legend = legend_bounds(fonts, plot.x, a.y + 7.0, series_names);
    if ceilings.iter().any(Option::is_some) {
        let x = a.x + a.w - 80.0;
        legend.push(Bounds { x, y: a.y, w: 18.0 + fonts.width(Style::Regular, "Ceiling", 8.0), h: 9.0 });
    }
    let slot = plot.w / n as f32;
    let bw = (slot * 0.55).min(48.0);
    let mut labels = Vec::new();
    let mut lines = Vec::new();
    let mut bars = Vec::new();
    for (i, total) in totals.iter().enumerate() {
        let cx = plot.x + slot * (i as f32 + 0.5);
        bars.push((cx - bw / 2.0, bw));
        let ceiling = ceilings.get(i).copied().flatten();
        let line = ceiling.map(|c| (cx - bw / 2.0 - 5.0, cx + bw / 2.0 + 5.0, map(c)));
        lines.push(line);
        let mut texts = Vec::new();
        if *total > 0.0 {
            texts.push((style.format(*total), false));
        }
        if let Some(c) = ceiling.filter(|c| total > c) {
            texts.push((format!("over by {}", compact_money(total - c, cur)), true));
        }
        // Above the bar and above the ceiling line, whichever is higher, one line each.
        let mut baseline = map(*total).min(line.map_or(f32::MAX, |l| l.2)) - 3.0;
        let mut boxes = Vec::new();
        for (text, warn) in texts {
            let style = if warn { Style::Regular } else { Style::Bold };
            let w = fonts.width(style, &text, LABEL_SIZE);
            boxes.push((text, Bounds { x: cx - w / 2.0, y: baseline - LABEL_SIZE * 0.8, w, h: LABEL_SIZE }, warn));
            baseline -= LABEL_SIZE + 2.5;
        }
        labels.push(boxes);
    }
    StackedLayout { plot, legend, labels, ceilings: lines, bars, hi }
}

/// Stacked columns per category (fiscal year), with an optional ceiling marker per column, the
/// column's total above it and, over its ceiling, the column outlined in red with "over by".
pub(crate) fn stacked_bars(
    page: &mut Page,
    fonts: &Fonts,
    a: Area,
    labels: &[String],
    series: &[(&str, Rgb8, Vec<f64>)],
    ceilings: &[Option<f64>],
    cur: &CurrencyFormat,
) {
    let n = labels.len();
    if n == 0 {
        return;
    }
    let totals: Vec<f64> =
        (0..n).map(|i| series.iter().map(|s| s.2.get(i).copied().unwrap_or(0.0).max(0.0)).sum()).collect();
    let names: Vec<&str> = series.iter().map(|s| s.0).collect();
    let lay = stacked_layout(fonts, a, &names, &totals, ceilings, cur);
    let plot = lay.plot;
    let legend_items: Vec<(&str, Rgb8)> = series.iter().map(|s| (s.0, s.1)).collect();
    legend(page, fonts, plot.x, a.y + 7.0, &legend_items);
    let map = value_axis(page, fonts, plot, 0.0, lay.hi, cur);
    let slot = plot.w / n as f32;
    for i in 0..n {
        let cx = plot.x + slot * (i as f32 + 0.5);
        let (bx, bw) = lay.bars[i];
        let mut base = 0.0;
        for s in series {
            let v = s.2.get(i).copied().unwrap_or(0.0).max(0.0);
            if v > 0.0 {
                let (y1, y0) = (map(base + v), map(base));
                page.rect(bx, y1, bw, y0 - y1, s.1);
            }
            base += v;
        }
        let over = lay.labels[i].iter().any(|l| l.2);
        if over {
            let top = map(totals[i]);
            page.rect_stroke(bx - 1.5, top - 1.5, bw + 3.0, map(0.0) - top + 1.5, ink::RED, 1.2);
        }
        for (text, b, warn) in &lay.labels[i] {
            let (style, color) = if *warn { (Style::Regular, ink::RED) } else { (Style::Bold, ink::TEXT) };
            page.text(fonts, b.x, b.y + LABEL_SIZE * 0.8, LABEL_SIZE, style, color, text);
        }
        if let Some((x0, x1, y)) = lay.ceilings[i] {
            page.line(x0, y, x1, y, ink::RED, 1.0, true);
        }
        page.text_in(
            fonts,
            cx - slot / 2.0,
            slot,
            plot.y + plot.h + 11.0,
            AXIS + 0.5,
            Style::Regular,
            ink::TEXT,
            Align::Center,
            &labels[i],
        );
    }
    if let Some(entry) = lay.legend.get(series.len()) {
        let x = entry.x;
        page.line(x, a.y + 4.5, x + 14.0, a.y + 4.5, ink::RED, 1.0, true);
        page.text(fonts, x + 18.0, a.y + 7.0, 8.0, Style::Regular, ink::TEXT, "Ceiling");
    }
}

/// Cumulative net cash (solid) and discounted (dashed) by column, with the payback point.
#[allow(clippy::too_many_arguments)]
pub(crate) fn cumulative(
    page: &mut Page,
    fonts: &Fonts,
    a: Area,
    labels: &[String],
    cumulative: &[f64],
    discounted: &[f64],
    payback: Option<f64>,
    cur: &CurrencyFormat,
) {
    let n = labels.len().min(cumulative.len());
    if n == 0 {
        return;
    }
    let all = cumulative.iter().chain(discounted.iter()).copied().filter(|v| v.is_finite());
    let (lo, hi) = all.fold((0.0f64, 0.0f64), |(l, h), v| (l.min(v), h.max(v)));
    let plot = Area { x: a.x + 50.0, y: a.y + 16.0, w: a.w - 60.0, h: a.h - 34.0 };
    legend(page, fonts, plot.x, a.y + 7.0, &[("Cumulative net cash", ink::NAVY), ("Discounted", ink::STEEL)]);
    let map = value_axis(page, fonts, plot, lo * 1.1, hi * 1.1, cur);
    let step = if n > 1 { plot.w / (n - 1) as f32 } else { plot.w };
    let x_of = |i: f32| plot.x + if n > 1 { i * step } else { plot.w / 2.0 };
    let every = n.div_ceil(12).max(1);
    for (i, label) in labels.iter().enumerate().take(n) {
        if i % every == 0 {
            page.text_in(
                fonts,
                x_of(i as f32) - 25.0,
                50.0,
                plot.y + plot.h + 11.0,
                AXIS + 0.5,
                Style::Regular,
                ink::TEXT,
                Align::Center,
                label,
            );
        }
    }
    let line = |v: &[f64]| -> Vec<(f32, f32)> {
        v.iter().take(n).enumerate().filter(|(_, v)| v.is_finite()).map(|(i, v)| (x_of(i as f32), map(*v))).collect()
    };
    let dashed = line(discounted);
    page.polyline(&dashed, ink::STEEL, 1.4, true);
    let solid = line(cumulative);
    page.polyline(&solid, ink::NAVY, 1.8, false);
    for &(x, y) in &solid {
        page.rect(x - 1.8, y - 1.8, 3.6, 3.6, ink::NAVY);
    }
    if let Some(p) = payback.filter(|p| p.is_finite() && *p >= 0.0) {
        // Column i is at t = i (the upfront column at 0), so payback in years maps directly.
        let x = x_of(p as f32).min(plot.x + plot.w);
        page.line(x, plot.y, x, plot.y + plot.h, ink::TEAL, 0.9, true);
        let text = format!("Payback {:.2} years", p);
        let b = payback_label(fonts, x, plot, &text, &[&solid, &dashed]);
        page.text(fonts, b.x, b.y + 7.5 * 0.8, 7.5, Style::Bold, ink::TEAL, &text);
    }
}

/// Where the payback label goes: beside the payback line, at the first of a few heights (top,
/// bottom, then in between) and sides (right, then left) where its box meets neither line of
/// the chart (the markers, 1.8 pt each side, included); the top right when none is clear.
pub(crate) fn payback_label(fonts: &Fonts, x: f32, plot: Area, text: &str, lines: &[&[(f32, f32)]]) -> Bounds {
    let (size, pad) = (7.5, 2.5);
    let w = fonts.width(Style::Bold, text, size);
    let fits = |tx: f32| tx >= plot.x && tx + w <= plot.x + plot.w + 8.0;
    let mut candidates = Vec::new();
    for k in 0..9 {
        let frac = [0.0, 1.0, 0.5, 0.25, 0.75, 0.125, 0.375, 0.625, 0.875][k];
        let baseline = plot.y + 9.0 + frac * (plot.h - 12.0);
        for tx in [x + 4.0, x - 4.0 - w] {
            if fits(tx) {
                candidates.push(Bounds { x: tx, y: baseline - size * 0.8, w, h: size });
            }
        }
    }
    let clear = |b: &Bounds| {
        let grown = Bounds { x: b.x - pad, y: b.y - pad, w: b.w + 2.0 * pad, h: b.h + 2.0 * pad };
        lines.iter().all(|l| !grown.crosses_line(l) && !l.iter().any(|&(px, py)| grown.crosses((px, py), (px, py))))
    };
    let fallback = if fits(x + 4.0) { x + 4.0 } else { x - 4.0 - w };
    candidates.iter().copied().find(clear).unwrap_or(Bounds { x: fallback, y: plot.y + 9.0 - size * 0.8, w, h: size })
}

/// Tornado: each driver's NPV at its low and high setting around the base NPV, widest first.
pub(crate) fn tornado(
    page: &mut Page,
    fonts: &Fonts,
    a: Area,
    base: f64,
    bars: &[(String, String, String, f64, f64)],
    cur: &CurrencyFormat,
) {
    if bars.is_empty() {
        return;
    }
    let label_w = a.w * 0.30;
    let plot = Area { x: a.x + label_w, y: a.y + 16.0, w: a.w - label_w - 10.0, h: a.h - 30.0 };
    legend(page, fonts, plot.x, a.y + 7.0, &[("Low setting", ink::STEEL), ("High setting", ink::NAVY)]);
    let (lo, hi) = bars.iter().fold((base, base), |(l, h), b| (l.min(b.3).min(b.4), h.max(b.3).max(b.4)));
    let t = ticks(lo, hi);
    let (tlo, thi) = (t.first().copied().unwrap_or(lo), t.last().copied().unwrap_or(hi));
    let span = if thi > tlo { thi - tlo } else { 1.0 };
    let x_of = |v: f64| plot.x + ((v - tlo) / span) as f32 * plot.w;
    let style = ChartMoney::for_ticks(&t, cur);
    for v in &t {
        let x = x_of(*v);
        page.line(x, plot.y, x, plot.y + plot.h, ink::RULE, 0.3, false);
        page.text_in(
            fonts,
            x - 30.0,
            60.0,
            plot.y + plot.h + 10.0,
            AXIS,
            Style::Regular,
            ink::MUTED,
            Align::Center,
            &style.format(*v),
        );
    }
    let row = plot.h / bars.len() as f32;
    let bh = (row * 0.6).min(14.0);
    for (i, (driver, low, high, npv_low, npv_high)) in bars.iter().enumerate() {
        let cy = plot.y + row * (i as f32 + 0.5);
        page.text_in(fonts, a.x, label_w - 8.0, cy + 3.0, 8.0, Style::Regular, ink::TEXT, Align::Left, driver);
        let xb = x_of(base);
        for (v, color, label) in [(*npv_low, ink::STEEL, low), (*npv_high, ink::NAVY, high)] {
            let x = x_of(v);
            let (x0, x1) = if x < xb { (x, xb) } else { (xb, x) };
            page.rect(x0, cy - bh / 2.0, (x1 - x0).max(0.6), bh, color);
            let lw = fonts.width(Style::Regular, label, 6.5);
            let lx = if x < xb { x0 - lw - 3.0 } else { x1 + 3.0 };
            if lx >= plot.x - 2.0 && lx + lw <= plot.x + plot.w + 8.0 {
                page.text(fonts, lx, cy + 2.3, 6.5, Style::Regular, ink::MUTED, label);
            } else if x1 - x0 > lw + 6.0 {
                // No room outside the bar (it reaches the plot's edge): write inside it.
                let inside = if x < xb { x0 + 3.0 } else { x1 - lw - 3.0 };
                page.text(fonts, inside, cy + 2.3, 6.5, Style::Regular, ink::WHITE, label);
            }
        }
    }
    let xb = x_of(base);
    page.line(xb, plot.y - 2.0, xb, plot.y + plot.h, ink::TEXT, 0.8, false);
    let text = format!("Base NPV {}", style.format(base));
    page.text_in(fonts, xb - 60.0, 120.0, plot.y - 4.0 + 0.0, 7.0, Style::Bold, ink::TEXT, Align::Center, &text);
}

/// Places labels centred on x positions along a top band, each on the first row (from the top)
/// where it overlaps no label placed before it: returns each label's box.
pub(crate) fn stagger(fonts: &Fonts, top: f32, size: f32, items: &[(String, f32)]) -> Vec<Bounds> {
    let mut placed: Vec<Bounds> = Vec::new();
    for (text, x) in items {
        let w = fonts.width(Style::Bold, text, size);
        let mut row = 0;
        let b = loop {
            let b = Bounds { x: x - w / 2.0, y: top + row as f32 * (size + 2.0), w, h: size };
            if !placed.iter().any(|p| p.overlaps(&Bounds { x: b.x - 3.0, w: b.w + 6.0, ..b })) {
                break b;
            }
            row += 1;
        };
        placed.push(b);
    }
    placed
}

/// The distribution of NPV over Monte Carlo runs, with P10, P50, P90, zero and the base case's
/// NPV marked; every amount on it in one style ([`ChartMoney`]).
#[allow(clippy::too_many_arguments)]
pub(crate) fn histogram(
    page: &mut Page,
    fonts: &Fonts,
    a: Area,
    edges: &[f64],
    counts: &[u32],
    marks: &[(String, f64)],
    base: Option<f64>,
    cur: &CurrencyFormat,
) {
    if counts.is_empty() || edges.len() < counts.len() + 1 {
        return;
    }
    let lo = edges[0];
    let hi = edges[counts.len()];
    let t: Vec<f64> = ticks(lo, hi).into_iter().filter(|v| *v >= lo && *v <= hi).collect();
    let style = ChartMoney::for_ticks(&t, cur);
    let size = 7.0;
    let mut shown: Vec<(String, f64, bool)> = marks
        .iter()
        .filter(|(_, v)| v.is_finite() && *v >= lo && *v <= hi)
        .map(|(n, v)| (format!("{n} {}", style.format(*v)), *v, false))
        .collect();
    if let Some(b) = base.filter(|b| b.is_finite() && *b >= lo && *b <= hi) {
        shown.push((format!("Base case {}", style.format(b)), b, true));
    }
    let plot0 = Area { x: a.x + 30.0, y: a.y, w: a.w - 40.0, h: a.h };
    let span = if hi > lo { hi - lo } else { 1.0 };
    let x_at = |v: f64| plot0.x + ((v - lo) / span) as f32 * plot0.w;
    let items: Vec<(String, f32)> = shown.iter().map(|(t, v, _)| (t.clone(), x_at(*v))).collect();
    let boxes = stagger(fonts, a.y + 1.0, size, &items);
    let label_bottom = boxes.iter().map(|b| b.y + b.h).fold(a.y + 10.0, f32::max);
    let plot = Area { x: plot0.x, y: label_bottom + 6.0, w: plot0.w, h: a.h - 16.0 - (label_bottom + 6.0 - a.y) };
    let x_of = |v: f64| plot.x + ((v - lo) / span) as f32 * plot.w;
    let max = counts.iter().copied().max().unwrap_or(1).max(1) as f32;
    page.line(plot.x, plot.y + plot.h, plot.x + plot.w, plot.y + plot.h, ink::MUTED, 0.6, false);
    for (i, c) in counts.iter().enumerate() {
        let (x0, x1) = (x_of(edges[i]), x_of(edges[i + 1]));
        let h = *c as f32 / max * plot.h;
        let color = if edges[i + 1] <= 0.0 { ink::RED } else { ink::STEEL };
        page.rect(x0 + 0.3, plot.y + plot.h - h, (x1 - x0 - 0.6).max(0.3), h, color);
    }
    for v in &t {
        let x = x_of(*v);
        page.line(x, plot.y + plot.h, x, plot.y + plot.h + 3.0, ink::MUTED, 0.5, false);
        page.text_in(
            fonts,
            x - 30.0,
            60.0,
            plot.y + plot.h + 12.0,
            AXIS,
            Style::Regular,
            ink::MUTED,
            Align::Center,
            &style.format(*v),
        );
    }
    for ((text, v, is_base), b) in shown.iter().zip(&boxes) {
        let x = x_of(*v);
        let color = if *is_base { ink::TEAL } else { ink::TEXT };
        // Every line starts under the lowest row of labels, so that none crosses a label.
        page.line(x, label_bottom + 2.0, x, plot.y + plot.h, color, if *is_base { 1.1 } else { 0.7 }, !*is_base);
        page.text(fonts, b.x, b.y + size * 0.8, size, Style::Bold, color, text);
    }
}

/// An S-curve: the share of runs (0 to 1) at or below each x, on an axis from 0 to 100 %, with
/// marks (a label, an x, a colour; the first solid, the others dashed) whose labels are staggered
/// above the plot so none overprints another. `step` draws the curve as steps (months), else as
/// a line through the points. `x_ticks` label the x axis.
pub(crate) fn s_curve(
    page: &mut Page,
    fonts: &Fonts,
    a: Area,
    points: &[(f64, f64)],
    step: bool,
    x_ticks: &[(f64, String)],
    marks: &[(String, f64, Rgb8)],
) {
    if points.is_empty() {
        return;
    }
    let xs = points.iter().map(|p| p.0).chain(marks.iter().map(|m| m.1)).filter(|v| v.is_finite());
    let (lo, hi) = xs.fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| (l.min(v), h.max(v)));
    let span = if hi > lo { hi - lo } else { 1.0 };
    let plot0 = Area { x: a.x + 34.0, y: a.y, w: a.w - 44.0, h: a.h };
    let x_at = |v: f64| plot0.x + ((v - lo) / span) as f32 * plot0.w;
    let size = 7.0;
    let items: Vec<(String, f32)> = marks.iter().map(|(t, v, _)| (t.clone(), x_at(*v))).collect();
    let boxes = stagger(fonts, a.y + 1.0, size, &items);
    let label_bottom = boxes.iter().map(|b| b.y + b.h).fold(a.y + 4.0, f32::max);
    let plot = Area { x: plot0.x, y: label_bottom + 6.0, w: plot0.w, h: a.h - 18.0 - (label_bottom + 6.0 - a.y) };
    let y_of = |share: f64| plot.y + plot.h - (share.clamp(0.0, 1.0) as f32) * plot.h;
    for q in [0.0, 0.25, 0.5, 0.75, 1.0] {
        let y = y_of(q);
        page.line(plot.x, y, plot.x + plot.w, y, if q == 0.0 { ink::MUTED } else { ink::RULE }, 0.3, false);
        let label = format!("{} %", (q * 100.0).round());
        page.text_in(fonts, plot.x - 34.0, 30.0, y + 2.5, AXIS, Style::Regular, ink::MUTED, Align::Right, &label);
    }
    for (v, label) in x_ticks {
        let x = x_at(*v);
        page.line(x, plot.y + plot.h, x, plot.y + plot.h + 3.0, ink::MUTED, 0.5, false);
        page.text_in(
            fonts,
            x - 30.0,
            60.0,
            plot.y + plot.h + 12.0,
            AXIS,
            Style::Regular,
            ink::MUTED,
            Align::Center,
            label,
        );
    }
    let mut line: Vec<(f32, f32)> = Vec::with_capacity(points.len() * 2);
    for (k, (x, share)) in points.iter().enumerate() {
        let (px, py) = (x_at(*x), y_of(*share));
        if step && k > 0 {
            line.push((px, line.last().map_or(py, |p| p.1)));
        }
        line.push((px, py));
    }
    page.polyline(&line, ink::NAVY, 1.4, false);
    for (k, ((text, v, color), b)) in marks.iter().zip(&boxes).enumerate() {
        let x = x_at(*v);
        page.line(x, label_bottom + 2.0, x, plot.y + plot.h, *color, if k == 0 { 1.1 } else { 0.7 }, k != 0);
        page.text(fonts, b.x, b.y + size * 0.8, size, Style::Bold, *color, text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fonts() -> Fonts {
        Fonts::load(&mut printpdf::PdfDocument::new("test"), &[]).expect("the embedded fonts load")
    }

    fn usd() -> CurrencyFormat {
        CurrencyFormat { code: "USD".into(), minor_digits: 2 }
    }

    #[test]
    fn a_segment_crosses_a_box_only_where_it_passes_through() {
        let b = Bounds { x: 10.0, y: 10.0, w: 20.0, h: 10.0 };
        assert!(b.crosses((0.0, 15.0), (40.0, 15.0)));
        assert!(b.crosses((0.0, 0.0), (40.0, 30.0)));
        assert!(b.crosses((15.0, 12.0), (15.0, 12.0)), "a point inside");
        assert!(!b.crosses((0.0, 5.0), (40.0, 5.0)));
        assert!(!b.crosses((0.0, 30.0), (9.0, 0.0)));
        assert!(b.overlaps(&Bounds { x: 29.0, y: 19.0, w: 5.0, h: 5.0 }));
        assert!(!b.overlaps(&Bounds { x: 30.0, y: 10.0, w: 5.0, h: 5.0 }));
    }

    /// The demo's budget figures (FY2027 is the tallest and over its ceiling, as on the A4 pack's
    /// page 7) and some awkward ones: a ceiling just above or just below a total.
    #[test]
    fn budget_labels_clear_the_legend_the_ceilings_and_each_other() {
        let fonts = fonts();
        let a = Area { x: 56.7, y: 120.0, w: 481.9, h: 210.0 };
        let cases: [(&[f64], &[Option<f64>]); 3] = [
            (
                &[20_180_000.0, 12_033_250.0, 10_251_074.0, 7_207_553.0, 5_242_815.0],
                &[Some(19_000_000.0), Some(12_500_000.0), Some(10_000_000.0), Some(9_000_000.0), Some(8_000_000.0)],
            ),
            (&[1_000_000.0, 1_000_000.0], &[Some(1_010_000.0), Some(990_000.0)]),
            (&[5.0, 0.0, 3.0], &[None, Some(4.0), None]),
        ];
        for (totals, ceilings) in cases {
            let lay = stacked_layout(&fonts, a, &["Capex", "Opex"], totals, ceilings, &usd());
            let boxes: Vec<&Bounds> = lay.labels.iter().flatten().map(|l| &l.1).collect();
            for (i, b) in boxes.iter().enumerate() {
                for l in &lay.legend {
                    assert!(!b.overlaps(l), "{totals:?}: label {b:?} on the legend {l:?}");
                }
                for (x0, x1, y) in lay.ceilings.iter().flatten() {
                    assert!(!b.crosses((*x0, *y), (*x1, *y)), "{totals:?}: label {b:?} on a ceiling at {y}");
                }
                for o in &boxes[i + 1..] {
                    assert!(!b.overlaps(o), "{totals:?}: labels {b:?} and {o:?} overlap");
                }
                assert!(b.y >= a.y && b.y + b.h <= a.y + a.h, "{b:?} inside the chart");
            }
            for (i, (t, c)) in totals.iter().zip(ceilings).enumerate() {
                let over = lay.labels[i].iter().find(|l| l.2).map(|l| l.0.clone());
                match c.filter(|c| t > c) {
                    Some(c) => assert_eq!(over, Some(format!("over by {}", compact_money(t - c, &usd())))),
                    None => assert_eq!(over, None, "column {i} is within its ceiling"),
                }
            }
        }
    }

    #[test]
    fn the_payback_label_avoids_both_lines() {
        let fonts = fonts();
        let plot = Area { x: 100.0, y: 100.0, w: 400.0, h: 140.0 };
        // A line rising through the top right of the payback point, as p. 13's did.
        let solid = [(100.0, 230.0), (200.0, 200.0), (300.0, 140.0), (400.0, 104.0), (500.0, 101.0)];
        let dashed = [(100.0, 230.0), (200.0, 210.0), (300.0, 170.0), (400.0, 130.0), (500.0, 110.0)];
        for x in [150.0, 300.0, 380.0, 480.0] {
            let text = "Payback 2.80 years";
            let b = payback_label(&fonts, x, plot, text, &[&solid, &dashed]);
            assert!(!b.crosses_line(&solid) && !b.crosses_line(&dashed), "at {x}: {b:?}");
            assert!(b.x >= plot.x && b.x + b.w <= plot.x + plot.w + 8.0);
            assert!((b.x - (x + 4.0)).abs() < 0.01 || (b.x + b.w - (x - 4.0)).abs() < 0.01, "beside the line");
        }
    }

    #[test]
    fn histogram_marks_never_overprint_each_other() {
        let fonts = fonts();
        let items: Vec<(String, f32)> = [("P10 −$1.4M", 100.0), ("Base case $0.2M", 118.0), ("P50 $0.3M", 122.0)]
            .iter()
            .map(|(t, x)| (t.to_string(), *x))
            .collect();
        let boxes = stagger(&fonts, 0.0, 7.0, &items);
        for (i, b) in boxes.iter().enumerate() {
            assert!((b.x + b.w / 2.0 - items[i].1).abs() < 0.01, "centred on its value");
            for o in &boxes[i + 1..] {
                assert!(!b.overlaps(o), "{b:?} {o:?}");
            }
        }
    }
}

//! Vector charts: stacked bars, cumulative cash with payback, tornado, risk histogram. Each
//! draws inside a box given in points from the page's top-left corner.

use crate::canvas::{Align, Page, Rgb8, ink};
use crate::fonts::{Fonts, Style};
use crate::format::compact_money;
use crate::input::CurrencyFormat;

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
            &compact_money(*v, cur),
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

/// Stacked columns per category (fiscal year), with an optional ceiling marker per column and
/// the column's total above it.
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
    let hi = totals.iter().copied().chain(ceilings.iter().flatten().copied()).fold(0.0, f64::max);
    let plot = Area { x: a.x + 50.0, y: a.y + 16.0, w: a.w - 50.0, h: a.h - 34.0 };
    let legend_items: Vec<(&str, Rgb8)> = series.iter().map(|s| (s.0, s.1)).collect();
    legend(page, fonts, plot.x, a.y + 7.0, &legend_items);
    let map = value_axis(page, fonts, plot, 0.0, hi * 1.08, cur);
    let slot = plot.w / n as f32;
    let bw = (slot * 0.55).min(48.0);
    for i in 0..n {
        let cx = plot.x + slot * (i as f32 + 0.5);
        let mut base = 0.0;
        for s in series {
            let v = s.2.get(i).copied().unwrap_or(0.0).max(0.0);
            if v > 0.0 {
                let (y1, y0) = (map(base + v), map(base));
                page.rect(cx - bw / 2.0, y1, bw, y0 - y1, s.1);
            }
            base += v;
        }
        if totals[i] > 0.0 {
            page.text_in(
                fonts,
                cx - 30.0,
                60.0,
                map(totals[i]) - 3.0,
                AXIS,
                Style::Bold,
                ink::TEXT,
                Align::Center,
                &compact_money(totals[i], cur),
            );
        }
        if let Some(Some(c)) = ceilings.get(i) {
            let y = map(*c);
            page.line(cx - bw / 2.0 - 5.0, y, cx + bw / 2.0 + 5.0, y, ink::RED, 1.0, true);
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
    if ceilings.iter().any(Option::is_some) {
        let x = a.x + a.w - 80.0;
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
    page.polyline(&line(discounted), ink::STEEL, 1.4, true);
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
        let tw = fonts.width(Style::Bold, &text, 7.5);
        let tx = if x + 4.0 + tw > plot.x + plot.w { x - 4.0 - tw } else { x + 4.0 };
        page.text(fonts, tx, plot.y + 9.0, 7.5, Style::Bold, ink::TEAL, &text);
    }
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
            &compact_money(*v, cur),
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
    let text = format!("Base NPV {}", compact_money(base, cur));
    page.text_in(fonts, xb - 60.0, 120.0, plot.y - 4.0 + 0.0, 7.0, Style::Bold, ink::TEXT, Align::Center, &text);
}

/// The distribution of NPV over Monte Carlo runs, with P10, P50, P90 and zero marked.
pub(crate) fn histogram(
    page: &mut Page,
    fonts: &Fonts,
    a: Area,
    edges: &[f64],
    counts: &[u32],
    marks: &[(String, f64)],
    cur: &CurrencyFormat,
) {
    if counts.is_empty() || edges.len() < counts.len() + 1 {
        return;
    }
    let plot = Area { x: a.x + 30.0, y: a.y + 18.0, w: a.w - 40.0, h: a.h - 34.0 };
    let lo = edges[0];
    let hi = edges[counts.len()];
    let span = if hi > lo { hi - lo } else { 1.0 };
    let x_of = |v: f64| plot.x + ((v - lo) / span) as f32 * plot.w;
    let max = counts.iter().copied().max().unwrap_or(1).max(1) as f32;
    page.line(plot.x, plot.y + plot.h, plot.x + plot.w, plot.y + plot.h, ink::MUTED, 0.6, false);
    for (i, c) in counts.iter().enumerate() {
        let (x0, x1) = (x_of(edges[i]), x_of(edges[i + 1]));
        let h = *c as f32 / max * plot.h;
        let color = if edges[i + 1] <= 0.0 { ink::RED } else { ink::STEEL };
        page.rect(x0 + 0.3, plot.y + plot.h - h, (x1 - x0 - 0.6).max(0.3), h, color);
    }
    for v in ticks(lo, hi) {
        if v < lo || v > hi {
            continue;
        }
        let x = x_of(v);
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
            &compact_money(v, cur),
        );
    }
    for (name, v) in marks {
        if !v.is_finite() || *v < lo || *v > hi {
            continue;
        }
        let x = x_of(*v);
        page.line(x, plot.y, x, plot.y + plot.h, ink::TEXT, 0.7, true);
        let y = a.y + 8.0;
        page.text_in(fonts, x - 40.0, 80.0, y, 7.0, Style::Bold, ink::TEXT, Align::Center, name);
    }
}

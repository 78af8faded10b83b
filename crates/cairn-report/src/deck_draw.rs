//! The board deck's drawing: 16:9 slides with an action title, and the blocks they hold
//! (bullets, tables, key-figure cards, the roadmap on one slide, budget bars against ceilings),
//! all set at [`BODY`] (18 pt) or larger. Drawing goes through the pack's `canvas` and `fonts`.

use rust_decimal::Decimal;

use crate::canvas::{Align, Page, Rgb8, ink};
use crate::charts::Area;
use crate::fonts::{Fonts, Style};
use crate::format::{MINUS, amount, chart_value};
use crate::input::{BarStatus, RoadmapBar, RoadmapSection};

/// Slide width: 338.67 mm, 16:9.
pub(crate) const W: f32 = 960.0;
/// Slide height: 190.5 mm.
pub(crate) const H: f32 = 540.0;
/// Left and right margin.
pub(crate) const M: f32 = 48.0;
/// The smallest text on a slide, body and footer alike.
pub(crate) const BODY: f32 = 18.0;
/// Line spacing of body text.
pub(crate) const LEAD: f32 = 25.0;
/// The action title's size (24 when it needs a third line).
const TITLE: f32 = 28.0;
/// Where a slide's body must end, above the footer.
pub(crate) const BOTTOM: f32 = H - 46.0;

/// The slides being laid out and their bookmarks (title, slide index).
pub(crate) struct Slides<'f> {
    pub fonts: &'f Fonts,
    pub pages: Vec<Page>,
    pub bookmarks: Vec<(String, usize)>,
}

/// A table column of a slide.
pub(crate) struct DCol {
    pub title: String,
    pub width: f32,
    pub align: Align,
    /// Lines a cell may wrap to; 1 cuts it with an ellipsis.
    pub lines: usize,
}

impl DCol {
    pub(crate) fn new(title: impl Into<String>, width: f32, align: Align, lines: usize) -> DCol {
        DCol { title: title.into(), width, align, lines }
    }
}

/// The colour of a bar of this status, as the pack's roadmap draws it.
fn bar_color(status: BarStatus) -> Rgb8 {
    crate::roadmap::color(status)
}

/// Text on a bar of this status: white on the dark fills, ink on the light ones.
fn on_bar(status: BarStatus) -> Rgb8 {
    match status {
        BarStatus::Proposed | BarStatus::Cancelled => ink::TEXT,
        _ => ink::WHITE,
    }
}

impl<'f> Slides<'f> {
    pub(crate) fn new(fonts: &'f Fonts) -> Slides<'f> {
        Slides { fonts, pages: Vec::new(), bookmarks: Vec::new() }
    }

    /// The current slide.
    pub(crate) fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.pages.push(Page::new(W, H));
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// A slide with no title (the title slide), bookmarked as `bookmark`.
    pub(crate) fn blank(&mut self, bookmark: &str) {
        self.bookmarks.push((bookmark.to_owned(), self.pages.len()));
        self.pages.push(Page::new(W, H));
    }

    /// A new slide: its topic above, the action title (the message) below, a rule; returns
    /// where the body starts. The topic is its bookmark.
    pub(crate) fn slide(&mut self, topic: &str, title: &str) -> f32 {
        self.blank(topic);
        let fonts = self.fonts;
        let w = W - 2.0 * M;
        let (mut size, mut lines) = (TITLE, fonts.wrap(Style::Bold, title, TITLE, w, 3));
        if lines.len() > 2 {
            size = 24.0;
            lines = fonts.wrap(Style::Bold, title, size, w, 3);
        }
        let page = self.page();
        page.rect(0.0, 0.0, W, 8.0, ink::NAVY);
        page.text_in(fonts, M, w, 48.0, BODY, Style::Bold, ink::STEEL, Align::Left, topic);
        let mut y = 52.0;
        for line in &lines {
            y += size * 1.18;
            page.text(fonts, M, y, size, Style::Bold, ink::NAVY, line);
        }
        y += 14.0;
        page.line(M, y, W - M, y, ink::NAVY, 1.0, false);
        y + 20.0
    }

    /// Wrapped text from `y`, at most `max_lines` lines; returns the next free `y`.
    pub(crate) fn paragraph(&mut self, y: f32, text: &str, style: Style, color: Rgb8, max_lines: usize) -> f32 {
        let fonts = self.fonts;
        let mut y = y;
        let room = ((BOTTOM - y) / LEAD).floor().max(0.0) as usize;
        let page = self.page();
        for line in fonts.wrap(style, text, BODY, W - 2.0 * M, max_lines.min(room).max(1)) {
            page.text(fonts, M, y + BODY, BODY, style, color, &line);
            y += LEAD;
        }
        y + 6.0
    }

    /// A bulleted list from `y`, each item on at most `max_lines` lines, as many as fit; when
    /// some do not, the last line says how many more the board pack holds. `color` picks each
    /// item's ink. Returns the next free `y`.
    pub(crate) fn bullets(&mut self, y: f32, items: &[String], max_lines: usize, color: &dyn Fn(usize) -> Rgb8) -> f32 {
        let fonts = self.fonts;
        let (x, w) = (M, W - 2.0 * M);
        let mut y = y;
        for (i, item) in items.iter().enumerate() {
            let lines = fonts.wrap(Style::Regular, item, BODY, w - 22.0, max_lines);
            let left = items.len() - i;
            // Keep a line for "… more" unless this is the last item.
            let need = lines.len() as f32 * LEAD + if left > 1 { LEAD } else { 0.0 };
            if y + need > BOTTOM {
                let more = format!("… and {left} more in the board pack");
                self.page().text(fonts, x + 22.0, y + BODY, BODY, Style::Italic, ink::MUTED, &more);
                return y + LEAD;
            }
            let page = self.page();
            page.rect(x + 3.0, y + BODY * 0.42, 7.0, 7.0, ink::NAVY);
            for line in &lines {
                page.text(fonts, x + 22.0, y + BODY, BODY, Style::Regular, color(i), line);
                y += LEAD;
            }
            y += 6.0;
        }
        y
    }

    /// Key-figure cards in one row: label above, value below.
    pub(crate) fn cards(&mut self, y: f32, items: &[(String, String)]) -> f32 {
        let fonts = self.fonts;
        let n = items.len().max(1);
        let gap = 14.0;
        let cw = (W - 2.0 * M - gap * (n as f32 - 1.0)) / n as f32;
        let ch = 84.0;
        let page = self.page();
        for (k, (label, value)) in items.iter().enumerate() {
            let x = M + k as f32 * (cw + gap);
            page.rect(x, y, cw, ch, ink::SHADE);
            page.rect(x, y, 4.0, ch, ink::NAVY);
            page.text_in(fonts, x + 14.0, cw - 20.0, y + 28.0, BODY, Style::Regular, ink::MUTED, Align::Left, label);
            let color = if value.starts_with(MINUS) { ink::RED } else { ink::NAVY };
            let size = if fonts.width(Style::Bold, value, 28.0) > cw - 20.0 { 22.0 } else { 28.0 };
            page.text_in(fonts, x + 14.0, cw - 20.0, y + 66.0, size, Style::Bold, color, Align::Left, value);
        }
        y + ch + 18.0
    }

    /// A table from `y`: a header row, then rows (the flagged ones bold) as many as fit; when
    /// some do not, the last line says how many more the board pack holds. Returns the next `y`.
    pub(crate) fn table(&mut self, y: f32, cols: &[DCol], rows: &[(Vec<String>, bool)]) -> f32 {
        let fonts = self.fonts;
        let pad = 6.0;
        let total_w: f32 = cols.iter().map(|c| c.width).sum();
        let mut y = y;
        let page = self.page();
        let mut x = M;
        let mut head_lines = 1;
        for c in cols {
            // A title wraps to two lines in a column whose cells wrap (a long scenario name).
            let lines = fonts.wrap(Style::Bold, &c.title, BODY, c.width - 2.0 * pad, if c.lines > 1 { 2 } else { 1 });
            for (k, line) in lines.iter().enumerate() {
                let base = y + BODY + k as f32 * LEAD;
                page.text_in(fonts, x + pad, c.width - 2.0 * pad, base, BODY, Style::Bold, ink::MUTED, c.align, line);
            }
            head_lines = head_lines.max(lines.len());
            x += c.width;
        }
        y += LEAD * head_lines as f32 + 4.0;
        page.line(M, y, M + total_w, y, ink::NAVY, 1.0, false);
        y += 4.0;
        for (i, (cells, strong)) in rows.iter().enumerate() {
            let style = if *strong { Style::Bold } else { Style::Regular };
            let wrapped: Vec<Vec<String>> = cols
                .iter()
                .zip(cells)
                .map(|(c, t)| {
                    if c.lines > 1 { fonts.wrap(style, t, BODY, c.width - 2.0 * pad, c.lines) } else { vec![t.clone()] }
                })
                .collect();
            let n = wrapped.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let h = n as f32 * LEAD + 4.0;
            let left = rows.len() - i;
            if y + h + if left > 1 { LEAD } else { 0.0 } > BOTTOM {
                let more = format!("… and {left} more rows in the board pack");
                self.page().text(fonts, M + pad, y + BODY, BODY, Style::Italic, ink::MUTED, &more);
                return y + LEAD;
            }
            let page = self.page();
            let mut x = M;
            for (c, lines) in cols.iter().zip(&wrapped) {
                for (k, line) in lines.iter().enumerate() {
                    let color = if line.starts_with(MINUS) { ink::RED } else { ink::TEXT };
                    let w = c.width - 2.0 * pad;
                    page.text_in(fonts, x + pad, w, y + BODY + k as f32 * LEAD, BODY, style, color, c.align, line);
                }
                x += c.width;
            }
            y += h;
            page.line(M, y, M + total_w, y, ink::RULE, 0.5, false);
        }
        y + 10.0
    }

    /// Writes the footer of every slide but the first: plan and label left, "n / N" right.
    pub(crate) fn footers(&mut self, note: &str) {
        let fonts = self.fonts;
        let total = self.pages.len();
        for (i, page) in self.pages.iter_mut().enumerate().skip(1) {
            let number = format!("{} / {total}", i + 1);
            let nw = fonts.width(Style::Regular, &number, BODY);
            let y = H - 16.0;
            page.line(M, H - 38.0, W - M, H - 38.0, ink::RULE, 0.5, false);
            page.text_in(fonts, M, W - 2.0 * M - nw - 24.0, y, BODY, Style::Regular, ink::MUTED, Align::Left, note);
            page.text(fonts, W - M - nw, y, BODY, Style::Regular, ink::MUTED, &number);
        }
    }
}

/// A legend in a row: swatches (a dashed line when `dashed`) and names at 18 pt.
fn legend(page: &mut Page, fonts: &Fonts, x: f32, y: f32, items: &[(&str, Rgb8, bool)]) {
    let mut cx = x;
    for (name, color, dashed) in items {
        if *dashed {
            page.line(cx, y - 6.0, cx + 16.0, y - 6.0, *color, 2.0, true);
        } else {
            page.rect(cx, y - 13.0, 14.0, 14.0, *color);
        }
        page.text(fonts, cx + 22.0, y, BODY, Style::Regular, ink::TEXT, name);
        cx += 22.0 + fonts.width(Style::Regular, name, BODY) + 24.0;
    }
}

/// Bars packed into tracks: each bar goes on the first track it does not overlap.
fn tracks(bars: &[RoadmapBar]) -> Vec<usize> {
    let mut ends: Vec<i32> = Vec::new();
    bars.iter()
        .map(|b| match ends.iter().position(|e| *e < b.start) {
            Some(t) => {
                ends[t] = b.end;
                t
            }
            None => {
                ends.push(b.end);
                ends.len() - 1
            }
        })
        .collect()
}

/// The whole roadmap in one box: fiscal years on top, one band per lane in the plan's order
/// (its name cut with an ellipsis when long), the lane's bars packed into as few tracks as do
/// not overlap and named inside when the bar has room, a dashed line at `today` (months from
/// the axis start, fractional), and the legend of the statuses shown.
pub(crate) fn roadmap(page: &mut Page, fonts: &Fonts, a: Area, r: &RoadmapSection, today: Option<f32>) {
    let label_w = (a.w * 0.22).min(210.0);
    let plot_x = a.x + label_w;
    let plot_w = a.w - label_w;
    let months = r.months.max(1) as f32;
    let mw = plot_w / months;
    let head = 30.0;
    // Year labels: every year when they fit, else every other, third…
    let widest = r.years.iter().map(|(l, _)| fonts.width(Style::Bold, l, BODY)).fold(0.0, f32::max) + 10.0;
    let step = ((widest / (12.0 * mw)).ceil() as usize).max(1);
    for (k, (label, start)) in r.years.iter().enumerate() {
        let xs = plot_x + *start as f32 * mw;
        if k % 2 == 0 {
            page.rect(xs, a.y, 12.0 * mw, head - 4.0, ink::SHADE);
        }
        if k % step == 0 {
            let span = 12.0 * mw * step as f32;
            page.text_in(fonts, xs, span, a.y + 20.0, BODY, Style::Bold, ink::NAVY, Align::Center, label);
        }
    }
    let legend_h = 34.0;
    let top = a.y + head;
    let bottom = a.y + a.h - legend_h;
    let placed: Vec<Vec<usize>> = r.lanes.iter().map(|l| tracks(&l.bars)).collect();
    let counts: Vec<usize> = placed.iter().map(|t| t.iter().max().map_or(1, |m| m + 1)).collect();
    let total_tracks: usize = counts.iter().sum();
    let lanes = r.lanes.len().max(1) as f32;
    let gap = 6.0;
    let avail = (bottom - top - gap * lanes).max(1.0);
    // As tall as fits, at most 26 pt; a lane is at least one line of its name tall when it can be.
    let mut track_h = (avail / total_tracks.max(1) as f32).min(26.0);
    let lane_h = |track_h: f32, n: usize| (n as f32 * track_h).max(LEAD.min(avail / lanes));
    while track_h > 1.0 && counts.iter().map(|n| lane_h(track_h, *n)).sum::<f32>() > avail {
        track_h *= 0.95;
    }
    let mut y = top;
    for ((lane, place), n) in r.lanes.iter().zip(&placed).zip(&counts) {
        let h = lane_h(track_h, *n);
        page.rect(a.x, y, a.w, h + gap / 2.0, ink::SHADE);
        if h >= BODY {
            // The name on as many lines as the lane is tall, the last cut with an ellipsis.
            let room = ((h / LEAD).floor() as usize).max(1);
            let lines = fonts.wrap(Style::Bold, &lane.name, BODY, label_w - 14.0, room);
            for (k, line) in lines.iter().enumerate() {
                let base = y + BODY + 2.0 + k as f32 * LEAD;
                page.text(fonts, a.x + 6.0, base, BODY, Style::Bold, ink::NAVY, line);
            }
        }
        for (bar, t) in lane.bars.iter().zip(place) {
            let s = bar.start.max(0) as f32;
            let e = ((bar.end + 1) as f32).min(months);
            if e <= s {
                continue;
            }
            let (bx, bw) = (plot_x + s * mw, (e - s) * mw);
            let by = y + *t as f32 * track_h + track_h * 0.1;
            let bh = track_h * 0.8;
            page.rect(bx, by, bw, bh, bar_color(bar.status));
            if bh >= BODY + 2.0 && bw >= 60.0 {
                let base = by + bh / 2.0 + BODY * 0.35;
                page.text_in(
                    fonts,
                    bx + 6.0,
                    bw - 10.0,
                    base,
                    BODY,
                    Style::Regular,
                    on_bar(bar.status),
                    Align::Left,
                    &bar.name,
                );
            }
        }
        y += h + gap;
    }
    for (_, start) in &r.years {
        let xs = plot_x + *start as f32 * mw;
        page.line(xs, top - 4.0, xs, y - gap, ink::RULE, 0.6, false);
    }
    let mut items: Vec<(&str, Rgb8, bool)> = BarStatus::ALL
        .iter()
        .filter(|s| r.lanes.iter().any(|l| l.bars.iter().any(|b| b.status == **s)))
        .map(|s| (s.label(), bar_color(*s), false))
        .collect();
    if let Some(t) = today.filter(|t| (0.0..months).contains(t)) {
        let x = plot_x + t * mw;
        page.line(x, top - 4.0, x, y - gap, ink::RED, 1.6, true);
        items.push(("Today", ink::RED, true));
    }
    legend(page, fonts, plot_x, a.y + a.h - 6.0, &items);
}

/// Budget by fiscal year against the ceilings: stacked capex and opex bars, a dashed red mark
/// at each year's ceiling, years over it flagged "Over"; below, aligned with the bars, each
/// year's total, ceiling and headroom in whole units, as the pack's budget table prints them.
#[allow(clippy::too_many_arguments)]
pub(crate) fn budget(
    page: &mut Page,
    fonts: &Fonts,
    a: Area,
    years: &[String],
    capex: &[Decimal],
    opex: &[Decimal],
    ceilings: &[Option<Decimal>],
    unit: &str,
) {
    let n = years.len();
    if n == 0 {
        return;
    }
    let label_w = 190.0;
    let slot = (a.w - label_w) / n as f32;
    let totals: Vec<Decimal> = (0..n)
        .map(|i| capex.get(i).copied().unwrap_or_default().saturating_add(opex.get(i).copied().unwrap_or_default()))
        .collect();
    let has_ceiling = ceilings.iter().any(Option::is_some);
    let rows: Vec<(&str, Vec<Option<Decimal>>)> = if has_ceiling {
        vec![
            ("Total", totals.iter().copied().map(Some).collect()),
            ("Ceiling", ceilings.to_vec()),
            ("Headroom", ceilings.iter().zip(&totals).map(|(c, t)| c.map(|c| c.saturating_sub(*t))).collect()),
        ]
    } else {
        vec![("Total", totals.iter().copied().map(Some).collect())]
    };
    let table_h = LEAD * (rows.len() + 1) as f32 + 6.0;
    let legend_h = 30.0;
    let plot =
        Area { x: a.x + label_w, y: a.y + legend_h + 22.0, w: a.w - label_w, h: a.h - legend_h - 22.0 - table_h };
    let mut items = vec![("Capex", ink::NAVY, false), ("Opex", ink::STEEL, false)];
    if has_ceiling {
        items.push(("Ceiling", ink::RED, true));
    }
    legend(page, fonts, plot.x, a.y + 18.0, &items);
    let hi =
        totals.iter().copied().chain(ceilings.iter().flatten().copied()).map(chart_value).fold(0.0, f64::max).max(1.0);
    let y_of = |v: Decimal| plot.y + plot.h - (chart_value(v) / hi) as f32 * plot.h;
    let bw = (slot * 0.5).min(90.0);
    page.line(plot.x, plot.y + plot.h, plot.x + plot.w, plot.y + plot.h, ink::MUTED, 0.8, false);
    for (i, total) in totals.iter().enumerate() {
        let cx = plot.x + slot * (i as f32 + 0.5);
        let c = capex.get(i).copied().unwrap_or_default().max(Decimal::ZERO);
        let o = opex.get(i).copied().unwrap_or_default().max(Decimal::ZERO);
        let (base, mid, top) = (y_of(Decimal::ZERO), y_of(c), y_of(c.saturating_add(o)));
        page.rect(cx - bw / 2.0, mid, bw, base - mid, ink::NAVY);
        page.rect(cx - bw / 2.0, top, bw, mid - top, ink::STEEL);
        if let Some(Some(ceiling)) = ceilings.get(i) {
            let y = y_of(*ceiling);
            page.line(cx - bw / 2.0 - 10.0, y, cx + bw / 2.0 + 10.0, y, ink::RED, 2.0, true);
            if total > ceiling {
                page.text_in(
                    fonts,
                    cx - slot / 2.0,
                    slot,
                    top - 6.0,
                    BODY,
                    Style::Bold,
                    ink::RED,
                    Align::Center,
                    "Over",
                );
            }
        }
    }
    let mut y = plot.y + plot.h + 6.0;
    page.text_in(fonts, a.x, label_w - 8.0, y + BODY, BODY, Style::Bold, ink::MUTED, Align::Left, unit);
    for (i, year) in years.iter().enumerate() {
        let x = plot.x + slot * i as f32;
        page.text_in(fonts, x + 4.0, slot - 8.0, y + BODY, BODY, Style::Bold, ink::NAVY, Align::Right, year);
    }
    y += LEAD;
    for (label, values) in &rows {
        page.text_in(fonts, a.x, label_w - 8.0, y + BODY, BODY, Style::Regular, ink::TEXT, Align::Left, label);
        for (i, v) in values.iter().enumerate() {
            let text = v.map_or("–".to_owned(), |v| amount(v, 0));
            let color = if text.starts_with(MINUS) { ink::RED } else { ink::TEXT };
            let x = plot.x + slot * i as f32;
            page.text_in(fonts, x + 4.0, slot - 8.0, y + BODY, BODY, Style::Regular, color, Align::Right, &text);
        }
        y += LEAD;
        page.line(a.x, y - 3.0, a.x + a.w, y - 3.0, ink::RULE, 0.5, false);
    }
}

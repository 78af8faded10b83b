//! The roadmap as a timeline by theme on landscape pages. A horizon too long for one page is
//! tiled into columns of whole fiscal years, and lanes too many for one page continue on the
//! next; every page repeats the time axis and the legend. Months are never narrower than
//! [`MIN_MONTH`], so text and bars stay readable however long the plan.

use std::collections::HashMap;

use crate::canvas::{Align, Rgb8, ink};
use crate::charts::legend;
use crate::fonts::{Fonts, Style};
use crate::input::{BarStatus, RoadmapBar, RoadmapSection};
use crate::layout::Doc;

/// The label of the line at the pack's date.
const TODAY: &str = "Today";

/// The narrowest a month may be drawn, in points (about 1.6 mm).
pub(crate) const MIN_MONTH: f32 = 4.5;
const ROW: f32 = 14.0;
/// A row with a name on two lines or milestone names under its bar.
const ROW2: f32 = 23.0;
const LANE: f32 = 17.0;
const AXIS_H: f32 = 34.0;

pub(crate) fn color(status: BarStatus) -> Rgb8 {
    match status {
        BarStatus::Proposed => Rgb8(0xB9, 0xCB, 0xE0),
        BarStatus::Approved => ink::STEEL,
        BarStatus::InProgress => ink::NAVY,
        BarStatus::Done => ink::GREEN,
        BarStatus::OnHold => ink::AMBER,
        BarStatus::Cancelled => Rgb8(0xB5, 0xB9, 0xC0),
    }
}

/// What one line of the chart is.
enum Line<'a> {
    Lane(&'a str, bool),
    Bar(&'a crate::input::RoadmapBar),
}

/// The height of a bar's row: one line, or two when its name wraps or it has milestones
/// (their labels go under the bar).
fn bar_height(fonts: &Fonts, bar: &RoadmapBar, name_w: f32) -> f32 {
    if bar.milestones.is_empty() && fonts.width(Style::Regular, &bar.name, 8.0) <= name_w { ROW } else { ROW2 }
}

/// Splits lines into pages. Each line is (height, and for a lane's heading the height of the
/// whole lane). A lane moves whole to the next page when it does not fit in what is left,
/// unless the page is still empty or the lane alone is taller than a page (then it flows on,
/// continued). `first` is the room on the first page, `rest` on the next ones. Returns the
/// index of each page's first line.
pub(crate) fn paginate(lines: &[(f32, Option<f32>)], first: f32, rest: f32) -> Vec<usize> {
    let mut starts = vec![0];
    let mut room = first;
    let mut used = 0.0;
    for (i, (h, lane)) in lines.iter().enumerate() {
        let need = lane.unwrap_or(*h);
        let fits_whole = lane.is_some_and(|l| l <= rest);
        let breaks = used > 0.0
            && (used + h > room || (fits_whole && used + need > room) || (lane.is_some() && used + h + ROW > room));
        if breaks {
            starts.push(i);
            room = rest;
            // A page that continues a lane repeats its heading.
            used = if lane.is_none() { LANE } else { 0.0 };
        }
        used += h;
    }
    starts
}

/// The x of a point `months` from the axis start on a tile starting at month `from`.
pub(crate) fn month_x(plot_x: f32, from: i32, mw: f32, months: f32) -> f32 {
    plot_x + (months - from as f32) * mw
}

/// Draws the roadmap; the section's first landscape page is already open with its title.
pub(crate) fn draw(doc: &mut Doc<'_>, roadmap: &RoadmapSection) {
    let fonts = doc.fonts;
    let label_w = 190.0;
    let name_w = label_w - 66.0;
    let plot_w = doc.width() - label_w;
    // Tiles of whole fiscal years, each month at least MIN_MONTH wide.
    let years_per_tile = ((plot_w / MIN_MONTH / 12.0).floor() as usize).max(1);
    let tiles: Vec<&[(String, u32)]> = roadmap.years.chunks(years_per_tile).collect();
    let tile_count = tiles.len();
    let lines: Vec<Line<'_>> = roadmap
        .lanes
        .iter()
        .flat_map(|lane| std::iter::once(Line::Lane(&lane.name, false)).chain(lane.bars.iter().map(Line::Bar)))
        .collect();
    let heights: Vec<(f32, Option<f32>)> = roadmap
        .lanes
        .iter()
        .flat_map(|lane| {
            let bars: Vec<f32> = lane.bars.iter().map(|b| bar_height(fonts, b, name_w)).collect();
            let total = LANE + bars.iter().sum::<f32>();
            std::iter::once((LANE, Some(total))).chain(bars.into_iter().map(|h| (h, None)))
        })
        .collect();
    for (t, years) in tiles.iter().enumerate() {
        let Some(first) = years.first() else { continue };
        let from = first.1 as i32;
        let to = years.last().map_or(from + 12, |y| y.1 as i32 + 12).min(roadmap.months as i32);
        let months = (to - from).max(1);
        let mw = (plot_w / months as f32).min(16.0);
        let tile_caption = if tile_count > 1 {
            format!(
                "{} – {} (part {} of {})",
                first.0,
                years.last().map_or(first.0.as_str(), |y| y.0.as_str()),
                t + 1,
                tile_count
            )
        } else {
            String::new()
        };
        if t > 0 {
            doc.new_page(true);
        }
        let head = AXIS_H + 10.0;
        // Room under the grid for the today label.
        let foot = 12.0;
        let first_room = doc.bottom() - doc.y - head - foot;
        let rest_room = doc.bottom() - crate::layout::TOP - head - foot;
        let starts = paginate(&heights, first_room, rest_room);
        for (p, &start) in starts.iter().enumerate() {
            let end = starts.get(p + 1).copied().unwrap_or(lines.len());
            let first_page = p == 0;
            if !first_page {
                doc.new_page(true);
            }
            let x0 = doc.left();
            let plot_x = x0 + label_w;
            let y_top = doc.y;
            axis(doc, years, from, mw, months, label_w, y_top, &tile_caption, first_page);
            doc.y = y_top + head;
            let grid_top = doc.y;
            // Repeat the lane name of the bars continued from the previous page.
            if let Some(Line::Bar(_)) = lines.get(start) {
                let name = lines[..start].iter().rev().find_map(|l| match l {
                    Line::Lane(name, _) => Some(*name),
                    Line::Bar(_) => None,
                });
                if let Some(name) = name {
                    draw_lane(doc, name, true, label_w, months as f32 * mw);
                }
            }
            // Where each bar is on this page, for the dependency connectors.
            let mut placed: HashMap<&str, (f32, f32, f32)> = HashMap::new();
            for line in &lines[start..end] {
                match line {
                    Line::Lane(name, cont) => draw_lane(doc, name, *cont, label_w, months as f32 * mw),
                    Line::Bar(bar) => {
                        let h = bar_height(fonts, bar, name_w);
                        if let Some(at) = draw_bar(doc, bar, h, name_w, plot_x, from, to, mw) {
                            placed.insert(bar.id.as_str(), at);
                        }
                        let (y, page) = (doc.y, doc.page());
                        page.line(x0, y + h, plot_x + months as f32 * mw, y + h, ink::SHADE, 0.4, false);
                        doc.y += h;
                    }
                }
            }
            let bottom = doc.y;
            let page = doc.page();
            // Year separators over the whole grid.
            for (_, start) in years.iter() {
                let xs = plot_x + (*start as i32 - from) as f32 * mw;
                page.line(xs, grid_top, xs, bottom, ink::RULE, 0.4, false);
            }
            let xe = plot_x + months as f32 * mw;
            page.line(xe, grid_top, xe, bottom, ink::RULE, 0.4, false);
            // Dependencies: finish of the predecessor to start of the successor, when both
            // are on this page; otherwise a small marker before the successor's start.
            for line in &lines[start..end] {
                let Line::Bar(bar) = line else { continue };
                let Some(&(sx, _, sy)) = placed.get(bar.id.as_str()) else { continue };
                for pred in &bar.after {
                    match placed.get(pred.as_str()) {
                        Some(&(_, pe, py)) => {
                            let elbow = pe + 2.5;
                            page.polyline(&[(pe, py), (elbow, py), (elbow, sy), (sx, sy)], ink::MUTED, 0.5, false);
                            page.polygon(&[(sx, sy), (sx - 3.0, sy - 1.8), (sx - 3.0, sy + 1.8)], ink::MUTED);
                        }
                        None => page.polygon(&[(sx - 1.0, sy), (sx - 4.5, sy - 2.5), (sx - 4.5, sy + 2.5)], ink::MUTED),
                    }
                }
            }
            // Today, over everything.
            if let Some(today) = roadmap.today.filter(|d| *d >= from as f32 && *d <= to as f32) {
                let x = month_x(plot_x, from, mw, today);
                // Labelled under the grid, clear of the legend and the axis.
                page.line(x, y_top + AXIS_H + 2.0, x, bottom + 3.0, ink::RED, 0.9, false);
                let w = fonts.width(Style::Bold, TODAY, 6.5);
                page.text(fonts, x - w / 2.0, bottom + 10.0, 6.5, Style::Bold, ink::RED, TODAY);
            }
        }
    }
    // The legend's meaning of the marks, once under the last page's chart.
    if roadmap.lanes.iter().any(|l| l.bars.iter().any(|b| !b.milestones.is_empty() || !b.after.is_empty())) {
        doc.gap(14.0);
        doc.paragraph(
            "◆ milestone · thin line: dependency, from the predecessor's end to the successor's start (an arrowhead \
             alone: the predecessor is on another page) · red line: today, the pack's date.",
            7.5,
            Style::Italic,
            ink::MUTED,
        );
    }
}

/// The time axis and the legend at the top of a roadmap page.
#[allow(clippy::too_many_arguments)]
fn axis(
    doc: &mut Doc<'_>,
    years: &[(String, u32)],
    from: i32,
    mw: f32,
    months: i32,
    label_w: f32,
    y_top: f32,
    tile_caption: &str,
    first_page: bool,
) {
    let fonts = doc.fonts;
    let x0 = doc.left();
    let plot_x = x0 + label_w;
    let page = doc.page();
    let items: Vec<(&str, Rgb8)> = BarStatus::ALL.iter().map(|s| (s.label(), color(*s))).collect();
    legend(page, fonts, plot_x, y_top + 7.0, &items);
    if !tile_caption.is_empty() || !first_page {
        let cont =
            if first_page { tile_caption.to_owned() } else { format!("{tile_caption} continued").trim().to_owned() };
        page.text_in(fonts, x0, label_w - 10.0, y_top + 7.0, 8.0, Style::Italic, ink::MUTED, Align::Left, &cont);
    }
    let ay = y_top + 14.0;
    for (k, (label, start)) in years.iter().enumerate() {
        let xs = plot_x + (*start as i32 - from) as f32 * mw;
        let w = 12.0 * mw;
        if k % 2 == 0 {
            page.rect(xs, ay, w, 18.0, ink::SHADE);
        }
        page.text_in(fonts, xs, w, ay + 11.0, 8.5, Style::Bold, ink::NAVY, Align::Center, label);
        // Quarter ticks with Q labels when there is room.
        for q in 0..4 {
            let qx = xs + q as f32 * 3.0 * mw;
            page.line(qx, ay + 14.0, qx, ay + 18.0, ink::MUTED, 0.4, false);
            if mw * 3.0 > 16.0 {
                let text = format!("Q{}", q + 1);
                page.text_in(fonts, qx, 3.0 * mw, ay + 25.0, 6.5, Style::Regular, ink::MUTED, Align::Center, &text);
            }
        }
    }
    let y = y_top + AXIS_H + 2.0;
    page.line(x0, y, plot_x + months as f32 * mw, y, ink::NAVY, 0.8, false);
}

/// One bar's row: its name (two lines when long), dates, bar, and milestones as diamonds with
/// their names under the bar. Returns the bar's start x, end x and middle y when it shows on
/// this tile.
#[allow(clippy::too_many_arguments)]
fn draw_bar(
    doc: &mut Doc<'_>,
    bar: &RoadmapBar,
    h: f32,
    name_w: f32,
    plot_x: f32,
    from: i32,
    to: i32,
    mw: f32,
) -> Option<(f32, f32, f32)> {
    let fonts = doc.fonts;
    let (x0, y) = (doc.left(), doc.y);
    let page = doc.page();
    let name = fonts.wrap(Style::Regular, &bar.name, 8.0, name_w, 2);
    for (k, line) in name.iter().enumerate() {
        page.text(fonts, x0 + 6.0, y + 10.0 + k as f32 * 9.0, 8.0, Style::Regular, ink::TEXT, line);
    }
    page.text_in(fonts, x0 + name_w + 8.0, 56.0, y + 10.0, 6.5, Style::Regular, ink::MUTED, Align::Left, &bar.dates);
    let s = bar.start.max(from);
    let e = (bar.end + 1).min(to);
    let (top, bh) = (y + 3.5, ROW - 7.0);
    let mid = top + bh / 2.0;
    let mut at = None;
    if e > s {
        let bx = plot_x + (s - from) as f32 * mw;
        let bw = (e - s) as f32 * mw;
        page.rect(bx, top, bw, bh, color(bar.status));
        // An arrow-like notch where the bar runs on beyond this tile.
        if bar.end + 1 > to {
            page.polygon(&[(bx + bw, top), (bx + bw + 4.0, mid), (bx + bw, top + bh)], color(bar.status));
        }
        if bar.start < from {
            page.polygon(&[(bx, top), (bx - 4.0, mid), (bx, top + bh)], color(bar.status));
        }
        at = Some((bx, bx + bw, mid));
    }
    let shown: Vec<(&str, f32)> = bar
        .milestones
        .iter()
        .filter(|(_, m)| *m >= from && *m < to)
        .map(|(n, m)| (n.as_str(), plot_x + (*m - from) as f32 * mw + mw / 2.0))
        .collect();
    for (k, (label, x)) in shown.iter().enumerate() {
        let r = 3.6;
        page.polygon(&[(*x, mid - r - 0.8), (x + r + 0.8, mid), (*x, mid + r + 0.8), (x - r - 0.8, mid)], ink::WHITE);
        page.polygon(&[(*x, mid - r), (x + r, mid), (*x, mid + r), (x - r, mid)], ink::TEAL);
        // The label starts at its diamond and stops short of the next one.
        let room = shown.get(k + 1).map_or(140.0, |n| n.1 - x - 4.0).max(18.0);
        page.text_in(fonts, x - 2.0, room, y + h - 3.5, 6.0, Style::Regular, ink::TEAL, Align::Left, label);
    }
    at
}

fn draw_lane(doc: &mut Doc<'_>, name: &str, continued: bool, label_w: f32, plot_w: f32) {
    let fonts = doc.fonts;
    let (x0, y) = (doc.left(), doc.y);
    let text = if continued { format!("{name} (continued)") } else { name.to_owned() };
    let page = doc.page();
    page.rect(x0, y + 2.0, label_w + plot_w, LANE - 3.0, ink::SHADE);
    page.text_in(fonts, x0 + 4.0, label_w + plot_w - 8.0, y + 12.0, 9.0, Style::Bold, ink::NAVY, Align::Left, &text);
    doc.y += LANE;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lane_that_fits_a_page_is_never_split() {
        // Lane A (3 bars) fills most of page 1; lane B (4 bars) would fit a page but not
        // what is left: it starts page 2 whole.
        let lane = |bars: usize| {
            let mut v = vec![(LANE, Some(LANE + bars as f32 * ROW))];
            v.extend(std::iter::repeat_n((ROW, None), bars));
            v
        };
        let mut lines = lane(3);
        lines.extend(lane(4));
        assert_eq!(paginate(&lines, LANE + 5.0 * ROW, 200.0), vec![0, 4]);
        // A lane taller than a page flows on, continued.
        let lines = lane(20);
        let starts = paginate(&lines, 120.0, 120.0);
        assert!(starts.len() > 2, "{starts:?}");
        for w in starts.windows(2) {
            let h: f32 = lines[w[0]..w[1]].iter().map(|l| l.0).sum::<f32>() + if w[0] > 0 { LANE } else { 0.0 };
            assert!(h <= 120.0 + 0.01, "page from {} holds {h}", w[0]);
        }
        // Everything fits: one page.
        assert_eq!(paginate(&lane(2), 500.0, 500.0), vec![0]);
    }

    #[test]
    fn the_today_line_falls_on_its_date() {
        // A tile from month 12, 10 pt a month: the middle of month 14 is 25 pt in.
        assert!((month_x(200.0, 12, 10.0, 14.5) - 225.0).abs() < 1e-4);
        assert!((month_x(200.0, 0, 4.5, 0.0) - 200.0).abs() < 1e-4);
    }
}

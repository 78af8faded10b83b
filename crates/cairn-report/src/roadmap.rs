//! The roadmap as a timeline by theme on landscape pages. A horizon too long for one page is
//! tiled into columns of whole fiscal years, and lanes too many for one page continue on the
//! next; every page repeats the time axis and the legend. Months are never narrower than
//! [`MIN_MONTH`], so text and bars stay readable however long the plan.

use crate::canvas::{Align, Rgb8, ink};
use crate::charts::legend;
use crate::fonts::Style;
use crate::input::{BarStatus, RoadmapSection};
use crate::layout::Doc;

/// The narrowest a month may be drawn, in points (about 1.6 mm).
pub(crate) const MIN_MONTH: f32 = 4.5;
const ROW: f32 = 14.0;
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

/// Draws the roadmap; the section's first landscape page is already open with its title.
pub(crate) fn draw(doc: &mut Doc<'_>, roadmap: &RoadmapSection) {
    let fonts = doc.fonts;
    let label_w = 190.0;
    let plot_w = doc.width() - label_w;
    // Tiles of whole fiscal years, each month at least MIN_MONTH wide.
    let years_per_tile = ((plot_w / MIN_MONTH / 12.0).floor() as usize).max(1);
    let tiles: Vec<&[(String, u32)]> = roadmap.years.chunks(years_per_tile).collect();
    let tile_count = tiles.len();
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
        let lines: Vec<Line<'_>> = roadmap
            .lanes
            .iter()
            .flat_map(|lane| std::iter::once(Line::Lane(&lane.name, false)).chain(lane.bars.iter().map(Line::Bar)))
            .collect();
        let mut i = 0;
        let mut first_page = true;
        while i < lines.len() {
            if !first_page {
                doc.new_page(true);
            }
            // Axis header and legend.
            let x0 = doc.left();
            let plot_x = x0 + label_w;
            let y_top = doc.y;
            {
                let page = doc.page();
                let items: Vec<(&str, Rgb8)> = BarStatus::ALL.iter().map(|s| (s.label(), color(*s))).collect();
                legend(page, fonts, plot_x, y_top + 7.0, &items);
                if !tile_caption.is_empty() || !first_page {
                    let cont = if first_page {
                        tile_caption.clone()
                    } else {
                        format!("{tile_caption} continued").trim().to_owned()
                    };
                    let cont = if cont.is_empty() { "continued".to_owned() } else { cont };
                    page.text_in(
                        fonts,
                        x0,
                        label_w - 10.0,
                        y_top + 7.0,
                        8.0,
                        Style::Italic,
                        ink::MUTED,
                        Align::Left,
                        &cont,
                    );
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
                            page.text_in(
                                fonts,
                                qx,
                                3.0 * mw,
                                ay + 25.0,
                                6.5,
                                Style::Regular,
                                ink::MUTED,
                                Align::Center,
                                &format!("Q{}", q + 1),
                            );
                        }
                    }
                }
                page.line(
                    x0,
                    y_top + AXIS_H + 2.0,
                    plot_x + months as f32 * mw,
                    y_top + AXIS_H + 2.0,
                    ink::NAVY,
                    0.8,
                    false,
                );
            }
            doc.y = y_top + AXIS_H + 10.0;
            let grid_top = doc.y;
            // Lines until the page is full.
            let mut continued_lane: Option<&str> = None;
            if !first_page {
                // Repeat the lane name of the bars continued from the previous page.
                continued_lane = lines[..i].iter().rev().find_map(|l| match l {
                    Line::Lane(name, _) => Some(*name),
                    Line::Bar(_) => None,
                });
            }
            if let (Some(name), Some(Line::Bar(_))) = (continued_lane, lines.get(i)) {
                draw_lane(doc, name, true, label_w, months as f32 * mw);
            }
            while i < lines.len() {
                let h = match lines[i] {
                    Line::Lane(..) => LANE + ROW,
                    Line::Bar(_) => ROW,
                };
                if doc.y + h > doc.bottom() && doc.y > grid_top + LANE + ROW {
                    break;
                }
                match &lines[i] {
                    Line::Lane(name, cont) => draw_lane(doc, name, *cont, label_w, months as f32 * mw),
                    Line::Bar(bar) => {
                        let y = doc.y;
                        let page = doc.page();
                        let name_w = label_w - 66.0;
                        page.text_in(
                            fonts,
                            x0 + 6.0,
                            name_w,
                            y + 10.0,
                            8.0,
                            Style::Regular,
                            ink::TEXT,
                            Align::Left,
                            &bar.name,
                        );
                        page.text_in(
                            fonts,
                            x0 + name_w + 8.0,
                            56.0,
                            y + 10.0,
                            6.5,
                            Style::Regular,
                            ink::MUTED,
                            Align::Left,
                            &bar.dates,
                        );
                        let s = bar.start.max(from);
                        let e = (bar.end + 1).min(to);
                        if e > s {
                            let bx = plot_x + (s - from) as f32 * mw;
                            let bw = (e - s) as f32 * mw;
                            page.rect(bx, y + 3.5, bw, ROW - 7.0, color(bar.status));
                            // An arrow-like notch where the bar runs on beyond this tile.
                            if bar.end + 1 > to {
                                page.polygon(
                                    &[(bx + bw, y + 3.5), (bx + bw + 4.0, y + ROW / 2.0), (bx + bw, y + ROW - 3.5)],
                                    color(bar.status),
                                );
                            }
                            if bar.start < from {
                                page.polygon(
                                    &[(bx, y + 3.5), (bx - 4.0, y + ROW / 2.0), (bx, y + ROW - 3.5)],
                                    color(bar.status),
                                );
                            }
                        }
                        page.line(x0, y + ROW, plot_x + months as f32 * mw, y + ROW, ink::SHADE, 0.4, false);
                        doc.y += ROW;
                    }
                }
                i += 1;
            }
            // Year separators over the whole grid.
            let bottom = doc.y;
            let page = doc.page();
            for (_, start) in years.iter() {
                let xs = plot_x + (*start as i32 - from) as f32 * mw;
                page.line(xs, grid_top, xs, bottom, ink::RULE, 0.4, false);
            }
            let xe = plot_x + months as f32 * mw;
            page.line(xe, grid_top, xe, bottom, ink::RULE, 0.4, false);
            first_page = false;
        }
    }
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

//! Drawing on a page in points from the top-left corner, the way a layout thinks; PDF's origin is
//! bottom-left, and this is the one place that converts.

use printpdf::{
    Color, FontId, Line, LineDashPattern, LinePoint, Op, PaintMode, PdfFontHandle, Point, Polygon, PolygonRing, Pt,
    Rect, Rgb, TextItem, TextMatrix, WindingOrder,
};

use crate::fonts::{Fonts, MISSING_PAD, Source, Style};

/// Millimetres to points.
pub(crate) fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

/// A colour as 0–255 components.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rgb8(pub u8, pub u8, pub u8);

impl Rgb8 {
    fn color(self) -> Color {
        Color::Rgb(Rgb {
            r: f32::from(self.0) / 255.0,
            g: f32::from(self.1) / 255.0,
            b: f32::from(self.2) / 255.0,
            icc_profile: None,
        })
    }
}

/// The palette: one ink blue, greys, a muted red for negatives, and a few series colours.
pub(crate) mod ink {
    use super::Rgb8;
    /// Headings, the first series.
    pub const NAVY: Rgb8 = Rgb8(0x1B, 0x36, 0x5D);
    /// The second series.
    pub const STEEL: Rgb8 = Rgb8(0x7A, 0x9C, 0xC6);
    /// The third series, accents.
    pub const TEAL: Rgb8 = Rgb8(0x2A, 0x7F, 0x86);
    /// Body text.
    pub const TEXT: Rgb8 = Rgb8(0x22, 0x26, 0x2E);
    /// Secondary text.
    pub const MUTED: Rgb8 = Rgb8(0x6B, 0x72, 0x80);
    /// Rules.
    pub const RULE: Rgb8 = Rgb8(0xC9, 0xCE, 0xD6);
    /// Shading of bands and header rows.
    pub const SHADE: Rgb8 = Rgb8(0xF1, 0xF3, 0xF6);
    /// Negative values, warnings.
    pub const RED: Rgb8 = Rgb8(0xA9, 0x3A, 0x32);
    /// Amber: on hold, caution.
    pub const AMBER: Rgb8 = Rgb8(0xC8, 0x8A, 0x1E);
    /// Green: done, positive.
    pub const GREEN: Rgb8 = Rgb8(0x3C, 0x7A, 0x4A);
    /// Text on dark fills.
    pub const WHITE: Rgb8 = Rgb8(0xFF, 0xFF, 0xFF);
}

/// Horizontal alignment of text in a box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right (figures).
    Right,
}

/// One page's drawing operations.
pub(crate) struct Page {
    /// Width in points.
    pub w: f32,
    /// Height in points.
    pub h: f32,
    /// The operations so far.
    pub ops: Vec<Op>,
}

fn pt(x: f32, y: f32) -> LinePoint {
    LinePoint { p: Point { x: Pt(x), y: Pt(y) }, bezier: false }
}

impl Page {
    pub(crate) fn new(w: f32, h: f32) -> Page {
        Page { w, h, ops: Vec::new() }
    }

    /// Text with its baseline at `y` from the top, starting at `x`. Characters the style's face
    /// lacks are drawn from the first fallback font that has them; those no font has are drawn
    /// as a boxed "?", so that a missing glyph is visible, never silently dropped.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn text(&mut self, fonts: &Fonts, x: f32, y: f32, size: f32, style: Style, color: Rgb8, text: &str) {
        let base = self.h - y;
        // The current run: its font (None: the style's face) and where it starts.
        let mut run = String::new();
        let mut run_font: Option<FontId> = None;
        let mut run_x = x;
        let mut cursor = x;
        let flush = |page: &mut Page, run: &mut String, font: &Option<FontId>, at: f32| {
            if run.is_empty() {
                return;
            }
            let font = font.clone().unwrap_or_else(|| fonts.id(style));
            page.ops.push(Op::StartTextSection);
            page.ops.push(Op::SetFillColor { col: color.color() });
            page.ops.push(Op::SetFont { font: PdfFontHandle::External(font), size: Pt(size) });
            page.ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(at), Pt(base)) });
            page.ops.push(Op::ShowText { items: vec![TextItem::Text(std::mem::take(run))] });
            page.ops.push(Op::EndTextSection);
        };
        for c in text.chars() {
            let c = if c.is_control() { ' ' } else { c };
            let w = fonts.char_width(style, c, size);
            let font = match fonts.source(style, c) {
                Source::Main => Some(None),
                Source::Fallback(k, _) => fonts.fallback_id(k).map(Some),
                Source::Missing => None,
            };
            match font {
                Some(font) => {
                    if font != run_font {
                        flush(self, &mut run, &run_font, run_x);
                        run_font = font;
                    }
                    if run.is_empty() {
                        run_x = cursor;
                    }
                    run.push(c);
                }
                None => {
                    flush(self, &mut run, &run_font, run_x);
                    let pad = MISSING_PAD * size;
                    self.rect_stroke(cursor + pad * 0.4, y - size * 0.78, w - pad * 0.8, size * 0.98, color, 0.5);
                    let mut q = String::from("?");
                    flush(self, &mut q, &None, cursor + pad);
                }
            }
            cursor += w;
        }
        flush(self, &mut run, &run_font, run_x);
    }

    /// Text aligned in a box of width `w` starting at `x`, cut with an ellipsis when too long.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn text_in(
        &mut self,
        fonts: &Fonts,
        x: f32,
        w: f32,
        y: f32,
        size: f32,
        style: Style,
        color: Rgb8,
        align: Align,
        text: &str,
    ) {
        let fitted = fonts.ellipsis(style, text, size, w);
        let tw = fonts.width(style, &fitted, size);
        let at = match align {
            Align::Left => x,
            Align::Center => x + (w - tw) / 2.0,
            Align::Right => x + w - tw,
        };
        self.text(fonts, at, y, size, style, color, &fitted);
    }

    fn rect_op(&mut self, x: f32, y: f32, w: f32, h: f32, mode: PaintMode) {
        if w <= 0.0 || h <= 0.0 {
            return;
        }
        self.ops.push(Op::DrawRectangle {
            rectangle: Rect {
                x: Pt(x),
                y: Pt(self.h - y - h),
                width: Pt(w),
                height: Pt(h),
                mode: Some(mode),
                winding_order: Some(WindingOrder::NonZero),
            },
        });
    }

    /// A filled rectangle with its top-left corner at (`x`, `y`).
    pub(crate) fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, fill: Rgb8) {
        self.ops.push(Op::SetFillColor { col: fill.color() });
        self.rect_op(x, y, w, h, PaintMode::Fill);
    }

    /// An outlined rectangle.
    pub(crate) fn rect_stroke(&mut self, x: f32, y: f32, w: f32, h: f32, color: Rgb8, width: f32) {
        self.ops.push(Op::SetOutlineColor { col: color.color() });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(width) });
        self.ops.push(Op::SetLineDashPattern { dash: LineDashPattern::solid() });
        self.rect_op(x, y, w, h, PaintMode::Stroke);
    }

    /// A straight line; dashed when asked.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn line(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, color: Rgb8, width: f32, dashed: bool) {
        self.polyline(&[(x1, y1), (x2, y2)], color, width, dashed);
    }

    /// Connected straight segments.
    pub(crate) fn polyline(&mut self, points: &[(f32, f32)], color: Rgb8, width: f32, dashed: bool) {
        if points.len() < 2 {
            return;
        }
        self.ops.push(Op::SetOutlineColor { col: color.color() });
        self.ops.push(Op::SetOutlineThickness { pt: Pt(width) });
        let dash = if dashed { LineDashPattern::new(0.0, &[2.5, 2.0]) } else { LineDashPattern::solid() };
        self.ops.push(Op::SetLineDashPattern { dash });
        let h = self.h;
        self.ops.push(Op::DrawLine {
            line: Line { points: points.iter().map(|&(x, y)| pt(x, h - y)).collect(), is_closed: false },
        });
        if dashed {
            self.ops.push(Op::SetLineDashPattern { dash: LineDashPattern::solid() });
        }
    }

    /// A filled polygon (e.g. a marker).
    pub(crate) fn polygon(&mut self, points: &[(f32, f32)], fill: Rgb8) {
        self.ops.push(Op::SetFillColor { col: fill.color() });
        let h = self.h;
        self.ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing { points: points.iter().map(|&(x, y)| pt(x, h - y)).collect() }],
                mode: PaintMode::Fill,
                winding_order: WindingOrder::NonZero,
            },
        });
    }
}

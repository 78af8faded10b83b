//! The pack's typeface, Source Sans 3 (SIL Open Font License, `fonts/OFL.txt`), embedded and
//! subset by printpdf; measured here with ttf-parser, because printpdf has no text measurement.
//!
//! printpdf applies no kerning or shaping to plain text, so the sum of the glyphs' advances is
//! exactly the width it draws. A character the font lacks is drawn as a boxed "?" of known
//! width (see `canvas`), so measuring counts it as that.

use printpdf::{FontId, ParsedFont, PdfDocument};
use ttf_parser::Face;

use crate::ReportError;

static REGULAR: &[u8] = include_bytes!("../fonts/SourceSans3-Regular.ttf");
static SEMIBOLD: &[u8] = include_bytes!("../fonts/SourceSans3-SemiBold.ttf");
static ITALIC: &[u8] = include_bytes!("../fonts/SourceSans3-Italic.ttf");

/// A weight or slant of the typeface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Style {
    /// Body text.
    Regular,
    /// Headings, totals (the family's SemiBold: bold without shouting).
    Bold,
    /// Notes and captions.
    Italic,
}

struct Loaded {
    face: Face<'static>,
    id: FontId,
    units_per_em: f32,
    /// Advance of '?' in font units, for substituted glyphs.
    question: f32,
}

/// The three faces, parsed for measuring and registered with the document.
pub(crate) struct Fonts {
    faces: [Loaded; 3],
}

/// Extra width around a substituted glyph's "?", as a fraction of the font size.
pub(crate) const MISSING_PAD: f32 = 0.12;

impl Fonts {
    /// Parses the embedded faces and adds them to the document.
    pub(crate) fn load(doc: &mut PdfDocument) -> Result<Fonts, ReportError> {
        let load = |bytes: &'static [u8], name: &str, doc: &mut PdfDocument| -> Result<Loaded, ReportError> {
            let face = Face::parse(bytes, 0).map_err(|e| ReportError::Font(format!("{name}: {e}")))?;
            let mut warnings = Vec::new();
            let parsed = ParsedFont::from_bytes(bytes, 0, &mut warnings)
                .ok_or_else(|| ReportError::Font(format!("{name}: printpdf cannot read the font")))?;
            let id = doc.add_font(&parsed);
            let units_per_em = f32::from(face.units_per_em().max(1));
            let question =
                face.glyph_index('?').and_then(|g| face.glyph_hor_advance(g)).map_or(units_per_em / 2.0, f32::from);
            Ok(Loaded { face, id, units_per_em, question })
        };
        Ok(Fonts {
            faces: [
                load(REGULAR, "Source Sans 3 Regular", doc)?,
                load(SEMIBOLD, "Source Sans 3 SemiBold", doc)?,
                load(ITALIC, "Source Sans 3 Italic", doc)?,
            ],
        })
    }

    fn get(&self, style: Style) -> &Loaded {
        match style {
            Style::Regular => &self.faces[0],
            Style::Bold => &self.faces[1],
            Style::Italic => &self.faces[2],
        }
    }

    /// The document's id of a face.
    pub(crate) fn id(&self, style: Style) -> FontId {
        self.get(style).id.clone()
    }

    /// Whether the face has a glyph for `c`.
    pub(crate) fn has(&self, style: Style, c: char) -> bool {
        self.get(style).face.glyph_index(c).is_some()
    }

    /// The width of one character in points, a substituted one included.
    pub(crate) fn char_width(&self, style: Style, c: char, size: f32) -> f32 {
        let f = self.get(style);
        match f.face.glyph_index(c) {
            Some(g) => f32::from(f.face.glyph_hor_advance(g).unwrap_or(0)) * size / f.units_per_em,
            None => f.question * size / f.units_per_em + 2.0 * MISSING_PAD * size,
        }
    }

    /// The width of a run of text in points.
    pub(crate) fn width(&self, style: Style, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.char_width(style, c, size)).sum()
    }

    /// The text cut to fit `max` points, ending in "…" when cut.
    pub(crate) fn ellipsis(&self, style: Style, text: &str, size: f32, max: f32) -> String {
        if self.width(style, text, size) <= max {
            return text.to_owned();
        }
        let dots = self.char_width(style, '…', size);
        let mut out = String::new();
        let mut used = 0.0;
        for c in text.chars() {
            let w = self.char_width(style, c, size);
            if used + w + dots > max {
                break;
            }
            used += w;
            out.push(c);
        }
        let trimmed = out.trim_end().to_owned();
        format!("{trimmed}…")
    }

    /// Lines of at most `max` points, broken at spaces; a word longer than a line is broken
    /// where it must be. At most `max_lines` lines, the last ending in "…" when text is left.
    pub(crate) fn wrap(&self, style: Style, text: &str, size: f32, max: f32, max_lines: usize) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut line = String::new();
        let space = self.char_width(style, ' ', size);
        let mut line_w = 0.0;
        for word in text.split_whitespace() {
            let w = self.width(style, word, size);
            if !line.is_empty() && line_w + space + w <= max {
                line.push(' ');
                line.push_str(word);
                line_w += space + w;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if w <= max {
                line.push_str(word);
                line_w = w;
            } else {
                // Break an over-long word by characters.
                line_w = 0.0;
                for c in word.chars() {
                    let cw = self.char_width(style, c, size);
                    if line_w + cw > max && !line.is_empty() {
                        lines.push(std::mem::take(&mut line));
                        line_w = 0.0;
                    }
                    line.push(c);
                    line_w += cw;
                }
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        if lines.len() > max_lines.max(1) {
            let keep = max_lines.max(1);
            let rest = lines[keep - 1..].join(" ");
            lines.truncate(keep - 1);
            lines.push(self.ellipsis(style, &rest, size, max));
        }
        lines
    }
}

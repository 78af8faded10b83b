//! The pack's typeface, Source Sans 3 (SIL Open Font License, `fonts/OFL.txt`), embedded and
//! subset by printpdf; measured here with ttf-parser, because printpdf has no text measurement.
//!
//! printpdf applies no kerning or shaping to plain text, so the sum of the glyphs' advances is
//! exactly the width it draws. A character Source Sans 3 lacks (CJK, emoji) is drawn from the
//! first fallback font that has it ([`crate::FallbackFont`], found by the caller among the
//! system's fonts), embedded and subset the same way; only when none has it is it drawn as a
//! boxed "?" of known width (see `canvas`), and measuring counts it as that. The characters no
//! font had are recorded, so the caller can learn which ones to look for.

use std::cell::RefCell;
use std::collections::{BTreeMap, BTreeSet};

use printpdf::{FontId, ParsedFont, PdfDocument};
use ttf_parser::Face;

use crate::ReportError;
use crate::input::FallbackFont;

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

/// A fallback face registered with the document. It is parsed again only to look up a character
/// not seen before (its bytes belong to the input, so no parsed face is kept).
struct Fallback {
    font: FallbackFont,
    id: FontId,
}

/// Where a character is drawn from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Source {
    /// The face of the style asked for.
    Main,
    /// The fallback font of this index, with the glyph's advance as a fraction of the size.
    Fallback(usize, f32),
    /// No font has it: a boxed "?".
    Missing,
}

/// The three faces, parsed for measuring and registered with the document, and the fallbacks.
pub(crate) struct Fonts {
    faces: [Loaded; 3],
    fallbacks: Vec<Fallback>,
    /// Characters the main faces lack, by where they are drawn from (looked up once each).
    lookups: RefCell<BTreeMap<char, Source>>,
}

/// Extra width around a substituted glyph's "?", as a fraction of the font size.
pub(crate) const MISSING_PAD: f32 = 0.12;

impl Fonts {
    /// Parses the embedded faces and adds them to the document, with the fallbacks (a fallback
    /// that cannot be read is an error: the caller offered it as a font).
    pub(crate) fn load(doc: &mut PdfDocument, fallbacks: &[FallbackFont]) -> Result<Fonts, ReportError> {
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
        let faces = [
            load(REGULAR, "Source Sans 3 Regular", doc)?,
            load(SEMIBOLD, "Source Sans 3 SemiBold", doc)?,
            load(ITALIC, "Source Sans 3 Italic", doc)?,
        ];
        let mut loaded = Vec::with_capacity(fallbacks.len());
        for f in fallbacks {
            Face::parse(&f.bytes, f.index).map_err(|e| ReportError::Font(format!("{}: {e}", f.name)))?;
            let mut warnings = Vec::new();
            let parsed = ParsedFont::from_bytes(&f.bytes, f.index as usize, &mut warnings)
                .ok_or_else(|| ReportError::Font(format!("{}: printpdf cannot read the font", f.name)))?;
            loaded.push(Fallback { font: f.clone(), id: doc.add_font(&parsed) });
        }
        Ok(Fonts { faces, fallbacks: loaded, lookups: RefCell::new(BTreeMap::new()) })
    }

    /// Where `c` is drawn from in `style`: the face itself, the first fallback that has it, or
    /// nowhere.
    pub(crate) fn source(&self, style: Style, c: char) -> Source {
        if self.get(style).face.glyph_index(c).is_some() {
            return Source::Main;
        }
        if let Some(s) = self.lookups.borrow().get(&c) {
            return *s;
        }
        let found = self.fallbacks.iter().enumerate().find_map(|(k, f)| {
            let face = Face::parse(&f.font.bytes, f.font.index).ok()?;
            let g = face.glyph_index(c)?;
            let em = f32::from(face.units_per_em().max(1));
            Some(Source::Fallback(k, f32::from(face.glyph_hor_advance(g).unwrap_or(0)) / em))
        });
        let source = found.unwrap_or(Source::Missing);
        self.lookups.borrow_mut().insert(c, source);
        source
    }

    /// The characters drawn so far that no font had (each drawn as a boxed "?").
    pub(crate) fn missing(&self) -> BTreeSet<char> {
        // A control character is drawn as a space, never looked for in another font.
        self.lookups
            .borrow()
            .iter()
            .filter(|(c, s)| **s == Source::Missing && !c.is_control())
            .map(|(c, _)| *c)
            .collect()
    }

    /// The document's id of a fallback font.
    pub(crate) fn fallback_id(&self, k: usize) -> Option<FontId> {
        self.fallbacks.get(k).map(|f| f.id.clone())
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

    /// The width of one character in points, from a fallback or substituted ones included.
    pub(crate) fn char_width(&self, style: Style, c: char, size: f32) -> f32 {
        let f = self.get(style);
        if let Some(g) = f.face.glyph_index(c) {
            return f32::from(f.face.glyph_hor_advance(g).unwrap_or(0)) * size / f.units_per_em;
        }
        match self.source(style, c) {
            Source::Fallback(_, advance) => advance * size,
            Source::Main | Source::Missing => f.question * size / f.units_per_em + 2.0 * MISSING_PAD * size,
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

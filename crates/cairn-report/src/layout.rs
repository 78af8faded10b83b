//! Page flow: margins, page breaks, headings, paragraphs, tables that split across pages with
//! their header row repeated, the table of contents, and the header and footer of every page
//! (written last, once the page count is known, for "Page X of Y").

use crate::canvas::{Align, Page, Rgb8, ink, mm};
use crate::fonts::{Fonts, Style};

/// Left and right margin.
pub(crate) const MARGIN: f32 = 56.7; // 20 mm
/// Where content starts below the header.
pub(crate) const TOP: f32 = 68.0; // 24 mm
/// Space kept above the bottom edge for the footer.
const BOTTOM: f32 = 62.4; // 22 mm

/// The fewest rows of a table on either side of a page break: a table of fewer than twice as
/// many is never split (unless it is longer than a page).
pub(crate) const MIN_ROWS: usize = 3;
/// Height of a small heading inside a section.
pub(crate) const HEADING_H: f32 = 19.0;

/// A table cell's inner margin, left and right.
const TABLE_PAD: f32 = 4.0;

/// What [`Doc::measure_table`] finds.
struct TableMeasure {
    titles: Vec<Vec<String>>,
    header_h: f32,
    measured: Vec<(Vec<Vec<String>>, f32)>,
}

/// Body text size.
pub(crate) const BODY: f32 = 9.5;
/// Table text size.
pub(crate) const SMALL: f32 = 8.5;

/// A table of contents entry.
pub(crate) struct TocEntry {
    /// "3", "5.2".
    pub number: String,
    /// The title.
    pub title: String,
    /// 1 for sections, 2 for their parts.
    pub level: u8,
    /// Index of the page it starts on.
    pub page: usize,
}

/// A table column.
pub(crate) struct Col {
    pub title: String,
    pub width: f32,
    pub align: Align,
    /// Lines a cell may wrap to; 1 cuts it with an ellipsis.
    pub lines: usize,
}

impl Col {
    /// A column whose cells are cut to one line.
    pub(crate) fn new(title: impl Into<String>, width: f32, align: Align) -> Col {
        Col { title: title.into(), width, align, lines: 1 }
    }

    /// A column whose cells wrap to up to `lines` lines.
    pub(crate) fn wrapping(title: impl Into<String>, width: f32, lines: usize) -> Col {
        Col { title: title.into(), width, align: Align::Left, lines }
    }
}

/// A table row.
pub(crate) struct Row {
    pub cells: Vec<String>,
    /// A total: bold, with a rule above.
    pub strong: bool,
}

impl Row {
    pub(crate) fn new(cells: Vec<String>) -> Row {
        Row { cells, strong: false }
    }

    pub(crate) fn strong(cells: Vec<String>) -> Row {
        Row { cells, strong: true }
    }
}

/// What a page is for. The cover, the contents and a section's opening page may be short by
/// design; a continuation page exists only because content flowed onto it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageRole {
    /// The cover.
    Cover,
    /// A page of the contents.
    Contents,
    /// The first page of a section or of a part (a business case).
    Opening,
    /// A page the content flowed onto.
    Continuation,
}

/// One page as the layout left it.
#[derive(Debug, Clone, PartialEq)]
pub struct PageTrace {
    /// What it is for.
    pub role: PageRole,
    /// Landscape (the roadmap's timeline).
    pub landscape: bool,
    /// How much of the space between header and footer the content takes, 0 to 1.
    pub fill: f32,
}

/// A table continued on the next page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableBreak {
    /// The index of the page the table continues on.
    pub page: usize,
    /// The table's rows.
    pub rows: usize,
    /// Its rows on the page before the break.
    pub above: usize,
    /// Its rows on the page after the break.
    pub below: usize,
}

/// What the layout decided: every page's role and fill, every table's page breaks.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LayoutTrace {
    /// One per page, in order.
    pub pages: Vec<PageTrace>,
    /// One per page break inside a table.
    pub breaks: Vec<TableBreak>,
}

/// A heading waiting for the block it heads: drawn where that block goes, so a heading never
/// ends a page.
struct Pending {
    text: String,
}

/// The document being laid out.
pub(crate) struct Doc<'f> {
    pub fonts: &'f Fonts,
    /// Portrait page size in points.
    pub portrait: (f32, f32),
    pub pages: Vec<Page>,
    /// Where the next block goes, from the top of the current page.
    pub y: f32,
    pub toc: Vec<TocEntry>,
    landscape: bool,
    /// Per page: its role, and how far down its content reaches.
    roles: Vec<(PageRole, f32)>,
    breaks: Vec<TableBreak>,
    pending: Option<Pending>,
}

impl<'f> Doc<'f> {
    pub(crate) fn new(fonts: &'f Fonts, portrait: (f32, f32)) -> Doc<'f> {
        Doc {
            fonts,
            portrait,
            pages: Vec::new(),
            y: TOP,
            toc: Vec::new(),
            landscape: false,
            roles: Vec::new(),
            breaks: Vec::new(),
            pending: None,
        }
    }

    /// Starts a page, portrait or landscape, that content flows onto.
    pub(crate) fn new_page(&mut self, landscape: bool) {
        self.new_page_as(landscape, PageRole::Continuation);
    }

    /// Starts a page with its role.
    pub(crate) fn new_page_as(&mut self, landscape: bool, role: PageRole) {
        self.close_page();
        let role = if self.pages.is_empty() { PageRole::Cover } else { role };
        let (w, h) = if landscape { (self.portrait.1, self.portrait.0) } else { self.portrait };
        self.pages.push(Page::new(w, h));
        self.roles.push((role, TOP));
        self.landscape = landscape;
        self.y = TOP;
    }

    /// Records how far down the current page's content reaches.
    fn close_page(&mut self) {
        let y = self.y;
        if let Some(last) = self.roles.last_mut() {
            last.1 = last.1.max(y);
        }
    }

    /// What the layout decided so far (the pages as they stand).
    pub(crate) fn trace(&mut self) -> LayoutTrace {
        self.flush_heading();
        self.close_page();
        let pages = self
            .pages
            .iter()
            .zip(&self.roles)
            .map(|(p, (role, used))| {
                let usable = (p.h - BOTTOM - TOP).max(1.0);
                PageTrace { role: *role, landscape: p.w > p.h, fill: ((used - TOP) / usable).clamp(0.0, 1.0) }
            })
            .collect();
        LayoutTrace { pages, breaks: self.breaks.clone() }
    }

    /// The current page.
    pub(crate) fn page(&mut self) -> &mut Page {
        if self.pages.is_empty() {
            self.new_page(false);
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// The index of the current page.
    pub(crate) fn page_index(&self) -> usize {
        self.pages.len().saturating_sub(1)
    }

    fn size(&self) -> (f32, f32) {
        if self.landscape { (self.portrait.1, self.portrait.0) } else { self.portrait }
    }

    pub(crate) fn left(&self) -> f32 {
        MARGIN
    }

    pub(crate) fn width(&self) -> f32 {
        self.size().0 - 2.0 * MARGIN
    }

    pub(crate) fn bottom(&self) -> f32 {
        self.size().1 - BOTTOM
    }

    /// The space below the cursor on this page, less what a waiting heading takes.
    pub(crate) fn room(&self) -> f32 {
        let heading = if self.pending.is_some() { HEADING_H } else { 0.0 };
        self.bottom() - self.y - heading
    }

    /// Makes room for a block of `h` points that is about to be drawn: breaks the page unless it
    /// fits below the cursor (with a waiting heading, which is drawn now above it).
    pub(crate) fn ensure(&mut self, h: f32) {
        let heading = if self.pending.is_some() { HEADING_H } else { 0.0 };
        if self.y + heading + h > self.bottom() && self.y > TOP + 1.0 {
            let landscape = self.landscape;
            self.new_page(landscape);
        }
        self.draw_heading();
    }

    /// Breaks the page now when the next `h` points (a group of blocks measured together: a
    /// chart and the one after it) do not fit below the cursor but fit on a page, so that the
    /// last of them is not left alone on a page of its own.
    pub(crate) fn keep_together(&mut self, h: f32) {
        let heading = if self.pending.is_some() { HEADING_H } else { 0.0 };
        let fits_a_page = heading + h <= self.bottom() - TOP;
        if self.y + heading + h > self.bottom() && fits_a_page && self.y > TOP + 1.0 {
            let landscape = self.landscape;
            self.new_page(landscape);
        }
    }

    /// A part of a section may start on the current page, below what is there, when at least
    /// this share of the page is free; otherwise it starts a page.
    const PART_ON_SAME_PAGE: f32 = 0.5;

    /// The height a chart gets: `preferred` when it fits below the cursor with `extra` points
    /// of what goes with it (a caption); else as much as fits there, down to `least`, rather
    /// than leaving the space empty and taking a page for itself; else `preferred` on the next
    /// page.
    pub(crate) fn chart_height(&self, preferred: f32, least: f32, extra: f32) -> f32 {
        let room = self.room() - extra;
        if room >= preferred || room < least { preferred } else { room.floor() }
    }

    /// Draws a waiting heading at the cursor.
    fn draw_heading(&mut self) {
        let Some(p) = self.pending.take() else { return };
        let fonts = self.fonts;
        let (x, w) = (self.left(), self.width());
        let y = self.y + 11.0;
        self.page().text_in(fonts, x, w, y, 11.0, Style::Bold, ink::NAVY, Align::Left, &p.text);
        self.y = y + 8.0;
    }

    /// Draws a heading that nothing followed (the end of a section), with the line it needs.
    pub(crate) fn flush_heading(&mut self) {
        if self.pending.is_some() {
            self.ensure(BODY * 1.35);
        }
    }

    /// A section's opening: a new page, its number and title, an entry in the contents.
    pub(crate) fn section(&mut self, number: usize, title: &str, landscape: bool) {
        self.flush_heading();
        self.new_page_as(landscape, PageRole::Opening);
        self.toc.push(TocEntry {
            number: number.to_string(),
            title: title.to_owned(),
            level: 1,
            page: self.page_index(),
        });
        self.title_block(&number.to_string(), title, 20.0);
    }

    /// A part of a section (a business case) and its level-2 contents entry: on a new page,
    /// or below the section's opening when that leaves most of the page empty (a short overview
    /// is not a page of its own).
    pub(crate) fn part(&mut self, number: &str, title: &str) {
        self.flush_heading();
        let usable = self.bottom() - TOP;
        let free = (self.bottom() - self.y) / usable;
        let opening = self.roles.last().is_some_and(|r| r.0 == PageRole::Opening);
        if opening && free >= Self::PART_ON_SAME_PAGE && !self.landscape {
            self.y += 8.0;
        } else {
            self.new_page_as(false, PageRole::Opening);
        }
        self.toc.push(TocEntry {
            number: number.to_owned(),
            title: title.to_owned(),
            level: 2,
            page: self.page_index(),
        });
        self.title_block(number, title, 16.0);
    }

    /// A page of its own within a part (a business case's economic case): a new page opened by
    /// `title` under the part's `number`, with no entry of its own in the contents.
    pub(crate) fn part_page(&mut self, number: &str, title: &str) {
        self.flush_heading();
        self.new_page_as(false, PageRole::Opening);
        self.title_block(number, title, 14.0);
    }

    fn title_block(&mut self, number: &str, title: &str, size: f32) {
        let fonts = self.fonts;
        let (x, w) = (self.left(), self.width());
        let num_w = fonts.width(Style::Bold, number, size) + 10.0;
        let lines = fonts.wrap(Style::Bold, title, size, w - num_w, 3);
        let y0 = self.y + size;
        let page = self.page();
        page.text(fonts, x, y0, size, Style::Bold, ink::STEEL, number);
        for (i, line) in lines.iter().enumerate() {
            page.text(fonts, x + num_w, y0 + i as f32 * size * 1.2, size, Style::Bold, ink::NAVY, line);
        }
        let bottom = y0 + (lines.len().max(1) - 1) as f32 * size * 1.2 + 8.0;
        page.line(x, bottom, x + w, bottom, ink::NAVY, 0.8, false);
        self.y = bottom + 14.0;
    }

    /// A small heading inside a section. It is drawn with the block that follows it, which
    /// measures itself first (keep-with-next): a heading never ends a page.
    pub(crate) fn subheading(&mut self, text: &str) {
        self.flush_heading();
        self.pending = Some(Pending { text: text.to_owned() });
    }

    /// Wrapped text; its first two lines stay together (and with a heading above them).
    pub(crate) fn paragraph(&mut self, text: &str, size: f32, style: Style, color: Rgb8) {
        let fonts = self.fonts;
        let (x, w) = (self.left(), self.width());
        let lead = size * 1.35;
        let lines = fonts.wrap(style, text, size, w, 40);
        self.ensure(lead * lines.len().min(2) as f32);
        for line in lines {
            self.ensure(lead);
            let y = self.y + size;
            self.page().text(fonts, x, y, size, style, color, &line);
            self.y += lead;
        }
        self.y += size * 0.5;
    }

    /// The one line a section prints when it has nothing to show.
    pub(crate) fn absent(&mut self, text: &str) {
        self.paragraph(text, BODY, Style::Italic, ink::MUTED);
    }

    /// The height [`Doc::bullets`] takes for `items` below a subheading, on one page.
    pub(crate) fn headed_bullets_height(&self, items: &[String]) -> f32 {
        let lead = BODY * 1.35;
        let w = self.width();
        let lines: usize =
            items.iter().map(|item| self.fonts.wrap(Style::Regular, item, BODY, w - 12.0, 12).len()).sum();
        HEADING_H + lead * lines as f32 + 3.0 * items.len() as f32 + 4.0
    }

    /// A bulleted list.
    pub(crate) fn bullets(&mut self, items: &[String]) {
        let fonts = self.fonts;
        let (x, w) = (self.left(), self.width());
        let lead = BODY * 1.35;
        for item in items {
            let lines = fonts.wrap(Style::Regular, item, BODY, w - 12.0, 12);
            self.ensure(lead * lines.len().min(3) as f32);
            for (i, line) in lines.iter().enumerate() {
                self.ensure(lead);
                let y = self.y + BODY;
                let page = self.page();
                if i == 0 {
                    page.rect(x + 2.0, y - BODY * 0.42, 3.0, 3.0, ink::NAVY);
                }
                page.text(fonts, x + 12.0, y, BODY, Style::Regular, ink::TEXT, line);
                self.y += lead;
            }
            self.y += 3.0;
        }
        self.y += 4.0;
    }

    /// Vertical space.
    pub(crate) fn gap(&mut self, h: f32) {
        self.y += h;
    }

    /// A table; rows that do not fit go to the next page under a repeated header row. Columns
    /// with `lines > 1` wrap, their titles on up to three lines (the last line cut with an
    /// ellipsis); other cells are cut. The table is measured before it is drawn: its header
    /// stays with its first [`MIN_ROWS`] rows (a table of fewer than twice as many is kept
    /// whole), and a page break never leaves fewer than [`MIN_ROWS`] of its rows on either side.
    /// A table's measure before it is drawn: each column's title lines, the header's height, and
    /// each row's cell lines and height.
    fn measure_table(&self, cols: &[Col], rows: &[Row]) -> TableMeasure {
        let fonts = self.fonts;
        let (size, lead, pad) = (SMALL, SMALL * 1.25, TABLE_PAD);
        let titles: Vec<Vec<String>> = cols
            .iter()
            .map(|c| {
                if c.lines > 1 {
                    fonts.wrap(Style::Bold, &c.title, size - 0.5, c.width - 2.0 * pad, c.lines.min(3))
                } else {
                    vec![c.title.clone()]
                }
            })
            .collect();
        let title_lines = titles.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let header_h = size + 9.0 + (title_lines - 1) as f32 * lead;
        // Every row's cell lines and height, measured before anything is drawn.
        let measured: Vec<(Vec<Vec<String>>, f32)> = rows
            .iter()
            .map(|row| {
                let style = if row.strong { Style::Bold } else { Style::Regular };
                let cells: Vec<Vec<String>> = cols
                    .iter()
                    .enumerate()
                    .map(|(i, c)| {
                        let text = row.cells.get(i).map_or("", String::as_str);
                        if c.lines > 1 {
                            fonts.wrap(style, text, size, c.width - 2.0 * pad, c.lines)
                        } else {
                            vec![text.to_owned()]
                        }
                    })
                    .collect();
                let n = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
                (cells, n as f32 * lead + 6.0)
            })
            .collect();
        TableMeasure { titles, header_h, measured }
    }

    /// The height of a table drawn whole on one page.
    pub(crate) fn table_height(&self, cols: &[Col], rows: &[Row]) -> f32 {
        let m = self.measure_table(cols, rows);
        m.header_h + m.measured.iter().map(|r| r.1).sum::<f32>()
    }

    /// The height of [`Doc::paragraph`]'s text, on one page.
    pub(crate) fn paragraph_height(&self, text: &str, size: f32, style: Style) -> f32 {
        let lines = self.fonts.wrap(style, text, size, self.width(), 40);
        size * 1.35 * lines.len() as f32 + size * 0.5
    }

    pub(crate) fn table(&mut self, cols: &[Col], rows: &[Row]) {
        let fonts = self.fonts;
        let size = SMALL;
        let lead = size * 1.25;
        let pad = TABLE_PAD;
        let TableMeasure { titles, header_h, measured } = self.measure_table(cols, rows);
        let total_w: f32 = cols.iter().map(|c| c.width).sum();
        let x0 = self.left();
        let heights: Vec<f32> = measured.iter().map(|m| m.1).collect();
        let draw_header = |doc: &mut Doc<'_>| {
            let y = doc.y;
            let page = doc.page();
            let mut x = x0;
            for (c, lines) in cols.iter().zip(&titles) {
                let w = c.width - 2.0 * pad;
                for (k, line) in lines.iter().enumerate() {
                    let base = y + size + 2.0 + k as f32 * lead;
                    page.text_in(fonts, x + pad, w, base, size - 0.5, Style::Bold, ink::MUTED, c.align, line);
                }
                x += c.width;
            }
            page.line(x0, y + header_h, x0 + total_w, y + header_h, ink::NAVY, 0.8, false);
            doc.y += header_h;
        };
        // The header and the first rows go together (a short table whole).
        let first = if rows.len() < 2 * MIN_ROWS { rows.len() } else { MIN_ROWS };
        let usable = self.bottom() - TOP - HEADING_H;
        self.ensure((header_h + heights[..first].iter().sum::<f32>()).min(usable));
        let breaks = table_breaks(&heights, self.y + header_h, self.bottom(), TOP + header_h);
        let mut from = 0;
        for (k, b) in breaks.iter().enumerate() {
            let next = breaks.get(k + 1).copied().unwrap_or(rows.len());
            self.breaks.push(TableBreak {
                page: self.pages.len() + k,
                rows: rows.len(),
                above: b - from,
                below: next - b,
            });
            from = *b;
        }
        draw_header(self);
        for (i, (row, (cells, h))) in rows.iter().zip(&measured).enumerate() {
            if breaks.contains(&i) {
                let landscape = self.landscape;
                self.new_page(landscape);
                draw_header(self);
            }
            let style = if row.strong { Style::Bold } else { Style::Regular };
            let y = self.y;
            let page = self.page();
            if row.strong {
                page.line(x0, y, x0 + total_w, y, ink::TEXT, 0.6, false);
            }
            let mut x = x0;
            for (c, lines) in cols.iter().zip(cells) {
                let base = y + 3.0 + size;
                for (k, line) in lines.iter().enumerate() {
                    let color = if line.starts_with(crate::format::MINUS) { ink::RED } else { ink::TEXT };
                    let w = c.width - 2.0 * pad;
                    page.text_in(fonts, x + pad, w, base + k as f32 * lead, size, style, color, c.align, line);
                }
                x += c.width;
            }
            if !row.strong {
                page.line(x0, y + h, x0 + total_w, y + h, ink::RULE, 0.3, false);
            }
            self.y += h;
        }
        self.y += 10.0;
    }

    /// Fills the reserved contents pages.
    pub(crate) fn write_toc(&mut self, first_page: usize, pages: usize) {
        let fonts = self.fonts;
        let entries: Vec<(String, String, u8, usize)> =
            self.toc.iter().map(|e| (e.number.clone(), e.title.clone(), e.level, e.page)).collect();
        let per_page = toc_per_page(self.portrait.1);
        for (chunk_index, chunk) in entries.chunks(per_page.max(1)).enumerate() {
            if chunk_index >= pages {
                break;
            }
            let index = first_page + chunk_index;
            let Some(page) = self.pages.get_mut(index) else { break };
            let (x, w) = (MARGIN, page.w - 2.0 * MARGIN);
            let mut y = TOP;
            if chunk_index == 0 {
                page.text(fonts, x, y + 20.0, 20.0, Style::Bold, ink::NAVY, "Contents");
                page.line(x, y + 28.0, x + w, y + 28.0, ink::NAVY, 0.8, false);
                y += 46.0;
            }
            for (number, title, level, target) in chunk {
                let (size, style, indent, gap) =
                    if *level == 1 { (11.0, Style::Bold, 0.0, 8.0) } else { (9.5, Style::Regular, 22.0, 2.0) };
                y += gap;
                let page_text = (target + 1).to_string();
                let pw = fonts.width(style, &page_text, size);
                let title_x = x + indent + 24.0;
                let title_w = w - indent - 24.0 - pw - 16.0;
                let color = if *level == 1 { ink::NAVY } else { ink::TEXT };
                page.text(fonts, x + indent, y + size, size, style, ink::STEEL, number);
                let title = fonts.ellipsis(style, title, size, title_w);
                page.text(fonts, title_x, y + size, size, style, color, &title);
                let tw = fonts.width(style, &title, size);
                // Dotted leader from the title to the page number.
                let lead_from = title_x + tw + 4.0;
                let lead_to = x + w - pw - 4.0;
                if lead_to > lead_from {
                    page.line(lead_from, y + size, lead_to, y + size, ink::RULE, 0.6, true);
                }
                page.text(fonts, x + w - pw, y + size, size, style, color, &page_text);
                y += size * 1.45;
            }
        }
    }

    /// Writes every page's header and footer: plan name, label, "Page X of Y".
    pub(crate) fn header_footer(&mut self, plan: &str, label: &str, left_note: &str) {
        let fonts = self.fonts;
        let total = self.pages.len();
        for (i, page) in self.pages.iter_mut().enumerate() {
            let (w, h) = (page.w, page.h);
            let (x, cw) = (MARGIN, w - 2.0 * MARGIN);
            let size = 7.5;
            // Header: plan name left, label right, hairline.
            let label_w = fonts.width(Style::Bold, label, size).min(cw * 0.45);
            page.text_in(fonts, x, cw - label_w - 12.0, mm(12.0), size, Style::Regular, ink::MUTED, Align::Left, plan);
            page.text_in(fonts, x + cw - label_w, label_w, mm(12.0), size, Style::Bold, ink::RED, Align::Right, label);
            page.line(x, mm(14.5), x + cw, mm(14.5), ink::RULE, 0.4, false);
            // Footer: hairline, note and label left, page right.
            let footer_y = h - mm(11.0);
            page.line(x, h - mm(15.5), x + cw, h - mm(15.5), ink::RULE, 0.4, false);
            let page_text = format!("Page {} of {}", i + 1, total);
            let pw = fonts.width(Style::Regular, &page_text, size);
            let note = if label.is_empty() { left_note.to_owned() } else { format!("{left_note}  ·  {label}") };
            page.text_in(fonts, x, cw - pw - 16.0, footer_y, size, Style::Regular, ink::MUTED, Align::Left, &note);
            page.text(fonts, x + cw - pw, footer_y, size, Style::Regular, ink::MUTED, &page_text);
        }
    }
}

/// Where a table of rows of these heights breaks: the indices of the rows that start a new
/// page. The first row goes at `y`; a page's rows end at `bottom`; a new page's rows start at
/// `top` (below the repeated header). A break that would leave fewer than [`MIN_ROWS`] rows
/// after it is moved up so that [`MIN_ROWS`] rows go over, as long as as many stay before it.
pub(crate) fn table_breaks(heights: &[f32], y: f32, bottom: f32, top: f32) -> Vec<usize> {
    let n = heights.len();
    let mut breaks = Vec::new();
    let mut y = y;
    let mut page_first = 0;
    let mut i = 0;
    while i < n {
        if y + heights[i] > bottom && i > page_first {
            let mut b = i;
            if n - b < MIN_ROWS && n >= 2 * MIN_ROWS {
                b = (n - MIN_ROWS).max(page_first + MIN_ROWS.min(i - page_first));
            }
            breaks.push(b);
            page_first = b;
            i = b;
            y = top;
        }
        y += heights[i];
        i += 1;
    }
    breaks
}

/// How many contents entries fit on a page of this height.
pub(crate) fn toc_per_page(height: f32) -> usize {
    let usable = height - TOP - BOTTOM - 46.0;
    ((usable / 24.0).floor() as usize).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (row heights, first row's y, page bottom, a new page's first row's y, expected breaks)
    type Case = (&'static [f32], f32, f32, f32, &'static [usize]);

    #[test]
    fn a_break_never_leaves_fewer_than_three_rows_on_either_side() {
        let cases: [Case; 6] = [
            // Everything fits: no break.
            (&[10.0; 5], 0.0, 100.0, 0.0, &[]),
            // Eight rows of 10 on a page of 70: the natural break (row 7) would leave one row
            // alone; three go over instead.
            (&[10.0; 8], 0.0, 70.0, 0.0, &[5]),
            // Two rows would be left: three go over.
            (&[10.0; 9], 0.0, 70.0, 0.0, &[6]),
            // Three or more left: the natural break stands.
            (&[10.0; 10], 0.0, 70.0, 0.0, &[7]),
            // Three pages; the last would hold one row.
            (&[10.0; 15], 0.0, 70.0, 0.0, &[7, 12]),
            // A row taller than a page still goes somewhere, and the table ends.
            (&[10.0, 200.0, 10.0], 0.0, 70.0, 0.0, &[1, 2]),
        ];
        for (heights, y, bottom, top, expected) in cases {
            assert_eq!(table_breaks(heights, y, bottom, top), expected, "{heights:?} on a page to {bottom}");
        }
    }
}

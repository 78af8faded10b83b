//! The board pack: a paginated, vector PDF of a plan, for the CIO to take to the board.
//!
//! - [`ReportInput`] is plain view data, already computed: the caller (`cairn-api`) evaluates
//!   business cases, compares scenarios and sums budgets, so this crate knows nothing of storage
//!   or of the engines. Sections without data say so in one line.
//! - [`render`] lays the pack out and returns the PDF's bytes: cover, contents with page
//!   numbers, executive summary, goals, the roadmap on landscape pages (tiled when it does not
//!   fit), budget, business cases, risk, sourcing studies, scenarios, appendix. Every page has a
//!   header and footer with the plan's name, the confidentiality label and "Page X of Y".
//! - [`format`] writes figures as the app does ("$1,234.50", "−$3.2M", "13.37 %").
//!
//! Text is set in Source Sans 3 (SIL Open Font License, in `fonts/`), embedded and subset; a
//! character it lacks is drawn from the caller's fallback fonts ([`ReportInput::fallback_fonts`],
//! found with [`missing_chars`]), and when none has it as a boxed "?", never dropped. Charts are
//! vector drawings. The PDF carries its language and a bookmark per section.
//! Like the other pure crates, this one does no I/O and reads no clock: the date is passed in.
//!
//! ```
//! use cairn_report::{CurrencyFormat, ReportInput, render};
//! let input = ReportInput::empty("IT Strategy", CurrencyFormat { code: "EUR".into(), minor_digits: 2 },
//!     chrono::NaiveDate::from_ymd_opt(2027, 3, 1).unwrap());
//! let pdf = render(&input).unwrap();
//! assert!(pdf.starts_with(b"%PDF"));
//! ```

mod canvas;
mod charts;
mod deck;
mod deck_draw;
mod fonts;
pub mod format;
mod input;
mod input_risk;
mod layout;
mod roadmap;
mod sections;
mod sections_economic;
mod sections_risk;
mod sections_scenarios;

pub use input::{
    AmountRow, BarStatus, BaselineView, BenefitRow, BudgetRow, BudgetSection, CaseSection, CurrencyFormat,
    EconomicView, FallbackFont, Figure, GoalView, Layout, NpvFigureView, OptionView, Paper, ReportInput, RiskView,
    RoadmapBar, RoadmapLane, RoadmapSection, ScenarioSection, SectionKind, SourcingSection, SpendKind, SummaryFinding,
    SummarySection, ThemeCeiling, TornadoView, VariantView, YearInvestment,
};
pub use input_risk::{
    BudgetConfidenceView, CaseCurveView, RegisterView, RiskSection, ScheduleView, TopRiskView, YearSpendView,
};

use printpdf::{
    ImageCompression, ImageOptimizationOptions, Mm, OffsetDateTime, PdfDocument, PdfPage, PdfSaveOptions, RawImage,
};

use crate::fonts::Fonts;
use crate::layout::{Doc, toc_per_page};
pub use crate::layout::{LayoutTrace, PageRole, PageTrace, TableBreak};

/// Why a pack cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    /// The embedded typeface could not be read (a build problem, not the user's).
    #[error("the report font cannot be loaded: {0}")]
    Font(String),
    /// The logo is not a PNG or JPEG image this crate can read.
    #[error("the logo cannot be read as a PNG or JPEG image: {0}")]
    Logo(String),
    /// The PDF could not be written out (in memory: a bug, not the user's).
    #[error("the PDF cannot be written: {0}")]
    Write(String),
}

impl ReportInput {
    /// A pack with every section and no data: each section says what is missing.
    pub fn empty(plan_name: &str, currency: CurrencyFormat, date: chrono::NaiveDate) -> ReportInput {
        ReportInput {
            plan_name: plan_name.to_owned(),
            organisation: String::new(),
            date,
            label: String::new(),
            scenario: None,
            paper: Paper::A4,
            logo: None,
            currency,
            sections: SectionKind::ALL.to_vec(),
            summary: SummarySection::default(),
            goals: Vec::new(),
            roadmap: RoadmapSection::default(),
            budget: BudgetSection::default(),
            cases: Vec::new(),
            risks: RiskSection::default(),
            sourcing: Vec::new(),
            scenarios: None,
            appendix: Vec::new(),
            fallback_fonts: Vec::new(),
            language: "en".into(),
        }
    }
}

fn included(input: &ReportInput) -> Vec<SectionKind> {
    SectionKind::ALL.into_iter().filter(|s| input.sections.contains(s)).collect()
}

/// Lays the pack out and returns the PDF.
pub fn render(input: &ReportInput) -> Result<Vec<u8>, ReportError> {
    render_traced(input).map(|r| r.pdf)
}

/// A rendered pack with what its layout decided.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// The PDF.
    pub pdf: Vec<u8>,
    /// Each page's role and fill, and where tables broke across pages.
    pub layout: LayoutTrace,
    /// The characters no font had (Source Sans 3 or a fallback), each drawn as a boxed "?".
    pub missing: std::collections::BTreeSet<char>,
}

/// The characters of the pack that Source Sans 3 lacks and no fallback font of the input has:
/// what a caller looks for among the system's fonts. The pack is laid out (not written) to
/// learn them, so they are exactly the characters it would draw.
pub fn missing_chars(input: &ReportInput) -> Result<std::collections::BTreeSet<char>, ReportError> {
    let mut pdf = PdfDocument::new(&input.plan_name);
    let (fonts, logo) = prepare(&mut pdf, input)?;
    lay_out(&fonts, input, logo);
    Ok(fonts.missing())
}

type Logo = Option<(printpdf::XObjectId, f32, f32)>;

fn prepare(pdf: &mut PdfDocument, input: &ReportInput) -> Result<(Fonts, Logo), ReportError> {
    let fonts = Fonts::load(pdf, &input.fallback_fonts)?;
    let logo = load_logo(pdf, input)?;
    Ok((fonts, logo))
}

/// Lays every page out, header, footer and contents included.
fn lay_out<'f>(fonts: &'f Fonts, input: &ReportInput, logo: Logo) -> Doc<'f> {
    let (pw, ph) = input.paper.size_mm();
    let mut doc = Doc::new(fonts, (canvas::mm(pw), canvas::mm(ph)));
    sections::cover(&mut doc, input, logo);

    let kinds = included(input);
    // The contents come second but are written last, when page numbers are known: count the
    // entries now to reserve their pages.
    let entries = kinds.len() + if kinds.contains(&SectionKind::Cases) { input.cases.len() } else { 0 };
    let toc_pages = if kinds.is_empty() { 0 } else { entries.div_ceil(toc_per_page(doc.portrait.1)) };
    let toc_first = doc.pages.len();
    for _ in 0..toc_pages {
        doc.new_page_as(false, layout::PageRole::Contents);
    }
    for (i, kind) in kinds.iter().enumerate() {
        let number = i + 1;
        let title = sections::title(*kind);
        match kind {
            SectionKind::Summary => {
                doc.section(number, title, false);
                sections::summary(&mut doc, input);
            }
            SectionKind::Goals => {
                doc.section(number, title, false);
                sections::goals(&mut doc, input);
            }
            SectionKind::Roadmap => {
                let has_bars = input.roadmap.lanes.iter().any(|l| !l.bars.is_empty());
                doc.section(number, title, has_bars && !input.roadmap.years.is_empty());
                if has_bars && !input.roadmap.years.is_empty() {
                    roadmap::draw(&mut doc, &input.roadmap);
                } else {
                    doc.absent("No initiatives in this plan: the roadmap is empty.");
                }
            }
            SectionKind::Budget => {
                doc.section(number, title, false);
                sections::budget(&mut doc, input);
            }
            SectionKind::Cases => {
                doc.section(number, title, false);
                sections::cases(&mut doc, input, number);
            }
            SectionKind::Risks => {
                doc.section(number, title, false);
                sections_risk::risks(&mut doc, input);
            }
            SectionKind::Sourcing => {
                doc.section(number, title, false);
                sections::sourcing(&mut doc, input);
            }
            SectionKind::Scenarios => {
                doc.section(number, title, false);
                sections_scenarios::scenarios(&mut doc, input);
            }
            SectionKind::Appendix => {
                doc.section(number, title, false);
                sections::appendix(&mut doc, input);
            }
        }
    }
    // A heading that nothing followed is drawn before the pages are counted.
    doc.flush_heading();
    doc.write_toc(toc_first, toc_pages);
    let note = format!("{} · {}", input.organisation, input.date.format("%-d %B %Y"));
    let note = note.trim_start_matches(" · ").to_owned();
    doc.header_footer(&input.plan_name, &input.label, &note);
    doc
}

/// Lays the pack out and returns the PDF with what the layout decided.
pub fn render_traced(input: &ReportInput) -> Result<Rendered, ReportError> {
    let mut pdf = PdfDocument::new(&input.plan_name);
    let (fonts, logo) = prepare(&mut pdf, input)?;
    let mut doc = lay_out(&fonts, input, logo);
    let layout = doc.trace();
    let bookmarks: Vec<(String, usize)> =
        doc.toc.iter().filter(|e| e.level == 1).map(|e| (format!("{} {}", e.number, e.title), e.page)).collect();
    let pdf = save(pdf, doc.pages, &bookmarks, input, "Board pack")?;
    Ok(Rendered { pdf, layout, missing: fonts.missing() })
}

/// Lays the 16:9 board deck out from the same input and returns the PDF: a title slide, the
/// decisions sought, strategy on a page, the roadmap on one slide, budget against ceilings, one
/// slide per major business case, the sourcing recommendation, key risks and the scenario
/// comparison, each under an action title. Body text is never smaller than 18 pt.
pub fn render_deck(input: &ReportInput) -> Result<Vec<u8>, ReportError> {
    render_deck_traced(input).map(|(pdf, _)| pdf)
}

/// The deck's PDF and the characters no font had (Source Sans 3 or a fallback), each drawn as
/// a boxed "?": what a caller looks for among the system's fonts before drawing it again.
pub fn render_deck_traced(input: &ReportInput) -> Result<(Vec<u8>, std::collections::BTreeSet<char>), ReportError> {
    let mut pdf = PdfDocument::new(&input.plan_name);
    let (fonts, logo) = prepare(&mut pdf, input)?;
    let (pages, bookmarks) = deck::slides(&fonts, input, logo);
    let bytes = save(pdf, pages, &bookmarks, input, "Board deck")?;
    Ok((bytes, fonts.missing()))
}

/// The cover's logo, decoded and added to the document.
fn load_logo(pdf: &mut PdfDocument, input: &ReportInput) -> Result<Logo, ReportError> {
    let Some(bytes) = &input.logo else { return Ok(None) };
    let mut warnings = Vec::new();
    let image = RawImage::decode_from_bytes(bytes, &mut warnings).map_err(ReportError::Logo)?;
    let (w, h) = (image.width as f32, image.height as f32);
    if w < 1.0 || h < 1.0 {
        return Err(ReportError::Logo("the image is empty".into()));
    }
    Ok(Some((pdf.add_image(&image), w, h)))
}

/// The pages, their bookmarks (title and page index) and the document's metadata, saved with
/// subset fonts and lossless images. `kind` is "Board pack" or "Board deck".
fn save(
    mut pdf: PdfDocument,
    pages: Vec<canvas::Page>,
    bookmarks: &[(String, usize)],
    input: &ReportInput,
    kind: &str,
) -> Result<Vec<u8>, ReportError> {
    let pages: Vec<PdfPage> =
        pages.into_iter().map(|p| PdfPage::new(Mm(p.w * 25.4 / 72.0), Mm(p.h * 25.4 / 72.0), p.ops)).collect();
    pdf.with_pages(pages);
    for (name, page) in bookmarks {
        pdf.add_bookmark(name, page + 1);
    }
    let date = input.date.and_hms_opt(0, 0, 0).map_or(0, |d| d.and_utc().timestamp());
    if let Ok(stamp) = OffsetDateTime::from_unix_timestamp(date) {
        pdf.metadata.info.creation_date = stamp;
        pdf.metadata.info.modification_date = stamp;
        pdf.metadata.info.metadata_date = stamp;
    }
    pdf.metadata.info.creator = "Cairn".into();
    pdf.metadata.info.producer = format!("Cairn {} (printpdf)", kind.to_lowercase());
    pdf.metadata.info.subject =
        if input.organisation.is_empty() { kind.to_owned() } else { format!("{kind} — {}", input.organisation) };
    let options = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        // Lossless: a logo must not pick up JPEG artefacts on its way in.
        image_optimization: Some(ImageOptimizationOptions {
            format: Some(ImageCompression::Flate),
            ..Default::default()
        }),
    };
    let mut warnings = Vec::new();
    // printpdf's `save`, with the document's language added to the catalog (which printpdf
    // does not write): a screen reader reads the pack or deck in its language.
    let mut lo = pdf.to_lopdf_document(&options, &mut warnings);
    let language = if input.language.trim().is_empty() { "en" } else { input.language.trim() };
    if let Ok(catalog) = lo.catalog_mut() {
        catalog.set("Lang", lopdf::Object::string_literal(language));
    }
    if options.optimize {
        lo.compress();
    }
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes).map_err(|e| ReportError::Write(e.to_string()))?;
    Ok(bytes)
}

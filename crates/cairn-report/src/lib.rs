//! The board pack: a paginated, vector PDF of a plan, for the CIO to take to the board.
//!
//! - [`ReportInput`] is plain view data, already computed: the caller (`cairn-api`) evaluates
//!   business cases, compares scenarios and sums budgets, so this crate knows nothing of storage
//!   or of the engines. Sections without data say so in one line.
//! - [`render`] lays the pack out and returns the PDF's bytes: cover, contents with page
//!   numbers, executive summary, goals, the roadmap on landscape pages (tiled when it does not
//!   fit), budget, business cases, sourcing studies, scenarios, appendix. Every page has a
//!   header and footer with the plan's name, the confidentiality label and "Page X of Y".
//! - [`format`] writes figures as the app does ("$1,234.50", "−$3.2M", "13.37 %").
//!
//! Text is set in Source Sans 3 (SIL Open Font License, in `fonts/`), embedded and subset; a
//! character the font lacks is drawn as a boxed "?", never dropped. Charts are vector drawings.
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
mod fonts;
pub mod format;
mod input;
mod layout;
mod roadmap;
mod sections;

pub use input::{
    AmountRow, BarStatus, BudgetRow, BudgetSection, CaseSection, CurrencyFormat, Figure, GoalView, Paper, ReportInput,
    RiskView, RoadmapBar, RoadmapLane, RoadmapSection, ScenarioSection, SectionKind, SourcingSection, SpendKind,
    SummaryFinding, SummarySection, ThemeCeiling, TornadoView, VariantView, YearInvestment,
};

use printpdf::{
    ImageCompression, ImageOptimizationOptions, Mm, OffsetDateTime, PdfDocument, PdfPage, PdfSaveOptions, RawImage,
};

use crate::fonts::Fonts;
use crate::layout::{Doc, toc_per_page};

/// Why a pack cannot be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReportError {
    /// The embedded typeface could not be read (a build problem, not the user's).
    #[error("the report font cannot be loaded: {0}")]
    Font(String),
    /// The logo is not a PNG or JPEG image this crate can read.
    #[error("the logo cannot be read as a PNG or JPEG image: {0}")]
    Logo(String),
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
            sourcing: Vec::new(),
            scenarios: None,
            appendix: Vec::new(),
        }
    }
}

fn included(input: &ReportInput) -> Vec<SectionKind> {
    SectionKind::ALL.into_iter().filter(|s| input.sections.contains(s)).collect()
}

/// Lays the pack out and returns the PDF.
pub fn render(input: &ReportInput) -> Result<Vec<u8>, ReportError> {
    let mut pdf = PdfDocument::new(&input.plan_name);
    let fonts = Fonts::load(&mut pdf)?;
    let logo = match &input.logo {
        Some(bytes) => {
            let mut warnings = Vec::new();
            let image = RawImage::decode_from_bytes(bytes, &mut warnings).map_err(ReportError::Logo)?;
            let (w, h) = (image.width as f32, image.height as f32);
            if w < 1.0 || h < 1.0 {
                return Err(ReportError::Logo("the image is empty".into()));
            }
            Some((pdf.add_image(&image), w, h))
        }
        None => None,
    };
    let (pw, ph) = input.paper.size_mm();
    let mut doc = Doc::new(&fonts, (canvas::mm(pw), canvas::mm(ph)));
    sections::cover(&mut doc, input, logo);

    let kinds = included(input);
    // The contents come second but are written last, when page numbers are known: count the
    // entries now to reserve their pages.
    let entries = kinds.len() + if kinds.contains(&SectionKind::Cases) { input.cases.len() } else { 0 };
    let toc_pages = if kinds.is_empty() { 0 } else { entries.div_ceil(toc_per_page(doc.portrait.1)) };
    let toc_first = doc.pages.len();
    for _ in 0..toc_pages {
        doc.new_page(false);
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
            SectionKind::Sourcing => {
                doc.section(number, title, false);
                sections::sourcing(&mut doc, input);
            }
            SectionKind::Scenarios => {
                doc.section(number, title, false);
                sections::scenarios(&mut doc, input);
            }
            SectionKind::Appendix => {
                doc.section(number, title, false);
                sections::appendix(&mut doc, input);
            }
        }
    }
    doc.write_toc(toc_first, toc_pages);
    let note = format!("{} · {}", input.organisation, input.date.format("%-d %B %Y"));
    let note = note.trim_start_matches(" · ").to_owned();
    doc.header_footer(&input.plan_name, &input.label, &note);

    let bookmarks: Vec<(String, usize)> =
        doc.toc.iter().filter(|e| e.level == 1).map(|e| (format!("{} {}", e.number, e.title), e.page)).collect();
    let pages: Vec<PdfPage> =
        doc.pages.into_iter().map(|p| PdfPage::new(Mm(p.w * 25.4 / 72.0), Mm(p.h * 25.4 / 72.0), p.ops)).collect();
    pdf.with_pages(pages);
    for (name, page) in bookmarks {
        pdf.add_bookmark(&name, page + 1);
    }
    let date = input.date.and_hms_opt(0, 0, 0).map_or(0, |d| d.and_utc().timestamp());
    if let Ok(stamp) = OffsetDateTime::from_unix_timestamp(date) {
        pdf.metadata.info.creation_date = stamp;
        pdf.metadata.info.modification_date = stamp;
        pdf.metadata.info.metadata_date = stamp;
    }
    pdf.metadata.info.creator = "Cairn".into();
    pdf.metadata.info.producer = "Cairn board pack (printpdf)".into();
    pdf.metadata.info.subject = if input.organisation.is_empty() {
        "Board pack".into()
    } else {
        format!("Board pack — {}", input.organisation)
    };
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
    Ok(pdf.save(&options, &mut warnings))
}

//! The 16:9 board deck: the same [`ReportInput`] as the pack, one message a slide. Each slide's
//! action title is written by `cairn_core::narrative::deck` from the figures on it, and every
//! figure is written as the pack writes the same figure, so the two agree.
//!
//! Which slides a section gives: the summary the decisions sought and the key risks; goals the
//! strategy on a page; the roadmap, budget, sourcing and scenarios one slide each (a slide per
//! sourcing study); business cases a slide per major case — every case when there are at most
//! [`MAX_CASES`], else the [`MAX_CASES`] with the largest investment, in the plan's order. The
//! appendix stays in the pack.

use cairn_core::narrative::{self, deck as say};
use rust_decimal::Decimal;

use crate::canvas::{Align, ink, mm};
use crate::charts::Area;
use crate::deck_draw::{self, BODY, BOTTOM, DCol, H, LEAD, M, Slides, W};
use crate::fonts::{Fonts, Style};
use crate::format::{money, money_whole, percent, years};
use crate::input::{BarStatus, CaseSection, CurrencyFormat, Figure, ReportInput, SectionKind, SpendKind};

/// The most business cases the deck gives a slide each.
pub(crate) const MAX_CASES: usize = 8;

/// Lays every slide out; returns the slides and their bookmarks.
pub(crate) fn slides(
    fonts: &Fonts,
    input: &ReportInput,
    logo: Option<(printpdf::XObjectId, f32, f32)>,
) -> (Vec<crate::canvas::Page>, Vec<(String, usize)>) {
    let mut s = Slides::new(fonts);
    title_slide(&mut s, input, logo);
    let has = |k: SectionKind| input.sections.contains(&k);
    if has(SectionKind::Summary) {
        decisions(&mut s, input);
    }
    if has(SectionKind::Goals) {
        strategy(&mut s, input);
    }
    if has(SectionKind::Roadmap) {
        roadmap(&mut s, input);
    }
    if has(SectionKind::Budget) {
        budget(&mut s, input);
    }
    if has(SectionKind::Cases) {
        cases(&mut s, input);
    }
    if has(SectionKind::Sourcing) {
        sourcing(&mut s, input);
    }
    if has(SectionKind::Summary) {
        risks(&mut s, input);
    }
    if has(SectionKind::Scenarios) {
        scenarios(&mut s, input);
    }
    let note =
        [input.plan_name.trim(), input.label.trim()].iter().filter(|t| !t.is_empty()).copied().collect::<Vec<_>>();
    s.footers(&note.join("  ·  "));
    (s.pages, s.bookmarks)
}

fn title_slide(s: &mut Slides<'_>, input: &ReportInput, logo: Option<(printpdf::XObjectId, f32, f32)>) {
    s.blank("Title");
    let fonts = s.fonts;
    let w = W - 2.0 * M;
    let page = s.page();
    page.rect(0.0, 0.0, W, 16.0, ink::NAVY);
    if let Some((id, px_w, px_h)) = logo {
        let (max_w, max_h) = (mm(50.0), mm(20.0));
        let scale = (max_w / px_w).min(max_h / px_h);
        page.ops.push(printpdf::Op::UseXobject {
            id,
            transform: printpdf::XObjectTransform {
                translate_x: Some(printpdf::Pt(M)),
                translate_y: Some(printpdf::Pt(H - 40.0 - px_h * scale)),
                scale_x: Some(scale),
                scale_y: Some(scale),
                dpi: Some(72.0),
                ..Default::default()
            },
        });
    }
    let mut y = 170.0;
    if !input.organisation.trim().is_empty() {
        page.text_in(fonts, M, w, y, 20.0, Style::Bold, ink::STEEL, Align::Left, &input.organisation.to_uppercase());
        y += 14.0;
    }
    let title = if input.plan_name.trim().is_empty() { "Untitled plan" } else { input.plan_name.as_str() };
    for line in fonts.wrap(Style::Bold, title, 44.0, w, 2) {
        y += 50.0;
        page.text(fonts, M, y, 44.0, Style::Bold, ink::NAVY, &line);
    }
    y += 44.0;
    page.text(fonts, M, y, 24.0, Style::Regular, ink::TEXT, "Board deck");
    if let Some(sc) = &input.scenario {
        y += 32.0;
        page.text_in(
            fonts,
            M,
            w,
            y,
            20.0,
            Style::Italic,
            ink::MUTED,
            Align::Left,
            &format!("As in the scenario “{sc}”"),
        );
    }
    y += 22.0;
    page.line(M, y, M + 90.0, y, ink::NAVY, 2.0, false);
    y += 34.0;
    page.text(fonts, M, y, 20.0, Style::Regular, ink::TEXT, &input.date.format("%-d %B %Y").to_string());
    if !input.label.trim().is_empty() {
        let label = fonts.ellipsis(Style::Bold, &input.label, BODY, w - 24.0);
        let lw = fonts.width(Style::Bold, &label, BODY);
        page.rect_stroke(M, H - 84.0, lw + 24.0, 32.0, ink::RED, 1.0);
        page.text(fonts, M + 12.0, H - 62.0, BODY, Style::Bold, ink::RED, &label);
    }
    let currency = format!("Amounts in {} unless stated otherwise.", input.currency.code);
    page.text_in(fonts, M, w, H - 24.0, BODY, Style::Regular, ink::MUTED, Align::Right, &currency);
}

/// The decisions sought: the decisions written for the board and the plan's errors; without
/// decisions, the recommendations (as the pack's summary lists them).
fn decisions(s: &mut Slides<'_>, input: &ReportInput) {
    let sum = &input.summary;
    // An error the plan accepts (with its reason) is not one to resolve: its decision is listed.
    let errors: Vec<String> =
        sum.findings.iter().filter(|f| f.error && f.explanation.is_empty()).map(|f| f.text.clone()).collect();
    let shown = if sum.decisions.is_empty() { &sum.recommendations } else { &sum.decisions };
    let title = say::decisions_title(sum.decisions.len(), errors.len(), sum.recommendations.len());
    let mut y = s.slide("Decisions sought", &title);
    if shown.is_empty() {
        y = s.paragraph(
            y,
            "No recommendations: the plan has no business cases to decide on yet.",
            Style::Italic,
            ink::MUTED,
            2,
        );
    } else {
        y = s.bullets(y, shown, 6, &|_| ink::TEXT);
    }
    if !errors.is_empty() && y + 2.0 * LEAD < BOTTOM {
        let fonts = s.fonts;
        s.page().text(fonts, M, y + 8.0 + BODY, BODY, Style::Bold, ink::RED, "Plan errors to resolve");
        s.bullets(y + 8.0 + LEAD + 4.0, &errors, 2, &|_| ink::RED);
    }
}

/// Strategy on a page: each goal, the themes serving it and their initiatives.
fn strategy(s: &mut Slides<'_>, input: &ReportInput) {
    let goals = &input.goals;
    let initiatives: usize = input.roadmap.lanes.iter().map(|l| l.bars.len()).sum();
    let unserved: Vec<String> = goals.iter().filter(|g| g.initiatives.is_empty()).map(|g| g.name.clone()).collect();
    let title = say::strategy_title(goals.len(), initiatives, input.roadmap.lanes.len(), &unserved);
    let y = s.slide("Strategy on a page", &title);
    if goals.is_empty() {
        s.paragraph(y, "No strategic goals in this plan.", Style::Italic, ink::MUTED, 1);
        return;
    }
    let w = W - 2.0 * M;
    let cols = [
        DCol::new("Goal", w * 0.28, Align::Left, 2),
        DCol::new("Theme", w * 0.29, Align::Left, 1),
        DCol::new("Initiatives", w * 0.43, Align::Left, 1),
    ];
    // One row per goal and theme; a goal spread over more themes than fit gets one row listing them.
    let rows_per_goal: usize = goals.iter().map(|g| g.themes.len().max(1)).sum();
    let room = ((BOTTOM - y - LEAD) / (LEAD + 4.0)).floor().max(1.0) as usize;
    let mut rows = Vec::new();
    for g in goals {
        if g.themes.is_empty() {
            rows.push((vec![g.name.clone(), "—".into(), "No initiative serves this goal yet.".into()], false));
        } else if rows_per_goal <= room {
            for (k, (theme, names)) in g.themes.iter().enumerate() {
                let goal = if k == 0 { g.name.clone() } else { String::new() };
                rows.push((vec![goal, theme.clone(), names.join(", ")], false));
            }
        } else {
            let themes: Vec<&str> = g.themes.iter().map(|t| t.0.as_str()).collect();
            rows.push((vec![g.name.clone(), themes.join(", "), g.initiatives.join(", ")], false));
        }
    }
    s.table(y, &cols, &rows);
}

/// The roadmap on one slide.
fn roadmap(s: &mut Slides<'_>, input: &ReportInput) {
    let r = &input.roadmap;
    let bars: Vec<_> = r.lanes.iter().flat_map(|l| &l.bars).collect();
    let year_of = |month: i32| {
        r.years.iter().rev().find(|(_, start)| month >= *start as i32).or(r.years.first()).map_or("", |y| y.0.as_str())
    };
    let from = bars.iter().map(|b| b.start).min().unwrap_or(0);
    let to = bars.iter().map(|b| b.end).max().unwrap_or(0);
    let under_way = bars.iter().filter(|b| b.status == BarStatus::InProgress).count();
    let title = say::roadmap_title(bars.len(), r.lanes.len(), year_of(from), year_of(to), under_way);
    let y = s.slide("Roadmap", &title);
    if bars.is_empty() || r.years.is_empty() {
        s.paragraph(y, "No initiatives in this plan: the roadmap is empty.", Style::Italic, ink::MUTED, 1);
        return;
    }
    // Today, in months from the axis start (the report's date, passed in).
    let today = r.start.map(|start| {
        use chrono::Datelike;
        let d = input.date;
        let months = (d.year() * 12 + d.month0() as i32) - start.index();
        months as f32 + (d.day0() as f32 / 31.0)
    });
    let fonts = s.fonts;
    let area = Area { x: M, y, w: W - 2.0 * M, h: BOTTOM - y };
    deck_draw::roadmap(s.page(), fonts, area, r, today);
}

/// Budget against ceilings.
fn budget(s: &mut Slides<'_>, input: &ReportInput) {
    let b = &input.budget;
    let cur = &input.currency;
    let n = b.years.len();
    let sum = |kind: SpendKind| -> Vec<Decimal> {
        (0..n)
            .map(|i| {
                b.rows
                    .iter()
                    .filter(|r| r.kind == kind)
                    .map(|r| r.amounts.get(i).copied().unwrap_or_default())
                    .fold(Decimal::ZERO, Decimal::saturating_add)
            })
            .collect()
    };
    let (capex, opex) = (sum(SpendKind::Capex), sum(SpendKind::Opex));
    let totals: Vec<Decimal> = capex.iter().zip(&opex).map(|(c, o)| c.saturating_add(*o)).collect();
    let over: Vec<(String, Decimal)> = b
        .years
        .iter()
        .zip(&totals)
        .zip(&b.ceilings)
        .filter_map(|((y, t), c)| c.filter(|c| t > c).map(|c| (y.clone(), t.saturating_sub(c))))
        .collect();
    let total = totals.iter().copied().fold(Decimal::ZERO, Decimal::saturating_add);
    let peak =
        b.years.iter().zip(&totals).filter(|(_, t)| !t.is_zero()).max_by(|a, b| a.1.cmp(b.1)).map(|(y, _)| y.as_str());
    let title = say::budget_title(&over, b.ceilings.iter().any(Option::is_some), total, peak, cur);
    let y = s.slide("Budget against ceilings", &title);
    if n == 0 || total.is_zero() {
        s.paragraph(
            y,
            "No budget figures: no initiative has a budget in the plan's horizon.",
            Style::Italic,
            ink::MUTED,
            1,
        );
        return;
    }
    let fonts = s.fonts;
    let area = Area { x: M, y, w: W - 2.0 * M, h: BOTTOM - y };
    let unit = format!("{} (whole units)", cur.code);
    deck_draw::budget(s.page(), fonts, area, &b.years, &capex, &opex, &b.ceilings, &unit);
}

fn figure_text(f: Option<&Figure>, input: &ReportInput) -> String {
    match f {
        Some(Figure::Money(v)) => money(*v, &input.currency),
        Some(Figure::Percent(v)) => percent(*v, 2),
        Some(Figure::Years(v)) => years(*v),
        Some(Figure::Ratio(v)) => format!("{v:.2}"),
        Some(Figure::NotAvailable(_)) | None => "—".into(),
    }
}

/// The cases the deck gives a slide: all of them up to [`MAX_CASES`], else the largest by
/// investment (ties in the plan's order), kept in the plan's order.
pub(crate) fn major_cases(cases: &[CaseSection]) -> Vec<&CaseSection> {
    if cases.len() <= MAX_CASES {
        return cases.iter().collect();
    }
    let mut order: Vec<usize> = (0..cases.len()).collect();
    order.sort_by(|a, b| cases[*b].investment.cmp(&cases[*a].investment).then(a.cmp(b)));
    order.truncate(MAX_CASES);
    order.sort_unstable();
    order.into_iter().map(|i| &cases[i]).collect()
}

/// One slide per major business case: NPV, IRR, payback, the chance of a negative NPV and the
/// recommendation.
fn cases(s: &mut Slides<'_>, input: &ReportInput) {
    if input.cases.is_empty() {
        let y = s.slide("Business cases", "No business case is put to the board yet");
        s.paragraph(y, "No business cases in this plan.", Style::Italic, ink::MUTED, 1);
        return;
    }
    let cur = &input.currency;
    let major = major_cases(&input.cases);
    for (k, c) in major.iter().enumerate() {
        let title = say::case_title(&c.name, c.recommendation.as_ref(), cur);
        let y = s.slide(&format!("Business case: {}", c.name), &title);
        let metric =
            |key: cairn_core::MetricKey| figure_text(c.metrics.iter().find(|m| m.0 == key).map(|m| &m.1), input);
        let chance = c.risk.as_ref().map_or("—".to_owned(), |r| percent(r.probability_negative, 1));
        let cards = [
            ("NPV".to_owned(), metric(cairn_core::MetricKey::Npv)),
            ("IRR".to_owned(), metric(cairn_core::MetricKey::Irr)),
            ("Payback".to_owned(), metric(cairn_core::MetricKey::Payback)),
            ("Chance of loss".to_owned(), chance),
        ];
        let mut y = s.cards(y, &cards);
        let advice = match &c.recommendation {
            Some(r) => narrative::case_recommendation(&c.name, r, cur),
            None => c.notes.first().cloned().unwrap_or_else(|| "The case cannot be evaluated as entered.".into()),
        };
        y = s.paragraph(y, &advice, Style::Regular, ink::TEXT, 5);
        // This case's key risks, as the pack's summary lists them (each names its case).
        let quoted = format!("“{}”", c.name);
        let own: Vec<String> = input.summary.key_risks.iter().filter(|r| r.starts_with(&quoted)).cloned().collect();
        if !own.is_empty() && y + 2.0 * LEAD < BOTTOM {
            y = s.bullets(y + 4.0, &own, 2, &|_| ink::TEXT);
        }
        if c.risk.is_none() && y + LEAD < BOTTOM {
            y = s.paragraph(
                y,
                "No risk analysis: no line of this case has an uncertainty.",
                Style::Italic,
                ink::MUTED,
                1,
            );
        }
        if k == 0 && major.len() < input.cases.len() && y + LEAD < BOTTOM {
            s.paragraph(y, &say::cases_shown(major.len(), input.cases.len()), Style::Italic, ink::MUTED, 2);
        }
    }
}

/// The sourcing recommendation: one slide per study, its ranking and TCO, and what its
/// figures say (the written recommendation last, as the pack lists it).
fn sourcing(s: &mut Slides<'_>, input: &ReportInput) {
    if input.sourcing.is_empty() {
        let y = s.slide("Sourcing", "No sourcing decision is put to the board yet");
        s.paragraph(y, "No sourcing studies in this plan.", Style::Italic, ink::MUTED, 1);
        return;
    }
    let cur = &input.currency;
    let w = W - 2.0 * M;
    for study in &input.sourcing {
        let ranking: Vec<(String, String)> =
            study.ranking.iter().map(|(o, v)| (o.clone(), format!("{v:.3}"))).collect();
        let y = s.slide(&format!("Sourcing: {}", study.name), &say::sourcing_title(&study.name, &ranking));
        if ranking.is_empty() {
            let why =
                study.robustness.first().map_or("No options have been scored for this study yet.", String::as_str);
            s.paragraph(y, why, Style::Italic, ink::MUTED, 3);
            continue;
        }
        let cols = [
            DCol::new("Rank", 70.0, Align::Left, 1),
            DCol::new("Option", w - 70.0 - 130.0 - 250.0, Align::Left, 1),
            DCol::new("Score", 130.0, Align::Right, 1),
            DCol::new("Total cost of ownership", 250.0, Align::Right, 1),
        ];
        let rows: Vec<(Vec<String>, bool)> = ranking
            .iter()
            .enumerate()
            .map(|(i, (o, score))| {
                let tco = study.tco.iter().find(|t| &t.0 == o).map_or("—".to_owned(), |t| money_whole(t.1, cur));
                (vec![(i + 1).to_string(), o.clone(), score.clone(), tco], i == 0)
            })
            .collect();
        let y = s.table(y, &cols, &rows);
        // The CIO's recommendation first, then what the figures say of the winner's robustness.
        let written = narrative::written_recommendation(&study.recommendation);
        let mut lines: Vec<String> = Vec::new();
        if !study.recommendation.is_empty() {
            lines.push(written.clone());
        }
        lines.extend(study.robustness.iter().filter(|r| study.recommendation.is_empty() || **r != written).cloned());
        s.bullets(y, &lines, 3, &|_| ink::TEXT);
    }
}

/// The key risks, as the pack's summary lists them.
fn risks(s: &mut Slides<'_>, input: &ReportInput) {
    let sum = &input.summary;
    // The portfolio NPV in whole units, as the pack's summary tile prints it.
    let whole = CurrencyFormat { minor_digits: 0, ..input.currency.clone() };
    let y = s.slide("Key risks", &say::risks_title(sum.key_risks.len(), sum.portfolio_npv, &whole));
    if sum.key_risks.is_empty() {
        let text = "No key risks identified: no business case has a negative NPV or a material chance of one.";
        s.paragraph(y, text, Style::Italic, ink::MUTED, 2);
    } else {
        s.bullets(y, &sum.key_risks, 2, &|_| ink::TEXT);
    }
}

/// The scenarios side by side: portfolio NPV, roadmap spend by year, years over the ceiling.
fn scenarios(s: &mut Slides<'_>, input: &ReportInput) {
    let cur = &input.currency;
    let variants = input.scenarios.as_ref().map(|sc| sc.variants.as_slice()).unwrap_or_default();
    let summary: Vec<(String, f64, usize)> =
        variants.iter().map(|v| (v.label.clone(), v.portfolio_npv, v.over_ceiling.len())).collect();
    let y = s.slide("Scenario comparison", &say::scenarios_title(&summary, cur));
    if variants.is_empty() {
        s.paragraph(y, "No scenarios in this plan to compare.", Style::Italic, ink::MUTED, 1);
        return;
    }
    let w = W - 2.0 * M;
    let label_w = 230.0;
    let fw = (w - label_w) / variants.len() as f32;
    let mut cols = vec![DCol::new("", label_w, Align::Left, 1)];
    cols.extend(variants.iter().map(|v| DCol::new(v.label.clone(), fw, Align::Right, 3)));
    let mut rows: Vec<(Vec<String>, bool)> = Vec::new();
    let mut row = |label: String, f: &dyn Fn(&crate::input::VariantView) -> String, strong: bool| {
        let mut cells = vec![label];
        cells.extend(variants.iter().map(f));
        rows.push((cells, strong));
    };
    row("Portfolio NPV".into(), &|v| money(v.portfolio_npv, cur), true);
    let years: Vec<String> =
        variants.first().map(|v| v.spend.iter().map(|x| x.0.clone()).collect()).unwrap_or_default();
    for y in &years {
        row(format!("Spend {y}"), &|v| v.spend_in(y, cur), false);
    }
    row("Over the ceiling".into(), &|v| v.over_ceiling_text(cur), false);
    s.table(y, &cols, &rows);
}

//! The pack's presentation: how pages fill and tables break (from the layout's own record of
//! its decisions), one unit convention per page, the sourcing and scenario pages' labels, the
//! fallback fonts, the document's language and bookmarks.

use std::path::PathBuf;

use cairn_api::{FontSource, build_report, fallback_fonts, report_input};
use cairn_core::{Plan, demo_plan, synthetic_plan};
use cairn_report::{PageRole, Paper, SectionKind, render_traced};

use super::{options, read_back};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures").join("fonts")
}

/// Least share of a page that content flowed onto that the content must fill.
const LEAST_FILL: f32 = 0.2;

#[test]
fn no_near_empty_page_and_no_orphaned_table_rows_in_a4_or_letter() {
    let plan = demo_plan();
    for paper in [Paper::A4, Paper::Letter] {
        let mut o = options();
        o.paper = paper;
        let input = report_input(&plan, &o).expect("input");
        let r = render_traced(&input).expect("render");
        assert_eq!(r.layout.pages.len(), read_back(&r.pdf).pages.len(), "{paper:?}: the trace has every page");
        for (i, p) in r.layout.pages.iter().enumerate() {
            if p.role == PageRole::Continuation {
                assert!(p.fill >= LEAST_FILL, "{paper:?}: page {} is only {:.0} % filled", i + 1, p.fill * 100.0);
            }
        }
        assert!(!r.layout.breaks.is_empty(), "{paper:?}: the demo has tables that break");
        for b in &r.layout.breaks {
            assert!(b.above >= 3 && b.below >= 3, "{paper:?}: a table of {} rows broken {b:?}", b.rows);
        }
    }
}

#[test]
fn a_case_s_risk_chart_never_takes_a_page_alone() {
    let plan = demo_plan();
    for paper in [Paper::A4, Paper::Letter] {
        let mut o = options();
        o.paper = paper;
        let pack = read_back(&build_report(&plan, &o).expect("pack"));
        let risk = "Risk: NPV over Monte Carlo runs";
        let pages: Vec<&String> = pack.pages.iter().filter(|p| p.contains(risk)).collect();
        assert_eq!(pages.len(), plan.business_cases.len(), "{paper:?}: one risk chart a case");
        for page in pages {
            let company = ["Sensitivity of NPV", "Cumulative cash and payback", "Cash flow by year"];
            assert!(company.iter().any(|c| page.contains(c)), "{paper:?}: the risk chart is alone: {page}");
        }
    }
}

#[test]
fn a_heading_never_ends_a_page_and_a_short_overview_shares_its_page() {
    let plan = demo_plan();
    let input = report_input(&plan, &options()).expect("input");
    let pack = read_back(&render_traced(&input).expect("render").pdf);
    for heading in ["Cash flow by year", "Cumulative cash and payback", "Sensitivity of NPV", "Risk: NPV over"] {
        for (i, page) in pack.pages.iter().enumerate() {
            // Text is read back in drawing order; the footer is drawn last, after the content.
            let Some(at) = page.rfind(heading) else { continue };
            let after = &page[at + heading.len()..];
            let footer = after.find("Page ").unwrap_or(after.len());
            assert!(after[..footer].split_whitespace().count() > 3, "page {}: \"{heading}\" ends the page", i + 1);
        }
    }
    // The business cases' overview (three rows) is followed by the first case on its page.
    let overview = pack.pages.iter().find(|p| p.contains("5 Business cases")).expect("overview page");
    assert!(overview.contains(&format!("5.1 {}", plan.business_cases[0].name)), "{overview}");
}

#[test]
fn the_summary_page_states_every_amount_in_whole_units() {
    let plan = demo_plan();
    let input = report_input(&plan, &options()).expect("input");
    let npv = input.summary.portfolio_npv.expect("the demo has cases");
    let pack = read_back(&build_report(&plan, &options()).expect("pack"));
    let page = pack.pages.iter().find(|p| p.contains("Portfolio NPV")).expect("summary page");
    let whole = cairn_core::text::money(npv, "USD", 0);
    let cents = cairn_core::text::money(npv, "USD", 2);
    assert!(page.contains(&whole) && !page.contains(&cents), "the tile reads {whole}, not {cents}: {page}");
    assert!(page.contains("USD (whole units)"));
}

#[test]
fn sourcing_figures_say_what_they_are() {
    let plan = demo_plan();
    let pack = read_back(&build_report(&plan, &options()).expect("pack"));
    let all = pack.all();
    let study = &plan.sourcing_studies[0];
    // The rate the study is discounted at: its own, or the plan's typed schedule (the demo's is
    // one rate).
    let rate = match plan.settings.appraisal.rate_for_study(study) {
        cairn_core::CaseRate::Own { rate, .. } => rate,
        cairn_core::CaseRate::Policy(p) => match &p.preset {
            cairn_core::DiscountPreset::Typed { rates, .. } if rates.len() == 1 => rates[0],
            other => panic!("the demo's schedule is one typed rate, not {other:?}"),
        },
    };
    let rate = cairn_core::text::percent(cairn_core::to_f64(rate).expect("rate"), cairn_core::text::Places::AtMost(1));
    for expected in [
        format!("(present value at {rate})"),
        "TCO, nominal (whole units)".to_owned(),
        "lower is better".to_owned(),
        "(acceptable below 0.10)".to_owned(),
    ] {
        assert!(all.contains(&expected), "the sourcing pages lack \"{expected}\"");
    }
    // The AHP consistency ratio printed is cairn-sourcing's, for the study weighted that way.
    let ahp = plan.sourcing_studies.iter().find(|s| s.weighting == cairn_core::Weighting::Pairwise).expect("AHP study");
    let (_, a) = cairn_sourcing::study::study_weights(ahp).expect("weights");
    let cr = a.expect("AHP").cr;
    assert!(all.contains(&format!("Consistency ratio {cr:.2}")), "CR {cr:.2}");
    // Scores as entered: a whole score is "6", never "6.00".
    let score = study.options[0].scores.iter().find(|s| s.value.fract().is_zero()).expect("a whole score");
    assert!(!all.contains(&format!("{}.00", score.value.trunc())), "scores read as entered");
}

#[test]
fn scenarios_print_a_shared_critical_path_once_and_compare_with_the_baseline() {
    let plan = demo_plan();
    let input = report_input(&plan, &options()).expect("input");
    let sc = input.scenarios.clone().expect("scenarios");
    let pack = read_back(&build_report(&plan, &options()).expect("pack"));
    let all = pack.all();
    let first = sc.variants[0].critical_path.join(" → ");
    let shared = sc.variants.iter().all(|v| v.critical_path == sc.variants[0].critical_path);
    assert!(shared, "the demo's variants share their critical path");
    assert_eq!(all.matches(first.as_str()).count(), 1, "printed once: {first}");
    assert!(all.contains("Critical path, the same in every variant"));
    // The latest baseline, as cairn-scenario measures the plan against it.
    let b = plan.baselines.iter().max_by_key(|b| b.taken_on).expect("the demo has a baseline");
    let v = cairn_scenario::variance(&b.plan, &plan).expect("variance");
    let now: rust_decimal::Decimal = v.cost.iter().map(|c| c.total).sum();
    assert!(all.contains(&format!("Since the baseline “{}”", b.name)), "baseline heading");
    assert!(all.contains(&cairn_core::text::money_whole(now, "USD")), "spend now");
}

fn cjk_plan() -> Plan {
    let mut plan = synthetic_plan("fonts", 3);
    plan.name = "Plan 漢字 📈".into();
    plan
}

#[test]
fn characters_the_font_lacks_come_from_a_fallback_font_or_show_as_a_question_mark() {
    let plan = cjk_plan();
    let mut o = options();
    o.sections = vec![SectionKind::Summary];
    o.fonts = FontSource::Dirs(vec![fixtures()]);
    let pack = read_back(&build_report(&plan, &o).expect("pack"));
    let cover = &pack.pages[0];
    assert!(cover.contains("漢字") && cover.contains('📈'), "drawn from the fixtures: {cover}");
    assert!(!pack.all().contains('?'), "nothing substituted");

    o.fonts = FontSource::None;
    let pack = read_back(&build_report(&plan, &o).expect("pack"));
    assert!(!pack.all().contains('漢') && pack.pages[0].contains('?'), "no font: a boxed \"?\"");

    // What the report lacks, and the faces of the folder that cover it, fewest first.
    let input = report_input(&plan, &o).expect("input");
    let missing = cairn_report::missing_chars(&input).expect("missing");
    assert_eq!(missing, ['漢', '字', '📈'].into_iter().collect());
    let mut db = fontdb::Database::new();
    db.load_fonts_dir(fixtures());
    let found = fallback_fonts(&db, &missing);
    let names: Vec<&str> = found.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["Droid Sans Fallback", "Noto Sans Symbols2"]);
    // A Latin plan looks for nothing.
    let latin = report_input(&demo_plan(), &options()).expect("input");
    assert!(cairn_report::missing_chars(&latin).expect("missing").is_empty());
}

/// A PDF text string: UTF-16BE after its byte-order mark, else one byte a character.
fn pdf_text(bytes: &[u8]) -> String {
    match bytes.strip_prefix(&[0xFE, 0xFF]) {
        Some(utf16) => {
            let units: Vec<u16> =
                utf16.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
            String::from_utf16_lossy(&units)
        }
        None => bytes.iter().map(|&b| char::from(b)).collect(),
    }
}

#[test]
fn the_pdf_states_its_language_and_has_a_bookmark_per_section() {
    let bytes = build_report(&demo_plan(), &options()).expect("pack");
    let doc = lopdf::Document::load_mem(&bytes).expect("pdf");
    let catalog = doc.catalog().expect("catalog");
    let lang = catalog.get(b"Lang").and_then(lopdf::Object::as_str).expect("/Lang");
    assert_eq!(lang, b"en");
    let outlines = catalog.get(b"Outlines").and_then(lopdf::Object::as_reference).expect("/Outlines");
    let mut titles = Vec::new();
    let outline = doc.get_dictionary(outlines).expect("outline dictionary");
    let mut item = outline.get(b"First").and_then(lopdf::Object::as_reference).ok();
    while let Some(id) = item {
        let d = doc.get_dictionary(id).expect("item");
        let title = d.get(b"Title").and_then(lopdf::Object::as_str).expect("title");
        titles.push(pdf_text(title));
        item = d.get(b"Next").and_then(lopdf::Object::as_reference).ok();
    }
    let expected: Vec<String> =
        SectionKind::ALL.iter().enumerate().map(|(i, s)| format!("{} {}", i + 1, s.title())).collect();
    assert_eq!(titles, expected);
}

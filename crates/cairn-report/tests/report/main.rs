//! Board packs read back: the PDF is parsed with lopdf (text per page, page sizes) and checked
//! with `qpdf --check`; figures are compared with the engines' own values, formatted as the
//! app formats them. Plans are the demo plan and the synthetic plan, mutated.

use std::process::Command;

use cairn_api::{ErrorCode, FontSource, ReportOptions, build_report, parse_sections, report_input, write_report};
use cairn_core::{Plan, demo_plan, synthetic_plan};
use cairn_report::format::{amount, money, percent};
use cairn_report::{CurrencyFormat, Paper, SectionKind};
use chrono::NaiveDate;

mod deck;
mod economic;
mod figures;
mod pages;
mod risk;

/// The default options, except fonts: a test reads nothing outside the repository, so no
/// system font (the font tests name the fixtures' folder).
fn options() -> ReportOptions {
    let mut o = ReportOptions::new(NaiveDate::from_ymd_opt(2027, 3, 1).expect("date"));
    o.fonts = FontSource::None;
    o
}

/// A rendered pack, read back.
struct Pack {
    /// Each page's text, whitespace collapsed.
    pages: Vec<String>,
    /// Each page's size in points.
    sizes: Vec<(f32, f32)>,
}

impl Pack {
    fn all(&self) -> String {
        self.pages.join("\n")
    }
}

fn read_back(bytes: &[u8]) -> Pack {
    assert!(bytes.starts_with(b"%PDF-"), "not a PDF");
    let doc = lopdf::Document::load_mem(bytes).expect("lopdf reads the pack");
    let mut pages = Vec::new();
    let mut sizes = Vec::new();
    for (number, id) in doc.get_pages() {
        let text = doc.extract_text(&[number]).expect("text");
        pages.push(text.split_whitespace().collect::<Vec<_>>().join(" "));
        let page = doc.get_dictionary(id).expect("page");
        let media = page.get(b"MediaBox").and_then(|m| m.as_array()).expect("MediaBox");
        let n = |i: usize| media[i].as_float().or_else(|_| media[i].as_i64().map(|v| v as f32)).expect("number");
        sizes.push((n(2) - n(0), n(3) - n(1)));
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("pack.pdf");
    std::fs::write(&path, bytes).expect("write");
    let qpdf = Command::new("qpdf").arg("--check").arg(&path).output();
    let out = qpdf.expect("qpdf is installed (make system-deps installs qpdf and poppler-utils)");
    assert!(out.status.success(), "qpdf --check: {}", String::from_utf8_lossy(&out.stdout));
    Pack { pages, sizes }
}

/// Renders a plan's pack and checks what every pack must satisfy: it parses, passes qpdf, each
/// page carries the label and "Page X of Y" with the right Y; then that each expected text is
/// somewhere in it. Returns the pack for further checks.
fn check(plan: &Plan, options: &ReportOptions, expected: &[&str]) -> Pack {
    let bytes = build_report(plan, options).expect("pack");
    let pack = read_back(&bytes);
    let total = pack.pages.len();
    for (i, text) in pack.pages.iter().enumerate() {
        let footer = format!("Page {} of {total}", i + 1);
        assert!(text.contains(&footer), "page {} lacks \"{footer}\": {text}", i + 1);
        assert!(text.contains(options.label.trim()), "page {} lacks the label", i + 1);
    }
    let all = pack.all();
    for e in expected {
        assert!(all.contains(e), "the pack lacks \"{e}\"");
    }
    pack
}

fn usd() -> CurrencyFormat {
    CurrencyFormat { code: "USD".into(), minor_digits: 2 }
}

#[test]
fn demo_pack_has_every_section_and_the_engines_figures() {
    let plan = demo_plan();
    let mut expected: Vec<String> = SectionKind::ALL.iter().map(|s| s.title().to_owned()).collect();
    expected.extend(["Contents".into(), "City of Riverton".into(), "Board pack".into()]);
    // Each case's NPV and IRR, as cairn-case computes them in the plan's context (its policy and
    // milestones) and the app prints them.
    let ctx = cairn_case::Context::of(&plan);
    for case in &plan.business_cases {
        let e = cairn_case::evaluate_in(case, &ctx).expect("evaluate");
        expected.push(case.name.clone());
        expected.push(money(e.metrics.npv.value().expect("npv"), &usd()));
        expected.push(percent(e.metrics.irr.value().expect("irr"), 2));
    }
    // Roadmap spend by fiscal year, as the scenario comparison (and the roadmap) counts it.
    let c = cairn_scenario::compare(&plan, &["plan", "plan"]).expect("compare");
    for s in &c.variants[0].spend {
        expected.push(amount(s.capex + s.opex, 0));
    }
    expected.push(money(c.variants[0].portfolio_npv, &usd()));
    let refs: Vec<&str> = expected.iter().map(String::as_str).collect();
    let pack = check(&plan, &options(), &refs);
    // A4 throughout: portrait, and landscape for the roadmap's timeline.
    let a4 = |w: f32, h: f32| (w - 595.3).abs() < 1.0 && (h - 841.9).abs() < 1.0;
    assert!(pack.sizes.iter().all(|&(w, h)| a4(w, h) || a4(h, w)), "A4 pages: {:?}", pack.sizes);
    assert!(pack.sizes.iter().any(|&(w, h)| a4(h, w)), "the roadmap is on landscape pages");
    // The contents give each section's page: the page it names starts with that title.
    let input = report_input(&plan, &options()).expect("input");
    assert_eq!(input.cases.len(), plan.business_cases.len());
    let contents = &pack.pages[1];
    for (n, kind) in SectionKind::ALL.iter().enumerate() {
        let heading = format!(" {} {} ", n + 1, kind.title());
        let page = pack.pages.iter().enumerate().position(|(i, p)| i != 1 && format!(" {p} ").contains(&heading));
        let page = page.unwrap_or_else(|| panic!("no page starts {}", kind.title()));
        assert!(
            contents.contains(&format!("{} {}", kind.title(), page + 1)),
            "contents: {} on page {}",
            kind.title(),
            page + 1
        );
    }
}

#[test]
fn absent_data_is_said_in_one_line() {
    let demo = demo_plan();
    let empty = Plan::from_header(demo.header());
    let mut no_cases = demo.clone();
    no_cases.business_cases.clear();
    let cases: [(&str, &Plan, &[&str]); 3] = [
        (
            "empty plan",
            &empty,
            &[
                "No strategic goals in this plan.",
                "No initiatives in this plan",
                "No business cases in this plan.",
                "No sourcing studies in this plan.",
                "No scenarios in this plan to compare.",
                "No budget figures",
            ],
        ),
        ("no business cases", &no_cases, &["No business cases in this plan.", "Resilient services"]),
        ("demo", &demo, &["Data-centre exit to cloud", "Service desk"]),
    ];
    for (name, plan, expected) in cases {
        eprintln!("case: {name}");
        check(plan, &options(), expected);
    }
}

#[test]
fn long_names_wrap_or_shorten_and_missing_glyphs_show() {
    let mut plan = synthetic_plan("long", 30);
    plan.initiative_mut(0).name = "Modernise ".repeat(20);
    plan.name = "Stratégie für Ærø, Łódź und Straße 漢".into();
    // No fallback fonts: the character no font has is a boxed "?" (tests read no system font).
    let mut o = options();
    o.fonts = FontSource::None;
    let pack = check(&plan, &o, &["Modernise Modernise", "…", "Stratégie für Ærø, Łódź und Straße", "?"]);
    assert!(!pack.all().contains('漢'), "a glyph the font lacks is substituted, not embedded blank");
}

#[test]
fn paper_sections_label_and_scenario_are_honoured() {
    let plan = demo_plan();
    let mut o = options();
    o.paper = Paper::Letter;
    o.label = "Strictly private".into();
    o.sections = parse_sections("appendix, summary").expect("sections");
    let pack = check(&plan, &o, &["Executive summary", "Appendix: assumptions and methods", "Strictly private"]);
    assert!(pack.sizes.iter().all(|(w, h)| (w - 612.0).abs() < 1.0 && (h - 792.0).abs() < 1.0), "US Letter");
    assert!(!pack.all().contains("Scenario comparison"));

    let mut o = options();
    o.scenario = Some("Cautious benefits".into());
    let resolved = cairn_scenario::variant(&plan, "Cautious benefits").expect("variant").plan;
    let ctx = cairn_case::Context::of(&resolved);
    let e = cairn_case::evaluate_in(&resolved.business_cases[0], &ctx).expect("evaluate");
    let npv = e.metrics.npv.value().expect("npv");
    check(&plan, &o, &["As in the scenario", &money(npv, &usd())]);

    let mut o = options();
    o.scenario = Some("No such scenario".into());
    assert_eq!(build_report(&plan, &o).expect_err("unknown").code, ErrorCode::NotFound);
    assert_eq!(parse_sections("summary,nope").expect_err("unknown").code, ErrorCode::InvalidInput);
}

#[test]
fn the_roadmap_tiles_a_long_horizon_and_continues_lanes() {
    let mut plan = synthetic_plan("tiles", 100);
    plan.settings.horizon.years = 20;
    for (i, x) in plan.initiatives.iter_mut().map(std::sync::Arc::make_mut).enumerate() {
        x.end = x.start.add_months(12 * (i as i32 % 15)).expect("month");
    }
    let mut o = options();
    o.sections = vec![SectionKind::Roadmap];
    let pack = check(&plan, &o, &["part 1 of", "part 2 of", "continued", "Initiative 99"]);
    assert!(pack.sizes[2].0 > pack.sizes[2].1, "the roadmap is on landscape pages");
}

#[test]
fn logos_and_bad_output_paths() {
    let plan = demo_plan();
    let mut o = options();
    o.logo = Some(include_bytes!("logo.png").to_vec());
    check(&plan, &o, &["Board pack"]);
    o.logo = Some(b"not an image".to_vec());
    assert_eq!(build_report(&plan, &o).expect_err("bad logo").code, ErrorCode::InvalidInput);

    let dir = tempfile::tempdir().expect("tempdir");
    let missing = dir.path().join("no-such-folder").join("pack.pdf");
    let err = write_report(&plan, &options(), &missing).expect_err("unwritable");
    assert_eq!(err.code, ErrorCode::Io);
    assert!(err.message.contains("pack.pdf"), "{}", err.message);
    let target = dir.path().join("pack.pdf");
    let size = write_report(&plan, &options(), &target).expect("written");
    assert_eq!(std::fs::metadata(&target).expect("file").len(), size);
    let left: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").flatten().map(|e| e.file_name()).collect();
    assert_eq!(left.len(), 1, "no temporary file left behind: {left:?}");
}

/// The demo pack's charts say what the plan holds (issue 16 item 8): every initiative's full
/// name on the roadmap, each lane whole on one page, the today line, milestones; the budget's
/// years over the ceiling and the theme ceilings; the base case on each risk chart; and one
/// percent style ("6 %", never "6%") across the pack.
#[test]
fn the_demo_pack_charts_show_names_marks_and_ceilings() {
    let plan = demo_plan();
    let input = report_input(&plan, &options()).expect("input");
    for paper in [Paper::A4, Paper::Letter] {
        let mut o = options();
        o.paper = paper;
        let pack = check(&plan, &o, &["Today", "Theme ceilings", "Cybersecurity and resilience — headroom"]);
        let all = pack.all();
        for lane in &input.roadmap.lanes {
            let names: Vec<&str> = lane.bars.iter().map(|b| b.name.as_str()).collect();
            for name in &names {
                assert!(all.contains(name), "{paper:?}: the full name \"{name}\" is in the pack");
            }
            // A lane that fits on a page is on one page: the page with its heading holds every bar.
            // (The summary may name a theme too: the lane's page is the one with its first bar.)
            let heading = pack
                .pages
                .iter()
                .find(|p| p.contains(&lane.name) && names.first().is_some_and(|n| p.contains(n)))
                .expect("lane heading");
            for name in &names {
                assert!(heading.contains(name), "{paper:?}: lane {} is split: {name} is not with it", lane.name);
            }
        }
        for x in &plan.initiatives {
            for m in &x.milestones {
                let cut = m.name.chars().take(6).collect::<String>();
                assert!(all.contains(&cut), "{paper:?}: milestone \"{}\" is drawn", m.name);
            }
        }
        let b = &input.budget;
        let over: Vec<f64> = (0..b.years.len())
            .filter_map(|i| {
                let total: rust_decimal::Decimal = b.rows.iter().map(|r| r.amounts[i]).sum();
                b.ceilings[i].filter(|c| total > *c).map(|c| cairn_core::to_f64(total - c).expect("f64"))
            })
            .collect();
        assert!(!over.is_empty(), "the demo is over its ceiling in some year");
        for by in over {
            let text = format!("over by {}", cairn_report::format::compact_money(by, &usd()));
            assert!(all.contains(&text), "{paper:?}: \"{text}\" marks the year");
        }
        let risky = input.cases.iter().filter(|c| c.risk.is_some()).count();
        assert!(risky > 0);
        // Each simulated case has two risk charts: its histogram in the case's part and its NPV
        // S-curve in the risk section.
        assert_eq!(all.matches("Base case").count(), 2 * risky, "{paper:?}: the base case on every risk chart");
        let digits_then_percent = all.as_bytes().windows(2).filter(|w| w[0].is_ascii_digit() && w[1] == b'%').count();
        assert_eq!(digits_then_percent, 0, "{paper:?}: every percentage reads \"6 %\", as cairn_core::text writes it");
    }
}

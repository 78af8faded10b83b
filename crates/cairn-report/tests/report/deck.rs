//! The 16:9 board deck read back: every money, percent and fiscal-year figure on it is printed
//! the same way in the pack of the same plan (base and each demo scenario), the key figures are
//! in both, no text is smaller than 18 pt, every slide is 16:9 and bookmarked, and the decisions
//! slide shows the decisions and errors it is given (or the recommendations without them).

use std::collections::BTreeSet;

use cairn_api::{ReportOptions, build_report, report_input};
use cairn_core::{Id, demo_plan};
use cairn_report::format::{amount, money, money_whole};
use cairn_report::{Layout, SectionKind, SpendKind, SummaryFinding, render_deck};
use rust_decimal::Decimal;

use super::{Pack, options, read_back};

fn deck_options() -> ReportOptions {
    let mut o = options();
    o.layout = Layout::Deck;
    o
}

/// The figures a text prints: amounts of money ("$1,180,000", "−$206,694.62", "$1.2M"),
/// percentages ("27.1 %"), fiscal years ("FY2027") and grouped whole amounts ("−1,180,000").
/// A word cut with an ellipsis is not a figure.
fn figures(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let words: Vec<&str> = text.split(|c: char| c.is_whitespace() || c == '–').filter(|w| !w.is_empty()).collect();
    let trim = |w: &str| -> String {
        w.trim_start_matches(['(', '“', '"']).trim_end_matches([')', '”', '"', ',', ';', ':', '.']).to_owned()
    };
    for (i, raw) in words.iter().enumerate() {
        if raw.contains('…') {
            continue;
        }
        let w = trim(raw);
        let body = w.strip_prefix('−').unwrap_or(&w);
        let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.');
        if let Some(m) = body.strip_prefix('$') {
            let m = m.trim_end_matches(['K', 'M', 'B']);
            if digits(m) {
                out.insert(w.clone());
            }
        } else if w.len() >= 6 && w.starts_with("FY") && w[2..6].chars().all(|c| c.is_ascii_digit()) {
            out.insert(w[..6].to_owned());
        } else if words.get(i + 1).is_some_and(|n| n.starts_with('%')) && digits(body) {
            out.insert(format!("{w} %"));
        } else if body.contains(',') && digits(body) && body.split(',').skip(1).all(|g| g.len() == 3) {
            out.insert(w.clone());
        }
    }
    out
}

fn deck_of(options: &ReportOptions) -> Pack {
    read_back(&build_report(&demo_plan(), options).expect("deck"))
}

#[test]
fn every_figure_on_the_deck_is_the_packs() {
    let plan = demo_plan();
    let mut scenarios: Vec<Option<String>> = vec![None];
    scenarios.extend(plan.scenarios.iter().map(|s| Some(s.name.clone())));
    for scenario in scenarios {
        let mut o = options();
        o.scenario.clone_from(&scenario);
        let pack = read_back(&build_report(&plan, &o).expect("pack")).all();
        o.layout = Layout::Deck;
        let deck = deck_of(&o).all();
        let on_deck = figures(&deck);
        assert!(on_deck.len() > 40, "{scenario:?}: the deck has figures: {on_deck:?}");
        for f in &on_deck {
            assert!(pack.contains(f.as_str()), "{scenario:?}: the deck's {f} is not in the pack");
        }
        // The key figures are in both: portfolio NPV, each case's NPV, each year's total
        // investment and how far it runs over its ceiling.
        let input = report_input(&plan, &o).expect("input");
        let cur = &input.currency;
        // The portfolio NPV in whole units, as the summary's tile prints it.
        let mut key = vec![cairn_core::text::money(input.summary.portfolio_npv.expect("cases"), &cur.code, 0)];
        for c in &input.cases {
            key.push(money(c.base_npv.expect("npv"), cur));
        }
        let b = &input.budget;
        for (i, ceiling) in b.ceilings.iter().enumerate() {
            let total = b.rows.iter().map(|r| r.amounts[i]).sum::<Decimal>();
            key.push(amount(total, 0));
            if let Some(c) = ceiling.filter(|c| total > *c) {
                key.push(money_whole(total - c, cur));
            }
        }
        assert!(key.len() > 8, "{key:?}");
        for k in &key {
            assert!(deck.contains(k.as_str()), "{scenario:?}: the deck lacks {k}");
            assert!(pack.contains(k.as_str()), "{scenario:?}: the pack lacks {k}");
        }
        assert!(b.rows.iter().any(|r| r.kind == SpendKind::Opex));
    }
}

/// The font sizes set by every `Tf` operator of every page's content.
fn font_sizes(bytes: &[u8]) -> Vec<f32> {
    let doc = lopdf::Document::load_mem(bytes).expect("lopdf");
    let mut sizes = Vec::new();
    for (_, id) in doc.get_pages() {
        let content = doc.get_and_decode_page_content(id).expect("content");
        for op in content.operations.iter().filter(|op| op.operator == "Tf") {
            let size = op.operands.get(1).and_then(|o| o.as_float().ok()).expect("a Tf size");
            sizes.push(size);
        }
    }
    sizes
}

#[test]
fn slides_are_16_9_bookmarked_and_never_below_18_pt() {
    let bytes = build_report(&demo_plan(), &deck_options()).expect("deck");
    let deck = read_back(&bytes);
    assert!(deck.sizes.iter().all(|&(w, h)| (w - 960.0).abs() < 0.5 && (h - 540.0).abs() < 0.5), "{:?}", deck.sizes);
    let sizes = font_sizes(&bytes);
    assert!(sizes.len() > 100, "the deck sets text");
    let smallest = sizes.iter().copied().fold(f32::MAX, f32::min);
    assert!(smallest >= 18.0, "the smallest text on the deck is {smallest} pt");
    // The pack sets smaller text: the check can fail.
    let pack = build_report(&demo_plan(), &options()).expect("pack");
    assert!(font_sizes(&pack).iter().any(|s| *s < 18.0));
    // Title, decisions, strategy, roadmap, budget, 3 cases, 2 studies, risks, scenarios.
    assert_eq!(deck.pages.len(), 12);
    let total = deck.pages.len();
    for (i, page) in deck.pages.iter().enumerate().skip(1) {
        assert!(page.contains(&format!("{} / {total}", i + 1)), "slide {} is numbered", i + 1);
    }
    let doc = lopdf::Document::load_mem(&bytes).expect("lopdf");
    let outlines = doc.catalog().and_then(|c| c.get(b"Outlines")).is_ok();
    assert!(outlines, "the deck has bookmarks");
    // The outline's entries, one per slide, named by its topic.
    let titles: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.has(b"Parent"))
        .filter_map(|d| d.get(b"Title").ok())
        .filter_map(|t| lopdf::decode_text_string(t).ok())
        .collect();
    assert_eq!(titles.len(), total, "{titles:?}");
    for topic in ["Decisions sought", "Strategy on a page", "Budget against ceilings", "Scenario comparison"] {
        assert!(deck.all().contains(topic), "no slide {topic}");
        assert!(titles.iter().any(|t| t == topic), "no bookmark {topic}: {titles:?}");
    }
    let all = deck.all();
    for title in [
        // $1,180,000 before the portal carried optimism bias, plus its uplift on FY2027's $1.9M
        // of capex, 200 % × 2/21: $1,900,000 × 4/21 = $361,904.76.
        "2 years run over their ceilings, FY2027 most, by $1,541,905",
        "26 initiatives in 6 themes run from FY2027 to FY2031",
        // The preferred options' NPSVs: ERP $1,449,047.06, the exit −$100,960.88 and the portal
        // $1,977,338.43 (each rounded to the cent; their unrounded sum rounds to .62).
        "share the highest portfolio NPV, $3,325,424.62",
    ] {
        assert!(all.contains(title), "no action title \"{title}\"");
    }
}

#[test]
fn the_decisions_slide_shows_decisions_and_errors_or_else_the_recommendations() {
    let plan = demo_plan();
    let o = deck_options();
    let mut input = report_input(&plan, &o).expect("input");
    input.sections = vec![SectionKind::Summary];
    // The demo's decisions, and its errors, all accepted: no error to resolve first.
    assert!(!input.summary.decisions.is_empty());
    let with_demo = read_back(&render_deck(&input).expect("deck")).all();
    assert!(with_demo.contains(&input.summary.decisions[0]), "{with_demo}");
    assert!(!with_demo.contains("Plan errors to resolve"), "accepted errors are not to resolve: {with_demo}");
    input.summary.decisions.clear();
    input.summary.findings.clear();
    let recommendation = input.summary.recommendations[0].clone();
    let fallback = read_back(&render_deck(&input).expect("deck")).all();
    assert!(fallback.contains("The board is asked to act on 3 recommendations"), "{fallback}");
    assert!(fallback.contains(&recommendation));

    input.summary.decisions =
        vec!["Approve the FY2027 budget of $20,180,000.".into(), "Choose the hybrid desk.".into()];
    input.summary.findings = vec![
        SummaryFinding {
            error: true,
            text: "FY2027 is over its ceiling by $1,180,000.".into(),
            explanation: String::new(),
        },
        SummaryFinding {
            error: false,
            text: "A warning the board need not decide on.".into(),
            explanation: String::new(),
        },
    ];
    let deck = read_back(&render_deck(&input).expect("deck")).all();
    assert!(deck.contains("The board is asked for 2 decisions; 1 error in the plan to resolve first"), "{deck}");
    assert!(deck.contains("Approve the FY2027 budget of $20,180,000."));
    assert!(deck.contains("Plan errors to resolve") && deck.contains("FY2027 is over its ceiling by $1,180,000."));
    assert!(!deck.contains("A warning the board need not decide on."));
    assert!(!deck.contains(&recommendation), "decisions replace the recommendations");
    assert!(!deck.contains("Scenario comparison"), "--sections applies to the deck");
}

#[test]
fn more_than_eight_cases_give_the_eight_largest_a_slide() {
    let mut plan = demo_plan();
    let demo = plan.business_cases.clone();
    plan.business_cases = (0..10)
        .map(|i| {
            let mut c = demo[i % demo.len()].clone();
            c.id = Id::new(format!("case-{i}")).expect("id");
            c.name = format!("Case {i}");
            c
        })
        .collect();
    let mut o = deck_options();
    o.sections = vec![SectionKind::Cases];
    o.simulation.iterations = 200;
    let input = report_input(&plan, &o).expect("input");
    let mut by_size: Vec<(Decimal, usize)> = input.cases.iter().enumerate().map(|(i, c)| (c.investment, i)).collect();
    by_size.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let left_out: Vec<usize> = by_size[8..].iter().map(|x| x.1).collect();
    assert!(input.cases.iter().any(|c| c.investment != input.cases[0].investment), "investments differ");
    let deck = read_back(&render_deck(&input).expect("deck"));
    assert_eq!(deck.pages.len(), 1 + 8, "a title and eight case slides");
    let all = deck.all();
    assert!(all.contains("The deck shows the 8 business cases with the largest investment, of 10"));
    for i in 0..10 {
        let shown = all.contains(&format!("Business case: Case {i} "));
        assert_eq!(shown, !left_out.contains(&i), "case {i}");
    }
}

//! The pack's figures against the app's: every cash-flow row of a case equals the case page's
//! (`cairn_api::case_result`), read back from the PDF with `pdftotext -layout`; and every
//! recommendation agrees with the risk figures printed beside it.

use std::collections::HashMap;
use std::process::Command;

use cairn_api::{ReportOptions, build_report, case_result, report_input};
use cairn_core::{BusinessCase, CaseYear, FiscalYear, LineAmounts, Plan, YearAmount, demo_plan};
use cairn_report::SectionKind;
use cairn_report::format::amount;
use rust_decimal::Decimal;

use super::{options, read_back};

/// The pack's text laid out as on the page (`pdftotext -layout`, from poppler-utils).
fn layout_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let pdf = dir.path().join("pack.pdf");
    std::fs::write(&pdf, bytes).expect("write");
    let out = Command::new("pdftotext").arg("-layout").arg(&pdf).arg("-").output();
    let out = out.expect("pdftotext is installed (make system-deps installs poppler-utils)");
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8(out.stdout).expect("UTF-8")
}

/// The cash-flow table of a pack holding one case, as row label → one cell per column (the
/// `Total` column last), put back together from its parts (a wide table is split into parts,
/// each repeating the label column; a part broken by a page repeats its header).
fn cash_table(text: &str, columns: &[String], labels: &[String]) -> HashMap<String, Vec<String>> {
    let mut rows: HashMap<String, Vec<String>> =
        labels.iter().map(|l| (l.clone(), vec![String::new(); columns.len()])).collect();
    let mut part: Option<(usize, usize)> = None;
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        let joined = words.join(" ");
        if let Some(head) = joined.strip_prefix("USD (whole units) ") {
            part = (0..columns.len())
                .flat_map(|s| (s + 1..=columns.len()).map(move |e| (s, e)))
                .find(|&(s, e)| columns[s..e].join(" ") == head);
            assert!(part.is_some(), "a table header of unknown columns: {head}");
            continue;
        }
        let Some((s, e)) = part else { continue };
        if joined.starts_with("Cumulative cash and payback") {
            break;
        }
        let n = e - s;
        let Some(label) = labels.iter().filter(|l| joined.starts_with(&format!("{l} "))).max_by_key(|l| l.len()) else {
            continue;
        };
        assert!(words.len() >= n, "row {label}: {joined}");
        let cells = &words[words.len() - n..];
        assert_eq!(cells.join(" ").len() + label.len() + 1, joined.len(), "row {label} has {n} cells: {joined}");
        let row = rows.get_mut(label).expect("known label");
        for (k, cell) in cells.iter().enumerate() {
            assert!(row[s + k].is_empty() || row[s + k] == *cell, "row {label} printed twice differently");
            row[s + k] = (*cell).to_owned();
        }
    }
    rows
}

/// A cell as printed back to a number: "1,600,000", "−577,000", "–" (zero).
fn cell_value(cell: &str) -> Decimal {
    if cell == "–" {
        return Decimal::ZERO;
    }
    let negative = cell.starts_with('−');
    let digits: String = cell.chars().filter(char::is_ascii_digit).collect();
    let v: Decimal = digits.parse().unwrap_or_else(|_| panic!("not an amount: {cell}"));
    if negative { -v } else { v }
}

/// Renders the cases section of `plan` holding only `case` and checks its cash-flow table row by
/// row against the case page's evaluation; with `exact`, also that each row's printed cells add
/// up to its printed total (the amounts are whole units then, so rounding cannot excuse a gap).
fn check_cash_flow(plan: &Plan, case: &BusinessCase, exact: bool) {
    let mut one = plan.clone();
    one.business_cases = vec![case.clone()];
    let api = case_result(&one, case.id.as_str(), 20.0).expect("the case page's evaluation");
    let mut o = options();
    o.sections = vec![SectionKind::Cases];
    let bytes = build_report(&one, &o).expect("pack");
    let text = layout_text(&bytes);
    let mut columns: Vec<String> = api.columns.iter().map(|c| c.label.clone()).collect();
    columns.push("Total".into());
    // The rows the pack prints, by the case page's keys.
    let mut wanted: Vec<(&str, &cairn_api::case_dto::RowDto)> = Vec::new();
    for r in &api.cash {
        let label = match r.key.as_str() {
            "capex" | "opex" | "net" | "tax" => r.label.as_str(),
            "benefits" => "Total benefits",
            "cumulative" => "Cumulative cash flow",
            k if k.starts_with("category:") => r.label.as_str(),
            _ => continue,
        };
        wanted.push((label, r));
    }
    let labels: Vec<String> = wanted.iter().map(|(l, _)| (*l).to_owned()).collect();
    let table = cash_table(&text, &columns, &labels);
    let name = &case.name;
    for (label, r) in &wanted {
        let printed = &table[*label];
        let values: Vec<Decimal> = r.values.iter().map(|v| v.parse().expect("decimal")).collect();
        let expected: Vec<String> = values.iter().map(|v| amount(*v, 0)).collect();
        assert_eq!(&printed[..values.len()], &expected[..], "{name}: row {label} (upfront: {})", case.upfront);
        if let Some(total) = &r.total {
            let total: Decimal = total.parse().expect("decimal");
            assert_eq!(values.iter().copied().sum::<Decimal>(), total, "{name}: {label} adds up");
            assert_eq!(printed[values.len()], amount(total, 0), "{name}: {label} total");
            if exact {
                let sum: Decimal = printed[..values.len()].iter().map(|c| cell_value(c)).sum();
                assert_eq!(sum, cell_value(&printed[values.len()]), "{name}: printed {label} adds up");
            }
        }
    }
    // The chart's points are t = 0, 1, 2…: a case without Year 0 starts at 0 ("Start").
    let input = report_input(&one, &o).expect("input");
    let section = &input.cases[0];
    assert_eq!(section.periods.len(), section.cumulative.len(), "{name}: one point per label");
    let start: &[f64] = if case.upfront { &[] } else { &[0.0] };
    assert_eq!(section.cumulative, [start, &api.chart_cumulative[..]].concat(), "{name}: chart points");
    assert_eq!(section.periods[0], if case.upfront { "Year 0" } else { "Start" });
}

#[test]
fn every_demo_case_prints_the_case_pages_cash_flow() {
    let plan = demo_plan();
    assert!(plan.business_cases.iter().any(|c| !c.upfront), "the demo has a case without Year 0");
    for case in &plan.business_cases {
        check_cash_flow(&plan, case, false);
    }
}

/// A deterministic stream of numbers (SplitMix64) for the random cases.
struct Seeded(u64);

impl Seeded {
    fn next(&mut self, below: u64) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        (z ^ (z >> 31)) % below
    }
}

#[test]
fn random_cases_with_and_without_year_0_print_the_case_pages_cash_flow() {
    let plan = demo_plan();
    let template = &plan.business_cases[0];
    let mut rng = Seeded(16);
    for round in 0..12 {
        let mut case = template.clone();
        case.upfront = round % 2 == 0;
        case.years = 1 + u8::try_from(rng.next(9)).expect("small");
        case.first_year = FiscalYear(plan.settings.horizon.first_year.0 + i32::try_from(rng.next(3)).expect("small"));
        case.tax_rate = None;
        case.benefit_realisation = Decimal::ONE;
        let mut columns: Vec<CaseYear> = Vec::new();
        if case.upfront {
            columns.push(CaseYear::Upfront);
        }
        columns.extend((0..i32::from(case.years)).map(|i| CaseYear::Year(FiscalYear(case.first_year.0 + i))));
        for line in &mut case.lines {
            line.uncertainty = None;
            // Random amounts in random years are no profile keyed to the roadmap's milestones.
            line.starts_at = None;
            line.in_service = None;
            let mut amounts = Vec::new();
            for at in &columns {
                if rng.next(3) > 0 {
                    amounts.push(YearAmount { at: *at, amount: Decimal::from(1_000 * (1 + rng.next(2_000))) });
                }
            }
            line.amounts = LineAmounts::Entered { amounts };
        }
        check_cash_flow(&plan, &case, true);
    }
}

/// The summary's recommendation on `name`, and the risks it lists for it.
fn advice_on<'t>(summary: &'t str, name: &str) -> (&'t str, Vec<&'t str>) {
    let quoted = format!("“{name}”");
    let recommendations = summary.split("Recommendations").nth(1).expect("a recommendations list");
    let risks = summary.split("Key risks").nth(1).map_or("", |r| r.split("Recommendations").next().unwrap_or(""));
    let sentences = |text: &'t str| -> Vec<&'t str> {
        // A sentence after a page break follows the running header and footer on its own line.
        text.split_inclusive(". ")
            .filter(|s| s.contains(&quoted))
            .map(|s| s.rsplit('\n').next().unwrap_or(s).trim())
            .collect()
    };
    let recommendation = sentences(recommendations)
        .into_iter()
        .find(|s| {
            ["Proceed with ", "Review ", "Rework or stop ", "Go ahead with "].iter().any(|p| s.starts_with(p))
                && s.contains(&quoted)
        })
        .unwrap_or_else(|| panic!("no recommendation on {name}: {recommendations}"));
    (recommendation, sentences(risks))
}

#[test]
fn every_recommendation_agrees_with_the_risk_figures_beside_it() {
    // The rule this test restates is the default policy's (the most likely NPV, a chance of a
    // loss below 10 %): the demo without its own policy.
    let mut plan = demo_plan();
    plan.settings.appraisal = cairn_core::AppraisalPolicy::default();
    let mut variants: Vec<Option<String>> = vec![None];
    variants.extend(plan.scenarios.iter().map(|s| Some(s.name.clone())));
    let mut seen = HashMap::new();
    for scenario in variants {
        let mut o: ReportOptions = options();
        o.scenario = scenario.clone();
        o.sections = vec![SectionKind::Summary, SectionKind::Cases, SectionKind::Appendix];
        let resolved = match &scenario {
            Some(s) => cairn_scenario::variant(&plan, s).expect("variant").plan,
            None => plan.clone(),
        };
        let pack = read_back(&build_report(&plan, &o).expect("pack"));
        let all = pack.all();
        assert!(all.contains("“Proceed” only when the NPV is positive"), "the appendix states the rule");
        // The executive summary, over as many pages as it takes: from its heading to the next
        // section's (the contents list both first, so the last occurrences are the headings).
        let from = all.rfind("Executive summary").expect("a summary");
        let to = all.rfind("Business cases").filter(|&to| to > from).unwrap_or(all.len());
        let summary = &all[from..to];
        // Each case's part of the cases section, from its heading ("2.1 ERP replacement") to the
        // next one; the contents list the headings first, so the last occurrence is the part.
        let cases = &resolved.business_cases;
        let starts: Vec<usize> = cases
            .iter()
            .enumerate()
            .map(|(i, c)| all.rfind(&format!(".{} {} ", i + 1, c.name)).expect("the case's heading"))
            .collect();
        for (i, case) in cases.iter().enumerate() {
            let name = &case.name;
            let at = format!("{scenario:?}: {name}");
            let (recommendation, risks) = advice_on(summary, name);
            *seen.entry(recommendation.split(' ').next().unwrap_or("").to_owned()).or_insert(0) += 1;
            // The chance of a negative NPV as the case's part prints it.
            let end = starts.get(i + 1).copied().or_else(|| all.rfind("Appendix")).unwrap_or(all.len());
            let part = &all[starts[i]..end];
            // (The risk chart's line gives it as a figure; the recommendation above may quote it
            // in a sentence first.)
            let chance = part
                .split("chance of a negative NPV ")
                .skip(1)
                .find(|r| r.starts_with(|c: char| c.is_ascii_digit()))
                .map(|rest| {
                    let figure = rest.split(" %").next().expect("a percentage");
                    figure.parse::<f64>().expect("a number") / 100.0
                });
            // The default rule's limit: below 10 %.
            let material = chance.is_some_and(|c| c >= 0.10);
            // A mandatory case is judged by its least present value of cost, not by its NPV.
            if case.mandatory.is_some() {
                assert!(recommendation.starts_with(&format!("Go ahead with “{name}”")), "{at}: {recommendation}");
                continue;
            }
            let ctx = cairn_case::Context::of(&resolved);
            let e = cairn_case::evaluate_in(case, &ctx).expect("evaluate");
            let npv = e.metrics.npv.value().expect("npv");
            // Every sensitivity the page shows that turns the NPV negative.
            let bars = cairn_case::sensitivity_in(case, Decimal::new(20, 2), &ctx).expect("sensitivity").bars;
            let negative: Vec<_> = bars.iter().filter(|b| b.npv_low.min(b.npv_high) < 0.0).collect();
            if npv < 0.0 {
                assert!(recommendation.starts_with("Rework or stop"), "{at}: {recommendation}");
                continue;
            }
            if material {
                assert!(recommendation.starts_with("Review "), "{at}: {recommendation} beside {chance:?}");
                assert!(risks.iter().any(|r| r.contains("chance of a negative NPV")), "{at}: listed as a risk");
            } else if !negative.is_empty() {
                assert!(recommendation.starts_with("Proceed with conditions on"), "{at}: {recommendation}");
            } else {
                assert!(recommendation.starts_with(&format!("Proceed with “{name}” (")), "{at}: {recommendation}");
                // No risk the rule reads stands beside it (a case that pays back only with its
                // non-cash benefits is said so, but the rule counts every benefit).
                let against: Vec<_> = risks.iter().filter(|r| !r.contains("does not pay back in cash")).collect();
                assert!(against.is_empty(), "{at}: proceeds beside the risks {against:?}");
            }
            for b in &negative {
                let driver = b.driver.to_lowercase();
                assert!(recommendation.contains(&driver), "{at}: the recommendation names {driver}: {recommendation}");
                assert!(risks.iter().any(|r| r.contains(&driver)), "{at}: {driver} is a key risk");
            }
        }
    }
    // The demo exercises the rule: a mandatory case goes ahead by cost, one is held back for
    // review on its chance of a loss (the portal, with its register's adoption risk) and one is
    // sent back.
    assert!(seen.contains_key("Go") && seen.contains_key("Review") && seen.contains_key("Rework"), "{seen:?}");
}

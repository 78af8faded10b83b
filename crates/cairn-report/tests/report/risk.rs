//! The risk section read back: the register's sentence, top risks and breaches held to the
//! register as `cairn_api::risk_register` scores it (the appetite rule of `cairn_core::risk`),
//! the schedule confidence to `cairn roadmap confidence`'s figures, and each case's S-curve
//! sentence to `cairn case simulate`'s, with the same runs and seed.

use cairn_api::{case_simulate, parse_sections, portfolio_confidence_of, risk_register, roadmap_confidence};
use cairn_core::narrative::risk_pack as words;
use cairn_core::{Plan, RiskKind, RiskStatus, YearMonth, demo_plan};

use super::{check, options, usd};

/// The pages of the risk section: from its title to the next section's.
fn section(pages: &[String]) -> String {
    let start = pages.iter().position(|p| p.contains("Risk register")).expect("the risk section");
    let end = pages.iter().skip(start).position(|p| p.contains("Sourcing studies")).map_or(pages.len(), |k| start + k);
    pages[start..end].join("\n")
}

fn month(text: &str) -> String {
    words::month(text.parse::<YearMonth>().expect("month"))
}

#[test]
fn the_demo_pack_states_its_register_schedule_and_cases_from_the_engines() {
    let plan = demo_plan();
    let o = options();
    let pack = check(&plan, &o, &["Risk register", "Schedule confidence", "Business cases: NPV S-curves"]);
    let text = section(&pack.pages);

    // The register: counts and flags by the one rule, as the register's API gives them.
    let register = risk_register(&plan);
    let live: Vec<_> = plan.risks.iter().filter(|r| r.status != RiskStatus::Closed).collect();
    let threats = live.iter().filter(|r| r.kind == RiskKind::Threat).count();
    let above: Vec<_> = register.risks.iter().filter(|r| r.above_appetite).collect();
    assert!(!above.is_empty(), "the demo has risks above appetite");
    let summary = words::register(threats, live.len() - threats, above.len());
    assert!(text.contains(&summary), "the register's sentence \"{summary}\" in {text}");
    for r in &above {
        let appetite = r.appetite.expect("an appetite");
        let sentence = words::breach(&r.risk.title, &r.category_name, r.residual_score, appetite);
        assert!(text.contains(&sentence), "the breach \"{sentence}\"");
    }
    // The top risk by residual score leads the table, flagged above appetite.
    let best = live.iter().filter(|r| r.kind == RiskKind::Threat).map(|r| r.residual.score()).max().expect("a threat");
    let top = live.iter().find(|r| r.kind == RiskKind::Threat && r.residual.score() == best).expect("the top threat");
    let table = text.find("Top risks by residual score").expect("the table");
    let row = text[table..].find(&top.title).expect("the top risk is listed");
    if plan.settings.risk.above_appetite(top) {
        assert!(text[table + row..].contains(&format!("{best} · above")), "flagged above appetite");
    }

    // Schedule confidence: the CLI's figures, same runs and seed, stated on the page.
    let runs = o.simulation.iterations;
    let seed = o.simulation.seed;
    let cli = roadmap_confidence(&plan, None, runs, seed).expect("confidence");
    let finish = cli.finish.expect("a finish");
    let planned: YearMonth =
        cairn_api::roadmap_schedule(&plan).expect("schedule").finish.expect("planned finish").parse().expect("month");
    let sentence = words::schedule(planned, finish.p50.parse().expect("p50"), finish.p80.parse().expect("p80"));
    assert!(text.contains(&sentence), "\"{sentence}\"");
    assert!(
        text.contains(&format!("P50 {}", month(&finish.p50))) && text.contains(&format!("P80 {}", month(&finish.p80)))
    );
    assert!(text.contains(&format!(
        "The roadmap's end Every initiative {} {} {}",
        words::month(planned),
        month(&finish.p50),
        month(&finish.p80)
    )));
    assert!(text.contains("10,000 runs, seed 20270701"), "runs and seed stated");

    // Each simulated case's S-curve: the sentence holds `cairn case simulate`'s P50 and P80.
    let mut curves = 0;
    for case in &plan.business_cases {
        if !case.lines.iter().any(|l| l.uncertainty.is_some()) {
            continue;
        }
        let sim = case_simulate(&plan, case.id.as_str(), None, runs, seed).expect("simulate");
        let p50 = cairn_report::format::money(sim.npv.p50, &usd());
        let p80 = cairn_report::format::money(sim.npv.p80, &usd());
        let expected = format!("Half the runs give an NPV of at most {p50} and 80 % at most {p80}");
        assert!(text.contains(&case.name) && text.contains(&expected), "{}: \"{expected}\"", case.name);
        curves += 1;
    }
    assert!(curves > 0, "the demo simulates its cases");
    // Each year's chance of breaching its ceiling and the JCL: the API's portfolio confidence at
    // the pack's runs and seed, in the narrative's words.
    let c = portfolio_confidence_of(&plan, o.simulation.iterations, o.simulation.seed, None).expect("confidence");
    let years: Vec<(String, f64)> =
        c.years.iter().filter_map(|y| y.prob_breach.map(|p| (y.label.clone(), p))).collect();
    assert!(!years.is_empty(), "the demo has ceilings");
    let summary = words::budget(&years);
    assert!(text.contains(&summary), "the budget's sentence \"{summary}\" in {text}");
    let j = c.jcl.expect("a JCL");
    let jcl = words::jcl(j.percentile, j.finish.parse::<YearMonth>().expect("month"), j.cost, j.probability, &usd());
    assert!(text.contains(&jcl), "the JCL's sentence \"{jcl}\"");
}

#[test]
fn a_plan_without_register_or_roadmap_says_so_and_the_section_can_be_chosen_alone() {
    let mut plan: Plan = demo_plan();
    plan.risks.clear();
    for case in &mut plan.business_cases {
        for line in &mut case.lines {
            line.uncertainty = None;
        }
    }
    let mut o = options();
    o.sections = parse_sections("risks").expect("the risks section by its key");
    let pack = check(&plan, &o, &[words::NO_REGISTER, words::NO_CASE_CURVES, "Schedule confidence"]);
    assert!(!pack.all().contains("economic case"), "only the chosen section");
    plan.initiatives.clear();
    plan.risks.clear();
    let input = cairn_api::report_input(&plan, &o).expect("input");
    assert!(input.risks.schedule.is_none() && input.risks.schedule_note.contains("no schedule to simulate"));
}

//! The board pack's plan-wide sections as view data (`cairn_report` input): the goals' themes,
//! the budget against the ceilings (portfolio and themes) as the roadmap rolls it up, and each
//! sourcing study as the board sees it. `report::report_input` assembles them with the cases,
//! the roadmap and the scenarios.

use cairn_core::{Plan, narrative};
use cairn_report::{BudgetRow, BudgetSection, CurrencyFormat, SourcingSection, SpendKind, ThemeCeiling};
use rust_decimal::Decimal;

/// The initiatives serving `goal`, by theme in the plan's order ("No theme" last, for those
/// without a theme or with one the plan lacks); themes serving it with none are left out.
pub(crate) fn goal_themes(plan: &Plan, goal: &cairn_core::Id) -> Vec<(String, Vec<String>)> {
    let serving: Vec<&cairn_core::Initiative> =
        plan.initiatives.iter().filter(|x| x.goals.contains(goal)).map(|x| &**x).collect();
    let mut out: Vec<(String, Vec<String>)> = plan
        .themes
        .iter()
        .map(|t| {
            let names = serving.iter().filter(|x| x.theme.as_ref() == Some(&t.id)).map(|x| x.name.clone()).collect();
            (t.name.clone(), names)
        })
        .collect();
    let orphans: Vec<String> = serving
        .iter()
        .filter(|x| x.theme.as_ref().is_none_or(|id| !plan.themes.iter().any(|t| &t.id == id)))
        .map(|x| x.name.clone())
        .collect();
    out.push(("No theme".into(), orphans));
    out.retain(|(_, names)| !names.is_empty());
    out
}

/// The budget by fiscal year as the roadmap rolls it up: each theme's capex and opex (linked
/// business cases' cost lines included), against the portfolio ceilings.
pub(crate) fn budget_section(plan: &Plan) -> BudgetSection {
    let rollup = match cairn_roadmap::budget(plan) {
        Ok(r) => r,
        Err(e) => {
            // A pack is still produced; the section says why it has no figures.
            let years: Vec<String> = plan.settings.horizon.fiscal_years().map(|fy| plan.year_label(fy)).collect();
            return BudgetSection {
                ceilings: vec![None; years.len()],
                years,
                rows: Vec::new(),
                source: narrative::budget_not_rolled_up(&e),
                theme_ceilings: Vec::new(),
            };
        }
    };
    let theme_name = |t: &Option<cairn_core::Id>| match t {
        Some(id) => plan.themes.iter().find(|x| &x.id == id).map_or(id.to_string(), |x| x.name.clone()),
        None => "No theme".to_owned(),
    };
    let mut rows = Vec::new();
    for (k, theme) in rollup.themes.iter().enumerate() {
        for kind in [SpendKind::Capex, SpendKind::Opex] {
            let amounts: Vec<Decimal> = rollup
                .years
                .iter()
                .map(|y| {
                    y.themes.get(k).map_or(Decimal::ZERO, |c| if kind == SpendKind::Capex { c.capex } else { c.opex })
                })
                .collect();
            if amounts.iter().any(|a| !a.is_zero()) {
                rows.push(BudgetRow { name: theme_name(theme), kind, amounts });
            }
        }
    }
    // Each theme with a ceiling in some year (the scenario's own ceilings when the pack shows
    // a scenario: `plan` is the resolved variant), against its spend.
    let theme_ceilings = rollup
        .themes
        .iter()
        .enumerate()
        .filter(|(k, _)| rollup.years.iter().any(|y| y.themes.get(*k).is_some_and(|c| c.ceiling.is_some())))
        .map(|(k, theme)| ThemeCeiling {
            theme: theme_name(theme),
            ceilings: rollup.years.iter().map(|y| y.themes.get(k).and_then(|c| c.ceiling)).collect(),
            spend: rollup.years.iter().map(|y| y.themes.get(k).map_or(Decimal::ZERO, |c| c.total)).collect(),
        })
        .collect();
    BudgetSection {
        theme_ceilings,
        years: rollup.years.iter().map(|y| y.label.clone()).collect(),
        rows,
        ceilings: rollup.years.iter().map(|y| y.ceiling).collect(),
        source: narrative::budget_source(rollup.outside_horizon, &CurrencyFormat::of(plan.settings.currency)),
    }
}

/// A sourcing study as the board sees it: options, weighted criteria, scores, the ranking,
/// TCO per option and how robust the winner is.
pub(crate) fn sourcing_section(plan: &Plan, study: &cairn_core::SourcingStudy) -> SourcingSection {
    let mut section = SourcingSection {
        name: study.name.clone(),
        service: study.service.clone(),
        recommendation: study.recommendation.trim().to_owned(),
        options: study.options.iter().map(|o| o.name.clone()).collect(),
        criteria: study.criteria.iter().map(|c| (c.name.clone(), 0.0)).collect(),
        ..Default::default()
    };
    let discount = match crate::sourcing::study_discount(plan, study, "sourcing_study") {
        Ok(d) => d,
        Err(err) => {
            section.robustness.push(narrative::study_not_evaluated(&err.message));
            return section;
        }
    };
    let e = match cairn_sourcing::evaluate_study(
        study,
        &plan.settings.horizon,
        &discount,
        cairn_sourcing::RobustnessSettings::default(),
    ) {
        Ok(e) => e,
        Err(err) => {
            section.robustness.push(narrative::study_not_evaluated(&err));
            return section;
        }
    };
    section.criteria = study.criteria.iter().zip(&e.weights).map(|(c, w)| (c.name.clone(), *w)).collect();
    section.lower_is_better = study
        .criteria
        .iter()
        .enumerate()
        .filter(|(_, c)| c.direction == cairn_core::CriterionDirection::Cost)
        .map(|(i, _)| i)
        .collect();
    // The rate its costs were discounted at (the plan's schedule or its own): labelled when it is
    // one rate, "present value" alone when it changes from year to year.
    section.discount_rate = match discount.rates() {
        [first, rest @ ..] if rest.iter().all(|r| r.to_bits() == first.to_bits()) => Some(*first),
        _ => None,
    };
    // The weights come from the pairwise judgements: their consistency, as the study page says.
    section.consistency_ratio = e.ahp.as_ref().map(|a| a.cr);
    section.money_criteria = study
        .criteria
        .iter()
        .enumerate()
        .filter(|(_, c)| c.basis == cairn_core::CriterionBasis::PresentValueTco)
        .map(|(i, _)| i)
        .collect();
    // Scores: one row per criterion, one column per option.
    section.scores = (0..study.criteria.len())
        .map(|j| e.matrix.iter().map(|row| row.get(j).copied().unwrap_or(f64::NAN)).collect())
        .collect();
    if let Some(ranking) = e.rankings.first() {
        let mut order: Vec<usize> = (0..study.options.len()).collect();
        order.sort_by_key(|&i| ranking.ranks.get(i).copied().unwrap_or(usize::MAX));
        section.ranking = order
            .iter()
            .map(|&i| (study.options[i].name.clone(), ranking.scores.get(i).copied().unwrap_or(f64::NAN)))
            .collect();
    }
    section.tco = study.options.iter().zip(&e.costs).map(|(o, c)| (o.name.clone(), c.tco)).collect();
    section.robustness.push(narrative::methods_agree(e.agree_on_winner));
    if let Some(r) = &e.robustness {
        let best = r
            .weighted_sum
            .p_first
            .iter()
            .enumerate()
            .max_by(|a, b| a.1.total_cmp(b.1))
            .map(|(i, p)| (study.options[i].name.clone(), *p));
        if let Some((name, p)) = best {
            section.robustness.push(narrative::first_under_random_weights(&name, p, r.settings.samples));
        }
        for b in r.break_even.iter().filter(|b| b.weight.is_some()).take(3) {
            if let (Some(w), Some(c), Some(winner)) =
                (b.weight, study.criteria.get(b.criterion), b.new_winner.and_then(|i| study.options.get(i)))
            {
                let current = e.weights.get(b.criterion).copied().unwrap_or(0.0);
                let leader = e.rankings.first().and_then(|r| r.ranks.iter().position(|k| *k == 1));
                let leader = leader.and_then(|i| study.options.get(i)).map_or("", |o| o.name.as_str());
                section.robustness.push(narrative::break_even_weight(&c.name, w, current, &winner.name, leader, b.tie));
            }
        }
    }
    if !study.recommendation.trim().is_empty() {
        section.robustness.push(narrative::written_recommendation(&study.recommendation));
    }
    section
}

//! Sourcing-study use cases: list, create, edit (each edit one undoable step), evaluate with
//! robustness, choose an option, write the recommendation.

use std::str::FromStr;

use cairn_core::{
    CostProfile, Criterion, CriterionBasis, CriterionDirection, Id, Judgement, Override, Plan, Score, SourcingKind,
    SourcingOption, SourcingStudy, Weighting, default_criteria,
};
use cairn_sourcing::study::{StudyEvaluation, pairwise_matrix};
use cairn_sourcing::{RandomIndex, RobustnessSettings, StudyError, StudyMethod, WeightMethod};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;

use crate::cases::fresh_id;
use crate::sourcing_dto::*;
use crate::{ApiError, Cairn, ErrorCode, parse_amount, parse_percent, roadmap_variant};

/// How a study's costs are timed, as the UI and the board pack state it.
pub const SOURCING_CONVENTION: &str = "Costs run over the plan's horizon: the transition cost falls in the first \
    year, the run cost in every year (escalated from the first), the exit cost in the last. Each fiscal year's costs \
    are at its end, so PV TCO = NPV(rate, FY1…FYn), as in Excel. The total-cost criterion is the PV TCO.";

macro_rules! kinds {
    ($($v:ident),*) => {
        fn kind_from(k: SourcingKindDto) -> SourcingKind {
            match k { $(SourcingKindDto::$v => SourcingKind::$v,)* }
        }
        fn kind_to(k: SourcingKind) -> SourcingKindDto {
            match k { $(SourcingKind::$v => SourcingKindDto::$v,)* }
        }
    };
}
kinds!(InHouse, ManagedService, Saas, Cloud, Hybrid, SharedService, Custom);

fn direction_from(d: DirectionDto) -> CriterionDirection {
    match d {
        DirectionDto::Benefit => CriterionDirection::Benefit,
        DirectionDto::Cost => CriterionDirection::Cost,
    }
}

fn direction_to(d: CriterionDirection) -> DirectionDto {
    match d {
        CriterionDirection::Benefit => DirectionDto::Benefit,
        CriterionDirection::Cost => DirectionDto::Cost,
    }
}

fn text(v: Decimal) -> String {
    v.normalize().to_string()
}

fn percent_text(fraction: Decimal) -> String {
    text(fraction * Decimal::ONE_HUNDRED)
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

fn not_found(what: &str, id: &str) -> ApiError {
    ApiError::new(ErrorCode::NotFound, format!("no {what} has the id \"{id}\""))
}

fn find<'p>(plan: &'p Plan, study_id: &str) -> Result<(usize, &'p SourcingStudy), ApiError> {
    plan.sourcing_studies
        .iter()
        .enumerate()
        .find(|(_, s)| s.id.as_str() == study_id)
        .ok_or_else(|| not_found("sourcing study", study_id))
}

fn study_mut<'p>(plan: &'p mut Plan, study_id: &str) -> Result<&'p mut SourcingStudy, ApiError> {
    plan.sourcing_studies
        .iter_mut()
        .find(|s| s.id.as_str() == study_id)
        .ok_or_else(|| not_found("sourcing study", study_id))
}

fn option_index(s: &SourcingStudy, option_id: &str) -> Result<usize, ApiError> {
    s.options.iter().position(|o| o.id.as_str() == option_id).ok_or_else(|| not_found("option", option_id))
}

fn criterion_index(s: &SourcingStudy, criterion_id: &str) -> Result<usize, ApiError> {
    s.criteria.iter().position(|c| c.id.as_str() == criterion_id).ok_or_else(|| not_found("criterion", criterion_id))
}

fn parse_id(text: &str, field: &str) -> Result<Id, ApiError> {
    Id::new(text.trim()).map_err(|e| ApiError::invalid(field, e.to_string()))
}

/// Parses a number as typed ("7", "7.5", "-12"); `what` says what is expected.
fn parse_number(text: &str, field: &str, what: &str) -> Result<Decimal, ApiError> {
    let t = text.trim();
    if t.contains(['e', 'E']) {
        return Err(ApiError::invalid(field, format!("\"{text}\" is not {what}")));
    }
    Decimal::from_str(t).map_err(|_| ApiError::invalid(field, format!("\"{text}\" is not {what}")))
}

fn study_error(e: StudyError, at: &str) -> ApiError {
    match e {
        StudyError::Overflow { field } => {
            ApiError::invalid(format!("{at}.{field}"), "the amounts are too large to add up")
        }
        StudyError::Invalid { field, reason } if field.starts_with("settings.") => ApiError::invalid(field, reason),
        StudyError::Invalid { field, reason } => ApiError::invalid(format!("{at}.{field}"), reason),
    }
}

fn kinds() -> Vec<SourcingKindInfoDto> {
    SourcingKind::ALL.iter().map(|k| SourcingKindInfoDto { kind: kind_to(*k), label: k.label().into() }).collect()
}

fn option_input(o: &SourcingOption) -> OptionInputDto {
    OptionInputDto {
        name: o.name.clone(),
        kind: kind_to(o.kind),
        description: o.description.clone(),
        transition: text(o.costs.transition),
        run_per_year: text(o.costs.run_per_year),
        escalation: percent_text(o.costs.escalation),
        exit: text(o.costs.exit),
        headcount_change: text(o.headcount_change),
        contract_years: o.contract_years,
    }
}

fn study_dto(plan: &Plan, s: &SourcingStudy) -> StudyDto {
    let effective = cairn_sourcing::study::study_weights(s).ok().map(|(w, _)| w);
    let typed_total: Decimal = s.criteria.iter().map(|c| c.weight).fold(Decimal::ZERO, |a, b| a.saturating_add(b));
    let criteria = s
        .criteria
        .iter()
        .enumerate()
        .map(|(j, c)| CriterionDto {
            id: c.id.to_string(),
            name: c.name.clone(),
            description: c.description.clone(),
            direction: direction_to(c.direction),
            derived_from_cost: c.basis == CriterionBasis::PresentValueTco,
            weight: if typed_total > Decimal::ZERO {
                percent_text((c.weight / typed_total).round_dp(4))
            } else {
                "0".into()
            },
            effective_weight: effective.as_ref().and_then(|w| w.get(j).copied()),
        })
        .collect();
    let options = s
        .options
        .iter()
        .map(|o| OptionDto {
            id: o.id.to_string(),
            input: option_input(o),
            scores: s
                .criteria
                .iter()
                .filter(|c| c.basis == CriterionBasis::Scores)
                .map(|c| {
                    let score = o.score(&c.id);
                    ScoreDto {
                        criterion: c.id.to_string(),
                        value: score.map(|x| text(x.value)).unwrap_or_default(),
                        rationale: score.map(|x| x.rationale.clone()).unwrap_or_default(),
                    }
                })
                .collect(),
        })
        .collect();
    StudyDto {
        id: s.id.to_string(),
        header: StudyHeaderDto {
            name: s.name.clone(),
            service: s.service.clone(),
            description: s.description.clone(),
            discount_rate: percent_text(s.discount_rate),
        },
        weighting: match s.weighting {
            Weighting::Direct => WeightingDto::Direct,
            Weighting::Pairwise => WeightingDto::Pairwise,
        },
        criteria,
        judgements: s
            .judgements
            .iter()
            .map(|j| JudgementDto { more: j.more.to_string(), less: j.less.to_string(), intensity: j.intensity })
            .collect(),
        options,
        chosen: s.chosen.as_ref().map(ToString::to_string),
        parent_chosen: None,
        recommendation: s.recommendation.clone(),
        currency: plan.settings.currency.code().to_owned(),
        years: plan.settings.horizon.fiscal_years().map(|fy| plan.year_label(fy)).collect(),
        kinds: kinds(),
    }
}

fn ahp_dto(s: &SourcingStudy, a: &cairn_sourcing::Ahp) -> AhpDto {
    let id = |one_based: usize| {
        one_based.checked_sub(1).and_then(|k| s.criteria.get(k)).map(|c| c.id.to_string()).unwrap_or_default()
    };
    AhpDto {
        weights: a.weights.clone(),
        lambda_max: a.lambda_max,
        ci: a.ci,
        cr: a.cr,
        consistent: a.consistent,
        most_inconsistent: a.most_inconsistent.as_ref().map(|j| InconsistentJudgementDto {
            row: id(j.row),
            column: id(j.column),
            value: j.value,
            suggested: j.suggested,
        }),
    }
}

/// "USD 6.23 million", "USD 850,000".
fn money(v: f64, currency: &str) -> String {
    if v.abs() >= 1e6 {
        format!("{currency} {:.2} million", v / 1e6)
    } else {
        format!("{currency} {}", cairn_core::text::grouped(Decimal::try_from(v).unwrap_or_default()))
    }
}

fn percent(p: f64) -> String {
    format!("{:.0} %", p * 100.0)
}

/// A recommendation paragraph from the figures, for the CIO to edit.
fn draft(plan: &Plan, s: &SourcingStudy, e: &StudyEvaluation) -> String {
    let currency = plan.settings.currency.code();
    let by_rank = |r: &[usize], k: usize| r.iter().position(|x| *x == k);
    let ws = &e.rankings[0];
    let Some(w) = by_rank(&ws.ranks, 1) else { return String::new() };
    let o = &s.options[w];
    let years = format!(
        "{}–{}",
        plan.year_label(plan.settings.horizon.first_year),
        plan.year_label(plan.settings.horizon.last_year())
    );
    let service = if s.service.is_empty() { &s.name } else { &s.service };
    let label = o.kind.label();
    // "Hybrid (hybrid)" says nothing: name the model only when the option's name does not.
    let mut out = if o.name.to_lowercase().contains(&label.to_lowercase()) {
        format!("Recommend {} for {service}. ", o.name)
    } else {
        format!("Recommend {} ({}) for {service}. ", o.name, label.to_lowercase())
    };
    out.push_str(&if e.agree_on_winner {
        "It ranks first under the weighted sum, AHP and TOPSIS. ".to_owned()
    } else {
        let others: Vec<String> = e.rankings[1..]
            .iter()
            .filter_map(|r| {
                by_rank(&r.ranks, 1)
                    .filter(|x| *x != w)
                    .map(|x| format!("{} under {}", s.options[x].name, r.method.label()))
            })
            .collect();
        format!("It ranks first under the weighted sum; the methods disagree ({} ranks first). ", others.join(", "))
    });
    out.push_str(&format!(
        "Its present-value cost over {years} is {} ({} nominal)",
        money(e.costs[w].pv_tco, currency),
        money(cairn_sourcing::study::to_f64(e.costs[w].tco), currency)
    ));
    let cheapest = (0..s.options.len()).min_by(|a, b| e.costs[*a].pv_tco.total_cmp(&e.costs[*b].pv_tco));
    match cheapest {
        Some(c) if c != w => out.push_str(&format!(
            ", {} more than the cheapest option, {}. ",
            money(e.costs[w].pv_tco - e.costs[c].pv_tco, currency),
            s.options[c].name
        )),
        _ => out.push_str(", the lowest of the options. "),
    }
    if let Some(second) = by_rank(&ws.ranks, 2) {
        out.push_str(&format!("The closest alternative is {}. ", s.options[second].name));
    }
    if let Some(r) = &e.robustness {
        out.push_str(&format!(
            "It ranks first in {} of {} weightings drawn around the agreed weights",
            percent(r.weighted_sum.p_first[w]),
            cairn_core::text::grouped(Decimal::from(r.weighted_sum.samples))
        ));
        let nearest = r
            .break_even
            .iter()
            .filter_map(|b| b.weight.map(|x| (b.criterion, x, (x - e.weights[b.criterion]).abs())))
            .min_by(|a, b| a.2.total_cmp(&b.2));
        match nearest {
            Some((j, x, _)) => out.push_str(&format!(
                "; the choice changes only if the weight of {} moves from {} to {}.",
                s.criteria[j].name,
                percent(e.weights[j]),
                percent(x)
            )),
            None => out.push_str("; no single weight change alters the winner."),
        }
    }
    if !o.headcount_change.is_zero() {
        let verb = if o.headcount_change.is_sign_negative() { "falls" } else { "rises" };
        out.push_str(&format!(" The organisation's own headcount {verb} by {} FTE.", text(o.headcount_change.abs())));
    }
    out
}

fn result_dto(plan: &Plan, s: &SourcingStudy, e: &StudyEvaluation) -> StudyResultDto {
    let to_f64 = cairn_sourcing::study::to_f64;
    // The radar's profile: each criterion scaled so the best option is 1 and, for a cost, the
    // cheapest or least risky is 1 (min / x), as the weighted sum normalises.
    let profile = |i: usize| -> Vec<f64> {
        (0..e.directions.len())
            .map(|j| {
                let column = e.matrix.iter().map(|r| r[j]);
                let v = e.matrix[i][j];
                match e.directions[j] {
                    cairn_sourcing::Direction::Benefit => {
                        let max = column.fold(0.0, f64::max);
                        if max > 0.0 { v / max } else { 0.0 }
                    }
                    cairn_sourcing::Direction::Cost => {
                        let min = column.fold(f64::INFINITY, f64::min);
                        if v > 0.0 { min / v } else { 0.0 }
                    }
                }
            })
            .collect()
    };
    let options = s
        .options
        .iter()
        .enumerate()
        .map(|(i, o)| OptionResultDto {
            id: o.id.to_string(),
            name: o.name.clone(),
            kind: o.kind.label().into(),
            costs_by_year: e.costs[i].by_year.iter().map(|v| to_f64(*v)).collect(),
            pv_by_year: e.costs[i].pv_by_year.clone(),
            tco: text(e.costs[i].tco),
            pv_tco: e.costs[i].pv_tco,
            quality: e.quality[i],
            cost_per_point: e.cost_per_point[i],
            headcount_change: text(o.headcount_change),
            profile: profile(i),
        })
        .collect();
    let rankings = e
        .rankings
        .iter()
        .map(|r| RankingDto {
            method: match r.method {
                StudyMethod::WeightedSum => "weighted_sum",
                StudyMethod::Ahp => "ahp",
                StudyMethod::Topsis => "topsis",
            }
            .into(),
            label: r.method.label().into(),
            scores: r.scores.clone(),
            ranks: r.ranks.iter().map(|k| count(*k)).collect(),
        })
        .collect();
    let winner = e.rankings[0].ranks.iter().position(|k| *k == 1).map(|w| s.options[w].id.to_string());
    let robustness = e.robustness.as_ref().map(|r| RobustnessDto {
        break_even: r
            .break_even
            .iter()
            .map(|b| BreakEvenDto {
                criterion: s.criteria[b.criterion].id.to_string(),
                name: s.criteria[b.criterion].name.clone(),
                current: e.weights[b.criterion],
                weight: b.weight,
                new_winner: b.new_winner.map(|k| s.options[k].name.clone()),
            })
            .collect(),
        p_first_weighted_sum: r.weighted_sum.p_first.clone(),
        p_first_topsis: r.topsis.p_first.clone(),
        mean_rank_weighted_sum: r.weighted_sum.mean_rank.clone(),
        reversal_weighted_sum: r.reversal_weighted_sum.iter().map(|x| x.reversed).collect(),
        reversal_topsis: r.reversal_topsis.iter().map(|x| x.reversed).collect(),
        reversal_on_copy_weighted_sum: r.reversal_on_copy_weighted_sum,
        reversal_on_copy_topsis: r.reversal_on_copy_topsis,
        samples: count(r.settings.samples),
        concentration: r.settings.concentration,
    });
    StudyResultDto {
        years: e.years.iter().map(|fy| plan.year_label(*fy)).collect(),
        criteria: s.criteria.iter().map(|c| c.name.clone()).collect(),
        weights: e.weights.clone(),
        options,
        rankings,
        agree_on_winner: e.agree_on_winner,
        agree_on_ranking: e.agree_on_ranking,
        winner: winner.unwrap_or_default(),
        ahp: e.ahp.as_ref().map(|a| ahp_dto(s, a)),
        robustness,
        draft_recommendation: draft(plan, s, e),
        convention: SOURCING_CONVENTION.into(),
    }
}

fn option_from(input: &OptionInputDto, id: Id, scores: Vec<Score>, at: &str) -> Result<SourcingOption, ApiError> {
    let f = |field: &str| format!("{at}.{field}");
    Ok(SourcingOption {
        id,
        name: input.name.trim().to_owned(),
        kind: kind_from(input.kind),
        description: input.description.clone(),
        costs: CostProfile {
            transition: parse_amount(&input.transition, &f("costs.transition"))?,
            run_per_year: parse_amount(&input.run_per_year, &f("costs.run_per_year"))?,
            escalation: if input.escalation.trim().is_empty() {
                Decimal::ZERO
            } else {
                parse_percent(&input.escalation, &f("costs.escalation"))?
            },
            exit: parse_amount(&input.exit, &f("costs.exit"))?,
        },
        headcount_change: if input.headcount_change.trim().is_empty() {
            Decimal::ZERO
        } else {
            parse_number(&input.headcount_change, &f("headcount_change"), "a number of FTE (e.g. -12 or 2.5)")?
        },
        contract_years: input.contract_years,
        scores,
    })
}

fn judgements_from(s: &SourcingStudy, list: &[JudgementDto]) -> Result<Vec<Judgement>, ApiError> {
    list.iter()
        .enumerate()
        .filter(|(_, j)| j.intensity != 1)
        .map(|(k, j)| {
            let more = parse_id(&j.more, &format!("judgements[{k}].more"))?;
            let less = parse_id(&j.less, &format!("judgements[{k}].less"))?;
            criterion_index(s, more.as_str())?;
            criterion_index(s, less.as_str())?;
            Ok(Judgement { more, less, intensity: j.intensity })
        })
        .collect()
}

impl Cairn {
    /// A plan's sourcing studies.
    pub fn list_studies(&self, plan_id: &str) -> Result<Vec<StudySummaryDto>, ApiError> {
        self.list_studies_in(plan_id, None)
    }

    /// The studies as the plan (`None`) or a scenario has them: a scenario may choose another
    /// option.
    pub fn list_studies_in(&self, plan_id: &str, scenario: Option<&str>) -> Result<Vec<StudySummaryDto>, ApiError> {
        let plan = self.plan_in(plan_id, scenario)?;
        Ok(plan
            .sourcing_studies
            .iter()
            .map(|s| StudySummaryDto {
                id: s.id.to_string(),
                name: s.name.clone(),
                service: s.service.clone(),
                options: count(s.options.len()),
                criteria: count(s.criteria.len()),
                chosen: s.chosen.as_ref().and_then(|c| s.option(c.as_str())).map(|o| o.name.clone()),
            })
            .collect())
    }

    /// One study as edited.
    pub fn get_study(&self, plan_id: &str, study_id: &str) -> Result<StudyDto, ApiError> {
        self.get_study_in(plan_id, None, study_id)
    }

    /// One study as the plan (`None`) or a scenario has it. In a scenario whose choice differs
    /// from its parent's, `parent_chosen` says what the parent chose.
    pub fn get_study_in(&self, plan_id: &str, scenario: Option<&str>, study_id: &str) -> Result<StudyDto, ApiError> {
        let stored = self.store.load(plan_id)?;
        let plan = roadmap_variant::resolved(&stored, scenario)?;
        let mut dto = study_dto(&plan, find(&plan, study_id)?.1);
        if let Some(scenario) = scenario {
            let parent = roadmap_variant::parent_of(&stored, scenario)?;
            let theirs = find(&parent, study_id)?.1.chosen.as_ref().map(ToString::to_string);
            if theirs != dto.chosen {
                dto.parent_chosen = Some(theirs.unwrap_or_default());
            }
        }
        Ok(dto)
    }

    /// The study in the domain model, for other Rust callers (report, CLI).
    pub fn study(&self, plan_id: &str, study_id: &str) -> Result<SourcingStudy, ApiError> {
        let plan = self.store.load(plan_id)?;
        Ok(find(&plan, study_id)?.1.clone())
    }

    fn edit_study(
        &self,
        plan_id: &str,
        study_id: &str,
        description: &str,
        now: DateTime<Utc>,
        change: impl FnOnce(&mut SourcingStudy) -> Result<(), ApiError>,
    ) -> Result<StudyDto, ApiError> {
        self.edit(plan_id, description, now, |p| change(study_mut(p, study_id)?))?;
        self.get_study(plan_id, study_id)
    }

    /// Creates a study with the nine default criteria and no options.
    pub fn create_study(
        &self,
        plan_id: &str,
        name: &str,
        service: &str,
        now: DateTime<Utc>,
    ) -> Result<StudyDto, ApiError> {
        let name = name.trim().to_owned();
        let mut new_id = None;
        self.edit(plan_id, &format!("Create sourcing study \"{name}\""), now, |p| {
            let id = fresh_id(&name, "study", p.sourcing_studies.iter().map(|s| &s.id))?;
            new_id = Some(id.clone());
            p.sourcing_studies.push(SourcingStudy {
                id,
                name: name.clone(),
                service: service.trim().to_owned(),
                description: String::new(),
                discount_rate: cairn_core::sourcing::DEFAULT_DISCOUNT_RATE,
                weighting: Weighting::Direct,
                criteria: default_criteria(),
                judgements: Vec::new(),
                options: Vec::new(),
                chosen: None,
                recommendation: String::new(),
            });
            Ok(())
        })?;
        let id = new_id.ok_or_else(|| ApiError::new(ErrorCode::Io, "the study was not created"))?;
        self.get_study(plan_id, id.as_str())
    }

    /// Changes a study's name, service, description and discount rate.
    pub fn update_study(
        &self,
        plan_id: &str,
        study_id: &str,
        header: &StudyHeaderDto,
        now: DateTime<Utc>,
    ) -> Result<StudyDto, ApiError> {
        let rate = parse_percent(&header.discount_rate, "discount_rate")?;
        self.edit_study(plan_id, study_id, &format!("Edit sourcing study \"{}\"", header.name.trim()), now, |s| {
            s.name = header.name.trim().to_owned();
            s.service = header.service.trim().to_owned();
            s.description = header.description.clone();
            s.discount_rate = rate;
            Ok(())
        })
    }

    /// Deletes a study (undoable).
    pub fn delete_study(&self, plan_id: &str, study_id: &str, now: DateTime<Utc>) -> Result<(), ApiError> {
        let name = self.study(plan_id, study_id)?.name;
        self.edit(plan_id, &format!("Delete sourcing study \"{name}\""), now, |p| {
            p.sourcing_studies.retain(|s| s.id.as_str() != study_id);
            Ok(())
        })?;
        Ok(())
    }

    /// Adds an option; it scores the middle of the scale on every scored criterion until edited.
    pub fn add_option(
        &self,
        plan_id: &str,
        study_id: &str,
        input: &OptionInputDto,
        now: DateTime<Utc>,
    ) -> Result<StudyDto, ApiError> {
        self.edit_study(plan_id, study_id, &format!("Add option \"{}\"", input.name.trim()), now, |s| {
            let id = fresh_id(&input.name, "option", s.options.iter().map(|o| &o.id))?;
            let scores = s
                .criteria
                .iter()
                .filter(|c| c.basis == CriterionBasis::Scores)
                .map(|c| Score { criterion: c.id.clone(), value: Score::NEUTRAL, rationale: String::new() })
                .collect();
            let option = option_from(input, id, scores, &format!("options[{}]", s.options.len()))?;
            s.options.push(option);
            Ok(())
        })
    }

    /// Changes an option's fields, keeping its scores.
    pub fn update_option(
        &self,
        plan_id: &str,
        study_id: &str,
        option_id: &str,
        input: &OptionInputDto,
        now: DateTime<Utc>,
    ) -> Result<StudyDto, ApiError> {
        self.edit_study(plan_id, study_id, &format!("Edit option \"{}\"", input.name.trim()), now, |s| {
            let i = option_index(s, option_id)?;
            let old = &s.options[i];
            s.options[i] = option_from(input, old.id.clone(), old.scores.clone(), &format!("options[{i}]"))?;
            Ok(())
        })
    }

    /// Removes an option (and the choice, if it was the chosen one).
    pub fn remove_option(
        &self,
        plan_id: &str,
        study_id: &str,
        option_id: &str,
        now: DateTime<Utc>,
    ) -> Result<StudyDto, ApiError> {
        self.edit_study(plan_id, study_id, "Remove option", now, |s| {
            let i = option_index(s, option_id)?;
            s.options.remove(i);
            if s.chosen.as_ref().is_some_and(|c| c.as_str() == option_id) {
                s.chosen = None;
            }
            Ok(())
        })
    }

    /// Adds a scored criterion; every option scores the middle of the scale on it until edited.
    pub fn add_criterion(
        &self,
        plan_id: &str,
        study_id: &str,
        input: &CriterionInputDto,
        now: DateTime<Utc>,
    ) -> Result<StudyDto, ApiError> {
        let at = "criteria";
        let weight = parse_percent(&input.weight, &format!("{at}.weight"))?;
        self.edit_study(plan_id, study_id, &format!("Add criterion \"{}\"", input.name.trim()), now, |s| {
            let id = fresh_id(&input.name, "criterion", s.criteria.iter().map(|c| &c.id))?;
            for o in &mut s.options {
                o.scores.push(Score { criterion: id.clone(), value: Score::NEUTRAL, rationale: String::new() });
            }
            s.criteria.push(Criterion {
                id,
                name: input.name.trim().to_owned(),
                description: input.description.clone(),
                direction: direction_from(input.direction),
                basis: CriterionBasis::Scores,
                weight,
            });
            Ok(())
        })
    }

    /// Changes a criterion's name, description, direction and typed weight. The total-cost
    /// criterion stays a cost.
    pub fn update_criterion(
        &self,
        plan_id: &str,
        study_id: &str,
        criterion_id: &str,
        input: &CriterionInputDto,
        now: DateTime<Utc>,
    ) -> Result<StudyDto, ApiError> {
        self.edit_study(plan_id, study_id, &format!("Edit criterion \"{}\"", input.name.trim()), now, |s| {
            let j = criterion_index(s, criterion_id)?;
            let weight = parse_percent(&input.weight, &format!("criteria[{j}].weight"))?;
            let c = &mut s.criteria[j];
            c.name = input.name.trim().to_owned();
            c.description = input.description.clone();
            c.direction = direction_from(input.direction);
            c.weight = weight;
            Ok(())
        })
    }

    /// Removes a criterion with its scores and judgements.
    pub fn remove_criterion(
        &self,
        plan_id: &str,
        study_id: &str,
        criterion_id: &str,
        now: DateTime<Utc>,
    ) -> Result<StudyDto, ApiError> {
        self.edit_study(plan_id, study_id, "Remove criterion", now, |s| {
            let j = criterion_index(s, criterion_id)?;
            if s.criteria[j].basis == CriterionBasis::PresentValueTco {
                return Err(ApiError::invalid(
                    "criterion",
                    format!(
                        "“{}” is derived from each option's present-value TCO and stays in every study; \
                         give it a weight of 0 to leave cost out of the ranking",
                        s.criteria[j].name
                    ),
                ));
            }
            let id = s.criteria.remove(j).id;
            for o in &mut s.options {
                o.scores.retain(|x| x.criterion != id);
            }
            s.judgements.retain(|x| x.more != id && x.less != id);
            Ok(())
        })
    }

    /// Sets an option's score on a criterion and its rationale.
    #[allow(clippy::too_many_arguments)]
    pub fn set_score(
        &self,
        plan_id: &str,
        study_id: &str,
        option_id: &str,
        criterion_id: &str,
        value: &str,
        rationale: &str,
        now: DateTime<Utc>,
    ) -> Result<StudyDto, ApiError> {
        self.edit_study(plan_id, study_id, "Edit a score", now, |s| {
            let i = option_index(s, option_id)?;
            let j = criterion_index(s, criterion_id)?;
            let field = format!("options[{i}].scores");
            if s.criteria[j].basis == CriterionBasis::PresentValueTco {
                return Err(ApiError::invalid(
                    field,
                    format!("\"{}\" is derived from the option's costs and is not scored", s.criteria[j].name),
                ));
            }
            let v = parse_number(value, &field, "a score from 1 to 10")?;
            if !(Score::MIN..=Score::MAX).contains(&v) {
                return Err(ApiError::invalid(field, format!("{} must be between 1 and 10", s.criteria[j].name)));
            }
            let id = s.criteria[j].id.clone();
            let scores = &mut s.options[i].scores;
            match scores.iter_mut().find(|x| x.criterion == id) {
                Some(x) => {
                    x.value = v;
                    x.rationale = rationale.to_owned();
                }
                None => scores.push(Score { criterion: id, value: v, rationale: rationale.to_owned() }),
            }
            Ok(())
        })
    }

    /// Types the weights (percent, normalised to their total) and switches to direct weighting.
    pub fn set_weights(
        &self,
        plan_id: &str,
        study_id: &str,
        weights: &[WeightDto],
        now: DateTime<Utc>,
    ) -> Result<StudyDto, ApiError> {
        self.edit_study(plan_id, study_id, "Set weights", now, |s| {
            let mut parsed = Vec::new();
            for w in weights {
                let j = criterion_index(s, &w.criterion)?;
                parsed.push((j, parse_percent(&w.weight, &format!("criteria[{j}].weight"))?));
            }
            for (j, w) in parsed {
                s.criteria[j].weight = w;
            }
            s.weighting = Weighting::Direct;
            Ok(())
        })
    }

    /// Sets the pairwise judgements and switches to AHP weighting. Judgements of 1 (equal) are
    /// not stored: a pair not judged counts as equal.
    pub fn set_judgements(
        &self,
        plan_id: &str,
        study_id: &str,
        judgements: &[JudgementDto],
        now: DateTime<Utc>,
    ) -> Result<StudyDto, ApiError> {
        self.edit_study(plan_id, study_id, "Set pairwise judgements", now, |s| {
            s.judgements = judgements_from(s, judgements)?;
            s.weighting = Weighting::Pairwise;
            Ok(())
        })
    }

    /// The AHP analysis of judgements without storing them: weights and CR while the CIO edits.
    pub fn preview_judgements(
        &self,
        plan_id: &str,
        study_id: &str,
        judgements: &[JudgementDto],
    ) -> Result<AhpDto, ApiError> {
        let plan = self.store.load(plan_id)?;
        let (_, study) = find(&plan, study_id)?;
        let mut s = study.clone();
        s.judgements = judgements_from(&s, judgements)?;
        for (k, j) in s.judgements.iter().enumerate() {
            if !(1..=9).contains(&j.intensity) {
                return Err(ApiError::invalid(format!("judgements[{k}].intensity"), "must be 1 to 9 (Saaty's scale)"));
            }
        }
        let a = cairn_sourcing::ahp(&pairwise_matrix(&s), WeightMethod::Eigenvector, RandomIndex::Saaty)
            .map_err(|e| ApiError::invalid("judgements", e.to_string()))?;
        Ok(ahp_dto(&s, &a))
    }

    /// Everything the results view shows, with `samples` random weightings (100 to 100,000)
    /// for the robustness analysis.
    pub fn evaluate_study(&self, plan_id: &str, study_id: &str, samples: u32) -> Result<StudyResultDto, ApiError> {
        self.evaluate_study_in(plan_id, None, study_id, samples)
    }

    /// [`Cairn::evaluate_study`] on the study as the plan (`None`) or a scenario has it.
    pub fn evaluate_study_in(
        &self,
        plan_id: &str,
        scenario: Option<&str>,
        study_id: &str,
        samples: u32,
    ) -> Result<StudyResultDto, ApiError> {
        if !(100..=100_000).contains(&samples) {
            return Err(ApiError::invalid("samples", "must be between 100 and 100,000"));
        }
        let plan = self.plan_in(plan_id, scenario)?;
        let (i, s) = find(&plan, study_id)?;
        let settings = RobustnessSettings { samples: samples as usize, ..RobustnessSettings::default() };
        let e = cairn_sourcing::evaluate_study(s, &plan.settings.horizon, settings)
            .map_err(|e| study_error(e, &format!("sourcing_studies[{i}]")))?;
        Ok(result_dto(&plan, s, &e))
    }

    /// Chooses the option the study recommends (`None` clears the choice).
    pub fn choose_option(
        &self,
        plan_id: &str,
        study_id: &str,
        option_id: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<StudyDto, ApiError> {
        self.edit_study(plan_id, study_id, "Choose option", now, |s| {
            s.chosen = match option_id {
                Some(o) => Some(s.options[option_index(s, o)?].id.clone()),
                None => None,
            };
            Ok(())
        })
    }

    /// Chooses the option in the plan (`scenario` `None`, as [`Cairn::choose_option`]) or in a
    /// scenario, where the choice is the scenario's override and the plan keeps its own. In a
    /// scenario, `None` (or the parent's own choice) drops the override: the scenario then follows
    /// its parent again.
    pub fn choose_option_in(
        &self,
        plan_id: &str,
        scenario: Option<&str>,
        study_id: &str,
        option_id: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<StudyDto, ApiError> {
        let Some(scenario) = scenario else {
            return self.choose_option(plan_id, study_id, option_id, now);
        };
        let name = roadmap_variant::scenario_name(&*self.store.load(plan_id)?, scenario)?;
        self.edit(plan_id, &format!("Choose option in scenario “{name}”"), now, |p| {
            let parent = roadmap_variant::parent_of(p, scenario)?;
            let (_, study) = find(&parent, study_id)?;
            let option = option_id.map(|o| option_index(study, o).map(|i| study.options[i].id.clone())).transpose()?;
            let target = p
                .scenarios
                .iter_mut()
                .find(|s| s.id.as_str() == scenario)
                .ok_or_else(|| not_found("scenario", scenario))?;
            match option {
                Some(option) => cairn_scenario::overrides::record(
                    &mut target.overrides,
                    &parent,
                    Override::StudyChoice { study: study.id.clone(), option },
                ),
                None => cairn_scenario::overrides::forget(
                    &mut target.overrides,
                    cairn_scenario::overrides::Slot::StudyChoice(&study.id),
                ),
            }
            Ok(())
        })?;
        self.get_study_in(plan_id, Some(scenario), study_id)
    }

    /// Replaces the recommendation text.
    pub fn set_recommendation(
        &self,
        plan_id: &str,
        study_id: &str,
        recommendation: &str,
        now: DateTime<Utc>,
    ) -> Result<StudyDto, ApiError> {
        self.edit_study(plan_id, study_id, "Edit recommendation", now, |s| {
            s.recommendation = recommendation.to_owned();
            Ok(())
        })
    }
}

/// Every sourcing model with its label.
pub fn sourcing_kinds() -> Vec<SourcingKindInfoDto> {
    kinds()
}

//! Sourcing-study use cases: list, create, edit (each edit one undoable step), evaluate with
//! robustness, choose an option, write the recommendation. The transport mapping is in
//! `sourcing_map`.

use cairn_core::{Criterion, CriterionBasis, Override, Plan, Score, SourcingStudy, Weighting, default_criteria};
use cairn_sourcing::study::pairwise_matrix;
use cairn_sourcing::{RandomIndex, RobustnessSettings, StudyError, WeightMethod};
use chrono::{DateTime, Utc};

use crate::cases::fresh_id;
use crate::codec::{parse_number, parse_percent};
use crate::sourcing_dto::*;
use crate::sourcing_map::{ahp_dto, count, direction_from, judgements_from, kinds, option_from, result_dto, study_dto};
use crate::{ApiError, Cairn, ErrorCode, roadmap_variant};

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

pub(crate) fn criterion_index(s: &SourcingStudy, criterion_id: &str) -> Result<usize, ApiError> {
    s.criteria.iter().position(|c| c.id.as_str() == criterion_id).ok_or_else(|| not_found("criterion", criterion_id))
}

pub(crate) fn study_error(e: StudyError, at: &str) -> ApiError {
    match e {
        StudyError::Overflow { field } => {
            ApiError::invalid(format!("{at}.{field}"), "the amounts are too large to add up")
        }
        StudyError::Invalid { field, reason } if field.starts_with("settings.") => ApiError::invalid(field, reason),
        StudyError::Invalid { field, reason } => ApiError::invalid(format!("{at}.{field}"), reason),
    }
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
                rate_reason: None,
                prices: cairn_core::PriceBasis::Nominal,
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
            for r in &mut p.risks {
                r.forget_options(|s, _| s.as_str() == study_id);
            }
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
        self.edit(plan_id, "Remove option", now, |p| {
            let s = study_mut(p, study_id)?;
            let i = option_index(s, option_id)?;
            s.options.remove(i);
            if s.chosen.as_ref().is_some_and(|c| c.as_str() == option_id) {
                s.chosen = None;
            }
            // A risk linked to the option forgets it, as a case forgets a deleted initiative.
            for r in &mut p.risks {
                r.forget_options(|s, o| s.as_str() == study_id && o.as_str() == option_id);
            }
            Ok(())
        })?;
        self.get_study(plan_id, study_id)
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
        let at = format!("sourcing_studies[{i}]");
        let discount = study_discount(&plan, s, &at)?;
        let e = cairn_sourcing::evaluate_study(s, &plan.settings.horizon, &discount, settings)
            .map_err(|e| study_error(e, &at))?;
        result_dto(&plan, s, &e, &at)
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

/// The schedule a study's costs are discounted at in `plan`: the plan's policy, or the study's own
/// rate (`cairn_case::study_schedule`, the rule a case follows). A plan-level setting's error
/// names the setting; a study's own, the study (`at`).
pub(crate) fn study_discount(
    plan: &cairn_core::Plan,
    study: &cairn_core::SourcingStudy,
    at: &str,
) -> Result<cairn_finance::DiscountSchedule, ApiError> {
    cairn_case::study_schedule(&plan.settings.appraisal, study, &plan.settings.horizon).map_err(|e| match e {
        cairn_case::CaseError::Invalid { field, reason } if field.starts_with("settings.") => {
            ApiError::invalid(field, reason)
        }
        e => crate::cases::case_error(e, at),
    })
}

//! The risk register's use cases: the register as the Risks page shows it (scores and the
//! appetite flag computed here from `cairn_core::RiskSettings`), adding, changing and deleting a
//! risk (each one undoable edit, validated with the whole plan), and `risk_list`, what `cairn
//! risk list` prints (docs/risk.md).

use cairn_core::{
    BenefitImpact, CostImpact, CostTiming, DelayImpact, FiscalYear, Id, ImpactLevel, LikelihoodLevel, OptionLink, Plan,
    Rating, Response, Risk, RiskAction, RiskCategory, RiskKind, RiskLinks, RiskScale, RiskSettings, RiskStatus,
    ThreePoint,
};
use chrono::{DateTime, NaiveDate, Utc};

use crate::cli_dto::{CliRiskDto, CliRiskLinksDto};
use crate::codec::{decimal_text, parse_amount, parse_id, parse_month, parse_number};
use crate::risk_dto::*;
use crate::{ApiError, Cairn, ErrorCode};

fn kind_dto(k: RiskKind) -> RiskKindDto {
    match k {
        RiskKind::Threat => RiskKindDto::Threat,
        RiskKind::Opportunity => RiskKindDto::Opportunity,
    }
}

fn kind_from(k: RiskKindDto) -> RiskKind {
    match k {
        RiskKindDto::Threat => RiskKind::Threat,
        RiskKindDto::Opportunity => RiskKind::Opportunity,
    }
}

fn response_dto(r: Response) -> ResponseDto {
    match r {
        Response::Avoid => ResponseDto::Avoid,
        Response::Reduce => ResponseDto::Reduce,
        Response::Transfer => ResponseDto::Transfer,
        Response::Accept => ResponseDto::Accept,
        Response::Exploit => ResponseDto::Exploit,
        Response::Enhance => ResponseDto::Enhance,
        Response::Share => ResponseDto::Share,
    }
}

fn response_from(r: ResponseDto) -> Response {
    match r {
        ResponseDto::Avoid => Response::Avoid,
        ResponseDto::Reduce => Response::Reduce,
        ResponseDto::Transfer => Response::Transfer,
        ResponseDto::Accept => Response::Accept,
        ResponseDto::Exploit => Response::Exploit,
        ResponseDto::Enhance => Response::Enhance,
        ResponseDto::Share => Response::Share,
    }
}

fn status_dto(s: RiskStatus) -> RiskStatusDto {
    match s {
        RiskStatus::Open => RiskStatusDto::Open,
        RiskStatus::Occurred => RiskStatusDto::Occurred,
        RiskStatus::Closed => RiskStatusDto::Closed,
    }
}

fn status_from(s: RiskStatusDto) -> RiskStatus {
    match s {
        RiskStatusDto::Open => RiskStatus::Open,
        RiskStatusDto::Occurred => RiskStatus::Occurred,
        RiskStatusDto::Closed => RiskStatus::Closed,
    }
}

fn points_dto(t: ThreePoint) -> ThreePointDto {
    ThreePointDto { min: decimal_text(t.min), most_likely: decimal_text(t.most_likely), max: decimal_text(t.max) }
}

/// Three points read as amounts (`money`) or plain numbers, each field named by its path.
fn points_from(t: &ThreePointDto, at: &str, money: bool) -> Result<ThreePoint, ApiError> {
    let read = |text: &str, field: &str| {
        let path = format!("{at}.{field}");
        if money { parse_amount(text, &path) } else { parse_number(text, &path, "a number") }
    };
    Ok(ThreePoint {
        min: read(&t.min, "min")?,
        most_likely: read(&t.most_likely, "most_likely")?,
        max: read(&t.max, "max")?,
    })
}

/// One quantified impact of a risk (its cost, delay or benefit impact): `None` when the editor
/// sent none, else its three points read at `at` (amounts when `money`) and handed with the rest
/// of it to `make`.
fn impact<D, T>(
    dto: Option<&D>,
    at: &str,
    money: bool,
    points: impl FnOnce(&D) -> &ThreePointDto,
    make: impl FnOnce(&D, ThreePoint) -> Result<T, ApiError>,
) -> Result<Option<T>, ApiError> {
    dto.map(|d| make(d, points_from(points(d), at, money)?)).transpose()
}

fn date_from(text: &str, field: &str) -> Result<NaiveDate, ApiError> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| ApiError::invalid(field, format!("\"{text}\" is not a date: write it as YYYY-MM-DD")))
}

/// A risk as the editor shows it.
pub(crate) fn risk_dto(r: &Risk) -> RegisterRiskDto {
    RegisterRiskDto {
        id: r.id.to_string(),
        title: r.title.clone(),
        kind: kind_dto(r.kind),
        cause: r.cause.clone(),
        event: r.event.clone(),
        effect: r.effect.clone(),
        category: r.category.to_string(),
        owner: r.owner.clone(),
        inherent: RatingDto { likelihood: r.inherent.likelihood, impact: r.inherent.impact },
        residual: RatingDto { likelihood: r.residual.likelihood, impact: r.residual.impact },
        response: response_dto(r.response),
        actions: r
            .actions
            .iter()
            .map(|a| RiskActionDto {
                text: a.text.clone(),
                owner: a.owner.clone(),
                due: a.due.map(|d| d.to_string()),
                done: a.done,
            })
            .collect(),
        proximity: r.proximity.map(|m| m.to_string()),
        status: status_dto(r.status),
        review: r.review.map(|d| d.to_string()),
        links: RiskLinksDto {
            initiatives: r.links.initiatives.iter().map(ToString::to_string).collect(),
            business_cases: r.links.business_cases.iter().map(ToString::to_string).collect(),
            sourcing_options: r
                .links
                .sourcing_options
                .iter()
                .map(|o| OptionLinkDto { study: o.study.to_string(), option: o.option.to_string() })
                .collect(),
        },
        probability: r.probability.map(decimal_text),
        cost: r.cost.map(|c| CostImpactDto {
            timing: match c.timing {
                CostTiming::Year { year } => CostTimingDto::Year { year: year.0 },
                CostTiming::Spread { from, to } => CostTimingDto::Spread { from: from.0, to: to.0 },
            },
            amount: points_dto(c.amount),
        }),
        delay: r
            .delay
            .as_ref()
            .map(|d| DelayImpactDto { initiative: d.initiative.to_string(), months: points_dto(d.months) }),
        benefit: r
            .benefit
            .as_ref()
            .map(|b| BenefitImpactDto { case: b.case.to_string(), percent: points_dto(b.percent) }),
    }
}

/// Reads a risk sent by the editor as the risk at `at` (`risks[3]`), with the id `id`; each field
/// that cannot be read is named by its path. The plan's rules are checked with the whole plan.
pub(crate) fn risk_from(dto: &RegisterRiskDto, id: Id, at: &str) -> Result<Risk, ApiError> {
    let p = |field: &str| format!("{at}.{field}");
    let ids = |texts: &[String], field: &str| -> Result<Vec<Id>, ApiError> {
        texts.iter().enumerate().map(|(k, t)| parse_id(t, &format!("{at}.links.{field}[{k}]"))).collect()
    };
    let actions = dto
        .actions
        .iter()
        .enumerate()
        .map(|(j, a)| {
            Ok(RiskAction {
                text: a.text.trim().to_owned(),
                owner: a.owner.trim().to_owned(),
                due: a.due.as_deref().map(|d| date_from(d, &p(&format!("actions[{j}].due")))).transpose()?,
                done: a.done,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let sourcing_options = dto
        .links
        .sourcing_options
        .iter()
        .enumerate()
        .map(|(k, o)| {
            let at = p(&format!("links.sourcing_options[{k}]"));
            Ok(OptionLink {
                study: parse_id(&o.study, &format!("{at}.study"))?,
                option: parse_id(&o.option, &format!("{at}.option"))?,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let cost = impact(
        dto.cost.as_ref(),
        &p("cost.amount"),
        true,
        |c| &c.amount,
        |c, amount| {
            let timing = match c.timing {
                CostTimingDto::Year { year } => CostTiming::Year { year: FiscalYear(year) },
                CostTimingDto::Spread { from, to } => CostTiming::Spread { from: FiscalYear(from), to: FiscalYear(to) },
            };
            Ok(CostImpact { timing, amount })
        },
    )?;
    let delay = impact(
        dto.delay.as_ref(),
        &p("delay.months"),
        false,
        |d| &d.months,
        |d, months| Ok(DelayImpact { initiative: parse_id(&d.initiative, &p("delay.initiative"))?, months }),
    )?;
    let benefit = impact(
        dto.benefit.as_ref(),
        &p("benefit.percent"),
        false,
        |b| &b.percent,
        |b, percent| Ok(BenefitImpact { case: parse_id(&b.case, &p("benefit.case"))?, percent }),
    )?;
    Ok(Risk {
        id,
        title: dto.title.trim().to_owned(),
        kind: kind_from(dto.kind),
        cause: dto.cause.clone(),
        event: dto.event.clone(),
        effect: dto.effect.clone(),
        category: parse_id(&dto.category, &p("category"))?,
        owner: dto.owner.trim().to_owned(),
        inherent: Rating { likelihood: dto.inherent.likelihood, impact: dto.inherent.impact },
        residual: Rating { likelihood: dto.residual.likelihood, impact: dto.residual.impact },
        response: response_from(dto.response),
        actions,
        proximity: dto.proximity.as_deref().map(|m| parse_month(m, &p("proximity"))).transpose()?,
        status: status_from(dto.status),
        review: dto.review.as_deref().map(|d| date_from(d, &p("review"))).transpose()?,
        links: RiskLinks {
            initiatives: ids(&dto.links.initiatives, "initiatives")?,
            business_cases: ids(&dto.links.business_cases, "business_cases")?,
            sourcing_options,
        },
        probability: dto
            .probability
            .as_deref()
            .map(|t| parse_number(t.trim().trim_end_matches('%'), &p("probability"), "a percentage"))
            .transpose()?,
        cost,
        delay,
        benefit,
    })
}

/// The register of a plan: scale, categories and every risk with its scores.
pub fn risk_register(plan: &Plan) -> RiskRegisterDto {
    let s = &plan.settings.risk;
    let level = |k: usize| u8::try_from(k + 1).unwrap_or(u8::MAX);
    RiskRegisterDto {
        currency: plan.settings.currency.code().to_owned(),
        likelihood: s
            .scale
            .likelihood
            .iter()
            .enumerate()
            .map(|(k, l)| ScaleLevelDto {
                level: level(k),
                label: l.label.clone(),
                description: l.description.clone(),
                from: decimal_text(l.from_percent),
                from_months: None,
            })
            .collect(),
        impact: s
            .scale
            .impact
            .iter()
            .enumerate()
            .map(|(k, l)| ScaleLevelDto {
                level: level(k),
                label: l.label.clone(),
                description: l.description.clone(),
                from: decimal_text(l.from_amount),
                from_months: Some(decimal_text(l.from_months)),
            })
            .collect(),
        categories: s
            .categories
            .iter()
            .map(|c| RiskCategoryDto { id: c.id.to_string(), name: c.name.clone(), appetite: c.appetite })
            .collect(),
        risks: plan
            .risks
            .iter()
            .map(|r| RiskRowDto {
                risk: risk_dto(r),
                category_name: s
                    .categories
                    .iter()
                    .find(|c| c.id == r.category)
                    .map_or_else(|| r.category.to_string(), |c| c.name.clone()),
                inherent_score: r.inherent.score(),
                residual_score: r.residual.score(),
                appetite: s.appetite(&r.category),
                above_appetite: s.above_appetite(r),
            })
            .collect(),
    }
}

/// Reads the scale and categories the page sends back, each field named by its path in the plan
/// (`settings.risk.scale.impact[2].from_amount`); a new category (empty id) gets an id made from
/// its name. The scale's and the categories' rules are checked with the whole plan.
pub(crate) fn settings_from(dto: &RiskSettingsDto) -> Result<RiskSettings, ApiError> {
    const AT: &str = "settings.risk";
    let likelihood = dto
        .likelihood
        .iter()
        .enumerate()
        .map(|(k, l)| {
            let field = format!("{AT}.scale.likelihood[{k}].from_percent");
            Ok(LikelihoodLevel {
                label: l.label.trim().to_owned(),
                description: l.description.trim().to_owned(),
                from_percent: parse_number(l.from.trim().trim_end_matches('%'), &field, "a percentage")?,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let impact = dto
        .impact
        .iter()
        .enumerate()
        .map(|(k, l)| {
            let at = format!("{AT}.scale.impact[{k}]");
            let months = l.from_months.as_deref().unwrap_or_default();
            Ok(ImpactLevel {
                label: l.label.trim().to_owned(),
                description: l.description.trim().to_owned(),
                from_amount: parse_amount(&l.from, &format!("{at}.from_amount"))?,
                from_months: parse_number(months, &format!("{at}.from_months"), "a number of months")?,
            })
        })
        .collect::<Result<Vec<_>, ApiError>>()?;
    let mut categories: Vec<RiskCategory> = Vec::with_capacity(dto.categories.len());
    for (k, c) in dto.categories.iter().enumerate() {
        let name = c.name.trim().to_owned();
        let id = if c.id.trim().is_empty() {
            // Made from the name, unlike any id the page sends (kept or new).
            let taken: Vec<Id> = dto.categories.iter().filter_map(|x| Id::new(x.id.trim()).ok()).collect();
            let taken = taken.iter().chain(categories.iter().map(|x| &x.id));
            crate::cases::fresh_id(&name, "category", taken)
                .map_err(|e| ApiError::invalid(format!("{AT}.categories[{k}].name"), e.message))?
        } else {
            parse_id(&c.id, &format!("{AT}.categories[{k}].id"))?
        };
        categories.push(RiskCategory { id, name, appetite: c.appetite });
    }
    Ok(RiskSettings { scale: RiskScale { likelihood, impact }, categories })
}

/// Refuses settings that drop a category a risk is still in, naming the category and its risks
/// (the plan's rules would name only the first risk's field).
fn keeps_used_categories(plan: &Plan, settings: &RiskSettings) -> Result<(), ApiError> {
    for old in &plan.settings.risk.categories {
        if settings.categories.iter().any(|c| c.id == old.id) {
            continue;
        }
        let used: Vec<&str> = plan.risks.iter().filter(|r| r.category == old.id).map(|r| r.title.as_str()).collect();
        if let Some(first) = used.first() {
            let more = match used.len() {
                1 => String::new(),
                n => format!(" and {} more", n - 1),
            };
            return Err(ApiError::invalid(
                "settings.risk.categories",
                format!(
                    "\"{}\" is the category of \"{first}\"{more}: move those risks to another category first",
                    old.name
                ),
            ));
        }
    }
    Ok(())
}

/// What a risk of the plan may link to, with the names the page shows.
fn choices(plan: &Plan) -> RiskChoicesDto {
    RiskChoicesDto {
        initiatives: plan
            .initiatives
            .iter()
            .map(|i| RiskLinkChoiceDto { id: i.id.to_string(), name: i.name.clone() })
            .collect(),
        business_cases: plan
            .business_cases
            .iter()
            .map(|c| RiskLinkChoiceDto { id: c.id.to_string(), name: c.name.clone() })
            .collect(),
        sourcing_options: plan
            .sourcing_studies
            .iter()
            .flat_map(|s| {
                s.options.iter().map(|o| RiskOptionChoiceDto {
                    study: s.id.to_string(),
                    study_name: s.name.clone(),
                    option: o.id.to_string(),
                    option_name: o.name.clone(),
                })
            })
            .collect(),
    }
}

/// What `cairn risk list` prints: one record per risk, in the plan's order (docs/risk.md).
pub fn risk_list(plan: &Plan) -> Vec<CliRiskDto> {
    let s = &plan.settings.risk;
    plan.risks
        .iter()
        .map(|r| CliRiskDto {
            id: r.id.to_string(),
            title: r.title.clone(),
            category: r.category.to_string(),
            owner: r.owner.clone(),
            inherent_score: r.inherent.score(),
            residual_score: r.residual.score(),
            above_appetite: s.above_appetite(r),
            links: CliRiskLinksDto {
                initiatives: r.links.initiatives.iter().map(ToString::to_string).collect(),
                business_cases: r.links.business_cases.iter().map(ToString::to_string).collect(),
                sourcing_options: r
                    .links
                    .sourcing_options
                    .iter()
                    .map(|o| format!("{}/{}", o.study, o.option))
                    .collect(),
            },
        })
        .collect()
}

fn not_found(risk_id: &str) -> ApiError {
    ApiError::new(ErrorCode::NotFound, format!("This plan has no risk with the id \"{risk_id}\""))
}

impl Cairn {
    /// The plan's risk register, as the Risks page shows it.
    pub fn risk_register(&self, plan_id: &str) -> Result<RiskRegisterDto, ApiError> {
        let plan = self.store.load(plan_id)?;
        Ok(risk_register(&plan))
    }

    /// Adds a risk at the end of the register, its id made from its title (one undoable step).
    pub fn add_risk(
        &self,
        plan_id: &str,
        dto: &RegisterRiskDto,
        now: DateTime<Utc>,
    ) -> Result<RiskRegisterDto, ApiError> {
        let title = dto.title.trim().to_owned();
        self.edit(plan_id, &format!("Add risk \"{title}\""), now, |p| {
            let id = crate::cases::fresh_id(&title, "risk", p.risks.iter().map(|r| &r.id))?;
            let risk = risk_from(dto, id, &format!("risks[{}]", p.risks.len()))?;
            p.risks.push(risk);
            Ok(())
        })?;
        self.risk_register(plan_id)
    }

    /// Replaces the risk `risk_id` with `dto`, keeping its id and place (one undoable step).
    pub fn update_risk(
        &self,
        plan_id: &str,
        risk_id: &str,
        dto: &RegisterRiskDto,
        now: DateTime<Utc>,
    ) -> Result<RiskRegisterDto, ApiError> {
        let title = dto.title.trim().to_owned();
        self.edit(plan_id, &format!("Edit risk \"{title}\""), now, |p| {
            let i = p.risks.iter().position(|r| r.id.as_str() == risk_id).ok_or_else(|| not_found(risk_id))?;
            p.risks[i] = risk_from(dto, p.risks[i].id.clone(), &format!("risks[{i}]"))?;
            Ok(())
        })?;
        self.risk_register(plan_id)
    }

    /// Replaces the plan's scale and categories with their appetite (one undoable step); a
    /// category still in use cannot be dropped.
    pub fn update_risk_settings(
        &self,
        plan_id: &str,
        dto: &RiskSettingsDto,
        now: DateTime<Utc>,
    ) -> Result<RiskRegisterDto, ApiError> {
        let settings = settings_from(dto)?;
        self.edit(plan_id, "Change the risk scale and appetite", now, |p| {
            keeps_used_categories(p, &settings)?;
            p.settings.risk = settings;
            Ok(())
        })?;
        self.risk_register(plan_id)
    }

    /// What a risk of the plan may link to: initiatives, business cases and sourcing options.
    pub fn risk_choices(&self, plan_id: &str) -> Result<RiskChoicesDto, ApiError> {
        let plan = self.store.load(plan_id)?;
        Ok(choices(&plan))
    }

    /// Deletes the risk `risk_id` (one undoable step).
    pub fn delete_risk(&self, plan_id: &str, risk_id: &str, now: DateTime<Utc>) -> Result<RiskRegisterDto, ApiError> {
        let plan = self.store.load(plan_id)?;
        let title =
            plan.risks.iter().find(|r| r.id.as_str() == risk_id).ok_or_else(|| not_found(risk_id))?.title.clone();
        drop(plan);
        self.edit(plan_id, &format!("Delete risk \"{title}\""), now, |p| {
            p.risks.retain(|r| r.id.as_str() != risk_id);
            Ok(())
        })?;
        self.risk_register(plan_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_risk_travels_both_ways() {
        let plan = cairn_core::demo_plan();
        for (i, r) in plan.risks.iter().enumerate() {
            let back = risk_from(&risk_dto(r), r.id.clone(), &format!("risks[{i}]")).expect("reads");
            assert_eq!(&back, r);
        }
    }

    #[test]
    fn the_settings_travel_both_ways_and_a_new_category_gets_an_id() {
        let plan = cairn_core::demo_plan();
        let view = risk_register(&plan);
        let mut dto = RiskSettingsDto { likelihood: view.likelihood, impact: view.impact, categories: view.categories };
        assert_eq!(settings_from(&dto).expect("reads"), plan.settings.risk);
        dto.categories.push(RiskCategoryDto { id: String::new(), name: "Cyber".into(), appetite: Some(6) });
        let read = settings_from(&dto).expect("reads");
        assert_eq!(read.categories.last().map(|c| c.id.as_str()), Some("cyber-2"), "unlike every id sent");
        dto.impact[2].from_months = Some("three".into());
        let err = settings_from(&dto).expect_err("refused");
        assert_eq!(err.field.as_deref(), Some("settings.risk.scale.impact[2].from_months"), "{}", err.message);
        dto.impact[2].from_months = None;
        let err = settings_from(&dto).expect_err("refused");
        assert_eq!(err.field.as_deref(), Some("settings.risk.scale.impact[2].from_months"), "{}", err.message);
    }

    #[test]
    fn unreadable_fields_are_named_by_path() {
        let plan = cairn_core::demo_plan();
        let mut dto = risk_dto(&plan.risks[0]);
        let check = |dto: &RegisterRiskDto, field: &str| {
            let err = risk_from(dto, plan.risks[0].id.clone(), "risks[0]").expect_err("refused");
            assert_eq!(err.field.as_deref(), Some(field), "{}", err.message);
        };
        dto.review = Some("2027-02-30".into());
        check(&dto, "risks[0].review");
        dto.review = None;
        if let Some(c) = &mut dto.cost {
            c.amount.max = "lots".into();
        }
        check(&dto, "risks[0].cost.amount.max");
        dto.cost = None;
        dto.links.initiatives.push("not an id".into());
        check(&dto, "risks[0].links.initiatives[4]");
    }
}

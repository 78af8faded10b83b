//! Integration tests of the use cases, the generated TypeScript bindings and the plan file's
//! JSON Schema.

use std::path::{Path, PathBuf};

use cairn_api::dto::{NewPlanDto, SettingsDto, YearNamingDto};
use cairn_api::{ApiError, Cairn, ErrorCode, OpenOptions};
use chrono::{DateTime, Utc};

mod budget_cut;
mod case_form;
mod case_rate;
mod health;
mod in_context;
mod pack_economic;
mod plan_rules;
mod policy;
mod risk;
mod risk_scenario;
mod risks;
mod sourcing;

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-11-22T10:00:00Z").map(|t| t.with_timezone(&Utc)).expect("time")
}

fn open(dir: &Path, seed_demo: bool) -> Cairn {
    Cairn::open(dir, OpenOptions { seed_demo }, now()).expect("open").0
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn settings() -> SettingsDto {
    SettingsDto {
        currency: "EUR".into(),
        fiscal_start_month: 1,
        year_naming: YearNamingDto::EndYear,
        year_prefix: "FY".into(),
        first_year: 2027,
        years: 4,
    }
}

#[test]
fn a_fresh_app_data_directory_starts_with_the_demo_plan_and_the_cli_with_none() {
    let dir = tempfile::tempdir().expect("tmp");
    let cairn = open(dir.path(), true);
    let plans = cairn.list_plans().expect("list");
    assert_eq!(plans.len(), 1);
    assert_eq!(plans[0].organisation, "City of Riverton");
    assert_eq!(cairn.history().expect("history").undo, None, "seeding is not an undoable change");
    let plan = cairn.get_plan(&plans[0].id).expect("get");
    assert_eq!(plan.fiscal_years[0].label, "FY2027");
    assert_eq!(plan.fiscal_years[0].first_month, "2026-07");
    assert_eq!(plan.fiscal_years[4].last_month, "2031-06");
    drop(cairn);
    let other = tempfile::tempdir().expect("tmp");
    assert!(open(other.path(), false).list_plans().expect("list").is_empty());
}

#[test]
fn create_rename_duplicate_delete_and_undo() {
    let dir = tempfile::tempdir().expect("tmp");
    let cairn = open(dir.path(), false);
    let new = NewPlanDto { name: "Digital Agency 2030".into(), organisation: "Ministry".into(), settings: settings() };
    let plan = cairn.create_plan(&new, now()).expect("create");
    assert_eq!(plan.id, "digital-agency-2030");
    assert_eq!(
        plan.fiscal_years.iter().map(|y| y.label.as_str()).collect::<Vec<_>>(),
        ["FY2027", "FY2028", "FY2029", "FY2030"]
    );
    let again = cairn.create_plan(&new, now()).expect("same name again");
    assert_eq!(again.id, "digital-agency-2030-2");
    cairn.rename_plan(&plan.id, "Renamed", now()).expect("rename");
    assert_eq!(cairn.history().expect("h").undo.as_deref(), Some("Rename plan to \"Renamed\""));
    let copy = cairn.duplicate_plan(&plan.id, None, now()).expect("duplicate");
    assert_eq!(copy.name, "Renamed (copy)");
    cairn.delete_plan(&plan.id, now()).expect("delete");
    assert_eq!(cairn.get_plan(&plan.id).expect_err("gone").code, ErrorCode::NotFound);
    cairn.undo(now()).expect("undo delete");
    cairn.undo(now()).expect("undo duplicate");
    cairn.undo(now()).expect("undo rename");
    assert_eq!(cairn.get_plan(&plan.id).expect("back").name, "Digital Agency 2030");
    assert_eq!(cairn.list_plans().expect("list").len(), 2);
}

/// An edit that breaks a rule is refused with the field named, and nothing is stored.
fn check_invalid(
    edit: impl FnOnce(&Cairn, &str) -> Result<cairn_api::dto::PlanDto, ApiError>,
    field: &str,
    words: &str,
) {
    let dir = tempfile::tempdir().expect("tmp");
    let cairn = open(dir.path(), true);
    let id = cairn.list_plans().expect("list")[0].id.clone();
    let before = cairn.get_plan(&id).expect("plan");
    let err = edit(&cairn, &id).expect_err("refused");
    assert_eq!(err.code, ErrorCode::InvalidInput, "{err:?}");
    assert_eq!(err.field.as_deref(), Some(field));
    assert!(err.message.contains(words), "{:?} lacks {words:?}", err.message);
    assert_eq!(cairn.get_plan(&id).expect("plan"), before);
    assert_eq!(cairn.history().expect("h").undo, None);
}

#[test]
fn invalid_edits() {
    check_invalid(|c, id| c.rename_plan(id, "   ", now()), "name", "Plan name: must not be empty");
    check_invalid(|c, id| c.rename_plan(id, &"x".repeat(201), now()), "name", "at most 200");
    let mut s = settings();
    s.currency = "EURO".into();
    check_invalid(|c, id| c.update_settings(id, "", &s, now()), "settings.currency", "not an ISO 4217");
    let mut s = settings();
    s.years = 0;
    check_invalid(|c, id| c.update_settings(id, "", &s, now()), "settings.horizon.years", "Number of years");
    let mut s = settings();
    s.fiscal_start_month = 13;
    check_invalid(|c, id| c.update_settings(id, "", &s, now()), "settings.fiscal_calendar.start_month", "1 to 12");
}

#[test]
fn import_export_round_trip_and_id_collisions() {
    let dir = tempfile::tempdir().expect("tmp");
    let cairn = open(dir.path(), false);
    let text = cairn_core::write_plan_file(&cairn_core::demo_plan(), now());
    let first = cairn.import_plan_text(&text, "demo.json", now()).expect("import");
    assert_eq!(first.renamed_from, None);
    assert_eq!(cairn.export_plan_text(&first.plan.id, now()).expect("export"), text);
    let second = cairn.import_plan_text(&text, "demo.json", now()).expect("import again");
    assert_eq!(second.renamed_from.as_deref(), Some("riverton-it-strategy"));
    assert_eq!(second.plan.id, "riverton-it-strategy-2");
    let err = cairn.import_plan_text(&text.replace("\"USD\"", "\"XXY\""), "bad.json", now()).expect_err("bad");
    assert_eq!(err.code, ErrorCode::InvalidFile);
    assert!(err.message.starts_with("bad.json: $.plan.settings.currency: unknown currency code"), "{}", err.message);
    let err =
        cairn.import_plan_text(&text.replace("\"version\": 2", "\"version\": 7"), "new.json", now()).expect_err("new");
    assert_eq!(err.code, ErrorCode::UnsupportedVersion);
    assert_eq!(cairn.list_plans().expect("list").len(), 2, "failed imports store nothing");
}

#[test]
fn export_writes_atomically_and_reports_unwritable_paths() {
    let dir = tempfile::tempdir().expect("tmp");
    let cairn = open(dir.path(), true);
    let id = cairn.list_plans().expect("list")[0].id.clone();
    let out = dir.path().join("plan.json");
    cairn.export_plan_file(&id, &out, now()).expect("export");
    assert!(std::fs::read_to_string(&out).expect("written").contains("\"format\": \"cairn-plan\""));
    let err = cairn.export_plan_file(&id, &dir.path().join("missing/dir/plan.json"), now()).expect_err("unwritable");
    assert_eq!(err.code, ErrorCode::Io);
    assert!(err.message.contains("missing/dir/plan.json"), "{}", err.message);
}

#[test]
fn a_second_instance_gets_a_clear_error() {
    let dir = tempfile::tempdir().expect("tmp");
    let _first = open(dir.path(), true);
    let err = Cairn::open(dir.path(), OpenOptions::default(), now()).expect_err("second");
    assert_eq!(err.code, ErrorCode::AlreadyOpen);
    assert!(err.message.starts_with("Cairn is already open with this data directory"));
}

#[test]
fn exported_files_match_the_json_schema() {
    let schema_text = std::fs::read_to_string(repo_root().join("docs/schema/plan.schema.json")).expect("schema");
    let schema: serde_json::Value = serde_json::from_str(&schema_text).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let mut synthetic = cairn_core::synthetic_plan("synthetic", 30);
    synthetic.initiative_mut(0).theme = None;
    // A plan that sets its appraisal threshold writes it; the schema knows the field.
    synthetic.settings.roadmap.appraisal_threshold = Some("2500000.50".parse().expect("decimal"));
    // Plans with an appraisal policy of each preset, and cases with their own rate and real
    // prices, write every field of the policy; the schema knows them all.
    let policies = [
        r#"{"basis": "real", "discount": {"preset": {"kind": "green_book"}, "source": "HM Treasury", "as_of": "2022-11-18", "confirmed": true},
            "inflation": {"rates": {"kind": "flat", "rate": "0.02"}, "source": "CPI target"},
            "benefits_counted": {"cash_releasing": true, "non_cash_releasing": false, "wider": false},
            "capitalisation": {"rule": "standard", "standard": "gasb_51_96", "capitalised": ["hardware", "development"]},
            "headline": "expected_value",
            "decision_rule": {"measure": "p50", "min_npv": "0", "chance_of_loss": {"comparison": "at_most", "value": "0.2"}, "mandatory": "least_pv_cost"}}"#,
        r#"{"discount": {"preset": {"kind": "a94", "table": [{"years": 3, "real": "0.024", "nominal": "0.041"}, {"years": 30, "real": "0.031", "nominal": "0.049"}]},
            "source": "OMB Circular A-94, Appendix C", "as_of": "2026-01-15", "confirmed": true}}"#,
        r#"{"discount": {"preset": {"kind": "wacc", "risk_free_rate": "0.04", "beta": "1.2", "equity_risk_premium": "0.05",
            "cost_of_debt": "0.06", "tax_rate": "0.25", "equity_weight": "60", "debt_weight": "40"}, "source": "Treasury", "as_of": "2026-09-30", "confirmed": true},
            "inflation": {"rates": {"kind": "per_year", "years": [{"year": 2026, "rate": "0.025"}]}, "source": "Central bank"},
            "capitalisation": {"rule": "by_category"}}"#,
        r#"{"basis": "real", "discount": {"preset": {"kind": "typed", "basis": "real", "rates": ["0.035", "0.03"]}, "source": "Board minute 12", "as_of": "2026-10-01", "confirmed": true}}"#,
    ];
    let mut plans = vec![cairn_core::demo_plan(), synthetic];
    for (k, policy) in policies.iter().enumerate() {
        let mut plan = cairn_core::demo_plan();
        plan.settings.appraisal = serde_json::from_str(policy).expect("a policy");
        let real = plan.settings.appraisal.basis == cairn_core::PriceBasis::Real;
        let prices = if real { cairn_core::PriceBasis::Real } else { cairn_core::PriceBasis::Nominal };
        for case in &mut plan.business_cases {
            case.prices = prices;
        }
        for study in &mut plan.sourcing_studies {
            study.prices = prices;
        }
        plan.business_cases[0].rate_reason = Some("The lender sets the rate.".to_owned());
        plan.sourcing_studies[0].rate_reason = Some("The contract fixes the rate.".to_owned());
        assert_eq!(cairn_core::validate(&plan), Vec::new(), "policy {k}");
        plans.push(plan);
    }
    // A scenario that re-rates a risk, re-quantifies it and gives an initiative its own range
    // writes the risk and duration overrides; the schema knows them.
    let mut risky = cairn_core::demo_plan();
    let risk = risky.risks.iter().find(|r| r.delay.is_some() && r.cost.is_some()).expect("a quantified risk").clone();
    let first = risky.initiatives[0].id.clone();
    risky.scenarios[0].overrides.extend([
        cairn_core::Override::RiskQuantities {
            risk: risk.id.clone(),
            probability: Some(rust_decimal::Decimal::from(60)),
            cost: risk.cost,
            delay: risk.delay.clone(),
            benefit: risk.benefit.clone(),
        },
        cairn_core::Override::RiskResponse {
            risk: risk.id.clone(),
            response: cairn_core::Response::Accept,
            residual: cairn_core::Rating { likelihood: 2, impact: 3 },
        },
        cairn_core::Override::InitiativeDurationRange {
            initiative: first,
            range: Some(cairn_core::DurationRange {
                optimistic_months: 1,
                most_likely_months: None,
                pessimistic_months: 300,
            }),
        },
    ]);
    assert_eq!(cairn_core::validate(&risky), Vec::new(), "risk overrides");
    plans.push(risky);
    for plan in plans {
        let text = cairn_core::write_plan_file(&plan, now());
        let doc: serde_json::Value = serde_json::from_str(&text).expect("json");
        let errors: Vec<String> = validator.iter_errors(&doc).map(|e| format!("{}: {e}", e.instance_path())).collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", plan.id);
    }
    // The schema also rejects what Cairn rejects.
    let bad = cairn_core::write_plan_file(&cairn_core::demo_plan(), now()).replace("\"years\": 5", "\"years\": 0");
    assert!(!validator.is_valid(&serde_json::from_str(&bad).expect("json")));
    let name = cairn_core::write_plan_file(&cairn_core::demo_plan(), now()).replacen(
        "\"name\": \"IT Strategy",
        "\"name\": \"IT\\nStrategy",
        1,
    );
    assert!(!validator.is_valid(&serde_json::from_str(&name).expect("json")), "a name is one line");
}

/// The generated TypeScript must equal the committed `ui/src/bindings/`. To update after a DTO
/// change: `CAIRN_UPDATE_BINDINGS=1 cargo test -p cairn-api --test api bindings`.
#[test]
fn bindings_are_current() {
    use ts_rs::TS;
    let committed = repo_root().join("ui/src/bindings");
    let generated = tempfile::tempdir().expect("tmp");
    let cfg = ts_rs::Config::new().with_out_dir(generated.path());
    macro_rules! export {
        ($($t:ty),*) => { $(<$t as TS>::export_all(&cfg).expect(stringify!($t));)* };
    }
    use cairn_api::budget_cut_dto::*;
    use cairn_api::case_dto::*;
    use cairn_api::case_form_dto::*;
    use cairn_api::check_dto::*;
    use cairn_api::confidence_dto::*;
    use cairn_api::decision_dto::*;
    use cairn_api::dto::*;
    use cairn_api::policy_dto::*;
    use cairn_api::report_dto::*;
    use cairn_api::risk_dto::*;
    use cairn_api::roadmap_dto::*;
    use cairn_api::scenario_dto::*;
    use cairn_api::sourcing_dto::*;
    export!(
        ScheduleRiskDto,
        ScheduleRiskSettingsDto,
        RiskChipDto,
        PortfolioConfidenceDto,
        RiskRegisterDto,
        RegisterRiskDto,
        RiskSettingsDto,
        RiskChoicesDto,
        AppraisalPolicyViewDto,
        CaseFormChoicesDto,
        AppraisalPolicyDto,
        WaccPartsDto,
        CaseDecisionDto,
        NpvFigureDto,
        PlanHealthDto,
        FindingDto,
        BoardPackRequestDto,
        ReportSectionDto,
        BoardPackDto,
        RoadmapDto,
        RoadmapPatchDto,
        InitiativeDto,
        InitiativeInputDto,
        MovePreviewDto,
        StudySummaryDto,
        StudyDto,
        StudyHeaderDto,
        OptionInputDto,
        CriterionInputDto,
        JudgementDto,
        WeightDto,
        AhpDto,
        StudyResultDto,
        SourcingKindInfoDto,
        ScenariosDto,
        NewScenarioDto,
        OverrideDto,
        ComparisonDto,
        PromotionDto,
        VarianceDto,
        CaseSummaryDto,
        CaseDto,
        CaseSettingsDto,
        LineDto,
        CellDto,
        CaseResultDto,
        ShortListDto,
        OptionRowDto,
        CategoryInfoDto,
        BenefitClassInfoDto,
        BenefitRecordDto,
        SimulationSettingsDto,
        SimulationDto,
        SimulationProgressDto,
        PlanSummaryDto,
        PlanDto,
        NewPlanDto,
        HistoryDto,
        ReplayedDto,
        ImportedDto,
        CurrencyDto,
        BackupDto,
        StartupDto,
        ApiError,
        ErrorCode,
        BudgetCutRequestDto,
        BudgetCutProposalDto,
        BudgetCutAcceptedDto
    );
    let read = |dir: &Path| -> Vec<(String, String)> {
        let mut files: Vec<(String, String)> = std::fs::read_dir(dir)
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .filter(|e| e.path().extension().is_some_and(|x| x == "ts"))
                    .map(|e| {
                        (
                            e.file_name().to_string_lossy().into_owned(),
                            std::fs::read_to_string(e.path()).unwrap_or_default(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        files.sort();
        files
    };
    let fresh = read(generated.path());
    if std::env::var_os("CAIRN_UPDATE_BINDINGS").is_some() {
        let _ = std::fs::remove_dir_all(&committed);
        std::fs::create_dir_all(&committed).expect("mkdir");
        for (name, text) in &fresh {
            std::fs::write(committed.join(name), text).expect("write binding");
        }
    }
    assert_eq!(
        read(&committed),
        fresh,
        "ui/src/bindings is stale: run CAIRN_UPDATE_BINDINGS=1 cargo test -p cairn-api --test api bindings"
    );
}

#[test]
fn business_cases_are_edited_cell_by_cell_and_undone() {
    use cairn_api::case_dto::CellDto;
    let dir = tempfile::tempdir().expect("tmp");
    let cairn = open(dir.path(), true);
    let plan = cairn.list_plans().expect("list")[0].id.clone();
    let cases = cairn.list_cases(&plan).expect("cases");
    assert_eq!(cases.len(), 3);
    let erp = &cases[0];
    let before = cairn.evaluate_case(&plan, &erp.id, 20.0).expect("evaluate");
    let npv = |r: &cairn_api::case_dto::CaseResultDto| r.metrics[0].value.expect("npv");
    assert_eq!(Some(npv(&before)), erp.npv);

    // Typing into a generated (recurring) line turns it into typed values, keeping other years.
    let case = cairn.get_case(&plan, &erp.id).expect("case");
    let saas = case.lines.iter().position(|l| l.id == "saas").expect("saas line");
    let cell = |value: &str| CellDto { line: "saas".into(), column: "2030".into(), value: value.into() };
    let after = cairn.set_cells(&plan, &erp.id, &[cell("1,950,000")], now()).expect("set");
    let col = after.columns.iter().position(|c| c.key == "2030").expect("column");
    assert_eq!(after.line_values[saas][col], "1950000");
    assert_eq!(after.line_values[saas][col + 1], case.line_values[saas][col + 1]);
    let edited = cairn.evaluate_case(&plan, &erp.id, 20.0).expect("evaluate");
    // FY2030 was 950,000 × 1.03³ (the case's escalation); the extra cost is at t = 4, discounted
    // at the plan's typed 5 % (the demo's policy).
    assert_eq!(case.line_values[saas][col], "1038090.65");
    let expected = npv(&before) - (1_950_000.0 - 1_038_090.65) / 1.05f64.powi(4);
    assert!((npv(&edited) - expected).abs() < 1e-6, "{} vs {expected}", npv(&edited));

    // A bad amount names the line and changes nothing.
    let err = cairn.set_cells(&plan, &erp.id, &[cell("12x")], now()).expect_err("bad amount");
    assert_eq!(err.code, ErrorCode::InvalidInput);
    assert!(err.message.contains("ERP subscription"), "{}", err.message);
    assert_eq!(err.field.as_deref(), Some(format!("lines[{saas}].amounts").as_str()));

    cairn.undo(now()).expect("undo");
    assert_eq!(npv(&cairn.evaluate_case(&plan, &erp.id, 20.0).expect("evaluate")), npv(&before));

    // Simulation through the API, with progress.
    let sim = cairn.prepare_simulation(&plan, &erp.id).expect("prepare");
    let calls = std::sync::atomic::AtomicU32::new(0);
    let settings = cairn_api::case_dto::SimulationSettingsDto { iterations: 2_000, seed: 1 };
    let result = cairn_api::run_simulation(&sim, settings, &|_, _| {
        calls.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        true
    })
    .expect("runs");
    assert!(calls.load(std::sync::atomic::Ordering::Relaxed) >= 2);
    assert_eq!(result.histogram_counts.iter().sum::<u32>(), 2_000);
    let cancelled = cairn_api::run_simulation(&sim, settings, &|_, _| false).expect_err("cancelled");
    assert_eq!(cancelled.code, ErrorCode::Cancelled);
}

#[test]
fn amounts_parse_as_people_type_them() {
    use cairn_api::parse_amount;
    for (text, expected) in
        [("1,250,000", "1250000"), (" 1 250 000.50 ", "1250000.50"), ("(300)", "-300"), ("$1,200", "1200"), ("", "0")]
    {
        assert_eq!(parse_amount(text, "x").expect(text).to_string(), expected, "{text}");
    }
    for bad in ["abc", "1e5", "12x", "--1"] {
        assert!(parse_amount(bad, "x").is_err(), "{bad}");
    }
}

#[test]
fn scenarios_are_renamed_duplicated_promoted_and_measured() {
    use cairn_api::roadmap_dto::BudgetYearDto;
    use cairn_api::scenario_dto::OverrideDto;
    let dir = tempfile::tempdir().expect("tmp");
    let cairn = open(dir.path(), true);
    let plan = cairn.list_plans().expect("list")[0].id.clone();
    let before = cairn.list_scenarios(&plan).expect("list");
    // Each override in words, as the Scenarios page lists it.
    let cut = before.scenarios.iter().find(|s| s.id == "scenario-budget-cut").expect("the demo's cut");
    for expected in [
        "“311 and case management (CRM)” runs 2028-10 – 2030-03",
        "“311 and case management (CRM)” needs up to 5 FTE over FY2029 Q2 – FY2030 Q3",
        "“311 and case management (CRM)” budgeted at 1,120,000 capex + 590,000 opex in FY2029–FY2030",
        "“Open data portal” is left out",
    ] {
        assert!(cut.overrides.iter().any(|o| o == expected), "{expected:?} in {:#?}", cut.overrides);
    }

    // Rename: one undo step; a clash names the field.
    let renamed = cairn.rename_scenario(&plan, "scenario-cautious", "Prudent benefits", now()).expect("rename");
    assert_eq!(renamed.scenarios[0].name, "Prudent benefits");
    let err =
        cairn.rename_scenario(&plan, "scenario-cautious", "Budget cut 15 % from FY2028", now()).expect_err("clash");
    assert_eq!(err.field.as_deref(), Some("name"));
    let err = cairn.rename_scenario(&plan, "nope", "X", now()).expect_err("missing");
    assert_eq!(err.code, ErrorCode::NotFound);

    // Duplicate: a copy with the same overrides and a fresh id.
    let copied = cairn.duplicate_scenario(&plan, "scenario-budget-cut", "", now()).expect("duplicate");
    let copy = &copied.scenarios[2];
    assert_eq!(
        (copy.name.as_str(), copy.id.as_str()),
        ("Copy of Budget cut 15 % from FY2028", "copy-of-budget-cut-15-from-fy2028")
    );
    assert_eq!(copy.overrides, copied.scenarios[1].overrides);

    // A budget override in transport form, with a bad amount naming its field.
    let bad = OverrideDto::InitiativeBudget {
        initiative: "sd-wan".into(),
        case: None,
        years: vec![BudgetYearDto { year: 2028, capex: "lots".into(), opex: String::new() }],
    };
    let err = cairn.add_scenario_override(&plan, &copy.id, &bad, now()).expect_err("bad amount");
    assert_eq!(err.field.as_deref(), Some("years[0].capex"));

    // Variance: the demo baseline against the plan and against the cut.
    let v = cairn.baseline_variance(&plan, "baseline-approved", None).expect("variance");
    assert_eq!(v.against, "Plan");
    assert_eq!(v.slips.len(), 1);
    assert_eq!((v.slips[0].id.as_str(), v.slips[0].end_months), ("data-platform", 3));
    assert_eq!(v.added.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(), ["agile-funding"]);
    assert_eq!(v.total_change, "100000");
    let cut = cairn.baseline_variance(&plan, "baseline-approved", Some("scenario-budget-cut")).expect("variance");
    assert_eq!(cut.removed.len(), 3);
    let err = cairn.baseline_variance(&plan, "nope", None).expect_err("missing baseline");
    assert_eq!(err.code, ErrorCode::NotFound);
    let err = cairn.baseline_variance(&plan, "baseline-approved", Some("Nope")).expect_err("missing scenario");
    assert_eq!(err.field.as_deref(), Some("scenario"));

    // Promote: the plan becomes the cut; the baseline is untouched; one undo step.
    let baseline_before = cairn.baseline_variance(&plan, "baseline-approved", Some("scenario-budget-cut")).expect("v");
    let promoted = cairn.promote_scenario(&plan, "scenario-budget-cut", now()).expect("promote");
    assert!(promoted.scenarios.scenarios.iter().all(|s| s.id != "scenario-budget-cut"));
    assert_eq!(promoted.compensated, ["Prudent benefits", "Copy of Budget cut 15 % from FY2028"]);
    assert_eq!(promoted.not_restored.len(), 4, "{:?}", promoted.not_restored);
    let after = cairn.baseline_variance(&plan, "baseline-approved", None).expect("v");
    assert_eq!(
        (after.slips.clone(), after.cost.clone(), after.removed.clone()),
        (baseline_before.slips, baseline_before.cost, baseline_before.removed)
    );
    cairn.undo(now()).expect("undo");
    assert!(cairn.list_scenarios(&plan).expect("list").scenarios.iter().any(|s| s.id == "scenario-budget-cut"));
    cairn.undo(now()).expect("undo");
    cairn.undo(now()).expect("undo");
    assert_eq!(cairn.list_scenarios(&plan).expect("list"), before);
}

#[test]
fn scenarios_are_created_varied_compared_and_undone() {
    use cairn_api::scenario_dto::{NewScenarioDto, OverrideDto};
    let dir = tempfile::tempdir().expect("tmp");
    let cairn = open(dir.path(), true);
    let plan = cairn.list_plans().expect("list")[0].id.clone();
    // Under a plan-wide discount schedule a case follows the schedule and a scenario's rate
    // override has no effect (a known gap): the override is measured on the demo without its
    // schedule, where each case is discounted at its own rate.
    let mut policy = cairn.appraisal_policy(&plan).expect("policy").policy;
    policy.discount = None;
    cairn.update_appraisal_policy(&plan, &policy, now()).expect("no schedule");
    let before = cairn.list_scenarios(&plan).expect("list");
    assert_eq!(before.scenarios.len(), 2);
    assert_eq!(before.baselines.len(), 1);

    let new = NewScenarioDto { name: "ERP at 8 %".into(), description: String::new(), parent: String::new() };
    let after = cairn.create_scenario(&plan, &new, now()).expect("create");
    let id = after.scenarios[2].id.clone();
    assert_eq!(id, "erp-at-8");
    let o = OverrideDto::CaseDiscountRate { case: "case-erp".into(), rate: "8".into() };
    let listed = cairn.add_scenario_override(&plan, &id, &o, now()).expect("override");
    assert_eq!(listed.scenarios[2].overrides, ["“ERP replacement” discounted at 8 %"]);

    let c = cairn.compare_scenarios(&plan, &["plan".into(), "ERP at 8 %".into()]).expect("compare");
    assert_eq!(c.differences[0].len(), 1);
    assert!(c.variants[1].portfolio_npv < c.variants[0].portfolio_npv);

    // A bad rate names the field and changes nothing.
    let bad = OverrideDto::CaseDiscountRate { case: "case-erp".into(), rate: "eight".into() };
    let err = cairn.add_scenario_override(&plan, &id, &bad, now()).expect_err("bad rate");
    assert_eq!(err.field.as_deref(), Some("rate"));

    cairn.take_baseline(&plan, "Board, December 2026", now()).expect("baseline");
    assert_eq!(cairn.list_scenarios(&plan).expect("list").baselines.len(), 2);
    cairn.undo(now()).expect("undo");
    cairn.undo(now()).expect("undo");
    cairn.undo(now()).expect("undo");
    assert_eq!(cairn.list_scenarios(&plan).expect("list"), before);
}

/// A scenario's budget ceiling is set from the Scenarios page: listed in words, the roadmap's
/// budget measured against it, one equal to the plan's not kept, bad input refused by field
/// with nothing stored.
#[test]
fn a_scenario_sets_its_own_budget_ceiling() {
    use cairn_api::scenario_dto::{NewScenarioDto, OverrideDto};
    let dir = tempfile::tempdir().expect("tmp");
    let cairn = open(dir.path(), true);
    let plan = cairn.list_plans().expect("list")[0].id.clone();
    let new = NewScenarioDto { name: "Tight FY2029".into(), description: String::new(), parent: String::new() };
    let id = cairn.create_scenario(&plan, &new, now()).expect("create").scenarios[2].id.clone();
    let ceiling = |year: i32, theme: Option<&str>, amount: &str| OverrideDto::BudgetCeiling {
        year,
        theme: theme.map(str::to_owned),
        amount: amount.into(),
    };
    cairn.add_scenario_override(&plan, &id, &ceiling(2029, None, "9,000,000"), now()).expect("set");
    let listed =
        cairn.add_scenario_override(&plan, &id, &ceiling(2029, Some("theme-cyber"), "2,000,000"), now()).expect("set");
    assert_eq!(
        listed.scenarios[2].overrides,
        ["FY2029 portfolio ceiling of $9,000,000", "FY2029 “Cybersecurity and resilience” ceiling of $2,000,000"]
    );
    let r = cairn.roadmap(&plan, Some(&id), None).expect("roadmap");
    let fy2029 = r.budget.rows.iter().find(|row| row.year == 2029).expect("FY2029");
    assert_eq!(fy2029.all.ceiling.as_deref(), Some("9000000"));
    let planned = cairn.roadmap(&plan, None, None).expect("roadmap");
    assert_eq!(
        planned.budget.rows.iter().find(|row| row.year == 2029).expect("FY2029").all.ceiling.as_deref(),
        Some("10000000")
    );
    // The plan's own ceiling again: the override goes.
    let listed = cairn.add_scenario_override(&plan, &id, &ceiling(2029, None, "10000000"), now()).expect("set");
    assert_eq!(listed.scenarios[2].overrides.len(), 1);

    let stored = cairn.plan(&plan).expect("plan");
    for (bad, field) in [
        (ceiling(2040, None, "1"), "year"),
        (ceiling(2029, Some("theme-nope"), "1"), "theme"),
        (ceiling(2029, None, "-5"), "amount"),
        (ceiling(2029, None, " "), "amount"),
        (ceiling(2029, None, "a lot"), "amount"),
    ] {
        let err = cairn.add_scenario_override(&plan, &id, &bad, now()).expect_err("refused");
        assert_eq!((err.code, err.field.as_deref()), (ErrorCode::InvalidInput, Some(field)), "{}", err.message);
        assert!(!err.message.contains('\n'));
    }
    assert_eq!(cairn.plan(&plan).expect("plan"), stored, "nothing stored");
}

#[test]
fn the_roadmap_is_edited_moved_and_undone() {
    use cairn_api::roadmap_dto::{DependencyDto, DependencyKindDto};
    let dir = tempfile::tempdir().expect("tmp");
    let app = open(dir.path(), true);
    let plan = "riverton-it-strategy";
    let r = app.roadmap(plan, None, None).expect("roadmap");
    assert_eq!(r.items.len(), 26);
    assert_eq!((r.first_month.as_str(), r.last_month.as_str()), ("2026-07", "2031-06"));
    assert_eq!(r.years.len(), 5);
    assert_eq!(r.quarters[1].first_month, "2026-10");
    assert_eq!(r.critical_path.first().map(String::as_str), Some("erp-selection"));
    // $1,180,000 before the portal carried optimism bias; its FY2027 capex ($1.9M) now has the
    // uplift 200 % × 2/21 (two of 21 factors' worth left unmitigated): + $1.9M × 4/21.
    assert_eq!(r.budget.rows[0].all.over_by.as_deref(), Some("1541904.761904761904761904762"));
    // The ERP initiative's budget comes from its business case; the editor asks for its record.
    let erp = app.initiative(plan, None, "erp-finance").expect("erp");
    assert_eq!(erp.input.budget_case.as_deref(), Some("case-erp"));
    assert!(!erp.budget.is_empty());
    let item = r.items.iter().find(|x| x.id == "erp-finance").expect("item");
    assert_eq!(
        (item.start.as_str(), item.total_float, item.critical),
        (erp.input.start.as_str(), erp.schedule.total_float, erp.schedule.critical)
    );
    assert_eq!(item.milestones, erp.input.milestones);
    assert_eq!(app.initiative(plan, None, "no-such").expect_err("unknown").code, cairn_api::ErrorCode::NotFound);

    // Dragging ERP selection three months later pushes both ERP waves and the decommissioning.
    let preview = app.preview_move(plan, None, "erp-selection", "2026-10", "2027-06").expect("preview");
    let ids: Vec<&str> = preview.moves.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["erp-selection", "erp-finance", "erp-hr", "legacy-decom"]);
    assert!(preview.moves.iter().all(|m| m.by_months == 3));
    let patch = app.move_initiative(plan, None, "erp-selection", "2026-10", "2027-06", now()).expect("move");
    let get = |r: &cairn_api::roadmap_dto::RoadmapDto, id: &str| {
        r.items.iter().find(|x| x.id == id).map(|x| (x.start.clone(), x.end.clone())).expect("x")
    };
    // The move answers with what changed: the four moved, and any whose float or criticality
    // changed; applied to the roadmap before, it gives the roadmap after.
    let changed: Vec<&str> = patch.changed.iter().map(|x| x.id.as_str()).collect();
    assert!(
        ["erp-selection", "erp-finance", "erp-hr", "legacy-decom"].iter().all(|id| changed.contains(id)),
        "{changed:?}"
    );
    assert!(patch.roadmap.items.is_empty());
    let moved = app.roadmap(plan, None, None).expect("roadmap");
    // Exactly the items that differ are sent (here every float changed: the roadmap now
    // finishes three months later).
    for (old, new) in r.items.iter().zip(&moved.items) {
        let differs = (&old.start, &old.end, old.total_float, old.critical)
            != (&new.start, &new.end, new.total_float, new.critical);
        assert_eq!(changed.contains(&old.id.as_str()), differs, "{}", old.id);
    }
    assert_eq!(patched(&r, &patch), moved);
    assert!(patch.roadmap.violations.is_empty() && patch.roadmap.warnings.is_empty());
    assert_eq!(get(&moved, "erp-finance"), ("2027-07".to_owned(), "2029-06".to_owned()));
    assert_eq!(moved.finish.as_deref(), Some("2031-09"));
    assert_eq!(
        app.history().expect("history").undo.as_deref(),
        Some("Move “ERP procurement and vendor selection” to 2026-10–2027-06 and 3 dependents")
    );
    // One undo restores every initiative the move touched.
    app.undo(now()).expect("undo");
    let back = app.roadmap(plan, None, None).expect("roadmap");
    assert_eq!(get(&back, "erp-finance"), ("2027-04".to_owned(), "2029-03".to_owned()));
    assert_eq!(get(&back, "erp-selection"), ("2026-07".to_owned(), "2027-03".to_owned()));

    // A dependency cycle is refused, naming the initiatives, and nothing is saved.
    let first =
        |r: &cairn_api::roadmap_dto::RoadmapDto| app.initiative(plan, None, &r.items[0].id).expect("first").input;
    let mut input = first(&back);
    input.dependencies.push(DependencyDto {
        on: "dc-exit".into(),
        kind: DependencyKindDto::FinishToStart,
        lag_months: 0,
    });
    let err = app.save_initiative(plan, None, &input, now()).expect_err("cycle");
    assert!(
        err.message.contains("form a cycle") && err.message.contains("“Data-centre exit to cloud”"),
        "{}",
        err.message
    );
    assert_eq!(app.roadmap(plan, None, None).expect("roadmap"), back);

    // Bad input names the field; end before start too.
    let mut input = first(&back);
    input.budget[0].capex = "12,5x".into();
    let err = app.save_initiative(plan, None, &input, now()).expect_err("amount");
    assert_eq!(err.field.as_deref(), Some("budget[0].capex"));
    let mut input = first(&back);
    input.end = "2026-01".into();
    let err = app.save_initiative(plan, None, &input, now()).expect_err("dates");
    assert_eq!(err.field.as_deref(), Some("end"));
    assert!(err.message.starts_with("Initiative “Cloud landing zone and operating model”, end:"), "{}", err.message);

    // A new initiative gets an id from its name; deleting one drops the dependencies on it.
    let mut input = first(&back);
    input.id = String::new();
    input.name = "Network segmentation".into();
    input.dependencies.clear();
    let added = app.save_initiative(plan, None, &input, now()).expect("add");
    assert_eq!(added.items.len(), 27);
    assert!(added.items.iter().any(|x| x.id == "network-segmentation"));
    let after = app.delete_initiative(plan, None, "cloud-landing-zone", now()).expect("delete");
    assert_eq!(after.items.len(), 26);
    assert!(after.items.iter().all(|x| x.dependencies.iter().all(|d| d.on != "cloud-landing-zone")));
}

#[test]
fn a_move_within_an_initiatives_float_answers_with_that_initiative_alone() {
    let dir = tempfile::tempdir().expect("tmp");
    let app = open(dir.path(), true);
    let plan = "riverton-it-strategy";
    let r = app.roadmap(plan, None, None).expect("roadmap");
    // An initiative with float that nothing depends on: a month later changes only its own
    // dates and float.
    let x = r
        .items
        .iter()
        .find(|x| x.total_float >= 2 && !r.items.iter().any(|d| d.dependencies.iter().any(|dep| dep.on == x.id)))
        .expect("an initiative with float and no dependents");
    let later = |m: &str| cairn_api::parse_month(m, "month").expect("month").add_months(1).expect("later").to_string();
    let patch = app.move_initiative(plan, None, &x.id, &later(&x.start), &later(&x.end), now()).expect("move");
    let changed: Vec<&str> = patch.changed.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(changed, [x.id.as_str()]);
    assert_eq!(patch.changed[0].total_float, x.total_float - 1);
    assert_eq!(patch.violations, None, "no dependency broke, so the violations are not sent again");
    assert_eq!(patch.warnings, None, "still inside the horizon, so the warnings are not sent again");
}

/// The roadmap a page shows after applying a move's patch to the roadmap it showed before.
fn patched(
    before: &cairn_api::roadmap_dto::RoadmapDto,
    patch: &cairn_api::roadmap_dto::RoadmapPatchDto,
) -> cairn_api::roadmap_dto::RoadmapDto {
    let mut items = before.items.clone();
    for x in &mut items {
        if let Some(c) = patch.changed.iter().find(|c| c.id == x.id) {
            *x = c.clone();
        }
    }
    cairn_api::roadmap_dto::RoadmapDto {
        items,
        violations: patch.violations.clone().unwrap_or_else(|| before.violations.clone()),
        warnings: patch.warnings.clone().unwrap_or_else(|| before.warnings.clone()),
        ..patch.roadmap.clone()
    }
}

/// A move in a scenario, right after the plan's roadmap was shown: the patch is the scenario's
/// (not the plan's schedule remembered from the view before), and a move past the horizon sends
/// the warnings, which now name it.
#[test]
fn a_move_in_a_scenario_patches_the_scenarios_roadmap_and_sends_new_warnings() {
    let dir = tempfile::tempdir().expect("tmp");
    let app = open(dir.path(), true);
    let plan = "riverton-it-strategy";
    let scenario = app.list_scenarios(plan).expect("scenarios").scenarios[0].id.clone();
    let shown = app.roadmap(plan, Some(&scenario), None).expect("scenario's roadmap");
    app.roadmap(plan, None, None).expect("the plan's roadmap");
    let x = shown
        .items
        .iter()
        .find(|x| !shown.items.iter().any(|d| d.dependencies.iter().any(|dep| dep.on == x.id)))
        .expect("an initiative nothing depends on");
    let month = |m: &str, by: i32| cairn_api::parse_month(m, "m").expect("m").add_months(by).expect("m").to_string();
    let last = shown.last_month.clone();
    let by = {
        let (end, last) =
            (cairn_api::parse_month(&x.end, "m").expect("m"), cairn_api::parse_month(&last, "m").expect("m"));
        last.index() - end.index() + 2
    };
    let patch = app
        .move_initiative(plan, Some(&scenario), &x.id, &month(&x.start, by), &month(&x.end, by), now())
        .expect("move");
    let after = app.roadmap(plan, Some(&scenario), None).expect("after");
    assert_eq!(patched(&shown, &patch), after);
    let warnings = patch.warnings.expect("a new warning is sent");
    assert!(
        warnings.iter().any(|w| w.initiative == x.id && w.message.contains("after the plan's horizon")),
        "{warnings:?}"
    );
    // The plan itself did not move.
    let plan_view = app.roadmap(plan, None, None).expect("plan");
    assert_eq!(plan_view.items.iter().find(|y| y.id == x.id).map(|y| y.end.clone()), Some(x.end.clone()));
}

#[test]
fn initiatives_are_exchanged_as_csv_all_or_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let app = open(dir.path(), true);
    let plan = "riverton-it-strategy";
    let before = app.roadmap(plan, None, None).expect("roadmap");
    let file = dir.path().join("initiatives.csv");
    app.export_initiatives_csv_file(plan, &file).expect("export");
    let text = std::fs::read_to_string(&file).expect("read");
    assert_eq!(text.lines().count(), 27);

    // A bad row: nothing is imported, and the message names line and column.
    let bad = format!("{text}x,Extra,theme-cyber,,approved,2027-01,2026-01,,,,ghost,,,,,,,,,,,,\r\n");
    std::fs::write(&file, &bad).expect("write");
    let err = app.import_initiatives_csv_file(plan, &file, now()).expect_err("bad");
    assert_eq!(err.code, cairn_api::ErrorCode::InvalidFile);
    assert!(err.message.starts_with("Nothing was imported"), "{}", err.message);
    assert_eq!(app.roadmap(plan, None, None).expect("roadmap"), before);

    // A good new row is added as one undoable step.
    let good = format!(
        "{text},Network segmentation,theme-cyber,CISO,proposed,2027-07,2028-06,,70,high,zero-trust SS+3,,,,200000,50000,,,,,,,Segment the city network.\r\n"
    );
    std::fs::write(&file, &good).expect("write");
    let after = app.import_initiatives_csv_file(plan, &file, now()).expect("import");
    assert_eq!(after.items.len(), 27);
    let x = app.initiative(plan, None, "network-segmentation").expect("added");
    assert_eq!(x.input.dependencies[0].on, "zero-trust");
    assert_eq!(x.budget[0].capex, "200000");
    app.undo(now()).expect("undo");
    assert_eq!(app.roadmap(plan, None, None).expect("roadmap"), before);
}

#[test]
fn the_board_pack_is_written_as_the_page_asks() {
    use cairn_api::report_dto::BoardPackRequestDto;
    let dir = tempfile::tempdir().expect("tmp");
    let app = open(dir.path(), true);
    let plan = "riverton-it-strategy";
    let path = dir.path().join("pack.pdf");
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
    let request = BoardPackRequestDto {
        paper: "letter".into(),
        layout: None,
        scenario: Some("Cautious benefits".into()),
        sections: vec!["summary".into(), "roadmap".into(), "budget".into()],
        label: "Board confidential".into(),
    };
    let written = app.export_board_pack(plan, &request, &path, today).expect("pack");
    let bytes = std::fs::read(&path).expect("pdf");
    assert!(bytes.starts_with(b"%PDF-"));
    assert_eq!(written.bytes, bytes.len() as u64);
    let bad = BoardPackRequestDto { paper: "a3".into(), ..request.clone() };
    assert_eq!(app.export_board_pack(plan, &bad, &path, today).expect_err("paper").field.as_deref(), Some("paper"));
    let bad = BoardPackRequestDto { sections: vec!["gossip".into()], ..request.clone() };
    assert!(app.export_board_pack(plan, &bad, &path, today).is_err());
    assert_eq!(cairn_api::report_sections().len(), 9);
    // The page's layout choice: the 16:9 deck (letter paper does not apply to it), or refused by name.
    let deck = BoardPackRequestDto { layout: Some("deck".into()), ..request.clone() };
    let pdf = cairn_api::preview_board_pack(&app.plan(plan).expect("plan"), &deck, today).expect("deck");
    let text = String::from_utf8_lossy(&pdf);
    assert!(text.contains("/MediaBox[0 0 960.0"), "16:9 slides");
    assert!(!text.contains("/MediaBox[0 0 612"), "no Letter page in the deck");
    let bad = BoardPackRequestDto { layout: Some("slides".into()), ..request };
    let err = app.export_board_pack(plan, &bad, &path, today).expect_err("layout");
    assert_eq!(err.field.as_deref(), Some("layout"));
    assert_eq!(err.message, "unknown layout \"slides\": use pack or deck");
}

#[test]
fn the_roadmap_round_trips_through_ms_project_xml() {
    let dir = tempfile::tempdir().expect("tmp");
    let app = open(dir.path(), true);
    let plan = "riverton-it-strategy";
    let before = app.roadmap(plan, None, None).expect("roadmap");
    let file = dir.path().join("roadmap.xml");
    app.export_initiatives_project_file(plan, &file).expect("export");
    // Move a task a year later in the file, as a planner would in MS Project.
    let xml = std::fs::read_to_string(&file).expect("read")
        .replace("<Start>2030-07-01T08:00:00</Start>", "<Start>2031-07-01T08:00:00</Start>")
        .replace("<Finish>2031-06-30T17:00:00</Finish>\n      <Milestone>0</Milestone>\n      <Summary>0</Summary>\n      <ConstraintType>4</ConstraintType>\n      <ConstraintDate>2030-07-01T08:00:00</ConstraintDate>", "<Finish>2032-06-30T17:00:00</Finish>\n      <Milestone>0</Milestone>\n      <Summary>0</Summary>\n      <ConstraintType>4</ConstraintType>\n      <ConstraintDate>2031-07-01T08:00:00</ConstraintDate>");
    std::fs::write(&file, xml).expect("write");
    let after = app.import_initiatives_project_file(plan, &file, now()).expect("import");
    let decom = after.items.iter().find(|x| x.id == "legacy-decom").expect("decom");
    assert_eq!((decom.start.as_str(), decom.end.as_str()), ("2031-07", "2032-06"));
    app.undo(now()).expect("undo");
    assert_eq!(app.roadmap(plan, None, None).expect("roadmap"), before);
    std::fs::write(&file, "<Project>").expect("write");
    let err = app.import_initiatives_project_file(plan, &file, now()).expect_err("bad");
    assert!(err.message.starts_with("Nothing was imported"), "{}", err.message);
}

#[test]
fn in_a_scenario_the_roadmap_is_varied_without_touching_the_plan() {
    use cairn_api::scenario_dto::NewScenarioDto;
    let dir = tempfile::tempdir().expect("tmp");
    let app = open(dir.path(), true);
    let plan = "riverton-it-strategy";
    let new = NewScenarioDto { name: "ERP later".into(), description: String::new(), parent: String::new() };
    let made = app.create_scenario(plan, &new, now()).expect("create");
    let sid = made.scenarios.iter().find(|s| s.name == "ERP later").expect("made").id.clone();
    let dates = |r: &cairn_api::roadmap_dto::RoadmapDto, id: &str| {
        r.items.iter().find(|x| x.id == id).map(|x| (x.start.clone(), x.end.clone()))
    };
    let before = app.roadmap(plan, None, None).expect("plan roadmap");

    // A drag in the scenario moves the initiative and its dependents there only.
    app.move_initiative(plan, Some(&sid), "erp-selection", "2026-10", "2027-06", now()).expect("move");
    let moved = app.roadmap(plan, Some(&sid), None).expect("scenario roadmap");
    assert_eq!(moved.scenario.as_ref().map(|s| s.name.as_str()), Some("ERP later"));
    assert_eq!(dates(&moved, "erp-finance"), Some(("2027-07".into(), "2029-06".into())));
    assert_eq!(app.roadmap(plan, None, None).expect("plan"), before, "the plan keeps its dates");
    // Moved whole, ERP wave 1 takes its milestones along, three months later.
    let months = |r: &cairn_api::roadmap_dto::RoadmapDto| -> Vec<String> {
        let x = r.items.iter().find(|x| x.id == "erp-finance").expect("erp");
        x.milestones.iter().map(|m| m.month.clone()).collect()
    };
    let shifted: Vec<String> = months(&before)
        .iter()
        .map(|m| {
            let ym = cairn_api::parse_month(m, "month").expect("month");
            ym.add_months(3).expect("later").to_string()
        })
        .collect();
    assert!(!shifted.is_empty());
    assert_eq!(months(&moved), shifted);
    assert_eq!(
        app.history().expect("history").undo.as_deref(),
        Some("Move “ERP procurement and vendor selection” to 2026-10–2027-06 and 3 dependents in scenario “ERP later”")
    );
    let listed = app.list_scenarios(plan).expect("list");
    let s = listed.scenarios.iter().find(|s| s.id == sid).expect("scenario");
    assert_eq!(s.overrides.len(), 4, "{:?}", s.overrides);

    // Set against the plan: ghost bars where the plan has them, and the change of spend.
    let against = app.roadmap(plan, Some(&sid), Some("plan")).expect("overlay");
    let overlay = against.overlay.expect("overlay");
    assert_eq!(overlay.bars.len(), 4);
    let ghost = overlay.bars.iter().find(|g| g.id == "erp-selection").expect("ghost");
    assert_eq!((ghost.start.as_str(), ghost.slip_months), ("2026-07", 3));
    assert_eq!(overlay.years.len(), 5);

    // Moving it back to the plan's dates leaves no override behind for it.
    app.move_initiative(plan, Some(&sid), "erp-selection", "2026-07", "2027-03", now()).expect("move back");
    let listed = app.list_scenarios(plan).expect("list");
    let s = listed.scenarios.iter().find(|s| s.id == sid).expect("scenario");
    assert_eq!(s.overrides.len(), 3, "only the dependents that were pushed stay moved: {:?}", s.overrides);

    // In the panel, dates and status may differ; a name may not, and the field is named.
    let shown = app.roadmap(plan, Some(&sid), None).expect("scenario");
    let mut input = app.initiative(plan, Some(&sid), "citizen-portal").expect("portal").input;
    input.name = "Another name".into();
    let err = app.save_initiative(plan, Some(&sid), &input, now()).expect_err("name");
    assert_eq!(err.field.as_deref(), Some("name"), "{err}");
    assert!(err.message.contains("switch to the plan"), "{err}");

    // Deleting in a scenario leaves the initiative out of it; the plan keeps it. One that
    // others depend on cannot go alone.
    let err = app.delete_initiative(plan, Some(&sid), "citizen-portal", now()).expect_err("dependents");
    assert_eq!(err.field.as_deref(), Some("dependencies"), "{err}");
    assert!(err.message.contains("Online payments and e-billing"), "{err}");
    let payments = shown.items.iter().find(|x| x.name == "Online payments and e-billing").expect("payments");
    let out = app.delete_initiative(plan, Some(&sid), &payments.id, now()).expect("leave out");
    assert!(dates(&out, &payments.id).is_none());
    assert!(dates(&app.roadmap(plan, None, None).expect("plan"), &payments.id).is_some());

    // An unknown scenario is a clear error.
    let err = app.roadmap(plan, Some("no-such"), None).expect_err("unknown");
    assert!(err.message.contains("no-such"), "{err}");
}

#[test]
fn a_scenarios_business_cases_show_its_assumptions_and_leave_the_plans_alone() {
    let dir = tempfile::tempdir().expect("tmp");
    let app = open(dir.path(), true);
    let plan = "riverton-it-strategy";
    // The demo's "Cautious benefits" scenario realises the ERP case's benefits at 80 %.
    let in_plan = app.get_case_in(plan, None, "case-erp").expect("plan case");
    let in_scenario = app.get_case_in(plan, Some("scenario-cautious"), "case-erp").expect("scenario case");
    assert_eq!(in_plan.settings.benefit_realisation, "100");
    assert_eq!(in_scenario.settings.benefit_realisation, "80");
    let npv = |r: &cairn_api::case_dto::CaseResultDto| {
        r.metrics.iter().find(|m| m.key == "npv").and_then(|m| m.value).expect("npv")
    };
    let plan_result = app.evaluate_case_in(plan, None, "case-erp", 20.0).expect("plan");
    let scenario_result = app.evaluate_case_in(plan, Some("scenario-cautious"), "case-erp", 20.0).expect("scenario");
    assert_ne!(npv(&plan_result), npv(&scenario_result));
    // The scenario's list agrees with its case; the plan's is untouched.
    let listed = app.list_cases_in(plan, Some("scenario-cautious")).expect("list");
    let erp = listed.iter().find(|c| c.id == "case-erp").expect("erp");
    assert_eq!(erp.npv, Some(npv(&scenario_result)));
    assert_eq!(app.get_case(plan, "case-erp").expect("plan again"), in_plan);
}

/// A field the TypeScript types call optional (`field?: T`) must be left out of the JSON when it
/// is empty, not sent as `null`: the pages test such fields against `undefined` (a `null` there
/// once printed "+null" and stopped the budget-cut dialog).
#[test]
fn optional_dto_fields_are_left_out_when_empty() {
    let src = repo_root().join("crates/cairn-api/src");
    let mut missing = Vec::new();
    for entry in std::fs::read_dir(&src).expect("src") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("read");
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if line.trim() != "#[ts(optional)]" {
                continue;
            }
            let near = lines[i.saturating_sub(1)..(i + 2).min(lines.len())].join("\n");
            if !near.contains("skip_serializing_if = \"Option::is_none\"") {
                missing.push(format!("{}:{}", path.display(), i + 1));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "#[ts(optional)] without #[serde(skip_serializing_if = \"Option::is_none\")]: {missing:?}"
    );
}

#[test]
fn a_scenario_override_that_repeats_the_parent_is_not_kept() {
    use cairn_api::scenario_dto::{NewScenarioDto, OverrideDto};
    let dir = tempfile::tempdir().expect("tmp");
    let cairn = open(dir.path(), true);
    let plan = cairn.list_plans().expect("list")[0].id.clone();
    let new = NewScenarioDto { name: "ERP rates".into(), description: String::new(), parent: String::new() };
    let id = cairn.create_scenario(&plan, &new, now()).expect("create").scenarios[2].id.clone();
    let overrides = |listed: cairn_api::scenario_dto::ScenariosDto| {
        listed.scenarios.into_iter().find(|s| s.id == id).expect("scenario").overrides
    };
    let rate = |r: &str| OverrideDto::CaseDiscountRate { case: "case-erp".into(), rate: r.into() };
    // The plan discounts the ERP case at 6 %: saying so again in the scenario is no difference.
    assert_eq!(
        overrides(cairn.add_scenario_override(&plan, &id, &rate("6"), now()).expect("add")),
        Vec::<String>::new()
    );
    let listed = overrides(cairn.add_scenario_override(&plan, &id, &rate("8"), now()).expect("add"));
    assert_eq!(listed, ["“ERP replacement” discounted at 8 %"]);
    // Back to the plan's rate: the override goes rather than repeating the plan.
    assert_eq!(
        overrides(cairn.add_scenario_override(&plan, &id, &rate("6.0"), now()).expect("add")),
        Vec::<String>::new()
    );
}

#[test]
fn a_missing_database_is_damage_to_restore_not_a_fresh_start() {
    let dir = tempfile::tempdir().expect("tmp");
    drop(open(dir.path(), true));
    std::fs::remove_dir_all(dir.path().join("db")).expect("rm -rf db");
    let err = Cairn::open(dir.path(), OpenOptions { seed_demo: true }, now()).expect_err("missing");
    assert_eq!(err.code, ErrorCode::DatabaseDamaged);
    assert!(err.message.starts_with("The database in "), "{}", err.message);
    assert!(
        err.message.contains("is missing, but backups exist. The newest backup is from 2026-11-22 10:00 UTC"),
        "{}",
        err.message
    );
    let backups = Cairn::backups(dir.path()).expect("list");
    assert_eq!((backups.len(), backups[0].plans), (1, 1), "the demo plan, backed up when it was seeded");
    let restored = Cairn::restore_backup(dir.path(), &backups[0].name, now()).expect("restore");
    assert_eq!(restored.set_aside, None);
    assert_eq!(restored.cairn.list_plans().expect("list").len(), 1);
    // The restored demo plan is not an undoable creation.
    assert_eq!(restored.cairn.history().expect("history").undo, None);
}

/// Benefits by kind and the benefits register, through the line editor: a benefit's class is
/// stored only when it differs from its category's, its register entry round-trips, a cost takes
/// neither, and deleting the initiative a benefit waits for leaves the plan valid.
#[test]
fn a_benefit_line_keeps_its_class_and_register_entry() {
    use cairn_api::case_dto::{BenefitClassDto, BenefitRecordDto};
    let dir = tempfile::tempdir().expect("tmp");
    let app = open(dir.path(), true);
    let plan = "riverton-it-strategy";
    let case = app.get_case(plan, "case-erp").expect("case");
    let ids = |c: &cairn_api::case_dto::CaseDto| c.initiatives.iter().map(|x| x.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&case), ["erp-finance"], "the initiative the case funds");
    let close = case.lines.iter().find(|l| l.id == "close").expect("close").clone();
    assert_eq!(close.benefit_class, Some(BenefitClassDto::NonCashReleasing));
    assert_eq!(close.register.as_ref().map(|r| r.waits_for.as_str()), Some("erp-finance"));

    let mut edited = close.clone();
    edited.benefit_class = Some(BenefitClassDto::CashReleasing);
    edited.register = Some(BenefitRecordDto {
        owner: " Head of Finance Operations ".into(),
        measure: "Days to close".into(),
        baseline: "12".into(),
        target: "5".into(),
        measured: "Monthly".into(),
        waits_for: "erp-hr".into(),
    });
    let after = app.save_line(plan, "case-erp", &edited, now()).expect("save");
    let saved = after.lines.iter().find(|l| l.id == "close").expect("close");
    assert_eq!(saved.benefit_class, Some(BenefitClassDto::CashReleasing));
    let r = saved.register.clone().expect("register");
    assert_eq!((r.owner.as_str(), r.waits_for.as_str()), ("Head of Finance Operations", "erp-hr"));
    assert_eq!(ids(&after), ["erp-finance", "erp-hr"], "then the one a benefit waits for");
    let metrics = app.evaluate_case(plan, "case-erp", 20.0).expect("metrics").metrics;
    let npv = |key: &str| metrics.iter().find(|m| m.key == key).and_then(|m| m.value).expect("metric");
    assert_eq!(npv("npv"), npv("npv_cash_releasing"), "every benefit of the ERP now releases cash");

    // A benefit waiting for an initiative that is not there, or a cost with a class: refused by name.
    let mut bad = edited.clone();
    bad.register.as_mut().expect("r").waits_for = "nowhere".into();
    let err = app.save_line(plan, "case-erp", &bad, now()).expect_err("unknown initiative");
    assert!(err.field.as_deref().is_some_and(|f| f.ends_with("register.waits_for")), "{err:?}");
    let mut cost = case.lines.iter().find(|l| l.benefit_class.is_none()).expect("a cost").clone();
    cost.benefit_class = Some(BenefitClassDto::Wider);
    let err = app.save_line(plan, "case-erp", &cost, now()).expect_err("a cost has no class");
    assert!(err.field.as_deref().is_some_and(|f| f.ends_with("benefit_class")), "{err:?}");

    // Deleting the initiative a benefit waits for forgets it; the plan stays valid and editable.
    app.delete_initiative(plan, None, "erp-hr", now()).expect("delete");
    let case = app.get_case(plan, "case-erp").expect("case");
    let saved = case.lines.iter().find(|l| l.id == "close").expect("close");
    assert_eq!(saved.register.as_ref().map(|r| r.waits_for.as_str()), Some(""));
    app.rename_plan(plan, "Still editable", now()).expect("rename");
}

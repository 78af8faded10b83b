//! Cairn's domain model: plans, money and the fiscal calendar, with the rules they obey.
//!
//! - [`Plan`] is a CIO's IT strategy: settings, goals, themes and the collections later features
//!   fill (initiatives, business cases, sourcing studies, scenarios).
//! - [`AppraisalPolicy`]: how every business case of the plan is appraised (basis, discount
//!   schedule, inflation, benefits counted, capitalisation, headline, decision rule).
//! - [`OptimismBias`]: a case's project type and mitigated contributory factors, with the
//!   guidance's [`BOUNDS`] (HM Treasury, Mott MacDonald 2002).
//! - [`Money`] and [`Currency`]: exact decimal amounts in one ISO 4217 currency.
//! - [`FiscalCalendar`]: which fiscal year and quarter a month belongs to, and their labels.
//! - [`read_plan_file`] / [`write_plan_file`]: the versioned JSON plan file.
//! - [`validate`]: every rule a plan obeys, reported by JSON path.
//! - [`Risk`]: the risk register, rated on the plan's 5 × 5 [`RiskScale`] with appetite per
//!   category ([`RiskSettings`]).
//! - [`text`] writes figures as the app does; [`narrative`] writes the sentences made from them.
//!
//! This crate does no I/O and reads no clock: callers pass times in.
//!
//! ```
//! use cairn_core::{demo_plan, read_plan_file, write_plan_file, FiscalYear};
//! let plan = demo_plan();
//! assert_eq!(plan.year_label(FiscalYear(2027)), "FY2027");
//! let text = write_plan_file(&plan, chrono::DateTime::UNIX_EPOCH);
//! assert_eq!(read_plan_file(&text).unwrap().plan, plan);
//! ```

pub mod appraisal;
pub mod case;
pub mod case_risk;
pub mod case_timing;
pub mod demo;
mod demo_cases;
mod demo_risks;
mod demo_roadmap;
mod demo_scenarios;
mod demo_sourcing;
pub mod duration;
pub mod exact;
pub mod file;
pub mod fiscal;
mod json;
pub mod money;
pub mod narrative;
pub mod optimism;
pub mod options;
pub mod plan;
pub mod risk;
pub mod roadmap;
pub mod scenario;
pub mod sourcing;
pub mod text;
pub mod validate;
mod validate_appraisal;
mod validate_case;
mod validate_case_risk;
mod validate_length;
mod validate_risk;
mod validate_roadmap;
mod validate_text;

pub use appraisal::{
    A94Row, AccountingStandard, AppraisalPolicy, BenefitClasses, CaseRate, ChanceOfLossLimit, Comparison, CostActivity,
    DecisionRule, DiscountPolicy, DiscountPreset, HeadlineBasis, InflationAssumption, InflationRates, InflationYear,
    LEGACY_RATE_REASON, MandatoryRule, NpvMeasure, PriceBasis, WaccParts,
};
pub use case::{
    BenefitClass, BenefitDelay, BenefitRecord, BusinessCase, CaseYear, Depreciation, DepreciationMethod, Distribution,
    LineAmounts, LineCategory, LineItem, LineKind, MetricKey, MetricUnit, Uncertainty, YearAmount,
};
pub use case_risk::{CaseSimulation, Correlation, Draw, nearest_correlation};
pub use case_timing::{InService, MilestoneLink, ResidualValue, SunkCost};
pub use demo::{DEMO_PLAN_ID, demo_plan, random_plan, synthetic_plan};
pub use duration::{DurationPoints, DurationRange, DurationSpread, MAX_DURATION_MONTHS};
pub use file::{PLAN_FORMAT, PLAN_FORMAT_VERSION, PlanFile, PlanFileError, read_plan_file, write_plan_file};
pub use fiscal::{CalendarError, FiscalCalendar, FiscalQuarter, FiscalYear, FiscalYearNaming, YearMonth};
pub use money::{Currency, Money, MoneyError, Rounding, ToF64Error, to_f64};
pub use optimism::{
    BOUNDS, Bounds, Contribution, ContributoryFactor, FactorArea, Mitigation, OptimismBias, ProjectType, TypeBounds,
};
pub use options::{CaseOption, IMPLICIT_BAU_ID, IMPLICIT_BAU_NAME, IMPLICIT_PREFERRED_ID, OptionRole};
pub use plan::{
    AcceptedFinding, Goal, Horizon, Id, IdError, Initiative, InitiativeStatus, Plan, PlanHeader, PlanSettings,
    SourcingStudy, Theme, positions_by_id,
};
pub use risk::{
    BenefitImpact, CostImpact, CostTiming, DEFAULT_CATEGORIES, DelayImpact, ImpactLevel, LikelihoodLevel, OptionLink,
    Rating, Response, Risk, RiskAction, RiskCategory, RiskKind, RiskLinks, RiskScale, RiskSettings, RiskStatus,
    ThreePoint,
};
pub use roadmap::{
    Budget, BudgetCeiling, BudgetYear, Dependency, DependencyKind, Milestone, MilestoneKind, QuarterFte, RiskRating,
    RoadmapSettings,
};
pub use scenario::{
    Baseline, Override, Scenario, ScenarioError, apply_overrides, lineage, resolve, stale_overrides, take_baseline,
};
pub use sourcing::{
    CostProfile, Criterion, CriterionBasis, CriterionDirection, Judgement, Score, SourcingKind, SourcingOption,
    Weighting, default_criteria,
};
pub use validate::{MAX_NAME_CHARS, Problem, validate};

//! `cairn case simulate`: a case's Monte Carlo simulation for other tools (README.md, "Command
//! line"; docs/risk.md, "Business-case simulation"). The case is found and resolved as `cairn case
//! metrics` finds it; [`CliCaseSimulationDto`] is the contract.

use cairn_case::{Context, Simulation, SimulationSettings};
use cairn_core::Plan;

use crate::cli_dto::{CliCaseSimulationDto, CliNpvDistributionDto};
use crate::{ApiError, ErrorCode};

/// An amount to the cent (half away from zero), as the contract gives it.
fn cents(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

/// Simulates `case` (an id or a name) in `plan`, or in the plan as `scenario` resolves, with
/// `runs` runs (100 to 1,000,000) from `seed`.
pub fn case_simulate(
    plan: &Plan,
    case: &str,
    scenario: Option<&str>,
    runs: u32,
    seed: u64,
) -> Result<CliCaseSimulationDto, ApiError> {
    if !(100..=1_000_000).contains(&runs) {
        return Err(ApiError::invalid("runs", format!("runs must be between 100 and 1,000,000, not {runs}")));
    }
    let resolved = crate::check::plan_as(plan, scenario)?;
    let plan = &*resolved;
    let found = crate::case_metrics::find_case(plan, case)?;
    let invalid = |e: cairn_case::CaseError| ApiError::new(ErrorCode::InvalidInput, format!("\"{}\": {e}", found.name));
    let simulation = Simulation::new_in(found, &Context::of(plan)).map_err(invalid)?;
    let r = simulation
        .run(SimulationSettings { iterations: runs, seed }, &|_, _| true)
        .map_err(|e| ApiError::new(ErrorCode::Cancelled, e.to_string()))?;
    let c = r.confidence;
    Ok(CliCaseSimulationDto {
        runs,
        seed,
        npv: CliNpvDistributionDto {
            mean: cents(r.mean),
            p10: cents(c.p10),
            p50: cents(c.p50),
            p80: cents(c.p80),
            p90: cents(c.p90),
        },
        prob_npv_negative: r.probability_negative,
        contingency_p80: cents(r.contingency_p80),
    })
}

//! Every screen evaluates a case in its plan's context: a benefit linked to a roadmap milestone,
//! an asset in service from one and the plan's discount policy give the same figure on the case
//! page, in the case list, in the tornado and in the simulation (issue 17, items 1 and 4).

use cairn_api::case_dto::{CaseResultDto, SimulationSettingsDto};
use cairn_api::{Cairn, OpenOptions};
use cairn_case::Context;
use cairn_core::{
    AppraisalPolicy, DiscountPolicy, InService, InflationAssumption, InflationRates, MilestoneLink, Plan,
};
use rust_decimal::dec;

use super::now;

/// The demo plan, whose ERP case's productivity benefit starts at the finance go-live and whose
/// implementation is in service then; with `policy`, a confirmed Green Book schedule under a
/// nominal policy with 2 % inflation, and without, the demo without its policy (each case at its
/// own rate).
fn linked_plan(policy: bool) -> Plan {
    let mut plan = cairn_core::demo_plan();
    let go_live = MilestoneLink {
        initiative: cairn_core::Id::new("erp-finance").expect("id"),
        milestone: "Finance go-live".into(),
    };
    let case = &plan.business_cases[0];
    let close = case.lines.iter().position(|l| l.id.as_str() == "close").expect("the close benefit");
    assert_eq!(case.lines[close].starts_at, Some(go_live.clone()));
    assert_eq!(case.lines[0].in_service, Some(InService::Milestone(go_live)));
    plan.settings.appraisal = if policy {
        AppraisalPolicy {
            discount: Some(DiscountPolicy { confirmed: true, ..DiscountPolicy::green_book() }),
            inflation: Some(InflationAssumption {
                rates: InflationRates::Flat { rate: dec!(0.02) },
                source: "Central bank target".into(),
            }),
            ..AppraisalPolicy::default()
        }
    } else {
        AppraisalPolicy::default()
    };
    assert!(cairn_core::validate(&plan).is_empty(), "{:?}", cairn_core::validate(&plan));
    plan
}

fn npv(dto: &CaseResultDto) -> f64 {
    dto.metrics.iter().find(|m| m.key == "npv").and_then(|m| m.value).expect("an NPV")
}

#[test]
fn a_linked_case_has_one_figure_on_every_screen() {
    for policy in [false, true] {
        let plan = linked_plan(policy);
        let expected = cairn_case::evaluate_in(&plan.business_cases[0], &Context::of(&plan))
            .expect("evaluates")
            .metrics
            .npv
            .value()
            .expect("an NPV");
        let dir = tempfile::tempdir().expect("tmp");
        let cairn = Cairn::open(dir.path(), OpenOptions { seed_demo: false }, now()).expect("open").0;
        cairn.import_plan_text(&cairn_core::write_plan_file(&plan, now()), "linked.json", now()).expect("imports");
        let id = plan.id.as_str();
        let page = cairn.evaluate_case(id, "case-erp", 20.0).expect("the case page evaluates a linked case");
        assert_eq!(npv(&page).to_bits(), expected.to_bits(), "policy {policy}");
        // The page says what the figure is discounted at, in which basis, and why.
        let says =
            if policy { "nominal terms: the plan's schedule, the Green Book schedule" } else { "the case's own rate" };
        assert!(page.rate.starts_with("Discounted at ") && page.rate.contains(says), "{}", page.rate);
        let listed = cairn.list_cases(id).expect("list");
        assert_eq!(listed[0].npv.map(f64::to_bits), Some(expected.to_bits()), "the list's NPV is the page's");
        let tornado = page.sensitivity.expect("a tornado");
        assert_eq!(tornado.base_npv.to_bits(), expected.to_bits());
        let sim = cairn.prepare_simulation(id, "case-erp").expect("the simulation prepares");
        let run = cairn_api::run_simulation(&sim, SimulationSettingsDto { iterations: 1_000, seed: 7 }, &|_, _| true)
            .expect("runs");
        assert_eq!(run.base_npv.to_bits(), expected.to_bits(), "the simulation varies the page's figure");
    }
    // The policy changes the figure: the Green Book's 3.5 % real is about 5.6 % nominal at 2 %
    // inflation, below the case's own 6 %, so the NPV rises.
    let own = cairn_case::evaluate_in(&linked_plan(false).business_cases[0], &Context::of(&linked_plan(false)));
    let green = cairn_case::evaluate_in(&linked_plan(true).business_cases[0], &Context::of(&linked_plan(true)));
    let (own, green) = (own.expect("evaluates").metrics.npv.value(), green.expect("evaluates").metrics.npv.value());
    assert!(green > own, "{green:?} vs {own:?}");
}

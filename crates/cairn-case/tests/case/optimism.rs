//! Optimism bias against a hand-computed case, every cell of the guidance's table, and its
//! invariants (issue 17, item 6).

use cairn_case::{Context, WorksBasis, evaluate, evaluate_in, uplifts};
use cairn_core::{
    BusinessCase, Contribution, ContributoryFactor, Id, LineCategory, Mitigation, OptimismBias, ProjectType, YearMonth,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::{case, dec, line, yearly};

/// A bias of `project_type` with the first factors of `ContributoryFactor::ALL` mitigated as given.
fn bias(project_type: ProjectType, mitigated: &[Decimal]) -> OptimismBias {
    OptimismBias {
        project_type,
        mitigations: mitigated
            .iter()
            .zip(ContributoryFactor::ALL)
            .map(|(m, factor)| Mitigation { factor, mitigated: *m, reason: "assessed".into(), contribution: None })
            .collect(),
    }
}

/// Capex 1,000,000 in FY2027, benefits 600,000 a year FY2028–FY2031, 10 %, no upfront column.
fn it_case() -> BusinessCase {
    use LineCategory::*;
    case(
        false,
        0.1,
        vec![
            line("build", CapexImplementation, &[(Some(2027), 1_000_000.0)]),
            yearly("savings", BenefitCostSavings, 2028, 2031, 600_000.0, None),
        ],
    )
}

fn amounts(row: &[Decimal]) -> Vec<String> {
    row.iter().map(|a| a.normalize().to_string()).collect()
}

/// The spreadsheet, by hand. Equipment/development (IT): capex 200 % / 10 %, duration 54 % / 10 %.
/// Eight of the 21 factors mitigated fully and a ninth at 0.4: reduction = 8.4 / 21 = 40 %.
///   capex uplift    = MAX(200 % × (1 − 40 %), 10 %) = 120 %
///   uplift row      = 120 % × capex row = 1,200,000 in FY2027 ("Optimism bias: capex uplift 120 %")
///   duration uplift = MAX(54 % × (1 − 40 %), 10 %) = 32.4 %
///   works months    = 12 (no initiative: FY2027 until FY2028, the first benefit year, starts)
///   delay           = ROUND(32.4 % × 12, 0) = ROUND(3.888, 0) = 4 months
///   benefits        = each 600,000 year keeps 8/12 (400,000) and sends 4/12 (200,000) to the next:
///                     FY2028 400,000, FY2029–31 600,000, 200,000 past FY2031 (lost)
///   net             = −2,200,000, 400,000, 600,000, 600,000, 600,000
///   NPV             = −2,200,000/1.1 + 400,000/1.1^2 + 600,000/1.1^3 + 600,000/1.1^4 + 600,000/1.1^5
///                   = −2,000,000 + 330,578.51 + 450,788.88 + 409,808.07 + 372,552.79 = −436,271.74
///   (without the bias: −1,000,000/1.1 + 600,000 × (1/1.1^2 + … + 1/1.1^5) = 819,926.61)
///   depreciation    = the capex with its uplift, 2,200,000 over 5 years: 440,000 a year from FY2028
#[test]
fn hand_computed_it_case() {
    let mut c = it_case();
    let plain = evaluate(&c).expect("evaluates");
    let mut m = vec![Decimal::ONE; 8];
    m.push(dec(0.4));
    c.optimism_bias = Some(bias(ProjectType::EquipmentDevelopment, &m));
    let e = evaluate(&c).expect("evaluates");
    let o = e.optimism.as_ref().expect("the case has a bias");
    assert_eq!(o.cost.reduction, dec(0.4));
    assert_eq!(o.cost.applied, dec(1.2));
    assert_eq!(o.cost_label(), "Optimism bias: capex uplift 120 %");
    assert_eq!(amounts(&o.cost_row), ["1200000", "0", "0", "0", "0"]);
    assert_eq!(o.cost_total, dec(1_200_000.0));
    let duration = o.duration.expect("IT has a duration uplift");
    assert_eq!(duration.applied, dec(0.324));
    assert_eq!((o.works_months, o.works_basis, o.delay_months), (12, WorksBasis::BenefitStart, 4));
    assert_eq!(amounts(&e.totals.capex), ["2200000", "0", "0", "0", "0"]);
    assert_eq!(amounts(&e.totals.benefits), ["0", "400000", "600000", "600000", "600000"]);
    assert_eq!(amounts(&o.benefit_shift), ["0", "-200000", "0", "0", "0"]);
    assert_eq!(o.benefits_beyond, dec(200_000.0));
    assert_eq!(amounts(&e.totals.net), ["-2200000", "400000", "600000", "600000", "600000"]);
    assert_eq!(amounts(&e.pnl.depreciation), ["0", "440000", "440000", "440000", "440000"]);
    let npv =
        -2_200_000.0 / 1.1 + 400_000.0 / 1.1f64.powi(2) + (3..=5).map(|t| 600_000.0 / 1.1f64.powi(t)).sum::<f64>();
    let got = e.metrics.npv.value().expect("npv");
    assert!((got - npv).abs() < 1e-6, "{got} vs {npv}");
    assert!((got - -436_271.740_007_823_6).abs() < 1e-6, "{got}");
    assert!((plain.metrics.npv.value().expect("npv") - 819_926.607_099_614_5).abs() < 1e-6);
    // The lines stay as entered; lines plus the uplift rows make the totals.
    assert_eq!(e.lines, plain.lines);
    assert_eq!(e.totals.by_category, plain.totals.by_category);
}

/// The works months come from the initiatives the case funds when the plan knows them:
/// 2027-01 to 2028-06 is 18 months; ROUND(32.4 % × 18, 0) = ROUND(5.832, 0) = 6 months.
#[test]
fn works_months_from_the_funded_initiatives() {
    let mut c = it_case();
    let mut m = vec![Decimal::ONE; 8];
    m.push(dec(0.4));
    c.optimism_bias = Some(bias(ProjectType::EquipmentDevelopment, &m));
    let erp = Id::new("erp").expect("id");
    c.initiatives = vec![erp.clone()];
    let month = |y, m| YearMonth::new(y, m).expect("month");
    let mut ctx = Context::default();
    ctx.works.insert(erp, (month(2027, 1), month(2028, 6)));
    let e = evaluate_in(&c, &ctx).expect("evaluates");
    let o = e.optimism.expect("bias");
    assert_eq!(o.works_months, 18);
    assert_eq!(o.works_basis, WorksBasis::Initiatives { first: month(2027, 1), last: month(2028, 6) });
    assert_eq!(o.delay_months, 6);
    // Each 600,000 year keeps half and sends half to the next.
    assert_eq!(amounts(&e.totals.benefits), ["0", "300000", "600000", "600000", "600000"]);
}

/// Every cell of the guidance's table through the engine: with nothing mitigated the uplift row is
/// the upper bound × the costs it applies to, fully mitigated the lower bound (percent as the
/// issue gives them: type, cost upper, cost lower, duration upper, duration lower).
#[test]
fn every_cell_of_the_table() {
    use LineCategory::*;
    /// Type, cost upper and lower, duration upper and lower (percent).
    type Cell = (ProjectType, f64, f64, Option<(f64, f64)>);
    let cells: [Cell; 6] = [
        (ProjectType::EquipmentDevelopment, 200.0, 10.0, Some((54.0, 10.0))),
        (ProjectType::Outsourcing, 41.0, 0.0, None),
        (ProjectType::StandardBuildings, 24.0, 2.0, Some((4.0, 1.0))),
        (ProjectType::NonStandardBuildings, 51.0, 4.0, Some((39.0, 2.0))),
        (ProjectType::StandardCivilEngineering, 44.0, 3.0, Some((20.0, 1.0))),
        (ProjectType::NonStandardCivilEngineering, 66.0, 6.0, Some((25.0, 3.0))),
    ];
    for (t, upper, lower, duration) in cells {
        for (mitigated, cost_pct, duration_pct) in
            [(Decimal::ZERO, upper, duration.map(|d| d.0)), (Decimal::ONE, lower, duration.map(|d| d.1))]
        {
            let mut c = case(
                false,
                0.1,
                vec![
                    line("kit", CapexHardware, &[(Some(2027), 100.0)]),
                    line("run", OpexHosting, &[(Some(2027), 100.0)]),
                ],
            );
            c.optimism_bias = Some(bias(t, &[mitigated; 21]));
            let e = evaluate(&c).expect("evaluates");
            let o = e.optimism.expect("bias");
            let pct = dec(cost_pct) / Decimal::ONE_HUNDRED;
            assert_eq!(o.cost.applied, pct, "{t:?} cost at mitigation {mitigated}");
            assert_eq!(o.cost_row[0], dec(cost_pct), "{t:?}: the uplift on 100 of costs");
            let (capex, opex) =
                if t == ProjectType::Outsourcing { (100.0, 100.0 + cost_pct) } else { (100.0 + cost_pct, 100.0) };
            assert_eq!((e.totals.capex[0], e.totals.opex[0]), (dec(capex), dec(opex)), "{t:?}");
            assert_eq!(o.duration.map(|d| d.applied), duration_pct.map(|p| dec(p) / Decimal::ONE_HUNDRED), "{t:?}");
        }
    }
}

/// A case without a bias evaluates as before: a bias that adds nothing (outsourcing fully
/// mitigated: 0 % on opex, no duration) leaves every figure the same bits.
#[test]
fn no_bias_no_change() {
    let plan = cairn_core::demo_plan();
    let ctx = cairn_case::Context::of(&plan);
    let evaluate = |c: &cairn_core::BusinessCase| cairn_case::evaluate_in(c, &ctx);
    for mut c in plan.business_cases.clone() {
        c.optimism_bias = None;
        let plain = evaluate(&c).expect("evaluates");
        assert!(plain.optimism.is_none());
        let mut zero = c.clone();
        zero.optimism_bias = Some(bias(ProjectType::Outsourcing, &[Decimal::ONE; 21]));
        let e = evaluate(&zero).expect("evaluates");
        assert_eq!(e.optimism.as_ref().map(|o| o.cost.applied), Some(Decimal::ZERO));
        assert_eq!(e.totals, plain.totals, "{}", c.name);
        assert_eq!(e.metrics, plain.metrics, "{}", c.name);
        assert_eq!(e.pnl, plain.pnl, "{}", c.name);
    }
}

/// Stated contributions: the factors' shares of the upper bound, as the guidance's method uses.
#[test]
fn stated_contributions() {
    let mut c = it_case();
    c.optimism_bias = Some(OptimismBias {
        project_type: ProjectType::StandardCivilEngineering,
        mitigations: vec![Mitigation {
            factor: ContributoryFactor::EnvironmentalImpact,
            mitigated: dec(0.5),
            reason: "route avoids the wetland".into(),
            contribution: Some(Contribution { cost: dec(0.5), duration: dec(0.2) }),
        }],
    });
    let o = evaluate(&c).expect("evaluates").optimism.expect("bias");
    // 44 % × (1 − 0.5 × 0.5) = 33 %; 20 % × (1 − 0.2 × 0.5) = 18 %.
    assert_eq!(o.cost.applied, dec(0.33));
    assert_eq!(o.duration.map(|d| d.applied), Some(dec(0.18)));
}

proptest! {
    /// The applied uplift lies between the bounds and falls as mitigation rises.
    #[test]
    fn uplift_between_bounds_and_falls_with_mitigation(
        t in 0usize..6,
        levels in proptest::collection::vec(0u32..=100, 0..=21),
        which in 0usize..21,
        more in 1u32..=100,
    ) {
        let project_type = ProjectType::ALL[t];
        let mut mitigated: Vec<Decimal> = levels.iter().map(|l| Decimal::new(i64::from(*l), 2)).collect();
        mitigated.resize(21, Decimal::ZERO);
        let (cost, duration) = uplifts(&bias(project_type, &mitigated));
        let raised = (mitigated[which] + Decimal::new(i64::from(more), 2)).min(Decimal::ONE);
        let rose = raised > mitigated[which];
        mitigated[which] = raised;
        let (cost2, duration2) = uplifts(&bias(project_type, &mitigated));
        for (before, after) in [(Some(cost), Some(cost2)), (duration, duration2)] {
            let (Some(before), Some(after)) = (before, after) else { continue };
            for u in [before, after] {
                prop_assert!(u.lower <= u.applied && u.applied <= u.upper, "{u:?}");
            }
            prop_assert!(after.applied <= before.applied);
            if rose && before.applied > before.lower {
                prop_assert!(after.applied < before.applied, "{before:?} → {after:?}");
            }
        }
    }
}

/// The Monte Carlo analysis varies a line as the bias carries it: a capex line drawn at 200 % of
/// plan doubles its uplift too, and a benefit drawn at 100 % moves by the delay, so the run is the
/// evaluated case.
#[test]
fn simulation_varies_lines_with_their_uplift() {
    use cairn_case::{Simulation, SimulationSettings};
    use cairn_core::{Distribution, Uncertainty};
    let at = |p: u32| Distribution::Uniform { min: Decimal::from(p), max: Decimal::from(p) };
    let mut m = vec![Decimal::ONE; 8];
    m.push(dec(0.4));
    let mut c = it_case();
    c.optimism_bias = Some(bias(ProjectType::EquipmentDevelopment, &m));
    c.lines[0].uncertainty = Some(Uncertainty { distribution: at(200), delay: None, draw: Default::default() });
    c.lines[1].uncertainty = Some(Uncertainty { distribution: at(100), delay: None, draw: Default::default() });
    let mut doubled = c.clone();
    doubled.lines[0] = line("build", LineCategory::CapexImplementation, &[(Some(2027), 2_000_000.0)]);
    let want = evaluate(&doubled).expect("evaluates").metrics.npv.value().expect("npv");
    // −4,400,000/1.1 + the delayed benefits: 2,200,000 lower than the hand-computed case's NPV.
    assert!((want - (-436_271.740_007_823_6 - 2_000_000.0)).abs() < 1e-6, "{want}");
    let settings = SimulationSettings { iterations: 50, seed: 1 };
    let r = Simulation::new(&c).expect("prepares").run(settings, &|_, _| true).expect("runs");
    assert!(r.npvs.iter().all(|v| (v - want).abs() < 1e-6), "{:?} vs {want}", &r.npvs[..3]);
}

//! The sensitivity and the simulation see the case as its figures do: in the plan's context
//! (`Context::of(plan)`), with its benefits at their milestone, its assets in service from theirs,
//! the capitalisation policy and the plan's discount schedule.

use std::collections::BTreeMap;

use cairn_case::{Context, MilestoneKey, Simulation, SimulationSettings, evaluate_in, sensitivity, sensitivity_in};
use cairn_core::appraisal::Capitalisation;
use cairn_core::{
    AccountingStandard, AppraisalPolicy, BenefitDelay, CostActivity, DiscountPolicy, Distribution, FiscalYear, Id,
    InService, InflationAssumption, InflationRates, InflationYear, LineCategory, MilestoneLink, PriceBasis,
    Uncertainty, YearMonth,
};
use rust_decimal::Decimal;
use rust_decimal::dec;

use super::{case, line, yearly};

fn go_live() -> MilestoneLink {
    MilestoneLink { initiative: Id::new("erp").expect("id"), milestone: "Go-live".into() }
}

/// A plan context: "erp"'s go-live in `month`; the Green Book schedule (real, confirmed) under a
/// nominal policy with a yearly inflation series that changes, so the converted schedule's rate
/// changes from year to year; training expensed (ASC 350-40).
fn plan_ctx(month: &str) -> Context {
    let month: YearMonth = month.parse().expect("month");
    let key = MilestoneKey { initiative: Id::new("erp").expect("id"), milestone: "Go-live".into() };
    let inflation = [dec!(0.02), dec!(0.03), dec!(0.025), dec!(0.02), dec!(0.02)];
    let policy = AppraisalPolicy {
        basis: PriceBasis::Nominal,
        discount: Some(DiscountPolicy { confirmed: true, ..DiscountPolicy::green_book() }),
        inflation: Some(InflationAssumption {
            rates: InflationRates::PerYear {
                years: (2027..).zip(inflation).map(|(y, rate)| InflationYear { year: FiscalYear(y), rate }).collect(),
            },
            source: "test series".into(),
        }),
        capitalisation: Capitalisation::standard(AccountingStandard::Asc350_40),
        ..AppraisalPolicy::default()
    };
    Context { policy, milestones: BTreeMap::from([(key, month)]), ..Context::default() }
}

fn uncertain(mut l: cairn_core::LineItem, low: Decimal, high: Decimal, late: Option<Decimal>) -> cairn_core::LineItem {
    let distribution = Distribution::Triangular { min: low, mode: Decimal::ONE_HUNDRED, max: high };
    let delay = late.map(|probability| BenefitDelay { probability, years: 1 });
    l.uncertainty = Some(Uncertainty { distribution, delay, draw: Default::default() });
    l
}

/// Software in service at the go-live, training (expensed under the policy though entered as
/// capex), a benefit that starts at the go-live; every line uncertain, between `low` and `high`
/// per cent of plan, the benefit late with probability `late`.
fn linked_case(low: Decimal, high: Decimal, late: Decimal) -> cairn_core::BusinessCase {
    use LineCategory::*;
    let mut software = line("software", CapexSoftware, &[(Some(2027), 900_000.0), (Some(2028), 300_000.0)]);
    software.in_service = Some(InService::Milestone(go_live()));
    let mut training = line("training", CapexImplementation, &[(Some(2028), 150_000.0)]);
    training.activity = Some(CostActivity::Training);
    let mut savings = yearly("savings", BenefitCostSavings, 2028, 2031, 520_000.0, Some(0.03));
    savings.starts_at = Some(go_live());
    let mut c = case(
        false,
        0.1,
        vec![
            uncertain(software, low, high, None),
            uncertain(training, low, high, None),
            uncertain(savings, low, high, Some(late)),
        ],
    );
    c.tax_rate = Some(dec!(0.25));
    c
}

fn npv(c: &cairn_core::BusinessCase, ctx: &Context) -> f64 {
    evaluate_in(c, ctx).expect("evaluates").metrics.npv.value().expect("an NPV")
}

/// A simulation in which nothing varies and nothing is late reproduces the figure the case page
/// shows in the plan's context, to the last bit, with the schedule's rates changing year by year.
#[test]
fn a_simulation_without_variation_is_the_figure_in_context() {
    let ctx = plan_ctx("2027-10");
    let c = linked_case(Decimal::ONE_HUNDRED, Decimal::ONE_HUNDRED, Decimal::ZERO);
    let expected = npv(&c, &ctx);
    let sim = Simulation::new_in(&c, &ctx).expect("prepares");
    assert_eq!(sim.base_npv().to_bits(), expected.to_bits());
    let r = sim.run(SimulationSettings { iterations: 500, seed: 3 }, &|_, _| true).expect("runs");
    assert!(r.npvs.iter().all(|v| v.to_bits() == expected.to_bits()), "{} vs {expected}", r.mean);
    // Outside the plan the milestone is unknown: an error naming the field, as the case page's.
    let err = Simulation::new(&c).err().expect("no milestone outside the plan");
    assert!(err.to_string().starts_with("lines[2].starts_at.milestone"), "{err}");
}

/// A benefit that is certainly a year late is the case with its go-live a year later: the
/// simulation's late start and the sensitivity's bar both move the benefit from its milestone.
#[test]
fn a_late_benefit_moves_from_its_milestone() {
    let ctx = plan_ctx("2027-10");
    let late = plan_ctx("2028-10");
    let c = linked_case(Decimal::ONE_HUNDRED, Decimal::ONE_HUNDRED, Decimal::ONE);
    // Only the benefit waits for the go-live in the late version: keep the software's in-service
    // month where it is by dating it.
    let mut dated = c.clone();
    dated.lines[0].in_service = Some(InService::At { month: "2027-10".parse().expect("month") });
    let expected = npv(&dated, &late);
    let r = Simulation::new_in(&c, &ctx)
        .expect("prepares")
        .run(SimulationSettings { iterations: 200, seed: 5 }, &|_, _| true)
        .expect("runs");
    // The run adds the late effect to the planned flow in f64: equal to the evaluation's to a
    // relative 1e-12 (summation order), not to the bit.
    assert!(r.npvs.iter().all(|v| ((v - expected) / expected).abs() < 1e-12), "{} vs {expected}", r.mean);

    let s = sensitivity_in(&c, dec!(0.2), &ctx).expect("sensitivity");
    let bar = s.bars.iter().find(|b| b.driver == "Benefits start one year late").expect("the late bar");
    assert_eq!(bar.npv_low.to_bits(), expected.to_bits(), "the bar is the case with the benefit a year on");
    assert_eq!(s.base_npv.to_bits(), npv(&c, &ctx).to_bits());
    // Outside the plan the milestone is unknown, as on the case page.
    assert!(sensitivity(&c, dec!(0.2)).is_err());
}

/// The discount-rate bar moves the rates the case is discounted at: its own rate (labelled with
/// the rate), or every rate of the plan's schedule (labelled with the move, as the rates differ
/// from year to year).
#[test]
fn the_discount_rate_bar_moves_the_plans_schedule() {
    let ctx = plan_ctx("2027-10");
    let c = linked_case(Decimal::ONE_HUNDRED, Decimal::ONE_HUNDRED, Decimal::ZERO);
    let s = sensitivity_in(&c, dec!(0.2), &ctx).expect("sensitivity");
    let bar = s.bars.iter().find(|b| b.driver == "Discount rate").expect("the rate bar");
    assert_eq!((bar.low_label.as_str(), bar.high_label.as_str()), ("every rate −20 %", "every rate +20 %"));
    assert!(bar.npv_low > s.base_npv && s.base_npv > bar.npv_high, "{bar:?} around {}", s.base_npv);

    // The same case stating its own rate with a reason: the bar is at 8 % and 12 %, the NPVs
    // those of the case at those rates.
    let mut own = c.clone();
    own.rate_reason = Some("the lender's rate".into());
    let s = sensitivity_in(&own, dec!(0.2), &ctx).expect("sensitivity");
    let bar = s.bars.iter().find(|b| b.driver == "Discount rate").expect("the rate bar");
    assert_eq!((bar.low_label.as_str(), bar.high_label.as_str()), ("8 %", "12 %"));
    let mut at_8 = own.clone();
    at_8.discount_rate = dec!(0.08);
    assert_eq!(bar.npv_low.to_bits(), npv(&at_8, &ctx).to_bits());
}

/// A case stated in real prices in a nominal plan: its flows are inflated year by year and its
/// real rates converted by Fisher with the same inflation, so its NPV is the one it has in a real
/// plan, by its own real rate or by the Green Book's schedule (nominal ↔ real round trip).
#[test]
fn a_real_case_in_a_nominal_plan_has_its_real_npv() {
    use LineCategory::*;
    let mut c = case(
        true,
        0.035,
        vec![
            line("build", CapexImplementation, &[(None, 800_000.0), (Some(2027), 400_000.0)]),
            yearly("run", OpexSupport, 2027, 2031, 90_000.0, None),
            yearly("save", BenefitCostSavings, 2028, 2031, 420_000.0, None),
        ],
    );
    c.prices = PriceBasis::Real;
    c.rate_reason = Some("the department's real test rate".into());
    let inflation = [dec!(0.02), dec!(0.031), dec!(0.025), dec!(0.018), dec!(0.022)];
    let series = InflationAssumption {
        rates: InflationRates::PerYear {
            years: (2027..).zip(inflation).map(|(y, rate)| InflationYear { year: FiscalYear(y), rate }).collect(),
        },
        source: "test series".into(),
    };
    let in_basis = |basis: PriceBasis, discount: Option<DiscountPolicy>| Context {
        policy: AppraisalPolicy { basis, discount, inflation: Some(series.clone()), ..AppraisalPolicy::default() },
        ..Context::default()
    };
    let green = Some(DiscountPolicy { confirmed: true, ..DiscountPolicy::green_book() });
    for (own, discount) in [(true, None), (false, green)] {
        let mut c = c.clone();
        if !own {
            c.rate_reason = None;
        }
        let real = npv(&c, &in_basis(PriceBasis::Real, discount.clone()));
        let nominal = evaluate_in(&c, &in_basis(PriceBasis::Nominal, discount)).expect("evaluates");
        let converted = nominal.metrics.npv.value().expect("an NPV");
        // The same sum by two routes in f64: equal to a relative 1e-12.
        assert!(((converted - real) / real).abs() < 1e-12, "own rate {own}: {converted} vs {real}");
        // The flows are nominal: the FY2028 saving is 420,000 × 1.02 × 1.031.
        assert_eq!(nominal.lines[2].amounts[2], dec!(441680.4), "own rate {own}");
    }
    // Without an inflation assumption there is nothing to convert with: an error naming it.
    let bare = Context {
        policy: AppraisalPolicy { basis: PriceBasis::Nominal, ..AppraisalPolicy::default() },
        ..Context::default()
    };
    let err = evaluate_in(&c, &bare).expect_err("no inflation");
    assert!(err.to_string().starts_with("settings.appraisal.inflation"), "{err}");
}

//! Linked timing (issue 17, items 4 and 5): benefits that start at a milestone, depreciation from
//! an in-service month, the capitalisation policy, residual value and sunk costs, each against
//! the spreadsheet arithmetic written beside it. The fiscal year is the default July start:
//! FY2028 runs from 2027-07 to 2028-06, so 2027-10 is its fourth month.

use std::collections::BTreeMap;

use cairn_case::{CaseError, Context, MilestoneKey, evaluate, evaluate_in, timed_line};
use cairn_core::appraisal::Capitalisation;
use cairn_core::{
    AccountingStandard, CostActivity, Id, InService, LineCategory, MilestoneLink, ResidualValue, SunkCost, YearMonth,
};
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal::dec;

use super::{case, dec as d, line, yearly};

fn month(text: &str) -> YearMonth {
    text.parse().expect("month")
}

fn link(milestone: &str) -> MilestoneLink {
    MilestoneLink { initiative: Id::new("erp").expect("id"), milestone: milestone.into() }
}

/// A plan context whose initiative "erp" has a "Go-live" milestone in `go_live`.
fn ctx(go_live: YearMonth) -> Context {
    let key = MilestoneKey { initiative: Id::new("erp").expect("id"), milestone: "Go-live".into() };
    Context { milestones: BTreeMap::from([(key, go_live)]), ..Context::default() }
}

fn npv(c: &cairn_core::BusinessCase, ctx: &Context) -> f64 {
    evaluate_in(c, ctx).expect("evaluates").metrics.npv.value().expect("an NPV")
}

/// A 1.2M software purchase paid in FY2027, benefits of 400,000 a year FY2028–FY2031, five-year
/// straight line, 10 %, no upfront column.
fn erp() -> cairn_core::BusinessCase {
    use LineCategory::*;
    case(
        false,
        0.1,
        vec![
            line("licence", CapexSoftware, &[(Some(2027), 1_200_000.0)]),
            yearly("save", BenefitCostSavings, 2028, 2031, 400_000.0, None),
        ],
    )
}

#[test]
fn capex_in_service_mid_year_is_depreciated_from_that_month() {
    // In service 2027-10, month 4 of FY2028: SLN(1200000, 0, 5) = 240,000 a year.
    //   FY2027: 0 (not in service)
    //   FY2028: 9/12 × 240,000 = 180,000 (October to June)
    //   FY2029–FY2031: 240,000 each
    //   left at the end: 1,200,000 − 180,000 − 3 × 240,000 = 300,000 (60,000 of FY2033 and
    //   240,000 of FY2032)
    let mut c = erp();
    c.lines[0].in_service = Some(InService::At { month: month("2027-10") });
    let e = evaluate(&c).expect("evaluates");
    assert_eq!(e.pnl.depreciation, [dec!(0), dec!(180000), dec!(240000), dec!(240000), dec!(240000)]);
    assert_eq!(e.pnl.closing_book_value, dec!(300000));
    // The cash flow does not move: capitalising changes the P&L view, not what is paid.
    assert_eq!(e.totals.net, [dec!(-1200000), dec!(400000), dec!(400000), dec!(400000), dec!(400000)]);

    // The same at the milestone "Go-live" in 2027-10, and with the milestone moved a year on the
    // charges move a year on: FY2029 180,000, FY2030–FY2031 240,000, 540,000 left.
    c.lines[0].in_service = Some(InService::Milestone(link("Go-live")));
    assert_eq!(evaluate_in(&c, &ctx(month("2027-10"))).expect("evaluates").pnl, e.pnl);
    let later = evaluate_in(&c, &ctx(month("2028-10"))).expect("evaluates");
    assert_eq!(later.pnl.depreciation, [dec!(0), dec!(0), dec!(180000), dec!(240000), dec!(240000)]);
    assert_eq!(later.pnl.closing_book_value, dec!(540000));
    // A milestone the plan does not have is an error naming the field, never a panic.
    let err = evaluate(&c).expect_err("no such milestone");
    assert!(matches!(&err, CaseError::Invalid { field, .. } if field == "lines[0].in_service.milestone"), "{err}");

    // Without a date, today's rule: from the year after the spend, 240,000 FY2028–FY2031.
    let e = evaluate(&erp()).expect("evaluates");
    assert_eq!(e.pnl.depreciation, [dec!(0), dec!(240000), dec!(240000), dec!(240000), dec!(240000)]);
    assert_eq!(e.pnl.closing_book_value, dec!(240000));
}

#[test]
fn tax_follows_the_in_service_depreciation_and_book_value_is_the_residual() {
    // Tax 25 % on (benefits − depreciation):
    //   FY2028: 0.25 × (400,000 − 180,000) = 55,000;  FY2029–FY2031: 0.25 × 160,000 = 40,000.
    // Residual = book value 300,000 in FY2031. Net: −1,200,000; 345,000; 360,000; 360,000;
    // 360,000 + 300,000 = 660,000. =NPV(10%, C9:G9) = 120,381.1215080936 (to 1e-9).
    let mut c = erp();
    c.lines[0].in_service = Some(InService::At { month: month("2027-10") });
    c.tax_rate = Some(dec!(0.25));
    c.residual = ResidualValue::BookValue;
    let e = evaluate(&c).expect("evaluates");
    assert_eq!(e.totals.tax, [dec!(0), dec!(55000), dec!(40000), dec!(40000), dec!(40000)]);
    assert_eq!(e.totals.residual, [dec!(0), dec!(0), dec!(0), dec!(0), dec!(300000)]);
    assert_eq!(e.totals.net, [dec!(-1200000), dec!(345000), dec!(360000), dec!(360000), dec!(660000)]);
    let got = e.metrics.npv.value().expect("npv");
    assert!((got - 120_381.121_508_093_6).abs() < 1e-6, "{got}");
    // The residual is not a benefit: the benefits' present value and the BCR leave it out.
    assert_eq!(e.metrics.total_benefits, dec!(1600000));

    // Without tax: net −1,200,000; 400,000 × 3; 700,000 → =NPV(10%, …) = 248,045.6501356710.
    c.tax_rate = None;
    let got = npv(&c, &Context::default());
    assert!((got - 248_045.650_135_671).abs() < 1e-6, "{got}");
}

#[test]
fn a_perpetuity_is_valued_at_the_last_year() {
    // 100,000 a year from FY2032 growing 2 %, at 10 %: 100,000 / (0.10 − 0.02) = 1,250,000 in
    // FY2031, worth 1,250,000 / 1.1^5 = 776,151.6538… today.
    let mut c = erp();
    let before = npv(&c, &Context::default());
    c.residual = ResidualValue::Perpetuity { annual: dec!(100000), growth: dec!(0.02) };
    let e = evaluate(&c).expect("evaluates");
    assert_eq!(e.totals.residual.last(), Some(&dec!(1250000)));
    let added = e.metrics.npv.value().expect("npv") - before;
    assert!((added - 776_151.653_823_943_7).abs() < 1e-6, "{added}");
    c.residual = ResidualValue::Perpetuity { annual: dec!(100000), growth: dec!(0.1) };
    assert!(matches!(evaluate(&c), Err(CaseError::Invalid { field, .. }) if field == "residual.growth"));
}

#[test]
fn sunk_costs_are_shown_and_never_counted() {
    let plain = evaluate(&erp()).expect("evaluates");
    let mut c = erp();
    c.sunk_costs = vec![
        SunkCost { name: "Discovery 2025".into(), amount: dec!(350000), note: String::new() },
        SunkCost { name: "Pilot".into(), amount: dec!(150000), note: String::new() },
    ];
    let e = evaluate(&c).expect("evaluates");
    assert_eq!(e.totals.sunk_costs, dec!(500000));
    assert_eq!(plain.totals.sunk_costs, Decimal::ZERO);
    let strip = |mut e: cairn_case::Evaluation| {
        e.totals.sunk_costs = Decimal::ZERO;
        e
    };
    assert_eq!(strip(e), plain, "no row, flow or metric may change");
}

#[test]
fn the_capitalisation_policy_moves_costs_between_capex_and_opex() {
    use LineCategory::*;
    // Training booked as capex (as the demo's ERP did): under IAS 38 it is expensed. A
    // subscription booked as opex: under GASB 96 it is capitalised.
    let mut c = case(
        false,
        0.1,
        vec![
            line("training", CapexOther, &[(Some(2027), 100_000.0)]),
            line("saas", OpexLicences, &[(Some(2027), 50_000.0)]),
            yearly("save", BenefitCostSavings, 2028, 2031, 100_000.0, None),
        ],
    );
    c.lines[0].activity = Some(CostActivity::Training);
    c.lines[1].activity = Some(CostActivity::SoftwareSubscription);
    c.tax_rate = Some(dec!(0.2));
    let policy = |standard| Context {
        policy: cairn_core::AppraisalPolicy {
            capitalisation: Capitalisation::standard(standard),
            ..Default::default()
        },
        ..Context::default()
    };
    let by_category = evaluate(&c).expect("evaluates");
    let ias = evaluate_in(&c, &policy(AccountingStandard::Ias38)).expect("evaluates");
    let gasb = evaluate_in(&c, &policy(AccountingStandard::Gasb51And96)).expect("evaluates");
    // By category: capex 100,000 (training), opex 50,000; depreciation 20,000 a year FY2028–.
    assert_eq!(by_category.totals.capex[0], dec!(100000));
    assert_eq!(by_category.pnl.depreciation[1], dec!(20000));
    // IAS 38: both expensed: capex 0, opex 150,000, nothing depreciated.
    assert_eq!(ias.totals.capex[0], dec!(0));
    assert_eq!(ias.totals.opex[0], dec!(150000));
    assert!(ias.pnl.depreciation.iter().all(|v| v.is_zero()));
    // GASB 51/96: the subscription capitalised (10,000 a year), training expensed.
    assert_eq!(gasb.totals.capex[0], dec!(50000));
    assert_eq!(gasb.totals.opex[0], dec!(100000));
    assert_eq!(gasb.pnl.depreciation[1], dec!(10000));
    // Costs and benefits do not change; the cash flow only through tax:
    //   IAS 38, FY2027: tax = 0.2 × (0 − 150,000) = −30,000 (relief); FY2028: 0.2 × 100,000 = 20,000.
    for e in [&ias, &gasb] {
        assert_eq!(e.totals.costs, by_category.totals.costs);
        assert_eq!(e.totals.benefits, by_category.totals.benefits);
    }
    assert_eq!(ias.totals.tax[..2], [dec!(-30000), dec!(20000)]);
    assert_eq!(ias.totals.net[0], dec!(-120000));
}

#[test]
fn a_benefit_starts_at_its_milestone() {
    use LineCategory::*;
    // 120,000 a year entered for FY2028–FY2031, linked to the go-live.
    let mut c = case(false, 0.1, vec![yearly("save", BenefitCostSavings, 2028, 2031, 120_000.0, None)]);
    c.lines[0].starts_at = Some(link("Go-live"));
    // Go-live 2027-10, month 4 of FY2028: 3 months later than the entered start (2027-07).
    //   FY2028: 9/12 × 120,000 = 90,000; FY2029–FY2031: 3/12 + 9/12 of 120,000 = 120,000;
    //   past FY2031: 30,000, not counted.
    let t = timed_line(&c, 0, &ctx(month("2027-10"))).expect("timed");
    assert_eq!(t.amounts, [dec!(0), dec!(0), dec!(90000), dec!(120000), dec!(120000), dec!(120000)]);
    assert_eq!(t.beyond, dec!(30000));
    let e = evaluate_in(&c, &ctx(month("2027-10"))).expect("evaluates");
    assert_eq!(e.totals.benefits, [dec!(0), dec!(90000), dec!(120000), dec!(120000), dec!(120000)]);
    // Go-live 2026-10, month 4 of FY2027: 9 months earlier. Each year's first 9 months move to
    // the year before: FY2027 90,000; FY2028–FY2030 120,000; FY2031 30,000.
    let t = timed_line(&c, 0, &ctx(month("2026-10"))).expect("timed");
    assert_eq!(t.amounts, [dec!(0), dec!(90000), dec!(120000), dec!(120000), dec!(120000), dec!(30000)]);
    assert_eq!(t.beyond, Decimal::ZERO);
    // Before the case, or unknown to the plan: an error naming the field, never a panic.
    let err = evaluate_in(&c, &ctx(month("2026-06"))).expect_err("before the case");
    assert!(err.to_string().starts_with("lines[0].starts_at: 2026-06 is before"), "{err}");
    let err = evaluate(&c).expect_err("no such milestone");
    assert!(matches!(&err, CaseError::Invalid { field, .. } if field == "lines[0].starts_at.milestone"), "{err}");
}

#[test]
fn moving_a_demo_milestone_moves_the_case_in_that_plan_only() {
    // The demo ERP case: its faster close (line 15) starts at the finance go-live (2028-07) and
    // its implementation (line 0) goes into service then. Moving the milestone in a copy of the
    // plan (as a scenario's resolved plan) moves the case there, not in the plan.
    let plan = cairn_core::demo_plan();
    let erp = Id::new("erp-finance").expect("id");
    let go_live = MilestoneLink { initiative: erp.clone(), milestone: "Finance go-live".into() };
    assert_eq!(plan.business_cases[0].lines[15].starts_at, Some(go_live.clone()));
    assert_eq!(plan.business_cases[0].lines[0].in_service, Some(InService::Milestone(go_live)));
    assert!(cairn_core::validate(&plan).is_empty(), "{:?}", cairn_core::validate(&plan));
    let mut moved = plan.clone();
    let k = moved.initiatives.iter().position(|i| i.id == erp).expect("erp-finance");
    let m = moved.initiative_mut(k).milestones.iter_mut().find(|m| m.name == "Finance go-live").expect("go-live");
    m.month = month("2028-10");
    let case = &plan.business_cases[0];
    let here = evaluate_in(case, &Context::of(&plan)).expect("evaluates");
    let there = evaluate_in(case, &Context::of(&moved)).expect("evaluates");
    // FY2029 (period 3 with the upfront column): the whole 760,000 here, 9/12 of it there.
    let close = |e: &cairn_case::Evaluation| e.lines.iter().find(|r| r.index == 15).expect("row").amounts[3];
    assert_eq!(close(&here), dec!(760000));
    assert_eq!(close(&there), dec!(570000));
    assert!(there.metrics.npv.value() < here.metrics.npv.value());
    assert_ne!(here.pnl.depreciation, there.pnl.depreciation);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    /// Moving the go-live by k months moves the linked benefit's start by k months: its first
    /// amount falls in the fiscal year of the new month, pro-rated by the months left in it, and
    /// what it books in the case plus what falls beyond stays the entered total.
    #[test]
    fn moving_go_live_by_k_months_moves_the_benefit_by_k_months(
        start in 0i32..60, k in 0i32..60, amount in 1u32..10_000_000, from in 2027i32..2031, years in 1i32..5,
    ) {
        let to = (from + years - 1).min(2031);
        let mut c = case(false, 0.07, vec![yearly("b", LineCategory::BenefitCostSavings, from, to, f64::from(amount), None)]);
        c.lines[0].starts_at = Some(link("Go-live"));
        let entered = d(f64::from(amount)) * Decimal::from(to - from + 1);
        // The case covers FY2027–FY2031: 2026-07 to 2031-06.
        let base = month("2026-07").add_months(start).expect("month");
        let later = base.add_months(k).expect("month");
        let a = timed_line(&c, 0, &ctx(base)).expect("timed");
        let b = timed_line(&c, 0, &ctx(later)).expect("timed");
        prop_assert_eq!(a.starts, Some(base));
        prop_assert_eq!(b.starts.map(|s| base.months_until(s)), Some(k));
        // Decimal keeps 28 digits: a twelfth of an amount is rounded there, so sums agree to far
        // below a cent.
        let close = |x: Decimal, y: Decimal| (x - y).abs() <= dec!(0.000000000001);
        for t in [&a, &b] {
            prop_assert!(close(t.amounts.iter().sum::<Decimal>() + t.beyond, entered));
        }
        // Where the benefit starts: the period of the go-live's fiscal year, with (12 − r)/12 of
        // the first year's amount, r the months from that year's start to the go-live.
        let calendar = cairn_core::FiscalCalendar::default();
        for (t, go) in [(&a, base), (&b, later)] {
            let fy = calendar.fiscal_year_of(go);
            let period = usize::try_from(fy.0 - 2027 + 1).expect("period");
            let r = calendar.first_month(fy).expect("month").months_until(go);
            let first = t.amounts.iter().position(|v| !v.is_zero());
            if period < t.amounts.len() {
                prop_assert_eq!(first, Some(period));
                let share = d(f64::from(amount)) - d(f64::from(amount)) * Decimal::from(r) / Decimal::from(12);
                prop_assert!(close(t.amounts[period], share), "{} vs {}", t.amounts[period], share);
            } else {
                prop_assert_eq!(first, None);
            }
        }
    }
}

//! Invariants of the domain model, checked over generated inputs.

mod fuzz;
mod plan_rules;

use cairn_core::{
    Currency, FiscalCalendar, FiscalYear, FiscalYearNaming, Money, Rounding, YearMonth, read_plan_file, synthetic_plan,
    validate, write_plan_file,
};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn calendar() -> impl Strategy<Value = FiscalCalendar> {
    (1u8..=12, prop_oneof![Just(FiscalYearNaming::EndYear), Just(FiscalYearNaming::StartYear)])
        .prop_map(|(start_month, naming)| FiscalCalendar { start_month, naming, prefix: "FY".into() })
}

fn month() -> impl Strategy<Value = YearMonth> {
    (1950i32..2150, 1u8..=12).prop_map(|(y, m)| YearMonth::new(y, m).expect("valid month"))
}

fn amount() -> impl Strategy<Value = Decimal> {
    (-1_000_000_000_000i64..1_000_000_000_000, 0u32..4).prop_map(|(units, scale)| Decimal::new(units, scale))
}

proptest! {
    /// Every month lies inside the fiscal year it is said to belong to, in the quarter it is
    /// said to belong to, and a fiscal year is twelve months.
    #[test]
    fn months_belong_to_their_fiscal_year_and_quarter(cal in calendar(), m in month()) {
        let fy = cal.fiscal_year_of(m);
        let first = cal.first_month(fy).expect("first month");
        let last = cal.last_month(fy).expect("last month");
        prop_assert!(first <= m && m <= last, "{m} not in {first}..{last}");
        prop_assert_eq!(first.months_until(last), 11);
        let q = cal.quarter_of(m);
        prop_assert_eq!(q.year, fy);
        prop_assert!((1..=4).contains(&q.quarter));
        prop_assert_eq!(i32::from(q.quarter), first.months_until(m) / 3 + 1);
        prop_assert_eq!(cal.fiscal_year_of(first), fy);
        prop_assert_eq!(cal.fiscal_year_of(last.add_months(1).expect("next")), FiscalYear(fy.0 + 1));
    }

    /// Month arithmetic and text round-trip.
    #[test]
    fn months_round_trip(m in month(), delta in -600i32..600) {
        let moved = m.add_months(delta).expect("in range");
        prop_assert_eq!(m.months_until(moved), delta);
        prop_assert_eq!(moved.to_string().parse::<YearMonth>().expect("parses"), moved);
    }

    /// Sums of money do not depend on order, and rounding lands on the currency's minor unit.
    #[test]
    fn money_sums_are_exact(amounts in proptest::collection::vec(amount(), 0..40)) {
        let usd = |a: Decimal| Money::new(a, Currency::USD);
        let forward = Money::sum(Currency::USD, amounts.iter().copied().map(usd)).expect("sum");
        let backward = Money::sum(Currency::USD, amounts.iter().rev().copied().map(usd)).expect("sum");
        prop_assert_eq!(forward, backward);
        let rounded = forward.round(Rounding::HalfEven);
        prop_assert!(rounded.amount.scale() <= 2);
        prop_assert!((rounded.amount - forward.amount).abs() <= Decimal::new(5, 3));
    }

    /// Any valid plan survives a write and a read unchanged.
    #[test]
    fn plan_files_round_trip(n in 0usize..60, years in 1u8..=30, cal in calendar()) {
        let mut plan = synthetic_plan("generated", n);
        plan.settings.horizon.years = years;
        plan.settings.fiscal_calendar = cal;
        prop_assert!(validate(&plan).is_empty());
        let text = write_plan_file(&plan, chrono::DateTime::UNIX_EPOCH);
        prop_assert_eq!(read_plan_file(&text).expect("reads back").plan, plan);
    }

    /// Reading never panics, whatever the bytes: it answers with a plan or an error.
    #[test]
    fn reading_arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let _ = read_plan_file(&text);
    }
}

/// A plan file cut off (by a full disk or a crash) is refused with an error that has a position,
/// never read as a plan and never a panic. Cut at every character of its first and last 4 KB
/// and of one stretch in the middle, and at both ends of every line: each kind of token and
/// nesting depth is cut somewhere. (Every one of the 200,000 prefixes took two minutes.)
#[test]
fn every_truncation_of_a_plan_file_is_an_error() {
    let text = write_plan_file(&cairn_core::demo_plan(), chrono::DateTime::UNIX_EPOCH);
    let len = text.trim_end().len();
    let middle = len / 2;
    let window = |i: usize| i < 4096 || i + 4096 > len || (middle..middle + 4096).contains(&i);
    let line_ends: std::collections::HashSet<usize> = text.match_indices('\n').flat_map(|(i, _)| [i, i + 1]).collect();
    let ends: Vec<usize> =
        text.char_indices().map(|(i, _)| i).filter(|&i| i < len && (window(i) || line_ends.contains(&i))).collect();
    assert!(ends.len() > 10_000, "{} cuts", ends.len());
    for end in ends {
        let err = read_plan_file(&text[..end]).expect_err("a truncated file is not a plan");
        let message = err.to_string();
        assert!(!message.is_empty(), "cut at {end}");
    }
}

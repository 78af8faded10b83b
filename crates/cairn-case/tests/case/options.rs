//! The short list against hand-computed figures (crate docs, `cairn_case::options`).

use cairn_case::{Context, Metric, Ranking, appraise, evaluate};
use cairn_core::{CaseOption, Id, LineCategory, OptionRole};

use super::{case, yearly};

fn option(id: &str, role: OptionRole) -> CaseOption {
    CaseOption { id: Id::new(id).expect("id"), name: id.into(), role, description: String::new() }
}

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

/// Five years at 10 %, no upfront column, no tax. Business as usual runs the old system for
/// 100 a year; "new" buys 200 in year 1 and runs for 40 a year; "lite" buys 100 and runs for 70.
/// All three keep a service worth 50 a year (one line, shared).
///
/// With the annuity factor a = (1 − 1.1^−5) / 0.1 = 3.790786769408…:
/// - NPV(bau)  = (50 − 100) a                = −189.539338470
/// - NPV(new)  = −200/1.1 + (50 − 40) a      = −143.910314124
/// - NPV(lite) = −100/1.1 + (50 − 70) a      = −166.724826297
/// - NPSV(new)  = −200/1.1 + 60 a = 45.629024346, NPSV(lite) = −100/1.1 + 30 a = 22.814512173
/// - the incremental IRR of "new" is the IRR of (−140, 60, 60, 60, 60): 0.2563…
fn short_list() -> cairn_core::BusinessCase {
    let mut c = case(
        false,
        0.10,
        vec![
            yearly("old-run", LineCategory::OpexSupport, 2027, 2031, 100.0, None),
            yearly("service", LineCategory::BenefitCostAvoidance, 2027, 2031, 50.0, None),
            yearly("new-buy", LineCategory::CapexSoftware, 2027, 2027, 200.0, None),
            yearly("new-run", LineCategory::OpexSupport, 2027, 2031, 40.0, None),
            yearly("lite-buy", LineCategory::CapexSoftware, 2027, 2027, 100.0, None),
            yearly("lite-run", LineCategory::OpexSupport, 2027, 2031, 70.0, None),
        ],
    );
    c.options = vec![
        option("bau", OptionRole::Bau),
        option("new", OptionRole::Preferred),
        option("lite", OptionRole::Alternative),
    ];
    let ids = |list: &[&str]| list.iter().map(|i| Id::new(*i).expect("id")).collect::<Vec<_>>();
    c.lines[0].options = ids(&["bau"]);
    c.lines[1].options = ids(&["bau", "new", "lite"]);
    c.lines[2].options = ids(&["new"]);
    c.lines[3].options = ids(&["new"]);
    c.lines[4].options = ids(&["lite"]);
    c.lines[5].options = ids(&["lite"]);
    c
}

#[test]
fn each_option_is_appraised_and_measured_against_business_as_usual() {
    let c = short_list();
    let a = appraise(&c, &Context::default()).expect("appraise");
    let annuity = (1.0 - 1.1f64.powi(-5)) / 0.1;
    let npv = |k: usize| a.options[k].evaluation.metrics.npv.value();
    assert!(close(npv(0), -50.0 * annuity), "{:?}", npv(0));
    assert!(close(npv(1), -200.0 / 1.1 + 10.0 * annuity), "{:?}", npv(1));
    assert!(close(npv(2), -100.0 / 1.1 - 20.0 * annuity), "{:?}", npv(2));
    assert_eq!(a.options[0].npsv, None, "business as usual has no NPSV");
    let npsv = |k: usize| a.options[k].npsv.as_ref().and_then(Metric::value);
    assert!(close(npsv(1), -200.0 / 1.1 + 60.0 * annuity), "{:?}", npsv(1));
    assert!(close(npsv(2), -100.0 / 1.1 + 30.0 * annuity), "{:?}", npsv(2));
    // NPSV is NPV(option) − NPV(bau), to the last bits.
    assert!(close(npsv(1), npv(1).expect("npv") - npv(0).expect("npv")));
    // The incremental IRR makes the difference's NPV zero.
    let irr = a.options[1].incremental_irr.as_ref().and_then(Metric::value).expect("irr");
    let at = -140.0 / (1.0 + irr) + (2..=5).map(|t| 60.0 / (1.0 + irr).powi(t)).sum::<f64>();
    assert!(at.abs() < 1e-7 && (irr - 0.2563).abs() < 1e-3, "{irr}: {at}");
    // Both options keep the same service: equal benefits, so ranked by PV cost (cost-effectiveness).
    assert_eq!(a.ranking, Ranking::PvCostEqualBenefits);
    assert_eq!(a.order, [1, 2]);
    // The case is its preferred option against business as usual: its NPV is that NPSV, and the
    // business-as-usual line shows as avoided (negated), the shared line not at all.
    let e = evaluate(&c).expect("evaluate");
    assert!(close(e.metrics.npv.value(), npsv(1).expect("npsv")));
    let rows: Vec<(usize, bool)> = e.lines.iter().map(|l| (l.index, l.bau)).collect();
    assert_eq!(rows, [(0, true), (2, false), (3, false)]);
    assert!(e.lines[0].total.is_sign_negative());
}

#[test]
fn ranking_follows_npsv_unless_the_case_is_mandatory() {
    let mut c = short_list();
    // "lite" keeps a second service worth 100 a year: the benefits differ, so NPSV ranks, and
    // lite's NPSV (22.81 + 100 a = 401.9) beats new's (45.6).
    c.lines.push(yearly("extra", LineCategory::BenefitCostAvoidance, 2027, 2031, 100.0, None));
    c.lines[6].options = vec![Id::new("lite").expect("id")];
    let a = appraise(&c, &Context::default()).expect("appraise");
    assert_eq!((a.ranking, a.order.clone()), (Ranking::Npsv, vec![2, 1]));
    c.mandatory = Some("The current system's support ends in 2028.".into());
    let a = appraise(&c, &Context::default()).expect("appraise");
    // By PV cost: new 200/1.1 + 40 a = 333.4 against lite 100/1.1 + 70 a = 356.3.
    assert_eq!((a.ranking, a.order), (Ranking::PvCostMandatory, vec![1, 2]));
}

#[test]
fn a_case_without_a_short_list_is_itself_against_zero() {
    let plan = cairn_core::demo_plan();
    let ctx = Context::of(&plan);
    for case in &plan.business_cases {
        // The demo's preferred option against business as usual, as one case of its own.
        let preferred = case.options.iter().find(|o| o.role == OptionRole::Preferred).expect("preferred");
        let (c, _) = &cairn_case::relative_case(case, preferred).expect("a short list");
        assert!(c.options.is_empty());
        let a = appraise(c, &ctx).expect("appraise");
        let e = cairn_case::evaluate_in(c, &ctx).expect("evaluate");
        assert_eq!(a.options.len(), 2);
        assert_eq!(a.options[0].option.name, cairn_core::IMPLICIT_BAU_NAME);
        assert!(cairn_case::is_zero_option(&a.options[0].evaluation));
        assert_eq!(a.options[1].evaluation, e, "{}: the preferred option is the case", c.name);
        assert_eq!(a.options[1].npsv, Some(e.metrics.npv.clone()), "{}", c.name);
        assert_eq!(a.order, [1]);
    }
}

#[test]
fn sensitivity_and_simulation_see_the_case_as_it_is_appraised() {
    let c = short_list();
    let npv = evaluate(&c).expect("evaluate").metrics.npv.value().expect("npv");
    let s = cairn_case::sensitivity(&c, rust_decimal::Decimal::new(2, 1)).expect("sensitivity");
    assert!((s.base_npv - npv).abs() < 1e-9, "{} vs {npv}", s.base_npv);
    // The shared service cancels, so no bar moves benefits: only the preferred option's capex
    // and the running costs (its own and business as usual's, avoided).
    let mut drivers: Vec<&str> = s.bars.iter().map(|b| b.driver.as_str()).collect();
    drivers.sort_unstable();
    let mut expected = [LineCategory::CapexSoftware.label(), LineCategory::OpexSupport.label(), "Discount rate"];
    expected.sort_unstable();
    assert_eq!(drivers, expected);
    let sim = cairn_case::Simulation::new(&c).expect("simulation");
    assert!((sim.base_npv() - npv).abs() < 1e-9);
}

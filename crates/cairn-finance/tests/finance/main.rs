//! The financial functions against independently computed reference vectors (LibreOffice Calc,
//! numpy-financial, pyxirr, 40-digit mpmath) in `tests/reference/finance_vectors.json` (a verbatim
//! copy of the shared reference vectors), and property tests of their invariants.

use cairn_finance::{
    Arg, FUNCTIONS, FinanceError, IrrOutcome, call, discounted_payback, irr, irr_all, irr_outcome, npv, payback, xirr,
    xnpv,
};
use chrono::NaiveDate;
use proptest::prelude::*;
use serde_json::Value;

fn vectors() -> Vec<Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/reference/finance_vectors.json");
    let text = std::fs::read_to_string(path).expect("tests/reference/finance_vectors.json in the repository");
    serde_json::from_str(&text).expect("vectors are JSON")
}

fn number(v: &Value, key: &str) -> Arg {
    Arg::Number(v[key].as_f64().unwrap_or_else(|| panic!("{key} is a number")))
}

fn numbers(v: &Value, key: &str) -> Arg {
    Arg::Numbers(v[key].as_array().expect("array").iter().map(|x| x.as_f64().expect("number")).collect())
}

fn dates(v: &Value, key: &str) -> Arg {
    Arg::Dates(
        v[key]
            .as_array()
            .expect("array")
            .iter()
            .map(|d| NaiveDate::parse_from_str(d.as_str().expect("date"), "%Y-%m-%d").expect("ISO date"))
            .collect(),
    )
}

/// The vector's inputs in the spreadsheet's argument order.
fn arguments(function: &str, i: &Value) -> Vec<Arg> {
    let has = |k: &str| i.get(k).is_some();
    let mut args = match function {
        "NPV" => vec![number(i, "rate"), numbers(i, "values")],
        "IRR" => vec![numbers(i, "values")],
        "MIRR" => vec![numbers(i, "values"), number(i, "finance_rate"), number(i, "reinvest_rate")],
        "XNPV" => vec![number(i, "rate"), numbers(i, "values"), dates(i, "dates")],
        "XIRR" => vec![numbers(i, "values"), dates(i, "dates")],
        "PMT" => vec![number(i, "rate"), number(i, "nper"), number(i, "pv")],
        "IPMT" | "PPMT" => vec![number(i, "rate"), number(i, "per"), number(i, "nper"), number(i, "pv")],
        "SLN" => vec![number(i, "cost"), number(i, "salvage"), number(i, "life")],
        "SYD" => vec![number(i, "cost"), number(i, "salvage"), number(i, "life"), number(i, "per")],
        "DDB" | "DB" => vec![number(i, "cost"), number(i, "salvage"), number(i, "life"), number(i, "period")],
        "VDB" => vec![number(i, "cost"), number(i, "salvage"), number(i, "life"), number(i, "start"), number(i, "end")],
        "PAYBACK" => vec![numbers(i, "values")],
        "DISCOUNTED_PAYBACK" => vec![number(i, "rate"), numbers(i, "values")],
        other => panic!("no argument mapping for {other}"),
    };
    match function {
        "IRR" | "XIRR" if has("guess") => args.push(number(i, "guess")),
        "PMT" | "IPMT" | "PPMT" if has("fv") || has("type") => {
            args.push(if has("fv") { number(i, "fv") } else { Arg::Number(0.0) });
            if has("type") {
                args.push(number(i, "type"));
            }
        }
        "DDB" | "VDB" if has("factor") => args.push(number(i, "factor")),
        "DB" if has("month") => args.push(number(i, "month")),
        _ => {}
    }
    args
}

/// Evaluates one vector and checks it by the README's rule:
/// `|actual − expected| ≤ tolerance × max(1, |expected|)`; a null tolerance expects an error.
fn check(vector: &Value) -> Result<(), String> {
    let id = vector["id"].as_str().unwrap_or("?");
    let function = vector["function"].as_str().expect("function");
    let inputs = &vector["inputs"];
    // A vector may state numpy-financial's NPV convention (values[0] at t = 0); its spreadsheet
    // equivalent is `values[0] + NPV(rate, values[1..])`, which is what is evaluated then.
    let t0_convention =
        function == "NPV" && vector["convention_source"].as_str().is_some_and(|c| c.contains("values[0] by (1+r)^0"));
    let mut result = if t0_convention {
        let values: Vec<f64> = inputs["values"].as_array().expect("values").iter().filter_map(Value::as_f64).collect();
        let (first, rest) = values.split_first().expect("at least one value");
        call("NPV", &[number(inputs, "rate"), Arg::Numbers(rest.to_vec())]).map(|v| first + v)
    } else {
        call(function, &arguments(function, inputs))
    };
    if let (Some(t0), Ok(v)) = (inputs.get("t0").and_then(Value::as_f64), &result) {
        result = Ok(t0 + v);
    }
    match (vector["tolerance"].as_f64(), result) {
        (None, Err(_)) => Ok(()),
        (None, Ok(v)) => Err(format!("{id}: expected an error, got {v}")),
        (Some(tol), Ok(actual)) => {
            let expected = vector["expected"].as_f64().expect("expected number");
            let allowed = tol * expected.abs().max(1.0);
            if (actual - expected).abs() <= allowed {
                Ok(())
            } else {
                Err(format!("{id}: {function} = {actual:e}, expected {expected:e} (± {allowed:e})"))
            }
        }
        (Some(_), Err(e)) => Err(format!("{id}: {function} failed: {e}")),
    }
}

#[test]
fn every_reference_vector_passes() {
    let all = vectors();
    assert!(all.len() >= 40, "the reference file has {} vectors", all.len());
    let failures: Vec<String> = all.iter().filter_map(|v| check(v).err()).collect();
    assert!(failures.is_empty(), "{} of {} vectors failed:\n{}", failures.len(), all.len(), failures.join("\n"));
}

/// The roots an IRR vector's note lists ("all real IRR roots (r>-1): 0.25, 4"), if it lists them.
fn listed_roots(vector: &Value) -> Option<Vec<f64>> {
    let note = vector["note"].as_str()?;
    let (_, list) = note.split_once("all real IRR roots (r>-1):")?;
    list.split(',').map(|x| x.trim().parse::<f64>().ok()).collect()
}

#[test]
fn irr_all_finds_every_root_the_vectors_list() {
    let mut checked = 0;
    for vector in vectors().iter().filter(|v| v["function"] == "IRR") {
        let Some(expected) = listed_roots(vector) else { continue };
        let id = vector["id"].as_str().unwrap_or("?");
        let values: Vec<f64> =
            vector["inputs"]["values"].as_array().expect("values").iter().filter_map(Value::as_f64).collect();
        let roots = irr_all(&values).expect("irr_all");
        // The notes print 12 significant digits.
        let agree = roots.len() == expected.len()
            && roots.iter().zip(&expected).all(|(a, e)| (a - e).abs() <= 1e-11 * e.abs().max(1.0));
        assert!(agree, "{id}: irr_all = {roots:?}, the note lists {expected:?}");
        checked += 1;
    }
    assert!(checked >= 8, "only {checked} vectors list their roots");
}

#[test]
fn every_irr_is_found_and_classified() {
    let close = |a: &[f64], b: &[f64]| a.len() == b.len() && a.iter().zip(b).all(|(x, y)| (x - y).abs() < 1e-11);
    let roots = irr_all(&[-1600.0, 10000.0, -10000.0]).expect("roots");
    assert!(close(&roots, &[0.25, 4.0]), "{roots:?}");
    let roots = irr_all(&[-5.0, 10.5, 1.0, -8.0, 1.0]).expect("roots");
    // The reference file lists these roots to 12 significant digits.
    assert!(close(&roots, &[-0.870201247485, 0.0885983385278, 0.709559527686]), "{roots:?}");
    assert_eq!(irr_outcome(&[1.0, 2.0, 3.0]).expect("outcome"), IrrOutcome::Undefined);
    assert!(
        matches!(irr_outcome(&[-100.0, 39.0, 59.0, 55.0, 20.0]), Ok(IrrOutcome::Unique(r)) if (r - 0.2809484211599611).abs() < 1e-12)
    );
    assert!(matches!(irr_outcome(&[-1600.0, 10000.0, -10000.0]), Ok(IrrOutcome::Multiple(v)) if v.len() == 2));
}

#[test]
fn bad_arguments_are_named_errors() {
    let check_err = |name: &str, args: &[Arg], code: &str, words: &str| {
        let err = call(name, args).expect_err("should fail");
        assert_eq!(err.code(), code, "{name}: {err}");
        assert!(err.message().contains(words), "{name}: {err} lacks {words:?}");
    };
    check_err("NPV", &[Arg::Number(-1.0), Arg::Numbers(vec![1.0])], "#NUM!", "rate must be greater than -1");
    check_err("NPV", &[Arg::Number(0.1), Arg::Numbers(vec![])], "#VALUE!", "values must contain at least one");
    check_err("IRR", &[Arg::Numbers(vec![1.0, 2.0])], "#NUM!", "one positive and one negative");
    check_err("XNPV", &[Arg::Number(0.1), Arg::Numbers(vec![1.0, 2.0]), Arg::Dates(vec![])], "#NUM!", "same length");
    check_err("PMT", &[Arg::Number(0.1)], "#VALUE!", "takes 3 to 5 arguments");
    check_err("PMT", &[Arg::Number(0.1), Arg::Number(0.0), Arg::Number(1.0)], "#DIV/0!", "nper");
    check_err("SLN", &[Arg::Number(1.0), Arg::Number(0.0), Arg::Number(0.0)], "#DIV/0!", "life");
    check_err("FOO", &[], "#NAME?", "unknown function");
    check_err("PV", &[Arg::Number(0.1), Arg::Number(1e6), Arg::Number(-1.0)], "#NUM!", "too large");
    let overflow = npv(-0.999_999, &[1e300, 1e300]).expect_err("overflow");
    assert!(matches!(overflow, FinanceError::Num(_)));
}

proptest! {
    /// At the IRR the NPV of the flow (first value at time 0) is zero.
    #[test]
    fn npv_at_the_irr_is_zero(invest in 100.0f64..1e6, returns in proptest::collection::vec(1.0f64..1e6, 1..12)) {
        let mut flows = vec![-invest];
        flows.extend(&returns);
        if let Ok(r) = irr(&flows, None) {
            let rest = npv(r, &flows[1..]).expect("npv at irr");
            let scale = flows.iter().map(|v| v.abs()).sum::<f64>();
            prop_assert!((flows[0] + rest).abs() <= 1e-7 * scale, "r={r} npv={}", flows[0] + rest);
        }
    }

    /// Interest and principal make up each payment. Limited to growth (1 + rate)^nper ≤ 1e6, far
    /// beyond any real loan: past it the spreadsheet's IPMT formula (which this follows) loses
    /// digits to cancellation between the grown balance and the grown payments.
    #[test]
    fn ipmt_plus_ppmt_is_pmt(rate in 0.0001f64..0.3, nper_frac in 0.0f64..1.0, pv in 1.0f64..1e7, per_frac in 0.0f64..1.0, kind in 0u8..2) {
        let longest = (1e6f64.ln() / rate.ln_1p()).min(360.0);
        let nper = (nper_frac * longest).floor().max(1.0);
        let per = (per_frac * (nper - 1.0)).floor() + 1.0;
        let args = |p: f64| [Arg::Number(rate), Arg::Number(p), Arg::Number(nper), Arg::Number(pv), Arg::Number(0.0), Arg::Number(f64::from(kind))];
        let i = call("IPMT", &args(per)).expect("ipmt");
        let p = call("PPMT", &args(per)).expect("ppmt");
        let total = call("PMT", &[Arg::Number(rate), Arg::Number(nper), Arg::Number(pv), Arg::Number(0.0), Arg::Number(f64::from(kind))]).expect("pmt");
        prop_assert!((i + p - total).abs() <= 1e-9 * total.abs().max(1.0));
    }

    /// Simple payback is never later than discounted payback.
    #[test]
    fn payback_is_not_later_than_discounted(invest in 100.0f64..1e6, returns in proptest::collection::vec(1.0f64..1e6, 1..12), rate in 0.0f64..0.3) {
        let mut flows = vec![-invest];
        flows.extend(&returns);
        if let Ok(d) = call("DISCOUNTED_PAYBACK", &[Arg::Number(rate), Arg::Numbers(flows.clone())]) {
            let s = call("PAYBACK", &[Arg::Numbers(flows)]).expect("simple payback exists when discounted does");
            prop_assert!(s <= d + 1e-12);
        }
    }
}

/// Flows of a conventional investment: one outlay, then returns.
fn conventional() -> impl Strategy<Value = Vec<f64>> {
    (100.0f64..1e6, proptest::collection::vec(0.0f64..1e6, 1..15)).prop_map(|(invest, returns)| {
        let mut flows = vec![-invest];
        flows.extend(returns);
        flows
    })
}

/// Any flows, signs mixed, zeros included.
fn any_flows() -> impl Strategy<Value = Vec<f64>> {
    proptest::collection::vec(prop_oneof![Just(0.0), -1e6f64..1e6], 1..12)
}

/// Any argument the dispatcher may be handed, including values no function accepts.
fn any_arg() -> impl Strategy<Value = Arg> {
    let number = prop_oneof![
        -2.0f64..2.0,
        -1e7f64..1e7,
        Just(0.0),
        Just(-1.0),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(1e308),
        Just(-1e308)
    ];
    let date = (1900i32..2100, 1u32..366).prop_map(|(y, d)| NaiveDate::from_yo_opt(y, d).unwrap_or(NaiveDate::MIN));
    prop_oneof![
        number.clone().prop_map(Arg::Number),
        proptest::collection::vec(number, 0..8).prop_map(Arg::Numbers),
        date.clone().prop_map(Arg::Date),
        proptest::collection::vec(date, 0..8).prop_map(Arg::Dates),
        any::<bool>().prop_map(Arg::Bool),
    ]
}

proptest! {
    /// Every root irr_all reports is a zero of the NPV, and IRR's answer is among them.
    #[test]
    fn irr_all_roots_are_zeros_and_contain_irr(flows in any_flows()) {
        let roots = irr_all(&flows).expect("irr_all");
        let scale: f64 = flows.iter().map(|v| v.abs()).sum();
        for r in &roots {
            prop_assert!(*r > -1.0);
            // NPV at r of the flows with the first at time 0, relative to the size of the terms.
            let d = 1.0 / (1.0 + r);
            let (value, size) = flows.iter().rev().fold((0.0, 0.0), |(v, s), c| (v * d + c, s * d + c.abs()));
            prop_assert!(value.abs() <= 1e-9 * size.max(f64::MIN_POSITIVE), "r={r} npv={value} size={size} scale={scale}");
        }
        if let Ok(r) = irr(&flows, None) {
            prop_assert!(roots.iter().any(|x| (x - r).abs() <= 1e-9 * r.abs().max(1.0)), "irr {r} not in {roots:?}");
        }
    }

    /// A conventional investment has exactly one IRR when it pays back more than it costs.
    #[test]
    fn a_conventional_investment_has_one_irr(flows in conventional()) {
        let total: f64 = flows.iter().sum();
        let outcome = irr_outcome(&flows).expect("outcome");
        if total > 1e-6 * flows[0].abs() {
            prop_assert!(matches!(outcome, IrrOutcome::Unique(r) if r > 0.0), "{outcome:?}");
        }
    }

    /// XNPV at the XIRR is zero.
    #[test]
    fn xnpv_at_the_xirr_is_zero(flows in conventional(), gaps in proptest::collection::vec(1i64..400, 15)) {
        let mut dates = vec![NaiveDate::from_ymd_opt(2026, 7, 1).unwrap_or(NaiveDate::MIN)];
        for gap in gaps.iter().take(flows.len() - 1) {
            let last = *dates.last().unwrap_or(&NaiveDate::MIN);
            dates.push(last + chrono::Duration::days(*gap));
        }
        if let Ok(r) = xirr(&flows, &dates, None) {
            let value = xnpv(r, &flows, &dates).expect("xnpv at xirr");
            let scale: f64 = flows.iter().map(|v| v.abs()).sum();
            prop_assert!(value.abs() <= 1e-7 * scale, "r={r} xnpv={value}");
        }
    }

    /// Raising any later inflow never makes payback later.
    #[test]
    fn more_money_back_never_delays_payback(flows in conventional(), at in 1usize..15, extra in 0.0f64..1e5) {
        let mut more = flows.clone();
        let at = at.min(more.len() - 1);
        more[at] += extra;
        if let Ok(before) = payback(&flows) {
            let after = payback(&more).expect("still paid back");
            prop_assert!(after <= before + 1e-12, "{after} > {before}");
        }
    }

    /// A higher discount rate never pays back sooner; rate 0 is simple payback.
    #[test]
    fn discounting_more_never_pays_back_sooner(flows in conventional(), low in 0.0f64..0.3, more in 0.0f64..0.3) {
        if let Ok(slow) = discounted_payback(low + more, &flows) {
            let fast = discounted_payback(low, &flows).expect("paid back at the lower rate");
            prop_assert!(fast <= slow + 1e-12, "{fast} > {slow}");
        }
        prop_assert_eq!(discounted_payback(0.0, &flows), payback(&flows));
    }

    /// Payback lies within the flows' span.
    #[test]
    fn payback_lies_within_the_flows(flows in any_flows()) {
        if let Ok(p) = payback(&flows) {
            prop_assert!(p >= 0.0 && p <= (flows.len() - 1) as f64, "{p}");
        }
    }

    /// No function panics on any arguments, and a value is always a finite number.
    #[test]
    fn no_input_panics_or_yields_a_non_finite_value(f in 0usize..19, args in proptest::collection::vec(any_arg(), 0..8)) {
        let name = FUNCTIONS[f % FUNCTIONS.len()];
        if let Ok(v) = call(name, &args) {
            prop_assert!(v.is_finite(), "{name}({args:?}) = {v}");
        }
    }
}

//! The MCDA methods against `tests/reference/mcda_vectors.json` (pymcdm, pyDecision, published
//! examples; a verbatim copy of the shared reference vectors), each with the method variant the
//! vector names, and property tests.

use cairn_sourcing::{
    Direction, Method, Normalization, RandomIndex, WeightMethod, ahp, break_even_weights, ranks,
    relative_order_changed, topsis, weight_uncertainty, with_weight, wsm,
};
use proptest::prelude::*;
use serde_json::Value;

mod study;

fn vectors() -> Vec<Value> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/reference/mcda_vectors.json");
    let text = std::fs::read_to_string(path).expect("tests/reference/mcda_vectors.json in the repository");
    let doc: Value = serde_json::from_str(&text).expect("JSON");
    doc["vectors"].as_array().expect("vectors").clone()
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array().expect("array").iter().map(|x| x.as_f64().expect("number")).collect()
}

fn matrix(v: &Value) -> Vec<Vec<f64>> {
    v.as_array().expect("matrix").iter().map(floats).collect()
}

fn directions(v: &Value) -> Vec<Direction> {
    floats(v).into_iter().map(|t| if t < 0.0 { Direction::Cost } else { Direction::Benefit }).collect()
}

fn close(id: &str, what: &str, actual: f64, expected: f64, tol: f64, failures: &mut Vec<String>) {
    if (actual - expected).abs() > tol * expected.abs().max(1.0) {
        failures.push(format!("{id}: {what} = {actual}, expected {expected} (tolerance {tol})"));
    }
}

fn close_all(id: &str, what: &str, actual: &[f64], expected: &Value, tol: f64, failures: &mut Vec<String>) {
    let expected = floats(expected);
    if actual.len() != expected.len() {
        failures.push(format!("{id}: {what} has {} values, expected {}", actual.len(), expected.len()));
        return;
    }
    for (k, (a, e)) in actual.iter().zip(&expected).enumerate() {
        close(id, &format!("{what}[{k}]"), *a, *e, tol, failures);
    }
}

fn ranks_of(v: &Value) -> Vec<usize> {
    v.as_array().expect("ranks").iter().map(|x| x.as_u64().expect("rank") as usize).collect()
}

/// Runs one vector with the variant it names; returns what disagreed.
fn check(v: &Value) -> Vec<String> {
    let id = v["id"].as_str().unwrap_or("?");
    let (input, expected) = (&v["inputs"], &v["expected"]);
    let tol = v["tolerance"].as_f64().expect("tolerance");
    let mut failures = Vec::new();
    match v["kind"].as_str().expect("kind") {
        "AHP" => {
            let m = matrix(&input["matrix"]);
            for (table, key) in [
                (RandomIndex::Saaty, "CR_saaty_RI"),
                (RandomIndex::TummalaLing, "CR_tummala_ling_RI"),
                (RandomIndex::AlonsoLamata, "CR_alonso_lamata_RI"),
            ] {
                let a = ahp(&m, WeightMethod::Eigenvector, table).expect("valid matrix");
                close_all(id, "weights", &a.weights, &expected["weights_eigenvector"], tol, &mut failures);
                close(id, "lambda_max", a.lambda_max, expected["lambda_max"].as_f64().expect("λ"), tol, &mut failures);
                close(id, "CI", a.ci, expected["CI"].as_f64().expect("CI"), tol, &mut failures);
                close(id, key, a.cr, expected[key].as_f64().expect("CR"), tol, &mut failures);
            }
            let g = ahp(&m, WeightMethod::GeometricMean, RandomIndex::Saaty).expect("valid matrix");
            close_all(
                id,
                "geometric-mean weights",
                &g.weights,
                &expected["weights_row_geometric_mean"],
                tol,
                &mut failures,
            );
        }
        "TOPSIS" => {
            let normalization = if input["normalization"].as_str().is_some_and(|n| n.starts_with("min-max")) {
                Normalization::MinMax
            } else {
                Normalization::Vector
            };
            let t = topsis(
                &matrix(&input["matrix"]),
                &floats(&input["weights"]),
                &directions(&input["types"]),
                normalization,
            )
            .expect("valid input");
            close_all(id, "closeness", &t.closeness, &expected["closeness"], tol, &mut failures);
            if expected.get("D_plus").is_some() {
                close_all(id, "D+", &t.d_plus, &expected["D_plus"], tol, &mut failures);
                close_all(id, "D-", &t.d_minus, &expected["D_minus"], tol, &mut failures);
            }
            if let Some(r) = expected.get("rank")
                && t.ranks != ranks_of(r)
            {
                failures.push(format!("{id}: ranks {:?}, expected {r}", t.ranks));
            }
        }
        "WEIGHT_SENSITIVITY" => {
            // Base weights as in the aircraft example; the sixth criterion is varied.
            let m = matrix(&input["matrix"]);
            let d = directions(&input["types"]);
            let base = [0.2, 0.1, 0.1, 0.1, 0.2, 0.3];
            let j = input["varied_criterion"].as_u64().expect("criterion") as usize;
            let all = break_even_weights(Method::Topsis(Normalization::Vector), &m, &base, &d).expect("break-even");
            let found = all[j].weight.expect("a break-even exists");
            close(
                id,
                "break-even weight",
                found,
                expected["breakeven_w6_A1_equals_A3"].as_f64().expect("w"),
                tol,
                &mut failures,
            );
            if all[j].new_winner != Some(2) {
                failures.push(format!("{id}: new winner {:?}, expected option 3", all[j].new_winner));
            }
            let at = topsis(&m, &with_weight(&base, j, found), &d, Normalization::Vector).expect("topsis");
            close_all(
                id,
                "closeness at break-even",
                &at.closeness,
                &expected["closeness_at_breakeven"],
                1e-6,
                &mut failures,
            );
        }
        "RANK_REVERSAL" => {
            let m = matrix(&input["matrix"]);
            let (w, d) = (floats(&input["weights"]), directions(&input["types"]));
            let with_new = topsis(&m, &w, &d, Normalization::Vector).expect("topsis");
            close_all(id, "closeness", &with_new.closeness, &expected["closeness"], tol, &mut failures);
            let original = topsis(&m[..4], &w, &d, Normalization::Vector).expect("topsis");
            let before = ranks_of(&expected["ranks_of_original_4_before"]);
            let after_expected = ranks_of(&expected["ranks_of_original_4_after"]);
            let after = ranks(&with_new.closeness[..4]);
            if original.ranks != before || after != after_expected {
                failures.push(format!("{id}: ranks before {:?} after {after:?}", original.ranks));
            }
            if !relative_order_changed(&before, &after) {
                failures.push(format!("{id}: rank reversal not detected"));
            }
        }
        "WEIGHTED_SUM" => {
            let s =
                wsm(&matrix(&input["matrix"]), &floats(&input["weights"]), &directions(&input["types"])).expect("wsm");
            close_all(id, "scores", &s.scores, &expected["scores"], tol, &mut failures);
            if s.ranks != ranks_of(&expected["rank"]) {
                failures.push(format!("{id}: ranks {:?}", s.ranks));
            }
        }
        other => failures.push(format!("{id}: unknown kind {other}")),
    }
    failures
}

#[test]
fn every_reference_vector_passes() {
    let all = vectors();
    assert_eq!(all.len(), 9, "vectors in the reference file");
    let failures: Vec<String> = all.iter().flat_map(check).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn bad_matrices_name_the_row_and_column() {
    let check_err = |m: Vec<Vec<f64>>, expected: &str| {
        let err = ahp(&m, WeightMethod::Eigenvector, RandomIndex::Saaty).expect_err("invalid").to_string();
        assert!(err.contains(expected), "{err:?} lacks {expected:?}");
    };
    check_err(vec![vec![1.0, 3.0], vec![1.0]], "not square");
    check_err(vec![vec![1.0, 3.0], vec![0.5, 1.0]], "row 2, column 1: must be the reciprocal");
    check_err(vec![vec![1.0, 12.0], vec![1.0 / 12.0, 1.0]], "row 1, column 2: 12 is off Saaty's scale");
    check_err(vec![vec![1.0, -3.0], vec![-1.0 / 3.0, 1.0]], "row 1, column 2: -3 is not a positive number");
}

#[test]
fn an_inconsistent_matrix_points_at_the_judgement_to_revisit() {
    // A prefers B strongly, B prefers C strongly, but C is said to beat A: circular.
    let m = vec![vec![1.0, 5.0, 1.0 / 5.0], vec![1.0 / 5.0, 1.0, 5.0], vec![5.0, 1.0 / 5.0, 1.0]];
    let a = ahp(&m, WeightMethod::Eigenvector, RandomIndex::Saaty).expect("valid");
    assert!(!a.consistent && a.cr > 0.10, "CR {}", a.cr);
    assert!(a.most_inconsistent.is_some());
}

#[test]
fn dirichlet_robustness_is_reproducible_and_sums_to_one() {
    let m = vec![vec![7.0, 9.0, 9.0], vec![8.0, 7.0, 8.0], vec![9.0, 6.0, 8.0]];
    let d = [Direction::Benefit, Direction::Benefit, Direction::Cost];
    let w = [0.5, 0.3, 0.2];
    let a = weight_uncertainty(Method::Topsis(Normalization::Vector), &m, &w, &d, 50.0, 2000, 7).expect("run");
    let b = weight_uncertainty(Method::Topsis(Normalization::Vector), &m, &w, &d, 50.0, 2000, 7).expect("run");
    assert_eq!(a, b, "same seed, same answer");
    assert!((a.p_first.iter().sum::<f64>() - 1.0).abs() < 1e-12);
}

/// A break-even where another option only reaches the winner's score is a tie, not a win; one
/// where it overtakes is a win. A (5, 5) leads; B (5, 3) equals it on the first criterion only, so
/// at 100 % on it they tie; C (1, 5.5) overtakes once the second criterion weighs enough.
#[test]
fn a_break_even_that_only_reaches_the_winner_is_a_tie() {
    let m = vec![vec![5.0, 5.0], vec![5.0, 3.0], vec![1.0, 5.5]];
    let d = [Direction::Benefit, Direction::Benefit];
    let b = break_even_weights(Method::WeightedSum, &m, &[0.7, 0.3], &d).expect("break-even");
    // Criterion 1: up to 100 % (0.3 away) B ties; down to 10.2 % (0.6 away) C would win.
    assert_eq!((b[0].new_winner, b[0].tie), (Some(1), true), "{:?}", b[0]);
    assert!(b[0].weight.is_some_and(|w| w > 0.999_999), "{:?}", b[0]);
    // Criterion 2 down to 0 % is the same weighting: B ties there.
    assert_eq!((b[1].new_winner, b[1].tie), (Some(1), true), "{:?}", b[1]);
    assert!(b[1].weight.is_some_and(|w| w < 1e-6), "{:?}", b[1]);
    // Without B, C overtakes A where 0.2·(1 − w) + w = (1 − w) + w·5/5.5: w = 0.8/0.8909…
    let b = break_even_weights(Method::WeightedSum, &[m[0].clone(), m[2].clone()], &[0.7, 0.3], &d).expect("b-e");
    let crossing = 0.8 / (1.8 - 1.0 / 1.1);
    assert_eq!((b[1].new_winner, b[1].tie), (Some(1), false), "{:?}", b[1]);
    assert!(b[1].weight.is_some_and(|w| (w - crossing).abs() < 1e-9), "{:?} vs {crossing}", b[1]);
    // Two options equal everywhere never change places: no break-even at all.
    let same = vec![vec![5.0, 5.0], vec![5.0, 5.0], vec![1.0, 1.0]];
    let b = break_even_weights(Method::WeightedSum, &same, &[0.5, 0.5], &d).expect("break-even");
    assert!(b.iter().all(|x| x.weight.is_none()), "{b:?}");
}

proptest! {
    /// AHP weights sum to 1; a perfectly consistent matrix has CR 0 and gives back its weights.
    #[test]
    fn consistent_matrices_recover_their_weights(raw in proptest::collection::vec(1u32..=9, 2..8)) {
        // Weights 1..9 give ratios on Saaty's scale only when within a factor of 9: use 1..=3.
        let w: Vec<f64> = raw.iter().map(|r| f64::from(1 + r % 3)).collect();
        let m: Vec<Vec<f64>> = w.iter().map(|a| w.iter().map(|b| a / b).collect()).collect();
        let result = ahp(&m, WeightMethod::Eigenvector, RandomIndex::Saaty).expect("consistent matrix");
        let total: f64 = w.iter().sum();
        prop_assert!((result.weights.iter().sum::<f64>() - 1.0).abs() < 1e-12);
        for (got, want) in result.weights.iter().zip(&w) {
            prop_assert!((got - want / total).abs() < 1e-9);
        }
        prop_assert!(result.cr.abs() < 1e-9);
    }

    /// Scaling a benefit criterion's column does not change TOPSIS ranks under vector
    /// normalisation.
    #[test]
    fn topsis_ranks_ignore_the_unit_of_a_benefit_column(
        rows in proptest::collection::vec(proptest::collection::vec(1.0f64..100.0, 3), 2..8),
        scale in 0.001f64..1000.0,
    ) {
        let d = [Direction::Benefit, Direction::Cost, Direction::Benefit];
        let w = [0.4, 0.35, 0.25];
        let before = topsis(&rows, &w, &d, Normalization::Vector).expect("topsis");
        let scaled: Vec<Vec<f64>> = rows.iter().map(|r| vec![r[0] * scale, r[1], r[2]]).collect();
        let after = topsis(&scaled, &w, &d, Normalization::Vector).expect("topsis");
        for (a, b) in before.closeness.iter().zip(&after.closeness) {
            prop_assert!((a - b).abs() < 1e-9);
        }
    }
}

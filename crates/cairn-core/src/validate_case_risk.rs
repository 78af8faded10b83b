//! A business case's simulation settings (`crate::case_risk`): the correlation matrix — its
//! lines, its shape, symmetry, unit diagonal, range, and positive semi-definiteness (refused with
//! the nearest valid matrix) — and the uncertain discount rate.

use std::collections::HashSet;

use rust_decimal::Decimal;

use crate::case::BusinessCase;
use crate::case_risk::{is_positive_semi_definite, matrix_text, nearest_correlation};
use crate::validate::Checker;

pub(crate) fn simulation(c: &mut Checker, at: &str, x: &BusinessCase) {
    let at = format!("{at}.simulation");
    if let Some(rate) = &x.simulation.discount_rate {
        crate::validate_case::distribution(c, &format!("{at}.discount_rate"), rate);
    }
    let Some(corr) = &x.simulation.correlation else { return };
    let at = format!("{at}.correlation");
    let n = corr.lines.len();
    if n < 2 {
        c.fail(format!("{at}.lines"), "must name at least two lines");
    }
    let mut seen = HashSet::new();
    let mut draws = HashSet::new();
    for (i, id) in corr.lines.iter().enumerate() {
        let path = format!("{at}.lines[{i}]");
        if !seen.insert(id) {
            c.fail(path, format!("names line \"{id}\" twice"));
            continue;
        }
        match x.lines.iter().find(|l| &l.id == id) {
            None => c.fail(path, format!("no line \"{id}\" in the case")),
            Some(line) => match &line.uncertainty {
                None => c.fail(path, format!("line \"{id}\" has no uncertainty to correlate")),
                Some(u) => {
                    draws.insert(u.draw);
                }
            },
        }
    }
    if draws.len() > 1 {
        c.fail(format!("{at}.lines"), "must all be drawn the same way (once, or each year)");
    }
    if corr.matrix.len() != n {
        c.fail(format!("{at}.matrix"), format!("must have {n} rows, one per line, not {}", corr.matrix.len()));
        return;
    }
    let mut shaped = true;
    for (i, row) in corr.matrix.iter().enumerate() {
        if row.len() != n {
            c.fail(format!("{at}.matrix[{i}]"), format!("must have {n} entries, one per line, not {}", row.len()));
            shaped = false;
        }
    }
    if !shaped {
        return;
    }
    let mut valid = true;
    let m = &corr.matrix;
    for (i, row) in m.iter().enumerate() {
        if row[i] != Decimal::ONE {
            c.fail(format!("{at}.matrix[{i}][{i}]"), format!("must be 1 (a line with itself), not {}", row[i]));
            valid = false;
        }
        for (j, v) in row.iter().enumerate() {
            if !(-Decimal::ONE..=Decimal::ONE).contains(v) {
                c.fail(format!("{at}.matrix[{i}][{j}]"), format!("must be between −1 and 1, not {v}"));
                valid = false;
            } else if j > i && *v != m[j][i] {
                c.fail(format!("{at}.matrix[{j}][{i}]"), format!("must equal matrix[{i}][{j}] ({v}), not {}", m[j][i]));
                valid = false;
            }
        }
    }
    if !valid {
        return;
    }
    // Entries between −1 and 1 convert exactly enough: `to_f64` of a decimal this small never fails.
    let floats: Vec<Vec<f64>> =
        m.iter().map(|r| r.iter().map(|v| crate::money::to_f64(*v).unwrap_or(0.0)).collect()).collect();
    if !is_positive_semi_definite(&floats) {
        c.fail(
            format!("{at}.matrix"),
            format!(
                "is not a possible correlation matrix (not positive semi-definite); the nearest one is {}",
                matrix_text(&nearest_correlation(&floats))
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use rust_decimal::Decimal;

    use crate::case::{Distribution, Uncertainty};
    use crate::case_risk::{CaseSimulation, Correlation, Draw};
    use crate::demo::demo_plan;
    use crate::plan::Id;
    use crate::validate::validate;

    /// The demo's first case with its first three lines uncertain (drawn as `draws` says) and
    /// the correlation `matrix` between them; the problems validation finds in its simulation.
    fn check(draws: [Draw; 3], lines: [&str; 3], matrix: &[&[&str]], rate: Option<Distribution>, expected: &[&str]) {
        let mut plan = demo_plan();
        let case = &mut plan.business_cases[0];
        let mut ids = Vec::new();
        for (k, draw) in draws.into_iter().enumerate() {
            let line = &mut case.lines[k];
            let distribution = Distribution::Uniform { min: Decimal::from(90), max: Decimal::from(110) };
            line.uncertainty = Some(Uncertainty { distribution, delay: None, draw });
            ids.push(line.id.to_string());
        }
        // "same": the k-th line; "#": the first line again; anything else: that id.
        let line_ids = lines
            .iter()
            .enumerate()
            .map(|(k, l)| match *l {
                "same" => Id::new(&ids[k]),
                "#" => Id::new(&ids[0]),
                other => Id::new(other),
            })
            .collect::<Result<Vec<Id>, _>>()
            .expect("ids");
        let matrix = matrix.iter().map(|r| r.iter().map(|v| v.parse().expect("decimal")).collect()).collect();
        case.simulation =
            CaseSimulation { correlation: Some(Correlation { lines: line_ids, matrix }), discount_rate: rate };
        let got: Vec<String> = validate(&plan)
            .into_iter()
            .filter(|p| p.path.contains(".simulation"))
            .map(|p| format!("{}: {}", p.path, p.reason))
            .collect();
        assert_eq!(got, expected);
    }

    const ONCE: [Draw; 3] = [Draw::Once; 3];
    const SAME: [&str; 3] = ["same"; 3];

    #[test]
    fn a_valid_matrix_and_rate_pass() {
        let rate =
            Distribution::Triangular { min: Decimal::from(80), mode: Decimal::from(100), max: Decimal::from(130) };
        check(ONCE, SAME, &[&["1", "0.5", "0"], &["0.5", "1", "-0.3"], &["0", "-0.3", "1"]], Some(rate), &[]);
        let each = [Draw::EachYear; 3];
        check(each, SAME, &[&["1", "1", "1"], &["1", "1", "1"], &["1", "1", "1"]], None, &[]);
    }

    #[test]
    fn the_matrix_must_be_a_correlation_matrix() {
        let at = "business_cases[0].simulation";
        check(
            ONCE,
            SAME,
            &[&["1", "0.5"], &["0.5", "1"]],
            None,
            &[&format!("{at}.correlation.matrix: must have 3 rows, one per line, not 2")],
        );
        check(
            ONCE,
            SAME,
            &[&["1", "0.5", "0"], &["0.4", "1", "0"], &["0", "0", "0.9"]],
            None,
            &[
                &format!("{at}.correlation.matrix[1][0]: must equal matrix[0][1] (0.5), not 0.4"),
                &format!("{at}.correlation.matrix[2][2]: must be 1 (a line with itself), not 0.9"),
            ],
        );
        check(
            ONCE,
            SAME,
            &[&["1", "1.5", "0"], &["1.5", "1", "0"], &["0", "0", "1"]],
            None,
            &[
                &format!("{at}.correlation.matrix[0][1]: must be between −1 and 1, not 1.5"),
                &format!("{at}.correlation.matrix[1][0]: must be between −1 and 1, not 1.5"),
            ],
        );
        check(
            ONCE,
            SAME,
            &[&["1", "0.9", "-0.9"], &["0.9", "1", "0.9"], &["-0.9", "0.9", "1"]],
            None,
            &[&format!(
                "{at}.correlation.matrix: is not a possible correlation matrix (not positive semi-definite); \
                 the nearest one is [[1, 0.499995, -0.499995], [0.499995, 1, 0.499995], [-0.499995, 0.499995, 1]]"
            )],
        );
    }

    #[test]
    fn the_lines_must_be_uncertain_lines_of_the_case_drawn_alike() {
        let at = "business_cases[0].simulation.correlation";
        let unit: &[&[&str]] = &[&["1", "0", "0"], &["0", "1", "0"], &["0", "0", "1"]];
        check(
            [Draw::Once, Draw::EachYear, Draw::Once],
            ["same", "no-such-line", "#"],
            unit,
            None,
            &[
                &format!("{at}.lines[1]: no line \"no-such-line\" in the case"),
                &format!("{at}.lines[2]: names line \"{}\" twice", demo_plan().business_cases[0].lines[0].id),
            ],
        );
        check(
            [Draw::Once, Draw::EachYear, Draw::Once],
            SAME,
            unit,
            None,
            &[&format!("{at}.lines: must all be drawn the same way (once, or each year)")],
        );
        let bad_rate = Distribution::Uniform { min: Decimal::from(120), max: Decimal::from(80) };
        check(
            ONCE,
            SAME,
            unit,
            Some(bad_rate),
            &["business_cases[0].simulation.discount_rate.max: must not be below min (120 %)"],
        );
    }
}

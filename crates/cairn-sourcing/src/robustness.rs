//! How robust a ranking is: the weight at which the winner changes, the probability of ranking
//! first when weights vary, and rank reversal when an option is added or removed.

use rand::SeedableRng;
use rand::rngs::StdRng;
use rand_distr::{Distribution, Gamma};

use crate::error::{McdaError, check_matrix, normalised_weights};
use crate::rank::{Direction, Normalization, topsis, wsm};

/// Which method scores the options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Weighted sum (linear max normalisation).
    WeightedSum,
    /// TOPSIS with the given normalisation.
    Topsis(Normalization),
}

/// The options' scores under `method` (higher is better).
pub fn scores(
    method: Method,
    matrix: &[Vec<f64>],
    weights: &[f64],
    directions: &[Direction],
) -> Result<Vec<f64>, McdaError> {
    Ok(match method {
        Method::WeightedSum => wsm(matrix, weights, directions)?.scores,
        Method::Topsis(n) => topsis(matrix, weights, directions, n)?.closeness,
    })
}

fn winner(scores: &[f64]) -> usize {
    crate::rank::ranks(scores).iter().position(|r| *r == 1).unwrap_or(0)
}

/// Weights with criterion `j` set to `w` and the others rescaled proportionally to sum 1 − w.
pub fn with_weight(base: &[f64], j: usize, w: f64) -> Vec<f64> {
    let others: f64 = base.iter().enumerate().filter(|(k, _)| *k != j).map(|(_, v)| v).sum();
    base.iter()
        .enumerate()
        .map(|(k, v)| {
            if k == j {
                w
            } else if others > 0.0 {
                v / others * (1.0 - w)
            } else {
                (1.0 - w) / (base.len() - 1).max(1) as f64
            }
        })
        .collect()
}

/// Where the top option changes as one criterion's weight moves.
#[derive(Debug, Clone, PartialEq)]
pub struct BreakEven {
    /// The criterion (0-based).
    pub criterion: usize,
    /// The weight at which the winner stops being first alone (another option reaches its score),
    /// nearest to the current weight; `None` when it stays first alone for every weight from 0 to 1.
    pub weight: Option<f64>,
    /// The option that wins past that weight, or, when `tie`, the one that only ties with it.
    pub new_winner: Option<usize>,
    /// Whether `new_winner` only ties with the winner (equal scores) and never overtakes it
    /// along that direction; a sentence says "would tie with", never "would win".
    pub tie: bool,
}

/// Scores closer than this are a tie: the methods' scores lie in 0..=1, and a difference this
/// small is the floating-point residue of equal scores reached by different sums.
pub const TIE_TOLERANCE: f64 = 1e-9;

/// Where option `current` stands among the others under `scores`.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Standing {
    /// First alone.
    Ahead,
    /// Another option has the same score (within [`TIE_TOLERANCE`]).
    Tied(usize),
    /// Another option scores higher.
    Overtaken(usize),
}

fn standing(scores: &[f64], current: usize) -> Standing {
    standing_within(scores, current, TIE_TOLERANCE)
}

fn standing_within(scores: &[f64], current: usize, tolerance: f64) -> Standing {
    let own = scores.get(current).copied().unwrap_or(f64::NEG_INFINITY);
    let best =
        scores.iter().enumerate().filter(|(i, _)| *i != current).max_by(|a, b| a.1.total_cmp(b.1).then(b.0.cmp(&a.0)));
    match best {
        Some((i, v)) if *v > own + tolerance => Standing::Overtaken(i),
        Some((i, v)) if *v >= own - tolerance => Standing::Tied(i),
        _ => Standing::Ahead,
    }
}

/// For each criterion, the weight nearest to the current one at which the winner stops being
/// first alone (the others rescaled proportionally), and whether the other option then wins or
/// only ties. Found by scanning 0..=1 in steps of 0.001 (both ends included) and bisecting the
/// crossing to 1e-12. A winner tied at the current weights has no break-even to report.
pub fn break_even_weights(
    method: Method,
    matrix: &[Vec<f64>],
    weights: &[f64],
    directions: &[Direction],
) -> Result<Vec<BreakEven>, McdaError> {
    check_matrix(matrix, directions.len())?;
    let base = normalised_weights(weights, directions.len())?;
    let scores_now = scores(method, matrix, &base, directions)?;
    let current = winner(&scores_now);
    let tied_now = standing(&scores_now, current) != Standing::Ahead;
    let mut out = Vec::new();
    for j in 0..base.len() {
        let standing_at =
            |w: f64| scores(method, matrix, &with_weight(&base, j, w), directions).map(|s| standing(&s, current));
        // (crossing, other option, whether it only ties)
        let mut found: Option<(f64, usize, bool)> = None;
        let steps = 1000;
        // Walk outwards from the current weight in both directions; the first change is the one
        // a person would meet when moving the slider. The walk ends on 0 or 1 exactly, where a
        // criterion alone decides.
        for direction in [-1.0, 1.0] {
            if tied_now {
                break;
            }
            let end = if direction < 0.0 { 0.0 } else { 1.0 };
            let mut points: Vec<f64> = (1..=steps)
                .map(|k| base[j] + direction * f64::from(k) / f64::from(steps))
                .take_while(|w| (0.0..=1.0).contains(w))
                .collect();
            if points.last() != Some(&end) && base[j] != end {
                points.push(end);
            }
            let mut previous = base[j];
            for (k, &w) in points.iter().enumerate() {
                let now = standing_at(w)?;
                if now == Standing::Ahead {
                    previous = w;
                    continue;
                }
                // Past the crossing, does the other option overtake, or only tie? Look at the
                // point found and, when that is a tie, at the next one along the way.
                let beyond = match (now, points.get(k + 1)) {
                    (Standing::Tied(_), Some(&next)) => match standing_at(next)? {
                        Standing::Ahead => now,
                        later => later,
                    },
                    _ => now,
                };
                let (other, tie) = match beyond {
                    Standing::Overtaken(i) => (i, false),
                    Standing::Tied(i) => (i, true),
                    Standing::Ahead => break,
                };
                // The crossing: where the scores meet exactly when the other option goes on to
                // win, where they come within the tolerance when it only ties.
                let tolerance = if tie { TIE_TOLERANCE } else { 0.0 };
                let ahead = |w: f64| -> Result<bool, McdaError> {
                    let s = scores(method, matrix, &with_weight(&base, j, w), directions)?;
                    Ok(standing_within(&s, current, tolerance) == Standing::Ahead)
                };
                let (mut inside, mut outside) = (previous, w);
                while (outside - inside).abs() > 1e-12 {
                    let mid = 0.5 * (inside + outside);
                    if ahead(mid)? { inside = mid } else { outside = mid }
                }
                let crossing = 0.5 * (inside + outside);
                if found.is_none_or(|(f, _, _)| (crossing - base[j]).abs() < (f - base[j]).abs()) {
                    found = Some((crossing, other, tie));
                }
                break;
            }
        }
        out.push(BreakEven {
            criterion: j,
            weight: found.map(|f| f.0),
            new_winner: found.map(|f| f.1),
            tie: found.is_some_and(|f| f.2),
        });
    }
    Ok(out)
}

/// Each option's share of random weightings in which it ranks first, and its mean rank.
#[derive(Debug, Clone, PartialEq)]
pub struct WeightUncertainty {
    /// Probability of ranking first, per option (sums to 1).
    pub p_first: Vec<f64>,
    /// Mean rank per option.
    pub mean_rank: Vec<f64>,
    /// Samples drawn.
    pub samples: usize,
}

/// Draws `samples` weight vectors from a Dirichlet distribution centred on the given weights
/// (concentration `k · w`; larger k, tighter around them) and ranks the options under each.
/// Seeded, so the same seed gives the same answer.
pub fn weight_uncertainty(
    method: Method,
    matrix: &[Vec<f64>],
    weights: &[f64],
    directions: &[Direction],
    concentration: f64,
    samples: usize,
    seed: u64,
) -> Result<WeightUncertainty, McdaError> {
    check_matrix(matrix, directions.len())?;
    let base = normalised_weights(weights, directions.len())?;
    if !(concentration.is_finite() && concentration > 0.0) {
        return Err(McdaError::Weights("the concentration must be a positive number".into()));
    }
    // Dirichlet(α) is independent Gamma(αᵢ, 1) draws normalised to sum 1. A zero weight stays
    // zero (its criterion was deliberately switched off).
    let gammas: Vec<Option<Gamma<f64>>> =
        base.iter().map(|w| if *w > 0.0 { Gamma::new(concentration * w, 1.0).ok() } else { None }).collect();
    let mut rng = StdRng::seed_from_u64(seed);
    let m = matrix.len();
    let (mut first, mut rank_sum) = (vec![0usize; m], vec![0usize; m]);
    let mut drawn = vec![0.0; base.len()];
    for _ in 0..samples {
        for (slot, g) in drawn.iter_mut().zip(&gammas) {
            *slot = g.as_ref().map_or(0.0, |g| g.sample(&mut rng));
        }
        let total: f64 = drawn.iter().sum();
        let sample: Vec<f64> = if total > 0.0 { drawn.iter().map(|x| x / total).collect() } else { base.clone() };
        let ranks = crate::rank::ranks(&scores(method, matrix, &sample, directions)?);
        for (i, r) in ranks.iter().enumerate() {
            rank_sum[i] += r;
            if *r == 1 {
                first[i] += 1;
            }
        }
    }
    let n = samples.max(1) as f64;
    Ok(WeightUncertainty {
        p_first: first.iter().map(|c| *c as f64 / n).collect(),
        mean_rank: rank_sum.iter().map(|s| *s as f64 / n).collect(),
        samples,
    })
}

/// What happens to the other options' order when one option is removed.
#[derive(Debug, Clone, PartialEq)]
pub struct RankReversal {
    /// The removed option (0-based).
    pub removed: usize,
    /// Whether the remaining options' relative order changed.
    pub reversed: bool,
}

/// For each option, re-ranks without it and reports whether the others' relative order
/// changed: methods like TOPSIS can reverse ranks when an irrelevant option is added or dropped,
/// and a board should know.
pub fn rank_reversal_on_removal(
    method: Method,
    matrix: &[Vec<f64>],
    weights: &[f64],
    directions: &[Direction],
) -> Result<Vec<RankReversal>, McdaError> {
    let full = crate::rank::ranks(&scores(method, matrix, weights, directions)?);
    let mut out = Vec::new();
    for removed in 0..matrix.len() {
        if matrix.len() < 3 {
            out.push(RankReversal { removed, reversed: false });
            continue;
        }
        let rest: Vec<Vec<f64>> =
            matrix.iter().enumerate().filter(|(i, _)| *i != removed).map(|(_, r)| r.clone()).collect();
        let after = crate::rank::ranks(&scores(method, &rest, weights, directions)?);
        let before: Vec<usize> = full.iter().enumerate().filter(|(i, _)| *i != removed).map(|(_, r)| *r).collect();
        out.push(RankReversal { removed, reversed: relative_order_changed(&before, &after) });
    }
    Ok(out)
}

/// Whether two rankings of the same options order some pair differently.
pub fn relative_order_changed(before: &[usize], after: &[usize]) -> bool {
    (0..before.len()).any(|a| (a + 1..before.len()).any(|b| (before[a] < before[b]) != (after[a] < after[b])))
}

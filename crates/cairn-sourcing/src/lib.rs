//! Multi-criteria decision analysis for sourcing studies: which sourcing model (in-house,
//! managed service, SaaS, cloud, hybrid, shared service) best meets weighted criteria, and how
//! sure we can be.
//!
//! - [`ahp`]: weights from pairwise comparisons (principal eigenvector or geometric mean),
//!   λmax, CI and CR against a [`RandomIndex`] table, and the judgement to revisit when CR > 0.10.
//! - [`wsm`] and [`topsis`]: scores and ranks of options; TOPSIS records its [`Normalization`].
//! - [`break_even_weights`], [`weight_uncertainty`] (Dirichlet-perturbed weights, seeded) and
//!   [`rank_reversal_on_removal`]: the robustness of the winner.
//!
//! - [`study`]: a whole `cairn_core::SourcingStudy` evaluated — costs by year, PV TCO, the
//!   three methods' rankings, cost per score point and robustness ([`evaluate_study`]), and the
//!   recommendation its figures support ([`recommend`], drafted by `cairn_core::narrative`).
//!
//! Inputs are plain matrices (options × criteria); no I/O, no clock. Every error names the row,
//! column or criterion ([`McdaError`]).
//!
//! ```
//! use cairn_sourcing::{ahp, topsis, Direction, Normalization, RandomIndex, WeightMethod};
//! let pairwise = vec![vec![1.0, 3.0, 5.0], vec![1.0 / 3.0, 1.0, 3.0], vec![0.2, 1.0 / 3.0, 1.0]];
//! let a = ahp(&pairwise, WeightMethod::Eigenvector, RandomIndex::Saaty).unwrap();
//! assert!((a.weights[0] - 0.637).abs() < 1e-3 && a.consistent);
//! let t = topsis(&[vec![7.0, 9.0, 9.0], vec![8.0, 7.0, 8.0]], &a.weights,
//!     &[Direction::Benefit, Direction::Benefit, Direction::Cost], Normalization::Vector).unwrap();
//! assert_eq!(t.ranks.len(), 2);
//! ```

mod ahp;
mod error;
mod rank;
mod recommend;
mod robustness;
pub mod study;

pub use ahp::{Ahp, Judgement, RandomIndex, WeightMethod, ahp, check_pairwise};
pub use error::McdaError;
pub use rank::{Direction, Normalization, Topsis, Wsm, ranks, topsis, wsm};
pub use recommend::recommend;
pub use robustness::{
    BreakEven, Method, RankReversal, WeightUncertainty, break_even_weights, rank_reversal_on_removal,
    relative_order_changed, scores, weight_uncertainty, with_weight,
};
pub use study::{RobustnessSettings, StudyError, StudyEvaluation, StudyMethod, evaluate_study, own_schedule};

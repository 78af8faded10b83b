//! Spreadsheet-exact financial functions: the figures a CFO reconciles with Excel or LibreOffice
//! Calc must match them to the last digit shown.
//!
//! - Cash flows: [`npv`] (first value discounted one period, as the spreadsheet does), [`irr`]
//!   (Newton's method from the guess, like the spreadsheet), [`mirr`], [`xnpv`] and [`xirr`]
//!   (days / 365 from the first date), [`payback`] and [`discounted_payback`].
//! - Discounting: [`compound`] and [`discount_factor`] are the `(1 + rate)^t` every function here
//!   divides by; the engines discount with them, never with their own powers, so that every
//!   discounted figure agrees with [`npv`] to the last bit.
//! - Beyond the spreadsheet: [`irr_all`] and [`irr_outcome`] find every IRR of a flow (isolated
//!   exactly with Descartes' rule and the roots of the derivative, not sampled on a grid), so a
//!   case with two IRRs is called out instead of quoting whichever one an iteration hit.
//! - Iterations stop where the spreadsheet's do (IRR: 20 Newton steps to 1e-7; XIRR: 100 to
//!   1e-8), so a flow the spreadsheet cannot solve from a guess is `#NUM!` here too.
//! - Loans and annuities: [`pmt`], [`ipmt`], [`ppmt`], [`fv`], [`pv`], [`nper`], [`rate`].
//! - Depreciation: [`sln`], [`syd`], [`ddb`], [`db`] (rate rounded to three decimals), [`vdb`].
//! - Every function answers any input in bounded time: no loop runs over a count taken from
//!   the input. DB refuses a life over 1,200 periods with `#NUM!` ([`DB_MAX_LIFE`], as
//!   LibreOffice Calc does), so its walk is at most 1,200 steps; VDB, which the spreadsheet
//!   walks period by period for any life, is computed in closed form (the same sums, found by
//!   bisection and one subtraction each), so a life of 1e18 periods is answered in
//!   microseconds; root-finders stop after their fixed number of steps.
//! - A root-finder whose arithmetic overflows (an infinite value or slope) answers `#NUM!`;
//!   it never returns the rate it stood on, such as the guess.
//! - Appraisal policies: [`DiscountSchedule`] (a rate per year: flat, typed, or the UK Green
//!   Book's declining rate, factors chained year by year), [`maturity_rate`] (OMB A-94's table by
//!   maturity, interpolated), [`wacc`] (from its parts) and nominal↔real by Fisher
//!   ([`real_rate`], [`nominal_rate`], [`to_nominal`], [`to_real`] with an [`Inflation`] index).
//! - [`call`] evaluates any of them by name with spreadsheet arguments ([`Arg`]).
//!
//! Errors are the spreadsheet's (`#NUM!`, `#DIV/0!`, `#VALUE!`) with a message naming the
//! argument ([`FinanceError`]); no function panics or returns NaN or infinity (but for the bare
//! arithmetic of [`compound`] and [`discount_factor`], which leave the rate to their caller).
//!
//! This crate computes in `f64` because the spreadsheet does: discounting and root-finding in
//! decimal would give other last digits than Excel. Money is summed as decimals elsewhere and
//! converted to `f64` once, at the call into this crate, by `cairn_core::to_f64`.
//!
//! ```
//! use cairn_finance::{call, irr, irr_outcome, npv, Arg, IrrOutcome};
//! let flows = [-10_000.0, 3_000.0, 4_200.0, 6_800.0];
//! assert!((npv(0.1, &flows).unwrap() - 1188.4434123352228).abs() < 1e-9);
//! assert!((irr(&[-100.0, 39.0, 59.0, 55.0, 20.0], None).unwrap() - 0.2809484211599611).abs() < 1e-12);
//! let pmt = call("pmt", &[Arg::Number(0.08 / 12.0), Arg::Number(10.0), Arg::Number(10_000.0)]).unwrap();
//! assert!((pmt + 1037.0320893591606).abs() < 1e-9);
//! // Two IRRs, 25 % and 400 %: IRR gives the one Newton reaches from its guess.
//! let pump = [-1_600.0, 10_000.0, -10_000.0];
//! assert!((irr(&pump, None).unwrap() - 0.25).abs() < 1e-12);
//! assert!(matches!(irr_outcome(&pump), Ok(IrrOutcome::Multiple(r)) if r.len() == 2));
//! assert_eq!(call("IRR", &[Arg::Numbers(vec![1.0, 2.0])]).unwrap_err().code(), "#NUM!");
//! ```

mod cashflow;
mod depreciation;
mod discount;
mod dispatch;
mod error;
mod tvm;

pub use cashflow::{
    IrrOutcome, compound, discount_factor, discounted_payback, irr, irr_all, irr_outcome, mirr, npv, payback, xirr,
    xnpv,
};
pub use depreciation::{DB_MAX_LIFE, db, ddb, sln, syd, vdb};
pub use discount::{
    DiscountSchedule, GREEN_BOOK_BANDS, Inflation, Maturity, Wacc, WaccParts, green_book_rate, maturity_rate,
    nominal_rate, real_rate, to_nominal, to_real, wacc,
};
pub use dispatch::{Arg, FUNCTIONS, call};
pub use error::FinanceError;
pub use tvm::{fv, ipmt, nper, pmt, ppmt, pv, rate};

//! Discount schedules beyond one flat rate, and the conversions between nominal and real terms:
//! what a plan's appraisal policy is computed with (`cairn_core::appraisal` holds the policy).
//!
//! - [`DiscountSchedule`]: a discount rate per year `r_1 … r_n`, from a flat rate, a typed list,
//!   or the UK Green Book's declining social time preference rate ([`green_book_rate`]). Its
//!   factors chain year by year: `DF_0 = 1`, `DF_t = DF_(t−1) / (1 + r_t)`.
//! - [`maturity_rate`]: a rate read from a table by maturity (OMB Circular A-94, Appendix C),
//!   linearly interpolated by the length of the case.
//! - [`wacc`]: a corporate weighted average cost of capital from its parts, each part returned.
//! - [`Inflation`], [`real_rate`], [`nominal_rate`], [`to_nominal`], [`to_real`]: Fisher's
//!   relation `(1 + n) = (1 + r)(1 + i)` and a cumulative price index for flows.
//!
//! Within a run of years at one rate the factor is the spreadsheet's power, computed by
//! [`compound`] from the start of the run (`DF_t = DF_s / (1 + r)^(t − s)`): equal to the
//! chained product in exact arithmetic, and bit for bit [`npv`](crate::npv)'s factors for a flat
//! rate, so a policy of one flat rate gives exactly the figures a case's own rate gives.

use crate::cashflow::compound;
use crate::error::{FinanceError, check_finite, check_rate, check_values, finite, num};

/// The UK Green Book's social time preference rate, real, by the year a flow falls in: each
/// band is `(last year of the band, rate)`. HM Treasury, *The Green Book* (2022), Annex A6
/// (chapter 6 of the 2026 edition): 3.5 % for years 0–30, 3.0 % for 31–75, 2.5 % for 76–125,
/// 2.0 % for 126–200, 1.5 % for 201–300, 1.0 % beyond.
pub const GREEN_BOOK_BANDS: [(u32, f64); 6] =
    [(30, 0.035), (75, 0.030), (125, 0.025), (200, 0.020), (300, 0.015), (u32::MAX, 0.010)];

/// The Green Book rate of year `t`: the rate that discounts a flow of year `t` from year `t − 1`.
/// Year 30 is still discounted at 3.5 % and year 31 is the first at 3.0 %, as the Green Book's
/// own table of factors does (year 30: 0.3563; year 31: 0.3563 / 1.03 = 0.3459).
pub fn green_book_rate(t: u32) -> f64 {
    GREEN_BOOK_BANDS.iter().find(|(last, _)| t <= *last).map_or(0.010, |(_, rate)| *rate)
}

/// A discount rate for each year of an appraisal: `rates[t − 1]` discounts year `t` from year
/// `t − 1`. Year 0 (the upfront column) is never discounted.
#[derive(Debug, Clone, PartialEq)]
pub struct DiscountSchedule {
    rates: Vec<f64>,
}

impl DiscountSchedule {
    /// The longest schedule: a thousand years, far past any appraisal and the Green Book's last
    /// band, so that no loop runs over a count taken from the input unbounded.
    pub const MAX_YEARS: usize = 1_000;

    /// One rate for every year `1..=years`.
    pub fn flat(rate: f64, years: usize) -> Result<DiscountSchedule, FinanceError> {
        check_rate(rate, "rate")?;
        check_years(years)?;
        Ok(DiscountSchedule { rates: vec![rate; years] })
    }

    /// A rate typed for each year: `rates[0]` for year 1, `rates[1]` for year 2… Each is above
    /// −100 %.
    pub fn per_year(rates: Vec<f64>) -> Result<DiscountSchedule, FinanceError> {
        check_years(rates.len())?;
        for (k, rate) in rates.iter().enumerate() {
            check_rate(*rate, &format!("rates[{k}] (year {})", k + 1))?;
        }
        Ok(DiscountSchedule { rates })
    }

    /// The Green Book's declining schedule for years `1..=years` ([`green_book_rate`]).
    pub fn green_book(years: usize) -> Result<DiscountSchedule, FinanceError> {
        check_years(years)?;
        let rates = (1..=years).map(|t| green_book_rate(u32::try_from(t).unwrap_or(u32::MAX))).collect();
        Ok(DiscountSchedule { rates })
    }

    /// How many years the schedule covers.
    pub fn years(&self) -> usize {
        self.rates.len()
    }

    /// The rate of year `t` (from 1), or `None` past the schedule or at year 0.
    pub fn rate(&self, t: usize) -> Option<f64> {
        t.checked_sub(1).and_then(|k| self.rates.get(k)).copied()
    }

    /// Every rate, year 1 first.
    pub fn rates(&self) -> &[f64] {
        &self.rates
    }

    /// The discount factors `DF_0 … DF_n`: `DF_0 = 1` and `DF_t = DF_(t−1) / (1 + r_t)`, computed
    /// within each run of equal rates as `DF_s / (1 + r)^(t − s)` (see the module's
    /// documentation).
    pub fn factors(&self) -> Vec<f64> {
        self.divisors().iter().map(|d| 1.0 / d).collect()
    }

    /// What each year's amount is divided by, `1 / DF_t`: `1` at t = 0, then within each run of
    /// equal rates starting after year `s`, `(1/DF_s) × (1 + r)^(t − s)`. Dividing (as the
    /// spreadsheet's NPV does) rather than multiplying by a factor keeps a flat schedule's
    /// present value equal to `v0 + NPV(rate, v1…vn)` to the last bit.
    pub fn divisors(&self) -> Vec<f64> {
        let mut out = Vec::with_capacity(self.rates.len() + 1);
        out.push(1.0);
        let (mut start, mut base) = (0usize, 1.0f64);
        for (k, rate) in self.rates.iter().enumerate() {
            // A new run starts where the rate changes; its base is the divisor before it.
            if k > 0 && self.rates[k - 1].to_bits() != rate.to_bits() {
                start = k;
                base = out[k];
            }
            out.push(base * compound(*rate, (k + 1 - start) as f64));
        }
        out
    }

    /// The present value of `flows`, the first at t = 0 (undiscounted), the one at index `t` at
    /// the end of year `t`: `v0 + Σ v_t / (1/DF_t)`, summed as a spreadsheet's
    /// `=B1 + NPV(rate, C1:…)` is. The schedule must cover every year of the flow.
    pub fn present_value(&self, flows: &[f64]) -> Result<f64, FinanceError> {
        check_values(flows, "flows")?;
        if flows.len() > self.rates.len() + 1 {
            return Err(FinanceError::Value(format!(
                "flows run {} years but the schedule covers {}",
                flows.len() - 1,
                self.rates.len()
            )));
        }
        let divisors = self.divisors();
        let later: f64 = flows.iter().zip(&divisors).skip(1).map(|(v, d)| v / d).sum();
        finite(flows[0] + later, "the present value")
    }

    /// The same schedule in nominal terms: `n_t = (1 + r_t)(1 + i_t) − 1` for each year.
    pub fn to_nominal(&self, inflation: &Inflation) -> Result<DiscountSchedule, FinanceError> {
        let rates = (1..=self.rates.len())
            .map(|t| nominal_rate(self.rates[t - 1], inflation.rate(t)?))
            .collect::<Result<Vec<_>, _>>()?;
        DiscountSchedule::per_year(rates)
    }

    /// The same schedule in real terms: `r_t = (1 + n_t) / (1 + i_t) − 1` for each year.
    pub fn to_real(&self, inflation: &Inflation) -> Result<DiscountSchedule, FinanceError> {
        let rates = (1..=self.rates.len())
            .map(|t| real_rate(self.rates[t - 1], inflation.rate(t)?))
            .collect::<Result<Vec<_>, _>>()?;
        DiscountSchedule::per_year(rates)
    }
}

fn check_years(years: usize) -> Result<(), FinanceError> {
    if years > DiscountSchedule::MAX_YEARS {
        return Err(num(format!("a schedule covers at most {} years, not {years}", DiscountSchedule::MAX_YEARS)));
    }
    Ok(())
}

/// One row of a table of rates by maturity: the rate for an appraisal lasting `years`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Maturity {
    /// The maturity in years (OMB's are 3, 5, 7, 10, 20 and 30).
    pub years: f64,
    /// The rate at that maturity.
    pub rate: f64,
}

/// The rate for an appraisal of `length` years from a table by maturity (OMB Circular A-94,
/// Appendix C), rows in increasing maturity:
/// - at a maturity, its rate;
/// - between two, linear interpolation: `r = r_a + (r_b − r_a) × (length − a) / (b − a)`;
/// - below the shortest maturity, the shortest's rate; above the longest, the longest's rate
///   (Appendix C lets a programme longer than 30 years use the 30-year rate; one shorter than 3
///   years is given the 3-year rate, the nearest the table has, rather than a line extended
///   past its data).
pub fn maturity_rate(table: &[Maturity], length: f64) -> Result<f64, FinanceError> {
    check_finite(length, "length")?;
    let (Some(first), Some(last)) = (table.first(), table.last()) else {
        return Err(FinanceError::Value("the table must have at least one maturity".into()));
    };
    for (k, row) in table.iter().enumerate() {
        check_finite(row.years, &format!("table[{k}].years"))?;
        check_rate(row.rate, &format!("table[{k}].rate"))?;
        if k > 0 && row.years <= table[k - 1].years {
            return Err(num(format!(
                "table[{k}].years: maturities must increase, but {} follows {}",
                row.years,
                table[k - 1].years
            )));
        }
    }
    if length <= first.years {
        return Ok(first.rate);
    }
    if length >= last.years {
        return Ok(last.rate);
    }
    let pair = table.windows(2).find(|w| length <= w[1].years);
    let Some([a, b]) = pair else { return Ok(last.rate) };
    finite(a.rate + (b.rate - a.rate) * (length - a.years) / (b.years - a.years), "the interpolated rate")
}

/// A corporate cost of capital's parts, as fractions (0.04 is 4 %) but `beta` (a plain number)
/// and the weights (any non-negative amounts or shares; they are normalised).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WaccParts {
    /// The risk-free rate (a government bond's yield).
    pub risk_free_rate: f64,
    /// The equity beta.
    pub beta: f64,
    /// The equity risk premium over the risk-free rate.
    pub equity_risk_premium: f64,
    /// The pre-tax cost of debt.
    pub cost_of_debt: f64,
    /// The tax rate on profits, which interest reduces.
    pub tax_rate: f64,
    /// Equity's weight (its market value or share).
    pub equity_weight: f64,
    /// Debt's weight.
    pub debt_weight: f64,
}

/// A weighted average cost of capital and each of its parts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Wacc {
    /// `risk_free_rate + beta × equity_risk_premium` (CAPM).
    pub cost_of_equity: f64,
    /// `cost_of_debt × (1 − tax_rate)`.
    pub after_tax_cost_of_debt: f64,
    /// `E / (E + D)`.
    pub equity_share: f64,
    /// `D / (E + D)`.
    pub debt_share: f64,
    /// `E/(E+D) × cost of equity + D/(E+D) × after-tax cost of debt`.
    pub rate: f64,
}

/// The WACC from its parts (see [`Wacc`] for each formula).
pub fn wacc(p: &WaccParts) -> Result<Wacc, FinanceError> {
    for (value, name) in [
        (p.risk_free_rate, "risk_free_rate"),
        (p.beta, "beta"),
        (p.equity_risk_premium, "equity_risk_premium"),
        (p.cost_of_debt, "cost_of_debt"),
        (p.tax_rate, "tax_rate"),
        (p.equity_weight, "equity_weight"),
        (p.debt_weight, "debt_weight"),
    ] {
        check_finite(value, name)?;
    }
    if !(0.0..1.0).contains(&p.tax_rate) {
        return Err(num(format!("tax_rate must be from 0 to below 1 (100 %), not {}", p.tax_rate)));
    }
    if p.equity_weight < 0.0 || p.debt_weight < 0.0 {
        return Err(num("equity_weight and debt_weight must not be negative"));
    }
    let total = p.equity_weight + p.debt_weight;
    if total <= 0.0 {
        return Err(FinanceError::Div0("equity_weight and debt_weight are both zero".into()));
    }
    let cost_of_equity = p.risk_free_rate + p.beta * p.equity_risk_premium;
    let after_tax_cost_of_debt = p.cost_of_debt * (1.0 - p.tax_rate);
    let (equity_share, debt_share) = (p.equity_weight / total, p.debt_weight / total);
    let rate = finite(equity_share * cost_of_equity + debt_share * after_tax_cost_of_debt, "WACC")?;
    check_rate(rate, "the WACC")?;
    Ok(Wacc { cost_of_equity, after_tax_cost_of_debt, equity_share, debt_share, rate })
}

/// Inflation over an appraisal: one rate every year, or a rate per year (`rates[0]` for year 1,
/// the year from t = 0 to t = 1).
#[derive(Debug, Clone, PartialEq)]
pub enum Inflation {
    /// The same rate every year.
    Flat(f64),
    /// A rate for each year, year 1 first.
    PerYear(Vec<f64>),
}

impl Inflation {
    /// The inflation of year `t` (from 1).
    pub fn rate(&self, t: usize) -> Result<f64, FinanceError> {
        let rate = match self {
            Inflation::Flat(rate) => *rate,
            Inflation::PerYear(rates) => match t.checked_sub(1).and_then(|k| rates.get(k)) {
                Some(rate) => *rate,
                None => {
                    return Err(FinanceError::Value(format!(
                        "the inflation series covers years 1 to {}; year {t} has no rate",
                        rates.len()
                    )));
                }
            },
        };
        check_rate(rate, &format!("inflation in year {t}"))?;
        Ok(rate)
    }

    /// The cumulative price index `I_0 … I_years`: `I_0 = 1`, `I_t = I_(t−1) × (1 + i_t)`.
    pub fn index(&self, years: usize) -> Result<Vec<f64>, FinanceError> {
        check_years(years)?;
        let mut out = Vec::with_capacity(years + 1);
        out.push(1.0);
        for t in 1..=years {
            let next = finite(out[t - 1] * (1.0 + self.rate(t)?), "the price index")?;
            out.push(next);
        }
        Ok(out)
    }
}

/// The real rate of a nominal rate: `(1 + n) / (1 + i) − 1` (Fisher).
pub fn real_rate(nominal: f64, inflation: f64) -> Result<f64, FinanceError> {
    check_rate(nominal, "the nominal rate")?;
    check_rate(inflation, "inflation")?;
    finite((1.0 + nominal) / (1.0 + inflation) - 1.0, "the real rate")
}

/// The nominal rate of a real rate: `(1 + r)(1 + i) − 1` (Fisher).
pub fn nominal_rate(real: f64, inflation: f64) -> Result<f64, FinanceError> {
    check_rate(real, "the real rate")?;
    check_rate(inflation, "inflation")?;
    finite((1.0 + real) * (1.0 + inflation) - 1.0, "the nominal rate")
}

/// Flows in real terms (prices of t = 0) made nominal: `nominal_t = real_t × I_t`.
pub fn to_nominal(real: &[f64], inflation: &Inflation) -> Result<Vec<f64>, FinanceError> {
    check_values(real, "flows")?;
    let index = inflation.index(real.len() - 1)?;
    real.iter().zip(&index).map(|(v, i)| finite(v * i, "a nominal flow")).collect()
}

/// Nominal flows made real (prices of t = 0): `real_t = nominal_t / I_t`.
pub fn to_real(nominal: &[f64], inflation: &Inflation) -> Result<Vec<f64>, FinanceError> {
    check_values(nominal, "flows")?;
    let index = inflation.index(nominal.len() - 1)?;
    nominal.iter().zip(&index).map(|(v, i)| finite(v / i, "a real flow")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::npv;
    use proptest::prelude::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-12 * a.abs().max(b.abs()).max(1.0)
    }

    /// The Green Book's factors on either side of its first two kinks, against arithmetic done by
    /// hand (to 13 significant digits) rather than against the code's own formula.
    #[test]
    fn green_book_factors_at_the_kinks() {
        let df = DiscountSchedule::green_book(80).expect("schedule").factors();
        let check = |t: usize, expected: f64| {
            assert!((df[t] - expected).abs() < 1e-12, "DF_{t} = {}, expected {expected}", df[t]);
        };
        // Years 1–30 at 3.5 %, DF_t = 1 / 1.035^t:
        //   1.035^9 = 1.362897353257, 1.035^20 = 1.989788863466,
        //   1.035^29 = 1.989788863466 × 1.362897353257 = 2.711877975558,
        //   DF_29 = 1 / 2.711877975558 = 0.3687481549734;
        check(29, 0.368_748_154_973_4);
        //   DF_30 = 0.3687481549734 / 1.035 = 0.3562784106023 (the Green Book's table: 0.3563).
        check(30, 0.356_278_410_602_3);
        // Year 31 is the first at 3.0 %:
        //   DF_31 = 0.3562784106023 / 1.03 = 0.3459013695168 (the table: 0.3459);
        check(31, 0.345_901_369_516_8);
        //   DF_32 = 0.3459013695168 / 1.03 = 0.3358265723464.
        check(32, 0.335_826_572_346_4);
        // Years 31–75 at 3.0 %, DF_t = DF_30 / 1.03^(t − 30):
        //   1.03^4 = 1.12550881, 1.03^40 = 3.262037791999, 1.03^44 = 3.262037791999 × 1.12550881
        //   = 3.671452273448, DF_74 = 0.3562784106023 / 3.671452273448 = 0.09704018575399;
        check(74, 0.097_040_185_753_99);
        //   DF_75 = 0.09704018575399 / 1.03 = 0.09421377257669.
        check(75, 0.094_213_772_576_69);
        // Year 76 is the first at 2.5 %:
        //   DF_76 = 0.09421377257669 / 1.025 = 0.09191587568458;
        check(76, 0.091_915_875_684_58);
        //   DF_77 = 0.09191587568458 / 1.025 = 0.08967402505812.
        check(77, 0.089_674_025_058_12);
    }

    #[test]
    fn green_book_bands() {
        for (t, rate) in [(0, 0.035), (1, 0.035), (30, 0.035), (31, 0.03), (75, 0.03), (76, 0.025), (125, 0.025)] {
            assert_eq!(green_book_rate(t), rate, "year {t}");
        }
        for (t, rate) in [(126, 0.02), (200, 0.02), (201, 0.015), (300, 0.015), (301, 0.01), (u32::MAX, 0.01)] {
            assert_eq!(green_book_rate(t), rate, "year {t}");
        }
    }

    /// A flat schedule's factors are the spreadsheet's, bit for bit, so its present value is
    /// `v0 + NPV(rate, v1…vn)` to the last bit.
    #[test]
    fn a_flat_schedule_is_the_spreadsheet_npv() {
        let flows = [-1_000_000.0, 250_000.0, 300_000.0, 325_000.0, 350_000.0, 400_000.0];
        let schedule = DiscountSchedule::flat(0.06, 5).expect("flat");
        for (t, f) in schedule.factors().iter().enumerate() {
            assert_eq!(f.to_bits(), crate::discount_factor(0.06, t as f64).to_bits(), "t = {t}");
        }
        let pv = schedule.present_value(&flows).expect("pv");
        assert_eq!(pv, flows[0] + npv(0.06, &flows[1..]).expect("npv"));
    }

    #[test]
    fn typed_schedules_chain() {
        let s = DiscountSchedule::per_year(vec![0.05, 0.04, 0.04]).expect("typed");
        let df = s.factors();
        assert!(close(df[1], 1.0 / 1.05));
        assert!(close(df[2], 1.0 / 1.05 / 1.04));
        assert!(close(df[3], 1.0 / 1.05 / 1.04 / 1.04));
        assert_eq!(s.rate(0), None);
        assert_eq!(s.rate(2), Some(0.04));
        assert_eq!(s.rate(4), None);
        let err = DiscountSchedule::per_year(vec![0.05, -1.0]).expect_err("−100 %");
        assert_eq!(err.to_string(), "#NUM!: rates[1] (year 2) must be greater than -1 (-100 %), not -1");
        let err = s.present_value(&[1.0; 5]).expect_err("too long");
        assert_eq!(err.to_string(), "#VALUE!: flows run 4 years but the schedule covers 3");
        assert!(DiscountSchedule::flat(0.05, DiscountSchedule::MAX_YEARS + 1).is_err());
    }

    /// OMB Circular A-94 Appendix C style table (the figures are made up for the test, not a year's).
    fn a94() -> Vec<Maturity> {
        [(3.0, 0.024), (5.0, 0.025), (7.0, 0.026), (10.0, 0.027), (20.0, 0.028), (30.0, 0.031)]
            .map(|(years, rate)| Maturity { years, rate })
            .to_vec()
    }

    #[test]
    fn a94_interpolation() {
        let table = a94();
        let check = |length: f64, expected: f64| {
            let got = maturity_rate(&table, length).expect("rate");
            assert!((got - expected).abs() < 1e-15, "{length} years: {got}, expected {expected}");
        };
        // At each maturity, its own rate.
        for row in &table {
            check(row.years, row.rate);
        }
        // 4 years: halfway between 3 (2.4 %) and 5 (2.5 %): 2.45 %.
        check(4.0, 0.0245);
        // 8 years: a third of the way from 7 (2.6 %) to 10 (2.7 %): 2.6 + 0.1/3 = 2.63333… %.
        check(8.0, 0.026 + 0.001 / 3.0);
        // 25 years: halfway from 20 (2.8 %) to 30 (3.1 %): 2.95 %.
        check(25.0, 0.0295);
        // Below 3 years the 3-year rate; beyond 30 the 30-year rate.
        check(1.0, 0.024);
        check(45.0, 0.031);
        let err = maturity_rate(&[], 5.0).expect_err("empty");
        assert_eq!(err.code(), "#VALUE!");
        let mut bad = a94();
        bad.swap(1, 2);
        let err = maturity_rate(&bad, 5.0).expect_err("out of order");
        assert_eq!(err.to_string(), "#NUM!: table[2].years: maturities must increase, but 5 follows 7");
    }

    /// A worked example: risk-free 4 %, beta 1.2, premium 5 % → cost of equity 4 + 1.2 × 5 = 10 %;
    /// debt 6 % at 25 % tax → 6 × 0.75 = 4.5 %; weights 60 : 40 → 0.6 × 10 + 0.4 × 4.5 = 7.8 %.
    #[test]
    fn wacc_worked_example() {
        let parts = WaccParts {
            risk_free_rate: 0.04,
            beta: 1.2,
            equity_risk_premium: 0.05,
            cost_of_debt: 0.06,
            tax_rate: 0.25,
            equity_weight: 60.0,
            debt_weight: 40.0,
        };
        let w = wacc(&parts).expect("wacc");
        assert!(close(w.cost_of_equity, 0.10));
        assert!(close(w.after_tax_cost_of_debt, 0.045));
        assert!(close(w.equity_share, 0.6));
        assert!(close(w.debt_share, 0.4));
        assert!(close(w.rate, 0.078), "{}", w.rate);
        let none = WaccParts { equity_weight: 0.0, debt_weight: 0.0, ..parts };
        assert_eq!(wacc(&none).expect_err("no weights").code(), "#DIV/0!");
        let taxed = WaccParts { tax_rate: 1.0, ..parts };
        assert_eq!(wacc(&taxed).expect_err("100 % tax").code(), "#NUM!");
    }

    /// Fisher by hand: 3.5 % real at 2 % inflation is 1.035 × 1.02 − 1 = 5.57 % nominal.
    #[test]
    fn fisher_by_hand() {
        assert!(close(nominal_rate(0.035, 0.02).expect("n"), 0.0557));
        assert!(close(real_rate(0.0557, 0.02).expect("r"), 0.035));
        let index = Inflation::PerYear(vec![0.02, 0.03]).index(2).expect("index");
        assert!(close(index[2], 1.02 * 1.03));
        let err = Inflation::PerYear(vec![0.02]).index(2).expect_err("short");
        assert_eq!(err.to_string(), "#VALUE!: the inflation series covers years 1 to 1; year 2 has no rate");
    }

    proptest! {
        /// Real flows made nominal and back are the flows again; and discounting real flows at
        /// real rates gives the same present value as nominal flows at the Fisher nominal rates.
        #[test]
        fn nominal_real_round_trip(
            flows in proptest::collection::vec(-1e7f64..1e7, 1..40),
            inflation in proptest::collection::vec(-0.05f64..0.2, 40),
            real in -0.02f64..0.1,
        ) {
            let years = flows.len() - 1;
            let series = Inflation::PerYear(inflation[..years.max(1)].to_vec());
            let nominal = to_nominal(&flows, &series).expect("nominal");
            let back = to_real(&nominal, &series).expect("real");
            for (a, b) in flows.iter().zip(&back) {
                prop_assert!((a - b).abs() <= 1e-9 * a.abs().max(1.0), "{a} vs {b}");
            }
            let real_schedule = DiscountSchedule::flat(real, years).expect("flat");
            let nominal_schedule = real_schedule.to_nominal(&series).expect("nominal rates");
            let pv_real = real_schedule.present_value(&flows).expect("pv");
            let pv_nominal = nominal_schedule.present_value(&nominal).expect("pv");
            let scale = flows.iter().map(|v| v.abs()).sum::<f64>().max(1.0);
            prop_assert!((pv_real - pv_nominal).abs() <= 1e-9 * scale, "{pv_real} vs {pv_nominal}");
            let again = nominal_schedule.to_real(&series).expect("real rates");
            for (a, b) in real_schedule.rates().iter().zip(again.rates()) {
                prop_assert!((a - b).abs() <= 1e-14, "{a} vs {b}");
            }
        }
    }
}

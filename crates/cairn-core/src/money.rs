//! Money: an exact decimal amount in one ISO 4217 currency.
//!
//! Amounts are `rust_decimal::Decimal`, never `f64`, so that sums reconcile to the cent with a
//! ledger. Arithmetic is checked: mixing currencies, overflow and division by zero are errors,
//! not silent results or panics. Rounding only happens when a caller asks for it, with the mode
//! named.
//!
//! [`to_f64`] is the one place an exact decimal becomes an `f64` (for the spreadsheet functions
//! of `cairn-finance`, the decision matrix, charts), and it says when it cannot.

use std::fmt;
use std::str::FromStr;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An ISO 4217 currency, serialised as its three-letter code (`"USD"`).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency(iso_currency::Currency);

impl Currency {
    /// US dollar, the default for new plans.
    pub const USD: Currency = Currency(iso_currency::Currency::USD);

    /// Looks a currency up by its code; codes are upper case, as ISO 4217 writes them.
    pub fn from_code(code: &str) -> Option<Currency> {
        iso_currency::Currency::from_code(code).map(Currency)
    }

    /// Every ISO 4217 currency.
    pub fn all() -> impl Iterator<Item = Currency> {
        use iso_currency::IntoEnumIterator;
        iso_currency::Currency::iter().map(Currency)
    }

    /// The three-letter code, e.g. `"EUR"`.
    pub fn code(self) -> &'static str {
        self.0.code()
    }

    /// The currency's English name, e.g. `"Euro"`.
    pub fn name(self) -> String {
        self.0.name().to_owned()
    }

    /// Digits after the decimal point in ordinary use (2 for USD, 0 for JPY). Currencies without
    /// a defined minor unit (gold, special drawing rights) are treated as having 2.
    pub fn minor_digits(self) -> u32 {
        self.0.exponent().map_or(2, u32::from)
    }
}

impl fmt::Debug for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Currency {
    type Err = MoneyError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Currency::from_code(s).ok_or_else(|| MoneyError::UnknownCurrency(s.to_owned()))
    }
}

impl Serialize for Currency {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Currency {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let code = String::deserialize(d)?;
        code.parse().map_err(serde::de::Error::custom)
    }
}

/// Why a money operation could not be carried out.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    /// The code is not an ISO 4217 currency.
    #[error("unknown currency code \"{0}\" (expected an ISO 4217 code such as USD, EUR or GBP)")]
    UnknownCurrency(String),
    /// Two amounts in different currencies were combined.
    #[error("cannot combine {0} and {1} amounts without an exchange rate")]
    CurrencyMismatch(Currency, Currency),
    /// The result does not fit in a decimal (about 7.9e28).
    #[error("amount too large: the result overflows")]
    Overflow,
    /// A division by zero was asked for.
    #[error("division by zero")]
    DivisionByZero,
}

/// Why an exact decimal has no `f64`: the nearest double would not be a finite number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{0} is too large to compute with")]
pub struct ToF64Error(pub Decimal);

/// The one conversion of an exact decimal (an amount, a rate, a weight, a score) to `f64`: the
/// nearest double, as a spreadsheet cell holding the same figure would have. Discounting and
/// root-finding (`cairn-finance`), the decision matrix and charts compute in `f64` from here.
///
/// It fails rather than answering NaN or zero when there is no finite double. No `Decimal`
/// reaches that today (|d| < 7.9 × 10^28, far below `f64::MAX`), but every caller states what
/// it does then: the engines report the field as too large, a chart draws nothing.
pub fn to_f64(value: Decimal) -> Result<f64, ToF64Error> {
    value.to_f64().filter(|v| v.is_finite()).ok_or(ToF64Error(value))
}

/// How to round to a currency's minor unit. Chosen explicitly at every call, because budgets
/// (half away from zero, as people round) and statistics (banker's rounding) differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rounding {
    /// 2.345 → 2.35, −2.345 → −2.35: what spreadsheets' ROUND does.
    HalfAwayFromZero,
    /// Banker's rounding, 2.345 → 2.34, 2.355 → 2.36: unbiased over many sums.
    HalfEven,
}

impl Rounding {
    fn strategy(self) -> RoundingStrategy {
        match self {
            Rounding::HalfAwayFromZero => RoundingStrategy::MidpointAwayFromZero,
            Rounding::HalfEven => RoundingStrategy::MidpointNearestEven,
        }
    }
}

/// An amount of money in one currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Money {
    /// The exact amount.
    pub amount: Decimal,
    /// Its currency.
    pub currency: Currency,
}

impl Money {
    /// An amount in a currency.
    pub fn new(amount: Decimal, currency: Currency) -> Money {
        Money { amount, currency }
    }

    /// Zero in a currency.
    pub fn zero(currency: Currency) -> Money {
        Money::new(Decimal::ZERO, currency)
    }

    fn same_currency(self, other: Money) -> Result<(), MoneyError> {
        if self.currency == other.currency {
            Ok(())
        } else {
            Err(MoneyError::CurrencyMismatch(self.currency, other.currency))
        }
    }

    /// `self + other`; both must be in the same currency.
    pub fn checked_add(self, other: Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        let amount = self.amount.checked_add(other.amount).ok_or(MoneyError::Overflow)?;
        Ok(Money::new(amount, self.currency))
    }

    /// `self − other`; both must be in the same currency.
    pub fn checked_sub(self, other: Money) -> Result<Money, MoneyError> {
        self.same_currency(other)?;
        let amount = self.amount.checked_sub(other.amount).ok_or(MoneyError::Overflow)?;
        Ok(Money::new(amount, self.currency))
    }

    /// `self × factor`, e.g. an escalation rate or a share.
    pub fn checked_mul(self, factor: Decimal) -> Result<Money, MoneyError> {
        let amount = self.amount.checked_mul(factor).ok_or(MoneyError::Overflow)?;
        Ok(Money::new(amount, self.currency))
    }

    /// `self ÷ divisor`.
    pub fn checked_div(self, divisor: Decimal) -> Result<Money, MoneyError> {
        if divisor.is_zero() {
            return Err(MoneyError::DivisionByZero);
        }
        let amount = self.amount.checked_div(divisor).ok_or(MoneyError::Overflow)?;
        Ok(Money::new(amount, self.currency))
    }

    /// The sum of amounts, all in `currency`; an empty list sums to zero.
    pub fn sum(currency: Currency, items: impl IntoIterator<Item = Money>) -> Result<Money, MoneyError> {
        items.into_iter().try_fold(Money::zero(currency), Money::checked_add)
    }

    /// Rounded to the currency's minor unit with the given mode.
    pub fn round(self, rounding: Rounding) -> Money {
        let amount = self.amount.round_dp_with_strategy(self.currency.minor_digits(), rounding.strategy());
        Money::new(amount, self.currency)
    }
}

impl fmt::Display for Money {
    /// `USD 1,234.50`-style text is the UI's job; this is the plain `1234.50 USD` of logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.amount, self.currency)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    fn usd(s: &str) -> Money {
        Money::new(s.parse().expect("test amount"), Currency::USD)
    }

    #[test]
    fn mixing_currencies_is_an_error() {
        let eur = Money::new(dec!(1), Currency::from_code("EUR").expect("EUR"));
        assert!(matches!(usd("1").checked_add(eur), Err(MoneyError::CurrencyMismatch(..))));
    }

    #[test]
    fn overflow_and_division_by_zero_are_errors() {
        let max = Money::new(Decimal::MAX, Currency::USD);
        assert_eq!(max.checked_add(usd("1")), Err(MoneyError::Overflow));
        assert_eq!(usd("1").checked_div(Decimal::ZERO), Err(MoneyError::DivisionByZero));
    }

    #[test]
    fn rounding_is_explicit() {
        assert_eq!(usd("2.345").round(Rounding::HalfAwayFromZero), usd("2.35"));
        assert_eq!(usd("2.345").round(Rounding::HalfEven), usd("2.34"));
        let yen = Money::new(dec!(10.5), Currency::from_code("JPY").expect("JPY"));
        assert_eq!(yen.round(Rounding::HalfAwayFromZero).amount, dec!(11));
    }

    #[test]
    fn every_decimal_has_an_f64() {
        assert_eq!(to_f64(dec!(1250000.5)), Ok(1_250_000.5));
        assert_eq!(to_f64(dec!(-0.055)), Ok(-0.055));
        assert!(to_f64(Decimal::MAX).is_ok_and(f64::is_finite));
        assert!(to_f64(Decimal::MIN).is_ok_and(f64::is_finite));
    }

    #[test]
    fn unknown_currency_is_named() {
        let err = "XYZ".parse::<Currency>().expect_err("not a currency");
        assert!(err.to_string().contains("\"XYZ\""));
    }
}

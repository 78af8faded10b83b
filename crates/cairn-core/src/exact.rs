//! Decimals read digit for digit, or refused.
//!
//! Every amount, rate, share and FTE figure in a plan is a `rust_decimal::Decimal`. Its own
//! `Deserialize` is lenient in two ways that lose money silently: a string with more digits than
//! a decimal holds (28 after the point, about 28 in all) is rounded, and a JSON number with a
//! fraction reaches it through `f64` (`123456789012.3456789` becomes `123456789012.34567`). The
//! functions here are used instead (`#[serde(deserialize_with = "crate::exact::decimal")]` on every
//! decimal field of the plan model), so a value is either kept exactly or refused with a reason:
//!
//! - a string of the form `-?[0-9]+(\.[0-9]+)?` (as `docs/schema/plan.schema.json` says) that a
//!   decimal holds exactly;
//! - a JSON integer that fits 64 bits (the JSON parser hands it over exactly);
//! - never a JSON number with a fraction, an exponent or beyond 64 bits: the parser has already
//!   turned it into binary floating point, so its digits cannot be trusted. The message says to
//!   write it as a string.

use std::fmt;

use rust_decimal::Decimal;
use serde::Deserializer;
use serde::de::{self, Visitor};

/// Why `text` is not a decimal Cairn keeps exactly, or the decimal.
pub fn parse_exact(text: &str) -> Result<Decimal, String> {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (unsigned, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(whole) || !fraction.is_none_or(all_digits) {
        return Err(format!(
            "{} is not a decimal number: write digits with an optional '-' and '.', e.g. \"1250000.50\" or \"0.035\"",
            quoted(text)
        ));
    }
    Decimal::from_str_exact(text).map_err(|_| {
        format!(
            "{} has more digits than Cairn keeps exactly (at most 28 after the decimal point, and at most {} in all)",
            quoted(text),
            Decimal::MAX
        )
    })
}

/// `text` in quotes for a one-line message: control characters escaped, cut after 40 characters.
pub(crate) fn quoted(text: &str) -> String {
    const SHOWN: usize = 40;
    let mut out = String::from("\"");
    for c in text.chars().take(SHOWN) {
        out.extend(c.escape_debug());
    }
    if text.chars().nth(SHOWN).is_some() {
        out.push('…');
    }
    out.push('"');
    out
}

/// Deserialises a decimal exactly (see the module's documentation).
pub fn decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
    d.deserialize_any(ExactDecimal)
}

/// Deserialises an optional decimal exactly; `null` is `None`.
pub fn option_decimal<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Decimal>, D::Error> {
    d.deserialize_option(OptionalExactDecimal)
}

/// Deserialises a list of decimals, each exactly.
pub fn decimals<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Decimal>, D::Error> {
    /// One decimal of a list, read by [`decimal`].
    struct Item(Decimal);
    impl<'de> serde::Deserialize<'de> for Item {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Item, D::Error> {
            decimal(d).map(Item)
        }
    }
    let items: Vec<Item> = serde::Deserialize::deserialize(d)?;
    Ok(items.into_iter().map(|i| i.0).collect())
}

struct ExactDecimal;

impl<'de> Visitor<'de> for ExactDecimal {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal number written as a string, e.g. \"1250000.50\"")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
        parse_exact(v).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
        Ok(Decimal::from(v))
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Decimal, E> {
        Err(E::custom(
            "a JSON number with a fraction or an exponent (or beyond 64-bit integers) is read through binary \
             floating point and may lose digits; write the decimal as a string, e.g. \"123456789012.3456789\"",
        ))
    }
}

struct OptionalExactDecimal;

impl<'de> Visitor<'de> for OptionalExactDecimal {
    type Value = Option<Decimal>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("null or a decimal number written as a string, e.g. \"0.03\"")
    }

    fn visit_none<E: de::Error>(self) -> Result<Option<Decimal>, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Option<Decimal>, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Option<Decimal>, D::Error> {
        decimal(d).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn keeps_every_digit_or_refuses() {
        assert_eq!(parse_exact("1250000.50"), Ok(dec!(1250000.50)));
        assert_eq!(parse_exact("1250000.50").map(|d| d.to_string()), Ok("1250000.50".to_owned()));
        assert_eq!(parse_exact("-0.035"), Ok(dec!(-0.035)));
        assert_eq!(parse_exact("0.1234567890123456789012345678"), Ok(dec!(0.1234567890123456789012345678)));
        assert_eq!(parse_exact(&Decimal::MAX.to_string()), Ok(Decimal::MAX));
        for too_precise in [
            "0.1234567890123456789012345678901234567890",
            "0.12345678901234567890123456789",
            "79228162514264337593543950336",
            "123456789012345678901234567890.5",
        ] {
            let err = parse_exact(too_precise).expect_err(too_precise);
            assert!(err.contains("more digits than Cairn keeps exactly"), "{err}");
        }
        for not_decimal in ["", "-", ".5", "5.", "1e3", "+1", " 1", "1_000", "1,000", "NaN", "0x10", "1.2.3", "--1"] {
            let err = parse_exact(not_decimal).expect_err(not_decimal);
            assert!(err.contains("is not a decimal number"), "{not_decimal:?}: {err}");
        }
    }

    #[test]
    fn messages_stay_on_one_short_line() {
        let err = parse_exact(&format!("1\n{}", "x".repeat(10_000))).expect_err("not a decimal");
        assert!(!err.contains('\n'), "{err}");
        assert!(err.len() < 200, "{err}");
    }

    #[derive(Debug, serde::Deserialize)]
    struct Row {
        #[serde(deserialize_with = "decimal")]
        amount: Decimal,
        #[serde(default, deserialize_with = "option_decimal")]
        rate: Option<Decimal>,
    }

    fn row(json: &str) -> Result<Row, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn json_numbers_are_exact_integers_or_refused() {
        assert_eq!(row(r#"{"amount": 10000000}"#).map(|r| r.amount), Ok(dec!(10000000)));
        assert_eq!(row(r#"{"amount": -5}"#).map(|r| r.amount), Ok(dec!(-5)));
        assert_eq!(row(r#"{"amount": "5", "rate": null}"#).map(|r| r.rate), Ok(None));
        assert_eq!(row(r#"{"amount": "5", "rate": "0.03"}"#).map(|r| r.rate), Ok(Some(dec!(0.03))));
        assert_eq!(row(r#"{"amount": "5"}"#).map(|r| r.rate), Ok(None));
        for lossy in ["123456789012.3456789", "1e3", "0.5", "100000000000000000000000"] {
            let err = row(&format!(r#"{{"amount": {lossy}}}"#)).expect_err(lossy);
            assert!(err.contains("write the decimal as a string"), "{lossy}: {err}");
            let err = row(&format!(r#"{{"amount": "1", "rate": {lossy}}}"#)).expect_err(lossy);
            assert!(err.contains("write the decimal as a string"), "{lossy}: {err}");
        }
        assert!(row(r#"{"amount": true}"#).expect_err("bool").contains("a decimal number written as a string"));
    }
}

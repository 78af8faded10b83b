//! The wire codec: how ids, months, percentages, amounts and plain numbers travel as text
//! between the UI (or the CLI) and the use cases, both ways. Every use case reads and writes
//! them here, so a field reads, and fails, the same wherever it appears.
//!
//! Decimals go out as their exact digits, trailing zeros dropped ("1250000", "5.5"); a fraction
//! goes out in percent ("5.5" for 0.055) and comes back as typed ("5.5", "5.5 %").

use std::str::FromStr;

use cairn_core::{Id, YearMonth};
use rust_decimal::Decimal;

use crate::ApiError;

/// An id as typed or sent back: surrounding spaces dropped, then checked.
pub(crate) fn parse_id(text: &str, field: &str) -> Result<Id, ApiError> {
    Id::new(text.trim()).map_err(|e| ApiError::invalid(field, e.to_string()))
}

/// Parses "YYYY-MM", naming the field; the message says what is wrong ("month must be between
/// 1 and 12, not 13") or how to write one ("… write it as YYYY-MM, e.g. 2026-07").
pub fn parse_month(text: &str, field: &str) -> Result<YearMonth, ApiError> {
    text.trim().parse().map_err(|e: cairn_core::CalendarError| ApiError::invalid(field, e.to_string()))
}

/// Parses an amount as people type or paste it: "1,250,000", "1 250 000.50", "-300", "(300)",
/// "$1,200"; empty is zero.
pub fn parse_amount(text: &str, field: &str) -> Result<Decimal, ApiError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(Decimal::ZERO);
    }
    let (negative, inner) = match t.strip_prefix('(').and_then(|s| s.strip_suffix(')')) {
        Some(inner) => (true, inner.trim()),
        None => (false, t),
    };
    let cleaned: String = inner
        .chars()
        .filter(|c| !matches!(c, ',' | ' ' | '\u{a0}' | '\u{202f}' | '\'' | '$' | '€' | '£' | '¥'))
        .collect();
    let bad = || ApiError::invalid(field, format!("\"{text}\" is not an amount (e.g. 1,250,000 or 1250000.50)"));
    if cleaned.is_empty() || cleaned.contains(['e', 'E']) {
        return Err(bad());
    }
    let value = Decimal::from_str(&cleaned).map_err(|_| bad())?;
    Ok(if negative { -value } else { value })
}

/// The number of a percentage as typed: "6", "6.5 %", "-1" → 6, 6.5, −1.
fn percent_points(text: &str) -> Option<Decimal> {
    let t = text.trim().trim_end_matches('%').trim();
    if t.is_empty() || t.contains(['e', 'E']) {
        return None;
    }
    Decimal::from_str(t).ok()
}

/// Parses a percentage ("6", "6.5 %", "-1") into a fraction (0.06).
pub fn parse_percent(text: &str, field: &str) -> Result<Decimal, ApiError> {
    let bad = || ApiError::invalid(field, format!("\"{text}\" is not a percentage (e.g. 6 or 3.5)"));
    percent_points(text).ok_or_else(bad)?.checked_div(Decimal::ONE_HUNDRED).ok_or_else(bad)
}

/// Parses a percentage kept in percent, as an uncertainty's "% of plan" is ("80", "120 %").
pub(crate) fn parse_percent_of_plan(text: &str, field: &str) -> Result<Decimal, ApiError> {
    percent_points(text).ok_or_else(|| ApiError::invalid(field, format!("\"{text}\" is not a percentage")))
}

/// Parses a number as typed ("7", "7.5", "-12"); `what` says what is expected, e.g. "a score
/// from 1 to 10".
pub(crate) fn parse_number(text: &str, field: &str, what: &str) -> Result<Decimal, ApiError> {
    let t = text.trim();
    if t.contains(['e', 'E']) {
        return Err(ApiError::invalid(field, format!("\"{text}\" is not {what}")));
    }
    Decimal::from_str(t).map_err(|_| ApiError::invalid(field, format!("\"{text}\" is not {what}")))
}

/// A decimal as sent: its exact digits, trailing zeros dropped ("1250000", "2.5").
pub(crate) fn decimal_text(value: Decimal) -> String {
    value.normalize().to_string()
}

/// A fraction as sent, in percent: 0.055 → "5.5".
pub(crate) fn percent_text(fraction: Decimal) -> String {
    decimal_text(fraction * Decimal::ONE_HUNDRED)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn percentages_and_amounts_read_as_typed() {
        assert_eq!(parse_percent("6.5 %", "f").ok(), Some(dec!(0.065)));
        assert_eq!(parse_percent_of_plan("120 %", "f").ok(), Some(dec!(120)));
        assert!(parse_percent("1e2", "f").is_err());
        assert!(parse_percent_of_plan("", "f").is_err());
        assert_eq!(parse_amount("(1,250)", "f").ok(), Some(dec!(-1250)));
        assert_eq!(percent_text(dec!(0.0550)), "5.5");
        assert_eq!(decimal_text(dec!(1250000.00)), "1250000");
        assert_eq!(parse_number(" 7.5 ", "f", "a score").ok(), Some(dec!(7.5)));
    }

    #[test]
    fn a_bad_month_or_id_names_its_field() {
        let e = parse_month("2026-13", "start").expect_err("month 13");
        assert_eq!(e.field.as_deref(), Some("start"));
        assert_eq!(e.message, "month must be between 1 and 12, not 13");
        assert_eq!(parse_id(" erp ", "case").map(|id| id.to_string()).ok().as_deref(), Some("erp"));
        assert!(parse_id("two words", "case").is_err());
    }
}

//! Numbers as the app writes them (`ui/src/lib/money.ts`, which uses `Intl.NumberFormat` in
//! en-US): "$1,234,567.89", a true minus sign ("−$1,234.00"), "$1.2M" on chart axes,
//! "13.37 %" and "5.97 years". A figure in the pack reads exactly as on screen: these are
//! `cairn_core::text`'s formatters, in the pack's currency.

use rust_decimal::Decimal;

use crate::input::CurrencyFormat;

pub use cairn_core::text::{MINUS, amount, currency_prefix, years};
use cairn_core::text::{Places, compact_money as compact};

/// An amount as the app's `money()`: the currency's minor digits, "−" for negatives, "—" when
/// not a finite number.
pub fn money(value: f64, currency: &CurrencyFormat) -> String {
    cairn_core::text::money(value, &currency.code, currency.minor_digits)
}

/// An exact amount with the currency, rounded to whole units: "$1,250,000".
pub fn money_whole(value: Decimal, currency: &CurrencyFormat) -> String {
    cairn_core::text::money_whole(value, &currency.code)
}

/// "$1.2M" for chart axes, as the app's `compactMoney()`.
pub fn compact_money(value: f64, currency: &CurrencyFormat) -> String {
    compact(value, &currency.code)
}

/// A fraction as the app's `percent()`: 0.1337 → "13.37 %".
pub fn percent(fraction: f64, decimals: u32) -> String {
    cairn_core::text::percent(fraction, Places::Fixed(decimals))
}

/// A decimal as f64 for drawing (charts only; tables print the exact decimal), by
/// `cairn_core::to_f64`; a figure without one (no decimal lacks one) is drawn at zero.
pub(crate) fn chart_value(value: Decimal) -> f64 {
    cairn_core::to_f64(value).unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    fn usd() -> CurrencyFormat {
        CurrencyFormat { code: "USD".into(), minor_digits: 2 }
    }

    #[test]
    fn money_reads_as_in_the_app() {
        let cases: [(f64, &str); 5] = [
            (1_234_567.891, "$1,234,567.89"),
            (-1234.0, "−$1,234.00"),
            (0.0, "$0.00"),
            (-0.001, "$0.00"),
            (999.995, "$1,000.00"),
        ];
        for (value, expected) in cases {
            assert_eq!(money(value, &usd()), expected, "{value}");
        }
        let chf = CurrencyFormat { code: "CHF".into(), minor_digits: 2 };
        assert_eq!(money(12.5, &chf), "CHF 12.50");
        let yen = CurrencyFormat { code: "JPY".into(), minor_digits: 0 };
        assert_eq!(money(1500.4, &yen), "¥1,500");
    }

    #[test]
    fn amounts_compact_percent_and_years() {
        assert_eq!(amount(dec!(1250000.4), 0), "1,250,000");
        assert_eq!(amount(dec!(-2.5), 0), "−3");
        assert_eq!(amount(dec!(0.2), 0), "–");
        assert_eq!(money_whole(dec!(-1250000), &usd()), "−$1,250,000");
        assert_eq!(compact_money(1_234_000.0, &usd()), "$1.2M");
        assert_eq!(compact_money(-950.0, &usd()), "−$950");
        assert_eq!(compact_money(2_000_000.0, &usd()), "$2M");
        assert_eq!(compact_money(999_990.0, &usd()), "$1M");
        assert_eq!(percent(0.1337, 2), "13.37 %");
        assert_eq!(percent(-0.05, 1), "−5.0 %");
        assert_eq!(years(5.968), "5.97 years");
    }
}

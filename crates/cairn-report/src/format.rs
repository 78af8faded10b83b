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

/// One compact money style for every label of a chart: one unit (K, M, B) and one number of
/// decimals, chosen from the chart's axis ticks, so that "$0.50M", "−$0.78M" and "$2.00M" sit
/// side by side instead of "$500K", "−$775.9K" and "$2M".
#[derive(Debug, Clone, PartialEq)]
pub struct ChartMoney {
    prefix: String,
    divisor: f64,
    suffix: &'static str,
    decimals: usize,
}

impl ChartMoney {
    /// The style for a chart whose axis carries `ticks` (equally spaced round values).
    pub fn for_ticks(ticks: &[f64], currency: &CurrencyFormat) -> ChartMoney {
        let top = ticks.iter().filter(|v| v.is_finite()).fold(0.0f64, |m, v| m.max(v.abs()));
        let (divisor, suffix) = if top >= 1e9 {
            (1e9, "B")
        } else if top >= 1e6 {
            (1e6, "M")
        } else if top >= 1e3 {
            (1e3, "K")
        } else {
            (1.0, "")
        };
        let step = ticks.windows(2).map(|w| (w[1] - w[0]).abs()).fold(f64::INFINITY, f64::min);
        // Enough decimals to write each tick exactly (at most two), and one when the step is
        // under ten units, so that a mark between ticks is not rounded to a whole million.
        let decimals = if step.is_finite() && step > 0.0 {
            let units = step / divisor;
            let exact = (0..=2usize).find(|d| (units * 10f64.powi(*d as i32)).fract().abs() < 1e-6).unwrap_or(2);
            if exact == 0 && units < 10.0 { 1 } else { exact }
        } else {
            1
        };
        ChartMoney { prefix: currency_prefix(&currency.code), divisor, suffix, decimals }
    }

    /// A value in this style: "$1.25M", "−$0.50M".
    pub fn format(&self, value: f64) -> String {
        if !value.is_finite() {
            return cairn_core::text::NOT_A_NUMBER.into();
        }
        let digits = format!("{:.*}", self.decimals, (value / self.divisor).abs());
        let zero = digits.chars().all(|c| c == '0' || c == '.');
        cairn_core::text::signed(value < 0.0 && !zero, format!("{}{digits}{}", self.prefix, self.suffix))
    }
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

    #[test]
    fn a_chart_writes_every_amount_in_one_unit_and_one_decimal_rule() {
        let style = ChartMoney::for_ticks(&[-1_000_000.0, 0.0, 1_000_000.0, 2_000_000.0], &usd());
        let texts: Vec<String> = [621_277.96, -775_900.0, 2_000_000.0, 0.0].iter().map(|v| style.format(*v)).collect();
        assert_eq!(texts, ["$0.6M", "−$0.8M", "$2.0M", "$0.0M"]);
        let style = ChartMoney::for_ticks(&[0.0, 250_000.0, 500_000.0, 750_000.0], &usd());
        assert_eq!(style.format(500_000.0), "$500K");
        assert_eq!(style.format(621_277.96), "$621K");
        let style = ChartMoney::for_ticks(&[0.0, 2_500_000.0, 5_000_000.0], &usd());
        assert_eq!(style.format(2_500_000.0), "$2.5M");
        let style = ChartMoney::for_ticks(&[0.0, 250_000.0, 1_000_000.0, 1_250_000.0], &usd());
        assert_eq!(style.format(250_000.0), "$0.25M");
        assert_eq!(style.format(-0.001), "$0.00M");
    }
}

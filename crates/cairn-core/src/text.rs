//! Numbers in sentences and tables, written as the app writes them (`ui/src/lib/money.ts`, en-US
//! `Intl`): "$1,250,000", "−$1.2M" with a true minus sign, "CHF 12" for a currency without a
//! symbol of its own, "13.37 %". This is the one home of money and percent formatting: the board
//! pack, the narrative sentences, scenario differences, the budget-cut helper's reasons and the
//! CLI all use these, so a figure reads the same wherever it appears.
//!
//! - Money: [`money`] (minor digits), [`money_whole`], [`compact_money`], [`money_words`]
//!   ("USD 6.23 million", for prose), and without a currency [`grouped`], [`whole`] and
//!   [`amount`] (a table cell).
//! - Percentages: [`percent`] of an `f64` fraction with [`Places`], [`percent_exact`] of a
//!   decimal fraction, every digit it has.
//! - Every negative figure carries the app's minus sign ([`MINUS`]), never a hyphen, and no
//!   figure reads "−0"; a figure that is not a finite number reads "—".

use std::borrow::Cow;

use rust_decimal::{Decimal, RoundingStrategy};

/// How amounts in one currency are written: its code and its minor digits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrencyFormat {
    /// ISO 4217 code, e.g. "USD".
    pub code: String,
    /// Digits after the decimal point in ordinary use (2 for USD, 0 for JPY).
    pub minor_digits: u32,
}

impl CurrencyFormat {
    /// How amounts in `currency` are written.
    pub fn of(currency: crate::Currency) -> CurrencyFormat {
        CurrencyFormat { code: currency.code().to_owned(), minor_digits: currency.minor_digits() }
    }
}

/// The minus sign the app prints (U+2212), not a hyphen.
pub const MINUS: char = '\u{2212}';

/// What en-US `Intl` prints before an amount in this currency: "$" for USD, "€" for EUR,
/// "CHF " for currencies without a symbol of their own.
pub fn currency_prefix(code: &str) -> String {
    let symbol = match code {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" => "¥",
        "CAD" => "CA$",
        "AUD" => "A$",
        "NZD" => "NZ$",
        "HKD" => "HK$",
        "MXN" => "MX$",
        "BRL" => "R$",
        "CNY" => "CN¥",
        "INR" => "₹",
        "ILS" => "₪",
        "KRW" => "₩",
        "TWD" => "NT$",
        "VND" => "₫",
        "PHP" => "₱",
        _ => return format!("{code} "),
    };
    symbol.to_owned()
}

/// Digits grouped by thousands with commas: "1234567.5" → "1,234,567.5".
pub fn group_digits(digits: &str) -> String {
    let (int, frac) = digits.split_once('.').map_or((digits, None), |(i, f)| (i, Some(f)));
    let mut out = String::with_capacity(int.len() + int.len() / 3 + 4);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// `body` with the app's minus sign in front when `negative`.
pub fn signed(negative: bool, body: String) -> String {
    if negative { format!("{MINUS}{body}") } else { body }
}

/// An exact amount in whole units, grouped, no currency: "1,250,000", "−3". Rounded half away
/// from zero, as people round.
pub fn grouped(value: Decimal) -> String {
    let rounded = value.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    signed(rounded.is_sign_negative() && !rounded.is_zero(), group_digits(&format!("{:.0}", rounded.abs())))
}

/// An exact amount with the currency, in whole units: "$1,250,000", "−€300".
pub fn money_whole(value: Decimal, code: &str) -> String {
    let rounded = value.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    let body = group_digits(&format!("{:.0}", rounded.abs()));
    signed(rounded.is_sign_negative() && !rounded.is_zero(), format!("{}{body}", currency_prefix(code)))
}

/// A short amount for charts and sentences, as the app's `compactMoney()`: "$1.2M", "−$950",
/// "$2M", "A$850K".
pub fn compact_money(value: f64, code: &str) -> String {
    if !value.is_finite() {
        return "—".into();
    }
    let a = value.abs();
    let (scaled, suffix) = if a >= 1e12 {
        (a / 1e12, "T")
    } else if a >= 1e9 {
        (a / 1e9, "B")
    } else if a >= 1e6 {
        (a / 1e6, "M")
    } else if a >= 1e3 {
        (a / 1e3, "K")
    } else {
        (a, "")
    };
    // 999,960 rounds to "1000K": write it as the next unit up, "1M", as Intl does.
    let (scaled, suffix) = match suffix {
        "K" if scaled >= 999.95 => (scaled / 1e3, "M"),
        "M" if scaled >= 999.95 => (scaled / 1e3, "B"),
        "B" if scaled >= 999.95 => (scaled / 1e3, "T"),
        "" if scaled >= 999.95 => (scaled / 1e3, "K"),
        _ => (scaled, suffix),
    };
    let mut text = format!("{scaled:.1}");
    if text.ends_with(".0") {
        text.truncate(text.len() - 2);
    }
    let zero = text == "0";
    signed(value < 0.0 && !zero, format!("{}{text}{suffix}", currency_prefix(code)))
}

/// A figure that is not a finite number, as the app shows it.
pub const NOT_A_NUMBER: &str = "—";

/// A non-negative f64 with `decimals` decimals, grouped: the digits of a figure.
fn fixed(value: f64, decimals: u32) -> String {
    group_digits(&format!("{:.*}", decimals as usize, value.abs()))
}

/// Whether written digits are all zero ("0", "0.00", "0,000"): such a figure takes no sign.
fn all_zero(digits: &str) -> bool {
    digits.chars().all(|c| matches!(c, '0' | ',' | '.'))
}

/// An amount as the app's `money()`: the currency's minor digits, grouped, "−" for negatives:
/// "$1,234,567.89", "−$1,234.00", "¥1,500", "CHF 12.50".
pub fn money(value: f64, code: &str, minor_digits: u32) -> String {
    if !value.is_finite() {
        return NOT_A_NUMBER.into();
    }
    let body = fixed(value, minor_digits);
    signed(value < 0.0 && !all_zero(&body), format!("{}{body}", currency_prefix(code)))
}

/// An amount in prose with the ISO code, as a drafted recommendation reads it: "USD 6.23
/// million" from a million up, "USD 850,000" below.
pub fn money_words(value: f64, code: &str) -> String {
    if !value.is_finite() {
        return NOT_A_NUMBER.into();
    }
    if value.abs() >= 1e6 {
        let body = format!("{:.2}", value.abs() / 1e6);
        return format!("{code} {} million", signed(value < 0.0 && !all_zero(&body), body));
    }
    // Below a million every finite f64 is a decimal.
    Decimal::try_from(value).map_or_else(|_| NOT_A_NUMBER.into(), |d| format!("{code} {}", grouped(d)))
}

/// A figure in whole units, grouped, no currency (a column whose heading names it): 1250000.4 →
/// "1,250,000", −2.6 → "−3".
pub fn whole(value: f64) -> String {
    if !value.is_finite() {
        return NOT_A_NUMBER.into();
    }
    let body = fixed(value, 0);
    signed(value < 0.0 && !all_zero(&body), body)
}

/// An exact amount in a table cell: rounded to `decimals` (half away from zero, as people
/// round), grouped, no currency; zero as an en dash ("–") so that the figures stand out.
pub fn amount(value: Decimal, decimals: u32) -> String {
    let rounded = value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    if rounded.is_zero() {
        return "–".into();
    }
    let text = format!("{:.*}", decimals as usize, rounded.abs());
    signed(rounded.is_sign_negative(), group_digits(&text))
}

/// How many decimals a percentage shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Places {
    /// Always this many, as the app's `percent()`: 0.1337 → "13.37 %" with 2, "8.0 %" with 1.
    Fixed(u32),
    /// At most this many, trailing zeros dropped: 0.04 → "4 %", 0.2534 → "25.3 %" with 1.
    AtMost(u32),
}

/// A fraction as a percentage: 0.1337 → "13.37 %" (`Places::Fixed(2)`), 0.04 → "4 %"
/// (`Places::AtMost(1)`), −0.05 → "−5.0 %" (`Places::Fixed(1)`).
pub fn percent(fraction: f64, places: Places) -> String {
    if !fraction.is_finite() {
        return NOT_A_NUMBER.into();
    }
    let (decimals, trim) = match places {
        Places::Fixed(d) => (d, false),
        Places::AtMost(d) => (d, true),
    };
    let mut digits = format!("{:.*}", decimals as usize, (fraction * 100.0).abs());
    if trim && digits.contains('.') {
        let kept = digits.trim_end_matches('0').trim_end_matches('.').len();
        digits.truncate(kept);
    }
    signed(fraction < 0.0 && !all_zero(&digits), format!("{digits} %"))
}

/// An exact fraction as a percentage with every digit it has, as a rate was typed: 0.055 →
/// "5.5 %", 0.06 → "6 %", −0.02 → "−2 %".
pub fn percent_exact(fraction: Decimal) -> String {
    let p = (fraction * Decimal::ONE_HUNDRED).normalize();
    signed(p.is_sign_negative() && !p.is_zero(), format!("{} %", p.abs()))
}

/// A number of years, as the app's `years()`: 5.968 → "5.97 years".
pub fn years(value: f64) -> String {
    if value.is_finite() { format!("{value:.2} years") } else { NOT_A_NUMBER.into() }
}

/// Whether a character must not appear in a line of output as it is: a control character
/// (C0, DEL, C1: a newline, a tab, a terminal escape) or a Unicode line or paragraph separator.
/// Plan validation refuses these in one-line fields (names, owners…); [`one_line`] escapes them.
pub fn breaks_line(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Text made safe for one line of output (an error message, a row of `cairn plans`, a table
/// cell): every character [`breaks_line`] names is written as an escape, `\n`, `\r`, `\t` or
/// `\u{1b}`, so a name or a value read from a file can neither start a new line nor drive the
/// terminal. Text without such characters is returned as it is.
pub fn one_line(text: &str) -> Cow<'_, str> {
    if !text.chars().any(breaks_line) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if breaks_line(c) => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::dec;

    #[test]
    fn one_line_escapes_what_breaks_a_line() {
        assert!(matches!(one_line("Cloud landing zone – 2027"), Cow::Borrowed(_)));
        assert_eq!(one_line("approved\nerror: all good"), "approved\\nerror: all good");
        assert_eq!(one_line("a\tb\r\u{1b}[31m\u{7f}\u{85}\u{2028}"), "a\\tb\\r\\u{1b}[31m\\u{7f}\\u{85}\\u{2028}");
        assert!(!one_line("x\u{0}y").contains('\u{0}'));
    }

    #[test]
    fn amounts_read_as_in_the_app() {
        assert_eq!(grouped(dec!(1250000.4)), "1,250,000");
        assert_eq!(grouped(dec!(-2.5)), "−3");
        assert_eq!(grouped(dec!(-0.4)), "0");
        assert_eq!(group_digits("1234567.5"), "1,234,567.5");
        assert_eq!(money_whole(dec!(-1250000), "USD"), "−$1,250,000");
        assert_eq!(money_whole(dec!(12), "CHF"), "CHF 12");
        assert_eq!(compact_money(1_234_000.0, "USD"), "$1.2M");
        assert_eq!(compact_money(-950.0, "USD"), "−$950");
        assert_eq!(compact_money(2_000_000.0, "USD"), "$2M");
        assert_eq!(compact_money(999_990.0, "USD"), "$1M");
        assert_eq!(compact_money(850_000.0, "AUD"), "A$850K");
        assert_eq!(compact_money(f64::NAN, "USD"), "—");
    }

    #[test]
    fn money_in_every_form_reads_as_in_the_app() {
        assert_eq!(money(1_234_567.891, "USD", 2), "$1,234,567.89");
        assert_eq!(money(-1234.0, "USD", 2), "−$1,234.00");
        assert_eq!(money(-0.001, "USD", 2), "$0.00");
        assert_eq!(money(1500.4, "JPY", 0), "¥1,500");
        assert_eq!(money_words(6_234_567.0, "USD"), "USD 6.23 million");
        assert_eq!(money_words(42_635.4, "USD"), "USD 42,635");
        assert_eq!(money_words(-1_700_000.0, "USD"), "USD −1.70 million");
        assert_eq!(whole(-1_250_000.4), "−1,250,000");
        assert_eq!(whole(-0.4), "0");
        assert_eq!(amount(dec!(1250000.4), 0), "1,250,000");
        assert_eq!(amount(dec!(-2.5), 0), "−3");
        assert_eq!(amount(dec!(0.2), 0), "–");
        assert_eq!(years(5.968), "5.97 years");
    }

    #[test]
    fn percentages_read_as_in_the_app() {
        assert_eq!(percent(0.1337, Places::Fixed(2)), "13.37 %");
        assert_eq!(percent(-0.05, Places::Fixed(1)), "−5.0 %");
        assert_eq!(percent(-0.00001, Places::Fixed(1)), "0.0 %");
        assert_eq!(percent(0.8349, Places::Fixed(0)), "83 %");
        assert_eq!(percent(0.04, Places::AtMost(1)), "4 %");
        assert_eq!(percent(0.2534, Places::AtMost(1)), "25.3 %");
        assert_eq!(percent(0.1, Places::AtMost(1)), "10 %");
        assert_eq!(percent(0.056, Places::AtMost(2)), "5.6 %");
        assert_eq!(percent(-0.04, Places::AtMost(2)), "−4 %");
        assert_eq!(percent(f64::NAN, Places::Fixed(2)), "—");
        assert_eq!(percent_exact(dec!(0.055)), "5.5 %");
        assert_eq!(percent_exact(dec!(0.0600)), "6 %");
        assert_eq!(percent_exact(dec!(-0.02)), "−2 %");
        assert_eq!(percent_exact(dec!(1.25)), "125 %");
    }
}

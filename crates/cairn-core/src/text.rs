//! Numbers in sentences, written as the app writes them (`ui/src/lib/money.ts`, en-US `Intl`):
//! "$1,250,000", "−$1.2M" with a true minus sign, "CHF 12" for a currency without a symbol of
//! its own. Every Rust crate that puts an amount into words (the board pack, scenario
//! differences, the budget-cut helper's reasons, CLI output) uses these, so a figure reads the
//! same wherever it appears.

use std::borrow::Cow;

use rust_decimal::{Decimal, RoundingStrategy};

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
}

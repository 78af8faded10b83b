//! The fiscal calendar: calendar months, fiscal years and fiscal quarters.
//!
//! A plan's fiscal year starts in a chosen month and is named after the calendar year in which
//! it ends (the US federal and most state and city governments: FY2027 = July 2026–June 2027)
//! or in which it starts. Every date shown or summed by fiscal year goes through
//! [`FiscalCalendar`], so that a quarter or a year means the same thing in every view.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar month, e.g. July 2026. Serialised as `"2026-07"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth {
    year: i32,
    month: u8,
}

/// Why a month or calendar setting is not valid.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// A month number outside 1–12.
    #[error("month must be between 1 and 12, not {0}")]
    Month(i64),
    /// A year outside the range Cairn plans in.
    #[error("year must be between {min} and {max}, not {0}", min = YearMonth::MIN_YEAR, max = YearMonth::MAX_YEAR)]
    Year(i64),
    /// Text that is not `YYYY-MM`.
    #[error("\"{0}\" is not a month; write it as YYYY-MM, e.g. 2026-07")]
    Syntax(String),
}

impl YearMonth {
    /// The earliest year accepted; plans are about the present century.
    pub const MIN_YEAR: i32 = 1900;
    /// The latest year accepted.
    pub const MAX_YEAR: i32 = 2200;

    /// A month, checked.
    pub fn new(year: i32, month: u8) -> Result<YearMonth, CalendarError> {
        if !(1..=12).contains(&month) {
            return Err(CalendarError::Month(i64::from(month)));
        }
        if !(Self::MIN_YEAR..=Self::MAX_YEAR).contains(&year) {
            return Err(CalendarError::Year(i64::from(year)));
        }
        Ok(YearMonth { year, month })
    }

    /// The calendar year.
    pub fn year(self) -> i32 {
        self.year
    }

    /// The month, 1 = January.
    pub fn month(self) -> u8 {
        self.month
    }

    /// Months since January of year 0: a linear index for arithmetic and scheduling.
    pub fn index(self) -> i32 {
        self.year * 12 + i32::from(self.month) - 1
    }

    /// The month at a linear index (the inverse of [`YearMonth::index`]).
    pub fn from_index(index: i32) -> Result<YearMonth, CalendarError> {
        let year = index.div_euclid(12);
        // rem_euclid(12) is in 0..12, so the cast cannot truncate.
        let month = (index.rem_euclid(12) + 1) as u8;
        YearMonth::new(year, month)
    }

    /// This month moved by `months` (negative moves back).
    pub fn add_months(self, months: i32) -> Result<YearMonth, CalendarError> {
        YearMonth::from_index(self.index().saturating_add(months))
    }

    /// Whole months from `self` to `later` (negative when `later` is earlier).
    pub fn months_until(self, later: YearMonth) -> i32 {
        later.index() - self.index()
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl FromStr for YearMonth {
    type Err = CalendarError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let syntax = || CalendarError::Syntax(s.to_owned());
        let (y, m) = s.split_once('-').ok_or_else(syntax)?;
        if y.len() != 4 || m.len() != 2 {
            return Err(syntax());
        }
        let year: i32 = y.parse().map_err(|_| syntax())?;
        let month: u8 = m.parse().map_err(|_| syntax())?;
        YearMonth::new(year, month)
    }
}

impl Serialize for YearMonth {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for YearMonth {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Which calendar year gives a fiscal year its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FiscalYearNaming {
    /// Named after the year it ends in: FY2027 = July 2026–June 2027 (US federal, most US states
    /// and cities, Australia).
    EndYear,
    /// Named after the year it starts in: FY2026 = April 2026–March 2027 (e.g. Japan, India's
    /// "2026-27" shortened).
    StartYear,
}

/// A fiscal year, by its name's number: `FiscalYear(2027)` is "FY2027".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FiscalYear(pub i32);

/// A fiscal quarter: Q1 is the first three months of the fiscal year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FiscalQuarter {
    /// The fiscal year.
    pub year: FiscalYear,
    /// 1 to 4.
    pub quarter: u8,
}

/// When the fiscal year starts and how years are named.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FiscalCalendar {
    /// The month the fiscal year starts in, 1 = January.
    pub start_month: u8,
    /// Which calendar year names the fiscal year.
    pub naming: FiscalYearNaming,
    /// The prefix of year labels, usually "FY".
    pub prefix: String,
}

impl Default for FiscalCalendar {
    /// July start, named by the ending year: the most common public-sector calendar in the US.
    fn default() -> Self {
        FiscalCalendar { start_month: 7, naming: FiscalYearNaming::EndYear, prefix: "FY".into() }
    }
}

impl FiscalCalendar {
    /// Checks the start month; the other fields cannot be wrong.
    pub fn check(&self) -> Result<(), CalendarError> {
        if (1..=12).contains(&self.start_month) {
            Ok(())
        } else {
            Err(CalendarError::Month(i64::from(self.start_month)))
        }
    }

    /// The calendar year in which fiscal year `fy` starts.
    fn start_calendar_year(&self, fy: FiscalYear) -> i32 {
        // A January start makes fiscal and calendar years coincide whatever the naming says.
        if self.start_month == 1 || self.naming == FiscalYearNaming::StartYear { fy.0 } else { fy.0 - 1 }
    }

    /// The fiscal year a month belongs to.
    pub fn fiscal_year_of(&self, month: YearMonth) -> FiscalYear {
        let start_year = if month.month() >= self.start_month { month.year() } else { month.year() - 1 };
        if self.start_month == 1 || self.naming == FiscalYearNaming::StartYear {
            FiscalYear(start_year)
        } else {
            FiscalYear(start_year + 1)
        }
    }

    /// The first month of a fiscal year.
    pub fn first_month(&self, fy: FiscalYear) -> Result<YearMonth, CalendarError> {
        YearMonth::new(self.start_calendar_year(fy), self.start_month)
    }

    /// The last month of a fiscal year.
    pub fn last_month(&self, fy: FiscalYear) -> Result<YearMonth, CalendarError> {
        self.first_month(fy)?.add_months(11)
    }

    /// The fiscal quarter a month belongs to.
    pub fn quarter_of(&self, month: YearMonth) -> FiscalQuarter {
        let year = self.fiscal_year_of(month);
        let offset = (i32::from(month.month()) - i32::from(self.start_month)).rem_euclid(12);
        // offset is in 0..12, so the quarter is 1..=4.
        FiscalQuarter { year, quarter: (offset / 3 + 1) as u8 }
    }

    /// "FY2027".
    pub fn label(&self, fy: FiscalYear) -> String {
        format!("{}{}", self.prefix, fy.0)
    }

    /// "FY2027 Q1".
    pub fn quarter_label(&self, q: FiscalQuarter) -> String {
        format!("{} Q{}", self.label(q.year), q.quarter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ym(s: &str) -> YearMonth {
        s.parse().expect("test month")
    }

    fn check(cal: &FiscalCalendar, month: &str, fy: i32, quarter: u8) {
        let q = cal.quarter_of(ym(month));
        assert_eq!((q.year.0, q.quarter), (fy, quarter), "{month} under {cal:?}");
        assert_eq!(cal.fiscal_year_of(ym(month)), FiscalYear(fy));
    }

    #[test]
    fn us_city_calendar() {
        let cal = FiscalCalendar::default();
        check(&cal, "2026-07", 2027, 1);
        check(&cal, "2026-09", 2027, 1);
        check(&cal, "2026-10", 2027, 2);
        check(&cal, "2027-01", 2027, 3);
        check(&cal, "2027-06", 2027, 4);
        check(&cal, "2027-07", 2028, 1);
        assert_eq!(cal.first_month(FiscalYear(2027)), Ok(ym("2026-07")));
        assert_eq!(cal.last_month(FiscalYear(2027)), Ok(ym("2027-06")));
        assert_eq!(cal.label(FiscalYear(2027)), "FY2027");
    }

    #[test]
    fn start_year_naming_and_calendar_years() {
        let india = FiscalCalendar { start_month: 4, naming: FiscalYearNaming::StartYear, prefix: "FY".into() };
        check(&india, "2026-04", 2026, 1);
        check(&india, "2027-03", 2026, 4);
        let calendar = FiscalCalendar { start_month: 1, naming: FiscalYearNaming::EndYear, prefix: "FY".into() };
        check(&calendar, "2026-01", 2026, 1);
        check(&calendar, "2026-12", 2026, 4);
        assert_eq!(calendar.first_month(FiscalYear(2026)), Ok(ym("2026-01")));
    }

    #[test]
    fn months_parse_strictly() {
        assert!("2026-13".parse::<YearMonth>().is_err());
        assert!("2026-7".parse::<YearMonth>().is_err());
        assert!("July 2026".parse::<YearMonth>().is_err());
        assert_eq!(ym("2026-07").add_months(6), Ok(ym("2027-01")));
        assert_eq!(ym("2026-07").months_until(ym("2027-06")), 11);
    }
}

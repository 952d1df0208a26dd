//! Period keys of a date: the day, ISO week, month or year an article falls in, as the string
//! a chart's axis shows (`1987-03-05`, `1987-W10`, `1987-03`, `1987`).
//!
//! Dates in the index are ISO (`yyyy-mm-dd`, maybe followed by a time). A date that does not
//! name a real calendar day has no day, week or month: its article goes to the undated row
//! rather than to a guessed period. A bare year still has a year.

/// The length of a calendar period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Period {
    /// `yyyy-mm-dd`.
    Day,
    /// ISO 8601 week, `yyyy-Www`: weeks start on Monday, and week 1 holds the year's first
    /// Thursday, so the first days of January can belong to the last week of the year before.
    Week,
    /// `yyyy-mm`.
    Month,
    /// `yyyy`.
    Year,
}

/// The key of the period of `period` holding `date`, or `None` when `date` is not precise
/// enough (or not a real day) to place in one.
pub fn key(period: Period, date: &str) -> Option<String> {
    if period == Period::Year {
        let year = date
            .get(..4)
            .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))?;
        let rest = date.get(4..)?;
        return (rest.is_empty() || rest.starts_with('-')).then(|| year.to_string());
    }
    let (year, month, day) = calendar_day(date)?;
    Some(match period {
        Period::Day => format!("{year:04}-{month:02}-{day:02}"),
        Period::Month => format!("{year:04}-{month:02}"),
        Period::Week => {
            let (week_year, week) = iso_week(year, month, day);
            format!("{week_year:04}-W{week:02}")
        }
        Period::Year => format!("{year:04}"),
    })
}

/// The (year, month, day) of an ISO date `yyyy-mm-dd[...]`, when it is a real calendar day.
fn calendar_day(date: &str) -> Option<(i64, u32, u32)> {
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit()).then_some(());
    let (year, month, day) = (date.get(..4)?, date.get(5..7)?, date.get(8..10)?);
    digits(year)?;
    digits(month)?;
    digits(day)?;
    if date.get(4..5)? != "-" || date.get(7..8)? != "-" {
        return None;
    }
    // A time may follow the day, never another digit.
    if date
        .get(10..11)
        .is_some_and(|c| c.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let (year, month, day): (i64, u32, u32) =
        (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    ((1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day))
        .then_some((year, month, day))
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days from 1970-01-01 to the given day (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The ISO (week-numbering year, week) of a day: the week's Thursday decides its year.
fn iso_week(year: i64, month: u32, day: u32) -> (i64, i64) {
    let days = days_from_civil(year, month, day);
    // 1970-01-01 was a Thursday: weekday 1 (Monday) to 7 (Sunday).
    let weekday = (days + 3).rem_euclid(7) + 1;
    let thursday = days - weekday + 4;
    let week_year = if thursday < days_from_civil(year, 1, 1) {
        year - 1
    } else if thursday >= days_from_civil(year + 1, 1, 1) {
        year + 1
    } else {
        year
    };
    let week = (thursday - days_from_civil(week_year, 1, 1)) / 7 + 1;
    (week_year, week)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_has_a_key_per_period() {
        let date = "1987-03-05";
        assert_eq!(key(Period::Day, date).as_deref(), Some("1987-03-05"));
        assert_eq!(key(Period::Week, date).as_deref(), Some("1987-W10"));
        assert_eq!(key(Period::Month, date).as_deref(), Some("1987-03"));
        assert_eq!(key(Period::Year, date).as_deref(), Some("1987"));
    }

    #[test]
    fn iso_weeks_cross_the_year_boundary_by_their_thursday() {
        // 1 January 1988 was a Friday: its week's Thursday is in 1987, the 53rd week.
        assert_eq!(key(Period::Week, "1988-01-01").as_deref(), Some("1987-W53"));
        assert_eq!(key(Period::Week, "1988-01-03").as_deref(), Some("1987-W53"));
        assert_eq!(key(Period::Week, "1988-01-04").as_deref(), Some("1988-W01"));
        // 31 December 2024 was a Tuesday: its week's Thursday is in 2025.
        assert_eq!(key(Period::Week, "2024-12-31").as_deref(), Some("2025-W01"));
        assert_eq!(key(Period::Week, "2024-12-29").as_deref(), Some("2024-W52"));
        assert_eq!(key(Period::Week, "2021-01-03").as_deref(), Some("2020-W53"));
    }

    #[test]
    fn a_time_after_the_day_is_ignored() {
        assert_eq!(
            key(Period::Day, "2023-01-05T10:00:00Z").as_deref(),
            Some("2023-01-05")
        );
    }

    #[test]
    fn a_date_that_is_no_real_day_has_no_day_week_or_month() {
        for date in [
            "1987-02-30",
            "1987-13-01",
            "1987-3-5",
            "19870305",
            "",
            "1987-03-051",
        ] {
            assert_eq!(key(Period::Day, date), None, "{date}");
            assert_eq!(key(Period::Week, date), None, "{date}");
            assert_eq!(key(Period::Month, date), None, "{date}");
        }
        assert_eq!(key(Period::Month, "2024-02-29").as_deref(), Some("2024-02"));
        assert_eq!(key(Period::Day, "1900-02-29"), None);
    }

    #[test]
    fn a_bare_year_has_a_year_only() {
        assert_eq!(key(Period::Year, "1987").as_deref(), Some("1987"));
        assert_eq!(key(Period::Month, "1987"), None);
        assert_eq!(key(Period::Year, "19870"), None);
        assert_eq!(key(Period::Year, "1987-03-05").as_deref(), Some("1987"));
    }
}

//! Calendar days, as sheets record them (`YYYY-MM-DD`): read from a sheet, from a survey
//! export's cell (`src/import/dates.rs` turns its many spellings into year, month and day), and
//! today's, for a new interview. One type, so dates compare as days, not as text.

pub use jiff::civil::Date;

/// The day `year`-`month`-`day`, when the calendar has it.
pub fn day(year: i16, month: i8, day: i8) -> Option<Date> {
    Date::new(year, month, day).ok()
}

/// A real calendar day written exactly `YYYY-MM-DD`.
pub fn parse(s: &str) -> Option<Date> {
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return None;
    }
    day(
        s[..4].parse().ok()?,
        s[5..7].parse().ok()?,
        s[8..10].parse().ok()?,
    )
}

/// Today, in UTC: the only reading of the clock, and it goes into a new sheet.
pub fn today() -> Date {
    jiff::tz::Offset::UTC
        .to_datetime(jiff::Timestamp::now())
        .date()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_of_the_calendar_only() {
        assert_eq!(
            parse("2000-02-29").map(|d| d.to_string()).as_deref(),
            Some("2000-02-29")
        );
        assert_eq!(parse("1900-02-29"), None);
        assert_eq!(parse("2026-11-31"), None);
        assert_eq!(parse("2026-1-5"), None);
        assert_eq!(
            parse("0999-12-31").map(|d| d.to_string()).as_deref(),
            Some("0999-12-31")
        );
        assert!(parse("2026-03-01") > parse("2026-02-28"));
        assert!(today() > parse("2026-01-01").unwrap());
    }
}

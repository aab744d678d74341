//! Dates as survey tools export them, turned into `YYYY-MM-DD`: ISO dates and timestamps
//! (`2026-03-12`, `2026-03-12T10:15:00Z`), Google Forms' `2026/03/12 10:15:00 GMT+1`, and
//! `3/12/2026 10:15:00` or `12.03.2026`, whose day and month order the mapping names. The time of
//! day is dropped: a sheet records the date only.

use super::mapping::DayMonth;
use crate::date::Date;

/// The day `s` is, when it is exactly a valid date written `YYYY-MM-DD`.
pub fn iso(s: &str) -> Option<Date> {
    let parts: Vec<&str> = s.split('-').collect();
    match parts.as_slice() {
        [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2 => ymd(y, m, d),
        _ => None,
    }
}

/// Reads a cell as a date. The error says what to write instead.
pub fn parse(cell: &str, order: Option<DayMonth>) -> Result<Date, String> {
    let cell = cell.trim();
    let (date, time) = split_time(cell);
    if !time.is_empty() && !looks_like_time(time) {
        return Err(unreadable(cell));
    }
    let parts: Vec<&str> = date.split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return Err(unreadable(cell));
    };
    if a.len() == 4 {
        return ymd(a, b, c).ok_or_else(|| not_a_day(cell));
    }
    if c.len() != 4 {
        return Err(format!(
            "`{cell}` has no four-digit year; write the date as YYYY-MM-DD, e.g. 2026-03-12"
        ));
    }
    let (x, y) = (number(a), number(b));
    let order = match order {
        Some(o) => o,
        None if x > 12 => DayMonth::DayFirst,
        None if y > 12 => DayMonth::MonthFirst,
        None => {
            let (day_first, month_first) = (spoken(x, y), spoken(y, x));
            return Err(format!(
                "`{cell}` could be {day_first} or {month_first}; add `order: day_first` ({day_first}) or `order: month_first` ({month_first}) under `date:` in the mapping"
            ));
        }
    };
    let result = match order {
        DayMonth::DayFirst => ymd(c, b, a),
        DayMonth::MonthFirst => ymd(c, a, b),
    };
    result.ok_or_else(|| match (order, x > 12, y > 12) {
        (DayMonth::MonthFirst, true, false) | (DayMonth::DayFirst, false, true) => format!(
            "`{cell}` is not a date with `order: {}`; check `order:` under `date:` in the mapping",
            match order {
                DayMonth::DayFirst => "day_first",
                DayMonth::MonthFirst => "month_first",
            }
        ),
        _ => not_a_day(cell),
    })
}

/// The seconds into the day of a timestamp's time (`10:15:00`, `9:41:07 AM GMT+1`), 0 when it has
/// none. The zone is not read: one export writes every time in the same zone.
pub fn seconds(cell: &str) -> u32 {
    let (_, time) = split_time(cell.trim());
    let clock = time.split([' ', 'Z', '+', '-']).next().unwrap_or_default();
    let mut parts = clock.split(':').map(|p| {
        let whole = p.split('.').next().unwrap_or_default();
        whole.parse::<u32>().unwrap_or(0)
    });
    let (h, m, s) = (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    );
    let upper = time.to_uppercase();
    let h = match (h, upper.contains("PM"), upper.contains("AM")) {
        (12, false, true) => 0,
        (h, true, _) if h < 12 => h + 12,
        (h, ..) => h,
    };
    h * 3600 + m * 60 + s
}

/// Splits `2026-03-12T10:15:00Z` or `3/12/2026 10:15:00 AM` into date and time.
fn split_time(s: &str) -> (&str, &str) {
    if let Some((date, time)) = s.split_once(char::is_whitespace) {
        return (date, time.trim());
    }
    match s.find('T') {
        Some(i) if i == 10 => (&s[..i], &s[i + 1..]),
        _ => (s, ""),
    }
}

/// `10:15`, `10:15:00`, `10:15:00.123Z`, `10:15:00 GMT+1`, `10:15 AM`, `10:15:00+01:00`.
fn looks_like_time(s: &str) -> bool {
    let head: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
    !head.is_empty() && head.len() <= 2 && s[head.len()..].starts_with(':')
}

/// `3 April` for day 3 of month 4.
fn spoken(day: u32, month: u32) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let name = MONTHS.get(month.wrapping_sub(1) as usize).unwrap_or(&"?");
    format!("{day} {name}")
}

fn number(s: &str) -> u32 {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return 0;
    }
    s.parse().unwrap_or(0)
}

fn ymd(y: &str, m: &str, d: &str) -> Option<Date> {
    if y.len() != 4 || m.len() > 2 || d.len() > 2 {
        return None;
    }
    let (y, m, d) = (number(y), number(m), number(d));
    crate::date::day(y.try_into().ok()?, m.try_into().ok()?, d.try_into().ok()?)
}

fn unreadable(cell: &str) -> String {
    format!(
        "`{cell}` is not a date leapcheck can read; write it as YYYY-MM-DD (e.g. 2026-03-12), or as the survey tool's timestamp such as 2026/03/12 10:15:00 or 3/12/2026 10:15:00"
    )
}

fn not_a_day(cell: &str) -> String {
    format!("`{cell}` is not a day of the calendar; check the day and the month")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_forms_survey_tools_export() {
        let ok = |s: &str, order| parse(s, order).unwrap().to_string();
        assert_eq!(ok("2026-03-12", None), "2026-03-12");
        assert_eq!(ok("2026-03-12T10:15:00Z", None), "2026-03-12");
        assert_eq!(ok("2026-03-12T10:15:00.5+01:00", None), "2026-03-12");
        assert_eq!(ok("2026/03/12 10:15:00 GMT+1", None), "2026-03-12");
        assert_eq!(
            ok("3/12/2026 10:15:00", Some(DayMonth::MonthFirst)),
            "2026-03-12"
        );
        assert_eq!(
            ok("12/3/2026 10:15 AM", Some(DayMonth::DayFirst)),
            "2026-03-12"
        );
        assert_eq!(ok("12.03.2026", Some(DayMonth::DayFirst)), "2026-03-12");
        // Unambiguous without an order.
        assert_eq!(ok("3/25/2026", None), "2026-03-25");
        assert_eq!(ok("25/3/2026 09:00:00", None), "2026-03-25");
    }

    #[test]
    fn says_what_is_wrong() {
        assert!(
            parse("3/4/2026", None)
                .unwrap_err()
                .contains("order: day_first")
        );
        assert!(parse("2026-02-30", None).unwrap_err().contains("not a day"));
        assert!(
            parse("3/25/2026", Some(DayMonth::DayFirst))
                .unwrap_err()
                .contains("check `order:`")
        );
        assert!(parse("March 12", None).unwrap_err().contains("YYYY-MM-DD"));
        assert!(
            parse("3/12/26", None)
                .unwrap_err()
                .contains("four-digit year")
        );
        assert_eq!(
            iso("2026-03-12").map(|d| d.to_string()).as_deref(),
            Some("2026-03-12")
        );
        assert_eq!(iso("2026-3-12"), None);
    }

    #[test]
    fn reads_the_time_of_day() {
        assert_eq!(
            seconds("2026/03/12 9:41:07 AM GMT+1"),
            9 * 3600 + 41 * 60 + 7
        );
        assert_eq!(
            seconds("2026/03/12 9:41:07 PM GMT+1"),
            21 * 3600 + 41 * 60 + 7
        );
        assert_eq!(seconds("3/12/2026 12:05 AM"), 5 * 60);
        assert_eq!(seconds("2026-03-12T10:15:00.5+01:00"), 10 * 3600 + 15 * 60);
        assert_eq!(seconds("2026-03-12"), 0);
    }
}

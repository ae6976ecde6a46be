//! UX-2: times, dates and numbers as each language writes them. The clock
//! stays Swedish in both (the portal's users, cases and deadlines are in
//! Sweden; `domain::swedish_time`); only the way it is written changes:
//! Swedish the ISO way Swedes write it ("2026-12-06 10:35", "2 000"), English
//! the British way ("6 Dec 2026, 10:35", "2,000"). Pure and small, so the
//! browser formats a number as the server does.
use crate::i18n::Locale;
use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use std::fmt::Write;

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// A calendar day: "2026-12-06" or "6 Dec 2026".
pub fn date(locale: Locale, day: NaiveDate) -> String {
    let mut out = String::with_capacity(16);
    write_date(&mut out, locale, day);
    out
}

/// A moment on a Swedish wall clock: "2026-12-06 10:35" or "6 Dec 2026, 10:35".
pub fn time(locale: Locale, t: DateTime<Utc>) -> String {
    let local = crate::domain::swedish_time::local(t);
    let mut out = String::with_capacity(20);
    write_date(&mut out, locale, local.date());
    out.push_str(match locale {
        Locale::sv => " ",
        Locale::en => ", ",
    });
    let _ = write!(out, "{:02}:{:02}", local.hour(), local.minute());
    out
}

// Written straight into one string: a list formats two times per row, and
// chrono's `format` parses its pattern anew each time (issue 13).
fn write_date(out: &mut String, locale: Locale, day: NaiveDate) {
    let _ = match locale {
        Locale::sv => write!(out, "{:04}-{:02}-{:02}", day.year(), day.month(), day.day()),
        Locale::en => write!(out, "{} {} {}", day.day(), MONTHS[day.month0() as usize], day.year()),
    };
}

/// A count with its thousands grouped: "12 345" (a no-break space, so it is
/// never broken over two lines) or "12,345".
pub fn number(locale: Locale, n: u64) -> String {
    let separator = match locale {
        Locale::sv => '\u{a0}',
        Locale::en => ',',
    };
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3 * 2);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(separator);
        }
        grouped.push(digit);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    #[test]
    fn times_are_swedish_clock_time_written_per_language() {
        // Summer (UTC+2) and winter (UTC+1), and a moment past midnight in
        // Sweden that is still the day before in UTC.
        assert_eq!(time(Locale::sv, at("2026-07-01T10:05:00Z")), "2026-07-01 12:05");
        assert_eq!(time(Locale::en, at("2026-07-01T10:05:00Z")), "1 Jul 2026, 12:05");
        assert_eq!(time(Locale::sv, at("2026-12-31T23:30:00Z")), "2027-01-01 00:30");
        assert_eq!(time(Locale::en, at("2026-12-31T23:30:00Z")), "1 Jan 2027, 00:30");
    }

    #[test]
    fn dates_per_language() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        assert_eq!(date(Locale::sv, day), "2026-12-06");
        assert_eq!(date(Locale::en, day), "6 Dec 2026");
    }

    #[test]
    fn numbers_are_grouped_by_thousands_per_language() {
        assert_eq!(number(Locale::sv, 0), "0");
        assert_eq!(number(Locale::sv, 999), "999");
        assert_eq!(number(Locale::sv, 1000), "1\u{a0}000");
        assert_eq!(number(Locale::en, 1000), "1,000");
        assert_eq!(number(Locale::en, 1_234_567), "1,234,567");
        assert_eq!(number(Locale::sv, 100_000), "100\u{a0}000");
        assert_eq!(number(Locale::en, u64::MAX), "18,446,744,073,709,551,615");
    }
}

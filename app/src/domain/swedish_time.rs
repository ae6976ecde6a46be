//! The portal's clock face: its users are in Sweden, so times are shown and
//! days begin in Swedish time (CET, CEST from the last Sunday of March to
//! the last Sunday of October, switching at 01:00 UTC). Pure arithmetic, no
//! time-zone database in the browser's WASM.
use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Utc};

/// Whether Swedish summer time holds at `t`.
pub fn is_summer(t: DateTime<Utc>) -> bool {
    let last_sunday = |month: u32| {
        let last_day = NaiveDate::from_ymd_opt(t.year(), month + 1, 1).unwrap_or_default().pred_opt().unwrap_or_default();
        let sunday = last_day - Duration::days(i64::from(last_day.weekday().num_days_from_sunday()));
        sunday.and_hms_opt(1, 0, 0).unwrap_or_default().and_utc()
    };
    t >= last_sunday(3) && t < last_sunday(10)
}

/// How far Swedish time is ahead of UTC at `t`.
fn offset(t: DateTime<Utc>) -> Duration {
    Duration::hours(if is_summer(t) { 2 } else { 1 })
}

/// `t` as a Swedish wall clock shows it (written per language by `formats::time`).
pub fn local(t: DateTime<Utc>) -> NaiveDateTime {
    (t + offset(t)).naive_utc()
}

/// The moment a Swedish calendar day begins.
pub fn start_of_day(day: NaiveDate) -> DateTime<Utc> {
    let midnight_as_utc = day.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    // The offset at local midnight is the offset an hour or two earlier in
    // UTC; a switch never happens at midnight, so either reading agrees.
    midnight_as_utc - offset(midnight_as_utc)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_begin_at_swedish_midnight_in_winter_and_summer() {
        let winter = NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
        assert_eq!(start_of_day(winter).to_rfc3339(), "2026-01-14T23:00:00+00:00");
        let summer = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
        assert_eq!(start_of_day(summer).to_rfc3339(), "2026-06-30T22:00:00+00:00");
    }

    #[test]
    fn the_clock_moves_on_the_last_sundays_of_march_and_october() {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        // 2026: 29 March and 25 October.
        assert!(!is_summer(at("2026-03-29T00:59:59Z")));
        assert!(is_summer(at("2026-03-29T01:00:00Z")));
        assert!(is_summer(at("2026-10-25T00:59:59Z")));
        assert!(!is_summer(at("2026-10-25T01:00:00Z")));
        // 2027: 28 March and 31 October (a month ending on a Sunday).
        assert!(!is_summer(at("2027-03-28T00:59:59Z")));
        assert!(is_summer(at("2027-03-28T01:00:00Z")));
        assert!(is_summer(at("2027-10-31T00:59:59Z")));
        assert!(!is_summer(at("2027-10-31T01:00:00Z")));
        assert!(is_summer(at("2027-10-24T12:00:00Z")));
        assert_eq!(local(at("2026-07-01T10:00:00Z")).to_string(), "2026-07-01 12:00:00");
        assert_eq!(local(at("2026-12-01T10:00:00Z")).to_string(), "2026-12-01 11:00:00");
    }
}

use super::luhn;
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A Swedish personal identity number (ID-1), or a samordningsnummer, that is
/// known to be well formed: a real date and a correct check digit.
/// Held in the canonical 12-digit form `YYYYMMDDNNNC`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Personnummer(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PersonnummerError {
    #[error("Ange personnummer.")]
    Empty,
    #[error("Personnumret får bara innehålla siffror och ett bindestreck eller plustecken före de fyra sista siffrorna.")]
    InvalidCharacters,
    #[error("Personnumret ska ha 10 eller 12 siffror, till exempel ÅÅÅÅMMDD-NNNN.")]
    WrongLength,
    #[error("Bindestrecket eller plustecknet ska stå före de fyra sista siffrorna.")]
    MisplacedSeparator,
    #[error("Månaden i personnumret (MM) finns inte.")]
    InvalidMonth,
    #[error("Dagen i personnumret (DD) finns inte i den månaden.")]
    InvalidDay,
    #[error("Födelsedatumet i personnumret ligger i framtiden.")]
    FutureDate,
    #[error("Kontrollsiffran (sista siffran) i personnumret stämmer inte.")]
    WrongCheckDigit,
}

impl Personnummer {
    /// Parses what a person typed, relative to `today` (which decides the century
    /// of a 10-digit number: `-` means under 100 years old, `+` 100 or older).
    pub fn parse(input: &str, today: NaiveDate) -> Result<Self, PersonnummerError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(PersonnummerError::Empty);
        }
        if !s.chars().all(|c| c.is_ascii_digit() || c == '-' || c == '+') {
            return Err(PersonnummerError::InvalidCharacters);
        }
        let digits: String = s.chars().filter(char::is_ascii_digit).collect();
        let separators: Vec<(usize, char)> =
            s.char_indices().filter(|(_, c)| *c == '-' || *c == '+').collect();
        if separators.len() > 1 {
            return Err(PersonnummerError::InvalidCharacters);
        }
        if digits.len() != 10 && digits.len() != 12 {
            return Err(PersonnummerError::WrongLength);
        }
        let separator = match separators.as_slice() {
            [] => None,
            [(pos, c)] if *pos + 5 == s.len() => Some(*c),
            _ => return Err(PersonnummerError::MisplacedSeparator),
        };
        let (year, rest) = match digits.len() {
            12 => {
                let year: i32 = digits[0..4].parse().map_err(|_| PersonnummerError::WrongLength)?;
                (Some(year), &digits[2..])
            }
            10 => (None, &digits[..]),
            _ => return Err(PersonnummerError::WrongLength),
        };
        let yy: i32 = rest[0..2].parse().map_err(|_| PersonnummerError::WrongLength)?;
        let month: u32 = rest[2..4].parse().map_err(|_| PersonnummerError::WrongLength)?;
        let raw_day: u32 = rest[4..6].parse().map_err(|_| PersonnummerError::WrongLength)?;
        // Samordningsnummer add 60 to the day of birth.
        let day = if raw_day > 60 { raw_day - 60 } else { raw_day };
        if !(1..=12).contains(&month) {
            return Err(PersonnummerError::InvalidMonth);
        }
        let year = match year {
            Some(y) => y,
            None => century_for(yy, month, day, separator == Some('+'), today),
        };
        let birth = NaiveDate::from_ymd_opt(year, month, day).ok_or(PersonnummerError::InvalidDay)?;
        if birth > today {
            return Err(PersonnummerError::FutureDate);
        }
        let check_input = luhn::digits(&rest[0..9]).expect("only digits");
        let expected = luhn::check_digit(&check_input);
        if rest.as_bytes()[9] - b'0' != expected {
            return Err(PersonnummerError::WrongCheckDigit);
        }
        Ok(Self(format!("{year:04}{rest_tail}", rest_tail = &rest[2..])))
    }

    /// The canonical 12 digits, as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this is a samordningsnummer (day of birth plus 60).
    pub fn is_samordningsnummer(&self) -> bool {
        self.0[6..8].parse::<u32>().map(|d| d > 60).unwrap_or(false)
    }

    /// The 10-digit form without century, as used inside an organisationsnummer.
    pub fn ten_digits(&self) -> &str {
        &self.0[2..]
    }
}

/// The full year of a 10-digit number: the latest year ending in `yy` whose
/// date is not in the future, 100 years earlier with the `+` separator.
fn century_for(yy: i32, month: u32, day: u32, hundred_or_older: bool, today: NaiveDate) -> i32 {
    let mut year = today.year() - (today.year() - yy).rem_euclid(100);
    // A date later this year (or an impossible one) belongs to the previous century.
    let this_year = NaiveDate::from_ymd_opt(year, month, day);
    if this_year.is_some_and(|d| d > today) {
        year -= 100;
    }
    if hundred_or_older {
        year -= 100;
    }
    year
}

impl fmt::Display for Personnummer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", &self.0[..8], &self.0[8..])
    }
}

impl AsRef<str> for Personnummer {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Personnummer {
    type Error = PersonnummerError;
    /// Accepts only the canonical stored form (used when reading our own data).
    fn try_from(value: String) -> Result<Self, Self::Error> {
        if value.len() != 12 {
            return Err(PersonnummerError::WrongLength);
        }
        // A far-future reference date: stored numbers were validated when written.
        let far = NaiveDate::from_ymd_opt(9999, 12, 31).expect("valid date");
        Self::parse(&value, far)
    }
}

impl From<Personnummer> for String {
    fn from(value: Personnummer) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
    }

    fn parse(s: &str) -> Result<Personnummer, PersonnummerError> {
        Personnummer::parse(s, today())
    }

    // covers: ID-1
    #[test]
    fn accepts_every_written_form_and_stores_twelve_digits() {
        for input in [
            "19811218-9876",
            "198112189876",
            "811218-9876",
            "8112189876",
            "  811218-9876 ",
        ] {
            assert_eq!(parse(input).unwrap().as_str(), "198112189876", "{input}");
        }
        assert_eq!(parse("121212-1212").unwrap().as_str(), "201212121212");
        assert_eq!(parse("19121212-1212").unwrap().as_str(), "191212121212");
        assert_eq!(parse("121212+1212").unwrap().as_str(), "191212121212");
    }

    // covers: ID-1
    #[test]
    fn plus_separator_means_a_hundred_years_or_older() {
        assert_eq!(parse("811218+9876").unwrap().as_str(), "188112189876");
    }

    // covers: ID-1
    #[test]
    fn ten_digits_born_later_this_year_belong_to_last_century() {
        // 2026-12-15 has not happened on 2026-11-28, so 261215 is 1926.
        let p = valid_ten("261215", '-');
        assert!(parse(&p).unwrap().as_str().starts_with("1926"));
        let p = valid_ten("261015", '-');
        assert!(parse(&p).unwrap().as_str().starts_with("2026"));
    }

    // covers: ID-1
    #[test]
    fn samordningsnummer_is_accepted() {
        let p = valid_ten("701063", '-');
        let parsed = parse(&p).unwrap();
        assert!(parsed.is_samordningsnummer());
        assert!(parsed.as_str().starts_with("19701063"));
    }

    // covers: ID-1
    #[test]
    fn says_which_part_is_wrong() {
        assert_eq!(parse(""), Err(PersonnummerError::Empty));
        assert_eq!(parse("   "), Err(PersonnummerError::Empty));
        assert_eq!(parse("811218-987"), Err(PersonnummerError::WrongLength));
        assert_eq!(parse("19811218-98761"), Err(PersonnummerError::WrongLength));
        assert_eq!(parse("811218-9875"), Err(PersonnummerError::WrongCheckDigit));
        assert_eq!(parse("811318-9876"), Err(PersonnummerError::InvalidMonth));
        assert_eq!(parse("811200-9876"), Err(PersonnummerError::InvalidDay));
        assert_eq!(parse("810231-9876"), Err(PersonnummerError::InvalidDay));
        assert_eq!(parse("8112-189876"), Err(PersonnummerError::MisplacedSeparator));
        assert_eq!(parse("811218 9876"), Err(PersonnummerError::InvalidCharacters));
        assert_eq!(parse("81121a-9876"), Err(PersonnummerError::InvalidCharacters));
        assert_eq!(parse("811218--9876"), Err(PersonnummerError::InvalidCharacters));
        assert_eq!(parse("20301218-9876"), Err(PersonnummerError::FutureDate));
    }

    // covers: ID-1
    #[test]
    fn leap_days_follow_the_calendar() {
        assert!(parse(&valid_twelve("20000229")).is_ok());
        assert_eq!(parse(&valid_twelve("19000229")), Err(PersonnummerError::InvalidDay));
        assert!(parse(&valid_twelve("20240229")).is_ok());
        assert_eq!(parse(&valid_twelve("20230229")), Err(PersonnummerError::InvalidDay));
    }

    #[test]
    fn display_and_serde_round_trip() {
        let p = parse("811218-9876").unwrap();
        assert_eq!(p.to_string(), "19811218-9876");
        let json = serde_json::to_string(&p).unwrap();
        assert_eq!(json, "\"198112189876\"");
        assert_eq!(serde_json::from_str::<Personnummer>(&json).unwrap(), p);
        assert!(serde_json::from_str::<Personnummer>("\"198112189875\"").is_err());
    }

    fn with_check(nine: &str) -> String {
        let c = luhn::check_digit(&luhn::digits(nine).unwrap());
        format!("{nine}{c}")
    }

    fn valid_ten(yymmdd: &str, sep: char) -> String {
        let full = with_check(&format!("{yymmdd}123"));
        format!("{}{sep}{}", &full[..6], &full[6..])
    }

    fn valid_twelve(yyyymmdd: &str) -> String {
        let full = with_check(&format!("{}123", &yyyymmdd[2..]));
        format!("{}{}", &yyyymmdd[..2], full)
    }

    proptest! {
        // covers: ID-1
        #[test]
        fn every_valid_date_with_its_check_digit_parses_and_round_trips(
            year in 1900i32..2026, month in 1u32..=12, day in 1u32..=28, serial in 0u32..1000, samordning: bool
        ) {
            let day = if samordning { day + 60 } else { day };
            let nine = format!("{:02}{month:02}{day:02}{serial:03}", year % 100);
            let twelve = format!("{:02}{}", year / 100, with_check(&nine));
            let parsed = parse(&twelve).unwrap();
            prop_assert_eq!(parsed.as_str(), twelve.as_str());
            let displayed = parsed.to_string();
            prop_assert_eq!(parse(&displayed).unwrap(), parsed);
        }

        // covers: ID-1
        #[test]
        fn any_other_check_digit_is_refused(
            year in 1900i32..2026, month in 1u32..=12, day in 1u32..=28, serial in 0u32..1000, wrong in 1u8..10
        ) {
            let nine = format!("{:02}{month:02}{day:02}{serial:03}", year % 100);
            let right = luhn::check_digit(&luhn::digits(&nine).unwrap());
            let bad = (right + wrong) % 10;
            let input = format!("{}{}{}", year / 100, nine, bad);
            prop_assert_eq!(parse(&input), Err(PersonnummerError::WrongCheckDigit));
        }

        #[test]
        fn never_panics_on_arbitrary_input(s in "\\PC{0,20}") {
            let _ = parse(&s);
        }
    }
}

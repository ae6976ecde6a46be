use serde::{Deserialize, Serialize};
use std::fmt;

/// A facility ID (anläggnings-ID, ID-4): an 18-digit GSRN beginning 735999
/// with the GS1 mod-10 check digit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Gsrn(String);

/// The GS1 company prefix Swedish grid operators' facility IDs start with.
pub const SWEDISH_FACILITY_PREFIX: &str = "735999";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GsrnError {
    #[error("Ange anläggnings-ID.")]
    Empty,
    #[error("Anläggnings-ID får bara innehålla siffror.")]
    InvalidCharacters,
    #[error("Anläggnings-ID ska ha 18 siffror.")]
    WrongLength,
    #[error("Anläggnings-ID ska börja med 735999.")]
    WrongPrefix,
    #[error("Kontrollsiffran (sista siffran) i anläggnings-ID stämmer inte.")]
    WrongCheckDigit,
}

/// GS1 check digit: weights 3,1,3,… from the digit nearest the check digit.
pub(crate) fn gs1_check_digit(payload: &[u8]) -> u8 {
    let sum: u32 = payload
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| u32::from(d) * if i % 2 == 0 { 3 } else { 1 })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

impl Gsrn {
    pub fn parse(input: &str) -> Result<Self, GsrnError> {
        let s = super::strip_spaces(input);
        if s.is_empty() {
            return Err(GsrnError::Empty);
        }
        let values = super::luhn::digits(&s).ok_or(GsrnError::InvalidCharacters)?;
        if values.len() != 18 {
            return Err(GsrnError::WrongLength);
        }
        if !s.starts_with(SWEDISH_FACILITY_PREFIX) {
            return Err(GsrnError::WrongPrefix);
        }
        if gs1_check_digit(&values[..17]) != values[17] {
            return Err(GsrnError::WrongCheckDigit);
        }
        Ok(Self(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The Swedish facility ID with this serial number (its last eleven
    /// digits before the check digit) — for demo and benchmark data.
    pub fn swedish(serial: u64) -> Self {
        let body = format!("{SWEDISH_FACILITY_PREFIX}{:011}", serial % 100_000_000_000);
        let digits: Vec<u8> = body.bytes().map(|b| b - b'0').collect();
        Self(format!("{body}{}", gs1_check_digit(&digits)))
    }
}

impl fmt::Display for Gsrn {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for Gsrn {
    type Error = GsrnError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Gsrn> for String {
    fn from(value: Gsrn) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn with_check(payload17: &str) -> String {
        let d = super::super::luhn::digits(payload17).unwrap();
        format!("{payload17}{}", gs1_check_digit(&d))
    }

    // covers: ID-4
    #[test]
    fn made_up_facility_ids_parse() {
        for serial in [0, 1, 37, 12_345_678_901, 99_999_999_999] {
            let g = Gsrn::swedish(serial);
            assert_eq!(Gsrn::parse(g.as_str()), Ok(g.clone()), "{serial}");
        }
        assert_eq!(Gsrn::swedish(3).as_str(), "735999000000000037");
    }

    #[test]
    fn gs1_check_digit_matches_the_standard_example() {
        // GS1's worked example: 629104150021 → check digit 3 (GTIN-13).
        assert_eq!(gs1_check_digit(&[6, 2, 9, 1, 0, 4, 1, 5, 0, 0, 2, 1]), 3);
    }

    // covers: ID-4
    #[test]
    fn accepts_valid_ids_with_spaces() {
        let id = with_check("73599900000000001");
        assert_eq!(Gsrn::parse(&id).unwrap().as_str(), id);
        let spaced = format!("{} {} {}", &id[..6], &id[6..12], &id[12..]);
        assert_eq!(Gsrn::parse(&spaced).unwrap().as_str(), id);
    }

    // covers: ID-4
    #[test]
    fn refusals_name_the_problem() {
        let id = with_check("73599900000000001");
        let wrong = format!("{}{}", &id[..17], (id.as_bytes()[17] - b'0' + 1) % 10);
        assert_eq!(Gsrn::parse(&wrong), Err(GsrnError::WrongCheckDigit));
        assert_eq!(Gsrn::parse(""), Err(GsrnError::Empty));
        assert_eq!(Gsrn::parse(&id[..17]), Err(GsrnError::WrongLength));
        assert_eq!(Gsrn::parse("73599900000000000x"), Err(GsrnError::InvalidCharacters));
        assert_eq!(Gsrn::parse(&with_check("12345600000000001")), Err(GsrnError::WrongPrefix));
    }

    proptest! {
        // covers: ID-4
        #[test]
        fn every_payload_with_its_check_digit_parses(n in 0u64..100_000_000_000) {
            let id = with_check(&format!("735999{n:011}"));
            let parsed = Gsrn::parse(&id).unwrap();
            prop_assert_eq!(parsed.as_str(), id.as_str());
        }

        // covers: ID-4
        #[test]
        fn a_single_changed_digit_is_caught(n in 0u64..100_000_000_000, pos in 6usize..18, delta in 1u8..10) {
            let id = with_check(&format!("735999{n:011}"));
            let mut bytes = id.into_bytes();
            bytes[pos] = b'0' + (bytes[pos] - b'0' + delta) % 10;
            let changed = String::from_utf8(bytes).unwrap();
            prop_assert_eq!(Gsrn::parse(&changed), Err(GsrnError::WrongCheckDigit));
        }
    }
}

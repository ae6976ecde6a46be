use super::{luhn, Personnummer};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A Swedish organisationsnummer (ID-2): ten digits with a Luhn check digit.
/// A sole trader (enskild firma) uses the owner's personnummer, which is
/// accepted in its 10- or 12-digit form. Held as 10 digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Organisationsnummer(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OrganisationsnummerError {
    #[error("Ange organisationsnummer.")]
    Empty,
    #[error("Organisationsnumret får bara innehålla siffror och ett bindestreck, till exempel 556036-0793.")]
    InvalidCharacters,
    #[error("Organisationsnumret ska ha 10 siffror, till exempel 556036-0793.")]
    WrongLength,
    #[error("Kontrollsiffran (sista siffran) i organisationsnumret stämmer inte.")]
    WrongCheckDigit,
    #[error("Numret är varken ett organisationsnummer eller ett giltigt personnummer för enskild firma.")]
    NotAnOrganisation,
}

impl Organisationsnummer {
    pub fn parse(input: &str) -> Result<Self, OrganisationsnummerError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(OrganisationsnummerError::Empty);
        }
        if !s.chars().all(|c| c.is_ascii_digit() || c == '-') || s.matches('-').count() > 1 {
            return Err(OrganisationsnummerError::InvalidCharacters);
        }
        let digits: String = s.chars().filter(char::is_ascii_digit).collect();
        if digits.len() != 10 && digits.len() != 12 {
            return Err(OrganisationsnummerError::WrongLength);
        }
        if let Some(pos) = s.find('-')
            && pos + 5 != s.len()
        {
            return Err(OrganisationsnummerError::InvalidCharacters);
        }
        let ten = match digits.len() {
            10 => digits,
            // Bolagsverket's 12-digit form prefixes 16; a sole trader may give 19/20.
            12 if digits.starts_with("16") => digits[2..].to_string(),
            12 => {
                let far = NaiveDate::from_ymd_opt(9999, 12, 31).expect("valid date");
                return Personnummer::parse(&digits, far)
                    .map(|p| Self(p.ten_digits().to_string()))
                    .map_err(|_| OrganisationsnummerError::NotAnOrganisation);
            }
            _ => return Err(OrganisationsnummerError::WrongLength),
        };
        let values = luhn::digits(&ten).expect("only digits");
        if luhn::check_digit(&values[..9]) != values[9] {
            return Err(OrganisationsnummerError::WrongCheckDigit);
        }
        // Legal entities have a third digit of at least 2 ("månad" ≥ 20);
        // below that the number must be a sole trader's date of birth.
        if values[2] < 2 {
            let month: u32 = ten[2..4].parse().unwrap_or(0);
            let day: u32 = ten[4..6].parse().unwrap_or(0);
            let day = if day > 60 { day - 60 } else { day };
            // Any year works for the check except 29 February: take a leap year.
            if NaiveDate::from_ymd_opt(2000, month, day).is_none() {
                return Err(OrganisationsnummerError::NotAnOrganisation);
            }
        }
        Ok(Self(ten))
    }

    /// The canonical ten digits, as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether the number is a sole trader's personnummer.
    pub fn is_sole_trader(&self) -> bool {
        self.0.as_bytes()[2] < b'2'
    }
}

impl fmt::Display for Organisationsnummer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", &self.0[..6], &self.0[6..])
    }
}

impl TryFrom<String> for Organisationsnummer {
    type Error = OrganisationsnummerError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Organisationsnummer> for String {
    fn from(value: Organisationsnummer) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    // covers: ID-2
    #[test]
    fn accepts_common_forms_and_stores_ten_digits() {
        for input in ["556036-0793", "5560360793", " 556036-0793 ", "165560360793"] {
            let o = Organisationsnummer::parse(input).unwrap();
            assert_eq!(o.as_str(), "5560360793", "{input}");
            assert_eq!(o.to_string(), "556036-0793");
            assert!(!o.is_sole_trader());
        }
    }

    // covers: ID-2
    #[test]
    fn a_sole_trader_uses_the_personnummer() {
        let o = Organisationsnummer::parse("19811218-9876").unwrap();
        assert_eq!(o.as_str(), "8112189876");
        assert!(o.is_sole_trader());
        assert!(Organisationsnummer::parse("811218-9876").unwrap().is_sole_trader());
    }

    // covers: ID-2
    #[test]
    fn refusals_name_the_problem() {
        use OrganisationsnummerError::*;
        assert_eq!(Organisationsnummer::parse(""), Err(Empty));
        assert_eq!(Organisationsnummer::parse("556036-079"), Err(WrongLength));
        assert_eq!(Organisationsnummer::parse("556036-0794"), Err(WrongCheckDigit));
        assert_eq!(Organisationsnummer::parse("55603-60793"), Err(InvalidCharacters));
        assert_eq!(Organisationsnummer::parse("556036_0793"), Err(InvalidCharacters));
        assert_eq!(Organisationsnummer::parse("19811218-9875"), Err(NotAnOrganisation));
        // Third digit below 2 but no valid date: neither kind of number.
        let nine = "001500000";
        let c = luhn::check_digit(&luhn::digits(nine).unwrap());
        assert_eq!(Organisationsnummer::parse(&format!("{nine}{c}")), Err(NotAnOrganisation));
    }

    proptest! {
        // covers: ID-2
        #[test]
        fn valid_legal_entities_round_trip(lead in 10u32..100, third in 2u32..10, rest in 0u32..1_000_000) {
            let nine = format!("{lead}{third}{rest:06}");
            let nine = nine.as_str();
            let c = luhn::check_digit(&luhn::digits(nine).unwrap());
            let input = format!("{}-{}{c}", &nine[..6], &nine[6..]);
            let parsed = Organisationsnummer::parse(&input).unwrap();
            prop_assert_eq!(parsed.to_string(), input);
            prop_assert_eq!(Organisationsnummer::parse(parsed.as_str()).unwrap(), parsed);
        }

        #[test]
        fn never_panics(s in "\\PC{0,16}") {
            let _ = Organisationsnummer::parse(&s);
        }
    }
}

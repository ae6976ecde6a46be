use serde::{Deserialize, Serialize};
use std::fmt;

/// A telephone number in international form (`+46701234567`). Swedish numbers
/// may be typed nationally (`070-123 45 67`); foreign installers give `+…`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PhoneNumberError {
    #[error("Ange ett telefonnummer.")]
    Empty,
    #[error("Telefonnumret får bara innehålla siffror, mellanslag, bindestreck och ett inledande +.")]
    InvalidCharacters,
    #[error("Telefonnumret har för få eller för många siffror.")]
    WrongLength,
}

impl PhoneNumber {
    pub fn parse(input: &str) -> Result<Self, PhoneNumberError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(PhoneNumberError::Empty);
        }
        let compact: String = s.chars().filter(|c| !matches!(c, ' ' | '-' | '(' | ')')).collect();
        let (international, digits) = if let Some(rest) = compact.strip_prefix('+') {
            (true, rest.to_string())
        } else if let Some(rest) = compact.strip_prefix("00") {
            (true, rest.to_string())
        } else {
            (false, compact)
        };
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
            return Err(PhoneNumberError::InvalidCharacters);
        }
        let e164 = if international {
            digits
        } else if let Some(national) = digits.strip_prefix('0') {
            format!("46{national}")
        } else {
            return Err(PhoneNumberError::InvalidCharacters);
        };
        // E.164 allows at most 15 digits; Swedish numbers have 7–9 after 46.
        let ok = if let Some(national) = e164.strip_prefix("46") {
            (7..=9).contains(&national.len()) && !national.starts_with('0')
        } else {
            (8..=15).contains(&e164.len())
        };
        if !ok {
            return Err(PhoneNumberError::WrongLength);
        }
        Ok(Self(format!("+{e164}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for PhoneNumber {
    type Error = PhoneNumberError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<PhoneNumber> for String {
    fn from(value: PhoneNumber) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_swedish_and_foreign_numbers() {
        for input in ["070-123 45 67", "0701234567", "+46 70 123 45 67", "0046701234567"] {
            assert_eq!(PhoneNumber::parse(input).unwrap().as_str(), "+46701234567", "{input}");
        }
        assert_eq!(PhoneNumber::parse("08-123 456 78").unwrap().as_str(), "+46812345678");
        assert_eq!(PhoneNumber::parse("+47 912 34 567").unwrap().as_str(), "+4791234567");
    }

    #[test]
    fn refusals() {
        assert_eq!(PhoneNumber::parse(""), Err(PhoneNumberError::Empty));
        assert_eq!(PhoneNumber::parse("070-abc"), Err(PhoneNumberError::InvalidCharacters));
        assert_eq!(PhoneNumber::parse("701234567"), Err(PhoneNumberError::InvalidCharacters));
        assert_eq!(PhoneNumber::parse("070123"), Err(PhoneNumberError::WrongLength));
        assert_eq!(PhoneNumber::parse("+4670123456789012"), Err(PhoneNumberError::WrongLength));
    }
}

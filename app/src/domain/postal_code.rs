use serde::{Deserialize, Serialize};
use std::fmt;

/// A Swedish postal code, held as `NNN NN`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PostalCode(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PostalCodeError {
    #[error("Postnumret ska ha fem siffror, till exempel 123 45.")]
    Invalid,
}

impl PostalCode {
    pub fn parse(input: &str) -> Result<Self, PostalCodeError> {
        let s = super::strip_spaces(input);
        if s.len() != 5 || !s.chars().all(|c| c.is_ascii_digit()) || s.starts_with('0') {
            return Err(PostalCodeError::Invalid);
        }
        Ok(Self(format!("{} {}", &s[..3], &s[3..])))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for PostalCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl TryFrom<String> for PostalCode {
    type Error = PostalCodeError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<PostalCode> for String {
    fn from(value: PostalCode) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postal_codes() {
        assert_eq!(PostalCode::parse("11122").unwrap().as_str(), "111 22");
        assert_eq!(PostalCode::parse(" 111 22 ").unwrap().as_str(), "111 22");
        assert!(PostalCode::parse("1112").is_err());
        assert!(PostalCode::parse("01122").is_err());
        assert!(PostalCode::parse("11a22").is_err());
    }
}

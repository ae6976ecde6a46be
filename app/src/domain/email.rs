use serde::{Deserialize, Serialize};
use std::fmt;

/// An e-mail address used as a username (ID-3): trimmed and lower-cased, so
/// comparisons are case-insensitive everywhere.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("Ange en e-postadress.")]
    Empty,
    #[error("E-postadressen får inte innehålla mellanslag.")]
    ContainsWhitespace,
    #[error("E-postadressen ska ha formen namn@exempel.se.")]
    Malformed,
    #[error("E-postadressen är för lång (högst 254 tecken).")]
    TooLong,
}

impl Email {
    pub fn parse(input: &str) -> Result<Self, EmailError> {
        let s = input.trim();
        if s.is_empty() {
            return Err(EmailError::Empty);
        }
        if s.chars().any(char::is_whitespace) {
            return Err(EmailError::ContainsWhitespace);
        }
        if s.chars().count() > 254 {
            return Err(EmailError::TooLong);
        }
        let lower = s.to_lowercase();
        let (local, domain) = lower.rsplit_once('@').ok_or(EmailError::Malformed)?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.contains('@')
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local.chars().all(|c| !c.is_control() && !"()<>,;:\\\"[]".contains(c));
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| c.is_alphanumeric() || c == '-')
            })
            && labels.last().is_some_and(|tld| tld.chars().count() >= 2);
        if !local_ok || !domain_ok {
            return Err(EmailError::Malformed);
        }
        Ok(Self(lower))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for Email {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Email {
    type Error = EmailError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Email> for String {
    fn from(value: Email) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    // covers: ID-3
    #[test]
    fn trims_and_lowercases_so_comparison_ignores_case() {
        let a = Email::parse("  Anna.Svensson@Elfirma.SE ").unwrap();
        let b = Email::parse("anna.svensson@elfirma.se").unwrap();
        assert_eq!(a, b);
        assert_eq!(a.as_str(), "anna.svensson@elfirma.se");
        assert!(Email::parse("örjan@elbolaget.se").is_ok());
        assert!(Email::parse("a+tag@sub.domain.example").is_ok());
    }

    // covers: ID-3
    #[test]
    fn refuses_malformed_addresses() {
        assert_eq!(Email::parse(""), Err(EmailError::Empty));
        assert_eq!(Email::parse("anna svensson@x.se"), Err(EmailError::ContainsWhitespace));
        for bad in ["anna", "anna@", "@x.se", "anna@x", "anna@@x.se", "anna@x..se", ".a@x.se", "a@-x.se", "a@x.s"] {
            assert_eq!(Email::parse(bad), Err(EmailError::Malformed), "{bad}");
        }
        let long = format!("{}@x.se", "a".repeat(260));
        assert_eq!(Email::parse(&long), Err(EmailError::TooLong));
    }

    proptest! {
        #[test]
        fn parsing_is_idempotent(local in "[a-zA-Z0-9._+-]{1,20}", domain in "[a-zA-Z0-9]{1,10}\\.[a-zA-Z]{2,4}") {
            if let Ok(e) = Email::parse(&format!("{local}@{domain}")) {
                prop_assert_eq!(Email::parse(e.as_str()).unwrap(), e.clone());
                prop_assert_eq!(e.as_str().to_lowercase(), e.as_str());
            }
        }
    }
}

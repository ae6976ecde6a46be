/// A password that meets the portal's policy. Never serialized or displayed:
/// it exists only long enough to be hashed.
pub struct Password(String);

pub const MIN_PASSWORD_CHARS: usize = 10;
const MAX_PASSWORD_CHARS: usize = 200;

/// A few of the passwords that lists of leaked passwords start with, in
/// forms long enough to pass the length rule.
const COMMON: &[&str] = &[
    "1234567890", "12345678910", "123456789012", "qwertyuiop", "qwerty1234", "password12",
    "password123", "lösenord123", "sommar2024", "sommar2025", "sommar2026", "vinter2025",
    "vinter2026", "hösten2026", "abcdefghij", "0123456789", "1111111111", "asdfghjkl1",
];

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PasswordError {
    #[error("Lösenordet måste ha minst 10 tecken.")]
    TooShort,
    #[error("Lösenordet får ha högst 200 tecken.")]
    TooLong,
    #[error("Lösenordet är för lätt att gissa. Välj ett längre eller mindre vanligt lösenord.")]
    TooCommon,
    #[error("Lösenordet får inte innehålla användarnamnet.")]
    ContainsUsername,
}

impl Password {
    /// Checks the policy; `username` is refused as part of the password.
    pub fn parse(input: &str, username: Option<&str>) -> Result<Self, PasswordError> {
        let count = input.chars().count();
        if count < MIN_PASSWORD_CHARS {
            return Err(PasswordError::TooShort);
        }
        if count > MAX_PASSWORD_CHARS {
            return Err(PasswordError::TooLong);
        }
        let lower = input.to_lowercase();
        let distinct = {
            let mut chars: Vec<char> = lower.chars().collect();
            chars.sort_unstable();
            chars.dedup();
            chars.len()
        };
        if COMMON.contains(&lower.as_str()) || distinct < 4 {
            return Err(PasswordError::TooCommon);
        }
        if let Some(user) = username {
            let local = user.split('@').next().unwrap_or("").to_lowercase();
            if local.chars().count() >= 4 && lower.contains(&local) {
                return Err(PasswordError::ContainsUsername);
            }
        }
        Ok(Self(input.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // covers: ACC-4
    #[test]
    fn policy() {
        assert!(Password::parse("korrekt-häst-batteri", None).is_ok());
        assert_eq!(Password::parse("kort", None).unwrap_err(), PasswordError::TooShort);
        assert_eq!(Password::parse("Password123", None).unwrap_err(), PasswordError::TooCommon);
        assert_eq!(Password::parse("aaaaaaaaaaaa", None).unwrap_err(), PasswordError::TooCommon);
        assert_eq!(
            Password::parse("annasvensson99", Some("annasvensson@x.se")).unwrap_err(),
            PasswordError::ContainsUsername
        );
        assert_eq!(Password::parse(&"x1".repeat(101), None).unwrap_err(), PasswordError::TooLong);
        assert_eq!(format!("{:?}", Password::parse("hemligt-lösen-1", None).unwrap()), "Password(***)");
    }
}

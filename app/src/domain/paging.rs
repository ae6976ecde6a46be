//! Which page of a list to show. Bounded when it is parsed, so no request can
//! ask for an offset that overflows on its way to the database.
use serde::{Deserialize, Deserializer, Serialize};

/// A page number, counted from 0, at most `PageNumber::MAX`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct PageNumber(u32);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Sidnumret måste vara ett heltal mellan 0 och {}.", PageNumber::MAX)]
pub struct PageNumberError;

impl PageNumber {
    /// Far beyond any list of the portal (a million cases at 25 a page is 40 000 pages).
    pub const MAX: u32 = 1_000_000;

    pub fn parse(n: u64) -> Result<Self, PageNumberError> {
        u32::try_from(n).ok().filter(|n| *n <= Self::MAX).map(Self).ok_or(PageNumberError)
    }

    /// The page, or the last allowed one (for pages the app itself counts).
    pub fn saturating(n: u64) -> Self {
        Self::parse(n).unwrap_or(Self(Self::MAX))
    }

    pub fn get(self) -> u64 {
        u64::from(self.0)
    }

    /// The rows to skip for pages of `per_page` rows.
    pub fn offset(self, per_page: u64) -> u64 {
        self.get().saturating_mul(per_page)
    }
}

impl<'de> Deserialize<'de> for PageNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let n = u64::deserialize(deserializer)?;
        PageNumber::parse(n).map_err(serde::de::Error::custom)
    }
}

impl From<PageNumber> for u64 {
    fn from(p: PageNumber) -> u64 {
        p.get()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_bounded() {
        assert_eq!(PageNumber::parse(0).unwrap().get(), 0);
        assert_eq!(PageNumber::parse(u64::from(PageNumber::MAX)).unwrap().get(), u64::from(PageNumber::MAX));
        assert!(PageNumber::parse(u64::from(PageNumber::MAX) + 1).is_err());
        assert!(PageNumber::parse(u64::MAX).is_err());
        assert_eq!(PageNumber::saturating(u64::MAX).get(), u64::from(PageNumber::MAX));
        assert_eq!(PageNumber::parse(3).unwrap().offset(25), 75);
    }

    #[test]
    fn parsing_refuses_what_is_not_a_page() {
        assert!(serde_json::from_str::<PageNumber>("-1").is_err());
        assert!(serde_json::from_str::<PageNumber>("18446744073709551615").is_err());
        assert!(serde_json::from_str::<PageNumber>("\"x\"").is_err());
        assert_eq!(serde_json::from_str::<PageNumber>("7").unwrap().get(), 7);
    }
}

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

/// Where a page of a list starts when the reader steps to the next or the
/// previous page: beside a row of the page they see (keyset pagination,
/// issue 13), so a deep page costs what the first does instead of reading
/// and skipping every row before it. The row is named by its id; the server
/// looks up its place in the list (and falls back to the page number when
/// the row has left the list meanwhile).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageCursor {
    /// The rows after this one (`Nästa`).
    After(i32),
    /// The rows before this one (`Föregående`).
    Before(i32),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Sidmarkören ska vara \"efter-N\" eller \"fore-N\".")]
pub struct PageCursorError;

impl PageCursor {
    /// The cursor as a form field's value: `efter-17` or `fore-17`.
    pub fn to_form_value(self) -> String {
        match self {
            Self::After(id) => format!("efter-{id}"),
            Self::Before(id) => format!("fore-{id}"),
        }
    }

    pub fn parse(text: &str) -> Result<Self, PageCursorError> {
        let (side, id) = text.trim().split_once('-').ok_or(PageCursorError)?;
        let id = id.parse::<i32>().ok().filter(|id| *id > 0).ok_or(PageCursorError)?;
        match side {
            "efter" => Ok(Self::After(id)),
            "fore" => Ok(Self::Before(id)),
            _ => Err(PageCursorError),
        }
    }
}

impl Serialize for PageCursor {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_form_value())
    }
}

impl<'de> Deserialize<'de> for PageCursor {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        PageCursor::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_is_a_side_and_a_row() {
        assert_eq!(PageCursor::parse("efter-17"), Ok(PageCursor::After(17)));
        assert_eq!(PageCursor::parse("fore-3"), Ok(PageCursor::Before(3)));
        for bad in ["", "efter", "efter-", "efter-x", "efter--1", "efter-0", "mitt-3", "efter-99999999999"] {
            assert!(PageCursor::parse(bad).is_err(), "{bad}");
        }
        for c in [PageCursor::After(5), PageCursor::Before(9)] {
            assert_eq!(PageCursor::parse(&c.to_form_value()), Ok(c));
            assert_eq!(serde_json::from_str::<PageCursor>(&serde_json::to_string(&c).unwrap()).unwrap(), c);
        }
    }

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

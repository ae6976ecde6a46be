//! ADM-7: what an admin types to find an account in the user directory —
//! a personnummer, an organisationsnummer (the accounts in that company's
//! teams), or any part of a name, an e-mail address or a team's name.
use super::{Organisationsnummer, Personnummer};
use chrono::NaiveDate;

/// The longest search the directory takes.
pub const MAX_DIRECTORY_QUERY_CHARS: usize = 100;

/// What the directory finds an account by: its name and e-mail address,
/// lower case, runs of white space as one.
pub fn directory_text(name: &str, email: &str) -> String {
    fold(&format!("{name} | {email}"))
}

fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A directory search, by what the text is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DirectoryQuery {
    Personnummer(Personnummer),
    Organisationsnummer(Organisationsnummer),
    /// Part of a name, an e-mail address or a team's name, folded like
    /// `directory_text`, wildcards as plain text.
    Text(String),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DirectoryQueryError {
    #[error("Skriv namn, personnummer, e-postadress, organisationsnummer eller team.")]
    Empty,
    #[error("Skriv minst två tecken.")]
    TooShort,
    #[error("Sökningen får ha högst {MAX_DIRECTORY_QUERY_CHARS} tecken.")]
    TooLong,
}

impl DirectoryQuery {
    pub fn parse(raw: &str, today: NaiveDate) -> Result<Self, DirectoryQueryError> {
        let raw = raw.trim();
        if raw.is_empty() {
            return Err(DirectoryQueryError::Empty);
        }
        if raw.chars().count() > MAX_DIRECTORY_QUERY_CHARS {
            return Err(DirectoryQueryError::TooLong);
        }
        if let Ok(p) = Personnummer::parse(raw, today) {
            return Ok(Self::Personnummer(p));
        }
        if let Ok(o) = Organisationsnummer::parse(raw) {
            return Ok(Self::Organisationsnummer(o));
        }
        // `%`, `_` and `|` would be wildcards or reach from the name into the address.
        let folded = fold(&raw.replace(['%', '_', '|', '\\'], " "));
        if folded.chars().count() < 2 {
            return Err(DirectoryQueryError::TooShort);
        }
        Ok(Self::Text(folded))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
    }

    // covers: ADM-7
    #[test]
    fn numbers_are_recognised_and_text_is_folded() {
        assert!(matches!(DirectoryQuery::parse("19811218-9876", today()), Ok(DirectoryQuery::Personnummer(_))));
        assert!(matches!(DirectoryQuery::parse("198112189876", today()), Ok(DirectoryQuery::Personnummer(_))));
        assert!(matches!(DirectoryQuery::parse("556123-4500", today()), Ok(DirectoryQuery::Organisationsnummer(_))));
        assert_eq!(DirectoryQuery::parse("  Åsa   LINDQVIST ", today()), Ok(DirectoryQuery::Text("åsa lindqvist".into())));
        assert_eq!(DirectoryQuery::parse("anna@", today()), Ok(DirectoryQuery::Text("anna@".into())));
        assert_eq!(DirectoryQuery::parse("a%_b", today()), Ok(DirectoryQuery::Text("a b".into())));
    }

    // covers: ADM-7
    #[test]
    fn nothing_to_search_for_is_refused() {
        assert_eq!(DirectoryQuery::parse("   ", today()), Err(DirectoryQueryError::Empty));
        assert_eq!(DirectoryQuery::parse("%", today()), Err(DirectoryQueryError::TooShort));
        assert_eq!(DirectoryQuery::parse("x", today()), Err(DirectoryQueryError::TooShort));
        assert_eq!(DirectoryQuery::parse(&"x".repeat(101), today()), Err(DirectoryQueryError::TooLong));
    }

    #[test]
    fn the_text_matches_how_a_query_is_folded() {
        let text = directory_text("Åsa  Lindqvist", "Asa@Elfirma.se");
        assert_eq!(text, "åsa lindqvist | asa@elfirma.se");
        let DirectoryQuery::Text(q) = DirectoryQuery::parse("ÅSA LIND", today()).unwrap() else { panic!() };
        assert!(text.contains(&q));
    }
}

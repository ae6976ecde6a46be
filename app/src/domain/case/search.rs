//! CASE-4 search in `Mina ärenden`: by case number (whole or part) and by
//! the customer's name or the facility's address (any part). Cases keep a
//! normalised text of the three, which the database indexes (trigrams on
//! PostgreSQL, an FTS5 trigram table on SQLite); a search looks for the
//! normalised query anywhere in it.

/// The longest text a search takes: nothing searched for is longer than an
/// address, and longer patterns only cost.
pub const MAX_QUERY_CHARS: usize = 200;

/// What a case is found by: its number, customer and address, in lower case
/// with runs of white space as one space (the same folding as the query's).
pub fn search_text(case_number: Option<&str>, customer_name: &str, facility_address: &str) -> String {
    let joined = format!("{} | {} | {}", case_number.unwrap_or(""), customer_name, facility_address);
    fold(&joined)
}

fn fold(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// A search as typed, folded like `search_text`; `None` when there is
/// nothing to search for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseSearch(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CaseSearchError {
    #[error("Sökningen får ha högst {MAX_QUERY_CHARS} tecken.")]
    TooLong,
}

impl CaseSearch {
    pub fn parse(raw: &str) -> Result<Option<Self>, CaseSearchError> {
        if raw.chars().count() > MAX_QUERY_CHARS {
            return Err(CaseSearchError::TooLong);
        }
        // `%`, `_` and `|` would be wildcards or cross from one part of the text to the next.
        let folded = fold(&raw.replace(['%', '_', '|', '\\'], " "));
        Ok((!folded.is_empty()).then_some(Self(folded)))
    }

    /// The `LIKE` pattern: the query anywhere in the search text.
    pub fn like_pattern(&self) -> String {
        format!("%{}%", self.0)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finds(query: &str, number: Option<&str>, name: &str, address: &str) -> bool {
        let text = search_text(number, name, address);
        CaseSearch::parse(query).unwrap().is_some_and(|q| text.contains(q.as_str()))
    }

    // covers: CASE-4
    #[test]
    fn finds_by_any_part_of_number_name_or_address() {
        let number = Some("IW-000123");
        assert!(finds("IW-000123", number, "Åsa Karlsson", "Storgatan 1, Umeå"));
        assert!(finds("iw-0001", number, "Åsa Karlsson", "Storgatan 1, Umeå"));
        assert!(finds("000123", number, "Åsa Karlsson", "Storgatan 1, Umeå"));
        assert!(finds("karlsson", number, "Åsa Karlsson", "Storgatan 1, Umeå"));
        assert!(finds("ÅSA", number, "Åsa Karlsson", "Storgatan 1, Umeå"));
        assert!(finds("  storgatan   1 ", number, "Åsa Karlsson", "Storgatan  1, Umeå"));
        assert!(!finds("Luleå", number, "Åsa Karlsson", "Storgatan 1, Umeå"));
    }

    #[test]
    fn wildcards_and_separators_are_plain_text() {
        // `%` alone is no search at all; it never matches everything.
        assert_eq!(CaseSearch::parse("%").unwrap(), None);
        assert_eq!(CaseSearch::parse("   ").unwrap(), None);
        assert!(!finds("123 | åsa", Some("IW-000123"), "Åsa", "Gatan 1"));
        assert_eq!(CaseSearch::parse("a_b").unwrap().unwrap().like_pattern(), "%a b%");
    }

    #[test]
    fn a_long_search_is_refused() {
        assert_eq!(CaseSearch::parse(&"a".repeat(MAX_QUERY_CHARS + 1)), Err(CaseSearchError::TooLong));
        assert!(CaseSearch::parse(&"å".repeat(MAX_QUERY_CHARS)).is_ok());
    }
}

//! UX-2: the portal's two languages. Swedish is the default; English is
//! chosen by the person (remembered on the account and in a cookie).
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Language {
    #[default]
    Swedish,
    English,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Okänt språk. Välj svenska (sv) eller engelska (en).")]
pub struct UnknownLanguage;

impl Language {
    pub const ALL: [Language; 2] = [Language::Swedish, Language::English];

    /// The BCP 47 tag: `<html lang>`, the cookie and the account store it.
    pub fn code(self) -> &'static str {
        match self {
            Language::Swedish => "sv",
            Language::English => "en",
        }
    }

    /// The language's name in itself, as a language switch shows it.
    pub fn own_name(self) -> &'static str {
        match self {
            Language::Swedish => "Svenska",
            Language::English => "English",
        }
    }

    /// The other one of the two, the one a switch offers.
    pub fn other(self) -> Language {
        match self {
            Language::Swedish => Language::English,
            Language::English => Language::Swedish,
        }
    }

    /// The language a browser's `Accept-Language` header ranks highest among
    /// ours (`en-GB;q=0.8, sv;q=0.9` → Swedish), `None` when it names neither.
    /// The portal does not switch on this guess alone (Swedish stays the
    /// default); it is what the language switch offers first.
    pub fn preferred_by(accept_language: &str) -> Option<Language> {
        let mut best: Option<(u16, Language)> = None;
        for range in accept_language.split(',').take(32) {
            let mut parts = range.split(';');
            let tag = parts.next().unwrap_or("").trim();
            let primary = tag.split('-').next().unwrap_or("");
            let Ok(language) = primary.parse::<Language>() else { continue };
            let quality = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(parse_quality)
                .unwrap_or(1000);
            // A tie goes to the one named first, as the header orders them.
            if quality > 0 && best.is_none_or(|(q, _)| quality > q) {
                best = Some((quality, language));
            }
        }
        best.map(|(_, language)| language)
    }
}

/// A quality value (`0.8`) in thousandths, `None` when malformed.
fn parse_quality(q: &str) -> Option<u16> {
    let value: f32 = q.trim().parse().ok()?;
    (0.0..=1.0).contains(&value).then(|| (value * 1000.0).round() as u16)
}

impl FromStr for Language {
    type Err = UnknownLanguage;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "sv" | "sv-se" | "sv-fi" => Ok(Language::Swedish),
            "en" | "en-gb" | "en-us" => Ok(Language::English),
            _ => Err(UnknownLanguage),
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // covers: UX-2
    #[test]
    fn codes_round_trip_and_unknown_ones_are_refused() {
        for language in Language::ALL {
            assert_eq!(language.code().parse::<Language>(), Ok(language));
        }
        assert_eq!("EN".parse::<Language>(), Ok(Language::English));
        assert_eq!("de".parse::<Language>(), Err(UnknownLanguage));
        assert_eq!("".parse::<Language>(), Err(UnknownLanguage));
        assert_eq!(Language::default(), Language::Swedish);
    }

    #[test]
    fn the_browser_guess_follows_the_quality_values() {
        assert_eq!(Language::preferred_by("en-US,en;q=0.9"), Some(Language::English));
        assert_eq!(Language::preferred_by("sv-SE,sv;q=0.9,en-US;q=0.8,en;q=0.7"), Some(Language::Swedish));
        assert_eq!(Language::preferred_by("en-GB;q=0.8, sv;q=0.9"), Some(Language::Swedish));
        assert_eq!(Language::preferred_by("de-DE, fr;q=0.5"), None);
        assert_eq!(Language::preferred_by("de-DE, en;q=0.5"), Some(Language::English));
        assert_eq!(Language::preferred_by("en;q=0"), None);
        assert_eq!(Language::preferred_by("sv;q=bad, en;q=0.1"), Some(Language::Swedish));
        assert_eq!(Language::preferred_by(""), None);
    }
}

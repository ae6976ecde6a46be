//! UX-2: what the domain's typed errors say, in the language of whoever is
//! reading. The domain stays free of languages (its `Display` is the Swedish
//! text, for logs and tests); the words are chosen here, at the edge — where
//! a server function turns a parse error into a field message, and where a
//! form checks a value as it is typed.
use crate::domain::{
    EmailError, OrganisationsnummerError, PasswordError, PersonnummerError, PhoneNumberError, PostalCodeError,
    UnknownLanguage,
};
use crate::i18n::{td_string, Locale};

/// A message that can be said in either language.
pub trait Translate {
    fn text(&self, locale: Locale) -> String;
}

/// Messages not yet in the translation files (UX-2 is being done form by
/// form) keep their one text.
impl Translate for String {
    fn text(&self, _: Locale) -> String {
        self.clone()
    }
}

impl Translate for &str {
    fn text(&self, _: Locale) -> String {
        self.to_string()
    }
}

/// One `impl Translate` per error type: each variant names its key.
macro_rules! translate {
    ($error:ty { $($variant:pat => $key:ident),* $(,)? }) => {
        impl Translate for $error {
            fn text(&self, locale: Locale) -> String {
                #[allow(unreachable_patterns)]
                match self {
                    $($variant => td_string!(locale, errors.$key).to_string(),)*
                }
            }
        }
    };
}

translate!(UnknownLanguage { UnknownLanguage => unknown_language });

translate!(EmailError {
    EmailError::Empty => email_empty,
    EmailError::ContainsWhitespace => email_whitespace,
    EmailError::Malformed => email_malformed,
    EmailError::TooLong => email_too_long,
});

translate!(PersonnummerError {
    PersonnummerError::Empty => personnummer_empty,
    PersonnummerError::InvalidCharacters => personnummer_characters,
    PersonnummerError::WrongLength => personnummer_length,
    PersonnummerError::MisplacedSeparator => personnummer_separator,
    PersonnummerError::InvalidMonth => personnummer_month,
    PersonnummerError::InvalidDay => personnummer_day,
    PersonnummerError::FutureDate => personnummer_future,
    PersonnummerError::WrongCheckDigit => personnummer_check_digit,
});

translate!(PhoneNumberError {
    PhoneNumberError::Empty => phone_empty,
    PhoneNumberError::InvalidCharacters => phone_characters,
    PhoneNumberError::WrongLength => phone_length,
});

translate!(PostalCodeError { PostalCodeError::Invalid => postal_code });

translate!(PasswordError {
    PasswordError::TooShort => password_short,
    PasswordError::TooLong => password_long,
    PasswordError::TooCommon => password_common,
    PasswordError::ContainsUsername => password_username,
});

translate!(OrganisationsnummerError {
    OrganisationsnummerError::Empty => orgnr_empty,
    OrganisationsnummerError::InvalidCharacters => orgnr_characters,
    OrganisationsnummerError::WrongLength => orgnr_length,
    OrganisationsnummerError::WrongCheckDigit => orgnr_check_digit,
    OrganisationsnummerError::NotAnOrganisation => orgnr_not_organisation,
});

/// A case's state as the page's reader calls it.
pub fn state_label(locale: Locale, state: crate::domain::case::CaseState) -> &'static str {
    use crate::domain::case::CaseState;
    match state {
        CaseState::Utkast => td_string!(locale, case_state.utkast),
        CaseState::Pagaende => td_string!(locale, case_state.pagaende),
        CaseState::Komplettera => td_string!(locale, case_state.komplettera),
        CaseState::Fardiganmald => td_string!(locale, case_state.fardiganmald),
        CaseState::Arkiv => td_string!(locale, case_state.arkiv),
        CaseState::Makulerad => td_string!(locale, case_state.makulerad),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // covers: UX-2
    #[test]
    fn a_domain_error_is_said_in_swedish_as_the_domain_says_it_and_in_english() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let error = crate::domain::Personnummer::parse("19920305-4566", today).unwrap_err();
        assert_eq!(error.text(Locale::sv), error.to_string(), "the Swedish text is the domain's own");
        assert_eq!(error.text(Locale::en), "The check digit (the last digit) of the personnummer is wrong.");
        let error = crate::domain::Email::parse("inte en adress").unwrap_err();
        assert_eq!(error.text(Locale::sv), error.to_string());
        assert!(error.text(Locale::en).starts_with("The e-mail address"));
        for state in crate::domain::case::CaseState::ALL {
            assert_eq!(state_label(Locale::sv, state), state.label(), "Swedish is the domain's own word");
        }
        for error in [PasswordError::TooShort, PasswordError::TooLong, PasswordError::TooCommon, PasswordError::ContainsUsername] {
            assert_eq!(error.text(Locale::sv), error.to_string());
            assert_ne!(error.text(Locale::en), error.to_string());
        }
    }
}

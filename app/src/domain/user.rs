use serde::{Deserialize, Serialize};

/// What kind of installer account this is (ACC-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
// Stored as its code; an unknown stored value is an error, never a guess.
#[cfg_attr(feature = "ssr", derive(sea_orm::DeriveActiveEnum, sea_orm::EnumIter))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum UserType {
    /// An authorized electrician; the only type that may report completion.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "elinstallator"))]
    Elinstallator,
    /// Office staff of an installation company who prepare cases.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "kontorspersonal"))]
    Kontorspersonal,
}

impl UserType {
    pub const ALL: [UserType; 2] = [UserType::Elinstallator, UserType::Kontorspersonal];

    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            UserType::Elinstallator => "elinstallator",
            UserType::Kontorspersonal => "kontorspersonal",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.code() == code)
    }

    /// The word the routine uses.
    pub fn label(self) -> &'static str {
        match self {
            UserType::Elinstallator => "Elinstallatör",
            UserType::Kontorspersonal => "Kontorspersonal",
        }
    }

    /// CASE-3: only an authorized electrician declares the work done.
    pub fn may_report_completion(self) -> bool {
        matches!(self, UserType::Elinstallator)
    }
}

/// What a person may do in the portal as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
// Stored as its code; an unknown stored value is an error, never a guess.
#[cfg_attr(feature = "ssr", derive(sea_orm::DeriveActiveEnum, sea_orm::EnumIter))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum Role {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "installer"))]
    Installer,
    /// Staff of the connection unit (CASE-12).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "handler_connection"))]
    ConnectionHandler,
    /// Staff of the facility unit (CASE-12).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "handler_facility"))]
    FacilityHandler,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "admin"))]
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Installer, Role::ConnectionHandler, Role::FacilityHandler, Role::Admin];

    pub fn code(self) -> &'static str {
        match self {
            Role::Installer => "installer",
            Role::ConnectionHandler => "handler_connection",
            Role::FacilityHandler => "handler_facility",
            Role::Admin => "admin",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Installer => "Installatör",
            Role::ConnectionHandler => "Handläggare, elanslutning",
            Role::FacilityHandler => "Handläggare, elanläggning",
            Role::Admin => "Administratör",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for t in UserType::ALL {
            assert_eq!(UserType::from_code(t.code()), Some(t));
        }
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(r));
        }
        assert_eq!(UserType::from_code("x"), None);
    }

    // covers: ACC-1
    #[test]
    fn only_an_elinstallator_reports_completion() {
        assert!(UserType::Elinstallator.may_report_completion());
        assert!(!UserType::Kontorspersonal.may_report_completion());
    }

    /// Stored values are the codes, and a value the enum does not know is an
    /// error when read — never a guess at a role or a state.
    #[cfg(feature = "ssr")]
    #[test]
    fn stored_values_are_the_codes_and_unknown_ones_are_errors() {
        use crate::domain::case::{AttachmentKind, CaseState, Unit};
        use crate::domain::support::{DocumentKind, SupportKind, SupportStatus};
        use sea_orm::ActiveEnum;
        fn round_trip<E: ActiveEnum<Value = String> + PartialEq + std::fmt::Debug + Copy>(all: &[E], code: impl Fn(E) -> &'static str) {
            for e in all {
                assert_eq!(e.to_value(), code(*e));
                assert_eq!(E::try_from_value(&code(*e).to_string()).unwrap(), *e);
            }
            assert!(E::try_from_value(&"okänt".to_string()).is_err());
        }
        round_trip(&Role::ALL, Role::code);
        round_trip(&UserType::ALL, UserType::code);
        round_trip(&CaseState::ALL, CaseState::code);
        round_trip(&Unit::ALL, Unit::code);
        round_trip(&AttachmentKind::ALL, AttachmentKind::code);
        round_trip(&SupportKind::ALL, SupportKind::code);
        round_trip(&SupportStatus::ALL, SupportStatus::code);
        round_trip(&DocumentKind::ALL, DocumentKind::code);
        use crate::domain::OfferStatus;
        use sea_orm::Iterable;
        for s in OfferStatus::iter() {
            assert_eq!(OfferStatus::try_from_value(&s.to_value()).unwrap(), s);
        }
        assert!(OfferStatus::try_from_value(&"okänt".to_string()).is_err());
    }
}

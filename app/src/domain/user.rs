use serde::{Deserialize, Serialize};

/// What kind of installer account this is (ACC-1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum UserType {
    /// An authorized electrician; the only type that may report completion.
    Elinstallator,
    /// Office staff of an installation company who prepare cases.
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
pub enum Role {
    Installer,
    /// Staff of the connection unit (CASE-12).
    ConnectionHandler,
    /// Staff of the facility unit (CASE-12).
    FacilityHandler,
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
}

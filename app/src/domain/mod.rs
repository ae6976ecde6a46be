//! Pure domain types and rules: no I/O, compiled for both the server and the
//! browser, so the same parser gives instant feedback in a form and is the
//! authority on the server (ID-6).

pub mod audit;
mod directory;
mod email;
mod luhn;
mod organisationsnummer;
mod paging;
mod password;
mod person_name;
mod personnummer;
mod gsrn;
mod language;
mod phone;
mod postal_code;
mod register;
pub mod case;
pub mod support;
pub mod swedish_time;
mod team;
mod user;

pub use case::*;
pub use directory::{directory_text, DirectoryQuery, DirectoryQueryError, MAX_DIRECTORY_QUERY_CHARS};
pub use email::{Email, EmailError};
pub use gsrn::{Gsrn, GsrnError};
pub use language::{Language, UnknownLanguage};
pub use organisationsnummer::{Organisationsnummer, OrganisationsnummerError};
pub use paging::{PageCursor, PageCursorError, PageNumber, PageNumberError};
pub use password::{Password, PasswordError};
pub use person_name::same_person_name;
pub use personnummer::{Personnummer, PersonnummerError};
pub use phone::{PhoneNumber, PhoneNumberError};
pub use postal_code::{PostalCode, PostalCodeError};
pub use register::{parse_import, ParsedImport, RegisterEntry, RegisterFieldError, RegisterKind, RegisterProblem, RejectedRow, MAX_IMPORT_ROWS};
pub use team::{authorize as authorize_team, OfferStatus, TeamAction, TeamDenial, TeamRelation, MAX_TEAM_NAME_CHARS};
pub use user::{Role, UserType};

/// The version of the terms of use and technical instructions a person accepts
/// with `Godkänn` when registering (ACC-1). Bump it when the text changes.
pub const TERMS_VERSION: &str = "2026-11";

/// Removes ASCII spaces and hyphens that people type for readability.
pub(crate) fn strip_spaces(input: &str) -> String {
    input.chars().filter(|c| !c.is_whitespace()).collect()
}

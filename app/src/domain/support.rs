//! ACC-5, ACC-6, TEAM-8 and ACC-7: the requests people send to support
//! (`Ärende till support`) and the documents they carry. Each kind declares
//! its fields and the document it needs, so the form, the server's check and
//! the admin's completion form all come from one place. Pure: no I/O.
use super::{Email, EmailError, Organisationsnummer, OrganisationsnummerError, PhoneNumber, PhoneNumberError};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a support request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
// Stored as its code; an unknown stored value is an error, never a guess.
#[cfg_attr(feature = "ssr", derive(sea_orm::DeriveActiveEnum, sea_orm::EnumIter))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum SupportKind {
    /// ACC-5: an account for an installer authorized in Sweden but without a personnummer.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "utlandsk_installator"))]
    ForeignInstaller,
    /// ACC-6: an account and a team for an installer without a company.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "installator_utan_foretag"))]
    InstallerWithoutCompany,
    /// TEAM-8: a team for a municipality or similar body not in the register.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "kommun_team"))]
    MunicipalityTeam,
    /// Anything else.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "fraga"))]
    Question,
}

/// A document kept with a request, an account or a team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
// Stored as its code; an unknown stored value is an error, never a guess.
#[cfg_attr(feature = "ssr", derive(sea_orm::DeriveActiveEnum, sea_orm::EnumIter))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum DocumentKind {
    /// ACC-5: the installer's certificate from Elsäkerhetsverket.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "intyg"))]
    Certificate,
    /// ACC-6: the installer's statement of authorization.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "behorighetsintyg"))]
    AuthorizationStatement,
    /// TEAM-8: proof of authorization corresponding to what Elsäkerhetsverket requires.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "behorighetsbevis"))]
    AuthorizationProof,
    /// Anything attached to a question.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "ovrigt"))]
    Other,
}

impl DocumentKind {
    pub const ALL: [DocumentKind; 4] =
        [DocumentKind::Certificate, DocumentKind::AuthorizationStatement, DocumentKind::AuthorizationProof, DocumentKind::Other];

    pub fn code(self) -> &'static str {
        match self {
            DocumentKind::Certificate => "intyg",
            DocumentKind::AuthorizationStatement => "behorighetsintyg",
            DocumentKind::AuthorizationProof => "behorighetsbevis",
            DocumentKind::Other => "ovrigt",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            DocumentKind::Certificate => "Intyg från Elsäkerhetsverket",
            DocumentKind::AuthorizationStatement => "Intyg om behörighet",
            DocumentKind::AuthorizationProof => "Behörighetsbevis",
            DocumentKind::Other => "Bilaga",
        }
    }
}

/// How a field's value is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SupportFieldKind {
    Text(usize),
    LongText(usize),
    Email,
    Phone,
    AuthorizationNumber,
    Organisationsnummer,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SupportField {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: SupportFieldKind,
    pub required: bool,
    pub hint: Option<&'static str>,
}

const fn field(key: &'static str, label: &'static str, kind: SupportFieldKind) -> SupportField {
    SupportField { key, label, kind, required: true, hint: None }
}

const fn optional(f: SupportField) -> SupportField {
    SupportField { required: false, ..f }
}

const fn hinted(f: SupportField, hint: &'static str) -> SupportField {
    SupportField { hint: Some(hint), ..f }
}

use SupportFieldKind as K;

/// The installer an account is created for (ACC-5, ACC-6): they are also the one asking.
const INSTALLER: [SupportField; 4] = [
    field("name", "Namn", K::Text(200)),
    hinted(field("email", "E-postadress", K::Email), "Blir användarnamnet på Installatörswebben."),
    hinted(field("mobile", "Mobilnummer", K::Phone), "Utländska nummer med landsnummer, till exempel +47 …"),
    hinted(field("authorization_number", "Behörighetsnummer", K::AuthorizationNumber), "Står på intyget från Elsäkerhetsverket."),
];

const FOREIGN_INSTALLER: &[SupportField] = &INSTALLER;

const WITHOUT_COMPANY: &[SupportField] = &[
    INSTALLER[0],
    INSTALLER[1],
    INSTALLER[2],
    INSTALLER[3],
    optional(hinted(field("team_name", "Namn på teamet", K::Text(100)), "Lämnas tomt blir det installatörens namn.")),
];

const MUNICIPALITY: &[SupportField] = &[
    hinted(field("owner_email", "Teamägarens användarnamn", K::Email), "Ägaren måste redan ha ett konto på Installatörswebben."),
    field("organisation_name", "Organisationens namn", K::Text(200)),
    field("organisationsnummer", "Organisationsnummer", K::Organisationsnummer),
    field("team_name", "Namn på teamet", K::Text(100)),
    field("contact_name", "Kontaktperson för teamet", K::Text(200)),
    field("contact_email", "Teamets e-postadress", K::Email),
    field("contact_phone", "Teamets telefonnummer", K::Phone),
];

const QUESTION: &[SupportField] = &[field("message", "Din fråga", K::LongText(4000))];

/// Who asks, when the request is not about their own account.
const ASKER: &[SupportField] = &[
    field("name", "Ditt namn", K::Text(200)),
    hinted(field("email", "Din e-postadress", K::Email), "Hit skickar vi besked om ärendet."),
    optional(field("mobile", "Ditt telefonnummer", K::Phone)),
];

impl SupportKind {
    pub const ALL: [SupportKind; 4] =
        [SupportKind::ForeignInstaller, SupportKind::InstallerWithoutCompany, SupportKind::MunicipalityTeam, SupportKind::Question];

    pub fn code(self) -> &'static str {
        match self {
            SupportKind::ForeignInstaller => "utlandsk_installator",
            SupportKind::InstallerWithoutCompany => "installator_utan_foretag",
            SupportKind::MunicipalityTeam => "kommun_team",
            SupportKind::Question => "fraga",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            SupportKind::ForeignInstaller => "Konto för utländsk installatör",
            SupportKind::InstallerWithoutCompany => "Konto och team för installatör utan företag",
            SupportKind::MunicipalityTeam => "Team för kommun eller liknande",
            SupportKind::Question => "Allmän fråga",
        }
    }

    pub fn description(self) -> &'static str {
        match self {
            SupportKind::ForeignInstaller => {
                "Installatörer utan svenskt personnummer kan inte registrera sig själva. Vi skapar kontot med behörighetsnumret från ert intyg från Elsäkerhetsverket; bifoga intyget."
            }
            SupportKind::InstallerWithoutCompany => {
                "Behörig installatör som inte arbetar på ett registrerat elinstallationsföretag. Vi skapar konto och team åt dig; bifoga ditt intyg om behörighet."
            }
            SupportKind::MunicipalityTeam => {
                "För kommuner och liknande som inte finns i Elsäkerhetsverkets register. Ägaren ska redan ha ett konto; bifoga ett behörighetsbevis som motsvarar det Elsäkerhetsverket kräver."
            }
            SupportKind::Question => "Frågor om Installatörswebben som inte gäller ett enskilt ärende.",
        }
    }

    /// Who asks, for kinds where that is not the account being asked for.
    pub fn asker_fields(self) -> &'static [SupportField] {
        if self.asks_for_account() { &[] } else { ASKER }
    }

    /// What the request is about: the fields completing it works from.
    pub fn fields(self) -> &'static [SupportField] {
        match self {
            SupportKind::ForeignInstaller => FOREIGN_INSTALLER,
            SupportKind::InstallerWithoutCompany => WITHOUT_COMPANY,
            SupportKind::MunicipalityTeam => MUNICIPALITY,
            SupportKind::Question => QUESTION,
        }
    }

    /// The document the request must carry, if any.
    pub fn document(self) -> Option<DocumentKind> {
        match self {
            SupportKind::ForeignInstaller => Some(DocumentKind::Certificate),
            SupportKind::InstallerWithoutCompany => Some(DocumentKind::AuthorizationStatement),
            SupportKind::MunicipalityTeam => Some(DocumentKind::AuthorizationProof),
            SupportKind::Question => None,
        }
    }

    /// Whether the request describes an installer account to create (its
    /// name, e-mail and mobile are the new account's, not the asker's).
    pub fn asks_for_account(self) -> bool {
        matches!(self, SupportKind::ForeignInstaller | SupportKind::InstallerWithoutCompany)
    }

    /// Whether completing the request creates something (an account or a team).
    pub fn creates(self) -> bool {
        !matches!(self, SupportKind::Question)
    }
}

/// Where a request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
// Stored as its code; an unknown stored value is an error, never a guess.
#[cfg_attr(feature = "ssr", derive(sea_orm::DeriveActiveEnum, sea_orm::EnumIter))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum SupportStatus {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "open"))]
    Open,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "in_progress"))]
    InProgress,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "completed"))]
    Completed,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "rejected"))]
    Rejected,
}

impl SupportStatus {
    pub const ALL: [SupportStatus; 4] = [SupportStatus::Open, SupportStatus::InProgress, SupportStatus::Completed, SupportStatus::Rejected];

    pub fn code(self) -> &'static str {
        match self {
            SupportStatus::Open => "open",
            SupportStatus::InProgress => "in_progress",
            SupportStatus::Completed => "completed",
            SupportStatus::Rejected => "rejected",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            SupportStatus::Open => "Inkommet",
            SupportStatus::InProgress => "Under handläggning",
            SupportStatus::Completed => "Klart",
            SupportStatus::Rejected => "Avslaget",
        }
    }

    pub fn is_closed(self) -> bool {
        matches!(self, SupportStatus::Completed | SupportStatus::Rejected)
    }
}

/// An authorization number from Elsäkerhetsverket, as written on the
/// installer's certificate: letters, digits and hyphens, kept in capitals.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct AuthorizationNumber(String);

impl AuthorizationNumber {
    pub fn parse(input: &str) -> Result<Self, AuthorizationNumberError> {
        let compact: String = input.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase();
        if compact.is_empty() {
            return Err(AuthorizationNumberError::Empty);
        }
        if !compact.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') || compact.starts_with('-') || compact.ends_with('-') {
            return Err(AuthorizationNumberError::InvalidCharacters);
        }
        if !(4..=30).contains(&compact.len()) {
            return Err(AuthorizationNumberError::WrongLength);
        }
        Ok(Self(compact))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why an authorization number was not read (its Swedish text is the
/// domain's; `translated` says it in the reader's language).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AuthorizationNumberError {
    #[error("Ange behörighetsnumret.")]
    Empty,
    #[error("Behörighetsnumret får bara innehålla bokstäver (A–Z), siffror och bindestreck.")]
    InvalidCharacters,
    #[error("Behörighetsnumret ska ha 4–30 tecken.")]
    WrongLength,
}

/// What is wrong with one value of a support request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SupportFieldProblem {
    Missing,
    TooLong(usize),
    Email(EmailError),
    Phone(PhoneNumberError),
    AuthorizationNumber(AuthorizationNumberError),
    Organisationsnummer(OrganisationsnummerError),
}

/// One wrong value, with the field it was typed into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupportFieldError {
    pub field: &'static SupportField,
    pub problem: SupportFieldProblem,
}

impl std::fmt::Display for SupportFieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let label = self.field.label;
        match &self.problem {
            SupportFieldProblem::Missing => write!(f, "{label}: fyll i."),
            SupportFieldProblem::TooLong(max) => write!(f, "{label}: högst {max} tecken."),
            SupportFieldProblem::Email(e) => write!(f, "{label}: {e}"),
            SupportFieldProblem::Phone(e) => write!(f, "{label}: {e}"),
            SupportFieldProblem::AuthorizationNumber(e) => write!(f, "{label}: {e}"),
            SupportFieldProblem::Organisationsnummer(e) => write!(f, "{label}: {e}"),
        }
    }
}

/// Checks one value; the normalised value, or what is wrong with it.
pub fn validate_support_field(f: &'static SupportField, raw: &str) -> Result<String, SupportFieldError> {
    let value = raw.trim();
    let wrong = |problem| SupportFieldError { field: f, problem };
    if value.is_empty() {
        return if f.required { Err(wrong(SupportFieldProblem::Missing)) } else { Ok(String::new()) };
    }
    match f.kind {
        K::Text(max) | K::LongText(max) => {
            if value.chars().count() > max {
                Err(wrong(SupportFieldProblem::TooLong(max)))
            } else {
                Ok(value.to_string())
            }
        }
        K::Email => Email::parse(value).map(|e| e.as_str().to_string()).map_err(|e| wrong(SupportFieldProblem::Email(e))),
        K::Phone => PhoneNumber::parse(value).map(|p| p.to_string()).map_err(|e| wrong(SupportFieldProblem::Phone(e))),
        K::AuthorizationNumber => {
            AuthorizationNumber::parse(value).map(|a| a.0).map_err(|e| wrong(SupportFieldProblem::AuthorizationNumber(e)))
        }
        K::Organisationsnummer => Organisationsnummer::parse(value)
            .map(|o| o.as_str().to_string())
            .map_err(|e| wrong(SupportFieldProblem::Organisationsnummer(e))),
    }
}

fn validate_all(
    fields: impl Iterator<Item = &'static SupportField>,
    values: &BTreeMap<String, String>,
) -> Result<BTreeMap<String, String>, Vec<SupportFieldError>> {
    let mut clean = BTreeMap::new();
    let mut errors = Vec::new();
    for f in fields {
        match validate_support_field(f, values.get(f.key).map(String::as_str).unwrap_or("")) {
            Ok(v) => {
                clean.insert(f.key.to_string(), v);
            }
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() { Ok(clean) } else { Err(errors) }
}

/// Checks a request as filed: who asks and what about. The normalised values
/// of the kind's fields (nothing else is kept), or one message per wrong field.
pub fn validate_request(kind: SupportKind, values: &BTreeMap<String, String>) -> Result<BTreeMap<String, String>, Vec<SupportFieldError>> {
    validate_all(kind.asker_fields().iter().chain(kind.fields()), values)
}

/// Checks what an admin creates from: the kind's own fields.
pub fn validate_creation(kind: SupportKind, values: &BTreeMap<String, String>) -> Result<BTreeMap<String, String>, Vec<SupportFieldError>> {
    validate_all(kind.fields().iter(), values)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn codes_round_trip() {
        for k in SupportKind::ALL {
            assert_eq!(SupportKind::from_code(k.code()), Some(k));
        }
        for s in SupportStatus::ALL {
            assert_eq!(SupportStatus::from_code(s.code()), Some(s));
        }
        for d in DocumentKind::ALL {
            assert_eq!(DocumentKind::from_code(d.code()), Some(d));
        }
    }

    // covers: ACC-5, ACC-6, TEAM-8
    #[test]
    fn each_manual_kind_needs_its_document() {
        assert_eq!(SupportKind::ForeignInstaller.document(), Some(DocumentKind::Certificate));
        assert_eq!(SupportKind::InstallerWithoutCompany.document(), Some(DocumentKind::AuthorizationStatement));
        assert_eq!(SupportKind::MunicipalityTeam.document(), Some(DocumentKind::AuthorizationProof));
        assert_eq!(SupportKind::Question.document(), None);
    }

    // covers: ACC-5
    #[test]
    fn a_foreign_installer_request_is_checked_field_by_field() {
        let errors = validate_request(SupportKind::ForeignInstaller, &values(&[("name", "Ola Nordmann"), ("email", "inte-en-adress"), ("mobile", "+47 912 34 567")])).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.key).collect();
        assert_eq!(fields, vec!["email", "authorization_number"]);
        assert!(errors[1].to_string().starts_with("Behörighetsnummer"), "{}", errors[1]);
        let ok = validate_request(
            SupportKind::ForeignInstaller,
            &values(&[("name", " Ola Nordmann "), ("email", "Ola@Elektro.no"), ("mobile", "+47 912 34 567"), ("authorization_number", "dk-el-7781"), ("extra", "x")]),
        )
        .unwrap();
        assert_eq!(ok["name"], "Ola Nordmann");
        assert_eq!(ok["email"], "ola@elektro.no");
        assert_eq!(ok["authorization_number"], "DK-EL-7781");
        assert!(!ok.contains_key("extra"));
    }

    // covers: TEAM-8
    #[test]
    fn a_municipality_team_needs_an_organisationsnummer_that_parses() {
        let mut v = values(&[
            ("name", "Kim Kommun"), ("email", "kim@kommun.se"), ("owner_email", "agare@kommun.se"),
            ("organisation_name", "Elstads kommun"), ("organisationsnummer", "212000-0002"), ("team_name", "Fastighetsel"),
            ("contact_name", "Kim Kommun"), ("contact_email", "el@kommun.se"), ("contact_phone", "0701234567"),
        ]);
        let errors = validate_request(SupportKind::MunicipalityTeam, &v).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field.key, "organisationsnummer");
        v.insert("organisationsnummer".into(), "212000-0142".into());
        let filed = validate_request(SupportKind::MunicipalityTeam, &v).unwrap();
        assert_eq!(filed["name"], "Kim Kommun");
        // What the admin creates from leaves out who asked.
        let created = validate_creation(SupportKind::MunicipalityTeam, &v).unwrap();
        assert_eq!(created["organisationsnummer"], "2120000142");
        assert!(!created.contains_key("name"));
        // A request without the asker is incomplete; a creation is not.
        v.remove("name");
        assert_eq!(validate_request(SupportKind::MunicipalityTeam, &v).unwrap_err()[0].field.key, "name");
        assert!(validate_creation(SupportKind::MunicipalityTeam, &v).is_ok());
    }

    #[test]
    fn authorization_numbers_are_letters_and_digits() {
        assert_eq!(AuthorizationNumber::parse("dk-el 7781").unwrap().as_str(), "DK-EL7781");
        assert_eq!(AuthorizationNumber::parse(" NO-EL-5520 ").unwrap().as_str(), "NO-EL-5520");
        assert!(AuthorizationNumber::parse("-AB12").is_err());
        assert!(AuthorizationNumber::parse("").is_err());
        assert!(AuthorizationNumber::parse("12").is_err());
        assert!(AuthorizationNumber::parse("AB12;DROP").is_err());
    }

    #[test]
    fn long_text_has_a_limit() {
        let too_long = "x".repeat(4001);
        let errors = validate_request(SupportKind::Question, &values(&[("name", "A"), ("email", "a@b.se"), ("message", &too_long)])).unwrap_err();
        assert_eq!(errors[0].field.key, "message");
    }
}

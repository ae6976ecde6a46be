//! ADM-8: the registers' entries as the portal keeps them — parsed the same
//! way from an import file's row and from an admin's correction, so an entry
//! in a local register is always well formed. The CSV reader for imports is
//! here too: pure, so it is tested without a database.
use super::support::AuthorizationNumber;
use super::{Email, Organisationsnummer, Personnummer, PostalCode};
use crate::error::{required_text, TextLabel};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Which register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RegisterKind {
    /// Skatteverket's population register: personnummer and name.
    Population,
    /// Elsäkerhetsverket: registered installation companies.
    Companies,
    /// Elsäkerhetsverket: authorizations (behörigheter) and their holders.
    Authorizations,
    /// The customer-accounts directory: Energikonto logins.
    CustomerAccounts,
}

impl RegisterKind {
    pub const ALL: [RegisterKind; 4] =
        [RegisterKind::Population, RegisterKind::Companies, RegisterKind::Authorizations, RegisterKind::CustomerAccounts];

    /// The name on the command line and in forms.
    pub fn code(self) -> &'static str {
        match self {
            RegisterKind::Population => "folkbokforing",
            RegisterKind::Companies => "foretag",
            RegisterKind::Authorizations => "behorigheter",
            RegisterKind::CustomerAccounts => "energikonto",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code.trim())
    }

    pub fn label(self) -> &'static str {
        match self {
            RegisterKind::Population => "Folkbokföringen (personer)",
            RegisterKind::Companies => "Elsäkerhetsverket: registrerade företag",
            RegisterKind::Authorizations => "Elsäkerhetsverket: behörigheter",
            RegisterKind::CustomerAccounts => "Kundkonton (Energikonto-inloggningar)",
        }
    }

    /// The entry's fields in file and form order: (field name, label). The first is the key.
    pub fn fields(self) -> &'static [(&'static str, &'static str)] {
        match self {
            RegisterKind::Population => &[("personnummer", "Personnummer"), ("name", "Namn")],
            RegisterKind::Companies => &[
                ("organisationsnummer", "Organisationsnummer"),
                ("name", "Företagsnamn"),
                ("street_address", "Gatuadress"),
                ("postal_code", "Postnummer"),
                ("city", "Ort"),
            ],
            RegisterKind::Authorizations => &[("number", "Behörighetsnummer"), ("holder_name", "Innehavare"), ("scope", "Omfattning")],
            RegisterKind::CustomerAccounts => &[("email", "E-postadress")],
        }
    }
}

/// Why a register value was refused (Swedish as `Display`; `translated`
/// says it in the reader's language).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RegisterProblem {
    #[error("{0}")]
    Personnummer(super::PersonnummerError),
    #[error("{0}")]
    Organisationsnummer(super::OrganisationsnummerError),
    #[error("{0}")]
    PostalCode(super::PostalCodeError),
    #[error("{0}")]
    AuthorizationNumber(super::support::AuthorizationNumberError),
    #[error("{0}")]
    Email(super::EmailError),
    #[error("{0}")]
    Text(crate::error::TextError),
}

/// A refused value and the field it was in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterFieldError {
    pub field: &'static str,
    pub problem: RegisterProblem,
}

/// One well-formed entry of a register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegisterEntry {
    Person { personnummer: Personnummer, name: String },
    Company { organisationsnummer: Organisationsnummer, name: String, street_address: String, postal_code: PostalCode, city: String },
    Authorization { number: AuthorizationNumber, holder_name: String, scope: String },
    CustomerAccount { email: Email },
}

impl RegisterEntry {
    /// Parses the fields of `kind` (in `kind.fields()` order; missing ones count as empty).
    pub fn parse(kind: RegisterKind, values: &[&str], today: NaiveDate) -> Result<Self, Vec<RegisterFieldError>> {
        let value = |i: usize| values.get(i).map(|v| v.trim()).unwrap_or("");
        let mut errors = Vec::new();
        let mut check = |field: &'static str, result: Result<String, RegisterProblem>| match result {
            Ok(v) => Some(v),
            Err(problem) => {
                errors.push(RegisterFieldError { field, problem });
                None
            }
        };
        let text = |label: TextLabel, raw: &str, max: usize| required_text(label, raw, max).map_err(RegisterProblem::Text);
        let entry = match kind {
            RegisterKind::Population => {
                let pnr = Personnummer::parse(value(0), today);
                if let Err(e) = &pnr {
                    check("personnummer", Err(RegisterProblem::Personnummer(e.clone())));
                }
                let name = check("name", text(TextLabel::Name, value(1), 200));
                pnr.ok().zip(name).map(|(personnummer, name)| Self::Person { personnummer, name })
            }
            RegisterKind::Companies => {
                let org = Organisationsnummer::parse(value(0));
                if let Err(e) = &org {
                    check("organisationsnummer", Err(RegisterProblem::Organisationsnummer(e.clone())));
                }
                let name = check("name", text(TextLabel::CompanyName, value(1), 200));
                let street = check("street_address", text(TextLabel::StreetAddress, value(2), 200));
                let postal = PostalCode::parse(value(3));
                if let Err(e) = &postal {
                    check("postal_code", Err(RegisterProblem::PostalCode(e.clone())));
                }
                let city = check("city", text(TextLabel::City, value(4), 100));
                match (org.ok(), name, street, postal.ok(), city) {
                    (Some(organisationsnummer), Some(name), Some(street_address), Some(postal_code), Some(city)) => {
                        Some(Self::Company { organisationsnummer, name, street_address, postal_code, city })
                    }
                    _ => None,
                }
            }
            RegisterKind::Authorizations => {
                let number = AuthorizationNumber::parse(value(0));
                if let Err(e) = &number {
                    check("number", Err(RegisterProblem::AuthorizationNumber(*e)));
                }
                let holder = check("holder_name", text(TextLabel::Holder, value(1), 200));
                let scope = check("scope", text(TextLabel::Scope, value(2), 100));
                match (number.ok(), holder, scope) {
                    (Some(number), Some(holder_name), Some(scope)) => Some(Self::Authorization { number, holder_name, scope }),
                    _ => None,
                }
            }
            RegisterKind::CustomerAccounts => match Email::parse(value(0)) {
                Ok(email) => Some(Self::CustomerAccount { email }),
                Err(e) => {
                    check("email", Err(RegisterProblem::Email(e)));
                    None
                }
            },
        };
        match entry {
            Some(e) if errors.is_empty() => Ok(e),
            _ => Err(errors),
        }
    }

    pub fn kind(&self) -> RegisterKind {
        match self {
            Self::Person { .. } => RegisterKind::Population,
            Self::Company { .. } => RegisterKind::Companies,
            Self::Authorization { .. } => RegisterKind::Authorizations,
            Self::CustomerAccount { .. } => RegisterKind::CustomerAccounts,
        }
    }

    /// The entry's key, as the register's table keeps it.
    pub fn key(&self) -> String {
        match self {
            Self::Person { personnummer, .. } => personnummer.as_str().to_string(),
            Self::Company { organisationsnummer, .. } => organisationsnummer.as_str().to_string(),
            Self::Authorization { number, .. } => number.as_str().to_string(),
            Self::CustomerAccount { email } => email.as_str().to_string(),
        }
    }

    /// The fields as text, in `kind().fields()` order.
    pub fn values(&self) -> Vec<String> {
        match self {
            Self::Person { personnummer, name } => vec![personnummer.to_string(), name.clone()],
            Self::Company { organisationsnummer, name, street_address, postal_code, city } => {
                vec![organisationsnummer.to_string(), name.clone(), street_address.clone(), postal_code.to_string(), city.clone()]
            }
            Self::Authorization { number, holder_name, scope } => vec![number.as_str().to_string(), holder_name.clone(), scope.clone()],
            Self::CustomerAccount { email } => vec![email.to_string()],
        }
    }
}

/// A row an import could not take, by its line in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedRow {
    pub line: usize,
    pub reason: String,
}

/// What a register file holds: the entries it can take and the rows it cannot.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ParsedImport {
    pub entries: Vec<(usize, RegisterEntry)>,
    pub rejected: Vec<RejectedRow>,
}

/// The most rows one import takes (a whole population register is imported
/// in parts, or through a live register service).
pub const MAX_IMPORT_ROWS: usize = 2_000_000;

/// Reads a register file: UTF-8 text, one entry a line, the fields of
/// `kind` separated by `;` (or `,`, as the first line shows), a field with
/// the separator in double quotes. A first line naming the fields is a
/// header and skipped. A key given twice is rejected the second time.
pub fn parse_import(kind: RegisterKind, text: &str, today: NaiveDate) -> ParsedImport {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let separator = match text.lines().next() {
        Some(first) if !first.contains(';') && first.contains(',') => ',',
        _ => ';',
    };
    let mut out = ParsedImport::default();
    let mut seen = std::collections::HashSet::new();
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        if raw.trim().is_empty() {
            continue;
        }
        if out.entries.len() + out.rejected.len() >= MAX_IMPORT_ROWS {
            out.rejected.push(RejectedRow { line, reason: format!("Filen har fler än {MAX_IMPORT_ROWS} rader; resten läses inte.") });
            break;
        }
        let fields = match split_row(raw, separator) {
            Ok(f) => f,
            Err(reason) => {
                out.rejected.push(RejectedRow { line, reason });
                continue;
            }
        };
        if line == 1 && is_header(kind, &fields) {
            continue;
        }
        let expected = kind.fields().len();
        if fields.len() != expected {
            out.rejected.push(RejectedRow { line, reason: format!("Raden har {} fält; {} ska ha {expected}.", fields.len(), kind.label()) });
            continue;
        }
        let refs: Vec<&str> = fields.iter().map(String::as_str).collect();
        match RegisterEntry::parse(kind, &refs, today) {
            Ok(entry) if !seen.insert(entry.key()) => {
                out.rejected.push(RejectedRow { line, reason: format!("{} finns redan på en tidigare rad.", entry.key()) });
            }
            Ok(entry) => out.entries.push((line, entry)),
            Err(errors) => {
                let reason = errors.iter().map(|e| e.problem.to_string()).collect::<Vec<_>>().join(" ");
                out.rejected.push(RejectedRow { line, reason });
            }
        }
    }
    out
}

fn is_header(kind: RegisterKind, fields: &[String]) -> bool {
    fields.first().is_some_and(|f| {
        let f = f.trim().to_lowercase();
        kind.fields().first().is_some_and(|(name, label)| f == *name || f == label.to_lowercase())
    })
}

/// Splits one line at `separator`, honouring double quotes (`""` is a quote).
fn split_row(line: &str, separator: char) -> Result<Vec<String>, String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) if field.trim().is_empty() => {
                field.clear();
                quoted = true;
            }
            (c, false) if c == separator => fields.push(std::mem::take(&mut field)),
            (c, _) => field.push(c),
        }
    }
    if quoted {
        return Err("Ett citattecken stängs aldrig.".into());
    }
    fields.push(field);
    Ok(fields.into_iter().map(|f| f.trim().to_string()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
    }

    // covers: ADM-8
    #[test]
    fn a_population_file_is_read_row_by_row_with_a_report_of_what_is_rejected() {
        let text = "personnummer;namn\n19800412-1235;Anna Lindqvist\n19800412-1234;Fel Kontrollsiffra\n\n198811303455;\"Nilsson; Sara\"\n19800412-1235;Dubblett\n19750923-2349\n";
        let parsed = parse_import(RegisterKind::Population, text, today());
        let keys: Vec<(usize, String)> = parsed.entries.iter().map(|(l, e)| (*l, e.key())).collect();
        assert_eq!(keys, [(2, "198004121235".to_string()), (5, "198811303455".to_string())]);
        assert_eq!(parsed.entries[1].1.values()[1], "Nilsson; Sara");
        let lines: Vec<usize> = parsed.rejected.iter().map(|r| r.line).collect();
        assert_eq!(lines, [3, 6, 7]);
        assert!(parsed.rejected[0].reason.contains("ontrollsiffr"), "{}", parsed.rejected[0].reason);
        assert!(parsed.rejected[1].reason.contains("tidigare rad"));
        assert!(parsed.rejected[2].reason.contains("1 fält"), "{}", parsed.rejected[2].reason);
    }

    // covers: ADM-8
    #[test]
    fn companies_authorizations_and_accounts_parse_their_own_fields() {
        let companies = "organisationsnummer,name,street_address,postal_code,city\n556123-4500,Elnorr AB,Storgatan 1,90326,Umeå\n556123-4501,X,Y,1,Z\n";
        let parsed = parse_import(RegisterKind::Companies, companies, today());
        assert_eq!(parsed.entries.len(), 1);
        assert_eq!(parsed.entries[0].1.values(), ["556123-4500", "Elnorr AB", "Storgatan 1", "903 26", "Umeå"]);
        assert_eq!(parsed.rejected.len(), 1);
        let auth = parse_import(RegisterKind::Authorizations, "ab 12345;Anna Lindqvist;AB\n-x-;Y;Z\n", today());
        assert_eq!(auth.entries[0].1.key(), "AB12345");
        assert_eq!(auth.rejected[0].line, 2);
        let accounts = parse_import(RegisterKind::CustomerAccounts, "e-postadress\nKund@Exempel.se\ninte-en-adress\n", today());
        assert_eq!(accounts.entries[0].1.key(), "kund@exempel.se");
        assert_eq!(accounts.rejected.len(), 1);
        assert!(parse_import(RegisterKind::Population, "\"19800412-1235;Anna\n", today()).rejected[0].reason.contains("citattecken"));
    }

    // covers: ADM-8
    #[test]
    fn a_correction_names_each_wrong_field() {
        let e = RegisterEntry::parse(RegisterKind::Companies, &["556123-4500", "", "Gata 1", "12", ""], today()).unwrap_err();
        let fields: Vec<&str> = e.iter().map(|f| f.field).collect();
        assert_eq!(fields, ["name", "postal_code", "city"]);
        assert!(RegisterEntry::parse(RegisterKind::Population, &["19800412-1235", "Anna"], today()).is_ok());
        assert_eq!(RegisterKind::from_code("behorigheter"), Some(RegisterKind::Authorizations));
        assert_eq!(RegisterKind::from_code("okand"), None);
    }
}

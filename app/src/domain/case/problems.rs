//! What can be wrong with a case's values (CASE-1, CASE-2, CASE-14): one
//! value, values taken together, or the completion report. Typed, so the
//! words are chosen at the edge in the reader's language (`translated`,
//! UX-2); `Display` is the domain's Swedish, for logs and tests.
use crate::domain::{EmailError, GsrnError, OrganisationsnummerError, PersonnummerError, PhoneNumberError, PostalCodeError};
use chrono::NaiveDate;
use std::fmt;

/// One problem. Field problems name the field by its catalogue label (Swedish;
/// `translated::catalogue_text` gives the reader's word).
#[derive(Debug, Clone, PartialEq)]
pub enum CaseProblem {
    Missing { label: &'static str },
    TooLong { label: &'static str, max: usize },
    Personnummer(PersonnummerError),
    Organisationsnummer(OrganisationsnummerError),
    Email(EmailError),
    Phone(PhoneNumberError),
    PostalCode(PostalCodeError),
    Gsrn(GsrnError),
    /// One of several facility IDs typed in one field.
    ListedGsrn { id: String, error: GsrnError },
    FuseNotOffered { label: &'static str, sizes: Vec<u32> },
    NotADate { label: &'static str },
    NotADateTime { label: &'static str },
    NotAProductionType { label: &'static str },
    NotAPower { label: &'static str },
    CountOutOfRange { label: &'static str, min: u32, max: u32 },
    NotPhases { label: &'static str },
    NotYesNo { label: &'static str },
    OwnPersonnummer,
    DesiredDateInPast,
    BreakEndsBeforeStart,
    BreakTooLong { max_hours: i64, hours: i64, minutes: i64 },
    BirthDateNotPast,
    MeterFuseAboveService { service: u32 },
    NotOnePhaseBefore,
    NotThreePhasesAfter,
    FacilityIdRepeated,
    RemainingIsRemoved,
    BreakNotice { days: i64, earliest: NaiveDate },
    DisconnectionNotice { days: i64, earliest: NaiveDate },
    EventNotice { working_days: u32, earliest: NaiveDate },
    SameMainFuse,
    FeedInAboveLimit { fuse: u32, limit_kw: f64 },
    EventEndsBeforeStart,
    EndNotAfterDesiredDate,
    ConstructionPowerOverAYear,
    WorkDateMissing,
    WorkDateMalformed,
    WorkDateInFuture,
    WorkDateTooOld,
    WorkDateBeforeSubmission,
    MeterNumberMissing,
    MeterNumberMalformed { max: usize },
    MeterReadingMissing,
    MeterReadingMalformed,
    NotInspected,
    MessageTooLong { max: usize },
}

/// A problem and the form field it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseFieldError {
    pub field: &'static str,
    pub problem: CaseProblem,
}

impl CaseFieldError {
    pub fn new(field: &'static str, problem: CaseProblem) -> Self {
        Self { field, problem }
    }
}

/// A power in kW as Swedish writes it (decimal comma).
pub fn swedish_decimal(value: f64) -> String {
    format!("{value}").replace('.', ",")
}

impl fmt::Display for CaseProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use CaseProblem as P;
        match self {
            P::Missing { label } => write!(f, "Fyll i {}.", label.to_lowercase()),
            P::TooLong { label, max } => write!(f, "{label} får ha högst {max} tecken."),
            P::Personnummer(e) => write!(f, "{e}"),
            P::Organisationsnummer(e) => write!(f, "{e}"),
            P::Email(e) => write!(f, "{e}"),
            P::Phone(e) => write!(f, "{e}"),
            P::PostalCode(e) => write!(f, "{e}"),
            P::Gsrn(e) => write!(f, "{e}"),
            P::ListedGsrn { id, error } => write!(f, "{id}: {error}"),
            P::FuseNotOffered { label, sizes } => write!(
                f,
                "Välj {} ur listan ({} A).",
                label.to_lowercase(),
                sizes.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")
            ),
            P::NotADate { label } => write!(f, "{label}: ange ett datum som ÅÅÅÅ-MM-DD."),
            P::NotADateTime { label } => write!(f, "{label}: ange datum och klockslag som ÅÅÅÅ-MM-DD TT:MM."),
            P::NotAProductionType { label } => write!(f, "{label}: välj sol, vind eller vatten."),
            P::NotAPower { label } => write!(f, "{label}: ange effekten i kW, till exempel 9,5."),
            P::CountOutOfRange { label, min, max } => write!(f, "{label}: ange ett heltal från {min} till {max}."),
            P::NotPhases { label } => write!(f, "{label}: välj 1 eller 3."),
            P::NotYesNo { label } => write!(f, "{label}: välj ja eller nej."),
            P::OwnPersonnummer => write!(f, "Ange kundens personnummer eller organisationsnummer, inte ditt eget."),
            P::DesiredDateInPast => write!(f, "Önskat datum kan inte ligga bakåt i tiden."),
            P::BreakEndsBeforeStart => write!(f, "Brytningen måste sluta efter att den börjar."),
            P::BreakTooLong { max_hours, hours, minutes } => {
                write!(f, "En tillfällig brytning får vara högst {max_hours} timmar; den här är {hours} h {minutes} min.")
            }
            P::BirthDateNotPast => write!(f, "Födelsedatumet måste ligga bakåt i tiden."),
            P::MeterFuseAboveService { service } => {
                write!(f, "Ingen ny mätares säkring får vara större än servisens ({service} A).")
            }
            P::NotOnePhaseBefore => write!(f, "Ärendet gäller en anläggning som i dag har 1 fas."),
            P::NotThreePhasesAfter => write!(f, "Efter övergången har anläggningen 3 faser."),
            P::FacilityIdRepeated => write!(f, "Anläggnings-ID:t står redan som ärendets anläggning."),
            P::RemainingIsRemoved => write!(f, "Den kvarvarande anläggningen kan inte vara den som tas ned."),
            P::BreakNotice { days, earliest } => {
                write!(f, "En tillfällig brytning beställs minst {days} dagar i förväg, tidigast {earliest}.")
            }
            P::DisconnectionNotice { days, earliest } => {
                write!(f, "En permanent urkoppling beställs minst {days} dagar i förväg, tidigast {earliest}.")
            }
            P::EventNotice { working_days, earliest } => {
                write!(f, "El till ett evenemang beställs minst {working_days} arbetsdagar i förväg, tidigast {earliest}.")
            }
            P::SameMainFuse => write!(f, "Den nya huvudsäkringen måste skilja sig från den nuvarande."),
            P::FeedInAboveLimit { fuse, limit_kw } => write!(
                f,
                "Med huvudsäkring {fuse} A får den inmatade effekten vara högst {} kW.",
                swedish_decimal(*limit_kw)
            ),
            P::EventEndsBeforeStart => write!(f, "Evenemanget kan inte sluta innan det börjar."),
            P::EndNotAfterDesiredDate => write!(f, "Slutdatumet måste ligga efter önskat datum."),
            P::ConstructionPowerOverAYear => write!(f, "Byggström ansluts för högst ett år åt gången; förläng i ett nytt ärende."),
            P::WorkDateMissing => write!(f, "Ange datum då arbetet utfördes."),
            P::WorkDateMalformed => write!(f, "Datum då arbetet utfördes: ange ett datum som ÅÅÅÅ-MM-DD."),
            P::WorkDateInFuture => write!(f, "Datum då arbetet utfördes kan inte ligga i framtiden."),
            P::WorkDateTooOld => write!(f, "Datum då arbetet utfördes får ligga högst ett år bakåt i tiden."),
            P::WorkDateBeforeSubmission => write!(f, "Datum då arbetet utfördes kan inte ligga före föranmälan skickades in."),
            P::MeterNumberMissing => write!(f, "Ange mätarnummer."),
            P::MeterNumberMalformed { max } => write!(f, "Mätarnummer: högst {max} tecken, bokstäver, siffror och bindestreck."),
            P::MeterReadingMissing => write!(f, "Ange mätarställning i kWh."),
            P::MeterReadingMalformed => write!(f, "Mätarställning: ange hela kWh, till exempel 12345."),
            P::NotInspected => write!(f, "Intyga att installationen är kontrollerad och säker innan du färdiganmäler."),
            P::MessageTooLong { max } => write!(f, "Meddelandet får ha högst {max} tecken."),
        }
    }
}

impl fmt::Display for CaseFieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.problem.fmt(f)
    }
}

/// CASE-5, CASE-6, ADM-3: why a case in `state` does not move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum NotMovable {
    #[error("Utkast kan inte flyttas; skicka in ärendet först.")]
    Draft,
    #[error("Färdiganmälda ärenden kan inte flyttas.")]
    Completed,
    #[error("Arkiverade ärenden kan inte flyttas.")]
    Archived,
    #[error("Makulerade ärenden kan inte flyttas.")]
    Cancelled,
}

//! UX-2: what the domain's typed errors say, in the language of whoever is
//! reading. The domain stays free of languages (its `Display` is the Swedish
//! text, for logs and tests); the words are chosen here, at the edge — where
//! a server function turns a parse error into a field message, and where a
//! form checks a value as it is typed.
use crate::domain::support::{AuthorizationNumberError, SupportFieldError};
use crate::domain::GsrnError;
use crate::domain::{
    EmailError, OrganisationsnummerError, PasswordError, PersonnummerError, PhoneNumberError, PostalCodeError,
    UnknownLanguage,
};
use crate::i18n::{td_string, Locale};

/// A message that can be said in either language.
pub trait Translate {
    fn text(&self, locale: Locale) -> String;
}

/// A message already in words (made in the reader's language, or a text
/// that is the same in both) is said as it is.
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

translate!(crate::domain::case::CaseSearchError { crate::domain::case::CaseSearchError::TooLong => search_too_long });

translate!(crate::domain::DirectoryQueryError {
    crate::domain::DirectoryQueryError::Empty => directory_empty,
    crate::domain::DirectoryQueryError::TooShort => directory_too_short,
    crate::domain::DirectoryQueryError::TooLong => directory_too_long,
});

impl Translate for crate::domain::case::QueueProblem {
    fn text(&self, locale: Locale) -> String {
        use crate::domain::case::QueueProblem as Q;
        match self {
            Q::NoSuchDate(typed) => crate::i18n::fill(td_string!(locale, errors.queue_no_such_date), &[("date", typed)]),
            Q::Search(e) => e.text(locale),
            Q::UnknownCaseType => td_string!(locale, errors.queue_unknown_case_type).to_string(),
            Q::UnknownState => td_string!(locale, errors.queue_unknown_state).to_string(),
            Q::EndBeforeStart => td_string!(locale, errors.queue_end_before_start).to_string(),
        }
    }
}

translate!(AuthorizationNumberError {
    AuthorizationNumberError::Empty => authorization_empty,
    AuthorizationNumberError::InvalidCharacters => authorization_characters,
    AuthorizationNumberError::WrongLength => authorization_length,
});

impl Translate for crate::error::TextError {
    fn text(&self, locale: Locale) -> String {
        use crate::error::{capitalize, TextError, TextLabel};
        let label = |l: TextLabel| match l {
            TextLabel::Name => td_string!(locale, text_labels.name),
            TextLabel::TeamName => td_string!(locale, text_labels.team_name),
            TextLabel::ContactPerson => td_string!(locale, text_labels.contact_person),
            TextLabel::StreetAddress => td_string!(locale, text_labels.street_address),
            TextLabel::City => td_string!(locale, text_labels.city),
            TextLabel::CompanyName => td_string!(locale, text_labels.company_name),
            TextLabel::Holder => td_string!(locale, text_labels.holder),
            TextLabel::Scope => td_string!(locale, text_labels.scope),
            TextLabel::RejectionReason => td_string!(locale, text_labels.rejection_reason),
        };
        match *self {
            TextError::Empty(l) => crate::i18n::fill(td_string!(locale, text_labels.empty), &[("label", label(l))]),
            TextError::TooLong(l, max) => crate::i18n::fill(
                td_string!(locale, text_labels.too_long),
                &[("label", &capitalize(label(l))), ("max", &max.to_string())],
            ),
        }
    }
}

translate!(GsrnError {
    GsrnError::Empty => gsrn_empty,
    GsrnError::InvalidCharacters => gsrn_characters,
    GsrnError::WrongLength => gsrn_length,
    GsrnError::WrongPrefix => gsrn_prefix,
    GsrnError::WrongCheckDigit => gsrn_check_digit,
});

/// A name inside a sentence: its first letter small, unless the word is an
/// abbreviation ("GSRN") or the text is a name that keeps its capital.
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match (chars.next(), chars.clone().next()) {
        (Some(first), Some(second)) if !second.is_uppercase() => first.to_lowercase().chain(chars).collect(),
        _ => text.to_string(),
    }
}

/// A field's label inside a sentence (Swedish lowers the whole label, as the
/// domain does; English only its first letter).
fn label_inside_sentence(locale: Locale, label: &'static str) -> String {
    let said = catalogue_text(locale, label);
    match locale {
        Locale::sv => said.to_lowercase(),
        Locale::en => lower_first(said),
    }
}

/// A number with decimals as the reader writes it.
fn decimal(locale: Locale, value: f64) -> String {
    match locale {
        Locale::sv => crate::domain::case::swedish_decimal(value),
        Locale::en => format!("{value}"),
    }
}

impl Translate for crate::domain::case::CaseProblem {
    fn text(&self, locale: Locale) -> String {
        use crate::domain::case::CaseProblem as P;
        use crate::i18n::fill;
        let label = |l: &'static str| catalogue_text(locale, l);
        match self {
            P::Missing { label: l } => fill(td_string!(locale, case_errors.missing), &[("label", &label_inside_sentence(locale, l))]),
            P::TooLong { label: l, max } => {
                fill(td_string!(locale, case_errors.too_long), &[("label", label(l)), ("max", &max.to_string())])
            }
            P::Personnummer(e) => e.text(locale),
            P::Organisationsnummer(e) => e.text(locale),
            P::Email(e) => e.text(locale),
            P::Phone(e) => e.text(locale),
            P::PostalCode(e) => e.text(locale),
            P::Gsrn(e) => e.text(locale),
            P::ListedGsrn { id, error } => fill(td_string!(locale, case_errors.listed_gsrn), &[("id", id), ("problem", &error.text(locale))]),
            P::FuseNotOffered { label: l, sizes } => fill(td_string!(locale, case_errors.fuse_not_offered), &[
                ("label", &label_inside_sentence(locale, l)),
                ("sizes", &sizes.iter().map(u32::to_string).collect::<Vec<_>>().join(", ")),
            ]),
            P::NotADate { label: l } => fill(td_string!(locale, case_errors.not_a_date), &[("label", label(l))]),
            P::NotADateTime { label: l } => fill(td_string!(locale, case_errors.not_a_date_time), &[("label", label(l))]),
            P::NotAProductionType { label: l } => fill(td_string!(locale, case_errors.not_a_production_type), &[("label", label(l))]),
            P::NotAPower { label: l } => fill(td_string!(locale, case_errors.not_a_power), &[("label", label(l))]),
            P::CountOutOfRange { label: l, min, max } => fill(td_string!(locale, case_errors.count_out_of_range), &[
                ("label", label(l)),
                ("min", &min.to_string()),
                ("max", &max.to_string()),
            ]),
            P::NotPhases { label: l } => fill(td_string!(locale, case_errors.not_phases), &[("label", label(l))]),
            P::NotYesNo { label: l } => fill(td_string!(locale, case_errors.not_yes_no), &[("label", label(l))]),
            P::OwnPersonnummer => td_string!(locale, case_errors.own_personnummer).to_string(),
            P::DesiredDateInPast => td_string!(locale, case_errors.desired_date_in_past).to_string(),
            P::BreakEndsBeforeStart => td_string!(locale, case_errors.break_ends_before_start).to_string(),
            P::BreakTooLong { max_hours, hours, minutes } => fill(td_string!(locale, case_errors.break_too_long), &[
                ("max_hours", &max_hours.to_string()),
                ("hours", &hours.to_string()),
                ("minutes", &minutes.to_string()),
            ]),
            P::BirthDateNotPast => td_string!(locale, case_errors.birth_date_not_past).to_string(),
            P::MeterFuseAboveService { service } => {
                fill(td_string!(locale, case_errors.meter_fuse_above_service), &[("service", &service.to_string())])
            }
            P::NotOnePhaseBefore => td_string!(locale, case_errors.not_one_phase_before).to_string(),
            P::NotThreePhasesAfter => td_string!(locale, case_errors.not_three_phases_after).to_string(),
            P::FacilityIdRepeated => td_string!(locale, case_errors.facility_id_repeated).to_string(),
            P::RemainingIsRemoved => td_string!(locale, case_errors.remaining_is_removed).to_string(),
            P::BreakNotice { days, earliest } => fill(td_string!(locale, case_errors.break_notice), &[
                ("days", &days.to_string()),
                ("earliest", &earliest.to_string()),
            ]),
            P::DisconnectionNotice { days, earliest } => fill(td_string!(locale, case_errors.disconnection_notice), &[
                ("days", &days.to_string()),
                ("earliest", &earliest.to_string()),
            ]),
            P::EventNotice { working_days, earliest } => fill(td_string!(locale, case_errors.event_notice), &[
                ("days", &working_days.to_string()),
                ("earliest", &earliest.to_string()),
            ]),
            P::SameMainFuse => td_string!(locale, case_errors.same_main_fuse).to_string(),
            P::FeedInAboveLimit { fuse, limit_kw } => fill(td_string!(locale, case_errors.feed_in_above_limit), &[
                ("fuse", &fuse.to_string()),
                ("limit", &decimal(locale, *limit_kw)),
            ]),
            P::EventEndsBeforeStart => td_string!(locale, case_errors.event_ends_before_start).to_string(),
            P::EndNotAfterDesiredDate => td_string!(locale, case_errors.end_not_after_desired_date).to_string(),
            P::ConstructionPowerOverAYear => td_string!(locale, case_errors.construction_power_over_a_year).to_string(),
            P::WorkDateMissing => td_string!(locale, case_errors.work_date_missing).to_string(),
            P::WorkDateMalformed => td_string!(locale, case_errors.work_date_malformed).to_string(),
            P::WorkDateInFuture => td_string!(locale, case_errors.work_date_in_future).to_string(),
            P::WorkDateTooOld => td_string!(locale, case_errors.work_date_too_old).to_string(),
            P::WorkDateBeforeSubmission => td_string!(locale, case_errors.work_date_before_submission).to_string(),
            P::MeterNumberMissing => td_string!(locale, case_errors.meter_number_missing).to_string(),
            P::MeterNumberMalformed { max } => fill(td_string!(locale, case_errors.meter_number_malformed), &[("max", &max.to_string())]),
            P::MeterReadingMissing => td_string!(locale, case_errors.meter_reading_missing).to_string(),
            P::MeterReadingMalformed => td_string!(locale, case_errors.meter_reading_malformed).to_string(),
            P::NotInspected => td_string!(locale, case_errors.not_inspected).to_string(),
            P::MessageTooLong { max } => fill(td_string!(locale, case_errors.message_too_long), &[("max", &max.to_string())]),
        }
    }
}

impl Translate for crate::domain::case::CaseFieldError {
    fn text(&self, locale: Locale) -> String {
        self.problem.text(locale)
    }
}

impl Translate for crate::domain::case::NotMovable {
    fn text(&self, locale: Locale) -> String {
        use crate::domain::case::NotMovable as N;
        match self {
            N::Draft => td_string!(locale, case_errors.not_movable_draft),
            N::Completed => td_string!(locale, case_errors.not_movable_completed),
            N::Archived => td_string!(locale, case_errors.not_movable_archived),
            N::Cancelled => td_string!(locale, case_errors.not_movable_cancelled),
        }
        .to_string()
    }
}

/// What an action would do to a case, as the end of "the case cannot …".
fn action_verb(locale: Locale, action: crate::domain::case::CaseAction) -> &'static str {
    use crate::domain::case::CaseAction as A;
    match action {
        A::Edit => td_string!(locale, case_errors.verb_edit),
        A::Submit => td_string!(locale, case_errors.verb_submit),
        A::RequestSupplement => td_string!(locale, case_errors.verb_request_supplement),
        A::AnswerSupplement => td_string!(locale, case_errors.verb_answer_supplement),
        A::ReportCompletion => td_string!(locale, case_errors.verb_report_completion),
        A::Archive => td_string!(locale, case_errors.verb_archive),
        A::RequestCancellation | A::ConfirmCancellation => td_string!(locale, case_errors.verb_cancel),
        A::RejectCancellation => td_string!(locale, case_errors.verb_reject_cancellation),
        A::DeleteDraft => td_string!(locale, case_errors.verb_delete_draft),
    }
}

impl Translate for crate::domain::case::TransitionError {
    fn text(&self, locale: Locale) -> String {
        use crate::domain::case::{Responsible, TransitionError as T};
        use crate::i18n::fill;
        match self {
            T::WrongState { state, action } => fill(td_string!(locale, case_errors.wrong_state), &[
                ("state", state_label(locale, *state)),
                ("action", action_verb(locale, *action)),
            ]),
            T::NotAnElectrician => td_string!(locale, case_errors.not_an_electrician).to_string(),
            T::AdminMayNotCancel => td_string!(locale, case_errors.admin_may_not_cancel).to_string(),
            T::WrongActor(who) => fill(td_string!(locale, case_errors.wrong_actor), &[(
                "who",
                match who {
                    Responsible::Holder => td_string!(locale, case_errors.actor_holder),
                    Responsible::UnitHandler => td_string!(locale, case_errors.actor_unit_handler),
                },
            )]),
            T::CancellationPending(action) => {
                fill(td_string!(locale, case_errors.cancellation_pending), &[("action", action_verb(locale, *action))])
            }
            T::CancellationAlreadyRequested => td_string!(locale, case_errors.cancellation_already_requested).to_string(),
            T::NoCancellationRequested => td_string!(locale, case_errors.no_cancellation_requested).to_string(),
        }
    }
}

impl Translate for crate::domain::case::TimelineNote {
    fn text(&self, locale: Locale) -> String {
        use crate::domain::case::TimelineNote as N;
        use crate::i18n::fill;
        match self {
            N::Moved { installers, teams } => {
                let mut said = Vec::new();
                if let Some((from, to)) = installers {
                    said.push(fill(td_string!(locale, timeline.moved_from_to), &[("from", from), ("to", to)]));
                }
                if let Some((from, to)) = teams {
                    said.push(fill(td_string!(locale, timeline.moved_from_team_to_team), &[("from", from), ("to", to)]));
                }
                said.join(" ")
            }
            N::TakenOver { from } => fill(td_string!(locale, timeline.taken_over_from), &[("name", from)]),
            N::Attachment { kind, file_name } => fill(td_string!(locale, timeline.attachment), &[
                ("kind", catalogue_text(locale, kind.label())),
                ("file", file_name),
            ]),
            N::Completion { report } => {
                let mut lines = vec![fill(td_string!(locale, timeline.work_done), &[("date", &crate::formats::date(locale, report.work_done_on))])];
                if let Some(m) = &report.meter {
                    lines.push(fill(td_string!(locale, timeline.meter), &[("number", &m.meter_number), ("reading", &m.reading_kwh.to_string())]));
                }
                lines.push(td_string!(locale, timeline.inspected).to_string());
                if let Some(m) = &report.message {
                    lines.push(fill(td_string!(locale, timeline.message), &[("message", m)]));
                }
                lines.join("\n")
            }
        }
    }
}

impl Translate for crate::domain::RegisterProblem {
    fn text(&self, locale: Locale) -> String {
        use crate::domain::RegisterProblem as R;
        match self {
            R::Personnummer(e) => e.text(locale),
            R::Organisationsnummer(e) => e.text(locale),
            R::PostalCode(e) => e.text(locale),
            R::AuthorizationNumber(e) => e.text(locale),
            R::Email(e) => e.text(locale),
            R::Text(e) => e.text(locale),
        }
    }
}

impl Translate for SupportFieldError {
    fn text(&self, locale: Locale) -> String {
        use crate::domain::support::SupportFieldProblem as P;
        let label = support_text(locale, self.field.label);
        let (template, detail) = match &self.problem {
            P::Missing => (td_string!(locale, support.field_missing), String::new()),
            P::TooLong(max) => (td_string!(locale, support.field_too_long), max.to_string()),
            P::Email(e) => (td_string!(locale, support.field_wrong), e.text(locale)),
            P::Phone(e) => (td_string!(locale, support.field_wrong), e.text(locale)),
            P::AuthorizationNumber(e) => (td_string!(locale, support.field_wrong), e.text(locale)),
            P::Organisationsnummer(e) => (td_string!(locale, support.field_wrong), e.text(locale)),
        };
        crate::i18n::fill(template, &[("label", label), ("max", &detail), ("problem", &detail)])
    }
}

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

/// A text of the case-type catalogue (CASE-1: groups, types, their
/// descriptions, fields, hints, attachment kinds) in the reader's language.
/// The catalogue is the domain's data and speaks Swedish; each of its texts
/// names its translation here, and a test checks that every one has one.
pub fn catalogue_text(locale: Locale, swedish: &'static str) -> &'static str {
    match swedish {
        "Ny permanent anslutning" => td_string!(locale, catalogue.group__ny_permanent_anslutning),
        "Ny tillfällig anslutning" => td_string!(locale, catalogue.group__ny_tillfallig_anslutning),
        "Ändring på befintlig anslutning" => td_string!(locale, catalogue.group__andring_befintlig_anslutning),
        "Ny anslutning" => td_string!(locale, catalogue.type_ny_anslutning),
        "Fastigheten har inte el och kunden vill ansluta sig till elnätet." => td_string!(locale, catalogue.description_ny_anslutning),
        "Kundens namn" => td_string!(locale, catalogue.field_customer_name),
        "Kundens personnummer eller organisationsnummer" => td_string!(locale, catalogue.field_customer_id),
        "Kundens, inte ditt eget." => td_string!(locale, catalogue.hint_customer_id),
        "Kunden saknar svenskt personnummer" => td_string!(locale, catalogue.field_customer_without_personnummer),
        "Ange då kundens födelsedatum i stället." => td_string!(locale, catalogue.hint_customer_without_personnummer),
        "Kundens födelsedatum" => td_string!(locale, catalogue.field_customer_birth_date),
        "Kundens telefon" => td_string!(locale, catalogue.field_customer_phone),
        "Kundens e-post" => td_string!(locale, catalogue.field_customer_email),
        "Anläggningens gatuadress" => td_string!(locale, catalogue.field_facility_street),
        "Postnummer" => td_string!(locale, catalogue.field_facility_postal_code),
        "Ort" => td_string!(locale, catalogue.field_facility_city),
        "Fastighetsbeteckning" => td_string!(locale, catalogue.field_property_designation),
        "Önskat datum" => td_string!(locale, catalogue.field_desired_date),
        "Övriga upplysningar" => td_string!(locale, catalogue.field_other_information),
        "Huvudsäkring (A)" => td_string!(locale, catalogue.field_main_fuse),
        "Antal faser" => td_string!(locale, catalogue.field_phases),
        "Typ av byggnad" => td_string!(locale, catalogue.field_building_type),
        "Antal mätpunkter" => td_string!(locale, catalogue.field_metering_points),
        "Fakturaadress (om annan än anläggningens)" => td_string!(locale, catalogue.field_billing_address),
        "Fakturareferens" => td_string!(locale, catalogue.field_invoice_reference),
        "Återanslutning" => td_string!(locale, catalogue.type_ateranslutning),
        "Fastigheten har tidigare haft ett abonnemang och kunden vill ansluta sig igen." => td_string!(locale, catalogue.description_ateranslutning),
        "Tidigare anläggnings-ID" => td_string!(locale, catalogue.field_previous_facility_id),
        "Om det är känt." => td_string!(locale, catalogue.hint_previous_facility_id),
        "Tidigare mätarnummer" => td_string!(locale, catalogue.field_previous_meter_number),
        "Produktionsanläggning till nybyggnation (sol, vind, vatten)" => td_string!(locale, catalogue.type_produktion_nybyggnation),
        "En produktionsanläggning i en ny byggnad; anmäls som eget ärende kopplat till den nya anslutningen." => td_string!(locale, catalogue.description_produktion_nybyggnation),
        "Ärendenummer för den nya anslutningen" => td_string!(locale, catalogue.field_linked_case_number),
        "Produktionsanläggningen anmäls som ett eget ärende, kopplat till anslutningen." => td_string!(locale, catalogue.hint_linked_case_number),
        "Typ av produktion" => td_string!(locale, catalogue.field_production_type),
        "Växelriktare, fabrikat och modell" => td_string!(locale, catalogue.field_inverter_model),
        "Växelriktarens antal faser" => td_string!(locale, catalogue.field_inverter_phases),
        "Maximal inmatad effekt (kW)" => td_string!(locale, catalogue.field_max_feed_in_kw),
        "Installerad effekt (kW)" => td_string!(locale, catalogue.field_installed_power_kw),
        "Antal enheter" => td_string!(locale, catalogue.field_units),
        "Energilager (kWh), om sådant finns" => td_string!(locale, catalogue.field_energy_storage_kwh),
        "Byggström" => td_string!(locale, catalogue.type_byggstrom),
        "El till en fastighet eller anläggning under byggnation (högst ett år, sedan förlängning)." => td_string!(locale, catalogue.description_byggstrom),
        "Beräknat slutdatum" => td_string!(locale, catalogue.field_end_date),
        "Var byggskåpet ska stå" => td_string!(locale, catalogue.field_cabinet_position),
        "Evenemang" => td_string!(locale, catalogue.type_evenemang),
        "Tillfällig el till ett evenemang." => td_string!(locale, catalogue.description_evenemang),
        "Evenemanget börjar" => td_string!(locale, catalogue.field_event_start),
        "Evenemanget slutar" => td_string!(locale, catalogue.field_event_end),
        "Uppbyggnad" => td_string!(locale, catalogue.field_setup_date),
        "Nedmontering" => td_string!(locale, catalogue.field_teardown_date),
        "Var skåpet ska stå" => td_string!(locale, catalogue.field_cabinet_position_2),
        "Ny anläggning (ny mätare) på befintlig servis" => td_string!(locale, catalogue.type_ny_anlaggning_befintlig_servis),
        "Till exempel lägenhetsmätare i flerfamiljshus." => td_string!(locale, catalogue.description_ny_anlaggning_befintlig_servis),
        "Anläggnings-ID" => td_string!(locale, catalogue.field_facility_id),
        "Servisens befintliga anläggnings-ID." => td_string!(locale, catalogue.hint_facility_id),
        "Antal nya mätare" => td_string!(locale, catalogue.field_new_meters),
        "Servisens säkring (A)" => td_string!(locale, catalogue.field_service_fuse),
        "Ingen ny mätares säkring får vara större." => td_string!(locale, catalogue.hint_service_fuse),
        "Säkring per ny mätare (A)" => td_string!(locale, catalogue.field_meter_fuse),
        "Lägenhetsnummer eller märkning" => td_string!(locale, catalogue.field_apartment_numbers),
        "Produktionsanläggning till befintlig anslutning (sol, vind, vatten)" => td_string!(locale, catalogue.type_produktion_befintlig),
        "Till exempel solceller på ett befintligt hus." => td_string!(locale, catalogue.description_produktion_befintlig),
        "18 siffror som börjar med 735999." => td_string!(locale, catalogue.hint_facility_id_2),
        "Nuvarande huvudsäkring (A)" => td_string!(locale, catalogue.field_current_main_fuse),
        "Växelriktarnas märkeffekt (AC), inte panelernas toppeffekt." => td_string!(locale, catalogue.hint_max_feed_in_kw),
        "Förväntad årsproduktion (kWh)" => td_string!(locale, catalogue.field_yearly_production_kwh),
        "Byte av säkring (ökning/minskning av storlek)" => td_string!(locale, catalogue.type_byte_av_sakring),
        "Högst ett byte per anläggning och tolv månader." => td_string!(locale, catalogue.description_byte_av_sakring),
        "Ny huvudsäkring (A)" => td_string!(locale, catalogue.field_new_main_fuse),
        "Anledning" => td_string!(locale, catalogue.field_reason),
        "Övergång från 1-fas till 3-fas" => td_string!(locale, catalogue.type_enfas_till_trefas),
        "Antal faser före" => td_string!(locale, catalogue.field_phases_before),
        "Antal faser efter" => td_string!(locale, catalogue.field_phases_after),
        "Flytt eller byte av fasadmätarskåp eller serviscentral" => td_string!(locale, catalogue.type_flytt_matarskap),
        "Medgivande krävs innan arbetet; bara nätbolagets entreprenörer rör den inkommande servisledningen." => td_string!(locale, catalogue.description_flytt_matarskap),
        "Vad som ändras" => td_string!(locale, catalogue.field_change_kind),
        "Ny placering" => td_string!(locale, catalogue.field_new_position),
        "Omdragning av servisledning inom tomtmark/fastighet" => td_string!(locale, catalogue.type_omdragning_servisledning),
        "Sträckningen bestäms med nätbolaget; kunden lägger skyddsrören." => td_string!(locale, catalogue.description_omdragning_servisledning),
        "Ny sträckning" => td_string!(locale, catalogue.field_new_route),
        "Nedtagning och avslut av mätplats (en eller flera)" => td_string!(locale, catalogue.type_nedtagning_matplats),
        "Vid sammanslagning krävs samma fastighet och gemensam servisledning." => td_string!(locale, catalogue.description_nedtagning_matplats),
        "Fler anläggnings-ID som tas ned" => td_string!(locale, catalogue.field_additional_facility_ids),
        "Skilj dem åt med kommatecken." => td_string!(locale, catalogue.hint_additional_facility_ids),
        "Kvarvarande anläggnings-ID vid sammanslagning" => td_string!(locale, catalogue.field_remaining_facility_id),
        "Mätarställning (kWh)" => td_string!(locale, catalogue.field_meter_reading),
        "Permanent urkoppling/avslut av elanslutning" => td_string!(locale, catalogue.type_permanent_urkoppling),
        "Kräver blankett undertecknad av fastighets- eller anslutningsägaren; beställs minst 30 dagar i förväg." => td_string!(locale, catalogue.description_permanent_urkoppling),
        "Tillfällig brytning (max 2 timmar)" => td_string!(locale, catalogue.type_tillfallig_brytning),
        "Beställs minst sju dagar i förväg." => td_string!(locale, catalogue.description_tillfallig_brytning),
        "Brytningen börjar" => td_string!(locale, catalogue.field_break_start),
        "Brytningen slutar" => td_string!(locale, catalogue.field_break_end),
        "Kontaktperson på plats (telefon)" => td_string!(locale, catalogue.field_onsite_contact),
        "Situationsplan" => td_string!(locale, catalogue.attachment_situationsplan),
        "Enlinjeschema" => td_string!(locale, catalogue.attachment_enlinjeschema),
        "Fullmakt från kunden" => td_string!(locale, catalogue.attachment_fullmakt),
        "Anmälan av produktionsanläggning (undertecknad av ägaren)" => td_string!(locale, catalogue.attachment_anmalan_produktion),
        "Produktblad/typprovningsintyg för växelriktaren" => td_string!(locale, catalogue.attachment_produktblad),
        "Blankett undertecknad av fastighets- eller anslutningsägaren" => td_string!(locale, catalogue.attachment_undertecknad_blankett),
        "Foto" => td_string!(locale, catalogue.attachment_foto),
        "Kundens godkännande av byte av installatör" => td_string!(locale, catalogue.attachment_kundens_godkannande),
        "Övrigt" => td_string!(locale, catalogue.attachment_ovrigt),
        "Elanslutning" => td_string!(locale, catalogue.unit_connection),
        "Elanläggning" => td_string!(locale, catalogue.unit_facility),
        other => other,
    }
}

/// A register (ADM-8) as the reader calls it.
pub fn register_label(locale: Locale, kind: crate::domain::RegisterKind) -> &'static str {
    use crate::domain::RegisterKind as K;
    match kind {
        K::Population => td_string!(locale, registers.k_population),
        K::Companies => td_string!(locale, registers.k_companies),
        K::Authorizations => td_string!(locale, registers.k_authorizations),
        K::CustomerAccounts => td_string!(locale, registers.k_customer_accounts),
    }
}

/// A register field's label (by its field name) as the reader calls it.
pub fn register_field_label(locale: Locale, kind: crate::domain::RegisterKind, name: &str) -> &'static str {
    use crate::domain::RegisterKind as K;
    match (kind, name) {
        (_, "personnummer") => td_string!(locale, registers.f_personnummer),
        (K::Companies, "name") => td_string!(locale, registers.f_company_name),
        (_, "name") => td_string!(locale, registers.f_name),
        (_, "organisationsnummer") => td_string!(locale, registers.f_organisationsnummer),
        (_, "street_address") => td_string!(locale, registers.f_street),
        (_, "postal_code") => td_string!(locale, registers.f_postal_code),
        (_, "city") => td_string!(locale, registers.f_city),
        (_, "number") => td_string!(locale, registers.f_number),
        (_, "holder_name") => td_string!(locale, registers.f_holder),
        (_, "scope") => td_string!(locale, registers.f_scope),
        _ => td_string!(locale, registers.f_email),
    }
}

/// An audit action as the reader calls it (ADM-5); the exported file keeps the
/// domain's Swedish, the operator's record.
pub fn audit_action_label(locale: Locale, action: &str) -> &'static str {
    match action {
        "account.registered" => td_string!(locale, audit.account__registered),
        "account.created_manually" => td_string!(locale, audit.account__created_manually),
        "account.email_verified" => td_string!(locale, audit.account__email_verified),
        "account.username_changed" => td_string!(locale, audit.account__username_changed),
        "account.contact_changed" => td_string!(locale, audit.account__contact_changed),
        "account.password_changed" => td_string!(locale, audit.account__password_changed),
        "account.password_reset_requested" => td_string!(locale, audit.account__password_reset_requested),
        "account.password_set_from_link" => td_string!(locale, audit.account__password_set_from_link),
        "account.password_link_sent" => td_string!(locale, audit.account__password_link_sent),
        "account.login_lock_lifted" => td_string!(locale, audit.account__login_lock_lifted),
        "account.deactivated" => td_string!(locale, audit.account__deactivated),
        "account.reactivated" => td_string!(locale, audit.account__reactivated),
        "admin.login" => td_string!(locale, audit.admin__login),
        "admin.acting_started" => td_string!(locale, audit.admin__acting_started),
        "admin.acting_stopped" => td_string!(locale, audit.admin__acting_stopped),
        "admin.staff_created" => td_string!(locale, audit.admin__staff_created),
        "admin.staff_deleted" => td_string!(locale, audit.admin__staff_deleted),
        "admin.created_from_cli" => td_string!(locale, audit.admin__created_from_cli),
        "staff.created_from_cli" => td_string!(locale, audit.staff__created_from_cli),
        "admin.second_factor_enrolled" => td_string!(locale, audit.admin__second_factor_enrolled),
        "admin.second_factor_locked" => td_string!(locale, audit.admin__second_factor_locked),
        "team.created" => td_string!(locale, audit.team__created),
        "team.created_manually" => td_string!(locale, audit.team__created_manually),
        "team.updated" => td_string!(locale, audit.team__updated),
        "team.deleted" => td_string!(locale, audit.team__deleted),
        "team.member_added" => td_string!(locale, audit.team__member_added),
        "team.member_removed" => td_string!(locale, audit.team__member_removed),
        "team.ownership_offered" => td_string!(locale, audit.team__ownership_offered),
        "team.ownership_offer_withdrawn" => td_string!(locale, audit.team__ownership_offer_withdrawn),
        "team.ownership_offer_declined" => td_string!(locale, audit.team__ownership_offer_declined),
        "team.ownership_transferred" => td_string!(locale, audit.team__ownership_transferred),
        "case.moved" => td_string!(locale, audit.case__moved),
        "case.team_changed" => td_string!(locale, audit.case__team_changed),
        "case.move_evidence_attached" => td_string!(locale, audit.case__move_evidence_attached),
        "support.filed" => td_string!(locale, audit.support__filed),
        "support.taken" => td_string!(locale, audit.support__taken),
        "support.completed" => td_string!(locale, audit.support__completed),
        "support.rejected" => td_string!(locale, audit.support__rejected),
        "register.imported" => td_string!(locale, audit.register__imported),
        "register.corrected" => td_string!(locale, audit.register__corrected),
        "register.added" => td_string!(locale, audit.register__added),
        "outbox.retried" => td_string!(locale, audit.outbox__retried),
        "audit.exported" => td_string!(locale, audit.audit__exported),
        _ => "",
    }
}

/// An audit entry's details in the reader's words (ADM-5); the exported
/// file keeps the operator's Swedish record (`domain::audit::details_in_words`).
pub fn audit_details_in_words(locale: Locale, details: &str) -> String {
    use crate::domain::audit::{details_in_words_with, DetailWords};
    let key = |key: &str| audit_detail_label(locale, key);
    details_in_words_with(
        details,
        &DetailWords { key: &key, yes: td_string!(locale, audit_details.yes), no: td_string!(locale, audit_details.no) },
    )
}

fn audit_detail_label(locale: Locale, key: &str) -> Option<&'static str> {
    Some(match key {
        "name" => td_string!(locale, audit_details.name),
        "organisationsnummer" => td_string!(locale, audit_details.organisationsnummer),
        "contact_name" => td_string!(locale, audit_details.contact_name),
        "contact_email" => td_string!(locale, audit_details.contact_email),
        "contact_phone" => td_string!(locale, audit_details.contact_phone),
        "email" => td_string!(locale, audit_details.email),
        "user_id" => td_string!(locale, audit_details.user_id),
        "from_user_id" => td_string!(locale, audit_details.from_user_id),
        "to_user_id" => td_string!(locale, audit_details.to_user_id),
        "from_team_id" => td_string!(locale, audit_details.from_team_id),
        "to_team_id" => td_string!(locale, audit_details.to_team_id),
        "team_id" => td_string!(locale, audit_details.team_id),
        "case_id" => td_string!(locale, audit_details.case_id),
        "case_number" => td_string!(locale, audit_details.case_number),
        "before" => td_string!(locale, audit_details.before),
        "after" => td_string!(locale, audit_details.after),
        "reason" => td_string!(locale, audit_details.reason),
        "register" => td_string!(locale, audit_details.register),
        "key" => td_string!(locale, audit_details.key),
        "rows" => td_string!(locale, audit_details.rows),
        "rejected" => td_string!(locale, audit_details.rejected),
        "role" => td_string!(locale, audit_details.role),
        "kind" => td_string!(locale, audit_details.kind),
        "from" => td_string!(locale, audit_details.from),
        "to" => td_string!(locale, audit_details.to),
        _ => return None,
    })
}

/// A role as the reader calls it.
pub fn role_label(locale: Locale, role: crate::domain::Role) -> &'static str {
    use crate::domain::Role;
    match role {
        Role::Installer => td_string!(locale, roles.installer),
        Role::ConnectionHandler => td_string!(locale, roles.connection_handler),
        Role::FacilityHandler => td_string!(locale, roles.facility_handler),
        Role::Admin => td_string!(locale, roles.admin),
    }
}

/// A part of the handler's queue as the reader calls it (CASE-12).
pub fn queue_part_label(locale: Locale, part: crate::domain::case::QueuePart) -> &'static str {
    use crate::domain::case::QueuePart as P;
    match part {
        P::InProgress => td_string!(locale, queue.part_in_progress),
        P::Completed => td_string!(locale, queue.part_completed),
        P::Cancellations => td_string!(locale, queue.part_cancellations),
        P::Mine => td_string!(locale, queue.part_mine),
        P::All => td_string!(locale, queue.part_all),
    }
}

/// An order of the handler's queue as the reader calls it.
pub fn queue_sort_label(locale: Locale, sort: crate::domain::case::QueueSort) -> &'static str {
    use crate::domain::case::QueueSort as S;
    match sort {
        S::OldestFirst => td_string!(locale, queue.sort_oldest),
        S::NewestFirst => td_string!(locale, queue.sort_newest),
        S::LastChanged => td_string!(locale, queue.sort_changed),
    }
}

/// A text of the support requests' declarations (ACC-7: kinds, their
/// descriptions, fields, hints, documents, statuses) in the reader's language.
pub fn support_text(locale: Locale, swedish: &'static str) -> &'static str {
    match swedish {
        "Intyg från Elsäkerhetsverket" => td_string!(locale, support.doc_certificate),
        "Intyg om behörighet" => td_string!(locale, support.doc_authorization_statement),
        "Behörighetsbevis" => td_string!(locale, support.doc_authorization_proof),
        "Bilaga" => td_string!(locale, support.doc_other),
        "Namn" => td_string!(locale, support.f_name),
        "E-postadress" => td_string!(locale, support.f_email),
        "Blir användarnamnet på Installatörswebben." => td_string!(locale, support.h_email),
        "Mobilnummer" => td_string!(locale, support.f_mobile),
        "Utländska nummer med landsnummer, till exempel +47 …" => td_string!(locale, support.h_mobile),
        "Behörighetsnummer" => td_string!(locale, support.f_authorization_number),
        "Står på intyget från Elsäkerhetsverket." => td_string!(locale, support.h_authorization_number),
        "Namn på teamet" => td_string!(locale, support.f_team_name),
        "Lämnas tomt blir det installatörens namn." => td_string!(locale, support.h_team_name),
        "Teamägarens användarnamn" => td_string!(locale, support.f_owner_email),
        "Ägaren måste redan ha ett konto på Installatörswebben." => td_string!(locale, support.h_owner_email),
        "Organisationens namn" => td_string!(locale, support.f_organisation_name),
        "Organisationsnummer" => td_string!(locale, support.f_organisationsnummer),
        "Kontaktperson för teamet" => td_string!(locale, support.f_contact_name),
        "Teamets e-postadress" => td_string!(locale, support.f_contact_email),
        "Teamets telefonnummer" => td_string!(locale, support.f_contact_phone),
        "Din fråga" => td_string!(locale, support.f_message),
        "Ditt namn" => td_string!(locale, support.f_your_name),
        "Din e-postadress" => td_string!(locale, support.f_your_email),
        "Hit skickar vi besked om ärendet." => td_string!(locale, support.h_your_email),
        "Ditt telefonnummer" => td_string!(locale, support.f_your_phone),
        "Konto för utländsk installatör" => td_string!(locale, support.k_foreign),
        "Konto och team för installatör utan företag" => td_string!(locale, support.k_without_company),
        "Team för kommun eller liknande" => td_string!(locale, support.k_municipality),
        "Allmän fråga" => td_string!(locale, support.k_question),
        "Installatörer utan svenskt personnummer kan inte registrera sig själva. Vi skapar kontot med behörighetsnumret från ert intyg från Elsäkerhetsverket; bifoga intyget." => td_string!(locale, support.d_foreign),
        "Behörig installatör som inte arbetar på ett registrerat elinstallationsföretag. Vi skapar konto och team åt dig; bifoga ditt intyg om behörighet." => td_string!(locale, support.d_without_company),
        "För kommuner och liknande som inte finns i Elsäkerhetsverkets register. Ägaren ska redan ha ett konto; bifoga ett behörighetsbevis som motsvarar det Elsäkerhetsverket kräver." => td_string!(locale, support.d_municipality),
        "Frågor om Installatörswebben som inte gäller ett enskilt ärende." => td_string!(locale, support.d_question),
        "Inkommet" => td_string!(locale, support.s_open),
        "Under handläggning" => td_string!(locale, support.s_in_progress),
        "Klart" => td_string!(locale, support.s_completed),
        "Avslaget" => td_string!(locale, support.s_rejected),
        other => other,
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
            assert_ne!(state_label(Locale::en, state), state.label());
        }
        for error in [PasswordError::TooShort, PasswordError::TooLong, PasswordError::TooCommon, PasswordError::ContainsUsername] {
            assert_eq!(error.text(Locale::sv), error.to_string());
            assert_ne!(error.text(Locale::en), error.to_string());
        }
    }

    // covers: UX-2, CASE-1
    #[test]
    fn every_text_of_the_catalogue_is_translated() {
        use crate::domain::case::{AttachmentKind, CaseGroup, CATALOGUE};
        let mut texts: Vec<&'static str> = CaseGroup::ALL.iter().map(|g| g.label()).collect();
        texts.extend(AttachmentKind::ALL.iter().map(|k| k.label()));
        texts.extend(crate::domain::case::Unit::ALL.iter().map(|u| u.label()));
        for t in CATALOGUE {
            texts.extend([t.label, t.description]);
            for f in t.all_fields() {
                texts.push(f.label);
                texts.extend(f.hint);
            }
        }
        for text in texts.into_iter().filter(|t| !t.is_empty()) {
            assert_eq!(catalogue_text(Locale::sv, text), text, "sv.json says it as the catalogue does");
            assert_ne!(catalogue_text(Locale::en, text), text, "no English for {text:?}");
        }
    }

    // covers: UX-2
    #[test]
    fn a_required_text_is_asked_for_in_either_language() {
        use crate::error::{required_text, TextLabel};
        let empty = required_text(TextLabel::TeamName, "  ", 100).unwrap_err();
        assert_eq!(empty.text(Locale::sv), "Ange teamnamn.");
        assert_eq!(empty.text(Locale::en), "Enter the team name.");
        let long = required_text(TextLabel::City, &"x".repeat(101), 100).unwrap_err();
        assert_eq!(long.text(Locale::sv), long.to_string());
        assert_eq!(long.text(Locale::en), "The city may have at most 100 characters.");
    }

    // covers: UX-2, ADM-8
    #[test]
    fn every_register_field_has_its_own_label_in_both_languages() {
        for kind in crate::domain::RegisterKind::ALL {
            for (name, swedish) in kind.fields() {
                assert_eq!(register_field_label(Locale::sv, kind, name), *swedish, "{kind:?} {name}");
                assert_ne!(register_field_label(Locale::en, kind, name), "");
            }
            assert_eq!(register_label(Locale::sv, kind), kind.label());
        }
    }

    // covers: UX-2, ACC-7
    #[test]
    fn every_text_of_the_support_requests_is_translated_and_so_are_their_messages() {
        use crate::domain::support::{validate_request, DocumentKind, SupportKind, SupportStatus};
        let mut texts: Vec<&'static str> = DocumentKind::ALL.iter().map(|d| d.label()).collect();
        texts.extend(SupportStatus::ALL.iter().map(|s| s.label()));
        for kind in SupportKind::ALL {
            texts.extend([kind.label(), kind.description()]);
            for f in kind.asker_fields().iter().chain(kind.fields()) {
                texts.push(f.label);
                texts.extend(f.hint);
            }
        }
        for text in texts {
            assert_eq!(support_text(Locale::sv, text), text, "sv.json says it as the domain does");
            assert_ne!(support_text(Locale::en, text), text, "no English for {text:?}");
        }
        let values = [("name", ""), ("email", "inte-en-adress"), ("mobile", "+47 912 34 567"), ("authorization_number", "x")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let errors = validate_request(SupportKind::ForeignInstaller, &values).unwrap_err();
        let said: Vec<String> = errors.iter().map(|e| e.text(Locale::en)).collect();
        assert_eq!(said[0], "Name: fill in.");
        assert!(said[1].starts_with("E-mail address: The e-mail address"), "{}", said[1]);
        assert_eq!(said[2], "Authorization number: The authorization number should have 4–30 characters.");
        for error in &errors {
            assert_eq!(error.text(Locale::sv), error.to_string(), "the Swedish text is the domain's own");
        }
    }

    // covers: UX-2, CASE-1, CASE-2, CASE-14
    #[test]
    fn a_case_problem_is_said_in_swedish_as_the_domain_says_it_and_in_english() {
        use crate::domain::case::{check_movable, transition, validate_fields, CaseAction, CaseActor, CaseState, CaseStatus, CaseType, OperatorConfig};
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let fuse_change = CaseType::by_code("byte_av_sakring").unwrap();
        let values = [("customer_name", ""), ("facility_id", "735999000000000017"), ("current_main_fuse", "17")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let problems = validate_fields(fuse_change, &values, &OperatorConfig::default(), today, true, None).unwrap_err();
        assert!(!problems.is_empty());
        for problem in &problems {
            assert_eq!(problem.text(Locale::sv), problem.to_string(), "{:?}: the Swedish text is the domain's own", problem.field);
            assert_ne!(problem.text(Locale::en), problem.to_string(), "{:?} has no English", problem.field);
        }
        let said = |field: &str| problems.iter().find(|p| p.field == field).map(|p| p.text(Locale::en)).unwrap_or_default();
        assert_eq!(said("customer_name"), "Fill in customer's name.");
        assert_eq!(said("facility_id"), "The check digit (the last digit) of the facility ID is wrong.");
        assert!(said("current_main_fuse").starts_with("Choose current main fuse (A) from the list ("), "{}", said("current_main_fuse"));
        let refused = transition(CaseStatus { state: CaseState::Arkiv, cancellation_pending: false }, CaseAction::Submit, CaseActor::Holder { may_report_completion: true })
            .unwrap_err();
        assert_eq!(refused.text(Locale::sv), refused.to_string());
        assert_eq!(refused.text(Locale::en), "The case is in the state Archived and cannot be submitted.");
        let unmovable = check_movable(CaseState::Utkast).unwrap_err();
        assert_eq!(unmovable.text(Locale::sv), unmovable.to_string());
        assert_eq!(unmovable.text(Locale::en), "Drafts cannot be moved; submit the case first.");
    }

    // covers: UX-2, CASE-10
    #[test]
    fn the_portals_own_notes_on_a_timeline_are_said_in_either_language() {
        use crate::domain::case::{AttachmentKind, CompletionReport, MeterReading, TimelineNote};
        let report = CompletionReport {
            work_done_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            meter: Some(MeterReading { meter_number: "AB-4711".into(), reading_kwh: 12345 }),
            inspected: true,
            message: Some("Huvudsäkring bytt.".into()),
        };
        let notes = [
            TimelineNote::moved(Some(("Karin Ek".into(), "Mikael Holm".into())), Some(("Norr".into(), "Syd".into()))).unwrap(),
            TimelineNote::TakenOver { from: "Hanna".into() },
            TimelineNote::Attachment { kind: AttachmentKind::Foto, file_name: "skåp.jpg".into() },
            TimelineNote::Completion { report },
        ];
        for note in &notes {
            assert_eq!(note.text(Locale::sv), note.to_string(), "the Swedish is the domain's own");
            assert_ne!(note.text(Locale::en), note.to_string());
        }
        assert_eq!(notes[0].text(Locale::en), "From Karin Ek to Mikael Holm. From team Norr to team Syd.");
        assert_eq!(notes[1].text(Locale::en), "Taken over from Hanna");
        assert_eq!(notes[2].text(Locale::en), "Photo: skåp.jpg");
        assert_eq!(
            notes[3].text(Locale::en),
            "Work done 1 Dec 2026.\nMeter AB-4711, meter reading 12345 kWh.\nThe installer certifies that the installation is inspected and safe.\nMessage: Huvudsäkring bytt."
        );
    }

    // covers: UX-2, ADM-5
    #[test]
    fn every_audit_action_is_named_in_both_languages() {
        for (code, swedish) in crate::domain::audit::ACTIONS {
            assert_eq!(audit_action_label(Locale::sv, code), *swedish, "{code}");
            let english = audit_action_label(Locale::en, code);
            assert!(!english.is_empty() && english != *swedish, "{code}: {english}");
        }
        assert_eq!(audit_action_label(Locale::en, "team.updated"), "Team details changed");
        assert_eq!(audit_action_label(Locale::en, "okänd.händelse"), "");
    }

    // covers: UX-2, ADM-5
    #[test]
    fn audit_details_are_read_in_both_languages() {
        for (key, swedish) in crate::domain::audit::DETAIL_KEYS {
            assert_eq!(audit_detail_label(Locale::sv, key), Some(*swedish), "{key}");
            assert!(audit_detail_label(Locale::en, key).is_some_and(|english| !english.is_empty()), "{key}");
        }
        let details = r#"{"accept":true,"before":{"name":"Norr"},"contact_phone":"070-1234567","user_id":7}"#;
        assert_eq!(audit_details_in_words(Locale::sv, details), crate::domain::audit::details_in_words(details));
        assert_eq!(
            audit_details_in_words(Locale::en, details),
            "accept: yes; before: (name: Norr); phone: 070-1234567; user: 7"
        );
    }
}

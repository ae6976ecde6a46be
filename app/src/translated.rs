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
}

//! CASE-1: every case type of the routine's section 5, in its three groups,
//! as data that forms, validation and routing iterate over.
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum CaseGroup {
    NyPermanentAnslutning,
    NyTillfalligAnslutning,
    AndringBefintligAnslutning,
}

impl CaseGroup {
    pub const ALL: [CaseGroup; 3] =
        [CaseGroup::NyPermanentAnslutning, CaseGroup::NyTillfalligAnslutning, CaseGroup::AndringBefintligAnslutning];

    pub fn label(self) -> &'static str {
        match self {
            CaseGroup::NyPermanentAnslutning => "Ny permanent anslutning",
            CaseGroup::NyTillfalligAnslutning => "Ny tillfällig anslutning",
            CaseGroup::AndringBefintligAnslutning => "Ändring på befintlig anslutning",
        }
    }

    /// CASE-8, CASE-12: new connections go to the connection unit, changes to
    /// existing connections (facility and meter work) to the facility unit.
    pub fn unit(self) -> Unit {
        match self {
            CaseGroup::NyPermanentAnslutning | CaseGroup::NyTillfalligAnslutning => Unit::Connection,
            CaseGroup::AndringBefintligAnslutning => Unit::Facility,
        }
    }
}

/// The grid operator's unit that handles a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
// Stored as its code; an unknown stored value is an error, never a guess.
#[cfg_attr(feature = "ssr", derive(sea_orm::DeriveActiveEnum, sea_orm::EnumIter))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum Unit {
    /// Elanslutning.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "connection"))]
    Connection,
    /// Elanläggning.
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "facility"))]
    Facility,
}

impl Unit {
    pub const ALL: [Unit; 2] = [Unit::Connection, Unit::Facility];

    pub fn code(self) -> &'static str {
        match self {
            Unit::Connection => "connection",
            Unit::Facility => "facility",
        }
    }

    pub fn from_code(code: &str) -> Option<Unit> {
        Self::ALL.into_iter().find(|u| u.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Unit::Connection => "Elanslutning",
            Unit::Facility => "Elanläggning",
        }
    }
}

/// What a field holds, which decides its input and its check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    /// One line of text, at most this many characters.
    Text(usize),
    /// Several lines of text.
    LongText,
    /// A personnummer or an organisationsnummer (the customer).
    CustomerId,
    Email,
    Phone,
    PostalCode,
    /// A facility ID (ID-4).
    Gsrn,
    /// A main fuse from the operator's series (ID-5).
    FuseSize,
    /// `ÅÅÅÅ-MM-DD`.
    Date,
    /// `ÅÅÅÅ-MM-DDTHH:MM` (a planned break's start and end, CASE-2).
    DateTime,
    /// sol / vind / vatten.
    ProductionType,
    /// Kilowatts, with at most one decimal.
    PowerKw,
    /// A whole number in a range.
    Count { min: u32, max: u32 },
    /// 1 or 3.
    Phases,
    /// Yes or no (a list of `Nej`/`Ja`, so it posts the same with and without scripts); kept as `ja` or empty.
    YesNo,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldDef {
    pub key: &'static str,
    pub label: &'static str,
    pub kind: FieldKind,
    pub required: bool,
    pub hint: Option<&'static str>,
}

const fn req(key: &'static str, label: &'static str, kind: FieldKind) -> FieldDef {
    FieldDef { key, label, kind, required: true, hint: None }
}

const fn opt(key: &'static str, label: &'static str, kind: FieldKind) -> FieldDef {
    FieldDef { key, label, kind, required: false, hint: None }
}

const fn hint(mut f: FieldDef, hint: &'static str) -> FieldDef {
    f.hint = Some(hint);
    f
}

/// Documents a case may carry (CASE-9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
// Stored as its code; an unknown stored value is an error, never a guess.
#[cfg_attr(feature = "ssr", derive(sea_orm::DeriveActiveEnum, sea_orm::EnumIter))]
#[cfg_attr(feature = "ssr", sea_orm(rs_type = "String", db_type = "Text"))]
pub enum AttachmentKind {
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "situationsplan"))]
    Situationsplan,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "enlinjeschema"))]
    Enlinjeschema,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "fullmakt"))]
    Fullmakt,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "anmalan_produktion"))]
    AnmalanProduktionsanlaggning,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "produktblad"))]
    Produktblad,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "undertecknad_blankett"))]
    UndertecknadBlankett,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "foto"))]
    Foto,
    /// The customer's approval of a move to another company (ADM-4).
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "kundens_godkannande"))]
    KundensGodkannande,
    #[cfg_attr(feature = "ssr", sea_orm(string_value = "ovrigt"))]
    Ovrigt,
}

impl AttachmentKind {
    pub const ALL: [AttachmentKind; 9] = [
        AttachmentKind::Situationsplan,
        AttachmentKind::Enlinjeschema,
        AttachmentKind::Fullmakt,
        AttachmentKind::AnmalanProduktionsanlaggning,
        AttachmentKind::Produktblad,
        AttachmentKind::UndertecknadBlankett,
        AttachmentKind::Foto,
        AttachmentKind::KundensGodkannande,
        AttachmentKind::Ovrigt,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AttachmentKind::Situationsplan => "situationsplan",
            AttachmentKind::Enlinjeschema => "enlinjeschema",
            AttachmentKind::Fullmakt => "fullmakt",
            AttachmentKind::AnmalanProduktionsanlaggning => "anmalan_produktion",
            AttachmentKind::Produktblad => "produktblad",
            AttachmentKind::UndertecknadBlankett => "undertecknad_blankett",
            AttachmentKind::Foto => "foto",
            AttachmentKind::KundensGodkannande => "kundens_godkannande",
            AttachmentKind::Ovrigt => "ovrigt",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            AttachmentKind::Situationsplan => "Situationsplan",
            AttachmentKind::Enlinjeschema => "Enlinjeschema",
            AttachmentKind::Fullmakt => "Fullmakt från kunden",
            AttachmentKind::AnmalanProduktionsanlaggning => "Anmälan av produktionsanläggning (undertecknad av ägaren)",
            AttachmentKind::Produktblad => "Produktblad/typprovningsintyg för växelriktaren",
            AttachmentKind::UndertecknadBlankett => "Blankett undertecknad av fastighets- eller anslutningsägaren",
            AttachmentKind::Foto => "Foto",
            AttachmentKind::KundensGodkannande => "Kundens godkännande av byte av installatör",
            AttachmentKind::Ovrigt => "Övrigt",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CaseType {
    pub code: &'static str,
    pub group: CaseGroup,
    pub label: &'static str,
    pub description: &'static str,
    /// Fields beyond the ones every case has.
    pub fields: &'static [FieldDef],
    pub required_attachments: &'static [AttachmentKind],
    /// A production facility: moving it to another company needs a new fullmakt (ADM-4).
    pub is_production: bool,
    /// The work is on a facility with a meter in place, so `Färdiganmäl`
    /// asks for its number and reading (CASE-14); a new connection's meter is
    /// set up by the operator.
    pub meter_at_completion: bool,
}

impl CaseType {
    pub fn unit(&self) -> Unit {
        self.group.unit()
    }

    pub fn by_code(code: &str) -> Option<&'static CaseType> {
        CATALOGUE.iter().find(|t| t.code == code)
    }

    /// Whether a field must be filled in before submitting: as declared,
    /// and the common fields a type asks more of (construction power names
    /// the property it is for). A customer's birth date is required only
    /// when they have no Swedish personnummer (`validate_fields`).
    pub fn requires(&self, def: &FieldDef) -> bool {
        def.required || (self.code == "byggstrom" && def.key == "property_designation")
    }

    /// Every field of this type: the common ones first, then its own.
    pub fn all_fields(&self) -> impl Iterator<Item = &'static FieldDef> + use<> {
        let own: &'static [FieldDef] = self.fields;
        COMMON_FIELDS.iter().chain(own.iter())
    }
}

/// Fields every case has (case-types.md, "Fields every case has").
pub const COMMON_FIELDS: &[FieldDef] = &[
    req("customer_name", "Kundens namn", FieldKind::Text(200)),
    hint(
        req("customer_id", "Kundens personnummer eller organisationsnummer", FieldKind::CustomerId),
        "Kundens, inte ditt eget.",
    ),
    hint(
        opt("customer_without_personnummer", "Kunden saknar svenskt personnummer", FieldKind::YesNo),
        "Ange då kundens födelsedatum i stället.",
    ),
    opt("customer_birth_date", "Kundens födelsedatum", FieldKind::Date),
    opt("customer_phone", "Kundens telefon", FieldKind::Phone),
    opt("customer_email", "Kundens e-post", FieldKind::Email),
    req("facility_street", "Anläggningens gatuadress", FieldKind::Text(200)),
    req("facility_postal_code", "Postnummer", FieldKind::PostalCode),
    req("facility_city", "Ort", FieldKind::Text(100)),
    opt("property_designation", "Fastighetsbeteckning", FieldKind::Text(100)),
    req("desired_date", "Önskat datum", FieldKind::Date),
    opt("other_information", "Övriga upplysningar", FieldKind::LongText),
];

const GSRN: FieldDef = hint(req("facility_id", "Anläggnings-ID", FieldKind::Gsrn), "18 siffror som börjar med 735999.");
const FUSE: FieldDef = req("main_fuse", "Huvudsäkring (A)", FieldKind::FuseSize);
const PHASES: FieldDef = req("phases", "Antal faser", FieldKind::Phases);

const PRODUCTION_FIELDS: &[FieldDef] = &[
    GSRN,
    req("current_main_fuse", "Nuvarande huvudsäkring (A)", FieldKind::FuseSize),
    req("production_type", "Typ av produktion", FieldKind::ProductionType),
    req("inverter_model", "Växelriktare, fabrikat och modell", FieldKind::Text(200)),
    req("inverter_phases", "Växelriktarens antal faser", FieldKind::Phases),
    hint(
        req("max_feed_in_kw", "Maximal inmatad effekt (kW)", FieldKind::PowerKw),
        "Växelriktarnas märkeffekt (AC), inte panelernas toppeffekt.",
    ),
    req("installed_power_kw", "Installerad effekt (kW)", FieldKind::PowerKw),
    opt("yearly_production_kwh", "Förväntad årsproduktion (kWh)", FieldKind::Count { min: 0, max: 100_000_000 }),
    req("units", "Antal enheter", FieldKind::Count { min: 1, max: 1000 }),
    opt("energy_storage_kwh", "Energilager (kWh), om sådant finns", FieldKind::PowerKw),
];

/// Who the operator invoices on a new connection, when not at the facility (case-types.md).
const BILLING_ADDRESS: FieldDef = opt("billing_address", "Fakturaadress (om annan än anläggningens)", FieldKind::Text(300));
const INVOICE_REFERENCE: FieldDef = opt("invoice_reference", "Fakturareferens", FieldKind::Text(100));

const PRODUCTION_NEW_BUILD_FIELDS: &[FieldDef] = &[
    hint(
        opt("linked_case_number", "Ärendenummer för den nya anslutningen", FieldKind::Text(30)),
        "Produktionsanläggningen anmäls som ett eget ärende, kopplat till anslutningen.",
    ),
    req("production_type", "Typ av produktion", FieldKind::ProductionType),
    FUSE,
    req("inverter_model", "Växelriktare, fabrikat och modell", FieldKind::Text(200)),
    req("inverter_phases", "Växelriktarens antal faser", FieldKind::Phases),
    req("max_feed_in_kw", "Maximal inmatad effekt (kW)", FieldKind::PowerKw),
    req("installed_power_kw", "Installerad effekt (kW)", FieldKind::PowerKw),
    req("units", "Antal enheter", FieldKind::Count { min: 1, max: 1000 }),
    opt("energy_storage_kwh", "Energilager (kWh), om sådant finns", FieldKind::PowerKw),
    BILLING_ADDRESS,
    INVOICE_REFERENCE,
];

const PRODUCTION_ATTACHMENTS: &[AttachmentKind] = &[
    AttachmentKind::Fullmakt,
    AttachmentKind::AnmalanProduktionsanlaggning,
    AttachmentKind::Produktblad,
];

/// The routine's section 5, in its order.
pub const CATALOGUE: &[CaseType] = &[
    CaseType {
        code: "ny_anslutning",
        group: CaseGroup::NyPermanentAnslutning,
        label: "Ny anslutning",
        description: "Fastigheten har inte el och kunden vill ansluta sig till elnätet.",
        fields: &[
            FUSE,
            PHASES,
            req("building_type", "Typ av byggnad", FieldKind::Text(100)),
            req("metering_points", "Antal mätpunkter", FieldKind::Count { min: 1, max: 500 }),
            BILLING_ADDRESS,
            INVOICE_REFERENCE,
        ],
        required_attachments: &[AttachmentKind::Situationsplan],
        is_production: false,
        meter_at_completion: false,
    },
    CaseType {
        code: "ateranslutning",
        group: CaseGroup::NyPermanentAnslutning,
        label: "Återanslutning",
        description: "Fastigheten har tidigare haft ett abonnemang och kunden vill ansluta sig igen.",
        fields: &[
            hint(opt("previous_facility_id", "Tidigare anläggnings-ID", FieldKind::Gsrn), "Om det är känt."),
            opt("previous_meter_number", "Tidigare mätarnummer", FieldKind::Text(40)),
            FUSE,
            PHASES,
            BILLING_ADDRESS,
            INVOICE_REFERENCE,
        ],
        required_attachments: &[],
        is_production: false,
        meter_at_completion: false,
    },
    CaseType {
        code: "produktion_nybyggnation",
        group: CaseGroup::NyPermanentAnslutning,
        label: "Produktionsanläggning till nybyggnation (sol, vind, vatten)",
        description: "En produktionsanläggning i en ny byggnad; anmäls som eget ärende kopplat till den nya anslutningen.",
        fields: PRODUCTION_NEW_BUILD_FIELDS,
        required_attachments: PRODUCTION_ATTACHMENTS,
        is_production: true,
        meter_at_completion: false,
    },
    CaseType {
        code: "byggstrom",
        group: CaseGroup::NyTillfalligAnslutning,
        label: "Byggström",
        description: "El till en fastighet eller anläggning under byggnation (högst ett år, sedan förlängning).",
        fields: &[
            FUSE,
            req("end_date", "Beräknat slutdatum", FieldKind::Date),
            req("cabinet_position", "Var byggskåpet ska stå", FieldKind::Text(200)),
            BILLING_ADDRESS,
            INVOICE_REFERENCE,
        ],
        required_attachments: &[AttachmentKind::Situationsplan],
        is_production: false,
        meter_at_completion: false,
    },
    CaseType {
        code: "evenemang",
        group: CaseGroup::NyTillfalligAnslutning,
        label: "Evenemang",
        description: "Tillfällig el till ett evenemang.",
        fields: &[
            FUSE,
            req("event_start", "Evenemanget börjar", FieldKind::Date),
            req("event_end", "Evenemanget slutar", FieldKind::Date),
            opt("setup_date", "Uppbyggnad", FieldKind::Date),
            opt("teardown_date", "Nedmontering", FieldKind::Date),
            req("cabinet_position", "Var skåpet ska stå", FieldKind::Text(200)),
            BILLING_ADDRESS,
            INVOICE_REFERENCE,
        ],
        required_attachments: &[AttachmentKind::Situationsplan],
        is_production: false,
        meter_at_completion: false,
    },
    CaseType {
        code: "ny_anlaggning_befintlig_servis",
        group: CaseGroup::AndringBefintligAnslutning,
        label: "Ny anläggning (ny mätare) på befintlig servis",
        description: "Till exempel lägenhetsmätare i flerfamiljshus.",
        fields: &[
            hint(GSRN, "Servisens befintliga anläggnings-ID."),
            req("new_meters", "Antal nya mätare", FieldKind::Count { min: 1, max: 500 }),
            hint(req("service_fuse", "Servisens säkring (A)", FieldKind::FuseSize), "Ingen ny mätares säkring får vara större."),
            req("meter_fuse", "Säkring per ny mätare (A)", FieldKind::FuseSize),
            req("apartment_numbers", "Lägenhetsnummer eller märkning", FieldKind::Text(500)),
        ],
        required_attachments: &[AttachmentKind::Enlinjeschema],
        is_production: false,
        meter_at_completion: false,
    },
    CaseType {
        code: "produktion_befintlig",
        group: CaseGroup::AndringBefintligAnslutning,
        label: "Produktionsanläggning till befintlig anslutning (sol, vind, vatten)",
        description: "Till exempel solceller på ett befintligt hus.",
        fields: PRODUCTION_FIELDS,
        required_attachments: PRODUCTION_ATTACHMENTS,
        is_production: true,
        meter_at_completion: true,
    },
    CaseType {
        code: "byte_av_sakring",
        group: CaseGroup::AndringBefintligAnslutning,
        label: "Byte av säkring (ökning/minskning av storlek)",
        description: "Högst ett byte per anläggning och tolv månader.",
        fields: &[
            GSRN,
            req("current_main_fuse", "Nuvarande huvudsäkring (A)", FieldKind::FuseSize),
            req("new_main_fuse", "Ny huvudsäkring (A)", FieldKind::FuseSize),
            PHASES,
            opt("reason", "Anledning", FieldKind::Text(500)),
        ],
        required_attachments: &[],
        is_production: false,
        meter_at_completion: true,
    },
    CaseType {
        code: "enfas_till_trefas",
        group: CaseGroup::AndringBefintligAnslutning,
        label: "Övergång från 1-fas till 3-fas",
        description: "",
        fields: &[
            GSRN,
            req("phases_before", "Antal faser före", FieldKind::Phases),
            req("phases_after", "Antal faser efter", FieldKind::Phases),
            FUSE,
        ],
        required_attachments: &[],
        is_production: false,
        meter_at_completion: true,
    },
    CaseType {
        code: "flytt_matarskap",
        group: CaseGroup::AndringBefintligAnslutning,
        label: "Flytt eller byte av fasadmätarskåp eller serviscentral",
        description: "Medgivande krävs innan arbetet; bara nätbolagets entreprenörer rör den inkommande servisledningen.",
        fields: &[
            GSRN,
            req("change_kind", "Vad som ändras", FieldKind::Text(200)),
            req("new_position", "Ny placering", FieldKind::Text(200)),
        ],
        required_attachments: &[AttachmentKind::Situationsplan],
        is_production: false,
        meter_at_completion: true,
    },
    CaseType {
        code: "omdragning_servisledning",
        group: CaseGroup::AndringBefintligAnslutning,
        label: "Omdragning av servisledning inom tomtmark/fastighet",
        description: "Sträckningen bestäms med nätbolaget; kunden lägger skyddsrören.",
        fields: &[GSRN, req("new_route", "Ny sträckning", FieldKind::Text(500))],
        required_attachments: &[AttachmentKind::Situationsplan],
        is_production: false,
        meter_at_completion: true,
    },
    CaseType {
        code: "nedtagning_matplats",
        group: CaseGroup::AndringBefintligAnslutning,
        label: "Nedtagning och avslut av mätplats (en eller flera)",
        description: "Vid sammanslagning krävs samma fastighet och gemensam servisledning.",
        fields: &[
            GSRN,
            hint(
                opt("additional_facility_ids", "Fler anläggnings-ID som tas ned", FieldKind::Text(500)),
                "Skilj dem åt med kommatecken.",
            ),
            opt("remaining_facility_id", "Kvarvarande anläggnings-ID vid sammanslagning", FieldKind::Gsrn),
            req("meter_reading", "Mätarställning (kWh)", FieldKind::Count { min: 0, max: 999_999_999 }),
        ],
        required_attachments: &[],
        is_production: false,
        meter_at_completion: true,
    },
    CaseType {
        code: "permanent_urkoppling",
        group: CaseGroup::AndringBefintligAnslutning,
        label: "Permanent urkoppling/avslut av elanslutning",
        description: "Kräver blankett undertecknad av fastighets- eller anslutningsägaren; beställs minst 30 dagar i förväg.",
        fields: &[GSRN, req("reason", "Anledning", FieldKind::Text(500))],
        required_attachments: &[AttachmentKind::UndertecknadBlankett],
        is_production: false,
        meter_at_completion: true,
    },
    CaseType {
        code: "tillfallig_brytning",
        group: CaseGroup::AndringBefintligAnslutning,
        label: "Tillfällig brytning (max 2 timmar)",
        description: "Beställs minst sju dagar i förväg.",
        fields: &[
            GSRN,
            req("break_start", "Brytningen börjar", FieldKind::DateTime),
            req("break_end", "Brytningen slutar", FieldKind::DateTime),
            req("reason", "Anledning", FieldKind::Text(500)),
            opt("onsite_contact", "Kontaktperson på plats (telefon)", FieldKind::Phone),
        ],
        required_attachments: &[],
        is_production: false,
        meter_at_completion: true,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    // covers: CASE-1
    #[test]
    fn every_type_of_the_routine_is_there_in_its_group() {
        let in_group = |g: CaseGroup| CATALOGUE.iter().filter(|t| t.group == g).count();
        assert_eq!(in_group(CaseGroup::NyPermanentAnslutning), 3);
        assert_eq!(in_group(CaseGroup::NyTillfalligAnslutning), 2);
        assert_eq!(in_group(CaseGroup::AndringBefintligAnslutning), 9);
        for code in [
            "ny_anslutning", "ateranslutning", "produktion_nybyggnation", "byggstrom", "evenemang",
            "ny_anlaggning_befintlig_servis", "produktion_befintlig", "byte_av_sakring", "enfas_till_trefas",
            "flytt_matarskap", "omdragning_servisledning", "nedtagning_matplats", "permanent_urkoppling",
            "tillfallig_brytning",
        ] {
            assert!(CaseType::by_code(code).is_some(), "{code}");
        }
    }

    // covers: CASE-1, CASE-9
    #[test]
    fn declarations_are_consistent() {
        let mut codes: Vec<_> = CATALOGUE.iter().map(|t| t.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), CATALOGUE.len(), "type codes are unique");
        for t in CATALOGUE {
            let mut keys: Vec<_> = t.all_fields().map(|f| f.key).collect();
            keys.sort_unstable();
            let n = keys.len();
            keys.dedup();
            assert_eq!(keys.len(), n, "{}: field keys are unique", t.code);
            // Every change to an existing connection names the facility.
            if t.group == CaseGroup::AndringBefintligAnslutning {
                assert!(t.all_fields().any(|f| f.key == "facility_id" && f.required), "{}", t.code);
            }
            if t.is_production {
                assert!(t.required_attachments.contains(&AttachmentKind::Fullmakt), "{}", t.code);
            }
        }
    }

    /// The "types" section of docs/case-types.md, rendered from the catalogue.
    fn render_types() -> String {
        let mut out = String::new();
        for group in CaseGroup::ALL {
            out.push_str(&format!("### {} ({})\n\n", group.label(), group.unit().label()));
            for t in CATALOGUE.iter().filter(|t| t.group == group) {
                out.push_str(&format!("**{}** (`{}`)", t.label, t.code));
                if !t.description.is_empty() {
                    out.push_str(&format!(" — {}", t.description));
                }
                out.push_str("\n\n- Fields: ");
                let own: Vec<String> =
                    t.fields.iter().map(|f| format!("{}{}", f.label, if f.required { "*" } else { "" })).collect();
                out.push_str(&own.join(", "));
                let atts: Vec<&str> = t.required_attachments.iter().map(|k| k.label()).collect();
                out.push_str(&format!(
                    "\n- Required attachments: {}\n",
                    if atts.is_empty() { "—".to_string() } else { atts.join(", ") }
                ));
                if t.is_production {
                    out.push_str("- Production facility: moving it to another company needs a new fullmakt (ADM-4).\n");
                }
                out.push('\n');
            }
        }
        out
    }

    // covers: CASE-1
    #[test]
    fn docs_list_the_catalogue_as_it_is() {
        let doc = include_str!("../../../../docs/case-types.md");
        let begin = "<!-- types:begin -->\n";
        let section = doc
            .split_once(begin)
            .and_then(|(_, rest)| rest.split_once("<!-- types:end -->"))
            .map(|(s, _)| s)
            .expect("docs/case-types.md has the types markers");
        let expected = render_types();
        assert!(section == expected, "docs/case-types.md is out of date; the section should read:\n{expected}");
    }

    // covers: CASE-8, CASE-12
    #[test]
    fn the_unit_follows_the_group() {
        assert_eq!(CaseType::by_code("ny_anslutning").unwrap().unit(), Unit::Connection);
        assert_eq!(CaseType::by_code("byggstrom").unwrap().unit(), Unit::Connection);
        assert_eq!(CaseType::by_code("byte_av_sakring").unwrap().unit(), Unit::Facility);
        assert_eq!(CaseType::by_code("tillfallig_brytning").unwrap().unit(), Unit::Facility);
    }
}

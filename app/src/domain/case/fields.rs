//! Checking a case's fields against its type's declaration (CASE-1, CASE-2,
//! ID-4, ID-5). The same functions run in the browser on every field and on
//! the server for the whole case.
use super::catalogue::{CaseType, FieldDef, FieldKind};
use super::config::OperatorConfig;
use crate::domain::{Email, Gsrn, Organisationsnummer, Personnummer, PhoneNumber, PostalCode};
use super::problems::{CaseFieldError, CaseProblem};
use chrono::{Months, NaiveDate, NaiveDateTime};
use std::collections::BTreeMap;

/// A case's field values by key, as typed (drafts) or canonical (checked).
pub type FieldValues = BTreeMap<String, String>;

const DATE: &str = "%Y-%m-%d";

/// How the yes/no fields are read wherever they appear.
const COMMON_YES_NO: FieldDef = FieldDef { key: "", label: "", kind: FieldKind::YesNo, required: false, hint: None };
const DATE_TIME: &str = "%Y-%m-%dT%H:%M";

fn parse_kw(raw: &str) -> Option<f64> {
    raw.trim().trim_end_matches("kW").trim().replace(',', ".").parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Checks one field; the canonical value, or the problem with it.
pub fn validate_field(def: &FieldDef, raw: &str, cfg: &OperatorConfig, today: NaiveDate) -> Result<String, CaseProblem> {
    use CaseProblem as P;
    let value = raw.trim();
    if value.is_empty() {
        return if def.required { Err(P::Missing { label: def.label }) } else { Ok(String::new()) };
    }
    let label = def.label;
    match def.kind {
        FieldKind::Text(max) => {
            if value.chars().count() > max {
                Err(P::TooLong { label, max })
            } else {
                Ok(value.to_string())
            }
        }
        FieldKind::LongText => {
            if value.chars().count() > 4000 {
                Err(P::TooLong { label, max: 4000 })
            } else {
                Ok(value.to_string())
            }
        }
        FieldKind::CustomerId => {
            if let Ok(org) = Organisationsnummer::parse(value)
                && !org.is_sole_trader()
            {
                return Ok(org.to_string());
            }
            Personnummer::parse(value, today).map(|p| p.to_string()).map_err(|e| {
                let digits = value.chars().filter(char::is_ascii_digit).count();
                if digits == 10 && value.chars().nth(2).is_some_and(|c| c >= '2') {
                    Organisationsnummer::parse(value).err().map(P::Organisationsnummer).unwrap_or(P::Personnummer(e))
                } else {
                    P::Personnummer(e)
                }
            })
        }
        FieldKind::Email => Email::parse(value).map(|e| e.to_string()).map_err(P::Email),
        FieldKind::Phone => PhoneNumber::parse(value).map(|p| p.to_string()).map_err(P::Phone),
        FieldKind::PostalCode => PostalCode::parse(value).map(|p| p.to_string()).map_err(P::PostalCode),
        FieldKind::Gsrn => Gsrn::parse(value).map(|g| g.to_string()).map_err(P::Gsrn),
        FieldKind::FuseSize => {
            let amps = value.trim_end_matches('A').trim().parse::<u32>().ok();
            match amps {
                Some(a) if cfg.fuse_sizes_a.contains(&a) => Ok(a.to_string()),
                _ => Err(P::FuseNotOffered { label, sizes: cfg.fuse_sizes_a.clone() }),
            }
        }
        FieldKind::Date => NaiveDate::parse_from_str(value, DATE)
            .map(|d| d.format(DATE).to_string())
            .map_err(|_| P::NotADate { label }),
        FieldKind::DateTime => NaiveDateTime::parse_from_str(value, DATE_TIME)
            .map(|d| d.format(DATE_TIME).to_string())
            .map_err(|_| P::NotADateTime { label }),
        FieldKind::ProductionType => match value.to_lowercase().as_str() {
            v @ ("sol" | "vind" | "vatten") => Ok(v.to_string()),
            _ => Err(P::NotAProductionType { label }),
        },
        FieldKind::PowerKw => match parse_kw(value) {
            Some(kw) if kw > 0.0 && kw <= 100_000.0 => Ok(format!("{}", (kw * 10.0).round() / 10.0)),
            _ => Err(P::NotAPower { label }),
        },
        FieldKind::Count { min, max } => match value.parse::<u32>() {
            Ok(n) if (min..=max).contains(&n) => Ok(n.to_string()),
            _ => Err(P::CountOutOfRange { label, min, max }),
        },
        FieldKind::Phases => match value {
            "1" | "3" => Ok(value.to_string()),
            _ => Err(P::NotPhases { label }),
        },
        FieldKind::YesNo => match value.to_lowercase().as_str() {
            "ja" | "on" | "true" => Ok("ja".into()),
            // No is kept as nothing.
            "nej" | "off" | "false" => Ok(String::new()),
            _ => Err(P::NotYesNo { label }),
        },
    }
}

/// The facility IDs of a list typed with commas, semicolons or spaces between, each checked.
pub fn facility_id_list(raw: &str) -> Result<Vec<Gsrn>, CaseProblem> {
    raw.split([',', ';', ' ', '\n', '\t'])
        .filter(|part| !part.trim().is_empty())
        .map(|part| Gsrn::parse(part.trim()).map_err(|error| CaseProblem::ListedGsrn { id: part.trim().to_string(), error }))
        .collect()
}

/// The day `working_days` working days (Monday to Friday) after `from`.
fn add_working_days(from: NaiveDate, working_days: u32) -> NaiveDate {
    use chrono::Datelike;
    let mut day = from;
    let mut left = working_days;
    while left > 0 {
        day = day.succ_opt().unwrap_or(day);
        if day.weekday().num_days_from_monday() < 5 {
            left -= 1;
        }
    }
    day
}

/// The attachments a case needs before it is submitted: its type's, and a
/// site plan for a production facility above the operator's limit.
pub fn required_attachments(case_type: &CaseType, values: &FieldValues, cfg: &OperatorConfig) -> Vec<super::AttachmentKind> {
    let mut kinds = case_type.required_attachments.to_vec();
    let feed_in = values.get("max_feed_in_kw").and_then(|v| parse_kw(v));
    if case_type.is_production
        && feed_in.is_some_and(|kw| kw > cfg.site_plan_above_kw)
        && !kinds.contains(&super::AttachmentKind::Situationsplan)
    {
        kinds.push(super::AttachmentKind::Situationsplan);
    }
    kinds
}

/// Checks a whole case. With `complete`, required fields must be filled (the
/// föranmälan is being submitted); without, a draft may have gaps but what it
/// has must be right. Rules across fields (CASE-2, feed-in limits, dates)
/// apply once both sides are there. `installer_personnummer` guards against
/// the installer entering their own number as the customer's.
pub fn validate_fields(
    case_type: &CaseType,
    values: &FieldValues,
    cfg: &OperatorConfig,
    today: NaiveDate,
    complete: bool,
    installer_personnummer: Option<&str>,
) -> Result<FieldValues, Vec<CaseFieldError>> {
    use CaseProblem as P;
    let mut errors: Vec<CaseFieldError> = Vec::new();
    let mut out = FieldValues::new();
    // A customer without a Swedish personnummer is known by their birth date instead.
    let without_personnummer = values
        .get("customer_without_personnummer")
        .is_some_and(|v| validate_field(&COMMON_YES_NO, v, cfg, today).is_ok_and(|v| v == "ja"));
    for def in case_type.all_fields() {
        let raw = values.get(def.key).map(String::as_str).unwrap_or("");
        let required = match def.key {
            "customer_id" => def.required && !without_personnummer,
            "customer_birth_date" => without_personnummer,
            _ => case_type.requires(def),
        };
        let def = FieldDef { required: complete && required, ..*def };
        match validate_field(&def, raw, cfg, today) {
            Ok(v) if v.is_empty() => {}
            Ok(v) => {
                out.insert(def.key.to_string(), v);
            }
            Err(problem) => errors.push(CaseFieldError::new(def.key, problem)),
        }
    }
    let mut fail = |key: &'static str, problem: CaseProblem| {
        if !errors.iter().any(|e| e.field == key) {
            errors.push(CaseFieldError::new(key, problem));
        }
    };
    let get = |key: &str| out.get(key).map(String::as_str);

    if let (Some(own), Some(customer)) = (installer_personnummer, get("customer_id"))
        && customer.replace('-', "") == own
    {
        fail("customer_id", P::OwnPersonnummer);
    }
    if let Some(d) = get("desired_date").and_then(|d| NaiveDate::parse_from_str(d, DATE).ok())
        && complete
        && d < today
    {
        fail("desired_date", P::DesiredDateInPast);
    }
    // CASE-2: a temporary break is at most the configured time (2 hours).
    if let (Some(start), Some(end)) = (get("break_start"), get("break_end")) {
        let start = NaiveDateTime::parse_from_str(start, DATE_TIME);
        let end = NaiveDateTime::parse_from_str(end, DATE_TIME);
        if let (Ok(start), Ok(end)) = (start, end) {
            let minutes = (end - start).num_minutes();
            if minutes <= 0 {
                fail("break_end", P::BreakEndsBeforeStart);
            } else if minutes > cfg.max_break_minutes {
                fail("break_end", P::BreakTooLong { max_hours: cfg.max_break_minutes / 60, hours: minutes / 60, minutes: minutes % 60 });
            }
        }
    }
    let date = |key: &str| get(key).and_then(|d| NaiveDate::parse_from_str(d, DATE).ok());
    if without_personnummer && let Some(born) = date("customer_birth_date") && born >= today {
        fail("customer_birth_date", P::BirthDateNotPast);
    }
    let amps = |key: &str| get(key).and_then(|f| f.parse::<u32>().ok());
    if let (Some(service), Some(meter)) = (amps("service_fuse"), amps("meter_fuse"))
        && meter > service
    {
        fail("meter_fuse", P::MeterFuseAboveService { service });
    }
    if case_type.code == "enfas_till_trefas" {
        if get("phases_before").is_some_and(|p| p != "1") {
            fail("phases_before", P::NotOnePhaseBefore);
        }
        if get("phases_after").is_some_and(|p| p != "3") {
            fail("phases_after", P::NotThreePhasesAfter);
        }
    }
    // The extra facility IDs, each checked, kept in one form.
    let mut listed_facility_ids = None;
    if let Some(raw) = get("additional_facility_ids") {
        match facility_id_list(raw) {
            Ok(ids) => {
                let main = get("facility_id");
                if ids.iter().any(|g| Some(g.as_str()) == main) {
                    fail("additional_facility_ids", P::FacilityIdRepeated);
                } else {
                    listed_facility_ids = Some(ids.iter().map(Gsrn::as_str).collect::<Vec<_>>().join(", "));
                }
            }
            Err(problem) => fail("additional_facility_ids", problem),
        }
    }
    if let (Some(remaining), Some(main)) = (get("remaining_facility_id"), get("facility_id"))
        && remaining == main
    {
        fail("remaining_facility_id", P::RemainingIsRemoved);
    }
    // Lead times (configuration), checked when the case is submitted.
    if complete {
        let notice = |key: &str, earliest: NaiveDate, problem: CaseProblem| (date(key).is_some_and(|d| d < earliest)).then_some(problem);
        let too_soon = match case_type.code {
            "tillfallig_brytning" => {
                let start = get("break_start").and_then(|d| NaiveDateTime::parse_from_str(d, DATE_TIME).ok()).map(|d| d.date());
                let earliest = today + chrono::Duration::days(cfg.break_notice_days);
                start.filter(|d| *d < earliest).map(|_| ("break_start", P::BreakNotice { days: cfg.break_notice_days, earliest }))
            }
            "permanent_urkoppling" => {
                let earliest = today + chrono::Duration::days(cfg.disconnection_notice_days);
                notice("desired_date", earliest, P::DisconnectionNotice { days: cfg.disconnection_notice_days, earliest })
                    .map(|p| ("desired_date", p))
            }
            "evenemang" => {
                let earliest = add_working_days(today, cfg.event_notice_working_days);
                notice("desired_date", earliest, P::EventNotice { working_days: cfg.event_notice_working_days, earliest })
                    .map(|p| ("desired_date", p))
            }
            _ => None,
        };
        if let Some((key, problem)) = too_soon {
            fail(key, problem);
        }
    }
    if let (Some(current), Some(new)) = (get("current_main_fuse"), get("new_main_fuse"))
        && current == new
    {
        fail("new_main_fuse", P::SameMainFuse);
    }
    let fuse = get("current_main_fuse").or_else(|| get("main_fuse")).and_then(|f| f.parse::<u32>().ok());
    if let (Some(fuse), Some(kw)) = (fuse, get("max_feed_in_kw").and_then(parse_kw))
        && case_type.is_production
        && let Some(limit) = cfg.max_feed_in_kw(fuse)
        && kw > limit
    {
        fail("max_feed_in_kw", P::FeedInAboveLimit { fuse, limit_kw: limit });
    }
    if let (Some(start), Some(end)) = (date("event_start"), date("event_end"))
        && end < start
    {
        fail("event_end", P::EventEndsBeforeStart);
    }
    if case_type.code == "byggstrom"
        && let (Some(start), Some(end)) = (date("desired_date"), date("end_date"))
    {
        if end <= start {
            fail("end_date", P::EndNotAfterDesiredDate);
        } else if start.checked_add_months(Months::new(12)).is_some_and(|limit| end > limit) {
            fail("end_date", P::ConstructionPowerOverAYear);
        }
    }
    if let Some(ids) = listed_facility_ids {
        out.insert("additional_facility_ids".into(), ids);
    }
    if errors.is_empty() { Ok(out) } else { Err(errors) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::CaseType;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
    }

    fn common() -> FieldValues {
        [
            ("customer_name", "Kund Kundsson"),
            ("customer_id", "811218-9876"),
            ("facility_street", "Elvägen 1"),
            ("facility_postal_code", "12345"),
            ("facility_city", "Elstad"),
            ("desired_date", "2027-01-15"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    }

    fn with(mut v: FieldValues, pairs: &[(&str, &str)]) -> FieldValues {
        for (k, val) in pairs {
            v.insert(k.to_string(), val.to_string());
        }
        v
    }

    fn check(code: &str, values: &FieldValues) -> Result<FieldValues, Vec<CaseFieldError>> {
        validate_fields(CaseType::by_code(code).unwrap(), values, &OperatorConfig::default(), today(), true, None)
    }

    fn message(result: Result<FieldValues, Vec<CaseFieldError>>, key: &str) -> String {
        result.unwrap_err().into_iter().find(|e| e.field == key).map(|e| e.to_string()).unwrap_or_default()
    }

    const GSRN: &str = "735999000000000013";

    // covers: CASE-2
    #[test]
    fn a_temporary_break_is_at_most_two_hours() {
        let base = with(common(), &[("facility_id", GSRN), ("reason", "Byte av elcentral")]);
        let ok = with(base.clone(), &[("break_start", "2027-01-15T08:00"), ("break_end", "2027-01-15T10:00")]);
        assert!(check("tillfallig_brytning", &ok).is_ok());
        let long = with(base.clone(), &[("break_start", "2027-01-15T08:00"), ("break_end", "2027-01-15T10:01")]);
        let m = message(check("tillfallig_brytning", &long), "break_end");
        assert!(m.contains("högst 2 timmar"), "{m}");
        let backwards = with(base, &[("break_start", "2027-01-15T08:00"), ("break_end", "2027-01-15T07:00")]);
        assert!(message(check("tillfallig_brytning", &backwards), "break_end").contains("sluta efter"));
    }

    // covers: ID-5
    #[test]
    fn fuses_come_from_the_configured_series() {
        let v = with(common(), &[("main_fuse", "24"), ("phases", "3"), ("building_type", "Villa"), ("metering_points", "1")]);
        assert!(message(check("ny_anslutning", &v), "main_fuse").contains("16, 20, 25"));
        let v = with(v, &[("main_fuse", "25 A")]);
        assert_eq!(check("ny_anslutning", &v).unwrap()["main_fuse"], "25");
        let cfg = OperatorConfig { fuse_sizes_a: vec![16, 20], ..OperatorConfig::default() };
        let v = with(v, &[("main_fuse", "25")]);
        let t = CaseType::by_code("ny_anslutning").unwrap();
        assert!(validate_fields(t, &v, &cfg, today(), true, None).is_err());
    }

    // covers: CASE-1, ID-4
    #[test]
    fn required_fields_and_their_kinds() {
        let missing = check("byte_av_sakring", &common());
        let errors = missing.unwrap_err();
        for key in ["facility_id", "current_main_fuse", "new_main_fuse", "phases"] {
            assert!(errors.iter().any(|e| e.field == key), "{key}");
        }
        let bad_gsrn = with(common(), &[("facility_id", "735999000000000017")]);
        assert!(message(check("byte_av_sakring", &bad_gsrn), "facility_id").contains("Kontrollsiffran"));
        // A draft may have gaps, but not wrong values.
        let t = CaseType::by_code("byte_av_sakring").unwrap();
        let cfg = OperatorConfig::default();
        assert!(validate_fields(t, &FieldValues::new(), &cfg, today(), false, None).is_ok());
        assert!(validate_fields(t, &bad_gsrn, &cfg, today(), false, None).is_err());
    }

    #[test]
    fn feed_in_power_is_limited_by_the_main_fuse() {
        let v = with(
            common(),
            &[
                ("facility_id", GSRN),
                ("current_main_fuse", "16"),
                ("production_type", "sol"),
                ("inverter_model", "Fronius Symo 10"),
                ("inverter_phases", "3"),
                ("max_feed_in_kw", "12"),
                ("installed_power_kw", "12,4"),
                ("units", "1"),
            ],
        );
        let m = message(check("produktion_befintlig", &v), "max_feed_in_kw");
        assert!(m.contains("högst 11 kW"), "{m}");
        let v = with(v, &[("max_feed_in_kw", "10,5")]);
        let ok = check("produktion_befintlig", &v).unwrap();
        assert_eq!(ok["max_feed_in_kw"], "10.5");
        assert_eq!(ok["customer_id"], "19811218-9876");
    }

    #[test]
    fn the_customer_is_not_the_installer() {
        let t = CaseType::by_code("ateranslutning").unwrap();
        let v = with(common(), &[("main_fuse", "20"), ("phases", "1")]);
        let own = validate_fields(t, &v, &OperatorConfig::default(), today(), true, Some("198112189876"));
        assert!(message(own, "customer_id").contains("inte ditt eget"));
        let company = with(v, &[("customer_id", "556036-0793")]);
        assert_eq!(check("ateranslutning", &company).unwrap()["customer_id"], "556036-0793");
    }

    #[test]
    fn dates_are_checked() {
        let v = with(common(), &[("desired_date", "2026-11-01"), ("main_fuse", "20"), ("phases", "1")]);
        assert!(message(check("ateranslutning", &v), "desired_date").contains("bakåt"));
        let v = with(common(), &[("main_fuse", "35"), ("end_date", "2028-06-01"), ("cabinet_position", "Vid grinden")]);
        assert!(message(check("byggstrom", &v), "end_date").contains("högst ett år"));
        let v = with(v, &[("end_date", "2027-06-01")]);
        // Construction power names the property it is for.
        assert!(message(check("byggstrom", &v), "property_designation").contains("fastighetsbeteckning"));
        let v = with(v, &[("property_designation", "Lärkan 7")]);
        assert!(check("byggstrom", &v).is_ok());
    }

    // covers: CASE-1
    #[test]
    fn a_customer_without_a_swedish_personnummer_gives_a_birth_date() {
        let t = "ateranslutning";
        let v = with(common(), &[("main_fuse", "20"), ("phases", "1"), ("customer_id", ""), ("customer_without_personnummer", "ja")]);
        assert!(message(check(t, &v), "customer_birth_date").contains("födelsedatum"));
        let born = with(v.clone(), &[("customer_birth_date", "1975-04-11")]);
        assert_eq!(check(t, &born).unwrap()["customer_without_personnummer"], "ja");
        let unborn = with(v, &[("customer_birth_date", "2030-01-01")]);
        assert!(message(check(t, &unborn), "customer_birth_date").contains("bakåt"));
        // Without the tick the personnummer is still required.
        let v = with(common(), &[("main_fuse", "20"), ("phases", "1"), ("customer_id", ""), ("customer_without_personnummer", "nej")]);
        assert!(!message(check(t, &v), "customer_id").is_empty());
    }

    // covers: CASE-1
    #[test]
    fn no_new_meter_has_a_larger_fuse_than_the_service() {
        let v = with(common(), &[
            ("facility_id", GSRN), ("new_meters", "4"), ("service_fuse", "35"), ("meter_fuse", "50"), ("apartment_numbers", "1101-1104"),
        ]);
        assert!(message(check("ny_anlaggning_befintlig_servis", &v), "meter_fuse").contains("35 A"));
        assert!(check("ny_anlaggning_befintlig_servis", &with(v, &[("meter_fuse", "25")])).is_ok());
    }

    // covers: CASE-1
    #[test]
    fn one_phase_to_three_phases_goes_from_one_to_three() {
        let v = with(common(), &[("facility_id", GSRN), ("main_fuse", "20"), ("phases_before", "3"), ("phases_after", "3")]);
        assert!(!message(check("enfas_till_trefas", &v), "phases_before").is_empty());
        assert!(check("enfas_till_trefas", &with(v, &[("phases_before", "1")])).is_ok());
    }

    // covers: CASE-1, ID-4
    #[test]
    fn extra_facility_ids_are_each_checked() {
        let v = with(common(), &[("facility_id", GSRN), ("meter_reading", "12345")]);
        let bad = with(v.clone(), &[("additional_facility_ids", "735999000000000020, 735999000000000021")]);
        assert!(message(check("nedtagning_matplats", &bad), "additional_facility_ids").contains("735999000000000021"));
        let same = with(v.clone(), &[("additional_facility_ids", GSRN)]);
        assert!(!message(check("nedtagning_matplats", &same), "additional_facility_ids").is_empty());
        let good = with(v, &[("additional_facility_ids", "735999000000000020;735999000000098713")]);
        assert_eq!(check("nedtagning_matplats", &good).unwrap()["additional_facility_ids"], "735999000000000020, 735999000000098713");
    }

    // covers: CASE-2
    #[test]
    fn lead_times_follow_the_configuration() {
        // Today is Saturday 2026-11-28.
        let urkoppling = with(common(), &[("facility_id", GSRN), ("reason", "Rivning"), ("desired_date", "2026-12-20")]);
        assert!(message(check("permanent_urkoppling", &urkoppling), "desired_date").contains("30 dagar"));
        assert!(check("permanent_urkoppling", &with(urkoppling, &[("desired_date", "2026-12-28")])).is_ok());
        let brytning = with(common(), &[
            ("facility_id", GSRN), ("reason", "Byte av central"), ("break_start", "2026-12-04T08:00"), ("break_end", "2026-12-04T09:00"),
        ]);
        assert!(message(check("tillfallig_brytning", &brytning), "break_start").contains("7 dagar"));
        let later = with(brytning, &[("break_start", "2026-12-05T08:00"), ("break_end", "2026-12-05T09:00")]);
        assert!(check("tillfallig_brytning", &later).is_ok());
        // Ten working days from Saturday 28 November: Friday 11 December.
        let event = with(common(), &[
            ("main_fuse", "35"), ("event_start", "2026-12-12"), ("event_end", "2026-12-13"), ("cabinet_position", "Torget"),
            ("desired_date", "2026-12-10"),
        ]);
        assert!(message(check("evenemang", &event), "desired_date").contains("2026-12-11"));
        assert!(check("evenemang", &with(event, &[("desired_date", "2026-12-11")])).is_ok());
        // Drafts keep any date; the rule is for submitting.
        let draft = with(common(), &[("desired_date", "2026-11-30")]);
        assert!(validate_fields(CaseType::by_code("permanent_urkoppling").unwrap(), &draft, &OperatorConfig::default(), today(), false, None).is_ok());
    }

    // covers: CASE-9
    #[test]
    fn a_large_production_facility_needs_a_site_plan() {
        use crate::domain::case::AttachmentKind;
        let t = CaseType::by_code("produktion_befintlig").unwrap();
        let cfg = OperatorConfig::default();
        let small = with(common(), &[("max_feed_in_kw", "10")]);
        assert!(!required_attachments(t, &small, &cfg).contains(&AttachmentKind::Situationsplan));
        let large = with(common(), &[("max_feed_in_kw", "60")]);
        assert!(required_attachments(t, &large, &cfg).contains(&AttachmentKind::Situationsplan));
    }
}

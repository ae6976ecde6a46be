//! CASE-14: what `Färdiganmäl` tells the operator — when the work was done,
//! the meter where the work was on a metered facility, and the installer's
//! word that the installation is inspected and safe. Parsed from the form's
//! text, field by field, in the browser and on the server alike.
use super::catalogue::CaseType;
use super::problems::{CaseFieldError, CaseProblem as P};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The form's fields as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompletionInput {
    pub work_date: String,
    pub meter_number: String,
    pub meter_reading: String,
    pub inspected: bool,
    pub message: String,
}

/// A meter's number and its reading when the work was done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeterReading {
    pub meter_number: String,
    /// Whole kWh, as the meter shows them.
    pub reading_kwh: u64,
}

/// A checked completion report, as the timeline and the handler see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompletionReport {
    pub work_done_on: NaiveDate,
    pub meter: Option<MeterReading>,
    /// Always true once parsed: a report without it is refused.
    pub inspected: bool,
    pub message: Option<String>,
}

/// How far back the work may have been done: a report is sent within days of
/// the work, but a forgotten one may come late.
pub const MAX_DAYS_SINCE_WORK: i64 = 366;
pub const MAX_MESSAGE_CHARS: usize = 2000;
const MAX_METER_NUMBER_CHARS: usize = 30;

impl CompletionReport {
    /// Checks the form for a case of `case_type` submitted on `submitted_on`
    /// (the work cannot predate the föranmälan by more than it takes to have
    /// done it the same day), `today` being the operator's date.
    pub fn parse(
        input: &CompletionInput,
        case_type: &CaseType,
        submitted_on: Option<NaiveDate>,
        today: NaiveDate,
    ) -> Result<Self, Vec<CaseFieldError>> {
        let mut errors = Vec::new();
        let work_done_on = match NaiveDate::parse_from_str(input.work_date.trim(), "%Y-%m-%d") {
            Err(_) if input.work_date.trim().is_empty() => {
                errors.push(CaseFieldError::new("work_date", P::WorkDateMissing));
                None
            }
            Err(_) => {
                errors.push(CaseFieldError::new("work_date", P::WorkDateMalformed));
                None
            }
            Ok(d) if d > today => {
                errors.push(CaseFieldError::new("work_date", P::WorkDateInFuture));
                None
            }
            Ok(d) if (today - d).num_days() > MAX_DAYS_SINCE_WORK => {
                errors.push(CaseFieldError::new("work_date", P::WorkDateTooOld));
                None
            }
            Ok(d) if submitted_on.is_some_and(|s| d < s) => {
                errors.push(CaseFieldError::new("work_date", P::WorkDateBeforeSubmission));
                None
            }
            Ok(d) => Some(d),
        };
        let meter = if case_type.meter_at_completion {
            let number = input.meter_number.trim();
            let number_ok = if number.is_empty() {
                errors.push(CaseFieldError::new("meter_number", P::MeterNumberMissing));
                false
            } else if number.chars().count() > MAX_METER_NUMBER_CHARS
                || !number.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == ' ')
            {
                errors.push(CaseFieldError::new("meter_number", P::MeterNumberMalformed { max: MAX_METER_NUMBER_CHARS }));
                false
            } else {
                true
            };
            let reading: String = input.meter_reading.chars().filter(|c| !c.is_whitespace()).collect();
            let reading = if reading.is_empty() {
                errors.push(CaseFieldError::new("meter_reading", P::MeterReadingMissing));
                None
            } else {
                match reading.parse::<u64>() {
                    Ok(kwh) if kwh <= 99_999_999 => Some(kwh),
                    _ => {
                        errors.push(CaseFieldError::new("meter_reading", P::MeterReadingMalformed));
                        None
                    }
                }
            };
            match (number_ok, reading) {
                (true, Some(reading_kwh)) => Some(MeterReading { meter_number: number.to_uppercase(), reading_kwh }),
                _ => None,
            }
        } else {
            None
        };
        if !input.inspected {
            errors.push(CaseFieldError::new("inspected", P::NotInspected));
        }
        let message = input.message.trim();
        if message.chars().count() > MAX_MESSAGE_CHARS {
            errors.push(CaseFieldError::new("message", P::MessageTooLong { max: MAX_MESSAGE_CHARS }));
        }
        match work_done_on {
            Some(work_done_on) if errors.is_empty() => Ok(Self {
                work_done_on,
                meter,
                inspected: true,
                message: (!message.is_empty()).then(|| message.to_string()),
            }),
            _ => Err(errors),
        }
    }

    /// The report in words, for the timeline and the holder's notification.
    pub fn describe(&self) -> String {
        let mut lines = vec![format!("Arbetet utfört {}.", self.work_done_on.format("%Y-%m-%d"))];
        if let Some(m) = &self.meter {
            lines.push(format!("Mätare {}, mätarställning {} kWh.", m.meter_number, m.reading_kwh));
        }
        lines.push("Installatören intygar att installationen är kontrollerad och säker.".into());
        if let Some(m) = &self.message {
            lines.push(format!("Meddelande: {m}"));
        }
        lines.join("\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn metered() -> &'static CaseType {
        CaseType::by_code("byte_av_sakring").unwrap()
    }

    fn new_connection() -> &'static CaseType {
        CaseType::by_code("ny_anslutning").unwrap()
    }

    fn input(date: &str, meter: &str, reading: &str, inspected: bool) -> CompletionInput {
        CompletionInput {
            work_date: date.into(),
            meter_number: meter.into(),
            meter_reading: reading.into(),
            inspected,
            message: String::new(),
        }
    }

    fn fields(errors: Vec<CaseFieldError>) -> Vec<String> {
        errors.into_iter().map(|e| e.field.to_string()).collect()
    }

    const TODAY: &str = "2026-11-29";

    // covers: CASE-14
    #[test]
    fn a_metered_facility_reports_date_meter_and_inspection() {
        let r = CompletionReport::parse(&input("2026-11-27", " ab-123 ", "12 345", true), metered(), Some(day("2026-11-01")), day(TODAY))
            .unwrap();
        assert_eq!(r.work_done_on, day("2026-11-27"));
        assert_eq!(r.meter, Some(MeterReading { meter_number: "AB-123".into(), reading_kwh: 12345 }));
        assert!(r.inspected);
        assert_eq!(r.message, None);
        assert!(r.describe().contains("mätarställning 12345 kWh"), "{}", r.describe());
    }

    // covers: CASE-14
    #[test]
    fn a_new_connection_has_no_meter_to_report() {
        let r = CompletionReport::parse(&input("2026-11-29", "", "", true), new_connection(), None, day(TODAY)).unwrap();
        assert_eq!(r.meter, None);
        // A meter typed anyway is not kept where the type has none.
        let r = CompletionReport::parse(&input("2026-11-29", "X1", "5", true), new_connection(), None, day(TODAY)).unwrap();
        assert_eq!(r.meter, None);
    }

    // covers: CASE-14
    #[test]
    fn every_missing_or_wrong_field_is_named() {
        let e = CompletionReport::parse(&input("", "", "", false), metered(), None, day(TODAY)).unwrap_err();
        assert_eq!(fields(e), ["work_date", "meter_number", "meter_reading", "inspected"]);
        let e = CompletionReport::parse(&input("29/11", "12;drop", "-4", true), metered(), None, day(TODAY)).unwrap_err();
        assert_eq!(fields(e), ["work_date", "meter_number", "meter_reading"]);
        let e = CompletionReport::parse(&input("2026-11-30", "A1", "1", true), metered(), None, day(TODAY)).unwrap_err();
        assert!(e[0].to_string().contains("framtiden"), "{}", e[0]);
        let e = CompletionReport::parse(&input("2025-11-01", "A1", "1", true), metered(), None, day(TODAY)).unwrap_err();
        assert!(e[0].to_string().contains("ett år"), "{}", e[0]);
        let e = CompletionReport::parse(&input("2026-10-01", "A1", "1", true), metered(), Some(day("2026-10-02")), day(TODAY))
            .unwrap_err();
        assert!(e[0].to_string().contains("före föranmälan"), "{}", e[0]);
        let mut long = input("2026-11-29", "A1", "1", true);
        long.message = "x".repeat(MAX_MESSAGE_CHARS + 1);
        assert_eq!(fields(CompletionReport::parse(&long, metered(), None, day(TODAY)).unwrap_err()), ["message"]);
        let huge = input("2026-11-29", "A1", "999999999999999999999999", true);
        assert_eq!(fields(CompletionReport::parse(&huge, metered(), None, day(TODAY)).unwrap_err()), ["meter_reading"]);
    }
}

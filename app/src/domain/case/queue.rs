//! CASE-12: what a handler asks of the queue — which part, what to look for,
//! in which order — parsed once from what a form sends, so the server and
//! the page agree on every field's meaning and message.
use super::{CaseSearch, CaseSearchError, CaseState, CaseType};
use crate::domain::Organisationsnummer;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A part of the queue; each has an address of its own (`?visa=`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum QueuePart {
    /// Submitted and answered cases waiting for the unit.
    #[default]
    InProgress,
    /// Completion reported, waiting to be archived.
    Completed,
    /// Cancellation requested, waiting for a decision.
    Cancellations,
    /// `Mina handläggningar`: the cases the handler has taken and not closed.
    Mine,
    /// Every submitted case of the unit, closed ones too (for searching).
    All,
}

impl QueuePart {
    pub const ALL: [QueuePart; 5] = [Self::InProgress, Self::Mine, Self::Completed, Self::Cancellations, Self::All];

    /// The part's name in the address and in forms.
    pub fn code(self) -> &'static str {
        match self {
            Self::InProgress => "inkomna",
            Self::Completed => "fardiganmalda",
            Self::Cancellations => "makuleringar",
            Self::Mine => "mina",
            Self::All => "alla",
        }
    }

    /// The part by its code; the variant's name (`InProgress`) is read too,
    /// as clients of the first version of the API send it.
    pub fn from_code(code: &str) -> Option<Self> {
        let code = code.trim();
        Self::ALL.into_iter().find(|p| p.code() == code || format!("{p:?}") == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::InProgress => "Inkomna ärenden",
            Self::Completed => "Färdiganmälda",
            Self::Cancellations => "Begärda makuleringar",
            Self::Mine => "Mina handläggningar",
            Self::All => "Alla ärenden",
        }
    }
}

/// The order of the queue.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum QueueSort {
    /// Oldest submission first: the routine's order of work.
    #[default]
    OldestFirst,
    NewestFirst,
    /// Last change first (an answered supplement comes to the top).
    LastChanged,
}

impl QueueSort {
    pub const ALL: [QueueSort; 3] = [Self::OldestFirst, Self::NewestFirst, Self::LastChanged];

    pub fn code(self) -> &'static str {
        match self {
            Self::OldestFirst => "aldst",
            Self::NewestFirst => "nyast",
            Self::LastChanged => "andrad",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::OldestFirst => "Äldst inskickat först",
            Self::NewestFirst => "Senast inskickat först",
            Self::LastChanged => "Senast ändrat först",
        }
    }
}

/// What the handler looks for: a company by its organisation number, or
/// text in the case number, the customer's name or the address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueueSearch {
    Company(Organisationsnummer),
    Text(CaseSearch),
}

/// The queue as asked, every field checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueFilter {
    pub part: QueuePart,
    pub search: Option<QueueSearch>,
    pub case_type: Option<&'static CaseType>,
    pub state: Option<CaseState>,
    /// Submitted on or after this day…
    pub submitted_from: Option<NaiveDate>,
    /// …and on or before this one (Swedish dates; the server widens them to whole days).
    pub submitted_to: Option<NaiveDate>,
    pub sort: QueueSort,
}

/// The queue's form as sent: text fields, empty when left out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueForm {
    #[serde(default)]
    pub part: String,
    #[serde(default)]
    pub query: String,
    #[serde(default)]
    pub case_type: String,
    #[serde(default)]
    pub state_code: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub sort: String,
}

/// A field of the queue's form that was not understood: its name and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueueFormError {
    pub field: &'static str,
    pub problem: QueueProblem,
}

/// Why a value of the queue's form was not understood (Swedish as `Display`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueueProblem {
    #[error("Datumet \"{0}\" finns inte. Skriv det som ÅÅÅÅ-MM-DD.")]
    NoSuchDate(String),
    #[error("{0}")]
    Search(CaseSearchError),
    #[error("Ärendetypen finns inte. Välj en typ i listan.")]
    UnknownCaseType,
    #[error("Läget finns inte. Välj ett läge i listan.")]
    UnknownState,
    #[error("Slutdatumet ligger före startdatumet.")]
    EndBeforeStart,
}

fn date(field: &'static str, raw: &str) -> Result<Option<NaiveDate>, QueueFormError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| QueueFormError { field, problem: QueueProblem::NoSuchDate(raw.chars().take(20).collect()) })
}

impl QueueForm {
    /// Parses the form; an unknown part or order falls back to the default
    /// (links and bookmarks from older versions still open the queue).
    pub fn parse(&self) -> Result<QueueFilter, QueueFormError> {
        let query = self.query.trim();
        let search = if query.is_empty() {
            None
        } else if let Ok(org) = Organisationsnummer::parse(query) {
            Some(QueueSearch::Company(org))
        } else {
            CaseSearch::parse(query)
                .map_err(|e| QueueFormError { field: "query", problem: QueueProblem::Search(e) })?
                .map(QueueSearch::Text)
        };
        let case_type = match self.case_type.trim() {
            "" => None,
            code => Some(CaseType::by_code(code).ok_or(QueueFormError { field: "case_type", problem: QueueProblem::UnknownCaseType })?),
        };
        let state = match self.state_code.trim() {
            "" => None,
            code => Some(CaseState::from_code(code).ok_or(QueueFormError { field: "state_code", problem: QueueProblem::UnknownState })?),
        };
        let submitted_from = date("from", &self.from)?;
        let submitted_to = date("to", &self.to)?;
        if let (Some(from), Some(to)) = (submitted_from, submitted_to) {
            if from > to {
                return Err(QueueFormError { field: "to", problem: QueueProblem::EndBeforeStart });
            }
        }
        Ok(QueueFilter {
            part: QueuePart::from_code(&self.part).unwrap_or_default(),
            search,
            case_type,
            state,
            submitted_from,
            submitted_to,
            sort: QueueSort::ALL.into_iter().find(|s| s.code() == self.sort.trim()).unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(f: impl FnOnce(&mut QueueForm)) -> QueueForm {
        let mut q = QueueForm::default();
        f(&mut q);
        q
    }

    // covers: CASE-12
    #[test]
    fn an_empty_form_is_the_incoming_cases_oldest_first() {
        let f = QueueForm::default().parse().unwrap();
        assert_eq!(f.part, QueuePart::InProgress);
        assert_eq!(f.sort, QueueSort::OldestFirst);
        assert_eq!(f.search, None);
    }

    // covers: CASE-12
    #[test]
    fn an_organisation_number_searches_the_company_and_other_text_the_cases() {
        let f = form(|q| q.query = "556036-0794".into()).parse();
        // Not a valid organisation number (check digit): plain text.
        assert!(matches!(f.unwrap().search, Some(QueueSearch::Text(_))));
        let f = form(|q| q.query = " 5560360793 ".into()).parse().unwrap();
        assert!(matches!(f.search, Some(QueueSearch::Company(ref o)) if o.as_str() == "5560360793"), "{f:?}");
        let f = form(|q| q.query = "Karlsson".into()).parse().unwrap();
        assert!(matches!(f.search, Some(QueueSearch::Text(ref t)) if t.as_str() == "karlsson"));
    }

    // covers: CASE-12
    #[test]
    fn unknown_types_states_and_dates_name_their_field() {
        assert_eq!(form(|q| q.case_type = "nope".into()).parse().unwrap_err().field, "case_type");
        assert_eq!(form(|q| q.state_code = "x".into()).parse().unwrap_err().field, "state_code");
        assert_eq!(form(|q| q.from = "2026-02-30".into()).parse().unwrap_err().field, "from");
        let backwards = form(|q| {
            q.from = "2026-03-02".into();
            q.to = "2026-03-01".into();
        });
        assert_eq!(backwards.parse().unwrap_err().field, "to");
        let long = form(|q| q.query = "x".repeat(10_000)).parse().unwrap_err();
        assert_eq!(long.field, "query");
    }

    // covers: CASE-12
    #[test]
    fn parts_and_orders_are_read_by_their_codes() {
        for p in QueuePart::ALL {
            assert_eq!(QueuePart::from_code(p.code()), Some(p));
        }
        assert_eq!(form(|q| q.part = "mina".into()).parse().unwrap().part, QueuePart::Mine);
        assert_eq!(form(|q| q.sort = "nyast".into()).parse().unwrap().sort, QueueSort::NewestFirst);
        assert_eq!(form(|q| q.part = "okänd".into()).parse().unwrap().part, QueuePart::InProgress);
        assert_eq!(form(|q| q.part = "Cancellations".into()).parse().unwrap().part, QueuePart::Cancellations);
    }
}

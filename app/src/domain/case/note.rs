//! CASE-10: what the portal itself writes on a case's timeline — a move, a
//! case taken over, an attachment, the completion report — kept as data, so
//! each reader gets it in their own language (UX-2). People's own words
//! (questions, answers, reasons) stay as they were written.
use super::catalogue::AttachmentKind;
use super::completion::CompletionReport;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The key a note is kept under in a timeline entry's details.
pub const NOTE_KEY: &str = "note";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "what", rename_all = "snake_case")]
pub enum TimelineNote {
    /// From whom to whom, and between which teams (names as they were then).
    Moved { installers: Option<(String, String)>, teams: Option<(String, String)> },
    /// A handler took the case over from a colleague.
    TakenOver { from: String },
    /// A file added to or taken off the case.
    Attachment { kind: AttachmentKind, file_name: String },
    /// What `Färdiganmäl` reported.
    Completion { report: CompletionReport },
}

impl TimelineNote {
    /// A move's note, or none when neither the installer nor the team changed.
    pub fn moved(installers: Option<(String, String)>, teams: Option<(String, String)>) -> Option<Self> {
        let teams = teams.filter(|(from, to)| from != to);
        (installers.is_some() || teams.is_some()).then_some(TimelineNote::Moved { installers, teams })
    }

    /// The note kept in a timeline entry's details, if there is one.
    pub fn in_details(details: &serde_json::Value) -> Option<Self> {
        details.get(NOTE_KEY).and_then(|note| serde_json::from_value(note.clone()).ok())
    }
}

/// The Swedish the portal writes (the domain's own words).
impl fmt::Display for TimelineNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimelineNote::Moved { installers, teams } => {
                let mut said = Vec::new();
                if let Some((from, to)) = installers {
                    said.push(format!("Från {from} till {to}."));
                }
                if let Some((from, to)) = teams {
                    said.push(format!("Från team {from} till team {to}."));
                }
                write!(f, "{}", said.join(" "))
            }
            TimelineNote::TakenOver { from } => write!(f, "Övertaget från {from}"),
            TimelineNote::Attachment { kind, file_name } => write!(f, "{}: {file_name}", kind.label()),
            TimelineNote::Completion { report } => write!(f, "{}", report.describe()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // covers: CASE-10
    #[test]
    fn a_note_survives_the_details_it_is_kept_in_and_says_what_happened() {
        let note = TimelineNote::moved(Some(("Karin Ek".into(), "Mikael Holm".into())), Some(("Norr".into(), "Norr".into()))).unwrap();
        assert_eq!(note.to_string(), "Från Karin Ek till Mikael Holm.", "a team that stayed is not named");
        let details = serde_json::json!({ "from_user_id": 1, NOTE_KEY: note });
        assert_eq!(TimelineNote::in_details(&details), Some(note));
        assert_eq!(TimelineNote::in_details(&serde_json::json!({ "from": "pagaende" })), None);
        assert_eq!(TimelineNote::moved(None, Some(("A".into(), "A".into()))), None);
        let attached = TimelineNote::Attachment { kind: AttachmentKind::Foto, file_name: "mätarskåp.jpg".into() };
        assert_eq!(attached.to_string(), "Foto: mätarskåp.jpg");
    }
}

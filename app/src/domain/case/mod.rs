//! Cases (ärenden): the catalogue of case types, their fields and
//! attachments (CASE-1, CASE-9), the state machine (CASE-3), the rules for
//! moving (CASE-5, CASE-6, ADM-4), the two-year rule (CASE-7) and the operator's
//! configurable limits (CASE-2, ID-5). Pure: no I/O.

mod catalogue;
mod completion;
mod config;
mod fields;
mod moving;
mod note;
mod problems;
mod queue;
mod search;
mod state;

pub use catalogue::{AttachmentKind, CaseGroup, CaseType, FieldDef, FieldKind, Unit, CATALOGUE};
pub use completion::{CompletionInput, CompletionReport, MeterReading};
pub use config::OperatorConfig;
pub use fields::{facility_id_list, required_attachments, validate_field, validate_fields, FieldValues};
pub use note::{TimelineNote, NOTE_KEY};
pub use problems::{swedish_decimal, CaseFieldError, CaseProblem, NotMovable};
pub use queue::{QueueFilter, QueueForm, QueueFormError, QueuePart, QueueProblem, QueueSearch, QueueSort};
pub use search::{search_text, CaseSearch, CaseSearchError, MAX_QUERY_CHARS};
pub use moving::{describe_missing, missing_move_evidence, same_company, SeenCase, MOVE_EVIDENCE};
pub use state::{
    check_movable, is_read_only_by_age, transition, CaseAction, CaseActor, CaseState, CaseStatus, Responsible, TransitionError,
};

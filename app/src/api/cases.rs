//! `/api/cases/…`: drafts, submission, the lifecycle, lists, moves
//! (CASE-1…CASE-12). Attachments go through plain HTTP routes
//! (`/api/cases/{id}/attachments`), see docs/api.md.
use crate::error::{AppError, FieldError};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A case in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseRow {
    pub id: i32,
    pub case_number: String,
    pub case_type: String,
    pub type_label: String,
    pub state: crate::domain::case::CaseState,
    pub customer_name: String,
    pub facility_address: String,
    pub team_id: i32,
    pub submitted_at: Option<String>,
    pub updated_at: String,
    pub cancellation_requested: bool,
    /// CASE-13: the version this list saw; a move names it.
    pub version: i32,
    /// CASE-12: the handler who took the case (the queue shows it).
    pub handler: Option<String>,
    /// Who holds the case (the team's overview names them).
    pub holder_user_id: i32,
}

impl CaseRow {
    /// The case as this list saw it, for a move.
    pub fn seen(&self) -> SeenCase {
        SeenCase { id: self.id, version: self.version }
    }
}

pub use crate::domain::case::SeenCase;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseList {
    pub rows: Vec<CaseRow>,
    pub total: u64,
    pub page: u64,
    pub per_page: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub at: String,
    pub who: String,
    pub what: String,
    pub message: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentInfo {
    pub id: i32,
    pub kind_label: String,
    pub file_name: String,
    pub size_bytes: i64,
    pub url: String,
    /// CASE-12: how the page previews it (images and PDF; `url` + `?visa=1`).
    pub preview: Option<Preview>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Preview {
    Image,
    Pdf,
}

/// What the asker may do now; the server decides, the page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct CasePermissions {
    pub edit: bool,
    pub submit: bool,
    pub answer_supplement: bool,
    pub report_completion: bool,
    pub request_cancellation: bool,
    pub delete_draft: bool,
    pub request_supplement: bool,
    pub archive: bool,
    pub decide_cancellation: bool,
    /// ADM-4: an admin may attach the evidence a move to another company needs.
    pub attach_move_evidence: bool,
    /// CASE-12 `Ta ärendet` / `Släpp ärendet`.
    pub take: bool,
    pub release: bool,
}

/// CASE-12: who holds the case and how to reach them and their company
/// (shown to those who work the case, not to the holder).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactView {
    pub name: String,
    pub email: String,
    pub mobile: String,
    pub team_name: String,
    pub company_name: String,
    pub organisationsnummer: String,
    pub company_address: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
}

/// A case's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseView {
    pub id: i32,
    pub case_number: String,
    pub case_type: String,
    pub type_label: String,
    pub group_label: String,
    pub unit_label: String,
    pub state: crate::domain::case::CaseState,
    pub team_name: String,
    pub holder_name: String,
    pub values: BTreeMap<String, String>,
    pub attachments: Vec<AttachmentInfo>,
    pub required_attachments: Vec<(String, String)>,
    pub timeline: Vec<TimelineEntry>,
    pub cancellation_reason: Option<String>,
    pub read_only_message: Option<String>,
    pub can: CasePermissions,
    /// The last request for supplement, shown to the installer.
    pub supplement_request: Option<String>,
    /// The operator's main fuse series (ID-5), for the form's lists.
    pub fuse_sizes: Vec<u32>,
    /// CASE-14: `Färdiganmäl` asks for the meter on this type.
    pub meter_at_completion: bool,
    /// CASE-14: what the installer reported when the work was done.
    pub completion: Option<crate::domain::case::CompletionReport>,
    /// CASE-12: the handler who took the case, and their id (what a
    /// colleague's `Ta ärendet` names as seen).
    pub handler_name: Option<String>,
    pub handler_id: Option<i32>,
    pub contact: Option<ContactView>,
}

/// The answer to saving a draft: what is still wrong (nothing is lost).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftSaved {
    pub problems: Vec<FieldError>,
}

#[cfg(feature = "ssr")]
mod convert {
    use super::*;
    use crate::domain::case::{CaseAction, CaseState, CaseType, transition};
    use crate::server::cases::CaseWithHistory;
    use crate::server::auth::Caller;

    use crate::api::shown_time as time;

    pub fn row(c: crate::server::cases::ListedCase) -> CaseRow {
        row_with_handler(c, None, crate::components::language::current_locale())
    }

    /// UX-2: in the language of whoever asks (`locale`, looked up once per list).
    pub fn row_with_handler(c: crate::server::cases::ListedCase, handler: Option<String>, locale: crate::i18n::Locale) -> CaseRow {
        let time = |t| crate::formats::time(locale, t);
        let label = CaseType::by_code(&c.case_type).map(|t| crate::translated::catalogue_text(locale, t.label)).unwrap_or("").to_string();
        CaseRow {
            id: c.id,
            case_number: c.case_number.clone().unwrap_or_default(),
            type_label: label,
            case_type: c.case_type,
            state: c.state,
            customer_name: c.customer_name,
            facility_address: c.facility_address,
            team_id: c.team_id,
            submitted_at: c.submitted_at.map(time),
            updated_at: time(c.updated_at),
            cancellation_requested: c.cancellation_requested_at.is_some(),
            version: c.version,
            handler,
            holder_user_id: c.holder_user_id,
        }
    }

    fn event_label(kind: &str) -> &'static str {
        let locale = crate::components::language::current_locale();
        match kind {
            "created" => crate::i18n::td_string!(locale, events.created),
            "submitted" => crate::i18n::td_string!(locale, events.submitted),
            "supplement_requested" => crate::i18n::td_string!(locale, events.supplement_requested),
            "supplement_answered" => crate::i18n::td_string!(locale, events.supplement_answered),
            "completion_reported" => crate::i18n::td_string!(locale, events.completion_reported),
            "archived" => crate::i18n::td_string!(locale, events.archived),
            "cancellation_requested" => crate::i18n::td_string!(locale, events.cancellation_requested),
            "cancellation_confirmed" => crate::i18n::td_string!(locale, events.cancellation_confirmed),
            "cancellation_rejected" => crate::i18n::td_string!(locale, events.cancellation_rejected),
            "attachment_removed" => crate::i18n::td_string!(locale, events.attachment_removed),
            "moved" => crate::i18n::td_string!(locale, events.moved),
            "team_changed" => crate::i18n::td_string!(locale, events.team_changed),
            "attachment_added" => crate::i18n::td_string!(locale, events.attachment_added),
            "handler_taken" => crate::i18n::td_string!(locale, events.handler_taken),
            "handler_released" => crate::i18n::td_string!(locale, events.handler_released),
            _ => crate::i18n::td_string!(locale, events.other),
        }
    }

    pub fn view(h: CaseWithHistory, caller: &Caller, cfg: &crate::domain::case::OperatorConfig) -> CaseView {
        let c = &h.case;
        let ct = CaseType::by_code(&c.case_type);
        let status = crate::server::cases::status_of(c);
        let state = status.state;
        let actor = crate::server::cases::actor(&caller.user, h.relation);
        let open = h.read_only_message.is_none();
        // CASE-8's pending cancellation is part of the state machine's decision.
        let may = |a: CaseAction| open && transition(status, a, actor).is_ok();
        let can = CasePermissions {
            edit: may(CaseAction::Edit),
            submit: may(CaseAction::Submit),
            answer_supplement: may(CaseAction::AnswerSupplement),
            report_completion: may(CaseAction::ReportCompletion),
            request_cancellation: may(CaseAction::RequestCancellation) && caller.acting_admin.is_none(),
            delete_draft: may(CaseAction::DeleteDraft),
            request_supplement: may(CaseAction::RequestSupplement),
            archive: may(CaseAction::Archive),
            decide_cancellation: may(CaseAction::ConfirmCancellation),
            attach_move_evidence: open
                && crate::domain::case::check_movable(state).is_ok()
                && caller.is_customer_service(),
            take: open
                && h.relation == crate::server::cases::CaseRelation::Handler
                && !matches!(state, CaseState::Arkiv | CaseState::Makulerad)
                && c.assigned_handler_id != Some(caller.id()),
            release: open
                && h.relation == crate::server::cases::CaseRelation::Handler
                && !matches!(state, CaseState::Arkiv | CaseState::Makulerad)
                && c.assigned_handler_id == Some(caller.id()),
        };
        let supplement_request = h
            .events
            .iter()
            .rev()
            .find(|(e, _)| e.kind == "supplement_requested")
            .filter(|_| state == CaseState::Komplettera)
            .and_then(|(e, _)| e.message.clone());
        // UX-2: the catalogue's words in the language of whoever asks.
        let said = |swedish: &'static str| crate::translated::catalogue_text(crate::components::language::current_locale(), swedish).to_string();
        CaseView {
            id: c.id,
            case_number: c.case_number.clone().unwrap_or_default(),
            case_type: c.case_type.clone(),
            type_label: ct.map(|t| said(t.label)).unwrap_or_default(),
            group_label: ct.map(|t| said(t.group.label())).unwrap_or_default(),
            unit_label: ct.map(|t| said(t.unit().label())).unwrap_or_default(),
            state,
            team_name: h.team_name.clone(),
            holder_name: h.holder_name.clone(),
            values: h.values.clone(),
            attachments: h
                .attachments
                .iter()
                .map(|a| AttachmentInfo {
                    id: a.id,
                    kind_label: said(a.kind.label()),
                    file_name: a.file_name.clone(),
                    size_bytes: a.size_bytes,
                    url: format!("/api/cases/{}/attachments/{}", c.id, a.id),
                    preview: match a.content_type.as_str() {
                        "image/png" | "image/jpeg" => Some(Preview::Image),
                        "application/pdf" => Some(Preview::Pdf),
                        _ => None,
                    },
                })
                .collect(),
            required_attachments: ct
                .map(|t| {
                    crate::domain::case::required_attachments(t, &h.values, cfg)
                        .into_iter()
                        .map(|k| (k.code().to_string(), said(k.label())))
                        .collect()
                })
                .unwrap_or_default(),
            timeline: h
                .events
                .iter()
                .map(|(e, who)| TimelineEntry {
                    at: time(e.at),
                    who: who.clone().unwrap_or_else(|| crate::i18n::td_string!(crate::components::language::current_locale(), events.system).into()),
                    what: event_label(&e.kind).to_string(),
                    // The portal's own note in the reader's language; people's words as written.
                    message: serde_json::from_str(&e.details)
                        .ok()
                        .and_then(|details| crate::domain::case::TimelineNote::in_details(&details))
                        .map(|note| {
                            use crate::translated::Translate;
                            note.text(crate::components::language::current_locale())
                        })
                        .or_else(|| e.message.clone()),
                })
                .collect(),
            cancellation_reason: c.cancellation_requested_at.and(c.cancellation_reason.clone()),
            read_only_message: h.read_only_message.clone(),
            can,
            supplement_request,
            fuse_sizes: cfg.fuse_sizes_a.clone(),
            meter_at_completion: ct.is_some_and(|t| t.meter_at_completion),
            completion: c.completion_report.as_deref().and_then(|r| serde_json::from_str(r).ok()),
            handler_name: h.handler_name.clone(),
            handler_id: c.assigned_handler_id,
            contact: h.contact.clone(),
        }
    }
}

/// A case as a list shows it.
#[cfg(feature = "ssr")]
pub fn case_row(c: crate::server::entities::case::Model) -> CaseRow {
    convert::row(c.into())
}

#[cfg(feature = "ssr")]
pub(crate) fn list(page: crate::server::cases::CasePage, filter_page: crate::domain::PageNumber, per_page: u64) -> CaseList {
    let names = page.handler_names;
    let locale = crate::components::language::current_locale();
    let rows = page
        .cases
        .into_iter()
        .map(|c| {
            let handler = c.assigned_handler_id.and_then(|id| names.get(&id).cloned());
            convert::row_with_handler(c, handler, locale)
        })
        .collect();
    CaseList { rows, total: page.total, page: filter_page.get(), per_page }
}

/// CASE-4: start a case (an `Utkast`) of a type in one of the caller's teams.
#[server(endpoint = "cases/create")]
pub async fn create_case(
    // A form posted without a choice still reaches the checks (and their messages).
    #[server(default)] case_type: String,
    #[server(default)] team_id: i32,
) -> Result<i32, AppError> {
    use crate::server::cases;
    super::serve::with_caller(async |state, caller| {
        let id = cases::create_draft(&state, &caller, &case_type, team_id).await?.id;
        crate::server::form_reply::on_success_go(&format!("/arenden/{id}"));
        Ok(id)
    })
    .await
}

/// Saves a draft (or a case being supplemented) as typed.
#[server(endpoint = "cases/save", input = server_fn::codec::Json)]
pub async fn save_case(case_id: i32, values: BTreeMap<String, String>) -> Result<DraftSaved, AppError> {
    use crate::server::cases;
    super::serve::with_caller(async |state, caller| {
        let (_, problems) = cases::save_draft(&state, &caller, case_id, values).await?;
        Ok(DraftSaved { problems })
    })
    .await
}

/// The same, as the case page's form posts it without scripts (UX-1): the
/// fields as `values[<key>]`.
#[server(endpoint = "cases/save-form")]
pub async fn save_case_form(case_id: i32, #[server(default)] values: BTreeMap<String, String>) -> Result<DraftSaved, AppError> {
    save_case(case_id, values).await
}

/// A case's page, for whoever may see it (holder, team owner, the unit's handlers, admins).
#[server(endpoint = "cases/get")]
pub async fn get_case(case_id: i32) -> Result<CaseView, AppError> {
    use crate::server::cases;
    super::serve::with_caller(async |state, caller| {
        let h = cases::case_with_history(&state, &caller, case_id).await?;
        Ok(convert::view(h, &caller, &state.operator))
    })
    .await
}

/// CASE-14 `Färdiganmäl`: the installer reports the work done, with the
/// date, the meter (where the type has one) and their word that the
/// installation is inspected and safe. A ticked box posts `inspected=on`.
#[server(endpoint = "cases/report-completion")]
pub async fn report_completion(
    case_id: i32,
    #[server(default)] work_date: String,
    #[server(default)] meter_number: String,
    #[server(default)] meter_reading: String,
    #[server(default)] inspected: Option<String>,
    #[server(default)] message: String,
) -> Result<(), AppError> {
    use crate::domain::case::CompletionInput;
    super::serve::with_caller(async |state, caller| {
        let input = CompletionInput {
            work_date,
            meter_number,
            meter_reading,
            inspected: inspected.is_some_and(|v| !v.is_empty() && v != "false"),
            message,
        };
        crate::server::cases::report_completion(&state, &caller, case_id, &input).await.map(drop)
    })
    .await
}

/// CASE-9: takes an attachment away from a case that may still be edited.
#[server(endpoint = "cases/remove-attachment")]
pub async fn remove_attachment(case_id: i32, attachment_id: i32) -> Result<(), AppError> {
    super::serve::with_caller(async |state, caller| crate::server::cases::remove_attachment(&state, &caller, case_id, attachment_id).await)
        .await
}

/// The lifecycle actions of CASE-3, CASE-8 and CASE-12.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum LifecycleAction {
    Submit,
    AnswerSupplement,
    RequestCancellation,
    DeleteDraft,
    RequestSupplement,
    Archive,
    ConfirmCancellation,
    RejectCancellation,
}

/// Moves a case through its lifecycle; `message` is the supplement request,
/// the answer, or the reason for cancellation.
#[server(endpoint = "cases/act")]
pub async fn act_on_case(case_id: i32, action: LifecycleAction, message: String) -> Result<(), AppError> {
    use crate::server::cases;
    super::serve::with_caller(async |state, caller| {
        let s = &state;
        let u = &caller;
        match action {
            LifecycleAction::Submit => cases::submit(s, u, case_id).await.map(drop),
            LifecycleAction::AnswerSupplement => cases::answer_supplement(s, u, case_id, &message).await.map(drop),
            LifecycleAction::RequestCancellation => cases::request_cancellation(s, u, case_id, &message).await.map(drop),
            LifecycleAction::DeleteDraft => {
                cases::delete_draft(s, u, case_id).await?;
                crate::server::form_reply::on_success_go("/arenden");
                Ok(())
            }
            LifecycleAction::RequestSupplement => cases::request_supplement(s, u, case_id, &message).await.map(drop),
            LifecycleAction::Archive => cases::archive(s, u, case_id).await.map(drop),
            LifecycleAction::ConfirmCancellation => cases::decide_cancellation(s, u, case_id, true, &message).await.map(drop),
            LifecycleAction::RejectCancellation => cases::decide_cancellation(s, u, case_id, false, &message).await.map(drop),
        }
    })
    .await
}

/// `Mina ärenden`: the caller's cases, filtered, newest change first, 25 a page.
#[server(endpoint = "cases/mine")]
pub async fn my_cases(
    state_code: String,
    // A team's id; empty or left out for all (a form's "Alla" sends it empty).
    team_id: Option<String>,
    query: String,
    page: crate::domain::PageNumber,
    // Beside which row of the page before the asked page starts (issue 13).
    cursor: Option<crate::domain::PageCursor>,
) -> Result<CaseList, AppError> {
    use crate::domain::case::CaseState;
    use crate::server::cases;
    super::serve::with_caller(async |app, caller| {
        let team_id = match team_id.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(id) => Some(id.parse::<i32>().map_err(|_| AppError::invalid("team_id", said!(server_errors.choose_your_team)))?),
        };
        let filter = cases::CaseFilter {
            state: CaseState::from_code(&state_code),
            team_id,
            query: Some(query),
            page,
            cursor,
            per_page: 25,
        };
        Ok(list(cases::my_cases(&app, &caller, &filter).await?, page, 25))
    })
    .await
}

/// CASE-4 `Visa ärende` on a member: the team owner sees that member's cases.
#[server(endpoint = "cases/member")]
pub async fn member_cases(
    team_id: i32,
    user_id: i32,
    page: crate::domain::PageNumber,
    cursor: Option<crate::domain::PageCursor>,
) -> Result<CaseList, AppError> {
    use crate::server::cases;
    super::serve::with_caller(async |app, caller| {
        let filter = cases::CaseFilter { page, cursor, per_page: 50, ..Default::default() };
        Ok(list(cases::member_cases(&app, &caller, team_id, user_id, &filter).await?, page, 50))
    })
    .await
}

/// CASE-4, CASE-5: the team's cases for its owner — every member's, or
/// one member's (`member_id`, empty for all) — filtered by state and
/// searched like `Mina ärenden`, 50 a page.
#[server(endpoint = "cases/team")]
pub async fn team_cases(
    team_id: i32,
    #[server(default)] member_id: String,
    #[server(default)] state_code: String,
    #[server(default)] query: String,
    #[server(default)] page: crate::domain::PageNumber,
    #[server(default)] cursor: Option<crate::domain::PageCursor>,
) -> Result<CaseList, AppError> {
    use crate::domain::case::CaseState;
    use crate::server::cases;
    super::serve::with_caller(async |app, caller| {
        let member = match member_id.trim() {
            "" => None,
            id => Some(id.parse::<i32>().map_err(|_| AppError::invalid("member_id", said!(server_errors.choose_member)))?),
        };
        let state = match state_code.trim() {
            "" => None,
            code => Some(CaseState::from_code(code).ok_or_else(|| AppError::invalid("state_code", said!(server_errors.unknown_state)))?),
        };
        let filter = cases::CaseFilter { state, team_id: None, query: Some(query), page, cursor, per_page: 50 };
        Ok(list(cases::team_cases(&app, &caller, team_id, member, &filter).await?, page, 50))
    })
    .await
}

pub use crate::domain::case::{QueuePart, QueueSort};

/// CASE-12: the handler's unit's queue: a part of it (`part`, by its code:
/// `inkomna`, `mina`, `fardiganmalda`, `makuleringar`, `alla`), searched by
/// case number, customer, address or organisation number, filtered by type,
/// state and submission date (`ÅÅÅÅ-MM-DD`, Swedish days), in the asked
/// order (`aldst`, `nyast`, `andrad`), 50 a page. Every field may be left
/// out or empty.
#[server(endpoint = "cases/queue")]
pub async fn handler_queue(
    #[server(default)] part: String,
    #[server(default)] query: String,
    #[server(default)] case_type: String,
    #[server(default)] state_code: String,
    #[server(default)] from: String,
    #[server(default)] to: String,
    #[server(default)] sort: String,
    #[server(default)] page: crate::domain::PageNumber,
) -> Result<CaseList, AppError> {
    use crate::domain::case::QueueForm;
    super::serve::with_caller(async |app, caller| {
        let filter = QueueForm { part, query, case_type, state_code, from, to, sort }
            .parse()
            .map_err(|e| AppError::invalid_because(e.field, &e.problem))?;
        Ok(list(crate::server::cases::queue(&app, &caller, &filter, page).await?, page, 50))
    })
    .await
}

/// CASE-12 `Ta ärendet`: the caller (a handler of the case's unit) takes
/// the case. `seen_handler` is the id of the handler the caller saw holding
/// it (empty for none): a case a colleague took meanwhile is refused, not
/// taken from them unawares.
#[server(endpoint = "cases/take")]
pub async fn take_case(case_id: i32, #[server(default)] seen_handler: String) -> Result<(), AppError> {
    use crate::server::cases::{set_handler, Handling};
    super::serve::with_caller(async |state, caller| {
        let seen = match seen_handler.trim() {
            "" => None,
            id => Some(id.parse::<i32>().map_err(|_| AppError::invalid("seen_handler", said!(server_errors.unknown_seen_handler)))?),
        };
        set_handler(&state, &caller, case_id, Handling::Take { seen }).await.map(drop)
    })
    .await
}

/// CASE-12 `Släpp ärendet`: the handler who has the case lets it go back to the queue.
#[server(endpoint = "cases/release")]
pub async fn release_case(case_id: i32) -> Result<(), AppError> {
    use crate::server::cases::{set_handler, Handling};
    super::serve::with_caller(async |state, caller| set_handler(&state, &caller, case_id, Handling::Release).await.map(drop)).await
}

/// CASE-5 `Flytta ärende till annan installatör`. The team owner; all or nothing.
#[server(endpoint = "cases/move-to-member", input = server_fn::codec::Json)]
pub async fn move_cases_to_member(team_id: i32, cases: Vec<SeenCase>, to_user_id: i32) -> Result<usize, AppError> {
    
    super::serve::with_caller(async |app, caller| {
        crate::server::cases::move_to_member(&app, &caller, team_id, &cases, to_user_id).await
    })
    .await
}

/// The same, as the member page's form posts it without scripts (UX-1):
/// the marked cases as `cases[]=<id>:<version>`.
#[server(endpoint = "cases/move-to-member-form")]
pub async fn move_cases_to_member_form(
    team_id: i32,
    #[server(default)] cases: Vec<String>,
    // Empty while no one is chosen; the move then says what is missing.
    #[server(default)] to_user_id: String,
) -> Result<usize, AppError> {
    let cases = marked_cases(&cases)?;
    move_cases_to_member(team_id, cases, to_user_id.trim().parse().unwrap_or(0)).await
}

/// The cases a form marked, or 400 when a value is not one our pages write.
#[cfg(feature = "ssr")]
fn marked_cases(values: &[String]) -> Result<Vec<SeenCase>, AppError> {
    crate::error::with_status(
        SeenCase::parse_form_values(values).ok_or_else(|| AppError::BadRequest(said!(server_errors.selection_malformed).into())),
    )
}

/// A team a case may move to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamChoice {
    pub id: i32,
    pub name: String,
    pub organisationsnummer: String,
}

/// CASE-6 `Välj team att flytta till`: the caller's teams with this organisation number.
#[server(endpoint = "cases/team-choices")]
pub async fn team_choices(case_id: i32) -> Result<Vec<TeamChoice>, AppError> {
    use crate::server::cases;
    super::serve::with_caller(async |app, caller| {
        let (c, relation) = cases::load_visible(&app.db, &caller, case_id).await?;
        if relation != cases::CaseRelation::Holder {
            return Err(AppError::Forbidden);
        }
        Ok(cases::teams_for_change(&app.db, &caller, &c.organisationsnummer)
            .await?
            .into_iter()
            .filter(|t| t.id != c.team_id)
            .map(|t| TeamChoice {
                id: t.id,
                organisationsnummer: crate::domain::Organisationsnummer::parse(&t.organisationsnummer)
                    .map(|o| o.to_string())
                    .unwrap_or(t.organisationsnummer),
                name: t.name,
            })
            .collect())
    })
    .await
}

/// The same, as `Mina ärenden`'s form posts it without scripts (UX-1).
#[server(endpoint = "cases/change-team-form")]
pub async fn change_team_form(#[server(default)] cases: Vec<String>, #[server(default)] team_id: String) -> Result<usize, AppError> {
    let cases = marked_cases(&cases)?;
    change_team(cases, team_id.trim().parse().unwrap_or(0)).await
}

/// CASE-6 `Byt team på ärenden`: the installer's own cases; all or nothing.
#[server(endpoint = "cases/change-team", input = server_fn::codec::Json)]
pub async fn change_team(cases: Vec<SeenCase>, team_id: i32) -> Result<usize, AppError> {
    
    super::serve::with_caller(async |app, caller| {
        crate::server::cases::change_team(&app, &caller, &cases, team_id).await
    })
    .await
}

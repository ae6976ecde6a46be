//! Drafts, the state changes of CASE-3/CASE-8/CASE-12, and attachments
//! (CASE-9, ADM-4). Each write starts from `lock_for_write` (or, for a new
//! draft, the team's lock) and decides inside that transaction.
use super::access::{actor, lock_for_write, status_of, CaseRelation, Locked};
use super::{number, refused, state_of, timeline, notify};
use crate::domain::case::{
    check_movable, required_attachments, transition, validate_fields, AttachmentKind, CaseAction, CaseState, CaseType, CompletionInput, CompletionReport,
    FieldValues, TimelineNote, MOVE_EVIDENCE, NOTE_KEY,
};
use crate::domain::Role;
use crate::error::{said_per_field, AppError, FieldError};
use crate::translated::Translate;
use crate::i18n::{fill, td_string};
use crate::server::auth::{new_token, Caller};
use crate::server::entities::{case, case_attachment, user};
use crate::server::state::AppState;
use crate::server::storage::ReceivedFile;
use crate::server::teams::{belongs_to, lock_live_team};
use chrono::{DateTime, Months, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
    Statement, TransactionTrait,
};
use serde_json::json;

/// The most all of a case's attachments together may weigh.
pub const MAX_CASE_BYTES: i64 = 50 * 1024 * 1024;

/// CASE-4: an installer starts a case (a draft) in one of their teams. The
/// team's row is locked first, so a member being removed from the team at
/// the same moment can never end up holding a new case in it (TEAM-5).
pub async fn create_draft(state: &AppState, caller: &Caller, case_type: &str, team_id: i32) -> Result<case::Model, AppError> {
    let user = &caller.user;
    if user.role != Role::Installer {
        return Err(AppError::Forbidden);
    }
    crate::server::email_check::require_verified(caller)?;
    let ct = CaseType::by_code(case_type).ok_or_else(|| AppError::invalid("case_type", said!(server_errors.choose_case_type)))?;
    let not_yours = || AppError::invalid("team_id", said!(server_errors.choose_your_team));
    let now = state.now();
    let txn = state.db.begin().await?;
    let team = lock_live_team(&txn, team_id).await?.ok_or_else(not_yours)?;
    if !belongs_to(&txn, &team, user.id).await? {
        return Err(not_yours());
    }
    let created = case::ActiveModel {
        case_number: Set(None),
        case_type: Set(ct.code.to_string()),
        unit: Set(ct.unit()),
        state: Set(CaseState::Utkast),
        team_id: Set(team.id),
        holder_user_id: Set(user.id),
        created_by_user_id: Set(user.id),
        organisationsnummer: Set(team.organisationsnummer.clone()),
        customer_name: Set(String::new()),
        facility_address: Set(String::new()),
        facility_id: Set(None),
        fields: Set("{}".into()),
        submitted_at: Set(None),
        completed_at: Set(None),
        cancellation_requested_at: Set(None),
        cancellation_reason: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        version: Set(0),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut numbered: case::ActiveModel = created.into();
    numbered.case_number = Set(Some(format!("IW-{:06}", numbered.id.clone().unwrap())));
    let created = numbered.update(&txn).await?;
    timeline(&txn, created.id, now, caller, "created", None, json!({ "case_type": ct.code, "team_id": team.id })).await?;
    txn.commit().await?;
    Ok(created)
}

fn parse_values(c: &case::Model) -> FieldValues {
    serde_json::from_str(&c.fields).unwrap_or_default()
}

pub(super) fn values_of(c: &case::Model) -> FieldValues {
    parse_values(c)
}

/// The values a draft keeps: only the type's fields, each of sane length.
fn keep_known(ct: &CaseType, values: FieldValues) -> FieldValues {
    values
        .into_iter()
        .filter(|(k, _)| ct.all_fields().any(|f| f.key == k))
        .map(|(k, v)| (k, v.chars().take(4000).collect::<String>()))
        .collect()
}

fn address_of(values: &FieldValues) -> String {
    let get = |k: &str| values.get(k).map(|v| v.trim()).unwrap_or("");
    [get("facility_street"), get("facility_postal_code"), get("facility_city")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

fn apply_values(active: &mut case::ActiveModel, values: &FieldValues) {
    active.customer_name = Set(values.get("customer_name").cloned().unwrap_or_default().chars().take(200).collect());
    active.facility_address = Set(address_of(values).chars().take(400).collect());
    active.facility_id = Set(values
        .get("facility_id")
        .and_then(|g| crate::domain::Gsrn::parse(g).ok())
        .map(|g| g.as_str().to_string()));
    active.fields = Set(serde_json::to_string(values).unwrap_or_else(|_| "{}".into()));
}

/// Saves a draft as typed (nothing is lost on a validation error) and says
/// what is still wrong with it.
pub async fn save_draft(state: &AppState, caller: &Caller, case_id: i32, values: FieldValues) -> Result<(case::Model, Vec<FieldError>), AppError> {
    let user = &caller.user;
    let Locked { txn, case: c, relation } = lock_for_write(state, caller, case_id).await?;
    transition(status_of(&c), CaseAction::Edit, actor(user, relation)).map_err(refused)?;
    let ct = CaseType::by_code(&c.case_type).ok_or(AppError::Internal)?;
    let values = keep_known(ct, values);
    let problems = validate_fields(ct, &values, &state.operator, state.now().date_naive(), false, user.personnummer.as_deref())
        .err()
        .map(|errors| said_per_field(errors.iter().map(|e| (e.field, e))))
        .unwrap_or_default();
    let mut active: case::ActiveModel = c.into();
    apply_values(&mut active, &values);
    active.updated_at = Set(state.now());
    let saved = active.update(&txn).await?;
    txn.commit().await?;
    Ok((saved, problems))
}

/// CASE-2: fuse changes on one facility are serialised, so two submitted at
/// the same moment cannot both pass the twelve-month rule. SQLite's write
/// lock already does this; PostgreSQL takes a lock on the facility for the
/// rest of the transaction.
async fn lock_facility(txn: &DatabaseTransaction, gsrn: &str) -> Result<(), AppError> {
    if txn.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        txn.execute_raw(Statement::from_sql_and_values(
            sea_orm::DatabaseBackend::Postgres,
            "SELECT pg_advisory_xact_lock(hashtext($1))",
            [format!("facility:{gsrn}").into()],
        ))
        .await?;
    }
    Ok(())
}

/// Everything a föranmälan must have: its fields, its attachments, and for a
/// fuse change no other one on the facility that is open or was completed
/// within the interval (CASE-2). Read inside the write's transaction.
async fn check_complete(state: &AppState, txn: &DatabaseTransaction, user: &user::Model, c: &case::Model) -> Result<FieldValues, AppError> {
    let ct = CaseType::by_code(&c.case_type).ok_or(AppError::Internal)?;
    let values = parse_values(c);
    let today = state.now().date_naive();
    let mut errors = validate_fields(ct, &values, &state.operator, today, true, user.personnummer.as_deref())
        .err()
        .map(|errors| said_per_field(errors.iter().map(|e| (e.field, e))))
        .unwrap_or_default();
    let present: Vec<AttachmentKind> = case_attachment::Entity::find()
        .filter(case_attachment::Column::CaseId.eq(c.id))
        .all(txn)
        .await?
        .into_iter()
        .map(|a| a.kind)
        .collect();
    let locale = crate::components::language::current_locale();
    let missing: Vec<&str> = required_attachments(ct, &values, &state.operator)
        .into_iter()
        .filter(|k| !present.contains(k))
        .map(|k| crate::translated::catalogue_text(locale, k.label()))
        .collect();
    if !missing.is_empty() {
        errors.push(FieldError::new("attachments", fill(td_string!(locale, case_errors.attach), &[("attachments", &missing.join(", "))])));
    }
    if let Some(problem) = linked_case_problem(txn, c, values.get("linked_case_number").map(String::as_str)).await? {
        errors.push(FieldError::new("linked_case_number", problem));
    }
    if ct.code == "byte_av_sakring"
        && let Some(gsrn) = crate::domain::Gsrn::parse(values.get("facility_id").map(String::as_str).unwrap_or("")).ok()
    {
        lock_facility(txn, gsrn.as_str()).await?;
        if let Some(problem) = earlier_fuse_change(state, txn, c.id, gsrn.as_str()).await? {
            errors.push(FieldError::new("facility_id", problem));
        }
    }
    if errors.is_empty() {
        validate_fields(ct, &values, &state.operator, today, true, user.personnummer.as_deref())
            .map_err(|errors| AppError::invalid_fields(errors.iter().map(|e| (e.field, e))))
    } else {
        Err(AppError::Invalid(errors))
    }
}

/// A production facility in a new building names the new connection it
/// belongs to: a case about a new connection for the same company. A
/// number that is no such case is refused (without telling whose it is).
async fn linked_case_problem(txn: &DatabaseTransaction, c: &case::Model, linked: Option<&str>) -> Result<Option<String>, AppError> {
    let Some(number) = linked.map(str::trim).filter(|n| !n.is_empty()) else { return Ok(None) };
    let found = case::Entity::find()
        .filter(case::Column::CaseNumber.eq(number.to_uppercase()))
        .filter(case::Column::CaseType.eq("ny_anslutning"))
        .filter(case::Column::Organisationsnummer.eq(c.organisationsnummer.clone()))
        .one(txn)
        .await?;
    Ok(found.is_none().then(|| {
        crate::i18n::fill(said!(server_errors.no_connection_case), &[("number", &number.to_string())])
    }))
}

/// CASE-2: why another fuse change on the facility stands in the way, if one does.
async fn earlier_fuse_change(state: &AppState, txn: &DatabaseTransaction, case_id: i32, gsrn: &str) -> Result<Option<String>, AppError> {
    let interval = state.operator.fuse_change_interval_months;
    let others = || {
        case::Entity::find()
            .filter(case::Column::FacilityId.eq(gsrn))
            .filter(case::Column::CaseType.eq("byte_av_sakring"))
            .filter(case::Column::Id.ne(case_id))
    };
    let open = others()
        .filter(case::Column::State.is_in([CaseState::Pagaende, CaseState::Komplettera]))
        .order_by_asc(case::Column::Id)
        .one(txn)
        .await?;
    if let Some(o) = open {
        return Ok(Some(crate::i18n::fill(said!(server_errors.fuse_change_open), &[("case", &number(&o)), ("months", &interval.to_string())])));
    }
    let since = state.now().checked_sub_months(Months::new(interval)).unwrap_or(state.now());
    let completed = others()
        .filter(case::Column::CompletedAt.gt(since))
        .filter(case::Column::State.ne(CaseState::Makulerad))
        .order_by_desc(case::Column::CompletedAt)
        .one(txn)
        .await?;
    Ok(completed.and_then(|p| p.completed_at).map(|at| {
        let day = crate::domain::swedish_time::local(at).date();
        let locale = crate::components::language::current_locale();
        crate::i18n::fill(said!(server_errors.fuse_changed_recently), &[("date", &crate::formats::date(locale, day)), ("months", &interval.to_string())])
    }))
}

/// What a state change writes on its timeline entry: someone's own words,
/// or the portal's note (said in each reader's language, UX-2).
enum Written {
    Words(String),
    Note(TimelineNote),
}

impl Written {
    /// As stored in the entry's text: the words, or the note in Swedish.
    fn stored(&self) -> String {
        match self {
            Written::Words(words) => words.clone(),
            Written::Note(note) => note.to_string(),
        }
    }

    fn said(&self, locale: crate::i18n::Locale) -> String {
        match self {
            Written::Words(words) => words.clone(),
            Written::Note(note) => note.text(locale),
        }
    }
}

/// One state change, decided under the case's lock: the state machine
/// (with CASE-8's pending cancellation), CASE-7, and for a submission or an
/// answer the completeness of the föranmälan; then `change` (which sees the
/// locked case, may refuse, and gives the timeline's message), the timeline
/// entry and the holder's notification, in one transaction.
async fn change_state<F>(state: &AppState, caller: &Caller, case_id: i32, action: CaseAction, event: &str, change: F) -> Result<case::Model, AppError>
where
    F: FnOnce(&case::Model, &mut case::ActiveModel, DateTime<Utc>) -> Result<Option<Written>, AppError>,
{
    let user = &caller.user;
    let now = state.now();
    let Locked { txn, case: c, relation } = lock_for_write(state, caller, case_id).await?;
    let next = transition(status_of(&c), action, actor(user, relation)).map_err(refused)?;
    let canonical = match action {
        CaseAction::Submit | CaseAction::AnswerSupplement => Some(check_complete(state, &txn, user, &c).await?),
        _ => None,
    };
    let before = state_of(&c);
    let holder = c.holder_user_id;
    let mut active: case::ActiveModel = c.clone().into();
    if let Some(values) = &canonical {
        apply_values(&mut active, values);
    }
    active.state = Set(next);
    active.updated_at = Set(now);
    let written = change(&c, &mut active, now)?;
    let saved = active.update(&txn).await?;
    let mut details = json!({ "from": before.code(), "to": next.code() });
    if let Some(Written::Note(note)) = &written {
        details[NOTE_KEY] = json!(note);
    }
    timeline(&txn, saved.id, now, caller, event, written.as_ref().map(Written::stored), details).await?;
    if holder != user.id || before != next {
        let news = holder != user.id;
        notify(&txn, now, holder, saved.id, news, |locale| {
            let (case, state) = (number(&saved), crate::translated::state_label(locale, next));
            let mut body = fill(td_string!(locale, mail.case_state_body), &[("case", &case), ("customer", &saved.customer_name), ("state", state)]);
            if let Some(written) = &written {
                body.push_str(&fill(td_string!(locale, mail.message_appended), &[("message", &written.said(locale))]));
            }
            (fill(td_string!(locale, mail.case_state_subject), &[("case", &case), ("state", state)]), body)
        })
        .await?;
    }
    txn.commit().await?;
    crate::server::notifications::cases_changed(state, vec![holder, user.id], &[saved.unit]).await;
    Ok(saved)
}

fn required_message(field: &str, raw: &str, what: &str) -> Result<String, AppError> {
    let m = raw.trim();
    if m.is_empty() {
        Err(AppError::invalid(field, crate::i18n::fill(said!(server_errors.write_what), &[("what", what)])))
    } else if m.chars().count() > 4000 {
        Err(AppError::invalid(field, said!(server_errors.message_too_long)))
    } else {
        Ok(m.to_string())
    }
}

/// CASE-3: the installer submits the föranmälan.
pub async fn submit(state: &AppState, caller: &Caller, case_id: i32) -> Result<case::Model, AppError> {
    change_state(state, caller, case_id, CaseAction::Submit, "submitted", |_, a, now| {
        a.submitted_at = Set(Some(now));
        Ok(None)
    })
    .await
}

/// CASE-12: a handler asks for more, with a message the installer sees.
pub async fn request_supplement(state: &AppState, caller: &Caller, case_id: i32, message: &str) -> Result<case::Model, AppError> {
    let message = required_message("message", message, said!(server_errors.what_supplement))?;
    change_state(state, caller, case_id, CaseAction::RequestSupplement, "supplement_requested", |_, _, _| Ok(Some(Written::Words(message)))).await
}

/// CASE-10: the installer answers a request for supplement.
pub async fn answer_supplement(state: &AppState, caller: &Caller, case_id: i32, message: &str) -> Result<case::Model, AppError> {
    let message = required_message("message", message, said!(server_errors.what_answer))?;
    change_state(state, caller, case_id, CaseAction::AnswerSupplement, "supplement_answered", |_, _, _| Ok(Some(Written::Words(message)))).await
}

/// CASE-3, CASE-14: an Elinstallatör reports the work done, with the date,
/// the meter where the type has one, and their word that the installation
/// is inspected and safe; kept on the case for the handler and told on the
/// timeline.
pub async fn report_completion(
    state: &AppState,
    caller: &Caller,
    case_id: i32,
    input: &CompletionInput,
) -> Result<case::Model, AppError> {
    let today = state.now().date_naive();
    change_state(state, caller, case_id, CaseAction::ReportCompletion, "completion_reported", |c, a, now| {
        let case_type = CaseType::by_code(&c.case_type).ok_or(AppError::Internal)?;
        let report = CompletionReport::parse(input, case_type, c.submitted_at.map(|s| s.date_naive()), today)
            .map_err(|errors| AppError::invalid_fields(errors.iter().map(|e| (e.field, e))))?;
        a.completed_at = Set(Some(now));
        a.completion_report = Set(Some(serde_json::to_string(&report).map_err(|_| AppError::Internal)?));
        Ok(Some(Written::Note(TimelineNote::Completion { report })))
    })
    .await
}

/// CASE-12: a handler archives a completed case.
pub async fn archive(state: &AppState, caller: &Caller, case_id: i32) -> Result<case::Model, AppError> {
    change_state(state, caller, case_id, CaseAction::Archive, "archived", |_, _, _| Ok(None)).await
}

/// CASE-8: the installer holding the case asks its unit to cancel it.
pub async fn request_cancellation(state: &AppState, caller: &Caller, case_id: i32, reason: &str) -> Result<case::Model, AppError> {
    // CASE-8: customer service may not send it for the installer.
    if caller.acting_admin.is_some() {
        return Err(refused(crate::domain::case::TransitionError::AdminMayNotCancel));
    }
    let reason = required_message("reason", reason, said!(server_errors.what_cancel_reason))?;
    change_state(state, caller, case_id, CaseAction::RequestCancellation, "cancellation_requested", |_, a, now| {
        a.cancellation_requested_at = Set(Some(now));
        a.cancellation_reason = Set(Some(reason.clone()));
        Ok(Some(Written::Words(reason)))
    })
    .await
}

/// CASE-12: a handler confirms (→ Makulerad) or rejects a cancellation request.
pub async fn decide_cancellation(state: &AppState, caller: &Caller, case_id: i32, confirm: bool, message: &str) -> Result<case::Model, AppError> {
    let message = (!message.trim().is_empty()).then(|| message.trim().chars().take(4000).collect::<String>());
    let (action, event) = if confirm {
        (CaseAction::ConfirmCancellation, "cancellation_confirmed")
    } else {
        (CaseAction::RejectCancellation, "cancellation_rejected")
    };
    change_state(state, caller, case_id, action, event, |_, a, _| {
        a.cancellation_requested_at = Set(None);
        Ok(message.map(Written::Words))
    })
    .await
}

/// The installer throws away a draft.
pub async fn delete_draft(state: &AppState, caller: &Caller, case_id: i32) -> Result<(), AppError> {
    let Locked { txn, case: c, relation } = lock_for_write(state, caller, case_id).await?;
    transition(status_of(&c), CaseAction::DeleteDraft, actor(&caller.user, relation)).map_err(refused)?;
    case::Entity::delete_by_id(c.id).exec(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// Why a file is attached to a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttachmentPurpose {
    /// CASE-9: a document of the case, by the installer holding it while it
    /// may be edited (also by an admin acting for them, ADM-2).
    CaseDocument,
    /// ADM-4: evidence for a move to another company, by an admin, while the
    /// case may be moved. Only these count as move evidence.
    MoveEvidence,
}

/// The kinds only customer service attaches (ADM-4): an installer's own
/// "customer approval" would let them approve their own move.
const EVIDENCE_ONLY: [AttachmentKind; 1] = [AttachmentKind::KundensGodkannande];

/// Checks, before a file is received, that `caller` may attach a file for
/// `purpose` to the case at all (the upload is then decided again, under the
/// lock, by `attach`). Saves receiving a body that would be refused.
pub async fn check_may_attach(state: &AppState, caller: &Caller, case_id: i32, purpose: AttachmentPurpose) -> Result<(), AppError> {
    let Locked { txn, case: c, relation } = lock_for_write(state, caller, case_id).await?;
    let decided = may_attach(caller, &c, relation, purpose);
    txn.rollback().await?;
    decided
}

fn may_attach(caller: &Caller, c: &case::Model, relation: CaseRelation, purpose: AttachmentPurpose) -> Result<(), AppError> {
    match purpose {
        AttachmentPurpose::CaseDocument => {
            transition(status_of(c), CaseAction::Edit, actor(&caller.user, relation)).map(drop).map_err(refused)
        }
        AttachmentPurpose::MoveEvidence => {
            if caller.acting_admin.is_some() || caller.user.role != Role::Admin {
                return Err(AppError::Forbidden);
            }
            check_movable(state_of(c)).map_err(|why| AppError::conflict("state", why.text(crate::components::language::current_locale())))
        }
    }
}

/// The kind a file is attached as, if `purpose` allows it.
pub fn attachment_kind(raw: Option<&str>, purpose: AttachmentPurpose) -> Result<AttachmentKind, AppError> {
    let kind = raw.and_then(AttachmentKind::from_code).ok_or_else(|| AppError::invalid("kind", said!(server_errors.choose_attachment_kind)))?;
    match purpose {
        AttachmentPurpose::CaseDocument if EVIDENCE_ONLY.contains(&kind) => Err(AppError::invalid(
            "kind",
            crate::i18n::fill(
                said!(server_errors.attached_only_when_moved),
                &[("kind", crate::translated::catalogue_text(crate::components::language::current_locale(), kind.label()))],
            ),
        )),
        AttachmentPurpose::MoveEvidence if !MOVE_EVIDENCE.contains(&kind) => {
            Err(AppError::invalid("kind", said!(server_errors.choose_evidence_kind)))
        }
        _ => Ok(kind),
    }
}

/// CASE-9: the installer takes an attachment away while the case may be
/// edited (a draft, or in Komplettera) — to replace it, upload the new one.
/// Recorded on the timeline; move evidence (ADM-4) is not the installer's to
/// take away. The file leaves the store after the commit.
pub async fn remove_attachment(state: &AppState, caller: &Caller, case_id: i32, attachment_id: i32) -> Result<(), AppError> {
    let now = state.now();
    let Locked { txn, case: c, relation } = lock_for_write(state, caller, case_id).await?;
    may_attach(caller, &c, relation, AttachmentPurpose::CaseDocument)?;
    let found = case_attachment::Entity::find_by_id(attachment_id)
        .filter(case_attachment::Column::CaseId.eq(c.id))
        .filter(case_attachment::Column::MoveEvidence.eq(false))
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::NotFound(said!(server_errors.attachment_not_found).into()))?;
    case_attachment::Entity::delete_by_id(found.id).exec(&txn).await?;
    let mut touched: case::ActiveModel = c.clone().into();
    touched.updated_at = Set(now);
    touched.update(&txn).await?;
    let note = TimelineNote::Attachment { kind: found.kind, file_name: found.file_name.clone() };
    timeline(&txn, c.id, now, caller, "attachment_removed", Some(note.to_string()), json!({ "attachment_id": found.id, NOTE_KEY: note })).await?;
    txn.commit().await?;
    if let Err(e) = state.attachments.delete(&found.storage_key).await {
        // The attachment is gone from the case; the file is only orphaned.
        tracing::warn!(error = %e, key = %found.storage_key, "a removed attachment's file could not be deleted");
    }
    Ok(())
}

/// CASE-9, ADM-4: attaches a received file. Everything is decided under the
/// case's lock, after the body has arrived: a case moved, submitted or
/// expired during a slow upload does not receive the file.
pub async fn attach(
    state: &AppState,
    caller: &Caller,
    case_id: i32,
    purpose: AttachmentPurpose,
    kind: AttachmentKind,
    file: &ReceivedFile,
) -> Result<case_attachment::Model, AppError> {
    let now = state.now();
    let Locked { txn, case: c, relation } = lock_for_write(state, caller, case_id).await?;
    may_attach(caller, &c, relation, purpose)?;
    // Summed here rather than with SUM(): PostgreSQL's SUM over BIGINT is NUMERIC.
    let used: i64 = case_attachment::Entity::find()
        .select_only()
        .column(case_attachment::Column::SizeBytes)
        .filter(case_attachment::Column::CaseId.eq(c.id))
        .into_tuple::<i64>()
        .all(&txn)
        .await?
        .into_iter()
        .sum();
    if used + file.size as i64 > MAX_CASE_BYTES {
        return Err(AppError::invalid("file", said!(server_errors.attachments_too_large)));
    }
    let key = format!("cases/{}/{}-{}", c.id, now.timestamp_millis(), &new_token()[..16]);
    state.attachments.put_file(&key, &file.scratch).await.map_err(|e| {
        tracing::error!(error = %e, "attachment storage failed");
        AppError::Internal
    })?;
    let (by, _) = caller.recorded_as();
    let saved = case_attachment::ActiveModel {
        case_id: Set(c.id),
        kind: Set(kind),
        file_name: Set(file.file_name.clone()),
        content_type: Set(file.content_type.to_string()),
        size_bytes: Set(file.size as i64),
        storage_key: Set(key),
        uploaded_by_user_id: Set(by),
        uploaded_at: Set(now),
        move_evidence: Set(purpose == AttachmentPurpose::MoveEvidence),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut touched: case::ActiveModel = c.clone().into();
    touched.updated_at = Set(now);
    touched.update(&txn).await?;
    let note = TimelineNote::Attachment { kind, file_name: file.file_name.clone() };
    let details = json!({ "attachment_id": saved.id, "move_evidence": purpose == AttachmentPurpose::MoveEvidence, NOTE_KEY: note });
    timeline(&txn, c.id, now, caller, "attachment_added", Some(note.to_string()), details).await?;
    if purpose == AttachmentPurpose::MoveEvidence {
        let entry = crate::server::audit::AuditEntry::by(caller, "case.move_evidence_attached", format!("case:{}", c.id), json!({ "attachment_id": saved.id, "kind": saved.kind }));
        crate::server::audit::record(&txn, now, entry).await?;
    }
    txn.commit().await?;
    Ok(saved)
}

//! CASE-9: attachments on a case, received as multipart forms (see
//! `forms`), stored, and recorded on the case's timeline; ADM-4: an admin's
//! evidence for a move to another company goes the same way.
use crate::forms::{answer, file_response, read_stored, receive_form, require_admin};
use app::domain::case::{check_movable, transition, AttachmentKind, CaseAction, CaseActor, CaseState, MOVE_EVIDENCE};
use app::error::AppError;
use app::server::audit::{self, AuditEntry};
use app::server::cases::{load_visible, Viewer};
use app::server::auth::Caller;
use app::server::entities::{case, case_attachment, case_event};
use app::server::storage::ReceivedFile;
use app::server::{auth, AppState};
use axum::extract::{Multipart, Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QuerySelect, Set, TransactionTrait};

pub use crate::forms::MAX_FILE_BYTES;
/// The most all of a case's attachments together may weigh.
pub const MAX_CASE_BYTES: i64 = 50 * 1024 * 1024;

/// The kind may come in the address (API clients) or as a form field before the file.
#[derive(serde::Deserialize)]
pub struct UploadQuery {
    #[serde(default)]
    kind: Option<String>,
}

/// Back to the case page, with the outcome in the address.
fn back_to_case(case_id: i32) -> impl FnOnce(Result<(), String>) -> String {
    move |outcome| match outcome {
        Ok(()) => format!("/arenden/{case_id}?bilaga=sparad"),
        Err(message) => format!("/arenden/{case_id}?bilagefel={message}"),
    }
}

#[derive(serde::Serialize)]
struct Saved {
    id: i32,
    file_name: String,
}

fn saved(a: case_attachment::Model) -> Saved {
    Saved { id: a.id, file_name: a.file_name }
}

pub async fn upload(
    State(state): State<AppState>,
    Path(case_id): Path<i32>,
    Query(query): Query<UploadQuery>,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let result = async {
        let (caller, c) = case_editor(&state, &headers, case_id).await?;
        // ADM-2: an upload while an admin acts for the installer is the admin's, on their behalf.
        receive(&state, &c, &AttachmentKind::ALL, query.kind, multipart, caller.recorded_as()).await
    }
    .await;
    answer(&headers, result.map(saved), back_to_case(case_id))
}

/// ADM-4: an admin attaches the customer's approval or a new fullmakt to a
/// case that may be moved, whatever state of editing the case is in.
pub async fn upload_move_evidence(
    State(state): State<AppState>,
    Path(case_id): Path<i32>,
    Query(query): Query<UploadQuery>,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let result = async {
        let admin = require_admin(&state, &headers).await?;
        let c = case::Entity::find_by_id(case_id)
            .one(&state.db)
            .await?
            .ok_or_else(|| AppError::NotFound("Ärendet finns inte.".into()))?;
        check_movable(CaseState::from_code(&c.state).unwrap_or(CaseState::Utkast)).map_err(|why| AppError::conflict("state", why))?;
        let saved = receive(&state, &c, &MOVE_EVIDENCE, query.kind, multipart, (admin.id, None)).await?;
        audit::record(
            &state.db,
            state.now(),
            AuditEntry {
                actor_user_id: Some(admin.id),
                on_behalf_of_user_id: None,
                action: "case.move_evidence_attached",
                subject: format!("case:{}", c.id),
                details: serde_json::json!({ "attachment_id": saved.id, "kind": saved.kind }),
            },
        )
        .await?;
        Ok(saved)
    }
    .await;
    answer(&headers, result.map(saved), back_to_case(case_id))
}

/// The caller (the logged-in user, or the installer an admin acts for), if they may edit the case now.
async fn case_editor(state: &AppState, headers: &HeaderMap, case_id: i32) -> Result<(Caller, case::Model), AppError> {
    let caller = auth::caller_from_headers(state, headers).await?.ok_or(AppError::Unauthenticated)?;
    let (c, viewer) = load_visible(&state.db, &caller, case_id).await?;
    let actor = if viewer == Viewer::Holder { CaseActor::Holder { may_report_completion: false } } else { CaseActor::Other };
    let case_state = CaseState::from_code(&c.state).unwrap_or(CaseState::Utkast);
    transition(case_state, CaseAction::Edit, actor).map_err(|e| AppError::conflict("state", e.to_string()))?;
    Ok((caller, c))
}

/// Receives one file of one of the `allowed` kinds and attaches it to the
/// case; `recorded` is who did it and, while acting (ADM-2), for whom.
async fn receive(
    state: &AppState,
    c: &case::Model,
    allowed: &[AttachmentKind],
    kind: Option<String>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
    recorded: (i32, Option<i32>),
) -> Result<case_attachment::Model, AppError> {
    let mut form = receive_form(multipart, &state.attachments.scratch_dir()).await?;
    // The kind may come in the address (API clients) or as a form field.
    let kind = kind
        .or_else(|| form.fields.get("kind").cloned())
        .as_deref()
        .and_then(AttachmentKind::from_code)
        .filter(|k| allowed.contains(k))
        .ok_or_else(|| AppError::invalid("kind", "Välj vilken sorts bilaga det är."))?;
    let file = form.take_file("file").ok_or_else(|| AppError::invalid("file", "Välj en fil att ladda upp."))?;
    store_and_record(state, c, kind, &file, recorded).await
}

async fn store_and_record(
    state: &AppState,
    c: &case::Model,
    kind: AttachmentKind,
    file: &ReceivedFile,
    (actor, on_behalf): (i32, Option<i32>),
) -> Result<case_attachment::Model, AppError> {
    let (file_name, content_type, size) = (file.file_name.as_str(), file.content_type, file.size);
    let now = state.now();
    let txn = state.db.begin().await?;
    // Lock the case so two uploads cannot both slip under the case's limit.
    case::Entity::update_many()
        .col_expr(case::Column::UpdatedAt, sea_orm::sea_query::Expr::value(now))
        .filter(case::Column::Id.eq(c.id))
        .exec(&txn)
        .await?;
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
    if used + size as i64 > MAX_CASE_BYTES {
        return Err(AppError::invalid("file", "Ärendets bilagor får tillsammans vara högst 50 MB."));
    }
    let key = format!("cases/{}/{}-{}", c.id, now.timestamp_millis(), &auth::new_token()[..16]);
    state.attachments.put_file(&key, &file.scratch).await.map_err(internal)?;
    let saved = case_attachment::ActiveModel {
        case_id: Set(c.id),
        kind: Set(kind.code().to_string()),
        file_name: Set(file_name.to_string()),
        content_type: Set(content_type.to_string()),
        size_bytes: Set(size as i64),
        storage_key: Set(key),
        uploaded_by_user_id: Set(actor),
        uploaded_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    case_event::ActiveModel {
        case_id: Set(c.id),
        at: Set(now),
        actor_user_id: Set(Some(actor)),
        on_behalf_of_user_id: Set(on_behalf),
        kind: Set("attachment_added".into()),
        message: Set(Some(format!("{}: {}", kind.label(), file_name))),
        details: Set(serde_json::json!({ "attachment_id": saved.id }).to_string()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(saved)
}

/// Downloads an attachment, for users who may see the case.
pub async fn download(
    State(state): State<AppState>,
    Path((case_id, attachment_id)): Path<(i32, i32)>,
    headers: HeaderMap,
) -> Response {
    let result: Result<Response, AppError> = async {
        let caller = auth::caller_from_headers(&state, &headers).await?.ok_or(AppError::Unauthenticated)?;
        load_visible(&state.db, &caller, case_id).await?;
        let a = case_attachment::Entity::find_by_id(attachment_id)
            .filter(case_attachment::Column::CaseId.eq(case_id))
            .one(&state.db)
            .await?
            .ok_or_else(|| AppError::NotFound("Bilagan finns inte.".into()))?;
        let bytes = read_stored(state.attachments.as_ref(), &a.storage_key).await?;
        Ok(file_response(bytes, &a.content_type, &a.file_name))
    }
    .await;
    result.unwrap_or_else(|e| (e.status_code(), e.to_string()).into_response())
}

fn internal(e: impl std::fmt::Display) -> AppError {
    tracing::error!(error = %e, "attachment storage failed");
    AppError::Internal
}

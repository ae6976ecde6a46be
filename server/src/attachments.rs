//! CASE-9: attachments on a case. Uploaded as multipart through a plain axum
//! route (server functions' multipart handling panics on a missing boundary
//! and has no size limit). The body is streamed to a temporary file while its
//! size is counted, its type is decided by its first bytes — never by its name
//! — and only then is it stored and recorded.
use app::domain::case::{transition, AttachmentKind, CaseAction, CaseActor, CaseState};
use app::error::AppError;
use app::server::cases::{load_visible, Viewer};
use app::server::entities::{case, case_attachment, case_event};
use app::server::storage::AttachmentStore;
use app::server::{auth, AppState};
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QuerySelect, Set, TransactionTrait};
use std::path::Path as FsPath;
use tokio::io::AsyncWriteExt;

/// The largest file accepted.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;
/// The most all of a case's attachments together may weigh.
pub const MAX_CASE_BYTES: i64 = 50 * 1024 * 1024;

/// The content type proven by the file's first bytes.
pub fn sniff(head: &[u8]) -> Option<&'static str> {
    if head.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else {
        None
    }
}

/// A file name safe to store and to send back in a header.
pub fn sanitize_file_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = base
        .chars()
        .map(|c| if c.is_alphanumeric() || matches!(c, '.' | '-' | '_' | ' ') { c } else { '_' })
        .collect();
    let trimmed = cleaned.trim().trim_start_matches('.').chars().take(100).collect::<String>();
    if trimmed.is_empty() { "bilaga".to_string() } else { trimmed }
}

/// The kind may come in the address (API clients) or as a form field before the file.
#[derive(serde::Deserialize)]
pub struct UploadQuery {
    #[serde(default)]
    kind: Option<String>,
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|a| a.contains("application/json"))
}

/// Answers a form post with a redirect back to the case (with the outcome in
/// the address), and an API client with JSON and a status.
fn answer(headers: &HeaderMap, case_id: i32, result: Result<case_attachment::Model, AppError>) -> Response {
    if wants_json(headers) {
        return match result {
            Ok(a) => (StatusCode::OK, axum::Json(serde_json::json!({ "id": a.id, "file_name": a.file_name }))).into_response(),
            Err(e) => (e.status_code(), axum::Json(e)).into_response(),
        };
    }
    let target = match result {
        Ok(_) => format!("/arenden/{case_id}?bilaga=sparad"),
        Err(e) => format!("/arenden/{case_id}?bilagefel={}", urlencode(&e.to_string())),
    };
    Redirect::to(&target).into_response()
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

pub async fn upload(
    State(state): State<AppState>,
    Path(case_id): Path<i32>,
    Query(query): Query<UploadQuery>,
    headers: HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Response {
    let store = state.attachments.clone();
    let result = receive(&state, store.as_ref(), case_id, query.kind, &headers, multipart).await;
    answer(&headers, case_id, result)
}

async fn receive(
    state: &AppState,
    store: &dyn AttachmentStore,
    case_id: i32,
    kind: Option<String>,
    headers: &HeaderMap,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<case_attachment::Model, AppError> {
    let user = match auth::session_token(headers) {
        Some(token) => auth::user_for_token(state, &token).await?,
        None => None,
    }
    .ok_or(AppError::Unauthenticated)?;
    let (c, viewer) = load_visible(&state.db, &user, case_id).await?;
    let actor = if viewer == Viewer::Holder { CaseActor::Holder { may_report_completion: false } } else { CaseActor::Other };
    let case_state = CaseState::from_code(&c.state).unwrap_or(CaseState::Utkast);
    transition(case_state, CaseAction::Edit, actor).map_err(|e| AppError::conflict("state", e.to_string()))?;
    let mut multipart = multipart.map_err(|_| AppError::invalid("file", "Välj en fil att ladda upp."))?;
    let mut kind = kind;

    // A "kind" part may come first; then the first part named "file".
    let mut field = loop {
        match multipart.next_field().await {
            Ok(Some(f)) if f.name() == Some("file") => break f,
            Ok(Some(f)) if f.name() == Some("kind") => {
                let text = f.text().await.unwrap_or_default();
                kind = Some(text.chars().take(40).collect());
            }
            Ok(Some(_)) => continue,
            Ok(None) => return Err(AppError::invalid("file", "Välj en fil att ladda upp.")),
            Err(_) => return Err(AppError::invalid("file", "Filen kom inte fram hel. Försök igen.")),
        }
    };
    let kind = kind
        .as_deref()
        .and_then(AttachmentKind::from_code)
        .ok_or_else(|| AppError::invalid("kind", "Välj vilken sorts bilaga det är."))?;
    let file_name = sanitize_file_name(field.file_name().unwrap_or(""));
    if field.file_name().is_none_or(str::is_empty) {
        return Err(AppError::invalid("file", "Välj en fil att ladda upp."));
    }
    let scratch = store.scratch_dir().join(format!("{}-{}", std::process::id(), rand_suffix()));
    let mut out = tokio::fs::File::create(&scratch).await.map_err(internal)?;
    let mut size: u64 = 0;
    let mut head: Vec<u8> = Vec::with_capacity(16);
    let received: Result<(), AppError> = async {
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) => {
                    size += chunk.len() as u64;
                    if size > MAX_FILE_BYTES {
                        return Err(AppError::invalid("file", "Filen är för stor. En bilaga får vara högst 10 MB."));
                    }
                    if head.len() < 16 {
                        head.extend(chunk.iter().take(16 - head.len()));
                    }
                    out.write_all(&chunk).await.map_err(internal)?;
                }
                Ok(None) => return Ok(()),
                Err(_) => return Err(AppError::invalid("file", "Filen kom inte fram hel. Försök igen.")),
            }
        }
    }
    .await;
    let finish = async {
        received?;
        out.flush().await.map_err(internal)?;
        if size == 0 {
            return Err(AppError::invalid("file", "Filen är tom."));
        }
        let content_type = sniff(&head)
            .ok_or_else(|| AppError::invalid("file", "Filen måste vara en PDF, JPEG eller PNG (kontrolleras på innehållet, inte på namnet)."))?;
        store_and_record(state, store, &user, &c, kind, &file_name, content_type, size, &scratch).await
    }
    .await;
    let _ = tokio::fs::remove_file(&scratch).await;
    finish
}

#[allow(clippy::too_many_arguments)]
async fn store_and_record(
    state: &AppState,
    store: &dyn AttachmentStore,
    user: &app::server::entities::user::Model,
    c: &case::Model,
    kind: AttachmentKind,
    file_name: &str,
    content_type: &str,
    size: u64,
    scratch: &FsPath,
) -> Result<case_attachment::Model, AppError> {
    let now = state.now();
    let txn = state.db.begin().await?;
    // Lock the case so two uploads cannot both slip under the case's limit.
    case::Entity::update_many()
        .col_expr(case::Column::UpdatedAt, sea_orm::sea_query::Expr::value(now))
        .filter(case::Column::Id.eq(c.id))
        .exec(&txn)
        .await?;
    let used: Option<i64> = case_attachment::Entity::find()
        .select_only()
        .column_as(case_attachment::Column::SizeBytes.sum(), "total")
        .filter(case_attachment::Column::CaseId.eq(c.id))
        .into_tuple()
        .one(&txn)
        .await?
        .flatten();
    if used.unwrap_or(0) + size as i64 > MAX_CASE_BYTES {
        return Err(AppError::invalid("file", "Ärendets bilagor får tillsammans vara högst 50 MB."));
    }
    let key = format!("cases/{}/{}-{}", c.id, now.timestamp_millis(), rand_suffix());
    store.put_file(&key, scratch).await.map_err(internal)?;
    let saved = case_attachment::ActiveModel {
        case_id: Set(c.id),
        kind: Set(kind.code().to_string()),
        file_name: Set(file_name.to_string()),
        content_type: Set(content_type.to_string()),
        size_bytes: Set(size as i64),
        storage_key: Set(key),
        uploaded_by_user_id: Set(user.id),
        uploaded_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    case_event::ActiveModel {
        case_id: Set(c.id),
        at: Set(now),
        actor_user_id: Set(Some(user.id)),
        on_behalf_of_user_id: Set(None),
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
        let user = match auth::session_token(&headers) {
            Some(token) => auth::user_for_token(&state, &token).await?,
            None => None,
        }
        .ok_or(AppError::Unauthenticated)?;
        load_visible(&state.db, &user, case_id).await?;
        let a = case_attachment::Entity::find_by_id(attachment_id)
            .filter(case_attachment::Column::CaseId.eq(case_id))
            .one(&state.db)
            .await?
            .ok_or_else(|| AppError::NotFound("Bilagan finns inte.".into()))?;
        let bytes = state.attachments.read(&a.storage_key).await.map_err(internal)?;
        let disposition = format!("attachment; filename=\"{}\"", a.file_name.replace('"', "_"));
        let mut res = bytes.into_response();
        let h = res.headers_mut();
        h.insert(header::CONTENT_TYPE, HeaderValue::from_str(&a.content_type).unwrap_or(HeaderValue::from_static("application/octet-stream")));
        if let Ok(v) = HeaderValue::from_str(&disposition) {
            h.insert(header::CONTENT_DISPOSITION, v);
        }
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
        Ok(res)
    }
    .await;
    result.unwrap_or_else(|e| (e.status_code(), e.to_string()).into_response())
}

fn internal(e: impl std::fmt::Display) -> AppError {
    tracing::error!(error = %e, "attachment storage failed");
    AppError::Internal
}

fn rand_suffix() -> String {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    format!("{:016x}", OsRng.next_u64())
}

#[cfg(test)]
mod tests {
    use super::*;

    // covers: CASE-9
    #[test]
    fn types_come_from_content() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some("application/pdf"));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(sniff(b"MZ\x90\x00 an executable"), None);
        assert_eq!(sniff(b"\x7fELF"), None);
        assert_eq!(sniff(b""), None);
    }

    // covers: CASE-9
    #[test]
    fn names_are_sanitised() {
        assert_eq!(sanitize_file_name("../../etc/passwd"), "passwd");
        assert_eq!(sanitize_file_name("C:\\Users\\a\\Situationsplan Åby.pdf"), "Situationsplan Åby.pdf");
        assert_eq!(sanitize_file_name("a\"b<c>.pdf"), "a_b_c_.pdf");
        assert_eq!(sanitize_file_name(".hidden"), "hidden");
        assert_eq!(sanitize_file_name(""), "bilaga");
        assert_eq!(sanitize_file_name(&"x".repeat(300)).len(), 100);
    }
}

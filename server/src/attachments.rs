//! CASE-9: attachments on a case, received as multipart forms (see `forms`)
//! and handed to `cases::attach`, which decides under the case's lock; ADM-4:
//! an admin's evidence for a move to another company goes the same way.
use crate::forms::{answer, file_response, read_stored, receive_form, require_admin};
use app::error::AppError;
use app::server::auth::Caller;
use app::server::cases::{self, attachment_kind, load_visible, AttachmentPurpose};
use app::server::entities::case_attachment;
use app::server::{auth, AppState};
use axum::extract::{Multipart, Path, Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

pub use crate::forms::MAX_FILE_BYTES;

/// The kind may come in the address (API clients) or as a form field before the file.
#[derive(serde::Deserialize)]
pub struct UploadQuery {
    #[serde(default)]
    kind: Option<String>,
}

/// `?visa=1`: shown in the browser (CASE-12's preview) rather than saved.
#[derive(serde::Deserialize)]
pub struct ShowQuery {
    #[serde(default)]
    visa: Option<String>,
}

/// The types a browser may show of an attachment: images and PDF, whose
/// type was proven from the file's content when it arrived (CASE-9), so
/// nothing uploaded is ever run as a page. Other files stay downloads.
const SHOWN_IN_BROWSER: [&str; 3] = ["image/png", "image/jpeg", "application/pdf"];

fn show_in_browser(res: &mut Response, content_type: &str) {
    use axum::http::{header, HeaderValue};
    if !SHOWN_IN_BROWSER.contains(&content_type) {
        return;
    }
    let h = res.headers_mut();
    let inline = h
        .get(header::CONTENT_DISPOSITION)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.replacen("attachment", "inline", 1))
        .and_then(|v| HeaderValue::from_str(&v).ok());
    if let Some(v) = inline {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    // A page of the portal may show the image; the PDF viewer needs its plugin.
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; img-src 'self'; object-src 'self'; frame-ancestors 'none'"),
    );
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

type MultipartResult = Result<Multipart, axum::extract::multipart::MultipartRejection>;

/// CASE-9: the installer holding the case (or an admin acting for them) attaches a file.
pub async fn upload(
    State(state): State<AppState>,
    Path(case_id): Path<i32>,
    Query(query): Query<UploadQuery>,
    headers: HeaderMap,
    multipart: MultipartResult,
) -> Response {
    let result = async {
        let caller = auth::caller_from_headers(&state, &headers).await?.ok_or(AppError::Unauthenticated)?;
        receive(&state, &caller, case_id, AttachmentPurpose::CaseDocument, query.kind, multipart).await
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
    multipart: MultipartResult,
) -> Response {
    let result = async {
        // The admin themself, also while acting for an installer.
        let admin = Caller::as_self(require_admin(&state, &headers).await?);
        receive(&state, &admin, case_id, AttachmentPurpose::MoveEvidence, query.kind, multipart).await
    }
    .await;
    answer(&headers, result.map(saved), back_to_case(case_id))
}

/// Checks that the caller may attach to the case before reading the body,
/// receives one file, and attaches it (decided again under the case's lock).
async fn receive(
    state: &AppState,
    caller: &Caller,
    case_id: i32,
    purpose: AttachmentPurpose,
    kind: Option<String>,
    multipart: MultipartResult,
) -> Result<case_attachment::Model, AppError> {
    cases::check_may_attach(state, caller, case_id, purpose).await?;
    let mut form = receive_form(multipart, state).await?;
    let kind = attachment_kind(kind.or_else(|| form.fields.get("kind").cloned()).as_deref(), purpose)?;
    let file = form.take_file("file").ok_or_else(|| AppError::invalid("file", "Välj en fil att ladda upp."))?;
    cases::attach(state, caller, case_id, purpose, kind, &file).await
}

/// Downloads an attachment, for users who may see the case.
pub async fn download(
    State(state): State<AppState>,
    Path((case_id, attachment_id)): Path<(i32, i32)>,
    Query(shown): Query<ShowQuery>,
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
        let mut res = file_response(bytes, &a.content_type, &a.file_name);
        if shown.visa.is_some() {
            show_in_browser(&mut res, &a.content_type);
        }
        Ok(res)
    }
    .await;
    result.unwrap_or_else(|e| (e.status_code(), e.to_string()).into_response())
}

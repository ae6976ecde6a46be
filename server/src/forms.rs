//! Multipart forms that carry files (case attachments, support requests,
//! documents). Plain axum routes rather than server functions: server
//! functions' multipart handling panics on a missing boundary and has no size
//! limit. Text parts are collected with limits; each file is streamed to the
//! store's scratch folder while its size is counted, and its type is decided
//! by its first bytes — never by its name.
use app::domain::Role;
use app::error::AppError;
use app::server::entities::user::Model as User;
use app::server::{auth, AppState};
use app::server::storage::ReceivedFile;
use axum::extract::multipart::{Field, MultipartRejection};
use axum::extract::Multipart;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;
use tokio::io::AsyncWriteExt;

/// The largest file accepted.
pub const MAX_FILE_BYTES: u64 = 10 * 1024 * 1024;
const MAX_TEXT_CHARS: usize = 10_000;
const MAX_PARTS: usize = 60;

/// A form's text fields and files (by the name of their part).
#[derive(Default)]
pub struct ReceivedForm {
    pub fields: BTreeMap<String, String>,
    pub files: Vec<(String, ReceivedFile)>,
}

impl ReceivedForm {
    /// The file sent as `name`, if one was chosen.
    pub fn take_file(&mut self, name: &str) -> Option<ReceivedFile> {
        let at = self.files.iter().position(|(n, _)| n == name)?;
        Some(self.files.swap_remove(at).1)
    }
}

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

/// The next piece of a body, unless the sender stalls for `idle`.
async fn within<T, E>(idle: Duration, next: impl std::future::Future<Output = Result<T, E>>) -> Result<T, AppError> {
    match tokio::time::timeout(idle, next).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(_)) => Err(broken()),
        Err(_) => Err(AppError::invalid("file", "Uppladdningen avbröts eftersom inget kom fram på en stund. Försök igen.")),
    }
}

fn broken() -> AppError {
    AppError::invalid("file", "Filen kom inte fram hel. Försök igen.")
}

fn internal(e: impl std::fmt::Display) -> AppError {
    tracing::error!(error = %e, "receiving a file failed");
    AppError::Internal
}

/// Reads a whole multipart form. An empty file input (no file chosen) is
/// skipped, so a missing file is the caller's to report.
/// A sender that sends nothing for the state's `upload_idle_timeout` is
/// dropped, so a stalled upload holds no connection, file or lock.
pub async fn receive_form(multipart: Result<Multipart, MultipartRejection>, state: &AppState) -> Result<ReceivedForm, AppError> {
    let mut multipart = multipart.map_err(|_| AppError::invalid("file", "Välj en fil att ladda upp."))?;
    let idle = state.settings.upload_idle_timeout;
    let scratch_dir = state.attachments.scratch_dir();
    let mut form = ReceivedForm::default();
    for _ in 0..MAX_PARTS {
        let Some(field) = within(idle, multipart.next_field()).await? else {
            return Ok(form);
        };
        let name = field.name().unwrap_or("").chars().take(60).collect::<String>();
        match field.file_name().map(str::to_string) {
            Some(file_name) if !file_name.is_empty() => {
                if let Some(file) = receive_file(field, &file_name, &scratch_dir, idle).await? {
                    form.files.push((name, file));
                }
            }
            Some(_) => continue,
            None => {
                let text = within(idle, field.text()).await?;
                if text.contains('\0') {
                    return Err(AppError::invalid(&name, "Texten innehåller ett otillåtet tecken (NUL)."));
                }
                if text.chars().count() > MAX_TEXT_CHARS {
                    return Err(AppError::invalid(&name, format!("Högst {MAX_TEXT_CHARS} tecken.")));
                }
                form.fields.insert(name, text);
            }
        }
    }
    Err(AppError::BadRequest("Formuläret har för många delar.".into()))
}

/// Streams one file part to the scratch folder; `None` for an empty part.
async fn receive_file(mut field: Field<'_>, file_name: &str, scratch_dir: &Path, idle: Duration) -> Result<Option<ReceivedFile>, AppError> {
    let scratch = scratch_dir.join(format!("{}-{}", std::process::id(), &app::server::auth::new_token()[..16]));
    let mut out = tokio::fs::File::create(&scratch).await.map_err(internal)?;
    // From here the file is removed when dropped, whatever goes wrong.
    let mut file = ReceivedFile { scratch, file_name: sanitize_file_name(file_name), content_type: "", size: 0 };
    let mut head: Vec<u8> = Vec::with_capacity(16);
    while let Some(chunk) = within(idle, field.chunk()).await? {
        file.size += chunk.len() as u64;
        if file.size > MAX_FILE_BYTES {
            return Err(AppError::invalid("file", "Filen är för stor. En bilaga får vara högst 10 MB."));
        }
        if head.len() < 16 {
            head.extend(chunk.iter().take(16 - head.len()));
        }
        out.write_all(&chunk).await.map_err(internal)?;
    }
    out.flush().await.map_err(internal)?;
    if file.size == 0 {
        return Ok(None);
    }
    file.content_type = sniff(&head)
        .ok_or_else(|| AppError::invalid("file", "Filen måste vara en PDF, JPEG eller PNG (kontrolleras på innehållet, inte på namnet)."))?;
    Ok(Some(file))
}

fn wants_json(headers: &HeaderMap) -> bool {
    headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|a| a.contains("application/json"))
}

/// Answers a form route: API clients and the app's scripts get JSON and a
/// status; a plain form post (no scripts) is redirected to `back`, with the
/// outcome in the address.
pub fn answer<T: serde::Serialize>(headers: &HeaderMap, result: Result<T, AppError>, back: impl FnOnce(Result<(), String>) -> String) -> Response {
    if wants_json(headers) {
        return match result {
            Ok(v) => (StatusCode::OK, axum::Json(v)).into_response(),
            Err(e) => (e.status_code(), axum::Json(e)).into_response(),
        };
    }
    Redirect::to(&back(result.map(|_| ()).map_err(|e| urlencode(&e.to_string())))).into_response()
}

/// Answers a form route whose plain post (no scripts) should come back
/// like a server function's (UX-1): on success on to `next`; on failure back
/// to the page it came from, with the messages and what was typed (never a
/// password) in the sealed reply cookie rather than in the address.
pub fn answer_with_reply<T: serde::Serialize>(
    state: &AppState,
    headers: &HeaderMap,
    action: &str,
    typed: &BTreeMap<String, String>,
    result: Result<T, AppError>,
    next: impl FnOnce() -> String,
) -> Response {
    use app::components::form_reply::FormReply;
    if wants_json(headers) {
        return answer(headers, result, |_| String::new());
    }
    let (location, error) = match result {
        Ok(_) => (next(), None),
        Err(e) => {
            let back = headers
                .get(header::REFERER)
                .and_then(|r| crate::web::own_path(r.to_str().ok()?))
                .unwrap_or_else(next);
            (back, Some(e))
        }
    };
    let values = if error.is_some() { typed.iter().map(|(k, v)| (k.clone(), v.clone())).collect() } else { Vec::new() };
    let mut res = Redirect::to(&location).into_response();
    if let Some(cookie) = app::server::form_reply::reply_cookie(state, FormReply { action: action.to_string(), error, values }) {
        res.headers_mut().append(header::SET_COOKIE, cookie);
    }
    res
}

/// The person really logged in behind a form route (both factors given), whatever they act as.
pub async fn real_user(state: &AppState, headers: &HeaderMap) -> Result<Option<User>, AppError> {
    match auth::session_token(state, headers) {
        Some(token) => auth::real_user_for_token(state, &token).await,
        None => Ok(None),
    }
}

/// An admin behind a form route, or 401/403.
pub async fn require_admin(state: &AppState, headers: &HeaderMap) -> Result<User, AppError> {
    let user = real_user(state, headers).await?.ok_or(AppError::Unauthenticated)?;
    if user.role != Role::Admin {
        return Err(AppError::Forbidden);
    }
    Ok(user)
}

/// A stored file sent back for download: its proven type, its name, never cached.
pub fn file_response(bytes: Vec<u8>, content_type: &str, file_name: &str) -> Response {
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_str(content_type).unwrap_or(HeaderValue::from_static("application/octet-stream")));
    if let Ok(v) = HeaderValue::from_str(&format!("attachment; filename=\"{}\"", file_name.replace('"', "_"))) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    res
}

/// Reads a stored file: the store's failures are logged, the person sees a general error.
pub async fn read_stored(store: &dyn app::server::storage::AttachmentStore, key: &str) -> Result<Vec<u8>, AppError> {
    store.read(key).await.map_err(|e| {
        tracing::error!(error = %e, "reading a stored file failed");
        AppError::Internal
    })
}

pub fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
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

//! The form routes of ACC-7 and ACC-5/ACC-6/TEAM-8 that carry a document:
//! filing a support request (anyone), an admin creating an account or team
//! directly, and an admin reading a document.
use crate::forms::{answer_with_reply, file_response, read_stored, real_user, receive_form, require_admin};
use app::domain::support::SupportKind;
use app::domain::Role;
use app::error::AppError;
use app::server::support::{self, Created};
use app::server::AppState;
use axum::extract::{ConnectInfo, Multipart, Path, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use std::collections::BTreeMap;
use std::net::SocketAddr;

type MultipartResult = Result<Multipart, axum::extract::multipart::MultipartRejection>;

fn kind_from(fields: &BTreeMap<String, String>) -> Result<SupportKind, AppError> {
    fields
        .get("kind")
        .and_then(|k| SupportKind::from_code(k))
        .ok_or_else(|| AppError::invalid("kind", "Välj vad ärendet gäller."))
}

#[derive(serde::Serialize)]
struct Filed {
    id: i32,
    /// Where the requester follows the request.
    status_path: String,
}

/// ACC-7 `Ärende till support`: from the public pages or a logged-in installer.
pub async fn file_request(
    State(state): State<AppState>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    multipart: MultipartResult,
) -> Response {
    let mut typed = BTreeMap::new();
    let result = async {
        let requester = real_user(&state, &headers).await?;
        if requester.as_ref().is_some_and(|u| u.role != Role::Installer) {
            return Err(AppError::Forbidden);
        }
        let ip = app::server::throttle::client_address(peer.ip(), &headers, &state.settings.trusted_proxies).to_string();
        // Refused before the body is read.
        support::check_address_rate(&state, &ip).await?;
        let mut form = receive_form(multipart, &state).await?;
        typed = form.fields.clone();
        let kind = kind_from(&form.fields)?;
        let file = form.take_file("file");
        let (request, token) = support::file_request(&state, &ip, requester.as_ref(), kind, form.fields, file).await?;
        Ok(Filed { id: request.id, status_path: format!("/support/status/{token}") })
    }
    .await;
    let path = result.as_ref().map(|f| f.status_path.clone()).ok();
    answer_with_reply(&state, &headers, "/api/support/requests", &typed, result, move || {
        path.map(|p| format!("{p}?skickat=1")).unwrap_or_else(|| "/support".into())
    })
}

#[derive(serde::Serialize)]
struct CreatedAnswer {
    user_id: Option<i32>,
    team_id: Option<i32>,
}

impl From<Created> for CreatedAnswer {
    fn from(c: Created) -> Self {
        match c {
            Created::Account { user_id, team_id } => Self { user_id: Some(user_id), team_id },
            Created::Team { team_id } => Self { user_id: None, team_id: Some(team_id) },
            Created::Answered => Self { user_id: None, team_id: None },
        }
    }
}

/// ACC-5, ACC-6, TEAM-8: an admin creates an account or a team directly, with its document.
pub async fn create_manually(State(state): State<AppState>, headers: HeaderMap, multipart: MultipartResult) -> Response {
    let mut typed = BTreeMap::new();
    let result = async {
        let me = require_admin(&state, &headers).await?;
        let mut form = receive_form(multipart, &state).await?;
        typed = form.fields.clone();
        let kind = kind_from(&form.fields)?;
        let file = form.take_file("file");
        support::create_directly(&state, &me, kind, &form.fields, file.as_ref()).await.map(CreatedAnswer::from)
    }
    .await;
    answer_with_reply(&state, &headers, "/api/admin/manual", &typed, result, || "/admin/support?skapat=1".into())
}

/// A document of a request, an account or a team; for admins only.
pub async fn download_document(State(state): State<AppState>, Path(id): Path<i32>, headers: HeaderMap) -> Response {
    let result: Result<Response, AppError> = async {
        require_admin(&state, &headers).await?;
        let d = support::document(&state, id).await?;
        let bytes = read_stored(state.attachments.as_ref(), &d.storage_key).await?;
        Ok(file_response(bytes, &d.content_type, &d.file_name))
    }
    .await;
    result.unwrap_or_else(|e| (e.status_code(), e.to_string()).into_response())
}

//! ACC-7 `Ärende till support` and the admins' queue; ACC-5/ACC-6 setting the
//! password of a manually created account. Filing a request (it may carry a
//! document) is the form route `POST /api/support/requests`; an admin's direct
//! creation is `POST /api/admin/manual` (docs/api.md).
use crate::domain::support::{SupportKind, SupportStatus};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A request as its requester sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestSummary {
    pub id: i32,
    pub kind: SupportKind,
    pub status: SupportStatus,
    pub created_at: String,
    pub closed_at: Option<String>,
    /// The reason of a rejection, or the answer.
    pub decision_message: Option<String>,
}

/// A row of the admins' queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueRow {
    pub id: i32,
    pub kind: SupportKind,
    pub status: SupportStatus,
    pub requester_name: String,
    pub requester_email: String,
    pub created_at: String,
    pub handled_by: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Queue {
    pub rows: Vec<QueueRow>,
    pub total: u64,
    pub per_page: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentInfo {
    pub id: i32,
    pub kind_label: String,
    pub file_name: String,
    pub size_bytes: i64,
    pub url: String,
}

/// A request in full, for the admin handling it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestDetails {
    pub row: QueueRow,
    pub values: BTreeMap<String, String>,
    pub documents: Vec<DocumentInfo>,
    pub decision_message: Option<String>,
    /// What completing it created: `user:12`, `team:4`.
    pub outcome: Option<String>,
    /// Whether the requester was logged in (an installer) when filing.
    pub from_account: bool,
}

#[cfg(feature = "ssr")]
mod convert {
    use super::*;
    use crate::server::entities::support_request;
    use crate::server::support::{kind_of, status_of};

    use crate::api::shown_time as time;

    pub fn status(r: &support_request::Model) -> RequestSummary {
        RequestSummary {
            id: r.id,
            kind: kind_of(r),
            status: status_of(r),
            created_at: time(r.created_at),
            closed_at: r.closed_at.map(time),
            decision_message: r.decision_message.clone(),
        }
    }

    pub fn row(r: &support_request::Model, handled_by: Option<String>) -> QueueRow {
        QueueRow {
            id: r.id,
            kind: kind_of(r),
            status: status_of(r),
            requester_name: r.requester_name.clone(),
            requester_email: r.requester_email.clone(),
            created_at: time(r.created_at),
            handled_by,
        }
    }
}

/// The logged-in installer's own requests and where they stand.
#[server(endpoint = "support/mine")]
pub async fn my_requests() -> Result<Vec<RequestSummary>, AppError> {
    use crate::server::support;
    super::serve::with_caller(async |state, caller| {
        Ok(support::requests_of(&state, &caller).await?.iter().map(convert::status).collect())
    })
    .await
}

/// A request's status, for whoever holds its status link (no login needed).
#[server(endpoint = "support/status")]
pub async fn request_status(code: String) -> Result<RequestSummary, AppError> {
    use crate::server::support;
    super::serve::public(async |state| {
        Ok(convert::status(&support::by_status_token(&state, &code).await?))
    })
    .await
}

/// ACC-5, ACC-6: the installer of a manually created account chooses a password with the e-mailed link.
#[server(endpoint = "auth/set-password")]
pub async fn set_password(code: String, password: String, terms_version: String) -> Result<String, AppError> {
    use crate::server::support;
    super::serve::public(async |state| {
        let email = support::set_password_with_link(&state, &code, &password, &terms_version).await?.email;
        // Without scripts the form posted here itself: on to the login (UX-1).
        crate::server::form_reply::on_success_go("/logga-in");
        Ok(email)
    })
    .await
}

/// ACC-7: the admins' queue, open and in progress (oldest first) or closed (newest first).
#[server(endpoint = "admin/support/queue")]
pub async fn support_queue(closed: bool, page: crate::domain::PageNumber) -> Result<Queue, AppError> {
    use crate::server::support;
    super::serve::with_admin(async |state, _admin| {
        let (rows, total) = support::queue(&state, closed, page).await?;
        let names = crate::server::admin::names_of(&state, rows.iter().filter_map(|r| r.handled_by_user_id).collect()).await?;
        Ok(Queue {
            rows: rows.iter().map(|r| convert::row(r, r.handled_by_user_id.and_then(|h| names.get(&h).cloned()))).collect(),
            total,
            per_page: support::QUEUE_PAGE,
        })
    })
    .await
}

/// ACC-7: one request with its fields and documents.
#[server(endpoint = "admin/support/get")]
pub async fn support_request(id: i32) -> Result<RequestDetails, AppError> {
    use crate::server::support;
    super::serve::with_admin(async |state, _admin| {
        let (r, docs, handler) = support::request_with_documents(&state, id).await?;
        Ok(RequestDetails {
            row: convert::row(&r, handler),
            values: support::details_of(&r),
            documents: docs
                .into_iter()
                .map(|d| DocumentInfo {
                    id: d.id,
                    kind_label: d.kind.label().to_string(),
                    file_name: d.file_name,
                    size_bytes: d.size_bytes,
                    url: format!("/api/admin/documents/{}", d.id),
                })
                .collect(),
            decision_message: r.decision_message.clone(),
            outcome: r.outcome.clone(),
            from_account: r.requester_user_id.is_some(),
        })
    })
    .await
}

/// ACC-7: an admin takes a request.
#[server(endpoint = "admin/support/take")]
pub async fn take_request(id: i32) -> Result<(), AppError> {
    use crate::server::support;
    super::serve::with_admin(async |state, me| {
        support::take(&state, &me, id).await
    })
    .await
}

/// ACC-7: rejects a request with a reason the requester sees.
#[server(endpoint = "admin/support/reject")]
pub async fn reject_request(id: i32, reason: String) -> Result<(), AppError> {
    use crate::server::support;
    super::serve::with_admin(async |state, me| {
        support::reject(&state, &me, id, &reason).await
    })
    .await
}

/// ACC-7: completes a request — creates the account or team from the
/// (corrected) values with the request's document, or answers a question.
/// Returns what was created: `user:12`, `team:4`, or nothing.
#[server(endpoint = "admin/support/complete", input = server_fn::codec::Json)]
pub async fn complete_request(id: i32, values: BTreeMap<String, String>, message: String) -> Result<Option<String>, AppError> {
    use crate::server::support::{self, Created};
    
    super::serve::with_admin(async |state, me| {
        Ok(match support::complete(&state, &me, id, values, &message).await? {
            Created::Account { user_id, .. } => Some(format!("user:{user_id}")),
            Created::Team { team_id } => Some(format!("team:{team_id}")),
            Created::Answered => None,
        })
    })
    .await
}

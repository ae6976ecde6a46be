//! `/api/notifications/…` (CASE-15): the caller's case news, read or not.
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationRow {
    pub id: i32,
    pub at: String,
    pub message: String,
    pub case_id: Option<i32>,
    pub read: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotificationList {
    pub rows: Vec<NotificationRow>,
    pub total: u64,
    pub unread: u64,
    pub per_page: u64,
}

/// Unread news is counted on every page (the menu's badge) only up to this
/// many: a person who never reads them would otherwise make every page count
/// tens of thousands of rows (issue 13). The `Notiser` page counts them all.
pub const UNREAD_COUNTED_UP_TO: u64 = 100;

/// The badge for `unread` notifications counted up to [`UNREAD_COUNTED_UP_TO`].
pub fn unread_badge(unread: u64) -> String {
    if unread >= UNREAD_COUNTED_UP_TO { format!("{}+", UNREAD_COUNTED_UP_TO - 1) } else { unread.to_string() }
}

/// CASE-15: the caller's notifications, newest first.
#[server(endpoint = "notifications/list")]
pub async fn my_notifications(#[server(default)] page: crate::domain::PageNumber) -> Result<NotificationList, AppError> {
    use crate::server::notifications;
    super::serve::with_caller(async |state, caller| {
        let (rows, total, unread) = notifications::page_of(&state, caller.id(), page).await?;
        Ok(NotificationList {
            rows: rows
                .into_iter()
                .map(|n| NotificationRow {
                    id: n.id,
                    at: crate::api::shown_time(n.created_at),
                    message: n.message,
                    case_id: n.case_id,
                    read: n.read_at.is_some(),
                })
                .collect(),
            total,
            unread,
            per_page: notifications::PAGE,
        })
    })
    .await
}

/// CASE-15: how many of the caller's notifications are unread.
#[server(endpoint = "notifications/unread")]
pub async fn unread_notifications() -> Result<u64, AppError> {
    super::serve::with_caller(async |state, caller| crate::server::notifications::unread_up_to(&state.db, caller.id(), UNREAD_COUNTED_UP_TO).await).await
}

/// CASE-15: marks one notification (`id`) or all of the caller's as read.
/// Customer service acting for an installer reads along but leaves the
/// installer's news unread.
#[server(endpoint = "notifications/read")]
pub async fn mark_notifications_read(#[server(default)] id: Option<i32>) -> Result<u64, AppError> {
    super::serve::with_caller(async |state, caller| {
        if caller.acting_admin.is_some() {
            return Err(AppError::Forbidden);
        }
        crate::server::notifications::mark_read(&state, caller.id(), id).await
    })
    .await
}

//! Writes to the append-only audit log (ADM-5). There is deliberately no
//! function here that updates or deletes an entry.
use super::entities::audit_log;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, DbErr, Set};

/// One thing that happened, by whom, to what.
pub struct AuditEntry<'a> {
    pub actor_user_id: Option<i32>,
    pub on_behalf_of_user_id: Option<i32>,
    pub action: &'a str,
    pub subject: String,
    pub details: serde_json::Value,
}

impl<'a> AuditEntry<'a> {
    /// Something a caller did. ADM-2: while an admin acts for an installer,
    /// the admin did it, on the installer's behalf; both are kept.
    pub fn by(caller: &super::auth::Caller, action: &'a str, subject: String, details: serde_json::Value) -> Self {
        let (actor, on_behalf) = caller.recorded_as();
        Self { actor_user_id: Some(actor), on_behalf_of_user_id: on_behalf, action, subject, details }
    }
}

pub async fn record(db: &impl ConnectionTrait, at: DateTime<Utc>, entry: AuditEntry<'_>) -> Result<(), DbErr> {
    row(at, entry).insert(db).await?;
    Ok(())
}

/// An entry as a row to insert (many at once, for bulk changes).
pub fn row(at: DateTime<Utc>, entry: AuditEntry<'_>) -> audit_log::ActiveModel {
    audit_log::ActiveModel {
        at: Set(at),
        actor_user_id: Set(entry.actor_user_id),
        on_behalf_of_user_id: Set(entry.on_behalf_of_user_id),
        action: Set(entry.action.to_string()),
        subject: Set(entry.subject),
        details: Set(entry.details.to_string()),
        ..Default::default()
    }
}

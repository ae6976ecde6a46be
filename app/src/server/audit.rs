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

pub async fn record(db: &impl ConnectionTrait, at: DateTime<Utc>, entry: AuditEntry<'_>) -> Result<(), DbErr> {
    let entry = attribute(entry);
    audit_log::ActiveModel {
        at: Set(at),
        actor_user_id: Set(entry.actor_user_id),
        on_behalf_of_user_id: Set(entry.on_behalf_of_user_id),
        action: Set(entry.action.to_string()),
        subject: Set(entry.subject),
        details: Set(entry.details.to_string()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// ADM-2: a change made while an admin acts for an installer is the admin's,
/// on the installer's behalf; both are kept.
fn attribute(entry: AuditEntry<'_>) -> AuditEntry<'_> {
    match super::auth::acting_admin() {
        Some(admin) if entry.on_behalf_of_user_id.is_none() && entry.actor_user_id != Some(admin.admin_id) => AuditEntry {
            on_behalf_of_user_id: entry.actor_user_id,
            actor_user_id: Some(admin.admin_id),
            ..entry
        },
        _ => entry,
    }
}

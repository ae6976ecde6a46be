//! CASE-11: e-mail is never sent inside a request; it is queued here, in the
//! same transaction as the change it tells about, and the outbox worker
//! delivers it.
use super::entities::outbox;
use crate::error::AppError;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

pub async fn queue(db: &impl ConnectionTrait, at: DateTime<Utc>, to_email: &str, subject: String, body: String) -> Result<(), AppError> {
    outbox::ActiveModel {
        to_email: Set(to_email.to_string()),
        subject: Set(subject),
        body: Set(body),
        created_at: Set(at),
        attempts: Set(0),
        next_attempt_at: Set(at),
        sent_at: Set(None),
        last_error: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

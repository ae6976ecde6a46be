//! CASE-11: e-mail is never sent inside a request; it is queued here, in the
//! same transaction as the change it tells about, and the outbox worker
//! delivers it.
use super::entities::outbox;
use crate::error::AppError;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ConnectionTrait, Set};

pub async fn queue(db: &impl ConnectionTrait, at: DateTime<Utc>, to_email: &str, subject: String, body: String) -> Result<(), AppError> {
    message(at, to_email, subject, body).insert(db).await?;
    Ok(())
}

/// A message as a row to insert (many at once, for bulk changes).
pub fn message(at: DateTime<Utc>, to_email: &str, subject: String, body: String) -> outbox::ActiveModel {
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
}

/// An admin asks for a message that has not gone out yet (its last try
/// failed, or it waits for the next) to be tried again at once.
pub async fn retry_now(db: &impl ConnectionTrait, at: DateTime<Utc>, id: i32) -> Result<outbox::Model, AppError> {
    use sea_orm::EntityTrait;
    let m = outbox::Entity::find_by_id(id).one(db).await?.ok_or_else(|| AppError::NotFound(said!(server_errors.message_not_found).into()))?;
    if m.sent_at.is_some() {
        return Err(AppError::conflict("id", said!(server_errors.message_sent)));
    }
    let mut again: outbox::ActiveModel = m.into();
    again.next_attempt_at = Set(at);
    Ok(again.update(db).await?)
}

/// A sent message's text with its secrets taken out: the one-time links and
/// status codes in it (64 hex digits, `auth::new_token`) are only for the
/// recipient, and the link tables keep nothing but their hashes (ACC-5…ACC-7).
pub fn redact_secrets(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String| {
        if run.len() >= 32 {
            out.push_str("[borttaget efter utskick]");
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in body.chars() {
        if c.is_ascii_hexdigit() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    // covers: ACC-7
    #[test]
    fn links_are_taken_out_of_sent_messages() {
        let token = "a".repeat(64);
        let body = format!("Välj lösenord: https://portal.example/satt-losenord/{token}\nÄrende IW-000123, 2026-11-28.");
        let redacted = super::redact_secrets(&body);
        assert!(!redacted.contains(&token), "{redacted}");
        assert!(redacted.contains("[borttaget efter utskick]") && redacted.contains("IW-000123") && redacted.contains("2026-11-28"));
    }
}

//! CASE-11: delivers the outbox. Messages are written in the same
//! transaction as the change they tell of; this worker sends them over SMTP
//! when `SMTP_URL` is set, retrying with backoff, and marks them sent. Without
//! SMTP they stay in the outbox (nothing is lost) for admins to see.
use app::server::entities::outbox;
use app::server::state::Shutdown;
use chrono::{DateTime, Duration, Utc};
use lettre::message::{header::ContentType, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect};

/// Something that sends one e-mail.
#[async_trait::async_trait]
pub trait MailTransport: Send + Sync {
    async fn send(&self, to: &str, subject: &str, body: &str) -> Result<(), String>;
}

/// SMTP through lettre, from `SMTP_URL` (`smtp://host:port`, plain SMTP as
/// offered by an internal relay).
pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Smtp {
    pub fn from_url(url: &str, from: &str) -> Result<Self, String> {
        let rest = url.strip_prefix("smtp://").ok_or("SMTP_URL ska börja med smtp://")?;
        let (host, port) = match rest.trim_end_matches('/').rsplit_once(':') {
            Some((h, p)) => (h.to_string(), p.parse::<u16>().map_err(|_| "SMTP_URL har ett ogiltigt portnummer")?),
            None => (rest.trim_end_matches('/').to_string(), 25),
        };
        let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(port)
            .timeout(Some(std::time::Duration::from_secs(15)))
            .build();
        let from = from.parse::<Mailbox>().map_err(|e| format!("MAIL_FROM är ogiltig: {e}"))?;
        Ok(Self { transport, from })
    }
}

#[async_trait::async_trait]
impl MailTransport for Smtp {
    async fn send(&self, to: &str, subject: &str, body: &str) -> Result<(), String> {
        let to: Mailbox = to.parse().map_err(|e| format!("ogiltig mottagare: {e}"))?;
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body.to_string())
            .map_err(|e| e.to_string())?;
        self.transport.send(message).await.map(drop).map_err(|e| e.to_string())
    }
}

/// How long to wait before the next try: 1, 2, 4 … minutes, at most an hour.
pub fn backoff(attempts: i32) -> Duration {
    Duration::minutes(1i64 << attempts.clamp(0, 6)).min(Duration::hours(1))
}

/// Sends what is due. Each message is first claimed by moving its next
/// attempt into the future, so two instances never both send it.
pub async fn deliver_due(db: &DatabaseConnection, mail: &dyn MailTransport, now: DateTime<Utc>) -> Result<usize, DbErr> {
    deliver_due_until(db, mail, now, &Shutdown::new()).await
}

/// [`deliver_due`], stopping before the next message once `stop` is
/// cancelled: the message being sent is finished and marked, none is left
/// claimed and unsent.
pub async fn deliver_due_until(db: &DatabaseConnection, mail: &dyn MailTransport, now: DateTime<Utc>, stop: &Shutdown) -> Result<usize, DbErr> {
    let due = outbox::Entity::find()
        .filter(outbox::Column::SentAt.is_null())
        .filter(outbox::Column::NextAttemptAt.lte(now))
        .order_by_asc(outbox::Column::Id)
        .limit(20)
        .all(db)
        .await?;
    let mut sent = 0;
    for m in due {
        if stop.is_cancelled() {
            break;
        }
        let claimed = outbox::Entity::update_many()
            .col_expr(outbox::Column::NextAttemptAt, Expr::value(now + Duration::minutes(10)))
            .filter(outbox::Column::Id.eq(m.id))
            .filter(outbox::Column::NextAttemptAt.eq(m.next_attempt_at))
            .filter(outbox::Column::SentAt.is_null())
            .exec(db)
            .await?;
        if claimed.rows_affected == 0 {
            continue;
        }
        match mail.send(&m.to_email, &m.subject, &m.body).await {
            Ok(()) => {
                // Sent: the one-time links in it are the recipient's alone now.
                outbox::Entity::update_many()
                    .col_expr(outbox::Column::Body, Expr::value(app::server::outbox::redact_secrets(&m.body)))
                    .col_expr(outbox::Column::SentAt, Expr::value(Some(now)))
                    .col_expr(outbox::Column::Attempts, Expr::value(m.attempts + 1))
                    .col_expr(outbox::Column::LastError, Expr::value(None::<String>))
                    .filter(outbox::Column::Id.eq(m.id))
                    .exec(db)
                    .await?;
                sent += 1;
            }
            Err(e) => {
                tracing::warn!(id = m.id, error = %e, "could not send a notification; will retry");
                outbox::Entity::update_many()
                    .col_expr(outbox::Column::Attempts, Expr::value(m.attempts + 1))
                    .col_expr(outbox::Column::NextAttemptAt, Expr::value(now + backoff(m.attempts)))
                    .col_expr(outbox::Column::LastError, Expr::value(Some(e.chars().take(1000).collect::<String>())))
                    .filter(outbox::Column::Id.eq(m.id))
                    .exec(db)
                    .await?;
            }
        }
    }
    Ok(sent)
}

/// Runs `deliver_due` every few seconds until `stop`; the handle ends once
/// the message in hand (if any) is delivered and marked.
pub fn spawn_worker(db: DatabaseConnection, mail: std::sync::Arc<dyn MailTransport>, stop: Shutdown) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(5));
        loop {
            tokio::select! {
                _ = tick.tick() => {}
                _ = stop.cancelled() => return,
            }
            if let Err(e) = deliver_due_until(&db, mail.as_ref(), Utc::now(), &stop).await {
                tracing::warn!(error = %e, "outbox delivery failed");
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_stops_at_an_hour() {
        assert_eq!(backoff(0), Duration::minutes(1));
        assert_eq!(backoff(3), Duration::minutes(8));
        assert_eq!(backoff(10), Duration::hours(1));
    }
}

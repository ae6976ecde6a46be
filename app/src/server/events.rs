//! Server push (TEAM-9): tells a user's open pages that something they show
//! has changed, so they refetch without a reload. On PostgreSQL the events go
//! through LISTEN/NOTIFY, so every server instance hears every event; on
//! SQLite (one process) they stay in memory.
use sea_orm::sqlx::postgres::PgListener;
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement};
use serde::{Deserialize, Serialize};
use std::time::Duration;
use tokio::sync::broadcast;

const CHANNEL: &str = "iw_events";

/// What changed. Pages refetch what depends on it; the event carries no data,
/// so a page never shows anything its user could not fetch anyway.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKind {
    /// Team membership, ownership or details.
    TeamsChanged,
    /// A case the user holds, or their unit handles, changed (CASE-15).
    CasesChanged,
    /// Sessions of the user ended (logout, password change): open streams
    /// check their own session and close if it is gone.
    SessionsEnded,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserEvent {
    pub user_ids: Vec<i32>,
    pub kind: EventKind,
}

#[derive(Clone)]
pub struct Events {
    local: broadcast::Sender<UserEvent>,
    postgres: Option<DatabaseConnection>,
}

impl Events {
    /// Events within this process only.
    pub fn in_process() -> Self {
        Self { local: broadcast::channel(1024).0, postgres: None }
    }

    /// The fan-out that suits the database: LISTEN/NOTIFY on PostgreSQL.
    pub fn for_database(db: &DatabaseConnection) -> Self {
        let mut events = Self::in_process();
        if db.get_database_backend() == DatabaseBackend::Postgres {
            events.postgres = Some(db.clone());
            let local = events.local.clone();
            let db = db.clone();
            tokio::spawn(async move { listen(db, local).await });
        }
        events
    }

    /// Publishes after the change is committed.
    pub async fn publish(&self, event: UserEvent) {
        match &self.postgres {
            Some(db) => {
                let payload = serde_json::to_string(&event).unwrap_or_default();
                let sent = db
                    .execute_raw(Statement::from_sql_and_values(
                        DatabaseBackend::Postgres,
                        "SELECT pg_notify($1, $2)",
                        [CHANNEL.into(), payload.into()],
                    ))
                    .await;
                if let Err(e) = sent {
                    // The change itself is committed; pages catch up when they reconnect.
                    tracing::warn!(error = %e, "could not publish an event");
                }
            }
            None => {
                let _ = self.local.send(event);
            }
        }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<UserEvent> {
        self.local.subscribe()
    }
}

/// Forwards NOTIFY payloads to this instance's subscribers, reconnecting
/// after a lost connection.
async fn listen(db: DatabaseConnection, local: broadcast::Sender<UserEvent>) {
    loop {
        let pool = db.get_postgres_connection_pool().clone();
        match PgListener::connect_with(&pool).await {
            Ok(mut listener) => {
                if let Err(e) = listener.listen(CHANNEL).await {
                    tracing::warn!(error = %e, "LISTEN failed");
                } else {
                    loop {
                        match listener.recv().await {
                            Ok(note) => {
                                if let Ok(event) = serde_json::from_str::<UserEvent>(note.payload()) {
                                    let _ = local.send(event);
                                }
                            }
                            Err(e) => {
                                tracing::warn!(error = %e, "event listener lost its connection");
                                break;
                            }
                        }
                    }
                }
            }
            Err(e) => tracing::warn!(error = %e, "event listener could not connect"),
        }
        tokio::time::sleep(Duration::from_secs(2)).await;
    }
}

//! Server push (TEAM-9): tells a user's open pages that something they show
//! has changed, so they refetch without a reload. On PostgreSQL the events go
//! through LISTEN/NOTIFY, so every server instance hears every event; on
//! SQLite (one process) they stay in memory.
use sea_orm::sqlx::postgres::PgListener;
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
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
    heard: Arc<Mutex<Heard>>,
}

/// A page's event stream starts with `hello` (refetch everything) only when
/// something may have changed since the page was rendered: a freshly loaded
/// page would otherwise fetch its data twice. Anything this instance cannot
/// vouch for counts as changed.
struct Heard {
    /// Since when this instance has heard every event: its start, or on
    /// PostgreSQL the moment its listener last began to listen. `None` while
    /// it is not listening.
    complete_since: Option<SystemTime>,
    /// When an event for each user last arrived, within `REMEMBERED`.
    last_for_user: HashMap<i32, SystemTime>,
    /// `last_for_user`'s size at which old entries are dropped next.
    prune_at: usize,
}

/// How long a page's render time is trusted; an older page gets a `hello`.
const REMEMBERED: Duration = Duration::from_secs(600);
/// Server instances' clocks may differ by up to this much.
const CLOCK_SKEW: Duration = Duration::from_secs(2);
const PRUNE_AT_LEAST: usize = 4096;

impl Heard {
    fn new(complete_since: Option<SystemTime>) -> Self {
        Self { complete_since, last_for_user: HashMap::new(), prune_at: PRUNE_AT_LEAST }
    }

    fn record(&mut self, event: &UserEvent, now: SystemTime) {
        if event.kind == EventKind::SessionsEnded {
            return;
        }
        for user_id in &event.user_ids {
            self.last_for_user.insert(*user_id, now);
        }
        if self.last_for_user.len() >= self.prune_at {
            // Entries older than any render time still trusted decide nothing.
            let forgotten = now.checked_sub(REMEMBERED + CLOCK_SKEW).unwrap_or(UNIX_EPOCH);
            self.last_for_user.retain(|_, at| *at >= forgotten);
            self.prune_at = (self.last_for_user.len() * 2).max(PRUNE_AT_LEAST);
        }
    }

    fn changed_since(&self, user_id: i32, rendered_at: Option<SystemTime>, now: SystemTime) -> bool {
        let Some(rendered_at) = rendered_at else { return true };
        let trusted_from = now.checked_sub(REMEMBERED).unwrap_or(UNIX_EPOCH);
        if rendered_at < trusted_from || rendered_at > now + CLOCK_SKEW {
            return true;
        }
        let from = rendered_at.checked_sub(CLOCK_SKEW).unwrap_or(UNIX_EPOCH);
        match self.complete_since {
            Some(complete) if complete <= from => {}
            _ => return true,
        }
        self.last_for_user.get(&user_id).is_some_and(|at| *at >= from)
    }
}

/// The time a page is stamped with when rendered, in milliseconds since
/// 1970; its event stream sends it back (`/api/events?since=`).
pub fn render_stamp() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
}

impl Events {
    /// Events within this process only.
    pub fn in_process() -> Self {
        Self {
            local: broadcast::channel(1024).0,
            postgres: None,
            heard: Arc::new(Mutex::new(Heard::new(Some(SystemTime::now())))),
        }
    }

    /// The fan-out that suits the database: LISTEN/NOTIFY on PostgreSQL.
    pub fn for_database(db: &DatabaseConnection) -> Self {
        let mut events = Self::in_process();
        if db.get_database_backend() == DatabaseBackend::Postgres {
            events.postgres = Some(db.clone());
            // Other instances' events are heard only once the listener listens.
            events.heard_lock().complete_since = None;
            let listening = events.clone();
            let db = db.clone();
            tokio::spawn(async move { listen(db, listening).await });
        }
        events
    }

    fn heard_lock(&self) -> std::sync::MutexGuard<'_, Heard> {
        // The map holds no invariant a panic elsewhere could have broken.
        self.heard.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Hands an event to this instance's open streams, remembering it first,
    /// so a stream that subscribes and then asks `changed_since` misses nothing.
    fn deliver(&self, event: UserEvent) {
        self.heard_lock().record(&event, SystemTime::now());
        let _ = self.local.send(event);
    }

    /// Whether `user_id`'s page, rendered at `rendered_at` (milliseconds, see
    /// `render_stamp`), may show something that has changed since. Ask after
    /// subscribing.
    pub fn changed_since(&self, user_id: i32, rendered_at: Option<u64>) -> bool {
        let rendered_at = rendered_at.and_then(|ms| UNIX_EPOCH.checked_add(Duration::from_millis(ms)));
        self.heard_lock().changed_since(user_id, rendered_at, SystemTime::now())
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
            None => self.deliver(event),
        }
    }

    pub fn subscribe(&self) -> broadcast::Receiver<UserEvent> {
        self.local.subscribe()
    }
}

/// Forwards NOTIFY payloads to this instance's subscribers, reconnecting
/// after a lost connection.
async fn listen(db: DatabaseConnection, events: Events) {
    loop {
        let pool = db.get_postgres_connection_pool().clone();
        match PgListener::connect_with(&pool).await {
            Ok(mut listener) => {
                if let Err(e) = listener.listen(CHANNEL).await {
                    tracing::warn!(error = %e, "LISTEN failed");
                } else {
                    events.heard_lock().complete_since = Some(SystemTime::now());
                    loop {
                        match listener.recv().await {
                            Ok(note) => {
                                if let Ok(event) = serde_json::from_str::<UserEvent>(note.payload()) {
                                    events.deliver(event);
                                }
                            }
                            Err(e) => {
                                tracing::warn!(error = %e, "event listener lost its connection");
                                // What is sent until it listens again is not heard.
                                events.heard_lock().complete_since = None;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: u64) -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_000_000 + seconds)
    }

    fn cases_of(user_ids: Vec<i32>) -> UserEvent {
        UserEvent { user_ids, kind: EventKind::CasesChanged }
    }

    // covers: TEAM-9
    #[test]
    fn a_page_is_told_to_refetch_only_when_its_user_had_news_since_its_render() {
        let mut heard = Heard::new(Some(at(0)));
        heard.record(&cases_of(vec![7]), at(100));
        // Rendered well after the news, and nothing since: nothing to refetch.
        assert!(!heard.changed_since(7, Some(at(110)), at(120)));
        assert!(!heard.changed_since(8, Some(at(50)), at(120)), "someone else's news");
        // Rendered before the news, or within the clocks' skew of it.
        assert!(heard.changed_since(7, Some(at(90)), at(120)));
        assert!(heard.changed_since(7, Some(at(101)), at(120)));
        // No render time, one from the future, or one older than is remembered.
        assert!(heard.changed_since(8, None, at(120)));
        assert!(heard.changed_since(8, Some(at(130)), at(120)));
        assert!(heard.changed_since(8, Some(at(100)), at(100) + REMEMBERED + Duration::from_secs(1)));
        // Session ends are no news to a page.
        heard.record(&UserEvent { user_ids: vec![8], kind: EventKind::SessionsEnded }, at(115));
        assert!(!heard.changed_since(8, Some(at(110)), at(120)));
    }

    // covers: TEAM-9
    #[test]
    fn what_happened_while_the_instance_was_not_listening_counts_as_changed() {
        let started = Heard::new(Some(at(100)));
        assert!(started.changed_since(7, Some(at(99)), at(120)), "rendered before this instance started");
        assert!(!started.changed_since(7, Some(at(110)), at(120)));
        let deaf = Heard::new(None);
        assert!(deaf.changed_since(7, Some(at(110)), at(120)));
    }

    #[test]
    fn old_news_is_forgotten_but_recent_news_kept() {
        let mut heard = Heard::new(Some(at(0)));
        let old: Vec<i32> = (0..PRUNE_AT_LEAST as i32 - 1).collect();
        heard.record(&cases_of(old), at(0));
        let later = at(0) + REMEMBERED + CLOCK_SKEW + Duration::from_secs(10);
        heard.record(&cases_of(vec![-1]), later);
        assert_eq!(heard.last_for_user.len(), 1);
        assert!(heard.changed_since(-1, Some(later - Duration::from_secs(1)), later));
    }
}

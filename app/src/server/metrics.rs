//! What an operator's monitoring watches (issue 16): requests and their
//! latency per route, the database pool, the outbox backlog, login failures
//! and throttles, open event streams. Kept in one process-wide registry (a
//! Prometheus client's counters are atomics; one set per process is what a
//! scraper expects) and written out in the OpenMetrics text format.
use crate::server::entities::outbox;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QuerySelect};
use std::sync::atomic::AtomicU64;
use std::sync::LazyLock;

/// The content type of [`render`]'s text.
pub const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

/// One kind of request: the route as the router knows it (`/arenden/{id}`,
/// never the concrete address, so the number of series stays bounded).
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RouteLabels {
    pub method: String,
    pub route: String,
}

/// A finished request: its route and the class of its status (`2xx`, `4xx`…).
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RequestLabels {
    pub method: String,
    pub route: String,
    pub status: String,
}

type LatencyFamily = Family<RouteLabels, Histogram, fn() -> Histogram>;

pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: LatencyFamily,
    login_failures: Counter,
    login_throttled: Counter,
    event_streams: Gauge,
    pool_connections: Gauge,
    pool_idle: Gauge,
    pool_max: Gauge,
    outbox_unsent: Gauge,
    outbox_oldest_unsent_seconds: Gauge<f64, AtomicU64>,
}

fn latency_histogram() -> Histogram {
    // 1 ms to ~16 s, doubling.
    Histogram::new(exponential_buckets(0.001, 2.0, 15))
}

impl Metrics {
    fn new() -> Self {
        let mut registry = Registry::with_prefix("installatorswebben");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register("http_requests", "Answered HTTP requests by route and status class", requests.clone());
        let latency: LatencyFamily = Family::new_with_constructor(latency_histogram);
        registry.register("http_request_duration_seconds", "Time to answer an HTTP request, by route", latency.clone());
        let login_failures = Counter::default();
        registry.register("login_failures", "Logins refused for a wrong username or password", login_failures.clone());
        let login_throttled = Counter::default();
        registry.register("login_throttled", "Logins refused because of too many recent attempts (ACC-4)", login_throttled.clone());
        let event_streams = Gauge::default();
        registry.register("event_streams_open", "Open server-sent event streams (live updates)", event_streams.clone());
        let pool_connections = Gauge::default();
        registry.register("db_pool_connections", "Database connections open in the pool", pool_connections.clone());
        let pool_idle = Gauge::default();
        registry.register("db_pool_idle_connections", "Open database connections not in use", pool_idle.clone());
        let pool_max = Gauge::default();
        registry.register("db_pool_max_connections", "The pool's limit (DATABASE_MAX_CONNECTIONS)", pool_max.clone());
        let outbox_unsent = Gauge::default();
        registry.register("outbox_unsent", "Messages in the outbox not yet delivered", outbox_unsent.clone());
        let outbox_oldest_unsent_seconds = Gauge::<f64, AtomicU64>::default();
        registry.register(
            "outbox_oldest_unsent_age_seconds",
            "How long the oldest undelivered message has waited (0 when none waits)",
            outbox_oldest_unsent_seconds.clone(),
        );
        Self {
            registry,
            requests,
            latency,
            login_failures,
            login_throttled,
            event_streams,
            pool_connections,
            pool_idle,
            pool_max,
            outbox_unsent,
            outbox_oldest_unsent_seconds,
        }
    }
}

static METRICS: LazyLock<Metrics> = LazyLock::new(Metrics::new);

/// A request has been answered.
pub fn record_request(method: &str, route: &str, status: u16, seconds: f64) {
    let route = route.to_string();
    METRICS
        .requests
        .get_or_create(&RequestLabels { method: method.to_string(), route: route.clone(), status: format!("{}xx", status / 100) })
        .inc();
    METRICS.latency.get_or_create(&RouteLabels { method: method.to_string(), route }).observe(seconds);
}

pub fn login_failed() {
    METRICS.login_failures.inc();
}

pub fn login_throttled() {
    METRICS.login_throttled.inc();
}

/// Counts an open event stream for as long as it is held.
pub struct OpenStream(());

impl OpenStream {
    pub fn open() -> Self {
        METRICS.event_streams.inc();
        Self(())
    }
}

impl Drop for OpenStream {
    fn drop(&mut self) {
        METRICS.event_streams.dec();
    }
}

/// The metrics as text, with the gauges that are read rather than counted
/// (pool, outbox) read now.
pub async fn render(db: &DatabaseConnection, now: chrono::DateTime<chrono::Utc>) -> Result<String, crate::error::AppError> {
    let (open, idle, max) = pool_use(db);
    METRICS.pool_connections.set(open);
    METRICS.pool_idle.set(idle);
    METRICS.pool_max.set(max);
    let (unsent, oldest): (i64, Option<chrono::DateTime<chrono::Utc>>) = outbox::Entity::find()
        .select_only()
        .column_as(outbox::Column::Id.count(), "unsent")
        .column_as(outbox::Column::CreatedAt.min(), "oldest")
        .filter(outbox::Column::SentAt.is_null())
        .into_tuple()
        .one(db)
        .await?
        .unwrap_or((0, None));
    METRICS.outbox_unsent.set(unsent);
    let age = oldest.map_or(0.0, |at| (now - at).num_milliseconds().max(0) as f64 / 1000.0);
    METRICS.outbox_oldest_unsent_seconds.set(age);
    let mut text = String::new();
    prometheus_client::encoding::text::encode(&mut text, &METRICS.registry).map_err(|_| crate::error::AppError::Internal)?;
    Ok(text)
}

/// Connections open, idle, and the limit.
fn pool_use(db: &DatabaseConnection) -> (i64, i64, i64) {
    match db.get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => {
            let pool = db.get_postgres_connection_pool();
            (pool.size() as i64, pool.num_idle() as i64, pool.options().get_max_connections() as i64)
        }
        sea_orm::DatabaseBackend::Sqlite => {
            let pool = db.get_sqlite_connection_pool();
            (pool.size() as i64, pool.num_idle() as i64, pool.options().get_max_connections() as i64)
        }
        _ => (0, 0, 0),
    }
}

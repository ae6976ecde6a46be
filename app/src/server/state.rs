use super::events::Events;
use super::registers::Registers;
use axum::extract::FromRef;
use chrono::{DateTime, Utc};
use leptos::prelude::LeptosOptions;
use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// Where "now" comes from; tests inject a fixed or advanced clock.
pub trait Clock: Send + Sync {
    fn now(&self) -> DateTime<Utc>;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// Settings the request handlers need.
#[derive(Clone, Debug)]
pub struct WebSettings {
    /// Mark the session cookie `Secure` (on whenever the site is served over HTTPS).
    pub secure_cookies: bool,
    /// The address people reach the portal at, for links in e-mails (`PUBLIC_URL`).
    pub public_url: String,
    /// How long an upload may send nothing before it is dropped.
    pub upload_idle_timeout: std::time::Duration,
    /// Proxies whose `X-Forwarded-For` names the client (`TRUSTED_PROXIES`, ACC-4).
    pub trusted_proxies: Vec<super::throttle::TrustedNet>,
    /// The key secrets at rest are sealed with (`SECRETS_KEY`); without it
    /// admins cannot enrol a second factor.
    pub secrets_key: Option<super::sealing::SecretsKey>,
    /// The SHA-256 of `METRICS_TOKEN`: with it `/metrics` answers on the
    /// portal's own address to `Authorization: Bearer <token>`; without it
    /// only on `METRICS_ADDR`, if that is set (issue 16).
    pub metrics_token_digest: Option<[u8; 32]>,
}

/// Everything a request handler needs, shared by all requests. Holds no
/// per-user state: sessions live in the database, so several server
/// instances can share one.
///
/// Behind one `Arc`: the state is taken from the request's context many times
/// a page (every resource and server function), and cloning its maps, strings
/// and options each time was measurable under load (issue 13). Setting it up
/// mutates it through `DerefMut` (copy-on-write once shared).
#[derive(Clone)]
pub struct AppState(Arc<AppServices>);

impl std::ops::Deref for AppState {
    type Target = AppServices;

    fn deref(&self) -> &AppServices {
        &self.0
    }
}

impl std::ops::DerefMut for AppState {
    fn deref_mut(&mut self) -> &mut AppServices {
        Arc::make_mut(&mut self.0)
    }
}

impl From<AppServices> for AppState {
    fn from(services: AppServices) -> Self {
        Self(Arc::new(services))
    }
}

/// What [`AppState`] shares.
#[derive(Clone)]
pub struct AppServices {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub registers: Registers,
    pub clock: Arc<dyn Clock>,
    pub settings: WebSettings,
    pub events: Events,
    /// The grid operator's configurable values (fuse series, limits, unit addresses).
    pub operator: crate::domain::case::OperatorConfig,
    pub attachments: Arc<dyn super::storage::AttachmentStore>,
    /// Cancelled when the server is asked to stop (SIGTERM): open event
    /// streams end and background workers finish what they are doing.
    pub shutdown: Shutdown,
}

/// The signal to stop, shared by everything that must stop in good order.
pub use tokio_util::sync::CancellationToken as Shutdown;

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

impl AppState {
    /// The state of the current request, provided by the router.
    pub fn current() -> Result<Self, crate::error::AppError> {
        leptos::prelude::use_context::<AppState>().ok_or_else(|| {
            tracing::error!("AppState missing from the request context");
            crate::error::AppError::Internal
        })
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }
}

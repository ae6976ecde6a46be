//! Passwords, sessions and the question "who is asking?".
use super::entities::{login_failure, session, user};
use super::listing::ReadByPosition;
use super::state::AppState;
use crate::error::AppError;
use argon2::password_hash::{rand_core::{OsRng, RngCore}, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{DateTime, Duration, Utc};
use http::{header, HeaderValue};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};

pub const SESSION_COOKIE: &str = "iw_session";
/// A session ends after this long without use.
pub const SESSION_IDLE: Duration = Duration::hours(8);
/// A session ends this long after login, however much it is used.
pub const SESSION_ABSOLUTE: Duration = Duration::hours(12);
/// A session that still owes the second factor ends this soon, used or not (ADM-6).
pub const PENDING_SESSION: Duration = Duration::minutes(10);

/// Hashes a password with argon2id off the async threads (it is slow on
/// purpose), a few at a time (`throttle::hashing_turn`).
pub async fn hash_password(password: String) -> Result<String, AppError> {
    let _turn = super::throttle::hashing_turn().await?;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string())
    })
    .await
    .map_err(|e| internal("password hashing task", e))?
    .map_err(|e| internal("password hashing", e))
}

/// A random password of `len` characters from an alphabet without look-alikes
/// (first passwords of staff and demo accounts; never stored in clear).
pub fn generate_password(len: usize) -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = vec![0u8; len];
    OsRng.fill_bytes(&mut bytes);
    // 256 is not a multiple of the alphabet's size; the bias is negligible here.
    bytes.iter().map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char).collect()
}

/// Verifies a password. Without a stored hash it verifies against a dummy one
/// anyway, so an unknown username takes as long as a wrong password (ACC-4).
pub async fn verify_password(stored: Option<String>, password: String) -> Result<bool, AppError> {
    let _turn = super::throttle::hashing_turn().await?;
    tokio::task::spawn_blocking(move || {
        let (hash, real) = match stored {
            Some(h) => (h, true),
            None => (dummy_hash().to_string(), false),
        };
        let parsed = PasswordHash::new(&hash).map_err(|e| internal("stored hash", e))?;
        let ok = Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok();
        Ok(ok && real)
    })
    .await
    .map_err(|e| internal("password verification task", e))?
}

fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(b"not-a-real-password", &salt)
            .map(|h| h.to_string())
            .expect("hashing a constant cannot fail")
    })
}

fn internal(what: &str, err: impl std::fmt::Display) -> AppError {
    tracing::error!(error = %err, "{what} failed");
    AppError::Internal
}

pub(crate) fn sha256_hex(input: &str) -> String {
    super::sealing::hex(&Sha256::digest(input.as_bytes()))
}

/// 256 random bits, hex-encoded: for session tokens and one-time links.
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    super::sealing::hex(&bytes)
}

/// The request leptos_axum provides to each server function and page render
/// in that request's own reactive owner. The one per-request value read from
/// context; `web::per_request_scope` keeps another request's owner from
/// ever being an ancestor in which it could be found.
pub(crate) fn with_request_parts<R>(read: impl FnOnce(&http::request::Parts) -> R) -> Option<R> {
    // Borrowed, not cloned: a page render asks several times per resource
    // (its caller, its language, per list row), and a clone of the parts
    // copies every header and extension (issue 13).
    leptos::prelude::with_context::<http::request::Parts, R>(read)
}

fn session_token_from_request(state: &AppState) -> Option<String> {
    with_request_parts(|parts| session_token(state, &parts.headers)).flatten()
}

/// A cookie's name: with secure cookies, `__Host-` first, so the browser
/// takes it only from this host over HTTPS, with `Path=/` and no `Domain`.
pub fn cookie_name(state: &AppState, base: &str) -> String {
    if state.settings.secure_cookies { format!("__Host-{base}") } else { base.to_string() }
}

/// The value of the cookie `name` in a request.
pub fn cookie_value(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value.to_string())
}

/// The session token in a request's cookies.
pub fn session_token(state: &AppState, headers: &http::HeaderMap) -> Option<String> {
    cookie_value(headers, &cookie_name(state, SESSION_COOKIE))
}

/// The headers of the request being served (a server function's, or a page render's).
pub fn request_headers() -> Option<http::HeaderMap> {
    with_request_parts(|parts| parts.headers.clone())
}

/// Adds a `Set-Cookie` header to the response being prepared.
pub fn set_cookie_header(value: HeaderValue) {
    if let Some(options) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        options.append_header(header::SET_COOKIE, value);
    }
}

fn set_cookie(value: String) {
    if let Some(options) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>()
        && let Ok(v) = HeaderValue::from_str(&value)
    {
        options.append_header(header::SET_COOKIE, v);
    }
}

fn cookie(state: &AppState, token: &str, max_age_secs: i64) -> String {
    let secure = if state.settings.secure_cookies { "; Secure" } else { "" };
    let name = cookie_name(state, SESSION_COOKIE);
    format!("{name}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age_secs}{secure}")
}

/// Starts a new session for `user_id` (always a new id, so a session id seen
/// before login is worthless after it) and sets the cookie.
pub async fn start_session(state: &AppState, db: &impl ConnectionTrait, user_id: i32) -> Result<(), AppError> {
    start_session_with(state, db, user_id, false).await
}

/// Starts a session that has passed the password but still owes the second
/// factor (ADM-6): it can do nothing but give that factor.
pub async fn start_pending_session(state: &AppState, db: &impl ConnectionTrait, user_id: i32) -> Result<(), AppError> {
    start_session_with(state, db, user_id, true).await
}

async fn start_session_with(
    state: &AppState,
    db: &impl ConnectionTrait,
    user_id: i32,
    second_factor_pending: bool,
) -> Result<(), AppError> {
    // Drop the session the browser had, if any: login never reuses an id.
    if let Some(old) = session_token_from_request(state) {
        session::Entity::delete_by_id(sha256_hex(&old)).exec(db).await?;
    }
    let token = new_token();
    let now = state.now();
    let lifetime = if second_factor_pending { PENDING_SESSION } else { SESSION_IDLE };
    session::ActiveModel {
        id: Set(sha256_hex(&token)),
        user_id: Set(user_id),
        created_at: Set(now),
        expires_at: Set(now + lifetime),
        second_factor_pending: Set(second_factor_pending),
        acting_for_user_id: Set(None),
    }
    .insert(db)
    .await?;
    set_cookie(cookie(state, &token, lifetime.num_seconds()));
    forget_request_session().await;
    Ok(())
}

/// Ends the current session on the server and clears the cookie; the
/// session's open event streams close.
pub async fn end_session(state: &AppState) -> Result<(), AppError> {
    if let Some(token) = session_token_from_request(state) {
        let id = sha256_hex(&token);
        let ended = session::Entity::find_by_id(id.clone()).one(&state.db).await?;
        session::Entity::delete_by_id(id).exec(&state.db).await?;
        if let Some(s) = ended {
            sessions_ended(state, s.user_id).await;
        }
    }
    set_cookie(cookie(state, "", 0));
    forget_request_session().await;
    Ok(())
}

/// Tells the user's open event streams that sessions ended, so those whose
/// session is gone close.
pub async fn sessions_ended(state: &AppState, user_id: i32) {
    use super::events::{EventKind, UserEvent};
    state.events.publish(UserEvent { user_ids: vec![user_id], kind: EventKind::SessionsEnded }).await;
}

/// Ends every session of a user except the current one (after a password change).
pub async fn end_other_sessions(state: &AppState, db: &impl ConnectionTrait, user_id: i32) -> Result<(), AppError> {
    let current = session_token_from_request(state).map(|t| sha256_hex(&t)).unwrap_or_default();
    session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::Id.ne(current))
        .exec(db)
        .await?;
    Ok(())
}

/// Who is asking: worked out from the request's session cookie, once per
/// request, and handed to every service as an argument. It is never put into
/// or read from Leptos context: on the server a reactive owner can outlive
/// its request and be found by another one (docs/architecture.md).
#[derive(Clone, Debug)]
pub struct Caller {
    /// Whom the request acts as: the logged-in user or, while an admin acts
    /// for an installer (ADM-2), that installer.
    pub user: user::Model,
    /// The admin really logged in behind a request made while acting.
    pub acting_admin: Option<ActingAdmin>,
}

/// ADM-2: the admin behind a request made while acting for an installer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActingAdmin {
    pub admin_id: i32,
    pub admin_name: String,
}

impl Caller {
    /// A caller acting as themself (no admin behind them).
    pub fn as_self(user: user::Model) -> Self {
        Self { user, acting_admin: None }
    }

    pub fn id(&self) -> i32 {
        self.user.id
    }

    /// ADM-2: who a change is recorded as made by, and on whose behalf.
    /// While acting, the admin did it, for the installer; both are kept.
    pub fn recorded_as(&self) -> (i32, Option<i32>) {
        match &self.acting_admin {
            Some(admin) => (admin.admin_id, Some(self.user.id)),
            None => (self.user.id, None),
        }
    }

    /// Customer service: an admin, whether acting for an installer or not.
    pub fn is_customer_service(&self) -> bool {
        self.acting_admin.is_some() || self.user.role == crate::domain::Role::Admin
    }
}

/// The caller of a request with these headers, if its session is valid.
/// Plain routes and server functions both come through here.
pub async fn caller_from_headers(state: &AppState, headers: &http::HeaderMap) -> Result<Option<Caller>, AppError> {
    match session_token(state, headers) {
        Some(token) => caller_for_token(state, &token).await,
        None => Ok(None),
    }
}

/// The caller of a server function (or of a page render calling one in
/// process), from the request leptos_axum hands it, if the session is valid.
pub async fn current_caller(state: &AppState) -> Result<Option<Caller>, AppError> {
    match session_token_from_request(state) {
        Some(token) => caller_for_token(state, &token).await,
        None => Ok(None),
    }
}

/// The caller of a server function, or 401.
pub async fn require_caller(state: &AppState) -> Result<Caller, AppError> {
    current_caller(state).await?.ok_or(AppError::Unauthenticated)
}

/// The user of a session that still owes its second factor (ADM-6).
pub async fn pending_user(state: &AppState) -> Result<Option<user::Model>, AppError> {
    let Some(token) = session_token_from_request(state) else { return Ok(None) };
    match session_user(state, &token).await? {
        Some(s) if s.pending => Ok(Some(s.user)),
        _ => Ok(None),
    }
}

/// Who a session token speaks for: the logged-in user, or — while an admin
/// acts for an installer (ADM-2) — that installer, with the admin beside.
/// Sliding expiry: a session in use is extended, written at most every few minutes.
pub async fn caller_for_token(state: &AppState, token: &str) -> Result<Option<Caller>, AppError> {
    let Some(s) = session_user(state, token).await? else { return Ok(None) };
    if s.pending {
        return Ok(None);
    }
    match s.acting_for {
        Some(installer_id) if s.user.role == crate::domain::Role::Admin => {
            let acting_admin = Some(ActingAdmin { admin_id: s.user.id, admin_name: s.user.name });
            Ok(user::Entity::find_by_id(installer_id).one(&state.db).await?.map(|user| Caller { user, acting_admin }))
        }
        _ => Ok(Some(Caller::as_self(s.user))),
    }
}

/// The person really logged in, whatever they act as.
pub async fn real_user(state: &AppState) -> Result<Option<user::Model>, AppError> {
    let Some(token) = session_token_from_request(state) else { return Ok(None) };
    real_user_for_token(state, &token).await
}

/// The person really logged in with this token (both factors given), whatever they act as.
pub async fn real_user_for_token(state: &AppState, token: &str) -> Result<Option<user::Model>, AppError> {
    Ok(session_user(state, token).await?.filter(|s| !s.pending).map(|s| s.user))
}

/// Sets or clears the installer the current session acts for.
pub async fn set_acting(state: &AppState, installer_id: Option<i32>) -> Result<(), AppError> {
    let Some(token) = session_token_from_request(state) else { return Err(AppError::Unauthenticated) };
    session::Entity::update_many()
        .col_expr(session::Column::ActingForUserId, sea_orm::sea_query::Expr::value(installer_id))
        .filter(session::Column::Id.eq(sha256_hex(&token)))
        .exec(&state.db)
        .await?;
    forget_request_session().await;
    Ok(())
}

#[derive(Clone)]
struct SessionInfo {
    user: user::Model,
    pending: bool,
    acting_for: Option<i32>,
}

/// One request's session, looked up at most once however many resources and
/// server functions of that request ask (a page render asks several times).
/// `web::router` puts a fresh one into every request's extensions, which
/// leptos_axum hands on with the request's parts; it lives and dies with the
/// request, so nothing is shared between requests. Starting or ending a
/// session clears it.
#[derive(Clone, Default)]
pub struct RequestSession(std::sync::Arc<tokio::sync::Mutex<Option<(String, Option<SessionInfo>)>>>);

fn request_session() -> Option<RequestSession> {
    with_request_parts(|parts| parts.extensions.get::<RequestSession>().cloned()).flatten()
}

/// Forgets what this request knew about its session (after it changed).
async fn forget_request_session() {
    if let Some(memo) = request_session() {
        *memo.0.lock().await = None;
    }
}

/// Marks the current session as having passed its second factor, under a new id.
pub async fn complete_second_factor(state: &AppState, user_id: i32) -> Result<(), AppError> {
    start_session(state, &state.db, user_id).await
}

/// The session's user, whether it still owes the second factor, and whom it
/// acts for: from this request's memo when it has looked before.
async fn session_user(state: &AppState, token: &str) -> Result<Option<SessionInfo>, AppError> {
    let id = sha256_hex(token);
    let Some(memo) = request_session() else { return look_up_session(state, id).await };
    // Held across the lookup: a render's concurrent resources wait for the one lookup.
    let mut known = memo.0.lock().await;
    if let Some((known_id, info)) = known.as_ref()
        && *known_id == id
    {
        return Ok(info.clone());
    }
    let info = look_up_session(state, id.clone()).await?;
    *known = Some((id, info.clone()));
    Ok(info)
}

/// The statement that reads a session with its user, for the session's id:
/// its SQL built once per backend. Every request reads its session, and
/// building the statement anew with sea-query (and dropping it) cost about
/// 4 % of a list request's server time (issue 13). The id is the primary
/// key, so the statement has no `LIMIT` and the id is its one value. The
/// session's columns come first, then the user's, each in its
/// [`ReadByPosition`] order.
fn session_with_its_user(backend: sea_orm::DbBackend, id: String) -> sea_orm::Statement {
    use sea_orm::{JoinType, QuerySelect, QueryTrait};
    static SQL: super::sql_once::SqlPerBackend = super::sql_once::SqlPerBackend::new();
    let sql = SQL.get(backend, || {
        let user_of_session: sea_orm::RelationDef =
            session::Entity::belongs_to(user::Entity).from(session::Column::UserId).to(user::Column::Id).into();
        session::Entity::find_by_id(String::new())
            .select_only()
            .columns(session::Model::COLUMNS.iter().copied())
            .columns(user::Model::COLUMNS.iter().copied())
            .join(JoinType::InnerJoin, user_of_session)
            .build(backend)
            .sql
    });
    sea_orm::Statement::from_sql_and_values(backend, sql, [id.into()])
}

/// The session and its user in one statement; an expired session is removed.
async fn look_up_session(state: &AppState, id: String) -> Result<Option<SessionInfo>, AppError> {
    let now = state.now();
    let statement = session_with_its_user(state.db.get_database_backend(), id);
    let Some(row) = state.db.query_one_raw(statement).await? else { return Ok(None) };
    let mut positions = 0..;
    let session = session::Model::read_at(&row, &mut positions)?;
    let user = user::Model::read_at(&row, &mut positions)?;
    // ADM-7: a deactivated account's sessions end (they are also deleted when it is deactivated).
    if session.expires_at <= now || session.created_at + SESSION_ABSOLUTE <= now || user.deactivated_at.is_some() {
        session::Entity::delete_by_id(session.id).exec(&state.db).await?;
        return Ok(None);
    }
    let pending = session.second_factor_pending;
    let acting_for = session.acting_for_user_id;
    // Sliding expiry, for a session that has given every factor.
    if !session.second_factor_pending && session.expires_at - now < SESSION_IDLE - Duration::minutes(5) {
        let until = Ord::min(now + SESSION_IDLE, session.created_at + SESSION_ABSOLUTE);
        let mut active: session::ActiveModel = session.into();
        active.expires_at = Set(until);
        active.update(&state.db).await?;
    }
    Ok(Some(SessionInfo { user, pending, acting_for }))
}

/// A logged-in admin (both factors given, ADM-6), or 401/403 — the admin
/// themself, also while acting for an installer.
pub async fn require_admin(state: &AppState) -> Result<user::Model, AppError> {
    let user = real_user(state).await?.ok_or(AppError::Unauthenticated)?;
    if user.role != crate::domain::Role::Admin {
        return Err(AppError::Forbidden);
    }
    Ok(user)
}

/// The client's address, for throttling per address: the peer's, or behind
/// a trusted proxy the forwarded one (`throttle::client_address`).
pub async fn client_ip(state: &AppState) -> String {
    use axum::extract::ConnectInfo;
    use std::net::SocketAddr;
    match leptos_axum::extract::<ConnectInfo<SocketAddr>>().await {
        Ok(ConnectInfo(addr)) => {
            let headers = request_headers().unwrap_or_default();
            super::throttle::client_address(addr.ip(), &headers, &state.settings.trusted_proxies).to_string()
        }
        Err(_) => "unknown".to_string(),
    }
}

/// Removes expired sessions and old throttling rows; run periodically.
pub async fn purge_expired(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<(), AppError> {
    session::Entity::delete_many().filter(session::Column::ExpiresAt.lte(now)).exec(db).await?;
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::CreatedAt.lte(now - super::throttle::WINDOW))
        .exec(db)
        .await?;
    super::entities::rate_event::Entity::delete_many()
        .filter(super::entities::rate_event::Column::CreatedAt.lte(now - Duration::days(1)))
        .exec(db)
        .await?;
    Ok(())
}

#[cfg(test)]
mod session_statement_tests {
    use super::*;

    #[test]
    fn the_session_statement_is_built_once_per_backend_with_the_id_as_its_one_value() {
        for backend in [sea_orm::DbBackend::Postgres, sea_orm::DbBackend::Sqlite] {
            let first = session_with_its_user(backend, "abc".into());
            let second = session_with_its_user(backend, "def".into());
            assert_eq!(first.sql, second.sql);
            assert_eq!(first.values, Some(sea_orm::Values(vec!["abc".into()])));
            assert_eq!(second.values, Some(sea_orm::Values(vec!["def".into()])));
            assert!(!first.sql.to_uppercase().contains("LIMIT"), "{}", first.sql);
            // Exactly one placeholder: the template's own value was the empty id.
            let placeholders = first.sql.matches(if backend == sea_orm::DbBackend::Postgres { "$" } else { "?" }).count();
            assert_eq!(placeholders, 1, "{}", first.sql);
            // The session's columns, then the user's: the order they are read in.
            let session_id = first.sql.find("\"sessions\".\"id\"").expect(&first.sql);
            let user_id = first.sql.find("\"users\".\"id\"").expect(&first.sql);
            let user_language = first.sql.find("\"users\".\"language\"").expect(&first.sql);
            assert!(session_id < user_id && user_id < user_language, "{}", first.sql);
        }
    }

    /// Each field is read from its own column: the columns a model is read
    /// from are its entity's, in the entity's order, each once.
    #[test]
    fn the_session_and_its_user_are_read_from_their_own_columns() {
        use sea_orm::{IdenStatic, Iterable};
        fn names<C: IdenStatic>(columns: impl IntoIterator<Item = C>) -> Vec<&'static str> {
            columns.into_iter().map(|c| c.as_str()).collect()
        }
        assert_eq!(names(session::Model::COLUMNS.iter().copied()), names(session::Column::iter()));
        assert_eq!(names(user::Model::COLUMNS.iter().copied()), names(user::Column::iter()));
    }
}

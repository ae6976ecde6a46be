//! `/metrics` for Prometheus (issue 16), and the counting of every request
//! by the route that answered it.
//!
//! Who may read the metrics is configuration: on the portal's own address
//! only with `Authorization: Bearer <METRICS_TOKEN>` (without a token set
//! the path does not exist there), or openly on `METRICS_ADDR`, a separate
//! listener meant for an internal network.
use app::server::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{header, HeaderMap, HeaderValue, StatusCode};
use sha2::{Digest, Sha256};
use std::sync::{Arc, OnceLock};

/// The digest a configured token is kept as (the token itself is not kept).
pub fn token_digest(token: &str) -> [u8; 32] {
    Sha256::digest(token.trim().as_bytes()).into()
}

/// `GET /metrics` on the portal's address.
pub async fn scrape_with_token(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let Some(expected) = state.settings.metrics_token_digest else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.as_bytes().strip_prefix(b"Bearer "))
        .map(|t| Sha256::digest(t.trim_ascii()).into());
    // Digests are compared, so the time taken says nothing about the token.
    if given != Some(expected) {
        return (StatusCode::UNAUTHORIZED, [(header::WWW_AUTHENTICATE, "Bearer")], "Fel eller saknad nyckel för mätvärdena.")
            .into_response();
    }
    scrape(State(state)).await
}

/// `GET /metrics` on `METRICS_ADDR`: whoever reaches that address may read.
pub async fn scrape(State(state): State<AppState>) -> Response {
    match app::server::metrics::render(&state.db, state.now()).await {
        Ok(text) => ([(header::CONTENT_TYPE, HeaderValue::from_static(app::server::metrics::CONTENT_TYPE)), (header::CACHE_CONTROL, HeaderValue::from_static("no-store"))], text)
            .into_response(),
        Err(e) => {
            tracing::warn!(error = %e, "could not read the metrics");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

/// The router of the `METRICS_ADDR` listener: the metrics and nothing else.
pub fn private_router(state: AppState) -> axum::Router {
    axum::Router::new().route("/metrics", axum::routing::get(scrape)).with_state(state)
}

/// Where the router writes which route a request took (filled by [`note_route`]).
#[derive(Clone, Default)]
struct RouteTaken(Arc<OnceLock<String>>);

/// Outermost layer: times every request and counts it under its route.
/// Requests that no route took (the site's files, unknown addresses) are
/// counted under two fixed names, so an attacker's made-up addresses do
/// not make new series.
pub async fn count_request(mut req: Request, next: Next) -> Response {
    let taken = RouteTaken::default();
    req.extensions_mut().insert(taken.clone());
    let method = req.method().clone();
    let started = std::time::Instant::now();
    let res = next.run(req).await;
    let status = res.status();
    let route = match taken.0.get() {
        Some(route) => route.as_str(),
        None if status.is_success() || status.is_redirection() => "(site files)",
        None => "(unmatched)",
    };
    let method = if KNOWN_METHODS.contains(&method.as_str()) { method.as_str() } else { "OTHER" };
    app::server::metrics::record_request(method, route, status.as_u16(), started.elapsed().as_secs_f64());
    res
}

const KNOWN_METHODS: &[&str] = &["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/// Inside the router, on every route: tells [`count_request`] the route's pattern.
pub async fn note_route(req: Request, next: Next) -> Response {
    if let (Some(path), Some(taken)) = (req.extensions().get::<MatchedPath>(), req.extensions().get::<RouteTaken>()) {
        let _ = taken.0.set(path.as_str().to_string());
    }
    next.run(req).await
}

//! The HTTP side: the router with the app's pages and server functions, and
//! the layers every response goes through.
use app::server::storage::{AttachmentStore, LocalStore, S3Store};
use app::server::{auth, events::Events, registers::Registers, state::{AppServices, WebSettings}, AppState, Clock, SystemClock};
use app::{shell, App};
use axum::extract::Request;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use http::{header, HeaderValue, Method, StatusCode};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use sea_orm::DatabaseConnection;
use std::sync::Arc;
use tower_http::compression::{
    predicate::{NotForContentType, Predicate},
    CompressionLayer, DefaultPredicate,
};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

/// Leptos' settings: from cargo-leptos' environment when it runs us, else
/// the workspace defaults (tests, the plain binary). The build gives the
/// site's files content-hashed names (UX-1) and leaves the hashes beside the
/// binary; a binary started without cargo-leptos finds them there too.
pub fn leptos_options(site_addr: std::net::SocketAddr) -> LeptosOptions {
    let env = |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.to_string());
    let hash_file = env("LEPTOS_HASH_FILE_NAME", "hash.txt");
    let hashes_beside_binary = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(&hash_file)))
        .is_some_and(|path| path.exists());
    LeptosOptions::builder()
        .output_name(env("LEPTOS_OUTPUT_NAME", "installatorswebben"))
        .site_root(env("LEPTOS_SITE_ROOT", "target/site"))
        .site_pkg_dir(env("LEPTOS_SITE_PKG_DIR", "pkg"))
        .hash_file(Arc::<str>::from(hash_file.as_str()))
        .hash_files(std::env::var("LEPTOS_HASH_FILES").ok().and_then(|v| v.parse().ok()).unwrap_or(hashes_beside_binary))
        .site_addr(site_addr)
        .build()
}

pub fn app_state(
    options: LeptosOptions,
    db: DatabaseConnection,
    secure_cookies: bool,
    clock: Arc<dyn Clock>,
    attachments: Arc<dyn AttachmentStore>,
) -> AppState {
    // Links in e-mails point here; behind a proxy set PUBLIC_URL to the outside address.
    let public_url = std::env::var("PUBLIC_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
        .unwrap_or_else(|| format!("http://{}", options.site_addr));
    AppServices {
        attachments,
        events: Events::for_database(&db),
        operator: Default::default(),
        leptos_options: options,
        registers: Registers::local(db.clone()),
        db,
        clock,
        settings: WebSettings {
            secure_cookies,
            public_url,
            upload_idle_timeout: std::time::Duration::from_secs(30),
            trusted_proxies: Vec::new(),
            secrets_key: None,
            metrics_token_digest: None,
        },
        shutdown: Default::default(),
    }
    .into()
}

/// The attachment store `ATTACHMENTS_STORE` names: `s3://bucket[/prefix]`, or
/// (unset) files under `ATTACHMENTS_DIR`.
pub fn attachment_store(store: Option<&str>, dir: &std::path::Path) -> Result<Arc<dyn AttachmentStore>, String> {
    match store {
        Some(url) => Ok(Arc::new(S3Store::from_url(url, dir.join("tmp"))?)),
        None => Ok(Arc::new(LocalStore::new(dir).map_err(|e| format!("{}: {e}", dir.display()))?)),
    }
}

/// The listener the portal serves on: Nagle's algorithm off on every
/// accepted connection, so a response written in several pieces (streamed
/// pages, compressed files) is not held back ~40 ms for the client's delayed ACK.
pub fn listener(
    tcp: tokio::net::TcpListener,
) -> axum::serve::TapIo<tokio::net::TcpListener, impl FnMut(&mut tokio::net::TcpStream) + Send + 'static> {
    use axum::serve::ListenerExt;
    tcp.tap_io(|stream: &mut tokio::net::TcpStream| {
        if let Err(e) = stream.set_nodelay(true) {
            tracing::warn!(error = %e, "could not turn off Nagle's algorithm on a connection");
        }
    })
}

pub fn system_clock() -> Arc<dyn Clock> {
    Arc::new(SystemClock)
}

/// The app's routes, worked out once per process. Working them out runs the
/// app with resource loading suppressed process-wide (leptos_server's
/// `SuppressResourceLoad` is a global flag): a page that another router of
/// the same process renders meanwhile would wait for its data forever
/// (leptos issue #4773). The server builds one router, but the tests build
/// many, side by side.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The whole application as one router.
pub fn router(state: AppState) -> Router {
    crate::executor::init();
    let routes = route_list();
    Router::new()
        .route("/health/live", axum::routing::get(crate::health::live))
        .route("/health/ready", axum::routing::get(crate::health::ready))
        .route("/metrics", axum::routing::get(crate::metrics::scrape_with_token))
        .route("/api/events", axum::routing::get(event_stream))
        .route("/api/cases/{case_id}/attachments", axum::routing::post(crate::attachments::upload))
        .route("/api/cases/{case_id}/attachments/{attachment_id}", axum::routing::get(crate::attachments::download))
        .route("/api/admin/cases/{case_id}/evidence", axum::routing::post(crate::attachments::upload_move_evidence))
        .route("/api/support/requests", axum::routing::post(crate::support::file_request))
        .route("/api/admin/manual", axum::routing::post(crate::support::create_manually))
        .route("/api/admin/audit.csv", axum::routing::post(crate::audit_export::export))
        .route("/api/admin/documents/{id}", axum::routing::get(crate::support::download_document))
        // Uploads stream to disk with their own limits; allow the multipart envelope around them.
        .layer(axum::extract::DefaultBodyLimit::max(crate::attachments::MAX_FILE_BYTES as usize + 64 * 1024))
        .leptos_routes(&state, routes, {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .route_layer(middleware::from_fn(crate::metrics::note_route))
        .fallback(static_file_or_not_found)
        .with_state(state.clone())
        .layer(middleware::from_fn_with_state(state.clone(), per_request_scope))
        .layer(middleware::from_fn_with_state(ServerFnLayer::new(state.clone()), server_fn_statuses))
        .layer(middleware::from_fn(reject_cross_site_writes))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::overriding(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")))
        // Pages set their own policy with a nonce; everything else gets the strictest one.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
        ))
        // Server-sent events must reach the browser as they happen, not when a compressor flushes.
        .layer(CompressionLayer::new().compress_when(
            DefaultPredicate::new().and(NotForContentType::const_new("text/event-stream")),
        ))
        // Every request has an id (`x-request-id`, the caller's own when it
        // sends one, else a new one): in the log line of the request and in
        // the answer, so a person reporting an error can name the request.
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request| {
            let id = request.headers().get(REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("-");
            tracing::info_span!("request", method = %request.method(), path = %request.uri().path(), request_id = %id)
        }))
        .layer(middleware::from_fn(crate::metrics::count_request))
        .layer(tower_http::request_id::PropagateRequestIdLayer::new(REQUEST_ID))
        .layer(tower_http::request_id::SetRequestIdLayer::new(REQUEST_ID, NewRequestId))
        .layer(middleware::from_fn(drop_unusable_request_id))
}

/// A caller's own request id is kept when it is short and plain (a proxy's
/// id, say); anything else is replaced, so no caller writes into the log.
async fn drop_unusable_request_id(mut request: Request, next: Next) -> Response {
    let usable = |v: &HeaderValue| v.len() <= 64 && v.as_bytes().iter().all(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_');
    if request.headers().get(REQUEST_ID).is_some_and(|v| !usable(v)) {
        request.headers_mut().remove(REQUEST_ID);
    }
    next.run(request).await
}

const REQUEST_ID: header::HeaderName = header::HeaderName::from_static("x-request-id");

/// A fresh id for a request that brings none: 16 hex digits, short enough
/// to read out. A count from a random start drawn once per instance, so ids
/// do not repeat within an instance and two instances' do not meet. (A draw
/// from the system's random source for every request cost 0.7 % of a
/// logged-in page's server time, issue 13.)
#[derive(Clone, Copy)]
struct NewRequestId;

impl tower_http::request_id::MakeRequestId for NewRequestId {
    fn make_request_id<B>(&mut self, _request: &http::Request<B>) -> Option<tower_http::request_id::RequestId> {
        use std::sync::atomic::{AtomicU64, Ordering};
        static NEXT: std::sync::LazyLock<AtomicU64> =
            std::sync::LazyLock::new(|| AtomicU64::new(u64::from_str_radix(&auth::new_token()[..16], 16).unwrap_or_default()));
        let id = format!("{:016x}", NEXT.fetch_add(1, Ordering::Relaxed));
        HeaderValue::from_str(&id).ok().map(tower_http::request_id::RequestId::new)
    }
}

/// The site's files (scripts, styles, WASM, images) from the site root — a
/// brotli or gzip copy made at start when the browser takes one (UX-1).
/// A file whose name carries its content's hash never changes: a browser
/// keeps it for a year without asking. Others are revalidated on every use
/// (`no-cache` with `Last-Modified`: 304, nothing downloaded). Anything else
/// is the 404 page.
async fn static_file_or_not_found(
    uri: http::Uri,
    axum::extract::State(state): axum::extract::State<AppState>,
    req: Request,
) -> Response {
    use tower::ServiceExt;
    use tower_http::services::ServeDir;
    let (parts, body) = req.into_parts();
    if parts.method == Method::GET
        && let Some(res) = chunk_against_dictionary(&state, &parts).await
    {
        return res;
    }
    if matches!(parts.method, Method::GET | Method::HEAD) {
        let files = ServeDir::new(&*state.leptos_options.site_root).precompressed_br().precompressed_gzip();
        let probe = Request::from_parts(parts.clone(), axum::body::Body::empty());
        let mut served = files.clone().oneshot(probe).await;
        if served.as_ref().is_ok_and(|res| res.status() == StatusCode::NOT_FOUND)
            && let Some(current) = current_chunk_loader(&state, parts.uri.path()).await
            && let Ok(uri) = current.parse::<http::Uri>()
        {
            let mut probe = Request::from_parts(parts.clone(), axum::body::Body::empty());
            *probe.uri_mut() = uri;
            served = files.oneshot(probe).await;
        }
        if let Ok(res) = served
            && matches!(res.status(), StatusCode::OK | StatusCode::NOT_MODIFIED | StatusCode::PARTIAL_CONTENT)
        {
            let mut res = res.map(axum::body::Body::new);
            res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(cache_policy(parts.uri.path())));
            if let Some(name) = wasm_in_pkg(&state, parts.uri.path()) {
                // The same address may come compressed against a dictionary.
                res.headers_mut().append(header::VARY, HeaderValue::from_static("available-dictionary"));
                if crate::precompress::is_main_module(name, &state.leptos_options.output_name)
                    && let Ok(offer) = HeaderValue::from_str(&format!("match=\"/{}/*.wasm\"", state.leptos_options.site_pkg_dir))
                {
                    res.headers_mut().insert(USE_AS_DICTIONARY, offer);
                }
            }
            return res;
        }
    }
    leptos_axum::file_and_error_handler::<AppState, _>(shell)(uri, axum::extract::State(state), Request::from_parts(parts, body)).await
}

/// The split's chunk loader the site has now (its path), for a request that
/// names another build's loader; `None` for any other path.
///
/// cargo-leptos names each file by a hash of its content, but the main module
/// (its script and its WASM) imports the chunk loader by name, and the loader
/// comes out of every build with its lines in another order (and so under
/// another name), while the main module's name is hashed before the loader's
/// name is written into it: two builds of the same code have the same main
/// module's name and different loaders' names. A browser can so hold one
/// build's main module and ask for its loader where another build is served:
/// two instances of different builds behind one address while a deploy rolls
/// through, or a cache that kept the main module (`immutable`) but not its
/// loader. The loader would be missing and the page would never hydrate.
/// Same main module, same loader but for the order of its lines: the
/// current one serves.
async fn current_chunk_loader(state: &AppState, path: &str) -> Option<String> {
    let pkg = &*state.leptos_options.site_pkg_dir;
    let asked = path.strip_prefix('/')?.strip_prefix(pkg)?.strip_prefix('/')?;
    let is_loader = |name: &str| name.strip_prefix("__wasm_split.").and_then(|n| n.strip_suffix(".js")).is_some_and(|hash| !hash.contains('.'));
    if !is_loader(asked) || asked.contains(['/', '\\']) || !is_content_hashed(asked) {
        return None;
    }
    let mut entries = tokio::fs::read_dir(std::path::Path::new(&*state.leptos_options.site_root).join(pkg)).await.ok()?;
    let mut loaders = Vec::new();
    while let Ok(Some(entry)) = entries.next_entry().await {
        if let Some(name) = entry.file_name().to_str().filter(|name| is_loader(name)) {
            loaders.push(name.to_owned());
        }
    }
    // More than one (a folder several builds left their files in): no way to tell which.
    match loaders.as_slice() {
        [current] if current != asked => Some(format!("/{pkg}/{current}")),
        _ => None,
    }
}

const USE_AS_DICTIONARY: header::HeaderName = header::HeaderName::from_static("use-as-dictionary");
const AVAILABLE_DICTIONARY: header::HeaderName = header::HeaderName::from_static("available-dictionary");

fn cache_policy(path: &str) -> &'static str {
    if is_content_hashed(path) { "public, max-age=31536000, immutable" } else { "no-cache" }
}

/// The file name of a WASM module in the site's package folder that `path`
/// asks for, if it asks for one (and nothing beside or above the folder).
fn wasm_in_pkg<'a>(state: &AppState, path: &'a str) -> Option<&'a str> {
    let name = path.strip_prefix('/')?.strip_prefix(&*state.leptos_options.site_pkg_dir)?.strip_prefix('/')?;
    (name.ends_with(".wasm") && !name.starts_with('.') && !name.contains(['/', '\\'])).then_some(name)
}

/// UX-1: a WASM chunk compressed against the main module (`dcz`, see
/// `precompress`), for a browser that says it holds exactly the dictionary
/// the copy was made against and takes the encoding; `None` serves the file
/// as usual.
async fn chunk_against_dictionary(state: &AppState, parts: &http::request::Parts) -> Option<Response> {
    use crate::precompress::{dictionary_named_by, DICTIONARY_COPY};
    let available = parts.headers.get(AVAILABLE_DICTIONARY)?.to_str().ok()?.trim();
    let takes_it = parts.headers.get_all(header::ACCEPT_ENCODING).iter().filter_map(|v| v.to_str().ok()).any(|v| {
        v.split(',').any(|coding| coding.split(';').next().is_some_and(|c| c.trim().eq_ignore_ascii_case(DICTIONARY_COPY)))
    });
    if !takes_it {
        return None;
    }
    let name = wasm_in_pkg(state, parts.uri.path())?;
    let options = &state.leptos_options;
    let copy = std::path::Path::new(&*options.site_root).join(&*options.site_pkg_dir).join(format!("{name}.{DICTIONARY_COPY}"));
    let body = tokio::fs::read(&copy).await.ok()?;
    if dictionary_named_by(&body)? != available {
        return None;
    }
    let mut res = Response::new(axum::body::Body::from(body));
    let headers = res.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/wasm"));
    headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(DICTIONARY_COPY));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache_policy(parts.uri.path())));
    headers.insert(header::VARY, HeaderValue::from_static("accept-encoding, available-dictionary"));
    Some(res)
}

/// What every request carries on its own, set up in one layer (one boxed
/// future per request rather than three, issue 13):
///
/// - **Its language** (UX-2), decided once from its headers (the person's
///   choice in a cookie, else Swedish) for the page render and the server
///   functions alike.
/// - **Its own memo of who its session is** (issue 13), so a page render
///   whose resources each ask "who is asking?" reads the session (and its
///   user, in the same statement) once.
/// - **No reactive owner of another request's.** Leptos keeps the current
///   reactive owner in a thread-local. A page render makes its root owner
///   current and leaves it there, and the owner a server function creates is
///   a child of whatever is current on its thread — so, without this, a
///   server function could find context in another request's page render by
///   walking up to its parent. Every poll of a request's handler therefore
///   starts and ends with no current owner: each request's owners are roots
///   of their own. (Who is asking never travels in context at all; this
///   guards what leptos_axum itself provides per request: the request's
///   parts and response options.)
async fn per_request_scope(axum::extract::State(state): axum::extract::State<AppState>, mut req: Request, next: Next) -> Response {
    let language = app::server::language::choose(&state, req.headers());
    req.extensions_mut().insert(language);
    req.extensions_mut().insert(app::server::auth::RequestSession::default());
    app::server::language::serving(language, WithoutReactiveOwner(Box::pin(next.run(req)))).await
}

struct WithoutReactiveOwner<F>(std::pin::Pin<Box<F>>);

impl<F: std::future::Future> std::future::Future for WithoutReactiveOwner<F> {
    type Output = F::Output;

    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<Self::Output> {
        clear_reactive_owner();
        let polled = self.0.as_mut().poll(cx);
        clear_reactive_owner();
        polled
    }
}

fn clear_reactive_owner() {
    if let Some(owner) = Owner::current() {
        owner.unset();
    }
}

/// What the server-function layer needs: the registered paths, and the
/// state (the key for the replies to plain form posts).
#[derive(Clone)]
struct ServerFnLayer {
    paths: Arc<std::collections::HashSet<String>>,
    state: AppState,
}

impl ServerFnLayer {
    fn new(state: AppState) -> Self {
        let paths = leptos::server_fn::axum::server_fn_paths().map(|(path, _)| path.to_string()).collect();
        Self { paths: Arc::new(paths), state }
    }
}

/// The most a server function's request body may weigh (attachments and
/// documents have their own routes and limits).
pub const MAX_SERVER_FN_BODY: u64 = 2 * 1024 * 1024;

/// One error type, one mapping to statuses, also where a server function
/// fails before its body runs. server_fn answers such failures (arguments
/// missing or malformed, a body that is not what the encoding says) with 500
/// and the `AppError` in the body; the status is taken from that error here,
/// so the sender sees 400. A body over the limit is refused with 413 before
/// it is read; a body sent without a length is cut off at the limit.
///
/// A plain form post (a browser without scripts, UX-1) is answered with a
/// redirect to the page it came from — or the one the function chose — and
/// the outcome with the typed values in a sealed cookie for that page.
async fn server_fn_statuses(
    axum::extract::State(layer): axum::extract::State<ServerFnLayer>,
    req: Request,
    next: Next,
) -> Response {
    if req.method() != Method::POST || !layer.paths.contains(req.uri().path()) {
        return next.run(req).await;
    }
    let plain_form = accepts_html(req.headers());
    let declared = req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if let Some(n) = declared.filter(|n| *n > MAX_SERVER_FN_BODY) {
        // Read a moderately large body to its end first, so the client is
        // done sending and sees the answer; a huge one is not worth reading.
        if n <= 8 * MAX_SERVER_FN_BODY {
            let _ = tokio::time::timeout(std::time::Duration::from_secs(10), discard(req.into_body())).await;
        }
        return error_response(app::error::AppError::TooLarge);
    }
    // Arguments are read whole by server_fn anyway; read them here, within the limit.
    let (parts, body) = req.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_SERVER_FN_BODY as usize).await else {
        return error_response(app::error::AppError::TooLarge);
    };
    if carries_nul(&bytes) {
        return error_response(app::error::AppError::BadRequest("Texten innehåller ett otillåtet tecken (NUL).".into()));
    }
    let action = parts.uri.path().to_string();
    let referer = parts.headers.get(header::REFERER).cloned();
    let typed = if plain_form { form_values(&parts.headers, &bytes) } else { Vec::new() };
    let res = next.run(Request::from_parts(parts, axum::body::Body::from(bytes))).await;
    if plain_form {
        return answer_plain_form(&layer.state, res, action, referer, typed).await;
    }
    if res.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return res;
    }
    let (mut parts, body) = res.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024).await.unwrap_or_default();
    if let Ok(err) = serde_json::from_slice::<app::error::AppError>(&bytes) {
        parts.status = err.status_code();
    }
    Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// Whether a file's name carries its content's hash, as the build writes it:
/// `name.<22 characters of base64url MD5>.ext`.
pub fn is_content_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or("");
    let parts: Vec<&str> = name.split('.').collect();
    parts.len() >= 3
        && parts[1..parts.len() - 1].iter().any(|p| {
            p.len() == 22
                && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                && !p.bytes().all(|b| b == b'_')
        })
}

fn accepts_html(headers: &http::HeaderMap) -> bool {
    headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"))
}

/// The fields of a form-encoded body, to give them back after a failure.
fn form_values(headers: &http::HeaderMap, body: &[u8]) -> Vec<(String, String)> {
    let form_encoded = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    if !form_encoded {
        return Vec::new();
    }
    form_urlencoded::parse(body)
        .filter(|(name, _)| !app::components::form_reply::FormReply::is_secret(name))
        .map(|(name, value)| (name.into_owned(), value.into_owned()))
        .collect()
}

/// Turns a server function's answer to a plain form post into "see the page"
/// with the outcome in the reply cookie.
async fn answer_plain_form(
    state: &AppState,
    res: Response,
    action: String,
    referer: Option<HeaderValue>,
    typed: Vec<(String, String)>,
) -> Response {
    use app::components::form_reply::FormReply;
    use app::server::form_reply::{reply_cookie, FAILED_HEADER};
    let (mut parts, body) = res.into_parts();
    let failed = parts.headers.remove(FAILED_HEADER).is_some() || parts.status.is_client_error() || parts.status.is_server_error();
    let error = if failed {
        let bytes = axum::body::to_bytes(body, 64 * 1024).await.unwrap_or_default();
        Some(serde_json::from_slice::<app::error::AppError>(&bytes).unwrap_or(app::error::AppError::Internal))
    } else {
        None
    };
    let location = parts
        .headers
        .get(header::LOCATION)
        .cloned()
        .or(referer)
        .and_then(|l| own_path(l.to_str().ok()?))
        .and_then(|path| HeaderValue::from_str(&path).ok())
        .unwrap_or(HeaderValue::from_static("/"));
    let reply = FormReply { action, error, values: typed };
    let mut answer = Response::builder().status(StatusCode::SEE_OTHER).header(header::LOCATION, location);
    for cookie in parts.headers.get_all(header::SET_COOKIE) {
        answer = answer.header(header::SET_COOKIE, cookie);
    }
    if let Some(cookie) = reply_cookie(state, reply) {
        answer = answer.header(header::SET_COOKIE, cookie);
    }
    answer.body(axum::body::Body::empty()).unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

/// The path (and query) of a redirect target, so the answer never leads off
/// this site, whatever Referer a client sent.
pub(crate) fn own_path(location: &str) -> Option<String> {
    let path = match location.split_once("://") {
        Some((_, rest)) => &rest[rest.find('/')?..],
        None => location,
    };
    if !path.starts_with('/') || path.starts_with("//") || path.contains('\\') {
        return None;
    }
    // server_fn puts the error in the address too (`__path`, `__err`); the reply cookie carries it instead.
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    let kept: Vec<&str> =
        query.split('&').filter(|p| !p.is_empty() && !p.starts_with("__path=") && !p.starts_with("__err=")).collect();
    Some(if kept.is_empty() { path.to_string() } else { format!("{path}?{}", kept.join("&")) })
}

/// Whether arguments carry a NUL character — raw, form-encoded or as a JSON
/// escape. No text of the portal has one, and PostgreSQL cannot store it.
fn carries_nul(body: &[u8]) -> bool {
    body.contains(&0)
        || body.windows(3).any(|w| w.eq_ignore_ascii_case(b"%00"))
        || body.windows(6).any(|w| w.eq_ignore_ascii_case(b"\\u0000"))
}

async fn discard(body: axum::body::Body) {
    use http_body_util::BodyExt;
    let mut body = body;
    while let Some(Ok(_)) = body.frame().await {}
}

fn error_response(err: app::error::AppError) -> Response {
    (err.status_code(), axum::Json(err)).into_response()
}

/// Server functions do no CSRF checking of their own, so every request that
/// can change state must come from our own pages. Browsers say where a
/// request comes from (Sec-Fetch-Site, Origin); a request from another site
/// is refused. A request that says neither is accepted only as JSON, which a
/// page on another site cannot send without the browser asking first (CORS).
/// Only the content types the app itself sends are accepted at all.
async fn reject_cross_site_writes(req: Request, next: Next) -> Response {
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) {
        return next.run(req).await;
    }
    let headers = req.headers();
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or("").trim().to_ascii_lowercase());
    let is_json = content_type.as_deref() == Some("application/json");
    let known_type = match content_type.as_deref() {
        Some("application/x-www-form-urlencoded" | "application/json" | "multipart/form-data") => true,
        // No body at all (e.g. a logout without arguments).
        None => headers.get(header::CONTENT_LENGTH).is_none_or(|v| v == "0"),
        Some(_) => false,
    };
    if !known_type {
        return (StatusCode::UNSUPPORTED_MEDIA_TYPE, axum::Json(app::error::AppError::BadRequest(
            "Förfrågan har ett format som portalen inte tar emot.".into(),
        )))
            .into_response();
    }
    let allowed = if let Some(site) = headers.get("sec-fetch-site") {
        matches!(site.to_str(), Ok("same-origin" | "none"))
    } else if let Some(origin) = headers.get(header::ORIGIN) {
        let host = headers.get(header::HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
        match origin.to_str() {
            Ok(o) => o == format!("http://{host}") || o == format!("https://{host}"),
            Err(_) => false,
        }
    } else {
        is_json
    };
    if allowed {
        next.run(req).await
    } else {
        tracing::warn!(method = %req.method(), uri = %req.uri(), "refused a cross-site request");
        (StatusCode::FORBIDDEN, "Förfrågan kom från en annan webbplats och har stoppats.").into_response()
    }
}

/// When the page opening an event stream was rendered, as it says in
/// `?since=` (`app::server::events::render_stamp`); anything unreadable is unknown.
fn rendered_at(query: Option<&str>) -> Option<u64> {
    query?.split('&').find_map(|pair| pair.strip_prefix("since="))?.parse().ok()
}

/// TEAM-9: the logged-in user's stream of "something you see changed" events.
/// A (re)connection starts with a `hello`, on which the page refetches, so a
/// browser that was offline catches up — unless the page says when it was
/// rendered and nothing for its user has happened since. (Every event carries
/// some data: browsers do not dispatch an event whose data is empty.)
async fn event_stream(
    axum::extract::State(state): axum::extract::State<AppState>,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
    headers: http::HeaderMap,
) -> Response {
    use app::server::events::EventKind;
    use axum::response::sse::{Event, KeepAlive, Sse};
    use futures::stream::{self, StreamExt};
    let Some(token) = auth::session_token(&state, &headers) else {
        return (StatusCode::UNAUTHORIZED, "Du behöver logga in.").into_response();
    };
    let Some(caller) = auth::caller_for_token(&state, &token).await.ok().flatten() else {
        return (StatusCode::UNAUTHORIZED, "Du behöver logga in.").into_response();
    };
    let user_id = caller.id();
    // Whose ended sessions concern this stream: the user's, and an acting admin's own.
    let session_owners: Vec<i32> = std::iter::once(user_id).chain(caller.acting_admin.map(|a| a.admin_id)).collect();
    let receiver = state.events.subscribe();
    let open = std::sync::Arc::new(app::server::metrics::OpenStream::open());
    // The session is checked again now and then, so a stream never outlives
    // its session (expiry, logout, password change) by more than this.
    let ticker = tokio::time::interval_at(tokio::time::Instant::now() + SESSION_RECHECK, SESSION_RECHECK);
    // Subscribed first, then asked: an event arriving in between is both remembered and received.
    let first = match state.events.changed_since(user_id, rendered_at(query.as_deref())) {
        true => Event::default().event("hello").data("changed"),
        // Something is sent at once all the same, so the browser sees the stream open.
        false => Event::default().comment("up to date"),
    };
    let hello = stream::once(async { Ok::<_, std::convert::Infallible>(first) });
    let updates = stream::unfold((receiver, ticker), move |(mut rx, mut ticker)| {
        let (state, token, owners, open) = (state.clone(), token.clone(), session_owners.clone(), open.clone());
        async move {
            let _counted = open;
            let still_valid = async || auth::caller_for_token(&state, &token).await.ok().flatten().is_some();
            loop {
                tokio::select! {
                    received = rx.recv() => match received {
                        Ok(event) if event.kind == EventKind::SessionsEnded => {
                            if event.user_ids.iter().any(|id| owners.contains(id)) && !still_valid().await {
                                return None;
                            }
                        }
                        Ok(event) if event.user_ids.contains(&user_id) => {
                            let name = if event.kind == EventKind::CasesChanged { "cases" } else { "teams" };
                            return Some((Ok(Event::default().event(name).data("changed")), (rx, ticker)));
                        }
                        Ok(_) => continue,
                        // Fell behind: tell the page to refetch everything.
                        Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {
                            return Some((Ok(Event::default().event("hello").data("changed")), (rx, ticker)));
                        }
                        Err(tokio::sync::broadcast::error::RecvError::Closed) => return None,
                    },
                    _ = ticker.tick() => {
                        if !still_valid().await {
                            return None;
                        }
                    }
                    // The server is stopping: end the stream cleanly (the
                    // browser reconnects, to another instance or this one
                    // once it is back), so the stop need not wait for it.
                    _ = state.shutdown.cancelled() => return None,
                }
            }
        }
    });
    Sse::new(hello.chain(updates)).keep_alive(KeepAlive::default()).into_response()
}

/// How often an open event stream checks that its session still holds.
const SESSION_RECHECK: std::time::Duration = std::time::Duration::from_secs(30);

#[cfg(test)]
mod tests {
    use super::*;

    // covers: UX-1
    #[test]
    fn only_content_hashed_files_are_kept_for_good() {
        assert!(is_content_hashed("/pkg/installatorswebben.7bW1Vmz6a-x3sX3D8iC4Dw.wasm"));
        assert!(is_content_hashed("/pkg/installatorswebben.Xy_1Vmz6a-x3sX3D8iC4Dw.css"));
        assert!(!is_content_hashed("/pkg/installatorswebben.wasm"));
        assert!(!is_content_hashed("/pkg/__wasm_split.______________________.js"));
        assert!(!is_content_hashed("/favicon.svg"));
        assert!(!is_content_hashed("/pkg/a.too-short.js"));
    }

    // covers: UX-1
    #[test]
    fn a_plain_form_post_is_sent_back_within_the_site() {
        assert_eq!(own_path("http://127.0.0.1:3000/team/5?lagg-till=1").as_deref(), Some("/team/5?lagg-till=1"));
        assert_eq!(own_path("https://evil.example/x").as_deref(), Some("/x"));
        assert_eq!(own_path("/logga-in?__path=%2Fapi%2Fauth%2Flogin&__err=abc").as_deref(), Some("/logga-in"));
        assert_eq!(own_path("/a?b=1&__err=x&c=2").as_deref(), Some("/a?b=1&c=2"));
        assert_eq!(own_path("//evil.example/"), None);
        assert_eq!(own_path("https://evil.example"), None);
    }

    // covers: TEAM-9
    #[test]
    fn an_event_stream_reads_its_page_s_render_time_and_nothing_else() {
        assert_eq!(rendered_at(Some("since=1764950400123")), Some(1_764_950_400_123));
        assert_eq!(rendered_at(Some("x=1&since=42")), Some(42));
        assert_eq!(rendered_at(Some("since=-5")), None);
        assert_eq!(rendered_at(Some("since=99999999999999999999999")), None);
        assert_eq!(rendered_at(Some("since=")), None);
        assert_eq!(rendered_at(Some("asince=5")), None);
        assert_eq!(rendered_at(None), None);
    }

    // Responses written in pieces are not held back by Nagle's algorithm.
    #[tokio::test]
    async fn accepted_connections_have_nagle_off() {
        use axum::serve::Listener;
        let tcp = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = tcp.local_addr().unwrap();
        let mut listener = super::listener(tcp);
        let client = tokio::spawn(async move { tokio::net::TcpStream::connect(addr).await.unwrap() });
        let (stream, _) = listener.accept().await;
        assert!(stream.nodelay().unwrap());
        drop(client.await.unwrap());
    }
}

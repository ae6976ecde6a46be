//! Page-level security headers that depend on the rendered page.
use leptos::nonce::{provide_nonce, use_nonce};
use leptos::prelude::use_context;

/// Gives this page a fresh nonce and a Content-Security-Policy that allows
/// only our own scripts: the hydration script carries the nonce, everything
/// else is loaded from our origin. WASM compilation needs 'wasm-unsafe-eval'.
pub fn content_security_policy() {
    provide_nonce();
    let (Some(nonce), Some(options)) = (use_nonce(), use_context::<leptos_axum::ResponseOptions>()) else {
        return;
    };
    let policy = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'"
    );
    if let Ok(value) = http::HeaderValue::from_str(&policy) {
        options.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}

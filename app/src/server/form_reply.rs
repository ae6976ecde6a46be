//! The server's half of forms without scripts (UX-1, see
//! `components::form_reply`): a plain form post that fails is marked by the
//! server function, the web layer turns the answer into a redirect with a
//! sealed reply cookie, and the next page render takes the reply out of it.
//!
//! The cookie is sealed (encrypted and authenticated), so what was typed —
//! a personnummer, say — is not readable in the browser's cookie store and
//! cannot be forged to show a message of someone else's making. It lives two
//! minutes and is cleared by the render that reads it.
use super::auth::{cookie_name, cookie_value};
use super::sealing::SecretsKey;
use super::AppState;
use crate::components::form_reply::FormReply;
use http::{header, HeaderValue};
use std::sync::OnceLock;

const COOKIE: &str = "iw_form";
/// Set by a server function on the answer to a plain form post that failed;
/// the web layer removes it before the answer leaves.
pub const FAILED_HEADER: &str = "x-iw-form-failed";
const MAX_AGE_SECS: u32 = 120;
/// Browsers keep cookies up to 4 KiB, name and attributes included.
const MAX_SEALED_LEN: usize = 3600;
/// The most fields a reply gives back (no form of the portal has more).
const MAX_FIELDS: usize = 60;
/// Sealed text starts with this, so nothing else sealed under the same key reads as a reply.
const PURPOSE: &str = "form-reply\n";

/// Marks the answer to the plain form post being served as failed.
pub fn mark_failed() {
    if crate::error::is_plain_form_post()
        && let Some(options) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>()
    {
        options.insert_header(header::HeaderName::from_static(FAILED_HEADER), HeaderValue::from_static("1"));
    }
}

/// Sends the browser on to `path` after a plain form post that succeeded
/// (a hydrated page navigates by itself).
pub fn on_success_go(path: &str) {
    if crate::error::is_plain_form_post() {
        leptos_axum::redirect(path);
    }
}

/// The key replies are sealed with: the configured secrets key, or one made
/// for this process (then a reply only reaches a page served by the same process).
fn key(state: &AppState) -> &SecretsKey {
    static PROCESS_KEY: OnceLock<SecretsKey> = OnceLock::new();
    state.settings.secrets_key.as_ref().unwrap_or_else(|| {
        PROCESS_KEY.get_or_init(|| SecretsKey::parse(&SecretsKey::generate()).expect("a generated key parses"))
    })
}

/// The `Set-Cookie` value that carries `reply` to the next page. Typed values
/// are given up, longest first, where the cookie would grow too large.
pub fn reply_cookie(state: &AppState, mut reply: FormReply) -> Option<HeaderValue> {
    // Only what can fit is worth sealing: a huge or many-fielded post costs no more than a small one.
    reply.values.retain(|(name, value)| !FormReply::is_secret(name) && name.len() <= 100 && value.len() <= MAX_SEALED_LEN / 2);
    reply.values.truncate(MAX_FIELDS);
    loop {
        let plain = format!("{PURPOSE}{}", serde_json::to_string(&reply).ok()?);
        let sealed = key(state).seal(&plain);
        if sealed.len() <= MAX_SEALED_LEN {
            return HeaderValue::from_str(&cookie(state, &sealed, MAX_AGE_SECS)).ok();
        }
        if reply.values.is_empty() {
            // Even the message alone does not fit: the page comes back without it.
            reply.error = reply.error.map(|_| crate::error::AppError::BadRequest(said!(server_errors.form_not_sent).into()));
            let plain = format!("{PURPOSE}{}", serde_json::to_string(&reply).ok()?);
            return HeaderValue::from_str(&cookie(state, &key(state).seal(&plain), MAX_AGE_SECS)).ok();
        }
        let longest = reply.values.iter().enumerate().max_by_key(|(_, (_, v))| v.len()).map(|(i, _)| i)?;
        reply.values.remove(longest);
    }
}

fn cookie(state: &AppState, value: &str, max_age: u32) -> String {
    let secure = if state.settings.secure_cookies { "; Secure" } else { "" };
    format!("{}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}", cookie_name(state, COOKIE))
}

/// The reply carried by the page request being rendered; the answer clears the cookie.
pub fn take(state: &AppState) -> Option<FormReply> {
    let sealed = super::auth::with_request_parts(|parts| cookie_value(&parts.headers, &cookie_name(state, COOKIE)))??;
    if let Ok(clear) = HeaderValue::from_str(&cookie(state, "", 0)) {
        super::auth::set_cookie_header(clear);
    }
    let plain = key(state).open(&sealed)?;
    serde_json::from_str(plain.strip_prefix(PURPOSE)?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_was_sealed_as_a_reply_reads_as_one() {
        let key = SecretsKey::parse(&SecretsKey::generate()).unwrap();
        let reply = FormReply { action: "/api/x".into(), error: None, values: vec![] };
        let plain = format!("{PURPOSE}{}", serde_json::to_string(&reply).unwrap());
        let opened = key.open(&key.seal(&plain)).unwrap();
        assert_eq!(serde_json::from_str::<FormReply>(opened.strip_prefix(PURPOSE).unwrap()).unwrap(), reply);
        let other = key.open(&key.seal(&serde_json::to_string(&reply).unwrap())).unwrap();
        assert!(other.strip_prefix(PURPOSE).is_none());
    }
}

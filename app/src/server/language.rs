//! UX-2: the language a request is answered in, and remembering a person's
//! choice — on the account (so it follows them to another browser at the
//! next login) and in a cookie (so every page, logged in or not, is
//! rendered in it on the server, with no flash of the other language).
//!
//! Swedish is the default. A browser that prefers English (`Accept-Language`)
//! is offered English at the top of every page until a choice is made; the
//! portal does not switch on that guess alone, because the routine's words
//! (`Logga in`, `Godkänn`) are what installers and customer service know the
//! portal by, and a browser's language is often not its user's choice.
use super::auth::{cookie_name, cookie_value, set_cookie_header};
use super::entities::user;
use super::AppState;
use crate::domain::Language;
use crate::error::AppError;
use http::{header, HeaderMap, HeaderValue};
use sea_orm::{ActiveModelTrait, ActiveValue::Set};

/// The cookie the choice is kept in (`__Host-iw_lang` with secure cookies).
pub const COOKIE: &str = "iw_lang";
/// Browsers keep a cookie at most 400 days.
const MAX_AGE_SECS: u32 = 400 * 24 * 3600;

/// How one request is answered: decided once by the web layer from the
/// request's headers and read by the page render and the server functions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RequestLanguage {
    pub language: Language,
    /// Whether the person chose it (else it is the default).
    pub chosen: bool,
    /// The language the browser prefers, while the person has not chosen:
    /// the page offers it.
    pub offer: Option<Language>,
}

/// The language for a request with these headers: the person's choice (the
/// cookie), else Swedish — with English offered when the browser prefers it.
pub fn choose(state: &AppState, headers: &HeaderMap) -> RequestLanguage {
    let chosen = cookie_value(headers, &cookie_name(state, COOKIE)).and_then(|v| v.parse::<Language>().ok());
    let language = chosen.unwrap_or_default();
    let offer = match chosen {
        Some(_) => None,
        None => headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .and_then(Language::preferred_by)
            .filter(|preferred| *preferred != language),
    };
    RequestLanguage { language, chosen: chosen.is_some(), offer }
}

tokio::task_local! {
    /// The language of the request whose handler runs in this task.
    static SERVING: RequestLanguage;
}

/// Runs a request's handling with its language at hand: plain routes (the
/// upload forms, the files) have no Leptos context to read it from.
pub async fn serving<F: std::future::Future>(language: RequestLanguage, handling: F) -> F::Output {
    SERVING.scope(language, handling).await
}

/// The language of the request being served (a plain route's, a server
/// function's or a page render's, which may go on in other tasks: those read
/// it from the request in their context); Swedish outside a request.
pub fn current() -> RequestLanguage {
    SERVING
        .try_with(|language| *language)
        .ok()
        .or_else(|| {
            super::auth::with_request_parts(|parts| parts.extensions.get::<RequestLanguage>().copied()).flatten()
        })
        .unwrap_or_default()
}

/// The `Set-Cookie` value that keeps `language` for this browser.
fn cookie(state: &AppState, language: Language) -> Option<HeaderValue> {
    let secure = if state.settings.secure_cookies { "; Secure" } else { "" };
    let name = cookie_name(state, COOKIE);
    HeaderValue::from_str(&format!("{name}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={MAX_AGE_SECS}{secure}", language.code())).ok()
}

/// Keeps `language` for this browser and, when someone is logged in, on
/// their account (the person really logged in: an admin acting for an
/// installer changes the admin's language, not the installer's).
pub async fn remember(state: &AppState, language: Language) -> Result<(), AppError> {
    if let Some(person) = super::auth::real_user(state).await? {
        if person.language.as_deref() != Some(language.code()) {
            let mut changed: user::ActiveModel = person.into();
            changed.language = Set(Some(language.code().to_string()));
            changed.update(&state.db).await?;
        }
    }
    if let Some(value) = cookie(state, language) {
        set_cookie_header(value);
    }
    Ok(())
}

/// At login: the account's language, if its owner chose one, becomes this
/// browser's too.
pub fn apply_account_choice(state: &AppState, account: &user::Model) {
    let chosen = account.language.as_deref().and_then(|code| code.parse::<Language>().ok());
    // (Nothing chosen: the browser keeps whatever it has.)
    if let Some(value) = chosen.and_then(|language| cookie(state, language)) {
        set_cookie_header(value);
    }
}

/// The language a new account starts with: the one its owner chose in this
/// browser, if any.
pub fn chosen_for_new_account() -> Option<String> {
    let request = current();
    request.chosen.then(|| request.language.code().to_string())
}

/// The language to write to an account's owner in (e-mails): their choice,
/// else the default.
pub fn of_account(account: &user::Model) -> Language {
    account.language.as_deref().and_then(|code| code.parse().ok()).unwrap_or_default()
}

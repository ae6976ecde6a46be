//! One module per page.
pub mod admin;
pub mod admin_move;
pub mod admin_registers;
pub mod admin_support;
pub mod admin_users;
pub mod cases;
pub mod forgot_password;
pub mod home;
pub mod lazy;
pub mod login;
pub mod my_details;
pub mod no_self_registration;
pub mod notifications;
pub mod register;
pub mod second_factor;
pub mod support;
pub mod team;
pub mod team_new;
pub mod verify_email;

use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;

/// UX-1: the pages a browser is served without the app (no script, no
/// WASM) when it opens them itself (see the list below). Everything on them is a plain link or
/// form, and every form is answered with a new page (the login form's with
/// the person's first page, or with this page and its messages), so
/// hydrating them would only keep the person waiting for code the page never
/// runs. On a phone at a building site the login page works as soon as its
/// HTML is in, and the app's main module is fetched while the person types
/// (`SiteFilesHead`), for the first page after it. Reached from a page that
/// has the app, they are the app's like any other page.
///
/// - the login page;
/// - the start page, to a browser that carries no session: there it only
///   points the way in (log in, register, an installer without a Swedish
///   company) and offers the other language. With a session cookie (even
///   one that has expired) it is the app's: a logged-in start page has live
///   parts.
pub fn is_served_without_the_app(path: &str, carries_a_session: bool) -> bool {
    match path {
        "/logga-in" => true,
        "/" => !carries_a_session,
        _ => false,
    }
}

/// Whether the page being rendered goes out without the app
/// ([`is_served_without_the_app`] for this request's address and cookies).
/// Without the request's state, as if it carried a session: the app is never wrong.
#[cfg(feature = "ssr")]
pub fn this_request_is_served_without_the_app() -> bool {
    let session_cookie = with_context::<crate::server::AppState, _>(|state| crate::server::auth::cookie_name(state, crate::server::auth::SESSION_COOKIE));
    crate::server::auth::with_request_parts(|parts| {
        let carries_a_session = session_cookie.as_deref().is_none_or(|name| crate::server::auth::cookie_value(&parts.headers, name).is_some());
        is_served_without_the_app(parts.uri.path(), carries_a_session)
    })
    .unwrap_or(false)
}

#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(options) = use_context::<leptos_axum::ResponseOptions>() {
        options.set_status(http::StatusCode::NOT_FOUND);
    }
    let locale = crate::components::language::locale();
    view! {
        <Title text=td_string!(locale, common.not_found)/>
        <section class="card">
            <h1>{td_string!(locale, common.not_found)}</h1>
            <p><a href="/">{td_string!(locale, common.to_start)}</a></p>
        </section>
    }
}

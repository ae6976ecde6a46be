//! Installatörswebben: the application shared by the server (SSR) and the
//! browser (hydrate): domain rules, server functions, routes and components.
#![recursion_limit = "256"]

/// A text of the translation files, `said!(section.key)`, in the language of
/// whoever the message is for (UX-2): the request's on the server, the
/// page's in the browser. For messages made outside a component.
#[cfg_attr(not(feature = "ssr"), allow(unused_macros))]
macro_rules! said {
    ($section:ident . $key:ident) => {
        $crate::i18n::td_string!($crate::components::language::current_locale(), $section.$key)
    };
}

pub mod api;
pub mod components;
pub mod domain;
pub mod error;
pub mod formats;
pub mod pages;
pub mod translated;
#[cfg(test)]
mod translation_checks;

// UX-2: the `i18n` module (its `Locale`, `use_i18n` and `t!`) made from `locales/`.
// The library now prefers generating it in a build script, but its build-time
// generator brings ICU's data exporter into every build; the macro makes the same module.
#[allow(deprecated)]
mod translations {
    leptos_i18n::load_locales!();
}
pub mod i18n {
    pub use super::translations::i18n::*;

    /// Fills a translation's `{name}` placeholders. (The library's own
    /// interpolation in strings, `{{ name }}`, needs its build-script
    /// generator; views use `t!` with arguments, which has it.) Every
    /// language has the same placeholders in a key (a test checks).
    /// One pass over the template, so a value is never read as a placeholder.
    pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
        let mut text = String::with_capacity(template.len() + 16);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            text.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}').and_then(|close| values.iter().find(|(n, _)| *n == &after[..close]).map(|(_, v)| (close, v))) {
                Some((close, value)) => {
                    text.push_str(value);
                    rest = &after[close + 1..];
                }
                None => {
                    text.push('{');
                    rest = after;
                }
            }
        }
        text.push_str(rest);
        text
    }

    #[cfg(test)]
    mod tests {
        #[test]
        fn placeholders_are_filled_once_and_unknown_ones_kept() {
            assert_eq!(super::fill("Admin för {installer}", &[("installer", "Anna {id}")]), "Admin för Anna {id}");
            assert_eq!(super::fill("{a}-{b}-{c}", &[("a", "1"), ("b", "2")]), "1-2-{c}");
            assert_eq!(super::fill("{ öppen", &[]), "{ öppen");
        }
    }
}
#[cfg(feature = "ssr")]
pub mod server;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, Lazy, SsrMode,
};

/// The HTML document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    server::security::content_security_policy();
    // UX-1: what a form posted without scripts came back with, for this render
    // and (as a data block) for the hydrating app.
    #[cfg(feature = "ssr")]
    let reply = server::AppState::current().ok().and_then(|state| server::form_reply::take(&state));
    #[cfg(not(feature = "ssr"))]
    let reply: Option<components::form_reply::FormReply> = None;
    let reply_data = reply.as_ref().map(|r| r.to_script_json());
    components::form_reply::provide_form_reply(reply);
    // UX-2: the request's language, decided by the web layer; the hydrating app reads it back from here.
    #[cfg(feature = "ssr")]
    let (language, offer) = {
        let request = server::language::current();
        (request.language, request.offer)
    };
    #[cfg(not(feature = "ssr"))]
    let (language, offer) = (domain::Language::default(), None::<domain::Language>);
    // TEAM-9: stamped before any of the page's data is read, so the live
    // stream can tell whether anything changed after it (see `LiveUpdates`).
    #[cfg(feature = "ssr")]
    let rendered_at = Some(server::events::render_stamp());
    #[cfg(not(feature = "ssr"))]
    let rendered_at = None::<u64>;
    #[cfg(feature = "ssr")]
    let with_app = !pages::this_request_is_served_without_the_app();
    #[cfg(not(feature = "ssr"))]
    let with_app = true;
    view! {
        <!DOCTYPE html>
        // `data-offer-language` is `components::language::OFFER_ATTRIBUTE`.
        <html lang=language.code() data-offer-language=offer.map(|l| l.code())>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <AutoReload options=options.clone()/>
                // The style sheet and the module by their content-hashed names (UX-1): kept by browsers for good.
                <components::site_files::SiteFilesHead options with_app/>
                <MetaTags/>
                {reply_data.map(|json| view! {
                    <script type="application/json" id=components::form_reply::FormReply::ELEMENT_ID inner_html=json></script>
                })}
            </head>
            // `data-rendered-at` is `components::live::RENDERED_AT_ATTRIBUTE`;
            // `data-app="none"`: a page served without the app, to be used as it is.
            <body data-rendered-at=rendered_at data-app=(!with_app).then_some("none")>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    #[cfg(feature = "hydrate")]
    components::form_reply::provide_form_reply(components::form_reply::reply_in_document());
    components::language::provide_language();
    components::session::provide_session();
    components::live::provide_live();

    view! {
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml"/>
        <Meta name="description" content="Installatörswebben – anmäl ärenden till elnätsbolaget."/>
        <Title formatter=|text: String| if text.is_empty() { "Installatörswebben".to_string() } else { format!("{text} – Installatörswebben") }/>
        // Every page is rendered whole on the server before it is sent (not
        // streamed with placeholders that scripts fill in): it works without
        // scripts and before the WASM has arrived (UX-1), and its title is
        // known when the head is written.
        <Router>
            <components::layout::Layout>
                <Routes fallback=pages::NotFound>
                    <Route path=path!("/") view=pages::home::HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/logga-in") view={Lazy::<pages::lazy::Login>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/glomt-losenord") view={Lazy::<pages::lazy::ForgotPassword>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/bekrafta-epost") view={Lazy::<pages::lazy::VerifyEmail>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/registrera") view={Lazy::<pages::lazy::Register>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/tvastegsverifiering") view={Lazy::<pages::lazy::SecondFactor>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/mina-uppgifter") view={Lazy::<pages::lazy::MyDetails>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/konto-utan-registrering") view={Lazy::<pages::lazy::NoSelfRegistration>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/nytt-team") view={Lazy::<pages::lazy::NewTeam>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/team/:id") view={Lazy::<pages::lazy::Team>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/team/:id/arenden") view={Lazy::<pages::lazy::MemberCases>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/team/:id/medlem/:user") view={Lazy::<pages::lazy::MemberCases>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/arenden") view=pages::cases::list::MyCasesPage ssr=SsrMode::Async/>
                    <Route path=path!("/notiser") view={Lazy::<pages::lazy::Notifications>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/arenden/nytt") view={Lazy::<pages::lazy::NewCase>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/arenden/:id") view={Lazy::<pages::lazy::Case>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/handlaggning") view={Lazy::<pages::lazy::Queue>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin") view={Lazy::<pages::lazy::Admin>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/flytta-arenden") view={Lazy::<pages::lazy::AdminMove>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/anvandare") view={Lazy::<pages::lazy::AdminUsers>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/register") view={Lazy::<pages::lazy::AdminRegisters>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/anvandare/:id") view={Lazy::<pages::lazy::AdminUser>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/support") view={Lazy::<pages::lazy::AdminSupport>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/support/:id") view={Lazy::<pages::lazy::AdminSupportRequest>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/admin/skapa-manuellt") view={Lazy::<pages::lazy::AdminManual>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/support") view={Lazy::<pages::lazy::Support>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/support/status/:code") view={Lazy::<pages::lazy::SupportStatus>::new()} ssr=SsrMode::Async/>
                    <Route path=path!("/valj-losenord") view={Lazy::<pages::lazy::ChoosePassword>::new()} ssr=SsrMode::Async/>
                </Routes>
            </components::layout::Layout>
        </Router>
    }
}

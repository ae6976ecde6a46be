//! Installatörswebben: the application shared by the server (SSR) and the
//! browser (hydrate): domain rules, server functions, routes and components.
#![recursion_limit = "256"]

pub mod api;
pub mod components;
pub mod domain;
pub mod error;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path, SsrMode,
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
    view! {
        <!DOCTYPE html>
        <html lang="sv">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <AutoReload options=options.clone()/>
                // The style sheet by its content-hashed name (UX-1): kept by browsers for good.
                <leptos_meta::HashedStylesheet options=options.clone() id="leptos"/>
                <HydrationScripts options/>
                <MetaTags/>
                {reply_data.map(|json| view! {
                    <script type="application/json" id=components::form_reply::FormReply::ELEMENT_ID inner_html=json></script>
                })}
            </head>
            <body>
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
    components::session::provide_session();
    components::live::provide_live();
    components::mark_hydrated();

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
                    <Route path=path!("/logga-in") view=pages::login::LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("/glomt-losenord") view=pages::forgot_password::ForgotPasswordPage ssr=SsrMode::Async/>
                    <Route path=path!("/bekrafta-epost") view=pages::verify_email::VerifyEmailPage ssr=SsrMode::Async/>
                    <Route path=path!("/registrera") view=pages::register::RegisterPage ssr=SsrMode::Async/>
                    <Route path=path!("/tvastegsverifiering") view=pages::second_factor::SecondFactorPage ssr=SsrMode::Async/>
                    <Route path=path!("/mina-uppgifter") view=pages::my_details::MyDetailsPage ssr=SsrMode::Async/>
                    <Route path=path!("/konto-utan-registrering") view=pages::no_self_registration::NoSelfRegistrationPage ssr=SsrMode::Async/>
                    <Route path=path!("/nytt-team") view=pages::team_new::NewTeamPage ssr=SsrMode::Async/>
                    <Route path=path!("/team/:id") view=pages::team::TeamPage ssr=SsrMode::Async/>
                    <Route path=path!("/team/:id/medlem/:user") view=pages::cases::member::MemberCasesPage ssr=SsrMode::Async/>
                    <Route path=path!("/arenden") view=pages::cases::list::MyCasesPage ssr=SsrMode::Async/>
                    <Route path=path!("/arenden/nytt") view=pages::cases::new_case::NewCasePage ssr=SsrMode::Async/>
                    <Route path=path!("/arenden/:id") view=pages::cases::case_page::CasePage ssr=SsrMode::Async/>
                    <Route path=path!("/handlaggning") view=pages::cases::queue::QueuePage ssr=SsrMode::Async/>
                    <Route path=path!("/admin") view=pages::admin::AdminPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/flytta-arenden") view=pages::admin_move::AdminMovePage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/support") view=pages::admin_support::AdminSupportPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/support/:id") view=pages::admin_support::AdminSupportRequestPage ssr=SsrMode::Async/>
                    <Route path=path!("/admin/skapa-manuellt") view=pages::admin_support::AdminManualPage ssr=SsrMode::Async/>
                    <Route path=path!("/support") view=pages::support::SupportPage ssr=SsrMode::Async/>
                    <Route path=path!("/support/status/:code") view=pages::support::SupportStatusPage ssr=SsrMode::Async/>
                    <Route path=path!("/valj-losenord") view=pages::support::ChoosePasswordPage ssr=SsrMode::Async/>
                </Routes>
            </components::layout::Layout>
        </Router>
    }
}

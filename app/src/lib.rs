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
use leptos_meta::{provide_meta_context, Link, Meta, MetaTags, Stylesheet, Title};
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

/// The HTML document around the app, rendered on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    server::security::content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang="sv">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <MetaTags/>
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
    components::session::provide_session();
    components::live::provide_live();
    components::mark_hydrated();

    view! {
        <Stylesheet id="leptos" href="/pkg/installatorswebben.css"/>
        <Link rel="icon" href="/favicon.svg" type_="image/svg+xml"/>
        <Meta name="description" content="Installatörswebben – anmäl ärenden till elnätsbolaget."/>
        <Title formatter=|text: String| if text.is_empty() { "Installatörswebben".to_string() } else { format!("{text} – Installatörswebben") }/>
        <Router>
            <components::layout::Layout>
                <Routes fallback=pages::NotFound>
                    <Route path=path!("/") view=pages::home::HomePage/>
                    <Route path=path!("/logga-in") view=pages::login::LoginPage/>
                    <Route path=path!("/glomt-losenord") view=pages::forgot_password::ForgotPasswordPage/>
                    <Route path=path!("/bekrafta-epost") view=pages::verify_email::VerifyEmailPage/>
                    <Route path=path!("/registrera") view=pages::register::RegisterPage/>
                    <Route path=path!("/tvastegsverifiering") view=pages::second_factor::SecondFactorPage/>
                    <Route path=path!("/mina-uppgifter") view=pages::my_details::MyDetailsPage/>
                    <Route path=path!("/konto-utan-registrering") view=pages::no_self_registration::NoSelfRegistrationPage/>
                    <Route path=path!("/nytt-team") view=pages::team_new::NewTeamPage/>
                    <Route path=path!("/team/:id") view=pages::team::TeamPage/>
                    <Route path=path!("/team/:id/medlem/:user") view=pages::cases::member::MemberCasesPage/>
                    <Route path=path!("/arenden") view=pages::cases::list::MyCasesPage/>
                    <Route path=path!("/arenden/nytt") view=pages::cases::new_case::NewCasePage/>
                    <Route path=path!("/arenden/:id") view=pages::cases::case_page::CasePage/>
                    <Route path=path!("/handlaggning") view=pages::cases::queue::QueuePage/>
                    <Route path=path!("/admin") view=pages::admin::AdminPage/>
                    <Route path=path!("/admin/flytta-arenden") view=pages::admin_move::AdminMovePage/>
                    <Route path=path!("/admin/support") view=pages::admin_support::AdminSupportPage/>
                    <Route path=path!("/admin/support/:id") view=pages::admin_support::AdminSupportRequestPage/>
                    <Route path=path!("/admin/skapa-manuellt") view=pages::admin_support::AdminManualPage/>
                    <Route path=path!("/support") view=pages::support::SupportPage/>
                    <Route path=path!("/support/status/:code") view=pages::support::SupportStatusPage/>
                    <Route path=path!("/valj-losenord") view=pages::support::ChoosePasswordPage/>
                </Routes>
            </components::layout::Layout>
        </Router>
    }
}

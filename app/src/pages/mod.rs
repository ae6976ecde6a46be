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

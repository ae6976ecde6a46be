use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;

/// ACC-5, ACC-6: who cannot register themselves, and what they do instead.
#[component]
pub fn NoSelfRegistrationPage() -> impl IntoView {
    let locale = crate::components::language::locale();
    view! {
        <Title text=td_string!(locale, no_self_registration.title)/>
        <section class="card">
            <h1>{td_string!(locale, no_self_registration.title)}</h1>
            <h2>{td_string!(locale, no_self_registration.foreign)}</h2>
            <p>{td_string!(locale, no_self_registration.foreign_text)}</p>
            <p>{td_string!(locale, no_self_registration.send_with)}</p>
            <ul>
                <li>{td_string!(locale, no_self_registration.certificate)}</li>
                <li>{td_string!(locale, no_self_registration.contact)}</li>
            </ul>
            <p><a class="button" href="/support?typ=utlandsk_installator">{td_string!(locale, no_self_registration.foreign_button)}</a></p>
            <h2>{td_string!(locale, no_self_registration.no_company)}</h2>
            <p>{td_string!(locale, no_self_registration.no_company_text)}</p>
            <p><a class="button" href="/support?typ=installator_utan_foretag">{td_string!(locale, no_self_registration.no_company_button)}</a></p>
            <p>{td_string!(locale, no_self_registration.after)}</p>
            <p><a href="/">{td_string!(locale, no_self_registration.to_start)}</a></p>
        </section>
    }
}

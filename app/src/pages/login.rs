use crate::api::auth::Login;
use crate::components::{field::{show_server_error, FieldState, TextField}, session::use_session, FormError, PostForm};
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

#[component]
pub fn LoginPage() -> impl IntoView {
    let session = use_session();
    let email = FieldState::new();
    let password = FieldState::new();
    let form_error = RwSignal::new(None);
    let login = ServerAction::<Login>::new();
    let navigate = use_navigate();
    let locale = crate::components::language::locale();

    let shown_in = crate::components::language::page_language().language;
    Effect::new(move |_| match login.value().get() {
        Some(Ok(user)) => {
            // ADM-6: the password step is done; the session opens after the code.
            let next = if user.second_factor.is_some() { "/tvastegsverifiering" } else { "/" };
            if user.language.as_deref().is_some_and(|chosen| chosen != shown_in.code()) {
                // UX-2: the account's language differs from this page's: the
                // next page comes whole from the server, in that language.
                let _ = window().location().set_href(next);
            } else {
                if user.second_factor.is_none() {
                    session.refresh();
                }
                navigate(next, Default::default());
            }
        }
        Some(Err(e)) => form_error.set(show_server_error(&e, &[("email", email), ("password", password)])),
        None => {}
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form_error.set(None);
        login.dispatch(Login { email: email.get(), password: password.get() });
    };

    view! {
        <Title text=td_string!(locale, login.title)/>
        <section class="card narrow">
            <h1>{td_string!(locale, login.title)}</h1>
            // A real form: without scripts (or before hydration) it posts to the
            // login function, never sending the password in an address.
            <PostForm action="/api/auth/login" on_submit=on_submit>
                <TextField id="email" label=td_string!(locale, login.email) state=email input_type="email" autocomplete="username"/>
                <TextField id="password" label=td_string!(locale, login.password) state=password input_type="password" autocomplete="current-password"/>
                <FormError message=form_error/>
                <button type="submit" disabled=move || login.pending().get()>{td_string!(locale, login.submit)}</button>
            </PostForm>
            <p><a href="/glomt-losenord">{td_string!(locale, login.forgot)}</a></p>
            <p>{td_string!(locale, login.no_account)} <a href="/registrera">{td_string!(locale, login.register)}</a></p>
            <p><a href="/konto-utan-registrering">{td_string!(locale, login.foreign)}</a></p>
        </section>
    }
}

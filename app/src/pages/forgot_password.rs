//! ACC-4 `Glömt lösenord`: a link to choose a new password, by e-mail.
use crate::api::auth::ForgotPassword;
use crate::components::field::{show_server_error, FieldState, TextField};
use crate::components::{FormError, StatusMessage, PostForm};
use crate::pages::register::CHECK_EMAIL;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let email = FieldState::new();
    let status = RwSignal::new(None::<String>);
    let form_error = RwSignal::new(None::<String>);
    let action = ServerAction::<ForgotPassword>::new();
    Effect::new(move |_| match action.value().get() {
        Some(Ok(())) => status.set(Some(
            "Om adressen hör till ett konto på Installatörswebben har vi skickat en länk dit. \
             Länken gäller i en timme. Hittar du inget mejl, titta i skräpposten."
                .into(),
        )),
        Some(Err(e)) => form_error.set(show_server_error(&e, &[("email", email)])),
        None => {}
    });
    view! {
        <Title text="Glömt lösenord"/>
        <section class="card narrow">
            <h1>"Glömt lösenord"</h1>
            <p>"Skriv ditt användarnamn (e-postadressen). Vi mejlar en länk där du väljer ett nytt lösenord."</p>
            <PostForm action="/api/auth/forgot-password" on_submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                form_error.set(None);
                status.set(None);
                action.dispatch(ForgotPassword { email: email.get() });
            }>
                <TextField id="email" label="Användarnamn (e-postadress)" state=email input_type="email" autocomplete="username" check=CHECK_EMAIL/>
                <FormError message=form_error/>
                <button type="submit" disabled=move || action.pending().get()>"Skicka länk"</button>
                <StatusMessage message=status/>
            </PostForm>
            <p><a href="/logga-in">"Tillbaka till inloggningen"</a></p>
        </section>
    }
}

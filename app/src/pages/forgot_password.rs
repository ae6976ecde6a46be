//! ACC-4 `Glömt lösenord`: a link to choose a new password, by e-mail.
use crate::api::auth::ForgotPassword;
use crate::components::field::{show_server_error, FieldState, TextField};
use crate::components::{FormError, StatusMessage, PostForm};
use crate::pages::register::CHECK_EMAIL;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let locale = crate::components::language::locale();
    let email = FieldState::new();
    let status = RwSignal::new(None::<String>);
    let form_error = RwSignal::new(None::<String>);
    let action = ServerAction::<ForgotPassword>::new();
    Effect::new(move |_| match action.value().get() {
        Some(Ok(())) => status.set(Some(td_string!(locale, forgot_password.sent).into())),
        Some(Err(e)) => form_error.set(show_server_error(&e, &[("email", email)])),
        None => {}
    });
    view! {
        <Title text=td_string!(locale, forgot_password.title)/>
        <section class="card narrow">
            <h1>{td_string!(locale, forgot_password.title)}</h1>
            <p>{td_string!(locale, forgot_password.intro)}</p>
            <PostForm action="/api/auth/forgot-password" on_submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                form_error.set(None);
                status.set(None);
                action.dispatch(ForgotPassword { email: email.get() });
            }>
                <TextField id="email" label=td_string!(locale, forgot_password.email) state=email input_type="email" autocomplete="username" check=CHECK_EMAIL/>
                <FormError message=form_error/>
                <button type="submit" disabled=move || action.pending().get()>{td_string!(locale, forgot_password.send)}</button>
                <StatusMessage message=status/>
            </PostForm>
            <p><a href="/logga-in">{td_string!(locale, forgot_password.back)}</a></p>
        </section>
    }
}

//! ACC-1: the page an e-mailed link opens to prove an address. A real form
//! (the secret posted, never fetched by a mere visit), so a mail scanner
//! that follows links does not use it up.
use crate::api::auth::VerifyEmail;
use crate::components::{FormError, StatusMessage, PostForm};
use crate::i18n::{fill, td_string};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn VerifyEmailPage() -> impl IntoView {
    let query = use_query_map();
    let code = move || query.read().get("kod").unwrap_or_default();
    let status = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let action = ServerAction::<VerifyEmail>::new();
    let locale = crate::components::language::locale();
    Effect::new(move |_| match action.value().get() {
        Some(Ok(email)) => status.set(Some(fill(td_string!(locale, verify_email.confirmed), &[("email", &email)]))),
        Some(Err(e)) => error.set(Some(e.to_string())),
        None => {}
    });
    view! {
        <Title text=td_string!(locale, verify_email.title)/>
        <section class="card narrow">
            <h1>{td_string!(locale, verify_email.title)}</h1>
            <PostForm action="/api/auth/verify-email" on_submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                error.set(None);
                action.dispatch(VerifyEmail { code: code() });
            }>
                <input type="hidden" name="code" value=code/>
                <FormError message=error/>
                <button type="submit" disabled=move || action.pending().get() || status.get().is_some()>{td_string!(locale, verify_email.confirm)}</button>
                <StatusMessage message=status/>
            </PostForm>
            <p><a href="/">{td_string!(locale, verify_email.to_start)}</a></p>
        </section>
    }
}

//! ADM-6: an admin's second login step: set up an authenticator app the
//! first time (with recovery codes shown once), then give a code every time.
use crate::api::auth::{second_factor_status, BeginTotpEnrolment, ConfirmTotpEnrolment, VerifySecondFactor};
use crate::api::SecondFactorStep;
use crate::components::field::{show_server_error, FieldState, TextField};
use crate::components::session::use_session;
use crate::components::FormError;
use crate::i18n::td_string;
use leptos::prelude::*;
use crate::components::PostForm;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

#[component]
pub fn SecondFactorPage() -> impl IntoView {
    let locale = crate::components::language::locale();
    let status = Resource::new(|| (), |_| second_factor_status());
    view! {
        <Title text=td_string!(locale, second_factor.title)/>
        <section class="card narrow">
            <h1>{td_string!(locale, second_factor.title)}</h1>
            <Transition fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match status.await {
                        Ok(Some(SecondFactorStep::Enrol)) => view! { <Enrol/> }.into_any(),
                        Ok(Some(SecondFactorStep::Verify)) => view! { <Verify/> }.into_any(),
                        _ => view! {
                            <p>{td_string!(locale, second_factor.no_login)}</p>
                            <p><a href="/logga-in">{td_string!(locale, second_factor.to_login)}</a></p>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Verify() -> impl IntoView {
    let locale = crate::components::language::locale();
    let session = use_session();
    let navigate = use_navigate();
    let code = FieldState::new();
    let error = RwSignal::new(None::<String>);
    let verify = ServerAction::<VerifySecondFactor>::new();
    Effect::new(move |_| match verify.value().get() {
        Some(Ok(_)) => {
            session.refresh();
            navigate("/", Default::default());
        }
        Some(Err(e)) => error.set(show_server_error(&e, &[("code", code)])),
        None => {}
    });
    view! {
        <p>{td_string!(locale, second_factor.enter_code)}</p>
        <PostForm action="/api/auth/second-factor/verify" on_submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); error.set(None); verify.dispatch(VerifySecondFactor { code: code.get() }); }>
            <TextField id="code" label=td_string!(locale, second_factor.code) state=code autocomplete="one-time-code"
                hint=td_string!(locale, second_factor.code_hint)/>
            <FormError message=error/>
            <button type="submit" disabled=move || verify.pending().get()>{td_string!(locale, second_factor.verify)}</button>
        </PostForm>
    }
}

#[component]
fn Enrol() -> impl IntoView {
    let locale = crate::components::language::locale();
    let begin = ServerAction::<BeginTotpEnrolment>::new();
    let confirm = ServerAction::<ConfirmTotpEnrolment>::new();
    let code = FieldState::new();
    let error = RwSignal::new(None::<String>);
    let session = use_session();
    Effect::new(move |_| {
        if let Some(Err(e)) = confirm.value().get() {
            error.set(show_server_error(&e, &[("code", code)]));
        }
    });
    Effect::new(move |_| {
        if let Some(Ok(_)) = confirm.value().get() {
            session.refresh();
        }
    });
    view! {
        <p>{td_string!(locale, second_factor.intro)}</p>
        {move || match (begin.value().get(), confirm.value().get()) {
            (_, Some(Ok(codes))) => view! {
                <h2>{td_string!(locale, second_factor.recovery_codes)}</h2>
                <p>{td_string!(locale, second_factor.recovery_explained)}</p>
                <ul class="codes" aria-label=td_string!(locale, second_factor.recovery_codes)>
                    {codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
                </ul>
                <p><a class="button" href="/">{td_string!(locale, second_factor.continue_)}</a></p>
            }.into_any(),
            (Some(Ok(setup)), _) => view! {
                <h2>{td_string!(locale, second_factor.key)}</h2>
                <p>{td_string!(locale, second_factor.key_explained)}</p>
                <p><code class="secret" aria-label=td_string!(locale, second_factor.key)>{setup.secret.clone()}</code></p>
                <p class="hint">{td_string!(locale, second_factor.or_address)} <code class="uri">{setup.uri.clone()}</code></p>
                <PostForm action="/api/auth/second-factor/confirm" on_submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); error.set(None); confirm.dispatch(ConfirmTotpEnrolment { code: code.get() }); }>
                    <TextField id="code" label=td_string!(locale, second_factor.code_from_app) state=code autocomplete="one-time-code"/>
                    <FormError message=error/>
                    <button type="submit" disabled=move || confirm.pending().get()>{td_string!(locale, second_factor.confirm)}</button>
                </PostForm>
            }.into_any(),
            (Some(Err(e)), _) => view! { <p role="alert">{e.to_string()}</p> }.into_any(),
            (None, _) => view! {
                <noscript inner_html=format!("<p class=\"notice\">{}</p>", td_string!(locale, second_factor.needs_scripts))></noscript>
                <button type="button" disabled=move || begin.pending().get() on:click=move |_| { begin.dispatch(BeginTotpEnrolment {}); }>
                    {td_string!(locale, second_factor.create_key)}
                </button>
            }.into_any(),
        }}
    }
}

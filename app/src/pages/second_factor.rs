//! ADM-6: an admin's second login step: set up an authenticator app the
//! first time (with recovery codes shown once), then give a code every time.
use crate::api::auth::{second_factor_status, BeginTotpEnrolment, ConfirmTotpEnrolment, VerifySecondFactor};
use crate::api::SecondFactorStep;
use crate::components::field::{show_server_error, FieldState, TextField};
use crate::components::session::use_session;
use crate::components::FormError;
use leptos::prelude::*;
use crate::components::PostForm;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

#[component]
pub fn SecondFactorPage() -> impl IntoView {
    let status = Resource::new(|| (), |_| second_factor_status());
    view! {
        <Title text="Tvåstegsverifiering"/>
        <section class="card narrow">
            <h1>"Tvåstegsverifiering"</h1>
            <Transition fallback=|| view! { <p>"Laddar…"</p> }>
                {move || Suspend::new(async move {
                    match status.await {
                        Ok(Some(SecondFactorStep::Enrol)) => view! { <Enrol/> }.into_any(),
                        Ok(Some(SecondFactorStep::Verify)) => view! { <Verify/> }.into_any(),
                        _ => view! {
                            <p>"Det finns ingen pågående inloggning att verifiera."</p>
                            <p><a href="/logga-in">"Till inloggningen"</a></p>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Verify() -> impl IntoView {
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
        <p>"Ange koden från din autentiseringsapp."</p>
        <PostForm action="/api/auth/second-factor/verify" on_submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); error.set(None); verify.dispatch(VerifySecondFactor { code: code.get() }); }>
            <TextField id="code" label="Engångskod" state=code autocomplete="one-time-code"
                hint="Sex siffror. Har du inte tillgång till appen går en av dina återställningskoder också."/>
            <FormError message=error/>
            <button type="submit" disabled=move || verify.pending().get()>"Verifiera"</button>
        </PostForm>
    }
}

#[component]
fn Enrol() -> impl IntoView {
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
        <p>"Administratörskonton skyddas med en andra faktor. Lägg till kontot i en autentiseringsapp (till exempel Microsoft Authenticator, Google Authenticator eller FreeOTP)."</p>
        {move || match (begin.value().get(), confirm.value().get()) {
            (_, Some(Ok(codes))) => view! {
                <h2>"Återställningskoder"</h2>
                <p>"Spara koderna på ett säkert ställe. Varje kod kan användas en gång om du inte har tillgång till appen. De visas bara nu."</p>
                <ul class="codes" aria-label="Återställningskoder">
                    {codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
                </ul>
                <p><a class="button" href="/">"Fortsätt"</a></p>
            }.into_any(),
            (Some(Ok(setup)), _) => view! {
                <h2>"Nyckel"</h2>
                <p>"Skriv in nyckeln i appen (tidsbaserad, 6 siffror, 30 sekunder):"</p>
                <p><code class="secret" aria-label="Nyckel">{setup.secret.clone()}</code></p>
                <p class="hint">"Eller öppna adressen i appen: " <code class="uri">{setup.uri.clone()}</code></p>
                <PostForm action="/api/auth/second-factor/confirm" on_submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); error.set(None); confirm.dispatch(ConfirmTotpEnrolment { code: code.get() }); }>
                    <TextField id="code" label="Kod från appen" state=code autocomplete="one-time-code"/>
                    <FormError message=error/>
                    <button type="submit" disabled=move || confirm.pending().get()>"Bekräfta"</button>
                </PostForm>
            }.into_any(),
            (Some(Err(e)), _) => view! { <p role="alert">{e.to_string()}</p> }.into_any(),
            (None, _) => view! {
                <noscript inner_html="<p class=\"notice\">Att lägga till kontot i en autentiseringsapp kräver JavaScript. Slå på JavaScript i webbläsaren och ladda om sidan.</p>"></noscript>
                <button type="button" disabled=move || begin.pending().get() on:click=move |_| { begin.dispatch(BeginTotpEnrolment {}); }>
                    "Skapa nyckel"
                </button>
            }.into_any(),
        }}
    }
}

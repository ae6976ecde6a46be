//! ACC-7 `Ärende till support`: anyone files a request with the fields and
//! document its kind needs, and follows it through a status link (logged-in
//! installers also see their requests listed). ACC-5/ACC-6: the person a
//! manual account was made for chooses a password through the e-mailed link.
use crate::api::support::{my_requests, request_status, RequestSummary, SetPassword};
use crate::components::field::{show_server_error, FieldState, TextField};
use crate::components::session::use_session;
use crate::components::FormError;
use crate::domain::support::{validate_support_field, SupportField, SupportFieldKind, SupportKind};
use crate::domain::TERMS_VERSION;
use leptos::prelude::*;
use crate::components::PostForm;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};

/// The fields of every offered kind, each with its own state, so switching
/// kinds keeps what was typed.
type KindFields = Vec<(SupportKind, &'static SupportField, FieldState)>;

/// A form for one of `kinds`, posted with its document to `action` (a
/// multipart route). With `with_asker`, also who asks. `done` gets the route's JSON answer.
#[component]
pub fn SupportForm(
    action: &'static str,
    kinds: &'static [SupportKind],
    initial: SupportKind,
    with_asker: bool,
    prefill: Option<(String, String)>,
    submit_label: &'static str,
    /// The question above the kinds.
    legend: &'static str,
    done: Callback<serde_json::Value>,
) -> impl IntoView {
    let kind = RwSignal::new(initial);
    let all: KindFields = kinds
        .iter()
        .flat_map(|k| {
            let asker = if with_asker { k.asker_fields() } else { &[] };
            asker.iter().chain(k.fields()).map(move |f| (*k, f))
        })
        .map(|(k, f)| {
            let known = prefill.as_ref().filter(|_| !k.asks_for_account()).and_then(|(name, email)| match f.key {
                "name" => Some(name.clone()),
                "email" => Some(email.clone()),
                _ => None,
            });
            (k, f, known.map(FieldState::with_value).unwrap_or_default())
        })
        .collect();
    let all = StoredValue::new(all);
    let file = FieldState::new();
    let form_error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let current = move || all.with_value(|a| a.iter().filter(|(k, _, _)| *k == kind.get()).map(|(_, f, s)| (*f, *s)).collect::<Vec<_>>());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form_error.set(None);
        file.error.set(None);
        // The same checks as the server's, before anything is sent.
        let mut ok = true;
        for (f, state) in current() {
            match validate_support_field(f, &state.get()) {
                Ok(_) => state.error.set(None),
                Err(message) => {
                    state.error.set(Some(message));
                    ok = false;
                }
            }
        }
        if !ok {
            form_error.set(Some("Rätta de markerade fälten.".into()));
            return;
        }
        use wasm_bindgen::JsCast;
        let Some(form) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok()) else { return };
        pending.set(true);
        leptos::task::spawn_local(async move {
            let answer = crate::components::form_post::post_form(&form).await;
            pending.set(false);
            match answer {
                Ok(v) => done.run(v),
                Err(e) => {
                    let mut fields: Vec<(&str, FieldState)> = current().into_iter().map(|(f, s)| (f.key, s)).collect();
                    fields.push(("file", file));
                    form_error.set(show_server_error(&e, &fields));
                }
            }
        });
    };
    view! {
        <PostForm multipart=true action=action on_submit=on_submit>
            {(kinds.len() > 1).then(|| view! {
                <fieldset class="choices">
                    <legend>{legend}</legend>
                    {kinds.iter().map(|k| {
                        let k = *k;
                        let id = format!("typ-{}", k.code());
                        view! {
                            <div class="choice">
                                <input type="radio" name="kind" id=id.clone() value=k.code()
                                    checked=kind.get_untracked() == k
                                    prop:checked=move || kind.get() == k
                                    on:change=move |_| { kind.set(k); form_error.set(None); }/>
                                <label for=id>{k.label()}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            })}
            {(kinds.len() == 1).then(|| view! { <input type="hidden" name="kind" value=initial.code()/> })}
            // What each kind is for, told to the person asking (an admin creating directly knows).
            {with_asker.then(|| view! { <p class="muted">{move || kind.get().description()}</p> })}
            {move || current().into_iter().map(|(f, state)| view! { <SupportInput field=f state=state/> }).collect_view()}
            {move || kind.get().document().map(|doc| view! {
                <div class="field" class:field-invalid=move || file.error.get().is_some()>
                    <label for="support-fil">{format!("{} (PDF, JPEG eller PNG, högst 10 MB)", doc.label())}</label>
                    <input id="support-fil" type="file" name="file" accept="application/pdf,image/jpeg,image/png" required
                        aria-invalid=move || if file.error.get().is_some() { "true" } else { "false" }
                        aria-describedby=move || file.error.get().map(|_| "support-fil-fel")/>
                    <Show when=move || file.error.get().is_some()>
                        <p class="field-error" id="support-fil-fel">{move || file.error.get()}</p>
                    </Show>
                </div>
            })}
            <FormError message=form_error/>
            <button type="submit" disabled=move || pending.get()>{submit_label}</button>
        </PostForm>
    }
}

/// One declared field: a text input, or a text area for long text.
#[component]
pub fn SupportInput(field: &'static SupportField, state: FieldState) -> impl IntoView {
    match field.kind {
        SupportFieldKind::LongText(max) => {
            let error_id = format!("{}-fel", field.key);
            // After a post without scripts: what was typed, and what was wrong with it.
            let (typed, message) = crate::components::form_reply::field_reply(field.key);
            if let Some(typed) = typed {
                state.value.set(typed);
            }
            if message.is_some() {
                state.error.set(message);
            }
            view! {
                <div class="field" class:field-invalid=move || state.error.get().is_some()>
                    <label for=field.key>{field.label}</label>
                    <textarea id=field.key name=field.key rows="6" maxlength=max.to_string() required=field.required
                        aria-invalid=move || if state.error.get().is_some() { "true" } else { "false" }
                        aria-describedby={let id = error_id.clone(); move || state.error.get().map(|_| id.clone())}
                        prop:value=move || state.value.get()
                        inner_html=crate::components::form_reply::escape_text(&state.value.get_untracked())
                        on:input=move |ev| state.value.set(event_target_value(&ev))></textarea>
                    <Show when=move || state.error.get().is_some()>
                        <p class="field-error" id=error_id.clone()>{move || state.error.get()}</p>
                    </Show>
                </div>
            }
            .into_any()
        }
        other => {
            let input_type = match other {
                SupportFieldKind::Email => "email",
                SupportFieldKind::Phone => "tel",
                _ => "text",
            };
            match field.hint {
                Some(hint) => view! { <TextField id=field.key label=field.label state=state input_type=input_type required=field.required hint=hint/> }.into_any(),
                None => view! { <TextField id=field.key label=field.label state=state input_type=input_type required=field.required/> }.into_any(),
            }
        }
    }
}

#[component]
pub fn SupportPage() -> impl IntoView {
    let session = use_session();
    let query = use_query_map();
    // The kind asked for in the address, or the one a post without scripts came back with (UX-1).
    let initial = crate::components::form_reply::replied_value("/api/support/requests", "kind")
        .or_else(|| query.with_untracked(|q| q.get("typ")))
        .and_then(|t| SupportKind::from_code(&t))
        .unwrap_or(SupportKind::Question);
    let mine = Resource::new(move || session.version(), |_| async move { my_requests().await.ok() });
    let navigate = use_navigate();
    let sent_to = RwSignal::new(None::<String>);
    let done = Callback::new(move |v: serde_json::Value| sent_to.set(v["status_path"].as_str().map(str::to_string)));
    Effect::new(move |_| {
        if let Some(path) = sent_to.get() {
            navigate(&format!("{path}?skickat=1"), Default::default());
        }
    });
    view! {
        <Title text="Ärende till support"/>
        <h1>"Ärende till support"</h1>
        <p>"Här skickar du ärenden som kundservice behöver hantera åt dig: konto för utländsk installatör, "
           "konto och team för installatör utan företag, team för kommun eller liknande, eller en allmän fråga. "
           "Du får en länk där du följer ärendet."</p>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                mine.await.filter(|list| !list.is_empty()).map(|list| view! {
                    <section class="card" aria-labelledby="mina-support-rubrik">
                        <h2 id="mina-support-rubrik">"Mina ärenden till support"</h2>
                        <StatusTable rows=list/>
                    </section>
                })
            })}
        </Transition>
        <section class="card" aria-labelledby="nytt-support-rubrik">
            <h2 id="nytt-support-rubrik">"Nytt ärende"</h2>
            <Transition fallback=|| view! { <p>"Laddar…"</p> }>
                {move || Suspend::new(async move {
                    let prefill = session.user.await.map(|u| (u.name, u.email));
                    view! {
                        <SupportForm action="/api/support/requests" kinds=&SupportKind::ALL initial=initial with_asker=true
                            prefill=prefill submit_label="Skicka" legend="Vad gäller ärendet?" done=done/>
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn StatusTable(rows: Vec<RequestSummary>) -> impl IntoView {
    view! {
        <table class="cases">
            <thead><tr><th scope="col">"Inkommet"</th><th scope="col">"Gäller"</th><th scope="col">"Status"</th><th scope="col">"Besked"</th></tr></thead>
            <tbody>
                {rows.into_iter().map(|r| view! {
                    <tr>
                        <td>{r.created_at}</td>
                        <td>{r.kind.label()}</td>
                        <td><span class=format!("state support-{}", r.status.code())>{r.status.label()}</span></td>
                        <td>{r.decision_message.unwrap_or_default()}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// Where a request stands, for whoever holds its link.
#[component]
pub fn SupportStatusPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let status = Resource::new(move || params.read().get("code").unwrap_or_default(), request_status);
    let just_sent = move || query.read().get("skickat").is_some();
    view! {
        <Title text="Ditt ärende till support"/>
        <section class="card">
            <h1>"Ditt ärende till support"</h1>
            <Show when=just_sent>
                <p class="notice" role="status">"Tack! Ärendet är skickat. Spara den här sidans adress; den visar hur det går. Vi har också mejlat länken."</p>
            </Show>
            <Transition fallback=|| view! { <p>"Laddar…"</p> }>
                {move || Suspend::new(async move {
                    match status.await {
                        Ok(r) => view! {
                            <dl class="facts">
                                <dt>"Gäller"</dt><dd>{r.kind.label()}</dd>
                                <dt>"Status"</dt><dd><strong>{r.status.label()}</strong></dd>
                                <dt>"Mottaget"</dt><dd>{r.created_at}</dd>
                                {r.closed_at.map(|c| view! { <dt>"Avslutat"</dt><dd>{c}</dd> })}
                                {r.decision_message.map(|m| view! { <dt>"Besked"</dt><dd>{m}</dd> })}
                            </dl>
                        }.into_any(),
                        Err(e) => view! { <p role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// ACC-5, ACC-6: choose a password with the e-mailed link, and accept the terms.
#[component]
pub fn ChoosePasswordPage() -> impl IntoView {
    let query = use_query_map();
    let code = move || query.read().get("kod").unwrap_or_default();
    let password = FieldState::new();
    let again = FieldState::new();
    let accepted = RwSignal::new(false);
    let terms_error = RwSignal::new(None::<String>);
    let form_error = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let action = ServerAction::<SetPassword>::new();
    Effect::new(move |_| match action.value().get() {
        Some(Ok(username)) => done.set(Some(username)),
        Some(Err(e)) => {
            if let Some(m) = e.field_message("terms_version") {
                terms_error.set(Some(m));
            }
            form_error.set(show_server_error(&e, &[("password", password)]).filter(|_| e.field_message("terms_version").is_none()));
        }
        None => {}
    });
    view! {
        <Title text="Välj lösenord"/>
        <section class="card">
            <h1>"Välj lösenord"</h1>
            {move || match done.get() {
                Some(username) => view! {
                    <p class="notice" role="status">{format!("Lösenordet är sparat. Logga in med användarnamnet {username}.")}</p>
                    <p><a class="button" href="/logga-in">"Till inloggningen"</a></p>
                }.into_any(),
                None => view! {
                    <p>{move || if query.read().get("nytt").is_some() {
                        "Välj ett nytt lösenord för ditt konto och godkänn villkoren. Alla dina inloggningar avslutas när lösenordet är bytt."
                    } else {
                        "Kundservice har skapat ett konto åt dig. Välj ett lösenord och godkänn villkoren för att börja använda Installatörswebben."
                    }}</p>
                    <div class="terms" tabindex="0" role="region" aria-label="Villkor och tekniska anvisningar">
                        <crate::pages::register::Terms/>
                    </div>
                    <PostForm action="/api/auth/set-password" on_submit=move |ev: leptos::ev::SubmitEvent| {
                        ev.prevent_default();
                        form_error.set(None);
                        terms_error.set(None);
                        if password.get() != again.get() {
                            again.error.set(Some("Lösenorden är inte lika.".into()));
                            return;
                        }
                        again.error.set(None);
                        action.dispatch(SetPassword {
                            code: code(),
                            password: password.get(),
                            terms_version: if accepted.get_untracked() { TERMS_VERSION.to_string() } else { String::new() },
                        });
                    }>
                        <input type="hidden" name="code" value=code/>
                        <TextField id="password" label="Nytt lösenord" state=password input_type="password"
                            autocomplete="new-password" hint="Minst 10 tecken." check=crate::pages::register::CHECK_PASSWORD/>
                        <TextField id="password_again" label="Upprepa lösenordet" state=again input_type="password" autocomplete="new-password"/>
                        <div class="field" class:field-invalid=move || terms_error.get().is_some()>
                            <div class="choice">
                                <input type="checkbox" id="godkann-villkor" name="terms_version" value=TERMS_VERSION prop:checked=move || accepted.get()
                                    aria-describedby=move || terms_error.get().map(|_| "godkann-villkor-fel")
                                    on:change=move |ev| accepted.set(event_target_checked(&ev))/>
                                <label for="godkann-villkor">"Jag har läst och godkänner villkoren och de tekniska anvisningarna"</label>
                            </div>
                            <Show when=move || terms_error.get().is_some()>
                                <p class="field-error" id="godkann-villkor-fel">{move || terms_error.get()}</p>
                            </Show>
                        </div>
                        <FormError message=form_error/>
                        <button type="submit" disabled=move || action.pending().get()>"Spara lösenord"</button>
                    </PostForm>
                }.into_any(),
            }}
        </section>
    }
}

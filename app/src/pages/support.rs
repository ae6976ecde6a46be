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
use crate::i18n::{fill, td_string};
use crate::translated::{support_text, Translate};
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
    let locale = crate::components::language::locale();
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
                Err(e) => {
                    state.error.set(Some(e.text(locale)));
                    ok = false;
                }
            }
        }
        if !ok {
            form_error.set(Some(td_string!(locale, support.fix_fields).into()));
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
                        let control = NodeRef::<leptos::html::Input>::new();
                        view! {
                            <div class="choice">
                                <input type="radio" name="kind" id=id.clone() value=k.code()
                                    checked=kind.get_untracked() == k
                                    node_ref=control prop:checked=crate::components::field::checked_through_hydration(move || kind.get() == k, control, move |on| if on { kind.set(k) })
                                    on:change=move |_| { kind.set(k); form_error.set(None); }/>
                                <label for=id>{support_text(locale, k.label())}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            })}
            {(kinds.len() == 1).then(|| view! { <input type="hidden" name="kind" value=initial.code()/> })}
            // What each kind is for, told to the person asking (an admin creating directly knows).
            {with_asker.then(|| view! { <p class="muted">{move || support_text(locale, kind.get().description())}</p> })}
            {move || current().into_iter().map(|(f, state)| view! { <SupportInput field=f state=state/> }).collect_view()}
            {move || kind.get().document().map(|doc| view! {
                <div class="field" class:field-invalid=move || file.error.get().is_some()>
                    <label for="support-fil">{fill(td_string!(locale, support.file_label), &[("document", support_text(locale, doc.label()))])}</label>
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
    let locale = crate::components::language::locale();
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
            let control = NodeRef::<leptos::html::Textarea>::new();
            view! {
                <div class="field" class:field-invalid=move || state.error.get().is_some()>
                    <label for=field.key>{support_text(locale, field.label)}</label>
                    <textarea id=field.key name=field.key rows="6" maxlength=max.to_string() required=field.required
                        aria-invalid=move || if state.error.get().is_some() { "true" } else { "false" }
                        aria-describedby={let id = error_id.clone(); move || state.error.get().map(|_| id.clone())}
                        node_ref=control prop:value=crate::components::field::kept_through_hydration(state.value, control)
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
                Some(hint) => view! { <TextField id=field.key label=support_text(locale, field.label) state=state input_type=input_type required=field.required hint=support_text(locale, hint)/> }.into_any(),
                None => view! { <TextField id=field.key label=support_text(locale, field.label) state=state input_type=input_type required=field.required/> }.into_any(),
            }
        }
    }
}

#[component]
pub fn SupportPage() -> impl IntoView {
    let locale = crate::components::language::locale();
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
        <Title text=td_string!(locale, support.title)/>
        <h1>{td_string!(locale, support.title)}</h1>
        <p>{td_string!(locale, support.intro)}</p>
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                mine.await.filter(|list| !list.is_empty()).map(|list| view! {
                    <section class="card" aria-labelledby="mina-support-rubrik">
                        <h2 id="mina-support-rubrik">{td_string!(locale, support.mine)}</h2>
                        <StatusTable rows=list/>
                    </section>
                })
            })}
        </Transition>
        <section class="card" aria-labelledby="nytt-support-rubrik">
            <h2 id="nytt-support-rubrik">{td_string!(locale, support.new_request)}</h2>
            <Transition fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    let prefill = session.user.await.map(|u| (u.name, u.email));
                    view! {
                        <SupportForm action="/api/support/requests" kinds=&SupportKind::ALL initial=initial with_asker=true
                            prefill=prefill submit_label=td_string!(locale, support.send) legend=td_string!(locale, support.what_about) done=done/>
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn StatusTable(rows: Vec<RequestSummary>) -> impl IntoView {
    let locale = crate::components::language::locale();
    view! {
        <table class="cases">
            <thead><tr><th scope="col">{td_string!(locale, support.received)}</th><th scope="col">{td_string!(locale, support.about)}</th><th scope="col">{td_string!(locale, support.status)}</th><th scope="col">{td_string!(locale, support.decision)}</th></tr></thead>
            <tbody>
                {rows.into_iter().map(|r| view! {
                    <tr>
                        <td>{r.created_at}</td>
                        <td>{support_text(locale, r.kind.label())}</td>
                        <td><span class=format!("state support-{}", r.status.code())>{support_text(locale, r.status.label())}</span></td>
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
    let locale = crate::components::language::locale();
    let params = use_params_map();
    let query = use_query_map();
    let status = Resource::new(move || params.read().get("code").unwrap_or_default(), request_status);
    let just_sent = move || query.read().get("skickat").is_some();
    view! {
        <Title text=td_string!(locale, support.yours_title)/>
        <section class="card">
            <h1>{td_string!(locale, support.yours_title)}</h1>
            <Show when=just_sent>
                <p class="notice" role="status">{td_string!(locale, support.thanks)}</p>
            </Show>
            <Transition fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match status.await {
                        Ok(r) => view! {
                            <dl class="facts">
                                <dt>{td_string!(locale, support.about)}</dt><dd>{support_text(locale, r.kind.label())}</dd>
                                <dt>{td_string!(locale, support.status)}</dt><dd><strong>{support_text(locale, r.status.label())}</strong></dd>
                                <dt>{td_string!(locale, support.received_at)}</dt><dd>{r.created_at}</dd>
                                {r.closed_at.map(|c| view! { <dt>{td_string!(locale, support.closed_at)}</dt><dd>{c}</dd> })}
                                {r.decision_message.map(|m| view! { <dt>{td_string!(locale, support.decision)}</dt><dd>{m}</dd> })}
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
    let locale = crate::components::language::locale();
    let query = use_query_map();
    let code = move || query.read().get("kod").unwrap_or_default();
    let password = FieldState::new();
    let again = FieldState::new();
    let accepted = RwSignal::new(false);
    let terms_control = NodeRef::<leptos::html::Input>::new();
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
        <Title text=td_string!(locale, support.choose_password)/>
        <section class="card">
            <h1>{td_string!(locale, support.choose_password)}</h1>
            {move || match done.get() {
                Some(username) => view! {
                    <p class="notice" role="status">{fill(td_string!(locale, support.password_saved), &[("username", &username)])}</p>
                    <p><a class="button" href="/logga-in">{td_string!(locale, support.to_login)}</a></p>
                }.into_any(),
                None => view! {
                    <p>{move || if query.read().get("nytt").is_some() {
                        td_string!(locale, support.new_password_intro)
                    } else {
                        td_string!(locale, support.account_made_intro)
                    }}</p>
                    <div class="terms" tabindex="0" role="region" aria-label=td_string!(locale, support.terms_region)>
                        <crate::pages::register::Terms/>
                    </div>
                    <PostForm action="/api/auth/set-password" on_submit=move |ev: leptos::ev::SubmitEvent| {
                        ev.prevent_default();
                        form_error.set(None);
                        terms_error.set(None);
                        if password.get() != again.get() {
                            again.error.set(Some(td_string!(locale, support.passwords_differ).into()));
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
                        <TextField id="password" label=td_string!(locale, support.new_password) state=password input_type="password"
                            autocomplete="new-password" hint=td_string!(locale, support.password_hint) check=crate::pages::register::CHECK_PASSWORD/>
                        <TextField id="password_again" label=td_string!(locale, support.repeat_password) state=again input_type="password" autocomplete="new-password"/>
                        <div class="field" class:field-invalid=move || terms_error.get().is_some()>
                            <div class="choice">
                                <input type="checkbox" id="godkann-villkor" name="terms_version" value=TERMS_VERSION node_ref=terms_control
                                    prop:checked=crate::components::field::checked_through_hydration(move || accepted.get(), terms_control, move |on| accepted.set(on))
                                    aria-describedby=move || terms_error.get().map(|_| "godkann-villkor-fel")
                                    on:change=move |ev| accepted.set(event_target_checked(&ev))/>
                                <label for="godkann-villkor">{td_string!(locale, support.accept_terms)}</label>
                            </div>
                            <Show when=move || terms_error.get().is_some()>
                                <p class="field-error" id="godkann-villkor-fel">{move || terms_error.get()}</p>
                            </Show>
                        </div>
                        <FormError message=form_error/>
                        <button type="submit" disabled=move || action.pending().get()>{td_string!(locale, support.save_password)}</button>
                    </PostForm>
                }.into_any(),
            }}
        </section>
    }
}

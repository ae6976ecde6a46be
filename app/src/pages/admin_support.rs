//! ACC-7 for admins: the queue of support requests, one request (take it,
//! complete it with the prefilled creation, or reject it with a reason), and
//! ACC-5/ACC-6/TEAM-8 creation straight from papers sent in another way.
use crate::api::support::{support_queue, support_request, CompleteRequest, RejectRequest, RequestDetails, TakeRequest};
use crate::components::field::{show_server_error, FieldState};
use crate::components::session::RequireLogin;
use crate::components::{FormError, StatusMessage, PostForm};
use crate::domain::support::{SupportField, SupportKind};
use crate::pages::support::{SupportForm, SupportInput};
use crate::i18n::{fill, td_string};
use crate::translated::support_text;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};
use std::collections::BTreeMap;

/// Where a tool of the admins' still needs scripts (UX-1): it says so.
pub(crate) fn needs_scripts(locale: crate::i18n::Locale) -> String {
    format!(r#"<p class="notice">{}</p>"#, td_string!(locale, admin_move.needs_scripts))
}

#[component]
pub fn AdminSupportPage() -> impl IntoView {
    let locale = crate::components::language::locale();
    // `?visa=avslutade`: the tabs are links, so they work without scripts (UX-1).
    let closed = RwSignal::new(use_query_map().read_untracked().get("visa").as_deref() == Some("avslutade"));
    let page = RwSignal::new(0u64);
    let queue = Resource::new(move || (closed.get(), page.get()), |(closed, page)| support_queue(closed, crate::domain::PageNumber::saturating(page)));
    let query = use_query_map();
    let outcome = Signal::derive(move || {
        let q = query.read();
        q.get("fel").or_else(|| q.get("skapat").map(|_| td_string!(locale, admin_support.created).to_string()))
    });
    view! {
        <Title text=td_string!(locale, admin_support.title)/>
        <RequireLogin>
            <h1>{td_string!(locale, admin_support.title)}</h1>
            <StatusMessage message=outcome/>
            <p><a href="/admin/skapa-manuellt">{td_string!(locale, admin_support.create_manually)}</a></p>
            <div class="tabs" role="group" aria-label=td_string!(locale, admin_support.show)>
                <a class="button secondary-button" href="/admin/support" aria-current=move || (!closed.get()).then_some("page")
                    on:click=move |ev| { ev.prevent_default(); closed.set(false); page.set(0); }>{td_string!(locale, admin_support.open)}</a>
                <a class="button secondary-button" href="/admin/support?visa=avslutade" aria-current=move || closed.get().then_some("page")
                    on:click=move |ev| { ev.prevent_default(); closed.set(true); page.set(0); }>{td_string!(locale, admin_support.closed)}</a>
            </div>
            <Transition fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match queue.await {
                        Ok(q) if q.rows.is_empty() => view! { <p class="muted">{td_string!(locale, admin_support.none)}</p> }.into_any(),
                        Ok(q) => {
                            let (total, per_page) = (q.total, q.per_page);
                            view! {
                                <table class="cases">
                                    <thead><tr>
                                        <th scope="col">{td_string!(locale, admin_support.received)}</th><th scope="col">{td_string!(locale, admin_support.about)}</th><th scope="col">{td_string!(locale, admin_support.from)}</th>
                                        <th scope="col">{td_string!(locale, admin_support.status)}</th><th scope="col">{td_string!(locale, admin_support.handled_by)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {q.rows.into_iter().map(|r| view! {
                                            <tr>
                                                <td>{r.created_at}</td>
                                                <td><a href=format!("/admin/support/{}", r.id)>{support_text(locale, r.kind.label())}</a></td>
                                                <td>{format!("{} ({})", r.requester_name, r.requester_email)}</td>
                                                <td>{support_text(locale, r.status.label())}</td>
                                                <td>{r.handled_by.unwrap_or_else(|| "–".into())}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                                <crate::pages::cases::Pager page=page total=total per_page=per_page/>
                            }.into_any()
                        }
                        Err(e) => view! { <p role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </RequireLogin>
    }
}

#[component]
pub fn AdminSupportRequestPage() -> impl IntoView {
    let locale = crate::components::language::locale();
    let params = use_params_map();
    let id = move || params.read().get("id").and_then(|s| s.parse::<i32>().ok()).unwrap_or(0);
    let version = RwSignal::new(0u32);
    let request = Resource::new(move || (id(), version.get()), |(id, _)| support_request(id));
    let status = RwSignal::new(None::<String>);
    view! {
        <Title text=td_string!(locale, admin_support.one_title)/>
        <RequireLogin>
            <p><a href="/admin/support">{td_string!(locale, admin_support.back)}</a></p>
            <StatusMessage message=status/>
            <Transition fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match request.await {
                        Ok(r) => view! { <RequestView request=r version=version status=status/> }.into_any(),
                        Err(e) => view! { <h1>{td_string!(locale, admin_support.not_found)}</h1><p role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </RequireLogin>
    }
}

#[component]
fn RequestView(request: RequestDetails, version: RwSignal<u32>, status: RwSignal<Option<String>>) -> impl IntoView {
    let locale = crate::components::language::locale();
    let kind = request.row.kind;
    let id = request.row.id;
    let open = !request.row.status.is_closed();
    let label_of = |key: &str| {
        kind.asker_fields().iter().chain(kind.fields()).find(|f| f.key == key).map(|f| support_text(locale, f.label)).unwrap_or(td_string!(locale, admin_support.detail)).to_string()
    };
    let take = ServerAction::<TakeRequest>::new();
    if crate::components::form_reply::replied_success("/api/admin/support/take") {
        status.set(Some(td_string!(locale, admin_support.taken).into()));
    }
    Effect::new(move |_| match take.value().get() {
        Some(Ok(())) => {
            status.set(Some(td_string!(locale, admin_support.taken).into()));
            version.update(|v| *v += 1);
        }
        Some(Err(e)) => status.set(Some(e.to_string())),
        None => {}
    });
    let values = request.values.clone();
    view! {
        <h1>{fill(td_string!(locale, admin_support.heading), &[("kind", support_text(locale, kind.label()))])}</h1>
        <dl class="facts">
            <dt>{td_string!(locale, admin_support.status)}</dt><dd><strong>{support_text(locale, request.row.status.label())}</strong></dd>
            <dt>{td_string!(locale, admin_support.received)}</dt><dd>{request.row.created_at.clone()}</dd>
            <dt>{td_string!(locale, admin_support.from)}</dt><dd>{format!("{} ({})", request.row.requester_name, request.row.requester_email)}
                {request.from_account.then(|| td_string!(locale, admin_support.logged_in))}</dd>
            <dt>{td_string!(locale, admin_support.handled_by)}</dt><dd>{request.row.handled_by.clone().unwrap_or_else(|| "–".into())}</dd>
            {request.values.iter().map(|(k, v)| view! { <dt>{label_of(k)}</dt><dd>{v.clone()}</dd> }).collect_view()}
            {request.decision_message.clone().map(|m| view! { <dt>{td_string!(locale, admin_support.decision)}</dt><dd>{m}</dd> })}
            {request.outcome.clone().map(|o| view! { <dt>{td_string!(locale, admin_support.created_what)}</dt><dd>{outcome_text(locale, &o)}</dd> })}
        </dl>
        <section class="card" aria-labelledby="handlingar-rubrik">
            <h2 id="handlingar-rubrik">{td_string!(locale, admin_support.documents)}</h2>
            {if request.documents.is_empty() {
                view! { <p class="muted">{td_string!(locale, admin_support.no_documents)}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {request.documents.iter().map(|d| view! {
                            <li><a href=d.url.clone()>{d.file_name.clone()}</a>{format!(" ({}, {:.0} kB)", d.kind_label, d.size_bytes as f64 / 1024.0)}</li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
        {open.then(|| view! {
            {(request.row.status == crate::domain::support::SupportStatus::Open).then(|| view! {
                <PostForm action="/api/admin/support/take" on_submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); take.dispatch(TakeRequest { id }); }>
                    <input type="hidden" name="id" value=id.to_string()/>
                    <button type="submit" disabled=move || take.pending().get()>{td_string!(locale, admin_support.take)}</button>
                </PostForm>
            })}
            <Complete id=id kind=kind values=values version=version status=status/>
            <Reject id=id version=version status=status/>
        })}
    }
}

fn outcome_text(locale: crate::i18n::Locale, outcome: &str) -> String {
    match outcome.split_once(':') {
        Some(("user", id)) => fill(td_string!(locale, admin_support.outcome_user), &[("id", id)]),
        Some(("team", id)) => fill(td_string!(locale, admin_support.outcome_team), &[("id", id)]),
        _ => outcome.to_string(),
    }
}

/// Completion: the creation prefilled from the request (the admin may correct
/// it), or for a question, the answer.
#[component]
fn Complete(id: i32, kind: SupportKind, values: BTreeMap<String, String>, version: RwSignal<u32>, status: RwSignal<Option<String>>) -> impl IntoView {
    let locale = crate::components::language::locale();
    let fields: Vec<(&'static SupportField, FieldState)> =
        kind.fields().iter().map(|f| (f, FieldState::with_value(values.get(f.key).cloned().unwrap_or_default()))).collect();
    let fields = StoredValue::new(fields);
    let message = RwSignal::new(String::new());
    let message_control = NodeRef::<leptos::html::Textarea>::new();
    let error = RwSignal::new(None::<String>);
    let complete = ServerAction::<CompleteRequest>::new();
    Effect::new(move |_| match complete.value().get() {
        Some(Ok(created)) => {
            status.set(Some(match created.as_deref().map(|o| outcome_text(locale, o)) {
                Some(what) => fill(td_string!(locale, admin_support.done_created), &[("what", &what)]),
                None => td_string!(locale, admin_support.done).into(),
            }));
            version.update(|v| *v += 1);
        }
        Some(Err(e)) => {
            let named: Vec<(&str, FieldState)> = fields.with_value(|f| f.iter().map(|(f, s)| (f.key, *s)).collect());
            error.set(show_server_error(&e, &named));
        }
        None => {}
    });
    let (heading, button, message_label) = if kind.creates() {
        (
            match kind {
                SupportKind::MunicipalityTeam => td_string!(locale, admin_support.create_team),
                SupportKind::InstallerWithoutCompany => td_string!(locale, admin_support.create_account_and_team),
                _ => td_string!(locale, admin_support.create_account),
            },
            td_string!(locale, admin_support.create_and_close),
            td_string!(locale, admin_support.message_optional),
        )
    } else {
        (td_string!(locale, admin_support.answer), td_string!(locale, admin_support.send_answer), td_string!(locale, admin_support.answer_label))
    };
    view! {
        <section class="card" aria-labelledby="slutfor-rubrik">
            <h2 id="slutfor-rubrik">{heading}</h2>
            <noscript inner_html=needs_scripts(locale)></noscript>
            <PostForm action="/api/admin/support/complete" on_submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                error.set(None);
                let values = fields.with_value(|f| f.iter().map(|(f, s)| (f.key.to_string(), s.get())).collect());
                complete.dispatch(CompleteRequest { id, values, message: message.get_untracked() });
            }>
                {fields.with_value(|f| f.iter().map(|(f, s)| view! { <SupportInput field=*f state=*s/> }).collect_view())}
                <div class="field">
                    <label for="slutfor-meddelande">{message_label}</label>
                    <textarea id="slutfor-meddelande" rows="4" node_ref=message_control prop:value=crate::components::field::kept_through_hydration(message, message_control)
                        on:input=move |ev| message.set(event_target_value(&ev))></textarea>
                </div>
                <FormError message=error/>
                <button type="submit" disabled=move || complete.pending().get()>{button}</button>
            </PostForm>
        </section>
    }
}

#[component]
fn Reject(id: i32, version: RwSignal<u32>, status: RwSignal<Option<String>>) -> impl IntoView {
    let locale = crate::components::language::locale();
    let reason = FieldState::new();
    let reason_control = NodeRef::<leptos::html::Textarea>::new();
    let error = RwSignal::new(None::<String>);
    let reject = ServerAction::<RejectRequest>::new();
    Effect::new(move |_| match reject.value().get() {
        Some(Ok(())) => {
            status.set(Some(td_string!(locale, admin_support.rejected).into()));
            version.update(|v| *v += 1);
        }
        Some(Err(e)) => error.set(show_server_error(&e, &[("reason", reason)])),
        None => {}
    });
    view! {
        <section class="card" aria-labelledby="avsla-rubrik">
            <h2 id="avsla-rubrik">{td_string!(locale, admin_support.reject)}</h2>
            <PostForm action="/api/admin/support/reject" on_submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                error.set(None);
                reject.dispatch(RejectRequest { id, reason: reason.get() });
            }>
                <div class="field" class:field-invalid=move || reason.error.get().is_some()>
                    <label for="avsla-motivering">{td_string!(locale, admin_support.reason)}</label>
                    <textarea id="avsla-motivering" rows="3" node_ref=reason_control prop:value=crate::components::field::kept_through_hydration(reason.value, reason_control)
                        aria-invalid=move || if reason.error.get().is_some() { "true" } else { "false" }
                        aria-describedby=move || reason.error.get().map(|_| "avsla-motivering-fel")
                        on:input=move |ev| reason.value.set(event_target_value(&ev))></textarea>
                    <Show when=move || reason.error.get().is_some()>
                        <p class="field-error" id="avsla-motivering-fel">{move || reason.error.get()}</p>
                    </Show>
                </div>
                <FormError message=error/>
                <button type="submit" class="secondary-button" disabled=move || reject.pending().get()>{td_string!(locale, admin_support.reject_request)}</button>
            </PostForm>
        </section>
    }
}

/// ACC-5, ACC-6, TEAM-8 from papers that came another way: the same fields
/// and document as a request, created at once.
#[component]
pub fn AdminManualPage() -> impl IntoView {
    let locale = crate::components::language::locale();
    const KINDS: [SupportKind; 3] = [SupportKind::ForeignInstaller, SupportKind::InstallerWithoutCompany, SupportKind::MunicipalityTeam];
    let status = RwSignal::new(None::<String>);
    let done = Callback::new(move |v: serde_json::Value| {
        let what = match (v["user_id"].as_i64(), v["team_id"].as_i64()) {
            (Some(u), Some(t)) => fill(td_string!(locale, admin_support.manual_both), &[("user", &u.to_string()), ("team", &t.to_string())]),
            (Some(u), None) => fill(td_string!(locale, admin_support.manual_user), &[("user", &u.to_string())]),
            (None, Some(t)) => fill(td_string!(locale, admin_support.manual_team), &[("team", &t.to_string())]),
            _ => td_string!(locale, admin_support.created).into(),
        };
        status.set(Some(what));
    });
    view! {
        <Title text=td_string!(locale, admin_support.create_manually)/>
        <RequireLogin>
            <h1>{td_string!(locale, admin_support.create_manually)}</h1>
            <p><a href="/admin/support">{td_string!(locale, admin_support.to_requests)}</a></p>
            <StatusMessage message=status/>
            <section class="card">
                <SupportForm action="/api/admin/manual" kinds=&KINDS initial=SupportKind::ForeignInstaller with_asker=false
                    prefill=None submit_label=td_string!(locale, admin_support.create) legend=td_string!(locale, admin_support.what_to_create) done=done/>
            </section>
        </RequireLogin>
    }
}

//! The admin pages: staff accounts (ADM-1), the audit log (ADM-5) and the
//! outbox (CASE-11). The server refuses everything here to non-admins.
use crate::api::admin::{list_outbox, list_staff, search_audit, CreateStaff, DeleteStaff, NewStaff, RetryOutboxMessage};
use crate::components::field::{show_server_error, FieldState, TextField};
use crate::components::session::RequireLogin;
use crate::components::form_reply::{replied_error, replied_success, replied_value};
use crate::components::{FormError, StatusMessage, PostForm};
use crate::domain::Role;
use crate::i18n::{fill, td_string};
use crate::translated::role_label;
use leptos::prelude::*;
use leptos_meta::Title;

const CREATE_STAFF: &str = "/api/admin/staff/create";
const DELETE_STAFF: &str = "/api/admin/staff/delete";
const AUDIT: &str = "/api/admin/audit";

#[component]
pub fn AdminPage() -> impl IntoView {
    let locale = crate::components::language::locale();
    let version = RwSignal::new(0u32);
    let staff = Resource::new(move || version.get(), |_| list_staff());
    view! {
        <Title text=td_string!(locale, admin.title)/>
        <RequireLogin>
            <h1>{td_string!(locale, admin.title)}</h1>
            <StaffSection staff=staff version=version/>
            <AuditSection/>
            <OutboxSection/>
        </RequireLogin>
    }
}

type StaffResource = Resource<Result<Vec<crate::api::admin::StaffMember>, crate::error::AppError>>;

#[component]
fn StaffSection(staff: StaffResource, version: RwSignal<u32>) -> impl IntoView {
    let locale = crate::components::language::locale();
    let email = FieldState::new();
    let name = FieldState::new();
    let role = RwSignal::new(Role::ConnectionHandler.code().to_string());
    let error = RwSignal::new(None::<String>);
    let created = RwSignal::new(None::<NewStaff>);
    let status = RwSignal::new(None::<String>);
    let create = ServerAction::<CreateStaff>::new();
    let delete = ServerAction::<DeleteStaff>::new();
    // Posted without scripts (UX-1).
    let created_without_scripts = replied_success(CREATE_STAFF).then(|| {
        (replied_value(CREATE_STAFF, "name").unwrap_or_default(), replied_value(CREATE_STAFF, "email").unwrap_or_default())
    });
    if let Some(r) = replied_value(CREATE_STAFF, "role").filter(|_| replied_error(CREATE_STAFF).is_some()) {
        role.set(r);
    }
    if replied_success(DELETE_STAFF) {
        status.set(Some(td_string!(locale, admin.account_removed).into()));
    } else if let Some(e) = replied_error(DELETE_STAFF) {
        status.set(Some(e.to_string()));
    }
    Effect::new(move |_| match create.value().get() {
        Some(Ok(n)) => {
            created.set(Some(n));
            email.value.set(String::new());
            name.value.set(String::new());
            version.update(|v| *v += 1);
        }
        Some(Err(e)) => error.set(show_server_error(&e, &[("email", email), ("name", name)])),
        None => {}
    });
    Effect::new(move |_| match delete.value().get() {
        Some(Ok(())) => {
            status.set(Some(td_string!(locale, admin.account_removed).into()));
            version.update(|v| *v += 1);
        }
        Some(Err(e)) => status.set(Some(e.to_string())),
        None => {}
    });
    view! {
        <section class="card" aria-labelledby="personal-rubrik">
            <h2 id="personal-rubrik">{td_string!(locale, admin.staff)}</h2>
            <StatusMessage message=status/>
            <Transition fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    let list = staff.await.unwrap_or_default();
                    view! {
                        <table class="people">
                            <thead><tr><th scope="col">{td_string!(locale, admin.name)}</th><th scope="col">{td_string!(locale, admin.username)}</th><th scope="col">{td_string!(locale, admin.role)}</th><th scope="col">{td_string!(locale, admin.actions)}</th></tr></thead>
                            <tbody>
                                {list.into_iter().map(|m| {
                                    let id = m.user_id;
                                    view! {
                                        <tr>
                                            <td>{m.name.clone()}</td><td>{m.email.clone()}</td><td>{role_label(locale, m.role)}</td>
                                            <td>
                                                <PostForm action=DELETE_STAFF class="inline-form" on_submit=move |ev: leptos::ev::SubmitEvent| {
                                                    ev.prevent_default();
                                                    status.set(None);
                                                    delete.dispatch(DeleteStaff { user_id: id });
                                                }>
                                                    <input type="hidden" name="user_id" value=id.to_string()/>
                                                    <button type="submit" class="secondary-button" aria-label=fill(td_string!(locale, admin.remove_account_of), &[("name", &m.name)])>{td_string!(locale, admin.remove)}</button>
                                                </PostForm>
                                            </td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }
                })}
            </Transition>
            <h3>{td_string!(locale, admin.new_staff)}</h3>
            <PostForm action=CREATE_STAFF on_submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                error.set(None);
                created.set(None);
                create.dispatch(CreateStaff { email: email.get(), name: name.get(), role: role.get_untracked() });
            }>
                <TextField id="staff-email" name="email" label=td_string!(locale, admin.staff_email) state=email input_type="email"/>
                <TextField id="staff-name" name="name" label=td_string!(locale, admin.name) state=name/>
                <div class="field">
                    <label for="staff-role">{td_string!(locale, admin.role)}</label>
                    <select id="staff-role" name="role" on:change=move |ev| role.set(event_target_value(&ev))>
                        {[Role::ConnectionHandler, Role::FacilityHandler, Role::Admin].into_iter().map(|r| view! {
                            <option value=r.code() selected=move || role.get() == r.code()>{role_label(locale, r)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <FormError message=error/>
                <button type="submit" disabled=move || create.pending().get()>{td_string!(locale, admin.create_account)}</button>
            </PostForm>
            {move || created.get().map(|n| (n.member.name, n.member.email)).or_else(|| created_without_scripts.clone()).map(|(name, email)| view! {
                <p class="notice" role="status">
                    {fill(td_string!(locale, admin.staff_created), &[("name", &name), ("email", &email)])}
                </p>
            })}
        </section>
    }
}

/// The audit search's fields, in the order the form and the pager send them.
const AUDIT_FIELDS: [&str; 5] = ["person", "case_number", "team_id", "from", "to"];

#[component]
fn AuditSection() -> impl IntoView {
    let locale = crate::components::language::locale();
    let fields = AUDIT_FIELDS.map(|_| FieldState::new());
    let [person, case_number, team_id, from, to] = fields;
    // A search posted without scripts comes back in the reply (not the address: it names people).
    let asked = |field| replied_value(AUDIT, field).unwrap_or_default();
    let page = RwSignal::new(asked("page").parse::<u64>().unwrap_or(0));
    let query = RwSignal::new(AUDIT_FIELDS.map(asked));
    for (field, name) in fields.iter().zip(AUDIT_FIELDS) {
        field.value.set(asked(name));
    }
    let results = Resource::new(
        move || (query.get(), page.get()),
        |([p, c, t, f, to], page)| search_audit(p, c, t, f, to, crate::domain::PageNumber::saturating(page)),
    );
    let error = RwSignal::new(replied_error(AUDIT).map(|e| e.to_string()));
    view! {
        <section class="card" aria-labelledby="logg-rubrik">
            <h2 id="logg-rubrik">{td_string!(locale, admin.audit)}</h2>
            <PostForm action=AUDIT class="filters" role="search" on_submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                error.set(None);
                page.set(0);
                query.set(fields.map(|f| f.get()));
            }>
                <input type="hidden" name="page" value="0"/>
                <TextField id="logg-person" name="person" label=td_string!(locale, admin.audit_person) state=person input_type="email" required=false/>
                <TextField id="logg-arende" name="case_number" label=td_string!(locale, admin.audit_case) state=case_number required=false/>
                <TextField id="logg-team" name="team_id" label=td_string!(locale, admin.audit_team) state=team_id required=false
                    hint=td_string!(locale, admin.audit_team_hint)/>
                <TextField id="logg-fran" name="from" label=td_string!(locale, admin.from) state=from input_type="date" required=false/>
                <TextField id="logg-till" name="to" label=td_string!(locale, admin.to) state=to input_type="date" required=false/>
                <button type="submit" class="secondary-button">{td_string!(locale, admin.search_log)}</button>
            </PostForm>
            // The same search as a file: a plain post, so the browser saves what comes back.
            <form method="post" action="/api/admin/audit.csv" class="inline-form">
                {AUDIT_FIELDS.into_iter().enumerate().map(|(i, name)| view! {
                    <input type="hidden" name=name value=move || query.with(|q| q[i].clone())/>
                }).collect_view()}
                <button type="submit" class="secondary-button">{td_string!(locale, admin.export_csv)}</button>
            </form>
            <FormError message=error/>
            <Transition fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match results.await {
                        Ok(list) => {
                            let (total, per_page) = (list.total, list.per_page);
                            view! {
                                <table class="cases">
                                    <thead><tr><th scope="col">{td_string!(locale, admin.at)}</th><th scope="col">{td_string!(locale, admin.who)}</th><th scope="col">{td_string!(locale, admin.event)}</th><th scope="col">{td_string!(locale, admin.subject)}</th><th scope="col">{td_string!(locale, admin.details)}</th></tr></thead>
                                    <tbody>
                                        {list.rows.into_iter().map(|r| {
                                            let label = if r.action_label.is_empty() { r.action.clone() } else { r.action_label.clone() };
                                            view! {
                                                <tr><td>{r.at}</td><td>{r.who}</td><td title=r.action>{label}</td><td>{r.subject}</td><td>{r.details_text}</td></tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                                <crate::pages::cases::Pager page=page total=total per_page=per_page form=crate::pages::cases::PagerForm {
                                    action: AUDIT,
                                    fields: AUDIT_FIELDS.into_iter().zip(query.get_untracked()).collect(),
                                }/>
                            }.into_any()
                        }
                        Err(e) => view! { <p role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

const OUTBOX: &str = "/api/admin/outbox";
const RETRY: &str = "/api/admin/outbox/retry";

/// CASE-11: what was sent and what waits, newest first, paged; a message
/// that has not gone out can be tried again at once.
#[component]
fn OutboxSection() -> impl IntoView {
    let locale = crate::components::language::locale();
    let page = RwSignal::new(replied_value(OUTBOX, "page").and_then(|p| p.parse().ok()).unwrap_or(0u64));
    let retry = ServerAction::<RetryOutboxMessage>::new();
    let outbox = Resource::new(move || (page.get(), retry.version().get()), |(page, _)| list_outbox(crate::domain::PageNumber::saturating(page)));
    let status = RwSignal::new(replied_success(RETRY).then(|| td_string!(locale, admin.resending).to_string()));
    let error = RwSignal::new(replied_error(RETRY).map(|e| e.to_string()));
    Effect::new(move |_| match retry.value().get() {
        Some(Ok(())) => status.set(Some(td_string!(locale, admin.resending).into())),
        Some(Err(e)) => error.set(Some(e.to_string())),
        None => {}
    });
    view! {
        <section class="card" aria-labelledby="utkorg-rubrik">
            <h2 id="utkorg-rubrik">{td_string!(locale, admin.outbox)}</h2>
            <StatusMessage message=status/>
            <FormError message=error/>
            <Transition fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match outbox.await {
                        Ok((rows, total)) => view! {
                            <table class="cases">
                                <thead><tr><th scope="col">{td_string!(locale, admin.to_whom)}</th><th scope="col">{td_string!(locale, admin.mail_subject)}</th><th scope="col">{td_string!(locale, admin.created)}</th><th scope="col">{td_string!(locale, admin.sent)}</th><th scope="col">{td_string!(locale, admin.attempts)}</th></tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|r| {
                                        let id = r.id;
                                        let waiting = r.sent_at.is_none();
                                        view! {
                                            <tr>
                                                <td>{r.to}</td><td>{r.subject}</td><td>{r.created_at}</td>
                                                <td>{r.sent_at.unwrap_or_else(|| td_string!(locale, admin.waiting).into())}</td>
                                                <td>{r.attempts} {r.last_error.map(|e| view! { <span class="muted">{format!(" ({e})")}</span> })}
                                                    {waiting.then(|| view! {
                                                        " "
                                                        <PostForm action=RETRY class="inline-form" on_submit=move |ev: leptos::ev::SubmitEvent| {
                                                            ev.prevent_default();
                                                            status.set(None);
                                                            error.set(None);
                                                            retry.dispatch(RetryOutboxMessage { id });
                                                        }>
                                                            <input type="hidden" name="id" value=id.to_string()/>
                                                            <button type="submit" class="secondary-button">{td_string!(locale, admin.retry_now)}</button>
                                                        </PostForm>
                                                    })}
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                            <crate::pages::cases::Pager page=page total=total per_page=50 noun=td_string!(locale, admin.messages)
                                form=crate::pages::cases::PagerForm { action: OUTBOX, fields: vec![] }/>
                        }.into_any(),
                        Err(e) => view! { <p role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

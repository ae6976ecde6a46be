//! The admin pages: staff accounts (ADM-1), the audit log (ADM-5) and the
//! outbox (CASE-11). The server refuses everything here to non-admins.
use crate::api::admin::{list_outbox, list_staff, search_audit, CreateStaff, DeleteStaff, NewStaff, RetryOutboxMessage};
use crate::components::field::{show_server_error, FieldState, TextField};
use crate::components::session::RequireLogin;
use crate::components::form_reply::{replied_error, replied_success, replied_value};
use crate::components::{FormError, StatusMessage, PostForm};
use crate::domain::Role;
use leptos::prelude::*;
use leptos_meta::Title;

const CREATE_STAFF: &str = "/api/admin/staff/create";
const DELETE_STAFF: &str = "/api/admin/staff/delete";
const AUDIT: &str = "/api/admin/audit";

#[component]
pub fn AdminPage() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let staff = Resource::new(move || version.get(), |_| list_staff());
    view! {
        <Title text="Administration"/>
        <RequireLogin>
            <h1>"Administration"</h1>
            <StaffSection staff=staff version=version/>
            <AuditSection/>
            <OutboxSection/>
        </RequireLogin>
    }
}

type StaffResource = Resource<Result<Vec<crate::api::admin::StaffMember>, crate::error::AppError>>;

#[component]
fn StaffSection(staff: StaffResource, version: RwSignal<u32>) -> impl IntoView {
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
        status.set(Some("Kontot är borttaget.".into()));
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
            status.set(Some("Kontot är borttaget.".into()));
            version.update(|v| *v += 1);
        }
        Some(Err(e)) => status.set(Some(e.to_string())),
        None => {}
    });
    view! {
        <section class="card" aria-labelledby="personal-rubrik">
            <h2 id="personal-rubrik">"Personal"</h2>
            <StatusMessage message=status/>
            <Transition fallback=|| view! { <p>"Laddar…"</p> }>
                {move || Suspend::new(async move {
                    let list = staff.await.unwrap_or_default();
                    view! {
                        <table class="people">
                            <thead><tr><th scope="col">"Namn"</th><th scope="col">"Användarnamn"</th><th scope="col">"Roll"</th><th scope="col">"Åtgärder"</th></tr></thead>
                            <tbody>
                                {list.into_iter().map(|m| {
                                    let id = m.user_id;
                                    view! {
                                        <tr>
                                            <td>{m.name.clone()}</td><td>{m.email.clone()}</td><td>{m.role.label()}</td>
                                            <td>
                                                <PostForm action=DELETE_STAFF class="inline-form" on_submit=move |ev: leptos::ev::SubmitEvent| {
                                                    ev.prevent_default();
                                                    status.set(None);
                                                    delete.dispatch(DeleteStaff { user_id: id });
                                                }>
                                                    <input type="hidden" name="user_id" value=id.to_string()/>
                                                    <button type="submit" class="secondary-button" aria-label=format!("Ta bort konto: {}", m.name)>"Ta bort"</button>
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
            <h3>"Nytt personalkonto"</h3>
            <PostForm action=CREATE_STAFF on_submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                error.set(None);
                created.set(None);
                create.dispatch(CreateStaff { email: email.get(), name: name.get(), role: role.get_untracked() });
            }>
                <TextField id="staff-email" name="email" label="Användarnamn (e-postadress)" state=email input_type="email"/>
                <TextField id="staff-name" name="name" label="Namn" state=name/>
                <div class="field">
                    <label for="staff-role">"Roll"</label>
                    <select id="staff-role" name="role" on:change=move |ev| role.set(event_target_value(&ev))>
                        {[Role::ConnectionHandler, Role::FacilityHandler, Role::Admin].into_iter().map(|r| view! {
                            <option value=r.code() selected=move || role.get() == r.code()>{r.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <FormError message=error/>
                <button type="submit" disabled=move || create.pending().get()>"Skapa konto"</button>
            </PostForm>
            {move || created.get().map(|n| (n.member.name, n.member.email)).or_else(|| created_without_scripts.clone()).map(|(name, email)| view! {
                <p class="notice" role="status">
                    "Kontot för " {name.clone()} " är skapat. En länk där " {name}
                    " väljer sitt lösenord har mejlats till " {email} "."
                </p>
            })}
        </section>
    }
}

/// The audit search's fields, in the order the form and the pager send them.
const AUDIT_FIELDS: [&str; 5] = ["person", "case_number", "team_id", "from", "to"];

#[component]
fn AuditSection() -> impl IntoView {
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
            <h2 id="logg-rubrik">"Granskningslogg"</h2>
            <PostForm action=AUDIT class="filters" role="search" on_submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                error.set(None);
                page.set(0);
                query.set(fields.map(|f| f.get()));
            }>
                <input type="hidden" name="page" value="0"/>
                <TextField id="logg-person" name="person" label="Person (användarnamn)" state=person input_type="email" required=false/>
                <TextField id="logg-arende" name="case_number" label="Ärendenummer" state=case_number required=false/>
                <TextField id="logg-team" name="team_id" label="Team-ID" state=team_id required=false
                    hint="Visas när du håller muspekaren över ett team i vänsterspalten."/>
                <TextField id="logg-fran" name="from" label="Från och med" state=from input_type="date" required=false/>
                <TextField id="logg-till" name="to" label="Till och med" state=to input_type="date" required=false/>
                <button type="submit" class="secondary-button">"Sök i loggen"</button>
            </PostForm>
            // The same search as a file: a plain post, so the browser saves what comes back.
            <form method="post" action="/api/admin/audit.csv" class="inline-form">
                {AUDIT_FIELDS.into_iter().enumerate().map(|(i, name)| view! {
                    <input type="hidden" name=name value=move || query.with(|q| q[i].clone())/>
                }).collect_view()}
                <button type="submit" class="secondary-button">"Exportera sökningen som CSV"</button>
            </form>
            <FormError message=error/>
            <Transition fallback=|| view! { <p>"Laddar…"</p> }>
                {move || Suspend::new(async move {
                    match results.await {
                        Ok(list) => {
                            let (total, per_page) = (list.total, list.per_page);
                            view! {
                                <table class="cases">
                                    <thead><tr><th scope="col">"Tid"</th><th scope="col">"Vem"</th><th scope="col">"Händelse"</th><th scope="col">"Gäller"</th><th scope="col">"Detaljer"</th></tr></thead>
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
    let page = RwSignal::new(replied_value(OUTBOX, "page").and_then(|p| p.parse().ok()).unwrap_or(0u64));
    let retry = ServerAction::<RetryOutboxMessage>::new();
    let outbox = Resource::new(move || (page.get(), retry.version().get()), |(page, _)| list_outbox(crate::domain::PageNumber::saturating(page)));
    let status = RwSignal::new(replied_success(RETRY).then(|| "Meddelandet skickas igen.".to_string()));
    let error = RwSignal::new(replied_error(RETRY).map(|e| e.to_string()));
    Effect::new(move |_| match retry.value().get() {
        Some(Ok(())) => status.set(Some("Meddelandet skickas igen.".into())),
        Some(Err(e)) => error.set(Some(e.to_string())),
        None => {}
    });
    view! {
        <section class="card" aria-labelledby="utkorg-rubrik">
            <h2 id="utkorg-rubrik">"Utkorg (e-post till installatörer)"</h2>
            <StatusMessage message=status/>
            <FormError message=error/>
            <Transition fallback=|| view! { <p>"Laddar…"</p> }>
                {move || Suspend::new(async move {
                    match outbox.await {
                        Ok((rows, total)) => view! {
                            <table class="cases">
                                <thead><tr><th scope="col">"Till"</th><th scope="col">"Ämne"</th><th scope="col">"Skapat"</th><th scope="col">"Skickat"</th><th scope="col">"Försök"</th></tr></thead>
                                <tbody>
                                    {rows.into_iter().map(|r| {
                                        let id = r.id;
                                        let waiting = r.sent_at.is_none();
                                        view! {
                                            <tr>
                                                <td>{r.to}</td><td>{r.subject}</td><td>{r.created_at}</td>
                                                <td>{r.sent_at.unwrap_or_else(|| "Väntar".into())}</td>
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
                                                            <button type="submit" class="secondary-button">"Försök igen nu"</button>
                                                        </PostForm>
                                                    })}
                                                </td>
                                            </tr>
                                        }
                                    }).collect_view()}
                                </tbody>
                            </table>
                            <crate::pages::cases::Pager page=page total=total per_page=50 noun="meddelanden"
                                form=crate::pages::cases::PagerForm { action: OUTBOX, fields: vec![] }/>
                        }.into_any(),
                        Err(e) => view! { <p role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

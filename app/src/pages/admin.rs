//! The admin pages: staff accounts (ADM-1), the audit log (ADM-5) and the
//! outbox (CASE-11). The server refuses everything here to non-admins.
use crate::api::admin::{list_outbox, list_staff, search_audit, CreateStaff, DeleteStaff, NewStaff};
use crate::components::field::{show_server_error, FieldState, TextField};
use crate::components::session::RequireLogin;
use crate::components::{FormError, StatusMessage};
use crate::domain::Role;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AdminPage() -> impl IntoView {
    let version = RwSignal::new(0u32);
    let staff = Resource::new(move || version.get(), |_| list_staff());
    let outbox = Resource::new(|| (), |_| list_outbox(crate::domain::PageNumber::default()));
    view! {
        <Title text="Administration"/>
        <RequireLogin>
            <h1>"Administration"</h1>
            <StaffSection staff=staff version=version/>
            <AuditSection/>
            <section class="card" aria-labelledby="utkorg-rubrik">
                <h2 id="utkorg-rubrik">"Utkorg (e-post till installatörer)"</h2>
                <Transition fallback=|| view! { <p>"Laddar…"</p> }>
                    {move || Suspend::new(async move {
                        match outbox.await {
                            Ok((rows, total)) => view! {
                                <p>{format!("{total} meddelanden.")}</p>
                                <table class="cases">
                                    <thead><tr><th scope="col">"Till"</th><th scope="col">"Ämne"</th><th scope="col">"Skapat"</th><th scope="col">"Skickat"</th><th scope="col">"Försök"</th></tr></thead>
                                    <tbody>
                                        {rows.into_iter().map(|r| view! {
                                            <tr>
                                                <td>{r.to}</td><td>{r.subject}</td><td>{r.created_at}</td>
                                                <td>{r.sent_at.unwrap_or_else(|| "Väntar".into())}</td>
                                                <td>{r.attempts} {r.last_error.map(|e| view! { <span class="muted">{format!(" ({e})")}</span> })}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            }.into_any(),
                            Err(e) => view! { <p role="alert">{e.to_string()}</p> }.into_any(),
                        }
                    })}
                </Transition>
            </section>
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
                                            <td><button type="button" class="secondary-button" aria-label=format!("Ta bort konto: {}", m.name)
                                                on:click=move |_| { status.set(None); delete.dispatch(DeleteStaff { user_id: id }); }>"Ta bort"</button></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }
                })}
            </Transition>
            <h3>"Nytt personalkonto"</h3>
            <form method="post" action="/api/admin/staff/create" novalidate on:submit=move |ev| {
                ev.prevent_default();
                error.set(None);
                created.set(None);
                create.dispatch(CreateStaff { email: email.get(), name: name.get(), role: role.get_untracked() });
            }>
                <TextField id="staff-email" label="Användarnamn (e-postadress)" state=email input_type="email"/>
                <TextField id="staff-name" label="Namn" state=name/>
                <div class="field">
                    <label for="staff-role">"Roll"</label>
                    <select id="staff-role" on:change=move |ev| role.set(event_target_value(&ev))>
                        {[Role::ConnectionHandler, Role::FacilityHandler, Role::Admin].into_iter().map(|r| view! {
                            <option value=r.code() selected=move || role.get() == r.code()>{r.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <FormError message=error/>
                <button type="submit" disabled=move || create.pending().get()>"Skapa konto"</button>
            </form>
            {move || created.get().map(|n| view! {
                <p class="notice" role="status">
                    "Kontot för " {n.member.name.clone()} " är skapat. En länk där " {n.member.name}
                    " väljer sitt lösenord har mejlats till " {n.member.email} "."
                </p>
            })}
        </section>
    }
}

#[component]
fn AuditSection() -> impl IntoView {
    let person = FieldState::new();
    let case_number = FieldState::new();
    let from = FieldState::new();
    let to = FieldState::new();
    let page = RwSignal::new(0u64);
    let query = RwSignal::new((String::new(), String::new(), String::new(), String::new()));
    let results = Resource::new(
        move || (query.get(), page.get()),
        |((p, c, f, t), page)| search_audit(p, c, None, f, t, crate::domain::PageNumber::saturating(page)),
    );
    let error = RwSignal::new(None::<String>);
    view! {
        <section class="card" aria-labelledby="logg-rubrik">
            <h2 id="logg-rubrik">"Granskningslogg"</h2>
            <form method="post" action="/api/admin/audit" class="filters" role="search" novalidate on:submit=move |ev| {
                ev.prevent_default();
                page.set(0);
                query.set((person.get(), case_number.get(), from.get(), to.get()));
            }>
                <TextField id="logg-person" label="Person (användarnamn)" state=person input_type="email" required=false/>
                <TextField id="logg-arende" label="Ärendenummer" state=case_number required=false/>
                <TextField id="logg-fran" label="Från och med" state=from input_type="date" required=false/>
                <TextField id="logg-till" label="Till och med" state=to input_type="date" required=false/>
                <button type="submit" class="secondary-button">"Sök i loggen"</button>
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
                                        {list.rows.into_iter().map(|r| view! {
                                            <tr><td>{r.at}</td><td>{r.who}</td><td>{r.action}</td><td>{r.subject}</td><td><code>{r.details}</code></td></tr>
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
        </section>
    }
}

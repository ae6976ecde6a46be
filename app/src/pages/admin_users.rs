//! ADM-7 `Användare`: the user directory. An admin finds any account (name,
//! personnummer, e-mail, organisationsnummer, team), sees its teams, cases
//! and audit entries, and deactivates or reactivates it, sends it a link to
//! choose a new password or lifts its login lock. The server checks the
//! role and records every change.
use crate::api::admin::{get_user, search_audit, search_users, user_cases, AccountAction, AccountProfile, ActOnUser};
use crate::components::field::{FieldState, TextField};
use crate::components::form_reply::{replied_error, replied_success, replied_value};
use crate::components::session::RequireLogin;
use crate::components::{FormError, PostForm, StatusMessage};
use crate::pages::cases::{CaseTable, Keyset, Pager, PagerForm};
use crate::i18n::{fill, td_string};
use crate::translated::role_label;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

const SEARCH: &str = "/api/admin/users/search";
const ACT: &str = "/api/admin/users/act";

#[component]
pub fn AdminUsersPage() -> impl IntoView {
    let locale = crate::components::language::locale();
    // A search posted without scripts comes back in the reply, not the address (it names people).
    let asked = |field| replied_value(SEARCH, field).unwrap_or_default();
    let query = FieldState::with_value(asked("query"));
    let applied = RwSignal::new(asked("query"));
    let page = RwSignal::new(asked("page").parse::<u64>().unwrap_or(0));
    let results = Resource::new(
        move || (applied.get(), page.get()),
        |(q, page)| async move {
            if q.trim().is_empty() {
                return Ok(None);
            }
            search_users(q, crate::domain::PageNumber::saturating(page)).await.map(Some)
        },
    );
    view! {
        <Title text=td_string!(locale, admin_users.title)/>
        <RequireLogin>
            <h1>{td_string!(locale, admin_users.title)}</h1>
            <p>{td_string!(locale, admin_users.intro)}</p>
            <PostForm action=SEARCH class="filters" role="search" on_submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                page.set(0);
                applied.set(query.get());
            }>
                <input type="hidden" name="page" value="0"/>
                <TextField id="query" label=td_string!(locale, admin_users.query) state=query input_type="search"/>
                <button type="submit" class="secondary-button">{td_string!(locale, admin_users.search)}</button>
            </PostForm>
            <Transition fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match results.await {
                        Ok(None) => ().into_any(),
                        Ok(Some(list)) if list.rows.is_empty() => view! { <p class="muted">{td_string!(locale, admin_users.none)}</p> }.into_any(),
                        Ok(Some(list)) => {
                            let (total, per_page) = (list.total, list.per_page);
                            view! {
                                <table class="cases">
                                    <thead><tr>
                                        <th scope="col">{td_string!(locale, admin_users.name)}</th><th scope="col">{td_string!(locale, admin_users.email)}</th><th scope="col">{td_string!(locale, admin_users.role)}</th>
                                        <th scope="col">{td_string!(locale, admin_users.personnummer)}</th><th scope="col">{td_string!(locale, admin_users.status)}</th>
                                    </tr></thead>
                                    <tbody>
                                        {list.rows.into_iter().map(|r| view! {
                                            <tr>
                                                <td><a href=format!("/admin/anvandare/{}", r.user_id)>{r.name}</a></td>
                                                <td>{r.email}</td>
                                                <td>{role_label(locale, r.role)}</td>
                                                <td>{r.personnummer.unwrap_or_default()}</td>
                                                <td>{if r.deactivated { td_string!(locale, admin_users.deactivated) } else { td_string!(locale, admin_users.active) }}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                                <Pager page=page total=total per_page=per_page noun=td_string!(locale, admin_users.accounts) form=PagerForm {
                                    action: SEARCH,
                                    fields: vec![("query", applied.get_untracked())],
                                }/>
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
pub fn AdminUserPage() -> impl IntoView {
    let locale = crate::components::language::locale();
    let params = use_params_map();
    let user_id = move || params.read().get("id").and_then(|s| s.parse::<i32>().ok()).unwrap_or(0);
    let version = RwSignal::new(0u32);
    let profile = Resource::new(move || (user_id(), version.get()), |(id, _)| get_user(id));
    let status = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let act = ServerAction::<ActOnUser>::new();
    // The action's input is gone once it is done; what was asked is kept here.
    let last = RwSignal::new(None::<AccountAction>);
    // Done without scripts (UX-1).
    if replied_success(ACT) {
        status.set(Some(td_string!(locale, admin_users.done).into()));
    } else if let Some(e) = replied_error(ACT) {
        error.set(Some(e.to_string()));
    }
    Effect::new(move |_| match act.value().get() {
        Some(Ok(())) => {
            let done = match last.get_untracked() {
                Some(AccountAction::Deactivate) => td_string!(locale, admin_users.done_deactivate),
                Some(AccountAction::Reactivate) => td_string!(locale, admin_users.done_reactivate),
                Some(AccountAction::SendPasswordLink) => td_string!(locale, admin_users.done_password_link),
                Some(AccountAction::LiftLoginLock) => td_string!(locale, admin_users.done_lift_lock),
                None => td_string!(locale, admin_users.done),
            };
            status.set(Some(done.into()));
            version.update(|v| *v += 1);
        }
        Some(Err(e)) => error.set(Some(e.to_string())),
        None => {}
    });
    view! {
        <Title text=td_string!(locale, admin_users.title)/>
        <RequireLogin>
            <p><a href="/admin/anvandare">{td_string!(locale, admin_users.back)}</a></p>
            <Transition fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match profile.await {
                        Ok(p) => view! { <Account profile=p act=act last=last status=status error=error/> }.into_any(),
                        Err(e) => view! { <h1>{td_string!(locale, admin_users.not_found)}</h1><p role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </RequireLogin>
    }
}

#[component]
fn Account(
    profile: AccountProfile,
    act: ServerAction<ActOnUser>,
    last: RwSignal<Option<AccountAction>>,
    status: RwSignal<Option<String>>,
    error: RwSignal<Option<String>>,
) -> impl IntoView {
    let locale = crate::components::language::locale();
    let p = profile;
    let id = p.row.user_id;
    let yes_no = move |b: bool| if b { td_string!(locale, admin_users.yes) } else { td_string!(locale, admin_users.no) };
    let action = move |a: AccountAction, label: &'static str, class: &'static str| {
        view! {
            <PostForm action=ACT class="inline-form" on_submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                status.set(None);
                error.set(None);
                last.set(Some(a));
                act.dispatch(ActOnUser { user_id: id, action: a });
            }>
                <input type="hidden" name="user_id" value=id.to_string()/>
                <input type="hidden" name="action" value=format!("{a:?}")/>
                <button type="submit" class=class disabled=move || act.pending().get()>{label}</button>
            </PostForm>
        }
    };
    let active = !p.row.deactivated;
    view! {
        <h1>{p.row.name.clone()}</h1>
        <p>
            <span class=if active { "state state-pagaende" } else { "state state-makulerad" }>{if active { td_string!(locale, admin_users.active_account) } else { td_string!(locale, admin_users.deactivated_account) }}</span>
            " · " {role_label(locale, p.row.role)}
        </p>
        <StatusMessage message=status/>
        <FormError message=error/>
        <section class="card" aria-labelledby="konto-rubrik">
            <h2 id="konto-rubrik">{td_string!(locale, admin_users.account)}</h2>
            <dl class="facts">
                <dt>{td_string!(locale, admin_users.email_username)}</dt><dd>{p.row.email.clone()}</dd>
                {p.user_type.clone().map(|t| view! { <dt>{td_string!(locale, admin_users.user_type)}</dt><dd>{t}</dd> })}
                {p.row.personnummer.clone().map(|n| view! { <dt>{td_string!(locale, admin_users.personnummer)}</dt><dd>{n}</dd> })}
                <dt>{td_string!(locale, admin_users.mobile)}</dt><dd>{p.mobile.clone()}</dd>
                {(!p.address.is_empty()).then(|| view! { <dt>{td_string!(locale, admin_users.address)}</dt><dd>{p.address.clone()}</dd> })}
                <dt>{td_string!(locale, admin_users.created)}</dt><dd>{p.created_at.clone()}</dd>
                <dt>{td_string!(locale, admin_users.email_verified)}</dt><dd>{yes_no(p.email_verified)}</dd>
                <dt>{td_string!(locale, admin_users.second_factor)}</dt><dd>{yes_no(p.second_factor)}</dd>
                {p.deactivated_at.clone().map(|at| view! { <dt>{td_string!(locale, admin_users.deactivated)}</dt><dd>{at}</dd> })}
                <dt>{td_string!(locale, admin_users.failures)}</dt><dd>{p.recent_login_failures}</dd>
                <dt>{td_string!(locale, admin_users.locked)}</dt><dd>{yes_no(p.login_locked)}</dd>
            </dl>
        </section>
        <section class="card" aria-labelledby="konto-atgarder-rubrik">
            <h2 id="konto-atgarder-rubrik">{td_string!(locale, admin_users.actions)}</h2>
            <div class="actions">
                {(active && !p.is_me).then(|| action(AccountAction::Deactivate, td_string!(locale, admin_users.deactivate), "danger"))}
                {(!active).then(|| action(AccountAction::Reactivate, td_string!(locale, admin_users.reactivate), ""))}
                {active.then(|| action(AccountAction::SendPasswordLink, td_string!(locale, admin_users.send_password_link), "secondary-button"))}
                {p.login_locked.then(|| action(AccountAction::LiftLoginLock, td_string!(locale, admin_users.lift_lock), "secondary-button"))}
            </div>
            {p.is_me.then(|| view! { <p class="muted">{td_string!(locale, admin_users.not_yourself)}</p> })}
        </section>
        <section class="card" aria-labelledby="konto-team-rubrik">
            <h2 id="konto-team-rubrik">{td_string!(locale, admin_users.teams)}</h2>
            {if p.teams.is_empty() {
                view! { <p class="muted">{td_string!(locale, admin_users.no_teams)}</p> }.into_any()
            } else {
                view! {
                    <table class="cases">
                        <thead><tr><th scope="col">{td_string!(locale, admin_users.team)}</th><th scope="col">{td_string!(locale, admin_users.organisationsnummer)}</th><th scope="col">{td_string!(locale, admin_users.company)}</th><th scope="col">{td_string!(locale, admin_users.team_role)}</th></tr></thead>
                        <tbody>
                            {p.teams.iter().map(|t| view! {
                                <tr>
                                    <td><a href=format!("/team/{}", t.team_id)>{t.name.clone()}</a></td>
                                    <td>{t.organisationsnummer.clone()}</td>
                                    <td>{t.company_name.clone()}</td>
                                    <td>{if t.owner { td_string!(locale, admin_users.owner) } else { td_string!(locale, admin_users.member) }}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
        <AccountCases user_id=id/>
        <AccountLog email=p.row.email.clone()/>
    }
}

/// The cases the account holds, 25 a page.
#[component]
fn AccountCases(user_id: i32) -> impl IntoView {
    let locale = crate::components::language::locale();
    let page = RwSignal::new(0u64);
    let cursor = RwSignal::new(None::<crate::domain::PageCursor>);
    let cases = Resource::new(
        move || (page.get(), cursor.get_untracked()),
        move |(page, cursor)| user_cases(user_id, crate::domain::PageNumber::saturating(page), cursor),
    );
    view! {
        <section class="card" aria-labelledby="konto-arenden-rubrik">
            <h2 id="konto-arenden-rubrik">{td_string!(locale, admin_users.cases)}</h2>
            <Transition fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match cases.await {
                        Ok(list) => {
                            let (total, per_page) = (list.total, list.per_page);
                            let keyset = Keyset::of(cursor, &list.rows);
                            view! {
                                <CaseTable rows=list.rows/>
                                <Pager page=page total=total per_page=per_page keyset=keyset/>
                            }.into_any()
                        }
                        Err(e) => view! { <p role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// The account's newest audit entries: what it did, what was done for it or to it.
#[component]
fn AccountLog(email: String) -> impl IntoView {
    let locale = crate::components::language::locale();
    let entries = Resource::new(
        move || email.clone(),
        |email| search_audit(email, String::new(), String::new(), String::new(), String::new(), crate::domain::PageNumber::default()),
    );
    view! {
        <section class="card" aria-labelledby="konto-logg-rubrik">
            <h2 id="konto-logg-rubrik">{td_string!(locale, admin_users.log)}</h2>
            <Transition fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match entries.await {
                        Ok(list) if list.rows.is_empty() => view! { <p class="muted">{td_string!(locale, admin_users.no_events)}</p> }.into_any(),
                        Ok(list) => view! {
                            <table class="cases">
                                <thead><tr><th scope="col">{td_string!(locale, admin_users.at)}</th><th scope="col">{td_string!(locale, admin_users.who)}</th><th scope="col">{td_string!(locale, admin_users.event)}</th><th scope="col">{td_string!(locale, admin_users.details)}</th></tr></thead>
                                <tbody>
                                    {list.rows.into_iter().map(|r| {
                                        let label = if r.action_label.is_empty() { r.action.clone() } else { r.action_label.clone() };
                                        view! { <tr><td>{r.at}</td><td>{r.who}</td><td title=r.action>{label}</td><td>{r.details_text}</td></tr> }
                                    }).collect_view()}
                                </tbody>
                            </table>
                            {(list.total > list.per_page).then(|| view! {
                                <p class="muted">{fill(td_string!(locale, admin_users.latest_of), &[("shown", &crate::formats::number(locale, list.per_page)), ("total", &crate::formats::number(locale, list.total))])}</p>
                            })}
                        }.into_any(),
                        Err(e) => view! { <p role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

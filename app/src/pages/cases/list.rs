//! `Mina ärenden` (CASE-4): the installer's cases, filtered by state and
//! team, searched by case number or address, newest change first, paged on
//! the server; and `Byt team på ärenden` (CASE-6).
use super::{CaseTable, Keyset, Pager, PagerForm};
use crate::api::cases::{my_cases, team_choices, ChangeTeam, SeenCase};
use crate::api::teams::my_teams;
use crate::components::session::RequireLogin;
use crate::components::form_reply::{replied_error, replied_success, replied_value};
use crate::components::{FormError, StatusMessage, PostForm};
use crate::domain::case::CaseState;
use crate::i18n::td_string;
use leptos::prelude::*;
use leptos_meta::Title;

const SEARCH: &str = "/api/cases/mine";
const CHANGE_TEAM: &str = "/api/cases/change-team-form";

#[component]
pub fn MyCasesPage() -> impl IntoView {
    // This page is in the main module; a case or a new case is opened from here.
    crate::pages::lazy::prefetch_installer_pages();
    // A search posted without scripts comes back in the reply, not in the
    // address (a customer's name is not for browser histories) (UX-1).
    let asked = |field| replied_value(SEARCH, field).unwrap_or_default();
    let state_filter = RwSignal::new(asked("state_code"));
    let team_filter = RwSignal::new(asked("team_id").parse::<i32>().ok());
    let search = RwSignal::new(asked("query"));
    let search_control = NodeRef::<leptos::html::Input>::new();
    let applied_search = RwSignal::new(asked("query"));
    let page = RwSignal::new(asked("page").parse::<u64>().unwrap_or(0));
    let cursor = RwSignal::new(crate::domain::PageCursor::parse(&asked("cursor")).ok());
    let version = RwSignal::new(0u32);
    // CASE-15: the list follows case news without a reload.
    let live = crate::components::live::use_live();
    // The side column's teams: one statement, and one serialized value, for
    // both. (Awaited in the filter's Suspend: this page hydrates with the
    // main module, at once. As a lazily loaded page it needed a resource of
    // its own, a copy of the teams in the page.)
    let side_column = crate::components::layout::use_sidebar();
    let cases = Resource::new(
        // The cursor is set with the page it belongs to (by the pager), and
        // is ignored on the first page (where a new filter starts).
        move || (state_filter.get(), team_filter.get(), applied_search.get(), page.get(), cursor.get_untracked(), (version.get(), live.cases.get())),
        |(state_code, team_id, query, page, cursor, _)| {
            my_cases(state_code, team_id.map(|t| t.to_string()), query, crate::domain::PageNumber::saturating(page), cursor)
        },
    );
    // CASE-6: choosing cases to move to another team (without scripts: `?byt-team=1`).
    let moving = RwSignal::new(leptos_router::hooks::use_query_map().read_untracked().get("byt-team").is_some());
    let selected = RwSignal::new(Vec::<SeenCase>::new());
    let target_team = RwSignal::new(None::<i32>);
    let status = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let change = ServerAction::<ChangeTeam>::new();
    let locale = crate::components::language::locale();
    if replied_success(CHANGE_TEAM) {
        status.set(Some(td_string!(locale, my_cases.moved).into()));
    } else if let Some(e) = replied_error(CHANGE_TEAM) {
        error.set(Some(e.to_string()));
    }
    Effect::new(move |_| match change.value().get() {
        Some(Ok(n)) => {
            status.set(Some(format!("{}.", super::moved(n))));
            selected.set(Vec::new());
            moving.set(false);
            version.update(|v| *v += 1);
        }
        Some(Err(e)) => error.set(Some(e.to_string())),
        None => {}
    });

    view! {
        <Title text=td_string!(locale, my_cases.title)/>
        <RequireLogin>
        <h1>{td_string!(locale, my_cases.title)}</h1>
        <p class="actions">
            <a class="button" href="/arenden/nytt">{td_string!(locale, my_cases.new_case)}</a>
            <a class="button secondary-button" href=move || if moving.get() { "/arenden" } else { "/arenden?byt-team=1" }
                aria-current=move || moving.get().then_some("page")
                on:click=move |ev| { ev.prevent_default(); moving.update(|m| *m = !*m); selected.set(Vec::new()); error.set(None); }>
                {td_string!(locale, my_cases.change_team)}
            </a>
        </p>
        <StatusMessage message=status/>
        <PostForm action=SEARCH class="filters" role="search" on_submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); page.set(0); applied_search.set(search.get_untracked()); }>
            <input type="hidden" name="page" value="0"/>
            <div class="field">
                <label for="filter-lage">{td_string!(locale, my_cases.state)}</label>
                <select id="filter-lage" name="state_code" on:change=move |ev| { page.set(0); state_filter.set(event_target_value(&ev)); }>
                    <option value="">{td_string!(locale, my_cases.all)}</option>
                    {CaseState::ALL.into_iter().map(|s| view! {
                        <option value=s.code() selected=state_filter.get_untracked() == s.code()>{crate::translated::state_label(locale, s)}</option>
                    }).collect_view()}
                </select>
            </div>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let teams = side_column.teams().await;
                    view! {
                        <div class="field">
                            <label for="filter-team">{td_string!(locale, my_cases.team)}</label>
                            <select id="filter-team" name="team_id" on:change=move |ev| { page.set(0); team_filter.set(event_target_value(&ev).parse().ok()); }>
                                <option value="">{td_string!(locale, my_cases.all)}</option>
                                {teams.into_iter().map(|t| view! {
                                    <option value=t.id.to_string() selected=team_filter.get_untracked() == Some(t.id)>{t.name}</option>
                                }).collect_view()}
                            </select>
                        </div>
                    }
                })}
            </Suspense>
            <div class="field">
                <label for="sok">{td_string!(locale, my_cases.search)}</label>
                <input id="sok" name="query" type="search" value=search.get_untracked() node_ref=search_control prop:value=crate::components::field::kept_through_hydration(search, search_control)
                    on:input=move |ev| search.set(event_target_value(&ev))/>
            </div>
            <button type="submit" class="secondary-button">{td_string!(locale, my_cases.search_button)}</button>
        </PostForm>
        <Show when=move || moving.get()>
            <section class="card notice" aria-labelledby="byt-team-rubrik">
                <h2 id="byt-team-rubrik">{td_string!(locale, my_cases.change_team)}</h2>
                <p>{td_string!(locale, my_cases.change_team_intro)}</p>
                <PostForm id="byt-team" action=CHANGE_TEAM on_submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    error.set(None);
                    match target_team.get_untracked() {
                        Some(team_id) if !selected.get_untracked().is_empty() =>
                            { change.dispatch(ChangeTeam { cases: selected.get_untracked(), team_id }); }
                        _ => error.set(Some(td_string!(locale, my_cases.choose_cases_and_team).into())),
                    }
                }>
                <TargetTeams selected target_team/>
                <FormError message=error/>
                <button type="submit" disabled=move || change.pending().get()>{td_string!(locale, my_cases.move_button)}</button>
                </PostForm>
            </section>
        </Show>
        <Transition fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
            {move || Suspend::new(async move {
                // Read before awaiting: only then is the signal tracked.
                let selecting = moving.get();
                match cases.await {
                    Ok(list) => {
                        let (total, per_page) = (list.total, list.per_page);
                        let keyset = Keyset::of(cursor, &list.rows);
                        view! {
                            {if selecting {
                                view! { <CaseTable rows=list.rows selected=selected form_id="byt-team"/> }.into_any()
                            } else {
                                view! { <CaseTable rows=list.rows/> }.into_any()
                            }}
                            <Pager page=page total=total per_page=per_page keyset=keyset form=PagerForm {
                                action: SEARCH,
                                fields: vec![
                                    ("state_code", state_filter.get_untracked()),
                                    ("team_id", team_filter.get_untracked().map(|t| t.to_string()).unwrap_or_default()),
                                    ("query", applied_search.get_untracked()),
                                ],
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

/// CASE-6: the teams the marked cases can go to. Its own component, made only
/// while the move form shows: a page that does not show the form neither asks
/// nor carries an empty answer for the browser (issue 13).
#[component]
fn TargetTeams(selected: RwSignal<Vec<SeenCase>>, target_team: RwSignal<Option<i32>>) -> impl IntoView {
    let locale = crate::components::language::locale();
    let choices = Resource::new(
        move || selected.get().first().map(|s| s.id),
        |first| async move {
            match first {
                Some(id) => team_choices(id).await.unwrap_or_default(),
                // Nothing marked yet (or no scripts to say what is): every team of the caller's; the move checks.
                None => my_teams()
                    .await
                    .unwrap_or_default()
                    .into_iter()
                    .map(|t| crate::api::cases::TeamChoice { id: t.id, name: t.name, organisationsnummer: t.organisationsnummer })
                    .collect(),
            }
        },
    );
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let choices = choices.await;
                target_team.set(None);
                view! {
                    <div class="field">
                        <label for="mal-team">{td_string!(locale, my_cases.target_team)}</label>
                        <select id="mal-team" name="team_id" on:change=move |ev| target_team.set(event_target_value(&ev).parse().ok())>
                            <option value="">{td_string!(locale, my_cases.choose_team)}</option>
                            {choices.into_iter().map(|t| view! {
                                <option value=t.id.to_string()>{format!("{} ({})", t.name, t.organisationsnummer)}</option>
                            }).collect_view()}
                        </select>
                    </div>
                }
            })}
        </Suspense>
    }
}

//! CASE-4 `Visa ärende` and CASE-5 `Flytta ärende till annan installatör`:
//! the team owner's overview of the team's cases — every member's, or one
//! member's (`/team/:id/medlem/:user`) — filtered and searched, from which
//! cases of several members move to one installer at once.
use super::{CaseTable, Keyset, Pager, PagerForm};
use crate::api::cases::{team_cases, MoveCasesToMember, SeenCase};
use crate::api::teams::{get_team, Person};
use crate::components::form_reply::{replied_error, replied_success, replied_value};
use crate::components::session::RequireLogin;
use crate::components::{FormError, PostForm, StatusMessage};
use crate::domain::case::CaseState;
use crate::i18n::{fill, td_string};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

const MOVE_FORM: &str = "/api/cases/move-to-member-form";
const LIST: &str = "/api/cases/team";

#[component]
pub fn MemberCasesPage() -> impl IntoView {
    let locale = crate::components::language::locale();
    let params = use_params_map();
    let team_id = move || params.read().get("id").and_then(|s| s.parse::<i32>().ok()).unwrap_or(0);
    // A member in the address starts the list at their cases; a filter
    // posted without scripts comes back in the reply (UX-1).
    let replied = |field| replied_value(LIST, field).unwrap_or_default();
    let member_in_address = params.read_untracked().get("user").unwrap_or_default();
    let member = RwSignal::new(replied_value(LIST, "member_id").unwrap_or(member_in_address));
    let state_filter = RwSignal::new(replied("state_code"));
    let search = RwSignal::new(replied("query"));
    let search_control = NodeRef::<leptos::html::Input>::new();
    let applied_search = RwSignal::new(replied("query"));
    let page = RwSignal::new(replied("page").parse::<u64>().unwrap_or(0));
    let cursor = RwSignal::new(crate::domain::PageCursor::parse(&replied("cursor")).ok());
    let version = RwSignal::new(0u32);
    let live = crate::components::live::use_live();
    let team = Resource::new(team_id, get_team);
    let cases = Resource::new(
        move || (team_id(), member.get(), state_filter.get(), applied_search.get(), page.get(), cursor.get_untracked(), (version.get(), live.cases.get())),
        |(team_id, member, state_code, query, page, cursor, _)| {
            team_cases(team_id, member, state_code, query, crate::domain::PageNumber::saturating(page), cursor)
        },
    );
    let selected = RwSignal::new(Vec::<SeenCase>::new());
    let status = RwSignal::new(None::<String>);
    view! {
        <Title text=td_string!(locale, team_cases.title)/>
        <RequireLogin>
            <Transition fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    let team = match team.await {
                        Ok(t) => t,
                        Err(e) => return view! { <h1>{td_string!(locale, team_cases.title)}</h1><p role="alert">{e.to_string()}</p> }.into_any(),
                    };
                    let people: Vec<Person> = std::iter::once(team.owner.clone()).chain(team.members.iter().cloned()).collect();
                    let names: Vec<(i32, String)> = people.iter().map(|p| (p.user_id, p.name.clone())).collect();
                    let options = people.clone();
                    let shown_member = member.get_untracked();
                    let heading = match people.iter().find(|p| p.user_id.to_string() == shown_member) {
                        Some(p) => fill(td_string!(locale, team_cases.cases_of), &[("name", &p.name)]),
                        None => fill(td_string!(locale, team_cases.cases_in), &[("team", &team.name)]),
                    };
                    view! {
                        <h1>{heading}</h1>
                        <p><a href=format!("/team/{}", team.id)>{fill(td_string!(locale, team_cases.back_to), &[("team", &team.name)])}</a></p>
                        <StatusMessage message=status/>
                        <PostForm action=LIST class="filters" role="search" on_submit=move |ev: leptos::ev::SubmitEvent| {
                            ev.prevent_default();
                            page.set(0);
                            applied_search.set(search.get_untracked());
                        }>
                            <input type="hidden" name="team_id" value=team.id.to_string()/>
                            <input type="hidden" name="page" value="0"/>
                            <div class="field">
                                <label for="filter-medlem">{td_string!(locale, team_cases.installer)}</label>
                                <select id="filter-medlem" name="member_id" on:change=move |ev| { page.set(0); member.set(event_target_value(&ev)); }>
                                    <option value="">{td_string!(locale, team_cases.everyone)}</option>
                                    {options.into_iter().map(|p| view! {
                                        <option value=p.user_id.to_string() selected=shown_member == p.user_id.to_string()>{p.name}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for="filter-lage">{td_string!(locale, team_cases.state)}</label>
                                <select id="filter-lage" name="state_code" on:change=move |ev| { page.set(0); state_filter.set(event_target_value(&ev)); }>
                                    <option value="">{td_string!(locale, team_cases.all)}</option>
                                    {CaseState::ALL.into_iter().map(|s| view! {
                                        <option value=s.code() selected=state_filter.get_untracked() == s.code()>{crate::translated::state_label(locale, s)}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                            <div class="field">
                                <label for="team-sok">{td_string!(locale, team_cases.search)}</label>
                                <input id="team-sok" name="query" type="search" value=search.get_untracked() node_ref=search_control prop:value=crate::components::field::kept_through_hydration(search, search_control)
                                    on:input=move |ev| search.set(event_target_value(&ev))/>
                            </div>
                            <button type="submit" class="secondary-button">{td_string!(locale, team_cases.search_button)}</button>
                        </PostForm>
                        {match cases.await {
                            Ok(list) => {
                                let (total, per_page) = (list.total, list.per_page);
                                let keyset = Keyset::of(cursor, &list.rows);
                                view! {
                                    <CaseTable rows=list.rows selected=selected form_id="flytta-arenden" holder_names=names/>
                                    <Pager page=page total=total per_page=per_page keyset=keyset form=PagerForm {
                                        action: LIST,
                                        fields: vec![
                                            ("team_id", team.id.to_string()),
                                            ("member_id", member.get_untracked()),
                                            ("state_code", state_filter.get_untracked()),
                                            ("query", applied_search.get_untracked()),
                                        ],
                                    }/>
                                }.into_any()
                            }
                            Err(e) => view! { <p role="alert">{e.to_string()}</p> }.into_any(),
                        }}
                        <MoveToMember team_id=team.id people=people selected=selected status=status version=version/>
                    }.into_any()
                })}
            </Transition>
        </RequireLogin>
    }
}

/// CASE-5 `Flytta ärende till annan installatör`: the marked cases, whoever
/// holds them, go to one installer of the team, all or none.
#[component]
fn MoveToMember(
    team_id: i32,
    people: Vec<Person>,
    selected: RwSignal<Vec<SeenCase>>,
    status: RwSignal<Option<String>>,
    version: RwSignal<u32>,
) -> impl IntoView {
    let locale = crate::components::language::locale();
    let receiver = RwSignal::new(None::<i32>);
    let error = RwSignal::new(None::<String>);
    let mv = ServerAction::<MoveCasesToMember>::new();
    // Moved without scripts (UX-1).
    if replied_success(MOVE_FORM) {
        status.set(Some(td_string!(locale, team_cases.moved).into()));
    } else if let Some(e) = replied_error(MOVE_FORM) {
        error.set(Some(e.to_string()));
    }
    Effect::new(move |_| match mv.value().get() {
        Some(Ok(n)) => {
            status.set(Some(format!("{}.", super::moved(n))));
            selected.set(Vec::new());
            version.update(|v| *v += 1);
        }
        Some(Err(e)) => error.set(Some(e.to_string())),
        None => {}
    });
    view! {
        <section class="card" aria-labelledby="flytta-rubrik">
            <h2 id="flytta-rubrik">{td_string!(locale, team_cases.move_heading)}</h2>
            <p class="muted">{td_string!(locale, team_cases.move_intro)}</p>
            <PostForm id="flytta-arenden" action=MOVE_FORM on_submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                error.set(None);
                status.set(None);
                match receiver.get_untracked() {
                    Some(to_user_id) if !selected.get_untracked().is_empty() => {
                        mv.dispatch(MoveCasesToMember { team_id, cases: selected.get_untracked(), to_user_id });
                    }
                    _ => error.set(Some(td_string!(locale, team_cases.choose_cases_and_installer).into())),
                }
            }>
                <input type="hidden" name="team_id" value=team_id.to_string()/>
                <div class="field">
                    <label for="mottagare">{td_string!(locale, team_cases.receiver)}</label>
                    <select id="mottagare" name="to_user_id" on:change=move |ev| receiver.set(event_target_value(&ev).parse().ok())>
                        <option value="">{td_string!(locale, team_cases.choose_installer)}</option>
                        {people.into_iter().map(|p| view! { <option value=p.user_id.to_string()>{p.name}</option> }).collect_view()}
                    </select>
                </div>
                <FormError message=error/>
                <button type="submit" disabled=move || mv.pending().get()>{td_string!(locale, team_cases.move_heading)}</button>
            </PostForm>
        </section>
    }
}

//! Choosing what to report (CASE-1, the routine's section 5) and, for an
//! installer in several teams, the team (CASE-4).
use crate::api::cases::CreateCase;
use crate::api::teams::my_teams;
use crate::components::session::RequireLogin;
use crate::components::FormError;
use crate::domain::case::{CaseGroup, CATALOGUE};
use crate::i18n::td_string;
use crate::translated::catalogue_text;
use leptos::prelude::*;
use crate::components::PostForm;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

#[component]
pub fn NewCasePage() -> impl IntoView {
    // Resources live at the page's top, not inside a Suspend, so server and
    // browser agree on them when the page hydrates.
    let teams = Resource::new(|| (), |_| my_teams());
    let locale = crate::components::language::locale();
    view! {
        <Title text=td_string!(locale, new_case.title)/>
        <RequireLogin>
            <NewCaseForm teams=teams/>
        </RequireLogin>
    }
}

#[component]
fn NewCaseForm(teams: Resource<Result<Vec<crate::api::teams::TeamSummary>, crate::error::AppError>>) -> impl IntoView {
    let locale = crate::components::language::locale();
    let case_type = RwSignal::new(String::new());
    let team = RwSignal::new(None::<i32>);
    let error = RwSignal::new(None::<String>);
    let create = ServerAction::<CreateCase>::new();
    // Without scripts the form comes back with its choices (UX-1).
    let chosen_type = crate::components::form_reply::replied_value("/api/cases/create", "case_type");
    let chosen_team = crate::components::form_reply::replied_value("/api/cases/create", "team_id");
    if let Some(t) = &chosen_type {
        case_type.set(t.clone());
    }
    if let Some(t) = chosen_team.as_deref().and_then(|t| t.parse().ok()) {
        team.set(Some(t));
    }
    if let Some(e) = crate::components::form_reply::replied_error("/api/cases/create") {
        error.set(Some(e.to_string()));
    }
    let navigate = use_navigate();
    Effect::new(move |_| match create.value().get() {
        Some(Ok(id)) => navigate(&format!("/arenden/{id}"), Default::default()),
        Some(Err(e)) => error.set(Some(e.to_string())),
        None => {}
    });
    view! {
        <h1>{td_string!(locale, new_case.title)}</h1>
        <Transition fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
            {move || { let (chosen_type, chosen_team) = (chosen_type.clone(), chosen_team.clone()); Suspend::new(async move {
                let teams = teams.await.unwrap_or_default();
                if teams.is_empty() {
                    return view! {
                        <p>{td_string!(locale, new_case.need_team)}</p>
                        <p><a href="/nytt-team">{td_string!(locale, new_case.new_team)}</a></p>
                    }.into_any();
                }
                if teams.len() == 1 {
                    team.set(Some(teams[0].id));
                }
                let several = teams.len() > 1;
                let only_team = (!several).then(|| teams[0].id.to_string());
                let (chosen_type, chosen_team) = (chosen_type.clone(), chosen_team.clone());
                view! {
                    <PostForm action="/api/cases/create" class="wide" on_submit=move |ev: leptos::ev::SubmitEvent| {
                        ev.prevent_default();
                        error.set(None);
                        // The form's own state: a choice made before the page was live counts too.
                        chosen_in_form(&ev, case_type, team);
                        let Some(team_id) = team.get_untracked() else {
                            error.set(Some(td_string!(locale, new_case.choose_team_first).into()));
                            return;
                        };
                        if case_type.get_untracked().is_empty() {
                            error.set(Some(td_string!(locale, new_case.choose_type_first).into()));
                            return;
                        }
                        create.dispatch(CreateCase { case_type: case_type.get_untracked(), team_id });
                    }>
                        {only_team.map(|id| view! { <input type="hidden" name="team_id" value=id/> })}
                        {several.then(|| view! {
                            <div class="field">
                                <label for="team">{td_string!(locale, new_case.team)}</label>
                                <select id="team" name="team_id" on:change=move |ev| team.set(event_target_value(&ev).parse().ok())>
                                    <option value="">{td_string!(locale, new_case.choose_team)}</option>
                                    {teams.iter().map(|t| view! {
                                        <option value=t.id.to_string() selected=chosen_team.as_deref() == Some(t.id.to_string().as_str())>
                                            {format!("{} ({})", t.name, t.organisationsnummer)}
                                        </option>
                                    }).collect_view()}
                                </select>
                            </div>
                        })}
                        {CaseGroup::ALL.into_iter().map(|group| { let chosen_type = chosen_type.clone(); view! {
                            <fieldset>
                                <legend>{catalogue_text(locale, group.label())}</legend>
                                {CATALOGUE.iter().filter(move |t| t.group == group).map(|t| {
                                    let id = format!("typ-{}", t.code);
                                    let code = t.code;
                                    view! {
                                        <div class="choice">
                                            <input type="radio" name="case_type" id=id.clone() value=code
                                                checked=chosen_type.as_deref() == Some(code)
                                                on:change=move |_| case_type.set(code.to_string())/>
                                            <label for=id>{catalogue_text(locale, t.label)}</label>
                                        </div>
                                    }
                                }).collect_view()}
                            </fieldset>
                        }}).collect_view()}
                        <FormError message=error/>
                        <button type="submit" disabled=move || create.pending().get()>{td_string!(locale, new_case.create)}</button>
                    </PostForm>
                }.into_any()
            })}}
        </Transition>
    }
}

/// Takes the type and team the form holds into the signals (choices made
/// before hydration fire no handler).
fn chosen_in_form(ev: &leptos::ev::SubmitEvent, case_type: RwSignal<String>, team: RwSignal<Option<i32>>) {
    use wasm_bindgen::JsCast;
    let Some(form) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok()) else { return };
    let Ok(data) = web_sys::FormData::new_with_form(&form) else { return };
    if let Some(t) = data.get("case_type").as_string().filter(|t| !t.is_empty()) {
        case_type.set(t);
    }
    if let Some(id) = data.get("team_id").as_string().and_then(|t| t.parse().ok()) {
        team.set(Some(id));
    }
}

//! Choosing what to report (CASE-1, the routine's section 5) and, for an
//! installer in several teams, the team (CASE-4).
use crate::api::cases::CreateCase;
use crate::api::teams::my_teams;
use crate::components::session::RequireLogin;
use crate::components::FormError;
use crate::domain::case::{CaseGroup, CATALOGUE};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

#[component]
pub fn NewCasePage() -> impl IntoView {
    // Resources live at the page's top, not inside a Suspend, so server and
    // browser agree on them when the page hydrates.
    let teams = Resource::new(|| (), |_| my_teams());
    view! {
        <Title text="Nytt ärende"/>
        <RequireLogin>
            <NewCaseForm teams=teams/>
        </RequireLogin>
    }
}

#[component]
fn NewCaseForm(teams: Resource<Result<Vec<crate::api::teams::TeamSummary>, crate::error::AppError>>) -> impl IntoView {
    let case_type = RwSignal::new(String::new());
    let team = RwSignal::new(None::<i32>);
    let error = RwSignal::new(None::<String>);
    let create = ServerAction::<CreateCase>::new();
    let navigate = use_navigate();
    Effect::new(move |_| match create.value().get() {
        Some(Ok(id)) => navigate(&format!("/arenden/{id}"), Default::default()),
        Some(Err(e)) => error.set(Some(e.to_string())),
        None => {}
    });
    view! {
        <h1>"Nytt ärende"</h1>
        <Transition fallback=|| view! { <p>"Laddar…"</p> }>
            {move || Suspend::new(async move {
                let teams = teams.await.unwrap_or_default();
                if teams.is_empty() {
                    return view! {
                        <p>"Du behöver vara med i ett team för att anmäla ärenden."</p>
                        <p><a href="/nytt-team">"Skapa nytt team"</a></p>
                    }.into_any();
                }
                if teams.len() == 1 {
                    team.set(Some(teams[0].id));
                }
                let several = teams.len() > 1;
                view! {
                    <form method="post" action="/api/cases/create" class="wide" novalidate on:submit=move |ev| {
                        ev.prevent_default();
                        error.set(None);
                        let Some(team_id) = team.get_untracked() else {
                            error.set(Some("Välj vilket team ärendet hör till.".into()));
                            return;
                        };
                        if case_type.get_untracked().is_empty() {
                            error.set(Some("Välj vad du vill anmäla.".into()));
                            return;
                        }
                        create.dispatch(CreateCase { case_type: case_type.get_untracked(), team_id });
                    }>
                        {several.then(|| view! {
                            <div class="field">
                                <label for="team">"Team"</label>
                                <select id="team" on:change=move |ev| team.set(event_target_value(&ev).parse().ok())>
                                    <option value="">"Välj team"</option>
                                    {teams.iter().map(|t| view! {
                                        <option value=t.id.to_string()>{format!("{} ({})", t.name, t.organisationsnummer)}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                        })}
                        {CaseGroup::ALL.into_iter().map(|group| view! {
                            <fieldset>
                                <legend>{group.label()}</legend>
                                {CATALOGUE.iter().filter(move |t| t.group == group).map(|t| {
                                    let id = format!("typ-{}", t.code);
                                    let code = t.code;
                                    view! {
                                        <div class="choice">
                                            <input type="radio" name="case_type" id=id.clone() value=code
                                                on:change=move |_| case_type.set(code.to_string())/>
                                            <label for=id>{t.label}</label>
                                        </div>
                                    }
                                }).collect_view()}
                            </fieldset>
                        }).collect_view()}
                        <FormError message=error/>
                        <button type="submit" disabled=move || create.pending().get()>"Skapa ärende"</button>
                    </form>
                }.into_any()
            })}
        </Transition>
    }
}

//! CASE-4 `Visa ärende` on a member and CASE-5 `Flytta ärende till annan
//! installatör`: the team owner sees a member's cases and moves them.
use super::{CaseTable, Keyset, Pager};
use crate::api::cases::{member_cases, MoveCasesToMember};
use crate::api::teams::get_team;
use crate::components::session::RequireLogin;
use crate::components::form_reply::{replied_error, replied_success};
use crate::components::{FormError, PostForm, StatusMessage};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

const MOVE_FORM: &str = "/api/cases/move-to-member-form";

#[component]
pub fn MemberCasesPage() -> impl IntoView {
    let params = use_params_map();
    let ids = move || {
        let p = params.read();
        (p.get("id").and_then(|s| s.parse::<i32>().ok()), p.get("user").and_then(|s| s.parse::<i32>().ok()))
    };
    let page = RwSignal::new(0u64);
    let cursor = RwSignal::new(None::<crate::domain::PageCursor>);
    let version = RwSignal::new(0u32);
    let live = crate::components::live::use_live();
    let team = Resource::new(move || ids().0, |id| async move { get_team(id.unwrap_or(0)).await });
    let cases = Resource::new(
        move || (ids(), page.get(), cursor.get_untracked(), (version.get(), live.cases.get())),
        |((team_id, user_id), page, cursor, _)| {
            member_cases(team_id.unwrap_or(0), user_id.unwrap_or(0), crate::domain::PageNumber::saturating(page), cursor)
        },
    );
    let selected = RwSignal::new(Vec::<crate::api::cases::SeenCase>::new());
    let receiver = RwSignal::new(None::<i32>);
    let status = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let mv = ServerAction::<MoveCasesToMember>::new();
    // Moved without scripts (UX-1).
    if replied_success(MOVE_FORM) {
        status.set(Some("Ärendena är flyttade.".into()));
    } else if let Some(e) = replied_error(MOVE_FORM) {
        error.set(Some(e.to_string()));
    }
    Effect::new(move |_| match mv.value().get() {
        Some(Ok(n)) => {
            status.set(Some(format!("{n} ärende{} flyttades.", if n == 1 { "" } else { "n" })));
            selected.set(Vec::new());
            version.update(|v| *v += 1);
        }
        Some(Err(e)) => error.set(Some(e.to_string())),
        None => {}
    });
    view! {
        <Title text="Medlemmens ärenden"/>
        <RequireLogin>
            <Transition fallback=|| view! { <p>"Laddar…"</p> }>
                {move || Suspend::new(async move {
                    let (team_id, member_id) = ids();
                    let team = match team.await {
                        Ok(t) => t,
                        Err(e) => return view! { <p role="alert">{e.to_string()}</p> }.into_any(),
                    };
                    let member_name = std::iter::once(&team.owner).chain(team.members.iter())
                        .find(|p| Some(p.user_id) == member_id).map(|p| p.name.clone()).unwrap_or_default();
                    let others: Vec<_> = std::iter::once(team.owner.clone()).chain(team.members.iter().cloned())
                        .filter(|p| Some(p.user_id) != member_id).collect();
                    let list = cases.await;
                    view! {
                        <h1>{format!("Ärenden för {member_name}")}</h1>
                        <p><a href=format!("/team/{}", team_id.unwrap_or(0))>{format!("Tillbaka till {}", team.name)}</a></p>
                        <StatusMessage message=status/>
                        {match list {
                            Ok(list) => {
                                let (total, per_page) = (list.total, list.per_page);
                                let keyset = Keyset::of(cursor, &list.rows);
                                view! {
                                    <CaseTable rows=list.rows selected=selected form_id="flytta-arenden"/>
                                    <Pager page=page total=total per_page=per_page keyset=keyset/>
                                }.into_any()
                            }
                            Err(e) => view! { <p role="alert">{e.to_string()}</p> }.into_any(),
                        }}
                        <section class="card" aria-labelledby="flytta-rubrik">
                            <h2 id="flytta-rubrik">"Flytta ärende till annan installatör"</h2>
                            <PostForm id="flytta-arenden" action=MOVE_FORM on_submit=move |ev: leptos::ev::SubmitEvent| {
                                ev.prevent_default();
                                error.set(None);
                                status.set(None);
                                match (receiver.get_untracked(), team_id) {
                                    (Some(to_user_id), Some(team_id)) if !selected.get_untracked().is_empty() => {
                                        mv.dispatch(MoveCasesToMember { team_id, cases: selected.get_untracked(), to_user_id });
                                    }
                                    _ => error.set(Some("Markera ärenden och välj installatör.".into())),
                                }
                            }>
                            <input type="hidden" name="team_id" value=team_id.unwrap_or(0).to_string()/>
                            <div class="field">
                                <label for="mottagare">"Installatör i teamet"</label>
                                <select id="mottagare" name="to_user_id" on:change=move |ev| receiver.set(event_target_value(&ev).parse().ok())>
                                    <option value="">"Välj installatör"</option>
                                    {others.into_iter().map(|p| view! { <option value=p.user_id.to_string()>{p.name}</option> }).collect_view()}
                                </select>
                            </div>
                            <FormError message=error/>
                            <button type="submit" disabled=move || mv.pending().get()>"Flytta ärende till annan installatör"</button>
                            </PostForm>
                        </section>
                    }.into_any()
                })}
            </Transition>
        </RequireLogin>
    }
}

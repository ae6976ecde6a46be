//! A team's page: its company and contact details, owner and members; for
//! the owner `Lägg till medlem`, `Ta bort från team`, handing over ownership
//! and deleting the team (TEAM-3…TEAM-7). Refreshes itself on server push.
use crate::api::teams::{
    get_team, AddMember, AnswerOffer, DeleteTeam, MyRole, OfferOwnership, Person, RemoveMember, TeamView, UpdateTeam, WithdrawOffer,
};
use crate::components::dialog::{DialogClose, DialogLink, Modal};
use crate::components::form_reply::{replied_error, replied_success};
use crate::components::field::{show_server_error, FieldState, TextField};
use crate::components::live::use_live;
use crate::components::session::RequireLogin;
use crate::components::{FormError, StatusMessage, PostForm};
use crate::error::AppError;
use crate::i18n::{fill, td_string};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map};

#[component]
pub fn TeamPage() -> impl IntoView {
    let locale = crate::components::language::locale();
    let params = use_params_map();
    let live = use_live();
    let team_id = move || params.read().get("id").and_then(|s| s.parse::<i32>().ok());
    let team = Resource::new(
        move || (live.teams.get(), team_id()),
        |(_, id)| async move {
            match id {
                Some(id) => get_team(id).await,
                None => Err(AppError::NotFound(td_string!(crate::components::language::current_locale(), team.not_found_message).into())),
            }
        },
    );
    // Outcomes survive the refetch that every change triggers.
    let status = RwSignal::new(None::<String>);
    view! {
        <Title text=td_string!(locale, team.title)/>
        <RequireLogin>
            <Transition fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match team.await {
                        Ok(t) => view! { <TeamDetails team=t status=status/> }.into_any(),
                        Err(e) => view! {
                            <Title text=td_string!(locale, team.not_found)/>
                            <h1>{td_string!(locale, team.not_found)}</h1>
                            <p role="alert">{e.to_string()}</p>
                            <StatusMessage message=status/>
                        }.into_any(),
                    }
                })}
            </Transition>
        </RequireLogin>
    }
}

#[component]
fn TeamDetails(team: TeamView, status: RwSignal<Option<String>>) -> impl IntoView {
    let locale = crate::components::language::locale();
    let is_owner = team.my_role == MyRole::Owner;
    let team_id = team.id;
    let has_members = !team.members.is_empty();
    // What an action posted without scripts came back with (UX-1).
    for (action, done) in [
        ("/api/teams/remove-member", td_string!(locale, team.member_removed)),
        ("/api/teams/offer-ownership", td_string!(locale, team.offer_sent)),
    ] {
        if replied_success(action) {
            status.set(Some(done.into()));
        } else if let Some(e) = replied_error(action) {
            status.set(Some(e.to_string()));
        }
    }
    view! {
        <Title text=team.name.clone()/>
        <h1>{team.name.clone()} {is_owner.then(|| view! { <span class="badge">{td_string!(locale, team.you_own)}</span> })}</h1>
        <StatusMessage message=status/>
        <OfferBanner team=team.clone() status=status/>
        <section class="card" aria-labelledby="foretag-rubrik">
            <h2 id="foretag-rubrik">{td_string!(locale, team.company_and_contact)}</h2>
            <dl class="facts">
                <dt>{td_string!(locale, team.organisationsnummer)}</dt><dd>{team.organisationsnummer.clone()}</dd>
                <dt>{td_string!(locale, team.company)}</dt><dd>{team.company_name.clone()}
                    {team.manually_approved.then(|| view! { <span class="badge">{td_string!(locale, team.manually_approved)}</span> })}</dd>
                <dt>{td_string!(locale, team.address)}</dt><dd>{team.company_address.clone()}</dd>
                <dt>{td_string!(locale, team.contact_name)}</dt><dd>{team.contact_name.clone()}</dd>
                <dt>{td_string!(locale, team.email)}</dt><dd>{team.contact_email.clone()}</dd>
                <dt>{td_string!(locale, team.phone)}</dt><dd>{team.contact_phone.clone()}</dd>
                <dt>{td_string!(locale, team.team_id)}</dt><dd>{team.id}</dd>
            </dl>
            {is_owner.then(|| view! {
                <div class="actions">
                    <EditTeamButton team=team.clone() status=status/>
                    <a class="button secondary-button" href=format!("/team/{team_id}/arenden")>{td_string!(locale, team.team_cases)}</a>
                </div>
            })}
        </section>
        <section class="card" aria-labelledby="medlemmar-rubrik">
            <h2 id="medlemmar-rubrik">{td_string!(locale, team.members)}</h2>
            <table class="people">
                <thead>
                    <tr>
                        <th scope="col">{td_string!(locale, team.name)}</th>
                        <th scope="col">{td_string!(locale, team.username)}</th>
                        <th scope="col">{td_string!(locale, team.role)}</th>
                        {is_owner.then(|| view! { <th scope="col">{td_string!(locale, team.actions)}</th> })}
                    </tr>
                </thead>
                <tbody>
                    <tr>
                        <td>{team.owner.name.clone()}</td>
                        <td>{team.owner.email.clone()}</td>
                        <td>{td_string!(locale, team.owner)}</td>
                        {is_owner.then(|| view! {
                            <td class="actions">
                                <a href=format!("/team/{}/medlem/{}", team.id, team.owner.user_id)
                                    aria-label=fill(td_string!(locale, team.show_cases_of), &[("name", &team.owner.name)])>{td_string!(locale, team.show_cases)}</a>
                            </td>
                        })}
                    </tr>
                    {team.members.iter().cloned().map(|m| view! {
                        <MemberRow team_id=team_id member=m is_owner=is_owner
                            offer_pending=team.pending_offer.is_some() status=status/>
                    }).collect_view()}
                </tbody>
            </table>
            {(!has_members).then(|| view! { <p class="muted">{td_string!(locale, team.no_members)}</p> })}
            {is_owner.then(|| view! { <AddMemberButton team_id=team_id status=status/> })}
        </section>
        {is_owner.then(|| view! { <DeleteTeamSection team_id=team_id team_name=team.name.clone() has_members=has_members/> })}
    }
}

/// The pending offer of ownership, as its owner or its receiver sees it.
#[component]
fn OfferBanner(team: TeamView, status: RwSignal<Option<String>>) -> impl IntoView {
    let locale = crate::components::language::locale();
    let answer = ServerAction::<AnswerOffer>::new();
    let withdraw = ServerAction::<WithdrawOffer>::new();
    let error = RwSignal::new(None::<String>);
    Effect::new(move |_| match answer.value().get() {
        Some(Ok(())) => status.set(Some(td_string!(locale, team.answer_saved).into())),
        Some(Err(e)) => error.set(Some(e.to_string())),
        None => {}
    });
    // Answered without scripts (UX-1).
    if replied_success("/api/teams/answer-offer") {
        status.set(Some(td_string!(locale, team.answer_saved).into()));
    } else if replied_success("/api/teams/withdraw-offer") {
        status.set(Some(td_string!(locale, team.offer_withdrawn).into()));
    }
    if let Some(e) = replied_error("/api/teams/answer-offer").or_else(|| replied_error("/api/teams/withdraw-offer")) {
        error.set(Some(e.to_string()));
    }
    Effect::new(move |_| match withdraw.value().get() {
        Some(Ok(())) => status.set(Some(td_string!(locale, team.offer_withdrawn).into())),
        Some(Err(e)) => error.set(Some(e.to_string())),
        None => {}
    });
    let team_id = team.id;
    team.pending_offer.clone().map(|offer| {
        let offer_id = offer.offer_id;
        let content = if team.my_role == MyRole::Owner {
            view! {
                <p>{td_string!(locale, team.offered_before)} <strong>{offer.to.name.clone()}</strong> {td_string!(locale, team.offered_after)}</p>
                <PostForm action="/api/teams/withdraw-offer" on_submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    withdraw.dispatch(WithdrawOffer { team_id });
                }>
                    <input type="hidden" name="team_id" value=team_id.to_string()/>
                    <button type="submit" class="secondary-button">{td_string!(locale, team.withdraw_offer)}</button>
                </PostForm>
            }.into_any()
        } else {
            view! {
                <p>{team.owner.name.clone()} {td_string!(locale, team.offer_received)}</p>
                <PostForm action="/api/teams/answer-offer" on_submit=move |ev: leptos::ev::SubmitEvent| ev.prevent_default()>
                    <input type="hidden" name="offer_id" value=offer_id.to_string()/>
                    <div class="actions">
                        <button type="submit" name="accept" value="true"
                            on:click=move |ev| { ev.prevent_default(); answer.dispatch(AnswerOffer { offer_id, accept: true }); }>{td_string!(locale, team.accept_ownership)}</button>
                        <button type="submit" name="accept" value="false" class="secondary-button"
                            on:click=move |ev| { ev.prevent_default(); answer.dispatch(AnswerOffer { offer_id, accept: false }); }>{td_string!(locale, team.decline)}</button>
                    </div>
                </PostForm>
            }.into_any()
        };
        view! {
            <section class="card notice" aria-labelledby="agarbyte-rubrik">
                <h2 id="agarbyte-rubrik">{td_string!(locale, team.change_of_owner)}</h2>
                {content}
                <FormError message=error/>
            </section>
        }
    })
}

#[component]
fn MemberRow(
    team_id: i32,
    member: Person,
    is_owner: bool,
    offer_pending: bool,
    status: RwSignal<Option<String>>,
) -> impl IntoView {
    let locale = crate::components::language::locale();
    let confirm = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let remove = ServerAction::<RemoveMember>::new();
    let offer = ServerAction::<OfferOwnership>::new();
    let name = member.name.clone();
    Effect::new(move |_| match remove.value().get() {
        Some(Ok(())) => {
            confirm.set(false);
            status.set(Some(td_string!(locale, team.member_removed).into()));
        }
        Some(Err(e)) => error.set(Some(e.to_string())),
        None => {}
    });
    Effect::new(move |_| match offer.value().get() {
        Some(Ok(())) => status.set(Some(td_string!(locale, team.offer_sent).into())),
        Some(Err(e)) => status.set(Some(e.to_string())),
        None => {}
    });
    let user_id = member.user_id;
    let heading_id = format!("ta-bort-{user_id}");
    view! {
        <tr>
            <td>{member.name.clone()}</td>
            <td>{member.email.clone()}</td>
            <td>{td_string!(locale, team.member)}</td>
            {is_owner.then(|| view! {
                <td class="actions">
                    <a href=format!("/team/{team_id}/medlem/{user_id}") aria-label=fill(td_string!(locale, team.show_cases_of), &[("name", &member.name)])>{td_string!(locale, team.show_cases)}</a>
                    <DialogLink open=confirm query_key=heading_id.clone() class="secondary-button"
                        label=fill(td_string!(locale, team.remove_from_team_of), &[("name", &member.name)]) on_open=Callback::new(move |()| error.set(None))>
                        {td_string!(locale, team.remove_from_team)}
                    </DialogLink>
                    {(!offer_pending).then(|| view! {
                        <PostForm action="/api/teams/offer-ownership" class="inline-form" on_submit=move |ev: leptos::ev::SubmitEvent| {
                            ev.prevent_default();
                            offer.dispatch(OfferOwnership { team_id, user_id });
                        }>
                            <input type="hidden" name="team_id" value=team_id.to_string()/>
                            <input type="hidden" name="user_id" value=user_id.to_string()/>
                            <button type="submit" class="secondary-button" aria-label=fill(td_string!(locale, team.offer_ownership_of), &[("name", &member.name)])>
                                {td_string!(locale, team.offer_ownership)}
                            </button>
                        </PostForm>
                    })}
                    <Modal open=confirm query_key=heading_id.clone() heading_id=heading_id title=Signal::derive(move || fill(td_string!(locale, team.remove_whom), &[("name", &name)]))>
                        <p>{td_string!(locale, team.remove_explained)}</p>
                        <PostForm action="/api/teams/remove-member" on_submit=move |ev: leptos::ev::SubmitEvent| {
                            ev.prevent_default();
                            remove.dispatch(RemoveMember { team_id, user_id });
                        }>
                            <input type="hidden" name="team_id" value=team_id.to_string()/>
                            <input type="hidden" name="user_id" value=user_id.to_string()/>
                            <FormError message=error/>
                            <div class="actions">
                                <button type="submit" class="danger" disabled=move || remove.pending().get()>{td_string!(locale, team.remove)}</button>
                                <DialogClose open=confirm>{td_string!(locale, team.cancel)}</DialogClose>
                            </div>
                        </PostForm>
                    </Modal>
                </td>
            })}
        </tr>
    }
}

const ADD_MEMBER: &str = "/api/teams/add-member";

/// TEAM-3 `Lägg till medlem`: a dialog asks for the username.
#[component]
fn AddMemberButton(team_id: i32, status: RwSignal<Option<String>>) -> impl IntoView {
    let locale = crate::components::language::locale();
    let open = RwSignal::new(false);
    let email = FieldState::new();
    let form_error = RwSignal::new(None::<String>);
    let add = ServerAction::<AddMember>::new();
    Effect::new(move |_| match add.value().get() {
        Some(Ok(person)) => {
            open.set(false);
            email.value.set(String::new());
            status.set(Some(fill(td_string!(locale, team.member_added_named), &[("name", &person.name)])));
        }
        Some(Err(e)) => form_error.set(show_server_error(&e, &[("email", email)])),
        None => {}
    });
    if replied_success(ADD_MEMBER) {
        status.set(Some(td_string!(locale, team.member_added).into()));
    }
    view! {
        <DialogLink open=open query_key="lagg-till" on_open=Callback::new(move |()| { form_error.set(None); email.error.set(None); })>
            {td_string!(locale, team.add_member)}
        </DialogLink>
        <Modal open=open query_key="lagg-till" heading_id="lagg-till-rubrik" title=td_string!(locale, team.add_member).to_string()>
            <PostForm action=ADD_MEMBER on_submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                form_error.set(None);
                add.dispatch(AddMember { team_id, email: email.get() });
            }>
                <input type="hidden" name="team_id" value=team_id.to_string()/>
                <TextField id="member-email" name="email" label=td_string!(locale, team.member_email) state=email input_type="email"
                    hint=td_string!(locale, team.member_email_hint)/>
                <FormError message=form_error/>
                <div class="actions">
                    <button type="submit" disabled=move || add.pending().get()>{td_string!(locale, team.add)}</button>
                    <DialogClose open=open>{td_string!(locale, team.cancel)}</DialogClose>
                </div>
            </PostForm>
        </Modal>
    }
}

/// TEAM-6: an owner deletes a team without members.
#[component]
fn DeleteTeamSection(team_id: i32, team_name: String, has_members: bool) -> impl IntoView {
    let locale = crate::components::language::locale();
    let open = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let delete = ServerAction::<DeleteTeam>::new();
    let navigate = use_navigate();
    Effect::new(move |_| match delete.value().get() {
        Some(Ok(())) => navigate("/", Default::default()),
        Some(Err(e)) => error.set(Some(e.to_string())),
        None => {}
    });
    view! {
        <section class="card" aria-labelledby="ta-bort-team-rubrik">
            <h2 id="ta-bort-team-rubrik">{td_string!(locale, team.delete_team_heading)}</h2>
            {if has_members {
                view! { <p class="muted">{td_string!(locale, team.delete_needs_no_members)}</p> }.into_any()
            } else {
                view! {
                    <DialogLink open=open query_key="ta-bort-team" class="danger" on_open=Callback::new(move |()| error.set(None))>{td_string!(locale, team.delete_team)}</DialogLink>
                }.into_any()
            }}
            <Modal open=open query_key="ta-bort-team" heading_id="bekrafta-ta-bort-team" title=fill(td_string!(locale, team.delete_whom), &[("name", &team_name)])>
                <p>{td_string!(locale, team.delete_explained)}</p>
                <PostForm action="/api/teams/delete" on_submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    delete.dispatch(DeleteTeam { team_id });
                }>
                    <input type="hidden" name="team_id" value=team_id.to_string()/>
                    <FormError message=error/>
                    <div class="actions">
                        <button type="submit" class="danger">{td_string!(locale, team.delete_team)}</button>
                        <DialogClose open=open>{td_string!(locale, team.cancel)}</DialogClose>
                    </div>
                </PostForm>
            </Modal>
        </section>
    }
}

const UPDATE_TEAM: &str = "/api/teams/update";

/// The owner changes the team's name and contact details (the company stays:
/// a team belongs to one organisation number, TEAM-2).
#[component]
fn EditTeamButton(team: TeamView, status: RwSignal<Option<String>>) -> impl IntoView {
    let locale = crate::components::language::locale();
    let open = RwSignal::new(false);
    let name = FieldState::with_value(team.name.clone());
    let contact_name = FieldState::with_value(team.contact_name.clone());
    let contact_email = FieldState::with_value(team.contact_email.clone());
    let contact_phone = FieldState::with_value(team.contact_phone.clone());
    let form_error = RwSignal::new(None::<String>);
    let update = ServerAction::<UpdateTeam>::new();
    let fields = [("name", name), ("contact_name", contact_name), ("contact_email", contact_email), ("contact_phone", contact_phone)];
    Effect::new(move |_| match update.value().get() {
        Some(Ok(())) => {
            open.set(false);
            status.set(Some(td_string!(locale, team.details_saved).into()));
        }
        Some(Err(e)) => form_error.set(show_server_error(&e, &fields)),
        None => {}
    });
    if replied_success(UPDATE_TEAM) {
        status.set(Some(td_string!(locale, team.details_saved).into()));
    } else if let Some(e) = replied_error(UPDATE_TEAM) {
        form_error.set(show_server_error(&e, &fields));
        open.set(true);
    }
    let team_id = team.id;
    view! {
        <DialogLink open=open query_key="andra-team" class="secondary-button" on_open=Callback::new(move |()| form_error.set(None))>
            {td_string!(locale, team.edit_details)}
        </DialogLink>
        <Modal open=open query_key="andra-team" heading_id="andra-team-rubrik" title=td_string!(locale, team.edit_details).to_string()>
            <PostForm action=UPDATE_TEAM on_submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                form_error.set(None);
                update.dispatch(UpdateTeam {
                    team_id,
                    name: name.get(),
                    contact_name: contact_name.get(),
                    contact_email: contact_email.get(),
                    contact_phone: contact_phone.get(),
                });
            }>
                <input type="hidden" name="team_id" value=team_id.to_string()/>
                <TextField id="team-namn" name="name" label=td_string!(locale, team.team_name) state=name/>
                <TextField id="team-kontaktperson" name="contact_name" label=td_string!(locale, team.contact_name) state=contact_name autocomplete="name"/>
                <TextField id="team-epost" name="contact_email" label=td_string!(locale, team.email) state=contact_email input_type="email" autocomplete="email"/>
                <TextField id="team-telefon" name="contact_phone" label=td_string!(locale, team.phone) state=contact_phone input_type="tel" autocomplete="tel"/>
                <FormError message=form_error/>
                <div class="actions">
                    <button type="submit" disabled=move || update.pending().get()>{td_string!(locale, team.save)}</button>
                    <DialogClose open=open>{td_string!(locale, team.cancel)}</DialogClose>
                </div>
            </PostForm>
        </Modal>
    }
}

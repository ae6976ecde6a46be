//! ADM-3 `Admin Flytta ärenden`: find the installer who holds the cases, mark
//! the movable ones, find the receiving installer, choose one of their teams
//! and move them all at once. Across companies the server asks for the
//! customer's evidence on each case (ADM-4); the list shows what each holds.
use crate::api::admin::{all_movable_cases, movable_cases, FindReceiver, MoveCases, MovableCaseRow};
use crate::components::field::{show_server_error, FieldState, TextField};
use crate::components::session::RequireLogin;
use crate::components::{FormError, StatusMessage, PostForm};
use crate::i18n::{fill, td_string};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AdminMovePage() -> impl IntoView {
    let locale = crate::components::language::locale();
    let from = FieldState::new();
    let searched = RwSignal::new(String::new());
    let page = RwSignal::new(0u64);
    let version = RwSignal::new(0u32);
    let cases = Resource::new(
        move || (searched.get(), page.get(), version.get()),
        |(number, page, _)| async move {
            if number.is_empty() { Ok(None) } else { movable_cases(number, crate::domain::PageNumber::saturating(page)).await.map(Some) }
        },
    );
    let selected = RwSignal::new(Vec::<crate::api::cases::SeenCase>::new());
    let choosing_receiver = RwSignal::new(false);
    let status = RwSignal::new(None::<String>);
    view! {
        <Title text=td_string!(locale, admin_move.title)/>
        <RequireLogin>
            <h1>{td_string!(locale, admin_move.title)}</h1>
            <p>{td_string!(locale, admin_move.intro)}</p>
            <StatusMessage message=status/>
            <noscript inner_html=crate::pages::admin_support::needs_scripts(locale)></noscript>
            <section class="card" aria-labelledby="fran-rubrik">
                <h2 id="fran-rubrik">{td_string!(locale, admin_move.from_heading)}</h2>
                <PostForm action="/api/admin/move/cases" class="inline-form" role="search" on_submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    from.error.set(None);
                    status.set(None);
                    selected.set(Vec::new());
                    choosing_receiver.set(false);
                    page.set(0);
                    searched.set(from.get().trim().to_string());
                }>
                    <TextField id="flytta-fran" label=td_string!(locale, admin_move.from) state=from
                        hint=td_string!(locale, admin_move.from_hint)/>
                    <button type="submit">{td_string!(locale, admin_move.search)}</button>
                </PostForm>
            </section>
            <Transition fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match cases.await {
                        Ok(None) => ().into_any(),
                        Ok(Some(found)) if found.total == 0 => view! {
                            <section class="card" aria-labelledby="arenden-rubrik">
                                <h2 id="arenden-rubrik">{fill(td_string!(locale, admin_move.movable_of), &[("name", &found.installer.name)])}</h2>
                                <p>{td_string!(locale, admin_move.none_movable_long)}</p>
                            </section>
                        }.into_any(),
                        Ok(Some(found)) => {
                            let (total, per_page) = (found.total, found.per_page);
                            view! {
                                <section class="card" aria-labelledby="arenden-rubrik">
                                    <h2 id="arenden-rubrik">{fill(td_string!(locale, admin_move.movable_of), &[("name", &found.installer.name)])}</h2>
                                    <p class="muted">{td_string!(locale, admin_move.only_movable)}</p>
                                    <MovableTable rows=found.rows selected=selected/>
                                    <crate::pages::cases::Pager page=page total=total per_page=per_page/>
                                    {(total > per_page).then(|| view! { <SelectAll number=searched total=total selected=selected status=status/> })}
                                    <button type="button" disabled=move || selected.get().is_empty()
                                        on:click=move |_| choosing_receiver.set(true)>
                                        {td_string!(locale, admin_move.move_heading)}
                                    </button>
                                </section>
                            }.into_any()
                        }
                        Err(e) => {
                            let message = show_server_error(&e, &[("number", from)]);
                            view! { <FormError message=Signal::derive(move || message.clone())/> }.into_any()
                        }
                    }
                })}
            </Transition>
            <Show when=move || choosing_receiver.get()>
                <ReceiverStep selected=selected status=status version=version/>
            </Show>
        </RequireLogin>
    }
}

/// `Markera alla`: the whole book across every page, as it is now; moved in
/// one request, all or nothing (ADM-3).
#[component]
fn SelectAll(
    number: RwSignal<String>,
    total: u64,
    selected: RwSignal<Vec<crate::api::cases::SeenCase>>,
    status: RwSignal<Option<String>>,
) -> impl IntoView {
    let locale = crate::components::language::locale();
    let all = Action::new(move |number: &String| all_movable_cases(number.clone()));
    Effect::new(move |_| match all.value().get() {
        Some(Ok(cases)) => {
            status.set(Some(fill(td_string!(locale, admin_move.n_selected), &[("n", &crate::formats::number(locale, cases.len() as u64))])));
            selected.set(cases);
        }
        Some(Err(e)) => status.set(Some(e.to_string())),
        None => {}
    });
    view! {
        <p>
            <button type="button" class="secondary" disabled=move || all.pending().get()
                on:click=move |_| { all.dispatch(number.get_untracked()); }>
                {fill(td_string!(locale, admin_move.select_all), &[("n", &crate::formats::number(locale, total))])}
            </button>
            " "
            <button type="button" class="link-button" on:click=move |_| selected.set(Vec::new())>{td_string!(locale, admin_move.unselect_all)}</button>
        </p>
    }
}

/// The movable cases, each with a checkbox and the evidence it holds.
#[component]
fn MovableTable(rows: Vec<MovableCaseRow>, selected: RwSignal<Vec<crate::api::cases::SeenCase>>) -> impl IntoView {
    let locale = crate::components::language::locale();
    if rows.is_empty() {
        return view! { <p>{td_string!(locale, admin_move.none_movable)}</p> }.into_any();
    }
    let yes_no = move |present: bool| if present { td_string!(locale, admin_move.attached) } else { td_string!(locale, admin_move.missing) };
    view! {
        <table class="cases">
            <thead>
                <tr>
                    <th scope="col"><span class="visually-hidden">{td_string!(locale, admin_move.select)}</span></th>
                    <th scope="col">{td_string!(locale, admin_move.case)}</th>
                    <th scope="col">{td_string!(locale, admin_move.case_type)}</th>
                    <th scope="col">{td_string!(locale, admin_move.customer)}</th>
                    <th scope="col">{td_string!(locale, admin_move.state)}</th>
                    <th scope="col">{td_string!(locale, admin_move.team)}</th>
                    <th scope="col">{td_string!(locale, admin_move.approval)}</th>
                    <th scope="col">{td_string!(locale, admin_move.new_fullmakt)}</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|r| {
                    let id = r.case.id;
                    let seen = r.case.seen();
                    let number = r.case.case_number.clone();
                    view! {
                        <tr>
                            <td><crate::pages::cases::SelectCase seen=seen number=number.clone() selected=selected/></td>
                            <td><a href=format!("/arenden/{id}")>{number.clone()}</a></td>
                            <td>{r.case.type_label.clone()}</td>
                            <td>{r.case.customer_name.clone()}</td>
                            <td><span class=format!("state state-{}", r.case.state.code())>{crate::translated::state_label(locale, r.case.state)}</span></td>
                            <td>{format!("{} ({})", r.team_name, r.organisationsnummer)}</td>
                            <td>{yes_no(r.has_approval)}</td>
                            <td>{if r.production_facility { yes_no(r.has_new_fullmakt) } else { td_string!(locale, admin_move.not_needed) }}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <p class="muted">{td_string!(locale, admin_move.evidence_where)}</p>
    }
    .into_any()
}

/// The receiving installer, their team, and the move itself.
#[component]
fn ReceiverStep(selected: RwSignal<Vec<crate::api::cases::SeenCase>>, status: RwSignal<Option<String>>, version: RwSignal<u32>) -> impl IntoView {
    let locale = crate::components::language::locale();
    let to = FieldState::new();
    let team_id = RwSignal::new(String::new());
    let team_error = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let find = ServerAction::<FindReceiver>::new();
    let mv = ServerAction::<MoveCases>::new();
    let receiver = Signal::derive(move || find.value().get().and_then(Result::ok));
    Effect::new(move |_| {
        if let Some(Err(e)) = find.value().get() {
            error.set(show_server_error(&e, &[("receiver", to)]));
        }
    });
    Effect::new(move |_| match mv.value().get() {
        Some(Ok(n)) => {
            let name = receiver.get_untracked().map(|r| r.name).unwrap_or_default();
            status.set(Some(fill(td_string!(locale, admin_move.moved_to), &[("moved", &crate::pages::cases::moved(n)), ("name", &name)])));
            selected.set(Vec::new());
            version.update(|v| *v += 1);
        }
        Some(Err(e)) => {
            let team_field = FieldState { value: team_id, error: team_error };
            error.set(show_server_error(&e, &[("team_id", team_field), ("to_user_id", to)]));
        }
        None => {}
    });
    view! {
        <section class="card" aria-labelledby="till-rubrik">
            <h2 id="till-rubrik">{td_string!(locale, admin_move.move_heading)}</h2>
            <p>{move || fill(td_string!(locale, admin_move.n_selected), &[("n", &selected.get().len().to_string())])}</p>
            <PostForm action="/api/admin/move/receiver" class="inline-form" role="search" on_submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                to.error.set(None);
                error.set(None);
                team_id.set(String::new());
                find.dispatch(FindReceiver { number: to.get() });
            }>
                <TextField id="flytta-till" label=td_string!(locale, admin_move.receiver) state=to/>
                <button type="submit" disabled=move || find.pending().get()>{td_string!(locale, admin_move.search)}</button>
            </PostForm>
            {move || receiver.get().map(|r| {
                let to_user_id = r.user_id;
                view! {
                    <p>{td_string!(locale, admin_move.receiver_is)} <strong>{r.name.clone()}</strong></p>
                    <div class="field" class:field-invalid=move || team_error.get().is_some()>
                        <label for="flytta-team">{td_string!(locale, admin_move.team_to_link)}</label>
                        <select id="flytta-team" required
                            aria-invalid=move || if team_error.get().is_some() { "true" } else { "false" }
                            aria-describedby=move || team_error.get().map(|_| "flytta-team-fel")
                            on:change=move |ev| { team_id.set(event_target_value(&ev)); team_error.set(None); }>
                            <option value="" selected=move || team_id.get().is_empty()>{td_string!(locale, admin_move.choose_team)}</option>
                            {r.teams.iter().map(|t| view! {
                                <option value=t.id.to_string()>{format!("{} ({})", t.name, t.organisationsnummer)}</option>
                            }).collect_view()}
                        </select>
                        <Show when=move || team_error.get().is_some()>
                            <p class="field-error" id="flytta-team-fel">{move || team_error.get()}</p>
                        </Show>
                    </div>
                    {r.teams.is_empty().then(|| view! { <p class="muted">{td_string!(locale, admin_move.no_team)}</p> })}
                    <button type="button" disabled=move || mv.pending().get() on:click=move |_| {
                        error.set(None);
                        status.set(None);
                        mv.dispatch(MoveCases {
                            cases: selected.get_untracked(),
                            to_user_id,
                            team_id: team_id.get_untracked().parse().ok(),
                        });
                    }>{td_string!(locale, admin_move.move_cases)}</button>
                }
            })}
            <FormError message=error/>
        </section>
    }
}

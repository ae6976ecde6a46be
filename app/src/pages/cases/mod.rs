//! The case pages: `Mina ärenden`, a new case, a case, the handler queue,
//! and a team member's cases for the owner.
pub mod case_page;
pub mod list;
pub mod member;
pub mod new_case;
pub mod queue;

use crate::api::cases::{CaseRow, SeenCase};
use crate::components::PostForm;
use crate::domain::PageCursor;
use crate::formats::number;
use crate::i18n::{fill, td_string};
use leptos::prelude::*;

/// What a move of `n` cases says when it is done ("3 ärenden flyttades").
pub fn moved(n: usize) -> String {
    let locale = crate::components::language::current_locale();
    if n == 1 {
        td_string!(locale, cases.moved_one).to_string()
    } else {
        fill(td_string!(locale, cases.moved_many), &[("n", &n.to_string())])
    }
}

/// A table of cases; with `selected`, each row gets a checkbox.
#[component]
pub fn CaseTable(
    rows: Vec<CaseRow>,
    #[prop(optional)] selected: Option<RwSignal<Vec<SeenCase>>>,
    /// The form (by id) the checkboxes post with when there are no scripts.
    #[prop(optional)]
    form_id: Option<&'static str>,
    #[prop(default = false)] show_submitted: bool,
    /// CASE-12: the queue shows who has taken each case.
    #[prop(default = false)]
    show_handler: bool,
    /// The team's overview names who holds each case (a team's few people,
    /// by user id: a list, which costs the browser less code than a map).
    #[prop(optional)]
    holder_names: Option<Vec<(i32, String)>>,
) -> impl IntoView {
    let locale = crate::components::language::locale();
    if rows.is_empty() {
        return view! { <p class="muted">{td_string!(locale, cases.none)}</p> }.into_any();
    }
    view! {
        <table class="cases">
            <thead>
                <tr>
                    {selected.map(|_| view! { <th scope="col"><span class="visually-hidden">{td_string!(locale, cases.select)}</span></th> })}
                    <th scope="col">{td_string!(locale, cases.case)}</th>
                    <th scope="col">{td_string!(locale, cases.case_type)}</th>
                    {holder_names.is_some().then(|| view! { <th scope="col">{td_string!(locale, cases.installer)}</th> })}
                    <th scope="col">{td_string!(locale, cases.customer)}</th>
                    <th scope="col">{td_string!(locale, cases.facility_address)}</th>
                    <th scope="col">{td_string!(locale, cases.state)}</th>
                    <th scope="col">{if show_submitted { td_string!(locale, cases.submitted) } else { td_string!(locale, cases.changed) }}</th>
                    {show_handler.then(|| view! { <th scope="col">{td_string!(locale, cases.handler)}</th> })}
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|r| {
                    let seen = r.seen();
                    // Moved out of the row, not copied: 25 rows a page, on every page view.
                    let CaseRow { id, case_number, type_label, state, customer_name, facility_address, submitted_at, updated_at, cancellation_requested, handler, holder_user_id, .. } = r;
                    view! {
                        <tr>
                            {selected.map(|sel| view! {
                                <td><SelectCase seen=seen number=case_number.clone() selected=sel form_id=form_id.unwrap_or_default()/></td>
                            })}
                            <td><a href=format!("/arenden/{id}")>{case_number}</a></td>
                            <td>{type_label}</td>
                            {holder_names.as_ref().map(|names| {
                                let name = names.iter().find(|(id, _)| *id == holder_user_id).map(|(_, n)| n.clone()).unwrap_or_default();
                                view! { <td>{name}</td> }
                            })}
                            <td>{customer_name}</td>
                            <td>{facility_address}</td>
                            <td>
                                <span class=format!("state state-{}", state.code())>{crate::translated::state_label(locale, state)}</span>
                                {cancellation_requested.then(|| view! { <span class="badge">{td_string!(locale, cases.cancellation_requested)}</span> })}
                            </td>
                            <td>{if show_submitted { submitted_at.unwrap_or_default() } else { updated_at }}</td>
                            {show_handler.then(|| view! { <td>{handler.unwrap_or_else(|| "–".into())}</td> })}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// A row's checkbox: adds the case, as this list saw it (CASE-13), to
/// `selected`, or takes it out.
#[component]
pub fn SelectCase(
    seen: SeenCase,
    number: String,
    selected: RwSignal<Vec<SeenCase>>,
    #[prop(optional, into)] form_id: Option<&'static str>,
) -> impl IntoView {
    let locale = crate::components::language::locale();
    let control = NodeRef::<leptos::html::Input>::new();
    let choose = move |on: bool| selected.update(|s| { s.retain(|x| x.id != seen.id); if on { s.push(seen); } });
    view! {
        <input type="checkbox" aria-label=fill(td_string!(locale, cases.select_case), &[("number", &number)])
            form=form_id.filter(|f| !f.is_empty()) name="cases[]" value=seen.to_form_value()
            node_ref=control prop:checked=crate::components::field::checked_through_hydration(move || selected.get().iter().any(|s| s.id == seen.id), control, choose)
            on:change=move |ev| choose(event_target_checked(&ev))/>
    }
}

/// Where a pager's buttons post without scripts: the list's server function
/// and the filters it was asked with (UX-1).
pub struct PagerForm {
    pub action: &'static str,
    pub fields: Vec<(&'static str, String)>,
}

/// Where `Nästa` and `Föregående` start for a list paged by its rows
/// (keyset pagination, issue 13): beside the last and the first row shown.
pub struct Keyset {
    pub cursor: RwSignal<Option<PageCursor>>,
    pub first: Option<i32>,
    pub last: Option<i32>,
}

impl Keyset {
    pub fn of(cursor: RwSignal<Option<PageCursor>>, rows: &[CaseRow]) -> Self {
        Self { cursor, first: rows.first().map(|r| r.id), last: rows.last().map(|r| r.id) }
    }
}

/// "Sida 2 av 5" with previous and next. With a `form`, each button is a
/// form of its own that asks the list's server function for that page. With
/// a `keyset`, the step also names the row the page starts beside (set
/// before the page, which is what the list's resource follows).
#[component]
pub fn Pager(
    page: RwSignal<u64>,
    total: u64,
    per_page: u64,
    #[prop(optional)] form: Option<PagerForm>,
    #[prop(optional)] keyset: Option<Keyset>,
    /// What the list counts ("ärenden", "konton"); cases when not given.
    #[prop(optional)]
    noun: Option<&'static str>,
) -> impl IntoView {
    let locale = crate::components::language::locale();
    let noun = noun.unwrap_or(td_string!(locale, cases.noun));
    let pages = total.div_ceil(per_page.max(1)).max(1);
    let current = page.get_untracked();
    let cursor_signal = keyset.as_ref().map(|k| k.cursor);
    let step = move |label: &'static str, target: Option<u64>, cursor: Option<PageCursor>| {
        let disabled = target.is_none();
        // The first page needs no cursor.
        let cursor = cursor.filter(|_| target.is_some_and(|t| t > 0));
        let go = move || {
            if let Some(t) = target {
                if let Some(c) = cursor_signal {
                    c.set(cursor);
                }
                page.set(t)
            }
        };
        match &form {
            Some(f) => {
                let fields = f.fields.clone();
                view! {
                    <PostForm action=f.action class="inline-form" on_submit=move |ev: leptos::ev::SubmitEvent| {
                        ev.prevent_default();
                        go();
                    }>
                        {fields.into_iter().map(|(name, value)| view! { <input type="hidden" name=name value=value/> }).collect_view()}
                        <input type="hidden" name="page" value=target.unwrap_or(current).to_string()/>
                        {cursor.map(|c| view! { <input type="hidden" name="cursor" value=c.to_form_value()/> })}
                        <button type="submit" class="secondary-button" disabled=disabled>{label}</button>
                    </PostForm>
                }.into_any()
            }
            None => view! {
                <button type="button" class="secondary-button" disabled=disabled on:click=move |_| go()>{label}</button>
            }.into_any(),
        }
    };
    let (first, last) = keyset.map(|k| (k.first, k.last)).unwrap_or_default();
    view! {
        <nav class="pager" aria-label=td_string!(locale, cases.pages)>
            {step(td_string!(locale, cases.previous), current.checked_sub(1), first.map(PageCursor::Before))}
            <span>{fill(td_string!(locale, cases.page_of), &[
                ("page", &number(locale, current + 1)),
                ("pages", &number(locale, pages)),
                ("total", &number(locale, total)),
                ("noun", noun),
            ])}</span>
            {step(td_string!(locale, cases.next), (current + 1 < pages).then_some(current + 1), last.map(PageCursor::After))}
        </nav>
    }
}

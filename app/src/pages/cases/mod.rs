//! The case pages: `Mina ärenden`, a new case, a case, the handler queue,
//! and a team member's cases for the owner.
pub mod case_page;
pub mod list;
pub mod member;
pub mod new_case;
pub mod queue;

use crate::api::cases::{CaseRow, SeenCase};
use leptos::prelude::*;

/// A table of cases; with `selected`, each row gets a checkbox.
#[component]
pub fn CaseTable(
    rows: Vec<CaseRow>,
    #[prop(optional)] selected: Option<RwSignal<Vec<SeenCase>>>,
    #[prop(default = false)] show_submitted: bool,
) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="muted">"Inga ärenden."</p> }.into_any();
    }
    view! {
        <table class="cases">
            <thead>
                <tr>
                    {selected.map(|_| view! { <th scope="col"><span class="visually-hidden">"Markera"</span></th> })}
                    <th scope="col">"Ärende"</th>
                    <th scope="col">"Typ"</th>
                    <th scope="col">"Kund"</th>
                    <th scope="col">"Anläggningsadress"</th>
                    <th scope="col">"Läge"</th>
                    <th scope="col">{if show_submitted { "Inskickat" } else { "Senast ändrat" }}</th>
                </tr>
            </thead>
            <tbody>
                {rows.into_iter().map(|r| {
                    let id = r.id;
                    let seen = r.seen();
                    let number = r.case_number.clone();
                    view! {
                        <tr>
                            {selected.map(|sel| view! {
                                <td><SelectCase seen=seen number=number.clone() selected=sel/></td>
                            })}
                            <td><a href=format!("/arenden/{id}")>{r.case_number.clone()}</a></td>
                            <td>{r.type_label.clone()}</td>
                            <td>{r.customer_name.clone()}</td>
                            <td>{r.facility_address.clone()}</td>
                            <td>
                                <span class=format!("state state-{}", r.state.code())>{r.state.label()}</span>
                                {r.cancellation_requested.then(|| view! { <span class="badge">"Makulering begärd"</span> })}
                            </td>
                            <td>{if show_submitted { r.submitted_at.clone().unwrap_or_default() } else { r.updated_at.clone() }}</td>
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
pub fn SelectCase(seen: SeenCase, number: String, selected: RwSignal<Vec<SeenCase>>) -> impl IntoView {
    view! {
        <input type="checkbox" aria-label=format!("Markera {number}")
            prop:checked=move || selected.get().iter().any(|s| s.id == seen.id)
            on:change=move |ev| {
                let on = event_target_checked(&ev);
                selected.update(|s| { s.retain(|x| x.id != seen.id); if on { s.push(seen); } });
            }/>
    }
}

/// "Sida 2 av 5" with previous and next.
#[component]
pub fn Pager(page: RwSignal<u64>, total: u64, per_page: u64) -> impl IntoView {
    let pages = total.div_ceil(per_page.max(1)).max(1);
    view! {
        <nav class="pager" aria-label="Sidor">
            <button type="button" class="secondary-button" disabled=move || page.get() == 0
                on:click=move |_| page.update(|p| *p = p.saturating_sub(1))>"Föregående"</button>
            <span>{move || format!("Sida {} av {pages} ({total} ärenden)", page.get() + 1)}</span>
            <button type="button" class="secondary-button" disabled=move || { page.get() + 1 >= pages }
                on:click=move |_| page.update(|p| *p += 1)>"Nästa"</button>
        </nav>
    }
}

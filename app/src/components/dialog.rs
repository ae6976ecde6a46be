//! A modal dialog on the native `<dialog>` element: focus stays inside,
//! Escape closes it, and the page behind is inert.
use leptos::html;
use leptos::prelude::*;

#[component]
pub fn Modal(
    open: RwSignal<bool>,
    /// The heading's id, which names the dialog.
    #[prop(into)]
    heading_id: String,
    #[prop(into)] title: Signal<String>,
    /// Opens the dialog when the address carries this key: the page a
    /// [`DialogLink`] leads to without scripts (UX-1).
    #[prop(optional, into)]
    query_key: Option<String>,
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
    if query_key.is_some_and(|key| leptos_router::hooks::use_query_map().read_untracked().get(&key).is_some()) {
        open.set(true);
    }
    Effect::new(move |_| {
        let Some(d) = dialog.get() else { return };
        if open.get() {
            if !d.open() {
                let _ = d.show_modal();
            }
        } else if d.open() {
            d.close();
        }
    });
    let labelled_by = heading_id.clone();
    view! {
        // Drawn open by the server when the address asks for it; made modal once hydrated.
        <dialog node_ref=dialog open=open.get_untracked() aria-labelledby=labelled_by on:close=move |_| open.set(false)>
            <h2 id=heading_id>{move || title.get()}</h2>
            {children()}
        </dialog>
    }
}

/// What opens a [`Modal`]: a link to the same page with the dialog drawn open,
/// which hydrated pages turn into opening the dialog in place.
#[component]
pub fn DialogLink(
    open: RwSignal<bool>,
    #[prop(into)] query_key: String,
    #[prop(optional)] class: &'static str,
    /// The link's accessible name, where its text alone is not enough.
    #[prop(optional, into)]
    label: Option<String>,
    /// Runs as the dialog opens (clearing old messages, say).
    #[prop(optional)]
    on_open: Option<Callback<()>>,
    children: Children,
) -> impl IntoView {
    let href = format!("{}?{query_key}=1", leptos_router::hooks::use_location().pathname.get_untracked());
    view! {
        <a href=href class=format!("button {class}") aria-label=label on:click=move |ev| {
            ev.prevent_default();
            if let Some(f) = on_open { f.run(()) }
            open.set(true);
        }>{children()}</a>
    }
}

/// Closes a [`Modal`]: back to the page without the dialog, or in place once hydrated.
#[component]
pub fn DialogClose(open: RwSignal<bool>, children: Children) -> impl IntoView {
    let href = leptos_router::hooks::use_location().pathname.get_untracked();
    view! {
        <a href=href class="button secondary-button" on:click=move |ev| { ev.prevent_default(); open.set(false); }>{children()}</a>
    }
}

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
    children: Children,
) -> impl IntoView {
    let dialog = NodeRef::<html::Dialog>::new();
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
        <dialog node_ref=dialog aria-labelledby=labelled_by on:close=move |_| open.set(false)>
            <h2 id=heading_id>{move || title.get()}</h2>
            {children()}
        </dialog>
    }
}

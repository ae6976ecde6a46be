//! Reusable pieces of the user interface.
pub mod dialog;
pub mod field;
pub mod form_post;
pub mod form_reply;
pub mod language;
pub mod layout;
pub mod live;
pub mod session;
pub mod site_files;

pub use form_reply::PostForm;

use leptos::prelude::*;

/// A polite live region for outcomes ("Sparat.").
#[component]
pub fn StatusMessage(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    view! {
        <p class="status" role="status">{move || message.get()}</p>
    }
}

/// An error about the form as a whole (not one field).
#[component]
pub fn FormError(#[prop(into)] message: Signal<Option<String>>) -> impl IntoView {
    // Inside a form posted without scripts, the server's answer stands here until the next try.
    let from_server = form_reply::form_reply_message();
    let message = Signal::derive(move || message.get().or_else(|| from_server.get()));
    view! {
        <Show when=move || message.get().is_some()>
            <p class="form-error" role="alert">{move || message.get()}</p>
        </Show>
    }
}

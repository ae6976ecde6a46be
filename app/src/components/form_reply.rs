//! UX-1: forms that work before the WASM has arrived, and with scripts off.
//!
//! Every form is a [`PostForm`]: a real `<form method="post">` to its server
//! function. Once hydrated, the page's own submit handler sends it in place.
//! Without scripts the browser posts it; the server answers with a redirect
//! back to the page (or to the next one) and a short-lived sealed cookie
//! holding a [`FormReply`]: which form it was, what went wrong, and what was
//! typed (never a password or a code). The page render takes that reply, and
//! the form's fields show the messages and the typed values again — the same
//! HTML with and without scripts, so hydration finds what the server drew.
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The outcome of a form posted without scripts, for the page it comes back to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormReply {
    /// The server function the form posted to (`/api/…`): the form it belongs to.
    pub action: String,
    /// `None` when the post succeeded.
    pub error: Option<AppError>,
    /// What was typed, by field name (no secrets): to fill a form in again
    /// after a failure, or to show what a search asked for.
    pub values: Vec<(String, String)>,
}

impl FormReply {
    /// The id of the data block that carries the reply from the server's
    /// render to the hydrating app.
    pub const ELEMENT_ID: &'static str = "form-reply";

    /// Fields that are never echoed back, neither into a cookie nor a page.
    pub fn is_secret(field: &str) -> bool {
        let field = field.to_ascii_lowercase();
        ["password", "token", "secret"].iter().any(|s| field.contains(s))
            || field == "code"
            || field.ends_with("recovery_code")
            || field.ends_with("totp_code")
    }

    /// What was typed into `field`, if the reply keeps it.
    pub fn value(&self, field: &str) -> Option<&str> {
        self.values.iter().find(|(name, _)| name == field).map(|(_, v)| v.as_str())
    }

    /// The reply as JSON that is safe inside a `<script>` element.
    pub fn to_script_json(&self) -> String {
        serde_json::to_string(self)
            .unwrap_or_default()
            .replace('<', "\\u003c")
            .replace('>', "\\u003e")
            .replace('&', "\\u0026")
    }
}

/// Text as HTML markup (for a `<textarea>`'s content).
pub fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// The reply the page was rendered with, for every form on it.
#[derive(Clone, Copy)]
struct PageReply(StoredValue<Option<std::sync::Arc<FormReply>>>);

/// Makes the reply of the request being rendered (on the server) or of the
/// page being hydrated (in the browser) known to the forms below.
pub fn provide_form_reply(reply: Option<FormReply>) {
    provide_context(PageReply(StoredValue::new(reply.map(std::sync::Arc::new))));
}

/// A reply belongs to the page it came back to: once the person moves on in
/// the hydrated app, no form shows it again. (Call inside the router.)
pub fn forget_reply_on_navigation() {
    // A server render never navigates: nothing to watch (and the lookups
    // cost a little on every page).
    if cfg!(not(feature = "hydrate")) {
        return;
    }
    let Some(page) = use_context::<PageReply>() else { return };
    let location = leptos_router::hooks::use_location();
    let first = location.pathname.get_untracked();
    Effect::new(move |_| {
        if location.pathname.get() != first {
            page.0.set_value(None);
        }
    });
}

/// In the browser: the reply the server wrote into the page.
#[cfg(feature = "hydrate")]
pub fn reply_in_document() -> Option<FormReply> {
    let text = document().get_element_by_id(FormReply::ELEMENT_ID)?.text_content()?;
    serde_json::from_str(&text).ok()
}

/// One form on the page, and the reply meant for it.
#[derive(Clone, Copy)]
struct FormScope {
    reply: StoredValue<Option<std::sync::Arc<FormReply>>>,
    /// Whether the reply still stands (a new submit makes it old news).
    current: RwSignal<bool>,
    /// Fields that show their own message from the reply.
    placed: RwSignal<Vec<String>>,
}

/// What a field of the enclosing form gets back from a post without scripts
/// that failed: the typed value, and its message.
pub fn field_reply(name: &str) -> (Option<String>, Option<String>) {
    let Some(scope) = use_context::<FormScope>() else { return (None, None) };
    scope.reply.with_value(|reply| {
        let Some(reply) = reply.as_ref().filter(|r| r.error.is_some()) else { return (None, None) };
        let message = reply.error.as_ref().and_then(|e| e.field_message(name));
        if message.is_some() {
            scope.placed.update_untracked(|p| p.push(name.to_string()));
        }
        (reply.value(name).map(str::to_string), message)
    })
}

/// The part of the reply's error that no field of the form shows.
fn unplaced_message(error: &AppError, placed: &[String]) -> Option<String> {
    match error {
        AppError::Invalid(errors) => {
            let rest: Vec<&str> =
                errors.iter().filter(|e| !placed.contains(&e.field)).map(|e| e.message.as_str()).collect();
            (!rest.is_empty()).then(|| rest.join(" "))
        }
        AppError::Conflict(e) if placed.contains(&e.field) => None,
        other => Some(other.to_string()),
    }
}

/// What the form of the page's reply sent as `field` (a search, say).
pub fn replied_value(action: &str, field: &str) -> Option<String> {
    let page = use_context::<PageReply>()?;
    page.0.with_value(|reply| reply.as_ref().filter(|r| r.action == action)?.value(field).map(str::to_string))
}

/// What went wrong with the form posting to `action`, if the page came back from one.
pub fn replied_error(action: &str) -> Option<AppError> {
    let page = use_context::<PageReply>()?;
    page.0.with_value(|reply| reply.as_ref().filter(|r| r.action == action)?.error.clone())
}

/// Whether the page came back from a post to `action` that went through.
pub fn replied_success(action: &str) -> bool {
    use_context::<PageReply>()
        .is_some_and(|page| page.0.with_value(|reply| reply.as_ref().is_some_and(|r| r.action == action && r.error.is_none())))
}

/// The reply's message for the form as a whole, while it stands.
pub fn form_reply_message() -> Signal<Option<String>> {
    let Some(scope) = use_context::<FormScope>() else { return Signal::derive(|| None) };
    Signal::derive(move || {
        if !scope.current.get() {
            return None;
        }
        scope.reply.with_value(|reply| {
            let error = reply.as_ref()?.error.as_ref()?;
            unplaced_message(error, &scope.placed.get())
        })
    })
}

/// A form that posts to a server function (or an upload route), with and without scripts.
#[component]
pub fn PostForm(
    /// The server function's address, `/api/…`.
    #[prop(into)]
    action: String,
    /// Sends files: `multipart/form-data`.
    #[prop(optional)]
    multipart: bool,
    #[prop(optional, into)] class: Option<String>,
    /// For fields elsewhere on the page that belong to this form (`form="…"`).
    #[prop(optional)]
    id: Option<&'static str>,
    /// `search` for a filter form.
    #[prop(optional)]
    role: Option<&'static str>,
    /// What hydrated pages do instead of the browser's post.
    #[prop(optional, into)]
    on_submit: Option<Callback<leptos::ev::SubmitEvent>>,
    /// Said after a post without scripts went through ("Sparat.").
    #[prop(optional)]
    done: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let reply = use_context::<PageReply>().and_then(|r| r.0.get_value()).filter(|r| r.action == action);
    let succeeded = reply.as_ref().is_some_and(|r| r.error.is_none());
    let scope = FormScope { reply: StoredValue::new(reply), current: RwSignal::new(true), placed: RwSignal::new(Vec::new()) };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        scope.current.set(false);
        if let Some(handler) = on_submit {
            handler.run(ev);
        }
    };
    view! {
        <form
            method="post"
            action=action
            enctype=multipart.then_some("multipart/form-data")
            class=class
            id=id
            role=role
            novalidate
            on:submit=on_submit
        >
            // The form's fields (and only they) find the reply through this scope.
            <leptos::context::Provider value=scope>{children()}</leptos::context::Provider>
            {(succeeded && done.is_some()).then(|| view! {
                <p class="status" role="status">{move || scope.current.get().then(|| done.unwrap_or_default())}</p>
            })}
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::FieldError;

    #[test]
    fn passwords_and_codes_are_never_kept() {
        for name in ["password", "current_password", "new_password", "code", "recovery_code", "token"] {
            assert!(FormReply::is_secret(name), "{name}");
        }
        for name in ["email", "name", "personnummer", "organisationsnummer", "mobile", "postal_code", "state_code"] {
            assert!(!FormReply::is_secret(name), "{name}");
        }
    }

    #[test]
    fn the_reply_cannot_end_its_script_element() {
        let reply = FormReply {
            action: "/api/x".into(),
            error: None,
            values: vec![("name".into(), "</script><script>alert(1)</script>".into())],
        };
        let json = reply.to_script_json();
        assert!(!json.contains("</script>"));
        assert_eq!(serde_json::from_str::<FormReply>(&json).unwrap(), reply);
    }

    #[test]
    fn the_form_shows_only_what_no_field_shows() {
        let error = AppError::Invalid(vec![FieldError::new("email", "Fel e-post."), FieldError::new("x", "Fel x.")]);
        assert_eq!(unplaced_message(&error, &["email".into()]), Some("Fel x.".into()));
        assert_eq!(unplaced_message(&error, &["email".into(), "x".into()]), None);
        assert_eq!(unplaced_message(&AppError::Forbidden, &[]), Some(AppError::Forbidden.to_string()));
    }
}

//! TEAM-9, CASE-15: pages that show teams or cases refetch when the server
//! says something changed for this user, without a reload.
use leptos::prelude::*;

/// Bumped whenever the server pushes a change (or the connection is
/// re-established, to catch up on what was missed).
#[derive(Clone, Copy)]
pub struct Live {
    pub teams: RwSignal<u32>,
    /// CASE-15: case news (lists, the case page, the handler queue, notifications).
    pub cases: RwSignal<u32>,
}

pub fn provide_live() {
    provide_context(Live { teams: RwSignal::new(0), cases: RwSignal::new(0) });
}

pub fn use_live() -> Live {
    expect_context::<Live>()
}

/// On `<body>`: when the server rendered the page (milliseconds since 1970).
pub const RENDERED_AT_ATTRIBUTE: &str = "data-rendered-at";

/// Keeps a server-sent-events connection open while mounted (for a
/// logged-in user) and bumps the counters on events.
///
/// The stream tells the server when the page was rendered: the server then
/// starts with `hello` (refetch) only if something changed for the user
/// since, so a page just loaded does not fetch its data a second time. Every
/// piece of data the page shows was read after that moment (on the server,
/// or later in the browser), which is all the check needs.
#[component]
pub fn LiveUpdates() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        use send_wrapper::SendWrapper;
        use wasm_bindgen::{closure::Closure, JsCast};
        let live = use_live();
        Effect::new(move |_| {
            let rendered_at = document().body().and_then(|body| body.get_attribute(RENDERED_AT_ATTRIBUTE));
            let url = match rendered_at {
                Some(stamp) if stamp.bytes().all(|b| b.is_ascii_digit()) => format!("/api/events?since={stamp}"),
                _ => "/api/events".to_owned(),
            };
            let Ok(source) = web_sys::EventSource::new(&url) else { return };
            let on_change = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
                let kind = ev.type_();
                if kind != "cases" {
                    live.teams.update(|v| *v += 1);
                }
                // A new connection may have missed case news too.
                if kind != "teams" {
                    live.cases.update(|v| *v += 1);
                }
            });
            for name in ["hello", "teams", "cases"] {
                let _ = source.add_event_listener_with_callback(name, on_change.as_ref().unchecked_ref());
            }
            // Lets people (and browser tests) see that updates are live.
            let on_open = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
                if let Some(body) = document().body() {
                    let _ = body.set_attribute("data-live", "true");
                }
            });
            source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
            let kept = SendWrapper::new((source, on_change, on_open));
            on_cleanup(move || kept.0.close());
        });
    }
}

//! A labelled input whose message (from the browser's own check or from the
//! server) stands next to it and is announced.
use leptos::prelude::*;

/// Checks a value as typed; `None` means it is fine.
pub type Check = fn(&str) -> Option<String>;

/// The state of one form field: what was typed and what is wrong with it.
#[derive(Clone, Copy)]
pub struct FieldState {
    pub value: RwSignal<String>,
    pub error: RwSignal<Option<String>>,
}

impl FieldState {
    pub fn new() -> Self {
        Self { value: RwSignal::new(String::new()), error: RwSignal::new(None) }
    }

    pub fn with_value(value: String) -> Self {
        Self { value: RwSignal::new(value), error: RwSignal::new(None) }
    }

    pub fn get(&self) -> String {
        self.value.get_untracked()
    }
}

impl Default for FieldState {
    fn default() -> Self {
        Self::new()
    }
}

#[component]
pub fn TextField(
    /// The input's id and name.
    id: &'static str,
    label: &'static str,
    state: FieldState,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(optional)] check: Option<Check>,
    #[prop(default = true)] required: bool,
    /// The name the form posts the value as, when it is not the id (two
    /// fields on one page may post to arguments of the same name).
    #[prop(optional)] name: Option<&'static str>,
) -> impl IntoView {
    let error_id = format!("{id}-fel");
    let hint_id = format!("{id}-tips");
    let described_by = {
        let error_id = error_id.clone();
        let hint_id = hint_id.clone();
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if state.error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    // After a post without scripts: what was typed, and what was wrong with it (UX-1).
    let (typed, message) = super::form_reply::field_reply(name.unwrap_or(id));
    if let Some(typed) = typed {
        state.value.set(typed);
    }
    if message.is_some() {
        state.error.set(message);
    }
    let run_check = move || {
        if let Some(check) = check {
            state.error.set(check(&state.value.get_untracked()));
        }
    };
    let input = NodeRef::<leptos::html::Input>::new();
    view! {
        <div class="field" class:field-invalid=move || state.error.get().is_some()>
            <label for=id>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            <input
                id=id
                name=name.unwrap_or(id)
                type=input_type
                autocomplete=autocomplete
                required=required
                aria-invalid=move || if state.error.get().is_some() { "true" } else { "false" }
                aria-describedby=described_by
                // The attribute for the server's HTML (pages without scripts), the property once hydrated.
                value=move || state.value.get()
                node_ref=input
                prop:value=kept_through_hydration(state.value, input)
                on:input=move |ev| {
                    state.value.set(event_target_value(&ev));
                    // Once a message shows, keep it current so it goes away when fixed.
                    if state.error.get_untracked().is_some() {
                        if check.is_some() { run_check() } else { state.error.set(None) }
                    }
                }
                on:blur=move |_| {
                    if !state.value.get_untracked().trim().is_empty() {
                        run_check()
                    }
                }
            />
            <Show when=move || state.error.get().is_some()>
                <p class="field-error" id=error_id.clone()>{move || state.error.get()}</p>
            </Show>
        </div>
    }
}

/// The `value` property of a hydrated control that follows `value`, keeping
/// what a person typed or chose before the page hydrated (UX-1: on a slow
/// line the page is there, and used, well before its WASM). Hydration would
/// set the control to the signal's first value and wipe what was typed; so
/// while the page hydrates the first run leaves the control alone, and once
/// the page is live the two are settled (`settle`). From then on the control
/// follows the signal.
/// (`control` is the control's `node_ref`: an input, a text area or a list.)
pub fn kept_through_hydration<E>(value: RwSignal<String>, control: NodeRef<E>) -> impl Fn() -> Option<String> + Copy
where
    E: leptos::html::ElementType,
    E::Output: wasm_bindgen::JsCast + Clone + 'static,
{
    use wasm_bindgen::JsCast;
    through_hydration(
        move || value.get(),
        move || control.get_untracked().and_then(|control| text_of(control.unchecked_ref())),
        move |text: &String| {
            if let Some(control) = control.get_untracked() {
                show_text(control.unchecked_ref(), text)
            }
        },
        move |typed| value.set(typed),
    )
}

/// The `checked` property of a hydrated check box or radio button, kept
/// through hydration as `kept_through_hydration` keeps a value: a box ticked
/// (or a choice made) before the page hydrated stays ticked, and `take`
/// tells the page's state so; a state that has moved on since it was
/// rendered is shown instead.
pub fn checked_through_hydration(
    is_checked: impl Fn() -> bool + Copy + Send + Sync + 'static,
    control: NodeRef<leptos::html::Input>,
    take: impl Fn(bool) + Send + Sync + 'static,
) -> impl Fn() -> Option<bool> + Copy {
    through_hydration(
        is_checked,
        move || control.get_untracked().map(|control| control.checked()),
        move |&on: &bool| {
            if let Some(control) = control.get_untracked() {
                control.set_checked(on)
            }
        },
        take,
    )
}

/// What both keep: `state` is what the control should show, `held` reads what
/// the control holds (nothing before it is in the page), `show` puts a state
/// into the control and `take` a held value into the state. While the
/// server's page hydrates the returned property is `None` (the control is
/// left alone); an effect, the first thing run once the page is live, settles
/// the two (`settle`), and from then on the property follows the state.
fn through_hydration<T: Clone + PartialEq + Send + Sync + 'static>(
    state: impl Fn() -> T + Copy + Send + Sync + 'static,
    held: impl Fn() -> Option<T> + Send + Sync + 'static,
    show: impl Fn(&T) + Send + Sync + 'static,
    take: impl Fn(T) + Send + Sync + 'static,
) -> impl Fn() -> Option<T> + Copy {
    let hydrating = is_hydrating();
    let settled = StoredValue::new(!hydrating);
    if hydrating {
        let rendered = untrack(state);
        // Effects run in the browser only, once the page is live.
        Effect::new(move |_| {
            if let Some(held) = held() {
                match settle(&rendered, untrack(state), held) {
                    Settled::StateTakes(typed) => take(typed),
                    Settled::ControlShows(current) => show(&current),
                    Settled::Agree => {}
                }
            }
            settled.set_value(true);
        });
    }
    move || {
        let shown = state();
        settled.get_value().then_some(shown)
    }
}

/// Whether the server's page is being hydrated now. A control made in the
/// browser later (a part of the page rendered anew) has nothing typed to
/// keep: it shows its signal from the start, as any other.
fn is_hydrating() -> bool {
    leptos::reactive::owner::Owner::current_shared_context().is_some_and(|context| context.during_hydration())
}

/// How a control and its state come to agree once the page is live.
#[derive(Debug, PartialEq)]
enum Settled<T> {
    /// The control was typed in or ticked before the page hydrated (or the
    /// browser put back what was there): the state takes what it holds.
    StateTakes(T),
    /// The state has moved on since it was rendered (new data arrived): the
    /// control shows it.
    ControlShows(T),
    /// Nothing to do.
    Agree,
}

/// A control that holds something other than what was rendered, while the
/// state still holds what was rendered, was changed by the person; otherwise
/// the state is the newer of the two.
fn settle<T: PartialEq>(rendered: &T, state: T, held: T) -> Settled<T> {
    if state == *rendered && held != *rendered {
        Settled::StateTakes(held)
    } else if held != state {
        Settled::ControlShows(state)
    } else {
        Settled::Agree
    }
}

/// The value of a text control: an input, a text area or a list.
fn text_of(control: &web_sys::Element) -> Option<String> {
    use wasm_bindgen::JsCast;
    if let Some(input) = control.dyn_ref::<web_sys::HtmlInputElement>() {
        Some(input.value())
    } else if let Some(area) = control.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        Some(area.value())
    } else {
        control.dyn_ref::<web_sys::HtmlSelectElement>().map(|list| list.value())
    }
}

/// Puts a text into a text control (see `text_of`).
fn show_text(control: &web_sys::Element, text: &str) {
    use wasm_bindgen::JsCast;
    if let Some(input) = control.dyn_ref::<web_sys::HtmlInputElement>() {
        input.set_value(text)
    } else if let Some(area) = control.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        area.set_value(text)
    } else if let Some(list) = control.dyn_ref::<web_sys::HtmlSelectElement>() {
        list.set_value(text)
    }
}

/// Puts the server's per-field messages next to their fields; returns the
/// message that belongs to no field.
pub fn show_server_error(err: &crate::error::AppError, fields: &[(&str, FieldState)]) -> Option<String> {
    let mut placed = false;
    for (name, state) in fields {
        if let Some(msg) = err.field_message(name) {
            state.error.set(Some(msg));
            placed = true;
        }
    }
    if placed && err.is_about_fields() { None } else { Some(err.to_string()) }
}

#[cfg(test)]
mod tests {
    use super::{settle, Settled};

    // covers: UX-1
    #[test]
    fn what_was_typed_before_hydration_goes_into_the_state() {
        assert_eq!(settle(&String::new(), String::new(), "Storgatan 1".to_string()), Settled::StateTakes("Storgatan 1".to_string()));
        assert_eq!(settle(&false, false, true), Settled::StateTakes(true));
        // Cleared by the person: an empty control is what they want too.
        assert_eq!(settle(&"gammalt".to_string(), "gammalt".to_string(), String::new()), Settled::StateTakes(String::new()));
    }

    // covers: UX-1
    #[test]
    fn a_state_that_moved_on_since_the_render_is_shown() {
        assert_eq!(settle(&"1".to_string(), "2".to_string(), "1".to_string()), Settled::ControlShows("2".to_string()));
        // Newer data wins over what the control holds.
        assert_eq!(settle(&"1".to_string(), "2".to_string(), "3".to_string()), Settled::ControlShows("2".to_string()));
        assert_eq!(settle(&true, false, true), Settled::ControlShows(false));
    }

    #[test]
    fn a_control_that_shows_its_state_is_left_alone() {
        assert_eq!(settle(&"1".to_string(), "1".to_string(), "1".to_string()), Settled::Agree);
        assert_eq!(settle(&"1".to_string(), "2".to_string(), "2".to_string()), Settled::Agree);
        assert_eq!(settle(&false, false, false), Settled::Agree);
    }
}

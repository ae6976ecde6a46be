//! ADM-8 `Register`: an admin looks up one entry of a register (the
//! population register, the electrical safety register's companies and
//! authorizations, the customer-accounts directory) and corrects or adds it.
//! Whole registers are loaded with `server import-register`. Audited.
use crate::api::admin::{lookup_register, RegisterSaved, RegisterView, SaveRegisterEntry};
use crate::components::field::{FieldState, TextField};
use crate::components::form_reply::{field_reply, replied_error, replied_success, replied_value};
use crate::components::session::RequireLogin;
use crate::components::{FormError, PostForm, StatusMessage};
use crate::domain::RegisterKind;
use crate::i18n::td_string;
use crate::translated::{register_field_label, register_label};
use leptos::prelude::*;
use leptos_meta::Title;

const LOOKUP: &str = "/api/admin/registers/lookup";
const SAVE: &str = "/api/admin/registers/save";
/// The command that loads a whole register, and the other registers' names
/// for it (commands, the same in every language).
const IMPORT_COMMAND: &str = "server import-register --register folkbokforing --file personer.csv";
const OTHER_REGISTERS: [&str; 3] = ["foretag", "behorigheter", "energikonto"];

#[component]
pub fn AdminRegistersPage() -> impl IntoView {
    let locale = crate::components::language::locale();
    // Asked without scripts: the lookup's or the save's reply says what to show.
    let looked_up = |field| replied_value(LOOKUP, field);
    let saved_register = replied_value(SAVE, "register");
    let saved_key = RegisterKind::from_code(saved_register.as_deref().unwrap_or(""))
        .and_then(|k| replied_value(SAVE, &format!("values[{}]", k.fields()[0].0)));
    let register = RwSignal::new(looked_up("register").or(saved_register).unwrap_or_else(|| RegisterKind::Population.code().to_string()));
    let key = FieldState::with_value(looked_up("key").or(saved_key).unwrap_or_default());
    let applied = RwSignal::new((!key.get().trim().is_empty()).then(|| (register.get_untracked(), key.get())));
    let version = RwSignal::new(0u32);
    let entry = Resource::new(
        move || (applied.get(), version.get()),
        |(asked, _)| async move {
            match asked {
                Some((r, k)) => lookup_register(r, k).await.map(Some),
                None => Ok(None),
            }
        },
    );
    let status = RwSignal::new(None::<String>);
    if replied_success(SAVE) {
        status.set(Some(td_string!(locale, registers.saved).into()));
    }
    view! {
        <Title text=td_string!(locale, registers.title)/>
        <RequireLogin>
            <h1>{td_string!(locale, registers.title)}</h1>
            <p>{td_string!(locale, registers.intro_before)}
                <code>{IMPORT_COMMAND}</code>
                {td_string!(locale, registers.intro_also)} <code>{OTHER_REGISTERS[0]}</code> ", " <code>{OTHER_REGISTERS[1]}</code> {td_string!(locale, registers.and)} <code>{OTHER_REGISTERS[2]}</code>
                {td_string!(locale, registers.intro_after)}</p>
            <StatusMessage message=status/>
            <PostForm action=LOOKUP class="filters" role="search" on_submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                status.set(None);
                applied.set(Some((register.get_untracked(), key.get())));
            }>
                <div class="field">
                    <label for="register">{td_string!(locale, registers.register)}</label>
                    <select id="register" name="register" on:change=move |ev| register.set(event_target_value(&ev))>
                        {RegisterKind::ALL.into_iter().map(|k| view! {
                            <option value=k.code() selected=register.get_untracked() == k.code()>{register_label(locale, k)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <TextField id="key" label=td_string!(locale, registers.key) state=key/>
                <button type="submit" class="secondary-button">{td_string!(locale, registers.search)}</button>
            </PostForm>
            <Transition fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match entry.await {
                        Ok(None) => ().into_any(),
                        Ok(Some(found)) => view! { <EntryForm entry=found status=status version=version applied=applied/> }.into_any(),
                        Err(e) => view! { <p role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </RequireLogin>
    }
}

#[component]
fn EntryForm(
    entry: RegisterView,
    status: RwSignal<Option<String>>,
    version: RwSignal<u32>,
    applied: RwSignal<Option<(String, String)>>,
) -> impl IntoView {
    let locale = crate::components::language::locale();
    let kind = entry.register;
    let values: Vec<RwSignal<String>> = entry.values.iter().map(|v| RwSignal::new(v.clone())).collect();
    let problem = RwSignal::new(replied_error(SAVE));
    let save = ServerAction::<SaveRegisterEntry>::new();
    let fields = StoredValue::new(values.clone());
    Effect::new(move |_| match save.value().get() {
        Some(Ok(done)) => {
            problem.set(None);
            status.set(Some(
                match done {
                    RegisterSaved::Added => td_string!(locale, registers.added),
                    RegisterSaved::Corrected => td_string!(locale, registers.corrected),
                    RegisterSaved::Unchanged => td_string!(locale, registers.unchanged),
                }
                .into(),
            ));
            // Show the entry as stored (its key as the register keeps it).
            let key = fields.with_value(|f| f[0].get_untracked());
            applied.set(Some((kind.code().to_string(), key)));
            version.update(|v| *v += 1);
        }
        Some(Err(e)) => problem.set(Some(e)),
        None => {}
    });
    let general = Signal::derive(move || {
        problem.get().filter(|e| !(e.is_about_fields() && kind.fields().iter().any(|(n, _)| e.field_message(n).is_some()))).map(|e| e.to_string())
    });
    let heading = if entry.found { td_string!(locale, registers.entry) } else { td_string!(locale, registers.entry_missing) };
    view! {
        <section class="card" aria-labelledby="post-rubrik">
            <h2 id="post-rubrik">{heading}</h2>
            <p class="muted">{register_label(locale, kind)}</p>
            <PostForm action=SAVE on_submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                status.set(None);
                let values = fields.with_value(|f| {
                    kind.fields().iter().zip(f.iter()).map(|((name, _), v)| (name.to_string(), v.get_untracked())).collect()
                });
                save.dispatch(SaveRegisterEntry { register: kind.code().to_string(), values });
            }>
                <input type="hidden" name="register" value=kind.code()/>
                {kind.fields().iter().zip(values).enumerate().map(|(i, ((name, _), value))| {
                    let input_name = format!("values[{name}]");
                    if let (Some(typed), _) = field_reply(&input_name) {
                        value.set(typed);
                    }
                    let id = format!("post-{name}");
                    let error_id = format!("{id}-fel");
                    let message = move || problem.get().and_then(|e| e.field_message(name));
                    // The key of an entry that exists is what is looked up, not corrected.
                    let locked = entry.found && i == 0;
                    let control = NodeRef::<leptos::html::Input>::new();
                    view! {
                        <div class="field" class:field-invalid=move || message().is_some()>
                            <label for=id.clone()>{register_field_label(locale, kind, name)}</label>
                            <input id=id.clone() name=input_name type="text" readonly=locked
                                aria-invalid=move || message().is_some().to_string()
                                aria-describedby={let error_id = error_id.clone(); move || message().map(|_| error_id.clone())}
                                value=move || value.get() node_ref=control prop:value=crate::components::field::kept_through_hydration(value, control)
                                on:input=move |ev| value.set(event_target_value(&ev))/>
                            <Show when=move || message().is_some()>
                                <p class="field-error" id=error_id.clone()>{message}</p>
                            </Show>
                        </div>
                    }
                }).collect_view()}
                <FormError message=general/>
                <button type="submit" disabled=move || save.pending().get()>{if entry.found { td_string!(locale, registers.save_correction) } else { td_string!(locale, registers.add) }}</button>
            </PostForm>
        </section>
    }
}

//! ACC-1 `Registrera användare`: terms → username → details, as the routine
//! describes. Every step keeps what was typed when a later step fails.
use crate::api::auth::{CheckUsername, Register};
use crate::components::field::{show_server_error, Check, FieldState, TextField};
use crate::components::{session::use_session, FormError, PostForm};
use crate::components::form_reply::{replied_error, replied_success, replied_value};
use crate::domain::{self, UserType, TERMS_VERSION};
use crate::components::language::current_locale;
use crate::i18n::{fill, td_string, Locale};
use crate::translated::Translate;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

const CHECK: &str = "/api/auth/check-username";
const REGISTER: &str = "/api/auth/register";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    Terms,
    Username,
    Details,
}

pub(crate) fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

// What a field's check says, it says in the page's language (UX-2).
pub(crate) const CHECK_EMAIL: Check = |s| domain::Email::parse(s).err().map(|e| e.text(current_locale()));
pub(crate) const CHECK_PERSONNUMMER: Check =
    |s| domain::Personnummer::parse(s, today()).err().map(|e| e.text(current_locale()));
pub(crate) const CHECK_PHONE: Check = |s| domain::PhoneNumber::parse(s).err().map(|e| e.text(current_locale()));
pub(crate) const CHECK_POSTAL_CODE: Check = |s| domain::PostalCode::parse(s).err().map(|e| e.text(current_locale()));
pub(crate) const CHECK_PASSWORD: Check = |s| domain::Password::parse(s, None).err().map(|e| e.text(current_locale()));

#[component]
pub fn RegisterPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let locale = crate::components::language::locale();
    // Without scripts each step is its own page (`?steg=`); once hydrated
    // the steps change in place (UX-1). Reaching a later step means the
    // terms were accepted with `Godkänn`.
    let step_in_address = match leptos_router::hooks::use_query_map().read_untracked().get("steg").as_deref() {
        Some("anvandarnamn") => Step::Username,
        Some("uppgifter") => Step::Details,
        _ => Step::Terms,
    };
    let step = RwSignal::new(step_in_address);
    let accepted_terms = RwSignal::new((step_in_address != Step::Terms).then(|| TERMS_VERSION.to_string()));

    let email = FieldState::new();
    let name = FieldState::new();
    let personnummer = FieldState::new();
    let mobile = FieldState::new();
    let password = FieldState::new();
    let password_again = FieldState::new();
    let street_address = FieldState::new();
    let postal_code = FieldState::new();
    let city = FieldState::new();
    let user_type = RwSignal::new(None::<UserType>);
    let user_type_error = RwSignal::new(None::<String>);
    let form_error = RwSignal::new(None::<String>);
    let username_ok = RwSignal::new(None::<String>);

    let check = ServerAction::<CheckUsername>::new();
    Effect::new(move |_| match check.value().get() {
        Some(Ok(canonical)) => {
            email.error.set(None);
            username_ok.set(Some(fill(td_string!(locale, register.username_free), &[("email", &canonical)])));
            step.set(Step::Details);
        }
        Some(Err(e)) => {
            username_ok.set(None);
            form_error.set(show_server_error(&e, &[("email", email)]));
        }
        None => {}
    });

    let register = ServerAction::<Register>::new();
    let fields = [
        ("email", email),
        ("name", name),
        ("personnummer", personnummer),
        ("mobile", mobile),
        ("password", password),
        ("password_again", password_again),
        ("street_address", street_address),
        ("postal_code", postal_code),
        ("city", city),
    ];
    Effect::new(move |_| match register.value().get() {
        Some(Ok(_)) => {
            session.refresh();
            navigate("/", Default::default());
        }
        Some(Err(e)) => {
            user_type_error.set(e.field_message("user_type"));
            if let Some(msg) = e.field_message("terms_version") {
                step.set(Step::Terms);
                form_error.set(Some(msg));
                return;
            }
            // An e-mail taken meanwhile sends the person back to that step.
            if e.field_message("email").is_some() {
                step.set(Step::Username);
            }
            form_error.set(show_server_error(&e, &fields));
        }
        None => {}
    });

    // A step posted without scripts came back with this.
    if let Some(canonical) = replied_value(CHECK, "email").filter(|_| replied_success(CHECK)) {
        email.value.set(canonical.clone());
        username_ok.set(Some(fill(td_string!(locale, register.username_free), &[("email", &canonical)])));
    }
    if let Some(e) = replied_error(CHECK) {
        form_error.set(show_server_error(&e, &[("email", email)]));
    }
    if let Some(e) = replied_error(REGISTER) {
        if let Some(typed) = replied_value(REGISTER, "email") {
            email.value.set(typed);
        }
        if let Some(typed) = replied_value(REGISTER, "user_type") {
            user_type.set(UserType::ALL.into_iter().find(|t| t.code() == typed));
        }
        user_type_error.set(e.field_message("user_type"));
        if e.field_message("email").is_some() {
            step.set(Step::Username);
        }
        if let Some(msg) = e.field_message("terms_version") {
            step.set(Step::Terms);
            form_error.set(Some(msg));
        } else {
            form_error.set(show_server_error(&e, &fields));
        }
    }

    let on_check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form_error.set(None);
        if let Some(msg) = CHECK_EMAIL(&email.get()) {
            email.error.set(Some(msg));
            return;
        }
        check.dispatch(CheckUsername { email: email.get() });
    };

    let on_register = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form_error.set(None);
        if password.get() != password_again.get() {
            password_again.error.set(Some(td_string!(locale, account_errors.passwords_differ).into()));
            return;
        }
        password_again.error.set(None);
        register.dispatch(Register {
            password_again: password_again.get(),
            terms_version: accepted_terms.get_untracked().unwrap_or_default(),
            email: email.get(),
            name: name.get(),
            personnummer: personnummer.get(),
            mobile: mobile.get(),
            password: password.get(),
            street_address: street_address.get(),
            postal_code: postal_code.get(),
            city: city.get(),
            user_type: user_type.get_untracked().map(|t| t.code().to_string()).unwrap_or_default(),
        });
    };

    view! {
        <Title text=td_string!(locale, register.title)/>
        <section class="card">
            <h1>{td_string!(locale, register.title)}</h1>
            <p class="muted">{td_string!(locale, register.requirement)}
                <a href="/konto-utan-registrering">{td_string!(locale, register.foreign)}</a></p>
            <ol class="steps" aria-label=td_string!(locale, register.steps)>
                <li aria-current=move || (step.get() == Step::Terms).then_some("step")>{td_string!(locale, register.step_terms)}</li>
                <li aria-current=move || (step.get() == Step::Username).then_some("step")>{td_string!(locale, register.step_username)}</li>
                <li aria-current=move || (step.get() == Step::Details).then_some("step")>{td_string!(locale, register.step_details)}</li>
            </ol>
            <FormError message=form_error/>

            <Show when=move || step.get() == Step::Terms>
                <h2>{td_string!(locale, register.terms_heading)}</h2>
                <div class="terms" tabindex="0" role="region" aria-label=td_string!(locale, register.terms_heading)>
                    <Terms/>
                </div>
                <a class="button" href="/registrera?steg=anvandarnamn" on:click=move |ev| {
                    ev.prevent_default();
                    accepted_terms.set(Some(TERMS_VERSION.to_string()));
                    form_error.set(None);
                    step.set(Step::Username);
                }>{td_string!(locale, register.accept)}</a>
            </Show>

            <Show when=move || step.get() == Step::Username>
                <h2>{td_string!(locale, register.username_heading)}</h2>
                <PostForm action=CHECK on_submit=on_check>
                    <TextField id="email" label=td_string!(locale, register.email) state=email
                        input_type="email" autocomplete="email" check=CHECK_EMAIL
                        hint=td_string!(locale, register.email_hint)/>
                    <button type="submit" disabled=move || check.pending().get()>{td_string!(locale, register.check)}</button>
                </PostForm>
            </Show>

            <Show when=move || step.get() == Step::Details>
                <p class="status" role="status">{move || username_ok.get()}</p>
                <p>
                    <a href="/registrera?steg=anvandarnamn" on:click=move |ev| { ev.prevent_default(); step.set(Step::Username); }>
                        {td_string!(locale, register.change_username)}
                    </a>
                </p>
                <h2>{td_string!(locale, register.details_heading)}</h2>
                <PostForm action=REGISTER on_submit=on_register>
                    <input type="hidden" name="terms_version" value=move || accepted_terms.get().unwrap_or_default()/>
                    <input type="hidden" name="email" value=move || email.value.get()/>
                    <TextField id="name" label=td_string!(locale, register.name) state=name autocomplete="name"/>
                    <TextField id="personnummer" label=td_string!(locale, register.personnummer) state=personnummer
                        hint=td_string!(locale, register.personnummer_hint) check=CHECK_PERSONNUMMER autocomplete="off"/>
                    <TextField id="mobile" label=td_string!(locale, register.mobile) state=mobile input_type="tel" autocomplete="tel" check=CHECK_PHONE/>
                    <TextField id="password" label=td_string!(locale, register.password) state=password input_type="password"
                        autocomplete="new-password" hint=td_string!(locale, register.password_hint) check=CHECK_PASSWORD/>
                    <TextField id="password_again" label=td_string!(locale, register.password_again) state=password_again
                        input_type="password" autocomplete="new-password"/>
                    <fieldset>
                        <legend>{td_string!(locale, register.contact)}</legend>
                        <TextField id="street_address" label=td_string!(locale, register.street_address) state=street_address autocomplete="street-address"/>
                        <TextField id="postal_code" label=td_string!(locale, register.postal_code) state=postal_code autocomplete="postal-code" check=CHECK_POSTAL_CODE/>
                        <TextField id="city" label=td_string!(locale, register.city) state=city autocomplete="address-level2"/>
                    </fieldset>
                    <UserTypeChoice selected=user_type error=user_type_error/>
                    <button type="submit" disabled=move || register.pending().get()>{td_string!(locale, register.submit)}</button>
                </PostForm>
            </Show>
        </section>
    }
}

/// `Användartyp`: Elinstallatör or Kontorspersonal (ACC-1).
#[component]
fn UserTypeChoice(selected: RwSignal<Option<UserType>>, error: RwSignal<Option<String>>) -> impl IntoView {
    let locale = crate::components::language::locale();
    view! {
        <fieldset aria-describedby=move || error.get().map(|_| "user_type-fel")>
            <legend>{td_string!(locale, register.user_type)}</legend>
            {UserType::ALL.into_iter().map(|t| {
                let id = format!("user_type-{}", t.code());
                let control = NodeRef::<leptos::html::Input>::new();
                view! {
                    <div class="choice">
                        <input type="radio" id=id.clone() name="user_type" value=t.code()
                            checked=selected.get_untracked() == Some(t)
                            node_ref=control prop:checked=crate::components::field::checked_through_hydration(move || selected.get() == Some(t), control, move |on| if on { selected.set(Some(t)) })
                            on:change=move |_| { selected.set(Some(t)); error.set(None); }/>
                        <label for=id>{user_type_label(locale, t)}</label>
                    </div>
                }
            }).collect_view()}
            <Show when=move || error.get().is_some()>
                <p class="field-error" id="user_type-fel">{move || error.get()}</p>
            </Show>
        </fieldset>
    }
}

#[component]
pub(crate) fn Terms() -> impl IntoView {
    let locale = crate::components::language::locale();
    view! {
        <h3>{td_string!(locale, terms.heading)}</h3>
        <p>{td_string!(locale, terms.personal)}</p>
        <p>{td_string!(locale, terms.responsibility)}</p>
        <p>{td_string!(locale, terms.personal_data)}</p>
        <h3>{td_string!(locale, terms.technical_heading)}</h3>
        <p>{td_string!(locale, terms.technical)}</p>
    }
}

/// `Användartyp`'s choices in the page's language.
pub(crate) fn user_type_label(locale: Locale, user_type: UserType) -> &'static str {
    match user_type {
        UserType::Elinstallator => td_string!(locale, register.user_type_elinstallator),
        UserType::Kontorspersonal => td_string!(locale, register.user_type_kontorspersonal),
    }
}

//! ACC-1 `Registrera användare`: terms → username → details, as the routine
//! describes. Every step keeps what was typed when a later step fails.
use crate::api::auth::{CheckUsername, Register};
use crate::components::field::{show_server_error, Check, FieldState, TextField};
use crate::components::{session::use_session, FormError, PostForm};
use crate::components::form_reply::{replied_error, replied_success, replied_value};
use crate::domain::{self, UserType, TERMS_VERSION};
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

pub(crate) const CHECK_EMAIL: Check = |s| domain::Email::parse(s).err().map(|e| e.to_string());
pub(crate) const CHECK_PERSONNUMMER: Check =
    |s| domain::Personnummer::parse(s, today()).err().map(|e| e.to_string());
pub(crate) const CHECK_PHONE: Check = |s| domain::PhoneNumber::parse(s).err().map(|e| e.to_string());
pub(crate) const CHECK_POSTAL_CODE: Check = |s| domain::PostalCode::parse(s).err().map(|e| e.to_string());
pub(crate) const CHECK_PASSWORD: Check = |s| domain::Password::parse(s, None).err().map(|e| e.to_string());

#[component]
pub fn RegisterPage() -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
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
            username_ok.set(Some(format!("Användarnamnet {canonical} är ledigt.")));
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
        username_ok.set(Some(format!("Användarnamnet {canonical} är ledigt.")));
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
            password_again.error.set(Some("Lösenorden är inte likadana.".into()));
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
        <Title text="Registrera användare"/>
        <section class="card">
            <h1>"Registrera användare"</h1>
            <p class="muted">"Registreringen kräver svenskt personnummer och ett företag i Elsäkerhetsverkets register. "
                <a href="/konto-utan-registrering">"Utländsk installatör, eller installatör utan företag?"</a></p>
            <ol class="steps" aria-label="Steg">
                <li aria-current=move || (step.get() == Step::Terms).then_some("step")>"Villkor"</li>
                <li aria-current=move || (step.get() == Step::Username).then_some("step")>"Användarnamn"</li>
                <li aria-current=move || (step.get() == Step::Details).then_some("step")>"Uppgifter"</li>
            </ol>
            <FormError message=form_error/>

            <Show when=move || step.get() == Step::Terms>
                <h2>"Villkor och tekniska anvisningar"</h2>
                <div class="terms" tabindex="0" role="region" aria-label="Villkor och tekniska anvisningar">
                    <Terms/>
                </div>
                <a class="button" href="/registrera?steg=anvandarnamn" on:click=move |ev| {
                    ev.prevent_default();
                    accepted_terms.set(Some(TERMS_VERSION.to_string()));
                    form_error.set(None);
                    step.set(Step::Username);
                }>"Godkänn"</a>
            </Show>

            <Show when=move || step.get() == Step::Username>
                <h2>"Användarnamn"</h2>
                <PostForm action=CHECK on_submit=on_check>
                    <TextField id="email" label="E-postadress (blir ditt användarnamn)" state=email
                        input_type="email" autocomplete="email" check=CHECK_EMAIL
                        hint="Samma adress som till Mina sidor går bra, men inte en adress som används för ett Energikonto."/>
                    <button type="submit" disabled=move || check.pending().get()>"Kontrollera användarnamn"</button>
                </PostForm>
            </Show>

            <Show when=move || step.get() == Step::Details>
                <p class="status" role="status">{move || username_ok.get()}</p>
                <p>
                    <a href="/registrera?steg=anvandarnamn" on:click=move |ev| { ev.prevent_default(); step.set(Step::Username); }>
                        "Byt användarnamn"
                    </a>
                </p>
                <h2>"Dina uppgifter"</h2>
                <PostForm action=REGISTER on_submit=on_register>
                    <input type="hidden" name="terms_version" value=move || accepted_terms.get().unwrap_or_default()/>
                    <input type="hidden" name="email" value=move || email.value.get()/>
                    <TextField id="name" label="Namn" state=name autocomplete="name"/>
                    <TextField id="personnummer" label="Personnummer" state=personnummer
                        hint="ÅÅÅÅMMDD-NNNN" check=CHECK_PERSONNUMMER autocomplete="off"/>
                    <TextField id="mobile" label="Mobilnummer" state=mobile input_type="tel" autocomplete="tel" check=CHECK_PHONE/>
                    <TextField id="password" label="Lösenord" state=password input_type="password"
                        autocomplete="new-password" hint="Minst 10 tecken." check=CHECK_PASSWORD/>
                    <TextField id="password_again" label="Upprepa lösenordet" state=password_again
                        input_type="password" autocomplete="new-password"/>
                    <fieldset>
                        <legend>"Kontaktuppgifter"</legend>
                        <TextField id="street_address" label="Gatuadress" state=street_address autocomplete="street-address"/>
                        <TextField id="postal_code" label="Postnummer" state=postal_code autocomplete="postal-code" check=CHECK_POSTAL_CODE/>
                        <TextField id="city" label="Ort" state=city autocomplete="address-level2"/>
                    </fieldset>
                    <UserTypeChoice selected=user_type error=user_type_error/>
                    <button type="submit" disabled=move || register.pending().get()>"Registrera"</button>
                </PostForm>
            </Show>
        </section>
    }
}

/// `Användartyp`: Elinstallatör or Kontorspersonal (ACC-1).
#[component]
fn UserTypeChoice(selected: RwSignal<Option<UserType>>, error: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <fieldset aria-describedby=move || error.get().map(|_| "user_type-fel")>
            <legend>"Användartyp"</legend>
            {UserType::ALL.into_iter().map(|t| {
                let id = format!("user_type-{}", t.code());
                view! {
                    <div class="choice">
                        <input type="radio" id=id.clone() name="user_type" value=t.code()
                            checked=selected.get_untracked() == Some(t)
                            prop:checked=move || selected.get() == Some(t)
                            on:change=move |_| { selected.set(Some(t)); error.set(None); }/>
                        <label for=id>{t.label()}</label>
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
    view! {
        <h3>"Villkor för Installatörswebben"</h3>
        <p>"Installatörswebben används av behöriga elinstallatörer och deras kontorspersonal för att anmäla
            ärenden till elnätsbolaget. Kontot är personligt och får inte delas med någon annan."</p>
        <p>"Du ansvarar för att uppgifterna i dina anmälningar är riktiga. Färdiganmälan får bara göras av en
            elinstallatör med behörighet, eftersom den intygar att arbetet är utfört av en behörig person."</p>
        <p>"Vi behandlar dina personuppgifter (namn, personnummer, kontaktuppgifter) för att kunna hantera
            dina ärenden och kontrollera din behörighet."</p>
        <h3>"Tekniska anvisningar"</h3>
        <p>"Anslutningar utförs enligt elnätsbolagets tekniska anvisningar för anslutning till lågspänningsnätet.
            Huvudsäkring väljs ur standardserien, och bilagor (situationsplan, enlinjeschema, fullmakt) bifogas
            som PDF eller bild."</p>
    }
}

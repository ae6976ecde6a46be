//! ACC-3 `Mina uppgifter`: username, contact details and password.
use super::register::{CHECK_EMAIL, CHECK_PASSWORD, CHECK_PHONE, CHECK_POSTAL_CODE};
use crate::api::account::{my_details, ChangePassword, ChangeUsername, ResendVerification, UpdateContactDetails};
use crate::api::AccountDetails;
use crate::components::field::{show_server_error, FieldState, TextField};
use crate::components::session::RequireLogin;
use crate::components::{FormError, StatusMessage, PostForm};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MyDetailsPage() -> impl IntoView {
    let details = Resource::new(|| (), |_| my_details());
    view! {
        <Title text="Mina uppgifter"/>
        <RequireLogin>
            <h1>"Mina uppgifter"</h1>
            <Transition fallback=|| view! { <p>"Laddar…"</p> }>
                {move || Suspend::new(async move {
                    match details.await {
                        Ok(d) => view! { <DetailsForms details=d/> }.into_any(),
                        Err(e) => view! { <p role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </RequireLogin>
    }
}

#[component]
fn DetailsForms(details: AccountDetails) -> impl IntoView {
    view! {
        <dl class="facts">
            <dt>"Namn"</dt><dd>{details.name.clone()}</dd>
            <dt>"Personnummer"</dt><dd>{details.personnummer.clone().unwrap_or_else(|| "–".into())}</dd>
            <dt>"Användartyp"</dt><dd>{details.user_type.map(|t| t.label()).unwrap_or("–")}</dd>
        </dl>
        {(!details.email_verified).then(|| view! { <VerifyNotice email=details.email.clone()/> })}
        <UsernameForm current=details.email.clone()/>
        <ContactForm details=details/>
        <PasswordForm/>
    }
}

#[component]
fn UsernameForm(current: String) -> impl IntoView {
    let email = FieldState::with_value(current);
    let password = FieldState::new();
    let status = RwSignal::new(None::<String>);
    let form_error = RwSignal::new(None::<String>);
    let action = ServerAction::<ChangeUsername>::new();
    Effect::new(move |_| match action.value().get() {
        Some(Ok(d)) => {
            email.value.set(d.email.clone());
            password.value.set(String::new());
            status.set(Some(format!("Användarnamnet är nu {}.", d.email)));
        }
        Some(Err(e)) => {
            status.set(None);
            form_error.set(show_server_error(&e, &[("email", email), ("current_password", password)]));
        }
        None => {}
    });
    view! {
        <section class="card" aria-labelledby="anvandarnamn-rubrik">
            <h2 id="anvandarnamn-rubrik">"Användarnamn"</h2>
            <PostForm action="/api/account/username" on_submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                form_error.set(None);
                status.set(None);
                action.dispatch(ChangeUsername { email: email.get(), current_password: password.get() });
            }>
                <TextField id="email" label="Användarnamn (e-postadress)" state=email input_type="email" autocomplete="email" check=CHECK_EMAIL/>
                <TextField id="username_password" name="current_password" label="Ditt lösenord (bekräftar nytt användarnamn)" state=password input_type="password" autocomplete="current-password"/>
                <FormError message=form_error/>
                <button type="submit" disabled=move || action.pending().get()>"Spara användarnamn"</button>
                <StatusMessage message=status/>
            </PostForm>
        </section>
    }
}

#[component]
fn ContactForm(details: AccountDetails) -> impl IntoView {
    let mobile = FieldState::with_value(details.mobile);
    let street_address = FieldState::with_value(details.street_address);
    let postal_code = FieldState::with_value(details.postal_code);
    let city = FieldState::with_value(details.city);
    let password = FieldState::new();
    let status = RwSignal::new(None::<String>);
    let form_error = RwSignal::new(None::<String>);
    let action = ServerAction::<UpdateContactDetails>::new();
    let fields = [("mobile", mobile), ("street_address", street_address), ("postal_code", postal_code), ("city", city), ("current_password", password)];
    Effect::new(move |_| match action.value().get() {
        Some(Ok(_)) => {
            password.value.set(String::new());
            status.set(Some("Kontaktuppgifterna är sparade.".into()));
        }
        Some(Err(e)) => {
            status.set(None);
            form_error.set(show_server_error(&e, &fields));
        }
        None => {}
    });
    view! {
        <section class="card" aria-labelledby="kontakt-rubrik">
            <h2 id="kontakt-rubrik">"Kontaktuppgifter"</h2>
            <PostForm action="/api/account/contact" on_submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                form_error.set(None);
                status.set(None);
                action.dispatch(UpdateContactDetails {
                    mobile: mobile.get(),
                    street_address: street_address.get(),
                    postal_code: postal_code.get(),
                    city: city.get(),
                    current_password: password.get(),
                });
            }>
                <TextField id="mobile" label="Mobilnummer" state=mobile input_type="tel" autocomplete="tel" check=CHECK_PHONE/>
                <TextField id="street_address" label="Gatuadress" state=street_address autocomplete="street-address"/>
                <TextField id="postal_code" label="Postnummer" state=postal_code autocomplete="postal-code" check=CHECK_POSTAL_CODE/>
                <TextField id="city" label="Ort" state=city autocomplete="address-level2"/>
                <TextField id="contact_password" name="current_password" label="Ditt lösenord (bekräftar kontaktuppgifterna)" state=password input_type="password" autocomplete="current-password"/>
                <FormError message=form_error/>
                <button type="submit" disabled=move || action.pending().get()>"Spara kontaktuppgifter"</button>
                <StatusMessage message=status/>
            </PostForm>
        </section>
    }
}

#[component]
fn PasswordForm() -> impl IntoView {
    let current = FieldState::new();
    let new = FieldState::new();
    let again = FieldState::new();
    let status = RwSignal::new(None::<String>);
    let form_error = RwSignal::new(None::<String>);
    let action = ServerAction::<ChangePassword>::new();
    Effect::new(move |_| match action.value().get() {
        Some(Ok(())) => {
            for f in [current, new, again] {
                f.value.set(String::new());
            }
            status.set(Some("Lösenordet är bytt.".into()));
        }
        Some(Err(e)) => {
            status.set(None);
            form_error.set(show_server_error(&e, &[("current_password", current), ("new_password", new)]));
        }
        None => {}
    });
    view! {
        <section class="card" aria-labelledby="losenord-rubrik">
            <h2 id="losenord-rubrik">"Byt lösenord"</h2>
            <PostForm action="/api/account/password" on_submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                form_error.set(None);
                status.set(None);
                if new.get() != again.get() {
                    again.error.set(Some("Lösenorden är inte likadana.".into()));
                    return;
                }
                again.error.set(None);
                action.dispatch(ChangePassword { current_password: current.get(), new_password: new.get() });
            }>
                <TextField id="current_password" label="Nuvarande lösenord" state=current input_type="password" autocomplete="current-password"/>
                <TextField id="new_password" label="Nytt lösenord" state=new input_type="password" autocomplete="new-password" check=CHECK_PASSWORD hint="Minst 10 tecken."/>
                <TextField id="new_password_again" label="Upprepa det nya lösenordet" state=again input_type="password" autocomplete="new-password"/>
                <FormError message=form_error/>
                <button type="submit" disabled=move || action.pending().get()>"Byt lösenord"</button>
                <StatusMessage message=status/>
            </PostForm>
        </section>
    }
}

/// ACC-1: the address is not proven yet; a new link on request.
#[component]
fn VerifyNotice(email: String) -> impl IntoView {
    let status = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let action = ServerAction::<ResendVerification>::new();
    Effect::new(move |_| match action.value().get() {
        Some(Ok(())) => status.set(Some("En ny länk är skickad.".into())),
        Some(Err(e)) => error.set(Some(e.to_string())),
        None => {}
    });
    view! {
        <section class="card notice" aria-labelledby="bekrafta-rubrik">
            <h2 id="bekrafta-rubrik">"Bekräfta din e-postadress"</h2>
            <p>{format!("Vi har mejlat en länk till {email}. Öppna den för att kunna skapa team och ärenden.")}</p>
            <PostForm action="/api/account/resend-verification" on_submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                error.set(None);
                action.dispatch(ResendVerification {});
            }>
                <FormError message=error/>
                <button type="submit" class="secondary-button" disabled=move || action.pending().get()>"Skicka ny länk"</button>
                <StatusMessage message=status/>
            </PostForm>
        </section>
    }
}

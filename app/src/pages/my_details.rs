//! ACC-3 `Mina uppgifter`: username, contact details and password.
use super::register::{CHECK_EMAIL, CHECK_PASSWORD, CHECK_PHONE, CHECK_POSTAL_CODE};
use crate::api::account::{my_details, ChangePassword, ChangeUsername, ResendVerification, UpdateContactDetails};
use crate::api::AccountDetails;
use crate::components::field::{show_server_error, FieldState, TextField};
use crate::components::session::RequireLogin;
use crate::components::{FormError, StatusMessage, PostForm};
use crate::i18n::{fill, td_string};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MyDetailsPage() -> impl IntoView {
    let locale = crate::components::language::locale();
    let details = Resource::new(|| (), |_| my_details());
    view! {
        <Title text=td_string!(locale, my_details.title)/>
        <RequireLogin>
            <h1>{td_string!(locale, my_details.title)}</h1>
            <Transition fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
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
    let locale = crate::components::language::locale();
    view! {
        <dl class="facts">
            <dt>{td_string!(locale, my_details.name)}</dt><dd>{details.name.clone()}</dd>
            <dt>{td_string!(locale, my_details.personnummer)}</dt><dd>{details.personnummer.clone().unwrap_or_else(|| "–".into())}</dd>
            <dt>{td_string!(locale, my_details.user_type)}</dt><dd>{details.user_type.map(|t| super::register::user_type_label(locale, t)).unwrap_or("–")}</dd>
        </dl>
        {(!details.email_verified).then(|| view! { <VerifyNotice email=details.email.clone()/> })}
        <UsernameForm current=details.email.clone()/>
        <ContactForm details=details/>
        <PasswordForm/>
    }
}

#[component]
fn UsernameForm(current: String) -> impl IntoView {
    let locale = crate::components::language::locale();
    let email = FieldState::with_value(current);
    let password = FieldState::new();
    let status = RwSignal::new(None::<String>);
    let form_error = RwSignal::new(None::<String>);
    let action = ServerAction::<ChangeUsername>::new();
    Effect::new(move |_| match action.value().get() {
        Some(Ok(d)) => {
            email.value.set(d.email.clone());
            password.value.set(String::new());
            status.set(Some(fill(td_string!(locale, my_details.username_now), &[("email", &d.email)])));
        }
        Some(Err(e)) => {
            status.set(None);
            form_error.set(show_server_error(&e, &[("email", email), ("current_password", password)]));
        }
        None => {}
    });
    view! {
        <section class="card" aria-labelledby="anvandarnamn-rubrik">
            <h2 id="anvandarnamn-rubrik">{td_string!(locale, my_details.username)}</h2>
            <PostForm action="/api/account/username" on_submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                form_error.set(None);
                status.set(None);
                action.dispatch(ChangeUsername { email: email.get(), current_password: password.get() });
            }>
                <TextField id="email" label=td_string!(locale, my_details.username_field) state=email input_type="email" autocomplete="email" check=CHECK_EMAIL/>
                <TextField id="username_password" name="current_password" label=td_string!(locale, my_details.username_password) state=password input_type="password" autocomplete="current-password"/>
                <FormError message=form_error/>
                <button type="submit" disabled=move || action.pending().get()>{td_string!(locale, my_details.save_username)}</button>
                <StatusMessage message=status/>
            </PostForm>
        </section>
    }
}

#[component]
fn ContactForm(details: AccountDetails) -> impl IntoView {
    let locale = crate::components::language::locale();
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
            status.set(Some(td_string!(locale, my_details.contact_saved).into()));
        }
        Some(Err(e)) => {
            status.set(None);
            form_error.set(show_server_error(&e, &fields));
        }
        None => {}
    });
    view! {
        <section class="card" aria-labelledby="kontakt-rubrik">
            <h2 id="kontakt-rubrik">{td_string!(locale, my_details.contact)}</h2>
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
                <TextField id="mobile" label=td_string!(locale, my_details.mobile) state=mobile input_type="tel" autocomplete="tel" check=CHECK_PHONE/>
                <TextField id="street_address" label=td_string!(locale, my_details.street_address) state=street_address autocomplete="street-address"/>
                <TextField id="postal_code" label=td_string!(locale, my_details.postal_code) state=postal_code autocomplete="postal-code" check=CHECK_POSTAL_CODE/>
                <TextField id="city" label=td_string!(locale, my_details.city) state=city autocomplete="address-level2"/>
                <TextField id="contact_password" name="current_password" label=td_string!(locale, my_details.contact_password) state=password input_type="password" autocomplete="current-password"/>
                <FormError message=form_error/>
                <button type="submit" disabled=move || action.pending().get()>{td_string!(locale, my_details.save_contact)}</button>
                <StatusMessage message=status/>
            </PostForm>
        </section>
    }
}

#[component]
fn PasswordForm() -> impl IntoView {
    let locale = crate::components::language::locale();
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
            status.set(Some(td_string!(locale, my_details.password_changed).into()));
        }
        Some(Err(e)) => {
            status.set(None);
            form_error.set(show_server_error(&e, &[("current_password", current), ("new_password", new)]));
        }
        None => {}
    });
    view! {
        <section class="card" aria-labelledby="losenord-rubrik">
            <h2 id="losenord-rubrik">{td_string!(locale, my_details.change_password)}</h2>
            <PostForm action="/api/account/password" on_submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                form_error.set(None);
                status.set(None);
                if new.get() != again.get() {
                    again.error.set(Some(td_string!(locale, account_errors.passwords_differ).into()));
                    return;
                }
                again.error.set(None);
                action.dispatch(ChangePassword { current_password: current.get(), new_password: new.get() });
            }>
                <TextField id="current_password" label=td_string!(locale, my_details.current_password) state=current input_type="password" autocomplete="current-password"/>
                <TextField id="new_password" label=td_string!(locale, my_details.new_password) state=new input_type="password" autocomplete="new-password" check=CHECK_PASSWORD hint=td_string!(locale, my_details.new_password_hint)/>
                <TextField id="new_password_again" label=td_string!(locale, my_details.new_password_again) state=again input_type="password" autocomplete="new-password"/>
                <FormError message=form_error/>
                <button type="submit" disabled=move || action.pending().get()>{td_string!(locale, my_details.change_password)}</button>
                <StatusMessage message=status/>
            </PostForm>
        </section>
    }
}

/// ACC-1: the address is not proven yet; a new link on request.
#[component]
fn VerifyNotice(email: String) -> impl IntoView {
    let locale = crate::components::language::locale();
    let status = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let action = ServerAction::<ResendVerification>::new();
    Effect::new(move |_| match action.value().get() {
        Some(Ok(())) => status.set(Some(td_string!(locale, my_details.link_sent).into())),
        Some(Err(e)) => error.set(Some(e.to_string())),
        None => {}
    });
    view! {
        <section class="card notice" aria-labelledby="bekrafta-rubrik">
            <h2 id="bekrafta-rubrik">{td_string!(locale, my_details.confirm_email)}</h2>
            <p>{fill(td_string!(locale, my_details.link_mailed), &[("email", &email)])}</p>
            <PostForm action="/api/account/resend-verification" on_submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                error.set(None);
                action.dispatch(ResendVerification {});
            }>
                <FormError message=error/>
                <button type="submit" class="secondary-button" disabled=move || action.pending().get()>{td_string!(locale, my_details.send_link)}</button>
                <StatusMessage message=status/>
            </PostForm>
        </section>
    }
}

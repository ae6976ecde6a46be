use crate::api::auth::Login;
use crate::components::{field::{show_server_error, FieldState, TextField}, session::use_session, FormError, PostForm};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

#[component]
pub fn LoginPage() -> impl IntoView {
    let session = use_session();
    let email = FieldState::new();
    let password = FieldState::new();
    let form_error = RwSignal::new(None);
    let login = ServerAction::<Login>::new();
    let navigate = use_navigate();

    Effect::new(move |_| match login.value().get() {
        Some(Ok(user)) => {
            if user.second_factor.is_some() {
                // ADM-6: the password step is done; the session opens after the code.
                navigate("/tvastegsverifiering", Default::default());
            } else {
                session.refresh();
                navigate("/", Default::default());
            }
        }
        Some(Err(e)) => form_error.set(show_server_error(&e, &[("email", email), ("password", password)])),
        None => {}
    });

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        form_error.set(None);
        login.dispatch(Login { email: email.get(), password: password.get() });
    };

    view! {
        <Title text="Logga in"/>
        <section class="card narrow">
            <h1>"Logga in"</h1>
            // A real form: without scripts (or before hydration) it posts to the
            // login function, never sending the password in an address.
            <PostForm action="/api/auth/login" on_submit=on_submit>
                <TextField id="email" label="Användarnamn (e-postadress)" state=email input_type="email" autocomplete="username"/>
                <TextField id="password" label="Lösenord" state=password input_type="password" autocomplete="current-password"/>
                <FormError message=form_error/>
                <button type="submit" disabled=move || login.pending().get()>"Logga in"</button>
            </PostForm>
            <p><a href="/glomt-losenord">"Glömt lösenord?"</a></p>
            <p>"Inget konto? " <a href="/registrera">"Registrera användare"</a></p>
            <p><a href="/konto-utan-registrering">"Utländsk installatör, eller installatör utan företag?"</a></p>
        </section>
    }
}

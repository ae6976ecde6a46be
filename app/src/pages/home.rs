use crate::components::session::use_session;
use crate::i18n::td_string;
use leptos::prelude::*;
use crate::components::PostForm;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let session = use_session();
    let locale = crate::components::language::locale();
    view! {
        <Title text=""/>
        <Transition fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match session.user.await {
                    Some(user) => view! {
                        <section>
                            <h1>{crate::i18n::fill(td_string!(locale, home.welcome), &[("name", &user.name)])}</h1>
                            {match user.role {
                                crate::domain::Role::Installer => view! {
                                    {crate::pages::lazy::prefetch_installer_pages()}
                                    <p>{td_string!(locale, home.installer_intro)}</p>
                                    <p class="actions">
                                        <a class="button" href="/arenden">{td_string!(locale, home.my_cases)}</a>
                                        <a class="button secondary" href="/arenden/nytt">{td_string!(locale, home.new_case)}</a>
                                    </p>
                                }.into_any(),
                                crate::domain::Role::ConnectionHandler | crate::domain::Role::FacilityHandler => view! {
                                    <p class="actions"><a class="button" href="/handlaggning">{td_string!(locale, home.to_handling)}</a></p>
                                }.into_any(),
                                crate::domain::Role::Admin => view! { <ActFor/> }.into_any(),
                            }}
                        </section>
                    }.into_any(),
                    None => view! {
                        <section class="card intro">
                            <h1>{td_string!(locale, home.welcome_anonymous)}</h1>
                            <p>{td_string!(locale, home.intro)}</p>
                            <p class="actions">
                                <a class="button" href="/logga-in">{td_string!(locale, home.log_in)}</a>
                                <a class="button secondary" href="/registrera">{td_string!(locale, home.register)}</a>
                            </p>
                            <p>
                                <a href="/konto-utan-registrering">{td_string!(locale, home.foreign)}</a>
                            </p>
                        </section>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

/// ADM-2: an admin enters an installer's behörighetsnummer to see exactly
/// that installer's view; until then no installer data is shown.
#[component]
fn ActFor() -> impl IntoView {
    use crate::api::admin::StartActing;
    use crate::components::field::{show_server_error, FieldState, TextField};
    use crate::components::FormError;
    let session = use_session();
    let locale = crate::components::language::locale();
    let number = FieldState::new();
    let error = RwSignal::new(None::<String>);
    let start = ServerAction::<StartActing>::new();
    Effect::new(move |_| match start.value().get() {
        Some(Ok(_)) => session.refresh(),
        Some(Err(e)) => error.set(show_server_error(&e, &[("number", number)])),
        None => {}
    });
    view! {
        <section class="card narrow" aria-labelledby="agera-rubrik">
            <h2 id="agera-rubrik">{td_string!(locale, home.act_as)}</h2>
            <PostForm action="/api/admin/acting/start" on_submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); error.set(None); start.dispatch(StartActing { number: number.get() }); }>
                <TextField id="number" label=td_string!(locale, home.number) state=number
                    hint=td_string!(locale, home.number_hint)/>
                <FormError message=error/>
                <button type="submit" disabled=move || start.pending().get()>{td_string!(locale, home.proceed)}</button>
            </PostForm>
        </section>
        <p class="actions"><a class="button secondary" href="/admin">{td_string!(locale, home.to_admin)}</a></p>
    }
}

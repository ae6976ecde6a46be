use crate::components::session::use_session;
use leptos::prelude::*;
use crate::components::PostForm;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let session = use_session();
    view! {
        <Title text=""/>
        <Transition fallback=|| view! { <p>"Laddar…"</p> }>
            {move || Suspend::new(async move {
                match session.user.await {
                    Some(user) => view! {
                        <section>
                            <h1>"Välkommen, " {user.name}</h1>
                            {match user.role {
                                crate::domain::Role::Installer => view! {
                                    <p>"Här anmäler du ärenden till elnätsbolaget och arbetar med ditt team."</p>
                                    <p class="actions">
                                        <a class="button" href="/arenden">"Mina ärenden"</a>
                                        <a class="button secondary" href="/arenden/nytt">"Nytt ärende"</a>
                                    </p>
                                }.into_any(),
                                crate::domain::Role::ConnectionHandler | crate::domain::Role::FacilityHandler => view! {
                                    <p class="actions"><a class="button" href="/handlaggning">"Till handläggningen"</a></p>
                                }.into_any(),
                                crate::domain::Role::Admin => view! { <ActFor/> }.into_any(),
                            }}
                        </section>
                    }.into_any(),
                    None => view! {
                        <section class="card intro">
                            <h1>"Välkommen till Installatörswebben"</h1>
                            <p>
                                "Här anmäler behöriga elinstallatörer nya anslutningar, ändringar och
                                 andra ärenden till elnätsbolaget, och arbetar tillsammans i team."
                            </p>
                            <p class="actions">
                                <a class="button" href="/logga-in">"Logga in"</a>
                                <a class="button secondary" href="/registrera">"Registrera användare"</a>
                            </p>
                            <p>
                                <a href="/konto-utan-registrering">
                                    "Utländsk installatör, eller installatör utan företag?"
                                </a>
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
            <h2 id="agera-rubrik">"Arbeta som installatör"</h2>
            <PostForm action="/api/admin/acting/start" on_submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); error.set(None); start.dispatch(StartActing { number: number.get() }); }>
                <TextField id="number" label="Behörighetsnummer" state=number
                    hint="Installatörens personnummer, eller behörighetsnumret för en utländsk installatör."/>
                <FormError message=error/>
                <button type="submit" disabled=move || start.pending().get()>"Fortsätt"</button>
            </PostForm>
        </section>
        <p class="actions"><a class="button secondary" href="/admin">"Till administrationen"</a></p>
    }
}

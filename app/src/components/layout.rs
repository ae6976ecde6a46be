//! The app shell: header with the product name and the profile menu, the
//! left column (teams), and the main area.
use super::session::use_session;
use crate::api::auth::Logout;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    view! {
        <a class="skip-link" href="#huvudinnehall">"Hoppa till innehållet"</a>
        <header class="site-header">
            <a class="brand" href="/">"Installatörswebben"</a>
            <ProfileArea/>
        </header>
        <div class="page">
            <SideColumn/>
            <main id="huvudinnehall" tabindex="-1">{children()}</main>
        </div>
        <footer class="site-footer">
            <p>"Frågor om Installatörswebben? Kontakta kundservice."</p>
        </footer>
    }
}

/// `Mina uppgifter` and `Logga ut` for the logged in, login links for others.
#[component]
fn ProfileArea() -> impl IntoView {
    let session = use_session();
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                match session.user.await {
                    Some(user) => view! { <ProfileMenu name=user.name/> }.into_any(),
                    None => view! {
                        <nav aria-label="Konto" class="account-links">
                            <a href="/logga-in">"Logga in"</a>
                            <a href="/registrera">"Registrera användare"</a>
                        </nav>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ProfileMenu(name: String) -> impl IntoView {
    let session = use_session();
    let open = RwSignal::new(false);
    let logout = ServerAction::<Logout>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(())) = logout.value().get() {
            session.refresh();
            navigate("/logga-in", Default::default());
        }
    });
    view! {
        <nav aria-label="Profil" class="profile">
            <button
                type="button"
                class="profile-button"
                aria-expanded=move || open.get().to_string()
                aria-controls="profilmeny"
                on:click=move |_| open.update(|o| *o = !*o)
                on:keydown=move |ev| if ev.key() == "Escape" { open.set(false) }
            >
                <span class="avatar" aria-hidden="true">{initials(&name)}</span>
                <span>{name.clone()}</span>
            </button>
            <ul id="profilmeny" class="profile-menu" hidden=move || !open.get()>
                <li><a href="/mina-uppgifter" on:click=move |_| open.set(false)>"Mina uppgifter"</a></li>
                <li>
                    <button type="button" on:click=move |_| { open.set(false); logout.dispatch(Logout {}); }>
                        "Logga ut"
                    </button>
                </li>
            </ul>
        </nav>
    }
}

fn initials(name: &str) -> String {
    name.split_whitespace().filter_map(|w| w.chars().next()).take(2).flat_map(char::to_uppercase).collect()
}

/// The left column: the user's teams (filled by the teams feature).
#[component]
fn SideColumn() -> impl IntoView {
    let session = use_session();
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                session.user.await.map(|_| view! {
                    <aside class="side-column" aria-labelledby="mina-team-rubrik">
                        <h2 id="mina-team-rubrik">"Mina team"</h2>
                        <p class="muted">"Du är inte med i något team ännu."</p>
                    </aside>
                })
            })}
        </Transition>
    }
}

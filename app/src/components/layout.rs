//! The app shell: header with the product name and the profile menu, the
//! left column (teams), and the main area.
use super::live::{use_live, LiveUpdates};
use super::session::use_session;
use crate::api::teams::{sidebar, SidebarData};
use crate::domain::Role;
use crate::api::auth::Logout;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    super::form_reply::forget_reply_on_navigation();
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
            <p>"Frågor om Installatörswebben? " <a href="/support">"Ärende till support"</a></p>
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
                    Some(user) => view! {
                        <MainNav role=user.role/>
                        {user.acting_admin.clone().map(|_| view! { <ActingBanner installer=user.name.clone()/> })}
                        <ProfileMenu name=user.name.clone() admin={user.role == Role::Admin || user.acting_admin.is_some()}
                            installer={user.role == Role::Installer && user.acting_admin.is_none()}/>
                    }.into_any(),
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

/// ADM-2: `Admin för <namn>` while an admin acts for an installer, with a way out.
#[component]
fn ActingBanner(installer: String) -> impl IntoView {
    use crate::api::admin::StopActing;
    let session = use_session();
    let stop = ServerAction::<StopActing>::new();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(())) = stop.value().get() {
            session.refresh();
            navigate("/", Default::default());
        }
    });
    view! {
        <div class="acting" role="status">
            <strong>{format!("Admin för {installer}")}</strong>
            <a href="/admin">"Administration"</a>
            <super::PostForm action="/api/admin/acting/stop" class="inline-form" on_submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                stop.dispatch(StopActing {});
            }>
                <button type="submit" class="link-button">"Byt installatör"</button>
            </super::PostForm>
        </div>
    }
}

/// The main sections for the logged-in person's role.
#[component]
fn MainNav(role: Role) -> impl IntoView {
    let links: &[(&str, &str)] = match role {
        Role::Installer => &[("/arenden", "Mina ärenden"), ("/arenden/nytt", "Nytt ärende")],
        Role::ConnectionHandler | Role::FacilityHandler => &[("/handlaggning", "Handläggning")],
        Role::Admin => &[("/admin", "Administration"), ("/admin/anvandare", "Användare"), ("/admin/register", "Register"), ("/admin/support", "Supportärenden")],
    };
    view! {
        <nav aria-label="Huvudmeny" class="main-nav">
            {links.iter().map(|(href, label)| view! { <a href=*href>{*label}</a> }).collect_view()}
        </nav>
    }
}

#[component]
fn ProfileMenu(name: String, admin: bool, installer: bool) -> impl IntoView {
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
        // One push connection per logged-in page; it lives as long as the session does.
        <LiveUpdates/>
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
            // The menu opens with scripts; without them the same choices stand as plain links and a form.
            <noscript inner_html=menu_without_scripts(admin, installer)></noscript>
            <ul id="profilmeny" class="profile-menu" hidden=move || !open.get()>
                <li><a href="/mina-uppgifter" on:click=move |_| open.set(false)>"Mina uppgifter"</a></li>
                {admin.then(|| view! {
                    <li><a href="/admin/flytta-arenden" on:click=move |_| open.set(false)>"Admin Flytta ärenden"</a></li>
                })}
                {installer.then(|| view! {
                    <li><a href="/support" on:click=move |_| open.set(false)>"Ärende till support"</a></li>
                })}
                <li>
                    <button type="button" on:click=move |_| { open.set(false); logout.dispatch(Logout {}); }>
                        "Logga ut"
                    </button>
                </li>
            </ul>
        </nav>
    }
}

/// The profile menu for browsers without scripts (UX-1), as the markup of a
/// `<noscript>` (which a hydrating page treats as text, so it is given whole).
fn menu_without_scripts(admin: bool, installer: bool) -> String {
    let mut links = String::from(r#"<a href="/mina-uppgifter">Mina uppgifter</a>"#);
    if admin {
        links.push_str(r#" <a href="/admin/flytta-arenden">Admin Flytta ärenden</a>"#);
    }
    if installer {
        links.push_str(r#" <a href="/support">Ärende till support</a>"#);
    }
    format!(
        r#"<div class="profile-noscript"><p class="muted">Utan JavaScript uppdateras sidorna inte av sig själva: ladda om sidan för att se ändringar.</p>{links} <form method="post" action="/api/auth/logout" class="inline-form"><button type="submit" class="link-button">Logga ut</button></form></div>"#
    )
}

fn initials(name: &str) -> String {
    name.split_whitespace().filter_map(|w| w.chars().next()).take(2).flat_map(char::to_uppercase).collect()
}

/// The left column: the user's teams, owned and member of (TEAM-1), and
/// offers of ownership waiting for an answer (TEAM-7). Shown to the logged
/// in; refetched when the server pushes a change (TEAM-9).
#[component]
fn SideColumn() -> impl IntoView {
    let live = use_live();
    let session = use_session();
    // Created here, not inside a Suspend, so server and browser agree on it.
    let data = Resource::new(
        move || (live.teams.get(), live.cases.get(), session.version()),
        |_| async move { sidebar().await.ok().flatten() },
    );
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                data.await.map(|SidebarData { teams, offers, unread_notifications }| view! {
                    <aside class="side-column" aria-labelledby="mina-team-rubrik">
                        // CASE-15: case news, counted live.
                        <p class="news-link">
                            <a href="/notiser">"Notiser"
                                {(unread_notifications > 0).then(|| view! {
                                    " " <span class="badge count">{crate::api::notifications::unread_badge(unread_notifications)}<span class="visually-hidden">" olästa"</span></span>
                                })}
                            </a>
                        </p>
                        <h2 id="mina-team-rubrik">"Mina team"</h2>
                        {if teams.is_empty() {
                            view! { <p class="muted">"Du är inte med i något team ännu."</p> }.into_any()
                        } else {
                            view! {
                                <ul class="team-list">
                                    {teams.into_iter().map(|t| view! {
                                        <li>
                                            <a href=format!("/team/{}", t.id) title=format!("Team-ID: {}", t.id)>{t.name}</a>
                                            {t.is_owner.then(|| view! { <span class="badge">"Ägare"</span> })}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        {offers.into_iter().map(|o| view! {
                            <p class="notice">
                                <a href=format!("/team/{}", o.team_id)>
                                    "Du har erbjudits att bli ägare av " {o.team_name}
                                </a>
                            </p>
                        }).collect_view()}
                        <a class="button" href="/nytt-team">"Skapa nytt team"</a>
                    </aside>
                })
            })}
        </Transition>
    }
}

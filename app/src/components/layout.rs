//! The app shell: header with the product name and the profile menu, the
//! left column (teams), and the main area.
use super::live::{use_live, LiveUpdates};
use super::session::use_session;
use crate::api::teams::{sidebar, SidebarData};
use crate::domain::Role;
use crate::api::auth::Logout;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use crate::i18n::td_string;

/// The product's name, the same in both languages.
pub const PRODUCT_NAME: &str = "Installatörswebben";

/// What the side column shows (the caller's teams, offers, unread news),
/// read once per page and shared with a page that lists the same teams
/// (`Mina ärenden`'s team filter, through a resource of its own that awaits
/// this one): one statement for both.
#[derive(Clone, Copy)]
pub struct SidebarResource(Resource<Option<SidebarData>>);

impl SidebarResource {
    /// The caller's teams (none for staff not acting for an installer).
    pub async fn teams(self) -> Vec<crate::api::teams::TeamSummary> {
        self.0.await.map(|data| data.teams).unwrap_or_default()
    }
}

/// The layout's side-column data, for a page inside it.
pub fn use_sidebar() -> SidebarResource {
    expect_context::<SidebarResource>()
}

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    super::form_reply::forget_reply_on_navigation();
    let locale = crate::components::language::locale();
    let live = use_live();
    let session = use_session();
    // Created here, not inside a Suspend, so server and browser agree on it.
    let data = Resource::new(
        move || (live.teams.get(), live.cases.get(), session.version()),
        |_| async move { sidebar().await.ok().flatten() },
    );
    provide_context(SidebarResource(data));
    view! {
        <a class="skip-link" href="#huvudinnehall">{td_string!(locale, layout.skip_link)}</a>
        <header class="site-header">
            <a class="brand" href="/">{PRODUCT_NAME}</a>
            <ProfileArea/>
            <super::language::LanguageSwitch/>
        </header>
        <div class="page">
            <SideColumn/>
            <main id="huvudinnehall" tabindex="-1">{children()}</main>
        </div>
        <footer class="site-footer">
            <p>{td_string!(locale, layout.footer_question)} <a href="/support">{td_string!(locale, layout.footer_support)}</a></p>
        </footer>
    }
}

/// `Mina uppgifter` and `Logga ut` for the logged in, login links for others.
#[component]
fn ProfileArea() -> impl IntoView {
    let session = use_session();
    let locale = crate::components::language::locale();
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
                        <nav aria-label=td_string!(locale, layout.account_nav) class="account-links">
                            <a href="/logga-in">{td_string!(locale, layout.log_in)}</a>
                            <a href="/registrera">{td_string!(locale, layout.register)}</a>
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
    let locale = crate::components::language::locale();
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
            <strong>{crate::i18n::fill(td_string!(locale, layout.acting_for), &[("installer", &installer)])}</strong>
            <a href="/admin">{td_string!(locale, layout.administration)}</a>
            <super::PostForm action="/api/admin/acting/stop" class="inline-form" on_submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                stop.dispatch(StopActing {});
            }>
                <button type="submit" class="link-button">{td_string!(locale, layout.switch_installer)}</button>
            </super::PostForm>
        </div>
    }
}

/// The main sections for the logged-in person's role.
#[component]
fn MainNav(role: Role) -> impl IntoView {
    let locale = crate::components::language::locale();
    let links: Vec<(&str, &str)> = match role {
        Role::Installer => vec![("/arenden", td_string!(locale, layout.my_cases)), ("/arenden/nytt", td_string!(locale, layout.new_case))],
        Role::ConnectionHandler | Role::FacilityHandler => vec![("/handlaggning", td_string!(locale, layout.handling))],
        Role::Admin => vec![
            ("/admin", td_string!(locale, layout.administration)),
            ("/admin/anvandare", td_string!(locale, layout.users)),
            ("/admin/register", td_string!(locale, layout.registers)),
            ("/admin/support", td_string!(locale, layout.support_requests)),
        ],
    };
    view! {
        <nav aria-label=td_string!(locale, layout.main_nav) class="main-nav">
            {links.into_iter().map(|(href, label)| view! { <a href=href>{label}</a> }).collect_view()}
        </nav>
    }
}

#[component]
fn ProfileMenu(name: String, admin: bool, installer: bool) -> impl IntoView {
    let locale = crate::components::language::locale();
    let open = RwSignal::new(false);
    let logout = ServerAction::<Logout>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = logout.value().get() {
            // A whole new page: nothing of the session stays in memory, and
            // the login page comes without the app (`pages::is_served_without_the_app`).
            let _ = window().location().set_href("/logga-in");
        }
    });
    view! {
        // One push connection per logged-in page; it lives as long as the session does.
        <LiveUpdates/>
        <nav aria-label=td_string!(locale, layout.profile) class="profile">
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
            <noscript inner_html=menu_without_scripts(locale, admin, installer)></noscript>
            <ul id="profilmeny" class="profile-menu" hidden=move || !open.get()>
                <li><a href="/mina-uppgifter" on:click=move |_| open.set(false)>{td_string!(locale, layout.my_details)}</a></li>
                {admin.then(|| view! {
                    <li><a href="/admin/flytta-arenden" on:click=move |_| open.set(false)>{td_string!(locale, layout.admin_move)}</a></li>
                })}
                {installer.then(|| view! {
                    <li><a href="/support" on:click=move |_| open.set(false)>{td_string!(locale, layout.support_request)}</a></li>
                })}
                <li>
                    <button type="button" on:click=move |_| { open.set(false); logout.dispatch(Logout {}); }>
                        {td_string!(locale, layout.log_out)}
                    </button>
                </li>
            </ul>
        </nav>
    }
}

/// The profile menu for browsers without scripts (UX-1), as the markup of a
/// `<noscript>` (which a hydrating page treats as text, so it is given whole).
fn menu_without_scripts(locale: crate::i18n::Locale, admin: bool, installer: bool) -> String {
    let mut links = format!(r#"<a href="/mina-uppgifter">{}</a>"#, td_string!(locale, layout.my_details));
    if admin {
        links.push_str(&format!(r#" <a href="/admin/flytta-arenden">{}</a>"#, td_string!(locale, layout.admin_move)));
    }
    if installer {
        links.push_str(&format!(r#" <a href="/support">{}</a>"#, td_string!(locale, layout.support_request)));
    }
    format!(
        r#"<div class="profile-noscript"><p class="muted">{}</p>{links} <form method="post" action="/api/auth/logout" class="inline-form"><button type="submit" class="link-button">{}</button></form></div>"#,
        td_string!(locale, layout.no_scripts),
        td_string!(locale, layout.log_out),
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
    let SidebarResource(data) = use_sidebar();
    let locale = crate::components::language::locale();
    view! {
        <Transition fallback=|| ()>
            {move || Suspend::new(async move {
                data.await.map(|SidebarData { teams, offers, unread_notifications }| view! {
                    <aside class="side-column" aria-labelledby="mina-team-rubrik">
                        // CASE-15: case news, counted live.
                        <p class="news-link">
                            <a href="/notiser">{td_string!(locale, layout.news)}
                                {(unread_notifications > 0).then(|| view! {
                                    " " <span class="badge count">{crate::api::notifications::unread_badge(unread_notifications)}<span class="visually-hidden">{td_string!(locale, layout.unread)}</span></span>
                                })}
                            </a>
                        </p>
                        <h2 id="mina-team-rubrik">{td_string!(locale, layout.my_teams)}</h2>
                        {if teams.is_empty() {
                            view! { <p class="muted">{td_string!(locale, layout.no_teams)}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="team-list">
                                    {teams.into_iter().map(|t| view! {
                                        <li>
                                            <a href=format!("/team/{}", t.id) title=crate::i18n::fill(td_string!(locale, layout.team_id), &[("id", &t.id.to_string())])>{t.name}</a>
                                            {t.is_owner.then(|| view! { <span class="badge">{td_string!(locale, layout.owner)}</span> })}
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        }}
                        {offers.into_iter().map(|o| view! {
                            <p class="notice">
                                <a href=format!("/team/{}", o.team_id)>
                                    {td_string!(locale, layout.offered_ownership)} {o.team_name}
                                </a>
                            </p>
                        }).collect_view()}
                        <a class="button" href="/nytt-team">{td_string!(locale, layout.new_team)}</a>
                    </aside>
                })
            })}
        </Transition>
    }
}

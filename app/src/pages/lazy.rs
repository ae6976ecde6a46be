//! UX-1: pages whose code the browser downloads only when it shows them. The
//! build (`cargo leptos build --release --split`) puts each *group* of pages
//! into WASM chunks of its own; the start page and `Mina ärenden` (the
//! installer's first pages) stay in the main module, so they are interactive
//! after one download, and name the installer's group to be fetched ahead.
//!
//! Why groups and not one chunk per page: the split cuts the code that several
//! split points share into one chunk per *set* of split points that reach it.
//! With a split point per page (25), `Mina ärenden` loaded 100 small chunks,
//! each compressed on its own and compiled and linked one after another — its
//! time to interactive went from 186 ms to 610 ms (docs/performance.md). With
//! one split point per group of pages that people use together, a page loads
//! its group's chunk and the few chunks its group shares with the others, and
//! the next page of the same group costs no download at all.
use leptos::prelude::*;
use leptos::lazy;
use leptos_router::LazyRoute;

/// A group of pages behind one split point: an enum naming its pages, one
/// lazily loaded function that renders any of them (the split point), and a
/// route type per page whose view asks that function for its page.
macro_rules! lazy_page_groups {
    ($(
        $(#[$group_doc:meta])*
        $group:ident, rendered by $render:ident, preloaded by $preload:ident {
            $($route:ident => $page:path),* $(,)?
        }
    )*) => {$(
        $(#[$group_doc])*
        #[derive(Clone, Copy, Debug)]
        pub enum $group {
            $(
                #[doc = concat!("`", stringify!($page), "`.")]
                $route,
            )*
        }

        /// The group's split point: every page of the group is in its chunks.
        #[lazy]
        fn $render(page: $group) -> AnyView {
            match page {
                $($group::$route => view! { <$page/> }.into_any(),)*
            }
        }

        $(
            #[doc = concat!("The route of `", stringify!($page), "`, loaded on demand with its group (`", stringify!($group), "`).")]
            pub struct $route;

            impl LazyRoute for $route {
                fn data() -> Self {
                    $route
                }

                async fn view(_this: Self) -> AnyView {
                    #[cfg(feature = "ssr")]
                    name_chunks_in_head(stringify!($render), Needed::Now);
                    $render($group::$route).await
                }

                // The router preloads the chunks while the page's data loads
                // (and before it hydrates a server-rendered page).
                async fn preload() {
                    #[cfg(target_arch = "wasm32")]
                    $preload().await;
                }
            }
        )*
    )*};
}

lazy_page_groups! {
    /// Pages reached without an account or on the way into one: the login
    /// page (served without the app when opened by itself, so its code is
    /// needed only when the app shows it), registration, the second factor,
    /// lost passwords, the public support form.
    AccountPage, rendered by account_pages, preloaded by __preload_account_pages {
        Login => super::login::LoginPage,
        ForgotPassword => super::forgot_password::ForgotPasswordPage,
        VerifyEmail => super::verify_email::VerifyEmailPage,
        Register => super::register::RegisterPage,
        SecondFactor => super::second_factor::SecondFactorPage,
        NoSelfRegistration => super::no_self_registration::NoSelfRegistrationPage,
        Support => super::support::SupportPage,
        SupportStatus => super::support::SupportStatusPage,
        ChoosePassword => super::support::ChoosePasswordPage,
    }

    /// An installer's working day beyond `Mina ärenden` (which is in the main
    /// module): a case, a new case, teams, a member's cases, notifications,
    /// own details. One group: each further group adds chunks shared between
    /// groups, and the chunks cost more time than the bytes (with the case
    /// pages as a group of their own `Mina ärenden` loaded 8 chunks, 575 KB,
    /// and was interactive 100 ms later than with 4 chunks, 715 KB). The
    /// installer's first pages name it to be fetched ahead
    /// (`prefetch_installer_pages`).
    InstallerPage, rendered by installer_pages, preloaded by __preload_installer_pages {
        MyDetails => super::my_details::MyDetailsPage,
        NewTeam => super::team_new::NewTeamPage,
        Team => super::team::TeamPage,
        MemberCases => super::cases::member::MemberCasesPage,
        Notifications => super::notifications::NotificationsPage,
        Case => super::cases::case_page::CasePage,
        NewCase => super::cases::new_case::NewCasePage,
    }

    /// Customer service's and the administrator's pages.
    StaffPage, rendered by staff_pages, preloaded by __preload_staff_pages {
        Queue => super::cases::queue::QueuePage,
        Admin => super::admin::AdminPage,
        AdminMove => super::admin_move::AdminMovePage,
        AdminUsers => super::admin_users::AdminUsersPage,
        AdminRegisters => super::admin_registers::AdminRegistersPage,
        AdminUser => super::admin_users::AdminUserPage,
        AdminSupport => super::admin_support::AdminSupportPage,
        AdminSupportRequest => super::admin_support::AdminSupportRequestPage,
        AdminManual => super::admin_support::AdminManualPage,
    }
}

/// Names the chunks of a group in the page's `<head>`: `rel=preload` for the
/// page's own group, so the browser fetches them beside the main module
/// instead of after it has started (leptos' own hints for lazy functions are
/// never written: see `site_files::SplitChunks`);
/// for the group a person goes on to, a list (`FETCH_AHEAD`) the page
/// fetches once it is interactive (`fetch_ahead`). The group's key in the
/// manifest is its function's name and a hash of where it is defined.
#[cfg(feature = "ssr")]
fn name_chunks_in_head(render_fn: &str, needed: Needed) {
    use leptos_meta::Link;
    let Some(split) = use_context::<&'static crate::components::site_files::SplitChunks>() else {
        return; // a build without `--split`: there are no chunks
    };
    if super::this_request_is_served_without_the_app() {
        return; // no app to load them
    }
    // (The chunk loader itself is named in every page's head: `SiteFilesHead`.)
    let files = split.of_group(render_fn);
    // Rendering a leptos_meta component on the server registers it with the
    // page's head; nothing is written where it is rendered.
    match needed {
        Needed::Now => {
            for href in files {
                // (`anonymous`: the same request mode as the loader's `fetch`,
                // so the browser reuses what it fetched here.)
                let _ = view! {
                    <Link rel="preload" href=href as_="fetch" type_="application/wasm" crossorigin="anonymous"/>
                }
                .to_html();
            }
        }
        Needed::Next if !files.is_empty() => {
            let _ = view! { <leptos_meta::Meta name=FETCH_AHEAD content=files.join(" ")/> }.to_html();
        }
        Needed::Next => {}
    }
}

/// The name of the `<meta>` whose content lists the files a page has the
/// browser fetch for the pages after it, once it is interactive (`fetch_ahead`).
pub const FETCH_AHEAD: &str = "fetch-ahead";

/// Has the browser fetch, at the lowest priority (`rel=prefetch`), the files
/// the page lists for the pages after it (`FETCH_AHEAD`). Called once the
/// page has hydrated: named in the head from the start, they were fetched
/// beside the page's own files and shared a slow line with them (at 1.6
/// Mbit/s and 150 ms, `Mina ärenden` was interactive after 3.2 s with them
/// and 1.9 s without, docs/performance.md).
#[cfg(feature = "hydrate")]
pub fn fetch_ahead() {
    // The moment, for the browser's timeline: nothing is fetched ahead before it.
    if let Some(performance) = leptos::prelude::window().performance() {
        let _ = performance.mark(FETCH_AHEAD);
    }
    let document = leptos::prelude::document();
    let (Ok(Some(list)), Some(head)) = (document.query_selector(&format!("meta[name=\"{FETCH_AHEAD}\"]")), document.head()) else {
        return;
    };
    for href in list.get_attribute("content").unwrap_or_default().split_whitespace() {
        if let Ok(link) = document.create_element("link") {
            let _ = link.set_attribute("rel", "prefetch");
            let _ = link.set_attribute("href", href);
            // The same request mode as the chunk loader's `fetch`, so it takes what was fetched here.
            let _ = link.set_attribute("crossorigin", "anonymous");
            let _ = head.append_child(&link);
        }
    }
}

/// When a page needs a group's chunks.
#[cfg(feature = "ssr")]
#[derive(Clone, Copy)]
enum Needed {
    /// To be interactive: the page is in the group.
    Now,
    /// For the page a person goes on to, once this one is interactive.
    Next,
}

/// Has the browser fetch the installer's pages' chunks once this page is
/// interactive (`Mina ärenden` and the installer's start page, which are in
/// the main module): the case, the new case and the team a person opens from
/// there then cost no download. A no-op in the browser, where the head is
/// written.
pub fn prefetch_installer_pages() {
    #[cfg(feature = "ssr")]
    name_chunks_in_head(stringify!(installer_pages), Needed::Next);
}

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
    /// Pages reached without an account or on the way into one: registration,
    /// the second factor, lost passwords, the public support form.
    AccountPage, rendered by account_pages, preloaded by __preload_account_pages {
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
/// not written: it looks the split's manifest up outside the render's owner);
/// `rel=prefetch` for the group a person goes on to, fetched at the lowest
/// priority once the page is in. The group's key in the manifest is its
/// function's name and a hash of where it is defined.
#[cfg(feature = "ssr")]
fn name_chunks_in_head(render_fn: &str, needed: Needed) {
    use leptos_meta::Link;
    let Some(manifest) = use_context::<leptos::WasmSplitManifest>() else {
        return; // a build without `--split`: there are no chunks
    };
    // (The chunk loader itself is named in every page's head: `SiteFilesHead`.)
    let files = manifest.0.with_value(|(pkg, chunks, _)| {
        chunks
            .iter()
            .find(|(key, _)| key.rsplit_once('_').is_some_and(|(name, _)| name == render_fn))
            .map(|(_, files)| files.iter().map(|file| format!("{pkg}/{file}.wasm")).collect::<Vec<_>>())
            .unwrap_or_default()
    });
    for href in files {
        // Rendering a leptos_meta component on the server registers it
        // with the page's head; nothing is written where it is rendered.
        // (`anonymous`: the same request mode as the loader's `fetch`, so
        // the browser reuses what it fetched here.)
        let _ = match needed {
            Needed::Now => view! {
                <Link rel="preload" href=href as_="fetch" type_="application/wasm" crossorigin="anonymous"/>
            }
            .to_html(),
            Needed::Next => view! { <Link rel="prefetch" href=href crossorigin="anonymous"/> }.to_html(),
        };
    }
}

/// When a page needs a group's chunks.
#[cfg(feature = "ssr")]
#[derive(Clone, Copy)]
enum Needed {
    /// To be interactive: the page is in the group.
    Now,
    /// For the page a person goes on to.
    Next,
}

/// Has the browser fetch the installer's pages' chunks once this page is in
/// (`Mina ärenden` and the installer's start page, which are in the main
/// module): the case, the new case and the team a person opens from there
/// then cost no download. A no-op in the browser, where the head is written.
pub fn prefetch_installer_pages() {
    #[cfg(feature = "ssr")]
    name_chunks_in_head(stringify!(installer_pages), Needed::Next);
}

//! UX-1: pages whose code the browser downloads only when it shows them. The
//! build (`cargo leptos build --release --split`) puts each into a WASM chunk
//! of its own; the login page and the start page stay in the main module, so
//! they are interactive after one download.
use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

/// A page as a lazily loaded route: its component is the route's whole view
/// (its data it loads itself, through resources at the top of the page).
macro_rules! lazy_pages {
    ($($route:ident => $page:path),* $(,)?) => {$(
        #[doc = concat!("The route of `", stringify!($page), "`, loaded on demand.")]
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(this: Self) -> AnyView {
                let _ = this;
                view! { <$page/> }.into_any()
            }
        }
    )*};
}

lazy_pages! {
    ForgotPassword => super::forgot_password::ForgotPasswordPage,
    VerifyEmail => super::verify_email::VerifyEmailPage,
    Register => super::register::RegisterPage,
    SecondFactor => super::second_factor::SecondFactorPage,
    MyDetails => super::my_details::MyDetailsPage,
    NoSelfRegistration => super::no_self_registration::NoSelfRegistrationPage,
    NewTeam => super::team_new::NewTeamPage,
    Team => super::team::TeamPage,
    MemberCases => super::cases::member::MemberCasesPage,
    NewCase => super::cases::new_case::NewCasePage,
    MyCases => super::cases::list::MyCasesPage,
    Notifications => super::notifications::NotificationsPage,
    Case => super::cases::case_page::CasePage,
    Queue => super::cases::queue::QueuePage,
    Admin => super::admin::AdminPage,
    AdminMove => super::admin_move::AdminMovePage,
    AdminUsers => super::admin_users::AdminUsersPage,
    AdminRegisters => super::admin_registers::AdminRegistersPage,
    AdminUser => super::admin_users::AdminUserPage,
    AdminSupport => super::admin_support::AdminSupportPage,
    AdminSupportRequest => super::admin_support::AdminSupportRequestPage,
    AdminManual => super::admin_support::AdminManualPage,
    Support => super::support::SupportPage,
    SupportStatus => super::support::SupportStatusPage,
    ChoosePassword => super::support::ChoosePasswordPage,
}

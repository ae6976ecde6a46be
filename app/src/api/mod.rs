//! Server functions, by area, and the data they exchange with the browser.
//! Every endpoint has a stable path under `/api/<area>/…` (docs/api.md).
pub mod account;
pub mod admin;
pub mod auth;
pub mod cases;
pub mod language;
pub mod notifications;
pub mod support;
pub mod teams;

use serde::{Deserialize, Serialize};

/// A moment as the reader of the answer sees it: Swedish clock time,
/// written the way their language writes it (UX-2).
#[cfg(feature = "ssr")]
pub(crate) fn shown_time(t: chrono::DateTime<chrono::Utc>) -> String {
    crate::formats::time(crate::components::language::current_locale(), t)
}

/// Who is logged in, as the browser needs to know it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionUser {
    pub id: i32,
    pub email: String,
    pub name: String,
    pub role: crate::domain::Role,
    pub user_type: Option<crate::domain::UserType>,
    /// ADM-6: what the login still needs before the session opens.
    pub second_factor: Option<SecondFactorStep>,
    /// ADM-2: the admin acting as this installer, if any.
    pub acting_admin: Option<String>,
    /// ACC-1: the e-mail address has been proven with a link.
    pub email_verified: bool,
    /// UX-2: the language the person chose, if any (`sv`, `en`; as text:
    /// the browser only compares it with the page's).
    pub language: Option<String>,
}

/// The second step of an admin's login.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SecondFactorStep {
    /// First login: set up an authenticator app.
    Enrol,
    /// Give a code from the app (or a recovery code).
    Verify,
}

/// The user's own details, shown and edited under `Mina uppgifter` (ACC-3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountDetails {
    pub email: String,
    pub name: String,
    /// Displayed as `ÅÅÅÅMMDD-NNNN`.
    pub personnummer: Option<String>,
    pub mobile: String,
    pub street_address: String,
    pub postal_code: String,
    pub city: String,
    pub user_type: Option<crate::domain::UserType>,
    /// ACC-1: the address has been proven with a link.
    pub email_verified: bool,
}

#[cfg(feature = "ssr")]
impl From<&crate::server::entities::user::Model> for SessionUser {
    fn from(u: &crate::server::entities::user::Model) -> Self {
        Self {
            id: u.id,
            email: u.email.clone(),
            name: u.name.clone(),
            role: u.role,
            user_type: u.user_type,
            second_factor: None,
            acting_admin: None,
            email_verified: u.email_verified_at.is_some(),
            language: u.language.clone(),
        }
    }
}

#[cfg(feature = "ssr")]
impl SessionUser {
    /// The person a request acts as, and the admin behind it while acting (ADM-2).
    pub fn of(caller: &crate::server::auth::Caller) -> Self {
        Self { acting_admin: caller.acting_admin.as_ref().map(|a| a.admin_name.clone()), ..Self::from(&caller.user) }
    }
}

#[cfg(feature = "ssr")]
impl From<&crate::server::entities::user::Model> for AccountDetails {
    fn from(u: &crate::server::entities::user::Model) -> Self {
        Self {
            email: u.email.clone(),
            name: u.name.clone(),
            personnummer: u
                .personnummer
                .clone()
                .and_then(|p| crate::domain::Personnummer::try_from(p).ok())
                .map(|p| p.to_string()),
            mobile: u.mobile.clone(),
            street_address: u.street_address.clone().unwrap_or_default(),
            postal_code: u.postal_code.clone().unwrap_or_default(),
            city: u.city.clone().unwrap_or_default(),
            user_type: u.user_type,
            email_verified: u.email_verified_at.is_some(),
        }
    }
}

/// How a server function's body runs, one helper per kind of caller, so the
/// access rule stands in each function's first line: get the state, find out
/// who is asking (from the request, never from context: the `Caller`), run
/// the body, and give a failure its HTTP status.
#[cfg(feature = "ssr")]
pub(crate) mod serve {
    use crate::error::{with_status, AppError};
    use crate::server::auth::{self, Caller};
    use crate::server::entities::user;
    use crate::server::AppState;

    /// Anyone, logged in or not.
    pub async fn public<T>(body: impl AsyncFnOnce(AppState) -> Result<T, AppError>) -> Result<T, AppError> {
        with_status(async { body(AppState::current()?).await }.await)
    }

    /// A logged-in caller (401 otherwise): the user, or the installer an admin acts for.
    pub async fn with_caller<T>(body: impl AsyncFnOnce(AppState, Caller) -> Result<T, AppError>) -> Result<T, AppError> {
        with_status(
            async {
                let state = AppState::current()?;
                let caller = auth::require_caller(&state).await?;
                body(state, caller).await
            }
            .await,
        )
    }

    /// An admin who has given both factors (401/403 otherwise) — the admin
    /// themself, also while acting for an installer.
    pub async fn with_admin<T>(body: impl AsyncFnOnce(AppState, user::Model) -> Result<T, AppError>) -> Result<T, AppError> {
        with_status(
            async {
                let state = AppState::current()?;
                let admin = auth::require_admin(&state).await?;
                body(state, admin).await
            }
            .await,
        )
    }

    /// A session that has passed the password and still owes the second factor (ADM-6).
    pub async fn with_pending_admin<T>(body: impl AsyncFnOnce(AppState, user::Model) -> Result<T, AppError>) -> Result<T, AppError> {
        with_status(
            async {
                let state = AppState::current()?;
                let pending = auth::pending_user(&state).await?.ok_or(AppError::Unauthenticated)?;
                body(state, pending).await
            }
            .await,
        )
    }
}

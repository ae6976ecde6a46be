//! `/api/auth/…`: registration (ACC-1, ACC-2), login and logout (ACC-4).
use super::SessionUser;
use crate::error::AppError;
use leptos::prelude::*;

/// ACC-2 `Kontrollera användarnamn`: is this e-mail free to use as a username?
/// Anyone may ask (the routine's registration step needs it).
#[server(endpoint = "auth/check-username")]
pub async fn check_username(email: String) -> Result<String, AppError> {
    use crate::server::{accounts, AppState};
    crate::error::with_status(async {
        let state = AppState::current()?;
        accounts::check_username_free(&state, &email, None).await.map(|e| e.as_str().to_string())
    }
    .await)
}

/// ACC-1 `Registrera`: creates an installer account and logs it in.
#[server(endpoint = "auth/register")]
#[allow(clippy::too_many_arguments)]
pub async fn register(
    terms_version: String,
    email: String,
    name: String,
    personnummer: String,
    mobile: String,
    password: String,
    street_address: String,
    postal_code: String,
    city: String,
    user_type: String,
) -> Result<SessionUser, AppError> {
    use crate::server::{accounts, AppState};
    crate::error::with_status(async {
        let state = AppState::current()?;
        let input = accounts::Registration {
            terms_version,
            email,
            name,
            personnummer,
            mobile,
            password,
            street_address,
            postal_code,
            city,
            user_type,
        };
        let user = accounts::register(&state, input).await?;
        Ok(SessionUser::from(&user))
    }
    .await)
}

/// Logs in with username (e-mail) and password.
#[server(endpoint = "auth/login")]
pub async fn login(email: String, password: String) -> Result<SessionUser, AppError> {
    use crate::server::{accounts, auth, AppState};
    crate::error::with_status(async {
        let state = AppState::current()?;
        let ip = auth::client_ip().await;
        let user = accounts::login(&state, &email, password, &ip).await?;
        Ok(SessionUser::from(&user))
    }
    .await)
}

/// Ends the session on the server.
#[server(endpoint = "auth/logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::server::{auth, AppState};
    crate::error::with_status(async {
        let state = AppState::current()?;
        auth::end_session(&state).await
    }
    .await)
}

/// Who is logged in, if anyone (never an error for the anonymous).
#[server(endpoint = "auth/me")]
pub async fn current_user() -> Result<Option<SessionUser>, AppError> {
    use crate::server::{auth, AppState};
    crate::error::with_status(async {
        let state = AppState::current()?;
        Ok(auth::current_user(&state).await?.as_ref().map(SessionUser::from))
    }
    .await)
}

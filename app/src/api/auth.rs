//! `/api/auth/…`: registration (ACC-1, ACC-2), login and logout (ACC-4).
use super::SessionUser;
use crate::error::AppError;
use leptos::prelude::*;

/// ACC-2 `Kontrollera användarnamn`: is this e-mail free to use as a username?
/// Anyone may ask (the routine's registration step needs it).
#[server(endpoint = "auth/check-username")]
pub async fn check_username(email: String) -> Result<String, AppError> {
    use crate::server::{accounts, auth, throttle};
    super::serve::public(async |state| {
        throttle::rate_limit(&state, throttle::CHECK_USERNAME, &auth::client_ip(&state).await).await?;
        let canonical = accounts::check_username_free(&state, &email, None).await?.as_str().to_string();
        // Without scripts: on to the registration's next step (UX-1).
        crate::server::form_reply::on_success_go("/registrera?steg=uppgifter");
        Ok(canonical)
    })
    .await
}

/// ACC-1 `Registrera`: creates an installer account and logs it in.
#[server(endpoint = "auth/register")]
#[allow(clippy::too_many_arguments)]
pub async fn register(
    // A form posted without scripts leaves out what was not filled in or
    // chosen; the checks below name each such field (UX-1).
    #[server(default)] terms_version: String,
    #[server(default)] email: String,
    #[server(default)] name: String,
    #[server(default)] personnummer: String,
    #[server(default)] mobile: String,
    #[server(default)] password: String,
    // The password typed again; checked when sent (the form sends it).
    #[server(default)] password_again: String,
    #[server(default)] street_address: String,
    #[server(default)] postal_code: String,
    #[server(default)] city: String,
    #[server(default)] user_type: String,
) -> Result<SessionUser, AppError> {
    use crate::server::{accounts, auth, throttle};
    super::serve::public(async |state| {
        if !password_again.is_empty() && password_again != password {
            return Err(AppError::invalid(
                "password_again",
                crate::i18n::td_string!(crate::components::language::current_locale(), account_errors.passwords_differ),
            ));
        }
        throttle::rate_limit(&state, throttle::REGISTER, &auth::client_ip(&state).await).await?;
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
        crate::server::form_reply::on_success_go("/");
        Ok(SessionUser::from(&user))
    })
    .await
}

/// Logs in with username (e-mail) and password.
#[server(endpoint = "auth/login")]
pub async fn login(email: String, password: String) -> Result<SessionUser, AppError> {
    use crate::server::{accounts, auth};
    super::serve::public(async |state| {
        let ip = auth::client_ip(&state).await;
        let device = auth::request_headers().and_then(|h| crate::server::throttle::device_token(&state, &h));
        let outcome = accounts::login(&state, &email, password, &ip, device.as_deref()).await;
        // Without scripts the login form posts here itself: on to the next page (UX-1).
        if let Ok(user) = &outcome {
            let next = if crate::server::second_factor::required_for(user) { "/tvastegsverifiering" } else { "/" };
            crate::server::form_reply::on_success_go(next);
        }
        let user = outcome?;
        // UX-2: the language the person chose on the account follows them to this browser.
        crate::server::language::apply_account_choice(&state, &user);
        let mut answer = SessionUser::from(&user);
        if crate::server::second_factor::required_for(&user) {
            answer.second_factor =
                Some(if user.totp_enabled { super::SecondFactorStep::Verify } else { super::SecondFactorStep::Enrol });
        }
        Ok(answer)
    })
    .await
}

/// Ends the session on the server.
#[server(endpoint = "auth/logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::server::auth;
    super::serve::public(async |state| {
        auth::end_session(&state).await?;
        crate::server::form_reply::on_success_go("/logga-in");
        Ok(())
    })
    .await
}

/// Who is logged in, if anyone (never an error for the anonymous).
#[server(endpoint = "auth/me")]
pub async fn current_user() -> Result<Option<SessionUser>, AppError> {
    use crate::server::auth;
    super::serve::public(async |state| {
        Ok(auth::current_caller(&state).await?.as_ref().map(SessionUser::of))
    })
    .await
}

/// An authenticator app's setup: the secret as text and as an otpauth address.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TotpEnrolment {
    pub secret: String,
    pub uri: String,
}

/// ADM-6: what a half-logged-in session still needs (`None` when nothing is pending).
#[server(endpoint = "auth/second-factor/status")]
pub async fn second_factor_status() -> Result<Option<super::SecondFactorStep>, AppError> {
    use crate::server::auth;
    super::serve::public(async |state| {
        Ok(auth::pending_user(&state).await?.map(|u| {
            if u.totp_enabled { super::SecondFactorStep::Verify } else { super::SecondFactorStep::Enrol }
        }))
    })
    .await
}

/// ADM-6: creates the secret for an authenticator app (first login).
#[server(endpoint = "auth/second-factor/enrol")]
pub async fn begin_totp_enrolment() -> Result<TotpEnrolment, AppError> {
    use crate::server::second_factor;
    super::serve::with_pending_admin(async |state, user| {
        let (secret, uri) = second_factor::begin_enrolment(&state, user).await?;
        Ok(TotpEnrolment { secret, uri })
    })
    .await
}

/// ADM-6: confirms the app with a first code; returns the recovery codes (shown once).
#[server(endpoint = "auth/second-factor/confirm")]
pub async fn confirm_totp_enrolment(code: String) -> Result<Vec<String>, AppError> {
    use crate::server::second_factor;
    super::serve::with_pending_admin(async |state, user| {
        second_factor::confirm_enrolment(&state, user, &code).await
    })
    .await
}

/// ADM-6: the login's second step.
#[server(endpoint = "auth/second-factor/verify")]
pub async fn verify_second_factor(code: String) -> Result<SessionUser, AppError> {
    use crate::server::second_factor;
    super::serve::with_pending_admin(async |state, user| {
        let user = second_factor::verify(&state, user, &code).await?;
        crate::server::form_reply::on_success_go("/");
        Ok(SessionUser::from(&user))
    })
    .await
}

/// ACC-4 `Glömt lösenord`: e-mails a link to choose a new password, if the
/// address belongs to an account; the same answer either way.
#[server(endpoint = "auth/forgot-password")]
pub async fn forgot_password(email: String) -> Result<(), AppError> {
    use crate::server::{accounts, auth, throttle};
    super::serve::public(async |state| {
        throttle::rate_limit(&state, throttle::FORGOT_PASSWORD, &auth::client_ip(&state).await).await?;
        accounts::request_password_reset(&state, &email).await
    })
    .await
}

/// ACC-1: proves the account's e-mail address with the secret of the e-mailed
/// link; the username it proved.
#[server(endpoint = "auth/verify-email")]
pub async fn verify_email(code: String) -> Result<String, AppError> {
    use crate::server::email_check;
    super::serve::public(async |state| {
        let email = email_check::verify(&state, &code).await?;
        // Without scripts the form posted here itself: on to the start page (UX-1).
        crate::server::form_reply::on_success_go("/");
        Ok(email)
    })
    .await
}

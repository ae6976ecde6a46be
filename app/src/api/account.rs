//! `/api/account/…`: the logged-in user's own details, `Mina uppgifter` (ACC-3).
use super::AccountDetails;
use crate::error::AppError;
use leptos::prelude::*;

/// The caller's own details.
#[server(endpoint = "account/details")]
pub async fn my_details() -> Result<AccountDetails, AppError> {
    
    super::serve::with_caller(async |_state, caller| {
        Ok(AccountDetails::from(&caller.user))
    })
    .await
}

/// ACC-3: adds, changes or corrects the username under the rules of ACC-2;
/// the current password confirms it.
#[server(endpoint = "account/username")]
pub async fn change_username(email: String, current_password: String) -> Result<AccountDetails, AppError> {
    use crate::server::accounts;
    super::serve::with_caller(async |state, caller| {
        let user = accounts::change_username(&state, &caller, &email, &current_password).await?;
        Ok(AccountDetails::from(&user))
    })
    .await
}

/// Changes the caller's contact details; the current password confirms them.
#[server(endpoint = "account/contact")]
pub async fn update_contact_details(
    mobile: String,
    street_address: String,
    postal_code: String,
    city: String,
    current_password: String,
) -> Result<AccountDetails, AppError> {
    use crate::server::accounts;
    super::serve::with_caller(async |state, caller| {
        let contact = accounts::Contact { mobile, street_address, postal_code, city };
        let user = accounts::update_contact(&state, &caller, contact, &current_password).await?;
        Ok(AccountDetails::from(&user))
    })
    .await
}

/// Changes the caller's password; the current one must be given.
#[server(endpoint = "account/password")]
pub async fn change_password(current_password: String, new_password: String) -> Result<(), AppError> {
    use crate::server::accounts;
    super::serve::with_caller(async |state, caller| {
        accounts::change_password(&state, &caller, current_password, new_password).await
    })
    .await
}

/// ACC-1: e-mails a new link to prove the caller's address.
#[server(endpoint = "account/resend-verification")]
pub async fn resend_verification() -> Result<(), AppError> {
    use crate::server::email_check;
    super::serve::with_caller(async |state, caller| email_check::resend(&state, &caller).await).await
}

//! `/api/language`: the portal's language, chosen by the person (UX-2).
use crate::error::AppError;
use leptos::prelude::*;

/// Chooses the portal's language (`sv` or `en`) for this browser and, when
/// logged in, for the account. Anyone may choose.
#[server(endpoint = "language")]
pub async fn set_language(#[server(default)] language: String) -> Result<(), AppError> {
    use crate::domain::Language;
    super::serve::public(async |state| {
        let language: Language = language.parse().map_err(|e| AppError::invalid_because("language", &e))?;
        crate::server::language::remember(&state, language).await
    })
    .await
}

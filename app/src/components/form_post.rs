//! Sends a form that carries files to one of the multipart routes from the
//! browser and reads the JSON answer, so the page keeps what was typed and
//! puts the server's messages next to the fields. Without scripts the same
//! form posts normally and the route redirects back.
use crate::error::AppError;

/// Posts `form` (its fields and chosen files) to its `action`, asking for JSON.
#[cfg(feature = "hydrate")]
pub async fn post_form(form: &web_sys::HtmlFormElement) -> Result<serde_json::Value, AppError> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let network = |_| AppError::Network;
    let data = web_sys::FormData::new_with_form(form).map_err(network)?;
    let headers = web_sys::Headers::new().map_err(network)?;
    headers.set("Accept", "application/json").map_err(network)?;
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&data);
    init.set_headers(&headers);
    let window = web_sys::window().ok_or(AppError::Network)?;
    let response: web_sys::Response =
        JsFuture::from(window.fetch_with_str_and_init(&form.action(), &init)).await.map_err(network)?.dyn_into().map_err(network)?;
    let text = JsFuture::from(response.text().map_err(network)?).await.map_err(network)?.as_string().unwrap_or_default();
    if response.ok() {
        serde_json::from_str(&text).map_err(|_| AppError::Network)
    } else {
        Err(serde_json::from_str::<AppError>(&text).unwrap_or(AppError::Internal))
    }
}

/// On the server there is no browser to post from; forms are only sent from event handlers.
#[cfg(not(feature = "hydrate"))]
pub async fn post_form(_form: &web_sys::HtmlFormElement) -> Result<serde_json::Value, AppError> {
    Err(AppError::Network)
}

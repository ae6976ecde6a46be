//! The one error type of the application layer. It crosses the network
//! boundary as JSON, carries Swedish messages meant for the person at the
//! screen, and maps to an HTTP status on the server.
use leptos::server_fn::{codec::JsonEncoding, error::{FromServerFnError, ServerFnErrorErr}};
use serde::{Deserialize, Serialize};

/// A message about one form field, shown next to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The form field's name, as the server function's argument is called.
    pub field: String,
    pub message: String,
}

impl FieldError {
    pub fn new(field: &str, message: impl Into<String>) -> Self {
        Self { field: field.to_string(), message: message.into() }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// 422: input that does not parse, field by field.
    #[error("{}", join_messages(.0))]
    Invalid(Vec<FieldError>),
    /// 409: the input is well formed but clashes with what exists.
    #[error("{}", .0.message)]
    Conflict(FieldError),
    /// 400: a request the app itself would never send.
    #[error("{0}")]
    BadRequest(String),
    /// 401: login needed (or the session has ended).
    #[error("{}", said(Said::Unauthenticated))]
    Unauthenticated,
    /// 401 at login: the same answer for an unknown user and a wrong password (ACC-4).
    #[error("{}", said(Said::WrongCredentials))]
    WrongCredentials,
    /// 403: logged in, but not allowed.
    #[error("{}", said(Said::Forbidden))]
    Forbidden,
    /// 403 at login, after the right password: an admin deactivated the account (ADM-7).
    #[error("{}", said(Said::Deactivated))]
    Deactivated,
    /// 404
    #[error("{0}")]
    NotFound(String),
    /// 413: a request body over the limit.
    #[error("{}", said(Said::TooLarge))]
    TooLarge,
    /// 429: throttled (ACC-4).
    #[error("{}", said(Said::TooManyAttempts))]
    TooManyAttempts,
    /// 429: too many requests of another kind; the message says which and when to retry.
    #[error("{0}")]
    TooManyRequests(String),
    /// 500: details are logged on the server, never sent.
    #[error("{}", said(Said::Internal))]
    Internal,
    /// The browser could not talk to the server, or could not read its answer.
    #[error("{}", said(Said::Network))]
    Network,
}

/// The errors whose words are fixed, said in the reader's language (UX-2):
/// the error crosses the network as its name, and each side words it.
enum Said {
    Unauthenticated,
    WrongCredentials,
    Forbidden,
    Deactivated,
    TooLarge,
    TooManyAttempts,
    Internal,
    Network,
    BadRequest,
}

fn said(what: Said) -> &'static str {
    use crate::i18n::td_string;
    let locale = crate::components::language::current_locale();
    match what {
        Said::Unauthenticated => td_string!(locale, errors.unauthenticated),
        Said::WrongCredentials => td_string!(locale, errors.wrong_credentials),
        Said::Forbidden => td_string!(locale, errors.forbidden),
        Said::Deactivated => td_string!(locale, errors.deactivated),
        Said::TooLarge => td_string!(locale, errors.too_large),
        Said::TooManyAttempts => td_string!(locale, errors.too_many_attempts),
        Said::Internal => td_string!(locale, errors.internal),
        Said::Network => td_string!(locale, errors.network),
        Said::BadRequest => td_string!(locale, errors.bad_request),
    }
}

fn join_messages(errors: &[FieldError]) -> String {
    errors.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join(" ")
}

impl AppError {
    /// A single invalid field.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        AppError::Invalid(vec![FieldError::new(field, message)])
    }

    /// Several invalid fields, each message said in the reader's language (UX-2).
    pub fn invalid_fields<'a, E: crate::translated::Translate + 'a>(errors: impl IntoIterator<Item = (&'a str, &'a E)>) -> Self {
        AppError::Invalid(said_per_field(errors))
    }

    /// A single invalid field, the message said in the reader's language (UX-2).
    pub fn invalid_because(field: &str, error: &impl crate::translated::Translate) -> Self {
        AppError::invalid(field, error.text(crate::components::language::current_locale()))
    }

    pub fn conflict(field: &str, message: impl Into<String>) -> Self {
        AppError::Conflict(FieldError::new(field, message))
    }

    /// The message for `field`, if this error is about it.
    pub fn field_message(&self, field: &str) -> Option<String> {
        match self {
            AppError::Invalid(errors) => {
                errors.iter().find(|e| e.field == field).map(|e| e.message.clone())
            }
            AppError::Conflict(e) if e.field == field => Some(e.message.clone()),
            _ => None,
        }
    }

    /// Whether the error is about particular fields (then the form shows it
    /// next to them rather than as a banner).
    pub fn is_about_fields(&self) -> bool {
        matches!(self, AppError::Invalid(_) | AppError::Conflict(_))
    }

    pub fn status_code(&self) -> http::StatusCode {
        use http::StatusCode as S;
        match self {
            AppError::Invalid(_) => S::UNPROCESSABLE_ENTITY,
            AppError::Conflict(_) => S::CONFLICT,
            AppError::BadRequest(_) => S::BAD_REQUEST,
            AppError::Unauthenticated | AppError::WrongCredentials => S::UNAUTHORIZED,
            AppError::Forbidden | AppError::Deactivated => S::FORBIDDEN,
            AppError::NotFound(_) => S::NOT_FOUND,
            AppError::TooLarge => S::PAYLOAD_TOO_LARGE,
            AppError::TooManyAttempts | AppError::TooManyRequests(_) => S::TOO_MANY_REQUESTS,
            AppError::Internal => S::INTERNAL_SERVER_ERROR,
            AppError::Network => S::BAD_GATEWAY,
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        // Arguments that do not decode never reach `with_status`.
        #[cfg(feature = "ssr")]
        crate::server::form_reply::mark_failed();
        match value {
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => bad_request(),
            // On the server, what fails to decode is the request's arguments:
            // the sender's mistake (400). In the browser it is the answer.
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::Request(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => bad_request(),
            #[cfg(not(feature = "ssr"))]
            ServerFnErrorErr::Request(_) | ServerFnErrorErr::Deserialization(_) => AppError::Network,
            ServerFnErrorErr::Response(_) | ServerFnErrorErr::Serialization(_) => AppError::Network,
            other => {
                #[cfg(feature = "ssr")]
                tracing::error!(error = %other, "server function failure");
                let _ = other;
                AppError::Internal
            }
        }
    }
}

/// Whether the request being served is a plain HTML form post (a browser
/// without scripts): it asks for a page back, not JSON.
#[cfg(feature = "ssr")]
pub fn is_plain_form_post() -> bool {
    crate::server::auth::with_request_parts(|p| {
        p.headers.get(http::header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|accept| accept.contains("text/html"))
    })
    .unwrap_or(false)
}

fn bad_request() -> AppError {
    AppError::BadRequest(said(Said::BadRequest).into())
}

/// Sets the HTTP status of a failed server function from its error, so a
/// client sees 401/403/422… instead of server_fn's blanket 500.
pub fn with_status<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    // A plain form post (no scripts) is answered with a redirect instead (UX-1).
    #[cfg(feature = "ssr")]
    if let Err(e) = &result {
        if is_plain_form_post() {
            crate::server::form_reply::mark_failed();
        } else if let Some(options) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            options.set_status(e.status_code());
        }
    }
    result
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(err: sea_orm::DbErr) -> Self {
        tracing::error!(error = %err, "database error");
        AppError::Internal
    }
}

#[cfg(feature = "ssr")]
impl<E: std::fmt::Display> From<sea_orm::TransactionError<E>> for AppError
where
    AppError: From<E>,
    E: std::error::Error,
{
    fn from(err: sea_orm::TransactionError<E>) -> Self {
        match err {
            sea_orm::TransactionError::Connection(e) => e.into(),
            sea_orm::TransactionError::Transaction(e) => e.into(),
        }
    }
}

/// Collects the field errors of one form, so a person sees every problem at
/// once instead of one per submit.
#[derive(Default)]
pub struct Validation(Vec<FieldError>);

impl Validation {
    pub fn new() -> Self {
        Self::default()
    }

    /// Keeps the parsed value, or records the parser's message for `field`.
    /// The message is said in the reader's language (UX-2).
    pub fn check<T, E: crate::translated::Translate>(&mut self, field: &str, result: Result<T, E>) -> Option<T> {
        match result {
            Ok(v) => Some(v),
            Err(e) => {
                self.0.push(FieldError::new(field, e.text(crate::components::language::current_locale())));
                None
            }
        }
    }

    pub fn fail(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError::new(field, message));
    }

    pub fn finish(self) -> Result<(), AppError> {
        if self.0.is_empty() { Ok(()) } else { Err(AppError::Invalid(self.0)) }
    }
}

/// Each field's message, said in the reader's language (UX-2).
pub fn said_per_field<'a, E: crate::translated::Translate + 'a>(errors: impl IntoIterator<Item = (&'a str, &'a E)>) -> Vec<FieldError> {
    let locale = crate::components::language::current_locale();
    errors.into_iter().map(|(field, e)| FieldError::new(field, e.text(locale))).collect()
}

/// What a free-text field holds, named in its messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextLabel {
    Name,
    TeamName,
    ContactPerson,
    StreetAddress,
    City,
    CompanyName,
    Holder,
    Scope,
    RejectionReason,
}

impl TextLabel {
    /// The Swedish words, as they stand inside a sentence.
    pub fn swedish(self) -> &'static str {
        match self {
            TextLabel::Name => "namn",
            TextLabel::TeamName => "teamnamn",
            TextLabel::ContactPerson => "kontaktperson",
            TextLabel::StreetAddress => "gatuadress",
            TextLabel::City => "ort",
            TextLabel::CompanyName => "företagsnamn",
            TextLabel::Holder => "innehavare",
            TextLabel::Scope => "omfattning",
            TextLabel::RejectionReason => "en motivering som den som frågade ser",
        }
    }
}

/// Why a required free-text value was refused (Swedish as `Display`; said in
/// the reader's language through `translated`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextError {
    Empty(TextLabel),
    TooLong(TextLabel, usize),
}

impl std::fmt::Display for TextError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TextError::Empty(label) => write!(f, "Ange {}.", label.swedish()),
            TextError::TooLong(label, max) => write!(f, "{} får ha högst {max} tecken.", capitalize(label.swedish())),
        }
    }
}

/// A required free-text field: trimmed, not empty, at most `max` characters.
pub fn required_text(label: TextLabel, input: &str, max: usize) -> Result<String, TextError> {
    let s = input.trim();
    if s.is_empty() {
        Err(TextError::Empty(label))
    } else if s.chars().count() > max {
        Err(TextError::TooLong(label, max))
    } else {
        Ok(s.to_string())
    }
}

pub(crate) fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(first) => first.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

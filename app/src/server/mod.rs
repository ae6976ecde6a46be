//! Server-only code: database entities, sessions, the external registers and
//! the services that server functions call. Never compiled into the WASM.
pub mod accounts;
pub mod admin;
pub mod audit;
pub mod auth;
pub mod cases;
pub mod directory;
pub mod email_check;
pub mod entities;
pub mod events;
pub mod form_reply;
pub mod language;
pub mod listing;
pub mod locks;
pub mod metrics;
pub mod notifications;
pub mod outbox;
pub mod registers;
pub mod sealing;
pub mod sql_once;
pub mod second_factor;
pub mod security;
pub mod state;
pub mod throttle;
pub mod storage;
pub mod support;
pub mod teams;
pub mod totp;

pub use state::{AppState, Clock, SystemClock};

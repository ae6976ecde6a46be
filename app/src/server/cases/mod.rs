//! Case rules on the server (CASE-1…CASE-13, TEAM-5, ADM-3, ADM-4), in four
//! parts with one reason to change each:
//!
//! - `access`: how a caller stands to a case (`CaseRelation`) and the locks
//!   every write starts from;
//! - `lifecycle`: drafts, the state changes of CASE-3, attachments;
//! - `handling`: who at the unit works a case (CASE-12);
//! - `lists`: `Mina ärenden`, a member's cases, the handler queue, one case's page;
//! - `moves`: CASE-5, CASE-6 and `Admin Flytta ärenden` (ADM-3, ADM-4).
//!
//! Every write takes its row locks first (team rows, then case rows by id),
//! decides inside that transaction — who the caller is to the case, what the
//! state machine allows, CASE-7's age limit — and writes the change, its
//! timeline entry and its notifications before committing (CASE-13).
mod access;
mod handling;
mod lifecycle;
mod lists;
mod moves;

pub use access::{actor, is_handler, load_visible, status_of, CaseRelation};
pub use handling::{set_handler, Handling};
pub use lifecycle::*;
pub use lists::*;
pub use moves::*;

use super::auth::Caller;
use super::entities::{case, case_event, user};
use super::state::AppState;
use crate::domain::case::{is_read_only_by_age, CaseState, OperatorConfig, Unit};
use crate::error::AppError;
use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, DatabaseTransaction, EntityTrait, Set};

fn hidden() -> AppError {
    AppError::NotFound(said!(server_errors.case_hidden).into())
}

fn state_of(c: &case::Model) -> CaseState {
    c.state
}

fn refused(e: impl crate::translated::Translate) -> AppError {
    AppError::conflict("state", e.text(crate::components::language::current_locale()))
}

/// CASE-7, the one check every write path makes: refuses any change to a
/// case the portal no longer handles.
fn check_not_expired(state: &AppState, c: &case::Model) -> Result<(), AppError> {
    let cfg = &state.operator;
    if is_read_only_by_age(state_of(c), c.submitted_at, state.now(), cfg.case_read_only_after_years) {
        let unit = c.unit;
        return Err(AppError::conflict("state", expired_message(cfg, unit)));
    }
    Ok(())
}

pub fn expired_message(cfg: &OperatorConfig, unit: Unit) -> String {
    let locale = crate::components::language::current_locale();
    crate::i18n::fill(crate::i18n::td_string!(locale, case_errors.expired), &[
        ("years", &cfg.case_read_only_after_years.to_string()),
        ("unit", &crate::translated::catalogue_text(locale, unit.label()).to_lowercase()),
        ("email", &cfg.unit_email(unit)),
    ])
}

/// Adds an entry to a case's timeline (CASE-10).
async fn timeline(
    txn: &DatabaseTransaction,
    case_id: i32,
    at: DateTime<Utc>,
    caller: &Caller,
    kind: &str,
    message: Option<String>,
    details: serde_json::Value,
) -> Result<(), AppError> {
    timeline_entry(case_id, at, caller, kind, message, details).insert(txn).await?;
    Ok(())
}

/// A timeline entry as a row to insert (many at once, for bulk moves).
fn timeline_entry(
    case_id: i32,
    at: DateTime<Utc>,
    caller: &Caller,
    kind: &str,
    message: Option<String>,
    details: serde_json::Value,
) -> case_event::ActiveModel {
    // ADM-2: while an admin acts for the installer, the admin did it, for them.
    let (by, for_whom) = caller.recorded_as();
    case_event::ActiveModel {
        case_id: Set(case_id),
        at: Set(at),
        actor_user_id: Set(Some(by)),
        on_behalf_of_user_id: Set(for_whom),
        kind: Set(kind.to_string()),
        message: Set(message),
        details: Set(details.to_string()),
        ..Default::default()
    }
}

/// CASE-11: e-mails the holder of a case about a change; CASE-15: with
/// `news`, the same news waits in the portal until read (for changes the
/// holder did not make themself). `said` words the subject and the text in
/// the holder's language (UX-2).
async fn notify(
    txn: &DatabaseTransaction,
    at: DateTime<Utc>,
    user_id: i32,
    case_id: i32,
    news: bool,
    said: impl FnOnce(crate::i18n::Locale) -> (String, String),
) -> Result<(), AppError> {
    let Some(to) = user::Entity::find_by_id(user_id).one(txn).await? else { return Ok(()) };
    let (subject, body) = said(crate::i18n::Locale::from(super::language::of_account(&to)));
    if news {
        super::notifications::row(at, user_id, case_id, body.clone()).insert(txn).await?;
    }
    super::outbox::queue(txn, at, &to.email, subject, body).await
}

fn number(c: &case::Model) -> String {
    c.case_number.clone().unwrap_or_else(|| format!("#{}", c.id))
}

//! CASE-12: who at the unit works a case. A handler takes a case (`Ta
//! ärendet`) or lets it go (`Släpp ärendet`); colleagues see who has it,
//! and each handler's own cases make `Mina handläggningar`.
use super::access::{lock_for_write, CaseRelation, Locked};
use super::{state_of, timeline};
use crate::domain::case::CaseState;
use crate::domain::case::{TimelineNote, NOTE_KEY};
use crate::error::AppError;
use crate::server::auth::Caller;
use crate::server::entities::{case, user};
use crate::server::state::AppState;
use sea_orm::{ActiveModelTrait, EntityTrait, Set};
use serde_json::json;

/// Who should have the case after the change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Handling {
    /// The caller takes it — from no one, or from the colleague they saw
    /// holding it (`seen`); a case someone else took meanwhile is not
    /// taken from them unawares (as moves name what they saw, CASE-13).
    Take { seen: Option<i32> },
    /// The caller lets go of a case they have.
    Release,
}

/// Takes or releases a case, under its lock, with a timeline entry; the
/// unit's queues follow live (CASE-15).
pub async fn set_handler(state: &AppState, caller: &Caller, case_id: i32, handling: Handling) -> Result<case::Model, AppError> {
    let now = state.now();
    let Locked { txn, case: c, relation } = lock_for_write(state, caller, case_id).await?;
    if relation != CaseRelation::Handler {
        return Err(AppError::conflict("case_id", said!(server_errors.only_unit_handlers)));
    }
    if matches!(state_of(&c), CaseState::Arkiv | CaseState::Makulerad) {
        return Err(AppError::conflict("state", said!(server_errors.case_closed)));
    }
    let me = caller.id();
    let name_of = async |id: i32| -> Result<String, AppError> {
        Ok(user::Entity::find_by_id(id).one(&txn).await?.map(|u| u.name).unwrap_or_else(|| "en kollega".into()))
    };
    let (to, kind) = match handling {
        Handling::Take { .. } if c.assigned_handler_id == Some(me) => return Ok(c),
        Handling::Take { seen } if c.assigned_handler_id != seen => {
            let now_with = match c.assigned_handler_id {
                Some(other) => crate::i18n::fill(said!(server_errors.taken_since), &[("name", &name_of(other).await?)]),
                None => said!(server_errors.released_since).into(),
            };
            return Err(AppError::conflict("case_id", crate::i18n::fill(said!(server_errors.reload_and_retry), &[("what", &now_with)])));
        }
        Handling::Take { .. } => (Some(me), "handler_taken"),
        Handling::Release if c.assigned_handler_id != Some(me) => {
            return Err(AppError::conflict("case_id", said!(server_errors.not_your_case)));
        }
        Handling::Release => (None, "handler_released"),
    };
    let from = c.assigned_handler_id;
    let mut active: case::ActiveModel = c.clone().into();
    active.assigned_handler_id = Set(to);
    active.assigned_at = Set(to.map(|_| now));
    let saved = active.update(&txn).await?;
    let note = match from {
        Some(other) if to.is_some() => Some(TimelineNote::TakenOver { from: name_of(other).await? }),
        _ => None,
    };
    let mut details = json!({ "from": from, "to": to });
    if let Some(note) = &note {
        details[NOTE_KEY] = json!(note);
    }
    timeline(&txn, saved.id, now, caller, kind, note.as_ref().map(ToString::to_string), details).await?;
    txn.commit().await?;
    crate::server::notifications::cases_changed(state, Vec::new(), &[saved.unit]).await;
    Ok(saved)
}

//! How a caller stands to a case, and the locks every write starts from.
use super::{check_not_expired, hidden, state_of};
use crate::domain::case::{CaseActor, CaseState, CaseStatus, Unit};
use crate::domain::{Role, UserType};
use crate::error::AppError;
use crate::server::auth::Caller;
use crate::server::entities::{case, team, user};
use crate::server::locks::lock_row;
use crate::server::state::AppState;
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ConnectionTrait, DatabaseTransaction, EntityTrait, TransactionTrait};

/// How the asking person stands to a case (like `TeamRelation` to a team).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseRelation {
    Holder,
    /// The owner of the case's team (CASE-4, CASE-5).
    TeamOwner,
    /// A handler of the case's unit (CASE-12).
    Handler,
    /// Customer service: an admin, also while acting for an installer (ADM-3).
    Admin,
}

/// What the state machine decides on: the state and a pending cancellation (CASE-8).
pub fn status_of(c: &case::Model) -> CaseStatus {
    CaseStatus::new(state_of(c), c.cancellation_requested_at.is_some())
}

pub(super) fn handler_unit(user: &user::Model) -> Option<Unit> {
    match user.role {
        Role::ConnectionHandler => Some(Unit::Connection),
        Role::FacilityHandler => Some(Unit::Facility),
        _ => None,
    }
}

pub fn is_handler(user: &user::Model) -> bool {
    handler_unit(user).is_some()
}

/// The caller's relation to a case, read through `db` (inside the write's
/// transaction when there is one); `None` when they may not see it.
async fn relation(db: &impl ConnectionTrait, caller: &Caller, c: &case::Model) -> Result<Option<CaseRelation>, AppError> {
    let user = &caller.user;
    Ok(Some(if c.holder_user_id == user.id {
        CaseRelation::Holder
    } else if handler_unit(user).is_some_and(|u| u == c.unit) && c.state != CaseState::Utkast {
        CaseRelation::Handler
    } else if team::Entity::find_by_id(c.team_id).one(db).await?.is_some_and(|t| t.owner_user_id == user.id) {
        CaseRelation::TeamOwner
    } else if caller.is_customer_service() {
        // An admin acting for an installer still reaches cases that installer
        // cannot, e.g. from `Admin Flytta ärenden` (ADM-3).
        CaseRelation::Admin
    } else {
        return Ok(None);
    }))
}

/// Loads a case the caller may see, and how they see it; 404 otherwise. For
/// reading; a write decides again under its lock (`lock_for_write`).
pub async fn load_visible(db: &impl ConnectionTrait, caller: &Caller, case_id: i32) -> Result<(case::Model, CaseRelation), AppError> {
    let c = case::Entity::find_by_id(case_id).one(db).await?.ok_or_else(hidden)?;
    let rel = relation(db, caller, &c).await?.ok_or_else(hidden)?;
    Ok((c, rel))
}

/// How the state machine sees the asking person, from their relation to the case.
pub fn actor(user: &user::Model, relation: CaseRelation) -> CaseActor {
    match relation {
        CaseRelation::Holder => CaseActor::Holder {
            may_report_completion: user.user_type.is_some_and(UserType::may_report_completion),
        },
        CaseRelation::Handler => CaseActor::Handler { own_unit: true },
        CaseRelation::TeamOwner | CaseRelation::Admin => CaseActor::Other,
    }
}

/// Locks a case's row inside `txn` and reads it anew. Every write raises the
/// case's version here, so a move can name the version its mover saw (CASE-13).
pub(super) async fn lock_case(txn: &DatabaseTransaction, case_id: i32) -> Result<Option<case::Model>, AppError> {
    let bump = (case::Column::Version, Expr::col(case::Column::Version).add(1));
    if !lock_row::<case::Entity>(txn, case::Column::Id, case_id, bump).await? {
        return Ok(None);
    }
    Ok(case::Entity::find_by_id(case_id).one(txn).await?)
}

/// A case locked for a write by `caller`, with the caller's relation to it
/// decided inside the same transaction.
pub(super) struct Locked {
    pub txn: DatabaseTransaction,
    pub case: case::Model,
    pub relation: CaseRelation,
}

/// Where every write to one case starts: takes the case's lock, reads it
/// anew, decides how the caller stands to it, and refuses a case the portal
/// no longer handles (CASE-7). 404 when the caller may not see the case.
pub(super) async fn lock_for_write(state: &AppState, caller: &Caller, case_id: i32) -> Result<Locked, AppError> {
    let txn = state.db.begin().await?;
    let c = lock_case(&txn, case_id).await?.ok_or_else(hidden)?;
    let relation = relation(&txn, caller, &c).await?.ok_or_else(hidden)?;
    check_not_expired(state, &c)?;
    Ok(Locked { txn, case: c, relation })
}

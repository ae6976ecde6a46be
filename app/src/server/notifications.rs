//! CASE-15: case news. Each change to a case that someone else made is
//! written, in the change's transaction, as a notification for the people it
//! concerns (besides the e-mail of CASE-11); after the commit their open
//! pages — and the unit's handlers' queues — are told to refetch.
use super::entities::{notification, user};
use super::events::{EventKind, UserEvent};
use super::state::AppState;
use crate::domain::case::Unit;
use crate::domain::{PageNumber, Role};
use crate::error::AppError;
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Set};

pub const PAGE: u64 = 25;

/// A notification as a row to insert (many at once, for bulk moves).
pub fn row(at: DateTime<Utc>, user_id: i32, case_id: i32, message: String) -> notification::ActiveModel {
    notification::ActiveModel {
        user_id: Set(user_id),
        case_id: Set(Some(case_id)),
        message: Set(message),
        created_at: Set(at),
        read_at: Set(None),
        ..Default::default()
    }
}

/// Tells the open pages of these users, and of the handlers of these units,
/// that cases they show changed. After the commit: the change stands even
/// if telling fails (the pages catch up at their next connection).
pub async fn cases_changed(state: &AppState, mut user_ids: Vec<i32>, units: &[Unit]) {
    let roles: Vec<Role> = units
        .iter()
        .map(|u| match u {
            Unit::Connection => Role::ConnectionHandler,
            Unit::Facility => Role::FacilityHandler,
        })
        .collect();
    if !roles.is_empty() {
        let handlers = user::Entity::find()
            .select_only()
            .column(user::Column::Id)
            .filter(user::Column::Role.is_in(roles))
            .into_tuple::<i32>()
            .all(&state.db)
            .await;
        match handlers {
            Ok(ids) => user_ids.extend(ids),
            Err(e) => tracing::warn!(error = %e, "could not find the unit's handlers to tell"),
        }
    }
    user_ids.sort_unstable();
    user_ids.dedup();
    if !user_ids.is_empty() {
        state.events.publish(UserEvent { user_ids, kind: EventKind::CasesChanged }).await;
    }
}

/// A user's news, newest first, with the case number it is about.
pub async fn page_of(state: &AppState, user_id: i32, page: PageNumber) -> Result<(Vec<notification::Model>, u64, u64), AppError> {
    let mine = notification::Entity::find().filter(notification::Column::UserId.eq(user_id));
    let newest_first = |q: sea_orm::Select<notification::Entity>| q.order_by_desc(notification::Column::Id);
    let (rows, total) = super::listing::page(&state.db, mine, newest_first, page, PAGE).await?;
    let unread = unread(&state.db, user_id).await?;
    Ok((rows, total, unread))
}

/// How many of the user's notifications are unread, counted up to `most`
/// (reads at most that many index entries, however many there are).
pub async fn unread_up_to(db: &impl ConnectionTrait, user_id: i32, most: u64) -> Result<u64, AppError> {
    let ids: Vec<i32> = notification::Entity::find()
        .select_only()
        .column(notification::Column::Id)
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .limit(most)
        .into_tuple()
        .all(db)
        .await?;
    Ok(ids.len() as u64)
}

pub async fn unread(db: &impl ConnectionTrait, user_id: i32) -> Result<u64, AppError> {
    Ok(notification::Entity::find()
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .count(db)
        .await?)
}

/// Marks one of the user's notifications (or, with `None`, all) as read;
/// how many were unread. Another user's notification is never touched.
pub async fn mark_read(state: &AppState, user_id: i32, id: Option<i32>) -> Result<u64, AppError> {
    let mut q = notification::Entity::update_many()
        .col_expr(notification::Column::ReadAt, Expr::value(state.now()))
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null());
    if let Some(id) = id {
        q = q.filter(notification::Column::Id.eq(id));
    }
    let done = q.exec(&state.db).await?.rows_affected;
    if done > 0 {
        // The user's other pages update their count.
        state.events.publish(UserEvent { user_ids: vec![user_id], kind: EventKind::CasesChanged }).await;
    }
    Ok(done)
}

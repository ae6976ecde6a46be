//! Row locks. A write decides on rows it has locked, inside the transaction
//! that writes them, so what was checked is what gets written (CASE-13).
//!
//! The lock is taken by writing the row as the transaction's first statement:
//! a row lock on PostgreSQL; on SQLite the database's write lock, which a
//! deferred transaction would otherwise only take at its first write, after
//! its reads — too late. (A move of many cases takes its team's lock so, then
//! reads its cases `FOR NO KEY UPDATE`, and writes each of them once: see
//! `cases::moves`.) Locks are taken in one order everywhere: team rows
//! first, then case rows by ascending id, so two writers never wait on each
//! other in a circle.
use sea_orm::sea_query::SimpleExpr;
use sea_orm::{ColumnTrait, DatabaseTransaction, DbErr, EntityTrait, QueryFilter};

/// Locks the row `id` of `E` by setting `touch.0` to `touch.1`; whether the row exists.
pub async fn lock_row<E: EntityTrait>(
    txn: &DatabaseTransaction,
    id_column: E::Column,
    id: i32,
    touch: (E::Column, SimpleExpr),
) -> Result<bool, DbErr> {
    let done = E::update_many().col_expr(touch.0, touch.1).filter(id_column.eq(id)).exec(txn).await?;
    Ok(done.rows_affected > 0)
}

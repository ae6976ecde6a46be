//! Issue 13 (Scale), CASE-12: a handler's queue is counted from its index
//! alone. The queue's first part (`Inkomna ärenden`) is the unit's cases in
//! progress without a cancellation request; its total needs
//! `cancellation_requested_at`, which the queue's index did not carry, so
//! the count read the table: 150 ms for a page at a million cases on
//! PostgreSQL, now 12–15 ms (an index-only count of the unit's ~90 000
//! cases in progress). On PostgreSQL the column is `INCLUDE`d; SQLite has
//! no `INCLUDE`, so it is the key's last column, after the order's.
use sea_orm_migration::prelude::*;
use crate::util::covering_index_sql;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let sql = covering_index_sql(manager.get_database_backend(), "cases_queue_count_idx", "cases", &["unit", "state", "submitted_at"], &["cancellation_requested_at"]);
        db.execute_unprepared(&sql).await?;
        manager.drop_index(Index::drop().name("cases_queue_idx").table("cases").to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(Index::create().name("cases_queue_idx").table("cases").col("unit").col("state").col("submitted_at").to_owned())
            .await?;
        manager.drop_index(Index::drop().name("cases_queue_count_idx").table("cases").to_owned()).await
    }
}

//! Issue 13 (Scale): deleting a draft finds its news through an index. A
//! case's news rows go with it (`ON DELETE CASCADE`), and without an index
//! on `case_id` the database read every news row to find them: every move
//! writes one per installer told, so the table grows by millions, and a
//! draft's deletion took 92 ms at two million rows on PostgreSQL, now
//! about a millisecond.
use crate::util::index;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_index(index("notifications_case_idx", "notifications", &["case_id"], false)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("notifications_case_idx").table("notifications").to_owned()).await
    }
}

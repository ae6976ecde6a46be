//! CASE-12: a handler takes a case (`Ta ärendet`); colleagues see who has it,
//! and each handler has their own list (`Mina handläggningar`).
//! No foreign key: SQLite cannot add one to an existing table, and accounts
//! are deactivated, never deleted (ADM-7).
use crate::util::index;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one at a time.
        manager.alter_table(Table::alter().table("cases").add_column(integer_null("assigned_handler_id")).to_owned()).await?;
        manager.alter_table(Table::alter().table("cases").add_column(timestamp_with_time_zone_null("assigned_at")).to_owned()).await?;
        // A handler's own cases, in their unit.
        manager.create_index(index("cases_assigned_idx", "cases", &["assigned_handler_id", "state"], false)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("cases_assigned_idx").table("cases").to_owned()).await?;
        manager.alter_table(Table::alter().table("cases").drop_column("assigned_at").to_owned()).await?;
        manager.alter_table(Table::alter().table("cases").drop_column("assigned_handler_id").to_owned()).await
    }
}

//! CASE-14: what `Färdiganmäl` reported (the date of the work, the meter,
//! the installer's word), kept on the case as JSON for the handler.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("cases").add_column(text_null("completion_report")).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("cases").drop_column("completion_report").to_owned()).await
    }
}

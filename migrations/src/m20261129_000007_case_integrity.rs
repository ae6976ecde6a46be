//! CASE-13 and ADM-4: a case's version, so a move names the case as the mover
//! saw it; and which attachments customer service attached as evidence for a
//! move to another company (only those count, ADM-4).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("cases").add_column(integer("version").default(0)).to_owned())
            .await?;
        manager
            .alter_table(Table::alter().table("case_attachments").add_column(boolean("move_evidence").default(false)).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("case_attachments").drop_column("move_evidence").to_owned()).await?;
        manager.alter_table(Table::alter().table("cases").drop_column("version").to_owned()).await
    }
}

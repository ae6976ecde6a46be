//! UX-2: the language a support request was filed in, so the answer reaches
//! the person who asked in that language even when they have no account
//! (`sv` or `en`; older requests: the portal's default, Swedish).
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("support_requests").add_column(string_len_null("language", 8)).to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("support_requests").drop_column("language").to_owned()).await
    }
}

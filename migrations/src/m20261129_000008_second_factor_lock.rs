//! ADM-6 hardened: wrong second-factor codes are counted per account on their
//! own (a correct password never clears them) and lock the step for a while;
//! recovery codes are stored with a salt of their own.
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("users").add_column(integer("second_factor_failures").default(0)).to_owned())
            .await?;
        manager
            .alter_table(Table::alter().table("users").add_column(timestamp_with_time_zone_null("second_factor_locked_until")).to_owned())
            .await?;
        manager
            .alter_table(Table::alter().table("recovery_codes").add_column(string_len("salt", 32).default("")).to_owned())
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("recovery_codes").drop_column("salt").to_owned()).await?;
        manager.alter_table(Table::alter().table("users").drop_column("second_factor_locked_until").to_owned()).await?;
        manager.alter_table(Table::alter().table("users").drop_column("second_factor_failures").to_owned()).await
    }
}

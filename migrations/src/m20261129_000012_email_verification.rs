//! ACC-1, ACC-3: an e-mail address is verified with a link before the account
//! can act. Accounts that exist already count as verified (their addresses
//! were given by themselves or by customer service).
use crate::util::{fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("users").add_column(timestamp_with_time_zone_null("email_verified_at")).to_owned())
            .await?;
        manager
            .exec_stmt(Query::update().table("users").value("email_verified_at", Expr::col("created_at")).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("email_verifications")
                    .if_not_exists()
                    .col(string_len("id", 64).primary_key())
                    .col(integer("user_id"))
                    .col(string_len("email", 254))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .foreign_key(&mut fk("email_verifications_user_fk", "email_verifications", "user_id", "users", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("email_verifications_user_idx", "email_verifications", &["user_id"], false)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("email_verifications").if_exists().to_owned()).await?;
        manager.alter_table(Table::alter().table("users").drop_column("email_verified_at").to_owned()).await
    }
}

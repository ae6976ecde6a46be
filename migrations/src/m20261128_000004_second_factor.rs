//! ADM-6: a TOTP second factor for admins, with recovery codes; a session
//! that has passed only the password step is marked as such.
use crate::util::{fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(Table::alter().table("users").add_column(string_len_null("totp_secret", 64)).to_owned())
            .await?;
        manager
            .alter_table(Table::alter().table("users").add_column(boolean("totp_enabled").default(false)).to_owned())
            .await?;
        // The last time step used: a code is never accepted twice.
        manager
            .alter_table(Table::alter().table("users").add_column(big_integer_null("totp_last_step")).to_owned())
            .await?;
        manager
            .alter_table(Table::alter().table("sessions").add_column(boolean("second_factor_pending").default(false)).to_owned())
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("recovery_codes")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("user_id"))
                    .col(string_len("code_hash", 64))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .foreign_key(&mut fk("recovery_codes_user_fk", "recovery_codes", "user_id", "users", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("recovery_codes_user_idx", "recovery_codes", &["user_id"], false)).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("recovery_codes").if_exists().to_owned()).await?;
        manager.alter_table(Table::alter().table("sessions").drop_column("second_factor_pending").to_owned()).await?;
        for col in ["totp_last_step", "totp_enabled", "totp_secret"] {
            manager.alter_table(Table::alter().table("users").drop_column(col).to_owned()).await?;
        }
        Ok(())
    }
}

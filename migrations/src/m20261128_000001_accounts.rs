//! Accounts, sessions, login throttling, the external registers' local
//! tables and the append-only audit log.
use crate::util::index;
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("users")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    // Canonical (trimmed, lower-case) e-mail: a plain unique index is case-insensitive (ID-3).
                    .col(string_len("email", 254))
                    .col(string_len("name", 200))
                    .col(string_len_null("personnummer", 12))
                    .col(string_len_null("authorization_number", 40))
                    .col(string_len("mobile", 20))
                    .col(string_len_null("street_address", 200))
                    .col(string_len_null("postal_code", 6))
                    .col(string_len_null("city", 100))
                    .col(string_len_null("user_type", 20))
                    .col(string_len("role", 30))
                    .col(string_len_null("password_hash", 200))
                    .col(string_len_null("terms_version", 20))
                    .col(timestamp_with_time_zone_null("terms_accepted_at"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("users_email_key", "users", &["email"], true)).await?;
        manager.create_index(index("users_personnummer_key", "users", &["personnummer"], true)).await?;
        manager
            .create_index(index("users_authorization_number_key", "users", &["authorization_number"], true))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("sessions")
                    .if_not_exists()
                    // SHA-256 of the cookie's token: a leaked table does not log anyone in.
                    .col(string_len("id", 64).primary_key())
                    .col(integer("user_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .foreign_key(
                        ForeignKey::create()
                            .name("sessions_user_fk")
                            .from("sessions", "user_id")
                            .to("users", "id")
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("sessions_user_idx", "sessions", &["user_id"], false)).await?;
        manager.create_index(index("sessions_expires_idx", "sessions", &["expires_at"], false)).await?;

        manager
            .create_table(
                Table::create()
                    .table("login_failures")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(string_len("email", 254))
                    .col(string_len("ip", 64))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("login_failures_email_idx", "login_failures", &["email", "created_at"], false))
            .await?;
        manager
            .create_index(index("login_failures_ip_idx", "login_failures", &["ip", "created_at"], false))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("register_persons")
                    .if_not_exists()
                    .col(string_len("personnummer", 12).primary_key())
                    .col(string_len("name", 200))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("register_companies")
                    .if_not_exists()
                    .col(string_len("organisationsnummer", 10).primary_key())
                    .col(string_len("name", 200))
                    .col(string_len("street_address", 200))
                    .col(string_len("postal_code", 6))
                    .col(string_len("city", 100))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("register_authorizations")
                    .if_not_exists()
                    .col(string_len("number", 40).primary_key())
                    .col(string_len("holder_name", 200))
                    .col(string_len("scope", 100))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table("register_energikonto")
                    .if_not_exists()
                    .col(string_len("email", 254).primary_key())
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table("audit_log")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(timestamp_with_time_zone("at"))
                    .col(integer_null("actor_user_id"))
                    .col(integer_null("on_behalf_of_user_id"))
                    .col(string_len("action", 60))
                    .col(string_len("subject", 200))
                    .col(text("details"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("audit_log_at_idx", "audit_log", &["at"], false)).await?;
        manager
            .create_index(index("audit_log_actor_idx", "audit_log", &["actor_user_id", "at"], false))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            "audit_log",
            "register_energikonto",
            "register_authorizations",
            "register_companies",
            "register_persons",
            "login_failures",
            "sessions",
            "users",
        ] {
            manager.drop_table(Table::drop().table(table).if_exists().to_owned()).await?;
        }
        Ok(())
    }
}

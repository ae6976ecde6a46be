//! ACC-5…ACC-7, TEAM-8: requests to support, the documents that come with
//! requests, manually created accounts and teams, and one-time links for a
//! manually created account to set its password.
use crate::util::{fk, index};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table("support_requests")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(string_len("kind", 40))
                    .col(string_len("status", 20))
                    // Null when filed from the public pages.
                    .col(integer_null("requester_user_id"))
                    .col(string_len("requester_name", 200))
                    .col(string_len("requester_email", 254))
                    // Where a request came from, to limit floods from the public form.
                    .col(string_len("requester_ip", 45))
                    // The request's fields, as the kind declares them (JSON).
                    .col(text("details"))
                    // SHA-256 of the link that shows a public requester the status.
                    .col(string_len("status_token_hash", 64))
                    .col(integer_null("handled_by_user_id"))
                    // The reason of a rejection, or the answer to a question.
                    .col(text_null("decision_message"))
                    // What completion created: "user:12", "team:4".
                    .col(string_len_null("outcome", 40))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .col(timestamp_with_time_zone_null("closed_at"))
                    .foreign_key(&mut fk("support_requester_fk", "support_requests", "requester_user_id", "users", ForeignKeyAction::SetNull))
                    .foreign_key(&mut fk("support_handler_fk", "support_requests", "handled_by_user_id", "users", ForeignKeyAction::SetNull))
                    .to_owned(),
            )
            .await?;
        // The admins' queue: by status, oldest first; a requester's own list.
        manager.create_index(index("support_status_idx", "support_requests", &["status", "created_at"], false)).await?;
        manager.create_index(index("support_requester_idx", "support_requests", &["requester_user_id", "created_at"], false)).await?;
        manager.create_index(index("support_token_key", "support_requests", &["status_token_hash"], true)).await?;
        manager.create_index(index("support_ip_idx", "support_requests", &["requester_ip", "created_at"], false)).await?;

        manager
            .create_table(
                Table::create()
                    .table("documents")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    // What the document belongs to: a request, and once completed, the account or team.
                    .col(integer_null("support_request_id"))
                    .col(integer_null("user_id"))
                    .col(integer_null("team_id"))
                    .col(string_len("kind", 40))
                    .col(string_len("file_name", 120))
                    .col(string_len("content_type", 60))
                    .col(big_integer("size_bytes"))
                    .col(string_len("storage_key", 200))
                    .col(integer_null("uploaded_by_user_id"))
                    .col(timestamp_with_time_zone("uploaded_at"))
                    .foreign_key(&mut fk("documents_request_fk", "documents", "support_request_id", "support_requests", ForeignKeyAction::Restrict))
                    .foreign_key(&mut fk("documents_user_fk", "documents", "user_id", "users", ForeignKeyAction::Restrict))
                    .foreign_key(&mut fk("documents_team_fk", "documents", "team_id", "teams", ForeignKeyAction::Restrict))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("documents_request_idx", "documents", &["support_request_id"], false)).await?;
        manager.create_index(index("documents_user_idx", "documents", &["user_id"], false)).await?;
        manager.create_index(index("documents_team_idx", "documents", &["team_id"], false)).await?;

        manager
            .create_table(
                Table::create()
                    .table("password_links")
                    .if_not_exists()
                    // SHA-256 of the link's secret.
                    .col(string_len("id", 64).primary_key())
                    .col(integer("user_id"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("expires_at"))
                    .col(timestamp_with_time_zone_null("used_at"))
                    .foreign_key(&mut fk("password_links_user_fk", "password_links", "user_id", "users", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("password_links_user_idx", "password_links", &["user_id"], false)).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in ["password_links", "documents", "support_requests"] {
            manager.drop_table(Table::drop().table(table).if_exists().to_owned()).await?;
        }
        Ok(())
    }
}

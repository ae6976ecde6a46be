//! Cases (CASE-1…CASE-12): the case, its timeline, its attachments, and the
//! outbox of notifications.
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
                    .table("cases")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    // Set right after insert from the id (IW-000123); unique.
                    .col(string_len_null("case_number", 20))
                    .col(string_len("case_type", 40))
                    .col(string_len("unit", 20))
                    .col(string_len("state", 20))
                    .col(integer("team_id"))
                    .col(integer("holder_user_id"))
                    .col(integer("created_by_user_id"))
                    // The organisation number the case belongs to (its team's, CASE-6).
                    .col(string_len("organisationsnummer", 10))
                    // Copied out of `fields` for lists, search and the fuse-change rule.
                    .col(string_len("customer_name", 200))
                    .col(string_len("facility_address", 400))
                    .col(string_len_null("facility_id", 18))
                    .col(text("fields"))
                    .col(timestamp_with_time_zone_null("submitted_at"))
                    .col(timestamp_with_time_zone_null("completed_at"))
                    .col(timestamp_with_time_zone_null("cancellation_requested_at"))
                    .col(text_null("cancellation_reason"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("cases_team_fk", "cases", "team_id", "teams", ForeignKeyAction::Restrict))
                    .foreign_key(&mut fk("cases_holder_fk", "cases", "holder_user_id", "users", ForeignKeyAction::Restrict))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("cases_number_key", "cases", &["case_number"], true)).await?;
        // Mina ärenden: by holder, newest change first; filtered by state or team.
        manager.create_index(index("cases_holder_updated_idx", "cases", &["holder_user_id", "updated_at"], false)).await?;
        manager
            .create_index(index("cases_holder_state_idx", "cases", &["holder_user_id", "state", "updated_at"], false))
            .await?;
        // A team's cases per member (CASE-4, TEAM-5, TEAM-6).
        manager
            .create_index(index("cases_team_holder_idx", "cases", &["team_id", "holder_user_id", "state"], false))
            .await?;
        // The handler queue: a unit's cases in a state, oldest submission first.
        manager
            .create_index(index("cases_queue_idx", "cases", &["unit", "state", "submitted_at"], false))
            .await?;
        manager.create_index(index("cases_facility_idx", "cases", &["facility_id", "case_type"], false)).await?;

        manager
            .create_table(
                Table::create()
                    .table("case_events")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("case_id"))
                    .col(timestamp_with_time_zone("at"))
                    .col(integer_null("actor_user_id"))
                    .col(integer_null("on_behalf_of_user_id"))
                    .col(string_len("kind", 40))
                    .col(text_null("message"))
                    .col(text("details"))
                    .foreign_key(&mut fk("case_events_case_fk", "case_events", "case_id", "cases", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("case_events_case_idx", "case_events", &["case_id", "at"], false)).await?;

        manager
            .create_table(
                Table::create()
                    .table("case_attachments")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("case_id"))
                    .col(string_len("kind", 40))
                    .col(string_len("file_name", 200))
                    .col(string_len("content_type", 100))
                    .col(big_integer("size_bytes"))
                    .col(string_len("storage_key", 200))
                    .col(integer("uploaded_by_user_id"))
                    .col(timestamp_with_time_zone("uploaded_at"))
                    .foreign_key(&mut fk("case_attachments_case_fk", "case_attachments", "case_id", "cases", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("case_attachments_case_idx", "case_attachments", &["case_id"], false)).await?;

        manager
            .create_table(
                Table::create()
                    .table("outbox")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(string_len("to_email", 254))
                    .col(string_len("subject", 300))
                    .col(text("body"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(integer("attempts").default(0))
                    .col(timestamp_with_time_zone("next_attempt_at"))
                    .col(timestamp_with_time_zone_null("sent_at"))
                    .col(text_null("last_error"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("outbox_pending_idx", "outbox", &["sent_at", "next_attempt_at"], false)).await?;
        // TEAM-6: a deleted team is kept (its archived cases still point to it) but hidden.
        manager
            .alter_table(Table::alter().table("teams").add_column(timestamp_with_time_zone_null("deleted_at")).to_owned())
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.alter_table(Table::alter().table("teams").drop_column("deleted_at").to_owned()).await?;
        for table in ["outbox", "case_attachments", "case_events", "cases"] {
            manager.drop_table(Table::drop().table(table).if_exists().to_owned()).await?;
        }
        Ok(())
    }
}

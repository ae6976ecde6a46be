//! Teams (TEAM-1…TEAM-7): a team under one organisation number, its owner,
//! its members, and offers to hand ownership over.
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
                    .table("teams")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(string_len("name", 100))
                    .col(string_len("organisationsnummer", 10))
                    .col(string_len("company_name", 200))
                    .col(string_len("company_address", 300))
                    .col(string_len("contact_name", 200))
                    .col(string_len("contact_email", 254))
                    .col(string_len("contact_phone", 20))
                    // The owner is here and only here; members are in team_members.
                    .col(integer("owner_user_id"))
                    // TEAM-8: created by an admin for a body outside the register.
                    .col(boolean("manually_approved").default(false))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone("updated_at"))
                    .foreign_key(&mut fk("teams_owner_fk", "teams", "owner_user_id", "users", ForeignKeyAction::Restrict))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("teams_owner_idx", "teams", &["owner_user_id"], false)).await?;
        manager.create_index(index("teams_orgnr_idx", "teams", &["organisationsnummer"], false)).await?;

        manager
            .create_table(
                Table::create()
                    .table("team_members")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("team_id"))
                    .col(integer("user_id"))
                    .col(integer_null("added_by_user_id"))
                    .col(timestamp_with_time_zone("added_at"))
                    .foreign_key(&mut fk("team_members_team_fk", "team_members", "team_id", "teams", ForeignKeyAction::Cascade))
                    .foreign_key(&mut fk("team_members_user_fk", "team_members", "user_id", "users", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        // One membership per person and team, even under concurrent adds.
        manager
            .create_index(index("team_members_team_user_key", "team_members", &["team_id", "user_id"], true))
            .await?;
        manager.create_index(index("team_members_user_idx", "team_members", &["user_id"], false)).await?;

        manager
            .create_table(
                Table::create()
                    .table("ownership_offers")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("team_id"))
                    .col(integer("from_user_id"))
                    .col(integer("to_user_id"))
                    // pending | accepted | declined | withdrawn | void
                    .col(string_len("status", 20))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("resolved_at"))
                    .foreign_key(&mut fk("ownership_offers_team_fk", "ownership_offers", "team_id", "teams", ForeignKeyAction::Cascade))
                    .foreign_key(&mut fk("ownership_offers_from_fk", "ownership_offers", "from_user_id", "users", ForeignKeyAction::Cascade))
                    .foreign_key(&mut fk("ownership_offers_to_fk", "ownership_offers", "to_user_id", "users", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(index("ownership_offers_team_idx", "ownership_offers", &["team_id", "status"], false))
            .await?;
        manager
            .create_index(index("ownership_offers_to_idx", "ownership_offers", &["to_user_id", "status"], false))
            .await?;
        manager.create_index(index("audit_log_subject_idx", "audit_log", &["subject", "at"], false)).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("audit_log_subject_idx").table("audit_log").to_owned()).await?;
        for table in ["ownership_offers", "team_members", "teams"] {
            manager.drop_table(Table::drop().table(table).if_exists().to_owned()).await?;
        }
        Ok(())
    }
}

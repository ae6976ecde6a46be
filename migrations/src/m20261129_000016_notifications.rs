//! CASE-15: case news for the people involved, each with its own read mark.
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
                    .table("notifications")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(integer("user_id"))
                    .col(integer_null("case_id"))
                    .col(text("message"))
                    .col(timestamp_with_time_zone("created_at"))
                    .col(timestamp_with_time_zone_null("read_at"))
                    .foreign_key(&mut fk("notifications_user_fk", "notifications", "user_id", "users", ForeignKeyAction::Cascade))
                    .foreign_key(&mut fk("notifications_case_fk", "notifications", "case_id", "cases", ForeignKeyAction::Cascade))
                    .to_owned(),
            )
            .await?;
        // A user's news, newest first; and the unread count.
        manager.create_index(index("notifications_user_idx", "notifications", &["user_id", "id"], false)).await?;
        manager.create_index(index("notifications_unread_idx", "notifications", &["user_id", "read_at"], false)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("notifications").if_exists().to_owned()).await
    }
}

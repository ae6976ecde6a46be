//! ACC-1, ACC-2: requests that answer what is in the registers (register,
//! check-username) are limited per client address; each is noted here.
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
                    .table("rate_events")
                    .if_not_exists()
                    .col(pk_auto("id"))
                    .col(string_len("bucket", 40))
                    .col(string_len("address", 64))
                    .col(timestamp_with_time_zone("created_at"))
                    .to_owned(),
            )
            .await?;
        manager.create_index(index("rate_events_idx", "rate_events", &["bucket", "address", "created_at"], false)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_table(Table::drop().table("rate_events").if_exists().to_owned()).await
    }
}

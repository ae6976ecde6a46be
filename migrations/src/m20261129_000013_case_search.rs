//! Issue 13 (Scale): `Mina ärenden` searches an index, not every row. Each
//! case keeps `search_text` — its number, customer and address folded to
//! lower case by the application (`app::domain::case::search_text`, which
//! also folds å, ä and ö, unlike SQLite's `lower`) — indexed by trigrams:
//! a `pg_trgm` GIN index on PostgreSQL, an FTS5 trigram table kept in step
//! by triggers on SQLite. Both answer `LIKE '%part%'`. The holder's list
//! index gains the id, the order's tiebreaker.
use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend, Statement};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Folds like `app::domain::case::search_text` (the migrations cannot depend on the app).
fn search_text(case_number: Option<&str>, customer_name: &str, facility_address: &str) -> String {
    let joined = format!("{} | {} | {}", case_number.unwrap_or(""), customer_name, facility_address);
    joined.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table("cases")
                    .add_column(ColumnDef::new("search_text").text().not_null().default(""))
                    .to_owned(),
            )
            .await?;
        // `Mina ärenden` is ordered by (updated_at, id): with the id in the
        // index the page is read in order, ties included, never sorted.
        manager.drop_index(Index::drop().name("cases_holder_updated_idx").table("cases").to_owned()).await?;
        manager
            .create_index(
                Index::create().name("cases_holder_updated_id_idx").table("cases").col("holder_user_id").col("updated_at").col("id").to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        let backend = manager.get_database_backend();
        // The cases there are, a thousand at a time.
        let mut after = 0i64;
        loop {
            let rows = db
                .query_all_raw(Statement::from_sql_and_values(
                    backend,
                    match backend {
                        DatabaseBackend::Postgres => "SELECT id, case_number, customer_name, facility_address FROM cases WHERE id > $1 ORDER BY id LIMIT 1000",
                        _ => "SELECT id, case_number, customer_name, facility_address FROM cases WHERE id > ? ORDER BY id LIMIT 1000",
                    },
                    [after.into()],
                ))
                .await?;
            let Some(last) = rows.last() else { break };
            after = last.try_get::<i32>("", "id")?.into();
            for row in &rows {
                let id: i32 = row.try_get("", "id")?;
                let number: Option<String> = row.try_get("", "case_number")?;
                let name: String = row.try_get("", "customer_name")?;
                let address: String = row.try_get("", "facility_address")?;
                manager
                    .exec_stmt(
                        Query::update()
                            .table("cases")
                            .value("search_text", search_text(number.as_deref(), &name, &address))
                            .and_where(Expr::col("id").eq(id))
                            .to_owned(),
                    )
                    .await?;
            }
        }
        match backend {
            DatabaseBackend::Postgres => {
                let available = db
                    .query_one_raw(Statement::from_string(backend, "SELECT 1 AS one FROM pg_available_extensions WHERE name = 'pg_trgm'"))
                    .await?
                    .is_some();
                if available {
                    db.execute_unprepared("CREATE EXTENSION IF NOT EXISTS pg_trgm").await?;
                    db.execute_unprepared("CREATE INDEX IF NOT EXISTS cases_search_trgm_idx ON cases USING gin (search_text gin_trgm_ops)").await?;
                }
            }
            _ => {
                db.execute_unprepared(
                    "CREATE VIRTUAL TABLE IF NOT EXISTS cases_search USING fts5(search_text, content='cases', content_rowid='id', tokenize='trigram')",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER IF NOT EXISTS cases_search_insert AFTER INSERT ON cases BEGIN \
                     INSERT INTO cases_search(rowid, search_text) VALUES (new.id, new.search_text); END",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER IF NOT EXISTS cases_search_delete AFTER DELETE ON cases BEGIN \
                     INSERT INTO cases_search(cases_search, rowid, search_text) VALUES ('delete', old.id, old.search_text); END",
                )
                .await?;
                db.execute_unprepared(
                    "CREATE TRIGGER IF NOT EXISTS cases_search_update AFTER UPDATE OF search_text ON cases BEGIN \
                     INSERT INTO cases_search(cases_search, rowid, search_text) VALUES ('delete', old.id, old.search_text); \
                     INSERT INTO cases_search(rowid, search_text) VALUES (new.id, new.search_text); END",
                )
                .await?;
                db.execute_unprepared("INSERT INTO cases_search(cases_search) VALUES ('rebuild')").await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        match manager.get_database_backend() {
            DatabaseBackend::Postgres => {
                db.execute_unprepared("DROP INDEX IF EXISTS cases_search_trgm_idx").await?;
            }
            _ => {
                for trigger in ["cases_search_insert", "cases_search_delete", "cases_search_update"] {
                    db.execute_unprepared(&format!("DROP TRIGGER IF EXISTS {trigger}")).await?;
                }
                db.execute_unprepared("DROP TABLE IF EXISTS cases_search").await?;
            }
        }
        manager.drop_index(Index::drop().name("cases_holder_updated_id_idx").table("cases").to_owned()).await?;
        manager
            .create_index(Index::create().name("cases_holder_updated_idx").table("cases").col("holder_user_id").col("updated_at").to_owned())
            .await?;
        manager.alter_table(Table::alter().table("cases").drop_column("search_text").to_owned()).await
    }
}

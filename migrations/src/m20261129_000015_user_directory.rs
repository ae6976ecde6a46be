//! ADM-7: the user directory. An admin deactivates an account (it cannot
//! log in; its cases stay) and reactivates it; accounts are found by any
//! part of their name or e-mail address through `search_text` (folded by
//! the application, `app::domain::directory_text`), indexed by trigrams on
//! PostgreSQL.
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend, Statement};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// Folds like `app::domain::directory_text` (the migrations cannot depend on the app).
fn directory_text(name: &str, email: &str) -> String {
    format!("{name} | {email}").split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // One column a statement: SQLite alters one thing at a time.
        manager
            .alter_table(Table::alter().table("users").add_column(timestamp_with_time_zone_null("deactivated_at")).to_owned())
            .await?;
        manager
            .alter_table(Table::alter().table("users").add_column(ColumnDef::new("search_text").text().not_null().default("")).to_owned())
            .await?;
        let db = manager.get_connection();
        let backend = manager.get_database_backend();
        let mut after = 0i64;
        loop {
            let rows = db
                .query_all_raw(Statement::from_sql_and_values(
                    backend,
                    match backend {
                        DatabaseBackend::Postgres => "SELECT id, name, email FROM users WHERE id > $1 ORDER BY id LIMIT 1000",
                        _ => "SELECT id, name, email FROM users WHERE id > ? ORDER BY id LIMIT 1000",
                    },
                    [after.into()],
                ))
                .await?;
            let Some(last) = rows.last() else { break };
            after = last.try_get::<i32>("", "id")?.into();
            for row in &rows {
                let id: i32 = row.try_get("", "id")?;
                let name: String = row.try_get("", "name")?;
                let email: String = row.try_get("", "email")?;
                manager
                    .exec_stmt(
                        Query::update()
                            .table("users")
                            .value("search_text", directory_text(&name, &email))
                            .and_where(Expr::col("id").eq(id))
                            .to_owned(),
                    )
                    .await?;
            }
        }
        if backend == DatabaseBackend::Postgres {
            let available = db
                .query_one_raw(Statement::from_string(backend, "SELECT 1 AS one FROM pg_available_extensions WHERE name = 'pg_trgm'"))
                .await?
                .is_some();
            if available {
                db.execute_unprepared("CREATE EXTENSION IF NOT EXISTS pg_trgm").await?;
                db.execute_unprepared("CREATE INDEX IF NOT EXISTS users_search_trgm_idx ON users USING gin (search_text gin_trgm_ops)").await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        if manager.get_database_backend() == DatabaseBackend::Postgres {
            manager.get_connection().execute_unprepared("DROP INDEX IF EXISTS users_search_trgm_idx").await?;
        }
        manager.alter_table(Table::alter().table("users").drop_column("search_text").to_owned()).await?;
        manager.alter_table(Table::alter().table("users").drop_column("deactivated_at").to_owned()).await
    }
}

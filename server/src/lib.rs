//! The Installatörswebben server: configuration, database, the HTTP router,
//! demo data and the administrator bootstrap. `main.rs` is only the CLI.
pub mod accounts;
pub mod attachments;
pub mod audit_export;
pub mod backup;
pub mod bench_data;
pub mod config;
pub mod demo;
pub mod demo_activity;
pub mod executor;
pub mod forms;
pub mod health;
pub mod mailer;
pub mod metrics;
pub mod precompress;
pub mod register_import;
pub mod support;
pub mod web;

use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};
use std::time::Duration;

/// Opens the database. A SQLite file's folder is created when missing.
pub async fn connect(database_url: &str) -> Result<DatabaseConnection, DbErr> {
    if let Some(path) = database_url.strip_prefix("sqlite://").or_else(|| database_url.strip_prefix("sqlite:")) {
        let file = path.split('?').next().unwrap_or("");
        if let Some(dir) = std::path::Path::new(file).parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir).map_err(|e| DbErr::Custom(format!("cannot create {}: {e}", dir.display())))?;
        }
    }
    Database::connect(connect_options(database_url, std::env::var("DATABASE_MAX_CONNECTIONS").ok().as_deref())).await
}

/// How long a pooled connection may sit idle before it is tested with a
/// round trip when next taken from the pool.
pub const PING_AFTER_IDLE: Duration = Duration::from_secs(30);

/// The pool's settings. A connection taken from the pool is tested only
/// after it has been idle for a while (`PING_AFTER_IDLE`): by default every
/// taking pings first, one round trip more per statement — measured on
/// `/arenden` (PostgreSQL, five statements a page) as much server time as
/// the statements' own round trips. A connection in use stays tested: the
/// pool pings it as it comes back, and one that fails is dropped.
pub fn connect_options(database_url: &str, max_connections: Option<&str>) -> ConnectOptions {
    let sqlite = database_url.starts_with("sqlite:");
    let mut options = ConnectOptions::new(database_url.to_string());
    options
        .max_connections(pool_size(sqlite, max_connections))
        .connect_timeout(Duration::from_secs(10))
        .test_before_acquire_if_idle_for(PING_AFTER_IDLE)
        .sqlx_logging(false);
    if sqlite {
        // SQLite's default journal (`DELETE`) locks the whole file for every
        // write, so readers wait for writers and writers for readers, and each
        // read checks the file system for a journal first. With a write-ahead
        // log readers run beside the one writer, and a commit costs one sync
        // (`synchronous` stays `FULL`: a commit is on disk when it returns).
        options.map_sqlx_sqlite_opts(|sqlite| sqlite.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal));
        options.map_sqlx_sqlite_pool_opts(|pool| pool.after_connect(|conn, _| Box::pin(keep_query_plans(conn))));
    }
    options
}

/// Turns on SQLite's query planner stability guarantee (QPSG) for a new
/// connection. Without it, SQLite plans a statement around the value bound
/// to a `LIMIT ?` (or a `LIKE ?`) and marks the statement to be compiled
/// again whenever that parameter is bound anew — and sqlx binds every
/// parameter on every run. Every list statement was therefore parsed and
/// planned again on every request, though sqlx keeps it prepared: 17 % of
/// `/arenden`'s server time (issue 12). With the guarantee, a kept statement
/// keeps its plan; the values are still only ever bound, never written
/// into the SQL.
async fn keep_query_plans(conn: &mut sea_orm::sqlx::sqlite::SqliteConnection) -> Result<(), sea_orm::sqlx::Error> {
    use libsqlite3_sys::{sqlite3_db_config, SQLITE_DBCONFIG_ENABLE_QPSG, SQLITE_OK};
    use std::ffi::c_int;
    let mut handle = conn.lock_handle().await?;
    let db = handle.as_raw_handle().as_ptr();
    let mut now_on: c_int = 0;
    // SAFETY: the connection is locked for this call alone, and the
    // arguments are those SQLite documents for this option: an int (1 to
    // turn it on) and a pointer to an int that receives the new setting.
    let rc = unsafe { sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_QPSG, 1 as c_int, &mut now_on as *mut c_int) };
    if rc != SQLITE_OK || now_on != 1 {
        return Err(sea_orm::sqlx::Error::Configuration(format!("SQLite would not keep its query plans (code {rc})").into()));
    }
    Ok(())
}

/// Connections in the database pool: `DATABASE_MAX_CONNECTIONS`, or by
/// default four per core for PostgreSQL (a request holds a connection only
/// while its statements run; more than the server's cores can use only
/// queue inside PostgreSQL) and eight for SQLite (one writer at a time in
/// any case; readers run beside it with the write-ahead log, see
/// `connect_options`).
pub fn pool_size(sqlite: bool, configured: Option<&str>) -> u32 {
    if let Some(n) = configured.and_then(|v| v.trim().parse::<u32>().ok()).filter(|n| (1..=1000).contains(n)) {
        return n;
    }
    if sqlite {
        8
    } else {
        let cores = std::thread::available_parallelism().map(|n| n.get() as u32).unwrap_or(2);
        (4 * cores).clamp(8, 64)
    }
}

/// Brings the schema up to date (run at every start; a no-op when current).
pub async fn migrate(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// Removes expired sessions and stale throttling rows now and then.
pub fn spawn_housekeeping(db: DatabaseConnection) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(600));
        loop {
            tick.tick().await;
            if let Err(e) = app::server::auth::purge_expired(&db, chrono::Utc::now()).await {
                tracing::warn!(error = %e, "housekeeping failed");
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    // covers: issue 13 (one round trip per statement, not two)
    #[test]
    fn only_connections_idle_for_a_while_are_tested_before_use() {
        for url in ["postgres://postgres@127.0.0.1/iw", "sqlite://data/iw.db?mode=rwc"] {
            let options = connect_options(url, None);
            assert!(!options.get_test_before_acquire(), "{url}");
            assert_eq!(options.get_test_before_acquire_if_idle_for(), Some(PING_AFTER_IDLE), "{url}");
        }
        assert_eq!(connect_options("sqlite://x.db", Some("3")).get_max_connections(), Some(3));
    }

    // covers: issue 12 (a statement SQLite keeps is not compiled again on every run)
    #[tokio::test]
    async fn sqlite_plans_a_statement_without_looking_at_the_values_bound_to_it() {
        use sea_orm::{ConnectionTrait, Statement};
        let db = Database::connect(connect_options("sqlite::memory:", Some("1"))).await.expect("connect");
        // The program SQLite compiled for `LIMIT ?` once 4242 is bound.
        // Planned around the value, it holds the value as a constant
        // (`Integer 4242`), and binding another value compiles it anew;
        // planned for any value, it reads the parameter (`Variable`).
        let explain = Statement::from_sql_and_values(sea_orm::DbBackend::Sqlite, "EXPLAIN SELECT 1 LIMIT ?", [sea_orm::Value::from(4242)]);
        let program: Vec<(String, i64)> = db
            .query_all_raw(explain)
            .await
            .expect("explain")
            .iter()
            .map(|op| (op.try_get_by::<String, _>("opcode").unwrap(), op.try_get_by::<i64, _>("p1").unwrap()))
            .collect();
        assert!(program.iter().any(|(opcode, _)| opcode == "Variable"), "{program:?}");
        assert!(!program.iter().any(|(opcode, p1)| opcode == "Integer" && *p1 == 4242), "{program:?}");
    }

    // covers: issue 13 (readers beside the writer: SQLite's write-ahead log)
    #[tokio::test]
    async fn a_sqlite_file_is_opened_with_a_write_ahead_log() {
        use sea_orm::{ConnectionTrait, Statement};
        let dir = std::env::temp_dir().join(format!("iw-wal-{}", std::process::id()));
        let url = format!("sqlite://{}/iw.db?mode=rwc", dir.display());
        let db = connect(&url).await.expect("connect");
        let mode = db
            .query_one_raw(Statement::from_string(sea_orm::DbBackend::Sqlite, "PRAGMA journal_mode"))
            .await
            .expect("pragma")
            .expect("a row")
            .try_get_by::<String, _>(0usize)
            .expect("the mode");
        assert_eq!(mode, "wal");
        db.close().await.ok();
        std::fs::remove_dir_all(&dir).ok();
    }
}

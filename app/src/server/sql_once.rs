//! Statements whose SQL depends only on the database, never on their
//! values: built with sea-query once per backend, then sent with each
//! call's values. Building a statement and dropping it again cost a few per
//! cent of a page's server time, and the statements kept here run on
//! every request or every page (issue 13).
use sea_orm::DbBackend;
use std::sync::OnceLock;

/// One statement's SQL for each backend, built the first time it is asked for.
pub struct SqlPerBackend([OnceLock<String>; 3]);

impl SqlPerBackend {
    pub const fn new() -> Self {
        Self([const { OnceLock::new() }; 3])
    }

    /// The SQL for `backend`: what `build` gives the first time, ever after.
    pub fn get(&self, backend: DbBackend, build: impl FnOnce() -> String) -> &str {
        let slot = match backend {
            DbBackend::Postgres => 0,
            DbBackend::Sqlite => 1,
            _ => 2,
        };
        self.0[slot].get_or_init(build)
    }
}

impl Default for SqlPerBackend {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_backend_keeps_the_sql_built_first_for_it() {
        let kept = SqlPerBackend::new();
        assert_eq!(kept.get(DbBackend::Postgres, || "SELECT $1".into()), "SELECT $1");
        assert_eq!(kept.get(DbBackend::Sqlite, || "SELECT ?".into()), "SELECT ?");
        // Asked again, the builder is not run.
        assert_eq!(kept.get(DbBackend::Postgres, || unreachable!("built twice")), "SELECT $1");
        assert_eq!(kept.get(DbBackend::Sqlite, || unreachable!("built twice")), "SELECT ?");
    }
}

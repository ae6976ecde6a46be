//! One set of migrations for SQLite and PostgreSQL.
pub use sea_orm_migration::prelude::*;

mod m20261128_000001_accounts;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![Box::new(m20261128_000001_accounts::Migration)]
    }
}

//! One set of migrations for SQLite and PostgreSQL.
pub use sea_orm_migration::prelude::*;

pub(crate) mod util;
mod m20261128_000001_accounts;
mod m20261128_000002_teams;
mod m20261128_000003_cases;
mod m20261128_000004_second_factor;
mod m20261128_000005_acting;
mod m20261128_000006_support;
mod m20261129_000007_case_integrity;
mod m20261129_000008_second_factor_lock;
mod m20261129_000009_known_devices;
mod m20261129_000010_sealed_totp;
mod m20261129_000011_rate_events;
mod m20261129_000012_email_verification;
mod m20261129_000013_case_search;
mod m20261129_000014_completion_report;
mod m20261129_000015_user_directory;
mod m20261129_000016_notifications;
mod m20261129_000017_case_handling;
mod m20261129_000018_user_language;
mod m20261206_000019_support_request_language;
mod m20261206_000020_holder_list_covers_search;
mod m20261207_000021_users_by_role;
mod m20261207_000022_audit_by_whom_acted_for;
mod m20261207_000023_notifications_by_case;
mod m20261207_000024_queue_counted_from_its_index;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261128_000001_accounts::Migration),
            Box::new(m20261128_000002_teams::Migration),
            Box::new(m20261128_000003_cases::Migration),
            Box::new(m20261128_000004_second_factor::Migration),
            Box::new(m20261128_000005_acting::Migration),
            Box::new(m20261128_000006_support::Migration),
            Box::new(m20261129_000007_case_integrity::Migration),
            Box::new(m20261129_000008_second_factor_lock::Migration),
            Box::new(m20261129_000009_known_devices::Migration),
            Box::new(m20261129_000010_sealed_totp::Migration),
            Box::new(m20261129_000011_rate_events::Migration),
            Box::new(m20261129_000012_email_verification::Migration),
            Box::new(m20261129_000013_case_search::Migration),
            Box::new(m20261129_000014_completion_report::Migration),
            Box::new(m20261129_000015_user_directory::Migration),
            Box::new(m20261129_000016_notifications::Migration),
            Box::new(m20261129_000017_case_handling::Migration),
            Box::new(m20261129_000018_user_language::Migration),
            Box::new(m20261206_000019_support_request_language::Migration),
            Box::new(m20261206_000020_holder_list_covers_search::Migration),
            Box::new(m20261207_000021_users_by_role::Migration),
            Box::new(m20261207_000022_audit_by_whom_acted_for::Migration),
            Box::new(m20261207_000023_notifications_by_case::Migration),
            Box::new(m20261207_000024_queue_counted_from_its_index::Migration),
        ]
    }
}

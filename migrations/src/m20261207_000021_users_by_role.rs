//! Issue 13 (Scale): staff found by role without reading every account.
//! Every change to a case tells its unit's handlers (`notifications::
//! cases_changed` looks them up by role), and the admin's pages list staff
//! and count admins by role. With 100 000 installers and a handful of staff
//! each lookup read the whole `users` table: 20–27 ms on PostgreSQL, on
//! every submitted, moved or handled case. With the index it reads only the
//! staff's rows.
use crate::util::index;
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.create_index(index("users_role_idx", "users", &["role"], false)).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.drop_index(Index::drop().name("users_role_idx").table("users").to_owned()).await
    }
}

use sea_orm::entity::prelude::*;

/// ADM-6: one-time recovery codes, stored hashed.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "recovery_codes")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub user_id: i32,
    /// SHA-256 of the salt and the normalised code, hex.
    pub code_hash: String,
    /// Random, per code (empty for codes made before salting).
    pub salt: String,
    pub used_at: Option<DateTimeUtc>,
}

impl ActiveModelBehavior for ActiveModel {}

use sea_orm::entity::prelude::*;

/// ACC-4: a browser that has logged in to an account (its `iw_device`
/// cookie, stored as a SHA-256): its owner is not held up by strangers' guesses.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "known_devices")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub user_id: i32,
    pub created_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}

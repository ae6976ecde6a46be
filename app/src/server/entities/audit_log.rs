use sea_orm::entity::prelude::*;

/// Append-only: the application has no update or delete path for it (ADM-5).
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "audit_log")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub at: DateTimeUtc,
    pub actor_user_id: Option<i32>,
    pub on_behalf_of_user_id: Option<i32>,
    pub action: String,
    pub subject: String,
    pub details: String,
}

impl ActiveModelBehavior for ActiveModel {}

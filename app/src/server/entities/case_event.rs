use sea_orm::entity::prelude::*;

/// One entry of a case's timeline (CASE-10).
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub case_id: i32,
    pub at: DateTimeUtc,
    pub actor_user_id: Option<i32>,
    pub on_behalf_of_user_id: Option<i32>,
    pub kind: String,
    pub message: Option<String>,
    pub details: String,
}

impl ActiveModelBehavior for ActiveModel {}

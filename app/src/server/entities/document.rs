use sea_orm::entity::prelude::*;

/// A document kept with a support request, an account or a team (ACC-5, ACC-6, TEAM-8).
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "documents")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub support_request_id: Option<i32>,
    pub user_id: Option<i32>,
    pub team_id: Option<i32>,
    pub kind: crate::domain::support::DocumentKind,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub storage_key: String,
    pub uploaded_by_user_id: Option<i32>,
    pub uploaded_at: DateTimeUtc,
}

impl ActiveModelBehavior for ActiveModel {}

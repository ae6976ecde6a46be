use sea_orm::entity::prelude::*;

/// A request to support (ACC-7).
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "support_requests")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub kind: crate::domain::support::SupportKind,
    pub status: crate::domain::support::SupportStatus,
    pub requester_user_id: Option<i32>,
    pub requester_name: String,
    pub requester_email: String,
    pub requester_ip: String,
    /// The request's fields as JSON.
    pub details: String,
    pub status_token_hash: String,
    pub handled_by_user_id: Option<i32>,
    pub decision_message: Option<String>,
    pub outcome: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    pub closed_at: Option<DateTimeUtc>,
    /// The language it was filed in (`sv`, `en`), for the answer (UX-2).
    pub language: Option<String>,
}

impl ActiveModelBehavior for ActiveModel {}

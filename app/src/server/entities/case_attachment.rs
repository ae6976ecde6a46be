use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_attachments")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub case_id: i32,
    pub kind: crate::domain::case::AttachmentKind,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub storage_key: String,
    pub uploaded_by_user_id: i32,
    pub uploaded_at: DateTimeUtc,
    /// Attached by customer service as evidence for a move to another company (ADM-4).
    pub move_evidence: bool,
}

impl ActiveModelBehavior for ActiveModel {}

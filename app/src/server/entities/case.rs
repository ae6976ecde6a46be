use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cases")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub case_number: Option<String>,
    pub case_type: String,
    pub unit: crate::domain::case::Unit,
    pub state: crate::domain::case::CaseState,
    pub team_id: i32,
    pub holder_user_id: i32,
    pub created_by_user_id: i32,
    pub organisationsnummer: String,
    pub customer_name: String,
    pub facility_address: String,
    pub facility_id: Option<String>,
    /// JSON object of the type's field values.
    pub fields: String,
    pub submitted_at: Option<DateTimeUtc>,
    pub completed_at: Option<DateTimeUtc>,
    pub cancellation_requested_at: Option<DateTimeUtc>,
    pub cancellation_reason: Option<String>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// Raised by every write, under the case's row lock (CASE-13): a move
    /// names the version its mover saw.
    pub version: i32,
}

impl ActiveModelBehavior for ActiveModel {}

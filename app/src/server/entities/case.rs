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
    /// What a search finds the case by (number, customer, address), folded
    /// by `domain::case::search_text`; kept in step by `before_save`.
    pub search_text: String,
    /// CASE-14: the completion report (`domain::case::CompletionReport` as JSON).
    pub completion_report: Option<String>,
    /// CASE-12: the handler who took the case (`Ta ärendet`), and when.
    pub assigned_handler_id: Option<i32>,
    pub assigned_at: Option<DateTimeUtc>,
}

#[async_trait::async_trait]
impl ActiveModelBehavior for ActiveModel {
    async fn before_save<C>(mut self, _db: &C, _insert: bool) -> Result<Self, DbErr>
    where
        C: ConnectionTrait,
    {
        use sea_orm::ActiveValue;
        fn known<V>(value: &ActiveValue<V>) -> Option<&V>
        where
            V: Into<sea_orm::Value>,
        {
            match value {
                ActiveValue::Set(v) | ActiveValue::Unchanged(v) => Some(v),
                ActiveValue::NotSet => None,
            }
        }
        if let (Some(number), Some(name), Some(address)) =
            (known::<Option<String>>(&self.case_number), known::<String>(&self.customer_name), known::<String>(&self.facility_address))
        {
            let text = crate::domain::case::search_text(number.as_deref(), name, address);
            if known::<String>(&self.search_text) != Some(&text) {
                self.search_text = ActiveValue::Set(text);
            }
        }
        Ok(self)
    }
}

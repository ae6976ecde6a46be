use sea_orm::entity::prelude::*;

#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "sessions")]
pub struct Model {
    /// SHA-256 (hex) of the token in the cookie.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub user_id: i32,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    /// The password is checked but the second factor (ADM-6) not yet.
    pub second_factor_pending: bool,
    /// ADM-2: the installer an admin's session acts for.
    pub acting_for_user_id: Option<i32>,
}

impl ActiveModelBehavior for ActiveModel {}

crate::server::listing::read_by_position!(Model, Column {
    id <- Id,
    user_id <- UserId,
    created_at <- CreatedAt,
    expires_at <- ExpiresAt,
    second_factor_pending <- SecondFactorPending,
    acting_for_user_id <- ActingForUserId,
});

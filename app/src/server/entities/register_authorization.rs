use sea_orm::entity::prelude::*;

/// The local copy of the electrical safety register's authorizations.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "register_authorizations")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub number: String,
    pub holder_name: String,
    pub scope: String,
}

impl ActiveModelBehavior for ActiveModel {}

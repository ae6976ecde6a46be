use sea_orm::entity::prelude::*;

/// The local copy of the electrical safety register's companies (Elsäkerhetsverket).
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "register_companies")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub organisationsnummer: String,
    pub name: String,
    pub street_address: String,
    pub postal_code: String,
    pub city: String,
}

impl ActiveModelBehavior for ActiveModel {}

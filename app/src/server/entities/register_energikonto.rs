use sea_orm::entity::prelude::*;

/// E-mail addresses that are Energikonto logins in the customer-accounts directory.
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "register_energikonto")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub email: String,
}

impl ActiveModelBehavior for ActiveModel {}

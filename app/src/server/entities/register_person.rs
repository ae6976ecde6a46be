use sea_orm::entity::prelude::*;

/// The local copy of the population register (Skatteverket).
#[sea_orm::model]
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "register_persons")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub personnummer: String,
    pub name: String,
}

impl ActiveModelBehavior for ActiveModel {}

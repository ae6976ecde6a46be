//! Accounts made from the command line: the first administrator (ADM-1) and
//! the demo users. There are no built-in credentials: passwords come from the
//! person running the command or are generated on this machine.
use app::domain::{Email, Password, Role};
use app::server::{
    auth,
    entities::user,
};
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error("{0}")]
    Invalid(String),
    #[error("Det finns redan ett konto med användarnamnet {0}.")]
    Exists(String),
    #[error("databasfel: {0}")]
    Db(#[from] sea_orm::DbErr),
    #[error("{0}")]
    App(String),
}

impl From<app::error::AppError> for AccountError {
    fn from(e: app::error::AppError) -> Self {
        AccountError::App(e.to_string())
    }
}

pub use app::server::auth::generate_password;

/// Creates an administrator (ADM-1).
pub async fn create_admin(db: &DatabaseConnection, email: &str, name: &str, password: &str) -> Result<user::Model, AccountError> {
    create_staff(db, email, name, Role::Admin, password).await
}

/// Creates a staff account of the grid operator: an admin or a handler (CASE-12).
pub async fn create_staff(
    db: &DatabaseConnection,
    email: &str,
    name: &str,
    role: Role,
    password: &str,
) -> Result<user::Model, AccountError> {
    let email = Email::parse(email).map_err(|e| AccountError::Invalid(e.to_string()))?;
    let name = name.trim();
    if name.is_empty() {
        return Err(AccountError::Invalid("Ange namn (--name).".into()));
    }
    let password = Password::parse(password, Some(email.as_str())).map_err(|e| AccountError::Invalid(e.to_string()))?;
    if user::Entity::find().filter(user::Column::Email.eq(email.as_str())).one(db).await?.is_some() {
        return Err(AccountError::Exists(email.to_string()));
    }
    let hash = auth::hash_password(password.expose().to_string()).await?;
    let action = if role == Role::Admin { "admin.created_from_cli" } else { "staff.created_from_cli" };
    Ok(app::server::admin::insert_staff(db, chrono::Utc::now(), None, &email, name, role, Some(hash), action).await?)
}

/// Whether any administrator exists.
pub async fn admin_exists(db: &DatabaseConnection) -> Result<bool, sea_orm::DbErr> {
    Ok(user::Entity::find().filter(user::Column::Role.eq(Role::Admin)).one(db).await?.is_some())
}

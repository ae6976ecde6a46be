//! Accounts made from the command line: the first administrator (ADM-1) and
//! the demo users. There are no built-in credentials: passwords come from the
//! person running the command or are generated on this machine.
use app::domain::{Email, Password, Role};
use app::server::{
    audit::{self, AuditEntry},
    auth,
    entities::user,
};
use argon2::password_hash::rand_core::{OsRng, RngCore};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set, TransactionTrait};

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

/// A random password of `len` characters from an alphabet without look-alikes.
pub fn generate_password(len: usize) -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut bytes = vec![0u8; len];
    OsRng.fill_bytes(&mut bytes);
    // 256 is not a multiple of the alphabet's size; the bias is negligible for this use.
    bytes.iter().map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char).collect()
}

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
    let now = chrono::Utc::now();
    let txn = db.begin().await?;
    let created = user::ActiveModel {
        email: Set(email.as_str().to_string()),
        name: Set(name.to_string()),
        mobile: Set(String::new()),
        role: Set(role.code().to_string()),
        password_hash: Set(Some(hash)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit::record(
        &txn,
        now,
        AuditEntry {
            actor_user_id: None,
            on_behalf_of_user_id: None,
            action: if role == Role::Admin { "admin.created_from_cli" } else { "staff.created_from_cli" },
            subject: format!("user:{}", created.id),
            details: serde_json::json!({ "email": created.email, "role": role.code() }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// Whether any administrator exists.
pub async fn admin_exists(db: &DatabaseConnection) -> Result<bool, sea_orm::DbErr> {
    Ok(user::Entity::find().filter(user::Column::Role.eq(Role::Admin.code())).one(db).await?.is_some())
}

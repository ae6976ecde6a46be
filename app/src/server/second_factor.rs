//! ADM-6: admins enrol a TOTP second factor at their first login and give a
//! code (or a one-time recovery code) at every login after the password.
use super::audit::{self, AuditEntry};
use super::auth;
use super::entities::{recovery_code, user};
use super::state::AppState;
use super::totp;
use crate::error::AppError;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, Condition, DatabaseTransaction, EntityTrait, QueryFilter, Set, TransactionTrait};
use sha2::{Digest, Sha256};

pub const RECOVERY_CODES: usize = 10;
/// Wrong codes in a row before the second step locks.
pub const MAX_FAILURES: i32 = 5;
/// How long the second step stays locked.
pub const LOCK: chrono::Duration = chrono::Duration::minutes(15);

/// A recovery code's stored hash: SHA-256 of its salt and the code as typed,
/// normalised. The code carries 80 random bits, so a salted fast hash is
/// enough; the salt keeps equal codes apart and a dump from being looked up.
fn hash(salt: &str, code: &str) -> String {
    let normalized: String = code.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_uppercase();
    let mut h = Sha256::new();
    h.update(salt.as_bytes());
    h.update(normalized.as_bytes());
    super::sealing::hex(&h.finalize())
}

/// A new recovery code: 80 random bits as 16 base32 characters, `XXXX-XXXX-XXXX-XXXX`.
fn new_recovery_code() -> String {
    let mut b = [0u8; 10];
    OsRng.fill_bytes(&mut b);
    let s = totp::base32_encode(&b);
    format!("{}-{}-{}-{}", &s[..4], &s[4..8], &s[8..12], &s[12..16])
}

fn locked() -> AppError {
    AppError::TooManyRequests(crate::i18n::fill(said!(server_errors.second_factor_locked), &[("minutes", &LOCK.num_minutes().to_string())]))
}

fn no_key() -> AppError {
    AppError::conflict(
        "code",
        "Servern saknar nyckeln som tvåstegsverifieringens hemligheter skyddas med (SECRETS_KEY). \
         Driften behöver ställa in den innan administratörer kan logga in med tvåstegsverifiering.",
    )
}

/// The user's TOTP secret: opened with the server's key, or (from before
/// secrets were sealed) read in plain text.
fn secret_of(state: &AppState, user: &user::Model) -> Result<Vec<u8>, AppError> {
    let missing = || AppError::conflict("code", said!(server_errors.no_key_yet));
    let encoded = match (&user.totp_secret_sealed, &user.totp_secret) {
        (Some(sealed), _) => {
            let key = state.settings.secrets_key.as_ref().ok_or_else(no_key)?;
            key.open(sealed).ok_or_else(|| {
                tracing::error!(user_id = user.id, "a sealed TOTP secret does not open with SECRETS_KEY");
                AppError::Internal
            })?
        }
        (None, Some(plain)) => plain.clone(),
        (None, None) => return Err(missing()),
    };
    totp::base32_decode(&encoded).ok_or_else(missing)
}

fn wrong_code() -> AppError {
    AppError::invalid("code", said!(server_errors.wrong_code))
}

/// Whether this person must give a second factor at login.
pub fn required_for(user: &user::Model) -> bool {
    user.role == crate::domain::Role::Admin
}

/// Creates (or replaces an unconfirmed) secret; returns it in base32 and as an otpauth address.
pub async fn begin_enrolment(state: &AppState, user: user::Model) -> Result<(String, String), AppError> {
    if user.totp_enabled {
        return Err(AppError::conflict("code", said!(server_errors.second_factor_on)));
    }
    let key = state.settings.secrets_key.as_ref().ok_or_else(no_key)?;
    let mut secret = [0u8; 20];
    OsRng.fill_bytes(&mut secret);
    let encoded = totp::base32_encode(&secret);
    let uri = totp::otpauth_uri(&encoded, &user.email);
    let mut active: user::ActiveModel = user.into();
    active.totp_secret_sealed = Set(Some(key.seal(&encoded)));
    active.totp_secret = Set(None);
    active.update(&state.db).await?;
    Ok((encoded, uri))
}

/// Confirms enrolment with a first code; returns the recovery codes, shown once.
pub async fn confirm_enrolment(state: &AppState, user: user::Model, code: &str) -> Result<Vec<String>, AppError> {
    if user.totp_enabled {
        return Err(AppError::conflict("code", said!(server_errors.second_factor_on)));
    }
    let secret = secret_of(state, &user)?;
    let now = state.now();
    let step = totp::verify(&secret, code, now.timestamp(), None).ok_or_else(wrong_code)?;
    let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| new_recovery_code()).collect();
    let user_id = user.id;
    let txn = state.db.begin().await?;
    let mut active: user::ActiveModel = user.into();
    active.totp_enabled = Set(true);
    active.totp_last_step = Set(Some(step));
    active.update(&txn).await?;
    recovery_code::Entity::delete_many().filter(recovery_code::Column::UserId.eq(user_id)).exec(&txn).await?;
    for c in &codes {
        let salt = auth::new_token()[..32].to_string();
        recovery_code::ActiveModel { user_id: Set(user_id), code_hash: Set(hash(&salt, c)), salt: Set(salt), used_at: Set(None), ..Default::default() }
            .insert(&txn)
            .await?;
    }
    audit::record(
        &txn,
        now,
        AuditEntry {
            actor_user_id: Some(user_id),
            on_behalf_of_user_id: None,
            action: "admin.second_factor_enrolled",
            subject: format!("user:{user_id}"),
            details: serde_json::json!({}),
        },
    )
    .await?;
    txn.commit().await?;
    auth::complete_second_factor(state, user_id).await?;
    Ok(codes)
}

/// The login's second step: a current TOTP code (not used before) or an
/// unused recovery code. Wrong codes are counted per account, whatever the
/// session or the address; after `MAX_FAILURES` the step locks for `LOCK`
/// and the admin is told by e-mail.
pub async fn verify(state: &AppState, user: user::Model, code: &str) -> Result<user::Model, AppError> {
    if !user.totp_enabled {
        return Err(AppError::conflict("code", said!(server_errors.second_factor_off)));
    }
    let now = state.now();
    if user.second_factor_locked_until.is_some_and(|until| until > now) {
        return Err(locked());
    }
    let secret = secret_of(state, &user)?;
    let user_id = user.id;
    let txn = state.db.begin().await?;
    let method = if let Some(step) = totp::verify(&secret, code, now.timestamp(), user.totp_last_step) {
        // Only a newer step than any before: a code is good once.
        let updated = user::Entity::update_many()
            .col_expr(user::Column::TotpLastStep, Expr::value(Some(step)))
            .filter(user::Column::Id.eq(user_id))
            .filter(Condition::any().add(user::Column::TotpLastStep.is_null()).add(user::Column::TotpLastStep.lt(step)))
            .exec(&txn)
            .await?;
        (updated.rows_affected == 1).then_some("totp")
    } else {
        claim_recovery_code(&txn, user_id, code, now).await?.then_some("recovery_code")
    };
    let Some(method) = method else {
        txn.rollback().await?;
        return Err(count_failure(state, &user).await?);
    };
    user::Entity::update_many()
        .col_expr(user::Column::SecondFactorFailures, Expr::value(0))
        .filter(user::Column::Id.eq(user_id))
        .exec(&txn)
        .await?;
    // A secret from before sealing is sealed now.
    if let (Some(plain), Some(key)) = (&user.totp_secret, &state.settings.secrets_key) {
        user::Entity::update_many()
            .col_expr(user::Column::TotpSecretSealed, Expr::value(Some(key.seal(plain))))
            .col_expr(user::Column::TotpSecret, Expr::value(None::<String>))
            .filter(user::Column::Id.eq(user_id))
            .exec(&txn)
            .await?;
    }
    audit::record(
        &txn,
        now,
        AuditEntry {
            actor_user_id: Some(user_id),
            on_behalf_of_user_id: None,
            action: "admin.login",
            subject: format!("user:{user_id}"),
            details: serde_json::json!({ "second_factor": method }),
        },
    )
    .await?;
    txn.commit().await?;
    auth::complete_second_factor(state, user_id).await?;
    Ok(user::Entity::find_by_id(user_id).one(&state.db).await?.ok_or(AppError::Internal)?)
}

/// Marks the recovery code used if it is one of the user's unused ones. The
/// claim itself requires `used_at IS NULL`, so of two at once only one wins.
async fn claim_recovery_code(txn: &DatabaseTransaction, user_id: i32, code: &str, now: DateTime<Utc>) -> Result<bool, AppError> {
    let unused = recovery_code::Entity::find()
        .filter(recovery_code::Column::UserId.eq(user_id))
        .filter(recovery_code::Column::UsedAt.is_null())
        .all(txn)
        .await?;
    let Some(matching) = unused.into_iter().find(|rc| rc.code_hash == hash(&rc.salt, code)) else { return Ok(false) };
    let claimed = recovery_code::Entity::update_many()
        .col_expr(recovery_code::Column::UsedAt, Expr::value(Some(now)))
        .filter(recovery_code::Column::Id.eq(matching.id))
        .filter(recovery_code::Column::UsedAt.is_null())
        .exec(txn)
        .await?;
    Ok(claimed.rows_affected == 1)
}

/// Counts a wrong code (atomically, in the database); the error to answer
/// with — the lock, and the e-mail about it, when this was one too many.
async fn count_failure(state: &AppState, user: &user::Model) -> Result<AppError, AppError> {
    let now = state.now();
    let txn = state.db.begin().await?;
    user::Entity::update_many()
        .col_expr(user::Column::SecondFactorFailures, Expr::col(user::Column::SecondFactorFailures).add(1))
        .filter(user::Column::Id.eq(user.id))
        .exec(&txn)
        .await?;
    let failures = user::Entity::find_by_id(user.id).one(&txn).await?.map_or(0, |u| u.second_factor_failures);
    if failures < MAX_FAILURES {
        txn.commit().await?;
        return Ok(wrong_code());
    }
    user::Entity::update_many()
        .col_expr(user::Column::SecondFactorFailures, Expr::value(0))
        .col_expr(user::Column::SecondFactorLockedUntil, Expr::value(Some(now + LOCK)))
        .filter(user::Column::Id.eq(user.id))
        .exec(&txn)
        .await?;
    let locale = crate::i18n::Locale::from(super::language::of_account(user));
    super::outbox::queue(
        &txn,
        now,
        &user.email,
        crate::i18n::td_string!(locale, mail.second_factor_locked_subject).into(),
        crate::i18n::fill(crate::i18n::td_string!(locale, mail.second_factor_locked_body), &[
            ("failures", &MAX_FAILURES.to_string()),
            ("minutes", &LOCK.num_minutes().to_string()),
        ]),
    )
    .await?;
    audit::record(
        &txn,
        now,
        AuditEntry {
            actor_user_id: None,
            on_behalf_of_user_id: None,
            action: "admin.second_factor_locked",
            subject: format!("user:{}", user.id),
            details: serde_json::json!({ "failures": failures }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(locked())
}

//! ADM-6: admins enrol a TOTP second factor at their first login and give a
//! code (or a one-time recovery code) at every login after the password.
use super::audit::{self, AuditEntry};
use super::auth;
use super::entities::{recovery_code, user};
use super::state::AppState;
use super::totp;
use crate::error::AppError;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set, TransactionTrait};
use sha2::{Digest, Sha256};

pub const RECOVERY_CODES: usize = 10;

fn hash(code: &str) -> String {
    let normalized: String = code.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_uppercase();
    Sha256::digest(normalized.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

fn secret_of(user: &user::Model) -> Result<Vec<u8>, AppError> {
    user.totp_secret.as_deref().and_then(totp::base32_decode).ok_or_else(|| {
        AppError::conflict("code", "Ingen nyckel är skapad ännu. Börja om inloggningen.")
    })
}

fn wrong_code() -> AppError {
    AppError::invalid("code", "Koden stämmer inte. Ange den sexsiffriga koden som appen visar just nu, eller en återställningskod.")
}

/// Whether this person must give a second factor at login.
pub fn required_for(user: &user::Model) -> bool {
    user.role == crate::domain::Role::Admin
}

/// Creates (or replaces an unconfirmed) secret; returns it in base32 and as an otpauth address.
pub async fn begin_enrolment(state: &AppState, user: user::Model) -> Result<(String, String), AppError> {
    if user.totp_enabled {
        return Err(AppError::conflict("code", "Tvåstegsverifiering är redan aktiverad för kontot."));
    }
    let mut secret = [0u8; 20];
    OsRng.fill_bytes(&mut secret);
    let encoded = totp::base32_encode(&secret);
    let uri = totp::otpauth_uri(&encoded, &user.email);
    let mut active: user::ActiveModel = user.into();
    active.totp_secret = Set(Some(encoded.clone()));
    active.update(&state.db).await?;
    Ok((encoded, uri))
}

/// Confirms enrolment with a first code; returns the recovery codes, shown once.
pub async fn confirm_enrolment(state: &AppState, user: user::Model, code: &str) -> Result<Vec<String>, AppError> {
    if user.totp_enabled {
        return Err(AppError::conflict("code", "Tvåstegsverifiering är redan aktiverad för kontot."));
    }
    let secret = secret_of(&user)?;
    let now = state.now();
    let step = totp::verify(&secret, code, now.timestamp(), None).ok_or_else(wrong_code)?;
    let codes: Vec<String> = (0..RECOVERY_CODES)
        .map(|_| {
            let mut b = [0u8; 8];
            OsRng.fill_bytes(&mut b);
            let s = totp::base32_encode(&b);
            format!("{}-{}", &s[..5], &s[5..10])
        })
        .collect();
    let user_id = user.id;
    let txn = state.db.begin().await?;
    let mut active: user::ActiveModel = user.into();
    active.totp_enabled = Set(true);
    active.totp_last_step = Set(Some(step));
    active.update(&txn).await?;
    recovery_code::Entity::delete_many().filter(recovery_code::Column::UserId.eq(user_id)).exec(&txn).await?;
    for c in &codes {
        recovery_code::ActiveModel { user_id: Set(user_id), code_hash: Set(hash(c)), used_at: Set(None), ..Default::default() }
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

/// The login's second step: a current TOTP code (not used before) or an unused recovery code.
pub async fn verify(state: &AppState, user: user::Model, code: &str, ip: &str) -> Result<user::Model, AppError> {
    if !user.totp_enabled {
        return Err(AppError::conflict("code", "Tvåstegsverifiering är inte aktiverad ännu."));
    }
    auth::check_throttle(state, &user.email, ip).await?;
    let secret = secret_of(&user)?;
    let now = state.now();
    let user_id = user.id;
    let email = user.email.clone();
    let method;
    let txn = state.db.begin().await?;
    if let Some(step) = totp::verify(&secret, code, now.timestamp(), user.totp_last_step) {
        // Only a newer step than any before: a code is good once.
        let updated = user::Entity::update_many()
            .col_expr(user::Column::TotpLastStep, sea_orm::sea_query::Expr::value(Some(step)))
            .filter(user::Column::Id.eq(user_id))
            .filter(
                sea_orm::Condition::any()
                    .add(user::Column::TotpLastStep.is_null())
                    .add(user::Column::TotpLastStep.lt(step)),
            )
            .exec(&txn)
            .await?;
        if updated.rows_affected == 0 {
            txn.rollback().await?;
            auth::record_failure(state, &email, ip).await?;
            return Err(wrong_code());
        }
        method = "totp";
    } else {
        let unused = recovery_code::Entity::find()
            .filter(recovery_code::Column::UserId.eq(user_id))
            .filter(recovery_code::Column::CodeHash.eq(hash(code)))
            .filter(recovery_code::Column::UsedAt.is_null())
            .one(&txn)
            .await?;
        let Some(rc) = unused else {
            txn.rollback().await?;
            auth::record_failure(state, &email, ip).await?;
            return Err(wrong_code());
        };
        let mut used: recovery_code::ActiveModel = rc.into();
        used.used_at = Set(Some(now));
        used.update(&txn).await?;
        method = "recovery_code";
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
    auth::clear_failures(state, &email).await?;
    auth::complete_second_factor(state, user_id).await?;
    Ok(user::Entity::find_by_id(user_id).one(&state.db).await?.ok_or(AppError::Internal)?)
}

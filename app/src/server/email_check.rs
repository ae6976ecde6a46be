//! ACC-1, ACC-3: an e-mail address is proven with a link before the account
//! can act — so nobody can register (or rename an account) to an address
//! that is not theirs and have the portal mail it on their behalf.
use super::audit::{self, AuditEntry};
use super::auth::{new_token, sha256_hex, Caller};
use super::entities::{email_verification, user};
use super::state::AppState;
use crate::error::AppError;
use chrono::Duration;
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, Set, TransactionTrait};

/// How long a link to prove an address is good.
pub const LINK_VALID: Duration = Duration::hours(48);
/// Links sent to one account an hour, at most.
const LINKS_PER_HOUR: u64 = 3;

/// Queues a link proving `account`'s current address, to that address.
pub async fn send_link(state: &AppState, db: &impl ConnectionTrait, account: &user::Model) -> Result<(), AppError> {
    let now = state.now();
    let secret = new_token();
    email_verification::ActiveModel {
        id: Set(sha256_hex(&secret)),
        user_id: Set(account.id),
        email: Set(account.email.clone()),
        created_at: Set(now),
        expires_at: Set(now + LINK_VALID),
        used_at: Set(None),
    }
    .insert(db)
    .await?;
    // UX-2: in the language of the account's owner.
    let locale = crate::i18n::Locale::from(super::language::of_account(account));
    let body = crate::i18n::fill(crate::i18n::td_string!(locale, mail.verify_body), &[
        ("email", &account.email),
        ("hours", &LINK_VALID.num_hours().to_string()),
        ("link", &super::support::link(state, &format!("/bekrafta-epost?kod={secret}"))),
    ]);
    super::outbox::queue(db, now, &account.email, crate::i18n::td_string!(locale, mail.verify_subject).into(), body)
    .await
}

/// Sends the caller a new link, unless the address is proven already or
/// several links went out in the last hour.
pub async fn resend(state: &AppState, caller: &Caller) -> Result<(), AppError> {
    if caller.user.email_verified_at.is_some() {
        return Err(AppError::conflict("email", said!(server_errors.email_already_confirmed)));
    }
    let recent = email_verification::Entity::find()
        .filter(email_verification::Column::UserId.eq(caller.id()))
        .filter(email_verification::Column::CreatedAt.gt(state.now() - Duration::hours(1)))
        .count(&state.db)
        .await?;
    if recent >= LINKS_PER_HOUR {
        return Err(AppError::TooManyRequests(said!(server_errors.links_throttled).into()));
    }
    send_link(state, &state.db, &caller.user).await
}

/// Proves an address with a link's secret; the account's username. The
/// link is good once, until it expires, and only while the account still
/// has the address it was sent to.
pub async fn verify(state: &AppState, secret: &str) -> Result<String, AppError> {
    let now = state.now();
    let invalid = || AppError::invalid("code", said!(server_errors.verify_link_invalid));
    let id = sha256_hex(secret.trim());
    let txn = state.db.begin().await?;
    let claimed = email_verification::Entity::update_many()
        .col_expr(email_verification::Column::UsedAt, Expr::value(Some(now)))
        .filter(email_verification::Column::Id.eq(id.clone()))
        .filter(email_verification::Column::UsedAt.is_null())
        .filter(email_verification::Column::ExpiresAt.gt(now))
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(invalid());
    }
    let link = email_verification::Entity::find_by_id(id).one(&txn).await?.ok_or_else(invalid)?;
    let account = user::Entity::find_by_id(link.user_id).one(&txn).await?.filter(|u| u.email == link.email).ok_or_else(invalid)?;
    let mut active: user::ActiveModel = account.clone().into();
    active.email_verified_at = Set(Some(now));
    active.update(&txn).await?;
    audit::record(
        &txn,
        now,
        AuditEntry {
            actor_user_id: Some(account.id),
            on_behalf_of_user_id: None,
            action: "account.email_verified",
            subject: format!("user:{}", account.id),
            details: serde_json::json!({ "email": account.email }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(account.email)
}

/// ACC-1: refuses to act (create a team or a case) until the address is proven.
pub fn require_verified(caller: &Caller) -> Result<(), AppError> {
    if caller.user.email_verified_at.is_some() {
        Ok(())
    } else {
        Err(AppError::conflict(
            "email",
            crate::i18n::fill(said!(server_errors.confirm_email_first), &[("email", &caller.user.email)]),
        ))
    }
}

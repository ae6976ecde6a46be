//! Account rules on the server: registration (ACC-1), usernames (ACC-2, ACC-3),
//! login (ACC-4) and the user's own details.
use super::audit::{self, AuditEntry};
use super::auth::{self, Caller};
use super::throttle;
use super::entities::user;
use super::state::AppState;
use crate::domain::{Email, Password, Personnummer, PhoneNumber, PostalCode, Role, UserType, TERMS_VERSION};
use crate::error::{required_text, AppError, TextLabel, Validation};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set, SqlErr, TransactionTrait};
use serde_json::json;

/// What the registration form sends.
pub struct Registration {
    pub terms_version: String,
    pub email: String,
    pub name: String,
    pub personnummer: String,
    pub mobile: String,
    pub password: String,
    pub street_address: String,
    pub postal_code: String,
    pub city: String,
    pub user_type: String,
}

/// Contact details as typed.
pub struct Contact {
    pub mobile: String,
    pub street_address: String,
    pub postal_code: String,
    pub city: String,
}

struct ParsedContact {
    mobile: PhoneNumber,
    street_address: String,
    postal_code: PostalCode,
    city: String,
}

fn parse_contact(v: &mut Validation, c: &Contact) -> Option<ParsedContact> {
    let mobile = v.check("mobile", PhoneNumber::parse(&c.mobile));
    let street_address = v.check("street_address", required_text(TextLabel::StreetAddress, &c.street_address, 200));
    let postal_code = v.check("postal_code", PostalCode::parse(&c.postal_code));
    let city = v.check("city", required_text(TextLabel::City, &c.city, 100));
    Some(ParsedContact { mobile: mobile?, street_address: street_address?, postal_code: postal_code?, city: city? })
}

/// ACC-2: the e-mail must parse, must not be an Energikonto login, and must
/// not be another portal account's username (`except` is the asking user).
pub async fn check_username_free(state: &AppState, raw: &str, except: Option<i32>) -> Result<Email, AppError> {
    let email = Email::parse(raw).map_err(|e| AppError::invalid_because("email", &e))?;
    if state.registers.customer_accounts.is_energikonto_login(&email).await? {
        return Err(AppError::conflict("email", said!(account_errors.email_is_energikonto)));
    }
    let existing = user::Entity::find().filter(user::Column::Email.eq(email.as_str())).one(&state.db).await?;
    if existing.is_some_and(|u| Some(u.id) != except) {
        return Err(AppError::conflict("email", said!(account_errors.email_taken)));
    }
    Ok(email)
}

/// Maps a unique-index violation from a concurrent writer to the message the
/// earlier check would have given.
fn unique_violation(err: sea_orm::DbErr) -> AppError {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(detail)) if detail.contains("personnummer") => {
            AppError::conflict("personnummer", said!(account_errors.personnummer_taken))
        }
        Some(SqlErr::UniqueConstraintViolation(_)) => AppError::conflict("email", said!(account_errors.email_taken)),
        _ => err.into(),
    }
}


/// ACC-1: creates an installer account, records the accepted terms, and logs in.
pub async fn register(state: &AppState, input: Registration) -> Result<user::Model, AppError> {
    let now = state.now();
    let mut v = Validation::new();
    if input.terms_version != TERMS_VERSION {
        v.fail("terms_version", said!(account_errors.terms));
    }
    let email = v.check("email", Email::parse(&input.email));
    let name = v.check("name", required_text(TextLabel::Name, &input.name, 200));
    let personnummer = v.check("personnummer", Personnummer::parse(&input.personnummer, now.date_naive()));
    let password = v.check("password", Password::parse(&input.password, email.as_ref().map(Email::as_str)));
    let user_type = v.check(
        "user_type",
        UserType::from_code(&input.user_type).ok_or(said!(account_errors.user_type)),
    );
    let contact = parse_contact(
        &mut v,
        &Contact {
            mobile: input.mobile,
            street_address: input.street_address,
            postal_code: input.postal_code,
            city: input.city,
        },
    );
    v.finish()?;
    let (email, name, personnummer, password, user_type, contact) = (
        email.expect("checked"),
        name.expect("checked"),
        personnummer.expect("checked"),
        password.expect("checked"),
        user_type.expect("checked"),
        contact.expect("checked"),
    );

    // The registers, then our own accounts.
    let Some(person) = state.registers.population.person(&personnummer).await? else {
        return Err(AppError::invalid("personnummer", said!(account_errors.not_in_population)));
    };
    if !crate::domain::same_person_name(&name, &person.name) {
        return Err(AppError::invalid("name", said!(account_errors.name_mismatch)));
    }
    check_username_free(state, email.as_str(), None).await?;
    let taken = user::Entity::find()
        .filter(user::Column::Personnummer.eq(personnummer.as_str()))
        .one(&state.db)
        .await?;
    if taken.is_some() {
        return Err(AppError::conflict("personnummer", said!(account_errors.personnummer_taken)));
    }

    let hash = auth::hash_password(password.expose().to_string()).await?;
    let txn = state.db.begin().await?;
    let created = user::ActiveModel {
        email: Set(email.as_str().to_string()),
        name: Set(name),
        personnummer: Set(Some(personnummer.as_str().to_string())),
        authorization_number: Set(None),
        mobile: Set(contact.mobile.as_str().to_string()),
        street_address: Set(Some(contact.street_address)),
        postal_code: Set(Some(contact.postal_code.as_str().to_string())),
        city: Set(Some(contact.city)),
        user_type: Set(Some(user_type)),
        role: Set(Role::Installer),
        password_hash: Set(Some(hash)),
        terms_version: Set(Some(TERMS_VERSION.to_string())),
        terms_accepted_at: Set(Some(now)),
        created_at: Set(now),
        updated_at: Set(now),
        // UX-2: registered in English after choosing it: the account keeps English.
        language: Set(super::language::chosen_for_new_account()),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(unique_violation)?;
    audit::record(
        &txn,
        now,
        AuditEntry {
            actor_user_id: Some(created.id),
            on_behalf_of_user_id: None,
            action: "account.registered",
            subject: format!("user:{}", created.id),
            details: json!({ "user_type": user_type.code(), "terms_version": TERMS_VERSION }),
        },
    )
    .await?;
    super::email_check::send_link(state, &txn, &created).await?;
    auth::start_session(state, &txn, created.id).await?;
    txn.commit().await?;
    Ok(created)
}

/// ACC-4: the same answer, in about the same time, for an unknown user and a
/// wrong password; throttled per account and per address (`throttle`), but
/// never for the owner on a browser that has logged in to the account before.
/// `device`: that browser's device token, if it sent one.
pub async fn login(state: &AppState, raw_email: &str, password: String, ip: &str, device: Option<&str>) -> Result<user::Model, AppError> {
    // Throttle on the text as typed, normalised the way usernames are (and
    // no longer than a username can be: the column holds 254 characters).
    let key: String = raw_email.trim().to_lowercase().chars().take(254).collect();
    let found = match Email::parse(raw_email) {
        Ok(email) => user::Entity::find().filter(user::Column::Email.eq(email.as_str())).one(&state.db).await?,
        Err(_) => None,
    };
    let known_device = throttle::is_known_device(&state.db, device, found.as_ref().map(|u| u.id)).await?;
    let attempt = match throttle::begin_attempt(state, &key, ip, known_device).await {
        Err(AppError::TooManyAttempts) => {
            super::metrics::login_throttled();
            return Err(AppError::TooManyAttempts);
        }
        other => other?,
    };
    let stored = found.as_ref().and_then(|u| u.password_hash.clone());
    let ok = auth::verify_password(stored, password).await?;
    match found {
        // ADM-7: told only to whoever knows the password.
        Some(user) if ok && user.deactivated_at.is_some() => {
            throttle::succeeded(state, attempt).await?;
            Err(AppError::Deactivated)
        }
        Some(user) if ok => {
            throttle::succeeded(state, attempt).await?;
            if let Some(cookie) = throttle::remember_device(state, user.id, device).await? {
                auth::set_cookie_header(cookie);
            }
            if super::second_factor::required_for(&user) {
                // ADM-6: the password alone opens nothing for an admin.
                auth::start_pending_session(state, &state.db, user.id).await?;
            } else {
                auth::start_session(state, &state.db, user.id).await?;
            }
            Ok(user)
        }
        // The attempt stays recorded as a failure.
        _ => {
            super::metrics::login_failed();
            Err(AppError::WrongCredentials)
        }
    }
}

/// Re-authentication before a change to an account: the password of the
/// person at the keyboard — the user, or the admin acting for them (ADM-2).
async fn reauthenticate(state: &AppState, caller: &Caller, password: &str) -> Result<(), AppError> {
    let real_id = caller.acting_admin.as_ref().map_or(caller.user.id, |a| a.admin_id);
    let stored = user::Entity::find_by_id(real_id).one(&state.db).await?.and_then(|u| u.password_hash);
    if auth::verify_password(stored, password.to_string()).await? {
        Ok(())
    } else {
        Err(AppError::invalid("current_password", said!(server_errors.confirm_with_password)))
    }
}

/// ACC-3: a new username, under the rules of ACC-2; the current password confirms it.
pub async fn change_username(state: &AppState, caller: &Caller, raw: &str, current_password: &str) -> Result<user::Model, AppError> {
    reauthenticate(state, caller, current_password).await?;
    let user = caller.user.clone();
    let email = check_username_free(state, raw, Some(user.id)).await?;
    if email.as_str() == user.email {
        return Ok(user);
    }
    let now = state.now();
    let old = user.email.clone();
    let txn = state.db.begin().await?;
    let mut active: user::ActiveModel = user.into();
    active.email = Set(email.as_str().to_string());
    // A new address is proven like the first one (ACC-1).
    active.email_verified_at = Set(None);
    active.updated_at = Set(now);
    let updated = active.update(&txn).await.map_err(unique_violation)?;
    super::email_check::send_link(state, &txn, &updated).await?;
    let details = json!({ "from": old, "to": updated.email });
    audit::record(&txn, now, AuditEntry::by(caller, "account.username_changed", format!("user:{}", updated.id), details)).await?;
    txn.commit().await?;
    Ok(updated)
}

/// New contact details; the current password confirms them.
pub async fn update_contact(state: &AppState, caller: &Caller, contact: Contact, current_password: &str) -> Result<user::Model, AppError> {
    let mut v = Validation::new();
    let parsed = parse_contact(&mut v, &contact);
    v.finish()?;
    reauthenticate(state, caller, current_password).await?;
    let parsed = parsed.expect("checked");
    let now = state.now();
    let txn = state.db.begin().await?;
    let mut active: user::ActiveModel = caller.user.clone().into();
    active.mobile = Set(parsed.mobile.as_str().to_string());
    active.street_address = Set(Some(parsed.street_address));
    active.postal_code = Set(Some(parsed.postal_code.as_str().to_string()));
    active.city = Set(Some(parsed.city));
    active.updated_at = Set(now);
    let updated = active.update(&txn).await?;
    audit::record(&txn, now, AuditEntry::by(caller, "account.contact_changed", format!("user:{}", updated.id), json!({}))).await?;
    txn.commit().await?;
    Ok(updated)
}

/// A new password; the current one proves it is the user at the keyboard.
/// Every other session of the user ends.
pub async fn change_password(
    state: &AppState,
    caller: &Caller,
    current: String,
    new: String,
) -> Result<(), AppError> {
    // A password is its owner's alone; customer service sends a link instead (ACC-6).
    if caller.acting_admin.is_some() {
        return Err(AppError::conflict(
            "current_password",
            said!(server_errors.staff_cannot_change_password),
        ));
    }
    let user = caller.user.clone();
    if !auth::verify_password(user.password_hash.clone(), current).await? {
        return Err(AppError::invalid("current_password", said!(server_errors.current_password_wrong)));
    }
    let password =
        Password::parse(&new, Some(&user.email)).map_err(|e| AppError::invalid_because("new_password", &e))?;
    let hash = auth::hash_password(password.expose().to_string()).await?;
    let now = state.now();
    let user_id = user.id;
    let txn = state.db.begin().await?;
    let mut active: user::ActiveModel = user.into();
    active.password_hash = Set(Some(hash));
    active.updated_at = Set(now);
    active.update(&txn).await?;
    auth::end_other_sessions(state, &txn, user_id).await?;
    audit::record(
        &txn,
        now,
        AuditEntry {
            actor_user_id: Some(user_id),
            on_behalf_of_user_id: None,
            action: "account.password_changed",
            subject: format!("user:{user_id}"),
            details: json!({}),
        },
    )
    .await?;
    txn.commit().await?;
    auth::sessions_ended(state, user_id).await;
    Ok(())
}

/// How long a link from `Glömt lösenord` is good.
pub const RESET_LINK_VALID: chrono::Duration = chrono::Duration::hours(1);
/// Links sent to one account an hour, at most (more are not sent, silently).
const RESET_LINKS_PER_HOUR: u64 = 3;

/// ACC-4 `Glömt lösenord`: e-mails a one-time link to choose a new password
/// (hashed, an hour, once). The answer is the same whether or not the
/// address belongs to an account.
pub async fn request_password_reset(state: &AppState, raw_email: &str) -> Result<(), AppError> {
    use super::entities::password_link;
    let email = Email::parse(raw_email).map_err(|e| AppError::invalid_because("email", &e))?;
    // A deactivated account (ADM-7) gets no link, with the same answer.
    let Some(account) = user::Entity::find()
        .filter(user::Column::Email.eq(email.as_str()))
        .filter(user::Column::DeactivatedAt.is_null())
        .one(&state.db)
        .await?
    else {
        return Ok(());
    };
    let now = state.now();
    let recent = password_link::Entity::find()
        .filter(password_link::Column::UserId.eq(account.id))
        .filter(password_link::Column::CreatedAt.gt(now - chrono::Duration::hours(1)))
        .count(&state.db)
        .await?;
    if recent >= RESET_LINKS_PER_HOUR {
        return Ok(());
    }
    let txn = state.db.begin().await?;
    let secret = super::support::new_password_link(&txn, account.id, now, RESET_LINK_VALID).await?;
    let locale = crate::i18n::Locale::from(super::language::of_account(&account));
    super::outbox::queue(
        &txn,
        now,
        &account.email,
        crate::i18n::td_string!(locale, mail.new_password_subject).into(),
        crate::i18n::fill(crate::i18n::td_string!(locale, mail.password_reset_body), &[
            ("email", &account.email),
            ("link", &super::support::link(state, &format!("/valj-losenord?kod={secret}&nytt=1"))),
        ]),
    )
    .await?;
    audit::record(
        &txn,
        now,
        AuditEntry {
            actor_user_id: None,
            on_behalf_of_user_id: None,
            action: "account.password_reset_requested",
            subject: format!("user:{}", account.id),
            details: json!({}),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

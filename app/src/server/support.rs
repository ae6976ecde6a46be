//! ACC-7: requests to support, from filing to completion or rejection, and
//! what completing them creates: accounts for foreign installers (ACC-5),
//! accounts and teams for installers without a company (ACC-6), and teams for
//! municipalities and similar bodies (TEAM-8). The same creation serves an
//! admin who works from a request and one who works from papers sent in
//! another way (with the document uploaded directly).
use super::audit::{self, AuditEntry};
use super::auth::{self, new_token, sha256_hex};
use super::entities::{document, password_link, support_request, team, user};
use super::state::AppState;
use super::storage::ReceivedFile;
use crate::domain::support::{validate_creation, validate_request, DocumentKind, SupportFieldError, SupportKind, SupportStatus};
use crate::translated::support_text;
use crate::i18n::{fill, td_string, Locale};
use crate::domain::{Email, Language, Organisationsnummer, Password, Role, UserType, TERMS_VERSION};
use crate::error::{AppError, TextLabel, Validation};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set, TransactionTrait,
};
use serde_json::json;
use std::collections::BTreeMap;

/// How long a link to set one's password is valid.
pub const PASSWORD_LINK_VALID: Duration = Duration::days(7);
/// Open requests one e-mail address may have at a time; stops a flood from the public form.
pub const MAX_OPEN_PER_REQUESTER: u64 = 5;
/// Requests one network address may send per hour, whatever e-mail addresses they give.
pub const MAX_PER_ADDRESS_PER_HOUR: u64 = 20;
/// Documents stored from one client address in a day, at most.
pub const MAX_BYTES_PER_ADDRESS_PER_DAY: i64 = 50 * 1024 * 1024;
pub const QUEUE_PAGE: u64 = 25;


pub fn kind_of(r: &support_request::Model) -> SupportKind {
    r.kind
}

pub fn status_of(r: &support_request::Model) -> SupportStatus {
    r.status
}

pub fn details_of(r: &support_request::Model) -> BTreeMap<String, String> {
    serde_json::from_str(&r.details).unwrap_or_default()
}

/// Where a link in an e-mail points.
/// A one-time link's secret for choosing a password: only its SHA-256 is
/// kept; it is good once, until `valid` has passed.
pub async fn new_password_link(db: &impl ConnectionTrait, user_id: i32, now: DateTime<Utc>, valid: Duration) -> Result<String, AppError> {
    let secret = new_token();
    password_link::ActiveModel {
        id: Set(sha256_hex(&secret)),
        user_id: Set(user_id),
        created_at: Set(now),
        expires_at: Set(now + valid),
        used_at: Set(None),
    }
    .insert(db)
    .await?;
    Ok(secret)
}

pub(crate) fn link(state: &AppState, path: &str) -> String {
    format!("{}{path}", state.settings.public_url.trim_end_matches('/'))
}

/// Keeps a received file in the attachment store and records it.
async fn store_document(
    state: &AppState,
    txn: &DatabaseTransaction,
    kind: DocumentKind,
    file: &ReceivedFile,
    by: Option<i32>,
    owner: (Option<i32>, Option<i32>, Option<i32>),
) -> Result<document::Model, AppError> {
    let now = state.now();
    let key = format!("documents/{}-{}", now.timestamp_millis(), &new_token()[..16]);
    state.attachments.put_file(&key, &file.scratch).await.map_err(|e| {
        tracing::error!(error = %e, "document storage failed");
        AppError::Internal
    })?;
    let (support_request_id, user_id, team_id) = owner;
    Ok(document::ActiveModel {
        support_request_id: Set(support_request_id),
        user_id: Set(user_id),
        team_id: Set(team_id),
        kind: Set(kind),
        file_name: Set(file.file_name.clone()),
        content_type: Set(file.content_type.to_string()),
        size_bytes: Set(file.size as i64),
        storage_key: Set(key),
        uploaded_by_user_id: Set(by),
        uploaded_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?)
}

/// Every wrong value of a request, each said in the reader's language (UX-2).
fn wrong_values(errors: Vec<SupportFieldError>) -> AppError {
    AppError::invalid_fields(errors.iter().map(|e| (e.field.key, e)))
}

fn require_document(kind: SupportKind, file: Option<&ReceivedFile>) -> Result<(), AppError> {
    match (kind.document(), file) {
        (Some(doc), None) => {
            let locale = crate::components::language::current_locale();
            Err(AppError::invalid("file", crate::i18n::fill(crate::i18n::td_string!(locale, support.attach_document), &[("document", &crate::translated::lower_first(support_text(locale, doc.label())))])))
        }
        _ => Ok(()),
    }
}

/// ACC-7 `Ärende till support`: anyone may file a request (a logged-in
/// installer's is linked to their account). Returns the request and the
/// secret of its status link, which is also e-mailed to the requester.
pub async fn file_request(
    state: &AppState,
    ip: &str,
    requester: Option<&user::Model>,
    kind: SupportKind,
    mut values: BTreeMap<String, String>,
    file: Option<ReceivedFile>,
) -> Result<(support_request::Model, String), AppError> {
    // A logged-in person need not type what the portal knows about them
    // (the account kinds describe the account to create, not the asker).
    if let Some(u) = requester.filter(|_| !kind.asks_for_account()) {
        for (key, known) in [("name", &u.name), ("email", &u.email), ("mobile", &u.mobile)] {
            if values.get(key).is_none_or(|v| v.trim().is_empty()) {
                values.insert(key.to_string(), known.clone());
            }
        }
    }
    let values = validate_request(kind, &values).map_err(wrong_values)?;
    require_document(kind, file.as_ref())?;
    let email = values.get("email").cloned().unwrap_or_default();
    let open = support_request::Entity::find()
        .filter(support_request::Column::RequesterEmail.eq(email.clone()))
        .filter(support_request::Column::Status.is_in([SupportStatus::Open, SupportStatus::InProgress]))
        .count(&state.db)
        .await?;
    if open >= MAX_OPEN_PER_REQUESTER {
        return Err(AppError::conflict(
            "email",
            crate::i18n::fill(said!(server_errors.too_many_open_requests), &[("n", &open.to_string())]),
        ));
    }
    let now = state.now();
    check_address_rate(state, ip).await?;
    if let Some(f) = file.as_ref() {
        check_address_bytes(state, ip, f.size).await?;
    }
    let token = new_token();
    let txn = state.db.begin().await?;
    let request = support_request::ActiveModel {
        kind: Set(kind),
        status: Set(SupportStatus::Open),
        requester_user_id: Set(requester.map(|u| u.id)),
        requester_name: Set(values.get("name").cloned().unwrap_or_default()),
        requester_email: Set(email.clone()),
        requester_ip: Set(ip.chars().take(45).collect()),
        details: Set(serde_json::to_string(&values).unwrap_or_default()),
        status_token_hash: Set(sha256_hex(&token)),
        handled_by_user_id: Set(None),
        decision_message: Set(None),
        outcome: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        closed_at: Set(None),
        language: Set(Some(super::language::current().language.code().to_string())),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    if let (Some(doc), Some(file)) = (kind.document(), file.as_ref()) {
        store_document(state, &txn, doc, file, requester.map(|u| u.id), (Some(request.id), None, None)).await?;
    }
    let locale = crate::components::language::current_locale();
    let kind_said = support_text(locale, kind.label());
    super::outbox::queue(
        &txn,
        now,
        &email,
        fill(td_string!(locale, mail.support_received_subject), &[("kind", kind_said)]),
        // Nothing the sender typed: the address is not verified, and this
        // mail must not carry a stranger's words from our sender (ACC-7).
        fill(td_string!(locale, mail.support_received_body), &[("kind", kind_said), ("link", &link(state, &format!("/support/status/{token}")))]),
    )
    .await?;
    audit::record(
        &txn,
        now,
        AuditEntry {
            actor_user_id: requester.map(|u| u.id),
            on_behalf_of_user_id: None,
            action: "support.filed",
            subject: format!("support:{}", request.id),
            details: json!({ "kind": kind.code() }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok((request, token))
}

/// ACC-7: at most `MAX_PER_ADDRESS_PER_HOUR` requests an hour from one
/// client address. Checked before a form's body is read, and again with it.
pub async fn check_address_rate(state: &AppState, ip: &str) -> Result<(), AppError> {
    let from_address = support_request::Entity::find()
        .filter(support_request::Column::RequesterIp.eq(ip))
        .filter(support_request::Column::CreatedAt.gt(state.now() - Duration::hours(1)))
        .count(&state.db)
        .await?;
    if from_address >= MAX_PER_ADDRESS_PER_HOUR {
        return Err(AppError::TooManyRequests(
            said!(server_errors.requests_throttled).into(),
        ));
    }
    Ok(())
}

/// ACC-7: at most `MAX_BYTES_PER_ADDRESS_PER_DAY` of documents a day from one client address.
async fn check_address_bytes(state: &AppState, ip: &str, adding: u64) -> Result<(), AppError> {
    let requests: Vec<i32> = support_request::Entity::find()
        .filter(support_request::Column::RequesterIp.eq(ip))
        .filter(support_request::Column::CreatedAt.gt(state.now() - Duration::days(1)))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|r| r.id)
        .collect();
    // Summed here rather than with SUM(): PostgreSQL's SUM over BIGINT is NUMERIC.
    let stored: i64 = document::Entity::find()
        .filter(document::Column::SupportRequestId.is_in(requests))
        .all(&state.db)
        .await?
        .iter()
        .map(|d| d.size_bytes)
        .sum();
    if stored.saturating_add(adding as i64) > MAX_BYTES_PER_ADDRESS_PER_DAY {
        return Err(AppError::TooManyRequests(
            said!(server_errors.documents_throttled).into(),
        ));
    }
    Ok(())
}

/// A requester's own requests, newest first.
pub async fn requests_of(state: &AppState, caller: &super::auth::Caller) -> Result<Vec<support_request::Model>, AppError> {
    Ok(support_request::Entity::find()
        .filter(support_request::Column::RequesterUserId.eq(caller.id()))
        .order_by_desc(support_request::Column::CreatedAt)
        .limit(50)
        .all(&state.db)
        .await?)
}

/// The request a status link points to.
pub async fn by_status_token(state: &AppState, token: &str) -> Result<support_request::Model, AppError> {
    support_request::Entity::find()
        .filter(support_request::Column::StatusTokenHash.eq(sha256_hex(token.trim())))
        .one(&state.db)
        .await?
        .ok_or_else(|| AppError::NotFound(said!(server_errors.link_no_request).into()))
}

/// The admins' queue: open and in-progress requests oldest first, or the closed ones newest first.
pub async fn queue(state: &AppState, closed: bool, page: crate::domain::PageNumber) -> Result<(Vec<support_request::Model>, u64), AppError> {
    let statuses = if closed {
        [SupportStatus::Completed, SupportStatus::Rejected]
    } else {
        [SupportStatus::Open, SupportStatus::InProgress]
    };
    let q = support_request::Entity::find().filter(support_request::Column::Status.is_in(statuses));
    let order = |q: sea_orm::Select<support_request::Entity>| {
        let by_age = if closed {
            q.order_by_desc(support_request::Column::CreatedAt)
        } else {
            q.order_by_asc(support_request::Column::CreatedAt)
        };
        by_age.order_by_asc(support_request::Column::Id)
    };
    Ok(super::listing::page(&state.db, q, order, page, QUEUE_PAGE).await?)
}

/// A request with its documents, and the name of the admin handling it.
pub async fn request_with_documents(
    state: &AppState,
    id: i32,
) -> Result<(support_request::Model, Vec<document::Model>, Option<String>), AppError> {
    let r = support_request::Entity::find_by_id(id).one(&state.db).await?.ok_or_else(|| AppError::NotFound(said!(server_errors.support_not_found).into()))?;
    let docs = document::Entity::find()
        .filter(document::Column::SupportRequestId.eq(id))
        .order_by_asc(document::Column::Id)
        .all(&state.db)
        .await?;
    let handler = match r.handled_by_user_id {
        Some(h) => user::Entity::find_by_id(h).one(&state.db).await?.map(|u| u.name),
        None => None,
    };
    Ok((r, docs, handler))
}

/// Starts a transaction holding the request's row, read anew; refuses a closed one.
async fn lock_open(state: &AppState, id: i32) -> Result<(DatabaseTransaction, support_request::Model), AppError> {
    let txn = state.db.begin().await?;
    let touch = (support_request::Column::Id, Expr::col(support_request::Column::Id).into());
    super::locks::lock_row::<support_request::Entity>(&txn, support_request::Column::Id, id, touch).await?;
    let r = support_request::Entity::find_by_id(id).one(&txn).await?.ok_or_else(|| AppError::NotFound(said!(server_errors.support_not_found).into()))?;
    if status_of(&r).is_closed() {
        return Err(AppError::conflict("status", crate::i18n::fill(said!(server_errors.request_already), &[("status", &support_text(crate::components::language::current_locale(), status_of(&r).label()).to_lowercase())])));
    }
    Ok((txn, r))
}

async fn record(txn: &DatabaseTransaction, now: DateTime<Utc>, admin: &user::Model, action: &str, subject: String, details: serde_json::Value) -> Result<(), AppError> {
    audit::record(txn, now, AuditEntry { actor_user_id: Some(admin.id), on_behalf_of_user_id: None, action, subject, details }).await?;
    Ok(())
}

/// An admin takes a request: it shows as theirs and as being handled.
pub async fn take(state: &AppState, admin: &user::Model, id: i32) -> Result<(), AppError> {
    let now = state.now();
    let (txn, r) = lock_open(state, id).await?;
    let mut active: support_request::ActiveModel = r.into();
    active.status = Set(SupportStatus::InProgress);
    active.handled_by_user_id = Set(Some(admin.id));
    active.updated_at = Set(now);
    active.update(&txn).await?;
    record(&txn, now, admin, "support.taken", format!("support:{id}"), json!({})).await?;
    txn.commit().await?;
    Ok(())
}

/// Closes a request as completed or rejected, tells the requester, and records it.
/// The language to answer a request in: the one it was filed in.
fn language_of_request(r: &support_request::Model) -> Language {
    r.language.as_deref().and_then(|code| code.parse().ok()).unwrap_or_default()
}

async fn close(
    state: &AppState,
    txn: &DatabaseTransaction,
    admin: &user::Model,
    r: support_request::Model,
    status: SupportStatus,
    message: Option<String>,
    outcome: Option<String>,
) -> Result<(), AppError> {
    let now = state.now();
    let (id, kind, email, name) = (r.id, kind_of(&r), r.requester_email.clone(), r.requester_name.clone());
    let locale = Locale::from(language_of_request(&r));
    let mut active: support_request::ActiveModel = r.into();
    active.status = Set(status);
    active.handled_by_user_id = Set(Some(admin.id));
    active.decision_message = Set(message.clone());
    active.outcome = Set(outcome.clone());
    active.updated_at = Set(now);
    active.closed_at = Set(Some(now));
    active.update(txn).await?;
    let (subject, body) = match status {
        SupportStatus::Rejected => (td_string!(locale, mail.support_rejected_subject), td_string!(locale, mail.support_rejected_body)),
        _ => (td_string!(locale, mail.support_completed_subject), td_string!(locale, mail.support_completed_body)),
    };
    let body = fill(body, &[
        ("name", &name),
        ("kind", support_text(locale, kind.label())),
        ("message", &message.as_deref().map(|m| format!("\n\n{m}")).unwrap_or_default()),
    ]);
    super::outbox::queue(txn, now, &email, subject.to_string(), body).await?;
    let action = if status == SupportStatus::Rejected { "support.rejected" } else { "support.completed" };
    record(txn, now, admin, action, format!("support:{id}"), json!({ "outcome": outcome, "message": message })).await
}

/// Rejects a request with a reason the requester sees.
pub async fn reject(state: &AppState, admin: &user::Model, id: i32, reason: &str) -> Result<(), AppError> {
    let reason = crate::error::required_text(TextLabel::RejectionReason, reason, 2000)
        .map_err(|e| AppError::invalid_because("reason", &e))?;
    let (txn, r) = lock_open(state, id).await?;
    close(state, &txn, admin, r, SupportStatus::Rejected, Some(reason), None).await?;
    txn.commit().await?;
    Ok(())
}

/// What a completed request created.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Created {
    Account { user_id: i32, team_id: Option<i32> },
    Team { team_id: i32 },
    Answered,
}

/// Completes a request: creates what its kind asks for from the (checked,
/// possibly corrected) values, with the request's document, in one
/// transaction with the request's closing. A question is completed with an answer.
pub async fn complete(state: &AppState, admin: &user::Model, id: i32, values: BTreeMap<String, String>, message: &str) -> Result<Created, AppError> {
    let message = message.trim();
    let (txn, r) = lock_open(state, id).await?;
    let kind = kind_of(&r);
    let created = if kind.creates() {
        let docs: Vec<i32> = document::Entity::find()
            .filter(document::Column::SupportRequestId.eq(id))
            .all(&txn)
            .await?
            .into_iter()
            .map(|d| d.id)
            .collect();
        if docs.is_empty() {
            return Err(AppError::conflict("file", said!(server_errors.request_lacks_document)));
        }
        create(state, &txn, admin, kind, &values, DocumentSource::Existing(docs), language_of_request(&r)).await?
    } else {
        if message.is_empty() {
            return Err(AppError::invalid("message", said!(server_errors.write_answer)));
        }
        Created::Answered
    };
    let outcome = match &created {
        Created::Account { user_id, .. } => Some(format!("user:{user_id}")),
        Created::Team { team_id } => Some(format!("team:{team_id}")),
        Created::Answered => None,
    };
    let locale = Locale::from(language_of_request(&r));
    let default_message = match &created {
        Created::Account { .. } => td_string!(locale, mail.support_account_created),
        Created::Team { .. } => td_string!(locale, mail.support_team_created),
        Created::Answered => "",
    };
    let message = if message.is_empty() { default_message.to_string() } else { message.to_string() };
    close(state, &txn, admin, r, SupportStatus::Completed, Some(message), outcome).await?;
    txn.commit().await?;
    if let Created::Account { user_id, .. } = &created {
        super::teams::tell(state, vec![*user_id]).await;
    }
    if let Created::Team { team_id } = &created {
        if let Some(t) = team::Entity::find_by_id(*team_id).one(&state.db).await? {
            super::teams::tell(state, vec![t.owner_user_id]).await;
        }
    }
    Ok(created)
}

/// Where the document of a manual creation comes from.
pub enum DocumentSource<'a> {
    /// Documents already kept with a request.
    Existing(Vec<i32>),
    /// A file the admin uploads now.
    Upload(Option<&'a ReceivedFile>),
}

/// An admin creates an account or a team directly (from papers sent in some
/// other way), with the document uploaded at the same time.
pub async fn create_directly(
    state: &AppState,
    admin: &user::Model,
    kind: SupportKind,
    values: &BTreeMap<String, String>,
    file: Option<&ReceivedFile>,
) -> Result<Created, AppError> {
    if !kind.creates() {
        return Err(AppError::invalid("kind", said!(server_errors.choose_what_to_create)));
    }
    let txn = state.db.begin().await?;
    let created = create(state, &txn, admin, kind, values, DocumentSource::Upload(file), Language::default()).await?;
    txn.commit().await?;
    match &created {
        Created::Team { team_id } => {
            if let Some(t) = team::Entity::find_by_id(*team_id).one(&state.db).await? {
                super::teams::tell(state, vec![t.owner_user_id]).await;
            }
        }
        Created::Account { user_id, .. } => super::teams::tell(state, vec![*user_id]).await,
        Created::Answered => {}
    }
    Ok(created)
}

/// Checks the values and creates what the kind asks for, inside `txn`.
async fn create(
    state: &AppState,
    txn: &DatabaseTransaction,
    admin: &user::Model,
    kind: SupportKind,
    values: &BTreeMap<String, String>,
    source: DocumentSource<'_>,
    language: Language,
) -> Result<Created, AppError> {
    if admin.role != Role::Admin {
        return Err(AppError::Forbidden);
    }
    let values = validate_creation(kind, values).map_err(wrong_values)?;
    if let DocumentSource::Upload(file) = &source {
        require_document(kind, *file)?;
    }
    let get = |key: &str| values.get(key).cloned().unwrap_or_default();
    let now = state.now();
    let (created, owner) = match kind {
        SupportKind::ForeignInstaller | SupportKind::InstallerWithoutCompany => {
            let account = create_installer(state, txn, admin, &values, kind, now, language).await?;
            let team_id = if kind == SupportKind::InstallerWithoutCompany {
                let team_name = Some(get("team_name")).filter(|n| !n.is_empty()).unwrap_or_else(|| account.name.clone());
                let t = insert_manual_team(
                    txn,
                    now,
                    ManualTeam {
                        name: team_name,
                        organisationsnummer: String::new(),
                        company_name: account.name.clone(),
                        contact_name: account.name.clone(),
                        contact_email: account.email.clone(),
                        contact_phone: account.mobile.clone(),
                        owner_user_id: account.id,
                    },
                )
                .await?;
                record(txn, now, admin, "team.created_manually", format!("team:{}", t.id), json!({ "for_user_id": account.id, "kind": kind.code() })).await?;
                Some(t.id)
            } else {
                None
            };
            (Created::Account { user_id: account.id, team_id }, (None::<i32>, Some(account.id), team_id))
        }
        SupportKind::MunicipalityTeam => {
            let owner_email = Email::parse(&get("owner_email")).map_err(|e| AppError::invalid_because("owner_email", &e))?;
            let owner = user::Entity::find()
                .filter(user::Column::Email.eq(owner_email.as_str()))
                .one(txn)
                .await?
                .filter(|u| u.role == Role::Installer)
                .ok_or_else(|| {
                    AppError::invalid("owner_email", said!(server_errors.no_owner_account))
                })?;
            let number = Organisationsnummer::parse(&get("organisationsnummer"))
                .map_err(|e| AppError::invalid_because("organisationsnummer", &e))?;
            let t = insert_manual_team(
                txn,
                now,
                ManualTeam {
                    name: get("team_name"),
                    organisationsnummer: number.as_str().to_string(),
                    company_name: get("organisation_name"),
                    contact_name: get("contact_name"),
                    contact_email: get("contact_email"),
                    contact_phone: get("contact_phone"),
                    owner_user_id: owner.id,
                },
            )
            .await?;
            record(txn, now, admin, "team.created_manually", format!("team:{}", t.id), json!({ "owner_user_id": owner.id, "organisationsnummer": t.organisationsnummer })).await?;
            (Created::Team { team_id: t.id }, (None, None, Some(t.id)))
        }
        SupportKind::Question => return Err(AppError::invalid("kind", said!(server_errors.choose_what_to_create))),
    };
    let (_, user_id, team_id) = owner;
    match source {
        DocumentSource::Existing(ids) => {
            document::Entity::update_many()
                .col_expr(document::Column::UserId, Expr::value(user_id))
                .col_expr(document::Column::TeamId, Expr::value(team_id))
                .filter(document::Column::Id.is_in(ids))
                .exec(txn)
                .await?;
        }
        DocumentSource::Upload(Some(file)) => {
            let doc = kind.document().unwrap_or(DocumentKind::Other);
            store_document(state, txn, doc, file, Some(admin.id), (None, user_id, team_id)).await?;
        }
        DocumentSource::Upload(None) => {}
    }
    Ok(created)
}

/// ACC-5, ACC-6: an installer account identified by an authorization number
/// found in the electrical safety register; no password until the installer
/// sets one through the e-mailed link.
async fn create_installer(
    state: &AppState,
    txn: &DatabaseTransaction,
    admin: &user::Model,
    values: &BTreeMap<String, String>,
    kind: SupportKind,
    now: DateTime<Utc>,
    language: Language,
) -> Result<user::Model, AppError> {
    let get = |key: &str| values.get(key).cloned().unwrap_or_default();
    let mut v = Validation::new();
    let number = get("authorization_number");
    let registered = state.registers.electrical_safety.authorization(&number).await?;
    if registered.is_none() {
        v.fail("authorization_number", said!(server_errors.authorization_unknown));
    }
    let taken = user::Entity::find().filter(user::Column::AuthorizationNumber.eq(number.clone())).count(txn).await? > 0;
    if taken {
        v.fail("authorization_number", said!(server_errors.authorization_taken));
    }
    let email = match super::accounts::check_username_free(state, &get("email"), None).await {
        Ok(e) => Some(e),
        Err(e) => {
            v.fail("email", e.field_message("email").unwrap_or_else(|| e.to_string()));
            None
        }
    };
    v.finish()?;
    let email = email.expect("checked");
    let account = user::ActiveModel {
        email: Set(email.as_str().to_string()),
        name: Set(get("name")),
        personnummer: Set(None),
        authorization_number: Set(Some(number.clone())),
        mobile: Set(get("mobile")),
        street_address: Set(None),
        postal_code: Set(None),
        city: Set(None),
        user_type: Set(Some(UserType::Elinstallator)),
        role: Set(Role::Installer),
        password_hash: Set(None),
        terms_version: Set(None),
        terms_accepted_at: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        totp_secret: Set(None),
        totp_secret_sealed: Set(None),
        totp_enabled: Set(false),
        totp_last_step: Set(None),
        // The portal starts in the language they asked in (UX-2).
        language: Set(Some(language.code().to_string())),
        ..Default::default()
    }
    .insert(txn)
    .await
    .map_err(|e| match e.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
            AppError::conflict("email", said!(server_errors.email_or_number_taken))
        }
        _ => e.into(),
    })?;
    record(
        txn,
        now,
        admin,
        "account.created_manually",
        format!("user:{}", account.id),
        json!({ "kind": kind.code(), "authorization_number": number, "register_name": registered.map(|r| r.holder_name) }),
    )
    .await?;
    send_password_link(state, txn, &account, now).await?;
    Ok(account)
}

/// E-mails a one-time link to set the account's password.
pub async fn send_password_link(state: &AppState, db: &impl ConnectionTrait, account: &user::Model, now: DateTime<Utc>) -> Result<(), AppError> {
    let secret = new_password_link(db, account.id, now, PASSWORD_LINK_VALID).await?;
    let locale = Locale::from(super::language::of_account(account));
    super::outbox::queue(
        db,
        now,
        &account.email,
        td_string!(locale, mail.account_created_subject).into(),
        fill(td_string!(locale, mail.account_created_body), &[
            ("name", &account.name),
            ("email", &account.email),
            ("days", &PASSWORD_LINK_VALID.num_days().to_string()),
            ("link", &link(state, &format!("/valj-losenord?kod={secret}"))),
        ]),
    )
    .await
}

/// Sets the password of the account a link was sent to; the link then no longer works.
pub async fn set_password_with_link(state: &AppState, secret: &str, password: &str, terms_version: &str) -> Result<user::Model, AppError> {
    let now = state.now();
    let invalid_link = || AppError::invalid("code", said!(server_errors.password_link_invalid));
    let txn = state.db.begin().await?;
    // Claim the link first: of two tabs sending it at once, one wins.
    let claimed = password_link::Entity::update_many()
        .col_expr(password_link::Column::UsedAt, Expr::value(Some(now)))
        .filter(password_link::Column::Id.eq(sha256_hex(secret.trim())))
        .filter(password_link::Column::UsedAt.is_null())
        .filter(password_link::Column::ExpiresAt.gt(now))
        .exec(&txn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(invalid_link());
    }
    let link_row = password_link::Entity::find_by_id(sha256_hex(secret.trim())).one(&txn).await?.ok_or_else(invalid_link)?;
    let account = user::Entity::find_by_id(link_row.user_id).one(&txn).await?.ok_or_else(invalid_link)?;
    let mut v = Validation::new();
    if terms_version != TERMS_VERSION {
        v.fail("terms_version", said!(server_errors.accept_terms_first));
    }
    let password = v.check("password", Password::parse(password, Some(account.email.as_str())));
    v.finish()?;
    let hash = auth::hash_password(password.expect("checked").expose().to_string()).await?;
    let mut active: user::ActiveModel = account.into();
    active.password_hash = Set(Some(hash));
    // The link came to this address: it is proven.
    active.email_verified_at = Set(Some(now));
    active.terms_version = Set(Some(TERMS_VERSION.to_string()));
    active.terms_accepted_at = Set(Some(now));
    active.updated_at = Set(now);
    let account = active.update(&txn).await?;
    audit::record(
        &txn,
        now,
        AuditEntry {
            actor_user_id: Some(account.id),
            on_behalf_of_user_id: None,
            action: "account.password_set_from_link",
            subject: format!("user:{}", account.id),
            details: json!({}),
        },
    )
    .await?;
    // A new password ends every session the account had.
    super::entities::session::Entity::delete_many()
        .filter(super::entities::session::Column::UserId.eq(account.id))
        .exec(&txn)
        .await?;
    txn.commit().await?;
    auth::sessions_ended(state, account.id).await;
    Ok(account)
}

struct ManualTeam {
    name: String,
    organisationsnummer: String,
    company_name: String,
    contact_name: String,
    contact_email: String,
    contact_phone: String,
    owner_user_id: i32,
}

/// TEAM-8, ACC-6: a team not backed by the register, marked as manually approved.
async fn insert_manual_team(txn: &DatabaseTransaction, now: DateTime<Utc>, t: ManualTeam) -> Result<team::Model, AppError> {
    let name = crate::error::required_text(TextLabel::TeamName, &t.name, crate::domain::MAX_TEAM_NAME_CHARS).map_err(|e| AppError::invalid_because("team_name", &e))?;
    Ok(team::ActiveModel {
        name: Set(name),
        organisationsnummer: Set(t.organisationsnummer),
        company_name: Set(t.company_name),
        company_address: Set(String::new()),
        contact_name: Set(t.contact_name),
        contact_email: Set(t.contact_email),
        contact_phone: Set(t.contact_phone),
        owner_user_id: Set(t.owner_user_id),
        manually_approved: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        deleted_at: Set(None),
        ..Default::default()
    }
    .insert(txn)
    .await?)
}

/// A document, for an admin to read.
pub async fn document(state: &AppState, id: i32) -> Result<document::Model, AppError> {
    document::Entity::find_by_id(id).one(&state.db).await?.ok_or_else(|| AppError::NotFound(said!(server_errors.document_not_found).into()))
}

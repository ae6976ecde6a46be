//! Admin work (ADM-1, ADM-5, CASE-11): the operator's staff accounts, the
//! audit log, and the outbox. Every function here is called only after
//! `auth::require_admin`.
use super::audit::{self, AuditEntry};
use super::auth;
use super::entities::{audit_log, case, outbox, user};
use super::state::AppState;
use crate::domain::{Email, Role};
use crate::error::{required_text, AppError, TextLabel, Validation};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde_json::json;

pub fn is_staff_role(role: Role) -> bool {
    matches!(role, Role::Admin | Role::ConnectionHandler | Role::FacilityHandler)
}

/// The operator's staff: admins and handlers, by name.
pub async fn staff(state: &AppState) -> Result<Vec<user::Model>, AppError> {
    Ok(user::Entity::find()
        .filter(user::Column::Role.is_in([Role::Admin, Role::ConnectionHandler, Role::FacilityHandler]))
        .order_by_asc(user::Column::Name)
        .all(&state.db)
        .await?)
}

/// ADM-1: an admin creates another admin or a handler. No shared accounts:
/// each has their own username. The creating admin never sees a secret: the
/// new person gets a one-time link by e-mail, chooses their own password,
/// and (an admin) enrols their own second factor at the first login.
pub async fn create_staff(state: &AppState, admin: &user::Model, email: &str, name: &str, role: &str) -> Result<user::Model, AppError> {
    let mut v = Validation::new();
    let email = v.check("email", Email::parse(email));
    let name = v.check("name", required_text(TextLabel::Name, name, 200));
    let role = v.check(
        "role",
        Role::from_code(role).filter(|r| is_staff_role(*r)).ok_or(said!(server_errors.choose_staff_role)),
    );
    v.finish()?;
    let (email, name, role) = (email.expect("checked"), name.expect("checked"), role.expect("checked"));
    if user::Entity::find().filter(user::Column::Email.eq(email.as_str())).one(&state.db).await?.is_some() {
        return Err(AppError::conflict("email", said!(server_errors.email_taken)));
    }
    let now = state.now();
    let created = insert_staff(&state.db, now, Some(admin.id), &email, &name, role, None, "admin.staff_created").await?;
    super::support::send_password_link(state, &state.db, &created, now).await?;
    Ok(created)
}

/// Inserts a staff account and its audit entry in one transaction; shared by
/// the admin page and the command line (ADM-1).
#[allow(clippy::too_many_arguments)]
pub async fn insert_staff(
    db: &sea_orm::DatabaseConnection,
    now: DateTime<Utc>,
    actor: Option<i32>,
    email: &Email,
    name: &str,
    role: Role,
    password_hash: Option<String>,
    action: &str,
) -> Result<user::Model, AppError> {
    let taken = || AppError::conflict("email", said!(server_errors.email_taken));
    let txn = db.begin().await?;
    let created = user::ActiveModel {
        email: Set(email.as_str().to_string()),
        name: Set(name.to_string()),
        mobile: Set(String::new()),
        role: Set(role),
        // Made from the command line with a password: its address is the operator's word.
        email_verified_at: Set(password_hash.is_some().then_some(now)),
        password_hash: Set(password_hash),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| match e.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => taken(),
        _ => e.into(),
    })?;
    audit::record(
        &txn,
        now,
        AuditEntry {
            actor_user_id: actor,
            on_behalf_of_user_id: None,
            action,
            subject: format!("user:{}", created.id),
            details: json!({ "email": created.email, "role": role.code() }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(created)
}

/// ADM-1: removes a staff account; never oneself, never the last admin.
pub async fn delete_staff(state: &AppState, admin: &user::Model, user_id: i32) -> Result<(), AppError> {
    if user_id == admin.id {
        return Err(AppError::conflict("user_id", said!(server_errors.cannot_remove_self)));
    }
    let now = state.now();
    let txn = state.db.begin().await?;
    // Serialise admin removals: write every admin row first.
    user::Entity::update_many()
        .col_expr(user::Column::UpdatedAt, sea_orm::sea_query::Expr::col(user::Column::UpdatedAt))
        .filter(user::Column::Role.eq(Role::Admin))
        .exec(&txn)
        .await?;
    let target = user::Entity::find_by_id(user_id)
        .one(&txn)
        .await?
        .filter(|u| is_staff_role(u.role))
        .ok_or_else(|| AppError::NotFound(said!(server_errors.no_such_staff).into()))?;
    if target.role == Role::Admin {
        let admins = user::Entity::find().filter(user::Column::Role.eq(Role::Admin)).count(&txn).await?;
        if admins <= 1 {
            return Err(AppError::conflict("user_id", said!(server_errors.last_admin)));
        }
    }
    user::Entity::delete_by_id(target.id).exec(&txn).await?;
    audit::record(
        &txn,
        now,
        AuditEntry {
            actor_user_id: Some(admin.id),
            on_behalf_of_user_id: None,
            action: "admin.staff_deleted",
            subject: format!("user:{}", target.id),
            details: json!({ "email": target.email, "role": target.role }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(())
}


/// What the audit log is searched by (ADM-5).
#[derive(Debug, Default, Clone)]
pub struct AuditQuery {
    /// A person's username: entries where they acted, were acted for, or were the subject.
    pub person: Option<String>,
    /// A case number (IW-000123).
    pub case_number: Option<String>,
    pub team_id: Option<i32>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
    pub page: crate::domain::PageNumber,
    /// Rows a page; 0 for the page's usual `AUDIT_PAGE` (the CSV export asks for more).
    pub per_page: u64,
}

/// The audit search as a form sends it: text fields, empty when not used.
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct AuditForm {
    #[serde(default)]
    pub person: String,
    #[serde(default)]
    pub case_number: String,
    /// A team's id (shown on hover over the teams in the left column, ADM-2).
    #[serde(default)]
    pub team_id: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    #[serde(default)]
    pub page: crate::domain::PageNumber,
}

impl AuditForm {
    /// The search, each field checked: dates as Swedish days (`ÅÅÅÅ-MM-DD`, `to` inclusive).
    pub fn parse(&self) -> Result<AuditQuery, AppError> {
        let day = |field: &str, s: &str| -> Result<Option<chrono::NaiveDate>, AppError> {
            let s = s.trim();
            if s.is_empty() {
                return Ok(None);
            }
            chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").map(Some).map_err(|_| AppError::invalid(field, said!(server_errors.date_format)))
        };
        let team_id = match self.team_id.trim() {
            "" => None,
            id => Some(id.parse::<i32>().map_err(|_| AppError::invalid("team_id", said!(server_errors.team_id_integer)))?),
        };
        let from = day("from", &self.from)?;
        let to = day("to", &self.to)?;
        if let (Some(f), Some(t)) = (from, to) {
            if f > t {
                return Err(AppError::invalid("to", said!(server_errors.end_before_start)));
            }
        }
        Ok(AuditQuery {
            person: Some(self.person.clone()),
            case_number: Some(self.case_number.clone()),
            team_id,
            from: from.map(crate::domain::swedish_time::start_of_day),
            to: to.and_then(|d| d.succ_opt()).map(crate::domain::swedish_time::start_of_day),
            page: self.page,
            per_page: 0,
        })
    }
}

pub struct AuditPage {
    pub entries: Vec<(audit_log::Model, Option<String>)>,
    pub total: u64,
}

pub const AUDIT_PAGE: u64 = 50;

/// ADM-5: searches the append-only audit log, newest first.
pub async fn search_audit(state: &AppState, q: &AuditQuery) -> Result<AuditPage, AppError> {
    let mut query = audit_log::Entity::find();
    if let Some(person) = q.person.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        let email = Email::parse(person).map_err(|e| AppError::invalid_because("person", &e))?;
        let Some(u) = user::Entity::find().filter(user::Column::Email.eq(email.as_str())).one(&state.db).await? else {
            return Ok(AuditPage { entries: Vec::new(), total: 0 });
        };
        query = query.filter(
            Condition::any()
                .add(audit_log::Column::ActorUserId.eq(u.id))
                .add(audit_log::Column::OnBehalfOfUserId.eq(u.id))
                .add(audit_log::Column::Subject.eq(format!("user:{}", u.id))),
        );
    }
    if let Some(number) = q.case_number.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        let found = case::Entity::find().filter(case::Column::CaseNumber.eq(number.to_uppercase())).one(&state.db).await?;
        let Some(c) = found else { return Ok(AuditPage { entries: Vec::new(), total: 0 }) };
        query = query.filter(audit_log::Column::Subject.eq(format!("case:{}", c.id)));
    }
    if let Some(team) = q.team_id {
        query = query.filter(audit_log::Column::Subject.eq(format!("team:{team}")));
    }
    if let Some(from) = q.from {
        query = query.filter(audit_log::Column::At.gte(from));
    }
    if let Some(to) = q.to {
        query = query.filter(audit_log::Column::At.lt(to));
    }
    let newest_first = |q: sea_orm::Select<audit_log::Entity>| q.order_by_desc(audit_log::Column::At).order_by_desc(audit_log::Column::Id);
    let per_page = if q.per_page == 0 { AUDIT_PAGE } else { q.per_page };
    let (entries, total) = super::listing::page(&state.db, query, newest_first, q.page, per_page).await?;
    let names = names_of(state, entries.iter().filter_map(|e| e.actor_user_id).collect()).await?;
    Ok(AuditPage {
        entries: entries.into_iter().map(|e| {
            let who = e.actor_user_id.and_then(|id| names.get(&id).cloned());
            (e, who)
        }).collect(),
        total,
    })
}

/// The names of these users, by id.
pub async fn names_of(state: &AppState, mut ids: Vec<i32>) -> Result<std::collections::HashMap<i32, String>, AppError> {
    ids.sort_unstable();
    ids.dedup();
    Ok(user::Entity::find().filter(user::Column::Id.is_in(ids)).all(&state.db).await?.into_iter().map(|u| (u.id, u.name)).collect())
}

/// CASE-11: the outbox, newest first, for admins to see what was (or waits to be) sent.
pub async fn outbox_page(state: &AppState, page: crate::domain::PageNumber) -> Result<(Vec<outbox::Model>, u64), AppError> {
    Ok(super::listing::page(&state.db, outbox::Entity::find(), |q| q.order_by_desc(outbox::Column::Id), page, 50).await?)
}

/// Finds an installer by behörighetsnummer: a personnummer, or a foreign
/// installer's authorization number (ADM-2, ADM-3). `field` names the form
/// field a refusal points at.
pub async fn find_installer(state: &AppState, number: &str, field: &str) -> Result<user::Model, AppError> {
    let number = number.trim();
    if number.is_empty() {
        return Err(AppError::invalid(field, said!(server_errors.enter_installer_number)));
    }
    let by_personnummer = match crate::domain::Personnummer::parse(number, state.now().date_naive()) {
        Ok(p) => user::Entity::find().filter(user::Column::Personnummer.eq(p.as_str())).one(&state.db).await?,
        Err(_) => None,
    };
    let found = match by_personnummer {
        Some(u) => Some(u),
        None => user::Entity::find()
            .filter(user::Column::AuthorizationNumber.eq(number.to_uppercase()))
            .one(&state.db)
            .await?,
    };
    found
        .filter(|u| u.role == Role::Installer)
        .ok_or_else(|| AppError::invalid(field, said!(server_errors.no_installer_with_number)))
}

/// ADM-2: finds the installer by behörighetsnummer and lets the admin's
/// session act for them. Recorded (ADM-5).
pub async fn start_acting(state: &AppState, admin: &user::Model, number: &str) -> Result<user::Model, AppError> {
    let installer = find_installer(state, number, "number").await?;
    if installer.deactivated_at.is_some() {
        return Err(AppError::invalid("number", said!(server_errors.installer_deactivated)));
    }
    auth::set_acting(state, Some(installer.id)).await?;
    audit::record(
        &state.db,
        state.now(),
        AuditEntry {
            actor_user_id: Some(admin.id),
            on_behalf_of_user_id: Some(installer.id),
            action: "admin.acting_started",
            subject: format!("user:{}", installer.id),
            details: json!({}),
        },
    )
    .await?;
    Ok(installer)
}

pub async fn stop_acting(state: &AppState, admin: &user::Model) -> Result<(), AppError> {
    auth::set_acting(state, None).await?;
    audit::record(
        &state.db,
        state.now(),
        AuditEntry {
            actor_user_id: Some(admin.id),
            on_behalf_of_user_id: None,
            action: "admin.acting_stopped",
            subject: format!("user:{}", admin.id),
            details: json!({}),
        },
    )
    .await?;
    Ok(())
}

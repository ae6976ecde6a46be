//! `/api/admin/…`: only for admins who have given both factors (ADM-6); every
//! function checks the role on the server (403 for anyone else).
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMember {
    pub user_id: i32,
    pub name: String,
    pub email: String,
    pub role: crate::domain::Role,
    pub second_factor: bool,
}

/// A new staff account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewStaff {
    /// The new account; its owner chooses a password through an e-mailed link.
    pub member: StaffMember,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub at: String,
    pub who: String,
    /// The stable code (`team.updated`) and what it is called.
    pub action: String,
    pub action_label: String,
    pub subject: String,
    /// As stored (JSON) and in words.
    pub details: String,
    pub details_text: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditList {
    pub rows: Vec<AuditRow>,
    pub total: u64,
    pub per_page: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxRow {
    pub id: i32,
    pub to: String,
    pub subject: String,
    pub created_at: String,
    pub sent_at: Option<String>,
    pub attempts: i32,
    pub last_error: Option<String>,
}

#[cfg(feature = "ssr")]
fn member(u: &crate::server::entities::user::Model) -> StaffMember {
    StaffMember {
        user_id: u.id,
        name: u.name.clone(),
        email: u.email.clone(),
        role: u.role,
        second_factor: u.totp_enabled,
    }
}

#[cfg(feature = "ssr")]
use super::shown_time as time;

/// ADM-1: the operator's admins and handlers.
#[server(endpoint = "admin/staff/list")]
pub async fn list_staff() -> Result<Vec<StaffMember>, AppError> {
    use crate::server::admin;
    super::serve::with_admin(async |state, _admin| {
        Ok(admin::staff(&state).await?.iter().map(member).collect())
    })
    .await
}

/// ADM-1: creates an admin (`admin`) or a handler (`handler_connection`, `handler_facility`).
#[server(endpoint = "admin/staff/create")]
pub async fn create_staff(email: String, name: String, role: String) -> Result<NewStaff, AppError> {
    use crate::server::admin;
    super::serve::with_admin(async |state, me| {
        let created = admin::create_staff(&state, &me, &email, &name, &role).await?;
        Ok(NewStaff { member: member(&created) })
    })
    .await
}

/// ADM-1: removes a staff account (never oneself or the last admin).
#[server(endpoint = "admin/staff/delete")]
pub async fn delete_staff(user_id: i32) -> Result<(), AppError> {
    use crate::server::admin;
    super::serve::with_admin(async |state, me| {
        admin::delete_staff(&state, &me, user_id).await
    })
    .await
}

/// ADM-5: searches the audit log by person (username), case number, team
/// (its id) and Swedish days (`ÅÅÅÅ-MM-DD`, both inclusive), newest first;
/// every field may be empty.
#[server(endpoint = "admin/audit")]
pub async fn search_audit(
    #[server(default)] person: String,
    #[server(default)] case_number: String,
    #[server(default)] team_id: String,
    #[server(default)] from: String,
    #[server(default)] to: String,
    #[server(default)] page: crate::domain::PageNumber,
) -> Result<AuditList, AppError> {
    use crate::server::admin;
    super::serve::with_admin(async |state, _admin| {
        let q = admin::AuditForm { person, case_number, team_id, from, to, page }.parse()?;
        let found = admin::search_audit(&state, &q).await?;
        let locale = crate::components::language::current_locale();
        Ok(AuditList {
            rows: found
                .entries
                .into_iter()
                .map(|(e, who)| AuditRow {
                    at: time(e.at),
                    who: who.unwrap_or_else(|| crate::i18n::td_string!(locale, events.system).into()),
                    action_label: crate::translated::audit_action_label(locale, &e.action).to_string(),
                    details_text: crate::translated::audit_details_in_words(locale, &e.details),
                    action: e.action,
                    subject: e.subject,
                    details: e.details,
                })
                .collect(),
            total: found.total,
            per_page: admin::AUDIT_PAGE,
        })
    })
    .await
}

/// CASE-11: the outbox of notifications, newest first.
#[server(endpoint = "admin/outbox")]
pub async fn list_outbox(page: crate::domain::PageNumber) -> Result<(Vec<OutboxRow>, u64), AppError> {
    use crate::server::admin;
    super::serve::with_admin(async |state, _admin| {
        let (rows, total) = admin::outbox_page(&state, page).await?;
        Ok((
            rows.into_iter()
                .map(|m| OutboxRow {
                    id: m.id,
                    to: m.to_email,
                    subject: m.subject,
                    created_at: time(m.created_at),
                    sent_at: m.sent_at.map(time),
                    attempts: m.attempts,
                    last_error: m.last_error,
                })
                .collect(),
            total,
        ))
    })
    .await
}

/// CASE-11: tries a message that has not gone out again at once; audited.
#[server(endpoint = "admin/outbox/retry")]
pub async fn retry_outbox_message(id: i32) -> Result<(), AppError> {
    use crate::server::audit::{self, AuditEntry};
    super::serve::with_admin(async |state, admin| {
        let m = crate::server::outbox::retry_now(&state.db, state.now(), id).await?;
        let entry = AuditEntry {
            actor_user_id: Some(admin.id),
            on_behalf_of_user_id: None,
            action: "outbox.retried",
            subject: format!("outbox:{}", m.id),
            details: serde_json::json!({ "to": m.to_email, "attempts": m.attempts }),
        };
        audit::record(&state.db, state.now(), entry).await?;
        Ok(())
    })
    .await
}

/// ADM-2: act for the installer with this behörighetsnummer (a personnummer,
/// or a foreign installer's authorization number).
#[server(endpoint = "admin/acting/start")]
pub async fn start_acting(number: String) -> Result<crate::api::SessionUser, AppError> {
    use crate::server::admin;
    super::serve::with_admin(async |state, me| {
        let installer = admin::start_acting(&state, &me, &number).await?;
        crate::server::form_reply::on_success_go("/");
        let mut answer = crate::api::SessionUser::from(&installer);
        answer.acting_admin = Some(me.name);
        Ok(answer)
    })
    .await
}

/// ADM-2: stop acting for an installer.
#[server(endpoint = "admin/acting/stop")]
pub async fn stop_acting() -> Result<(), AppError> {
    use crate::server::admin;
    super::serve::with_admin(async |state, me| {
        admin::stop_acting(&state, &me).await?;
        crate::server::form_reply::on_success_go("/");
        Ok(())
    })
    .await
}

/// An installer found by behörighetsnummer, and their teams.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstallerWithTeams {
    pub user_id: i32,
    pub name: String,
    pub teams: Vec<crate::api::cases::TeamChoice>,
}

/// A case `Admin Flytta ärenden` may move, with the evidence it holds (ADM-4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MovableCaseRow {
    pub case: crate::api::cases::CaseRow,
    pub team_name: String,
    /// Shown as `NNNNNN-NNNN`.
    pub organisationsnummer: String,
    pub production_facility: bool,
    pub has_approval: bool,
    pub has_new_fullmakt: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MovableCaseList {
    pub installer: InstallerWithTeams,
    pub rows: Vec<MovableCaseRow>,
    pub total: u64,
    pub per_page: u64,
}

#[cfg(feature = "ssr")]
fn shown_organisationsnummer(raw: &str) -> String {
    crate::domain::Organisationsnummer::parse(raw).map(|o| o.to_string()).unwrap_or_else(|_| raw.to_string())
}

#[cfg(feature = "ssr")]
async fn installer_with_teams(state: &crate::server::AppState, installer: &crate::server::entities::user::Model) -> Result<InstallerWithTeams, AppError> {
    let teams = crate::server::teams::teams_of(&state.db, installer.id).await?;
    Ok(InstallerWithTeams {
        user_id: installer.id,
        name: installer.name.clone(),
        teams: teams
            .into_iter()
            .map(|(t, _)| crate::api::cases::TeamChoice {
                id: t.id,
                organisationsnummer: shown_organisationsnummer(&t.organisationsnummer),
                name: t.name,
            })
            .collect(),
    })
}

/// ADM-3: the cases an installer holds that may be moved (`Pågående`, `Komplettera`).
#[server(endpoint = "admin/move/cases")]
pub async fn movable_cases(number: String, page: crate::domain::PageNumber) -> Result<MovableCaseList, AppError> {
    use crate::server::{admin, cases};
    super::serve::with_admin(async |state, _admin| {
        let installer = admin::find_installer(&state, &number, "number").await?;
        let (rows, total) = cases::movable_cases_of(&state, installer.id, page).await?;
        Ok(MovableCaseList {
            installer: installer_with_teams(&state, &installer).await?,
            rows: rows
                .into_iter()
                .map(|m| MovableCaseRow {
                    team_name: m.team.map(|t| t.name).unwrap_or_default(),
                    organisationsnummer: shown_organisationsnummer(&m.case.organisationsnummer),
                    production_facility: crate::domain::case::CaseType::by_code(&m.case.case_type).is_some_and(|t| t.is_production),
                    has_approval: m.has_approval,
                    has_new_fullmakt: m.has_new_fullmakt,
                    case: crate::api::cases::case_row(m.case),
                })
                .collect(),
            total,
            per_page: cases::MOVABLE_PAGE,
        })
    })
    .await
}

/// ADM-3 `Markera alla`: every movable case of the installer as it is now
/// (id and version, CASE-13), for a move of the whole book at once.
#[server(endpoint = "admin/move/all-cases")]
pub async fn all_movable_cases(number: String) -> Result<Vec<crate::api::cases::SeenCase>, AppError> {
    use crate::server::{admin, cases};
    super::serve::with_admin(async |state, _admin| {
        let installer = admin::find_installer(&state, &number, "number").await?;
        cases::all_movable_of(&state, installer.id).await
    })
    .await
}

/// ADM-3 `Sök`: the receiving installer and the teams the cases may join.
#[server(endpoint = "admin/move/receiver")]
pub async fn find_receiver(number: String) -> Result<InstallerWithTeams, AppError> {
    use crate::server::admin;
    super::serve::with_admin(async |state, _admin| {
        let installer = admin::find_installer(&state, &number, "receiver").await?;
        if installer.deactivated_at.is_some() {
            return Err(AppError::invalid("receiver", said!(server_errors.installer_cannot_receive)));
        }
        installer_with_teams(&state, &installer).await
    })
    .await
}

/// ADM-3 `Flytta ärenden`: moves the cases to the installer and team; all or
/// nothing, and across companies only with the evidence of ADM-4.
#[server(endpoint = "admin/move/cases-to-installer", input = server_fn::codec::Json)]
pub async fn move_cases(cases: Vec<crate::domain::case::SeenCase>, to_user_id: i32, team_id: Option<i32>) -> Result<usize, AppError> {
    
    super::serve::with_admin(async |state, me| {
        crate::server::cases::admin_move(&state, &me, &cases, to_user_id, team_id).await
    })
    .await
}

/// ADM-7: an account as the user directory lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryRow {
    pub user_id: i32,
    pub name: String,
    pub email: String,
    pub role: crate::domain::Role,
    pub personnummer: Option<String>,
    pub deactivated: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryList {
    pub rows: Vec<DirectoryRow>,
    pub total: u64,
    pub per_page: u64,
}

/// ADM-7: one team of an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountTeam {
    pub team_id: i32,
    pub name: String,
    pub organisationsnummer: String,
    pub company_name: String,
    pub owner: bool,
}

/// ADM-7: an account with its teams and login state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountProfile {
    pub row: DirectoryRow,
    pub user_type: Option<String>,
    pub mobile: String,
    pub address: String,
    pub created_at: String,
    pub email_verified: bool,
    pub second_factor: bool,
    pub deactivated_at: Option<String>,
    pub teams: Vec<AccountTeam>,
    pub recent_login_failures: u64,
    pub login_locked: bool,
    /// The account is the asking admin's own (which they cannot deactivate).
    pub is_me: bool,
}

#[cfg(feature = "ssr")]
fn directory_row(u: &crate::server::entities::user::Model) -> DirectoryRow {
    DirectoryRow {
        user_id: u.id,
        name: u.name.clone(),
        email: u.email.clone(),
        role: u.role,
        personnummer: u.personnummer.clone(),
        deactivated: u.deactivated_at.is_some(),
    }
}

/// ADM-7: finds accounts by name, personnummer, e-mail, organisationsnummer or team.
#[server(endpoint = "admin/users/search")]
pub async fn search_users(#[server(default)] query: String, #[server(default)] page: crate::domain::PageNumber) -> Result<DirectoryList, AppError> {
    use crate::server::directory;
    super::serve::with_admin(async |state, _admin| {
        let (rows, total) = directory::search(&state, &query, page).await?;
        Ok(DirectoryList { rows: rows.iter().map(directory_row).collect(), total, per_page: directory::DIRECTORY_PAGE })
    })
    .await
}

/// ADM-7: one account: its details, teams and whether its logins are held back.
#[server(endpoint = "admin/users/get")]
pub async fn get_user(user_id: i32) -> Result<AccountProfile, AppError> {
    use crate::server::directory;
    super::serve::with_admin(async |state, admin| {
        let p = directory::profile(&state, user_id).await?;
        let locked = p.login_locked();
        let u = &p.user;
        let address = [u.street_address.as_deref(), u.postal_code.as_deref(), u.city.as_deref()]
            .into_iter()
            .flatten()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        Ok(AccountProfile {
            row: directory_row(u),
            user_type: u.user_type.map(|t| crate::pages::register::user_type_label(crate::components::language::current_locale(), t).to_string()),
            mobile: u.mobile.clone(),
            address,
            created_at: time(u.created_at),
            email_verified: u.email_verified_at.is_some(),
            second_factor: u.totp_enabled,
            deactivated_at: u.deactivated_at.map(time),
            teams: p
                .teams
                .iter()
                .map(|(t, owner)| AccountTeam {
                    team_id: t.id,
                    name: t.name.clone(),
                    organisationsnummer: t.organisationsnummer.clone(),
                    company_name: t.company_name.clone(),
                    owner: *owner,
                })
                .collect(),
            recent_login_failures: p.recent_login_failures,
            login_locked: locked,
            is_me: u.id == admin.id,
        })
    })
    .await
}

/// ADM-7: the cases an account holds, newest change first.
#[server(endpoint = "admin/users/cases")]
pub async fn user_cases(
    user_id: i32,
    #[server(default)] page: crate::domain::PageNumber,
    cursor: Option<crate::domain::PageCursor>,
) -> Result<crate::api::cases::CaseList, AppError> {
    use crate::server::cases;
    super::serve::with_admin(async |state, _admin| {
        let filter = cases::CaseFilter { page, cursor, per_page: 25, ..Default::default() };
        Ok(crate::api::cases::list(cases::held_by(&state, user_id, &filter).await?, page, 25))
    })
    .await
}

/// What an admin does to an account in the user directory (ADM-7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccountAction {
    Deactivate,
    Reactivate,
    SendPasswordLink,
    LiftLoginLock,
}

/// ADM-7: deactivates or reactivates an account, e-mails it a link to choose
/// a new password, or lifts its login lock — each audited.
#[server(endpoint = "admin/users/act")]
pub async fn act_on_user(user_id: i32, action: AccountAction) -> Result<(), AppError> {
    use crate::server::directory;
    super::serve::with_admin(async |state, admin| {
        match action {
            AccountAction::Deactivate => directory::set_active(&state, &admin, user_id, false).await.map(drop),
            AccountAction::Reactivate => directory::set_active(&state, &admin, user_id, true).await.map(drop),
            AccountAction::SendPasswordLink => directory::send_password_link(&state, &admin, user_id).await,
            AccountAction::LiftLoginLock => directory::lift_login_lock(&state, &admin, user_id).await,
        }
    })
    .await
}

/// ADM-8: one entry of a register as the admin page shows it: the fields in
/// the register's order, filled when the entry exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterView {
    pub register: crate::domain::RegisterKind,
    pub found: bool,
    pub values: Vec<String>,
}

/// What saving a register entry did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum RegisterSaved {
    Added,
    Corrected,
    Unchanged,
}

#[cfg(feature = "ssr")]
fn register_kind(code: &str) -> Result<crate::domain::RegisterKind, AppError> {
    crate::domain::RegisterKind::from_code(code).ok_or_else(|| AppError::invalid("register", said!(server_errors.choose_register)))
}

/// ADM-8: looks up an entry of a register by its key (personnummer,
/// organisationsnummer, behörighetsnummer or e-postadress).
#[server(endpoint = "admin/registers/lookup")]
pub async fn lookup_register(#[server(default)] register: String, #[server(default)] key: String) -> Result<RegisterView, AppError> {
    use crate::server::registers;
    super::serve::with_admin(async |state, _admin| {
        let kind = register_kind(&register)?;
        let today = state.now().date_naive();
        let found = registers::lookup(&state.db, kind, &key, today).await?;
        let values = match &found {
            Some(entry) => entry.values(),
            None => {
                // Not there: the form to add it, with the key as typed.
                let mut empty = vec![String::new(); kind.fields().len()];
                empty[0] = key.trim().to_string();
                empty
            }
        };
        Ok(RegisterView { register: kind, found: found.is_some(), values })
    })
    .await
}

/// ADM-8: adds an entry to a register or corrects the one with its key;
/// audited with the entry before and after.
#[server(endpoint = "admin/registers/save")]
pub async fn save_register_entry(
    #[server(default)] register: String,
    #[server(default)] values: std::collections::BTreeMap<String, String>,
) -> Result<RegisterSaved, AppError> {
    use crate::domain::RegisterEntry;
    use crate::server::audit::{self, AuditEntry};
    use crate::server::registers::{store, Stored};
    use sea_orm::TransactionTrait;
    super::serve::with_admin(async |state, admin| {
        let kind = register_kind(&register)?;
        let today = state.now().date_naive();
        let typed: Vec<&str> = kind.fields().iter().map(|(name, _)| values.get(*name).map(String::as_str).unwrap_or("")).collect();
        let entry = RegisterEntry::parse(kind, &typed, today)
            .map_err(|errors| AppError::invalid_fields(errors.iter().map(|e| (e.field, &e.problem))))?;
        let txn = state.db.begin().await?;
        let (stored, before) = store(&txn, &entry, today).await?;
        let action = match stored {
            Stored::Added => "register.added",
            Stored::Corrected => "register.corrected",
            Stored::Unchanged => "",
        };
        if !action.is_empty() {
            let entry_json = |e: &RegisterEntry| {
                serde_json::Value::Object(kind.fields().iter().map(|(n, _)| n.to_string()).zip(e.values().into_iter().map(Into::into)).collect())
            };
            let details = serde_json::json!({ "before": before.as_ref().map(entry_json), "after": entry_json(&entry) });
            let subject = format!("register:{}:{}", kind.code(), entry.key());
            let record = AuditEntry { actor_user_id: Some(admin.id), on_behalf_of_user_id: None, action, subject, details };
            audit::record(&txn, state.now(), record).await?;
        }
        txn.commit().await?;
        Ok(match stored {
            Stored::Added => RegisterSaved::Added,
            Stored::Corrected => RegisterSaved::Corrected,
            Stored::Unchanged => RegisterSaved::Unchanged,
        })
    })
    .await
}

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
    pub action: String,
    pub subject: String,
    pub details: String,
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
fn time(t: chrono::DateTime<chrono::Utc>) -> String {
    t.format("%Y-%m-%d %H:%M UTC").to_string()
}

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

/// ADM-5: searches the audit log by person (username), case number, team and time (`ÅÅÅÅ-MM-DD`), newest first.
#[server(endpoint = "admin/audit")]
pub async fn search_audit(person: String, case_number: String, team_id: Option<i32>, from: String, to: String, page: crate::domain::PageNumber) -> Result<AuditList, AppError> {
    use crate::server::admin;
    super::serve::with_admin(async |state, _admin| {
        let date = |field: &str, s: &str, end: bool| -> Result<Option<chrono::DateTime<chrono::Utc>>, AppError> {
            let s = s.trim();
            if s.is_empty() {
                return Ok(None);
            }
            let d = chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .map_err(|_| AppError::invalid(field, "Ange datum som ÅÅÅÅ-MM-DD."))?;
            let d = if end { d.succ_opt().unwrap_or(d) } else { d };
            Ok(Some(d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc()))
        };
        let q = admin::AuditQuery {
            person: Some(person),
            case_number: Some(case_number),
            team_id,
            from: date("from", &from, false)?,
            to: date("to", &to, true)?,
            page,
        };
        let found = admin::search_audit(&state, &q).await?;
        Ok(AuditList {
            rows: found
                .entries
                .into_iter()
                .map(|(e, who)| AuditRow {
                    at: time(e.at),
                    who: who.unwrap_or_else(|| "Systemet".into()),
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

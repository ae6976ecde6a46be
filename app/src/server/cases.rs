//! Case rules on the server (CASE-1…CASE-12, TEAM-5). Every function starts
//! from the asking user, finds out on the server how they stand to the case,
//! lets the domain's state machine decide, and writes the change, its
//! timeline entry and its notifications in one transaction.
use super::audit::{self, AuditEntry};
use super::auth::Caller;
use super::entities::{case, case_attachment, case_event, team, team_member, user};
use super::state::AppState;
use super::teams::live_teams;
use crate::domain::case::{
    check_movable, describe_missing, is_read_only_by_age, missing_move_evidence, transition, validate_fields,
    AttachmentKind, CaseAction, CaseActor, CaseState, CaseType, FieldValues, OperatorConfig, Unit, MOVE_EVIDENCE,
};
use crate::domain::{Role, UserType};
use crate::error::{AppError, FieldError};
use chrono::{DateTime, Months, Utc};
use sea_orm::sea_query::{Expr, ExprTrait, Func};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set, TransactionTrait,
};
use serde_json::json;

const CASE_HIDDEN: &str = "Ärendet finns inte, eller så har du inte tillgång till det.";

/// How the asking person stands to a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Viewer {
    Holder,
    /// The owner of the case's team (CASE-4, CASE-5).
    TeamOwner,
    /// A handler of the case's unit (CASE-12).
    Handler,
    Admin,
}

fn state_of(c: &case::Model) -> CaseState {
    CaseState::from_code(&c.state).unwrap_or(CaseState::Utkast)
}

fn handler_unit(user: &user::Model) -> Option<Unit> {
    match Role::from_code(&user.role)? {
        Role::ConnectionHandler => Some(Unit::Connection),
        Role::FacilityHandler => Some(Unit::Facility),
        _ => None,
    }
}

pub fn is_handler(user: &user::Model) -> bool {
    handler_unit(user).is_some()
}

/// Loads a case the user may see, and how they see it; 404 otherwise.
pub async fn load_visible(db: &impl ConnectionTrait, caller: &Caller, case_id: i32) -> Result<(case::Model, Viewer), AppError> {
    let user = &caller.user;
    let hidden = || AppError::NotFound(CASE_HIDDEN.into());
    let c = case::Entity::find_by_id(case_id).one(db).await?.ok_or_else(hidden)?;
    let viewer = if c.holder_user_id == user.id {
        Viewer::Holder
    } else if handler_unit(user).is_some_and(|u| u.code() == c.unit) && c.state != CaseState::Utkast.code() {
        Viewer::Handler
    } else if team::Entity::find_by_id(c.team_id).one(db).await?.is_some_and(|t| t.owner_user_id == user.id) {
        Viewer::TeamOwner
    } else if caller.is_customer_service() {
        // An admin acting for an installer still reaches cases that installer
        // cannot, e.g. from `Admin Flytta ärenden` (ADM-3).
        Viewer::Admin
    } else {
        return Err(hidden());
    };
    Ok((c, viewer))
}

fn actor(user: &user::Model, viewer: Viewer) -> CaseActor {
    match viewer {
        Viewer::Holder => CaseActor::Holder {
            may_report_completion: user.user_type.as_deref().and_then(UserType::from_code).is_some_and(UserType::may_report_completion),
        },
        Viewer::Handler => CaseActor::Handler { own_unit: true },
        Viewer::TeamOwner | Viewer::Admin => CaseActor::Other,
    }
}

fn refused(e: impl std::fmt::Display) -> AppError {
    AppError::conflict("state", e.to_string())
}

/// CASE-7: refuses any change to a case the portal no longer handles.
fn check_not_expired(state: &AppState, c: &case::Model) -> Result<(), AppError> {
    let cfg = &state.operator;
    if is_read_only_by_age(state_of(c), c.submitted_at, state.now(), cfg.case_read_only_after_years) {
        let unit = Unit::from_code(&c.unit).unwrap_or(Unit::Connection);
        return Err(AppError::conflict("state", expired_message(cfg, unit)));
    }
    Ok(())
}

pub fn expired_message(cfg: &OperatorConfig, unit: Unit) -> String {
    format!(
        "Ärendet skickades in för mer än {} år sedan och kan inte längre hanteras på Installatörswebben. \
         Mejla {} ({}) med ärendenumret för att fortsätta.",
        cfg.case_read_only_after_years,
        unit.label().to_lowercase(),
        cfg.unit_email(unit)
    )
}

/// Active (not archived or cancelled) cases in a team, of one member or all.
pub async fn active_cases_in_team(db: &impl ConnectionTrait, team_id: i32, holder: Option<i32>) -> Result<u64, AppError> {
    let mut q = case::Entity::find()
        .filter(case::Column::TeamId.eq(team_id))
        .filter(case::Column::State.is_not_in([CaseState::Arkiv.code(), CaseState::Makulerad.code()]));
    if let Some(h) = holder {
        q = q.filter(case::Column::HolderUserId.eq(h));
    }
    Ok(q.count(db).await?)
}

/// Adds an entry to a case's timeline (CASE-10).
async fn timeline(
    txn: &DatabaseTransaction,
    case_id: i32,
    at: DateTime<Utc>,
    caller: &Caller,
    kind: &str,
    message: Option<String>,
    details: serde_json::Value,
) -> Result<(), AppError> {
    // ADM-2: while an admin acts for the installer, the admin did it, for them.
    let (by, for_whom) = caller.recorded_as();
    case_event::ActiveModel {
        case_id: Set(case_id),
        at: Set(at),
        actor_user_id: Set(Some(by)),
        on_behalf_of_user_id: Set(for_whom),
        kind: Set(kind.to_string()),
        message: Set(message),
        details: Set(details.to_string()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// CASE-11: queues an e-mail to a user; the outbox worker delivers it.
async fn notify(txn: &DatabaseTransaction, at: DateTime<Utc>, user_id: i32, subject: String, body: String) -> Result<(), AppError> {
    let Some(to) = user::Entity::find_by_id(user_id).one(txn).await? else { return Ok(()) };
    super::outbox::queue(txn, at, &to.email, subject, body).await
}

fn number(c: &case::Model) -> String {
    c.case_number.clone().unwrap_or_else(|| format!("#{}", c.id))
}

/// Starts a transaction holding the case's row (written first, so it is
/// locked on PostgreSQL and SQLite's write lock is taken) and reads it anew.
async fn lock_case(state: &AppState, case_id: i32) -> Result<(DatabaseTransaction, case::Model), AppError> {
    let txn = state.db.begin().await?;
    case::Entity::update_many()
        .col_expr(case::Column::Id, Expr::col(case::Column::Id))
        .filter(case::Column::Id.eq(case_id))
        .exec(&txn)
        .await?;
    let c = case::Entity::find_by_id(case_id).one(&txn).await?.ok_or_else(|| AppError::NotFound(CASE_HIDDEN.into()))?;
    Ok((txn, c))
}

/// CASE-4: an installer starts a case (a draft) in one of their teams.
pub async fn create_draft(state: &AppState, caller: &Caller, case_type: &str, team_id: i32) -> Result<case::Model, AppError> {
    let user = &caller.user;
    if user.role != Role::Installer.code() {
        return Err(AppError::Forbidden);
    }
    let ct = CaseType::by_code(case_type).ok_or_else(|| AppError::invalid("case_type", "Välj vad som ska anmälas."))?;
    let team = live_teams().filter(team::Column::Id.eq(team_id)).one(&state.db).await?;
    let in_team = match &team {
        Some(t) if t.owner_user_id == user.id => true,
        Some(t) => team_member::Entity::find()
            .filter(team_member::Column::TeamId.eq(t.id))
            .filter(team_member::Column::UserId.eq(user.id))
            .count(&state.db)
            .await?
            > 0,
        None => false,
    };
    let team = match (team, in_team) {
        (Some(t), true) => t,
        _ => return Err(AppError::invalid("team_id", "Välj ett av dina team.")),
    };
    let now = state.now();
    let txn = state.db.begin().await?;
    let created = case::ActiveModel {
        case_number: Set(None),
        case_type: Set(ct.code.to_string()),
        unit: Set(ct.unit().code().to_string()),
        state: Set(CaseState::Utkast.code().to_string()),
        team_id: Set(team.id),
        holder_user_id: Set(user.id),
        created_by_user_id: Set(user.id),
        organisationsnummer: Set(team.organisationsnummer.clone()),
        customer_name: Set(String::new()),
        facility_address: Set(String::new()),
        facility_id: Set(None),
        fields: Set("{}".into()),
        submitted_at: Set(None),
        completed_at: Set(None),
        cancellation_requested_at: Set(None),
        cancellation_reason: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut numbered: case::ActiveModel = created.into();
    numbered.case_number = Set(Some(format!("IW-{:06}", numbered.id.clone().unwrap())));
    let created = numbered.update(&txn).await?;
    timeline(&txn, created.id, now, caller, "created", None, json!({ "case_type": ct.code, "team_id": team.id })).await?;
    txn.commit().await?;
    Ok(created)
}

fn parse_values(c: &case::Model) -> FieldValues {
    serde_json::from_str(&c.fields).unwrap_or_default()
}

/// The values a draft keeps: only the type's fields, each of sane length.
fn keep_known(ct: &CaseType, values: FieldValues) -> FieldValues {
    values
        .into_iter()
        .filter(|(k, _)| ct.all_fields().any(|f| f.key == k))
        .map(|(k, v)| (k, v.chars().take(4000).collect::<String>()))
        .collect()
}

fn address_of(values: &FieldValues) -> String {
    let get = |k: &str| values.get(k).map(|v| v.trim()).unwrap_or("");
    [get("facility_street"), get("facility_postal_code"), get("facility_city")]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ")
}

fn apply_values(active: &mut case::ActiveModel, values: &FieldValues) {
    active.customer_name = Set(values.get("customer_name").cloned().unwrap_or_default().chars().take(200).collect());
    active.facility_address = Set(address_of(values).chars().take(400).collect());
    active.facility_id = Set(values
        .get("facility_id")
        .and_then(|g| crate::domain::Gsrn::parse(g).ok())
        .map(|g| g.as_str().to_string()));
    active.fields = Set(serde_json::to_string(values).unwrap_or_else(|_| "{}".into()));
}

/// Saves a draft as typed (nothing is lost on a validation error) and says
/// what is still wrong with it.
pub async fn save_draft(state: &AppState, caller: &Caller, case_id: i32, values: FieldValues) -> Result<(case::Model, Vec<FieldError>), AppError> {
    let user = &caller.user;
    let (c, viewer) = load_visible(&state.db, caller, case_id).await?;
    transition(state_of(&c), CaseAction::Edit, actor(user, viewer)).map_err(refused)?;
    check_not_expired(state, &c)?;
    let ct = CaseType::by_code(&c.case_type).ok_or(AppError::Internal)?;
    let values = keep_known(ct, values);
    let problems = validate_fields(ct, &values, &state.operator, state.now().date_naive(), false, user.personnummer.as_deref())
        .err()
        .unwrap_or_default();
    let (txn, c) = lock_case(state, case_id).await?;
    transition(state_of(&c), CaseAction::Edit, actor(user, viewer)).map_err(refused)?;
    let mut active: case::ActiveModel = c.into();
    apply_values(&mut active, &values);
    active.updated_at = Set(state.now());
    let saved = active.update(&txn).await?;
    txn.commit().await?;
    Ok((saved, problems))
}

/// Everything a föranmälan must have: its fields, its attachments, and for a
/// fuse change no other change on the facility within the interval (CASE-2).
async fn check_complete(state: &AppState, user: &user::Model, c: &case::Model) -> Result<FieldValues, AppError> {
    let ct = CaseType::by_code(&c.case_type).ok_or(AppError::Internal)?;
    let values = parse_values(c);
    let mut errors = match validate_fields(ct, &values, &state.operator, state.now().date_naive(), true, user.personnummer.as_deref()) {
        Ok(_) => Vec::new(),
        Err(e) => e,
    };
    let present: Vec<String> = case_attachment::Entity::find()
        .filter(case_attachment::Column::CaseId.eq(c.id))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|a| a.kind)
        .collect();
    let missing: Vec<&str> =
        ct.required_attachments.iter().filter(|k| !present.iter().any(|p| p == k.code())).map(|k| k.label()).collect();
    if !missing.is_empty() {
        errors.push(FieldError::new("attachments", format!("Bifoga: {}.", missing.join(", "))));
    }
    if ct.code == "byte_av_sakring"
        && let Some(gsrn) = &c.facility_id
    {
        let months = Months::new(state.operator.fuse_change_interval_months);
        let since = state.now().checked_sub_months(months).unwrap_or(state.now());
        let previous = case::Entity::find()
            .filter(case::Column::FacilityId.eq(gsrn.as_str()))
            .filter(case::Column::CaseType.eq("byte_av_sakring"))
            .filter(case::Column::Id.ne(c.id))
            .filter(case::Column::CompletedAt.gt(since))
            .order_by_desc(case::Column::CompletedAt)
            .one(&state.db)
            .await?;
        if let Some(p) = previous.and_then(|p| p.completed_at) {
            errors.push(FieldError::new(
                "facility_id",
                format!(
                    "Säkringen på anläggningen byttes senast {} (färdiganmält). Ett nytt byte får göras tidigast {} månader efter det.",
                    p.date_naive(),
                    state.operator.fuse_change_interval_months
                ),
            ));
        }
    }
    if errors.is_empty() {
        validate_fields(ct, &values, &state.operator, state.now().date_naive(), true, user.personnummer.as_deref())
            .map_err(AppError::Invalid)
    } else {
        Err(AppError::Invalid(errors))
    }
}

/// One state change: checks it against the state machine (again under the
/// row lock), applies `change`, records it on the timeline and notifies.
async fn change_state<F>(
    state: &AppState,
    caller: &Caller,
    case_id: i32,
    action: CaseAction,
    event: &str,
    message: Option<String>,
    change: F,
) -> Result<case::Model, AppError>
where
    F: FnOnce(&mut case::ActiveModel, DateTime<Utc>),
{
    let user = &caller.user;
    let (c, viewer) = load_visible(&state.db, caller, case_id).await?;
    transition(state_of(&c), action, actor(user, viewer)).map_err(refused)?;
    check_not_expired(state, &c)?;
    let now = state.now();
    let (txn, c) = lock_case(state, case_id).await?;
    let next = transition(state_of(&c), action, actor(user, viewer)).map_err(refused)?;
    let before = state_of(&c);
    let holder = c.holder_user_id;
    let mut active: case::ActiveModel = c.into();
    active.state = Set(next.code().to_string());
    active.updated_at = Set(now);
    change(&mut active, now);
    let saved = active.update(&txn).await?;
    timeline(&txn, saved.id, now, caller, event, message.clone(), json!({ "from": before.code(), "to": next.code() })).await?;
    if holder != user.id || before != next {
        let mut body = format!("Ärende {} ({}) är nu i läget {}.", number(&saved), saved.customer_name, next.label());
        if let Some(m) = &message {
            body.push_str(&format!("\n\nMeddelande: {m}"));
        }
        notify(&txn, now, holder, format!("Ärende {}: {}", number(&saved), next.label()), body).await?;
    }
    txn.commit().await?;
    Ok(saved)
}

fn required_message(field: &str, raw: &str, what: &str) -> Result<String, AppError> {
    let m = raw.trim();
    if m.is_empty() {
        Err(AppError::invalid(field, format!("Skriv {what}.")))
    } else if m.chars().count() > 4000 {
        Err(AppError::invalid(field, "Meddelandet får ha högst 4000 tecken."))
    } else {
        Ok(m.to_string())
    }
}

/// CASE-3: the installer submits the föranmälan.
pub async fn submit(state: &AppState, caller: &Caller, case_id: i32) -> Result<case::Model, AppError> {
    let (c, viewer) = load_visible(&state.db, caller, case_id).await?;
    transition(state_of(&c), CaseAction::Submit, actor(&caller.user, viewer)).map_err(refused)?;
    let canonical = check_complete(state, &caller.user, &c).await?;
    change_state(state, caller, case_id, CaseAction::Submit, "submitted", None, |a, now| {
        apply_values(a, &canonical);
        a.submitted_at = Set(Some(now));
    })
    .await
}

/// CASE-12: a handler asks for more, with a message the installer sees.
pub async fn request_supplement(state: &AppState, caller: &Caller, case_id: i32, message: &str) -> Result<case::Model, AppError> {
    let message = required_message("message", message, "vad som behöver kompletteras")?;
    change_state(state, caller, case_id, CaseAction::RequestSupplement, "supplement_requested", Some(message), |_, _| {}).await
}

/// CASE-10: the installer answers a request for supplement.
pub async fn answer_supplement(state: &AppState, caller: &Caller, case_id: i32, message: &str) -> Result<case::Model, AppError> {
    let message = required_message("message", message, "ditt svar")?;
    let (c, viewer) = load_visible(&state.db, caller, case_id).await?;
    transition(state_of(&c), CaseAction::AnswerSupplement, actor(&caller.user, viewer)).map_err(refused)?;
    let canonical = check_complete(state, &caller.user, &c).await?;
    change_state(state, caller, case_id, CaseAction::AnswerSupplement, "supplement_answered", Some(message), |a, _| {
        apply_values(a, &canonical)
    })
    .await
}

/// CASE-3: an Elinstallatör reports the work done.
pub async fn report_completion(state: &AppState, caller: &Caller, case_id: i32) -> Result<case::Model, AppError> {
    change_state(state, caller, case_id, CaseAction::ReportCompletion, "completion_reported", None, |a, now| {
        a.completed_at = Set(Some(now));
    })
    .await
}

/// CASE-12: a handler archives a completed case.
pub async fn archive(state: &AppState, caller: &Caller, case_id: i32) -> Result<case::Model, AppError> {
    change_state(state, caller, case_id, CaseAction::Archive, "archived", None, |_, _| {}).await
}

/// CASE-8: the installer holding the case asks its unit to cancel it.
pub async fn request_cancellation(state: &AppState, caller: &Caller, case_id: i32, reason: &str) -> Result<case::Model, AppError> {
    // CASE-8: customer service may not send it for the installer.
    if caller.acting_admin.is_some() {
        return Err(refused(crate::domain::case::TransitionError::AdminMayNotCancel));
    }
    let reason = required_message("reason", reason, "varför ärendet ska makuleras")?;
    let (c, _) = load_visible(&state.db, caller, case_id).await?;
    if c.cancellation_requested_at.is_some() {
        return Err(AppError::conflict("state", "Makulering är redan begärd och väntar på handläggaren."));
    }
    change_state(state, caller, case_id, CaseAction::RequestCancellation, "cancellation_requested", Some(reason.clone()), |a, now| {
        a.cancellation_requested_at = Set(Some(now));
        a.cancellation_reason = Set(Some(reason));
    })
    .await
}

/// CASE-12: a handler confirms (→ Makulerad) or rejects a cancellation request.
pub async fn decide_cancellation(state: &AppState, caller: &Caller, case_id: i32, confirm: bool, message: &str) -> Result<case::Model, AppError> {
    let (c, _) = load_visible(&state.db, caller, case_id).await?;
    if c.cancellation_requested_at.is_none() {
        return Err(AppError::conflict("state", "Ingen makulering är begärd för ärendet."));
    }
    let message = (!message.trim().is_empty()).then(|| message.trim().chars().take(4000).collect::<String>());
    let (action, event) = if confirm {
        (CaseAction::ConfirmCancellation, "cancellation_confirmed")
    } else {
        (CaseAction::RejectCancellation, "cancellation_rejected")
    };
    change_state(state, caller, case_id, action, event, message, |a, _| {
        a.cancellation_requested_at = Set(None);
    })
    .await
}

/// The installer throws away a draft.
pub async fn delete_draft(state: &AppState, caller: &Caller, case_id: i32) -> Result<(), AppError> {
    let user = &caller.user;
    let (c, viewer) = load_visible(&state.db, caller, case_id).await?;
    transition(state_of(&c), CaseAction::DeleteDraft, actor(user, viewer)).map_err(refused)?;
    let (txn, c) = lock_case(state, case_id).await?;
    transition(state_of(&c), CaseAction::DeleteDraft, actor(user, viewer)).map_err(refused)?;
    case::Entity::delete_by_id(c.id).exec(&txn).await?;
    txn.commit().await?;
    Ok(())
}

/// Filters of `Mina ärenden`.
#[derive(Debug, Default, Clone)]
pub struct CaseFilter {
    pub state: Option<CaseState>,
    pub team_id: Option<i32>,
    /// Case number or part of the facility address.
    pub query: Option<String>,
    pub page: u64,
    pub per_page: u64,
}

/// A page of cases and how many there are in all.
pub struct CasePage {
    pub cases: Vec<case::Model>,
    pub total: u64,
}

async fn page_of(db: &impl ConnectionTrait, mut q: sea_orm::Select<case::Entity>, f: &CaseFilter) -> Result<CasePage, AppError> {
    if let Some(s) = f.state {
        q = q.filter(case::Column::State.eq(s.code()));
    }
    if let Some(t) = f.team_id {
        q = q.filter(case::Column::TeamId.eq(t));
    }
    if let Some(text) = f.query.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let pattern = format!("%{}%", text.replace(['%', '_'], ""));
        q = q.filter(
            Condition::any()
                .add(case::Column::CaseNumber.eq(text.to_uppercase()))
                .add(Expr::expr(Func::lower(Expr::col(case::Column::FacilityAddress))).like(pattern.to_lowercase()))
                .add(Expr::expr(Func::lower(Expr::col(case::Column::CustomerName))).like(pattern.to_lowercase())),
        );
    }
    let per_page = f.per_page.clamp(1, 100);
    let total = q.clone().count(db).await?;
    let cases = q
        .order_by_desc(case::Column::UpdatedAt)
        .order_by_desc(case::Column::Id)
        .offset(f.page * per_page)
        .limit(per_page)
        .all(db)
        .await?;
    Ok(CasePage { cases, total })
}

/// CASE-4 `Mina ärenden`: the installer's own cases, newest change first.
pub async fn my_cases(state: &AppState, caller: &Caller, filter: &CaseFilter) -> Result<CasePage, AppError> {
    page_of(&state.db, case::Entity::find().filter(case::Column::HolderUserId.eq(caller.id())), filter).await
}

/// CASE-4 `Visa ärende` on a member: the owner sees that member's cases in the team.
pub async fn member_cases(state: &AppState, caller: &Caller, team_id: i32, member_id: i32, filter: &CaseFilter) -> Result<CasePage, AppError> {
    let team = live_teams().filter(team::Column::Id.eq(team_id)).one(&state.db).await?;
    if !team.is_some_and(|t| t.owner_user_id == caller.id() || caller.user.role == Role::Admin.code()) {
        return Err(AppError::NotFound("Teamet finns inte, eller så har du inte tillgång till det.".into()));
    }
    let q = case::Entity::find().filter(case::Column::TeamId.eq(team_id)).filter(case::Column::HolderUserId.eq(member_id));
    page_of(&state.db, q, &CaseFilter { team_id: None, ..filter.clone() }).await
}

/// Which part of the handler queue to show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueueView {
    /// Submitted and answered cases waiting for the unit.
    InProgress,
    /// Completion reported, waiting to be archived.
    Completed,
    /// Cancellation requested.
    Cancellations,
}

/// CASE-12: the handler's unit's cases, oldest submission first.
pub async fn queue(state: &AppState, caller: &Caller, view: QueueView, page: u64) -> Result<CasePage, AppError> {
    let unit = handler_unit(&caller.user).ok_or(AppError::Forbidden)?;
    let q = case::Entity::find().filter(case::Column::Unit.eq(unit.code()));
    let q = match view {
        QueueView::InProgress => q
            .filter(case::Column::State.eq(CaseState::Pagaende.code()))
            .filter(case::Column::CancellationRequestedAt.is_null()),
        QueueView::Completed => q.filter(case::Column::State.eq(CaseState::Fardiganmald.code())),
        QueueView::Cancellations => q.filter(case::Column::CancellationRequestedAt.is_not_null()),
    };
    let per_page = 50;
    let total = q.clone().count(&state.db).await?;
    let cases = q
        .order_by_asc(case::Column::SubmittedAt)
        .order_by_asc(case::Column::Id)
        .offset(page * per_page)
        .limit(per_page)
        .all(&state.db)
        .await?;
    Ok(CasePage { cases, total })
}

/// A case with its timeline and attachments, for its page.
pub struct CaseWithHistory {
    pub case: case::Model,
    pub viewer: Viewer,
    pub values: FieldValues,
    pub events: Vec<(case_event::Model, Option<String>)>,
    pub attachments: Vec<case_attachment::Model>,
    pub holder_name: String,
    pub team_name: String,
    pub read_only_message: Option<String>,
}

pub async fn case_with_history(state: &AppState, caller: &Caller, case_id: i32) -> Result<CaseWithHistory, AppError> {
    let (c, viewer) = load_visible(&state.db, caller, case_id).await?;
    let events = case_event::Entity::find()
        .filter(case_event::Column::CaseId.eq(c.id))
        .order_by_asc(case_event::Column::At)
        .order_by_asc(case_event::Column::Id)
        .all(&state.db)
        .await?;
    let mut actor_ids: Vec<i32> = events.iter().filter_map(|e| e.actor_user_id).chain([c.holder_user_id]).collect();
    actor_ids.sort_unstable();
    actor_ids.dedup();
    let names: std::collections::HashMap<i32, String> = user::Entity::find()
        .filter(user::Column::Id.is_in(actor_ids))
        .all(&state.db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    let attachments = case_attachment::Entity::find()
        .filter(case_attachment::Column::CaseId.eq(c.id))
        .order_by_asc(case_attachment::Column::Id)
        .all(&state.db)
        .await?;
    let team_name = team::Entity::find_by_id(c.team_id).one(&state.db).await?.map(|t| t.name).unwrap_or_default();
    let unit = Unit::from_code(&c.unit).unwrap_or(Unit::Connection);
    let read_only_message = is_read_only_by_age(state_of(&c), c.submitted_at, state.now(), state.operator.case_read_only_after_years)
        .then(|| expired_message(&state.operator, unit));
    Ok(CaseWithHistory {
        values: parse_values(&c),
        events: events.into_iter().map(|e| {
            let name = e.actor_user_id.and_then(|id| names.get(&id).cloned());
            (e, name)
        }).collect(),
        attachments,
        holder_name: names.get(&c.holder_user_id).cloned().unwrap_or_default(),
        team_name,
        read_only_message,
        case: c,
        viewer,
    })
}

/// Records a move on the timeline, in the audit log, and tells both installers.
async fn record_move(
    txn: &DatabaseTransaction,
    now: DateTime<Utc>,
    caller: &Caller,
    c: &case::Model,
    kind: &str,
    details: serde_json::Value,
    tell: &[i32],
) -> Result<(), AppError> {
    timeline(txn, c.id, now, caller, kind, None, details.clone()).await?;
    let action = if kind == "moved" { "case.moved" } else { "case.team_changed" };
    audit::record(txn, now, AuditEntry::by(caller, action, format!("case:{}", c.id), details)).await?;
    for user_id in tell {
        notify(
            txn,
            now,
            *user_id,
            format!("Ärende {} har flyttats", number(c)),
            format!("Ärende {} ({}) har flyttats av {}.", number(c), c.customer_name, mover_name(caller)),
        )
        .await?;
    }
    Ok(())
}

/// Who moved a case, as the installers are told: while acting, customer service for the installer.
fn mover_name(caller: &Caller) -> String {
    match &caller.acting_admin {
        Some(admin) => format!("{} (kundservice, för {})", admin.admin_name, caller.user.name),
        None => caller.user.name.clone(),
    }
}

fn selection(case_ids: &[i32]) -> Result<Vec<i32>, AppError> {
    let mut ids = case_ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Err(AppError::invalid("case_ids", "Markera minst ett ärende."));
    }
    if ids.len() > 200 {
        return Err(AppError::invalid("case_ids", "Flytta högst 200 ärenden åt gången."));
    }
    Ok(ids)
}

/// Locks the selected cases (in id order, so two movers never deadlock) and
/// reads them anew: the list in the browser may be stale.
async fn lock_cases(state: &AppState, ids: &[i32]) -> Result<(DatabaseTransaction, Vec<case::Model>), AppError> {
    let txn = state.db.begin().await?;
    for id in ids {
        case::Entity::update_many()
            .col_expr(case::Column::Id, Expr::col(case::Column::Id))
            .filter(case::Column::Id.eq(*id))
            .exec(&txn)
            .await?;
    }
    let cases = case::Entity::find().filter(case::Column::Id.is_in(ids.to_vec())).order_by_asc(case::Column::Id).all(&txn).await?;
    Ok((txn, cases))
}

fn refuse_moves(problems: Vec<String>) -> Result<(), AppError> {
    if problems.is_empty() {
        Ok(())
    } else {
        Err(AppError::conflict("case_ids", format!("Inga ärenden flyttades. {}", problems.join(" "))))
    }
}

/// CASE-5 `Flytta ärende till annan installatör`: the team owner moves cases
/// between the team's members. All or nothing.
pub async fn move_to_member(state: &AppState, caller: &Caller, team_id: i32, case_ids: &[i32], to_user_id: i32) -> Result<usize, AppError> {
    let owner = &caller.user;
    let ids = selection(case_ids)?;
    let team = live_teams()
        .filter(team::Column::Id.eq(team_id))
        .one(&state.db)
        .await?
        .filter(|t| t.owner_user_id == owner.id)
        .ok_or_else(|| AppError::NotFound("Teamet finns inte, eller så är du inte dess ägare.".into()))?;
    let now = state.now();
    let (txn, cases) = lock_cases(state, &ids).await?;
    let receiver_in_team = to_user_id == team.owner_user_id
        || team_member::Entity::find()
            .filter(team_member::Column::TeamId.eq(team.id))
            .filter(team_member::Column::UserId.eq(to_user_id))
            .count(&txn)
            .await?
            > 0;
    if !receiver_in_team {
        return Err(AppError::invalid("to_user_id", "Välj en installatör i teamet."));
    }
    let mut problems = Vec::new();
    if cases.len() != ids.len() {
        problems.push("Något av ärendena finns inte längre.".to_string());
    }
    for c in &cases {
        if c.team_id != team.id {
            problems.push(format!("{} hör inte till teamet.", number(c)));
        } else if let Err(why) = check_movable(state_of(c)) {
            problems.push(format!("{}: {why}", number(c)));
        } else if c.holder_user_id == to_user_id {
            problems.push(format!("{} ligger redan hos den installatören.", number(c)));
        }
    }
    refuse_moves(problems)?;
    for c in &cases {
        let from = c.holder_user_id;
        let mut active: case::ActiveModel = c.clone().into();
        active.holder_user_id = Set(to_user_id);
        active.updated_at = Set(now);
        let moved = active.update(&txn).await?;
        record_move(&txn, now, caller, &moved, "moved", json!({ "from_user_id": from, "to_user_id": to_user_id }), &[from, to_user_id]).await?;
    }
    txn.commit().await?;
    Ok(cases.len())
}

/// The teams an installer may move a case to (CASE-6): theirs, with the
/// case's organisation number, other than its current one.
pub async fn teams_for_change(db: &impl ConnectionTrait, caller: &Caller, organisationsnummer: &str) -> Result<Vec<team::Model>, AppError> {
    Ok(super::teams::teams_of(db, caller.id())
        .await?
        .into_iter()
        .map(|(t, _)| t)
        .filter(|t| t.organisationsnummer == organisationsnummer)
        .collect())
}

/// CASE-6 `Byt team på ärenden`: an installer moves their own cases to
/// another of their teams with the same organisation number. All or nothing.
pub async fn change_team(state: &AppState, caller: &Caller, case_ids: &[i32], to_team_id: i32) -> Result<usize, AppError> {
    let user = &caller.user;
    let ids = selection(case_ids)?;
    let now = state.now();
    let (txn, cases) = lock_cases(state, &ids).await?;
    let all_mine = super::teams::teams_of(&txn, user.id).await?;
    let target = all_mine
        .into_iter()
        .map(|(t, _)| t)
        .find(|t| t.id == to_team_id)
        .ok_or_else(|| AppError::invalid("team_id", "Välj ett av dina team."))?;
    let mut problems = Vec::new();
    if cases.len() != ids.len() {
        problems.push("Något av ärendena finns inte längre.".to_string());
    }
    for c in &cases {
        if c.holder_user_id != user.id {
            problems.push(format!("{} är inte ditt ärende.", number(c)));
        } else if let Err(why) = check_movable(state_of(c)) {
            problems.push(format!("{}: {why}", number(c)));
        } else if c.organisationsnummer != target.organisationsnummer {
            problems.push(format!("{} hör till ett annat organisationsnummer än teamet {}.", number(c), target.name));
        } else if c.team_id == target.id {
            problems.push(format!("{} ligger redan i teamet {}.", number(c), target.name));
        }
    }
    refuse_moves(problems)?;
    for c in &cases {
        let from = c.team_id;
        let mut active: case::ActiveModel = c.clone().into();
        active.team_id = Set(target.id);
        active.updated_at = Set(now);
        let moved = active.update(&txn).await?;
        record_move(&txn, now, caller, &moved, "team_changed", json!({ "from_team_id": from, "to_team_id": target.id }), &[]).await?;
    }
    txn.commit().await?;
    Ok(cases.len())
}

/// A case `Admin Flytta ärenden` offers, with the move evidence it holds (ADM-3, ADM-4).
pub struct MovableCase {
    pub case: case::Model,
    pub team: Option<team::Model>,
    /// A customer's approval attached since the case last changed company.
    pub has_approval: bool,
    /// A fullmakt attached since the case last changed company.
    pub has_new_fullmakt: bool,
}

pub const MOVABLE_PAGE: u64 = 50;

/// From when a document counts as new evidence for each case: the later of
/// its submission and its last change of company (ADM-4).
async fn evidence_counts_from(db: &impl ConnectionTrait, cases: &[case::Model]) -> Result<std::collections::HashMap<i32, Option<DateTime<Utc>>>, AppError> {
    let ids: Vec<i32> = cases.iter().map(|c| c.id).collect();
    let company_changes = case_event::Entity::find()
        .filter(case_event::Column::CaseId.is_in(ids))
        .filter(case_event::Column::Kind.eq("moved"))
        .all(db)
        .await?;
    Ok(cases
        .iter()
        .map(|c| {
            let last_change = company_changes
                .iter()
                .filter(|e| e.case_id == c.id)
                .filter(|e| serde_json::from_str::<serde_json::Value>(&e.details).is_ok_and(|d| d["company_changed"] == json!(true)))
                .map(|e| e.at)
                .max();
            (c.id, Ord::max(last_change, c.submitted_at))
        })
        .collect())
}

/// The move-evidence attachments of these cases: (case id, kind, when).
async fn evidence_of(db: &impl ConnectionTrait, case_ids: Vec<i32>) -> Result<Vec<(i32, AttachmentKind, DateTime<Utc>)>, AppError> {
    Ok(case_attachment::Entity::find()
        .filter(case_attachment::Column::CaseId.is_in(case_ids))
        .filter(case_attachment::Column::Kind.is_in(MOVE_EVIDENCE.map(|k| k.code())))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|a| AttachmentKind::from_code(&a.kind).map(|k| (a.case_id, k, a.uploaded_at)))
        .collect())
}

/// ADM-4 for a set of cases moving to a team: the refusal line of each case
/// that lacks evidence.
async fn missing_evidence(db: &impl ConnectionTrait, cases: &[case::Model], to_organisationsnummer: &str) -> Result<Vec<String>, AppError> {
    let counts_from = evidence_counts_from(db, cases).await?;
    let evidence = evidence_of(db, cases.iter().map(|c| c.id).collect()).await?;
    Ok(cases
        .iter()
        .filter_map(|c| {
            let ct = CaseType::by_code(&c.case_type)?;
            let held: Vec<(AttachmentKind, DateTime<Utc>)> = evidence.iter().filter(|(id, _, _)| *id == c.id).map(|(_, k, at)| (*k, *at)).collect();
            let missing = missing_move_evidence(ct, &c.organisationsnummer, to_organisationsnummer, &held, counts_from.get(&c.id).copied().flatten());
            (!missing.is_empty()).then(|| describe_missing(&number(c), &missing))
        })
        .collect())
}

/// ADM-3: the installer's cases that may be moved, oldest change first, a page at a time.
pub async fn movable_cases_of(state: &AppState, holder_id: i32, page: u64) -> Result<(Vec<MovableCase>, u64), AppError> {
    let q = case::Entity::find()
        .filter(case::Column::HolderUserId.eq(holder_id))
        .filter(case::Column::State.is_in([CaseState::Pagaende.code(), CaseState::Komplettera.code()]));
    let total = q.clone().count(&state.db).await?;
    let cases = q
        .order_by_asc(case::Column::SubmittedAt)
        .order_by_asc(case::Column::Id)
        .offset(page * MOVABLE_PAGE)
        .limit(MOVABLE_PAGE)
        .all(&state.db)
        .await?;
    let counts_from = evidence_counts_from(&state.db, &cases).await?;
    let evidence = evidence_of(&state.db, cases.iter().map(|c| c.id).collect()).await?;
    let mut team_ids: Vec<i32> = cases.iter().map(|c| c.team_id).collect();
    team_ids.sort_unstable();
    team_ids.dedup();
    let teams = team::Entity::find().filter(team::Column::Id.is_in(team_ids)).all(&state.db).await?;
    let rows = cases
        .into_iter()
        .map(|c| {
            let from = counts_from.get(&c.id).copied().flatten();
            let fresh = |kind: AttachmentKind| {
                evidence.iter().any(|(id, k, at)| *id == c.id && *k == kind && from.is_none_or(|f| *at >= f))
            };
            MovableCase {
                has_approval: fresh(AttachmentKind::KundensGodkannande),
                has_new_fullmakt: fresh(AttachmentKind::Fullmakt),
                team: teams.iter().find(|t| t.id == c.team_id).cloned(),
                case: c,
            }
        })
        .collect();
    Ok((rows, total))
}

/// ADM-3 `Flytta ärenden`: an admin moves cases to another installer and one
/// of that installer's teams — within the company or, with the customer's
/// evidence on every case (ADM-4), to another. All or nothing.
pub async fn admin_move(state: &AppState, admin: &user::Model, case_ids: &[i32], to_user_id: i32, to_team_id: Option<i32>) -> Result<usize, AppError> {
    if admin.role != Role::Admin.code() {
        return Err(AppError::Forbidden);
    }
    // Moved by the admin themself, also while acting for someone (ADM-3).
    let mover = Caller::as_self(admin.clone());
    let ids = selection(case_ids)?;
    let to_team_id = to_team_id.ok_or_else(|| AppError::invalid("team_id", "Välj vilket av mottagarens team ärendena ska kopplas till."))?;
    let now = state.now();
    let (txn, cases) = lock_cases(state, &ids).await?;
    let receiver = user::Entity::find_by_id(to_user_id)
        .one(&txn)
        .await?
        .filter(|u| u.role == Role::Installer.code())
        .ok_or_else(|| AppError::invalid("to_user_id", "Sök fram installatören som ska ta emot ärendena."))?;
    let target = super::teams::teams_of(&txn, receiver.id)
        .await?
        .into_iter()
        .map(|(t, _)| t)
        .find(|t| t.id == to_team_id)
        .ok_or_else(|| AppError::invalid("team_id", format!("{} är inte med i det valda teamet. Välj ett av mottagarens team.", receiver.name)))?;
    let mut problems = Vec::new();
    if cases.len() != ids.len() {
        problems.push("Något av ärendena finns inte längre.".to_string());
    }
    for c in &cases {
        if let Err(why) = check_movable(state_of(c)) {
            problems.push(format!("{}: {why}", number(c)));
        } else if let Err(e) = check_not_expired(state, c) {
            problems.push(format!("{}: {e}", number(c)));
        } else if c.holder_user_id == receiver.id && c.team_id == target.id {
            problems.push(format!("{} ligger redan hos {} i teamet {}.", number(c), receiver.name, target.name));
        }
    }
    if problems.is_empty() {
        problems.extend(missing_evidence(&txn, &cases, &target.organisationsnummer).await?);
        if !problems.is_empty() {
            problems.push("Bifoga det som saknas på ärendena och försök igen.".into());
        }
    }
    refuse_moves(problems)?;
    for c in &cases {
        let details = json!({
            "from_user_id": c.holder_user_id,
            "to_user_id": receiver.id,
            "from_team_id": c.team_id,
            "to_team_id": target.id,
            "from_organisationsnummer": c.organisationsnummer,
            "to_organisationsnummer": target.organisationsnummer,
            "company_changed": c.organisationsnummer != target.organisationsnummer,
            "by_admin": true,
        });
        let from = c.holder_user_id;
        let mut active: case::ActiveModel = c.clone().into();
        active.holder_user_id = Set(receiver.id);
        active.team_id = Set(target.id);
        active.organisationsnummer = Set(target.organisationsnummer.clone());
        active.updated_at = Set(now);
        let moved = active.update(&txn).await?;
        let tell: Vec<i32> = if from == receiver.id { vec![from] } else { vec![from, receiver.id] };
        record_move(&txn, now, &mover, &moved, "moved", details, &tell).await?;
    }
    txn.commit().await?;
    Ok(cases.len())
}

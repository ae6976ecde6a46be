//! Team rules on the server (TEAM-1…TEAM-4, TEAM-6, TEAM-7, TEAM-9).
//! Every function starts from the asking user and decides, against the
//! database, how they relate to the team; the table of what each relation
//! may do is `domain::team::authorize`.
use super::audit::{self, AuditEntry};
use super::auth::Caller;
use super::entities::{ownership_offer, team, team_member, user};
use super::events::{EventKind, UserEvent};
use super::locks::lock_row;
use super::registers::RegisteredCompany;
use super::state::AppState;
use crate::domain::{
    authorize_team, Email, Organisationsnummer, PhoneNumber, Role, TeamAction, TeamDenial, TeamRelation,
    MAX_TEAM_NAME_CHARS,
};
use crate::error::{required_text, AppError, TextLabel, Validation};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set, SqlErr, TransactionTrait,
};
use serde_json::json;


use crate::domain::OfferStatus;

fn denied(d: TeamDenial) -> AppError {
    match d {
        TeamDenial::Hidden => AppError::NotFound(said!(server_errors.team_hidden).into()),
        TeamDenial::NotAllowed => AppError::Forbidden,
    }
}

fn is_admin(user: &user::Model) -> bool {
    user.role == Role::Admin
}

/// How `user` relates to `team`, read from the database.
pub async fn relation(db: &impl ConnectionTrait, user: &user::Model, team: &team::Model) -> Result<TeamRelation, AppError> {
    if team.owner_user_id == user.id {
        return Ok(TeamRelation::Owner);
    }
    if is_member(db, team.id, user.id).await? {
        return Ok(TeamRelation::Member);
    }
    Ok(if is_admin(user) { TeamRelation::Admin } else { TeamRelation::Outsider })
}

async fn is_member(db: &impl ConnectionTrait, team_id: i32, user_id: i32) -> Result<bool, AppError> {
    Ok(team_member::Entity::find()
        .filter(team_member::Column::TeamId.eq(team_id))
        .filter(team_member::Column::UserId.eq(user_id))
        .count(db)
        .await?
        > 0)
}

/// Teams that have not been deleted (TEAM-6 keeps deleted ones for their archived cases).
pub fn live_teams() -> sea_orm::Select<team::Entity> {
    team::Entity::find().filter(team::Column::DeletedAt.is_null())
}

/// Loads a team and checks that `user` may do `action` to it.
async fn authorized(
    db: &impl ConnectionTrait,
    user: &user::Model,
    team_id: i32,
    action: TeamAction,
) -> Result<(team::Model, TeamRelation), AppError> {
    let team = live_teams()
        .filter(team::Column::Id.eq(team_id))
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound(said!(server_errors.team_hidden).into()))?;
    let rel = relation(db, user, &team).await?;
    authorize_team(rel, action).map_err(denied)?;
    Ok((team, rel))
}

/// Starts a transaction that holds the team's row, so changes to one team
/// happen one after another (see `locks`); 404 for a deleted team.
async fn lock_team(state: &AppState, team_id: i32) -> Result<DatabaseTransaction, AppError> {
    let txn = state.db.begin().await?;
    lock_live_team(&txn, team_id).await?.ok_or_else(|| AppError::NotFound(said!(server_errors.team_hidden).into()))?;
    Ok(txn)
}

/// Locks a team's row inside `txn` and reads it anew; `None` when it does
/// not exist or has been deleted. Team rows are locked before case rows.
pub(crate) async fn lock_live_team(txn: &DatabaseTransaction, team_id: i32) -> Result<Option<team::Model>, AppError> {
    lock_row::<team::Entity>(txn, team::Column::Id, team_id, (team::Column::Id, Expr::col(team::Column::Id).into())).await?;
    Ok(live_teams().filter(team::Column::Id.eq(team_id)).one(txn).await?)
}

/// Whether `user_id` owns the team or is a member of it.
pub(crate) async fn belongs_to(db: &impl ConnectionTrait, team: &team::Model, user_id: i32) -> Result<bool, AppError> {
    Ok(team.owner_user_id == user_id || is_member(db, team.id, user_id).await?)
}

async fn record(
    txn: &DatabaseTransaction,
    at: DateTime<Utc>,
    caller: &Caller,
    action: &str,
    team_id: i32,
    details: serde_json::Value,
) -> Result<(), AppError> {
    audit::record(txn, at, AuditEntry::by(caller, action, format!("team:{team_id}"), details)).await?;
    Ok(())
}

/// Everyone who sees the team: its owner and members.
async fn people_of(db: &impl ConnectionTrait, team: &team::Model) -> Result<Vec<i32>, AppError> {
    let mut ids: Vec<i32> = team_member::Entity::find()
        .filter(team_member::Column::TeamId.eq(team.id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect();
    ids.push(team.owner_user_id);
    Ok(ids)
}

pub(crate) async fn tell(state: &AppState, mut user_ids: Vec<i32>) {
    user_ids.sort_unstable();
    user_ids.dedup();
    state.events.publish(UserEvent { user_ids, kind: EventKind::TeamsChanged }).await;
}

/// TEAM-1 `Hitta företagsdetaljer`: the company must be in the electrical
/// safety register.
pub async fn find_company(state: &AppState, raw: &str) -> Result<RegisteredCompany, AppError> {
    let number = Organisationsnummer::parse(raw).map_err(|e| AppError::invalid_because("organisationsnummer", &e))?;
    state.registers.electrical_safety.company(&number).await?.ok_or_else(|| {
        let text = crate::i18n::fill(said!(server_errors.company_not_in_register), &[("number", &number.to_string())]);
        AppError::invalid("organisationsnummer", text)
    })
}

/// What the `Skapa nytt team` form sends.
pub struct NewTeam {
    pub organisationsnummer: String,
    pub name: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
}

/// TEAM-1, TEAM-2: creates a team under a registered company; the creator
/// becomes its owner. Several teams may share an organisation number.
pub async fn create_team(state: &AppState, caller: &Caller, input: NewTeam) -> Result<team::Model, AppError> {
    let creator = &caller.user;
    super::email_check::require_verified(caller)?;
    if creator.role != Role::Installer {
        return Err(AppError::Forbidden);
    }
    let mut v = Validation::new();
    let details = TeamDetails::check(&mut v, &input.name, &input.contact_name, &input.contact_email, &input.contact_phone);
    let number = v.check("organisationsnummer", Organisationsnummer::parse(&input.organisationsnummer));
    v.finish()?;
    let details = details.expect("checked");
    let company = find_company(state, number.expect("checked").as_str()).await?;
    let now = state.now();
    let txn = state.db.begin().await?;
    let created = team::ActiveModel {
        name: Set(details.name),
        organisationsnummer: Set(company.organisationsnummer.as_str().to_string()),
        company_name: Set(company.name.clone()),
        company_address: Set(format!("{}, {} {}", company.street_address, company.postal_code, company.city)),
        contact_name: Set(details.contact_name),
        contact_email: Set(details.contact_email),
        contact_phone: Set(details.contact_phone),
        owner_user_id: Set(creator.id),
        manually_approved: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        deleted_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    record(&txn, now, caller, "team.created", created.id, json!({ "organisationsnummer": created.organisationsnummer, "name": created.name })).await?;
    txn.commit().await?;
    tell(state, vec![creator.id]).await;
    Ok(created)
}

/// A team's name and contact details (TEAM-1; the same rules when the
/// owner changes them): as typed, and as kept once checked.
pub struct TeamDetails {
    pub name: String,
    pub contact_name: String,
    pub contact_email: String,
    pub contact_phone: String,
}

impl TeamDetails {
    /// Checks every field, noting each problem in `v` under its field's name.
    fn check(v: &mut Validation, name: &str, contact_name: &str, contact_email: &str, contact_phone: &str) -> Option<Self> {
        let name = v.check("name", required_text(TextLabel::TeamName, name, MAX_TEAM_NAME_CHARS));
        let contact_name = v.check("contact_name", required_text(TextLabel::ContactPerson, contact_name, 200));
        let contact_email = v.check("contact_email", Email::parse(contact_email));
        let contact_phone = v.check("contact_phone", PhoneNumber::parse(contact_phone));
        Some(Self {
            name: name?,
            contact_name: contact_name?,
            contact_email: contact_email?.as_str().to_string(),
            contact_phone: contact_phone?.as_str().to_string(),
        })
    }
}

/// The owner changes the team's name and contact details (not its company:
/// a team belongs to one organisation number, TEAM-2). Under the team's
/// lock, audited with what changed; the team's people see it at once (TEAM-9).
pub async fn update_team(state: &AppState, caller: &Caller, team_id: i32, input: &TeamDetails) -> Result<team::Model, AppError> {
    authorized(&state.db, &caller.user, team_id, TeamAction::Edit).await?;
    let mut v = Validation::new();
    let details = TeamDetails::check(&mut v, &input.name, &input.contact_name, &input.contact_email, &input.contact_phone);
    v.finish()?;
    let details = details.expect("checked");
    let now = state.now();
    let txn = lock_team(state, team_id).await?;
    let team = team::Entity::find_by_id(team_id).one(&txn).await?.ok_or(AppError::Internal)?;
    // Decided again under the lock: the ownership may have passed on meanwhile.
    if team.owner_user_id != caller.id() {
        return Err(AppError::Forbidden);
    }
    let before = json!({ "name": team.name, "contact_name": team.contact_name, "contact_email": team.contact_email, "contact_phone": team.contact_phone });
    let after = json!({ "name": details.name, "contact_name": details.contact_name, "contact_email": details.contact_email, "contact_phone": details.contact_phone });
    if before == after {
        return Ok(team);
    }
    let people = people_of(&txn, &team).await?;
    let mut active: team::ActiveModel = team.into();
    active.name = Set(details.name);
    active.contact_name = Set(details.contact_name);
    active.contact_email = Set(details.contact_email);
    active.contact_phone = Set(details.contact_phone);
    active.updated_at = Set(now);
    let saved = active.update(&txn).await?;
    record(&txn, now, caller, "team.updated", team_id, json!({ "before": before, "after": after })).await?;
    txn.commit().await?;
    tell(state, people).await;
    Ok(saved)
}

/// The ids of the teams a user owns or belongs to, as a subquery. A union of
/// two index lookups: written as `owner = … OR id IN (members)` PostgreSQL
/// read every team to answer it (3.5 ms with 10 000 teams, on every page; issue 13).
pub fn ids_of_teams_of(user_id: i32) -> sea_orm::sea_query::SelectStatement {
    use sea_orm::sea_query::{Query, UnionType};
    let memberships = Query::select()
        .column(team_member::Column::TeamId)
        .from(team_member::Entity)
        .and_where(team_member::Column::UserId.eq(user_id))
        .to_owned();
    Query::select()
        .column(team::Column::Id)
        .from(team::Entity)
        .and_where(team::Column::OwnerUserId.eq(user_id))
        .union(UnionType::All, memberships)
        .to_owned()
}

/// The teams a user owns or belongs to, owned first, then by name (one statement).
pub async fn teams_of(db: &impl ConnectionTrait, user_id: i32) -> Result<Vec<(team::Model, bool)>, AppError> {
    let mut teams: Vec<(team::Model, bool)> = live_teams()
        .filter(team::Column::Id.in_subquery(ids_of_teams_of(user_id)))
        .order_by_asc(team::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|t| {
            let owned = t.owner_user_id == user_id;
            (t, owned)
        })
        .collect();
    // Stable: by name within each group.
    teams.sort_by_key(|(_, owned)| !owned);
    Ok(teams)
}

/// A team with its people, as someone allowed to see it sees it.
pub struct TeamWithPeople {
    pub team: team::Model,
    pub relation: TeamRelation,
    pub owner: user::Model,
    pub members: Vec<user::Model>,
    pub pending_offer: Option<(ownership_offer::Model, user::Model)>,
}

pub async fn team_with_people(state: &AppState, caller: &Caller, team_id: i32) -> Result<TeamWithPeople, AppError> {
    let db = &state.db;
    let (team, relation) = authorized(db, &caller.user, team_id, TeamAction::View).await?;
    let member_ids: Vec<i32> = team_member::Entity::find()
        .filter(team_member::Column::TeamId.eq(team.id))
        .all(db)
        .await?
        .into_iter()
        .map(|m| m.user_id)
        .collect();
    let mut people = user::Entity::find()
        .filter(user::Column::Id.is_in(member_ids.iter().copied().chain([team.owner_user_id])))
        .order_by_asc(user::Column::Name)
        .all(db)
        .await?;
    let owner_pos = people.iter().position(|u| u.id == team.owner_user_id).ok_or(AppError::Internal)?;
    let owner = people.remove(owner_pos);
    let pending = ownership_offer::Entity::find()
        .filter(ownership_offer::Column::TeamId.eq(team.id))
        .filter(ownership_offer::Column::Status.eq(OfferStatus::Pending))
        .one(db)
        .await?;
    let pending_offer = match pending {
        Some(offer) => people.iter().find(|u| u.id == offer.to_user_id).cloned().map(|to| (offer, to)),
        None => None,
    };
    Ok(TeamWithPeople { team, relation, owner, members: people, pending_offer })
}

/// TEAM-3 `Lägg till medlem`: the owner adds a person by username.
pub async fn add_member(state: &AppState, caller: &Caller, team_id: i32, raw_email: &str) -> Result<user::Model, AppError> {
    let owner = &caller.user;
    authorized(&state.db, owner, team_id, TeamAction::AddMember).await?;
    let email = Email::parse(raw_email).map_err(|e| AppError::invalid_because("email", &e))?;
    let person = user::Entity::find().filter(user::Column::Email.eq(email.as_str())).one(&state.db).await?.ok_or_else(|| {
        AppError::invalid(
            "email",
            format!(
                "Det finns inget konto med användarnamnet {email}. Personen behöver först skapa ett konto \
                 (Registrera användare), eller kontrollera sitt användarnamn under Mina uppgifter."
            ),
        )
    })?;
    if person.id == owner.id {
        return Err(AppError::invalid("email", said!(server_errors.owner_not_member)));
    }
    if person.role != Role::Installer {
        return Err(AppError::invalid("email", said!(server_errors.only_installers)));
    }
    let already = || AppError::conflict("email", crate::i18n::fill(said!(server_errors.already_member), &[("name", &person.name)]));
    let now = state.now();
    let txn = lock_team(state, team_id).await?;
    let team = team::Entity::find_by_id(team_id).one(&txn).await?.ok_or(AppError::Internal)?;
    if team.owner_user_id != owner.id {
        // Ownership moved while we were on our way here.
        return Err(AppError::Forbidden);
    }
    if is_member(&txn, team_id, person.id).await? {
        return Err(already());
    }
    team_member::ActiveModel {
        team_id: Set(team_id),
        user_id: Set(person.id),
        added_by_user_id: Set(Some(owner.id)),
        added_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await
    .map_err(|e| match e.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => already(),
        _ => e.into(),
    })?;
    record(&txn, now, caller, "team.member_added", team_id, json!({ "user_id": person.id, "email": person.email })).await?;
    txn.commit().await?;
    tell(state, people_of(&state.db, &team).await?).await;
    Ok(person)
}

/// The one place that decides whether a member may be removed.
async fn removal_blocker(txn: &DatabaseTransaction, team_id: i32, user_id: i32) -> Result<Option<String>, AppError> {
    // TEAM-5: a member's open cases would be orphaned.
    let open = super::cases::active_cases_in_team(txn, team_id, Some(user_id)).await?;
    Ok((open > 0).then(|| {
        format!(
            "Personen har {open} ärende{} i teamet som inte är arkiverade eller makulerade. \
             Flytta dem till en annan medlem först (Visa ärenden → Flytta ärende till annan installatör).",
            if open == 1 { "" } else { "n" }
        )
    }))
}

/// TEAM-4, `Ta bort från team` → `Ta bort`: only the owner removes, and never themselves.
pub async fn remove_member(state: &AppState, caller: &Caller, team_id: i32, member_id: i32) -> Result<(), AppError> {
    let owner = &caller.user;
    let (team, _) = authorized(&state.db, owner, team_id, TeamAction::RemoveMember).await?;
    if member_id == team.owner_user_id {
        return Err(AppError::conflict(
            "member",
            said!(server_errors.owner_not_removable),
        ));
    }
    let now = state.now();
    let txn = lock_team(state, team_id).await?;
    let team = team::Entity::find_by_id(team_id).one(&txn).await?.ok_or(AppError::Internal)?;
    if team.owner_user_id != owner.id {
        return Err(AppError::Forbidden);
    }
    let membership = team_member::Entity::find()
        .filter(team_member::Column::TeamId.eq(team_id))
        .filter(team_member::Column::UserId.eq(member_id))
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::NotFound(said!(server_errors.not_a_member).into()))?;
    if let Some(reason) = removal_blocker(&txn, team_id, member_id).await? {
        return Err(AppError::conflict("member", reason));
    }
    let people = people_of(&txn, &team).await?;
    team_member::Entity::delete_by_id(membership.id).exec(&txn).await?;
    // An offer of ownership to someone who left the team lapses.
    ownership_offer::Entity::update_many()
        .col_expr(ownership_offer::Column::Status, Expr::value(OfferStatus::Void))
        .col_expr(ownership_offer::Column::ResolvedAt, Expr::value(Some(now)))
        .filter(ownership_offer::Column::TeamId.eq(team_id))
        .filter(ownership_offer::Column::ToUserId.eq(member_id))
        .filter(ownership_offer::Column::Status.eq(OfferStatus::Pending))
        .exec(&txn)
        .await?;
    record(&txn, now, caller, "team.member_removed", team_id, json!({ "user_id": member_id })).await?;
    txn.commit().await?;
    tell(state, people).await;
    Ok(())
}

/// TEAM-6: the owner deletes a team that has no other members and no active
/// cases. The row stays, hidden, for the archived cases that point to it.
pub async fn delete_team(state: &AppState, caller: &Caller, team_id: i32) -> Result<(), AppError> {
    let owner = &caller.user;
    authorized(&state.db, owner, team_id, TeamAction::Delete).await?;
    let now = state.now();
    let txn = lock_team(state, team_id).await?;
    let team = team::Entity::find_by_id(team_id).one(&txn).await?.ok_or(AppError::Internal)?;
    if team.owner_user_id != owner.id {
        return Err(AppError::Forbidden);
    }
    let members = team_member::Entity::find().filter(team_member::Column::TeamId.eq(team_id)).count(&txn).await?;
    if members > 0 {
        return Err(AppError::conflict(
            "team",
            crate::i18n::fill(if members == 1 { said!(server_errors.members_left_one) } else { said!(server_errors.members_left) }, &[("n", &members.to_string())]),
        ));
    }
    let active = super::cases::active_cases_in_team(&txn, team_id, None).await?;
    if active > 0 {
        return Err(AppError::conflict(
            "team",
            crate::i18n::fill(if active == 1 { said!(server_errors.active_cases_one) } else { said!(server_errors.active_cases) }, &[("n", &active.to_string())]),
        ));
    }
    let mut deleted: team::ActiveModel = team.clone().into();
    deleted.deleted_at = Set(Some(now));
    deleted.update(&txn).await?;
    ownership_offer::Entity::update_many()
        .col_expr(ownership_offer::Column::Status, Expr::value(OfferStatus::Void))
        .col_expr(ownership_offer::Column::ResolvedAt, Expr::value(Some(now)))
        .filter(ownership_offer::Column::TeamId.eq(team_id))
        .filter(ownership_offer::Column::Status.eq(OfferStatus::Pending))
        .exec(&txn)
        .await?;
    record(&txn, now, caller, "team.deleted", team_id, json!({ "name": team.name, "organisationsnummer": team.organisationsnummer })).await?;
    txn.commit().await?;
    tell(state, vec![owner.id]).await;
    Ok(())
}

/// TEAM-7: the owner offers ownership to a member.
pub async fn offer_ownership(state: &AppState, caller: &Caller, team_id: i32, to_user_id: i32) -> Result<(), AppError> {
    let owner = &caller.user;
    authorized(&state.db, owner, team_id, TeamAction::OfferOwnership).await?;
    let now = state.now();
    let txn = lock_team(state, team_id).await?;
    let team = team::Entity::find_by_id(team_id).one(&txn).await?.ok_or(AppError::Internal)?;
    if team.owner_user_id != owner.id {
        return Err(AppError::Forbidden);
    }
    if !is_member(&txn, team_id, to_user_id).await? {
        return Err(AppError::conflict("member", said!(server_errors.ownership_to_member)));
    }
    let pending = ownership_offer::Entity::find()
        .filter(ownership_offer::Column::TeamId.eq(team_id))
        .filter(ownership_offer::Column::Status.eq(OfferStatus::Pending))
        .count(&txn)
        .await?;
    if pending > 0 {
        return Err(AppError::conflict(
            "member",
            said!(server_errors.offer_pending),
        ));
    }
    ownership_offer::ActiveModel {
        team_id: Set(team_id),
        from_user_id: Set(owner.id),
        to_user_id: Set(to_user_id),
        status: Set(OfferStatus::Pending),
        created_at: Set(now),
        resolved_at: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    record(&txn, now, caller, "team.ownership_offered", team_id, json!({ "to_user_id": to_user_id })).await?;
    txn.commit().await?;
    tell(state, vec![owner.id, to_user_id]).await;
    Ok(())
}

/// TEAM-7: the owner withdraws a pending offer.
pub async fn withdraw_offer(state: &AppState, caller: &Caller, team_id: i32) -> Result<(), AppError> {
    let owner = &caller.user;
    authorized(&state.db, owner, team_id, TeamAction::WithdrawOwnershipOffer).await?;
    let now = state.now();
    let txn = lock_team(state, team_id).await?;
    let offer = ownership_offer::Entity::find()
        .filter(ownership_offer::Column::TeamId.eq(team_id))
        .filter(ownership_offer::Column::Status.eq(OfferStatus::Pending))
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::conflict("offer", said!(server_errors.no_offer_to_withdraw)))?;
    let to = offer.to_user_id;
    let mut active: ownership_offer::ActiveModel = offer.into();
    active.status = Set(OfferStatus::Withdrawn);
    active.resolved_at = Set(Some(now));
    active.update(&txn).await?;
    record(&txn, now, caller, "team.ownership_offer_withdrawn", team_id, json!({ "to_user_id": to })).await?;
    txn.commit().await?;
    tell(state, vec![owner.id, to]).await;
    Ok(())
}

/// TEAM-7: the member the offer was made to accepts or declines it. On
/// acceptance the roles swap in one transaction: the member becomes owner and
/// the former owner a member.
pub async fn answer_offer(state: &AppState, caller: &Caller, offer_id: i32, accept: bool) -> Result<(), AppError> {
    let member = &caller.user;
    let not_found = || AppError::NotFound(said!(server_errors.offer_not_found).into());
    let offer = ownership_offer::Entity::find_by_id(offer_id).one(&state.db).await?.ok_or_else(not_found)?;
    if offer.to_user_id != member.id {
        return Err(not_found());
    }
    let now = state.now();
    let txn = lock_team(state, offer.team_id).await?;
    // Read again under the lock: the offer may have been withdrawn, or the
    // member removed, since the page was shown. The receiver of an offer knew
    // the team, so saying why it no longer applies reveals nothing.
    let offer = ownership_offer::Entity::find_by_id(offer_id).one(&txn).await?.ok_or_else(not_found)?;
    if offer.status != OfferStatus::Pending {
        return Err(AppError::conflict("offer", said!(server_errors.offer_gone)));
    }
    let team = team::Entity::find_by_id(offer.team_id).one(&txn).await?.ok_or(AppError::Internal)?;
    let gone = || AppError::conflict("offer", said!(server_errors.offer_no_longer_member));
    authorize_team(relation(&txn, member, &team).await?, TeamAction::AnswerOwnershipOffer).map_err(|_| gone())?;
    let membership = team_member::Entity::find()
        .filter(team_member::Column::TeamId.eq(team.id))
        .filter(team_member::Column::UserId.eq(member.id))
        .one(&txn)
        .await?
        .ok_or_else(gone)?;
    if team.owner_user_id != offer.from_user_id {
        return Err(AppError::conflict("offer", said!(server_errors.offer_new_owner)));
    }
    let people = people_of(&txn, &team).await?;
    let former_owner = team.owner_user_id;
    let mut answered: ownership_offer::ActiveModel = offer.into();
    answered.resolved_at = Set(Some(now));
    if accept {
        answered.status = Set(OfferStatus::Accepted);
        team_member::Entity::delete_by_id(membership.id).exec(&txn).await?;
        team_member::ActiveModel {
            team_id: Set(team.id),
            user_id: Set(former_owner),
            added_by_user_id: Set(Some(member.id)),
            added_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let mut changed: team::ActiveModel = team.clone().into();
        changed.owner_user_id = Set(member.id);
        changed.updated_at = Set(now);
        changed.update(&txn).await?;
        answered.update(&txn).await?;
        record(&txn, now, caller, "team.ownership_transferred", team.id, json!({ "from_user_id": former_owner, "to_user_id": member.id })).await?;
    } else {
        answered.status = Set(OfferStatus::Declined);
        answered.update(&txn).await?;
        record(&txn, now, caller, "team.ownership_offer_declined", team.id, json!({ "from_user_id": former_owner })).await?;
    }
    txn.commit().await?;
    tell(state, people).await;
    Ok(())
}

/// A team in the side column.
pub struct SideTeam {
    pub id: i32,
    pub name: String,
    pub organisationsnummer: String,
    pub is_owner: bool,
}

/// An offer of ownership in the side column, waiting for an answer.
pub struct SideOffer {
    pub offer_id: i32,
    pub team_id: i32,
    pub team_name: String,
}

/// What the side column shows on every page (TEAM-1, TEAM-7, CASE-15).
pub struct SideColumn {
    /// Owned first, then by name (as `teams_of`).
    pub teams: Vec<SideTeam>,
    /// Oldest first (as `offers_to`).
    pub offers: Vec<SideOffer>,
    /// Unread news, counted up to `unread_most`.
    pub unread: u64,
}

/// One row of the side column's statement: which part it belongs to, and
/// that part's values in shared columns.
struct SideRow {
    part: i32,
    a: i64,
    b: i32,
    name: Option<String>,
    orgnr: Option<String>,
}

impl SideRow {
    /// By position, in the statement's column order (by name, each value
    /// would search the row's columns for its name).
    fn read(row: &sea_orm::QueryResult) -> Result<Self, sea_orm::DbErr> {
        Ok(Self {
            part: row.try_get_by_index(0)?,
            a: row.try_get_by_index(1)?,
            b: row.try_get_by_index(2)?,
            name: row.try_get_by_index(3)?,
            orgnr: row.try_get_by_index(4)?,
        })
    }
}

/// The side column in one statement (it is on every page, so every
/// statement saved is saved on every page): the user's teams, the offers of
/// ownership made to them and their unread news counted up to `unread_most`,
/// as the three parts of one `UNION ALL` — the same conditions as
/// `teams_of`, `offers_to` and `notifications::unread_up_to`.
pub async fn side_column(db: &impl ConnectionTrait, user_id: i32, unread_most: u64) -> Result<SideColumn, AppError> {
    let statement = side_column_statement(db.get_database_backend(), user_id, unread_most);
    let mut column = SideColumn { teams: Vec::new(), offers: Vec::new(), unread: 0 };
    for row in db.query_all_raw(statement).await? {
        let row = SideRow::read(&row)?;
        let id = i32::try_from(row.a).map_err(|_| AppError::Internal)?;
        match row.part {
            0 => column.teams.push(SideTeam {
                id,
                name: row.name.unwrap_or_default(),
                organisationsnummer: row.orgnr.unwrap_or_default(),
                is_owner: row.b == user_id,
            }),
            1 => column.offers.push(SideOffer { offer_id: id, team_id: row.b, team_name: row.name.unwrap_or_default() }),
            _ => column.unread = u64::try_from(row.a).unwrap_or(0),
        }
    }
    // Stable: by name within each group.
    column.teams.sort_by_key(|t| !t.is_owner);
    column.offers.sort_by_key(|o| o.offer_id);
    Ok(column)
}

/// The side column's statement as sea-query builds it; its SQL is built once
/// per backend ([`side_column_statement`]).
fn side_column_query(user_id: i32, unread_most: u64) -> sea_orm::sea_query::SelectStatement {
    use super::entities::notification;
    use sea_orm::sea_query::{Alias, ExprTrait, Query, QueryStatementBuilder, UnionType};
    use sea_orm::{QuerySelect, QueryTrait};
    let literal = |sql: &str| Expr::cust(sql.to_string());
    let mut teams = Query::select()
        .expr_as(literal("0"), "part")
        .expr_as(Expr::col((team::Entity, team::Column::Id)), "a")
        .expr_as(Expr::col((team::Entity, team::Column::OwnerUserId)), "b")
        .expr_as(Expr::col((team::Entity, team::Column::Name)), "name")
        .expr_as(Expr::col((team::Entity, team::Column::Organisationsnummer)), "orgnr")
        .from(team::Entity)
        .and_where(team::Column::DeletedAt.is_null())
        .and_where(team::Column::Id.in_subquery(ids_of_teams_of(user_id)))
        .to_owned();
    let offers = Query::select()
        .expr_as(literal("1"), "part")
        .expr_as(Expr::col((ownership_offer::Entity, ownership_offer::Column::Id)), "a")
        .expr_as(Expr::col((team::Entity, team::Column::Id)), "b")
        .expr_as(Expr::col((team::Entity, team::Column::Name)), "name")
        .expr_as(literal("NULL"), "orgnr")
        .from(ownership_offer::Entity)
        .inner_join(
            team::Entity,
            Expr::col((team::Entity, team::Column::Id)).equals((ownership_offer::Entity, ownership_offer::Column::TeamId)),
        )
        .and_where(ownership_offer::Column::ToUserId.eq(user_id))
        .and_where(ownership_offer::Column::Status.eq(OfferStatus::Pending))
        .and_where(team::Column::DeletedAt.is_null())
        .to_owned();
    // Counts at most `unread_most` index entries however much is unread.
    let unread_ids = notification::Entity::find()
        .select_only()
        .column(notification::Column::Id)
        .filter(notification::Column::UserId.eq(user_id))
        .filter(notification::Column::ReadAt.is_null())
        .limit(unread_most)
        .into_query();
    let unread_count = Query::select().expr(literal("COUNT(*)")).from_subquery(unread_ids, Alias::new("unread")).to_owned();
    let unread = Query::select()
        .expr_as(literal("2"), "part")
        .expr_as(Expr::SubQuery(None, Box::new(unread_count.into_sub_query_statement())), "a")
        .expr_as(literal("0"), "b")
        .expr_as(literal("NULL"), "name")
        .expr_as(literal("NULL"), "orgnr")
        .to_owned();
    teams
        .union(UnionType::All, offers)
        .union(UnionType::All, unread)
        .order_by(Alias::new("part"), sea_orm::Order::Asc)
        .order_by(Alias::new("name"), sea_orm::Order::Asc)
        .order_by(Alias::new("a"), sea_orm::Order::Asc)
        .to_owned()
}

/// [`side_column_query`]'s statement: its SQL built once per backend, its
/// values in the order its placeholders take them (the unit test holds the
/// two to the built statement).
fn side_column_statement(backend: sea_orm::DbBackend, user_id: i32, unread_most: u64) -> sea_orm::Statement {
    static SQL: super::sql_once::SqlPerBackend = super::sql_once::SqlPerBackend::new();
    let sql = SQL.get(backend, || backend.build(&side_column_query(user_id, unread_most)).sql);
    let values: [sea_orm::Value; 6] =
        [user_id.into(), user_id.into(), user_id.into(), OfferStatus::Pending.into(), user_id.into(), unread_most.into()];
    sea_orm::Statement::from_sql_and_values(backend, sql, values)
}

/// Pending offers made to `user`, with their (live) teams, in one statement.
pub async fn offers_to(db: &impl ConnectionTrait, user_id: i32) -> Result<Vec<(ownership_offer::Model, team::Model)>, AppError> {
    use sea_orm::{JoinType, QuerySelect};
    let team_of_offer: sea_orm::RelationDef = ownership_offer::Entity::belongs_to(team::Entity)
        .from(ownership_offer::Column::TeamId)
        .to(team::Column::Id)
        .into();
    Ok(ownership_offer::Entity::find()
        .filter(ownership_offer::Column::ToUserId.eq(user_id))
        .filter(ownership_offer::Column::Status.eq(OfferStatus::Pending))
        .join(JoinType::InnerJoin, team_of_offer)
        .filter(team::Column::DeletedAt.is_null())
        .order_by_asc(ownership_offer::Column::Id)
        .select_also(team::Entity)
        .all(db)
        .await?
        .into_iter()
        .filter_map(|(offer, team)| Some((offer, team?)))
        .collect())
}

#[cfg(test)]
mod side_column_statement_tests {
    use super::*;

    /// The kept SQL and the values listed by hand are what sea-query builds
    /// for the same user and limit, whoever asked first.
    #[test]
    fn the_side_columns_statement_is_built_once_with_each_calls_values_in_place() {
        for backend in [sea_orm::DbBackend::Postgres, sea_orm::DbBackend::Sqlite] {
            for (user_id, unread_most) in [(7, 100), (123_456, 3)] {
                let kept = side_column_statement(backend, user_id, unread_most);
                let built = backend.build(&side_column_query(user_id, unread_most));
                assert_eq!(kept.sql, built.sql);
                assert_eq!(kept.values, built.values, "{backend:?}");
            }
        }
    }
}

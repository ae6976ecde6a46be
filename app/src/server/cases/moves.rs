//! Moving cases: CASE-5 (owner, between members), CASE-6 (installer, between
//! their teams of one company), ADM-3/ADM-4 (customer service, to any
//! installer). Every move names the cases as its mover saw them (CASE-13),
//! locks the target team's row and then the cases' rows by id, and decides
//! everything — ownership, membership, state, age, version, evidence — under
//! those locks. All or nothing.
use super::{check_not_expired, number, state_of, timeline_entry};
use crate::domain::case::{check_movable, TimelineNote, NOTE_KEY, describe_missing, missing_move_evidence, same_company, AttachmentKind, CaseState, CaseType, SeenCase};
use crate::domain::Role;
use crate::error::AppError;
use crate::translated::Translate;
use crate::i18n::{fill, td_string, Locale};
use crate::server::audit::{self, AuditEntry};
use crate::server::outbox;
use crate::server::auth::Caller;
use crate::server::entities::{case, case_attachment, case_event, team, user};
use crate::server::state::AppState;
use crate::server::teams::{belongs_to, lock_live_team, teams_of};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, TransactionTrait,
};
use serde_json::json;

/// The most cases one move takes (ADM-3: customer service moves an
/// installer's whole book at once).
pub const MAX_MOVE: usize = 10_000;

/// Rows per statement in bulk reads and inserts: well inside SQLite's limit of
/// bound parameters (32 766) for the widest row (seven columns).
const BATCH: usize = 1_000;

/// One case's move: the case as moved, what is recorded about it, and whom to tell.
struct Moved {
    case: case::Model,
    details: serde_json::Value,
    tell: Vec<i32>,
}

/// Records moves on the timeline, in the audit log, and in the outbox for the
/// installers to be told — a few batched inserts, whatever the number of
/// cases, with every receiver's address read once.
/// Whose pages a move concerns (told after the commit, CASE-15).
struct Concerned {
    users: Vec<i32>,
    units: Vec<crate::domain::case::Unit>,
}

impl Concerned {
    async fn tell(self, state: &AppState) {
        crate::server::notifications::cases_changed(state, self.users, &self.units).await;
    }
}

async fn record_moves(txn: &DatabaseTransaction, now: DateTime<Utc>, caller: &Caller, kind: &str, moves: Vec<Moved>) -> Result<Concerned, AppError> {
    let action = if kind == "moved" { "case.moved" } else { "case.team_changed" };
    // Everyone named or told, and every team named, read once.
    let detail_ids = |key: &'static str| moves.iter().filter_map(move |m| m.details[key].as_i64().and_then(|id| i32::try_from(id).ok()));
    let mut people: Vec<i32> =
        moves.iter().flat_map(|m| m.tell.iter().copied()).chain(detail_ids("from_user_id")).chain(detail_ids("to_user_id")).collect();
    people.sort_unstable();
    people.dedup();
    let mut addresses = std::collections::HashMap::new();
    let mut names = std::collections::HashMap::new();
    let mut languages = std::collections::HashMap::new();
    for ids in people.chunks(BATCH) {
        for u in user::Entity::find().filter(user::Column::Id.is_in(ids.to_vec())).all(txn).await? {
            languages.insert(u.id, Locale::from(crate::server::language::of_account(&u)));
            addresses.insert(u.id, u.email);
            names.insert(u.id, u.name);
        }
    }
    let mut team_ids: Vec<i32> = detail_ids("from_team_id").chain(detail_ids("to_team_id")).collect();
    team_ids.sort_unstable();
    team_ids.dedup();
    let mut team_names = std::collections::HashMap::new();
    for ids in team_ids.chunks(BATCH) {
        for t in team::Entity::find().filter(team::Column::Id.is_in(ids.to_vec())).all(txn).await? {
            team_names.insert(t.id, t.name);
        }
    }
    let mut concerned = Concerned { users: people.clone(), units: Vec::new() };
    concerned.users.push(caller.id());
    let mut news = Vec::new();
    let mut events = Vec::with_capacity(moves.len());
    let mut audits = Vec::with_capacity(moves.len());
    let mut messages = Vec::new();
    for m in moves {
        let c = &m.case;
        // CASE-10: the timeline says from whom and to whom (and between which teams).
        let name_of = |map: &std::collections::HashMap<i32, String>, key: &str| {
            m.details[key].as_i64().and_then(|id| map.get(&(id as i32))).cloned()
        };
        let note = TimelineNote::moved(
            name_of(&names, "from_user_id").zip(name_of(&names, "to_user_id")),
            name_of(&team_names, "from_team_id").zip(name_of(&team_names, "to_team_id")),
        );
        let mut details = m.details.clone();
        if let Some(note) = &note {
            details[NOTE_KEY] = json!(note);
        }
        events.push(timeline_entry(c.id, now, caller, kind, note.as_ref().map(ToString::to_string), details));
        audits.push(audit::row(now, AuditEntry::by(caller, action, format!("case:{}", c.id), m.details)));
        concerned.users.push(c.holder_user_id);
        if !concerned.units.contains(&c.unit) {
            concerned.units.push(c.unit);
        }
        for id in &m.tell {
            if let Some(email) = addresses.get(id) {
                let locale = languages.get(id).copied().unwrap_or(Locale::sv);
                let body = fill(td_string!(locale, mail.case_moved_body), &[
                    ("case", &number(c)),
                    ("customer", &c.customer_name),
                    ("mover", &mover_name(caller, locale)),
                    ("moves", &note.as_ref().map(|n| format!(" {}", n.text(locale))).unwrap_or_default()),
                ]);
                let subject = fill(td_string!(locale, mail.case_moved_subject), &[("case", &number(c))]);
                messages.push(outbox::message(now, email, subject, body.clone()));
                news.push(crate::server::notifications::row(now, *id, c.id, body));
            }
        }
    }
    insert_in_batches(txn, events).await?;
    insert_in_batches(txn, audits).await?;
    insert_in_batches(txn, messages).await?;
    insert_in_batches(txn, news).await?;
    Ok(concerned)
}

async fn insert_in_batches<A>(txn: &DatabaseTransaction, rows: Vec<A>) -> Result<(), AppError>
where
    A: sea_orm::ActiveModelTrait + Send,
{
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let batch: Vec<A> = rows.by_ref().take(BATCH / 4).collect();
        A::Entity::insert_many(batch).exec_without_returning(txn).await?;
    }
    Ok(())
}

/// Who moved a case, as the installers are told: while acting, customer service for the installer.
fn mover_name(caller: &Caller, locale: Locale) -> String {
    match &caller.acting_admin {
        Some(admin) => fill(td_string!(locale, mail.mover_for), &[("admin", &admin.admin_name), ("installer", &caller.user.name)]),
        None => caller.user.name.clone(),
    }
}

/// The selected cases, each once, in id order (the lock order).
fn selection(seen: &[SeenCase]) -> Result<Vec<SeenCase>, AppError> {
    let mut cases = seen.to_vec();
    cases.sort_by_key(|c| c.id);
    cases.dedup_by_key(|c| c.id);
    if cases.is_empty() {
        return Err(AppError::invalid("cases", said!(server_errors.select_a_case)));
    }
    if cases.len() > MAX_MOVE {
        return Err(AppError::invalid("cases", crate::i18n::fill(said!(server_errors.move_at_most), &[("max", &MAX_MOVE.to_string())])));
    }
    Ok(cases)
}

/// Locks the selected cases in id order and reads them anew, a batch at a
/// time, in one statement a batch; a case that no longer exists or has
/// changed since its mover saw it is a problem of the move (CASE-13).
///
/// Every move has locked its team's row first, by writing it: on SQLite
/// that write took the database's write lock, which covers these rows too.
/// On PostgreSQL `FOR NO KEY UPDATE` (the lock an `UPDATE` of these
/// columns takes) locks each row as the sorted rows are read.
/// The rows are written once, by [`update_cases`], which raises their
/// version: writing them here as well (the lock by a write the rest of the
/// app uses) made every case's row, and each of its indexes' entries, twice
/// over (issue 13: a move of 5 000 cases).
async fn lock_seen_cases(txn: &DatabaseTransaction, seen: &[SeenCase], problems: &mut Vec<String>) -> Result<Vec<case::Model>, AppError> {
    use sea_orm::sea_query::LockType;
    let mut cases = Vec::with_capacity(seen.len());
    for batch in seen.chunks(BATCH) {
        let ids = batch.iter().map(|s| s.id);
        let locked = case::Entity::find()
            .filter(case::Column::Id.is_in(ids))
            .order_by_asc(case::Column::Id)
            .lock(LockType::NoKeyUpdate)
            .all(txn)
            .await?;
        let mut locked = locked.into_iter().peekable();
        for s in batch {
            match locked.next_if(|c| c.id == s.id) {
                Some(c) if c.version == s.version => cases.push(c),
                Some(c) => problems.push(crate::i18n::fill(said!(server_errors.case_changed_since_listed), &[("case", &number(&c))])),
                None => problems.push(said!(server_errors.case_gone).to_string()),
            }
        }
    }
    problems.dedup();
    Ok(cases)
}

/// Sets `changes` on every case in `cases` (locked by [`lock_seen_cases`]) and
/// raises each one's version (CASE-13), a batch at a time.
async fn update_cases(
    txn: &DatabaseTransaction,
    cases: &[case::Model],
    changes: &[(case::Column, sea_orm::Value)],
) -> Result<(), AppError> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    for batch in cases.chunks(BATCH) {
        let mut update = case::Entity::update_many().col_expr(case::Column::Version, Expr::col(case::Column::Version).add(1));
        for (column, value) in changes {
            update = update.col_expr(*column, Expr::val(value.clone()));
        }
        update.filter(case::Column::Id.is_in(batch.iter().map(|c| c.id))).exec(txn).await?;
    }
    Ok(())
}

/// A case that cannot move at all: not in progress (CASE-5, CASE-6, ADM-3), or too old (CASE-7).
fn unmovable(state: &AppState, c: &case::Model) -> Option<String> {
    if let Err(why) = check_movable(state_of(c)) {
        return Some(format!("{}: {}", number(c), why.text(crate::components::language::current_locale())));
    }
    check_not_expired(state, c).err().map(|e| format!("{}: {e}", number(c)))
}

/// The most problems a refusal names; a selection of thousands gets the first and a count.
const PROBLEMS_SHOWN: usize = 10;

fn refuse_moves(problems: Vec<String>) -> Result<(), AppError> {
    if problems.is_empty() {
        return Ok(());
    }
    let more = problems.len().saturating_sub(PROBLEMS_SHOWN);
    let mut message = crate::i18n::fill(said!(server_errors.nothing_moved), &[("problems", &problems[..problems.len().min(PROBLEMS_SHOWN)].join(" "))]);
    if more > 0 {
        message.push_str(&crate::i18n::fill(said!(server_errors.and_more), &[("n", &more.to_string())]));
    }
    Err(AppError::conflict("cases", message))
}

/// CASE-5 `Flytta ärende till annan installatör`: the team owner moves cases
/// between the team's members.
pub async fn move_to_member(state: &AppState, caller: &Caller, team_id: i32, seen: &[SeenCase], to_user_id: i32) -> Result<usize, AppError> {
    let seen = selection(seen)?;
    let now = state.now();
    let txn = state.db.begin().await?;
    let team = lock_live_team(&txn, team_id)
        .await?
        .filter(|t| t.owner_user_id == caller.id())
        .ok_or_else(|| AppError::NotFound(said!(server_errors.team_not_owned).into()))?;
    if !belongs_to(&txn, &team, to_user_id).await? {
        return Err(AppError::invalid("to_user_id", said!(server_errors.choose_member)));
    }
    let mut problems = Vec::new();
    let cases = lock_seen_cases(&txn, &seen, &mut problems).await?;
    for c in &cases {
        if c.team_id != team.id {
            problems.push(crate::i18n::fill(said!(server_errors.case_not_in_team), &[("case", &number(c))]));
        } else if let Some(why) = unmovable(state, c) {
            problems.push(why);
        } else if c.holder_user_id == to_user_id {
            problems.push(crate::i18n::fill(said!(server_errors.case_already_with_member), &[("case", &number(c))]));
        }
    }
    refuse_moves(problems)?;
    update_cases(&txn, &cases, &[(case::Column::HolderUserId, to_user_id.into()), (case::Column::UpdatedAt, now.into())]).await?;
    let count = cases.len();
    let moves = cases
        .into_iter()
        .map(|c| {
            let from = c.holder_user_id;
            Moved { details: json!({ "from_user_id": from, "to_user_id": to_user_id }), tell: vec![from, to_user_id], case: c }
        })
        .collect();
    let concerned = record_moves(&txn, now, caller, "moved", moves).await?;
    txn.commit().await?;
    concerned.tell(state).await;
    Ok(count)
}

/// The teams an installer may move a case to (CASE-6): theirs, of the same
/// company as the case (never for a case without one), other than its current one.
pub async fn teams_for_change(db: &impl ConnectionTrait, caller: &Caller, organisationsnummer: &str) -> Result<Vec<team::Model>, AppError> {
    Ok(teams_of(db, caller.id())
        .await?
        .into_iter()
        .map(|(t, _)| t)
        .filter(|t| same_company(&t.organisationsnummer, organisationsnummer))
        .collect())
}

/// CASE-6 `Byt team på ärenden`: an installer moves their own cases to
/// another of their teams with the same organisation number.
pub async fn change_team(state: &AppState, caller: &Caller, seen: &[SeenCase], to_team_id: i32) -> Result<usize, AppError> {
    let seen = selection(seen)?;
    let now = state.now();
    let txn = state.db.begin().await?;
    let not_yours = || AppError::invalid("team_id", said!(server_errors.choose_your_team));
    let target = lock_live_team(&txn, to_team_id).await?.ok_or_else(not_yours)?;
    if !belongs_to(&txn, &target, caller.id()).await? {
        return Err(not_yours());
    }
    let mut problems = Vec::new();
    let cases = lock_seen_cases(&txn, &seen, &mut problems).await?;
    for c in &cases {
        if c.holder_user_id != caller.id() {
            problems.push(crate::i18n::fill(said!(server_errors.case_not_yours), &[("case", &number(c))]));
        } else if let Some(why) = unmovable(state, c) {
            problems.push(why);
        } else if !same_company(&c.organisationsnummer, &target.organisationsnummer) {
            problems.push(crate::i18n::fill(said!(server_errors.case_other_company), &[("case", &number(c)), ("team", &target.name)]));
        } else if c.team_id == target.id {
            problems.push(crate::i18n::fill(said!(server_errors.case_already_in_team), &[("case", &number(c)), ("team", &target.name)]));
        }
    }
    refuse_moves(problems)?;
    update_cases(&txn, &cases, &[(case::Column::TeamId, target.id.into()), (case::Column::UpdatedAt, now.into())]).await?;
    let count = cases.len();
    let moves = cases
        .into_iter()
        .map(|c| Moved { details: json!({ "from_team_id": c.team_id, "to_team_id": target.id }), tell: Vec::new(), case: c })
        .collect();
    let concerned = record_moves(&txn, now, caller, "team_changed", moves).await?;
    txn.commit().await?;
    concerned.tell(state).await;
    Ok(count)
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
async fn evidence_counts_from(db: &impl ConnectionTrait, cases: &[&case::Model]) -> Result<std::collections::HashMap<i32, Option<DateTime<Utc>>>, AppError> {
    let mut last_company_change: std::collections::HashMap<i32, DateTime<Utc>> = std::collections::HashMap::new();
    for batch in cases.chunks(BATCH) {
        // Only the three columns this needs: a case moved often has many such entries.
        let moves: Vec<(i32, DateTime<Utc>, String)> = case_event::Entity::find()
            .select_only()
            .columns([case_event::Column::CaseId, case_event::Column::At, case_event::Column::Details])
            .filter(case_event::Column::CaseId.is_in(batch.iter().map(|c| c.id)))
            .filter(case_event::Column::Kind.eq("moved"))
            .into_tuple()
            .all(db)
            .await?;
        for (case_id, moved_at, details) in moves {
            if serde_json::from_str::<serde_json::Value>(&details).is_ok_and(|d| d["company_changed"] == json!(true)) {
                let at = last_company_change.entry(case_id).or_insert(moved_at);
                *at = Ord::max(*at, moved_at);
            }
        }
    }
    Ok(cases.iter().map(|c| (c.id, Ord::max(last_company_change.get(&c.id).copied(), c.submitted_at))).collect())
}

/// The move evidence of these cases — only what customer service attached
/// as such (ADM-4) — as (case id, kind, when).
async fn evidence_of(db: &impl ConnectionTrait, case_ids: Vec<i32>) -> Result<std::collections::HashMap<i32, Vec<(AttachmentKind, DateTime<Utc>)>>, AppError> {
    let mut held: std::collections::HashMap<i32, Vec<(AttachmentKind, DateTime<Utc>)>> = std::collections::HashMap::new();
    for batch in case_ids.chunks(BATCH) {
        let attachments = case_attachment::Entity::find()
            .filter(case_attachment::Column::CaseId.is_in(batch.to_vec()))
            .filter(case_attachment::Column::MoveEvidence.eq(true))
            .all(db)
            .await?;
        for a in attachments {
            held.entry(a.case_id).or_default().push((a.kind, a.uploaded_at));
        }
    }
    Ok(held)
}

/// ADM-4 for a set of cases moving to a team: the refusal line of each case
/// that lacks evidence.
async fn missing_evidence(db: &impl ConnectionTrait, cases: &[case::Model], to_organisationsnummer: &str) -> Result<Vec<String>, AppError> {
    // Within a company nothing is asked for: only the cases that change company are read about.
    let crossing: Vec<&case::Model> = cases.iter().filter(|c| !same_company(&c.organisationsnummer, to_organisationsnummer)).collect();
    if crossing.is_empty() {
        return Ok(Vec::new());
    }
    let counts_from = evidence_counts_from(db, &crossing).await?;
    let evidence = evidence_of(db, crossing.iter().map(|c| c.id).collect()).await?;
    Ok(crossing
        .into_iter()
        .filter_map(|c| {
            let ct = CaseType::by_code(&c.case_type)?;
            let held = evidence.get(&c.id).map(Vec::as_slice).unwrap_or_default();
            let missing = missing_move_evidence(ct, &c.organisationsnummer, to_organisationsnummer, held, counts_from.get(&c.id).copied().flatten());
            (!missing.is_empty()).then(|| describe_missing(&number(c), &missing))
        })
        .collect())
}

/// ADM-3 `Markera alla`: every movable case of an installer as it is now
/// (id and version), at most as many as one move takes.
pub async fn all_movable_of(state: &AppState, holder_id: i32) -> Result<Vec<SeenCase>, AppError> {
    Ok(case::Entity::find()
        .select_only()
        .columns([case::Column::Id, case::Column::Version])
        .filter(case::Column::HolderUserId.eq(holder_id))
        .filter(case::Column::State.is_in([CaseState::Pagaende, CaseState::Komplettera]))
        .order_by_asc(case::Column::Id)
        .limit(MAX_MOVE as u64)
        .into_tuple::<(i32, i32)>()
        .all(&state.db)
        .await?
        .into_iter()
        .map(|(id, version)| SeenCase { id, version })
        .collect())
}

/// ADM-3: the installer's cases that may be moved, oldest change first, a page at a time.
pub async fn movable_cases_of(state: &AppState, holder_id: i32, page: crate::domain::PageNumber) -> Result<(Vec<MovableCase>, u64), AppError> {
    let q = case::Entity::find()
        .filter(case::Column::HolderUserId.eq(holder_id))
        .filter(case::Column::State.is_in([CaseState::Pagaende, CaseState::Komplettera]));
    let oldest_first = |q: sea_orm::Select<case::Entity>| q.order_by_asc(case::Column::SubmittedAt).order_by_asc(case::Column::Id);
    let (cases, total) = crate::server::listing::page(&state.db, q, oldest_first, page, MOVABLE_PAGE).await?;
    let counts_from = evidence_counts_from(&state.db, &cases.iter().collect::<Vec<_>>()).await?;
    let evidence = evidence_of(&state.db, cases.iter().map(|c| c.id).collect()).await?;
    let mut team_ids: Vec<i32> = cases.iter().map(|c| c.team_id).collect();
    team_ids.sort_unstable();
    team_ids.dedup();
    let teams = team::Entity::find().filter(team::Column::Id.is_in(team_ids)).all(&state.db).await?;
    let rows = cases
        .into_iter()
        .map(|c| {
            let from = counts_from.get(&c.id).copied().flatten();
            let held = evidence.get(&c.id).map(Vec::as_slice).unwrap_or_default();
            let fresh = |kind: AttachmentKind| held.iter().any(|(k, at)| *k == kind && from.is_none_or(|f| *at >= f));
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
/// evidence on every case (ADM-4), to another.
pub async fn admin_move(state: &AppState, admin: &user::Model, seen: &[SeenCase], to_user_id: i32, to_team_id: Option<i32>) -> Result<usize, AppError> {
    if admin.role != Role::Admin {
        return Err(AppError::Forbidden);
    }
    // Moved by the admin themself, also while acting for someone (ADM-3).
    let mover = Caller::as_self(admin.clone());
    let seen = selection(seen)?;
    let to_team_id = to_team_id.ok_or_else(|| AppError::invalid("team_id", said!(server_errors.choose_receiver_team)))?;
    let now = state.now();
    let txn = state.db.begin().await?;
    // Locks first (SQLite: a transaction that read before writing could not take the write lock).
    let target = lock_live_team(&txn, to_team_id).await?;
    let receiver = user::Entity::find_by_id(to_user_id)
        .one(&txn)
        .await?
        .filter(|u| u.role == Role::Installer)
        .ok_or_else(|| AppError::invalid("to_user_id", said!(server_errors.find_receiver)))?;
    if receiver.deactivated_at.is_some() {
        return Err(AppError::invalid("to_user_id", said!(server_errors.receiver_deactivated)));
    }
    let target = match target {
        Some(t) if belongs_to(&txn, &t, receiver.id).await? => t,
        _ => {
            return Err(AppError::invalid(
                "team_id",
                crate::i18n::fill(said!(server_errors.receiver_not_in_team), &[("name", &receiver.name)]),
            ))
        }
    };
    let mut problems = Vec::new();
    let cases = lock_seen_cases(&txn, &seen, &mut problems).await?;
    for c in &cases {
        if let Some(why) = unmovable(state, c) {
            problems.push(why);
        } else if c.holder_user_id == receiver.id && c.team_id == target.id {
            problems.push(crate::i18n::fill(said!(server_errors.case_already_with), &[("case", &number(c)), ("name", &receiver.name), ("team", &target.name)]));
        }
    }
    if problems.is_empty() {
        problems.extend(missing_evidence(&txn, &cases, &target.organisationsnummer).await?);
        if !problems.is_empty() {
            problems.insert(0, said!(server_errors.attach_missing).into());
        }
    }
    refuse_moves(problems)?;
    update_cases(
        &txn,
        &cases,
        &[
            (case::Column::HolderUserId, receiver.id.into()),
            (case::Column::TeamId, target.id.into()),
            (case::Column::Organisationsnummer, target.organisationsnummer.clone().into()),
            (case::Column::UpdatedAt, now.into()),
        ],
    )
    .await?;
    let count = cases.len();
    let mut moves = Vec::with_capacity(count);
    for c in cases {
        let details = json!({
            "from_user_id": c.holder_user_id,
            "to_user_id": receiver.id,
            "from_team_id": c.team_id,
            "to_team_id": target.id,
            "from_organisationsnummer": c.organisationsnummer,
            "to_organisationsnummer": target.organisationsnummer,
            "company_changed": !same_company(&c.organisationsnummer, &target.organisationsnummer),
            "by_admin": true,
        });
        let from = c.holder_user_id;
        let tell: Vec<i32> = if from == receiver.id { vec![from] } else { vec![from, receiver.id] };
        moves.push(Moved { case: c, details, tell });
    }
    let concerned = record_moves(&txn, now, &mover, "moved", moves).await?;
    txn.commit().await?;
    concerned.tell(state).await;
    Ok(count)
}

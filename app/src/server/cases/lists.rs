//! What lists and pages show: `Mina ärenden` (CASE-4), a member's cases for
//! the team owner, the handler queue (CASE-12), one case with its history.
use super::access::{handler_unit, load_visible, CaseRelation};
use super::lifecycle::values_of;
use super::{expired_message, state_of};
use crate::domain::case::{is_read_only_by_age, CaseSearch, CaseState, FieldValues, QueueFilter, QueuePart, QueueSearch, QueueSort};
use crate::domain::swedish_time;
use crate::domain::{PageCursor, PageNumber, Role};
use crate::error::AppError;
use crate::server::auth::Caller;
use crate::server::entities::{case, case_attachment, case_event, team, user};
use crate::server::listing::ReadByPosition;
use crate::server::state::AppState;
use crate::server::teams::live_teams;
use sea_orm::sea_query::{Expr, ExprTrait};
use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, FromQueryResult, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait};

/// Active (not archived or cancelled) cases in a team, of one member or all.
pub async fn active_cases_in_team(db: &impl ConnectionTrait, team_id: i32, holder: Option<i32>) -> Result<u64, AppError> {
    let mut q = case::Entity::find()
        .filter(case::Column::TeamId.eq(team_id))
        .filter(case::Column::State.is_not_in([CaseState::Arkiv, CaseState::Makulerad]));
    if let Some(h) = holder {
        q = q.filter(case::Column::HolderUserId.eq(h));
    }
    Ok(q.count(db).await?)
}

/// Filters of `Mina ärenden`.
#[derive(Debug, Default, Clone)]
pub struct CaseFilter {
    pub state: Option<CaseState>,
    pub team_id: Option<i32>,
    /// Case number or part of the facility address.
    pub query: Option<String>,
    pub page: crate::domain::PageNumber,
    /// Beside which row of the page the reader saw the asked page starts
    /// (`page` is then only the page's number for the pager).
    pub cursor: Option<PageCursor>,
    pub per_page: u64,
}

/// A case as a list shows it: only the columns lists read (not the
/// type's field values, the largest column by far), selected in the order
/// of [`ListedCase::COLUMNS`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedCase {
    pub id: i32,
    pub case_number: Option<String>,
    pub case_type: String,
    pub state: CaseState,
    pub customer_name: String,
    pub facility_address: String,
    pub team_id: i32,
    pub submitted_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    pub cancellation_requested_at: Option<DateTime<Utc>>,
    pub version: i32,
    pub holder_user_id: i32,
    pub assigned_handler_id: Option<i32>,
}

crate::server::listing::read_by_position!(ListedCase, case::Column {
    id <- Id,
    case_number <- CaseNumber,
    case_type <- CaseType,
    state <- State,
    customer_name <- CustomerName,
    facility_address <- FacilityAddress,
    team_id <- TeamId,
    submitted_at <- SubmittedAt,
    updated_at <- UpdatedAt,
    cancellation_requested_at <- CancellationRequestedAt,
    version <- Version,
    holder_user_id <- HolderUserId,
    assigned_handler_id <- AssignedHandlerId,
});

impl FromQueryResult for ListedCase {
    fn from_query_result(row: &sea_orm::QueryResult, _prefix: &str) -> Result<Self, sea_orm::DbErr> {
        Self::read_at(row, &mut (0..))
    }
}

impl From<case::Model> for ListedCase {
    fn from(c: case::Model) -> Self {
        Self {
            id: c.id,
            case_number: c.case_number,
            case_type: c.case_type,
            state: c.state,
            customer_name: c.customer_name,
            facility_address: c.facility_address,
            team_id: c.team_id,
            submitted_at: c.submitted_at,
            updated_at: c.updated_at,
            cancellation_requested_at: c.cancellation_requested_at,
            version: c.version,
            holder_user_id: c.holder_user_id,
            assigned_handler_id: c.assigned_handler_id,
        }
    }
}

/// A page of cases and how many there are in all.
pub struct CasePage {
    pub cases: Vec<ListedCase>,
    pub total: u64,
    /// The names of the handlers who took the page's cases (CASE-12; the queue fills it).
    pub handler_names: std::collections::HashMap<i32, String>,
}

/// Which way a list runs.
#[derive(Clone, Copy)]
enum Newest {
    /// Last change first (`Mina ärenden`, a member's cases).
    ChangedFirst,
    /// First submitted first (the handler queue).
    SubmittedLast,
    /// Last submitted first (the handler queue, sorted so).
    SubmittedFirst,
}

/// Which cases a search runs over.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SearchScope {
    /// One holder's cases (`Mina ärenden`, a member's cases): a few thousand
    /// at most, read through the holder's index. The trigram index is kept
    /// out of the planner's reach here: intersecting with it reads every
    /// matching case in the table (10 ms at a million cases, against 1.3 ms
    /// for the holder's 2 000 rows).
    OneHolder,
    /// Every case of a unit (the handler queue): through the search index —
    /// PostgreSQL's trigram index serves `LIKE` on the column itself; on
    /// SQLite the FTS5 trigram table `cases_search` does (migration `case_search`).
    AllCases,
}

/// The cases a search finds.
fn matching(backend: sea_orm::DatabaseBackend, scope: SearchScope, search: &CaseSearch) -> sea_orm::sea_query::SimpleExpr {
    use sea_orm::sea_query::{Alias, Func, Query};
    match (scope, backend) {
        (SearchScope::OneHolder, backend) => {
            // The text anywhere in the search text, by a function no index serves.
            let position = if backend == sea_orm::DatabaseBackend::Postgres { "strpos" } else { "instr" };
            Expr::expr(Func::cust(Alias::new(position)).arg(Expr::col(case::Column::SearchText)).arg(search.as_str())).gt(0)
        }
        (SearchScope::AllCases, sea_orm::DatabaseBackend::Sqlite) => {
            let found = Query::select()
                .expr(Expr::col(Alias::new("rowid")))
                .from(Alias::new("cases_search"))
                .and_where(Expr::col(Alias::new("search_text")).like(search.like_pattern()))
                .to_owned();
            case::Column::Id.in_subquery(found)
        }
        (SearchScope::AllCases, _) => case::Column::SearchText.like(search.like_pattern()),
    }
}

/// One page of a list and its total, in one statement (`listing`). With a
/// cursor (lists newest change first), the page is the rows beside the
/// cursor's row in the list's order (`(updated_at, id)` compared as a row
/// against that row's, looked up within the same filter), read through the
/// list's index without skipping the pages before it; when that row has left
/// the list meanwhile, the page number serves.
async fn one_page(
    db: &impl ConnectionTrait,
    q: sea_orm::Select<case::Entity>,
    order: Newest,
    page: PageNumber,
    cursor: Option<PageCursor>,
    per_page: u64,
) -> Result<CasePage, AppError> {
    use case::Column as C;
    let columns = |q: sea_orm::Select<case::Entity>| q.select_only().columns(ListedCase::COLUMNS.iter().copied());
    if let (Newest::ChangedFirst, Some(cursor)) = (order, cursor.filter(|_| page.get() > 0)) {
        let (anchor, backwards) = match cursor {
            PageCursor::After(id) => (id, false),
            PageCursor::Before(id) => (id, true),
        };
        let anchor_key = q.clone().filter(C::Id.eq(anchor)).select_only().columns([C::UpdatedAt, C::Id]).into_query();
        let key = Expr::tuple([Expr::col((case::Entity, C::UpdatedAt)), Expr::col((case::Entity, C::Id))]);
        let shape = |q: sea_orm::Select<case::Entity>| {
            let beside = if backwards { key.gt(anchor_key) } else { key.lt(anchor_key) };
            let q = q.filter(beside);
            columns(if backwards {
                q.order_by_asc(C::UpdatedAt).order_by_asc(C::Id)
            } else {
                q.order_by_desc(C::UpdatedAt).order_by_desc(C::Id)
            })
        };
        let (mut cases, total) =
            crate::server::listing::page_as::<case::Entity, ListedCase>(db, q.clone(), shape, PageNumber::default(), per_page).await?;
        if !cases.is_empty() {
            if backwards {
                cases.reverse();
            }
            return Ok(CasePage { cases, total, handler_names: Default::default() });
        }
    }
    let shape = |q: sea_orm::Select<case::Entity>| {
        columns(match order {
            Newest::ChangedFirst => q.order_by_desc(C::UpdatedAt).order_by_desc(C::Id),
            Newest::SubmittedLast => q.order_by_asc(C::SubmittedAt).order_by_asc(C::Id),
            Newest::SubmittedFirst => q.order_by_desc(C::SubmittedAt).order_by_desc(C::Id),
        })
    };
    let (cases, total) = crate::server::listing::page_as::<case::Entity, ListedCase>(db, q, shape, page, per_page).await?;
    Ok(CasePage { cases, total, handler_names: Default::default() })
}

async fn page_of(db: &impl ConnectionTrait, mut q: sea_orm::Select<case::Entity>, f: &CaseFilter) -> Result<CasePage, AppError> {
    if let Some(s) = f.state {
        q = q.filter(case::Column::State.eq(s));
    }
    if let Some(t) = f.team_id {
        q = q.filter(case::Column::TeamId.eq(t));
    }
    let search = CaseSearch::parse(f.query.as_deref().unwrap_or("")).map_err(|e| AppError::invalid_because("query", &e))?;
    if let Some(search) = search {
        q = q.filter(matching(db.get_database_backend(), SearchScope::OneHolder, &search));
    }
    one_page(db, q, Newest::ChangedFirst, f.page, f.cursor, f.per_page.clamp(1, 100)).await
}

/// CASE-4 `Mina ärenden`: the installer's own cases, newest change first.
pub async fn my_cases(state: &AppState, caller: &Caller, filter: &CaseFilter) -> Result<CasePage, AppError> {
    page_of(&state.db, case::Entity::find().filter(case::Column::HolderUserId.eq(caller.id())), filter).await
}

/// ADM-7: the cases an account holds, for the user directory (the caller
/// is an admin; the API checks).
pub async fn held_by(state: &AppState, holder_id: i32, filter: &CaseFilter) -> Result<CasePage, AppError> {
    page_of(&state.db, case::Entity::find().filter(case::Column::HolderUserId.eq(holder_id)), filter).await
}

/// CASE-4 `Visa ärende`: the team owner (or customer service) sees the
/// team's cases — all members' or one member's — filtered like `Mina ärenden`.
pub async fn team_cases(state: &AppState, caller: &Caller, team_id: i32, holder: Option<i32>, filter: &CaseFilter) -> Result<CasePage, AppError> {
    let team = live_teams().filter(team::Column::Id.eq(team_id)).one(&state.db).await?;
    if !team.is_some_and(|t| t.owner_user_id == caller.id() || caller.user.role == Role::Admin) {
        return Err(AppError::NotFound(said!(server_errors.team_not_yours).into()));
    }
    let mut q = case::Entity::find().filter(case::Column::TeamId.eq(team_id));
    if let Some(holder) = holder {
        q = q.filter(case::Column::HolderUserId.eq(holder));
    }
    page_of(&state.db, q, &CaseFilter { team_id: None, ..filter.clone() }).await
}

/// CASE-4 `Visa ärende` on a member: that member's cases in the team.
pub async fn member_cases(state: &AppState, caller: &Caller, team_id: i32, member_id: i32, filter: &CaseFilter) -> Result<CasePage, AppError> {
    team_cases(state, caller, team_id, Some(member_id), filter).await
}

/// CASE-12: the handler's unit's queue: a part of it (`QueuePart`),
/// searched and filtered, in the asked order, with who has taken each case.
pub async fn queue(state: &AppState, caller: &Caller, filter: &QueueFilter, page: PageNumber) -> Result<CasePage, AppError> {
    use case::Column as C;
    let unit = handler_unit(&caller.user).ok_or(AppError::Forbidden)?;
    // Drafts are the installer's own until submitted.
    let q = case::Entity::find().filter(C::Unit.eq(unit)).filter(C::State.ne(CaseState::Utkast));
    let mut q = match filter.part {
        QueuePart::InProgress => q.filter(C::State.eq(CaseState::Pagaende)).filter(C::CancellationRequestedAt.is_null()),
        QueuePart::Completed => q.filter(C::State.eq(CaseState::Fardiganmald)),
        QueuePart::Cancellations => q.filter(C::CancellationRequestedAt.is_not_null()),
        QueuePart::Mine => q
            .filter(C::AssignedHandlerId.eq(caller.id()))
            .filter(C::State.is_not_in([CaseState::Arkiv, CaseState::Makulerad])),
        QueuePart::All => q,
    };
    if let Some(s) = filter.state {
        q = q.filter(C::State.eq(s));
    }
    if let Some(t) = filter.case_type {
        q = q.filter(C::CaseType.eq(t.code));
    }
    if let Some(from) = filter.submitted_from {
        q = q.filter(C::SubmittedAt.gte(swedish_time::start_of_day(from)));
    }
    if let Some(to) = filter.submitted_to.and_then(|d| d.succ_opt()) {
        q = q.filter(C::SubmittedAt.lt(swedish_time::start_of_day(to)));
    }
    match &filter.search {
        Some(QueueSearch::Company(org)) => q = q.filter(C::Organisationsnummer.eq(org.as_str())),
        Some(QueueSearch::Text(text)) => q = q.filter(matching(state.db.get_database_backend(), SearchScope::AllCases, text)),
        None => {}
    }
    let order = match filter.sort {
        QueueSort::OldestFirst => Newest::SubmittedLast,
        QueueSort::NewestFirst => Newest::SubmittedFirst,
        QueueSort::LastChanged => Newest::ChangedFirst,
    };
    let mut found = one_page(&state.db, q, order, page, None, 50).await?;
    let mut handlers: Vec<i32> = found.cases.iter().filter_map(|c| c.assigned_handler_id).collect();
    handlers.sort_unstable();
    handlers.dedup();
    if !handlers.is_empty() {
        found.handler_names = user::Entity::find()
            .filter(user::Column::Id.is_in(handlers))
            .select_only()
            .columns([user::Column::Id, user::Column::Name])
            .into_tuple::<(i32, String)>()
            .all(&state.db)
            .await?
            .into_iter()
            .collect();
    }
    Ok(found)
}

/// A case with its timeline and attachments, for its page.
pub struct CaseWithHistory {
    pub case: case::Model,
    pub relation: CaseRelation,
    pub values: FieldValues,
    pub events: Vec<(case_event::Model, Option<String>)>,
    pub attachments: Vec<case_attachment::Model>,
    pub holder_name: String,
    pub team_name: String,
    pub read_only_message: Option<String>,
    /// CASE-12: the handler who took the case.
    pub handler_name: Option<String>,
    /// How to reach the installer and the company (for all but the holder).
    pub contact: Option<crate::api::cases::ContactView>,
}

pub async fn case_with_history(state: &AppState, caller: &Caller, case_id: i32) -> Result<CaseWithHistory, AppError> {
    let (c, relation) = load_visible(&state.db, caller, case_id).await?;
    let events = case_event::Entity::find()
        .filter(case_event::Column::CaseId.eq(c.id))
        .order_by_asc(case_event::Column::At)
        .order_by_asc(case_event::Column::Id)
        .all(&state.db)
        .await?;
    let mut user_ids: Vec<i32> =
        events.iter().filter_map(|e| e.actor_user_id).chain([c.holder_user_id]).chain(c.assigned_handler_id).collect();
    user_ids.sort_unstable();
    user_ids.dedup();
    let users: std::collections::HashMap<i32, user::Model> =
        user::Entity::find().filter(user::Column::Id.is_in(user_ids)).all(&state.db).await?.into_iter().map(|u| (u.id, u)).collect();
    let names: std::collections::HashMap<i32, String> = users.iter().map(|(id, u)| (*id, u.name.clone())).collect();
    let attachments = case_attachment::Entity::find()
        .filter(case_attachment::Column::CaseId.eq(c.id))
        .order_by_asc(case_attachment::Column::Id)
        .all(&state.db)
        .await?;
    let team = team::Entity::find_by_id(c.team_id).one(&state.db).await?;
    let team_name = team.as_ref().map(|t| t.name.clone()).unwrap_or_default();
    // CASE-12: whoever works the case (a handler, the team's owner, customer
    // service) sees how to reach the installer and the company.
    let contact = (relation != CaseRelation::Holder)
        .then(|| {
            let holder = users.get(&c.holder_user_id)?;
            let team = team.as_ref()?;
            Some(crate::api::cases::ContactView {
                name: holder.name.clone(),
                email: holder.email.clone(),
                mobile: holder.mobile.clone(),
                team_name: team.name.clone(),
                company_name: team.company_name.clone(),
                organisationsnummer: team.organisationsnummer.clone(),
                company_address: team.company_address.clone(),
                contact_name: team.contact_name.clone(),
                contact_email: team.contact_email.clone(),
                contact_phone: team.contact_phone.clone(),
            })
        })
        .flatten();
    let handler_name = c.assigned_handler_id.and_then(|id| names.get(&id).cloned());
    let unit = c.unit;
    let read_only_message = is_read_only_by_age(state_of(&c), c.submitted_at, state.now(), state.operator.case_read_only_after_years)
        .then(|| expired_message(&state.operator, unit));
    Ok(CaseWithHistory {
        values: values_of(&c),
        events: events.into_iter().map(|e| {
            let name = e.actor_user_id.and_then(|id| names.get(&id).cloned());
            (e, name)
        }).collect(),
        attachments,
        holder_name: names.get(&c.holder_user_id).cloned().unwrap_or_default(),
        team_name,
        read_only_message,
        handler_name,
        contact,
        case: c,
        relation,
    })
}


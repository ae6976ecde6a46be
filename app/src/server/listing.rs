//! Issue 13: a page of a list and the list's total in one statement. The
//! total is an uncorrelated scalar subquery beside the page's columns, which
//! both databases evaluate once (PostgreSQL as an InitPlan, by an
//! index-only scan where one serves); the page itself reads only its own
//! rows through the order's index. (`COUNT(*) OVER ()` would make every
//! request read every row of the list before the first.) A page past the
//! end, which has no row to carry the total, costs a second statement.
use crate::domain::PageNumber;
use sea_orm::sea_query::{Expr, QueryStatementBuilder};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, FromQueryResult, PaginatorTrait, QueryResult, QuerySelect, QueryTrait, Select};

/// A row type read by position: the columns it is selected with, in the
/// order its reader takes them. By name, every value of every row cost a
/// formatted column name and a search through the row's columns (a tenth
/// of a list request's server time, issue 13). Several types can be read
/// from one row one after another, each from where the last one stopped.
pub trait ReadByPosition: Sized {
    type Column: sea_orm::ColumnTrait;
    /// The columns to select, in the order they are read.
    const COLUMNS: &'static [Self::Column];
    /// Reads the type from `row`, taking the columns at `positions` in turn.
    fn read_at(row: &QueryResult, positions: &mut std::ops::RangeFrom<usize>) -> Result<Self, DbErr>;
}

/// Implements [`ReadByPosition`] for a struct from one list of its fields
/// and their columns, so the order selected and the order read cannot drift
/// apart; a field left out of the list does not compile.
macro_rules! read_by_position {
    ($model:ty, $column:ty { $($field:ident <- $variant:ident),* $(,)? }) => {
        impl $crate::server::listing::ReadByPosition for $model {
            type Column = $column;
            const COLUMNS: &'static [$column] = &[$(<$column>::$variant),*];
            fn read_at(
                row: &sea_orm::QueryResult,
                positions: &mut std::ops::RangeFrom<usize>,
            ) -> Result<Self, sea_orm::DbErr> {
                // A struct's fields are evaluated in the order written: the list's.
                Ok(Self { $($field: row.try_get_by_index(positions.next().unwrap_or_default())?),* })
            }
        }
    };
}
pub(crate) use read_by_position;

/// A row with its list's total beside it.
struct WithTotal<M>(M, i64);

impl<M: FromQueryResult> FromQueryResult for WithTotal<M> {
    fn from_query_result(row: &QueryResult, prefix: &str) -> Result<Self, DbErr> {
        // By its name as selected (lists are read without a prefix): no name formatted per row.
        Ok(Self(M::from_query_result(row, prefix)?, row.try_get_by("list_total")?))
    }
}

/// Page `page` of `per_page` rows of `filtered`, shaped by `shape` (its
/// order, and the columns `M` reads), and how many rows `filtered` has.
pub async fn page_as<E, M>(
    db: &impl ConnectionTrait,
    filtered: Select<E>,
    shape: impl FnOnce(Select<E>) -> Select<E>,
    page: PageNumber,
    per_page: u64,
) -> Result<(Vec<M>, u64), DbErr>
where
    E: EntityTrait,
    E::Model: Send + Sync,
    M: FromQueryResult + Send + Sync,
{
    let count = filtered.clone().select_only().column_as(Expr::cust("COUNT(*)"), "n").into_query();
    let rows = shape(filtered.clone())
        .column_as(Expr::SubQuery(None, Box::new(count.into_sub_query_statement())), "list_total")
        .offset(page.offset(per_page))
        .limit(per_page)
        .into_model::<WithTotal<M>>()
        .all(db)
        .await?;
    let total = match rows.first() {
        Some(WithTotal(_, total)) => u64::try_from(*total).unwrap_or_default(),
        None if page.get() == 0 => 0,
        None => filtered.count(db).await?,
    };
    Ok((rows.into_iter().map(|WithTotal(row, _)| row).collect(), total))
}

/// `page_as` for whole rows of the entity, in the order `order` gives.
pub async fn page<E>(
    db: &impl ConnectionTrait,
    filtered: Select<E>,
    order: impl FnOnce(Select<E>) -> Select<E>,
    page: PageNumber,
    per_page: u64,
) -> Result<(Vec<E::Model>, u64), DbErr>
where
    E: EntityTrait,
    E::Model: Send + Sync,
{
    page_as::<E, E::Model>(db, filtered, order, page, per_page).await
}

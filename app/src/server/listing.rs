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

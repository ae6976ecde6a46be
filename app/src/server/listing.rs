//! Issue 13: a page of a list and the list's total in one statement.
//! `COUNT(*) OVER ()` rides along with every row of the page; only a page
//! past the end, which has no row to carry it, costs a second statement.
use crate::domain::PageNumber;
use sea_orm::sea_query::Expr;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, FromQueryResult, PaginatorTrait, QueryResult, QuerySelect, Select};

/// A row with its list's total beside it.
struct WithTotal<M>(M, i64);

impl<M: FromQueryResult> FromQueryResult for WithTotal<M> {
    fn from_query_result(row: &QueryResult, prefix: &str) -> Result<Self, DbErr> {
        Ok(Self(M::from_query_result(row, prefix)?, row.try_get(prefix, "list_total")?))
    }
}

/// Page `page` of `per_page` rows of `query` (ordered by the caller) as `M`,
/// and how many rows the whole query has.
pub async fn page_as<E, M>(db: &impl ConnectionTrait, query: Select<E>, page: PageNumber, per_page: u64) -> Result<(Vec<M>, u64), DbErr>
where
    E: EntityTrait,
    E::Model: Send + Sync,
    M: FromQueryResult + Send + Sync,
{
    let rows = query
        .clone()
        .column_as(Expr::cust("COUNT(*) OVER ()"), "list_total")
        .offset(page.offset(per_page))
        .limit(per_page)
        .into_model::<WithTotal<M>>()
        .all(db)
        .await?;
    let total = match rows.first() {
        Some(WithTotal(_, total)) => u64::try_from(*total).unwrap_or_default(),
        None if page.get() == 0 => 0,
        // Past the end: the total alone (the order does not matter to a count).
        None => query.count(db).await?,
    };
    Ok((rows.into_iter().map(|WithTotal(row, _)| row).collect(), total))
}

/// `page_as` for whole rows of the entity.
pub async fn page<E>(db: &impl ConnectionTrait, query: Select<E>, page: PageNumber, per_page: u64) -> Result<(Vec<E::Model>, u64), DbErr>
where
    E: EntityTrait,
    E::Model: Send + Sync,
{
    page_as::<E, E::Model>(db, query, page, per_page).await
}

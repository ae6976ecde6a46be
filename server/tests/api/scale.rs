//! Issue 13 (Scale): what a request costs the database stays small and
//! fixed, whatever the data set — counted statement by statement.
use crate::common::*;

/// A statement that reads or changes a session (the "who is asking?" lookup).
fn touches_sessions(sql: &str) -> bool {
    let sql = sql.to_lowercase();
    sql.contains("from \"sessions\"") || sql.contains("update \"sessions\"") || sql.contains("from `sessions`")
}

fn listing(statements: &[String]) -> String {
    statements.iter().enumerate().map(|(i, s)| format!("{i:>2}: {s}\n")).collect()
}

/// The first statement of `ran` that contains `part`; a failure lists them all.
fn statement_with<'a>(ran: &'a [String], part: &str) -> &'a str {
    ran.iter().find(|s| s.contains(part)).unwrap_or_else(|| panic!("no statement with {part}:\n{}", listing(ran)))
}

// covers: CASE-4
on_both_databases!(a_page_render_reads_the_session_once, |app: TestApp| async move {
    let (installer, team) = installer_with_team(&app).await;
    for _ in 0..3 {
        installer.create_case("byte_av_sakring", team).await;
    }
    for path in ["/arenden", "/", &format!("/team/{team}")] {
        let (page, ran) = app.statements.during(installer.get_page(path)).await;
        assert_eq!(page.status(), 200, "{path}");
        let html = page.text().await.unwrap();
        assert!(html.contains("Mina team"), "{path} rendered for the logged-in installer");
        let session_reads = ran.iter().filter(|s| touches_sessions(s)).count();
        assert_eq!(session_reads, 1, "{path}: one session lookup per render, not per resource:\n{}", listing(&ran));
    }
});

// covers: CASE-4
on_both_databases!(mina_arenden_costs_a_fixed_number_of_statements, |app: TestApp| async move {
    let (installer, team) = installer_with_team(&app).await;
    let mut budget = None;
    for round in 0..2 {
        for _ in 0..3 {
            installer.create_case("byte_av_sakring", team).await;
        }
        let (ids, ran) = app.statements.during(installer.my_case_ids()).await;
        assert_eq!(ids.len(), 3 * (round + 1));
        // The session with its user, then one statement for the page and its total.
        assert!(ran.len() <= 2, "the list costs {} statements:\n{}", ran.len(), listing(&ran));
        // More cases never mean more statements.
        assert_eq!(*budget.get_or_insert(ran.len()), ran.len());
    }
    // The session with its user, the side column (teams, offers, news; the
    // team filter reads the same), the list with its total.
    let (page, ran) = app.statements.during(installer.get_page("/arenden")).await;
    assert_eq!(page.status(), 200);
    assert!(ran.len() <= 3, "the page /arenden costs {} statements:\n{}", ran.len(), listing(&ran));
});

// covers: CASE-4
on_both_databases!(a_listed_case_shows_its_own_values_in_each_column, |app: TestApp| async move {
    // Lists read their rows by position (issue 13): each value must land in
    // its own column, for a submitted case and a draft of another type.
    let (installer, team) = installer_with_team(&app).await;
    let submitted = submitted_fuse_change(&installer, team, GSRN).await;
    let draft = installer.create_case("produktion_befintlig", team).await;
    installer.save_case(draft, &[("customer_name", "Utkast Utkastsson"), ("facility_street", "Solvägen 9")]).await.assert_ok();
    let list = installer.call("cases/mine", &[("state_code", ""), ("query", ""), ("page", "0")]).await;
    list.assert_ok();
    assert_eq!(list.body["total"].as_u64(), Some(2));
    let rows = list.body["rows"].as_array().unwrap();
    for (id, customer, street, submitted_at_shown) in
        [(submitted, "Kund Kundsson", "Elvägen 1", true), (draft, "Utkast Utkastsson", "Solvägen 9", false)]
    {
        let row = rows.iter().find(|r| r["id"].as_i64() == Some(id as i64)).expect("the case is listed");
        let case = installer.case(id).await;
        case.assert_ok();
        for key in ["case_number", "case_type", "type_label", "state"] {
            assert_eq!(row[key], case.body[key], "{key} of case {id}");
        }
        assert_eq!(row["customer_name"].as_str(), Some(customer));
        assert!(row["facility_address"].as_str().unwrap().contains(street), "{row}");
        assert_eq!(row["team_id"].as_i64(), Some(team as i64));
        assert_eq!(row["submitted_at"].is_string(), submitted_at_shown, "{row}");
        assert!(row["updated_at"].is_string(), "{row}");
        assert_eq!(row["cancellation_requested"].as_bool(), Some(false));
    }
});

// covers: ADM-3, CASE-13
on_both_databases!(an_admin_moves_a_thousand_cases_at_once_all_or_nothing, |app: TestApp| async move {
    use app::server::entities::{audit_log, case, case_event, outbox};
    use sea_orm::sea_query::ExprTrait;
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let departed = app.installer("slutat@elnorr.se", FREE_PERSONS[0]).await;
    let team = departed.create_team(COMPANY_NORR, "Norr").await;
    let first = submitted_fuse_change(&departed, team, GSRN).await;
    let mut ids = copies_of(&app, first, 999).await;
    ids.push(first);
    assert_eq!(ids.len(), 1000);
    let draft = departed.create_case("byte_av_sakring", team).await;
    let colleague = app.installer("kollega@elnorr.se", FREE_PERSONS[1]).await;
    let colleague_team = colleague.create_team(COMPANY_NORR, "Norr service").await;
    let colleague_id = colleague.id().await;
    let departed_id = departed.id().await;
    let (admin, _) = app.admin("chef@natbolaget.se").await;
    let moved_events = || case_event::Entity::find().filter(case_event::Column::Kind.eq("moved")).count(&app.db);

    // One draft among a thousand: nothing moves, and the draft is named.
    let mut with_draft = ids.clone();
    with_draft.push(draft);
    let seen = app.seen(&with_draft).await;
    let refused = admin
        .call_json("admin/move/cases-to-installer", serde_json::json!({ "cases": seen, "to_user_id": colleague_id, "team_id": colleague_team }))
        .await;
    assert!(refused.assert_field_error(409, "cases").contains("Utkast"), "{}", refused.text);
    assert_eq!(case::Entity::find().filter(case::Column::HolderUserId.eq(colleague_id)).count(&app.db).await.unwrap(), 0);
    assert_eq!(moved_events().await.unwrap(), 0);

    // A case changed after the admin's list was read: nothing moves either.
    let seen = app.seen(&ids).await;
    case::Entity::update_many()
        .col_expr(case::Column::Version, sea_orm::sea_query::Expr::col(case::Column::Version).add(1))
        .filter(case::Column::Id.eq(ids[500]))
        .exec(&app.db)
        .await
        .unwrap();
    let stale = admin
        .call_json("admin/move/cases-to-installer", serde_json::json!({ "cases": seen, "to_user_id": colleague_id, "team_id": colleague_team }))
        .await;
    assert!(stale.assert_field_error(409, "cases").contains("ändrats"), "{}", stale.text);
    assert_eq!(case::Entity::find().filter(case::Column::HolderUserId.eq(colleague_id)).count(&app.db).await.unwrap(), 0);

    // `Markera alla`: the whole book as it is now (the draft is not movable), then one request moves it all.
    let all = admin.call("admin/move/all-cases", &[("number", FREE_PERSONS[0].0)]).await;
    all.assert_ok();
    let seen = all.body.clone();
    assert_eq!(seen.as_array().unwrap().len(), 1000);
    let mut in_id_order = ids.clone();
    in_id_order.sort_unstable();
    assert!(seen == app.seen(&in_id_order).await, "ids and versions as they are now, in id order");
    let (moved, ran) = app
        .statements
        .during(admin.call_json("admin/move/cases-to-installer", serde_json::json!({ "cases": seen, "to_user_id": colleague_id, "team_id": colleague_team })))
        .await;
    moved.assert_ok();
    assert_eq!(moved.body.as_i64(), Some(1000));
    // Set-based: a fixed handful of statements for a thousand cases, and
    // within one company no evidence is read (ADM-4 asks for none).
    assert!(ran.len() <= 40, "the move cost {} statements:\n{}", ran.len(), listing(&ran));
    let evidence_read = ran.iter().filter(|s| s.contains("FROM \"case_events\"") || s.contains("FROM \"case_attachments\"")).count();
    assert_eq!(evidence_read, 0, "{}", listing(&ran));
    let now_held = case::Entity::find()
        .filter(case::Column::HolderUserId.eq(colleague_id))
        .filter(case::Column::TeamId.eq(colleague_team))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(now_held, 1000);
    // CASE-13: every moved case's version rose by exactly one, so the list
    // the move was made from is stale now and moves nothing a second time.
    let after = app.seen(&in_id_order).await;
    for (before, now) in seen.as_array().unwrap().iter().zip(after.as_array().unwrap()) {
        assert_eq!(now["version"].as_i64(), before["version"].as_i64().map(|v| v + 1), "{before} → {now}");
    }
    let replayed = admin
        .call_json("admin/move/cases-to-installer", serde_json::json!({ "cases": seen, "to_user_id": departed_id, "team_id": team }))
        .await;
    assert!(replayed.assert_field_error(409, "cases").contains("ändrats"), "{}", replayed.text);
    // The draft stayed.
    assert_eq!(case::Entity::find_by_id(draft).one(&app.db).await.unwrap().unwrap().holder_user_id, departed_id);
    // Every moved case: a timeline entry, an audit entry, both installers told.
    assert_eq!(moved_events().await.unwrap(), 1000);
    let audited = audit_log::Entity::find().filter(audit_log::Column::Action.eq("case.moved")).count(&app.db).await.unwrap();
    assert_eq!(audited, 1000);
    for email in ["slutat@elnorr.se", "kollega@elnorr.se"] {
        let told = outbox::Entity::find()
            .filter(outbox::Column::ToEmail.eq(email))
            .filter(outbox::Column::Subject.contains("har flyttats"))
            .count(&app.db)
            .await
            .unwrap();
        assert_eq!(told, 1000, "{email}");
    }
    // The receiver's Mina ärenden counts them all.
    let list = colleague.call("cases/mine", &[("state_code", ""), ("query", ""), ("page", "0")]).await;
    assert_eq!(list.body["total"].as_u64(), Some(1000));
});

/// Saves a draft with this customer and street (the rest of a valid fuse change).
async fn save_customer(who: &Client, case_id: i32, name: &'static str, street: &'static str) {
    let mut fields = fuse_change(GSRN);
    fields.retain(|(k, _)| *k != "customer_name" && *k != "facility_street");
    fields.extend([("customer_name", name), ("facility_street", street)]);
    who.save_case(case_id, &fields).await.assert_ok();
}

async fn search(who: &Client, query: &str) -> (Vec<i64>, u64) {
    let a = who.call("cases/mine", &[("state_code", ""), ("query", query), ("page", "0")]).await;
    a.assert_ok();
    let ids = a.body["rows"].as_array().unwrap().iter().map(|r| r["id"].as_i64().unwrap()).collect();
    (ids, a.body["total"].as_u64().unwrap())
}

// covers: CASE-4
on_both_databases!(search_finds_parts_of_numbers_names_and_addresses_through_the_index, |app: TestApp| async move {
    let (installer, team) = installer_with_team(&app).await;
    let asa = installer.create_case("byte_av_sakring", team).await;
    save_customer(&installer, asa, "Åsa Karlsson", "Storgatan 12").await;
    installer.act(asa, "Submit", "").await.assert_ok();
    let per = installer.create_case("byte_av_sakring", team).await;
    save_customer(&installer, per, "Per Karlsson", "Lillvägen 3").await;
    let other = installer.create_case("byte_av_sakring", team).await;
    save_customer(&installer, other, "Olle Ström", "Storgatan 40").await;
    // Another installer's Karlsson is never found by this one.
    let (someone_else, their_team) = {
        let c = app.installer("annan@elnorr.se", FREE_PERSONS[3]).await;
        let t = c.create_team(COMPANY_NORR, "Annat").await;
        (c, t)
    };
    let theirs = someone_else.create_case("byte_av_sakring", their_team).await;
    save_customer(&someone_else, theirs, "Eva Karlsson", "Storgatan 12").await;

    let number = installer.case(asa).await.body["case_number"].as_str().unwrap().to_string();
    assert!(number.starts_with("IW-"), "{number}");
    let digits = number.trim_start_matches("IW-").to_string();

    // Newest change first, with the total beside.
    assert_eq!(search(&installer, "karlsson").await, (vec![per as i64, asa as i64], 2));
    assert_eq!(search(&installer, "KARLSSON").await.1, 2);
    assert_eq!(search(&installer, "åsa").await, (vec![asa as i64], 1));
    assert_eq!(search(&installer, "ÅSA KARL").await, (vec![asa as i64], 1));
    assert_eq!(search(&installer, "storgatan").await, (vec![other as i64, asa as i64], 2));
    assert_eq!(search(&installer, &number).await, (vec![asa as i64], 1));
    assert_eq!(search(&installer, &number.to_lowercase()).await, (vec![asa as i64], 1));
    // Part of a case number: its digits, or its beginning.
    assert_eq!(search(&installer, &digits).await.0, vec![asa as i64]);
    assert!(search(&installer, &number[..number.len() - 1]).await.0.contains(&(asa as i64)));
    assert_eq!(search(&installer, "ingen sådan").await, (vec![], 0));
    // Wildcards are plain text: `%` finds nothing rather than everything.
    assert_eq!(search(&installer, "%").await.1, 3, "a search of nothing but wildcards is no search");
    assert_eq!(search(&installer, "%arlsso%").await.1, 2);
    assert_eq!(search(&installer, "a%z").await.1, 0);

    // The index follows changes: a renamed customer is found by the new name only.
    save_customer(&installer, per, "Per Lindqvist", "Lillvägen 3").await;
    assert_eq!(search(&installer, "karlsson").await, (vec![asa as i64], 1));
    assert_eq!(search(&installer, "lindqvist").await, (vec![per as i64], 1));
    // Search and state filter together.
    let submitted = installer.call("cases/mine", &[("state_code", "pagaende"), ("query", "storgatan"), ("page", "0")]).await;
    assert_eq!(submitted.body["total"].as_u64(), Some(1), "{}", submitted.text);
    // Too long a search is refused with the field named.
    let long = "a".repeat(201);
    installer.call("cases/mine", &[("state_code", ""), ("query", &long), ("page", "0")]).await.assert_field_error(422, "query");
});

// covers: CASE-4
on_both_databases!(a_search_within_ones_cases_is_counted_from_the_list_index_alone, |app: TestApp| async move {
    let (installer, team) = installer_with_team(&app).await;
    let case = installer.create_case("byte_av_sakring", team).await;
    save_customer(&installer, case, "Åsa Karlsson", "Storgatan 12").await;
    let ((ids, total), ran) = app.statements.during(search(&installer, "karlsson")).await;
    assert_eq!((ids, total), (vec![case as i64], 1));
    let list = statement_with(&ran, "list_total");
    // How the database can run it with the table out of reach: the count of
    // hits, which visits every case of the holder's, reads the index only.
    let plan = plan_with_indexes_preferred(&app, list).await;
    assert!(read_from_index_alone(&plan, "cases_holder_list_idx"), "{list}\n{plan}");
});

/// The database's plan for `sql`, with PostgreSQL told to avoid whole-table
/// and bitmap scans (a test database is too small for its costs to choose
/// an index by themselves): which index, if any, can serve the statement.
async fn plan_with_indexes_preferred(app: &TestApp, sql: &str) -> String {
    plan_avoiding(app, sql, &["enable_seqscan", "enable_bitmapscan"]).await
}

/// Whether `plan` reads `index` without visiting the table (either database's words for it).
fn read_from_index_alone(plan: &str, index: &str) -> bool {
    plan.contains(&format!("Index Only Scan using {index}")) || plan.contains(&format!("USING COVERING INDEX {index}"))
}

/// The database's plan for `sql` with these PostgreSQL planner settings off.
async fn plan_avoiding(app: &TestApp, sql: &str, settings_off: &[&str]) -> String {
    use sea_orm::{ConnectionTrait, TransactionTrait};
    let db = app.db.begin().await.unwrap();
    let backend = db.get_database_backend();
    let plan = match backend {
        sea_orm::DatabaseBackend::Postgres => {
            for setting in settings_off {
                db.execute_unprepared(&format!("SET LOCAL {setting} = off")).await.unwrap();
            }
            let rows = db.query_all_raw(sea_orm::Statement::from_string(backend, format!("EXPLAIN {sql}"))).await.unwrap();
            rows.iter().map(|r| r.try_get_by_index::<String>(0).unwrap() + "\n").collect()
        }
        _ => {
            let rows = db.query_all_raw(sea_orm::Statement::from_string(backend, format!("EXPLAIN QUERY PLAN {sql}"))).await.unwrap();
            rows.iter().map(|r| r.try_get::<String>("", "detail").unwrap() + "\n").collect()
        }
    };
    db.rollback().await.unwrap();
    plan
}

// covers: CASE-15
on_both_databases!(a_units_handlers_are_found_by_role_through_an_index, |app: TestApp| async move {
    let (installer, team) = installer_with_team(&app).await;
    let case = installer.create_case("byte_av_sakring", team).await;
    installer.save_case(case, &fuse_change(GSRN)).await.assert_ok();
    // Submitting tells the unit's handlers, found by their role.
    let (submitted, ran) = app.statements.during(installer.act(case, "Submit", "")).await;
    submitted.assert_ok();
    let handlers = statement_with(&ran, "\"role\" IN");
    let plan = plan_with_indexes_preferred(&app, handlers).await;
    assert!(plan.contains("users_role_idx"), "{handlers}\n{plan}");
});

// covers: ADM-7
on_both_databases!(the_directory_finds_accounts_by_name_and_by_team_through_indexes, |app: TestApp| async move {
    let owner = app.installer("agare@elnorr.se", FREE_PERSONS[0]).await;
    owner.create_team(COMPANY_NORR, "Norrteamet").await;
    let (admin, _) = app.admin("chef@natbolaget.se").await;
    for (query, expected) in [("agare@elnorr", "agare@elnorr.se"), ("norrteam", "agare@elnorr.se")] {
        let (found, ran) = app.statements.during(admin.call("admin/users/search", &[("query", query), ("page", "0")])).await;
        found.assert_ok();
        assert_eq!(found.body["rows"][0]["email"].as_str(), Some(expected), "{query}: {}", found.text);
        assert_eq!(found.body["total"].as_u64(), Some(1), "{query}");
        // On PostgreSQL the name search's trigram index serves the search
        // beside the team conditions (a bitmap OR), not a read of every account.
        if app.db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
            let search = statement_with(&ran, "\"search_text\" LIKE");
            let plan = plan_avoiding(&app, search, &["enable_seqscan"]).await;
            assert!(plan.contains("users_search_trgm_idx"), "{search}\n{plan}");
        }
    }
});

// covers: ADM-5
on_both_databases!(the_audit_log_searched_by_person_reads_that_persons_entries_through_indexes, |app: TestApp| async move {
    installer_with_team(&app).await;
    let (admin, _) = app.admin("chef@natbolaget.se").await;
    let form = [("person", "agare@elnorr.se"), ("case_number", ""), ("team_id", ""), ("from", ""), ("to", ""), ("page", "0")];
    let (found, ran) = app.statements.during(admin.call("admin/audit", &form)).await;
    found.assert_ok();
    assert!(found.body["total"].as_u64().unwrap_or(0) >= 1, "the team's creation at least: {}", found.text);
    // What they did, what was done for them, what was done to their account:
    // each condition of the `OR` served by an index of its own.
    let search = statement_with(&ran, "\"on_behalf_of_user_id\" =");
    let plan = plan_avoiding(&app, search, &["enable_seqscan"]).await;
    assert!(plan.contains("audit_log_on_behalf_idx"), "{search}\n{plan}");
});

// covers: CASE-15
on_both_databases!(a_cases_news_are_found_by_case_through_an_index, |app: TestApp| async move {
    // A case's news go with it when a draft is deleted (`ON DELETE
    // CASCADE`): the database looks them up by case, however many there are.
    let plan = plan_with_indexes_preferred(&app, "SELECT id FROM notifications WHERE case_id = 1").await;
    assert!(plan.contains("notifications_case_idx"), "{plan}");
});

// covers: CASE-12
on_both_databases!(a_handlers_queue_is_counted_from_its_index_alone, |app: TestApp| async move {
    let (installer, team) = installer_with_team(&app).await;
    let submitted = submitted_fuse_change(&installer, team, GSRN).await;
    // A fuse change is the facility unit's.
    let handler = app.handler("facility").await;
    let (queue, ran) = app.statements.during(handler.call("cases/queue", &[("part", "inkomna"), ("page", "0")])).await;
    queue.assert_ok();
    assert_eq!(queue.body["rows"][0]["id"].as_i64(), Some(submitted as i64), "{}", queue.text);
    assert_eq!(queue.body["total"].as_u64(), Some(1));
    // The total, which counts every case of the unit in progress, reads the index only.
    let list = statement_with(&ran, "list_total");
    let total = &list[list.find("(SELECT COUNT(*)").expect("the total's subquery")..list.find(" AS \"list_total\"").expect("its name")];
    let plan = plan_with_indexes_preferred(&app, &format!("SELECT {total}")).await;
    assert!(read_from_index_alone(&plan, "cases_queue_count_idx"), "{total}\n{plan}");
});

// covers: CASE-4
on_both_databases!(a_page_past_the_end_still_has_the_total, |app: TestApp| async move {
    let (installer, team) = installer_with_team(&app).await;
    for _ in 0..3 {
        installer.create_case("byte_av_sakring", team).await;
    }
    let past = installer.call("cases/mine", &[("state_code", ""), ("query", ""), ("page", "5")]).await;
    past.assert_ok();
    assert_eq!(past.body["rows"].as_array().unwrap().len(), 0);
    assert_eq!(past.body["total"].as_u64(), Some(3));
});

// covers: CASE-4
on_both_databases!(the_benchmark_data_set_is_what_the_app_reads, |app: TestApp| async move {
    use server::bench_data::{seed_bench, BenchSize};
    let size = BenchSize { installers: 40, teams: 4, cases: 600, heavy_cases: 120, book_cases: 60 };
    let made = seed_bench(&app.db, size).await.expect("seeded");
    // A second run refuses: the database has cases now.
    assert!(seed_bench(&app.db, size).await.is_err());
    let heavy = app.client();
    heavy.login(&made.heavy_email, &made.password).await.assert_ok();
    let list = heavy.call("cases/mine", &[("state_code", ""), ("query", ""), ("page", "0")]).await;
    list.assert_ok();
    // Its own 120, and a few of the spread ones that fall to it too.
    assert!(list.body["total"].as_u64().unwrap() >= 120, "{}", list.text);
    let rows = list.body["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 25);
    // Newest change first, as the app orders its own rows.
    let times: Vec<&str> = rows.iter().map(|r| r["updated_at"].as_str().unwrap()).collect();
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "{times:?}");
    // The search text the seeder wrote is found like the app's own.
    let number = rows[0]["case_number"].as_str().unwrap().to_string();
    let found = heavy.call("cases/mine", &[("state_code", ""), ("query", &number), ("page", "0")]).await;
    assert_eq!(found.body["total"].as_u64(), Some(1), "{}", found.text);
    let name_part = rows[0]["customer_name"].as_str().unwrap().split(' ').next_back().unwrap().to_lowercase();
    let by_name = heavy.call("cases/mine", &[("state_code", ""), ("query", &name_part), ("page", "0")]).await;
    assert!(by_name.body["total"].as_u64().unwrap() >= 1);
    // A case opens with its fields.
    let id = rows[0]["id"].as_i64().unwrap() as i32;
    heavy.case(id).await.assert_ok();
    // The user directory finds the generated accounts by name and address (ADM-7).
    let (admin, _) = app.admin("chef@natbolaget.se").await;
    let found = admin.call("admin/users/search", &[("query", &made.heavy_email), ("page", "0")]).await;
    assert_eq!(found.body["total"], 1, "{}", found.text);
    let name = found.body["rows"][0]["name"].as_str().unwrap().to_lowercase();
    let by_name = admin.call("admin/users/search", &[("query", &name), ("page", "0")]).await;
    assert!(by_name.body["total"].as_u64().unwrap() >= 1, "{}", by_name.text);
    // The departing installer's book moves in one go.
    let moves = server::bench_data::time_admin_moves(&app.db, 60, 1).await.expect("moved");
    assert_eq!(moves.len(), 1);
});

/// The ids of one page of the heavy installer's `Mina ärenden`.
async fn page_ids(who: &Client, page: u64, cursor: Option<String>) -> (Vec<i64>, u64) {
    let page = page.to_string();
    let mut fields = vec![("state_code", ""), ("query", ""), ("page", page.as_str())];
    if let Some(c) = cursor.as_deref() {
        fields.push(("cursor", c));
    }
    let list = who.call("cases/mine", &fields).await;
    list.assert_ok();
    let ids = list.body["rows"].as_array().unwrap().iter().map(|r| r["id"].as_i64().unwrap()).collect();
    (ids, list.body["total"].as_u64().unwrap())
}

// covers: CASE-4
on_both_databases!(stepping_through_pages_beside_their_rows_gives_what_page_numbers_give, |app: TestApp| async move {
    use app::server::entities::case;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    use server::bench_data::{seed_bench, BenchSize};
    let size = BenchSize { installers: 20, teams: 2, cases: 200, heavy_cases: 110, book_cases: 10 };
    let made = seed_bench(&app.db, size).await.expect("seeded");
    let heavy = app.client();
    heavy.login(&made.heavy_email, &made.password).await.assert_ok();

    let (first, total) = page_ids(&heavy, 0, None).await;
    let pages = total.div_ceil(25);
    assert!(pages >= 5, "{total}");
    let mut by_number = vec![first];
    for p in 1..pages {
        by_number.push(page_ids(&heavy, p, None).await.0);
    }
    let everything: Vec<i64> = by_number.concat();
    assert_eq!(everything.len() as u64, total);
    let mut distinct = everything.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(distinct.len(), everything.len(), "no case on two pages");

    // `Nästa` all the way: each page starts after the last row of the one before.
    for p in 1..pages as usize {
        let after = format!("efter-{}", by_number[p - 1].last().unwrap());
        let (ids, t) = page_ids(&heavy, p as u64, Some(after)).await;
        assert_eq!((&ids, t), (&by_number[p], total), "page {p} by its cursor");
    }
    // `Föregående` all the way back.
    for p in (0..pages as usize - 1).rev() {
        let before = format!("fore-{}", by_number[p + 1].first().unwrap());
        let (ids, _) = page_ids(&heavy, p as u64, Some(before)).await;
        assert_eq!(ids, by_number[p], "page {p} by its cursor, backwards");
    }
    // A cursor's row that is not in the list (another's case, or none): the page number serves.
    let not_mine = case::Entity::find()
        .filter(case::Column::HolderUserId.ne(heavy_id(&app, &made.heavy_email).await))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    assert_eq!(page_ids(&heavy, 2, Some(format!("efter-{not_mine}"))).await.0, by_number[2]);
    assert_eq!(page_ids(&heavy, 2, Some("efter-999999999".into())).await.0, by_number[2]);
    // On the first page a cursor means nothing: a new filter starts there.
    assert_eq!(page_ids(&heavy, 0, Some(format!("efter-{}", by_number[3][0]))).await.0, by_number[0]);
    // A cursor that is not one is refused, never a server error.
    let bad = heavy.call("cases/mine", &[("state_code", ""), ("query", ""), ("page", "1"), ("cursor", "efter-x")]).await;
    assert!((400..500).contains(&bad.status), "{} {}", bad.status, bad.text);

    // Deep pages cost what the first does: one statement, a session read aside.
    let after = format!("efter-{}", by_number[pages as usize - 2].last().unwrap());
    let last = (pages - 1).to_string();
    let (reply, ran) = app
        .statements
        .during(heavy.call("cases/mine", &[("state_code", ""), ("query", ""), ("page", &last), ("cursor", &after)]))
        .await;
    reply.assert_ok();
    let listed = ran.iter().filter(|s| !touches_sessions(s)).count();
    assert_eq!(listed, 1, "{}", listing(&ran));
    let page_sql = ran.iter().find(|s| !touches_sessions(s)).unwrap().to_lowercase();
    assert!(page_sql.contains(r#"("cases"."updated_at", "cases"."id") <"#), "the page is read beside its row: {page_sql}");
});

async fn heavy_id(app: &TestApp, email: &str) -> i32 {
    use app::server::entities::user;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    user::Entity::find().filter(user::Column::Email.eq(email)).one(&app.db).await.unwrap().unwrap().id
}

// covers: CASE-15
on_both_databases!(every_page_counts_unread_news_only_up_to_a_hundred, |app: TestApp| async move {
    use app::server::entities::notification;
    use sea_orm::{EntityTrait, Set};
    let (installer, _) = installer_with_team(&app).await;
    let id = installer.id().await;
    let unread = |n: usize| {
        (0..n).map(|i| notification::ActiveModel {
            user_id: Set(id),
            message: Set(format!("Nyhet {i}")),
            created_at: Set(chrono::Utc::now()),
            ..Default::default()
        })
    };
    notification::Entity::insert_many(unread(99).collect::<Vec<_>>()).exec_without_returning(&app.db).await.unwrap();
    assert_eq!(installer.call("notifications/unread", &[]).await.body, 99);
    let page = installer.get_page("/arenden").await.text().await.unwrap();
    assert!(page.contains(r#"<span class="badge count">99<"#), "{page}");

    // A person who never reads the news: the badge says "99+", and no page counts them all.
    notification::Entity::insert_many(unread(1400).collect::<Vec<_>>()).exec_without_returning(&app.db).await.unwrap();
    assert_eq!(installer.call("notifications/unread", &[]).await.body, 100);
    let page = installer.get_page("/arenden").await.text().await.unwrap();
    assert!(page.contains(r#"<span class="badge count">99+<"#), "{page}");
    // The news page itself counts them all.
    let list = installer.call("notifications/list", &[("page", "0")]).await;
    assert_eq!(list.body["unread"], 1499);
});

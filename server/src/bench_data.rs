//! Issue 13 (Scale): a grid operator's full data set for benchmarks —
//! `server seed-bench --installers 100000 --teams 10000 --cases 1000000`.
//! Everything is written by set-based SQL (`INSERT … SELECT` over a table of
//! numbers) in one transaction: minutes for a million cases, not hours.
//! Never part of the test run or the demo; it refuses a database that
//! already has cases.
//!
//! The shape: installers in teams of ten (the first of each ten owns the
//! team), one installer (`bench2@example.com`, `heavy` below) holding 2 000
//! cases, the rest spread evenly; states, types, dates over four years,
//! one timeline entry per case and attachment metadata on every tenth.
//! Names and addresses are plain ASCII, so SQL's `lower` folds them exactly
//! like the application's search text does.
use app::server::auth::hash_password;
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr, Statement, TransactionTrait};
use std::time::Instant;

/// How big a data set to make.
#[derive(Clone, Copy, Debug)]
pub struct BenchSize {
    pub installers: u32,
    pub teams: u32,
    pub cases: u32,
    /// Cases of the one heavy installer (issue 13: an installer with 2 000 cases).
    pub heavy_cases: u32,
    /// Cases in progress of a departing installer in the same team: the
    /// book `Admin Flytta ärenden` moves in the benchmark.
    pub book_cases: u32,
}

/// The installer with many cases, whose `Mina ärenden` the benchmark reads.
pub const HEAVY_INSTALLER: u32 = 2;
/// The departing installer whose book is moved; the next one receives it.
pub const DEPARTING_INSTALLER: u32 = 3;

/// What was made, and how to log in as the benchmark's installers.
pub struct BenchData {
    pub heavy_email: String,
    pub heavy_user_id: i32,
    /// The departing installer (all cases in progress) and a colleague in the same team.
    pub departing_user_id: i32,
    pub colleague_user_id: i32,
    pub team_id: i32,
    pub password: String,
    pub seconds: f64,
}

#[derive(Debug, thiserror::Error)]
pub enum BenchDataError {
    #[error("databasen har redan ärenden; seed-bench fyller bara en tom databas")]
    NotEmpty,
    #[error("ogiltig storlek: {0}")]
    Size(String),
    #[error("databasfel: {0}")]
    Db(#[from] DbErr),
    #[error("{0}")]
    App(#[from] app::error::AppError),
}

/// The few places the two databases' SQL differs.
struct Dialect(DatabaseBackend);

impl Dialect {
    /// A timestamp `minutes` (an SQL integer expression) after 2022-11-01, as
    /// the application stores one (on SQLite: RFC 3339 text, like sqlx writes).
    fn minutes_after_start(&self, minutes: &str) -> String {
        match self.0 {
            DatabaseBackend::Postgres => format!("(TIMESTAMPTZ '2022-11-01 00:00:00+00' + ({minutes}) * INTERVAL '1 minute')"),
            _ => format!("strftime('%Y-%m-%dT%H:%M:%S+00:00', '2022-11-01 00:00:00', '+' || ({minutes}) || ' minutes')"),
        }
    }

    /// `IW-000123` from an id.
    fn case_number(&self, id: &str) -> String {
        match self.0 {
            // lpad cuts a longer text to the width; a million and more have their own digits.
            DatabaseBackend::Postgres => format!("'IW-' || CASE WHEN {id} < 1000000 THEN lpad(CAST({id} AS TEXT), 6, '0') ELSE CAST({id} AS TEXT) END"),
            _ => format!("'IW-' || printf('%06d', {id})"),
        }
    }

    /// Fills the temporary table `bench_n` with 1..=n.
    fn numbers(&self, n: u32) -> String {
        match self.0 {
            DatabaseBackend::Postgres => format!("INSERT INTO bench_n (i) SELECT generate_series(1, {n})"),
            _ => format!("WITH RECURSIVE g(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM g WHERE i < {n}) INSERT INTO bench_n (i) SELECT i FROM g"),
        }
    }
}

/// One of `options`, picked by `i` (an SQL integer expression).
fn pick(i: &str, options: &[&str]) -> String {
    let arms: String = options.iter().enumerate().map(|(k, o)| format!(" WHEN {k} THEN '{o}'")).collect();
    format!("(CASE ({i}) % {}{arms} END)", options.len())
}

const FIRST_NAMES: &[&str] = &["Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Anders", "Sara", "Per", "Lena", "Nils"];
const LAST_NAMES: &[&str] = &["Karlsson", "Andersson", "Johansson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson", "Gustafsson", "Pettersson", "Lindberg", "Berg", "Holm", "Lundqvist", "Sandberg", "Forsberg"];
const STREETS: &[&str] = &["Storgatan", "Kyrkogatan", "Skolvagen", "Industrigatan", "Bjorkvagen", "Parkgatan", "Sjovagen", "Tallstigen"];
const CITIES: &[&str] = &["Stockholm", "Uppsala", "Kiruna", "Boden", "Sundsvall", "Gavle", "Vasteras", "Orebro"];
/// States by share: most cases are history.
const STATES: &[&str] = &[
    "arkiv", "arkiv", "arkiv", "arkiv", "arkiv", "arkiv", "arkiv", "arkiv", "pagaende", "pagaende", "pagaende", "pagaende",
    "komplettera", "komplettera", "fardiganmald", "fardiganmald", "utkast", "utkast", "makulerad", "pagaende",
];

pub async fn seed_bench(db: &DatabaseConnection, size: BenchSize) -> Result<BenchData, BenchDataError> {
    if size.installers < 20 || size.teams == 0 || size.teams * 2 > size.installers || size.heavy_cases + size.book_cases > size.cases {
        return Err(BenchDataError::Size(format!(
            "{} installatörer, {} team, {} ärenden (minst 20 installatörer, högst hälften så många team, fler ärenden än {})",
            size.installers, size.teams, size.cases, size.heavy_cases + size.book_cases
        )));
    }
    let started = Instant::now();
    let backend = db.get_database_backend();
    let d = Dialect(backend);
    let max_of = |table: &str| format!("SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) AS m FROM {table}");
    let scalar = |sql: String| async move {
        let row = db.query_one_raw(Statement::from_string(backend, sql)).await?;
        Ok::<i64, DbErr>(row.map(|r| r.try_get_by_index::<i64>(0)).transpose()?.unwrap_or(0))
    };
    if scalar("SELECT COUNT(*) FROM cases".into()).await? > 0 {
        return Err(BenchDataError::NotEmpty);
    }
    let password = app::server::auth::generate_password(16);
    let hash = hash_password(password.clone()).await?;
    let user_base = scalar(max_of("users")).await?;
    let team_base = scalar(max_of("teams")).await?;
    let case_base = scalar(max_of("cases")).await?;
    let per_team = size.installers / size.teams;
    let BenchSize { installers, teams, cases, heavy_cases, book_cases } = size;

    let txn = db.begin().await?;
    let run = |sql: String| {
        let txn = &txn;
        async move {
            tracing::info!("{}", sql.chars().take(120).collect::<String>());
            txn.execute_unprepared(&sql).await.map(drop)
        }
    };
    run("CREATE TEMPORARY TABLE bench_n (i INTEGER PRIMARY KEY)".into()).await?;
    run(d.numbers(installers.max(cases))).await?;

    // Installers: user i has id user_base + i (one INSERT in order of i).
    let joined = d.minutes_after_start("i % 500000");
    run(format!(
        "INSERT INTO users (email, name, personnummer, mobile, street_address, postal_code, city, user_type, role, password_hash, \
         terms_version, terms_accepted_at, created_at, updated_at, email_verified_at, totp_enabled, second_factor_failures, search_text) \
         SELECT 'bench' || CAST(i AS TEXT) || '@example.com', {first} || ' ' || {last}, CAST(190000000000 + i AS TEXT), '0701234567', \
         {street} || ' 1', '12345', {city}, 'elinstallator', 'installer', '{hash}', '1', {joined}, {joined}, {joined}, {joined}, false, 0, \
         LOWER({first} || ' ' || {last} || ' | bench' || CAST(i AS TEXT) || '@example.com') \
         FROM bench_n WHERE i <= {installers} ORDER BY i",
        first = pick("i", FIRST_NAMES),
        last = pick("i / 7", LAST_NAMES),
        street = pick("i", STREETS),
        city = pick("i / 3", CITIES),
    ))
    .await?;
    // Teams: team t (id team_base + t) is owned by installer (t - 1) * per_team + 1.
    let owner = format!("{user_base} + (i - 1) * {per_team} + 1");
    run(format!(
        "INSERT INTO teams (name, organisationsnummer, company_name, company_address, contact_name, contact_email, contact_phone, \
         owner_user_id, manually_approved, created_at, updated_at) \
         SELECT 'Team ' || CAST(i AS TEXT), CAST(5560000000 + i AS TEXT), 'Elfirma ' || CAST(i AS TEXT) || ' AB', 'Storgatan 1, 12345 Stockholm', \
         'Kontakt', 'team' || CAST(i AS TEXT) || '@example.com', '0701234567', {owner}, false, {joined}, {joined} \
         FROM bench_n WHERE i <= {teams} ORDER BY i"
    ))
    .await?;
    // Everyone else is a member of their ten's team.
    let team_of_installer = |i: &str| format!("{team_base} + (({i}) - 1) / {per_team} + 1");
    run(format!(
        "INSERT INTO team_members (team_id, user_id, added_by_user_id, added_at) \
         SELECT {team}, {user_base} + i, NULL, {joined} FROM bench_n \
         WHERE i <= {limit} AND (i - 1) % {per_team} <> 0 ORDER BY i",
        team = team_of_installer("i"),
        limit = teams * per_team,
    ))
    .await?;
    // Cases: the heavy installer holds the first `heavy_cases`, the departing
    // one the next `book_cases` (all in progress), the rest are spread.
    let book_end = heavy_cases + book_cases;
    let holder_number = format!(
        "(CASE WHEN i <= {heavy_cases} THEN {HEAVY_INSTALLER} WHEN i <= {book_end} THEN {DEPARTING_INSTALLER} \
         ELSE (CAST(i AS BIGINT) * 7919) % {spread} + 1 END)",
        spread = teams * per_team
    );
    let holder_team = team_of_installer(&holder_number);
    let case_id = format!("({case_base} + i)");
    let number = d.case_number(&case_id);
    let state = format!("(CASE WHEN i > {heavy_cases} AND i <= {book_end} THEN 'pagaende' ELSE {} END)", pick("i", STATES));
    let catalogue = app::domain::case::CATALOGUE;
    let case_type = pick("i / 20", &catalogue.iter().map(|t| t.code).collect::<Vec<_>>());
    let unit = pick("i / 20", &catalogue.iter().map(|t| t.unit().code()).collect::<Vec<_>>());
    let customer = format!("{} || ' ' || {}", pick("i / 5", FIRST_NAMES), pick("i / 11", LAST_NAMES));
    let address = format!("{} || ' ' || CAST(i % 90 + 1 AS TEXT) || ', 12345 ' || {}", pick("i / 13", STREETS), pick("i / 17", CITIES));
    // Newest first by number over four years (2.1 million minutes), changed
    // up to a week later; the heavy and departing installers' cases are the
    // newest, inside the two years the portal handles (CASE-7).
    let age = format!("(CASE WHEN i <= {book_end} THEN i ELSE CAST({cases} - i AS BIGINT) * 2100000 / {cases} END)");
    let created = d.minutes_after_start(&format!("2100000 - {age}"));
    let updated = d.minutes_after_start(&format!("2100000 - {age} + ((i * 37) % 10080)"));
    run(format!(
        "INSERT INTO cases (case_number, case_type, unit, state, team_id, holder_user_id, created_by_user_id, organisationsnummer, \
         customer_name, facility_address, facility_id, fields, submitted_at, completed_at, cancellation_requested_at, cancellation_reason, \
         created_at, updated_at, version, search_text) \
         SELECT {number}, {case_type}, {unit}, {state}, {holder_team}, {user_base} + {holder_number}, {user_base} + {holder_number}, \
         CAST(5560000000 + ({holder_team} - {team_base}) AS TEXT), {customer}, {address}, CAST(735999000000000000 + i AS TEXT), \
         '{{\"customer_name\":\"' || {customer} || '\",\"customer_id\":\"19811218-9876\",\"facility_street\":\"' || {street} || \
         '\",\"facility_postal_code\":\"12345\",\"facility_city\":\"Stockholm\",\"desired_date\":\"2027-01-15\",\"current_main_fuse\":\"16\",\"new_main_fuse\":\"25\",\"phases\":\"3\"}}', \
         CASE WHEN {state} = 'utkast' THEN NULL ELSE {created} END, NULL, NULL, NULL, {created}, {updated}, 1, \
         lower({number} || ' | ' || {customer} || ' | ' || {address}) \
         FROM bench_n WHERE i <= {cases} ORDER BY i",
        street = pick("i / 13", STREETS),
    ))
    .await?;
    run(format!(
        "INSERT INTO case_events (case_id, at, actor_user_id, on_behalf_of_user_id, kind, message, details) \
         SELECT {case_id}, {created}, {user_base} + {holder_number}, NULL, CASE WHEN {state} = 'utkast' THEN 'created' ELSE 'submitted' END, NULL, '{{}}' \
         FROM bench_n WHERE i <= {cases} ORDER BY i"
    ))
    .await?;
    run(format!(
        "INSERT INTO case_attachments (case_id, kind, file_name, content_type, size_bytes, storage_key, uploaded_by_user_id, uploaded_at, move_evidence) \
         SELECT {case_id}, 'situationsplan', 'situationsplan.pdf', 'application/pdf', 250000, 'bench/' || CAST(i AS TEXT), {user_base} + {holder_number}, {created}, false \
         FROM bench_n WHERE i <= {cases} AND i % 10 = 0 ORDER BY i"
    ))
    .await?;
    run("DROP TABLE bench_n".into()).await?;
    txn.commit().await?;
    if backend == DatabaseBackend::Postgres {
        // Fresh statistics and visibility map: what a database in use has (index-only scans).
        db.execute_unprepared("VACUUM ANALYZE").await?;
    }
    let heavy_user_id = (user_base + i64::from(HEAVY_INSTALLER)) as i32;
    Ok(BenchData {
        heavy_email: format!("bench{HEAVY_INSTALLER}@example.com"),
        heavy_user_id,
        departing_user_id: (user_base + i64::from(DEPARTING_INSTALLER)) as i32,
        colleague_user_id: (user_base + i64::from(DEPARTING_INSTALLER) + 1) as i32,
        team_id: (team_base + 1) as i32,
        password,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Issue 13: times `Admin Flytta ärenden` of `count` cases of the departing
/// installer to the colleague (same team), `runs` times, each time moving
/// them back untimed. Calls the move itself as the server function does,
/// after it has parsed the request: the JSON of 5 000 `(id, version)` pairs
/// costs about a millisecond besides. Returns the seconds of each run.
pub async fn time_admin_moves(db: &DatabaseConnection, count: usize, runs: usize) -> Result<Vec<f64>, BenchDataError> {
    use app::domain::case::{CaseState, SeenCase};
    use app::server::entities::{case, team_member, user};
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set};
    let departing = user::Entity::find()
        .filter(user::Column::Email.eq(format!("bench{DEPARTING_INSTALLER}@example.com")))
        .one(db)
        .await?
        .ok_or_else(|| BenchDataError::Size("kör seed-bench först".into()))?;
    let colleague = user::Entity::find()
        .filter(user::Column::Email.eq(format!("bench{}@example.com", DEPARTING_INSTALLER + 1)))
        .one(db)
        .await?
        .ok_or_else(|| BenchDataError::Size("kör seed-bench först".into()))?;
    let team_id = team_member::Entity::find()
        .filter(team_member::Column::UserId.eq(colleague.id))
        .one(db)
        .await?
        .map(|m| m.team_id)
        .ok_or_else(|| BenchDataError::Size("mottagaren är inte med i något team".into()))?;
    let admin = match user::Entity::find().filter(user::Column::Email.eq("bench-admin@example.com")).one(db).await? {
        Some(a) => a,
        None => {
            let now = chrono::Utc::now();
            user::ActiveModel {
                email: Set("bench-admin@example.com".into()),
                name: Set("Bench Admin".into()),
                mobile: Set("0701234567".into()),
                role: Set(app::domain::Role::Admin),
                created_at: Set(now),
                updated_at: Set(now),
                email_verified_at: Set(Some(now)),
                ..Default::default()
            }
            .insert(db)
            .await?
        }
    };
    let dir = std::env::temp_dir().join("installatorswebben-bench");
    let store = std::sync::Arc::new(app::server::storage::LocalStore::new(dir).map_err(|e| BenchDataError::Size(e.to_string()))?);
    let state = crate::web::app_state(crate::web::leptos_options("127.0.0.1:0".parse().expect("an address")), db.clone(), false, crate::web::system_clock(), store);
    let seen_of = |holder: i32| async move {
        Ok::<Vec<SeenCase>, DbErr>(
            case::Entity::find()
                .select_only()
                .columns([case::Column::Id, case::Column::Version])
                .filter(case::Column::HolderUserId.eq(holder))
                .filter(case::Column::State.eq(CaseState::Pagaende))
                .order_by_asc(case::Column::Id)
                .limit(count as u64)
                .into_tuple::<(i32, i32)>()
                .all(db)
                .await?
                .into_iter()
                .map(|(id, version)| SeenCase { id, version })
                .collect(),
        )
    };
    let departing_team = team_member::Entity::find()
        .filter(team_member::Column::UserId.eq(departing.id))
        .one(db)
        .await?
        .map(|m| m.team_id)
        .unwrap_or(team_id);
    let mut seconds = Vec::with_capacity(runs);
    for _ in 0..runs {
        let seen = seen_of(departing.id).await?;
        if seen.len() < count {
            return Err(BenchDataError::Size(format!("bara {} ärenden att flytta; seed-bench --book-cases {count}", seen.len())));
        }
        let started = Instant::now();
        let moved = app::server::cases::admin_move(&state, &admin, &seen, colleague.id, Some(team_id)).await?;
        seconds.push(started.elapsed().as_secs_f64());
        assert_eq!(moved, count, "every case moved");
        let back = seen_of(colleague.id).await?;
        app::server::cases::admin_move(&state, &admin, &back, departing.id, Some(departing_team)).await?;
    }
    Ok(seconds)
}

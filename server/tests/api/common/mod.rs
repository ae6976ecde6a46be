//! Spawns the real application on a free port against a fresh, migrated
//! database (SQLite, or PostgreSQL with a new database per test) and gives
//! tests HTTP clients with their own cookie jars, like separate browsers.
#![allow(dead_code)]

use app::error::AppError;
use reqwest::cookie::{CookieStore, Jar};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use serde_json::Value;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

/// Persons in demo/registers.json that no demo installer uses.
pub const FREE_PERSONS: &[(&str, &str)] = &[
    ("19920305-4565", "Johan Berg"),
    ("19690718-5679", "Karin Ek"),
    ("19850101-6789", "Mikael Holm"),
    ("19900615-7896", "Lena Åberg"),
    ("19780228-8915", "Per Söderström"),
    ("19950809-9125", "Fatima Hassan"),
];
/// A valid personnummer that the population register does not know.
pub const UNKNOWN_PERSON: &str = "19811218-9876";
/// An Energikonto login in demo/registers.json.
pub const ENERGIKONTO_EMAIL: &str = "energikonto.kund@example.com";
pub const PASSWORD: &str = "blå-skruvmejsel-42";
/// Companies in the demo electrical safety register.
pub const COMPANY_NORR: &str = "556123-4500";
pub const COMPANY_STOCKHOLM: &str = "556234-5610";
/// A well-formed organisationsnummer the register does not know.
pub const UNREGISTERED_COMPANY: &str = "556036-0793";

#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

pub fn unique_name() -> String {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos();
    format!("iw_test_{}_{}_{}", std::process::id(), COUNTER.fetch_add(1, Ordering::SeqCst), nanos)
}

/// The PostgreSQL server to test against: `TEST_POSTGRES_URL`, or the local
/// one on 127.0.0.1:5432 when it answers. `REQUIRE_POSTGRES=1` (CI) turns a
/// missing server into a failure instead of a skip.
pub fn postgres_admin_url() -> Option<String> {
    if let Ok(url) = std::env::var("TEST_POSTGRES_URL") {
        return Some(url);
    }
    let reachable = std::net::TcpStream::connect_timeout(
        &"127.0.0.1:5432".parse().unwrap(),
        std::time::Duration::from_millis(300),
    )
    .is_ok();
    if reachable {
        Some("postgres://postgres@127.0.0.1:5432/postgres".to_string())
    } else if std::env::var("REQUIRE_POSTGRES").is_ok_and(|v| v == "1") {
        panic!("REQUIRE_POSTGRES=1 but no PostgreSQL on 127.0.0.1:5432 and no TEST_POSTGRES_URL");
    } else {
        None
    }
}

fn with_database(url: &str, name: &str) -> String {
    let base = match url.rfind('/') {
        Some(i) if i > url.find("://").map_or(0, |s| s + 2) => &url[..i],
        _ => url,
    };
    format!("{base}/{name}")
}

/// Drops test databases left by earlier test processes that have ended.
async fn drop_stale_databases(admin: &DatabaseConnection) {
    let rows = admin
        .query_all_raw(Statement::from_string(
            admin.get_database_backend(),
            "SELECT datname FROM pg_database WHERE datname LIKE 'iw_test_%'".to_string(),
        ))
        .await
        .unwrap_or_default();
    for row in rows {
        let Ok(name) = row.try_get::<String>("", "datname") else { continue };
        let pid = name.split('_').nth(2).unwrap_or("");
        if pid != std::process::id().to_string() && !std::path::Path::new(&format!("/proc/{pid}")).exists() {
            let _ = admin
                .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
                .await;
        }
    }
}

/// A fresh database URL on `backend`, or None when that backend is absent.
pub async fn fresh_database(backend: Backend) -> Option<String> {
    match backend {
        Backend::Sqlite => {
            let dir = std::env::temp_dir().join("installatorswebben-tests");
            std::fs::create_dir_all(&dir).unwrap();
            Some(format!("sqlite://{}/{}.db?mode=rwc", dir.display(), unique_name()))
        }
        Backend::Postgres => {
            let admin_url = postgres_admin_url()?;
            let admin = sea_orm::Database::connect(&admin_url).await.expect("connect to PostgreSQL");
            static CLEANED: std::sync::Once = std::sync::Once::new();
            let mut first = false;
            CLEANED.call_once(|| first = true);
            if first {
                drop_stale_databases(&admin).await;
            }
            let name = unique_name();
            admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.expect("create test database");
            Some(with_database(&admin_url, &name))
        }
    }
}

/// One running instance of the app.
pub struct TestApp {
    pub base: String,
    pub db: DatabaseConnection,
    pub database_url: String,
    /// Every SQL statement this instance has run, in order (issue 13's
    /// statement budgets read it).
    pub statements: StatementLog,
}

/// The SQL statements an app instance runs, recorded by its connection.
#[derive(Clone, Default)]
pub struct StatementLog(Arc<std::sync::Mutex<Vec<String>>>);

impl StatementLog {
    fn record(&self, sql: String) {
        self.0.lock().unwrap().push(sql);
    }

    /// What ran while `during` ran (nothing else runs statements in a test app meanwhile).
    pub async fn during<T>(&self, during: impl std::future::Future<Output = T>) -> (T, Vec<String>) {
        let start = self.0.lock().unwrap().len();
        let result = during.await;
        let ran = self.0.lock().unwrap()[start..].to_vec();
        (result, ran)
    }
}

impl TestApp {
    /// Starts the app on a fresh database with the demo registers loaded.
    pub async fn spawn(backend: Backend) -> Option<TestApp> {
        // Server-side errors show in a failing test's output (`RUST_LOG=error`).
        let _ = tracing_subscriber::fmt().with_env_filter(tracing_subscriber::EnvFilter::from_default_env()).with_test_writer().try_init();
        let url = fresh_database(backend).await?;
        let app = Self::spawn_on(&url).await;
        server::demo::seed_registers(&app.db).await.expect("seed registers");
        Some(app)
    }

    /// Starts another instance on an existing database (no seeding).
    pub async fn spawn_on(database_url: &str) -> TestApp {
        Self::spawn_on_with_clock(database_url, server::web::system_clock()).await
    }

    /// Starts the app with a clock the test can move forward.
    pub async fn spawn_with_clock(backend: Backend, clock: std::sync::Arc<ShiftedClock>) -> Option<TestApp> {
        let url = fresh_database(backend).await?;
        let app = Self::spawn_on_with_clock(&url, clock).await;
        server::demo::seed_registers(&app.db).await.expect("seed registers");
        Some(app)
    }

    pub async fn spawn_on_with_clock(database_url: &str, clock: std::sync::Arc<dyn app::server::Clock>) -> TestApp {
        let dir = std::env::temp_dir().join("installatorswebben-tests").join(unique_name());
        let store = std::sync::Arc::new(app::server::storage::LocalStore::new(dir).expect("attachment store"));
        Self::spawn_full(database_url, clock, store).await
    }

    /// Starts the app with a given attachment store.
    pub async fn spawn_full(
        database_url: &str,
        clock: std::sync::Arc<dyn app::server::Clock>,
        store: std::sync::Arc<dyn app::server::storage::AttachmentStore>,
    ) -> TestApp {
        Self::spawn_adjusted(database_url, clock, store, |_| {}).await
    }

    /// Starts the app on SQLite with settings changed by `adjust`.
    pub async fn spawn_with_settings(adjust: impl FnOnce(&mut app::server::state::WebSettings)) -> TestApp {
        Self::spawn_on_with_settings(Backend::Sqlite, adjust).await.expect("SQLite is always there")
    }

    /// Starts the app on `backend` (None when it is absent) with settings changed by `adjust`.
    pub async fn spawn_on_with_settings(backend: Backend, adjust: impl FnOnce(&mut app::server::state::WebSettings)) -> Option<TestApp> {
        let url = fresh_database(backend).await?;
        let dir = std::env::temp_dir().join("installatorswebben-tests").join(unique_name());
        let store = std::sync::Arc::new(app::server::storage::LocalStore::new(dir).expect("attachment store"));
        let app = Self::spawn_adjusted(&url, server::web::system_clock(), store, |state| adjust(&mut state.settings)).await;
        server::demo::seed_registers(&app.db).await.expect("seed registers");
        Some(app)
    }

    /// Starts the app on SQLite serving its site's files from `site_root`.
    pub async fn spawn_with_site_root(site_root: &str) -> TestApp {
        let url = fresh_database(Backend::Sqlite).await.unwrap();
        let dir = std::env::temp_dir().join("installatorswebben-tests").join(unique_name());
        let store = std::sync::Arc::new(app::server::storage::LocalStore::new(dir).expect("attachment store"));
        let root = site_root.to_string();
        Self::spawn_adjusted(&url, server::web::system_clock(), store, move |state| state.leptos_options.site_root = root.into()).await
    }

    async fn spawn_adjusted(
        database_url: &str,
        clock: std::sync::Arc<dyn app::server::Clock>,
        store: std::sync::Arc<dyn app::server::storage::AttachmentStore>,
        adjust: impl FnOnce(&mut app::server::AppState),
    ) -> TestApp {
        let mut db = server::connect(database_url).await.expect("connect");
        server::migrate(&db).await.expect("migrate");
        let statements = StatementLog::default();
        let log = statements.clone();
        // With its values, so a test can ask the database how it runs one.
        db.set_metric_callback(move |info| log.record(info.statement.to_string()));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let options = server::web::leptos_options(addr);
        let mut state = server::web::app_state(options, db.clone(), false, clock, store);
        state.settings.secrets_key = Some(app::server::sealing::SecretsKey::parse(&app::server::sealing::SecretsKey::generate()).unwrap());
        adjust(&mut state);
        let router = server::web::router(state);
        tokio::spawn(async move {
            axum::serve(server::web::listener(listener), router.into_make_service_with_connect_info::<std::net::SocketAddr>())
                .await
                .unwrap();
        });
        TestApp { base: format!("http://{addr}"), db, database_url: database_url.to_string(), statements }
    }

    /// A new "browser": its own cookie jar.
    pub fn client(&self) -> Client {
        Client::browser(&self.base, Arc::new(Jar::default()))
    }
}

impl Client {
    /// A browser on `base` with the cookies in `jar`.
    fn browser(base: &str, jar: Arc<Jar>) -> Client {
        // Like a browser, every request says which site it comes from.
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(reqwest::header::ORIGIN, base.parse().unwrap());
        let http = reqwest::Client::builder()
            .default_headers(headers)
            .cookie_provider(jar.clone())
            // A hang fails the test instead of the whole run.
            .timeout(std::time::Duration::from_secs(60))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Client { base: base.to_string(), http, jar }
    }

    /// The same browser (its cookies) talking to another instance at `base`.
    pub fn on(&self, base: &str) -> Client {
        Client::browser(base, self.jar.clone())
    }
}

#[derive(Clone)]
pub struct Client {
    pub base: String,
    pub http: reqwest::Client,
    pub jar: Arc<Jar>,
}

/// A server function's answer: status, and the JSON body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub body: Value,
    pub text: String,
}

impl Answer {
    pub fn error(&self) -> AppError {
        serde_json::from_value(self.body.clone())
            .unwrap_or_else(|e| panic!("not an AppError ({e}): {} {}", self.status, self.text))
    }

    #[track_caller]
    pub fn assert_ok(&self) -> &Self {
        assert_eq!(self.status, 200, "expected success, got {}: {}", self.status, self.text);
        self
    }

    /// Asserts an error status and which field it is about.
    #[track_caller]
    pub fn assert_field_error(&self, status: u16, field: &str) -> String {
        assert_eq!(self.status, status, "{}", self.text);
        self.error()
            .field_message(field)
            .unwrap_or_else(|| panic!("no message for field {field}: {}", self.text))
    }
}

impl Client {
    /// Calls a server function the way the browser does (form-encoded POST).
    pub async fn call(&self, endpoint: &str, form: &[(&str, &str)]) -> Answer {
        self.answer(self.post(&format!("/api/{endpoint}")).form(form)).await
    }

    /// A POST to our server that asks for JSON back.
    fn post(&self, path: &str) -> reqwest::RequestBuilder {
        self.http.post(format!("{}{path}", self.base)).header("Accept", "application/json")
    }

    /// Sends a request and reads the answer as status, JSON and text.
    async fn answer(&self, request: reqwest::RequestBuilder) -> Answer {
        let res = request.send().await.unwrap_or_else(|e| panic!("request: {e:?}"));
        let status = res.status().as_u16();
        let text = res.text().await.unwrap();
        let body = serde_json::from_str(&text).unwrap_or(Value::Null);
        Answer { status, body, text }
    }

    pub async fn get_page(&self, path: &str) -> reqwest::Response {
        // The error's details name the cause when this fails under load (seen once: a send error).
        self.http.get(format!("{}{path}", self.base)).send().await.unwrap_or_else(|e| panic!("GET {path}: {e:?}"))
    }

    /// The session cookie's value, if the jar has one.
    pub fn session_cookie(&self) -> Option<String> {
        let url = self.base.parse().unwrap();
        let header = self.jar.cookies(&url)?;
        header
            .to_str()
            .ok()?
            .split(';')
            .filter_map(|c| c.trim().split_once('='))
            .find(|(k, _)| *k == "iw_session")
            .map(|(_, v)| v.to_string())
    }

    pub async fn register(&self, email: &str, person: (&str, &str)) -> Answer {
        self.register_with(&registration(email, person)).await
    }

    pub async fn register_with(&self, form: &[(String, String)]) -> Answer {
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        self.call("auth/register", &pairs).await
    }

    pub async fn login(&self, email: &str, password: &str) -> Answer {
        self.call("auth/login", &[("email", email), ("password", password)]).await
    }

    /// Who the server thinks this client is (`null` when anonymous).
    pub async fn me(&self) -> Value {
        let a = self.call("auth/me", &[]).await;
        a.assert_ok();
        a.body
    }
}

/// A complete, valid registration form.
pub fn registration(email: &str, (personnummer, name): (&str, &str)) -> Vec<(String, String)> {
    [
        ("terms_version", app::domain::TERMS_VERSION),
        ("email", email),
        ("name", name),
        ("personnummer", personnummer),
        ("mobile", "070-123 45 67"),
        ("password", PASSWORD),
        ("street_address", "Elvägen 1"),
        ("postal_code", "123 45"),
        ("city", "Elstad"),
        ("user_type", "elinstallator"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

/// Replaces one field of a form.
pub fn with(mut form: Vec<(String, String)>, key: &str, value: &str) -> Vec<(String, String)> {
    for (k, v) in form.iter_mut() {
        if k == key {
            *v = value.to_string();
        }
    }
    form
}

/// Runs a test body once on SQLite and once on PostgreSQL.
#[macro_export]
macro_rules! on_both_databases {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let app = TestApp::spawn(Backend::Sqlite).await.expect("SQLite is always there");
                ($body)(app).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                match TestApp::spawn(Backend::Postgres).await {
                    Some(app) => ($body)(app).await,
                    None => eprintln!("PostgreSQL not available: skipped"),
                }
            }
        }
    };
}

impl TestApp {
    /// Registers a person, proves their address with the e-mailed link, and
    /// returns their logged-in browser.
    pub async fn installer(&self, email: &str, person: (&str, &str)) -> Client {
        let c = self.client();
        c.register(email, person).await.assert_ok();
        self.verify_email(&c, email).await;
        c
    }

    /// Opens the newest link to prove `email` that the outbox holds (ACC-1).
    pub async fn verify_email(&self, c: &Client, email: &str) {
        let code = self.link_code(email, "bekrafta-epost?kod=").await;
        c.call("auth/verify-email", &[("code", code.as_str())]).await.assert_ok();
    }

    /// The secret of the newest link to `to` whose address contains `marker`.
    pub async fn link_code(&self, to: &str, marker: &str) -> String {
        use app::server::entities::outbox;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
        let mail = outbox::Entity::find()
            .filter(outbox::Column::ToEmail.eq(to.to_lowercase()))
            .filter(outbox::Column::Body.contains(marker))
            .order_by_desc(outbox::Column::Id)
            .one(&self.db)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("no mail to {to} with {marker}"));
        let start = mail.body.find(marker).unwrap() + marker.len();
        mail.body[start..].chars().take_while(|c| c.is_ascii_hexdigit()).collect()
    }
}

impl Client {
    /// Creates a team under `orgnr` and returns its id.
    pub async fn create_team(&self, orgnr: &str, name: &str) -> i32 {
        let a = self
            .call(
                "teams/create",
                &[
                    ("organisationsnummer", orgnr),
                    ("name", name),
                    ("contact_name", "Kontakt Person"),
                    ("contact_email", "kontakt@elfirma.se"),
                    ("contact_phone", "070-111 22 33"),
                ],
            )
            .await;
        a.assert_ok();
        a.body["id"].as_i64().unwrap() as i32
    }

    pub async fn add_member(&self, team_id: i32, email: &str) -> Answer {
        self.call("teams/add-member", &[("team_id", &team_id.to_string()), ("email", email)]).await
    }

    pub async fn team(&self, team_id: i32) -> Answer {
        self.call("teams/get", &[("team_id", &team_id.to_string())]).await
    }

    /// The ids of the teams in this user's left column.
    pub async fn my_team_ids(&self) -> Vec<i64> {
        let a = self.call("teams/mine", &[]).await;
        a.assert_ok();
        a.body.as_array().unwrap().iter().map(|t| t["id"].as_i64().unwrap()).collect()
    }

    /// This user's id.
    pub async fn id(&self) -> i32 {
        self.me().await["id"].as_i64().unwrap() as i32
    }
}

/// The real time plus an offset the test sets (CASE-7's two years).
#[derive(Default)]
pub struct ShiftedClock {
    offset: std::sync::Mutex<chrono::Duration>,
}

impl ShiftedClock {
    pub fn advance(&self, by: chrono::Duration) {
        *self.offset.lock().unwrap() += by;
    }
}

impl app::server::Clock for ShiftedClock {
    fn now(&self) -> chrono::DateTime<chrono::Utc> {
        chrono::Utc::now() + *self.offset.lock().unwrap()
    }
}

pub const HANDLER_PASSWORD: &str = "handläggare-lösen-77";

impl TestApp {
    /// A handler of `unit` ("connection" or "facility"), logged in.
    pub async fn handler(&self, unit: &str) -> Client {
        let (role, email) = match unit {
            "connection" => (app::domain::Role::ConnectionHandler, "hl.anslutning@natbolaget.se"),
            _ => (app::domain::Role::FacilityHandler, "hl.anlaggning@natbolaget.se"),
        };
        server::accounts::create_staff(&self.db, email, "Handläggare", role, HANDLER_PASSWORD).await.unwrap();
        let c = self.client();
        c.login(email, HANDLER_PASSWORD).await.assert_ok();
        c
    }
}

impl Client {
    /// Calls a server function whose arguments travel as JSON.
    pub async fn call_json(&self, endpoint: &str, body: serde_json::Value) -> Answer {
        self.answer(self.post(&format!("/api/{endpoint}")).json(&body)).await
    }

    pub async fn create_case(&self, case_type: &str, team_id: i32) -> i32 {
        let a = self.call("cases/create", &[("case_type", case_type), ("team_id", &team_id.to_string())]).await;
        a.assert_ok();
        a.body.as_i64().unwrap() as i32
    }

    pub async fn save_case(&self, case_id: i32, values: &[(&str, &str)]) -> Answer {
        let values: serde_json::Map<String, Value> =
            values.iter().map(|(k, v)| (k.to_string(), Value::String(v.to_string()))).collect();
        self.call_json("cases/save", serde_json::json!({ "case_id": case_id, "values": values })).await
    }

    pub async fn act(&self, case_id: i32, action: &str, message: &str) -> Answer {
        self.call("cases/act", &[("case_id", &case_id.to_string()), ("action", action), ("message", message)]).await
    }

    /// CASE-14 `Färdiganmäl`: the work done today, inspected, with a meter
    /// (kept where the case's type has one).
    pub async fn report_completion(&self, case_id: i32) -> Answer {
        let today = chrono::Utc::now().date_naive().to_string();
        let id = case_id.to_string();
        let form = [("case_id", id.as_str()), ("work_date", &today), ("meter_number", "M-4711"), ("meter_reading", "12345"), ("inspected", "on")];
        self.call("cases/report-completion", &form).await
    }

    pub async fn case(&self, case_id: i32) -> Answer {
        self.call("cases/get", &[("case_id", &case_id.to_string())]).await
    }

    pub async fn upload(&self, case_id: i32, kind: &str, file_name: &str, bytes: Vec<u8>) -> Answer {
        self.upload_to(&format!("/api/cases/{case_id}/attachments?kind={kind}"), file_name, bytes).await
    }

    /// ADM-4: an admin attaches evidence for a move to another company.
    pub async fn upload_evidence(&self, case_id: i32, kind: &str) -> Answer {
        self.upload_to(&format!("/api/admin/cases/{case_id}/evidence?kind={kind}"), "bevis.pdf", pdf()).await
    }

    /// ACC-7: files a support request through the form route (with a PDF when `with_file`).
    pub async fn file_support(&self, kind: &str, fields: &[(&str, &str)], with_file: bool) -> Answer {
        self.post_form_with_file("/api/support/requests", kind, fields, with_file).await
    }

    /// ACC-5, ACC-6, TEAM-8: an admin creates an account or team directly, with its document.
    pub async fn create_manually(&self, kind: &str, fields: &[(&str, &str)], with_file: bool) -> Answer {
        self.post_form_with_file("/api/admin/manual", kind, fields, with_file).await
    }

    async fn post_form_with_file(&self, path: &str, kind: &str, fields: &[(&str, &str)], with_file: bool) -> Answer {
        let mut form = reqwest::multipart::Form::new().text("kind", kind.to_string());
        for (k, v) in fields {
            form = form.text(k.to_string(), v.to_string());
        }
        if with_file {
            form = form.part("file", reqwest::multipart::Part::bytes(pdf()).file_name("intyg.pdf"));
        }
        self.answer(self.post(path).multipart(form)).await
    }

    async fn upload_to(&self, path: &str, file_name: &str, bytes: Vec<u8>) -> Answer {
        let part = reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_string());
        let form = reqwest::multipart::Form::new().part("file", part);
        self.answer(self.post(path).multipart(form)).await
    }

    /// The case ids in this installer's `Mina ärenden`.
    pub async fn my_case_ids(&self) -> Vec<i64> {
        let a = self.call("cases/mine", &[("state_code", ""), ("query", ""), ("page", "0")]).await;
        a.assert_ok();
        a.body["rows"].as_array().unwrap().iter().map(|r| r["id"].as_i64().unwrap()).collect()
    }
}

/// A facility ID with a correct check digit.
pub const GSRN: &str = "735999000000000013";
pub const GSRN_2: &str = "735999000000000020";

/// The fields every case has, filled in.
pub fn common_fields() -> Vec<(&'static str, &'static str)> {
    vec![
        ("customer_name", "Kund Kundsson"),
        ("customer_id", "19811218-9876"),
        ("facility_street", "Elvägen 1"),
        ("facility_postal_code", "123 45"),
        ("facility_city", "Elstad"),
        ("desired_date", "2099-01-15"),
    ]
}

/// Fields for a complete fuse change (no attachments required).
pub fn fuse_change(gsrn: &'static str) -> Vec<(&'static str, &'static str)> {
    let mut v = common_fields();
    v.extend([("facility_id", gsrn), ("current_main_fuse", "16"), ("new_main_fuse", "25"), ("phases", "3")]);
    v
}

/// A tiny but real PDF.
pub fn pdf() -> Vec<u8> {
    b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".to_vec()
}

/// The current TOTP code for a base32 secret, `offset` steps from now.
pub fn totp_code(secret: &str, offset: i64) -> String {
    let key = app::server::totp::base32_decode(secret).unwrap();
    let step = app::server::totp::step_of(chrono::Utc::now().timestamp()) + offset;
    format!("{:06}", app::server::totp::code_at(&key, step))
}

impl TestApp {
    /// An admin, logged in with both factors; returns the client and the TOTP secret.
    pub async fn admin(&self, email: &str) -> (Client, String) {
        let (client, secret, _) = self.admin_with_password(email).await;
        (client, secret)
    }

    /// An admin, logged in with both factors; the client, the TOTP secret and the password.
    pub async fn admin_with_password(&self, email: &str) -> (Client, String, String) {
        let password = server::accounts::generate_password(20);
        server::accounts::create_admin(&self.db, email, "Admin Adminsson", &password).await.unwrap();
        let c = self.client();
        c.login(email, &password).await.assert_ok();
        let setup = c.call("auth/second-factor/enrol", &[]).await;
        setup.assert_ok();
        let secret = setup.body["secret"].as_str().unwrap().to_string();
        c.call("auth/second-factor/confirm", &[("code", &totp_code(&secret, 0))]).await.assert_ok();
        (c, secret, password)
    }

}

impl TestApp {
    /// CASE-13: the cases as a list shows them now (id and version), for a move.
    pub async fn seen(&self, ids: &[i32]) -> Value {
        use app::server::entities::case;
        use sea_orm::EntityTrait;
        let mut seen = Vec::new();
        for id in ids {
            let c = case::Entity::find_by_id(*id).one(&self.db).await.unwrap().expect("case exists");
            seen.push(serde_json::json!({ "id": c.id, "version": c.version }));
        }
        Value::Array(seen)
    }
}

/// A submitted fuse change held by `who` in `team`.
pub async fn submitted_fuse_change(who: &Client, team: i32, gsrn: &'static str) -> i32 {
    let id = who.create_case("byte_av_sakring", team).await;
    who.save_case(id, &fuse_change(gsrn)).await.assert_ok();
    who.act(id, "Submit", "").await.assert_ok();
    id
}

/// A submitted solar installation (a production facility), with the fullmakt it was sent in with.
pub async fn submitted_solar(who: &Client, team: i32) -> i32 {
    let id = who.create_case("produktion_befintlig", team).await;
    let mut values = common_fields();
    values.extend([
        ("facility_id", GSRN),
        ("current_main_fuse", "20"),
        ("production_type", "sol"),
        ("inverter_model", "Växla 10K"),
        ("inverter_phases", "3"),
        ("max_feed_in_kw", "10"),
        ("installed_power_kw", "12"),
        ("units", "24"),
    ]);
    who.save_case(id, &values).await.assert_ok();
    for kind in ["fullmakt", "anmalan_produktion", "produktblad"] {
        who.upload(id, kind, &format!("{kind}.pdf"), pdf()).await.assert_ok();
    }
    who.act(id, "Submit", "").await.assert_ok();
    id
}


/// An owner (Elinstallatör) with a team under COMPANY_NORR.
pub async fn installer_with_team(app: &TestApp) -> (Client, i32) {
    let owner = app.installer("agare@elnorr.se", FREE_PERSONS[0]).await;
    let team = owner.create_team(COMPANY_NORR, "Norr").await;
    (owner, team)
}


impl Client {
    /// Posts a form the way a browser without scripts does (asking for a
    /// page, with the page it is on as Referer); the raw response.
    pub async fn post_plain_form(&self, endpoint: &str, from_page: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.post_plain_form_with_referer(endpoint, &format!("{}{from_page}", self.base), form).await
    }

    /// The same, with whatever Referer a client cares to send.
    pub async fn post_plain_form_with_referer(&self, endpoint: &str, referer: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.http
            .post(format!("{}/api/{endpoint}", self.base))
            .header("Accept", "text/html,application/xhtml+xml")
            .header("Referer", referer)
            .form(form)
            .send()
            .await
            .expect("request")
    }

    /// The value of a cookie in the jar.
    pub fn cookie(&self, name: &str) -> Option<String> {
        let url = self.base.parse().unwrap();
        let header = self.jar.cookies(&url)?;
        header.to_str().ok()?.split(';').filter_map(|c| c.trim().split_once('=')).find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
    }
}

/// `n` copies of a submitted case, written straight to the database (set
/// based, like the benchmark's data): a big book of cases in a moment.
pub async fn copies_of(app: &TestApp, case_id: i32, n: usize) -> Vec<i32> {
    use app::server::entities::case;
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, QueryOrder, Set};
    let original = case::Entity::find_by_id(case_id).one(&app.db).await.unwrap().unwrap();
    let rows: Vec<case::ActiveModel> = (0..n)
        .map(|i| {
            let mut copy = original.clone().into_active_model();
            copy.id = sea_orm::ActiveValue::NotSet;
            copy.case_number = Set(Some(format!("IW-B{case_id:05}{i:05}")));
            copy.customer_name = Set(format!("Kund {i}"));
            copy.reset(case::Column::Fields);
            copy
        })
        .collect();
    for batch in rows.chunks(500) {
        case::Entity::insert_many(batch.to_vec()).exec_without_returning(&app.db).await.unwrap();
    }
    case::Entity::find()
        .filter(case::Column::CaseNumber.starts_with(format!("IW-B{case_id:05}")))
        .order_by_asc(case::Column::Id)
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect()
}


/// A minimal SMTP server that accepts every message and keeps its text.
pub async fn smtp_sink() -> (u16, Arc<std::sync::Mutex<Vec<String>>>) {
    let sink = SmtpSink::start(std::time::Duration::ZERO).await;
    (sink.port, sink.received)
}

/// An SMTP relay that takes `hold` to accept each message (a slow relay),
/// and says when it has one in hand.
pub struct SmtpSink {
    pub port: u16,
    /// The messages accepted (answered `250`), in order.
    pub received: Arc<std::sync::Mutex<Vec<String>>>,
    /// Notified when a message has been sent whole and is being held.
    pub holding: Arc<tokio::sync::Notify>,
}

impl SmtpSink {
    pub async fn start(hold: std::time::Duration) -> SmtpSink {
        use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let received = Arc::new(std::sync::Mutex::new(Vec::new()));
        let holding = Arc::new(tokio::sync::Notify::new());
        let (store, notify) = (received.clone(), holding.clone());
        tokio::spawn(async move {
            loop {
                let Ok((socket, _)) = listener.accept().await else { return };
                let (store, notify) = (store.clone(), notify.clone());
                tokio::spawn(async move {
                    let (read, mut write) = socket.into_split();
                    let mut lines = BufReader::new(read).lines();
                    write.write_all(b"220 sink ESMTP\r\n").await.ok();
                    let mut in_data = false;
                    let mut message = String::new();
                    while let Ok(Some(line)) = lines.next_line().await {
                        if in_data {
                            if line == "." {
                                in_data = false;
                                notify.notify_one();
                                tokio::time::sleep(hold).await;
                                store.lock().unwrap().push(std::mem::take(&mut message));
                                write.write_all(b"250 OK queued\r\n").await.ok();
                            } else {
                                message.push_str(&line);
                                message.push('\n');
                            }
                            continue;
                        }
                        let upper = line.to_uppercase();
                        let reply: &[u8] = if upper.starts_with("EHLO") || upper.starts_with("HELO") {
                            b"250 sink\r\n"
                        } else if upper.starts_with("DATA") {
                            in_data = true;
                            b"354 go ahead\r\n"
                        } else if upper.starts_with("QUIT") {
                            write.write_all(b"221 bye\r\n").await.ok();
                            return;
                        } else {
                            b"250 OK\r\n"
                        };
                        write.write_all(reply).await.ok();
                    }
                });
            }
        });
        SmtpSink { port, received, holding }
    }
}

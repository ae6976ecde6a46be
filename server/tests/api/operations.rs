//! Issue 16: what the people who run the portal rely on — metrics for their
//! monitoring, and a stop (SIGTERM) that finishes what is in flight and
//! leaves nothing half done.
use crate::common::*;
use std::time::{Duration, Instant};

const METRICS_KEY: &str = "matnyckel-for-testet-0123456789";

async fn scrape(c: &Client, key: Option<&str>) -> reqwest::Response {
    let mut request = c.http.get(format!("{}/metrics", c.base));
    if let Some(key) = key {
        request = request.bearer_auth(key);
    }
    request.send().await.unwrap()
}

/// The value of the series that starts with `series` (name and labels).
fn value_of(text: &str, series: &str) -> Option<f64> {
    text.lines().find(|l| l.starts_with(series)).and_then(|l| l.rsplit(' ').next()?.parse().ok())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_are_read_only_with_the_key() {
    let app = TestApp::spawn_with_settings(|s| s.metrics_token_digest = Some(server::metrics::token_digest(METRICS_KEY))).await;
    let c = app.client();
    assert_eq!(scrape(&c, None).await.status(), 401);
    assert_eq!(scrape(&c, Some("fel-nyckel-0123456789")).await.status(), 401);
    // An installer's session is no key either.
    let installer = app.installer("metrik@elnorr.se", FREE_PERSONS[0]).await;
    assert_eq!(scrape(&installer, None).await.status(), 401);
    let answer = scrape(&c, Some(METRICS_KEY)).await;
    assert_eq!(answer.status(), 200);
    assert!(answer.headers()[http::header::CONTENT_TYPE].to_str().unwrap().starts_with("application/openmetrics-text"));

    // Without a key configured the path is not there at all.
    let unkeyed = TestApp::spawn(Backend::Sqlite).await.unwrap();
    assert_eq!(scrape(&unkeyed.client(), Some(METRICS_KEY)).await.status(), 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn metrics_count_requests_logins_streams_and_the_outbox() {
    use app::server::entities::outbox;
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    let app = TestApp::spawn_with_settings(|s| s.metrics_token_digest = Some(server::metrics::token_digest(METRICS_KEY))).await;
    let c = app.client();
    let before = scrape(&c, Some(METRICS_KEY)).await.text().await.unwrap();
    let failures_before = value_of(&before, "installatorswebben_login_failures_total").unwrap();

    let installer = app.installer("metrik@elnorr.se", FREE_PERSONS[0]).await;
    app.client().login("metrik@elnorr.se", "fel-lösenord").await;
    app.client().http.get(format!("{}/finns/inte/12345", app.base)).send().await.unwrap();
    let mut stream = installer.http.get(format!("{}/api/events", app.base)).send().await.unwrap();
    assert_eq!(stream.status(), 200);
    assert!(String::from_utf8_lossy(&stream.chunk().await.unwrap().unwrap()).contains("hello"));

    let text = scrape(&c, Some(METRICS_KEY)).await.text().await.unwrap();
    // Requests by route pattern and status class, with their latency.
    assert!(value_of(&text, r#"installatorswebben_http_requests_total{method="POST",route="/api/auth/login",status="4xx"}"#).unwrap() >= 1.0, "{text}");
    assert!(value_of(&text, r#"installatorswebben_http_requests_total{method="POST",route="/api/auth/register",status="2xx"}"#).unwrap() >= 1.0);
    assert!(text.contains(r#"installatorswebben_http_request_duration_seconds_bucket{le="0.001",method="POST",route="/api/auth/login"}"#)
        || text.contains(r#"installatorswebben_http_request_duration_seconds_bucket{method="POST",route="/api/auth/login",le="0.001"}"#), "{text}");
    // A made-up address is not a series of its own.
    assert!(!text.contains("/finns/inte"));
    assert!(value_of(&text, r#"installatorswebben_http_requests_total{method="GET",route="(unmatched)",status="4xx"}"#).unwrap() >= 1.0);
    // The wrong password counted.
    assert!(value_of(&text, "installatorswebben_login_failures_total").unwrap() >= failures_before + 1.0);
    // The live stream is open.
    assert!(value_of(&text, "installatorswebben_event_streams_open").unwrap() >= 1.0);
    // The pool as configured (SQLite: eight connections).
    assert_eq!(value_of(&text, "installatorswebben_db_pool_max_connections"), Some(8.0));
    // The outbox as the database has it: the registration's link waits (no SMTP in tests).
    let unsent = outbox::Entity::find().filter(outbox::Column::SentAt.is_null()).count(&app.db).await.unwrap();
    assert!(unsent >= 1);
    assert_eq!(value_of(&text, "installatorswebben_outbox_unsent"), Some(unsent as f64));
    assert!(value_of(&text, "installatorswebben_outbox_oldest_unsent_age_seconds").unwrap() >= 0.0);
}

/// The real binary (`server serve`), on its own port and the given database.
struct Process {
    child: std::process::Child,
    base: String,
}

impl Process {
    async fn start(database_url: &str, smtp_port: u16) -> Process {
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let dir = std::env::temp_dir().join("installatorswebben-tests").join(unique_name());
        let child = std::process::Command::new(env!("CARGO_BIN_EXE_server"))
            .arg("serve")
            .env("DATABASE_URL", database_url)
            .env("SITE_ADDR", format!("127.0.0.1:{port}"))
            .env_remove("LEPTOS_SITE_ADDR")
            .env("SMTP_URL", format!("smtp://127.0.0.1:{smtp_port}"))
            .env("ATTACHMENTS_DIR", dir.join("attachments"))
            .env("LEPTOS_SITE_ROOT", dir.join("site"))
            .env("DEMO_DATA", "false")
            .env("RUST_LOG", "warn")
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect("start the server binary");
        let process = Process { child, base: format!("http://127.0.0.1:{port}") };
        let started = Instant::now();
        loop {
            let ready = reqwest::get(format!("{}/health/ready", process.base)).await.is_ok_and(|r| r.status() == 200);
            if ready {
                return process;
            }
            assert!(started.elapsed() < Duration::from_secs(60), "the server did not become ready");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    fn terminate(&self) {
        let status = std::process::Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status().unwrap();
        assert!(status.success());
    }

    async fn exited_within(&mut self, limit: Duration) -> std::process::ExitStatus {
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            if started.elapsed() > limit {
                let _ = self.child.kill();
                panic!("the server had not stopped {limit:?} after SIGTERM");
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

// covers: ADM-3, CASE-11
on_both_databases!(a_stop_finishes_the_move_and_the_message_in_hand, |app: TestApp| async move {
    use app::server::entities::{case, case_event, outbox};
    use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
    const CASES: usize = 3000;
    let departed = app.installer("slutat@elnorr.se", FREE_PERSONS[0]).await;
    let team = departed.create_team(COMPANY_NORR, "Norr").await;
    let first = submitted_fuse_change(&departed, team, GSRN).await;
    let ids = copies_of(&app, first, CASES - 1).await;
    assert_eq!(ids.len(), CASES - 1);
    let colleague = app.installer("kollega@elnorr.se", FREE_PERSONS[1]).await;
    let colleague_team = colleague.create_team(COMPANY_NORR, "Norr service").await;
    let colleague_id = colleague.id().await;
    let (admin, _) = app.admin("chef@natbolaget.se").await;
    let book = admin.call("admin/move/all-cases", &[("number", FREE_PERSONS[0].0)]).await;
    book.assert_ok();
    assert_eq!(book.body.as_array().unwrap().len(), CASES);

    // The portal as operators run it: its own process, mailing through a slow relay.
    let sink = SmtpSink::start(Duration::from_millis(1500)).await;
    let mut process = Process::start(&app.database_url, sink.port).await;
    let (admin, colleague) = (admin.on(&process.base), colleague.on(&process.base));
    let mut stream = colleague.http.get(format!("{}/api/events", colleague.base)).send().await.unwrap();
    assert_eq!(stream.status(), 200);
    assert!(String::from_utf8_lossy(&stream.chunk().await.unwrap().unwrap()).contains("hello"));

    // The outbox worker has a message in the relay's hands, and a move of
    // the whole book is under way, when the stop comes.
    tokio::time::timeout(Duration::from_secs(30), sink.holding.notified()).await.expect("the worker sends the waiting mail");
    let body = serde_json::json!({ "cases": book.body, "to_user_id": colleague_id, "team_id": colleague_team });
    let moving = tokio::spawn(async move {
        let answer = admin.call_json("admin/move/cases-to-installer", body).await;
        (answer, Instant::now())
    });
    tokio::time::sleep(Duration::from_millis(30)).await;
    process.terminate();
    let stop_sent = Instant::now();

    // The move in flight is finished and answered.
    let (moved, answered_at) = moving.await.unwrap();
    moved.assert_ok();
    assert_eq!(moved.body.as_i64(), Some(CASES as i64));
    assert!(answered_at > stop_sent, "the move was still running when the stop came");
    // The live stream is closed by the server, not left hanging.
    let ended = tokio::time::timeout(Duration::from_secs(15), async {
        while let Ok(Some(_)) = stream.chunk().await {}
    })
    .await;
    assert!(ended.is_ok(), "the event stream was not closed");
    let status = process.exited_within(Duration::from_secs(40)).await;
    assert!(status.success(), "{status}");
    // Stopped: no new connection is taken.
    assert!(reqwest::get(format!("{}/health/live", process.base)).await.is_err());

    // Nothing half done: every case moved, each with its timeline entry …
    let held = case::Entity::find().filter(case::Column::HolderUserId.eq(colleague_id)).count(&app.db).await.unwrap();
    assert_eq!(held, CASES as u64);
    let moved_events = case_event::Entity::find().filter(case_event::Column::Kind.eq("moved")).count(&app.db).await.unwrap();
    assert_eq!(moved_events, CASES as u64);
    // … and the message in hand delivered and marked; none left claimed but unsent.
    let delivered = sink.received.lock().unwrap().len() as u64;
    assert!(delivered >= 1);
    let marked_sent = outbox::Entity::find().filter(outbox::Column::SentAt.is_not_null()).count(&app.db).await.unwrap();
    assert_eq!(marked_sent, delivered);
    let claimed_unsent = outbox::Entity::find()
        .filter(outbox::Column::SentAt.is_null())
        .filter(outbox::Column::NextAttemptAt.gt(chrono::Utc::now() + chrono::Duration::minutes(1)))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(claimed_unsent, 0);
});

//! TEAM-9: server push reaches the affected user's open pages, on every
//! server instance (PostgreSQL LISTEN/NOTIFY) or within one (SQLite).
use crate::common::*;
use std::time::Duration;

/// Opens the event stream as `client` on `base` and returns a reader of event names.
async fn open_stream(client: &Client, base: &str) -> reqwest::Response {
    let res = client.http.get(format!("{base}/api/events")).send().await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-type"], "text/event-stream");
    res
}

/// Reads the stream until an event named `name` arrives, or gives up.
async fn wait_for_event(stream: &mut reqwest::Response, name: &str) -> bool {
    let needle = format!("event: {name}");
    let mut seen = String::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while tokio::time::Instant::now() < deadline {
        match tokio::time::timeout(Duration::from_secs(10), stream.chunk()).await {
            Ok(Ok(Some(bytes))) => {
                seen.push_str(&String::from_utf8_lossy(&bytes));
                if seen.contains(&needle) {
                    return true;
                }
            }
            _ => return false,
        }
    }
    false
}

// covers: TEAM-9
on_both_databases!(a_new_member_hears_of_the_team_at_once, |app: TestApp| async move {
    let owner = app.installer("agare@elnorr.se", FREE_PERSONS[0]).await;
    let member = app.installer("medlem@elnorr.se", FREE_PERSONS[1]).await;
    let bystander = app.installer("annan@elnorr.se", FREE_PERSONS[2]).await;
    let team = owner.create_team(COMPANY_NORR, "Norr").await;

    // On PostgreSQL the member's page is served by a second instance.
    let member_base = match app.database_url.starts_with("postgres") {
        true => TestApp::spawn_on(&app.database_url).await.base,
        false => app.base.clone(),
    };
    let mut member_stream = open_stream(&member, &member_base).await;
    assert!(wait_for_event(&mut member_stream, "hello").await, "a new connection starts with hello");
    let mut bystander_stream = open_stream(&bystander, &app.base).await;
    assert!(wait_for_event(&mut bystander_stream, "hello").await);

    owner.add_member(team, "medlem@elnorr.se").await.assert_ok();
    assert!(wait_for_event(&mut member_stream, "teams").await, "the member is told");
    assert_eq!(member.my_team_ids().await, vec![team as i64]);

    // Someone else's team change is not announced to a bystander.
    tokio::time::timeout(Duration::from_millis(700), async {
        assert!(!wait_for_event(&mut bystander_stream, "teams").await);
    })
    .await
    .ok();
});

#[tokio::test]
async fn the_stream_needs_a_login() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let res = app.client().http.get(format!("{}/api/events", app.base)).send().await.unwrap();
    assert_eq!(res.status(), 401);
}

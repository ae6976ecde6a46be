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
    wait_for_text(stream, &format!("event: {name}")).await
}

/// Reads the stream until `needle` has been sent, or gives up.
async fn wait_for_text(stream: &mut reqwest::Response, needle: &str) -> bool {
    let mut seen = String::new();
    let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
    while tokio::time::Instant::now() < deadline {
        match tokio::time::timeout(Duration::from_secs(10), stream.chunk()).await {
            Ok(Ok(Some(bytes))) => {
                seen.push_str(&String::from_utf8_lossy(&bytes));
                if seen.contains(needle) {
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

// covers: CASE-15
on_both_databases!(case_news_reaches_the_holder_and_the_unit_live_and_waits_unread, |app: TestApp| async move {
    let (installer, team) = installer_with_team(&app).await;
    let handler = app.handler("facility").await;
    let bystander = app.installer("annan@elnorr.se", FREE_PERSONS[2]).await;
    let id = installer.create_case("byte_av_sakring", team).await;
    installer.save_case(id, &fuse_change(GSRN)).await.assert_ok();

    let mut handler_stream = open_stream(&handler, &app.base).await;
    assert!(wait_for_event(&mut handler_stream, "hello").await);
    installer.act(id, "Submit", "").await.assert_ok();
    assert!(wait_for_event(&mut handler_stream, "cases").await, "the unit's queue hears of the submission");

    let mut holder_stream = open_stream(&installer, &app.base).await;
    assert!(wait_for_event(&mut holder_stream, "hello").await);
    let mut bystander_stream = open_stream(&bystander, &app.base).await;
    assert!(wait_for_event(&mut bystander_stream, "hello").await);
    handler.act(id, "RequestSupplement", "Bifoga foto på mätarskåpet.").await.assert_ok();
    assert!(wait_for_event(&mut holder_stream, "cases").await, "the holder hears of the request");
    tokio::time::timeout(Duration::from_millis(700), async {
        assert!(!wait_for_event(&mut bystander_stream, "cases").await, "a bystander hears nothing");
    })
    .await
    .ok();

    // The news waits in the list, unread, naming the case and the message.
    let list = installer.call("notifications/list", &[("page", "0")]).await;
    list.assert_ok();
    assert_eq!(list.body["unread"], 1, "{}", list.text);
    let news = &list.body["rows"][0];
    assert_eq!(news["case_id"].as_i64(), Some(id as i64));
    assert_eq!(news["read"], false);
    let said = news["message"].as_str().unwrap();
    assert!(said.contains("Komplettera") && said.contains("Bifoga foto på mätarskåpet."), "{said}");
    assert_eq!(installer.call("notifications/unread", &[]).await.body, 1);
    // Nobody else sees it or marks it read.
    assert_eq!(bystander.call("notifications/list", &[("page", "0")]).await.body["total"], 0);
    let news_id = news["id"].as_i64().unwrap().to_string();
    assert_eq!(bystander.call("notifications/read", &[("id", news_id.as_str())]).await.body, 0);
    assert_eq!(installer.call("notifications/unread", &[]).await.body, 1);
    // The holder's own change is no news to them.
    installer.upload(id, "foto", "skap.jpg", vec![0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]).await.assert_ok();
    installer.act(id, "AnswerSupplement", "Foto bifogat.").await.assert_ok();
    assert_eq!(installer.call("notifications/unread", &[]).await.body, 1);
    // Read: one, then all.
    assert_eq!(installer.call("notifications/read", &[("id", news_id.as_str())]).await.body, 1);
    assert_eq!(installer.call("notifications/unread", &[]).await.body, 0);
    assert_eq!(installer.call("notifications/read", &[]).await.body, 0);
    assert_eq!(app.client().call("notifications/list", &[("page", "0")]).await.status, 401);
});

/// When the server rendered `client`'s Mina ärenden, as the page says.
async fn render_stamp(client: &Client) -> u64 {
    let html = client.get_page("/arenden").await.text().await.unwrap();
    let attribute = "data-rendered-at=\"";
    let start = html.find(attribute).expect("the page says when it was rendered") + attribute.len();
    html[start..].split('"').next().unwrap().parse().expect("milliseconds")
}

/// Whether `stream` starts with `hello` (rather than just opening) within a moment.
async fn starts_with_hello(stream: &mut reqwest::Response) -> bool {
    let mut seen = String::new();
    while !seen.contains("\n\n") {
        match tokio::time::timeout(Duration::from_secs(10), stream.chunk()).await {
            Ok(Ok(Some(bytes))) => seen.push_str(&String::from_utf8_lossy(&bytes)),
            other => panic!("the stream sent nothing at once: {other:?}"),
        }
    }
    match (seen.contains("event: hello"), seen.contains(": up to date")) {
        (true, false) => true,
        (false, true) => false,
        _ => panic!("neither a hello nor up to date: {seen:?}"),
    }
}

// covers: TEAM-9, CASE-15
on_both_databases!(a_page_just_rendered_is_told_to_refetch_only_when_something_changed_since, |app: TestApp| async move {
    let (installer, team) = installer_with_team(&app).await;
    let handler = app.handler("facility").await;
    let case = submitted_fuse_change(&installer, team, GSRN).await;
    // On PostgreSQL the streams are served by a second instance, which hears
    // of the first one's changes through the database.
    let stream_base = match app.database_url.starts_with("postgres") {
        true => TestApp::spawn_on(&app.database_url).await.base,
        false => app.base.clone(),
    };
    let on_stream_instance = installer.on(&stream_base);
    // Instances allow for each other's clocks: a page must have been rendered
    // a little after the instance began to hear every event.
    tokio::time::sleep(Duration::from_millis(2500)).await;

    // Nothing has happened since the page was rendered: no refetch, yet the stream is open and live.
    let rendered = render_stamp(&installer).await;
    let mut stream = on_stream_instance.http.get(format!("{stream_base}/api/events?since={rendered}")).send().await.unwrap();
    assert_eq!(stream.status(), 200);
    assert!(!starts_with_hello(&mut stream).await, "a page just rendered does not fetch its data again");
    handler.act(case, "RequestSupplement", "Bifoga foto på mätarskåpet.").await.assert_ok();
    assert!(wait_for_event(&mut stream, "cases").await, "news still arrives");

    // The same page connecting now has missed that news: it is told to refetch.
    let mut missed = on_stream_instance.http.get(format!("{stream_base}/api/events?since={rendered}")).send().await.unwrap();
    assert!(starts_with_hello(&mut missed).await, "news after the render means refetch");

    // A render time that is missing, unreadable or too old to vouch for: refetch.
    let long_ago = rendered - 11 * 60 * 1000;
    for query in ["", "?since=", "?since=soon", &format!("?since={long_ago}")] {
        let mut unsure = on_stream_instance.http.get(format!("{stream_base}/api/events{query}")).send().await.unwrap();
        assert_eq!(unsure.status(), 200);
        assert!(starts_with_hello(&mut unsure).await, "{query}");
    }
    // Someone without news since the same render is not told to refetch.
    let bystander = app.installer("annan@elnorr.se", FREE_PERSONS[2]).await.on(&stream_base);
    let mut quiet = bystander.http.get(format!("{stream_base}/api/events?since={rendered}")).send().await.unwrap();
    assert!(!starts_with_hello(&mut quiet).await);
});

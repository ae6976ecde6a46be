//! ACC-4 and sessions, tried as an attacker would: a storm of parallel wrong
//! logins, a stranger's guesses against the owner, forged client addresses,
//! sessions that outlive their welcome, event streams after logout.
use crate::common::*;
use serde_json::Value;
use std::sync::Arc;
use std::time::Duration;

/// A login from a client that claims (through `X-Forwarded-For`) to be `address`.
async fn login_from(client: &Client, address: &str, email: &str, password: &str) -> u16 {
    client
        .http
        .post(format!("{}/api/auth/login", client.base))
        .header("Accept", "application/json")
        .header("X-Forwarded-For", address)
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

// 200 parallel wrong logins for one account from 200 addresses (behind the
// load balancer): most are refused before any password is hashed, and the
// right one from the owner's own browser still gets in.
// covers: ACC-4, ACC-9
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_storm_of_wrong_logins_is_refused_early() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let behind_proxy = |s: &mut app::server::state::WebSettings| {
            s.trusted_proxies = app::server::throttle::TrustedNet::parse_list("127.0.0.1, ::1").unwrap()
        };
        let Some(app) = TestApp::spawn_on_with_settings(backend, behind_proxy).await else { continue };
        let owner = app.client();
        owner.register("per@elfirma.se", FREE_PERSONS[0]).await.assert_ok();
        owner.call("auth/logout", &[]).await.assert_ok();
        // The owner's browser has logged in before: it carries a device cookie.
        assert_eq!(login_from(&owner, "192.0.2.10", "per@elfirma.se", PASSWORD).await, 200);
        owner.call("auth/logout", &[]).await.assert_ok();
        let attacker = Arc::new(app.client());
        let started = std::time::Instant::now();
        let storm: Vec<_> = (0..200)
            .map(|i| {
                let attacker = attacker.clone();
                tokio::spawn(async move { login_from(&attacker, &format!("203.0.113.{i}"), "per@elfirma.se", "fel-lösen-123").await })
            })
            .collect();
        let mut statuses = Vec::new();
        for s in storm {
            statuses.push(s.await.unwrap());
        }
        let evaluated = statuses.iter().filter(|s| **s == 401).count();
        let refused = statuses.iter().filter(|s| **s == 429).count();
        assert_eq!(evaluated + refused, 200, "{statuses:?}");
        assert!(evaluated <= 40, "{evaluated} wrong passwords were hashed and checked");
        assert!(started.elapsed() < Duration::from_secs(60));
        // A stranger's browser waits…
        assert_eq!(login_from(&app.client(), "198.51.100.7", "per@elfirma.se", PASSWORD).await, 429);
        // …the owner, on their own browser, is not held up by the stranger.
        assert_eq!(login_from(&owner, "192.0.2.10", "per@elfirma.se", PASSWORD).await, 200);
        assert_eq!(owner.me().await["email"], "per@elfirma.se");
    }
}

// A client's claimed address counts only when a configured proxy forwards it.
// covers: ACC-4, ACC-9
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn forwarded_addresses_count_only_from_trusted_proxies() {
    for trusted in [false, true] {
        let app = TestApp::spawn_with_settings(|s| {
            if trusted {
                s.trusted_proxies = app::server::throttle::TrustedNet::parse_list("127.0.0.1, ::1").unwrap();
            }
        })
        .await;
        let client = app.client();
        // 21 attempts at unknown accounts, each claiming its own address.
        let mut last = 0;
        for i in 0..21 {
            last = login_from(&client, &format!("198.51.100.{i}"), &format!("okand{i}@elfirma.se"), "fel-lösen-123").await;
        }
        if trusted {
            // Behind the proxy every client has its own address: none is over its limit.
            assert_eq!(last, 401, "trusted proxy");
        } else {
            // Straight from the client: the header is ignored, all come from one address.
            assert_eq!(last, 429, "untrusted peer");
        }
    }
}

// A session ends 12 hours after login however much it is used.
// covers: ACC-4
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_has_an_absolute_limit() {
    let clock = Arc::new(ShiftedClock::default());
    let app = TestApp::spawn_with_clock(Backend::Sqlite, clock.clone()).await.unwrap();
    let browser = app.installer("per@elfirma.se", FREE_PERSONS[0]).await;
    // Used every two hours, well within the idle limit…
    for _ in 0..5 {
        clock.advance(chrono::Duration::hours(2));
        assert_eq!(browser.me().await["email"], "per@elfirma.se", "in use, within 12 hours");
    }
    clock.advance(chrono::Duration::minutes(119));
    assert_eq!(browser.me().await["email"], "per@elfirma.se", "a minute before the limit");
    // …and over at twelve hours.
    clock.advance(chrono::Duration::minutes(2));
    assert_eq!(browser.me().await, Value::Null);
}

// An open event stream closes when its session ends.
// covers: TEAM-9, ACC-4
on_both_databases!(the_event_stream_closes_on_logout, |app: TestApp| async move {
    let browser = app.installer("per@elfirma.se", FREE_PERSONS[0]).await;
    let mut stream = browser.http.get(format!("{}/api/events", app.base)).send().await.unwrap();
    assert_eq!(stream.status(), 200);
    let hello = tokio::time::timeout(Duration::from_secs(5), stream.chunk()).await.unwrap().unwrap();
    assert!(hello.is_some());
    browser.call("auth/logout", &[]).await.assert_ok();
    // The stream ends (no more chunks), well before the keep-alive would say anything.
    let ended = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            match stream.chunk().await {
                Ok(Some(_)) => continue,
                _ => return true,
            }
        }
    })
    .await;
    assert_eq!(ended, Ok(true), "the stream outlived the logout");
});

// Over HTTPS the cookies carry the __Host- prefix: only this host, only Secure, Path=/.
// covers: ACC-4
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn secure_cookies_use_the_host_prefix() {
    let app = TestApp::spawn_with_settings(|s| s.secure_cookies = true).await;
    app.client().register("per@elfirma.se", FREE_PERSONS[0]).await.assert_ok();
    let res = reqwest::Client::new()
        .post(format!("{}/api/auth/login", app.base))
        .header("Origin", app.base.clone())
        .header("Accept", "application/json")
        .form(&[("email", "per@elfirma.se"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let cookies: Vec<String> = res.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_string()).collect();
    let session = cookies.iter().find(|c| c.starts_with("__Host-iw_session=")).expect("a __Host- session cookie");
    assert!(session.contains("; Secure") && session.contains("Path=/") && !session.contains("Domain"), "{session}");
    assert!(cookies.iter().any(|c| c.starts_with("__Host-iw_device=") && c.contains("; Secure")), "{cookies:?}");
    // The unprefixed name means nothing then.
    let plain = session.replacen("__Host-iw_session", "iw_session", 1);
    let token = plain.split(';').next().unwrap().to_string();
    let me = reqwest::Client::new()
        .post(format!("{}/api/auth/me", app.base))
        .header("Origin", app.base.clone())
        .header("Accept", "application/json")
        .header("Cookie", token)
        .send()
        .await
        .unwrap();
    assert_eq!(me.text().await.unwrap(), "null");
}

//! The HTTP layer: security headers, cross-site protection, pages.
use crate::common::*;

// Server functions do no CSRF checking of their own; the router does.
on_both_databases!(cross_site_writes_are_refused, |app: TestApp| async move {
    let client = app.client();
    let url = format!("{}/api/auth/login", app.base);
    let form = [("email", "x@elfirma.se"), ("password", "whatever-123")];
    let evil_origin = client.http.post(&url).header("Origin", "https://evil.example").form(&form).send().await.unwrap();
    assert_eq!(evil_origin.status(), 403);
    let cross_site = client.http.post(&url).header("Sec-Fetch-Site", "cross-site").form(&form).send().await.unwrap();
    assert_eq!(cross_site.status(), 403);
    // Our own pages' requests pass (and fail only on the credentials).
    let same_origin = client.http.post(&url).header("Sec-Fetch-Site", "same-origin").form(&form).send().await.unwrap();
    assert_eq!(same_origin.status(), 401);
    let own_origin = client.http.post(&url).header("Origin", app.base.clone()).form(&form).send().await.unwrap();
    assert_eq!(own_origin.status(), 401);
    // A request that says nothing of where it comes from: only JSON, which another site cannot send unasked.
    let plain = reqwest::Client::new();
    let anonymous_form = plain.post(&url).form(&form).send().await.unwrap();
    assert_eq!(anonymous_form.status(), 403);
    let team_url = format!("{}/api/teams/create", app.base);
    let text_plain = plain.post(&team_url).header("Content-Type", "text/plain").body("organisationsnummer=556123-4500&name=X").send().await.unwrap();
    assert_eq!(text_plain.status(), 415);
    let json = plain.post(format!("{}/api/cases/save", app.base)).json(&serde_json::json!({ "case_id": 1, "values": {} })).send().await.unwrap();
    assert_eq!(json.status(), 401, "JSON without Origin reaches the function (and is refused for want of a login)");
});

#[tokio::test]
async fn pages_carry_security_headers_and_a_nonce_policy() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let res = app.client().get_page("/logga-in").await;
    assert_eq!(res.status(), 200);
    let headers = res.headers().clone();
    let csp = headers["content-security-policy"].to_str().unwrap().to_string();
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(csp.contains("'nonce-"), "{csp}");
    assert!(!csp.contains("unsafe-inline"), "{csp}");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["referrer-policy"], "same-origin");
    let html = res.text().await.unwrap();
    let nonce = csp.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap();
    assert!(html.contains(&format!("nonce=\"{nonce}\"")), "the hydration script carries the page's nonce");
    assert!(html.contains("<h1>Logga in</h1>"));
    assert!(html.contains("lang=\"sv\""));
}

#[tokio::test]
async fn unknown_pages_are_404_in_swedish() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let res = app.client().get_page("/finns-inte").await;
    assert_eq!(res.status(), 404);
    assert!(res.text().await.unwrap().contains("Sidan finns inte"));
}

#[tokio::test]
async fn responses_are_compressed() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let res = app
        .client()
        .http
        .get(format!("{}/registrera", app.base))
        .header("Accept-Encoding", "br, gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["content-encoding"], "br");
}

// The site's files go out compressed once, not per request, and are
// revalidated — or, named by their content's hash, never asked for again.
// covers: UX-1
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn site_files_are_precompressed_and_revalidated() {
    let root = std::env::temp_dir().join(format!("iw-site-{}", std::process::id()));
    let pkg = root.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let script = "console.log('hej');\n".repeat(500);
    std::fs::write(pkg.join("app.js"), &script).unwrap();
    assert_eq!(server::precompress::compress_all(&pkg).unwrap(), 2);
    assert_eq!(server::precompress::compress_all(&pkg).unwrap(), 0, "fresh copies are kept");
    let app = TestApp::spawn_with_site_root(root.to_str().unwrap()).await;
    let http = reqwest::Client::new();
    let url = format!("{}/pkg/app.js", app.base);
    let br = http.get(&url).header("Accept-Encoding", "br").send().await.unwrap();
    assert_eq!(br.status(), 200);
    assert_eq!(br.headers()["content-encoding"], "br");
    assert_eq!(br.headers()["cache-control"], "no-cache");
    let last_modified = br.headers()["last-modified"].to_str().unwrap().to_string();
    assert_eq!(br.bytes().await.unwrap().to_vec(), std::fs::read(pkg.join("app.js.br")).unwrap());
    // A returning browser downloads nothing.
    let again = http.get(&url).header("Accept-Encoding", "br").header("If-Modified-Since", last_modified).send().await.unwrap();
    assert_eq!(again.status(), 304);
    // A rebuilt file's old copies are never served.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    std::fs::write(pkg.join("app.js"), "console.log('ny');").unwrap();
    server::precompress::drop_stale(&pkg);
    assert!(!pkg.join("app.js.br").exists() && !pkg.join("app.js.gz").exists());
    let plain = http.get(&url).header("Accept-Encoding", "identity").send().await.unwrap();
    assert_eq!(plain.text().await.unwrap(), "console.log('ny');");
    // A file named by its content's hash is kept by the browser for good.
    std::fs::write(pkg.join("app.7bW1Vmz6a-x3sX3D8iC4Dw.js"), "console.log('hash');").unwrap();
    let hashed = http.get(format!("{}/pkg/app.7bW1Vmz6a-x3sX3D8iC4Dw.js", app.base)).send().await.unwrap();
    assert_eq!(hashed.status(), 200);
    assert_eq!(hashed.headers()["cache-control"], "public, max-age=31536000, immutable");
    // Unknown paths are still the 404 page.
    let missing = http.get(format!("{}/pkg/finns-inte.js", app.base)).send().await.unwrap();
    assert_eq!(missing.status(), 404);
    std::fs::remove_dir_all(&root).ok();
}

// Operations (issue 16): a load balancer's checks, without a login.
on_both_databases!(health_says_the_process_lives_and_can_serve, |app: TestApp| async move {
    let anyone = app.client();
    let live = anyone.get_page("/health/live").await;
    assert_eq!(live.status(), 200);
    assert_eq!(live.headers()["cache-control"], "no-store");
    assert_eq!(live.text().await.unwrap(), "ok\n");
    let ready = anyone.get_page("/health/ready").await;
    assert_eq!(ready.status(), 200);
    let body = ready.text().await.unwrap();
    assert_eq!(body, "database: ok\nmigrations: ok\nattachments: ok\n");
});

// Operations (issue 16): every answer names its request, errors included,
// so a person reporting a problem can point at the log line.
on_both_databases!(every_answer_carries_a_request_id, |app: TestApp| async move {
    let anyone = app.client();
    let page = anyone.get_page("/logga-in").await;
    let id = page.headers()["x-request-id"].to_str().unwrap().to_string();
    assert_eq!(id.len(), 16, "{id}");
    let again = anyone.get_page("/logga-in").await;
    assert_ne!(again.headers()["x-request-id"].to_str().unwrap(), id);
    // An error answer too.
    let refused = anyone.http.post(format!("{}/api/cases/get", anyone.base)).header("Origin", anyone.base.clone()).form(&[("case_id", "1")]).send().await.unwrap();
    assert_eq!(refused.status(), 401);
    assert!(refused.headers().contains_key("x-request-id"));
    // A proxy's plain id is kept; anything else is replaced.
    let kept = anyone.http.get(format!("{}/health/live", anyone.base)).header("x-request-id", "lb-42_abc").send().await.unwrap();
    assert_eq!(kept.headers()["x-request-id"], "lb-42_abc");
    let replaced = anyone.http.get(format!("{}/health/live", anyone.base)).header("x-request-id", "x".repeat(500)).send().await.unwrap();
    assert_eq!(replaced.headers()["x-request-id"].len(), 16);
});

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
    assert!(html.contains("<h1>Logga in</h1>"));
    assert!(html.contains("lang=\"sv\""));
    // A page with the app: its hydration script runs by the page's own nonce.
    let start = app.client().get_page("/glomt-losenord").await;
    let csp = start.headers()["content-security-policy"].to_str().unwrap().to_string();
    let nonce = csp.split("'nonce-").nth(1).unwrap().split('\'').next().unwrap().to_string();
    let html = start.text().await.unwrap();
    assert!(html.contains(&format!("<script nonce=\"{nonce}\">(() => {{ const wasm = WebAssembly.compileStreaming(")), "the hydration script carries the page's nonce");
}

// UX-1: the login page, and the start page to someone not logged in, are
// used as they come, before and without any script: they name none to run,
// and ask for the app's main module only to have it for the next page
// (`prefetch`: the lowest priority, after the page). The pages after them,
// and the start page of the logged in, hydrate as before.
// covers: UX-1
#[tokio::test]
async fn the_login_page_and_the_anonymous_start_page_come_without_the_app_and_fetch_it_for_the_next_page() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let anyone = app.client();
    for address in ["/logga-in", "/logga-in?x=1", "/", "/?x=1"] {
        let login = anyone.get_page(address).await.text().await.unwrap();
        let body = login.split("<body").nth(1).and_then(|rest| rest.split('>').next()).unwrap_or_default();
        assert!(body.contains(" data-app=\"none\""), "{address}: marked as a page without the app: <body{body}>");
        assert!(!login.contains("compileStreaming") && !login.contains("import("), "{address}: no hydration script");
        assert!(!login.contains("rel=\"modulepreload\"") && !login.contains("rel=\"preload\""), "{address}: nothing fetched first");
        assert!(login.contains("<link rel=\"prefetch\" href=\"/pkg/installatorswebben.js\" crossorigin=\"anonymous\">"), "{address}");
        assert!(login.contains("<link rel=\"prefetch\" href=\"/pkg/installatorswebben.wasm\" crossorigin=\"anonymous\">"), "{address}");
        // The language switch posts by itself too, on both.
        assert!(login.contains("method=\"post\" action=\"/api/language\""), "{address}: the language switch posts by itself");
        if address.starts_with("/logga-in") {
            assert!(login.contains("method=\"post\" action=\"/api/auth/login\""), "{address}: the form posts by itself");
        }
    }
    let hydrates = |page: &str, address: &str| {
        assert!(!page.contains("data-app="), "{address}");
        assert!(page.contains("compileStreaming") && page.contains("<link rel=\"modulepreload\" href=\"/pkg/installatorswebben.js\""), "{address}: hydrates");
        assert!(!page.contains("rel=\"prefetch\""), "{address}");
    };
    let forgot = anyone.get_page("/glomt-losenord").await.text().await.unwrap();
    hydrates(&forgot, "/glomt-losenord");
    // Logged in, the start page has live parts: the app's.
    let (owner, _) = installer_with_team(&app).await;
    let start = owner.get_page("/").await.text().await.unwrap();
    assert!(start.contains("Välkommen, "), "the logged-in start page");
    hydrates(&start, "/ (logged in)");
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
    // A server asked to stop makes no more copies (and leaves no half-made one).
    let stopped_after_one = std::cell::Cell::new(0);
    let made = server::precompress::compress_until(&pkg, "installatorswebben", || stopped_after_one.replace(stopped_after_one.get() + 1) >= 1);
    assert_eq!(made.unwrap(), 1);
    assert_eq!(std::fs::read_dir(&pkg).unwrap().count(), 2, "the file and one whole copy");
    assert_eq!(server::precompress::compress_all(&pkg, "installatorswebben").unwrap(), 1, "the next start makes the rest");
    std::fs::remove_file(pkg.join("app.js.br")).unwrap();
    std::fs::remove_file(pkg.join("app.js.gz")).unwrap();
    assert_eq!(server::precompress::compress_all(&pkg, "installatorswebben").unwrap(), 2);
    assert_eq!(server::precompress::compress_all(&pkg, "installatorswebben").unwrap(), 0, "fresh copies are kept");
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

/// A stand-in for a WASM module: bytes that repeat within themselves (as
/// code does) but not from one module to the next.
fn module_bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed;
    let words: Vec<[u8; 8]> = (0..64)
        .map(|_| {
            x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            x.to_le_bytes()
        })
        .collect();
    (0..len / 8).flat_map(|i| words[(i * 7 + i / 64) % 64]).collect()
}

// The WASM chunks, which compress badly one by one, go out compressed
// against the main module to a browser that holds it (Compression
// Dictionary Transport), and only to one holding exactly that module.
// covers: UX-1
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn wasm_chunks_come_compressed_against_the_main_module() {
    use sha2::Digest;
    let root = std::env::temp_dir().join(format!("iw-dictionary-{}", std::process::id()));
    let pkg = root.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let main_module = [module_bytes(1, 40_000), module_bytes(2, 40_000)].concat();
    // A chunk shares most of its bytes with the main module it calls into.
    let chunk = [module_bytes(2, 20_000), module_bytes(3, 2_000)].concat();
    std::fs::write(pkg.join("installatorswebben.BdDGHbOFvm9zP6Ksf8JqXw.wasm"), &main_module).unwrap();
    std::fs::write(pkg.join("chunk_7.V02UGqWdFe9sAfzt4bT6hw.wasm"), &chunk).unwrap();
    assert_eq!(server::precompress::compress_all(&pkg, "installatorswebben").unwrap(), 5, "br and gz of both, dcz of the chunk only");
    let copy = std::fs::read(pkg.join("chunk_7.V02UGqWdFe9sAfzt4bT6hw.wasm.dcz")).unwrap();
    let gzipped = std::fs::read(pkg.join("chunk_7.V02UGqWdFe9sAfzt4bT6hw.wasm.gz")).unwrap();
    assert!(copy.len() * 2 < gzipped.len(), "against the dictionary {} B, gzip {} B", copy.len(), gzipped.len());
    assert!(!pkg.join("installatorswebben.BdDGHbOFvm9zP6Ksf8JqXw.wasm.dcz").exists());

    let app = TestApp::spawn_with_site_root(root.to_str().unwrap()).await;
    let http = reqwest::Client::new();
    let main = http.get(format!("{}/pkg/installatorswebben.BdDGHbOFvm9zP6Ksf8JqXw.wasm", app.base)).send().await.unwrap();
    assert_eq!(main.status(), 200);
    assert_eq!(main.headers()["use-as-dictionary"], "match=\"/pkg/*.wasm\"");
    let hash = sha2::Sha256::digest(&main.bytes().await.unwrap());
    use base64::Engine;
    let available = format!(":{}:", base64::engine::general_purpose::STANDARD.encode(hash));

    let chunk_url = format!("{}/pkg/chunk_7.V02UGqWdFe9sAfzt4bT6hw.wasm", app.base);
    let ask = |dictionary: &str, encodings: &str| {
        http.get(&chunk_url).header("Available-Dictionary", dictionary.to_string()).header("Accept-Encoding", encodings.to_string()).send()
    };
    let res = ask(&available, "gzip, br, zstd, dcb, dcz").await.unwrap();
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers()["content-encoding"], "dcz");
    assert_eq!(res.headers()["content-type"], "application/wasm");
    assert_eq!(res.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert!(res.headers()["vary"].to_str().unwrap().contains("available-dictionary"));
    let body = res.bytes().await.unwrap();
    // The format: magic number, the dictionary's SHA-256, a zstd frame made with it.
    assert_eq!(&body[..8], &[0x5e, 0x2a, 0x4d, 0x18, 0x20, 0x00, 0x00, 0x00]);
    assert_eq!(&body[8..40], hash.as_slice());
    let mut decoder = zstd::bulk::Decompressor::with_dictionary(&main_module).unwrap();
    assert_eq!(decoder.decompress(&body[40..], chunk.len()).unwrap(), chunk);

    // Another dictionary (an older main module), or no `dcz` among the
    // encodings: the chunk as usual.
    let other = format!(":{}:", base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(b"old")));
    let res = ask(&other, "gzip, dcz").await.unwrap();
    assert_eq!(res.headers()["content-encoding"], "gzip");
    let res = ask(&available, "gzip").await.unwrap();
    assert_eq!(res.headers()["content-encoding"], "gzip");
    let res = ask(&available, "identity").await.unwrap();
    assert!(res.headers().get("content-encoding").is_none());
    assert!(res.headers()["vary"].to_str().unwrap().contains("available-dictionary"));
    assert_eq!(res.bytes().await.unwrap().to_vec(), chunk);
    // Nothing outside the package folder is reached this way.
    let res = http.get(format!("{}/pkg/..%2Fsecret.wasm", app.base)).header("Available-Dictionary", available.clone()).header("Accept-Encoding", "dcz").send().await.unwrap();
    assert_eq!(res.status(), 404);
    std::fs::remove_dir_all(&root).ok();
}

// cargo-leptos names the chunk loader anew in every build while the main
// module that imports it by name keeps its own: a main module of another
// build (another instance's during a deploy, or one a cache kept) asks for
// the loader of its build, and gets the current one (UX-1: the page hydrates).
// covers: UX-1
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_earlier_builds_chunk_loader_is_served_by_the_current_one() {
    let root = std::env::temp_dir().join(format!("iw-loader-{}", std::process::id()));
    let pkg = root.join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let loader = "import { initSync } from \"./installatorswebben.GNDQKRDqzPa0q1Yb3uyshA.js\";\n";
    std::fs::write(pkg.join("__wasm_split.d6xtO_h3GDkPEMAwkjT3AA.js"), loader).unwrap();
    let app = TestApp::spawn_with_site_root(root.to_str().unwrap()).await;
    let http = reqwest::Client::new();
    let get = |name: &str| http.get(format!("{}/pkg/{name}", app.base)).send();

    for name in ["__wasm_split.d6xtO_h3GDkPEMAwkjT3AA.js", "__wasm_split.p2co9JxdPO4FLpdP9h8iwg.js"] {
        let res = get(name).await.unwrap();
        assert_eq!(res.status(), 200, "{name}");
        assert!(res.headers()["content-type"].to_str().unwrap().contains("javascript"), "{name}");
        assert_eq!(res.headers()["cache-control"], "public, max-age=31536000, immutable", "{name}");
        assert_eq!(res.text().await.unwrap(), loader, "{name}");
    }
    // Only a loader's name stands in for the loader; anything else missing is missing.
    for name in ["__wasm_split.short.js", "installatorswebben.p2co9JxdPO4FLpdP9h8iwg.js", "__wasm_split.p2co9JxdPO4FLpdP9h8iwg.wasm", "chunk_4.p2co9JxdPO4FLpdP9h8iwg.wasm"] {
        assert_eq!(get(name).await.unwrap().status(), 404, "{name}");
    }
    // Two loaders side by side (files of several builds): no guessing.
    std::fs::write(pkg.join("__wasm_split.YZZ5wHJxG8ZEyYwmkk-tzg.js"), "other").unwrap();
    assert_eq!(get("__wasm_split.p2co9JxdPO4FLpdP9h8iwg.js").await.unwrap().status(), 404);
    assert_eq!(get("__wasm_split.YZZ5wHJxG8ZEyYwmkk-tzg.js").await.unwrap().text().await.unwrap(), "other");
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

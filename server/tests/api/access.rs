//! Who may call what, for every server function of the app: the anonymous
//! get 401 from everything but the public endpoints, and the admin endpoints
//! answer only a fully logged-in admin. The list below must name every
//! registered endpoint, so a new one cannot slip past without a decision.
use crate::common::*;

/// Endpoints anyone may call, logged in or not.
const PUBLIC: &[&str] = &[
    "/api/auth/check-username",
    "/api/auth/register",
    "/api/auth/login",
    "/api/auth/logout",
    "/api/auth/me",
    "/api/auth/second-factor/status",
    "/api/teams/sidebar",
];

/// Endpoints that half-logged-in admins use for their second step.
const SECOND_FACTOR: &[&str] =
    &["/api/auth/second-factor/enrol", "/api/auth/second-factor/confirm", "/api/auth/second-factor/verify"];

/// Well-formed arguments for every other endpoint (JSON ones marked).
fn sample(path: &str) -> Option<(bool, serde_json::Value)> {
    use serde_json::json;
    let form = |v: serde_json::Value| Some((false, v));
    let as_json = |v: serde_json::Value| Some((true, v));
    match path {
        "/api/account/details" | "/api/teams/mine" | "/api/teams/offers-to-me" | "/api/admin/staff/list" => form(json!({})),
        "/api/account/username" => form(json!({ "email": "ny@elfirma.se" })),
        "/api/account/contact" => form(json!({ "mobile": "0701234567", "street_address": "A 1", "postal_code": "12345", "city": "B" })),
        "/api/account/password" => form(json!({ "current_password": "x", "new_password": "nytt-lösen-123" })),
        "/api/teams/find-company" => form(json!({ "organisationsnummer": "556123-4500" })),
        "/api/teams/create" => form(json!({ "organisationsnummer": "556123-4500", "name": "T", "contact_name": "K", "contact_email": "k@e.se", "contact_phone": "0701234567" })),
        "/api/teams/get" | "/api/teams/delete" | "/api/teams/withdraw-offer" => form(json!({ "team_id": 1 })),
        "/api/teams/add-member" => form(json!({ "team_id": 1, "email": "x@e.se" })),
        "/api/teams/remove-member" | "/api/teams/offer-ownership" => form(json!({ "team_id": 1, "user_id": 1 })),
        "/api/teams/answer-offer" => form(json!({ "offer_id": 1, "accept": true })),
        "/api/cases/create" => form(json!({ "case_type": "byte_av_sakring", "team_id": 1 })),
        "/api/cases/save" => as_json(json!({ "case_id": 1, "values": {} })),
        "/api/cases/get" | "/api/cases/team-choices" => form(json!({ "case_id": 1 })),
        "/api/cases/act" => form(json!({ "case_id": 1, "action": "Submit", "message": "" })),
        "/api/cases/mine" => form(json!({ "state_code": "", "query": "", "page": 0 })),
        "/api/cases/member" => form(json!({ "team_id": 1, "user_id": 1, "page": 0 })),
        "/api/cases/queue" => form(json!({ "part": "InProgress", "page": 0 })),
        "/api/cases/move-to-member" => as_json(json!({ "team_id": 1, "case_ids": [1], "to_user_id": 1 })),
        "/api/cases/change-team" => as_json(json!({ "case_ids": [1], "team_id": 1 })),
        "/api/admin/staff/create" => form(json!({ "email": "ny@natbolaget.se", "name": "Ny", "role": "admin" })),
        "/api/admin/staff/delete" => form(json!({ "user_id": 999 })),
        "/api/admin/audit" => form(json!({ "person": "", "case_number": "", "from": "", "to": "", "page": 0 })),
        "/api/admin/outbox" => form(json!({ "page": 0 })),
        "/api/admin/acting/start" => form(json!({ "number": "19920305-4565" })),
        "/api/admin/acting/stop" => form(json!({})),
        _ => None,
    }
}

async fn call(client: &Client, path: &str, json: bool, args: &serde_json::Value) -> u16 {
    let url = format!("{}{path}", client.base);
    let req = client.http.post(url).header("Accept", "application/json");
    let req = if json {
        req.json(args)
    } else {
        let pairs: Vec<(String, String)> = args
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string())))
            .collect();
        req.form(&pairs)
    };
    req.send().await.unwrap().status().as_u16()
}

fn all_endpoints() -> Vec<String> {
    let mut paths: Vec<String> = leptos::server_fn::axum::server_fn_paths().map(|(p, _)| p.to_string()).collect();
    paths.sort();
    paths
}

// covers: ADM-6
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_endpoint_is_classified_and_guarded() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let anonymous = app.client();
    let installer = app.installer("per@elfirma.se", FREE_PERSONS[0]).await;
    let handler = app.handler("facility").await;
    let (admin, _) = app.admin("chef@natbolaget.se").await;
    let pending_password = server::accounts::generate_password(20);
    server::accounts::create_admin(&app.db, "halv@natbolaget.se", "Halv Inloggad", &pending_password).await.unwrap();
    let pending_admin = app.client();
    pending_admin.login("halv@natbolaget.se", &pending_password).await.assert_ok();

    let endpoints = all_endpoints();
    assert!(endpoints.len() >= 30, "{endpoints:?}");
    let mut unexpected = Vec::new();
    for path in &endpoints {
        if PUBLIC.contains(&path.as_str()) || SECOND_FACTOR.contains(&path.as_str()) {
            continue;
        }
        let Some((json, args)) = sample(path) else {
            unexpected.push(format!("{path}: no sample arguments: classify the new endpoint in tests/api/access.rs"));
            continue;
        };
        for (who, client) in [("anonymous", &anonymous), ("pending admin", &pending_admin)] {
            let status = call(client, path, json, &args).await;
            if status != 401 {
                unexpected.push(format!("{path} as {who}: {status}"));
            }
        }
        if path.starts_with("/api/admin/") {
            for (who, client) in [("installer", &installer), ("handler", &handler)] {
                let status = call(client, path, json, &args).await;
                if status != 403 {
                    unexpected.push(format!("{path} as {who}: {status}, expected 403"));
                }
            }
            let status = call(&admin, path, json, &args).await;
            if !(200..300).contains(&status) && !(path.ends_with("/delete") && status == 404) {
                unexpected.push(format!("{path} as admin: {status}"));
            }
        }
    }
    // The second-factor endpoints give nothing to the anonymous.
    for path in SECOND_FACTOR {
        let status = call(&anonymous, path, false, &serde_json::json!({ "code": "123456" })).await;
        if status != 401 {
            unexpected.push(format!("{path} as anonymous: {status}"));
        }
    }
    assert!(unexpected.is_empty(), "unexpected answers:\n{}", unexpected.join("\n"));
}

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
    "/api/support/status",
    "/api/auth/set-password",
    "/api/auth/forgot-password",
    "/api/auth/verify-email",
    // UX-2: anyone chooses the portal's language (a logged-in person's is kept on the account).
    "/api/language",
];

/// Endpoints that half-logged-in admins use for their second step.
const SECOND_FACTOR: &[&str] =
    &["/api/auth/second-factor/enrol", "/api/auth/second-factor/confirm", "/api/auth/second-factor/verify"];

/// Well-formed arguments for every other endpoint (JSON ones marked).
pub(crate) fn sample(path: &str) -> Option<(bool, serde_json::Value)> {
    use serde_json::json;
    let form = |v: serde_json::Value| Some((false, v));
    let as_json = |v: serde_json::Value| Some((true, v));
    match path {
        "/api/account/details" | "/api/teams/mine" | "/api/teams/offers-to-me" | "/api/admin/staff/list" | "/api/account/resend-verification" => form(json!({})),
        "/api/account/username" => form(json!({ "email": "ny@elfirma.se", "current_password": "x" })),
        "/api/account/contact" => form(json!({ "mobile": "0701234567", "street_address": "A 1", "postal_code": "12345", "city": "B", "current_password": "x" })),
        "/api/account/password" => form(json!({ "current_password": "x", "new_password": "nytt-lösen-123" })),
        "/api/teams/find-company" => form(json!({ "organisationsnummer": "556123-4500" })),
        "/api/teams/create" => form(json!({ "organisationsnummer": "556123-4500", "name": "T", "contact_name": "K", "contact_email": "k@e.se", "contact_phone": "0701234567" })),
        "/api/teams/get" | "/api/teams/delete" | "/api/teams/withdraw-offer" => form(json!({ "team_id": 1 })),
        "/api/teams/add-member" => form(json!({ "team_id": 1, "email": "x@e.se" })),
        "/api/teams/remove-member" | "/api/teams/offer-ownership" => form(json!({ "team_id": 1, "user_id": 1 })),
        "/api/teams/answer-offer" => form(json!({ "offer_id": 1, "accept": true })),
        "/api/cases/create" => form(json!({ "case_type": "byte_av_sakring", "team_id": 1 })),
        "/api/cases/save" => as_json(json!({ "case_id": 1, "values": {} })),
        "/api/cases/save-form" => form(json!({ "case_id": 1, "values[customer_name]": "Kund" })),
        "/api/cases/move-to-member-form" => form(json!({ "team_id": 1, "cases[]": "1:0", "to_user_id": 1 })),
        "/api/cases/change-team-form" => form(json!({ "cases[]": "1:0", "team_id": 1 })),
        "/api/cases/get" | "/api/cases/team-choices" => form(json!({ "case_id": 1 })),
        "/api/cases/act" => form(json!({ "case_id": 1, "action": "Submit", "message": "" })),
        "/api/cases/report-completion" => form(json!({ "case_id": 1, "work_date": "2026-01-01", "inspected": "on" })),
        "/api/cases/remove-attachment" => form(json!({ "case_id": 1, "attachment_id": 1 })),
        "/api/cases/take" => form(json!({ "case_id": 1, "seen_handler": "" })),
        "/api/cases/team" => form(json!({ "team_id": 1 })),
        "/api/teams/update" => form(json!({ "team_id": 1, "name": "T" })),
        "/api/cases/release" => form(json!({ "case_id": 1 })),
        "/api/cases/mine" => form(json!({ "state_code": "", "query": "", "page": 0 })),
        "/api/cases/member" => form(json!({ "team_id": 1, "user_id": 1, "page": 0 })),
        "/api/cases/queue" => form(json!({ "part": "InProgress", "page": 0 })),
        "/api/cases/move-to-member" => as_json(json!({ "team_id": 1, "cases": [{ "id": 1, "version": 0 }], "to_user_id": 1 })),
        "/api/cases/change-team" => as_json(json!({ "cases": [{ "id": 1, "version": 0 }], "team_id": 1 })),
        "/api/admin/staff/create" => form(json!({ "email": "ny@natbolaget.se", "name": "Ny", "role": "admin" })),
        "/api/admin/staff/delete" => form(json!({ "user_id": 999 })),
        "/api/admin/audit" => form(json!({ "person": "", "case_number": "", "from": "", "to": "", "page": 0 })),
        "/api/admin/outbox" => form(json!({ "page": 0 })),
        "/api/admin/outbox/retry" => form(json!({ "id": 1 })),
        "/api/admin/acting/start" => form(json!({ "number": "19920305-4565" })),
        "/api/admin/acting/stop" | "/api/support/mine" => form(json!({})),
        "/api/admin/move/cases" => form(json!({ "number": "19920305-4565", "page": 0 })),
        "/api/admin/users/search" => form(json!({ "query": "elnorr", "page": 0 })),
        "/api/admin/registers/lookup" => form(json!({ "register": "foretag", "key": "556123-4500" })),
        "/api/notifications/list" => form(json!({ "page": 0 })),
        "/api/notifications/unread" => form(json!({})),
        "/api/notifications/read" => form(json!({ "id": 1 })),
        "/api/admin/registers/save" => form(json!({ "register": "foretag", "values[organisationsnummer]": "556123-4500" })),
        "/api/admin/users/get" => form(json!({ "user_id": 1 })),
        "/api/admin/users/cases" => form(json!({ "user_id": 1, "page": 0 })),
        "/api/admin/users/act" => form(json!({ "user_id": 1, "action": "LiftLoginLock" })),
        "/api/admin/move/all-cases" => form(json!({ "number": "19920305-4565" })),
        "/api/admin/move/receiver" => form(json!({ "number": "19920305-4565" })),
        "/api/admin/move/cases-to-installer" => as_json(json!({ "cases": [{ "id": 1, "version": 0 }], "to_user_id": 1, "team_id": null })),
        "/api/admin/support/queue" => form(json!({ "closed": false, "page": 0 })),
        "/api/admin/support/get" | "/api/admin/support/take" => form(json!({ "id": 1 })),
        "/api/admin/support/reject" => form(json!({ "id": 1, "reason": "Nej." })),
        "/api/admin/support/complete" => as_json(json!({ "id": 1, "values": {}, "message": "" })),
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

pub(crate) fn all_endpoints() -> Vec<String> {
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
            // Past the role check: an answer about the arguments, never 401/403.
            let status = call(&admin, path, json, &args).await;
            if status == 401 || status == 403 || status >= 500 {
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

/// The people of the matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Who {
    Anonymous,
    /// An installer with no relation to the team or the case.
    Unrelated,
    /// A member of the team, holder of the case.
    Member,
    /// The team's owner.
    Owner,
    /// A handler of the case's unit.
    Handler,
    Admin,
    /// An admin acting for the member (ADM-2).
    Acting,
}

use Who::*;

const EVERYONE: [Who; 7] = [Anonymous, Unrelated, Member, Owner, Handler, Admin, Acting];
const LOGGED_IN: &[Who] = &[Unrelated, Member, Owner, Handler, Admin, Acting];
const INSTALLERS: &[Who] = &[Unrelated, Member, Owner, Acting];
const ADMINS: &[Who] = &[Admin, Acting];

/// What the matrix calls with: a team with an owner and a member, the
/// member's submitted case, and a support request.
struct World {
    team: i32,
    case: i32,
    member: i32,
    unrelated: i32,
    request: i32,
    owner_personnummer: &'static str,
    member_personnummer: &'static str,
}

/// For every endpoint that needs a login: its arguments (for this caller)
/// and who may use it. Those outside the set must never get a 2xx; those
/// inside must get past authorization (the arguments are chosen so that
/// writes end in a business refusal and leave the world as it was).
fn matrix(path: &str, who: Who, me: i32, w: &World) -> Option<(bool, serde_json::Value, &'static [Who])> {
    use serde_json::json;
    let form = |v: serde_json::Value, allowed: &'static [Who]| Some((false, v, allowed));
    let as_json = |v: serde_json::Value, allowed: &'static [Who]| Some((true, v, allowed));
    let _ = who;
    match path {
        "/api/account/details" | "/api/teams/mine" | "/api/teams/offers-to-me" | "/api/support/mine" | "/api/account/resend-verification" => {
            form(json!({}), LOGGED_IN)
        }
        "/api/account/username" => form(json!({ "email": "inte-en-adress", "current_password": "x" }), LOGGED_IN),
        "/api/account/contact" => form(json!({ "mobile": "x", "street_address": "", "postal_code": "", "city": "" , "current_password": "x" }), LOGGED_IN),
        "/api/account/password" => form(json!({ "current_password": "fel-lösen", "new_password": "nytt-lösen-123" }), LOGGED_IN),
        "/api/teams/find-company" => form(json!({ "organisationsnummer": COMPANY_NORR }), LOGGED_IN),
        "/api/teams/create" => form(
            json!({ "organisationsnummer": COMPANY_NORR, "name": "Nytt", "contact_name": "K", "contact_email": "k@e.se", "contact_phone": "0701234567" }),
            INSTALLERS,
        ),
        "/api/teams/get" => form(json!({ "team_id": w.team }), &[Member, Owner, Admin, Acting]),
        "/api/teams/delete" | "/api/teams/withdraw-offer" => form(json!({ "team_id": w.team }), &[Owner]),
        "/api/teams/add-member" => form(json!({ "team_id": w.team, "email": "okand@elnorr.se" }), &[Owner]),
        "/api/teams/remove-member" => form(json!({ "team_id": w.team, "user_id": w.member }), &[Owner]),
        "/api/teams/offer-ownership" => form(json!({ "team_id": w.team, "user_id": w.unrelated }), &[Owner]),
        "/api/teams/answer-offer" => form(json!({ "offer_id": 999_999, "accept": true }), &[]),
        "/api/cases/create" => form(json!({ "case_type": "byte_av_sakring", "team_id": w.team }), &[Member, Owner, Acting]),
        "/api/cases/get" => form(json!({ "case_id": w.case }), &[Member, Owner, Handler, Admin, Acting]),
        "/api/cases/act" => form(json!({ "case_id": w.case, "action": "Archive", "message": "" }), &[Member, Owner, Handler, Admin, Acting]),
        "/api/cases/save" => as_json(json!({ "case_id": w.case, "values": {} }), &[Member, Acting]),
        // Without a date: the holder gets as far as the form's check (CASE-14).
        "/api/cases/report-completion" => form(json!({ "case_id": w.case }), &[Member, Acting]),
        // The case is submitted: the holder gets as far as the state check (CASE-9).
        "/api/cases/remove-attachment" => form(json!({ "case_id": w.case, "attachment_id": 1 }), &[Member, Acting]),
        "/api/cases/save-form" => form(json!({ "case_id": w.case, "values[customer_name]": "Kund" }), &[Member, Acting]),
        "/api/cases/team-choices" => form(json!({ "case_id": w.case }), &[Member, Acting]),
        "/api/cases/change-team" => as_json(json!({ "cases": [{ "id": w.case, "version": 0 }], "team_id": w.team }), &[Member, Acting]),
        "/api/cases/change-team-form" => form(json!({ "cases[]": format!("{}:0", w.case), "team_id": w.team }), &[Member, Acting]),
        "/api/cases/mine" => form(json!({ "state_code": "", "query": "", "page": 0 }), LOGGED_IN),
        "/api/cases/member" => form(json!({ "team_id": w.team, "user_id": w.member, "page": 0 }), &[Owner, Admin]),
        "/api/cases/queue" => form(json!({ "part": "inkomna", "query": "Kund", "sort": "nyast", "page": 0 }), &[Handler]),
        // A handler naming a colleague no one can be gets as far as that check;
        // releasing a case no one has taken is refused (CASE-12).
        "/api/cases/take" => form(json!({ "case_id": w.case, "seen_handler": "x" }), &[Handler]),
        "/api/cases/team" => form(json!({ "team_id": w.team, "state_code": "", "query": "" }), &[Owner, Admin]),
        // Without a name: the owner gets as far as the form's check.
        "/api/teams/update" => form(json!({ "team_id": w.team, "name": "", "contact_name": "K", "contact_email": "k@e.se", "contact_phone": "0701234567" }), &[Owner]),
        "/api/cases/release" => form(json!({ "case_id": w.case }), &[Handler]),
        "/api/cases/move-to-member" => as_json(json!({ "team_id": w.team, "cases": [{ "id": w.case, "version": 0 }], "to_user_id": w.unrelated }), &[Owner]),
        "/api/cases/move-to-member-form" => form(json!({ "team_id": w.team, "cases[]": format!("{}:0", w.case), "to_user_id": w.unrelated }), &[Owner]),
        "/api/admin/staff/list" | "/api/admin/acting/stop" => form(json!({}), ADMINS),
        "/api/admin/staff/create" => form(json!({ "email": "ny@natbolaget.se", "name": "Ny", "role": "handler_connection" }), ADMINS),
        // An admin may not delete themself; for everyone else it is someone's account.
        "/api/admin/staff/delete" => form(json!({ "user_id": me }), ADMINS),
        "/api/admin/audit" => form(json!({ "person": "", "case_number": "", "from": "", "to": "", "page": 0 }), ADMINS),
        "/api/admin/outbox" => form(json!({ "page": 0 }), ADMINS),
        // The first message there is (an e-mail verification link): tried again, or already sent.
        "/api/admin/outbox/retry" => form(json!({ "id": 1 }), ADMINS),
        "/api/admin/users/search" => form(json!({ "query": "elnorr", "page": 0 }), ADMINS),
        "/api/admin/registers/lookup" => form(json!({ "register": "foretag", "key": "556123-4500" }), ADMINS),
        "/api/notifications/list" => form(json!({ "page": 0 }), LOGGED_IN),
        "/api/notifications/unread" => form(json!({}), LOGGED_IN),
        // Customer service reads along but leaves the installer's news unread.
        "/api/notifications/read" => form(json!({}), &[Unrelated, Member, Owner, Handler, Admin]),
        // Without a name the correction is refused: the register stays as it was.
        "/api/admin/registers/save" => form(json!({ "register": "foretag", "values[organisationsnummer]": "556123-4500" }), ADMINS),
        "/api/admin/users/get" => form(json!({ "user_id": w.member }), ADMINS),
        "/api/admin/users/cases" => form(json!({ "user_id": w.member, "page": 0 }), ADMINS),
        // The member's account is active: reactivating it is refused, nothing changes.
        "/api/admin/users/act" => form(json!({ "user_id": w.member, "action": "Reactivate" }), ADMINS),
        "/api/admin/acting/start" => form(json!({ "number": UNKNOWN_PERSON }), ADMINS),
        "/api/admin/move/cases" => form(json!({ "number": w.member_personnummer, "page": 0 }), ADMINS),
        "/api/admin/move/all-cases" => form(json!({ "number": w.member_personnummer }), ADMINS),
        "/api/admin/move/receiver" => form(json!({ "number": w.owner_personnummer }), ADMINS),
        "/api/admin/move/cases-to-installer" => as_json(json!({ "cases": [{ "id": w.case, "version": 0 }], "to_user_id": w.unrelated, "team_id": null }), ADMINS),
        "/api/admin/support/queue" => form(json!({ "closed": false, "page": 0 }), ADMINS),
        "/api/admin/support/get" | "/api/admin/support/take" => form(json!({ "id": w.request }), ADMINS),
        "/api/admin/support/reject" => form(json!({ "id": w.request, "reason": "" }), ADMINS),
        "/api/admin/support/complete" => as_json(json!({ "id": w.request, "values": {}, "message": "" }), ADMINS),
        _ => None,
    }
}

// covers: ADM-2, ADM-6, TEAM-4, CASE-4, CASE-12
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn role_by_endpoint_matrix_has_no_unexpected_successes() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let owner = app.installer("agare@elnorr.se", FREE_PERSONS[0]).await;
    let team = owner.create_team(COMPANY_NORR, "Norr").await;
    let member = app.installer("medlem@elnorr.se", FREE_PERSONS[1]).await;
    owner.add_member(team, "medlem@elnorr.se").await.assert_ok();
    let case = member.create_case("byte_av_sakring", team).await;
    member.save_case(case, &fuse_change(GSRN)).await.assert_ok();
    member.act(case, "Submit", "").await.assert_ok();
    let unrelated = app.installer("annan@elsthlm.se", FREE_PERSONS[2]).await;
    let handler = app.handler("facility").await;
    let (admin, _) = app.admin("chef@natbolaget.se").await;
    let (acting, _) = app.admin("chef2@natbolaget.se").await;
    const ACT_FOR_MEMBER: &[(&str, &str)] = &[("number", "19690718-5679")];
    let start_acting = || acting.call("admin/acting/start", ACT_FOR_MEMBER);
    start_acting().await.assert_ok();
    let anonymous = app.client();
    let filed = anonymous.file_support("fraga", &[("name", "Kim"), ("email", "kim@example.se"), ("message", "Hej?")], false).await;
    filed.assert_ok();
    let world = World {
        team,
        case,
        member: member.id().await,
        unrelated: unrelated.id().await,
        request: filed.body["id"].as_i64().unwrap() as i32,
        owner_personnummer: FREE_PERSONS[0].0,
        member_personnummer: FREE_PERSONS[1].0,
    };
    let mut ids = std::collections::HashMap::new();
    for (who, client) in [(Unrelated, &unrelated), (Member, &member), (Owner, &owner), (Handler, &handler), (Admin, &admin)] {
        ids.insert(who, client.me().await["id"].as_i64().unwrap() as i32);
    }
    // The acting admin's own id: the real user behind the session.
    let acting_admin_id = {
        use app::server::entities::user;
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
        user::Entity::find().filter(user::Column::Email.eq("chef2@natbolaget.se")).one(&app.db).await.unwrap().unwrap().id
    };
    ids.insert(Acting, acting_admin_id);
    ids.insert(Anonymous, 0);
    let client_of = |who: Who| match who {
        Anonymous => &anonymous,
        Unrelated => &unrelated,
        Member => &member,
        Owner => &owner,
        Handler => &handler,
        Admin => &admin,
        Acting => &acting,
    };

    let mut problems = Vec::new();
    let mut checked = 0;
    for path in all_endpoints() {
        if PUBLIC.contains(&path.as_str()) || SECOND_FACTOR.contains(&path.as_str()) {
            continue;
        }
        for who in EVERYONE {
            let Some((json, args, allowed)) = matrix(&path, who, ids[&who], &world) else {
                problems.push(format!("{path}: not in the matrix; add it to tests/api/access.rs"));
                break;
            };
            let status = call(client_of(who), &path, json, &args).await;
            checked += 1;
            let success = (200..300).contains(&status);
            if allowed.contains(&who) {
                if matches!(status, 401 | 403 | 404) || status >= 500 {
                    problems.push(format!("{path} as {who:?}: {status}, but {who:?} may use it"));
                }
            } else if success {
                problems.push(format!("{path} as {who:?}: {status}, an unexpected success"));
            } else if who == Anonymous && status != 401 {
                problems.push(format!("{path} as anonymous: {status}, expected 401"));
            }
            if path == "/api/admin/acting/stop" && who == Acting {
                start_acting().await.assert_ok();
            }
        }
    }
    assert!(checked > 250, "only {checked} calls");
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
    // The world is as it was: the case still the member's, in the team.
    let view = member.case(case).await;
    assert_eq!(view.body["state"], "Pagaende");
    assert!(member.my_team_ids().await.contains(&(team as i64)));
    assert_eq!(owner.team(team).await.body["members"].as_array().map(Vec::len), Some(1));
}

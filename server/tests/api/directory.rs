//! ADM-7: the user directory — finding accounts, deactivating and
//! reactivating them, password links and login locks, each audited.
use crate::common::*;
use app::server::entities::{audit_log, outbox};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn found(admin: &Client, query: &str) -> Vec<String> {
    let a = admin.call("admin/users/search", &[("query", query), ("page", "0")]).await;
    a.assert_ok();
    let mut emails: Vec<String> = a.body["rows"].as_array().unwrap().iter().map(|r| r["email"].as_str().unwrap().to_string()).collect();
    emails.sort();
    emails
}

async fn audited(app: &TestApp, action: &str, user_id: i64) -> u64 {
    audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(action))
        .filter(audit_log::Column::Subject.eq(format!("user:{user_id}")))
        .count(&app.db)
        .await
        .unwrap()
}

async fn user_id(admin: &Client, email: &str) -> i64 {
    let a = admin.call("admin/users/search", &[("query", email), ("page", "0")]).await;
    a.body["rows"][0]["user_id"].as_i64().unwrap_or_else(|| panic!("{email}: {}", a.text))
}

// covers: ADM-7
on_both_databases!(admins_find_accounts_by_name_number_email_company_and_team, |app: TestApp| async move {
    let owner = app.installer("agare@elnorr.se", FREE_PERSONS[0]).await;
    let team = owner.create_team(COMPANY_NORR, "Norrteamet").await;
    app.installer("medlem@elnorr.se", FREE_PERSONS[1]).await;
    owner.add_member(team, "medlem@elnorr.se").await.assert_ok();
    let other = app.installer("annan@elsthlm.se", FREE_PERSONS[3]).await;
    other.create_team(COMPANY_STOCKHOLM, "Söderteamet").await;
    let (admin, _) = app.admin("chef@natbolaget.se").await;

    assert_eq!(found(&admin, FREE_PERSONS[1].0).await, ["medlem@elnorr.se"], "by personnummer");
    assert_eq!(found(&admin, "196907185679").await, ["medlem@elnorr.se"], "by personnummer without the hyphen");
    assert_eq!(found(&admin, COMPANY_NORR).await, ["agare@elnorr.se", "medlem@elnorr.se"], "by the company's teams");
    assert_eq!(found(&admin, "norrteam").await, ["agare@elnorr.se", "medlem@elnorr.se"], "by team name");
    assert_eq!(found(&admin, "ELSTHLM").await, ["annan@elsthlm.se"], "by part of the e-mail");
    assert_eq!(found(&admin, "lena åb").await, ["annan@elsthlm.se"], "by part of the name, å folded");
    assert_eq!(found(&admin, "ÅBERG").await, ["annan@elsthlm.se"]);
    assert!(found(&admin, "ingen sådan").await.is_empty());
    // Wildcards are plain text.
    admin.call("admin/users/search", &[("query", "%%"), ("page", "0")]).await.assert_field_error(422, "query");
    admin.call("admin/users/search", &[("query", " "), ("page", "0")]).await.assert_field_error(422, "query");
    admin.call("admin/users/search", &[("query", &"x".repeat(101)), ("page", "0")]).await.assert_field_error(422, "query");

    // The profile: teams with the owner's role, login state.
    let member_id = user_id(&admin, "medlem@elnorr.se").await;
    let profile = admin.call("admin/users/get", &[("user_id", &member_id.to_string())]).await;
    profile.assert_ok();
    assert_eq!(profile.body["row"]["name"], "Karin Ek");
    assert_eq!(profile.body["teams"][0]["name"], "Norrteamet");
    assert_eq!(profile.body["teams"][0]["owner"], false);
    assert_eq!(profile.body["login_locked"], false);
    assert_eq!(admin.call("admin/users/get", &[("user_id", "999999")]).await.status, 404);

    // Only admins.
    assert_eq!(owner.call("admin/users/search", &[("query", "elnorr"), ("page", "0")]).await.status, 403);
    assert_eq!(owner.call("admin/users/get", &[("user_id", &member_id.to_string())]).await.status, 403);
    let id = member_id.to_string();
    assert_eq!(owner.call("admin/users/act", &[("user_id", id.as_str()), ("action", "Deactivate")]).await.status, 403);
    assert_eq!(app.client().call("admin/users/search", &[("query", "elnorr"), ("page", "0")]).await.status, 401);
});

// covers: ADM-7
on_both_databases!(a_deactivated_account_cannot_log_in_and_keeps_its_cases, |app: TestApp| async move {
    let (owner, team) = installer_with_team(&app).await;
    let case = owner.create_case("byte_av_sakring", team).await;
    let (admin, _) = app.admin("chef@natbolaget.se").await;
    let owner_id = user_id(&admin, "agare@elnorr.se").await;
    let id = owner_id.to_string();
    let act = |action: &'static str| {
        let id = id.clone();
        let admin = &admin;
        async move { admin.call("admin/users/act", &[("user_id", id.as_str()), ("action", action)]).await }
    };

    act("Deactivate").await.assert_ok();
    assert_eq!(audited(&app, "account.deactivated", owner_id).await, 1);
    // The open session is over, and logging in again is refused — said only to whoever knows the password.
    assert_eq!(owner.call("cases/mine", &[("state_code", ""), ("query", ""), ("page", "0")]).await.status, 401);
    let again = app.client();
    let refused = again.login("agare@elnorr.se", PASSWORD).await;
    assert_eq!(refused.status, 403, "{}", refused.text);
    assert_eq!(refused.error(), app::error::AppError::Deactivated);
    assert!(refused.error().to_string().contains("inaktiverat"));
    assert_eq!(again.login("agare@elnorr.se", "fel-lösenord-1").await.status, 401);
    // No password link for it, the same answer as ever.
    again.call("auth/forgot-password", &[("email", "agare@elnorr.se")]).await;
    let links = outbox::Entity::find().filter(outbox::Column::ToEmail.eq("agare@elnorr.se")).filter(outbox::Column::Subject.contains("lösenord")).count(&app.db).await.unwrap();
    assert_eq!(links, 0);
    act("SendPasswordLink").await.assert_field_error(409, "user_id");
    // Twice is refused, with a reason.
    act("Deactivate").await.assert_field_error(409, "user_id");
    // Its case stays where it was, and the admin sees it.
    let cases = admin.call("admin/users/cases", &[("user_id", id.as_str()), ("page", "0")]).await;
    cases.assert_ok();
    assert_eq!(cases.body["total"], 1);
    assert_eq!(cases.body["rows"][0]["id"].as_i64(), Some(case as i64));
    let profile = admin.call("admin/users/get", &[("user_id", id.as_str())]).await;
    assert_eq!(profile.body["row"]["deactivated"], true);
    // Nobody acts for it.
    let acting = admin.call("admin/acting/start", &[("number", FREE_PERSONS[0].0)]).await;
    acting.assert_field_error(422, "number");

    act("Reactivate").await.assert_ok();
    assert_eq!(audited(&app, "account.reactivated", owner_id).await, 1);
    again.login("agare@elnorr.se", PASSWORD).await.assert_ok();
    assert_eq!(again.call("cases/mine", &[("state_code", ""), ("query", ""), ("page", "0")]).await.body["total"], 1);

    // An admin cannot deactivate themself.
    let me = user_id(&admin, "chef@natbolaget.se").await.to_string();
    admin.call("admin/users/act", &[("user_id", me.as_str()), ("action", "Deactivate")]).await.assert_field_error(409, "user_id");
});

// covers: ADM-7
on_both_databases!(an_admin_lifts_a_login_lock_and_sends_a_password_link, |app: TestApp| async move {
    let (owner, _) = installer_with_team(&app).await;
    let _ = owner;
    let (admin, _) = app.admin("chef@natbolaget.se").await;
    let owner_id = user_id(&admin, "agare@elnorr.se").await;
    let id = owner_id.to_string();
    let stranger = app.client();
    for _ in 0..6 {
        let _ = stranger.login("agare@elnorr.se", "gissat-lösenord").await;
    }
    let profile = admin.call("admin/users/get", &[("user_id", id.as_str())]).await;
    assert_eq!(profile.body["login_locked"], true, "{}", profile.text);
    assert!(profile.body["recent_login_failures"].as_u64().unwrap() >= 5);

    admin.call("admin/users/act", &[("user_id", id.as_str()), ("action", "LiftLoginLock")]).await.assert_ok();
    let profile = admin.call("admin/users/get", &[("user_id", id.as_str())]).await;
    assert_eq!(profile.body["login_locked"], false);
    assert_eq!(profile.body["recent_login_failures"], 0);
    assert_eq!(audited(&app, "account.login_lock_lifted", owner_id).await, 1);
    // A new device logs in straight away.
    app.client().login("agare@elnorr.se", PASSWORD).await.assert_ok();

    admin.call("admin/users/act", &[("user_id", id.as_str()), ("action", "SendPasswordLink")]).await.assert_ok();
    let mail = outbox::Entity::find()
        .filter(outbox::Column::ToEmail.eq("agare@elnorr.se"))
        .filter(outbox::Column::Subject.contains("nytt lösenord"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("a link by e-mail");
    assert!(mail.body.contains("/valj-losenord?kod="), "{}", mail.body);
    assert_eq!(audited(&app, "account.password_link_sent", owner_id).await, 1);
    // The profile lists what was done, newest first.
    let log = admin.call("admin/audit", &[("person", "agare@elnorr.se"), ("case_number", ""), ("from", ""), ("to", ""), ("page", "0")]).await;
    assert_eq!(log.body["rows"][0]["action"], "account.password_link_sent", "{}", log.text);
});

//! ADM-1, ADM-5, CASE-11: staff accounts, the audit log and the outbox, for admins only.
use crate::common::*;

// covers: ADM-1
on_both_databases!(admins_create_admins_and_handlers, |app: TestApp| async move {
    let (admin, _) = app.admin("chef@natbolaget.se").await;
    let created = admin
        .call("admin/staff/create", &[("email", "Hanna@Natbolaget.se"), ("name", "Hanna Handläggare"), ("role", "handler_connection")])
        .await;
    created.assert_ok();
    assert_eq!(created.body["member"]["email"], "hanna@natbolaget.se");
    // The creating admin sees no secret; the new person gets a one-time link and chooses a password.
    assert!(!created.text.contains("password"), "{}", created.text);
    use app::server::entities::outbox;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let mail = outbox::Entity::find().filter(outbox::Column::ToEmail.eq("hanna@natbolaget.se")).one(&app.db).await.unwrap().expect("a link by e-mail");
    let start = mail.body.find("kod=").unwrap() + 4;
    let code: String = mail.body[start..].chars().take_while(|c| c.is_ascii_hexdigit()).collect();
    let chosen = "eget-starkt-lösen-42";
    app.client()
        .call("auth/set-password", &[("code", code.as_str()), ("password", chosen), ("terms_version", app::domain::TERMS_VERSION)])
        .await
        .assert_ok();
    // The handler logs in with it (no second factor for handlers) and sees the queue.
    let hanna = app.client();
    hanna.login("hanna@natbolaget.se", chosen).await.assert_ok();
    hanna.call("cases/queue", &[("part", "InProgress"), ("page", "0")]).await.assert_ok();

    admin.call("admin/staff/create", &[("email", "hanna@natbolaget.se"), ("name", "X"), ("role", "admin")]).await.assert_field_error(409, "email");
    let bad = admin.call("admin/staff/create", &[("email", "x"), ("name", ""), ("role", "installer")]).await;
    for field in ["email", "name", "role"] {
        bad.assert_field_error(422, field);
    }
    let second = admin.call("admin/staff/create", &[("email", "chef2@natbolaget.se"), ("name", "Chef Två"), ("role", "admin")]).await;
    second.assert_ok();
    let list = admin.call("admin/staff/list", &[]).await;
    assert_eq!(list.body.as_array().unwrap().len(), 3);

    // Never oneself; never the last admin.
    let me = admin.me().await["id"].as_i64().unwrap().to_string();
    admin.call("admin/staff/delete", &[("user_id", &me)]).await.assert_field_error(409, "user_id");
    let second_id = second.body["member"]["user_id"].as_i64().unwrap().to_string();
    admin.call("admin/staff/delete", &[("user_id", &second_id)]).await.assert_ok();
    let (other_admin, _) = app.admin("chef3@natbolaget.se").await;
    other_admin.call("admin/staff/delete", &[("user_id", &me)]).await.assert_ok();
    let other_id = other_admin.me().await["id"].as_i64().unwrap().to_string();
    // chef3 is now the last admin and cannot remove themselves or be removed.
    other_admin.call("admin/staff/delete", &[("user_id", &other_id)]).await.assert_field_error(409, "user_id");
    // Installers are not staff to delete.
    let installer = app.installer("per@elfirma.se", FREE_PERSONS[0]).await;
    let installer_id = installer.id().await.to_string();
    assert_eq!(other_admin.call("admin/staff/delete", &[("user_id", &installer_id)]).await.status, 404);
});

// covers: ADM-5
on_both_databases!(the_audit_log_is_searchable, |app: TestApp| async move {
    let owner = app.installer("agare@elnorr.se", FREE_PERSONS[0]).await;
    app.installer("medlem@elnorr.se", FREE_PERSONS[1]).await;
    let team = owner.create_team(COMPANY_NORR, "Norr").await;
    owner.add_member(team, "medlem@elnorr.se").await.assert_ok();
    let (admin, _) = app.admin("chef@natbolaget.se").await;
    let search = |person: &str, team: &str| {
        let (p, t) = (person.to_string(), team.to_string());
        let admin = &admin;
        async move {
            let mut form = vec![("person", p.as_str()), ("case_number", ""), ("from", ""), ("to", ""), ("page", "0")];
            if !t.is_empty() {
                form.push(("team_id", t.as_str()));
            }
            admin.call("admin/audit", &form).await
        }
    };
    let by_team = search("", &team.to_string()).await;
    by_team.assert_ok();
    let actions: Vec<&str> = by_team.body["rows"].as_array().unwrap().iter().map(|r| r["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["team.member_added", "team.created"], "newest first");
    let by_person = search("medlem@elnorr.se", "").await;
    assert!(by_person.body["rows"].as_array().unwrap().iter().any(|r| r["action"] == "account.registered"));
    assert!(by_person.body["rows"].as_array().unwrap().iter().all(|r| r["action"] != "team.created"));
    search("inte-en-adress", "").await.assert_field_error(422, "person");
    let future = admin.call("admin/audit", &[("person", ""), ("case_number", ""), ("from", "2999-01-01"), ("to", ""), ("page", "0")]).await;
    assert_eq!(future.body["total"], 0);
    let bad_date = admin.call("admin/audit", &[("person", ""), ("case_number", ""), ("from", "igår"), ("to", ""), ("page", "0")]).await;
    bad_date.assert_field_error(422, "from");
    // Details read as words; the action has its name.
    let added = &by_team.body["rows"][0];
    assert_eq!(added["action_label"], "Medlem tillagd");
    assert!(added["details_text"].as_str().unwrap().contains("användare: "), "{added}");
    admin.call("admin/audit", &[("team_id", "Norr")]).await.assert_field_error(422, "team_id");
    admin.call("admin/audit", &[("from", "2026-02-02"), ("to", "2026-02-01")]).await.assert_field_error(422, "to");
});

// covers: ADM-5
on_both_databases!(a_search_of_the_audit_log_is_exported_as_csv, |app: TestApp| async move {
    let owner = app.installer("agare@elnorr.se", FREE_PERSONS[0]).await;
    let team = owner.create_team(COMPANY_NORR, "=Norr;\"AB\"").await;
    let (admin, _) = app.admin("chef@natbolaget.se").await;
    let export = |who: &Client, form: Vec<(&'static str, String)>| {
        let request = who.http.post(format!("{}/api/admin/audit.csv", who.base)).header("Origin", who.base.clone()).form(&form);
        async move { request.send().await.unwrap() }
    };
    let answer = export(&admin, vec![("team_id", team.to_string())]).await;
    assert_eq!(answer.status(), 200);
    assert!(answer.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    assert!(answer.headers()["content-disposition"].to_str().unwrap().contains("granskningslogg.csv"));
    let text = answer.text().await.unwrap();
    let lines: Vec<&str> = text.trim_end().split("\r\n").collect();
    assert_eq!(lines[0], "\u{feff}Tid;Vem;Händelse;Kod;Gäller;Detaljer");
    assert_eq!(lines.len(), 2, "{text}");
    assert!(lines[1].contains(";Team skapat;team.created;"), "{}", lines[1]);
    // The team's name arrives quoted, never as a formula.
    assert!(lines[1].contains("namn: =Norr;\"\"AB\"\""), "{}", lines[1]);
    // The export itself is audited.
    let exported = admin.call("admin/audit", &[("person", "chef@natbolaget.se")]).await;
    assert!(exported.body["rows"].as_array().unwrap().iter().any(|r| r["action"] == "audit.exported"));
    // Only admins export; a bad field is named.
    assert_eq!(export(&owner, vec![]).await.status(), 403);
    assert_eq!(export(&app.client(), vec![]).await.status(), 401);
    assert_eq!(export(&admin, vec![("from", "igår".into())]).await.status(), 422);
});

// covers: CASE-11
on_both_databases!(admins_see_the_outbox, |app: TestApp| async move {
    let owner = app.installer("agare@elnorr.se", FREE_PERSONS[0]).await;
    let team = owner.create_team(COMPANY_NORR, "Norr").await;
    let handler = app.handler("facility").await;
    let id = owner.create_case("byte_av_sakring", team).await;
    owner.save_case(id, &fuse_change(GSRN)).await.assert_ok();
    owner.act(id, "Submit", "").await.assert_ok();
    handler.act(id, "RequestSupplement", "Foto, tack.").await.assert_ok();
    let (admin, _) = app.admin("chef@natbolaget.se").await;
    let outbox = admin.call("admin/outbox", &[("page", "0")]).await;
    outbox.assert_ok();
    let rows = outbox.body[0].as_array().unwrap();
    assert!(rows.iter().any(|r| r["to"] == "agare@elnorr.se" && r["sent_at"].is_null()));
});

//! ACC-5, ACC-6, ACC-7 and TEAM-8 over HTTP: support requests from filing to
//! completion or rejection, the accounts and teams completion creates, the
//! e-mailed link that sets a manual account's password, and direct creation.
use crate::common::*;
use app::server::entities::{audit_log, document, outbox, team, user};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder};

const FOREIGN: &[(&str, &str)] = &[
    ("name", "Mads Nielsen"),
    ("email", "mads@elektro.dk"),
    ("mobile", "+45 20 12 34 56"),
    ("authorization_number", "dk-el-7781"),
];

/// The secret in the last e-mail to `to` that carries `marker` (a link's query or path).
async fn secret_in_mail(app: &TestApp, to: &str, marker: &str) -> String {
    let mail = outbox::Entity::find()
        .filter(outbox::Column::ToEmail.eq(to))
        .filter(outbox::Column::Body.contains(marker))
        .order_by_desc(outbox::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no mail to {to} with {marker}"));
    let start = mail.body.find(marker).unwrap() + marker.len();
    mail.body[start..].chars().take_while(|c| c.is_ascii_hexdigit()).collect()
}

async fn audit_count(app: &TestApp, action: &str) -> u64 {
    audit_log::Entity::find().filter(audit_log::Column::Action.eq(action)).count(&app.db).await.unwrap()
}

// covers: ACC-5, ACC-7
on_both_databases!(a_foreign_installer_asks_for_an_account_and_gets_one, |app: TestApp| async move {
    let public = app.client();
    // The certificate is required, and every field is checked.
    let missing = public.file_support("utlandsk_installator", FOREIGN, false).await;
    assert!(missing.assert_field_error(422, "file").contains("intyg"), "{}", missing.text);
    let wrong = public.file_support("utlandsk_installator", &[("name", "Mads"), ("email", "mads"), ("mobile", "+4520123456")], true).await;
    assert_eq!(wrong.status, 422);
    assert!(wrong.error().field_message("authorization_number").is_some());
    assert!(wrong.error().field_message("email").is_some());

    let filed = public.file_support("utlandsk_installator", FOREIGN, true).await;
    filed.assert_ok();
    let request_id = filed.body["id"].as_i64().unwrap() as i32;
    let status_path = filed.body["status_path"].as_str().unwrap().to_string();
    let code = status_path.rsplit('/').next().unwrap().to_string();
    // The requester follows it by the link (also e-mailed), without logging in.
    assert_eq!(secret_in_mail(&app, "mads@elektro.dk", "/support/status/").await, code);
    let status = public.call("support/status", &[("code", &code)]).await;
    status.assert_ok();
    assert_eq!(status.body["status"], "Open");
    assert_eq!(public.call("support/status", &[("code", "0000")]).await.status, 404);

    // Admins see it in the queue with the certificate.
    let (admin, _) = app.admin("chef@natbolaget.se").await;
    let queue = admin.call("admin/support/queue", &[("closed", "false"), ("page", "0")]).await;
    queue.assert_ok();
    assert_eq!(queue.body["rows"][0]["id"].as_i64(), Some(request_id as i64));
    let details = admin.call("admin/support/get", &[("id", &request_id.to_string())]).await;
    details.assert_ok();
    assert_eq!(details.body["values"]["authorization_number"], "DK-EL-7781");
    let doc_url = details.body["documents"][0]["url"].as_str().unwrap().to_string();
    let doc = admin.get_page(&doc_url).await;
    assert_eq!(doc.status().as_u16(), 200);
    assert!(doc.bytes().await.unwrap().starts_with(b"%PDF"));
    // Nobody else reads the documents.
    assert_eq!(public.get_page(&doc_url).await.status().as_u16(), 401);
    let installer = app.installer("per@elfirma.se", FREE_PERSONS[0]).await;
    assert_eq!(installer.get_page(&doc_url).await.status().as_u16(), 403);

    admin.call("admin/support/take", &[("id", &request_id.to_string())]).await.assert_ok();
    assert_eq!(public.call("support/status", &[("code", &code)]).await.body["status"], "InProgress");

    // Completion checks the authorization number in the register.
    let mut values: serde_json::Map<String, serde_json::Value> =
        FOREIGN.iter().map(|(k, v)| (k.to_string(), serde_json::Value::String(v.to_string()))).collect();
    values.insert("authorization_number".into(), "XX-0000".into());
    let refused = admin.call_json("admin/support/complete", serde_json::json!({ "id": request_id, "values": values, "message": "" })).await;
    assert!(refused.assert_field_error(422, "authorization_number").contains("register"), "{}", refused.text);
    values.insert("authorization_number".into(), "DK-EL-7781".into());
    let done = admin.call_json("admin/support/complete", serde_json::json!({ "id": request_id, "values": values, "message": "" })).await;
    done.assert_ok();
    let user_id: i32 = done.body.as_str().unwrap().strip_prefix("user:").unwrap().parse().unwrap();
    let account = user::Entity::find_by_id(user_id).one(&app.db).await.unwrap().unwrap();
    assert_eq!(account.authorization_number.as_deref(), Some("DK-EL-7781"));
    assert_eq!(account.personnummer, None);
    assert_eq!(account.role, app::domain::Role::Installer);
    // The certificate now belongs to the account too.
    let docs = document::Entity::find().filter(document::Column::UserId.eq(user_id)).count(&app.db).await.unwrap();
    assert_eq!(docs, 1);
    let closed = public.call("support/status", &[("code", &code)]).await;
    assert_eq!(closed.body["status"], "Completed");
    // A closed request cannot be completed twice.
    let again = admin.call_json("admin/support/complete", serde_json::json!({ "id": request_id, "values": values, "message": "" })).await;
    assert_eq!(again.status, 409);

    // No password until the installer sets one with the e-mailed link, once.
    let newcomer = app.client();
    assert_eq!(newcomer.login("mads@elektro.dk", PASSWORD).await.status, 401);
    let secret = secret_in_mail(&app, "mads@elektro.dk", "/valj-losenord?kod=").await;
    newcomer
        .call("auth/set-password", &[("code", &secret), ("password", PASSWORD), ("terms_version", "")])
        .await
        .assert_field_error(422, "terms_version");
    let set = newcomer
        .call("auth/set-password", &[("code", &secret), ("password", PASSWORD), ("terms_version", app::domain::TERMS_VERSION)])
        .await;
    set.assert_ok();
    assert_eq!(set.body, "mads@elektro.dk");
    let reused = newcomer
        .call("auth/set-password", &[("code", &secret), ("password", "ett-annat-lösen-9"), ("terms_version", app::domain::TERMS_VERSION)])
        .await;
    reused.assert_field_error(422, "code");
    newcomer.login("mads@elektro.dk", PASSWORD).await.assert_ok();
    // ADM-2: admins find the foreign installer by authorization number.
    admin.call("admin/acting/start", &[("number", "DK-EL-7781")]).await.assert_ok();
    assert_eq!(admin.me().await["email"], "mads@elektro.dk");
    assert_eq!(audit_count(&app, "account.created_manually").await, 1);
    assert_eq!(audit_count(&app, "support.completed").await, 1);
});

// covers: ACC-6
on_both_databases!(an_installer_without_a_company_gets_an_account_and_a_team, |app: TestApp| async move {
    let (admin, _) = app.admin("chef@natbolaget.se").await;
    let fields = [
        ("name", "Ingrid Haugen"),
        ("email", "ingrid@haugen.no"),
        ("mobile", "+47 912 34 567"),
        ("authorization_number", "NO-EL-5520"),
        ("team_name", ""),
    ];
    // Directly, from papers sent another way: the statement of authorization is required.
    admin.create_manually("installator_utan_foretag", &fields, false).await.assert_field_error(422, "file");
    let created = admin.create_manually("installator_utan_foretag", &fields, true).await;
    created.assert_ok();
    let team_id = created.body["team_id"].as_i64().unwrap() as i32;
    let user_id = created.body["user_id"].as_i64().unwrap() as i32;
    let t = team::Entity::find_by_id(team_id).one(&app.db).await.unwrap().unwrap();
    assert_eq!(t.owner_user_id, user_id);
    assert_eq!(t.name, "Ingrid Haugen");
    assert!(t.manually_approved);
    let docs = document::Entity::find().filter(document::Column::UserId.eq(user_id)).one(&app.db).await.unwrap().unwrap();
    assert_eq!(docs.kind.code(), "behorighetsintyg");
    assert_eq!(docs.team_id, Some(team_id));
    // The same authorization number cannot get a second account.
    let twice = admin
        .create_manually(
            "installator_utan_foretag",
            &[("name", "Ingrid Haugen"), ("email", "annan@haugen.no"), ("mobile", "+47 912 34 567"), ("authorization_number", "NO-EL-5520")],
            true,
        )
        .await;
    assert!(twice.assert_field_error(422, "authorization_number").contains("redan"), "{}", twice.text);
    // Only admins create.
    let installer = app.installer("per@elfirma.se", FREE_PERSONS[0]).await;
    assert_eq!(installer.create_manually("installator_utan_foretag", &fields, true).await.status, 403);
    assert_eq!(app.client().create_manually("installator_utan_foretag", &fields, true).await.status, 401);

    // After choosing a password, the installer has their team and can start a case in it.
    let secret = secret_in_mail(&app, "ingrid@haugen.no", "/valj-losenord?kod=").await;
    let ingrid = app.client();
    ingrid
        .call("auth/set-password", &[("code", &secret), ("password", PASSWORD), ("terms_version", app::domain::TERMS_VERSION)])
        .await
        .assert_ok();
    ingrid.login("ingrid@haugen.no", PASSWORD).await.assert_ok();
    assert_eq!(ingrid.my_team_ids().await, vec![team_id as i64]);
    ingrid.create_case("byte_av_sakring", team_id).await;
    assert_eq!(audit_count(&app, "team.created_manually").await, 1);
});

// covers: TEAM-8, ACC-7
on_both_databases!(a_municipality_team_is_requested_by_an_installer_and_created, |app: TestApp| async move {
    let owner = app.installer("el@elstad.se", FREE_PERSONS[0]).await;
    let owner_id = owner.id().await;
    let fields = [
        ("owner_email", "el@elstad.se"),
        ("organisation_name", "Elstads kommun"),
        ("organisationsnummer", "212000-0142"),
        ("team_name", "Elstads fastighetsel"),
        ("contact_name", "Johan Berg"),
        ("contact_email", "fastighet@elstad.se"),
        ("contact_phone", "0701234567"),
    ];
    // Logged in, the asker's name and e-mail come from the account.
    let filed = owner.file_support("kommun_team", &fields, true).await;
    filed.assert_ok();
    let id = filed.body["id"].as_i64().unwrap() as i32;
    let mine = owner.call("support/mine", &[]).await;
    mine.assert_ok();
    assert_eq!(mine.body[0]["id"].as_i64(), Some(id as i64));
    assert_eq!(mine.body[0]["status"], "Open");

    let (admin, _) = app.admin("chef@natbolaget.se").await;
    let details = admin.call("admin/support/get", &[("id", &id.to_string())]).await;
    assert_eq!(details.body["row"]["requester_email"], "el@elstad.se");
    assert_eq!(details.body["from_account"], true);
    // The organisation number must parse, and the owner must have an account.
    let mut values: serde_json::Map<String, serde_json::Value> =
        fields.iter().map(|(k, v)| (k.to_string(), serde_json::Value::String(v.to_string()))).collect();
    values.insert("organisationsnummer".into(), "212000-0143".into());
    let bad = admin.call_json("admin/support/complete", serde_json::json!({ "id": id, "values": values, "message": "" })).await;
    bad.assert_field_error(422, "organisationsnummer");
    values.insert("organisationsnummer".into(), "212000-0142".into());
    values.insert("owner_email".into(), "okand@elstad.se".into());
    let no_owner = admin.call_json("admin/support/complete", serde_json::json!({ "id": id, "values": values, "message": "" })).await;
    assert!(no_owner.assert_field_error(422, "owner_email").contains("konto"), "{}", no_owner.text);
    values.insert("owner_email".into(), "el@elstad.se".into());
    let done = admin.call_json("admin/support/complete", serde_json::json!({ "id": id, "values": values, "message": "" })).await;
    done.assert_ok();
    let team_id: i32 = done.body.as_str().unwrap().strip_prefix("team:").unwrap().parse().unwrap();

    // The owner sees the team, marked as manually approved.
    assert!(owner.my_team_ids().await.contains(&(team_id as i64)));
    let view = owner.team(team_id).await;
    view.assert_ok();
    assert_eq!(view.body["manually_approved"], true);
    assert_eq!(view.body["name"], "Elstads fastighetsel");
    let t = team::Entity::find_by_id(team_id).one(&app.db).await.unwrap().unwrap();
    assert_eq!((t.owner_user_id, t.organisationsnummer.as_str()), (owner_id, "2120000142"));
    assert_eq!(owner.call("support/mine", &[]).await.body[0]["status"], "Completed");
});

// covers: ACC-7
on_both_databases!(a_request_is_rejected_with_a_reason_the_requester_sees, |app: TestApp| async move {
    let public = app.client();
    let question = [("name", "Kim Kund"), ("email", "kim@example.se"), ("message", "Hur byter jag teamägare?")];
    let filed = public.file_support("fraga", &question, false).await;
    filed.assert_ok();
    let id = filed.body["id"].as_i64().unwrap().to_string();
    let code = filed.body["status_path"].as_str().unwrap().rsplit('/').next().unwrap().to_string();
    let (admin, _) = app.admin("chef@natbolaget.se").await;
    admin.call("admin/support/reject", &[("id", &id), ("reason", "  ")]).await.assert_field_error(422, "reason");
    admin.call("admin/support/reject", &[("id", &id), ("reason", "Dubblett av ett tidigare ärende.")]).await.assert_ok();
    let status = public.call("support/status", &[("code", &code)]).await;
    assert_eq!(status.body["status"], "Rejected");
    assert_eq!(status.body["decision_message"], "Dubblett av ett tidigare ärende.");
    assert_eq!(admin.call("admin/support/take", &[("id", &id)]).await.status, 409);
    // ADM-5: filed, rejected, each in the audit log.
    assert_eq!(audit_count(&app, "support.filed").await, 1);
    assert_eq!(audit_count(&app, "support.rejected").await, 1);
    // The requester was told by e-mail.
    let told = outbox::Entity::find()
        .filter(outbox::Column::ToEmail.eq("kim@example.se"))
        .filter(outbox::Column::Body.contains("Dubblett"))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(told, 1);
    // A question is answered rather than creating anything.
    let second = public.file_support("fraga", &question, false).await;
    let second_id = second.body["id"].as_i64().unwrap() as i32;
    let no_answer = admin.call_json("admin/support/complete", serde_json::json!({ "id": second_id, "values": {}, "message": "" })).await;
    no_answer.assert_field_error(422, "message");
    admin
        .call_json("admin/support/complete", serde_json::json!({ "id": second_id, "values": {}, "message": "Se avsnittet om teamägare." }))
        .await
        .assert_ok();
    // A flood from one address stops at the limit of open requests.
    for _ in 0..app::server::support::MAX_OPEN_PER_REQUESTER {
        public.file_support("fraga", &question, false).await.assert_ok();
    }
    assert_eq!(public.file_support("fraga", &question, false).await.status, 409);
    // Installers and handlers do not work the queue.
    let handler = app.handler("connection").await;
    assert_eq!(handler.call("admin/support/queue", &[("closed", "false"), ("page", "0")]).await.status, 403);
    assert_eq!(handler.file_support("fraga", &question, false).await.status, 403);
});

// covers: ACC-7
on_both_databases!(the_public_form_is_limited_per_network_address, |app: TestApp| async move {
    let public = app.client();
    for i in 0..app::server::support::MAX_PER_ADDRESS_PER_HOUR {
        let email = format!("kund{i}@example.se");
        public.file_support("fraga", &[("name", "Kund"), ("email", &email), ("message", "Hej?")], false).await.assert_ok();
    }
    let refused = public.file_support("fraga", &[("name", "Kund"), ("email", "ny@example.se"), ("message", "Hej?")], false).await;
    assert_eq!(refused.status, 429);
    assert!(refused.text.contains("anslutning"), "{}", refused.text);
});

// The confirmation goes to an address nobody has verified: it carries none of
// the sender's words, so the form cannot mail a stranger's text from our sender.
// covers: ACC-7
on_both_databases!(the_confirmation_carries_nothing_the_sender_typed, |app: TestApp| async move {
    let public = app.client();
    let bait = "Klicka på http://bedrägeri.example nu";
    public
        .file_support("fraga", &[("name", bait), ("email", "offer@example.se"), ("message", bait)], false)
        .await
        .assert_ok();
    let mails = outbox::Entity::find().filter(outbox::Column::ToEmail.eq("offer@example.se")).all(&app.db).await.unwrap();
    assert_eq!(mails.len(), 1);
    assert!(!mails[0].body.contains("bedrägeri") && !mails[0].subject.contains("bedrägeri"), "{}", mails[0].body);
    assert!(mails[0].body.contains("/support/status/"), "the status link is there");
});

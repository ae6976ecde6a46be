//! UX-2: Swedish by default, English by choice — remembered in the browser
//! (a cookie) and on the account, rendered by the server in the chosen
//! language from the first byte.
use crate::common::*;

async fn page(c: &Client, path: &str) -> String {
    let res = c.get_page(path).await;
    assert_eq!(res.status(), 200, "GET {path}");
    res.text().await.unwrap()
}

// covers: UX-2
on_both_databases!(swedish_by_default_english_offered_to_a_browser_that_prefers_it, |app: TestApp| async move {
    let c = app.client();
    let swedish = page(&c, "/logga-in").await;
    assert!(swedish.contains(r#"<html lang="sv""#), "Swedish is the default");
    assert!(swedish.contains("Användarnamn (e-postadress)"));
    assert!(!swedish.contains("data-offer-language"), "nothing to offer a browser that has not asked");

    // A browser that prefers English keeps the Swedish portal (the routine's
    // words) and is offered English, in English.
    let res = c.http.get(format!("{}/logga-in", c.base)).header("Accept-Language", "en-US,en;q=0.9").send().await.unwrap();
    let offered = res.text().await.unwrap();
    assert!(offered.contains(r#"<html lang="sv""#));
    assert!(offered.contains(r#"data-offer-language="en""#));
    assert!(offered.contains("This portal is also in English."));
    // A Swedish browser is offered nothing.
    let res = c.http.get(format!("{}/logga-in", c.base)).header("Accept-Language", "sv-SE,sv;q=0.9,en;q=0.8").send().await.unwrap();
    assert!(!res.text().await.unwrap().contains("data-offer-language"));
});

// covers: UX-2
on_both_databases!(a_visitor_chooses_english_and_every_page_is_rendered_in_it, |app: TestApp| async move {
    let c = app.client();
    c.call("language", &[("language", "en")]).await.assert_ok();
    assert_eq!(c.cookie("iw_lang").as_deref(), Some("en"), "the choice is kept in the browser");
    let english = page(&c, "/logga-in").await;
    assert!(english.contains(r#"<html lang="en""#), "the document says its language");
    assert!(english.contains("Username (e-mail address)"));
    assert!(english.contains(">Log in<"));
    assert!(!english.contains("Användarnamn (e-postadress)"), "no Swedish left on the page");
    assert!(!english.contains("data-offer-language"), "a choice made is not offered again");
    let start = page(&c, "/").await;
    assert!(start.contains("Welcome to Installatörswebben"));
    // The switch offers the way back.
    assert!(start.contains(r#"lang="sv""#) && start.contains("Svenska"));

    c.call("language", &[("language", "sv")]).await.assert_ok();
    assert!(page(&c, "/logga-in").await.contains("Användarnamn (e-postadress)"));
});

// covers: UX-2
on_both_databases!(an_unknown_language_is_refused_by_name, |app: TestApp| async move {
    let c = app.client();
    let message = c.call("language", &[("language", "de")]).await.assert_field_error(422, "language");
    assert!(message.contains("språk"), "{message}");
    c.call("language", &[]).await.assert_field_error(422, "language");
    assert_eq!(c.cookie("iw_lang"), None);
    // A made-up cookie is ignored, not trusted.
    let res = c.http.get(format!("{}/logga-in", c.base)).header("Cookie", "iw_lang=\"><script>").send().await.unwrap();
    let body = res.text().await.unwrap();
    assert!(body.contains(r#"<html lang="sv""#) && !body.contains("<script>\""));
});

// covers: UX-2, UX-1
on_both_databases!(the_switch_works_without_scripts, |app: TestApp| async move {
    let c = app.client();
    let res = c.post_plain_form("language", "/glomt-losenord", &[("language", "en")]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/glomt-losenord", "back to the page the switch was on");
    assert_eq!(c.cookie("iw_lang").as_deref(), Some("en"));
    assert!(page(&c, "/logga-in").await.contains(r#"<html lang="en""#));
});

// covers: UX-2
on_both_databases!(the_choice_is_remembered_on_the_account_and_follows_the_person, |app: TestApp| async move {
    let c = app.installer("engelska@elfirma.se", FREE_PERSONS[0]).await;
    let me = c.me().await;
    let id = me["id"].as_i64().unwrap() as i32;
    let stored = || async {
        use app::server::entities::user;
        use sea_orm::EntityTrait;
        user::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap().language
    };
    assert_eq!(stored().await, None, "no choice made yet");
    c.call("language", &[("language", "en")]).await.assert_ok();
    assert_eq!(stored().await.as_deref(), Some("en"));

    // Another browser, which has never seen the choice, gets it at login.
    let elsewhere = app.client();
    assert!(page(&elsewhere, "/logga-in").await.contains(r#"<html lang="sv""#));
    elsewhere.login("engelska@elfirma.se", PASSWORD).await.assert_ok();
    assert_eq!(elsewhere.cookie("iw_lang").as_deref(), Some("en"));
    let home = page(&elsewhere, "/").await;
    assert!(home.contains(r#"<html lang="en""#));
    assert!(home.contains("My cases") && home.contains("My teams"), "the logged-in page is in English");
});

/// The newest mail to `to`: (subject, body).
async fn newest_mail(app: &TestApp, to: &str) -> (String, String) {
    use app::server::entities::outbox;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    let m = outbox::Entity::find()
        .filter(outbox::Column::ToEmail.eq(to))
        .order_by_desc(outbox::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no mail to {to}"));
    (m.subject, m.body)
}

// covers: UX-2
on_both_databases!(an_account_registered_in_english_keeps_english_and_is_written_to_in_it, |app: TestApp| async move {
    let c = app.client();
    c.call("language", &[("language", "en")]).await.assert_ok();
    c.register("ny.engelska@elfirma.se", FREE_PERSONS[1]).await.assert_ok();
    use app::server::entities::user;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let account = user::Entity::find().filter(user::Column::Email.eq("ny.engelska@elfirma.se")).one(&app.db).await.unwrap().unwrap();
    assert_eq!(account.language.as_deref(), Some("en"));
    // Its e-mail is in English too: the link that proves the address.
    assert_eq!(newest_mail(&app, "ny.engelska@elfirma.se").await.0, "Confirm your e-mail address for Installatörswebben");
    app.verify_email(&c, "ny.engelska@elfirma.se").await;
    // Registered without a choice: the default, not stored as a choice.
    let d = app.client();
    d.register("ny.svenska@elfirma.se", FREE_PERSONS[2]).await.assert_ok();
    let account = user::Entity::find().filter(user::Column::Email.eq("ny.svenska@elfirma.se")).one(&app.db).await.unwrap().unwrap();
    assert_eq!(account.language, None);
    assert_eq!(newest_mail(&app, "ny.svenska@elfirma.se").await.0, "Bekräfta din e-postadress för Installatörswebben");
});

// covers: UX-2, ADM-2
on_both_databases!(an_admin_acting_for_an_installer_changes_only_the_admins_language, |app: TestApp| async move {
    use app::server::entities::user;
    use sea_orm::EntityTrait;
    let installer = app.installer("svensk.installator@elfirma.se", FREE_PERSONS[0]).await;
    let installer_id = installer.id().await;
    let (admin, _) = app.admin("chef@natbolaget.se").await;
    let admin_id = admin.me().await["id"].as_i64().unwrap() as i32;
    admin.call("admin/acting/start", &[("number", FREE_PERSONS[0].0)]).await.assert_ok();
    admin.call("language", &[("language", "en")]).await.assert_ok();
    let db = &app.db;
    let language_of = |id: i32| async move { user::Entity::find_by_id(id).one(db).await.unwrap().unwrap().language };
    assert_eq!(language_of(admin_id).await.as_deref(), Some("en"), "the person at the screen chose");
    assert_eq!(language_of(installer_id).await, None, "the installer's own choice is theirs");
});

// covers: UX-2
on_both_databases!(field_messages_come_in_the_readers_language, |app: TestApp| async move {
    let c = app.client();
    let swedish = c.call("auth/check-username", &[("email", "inte en adress")]).await.assert_field_error(422, "email");
    assert_eq!(swedish, "E-postadressen får inte innehålla mellanslag.");
    c.call("language", &[("language", "en")]).await.assert_ok();
    let english = c.call("auth/check-username", &[("email", "inte en adress")]).await.assert_field_error(422, "email");
    assert_eq!(english, "The e-mail address must not contain spaces.");
    let mut form = registration("ny@elfirma.se", FREE_PERSONS[3]);
    form = with(form, "terms_version", "gammal");
    form = with(form, "postal_code", "12");
    let answer = c.register_with(&form).await;
    assert_eq!(answer.assert_field_error(422, "postal_code"), "The postcode should have five digits, for example 123 45.");
    assert_eq!(answer.error().field_message("terms_version").as_deref(), Some("You need to read and accept the terms and the technical instructions first."));
    // Fixed errors are said in the reader's language too: a wrong login, in English.
    let wrong = c.login("ingen@elfirma.se", "fel-lösenord-123").await;
    assert_eq!(wrong.status, 401);
    let page = c.post_plain_form("auth/login", "/logga-in", &[("email", "ingen@elfirma.se"), ("password", "fel-lösenord-123")]).await;
    assert_eq!(page.status(), 303);
    let page = c.get_page("/logga-in").await.text().await.unwrap();
    assert!(page.contains("Wrong username or password."), "the page says it in English");
});

// covers: UX-2, ACC-5, ACC-7
on_both_databases!(a_support_request_filed_in_english_is_answered_in_english, |app: TestApp| async move {
    let asker = app.client();
    asker.call("language", &[("language", "en")]).await.assert_ok();
    let foreign = [("name", "Mads Nielsen"), ("email", "mads@elektro.dk"), ("mobile", "+45 20 12 34 56"), ("authorization_number", "dk-el-7781")];
    // The form's messages, in English.
    let missing = asker.file_support("utlandsk_installator", &foreign, false).await;
    assert_eq!(missing.assert_field_error(422, "file"), "Attach the certificate from Elsäkerhetsverket (the Swedish National Electrical Safety Board).");
    let wrong = asker.file_support("utlandsk_installator", &[("name", ""), ("email", "mads"), ("mobile", "+4520123456"), ("authorization_number", "x")], true).await;
    assert_eq!(wrong.error().field_message("name").as_deref(), Some("Name: fill in."));
    assert_eq!(
        wrong.error().field_message("authorization_number").as_deref(),
        Some("Authorization number: The authorization number should have 4–30 characters.")
    );
    let filed = asker.file_support("utlandsk_installator", &foreign, true).await;
    filed.assert_ok();
    let (subject, body) = newest_mail(&app, "mads@elektro.dk").await;
    assert_eq!(subject, "Your request to support (Account for a foreign installer) has been received");
    assert!(body.starts_with("Hello!") && body.contains("/support/status/"), "{body}");

    // Customer service works in Swedish; the answer goes out in the asker's language.
    let id = filed.body["id"].as_i64().unwrap();
    let (admin, _) = app.admin("chef@natbolaget.se").await;
    let values: serde_json::Map<String, serde_json::Value> =
        foreign.iter().map(|(k, v)| (k.to_string(), serde_json::Value::String(v.to_string()))).collect();
    admin.call_json("admin/support/complete", serde_json::json!({ "id": id, "values": values, "message": "" })).await.assert_ok();
    use app::server::entities::{outbox, user};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let mails = outbox::Entity::find().filter(outbox::Column::ToEmail.eq("mads@elektro.dk")).all(&app.db).await.unwrap();
    let subjects: Vec<&str> = mails.iter().map(|m| m.subject.as_str()).collect();
    assert!(subjects.contains(&"Choose a password for Installatörswebben"), "{subjects:?}");
    assert!(subjects.contains(&"Your request to support is done"), "{subjects:?}");
    let done = mails.iter().find(|m| m.subject == "Your request to support is done").unwrap();
    assert!(done.body.contains("You get a separate e-mail with a link where you choose your password."), "{}", done.body);
    // The new account starts in the language its owner asked in.
    let account = user::Entity::find().filter(user::Column::Email.eq("mads@elektro.dk")).one(&app.db).await.unwrap().unwrap();
    assert_eq!(account.language.as_deref(), Some("en"));
    // A request filed in Swedish is answered in Swedish.
    let swede = app.client();
    swede.file_support("fraga", &[("name", "Sven"), ("email", "sven@elfirma.se"), ("message", "Hur byter jag team?")], false).await.assert_ok();
    assert_eq!(newest_mail(&app, "sven@elfirma.se").await.0, "Ditt ärende till support (Allmän fråga) har kommit in");
});

// covers: UX-2, CASE-2, CASE-11, CASE-15
on_both_databases!(a_case_holder_hears_of_the_case_in_their_language_and_its_checks_are_in_it, |app: TestApp| async move {
    let (owner, team) = installer_with_team(&app).await;
    owner.call("language", &[("language", "en")]).await.assert_ok();
    let id = owner.create_case("byte_av_sakring", team).await;
    let mut values = fuse_change(GSRN);
    values.retain(|(k, _)| *k != "customer_name" && *k != "new_main_fuse");
    values.push(("new_main_fuse", "17"));
    // A draft is saved as typed and told what is wrong with it.
    let saved = owner.save_case(id, &values).await;
    saved.assert_ok();
    assert_eq!(saved.body["problems"][0]["field"], "new_main_fuse");
    assert!(
        saved.body["problems"][0]["message"].as_str().unwrap().starts_with("Choose new main fuse (A) from the list ("),
        "{}",
        saved.text
    );
    values.pop();
    values.push(("new_main_fuse", "25"));
    owner.save_case(id, &values).await.assert_ok();
    let refused = owner.act(id, "Submit", "").await;
    assert_eq!(refused.status, 422);
    assert_eq!(refused.error().field_message("customer_name").as_deref(), Some("Fill in customer's name."));
    let id = submitted_fuse_change(&owner, team, GSRN).await;
    // A Swedish handler asks for more; the installer is told in English, by mail and in the portal.
    let handler = app.handler("facility").await;
    handler.act(id, "RequestSupplement", "Bifoga foto på mätarskåpet.").await.assert_ok();
    let (subject, body) = newest_mail(&app, "agare@elnorr.se").await;
    assert!(subject.starts_with("Case ") && subject.ends_with(": Needs more information"), "{subject}");
    assert!(body.contains("is now in the state Needs more information.") && body.contains("Message: Bifoga foto på mätarskåpet."), "{body}");
    let news = owner.call("notifications/list", &[("page", "0")]).await;
    news.assert_ok();
    assert!(news.body["rows"][0]["message"].as_str().unwrap().contains("is now in the state Needs more information."), "{}", news.text);
    // The portal's own notes on the timeline are said in the reader's language; people's words as written.
    owner.upload(id, "foto", "skap.pdf", pdf()).await.assert_ok();
    let timeline = |view: &Answer| view.body["timeline"].as_array().unwrap().iter().map(|e| e["message"].as_str().unwrap_or("").to_string()).collect::<Vec<_>>();
    let english = timeline(&owner.case(id).await);
    assert!(english.contains(&"Photo: skap.pdf".to_string()), "{english:?}");
    assert!(english.contains(&"Bifoga foto på mätarskåpet.".to_string()), "{english:?}");
    let swedish = timeline(&handler.case(id).await);
    assert!(swedish.contains(&"Foto: skap.pdf".to_string()), "{swedish:?}");
    // Times are Swedish clock time, written as each reader's language
    // writes them: the same moment in both.
    let first_time = |view: &Answer| view.body["timeline"][0]["at"].as_str().unwrap().to_string();
    let (english_time, swedish_time) = (first_time(&owner.case(id).await), first_time(&handler.case(id).await));
    let read = |text: &str, format: &str| chrono::NaiveDateTime::parse_from_str(text, format).unwrap_or_else(|e| panic!("{text:?} in {format}: {e}"));
    assert_eq!(read(&english_time, "%d %b %Y, %H:%M"), read(&swedish_time, "%Y-%m-%d %H:%M"), "{english_time} / {swedish_time}");
    let listed = owner.call("cases/mine", &[("state_code", ""), ("query", ""), ("page", "0")]).await;
    let updated = listed.body["rows"][0]["updated_at"].as_str().unwrap();
    read(updated, "%d %b %Y, %H:%M");
    // A refused step is said in English too.
    let again = owner.act(id, "Submit", "").await;
    assert_eq!(again.status, 409);
    assert_eq!(
        again.error().field_message("state").as_deref(),
        Some("The case is in the state Needs more information and cannot be submitted.")
    );
});

// covers: UX-2, ADM-5, ADM-7, ADM-8
on_both_databases!(an_admin_working_in_english_reads_the_log_and_corrects_registers_in_english, |app: TestApp| async move {
    let (admin, _) = app.admin("chef@natbolaget.se").await;
    admin.call("language", &[("language", "en")]).await.assert_ok();
    // A register correction refused by field, in English.
    let form = [("register", "behorigheter"), ("values[number]", "AB99999"), ("values[holder_name]", ""), ("values[scope]", "")];
    let refused = admin.call("admin/registers/save", &form).await;
    assert_eq!(refused.assert_field_error(422, "holder_name"), "Enter the holder.");
    assert_eq!(refused.error().field_message("scope").as_deref(), Some("Enter the scope."));
    // The log names what happened in English; the account's type too.
    let installer = app.installer("per@elfirma.se", FREE_PERSONS[0]).await;
    let id = installer.id().await;
    let log = admin.call("admin/audit", &[("person", "per@elfirma.se"), ("page", "0")]).await;
    log.assert_ok();
    assert!(log.body["rows"].as_array().unwrap().iter().any(|r| r["action_label"] == "Account registered"), "{}", log.text);
    let profile = admin.call("admin/users/get", &[("user_id", &id.to_string())]).await;
    profile.assert_ok();
    assert_eq!(profile.body["user_type"], "Electrical installer (elinstallatör)", "{}", profile.text);
});

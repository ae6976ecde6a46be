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

/// The subject of the newest mail to `to`.
async fn newest_subject(app: &TestApp, to: &str) -> String {
    use app::server::entities::outbox;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
    outbox::Entity::find()
        .filter(outbox::Column::ToEmail.eq(to))
        .order_by_desc(outbox::Column::Id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("no mail to {to}"))
        .subject
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
    assert_eq!(newest_subject(&app, "ny.engelska@elfirma.se").await, "Confirm your e-mail address for Installatörswebben");
    app.verify_email(&c, "ny.engelska@elfirma.se").await;
    // Registered without a choice: the default, not stored as a choice.
    let d = app.client();
    d.register("ny.svenska@elfirma.se", FREE_PERSONS[2]).await.assert_ok();
    let account = user::Entity::find().filter(user::Column::Email.eq("ny.svenska@elfirma.se")).one(&app.db).await.unwrap().unwrap();
    assert_eq!(account.language, None);
    assert_eq!(newest_subject(&app, "ny.svenska@elfirma.se").await, "Bekräfta din e-postadress för Installatörswebben");
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

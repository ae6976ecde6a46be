//! Accounts over HTTP: registration, usernames, login, sessions, `Mina uppgifter`.
use crate::common::*;
use serde_json::Value;

// covers: ACC-1, ID-1, ID-3
on_both_databases!(registration_creates_an_account_and_logs_in, |app: TestApp| async move {
    let browser = app.client();
    let answer = browser.register("  Johan.Berg@ElFirma.se ", FREE_PERSONS[0]).await;
    answer.assert_ok();
    assert_eq!(answer.body["email"], "johan.berg@elfirma.se", "username is stored trimmed and lower-case");
    assert_eq!(answer.body["user_type"], "Elinstallator");
    let me = browser.me().await;
    assert_eq!(me["name"], "Johan Berg");

    // Stored canonically, with the accepted terms version and time.
    use app::server::entities::user;
    use sea_orm::EntityTrait;
    let stored = user::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].personnummer.as_deref(), Some("199203054565"));
    assert_eq!(stored[0].terms_version.as_deref(), Some(app::domain::TERMS_VERSION));
    assert!(stored[0].terms_accepted_at.is_some());
    assert_eq!(stored[0].mobile, "+46701234567");
    // ACC-4: only a slow salted hash is stored.
    let hash = stored[0].password_hash.as_deref().unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(!hash.contains(PASSWORD));
});

// covers: ACC-1, ID-1
on_both_databases!(registration_refuses_a_malformed_personnummer, |app: TestApp| async move {
    let form = with(registration("a@elfirma.se", FREE_PERSONS[0]), "personnummer", "19920305-4566");
    let message = app.client().register_with(&form).await.assert_field_error(422, "personnummer");
    assert!(message.contains("Kontrollsiffran"), "{message}");
    let form = with(registration("a@elfirma.se", FREE_PERSONS[0]), "personnummer", "19921305-4565");
    let message = app.client().register_with(&form).await.assert_field_error(422, "personnummer");
    assert!(message.contains("Månaden"), "{message}");
});

// covers: ACC-1
on_both_databases!(registration_refuses_a_person_missing_from_the_population_register, |app: TestApp| async move {
    let message = app
        .client()
        .register("a@elfirma.se", (UNKNOWN_PERSON, "Okänd Person"))
        .await
        .assert_field_error(422, "personnummer");
    assert!(message.contains("folkbokföringen"), "{message}");
});

// covers: ACC-1
on_both_databases!(registration_requires_the_accepted_terms, |app: TestApp| async move {
    let form = with(registration("a@elfirma.se", FREE_PERSONS[0]), "terms_version", "");
    app.client().register_with(&form).await.assert_field_error(422, "terms_version");
    let form = with(registration("a@elfirma.se", FREE_PERSONS[0]), "terms_version", "1999-01");
    app.client().register_with(&form).await.assert_field_error(422, "terms_version");
});

// covers: ACC-1
on_both_databases!(registration_reports_every_bad_field_at_once, |app: TestApp| async move {
    let mut form = registration("inte-en-adress", FREE_PERSONS[0]);
    form = with(form, "mobile", "abc");
    form = with(form, "password", "kort");
    form = with(form, "postal_code", "1");
    form = with(form, "user_type", "chef");
    let answer = app.client().register_with(&form).await;
    for field in ["email", "mobile", "password", "postal_code", "user_type"] {
        answer.assert_field_error(422, field);
    }
});

// covers: ACC-2, ID-3
on_both_databases!(a_username_taken_in_another_case_is_refused, |app: TestApp| async move {
    app.client().register("anna@elfirma.se", FREE_PERSONS[0]).await.assert_ok();
    let message = app
        .client()
        .register("  ANNA@ElFirma.SE", FREE_PERSONS[1])
        .await
        .assert_field_error(409, "email");
    assert!(message.contains("används redan"), "{message}");
    let check = app.client().call("auth/check-username", &[("email", "Anna@elfirma.se")]).await;
    check.assert_field_error(409, "email");
});

// covers: ACC-1
on_both_databases!(one_account_per_personnummer, |app: TestApp| async move {
    app.client().register("first@elfirma.se", FREE_PERSONS[0]).await.assert_ok();
    app.client().register("second@elfirma.se", FREE_PERSONS[0]).await.assert_field_error(409, "personnummer");
});

// covers: ACC-2
on_both_databases!(an_energikonto_login_cannot_be_a_username, |app: TestApp| async move {
    let check = app.client().call("auth/check-username", &[("email", "Energikonto.Kund@example.com")]).await;
    let message = check.assert_field_error(409, "email");
    assert!(message.contains("Energikonto"), "{message}");
    app.client().register(ENERGIKONTO_EMAIL, FREE_PERSONS[0]).await.assert_field_error(409, "email");
    // Any other address (a Mina sidor e-mail included) is free.
    let free = app.client().call("auth/check-username", &[("email", " Kund@Example.com ")]).await;
    free.assert_ok();
    assert_eq!(free.body, Value::String("kund@example.com".into()));
});

// covers: ACC-4
on_both_databases!(login_and_logout, |app: TestApp| async move {
    app.client().register("per@elfirma.se", FREE_PERSONS[0]).await.assert_ok();
    let browser = app.client();
    assert_eq!(browser.me().await, Value::Null);
    browser.login("PER@elfirma.se", PASSWORD).await.assert_ok();
    assert_eq!(browser.me().await["email"], "per@elfirma.se");
    let cookie = browser.session_cookie().expect("session cookie");

    browser.call("auth/logout", &[]).await.assert_ok();
    assert_eq!(browser.me().await, Value::Null);
    // The old cookie is dead on the server, not just forgotten by the browser.
    let replay = app
        .client()
        .http
        .post(format!("{}/api/auth/me", app.base))
        .header("Cookie", format!("iw_session={cookie}"))
        .send()
        .await
        .unwrap();
    assert_eq!(replay.text().await.unwrap(), "null");
});

// covers: ACC-4
on_both_databases!(login_errors_do_not_reveal_whether_the_user_exists, |app: TestApp| async move {
    app.client().register("per@elfirma.se", FREE_PERSONS[0]).await.assert_ok();
    let wrong_password = app.client().login("per@elfirma.se", "fel-lösenord-123").await;
    let unknown_user = app.client().login("ingen@elfirma.se", "fel-lösenord-123").await;
    assert_eq!(wrong_password.status, 401);
    assert_eq!(unknown_user.status, 401);
    assert_eq!(wrong_password.text, unknown_user.text);
});

// covers: ACC-4
on_both_databases!(login_starts_a_new_session_id, |app: TestApp| async move {
    app.client().register("per@elfirma.se", FREE_PERSONS[0]).await.assert_ok();
    let browser = app.client();
    browser.login("per@elfirma.se", PASSWORD).await.assert_ok();
    let first = browser.session_cookie().unwrap();
    browser.login("per@elfirma.se", PASSWORD).await.assert_ok();
    let second = browser.session_cookie().unwrap();
    assert_ne!(first, second);
    assert_eq!(browser.me().await["email"], "per@elfirma.se");
});

// covers: ACC-4
on_both_databases!(repeated_failures_are_throttled, |app: TestApp| async move {
    app.client().register("per@elfirma.se", FREE_PERSONS[0]).await.assert_ok();
    let browser = app.client();
    for _ in 0..5 {
        assert_eq!(browser.login("per@elfirma.se", "fel-lösenord-123").await.status, 401);
    }
    // Even the right password waits now.
    let throttled = browser.login("per@elfirma.se", PASSWORD).await;
    assert_eq!(throttled.status, 429, "{}", throttled.text);
    assert!(throttled.error().to_string().contains("Vänta"));
    // Another account from the same address is not locked by these five.
    app.client().register("lena@elfirma.se", FREE_PERSONS[1]).await.assert_ok();
    browser.login("lena@elfirma.se", PASSWORD).await.assert_ok();
});

// The sessions live in the database: a second server instance sees them.
// covers: ACC-4
on_both_databases!(a_session_works_on_every_instance, |app: TestApp| async move {
    let other = TestApp::spawn_on(&app.database_url).await;
    app.client().register("per@elfirma.se", FREE_PERSONS[0]).await.assert_ok();
    let browser = app.client();
    browser.login("per@elfirma.se", PASSWORD).await.assert_ok();
    let cookie = browser.session_cookie().unwrap();
    let on_other = other
        .client()
        .http
        .post(format!("{}/api/auth/me", other.base))
        .header("Cookie", format!("iw_session={cookie}"))
        .send()
        .await
        .unwrap();
    let me: Value = on_other.json().await.unwrap();
    assert_eq!(me["email"], "per@elfirma.se");
});

// covers: ACC-3, ACC-2
on_both_databases!(changing_the_username_under_mina_uppgifter, |app: TestApp| async move {
    app.client().register("taken@elfirma.se", FREE_PERSONS[1]).await.assert_ok();
    let browser = app.client();
    browser.register("per@elfirma.se", FREE_PERSONS[0]).await.assert_ok();

    browser.call("account/username", &[("email", "TAKEN@elfirma.se"), ("current_password", PASSWORD)]).await.assert_field_error(409, "email");
    browser.call("account/username", &[("email", ENERGIKONTO_EMAIL), ("current_password", PASSWORD)]).await.assert_field_error(409, "email");
    browser.call("account/username", &[("email", "per@"), ("current_password", PASSWORD)]).await.assert_field_error(422, "email");
    // The same address in other case is no conflict with oneself.
    browser.call("account/username", &[("email", "Per@ElFirma.se"), ("current_password", PASSWORD)]).await.assert_ok();

    let changed = browser.call("account/username", &[("email", "Per.Nytt@ElFirma.se"), ("current_password", PASSWORD)]).await;
    changed.assert_ok();
    assert_eq!(changed.body["email"], "per.nytt@elfirma.se");
    assert_eq!(app.client().login("per@elfirma.se", PASSWORD).await.status, 401);
    app.client().login("per.nytt@elfirma.se", PASSWORD).await.assert_ok();
});

// covers: ACC-3
on_both_databases!(contact_details_and_password, |app: TestApp| async move {
    let browser = app.client();
    browser.register("per@elfirma.se", FREE_PERSONS[0]).await.assert_ok();
    let other_device = app.client();
    other_device.login("per@elfirma.se", PASSWORD).await.assert_ok();

    let bad = browser
        .call("account/contact", &[("mobile", "12"), ("street_address", ""), ("postal_code", "x"), ("city", "Umeå"), ("current_password", PASSWORD)])
        .await;
    for field in ["mobile", "street_address", "postal_code"] {
        bad.assert_field_error(422, field);
    }
    let ok = browser
        .call(
            "account/contact",
            &[("mobile", "0709876543"), ("street_address", "Nygatan 2"), ("postal_code", "90326"), ("city", "Umeå"), ("current_password", "fel-lösenord-1")],
        )
        .await;
    // covers: ACC-3 — a change to the account is confirmed with the current password.
    ok.assert_field_error(422, "current_password");
    let ok = browser
        .call(
            "account/contact",
            &[("mobile", "0709876543"), ("street_address", "Nygatan 2"), ("postal_code", "90326"), ("city", "Umeå"), ("current_password", PASSWORD)],
        )
        .await;
    ok.assert_ok();
    assert_eq!(ok.body["postal_code"], "903 26");
    assert_eq!(ok.body["mobile"], "+46709876543");

    browser
        .call("account/password", &[("current_password", "fel-lösenord-1"), ("new_password", "nytt-bra-lösen-77")])
        .await
        .assert_field_error(422, "current_password");
    browser
        .call("account/password", &[("current_password", PASSWORD), ("new_password", "kort")])
        .await
        .assert_field_error(422, "new_password");
    browser
        .call("account/password", &[("current_password", PASSWORD), ("new_password", "nytt-bra-lösen-77")])
        .await
        .assert_ok();
    // This browser stays logged in; the other device's session has ended.
    assert_eq!(browser.me().await["email"], "per@elfirma.se");
    assert_eq!(other_device.me().await, Value::Null);
    app.client().login("per@elfirma.se", "nytt-bra-lösen-77").await.assert_ok();
});

// covers: ACC-3, ACC-4
on_both_databases!(protected_endpoints_need_a_login, |app: TestApp| async move {
    let anonymous = app.client();
    for (endpoint, form) in [
        ("account/details", vec![]),
        ("account/username", vec![("email", "x@elfirma.se"), ("current_password", "x")]),
        ("account/contact", vec![("mobile", "0701234567"), ("street_address", "a"), ("postal_code", "12345"), ("city", "b"), ("current_password", "x")]),
        ("account/password", vec![("current_password", "x"), ("new_password", "y")]),
    ] {
        let answer = anonymous.call(endpoint, &form).await;
        assert_eq!(answer.status, 401, "{endpoint}: {}", answer.text);
        assert_eq!(answer.error(), app::error::AppError::Unauthenticated);
    }
});

// covers: ACC-4
on_both_databases!(no_response_carries_a_credential, |app: TestApp| async move {
    let browser = app.client();
    let mut bodies = vec![browser.register("per@elfirma.se", FREE_PERSONS[0]).await.text];
    bodies.push(browser.login("per@elfirma.se", PASSWORD).await.text);
    bodies.push(browser.call("account/details", &[]).await.text);
    bodies.push(browser.call("auth/me", &[]).await.text);
    bodies.push(browser.get_page("/mina-uppgifter").await.text().await.unwrap());
    for body in bodies {
        assert!(!body.contains(PASSWORD), "{body}");
        assert!(!body.contains("argon2"), "{body}");
        assert!(!body.contains("password_hash"), "{body}");
    }
});

// A real electrician's personnummer under someone else's name is refused, and
// the real person can then register.
// covers: ACC-9, ACC-1
on_both_databases!(the_name_must_match_the_population_register, |app: TestApp| async move {
    let (personnummer, real_name) = FREE_PERSONS[7 % FREE_PERSONS.len()];
    let mallory = app.client();
    let refused = mallory.register_with(&with(registration("mallory@example.se", (personnummer, real_name)), "name", "Mallory Bedragare")).await;
    assert!(refused.assert_field_error(422, "name").contains("folkbokföringen"), "{}", refused.text);
    // Written a little differently, the real name is still the real name.
    let relaxed = real_name.to_uppercase();
    app.client().register_with(&with(registration("riktig@elfirma.se", (personnummer, real_name)), "name", &relaxed)).await.assert_ok();
});

// Registration and username checks answer what is in the registers: limited per address.
// covers: ACC-9, ACC-1, ACC-2
on_both_databases!(register_lookups_are_limited_per_address, |app: TestApp| async move {
    let browser = app.client();
    let mut statuses = Vec::new();
    for i in 0..70 {
        statuses.push(browser.call("auth/check-username", &[("email", &format!("fraga{i}@elfirma.se"))]).await.status);
    }
    assert!(statuses[..60].iter().all(|s| *s == 200), "{statuses:?}");
    assert!(statuses[60..].iter().all(|s| *s == 429), "{statuses:?}");
});

// `Glömt lösenord`: the same answer for every address; a one-time link to the
// account's own address; the new password ends every session.
// covers: ACC-8, ACC-4
on_both_databases!(a_forgotten_password_is_replaced_through_a_one_time_link, |app: TestApp| async move {
    let browser = app.installer("per@elfirma.se", FREE_PERSONS[0]).await;
    let stranger = app.client();
    let known = stranger.call("auth/forgot-password", &[("email", "per@elfirma.se")]).await;
    let unknown = stranger.call("auth/forgot-password", &[("email", "ingen@elfirma.se")]).await;
    known.assert_ok();
    unknown.assert_ok();
    assert_eq!(known.text, unknown.text, "the answer says nothing about the address");
    use app::server::entities::outbox;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let mails = outbox::Entity::find().filter(outbox::Column::Subject.contains("nytt lösenord")).all(&app.db).await.unwrap();
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to_email, "per@elfirma.se");
    let marker = "kod=";
    let start = mails[0].body.find(marker).unwrap() + marker.len();
    let code: String = mails[0].body[start..].chars().take_while(|c| c.is_ascii_hexdigit()).collect();
    let form = [("code", code.as_str()), ("password", "ett-helt-nytt-lösen-5"), ("terms_version", app::domain::TERMS_VERSION)];
    stranger.call("auth/set-password", &form).await.assert_ok();
    // Once only.
    stranger.call("auth/set-password", &form).await.assert_field_error(422, "code");
    // Every session of the account has ended; the new password works, the old does not.
    assert_eq!(browser.me().await, Value::Null);
    app.client().login("per@elfirma.se", PASSWORD).await;
    app.client().login("per@elfirma.se", "ett-helt-nytt-lösen-5").await.assert_ok();
    // Malformed addresses are told so; floods are limited.
    stranger.call("auth/forgot-password", &[("email", "inte-en-adress")]).await.assert_field_error(422, "email");
});

// The address is proven with an e-mailed link before the account can act; a
// new address is proven again; a link is good once.
// covers: ACC-9, ACC-1, ACC-3
on_both_databases!(an_address_is_proven_before_the_account_acts, |app: TestApp| async move {
    let browser = app.client();
    browser.register("per@elfirma.se", FREE_PERSONS[0]).await.assert_ok();
    assert_eq!(browser.me().await["email_verified"], false);
    let refused = browser
        .call("teams/create", &[("organisationsnummer", COMPANY_NORR), ("name", "Norr"), ("contact_name", "K P"), ("contact_email", "k@e.se"), ("contact_phone", "0701234567")])
        .await;
    assert!(refused.assert_field_error(409, "email").contains("Bekräfta"), "{}", refused.text);
    let code = app.link_code("per@elfirma.se", "bekrafta-epost?kod=").await;
    // A stranger with the link proves nothing but the address: it is the account's, good once.
    app.client().call("auth/verify-email", &[("code", code.as_str())]).await.assert_ok();
    app.client().call("auth/verify-email", &[("code", code.as_str())]).await.assert_field_error(422, "code");
    assert_eq!(browser.me().await["email_verified"], true);
    browser.create_team(COMPANY_NORR, "Norr").await;
    // A new username is proven again.
    browser.call("account/username", &[("email", "per.ny@elfirma.se"), ("current_password", PASSWORD)]).await.assert_ok();
    assert_eq!(browser.me().await["email_verified"], false);
    browser.call("account/resend-verification", &[]).await.assert_ok();
    app.verify_email(&browser, "per.ny@elfirma.se").await;
    assert_eq!(browser.me().await["email_verified"], true);
    browser.call("account/resend-verification", &[]).await.assert_field_error(409, "email");
});

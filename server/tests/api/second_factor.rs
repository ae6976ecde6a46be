//! ADM-6: admins use a TOTP second factor at every login.
use crate::common::*;
use serde_json::Value;

// covers: ADM-6
on_both_databases!(enrol_at_first_login_then_a_code_every_time, |app: TestApp| async move {
    let password = server::accounts::generate_password(20);
    server::accounts::create_admin(&app.db, "chef@natbolaget.se", "Chef", &password).await.unwrap();
    let browser = app.client();
    let login = browser.login("chef@natbolaget.se", &password).await;
    assert_eq!(login.body["second_factor"], "Enrol");
    // Half logged in: nothing else opens.
    assert_eq!(browser.me().await, Value::Null);
    assert_eq!(browser.call("account/details", &[]).await.status, 401);
    assert_eq!(browser.call("auth/second-factor/status", &[]).await.body, "Enrol");

    let setup = browser.call("auth/second-factor/enrol", &[]).await;
    setup.assert_ok();
    let secret = setup.body["secret"].as_str().unwrap().to_string();
    assert!(setup.body["uri"].as_str().unwrap().starts_with("otpauth://totp/"));
    browser.call("auth/second-factor/confirm", &[("code", "000000")]).await.assert_field_error(422, "code");
    let confirmed = browser.call("auth/second-factor/confirm", &[("code", &totp_code(&secret, 0))]).await;
    confirmed.assert_ok();
    let recovery: Vec<String> = confirmed.body.as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_string()).collect();
    assert_eq!(recovery.len(), 10);
    assert_eq!(browser.me().await["email"], "chef@natbolaget.se");

    // Next login: the password, then a code.
    browser.call("auth/logout", &[]).await.assert_ok();
    let login = browser.login("chef@natbolaget.se", &password).await;
    assert_eq!(login.body["second_factor"], "Verify");
    assert_eq!(browser.me().await, Value::Null);
    browser.call("auth/second-factor/verify", &[("code", "123456")]).await.assert_field_error(422, "code");
    let code = totp_code(&secret, 1);
    browser.call("auth/second-factor/verify", &[("code", &code)]).await.assert_ok();
    assert_eq!(browser.me().await["email"], "chef@natbolaget.se");

    // The same code is not accepted again.
    let again = app.client();
    again.login("chef@natbolaget.se", &password).await.assert_ok();
    again.call("auth/second-factor/verify", &[("code", &code)]).await.assert_field_error(422, "code");
    // A recovery code works once.
    again.call("auth/second-factor/verify", &[("code", &recovery[0].to_lowercase())]).await.assert_ok();
    assert_eq!(again.me().await["email"], "chef@natbolaget.se");
    let third = app.client();
    third.login("chef@natbolaget.se", &password).await.assert_ok();
    third.call("auth/second-factor/verify", &[("code", &recovery[0])]).await.assert_field_error(422, "code");

    // Recorded.
    use app::server::entities::audit_log;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let logins = audit_log::Entity::find().filter(audit_log::Column::Action.eq("admin.login")).all(&app.db).await.unwrap();
    assert_eq!(logins.len(), 2);
});

// covers: ADM-6
on_both_databases!(installers_need_no_second_factor, |app: TestApp| async move {
    let browser = app.client();
    browser.register("per@elfirma.se", FREE_PERSONS[0]).await.assert_ok();
    let login = browser.login("per@elfirma.se", PASSWORD).await;
    assert!(login.body["second_factor"].is_null());
    assert_eq!(browser.me().await["email"], "per@elfirma.se");
    // And cannot use the second-factor endpoints to do anything.
    assert_eq!(browser.call("auth/second-factor/enrol", &[]).await.status, 401);
});

/// An enrolled admin: the password, the TOTP secret and the recovery codes.
async fn enrolled_admin(app: &TestApp, email: &str) -> (String, String, Vec<String>) {
    let password = server::accounts::generate_password(20);
    server::accounts::create_admin(&app.db, email, "Chef", &password).await.unwrap();
    let browser = app.client();
    browser.login(email, &password).await.assert_ok();
    let secret = browser.call("auth/second-factor/enrol", &[]).await.body["secret"].as_str().unwrap().to_string();
    let confirmed = browser.call("auth/second-factor/confirm", &[("code", &totp_code(&secret, 0))]).await;
    confirmed.assert_ok();
    let recovery = confirmed.body.as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_string()).collect();
    (password, secret, recovery)
}

// Knowing the password does not buy unlimited guesses at the code: fresh
// logins do not reset the count, the step locks, and the admin is told.
// covers: ADM-6, ACC-4
on_both_databases!(guessing_the_second_factor_locks_it, |app: TestApp| async move {
    let (password, secret, _) = enrolled_admin(&app, "chef@natbolaget.se").await;
    let mut locked_at = None;
    for attempt in 0..12 {
        let attacker = app.client();
        let login = attacker.login("chef@natbolaget.se", &password).await;
        if login.status == 429 {
            locked_at = Some(attempt);
            break;
        }
        login.assert_ok();
        let wrong = attacker.call("auth/second-factor/verify", &[("code", "000000")]).await;
        if wrong.status == 429 {
            locked_at = Some(attempt);
            break;
        }
        assert_eq!(wrong.status, 422, "{}", wrong.text);
    }
    let locked_at = locked_at.expect("the second step locks after a few wrong codes");
    assert!(locked_at <= 6, "locked only after {locked_at} wrong codes");
    // Even the right code is refused while locked.
    let owner = app.client();
    let login = owner.login("chef@natbolaget.se", &password).await;
    if login.status == 200 {
        let right = owner.call("auth/second-factor/verify", &[("code", &totp_code(&secret, 0))]).await;
        assert_eq!(right.status, 429, "{}", right.text);
    }
    assert_eq!(owner.me().await, Value::Null);
    // The admin is told by e-mail.
    use app::server::entities::outbox;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let told = outbox::Entity::find().filter(outbox::Column::ToEmail.eq("chef@natbolaget.se")).all(&app.db).await.unwrap();
    assert!(told.iter().any(|m| m.subject.contains("Tvåstegsverifiering")), "{told:?}");
});

// A half-logged-in session lives minutes, not hours.
// covers: ADM-6
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pending_session_lives_minutes() {
    let clock = std::sync::Arc::new(ShiftedClock::default());
    let app = TestApp::spawn_with_clock(Backend::Sqlite, clock.clone()).await.unwrap();
    let password = server::accounts::generate_password(20);
    server::accounts::create_admin(&app.db, "chef@natbolaget.se", "Chef", &password).await.unwrap();
    let browser = app.client();
    browser.login("chef@natbolaget.se", &password).await.assert_ok();
    assert_eq!(browser.call("auth/second-factor/status", &[]).await.body, "Enrol");
    clock.advance(chrono::Duration::minutes(11));
    assert_eq!(browser.call("auth/second-factor/status", &[]).await.body, Value::Null);
    assert_eq!(browser.call("auth/second-factor/enrol", &[]).await.status, 401);
}

// Recovery codes: long, not stored readable, and good once even when used twice at the same moment.
// covers: ADM-6
on_both_databases!(recovery_codes_are_secret_and_single_use, |app: TestApp| async move {
    let (password, _, recovery) = enrolled_admin(&app, "chef@natbolaget.se").await;
    let significant: usize = recovery[0].chars().filter(|c| c.is_ascii_alphanumeric()).count();
    assert!(significant * 5 >= 80, "at least 80 bits: {}", recovery[0]);
    use app::server::entities::recovery_code;
    use sea_orm::EntityTrait;
    let stored = recovery_code::Entity::find().all(&app.db).await.unwrap();
    assert_eq!(stored.len(), 10);
    // Salted: the same code would not hash alike for two rows, and no row holds a plain SHA-256 of a code.
    use sha2::{Digest, Sha256};
    for code in &recovery {
        let normalized: String = code.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>().to_uppercase();
        let plain: String = Sha256::digest(normalized.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
        assert!(stored.iter().all(|r| r.code_hash != plain && !r.code_hash.contains(code.as_str())));
    }
    let (a, b) = (app.client(), app.client());
    a.login("chef@natbolaget.se", &password).await.assert_ok();
    b.login("chef@natbolaget.se", &password).await.assert_ok();
    let form = [("code", recovery[3].as_str())];
    let (ra, rb) = tokio::join!(a.call("auth/second-factor/verify", &form), b.call("auth/second-factor/verify", &form));
    assert_eq!([ra.status, rb.status].iter().filter(|s| **s == 200).count(), 1, "{} / {}", ra.text, rb.text);
});

// TOTP secrets are sealed at rest; without the key nobody enrols.
// covers: ADM-6
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn totp_secrets_are_sealed_at_rest() {
    let app = TestApp::spawn(Backend::Sqlite).await.unwrap();
    let (_, secret, _) = enrolled_admin(&app, "chef@natbolaget.se").await;
    use app::server::entities::user;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let row = user::Entity::find().filter(user::Column::Email.eq("chef@natbolaget.se")).one(&app.db).await.unwrap().unwrap();
    assert_eq!(row.totp_secret, None);
    let sealed = row.totp_secret_sealed.expect("sealed");
    assert!(sealed.starts_with("v1:") && !sealed.contains(&secret), "{sealed}");

    let keyless = TestApp::spawn_with_settings(|s| s.secrets_key = None).await;
    let password = server::accounts::generate_password(20);
    server::accounts::create_admin(&keyless.db, "ny@natbolaget.se", "Ny", &password).await.unwrap();
    let browser = keyless.client();
    browser.login("ny@natbolaget.se", &password).await.assert_ok();
    let refused = browser.call("auth/second-factor/enrol", &[]).await;
    assert!(refused.assert_field_error(409, "code").contains("SECRETS_KEY"), "{}", refused.text);
}

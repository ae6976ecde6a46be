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

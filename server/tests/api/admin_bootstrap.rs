//! ADM-1: no built-in credentials; the first admin comes from the CLI.
use crate::common::*;

// covers: ADM-1
on_both_databases!(a_fresh_installation_has_no_accounts_at_all, |app: TestApp| async move {
    use app::server::entities::user;
    use sea_orm::{EntityTrait, PaginatorTrait};
    assert_eq!(user::Entity::find().count(&app.db).await.unwrap(), 0);
    assert!(!server::accounts::admin_exists(&app.db).await.unwrap());
});

// covers: ADM-1
on_both_databases!(create_admin_refuses_weak_passwords_and_logs_in_with_its_own, |app: TestApp| async move {
    let weak = server::accounts::create_admin(&app.db, "chef@natbolaget.se", "Chef Chefsson", "admin").await;
    assert!(weak.is_err());
    let password = server::accounts::generate_password(20);
    assert_eq!(password.chars().count(), 20);
    assert_ne!(password, server::accounts::generate_password(20));
    let admin = server::accounts::create_admin(&app.db, "Chef@Natbolaget.se", "Chef Chefsson", &password).await.unwrap();
    assert_eq!(admin.role, app::domain::Role::Admin);
    assert!(server::accounts::admin_exists(&app.db).await.unwrap());
    let again = server::accounts::create_admin(&app.db, "chef@natbolaget.se", "Chef", &password).await;
    assert!(again.is_err(), "one account per username");
    let browser = app.client();
    let login = browser.login("chef@natbolaget.se", &password).await;
    login.assert_ok();
    assert_eq!(login.body["role"], "Admin");
    assert_eq!(login.body["second_factor"], "Enrol", "ADM-6: the password alone opens nothing");
    // The creation is in the audit log, attributable.
    use app::server::entities::audit_log;
    use sea_orm::EntityTrait;
    let entries = audit_log::Entity::find().all(&app.db).await.unwrap();
    assert!(entries.iter().any(|e| e.action == "admin.created_from_cli" && e.subject == format!("user:{}", admin.id)));
});

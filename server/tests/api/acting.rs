//! ADM-2: an admin acts for an installer and sees exactly their view; every
//! write is recorded with both identities; cancellation is the installer's own.
use crate::common::*;
use serde_json::Value;

// covers: ADM-2, ADM-5, CASE-8
on_both_databases!(admin_acts_for_an_installer, |app: TestApp| async move {
    let installer = app.installer("agare@elnorr.se", FREE_PERSONS[0]).await;
    let team = installer.create_team(COMPANY_NORR, "Norr").await;
    let case_id = installer.create_case("byte_av_sakring", team).await;
    installer.save_case(case_id, &fuse_change(GSRN)).await.assert_ok();
    installer.act(case_id, "Submit", "").await.assert_ok();
    let (admin, _, admin_password) = app.admin_with_password("chef@natbolaget.se").await;
    let admin_id = admin.me().await["id"].as_i64().unwrap();
    let installer_id = installer.id().await as i64;

    // Nothing of the installer's until a behörighetsnummer is entered.
    assert!(admin.my_case_ids().await.is_empty());
    admin.call("admin/acting/start", &[("number", "19811218-9876")]).await.assert_field_error(422, "number");
    let started = admin.call("admin/acting/start", &[("number", FREE_PERSONS[0].0)]).await;
    started.assert_ok();
    assert_eq!(started.body["acting_admin"], "Admin Adminsson");
    let me = admin.me().await;
    assert_eq!(me["email"], "agare@elnorr.se");
    assert_eq!(me["acting_admin"], "Admin Adminsson");
    assert_eq!(admin.my_case_ids().await, vec![case_id as i64]);
    assert_eq!(admin.my_team_ids().await, vec![team as i64]);
    // Admin pages still know the admin.
    admin.call("admin/staff/list", &[]).await.assert_ok();

    // A write while acting: the admin did it, for the installer.
    let second = admin.create_case("byte_av_sakring", team).await;
    let view = admin.case(second).await;
    assert_eq!(view.body["timeline"][0]["who"], "Admin Adminsson");
    use app::server::entities::{audit_log, case_event};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let event = case_event::Entity::find().filter(case_event::Column::CaseId.eq(second)).one(&app.db).await.unwrap().unwrap();
    assert_eq!(event.actor_user_id.map(i64::from), Some(admin_id));
    assert_eq!(event.on_behalf_of_user_id.map(i64::from), Some(installer_id));
    // An attachment, through its own route, is recorded the same way.
    admin.upload(second, "foto", "skap.jpg", vec![0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]).await.assert_ok();
    let added = case_event::Entity::find()
        .filter(case_event::Column::CaseId.eq(second))
        .filter(case_event::Column::Kind.eq("attachment_added"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((added.actor_user_id.map(i64::from), added.on_behalf_of_user_id.map(i64::from)), (Some(admin_id), Some(installer_id)));
    // Team and account changes go to the audit log with both identities too.
    let new_team = admin.create_team(COMPANY_NORR, "Kundservice skapade").await;
    admin
        // Confirmed with the password of the person at the keyboard: the admin's.
        .call(
            "account/contact",
            &[("mobile", "070-999 88 77"), ("street_address", "Nya vägen 2"), ("postal_code", "123 45"), ("city", "Elstad"), ("current_password", &admin_password)],
        )
        .await
        .assert_ok();
    for (action, subject) in [("team.created", format!("team:{new_team}")), ("account.contact_changed", format!("user:{installer_id}"))] {
        let entry = audit_log::Entity::find()
            .filter(audit_log::Column::Action.eq(action))
            .filter(audit_log::Column::Subject.eq(subject.clone()))
            .one(&app.db)
            .await
            .unwrap()
            .unwrap_or_else(|| panic!("no {action} on {subject}"));
        assert_eq!(
            (entry.actor_user_id.map(i64::from), entry.on_behalf_of_user_id.map(i64::from)),
            (Some(admin_id), Some(installer_id)),
            "{action}"
        );
    }
    // A password is the installer's own.
    let refused = admin.call("account/password", &[("current_password", PASSWORD), ("new_password", "ett-helt-nytt-lösen-9")]).await;
    assert!(refused.assert_field_error(409, "current_password").contains("Kundservice"), "{}", refused.text);
    installer.me().await["id"].as_i64().expect("the installer's own session still works");

    // CASE-8: the admin may not ask for cancellation for the installer.
    let view = admin.case(case_id).await;
    assert_eq!(view.body["can"]["request_cancellation"], false);
    let refused = admin.act(case_id, "RequestCancellation", "Kunden ringde").await;
    assert!(refused.assert_field_error(409, "state").contains("kundservice"), "{}", refused.text);

    admin.call("admin/acting/stop", &[]).await.assert_ok();
    let me = admin.me().await;
    assert_eq!(me["email"], "chef@natbolaget.se");
    assert_eq!(me["acting_admin"], Value::Null);
    let actions: Vec<String> = audit_log::Entity::find()
        .filter(audit_log::Column::ActorUserId.eq(admin_id as i32))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(actions.contains(&"admin.acting_started".to_string()) && actions.contains(&"admin.acting_stopped".to_string()), "{actions:?}");
    // Only admins act.
    assert_eq!(installer.call("admin/acting/start", &[("number", FREE_PERSONS[0].0)]).await.status, 403);
});

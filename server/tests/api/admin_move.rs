//! ADM-3 and ADM-4: `Admin Flytta ärenden` — an admin moves movable cases to
//! another installer's team, all or nothing; to another company only with the
//! customer's approval on each case, and for production facilities a new
//! fullmakt too.
use crate::common::*;
use app::server::entities::{audit_log, case, outbox};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn movable_ids(admin: &Client, number: &str) -> Vec<i64> {
    let a = admin.call("admin/move/cases", &[("number", number), ("page", "0")]).await;
    a.assert_ok();
    a.body["rows"].as_array().unwrap().iter().map(|r| r["case"]["id"].as_i64().unwrap()).collect()
}

async fn move_cases(app: &TestApp, admin: &Client, case_ids: &[i32], to_user_id: i32, team_id: Option<i32>) -> Answer {
    let cases = app.seen(case_ids).await;
    admin
        .call_json("admin/move/cases-to-installer", serde_json::json!({ "cases": cases, "to_user_id": to_user_id, "team_id": team_id }))
        .await
}

async fn holder_and_team(app: &TestApp, case_id: i32) -> (i32, i32, String) {
    let c = case::Entity::find_by_id(case_id).one(&app.db).await.unwrap().unwrap();
    (c.holder_user_id, c.team_id, c.organisationsnummer)
}

// covers: ADM-3, ADM-5
on_both_databases!(admin_moves_a_departed_installers_cases_to_a_colleague, |app: TestApp| async move {
    // The routine's FAQ: the installer left; a colleague in the same company, not in the team, takes over.
    let departed = app.installer("slutat@elnorr.se", FREE_PERSONS[0]).await;
    let team = departed.create_team(COMPANY_NORR, "Norr").await;
    let first = submitted_fuse_change(&departed, team, GSRN).await;
    let second = submitted_fuse_change(&departed, team, GSRN_2).await;
    let draft = departed.create_case("byte_av_sakring", team).await;
    let colleague = app.installer("kollega@elnorr.se", FREE_PERSONS[1]).await;
    let colleague_team = colleague.create_team(COMPANY_NORR, "Norr service").await;
    let colleague_id = colleague.id().await;
    let (admin, _) = app.admin("chef@natbolaget.se").await;

    // Only Pågående and Komplettera are offered; the draft is not.
    let listed = movable_ids(&admin, FREE_PERSONS[0].0).await;
    assert_eq!(listed, vec![first as i64, second as i64]);
    // `Sök` on the receiver gives their teams.
    let receiver = admin.call("admin/move/receiver", &[("number", FREE_PERSONS[1].0)]).await;
    receiver.assert_ok();
    assert_eq!(receiver.body["user_id"].as_i64(), Some(colleague_id as i64));
    assert_eq!(receiver.body["teams"][0]["id"].as_i64(), Some(colleague_team as i64));
    admin.call("admin/move/receiver", &[("number", UNKNOWN_PERSON)]).await.assert_field_error(422, "receiver");

    // No team chosen: refused.
    let no_team = move_cases(&app, &admin, &[first, second], colleague_id, None).await;
    assert!(no_team.assert_field_error(422, "team_id").contains("team"));
    // A team the receiver is not in: refused.
    move_cases(&app, &admin, &[first, second], colleague_id, Some(team)).await.assert_field_error(422, "team_id");
    // A draft slipped into the selection: nothing moves.
    let slipped = move_cases(&app, &admin, &[first, second, draft], colleague_id, Some(colleague_team)).await;
    assert!(slipped.assert_field_error(409, "cases").contains("Utkast"), "{}", slipped.text);
    assert_eq!(holder_and_team(&app, first).await.0, departed.id().await);

    let moved = move_cases(&app, &admin, &[first, second], colleague_id, Some(colleague_team)).await;
    moved.assert_ok();
    assert_eq!(moved.body.as_i64(), Some(2));
    assert_eq!(holder_and_team(&app, first).await, (colleague_id, colleague_team, "5561234500".to_string()));
    let mut mine = colleague.my_case_ids().await;
    mine.sort();
    assert_eq!(mine, vec![first as i64, second as i64]);
    assert_eq!(departed.my_case_ids().await, vec![draft as i64]);

    // On the timeline as the admin's, in the audit log, and both installers told.
    let view = colleague.case(first).await;
    let last = view.body["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["what"], "Flyttat till annan installatör");
    assert_eq!(last["who"], "Admin Adminsson");
    let admin_id = admin.me().await["id"].as_i64().unwrap() as i32;
    let audited = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("case.moved"))
        .filter(audit_log::Column::ActorUserId.eq(admin_id))
        .count(&app.db)
        .await
        .unwrap();
    assert_eq!(audited, 2);
    let told = outbox::Entity::find().filter(outbox::Column::Subject.contains("har flyttats")).count(&app.db).await.unwrap();
    assert_eq!(told, 4);

    // Installers and handlers get nothing here.
    let handler = app.handler("facility").await;
    for who in [&departed, &colleague, &handler] {
        assert_eq!(who.call("admin/move/cases", &[("number", FREE_PERSONS[0].0), ("page", "0")]).await.status, 403);
        assert_eq!(move_cases(&app, who, &[first], colleague_id, Some(colleague_team)).await.status, 403);
    }
});

// covers: ADM-4
on_both_databases!(a_move_to_another_company_needs_the_customers_approval, |app: TestApp| async move {
    let from = app.installer("norr@elnorr.se", FREE_PERSONS[0]).await;
    let norr = from.create_team(COMPANY_NORR, "Norr").await;
    let case_id = submitted_fuse_change(&from, norr, GSRN).await;
    let number = from.case(case_id).await.body["case_number"].as_str().unwrap().to_string();
    let to = app.installer("sthlm@elsthlm.se", FREE_PERSONS[1]).await;
    let stockholm = to.create_team(COMPANY_STOCKHOLM, "Stockholm").await;
    let to_id = to.id().await;
    let (admin, _) = app.admin("chef@natbolaget.se").await;

    let refused = move_cases(&app, &admin, &[case_id], to_id, Some(stockholm)).await;
    let message = refused.assert_field_error(409, "cases");
    assert!(message.contains(&number) && message.contains("kundens godkännande"), "{message}");
    assert_eq!(holder_and_team(&app, case_id).await.1, norr);

    // Evidence is the admin's to attach; not through this route for anyone else, and only evidence kinds.
    assert_eq!(from.upload_evidence(case_id, "kundens_godkannande").await.status, 403);
    admin.upload_evidence(case_id, "situationsplan").await.assert_field_error(422, "kind");
    admin.upload_evidence(case_id, "kundens_godkannande").await.assert_ok();
    let listed = admin.call("admin/move/cases", &[("number", FREE_PERSONS[0].0), ("page", "0")]).await;
    assert_eq!(listed.body["rows"][0]["has_approval"], true);

    move_cases(&app, &admin, &[case_id], to_id, Some(stockholm)).await.assert_ok();
    assert_eq!(holder_and_team(&app, case_id).await, (to_id, stockholm, "5562345610".to_string()));
    // The case now belongs to the new company; moving it back needs a new approval.
    let back = move_cases(&app, &admin, &[case_id], from.id().await, Some(norr)).await;
    assert!(back.assert_field_error(409, "cases").contains("kundens godkännande"), "{}", back.text);
    assert_eq!(
        audit_log::Entity::find().filter(audit_log::Column::Action.eq("case.move_evidence_attached")).count(&app.db).await.unwrap(),
        1
    );
});

// covers: ADM-4
on_both_databases!(a_production_facility_also_needs_a_new_fullmakt, |app: TestApp| async move {
    let from = app.installer("norr@elnorr.se", FREE_PERSONS[0]).await;
    let norr = from.create_team(COMPANY_NORR, "Norr").await;
    let solar = submitted_solar(&from, norr).await;
    let to = app.installer("sthlm@elsthlm.se", FREE_PERSONS[1]).await;
    let stockholm = to.create_team(COMPANY_STOCKHOLM, "Stockholm").await;
    let to_id = to.id().await;
    let (admin, _) = app.admin("chef@natbolaget.se").await;

    admin.upload_evidence(solar, "kundens_godkannande").await.assert_ok();
    // The fullmakt sent in with the case does not count as new.
    let refused = move_cases(&app, &admin, &[solar], to_id, Some(stockholm)).await;
    let message = refused.assert_field_error(409, "cases");
    assert!(message.contains("ny fullmakt") && !message.contains("kundens godkännande"), "{message}");

    // A handler asks for supplement; the routine uploads the fullmakt while the case is in Komplettera.
    let handler = app.handler("facility").await;
    handler.act(solar, "RequestSupplement", "Ny fullmakt behövs för bytet av installatör.").await.assert_ok();
    let view = admin.case(solar).await;
    assert_eq!(view.body["can"]["attach_move_evidence"], true);
    admin.upload_evidence(solar, "fullmakt").await.assert_ok();
    move_cases(&app, &admin, &[solar], to_id, Some(stockholm)).await.assert_ok();
    assert_eq!(holder_and_team(&app, solar).await.0, to_id);
    // Archived or completion-reported cases are never movable, evidence or not.
    assert_eq!(to.case(solar).await.body["state"], "Komplettera");
});

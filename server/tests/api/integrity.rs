//! Rules that must hold on every path that writes a case, and under
//! concurrency (CASE-13): the two-year rule on every write, stale and
//! concurrent moves, decisions after the locks, a pending cancellation,
//! installers without a company, evidence only from customer service, and
//! fuse changes that are still open.
use crate::common::*;
use app::server::entities::{case, case_attachment, team, team_member, user};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
use serde_json::json;
use std::sync::Arc;

async fn case_row(app: &TestApp, id: i32) -> case::Model {
    case::Entity::find_by_id(id).one(&app.db).await.unwrap().unwrap()
}

/// Makes a case look submitted `years` ago (CASE-7), without moving the clock.
async fn submitted_years_ago(app: &TestApp, id: i32, years: i64) {
    let mut c: case::ActiveModel = case_row(app, id).await.into();
    c.submitted_at = Set(Some(chrono::Utc::now() - chrono::Duration::days(365 * years + 2)));
    c.update(&app.db).await.unwrap();
}

/// Registered installers straight into the database (team members need no
/// personnummer of the demo register; the register has too few for these tests).
async fn member_accounts(app: &TestApp, owner: &Client, team: i32, prefix: &str, n: usize) -> Vec<i32> {
    let mut ids = Vec::new();
    for i in 0..n {
        let email = format!("{prefix}{i}@elnorr.se");
        let now = chrono::Utc::now();
        let u = user::ActiveModel {
            email: Set(email.clone()),
            name: Set(format!("Medlem {i}")),
            mobile: Set("070-123 45 67".into()),
            role: Set(app::domain::Role::Installer),
            user_type: Set(Some(app::domain::UserType::Elinstallator)),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&app.db)
        .await
        .unwrap();
        owner.add_member(team, &email).await.assert_ok();
        ids.push(u.id);
    }
    ids
}

// covers: CASE-7, CASE-13, CASE-9, ADM-4
on_both_databases!(an_expired_case_refuses_every_write, |app: TestApp| async move {
    let (owner, team) = installer_with_team(&app).await;
    let team_2 = owner.create_team(COMPANY_NORR, "Norr 2").await;
    let member = member_accounts(&app, &owner, team, "medlem", 1).await[0];
    let handler = app.handler("facility").await;
    let (admin, _) = app.admin("kundservice@natbolaget.se").await;
    let id = submitted_fuse_change(&owner, team, GSRN).await;
    handler.act(id, "RequestSupplement", "Skicka ett foto").await.assert_ok();
    submitted_years_ago(&app, id, 3).await;
    let before = case_row(&app, id).await;
    let seen = app.seen(&[id]).await;

    let expired = |what: &str, a: Answer| {
        assert_eq!(a.status, 409, "{what}: {}", a.text);
        assert!(a.text.contains("mer än 2 år"), "{what}: {}", a.text);
    };
    expired("save", owner.save_case(id, &fuse_change(GSRN)).await);
    expired("answer", owner.act(id, "AnswerSupplement", "Här är fotot").await);
    expired("cancel", owner.act(id, "RequestCancellation", "Kunden ångrade sig").await);
    expired("upload", owner.upload(id, "foto", "skap.jpg", vec![0xFF, 0xD8, 0xFF, 0xE0, 1]).await);
    expired("change-team", owner.call_json("cases/change-team", json!({ "cases": seen, "team_id": team_2 })).await);
    expired(
        "move-to-member",
        owner.call_json("cases/move-to-member", json!({ "team_id": team, "cases": seen, "to_user_id": member })).await,
    );
    expired("evidence", admin.upload_evidence(id, "kundens_godkannande").await);
    let owner_id = owner.id().await;
    expired(
        "admin move",
        admin.call_json("admin/move/cases-to-installer", json!({ "cases": seen, "to_user_id": owner_id, "team_id": team_2 })).await,
    );
    // Nothing changed.
    let after = case_row(&app, id).await;
    assert_eq!((after.version, after.team_id, after.holder_user_id, &after.state), (before.version, before.team_id, before.holder_user_id, &before.state));
    let attached = case_attachment::Entity::find().filter(case_attachment::Column::CaseId.eq(id)).count(&app.db).await.unwrap();
    assert_eq!(attached, 0);
});

// covers: CASE-13, CASE-5
on_both_databases!(of_twenty_concurrent_moves_exactly_one_wins, |app: TestApp| async move {
    let (owner, team) = installer_with_team(&app).await;
    let members = member_accounts(&app, &owner, team, "medlem", 20).await;
    let id = submitted_fuse_change(&owner, team, GSRN).await;
    let seen = app.seen(&[id]).await;
    let owner = Arc::new(owner);
    let moves = members.iter().map(|to| {
        let (owner, seen) = (owner.clone(), seen.clone());
        let body = json!({ "team_id": team, "cases": seen, "to_user_id": to });
        tokio::spawn(async move { owner.call_json("cases/move-to-member", body).await })
    });
    let answers: Vec<Answer> = futures_join(moves).await;
    let won: Vec<usize> = answers.iter().enumerate().filter(|(_, a)| a.status == 200).map(|(i, _)| i).collect();
    assert_eq!(won.len(), 1, "{:?}", answers.iter().map(|a| (a.status, a.text.clone())).collect::<Vec<_>>());
    for (i, a) in answers.iter().enumerate() {
        if i != won[0] {
            assert!(a.assert_field_error(409, "cases").contains("sedan du öppnade listan"), "{}", a.text);
        }
    }
    assert_eq!(case_row(&app, id).await.holder_user_id, members[won[0]]);
});

async fn futures_join<T: Send + 'static>(tasks: impl Iterator<Item = tokio::task::JoinHandle<T>>) -> Vec<T> {
    let mut out = Vec::new();
    for t in tasks.collect::<Vec<_>>() {
        out.push(t.await.unwrap());
    }
    out
}

// covers: CASE-13, ADM-3, CASE-5
on_both_databases!(a_move_from_a_stale_screen_is_refused, |app: TestApp| async move {
    let (owner, team) = installer_with_team(&app).await;
    let members = member_accounts(&app, &owner, team, "medlem", 1).await;
    let colleague = app.installer("kollega@elnorr.se", FREE_PERSONS[1]).await;
    let colleague_team = colleague.create_team(COMPANY_NORR, "Kollegans").await;
    let (admin, _) = app.admin("kundservice@natbolaget.se").await;
    let id = submitted_fuse_change(&owner, team, GSRN).await;
    // Both opened their lists now.
    let seen = app.seen(&[id]).await;
    let colleague_id = colleague.id().await;
    admin
        .call_json("admin/move/cases-to-installer", json!({ "cases": seen, "to_user_id": colleague_id, "team_id": colleague_team }))
        .await
        .assert_ok();
    let stale = owner.call_json("cases/move-to-member", json!({ "team_id": team, "cases": seen, "to_user_id": members[0] })).await;
    assert_ne!(stale.status, 200, "{}", stale.text);
    assert_eq!(case_row(&app, id).await.holder_user_id, colleague_id);
    // The same list after a change of the case itself (here the handler's request for supplement) is stale too.
    let seen = app.seen(&[id]).await;
    app.handler("facility").await.act(id, "RequestSupplement", "Skicka ett foto").await.assert_ok();
    let back = admin.call_json("admin/move/cases-to-installer", json!({ "cases": seen, "to_user_id": owner.id().await, "team_id": team })).await;
    assert!(back.assert_field_error(409, "cases").contains("sedan du öppnade listan"), "{}", back.text);
});

// covers: TEAM-5, CASE-13
on_both_databases!(a_member_removed_during_a_move_never_keeps_a_case, |app: TestApp| async move {
    let (owner, team) = installer_with_team(&app).await;
    let owner = Arc::new(owner);
    for round in 0..4 {
        let member = member_accounts(&app, &owner, team, &format!("runda{round}-"), 1).await[0];
        let id = submitted_fuse_change(&owner, team, GSRN).await;
        let seen = app.seen(&[id]).await;
        let (o1, o2) = (owner.clone(), owner.clone());
        let mv = tokio::spawn(async move {
            o1.call_json("cases/move-to-member", json!({ "team_id": team, "cases": seen, "to_user_id": member })).await
        });
        let rm = tokio::spawn(async move {
            o2.call("teams/remove-member", &[("team_id", &team.to_string()), ("user_id", &member.to_string())]).await
        });
        let (mv, rm) = (mv.await.unwrap(), rm.await.unwrap());
        let still_member = team_member::Entity::find()
            .filter(team_member::Column::TeamId.eq(team))
            .filter(team_member::Column::UserId.eq(member))
            .count(&app.db)
            .await
            .unwrap()
            > 0;
        let holds = case_row(&app, id).await.holder_user_id == member;
        assert!(still_member || !holds, "removed ({}) yet holds the case ({})", rm.text, mv.text);
        // Out of the way for the next round (the facility is free again).
        let mut done: case::ActiveModel = case_row(&app, id).await.into();
        done.state = Set(app::domain::case::CaseState::Arkiv);
        done.update(&app.db).await.unwrap();
    }
});

// covers: TEAM-5, CASE-4, CASE-13
on_both_databases!(a_draft_started_while_its_author_is_removed_does_not_stay, |app: TestApp| async move {
    let (owner, team) = installer_with_team(&app).await;
    let member_client = app.installer("medlem@elnorr.se", FREE_PERSONS[1]).await;
    owner.add_member(team, "medlem@elnorr.se").await.assert_ok();
    let member_id = member_client.id().await;
    let (team_id, member) = (team.to_string(), member_id.to_string());
    let create_form = [("case_type", "byte_av_sakring"), ("team_id", team_id.as_str())];
    let remove_form = [("team_id", team_id.as_str()), ("user_id", member.as_str())];
    let (created, removed) = tokio::join!(member_client.call("cases/create", &create_form), owner.call("teams/remove-member", &remove_form));
    let still_member = team_member::Entity::find().filter(team_member::Column::UserId.eq(member_id)).count(&app.db).await.unwrap() > 0;
    let drafts = case::Entity::find().filter(case::Column::HolderUserId.eq(member_id)).filter(case::Column::TeamId.eq(team)).count(&app.db).await.unwrap();
    assert!(still_member || drafts == 0, "removed ({}) yet holds a draft ({})", removed.text, created.text);
});

// covers: CASE-8, CASE-3, CASE-12
on_both_databases!(a_pending_cancellation_is_decided_before_completion, |app: TestApp| async move {
    let (installer, team) = installer_with_team(&app).await;
    let handler = app.handler("facility").await;
    let id = submitted_fuse_change(&installer, team, GSRN).await;
    installer.act(id, "RequestCancellation", "Kunden ångrade sig").await.assert_ok();
    let view = installer.case(id).await;
    assert_eq!(view.body["can"]["report_completion"], false);
    let refused = installer.report_completion(id).await;
    assert!(refused.assert_field_error(409, "state").contains("Makulering är begärd"), "{}", refused.text);
    assert_eq!(handler.case(id).await.body["can"]["request_supplement"], false);
    handler.act(id, "RequestSupplement", "Mer").await.assert_field_error(409, "state");
    // The handler decides; the case is then Makulerad and out of the queue.
    handler.act(id, "ConfirmCancellation", "").await.assert_ok();
    assert_eq!(installer.case(id).await.body["state"], "Makulerad");
    let queue = handler.call("cases/queue", &[("part", "Cancellations"), ("page", "0")]).await;
    assert_eq!(queue.body["total"], 0);
    // Without a request there is nothing to decide.
    let other = submitted_fuse_change(&installer, team, GSRN_2).await;
    handler.act(other, "RejectCancellation", "").await.assert_field_error(409, "state");
});

/// A team of an installer without a company (ACC-6): no organisation number.
async fn companyless_team(app: &TestApp, owner_id: i32, name: &str) -> i32 {
    let now = chrono::Utc::now();
    team::ActiveModel {
        name: Set(name.into()),
        organisationsnummer: Set(String::new()),
        company_name: Set(String::new()),
        company_address: Set(String::new()),
        contact_name: Set("Kontakt".into()),
        contact_email: Set("kontakt@example.se".into()),
        contact_phone: Set("0701234567".into()),
        owner_user_id: Set(owner_id),
        manually_approved: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        deleted_at: Set(None),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap()
    .id
}

// covers: ACC-6, CASE-6, ADM-4
on_both_databases!(teams_without_a_company_are_each_a_company_of_their_own, |app: TestApp| async move {
    let installer = app.installer("ensam@example.se", FREE_PERSONS[0]).await;
    let other = app.installer("annan@example.se", FREE_PERSONS[1]).await;
    let (installer_id, other_id) = (installer.id().await, other.id().await);
    let mine = companyless_team(&app, installer_id, "Mitt").await;
    let mine_too = companyless_team(&app, installer_id, "Mitt andra").await;
    let theirs = companyless_team(&app, other_id, "Deras").await;
    let id = submitted_fuse_change(&installer, mine, GSRN).await;
    // CASE-6: no team "of the same company".
    let choices = installer.call("cases/team-choices", &[("case_id", &id.to_string())]).await;
    assert_eq!(choices.body, json!([]), "{}", choices.text);
    let refused = installer.call_json("cases/change-team", json!({ "cases": app.seen(&[id]).await, "team_id": mine_too })).await;
    assert!(refused.assert_field_error(409, "cases").contains("organisationsnummer"), "{}", refused.text);
    // ADM-4: a move to another such team needs the customer's approval.
    let (admin, _) = app.admin("kundservice@natbolaget.se").await;
    let moved = admin.call_json("admin/move/cases-to-installer", json!({ "cases": app.seen(&[id]).await, "to_user_id": other_id, "team_id": theirs })).await;
    assert!(moved.assert_field_error(409, "cases").contains("kundens godkännande"), "{}", moved.text);
    admin.upload_evidence(id, "kundens_godkannande").await.assert_ok();
    admin
        .call_json("admin/move/cases-to-installer", json!({ "cases": app.seen(&[id]).await, "to_user_id": other_id, "team_id": theirs }))
        .await
        .assert_ok();
});

// covers: ADM-4, CASE-9
on_both_databases!(move_evidence_comes_only_from_customer_service, |app: TestApp| async move {
    let (installer, team) = installer_with_team(&app).await;
    let colleague = app.installer("kollega@elstockholm.se", FREE_PERSONS[1]).await;
    let stockholm = colleague.create_team(COMPANY_STOCKHOLM, "Stockholm").await;
    let handler = app.handler("facility").await;
    let id = submitted_solar(&installer, team).await;
    handler.act(id, "RequestSupplement", "Komplettera").await.assert_ok();
    // The installer cannot approve their own move, and a fullmakt they send counts as a case document only.
    let refused = installer.upload(id, "kundens_godkannande", "ok.pdf", pdf()).await;
    assert!(refused.assert_field_error(422, "kind").contains("kundservice"), "{}", refused.text);
    installer.upload(id, "fullmakt", "ny-fullmakt.pdf", pdf()).await.assert_ok();
    let (admin, _) = app.admin("kundservice@natbolaget.se").await;
    admin.upload_evidence(id, "kundens_godkannande").await.assert_ok();
    let to = colleague.id().await;
    let missing = admin.call_json("admin/move/cases-to-installer", json!({ "cases": app.seen(&[id]).await, "to_user_id": to, "team_id": stockholm })).await;
    assert!(missing.assert_field_error(409, "cases").contains("ny fullmakt"), "{}", missing.text);
    admin.upload_evidence(id, "fullmakt").await.assert_ok();
    admin
        .call_json("admin/move/cases-to-installer", json!({ "cases": app.seen(&[id]).await, "to_user_id": to, "team_id": stockholm }))
        .await
        .assert_ok();
});

// covers: CASE-2, CASE-13
on_both_databases!(an_open_fuse_change_blocks_another_on_the_facility, |app: TestApp| async move {
    let (installer, team) = installer_with_team(&app).await;
    let first = submitted_fuse_change(&installer, team, GSRN).await;
    let second = installer.create_case("byte_av_sakring", team).await;
    installer.save_case(second, &fuse_change(GSRN)).await.assert_ok();
    let refused = installer.act(second, "Submit", "").await;
    assert!(refused.assert_field_error(422, "facility_id").contains("inskickat säkringsbyte"), "{}", refused.text);
    // Two drafts submitted at the same moment: one goes in.
    let (a, b) = (installer.create_case("byte_av_sakring", team).await, installer.create_case("byte_av_sakring", team).await);
    for id in [a, b] {
        installer.save_case(id, &fuse_change(GSRN_2)).await.assert_ok();
    }
    let (ra, rb) = tokio::join!(installer.act(a, "Submit", ""), installer.act(b, "Submit", ""));
    assert_eq!([ra.status, rb.status].iter().filter(|s| **s == 200).count(), 1, "{} / {}", ra.text, rb.text);
    // Once the first is cancelled, the facility is free again.
    let handler = app.handler("facility").await;
    installer.act(first, "RequestCancellation", "Fel anläggning").await.assert_ok();
    handler.act(first, "ConfirmCancellation", "").await.assert_ok();
    installer.act(second, "Submit", "").await.assert_ok();
});

// A stalled upload is dropped: it holds no connection, scratch file or lock.
// covers: CASE-9, CASE-13
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stalled_upload_is_dropped() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = TestApp::spawn_with_settings(|s| s.upload_idle_timeout = std::time::Duration::from_millis(800)).await;
    let (installer, team) = installer_with_team(&app).await;
    let id = installer.create_case("byte_av_sakring", team).await;
    let cookie = installer.session_cookie().unwrap();
    let addr = app.base.trim_start_matches("http://").to_string();
    let mut conn = tokio::net::TcpStream::connect(&addr).await.unwrap();
    let head = format!(
        "POST /api/cases/{id}/attachments?kind=foto HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\nCookie: iw_session={cookie}\r\nAccept: application/json\r\n\
         Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n\
         --b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.jpg\"\r\n\r\n"
    );
    conn.write_all(head.as_bytes()).await.unwrap();
    conn.write_all(&[0xFF, 0xD8, 0xFF, 0xE0]).await.unwrap();
    // …and nothing more.
    let started = std::time::Instant::now();
    let mut answer = vec![0u8; 4096];
    let n = tokio::time::timeout(std::time::Duration::from_secs(10), conn.read(&mut answer)).await.expect("the server answers").unwrap();
    let text = String::from_utf8_lossy(&answer[..n]);
    assert!(text.starts_with("HTTP/1.1 422"), "{text}");
    assert!(text.contains("Uppladdningen avbröts"), "{text}");
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    let attached = case_attachment::Entity::find().filter(case_attachment::Column::CaseId.eq(id)).count(&app.db).await.unwrap();
    assert_eq!(attached, 0);
    // The case is not left locked: a save goes through at once.
    installer.save_case(id, &fuse_change(GSRN)).await.assert_ok();
}

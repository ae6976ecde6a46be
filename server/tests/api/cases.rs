//! Cases over HTTP: the lifecycle, refusals, moves, the two-year rule,
//! cancellation and attachments (CASE-1…CASE-12, TEAM-5).
use crate::common::*;
use serde_json::Value;

fn state(a: &Answer) -> String {
    a.body["state"].as_str().unwrap_or("").to_string()
}

// covers: CASE-3, CASE-10, CASE-11, CASE-12
on_both_databases!(the_whole_lifecycle, |app: TestApp| async move {
    let (installer, team) = installer_with_team(&app).await;
    let handler = app.handler("facility").await;
    let id = installer.create_case("byte_av_sakring", team).await;
    assert_eq!(state(&installer.case(id).await), "Utkast");
    // A draft is not in the handler's view yet.
    assert_eq!(handler.case(id).await.status, 404);

    // Drafts keep what was typed, even when something is wrong.
    let saved = installer.save_case(id, &[("facility_id", "7359990000000000"), ("customer_name", "Kund Kundsson")]).await;
    saved.assert_ok();
    assert_eq!(saved.body["problems"][0]["field"], "facility_id");
    assert_eq!(installer.case(id).await.body["values"]["facility_id"], "7359990000000000");

    installer.save_case(id, &fuse_change(GSRN)).await.assert_ok();
    installer.act(id, "Submit", "").await.assert_ok();
    let view = installer.case(id).await;
    assert_eq!(state(&view), "Pagaende");
    assert_eq!(view.body["values"]["customer_id"], "19811218-9876");

    // The facility unit's handler sees it, oldest first.
    let queue = handler.call("cases/queue", &[("part", "InProgress"), ("page", "0")]).await;
    queue.assert_ok();
    assert_eq!(queue.body["rows"][0]["id"].as_i64(), Some(id as i64));
    // The connection unit does not.
    let other_unit = app.client();
    server::accounts::create_staff(&app.db, "hl2@natbolaget.se", "Annan enhet", app::domain::Role::ConnectionHandler, HANDLER_PASSWORD).await.unwrap();
    other_unit.login("hl2@natbolaget.se", HANDLER_PASSWORD).await.assert_ok();
    assert_eq!(other_unit.case(id).await.status, 404);
    assert_eq!(other_unit.act(id, "RequestSupplement", "x").await.status, 404);

    handler.act(id, "RequestSupplement", "").await.assert_field_error(422, "message");
    handler.act(id, "RequestSupplement", "Bifoga foto på mätarskåpet.").await.assert_ok();
    let view = installer.case(id).await;
    assert_eq!(state(&view), "Komplettera");
    assert_eq!(view.body["supplement_request"], "Bifoga foto på mätarskåpet.");
    installer.upload(id, "foto", "skap.jpg", vec![0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3]).await.assert_ok();
    installer.act(id, "AnswerSupplement", "Foto bifogat.").await.assert_ok();
    assert_eq!(state(&installer.case(id).await), "Pagaende");

    installer.report_completion(id).await.assert_ok();
    assert_eq!(state(&installer.case(id).await), "Fardiganmald");
    let completed = handler.call("cases/queue", &[("part", "Completed"), ("page", "0")]).await;
    assert_eq!(completed.body["rows"][0]["id"].as_i64(), Some(id as i64));
    handler.act(id, "Archive", "").await.assert_ok();
    let view = installer.case(id).await;
    assert_eq!(state(&view), "Arkiv");

    // CASE-10: every step on the timeline, with who.
    let timeline: Vec<(String, String)> = view.body["timeline"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["what"].as_str().unwrap().to_string(), e["who"].as_str().unwrap().to_string()))
        .collect();
    let whats: Vec<&str> = timeline.iter().map(|(w, _)| w.as_str()).collect();
    assert_eq!(
        whats,
        ["Utkast skapat", "Föranmälan inskickad", "Komplettering begärd", "Bilaga tillagd", "Komplettering besvarad", "Färdiganmält", "Arkiverat"]
    );
    assert_eq!(timeline[2].1, "Handläggare");
    assert_eq!(timeline[1].1, "Johan Berg");

    // CASE-11: the installer is told of each change by e-mail, through the outbox.
    use app::server::entities::outbox;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let mail = outbox::Entity::find().filter(outbox::Column::ToEmail.eq("agare@elnorr.se")).all(&app.db).await.unwrap();
    assert!(mail.len() >= 4, "{mail:?}");
    assert!(mail.iter().any(|m| m.body.contains("Bifoga foto på mätarskåpet.")));
    assert!(mail.iter().all(|m| m.sent_at.is_none()), "without SMTP the mail stays in the outbox");
});

// covers: CASE-3, CASE-9, CASE-1
on_both_databases!(submission_lists_what_is_missing, |app: TestApp| async move {
    let (installer, team) = installer_with_team(&app).await;
    let id = installer.create_case("ny_anslutning", team).await;
    let refused = installer.act(id, "Submit", "").await;
    assert_eq!(refused.status, 422, "{}", refused.text);
    for field in ["customer_name", "customer_id", "main_fuse", "phases", "building_type", "metering_points", "attachments"] {
        refused.assert_field_error(422, field);
    }
    assert!(refused.assert_field_error(422, "attachments").contains("Situationsplan"));
    let mut fields = common_fields();
    fields.extend([("main_fuse", "25"), ("phases", "3"), ("building_type", "Villa"), ("metering_points", "1")]);
    installer.save_case(id, &fields).await.assert_ok();
    let only_attachment = installer.act(id, "Submit", "").await;
    assert_eq!(only_attachment.error().field_message("attachments").is_some(), true);
    assert!(only_attachment.error().field_message("main_fuse").is_none());
    installer.upload(id, "situationsplan", "plan.pdf", pdf()).await.assert_ok();
    installer.act(id, "Submit", "").await.assert_ok();
});

// covers: CASE-3
on_both_databases!(refused_transitions_name_the_state, |app: TestApp| async move {
    let (installer, team) = installer_with_team(&app).await;
    let id = submitted_fuse_change(&installer, team, GSRN).await;
    let again = installer.act(id, "Submit", "").await;
    assert!(again.assert_field_error(409, "state").contains("Pågående"), "{}", again.text);
    assert_eq!(installer.act(id, "Archive", "").await.status, 409);
    assert_eq!(installer.save_case(id, &fuse_change(GSRN)).await.status, 409);

    // Kontorspersonal prepares cases but may not report completion.
    let office = app.installer("kontor@elnorr.se", FREE_PERSONS[1]).await;
    installer.add_member(team, "kontor@elnorr.se").await.assert_ok();
    let theirs = {
        let c = office.create_case("byte_av_sakring", team).await;
        office.save_case(c, &fuse_change(GSRN_2)).await.assert_ok();
        c
    };
    // (kontor is registered as Elinstallatör by the helper; make them office staff)
    use app::server::entities::user;
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
    let u = user::Entity::find().filter(user::Column::Email.eq("kontor@elnorr.se")).one(&app.db).await.unwrap().unwrap();
    let mut a: user::ActiveModel = u.into();
    a.user_type = Set(Some(app::domain::UserType::Kontorspersonal));
    a.update(&app.db).await.unwrap();
    office.act(theirs, "Submit", "").await.assert_ok();
    let refused = office.report_completion(theirs).await;
    assert!(refused.assert_field_error(409, "state").contains("elinstallatör"));
    // A fellow member does not see another's case; the owner sees it but cannot act as the installer.
    assert_eq!(office.case(id).await.status, 404);
    assert_eq!(installer.case(theirs).await.status, 200);
    assert_eq!(installer.report_completion(theirs).await.status, 409);
});

// covers: CASE-2
on_both_databases!(break_length_and_fuse_change_interval, |app: TestApp| async move {
    let (installer, team) = installer_with_team(&app).await;
    let id = installer.create_case("tillfallig_brytning", team).await;
    let mut fields = common_fields();
    fields.extend([
        ("facility_id", GSRN),
        ("reason", "Byte av central"),
        ("break_start", "2099-01-15T08:00"),
        ("break_end", "2099-01-15T10:30"),
    ]);
    installer.save_case(id, &fields).await.assert_ok();
    let long = installer.act(id, "Submit", "").await;
    assert!(long.assert_field_error(422, "break_end").contains("högst 2 timmar"));

    // A fuse change completed on a facility blocks another within 12 months.
    let handler = app.handler("facility").await;
    let first = submitted_fuse_change(&installer, team, GSRN).await;
    installer.report_completion(first).await.assert_ok();
    let _ = handler;
    let second = installer.create_case("byte_av_sakring", team).await;
    installer.save_case(second, &fuse_change(GSRN)).await.assert_ok();
    let refused = installer.act(second, "Submit", "").await;
    let message = refused.assert_field_error(422, "facility_id");
    assert!(message.contains("byttes senast") && message.contains("12 månader"), "{message}");
    // Another facility is fine.
    let third = installer.create_case("byte_av_sakring", team).await;
    installer.save_case(third, &fuse_change(GSRN_2)).await.assert_ok();
    installer.act(third, "Submit", "").await.assert_ok();
});

// covers: CASE-5, CASE-4
on_both_databases!(owner_moves_cases_between_members, |app: TestApp| async move {
    let (owner, team) = installer_with_team(&app).await;
    let a = app.installer("a@elnorr.se", FREE_PERSONS[1]).await;
    let b = app.installer("b@elnorr.se", FREE_PERSONS[2]).await;
    let outsider = app.installer("c@elnorr.se", FREE_PERSONS[3]).await;
    owner.add_member(team, "a@elnorr.se").await.assert_ok();
    owner.add_member(team, "b@elnorr.se").await.assert_ok();
    let c1 = submitted_fuse_change(&a, team, GSRN).await;
    let c2 = submitted_fuse_change(&a, team, GSRN_2).await;
    let draft = a.create_case("byte_av_sakring", team).await;
    let a_id = a.id().await;
    let b_id = b.id().await;

    // The owner's view of a member.
    let list = owner.call("cases/member", &[("team_id", &team.to_string()), ("user_id", &a_id.to_string()), ("page", "0")]).await;
    assert_eq!(list.body["total"], 3);
    assert_eq!(a.call("cases/member", &[("team_id", &team.to_string()), ("user_id", &a_id.to_string()), ("page", "0")]).await.status, 404);

    let mv = async |ids: Vec<i32>, to: i32| serde_json::json!({ "team_id": team, "cases": app.seen(&ids).await, "to_user_id": to });
    // A draft in the selection: nothing moves.
    let refused = owner.call_json("cases/move-to-member", mv(vec![c1, draft], b_id).await).await;
    assert!(refused.assert_field_error(409, "cases").contains("Utkast"));
    assert_eq!(b.my_case_ids().await.len(), 0);
    // Only to someone in the team; only by the owner.
    let outsider_id = outsider.id().await;
    owner.call_json("cases/move-to-member", mv(vec![c1], outsider_id).await).await.assert_field_error(422, "to_user_id");
    assert_eq!(a.call_json("cases/move-to-member", mv(vec![c1], b_id).await).await.status, 404);

    let moved = owner.call_json("cases/move-to-member", mv(vec![c1, c2], b_id).await).await;
    moved.assert_ok();
    assert_eq!(moved.body, Value::from(2));
    // covers: CASE-10 — the timeline names from whom and to whom.
    let view = b.case(c1).await;
    let last = view.body["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["what"], "Flyttat till annan installatör");
    assert_eq!(last["message"], "Från Karin Ek till Mikael Holm.", "{last}");
    // covers: CASE-15 — both installers find the news waiting, unread.
    for who in [&a, &b] {
        assert_eq!(who.call("notifications/unread", &[]).await.body, 2);
    }
    let mut theirs = b.my_case_ids().await;
    theirs.sort();
    assert_eq!(theirs, vec![c1 as i64, c2 as i64]);
    assert_eq!(a.my_case_ids().await, vec![draft as i64]);
    assert_eq!(a.case(c1).await.status, 404);

    // A stale selection: c1 was completed meanwhile.
    b.report_completion(c1).await.assert_ok();
    let stale = owner.call_json("cases/move-to-member", mv(vec![c1, c2], a_id).await).await;
    assert!(stale.assert_field_error(409, "cases").contains("Färdiganmälda"));
    assert_eq!(b.my_case_ids().await.len(), 2, "all or nothing");
    // Recorded for the audit log.
    use app::server::entities::audit_log;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let audit = audit_log::Entity::find().filter(audit_log::Column::Action.eq("case.moved")).all(&app.db).await.unwrap();
    assert_eq!(audit.len(), 2);
});

// covers: CASE-6
on_both_databases!(installer_changes_team_within_the_company, |app: TestApp| async move {
    let (installer, north) = installer_with_team(&app).await;
    let north_2 = installer.create_team(COMPANY_NORR, "Norr 2").await;
    let stockholm = installer.create_team(COMPANY_STOCKHOLM, "Stockholm").await;
    let c1 = submitted_fuse_change(&installer, north, GSRN).await;
    let c2 = submitted_fuse_change(&installer, north, GSRN_2).await;

    let choices = installer.call("cases/team-choices", &[("case_id", &c1.to_string())]).await;
    let ids: Vec<i64> = choices.body.as_array().unwrap().iter().map(|t| t["id"].as_i64().unwrap()).collect();
    assert_eq!(ids, vec![north_2 as i64], "only teams with the case's organisation number");

    let other_company = installer.call_json("cases/change-team", serde_json::json!({ "cases": app.seen(&[c1]).await, "team_id": stockholm })).await;
    assert!(other_company.assert_field_error(409, "cases").contains("organisationsnummer"));
    installer.report_completion(c2).await.assert_ok();
    let completed = installer.call_json("cases/change-team", serde_json::json!({ "cases": app.seen(&[c1, c2]).await, "team_id": north_2 })).await;
    assert!(completed.assert_field_error(409, "cases").contains("Färdiganmälda"));
    installer.call_json("cases/change-team", serde_json::json!({ "cases": app.seen(&[c1]).await, "team_id": north_2 })).await.assert_ok();
    let row = installer.call("cases/mine", &[("state_code", ""), ("query", ""), ("page", "0"), ("team_id", &north_2.to_string())]).await;
    assert_eq!(row.body["total"], 1);
    assert_eq!(row.body["rows"][0]["id"].as_i64(), Some(c1 as i64));
    // Someone else's cases cannot be moved.
    let other = app.installer("annan@elnorr.se", FREE_PERSONS[1]).await;
    let theirs = other.call_json("cases/change-team", serde_json::json!({ "cases": app.seen(&[c1]).await, "team_id": north_2 })).await;
    assert_ne!(theirs.status, 200);
});

// covers: TEAM-5, TEAM-6
on_both_databases!(a_member_with_open_cases_is_not_removed, |app: TestApp| async move {
    let (owner, team) = installer_with_team(&app).await;
    let member = app.installer("medlem@elnorr.se", FREE_PERSONS[1]).await;
    owner.add_member(team, "medlem@elnorr.se").await.assert_ok();
    let c = submitted_fuse_change(&member, team, GSRN).await;
    let member_id = member.id().await.to_string();
    let refused = owner.call("teams/remove-member", &[("team_id", &team.to_string()), ("user_id", &member_id)]).await;
    let message = refused.assert_field_error(409, "member");
    assert!(message.contains("1 ärende") && message.contains("Flytta"), "{message}");
    let owner_id = owner.id().await;
    owner.call_json("cases/move-to-member", serde_json::json!({ "team_id": team, "cases": app.seen(&[c]).await, "to_user_id": owner_id })).await.assert_ok();
    owner.call("teams/remove-member", &[("team_id", &team.to_string()), ("user_id", &member_id)]).await.assert_ok();
    // TEAM-6: the owner's own open case now blocks deleting the team.
    let refused = owner.call("teams/delete", &[("team_id", &team.to_string())]).await;
    assert!(refused.assert_field_error(409, "team").contains("1 ärende"));
});

// covers: CASE-7
#[tokio::test]
async fn two_years_after_submission_the_case_is_read_only() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let clock = std::sync::Arc::new(ShiftedClock::default());
        let Some(app) = TestApp::spawn_with_clock(backend, clock.clone()).await else { continue };
        let (installer, team) = installer_with_team(&app).await;
        let id = submitted_fuse_change(&installer, team, GSRN).await;
        clock.advance(chrono::Duration::days(365 * 2 - 2));
        // Sessions do not last that long.
        installer.login("agare@elnorr.se", PASSWORD).await.assert_ok();
        installer.act(id, "RequestCancellation", "Kunden ångrade sig").await.assert_ok();
        let fresh = submitted_fuse_change(&installer, team, GSRN_2).await;
        clock.advance(chrono::Duration::days(3));
        installer.login("agare@elnorr.se", PASSWORD).await.assert_ok();
        let view = installer.case(fresh).await;
        assert!(view.body["read_only_message"].is_null(), "a case submitted later is still open");
        let old = installer.case(id).await;
        let message = old.body["read_only_message"].as_str().unwrap().to_string();
        assert!(message.contains("elanlaggning@natbolaget.example"), "{message}");
        assert_eq!(old.body["can"]["report_completion"], false);
        let refused = installer.report_completion(id).await;
        assert!(refused.assert_field_error(409, "state").contains("mer än 2 år"));
    }
}

// covers: CASE-8, CASE-12
on_both_databases!(cancellation_goes_to_the_unit, |app: TestApp| async move {
    let (installer, team) = installer_with_team(&app).await;
    let handler = app.handler("facility").await;
    let id = submitted_fuse_change(&installer, team, GSRN).await;
    installer.act(id, "RequestCancellation", "").await.assert_field_error(422, "reason");
    // Only the installer who holds it: not the team owner for a member, not an admin.
    let (admin, _) = app.admin("admin@natbolaget.se").await;
    let refused = admin.act(id, "RequestCancellation", "Kunden ringde").await;
    assert_eq!(refused.status, 409, "{}", refused.text);

    installer.act(id, "RequestCancellation", "Kunden har valt en annan lösning.").await.assert_ok();
    assert_eq!(installer.act(id, "RequestCancellation", "igen").await.status, 409);
    let queue = handler.call("cases/queue", &[("part", "Cancellations"), ("page", "0")]).await;
    assert_eq!(queue.body["rows"][0]["id"].as_i64(), Some(id as i64));
    assert_eq!(handler.case(id).await.body["cancellation_reason"], "Kunden har valt en annan lösning.");
    handler.act(id, "ConfirmCancellation", "").await.assert_ok();
    assert_eq!(state(&installer.case(id).await), "Makulerad");

    // A rejected request leaves the case where it was.
    let other = submitted_fuse_change(&installer, team, GSRN_2).await;
    installer.act(other, "RequestCancellation", "Fel anläggning").await.assert_ok();
    handler.act(other, "RejectCancellation", "Arbetet är redan beställt.").await.assert_ok();
    let view = installer.case(other).await;
    assert_eq!(state(&view), "Pagaende");
    assert!(view.body["cancellation_reason"].is_null());
});

// covers: CASE-9
on_both_databases!(attachments_are_checked_by_content_and_size, |app: TestApp| async move {
    let (installer, team) = installer_with_team(&app).await;
    let id = installer.create_case("ny_anslutning", team).await;
    let ok = installer.upload(id, "situationsplan", "../../plan.pdf", pdf()).await;
    ok.assert_ok();
    assert_eq!(ok.body["file_name"], "plan.pdf");
    let exe = installer.upload(id, "situationsplan", "faktura.pdf", b"MZ\x90\x00\x03 this is an executable".to_vec()).await;
    assert!(exe.assert_field_error(422, "file").contains("PDF, JPEG eller PNG"));
    let mut big = pdf();
    big.resize(10 * 1024 * 1024 + 1, b' ');
    let too_big = installer.upload(id, "situationsplan", "stor.pdf", big).await;
    assert!(too_big.assert_field_error(422, "file").contains("för stor"));
    installer.upload(id, "okand", "plan.pdf", pdf()).await.assert_field_error(422, "kind");

    let view = installer.case(id).await;
    assert_eq!(view.body["attachments"].as_array().unwrap().len(), 1);
    let url = format!("{}{}", app.base, view.body["attachments"][0]["url"].as_str().unwrap());
    let download = installer.http.get(&url).send().await.unwrap();
    assert_eq!(download.status(), 200);
    assert_eq!(download.headers()["content-type"], "application/pdf");
    assert!(download.headers()["content-disposition"].to_str().unwrap().contains("plan.pdf"));
    assert_eq!(download.bytes().await.unwrap().to_vec(), pdf());
    // Nobody else gets it.
    let outsider = app.installer("annan@elnorr.se", FREE_PERSONS[1]).await;
    assert_eq!(outsider.http.get(&url).send().await.unwrap().status(), 404);
    assert_eq!(app.client().http.get(&url).send().await.unwrap().status(), 401);
    assert_eq!(outsider.upload(id, "situationsplan", "x.pdf", pdf()).await.status, 404);
});

// Two owners' moves of the same case at once leave it in one place.
// covers: CASE-5
on_both_databases!(concurrent_moves_leave_a_case_in_one_place, |app: TestApp| async move {
    let (owner, team) = installer_with_team(&app).await;
    let a = app.installer("a@elnorr.se", FREE_PERSONS[1]).await;
    let b = app.installer("b@elnorr.se", FREE_PERSONS[2]).await;
    owner.add_member(team, "a@elnorr.se").await.assert_ok();
    owner.add_member(team, "b@elnorr.se").await.assert_ok();
    let c = submitted_fuse_change(&owner, team, GSRN).await;
    let (a_id, b_id) = (a.id().await, b.id().await);
    let to_a = serde_json::json!({ "team_id": team, "cases": app.seen(&[c]).await, "to_user_id": a_id });
    let to_b = serde_json::json!({ "team_id": team, "cases": app.seen(&[c]).await, "to_user_id": b_id });
    let (ra, rb) = tokio::join!(owner.call_json("cases/move-to-member", to_a), owner.call_json("cases/move-to-member", to_b));
    let held_by_a = a.my_case_ids().await.contains(&(c as i64));
    let held_by_b = b.my_case_ids().await.contains(&(c as i64));
    assert!(held_by_a ^ held_by_b, "exactly one holder ({} / {})", ra.text, rb.text);
    assert!(ra.status == 200 || rb.status == 200);
});

// covers: CASE-14
on_both_databases!(completion_reports_the_date_the_meter_and_the_inspection, |app: TestApp| async move {
    let (installer, team) = installer_with_team(&app).await;
    let handler = app.handler("facility").await;
    let id = submitted_fuse_change(&installer, team, GSRN).await;
    let view = installer.case(id).await;
    assert_eq!(view.body["meter_at_completion"], true, "a fuse change is on a metered facility");
    assert!(view.body["completion"].is_null());
    let case_id = id.to_string();

    // Nothing filled in: every field named, nothing changes.
    let empty = installer.call("cases/report-completion", &[("case_id", case_id.as_str())]).await;
    empty.assert_field_error(422, "work_date");
    let named: Vec<String> = match empty.error() {
        app::error::AppError::Invalid(errors) => errors.into_iter().map(|e| e.field).collect(),
        other => panic!("{other:?}"),
    };
    assert_eq!(named, ["work_date", "meter_number", "meter_reading", "inspected"]);
    assert_eq!(state(&installer.case(id).await), "Pagaende");
    // Work done tomorrow, or without the installer's word: refused.
    let tomorrow = (chrono::Utc::now().date_naive() + chrono::Duration::days(1)).to_string();
    let today = chrono::Utc::now().date_naive().to_string();
    let future = [("case_id", case_id.as_str()), ("work_date", &tomorrow), ("meter_number", "M1"), ("meter_reading", "5"), ("inspected", "on")];
    assert!(installer.call("cases/report-completion", &future).await.assert_field_error(422, "work_date").contains("framtiden"));
    let unsworn = [("case_id", case_id.as_str()), ("work_date", &today), ("meter_number", "M1"), ("meter_reading", "5")];
    installer.call("cases/report-completion", &unsworn).await.assert_field_error(422, "inspected");
    // Someone else's case: not theirs to report.
    let (stranger, _) = {
        let c = app.installer("frammande@elnorr.se", FREE_PERSONS[3]).await;
        let t = c.create_team(COMPANY_NORR, "Främmande").await;
        (c, t)
    };
    assert!([403, 404].contains(&stranger.report_completion(id).await.status));
    assert_eq!(state(&installer.case(id).await), "Pagaende");

    let report = [
        ("case_id", case_id.as_str()),
        ("work_date", &today),
        ("meter_number", " ab-4711 "),
        ("meter_reading", "12 345"),
        ("inspected", "on"),
        ("message", "Huvudsäkring bytt till 25 A."),
    ];
    installer.call("cases/report-completion", &report).await.assert_ok();
    let view = installer.case(id).await;
    assert_eq!(state(&view), "Fardiganmald");
    let completion = &view.body["completion"];
    assert_eq!(completion["work_done_on"], today.as_str());
    assert_eq!(completion["meter"]["meter_number"], "AB-4711");
    assert_eq!(completion["meter"]["reading_kwh"], 12345);
    assert_eq!(completion["inspected"], true);
    assert_eq!(completion["message"], "Huvudsäkring bytt till 25 A.");
    // On the timeline in words, and the handler sees the same report.
    let last = view.body["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["what"], "Färdiganmält");
    let said = last["message"].as_str().unwrap();
    assert!(said.contains(&format!("Arbetet utfört {today}")) && said.contains("AB-4711") && said.contains("12345 kWh"), "{said}");
    assert_eq!(handler.case(id).await.body["completion"], *completion);
    // Reported once: a second report is refused by the state machine.
    assert_eq!(installer.call("cases/report-completion", &report).await.status, 409);
});

// covers: CASE-9, CASE-10
on_both_databases!(an_attachment_is_taken_away_while_the_case_may_be_edited, |app: TestApp| async move {
    let (installer, team) = installer_with_team(&app).await;
    let handler = app.handler("facility").await;
    let id = installer.create_case("byte_av_sakring", team).await;
    let first = installer.upload(id, "foto", "fel-bild.pdf", pdf()).await;
    first.assert_ok();
    let first_id = first.body["id"].as_i64().unwrap().to_string();
    let case_id = id.to_string();
    let remove = async |who: &Client, attachment: &str| {
        who.call("cases/remove-attachment", &[("case_id", case_id.as_str()), ("attachment_id", attachment)]).await
    };
    // Someone else cannot; then the holder can, and it is on the timeline.
    let stranger = app.installer("annan@elnorr.se", FREE_PERSONS[3]).await;
    assert!([403, 404].contains(&remove(&stranger, &first_id).await.status));
    remove(&installer, &first_id).await.assert_ok();
    let view = installer.case(id).await;
    assert_eq!(view.body["attachments"].as_array().unwrap().len(), 0);
    let last = view.body["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["what"], "Bilaga borttagen");
    assert_eq!(last["message"], "Foto: fel-bild.pdf");
    assert_eq!(remove(&installer, &first_id).await.status, 404, "gone is gone");
    // Submitted: attachments stay, until the handler asks for more.
    let kept = installer.upload(id, "foto", "skap.pdf", pdf()).await.body["id"].as_i64().unwrap().to_string();
    installer.save_case(id, &fuse_change(GSRN)).await.assert_ok();
    installer.act(id, "Submit", "").await.assert_ok();
    remove(&installer, &kept).await.assert_field_error(409, "state");
    handler.act(id, "RequestSupplement", "Ny bild, tack.").await.assert_ok();
    remove(&installer, &kept).await.assert_ok();
    assert_eq!(installer.case(id).await.body["attachments"].as_array().unwrap().len(), 0);
    // The handler never removes the installer's documents.
    let again = installer.upload(id, "foto", "ny-bild.pdf", pdf()).await.body["id"].as_i64().unwrap().to_string();
    assert!([403, 409].contains(&remove(&handler, &again).await.status));
});

// covers: CASE-1, CASE-9
on_both_databases!(the_case_types_rules_hold_when_submitting, |app: TestApp| async move {
    let (owner, team) = installer_with_team(&app).await;
    let other = app.installer("annan@elsthlm.se", FREE_PERSONS[1]).await;
    let other_team = other.create_team(COMPANY_STOCKHOLM, "Stockholm").await;
    let number_of = async |who: &Client, id: i32| who.case(id).await.body["case_number"].as_str().unwrap().to_string();
    let ours = owner.create_case("ny_anslutning", team).await;
    let our_number = number_of(&owner, ours).await;
    let theirs = other.create_case("ny_anslutning", other_team).await;
    let their_number = number_of(&other, theirs).await;

    let id = owner.create_case("produktion_nybyggnation", team).await;
    let mut values = common_fields();
    values.extend([
        ("production_type", "sol"),
        ("main_fuse", "80"),
        ("inverter_model", "Växla 60K"),
        ("inverter_phases", "3"),
        ("max_feed_in_kw", "60"),
        ("installed_power_kw", "70"),
        ("units", "120"),
        ("linked_case_number", their_number.as_str()),
    ]);
    owner.save_case(id, &values).await.assert_ok();
    for kind in ["fullmakt", "anmalan_produktion", "produktblad"] {
        owner.upload(id, kind, &format!("{kind}.pdf"), pdf()).await.assert_ok();
    }
    // Another company's connection is not this one's; above 43.5 kW a site plan is needed too.
    let refused = owner.act(id, "Submit", "").await;
    assert!(refused.assert_field_error(422, "linked_case_number").contains("hos företaget"));
    assert!(refused.body.to_string().contains("Situationsplan"), "{:?}", refused.body);
    let view = owner.case(id).await;
    assert!(view.body["required_attachments"].as_array().unwrap().iter().any(|k| k[0] == "situationsplan"), "{:?}", view.body);

    let last = values.len() - 1;
    values[last] = ("linked_case_number", our_number.as_str());
    owner.save_case(id, &values).await.assert_ok();
    owner.upload(id, "situationsplan", "plan.pdf", pdf()).await.assert_ok();
    owner.act(id, "Submit", "").await.assert_ok();

    // A customer without a Swedish personnummer: the birth date instead.
    let id = owner.create_case("byte_av_sakring", team).await;
    let mut values: Vec<(&str, &str)> = fuse_change(GSRN).into_iter().filter(|(k, _)| *k != "customer_id").collect();
    values.push(("customer_without_personnummer", "ja"));
    owner.save_case(id, &values).await.assert_ok();
    owner.act(id, "Submit", "").await.assert_field_error(422, "customer_birth_date");
    values.push(("customer_birth_date", "1975-04-11"));
    owner.save_case(id, &values).await.assert_ok();
    owner.act(id, "Submit", "").await.assert_ok();
});

//! Who is asking never travels from one request to another. An admin acting
//! for an installer (ADM-2) uses the plain routes (event stream, attachment
//! downloads and uploads) while an unrelated installer renders pages and
//! calls server functions on the same worker threads; the installer must
//! never be treated as the admin. This reproduced the leak of issue 9: the
//! acting admin was put into the reactive owner of whichever page render was
//! current on the thread.
use crate::common::*;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long the admin and the installer run side by side.
const WINDOW: Duration = Duration::from_secs(8);
/// A customer whose name shows on no page but the holder's.
const SECRET_CUSTOMER: &str = "Hemliga Kunden Abrahamsson";

#[derive(Default)]
struct Tally {
    requests: AtomicUsize,
    foreign_case_answered: AtomicUsize,
    foreign_page_shown: AtomicUsize,
    foreign_attachment_downloaded: AtomicUsize,
    acting_banner_seen: AtomicUsize,
}

impl Tally {
    fn count(&self, counter: &AtomicUsize, leaked: bool) {
        self.requests.fetch_add(1, Ordering::Relaxed);
        if leaked {
            counter.fetch_add(1, Ordering::Relaxed);
        }
    }
}

// covers: ADM-2, CASE-4
on_both_databases!(an_acting_admin_never_leaks_into_another_installers_requests, |app: TestApp| async move {
    // A: a third installer, another company, with a case and an attachment.
    let a = app.installer("a@elnorr.se", FREE_PERSONS[0]).await;
    let a_team = a.create_team(COMPANY_NORR, "Norr").await;
    let a_case = a.create_case("byte_av_sakring", a_team).await;
    let mut fields = fuse_change(GSRN);
    fields.retain(|(k, _)| *k != "customer_name");
    fields.push(("customer_name", SECRET_CUSTOMER));
    a.save_case(a_case, &fields).await.assert_ok();
    let uploaded = a.upload(a_case, "foto", "matarskap.jpg", vec![0xFF, 0xD8, 0xFF, 0xE0, 9, 9]).await;
    uploaded.assert_ok();
    let a_attachment = uploaded.body["id"].as_i64().unwrap();

    // C: the installer the admin acts for, with a case and an attachment of their own.
    let c = app.installer("c@elstockholm.se", FREE_PERSONS[1]).await;
    let c_team = c.create_team(COMPANY_STOCKHOLM, "Stockholm").await;
    let c_case = c.create_case("byte_av_sakring", c_team).await;
    let c_attachment = c.upload(c_case, "foto", "c.jpg", vec![0xFF, 0xD8, 0xFF, 0xE0, 1]).await.body["id"].as_i64().unwrap();

    // B: an unrelated installer using the portal normally.
    let b = Arc::new(app.installer("b@elfirma.se", FREE_PERSONS[2]).await);
    let b_id = b.id().await;
    let b_team = b.create_team(COMPANY_NORR, "B:s team").await;
    // Baseline: B cannot see A's case.
    assert_eq!(b.case(a_case).await.status, 404);

    let (admin, _) = app.admin("kundservice@natbolaget.se").await;
    admin.call("admin/acting/start", &[("number", FREE_PERSONS[1].0)]).await.assert_ok();
    let admin = Arc::new(admin);

    let deadline = Instant::now() + WINDOW;
    let stop = Arc::new(AtomicBool::new(false));
    let tally = Arc::new(Tally::default());
    let mut tasks = Vec::new();

    // The acting admin: opens and closes the event stream, downloads and uploads attachments.
    for round in 0..2 {
        let (admin, base) = (admin.clone(), app.base.clone());
        tasks.push(tokio::spawn(async move {
            let mut n = 0u32;
            while Instant::now() < deadline {
                n += 1;
                if (n + round) % 2 == 0 {
                    let mut stream = admin.http.get(format!("{base}/api/events")).send().await.expect("events");
                    assert_eq!(stream.status(), 200);
                    let _ = tokio::time::timeout(Duration::from_secs(2), stream.chunk()).await;
                } else if n % 5 == 0 {
                    admin.upload(c_case, "foto", "ny.jpg", vec![0xFF, 0xD8, 0xFF, 0xE0, n as u8]).await.assert_ok();
                } else {
                    let res = admin.get_page(&format!("/api/cases/{c_case}/attachments/{c_attachment}")).await;
                    assert_eq!(res.status(), 200, "the acting admin downloads the installer's attachment");
                }
            }
        }));
    }

    // B: pages, server functions, downloads and new drafts, several at a time.
    for worker in 0..4usize {
        let (b, tally, stop) = (b.clone(), tally.clone(), stop.clone());
        tasks.push(tokio::spawn(async move {
            let mut n = 0usize;
            while Instant::now() < deadline && !stop.load(Ordering::Relaxed) {
                n += 1;
                match (n + worker) % 5 {
                    0 => {
                        let page = b.get_page(&format!("/arenden/{a_case}")).await;
                        let html = page.text().await.unwrap_or_default();
                        tally.count(&tally.foreign_page_shown, html.contains(SECRET_CUSTOMER));
                        tally.count(&tally.acting_banner_seen, html.contains("Admin för"));
                    }
                    1 => {
                        let answer = b.case(a_case).await;
                        tally.count(&tally.foreign_case_answered, answer.status == 200 || answer.text.contains(SECRET_CUSTOMER));
                    }
                    2 => {
                        let me = b.me().await;
                        tally.count(&tally.acting_banner_seen, !me["acting_admin"].is_null() || me["id"] != b_id);
                    }
                    3 => {
                        let res = b.get_page(&format!("/api/cases/{a_case}/attachments/{a_attachment}")).await;
                        tally.count(&tally.foreign_attachment_downloaded, res.status() == 200);
                    }
                    _ => {
                        if n % 3 == 0 {
                            b.create_case("byte_av_sakring", b_team).await;
                        } else {
                            let page = b.get_page("/").await;
                            let html = page.text().await.unwrap_or_default();
                            tally.count(&tally.acting_banner_seen, html.contains("Admin för"));
                        }
                    }
                }
            }
        }));
    }
    for task in tasks {
        task.await.expect("a task failed");
    }

    let requests = tally.requests.load(Ordering::Relaxed);
    assert!(requests > 100, "the installer made too few requests to prove anything: {requests}");
    let leaks = [
        ("cases/get of the foreign case answered", &tally.foreign_case_answered),
        ("the foreign case's page shown", &tally.foreign_page_shown),
        ("the foreign attachment downloaded", &tally.foreign_attachment_downloaded),
        ("the installer treated as the acting admin", &tally.acting_banner_seen),
    ];
    let found: Vec<String> = leaks
        .iter()
        .map(|(what, n)| (what, n.load(Ordering::Relaxed)))
        .filter(|(_, n)| *n > 0)
        .map(|(what, n)| format!("{what}: {n}"))
        .collect();
    assert!(found.is_empty(), "leaks in {requests} requests: {found:?}");

    // Nothing B did was recorded as the admin's.
    use app::server::entities::{audit_log, case, case_event};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let b_cases: Vec<i32> = case::Entity::find()
        .filter(case::Column::HolderUserId.eq(b_id))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert!(b_cases.len() > 1, "B created drafts during the window");
    let b_events = case_event::Entity::find().filter(case_event::Column::CaseId.is_in(b_cases)).all(&app.db).await.unwrap();
    for event in &b_events {
        assert_eq!((event.actor_user_id, event.on_behalf_of_user_id), (Some(b_id), None), "{event:?}");
    }
    let on_b_behalf = audit_log::Entity::find().filter(audit_log::Column::OnBehalfOfUserId.eq(b_id)).all(&app.db).await.unwrap();
    assert!(on_b_behalf.is_empty(), "{on_b_behalf:?}");
});

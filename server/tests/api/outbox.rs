//! CASE-11: notifications leave through the outbox: delivered over SMTP when
//! a server answers, kept and retried when it does not — never lost.
use crate::common::*;
use server::mailer::{deliver_due, Smtp};

/// A port nothing listens on.
async fn closed_port() -> u16 {
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    l.local_addr().unwrap().port()
}

async fn queue_a_notification(app: &TestApp) {
    let owner = app.installer("agare@elnorr.se", FREE_PERSONS[0]).await;
    let team = owner.create_team(COMPANY_NORR, "Norr").await;
    let handler = app.handler("facility").await;
    let id = owner.create_case("byte_av_sakring", team).await;
    owner.save_case(id, &fuse_change(GSRN)).await.assert_ok();
    owner.act(id, "Submit", "").await.assert_ok();
    handler.act(id, "RequestSupplement", "Skicka ett foto.").await.assert_ok();
}

// covers: CASE-11
on_both_databases!(delivered_over_smtp, |app: TestApp| async move {
    queue_a_notification(&app).await;
    use app::server::entities::outbox;
    use sea_orm::EntityTrait;
    let queued = outbox::Entity::find().all(&app.db).await.unwrap().len();
    assert!(queued >= 1);
    let (port, received) = smtp_sink().await;
    let smtp = Smtp::from_url(&format!("smtp://127.0.0.1:{port}"), "Installatörswebben <noreply@natbolaget.se>").unwrap();
    let sent = deliver_due(&app.db, &smtp, chrono::Utc::now()).await.unwrap();
    assert_eq!(sent, queued);
    let messages = received.lock().unwrap().clone();
    assert_eq!(messages.len(), queued);
    assert!(messages.iter().any(|m| m.contains("Skicka ett foto.")), "{messages:?}");
    let rows = outbox::Entity::find().all(&app.db).await.unwrap();
    assert!(rows.iter().all(|r| r.sent_at.is_some() && r.attempts == 1));
    // Nothing is sent twice.
    assert_eq!(deliver_due(&app.db, &smtp, chrono::Utc::now()).await.unwrap(), 0);
    // A one-time link does not stay readable in the outbox once sent (ACC-7).
    use sea_orm::{ActiveModelTrait, Set};
    let token = app::server::auth::new_token();
    let now = chrono::Utc::now();
    outbox::ActiveModel {
        to_email: Set("per@elfirma.se".into()),
        subject: Set("Välj lösenord".into()),
        body: Set(format!("Öppna http://127.0.0.1/satt-losenord/{token} inom sju dagar.")),
        created_at: Set(now),
        attempts: Set(0),
        next_attempt_at: Set(now),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    assert_eq!(deliver_due(&app.db, &smtp, chrono::Utc::now()).await.unwrap(), 1);
    let delivered = received.lock().unwrap().last().unwrap().replace("=\n", "");
    assert!(delivered.contains(&token), "the recipient gets the link: {delivered}");
    let kept = outbox::Entity::find().all(&app.db).await.unwrap();
    assert!(kept.iter().all(|m| !m.body.contains(&token)), "the link stays in the outbox");
});

// covers: CASE-11
on_both_databases!(kept_and_retried_while_smtp_is_down, |app: TestApp| async move {
    queue_a_notification(&app).await;
    use app::server::entities::outbox;
    use sea_orm::EntityTrait;
    let down = Smtp::from_url(&format!("smtp://127.0.0.1:{}", closed_port().await), "noreply@natbolaget.se").unwrap();
    let now = chrono::Utc::now();
    assert_eq!(deliver_due(&app.db, &down, now).await.unwrap(), 0);
    let rows = outbox::Entity::find().all(&app.db).await.unwrap();
    assert!(rows.iter().all(|r| r.sent_at.is_none() && r.attempts == 1 && r.last_error.is_some() && r.next_attempt_at > now));
    // Not retried before its time; then delivered once a server answers.
    let (port, received) = smtp_sink().await;
    let up = Smtp::from_url(&format!("smtp://127.0.0.1:{port}"), "noreply@natbolaget.se").unwrap();
    assert_eq!(deliver_due(&app.db, &up, now).await.unwrap(), 0);
    let later = now + chrono::Duration::minutes(2);
    assert_eq!(deliver_due(&app.db, &up, later).await.unwrap(), rows.len());
    assert_eq!(received.lock().unwrap().len(), rows.len());
    let rows = outbox::Entity::find().all(&app.db).await.unwrap();
    assert!(rows.iter().all(|r| r.sent_at.is_some() && r.attempts == 2));
});

// covers: CASE-11
on_both_databases!(an_admin_tries_a_waiting_message_again_at_once, |app: TestApp| async move {
    use app::server::entities::{audit_log, outbox};
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};
    let later = chrono::Utc::now() + chrono::Duration::hours(1);
    let mut waiting = app::server::outbox::message(chrono::Utc::now(), "kund@exempel.se", "Ämne".into(), "Text".into());
    waiting.next_attempt_at = Set(later);
    waiting.attempts = Set(3);
    waiting.last_error = Set(Some("connection refused".into()));
    let waiting = waiting.insert(&app.db).await.unwrap();
    let mut sent = app::server::outbox::message(chrono::Utc::now(), "kund@exempel.se", "Ämne".into(), "Text".into());
    sent.sent_at = Set(Some(chrono::Utc::now()));
    let sent = sent.insert(&app.db).await.unwrap();
    let (admin, _) = app.admin("chef@natbolaget.se").await;

    let listed = admin.call("admin/outbox", &[("page", "0")]).await;
    listed.assert_ok();
    admin.call("admin/outbox/retry", &[("id", &waiting.id.to_string())]).await.assert_ok();
    let now_due = outbox::Entity::find_by_id(waiting.id).one(&app.db).await.unwrap().unwrap();
    assert!(now_due.next_attempt_at < later - chrono::Duration::minutes(30), "due now, not in an hour");
    assert_eq!(now_due.attempts, 3, "the count of tries stays");
    let audited = audit_log::Entity::find().filter(audit_log::Column::Action.eq("outbox.retried")).count(&app.db).await.unwrap();
    assert_eq!(audited, 1);
    admin.call("admin/outbox/retry", &[("id", &sent.id.to_string())]).await.assert_field_error(409, "id");
    assert_eq!(admin.call("admin/outbox/retry", &[("id", "999999")]).await.status, 404);
    let (installer, _) = installer_with_team(&app).await;
    assert_eq!(installer.call("admin/outbox/retry", &[("id", &waiting.id.to_string())]).await.status, 403);
});

//! CASE-12: the handler's queue — its parts, search, filters and order — and
//! who at the unit works a case (`Ta ärendet`, `Släpp ärendet`), with the
//! installer's contact details and attachment previews on the case page.
use crate::common::*;
use app::domain::Gsrn;

fn ids(a: &Answer) -> Vec<i64> {
    a.assert_ok();
    a.body["rows"].as_array().unwrap().iter().map(|r| r["id"].as_i64().unwrap()).collect()
}

/// A submitted fuse change for `customer` on a facility of its own.
async fn submitted_for(who: &Client, team: i32, serial: u64, customer: &str) -> i64 {
    let gsrn = Gsrn::swedish(serial).to_string();
    let id = who.create_case("byte_av_sakring", team).await;
    let mut values: Vec<(&str, &str)> =
        fuse_change(GSRN).into_iter().filter(|(k, _)| !matches!(*k, "facility_id" | "customer_name")).collect();
    values.extend([("facility_id", gsrn.as_str()), ("customer_name", customer)]);
    who.save_case(id, &values).await.assert_ok();
    who.act(id, "Submit", "").await.assert_ok();
    i64::from(id)
}

async fn queue(handler: &Client, form: &[(&str, &str)]) -> Answer {
    handler.call("cases/queue", form).await
}

/// Today as a Swedish calendar shows it, and the days beside it.
fn swedish_days() -> (String, String, String) {
    let day = |d: chrono::Duration| app::domain::swedish_time::local(chrono::Utc::now() + d).date().to_string();
    (day(chrono::Duration::days(-1)), day(chrono::Duration::zero()), day(chrono::Duration::days(1)))
}

// covers: CASE-12
on_both_databases!(the_queue_is_searched_filtered_and_ordered, |app: TestApp| async move {
    let (norr, norr_team) = installer_with_team(&app).await;
    let sthlm = app.installer("agare@elsthlm.se", FREE_PERSONS[1]).await;
    let sthlm_team = sthlm.create_team(COMPANY_STOCKHOLM, "Stockholm").await;
    let handler = app.handler("facility").await;

    let anna = submitted_for(&norr, norr_team, 101, "Anna Andersson").await;
    let bertil = submitted_for(&norr, norr_team, 102, "Bertil Berg").await;
    let cecilia = submitted_for(&norr, norr_team, 103, "Cecilia Carlsson").await;
    let dora = submitted_for(&sthlm, sthlm_team, 104, "Dora Dahl").await;

    // Oldest submission first by default; newest first when asked.
    assert_eq!(ids(&queue(&handler, &[]).await), [anna, bertil, cecilia, dora]);
    assert_eq!(ids(&queue(&handler, &[("sort", "nyast")]).await), [dora, cecilia, bertil, anna]);

    // Search: the customer's name, the case number, the company's organisation number.
    assert_eq!(ids(&queue(&handler, &[("query", "berg")]).await), [bertil]);
    let number = handler.case(dora as i32).await.body["case_number"].as_str().unwrap().to_string();
    assert_eq!(ids(&queue(&handler, &[("query", &number)]).await), [dora]);
    assert_eq!(ids(&queue(&handler, &[("query", COMPANY_STOCKHOLM)]).await), [dora]);
    assert_eq!(ids(&queue(&handler, &[("query", &COMPANY_NORR.replace('-', ""))]).await), [anna, bertil, cecilia]);

    // Filters: type, submission day (Swedish days), state.
    assert_eq!(ids(&queue(&handler, &[("case_type", "byte_av_sakring")]).await).len(), 4);
    assert!(ids(&queue(&handler, &[("case_type", "produktion_befintlig")]).await).is_empty());
    let (yesterday, today, tomorrow) = swedish_days();
    assert_eq!(ids(&queue(&handler, &[("from", &today), ("to", &today)]).await).len(), 4);
    assert!(ids(&queue(&handler, &[("from", &tomorrow)]).await).is_empty());
    assert!(ids(&queue(&handler, &[("to", &yesterday)]).await).is_empty());

    // Komplettera leaves the incoming cases and is found among all of them.
    handler.act(bertil as i32, "RequestSupplement", "Bifoga foto.").await.assert_ok();
    assert_eq!(ids(&queue(&handler, &[]).await), [anna, cecilia, dora]);
    assert_eq!(ids(&queue(&handler, &[("part", "alla"), ("state_code", "komplettera")]).await), [bertil]);

    // Bad input names its field; nothing is half understood.
    queue(&handler, &[("case_type", "finns_inte")]).await.assert_field_error(422, "case_type");
    queue(&handler, &[("state_code", "okänt")]).await.assert_field_error(422, "state_code");
    queue(&handler, &[("from", "2026-13-01")]).await.assert_field_error(422, "from");
    queue(&handler, &[("from", &tomorrow), ("to", &yesterday)]).await.assert_field_error(422, "to");
    queue(&handler, &[("query", &"x".repeat(100_000))]).await.assert_field_error(422, "query");

    // The queue is the handlers' alone.
    assert_eq!(queue(&norr, &[]).await.status, 403);
    // The other unit sees none of these.
    let connection = app.handler("connection").await;
    assert!(ids(&queue(&connection, &[("part", "alla")]).await).is_empty());
});

// covers: CASE-12, CASE-13
on_both_databases!(a_handler_takes_a_case_and_colleagues_see_it, |app: TestApp| async move {
    let (owner, team) = installer_with_team(&app).await;
    let anna_handler = app.handler("facility").await;
    server::accounts::create_staff(&app.db, "kollega@natbolaget.se", "Kalle Kollega", app::domain::Role::FacilityHandler, HANDLER_PASSWORD)
        .await
        .unwrap();
    let colleague = app.client();
    colleague.login("kollega@natbolaget.se", HANDLER_PASSWORD).await.assert_ok();
    let first = submitted_for(&owner, team, 201, "Första Kund").await as i32;
    let second = submitted_for(&owner, team, 202, "Andra Kund").await as i32;
    let anna_id = anna_handler.id().await.to_string();

    // Nobody has it; the handler takes it, and the colleague sees who did.
    assert_eq!(anna_handler.case(first).await.body["can"]["take"], true);
    anna_handler.call("cases/take", &[("case_id", &first.to_string()), ("seen_handler", "")]).await.assert_ok();
    let row = &queue(&colleague, &[]).await.body["rows"][0];
    assert_eq!(row["id"].as_i64(), Some(i64::from(first)));
    assert_eq!(row["handler"], "Handläggare");
    assert_eq!(ids(&queue(&anna_handler, &[("part", "mina")]).await), [i64::from(first)]);
    assert!(ids(&queue(&colleague, &[("part", "mina")]).await).is_empty());

    // The colleague who still saw it free is told who took it; naming what
    // they saw, they take it over.
    let refused = colleague.call("cases/take", &[("case_id", &first.to_string()), ("seen_handler", "")]).await;
    assert_eq!(refused.status, 409);
    assert!(refused.error().to_string().contains("Handläggare"), "{:?}", refused.body);
    colleague.call("cases/take", &[("case_id", &first.to_string()), ("seen_handler", &anna_id)]).await.assert_ok();
    let view = colleague.case(first).await;
    assert_eq!(view.body["handler_name"], "Kalle Kollega");
    let last = view.body["timeline"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["what"], "Ärendet togs av handläggare");
    assert_eq!(last["message"], "Övertaget från Handläggare");

    // Only the one who has it lets it go.
    anna_handler.call("cases/release", &[("case_id", &first.to_string())]).await.assert_field_error(409, "case_id");
    colleague.call("cases/release", &[("case_id", &first.to_string())]).await.assert_ok();
    assert_eq!(colleague.case(first).await.body["handler_name"], serde_json::Value::Null);

    // Installers do not take cases; handlers of the other unit do not see them.
    owner.call("cases/take", &[("case_id", &first.to_string()), ("seen_handler", "")]).await.assert_field_error(409, "case_id");
    let connection = app.handler("connection").await;
    assert_eq!(connection.call("cases/take", &[("case_id", &first.to_string()), ("seen_handler", "")]).await.status, 404);
    anna_handler.call("cases/take", &[("case_id", &first.to_string()), ("seen_handler", "x")]).await.assert_field_error(422, "seen_handler");

    // Two handlers taking a free case at the same moment: exactly one has it.
    let body = [("case_id", second.to_string()), ("seen_handler", String::new())];
    let form: Vec<(&str, &str)> = body.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let (a, b) = tokio::join!(anna_handler.call("cases/take", &form), colleague.call("cases/take", &form));
    let mut outcomes = [a.status, b.status];
    outcomes.sort_unstable();
    assert_eq!(outcomes, [200, 409]);
    let mine = |c: &Client| {
        let c = c.clone();
        async move { ids(&queue(&c, &[("part", "mina")]).await).contains(&i64::from(second)) }
    };
    assert!(mine(&anna_handler).await ^ mine(&colleague).await);

    // An archived case is no longer taken.
    owner.report_completion(second).await.assert_ok();
    let holder_of_second = if mine(&anna_handler).await { &anna_handler } else { &colleague };
    holder_of_second.act(second, "Archive", "").await.assert_ok();
    assert_eq!(holder_of_second.case(second).await.body["can"]["release"], false);
    holder_of_second.call("cases/release", &[("case_id", &second.to_string())]).await.assert_field_error(409, "state");
});

// covers: CASE-12, CASE-9
on_both_databases!(the_handler_sees_who_to_call_and_previews_attachments, |app: TestApp| async move {
    let (owner, team) = installer_with_team(&app).await;
    let handler = app.handler("facility").await;
    let id = submitted_for(&owner, team, 301, "Kund Med Foto").await as i32;
    handler.act(id, "RequestSupplement", "Foto på mätarskåpet, tack.").await.assert_ok();
    let jpeg = vec![0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3];
    owner.upload(id, "foto", "skap.jpg", jpeg.clone()).await.assert_ok();
    owner.upload(id, "situationsplan", "plan.pdf", pdf()).await.assert_ok();

    // The holder's own view has no contact card; the handler's has the installer and the company.
    assert_eq!(owner.case(id).await.body["contact"], serde_json::Value::Null);
    let view = handler.case(id).await;
    let contact = &view.body["contact"];
    assert_eq!(contact["email"], "agare@elnorr.se");
    assert_eq!(contact["organisationsnummer"], COMPANY_NORR.replace('-', ""));
    assert_eq!(contact["team_name"], "Norr");

    // Images and PDF are shown in the browser on request, other ways a download.
    let attachments = view.body["attachments"].as_array().unwrap();
    let photo = attachments.iter().find(|a| a["file_name"] == "skap.jpg").unwrap();
    assert_eq!(photo["preview"], "Image");
    let plan = attachments.iter().find(|a| a["file_name"] == "plan.pdf").unwrap();
    assert_eq!(plan["preview"], "Pdf");
    let url = photo["url"].as_str().unwrap();
    let shown = handler.get_page(&format!("{url}?visa=1")).await;
    assert_eq!(shown.status(), 200);
    let disposition = shown.headers()["content-disposition"].to_str().unwrap().to_string();
    assert!(disposition.starts_with("inline"), "{disposition}");
    assert_eq!(shown.headers()["content-type"], "image/jpeg");
    assert_eq!(shown.bytes().await.unwrap().to_vec(), jpeg);
    let saved = handler.get_page(url).await;
    assert!(saved.headers()["content-disposition"].to_str().unwrap().starts_with("attachment"));
    // Someone who may not see the case sees no preview either.
    let stranger = app.installer("annan@elsyd.se", FREE_PERSONS[2]).await;
    assert_eq!(stranger.get_page(&format!("{url}?visa=1")).await.status(), 404);
});

//! Issue 14: the demo data set is a living portal — companies with teams,
//! cases of every type group in every state, handler queues with work, an
//! open support request — made through the app's own rules.
use crate::common::*;
use app::domain::case::{CaseGroup, CaseState, CaseType};
use app::server::entities::{case, case_attachment, ownership_offer, support_request, team_member};
use sea_orm::{EntityTrait, PaginatorTrait};

// covers: CASE-3, CASE-8, CASE-12, TEAM-6
on_both_databases!(the_demo_is_a_portal_at_work, |app: TestApp| async move {
    let dir = std::env::temp_dir().join(format!("iw-demo-test-{}", std::process::id()));
    let logins_file = dir.join(format!("logins-{}.txt", app.base.rsplit(':').next().unwrap()));
    let logins = server::demo::seed_demo(&app.db, &logins_file).await.expect("demo accounts");
    let store = std::sync::Arc::new(app::server::storage::LocalStore::new(dir.join("files")).unwrap());
    let options = server::web::leptos_options("127.0.0.1:0".parse().unwrap());
    let state = server::web::app_state(options, app.db.clone(), false, server::web::system_clock(), store);
    assert!(server::demo_activity::seed_activity(&state).await.expect("the demo's working life"));
    // Once: a second start leaves it as it is.
    let cases_made = case::Entity::find().count(&app.db).await.unwrap();
    assert!(!server::demo_activity::seed_activity(&state).await.unwrap());
    assert_eq!(case::Entity::find().count(&app.db).await.unwrap(), cases_made);

    let all = case::Entity::find().all(&app.db).await.unwrap();
    for s in CaseState::ALL {
        assert!(all.iter().any(|c| c.state == s), "a case in {s:?}");
    }
    for g in CaseGroup::ALL {
        assert!(all.iter().any(|c| CaseType::by_code(&c.case_type).is_some_and(|t| t.group == g)), "a case of {g:?}");
    }
    assert!(all.iter().any(|c| c.cancellation_requested_at.is_some() && c.state == CaseState::Pagaende), "a pending cancellation");
    let two_years_ago = chrono::Utc::now() - chrono::Duration::days(730);
    assert!(all.iter().any(|c| c.submitted_at.is_some_and(|s| s < two_years_ago)), "a case older than two years");
    assert!(all.iter().any(|c| c.completion_report.is_some()), "a completion report");
    assert!(case_attachment::Entity::find().count(&app.db).await.unwrap() >= 5);
    assert_eq!(ownership_offer::Entity::find().count(&app.db).await.unwrap(), 1);
    assert_eq!(support_request::Entity::find().count(&app.db).await.unwrap(), 1);

    // Maria logs in and finds her company's work; Johan is in two teams.
    let password = |email: &str| logins.iter().find(|l| l.email == email).map(|l| l.password.clone()).unwrap();
    let maria = app.client();
    maria.login(server::demo_activity::MARIA, &password(server::demo_activity::MARIA)).await.assert_ok();
    let mine = maria.call("cases/mine", &[("state_code", ""), ("query", ""), ("page", "0")]).await;
    assert!(mine.body["total"].as_u64().unwrap() >= 3, "{}", mine.text);
    let johan = app.client();
    johan.login(server::demo_activity::JOHAN, &password(server::demo_activity::JOHAN)).await.assert_ok();
    assert_eq!(johan.my_team_ids().await.len(), 2);
    let offers = johan.call("teams/offers-to-me", &[]).await;
    assert_eq!(offers.body.as_array().map(Vec::len), Some(1), "{}", offers.text);
    let johans = team_member::Entity::find().count(&app.db).await.unwrap();
    assert!(johans >= 3);
    // Both units have work waiting.
    for (email, part) in [(server::demo::DEMO_FACILITY_HANDLER, "InProgress"), (server::demo::DEMO_CONNECTION_HANDLER, "InProgress")] {
        let handler = app.client();
        handler.login(email, &password(email)).await.assert_ok();
        let queue = handler.call("cases/queue", &[("part", part), ("page", "0")]).await;
        assert!(queue.body["total"].as_u64().unwrap() >= 1, "{email}: {}", queue.text);
    }
    // The old case is read-only now; the supplement request reached Maria.
    let old = all.iter().find(|c| c.submitted_at.is_some_and(|s| s < two_years_ago)).unwrap();
    assert!(maria.case(old.id).await.body["read_only_message"].is_string());
    let asked = all.iter().find(|c| c.state == CaseState::Komplettera && c.case_type == "produktion_befintlig").expect("the solar case");
    assert!(maria.case(asked.id).await.body["supplement_request"].as_str().unwrap().contains("enlinjeschema"));
    let _ = std::fs::remove_dir_all(&dir);
});

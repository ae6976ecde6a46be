//! Operations (issue 16): a backup of a single-machine installation and its
//! restore give back the same cases and attachments.
use crate::common::*;

fn scratch(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join("installatorswebben-tests").join(format!("{}-{name}", unique_name()))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_restores_the_same_cases_and_attachments() {
    let url = fresh_database(Backend::Sqlite).await.unwrap();
    let files = scratch("bilagor");
    let store = std::sync::Arc::new(app::server::storage::LocalStore::new(&files).unwrap());
    let app = TestApp::spawn_full(&url, server::web::system_clock(), store).await;
    server::demo::seed_registers(&app.db).await.unwrap();
    let (owner, team) = installer_with_team(&app).await;
    let id = owner.create_case("ny_anslutning", team).await;
    owner.upload(id, "situationsplan", "plan.pdf", pdf()).await.assert_ok();
    let before = owner.case(id).await.body;

    let saved = scratch("backup");
    let report = server::backup::backup(&app.db, Some(&files), &saved).await.unwrap();
    assert_eq!(report.attachment_files, 1, "{report}");
    // A second backup into the same folder is refused, never mixed.
    assert!(server::backup::backup(&app.db, Some(&files), &saved).await.unwrap_err().contains("inte tom"));
    // Data changes after the backup …
    owner.act(id, "DeleteDraft", "").await.assert_ok();

    // … and the restored copy has the case and its file as they were.
    let restored_db = scratch("aterstalld.db");
    let restored_files = scratch("aterstallda-bilagor");
    server::backup::restore(&saved, &restored_db, Some(&restored_files)).unwrap();
    let restored_url = format!("sqlite://{}?mode=rwc", restored_db.display());
    let store = std::sync::Arc::new(app::server::storage::LocalStore::new(&restored_files).unwrap());
    let again = TestApp::spawn_full(&restored_url, server::web::system_clock(), store).await;
    let owner_again = again.client();
    owner_again.login("agare@elnorr.se", PASSWORD).await.assert_ok();
    let after = owner_again.case(id).await;
    after.assert_ok();
    assert_eq!(after.body["case_number"], before["case_number"]);
    assert_eq!(after.body["values"], before["values"]);
    let url = after.body["attachments"][0]["url"].as_str().unwrap().to_string();
    let file = owner_again.get_page(&url).await;
    assert_eq!(file.status(), 200);
    assert_eq!(file.bytes().await.unwrap().to_vec(), pdf());
    // Restoring over a database keeps the old file beside it.
    server::backup::restore(&saved, &restored_db, None).unwrap();
    let kept = std::fs::read_dir(restored_db.parent().unwrap())
        .unwrap()
        .filter_map(Result::ok)
        .any(|e| e.file_name().to_string_lossy().contains("fore-aterstallning"));
    assert!(kept);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgresql_is_backed_up_with_its_own_tools() {
    let Some(app) = TestApp::spawn(Backend::Postgres).await else { return };
    let refused = server::backup::backup(&app.db, None, &scratch("pg")).await.unwrap_err();
    assert!(refused.contains("pg_dump"), "{refused}");
}

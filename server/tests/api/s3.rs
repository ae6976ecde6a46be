//! CASE-9: attachments kept in an S3-compatible store, tested against a
//! local S3 server (moto) when `TEST_S3_ENDPOINT` names one.
use crate::common::*;
use object_store::aws::AmazonS3Builder;

// covers: CASE-9
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn attachments_round_trip_through_s3() {
    let Ok(endpoint) = std::env::var("TEST_S3_ENDPOINT") else {
        eprintln!("TEST_S3_ENDPOINT not set: skipped");
        return;
    };
    let bucket = format!("iw-test-{}", std::process::id());
    // S3's CreateBucket; the local server takes it unsigned.
    let created = reqwest::Client::new().put(format!("{endpoint}/{bucket}")).send().await.unwrap();
    assert!(created.status().is_success(), "create bucket: {}", created.status());
    let builder = AmazonS3Builder::new()
        .with_endpoint(&endpoint)
        .with_allow_http(true)
        .with_region("us-east-1")
        .with_access_key_id("test")
        .with_secret_access_key("test")
        .with_bucket_name(&bucket);
    let scratch = std::env::temp_dir().join("installatorswebben-tests").join(format!("s3-{bucket}"));
    let store = std::sync::Arc::new(app::server::storage::S3Store::new(builder, "bilagor", scratch).unwrap());
    let url = fresh_database(Backend::Sqlite).await.unwrap();
    let app = TestApp::spawn_full(&url, server::web::system_clock(), store).await;
    server::demo::seed_registers(&app.db).await.unwrap();

    let owner = app.installer("agare@elnorr.se", FREE_PERSONS[0]).await;
    let team = owner.create_team(COMPANY_NORR, "Norr").await;
    let id = owner.create_case("ny_anslutning", team).await;
    owner.upload(id, "situationsplan", "plan.pdf", pdf()).await.assert_ok();
    let view = owner.case(id).await;
    let link = format!("{}{}", app.base, view.body["attachments"][0]["url"].as_str().unwrap());
    let got = owner.http.get(&link).send().await.unwrap();
    assert_eq!(got.status(), 200);
    assert_eq!(got.bytes().await.unwrap().to_vec(), pdf());
    // It really is in the bucket, under the prefix.
    let listing = reqwest::Client::new().get(format!("{endpoint}/{bucket}?list-type=2")).send().await.unwrap().text().await.unwrap();
    assert!(listing.contains("<Key>bilagor/cases/"), "{listing}");
}

//! Health for those who run the portal (issue 16): `GET /health/live` says
//! the process answers; `GET /health/ready` that it can serve — the
//! database answers, every migration has run, the attachment store takes a
//! file. Cheap, unauthenticated, no session read; a load balancer polls
//! them. Neither says more than which check failed.
use app::server::AppState;
use axum::extract::State;
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use migrations::{Migrator, MigratorTrait};

fn plain(status: StatusCode, body: String) -> Response {
    let mut res = (status, body).into_response();
    res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    res
}

pub async fn live() -> Response {
    plain(StatusCode::OK, "ok\n".into())
}

/// Each check by name, and what it found.
async fn checks(state: &AppState) -> Vec<(&'static str, Result<(), String>)> {
    let database = state.db.ping().await.map_err(|_| "svarar inte".to_string());
    let migrations = match &database {
        Ok(()) => match Migrator::get_pending_migrations(&state.db).await {
            Ok(pending) if pending.is_empty() => Ok(()),
            Ok(pending) => Err(format!("{} migreringar har inte körts", pending.len())),
            Err(_) => Err("kunde inte läsas".into()),
        },
        Err(_) => Err("databasen svarar inte".into()),
    };
    vec![("database", database), ("migrations", migrations), ("attachments", store_writable(state).await)]
}

/// Writes a small file to the attachment store and takes it away again.
async fn store_writable(state: &AppState) -> Result<(), String> {
    let scratch = state.attachments.scratch_dir();
    let probe = scratch.join(format!("health-{}", app::server::auth::new_token()));
    tokio::fs::write(&probe, b"ok").await.map_err(|_| "tillfälliga filer kan inte skrivas".to_string())?;
    let key = format!("health/{}", probe.file_name().and_then(|n| n.to_str()).unwrap_or("probe"));
    let stored = state.attachments.put_file(&key, &probe).await;
    let _ = tokio::fs::remove_file(&probe).await;
    stored.map_err(|_| "lagringen tar inte emot filer".to_string())?;
    state.attachments.delete(&key).await.map_err(|_| "lagringen tar inte bort filer".to_string())
}

pub async fn ready(State(state): State<AppState>) -> Response {
    let found = checks(&state).await;
    let ready = found.iter().all(|(_, r)| r.is_ok());
    let body: String = found
        .iter()
        .map(|(name, r)| match r {
            Ok(()) => format!("{name}: ok\n"),
            Err(why) => format!("{name}: {why}\n"),
        })
        .collect();
    plain(if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE }, body)
}

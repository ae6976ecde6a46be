//! ADM-5: a search of the audit log as a CSV file, for an admin to keep or
//! hand on. A form post (the search names people; it stays out of
//! addresses), the same search as the page, at most `MAX_EXPORT_ROWS` of
//! the newest entries; the export itself is audited.
use crate::forms::{file_response, require_admin};
use app::domain::audit::{action_label, csv_cell, details_in_words};
use app::error::AppError;
use app::server::admin::{self, AuditForm};
use app::server::audit::{self, AuditEntry};
use app::server::AppState;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Form;

/// More than any search an admin reads; a larger one is narrowed by date.
pub const MAX_EXPORT_ROWS: u64 = 10_000;

pub async fn export(State(state): State<AppState>, headers: HeaderMap, Form(form): Form<AuditForm>) -> Response {
    let result: Result<Response, AppError> = async {
        let admin_user = require_admin(&state, &headers).await?;
        let mut query = form.parse()?;
        query.per_page = MAX_EXPORT_ROWS;
        let found = admin::search_audit(&state, &query).await?;
        // A byte-order mark: spreadsheets then read the file as UTF-8.
        let mut csv = String::from("\u{feff}Tid;Vem;Händelse;Kod;Gäller;Detaljer\r\n");
        for (entry, who) in &found.entries {
            let cells = [
                app::formats::time(app::i18n::Locale::sv, entry.at),
                who.clone().unwrap_or_else(|| "Systemet".into()),
                action_label(&entry.action).to_string(),
                entry.action.clone(),
                entry.subject.clone(),
                details_in_words(&entry.details),
            ];
            csv.push_str(&cells.iter().map(|c| csv_cell(c)).collect::<Vec<_>>().join(";"));
            csv.push_str("\r\n");
        }
        let details = serde_json::json!({ "rows": found.entries.len(), "total": found.total });
        let entry = AuditEntry { actor_user_id: Some(admin_user.id), on_behalf_of_user_id: None, action: "audit.exported", subject: "audit".into(), details };
        audit::record(&state.db, state.now(), entry).await?;
        Ok(file_response(csv.into_bytes(), "text/csv; charset=utf-8", "granskningslogg.csv"))
    }
    .await;
    result.unwrap_or_else(|e| (e.status_code(), e.to_string()).into_response())
}

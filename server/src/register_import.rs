//! ADM-8 `server import-register`: loads a register's local table from a
//! file. Every row is checked the way an admin's correction is
//! (`domain::RegisterEntry`); the rows that pass are added or corrected in
//! one transaction, the rest are reported by line with the reason. The
//! traits in `app::server::registers` stay, so a live register service can
//! replace the tables.
use crate::accounts::AccountError;
use app::domain::{parse_import, RegisterKind, RejectedRow};
use app::server::audit::{self, AuditEntry};
use app::server::registers::{store, Stored};
use sea_orm::{DatabaseConnection, TransactionTrait};
use serde_json::json;

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportReport {
    pub added: usize,
    pub corrected: usize,
    pub unchanged: usize,
    pub rejected: Vec<RejectedRow>,
}

impl std::fmt::Display for ImportReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "{} nya, {} rättade, {} oförändrade, {} avvisade rader.",
            self.added,
            self.corrected,
            self.unchanged,
            self.rejected.len()
        )?;
        for r in &self.rejected {
            writeln!(f, "rad {}: {}", r.line, r.reason)?;
        }
        Ok(())
    }
}

/// Imports `text` into the register `kind`. With `dry_run`, checks every row
/// and reports, changing nothing.
pub async fn import(db: &DatabaseConnection, kind: RegisterKind, text: &str, dry_run: bool) -> Result<ImportReport, AccountError> {
    let today = chrono::Utc::now().date_naive();
    let parsed = parse_import(kind, text, today);
    let mut report = ImportReport { rejected: parsed.rejected, ..Default::default() };
    let txn = db.begin().await?;
    for (_, entry) in &parsed.entries {
        match store(&txn, entry, today).await? .0 {
            Stored::Added => report.added += 1,
            Stored::Corrected => report.corrected += 1,
            Stored::Unchanged => report.unchanged += 1,
        }
    }
    if dry_run {
        txn.rollback().await?;
        return Ok(report);
    }
    audit::record(
        &txn,
        chrono::Utc::now(),
        AuditEntry {
            actor_user_id: None,
            on_behalf_of_user_id: None,
            action: "register.imported",
            subject: format!("register:{}", kind.code()),
            details: json!({
                "added": report.added,
                "corrected": report.corrected,
                "unchanged": report.unchanged,
                "rejected": report.rejected.len(),
            }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(report)
}

//! Backups of a single-machine installation (issue 16): the SQLite database
//! copied online (`VACUUM INTO`: a consistent copy while the portal runs)
//! and the attachment files beside it; and the restore, which puts both back
//! while the portal is stopped. PostgreSQL is backed up with its own tools
//! (`pg_dump`, docs/deploy.md); attachments in S3 with the bucket's versioning.
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend};
use std::path::{Path, PathBuf};

/// The database's file name inside a backup folder.
pub const DATABASE_FILE: &str = "database.sqlite";
/// The attachments' folder inside a backup folder.
pub const ATTACHMENTS: &str = "attachments";

/// What a backup holds.
#[derive(Debug)]
pub struct BackupReport {
    pub database: PathBuf,
    pub attachment_files: u64,
}

impl std::fmt::Display for BackupReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "Databasen är kopierad till {}.", self.database.display())?;
        writeln!(f, "{} bilagefiler är kopierade.", self.attachment_files)
    }
}

/// Backs up to `to`, a folder that does not exist yet or is empty.
/// `attachments_dir` is the local attachment store (none when the files are in S3).
pub async fn backup(db: &DatabaseConnection, attachments_dir: Option<&Path>, to: &Path) -> Result<BackupReport, String> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return Err("PostgreSQL säkerhetskopieras med pg_dump, till exempel \
                    pg_dump --format=custom --no-owner --file=iw.dump \"$DATABASE_URL\" (se docs/deploy.md)."
            .into());
    }
    let in_use = to.read_dir().map(|mut entries| entries.next().is_some()).unwrap_or(false);
    if in_use {
        return Err(format!("{} finns redan och är inte tom; välj en ny katalog.", to.display()));
    }
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    let database = to.join(DATABASE_FILE);
    let target = database.to_str().ok_or_else(|| format!("{}: sökvägen är inte UTF-8", database.display()))?;
    db.execute_unprepared(&format!("VACUUM INTO '{}'", target.replace('\'', "''")))
        .await
        .map_err(|e| format!("databasen kunde inte kopieras: {e}"))?;
    let attachment_files = match attachments_dir {
        Some(dir) if dir.exists() => copy_tree(dir, &to.join(ATTACHMENTS))?,
        _ => 0,
    };
    Ok(BackupReport { database, attachment_files })
}

/// Puts a backup back: the database file at `database_file` (an existing
/// one is kept beside it, renamed, never overwritten) and the attachment
/// files into `attachments_dir`. The portal must be stopped meanwhile.
pub fn restore(from: &Path, database_file: &Path, attachments_dir: Option<&Path>) -> Result<(), String> {
    let saved = from.join(DATABASE_FILE);
    if !saved.is_file() {
        return Err(format!("{} saknas: är {} en säkerhetskopia?", saved.display(), from.display()));
    }
    let with_suffix = |file: &Path, suffix: &str| {
        let mut name = file.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    if database_file.exists() {
        let stamp = chrono::Utc::now().format("%Y%m%d%H%M%S");
        let aside = database_file.with_extension(format!("fore-aterstallning-{stamp}"));
        std::fs::rename(database_file, &aside).map_err(|e| format!("{}: {e}", database_file.display()))?;
        // Its write-ahead log holds its last commits: it goes aside with it.
        let log = with_suffix(database_file, "-wal");
        if log.exists() {
            std::fs::rename(&log, with_suffix(&aside, "-wal")).map_err(|e| format!("{}: {e}", log.display()))?;
        }
    }
    // A write-ahead log of the replaced database must not be replayed onto the restored one.
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(with_suffix(database_file, suffix));
    }
    if let Some(parent) = database_file.parent() {
        std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    std::fs::copy(&saved, database_file).map_err(|e| format!("{}: {e}", database_file.display()))?;
    if let Some(dir) = attachments_dir {
        let files = from.join(ATTACHMENTS);
        if files.is_dir() {
            copy_tree(&files, dir)?;
        }
    }
    Ok(())
}

/// The file a SQLite database URL names (`sqlite://data/x.db?mode=rwc`).
pub fn sqlite_file(database_url: &str) -> Option<PathBuf> {
    let rest = database_url.strip_prefix("sqlite://").or_else(|| database_url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    (!path.is_empty() && path != ":memory:").then(|| PathBuf::from(path))
}

/// Copies every file under `from` to `to` (made when missing), leaving out
/// the store's own folder of unfinished uploads (`tmp` at the top); the
/// number of files.
fn copy_tree(from: &Path, to: &Path) -> Result<u64, String> {
    copy_dir(from, to, true)
}

fn copy_dir(from: &Path, to: &Path, top: bool) -> Result<u64, String> {
    let mut copied = 0;
    std::fs::create_dir_all(to).map_err(|e| format!("{}: {e}", to.display()))?;
    for entry in std::fs::read_dir(from).map_err(|e| format!("{}: {e}", from.display()))? {
        let entry = entry.map_err(|e| format!("{}: {e}", from.display()))?;
        let path = entry.path();
        let target = to.join(entry.file_name());
        if path.is_dir() {
            if !(top && entry.file_name() == "tmp") {
                copied += copy_dir(&path, &target, false)?;
            }
        } else {
            std::fs::copy(&path, &target).map_err(|e| format!("{}: {e}", path.display()))?;
            copied += 1;
        }
    }
    Ok(copied)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_database_file_is_read_from_its_url() {
        assert_eq!(sqlite_file("sqlite://data/installatorswebben.db?mode=rwc"), Some(PathBuf::from("data/installatorswebben.db")));
        assert_eq!(sqlite_file("sqlite:///var/lib/iw/iw.db"), Some(PathBuf::from("/var/lib/iw/iw.db")));
        assert_eq!(sqlite_file("postgres://localhost/iw"), None);
        assert_eq!(sqlite_file("sqlite::memory:"), None);
    }
}

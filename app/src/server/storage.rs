//! Where attachment bytes live (CASE-9): local files by default; another
//! store (an S3-compatible one) implements the same operations.
use async_trait::async_trait;
use std::path::{Path as FsPath, PathBuf};

/// Where attachment bytes live. Local files by default; another store (an
/// S3-compatible one) implements the same two operations.
#[async_trait]
pub trait AttachmentStore: Send + Sync {
    /// Takes over a finished temporary file under `key`.
    async fn put_file(&self, key: &str, file: &FsPath) -> std::io::Result<()>;
    async fn read(&self, key: &str) -> std::io::Result<Vec<u8>>;
    /// A folder for temporary files being received.
    fn scratch_dir(&self) -> PathBuf;
}

pub struct LocalStore {
    root: PathBuf,
}

impl LocalStore {
    pub fn new(root: impl Into<PathBuf>) -> std::io::Result<Self> {
        let root = root.into();
        std::fs::create_dir_all(root.join("tmp"))?;
        Ok(Self { root })
    }

    fn path(&self, key: &str) -> PathBuf {
        // Keys are ours (digits, letters, '/', '-'); never a client's file name.
        self.root.join(key)
    }
}

#[async_trait]
impl AttachmentStore for LocalStore {
    async fn put_file(&self, key: &str, file: &FsPath) -> std::io::Result<()> {
        let target = self.path(key);
        if let Some(dir) = target.parent() {
            tokio::fs::create_dir_all(dir).await?;
        }
        tokio::fs::rename(file, target).await
    }

    async fn read(&self, key: &str) -> std::io::Result<Vec<u8>> {
        tokio::fs::read(self.path(key)).await
    }

    fn scratch_dir(&self) -> PathBuf {
        self.root.join("tmp")
    }
}


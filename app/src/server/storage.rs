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
    /// Forgets the file under `key` (a file already gone is no error).
    async fn delete(&self, key: &str) -> std::io::Result<()>;
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

    async fn delete(&self, key: &str) -> std::io::Result<()> {
        match tokio::fs::remove_file(self.path(key)).await {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            other => other,
        }
    }

    fn scratch_dir(&self) -> PathBuf {
        self.root.join("tmp")
    }
}


/// An S3-compatible bucket (AWS, MinIO, Ceph…), configured from the usual
/// `AWS_*` environment variables (`AWS_ENDPOINT`, `AWS_REGION`,
/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_ALLOW_HTTP`).
/// Uploads are received into a local scratch folder first, as with files.
pub struct S3Store {
    store: object_store::aws::AmazonS3,
    prefix: String,
    scratch: PathBuf,
}

impl S3Store {
    /// `url` is `s3://bucket` or `s3://bucket/prefix`.
    pub fn from_url(url: &str, scratch: impl Into<PathBuf>) -> Result<Self, String> {
        let rest = url.strip_prefix("s3://").ok_or("ATTACHMENTS_STORE ska börja med s3://")?;
        let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
        if bucket.is_empty() {
            return Err("ATTACHMENTS_STORE saknar bucket".into());
        }
        Self::new(object_store::aws::AmazonS3Builder::from_env().with_bucket_name(bucket), prefix, scratch)
    }

    /// From an explicit configuration (tests, or settings read elsewhere).
    pub fn new(builder: object_store::aws::AmazonS3Builder, prefix: &str, scratch: impl Into<PathBuf>) -> Result<Self, String> {
        let store = builder.build().map_err(|e| format!("S3: {e}"))?;
        let scratch = scratch.into();
        std::fs::create_dir_all(&scratch).map_err(|e| format!("{}: {e}", scratch.display()))?;
        Ok(Self { store, prefix: prefix.trim_matches('/').to_string(), scratch })
    }

    fn path(&self, key: &str) -> object_store::path::Path {
        if self.prefix.is_empty() {
            object_store::path::Path::from(key)
        } else {
            object_store::path::Path::from(format!("{}/{key}", self.prefix))
        }
    }
}

fn io_error(e: object_store::Error) -> std::io::Error {
    match e {
        object_store::Error::NotFound { .. } => std::io::Error::new(std::io::ErrorKind::NotFound, e.to_string()),
        other => std::io::Error::other(other.to_string()),
    }
}

#[async_trait]
impl AttachmentStore for S3Store {
    async fn put_file(&self, key: &str, file: &FsPath) -> std::io::Result<()> {
        use object_store::ObjectStoreExt;
        // Attachments are at most a few megabytes: one PUT.
        let bytes = tokio::fs::read(file).await?;
        self.store.put(&self.path(key), bytes.into()).await.map_err(io_error)?;
        tokio::fs::remove_file(file).await.ok();
        Ok(())
    }

    async fn read(&self, key: &str) -> std::io::Result<Vec<u8>> {
        use object_store::ObjectStoreExt;
        let got = self.store.get(&self.path(key)).await.map_err(io_error)?;
        Ok(got.bytes().await.map_err(io_error)?.to_vec())
    }

    async fn delete(&self, key: &str) -> std::io::Result<()> {
        use object_store::ObjectStoreExt;
        match self.store.delete(&self.path(key)).await {
            Err(object_store::Error::NotFound { .. }) => Ok(()),
            other => other.map_err(io_error),
        }
    }

    fn scratch_dir(&self) -> PathBuf {
        self.scratch.clone()
    }
}

/// A file received from a form, waiting in the scratch folder; removed when
/// dropped unless a store has taken it over.
pub struct ReceivedFile {
    pub scratch: PathBuf,
    /// The sanitised name the sender gave.
    pub file_name: String,
    /// Decided by the file's first bytes, never by its name.
    pub content_type: &'static str,
    pub size: u64,
}

impl Drop for ReceivedFile {
    fn drop(&mut self) {
        // Already moved by a local store, or never fully written: nothing to do then.
        let _ = std::fs::remove_file(&self.scratch);
    }
}

//! UX-1: the site's scripts, styles and WASM are compressed once, not on
//! every request (brotli took ~90 ms of CPU for each download of the WASM).
//! At start the server drops compressed copies older than their file, then
//! makes fresh ones in the background; `ServeDir` serves a `.br` or `.gz`
//! copy to a browser that accepts it, and the file itself until one exists.
use std::io::Write;
use std::path::{Path, PathBuf};

const COMPRESSIBLE: [&str; 3] = ["wasm", "js", "css"];
const COPIES: [&str; 2] = ["br", "gz"];

fn originals(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().and_then(|e| e.to_str()).is_some_and(|e| COMPRESSIBLE.contains(&e)))
                .collect()
        })
        .unwrap_or_default()
}

fn copy_of(original: &Path, encoding: &str) -> PathBuf {
    let mut name = original.as_os_str().to_owned();
    name.push(format!(".{encoding}"));
    PathBuf::from(name)
}

fn is_fresh(original: &Path, copy: &Path) -> bool {
    let modified = |p: &Path| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    match (modified(original), modified(copy)) {
        (Some(o), Some(c)) => c >= o,
        _ => false,
    }
}

/// Removes compressed copies older than their file (a rebuild happened), so
/// a stale copy is never served. Quick; run before serving.
pub fn drop_stale(dir: &Path) {
    for original in originals(dir) {
        for encoding in COPIES {
            let copy = copy_of(&original, encoding);
            if copy.exists() && !is_fresh(&original, &copy) {
                let _ = std::fs::remove_file(&copy);
            }
        }
    }
}

/// Makes every missing or stale compressed copy (brotli at its best, gzip -9),
/// each written aside and renamed into place, so a half-written copy is never served.
pub fn compress_all(dir: &Path) -> std::io::Result<usize> {
    let mut made = 0;
    for original in originals(dir) {
        for encoding in COPIES {
            let copy = copy_of(&original, encoding);
            if is_fresh(&original, &copy) {
                continue;
            }
            let bytes = std::fs::read(&original)?;
            let compressed = match encoding {
                "br" => {
                    let mut out = Vec::new();
                    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
                    brotli::BrotliCompress(&mut bytes.as_slice(), &mut out, &params)?;
                    out
                }
                _ => {
                    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
                    encoder.write_all(&bytes)?;
                    encoder.finish()?
                }
            };
            // A name of this process's own: instances sharing a site folder
            // (several on one machine) would otherwise write into one
            // partial file, and one would rename the other's half-written copy into place.
            let partial = copy_of(&original, &format!("{encoding}.part-{}", std::process::id()));
            std::fs::write(&partial, compressed)?;
            std::fs::rename(&partial, &copy)?;
            made += 1;
        }
    }
    Ok(made)
}

/// At start: drop stale copies now, make fresh ones in the background — in
/// release builds (a debug build's WASM is several times larger, and only
/// developers load it).
pub fn prepare(site_root: &str, pkg_dir: &str) {
    let dir = Path::new(site_root).join(pkg_dir);
    drop_stale(&dir);
    if cfg!(debug_assertions) {
        return;
    }
    tokio::task::spawn_blocking(move || match compress_all(&dir) {
        Ok(n) if n > 0 => tracing::info!(files = n, dir = %dir.display(), "compressed the site's files"),
        Ok(_) => {}
        Err(e) => tracing::warn!(error = %e, dir = %dir.display(), "could not compress the site's files; they are compressed per request"),
    });
}

//! UX-1: the site's scripts, styles and WASM are compressed once, not on
//! every request (brotli took ~90 ms of CPU for each download of the WASM).
//! At start the server drops compressed copies older than their file, then
//! makes fresh ones in the background; `ServeDir` serves a `.br` or `.gz`
//! copy to a browser that accepts it, and the file itself until one exists.
//!
//! The WASM chunks (the code of lazily loaded pages, cut into many small
//! modules) compress badly one by one: about 30 % of what a page downloads in
//! chunks is the cost of being cut up (docs/performance.md). Every page has
//! already loaded the main module, which the chunks call into and name, so it
//! is offered as a compression dictionary (Compression Dictionary Transport,
//! RFC 9842): the main module goes out with `Use-As-Dictionary`, and a chunk
//! asked for with that dictionary available comes as `dcz` — zstd with the
//! main module as its raw-content dictionary (`Mina ärenden`'s chunks:
//! 119 602 B in gzip -9, about 69 000 B so).
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

const COMPRESSIBLE: [&str; 3] = ["wasm", "js", "css"];
const COPIES: [&str; 2] = ["br", "gz"];
/// The copy of a chunk compressed against the main module.
pub const DICTIONARY_COPY: &str = "dcz";
/// What a `dcz` body starts with: the format's magic number, then the
/// SHA-256 of the dictionary it needs.
const DCZ_MAGIC: [u8; 8] = [0x5e, 0x2a, 0x4d, 0x18, 0x20, 0x00, 0x00, 0x00];

/// Whether `name` is the main WASM module of the build named `output_name`
/// (`<output_name>.<content hash>.wasm`), the dictionary for the chunks.
pub fn is_main_module(name: &str, output_name: &str) -> bool {
    name.strip_prefix(output_name)
        .and_then(|rest| rest.strip_prefix('.'))
        .and_then(|rest| rest.strip_suffix(".wasm"))
        .is_some_and(|hash| !hash.is_empty() && !hash.contains('.'))
}

/// The main module in `dir`, if the build has one.
fn main_module(dir: &Path, output_name: &str) -> Option<PathBuf> {
    originals(dir).into_iter().find(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| is_main_module(n, output_name)))
}

/// The dictionary a `dcz` copy was made against, as a browser names it in
/// `Available-Dictionary` (a structured-field byte sequence: `:base64:`).
pub fn dictionary_named_by(copy: &[u8]) -> Option<String> {
    use base64::Engine;
    let hash = copy.strip_prefix(&DCZ_MAGIC)?.get(..32)?;
    Some(format!(":{}:", base64::engine::general_purpose::STANDARD.encode(hash)))
}

/// zstd at its best with the main module loaded as its dictionary: made
/// once per run (loading the 1 MB dictionary and hashing it cost as much as
/// compressing a chunk) and used for every chunk.
struct AgainstDictionary {
    compressor: zstd::bulk::Compressor<'static>,
    hash: [u8; 32],
}

impl AgainstDictionary {
    fn new(dictionary: &[u8]) -> std::io::Result<Self> {
        Ok(Self { compressor: zstd::bulk::Compressor::with_dictionary(19, dictionary)?, hash: Sha256::digest(dictionary).into() })
    }

    fn compress(&mut self, bytes: &[u8]) -> std::io::Result<Vec<u8>> {
        let compressed = self.compressor.compress(bytes)?;
        let mut out = Vec::with_capacity(DCZ_MAGIC.len() + self.hash.len() + compressed.len());
        out.extend_from_slice(&DCZ_MAGIC);
        out.extend_from_slice(&self.hash);
        out.extend_from_slice(&compressed);
        Ok(out)
    }
}

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
/// a stale copy is never served. Quick; run before serving. (A `dcz` copy
/// names its dictionary and is served only to a browser holding exactly
/// that one.)
pub fn drop_stale(dir: &Path) {
    for original in originals(dir) {
        for encoding in COPIES.into_iter().chain([DICTIONARY_COPY]) {
            let copy = copy_of(&original, encoding);
            if copy.exists() && !is_fresh(&original, &copy) {
                let _ = std::fs::remove_file(&copy);
            }
        }
    }
}

/// Makes every missing or stale compressed copy (brotli at its best, gzip -9,
/// and for the WASM chunks zstd against the main module of the build named
/// `output_name`), each written aside and renamed into place, so a
/// half-written copy is never served.
pub fn compress_all(dir: &Path, output_name: &str) -> std::io::Result<usize> {
    compress_until(dir, output_name, || false)
}

/// `compress_all`, giving up between two files once `stop()` says so: a
/// stopping server does not wait minutes for brotli (the runtime waits for
/// its blocking tasks). The copies made so far are whole; the next start
/// makes the rest.
pub fn compress_until(dir: &Path, output_name: &str, stop: impl Fn() -> bool) -> std::io::Result<usize> {
    let mut made = 0;
    let main = main_module(dir, output_name);
    let dictionary = main.as_deref().map(std::fs::read).transpose()?;
    // Made when the first chunk needs a copy (a restart with every copy fresh needs none).
    let mut against_dictionary: Option<AgainstDictionary> = None;
    for original in originals(dir) {
        let is_chunk = original.extension().is_some_and(|e| e == "wasm") && main.as_ref() != Some(&original);
        let dictionary = dictionary.as_deref().filter(|_| is_chunk);
        for encoding in COPIES.into_iter().chain(dictionary.map(|_| DICTIONARY_COPY)) {
            if stop() {
                return Ok(made);
            }
            let copy = copy_of(&original, encoding);
            let fresh_for_dictionary = encoding != DICTIONARY_COPY || main.as_deref().is_some_and(|m| is_fresh(m, &copy));
            if is_fresh(&original, &copy) && fresh_for_dictionary {
                continue;
            }
            let bytes = std::fs::read(&original)?;
            let compressed = match encoding {
                DICTIONARY_COPY => {
                    let compressor = match &mut against_dictionary {
                        Some(made) => made,
                        None => against_dictionary.insert(AgainstDictionary::new(dictionary.unwrap_or_default())?),
                    };
                    compressor.compress(&bytes)?
                }
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
/// developers load it); given up when the server is asked to stop.
pub fn prepare(site_root: &str, pkg_dir: &str, output_name: &str, stopping: app::server::state::Shutdown) {
    let dir = Path::new(site_root).join(pkg_dir);
    drop_stale(&dir);
    if cfg!(debug_assertions) {
        return;
    }
    let output_name = output_name.to_string();
    tokio::task::spawn_blocking(move || match compress_until(&dir, &output_name, || stopping.is_cancelled()) {
        Ok(n) if n > 0 => tracing::info!(files = n, dir = %dir.display(), "compressed the site's files"),
        Ok(_) => {}
        Err(e) => tracing::warn!(error = %e, dir = %dir.display(), "could not compress the site's files; they are compressed per request"),
    });
}

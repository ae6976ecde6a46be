//! The page's own files in its `<head>` (UX-1): the style sheet, the main
//! module and its WASM by their content-hashed names, and the script that
//! loads the module and hydrates the page.
//!
//! Leptos' `HashedStylesheet` and `HydrationScripts` find those names by
//! reading the build's hash file on every request (`current_exe`, `stat`,
//! `open`, `read`): 6–7 % of the server's CPU for a `/logga-in` page. The
//! names do not change while the server runs, so they are read once.
use leptos::prelude::*;

/// What the build named the site's files; read once, on the first page.
#[cfg(feature = "ssr")]
struct SiteFiles {
    css: String,
    js: String,
    wasm: String,
    /// Starts compiling the WASM, loads the main module and, once the
    /// document is parsed, hydrates the page (see `boot_script`).
    boot: String,
    /// The chunks of the split WASM, for `pages::lazy`'s preload hints; none
    /// for a build without `--split`.
    split: Option<SplitChunks>,
    /// The split's chunk loader, which the main module imports: named in
    /// every page's head, so the browser fetches it beside the main module
    /// instead of after it has parsed the main module's imports.
    loader: Option<String>,
}

#[cfg(feature = "ssr")]
impl SiteFiles {
    fn of(options: &LeptosOptions) -> &'static SiteFiles {
        static FILES: std::sync::OnceLock<SiteFiles> = std::sync::OnceLock::new();
        FILES.get_or_init(|| Self::read(options))
    }

    fn read(options: &LeptosOptions) -> SiteFiles {
        // cargo-leptos leaves the hashes beside the binary, one `kind: hash` a line.
        let hashes = std::env::current_exe()
            .ok()
            .filter(|_| options.hash_files)
            .and_then(|exe| std::fs::read_to_string(exe.with_file_name(options.hash_file.as_ref())).ok())
            .unwrap_or_default();
        Self::named(options, &hashes, |path| std::fs::read_to_string(path).ok())
    }

    fn named(options: &LeptosOptions, hashes: &str, read: impl Fn(&std::path::Path) -> Option<String>) -> SiteFiles {
        let hash_of = |kind: &str| {
            hashes.lines().find_map(|line| {
                let (k, hash) = line.split_once(':')?;
                (k.trim() == kind).then(|| hash.trim().to_owned())
            })
        };
        let pkg = format!("/{}", options.site_pkg_dir);
        let named = |stem: &str, kind: &str, extension: &str| match hash_of(kind) {
            Some(hash) => format!("{stem}.{hash}.{extension}"),
            None => format!("{stem}.{extension}"),
        };
        let output = options.output_name.as_ref();
        let (js, wasm) = (format!("{pkg}/{}", named(output, "js", "js")), format!("{pkg}/{}", named(output, "wasm", "wasm")));
        let boot = boot_script(&js, &wasm);
        let manifest = std::path::Path::new(options.site_root.as_ref())
            .join(options.site_pkg_dir.as_ref())
            .join(named("__wasm_split_manifest", "manifest", "json"));
        let split = read(&manifest).and_then(|text| serde_json::from_str(&text).ok()).map(|by_group| SplitChunks { pkg: pkg.clone(), by_group });
        let loader = split.as_ref().map(|_| match hash_of("split") {
            Some(hash) => format!("{pkg}/__wasm_split.{hash}.js"),
            None => format!("{pkg}/__wasm_split.______________________.js"),
        });
        SiteFiles { css: format!("{pkg}/{}", named(output, "css", "css")), js, wasm, boot, split, loader }
    }
}

/// The split WASM's chunks, by group of pages: cargo-leptos' manifest, whose
/// keys are a lazy function's name and a hash of where it is defined.
///
/// Our own type, not leptos' `WasmSplitManifest`: leptos_axum writes hints of
/// its own for every lazy function a page ran, wherever that one is in
/// context — and it looks for it outside the render's owner, so it finds it
/// only on some requests (when the render finished in the first poll). The
/// login page, which comes without the app, then told the browser to fetch
/// the account pages' chunks before the main module, so they came without
/// it as their dictionary (`precompress`) and were cached so.
#[cfg(feature = "ssr")]
pub struct SplitChunks {
    pkg: String,
    by_group: std::collections::HashMap<String, Vec<String>>,
}

#[cfg(feature = "ssr")]
impl SplitChunks {
    /// The chunks' addresses of the group whose pages `render_fn` renders.
    pub fn of_group(&self, render_fn: &str) -> Vec<String> {
        self.by_group
            .iter()
            .find(|(key, _)| key.rsplit_once('_').is_some_and(|(name, _)| name == render_fn))
            .map(|(_, files)| files.iter().map(|file| format!("{}/{file}.wasm", self.pkg)).collect())
            .unwrap_or_default()
    }
}

/// The hydration script: a classic script at the end of the `<head>`, so the
/// browser starts compiling the WASM while it is still parsing the page (V8
/// compiles a streamed module on background threads, or reads it from its
/// code cache) instead of after the document is parsed, which is when a
/// module script would start (UX-1: time to interactive). The page is
/// hydrated only once the document is parsed: hydration walks the whole
/// body and reads the resources written after it. Should the browser refuse
/// to compile the response as it streams (a proxy that changes its type),
/// the main module is given the address and loads it its own way. The
/// nonce admits the script; `'self'` the module it imports.
///
/// Should the app die (a trap in the WASM: a panic), the page falls back to
/// what it does without scripts: links are followed and forms posted by the
/// browser, past the dead app's handlers, and a link followed just before
/// is followed again by the browser; the body's `data-hydrated` says
/// `failed`. This is what happens in a tab left
/// open across a deploy: its next page's chunks are gone (the new build's
/// have other names), leptos' lazy loading panics, and every later click
/// would have done nothing until the person reloaded.
#[cfg(feature = "ssr")]
fn boot_script(js: &str, wasm: &str) -> String {
    format!(
        "(() => {{ const wasm = WebAssembly.compileStreaming(fetch({wasm:?})).catch(() => {wasm:?}), module = import({js:?}); \
         let dead = false, followed = null; \
         const died = (e) => {{ if (dead || !(e instanceof WebAssembly.RuntimeError)) return; dead = true; \
         if (document.body) document.body.dataset.hydrated = 'failed'; if (followed && Date.now() - followed.at < 5000) location.assign(followed.href); }}; \
         addEventListener('error', (e) => died(e.error)); addEventListener('unhandledrejection', (e) => died(e.reason)); \
         addEventListener('click', (e) => {{ const a = e.target instanceof Element ? e.target.closest('a[href]:not([target]):not([download])') : null; \
         if (!a) return; if (dead) e.stopImmediatePropagation(); else followed = {{ href: a.href, at: Date.now() }}; }}, true); \
         addEventListener('submit', (e) => {{ if (dead) e.stopImmediatePropagation(); }}, true); \
         const parsed = document.readyState === 'loading' ? new Promise(done => addEventListener('DOMContentLoaded', done, {{ once: true }})) : null; \
         Promise.all([module, parsed]).then(([m]) => m.default({{ module_or_path: wasm }}).then(() => m.hydrate())); }})();"
    )
}

/// The `<head>`'s links to the site's files and the hydration script; on a
/// page served without the app (`with_app` false, see
/// `pages::is_served_without_the_app`), the style sheet and hints to fetch
/// the app's main module (its script, its WASM, the chunk loader it imports)
/// at the lowest priority, once the page is in: the first page after it
/// then finds them in the cache. Not its chunks: a chunk fetched before the
/// main module is in would come without the main module as its dictionary
/// (`precompress`), and which pages come next depends on who logs in.
#[component]
pub fn SiteFilesHead(options: LeptosOptions, with_app: bool) -> impl IntoView {
    #[cfg(feature = "ssr")]
    {
        use leptos::either::Either;
        let files = SiteFiles::of(&options);
        if let Some(split) = &files.split {
            provide_context::<&'static SplitChunks>(split);
        }
        let (css, js, wasm, boot) = (files.css.as_str(), files.js.as_str(), files.wasm.as_str(), files.boot.as_str());
        let style = view! { <link id="leptos" rel="stylesheet" href=css/> };
        if !with_app {
            // `anonymous`: the request mode the next page's module loader and
            // `fetch` of the WASM use, so they take what was fetched here.
            let loader = files.loader.as_deref().map(|loader| view! { <link rel="prefetch" href=loader crossorigin="anonymous"/> });
            return Either::Left(view! {
                {style}
                <link rel="prefetch" href=js crossorigin="anonymous"/>
                {loader}
                <link rel="prefetch" href=wasm crossorigin="anonymous"/>
            });
        }
        let nonce = leptos::nonce::use_nonce();
        // `anonymous`: the request mode of the module loader and of its `fetch`
        // of the WASM, so the browser uses what it preloaded.
        let loader = files.loader.as_deref().map(|loader| view! { <link rel="modulepreload" href=loader crossorigin="anonymous"/> });
        Either::Right(view! {
            {style}
            <link rel="modulepreload" href=js crossorigin="anonymous"/>
            {loader}
            <link rel="preload" href=wasm r#as="fetch" r#type="application/wasm" crossorigin="anonymous"/>
            <script nonce=nonce>{boot}</script>
        })
    }
    #[cfg(not(feature = "ssr"))]
    {
        let _ = (options, with_app); // the browser hydrates a page the server has rendered
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    fn options() -> LeptosOptions {
        LeptosOptions::builder().output_name("iw").site_root("site").site_pkg_dir("pkg").hash_files(true).build()
    }

    // covers: UX-1
    #[test]
    fn the_files_are_named_by_their_hashes_and_the_split_by_its_manifest() {
        let hashes = "js: J1\nwasm: W2\ncss: C3\nmanifest: M4\nsplit: S5\n";
        let files = SiteFiles::named(&options(), hashes, |path| {
            (path == std::path::Path::new("site/pkg/__wasm_split_manifest.M4.json")).then(|| r#"{"group_123": ["chunk_1"]}"#.to_owned())
        });
        assert_eq!((files.css.as_str(), files.js.as_str(), files.wasm.as_str()), ("/pkg/iw.C3.css", "/pkg/iw.J1.js", "/pkg/iw.W2.wasm"));
        assert_eq!(files.boot, boot_script("/pkg/iw.J1.js", "/pkg/iw.W2.wasm"));
        assert!(files.boot.contains(r#"WebAssembly.compileStreaming(fetch("/pkg/iw.W2.wasm")).catch(() => "/pkg/iw.W2.wasm")"#), "{}", files.boot);
        assert!(files.boot.contains(r#"import("/pkg/iw.J1.js")"#), "{}", files.boot);
        let split = files.split.expect("the manifest was read");
        assert_eq!(files.loader.as_deref(), Some("/pkg/__wasm_split.S5.js"), "named in every page's head");
        assert_eq!(split.of_group("group"), vec!["/pkg/chunk_1.wasm".to_owned()]);
        assert!(split.of_group("other").is_empty());
    }

    #[test]
    fn without_hashes_the_plain_names_serve_and_no_manifest_means_no_split() {
        let files = SiteFiles::named(&options(), "", |_| None);
        assert_eq!((files.css.as_str(), files.js.as_str(), files.wasm.as_str()), ("/pkg/iw.css", "/pkg/iw.js", "/pkg/iw.wasm"));
        assert!(files.split.is_none() && files.loader.is_none());
    }
}

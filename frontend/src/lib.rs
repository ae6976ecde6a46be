//! The browser entry point: hydrates the server-rendered page.
#![recursion_limit = "256"]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Asynchronously: a page whose code is in a chunk of its own (a lazy
    // route) hydrates once its chunk has arrived (UX-1). Only then is every
    // control on the page live, so only then is the page marked hydrated
    // (people on slow links and the browser tests wait for that mark).
    wasm_bindgen_futures::spawn_local(async {
        let body = leptos::prelude::document().body().expect("the page has a body");
        let app = leptos::mount::hydrate_from_async(body.clone(), app::App).await;
        app.forget();
        let _ = body.set_attribute("data-hydrated", "true");
        app::pages::lazy::fetch_ahead();
    });
}

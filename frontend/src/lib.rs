//! The browser entry point: hydrates the server-rendered page.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    // Asynchronously: a page whose code is in a chunk of its own (a lazy route)
    // hydrates once its chunk has arrived (UX-1).
    leptos::mount::hydrate_lazy(app::App);
}

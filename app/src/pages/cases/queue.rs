//! CASE-12: the handler's queue, oldest submission first.
use super::{CaseTable, Pager};
use crate::api::cases::{handler_queue, QueuePart};
use crate::components::session::RequireLogin;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn QueuePage() -> impl IntoView {
    let part = RwSignal::new(QueuePart::InProgress);
    let page = RwSignal::new(0u64);
    let cases = Resource::new(move || (part.get(), page.get()), |(part, page)| handler_queue(part, crate::domain::PageNumber::saturating(page)));
    let tab = move |p: QueuePart, label: &'static str| view! {
        <button type="button" class="tab" aria-pressed=move || (part.get() == p).to_string()
            on:click=move |_| { page.set(0); part.set(p); }>{label}</button>
    };
    view! {
        <Title text="Handläggning"/>
        <RequireLogin>
            <h1>"Handläggning"</h1>
            <div class="actions" role="group" aria-label="Visa">
                {tab(QueuePart::InProgress, "Inkomna ärenden")}
                {tab(QueuePart::Completed, "Färdiganmälda")}
                {tab(QueuePart::Cancellations, "Begärda makuleringar")}
            </div>
            <Transition fallback=|| view! { <p>"Laddar…"</p> }>
                {move || Suspend::new(async move {
                    match cases.await {
                        Ok(list) => {
                            let (total, per_page) = (list.total, list.per_page);
                            view! {
                                <CaseTable rows=list.rows show_submitted=true/>
                                <Pager page=page total=total per_page=per_page/>
                            }.into_any()
                        }
                        Err(e) => view! { <p role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </RequireLogin>
    }
}

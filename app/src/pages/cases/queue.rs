//! CASE-12: the handler's queue, oldest submission first.
use super::{CaseTable, Pager, PagerForm};
use crate::components::form_reply::replied_value;
use crate::api::cases::{handler_queue, QueuePart};
use crate::components::session::RequireLogin;
use leptos::prelude::*;
use leptos_meta::Title;

const QUEUE: &str = "/api/cases/queue";

/// Each part of the queue has an address of its own (`?visa=`), so the tabs
/// are links that work without scripts (UX-1).
const PARTS: [(QueuePart, &str, &str); 3] = [
    (QueuePart::InProgress, "inkomna", "Inkomna ärenden"),
    (QueuePart::Completed, "fardiganmalda", "Färdiganmälda"),
    (QueuePart::Cancellations, "makuleringar", "Begärda makuleringar"),
];

#[component]
pub fn QueuePage() -> impl IntoView {
    let shown = leptos_router::hooks::use_query_map().read_untracked().get("visa");
    let part = RwSignal::new(
        PARTS.iter().find(|(_, code, _)| Some(*code) == shown.as_deref()).map(|(p, _, _)| *p).unwrap_or(QueuePart::InProgress),
    );
    // A page asked for without scripts comes back in the reply.
    let page = RwSignal::new(replied_value(QUEUE, "page").and_then(|p| p.parse().ok()).unwrap_or(0u64));
    // CASE-15: the queue follows case news without a reload.
    let live = crate::components::live::use_live();
    let cases = Resource::new(
        move || (part.get(), page.get(), live.cases.get()),
        |(part, page, _)| handler_queue(part, crate::domain::PageNumber::saturating(page)),
    );
    let tab = move |p: QueuePart, code: &'static str, label: &'static str| view! {
        <a class="button tab secondary-button" href=format!("/handlaggning?visa={code}")
            aria-current=move || (part.get() == p).then_some("page") on:click=move |ev| { ev.prevent_default(); page.set(0); part.set(p); }>{label}</a>
    };
    view! {
        <Title text="Handläggning"/>
        <RequireLogin>
            <h1>"Handläggning"</h1>
            <div class="actions" role="group" aria-label="Visa">
                {PARTS.into_iter().map(|(p, code, label)| tab(p, code, label)).collect_view()}
            </div>
            <Transition fallback=|| view! { <p>"Laddar…"</p> }>
                {move || Suspend::new(async move {
                    match cases.await {
                        Ok(list) => {
                            let (total, per_page) = (list.total, list.per_page);
                            view! {
                                <CaseTable rows=list.rows show_submitted=true/>
                                <Pager page=page total=total per_page=per_page form=PagerForm {
                                    action: QUEUE,
                                    fields: vec![("part", format!("{:?}", part.get_untracked()))],
                                }/>
                            }.into_any()
                        }
                        Err(e) => view! { <p role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </RequireLogin>
    }
}

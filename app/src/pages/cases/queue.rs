//! CASE-12: the handler's queue — its parts (incoming, the handler's own,
//! completion reported, cancellations, all), searched and filtered, in the
//! order the handler chooses, with who has taken each case.
use super::{CaseTable, Pager, PagerForm};
use crate::api::cases::handler_queue;
use crate::components::form_reply::{replied_error, replied_value};
use crate::components::session::RequireLogin;
use crate::components::{FormError, PostForm};
use crate::domain::case::{CaseState, QueueForm, QueuePart, QueueSort, CATALOGUE};
use crate::i18n::td_string;
use crate::translated::{queue_part_label, queue_sort_label};
use leptos::prelude::*;
use leptos_meta::Title;

const QUEUE: &str = "/api/cases/queue";

/// The form's fields as the page holds them.
fn form_fields(f: &QueueForm) -> Vec<(&'static str, String)> {
    vec![
        ("part", f.part.clone()),
        ("query", f.query.clone()),
        ("case_type", f.case_type.clone()),
        ("state_code", f.state_code.clone()),
        ("from", f.from.clone()),
        ("to", f.to.clone()),
        ("sort", f.sort.clone()),
    ]
}

/// What the filter form holds when it is sent (hydrated pages read the form
/// itself, so a choice made before hydration counts too).
fn asked_in_form(ev: &leptos::ev::SubmitEvent, part: &str) -> QueueForm {
    use wasm_bindgen::JsCast;
    let data = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlFormElement>().ok())
        .and_then(|form| web_sys::FormData::new_with_form(&form).ok());
    let field = |name: &str| data.as_ref().and_then(|d| d.get(name).as_string()).unwrap_or_default();
    QueueForm {
        part: part.to_string(),
        query: field("query"),
        case_type: field("case_type"),
        state_code: field("state_code"),
        from: field("from"),
        to: field("to"),
        sort: field("sort"),
    }
}

#[component]
pub fn QueuePage() -> impl IntoView {
    let locale = crate::components::language::locale();
    // The part has an address of its own (`?visa=`); the filters come back
    // in the reply of a post made without scripts (UX-1).
    let shown = leptos_router::hooks::use_query_map().read_untracked().get("visa");
    let replied = |field| replied_value(QUEUE, field).unwrap_or_default();
    let start = QueueForm {
        part: shown.or_else(|| replied_value(QUEUE, "part")).and_then(|c| QueuePart::from_code(&c)).unwrap_or_default().code().to_string(),
        query: replied("query"),
        case_type: replied("case_type"),
        state_code: replied("state_code"),
        from: replied("from"),
        to: replied("to"),
        sort: replied("sort"),
    };
    let asked = RwSignal::new(start);
    let page = RwSignal::new(replied("page").parse().unwrap_or(0u64));
    let error = RwSignal::new(replied_error(QUEUE).map(|e| e.to_string()));
    // CASE-15: the queue follows case news without a reload.
    let live = crate::components::live::use_live();
    let cases = Resource::new(
        move || (asked.get(), page.get(), live.cases.get()),
        |(f, page, _)| {
            handler_queue(f.part, f.query, f.case_type, f.state_code, f.from, f.to, f.sort, crate::domain::PageNumber::saturating(page))
        },
    );
    let part = move || QueuePart::from_code(&asked.with(|f| f.part.clone())).unwrap_or_default();
    let tab = move |p: QueuePart| {
        view! {
            <a class="button tab secondary-button" href=format!("/handlaggning?visa={}", p.code())
                aria-current=move || (part() == p).then_some("page")
                on:click=move |ev| {
                    ev.prevent_default();
                    page.set(0);
                    asked.update(|f| f.part = p.code().to_string());
                }>{queue_part_label(locale, p)}</a>
        }
    };
    // What the form starts with (it keeps what is typed after that).
    let initial = StoredValue::new(asked.get_untracked());
    let start_value = move |field: fn(&QueueForm) -> &String| initial.with_value(|f| field(f).clone());
    let starts_with = move |field: fn(&QueueForm) -> &String, value: &str| initial.with_value(|f| field(f) == value);
    view! {
        <Title text=td_string!(locale, queue.title)/>
        <RequireLogin>
            <h1>{td_string!(locale, queue.title)}</h1>
            <nav class="actions" aria-label=td_string!(locale, queue.parts)>
                {QueuePart::ALL.into_iter().map(tab).collect_view()}
            </nav>
            <PostForm action=QUEUE class="filters" role="search" on_submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                error.set(None);
                page.set(0);
                asked.set(asked_in_form(&ev, &asked.get_untracked().part));
            }>
                <input type="hidden" name="part" value=move || asked.with(|f| f.part.clone())/>
                <input type="hidden" name="page" value="0"/>
                <div class="field">
                    <label for="ko-sok">{td_string!(locale, queue.search)}</label>
                    <input id="ko-sok" name="query" type="search" maxlength="200" value=start_value(|f| &f.query)/>
                </div>
                <div class="field">
                    <label for="ko-typ">{td_string!(locale, queue.case_type)}</label>
                    <select id="ko-typ" name="case_type">
                        <option value="">{td_string!(locale, queue.all)}</option>
                        {CATALOGUE.iter().map(|t| view! {
                            <option value=t.code selected=starts_with(|f| &f.case_type, t.code)>{crate::translated::catalogue_text(locale, t.label)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="ko-lage">{td_string!(locale, queue.state)}</label>
                    <select id="ko-lage" name="state_code">
                        <option value="">{td_string!(locale, queue.all)}</option>
                        {CaseState::ALL.into_iter().filter(|s| *s != CaseState::Utkast).map(|s| view! {
                            <option value=s.code() selected=starts_with(|f| &f.state_code, s.code())>{crate::translated::state_label(locale, s)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="ko-fran">{td_string!(locale, queue.from)}</label>
                    <input id="ko-fran" name="from" type="date" value=start_value(|f| &f.from)/>
                </div>
                <div class="field">
                    <label for="ko-till">{td_string!(locale, queue.to)}</label>
                    <input id="ko-till" name="to" type="date" value=start_value(|f| &f.to)/>
                </div>
                <div class="field">
                    <label for="ko-ordning">{td_string!(locale, queue.order)}</label>
                    <select id="ko-ordning" name="sort">
                        {QueueSort::ALL.into_iter().map(|s| view! {
                            <option value=s.code() selected=starts_with(|f| &f.sort, s.code())>{queue_sort_label(locale, s)}</option>
                        }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="secondary-button">{td_string!(locale, queue.search_button)}</button>
            </PostForm>
            <FormError message=error/>
            <Transition fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match cases.await {
                        Ok(list) => {
                            let (total, per_page) = (list.total, list.per_page);
                            view! {
                                <CaseTable rows=list.rows show_submitted=true show_handler=true/>
                                <Pager page=page total=total per_page=per_page form=PagerForm {
                                    action: QUEUE,
                                    fields: form_fields(&asked.get_untracked()),
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

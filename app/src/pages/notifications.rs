//! CASE-15 `Notiser`: the installer's case news, newest first, unread
//! marked, each linking to its case; marked as read one by one or all at once.
use super::cases::{Pager, PagerForm};
use crate::api::notifications::{my_notifications, MarkNotificationsRead};
use crate::components::form_reply::{replied_success, replied_value};
use crate::components::live::use_live;
use crate::components::session::RequireLogin;
use crate::components::{FormError, PostForm, StatusMessage};
use crate::i18n::{fill, td_string};
use leptos::prelude::*;
use leptos_meta::Title;

const LIST: &str = "/api/notifications/list";
const READ: &str = "/api/notifications/read";

#[component]
pub fn NotificationsPage() -> impl IntoView {
    let locale = crate::components::language::locale();
    let live = use_live();
    let page = RwSignal::new(replied_value(LIST, "page").and_then(|p| p.parse().ok()).unwrap_or(0u64));
    let read = ServerAction::<MarkNotificationsRead>::new();
    let list = Resource::new(
        move || (page.get(), live.cases.get(), read.version().get()),
        |(page, _, _)| my_notifications(crate::domain::PageNumber::saturating(page)),
    );
    let status = RwSignal::new(replied_success(READ).then(|| td_string!(locale, notifications.marked_read).to_string()));
    let error = RwSignal::new(None::<String>);
    Effect::new(move |_| match read.value().get() {
        Some(Ok(_)) => status.set(Some(td_string!(locale, notifications.marked_read).into())),
        Some(Err(e)) => error.set(Some(e.to_string())),
        None => {}
    });
    let mark = move |id: Option<i32>, label: &'static str, class: &'static str| {
        view! {
            <PostForm action=READ class="inline-form" on_submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                status.set(None);
                error.set(None);
                read.dispatch(MarkNotificationsRead { id });
            }>
                {id.map(|id| view! { <input type="hidden" name="id" value=id.to_string()/> })}
                <button type="submit" class=class>{label}</button>
            </PostForm>
        }
    };
    view! {
        <Title text=td_string!(locale, notifications.title)/>
        <RequireLogin>
            <h1>{td_string!(locale, notifications.title)}</h1>
            <noscript><p>{td_string!(locale, notifications.no_scripts)}</p></noscript>
            <StatusMessage message=status/>
            <FormError message=error/>
            <Transition fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match list.await {
                        Ok(l) if l.rows.is_empty() => view! { <p class="muted">{td_string!(locale, notifications.none)}</p> }.into_any(),
                        Ok(l) => {
                            let (total, per_page, unread) = (l.total, l.per_page, l.unread);
                            view! {
                                <p>{fill(td_string!(locale, notifications.unread_of), &[("unread", &crate::formats::number(locale, unread)), ("total", &crate::formats::number(locale, total))])}</p>
                                {(unread > 0).then(|| mark(None, td_string!(locale, notifications.mark_all), "secondary-button"))}
                                <ul class="notifications">
                                    {l.rows.into_iter().map(|n| view! {
                                        <li class:unread=!n.read>
                                            <p>
                                                <span class="when">{n.at}</span> " "
                                                {(!n.read).then(|| view! { <strong class="badge">{td_string!(locale, notifications.unread)}</strong> })}
                                            </p>
                                            <p class="message">{n.message}</p>
                                            <p class="actions">
                                                {n.case_id.map(|id| view! { <a href=format!("/arenden/{id}")>{td_string!(locale, notifications.open_case)}</a> })}
                                                {(!n.read).then(|| mark(Some(n.id), td_string!(locale, notifications.mark_one), "secondary-button"))}
                                            </p>
                                        </li>
                                    }).collect_view()}
                                </ul>
                                <Pager page=page total=total per_page=per_page noun=td_string!(locale, notifications.noun) form=PagerForm { action: LIST, fields: vec![] }/>
                            }.into_any()
                        }
                        Err(e) => view! { <p role="alert">{e.to_string()}</p> }.into_any(),
                    }
                })}
            </Transition>
        </RequireLogin>
    }
}

//! A case: its form (generated from its type's declaration, saved as you
//! go), attachments, actions allowed now, and its timeline (CASE-10).
use crate::api::cases::{get_case, ActOnCase, CaseView, ContactView, LifecycleAction, Preview, ReleaseCase, RemoveAttachment, ReportCompletion, SaveCase, TakeCase};
use crate::components::dialog::{DialogClose, DialogLink, Modal};
use crate::components::form_reply::{replied_error, replied_success};
use crate::components::session::RequireLogin;
use crate::components::field::{show_server_error, FieldState, TextField};
use crate::components::{FormError, StatusMessage, PostForm};
use crate::domain::case::{validate_field, CaseType, FieldDef, FieldKind, OperatorConfig};
use crate::error::AppError;
use crate::i18n::{fill, td_string};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use std::collections::BTreeMap;

#[component]
pub fn CasePage() -> impl IntoView {
    let locale = crate::components::language::locale();
    let params = use_params_map();
    let case_id = move || params.read().get("id").and_then(|s| s.parse::<i32>().ok());
    let version = RwSignal::new(0u32);
    let case = Resource::new(
        move || (version.get(), case_id()),
        |(_, id)| async move {
            match id {
                Some(id) => get_case(id).await,
                None => Err(AppError::NotFound(td_string!(crate::components::language::current_locale(), case_page.not_found_message).into())),
            }
        },
    );
    let status = RwSignal::new(None::<String>);
    // CASE-15: news about the case shows without a reload — at once when the
    // page only shows it, on request while its form is being filled in.
    let live = crate::components::live::use_live();
    let stale = RwSignal::new(false);
    Effect::new(move |seen: Option<u32>| {
        let news = live.cases.get();
        if seen.is_some_and(|s| s != news) {
            let editing = case.get_untracked().and_then(|r| r.ok()).is_some_and(|c| c.can.edit);
            if editing { stale.set(true) } else { version.update(|v| *v += 1) }
        }
        news
    });
    let query = use_query_map();
    Effect::new(move |_| {
        let q = query.read();
        if q.get("bilaga").is_some() {
            status.set(Some(td_string!(locale, case_page.attachment_saved).into()));
        }
    });
    view! {
        <Title text=td_string!(locale, case_page.title)/>
        <RequireLogin>
            <Show when=move || stale.get()>
                <p class="notice" role="status">{td_string!(locale, case_page.changed_since)}
                    <button type="button" class="secondary-button" on:click=move |_| { stale.set(false); version.update(|v| *v += 1); }>
                        {td_string!(locale, case_page.show_latest)}
                    </button>
                </p>
            </Show>
            <Transition fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
                {move || Suspend::new(async move {
                    match case.await {
                        Ok(c) => view! { <CaseDetails case=c status=status version=version/> }.into_any(),
                        Err(e) => view! {
                            <Title text=td_string!(locale, case_page.not_found)/>
                            <h1>{td_string!(locale, case_page.not_found)}</h1>
                            <p role="alert">{e.to_string()}</p>
                        }.into_any(),
                    }
                })}
            </Transition>
        </RequireLogin>
    }
}

#[component]
fn CaseDetails(case: CaseView, status: RwSignal<Option<String>>, version: RwSignal<u32>) -> impl IntoView {
    let locale = crate::components::language::locale();
    let Some(case_type) = CaseType::by_code(&case.case_type) else {
        return view! { <p role="alert">{td_string!(locale, case_page.unknown_type)}</p> }.into_any();
    };
    let query = use_query_map();
    let upload_error = Signal::derive(move || query.read().get("bilagefel"));
    let cfg = OperatorConfig { fuse_sizes_a: case.fuse_sizes.clone(), ..OperatorConfig::default() };
    let fields: Vec<(&'static FieldDef, RwSignal<String>, RwSignal<Option<String>>)> = case_type
        .all_fields()
        .map(|def| (def, RwSignal::new(case.values.get(def.key).cloned().unwrap_or_default()), RwSignal::new(None)))
        .collect();
    let fields = StoredValue::new(fields);
    let attachments_error = RwSignal::new(None::<String>);
    let form_error = RwSignal::new(None::<String>);
    let saved_at = RwSignal::new(None::<String>);
    let id = case.id;

    let save = ServerAction::<SaveCase>::new();
    let collect = move || -> BTreeMap<String, String> {
        fields.with_value(|f| f.iter().map(|(d, v, _)| (d.key.to_string(), v.get_untracked())).collect())
    };
    Effect::new(move |_| match save.value().get() {
        Some(Ok(_)) => saved_at.set(Some(td_string!(locale, case_page.saved).into())),
        Some(Err(e)) => form_error.set(Some(e.to_string())),
        None => {}
    });
    let autosave = move || save.dispatch(SaveCase { case_id: id, values: collect() });

    // Puts what stopped an action next to the fields and attachments it is about.
    let show_act_error = move |e: &AppError| {
        let mut placed = false;
        fields.with_value(|f| {
            for (def, _, err) in f {
                let m = e.field_message(def.key);
                placed |= m.is_some();
                err.set(m);
            }
        });
        attachments_error.set(e.field_message("attachments"));
        form_error.set(if placed || e.field_message("attachments").is_some() {
            Some(td_string!(locale, case_page.fix_marked).into())
        } else {
            Some(e.to_string())
        });
    };
    // An action posted without scripts came back with this (UX-1).
    if let Some(e) = replied_error(ACT) {
        show_act_error(&e);
    } else if replied_success(ACT) {
        status.set(Some(td_string!(locale, case_page.done).into()));
    }
    let act = ServerAction::<ActOnCase>::new();
    let last = RwSignal::new(None::<LifecycleAction>);
    let navigate = use_navigate();
    Effect::new(move |_| match act.value().get() {
        Some(Ok(())) => {
            form_error.set(None);
            status.set(Some(td_string!(locale, case_page.done).into()));
            if last.get_untracked() == Some(LifecycleAction::DeleteDraft) {
                navigate("/arenden", Default::default());
            } else {
                version.update(|v| *v += 1);
            }
        }
        Some(Err(e)) => show_act_error(&e),
        None => {}
    });
    let dispatch = move |action: LifecycleAction, message: String| {
        status.set(None);
        form_error.set(None);
        last.set(Some(action));
        act.dispatch(ActOnCase { case_id: id, action, message });
    };
    let editable = case.can.edit;
    let title = format!("{} – {}", case.case_number, case.type_label);
    let scripts_run = RwSignal::new(false);
    Effect::new(move |_| scripts_run.set(true));

    view! {
        <Title text=title.clone()/>
        <h1>{case.case_number.clone()} " " <span class="subtitle">{case.type_label.clone()}</span></h1>
        <p>
            <span class=format!("state state-{}", case.state.code())>{crate::translated::state_label(crate::components::language::locale(), case.state)}</span>
            " · " {case.group_label.clone()} {td_string!(locale, case_page.handled_by)} {case.unit_label.clone()}
            {td_string!(locale, case_page.team_prefix)} {case.team_name.clone()} {td_string!(locale, case_page.installer_prefix)} {case.holder_name.clone()}
        </p>
        <StatusMessage message=status/>
        // A summary for the customer folder: the page, printed without its
        // controls (style/main.css). The button needs scripts, so it shows
        // once they run; the browser's own Print works everywhere.
        <p class="actions" hidden=move || !scripts_run.get()>
            <button type="button" class="secondary-button" on:click=move |_| {
                #[cfg(feature = "hydrate")]
                {
                    let _ = window().print();
                }
            }>{td_string!(locale, case_page.print)}</button>
        </p>
        {case.read_only_message.clone().map(|m| view! { <p class="notice" role="note">{m}</p> })}
        {case.supplement_request.clone().map(|m| view! {
            <section class="card notice" aria-labelledby="komplettering-rubrik">
                <h2 id="komplettering-rubrik">{td_string!(locale, case_page.supplement_asked)}</h2>
                <p>{m}</p>
            </section>
        })}
        {case.cancellation_reason.clone().map(|r| view! {
            <p class="notice">{td_string!(locale, case_page.cancellation_requested)} {r}</p>
        })}

        <section class="card" aria-labelledby="uppgifter-rubrik">
            <h2 id="uppgifter-rubrik">{td_string!(locale, case_page.details)}</h2>
            {if editable {
                view! {
                    // Saved as you go once hydrated; without scripts, with the button.
                    <PostForm action="/api/cases/save-form" class="wide" done=td_string!(locale, case_page.saved)
                        on_submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); autosave(); }>
                        <input type="hidden" name="case_id" value=id.to_string()/>
                        {fields.with_value(|f| f.iter().map(|(def, value, error)| {
                            let (def, value, error) = (*def, *value, *error);
                            let cfg = cfg.clone();
                            // The type may ask more of a common field than its declaration does.
                            let def = FieldDef { required: case_type.requires(def), ..*def };
                            view! { <CaseField def=def value=value error=error cfg=cfg on_change=move || { autosave(); }/> }
                        }).collect_view())}
                        <button type="submit" class="secondary-button">{td_string!(locale, case_page.save_draft)}</button>
                    </PostForm>
                    <p class="status" role="status">{move || if save.pending().get() { Some(td_string!(locale, case_page.saving).to_string()) } else { saved_at.get() }}</p>
                }.into_any()
            } else {
                view! {
                    <dl class="facts">
                        {case_type.all_fields().filter_map(|def| {
                            case.values.get(def.key).filter(|v| !v.is_empty()).map(|v| view! {
                                <dt>{crate::translated::catalogue_text(crate::components::language::locale(), def.label)}</dt><dd>{v.clone()}</dd>
                            })
                        }).collect_view()}
                    </dl>
                }.into_any()
            }}
        </section>

        {case.contact.clone().map(|c| view! { <Contact contact=c/> })}
        {(case.can.take || case.can.release || case.handler_name.is_some()).then(|| view! {
            <Handling case=case.clone() status=status version=version/>
        })}
        <Attachments case=case.clone() error=attachments_error upload_error=upload_error version=version/>
        <FormError message=form_error/>
        <Actions case=case.clone() act=act dispatch=dispatch/>
        {case.can.report_completion.then(|| view! { <CompletionForm case_id=id meter=case.meter_at_completion status=status version=version/> })}
        {case.completion.clone().map(|r| view! { <CompletionFacts report=r/> })}
        <section class="card" aria-labelledby="historik-rubrik">
            <h2 id="historik-rubrik">{td_string!(locale, case_page.events)}</h2>
            <ol class="timeline">
                {case.timeline.iter().map(|e| view! {
                    <li>
                        <span class="when">{e.at.clone()}</span> " "
                        <strong>{e.what.clone()}</strong> " – " {e.who.clone()}
                        {e.message.clone().map(|m| view! { <p class="message">{m}</p> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
    .into_any()
}

/// One field of a case, with the input its kind calls for.
#[component]
fn CaseField(
    def: FieldDef,
    value: RwSignal<String>,
    error: RwSignal<Option<String>>,
    cfg: OperatorConfig,
    on_change: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let id = format!("falt-{}", def.key);
    let error_id = format!("{id}-fel");
    let hint_id = format!("{id}-tips");
    let cfg = StoredValue::new(cfg);
    let check = move || {
        let today = chrono::Utc::now().date_naive();
        let result = cfg.with_value(|c| validate_field(&def, &value.get_untracked(), c, today));
        error.set(result.err().map(|problem| {
            use crate::translated::Translate;
            problem.text(crate::components::language::current_locale())
        }));
    };
    let described = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        move || {
            let mut ids = Vec::new();
            if def.hint.is_some() {
                ids.push(hint_id.clone());
            }
            if error.get().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let changed = move |ev: leptos::ev::Event| {
        value.set(event_target_value(&ev));
        if !value.get_untracked().trim().is_empty() || error.get_untracked().is_some() {
            check();
        }
        on_change();
    };
    let input_event = move |ev: leptos::ev::Event| value.set(event_target_value(&ev));
    let (long_text, list, single) =
        (NodeRef::<leptos::html::Textarea>::new(), NodeRef::<leptos::html::Select>::new(), NodeRef::<leptos::html::Input>::new());
    // Posted as `values[<key>]`; after a failed post without scripts, what was typed comes back.
    let name = format!("values[{}]", def.key);
    if let (Some(typed), _) = crate::components::form_reply::field_reply(&name) {
        value.set(typed);
    }
    let locale = crate::components::language::locale();
    let said = crate::translated::catalogue_text(locale, def.label);
    let label = if def.required { format!("{said} *") } else { said.to_string() };
    let control = match def.kind {
        FieldKind::LongText => view! {
            <textarea id=id.clone() name=name.clone() rows="4" aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=described.clone() node_ref=long_text prop:value=crate::components::field::kept_through_hydration(value, long_text) on:input=input_event on:change=changed
                // The server's HTML carries the text (without scripts); as markup, not a child the hydration must find.
                inner_html=crate::components::form_reply::escape_text(&value.get_untracked())></textarea>
        }.into_any(),
        FieldKind::FuseSize | FieldKind::Phases | FieldKind::ProductionType | FieldKind::YesNo => {
            // A yes/no starts at no; the other lists ask for a choice.
            let placeholder = if def.kind == FieldKind::YesNo { td_string!(locale, case_page.no) } else { td_string!(locale, case_page.choose) };
            let options: Vec<(String, String)> = match def.kind {
                FieldKind::FuseSize => cfg.with_value(|c| c.fuse_sizes_a.iter().map(|a| (a.to_string(), format!("{a} A"))).collect()),
                FieldKind::Phases => vec![("1".into(), td_string!(locale, case_page.phase_1).into()), ("3".into(), td_string!(locale, case_page.phase_3).into())],
                FieldKind::YesNo => vec![("ja".into(), td_string!(locale, case_page.yes).into())],
                _ => vec![("sol".into(), td_string!(locale, case_page.solar).into()), ("vind".into(), td_string!(locale, case_page.wind).into()), ("vatten".into(), td_string!(locale, case_page.hydro).into())],
            };
            view! {
                <select id=id.clone() name=name.clone() aria-invalid=move || error.get().is_some().to_string() aria-describedby=described.clone()
                    node_ref=list prop:value=crate::components::field::kept_through_hydration(value, list) on:change=changed>
                    <option value="">{placeholder}</option>
                    {options.into_iter().map(|(v, l)| view! { <option value=v.clone() selected=move || value.get() == v>{l}</option> }).collect_view()}
                </select>
            }.into_any()
        }
        kind => {
            let (input_type, mode) = match kind {
                FieldKind::Date => ("date", None),
                FieldKind::DateTime => ("datetime-local", None),
                FieldKind::Email => ("email", None),
                FieldKind::Phone => ("tel", None),
                FieldKind::Count { .. } | FieldKind::Gsrn | FieldKind::PostalCode => ("text", Some("numeric")),
                FieldKind::PowerKw => ("text", Some("decimal")),
                _ => ("text", None),
            };
            view! {
                <input id=id.clone() name=name.clone() type=input_type inputmode=mode aria-invalid=move || error.get().is_some().to_string()
                    aria-describedby=described.clone() value=move || value.get() node_ref=single prop:value=crate::components::field::kept_through_hydration(value, single)
                    on:input=input_event on:change=changed/>
            }.into_any()
        }
    };
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id.clone()>{label}</label>
            {def.hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{crate::translated::catalogue_text(locale, h)}</p> })}
            {control}
            <Show when=move || error.get().is_some()>
                <p class="field-error" id=error_id.clone()>{move || error.get()}</p>
            </Show>
        </div>
    }
}

/// The case's documents, and (while it may be edited) a form to add one. The
/// form posts straight to the upload route, so it works without scripts too.
#[component]
fn Attachments(case: CaseView, error: RwSignal<Option<String>>, upload_error: Signal<Option<String>>, version: RwSignal<u32>) -> impl IntoView {
    let locale = crate::components::language::locale();
    let present: Vec<String> = case.attachments.iter().map(|a| a.kind_label.clone()).collect();
    let remove = ServerAction::<RemoveAttachment>::new();
    if let Some(e) = replied_error(REMOVE_ATTACHMENT) {
        error.set(Some(e.to_string()));
    }
    Effect::new(move |_| match remove.value().get() {
        Some(Ok(())) => version.update(|v| *v += 1),
        Some(Err(e)) => error.set(Some(e.to_string())),
        None => {}
    });
    let (case_id, editable) = (case.id, case.can.edit);
    view! {
        <section class="card" aria-labelledby="bilagor-rubrik">
            <h2 id="bilagor-rubrik">{td_string!(locale, case_page.attachments)}</h2>
            {(!case.required_attachments.is_empty()).then(|| view! {
                <p>{td_string!(locale, case_page.required)}
                    {case.required_attachments.iter().map(|(_, label)| {
                        let done = present.contains(label);
                        view! { <span class="badge">{label.clone()} {if done { " ✓" } else { "" }}</span> }
                    }).collect_view()}
                </p>
            })}
            {if case.attachments.is_empty() {
                view! { <p class="muted">{td_string!(locale, case_page.no_attachments)}</p> }.into_any()
            } else {
                view! {
                    <ul>
                        {case.attachments.iter().map(|a| {
                            let attachment_id = a.id;
                            let remove_label = fill(td_string!(locale, case_page.remove_file), &[("file", &a.file_name)]);
                            view! {
                                <li><a href=a.url.clone()>{a.file_name.clone()}</a> " (" {a.kind_label.clone()} ", "
                                    {format!("{:.0} kB", a.size_bytes as f64 / 1024.0)} ")"
                                    {a.preview.map(|p| {
                                        let shown = format!("{}?visa=1", a.url);
                                        match p {
                                            Preview::Image => view! {
                                                <a class="preview" href=shown.clone() target="_blank" rel="noopener">
                                                    <img src=shown.clone() alt=fill(td_string!(locale, case_page.preview_of), &[("file", &a.file_name)]) loading="lazy" width="160"/>
                                                </a>
                                            }.into_any(),
                                            Preview::Pdf => view! {
                                                " " <a href=shown target="_blank" rel="noopener" aria-label=fill(td_string!(locale, case_page.show_in_browser), &[("file", &a.file_name)])>{td_string!(locale, case_page.show)}</a>
                                            }.into_any(),
                                        }
                                    })}
                                    {editable.then(|| view! {
                                        " "
                                        <PostForm action=REMOVE_ATTACHMENT class="inline-form" on_submit=move |ev: leptos::ev::SubmitEvent| {
                                            ev.prevent_default();
                                            error.set(None);
                                            remove.dispatch(RemoveAttachment { case_id, attachment_id });
                                        }>
                                            <input type="hidden" name="case_id" value=case_id.to_string()/>
                                            <input type="hidden" name="attachment_id" value=attachment_id.to_string()/>
                                            <button type="submit" class="secondary-button" aria-label=remove_label.clone()>{td_string!(locale, case_page.remove)}</button>
                                        </PostForm>
                                    })}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <Show when=move || error.get().is_some()>
                <p class="field-error" role="alert">{move || error.get()}</p>
            </Show>
            <Show when=move || upload_error.get().is_some()>
                <p class="field-error" role="alert">{move || upload_error.get()}</p>
            </Show>
            {if case.can.edit {
                view! { <UploadForm action=format!("/api/cases/{}/attachments", case.id) kinds=&crate::domain::case::AttachmentKind::ALL/> }.into_any()
            } else if case.can.attach_move_evidence {
                view! {
                    <h3>{td_string!(locale, case_page.move_evidence)}</h3>
                    <p class="muted">{td_string!(locale, case_page.move_evidence_hint)}</p>
                    <UploadForm action=format!("/api/admin/cases/{}/evidence", case.id) kinds=&crate::domain::case::MOVE_EVIDENCE/>
                }.into_any()
            } else {
                ().into_any()
            }}
        </section>
    }
}

/// Posts one file of one of `kinds` straight to an upload route, so it works without scripts too.
#[component]
fn UploadForm(action: String, kinds: &'static [crate::domain::case::AttachmentKind]) -> impl IntoView {
    let locale = crate::components::language::locale();
    view! {
        <PostForm multipart=true action=action>
            <div class="field">
                <label for="bilaga-typ">{td_string!(locale, case_page.attachment_type)}</label>
                <select id="bilaga-typ" name="kind">
                    {kinds.iter().map(|k| view! { <option value=k.code()>{crate::translated::catalogue_text(crate::components::language::locale(), k.label())}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="bilaga-fil">{td_string!(locale, case_page.file)}</label>
                <input id="bilaga-fil" type="file" name="file" accept="application/pdf,image/jpeg,image/png" required/>
            </div>
            <button type="submit" class="secondary-button">{td_string!(locale, case_page.upload)}</button>
        </PostForm>
    }
}

/// Where every lifecycle action posts.
const ACT: &str = "/api/cases/act";
const REMOVE_ATTACHMENT: &str = "/api/cases/remove-attachment";

/// The hidden half of an action's form: which case, which action.
fn action_fields(case_id: i32, action: Option<LifecycleAction>) -> impl IntoView {
    view! {
        <input type="hidden" name="case_id" value=case_id.to_string()/>
        {action.map(|a| view! { <input type="hidden" name="action" value=format!("{a:?}")/> })}
    }
}

/// One action without a message: a form with one button.
fn plain_action(
    case_id: i32,
    action: LifecycleAction,
    label: &'static str,
    busy: impl Fn() -> bool + Send + Sync + 'static,
    dispatch: impl Fn(LifecycleAction, String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    view! {
        <PostForm action=ACT class="inline-form" on_submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); dispatch(action, String::new()); }>
            {action_fields(case_id, Some(action))}
            <input type="hidden" name="message" value=""/>
            <button type="submit" disabled=busy>{label}</button>
        </PostForm>
    }
}

/// One action with a message (a question, an answer, a reason).
fn message_action(
    case_id: i32,
    action: LifecycleAction,
    (field_id, field_label): (&'static str, &'static str),
    label: &'static str,
    message: RwSignal<String>,
    dispatch: impl Fn(LifecycleAction, String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let control = NodeRef::<leptos::html::Textarea>::new();
    view! {
        <PostForm action=ACT on_submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); dispatch(action, message.get_untracked()); }>
            {action_fields(case_id, Some(action))}
            <div class="field">
                <label for=field_id>{field_label}</label>
                <textarea id=field_id name="message" rows="3" node_ref=control prop:value=crate::components::field::kept_through_hydration(message, control) on:input=move |ev| message.set(event_target_value(&ev))></textarea>
            </div>
            <button type="submit">{label}</button>
        </PostForm>
    }
}

/// The actions the asker may take now, each a form of its own, so they work
/// before the page has hydrated and without scripts (UX-1).
#[component]
fn Actions(
    case: CaseView,
    act: ServerAction<ActOnCase>,
    dispatch: impl Fn(LifecycleAction, String) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let locale = crate::components::language::locale();
    let can = case.can;
    let id = case.id;
    let answer = RwSignal::new(String::new());
    let supplement = RwSignal::new(String::new());
    let decision_note = RwSignal::new(String::new());
    let cancel_open = RwSignal::new(false);
    let cancel_reason = RwSignal::new(String::new());
    let (decision_control, cancel_control) = (NodeRef::<leptos::html::Textarea>::new(), NodeRef::<leptos::html::Textarea>::new());
    let delete_open = RwSignal::new(false);
    let busy = move || act.pending().get();
    let any = can.submit || can.answer_supplement || can.request_cancellation
        || can.delete_draft || can.request_supplement || can.archive || can.decide_cancellation;
    let decide = move |action: LifecycleAction| {
        move |ev: leptos::ev::MouseEvent| {
            ev.prevent_default();
            dispatch(action, decision_note.get_untracked());
        }
    };
    any.then(|| view! {
        <section class="card" aria-labelledby="atgarder-rubrik">
            <h2 id="atgarder-rubrik">{td_string!(locale, case_page.actions)}</h2>
            <div class="actions">
                {can.submit.then(|| plain_action(id, LifecycleAction::Submit, td_string!(locale, case_page.submit), busy, dispatch))}
                {can.archive.then(|| plain_action(id, LifecycleAction::Archive, td_string!(locale, case_page.archive), busy, dispatch))}
                {can.request_cancellation.then(|| view! {
                    <DialogLink open=cancel_open query_key="makulera" class="secondary-button">{td_string!(locale, case_page.cancel_case)}</DialogLink>
                })}
                {can.delete_draft.then(|| view! {
                    <DialogLink open=delete_open query_key="ta-bort" class="secondary-button">{td_string!(locale, case_page.delete_draft)}</DialogLink>
                })}
            </div>
            {can.answer_supplement.then(|| message_action(
                id, LifecycleAction::AnswerSupplement, ("svar", td_string!(locale, case_page.answer_label)), td_string!(locale, case_page.send_supplement), answer, dispatch,
            ))}
            {can.request_supplement.then(|| message_action(
                id, LifecycleAction::RequestSupplement, ("komplettering", td_string!(locale, case_page.supplement_label)), td_string!(locale, case_page.request_supplement), supplement, dispatch,
            ))}
            {can.decide_cancellation.then(|| view! {
                <PostForm action=ACT on_submit=move |ev: leptos::ev::SubmitEvent| ev.prevent_default()>
                    {action_fields(id, None)}
                    <div class="field">
                        <label for="beslut">{td_string!(locale, case_page.decision_note)}</label>
                        <textarea id="beslut" name="message" rows="2" node_ref=decision_control prop:value=crate::components::field::kept_through_hydration(decision_note, decision_control) on:input=move |ev| decision_note.set(event_target_value(&ev))></textarea>
                    </div>
                    <div class="actions">
                        <button type="submit" name="action" value="ConfirmCancellation" disabled=busy
                            on:click=decide(LifecycleAction::ConfirmCancellation)>{td_string!(locale, case_page.confirm_cancellation)}</button>
                        <button type="submit" name="action" value="RejectCancellation" class="secondary-button" disabled=busy
                            on:click=decide(LifecycleAction::RejectCancellation)>{td_string!(locale, case_page.reject_cancellation)}</button>
                    </div>
                </PostForm>
            })}
            <Modal open=cancel_open query_key="makulera" heading_id="makulera-rubrik" title=td_string!(locale, case_page.cancel_heading).to_string()>
                <p>{td_string!(locale, case_page.cancel_explained)}</p>
                <PostForm action=ACT on_submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    cancel_open.set(false);
                    dispatch(LifecycleAction::RequestCancellation, cancel_reason.get_untracked());
                }>
                    {action_fields(id, Some(LifecycleAction::RequestCancellation))}
                    <div class="field">
                        <label for="anledning">{td_string!(locale, case_page.reason)}</label>
                        <textarea id="anledning" name="message" rows="3" node_ref=cancel_control prop:value=crate::components::field::kept_through_hydration(cancel_reason, cancel_control) on:input=move |ev| cancel_reason.set(event_target_value(&ev))></textarea>
                    </div>
                    <div class="actions">
                        <button type="submit">{td_string!(locale, case_page.send_cancellation)}</button>
                        <DialogClose open=cancel_open>{td_string!(locale, case_page.close)}</DialogClose>
                    </div>
                </PostForm>
            </Modal>
            <Modal open=delete_open query_key="ta-bort" heading_id="ta-bort-utkast-rubrik" title=td_string!(locale, case_page.delete_heading).to_string()>
                <p>{td_string!(locale, case_page.delete_explained)}</p>
                <PostForm action=ACT on_submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    delete_open.set(false);
                    dispatch(LifecycleAction::DeleteDraft, String::new());
                }>
                    {action_fields(id, Some(LifecycleAction::DeleteDraft))}
                    <input type="hidden" name="message" value=""/>
                    <div class="actions">
                        <button type="submit" class="danger">{td_string!(locale, case_page.delete)}</button>
                        <DialogClose open=delete_open>{td_string!(locale, case_page.close)}</DialogClose>
                    </div>
                </PostForm>
            </Modal>
        </section>
    })
}

const REPORT_COMPLETION: &str = "/api/cases/report-completion";

/// CASE-14 `Färdiganmäl`: the date of the work, the meter where the type has
/// one, and the installer's word that the installation is inspected and safe.
/// A form of its own, so it works without scripts too (UX-1).
#[component]
fn CompletionForm(case_id: i32, meter: bool, status: RwSignal<Option<String>>, version: RwSignal<u32>) -> impl IntoView {
    let locale = crate::components::language::locale();
    let work_date = FieldState::new();
    let meter_number = FieldState::new();
    let meter_reading = FieldState::new();
    let inspected = RwSignal::new(false);
    let inspected_error = RwSignal::new(None::<String>);
    let message = RwSignal::new(String::new());
    let message_control = NodeRef::<leptos::html::Textarea>::new();
    let inspected_control = NodeRef::<leptos::html::Input>::new();
    let message_error = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let report = ServerAction::<ReportCompletion>::new();
    let show = move |e: &AppError| {
        inspected_error.set(e.field_message("inspected"));
        message_error.set(e.field_message("message"));
        let fields = [("work_date", work_date), ("meter_number", meter_number), ("meter_reading", meter_reading)];
        let placed_elsewhere = e.field_message("inspected").is_some() || e.field_message("message").is_some();
        error.set(show_server_error(e, &fields).filter(|_| !(placed_elsewhere && e.is_about_fields())));
    };
    Effect::new(move |_| match report.value().get() {
        Some(Ok(())) => {
            status.set(Some(td_string!(locale, case_page.completion_reported).into()));
            version.update(|v| *v += 1);
        }
        Some(Err(e)) => show(&e),
        None => {}
    });
    view! {
        <section class="card" aria-labelledby="fardiganmalan-rubrik">
            <h2 id="fardiganmalan-rubrik">{td_string!(locale, case_page.completion)}</h2>
            <p>{td_string!(locale, case_page.completion_intro)}</p>
            <PostForm action=REPORT_COMPLETION on_submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                error.set(None);
                report.dispatch(ReportCompletion {
                    case_id,
                    work_date: work_date.get(),
                    meter_number: meter_number.get(),
                    meter_reading: meter_reading.get(),
                    inspected: inspected.get_untracked().then(|| "on".to_string()),
                    message: message.get_untracked(),
                });
            }>
                <input type="hidden" name="case_id" value=case_id.to_string()/>
                <CompletionReplies inspected=inspected inspected_error=inspected_error message=message message_error=message_error/>
                <TextField id="work_date" label=td_string!(locale, case_page.work_date) input_type="date" state=work_date hint=td_string!(locale, case_page.date_hint)/>
                {meter.then(|| view! {
                    <TextField id="meter_number" label=td_string!(locale, case_page.meter_number) state=meter_number/>
                    <TextField id="meter_reading" label=td_string!(locale, case_page.meter_reading) state=meter_reading hint=td_string!(locale, case_page.meter_reading_hint)/>
                })}
                <div class="field checkbox" class:field-invalid=move || inspected_error.get().is_some()>
                    <input id="inspected" name="inspected" type="checkbox" value="on"
                        aria-invalid=move || inspected_error.get().is_some().to_string()
                        aria-describedby=move || inspected_error.get().map(|_| "inspected-fel")
                        checked=inspected.get_untracked() node_ref=inspected_control
                        prop:checked=crate::components::field::checked_through_hydration(move || inspected.get(), inspected_control, move |on| inspected.set(on))
                        on:change=move |ev| { inspected.set(event_target_checked(&ev)); inspected_error.set(None); }/>
                    <label for="inspected">{td_string!(locale, case_page.inspected)}</label>
                    <Show when=move || inspected_error.get().is_some()>
                        <p class="field-error" id="inspected-fel">{move || inspected_error.get()}</p>
                    </Show>
                </div>
                <div class="field" class:field-invalid=move || message_error.get().is_some()>
                    <label for="completion-message">{td_string!(locale, case_page.completion_message)}</label>
                    <textarea id="completion-message" name="message" rows="2"
                        aria-invalid=move || message_error.get().is_some().to_string()
                        aria-describedby=move || message_error.get().map(|_| "completion-message-fel")
                        node_ref=message_control prop:value=crate::components::field::kept_through_hydration(message, message_control) on:input=move |ev| message.set(event_target_value(&ev))
                        inner_html=crate::components::form_reply::escape_text(&message.get_untracked())></textarea>
                    <Show when=move || message_error.get().is_some()>
                        <p class="field-error" id="completion-message-fel">{move || message_error.get()}</p>
                    </Show>
                </div>
                <FormError message=error/>
                <button type="submit" disabled=move || report.pending().get()>{td_string!(locale, case_page.report_completion)}</button>
            </PostForm>
        </section>
    }
}

/// After a post without scripts: the box and the message as sent, and their
/// messages (the text fields restore themselves).
#[component]
fn CompletionReplies(
    inspected: RwSignal<bool>,
    inspected_error: RwSignal<Option<String>>,
    message: RwSignal<String>,
    message_error: RwSignal<Option<String>>,
) -> impl IntoView {
    use crate::components::form_reply::field_reply;
    let (ticked, ticked_error) = field_reply("inspected");
    if ticked.is_some() {
        inspected.set(true);
    }
    inspected_error.set(ticked_error);
    let (typed, typed_error) = field_reply("message");
    if let Some(typed) = typed {
        message.set(typed);
    }
    message_error.set(typed_error);
}

/// CASE-14: what was reported when the work was done, for the handler and
/// the installer alike.
#[component]
fn CompletionFacts(report: crate::domain::case::CompletionReport) -> impl IntoView {
    let locale = crate::components::language::locale();
    view! {
        <section class="card" aria-labelledby="fardiganmald-rubrik">
            <h2 id="fardiganmald-rubrik">{td_string!(locale, case_page.completion)}</h2>
            <dl class="facts">
                <dt>{td_string!(locale, case_page.work_done)}</dt><dd>{crate::formats::date(locale, report.work_done_on)}</dd>
                {report.meter.map(|m| view! {
                    <dt>{td_string!(locale, case_page.meter_number)}</dt><dd>{m.meter_number}</dd>
                    <dt>{td_string!(locale, case_page.reading)}</dt><dd>{format!("{} kWh", m.reading_kwh)}</dd>
                })}
                <dt>{td_string!(locale, case_page.inspection)}</dt><dd>{td_string!(locale, case_page.inspection_said)}</dd>
                {report.message.map(|m| view! { <dt>{td_string!(locale, case_page.message)}</dt><dd>{m}</dd> })}
            </dl>
        </section>
    }
}

/// CASE-12: who holds the case and how to reach them and their company, for
/// those who work it.
#[component]
fn Contact(contact: ContactView) -> impl IntoView {
    let locale = crate::components::language::locale();
    let mail = |address: &str| view! { <a href=format!("mailto:{address}")>{address.to_string()}</a> };
    let phone = |number: &str| view! { <a href=format!("tel:{}", number.replace(' ', ""))>{number.to_string()}</a> };
    view! {
        <section class="card" aria-labelledby="kontakt-rubrik">
            <h2 id="kontakt-rubrik">{td_string!(locale, case_page.contact)}</h2>
            <dl class="facts">
                <dt>{td_string!(locale, case_page.installer)}</dt><dd>{contact.name.clone()}</dd>
                <dt>{td_string!(locale, case_page.email)}</dt><dd>{mail(&contact.email)}</dd>
                <dt>{td_string!(locale, case_page.mobile)}</dt><dd>{phone(&contact.mobile)}</dd>
                <dt>{td_string!(locale, case_page.team)}</dt><dd>{contact.team_name.clone()}</dd>
                <dt>{td_string!(locale, case_page.company)}</dt><dd>{format!("{} ({})", contact.company_name, contact.organisationsnummer)}</dd>
                {(!contact.company_address.is_empty()).then(|| view! { <dt>{td_string!(locale, case_page.address)}</dt><dd>{contact.company_address.clone()}</dd> })}
                {(!contact.contact_name.is_empty()).then(|| view! { <dt>{td_string!(locale, case_page.team_contact)}</dt><dd>{contact.contact_name.clone()}</dd> })}
                {(!contact.contact_email.is_empty()).then(|| view! { <dt>{td_string!(locale, case_page.team_email)}</dt><dd>{mail(&contact.contact_email)}</dd> })}
                {(!contact.contact_phone.is_empty()).then(|| view! { <dt>{td_string!(locale, case_page.team_phone)}</dt><dd>{phone(&contact.contact_phone)}</dd> })}
            </dl>
        </section>
    }
}

/// CASE-12: who at the unit has the case; `Ta ärendet` and `Släpp ärendet`
/// (plain forms without scripts; in place once hydrated).
#[component]
fn Handling(case: CaseView, status: RwSignal<Option<String>>, version: RwSignal<u32>) -> impl IntoView {
    let locale = crate::components::language::locale();
    const TAKE: &str = "/api/cases/take";
    const RELEASE: &str = "/api/cases/release";
    let take = ServerAction::<TakeCase>::new();
    let release = ServerAction::<ReleaseCase>::new();
    let error = RwSignal::new(replied_error(TAKE).or_else(|| replied_error(RELEASE)).map(|e| e.to_string()));
    if replied_success(TAKE) {
        status.set(Some(td_string!(locale, case_page.taken).into()));
    } else if replied_success(RELEASE) {
        status.set(Some(td_string!(locale, case_page.released).into()));
    }
    Effect::new(move |_| {
        for (done, said) in [(take.value().get(), td_string!(locale, case_page.taken)), (release.value().get(), td_string!(locale, case_page.released))] {
            match done {
                Some(Ok(())) => {
                    status.set(Some(said.into()));
                    version.update(|v| *v += 1);
                }
                Some(Err(e)) => error.set(Some(e.to_string())),
                None => {}
            }
        }
    });
    let id = case.id;
    let seen = case.handler_id.map(|h| h.to_string()).unwrap_or_default();
    let seen_for_dispatch = seen.clone();
    let busy = move || take.pending().get() || release.pending().get();
    view! {
        <section class="card" aria-labelledby="handlaggning-rubrik">
            <h2 id="handlaggning-rubrik">{td_string!(locale, case_page.handling)}</h2>
            <p>{match &case.handler_name {
                Some(name) => fill(td_string!(locale, case_page.handler_is), &[("name", name)]),
                None => td_string!(locale, case_page.no_handler).to_string(),
            }}</p>
            <FormError message=error/>
            <div class="actions">
                {case.can.take.then(|| view! {
                    <PostForm action=TAKE class="inline-form" on_submit=move |ev: leptos::ev::SubmitEvent| {
                        ev.prevent_default();
                        error.set(None);
                        take.dispatch(TakeCase { case_id: id, seen_handler: seen_for_dispatch.clone() });
                    }>
                        <input type="hidden" name="case_id" value=id.to_string()/>
                        <input type="hidden" name="seen_handler" value=seen.clone()/>
                        <button type="submit" disabled=busy>{if case.handler_id.is_some() { td_string!(locale, case_page.take_over) } else { td_string!(locale, case_page.take) }}</button>
                    </PostForm>
                })}
                {case.can.release.then(|| view! {
                    <PostForm action=RELEASE class="inline-form" on_submit=move |ev: leptos::ev::SubmitEvent| {
                        ev.prevent_default();
                        error.set(None);
                        release.dispatch(ReleaseCase { case_id: id });
                    }>
                        <input type="hidden" name="case_id" value=id.to_string()/>
                        <button type="submit" class="secondary-button" disabled=busy>{td_string!(locale, case_page.release)}</button>
                    </PostForm>
                })}
            </div>
        </section>
    }
}

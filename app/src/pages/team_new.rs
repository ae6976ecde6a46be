//! TEAM-1 `Skapa nytt team`: organisation number → `Hitta företagsdetaljer`
//! → team name and contact details (prefilled from the user) → the creator
//! becomes the owner.
use crate::api::account::my_details;
use crate::api::teams::{find_company, CompanyInfo, CreateTeam, FindCompany};
use crate::components::form_reply::{replied_error, replied_success, replied_value};
use crate::components::field::{show_server_error, Check, FieldState, TextField};
use crate::components::session::RequireLogin;
use crate::components::FormError;
use crate::domain;
use crate::i18n::td_string;
use leptos::prelude::*;
use crate::components::PostForm;
use leptos_meta::Title;
use leptos_router::hooks::use_navigate;

const FIND: &str = "/api/teams/find-company";
const CREATE: &str = "/api/teams/create";

const CHECK_ORGNR: Check = |s| {
    use crate::translated::Translate;
    domain::Organisationsnummer::parse(s).err().map(|e| e.text(crate::components::language::current_locale()))
};

#[component]
pub fn NewTeamPage() -> impl IntoView {
    let me = Resource::new(|| (), |_| my_details());
    // Without scripts each step comes back as a page: the company looked up,
    // or the team form that failed, is drawn again from the reply (UX-1).
    let orgnr_in_reply = replied_value(FIND, "organisationsnummer")
        .filter(|_| replied_success(FIND))
        .or_else(|| replied_value(CREATE, "organisationsnummer").filter(|_| replied_error(CREATE).is_some()));
    let company_in_reply = Resource::new(
        move || orgnr_in_reply.clone(),
        |orgnr| async move {
            match orgnr {
                Some(orgnr) => find_company(orgnr).await.ok(),
                None => None,
            }
        },
    );
    let locale = crate::components::language::locale();
    view! {
        <Title text=td_string!(locale, new_team.title)/>
        <RequireLogin>
            <NewTeamForm me=me company_in_reply=company_in_reply/>
        </RequireLogin>
    }
}

#[component]
fn NewTeamForm(
    me: Resource<Result<crate::api::AccountDetails, crate::error::AppError>>,
    company_in_reply: Resource<Option<CompanyInfo>>,
) -> impl IntoView {
    let navigate = use_navigate();
    let orgnr = FieldState::new();
    let name = FieldState::new();
    let contact_name = FieldState::new();
    let contact_email = FieldState::new();
    let contact_phone = FieldState::new();
    let company = RwSignal::new(None::<CompanyInfo>);
    let form_error = RwSignal::new(None::<String>);

    // Contact details start as the logged-in user's own.
    let prefill = move |d: &crate::api::AccountDetails| {
        for (field, value) in [(contact_name, &d.name), (contact_email, &d.email), (contact_phone, &d.mobile)] {
            if field.value.get_untracked().is_empty() {
                field.value.set(value.clone());
            }
        }
    };
    if let Some(typed) = replied_value(FIND, "organisationsnummer").or_else(|| replied_value(CREATE, "organisationsnummer")) {
        orgnr.value.set(typed);
    }
    if let Some(e) = replied_error(CREATE) {
        form_error.set(show_server_error(&e, &[("name", name), ("contact_name", contact_name), ("contact_email", contact_email), ("contact_phone", contact_phone)]));
    }

    let find = ServerAction::<FindCompany>::new();
    Effect::new(move |_| match find.value().get() {
        Some(Ok(c)) => {
            orgnr.error.set(None);
            company.set(Some(c));
        }
        Some(Err(e)) => {
            company.set(None);
            form_error.set(show_server_error(&e, &[("organisationsnummer", orgnr)]));
        }
        None => {}
    });

    let create = ServerAction::<CreateTeam>::new();
    let fields = [
        ("organisationsnummer", orgnr),
        ("name", name),
        ("contact_name", contact_name),
        ("contact_email", contact_email),
        ("contact_phone", contact_phone),
    ];
    Effect::new(move |_| match create.value().get() {
        Some(Ok(team)) => navigate(&format!("/team/{}", team.id), Default::default()),
        Some(Err(e)) => form_error.set(show_server_error(&e, &fields)),
        None => {}
    });

    let locale = crate::components::language::locale();
    view! {
        <h1>{td_string!(locale, new_team.title)}</h1>
        <p>{td_string!(locale, new_team.intro)}</p>
        <section class="card">
            <PostForm action="/api/teams/find-company" on_submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                form_error.set(None);
                company.set(None);
                if let Some(msg) = CHECK_ORGNR(&orgnr.get()) {
                    orgnr.error.set(Some(msg));
                    return;
                }
                find.dispatch(FindCompany { organisationsnummer: orgnr.get() });
            }>
                <TextField id="organisationsnummer" label=td_string!(locale, new_team.organisationsnummer) state=orgnr
                    hint=td_string!(locale, new_team.organisationsnummer_hint) check=CHECK_ORGNR/>
                <button type="submit" disabled=move || find.pending().get()>{td_string!(locale, new_team.find)}</button>
            </PostForm>
            <FormError message=form_error/>
        </section>
        <Transition fallback=|| ()>
        {move || Suspend::new(async move {
            if let Some(found) = company_in_reply.await {
                if company.get_untracked().is_none() {
                    company.set(Some(found));
                }
            }
            if let Ok(d) = me.await {
                prefill(&d);
            }
            view! {
        <Show when=move || company.get().is_some()>
            <section class="card" aria-labelledby="foretag-rubrik">
                <h2 id="foretag-rubrik">{move || company.get().map(|c| c.name)}</h2>
                <dl class="facts">
                    <dt>{td_string!(locale, new_team.organisationsnummer)}</dt><dd>{move || company.get().map(|c| c.organisationsnummer)}</dd>
                    <dt>{td_string!(locale, new_team.address)}</dt><dd>{move || company.get().map(|c| c.address)}</dd>
                </dl>
                <PostForm action="/api/teams/create" on_submit=move |ev: leptos::ev::SubmitEvent| {
                    ev.prevent_default();
                    form_error.set(None);
                    create.dispatch(CreateTeam {
                        organisationsnummer: company.get_untracked().map(|c| c.organisationsnummer).unwrap_or_default(),
                        name: name.get(),
                        contact_name: contact_name.get(),
                        contact_email: contact_email.get(),
                        contact_phone: contact_phone.get(),
                    });
                }>
                    <TextField id="name" label=td_string!(locale, new_team.name) state=name hint=td_string!(locale, new_team.name_hint)/>
                    <fieldset>
                        <legend>{td_string!(locale, new_team.contact)}</legend>
                        <TextField id="contact_name" label=td_string!(locale, new_team.contact_name) state=contact_name autocomplete="name"/>
                        <TextField id="contact_email" label=td_string!(locale, new_team.contact_email) state=contact_email input_type="email" autocomplete="email"
                            check=super::register::CHECK_EMAIL/>
                        <TextField id="contact_phone" label=td_string!(locale, new_team.contact_phone) state=contact_phone input_type="tel" autocomplete="tel"
                            check=super::register::CHECK_PHONE/>
                    </fieldset>
                    <input type="hidden" name="organisationsnummer" value=move || company.get().map(|c| c.organisationsnummer)/>
                    <button type="submit" disabled=move || create.pending().get()>{td_string!(locale, new_team.create)}</button>
                </PostForm>
            </section>
        </Show>
            }
        })}
        </Transition>
    }
}

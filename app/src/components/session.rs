//! Who is logged in, known to every component.
use crate::api::{auth::current_user, SessionUser};
use crate::i18n::td_string;
use leptos::prelude::*;

/// The logged-in user as a resource; `refresh` after login or logout.
#[derive(Clone, Copy)]
pub struct Session {
    pub user: Resource<Option<SessionUser>>,
    version: RwSignal<u32>,
}

impl Session {
    pub fn refresh(&self) {
        self.version.update(|v| *v += 1);
    }

    /// Changes whenever the login changes; other resources key on this
    /// signal rather than on the user resource (a resource keyed on another
    /// resource can leave server rendering waiting).
    pub fn version(&self) -> u32 {
        self.version.get()
    }
}

pub fn provide_session() {
    let version = RwSignal::new(0u32);
    let user = Resource::new(
        move || version.get(),
        |_| async move { current_user().await.ok().flatten() },
    );
    provide_context(Session { user, version });
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// Shows `children` to a logged-in user, and a way to log in to others.
#[component]
pub fn RequireLogin(children: ChildrenFn) -> impl IntoView {
    let session = use_session();
    let locale = crate::components::language::locale();
    let children = StoredValue::new(children);
    view! {
        <Transition fallback=move || view! { <p>{td_string!(locale, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match session.user.await {
                    Some(_) => children.read_value()().into_any(),
                    None => view! {
                        <section class="card">
                            <h1>{td_string!(locale, login.title)}</h1>
                            <p>{td_string!(locale, common.log_in_needed)}</p>
                            <p><a href="/logga-in">{td_string!(locale, common.to_login)}</a></p>
                        </section>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

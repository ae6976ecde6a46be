//! UX-2: the page's language as every component knows it, and the language
//! switch in the header.
use crate::domain::Language;
use crate::i18n::Locale;
use leptos::prelude::*;

/// The language the page is rendered in, and the one the browser would
/// prefer while the person has not chosen (offered at the top of the page).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageLanguage {
    pub language: Language,
    pub offer: Option<Language>,
}

/// The attribute of `<html>` that names the offered language, so the
/// hydrating page offers what the server's page did.
pub const OFFER_ATTRIBUTE: &str = "data-offer-language";

impl From<Language> for Locale {
    fn from(language: Language) -> Self {
        match language {
            Language::Swedish => Locale::sv,
            Language::English => Locale::en,
        }
    }
}

impl From<Locale> for Language {
    fn from(locale: Locale) -> Self {
        match locale {
            Locale::sv => Language::Swedish,
            Locale::en => Language::English,
        }
    }
}

/// Provides the page's language to the app: on the server the request's
/// (decided by the web layer), in the browser what the server rendered.
///
/// Views take their words with `td_string!(locale, key)`: the library's
/// compile-time checked keys, as plain text. Its reactive `t!` would make
/// every word a reactive view of its own type (measured: 39 KB more gzip
/// WASM in the main module for the header and two pages), and its context
/// brings browser-language detection the portal does not use; a change of
/// language reloads the page instead.
pub fn provide_language() {
    #[cfg(feature = "ssr")]
    let page = {
        let request = crate::server::language::current();
        PageLanguage { language: request.language, offer: request.offer }
    };
    #[cfg(not(feature = "ssr"))]
    let page = rendered_language();
    #[cfg(not(feature = "ssr"))]
    BROWSER_ENGLISH.store(page.language == Language::English, std::sync::atomic::Ordering::Relaxed);
    provide_context(page);
}

/// What the server rendered: `<html lang>` and the offer beside it.
#[cfg(not(feature = "ssr"))]
fn rendered_language() -> PageLanguage {
    let root = document().document_element();
    let attribute = |name: &str| root.as_ref().and_then(|r| r.get_attribute(name));
    PageLanguage {
        language: attribute("lang").and_then(|l| l.parse().ok()).unwrap_or_default(),
        offer: attribute(OFFER_ATTRIBUTE).and_then(|l| l.parse().ok()),
    }
}

pub fn page_language() -> PageLanguage {
    use_context::<PageLanguage>().unwrap_or(PageLanguage { language: Language::default(), offer: None })
}

/// The locale the page's words are taken in.
pub fn locale() -> Locale {
    Locale::from(page_language().language)
}

/// The language of whoever reads a message being made now, outside a
/// component too (a field's check as it is typed, an error's text): on the
/// server the request's, in the browser the page's.
pub fn current_locale() -> Locale {
    #[cfg(feature = "ssr")]
    return Locale::from(crate::server::language::current().language);
    #[cfg(not(feature = "ssr"))]
    return if BROWSER_ENGLISH.load(std::sync::atomic::Ordering::Relaxed) { Locale::en } else { Locale::sv };
}

/// The page's language in the browser, for `current_locale` (one page, one
/// language: a change reloads the page).
#[cfg(not(feature = "ssr"))]
static BROWSER_ENGLISH: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The switch to the other language: a plain form, with scripts and
/// without. The server remembers the choice and sends the browser back to
/// the page, which comes whole in the new language (the server's messages
/// included) — what a hydrated page would have to do anyway, so it does not
/// intercept the post.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let page = page_language();
    let locale = Locale::from(page.language);
    let other = page.language.other();
    let offer = page.offer.map(|offered| {
        view! {
            <p class="language-offer" lang=offered.code()>
                {crate::i18n::td_string!(Locale::from(offered), language.available_in_this)}
            </p>
        }
    });
    view! {
        <div class="language">
            {offer}
            <form method="post" action="/api/language" class="language-switch">
                <input type="hidden" name="language" value=other.code()/>
                <button type="submit" class="link-button" lang=other.code()
                    title=crate::i18n::td_string!(locale, language.switch_hint)>
                    {other.own_name()}
                </button>
            </form>
        </div>
    }
}

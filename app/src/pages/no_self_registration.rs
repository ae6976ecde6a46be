use leptos::prelude::*;
use leptos_meta::Title;

/// ACC-5, ACC-6: who cannot register themselves, and what they do instead.
#[component]
pub fn NoSelfRegistrationPage() -> impl IntoView {
    view! {
        <Title text="Konto för utländsk installatör eller installatör utan företag"/>
        <section class="card">
            <h1>"Konto för utländsk installatör eller installatör utan företag"</h1>
            <h2>"Utländsk installatör"</h2>
            <p>
                "Som utländsk installatör kan du inte registrera dig själv, eftersom registreringen
                 kontrollerar ditt personnummer mot folkbokföringen. Vår kundservice lägger upp kontot åt dig
                 med behörighetsnumret i ditt intyg från Elsäkerhetsverket."
            </p>
            <p>"Skicka ett ärende till support med:"</p>
            <ul>
                <li>"en kopia av ditt intyg från Elsäkerhetsverket (med behörighetsnumret),"</li>
                <li>"ditt namn, din e-postadress och ditt mobilnummer."</li>
            </ul>
            <p><a class="button" href="/support?typ=utlandsk_installator">"Ärende till support: konto för utländsk installatör"</a></p>
            <h2>"Behörig installatör utan företag"</h2>
            <p>
                "Har du behörighet hos Elsäkerhetsverket men arbetar inte för ett företag, lägger kundservice
                 upp både ditt konto och ett team åt dig. Skicka ett utlåtande från Elsäkerhetsverket som visar
                 din behörighet (du kan ta ut det själv hos Elsäkerhetsverket), tillsammans med ditt
                 behörighetsnummer, namn, mobilnummer och e-postadress."
            </p>
            <p><a class="button" href="/support?typ=installator_utan_foretag">"Ärende till support: konto och team utan företag"</a></p>
            <p>"När kontot är upplagt får du ett e-postmeddelande med en länk för att välja lösenord. "
               "Efter att du skickat ärendet kan du följa det via länken du får på skärmen och i ditt e-postmeddelande."</p>
            <p><a href="/">"Till startsidan"</a></p>
        </section>
    }
}

//! UX-1: forms posted without scripts. The server answers with "see the page"
//! and the outcome in a sealed, short-lived cookie; the page renders the
//! messages and what was typed (never a password), once.
use crate::common::*;

// covers: UX-1
on_both_databases!(a_failed_plain_post_comes_back_to_its_page_with_messages_and_values, |app: TestApp| async move {
    let c = app.client();
    let res = c.post_plain_form("auth/check-username", "/registrera?steg=anvandarnamn", &[("email", "inte-en-adress")]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/registrera?steg=anvandarnamn");
    let sealed = c.cookie("iw_form").expect("the reply travels in a cookie");
    assert!(!sealed.contains("inte-en-adress"), "what was typed is sealed, not readable in the cookie");

    let page = c.get_page("/registrera?steg=anvandarnamn").await.text().await.unwrap();
    assert!(page.contains(r#"value="inte-en-adress""#), "the typed value is back in its field");
    assert!(page.contains("email-fel"), "the message stands next to the field");
    // Once: the reply is gone from the next render.
    assert_eq!(c.cookie("iw_form").filter(|v| !v.is_empty()), None);
    let again = c.get_page("/registrera?steg=anvandarnamn").await.text().await.unwrap();
    assert!(!again.contains(r#"value="inte-en-adress""#));
});

// covers: UX-1, ACC-4
on_both_databases!(passwords_never_come_back, |app: TestApp| async move {
    let c = app.client();
    let res = c.post_plain_form("auth/login", "/logga-in", &[("email", "nobody@elfirma.se"), ("password", "hemligt-lösen-123")]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/logga-in");
    let page = c.get_page("/logga-in").await.text().await.unwrap();
    assert!(page.contains("Fel användarnamn eller lösenord."), "the message is on the page");
    assert!(page.contains(r#"value="nobody@elfirma.se""#), "the username is kept");
    assert!(!page.contains("hemligt"), "the password is not");
});

// covers: UX-1
on_both_databases!(a_plain_post_that_succeeds_goes_on_to_the_next_page, |app: TestApp| async move {
    let c = app.installer("plain.form@elfirma.se", FREE_PERSONS[0]).await;
    let orgnr = "556123-4500";
    let res = c.post_plain_form("teams/find-company", "/nytt-team", &[("organisationsnummer", orgnr)]).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/nytt-team");
    let page = c.get_page("/nytt-team").await.text().await.unwrap();
    assert!(page.contains("Elektriska Installationer Norr AB"), "the company looked up is on the page");
    let res = c
        .post_plain_form("teams/create", "/nytt-team", &[
            ("organisationsnummer", orgnr),
            ("name", "Utan skript"),
            ("contact_name", "Kontakt"),
            ("contact_email", "kontakt@elfirma.se"),
            ("contact_phone", "0701234567"),
        ])
        .await;
    assert_eq!(res.status(), 303);
    let location = res.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with("/team/"), "{location}");
    let page = c.get_page(&location).await.text().await.unwrap();
    assert!(page.contains("Utan skript"));
});

// covers: UX-1
on_both_databases!(the_answer_never_leads_off_the_site, |app: TestApp| async move {
    let c = app.client();
    let login = [("email", "a@b.se"), ("password", "x")];
    let res = c.post_plain_form_with_referer("auth/login", "https://evil.example/phish?x=1", &login).await;
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/phish?x=1");
    let res = c.post_plain_form_with_referer("auth/login", "//evil.example/", &login).await;
    assert_eq!(res.headers()["location"], "/");
});

// covers: UX-1
on_both_databases!(a_forged_reply_is_ignored, |app: TestApp| async move {
    let c = app.client();
    let res = c
        .http
        .get(format!("{}/logga-in", app.base))
        .header("Cookie", "iw_form=v1:00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff0011")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 200);
    let page = res.text().await.unwrap();
    assert!(!page.contains("form-reply"), "nothing of a cookie that does not open");
});

// The multipart routes answer a plain post the same way: a support request
// without its certificate comes back with the reason and what was typed.
// covers: UX-1, ACC-7
on_both_databases!(a_support_request_posted_without_scripts_keeps_what_was_typed, |app: TestApp| async move {
    let c = app.client();
    let form = reqwest::multipart::Form::new()
        .text("kind", "utlandsk_installator")
        .text("name", "Ingrid Haugen")
        .text("email", "ingrid@elektro.no")
        .text("mobile", "+4791234567")
        .text("authorization_number", "NO-EL-5520");
    let res = c
        .http
        .post(format!("{}/api/support/requests", app.base))
        .header("Accept", "text/html")
        .header("Referer", format!("{}/support?typ=utlandsk_installator", app.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), 303);
    assert_eq!(res.headers()["location"], "/support?typ=utlandsk_installator", "back to the form, no message in the address");
    let page = c.get_page("/support?typ=utlandsk_installator").await.text().await.unwrap();
    assert!(page.contains("Bifoga intyg"), "the reason is on the page");
    assert!(page.contains(r#"value="Ingrid Haugen""#), "what was typed is back");
});

// A post of thousands of fields gets the same small reply as any other.
// covers: UX-1
on_both_databases!(a_huge_plain_post_gets_a_small_reply, |app: TestApp| async move {
    let c = app.client();
    let mut form: Vec<(String, String)> = (0..20_000).map(|i| (format!("falt{i}"), "x".repeat(40))).collect();
    form.push(("email".into(), "inte-en-adress".into()));
    let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let res = c.post_plain_form("auth/check-username", "/registrera?steg=anvandarnamn", &pairs).await;
    assert_eq!(res.status(), 303);
    let cookie = res.headers().get_all("set-cookie").iter().map(|v| v.to_str().unwrap().to_string()).find(|v| v.starts_with("iw_form=")).unwrap();
    assert!(cookie.len() < 4096, "{} bytes", cookie.len());
});

//! ADM-5: the audit log in words. Entries keep their action as a stable
//! code (`team.updated`) and their details as JSON; admins read both in
//! Swedish, on the page and in the exported file.
use serde_json::Value;

/// Every action the log records, with what it is called (Swedish, the
/// operator's record; `translated::audit_action_label` for the reader).
pub const ACTIONS: &[(&str, &str)] = &[
    ("account.registered", "Konto registrerat"),
    ("account.created_manually", "Konto skapat av kundservice"),
    ("account.email_verified", "E-postadress bekräftad"),
    ("account.username_changed", "Användarnamn ändrat"),
    ("account.contact_changed", "Kontaktuppgifter ändrade"),
    ("account.password_changed", "Lösenord ändrat"),
    ("account.password_reset_requested", "Nytt lösenord begärt"),
    ("account.password_set_from_link", "Lösenord valt via länk"),
    ("account.password_link_sent", "Länk för nytt lösenord skickad"),
    ("account.login_lock_lifted", "Inloggningsspärr hävd"),
    ("account.deactivated", "Konto inaktiverat"),
    ("account.reactivated", "Konto aktiverat igen"),
    ("admin.login", "Admin loggade in"),
    ("admin.acting_started", "Började agera för installatör"),
    ("admin.acting_stopped", "Slutade agera för installatör"),
    ("admin.staff_created", "Personalkonto skapat"),
    ("admin.staff_deleted", "Personalkonto borttaget"),
    ("admin.created_from_cli", "Admin skapad från serverkommando"),
    ("staff.created_from_cli", "Personal skapad från serverkommando"),
    ("admin.second_factor_enrolled", "Tvåstegsverifiering aktiverad"),
    ("admin.second_factor_locked", "Tvåstegsverifiering spärrad"),
    ("team.created", "Team skapat"),
    ("team.created_manually", "Team skapat av kundservice"),
    ("team.updated", "Teamuppgifter ändrade"),
    ("team.deleted", "Team borttaget"),
    ("team.member_added", "Medlem tillagd"),
    ("team.member_removed", "Medlem borttagen"),
    ("team.ownership_offered", "Ägarskap erbjudet"),
    ("team.ownership_offer_withdrawn", "Erbjudande om ägarskap tillbakadraget"),
    ("team.ownership_offer_declined", "Erbjudande om ägarskap avböjt"),
    ("team.ownership_transferred", "Ägarskap överlämnat"),
    ("case.moved", "Ärende flyttat till annan installatör"),
    ("case.team_changed", "Ärende flyttat till annat team"),
    ("case.move_evidence_attached", "Underlag för flytt bifogat"),
    ("support.filed", "Supportärende inskickat"),
    ("support.taken", "Supportärende taget"),
    ("support.completed", "Supportärende klart"),
    ("support.rejected", "Supportärende avslaget"),
    ("register.imported", "Register importerat"),
    ("register.corrected", "Registerpost rättad"),
    ("register.added", "Registerpost tillagd"),
    ("outbox.retried", "E-post skickas igen"),
    ("audit.exported", "Granskningslogg exporterad"),
];

/// What an action is called in the log.
pub fn action_label(action: &str) -> &'static str {
    ACTIONS.iter().find(|(code, _)| *code == action).map_or("", |(_, label)| label)
}

/// The keys of the details the log records, with what each is called
/// (Swedish, the operator's record; `translated::audit_details_in_words`
/// for the reader).
pub const DETAIL_KEYS: &[(&str, &str)] = &[
    ("name", "namn"),
    ("organisationsnummer", "organisationsnummer"),
    ("contact_name", "kontaktperson"),
    ("contact_email", "e-post"),
    ("contact_phone", "telefon"),
    ("email", "e-post"),
    ("user_id", "användare"),
    ("from_user_id", "från användare"),
    ("to_user_id", "till användare"),
    ("from_team_id", "från team"),
    ("to_team_id", "till team"),
    ("team_id", "team"),
    ("case_id", "ärende"),
    ("case_number", "ärendenummer"),
    ("before", "före"),
    ("after", "efter"),
    ("reason", "anledning"),
    ("register", "register"),
    ("key", "nyckel"),
    ("rows", "rader"),
    ("rejected", "avvisade"),
    ("role", "roll"),
    ("kind", "typ"),
    ("from", "från"),
    ("to", "till"),
];

/// The words details are read in: what a key is called (`None` for a key
/// the log does not know, which is shown as it is), and yes and no.
pub struct DetailWords<'a> {
    pub key: &'a dyn Fn(&str) -> Option<&'static str>,
    pub yes: &'a str,
    pub no: &'a str,
}

fn swedish_key(key: &str) -> Option<&'static str> {
    DETAIL_KEYS.iter().find(|(k, _)| *k == key).map(|(_, label)| *label)
}

const SWEDISH: DetailWords<'static> = DetailWords { key: &swedish_key, yes: "ja", no: "nej" };

fn key_label(key: &str, words: &DetailWords) -> String {
    (words.key)(key).map_or_else(|| key.replace('_', " "), str::to_string)
}

fn value_in_words(v: &Value, words: &DetailWords) -> String {
    match v {
        Value::Null => "–".into(),
        Value::Bool(true) => words.yes.into(),
        Value::Bool(false) => words.no.into(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(|item| value_in_words(item, words)).collect::<Vec<_>>().join(", "),
        Value::Object(_) => format!("({})", fields_in_words(v, words)),
    }
}

fn fields_in_words(v: &Value, words: &DetailWords) -> String {
    match v {
        Value::Object(map) => {
            map.iter().map(|(k, v)| format!("{}: {}", key_label(k, words), value_in_words(v, words))).collect::<Vec<_>>().join("; ")
        }
        other => value_in_words(other, words),
    }
}

/// An entry's details as a sentence of "what: value" pairs in `words`; text
/// that is not JSON is shown as it is.
pub fn details_in_words_with(details: &str, words: &DetailWords) -> String {
    match serde_json::from_str::<Value>(details) {
        Ok(Value::Object(map)) if map.is_empty() => String::new(),
        Ok(v) => fields_in_words(&v, words),
        Err(_) => details.to_string(),
    }
}

/// An entry's details in Swedish (the exported file, the operator's record).
pub fn details_in_words(details: &str) -> String {
    details_in_words_with(details, &SWEDISH)
}

/// One cell of a CSV file (RFC 4180, `;` between cells as Swedish
/// spreadsheets expect); a cell a spreadsheet would run as a formula is
/// prefixed with `'`, so an exported log cannot carry one.
pub fn csv_cell(text: &str) -> String {
    let guarded = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{text}") } else { text.to_string() };
    if guarded.contains([';', '"', '\n', '\r', ',']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // covers: ADM-5
    #[test]
    fn details_read_as_words() {
        let d = details_in_words(r#"{"before":{"name":"Norr"},"after":{"name":"Norr – service"}}"#);
        assert!(d.contains("före: (namn: Norr)") && d.contains("efter: (namn: Norr – service)"), "{d}");
        let d = details_in_words(r#"{"accept":true,"user_id":7}"#);
        assert!(d.contains("accept: ja") && d.contains("användare: 7"), "{d}");
        assert_eq!(details_in_words("{}"), "");
        assert_eq!(details_in_words("inte json"), "inte json");
        assert_eq!(action_label("team.updated"), "Teamuppgifter ändrade");
        assert_eq!(action_label("okänd"), "");
    }

    // covers: ADM-5
    #[test]
    fn csv_cells_are_quoted_and_never_formulas() {
        assert_eq!(csv_cell("enkel"), "enkel");
        assert_eq!(csv_cell("a;b"), "\"a;b\"");
        assert_eq!(csv_cell("säger \"hej\""), "\"säger \"\"hej\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("-1"), "'-1");
    }
}

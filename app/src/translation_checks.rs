//! UX-2: the translations are complete and the views take their words from
//! them. (The library checks the keys a view uses when compiling; these
//! tests check what it does not: that both languages have every key with
//! the same placeholders, and that no view writes a word of its own.)
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const SWEDISH: &str = include_str!("../locales/sv.json");
const ENGLISH: &str = include_str!("../locales/en.json");

/// Views still written in Swedish only, to be moved to the translation
/// files (UX-2 is being done page by page). A file leaves this list when it
/// is translated; the scan below fails for a listed file that has no
/// literal words left, so the list only shrinks.
const NOT_YET_TRANSLATED: &[&str] = &[];

fn flatten(prefix: &str, value: &Value, into: &mut BTreeMap<String, String>) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map {
                let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
                flatten(&path, inner, into);
            }
        }
        Value::String(text) => {
            into.insert(prefix.to_string(), text.clone());
        }
        other => panic!("{prefix}: a translation is text, not {other}"),
    }
}

fn translations(json: &str) -> BTreeMap<String, String> {
    let mut keys = BTreeMap::new();
    flatten("", &serde_json::from_str(json).expect("the translation file is JSON"), &mut keys);
    keys
}

/// The `{name}` and `{{ name }}` placeholders of a text.
fn placeholders(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = after[..close].trim_start_matches('{').trim();
        if !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_') {
            found.insert(name.to_string());
        }
        rest = &after[close + 1..];
    }
    found
}

// covers: UX-2
#[test]
fn both_languages_have_every_key_with_the_same_placeholders() {
    let swedish = translations(SWEDISH);
    let english = translations(ENGLISH);
    let only_swedish: Vec<_> = swedish.keys().filter(|k| !english.contains_key(*k)).collect();
    let only_english: Vec<_> = english.keys().filter(|k| !swedish.contains_key(*k)).collect();
    assert!(only_swedish.is_empty(), "keys without English: {only_swedish:?}");
    assert!(only_english.is_empty(), "keys without Swedish: {only_english:?}");
    for (key, sv) in &swedish {
        let en = &english[key];
        assert!(!sv.trim().is_empty() && !en.trim().is_empty(), "{key}: an empty translation");
        assert_eq!(placeholders(sv), placeholders(en), "{key}: the languages fill in different values");
    }
}

#[test]
fn placeholders_are_found() {
    assert_eq!(placeholders("Admin för {installer}, {{ count }} st"), BTreeSet::from(["installer".to_string(), "count".to_string()]));
    assert!(placeholders("{ inte en } {}").is_empty());
}

fn rust_files(dir: &Path, into: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push(path);
        }
    }
}

/// Attributes whose value a person reads (or hears).
const READ_ATTRIBUTES: &[&str] = &["label=", "title=", "aria-label=", "placeholder=", "hint=", "text=", "alt=", "legend="];

/// The words a view writes itself: string literals that stand as text
/// between tags (`<p>"Hej"</p>`) or as a read attribute's value, with at
/// least one letter. Comments and test code are not views.
fn literal_words(source: &str) -> Vec<String> {
    let code = source.split("#[cfg(test)]").next().unwrap_or(source);
    let mut found = Vec::new();
    for line in code.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        let bytes = line.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] != b'"' || (i > 0 && bytes[i - 1] == b'\\') || (i > 0 && bytes[i - 1] == b'#') {
                i += 1;
                continue;
            }
            let Some(len) = line[i + 1..].find('"') else { break };
            let literal = &line[i + 1..i + 1 + len];
            let before = line[..i].trim_end();
            let after = line[i + 1 + len + 1..].trim_start();
            let text_node = before.ends_with('>') && !before.ends_with("=>") && !before.ends_with("->");
            let text_before_tag = after.starts_with('<') && !after.starts_with("<=") && !after.starts_with("<<");
            let read_attribute = READ_ATTRIBUTES.iter().any(|a| before.ends_with(a));
            if (text_node || text_before_tag || read_attribute) && literal.chars().any(char::is_alphabetic) {
                found.push(literal.to_string());
            }
            i += len + 2;
        }
    }
    found
}

#[test]
fn the_scan_finds_words_in_views() {
    assert_eq!(literal_words(r#"view! { <p>"Hej"</p> <a href="/x">{t!(i18n, a)}</a> }"#), vec!["Hej"]);
    assert_eq!(literal_words(r#"<TextField id="e" label="E-post"/>"#), vec!["E-post"]);
    assert!(literal_words(r#"// <p>"kommentar"</p>"#).is_empty());
    assert!(literal_words(r#"match x { A => "kod", _ => "" }"#).is_empty());
    assert!(literal_words(r#"<span>" "</span>"#).is_empty());
}

// covers: UX-2
#[test]
fn translated_views_write_no_words_of_their_own() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    let mut offenders = Vec::new();
    let mut done_but_listed = Vec::new();
    for file in &files {
        let name = file.strip_prefix(&root).unwrap().to_string_lossy().replace('\\', "/");
        if !(name.starts_with("pages/") || name.starts_with("components/")) {
            continue;
        }
        let words = literal_words(&std::fs::read_to_string(file).unwrap());
        let listed = NOT_YET_TRANSLATED.contains(&name.as_str());
        if listed && words.is_empty() {
            done_but_listed.push(name);
        } else if !listed && !words.is_empty() {
            offenders.push(format!("{name}: {words:?}"));
        }
    }
    assert!(offenders.is_empty(), "words outside the translation files:\n{}", offenders.join("\n"));
    assert!(done_but_listed.is_empty(), "translated now, take off NOT_YET_TRANSLATED: {done_but_listed:?}");
}

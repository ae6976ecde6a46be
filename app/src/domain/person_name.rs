//! ACC-1: the name typed at registration must be the name the population
//! register has for the personnummer — so nobody registers a real
//! electrician's personnummer under their own name. Tolerant of how people
//! write their names: case, accents (also å, ä, ö typed as a, a, o), hyphens,
//! the order of the names, and middle names left out.

/// Lowercase words, accents folded, punctuation as spaces.
fn words(name: &str) -> Vec<String> {
    let folded: String = name
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'å' | 'ä' | 'à' | 'á' | 'â' | 'ã' | 'æ' => 'a',
            'ö' | 'ø' | 'ó' | 'ò' | 'ô' | 'õ' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' | 'ù' | 'û' => 'u',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ç' => 'c',
            'ñ' => 'n',
            'ý' | 'ÿ' => 'y',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .collect();
    folded.split_whitespace().map(str::to_string).collect()
}

/// Whether `typed` names the person the register calls `registered`: every
/// typed word is one of the registered names, the surname (the register's
/// last name) is there, and so is at least one given name.
pub fn same_person_name(typed: &str, registered: &str) -> bool {
    let (typed, registered) = (words(typed), words(registered));
    let Some((surname, given)) = registered.split_last() else { return false };
    !typed.is_empty()
        && typed.iter().all(|w| registered.contains(w))
        && typed.contains(surname)
        && typed.iter().any(|w| given.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    // covers: ACC-1
    #[test]
    fn the_name_must_be_the_registered_one() {
        assert!(same_person_name("Lena Åberg", "Lena Åberg"));
        assert!(same_person_name("lena aberg", "Lena Åberg"));
        assert!(same_person_name("ÅBERG, Lena", "Lena Åberg"));
        assert!(same_person_name("Anna Lindqvist", "Anna Maria Lindqvist"));
        assert!(same_person_name("Maria Lindqvist", "Anna Maria Lindqvist"));
        assert!(same_person_name("Per-Olof Söderström", "Per Olof Söderström"));
        assert!(same_person_name("José Garcia", "Jose García"));
        assert!(!same_person_name("Mallory Bedragare", "Per Söderström"));
        assert!(!same_person_name("Per", "Per Söderström"), "the surname is needed");
        assert!(!same_person_name("Söderström", "Per Söderström"), "a given name is needed");
        assert!(!same_person_name("Per Söderström Bedragare", "Per Söderström"), "no names of one's own");
        assert!(!same_person_name("", "Per Söderström"));
        assert!(!same_person_name("Per Söderström", ""));
    }
}

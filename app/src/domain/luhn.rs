/// The Luhn (mod 10) check digit over `digits` (each 0–9), as used for
/// personnummer and organisationsnummer: weights 2,1,2,1… from the left of
/// the nine-digit payload, i.e. 2 on the digit nearest the check digit.
pub(crate) fn check_digit(digits: &[u8]) -> u8 {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let v = if i % 2 == 0 { u32::from(d) * 2 } else { u32::from(d) };
            if v > 9 { v - 9 } else { v }
        })
        .sum();
    ((10 - (sum % 10)) % 10) as u8
}

/// Parses a string of ASCII digits into their values.
pub(crate) fn digits(s: &str) -> Option<Vec<u8>> {
    s.bytes()
        .map(|b| b.is_ascii_digit().then(|| b - b'0'))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_check_digits() {
        // 811218-9876 is Skatteverket's textbook example.
        assert_eq!(check_digit(&digits("811218987").unwrap()), 6);
        assert_eq!(check_digit(&digits("121212121").unwrap()), 2);
        assert_eq!(check_digit(&digits("556036079").unwrap()), 3);
    }
}

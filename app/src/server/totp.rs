//! ADM-6: time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second
//! steps, 6 digits), accepted one step either side of now and never twice.
use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

pub const STEP_SECONDS: i64 = 30;
const DIGITS: u32 = 6;

/// The code for one time step.
pub fn code_at(secret: &[u8], step: i64) -> u32 {
    let mut mac = <Hmac<Sha1> as KeyInit>::new_from_slice(secret).expect("HMAC takes any key length");
    mac.update(&(step as u64).to_be_bytes());
    let hash = mac.finalize().into_bytes();
    let offset = (hash[hash.len() - 1] & 0x0f) as usize;
    let binary = u32::from_be_bytes([hash[offset] & 0x7f, hash[offset + 1], hash[offset + 2], hash[offset + 3]]);
    binary % 10u32.pow(DIGITS)
}

pub fn step_of(unix_seconds: i64) -> i64 {
    unix_seconds.div_euclid(STEP_SECONDS)
}

/// The step a typed code matches (now ±1), if it is newer than `last_used`.
pub fn verify(secret: &[u8], typed: &str, unix_seconds: i64, last_used: Option<i64>) -> Option<i64> {
    let digits: String = typed.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.len() != DIGITS as usize || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let value: u32 = digits.parse().ok()?;
    let now = step_of(unix_seconds);
    (now - 1..=now + 1)
        .filter(|s| last_used.is_none_or(|last| *s > last))
        .find(|s| code_at(secret, *s) == value)
}

const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

pub fn base32_encode(bytes: &[u8]) -> String {
    let mut out = String::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for &b in bytes {
        buffer = (buffer << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            out.push(BASE32[((buffer >> (bits - 5)) & 31) as usize] as char);
            bits -= 5;
        }
    }
    if bits > 0 {
        out.push(BASE32[((buffer << (5 - bits)) & 31) as usize] as char);
    }
    out
}

pub fn base32_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in text.chars().filter(|c| !c.is_whitespace() && *c != '=') {
        let v = BASE32.iter().position(|b| *b as char == c.to_ascii_uppercase())? as u32;
        buffer = (buffer << 5) | v;
        bits += 5;
        if bits >= 8 {
            out.push(((buffer >> (bits - 8)) & 0xff) as u8);
            bits -= 8;
        }
    }
    Some(out)
}

/// The address authenticator apps read (as text or as a QR code).
pub fn otpauth_uri(secret_base32: &str, account: &str) -> String {
    let enc = |s: &str| s.bytes().map(|b| if b.is_ascii_alphanumeric() || b"-._~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") }).collect::<String>();
    format!(
        "otpauth://totp/Installatorswebben:{}?secret={secret_base32}&issuer=Installatorswebben&algorithm=SHA1&digits=6&period=30",
        enc(account)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const RFC_SECRET: &[u8] = b"12345678901234567890";

    // covers: ADM-6
    #[test]
    fn rfc_6238_test_vectors() {
        // The RFC's SHA-1 vectors, last six digits.
        for (time, expected) in [(59, 287082), (1111111109, 81804), (1111111111, 50471), (1234567890, 5924), (2000000000, 279037)] {
            assert_eq!(code_at(RFC_SECRET, step_of(time)), expected, "T={time}");
        }
    }

    // covers: ADM-6
    #[test]
    fn one_step_either_side_and_never_twice() {
        let t = 1_700_000_000;
        let code = |s: i64| format!("{:06}", code_at(RFC_SECRET, s));
        let now = step_of(t);
        assert_eq!(verify(RFC_SECRET, &code(now), t, None), Some(now));
        assert_eq!(verify(RFC_SECRET, &code(now - 1), t, None), Some(now - 1));
        assert_eq!(verify(RFC_SECRET, &code(now + 1), t, None), Some(now + 1));
        assert_eq!(verify(RFC_SECRET, &code(now - 2), t, None), None);
        assert_eq!(verify(RFC_SECRET, &code(now), t, Some(now)), None, "replayed");
        assert_eq!(verify(RFC_SECRET, "12345", t, None), None);
        assert_eq!(verify(RFC_SECRET, "abcdef", t, None), None);
    }

    #[test]
    fn base32_round_trip() {
        assert_eq!(base32_encode(b"12345678901234567890"), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assert_eq!(base32_decode("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ").unwrap(), b"12345678901234567890");
        assert_eq!(base32_decode("gezd gnbv").unwrap(), base32_decode("GEZDGNBV").unwrap());
        assert!(base32_decode("1!").is_none());
    }
}

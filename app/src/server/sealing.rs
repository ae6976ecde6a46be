//! Secrets kept at rest — the admins' TOTP secrets (ADM-6) — are sealed with
//! an AEAD (ChaCha20-Poly1305) under a key from configuration (`SECRETS_KEY`),
//! so a copy of the database alone does not reveal them.
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, Key, Nonce};
use rand_core::{OsRng, RngCore};

/// The key: 32 bytes, written as 64 hex digits.
#[derive(Clone)]
pub struct SecretsKey([u8; 32]);

impl std::fmt::Debug for SecretsKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SecretsKey(…)")
    }
}

const VERSION: &str = "v1:";

/// Bytes as lowercase hex, in one string (tokens, hashes, sealed values).
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut text = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(text, "{b:02x}");
    }
    text
}

fn unhex(text: &str) -> Option<Vec<u8>> {
    if text.len() % 2 != 0 {
        return None;
    }
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(text.get(i..i + 2)?, 16).ok()).collect()
}

impl SecretsKey {
    pub fn parse(text: &str) -> Result<Self, String> {
        let bytes = unhex(text.trim()).filter(|b| b.len() == 32).ok_or("ska vara 64 hexadecimala tecken (32 byte)")?;
        let mut key = [0u8; 32];
        key.copy_from_slice(&bytes);
        Ok(Self(key))
    }

    /// A new random key, as `parse` reads it.
    pub fn generate() -> String {
        let mut key = [0u8; 32];
        OsRng.fill_bytes(&mut key);
        hex(&key)
    }

    fn cipher(&self) -> ChaCha20Poly1305 {
        ChaCha20Poly1305::new(Key::from_slice(&self.0))
    }

    /// `v1:` and the hex of a random nonce followed by the ciphertext.
    pub fn seal(&self, plain: &str) -> String {
        let mut nonce = [0u8; 12];
        OsRng.fill_bytes(&mut nonce);
        let sealed = self.cipher().encrypt(Nonce::from_slice(&nonce), plain.as_bytes()).expect("sealing in memory cannot fail");
        format!("{VERSION}{}{}", hex(&nonce), hex(&sealed))
    }

    /// The plain text, if `sealed` was sealed under this key and is unchanged.
    pub fn open(&self, sealed: &str) -> Option<String> {
        let bytes = unhex(sealed.strip_prefix(VERSION)?)?;
        if bytes.len() < 12 + 16 {
            return None;
        }
        let (nonce, body) = bytes.split_at(12);
        let plain = self.cipher().decrypt(Nonce::from_slice(nonce), body).ok()?;
        String::from_utf8(plain).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // covers: ADM-6
    #[test]
    fn sealed_secrets_open_only_under_their_key_and_unchanged() {
        let key = SecretsKey::parse(&SecretsKey::generate()).unwrap();
        let other = SecretsKey::parse(&SecretsKey::generate()).unwrap();
        let sealed = key.seal("JBSWY3DPEHPK3PXP");
        assert!(sealed.starts_with("v1:") && !sealed.contains("JBSWY3DPEHPK3PXP"));
        assert_ne!(sealed, key.seal("JBSWY3DPEHPK3PXP"), "a fresh nonce each time");
        assert_eq!(key.open(&sealed).as_deref(), Some("JBSWY3DPEHPK3PXP"));
        assert_eq!(other.open(&sealed), None);
        // The last byte of the tag, changed (whatever it was).
        let last = u8::from_str_radix(&sealed[sealed.len() - 2..], 16).unwrap();
        let mut tampered = sealed.clone();
        tampered.replace_range(sealed.len() - 2.., &format!("{:02x}", last ^ 0x01));
        assert_eq!(key.open(&tampered), None);
        assert!(SecretsKey::parse("abc").is_err());
        assert!(format!("{key:?}").contains('…'));
    }
}

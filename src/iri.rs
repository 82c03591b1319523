//! Minting IRIs: percent-encoding, name slugs, stable hashes and the base IRI.
//!
//! Everything here is deterministic: the same input gives the same IRI on every run and machine.
//! Every minted IRI is checked with `iri-string` before it leaves this module, so any name (quotes,
//! angle brackets, newlines, right-to-left marks, NUL...) gives a valid IRI and can never inject
//! syntax into a serialisation.

use std::fmt::Write;

use iri_string::types::IriStr;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Default base IRI of instance data.
pub const DEFAULT_BASE: &str = "https://w3id.org/newskg/id/";

/// Why an IRI could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IriError {
    /// The base IRI is not an absolute IRI ending in `/` or `#`.
    #[error(
        "invalid base IRI {0:?}: expected an absolute IRI (http://, https://, urn:...) ending in '/' or '#', without query or fragment"
    )]
    BadBase(String),
    /// A minted IRI failed validation (a bug: minting must always give valid IRIs).
    #[error("minted an invalid IRI {0:?}")]
    Invalid(String),
}

/// A validated base IRI for instance data, e.g. `https://w3id.org/newskg/id/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Base(String);

impl Base {
    /// Validates a base IRI: absolute, ending in `/` or `#`, no query, no fragment other than `#`
    /// at the end.
    pub fn new(base: &str) -> Result<Self, IriError> {
        let bad = || IriError::BadBase(base.to_owned());
        let iri = IriStr::new(base).map_err(|_| bad())?;
        let ends_ok = base.ends_with('/') || base.ends_with('#');
        let fragment_ok = iri.fragment().is_none_or(|f| f.as_str().is_empty());
        if !ends_ok || iri.query().is_some() || !fragment_ok {
            return Err(bad());
        }
        Ok(Self(base.to_owned()))
    }

    /// The base as a string.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// `{base}{path}`, validated.
    pub fn join(&self, path: &str) -> Result<String, IriError> {
        checked(format!("{}{path}", self.0))
    }
}

impl Default for Base {
    fn default() -> Self {
        Self(DEFAULT_BASE.to_owned())
    }
}

/// Returns `iri` if it is a valid absolute IRI.
pub fn checked(iri: String) -> Result<String, IriError> {
    if IriStr::new(&iri).is_ok() {
        Ok(iri)
    } else {
        Err(IriError::Invalid(iri))
    }
}

/// Percent-encodes every byte of `s` except the URI unreserved characters `A-Z a-z 0-9 - . _ ~`.
pub fn pct_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for byte in s.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(byte as char);
        } else {
            // Writing to a String cannot fail.
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// Decodes `%XX` sequences (the inverse of [`pct_encode`]); invalid UTF-8 is replaced.
pub fn pct_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The slug of a name: lowercase, NFKD with diacritics removed, ASCII letters and digits kept,
/// other letters and digits percent-encoded, everything else turned into single `-`, trimmed.
/// A name with no letter or digit gives `_` followed by its [`fnv64_hex`] hash.
///
/// `"José  Ramos-Horta"` → `jose-ramos-horta`; `"Владимир Путин"` → percent-encoded Cyrillic.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut dash = false;
    for c in name
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
    {
        if c.is_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            if c.is_ascii() {
                out.push(c);
            } else {
                let mut buf = [0; 4];
                out.push_str(&pct_encode(c.encode_utf8(&mut buf)));
            }
        } else {
            dash = true;
        }
    }
    if out.is_empty() {
        format!("_{}", fnv64_hex(&[name.as_bytes()]))
    } else {
        out
    }
}

/// FNV-1a, 64 bits, over the parts separated by a 0xFF byte (which never occurs in UTF-8),
/// as 16 lowercase hex digits. Stable across runs, machines and versions.
pub fn fnv64_hex(parts: &[&[u8]]) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = OFFSET;
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            hash ^= 0xFF;
            hash = hash.wrapping_mul(PRIME);
        }
        for byte in *part {
            hash ^= u64::from(*byte);
            hash = hash.wrapping_mul(PRIME);
        }
    }
    format!("{hash:016x}")
}

/// The Wikidata item id (`Q42`) of a Wikidata entity IRI (`http://www.wikidata.org/entity/Q42`).
pub fn wikidata_qid(iri: &str) -> Option<&str> {
    let id = iri
        .strip_prefix("http://www.wikidata.org/entity/")
        .or_else(|| iri.strip_prefix("https://www.wikidata.org/entity/"))?;
    let digits = id.strip_prefix('Q')?;
    (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) && !digits.starts_with('0'))
        .then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("John Kerry"), "john-kerry");
        assert_eq!(slug("  José   Ramos-Horta "), "jose-ramos-horta");
        assert_eq!(slug("U.S. Department of State"), "u-s-department-of-state");
        assert_eq!(slug("Zürich"), "zurich");
        assert_eq!(slug("Путин"), "%D0%BF%D1%83%D1%82%D0%B8%D0%BD");
        assert!(slug("!!!").starts_with('_'));
        assert_ne!(slug("!!!"), slug("???"));
    }

    #[test]
    fn hostile_names_give_valid_iris() -> Result<(), IriError> {
        let base = Base::default();
        for name in [
            "http://evil/> <x> <y",
            "a\"b",
            "{x}\\",
            "line\nbreak\0nul",
            "\u{200f}\u{200b}",
            "😀",
            "",
        ] {
            base.join(&format!("person/{}", slug(name)))?;
            base.join(&format!("article/{}", pct_encode(name)))?;
        }
        Ok(())
    }

    #[test]
    fn pct_round_trip() {
        for s in ["a 1/é", "100%", "%zz", "x%4", "", "😀 > <"] {
            assert_eq!(pct_decode(&pct_encode(s)), s);
        }
    }

    #[test]
    fn bases() {
        assert!(Base::new("https://example.org/kg/").is_ok());
        assert!(Base::new("urn:x-newskg:").is_err());
        assert!(Base::new("https://example.org/kg#").is_ok());
        assert!(Base::new("https://example.org/kg").is_err());
        assert!(Base::new("not an iri/").is_err());
        assert!(Base::new("https://example.org/?q=/").is_err());
    }

    #[test]
    fn fnv_is_stable() {
        // FNV-1a/64 of the empty input is the offset basis; "a" is a published test vector.
        assert_eq!(fnv64_hex(&[b""]), "cbf29ce484222325");
        assert_eq!(fnv64_hex(&[b"a"]), "af63dc4c8601ec8c");
        assert_ne!(fnv64_hex(&[b"ab", b"c"]), fnv64_hex(&[b"a", b"bc"]));
    }

    #[test]
    fn qids() {
        assert_eq!(
            wikidata_qid("http://www.wikidata.org/entity/Q22316"),
            Some("Q22316")
        );
        assert_eq!(wikidata_qid("http://www.wikidata.org/entity/P31"), None);
        assert_eq!(wikidata_qid("http://www.wikidata.org/entity/Q"), None);
        assert_eq!(wikidata_qid("http://dbpedia.org/resource/X"), None);
    }

    proptest::proptest! {
        #[test]
        fn any_name_or_id_gives_a_valid_iri(name in "\\PC*", raw in proptest::collection::vec(proptest::num::u32::ANY, 0..8)) {
            let base = Base::default();
            let odd: String = raw.into_iter().filter_map(char::from_u32).collect();
            for text in [name.as_str(), odd.as_str()] {
                let person = base.join(&format!("person/{}", slug(text)));
                let article = base.join(&format!("article/{}", pct_encode(text)));
                proptest::prop_assert!(person.is_ok(), "{:?}", person);
                proptest::prop_assert!(article.is_ok(), "{:?}", article);
                proptest::prop_assert_eq!(pct_decode(&pct_encode(text)), text);
            }
        }
    }
}

//! Name normalisation: the keys under which knowledge-base names are indexed and looked up.
//!
//! [`normalize`] folds the differences news text and knowledge bases disagree on: case,
//! diacritics ("Erdoğan" = "Erdogan"), punctuation and hyphens ("al-Assad" = "al Assad"),
//! initials written with or without dots ("U.N." = "UN"), a leading "the" ("The Pentagon" =
//! "Pentagon"), a possessive "'s", and "&" for "and". The result is lowercase words separated by
//! single spaces; an empty key means the name had no letters or digits.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The lookup key of a name: lowercase ASCII-folded words, see the module documentation.
pub fn normalize(name: &str) -> String {
    let folded = fold(name);
    // Words are runs of letters, digits, dots and apostrophes; dots inside a word are initials
    // ("u.n." → "un"), apostrophes join ("l'oreal" → "loreal"). Written straight into the key.
    let mut key = String::with_capacity(folded.len());
    let mut words = 0;
    let mut first_is_the = false;
    for raw in folded.split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '\'')) {
        let raw = raw.strip_suffix("'s").unwrap_or(raw);
        let before = key.len();
        if words > 0 {
            key.push(' ');
        }
        let start = key.len();
        key.extend(raw.chars().filter(|c| c.is_alphanumeric()));
        if key.len() == start {
            key.truncate(before);
            continue;
        }
        if words == 0 {
            first_is_the = &key[start..] == "the";
        }
        words += 1;
    }
    if words > 1 && first_is_the {
        key.replace_range(.."the ".len(), "");
    }
    key
}

/// The name in lowercase with accents and compatibility forms folded (NFKD without combining
/// marks), curly apostrophes straight and "&" spelled " and ". ASCII text (most news) skips the
/// Unicode decomposition, which leaves it unchanged.
fn fold(name: &str) -> Cow<'_, str> {
    if name.is_ascii() {
        if !name
            .bytes()
            .any(|b| b.is_ascii_uppercase() || b == b'&' || b == b'`')
        {
            return Cow::Borrowed(name);
        }
        let mut folded = String::with_capacity(name.len() + 8);
        for c in name.chars() {
            match c {
                '`' => folded.push('\''),
                '&' => folded.push_str(" and "),
                c => folded.push(c.to_ascii_lowercase()),
            }
        }
        return Cow::Owned(folded);
    }
    let mut folded = String::with_capacity(name.len());
    for c in name.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            '\u{2018}' | '\u{2019}' | '\u{02bc}' | '`' | '\u{00b4}' => folded.push('\''),
            '&' => folded.push_str(" and "),
            _ => folded.extend(c.to_lowercase()),
        }
    }
    Cow::Owned(folded)
}

/// The last word of a normalised key (a person's surname, usually).
pub fn last_word(key: &str) -> &str {
    key.rsplit(' ').next().unwrap_or(key)
}

/// Number of words in a normalised key.
pub fn word_count(key: &str) -> usize {
    if key.is_empty() {
        0
    } else {
        key.split(' ').count()
    }
}

/// Removes the leading words of `key` that equal `prefix` (a normalised key), if the rest still
/// has at least `min_rest` words: `strip_prefix_words("us department of state", "us", 2)` →
/// `"department of state"`.
pub fn strip_prefix_words<'a>(key: &'a str, prefix: &str, min_rest: usize) -> Option<&'a str> {
    let rest = key.strip_prefix(prefix)?.strip_prefix(' ')?;
    (word_count(rest) >= min_rest).then_some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_punctuation_and_diacritics() {
        assert_eq!(normalize("Recep Tayyip Erdoğan"), "recep tayyip erdogan");
        assert_eq!(normalize("  JOHN   Kerry "), "john kerry");
        assert_eq!(normalize("Bashar al-Assad"), "bashar al assad");
        assert_eq!(normalize("L\u{2019}Oréal"), "loreal");
        assert_eq!(normalize("AT&T"), "at and t");
    }

    #[test]
    fn initials_with_and_without_dots_meet() {
        assert_eq!(normalize("U.N."), normalize("UN"));
        assert_eq!(normalize("U.S."), "us");
        assert_eq!(normalize("John F. Kennedy"), "john f kennedy");
    }

    #[test]
    fn leading_the_and_possessive_are_dropped() {
        assert_eq!(normalize("The Pentagon"), "pentagon");
        assert_eq!(normalize("the United Nations"), "united nations");
        assert_eq!(normalize("Russia's"), "russia");
        assert_eq!(normalize("The"), "the");
        assert_eq!(normalize("The  --  Pentagon's"), "pentagon");
        assert_eq!(normalize("Theodore Roosevelt"), "theodore roosevelt");
        assert_eq!(normalize("the"), "the");
        assert_eq!(normalize("'s the"), "the");
    }

    #[test]
    fn ascii_text_folds_as_the_unicode_path_does() {
        // The ASCII fast path of `fold` must give what the decomposition gives.
        for name in [
            "Rock & Roll",
            "O`Brien",
            "MIT",
            "al-Assad",
            "The U.N.",
            "a&b",
            "x",
        ] {
            let mut unicode = String::new();
            for c in name.nfkd() {
                match c {
                    '`' => unicode.push('\''),
                    '&' => unicode.push_str(" and "),
                    c => unicode.extend(c.to_lowercase()),
                }
            }
            assert_eq!(fold(name), unicode, "{name}");
        }
        assert_eq!(normalize("Ünïcödé  Names"), "unicode names");
        assert_eq!(normalize("..."), "");
        assert_eq!(normalize(""), "");
    }

    #[test]
    fn helpers() {
        assert_eq!(last_word("john kerry"), "kerry");
        assert_eq!(word_count(""), 0);
        assert_eq!(word_count("department of state"), 3);
        assert_eq!(
            strip_prefix_words("us department of state", "us", 2),
            Some("department of state")
        );
        assert_eq!(strip_prefix_words("usa today", "us", 1), None);
        assert_eq!(strip_prefix_words("us army", "us", 2), None);
    }
}

//! What an article says that helps choose between candidates: its words, the acronyms it
//! defines ("artificial pancreas (AP)") and the given names it puts before a surname.
//!
//! [`ArticleContext`] is built once per article from its text (when re-linking what is in the
//! store: the title and evidence sentences it kept); without a text it is empty and every question
//! gets a neutral answer.

use std::collections::{HashMap, HashSet};

use super::normalize::normalize;

/// Function words: never context evidence, skipped when spelling out an acronym.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "de", "del", "der", "des", "di", "du", "for", "from", "in",
    "la", "le", "of", "on", "or", "the", "to", "und", "van", "von", "with",
];

/// Whether `word` (a normalised word) is a function word.
pub fn is_function_word(word: &str) -> bool {
    FUNCTION_WORDS.contains(&word)
}

/// What a text says about a surname: the given names written right before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameEvidence {
    /// The text never gives a given name before the surname.
    Silent,
    /// The text gives this given name (the candidate's).
    Supports,
    /// The text gives other given names only.
    Contradicts,
}

/// The words of one article, ready for lookups. Built in time linear in the text; every lookup
/// then costs time in the size of its answer, not of the text.
#[derive(Debug, Clone, Default)]
pub struct ArticleContext<'t> {
    raw: &'t str,
    /// The normalised text between spaces, for phrase lookups.
    padded: String,
    words: HashSet<String>,
    /// The words of the text, in order.
    tokens: Vec<Token<'t>>,
    /// Where each normalised word occurs (indices into `tokens`).
    positions: HashMap<String, Vec<usize>>,
    /// Acronyms the text spells out: "AP" → "artificial pancreas" (the first definition).
    acronyms: HashMap<&'t str, String>,
}

/// A word of the raw text with its byte range.
#[derive(Debug, Clone, Copy)]
struct Token<'t> {
    text: &'t str,
    start: usize,
    end: usize,
}

fn tokens(raw: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in raw.char_indices() {
        let inner =
            c.is_alphanumeric() || (matches!(c, '\'' | '\u{2019}' | '-' | '.') && start.is_some());
        match (inner, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(Token {
                    text: raw[s..i].trim_end_matches(['.', '-', '\'', '\u{2019}']),
                    start: s,
                    end: i,
                });
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(Token {
            text: raw[s..].trim_end_matches(['.', '-', '\'', '\u{2019}']),
            start: s,
            end: raw.len(),
        });
    }
    out
}

impl<'t> ArticleContext<'t> {
    /// The context of `text` (empty when there is none).
    pub fn new(text: Option<&'t str>) -> Self {
        let Some(raw) = text else {
            return Self::default();
        };
        let key = normalize(raw);
        let words = key.split(' ').map(str::to_owned).collect();
        let tokens = tokens(raw);
        let mut positions: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, token) in tokens.iter().enumerate() {
            positions.entry(normalize(token.text)).or_default().push(i);
        }
        let mut acronyms = HashMap::new();
        for (i, token) in tokens.iter().enumerate() {
            let written = &raw[token.start..token.end];
            let parenthesised =
                raw[..token.start].ends_with('(') && raw[token.end..].starts_with(')');
            if parenthesised && !acronyms.contains_key(written) {
                if let Some(expansion) = spelled_out(&tokens[..i], written) {
                    acronyms.insert(written, expansion);
                }
            }
        }
        Self {
            raw,
            padded: format!(" {key} "),
            words,
            tokens,
            positions,
            acronyms,
        }
    }

    /// Whether there is no text.
    pub fn is_empty(&self) -> bool {
        self.raw.is_empty()
    }

    /// Whether the text has this normalised word.
    pub fn has_word(&self, word: &str) -> bool {
        self.words.contains(word)
    }

    /// Whether the text has this normalised phrase (a name key).
    pub fn has_phrase(&self, key: &str) -> bool {
        !key.is_empty() && self.padded.contains(&format!(" {key} "))
    }

    /// What the text spells out an acronym as: the words before `(ACRONYM)` whose initials
    /// are its letters (function words may be skipped): "artificial pancreas (AP)" →
    /// "artificial pancreas". `None` when `name` is not an acronym or the text does not define it.
    pub fn acronym_expansion(&self, name: &str) -> Option<String> {
        self.acronyms.get(name).cloned()
    }

    /// Whether the text puts `given` (a normalised word) right before `surname` (a normalised
    /// word), or other given names only. Words in `titles` ("Mr", "President") and capitalised
    /// words that start a sentence are not given names.
    pub fn given_name_evidence(
        &self,
        surname: &str,
        given: &str,
        titles: &HashSet<String>,
    ) -> NameEvidence {
        if self.is_empty() {
            return NameEvidence::Silent;
        }
        let mut other = false;
        let at = self
            .positions
            .get(surname)
            .map(Vec::as_slice)
            .unwrap_or_default();
        for &i in at.iter().filter(|&&i| i > 0) {
            let (before, token) = (&self.tokens[i - 1], &self.tokens[i]);
            if !token.text.chars().next().is_some_and(char::is_uppercase)
                || !before.text.chars().next().is_some_and(char::is_uppercase)
                || !self.raw[before.end..token.start].trim().is_empty()
            {
                continue;
            }
            let word = normalize(before.text);
            if word == given {
                return NameEvidence::Supports;
            }
            let starts_sentence = self.raw[..before.start]
                .trim_end_matches([' ', '\t', '"', '\'', '\u{201c}', '\u{2018}'])
                .chars()
                .next_back()
                .is_none_or(|c| matches!(c, '.' | '!' | '?' | '\n' | ':' | ';'));
            if !titles.contains(&word) && !is_function_word(&word) && !starts_sentence {
                other = true;
            }
        }
        if other {
            NameEvidence::Contradicts
        } else {
            NameEvidence::Silent
        }
    }
}

/// The words right before an acronym whose initials are its letters (function words may be
/// skipped), when `name` is an acronym: 2 to 8 capital letters or digits, dots allowed.
fn spelled_out(before: &[Token<'_>], name: &str) -> Option<String> {
    let letters: Vec<char> = name
        .chars()
        .filter(|c| *c != '.')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let is_acronym = (2..=8).contains(&letters.len())
        && name
            .chars()
            .all(|c| c == '.' || c.is_ascii_uppercase() || c.is_ascii_digit());
    if !is_acronym {
        return None;
    }
    let mut k = letters.len();
    // Each step consumes a letter or skips a function word: a bounded walk back.
    for (i, token) in before.iter().enumerate().rev().take(3 * letters.len()) {
        let word = normalize(token.text);
        if word.is_empty() {
            return None;
        }
        if word.starts_with(letters[k - 1]) {
            k -= 1;
            if k == 0 {
                let words: Vec<&str> = before[i..].iter().map(|t| t.text).collect();
                return Some(words.join(" "));
            }
        } else if !is_function_word(&word) {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_defined_in_the_text() {
        let text = "JDRF leads artificial pancreas (AP) research with the U.S. Food and Drug \
                    Administration (FDA) and the Associated Press.";
        let context = ArticleContext::new(Some(text));
        assert_eq!(
            context.acronym_expansion("AP").as_deref(),
            Some("artificial pancreas")
        );
        assert_eq!(
            context.acronym_expansion("FDA").as_deref(),
            Some("Food and Drug Administration")
        );
        assert_eq!(context.acronym_expansion("JDRF"), None);
        let dotted = ArticleContext::new(Some("the United Nations (U.N.) said"));
        assert_eq!(
            dotted.acronym_expansion("U.N.").as_deref(),
            Some("United Nations")
        );
        // A text full of parenthesised letters that spell nothing out.
        let many = "x (AB) ".repeat(20_000);
        assert_eq!(
            ArticleContext::new(Some(&many)).acronym_expansion("AB"),
            None
        );
        assert_eq!(context.acronym_expansion("Associated Press"), None);
    }

    #[test]
    fn given_names_before_a_surname() {
        let titles: HashSet<String> = ["mr".to_owned()].into();
        let text = "Golf leader Michael Allen fell back.\nAllen shot 70. Mr Allen smiled.";
        let context = ArticleContext::new(Some(text));
        assert_eq!(
            context.given_name_evidence("allen", "michael", &titles),
            NameEvidence::Supports
        );
        assert_eq!(
            context.given_name_evidence("allen", "paul", &titles),
            NameEvidence::Contradicts
        );
        let only_titles = ArticleContext::new(Some("Mr Allen said so. But Allen left."));
        assert_eq!(
            only_titles.given_name_evidence("allen", "paul", &titles),
            NameEvidence::Silent
        );
        assert_eq!(
            ArticleContext::new(None).given_name_evidence("allen", "paul", &titles),
            NameEvidence::Silent
        );
    }

    #[test]
    fn words_and_phrases() {
        let context = ArticleContext::new(Some("England beat Samoa in the Rugby World Cup."));
        assert!(context.has_word("rugby"));
        assert!(context.has_phrase("rugby world cup"));
        assert!(!context.has_phrase("world rugby"));
        assert!(!ArticleContext::new(None).has_word("rugby"));
    }
}

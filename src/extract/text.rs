//! Text structure: headline, dateline, paragraphs, sentences and tokens with exact offsets.
//!
//! One pass over the bytes makes the tokens (words keep inner dots, hyphens and apostrophes:
//! "U.S.", "cease-fire", "O'Brien"; a possessive "’s" is its own token), a second pass groups them
//! into sentences (abbreviations from the lexicon do not end one; newlines, runs of spaces and the
//! " -" that joins an M2E2 headline or caption to the body do), and a third finds the headline and a
//! wire dateline ("WASHINGTON, March 16 (UPI) —"). Offsets are byte offsets into the original
//! text; [`Document::char_offset`] turns them into character offsets in O(log n). Any `&str` is
//! accepted: nothing here panics or allocates per token beyond the token vectors.

use std::ops::Range;

use super::Lexicon;

mod layout;
mod tokens;

pub use tokens::tokenize;

/// A tokenised article. Offsets are byte offsets into `text`; [`Document::char_offset`] converts
/// them to the character offsets of the facts format.
#[derive(Debug)]
pub struct Document<'a> {
    /// The article text.
    pub text: &'a str,
    /// The headline, when the text starts with one.
    pub headline: Option<Range<usize>>,
    /// The dateline place ("WASHINGTON"), when the body starts with one.
    pub dateline: Option<Range<usize>>,
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
    /// Tokens in text order.
    pub tokens: Vec<Token>,
    /// The date written in the dateline ("March 16"), when there is one.
    pub dateline_date: Option<Range<usize>>,
    /// The wire service or publisher named in the dateline ("UPI"), when there is one.
    pub dateline_source: Option<Range<usize>>,
    /// Paragraphs as byte ranges, in text order.
    pub paragraphs: Vec<Range<usize>>,
    /// Index of the first body sentence (after the headline and dateline).
    pub body_start: usize,
    /// (byte offset just after a multi-byte character, bytes saved so far): for `char_offset`.
    char_map: Vec<(usize, usize)>,
}

/// A sentence: a byte range of the text and the range of its tokens.
#[derive(Debug, Clone)]
pub struct Sentence {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Indices of its tokens in [`Document::tokens`].
    pub tokens: Range<usize>,
    /// Index of its paragraph in [`Document::paragraphs`].
    pub paragraph: usize,
    /// Whether it is the headline (title-cased words are not evidence of names there).
    pub is_headline: bool,
    /// Whether it is the dateline ("WASHINGTON, March 16 (UPI) —").
    pub is_dateline: bool,
}

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (possibly with inner apostrophes, hyphens or dots: "U.S.", "cease-fire").
    Word,
    /// Digits.
    Number,
    /// An opening quotation mark.
    OpenQuote,
    /// A closing quotation mark.
    CloseQuote,
    /// Any other punctuation.
    Punct,
}

/// A token: a byte range of the text.
#[derive(Debug, Clone)]
pub struct Token {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// What it is made of.
    pub kind: TokenKind,
}

impl<'a> Document<'a> {
    /// Splits `text` into sentences and tokens.
    pub fn parse(text: &'a str, lexicon: &Lexicon) -> Self {
        let names = &lexicon.names;
        let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
        tokenize(text, &|w| names.is_abbreviation(w), &mut tokens);
        let title_joint = layout::split_title_joint(text, &mut tokens).map(|j| tokens[j].start);
        let mut joints = layout::split_caption_joints(text, &mut tokens, names);
        if let Some(byte) = title_joint {
            // Found again by its offset: the caption joints before it shifted it.
            let j = tokens.partition_point(|t| t.start < byte);
            if let Err(at) = joints.binary_search(&j) {
                joints.insert(at, j);
            }
        }
        let mut char_map = Vec::new();
        if !text.is_ascii() {
            // Walk the bytes: ASCII bytes are skipped, a lead byte gives its character's length.
            let bytes = text.as_bytes();
            let mut saved = 0;
            let mut i = 0;
            while i < bytes.len() {
                let b = bytes[i];
                if b < 0x80 {
                    i += 1;
                    continue;
                }
                let l = match b {
                    0xF0.. => 4,
                    0xE0.. => 3,
                    _ => 2,
                };
                saved += l - 1;
                char_map.push((i + l, saved));
                i += l;
            }
        }
        let mut doc = Document {
            text,
            headline: None,
            dateline: None,
            sentences: Vec::new(),
            tokens,
            dateline_date: None,
            dateline_source: None,
            paragraphs: Vec::new(),
            body_start: 0,
            char_map,
        };
        doc.split_sentences(lexicon, &joints);
        doc.find_headline_and_dateline(lexicon);
        doc
    }

    /// The text of token `i`.
    pub fn token_text(&self, i: usize) -> &'a str {
        self.tokens
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    /// The text of a byte range ("" when out of range).
    pub fn slice(&self, range: Range<usize>) -> &'a str {
        self.text.get(range).unwrap_or("")
    }

    /// The character offset of a byte offset (O(log n); O(1) for ASCII text).
    pub fn char_offset(&self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if self.char_map.is_empty() {
            return byte;
        }
        // Entries are (byte just after a multi-byte char, bytes saved up to it); offsets inside a
        // character are not produced by the tokenizer.
        let idx = self.char_map.partition_point(|&(b, _)| b <= byte);
        let saved = if idx == 0 {
            0
        } else {
            self.char_map[idx - 1].1
        };
        byte - saved
    }

    /// The sentence that contains token `token`.
    pub fn sentence_of(&self, token: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.tokens.end <= token);
        (i < self.sentences.len() && self.sentences[i].tokens.contains(&token)).then_some(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ontology::Ontology;

    fn lexicon() -> Lexicon {
        Lexicon::from_ontology(&Ontology::builtin().expect("ontology")).expect("lexicon")
    }

    /// The sentences `Document::parse` finds in `text`, as text.
    fn sentences(text: &str) -> Vec<&str> {
        let lex = lexicon();
        let doc = Document::parse(text, &lex);
        doc.sentences
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    fn words<'a>(doc: &Document<'a>) -> Vec<&'a str> {
        (0..doc.tokens.len()).map(|i| doc.token_text(i)).collect()
    }

    #[test]
    fn tokens_keep_abbreviations_and_split_possessives() {
        let lex = lexicon();
        let doc = Document::parse(
            "U.S. Sen. John McCain’s cease-fire plan, O'Brien said.",
            &lex,
        );
        assert_eq!(
            words(&doc),
            [
                "U.S.",
                "Sen.",
                "John",
                "McCain",
                "’s",
                "cease-fire",
                "plan",
                ",",
                "O'Brien",
                "said",
                "."
            ]
        );
        assert_eq!(doc.sentences.len(), 1);
    }

    #[test]
    fn sentences_respect_abbreviations_and_quotes() {
        let text = "Mr. Smith met Gov. Brown on Feb. 3 in St. Louis. “It went well,” he said. “We agree.” Then he left.";
        let sents = sentences(text);
        assert_eq!(
            sents,
            [
                "Mr. Smith met Gov. Brown on Feb. 3 in St. Louis.",
                "“It went well,” he said.",
                "“We agree.”",
                "Then he left."
            ]
        );
    }

    #[test]
    fn dateline_and_headline() {
        let lex = lexicon();
        let text =
            "Envoy to visit capital\nBERLIN, May 2 (UPI) — The minister will travel on Monday.";
        let doc = Document::parse(text, &lex);
        assert_eq!(
            doc.headline.clone().map(|r| &text[r]),
            Some("Envoy to visit capital")
        );
        assert_eq!(doc.dateline.clone().map(|r| &text[r]), Some("BERLIN"));
        assert_eq!(doc.dateline_source.clone().map(|r| &text[r]), Some("UPI"));
        assert_eq!(doc.dateline_date.clone().map(|r| &text[r]), Some("May 2"));
        let body = &doc.sentences[doc.body_start];
        assert_eq!(
            &text[body.start..body.end],
            "The minister will travel on Monday."
        );
    }

    #[test]
    fn dash_joined_title() {
        let lex = lexicon();
        let text = "Leaders Meet in Rome -The talks began on Monday. They ended.";
        let doc = Document::parse(text, &lex);
        assert_eq!(
            doc.headline.clone().map(|r| &text[r]),
            Some("Leaders Meet in Rome")
        );
        assert_eq!(doc.sentences.len(), 3);
    }

    #[test]
    fn captions_glued_by_a_hyphen_end_their_sentence() {
        let lex = lexicon();
        let text = "Fire crews worked all night. Mayor Praises Crews-Video size small. Ana Lind-The mayor said the Muslim-Christian council met.";
        let doc = Document::parse(text, &lex);
        let sents = sentences(text);
        assert_eq!(
            sents,
            [
                "Fire crews worked all night.",
                "Mayor Praises Crews",
                "Video size small.",
                "Ana Lind",
                "The mayor said the Muslim-Christian council met."
            ]
        );
        assert!(doc.sentences[1].is_headline);
    }

    #[test]
    fn title_case_lines_read_like_headlines() {
        let lex = lexicon();
        let text = "Storm hits coast\n\nThe storm closed roads on Monday.\n\nMore About Weather • Ports of Norland • Coastal Towns\n\nFerry Crossings Resume\nCrews said the ferries run again.";
        let doc = Document::parse(text, &lex);
        let titled: Vec<&str> = doc
            .sentences
            .iter()
            .filter(|s| s.is_headline)
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(
            titled,
            [
                "Storm hits coast",
                "More About Weather • Ports of Norland • Coastal Towns",
                "Ferry Crossings Resume"
            ]
        );
    }

    #[test]
    fn char_offsets_are_exact() {
        let lex = lexicon();
        let text = "“Ça va,” said Zoë\u{00A0}Müller\u{200B} — in Köln.";
        let doc = Document::parse(text, &lex);
        for t in &doc.tokens {
            let expected = text[..t.start].chars().count();
            assert_eq!(doc.char_offset(t.start), expected);
            assert_eq!(doc.char_offset(t.end), text[..t.end].chars().count());
        }
        assert!(words(&doc).contains(&"Müller"));
        assert!(words(&doc).contains(&"Zoë"));
    }

    #[test]
    fn odd_input_does_not_panic() {
        let lex = lexicon();
        for text in [
            "",
            " ",
            "\u{FEFF}",
            "...",
            "’s",
            "a.",
            "U.S",
            "\"",
            "-x",
            "— —",
            "\u{0301}e",
            "ÀÉ. É",
        ] {
            let doc = Document::parse(text, &lex);
            for t in &doc.tokens {
                assert!(t.start < t.end && t.end <= text.len());
            }
            let _ = doc.char_offset(text.len() + 5);
        }
    }
}

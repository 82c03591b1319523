//! Text structure: headline, dateline, paragraphs, sentences and tokens with exact offsets.

use std::ops::Range;

use super::Lexicon;

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
    pub fn parse(text: &'a str, _lexicon: &Lexicon) -> Self {
        Self { text, headline: None, dateline: None, sentences: Vec::new(), tokens: Vec::new() }
    }

    /// The text of token `i`.
    pub fn token_text(&self, i: usize) -> &'a str {
        &self.text[self.tokens[i].start..self.tokens[i].end]
    }

    /// The character offset of a byte offset.
    pub fn char_offset(&self, byte: usize) -> usize {
        self.text[..byte].chars().count()
    }
}

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
use super::names_lexicon::word;

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

/// Characters that separate tokens without being whitespace: zero-width and format characters.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' | '\u{202A}'..='\u{202E}')
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || is_invisible(c) || c.is_control()
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '\u{0300}'..='\u{036F}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// Splits `text` into tokens. `is_abbrev("Sen.")` says whether a word followed by a period keeps
/// the period (an abbreviation); single capital letters ("M.") and dotted acronyms ("U.S.") always do.
pub fn tokenize(text: &str, is_abbrev: &dyn Fn(&str) -> bool, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let mut i = 0;
    let mut prev_char: Option<char> = None;
    while i < n {
        let b = bytes[i];
        let c = if b < 0x80 {
            b as char
        } else {
            match char_at(text, i) {
                Some(c) => c,
                None => {
                    i += 1;
                    continue;
                }
            }
        };
        let len = c.len_utf8();
        if is_space(c) {
            i += len;
            prev_char = Some(' ');
            continue;
        }
        if is_word_char(c) {
            let start = i;
            let end = scan_word(text, i, is_abbrev);
            let kind = if c.is_ascii_digit() || c.is_numeric() {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            // A possessive or contraction "’s" directly after the word is its own token.
            out.push(Token { start, end, kind });
            i = end;
            if let Some(a) = char_at(text, i) {
                if is_apostrophe(a) {
                    let after = i + a.len_utf8();
                    if matches!(bytes.get(after), Some(b's' | b'S'))
                        && !char_at(text, after + 1).is_some_and(is_word_char)
                    {
                        out.push(Token {
                            start: i,
                            end: after + 1,
                            kind: TokenKind::Word,
                        });
                        i = after + 1;
                    }
                }
            }
            prev_char = text[..i].chars().next_back();
            continue;
        }
        let kind = match c {
            '“' | '„' | '«' | '‘' | '‚' | '‹' => TokenKind::OpenQuote,
            '”' | '»' | '›' | '’' => TokenKind::CloseQuote,
            '"' | '\'' | '`' => {
                let after_space = prev_char
                    .is_none_or(|p| p == ' ' || matches!(p, '(' | '[' | '{' | '—' | '–' | '-'));
                if after_space {
                    TokenKind::OpenQuote
                } else {
                    TokenKind::CloseQuote
                }
            }
            _ => TokenKind::Punct,
        };
        // Runs of the same punctuation ("...", "--") make one token.
        let mut end = i + len;
        if kind == TokenKind::Punct && matches!(c, '.' | '-') {
            while bytes.get(end) == Some(&b) {
                end += 1;
            }
        }
        out.push(Token {
            start: i,
            end,
            kind,
        });
        prev_char = Some(c);
        i = end;
    }
}

/// The end of the word starting at `start`.
fn scan_word(text: &str, start: usize, is_abbrev: &dyn Fn(&str) -> bool) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut segment_len = 0usize; // letters since the last inner dot
    let mut has_inner_dot = false;
    let mut seg_begin = start;
    loop {
        // Letters and digits.
        while let Some(c) = char_at(text, i) {
            if !is_word_char(c) {
                break;
            }
            i += c.len_utf8();
            segment_len += 1;
        }
        let Some(c) = char_at(text, i) else { return i };
        let next = char_at(text, i + c.len_utf8());
        let next_is_word = next.is_some_and(is_word_char);
        if is_hyphen(c) && next_is_word {
            // "genocide-Jean": a lowercase word glued to a capitalised one (a caption joint), not
            // a compound like "al-Assad" or "cease-fire".
            let seg_lower = text[seg_begin..]
                .chars()
                .next()
                .is_some_and(char::is_lowercase);
            if seg_lower && next.is_some_and(char::is_uppercase) && i - seg_begin > 3 {
                return i;
            }
            i += c.len_utf8();
            segment_len = 0;
            seg_begin = i;
            continue;
        }
        if c == '.' {
            if next.is_some_and(|n| n.is_alphabetic()) && segment_len <= 2 {
                // "U.S", "e.g" — the dot is inside the word.
                i += 1;
                segment_len = 0;
                has_inner_dot = true;
                continue;
            }
            if next.is_some_and(|n| n.is_ascii_digit())
                && bytes.get(start).is_some_and(u8::is_ascii_digit)
            {
                i += 1;
                continue;
            }
            let word = &text[start..i];
            let single_initial =
                segment_len == 1 && word.chars().next().is_some_and(char::is_uppercase);
            if has_inner_dot || single_initial || is_abbrev(&text[start..i + 1]) {
                return i + 1;
            }
            return i;
        }
        if matches!(c, ',' | ':')
            && next.is_some_and(|n| n.is_ascii_digit())
            && bytes.get(start).is_some_and(u8::is_ascii_digit)
        {
            i += 1;
            continue;
        }
        if is_apostrophe(c) && next_is_word {
            // "’s" + non-letter is a separate possessive token; "O'Brien", "don't", "d'Ivoire" stay whole.
            let after = i + c.len_utf8();
            let is_s = matches!(bytes.get(after), Some(b's' | b'S'))
                && !char_at(text, after + 1).is_some_and(is_word_char);
            if is_s {
                return i;
            }
            i = after;
            continue;
        }
        if c == '&' && next.is_some_and(char::is_uppercase) && i > start {
            i += 1;
            continue;
        }
        return i;
    }
}

/// How the gap before a token separates it from the previous one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Gap {
    None,
    Space,
    Line,
    Paragraph,
}

fn gap_between(text: &str, from: usize, to: usize) -> Gap {
    let Some(gap) = text.get(from..to) else {
        return Gap::Space;
    };
    if gap.is_empty() {
        return Gap::None;
    }
    let newlines = gap.bytes().filter(|&b| b == b'\n').count();
    if newlines >= 2 {
        Gap::Paragraph
    } else if newlines == 1 {
        Gap::Line
    } else if gap.len() >= 6 && gap.bytes().all(|b| b == b' ' || b == b'\t' || b == b'\r') {
        // Long runs of spaces separate paragraphs in some scraped texts.
        Gap::Paragraph
    } else {
        Gap::Space
    }
}

impl<'a> Document<'a> {
    /// Splits `text` into sentences and tokens.
    pub fn parse(text: &'a str, lexicon: &Lexicon) -> Self {
        let names = &lexicon.names;
        let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
        tokenize(text, &|w| names.is_abbreviation(w), &mut tokens);
        let mut char_map = Vec::new();
        if !text.is_ascii() {
            let mut saved = 0;
            for (i, c) in text.char_indices() {
                let l = c.len_utf8();
                if l > 1 {
                    saved += l - 1;
                    char_map.push((i + l, saved));
                }
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
        doc.split_sentences(lexicon);
        doc.find_headline_and_dateline(lexicon);
        doc
    }

    fn split_sentences(&mut self, lexicon: &Lexicon) {
        let text = self.text;
        let toks = &self.tokens;
        let n = toks.len();
        let mut sentences = Vec::new();
        let mut paragraphs: Vec<Range<usize>> = Vec::new();
        let mut start = 0usize;
        let mut para_start_byte = toks.first().map_or(0, |t| t.start);
        let mut i = 0usize;
        let push =
            |sentences: &mut Vec<Sentence>, paragraphs: &[Range<usize>], s: usize, e: usize| {
                if s < e {
                    sentences.push(Sentence {
                        start: toks[s].start,
                        end: toks[e - 1].end,
                        tokens: s..e,
                        paragraph: paragraphs.len(),
                        is_headline: false,
                        is_dateline: false,
                    });
                }
            };
        while i < n {
            // Breaks before token i (from the gap after token i-1).
            if i > start {
                let gap = gap_between(text, toks[i - 1].end, toks[i].start);
                let prev = &toks[i - 1];
                let prev_text = &text[prev.start..prev.end];
                let cur_text = &text[toks[i].start..toks[i].end];
                let cur_lower = cur_text.chars().next().is_some_and(char::is_lowercase);
                let wrapped = gap == Gap::Line
                    && cur_lower
                    && (prev.kind == TokenKind::Word || prev_text == ",");
                if gap == Gap::Paragraph || (gap == Gap::Line && !wrapped) {
                    push(&mut sentences, &paragraphs, start, i);
                    start = i;
                    if gap == Gap::Paragraph || gap == Gap::Line {
                        paragraphs.push(para_start_byte..prev.end);
                        para_start_byte = toks[i].start;
                    }
                    continue;
                }
                // " -Word": a hyphen glued to the next word after a space joins a headline or caption.
                if toks[i].kind == TokenKind::Punct
                    && &text[toks[i].start..toks[i].end] == "-"
                    && gap >= Gap::Space
                    && toks.get(i + 1).is_some_and(|t| t.start == toks[i].end)
                {
                    push(&mut sentences, &paragraphs, start, i);
                    i += 1;
                    start = i;
                    continue;
                }
            }
            let t = &toks[i];
            let t_text = &text[t.start..t.end];
            let mut end_here = false;
            if t.kind == TokenKind::Punct
                && (t_text.starts_with('.') || t_text == "!" || t_text == "?" || t_text == "…")
            {
                end_here = true;
            } else if t.kind == TokenKind::Word && t_text.ends_with('.') && t_text.len() > 1 {
                // An abbreviation ends a sentence only when it may and a sentence starter follows.
                let flags = lexicon.names.word_flags(t_text);
                let may_end = flags & word::ABBREVIATION_END != 0
                    || (flags & word::ABBREVIATION == 0 && t_text.matches('.').count() > 1);
                if may_end {
                    if let Some(next) = toks.get(i + 1) {
                        let nt = &text[next.start..next.end];
                        end_here = lexicon.names.word_flags(nt) & word::NON_NAME != 0
                            && nt.chars().next().is_some_and(char::is_uppercase);
                    } else {
                        end_here = true;
                    }
                }
            }
            if end_here {
                // Absorb closing quotes and brackets.
                let mut j = i + 1;
                while j < n
                    && (toks[j].kind == TokenKind::CloseQuote
                        || matches!(&text[toks[j].start..toks[j].end], ")" | "]"))
                    && gap_between(text, toks[j - 1].end, toks[j].start) <= Gap::Space
                {
                    j += 1;
                }
                let next_starts = match toks.get(j) {
                    None => true,
                    Some(nt) => {
                        let c = text[nt.start..].chars().next();
                        !c.is_some_and(char::is_lowercase) && !matches!(c, Some(',' | ';' | ':'))
                    }
                };
                if next_starts {
                    push(&mut sentences, &paragraphs, start, j);
                    start = j;
                    i = j;
                    continue;
                }
            }
            i += 1;
        }
        push(&mut sentences, &paragraphs, start, n);
        if let Some(last) = toks.last() {
            paragraphs.push(para_start_byte..last.end);
        }
        // Paragraph indices were counted as breaks went by; clamp for safety.
        let np = paragraphs.len();
        for s in &mut sentences {
            if s.paragraph >= np {
                s.paragraph = np.saturating_sub(1);
            }
        }
        self.sentences = sentences;
        self.paragraphs = paragraphs;
    }

    fn find_headline_and_dateline(&mut self, lexicon: &Lexicon) {
        let text = self.text;
        let Some(first) = self.sentences.first().cloned() else {
            return;
        };
        let mut body = 0;
        // A headline: a first sentence with no final punctuation, followed by more text, either
        // on its own line or joined by " -".
        if self.sentences.len() > 1 {
            let last_tok = &self.tokens[first.tokens.end - 1];
            let last_text = &text[last_tok.start..last_tok.end];
            let unpunctuated = !matches!(last_text, "." | "!" | "?" | "…")
                && last_tok.kind != TokenKind::CloseQuote;
            let next = &self.sentences[1];
            let gap = &text[first.end..next.start];
            let joined_by_dash = gap.trim() == "-";
            let own_line = gap.contains('\n');
            let words = first.tokens.len();
            if unpunctuated
                && (joined_by_dash || own_line)
                && words <= 40
                && !self.starts_dateline(first.tokens.start, lexicon)
            {
                self.headline = Some(first.start..first.end);
                self.sentences[0].is_headline = true;
                body = 1;
            }
        }
        self.body_start = body;
        if let Some(s) = self.sentences.get(body).cloned() {
            self.parse_dateline(body, &s, lexicon);
        }
    }

    /// Whether the tokens from `i` start like a dateline (capital-letter place then a comma or bracket).
    fn starts_dateline(&self, i: usize, _lexicon: &Lexicon) -> bool {
        let mut j = i;
        let mut caps = 0;
        while let Some(t) = self.tokens.get(j) {
            let w = &self.text[t.start..t.end];
            if t.kind == TokenKind::Word
                && w.chars().any(char::is_alphabetic)
                && !w.chars().any(char::is_lowercase)
            {
                caps += 1;
                j += 1;
            } else {
                break;
            }
        }
        caps > 0
            && self.tokens.get(j).is_some_and(|t| {
                matches!(
                    &self.text[t.start..t.end],
                    "," | "(" | "—" | "–" | "-" | "--"
                )
            })
    }

    /// Recognises "PLACE[, State], Month Day[, Year] (SOURCE) —" at the start of sentence `si`
    /// and splits it into a sentence of its own.
    fn parse_dateline(&mut self, si: usize, s: &Sentence, lexicon: &Lexicon) {
        let text = self.text;
        let toks = &self.tokens;
        let w = |j: usize| toks.get(j).map(|t| &text[t.start..t.end]);
        let mut j = s.tokens.start;
        let place_start = j;
        while j < s.tokens.end {
            let Some(x) = w(j) else { break };
            if toks[j].kind == TokenKind::Word
                && x.chars().any(char::is_alphabetic)
                && !x.chars().any(char::is_lowercase)
            {
                j += 1;
            } else {
                break;
            }
        }
        if j == place_start || j - place_start > 4 {
            return;
        }
        let place = toks[place_start].start..toks[j - 1].end;
        let mut date = None;
        let mut source = None;
        // Optional ", State." and ", Month Day[, Year]".
        while w(j) == Some(",") {
            let k = j + 1;
            let Some(x) = w(k) else { return };
            let flags = lexicon.names.word_flags(x);
            let number_follows = toks.get(k + 1).is_some_and(|t| t.kind == TokenKind::Number);
            if flags & word::TEMPORAL != 0
                || (number_follows && x.chars().next().is_some_and(char::is_uppercase))
            {
                let mut e = k + 1;
                if toks.get(e).is_some_and(|t| t.kind == TokenKind::Number) {
                    e += 1;
                    if w(e) == Some(",")
                        && toks.get(e + 1).is_some_and(|t| t.kind == TokenKind::Number)
                    {
                        e += 2;
                    }
                }
                date = Some(toks[k].start..toks[e - 1].end);
                j = e;
            } else if x.chars().next().is_some_and(char::is_uppercase)
                && (x.ends_with('.') || (x.len() <= 3 && !x.chars().any(char::is_lowercase)))
            {
                j = k + 1;
            } else {
                break;
            }
        }
        if w(j) == Some("(") {
            let k = j + 1;
            let mut e = k;
            while e < s.tokens.end && w(e) != Some(")") && e - k < 6 {
                e += 1;
            }
            if w(e) == Some(")") && e > k {
                source = Some(toks[k].start..toks[e - 1].end);
                j = e + 1;
            } else {
                return;
            }
        }
        let Some(dash) = w(j) else { return };
        if !matches!(dash, "—" | "–" | "-" | "--" | ":" | "---") {
            return;
        }
        if date.is_none() && source.is_none() && dash == ":" {
            return;
        }
        self.dateline = Some(place);
        self.dateline_date = date;
        self.dateline_source = source;
        // Split: the dateline becomes its own sentence, the rest starts after the dash.
        let end = j + 1;
        if end >= s.tokens.end {
            self.sentences[si].is_dateline = true;
            return;
        }
        let dl = Sentence {
            start: s.start,
            end: toks[j].end,
            tokens: s.tokens.start..end,
            paragraph: s.paragraph,
            is_headline: false,
            is_dateline: true,
        };
        let rest = Sentence {
            start: toks[end].start,
            end: s.end,
            tokens: end..s.tokens.end,
            paragraph: s.paragraph,
            is_headline: false,
            is_dateline: false,
        };
        self.sentences[si] = rest;
        self.sentences.insert(si, dl);
        self.body_start = si + 1;
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
        let lex = lexicon();
        let text = "Mr. Smith met Gov. Brown on Feb. 3 in St. Louis. “It went well,” he said. “We agree.” Then he left.";
        let doc = Document::parse(text, &lex);
        let sents: Vec<&str> = doc
            .sentences
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect();
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

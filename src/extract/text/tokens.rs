//! Tokenisation: one pass over the bytes; words keep inner dots, hyphens and apostrophes
//! ("U.S.", "cease-fire", "O'Brien"), a possessive "’s" is its own token.

use super::{Token, TokenKind};

/// Characters that separate tokens without being whitespace: zero-width and format characters.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' | '\u{202A}'..='\u{202E}')
}

fn is_space(c: char) -> bool {
    c.is_whitespace() || is_invisible(c) || c.is_control()
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || matches!(c, '\u{0300}'..='\u{036F}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

/// The character starting at byte `i` (`None` past the end or inside a character).
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        // An ASCII byte is always a whole character.
        return Some(char::from(b));
    }
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
        // Letters and digits (ASCII ones byte by byte).
        loop {
            match bytes.get(i) {
                Some(b) if b.is_ascii_alphanumeric() => i += 1,
                Some(b) if b.is_ascii() => break,
                _ => match char_at(text, i) {
                    Some(c) if is_word_char(c) => i += c.len_utf8(),
                    _ => break,
                },
            }
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

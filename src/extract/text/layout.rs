//! Layout: sentences from tokens (abbreviations from the lexicon do not end one; newlines, runs
//! of spaces and the " -" that joins an M2E2 headline or caption to the body do), then the
//! headline and a wire dateline ("WASHINGTON, March 16 (UPI) —").

use super::super::Lexicon;
use super::super::names_lexicon::{NameLexicon, word};
use std::ops::Range;

use super::{Document, Sentence, Token, TokenKind};

/// The first line of M2E2-style texts runs the title into the body with a hyphen glued on both
/// sides: "Obama Speaks by Phone to Iran's Rouhani-WHITE HOUSE — ...", "Three Activists Killed in
/// Paris-Three activists were shot ...". When the first line holds a title-case stretch (capitalised
/// words, numbers and short function words) that ends at a capitalised hyphenated word, and the
/// line then goes on as a sentence (a longer lowercase word, then a final period), that word is
/// split at its last hyphen into two words and the hyphen, whose index is returned. The hyphen
/// must come after at least one other word, so that a first line starting with a compound
/// ("Trump-Putin talks ...") is left alone; of several hyphenated words the last one before the
/// lowercase word is the joint ("Germanwings Co-Pilot Andreas Lubitz-On Friday, ...").
pub(super) fn split_title_joint(text: &str, tokens: &mut Vec<Token>) -> Option<usize> {
    let line_end = text.find('\n').unwrap_or(text.len());
    let mut joint: Option<(usize, usize)> = None;
    let mut words = 0usize;
    let mut lowercase_at = None;
    for (i, t) in tokens.iter().enumerate() {
        if t.start >= line_end {
            return None;
        }
        let w = text.get(t.start..t.end)?;
        match t.kind {
            TokenKind::Word => {
                if w.starts_with(char::is_lowercase) {
                    if w.len() > 4 {
                        lowercase_at = Some(i);
                        break;
                    }
                } else if words > 0 {
                    // The last hyphen with a capital or a digit after it: "Lubitz-On", "Alert-0".
                    let b = w.as_bytes();
                    let h = (1..b.len().saturating_sub(1)).rev().find(|&h| {
                        b[h] == b'-'
                            && b[h - 1].is_ascii_alphabetic()
                            && (b[h + 1].is_ascii_uppercase() || b[h + 1].is_ascii_digit())
                    });
                    if let Some(h) = h {
                        joint = Some((i, t.start + h));
                    }
                }
                words += 1;
            }
            TokenKind::Number => words += 1,
            _ => {}
        }
    }
    let (ji, hyphen) = joint?;
    let lower = lowercase_at?;
    // The line goes on to the end of a sentence.
    let ends = tokens[lower..]
        .iter()
        .take_while(|t| t.start < line_end)
        .any(|t| t.kind == TokenKind::Punct && text.get(t.start..t.end) == Some("."));
    if !ends {
        return None;
    }
    let end = tokens[ji].end;
    let tail_kind = if text.as_bytes()[hyphen + 1].is_ascii_digit() {
        TokenKind::Number
    } else {
        TokenKind::Word
    };
    tokens[ji].end = hyphen;
    let hyphen_token = Token {
        start: hyphen,
        end: hyphen + 1,
        kind: TokenKind::Punct,
    };
    let tail = Token {
        start: hyphen + 1,
        end,
        kind: tail_kind,
    };
    tokens.splice(ji + 1..ji + 1, [hyphen_token, tail]);
    Some(ji + 1)
}

/// Captions and subheads flattened into M2E2-style texts are glued to the next sentence or widget
/// by a hyphen: "... Obama Says-Video size ...", "... Faysal Itani-The Atlantic Council's ...". A
/// word whose part after its last hyphen is a capitalised word from the non-name list, short
/// ("The", "But") or before a lowercase word ("Video size"), while the part before it is a
/// capitalised word neither from that list nor a demonym ("Muslim-Christian"), is split into the two words and the hyphen (a lowercase
/// part before is split by the tokenizer already). Returns the indices
/// of the new hyphen tokens, in order.
pub(super) fn split_caption_joints(
    text: &str,
    tokens: &mut Vec<Token>,
    names: &NameLexicon,
) -> Vec<usize> {
    // A short sentence starter ("The", "But", "In"), or a non-name word that a lowercase word
    // follows ("Video size", "Share this"), unlike "Muslim-Christian Understanding".
    let joint_at = |t: &Token, next: Option<&Token>| -> Option<usize> {
        if t.kind != TokenKind::Word || !text.as_bytes().get(t.start..t.end)?.contains(&b'-') {
            return None;
        }
        let w = text.get(t.start..t.end)?;
        let h = w.rfind('-')?;
        let (head, tail) = (&w[..h], &w[h + 1..]);
        let lowercase_next = next
            .filter(|n| n.kind == TokenKind::Word)
            .and_then(|n| text.get(n.start..n.end))
            .is_some_and(|n| n.starts_with(char::is_lowercase));
        let ok = head.len() >= 2
            && head.starts_with(char::is_uppercase)
            && head.ends_with(char::is_alphanumeric)
            && tail.starts_with(char::is_uppercase)
            && (tail.len() <= 3 || lowercase_next)
            && names.word_flags(head) & word::NON_NAME == 0
            && names.demonym(head).is_none()
            && names.word_flags(tail) & word::NON_NAME != 0;
        ok.then_some(t.start + h)
    };
    let mut joints = Vec::new();
    let Some(first) =
        (0..tokens.len()).find(|&i| joint_at(&tokens[i], tokens.get(i + 1)).is_some())
    else {
        return joints;
    };
    let mut out = Vec::with_capacity(tokens.len() + 8);
    out.extend_from_slice(&tokens[..first]);
    for (i, t) in tokens.iter().enumerate().skip(first) {
        match joint_at(t, tokens.get(i + 1)) {
            Some(h) => {
                out.push(Token {
                    start: t.start,
                    end: h,
                    kind: TokenKind::Word,
                });
                joints.push(out.len());
                out.push(Token {
                    start: h,
                    end: h + 1,
                    kind: TokenKind::Punct,
                });
                out.push(Token {
                    start: h + 1,
                    end: t.end,
                    kind: TokenKind::Word,
                });
            }
            None => out.push(t.clone()),
        }
    }
    *tokens = out;
    joints
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
    /// Groups the tokens into sentences and paragraphs.
    /// `joints` are the hyphen tokens (sorted) that join a headline or a caption to the body
    /// ([`split_title_joint`], [`split_caption_joints`]).
    pub(super) fn split_sentences(&mut self, lexicon: &Lexicon, joints: &[usize]) {
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
                    && (gap >= Gap::Space || joints.binary_search(&i).is_ok())
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

    /// Marks the headline (an unpunctuated first line) and parses the dateline after it.
    pub(super) fn find_headline_and_dateline(&mut self, lexicon: &Lexicon) {
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
        self.mark_title_lines();
    }

    /// Lines of title-case words in the body are read like the headline: page furniture and
    /// list entries ("All About Schools • Department of Education • Charter Schools"). A line
    /// qualifies when it stands alone (newlines around it, or a hyphen glued to the next
    /// sentence after it, as captions in M2E2 texts), has no final punctuation, and holds
    /// at least two words that are all capitalised, small words aside.
    fn mark_title_lines(&mut self) {
        let text = self.text;
        let bytes = text.as_bytes();
        for si in self.body_start..self.sentences.len() {
            let s = &self.sentences[si];
            if s.is_dateline {
                continue;
            }
            let blank = |b: u8| matches!(b, b' ' | b'\t' | b'\r');
            let mut a = s.start;
            while a > 0 && blank(bytes[a - 1]) {
                a -= 1;
            }
            let mut z = s.end;
            while z < bytes.len() && blank(bytes[z]) {
                z += 1;
            }
            // Or a caption glued to the next sentence by a hyphen ("... Obama Says-Video ...").
            let caption = bytes.get(z) == Some(&b'-') && bytes.get(z + 1) != Some(&b'-');
            let alone = ((a == 0 || bytes[a - 1] == b'\n')
                && (z == bytes.len() || bytes[z] == b'\n'))
                || caption;
            let last = &self.tokens[s.tokens.end - 1];
            let last_text = &text[last.start..last.end];
            if !alone
                || matches!(last_text, "." | "!" | "?" | "…" | ":")
                || last.kind == TokenKind::CloseQuote
            {
                continue;
            }
            let mut words = 0;
            let title_case = self.tokens[s.tokens.clone()].iter().all(|t| {
                if t.kind != TokenKind::Word {
                    return true;
                }
                words += 1;
                let w = &text[t.start..t.end];
                w.starts_with(|c: char| !c.is_lowercase()) || w.len() <= 3
            });
            if title_case && words >= 2 {
                self.sentences[si].is_headline = true;
            }
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
}

//! Modality of a relation: asserted, planned, reported, negated or hypothetical.
//!
//! The rules look at the clause of the trigger verb — the words between the clause start and the
//! verb (auxiliaries, modals, catenative verbs such as "plans to") — and at what introduces the
//! clause (a speech verb, "that" after "no evidence", "if"). In order of precedence:
//!
//! 1. **negated** — "not", "n't", "never", "no longer", "failed/refused to", a verb that calls the
//!    action off ("cancelled his trip to", "scrapped a visit") before the verb, or a
//!    clause introduced by a negated or denying phrase ("saw no evidence that any troops left",
//!    "denied that");
//! 2. **hypothetical** — "may", "might", "could", "should", a clause opened by "if", "unless" or
//!    "whether", "would" outside reported speech, and an event noun that is "possible",
//!    "potential", "proposed" or the subject of "talk of" ("talk of an early summit");
//! 3. **planned** — "will", "'ll", "shall", "going to", "be to" ("is to visit"), a catenative verb of
//!    intention ("plans/intends/expects/hopes/wants/agreed/decided/vowed/is scheduled/is set/is due
//!    to"), a "planned", "upcoming" or "scheduled" event noun, or a future time expression in the
//!    clause ("next week", "tomorrow"), or a verb that puts the action off ("had delayed
//!    traveling to", "postponed a visit to": still intended, not done);
//! 4. **reported** — the clause is the complement of a speech verb ("X said (that) he'd begin to
//!    withdraw": "would" there is the future of reported speech) or stands inside a quotation;
//! 5. **asserted** otherwise ("began withdrawing", "has been brokering").
//!
//! The word lists are English grammar (auxiliaries, modals, verbs of intention), not ontology terms.

use super::text::Document;
use crate::facts::Modality;

const NEGATIONS: &[&str] = &["not", "never", "no", "neither", "nor", "cannot"];
const NEGATING_VERBS: &[&str] = &[
    "failed", "fail", "fails", "refused", "refuse", "refuses", "declined", "declines",
];
const DENIALS: &[&str] = &[
    "deny", "denied", "denies", "denying", "no", "not", "without", "never", "nobody", "none",
];
const HYPOTHETICAL: &[&str] = &["may", "might", "could", "should", "can", "must"];
const HYPOTHETICAL_OPENERS: &[&str] = &["if", "unless", "whether"];
const FUTURE: &[&str] = &["will", "shall", "wo"];
const INTENTION: &[&str] = &[
    "plan",
    "plans",
    "planned",
    "planning",
    "intend",
    "intends",
    "intended",
    "expect",
    "expects",
    "expected",
    "aim",
    "aims",
    "hope",
    "hopes",
    "hoped",
    "want",
    "wants",
    "wanted",
    "seek",
    "seeks",
    "agree",
    "agrees",
    "agreed",
    "decide",
    "decides",
    "decided",
    "promise",
    "promises",
    "promised",
    "vow",
    "vows",
    "vowed",
    "prepare",
    "prepares",
    "preparing",
    "scheduled",
    "set",
    "due",
    "slated",
    "poised",
    "going",
    "threaten",
    "threatens",
    "threatened",
    "pledge",
    "pledged",
    "pledges",
    "intending",
];
/// Verbs that put an action off ("had delayed traveling", "postponed his visit"): it is still
/// intended, not done.
const DEFERRING: &[&str] = &[
    "delay",
    "delays",
    "delayed",
    "delaying",
    "postpone",
    "postpones",
    "postponed",
    "postponing",
    "defer",
    "deferred",
    "deferring",
];
/// Verbs that call an action off ("cancelled his trip", "scrapped a visit"): it did not happen.
const CANCELLING: &[&str] = &[
    "cancel",
    "cancels",
    "cancelled",
    "canceled",
    "cancelling",
    "canceling",
    "scrapped",
    "scraps",
    "scrap",
    "abandoned",
    "aborted",
];
const BE: &[&str] = &["is", "are", "was", "were", "am", "be"];
/// Words right before an event noun that make it planned ("his planned visit", "the upcoming
/// summit") or hypothetical ("a possible meeting", "talk of a summit").
const PLANNED_BEFORE_NOUN: &[&str] = &[
    "planned",
    "upcoming",
    "scheduled",
    "expected",
    "forthcoming",
    "future",
];
const HYPOTHETICAL_BEFORE_NOUN: &[&str] = &[
    "possible",
    "potential",
    "proposed",
    "prospective",
    "hypothetical",
];
const SPECULATION_NOUNS: &[&str] = &["talk", "prospect", "idea", "possibility", "hopes"];

fn lower_in(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// A contraction suffix of a token ("he’d" → "d", "didn’t" → "n't").
fn contraction(word: &str) -> Option<&'static str> {
    let w = word.to_ascii_lowercase().replace('’', "'");
    if w.ends_with("n't") {
        Some("n't")
    } else if w.ends_with("'d") {
        Some("'d")
    } else if w.ends_with("'ll") {
        Some("'ll")
    } else {
        None
    }
}

/// What introduces the clause of a trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ClauseContext {
    /// The clause is the complement of a speech verb, or inside a quotation.
    pub reported: bool,
    /// The clause is introduced by a negated or denying phrase.
    pub negated: bool,
    /// The clause is opened by "if", "unless", "whether".
    pub conditional: bool,
}

/// The context of a clause starting at token `clause_start` in a sentence starting at
/// `sentence_start`; `speech` tells whether a token is a speech verb.
pub fn context(
    doc: &Document<'_>,
    sentence_start: usize,
    clause_start: usize,
    speech: impl Fn(usize) -> bool,
    in_quote: bool,
) -> ClauseContext {
    let mut ctx = ClauseContext {
        reported: in_quote,
        ..ClauseContext::default()
    };
    if clause_start <= sentence_start {
        return ctx;
    }
    let opener = clause_start - 1;
    let opener_word = doc.token_text(opener);
    if lower_in(opener_word, HYPOTHETICAL_OPENERS) {
        ctx.conditional = true;
    }
    // The speech verb itself, or "that"/time words after it: "said Tuesday that".
    let lo = opener.saturating_sub(4).max(sentence_start);
    for i in (lo..=opener).rev() {
        if speech(i) {
            ctx.reported = true;
            break;
        }
    }
    if opener_word.eq_ignore_ascii_case("that") {
        let lo = opener.saturating_sub(3).max(sentence_start);
        if (lo..opener).any(|i| {
            lower_in(doc.token_text(i), DENIALS) || contraction(doc.token_text(i)) == Some("n't")
        }) {
            ctx.negated = true;
        }
    }
    ctx
}

/// The modality of the verb at token `verb` whose clause begins at `clause_start`; `future_time`
/// tells whether the clause holds a future time expression.
pub fn classify(
    doc: &Document<'_>,
    clause_start: usize,
    verb: usize,
    ctx: ClauseContext,
    future_time: bool,
) -> Modality {
    let mut negated = ctx.negated;
    let mut hypothetical = ctx.conditional;
    let mut would = false;
    let mut planned = future_time;
    for i in clause_start..verb {
        let w = doc.token_text(i);
        match contraction(w) {
            Some("n't") => negated = true,
            Some("'d") => would = true,
            Some("'ll") => planned = true,
            _ => {}
        }
        if lower_in(w, NEGATIONS) || lower_in(w, NEGATING_VERBS) || lower_in(w, CANCELLING) {
            negated = true;
        } else if lower_in(w, DEFERRING) {
            planned = true;
        } else if lower_in(w, HYPOTHETICAL) {
            hypothetical = true;
        } else if w.eq_ignore_ascii_case("would") {
            would = true;
        } else if lower_in(w, FUTURE)
            || (i + 1 < verb
                && doc.token_text(i + 1).eq_ignore_ascii_case("to")
                && (lower_in(w, INTENTION) || lower_in(w, BE)))
        {
            planned = true;
        }
    }
    // the words right before the trigger (an event noun's modifiers)
    for i in verb.saturating_sub(4).max(clause_start)..verb {
        let w = doc.token_text(i);
        if lower_in(w, PLANNED_BEFORE_NOUN) {
            planned = true;
        } else if lower_in(w, HYPOTHETICAL_BEFORE_NOUN)
            || (lower_in(w, SPECULATION_NOUNS)
                && i + 1 < verb
                && doc.token_text(i + 1).eq_ignore_ascii_case("of"))
        {
            hypothetical = true;
        }
    }
    // Headlines drop "is": "Minister to visit Kenya" announces a plan.
    if verb > 0 && doc.token_text(verb - 1).eq_ignore_ascii_case("to") && in_headline(doc, verb) {
        planned = true;
    }
    if negated {
        Modality::Negated
    } else if hypothetical || (would && !ctx.reported) {
        Modality::Hypothetical
    } else if planned {
        Modality::Planned
    } else if ctx.reported || would {
        Modality::Reported
    } else {
        Modality::Asserted
    }
}

/// Whether token `t` lies in the article's headline.
fn in_headline(doc: &Document<'_>, t: usize) -> bool {
    doc.headline
        .as_ref()
        .is_some_and(|h| h.contains(&doc.tokens[t].start))
}

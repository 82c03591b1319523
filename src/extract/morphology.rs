//! English verb morphology: the inflected forms of a base verb.
//!
//! The ontology gives verb triggers in base form ("travel to", "withdraw"); the extractor looks for
//! every inflected form of the first word. Regular forms follow the spelling rules of English
//! (travel → travels, traveled, travelled, traveling, travelling; die → dying; carry → carried);
//! irregular verbs come from [`IRREGULAR`], a table of English grammar (not of the ontology: it
//! lists no domain term). Verbs built on an irregular one with a prefix (withdraw, undertake, retell)
//! inherit its forms.

use super::names_lexicon::FastSet;

/// Irregular verbs: base form, past forms, past participles (`|`-separated where several exist).
const IRREGULAR: &[(&str, &str, &str)] = &[
    ("arise", "arose", "arisen"),
    ("be", "was|were", "been"),
    ("bear", "bore", "borne|born"),
    ("beat", "beat", "beaten"),
    ("become", "became", "become"),
    ("begin", "began", "begun"),
    ("bid", "bid", "bid"),
    ("bind", "bound", "bound"),
    ("bite", "bit", "bitten"),
    ("bleed", "bled", "bled"),
    ("blow", "blew", "blown"),
    ("break", "broke", "broken"),
    ("bring", "brought", "brought"),
    ("build", "built", "built"),
    ("burn", "burned|burnt", "burned|burnt"),
    ("buy", "bought", "bought"),
    ("catch", "caught", "caught"),
    ("choose", "chose", "chosen"),
    ("come", "came", "come"),
    ("cost", "cost", "cost"),
    ("cut", "cut", "cut"),
    ("deal", "dealt", "dealt"),
    ("do", "did", "done"),
    ("draw", "drew", "drawn"),
    ("drive", "drove", "driven"),
    ("eat", "ate", "eaten"),
    ("fall", "fell", "fallen"),
    ("feed", "fed", "fed"),
    ("feel", "felt", "felt"),
    ("fight", "fought", "fought"),
    ("find", "found", "found"),
    ("flee", "fled", "fled"),
    ("fly", "flew", "flown"),
    ("forbid", "forbade", "forbidden"),
    ("forget", "forgot", "forgotten"),
    ("forgive", "forgave", "forgiven"),
    ("freeze", "froze", "frozen"),
    ("get", "got", "got|gotten"),
    ("give", "gave", "given"),
    ("go", "went", "gone"),
    ("grow", "grew", "grown"),
    ("hang", "hung|hanged", "hung|hanged"),
    ("have", "had", "had"),
    ("hear", "heard", "heard"),
    ("hide", "hid", "hidden"),
    ("hit", "hit", "hit"),
    ("hold", "held", "held"),
    ("hurt", "hurt", "hurt"),
    ("keep", "kept", "kept"),
    ("know", "knew", "known"),
    ("lay", "laid", "laid"),
    ("lead", "led", "led"),
    ("leave", "left", "left"),
    ("lend", "lent", "lent"),
    ("let", "let", "let"),
    ("lie", "lay", "lain"),
    ("light", "lit|lighted", "lit|lighted"),
    ("lose", "lost", "lost"),
    ("make", "made", "made"),
    ("mean", "meant", "meant"),
    ("meet", "met", "met"),
    ("pay", "paid", "paid"),
    ("put", "put", "put"),
    ("quit", "quit", "quit"),
    ("read", "read", "read"),
    ("ride", "rode", "ridden"),
    ("ring", "rang", "rung"),
    ("rise", "rose", "risen"),
    ("run", "ran", "run"),
    ("say", "said", "said"),
    ("see", "saw", "seen"),
    ("seek", "sought", "sought"),
    ("sell", "sold", "sold"),
    ("send", "sent", "sent"),
    ("set", "set", "set"),
    ("shake", "shook", "shaken"),
    ("shoot", "shot", "shot"),
    ("show", "showed", "shown|showed"),
    ("shut", "shut", "shut"),
    ("sing", "sang", "sung"),
    ("sink", "sank", "sunk"),
    ("sit", "sat", "sat"),
    ("sleep", "slept", "slept"),
    ("slay", "slew", "slain"),
    ("speak", "spoke", "spoken"),
    ("spend", "spent", "spent"),
    ("spread", "spread", "spread"),
    ("stand", "stood", "stood"),
    ("steal", "stole", "stolen"),
    ("stick", "stuck", "stuck"),
    ("strike", "struck", "struck|stricken"),
    ("swear", "swore", "sworn"),
    ("sweep", "swept", "swept"),
    ("swim", "swam", "swum"),
    ("take", "took", "taken"),
    ("teach", "taught", "taught"),
    ("tear", "tore", "torn"),
    ("tell", "told", "told"),
    ("think", "thought", "thought"),
    ("throw", "threw", "thrown"),
    ("wake", "woke", "woken"),
    ("wear", "wore", "worn"),
    ("win", "won", "won"),
    ("write", "wrote", "written"),
];

/// Prefixes that keep the inflection of the verb they attach to (withdraw → withdrew).
const PREFIXES: &[&str] = &[
    "with", "under", "over", "out", "up", "re", "fore", "mis", "un", "be",
];

/// Whether `word` (lowercase) is the past form or participle of an irregular verb ("began", "met").
pub fn is_irregular_form(word: &str) -> bool {
    IRREGULAR_FORMS.contains(word)
}

/// The past forms and participles of [`IRREGULAR`], built once for constant-time lookups.
static IRREGULAR_FORMS: std::sync::LazyLock<FastSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        IRREGULAR
            .iter()
            .flat_map(|(_, past, part)| past.split('|').chain(part.split('|')))
            .collect()
    });

/// The grammatical role of one inflected form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VerbForm {
    /// Base form or non-third-person present ("travel").
    Base,
    /// Third person singular present ("travels").
    Present3,
    /// Simple past ("traveled").
    Past,
    /// Past participle ("withdrawn"); also the form of the passive.
    Participle,
    /// Present participle or gerund ("traveling").
    Gerund,
}

/// Every inflected form of the base verb `base` (lowercase), with its role. The list may hold a
/// form twice under different roles ("met" past and participle) and harmless spelling variants
/// that never occur in text ("visitted"); it never misses a regular form.
pub fn inflect(base: &str) -> Vec<(String, VerbForm)> {
    let mut forms = vec![(base.to_owned(), VerbForm::Base)];
    if base == "be" {
        for f in ["is", "are", "am", "'s", "’s"] {
            forms.push((f.to_owned(), VerbForm::Present3));
        }
        for f in ["was", "were"] {
            forms.push((f.to_owned(), VerbForm::Past));
        }
        forms.push(("been".to_owned(), VerbForm::Participle));
        forms.push(("being".to_owned(), VerbForm::Gerund));
        return forms;
    }
    forms.push((third_person(base), VerbForm::Present3));
    if base == "have" {
        forms.retain(|(f, _)| f != "haves");
        forms.push(("has".to_owned(), VerbForm::Present3));
    }
    if base == "do" {
        forms.push(("does".to_owned(), VerbForm::Present3));
    }
    match irregular(base) {
        Some((past, participle)) => {
            forms.extend(past.into_iter().map(|f| (f, VerbForm::Past)));
            forms.extend(participle.into_iter().map(|f| (f, VerbForm::Participle)));
        }
        None => {
            for f in regular_past(base) {
                forms.push((f.clone(), VerbForm::Past));
                forms.push((f, VerbForm::Participle));
            }
        }
    }
    forms.extend(gerunds(base).into_iter().map(|f| (f, VerbForm::Gerund)));
    forms.dedup();
    forms
}

/// Past forms and participles of an irregular verb, also through a prefix (withdraw).
fn irregular(base: &str) -> Option<(Vec<String>, Vec<String>)> {
    let split = |s: &str, prefix: &str| {
        s.split('|')
            .map(|f| format!("{prefix}{f}"))
            .collect::<Vec<_>>()
    };
    if let Some((_, past, part)) = IRREGULAR.iter().find(|(b, _, _)| *b == base) {
        return Some((split(past, ""), split(part, "")));
    }
    for prefix in PREFIXES {
        if let Some(stem) = base.strip_prefix(prefix) {
            if stem.len() >= 2 {
                if let Some((_, past, part)) = IRREGULAR.iter().find(|(b, _, _)| *b == stem) {
                    return Some((split(past, prefix), split(part, prefix)));
                }
            }
        }
    }
    None
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Whether the verb ends consonant–vowel–consonant (stop, plan, travel), where English may double
/// the last consonant before -ed and -ing.
fn ends_cvc(base: &str) -> bool {
    let b = base.as_bytes();
    let n = b.len();
    n >= 3
        && !is_vowel(b[n - 1])
        && !matches!(b[n - 1], b'w' | b'x' | b'y')
        && is_vowel(b[n - 2])
        && !is_vowel(b[n - 3])
}

fn third_person(base: &str) -> String {
    let b = base.as_bytes();
    let n = b.len();
    if base.ends_with('s')
        || base.ends_with('x')
        || base.ends_with('z')
        || base.ends_with("ch")
        || base.ends_with("sh")
        || base.ends_with('o')
    {
        format!("{base}es")
    } else if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        format!("{}ies", &base[..n - 1])
    } else {
        format!("{base}s")
    }
}

fn regular_past(base: &str) -> Vec<String> {
    let b = base.as_bytes();
    let n = b.len();
    if base.ends_with('e') {
        vec![format!("{base}d")]
    } else if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        vec![format!("{}ied", &base[..n - 1])]
    } else if ends_cvc(base) {
        let last = &base[n - 1..];
        vec![format!("{base}ed"), format!("{base}{last}ed")]
    } else {
        vec![format!("{base}ed")]
    }
}

fn gerunds(base: &str) -> Vec<String> {
    let n = base.len();
    if let Some(stem) = base.strip_suffix("ie") {
        vec![format!("{stem}ying")]
    } else if base.ends_with('e') && !base.ends_with("ee") && n > 2 {
        vec![format!("{}ing", &base[..n - 1])]
    } else if ends_cvc(base) {
        let last = &base[n - 1..];
        vec![format!("{base}ing"), format!("{base}{last}ing")]
    } else {
        vec![format!("{base}ing")]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(base: &str, form: &str, role: VerbForm) -> bool {
        inflect(base).iter().any(|(f, r)| f == form && *r == role)
    }

    #[test]
    fn regular_verbs() {
        assert!(has("travel", "travels", VerbForm::Present3));
        assert!(has("travel", "traveled", VerbForm::Past));
        assert!(has("travel", "travelled", VerbForm::Past));
        assert!(has("travel", "traveling", VerbForm::Gerund));
        assert!(has("travel", "travelling", VerbForm::Gerund));
        assert!(has("announce", "announced", VerbForm::Past));
        assert!(has("announce", "announcing", VerbForm::Gerund));
        assert!(has("die", "died", VerbForm::Past));
        assert!(has("die", "dying", VerbForm::Gerund));
        assert!(has("carry", "carries", VerbForm::Present3));
        assert!(has("carry", "carried", VerbForm::Past));
        assert!(has("broker", "brokering", VerbForm::Gerund));
        assert!(has("stop", "stopped", VerbForm::Past));
        assert!(has("push", "pushes", VerbForm::Present3));
        assert!(has("flee", "fleeing", VerbForm::Gerund));
    }

    #[test]
    fn irregular_verbs() {
        assert!(has("meet", "met", VerbForm::Past));
        assert!(!has("meet", "meeted", VerbForm::Past));
        assert!(has("withdraw", "withdrew", VerbForm::Past));
        assert!(has("withdraw", "withdrawn", VerbForm::Participle));
        assert!(has("leave", "left", VerbForm::Past));
        assert!(has("go", "went", VerbForm::Past));
        assert!(has("go", "gone", VerbForm::Participle));
        assert!(has("go", "goes", VerbForm::Present3));
        assert!(has("be", "was", VerbForm::Past));
        assert!(has("have", "has", VerbForm::Present3));
        assert!(!has("have", "haves", VerbForm::Present3));
        assert!(has("fly", "flew", VerbForm::Past));
        assert!(has("fly", "flies", VerbForm::Present3));
    }
}

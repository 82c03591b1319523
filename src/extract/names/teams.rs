//! Sports teams and universities named after places: a typing pass over a document's name
//! candidates.

use std::collections::HashSet;

use super::{Candidate, Kind};
use crate::extract::names_lexicon::{NameLexicon, word};
use crate::extract::text::Document;

/// Sports teams and universities named after places are organisations: a place name with a team
/// suffix ("Ohio State", "Leeds United"), and the two sides of a match word ("Alabama versus
/// Florida State", "Kenya beat Ghana") when neither is a person. A place named as a team once is
/// the team wherever the document names it the same way; when two countries (or other listed
/// places that are not cities) play each other, the document is a sports report and every such
/// place it names is a team.
pub fn teams(doc: &Document<'_>, lex: &NameLexicon, flags: &[u32], cands: &mut [Candidate]) {
    let mut is_team = vec![false; cands.len()];
    for (ci, c) in cands.iter().enumerate() {
        let last = c.tokens.end - 1;
        if c.tokens.len() < 2
            || c.gaz.is_some()
            || c.demonym
            || flags[last] & word::PLACE_TEAM_SUFFIX == 0
        {
            continue;
        }
        let start = c.tokens.start;
        let place = lex
            .longest_name(|j| (start + j < last).then(|| doc.token_text(start + j)))
            .and_then(|(len, e)| (start + len == last).then_some(e))
            .and_then(|e| lex.entry(e))
            .is_some_and(|e| Kind::from_class(&e.kind).is_place());
        is_team[ci] = place;
    }
    for ci in 1..cands.len() {
        let (a, b) = (&cands[ci - 1], &cands[ci]);
        let sides = a.sentence == b.sentence
            && b.tokens.start == a.tokens.end + 1
            && flags[a.tokens.end] & word::MATCH_WORD != 0
            && ![a, b]
                .iter()
                .any(|c| c.kind == Kind::Person || c.demonym || c.title.is_some())
            && (a.kind.is_place() || b.kind.is_place() || is_team[ci - 1] || is_team[ci]);
        if sides {
            is_team[ci - 1] = true;
            is_team[ci] = true;
        }
    }
    if !is_team.contains(&true) {
        return;
    }
    let text = |c: &Candidate| {
        doc.slice(doc.tokens[c.tokens.start].start..doc.tokens[c.tokens.end - 1].end)
    };
    let names: HashSet<&str> = cands
        .iter()
        .zip(&is_team)
        .filter(|(_, t)| **t)
        .map(|(c, _)| text(c))
        .collect();
    // Two countries (or states, regions: listed places other than cities) that play each other
    // make a sports report: its countries are teams.
    let country = |c: &Candidate| {
        c.gaz
            .and_then(|g| lex.entry(g))
            .is_some_and(|e| matches!(Kind::from_class(&e.kind), Kind::Country | Kind::Place))
    };
    let team_countries = cands
        .iter()
        .zip(&is_team)
        .filter(|(c, t)| **t && country(c))
        .map(|(c, _)| text(c))
        .collect::<HashSet<_>>()
        .len();
    let all_countries = team_countries >= 2;
    for c in cands.iter_mut() {
        if all_countries && !c.demonym && country(c) {
            c.kind = Kind::Organization;
            c.strength = 4;
            c.gaz = None;
            continue;
        }
        if !c.demonym
            && (c.kind.is_place() || c.kind == Kind::Organization)
            && names.contains(text(c))
        {
            c.kind = Kind::Organization;
            c.strength = 4;
            c.gaz = None;
        }
    }
}

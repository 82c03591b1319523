//! Candidate generation: the KB entities an entity of an article may be, each with the quality of
//! its name match and whether its classes fit the entity's type (see the parent module).

use std::collections::HashMap;

use super::context::{ArticleContext, NameEvidence};
use super::normalize::{self, normalize, word_count};
use super::{
    Category, FALLBACK, LinkRequest, Linker, MATCH_ALIAS, MATCH_LABEL, MATCH_QUALIFIED,
    MAX_NAME_BYTES, NICKNAME, NameHit, NameKind, QUERY_ALIAS, UNTYPED,
};

/// A KB entity an entity may be.
#[derive(Debug, Clone, Copy)]
pub(super) struct Candidate {
    pub(super) entity: u32,
    pub(super) quality: f64,
    pub(super) method: &'static str,
    /// Whether its KB classes fit the entity's type; a candidate that does not (a rival) is
    /// never chosen but competes.
    pub(super) fits: bool,
    /// It fits, but is also a place while the entity is an organisation only.
    pub(super) loose: bool,
}

impl Linker {
    /// The candidates of one request with the best name-match quality of each: those whose KB
    /// classes fit its type, and those of another type that share its name (rivals).
    pub(super) fn candidates(
        &self,
        request: &LinkRequest,
        group: &[LinkRequest],
        context: &ArticleContext<'_>,
    ) -> Vec<Candidate> {
        let Some(&mask) = self.masks.get(&request.kind) else {
            return Vec::new();
        };
        // No knowledge-base name is this long: do not spend time on hostile, huge names.
        if request.name.len() > MAX_NAME_BYTES {
            return Vec::new();
        }
        let is_person = mask & Category::Person.bit() != 0;
        let name = normalize(&request.name);
        let mut queries: Vec<(String, f64, &'static str)> = match std::iter::once(&request.name)
            .chain(&request.aliases)
            .find_map(|n| context.acronym_expansion(n.trim()))
        {
            // The article spells the acronym out: that is its name ("artificial pancreas
            // (AP)" is not the Associated Press).
            Some(expansion) => vec![(normalize(&expansion), 1.0, "acronym-expansion")],
            None => std::iter::once((name.clone(), 1.0, "label"))
                .chain(
                    request
                        .aliases
                        .iter()
                        .map(|a| (normalize(a), QUERY_ALIAS, "alias")),
                )
                .collect(),
        };
        if is_person && word_count(&name) == 1 {
            if let Some(full) = self.full_name_in_group(request, &name, group) {
                queries.clear();
                queries.push((normalize(&full.name), 1.0, "surname-in-article"));
                queries.extend(
                    full.aliases
                        .iter()
                        .map(|a| (normalize(a), QUERY_ALIAS, "surname-in-article")),
                );
            }
        }
        let mut full_name = None;
        if is_person {
            let stripped: Vec<_> = queries
                .iter()
                .filter_map(|(q, w, _)| {
                    self.strip_title(q)
                        .map(|s| (s.to_owned(), w * MATCH_QUALIFIED, "title-stripped"))
                })
                .collect();
            // A person with a full name ("Michael Allen", not "Secretary Kerry") is not looked
            // for by one of its single words.
            full_name = queries
                .iter()
                .map(|(q, _, _)| self.strip_title(q).unwrap_or(q))
                .find(|q| word_count(q) > 1)
                .map(str::to_owned);
            queries.extend(stripped);
            if full_name.is_some() {
                queries.retain(|(q, _, _)| word_count(q) > 1);
            }
        }
        let mut found: HashMap<u32, Candidate> = HashMap::new();
        for (query, weight, method) in &queries {
            if query.is_empty() {
                continue;
            }
            for hit in self.kb.lookup(query) {
                let (w, m) = match hit.kind {
                    NameKind::Label => (MATCH_LABEL, *method),
                    NameKind::Alias => (
                        MATCH_ALIAS,
                        if *method == "label" { "alias" } else { *method },
                    ),
                    NameKind::Qualified => (MATCH_QUALIFIED, "qualified-name"),
                };
                let Some(w) = self.person_word_weight(is_person, query, hit, w, context) else {
                    continue;
                };
                self.offer(&mut found, mask, hit.entity, weight * w, m);
            }
            if let Some(rest) = self.kb.strip_place_prefix(query) {
                let place = &query[..query.len() - rest.len() - 1];
                for hit in self.kb.lookup(rest) {
                    if self.named_for_another_place(hit.entity, place, rest) {
                        continue;
                    }
                    self.offer(
                        &mut found,
                        mask,
                        hit.entity,
                        weight * MATCH_QUALIFIED,
                        "qualified-name",
                    );
                }
            }
        }
        if !found.values().any(|c| c.fits) {
            match &full_name {
                Some(full) => self.same_surname_and_initial(full, mask, &mut found),
                None => self.fallback_forms(&name, mask, &mut found),
            }
        }
        let mut list: Vec<Candidate> = found.into_values().collect();
        list.sort_by_key(|c| c.entity);
        list
    }

    /// Whether one of the entity's names puts another place before `rest` than `place` (a key):
    /// "Uganda Supreme Court" is not the "U.S. Supreme Court", while "U.S." and "United States"
    /// are names of one place.
    fn named_for_another_place(&self, entity: u32, place: &str, rest: &str) -> bool {
        let places = |key: &str| -> Vec<u32> {
            self.kb
                .lookup(key)
                .iter()
                .map(|h| h.entity)
                .filter(|&e| self.kb.mask(e) & Category::Place.bit() != 0)
                .collect()
        };
        let ours = places(place);
        self.kb.entity(entity).names().any(|name| {
            let key = normalize(name);
            match self.kb.strip_place_prefix(&key) {
                Some(theirs) if theirs == rest => {
                    let other = &key[..key.len() - rest.len() - 1];
                    other != place && !places(other).iter().any(|e| ours.contains(e))
                }
                _ => false,
            }
        })
    }

    /// Offers `entity` as a candidate of an entity of category `mask`, keeping the best quality.
    fn offer(
        &self,
        found: &mut HashMap<u32, Candidate>,
        mask: u8,
        entity: u32,
        quality: f64,
        method: &'static str,
    ) {
        let kb_mask = self.kb.mask(entity);
        let untyped = kb_mask == 0 && self.kb.entity(entity).types.is_empty();
        let fits = untyped || kb_mask & mask != 0;
        let quality = if untyped { quality * UNTYPED } else { quality };
        let only_organisation =
            mask & Category::Organization.bit() != 0 && mask & Category::Place.bit() == 0;
        let loose = fits && only_organisation && kb_mask & Category::Place.bit() != 0;
        let slot = found.entry(entity).or_insert(Candidate {
            entity,
            quality: 0.0,
            method,
            fits,
            loose,
        });
        if quality > slot.quality {
            slot.quality = quality;
            slot.method = method;
        }
    }

    /// The weight of a one-word person name that matched a KB alias of a person with a longer
    /// label: a surname ("Kerry" for John Kerry) is dropped when the article gives the surname
    /// another given name ("Michael Allen" is not Paul Allen); a nickname ("Kate" for Katy Perry)
    /// weighs little unless the article names the person in full. `None` drops the hit.
    fn person_word_weight(
        &self,
        is_person: bool,
        query: &str,
        hit: &NameHit,
        weight: f64,
        context: &ArticleContext<'_>,
    ) -> Option<f64> {
        if !is_person || hit.kind != NameKind::Alias || word_count(query) != 1 {
            return Some(weight);
        }
        let Some(label) = self.kb.entity(hit.entity).label.as_deref().map(normalize) else {
            return Some(weight);
        };
        if word_count(&label) < 2 {
            return Some(weight);
        }
        if normalize::last_word(&label) == query {
            let given = label.split(' ').next().unwrap_or_default();
            match context.given_name_evidence(query, given, &self.titles) {
                NameEvidence::Contradicts => None,
                NameEvidence::Supports | NameEvidence::Silent => Some(weight),
            }
        } else if self.kb.is_given_name(query) && !context.has_phrase(&label) {
            Some(weight * NICKNAME)
        } else {
            Some(weight)
        }
    }

    /// When no KB person has this full name: one with the same surname whose given name starts
    /// with the same letter ("Binyamin Netanyahu" = "Benjamin Netanyahu"; "Hillary Clinton" is
    /// not "Bill Clinton"), found through the surname as a KB name.
    fn same_surname_and_initial(&self, full: &str, mask: u8, found: &mut HashMap<u32, Candidate>) {
        let Some((given, _)) = full.split_once(' ') else {
            return;
        };
        let surname = normalize::last_word(full);
        for hit in self.kb.lookup(surname) {
            let Some(label) = self.kb.entity(hit.entity).label.as_deref().map(normalize) else {
                continue;
            };
            let Some((kb_given, _)) = label.split_once(' ') else {
                continue;
            };
            if self.kb.mask(hit.entity) & Category::Person.bit() != 0
                && normalize::last_word(&label) == surname
                && kb_given.chars().next() == given.chars().next()
            {
                let quality = FALLBACK * MATCH_ALIAS;
                self.offer(found, mask, hit.entity, quality, "surname-and-initial");
            }
        }
    }

    /// When nothing fits: an organisation named in the plural ("Conservatives" → the
    /// Conservative Party) and a place named by its demonym ("Pakistani" → Pakistan).
    fn fallback_forms(&self, name: &str, mask: u8, found: &mut HashMap<u32, Candidate>) {
        if word_count(name) == 0 || name.len() < 4 {
            return;
        }
        // (form, method, category the KB entity must have, category it must not have)
        let mut forms: Vec<(String, &'static str, u8, u8)> = Vec::new();
        if mask & Category::Organization.bit() != 0 {
            if let Some(singular) = name.strip_suffix('s') {
                // The members of a party or a team; a plural place ("Americas") is another thing.
                let (org, place) = (Category::Organization.bit(), Category::Place.bit());
                forms.push((singular.to_owned(), "plural", org, place));
            }
        }
        // A country is a place and an organisation (its state): "Pakistani officials".
        let place_or_org = Category::Place.bit() | Category::Organization.bit();
        if mask & place_or_org != 0 && word_count(name) == 1 {
            for suffix in ["ian", "an", "i", "n"] {
                if let Some(stem) = name.strip_suffix(suffix) {
                    if stem.len() >= 3 {
                        forms.push((stem.to_owned(), "demonym", Category::Place.bit(), 0));
                    }
                }
            }
        }
        for (form, method, must, must_not) in forms {
            for hit in self.kb.lookup(&form) {
                let kb_mask = self.kb.mask(hit.entity);
                if kb_mask & must != 0 && kb_mask & must_not == 0 {
                    let w = if hit.kind == NameKind::Label {
                        MATCH_LABEL
                    } else {
                        MATCH_ALIAS
                    };
                    self.offer(found, mask, hit.entity, FALLBACK * w, method);
                }
            }
        }
    }

    /// A person of the group, seen before `request`, whose multi-word name ends with `surname`;
    /// only when exactly one such person exists.
    pub(super) fn full_name_in_group<'g>(
        &self,
        request: &LinkRequest,
        surname: &str,
        group: &'g [LinkRequest],
    ) -> Option<&'g LinkRequest> {
        let mut found = group.iter().filter(|other| {
            let key = normalize(&other.name);
            self.masks
                .get(&other.kind)
                .is_some_and(|m| m & Category::Person.bit() != 0)
                && word_count(&key) >= 2
                && normalize::last_word(&key) == surname
                && match (other.first_mention, request.first_mention) {
                    (Some(a), Some(b)) => a < b,
                    _ => true,
                }
        });
        let first = found.next()?;
        found
            .all(|o| normalize(&o.name) == normalize(&first.name))
            .then_some(first)
    }

    /// `key` without a leading title ("secretary kerry" → "kerry").
    pub(super) fn strip_title<'k>(&self, key: &'k str) -> Option<&'k str> {
        let mut best = None;
        for (cut, _) in key.match_indices(' ') {
            if self.titles.contains(&key[..cut]) {
                best = Some(&key[cut + 1..]);
            }
        }
        best
    }
}
